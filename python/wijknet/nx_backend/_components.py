"""networkx's connected components (``networkx.algorithms.components``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph, neighbour_rows
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


@takes(linear=True)
def is_connected(G: WijknetGraph) -> bool:
    import networkx as nx

    if len(G) == 0:
        raise nx.NetworkXPointlessConcept("Connectivity is undefined for the null graph.")
    return int(_native.number_connected_components(G.graph._g)) == 1


def _check_node(a: dict[str, Any]) -> str | None:
    return None if a["n"] in a["G"] else "n is not a node of the graph: networkx raises its own error"


@takes(linear=True, check=_check_node, declines=("`n` that is not a node of the graph",))
def node_connected_component(G: WijknetGraph, n: Any) -> set:
    labels = np.asarray(_native.connected_components(G.graph._g))
    members = np.flatnonzero(labels == labels[G.index[n]]).tolist()
    return {G.nodes[i] for i in members}


def _check_root(a: dict[str, Any]) -> str | None:
    root = a.get("root")
    if root is None or root in a["G"]:
        return None
    return "root is not a node of the graph: networkx raises its own error"


@takes(check=_check_root, declines=("`root` that is not a node of the graph",))
def bridges(G: WijknetGraph, root: Any = None) -> Iterator[tuple]:
    # networkx yields the bridges in its edge order, each from the earlier of its two nodes:
    # the order of the converted edges
    a, b = (np.asarray(x, dtype=np.int64) for x in _native.bridges(G.graph._g))
    n = np.int64(len(G))
    is_bridge = np.isin(G.source.astype(np.int64) * n + G.target, np.minimum(a, b) * n + np.maximum(a, b))
    if root is not None:
        labels = np.asarray(_native.connected_components(G.graph._g))
        is_bridge &= labels[G.source] == labels[G.index[root]]
    nodes = G.nodes
    for i in np.flatnonzero(is_bridge).tolist():
        yield nodes[G.source[i]], nodes[G.target[i]]


@takes()
def articulation_points(G: WijknetGraph) -> Iterator:
    # networkx yields them in the order of its depth-first search, which follows each node's
    # neighbours in the networkx graph's order
    indptr, indices = neighbour_rows(G)
    nodes = G.nodes
    for i in _native.articulation_points_in_order(indptr, indices).tolist():
        yield nodes[i]
