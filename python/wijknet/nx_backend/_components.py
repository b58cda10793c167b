"""networkx's connected components (``networkx.algorithms.components``)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph
from ._registry import takes


def _components(G: WijknetGraph) -> list[set]:
    labels = np.asarray(_native.connected_components(G.graph._g), dtype=np.int64)
    if labels.size == 0:
        return []
    # components in the order of their first node, as networkx
    _, first = np.unique(labels, return_index=True)
    order = np.argsort(np.argsort(first))  # label → rank of its first node
    ranks = order[np.searchsorted(np.unique(labels), labels)]
    groups: list[set] = [set() for _ in range(len(first))]
    for node, r in zip(G.nodes, ranks.tolist(), strict=True):
        groups[r].add(node)
    return groups


@takes(linear=True)
def connected_components(G: WijknetGraph) -> Iterator[set]:
    yield from _components(G)


@takes(linear=True)
def number_connected_components(G: WijknetGraph) -> int:
    return int(_native.number_connected_components(G.graph._g))
