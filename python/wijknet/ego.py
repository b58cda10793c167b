"""Ego networks and support: per-resident measures of each resident's personal network, and
the whole-network measures that go with them.

Per ego (a pandas Series indexed by node id, named after the measure; :func:`measures` gives
them all as one table): :func:`size`, :func:`density`, Burt's (1992) structural holes —
:func:`effective_size`, :func:`efficiency`, :func:`redundancy`, :func:`constraint`,
:func:`hierarchy` — the composition of ego's alters over an attribute (:func:`composition`,
:func:`blau`, :func:`iqv`, :func:`ei_index`), :func:`strong_ties`, :func:`support_sources`
and :func:`nobody_to_ask`. Residents without alters are kept (size 0; NaN where a measure is
undefined), never dropped.

Whole network: :func:`reciprocity`, :func:`degree_centralisation` (Freeman),
:func:`share_nobody_to_ask`, and Gould–Fernandez :func:`brokerage` roles on a directed layer.
These four are also available as ``wn.reciprocity`` etc.; the network density is
:func:`wijknet.density`.

Conventions. Ego's *alters* are the nodes tied to ego in either direction. For a directed
graph the strength of the tie between i and j is the *mutual weight* w_ij + w_ji (networkx's
convention for ``constraint`` and ``effective_size``); ``support_sources`` alone follows the
direction (whom ego names). ``weight=None`` (networkx's default here) counts every tie as 1;
``weight="weight"`` uses the tie strengths. Definitions: docs/metrics.md, "Support network".

Survey layers (:meth:`wijknet.Network.layer`) with respondents recorded: a person who was not
asked has an unknown ego network, so the measures of its structure and composition —
``density``, ``effective_size``, ``efficiency``, ``redundancy``, ``constraint``,
``hierarchy``, ``blau``, ``iqv``, ``ei_index`` — are NaN for them ("not asked" is never read as
"no tie"). ``support_sources`` (whom the person names) and ``nobody_to_ask`` are what the
person answered, so they are missing (``<NA>``) for a person who was not asked. Counts of
alters in either direction (``size``, ``strong_ties``, the composition counts) stay the ties
observed from the others: check :attr:`Graph.respondents` before reading a non-respondent's
counts. Reciprocity counts
only ties between two respondents, and :func:`share_nobody_to_ask` is taken among
respondents. The core computes this rule once, for every caller.

Examples
--------
>>> import wijknet as wn
>>> g = wn.datasets.davis_southern_women().project()
>>> wn.ego.measures(g)[["size", "effective_size", "constraint"]].round(3).head(3)
                  size  effective_size  constraint
resident
Evelyn Jefferson    17           2.647       0.221
Laura Mandeville    15           1.533       0.228
Theresa Anderson    17           2.647       0.221
"""

from __future__ import annotations

import numbers
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from . import _args, _groups, _progress
from . import _wijknet as _native
from ._egocentric import from_egocentric
from ._errors import ArgumentError, NodeNotFoundError
from .graph import Graph

__all__ = [
    "from_egocentric",
    "size",
    "density",
    "effective_size",
    "efficiency",
    "redundancy",
    "constraint",
    "hierarchy",
    "strong_ties",
    "support_sources",
    "nobody_to_ask",
    "composition",
    "blau",
    "iqv",
    "ei_index",
    "measures",
    "reciprocity",
    "degree_centralisation",
    "share_nobody_to_ask",
    "brokerage",
]

Attribute: TypeAlias = str | pd.Series

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _native_measures(
    g: Graph, fn: str, weight: Any, strong: float | None, threads: Any, progress: _progress.ProgressArg
) -> dict[str, Any]:
    weighted = _args.weight(weight, f"ego.{fn}")
    threads = _args.threads(threads, f"ego.{fn}")
    with _args.progress(progress, f"ego.{fn}") as cb:
        return _native.ego_measures(g._g, weighted, strong, threads, cb)


def _threshold(strong: Any) -> float | None:
    if strong is None:
        return None
    if isinstance(strong, bool) or not isinstance(strong, numbers.Real) or np.isnan(float(strong)):
        raise ArgumentError(
            f"strong= must be a number (the smallest weight of a strong tie) or None, not {strong!r}"
        )
    return float(strong)


def _codes(g: Graph, attribute: Any, fn: str, stacklevel: int = 4) -> tuple[np.ndarray, pd.Index, str]:
    """(int32 codes with -1 for missing, the categories, a name) of a node attribute given as a
    column name of the graph's node attributes or a Series indexed by node id."""
    values, name = _groups.node_values(g, attribute, fn)
    note = "as alters they are counted in 'missing' and left out of the shares"
    codes, cats = _groups.factorize(values, name, fn, note, stacklevel)
    return codes, cats, name


def _composition(g: Graph, attribute: Any, fn: str, threads: Any) -> tuple:
    codes, cats, name = _codes(g, attribute, fn)
    threads = _args.threads(threads, fn)
    d = _native.ego_composition(g._g, codes, len(cats), threads)
    counts, missing, blau_, iqv_, ei = d["counts"], d["missing"], d["blau"], d["iqv"], d["ei_index"]
    return counts.reshape(len(codes), len(cats)), missing, blau_, iqv_, ei, cats, name


def _series(g: Graph, values: Any, name: str, dtype: str | None = None) -> pd.Series:
    return pd.Series(values if dtype is None else values.astype(dtype), index=g.nodes, name=name)


def _answered_counts(values: np.ndarray) -> Any:
    """Counts of what each person answered, from the core (NaN: not asked) as a nullable
    integer array (``<NA>`` for a person who was not asked)."""
    return pd.array(np.asarray(values, dtype=float), dtype="Float64").astype("Int64")


# ---------------------------------------------------------------------------------------------
# per ego
# ---------------------------------------------------------------------------------------------


def size(g: Graph) -> pd.Series:
    """Number of alters of each resident: the people tied to them in either direction (Burt's
    and networkx's ego-network size, ``len(set(nx.all_neighbors(G, v)))``). 0 for residents
    without ties; for an undirected graph this is the degree.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"size"``; 0 for residents without ties.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "a"]}), directed=True)
    >>> wn.ego.size(g).tolist()
    [2, 1, 1]
    """
    g = _args.graph(g, "ego.size")
    return _series(g, _native.ego_size(g._g), "size", "int64")


def density(g: Graph, *, threads: int | None = None, progress: _progress.ProgressArg = None) -> pd.Series:
    """Density of each resident's ego network: the share of pairs of alters that are tied
    themselves, 2t/(n(n−1)) with n alters and t ties among them (ties to ego not counted;
    undirected view). NaN with fewer than 2 alters (no pair to be tied). Not the whole-network
    :func:`wijknet.density`.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"density"``; NaN below 2 alters.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "a", "b"], "target": ["b", "c", "d", "c"]}))
    >>> wn.ego.density(g).round(4).tolist()
    [0.3333, 1.0, 1.0, nan]
    """
    g = _args.graph(g, "ego.density")
    return _series(g, _native_measures(g, "density", None, None, threads, progress)["density"], "density")


def effective_size(
    g: Graph,
    *,
    weight: str | None = None,
    threads: int | None = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """Burt's effective size of each resident's network: the number of alters minus their
    redundancy, as ``nx.effective_size``.

    e_i = Σ_j (1 − Σ_q p_iq m_jq) over the alters j, with p_iq = w_iq / Σ_k w_ik the share of
    ego's tie strength that goes to q and m_jq = w_jq / max_k w_jk (mutual weights for a
    directed graph). Without weights on an undirected graph this is Borgatti's n − 2t/n (n
    alters, t ties among them), as networkx computes it there. A resident whose contacts do not
    know each other has effective size n; a tight clique pulls it towards 1.

    Parameters
    ----------
    weight
        None (every tie counts 1, networkx's default) or ``"weight"`` (tie strengths).
    threads, progress
        As :func:`wijknet.pagerank`.

    Returns
    -------
    pandas.Series
        Named ``"effective_size"``; NaN for residents without alters (as networkx).

    Notes
    -----
    networkx 3.6 has two code paths: per node (``nodes=`` given, or no scipy) and a sparse
    matrix path for all nodes. On weighted or directed graphs the matrix path divides m_jq by
    the largest weight of q instead of j (networkx PR #8906), so its values differ; wijknet
    follows the documented definition and the per-node path (which agrees with UCINET).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "a", "c"], "target": ["b", "c", "c", "d"]}))
    >>> wn.ego.effective_size(g).round(4).tolist()
    [1.0, 1.0, 2.3333, 1.0]
    """
    g = _args.graph(g, "ego.effective_size")
    return _series(
        g,
        _native_measures(g, "effective_size", weight, None, threads, progress)["effective_size"],
        "effective_size",
    )


def efficiency(
    g: Graph,
    *,
    weight: str | None = None,
    threads: int | None = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """Burt's efficiency: effective size / number of alters (1 when no alter is redundant).
    NaN for residents without alters. networkx leaves it to the user (dividing by
    ``G.degree``, which for a directed graph counts a mutual pair twice); wijknet divides by
    the number of alters.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    weight
        None (every tie counts 1) or ``"weight"`` (tie strengths).
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"efficiency"``; NaN without alters.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "a", "c"], "target": ["b", "c", "c", "d"]}))
    >>> wn.ego.efficiency(g).round(4).tolist()
    [0.5, 0.5, 0.7778, 1.0]
    """
    g = _args.graph(g, "ego.efficiency")
    return _series(
        g, _native_measures(g, "efficiency", weight, None, threads, progress)["efficiency"], "efficiency"
    )


def redundancy(
    g: Graph,
    *,
    weight: str | None = None,
    threads: int | None = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """Burt's redundancy: number of alters − effective size (Borgatti's 2t/n for an
    undirected graph without weights: the average number of ties an alter has with the other
    alters). NaN for residents without alters.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    weight
        None (every tie counts 1) or ``"weight"`` (tie strengths).
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"redundancy"``; NaN without alters.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "a", "c"], "target": ["b", "c", "c", "d"]}))
    >>> wn.ego.redundancy(g).round(4).tolist()
    [1.0, 1.0, 0.6667, 0.0]
    """
    g = _args.graph(g, "ego.redundancy")
    return _series(
        g, _native_measures(g, "redundancy", weight, None, threads, progress)["redundancy"], "redundancy"
    )


def constraint(
    g: Graph,
    *,
    weight: str | None = None,
    threads: int | None = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """Burt's constraint on each resident, as ``nx.constraint``: how much ego's ties are
    invested in people who are invested in each other (high = a closed network, few structural
    holes; a resident with one contact has constraint 1).

    C_i = Σ_j (p_ij + Σ_q p_iq p_qj)² over the alters j with p_ij > 0, where p_ij is the share of
    ego's (mutual) tie strength that goes to j.

    Parameters
    ----------
    weight
        None (every tie counts 1, networkx's default) or ``"weight"`` (tie strengths).
    threads, progress
        As :func:`wijknet.pagerank`.

    Returns
    -------
    pandas.Series
        Named ``"constraint"``; NaN for residents without alters (as networkx) and, with
        weights, for residents whose ties all have weight 0.

    Notes
    -----
    igraph's ``constraint`` uses the same definition (p from in- plus out-ties, normalised by
    ego's total strength) and gives the same values on wijknet's graphs, which have no loops
    or repeated edges.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "a", "c"], "target": ["b", "c", "c", "d"]}))
    >>> wn.ego.constraint(g).round(4).tolist()
    [1.0069, 1.0069, 0.6111, 1.0]
    """
    g = _args.graph(g, "ego.constraint")
    return _series(
        g, _native_measures(g, "constraint", weight, None, threads, progress)["constraint"], "constraint"
    )


def hierarchy(
    g: Graph,
    *,
    weight: str | None = None,
    threads: int | None = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """Burt's (1992) hierarchy: how unequally ego's constraint is spread over the N contacts,
    Σ_j (c_ij/c̄) ln(c_ij/c̄) / (N ln N) with c_ij the local constraint of contact j and c̄ its
    mean. 0 when every contact constrains ego equally, towards 1 when one contact holds it all
    (a resident who depends on one central person).

    With a single contact the formula is 0/0; wijknet returns **1** there (all constraint lies
    on that contact). NaN for residents without alters. networkx and igraph do not compute it.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    weight
        None (every tie counts 1) or ``"weight"`` (tie strengths).
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"hierarchy"``; NaN without alters.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "a", "c"], "target": ["b", "c", "c", "d"]}))
    >>> wn.ego.hierarchy(g).round(4).tolist()
    [0.0099, 0.0099, 0.0522, 1.0]
    """
    g = _args.graph(g, "ego.hierarchy")
    return _series(
        g, _native_measures(g, "hierarchy", weight, None, threads, progress)["hierarchy"], "hierarchy"
    )


def strong_ties(g: Graph, *, threshold: float, threads: int | None = None) -> pd.Series:
    """Number of strong ties of each resident: alters whose tie weight is at least
    ``threshold`` (e.g. met at ≥ 5 sessions). For a directed graph the weight of a tie is
    w_ij + w_ji, the weight it would have in the undirected graph.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    threshold
        The smallest tie weight that counts as strong.
    threads
        Threads (None: :func:`wijknet.set_num_threads`).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"strong_ties"`` (whole numbers).

    Examples
    --------
    >>> import wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project()
    >>> wn.ego.strong_ties(g, threshold=4).head(3)
    resident
    Evelyn Jefferson    4
    Laura Mandeville    5
    Theresa Anderson    7
    Name: strong_ties, dtype: int64
    """
    g = _args.graph(g, "ego.strong_ties")
    t = _threshold(threshold)
    if t is None:
        raise ArgumentError("strong_ties(threshold=...) needs a number: the smallest weight of a strong tie")
    return _series(
        g, _native.ego_strong_ties(g._g, t, _args.threads(threads, "ego.strong_ties")), "strong_ties", "int64"
    )


def support_sources(g: Graph) -> pd.Series:
    """Number of support sources of each resident: the people they name (out-ties) in a
    directed support layer ("whom would you ask for help?"), or their ties in an undirected
    graph.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"support_sources"`` (nullable whole numbers: ``<NA>`` for a
        person of a survey layer who was not asked).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "a"]}), directed=True)
    >>> wn.ego.support_sources(g).tolist()
    [2, 1, 0]
    """
    g = _args.graph(g, "ego.support_sources")
    return _series(g, _answered_counts(_native.ego_support_sources(g._g)), "support_sources")


def nobody_to_ask(g: Graph) -> pd.Series:
    """Whether each resident has nobody to ask: no support source (:func:`support_sources`
    is 0). Boolean Series named ``"nobody_to_ask"``; its mean is :func:`share_nobody_to_ask`.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"nobody_to_ask"`` (nullable booleans: ``<NA>`` for a person
        of a survey layer who was not asked).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "a"]}), directed=True)
    >>> wn.ego.nobody_to_ask(g).tolist()
    [False, False, True]
    """
    s = support_sources(g)
    return (s == 0).astype("boolean").rename("nobody_to_ask")


def composition(
    g: Graph, *, attribute: Attribute, normalize: bool = True, threads: int | None = None
) -> pd.DataFrame:
    """Composition of each resident's alters over a categorical attribute: one column per
    category with the share of ego's alters in it (``normalize=False``: the number), and a
    column ``missing`` with the number of alters whose value is missing (left out of the
    shares). Shares are NaN for a resident without alters of known value.

    Parameters
    ----------
    attribute
        A node attribute of the graph (e.g. a resident attribute added with
        :meth:`~wijknet.Network.with_resident_attributes` before projecting), or a pandas
        Series indexed by node id (nodes it leaves out count as missing). Categories are the
        distinct values the nodes take, sorted where possible.
    normalize
        Shares (True) or counts (False).

    Returns
    -------
    pandas.DataFrame
        Indexed by node id: one column per category (shares of the alters with a value, or
        counts with ``normalize=False``) and ``missing`` (alters without a value).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "a"], "target": ["b", "c", "d"]}))
    >>> sex = pd.Series({"a": "f", "b": "f", "c": "m", "d": "m"}, name="sex")
    >>> wn.ego.composition(g, attribute=sex).round(3)
    sex       f      m  missing
    node
    a     0.333  0.667        0
    b     1.000  0.000        0
    c     1.000  0.000        0
    d     1.000  0.000        0
    """
    g = _args.graph(g, "ego.composition")
    counts, missing, *_rest, cats, name = _composition(g, attribute, "ego.composition", threads)
    if normalize:
        known = counts.sum(axis=1, keepdims=True).astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            data = np.where(known > 0, counts / np.where(known > 0, known, 1), np.nan)
    else:
        data = counts.astype("int64")
    df = pd.DataFrame(data, index=g.nodes, columns=cats)
    miss_col = "missing" if "missing" not in df.columns else "(missing)"
    df[miss_col] = missing.astype("int64")
    df.columns.name = name
    return df


def blau(g: Graph, *, attribute: Attribute, threads: int | None = None) -> pd.Series:
    """Blau's heterogeneity of each resident's alters over an attribute: 1 − Σ_c p_c², the
    chance that two alters drawn at random (with replacement) differ. 0 when all alters are
    alike; alters with a missing value are left out; NaN when no alter has a value.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    attribute
        A node attribute name or a pandas Series indexed by node id.
    threads
        Threads (None: :func:`wijknet.set_num_threads`).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"blau"``; NaN without alters with a value.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "a"], "target": ["b", "c", "d"]}))
    >>> wn.ego.blau(g, attribute=pd.Series({"a": "f", "b": "f", "c": "m", "d": "m"})).round(4).tolist()
    [0.4444, 0.0, 0.0, 0.0]
    """
    g = _args.graph(g, "ego.blau")
    return _series(g, _composition(g, attribute, "ego.blau", threads)[2], "blau")


def iqv(g: Graph, *, attribute: Attribute, threads: int | None = None) -> pd.Series:
    """Index of qualitative variation: Blau's heterogeneity divided by its largest possible
    value 1 − 1/K (K = the number of categories the attribute takes among the graph's nodes),
    so 1 means alters spread evenly over all categories. NaN when K < 2 or no alter has a
    value.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    attribute
        A node attribute name or a pandas Series indexed by node id.
    threads
        Threads (None: :func:`wijknet.set_num_threads`).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"iqv"``; NaN without alters with a value.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "a"], "target": ["b", "c", "d"]}))
    >>> wn.ego.iqv(g, attribute=pd.Series({"a": "f", "b": "f", "c": "m", "d": "m"})).round(4).tolist()
    [0.8889, 0.0, 0.0, 0.0]
    """
    g = _args.graph(g, "ego.iqv")
    return _series(g, _composition(g, attribute, "ego.iqv", threads)[3], "iqv")


def ei_index(g: Graph, *, attribute: Attribute, threads: int | None = None) -> pd.Series:
    """Ego E-I index (Krackhardt & Stern 1988): (E − I)/(E + I) with E the alters in another
    category than ego and I those in ego's own; −1 = all alters alike ego (bonding), +1 = all
    different (bridging). NaN when ego's value is missing or no alter has a value.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    attribute
        A node attribute name or a pandas Series indexed by node id.
    threads
        Threads (None: :func:`wijknet.set_num_threads`).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"ei_index"``; NaN without alters with a value.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "a"], "target": ["b", "c", "d"]}))
    >>> wn.ego.ei_index(g, attribute=pd.Series({"a": "f", "b": "f", "c": "m", "d": "m"})).round(4).tolist()
    [0.3333, -1.0, 1.0, 1.0]
    """
    g = _args.graph(g, "ego.ei_index")
    return _series(g, _composition(g, attribute, "ego.ei_index", threads)[4], "ei_index")


def measures(
    g: Graph,
    *,
    attribute: Attribute | None = None,
    weight: str | None = None,
    strong: float | None = None,
    threads: int | None = None,
    progress: _progress.ProgressArg = None,
) -> pd.DataFrame:
    """Every ego measure of every resident as one tidy table (one row per node; residents
    without alters are kept with size 0 and NaN where a measure is undefined).

    Columns: ``size``, ``alter_ties`` (t, ties among the alters), ``density``,
    ``effective_size``, ``efficiency``, ``redundancy``, ``constraint``, ``hierarchy``,
    ``support_sources``, ``nobody_to_ask``; with ``strong``: ``strong_ties``; with
    ``attribute``: ``alters_missing`` (alters without a value), ``blau``, ``iqv``,
    ``ei_index`` and one ``share_<category>`` column per category. Structural holes come from
    one pass over the graph, so this costs about as much as :func:`constraint` alone.

    Parameters
    ----------
    attribute
        Node attribute name or Series indexed by node id (see :func:`composition`).
    weight
        None (every tie counts 1) or ``"weight"``: for effective size, efficiency, redundancy,
        constraint and hierarchy.
    strong
        Smallest weight of a strong tie (see :func:`strong_ties`).
    threads, progress
        As :func:`wijknet.pagerank`.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id, one column per measure (see above).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "a", "c"], "target": ["b", "c", "c", "d"]}))
    >>> m = wn.ego.measures(g)
    >>> m[["size", "alter_ties", "density", "effective_size", "constraint"]].round(3)
          size  alter_ties  density  effective_size  constraint
    node
    a        2           1    1.000           1.000       1.007
    b        2           1    1.000           1.000       1.007
    c        3           1    0.333           2.333       0.611
    d        1           0      NaN           1.000       1.000
    >>> m[["hierarchy", "support_sources", "nobody_to_ask"]].round(3)
          hierarchy  support_sources  nobody_to_ask
    node
    a         0.010                2          False
    b         0.010                2          False
    c         0.052                3          False
    d         1.000                1          False
    """
    g = _args.graph(g, "ego.measures")
    strong = _threshold(strong)
    m = _native_measures(g, "measures", weight, strong, threads, progress)
    size_, ties, sources, strong_ = m["size"], m["alter_ties"], m["support_sources"], m["strong_ties"]
    dens, eff, effic, red = m["density"], m["effective_size"], m["efficiency"], m["redundancy"]
    con, hier = m["constraint"], m["hierarchy"]
    cols: dict[str, Any] = {
        "size": size_.astype("int64"),
        "alter_ties": ties.astype("int64"),
        "density": dens,
        "effective_size": eff,
        "efficiency": effic,
        "redundancy": red,
        "constraint": con,
        "hierarchy": hier,
        "support_sources": _answered_counts(sources),
        "nobody_to_ask": (_answered_counts(sources) == 0).astype("boolean"),
    }
    if strong_ is not None:
        cols["strong_ties"] = strong_.astype("int64")
    if attribute is not None:
        counts, missing, blau_, iqv_, ei, cats, _name = _composition(g, attribute, "ego.measures", threads)
        cols["alters_missing"] = missing.astype("int64")
        cols["blau"] = blau_
        cols["iqv"] = iqv_
        cols["ei_index"] = ei
        known = counts.sum(axis=1).astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            for k, c in enumerate(cats):
                cols[f"share_{c}"] = np.where(known > 0, counts[:, k] / np.where(known > 0, known, 1), np.nan)
    return pd.DataFrame(cols, index=g.nodes)


# ---------------------------------------------------------------------------------------------
# whole network
# ---------------------------------------------------------------------------------------------


def reciprocity(g: Graph, *, mode: str = "default") -> float:
    """Reciprocity of a directed graph (a support layer: do people name each other?).

    ``mode="default"``: reciprocated ties / ties = 2M/(2M + A) with M mutual and A asymmetric
    pairs (networkx ``reciprocity(G)``, igraph's default). ``mode="ratio"``: mutual pairs /
    connected pairs = M/(M + A) (igraph ``mode="ratio"``).

    Raises :class:`~wijknet.ArgumentError` for an undirected graph (as networkx). NaN for a
    graph without ties (networkx raises there).

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    mode
        ``"default"`` (the share of ties that are reciprocated) or ``"ratio"`` (mutual pairs
        over connected pairs), as igraph.

    Returns
    -------
    float
        NaN when the graph has no tie.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "b"], "target": ["b", "a", "c"]}), directed=True)
    >>> round(wn.reciprocity(g), 4), wn.reciprocity(g, mode="ratio")
    (0.6667, 0.5)
    """
    g = _args.graph(g, "reciprocity")
    if not isinstance(mode, str):
        raise ArgumentError(f"mode= must be 'default' or 'ratio', not {mode!r}")
    return float(_native.reciprocity(g._g, mode))


def degree_centralisation(g: Graph, *, mode: str = "all") -> float:
    """Freeman's (1978) degree centralisation: how much the network revolves around one
    resident. Σ_i (d_max − d_i) divided by its value for a star of the same size: 1 for a
    star, 0 when everybody has the same degree.

    The maximum is (n − 1)(n − 2) for an undirected graph; for a directed graph
    ``mode="out"``/``"in"`` use out-/in-degree with maximum (n − 1)², ``"all"`` in + out
    degree with maximum 2(n − 1)(n − 2) (igraph ``centralization_degree`` without loops).
    NaN for graphs too small to have a maximum (n < 3). networkx has no such function; the
    British spelling follows wijknet's own names (``pseudonymise``).

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    mode
        ``"all"``, ``"in"`` or ``"out"``: which degree (directed graphs).

    Returns
    -------
    float
        Freeman's centralisation, from 0 (everyone alike) to 1 (a star).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> star = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "a"], "target": ["b", "c", "d"]}))
    >>> wn.degree_centralisation(star)
    1.0
    """
    g = _args.graph(g, "degree_centralisation")
    if not isinstance(mode, str):
        raise ArgumentError(f"mode= must be 'all', 'out' or 'in', not {mode!r}")
    return float(_native.degree_centralisation(g._g, mode))


def share_nobody_to_ask(g: Graph, *, respondents: Any = None) -> float:
    """Share of residents with nobody to ask: no support source (no out-tie in a directed
    support layer, no tie in an undirected graph).

    Parameters
    ----------
    respondents
        Only these residents count (node ids, or a boolean Series indexed by node id): in a
        survey layer, a resident who was not asked has no ties for another reason than having
        nobody. None: every node.

    Returns
    -------
    float
        The share of (responding) residents without a support source.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}), directed=True)
    >>> round(wn.share_nobody_to_ask(g), 4), wn.share_nobody_to_ask(g, respondents=["a", "c"])
    (0.3333, 0.5)
    """
    g = _args.graph(g, "share_nobody_to_ask")
    pos = None
    if respondents is not None:
        if isinstance(respondents, pd.Series) and respondents.dtype == bool:
            respondents = respondents.index[respondents.to_numpy()]
        if isinstance(respondents, (str, bytes)) or not hasattr(respondents, "__iter__"):
            raise ArgumentError(
                "respondents= takes node ids (a list, Index or array) or a boolean Series indexed by node id"
            )
        keys = list(respondents)
        idx = g.nodes.get_indexer(keys) if len(keys) else np.zeros(0, dtype=np.int64)
        if (idx < 0).any():
            bad = [k for k, i in zip(keys, idx, strict=False) if i < 0][:3]
            raise NodeNotFoundError(f"respondents= names ids that are not nodes of the graph, e.g. {bad!r}")
        pos = np.unique(idx).astype(np.uint32)
    return float(_native.share_nobody_to_ask(g._g, pos))


BROKER_ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")


def brokerage(
    g: Graph, *, attribute: Attribute, threads: int | None = None, progress: _progress.ProgressArg = None
) -> pd.DataFrame:
    """Gould & Fernandez (1989) brokerage roles on a directed graph: for each resident b, the
    number of two-paths a → b → c (a ≠ c, no tie a → c) in which b brokers, by the groups of
    a, b and c:

    - ``coordinator``: all three in one group;
    - ``gatekeeper``: b and c in one group, a outside (b lets in);
    - ``representative``: a and b in one group, c outside (b speaks for its group);
    - ``itinerant`` (consultant): a and c in one group, b outside;
    - ``liaison``: three different groups.

    ``total`` is their sum; ``unclassified`` counts brokered two-paths where a group is missing
    (reported, not dropped). The same rules as statnet's ``sna::brokerage`` (a tie c → a does
    not matter).

    Parameters
    ----------
    attribute
        The group of each node: a node attribute name or a Series indexed by node id.

    Raises
    ------
    ArgumentError
        For an undirected graph (roles need a direction).

    Returns
    -------
    pandas.DataFrame
        Indexed by node id, one column per brokerage role (counts).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}), directed=True)
    >>> roles = wn.brokerage(g, attribute=pd.Series({"a": "x", "b": "x", "c": "y"}))
    >>> roles.loc["b"].to_dict()
    {'coordinator': 0, 'gatekeeper': 0, 'representative': 1, 'itinerant': 0, 'liaison': 0, 'total': 1, 'unclassified': 0}
    >>> int(roles["total"].sum())
    1
    """
    g = _args.graph(g, "brokerage")
    if not g.is_directed():
        raise ArgumentError(
            "brokerage() needs a directed graph (who names whom: a → b → c); this graph is undirected"
        )
    codes, _cats, _name = _codes(g, attribute, "brokerage", stacklevel=3)
    with _args.progress(progress, "brokerage") as cb:
        flat = _native.brokerage(g._g, codes, _args.threads(threads, "brokerage"), cb)
    table = flat.reshape(len(codes), 6).astype("int64")
    df = pd.DataFrame(table[:, :5], index=g.nodes, columns=list(BROKER_ROLES))
    df["total"] = table[:, :5].sum(axis=1)
    df["unclassified"] = table[:, 5]
    return df


# ---------------------------------------------------------------------------------------------
# multiplexity (several layers)
# ---------------------------------------------------------------------------------------------

__all__ += ["multiplexity"]


def multiplexity(graphs: Any, *, nodes: str = "intersection") -> pd.Series:
    """Per ego, the share of its alters tied to it in at least two layers (docs/metrics.md:
    multiplexity), over the union of layers: ego's alters are everyone tied to ego in any layer
    (either direction; weights ignored), and the measure is the share of them tied to ego in
    ≥ 2 layers. Egos with no alters in any layer are kept, with NaN (there is no tie to be
    multiplex). The whole-network share is :func:`wijknet.multiplexity`.

    Parameters
    ----------
    graphs
        Two or more layers: a dict name → Graph or a list of Graphs.
    nodes
        ``"intersection"`` (the ids in every layer; the default) or ``"union"`` (the ids in any
        layer; a resident missing from a layer is an isolate there). Layers of one Network share
        their nodes; otherwise a warning says how many nodes were left out.

    Returns
    -------
    pandas.Series
        Named ``multiplexity``, indexed by the aligned node ids.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> met = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c", "d"], "target": ["b", "c", "d", "e"]}))
    >>> help = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "d", "c"], "target": ["b", "a", "d"]}), directed=True)
    >>> wn.ego.multiplexity({"met": met, "help": help}, nodes="union").round(3).to_dict()
    {'a': 0.5, 'b': 0.5, 'c': 0.5, 'd': 0.333, 'e': 0.0}
    """
    from .association import _ego_multiplexity

    return _ego_multiplexity(graphs, nodes)
