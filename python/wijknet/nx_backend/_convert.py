"""The graphs networkx hands to wijknet and back: :class:`WijknetGraph` (a networkx graph read
once into arrays) and networkx's per-node result shapes."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any

import numpy as np

from .._errors import ArgumentError
from ..graph import Graph, _networkx_edges

NAME = "wijknet"


class _Missing:
    """The value of a node attribute a node does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class WijknetGraph:
    """A networkx graph converted for wijknet: the nodes in networkx's order, the edges as node
    positions and the values of the edge attributes the call reads; one wijknet
    :class:`~wijknet.Graph` per attribute, built when first asked for (node positions as ids).
    ``node_values`` holds the node attributes the call reads: per attribute, networkx's own
    value objects in node order, :data:`MISSING` for a node without it."""

    __networkx_backend__ = NAME

    def __init__(
        self,
        nodes: list,
        source: np.ndarray,
        target: np.ndarray,
        values: dict[str, np.ndarray],
        directed: bool,
        node_values: dict[str, list] | None = None,
    ) -> None:
        self.nodes = nodes
        self.source, self.target, self.values = source, target, values
        self.directed = directed
        self.node_values: dict[str, list] = dict(node_values or {})
        self.__networkx_cache__: dict = {}
        self._index: dict | None = None
        self._graphs: dict[str | None, Graph] = {}
        # the networkx graph this was read from (weakly), for functions that copy its node and
        # graph attributes into their result as networkx does (the bipartite projections)
        self.origin: Any = None

    def is_directed(self) -> bool:
        return self.directed

    def is_multigraph(self) -> bool:
        return False

    def __len__(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return len(self.source)

    def __str__(self) -> str:  # as networkx's, for messages that name the graph
        kind = "DiGraph" if self.directed else "Graph"
        return f"{kind} with {len(self.nodes)} nodes and {len(self.source)} edges"

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

    def lengths(self, distance: str | None) -> Graph:
        """The graph whose tie lengths are edge attribute ``distance`` for shortest paths;
        NotImplementedError (networkx then runs the call) when a length is 0, which wijknet's
        shortest paths do not take."""
        if distance is not None and (self.values[distance] <= 0).any():
            raise NotImplementedError(f"edge attribute {distance!r} holds lengths of 0")
        return self.by(distance)

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
    (``edge_attrs``: attribute → value for edges without it) and the node attributes it reads
    (``node_attrs``: attribute → value for nodes without it, None: :data:`MISSING`;
    ``preserve_node_attrs=True``: all of them).

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
    converted = WijknetGraph(
        nodes, source, target, values, bool(G.is_directed()), _node_values(G, node_attrs, preserve_node_attrs)
    )
    try:
        converted.origin = weakref.ref(G)
    except TypeError:  # a graph class that takes no weak references
        pass
    return converted


def _node_values(G: Any, node_attrs: Any, preserve: Any) -> dict[str, list]:
    """Per node attribute asked for, its values in node order (one pass over the node data
    per attribute); a node without the attribute gets the default, or :data:`MISSING`."""
    wanted: dict[str, Any] = {}
    if isinstance(node_attrs, dict):
        wanted = dict(node_attrs)
    elif isinstance(node_attrs, str):
        wanted = {node_attrs: None}
    elif preserve is True:
        wanted = {a: None for d in G._node.values() for a in d}
    elif isinstance(preserve, dict):  # {graph argument: {attribute: default}}
        for attrs in preserve.values():
            wanted.update(attrs if isinstance(attrs, dict) else {})
    data = G._node.values()
    return {
        attr: [d.get(attr, MISSING if default is None else default) for d in data]
        for attr, default in wanted.items()
    }


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
    if obj.node_values:
        names = list(obj.node_values)
        G.add_nodes_from(
            (v, {a: x for a, x in zip(names, xs, strict=True) if x is not MISSING})
            for v, *xs in zip(obj.nodes, *(obj.node_values[a] for a in names), strict=True)
        )
    else:
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


def remember_conversion(G: Any, nodes: list, u: np.ndarray, v: np.ndarray, weight: list) -> None:
    """Put the wijknet form of networkx graph ``G``, just built by wijknet from ties ``u``–``v``
    (positions in ``nodes``) with weights ``weight`` (the edges' ``weight`` attribute, 1 where
    they have none), in networkx's conversion cache of ``G``: the calls that follow on ``G``
    then skip reading it back. As with networkx's own cache, changing ``G`` through its
    methods clears it."""
    import networkx as nx

    cache = getattr(G, "__networkx_cache__", None)
    if not nx.config.cache_converted_graphs or not isinstance(cache, dict):
        return
    W = WijknetGraph(
        nodes,
        np.asarray(u, dtype=np.uint32),
        np.asarray(v, dtype=np.uint32),
        {"weight": np.asarray(weight, dtype=np.float64)},
        bool(G.is_directed()),
    )
    W.origin = weakref.ref(G)
    # networkx's cache key: (edge attributes with their defaults, node attributes); a graph
    # converted with the "weight" attribute serves calls reading no attribute too
    cache.setdefault("backends", {}).setdefault(NAME, {})[(frozenset({("weight", 1)}), False)] = W


def per_node(G: WijknetGraph, values: Any, nodes: Any = None, single: bool = True) -> Any:
    """networkx's per-node result: a dict keyed by node; one value when ``nodes`` is a node."""
    vals = np.asarray(values).tolist()
    if nodes is None:
        return dict(zip(G.nodes, vals, strict=True))
    index = G.index
    if single and nodes in G:
        return vals[index[nodes]]
    return {v: vals[index[v]] for v in nbunch(G, nodes)}


def nbunch(G: WijknetGraph, nodes: Any) -> Iterator:
    index = G.index
    if nodes in G:
        yield nodes
        return
    for v in nodes:
        if v in index:
            yield v


def threads() -> int | None:
    return None
