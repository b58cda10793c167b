"""wijknet as a networkx backend: networkx finds this module through its ``networkx.backends``
entry point, so ``nx.pagerank(G, backend="wijknet")`` (or ``nx.config.backend_priority =
["wijknet"]``) runs wijknet's implementation on a networkx graph. Users do not import it.

A call is only taken when wijknet gives networkx's answer: :func:`can_run` declines
multigraphs, directed graphs, self-loops, options wijknet does not have and seeds tied to
networkx's random stream, and networkx then runs the call itself. See the networkx guide in the
documentation for the functions taken and the reasons for each decline.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import numpy as np

from . import _wijknet as _native
from ._errors import ArgumentError
from .graph import Graph, _networkx_edges

__all__ = ["BackendInterface", "get_info", "convert_from_nx", "convert_to_nx", "can_run", "should_run"]

_NAME = "wijknet"


class WijknetGraph:
    """A networkx graph converted for wijknet: the nodes in networkx's order, the edges as node
    positions and the values of the edge attributes the call reads; one wijknet
    :class:`~wijknet.Graph` per attribute, built when first asked for (node positions as ids)."""

    __networkx_backend__ = _NAME

    def __init__(
        self,
        nodes: list,
        source: np.ndarray,
        target: np.ndarray,
        values: dict[str, np.ndarray],
        directed: bool,
    ) -> None:
        self.nodes = nodes
        self.source, self.target, self.values = source, target, values
        self.directed = directed
        self.__networkx_cache__: dict = {}
        self._index: dict | None = None
        self._graphs: dict[str | None, Graph] = {}

    def is_directed(self) -> bool:
        return self.directed

    def is_multigraph(self) -> bool:
        return False

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, node: Any) -> bool:
        try:
            return node in self.index
        except TypeError:  # unhashable: not a node, as networkx
            return False

    @property
    def index(self) -> dict:
        """Node → position."""
        if self._index is None:
            self._index = {v: i for i, v in enumerate(self.nodes)}
        return self._index

    @property
    def graph(self) -> Graph:
        """The graph with every tie weighing 1."""
        return self.by(None)

    def by(self, weight: str | None) -> Graph:
        """The graph whose tie weights are edge attribute ``weight`` (None: every tie 1)."""
        g = self._graphs.get(weight)
        if g is None:
            ids = np.arange(len(self.nodes), dtype=np.int64)
            w = None if weight is None else self.values[weight]
            g = self._graphs[weight] = Graph._from_simple_edges(
                ids, self.source, self.target, w, self.directed
            )
        return g


def convert_from_nx(
    G: Any,
    edge_attrs: Any = None,
    node_attrs: Any = None,
    preserve_edge_attrs: bool = False,
    preserve_node_attrs: bool = False,
    preserve_graph_attrs: bool = False,
    name: str | None = None,
    graph_name: str | None = None,
) -> WijknetGraph:
    """A networkx graph as a :class:`WijknetGraph`, with the edge attributes the call reads
    (``edge_attrs``: attribute → value for edges without it).

    Raises NotImplementedError (networkx then runs the call itself) for multigraphs, self-loops
    and weights wijknet cannot hold (negative, not numbers).
    """
    if isinstance(G, WijknetGraph):
        return G
    attrs: dict[str, float] = {}
    if isinstance(edge_attrs, dict):
        attrs = {k: (1.0 if v is None else v) for k, v in edge_attrs.items()}
    elif isinstance(edge_attrs, str):
        attrs = {edge_attrs: 1.0}
    elif preserve_edge_attrs and "weight" in _edge_attr_names(G):
        attrs = {"weight": 1.0}
    nodes = list(G)
    try:
        source, target, values = _networkx_edges(G, nodes, attrs)
    except ArgumentError as e:
        raise NotImplementedError(f"wijknet cannot take this graph: {e}") from e
    return WijknetGraph(nodes, source, target, values, bool(G.is_directed()))


def _edge_attr_names(G: Any) -> set:
    for _u, _v, d in G.edges(data=True):
        return set(d)
    return set()


def convert_to_nx(obj: Any, *, name: str | None = None) -> Any:
    """A result back in networkx form: a :class:`WijknetGraph` becomes a networkx Graph (or
    DiGraph) with its edge attributes; anything else is already networkx's."""
    if not isinstance(obj, WijknetGraph):
        return obj
    import networkx as nx

    G = nx.DiGraph() if obj.directed else nx.Graph()
    G.add_nodes_from(obj.nodes)
    nodes = np.empty(len(obj.nodes), dtype=object)
    nodes[:] = obj.nodes
    s, t = nodes[obj.source].tolist(), nodes[obj.target].tolist()
    if obj.values:
        names = list(obj.values)
        columns = [obj.values[a].tolist() for a in names]
        G.add_edges_from(
            (u, v, dict(zip(names, ws, strict=True))) for u, v, *ws in zip(s, t, *columns, strict=True)
        )
    else:
        G.add_edges_from(zip(s, t, strict=True))
    return G


# ---- which calls wijknet takes -------------------------------------------------------------

# Per function: the parameters wijknet takes only at these values (anything else is declined,
# with the reason given).
_ONLY: dict[str, dict[str, tuple[Any, str]]] = {
    "pagerank": {
        "nstart": (None, "a starting vector changes the iterations networkx reports"),
        "dangling": (None, "wijknet spreads dangling nodes' rank by the personalization only"),
    },
    "betweenness_centrality": {
        "k": (None, "networkx samples the k pivots from its own random stream"),
    },
    "harmonic_centrality": {"sources": (None, "sources are not supported")},
    "effective_size": {"weight": (None, "weighted effective size differs between networkx's two code paths")},
}

# The parameter naming the edge attribute each function reads.
_WEIGHT = {
    "clustering": "weight",
    "average_clustering": "weight",
    "pagerank": "weight",
    "betweenness_centrality": "weight",
    "closeness_centrality": "distance",
    "constraint": "weight",
    "harmonic_centrality": "distance",
}

# Functions that take directed graphs with networkx's meaning.
_DIRECTED = {
    "pagerank",
    "betweenness_centrality",
    "closeness_centrality",
    "harmonic_centrality",
    "constraint",
}

# Weights must be lengths > 0 for wijknet's shortest paths.
_POSITIVE = {"betweenness_centrality", "closeness_centrality", "harmonic_centrality"}


def _bind(name: str, args: tuple, kwargs: dict) -> dict[str, Any]:
    import networkx as nx

    func = nx.utils.backends._registered_algorithms[name]
    bound = inspect.signature(func).bind(*args, **kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


def can_run(name: str, args: tuple, kwargs: dict) -> bool | str:
    """Whether wijknet gives networkx's answer for this call; a string says why not."""
    if not hasattr(BackendInterface, name):
        return f"wijknet does not implement {name}"
    try:
        a = _bind(name, args, kwargs)
    except TypeError as e:
        return str(e)
    G = a.get("G")
    if isinstance(G, WijknetGraph):
        return True
    if G is None or not hasattr(G, "is_multigraph"):
        return "not a networkx graph"
    if G.is_multigraph():
        return "wijknet does not take multigraphs"
    if G.is_directed() and name not in _DIRECTED:
        return "directed graphs are not supported for this function"
    for param, (value, why) in _ONLY.get(name, {}).items():
        if a.get(param) is not value:
            return f"{param} is given: {why}"
    if any(u in nbrs for u, nbrs in G._adj.items()):
        return "wijknet does not take self-loops"
    attr = a.get(_WEIGHT.get(name, ""))
    if attr is not None:
        if not isinstance(attr, str):
            return "a weight function is not supported (only an edge attribute name)"
        try:
            w = np.fromiter(
                (d.get(attr, 1) for nbrs in G._adj.values() for d in nbrs.values()), dtype=np.float64
            )
        except (TypeError, ValueError):
            return f"edge attribute {attr!r} holds values that are not numbers"
        if not np.isfinite(w).all() or (w < 0).any():
            return f"edge attribute {attr!r} holds negative or non-finite values"
        if name in _POSITIVE and (w <= 0).any():
            return f"edge attribute {attr!r} holds lengths of 0"
    return True


def should_run(name: str, args: tuple, kwargs: dict) -> bool | str:
    """Whether wijknet is worth it when networkx picks backends by priority: not on tiny
    graphs, and not for linear-time functions, where converting the graph costs more than
    networkx's own call (``backend="wijknet"`` runs them all the same)."""
    if name in _LINEAR:
        return f"{name} takes linear time in networkx: converting the graph costs more"
    G = args[0] if args else kwargs.get("G")
    if G is not None and not isinstance(G, WijknetGraph) and len(G) < 20:
        return "a graph under 20 nodes is faster in networkx"
    return True


# networkx's call is about as fast as converting the graph
_LINEAR = {"connected_components", "number_connected_components"}


def get_info() -> dict[str, Any]:
    """What networkx shows about this backend (the ``networkx.backend_info`` entry point): per
    function, the calls wijknet declines (networkx runs those itself)."""
    functions: dict[str, dict[str, Any]] = {}
    for fn in _FUNCTIONS:
        declined = ["multigraphs", "self-loops"]
        if fn not in _DIRECTED:
            declined.append("directed graphs")
        declined += [f"`{p}` other than {v!r} ({why})" for p, (v, why) in _ONLY.get(fn, {}).items()]
        if fn in _WEIGHT:
            declined.append(
                f"`{_WEIGHT[fn]}` as a function, or an attribute with negative, infinite or non-numeric values"
                + (" or lengths of 0" if fn in _POSITIVE else "")
            )
        functions[fn] = {"additional_docs": "Declined (networkx runs the call): " + "; ".join(declined) + "."}
    return {
        "backend_name": _NAME,
        "project": "wijknet",
        "package": "wijknet",
        "url": "https://wijknet.github.io/wijknet/guides/networkx/",
        "short_summary": "Social-network measures from wijknet's compiled core; declines what it cannot match.",
        "default_config": {},
        "functions": functions,
    }


# ---- the functions -------------------------------------------------------------------------


def _per_node(G: WijknetGraph, values: Any, nodes: Any = None, single: bool = True) -> Any:
    """networkx's per-node result: a dict keyed by node; one value when ``nodes`` is a node."""
    vals = np.asarray(values).tolist()
    if nodes is None:
        return dict(zip(G.nodes, vals, strict=True))
    index = G.index
    if single and nodes in G:
        return vals[index[nodes]]
    return {v: vals[index[v]] for v in _nbunch(G, nodes)}


def _nbunch(G: WijknetGraph, nodes: Any) -> Iterator:
    index = G.index
    if nodes in G:
        yield nodes
        return
    for v in nodes:
        if v in index:
            yield v


def _threads() -> int | None:
    return None


def clustering(G: WijknetGraph, nodes: Any = None, weight: str | None = None) -> Any:
    v = _native.clustering(G.by(weight)._g, "unweighted" if weight is None else "onnela", _threads(), None)
    return _per_node(G, v, nodes)


def average_clustering(
    G: WijknetGraph, nodes: Any = None, weight: str | None = None, count_zeros: bool = True
) -> float:
    c = clustering(G, nodes, weight)
    values = list(c.values()) if isinstance(c, dict) else [c]
    if not count_zeros:
        values = [x for x in values if abs(x) > 0]
    return sum(values) / len(values)


def transitivity(G: WijknetGraph) -> float:
    return float(_native.transitivity(G.graph._g, _threads(), None))


def triangles(G: WijknetGraph, nodes: Any = None) -> Any:
    v = _native.triangles(G.graph._g, _threads(), None).astype(np.int64)
    return _per_node(G, v, nodes)


def square_clustering(G: WijknetGraph, nodes: Any = None) -> Any:
    v = _native.square_clustering(G.graph._g, _threads(), None)
    return _per_node(G, v, nodes)


def core_number(G: WijknetGraph) -> dict:
    return _per_node(G, _native.core_number(G.graph._g).astype(np.int64))


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


def connected_components(G: WijknetGraph) -> Iterator[set]:
    yield from _components(G)


def number_connected_components(G: WijknetGraph) -> int:
    return int(_native.number_connected_components(G.graph._g))


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
            g._g, float(alpha), weight is not None, int(max_iter), float(tol), p, _threads(), None
        )
    except Exception as e:
        if "converge" in str(e).lower():
            raise nx.PowerIterationFailedConvergence(max_iter) from e
        raise
    return _per_node(G, v)


def _distance(weight: Any) -> str | None:
    return None if weight is None else "weight"


def betweenness_centrality(
    G: WijknetGraph,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    endpoints: bool = False,
    seed: Any = None,
) -> dict:
    v = _native.betweenness_centrality(
        G.by(weight)._g,
        bool(normalized),
        _distance(weight),
        None,
        None,
        bool(endpoints),
        None,
        _threads(),
        None,
    )
    return _per_node(G, v)


def closeness_centrality(
    G: WijknetGraph, u: Any = None, distance: str | None = None, wf_improved: bool = True
) -> Any:
    v = _native.closeness_centrality(
        G.by(distance)._g, _distance(distance), bool(wf_improved), None, _threads(), None
    )
    if u is not None:
        return np.asarray(v).tolist()[G.index[u]]
    return _per_node(G, v)


def harmonic_centrality(
    G: WijknetGraph, nbunch: Any = None, distance: str | None = None, sources: Any = None
) -> dict:
    v = _native.harmonic_centrality(G.by(distance)._g, _distance(distance), _threads(), None)
    return _per_node(G, v, nbunch, single=False)


def _ego(G: WijknetGraph, measure: str, nodes: Any) -> dict:
    v = _native.ego_measures(G.graph._g, False, None, _threads(), None)[measure]
    return _per_node(G, v, nodes, single=False)


def effective_size(G: WijknetGraph, nodes: Any = None, weight: str | None = None) -> dict:
    return _ego(G, "effective_size", nodes)


def constraint(G: WijknetGraph, nodes: Any = None, weight: str | None = None) -> dict:
    v = _native.ego_measures(G.by(weight)._g, weight is not None, None, _threads(), None)["constraint"]
    return _per_node(G, v, nodes, single=False)


_FUNCTIONS = (
    "clustering",
    "average_clustering",
    "transitivity",
    "triangles",
    "square_clustering",
    "core_number",
    "connected_components",
    "number_connected_components",
    "pagerank",
    "betweenness_centrality",
    "closeness_centrality",
    "harmonic_centrality",
    "effective_size",
    "constraint",
)


class BackendInterface:
    """The object networkx loads for backend ``"wijknet"``: conversions, hooks and the
    functions wijknet takes, each with networkx's signature and result."""

    convert_from_nx = staticmethod(convert_from_nx)
    convert_to_nx = staticmethod(convert_to_nx)
    can_run = staticmethod(can_run)
    should_run = staticmethod(should_run)


for _fn in _FUNCTIONS:
    setattr(BackendInterface, _fn, staticmethod(globals()[_fn]))
