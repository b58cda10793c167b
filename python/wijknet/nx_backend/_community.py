"""networkx's modularity and Louvain communities (``networkx.algorithms.community``).

Louvain is randomised: networkx's answer for a given ``seed`` comes from its own random stream
and node order, which wijknet does not reproduce, so a given seed is declined. With
``seed=None`` networkx promises any Louvain partition, and wijknet gives one: its own Louvain
run (seeded from Python's ``random`` module, as networkx's ``seed=None``), stopped level by
level by networkx's rules for ``threshold`` and ``max_level``.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import deque
from collections.abc import Iterator
from typing import Any

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph, threads
from ._registry import takes


def _weighted(G: WijknetGraph, weight: Any) -> tuple[Any, bool]:
    """The graph whose ties carry ``weight`` and whether to read the weights."""
    return G.by(weight), weight is not None


def _total_weight(G: WijknetGraph, weight: Any) -> float:
    return float(G.values[weight].sum()) if weight is not None else float(len(G.source))


def _no_weight_at_all(G: WijknetGraph, weight: Any) -> None:
    """networkx divides by the total tie weight: a graph with ties that all weigh 0 raises."""
    if len(G.source) and _total_weight(G, weight) == 0:
        raise ZeroDivisionError("float division by zero: every tie weighs 0")


def _labels(G: WijknetGraph, communities: list) -> np.ndarray | None:
    """Each node's community, or None when ``communities`` is not a partition of the nodes
    (networkx's ``is_partition``: every node in exactly one community, nothing else)."""
    index = G.index
    labels = np.full(len(G.nodes), -1, dtype=np.int64)
    for c, community in enumerate(communities):
        for node in community:
            try:
                pos = index.get(node)
            except TypeError:  # unhashable: not a node
                return None
            if pos is None or labels[pos] >= 0:
                return None
            labels[pos] = c
    if (labels < 0).any():
        return None
    return labels.astype(np.uint32)


def _resolution_positive(a: dict[str, Any]) -> str | None:
    r = a.get("resolution")
    if isinstance(r, bool) or not isinstance(r, (int, float)) or not (r > 0 and math.isfinite(r)):
        return f"resolution={r!r}: wijknet's Louvain takes a finite resolution > 0"
    return None


def _louvain_arguments(a: dict[str, Any]) -> str | None:
    # networkx turns seed=None into Python's global random state before dispatching
    if a.get("seed") is not None and a.get("seed") is not getattr(random, "_inst", None):
        return "seed is given: networkx's answer for a seed comes from its own random stream"
    t = a.get("threshold")
    if isinstance(t, bool) or not isinstance(t, (int, float)):
        return f"threshold={t!r} is not a number"
    return _resolution_positive(a)


@takes(weight="weight")
def modularity(
    G: WijknetGraph, communities: Any, weight: str | None = "weight", resolution: float = 1
) -> float:
    from networkx.algorithms.community.quality import NotAPartition

    if not isinstance(communities, list):
        communities = list(communities)
    # as networkx's is_partition: len() of each community, nodes outside the graph fail
    sizes = sum(len(c) for c in communities)
    labels = _labels(G, communities)
    if labels is None or sizes != len(G.nodes):
        raise NotAPartition(G, communities)
    _no_weight_at_all(G, weight)
    if not len(G.source):
        raise ZeroDivisionError("division by zero: the graph has no ties")
    g, weighted = _weighted(G, weight)
    return float(_native.modularity(g._g, labels, float(resolution), weighted))


def _partition(G: WijknetGraph, labels: np.ndarray) -> list[set]:
    """networkx's partition: a list of sets of nodes, community 0 (the largest) first."""
    parts: list[set] = [set() for _ in range(int(labels.max()) + 1 if len(labels) else 0)]
    for v, c in zip(G.nodes, labels.tolist(), strict=True):
        parts[c].add(v)
    return parts


def _levels(G: WijknetGraph, weight: Any, resolution: float, threshold: float) -> Iterator[list[set]]:
    """networkx's ``louvain_partitions`` on wijknet's Louvain levels: each level's partition,
    stopping after the first level that gains no more modularity than ``threshold``."""
    singletons = [{v} for v in G.nodes]
    if not len(G.source):
        yield singletons
        return
    _no_weight_at_all(G, weight)
    g, weighted = _weighted(G, weight)
    levels = _native.louvain_levels(
        g._g, float(resolution), weighted, random.getrandbits(64), threads(), None
    )
    if not levels:  # no node moved: networkx yields the singletons
        yield singletons
        return
    q = _native.modularity(g._g, np.arange(len(G.nodes), dtype=np.uint32), float(resolution), weighted)
    for labels in levels:
        yield _partition(G, labels)
        q_next = _native.modularity(g._g, labels, float(resolution), weighted)
        if q_next - q <= threshold:
            return
        q = q_next


_LOUVAIN_DECLINES = (
    "a seed (networkx's answer for a seed comes from its own random stream)",
    "a resolution that is not a finite number > 0",
    "a threshold that is not a number",
)


@takes(weight="weight", check=_louvain_arguments, declines=_LOUVAIN_DECLINES)
def louvain_partitions(
    G: WijknetGraph,
    weight: str | None = "weight",
    resolution: float = 1,
    threshold: float = 0.0000001,
    seed: Any = None,
) -> Iterator[list[set]]:
    return _levels(G, weight, resolution, threshold)


@takes(weight="weight", check=_louvain_arguments, declines=_LOUVAIN_DECLINES)
def louvain_communities(
    G: WijknetGraph,
    weight: str | None = "weight",
    resolution: float = 1,
    threshold: float = 0.0000001,
    max_level: int | None = None,
    seed: Any = None,
) -> list[set]:
    partitions = _levels(G, weight, resolution, threshold)
    if max_level is not None:
        if max_level <= 0:
            raise ValueError("max_level argument must be a positive integer or None")
        partitions = itertools.islice(partitions, max_level)
    return deque(partitions, maxlen=1).pop()
