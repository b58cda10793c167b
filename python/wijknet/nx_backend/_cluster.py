"""networkx's clustering family (``networkx.algorithms.cluster``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph, per_node, threads
from ._registry import takes


@takes(weight="weight")
def clustering(G: WijknetGraph, nodes: Any = None, weight: str | None = None) -> Any:
    v = _native.clustering(G.by(weight)._g, "unweighted" if weight is None else "onnela", threads(), None)
    return per_node(G, v, nodes)


@takes(weight="weight")
def average_clustering(
    G: WijknetGraph, nodes: Any = None, weight: str | None = None, count_zeros: bool = True
) -> float:
    c = clustering(G, nodes, weight)
    values = list(c.values()) if isinstance(c, dict) else [c]
    if not count_zeros:
        values = [x for x in values if abs(x) > 0]
    return sum(values) / len(values)


@takes()
def transitivity(G: WijknetGraph) -> float:
    return float(_native.transitivity(G.graph._g, threads(), None))


@takes()
def triangles(G: WijknetGraph, nodes: Any = None) -> Any:
    v = _native.triangles(G.graph._g, threads(), None).astype(np.int64)
    return per_node(G, v, nodes)


@takes()
def square_clustering(G: WijknetGraph, nodes: Any = None) -> Any:
    v = _native.square_clustering(G.graph._g, threads(), None)
    return per_node(G, v, nodes)
