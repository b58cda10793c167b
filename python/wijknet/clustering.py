"""Clustering: triangles, local clustering (unweighted, Onnela, Barrat), average clustering,
transitivity and square clustering.

Every function takes an undirected :class:`~wijknet.Graph` first and keyword-only options after
it, uses networkx's name and definition for the measure (Barrat's weighted clustering follows
igraph), and returns a pandas Series indexed by node id (named after the metric) or a Python
scalar. Results do not depend on the number of threads (:func:`wijknet.set_num_threads`).

For evaluators: local clustering answers "do the people a resident met through the
activities also know each other?" — high values mean residents joined closed circles, low
values mean they bridge between otherwise separate people.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import _args
from . import _wijknet as _native
from ._args import ProgressArg
from ._errors import ArgumentError
from .graph import Graph

__all__ = ["triangles", "clustering", "average_clustering", "transitivity", "square_clustering"]

_METHODS = ("onnela", "barrat")


def _method(fn: str, weight: str | None, method: Any) -> str:
    """The native method name for (weight, method), or an ArgumentError naming the valid ones."""
    method = _args.choice(method, "method", fn, _METHODS)
    if not _args.weight(weight, fn):
        if method != "onnela":
            raise ArgumentError(
                f"{fn}(method={method!r}) weighs triangles by tie strength and needs weight='weight'; "
                "leave weight=None (the default) for unweighted clustering"
            )
        return "unweighted"
    return method


def _run(fn: str, native: Any, g: Graph, *args: Any, threads: Any, progress: ProgressArg, desc: str) -> Any:
    return _args.call(
        fn, native, g._g, *args, threads=_args.threads(threads, fn), progress=progress, desc=desc
    )


def triangles(g: Graph, *, threads: int | None = None, progress: ProgressArg = None) -> pd.Series:
    """Number of triangles through each node (networkx ``triangles``).

    For a projection: how many pairs of a resident's contacts also met each other. The counts
    sum to three times the number of triangles in the graph. Weights are ignored.

    Parameters
    ----------
    g
        An undirected graph.
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.Series
        int64 counts indexed by node id, named ``triangles``.

    Raises
    ------
    ArgumentError
        ``g`` is directed (not supported yet).

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.triangles(wn.datasets.davis_southern_women().project()).head(3)
    resident
    Evelyn Jefferson    122
    Laura Mandeville    101
    Theresa Anderson    122
    Name: triangles, dtype: int64
    """
    g = _args.graph(g, "triangles")
    v = _run("triangles", _native.triangles, g, threads=threads, progress=progress, desc="triangles")
    return pd.Series(v.astype("int64"), index=g.nodes, name="triangles")


def clustering(
    g: Graph,
    *,
    weight: str | None = None,
    method: str = "onnela",
    threads: int | None = None,
    progress: ProgressArg = None,
) -> pd.Series:
    """Local clustering coefficient of each node.

    ``weight=None``: the share of pairs of a node's neighbours that are tied,
    C_i = T_i / (k_i(k_i − 1)/2), 0 for degree < 2 (networkx ``clustering(G)``).

    ``weight="weight"`` weighs each triangle by tie strength:

    - ``method="onnela"`` (Onnela et al. 2005): the geometric mean of the triangle's three
      weights, each divided by the largest weight in the graph (networkx
      ``clustering(G, weight="weight")``);
    - ``method="barrat"`` (Barrat et al. 2004): Σ_{j,h} (w_ij + w_ih)/2 over tied pairs of
      neighbours, divided by s_i (k_i − 1) (igraph
      ``transitivity_local_undirected(weights="weight", mode="zero")``).

    Parameters
    ----------
    g
        An undirected graph.
    weight
        None (unweighted) or ``"weight"`` (the graph's tie weights as strengths).
    method
        ``"onnela"`` (default, as networkx) or ``"barrat"``; only with ``weight="weight"``.
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.Series
        Values in [0, 1] indexed by node id, named ``clustering``.

    Raises
    ------
    ArgumentError
        An unknown ``weight`` or ``method``, ``method="barrat"`` without a weight, or a directed
        graph (not supported yet).

    Examples
    --------
    >>> import wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project()
    >>> wn.clustering(g).round(4).head(3)
    resident
    Evelyn Jefferson    0.8971
    Laura Mandeville    0.9619
    Theresa Anderson    0.8971
    Name: clustering, dtype: float64
    >>> wn.clustering(g, weight="weight", method="barrat").round(4).head(2)
    resident
    Evelyn Jefferson    0.9062
    Laura Mandeville    0.9730
    Name: clustering, dtype: float64
    """
    g = _args.graph(g, "clustering")
    m = _method("clustering", weight, method)
    v = _run("clustering", _native.clustering, g, m, threads=threads, progress=progress, desc="clustering")
    return pd.Series(v, index=g.nodes, name="clustering")


def average_clustering(
    g: Graph,
    *,
    weight: str | None = None,
    method: str = "onnela",
    count_zeros: bool = True,
    threads: int | None = None,
    progress: ProgressArg = None,
) -> float:
    """Mean local clustering over the nodes (networkx ``average_clustering``).

    ``weight`` and ``method`` are as in :func:`clustering`. The sum runs in fixed chunks
    combined in order, so the value does not depend on the number of threads.

    Parameters
    ----------
    g
        An undirected graph.
    weight
        None (unweighted) or ``"weight"``.
    method
        ``"onnela"`` or ``"barrat"`` (with ``weight="weight"``).
    count_zeros
        False leaves out nodes whose clustering is 0 (e.g. residents with fewer than two
        contacts).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    float
        The mean; 0.0 when no node is left to average over (networkx raises
        ZeroDivisionError there).

    Examples
    --------
    >>> import wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project()
    >>> round(wn.average_clustering(g), 6)
    0.936687
    >>> round(wn.average_clustering(g, weight="weight", method="barrat"), 6)
    0.955157
    """
    g = _args.graph(g, "average_clustering")
    m = _method("average_clustering", weight, method)
    zeros = _args.flag(count_zeros, "count_zeros", "average_clustering")
    return float(
        _run(
            "average_clustering",
            _native.average_clustering,
            g,
            m,
            zeros,
            threads=threads,
            progress=progress,
            desc="average clustering",
        )
    )


def transitivity(g: Graph, *, threads: int | None = None, progress: ProgressArg = None) -> float:
    """Global transitivity: 3 × triangles / connected triples (networkx ``transitivity``,
    igraph ``transitivity_undirected``).

    The share of two-step paths a–b–c whose ends a and c are also tied. Weights are ignored.
    Computed from exact integer counts.

    Parameters
    ----------
    g
        An undirected graph.
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    float
        In [0, 1]; 0.0 without triangles.

    Examples
    --------
    >>> import wijknet as wn
    >>> round(wn.transitivity(wn.datasets.davis_southern_women().project()), 6)
    0.928396
    """
    g = _args.graph(g, "transitivity")
    return float(
        _run("transitivity", _native.transitivity, g, threads=threads, progress=progress, desc="transitivity")
    )


def square_clustering(g: Graph, *, threads: int | None = None, progress: ProgressArg = None) -> pd.Series:
    """Square clustering of each node (Lind et al. 2005; networkx ``square_clustering``).

    C4(v) = Σ q_v(u, w) / Σ [a_v(u, w) + q_v(u, w)] over pairs u, w of v's neighbours, with
    q_v(u, w) the common neighbours of u and w other than v and a_v(u, w) their further
    neighbours (networkx's definition). Unlike triangle clustering it also measures closure
    in bipartite-like structures. Weights are ignored.

    Its cost is O(Σ_u k_u²): every two-step path from every node, so it is much slower than
    :func:`clustering` on projections with big cliques.

    Parameters
    ----------
    g
        An undirected graph.
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.Series
        Values in [0, 1] indexed by node id, named ``square_clustering``; 0 where there is no
        potential square (degree < 2).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c", "d"], "target": ["b", "c", "d", "a"]}))
    >>> wn.square_clustering(g).tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    g = _args.graph(g, "square_clustering")
    v = _run(
        "square_clustering",
        _native.square_clustering,
        g,
        threads=threads,
        progress=progress,
        desc="square clustering",
    )
    return pd.Series(v, index=g.nodes, name="square_clustering")
