"""The graphs networkx hands to wijknet and back: :class:`WijknetGraph` (a networkx graph read
once into arrays) and networkx's per-node result shapes."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from itertools import chain
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


class EdgeValues(dict):
    """The edge attributes a call reads, by name, as arrays in the order of the edge arrays.
    With networkx's own attribute dicts at hand (``read``), an attribute not read yet reads as
    present and is read when first asked for."""

    def __init__(self, values: dict[str, np.ndarray], read: Any = None) -> None:
        super().__init__(values)
        self._read = read

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or self._read is not None

    def __missing__(self, name: str) -> np.ndarray:
        if self._read is None:
            raise KeyError(name)
        w = self[name] = self._read(name)
        return w

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default


class WijknetGraph:
    """A networkx graph converted for wijknet: the nodes in networkx's order, the edges as node
    positions and the values of the edge attributes the call reads; one wijknet
    :class:`~wijknet.Graph` per attribute, built when first asked for (node positions as ids)."""

    __networkx_backend__ = NAME

    def __init__(
        self,
        nodes: list,
        source: np.ndarray,
        target: np.ndarray,
        values: dict[str, np.ndarray],
        directed: bool,
        *,
        node_data: list[dict] | None = None,
        edge_dicts: Any = None,
        graph_data: dict | None = None,
        cls: type | None = None,
        adj: Any = None,
        node_values: dict[str, list] | None = None,
    ) -> None:
        self.nodes = nodes
        self.source, self.target = source, target
        self.directed = directed
        # kept only when networkx asks for all attributes (functions that return a graph): each
        # node's attribute dict and the graph's (the networkx graph's own), the networkx
        # adjacency holding each edge's attribute dict (looked up by its nodes when needed),
        # and the networkx class to rebuild
        self.node_data, self.graph_data = node_data, graph_data
        self.edge_dicts = edge_dicts
        self.cls = cls
        self.values = EdgeValues(values, None if edge_dicts is None else self._read_attribute)
        # the networkx adjacency the graph was read from (None for graphs wijknet made): the
        # order of each node's neighbours, which some of networkx's answers follow
        self.adj = adj
        self.__networkx_cache__: dict = {}
        self._index: dict | None = None
        self._graphs: dict[str | None, Graph] = {}
        self._edge_data: list[dict] | None = None
        # the node attributes a call reads, per attribute its values in node order
        # (:data:`MISSING` where a node has none)
        self.node_values: dict[str, list] = dict(node_values or {})
        # the networkx graph this was read from (weakly), for functions that copy its node and
        # graph attributes into their result as networkx does (the bipartite projections)
        self.origin: Any = None

    @property
    def edge_data(self) -> list[dict] | None:
        """Each edge's networkx attribute dict, in the order of the edge arrays (None when the
        conversion did not keep them)."""
        if self.edge_dicts is None:
            return None
        if self._edge_data is None:
            nodes = np.empty(len(self.nodes), dtype=object)
            nodes[:] = self.nodes
            A = self.edge_dicts
            self._edge_data = [
                A[u][v] for u, v in zip(nodes[self.source].tolist(), nodes[self.target].tolist(), strict=True)
            ]
        return self._edge_data

    def _read_attribute(self, name: str) -> np.ndarray:
        data = self.edge_data or []
        try:
            w = np.array([d.get(name, 1.0) for d in data], dtype=np.float64)
        except (TypeError, ValueError):
            raise NotImplementedError(f"edge attribute {name!r} holds values that are not numbers") from None
        if not (np.isfinite(w) & (w >= 0)).all():
            raise NotImplementedError(f"edge attribute {name!r} holds negative or non-finite values")
        return w

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
    # with preserve_edge_attrs every attribute is read from networkx's dicts when asked for
    nodes = list(G)
    try:
        source, target, values = _networkx_edges(G, nodes, attrs)
    except ArgumentError as e:
        raise NotImplementedError(f"wijknet cannot take this graph: {e}") from e
    converted = WijknetGraph(
        nodes,
        source,
        target,
        values,
        bool(G.is_directed()),
        node_data=list(G._node.values()) if preserve_node_attrs else None,
        edge_dicts=G._adj if preserve_edge_attrs else None,
        graph_data=G.graph if preserve_graph_attrs else None,
        cls=type(G),
        adj=G._adj,
        node_values=_node_values(G, node_attrs, preserve_node_attrs),
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


def convert_to_nx(obj: Any, *, name: str | None = None) -> Any:
    """A result back in networkx form: a :class:`WijknetGraph` becomes a networkx graph of the
    class it came from (Graph or DiGraph when built here) with the attributes it kept, copied as
    networkx's ``G.subgraph(nodes).copy()`` copies them (graph, node and edge dicts shallowly;
    nodes and edges in networkx's order); anything else is already networkx's."""
    if not isinstance(obj, WijknetGraph):
        return obj
    import networkx as nx

    cls = obj.cls if obj.cls is not None else nx.DiGraph if obj.directed else nx.Graph
    G = cls()
    if obj.graph_data is not None:
        G.graph.update(obj.graph_data)
    if obj.node_data is not None:
        G.add_nodes_from((v, d.copy()) for v, d in zip(obj.nodes, obj.node_data, strict=True))
    elif obj.node_values:
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
    if obj.edge_data is not None:
        G.add_edges_from((u, v, d.copy()) for u, v, d in zip(s, t, obj.edge_data, strict=True))
    elif obj.values:
        names = list(obj.values)
        columns = [obj.values[a].tolist() for a in names]
        G.add_edges_from(
            (u, v, dict(zip(names, ws, strict=True))) for u, v, *ws in zip(s, t, *columns, strict=True)
        )
    else:
        G.add_edges_from(zip(s, t, strict=True))
    return G


def as_networkx(W: WijknetGraph) -> Any:
    """A graph result of wijknet's as networkx's own graph (what the caller's networkx code
    goes on with: networkx hands a backend's result over as it is), remembering ``W`` as its
    conversion (:func:`remember_conversion`)."""
    G = convert_to_nx(W)
    remember_conversion(G, W)
    return G


def remember_conversion(G: Any, W: WijknetGraph, *, weight: bool = False) -> None:
    """Put ``W``, the wijknet form of networkx graph ``G`` that wijknet just built, in
    networkx's conversion cache of ``G``, so that the calls that follow on ``G`` skip reading
    it back; ``weight``: ``W.values["weight"]`` holds the edges' ``weight`` attribute (1 where
    an edge has none). ``W`` is pointed at ``G``'s own adjacency, node and graph data. As with
    networkx's own cache, changing ``G`` through its methods clears it."""
    import networkx as nx

    cache = getattr(G, "__networkx_cache__", None)
    if not nx.config.cache_converted_graphs or not isinstance(cache, dict):
        return
    W.adj = G._adj
    W.node_data, W.graph_data, W.cls = list(G._node.values()), G.graph, type(G)
    W.edge_dicts, W._edge_data = G._adj, None
    W.values = EdgeValues(dict(W.values) if weight else {}, W._read_attribute)
    try:
        W.origin = weakref.ref(G)
    except TypeError:  # a graph class that takes no weak references
        pass
    # networkx's cache key: (edge attributes with their defaults, node attributes). Every
    # graph serves calls that read no attribute; one with the weights, calls reading "weight".
    # Calls reading node attributes, or edge attributes with other defaults, convert G anew.
    edges = frozenset({("weight", 1)}) if weight else False
    cache.setdefault("backends", {}).setdefault(NAME, {})[(edges, False)] = W


def subgraph(G: WijknetGraph, keep: np.ndarray, order: np.ndarray | None = None) -> WijknetGraph:
    """The subgraph induced by the nodes where ``keep`` is true, with the attributes ``G`` kept,
    as networkx's ``G.subgraph(nodes).copy()`` builds it: nodes in ``order`` (positions in
    ``G``; by default ``G``'s order) and, in each node's neighbours, the ties in the order the
    copy adds them (from each node in that order, its neighbours in ``G``'s order)."""
    if order is None:
        # from each node, its later neighbours in G's order: the order of G's edge arrays
        edges = np.flatnonzero(keep[G.source] & keep[G.target])
        at = np.cumsum(keep, dtype=np.int64) - 1  # old position → new position
        picked = np.flatnonzero(keep)
        source, target = at[G.source[edges]], at[G.target[edges]]
    else:
        picked = np.asarray(order, dtype=np.int64)
        n = len(G)
        at = np.full(n, -1, dtype=np.int64)
        at[picked] = np.arange(picked.size)
        # the kept nodes' neighbours: a copy adds the ties from each node in the new order
        indptr, indices = neighbour_rows(G, picked)
        bounds = indptr.astype(np.int64)
        rows = np.repeat(picked, bounds[1:] - bounds[:-1])
        pu, pv = at[rows], at[indices]
        entries = np.flatnonzero((pu >= 0) & (pv > pu))
        entries = entries[np.argsort(pu[entries], kind="stable")]
        source, target = pu[entries], pv[entries]
        edges = np.zeros(0, dtype=np.int64)
        if len(G.values):  # each tie's position in G's edge arrays, for the values read
            key = np.minimum(G.source, G.target).astype(np.int64) * n + np.maximum(G.source, G.target)
            by_key = np.argsort(key)
            u, v = rows[entries], indices[entries].astype(np.int64)
            edges = by_key[np.searchsorted(key, np.minimum(u, v) * n + np.maximum(u, v), sorter=by_key)]
    picked_list = picked.tolist()
    return WijknetGraph(
        [G.nodes[i] for i in picked_list],
        source.astype(np.uint32),
        target.astype(np.uint32),
        {a: w[edges] for a, w in G.values.items()},
        G.directed,
        node_data=None if G.node_data is None else [G.node_data[i] for i in picked_list],
        edge_dicts=G.edge_dicts,
        graph_data=G.graph_data,
        cls=G.cls,
    )


def neighbour_rows(G: WijknetGraph, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The neighbours of the nodes at positions ``rows`` (by default all, in order), both
    directions of every tie, in compressed rows ``(indptr, indices)`` and in networkx's order:
    that of the networkx graph ``G`` was read from, or for a graph wijknet made, that of
    :func:`convert_to_nx`'s graph (each node's ties in edge order)."""
    n = len(G)
    if G.adj is not None:
        index = G.index
        adj = G.adj
        lists = list(adj.values()) if rows is None else [adj[G.nodes[i]] for i in rows.tolist()]
        degree = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        indices = np.fromiter(
            map(index.__getitem__, chain.from_iterable(lists)), dtype=np.uint32, count=int(degree.sum())
        )
    else:
        ends = np.stack([G.source, G.target], axis=1).ravel()
        order = np.argsort(ends, kind="stable")
        indices = np.stack([G.target, G.source], axis=1).ravel()[order].astype(np.uint32)
        degree = np.bincount(ends, minlength=n)
        if rows is not None:
            starts = np.concatenate([[0], np.cumsum(degree)[:-1]]).astype(np.int64)
            take = np.concatenate(
                [np.arange(starts[i], starts[i] + degree[i]) for i in rows.tolist()]
                or [np.zeros(0, np.int64)]
            )
            indices, degree = indices[take], degree[rows]
    indptr = np.zeros(len(degree) + 1, dtype=np.uint64)
    indptr[1:] = np.cumsum(degree)
    return indptr, indices


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
