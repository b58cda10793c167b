"""networkx's structural holes (``networkx.algorithms.structuralholes``)."""

from __future__ import annotations

from typing import Any

from .. import _wijknet as _native
from ._convert import WijknetGraph, per_node, threads
from ._registry import takes


@takes(only={"weight": (None, "weighted effective size differs between networkx's two code paths")})
def effective_size(G: WijknetGraph, nodes: Any = None, weight: str | None = None) -> dict:
    v = _native.ego_measures(G.graph._g, False, None, threads(), None)["effective_size"]
    return per_node(G, v, nodes, single=False)


@takes(weight="weight", directed=True)
def constraint(G: WijknetGraph, nodes: Any = None, weight: str | None = None) -> dict:
    v = _native.ego_measures(G.by(weight)._g, weight is not None, None, threads(), None)["constraint"]
    return per_node(G, v, nodes, single=False)
