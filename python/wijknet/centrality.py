"""Centrality: PageRank, eigenvector, betweenness, closeness and harmonic centrality.

Each function takes a :class:`~wijknet.Graph` first and keyword-only options after it, follows
networkx's definition and name (networkx 3.6), and returns a pandas Series indexed by node id,
named after the measure. Weights are strengths (bigger = closer); path-based measures take
``distance=None`` (hops), ``"inverse"`` (a tie of weight w has length 1/w) or ``"weight"`` (w
itself is the length). Results do not depend on the number of threads.
"""

from __future__ import annotations

import numbers
import secrets
from collections.abc import Mapping
from typing import Any, Optional

import numpy as np
import pandas as pd

from . import _progress
from . import _wijknet as _native
from ._errors import ArgumentError, NodeNotFoundError
from .graph import Graph
from .metrics import _graph

__all__ = [
    "pagerank",
    "eigenvector_centrality",
    "betweenness_centrality",
    "closeness_centrality",
    "harmonic_centrality",
    "degree_centrality_opsahl",
]


def _whole(name: str, value: Any, *, minimum: int = 0, none: bool = True) -> Optional[int]:
    if value is None and none:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not minimum <= int(value) < 2**63:
        raise ArgumentError(f"{name}= must be a whole number ≥ {minimum}{' or None' if none else ''}, not {value!r}")
    return int(value)


def _real(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ArgumentError(f"{name}= must be a number, not {value!r}")
    return float(value)


def _weighted(weight: Any, fn: str) -> bool:
    if weight is None:
        return False
    if weight == "weight":
        return True
    raise ArgumentError(
        f"{fn}(weight=...) must be 'weight' (the tie strengths) or None (every tie counts 1), "
        f"not {weight!r}; a wijknet Graph has one weight per tie"
    )


def _distance(distance: Any) -> Optional[str]:
    if distance is None or distance in ("inverse", "weight"):
        return distance  # type: ignore[no-any-return]
    raise ArgumentError(
        f"distance= must be None (hops), 'inverse' (a tie of weight w has length 1/w) or "
        f"'weight' (the weight is the length), not {distance!r}"
    )


def _alpha(alpha: Any, distance: Any) -> Optional[float]:
    if alpha is None:
        return None
    a = _real("alpha", alpha)
    if not (np.isfinite(a) and a >= 0):
        raise ArgumentError(f"alpha= must be a finite number ≥ 0, not {alpha!r}")
    if distance is not None:
        raise ArgumentError("alpha= sets the tie length w^(−alpha) itself; leave distance=None")
    return a


def _call(fn: str, progress: _progress.ProgressArg, native: Any, *args: Any) -> np.ndarray:
    cb = _progress.callback(progress, fn)
    try:
        return native(*args, cb)  # type: ignore[no-any-return]
    finally:
        _progress.close(cb)


def pagerank(
    g: Graph,
    *,
    alpha: float = 0.85,
    weight: Optional[str] = "weight",
    max_iter: int = 100,
    tol: float = 1e-6,
    personalization: Optional[Mapping[Any, float]] = None,
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """PageRank of every node, as ``nx.pagerank``.

    The fixed point of ``x ← α (x P + (Σ_dangling x) p) + (1 − α) p`` with ``P`` the
    row-normalised (weighted) adjacency and ``p`` the personalization vector (uniform by
    default); nodes without ties spread their rank as ``p`` (uniformly by default), as
    networkx. Directed graphs: networkx's power iteration from the uniform vector, stopping
    when the L1 change of an iteration is below ``n · tol``. Undirected graphs: the same
    equations solved by over-relaxed Gauss–Seidel sweeps per connected component (residents
    with one contact folded into their contact), stopping once one more power-iteration step
    provably would change the result by less than ``α · n · tol`` in L1 — the bound
    networkx's own result satisfies, so the result is at least as accurate by that measure
    but not networkx's iterate: at the default ``tol`` the two differ by up to networkx's
    error (about ``α/(1 − α) · n · tol`` in L1); with a small ``tol`` they agree.

    Parameters
    ----------
    alpha
        Damping factor in (0, 1).
    weight
        ``"weight"`` (tie strengths are transition weights) or None (every tie counts 1).
    max_iter, tol
        Iteration limit (power iterations, or sweeps of the largest component) and
        tolerance, as networkx.
    personalization
        ``{node id: value}`` (a dict or Series): teleport distribution, normalised to sum 1;
        nodes left out get 0.
    threads
        Threads to use (default: :func:`wijknet.set_num_threads`, else all cores).
    progress
        None (a bar for long calls), False, or a callable(done, total).

    Returns
    -------
    pandas.Series
        Named ``"pagerank"``, summing to 1.

    Raises
    ------
    ArgumentError
        ``alpha`` outside (0, 1); no convergence within ``max_iter`` iterations (networkx
        raises ``PowerIterationFailedConvergence``; the message names ``max_iter``); a
        personalization that sums to 0 or has negative values (networkx: ZeroDivisionError /
        no check).
    NodeNotFoundError
        A personalization key that is not a node (networkx ignores such keys).

    Notes
    -----
    Differences from networkx: no ``nstart=`` or ``dangling=`` options; ``weight=`` takes only
    ``"weight"`` or None; unknown personalization keys are an error.

    Examples
    --------
    >>> import wijknet as wn
    >>> pr = wn.pagerank(wn.datasets.davis_southern_women().project())
    >>> round(float(pr.sum()), 12), pr.idxmax()
    (1.0, 'Theresa Anderson')
    """
    g = _graph(g, "pagerank")
    weighted = _weighted(weight, "pagerank")
    alpha = _real("alpha", alpha)
    if not 0.0 < alpha < 1.0:
        raise ArgumentError(f"alpha= must lie in (0, 1), not {alpha!r}")
    max_iter = _whole("max_iter", max_iter, none=False)
    threads = _whole("threads", threads)
    p = None
    if personalization is not None:
        if not isinstance(personalization, (Mapping, pd.Series)):
            raise ArgumentError(f"personalization= must be a dict or Series {{node id: value}}, not {type(personalization).__name__}")
        ps = personalization if isinstance(personalization, pd.Series) else pd.Series(dict(personalization), dtype=object)
        keys = ps.index.tolist()
        pos = g.nodes.get_indexer(keys)
        if (pos < 0).any():
            missing = [k for k, i in zip(keys, pos) if i < 0][:3]
            raise NodeNotFoundError(f"personalization= names nodes that are not in the graph, e.g. {missing!r}")
        p = np.zeros(g.number_of_nodes(), dtype=np.float64)
        p[pos] = ps.to_numpy(dtype=np.float64)
    values = _call("pagerank", progress, _native.pagerank, g._g, alpha, weighted, max_iter, _real("tol", tol), p, threads)
    return pd.Series(values, index=g.nodes, name="pagerank")


def eigenvector_centrality(
    g: Graph,
    *,
    weight: Optional[str] = None,
    max_iter: int = 100,
    tol: float = 1e-6,
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """Eigenvector centrality, as ``nx.eigenvector_centrality``.

    Power iteration from all ones with ``x ← (A + I) x`` (the shift lets it converge on
    bipartite graphs, as networkx), normalised to Euclidean length 1; stops when the L1
    change is below ``n · tol``. For directed graphs scores come from in-neighbours.

    Parameters
    ----------
    weight
        None (every tie counts 1, networkx's default) or ``"weight"`` (tie strengths).
    max_iter, tol
        Iteration limit (power iterations, or sweeps of the largest component) and
        tolerance, as networkx.
    threads, progress
        As :func:`pagerank`.

    Returns
    -------
    pandas.Series
        Named ``"eigenvector_centrality"``, Euclidean norm 1.

    Raises
    ------
    ArgumentError
        An empty graph (networkx: ``NetworkXPointlessConcept``) or no convergence within
        ``max_iter`` iterations (networkx: ``PowerIterationFailedConvergence``).

    Notes
    -----
    Differences from networkx: no ``nstart=``; ``weight=`` takes only ``"weight"`` or None.

    Examples
    --------
    >>> import wijknet as wn
    >>> x = wn.eigenvector_centrality(wn.datasets.davis_southern_women().project())
    >>> round(float((x ** 2).sum()), 12)
    1.0
    """
    g = _graph(g, "eigenvector_centrality")
    weighted = _weighted(weight, "eigenvector_centrality")
    max_iter = _whole("max_iter", max_iter, none=False)
    threads = _whole("threads", threads)
    values = _call(
        "eigenvector_centrality", progress, _native.eigenvector_centrality, g._g, weighted, max_iter, _real("tol", tol), threads
    )
    return pd.Series(values, index=g.nodes, name="eigenvector_centrality")


def betweenness_centrality(
    g: Graph,
    *,
    normalized: bool = True,
    distance: Optional[str] = None,
    k: Optional[int] = None,
    seed: Optional[int] = None,
    endpoints: bool = False,
    alpha: Optional[float] = None,
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """Shortest-path betweenness centrality (Brandes 2001), as ``nx.betweenness_centrality``.

    The share of shortest paths between other pairs of nodes that pass through each node.
    Rescaled exactly as networkx 3.6: with ``normalized`` divided by the number of node
    pairs, otherwise halved for undirected graphs; with ``k`` sampled source nodes
    (pivots) inflated to estimate the full value (sources and non-sources scaled
    separately when ``endpoints`` is False; NaN for the one source when k = 1).

    Parameters
    ----------
    normalized, endpoints
        As networkx.
    distance
        None (hops), ``"inverse"`` (length 1/w: strong ties are short) or ``"weight"`` (w is
        a length). networkx's ``weight=`` is an attribute holding lengths: wijknet's
        ``distance="inverse"`` equals networkx with a length attribute 1/w.
    k
        Number of pivots (sampled sources) for an estimate; None for the exact value.
    seed
        Seed of the pivot sample (a ChaCha stream): the same seed gives the same result on
        any number of threads. None draws a fresh seed, as networkx. The pivots differ from
        the ones networkx draws for the same seed.
    alpha
        Opsahl, Agneessens & Skvoretz (2010): a tie of weight w has length ``w ** -alpha``
        (alpha = 0: hops; alpha = 1: 1/w, the same as ``distance="inverse"``). Needs
        ``distance=None``. Not in networkx.
    threads, progress
        As :func:`pagerank`.

    Returns
    -------
    pandas.Series
        Named ``"betweenness_centrality"``.

    Raises
    ------
    ArgumentError
        ``k`` larger than the number of nodes or 0; non-positive weights with a ``distance``.

    Examples
    --------
    >>> import wijknet as wn
    >>> b = wn.betweenness_centrality(wn.datasets.davis_southern_women().project())
    >>> b.round(4).head(3)
    resident
    Evelyn Jefferson    0.0101
    Laura Mandeville    0.0027
    Theresa Anderson    0.0101
    Name: betweenness_centrality, dtype: float64
    """
    g = _graph(g, "betweenness_centrality")
    k = _whole("k", k, minimum=1)
    seed = _whole("seed", seed)
    if k is not None and seed is None:
        seed = secrets.randbits(63)
    threads = _whole("threads", threads)
    values = _call(
        "betweenness",
        progress,
        _native.betweenness_centrality,
        g._g,
        bool(normalized),
        _distance(distance),
        k,
        seed,
        bool(endpoints),
        _alpha(alpha, distance),
        threads,
    )
    return pd.Series(values, index=g.nodes, name="betweenness_centrality")


def closeness_centrality(
    g: Graph,
    *,
    distance: Optional[str] = None,
    wf_improved: bool = True,
    alpha: Optional[float] = None,
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """Closeness centrality, as ``nx.closeness_centrality``.

    ``(r − 1) / Σ d(v, u)`` over the ``r`` nodes that reach ``u``; with ``wf_improved``
    (Wasserman & Faust) times ``(r − 1) / (n − 1)``, so residents in small components score
    lower. 0 for isolated nodes. For directed graphs distances are incoming, as networkx.

    Parameters
    ----------
    distance
        None (hops), ``"inverse"`` (1/w) or ``"weight"`` (w as a length); networkx's
        ``distance=`` names an attribute holding lengths.
    wf_improved
        As networkx.
    alpha
        Opsahl, Agneessens & Skvoretz (2010): a tie of weight w has length ``w ** -alpha``
        (alpha = 0: hops; alpha = 1: 1/w). Needs ``distance=None``. Not in networkx.
    threads, progress
        As :func:`pagerank`.

    Returns
    -------
    pandas.Series
        Named ``"closeness_centrality"``.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> wn.closeness_centrality(g).round(4).tolist()
    [0.6667, 1.0, 0.6667]
    """
    g = _graph(g, "closeness_centrality")
    threads = _whole("threads", threads)
    values = _call(
        "closeness", progress, _native.closeness_centrality,
        g._g,
        _distance(distance),
        bool(wf_improved),
        _alpha(alpha, distance),
        threads,
    )
    return pd.Series(values, index=g.nodes, name="closeness_centrality")


def harmonic_centrality(
    g: Graph,
    *,
    distance: Optional[str] = None,
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.Series:
    """Harmonic centrality, as ``nx.harmonic_centrality``: ``Σ_{v ≠ u} 1 / d(v, u)``.

    Unreachable nodes add 0, so it suits graphs with several components; not normalised (as
    networkx). For directed graphs distances are incoming, as networkx.

    Parameters
    ----------
    distance
        None (hops), ``"inverse"`` (1/w) or ``"weight"`` (w as a length).
    threads, progress
        As :func:`pagerank`.

    Returns
    -------
    pandas.Series
        Named ``"harmonic_centrality"`` (floats; networkx gives an int 0 to isolated nodes).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> wn.harmonic_centrality(g).tolist()
    [1.5, 2.0, 1.5]
    """
    g = _graph(g, "harmonic_centrality")
    threads = _whole("threads", threads)
    values = _call("harmonic", progress, _native.harmonic_centrality, g._g, _distance(distance), threads)
    return pd.Series(values, index=g.nodes, name="harmonic_centrality")


def degree_centrality_opsahl(g: Graph, *, alpha: float) -> pd.Series:
    """Opsahl, Agneessens & Skvoretz (2010) degree centrality: ``k ** (1 − alpha) · s ** alpha``.

    ``k`` is the number of ties (degree) and ``s`` their total weight (strength); alpha = 0
    gives the degree, alpha = 1 the strength, and values between reward residents who both
    met many people and met them often. Not in networkx (tnet's ``degree_w``).

    Parameters
    ----------
    alpha
        The tuning parameter (a finite number ≥ 0).

    Returns
    -------
    pandas.Series
        Named ``"degree_centrality_opsahl"``; 0 for isolated nodes.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"], "weight": [4.0, 5.0]}), weight="weight")
    >>> wn.degree_centrality_opsahl(g, alpha=0.5).round(4).tolist()
    [4.2426, 2.0, 2.2361]
    """
    g = _graph(g, "degree_centrality_opsahl")
    a = _real("alpha", alpha)
    if not (np.isfinite(a) and a >= 0):
        raise ArgumentError(f"alpha= must be a finite number ≥ 0, not {alpha!r}")
    return pd.Series(_native.degree_centrality_opsahl(g._g, a), index=g.nodes, name="degree_centrality_opsahl")
