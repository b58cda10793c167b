"""networkx's efficiency measures (``networkx.algorithms.efficiency_measures``)."""

from __future__ import annotations

from .. import _wijknet as _native
from ._convert import WijknetGraph, threads
from ._registry import takes


@takes()
def global_efficiency(G: WijknetGraph) -> float:
    if len(G) < 2:
        return 0  # networkx's value (a whole number) for a graph of fewer than two nodes
    efficiency, _ = _native.global_efficiency(G.graph._g, None, None, None, threads(), None)
    return float(efficiency)
