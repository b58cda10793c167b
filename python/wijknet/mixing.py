"""Mixing and diversity: do activities bring different groups together (bridging) or keep
them apart (bonding)?

On a Graph (a projection or a tie layer) and a node attribute (a resident attribute added with
:meth:`~wijknet.Network.with_resident_attributes` before projecting, or a pandas Series
indexed by node id):

* :func:`mixing_matrix` — ties between groups (networkx's ``attribute_mixing_matrix``);
* :func:`ei_index` — Krackhardt & Stern's E-I index at network, group and node level, with
  its expected value under random mixing;
* :func:`attribute_assortativity_coefficient`, :func:`numeric_assortativity_coefficient` —
  Newman's (2003) assortativity, networkx's names and values;
* :func:`coleman_homophily` — Coleman's (1958) homophily index per group;
* :func:`cross_group_share` — the share of each resident's ties that cross groups.

On a Network (the register's two-mode incidence):

* :func:`activity_diversity` — Blau and IQV of each activity's participants;
* :func:`coparticipant_diversity` — Blau, IQV and E-I of each resident's co-participants.

And :func:`by_group` (also ``wn.by_group``): any per-resident Series summarised by the groups
of an attribute, with small groups suppressed so the table is safe to publish.

Counting ties. The mixing matrix counts tie *ends* as networkx does: a directed tie once
(row: the sender's group, column: the receiver's), an undirected tie in both directions (the
matrix is symmetric, a tie within a group counts twice on the diagonal). Group-level figures
read its rows: the ties of a group's members. Node-level figures count each resident's alters
(either direction), as :func:`wijknet.ego.ei_index`. ``weight=None`` (networkx's default)
counts every tie as 1; ``weight="weight"`` sums the tie strengths.

Missing values. Nodes without a value are never silently dropped: a UserWarning says how
many there are; ties with a missing end are left out of matrices and indices and counted
(``attrs["missing"]`` of a matrix, a ``missing`` column in tables); group sizes count nodes
with a value. To treat "unknown" as a group of its own, fill it in first
(``attribute=s.fillna("unknown")``). Definitions: docs/metrics.md, "Groups, mixing, activities".

Examples
--------
>>> import wijknet as wn, pandas as pd
>>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c", "a"], "target": ["b", "c", "d", "c"]}))
>>> team = pd.Series({"a": "x", "b": "x", "c": "y", "d": "y"}, name="team")
>>> wn.mixing.mixing_matrix(g, team, normalized=False)
team    x    y
team
x     2.0  2.0
y     2.0  2.0
>>> float(wn.mixing.ei_index(g, team).loc["network", "ei_index"])
0.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from . import _args, _groups
from . import _wijknet as _native
from ._errors import ArgumentError, NodeNotFoundError
from .graph import Graph

__all__ = [
    "mixing_matrix",
    "ei_index",
    "attribute_assortativity_coefficient",
    "numeric_assortativity_coefficient",
    "coleman_homophily",
    "cross_group_share",
    "activity_diversity",
    "coparticipant_diversity",
    "by_group",
]

Attribute: TypeAlias = str | pd.Series

_TIES_NOTE = "ties with a missing end are left out and counted as 'missing'"

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _codes(obj: Any, attribute: Any, fn: str, note: str = _TIES_NOTE) -> tuple[np.ndarray, pd.Index]:
    values, name = _groups.node_values(obj, attribute, fn)
    return _groups.factorize(values, name, fn, note, stacklevel=4)


def _mixing(g: Any, attribute: Any, weight: Any, fn: str) -> tuple:
    g = _args.graph(g, fn)
    weighted = _args.weight(weight, fn)
    codes, cats = _codes(g, attribute, fn)
    out = _native.mixing(g._g, codes, len(cats), weighted)
    counts, missing, net, r, groups = (
        out["counts"],
        out["missing"],
        out["network"],
        out["assortativity"],
        out["groups"],
    )
    return g, codes, cats, counts, missing, net, r, groups


# ---------------------------------------------------------------------------------------------
# on a graph
# ---------------------------------------------------------------------------------------------


def mixing_matrix(
    g: Graph, attribute: Attribute, *, normalized: bool = True, weight: str | None = None
) -> pd.DataFrame:
    """The attribute mixing matrix: ties from each group (rows) to each group (columns).

    Counted as networkx's ``attribute_mixing_matrix`` (tie ends: an undirected tie counts in
    both directions, so a tie within a group counts twice on the diagonal; a directed tie
    once, sender's group → receiver's group); ``normalized=True`` divides by the total so the
    cells sum to 1 — networkx's matrix exactly, with one row and column per category the
    nodes take (sorted where possible). ``weight="weight"`` sums tie strengths instead of
    counting ties. Ties with an end whose value is missing are left out; their number (same
    counting) is in ``df.attrs["missing"]``.

    Parameters
    ----------
    attribute
        A node attribute name, or a pandas Series indexed by node id (nodes it leaves out count
        as missing). Any values: each distinct value is a group.
    normalized
        Shares summing to 1 (True) or tie-end counts (False).
    weight
        None (each tie counts 1) or ``"weight"``.

    Returns
    -------
    pandas.DataFrame
        Groups × groups, indexed and labelled by category: tie shares (or counts with
        ``normalized=False``).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> wn.mixing.mixing_matrix(g, pd.Series({"a": "x", "b": "x", "c": "y"}, name="team"))
    team     x     y
    team
    x     0.50  0.25
    y     0.25  0.00
    """
    if not isinstance(normalized, bool):
        raise ArgumentError(f"mixing_matrix(normalized=...) must be True or False, not {normalized!r}")
    g, _codes_, cats, m, missing, *_ = _mixing(g, attribute, weight, "mixing_matrix")
    if normalized:
        total = m.sum()
        m = m / total if total > 0 else np.full_like(m, np.nan)
    df = pd.DataFrame(m, index=cats, columns=pd.Index(cats, name=cats.name))
    df.attrs["missing"] = float(missing)
    return df


def ei_index(
    g: Graph, attribute: Attribute, *, level: str = "network", weight: str | None = None
) -> pd.DataFrame:
    """Krackhardt & Stern's (1988) E-I index (E − I)/(E + I): E ties between groups
    (external), I ties within (internal); −1 = all ties within groups (bonding), +1 = all
    between (bridging).

    ``level="network"``: one row (indexed ``"network"``) with ``external`` and ``internal``
    (ties, each counted once), ``ei_index``, ``expected`` and ``missing`` (ties left out: an
    end without a value).
    ``level="group"``: a DataFrame indexed by group with ``size`` (nodes), ``external`` and
    ``internal`` (the tie ends of the group's members: a tie between two members counts for
    each, so a group's figures are the sums of its members'), ``ei_index`` and ``expected``.
    ``level="node"``: a DataFrame indexed by node with ``group``, ``external``, ``internal``,
    ``missing`` (alters without a value), ``ei_index`` (NaN for isolates and nodes without a
    value; = :func:`wijknet.ego.ei_index` when unweighted) and ``expected``.

    Expected value under random mixing, given the group sizes n_g (nodes with a value, N in
    all): the E-I index the ties would have if each fell on a pair of nodes at random
    regardless of group. Network: 1 − 2·Σ n_g(n_g − 1) / (N(N − 1)) (the share of possible
    pairs that lie within a group; it equals the mean E-I index over random permutations of
    the attribute, the null model of Krackhardt & Stern's and UCINET's permutation test).
    Group g, and each of its members: ((N − n_g) − (n_g − 1)) / (N − 1), the E-I index of a
    member whose ties went to the other N − 1 nodes at random. An E-I index below its expected
    value means more ties within groups than chance.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    attribute
        A node attribute name or a pandas Series indexed by node id.
    level
        ``"network"``, ``"group"`` or ``"node"``.
    weight
        None (every tie counts 1) or ``"weight"`` (tie strengths).

    Returns
    -------
    pandas.DataFrame
        Whatever the level: one row for the network (index ``"network"``), one per group or
        one per node (indexed by group or node id).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> team = pd.Series({"a": "x", "b": "x", "c": "y"}, name="team")
    >>> wn.mixing.ei_index(g, team).round(3)
             external  internal  ei_index  expected  missing
    level
    network       1.0       1.0       0.0     0.333      0.0
    >>> wn.mixing.ei_index(g, team, level="group").round(3)
          size  external  internal  ei_index  expected
    team
    x        2       1.0       2.0    -0.333       0.0
    y        1       1.0       0.0     1.000       1.0
    """
    if level not in ("network", "group", "node"):
        raise ArgumentError(f"ei_index(level={level!r}): use 'network', 'group' or 'node'")
    if level == "node":
        g = _args.graph(g, "ei_index")
        weighted = _args.weight(weight, "ei_index")
        codes, cats = _codes(g, attribute, "ei_index")
        nm = _native.node_mixing(g._g, codes, len(cats), weighted)
        ext, internal, miss, ei, expected = (
            nm["external"],
            nm["internal"],
            nm["missing"],
            nm["ei_index"],
            nm["expected"],
        )
        group = (
            pd.Categorical.from_codes(codes, categories=cats)
            if len(cats)
            else pd.Categorical([np.nan] * len(codes))
        )
        return pd.DataFrame(
            {
                "group": group,
                "external": ext,
                "internal": internal,
                "missing": miss,
                "ei_index": ei,
                "expected": expected,
            },
            index=g.nodes,
        )
    g, codes, cats, _m, missing, net, _r, groups = _mixing(g, attribute, weight, "ei_index")
    if level == "network":
        scale = 1.0 if g.is_directed() else 0.5
        row = {
            "external": net["external"],
            "internal": net["internal"],
            "ei_index": net["ei_index"],
            "expected": net["expected"],
            "missing": missing * scale,
        }
        return pd.DataFrame([row], index=pd.Index(["network"], name="level"), dtype="float64")
    ext, internal, ei, expected = (
        groups["external"],
        groups["internal"],
        groups["ei_index"],
        groups["expected"],
    )
    sizes = np.bincount(codes[codes >= 0], minlength=len(cats)).astype("int64")
    return pd.DataFrame(
        {"size": sizes, "external": ext, "internal": internal, "ei_index": ei, "expected": expected},
        index=cats,
    )


def attribute_assortativity_coefficient(
    g: Graph, attribute: Attribute, *, weight: str | None = None
) -> float:
    """Newman's (2003) assortativity coefficient of a categorical attribute, as networkx's
    ``attribute_assortativity_coefficient``: r = (Σ e_gg − Σ a_g b_g)/(1 − Σ a_g b_g) over the
    normalised :func:`mixing_matrix` e with row sums a and column sums b. 1 = ties only within
    groups, 0 = as random, negative = groups avoid themselves. NaN when all tie ends lie in
    one group. ``weight="weight"`` weighs each tie by its strength (networkx has no weights
    here). Ties with an end without a value are left out (a UserWarning says how many nodes).

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    attribute
        A node attribute name or a pandas Series indexed by node id.
    weight
        None (every tie counts 1) or ``"weight"`` (tie strengths).

    Returns
    -------
    float
        Newman's r, from −1 to 1.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "c", "a"], "target": ["b", "d", "c"]}))
    >>> team = pd.Series({"a": "x", "b": "x", "c": "y", "d": "y"})
    >>> round(wn.mixing.attribute_assortativity_coefficient(g, team), 4)
    0.3333
    """
    return float(_mixing(g, attribute, weight, "attribute_assortativity_coefficient")[6])


def numeric_assortativity_coefficient(g: Graph, attribute: Attribute, *, weight: str | None = None) -> float:
    """Newman's (2003) assortativity coefficient of a numeric attribute, as networkx's
    ``numeric_assortativity_coefficient``: Pearson's correlation between the values at the
    two ends of each tie (undirected ties in both directions; directed ties sender →
    receiver). ``weight="weight"`` weighs each tie by its strength. NaN when the values do not
    vary. Ties with an end without a value (NaN) are left out (with a UserWarning).

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    attribute
        A numeric node attribute name or a Series of numbers indexed by node id.
    weight
        None (every tie counts 1) or ``"weight"`` (tie strengths).

    Returns
    -------
    float
        Pearson's r over the ties, from −1 to 1.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "c", "b"], "target": ["b", "d", "c"]}))
    >>> age = pd.Series({"a": 20, "b": 25, "c": 60, "d": 70})
    >>> round(wn.mixing.numeric_assortativity_coefficient(g, age), 4)
    0.4564
    """
    fn = "numeric_assortativity_coefficient"
    g = _args.graph(g, fn)
    weighted = _args.weight(weight, fn)
    values, name = _groups.node_values(g, attribute, fn)
    if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
        raise ArgumentError(
            f"{fn}(attribute={name!r}): the values are not numbers (dtype {values.dtype}); use "
            f"attribute_assortativity_coefficient for categories"
        )
    x = values.astype("float64").to_numpy()
    missing = int(np.isnan(x).sum())
    if missing:
        _args.warn(f"{fn}: {missing} of {len(x)} nodes have no value for {name!r}; {_TIES_NOTE}")
    if np.isinf(x).any():
        raise ArgumentError(
            f"{fn}(attribute={name!r}): the values include infinity; give finite numbers (NaN = missing)"
        )
    r, _missing = _native.numeric_assortativity(g._g, np.ascontiguousarray(x), weighted)
    return float(r)


def coleman_homophily(g: Graph, attribute: Attribute, *, weight: str | None = None) -> pd.Series:
    """Coleman's (1958) homophily index of each group (as R's netseg ``coleman``): with H the
    share of the group members' ties that stay within the group (the :func:`mixing_matrix`'s
    diagonal over its row) and e = (n_g − 1)/(N − 1) the share expected if members chose among
    the other N − 1 nodes at random: (H − e)/(1 − e) when H ≥ e (0 = as random, 1 = only
    within), else (H − e)/e (−1 = never within). NaN for a group without ties.

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    attribute
        A node attribute name or a pandas Series indexed by node id.
    weight
        None (every tie counts 1) or ``"weight"`` (tie strengths).

    Returns
    -------
    pandas.Series
        Indexed by group, named ``"coleman_homophily"``.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "c", "a"], "target": ["b", "d", "c"]}))
    >>> wn.mixing.coleman_homophily(g, pd.Series({"a": "x", "b": "x", "c": "y", "d": "y"}, name="team")).round(3)
    team
    x    0.5
    y    0.5
    Name: coleman_homophily, dtype: float64
    """
    _g, _c, cats, _m, _miss, _net, _r, groups = _mixing(g, attribute, weight, "coleman_homophily")
    return pd.Series(groups["coleman"], index=cats, name="coleman_homophily")


def cross_group_share(g: Graph, attribute: Attribute, *, weight: str | None = None) -> pd.Series:
    """The share of each resident's ties that cross groups: E/(E + I) over the resident's
    alters with a known value (either direction; ``weight="weight"``: shares of tie
    strength). NaN for isolates (no ties to share out), for residents without a value, and for
    residents whose alters all lack one (see ``ei_index(level="node")["missing"]``).

    Parameters
    ----------
    g
        The graph (a projection or a tie layer).
    attribute
        A node attribute name or a pandas Series indexed by node id.
    weight
        None (every tie counts 1) or ``"weight"`` (tie strengths).

    Returns
    -------
    pandas.Series
        Indexed by node id, named ``"cross_group_share"``; NaN without ties to residents with a value.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "weight": [1.0, 3.0]}),
    ...                         weight="weight")
    >>> team = pd.Series({"a": "x", "b": "x", "c": "y"})
    >>> wn.mixing.cross_group_share(g, team).tolist()
    [0.0, 0.5, 1.0]
    >>> wn.mixing.cross_group_share(g, team, weight="weight").tolist()
    [0.0, 0.75, 1.0]
    """
    fn = "cross_group_share"
    g = _args.graph(g, fn)
    weighted = _args.weight(weight, fn)
    codes, cats = _codes(g, attribute, fn)
    share = _native.node_mixing(g._g, codes, len(cats), weighted)["cross_share"]
    return pd.Series(share, index=g.nodes, name="cross_group_share")


# ---------------------------------------------------------------------------------------------
# on a network
# ---------------------------------------------------------------------------------------------


def _count_columns(df: pd.DataFrame, counts: np.ndarray, missing: np.ndarray, cats: pd.Index) -> pd.DataFrame:
    taken = set(df.columns)
    for j, c in enumerate(cats):
        col = c if c not in taken else f"{cats.name}={c}"
        df[col] = counts[:, j]
    df["missing"] = missing
    return df


def activity_diversity(net: Any, attribute: Attribute, *, threads: int | None = None) -> pd.DataFrame:
    """Diversity of each activity's participants over a resident attribute.

    One row per activity of the view (everyone who attended at least one session counts
    once): ``participants``, ``blau`` (Blau's heterogeneity 1 − Σ_c p_c², the chance that two
    participants drawn at random with replacement differ; 0 = all alike), ``iqv`` (Blau over
    its largest value 1 − 1/K, K = the categories the view's residents take; 1 = spread evenly),
    then the number of participants per category and ``missing`` (participants without a
    value, left out of the shares). Blau and IQV are NaN when no participant has a value.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network` (or a view of one).
    attribute
        A resident attribute name or a pandas Series indexed by resident id.

    Returns
    -------
    pandas.DataFrame
        Indexed by activity: ``participants``, ``blau``, ``iqv``, a count per category and
        ``missing``.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame(
    ...     {"resident": ["a", "b", "c", "a", "d"], "activity": ["yoga", "yoga", "yoga", "swap", "swap"]}))
    >>> sex = pd.Series({"a": "f", "b": "f", "c": "m", "d": "f"}, name="sex")
    >>> wn.mixing.activity_diversity(net, sex).round(3)
              participants   blau    iqv  f  m  missing
    activity
    yoga                 3  0.444  0.889  2  1        0
    swap                 2  0.000  0.000  2  0        0
    """
    fn = "activity_diversity"
    net = _args.network(net, fn)
    threads = _args.threads(threads, fn)
    codes, cats = _codes(net, attribute, fn, note="they are counted in 'missing' and left out of the shares")
    d = _native.activity_diversity(net._net, codes, len(cats), threads)
    parts, counts, missing, blau, iqv = d["participants"], d["counts"], d["missing"], d["blau"], d["iqv"]
    df = pd.DataFrame({"participants": parts.astype("int64"), "blau": blau, "iqv": iqv}, index=net.activities)
    return _count_columns(df, counts.astype("int64"), missing.astype("int64"), cats)


def coparticipant_diversity(
    net: Any, attribute: Attribute, *, weighting: str = "distinct", threads: int | None = None
) -> pd.DataFrame:
    """Diversity of each resident's co-participants (everyone who attended at least one of the
    same activities, the resident excluded) over a resident attribute.

    ``weighting="distinct"`` (default): each co-participant counts once however many
    activities are shared — the people a resident could have met; the same as
    :func:`wijknet.ego.composition` on ``net.project(weight="count")``. ``"shared"``: each
    co-participant counts once per shared activity — how a resident's time together divides
    over the groups.

    Columns: ``coparticipants`` (distinct people, missing values included), ``blau``, ``iqv``,
    ``ei_index`` ((E − I)/(E + I) with E the tally in other groups than the resident's own,
    NaN when the resident has no value), the tally per category and ``missing`` (co-participants
    without a value, left out of the shares). NaN shares for residents without co-participants.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network` (or a view).
    attribute
        A resident attribute name or a Series indexed by resident id.
    weighting
        ``"distinct"`` (each co-participant once) or ``"shared"`` (weighted by shared units).
    threads
        Threads (None: :func:`wijknet.set_num_threads`).

    Returns
    -------
    pandas.DataFrame
        Indexed by resident: ``coparticipants``, ``blau``, ``iqv``, ``ei_index``, a count per
        category and ``missing``.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame(
    ...     {"resident": ["a", "b", "c", "a", "b"], "activity": ["yoga", "yoga", "yoga", "swap", "swap"]}))
    >>> sex = pd.Series({"a": "f", "b": "f", "c": "m"}, name="sex")
    >>> wn.mixing.coparticipant_diversity(net, sex).round(3)
              coparticipants  blau  iqv  ei_index  f  m  missing
    resident
    a                      2   0.5  1.0       0.0  1  1        0
    b                      2   0.5  1.0       0.0  1  1        0
    c                      2   0.0  0.0       1.0  2  0        0
    >>> shared = wn.mixing.coparticipant_diversity(net, sex, weighting="shared")
    >>> shared.loc["a", ["f", "m"]].tolist(), round(float(shared.loc["a", "ei_index"]), 4)
    ([2, 1], -0.3333)
    """
    fn = "coparticipant_diversity"
    net = _args.network(net, fn)
    if weighting not in ("distinct", "shared"):
        raise ArgumentError(
            f"{fn}(weighting={weighting!r}): use 'distinct' (people) or 'shared' (shared activities)"
        )
    threads = _args.threads(threads, fn)
    codes, cats = _codes(
        net, attribute, fn, note="as co-participants they are counted in 'missing' and left out of the shares"
    )
    d = _native.coparticipant_diversity(net._net, codes, len(cats), weighting, threads)
    co, counts, missing, blau, iqv, ei = (
        d["coparticipants"],
        d["counts"],
        d["missing"],
        d["blau"],
        d["iqv"],
        d["ei_index"],
    )
    df = pd.DataFrame(
        {"coparticipants": co.astype("int64"), "blau": blau, "iqv": iqv, "ei_index": ei}, index=net.residents
    )
    return _count_columns(df, counts.astype("int64"), missing.astype("int64"), cats)


# ---------------------------------------------------------------------------------------------
# group breakdowns with small-cell suppression
# ---------------------------------------------------------------------------------------------

_STATS = ("count", "mean", "std", "median", "min", "max", "sum", "q25", "q75")


def by_group(
    series: pd.Series,
    net_or_graph: Any,
    attribute: Attribute,
    *,
    min_cell: int = 10,
    stats: Sequence[str] = ("count", "mean", "std", "median"),
) -> pd.DataFrame:
    """Any per-resident Series (a metric such as ``wn.degree(g)``) summarised by the groups of
    an attribute, with small groups suppressed so the table is safe to publish.

    One row per group (sorted where possible), a row ``"(missing)"`` for residents without a
    value for the attribute (when there are any; never dropped, so no warning), and a row
    ``"all"``. Columns:
    ``residents`` (residents of the group in the Series), the requested ``stats`` over the
    group's non-missing values (``count`` = their number; ``mean``, ``std`` (ddof 1),
    ``median``, ``min``, ``max``, ``sum``, ``q25``, ``q75``), and ``suppressed``.

    Suppression (statistical disclosure control; docs/metrics.md, "Privacy"). A group whose
    ``count`` is below ``min_cell`` is suppressed: ``residents`` and every statistic become missing
    (NA/NaN) and ``suppressed`` is True. Because the ``"all"`` row would give away a single
    suppressed group (all minus the others), when exactly one group with values is suppressed
    the next smallest group is suppressed as well (secondary suppression). When the whole Series has
    fewer than ``min_cell`` values everything, ``"all"`` included, is suppressed. ``min`` and ``max``
    are one resident's value: ask for them only where that is acceptable.

    Parameters
    ----------
    series
        One value per resident, indexed by resident (node) id, e.g. any per-node result of
        wijknet. Booleans count as 0/1 (their mean is a share). NaN values are not counted.
    net_or_graph
        The Network or Graph whose residents the Series describes and whose attribute gives
        the groups.
    attribute
        A resident (node) attribute name, or a pandas Series indexed by id.
    min_cell
        The smallest group shown (default 10): groups with fewer values are suppressed.
    stats
        Which statistics to show, in order.

    Returns
    -------
    pandas.DataFrame
        One row per group, ``"(missing)"`` and ``"all"``; the columns above.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.datasets.badhuis(residents=2000, seed=0).project()
    >>> t = wn.by_group(wn.degree(g), g, "age_group", min_cell=10)
    >>> list(t.columns)
    ['residents', 'count', 'mean', 'std', 'median', 'suppressed']
    >>> t.index[-1]
    'all'
    """
    from .network import Network

    fn = "by_group"
    if not isinstance(series, pd.Series):
        raise ArgumentError(
            f"{fn}() takes a pandas Series of one value per resident, not {type(series).__name__}"
        )
    if not isinstance(net_or_graph, (Network, Graph)):
        raise ArgumentError(
            f"{fn}() takes a wijknet.Network or Graph as its second argument, not {type(net_or_graph).__name__}"
        )
    k = int(_args.whole(min_cell, "min_cell", fn, minimum=1, hint=" (the smallest group shown)"))
    if isinstance(stats, str):
        stats = (stats,)
    bad = [s for s in stats if s not in _STATS]
    if bad:
        raise ArgumentError(f"{fn}(stats=...): unknown statistic(s) {bad!r}; choose from {list(_STATS)}")
    if not series.index.is_unique:
        dup = series.index[series.index.duplicated()][:3].tolist()
        raise ArgumentError(
            f"{fn}(): the Series' index repeats ids, e.g. {dup!r}; give one value per resident"
        )
    nodes = net_or_graph.nodes if isinstance(net_or_graph, Graph) else net_or_graph.residents
    unknown = ~series.index.isin(nodes)
    if unknown.any():
        raise NodeNotFoundError(
            f"{fn}(): {int(unknown.sum())} of the Series' ids are not residents of the "
            f"{'graph' if isinstance(net_or_graph, Graph) else 'network'}, e.g. "
            f"{series.index[unknown][:3].tolist()!r}; index the Series by resident id"
        )
    if not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)):
        raise ArgumentError(f"{fn}(): the Series holds {series.dtype} values; give numbers or booleans")
    values, name = _groups.node_values(net_or_graph, attribute, fn)
    codes, cats = _groups.factorize(
        values, name, fn, note=f"they form the group {_groups.MISSING!r}", warn=False
    )
    code_of = pd.Series(codes, index=nodes).reindex(series.index).to_numpy()
    x = series.astype("float64").to_numpy()

    labels: list = list(cats)
    members: list[np.ndarray] = [code_of == c for c in range(len(cats))]
    if (code_of < 0).any():
        labels.append(_groups.MISSING)
        members.append(code_of < 0)
    labels.append("all")
    members.append(np.ones(len(x), dtype=bool))

    def summary(v: np.ndarray) -> dict:
        v = v[~np.isnan(v)]
        out: dict[str, float] = {}
        for s in stats:
            if s == "count":
                out[s] = float(len(v))
            elif len(v) == 0:
                out[s] = np.nan
            elif s == "mean":
                out[s] = float(v.mean())
            elif s == "std":
                out[s] = float(v.std(ddof=1)) if len(v) > 1 else np.nan
            elif s == "median":
                out[s] = float(np.median(v))
            elif s == "min":
                out[s] = float(v.min())
            elif s == "max":
                out[s] = float(v.max())
            elif s == "sum":
                out[s] = float(v.sum())
            elif s == "q25":
                out[s] = float(np.quantile(v, 0.25))
            elif s == "q75":
                out[s] = float(np.quantile(v, 0.75))
        return out

    rows = [summary(x[m]) for m in members]
    residents = np.array([int(m.sum()) for m in members])
    counts = np.array([int((~np.isnan(x[m])).sum()) for m in members])
    groups = len(labels) - 1  # all but "all"
    suppressed = np.zeros(len(labels), dtype=bool)
    suppressed[:groups] = counts[:groups] < k
    if counts[-1] < k:
        suppressed[:] = True
    elif (suppressed[:groups] & (counts[:groups] > 0)).sum() == 1 and groups > 1:
        # a suppressed group with no values has no statistics the "all" row could give away
        shown = [i for i in range(groups) if not suppressed[i]]
        suppressed[min(shown, key=lambda i: (counts[i], i))] = True  # secondary suppression
    df = pd.DataFrame(rows, index=pd.Index(labels, name=name, dtype=object), columns=list(stats))
    df.insert(0, "residents", pd.array(residents, dtype="Int64"))
    if "count" in df.columns:
        df["count"] = pd.array(counts, dtype="Int64")
    df.loc[suppressed, "residents"] = pd.NA
    for s in stats:
        df.loc[suppressed, s] = pd.NA if s == "count" else np.nan
    df["suppressed"] = suppressed
    return df
