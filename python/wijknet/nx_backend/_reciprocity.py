"""networkx's reciprocity (``networkx.algorithms.reciprocity``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph
from ._registry import takes


def _directed_only(a: dict[str, Any]) -> str | None:
    return None if a["G"].is_directed() else "an undirected graph: networkx's own call answers it"


_DECLINES = ("undirected graphs (networkx's own call answers them)",)


@takes(directed=True, check=_directed_only, declines=_DECLINES)
def overall_reciprocity(G: WijknetGraph) -> float:
    import networkx as nx

    if G.source.size == 0:
        raise nx.NetworkXError("Not defined for empty graphs")
    return float(_native.reciprocity(G.graph._g, "default"))


def _nodes(G: WijknetGraph, nodes: Any) -> list:
    """networkx's ``G.nbunch_iter(nodes)``: the given nodes that are in the graph, with its
    errors."""
    import networkx as nx

    index = G.index
    out = []
    n = None
    try:
        for n in nodes:
            if n in index:
                out.append(n)
    except TypeError as err:
        exc: Exception = err
        message = str(err.args[0]) if err.args else ""
        if "iter" in message:
            exc = nx.NetworkXError("nbunch is not a node or a sequence of nodes.")
        if "object is not iterable" in message:
            exc = nx.NetworkXError(f"Node {nodes} is not in the graph.")
        if "hashable" in message:
            exc = nx.NetworkXError(f"Node {n} in sequence nbunch is not a valid node.")
        raise exc from None
    return out


@takes(directed=True, check=_directed_only, declines=_DECLINES)
def reciprocity(G: WijknetGraph, nodes: Any = None) -> Any:
    import networkx as nx

    if nodes is None:
        return overall_reciprocity(G)
    r = np.asarray(_native.node_reciprocity(G.graph._g)).tolist()
    if nodes in G:
        value = r[G.index[nodes]]
        if math.isnan(value):
            raise nx.NetworkXError("Not defined for isolated nodes.")
        return value
    index = G.index
    return {v: None if math.isnan(x := r[index[v]]) else x for v in _nodes(G, nodes)}
