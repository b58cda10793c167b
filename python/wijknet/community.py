"""Communities: Louvain, modularity, and comparing partitions.

Partitions are pandas Series of integer labels indexed by node id (0 = the largest group), as
:func:`louvain_communities` and :func:`wijknet.connected_components` return them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from . import _args
from . import _wijknet as _native
from ._args import ProgressArg
from ._errors import ArgumentError
from .graph import Graph

__all__ = ["louvain_communities", "leiden_communities", "modularity", "partition_similarity"]


def _labels(g: Graph, communities: pd.Series | Iterable[Iterable[Any]], fn: str) -> np.ndarray:
    """Labels aligned with g.nodes from a Series (node id → label) or node sets (networkx)."""
    nodes = g.nodes
    if isinstance(communities, pd.Series):
        aligned = communities.reindex(nodes)
        if aligned.isna().any():
            missing = nodes[aligned.isna().to_numpy()][:5].tolist()
            raise ArgumentError(f"{fn}(): the partition has no label for node(s) {missing}; label every node")
        values = aligned.to_numpy()
        if not np.issubdtype(values.dtype, np.integer):
            values = pd.factorize(values)[0]
        if (values < 0).any():
            raise ArgumentError(f"{fn}(): labels must be integers ≥ 0")
        return np.ascontiguousarray(values, dtype=np.uint32)
    labels = np.full(len(nodes), -1, dtype=np.int64)
    for c, group in enumerate(communities):
        for node in group:
            try:
                pos = nodes.get_loc(node)
            except KeyError:
                raise ArgumentError(f"{fn}(): {node!r} is not a node of the graph") from None
            if labels[pos] >= 0:
                raise ArgumentError(
                    f"{fn}(): node {node!r} is in two groups; a partition puts each node in one"
                )
            labels[pos] = c
    if (labels < 0).any():
        missing = nodes[labels < 0][:5].tolist()
        raise ArgumentError(f"{fn}(): node(s) {missing} are in no group; a partition covers every node")
    return labels.astype(np.uint32)


def _detect(
    algorithm: str,
    g: Graph,
    resolution: Any,
    weight: str | None,
    seed: int | None,
    threads: int | None,
    progress: ProgressArg,
    *extra: Any,
) -> pd.Series:
    fn = f"{algorithm}_communities"
    g = _args.graph(g, fn)
    seed = _args.resolve_seed(seed, fn)
    labels = _args.call(
        fn,
        getattr(_native, algorithm),
        g._g,
        _args.real(resolution, "resolution", fn),
        _args.weight(weight, fn),
        seed,
        *extra,
        _args.threads(threads, fn),
        progress=progress,
        desc=algorithm,
    )
    return _args.series(labels.astype(np.int64), g.nodes, "community", seed=seed)


_THREADS_PROGRESS = """    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total)."""


def louvain_communities(
    g: Graph,
    *,
    resolution: float = 1.0,
    weight: str | None = "weight",
    seed: int | None = None,
    threads: int | None = None,
    progress: ProgressArg = None,
) -> pd.Series:
    """Louvain communities (Blondel et al. 2008) maximising modularity at ``resolution``.

    Unlike networkx (a list of sets), returns a Series of labels indexed by node id, 0 = the
    largest community. The same seed gives the same labels on any machine and thread count
    (local moving runs sequentially; networkx's own seeds give other, equally valid partitions).

    Parameters
    ----------
    g
        A graph.
    resolution
        Modularity resolution γ (1 = Newman's modularity; larger gives smaller communities).
    weight
        ``"weight"`` (tie strengths, the default as networkx) or None (every tie 1).
    seed
        Seed of the node order; None draws a fresh one, recorded in ``.attrs["seed"]``.
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total). Counts nodes
        visited; each sweep of local moving adds its nodes to the total as it begins (how many
        sweeps are needed shows only as they run), so the total grows while the bar moves.

    Returns
    -------
    pandas.Series
        Integer labels named ``community``, 0 = the largest; ``.attrs["seed"]`` is the seed.

    Examples
    --------
    >>> import wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project(weight="newman")
    >>> labels = wn.louvain_communities(g, seed=1)
    >>> labels.nunique() >= 2, round(wn.modularity(g, labels), 2) > 0
    (True, True)
    """
    return _detect("louvain", g, resolution, weight, seed, threads, progress)


def leiden_communities(
    g: Graph,
    *,
    resolution: float = 1.0,
    weight: str | None = "weight",
    seed: int | None = None,
    n_iterations: int = -1,
    threads: int | None = None,
    progress: ProgressArg = None,
) -> pd.Series:
    """Leiden communities (Traag, Waltman & van Eck 2019) maximising modularity at
    ``resolution``: like Louvain, plus a refinement step that guarantees connected communities.

    Returns a Series of labels indexed by node id, 0 = the largest community. Deterministic for
    a seed, on any thread count. Compare with igraph ``community_leiden(objective_function=
    "modularity", n_iterations=-1)`` (igraph's default objective is CPM, not modularity).

    Parameters
    ----------
    g
        A graph.
    resolution
        Modularity resolution γ (1 = Newman's modularity).
    weight
        ``"weight"`` (tie strengths) or None (every tie 1).
    seed
        Seed of the node order; None draws a fresh one, recorded in ``.attrs["seed"]``.
    n_iterations
        Leiden runs, each starting from the previous partition, as igraph's argument:
        negative (default) repeats until a run improves modularity by less than 1e-5; a
        positive number caps the runs (NetworKit's ``ParallelLeiden`` does 3; fewer runs are
        faster, with slightly lower modularity on sparse graphs).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total). Counts nodes
        visited; each sweep of local moving and each refinement adds its nodes to the total as it
        begins (how many are needed shows only as they run), so the total grows while the bar
        moves.

    Returns
    -------
    pandas.Series
        Integer labels named ``community``, 0 = the largest; ``.attrs["seed"]`` is the seed.

    Examples
    --------
    >>> import wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project(weight="newman")
    >>> labels = wn.leiden_communities(g, seed=1)
    >>> labels.nunique() >= 2, round(wn.modularity(g, labels), 2) > 0
    (True, True)
    >>> one = wn.leiden_communities(g, seed=1, n_iterations=1)  # a single run: faster
    >>> bool(wn.modularity(g, one) <= wn.modularity(g, labels))
    True
    """
    runs = _args.whole(
        n_iterations,
        "n_iterations",
        "leiden_communities",
        minimum=-(2**31),
        maximum=2**32 - 1,
        hint=": -1 (until modularity stops improving) or the number of runs",
    )
    if runs == 0:
        raise _args.error(
            "leiden_communities",
            "n_iterations",
            0,
            "give -1 (until modularity stops improving) or a number of runs ≥ 1",
        )
    return _detect("leiden", g, resolution, weight, seed, threads, progress, None if runs < 0 else runs)


def modularity(
    g: Graph,
    communities: pd.Series | Iterable[Iterable[Any]],
    *,
    resolution: float = 1.0,
    weight: str | None = "weight",
) -> float:
    """Modularity (Newman 2006) of a partition, as networkx ``community.modularity``.

    Parameters
    ----------
    g
        A graph.
    communities
        A Series of labels indexed by node id, or node sets (networkx style).
    resolution
        Modularity resolution γ.
    weight
        ``"weight"`` (tie strengths) or None (every tie 1).

    Returns
    -------
    float
        The modularity.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> round(wn.modularity(g, [{"a", "b"}, {"c", "d"}]), 4)
    0.1667
    """
    fn = "modularity"
    g = _args.graph(g, fn)
    labels = _labels(g, communities, fn)
    return float(
        _args.call(
            fn,
            _native.modularity,
            g._g,
            labels,
            _args.real(resolution, "resolution", fn),
            _args.weight(weight, fn),
        )
    )


def partition_similarity(a: pd.Series, b: pd.Series) -> pd.Series:
    """Agreement of two partitions of the same nodes: normalised mutual information
    (arithmetic normalisation, as scikit-learn's default) and the adjusted Rand index.

    Parameters
    ----------
    a, b
        Two partitions: Series are aligned on their index (node ids); plain sequences by
        position.

    Returns
    -------
    pandas.Series
        ``nmi`` and ``ari``, named ``partition_similarity``.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> wn.partition_similarity(pd.Series([0, 0, 1, 1]), pd.Series([1, 1, 0, 0])).tolist()
    [1.0, 1.0]
    """
    if isinstance(a, pd.Series) and isinstance(b, pd.Series):
        if not a.index.equals(b.index):
            if set(a.index) != set(b.index):
                raise ArgumentError("partition_similarity(): the two partitions cover different nodes")
            b = b.reindex(a.index)
    va, vb = pd.factorize(pd.Series(np.asarray(a)))[0], pd.factorize(pd.Series(np.asarray(b)))[0]
    if len(va) != len(vb):
        raise ArgumentError(f"partition_similarity(): {len(va)} vs {len(vb)} labels")
    nmi, ari = _native.partition_similarity(va.astype(np.uint32), vb.astype(np.uint32))
    return pd.Series({"nmi": nmi, "ari": ari}, name="partition_similarity")
