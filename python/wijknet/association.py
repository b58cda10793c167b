"""Layer association: several tie layers over the same residents.

A *layer* is any :class:`~wijknet.Graph` over residents — a projection (met at an activity),
co-organising, a survey layer ("whom would you ask for help?") — directed or not, weighted or
not. This module compares layers:

* :func:`layer_overlap` — ties in each layer, in both, the Jaccard index of the tie sets and the
  conditional shares P(tie in g2 | tie in g1) and P(tie in g1 | tie in g2);
* :func:`multiplexity` — the share of tied pairs tied in ≥ 2 layers and how many pairs each
  combination of layers has (per resident: :func:`wijknet.ego.multiplexity`);
* :func:`qap` — the QAP correlation test of two layers (Krackhardt 1988);
* :func:`mrqap` — OLS regression of one layer on several with permutation p-values by Dekker,
  Krackhardt & Snijders' (2007) double semi-partialling.

**Nodes.** Layers are compared cell by cell, so their nodes are aligned by id first. Graphs from
the same Network share their nodes and line up as they are. Otherwise ``nodes="intersection"``
(the default) keeps the ids present in every layer and ``nodes="union"`` keeps the ids present
in any layer, a resident missing from a layer being an isolate there. Nothing is dropped
silently: every result reports per layer how many nodes were left out (``left_out``) or added as
isolates (``added``), shown in its printout. Survey layers that record their respondents
(:attr:`wijknet.Graph.respondents`) leave out the people who were not asked, in either mode:
their ties are unknown, not absent. These omissions are expected, so they are reported on the
result, not warned about.

**Readings of a tie.** A tie is an edge stored in the graph, whatever its weight. In the
*undirected reading* the pair {i, j} is tied when the layer has i→j or j→i. In the *directed
reading* the ordered pair (i, j) is tied when the layer has i→j, and an undirected tie {i, j}
counts as both i→j and j→i. Overlap gives the directed reading too when either layer is
directed; multiplexity uses the undirected reading.

**Cells.** QAP and MRQAP see each layer as an n × n matrix of tie weights (``weight="weight"``,
the default) or of 0/1 (``weight=None``), diagonal left out: the n(n−1)/2 pairs i < j when every
layer is undirected, the n(n−1) ordered pairs when any is directed (an undirected layer giving
the same value to (i, j) and (j, i)). p-values are (#{null ≥ observed} + 1)/(R + 1) (``p_greater``),
the same with ≤ (``p_less``) and with absolute values (``p_two_sided``); null values within a
relative 1e-9 of the observed one count as ties. Permutation r is drawn from the seed's ChaCha
stream r, so a seed gives the same result on any number of threads; ``seed=None`` draws a seed
and records it in the result.

Survey layers with ``respondents=`` (residents who were not asked) are not yet treated as
missing cells: a resident not asked counts as having no ties.

Examples
--------
>>> import wijknet as wn
>>> net = wn.datasets.davis_southern_women()
>>> met = net.project()
>>> often = net.project(min_weight=3)
>>> round(wn.layer_overlap(met, often).share_of_ties_1_also_in_2, 3)  # of the pairs who met, share who met ≥ 3 times
0.331
>>> wn.qap(met, often, n=200, seed=1).p_greater  # 1/(n + 1): no relabelling does as well
0.004975124378109453
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from . import _args, _frames
from . import _wijknet as _native
from ._errors import ArgumentError
from ._results import Result
from .graph import Graph

__all__ = [
    "layer_overlap",
    "multiplexity",
    "qap",
    "mrqap",
    "LayerOverlap",
    "Multiplexity",
    "QAPResult",
    "MRQAPResult",
]

Layers: TypeAlias = Mapping[str, Graph] | Sequence[Graph]

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _nodes(nodes: Any, fn: str) -> str:
    if nodes in ("intersection", "union"):
        return str(nodes)
    raise ArgumentError(
        f"{fn}(nodes={nodes!r}): use 'intersection' (the ids present in every layer; the default) "
        f"or 'union' (the ids present in any layer; a resident missing from a layer is an isolate there)"
    )


def _layers(graphs: Any, fn: str, prefix: str, minimum: int) -> tuple[list[str], list[Graph]]:
    """(names, graphs) from a mapping name → Graph or a sequence of Graphs."""
    if isinstance(graphs, Graph):
        raise ArgumentError(
            f"{fn}() takes several layers (a dict name → Graph or a list of Graphs), not one Graph"
        )
    if isinstance(graphs, Mapping):
        names = [str(k) for k in graphs.keys()]
        values = list(graphs.values())
    elif isinstance(graphs, Sequence) and not isinstance(graphs, (str, bytes)):
        values = list(graphs)
        names = [f"{prefix}{i + 1}" for i in range(len(values))]
    else:
        raise ArgumentError(
            f"{fn}() takes a dict name → Graph or a list of Graphs, not {type(graphs).__name__}"
        )
    if len(values) < minimum:
        raise ArgumentError(
            f"{fn}() needs at least {minimum} layer{'s' if minimum > 1 else ''}, got {len(values)}; "
            f"pass e.g. {{'met': net.project(), 'help': net.layer('help')}}"
        )
    if len(set(names)) != len(names):
        raise ArgumentError(f"{fn}(): layer names repeat ({names}); give each layer its own name")
    return names, [_args.graph(g, fn) for g in values]


@dataclass(frozen=True)
class _Aligned:
    index: pd.Index
    left_out: dict[str, int]
    added: dict[str, int]
    shared: bool


def _alignment(raw: Mapping[str, Any], names: Sequence[str], fn: str, nodes: str) -> _Aligned:
    """The node alignment the native call reports. Nodes left out (missing from a layer with
    ``nodes="intersection"``, or survey non-respondents) are expected: they are reported on
    the result (``left_out``), never warned about."""
    return _Aligned(
        index=_frames.to_index(raw["ids"], "node"),
        left_out=dict(zip(names, (int(x) for x in raw["left_out"]), strict=False)),
        added=dict(zip(names, (int(x) for x in raw["added"]), strict=False)),
        shared=bool(raw["shared"]),
    )


def _fmt(x: Any, digits: int = 4) -> str:
    """A number for the printouts: whole numbers with thousands separators, large values
    rounded to whole numbers, tiny ones with two significant digits (5.2e-05), the rest with
    ``digits`` decimals."""
    if isinstance(x, (int, np.integer)):
        return f"{int(x):,}"
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if abs(x) >= 1e4:
        return f"{x:,.0f}"
    if x != 0 and abs(x) < 1e-3:
        return f"{x:.1e}"
    return f"{x:.{digits}f}"


def _table(df: pd.DataFrame, digits: int = 4) -> str:
    """A plain-text table of a small DataFrame (index left, columns right-aligned)."""
    rows = [[str(i)] + [_fmt(v, digits) for v in df.loc[i]] for i in df.index]
    head = [""] + [str(c) for c in df.columns]
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(len(head))]

    def line(r: list) -> str:
        return "  ".join(r[0].ljust(widths[0]) if k == 0 else r[k].rjust(widths[k]) for k in range(len(r)))

    return "\n".join(line(r).rstrip() for r in [head, *rows])


def _html(title: str, lines: Sequence[str], df: pd.DataFrame, digits: int = 4) -> str:
    body = df.to_html(float_format=lambda v: _fmt(v, digits), na_rep="NaN")
    info = "".join(f"<div>{html.escape(t)}</div>" for t in lines)
    return f"<div><b>{html.escape(title)}</b>{info}{body}</div>"


def _nodes_line(nodes: int, left_out: Mapping[str, int], added: Mapping[str, int]) -> str:
    s = f"nodes {nodes:,}"
    if any(left_out.values()):
        s += " (left out: " + ", ".join(f"{k} {v:,}" for k, v in left_out.items()) + ")"
    if any(added.values()):
        s += " (added as isolates: " + ", ".join(f"{k} {v:,}" for k, v in added.items()) + ")"
    return s


# ---------------------------------------------------------------------------------------------
# overlap
# ---------------------------------------------------------------------------------------------

_OVERLAP_ROWS = [
    "ties_1",
    "ties_2",
    "both",
    "jaccard",
    "share_of_ties_1_also_in_2",
    "share_of_ties_2_also_in_1",
]


@dataclass(frozen=True)
class LayerOverlap(Result):
    """The overlap of two layers (:func:`layer_overlap`).

    ``undirected`` and ``directed`` are Series with ``ties_1``, ``ties_2`` (ties in each layer),
    ``both`` (ties in both), ``jaccard`` (both / ties in either),
    ``share_of_ties_1_also_in_2`` (both / ties_1: of the ties of layer 1, the share that layer
    2 has too — P(tie in g2 | tie in g1)) and ``share_of_ties_2_also_in_1`` (both / ties_2);
    ``directed`` is None when both layers are undirected. The attributes ``jaccard``,
    ``share_of_ties_1_also_in_2`` and ``share_of_ties_2_also_in_1`` are those of the
    undirected reading. ``to_frame()``
    gives both readings as one table.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.davis_southern_women()
    >>> o = wn.layer_overlap(net.project(), net.project(min_weight=2))
    >>> o.to_frame().loc[["ties_1", "ties_2", "both"], "undirected"].tolist()
    [139, 95, 95]
    """

    undirected: pd.Series
    directed: pd.Series | None
    nodes: int
    left_out: dict[str, int]
    added: dict[str, int]

    @property
    def jaccard(self) -> float:
        """Jaccard index of the tie sets (undirected reading); NaN when both are empty."""
        return self.undirected["jaccard"]

    @property
    def share_of_ties_1_also_in_2(self) -> float:
        """Of the ties of g1, the share g2 has too: P(tie in g2 | tie in g1) (undirected
        reading); NaN when g1 has no tie."""
        return self.undirected["share_of_ties_1_also_in_2"]

    @property
    def share_of_ties_2_also_in_1(self) -> float:
        """Of the ties of g2, the share g1 has too: P(tie in g1 | tie in g2) (undirected
        reading); NaN when g2 has no tie."""
        return self.undirected["share_of_ties_2_also_in_1"]

    def _frame(self) -> pd.DataFrame:
        """Both readings as a table (rows: the measures; columns: undirected[, directed])."""
        cols = {"undirected": self.undirected}
        if self.directed is not None:
            cols["directed"] = self.directed
        return pd.DataFrame(cols).astype(object)

    def __repr__(self) -> str:
        return (
            "layer overlap · "
            + _nodes_line(self.nodes, self.left_out, self.added)
            + "\n"
            + _table(self.to_frame())
        )

    def _repr_html_(self) -> str:
        return _html("layer overlap", [_nodes_line(self.nodes, self.left_out, self.added)], self.to_frame())


def _overlap_series(t: Mapping[str, Any], name: str) -> pd.Series:
    values = [
        int(t["ties_1"]),
        int(t["ties_2"]),
        int(t["both"]),
        float(t["jaccard"]),
        float(t["share_of_1_in_2"]),
        float(t["share_of_2_in_1"]),
    ]
    return pd.Series(values, index=_OVERLAP_ROWS, name=name, dtype=object)


def layer_overlap(g1: Graph, g2: Graph, *, nodes: str = "intersection") -> LayerOverlap:
    """The overlap of two tie layers: ties in each, ties in both, the Jaccard index of the tie
    sets, P(tie in g2 | tie in g1) and P(tie in g1 | tie in g2).

    Computed in the undirected reading (a pair is tied when either direction is), and also in
    the directed reading when either layer is directed: ordered pairs, an undirected tie {i, j}
    counting as i→j and j→i (module docs). Weights are ignored. With g1 = co-participation and
    g2 = support, ``share_of_ties_1_also_in_2`` answers "how many of the residents who met also help each
    other".

    Parameters
    ----------
    g1, g2
        The layers.
    nodes
        ``"intersection"`` or ``"union"``: how to align layers with different nodes (module
        docs).

    Returns
    -------
    LayerOverlap
        A small frozen result; ``to_frame()`` gives a table.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> met = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> help = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "d", "c"], "target": ["b", "a", "d"]}), directed=True)
    >>> o = wn.layer_overlap(met, help)
    >>> o
    layer overlap · nodes 4
                 undirected  directed
    ties_1                3         6
    ties_2                3         3
    both                  2         2
    jaccard          0.5000    0.2857
    share_of_ties_1_also_in_2      0.6667    0.3333
    share_of_ties_2_also_in_1      0.6667    0.6667
    >>> o.jaccard
    0.5
    """
    g1, g2 = _args.graph(g1, "layer_overlap"), _args.graph(g2, "layer_overlap")
    nodes = _nodes(nodes, "layer_overlap")
    out = _native.layer_overlap(g1._g, g2._g, nodes)
    a = _alignment(out["alignment"], ["g1", "g2"], "layer_overlap", nodes)
    return LayerOverlap(
        undirected=_overlap_series(out["undirected"], "undirected"),
        directed=None if out["directed"] is None else _overlap_series(out["directed"], "directed"),
        nodes=len(a.index),
        left_out=a.left_out,
        added=a.added,
    )


# ---------------------------------------------------------------------------------------------
# multiplexity
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Multiplexity(Result):
    """Multiplexity of several layers (:func:`multiplexity`).

    ``share`` = ``multiplex_pairs`` / ``tied_pairs``: of the node pairs tied in any layer, the
    share tied in at least two (NaN when no pair is tied). ``combinations`` has one row per
    combination of layers that some pair has: a True/False column per layer, ``pairs`` (pairs
    tied in exactly those layers) and ``share`` (of the tied pairs), most pairs first;
    ``to_frame()`` returns it.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.davis_southern_women()
    >>> m = wn.multiplexity({"met": net.project(), "often": net.project(min_weight=3)})
    >>> m.tied_pairs, m.multiplex_pairs
    (139, 46)
    """

    share: float
    tied_pairs: int
    multiplex_pairs: int
    combinations: pd.DataFrame
    layers: tuple[str, ...]
    nodes: int
    left_out: dict[str, int]
    added: dict[str, int]

    def _frame(self) -> pd.DataFrame:
        """The combinations table."""
        return self.combinations.copy()

    def _head(self) -> str:
        return (
            f"multiplexity {_fmt(self.share)}: {self.multiplex_pairs:,} of {self.tied_pairs:,} tied pairs "
            f"are tied in ≥ 2 of {len(self.layers)} layers · "
            + _nodes_line(self.nodes, self.left_out, self.added)
        )

    def __repr__(self) -> str:
        return (
            self._head()
            + "\n"
            + self.combinations.to_string(index=False, formatters={"pairs": "{:,}".format, "share": _fmt})
        )

    def _repr_html_(self) -> str:
        body = self.combinations.to_html(index=False, float_format=lambda v: _fmt(v))
        return f"<div><b>{html.escape(self._head())}</b>{body}</div>"


def _multiplexity(graphs: Any, nodes: Any, fn: str) -> tuple[list[str], dict[str, Any], _Aligned]:
    names, gs = _layers(graphs, fn, "layer ", 2)
    nodes = _nodes(nodes, fn)
    raw = _native.multiplexity([g._g for g in gs], nodes)
    return names, raw, _alignment(raw["alignment"], names, fn, nodes)


def multiplexity(graphs: Layers, *, nodes: str = "intersection") -> Multiplexity:
    """Multiplexity of several layers (docs/metrics.md: the share of ties present in ≥ 2 layers).

    Over node pairs in the undirected reading (a pair is tied in a layer when either direction
    is; weights are ignored): of the pairs tied in at least one layer, the share tied in at
    least two; and how many pairs each combination of layers has. Per resident:
    :func:`wijknet.ego.multiplexity`.

    Parameters
    ----------
    graphs
        Two or more layers (at most 64): a dict name → Graph (names label the table) or a list
        (named ``layer 1``, ``layer 2``, ...).
    nodes
        ``"intersection"`` or ``"union"``: how to align layers with different nodes (module
        docs).

    Returns
    -------
    Multiplexity

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> met = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> help = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "d", "c"], "target": ["b", "a", "d"]}), directed=True)
    >>> m = wn.multiplexity({"met": met, "help": help})
    >>> m
    multiplexity 0.5000: 2 of 4 tied pairs are tied in ≥ 2 of 2 layers · nodes 4
      met  help pairs  share
     True  True     2 0.5000
     True False     1 0.2500
    False  True     1 0.2500
    """
    names, raw, a = _multiplexity(graphs, nodes, "multiplexity")
    tied, multi, share, masks, pairs = (
        raw["tied_pairs"],
        raw["multiplex_pairs"],
        raw["share"],
        raw["masks"],
        raw["pairs"],
    )
    masks = np.asarray(masks, dtype=np.uint64)
    pairs = np.asarray(pairs, dtype=np.int64)
    table = pd.DataFrame({name: (masks >> np.uint64(k)) & np.uint64(1) == 1 for k, name in enumerate(names)})
    table["pairs"] = pairs
    table["share"] = pairs / tied if tied else np.nan
    order = np.lexsort((masks, -pairs))  # most pairs first, then by mask
    table = table.iloc[order].reset_index(drop=True)
    return Multiplexity(
        share=float(share),
        tied_pairs=int(tied),
        multiplex_pairs=int(multi),
        combinations=table,
        layers=tuple(names),
        nodes=len(a.index),
        left_out=a.left_out,
        added=a.added,
    )


def _ego_multiplexity(graphs: Any, nodes: Any) -> pd.Series:
    """Per ego: the share of alters tied to ego in ≥ 2 layers (for wijknet.ego.multiplexity)."""
    _, raw, a = _multiplexity(graphs, nodes, "ego.multiplexity")
    s = pd.Series(raw["ego_share"], index=a.index.rename("node"), name="multiplexity")
    s.attrs["left_out"] = a.left_out
    return s


# ---------------------------------------------------------------------------------------------
# QAP
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QAPResult(Result):
    """The QAP correlation test of two layers (:func:`qap`).

    ``correlation`` is the observed Pearson correlation of the cells; ``null`` the correlation
    under each of the ``n`` permutations (a NumPy array, permutation order); ``p_greater``,
    ``p_less``, ``p_two_sided`` the permutation p-values; ``null_mean``, ``null_sd`` the mean and
    sample standard deviation of ``null``. ``seed`` reproduces the result. Prints as a table;
    ``to_frame()`` gives it as a one-row DataFrame.

    Examples
    --------
    >>> import wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project()
    >>> r = wn.qap(g, g, n=99, seed=1)
    >>> r.p_greater, r.null.shape  # identical layers: 1/(n + 1)
    (0.01, (99,))
    """

    correlation: float
    p_greater: float
    p_less: float
    p_two_sided: float
    null_mean: float
    null_sd: float
    null: np.ndarray = field(repr=False)
    n: int
    seed: int
    cells: int
    nodes: int
    weighted: bool
    left_out: dict[str, int]
    added: dict[str, int]

    def _frame(self) -> pd.DataFrame:
        """One row (``correlation``) with estimate, null mean/sd and the three p-values."""
        return pd.DataFrame(
            {
                "estimate": [self.correlation],
                "null_mean": [self.null_mean],
                "null_sd": [self.null_sd],
                "p_greater": [self.p_greater],
                "p_less": [self.p_less],
                "p_two_sided": [self.p_two_sided],
            },
            index=pd.Index(["correlation"], name="statistic"),
        )

    def _lines(self) -> list[str]:
        return [
            _nodes_line(self.nodes, self.left_out, self.added)
            + f" · cells {self.cells:,} · {'weights' if self.weighted else '0/1'}",
            f"permutations {self.n:,} · seed {self.seed}",
        ]

    def __repr__(self) -> str:
        return "\n".join(["QAP correlation test (Krackhardt 1988)", *self._lines(), _table(self.to_frame())])

    def _repr_html_(self) -> str:
        return _html("QAP correlation test (Krackhardt 1988)", self._lines(), self.to_frame())


def qap(
    g1: Graph,
    g2: Graph,
    *,
    n: int = 1000,
    seed: int | None = None,
    weight: str | None = "weight",
    nodes: str = "intersection",
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> QAPResult:
    """QAP correlation test (Krackhardt 1988): the Pearson correlation of two layers' cells,
    tested against ``n`` relabellings of ``g2``'s nodes (rows and columns permuted together),
    which keep each layer's structure and break only their alignment.

    Cells are the n(n−1)/2 pairs when both layers are undirected, the n(n−1) ordered pairs
    otherwise; the diagonal is left out (module docs).

    Parameters
    ----------
    g1, g2
        The layers, directed or not.
    n
        Number of permutations (≥ 1). The smallest possible p-value is 1/(n + 1).
    seed
        Seed of the permutations (any thread count gives the same result); None draws one,
        recorded in the result.
    weight
        ``"weight"`` (the default): cells hold the tie weights; None: 1 for every tie.
    nodes
        ``"intersection"`` or ``"union"``: how to align layers with different nodes.
    threads
        Threads for the permutations (None: :func:`wijknet.get_num_threads`).
    progress
        None (a bar for long runs when tqdm is installed), False, True, or a callable(done, total).

    Returns
    -------
    QAPResult

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.davis_southern_women()
    >>> r = wn.qap(net.project(), net.project(weight="newman"), n=500, seed=7)
    >>> round(r.correlation, 4), r.p_greater, r.null.shape
    (0.9066, 0.001996007984031936, (500,))
    """
    return _qap(
        g1,
        g2,
        n=n,
        seed=seed,
        weight=weight,
        nodes=nodes,
        threads=threads,
        progress=progress,
        native=_native.qap,
    )


def _qap(
    g1: Graph,
    g2: Graph,
    *,
    n: int,
    seed: int | None,
    weight: str | None,
    nodes: str,
    threads: int | None,
    progress: _args.ProgressArg,
    native: Callable[..., Any],
) -> QAPResult:
    """:func:`qap` with its native call given (``native`` takes the arguments of
    ``_wijknet.qap``; :mod:`wijknet.dask` spreads the permutations over workers)."""
    g1, g2 = _args.graph(g1, "qap"), _args.graph(g2, "qap")
    n_ = _args.whole(n, "n", "qap", minimum=1)
    seed_ = _args.resolve_seed(seed, "qap")
    weighted = _args.weight(weight, "qap")
    nodes = _nodes(nodes, "qap")
    out = _args.call(
        "qap",
        native,
        g1._g,
        g2._g,
        nodes,
        weighted,
        n_,
        seed_,
        threads=_args.threads(threads, "qap"),
        progress=progress,
        desc="qap",
    )
    a = _alignment(out["alignment"], ["g1", "g2"], "qap", nodes)
    cells, obs, null, mean, sd = out["cells"], out["observed"], out["null"], out["null_mean"], out["null_sd"]
    pg, pl, p2 = out["p"]["greater"], out["p"]["less"], out["p"]["two_sided"]
    return QAPResult(
        correlation=float(obs),
        p_greater=float(pg),
        p_less=float(pl),
        p_two_sided=float(p2),
        null_mean=float(mean),
        null_sd=float(sd),
        null=np.asarray(null),
        n=int(n_),
        seed=seed_,
        cells=int(cells),
        nodes=len(a.index),
        weighted=weighted,
        left_out=a.left_out,
        added=a.added,
    )


@dataclass(frozen=True)
class MRQAPResult(Result):
    """MRQAP regression with double semi-partialling (:func:`mrqap`).

    ``coefficients`` is the regression table: one row per term (``intercept`` and the
    predictors) with ``estimate``, ``std_error``, ``t`` (classical OLS) and the permutation
    p-values of t ``p_greater``, ``p_less``, ``p_two_sided`` (NaN for the intercept, which is not
    tested). ``null`` holds the predictors' t under each permutation (an n × predictors NumPy
    array, columns in ``coefficients`` order). Prints like a regression table; ``to_frame()``
    returns ``coefficients``.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.davis_southern_women()
    >>> r = wn.mrqap(net.project(weight="newman"), [net.project()], n=99, seed=1)
    >>> float(r.to_frame().loc["x1", "p_greater"]), r.null.shape
    (0.01, (99, 1))
    """

    coefficients: pd.DataFrame
    r_squared: float
    adj_r_squared: float
    residual_df: float
    null: np.ndarray = field(repr=False)
    n: int
    seed: int
    cells: int
    nodes: int
    weighted: bool
    response: str
    left_out: dict[str, int]
    added: dict[str, int]

    def _frame(self) -> pd.DataFrame:
        """The regression table (a copy of ``coefficients``)."""
        return self.coefficients.copy()

    def _lines(self) -> list[str]:
        return [
            f"response {self.response} · "
            + _nodes_line(self.nodes, self.left_out, self.added)
            + f" · cells {self.cells:,} · {'weights' if self.weighted else '0/1'}",
            f"R² {_fmt(self.r_squared)} · adjusted R² {_fmt(self.adj_r_squared)} · "
            f"residual df {int(self.residual_df):,} · permutations {self.n:,} · seed {self.seed}",
        ]

    def __repr__(self) -> str:
        title = "MRQAP (OLS; p-values by double semi-partialling, Dekker et al. 2007)"
        return "\n".join([title, *self._lines(), _table(self.coefficients)])

    def _repr_html_(self) -> str:
        title = "MRQAP (OLS; p-values by double semi-partialling, Dekker et al. 2007)"
        return _html(title, self._lines(), self.coefficients)


def mrqap(
    y: Graph,
    xs: Layers,
    *,
    n: int = 1000,
    seed: int | None = None,
    weight: str | None = "weight",
    nodes: str = "intersection",
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> MRQAPResult:
    """Multiple-regression QAP: OLS of ``y``'s cells on the predictor layers' cells (with an
    intercept), with permutation p-values by Dekker, Krackhardt & Snijders' (2007) double
    semi-partialling (DSP).

    For predictor k, DSP regresses X_k on the other predictors, relabels the nodes of the
    residual matrix (rows and columns together), refits y on the relabelled residuals and the
    other predictors, and compares the observed t of X_k with the t of the residual term over
    ``n`` permutations (the same permutations for every predictor). DSP stays valid when
    predictors are correlated with each other, where permuting y alone does not. Estimates,
    standard errors, t and R² are those of ordinary least squares over the cells (module docs
    for which cells).

    Parameters
    ----------
    y
        The dependent layer (e.g. a support layer).
    xs
        One or more predictor layers: a dict name → Graph (names label the table) or a list
        (named ``x1``, ``x2``, ...).
    n, seed, weight, nodes, threads, progress
        As for :func:`qap`; all layers are aligned together.

    Returns
    -------
    MRQAPResult

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.davis_southern_women()
    >>> r = wn.mrqap(net.project(weight="newman"), {"shared": net.project(), "often": net.project(min_weight=3)},
    ...              n=200, seed=2)
    >>> r.to_frame()[["estimate", "p_greater"]].round(3)
               estimate  p_greater
    term
    intercept    -0.088        NaN
    shared        0.156      0.005
    often         0.044      0.005
    >>> round(r.r_squared, 3)
    0.833
    """
    return _mrqap(
        y,
        xs,
        n=n,
        seed=seed,
        weight=weight,
        nodes=nodes,
        threads=threads,
        progress=progress,
        native=_native.mrqap,
    )


def _mrqap(
    y: Graph,
    xs: Layers,
    *,
    n: int,
    seed: int | None,
    weight: str | None,
    nodes: str,
    threads: int | None,
    progress: _args.ProgressArg,
    native: Callable[..., Any],
) -> MRQAPResult:
    """:func:`mrqap` with its native call given (``native`` takes the arguments of
    ``_wijknet.mrqap``; :mod:`wijknet.dask` spreads the permutations over workers)."""
    y = _args.graph(y, "mrqap")
    names, gs = _layers(xs, "mrqap", "x", 1)
    if "intercept" in names:
        raise ArgumentError("mrqap(xs=...): 'intercept' is the name of the constant term; rename that layer")
    n_ = _args.whole(n, "n", "mrqap", minimum=1)
    seed_ = _args.resolve_seed(seed, "mrqap")
    weighted = _args.weight(weight, "mrqap")
    nodes = _nodes(nodes, "mrqap")
    out = _args.call(
        "mrqap",
        native,
        y._g,
        [g._g for g in gs],
        nodes,
        weighted,
        n_,
        seed_,
        threads=_args.threads(threads, "mrqap"),
        progress=progress,
        desc="mrqap",
    )
    a = _alignment(out["alignment"], ["y", *names], "mrqap", nodes)
    cells, coef, se, t, null = out["cells"], out["coefficients"], out["std_errors"], out["t"], out["null_t"]
    r2, adj, df = out["r_squared"], out["adj_r_squared"], out["residual_df"]
    ps = [(p["greater"], p["less"], p["two_sided"]) for p in out["p"]]
    pv = np.array([(np.nan, np.nan, np.nan), *ps], dtype=np.float64)
    table = pd.DataFrame(
        {
            "estimate": coef,
            "std_error": se,
            "t": t,
            "p_greater": pv[:, 0],
            "p_less": pv[:, 1],
            "p_two_sided": pv[:, 2],
        },
        index=pd.Index(["intercept", *names], name="term"),
    )
    return MRQAPResult(
        coefficients=table,
        r_squared=float(r2),
        adj_r_squared=float(adj),
        residual_df=float(df),
        null=np.asarray(null).reshape(int(n_), len(names)),
        n=int(n_),
        seed=seed_,
        cells=int(cells),
        nodes=len(a.index),
        weighted=weighted,
        response="y",
        left_out=a.left_out,
        added=a.added,
    )
