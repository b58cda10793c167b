"""networkx's bipartite functions (``networkx.algorithms.bipartite``): the one-mode projections,
Latapy and Robins–Alexander clustering, and the two-mode degree, closeness and betweenness
centralities of Borgatti & Everett.

networkx takes a plain graph and, for the projections and centralities, ``nodes``: the nodes of
one side. For the projections and the clustering measures wijknet reads the converted graph into
its two-mode network (``nodes``, or one colour of a two-colouring, as the residents; the other
side as the activities) and runs its compiled measures there; where networkx's answer on a graph
that is not two-mode differs (an edge inside one side), the call is declined and networkx runs
it. The centralities are networkx's measures on the whole graph with each side scaled by its
largest possible value: wijknet computes the measures on the whole graph too and scales them
with networkx's own arithmetic, so they need no two-mode graph.

The projections return a networkx graph, as networkx's own functions do (networkx hands a
backend's result to the caller unconverted): the same class, the nodes in the order of
``nodes`` with their attributes and the graph's attributes (shallow copies), and networkx's
edge weights.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np

from .. import _wijknet as _native
from ..graph import Graph
from ._convert import WijknetGraph, remember_conversion, threads
from ._registry import takes

_MODES = ("dot", "min", "max")


# ---------------------------------------------------------------------------------------------
# declines (checked by can_run on the networkx graph; the functions check a WijknetGraph again)
# ---------------------------------------------------------------------------------------------


def _listed_reason(G: Any, nodes: Any) -> str | None:
    """Why ``nodes`` cannot be read before networkx runs, or holds a node not in ``G``."""
    if not isinstance(nodes, Collection):
        return "`nodes` is an iterator (networkx reads it once, so wijknet cannot look at it first)"
    if not all(v in G for v in nodes):
        return "`nodes` holds something that is not a node of the graph (networkx raises an error)"
    return None


def _split_reason(G: Any, nodes: Any) -> str | None:
    """Why ``G`` is not two-mode with ``nodes`` as one side (an edge inside a side), or None."""
    side = set(nodes)
    if isinstance(G, WijknetGraph):
        first = np.zeros(len(G.nodes), dtype=bool)
        first[[G.index[v] for v in side]] = True
        crossing = bool((first[G.source] != first[G.target]).all())
    else:
        adj = G._adj
        # no edge inside `nodes`, and every edge has an end in `nodes`: all edges cross
        crossing = (
            all(side.isdisjoint(adj[u]) for u in side)
            and sum(len(adj[u]) for u in side) == G.number_of_edges()
        )
    if crossing:
        return None
    return (
        "an edge joins two nodes on the same side (two of `nodes`, or two of the other nodes): "
        "networkx then projects onto nodes outside `nodes`"
    )


def _projection_check(a: dict[str, Any]) -> str | None:
    return _listed_reason(a["B"], a["nodes"]) or _split_reason(a["B"], a["nodes"])


_PROJECTION_DECLINES = (
    "`nodes` as an iterator, or holding nodes not in the graph",
    "graphs with an edge inside one side (networkx then projects onto nodes outside `nodes`)",
)


def _latapy_check(a: dict[str, Any]) -> str | None:
    if not isinstance(a["mode"], str):
        return "`mode` is not a string"
    return None if a["nodes"] is None else _listed_reason(a["G"], a["nodes"])


def _robins_alexander_check(a: dict[str, Any]) -> str | None:
    import networkx as nx

    if nx.is_bipartite(a["G"], backend="networkx"):
        return None
    return "the graph is not bipartite (networkx counts its cycles and paths all the same)"


def _take(B: Any, reason: str | None) -> None:
    """A call networkx did not check with can_run (a WijknetGraph given directly)."""
    if reason is not None:
        raise NotImplementedError(f"wijknet does not take this call: {reason}")


# ---------------------------------------------------------------------------------------------
# the two-mode network of a converted graph
# ---------------------------------------------------------------------------------------------


def _two_mode(G: WijknetGraph, code: np.ndarray) -> tuple[Any, np.ndarray, np.ndarray] | None:
    """wijknet's two-mode network of ``G``, whose edges all cross: the nodes with ``code >= 0``
    are the residents (resident ``code``, its id), the others the activities (in node order).
    Returns the network and the node positions of its residents and activities, or None when
    ``G`` has no edges (a register has at least one row)."""
    if len(G.source) == 0:
        return None
    s, t = G.source.astype(np.int64), G.target.astype(np.int64)
    first = code >= 0
    on_first = first[s]
    resident = np.where(on_first, s, t)
    activity = np.where(on_first, t, s)
    n_residents = int(code.max()) + 1
    activity_code = np.cumsum(~first) - 1
    net = _native.Network.from_columns(
        code[resident].astype(np.uint32),
        np.arange(n_residents, dtype=np.int64),
        activity_code[activity].astype(np.uint32),
        np.arange(int((~first).sum()), dtype=np.int64),
    )
    residents = np.empty(n_residents, dtype=np.int64)
    residents[code[first]] = np.flatnonzero(first)
    activities = np.flatnonzero(~first)
    return net, residents[net.view_residents()], activities[net.view_activities()]


def _two_colouring(G: WijknetGraph) -> np.ndarray | None:
    """One colour of a two-colouring of ``G`` (True/False per node), or None when ``G`` is not
    bipartite. A component of the bipartite double cover (node v as v₀ and v₁, an edge u–v as
    u₀–v₁ and u₁–v₀) holds one colour of a component of ``G`` as v₀ and the other as v₁, unless
    an odd cycle joins v₀ to v₁."""
    n = len(G.nodes)
    s, t = G.source.astype(np.int64), G.target.astype(np.int64)
    cover = Graph._from_simple_edges(
        np.arange(2 * n, dtype=np.int64),
        np.concatenate([s, s + n]).astype(np.uint32),
        np.concatenate([t + n, t]).astype(np.uint32),
        None,
        False,
    )
    label = np.asarray(_native.connected_components(cover._g))
    if (label[:n] == label[n:]).any():
        return None
    return label[:n] < label[n:]


# ---------------------------------------------------------------------------------------------
# projections
# ---------------------------------------------------------------------------------------------


def _project(B: WijknetGraph, nodes: Any, weight: str) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    """wijknet's projection of ``B`` onto ``nodes`` (weights ``weight``): the distinct nodes in
    networkx's order, and the ties as positions in that list with their weights."""
    _take(B, "directed graphs are not supported" if B.directed else None)
    _take(B, _listed_reason(B, nodes) or _split_reason(B, nodes))
    unique = list(dict.fromkeys(nodes))
    code = np.full(len(B.nodes), -1, dtype=np.int64)
    index = B.index
    code[[index[v] for v in unique]] = np.arange(len(unique))
    built = _two_mode(B, code)
    if built is None:
        empty = np.zeros(0, dtype=np.int64)
        return unique, empty, empty, np.zeros(0)
    net, _, _ = built
    g = net.project(weight, "activity", None, None, max(net.pair_count("activity"), 1), threads(), None)
    e = g.edges()
    ids = np.asarray(g.node_ids(), dtype=np.int64)  # residents' codes: positions in `unique`
    return unique, ids[e["source"]], ids[e["target"]], e["weight"]


def _networkx_graph(B: WijknetGraph, unique: list, u: np.ndarray, v: np.ndarray, weights: list | None) -> Any:
    """networkx's projected graph: the nodes of ``unique`` with their attributes in the graph
    ``B`` was read from, its graph attributes, and an edge u–v with attribute dict
    ``{"weight": weights[i]}`` (``{}`` without weights; one dict shared by both directions, as
    networkx's own graphs)."""
    import networkx as nx

    data = [{} for _ in range(len(u))] if weights is None else [{"weight": x} for x in weights]
    G = nx.Graph()
    origin = B.origin() if B.origin is not None else None
    if origin is not None:
        G.graph.update(origin.graph)
        attrs = origin._node
        G._node.update((n, dict(attrs[n])) for n in unique)
    else:
        G._node.update((n, {}) for n in unique)
    adj = G._adj
    adj.update((n, {}) for n in unique)
    at = unique.__getitem__
    for a, b, d in zip(map(at, u.tolist()), map(at, v.tolist()), data, strict=True):
        adj[a][b] = d
        adj[b][a] = d
    W = WijknetGraph(
        unique,
        u.astype(np.uint32),
        v.astype(np.uint32),
        {"weight": np.ones(len(u)) if weights is None else np.asarray(weights, dtype=np.float64)},
        False,
    )
    remember_conversion(G, W, weight=True)
    return G


@takes(
    check=_projection_check,
    declines=_PROJECTION_DECLINES,
    only={"multigraph": (False, "networkx's multigraph keys each edge by the shared neighbour")},
)
def projected_graph(B: WijknetGraph, nodes: Any, multigraph: bool = False) -> Any:
    _take(B, "multigraph=True is not supported" if multigraph else None)
    unique, u, v, _ = _project(B, nodes, "count")
    return _networkx_graph(B, unique, u, v, None)


@takes(check=_projection_check, declines=_PROJECTION_DECLINES)
def weighted_projected_graph(B: WijknetGraph, nodes: Any, ratio: bool = False) -> Any:
    unique, u, v, w = _project(B, nodes, "count")
    n_top = len(B) - len(nodes)
    if n_top < 1:
        import networkx as nx

        raise nx.NetworkXAlgorithmError(
            f"the size of the nodes to project onto ({len(nodes)}) is >= the graph size ({len(B)}).\n"
            "They are either not a valid bipartite partition or contain duplicates"
        )
    # networkx: the number of shared neighbours (an int), or that number / n_top
    weights = (w / n_top).tolist() if ratio else w.astype(np.int64).tolist()
    return _networkx_graph(B, unique, u, v, weights)


@takes(
    check=_projection_check,
    declines=_PROJECTION_DECLINES,
    only={"weight_function": (None, "a weight function of the user's runs in Python")},
)
def generic_weighted_projected_graph(B: WijknetGraph, nodes: Any, weight_function: Any = None) -> Any:
    _take(B, "a weight function is not supported" if weight_function is not None else None)
    # networkx's default weight: the number of shared neighbours (an int)
    unique, u, v, w = _project(B, nodes, "count")
    return _networkx_graph(B, unique, u, v, w.astype(np.int64).tolist())


@takes(check=_projection_check, declines=_PROJECTION_DECLINES)
def collaboration_weighted_projected_graph(B: WijknetGraph, nodes: Any) -> Any:
    unique, u, v, w = _project(B, nodes, "newman")
    return _networkx_graph(B, unique, u, v, w.tolist())


@takes(check=_projection_check, declines=_PROJECTION_DECLINES)
def overlap_weighted_projected_graph(B: WijknetGraph, nodes: Any, jaccard: bool = True) -> Any:
    unique, u, v, w = _project(B, nodes, "jaccard" if jaccard else "overlap")
    return _networkx_graph(B, unique, u, v, w.tolist())


# ---------------------------------------------------------------------------------------------
# clustering
# ---------------------------------------------------------------------------------------------


@takes(
    check=_latapy_check,
    declines=("`nodes` as an iterator, or holding nodes not in the graph", "`mode` other than a string"),
)
def latapy_clustering(G: WijknetGraph, nodes: Any = None, mode: str = "dot") -> dict:
    import networkx as nx

    if nodes is not None:
        _take(G, _listed_reason(G, nodes))
    first = _two_colouring(G)
    if first is None:
        raise nx.NetworkXError("Graph is not bipartite")
    if mode not in _MODES:
        raise nx.NetworkXError("Mode for bipartite clustering must be: dot, min or max")
    values = np.zeros(len(G.nodes))
    code = np.where(first, np.cumsum(first) - 1, -1)
    built = _two_mode(G, code)
    if built is not None:  # without edges every node has 0
        net, residents, activities = built
        values[residents] = _native.latapy_clustering(net, mode, "residents")
        values[activities] = _native.latapy_clustering(net, mode, "activities")
    vals, index = values.tolist(), G.index
    return {v: vals[index[v]] for v in (G.nodes if nodes is None else nodes)}


@takes(
    "bipartite_average_clustering",
    check=_latapy_check,
    declines=("`nodes` as an iterator, or holding nodes not in the graph", "`mode` other than a string"),
)
def bipartite_average_clustering(G: WijknetGraph, nodes: Any = None, mode: str = "dot") -> float:
    if nodes is None:
        nodes = G.nodes
    ccs = latapy_clustering(G, nodes, mode)
    return sum(ccs[v] for v in nodes) / len(nodes)


@takes(check=_robins_alexander_check, declines=("graphs that are not bipartite",))
def robins_alexander_clustering(G: WijknetGraph) -> float:
    s, t = G.source.astype(np.int64), G.target.astype(np.int64)
    if len(G.nodes) < 4 or len(s) < 3:
        return 0
    # networkx's number of 3-paths: over the edges u–v, (deg u − 1)(deg v − 1)
    degree = np.bincount(s, minlength=len(G.nodes)) + np.bincount(t, minlength=len(G.nodes))
    if int(((degree[s] - 1) * (degree[t] - 1)).sum()) == 0:
        return 0
    first = _two_colouring(G)
    _take(G, "the graph is not bipartite" if first is None else None)
    assert first is not None
    built = _two_mode(G, np.where(first, np.cumsum(first) - 1, -1))
    assert built is not None
    return float(_native.robins_alexander_clustering(built[0]))


# ---------------------------------------------------------------------------------------------
# centrality (Borgatti & Everett 1997): networkx's measures on the whole graph, each side scaled
# by its largest possible value; the same arithmetic as networkx, in networkx's key order
# ---------------------------------------------------------------------------------------------


def _sides(G: WijknetGraph, nodes: Any) -> tuple[set, set]:
    top = set(nodes)
    return top, set(G.nodes) - top


@takes("bipartite_degree_centrality", linear=True)
def bipartite_degree_centrality(G: WijknetGraph, nodes: Any) -> dict:
    top, bottom = _sides(G, nodes)
    degree, index = np.asarray(_native.degree(G.graph._g)).tolist(), G.index
    s = 1.0 / len(bottom)
    centrality = {n: degree[index[n]] * s for n in top if n in index}
    s = 1.0 / len(top)
    centrality.update({n: degree[index[n]] * s for n in bottom})
    return centrality


@takes("bipartite_closeness_centrality")
def bipartite_closeness_centrality(G: WijknetGraph, nodes: Any, normalized: bool = True) -> dict:
    import networkx as nx

    top, bottom = _sides(G, nodes)
    n, m, order = len(top), len(bottom), len(G.nodes)
    g = G.graph._g
    # networkx's closeness without the correction, (r − 1) / d, gives d, the sum of distances
    # to the r − 1 other nodes a node reaches (r: its component's size), back exactly
    closeness = np.asarray(_native.closeness_centrality(g, None, False, None, threads(), None))
    label = np.asarray(_native.connected_components(g))
    reached = np.bincount(label)[label] - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.where(closeness > 0, np.rint(reached / closeness), 0.0)
    totals, reach, index = total.astype(np.int64).tolist(), reached.tolist(), G.index
    result = {}
    for side, numerator in ((top, m + 2 * (n - 1)), (bottom, n + 2 * (m - 1))):
        for node in side:
            i = index.get(node)
            if i is None:
                raise nx.NodeNotFound(f"Source {node} is not in G")
            if totals[i] > 0.0 and order > 1:
                result[node] = numerator / totals[i]
                if normalized:
                    result[node] *= reach[i] / (order - 1)
            else:
                result[node] = 0.0
    return result


@takes("bipartite_betweenness_centrality")
def bipartite_betweenness_centrality(G: WijknetGraph, nodes: Any) -> dict:
    top, bottom = _sides(G, nodes)
    n, m = len(top), len(bottom)
    s, t = divmod(n - 1, m)
    bet_max_top = ((m**2) * ((s + 1) ** 2) + (m * (s + 1) * (2 * t - s - 1)) - (t * ((2 * s) - t + 3))) / 2.0
    p, r = divmod(m - 1, n)
    bet_max_bot = ((n**2) * ((p + 1) ** 2) + (n * (p + 1) * (2 * r - p - 1)) - (r * ((2 * p) - r + 3))) / 2.0
    raw = _native.betweenness_centrality(G.graph._g, False, None, None, None, False, None, threads(), None)
    betweenness = dict(zip(G.nodes, np.asarray(raw).tolist(), strict=True))
    for node in top:
        betweenness[node] /= bet_max_top
    for node in bottom:
        betweenness[node] /= bet_max_bot
    return betweenness
