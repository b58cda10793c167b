"""Centrality: PageRank, eigenvector, betweenness, closeness and harmonic centrality.

Each function takes a :class:`~wijknet.Graph` first and keyword-only options after it, follows
networkx's definition and name (networkx 3.6), and returns a pandas Series indexed by node id,
named after the measure. Weights are strengths (bigger = closer); path-based measures take
``distance=None`` (hops), ``"inverse"`` (a tie of weight w has length 1/w) or ``"weight"`` (w
itself is the length). Results do not depend on the number of threads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import _args
from . import _wijknet as _native
from ._args import ProgressArg
from ._errors import ArgumentError, NodeNotFoundError
from .graph import Graph

__all__ = [
    "pagerank",
    "eigenvector_centrality",
    "betweenness_centrality",
    "closeness_centrality",
    "harmonic_centrality",
    "degree_centrality_opsahl",
]


def _alpha(alpha: Any, distance: Any, fn: str) -> float | None:
    """Opsahl's ``alpha=`` of a path measure: None, or a finite number ≥ 0 with distance=None."""
    if alpha is None:
        return None
    a = _args.real(alpha, "alpha", fn)
    if a < 0:  # type: ignore[operator]
        raise _args.error(fn, "alpha", alpha, "give a finite number ≥ 0")
    if distance is not None:
        raise ArgumentError(f"{fn}(alpha=...) sets the tie length w^(−alpha) itself; leave distance=None")
    return a


def pagerank(
    g: Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = "weight",
    max_iter: int = 100,
    tol: float = 1e-6,
    personalization: Mapping[Any, float] | None = None,
    threads: int | None = None,
    progress: ProgressArg = None,
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
    fn = "pagerank"
    g = _args.graph(g, fn)
    weighted = _args.weight(weight, fn)
    a = _args.real(alpha, "alpha", fn)
    if not 0.0 < a < 1.0:  # type: ignore[operator]
        raise _args.error(fn, "alpha", alpha, "give a damping factor in (0, 1), e.g. 0.85")
    max_iter = _args.whole(max_iter, "max_iter", fn, minimum=1)
    p = None
    if personalization is not None:
        if not isinstance(personalization, (Mapping, pd.Series)):
            raise _args.error(
                fn, "personalization", personalization, "give a dict or Series {node id: value}"
            )
        ps = (
            personalization
            if isinstance(personalization, pd.Series)
            else pd.Series(dict(personalization), dtype=object)
        )
        keys = ps.index.tolist()
        pos = g.nodes.get_indexer(keys)
        if (pos < 0).any():
            missing = [k for k, i in zip(keys, pos, strict=False) if i < 0][:3]
            raise NodeNotFoundError(
                f"personalization= names nodes that are not in the graph, e.g. {missing!r}"
            )
        p = np.zeros(g.number_of_nodes(), dtype=np.float64)
        p[pos] = ps.to_numpy(dtype=np.float64)
    values = _args.call(
        fn,
        _native.pagerank,
        g._g,
        a,
        weighted,
        max_iter,
        _args.real(tol, "tol", fn),
        p,
        _args.threads(threads, fn),
        progress=progress,
    )
    return _args.series(values, g.nodes, "pagerank")


def eigenvector_centrality(
    g: Graph,
    *,
    weight: str | None = None,
    max_iter: int = 100,
    tol: float = 1e-6,
    threads: int | None = None,
    progress: ProgressArg = None,
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
    fn = "eigenvector_centrality"
    g = _args.graph(g, fn)
    weighted = _args.weight(weight, fn)
    max_iter = _args.whole(max_iter, "max_iter", fn, minimum=1)
    values = _args.call(
        fn,
        _native.eigenvector_centrality,
        g._g,
        weighted,
        max_iter,
        _args.real(tol, "tol", fn),
        _args.threads(threads, fn),
        progress=progress,
    )
    return _args.series(values, g.nodes, fn)


def betweenness_centrality(
    g: Graph,
    *,
    normalized: bool = True,
    distance: str | None = None,
    k: int | None = None,
    seed: int | None = None,
    endpoints: bool = False,
    alpha: float | None = None,
    threads: int | None = None,
    progress: ProgressArg = None,
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
        any number of threads. None draws a fresh seed, recorded in the result's
        ``.attrs["seed"]`` (with ``k``) so the estimate can be reproduced. The pivots differ
        from the ones networkx draws for the same seed.
    alpha
        Opsahl, Agneessens & Skvoretz (2010): a tie of weight w has length ``w ** -alpha``
        (alpha = 0: hops; alpha = 1: 1/w, the same as ``distance="inverse"``). Needs
        ``distance=None``. Not in networkx.
    threads, progress
        As :func:`pagerank`.

    Returns
    -------
    pandas.Series
        Named ``"betweenness_centrality"``; with ``k``, ``.attrs["seed"]`` holds the seed used.

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
    fn = "betweenness_centrality"
    g = _args.graph(g, fn)
    k = _args.whole(k, "k", fn, minimum=1, none=True)
    seed = _args.resolve_seed(seed, fn) if k is not None else None
    values = _args.call(
        fn,
        _native.betweenness_centrality,
        g._g,
        _args.flag(normalized, "normalized", fn),
        _args.distance(distance, fn),
        k,
        seed,
        _args.flag(endpoints, "endpoints", fn),
        _alpha(alpha, distance, fn),
        _args.threads(threads, fn),
        progress=progress,
        desc="betweenness",
    )
    return _args.series(values, g.nodes, fn, seed=seed)


def closeness_centrality(
    g: Graph,
    *,
    distance: str | None = None,
    wf_improved: bool = True,
    alpha: float | None = None,
    threads: int | None = None,
    progress: ProgressArg = None,
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
    fn = "closeness_centrality"
    g = _args.graph(g, fn)
    values = _args.call(
        fn,
        _native.closeness_centrality,
        g._g,
        _args.distance(distance, fn),
        _args.flag(wf_improved, "wf_improved", fn),
        _alpha(alpha, distance, fn),
        _args.threads(threads, fn),
        progress=progress,
        desc="closeness",
    )
    return _args.series(values, g.nodes, fn)


def harmonic_centrality(
    g: Graph,
    *,
    distance: str | None = None,
    threads: int | None = None,
    progress: ProgressArg = None,
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
    fn = "harmonic_centrality"
    g = _args.graph(g, fn)
    values = _args.call(
        fn,
        _native.harmonic_centrality,
        g._g,
        _args.distance(distance, fn),
        _args.threads(threads, fn),
        progress=progress,
        desc="harmonic",
    )
    return _args.series(values, g.nodes, fn)


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
    fn = "degree_centrality_opsahl"
    g = _args.graph(g, fn)
    a = _alpha(alpha, None, fn)
    if a is None:
        raise _args.error(fn, "alpha", alpha, "give a finite number ≥ 0")
    return _args.series(_args.call(fn, _native.degree_centrality_opsahl, g._g, a), g.nodes, fn)
