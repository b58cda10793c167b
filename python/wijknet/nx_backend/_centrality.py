"""networkx's shortest-path centralities (``networkx.algorithms.centrality``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph, per_node, threads
from ._registry import takes


def _distance(weight: Any) -> str | None:
    return None if weight is None else "weight"


def _check_k(a: dict[str, Any]) -> str | None:
    k = a.get("k")
    if k is None:
        return None
    if not isinstance(k, int):
        return "k is not a whole number: networkx raises its own error"
    if not 1 <= k <= len(a["G"]):
        return "k is not between 1 and the number of nodes: networkx raises its own error"
    return None


@takes(
    weight="weight",
    directed=True,
    positive=True,
    check=_check_k,
    declines=("`k` other than a whole number from 1 to the number of nodes",),
)
def betweenness_centrality(
    G: WijknetGraph,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    endpoints: bool = False,
    seed: Any = None,
) -> dict:
    sources = None
    if k is not None:
        # networkx's pivots: the same draw from the same random object networkx made of
        # `seed` (so that its random stream moves on as networkx's own call moves it)
        index = G.index
        picked = seed.sample(list(G.nodes), k)
        sources = np.fromiter((index[v] for v in picked), dtype=np.uint32, count=len(picked))
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
        sources,
    )
    return per_node(G, v)


def _check_eigenvector(a: dict[str, Any]) -> str | None:
    nstart = a.get("nstart")
    if nstart is not None:
        # honoured when it is networkx's own start: the same positive number for every node
        G = a["G"]
        values = list(nstart.values()) if isinstance(nstart, dict) else []
        if (
            not values
            or len(nstart) != len(G)
            or any(v not in nstart for v in G)
            or not all(isinstance(x, (int, float)) and x == values[0] for x in values)
            or not 0 < values[0] < float("inf")
        ):
            return "nstart is given: wijknet starts from the same value for every node only"
    tol = a.get("tol")
    if not isinstance(tol, (int, float)) or not tol > 0 or tol == float("inf"):
        return "tol is not a positive number"
    max_iter = a.get("max_iter")
    if not isinstance(max_iter, int) or isinstance(max_iter, bool) or max_iter < 0:
        return "max_iter is not a whole number >= 0"
    return None


@takes(
    weight="weight",
    directed=True,
    check=_check_eigenvector,
    declines=(
        "`nstart` other than the same positive number for every node",
        "`tol` other than a positive number",
        "`max_iter` other than a whole number >= 0",
    ),
)
def eigenvector_centrality(
    G: WijknetGraph,
    max_iter: int = 100,
    tol: float = 1.0e-6,
    nstart: Any = None,
    weight: str | None = None,
) -> dict:
    import networkx as nx

    if len(G) == 0:
        raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
    if max_iter == 0:
        raise nx.PowerIterationFailedConvergence(max_iter)
    try:
        v = _native.eigenvector_centrality(
            G.by(weight)._g, weight is not None, int(max_iter), float(tol), threads(), None
        )
    except Exception as e:
        if "converge" in str(e).lower():
            raise nx.PowerIterationFailedConvergence(max_iter) from e
        raise
    return per_node(G, v)


@takes(directed=True, linear=True)
def degree_centrality(G: WijknetGraph) -> dict:
    if len(G) <= 1:
        return {v: 1 for v in G.nodes}
    d = np.asarray(_native.degree(G.graph._g), dtype=np.float64)
    return per_node(G, d * (1.0 / (len(G) - 1.0)))


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
