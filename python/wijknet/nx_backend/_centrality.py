"""networkx's shortest-path centralities (``networkx.algorithms.centrality``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph, per_node, threads
from ._registry import takes


def _distance(weight: Any) -> str | None:
    return None if weight is None else "weight"


@takes(
    weight="weight",
    directed=True,
    positive=True,
    only={"k": (None, "networkx samples the k pivots from its own random stream")},
)
def betweenness_centrality(
    G: WijknetGraph,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    endpoints: bool = False,
    seed: Any = None,
) -> dict:
    v = _native.betweenness_centrality(
        G.lengths(weight)._g,
        bool(normalized),
        _distance(weight),
        None,
        None,
        bool(endpoints),
        None,
        threads(),
        None,
    )
    return per_node(G, v)


@takes(weight="distance", directed=True, positive=True)
def closeness_centrality(
    G: WijknetGraph, u: Any = None, distance: str | None = None, wf_improved: bool = True
) -> Any:
    v = _native.closeness_centrality(
        G.lengths(distance)._g, _distance(distance), bool(wf_improved), None, threads(), None
    )
    if u is not None:
        return np.asarray(v).tolist()[G.index[u]]
    return per_node(G, v)


@takes(weight="distance", directed=True, positive=True, only={"sources": (None, "sources are not supported")})
def harmonic_centrality(
    G: WijknetGraph, nbunch: Any = None, distance: str | None = None, sources: Any = None
) -> dict:
    v = _native.harmonic_centrality(G.lengths(distance)._g, _distance(distance), threads(), None)
    return per_node(G, v, nbunch, single=False)
