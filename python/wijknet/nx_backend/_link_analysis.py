"""networkx's PageRank (``networkx.algorithms.link_analysis``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph, per_node, threads
from ._registry import takes


@takes(
    weight="weight",
    directed=True,
    only={
        "nstart": (None, "a starting vector changes the iterations networkx reports"),
        "dangling": (None, "wijknet spreads dangling nodes' rank by the personalization only"),
    },
)
def pagerank(
    G: WijknetGraph,
    alpha: float = 0.85,
    personalization: Any = None,
    max_iter: int = 100,
    tol: float = 1.0e-6,
    nstart: Any = None,
    weight: str | None = "weight",
    dangling: Any = None,
) -> dict:
    import networkx as nx

    if len(G) == 0:
        return {}
    p = None
    if personalization is not None:
        p = np.array([float(personalization.get(v, 0)) for v in G.nodes])
        if p.sum() == 0:
            raise ZeroDivisionError("personalization sums to 0")
    g = G.by(weight) if weight is not None and weight in G.values else G.graph
    try:
        v = _native.pagerank(
            g._g, float(alpha), weight is not None, int(max_iter), float(tol), p, threads(), None
        )
    except Exception as e:
        if "converge" in str(e).lower():
            raise nx.PowerIterationFailedConvergence(max_iter) from e
        raise
    return per_node(G, v)
