"""networkx's connected components (``networkx.algorithms.components``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph, neighbour_rows, subgraph
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


def _component_nodes(G: WijknetGraph, root: Any) -> set:
    """The Python set networkx's ``node_connected_component(G, root)`` builds, with its
    insertion order (breadth first from ``root``, neighbours in networkx's order): the order in
    which a subgraph of fewer than half of the nodes lists them follows it."""
    nodes, index = G.nodes, G.index
    if G.adj is not None:
        adj = G.adj
        neighbours: Any = adj.__getitem__
    else:
        indptr, indices = neighbour_rows(G)
        bounds = indptr.astype(np.int64).tolist()

        def neighbours(v: Any) -> list:
            i = index[v]
            return [nodes[j] for j in indices[bounds[i] : bounds[i + 1]].tolist()]

    seen = {root}
    level = [root]
    while level:
        this, level = level, []
        for v in this:
            for w in neighbours(v):
                if w not in seen:
                    seen.add(w)
                    level.append(w)
    return seen


@takes(check=_check_root, declines=("`root` that is not a node of the graph",))
def bridges(G: WijknetGraph, root: Any = None) -> Iterator[tuple]:
    # networkx yields the bridges in the edge order of the graph (with `root`: of a copy of the
    # root's component), each from the earlier of its two nodes
    a, b = (np.asarray(x, dtype=np.int64) for x in _native.bridges(G.graph._g))
    n = np.int64(len(G))
    H, at = G, np.arange(len(G), dtype=np.int64)
    if root is not None:
        labels = np.asarray(_native.connected_components(G.graph._g))
        keep = labels == labels[G.index[root]]
        if 2 * int(np.count_nonzero(keep)) >= len(G):
            H, at = subgraph(G, keep), np.flatnonzero(keep)
        else:  # the copy lists the nodes in the order of the set networkx makes of them
            index = G.index
            # networkx makes a new set by iterating the component's set (not a copy of it)
            chosen = set(list(_component_nodes(G, root)))
            at = np.fromiter((index[v] for v in chosen), dtype=np.int64, count=len(chosen))
            H = subgraph(G, keep, at)
    s, t = at[H.source], at[H.target]
    is_bridge = np.isin(np.minimum(s, t) * n + np.maximum(s, t), np.minimum(a, b) * n + np.maximum(a, b))
    nodes = H.nodes
    for i in np.flatnonzero(is_bridge).tolist():
        yield nodes[H.source[i]], nodes[H.target[i]]


@takes()
def articulation_points(G: WijknetGraph) -> Iterator:
    # networkx yields them in the order of its depth-first search, which follows each node's
    # neighbours in the networkx graph's order
    indptr, indices = neighbour_rows(G)
    nodes = G.nodes
    for i in _native.articulation_points_in_order(indptr, indices).tolist():
        yield nodes[i]
