"""`Graph`: the one-mode graph type (projections and tie layers)."""

from __future__ import annotations

import html
import itertools
import os
from collections.abc import Iterator
from itertools import chain, repeat
from operator import contains, itemgetter
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import pandas as pd

from . import _args, _frames, _ingest
from . import _wijknet as _native
from ._errors import ArgumentError, InputError

__all__ = ["Graph"]

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import polars
    import pyarrow
    import scipy.sparse


class Graph:
    """A one-mode graph: residents (or any nodes) and weighted ties.

    Weights are strengths (bigger = closer). Every resident of a projected view is a node,
    isolated or not. Immutable; pickles; converts to networkx and scipy.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> g
    <wijknet.Graph: 3 nodes, 2 edges, undirected>
    >>> g.edges()
      source target  weight
    0      a      b     1.0
    1      b      c     1.0
    """

    __slots__ = ("_g", "_nodes", "_network")
    _g: _native.Graph
    _nodes: pd.Index | None
    _network: Any

    def __init__(self, native: _native.Graph) -> None:
        if not isinstance(native, _native.Graph):
            raise TypeError("use Network.project(...) or Graph.from_edges(...) to build a Graph")
        object.__setattr__(self, "_g", native)
        object.__setattr__(self, "_nodes", None)
        object.__setattr__(self, "_network", None)

    @classmethod
    def _wrap(cls, native: _native.Graph, index: pd.Index | None = None, network: Any = None) -> Graph:
        g = cls(native)
        object.__setattr__(g, "_nodes", index)
        object.__setattr__(g, "_network", network)
        return g

    def __delattr__(self, name: str) -> None:
        raise AttributeError("wijknet.Graph is immutable")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("wijknet.Graph is immutable")

    @classmethod
    def from_edges(
        cls,
        data: Any,
        *,
        source: str = "source",
        target: str = "target",
        weight: str | None = None,
        directed: bool = False,
    ) -> Graph:
        """A graph from an edge table (pandas/polars/pyarrow/dict of columns).

        Nodes are the ids in ``source`` and ``target`` in first-seen order. Repeated edges
        (and, undirected, a–b next to b–a) add their weights; the number merged is reported in
        a warning. Self-loops and negative or missing weights are errors naming the row.

        Examples
        --------
        >>> import wijknet as wn
        >>> g = wn.Graph.from_edges({"source": [1, 2], "target": [2, 3], "w": [0.5, 2.0]},
        ...                         weight="w", directed=True)
        >>> g.is_directed(), g.number_of_edges()
        (True, 2)
        """
        cols = _ingest.edge_columns(data, source=source, target=target, weight=weight)
        native = _native.Graph.from_edges(
            cols.node_ids, cols.source_codes, cols.target_codes, cols.weight, bool(directed)
        )
        merged = len(cols.source_codes) - native.edge_count
        if merged > 0:
            _args.warn(
                f"{merged} repeated edges were merged into others (their weights added)",
            )
        return cls(native)

    @classmethod
    def from_networkx(cls, G: networkx.Graph, *, weight: str | None = None) -> Graph:
        """A graph from a networkx Graph or DiGraph: its nodes in networkx's order (isolated
        ones too) and its edges, with tie weights from edge attribute ``weight`` (None: every
        tie weighs 1; an edge without the attribute weighs 1, as networkx).

        Node ids must all be strings or all whole numbers. Multigraphs, self-loops and
        negative or non-numeric weights are errors.

        Examples
        --------
        >>> import networkx as nx, wijknet as wn
        >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {})])
        >>> g = wn.Graph.from_networkx(G, weight="weight")
        >>> g
        <wijknet.Graph: 3 nodes, 2 edges, undirected>
        >>> g.weight("a", "b"), g.weight("b", "c")
        (2.0, 1.0)
        >>> wn.Graph.from_networkx(g.to_networkx(), weight="weight") == g
        True
        """
        return cls._from_networkx(G, weight=weight)

    @classmethod
    def _from_networkx(cls, G: Any, *, weight: str | None) -> Graph:
        nodes = list(G)
        source, target, weights = _networkx_edges(G, nodes, {} if weight is None else {weight: 1.0})
        if all(isinstance(v, str) for v in nodes):
            ids: Any = nodes
        elif all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in nodes):
            ids = np.asarray(nodes, dtype=np.int64)
        else:
            raise ArgumentError(
                "Graph.from_networkx: node ids must all be strings or all whole numbers "
                "(relabel with nx.convert_node_labels_to_integers(G, label_attribute='name'))"
            )
        return cls._from_simple_edges(
            ids, source, target, None if weight is None else weights[weight], bool(G.is_directed())
        )

    @classmethod
    def _from_simple_edges(
        cls, ids: Any, source: np.ndarray, target: np.ndarray, weight: np.ndarray | None, directed: bool
    ) -> Graph:
        """A graph from node ids and edges as node positions, each edge once and no self-loops
        (a networkx graph the backend accepted); other tools' graphs go through
        :meth:`_from_arrays`, which checks."""
        w = np.ones(len(source), dtype=np.float64) if weight is None else weight
        return cls(_native.Graph.from_edges(ids, source, target, w, directed))

    # ---- basic properties ------------------------------------------------------------------
    @property
    def nodes(self) -> pd.Index:
        """Node ids in node order (the index of every per-node result)."""
        if self._nodes is None:
            name = "resident" if self._g.spec() is not None else "node"
            object.__setattr__(self, "_nodes", _frames.to_index(self._g.node_ids(), name))
        return self._nodes

    def is_directed(self) -> bool:
        """Whether ties are directed."""
        return bool(self._g.directed)

    def number_of_nodes(self) -> int:
        """Number of nodes."""
        return int(self._g.node_count)

    def number_of_edges(self) -> int:
        """Number of edges (an undirected edge counts once)."""
        return int(self._g.edge_count)

    def __len__(self) -> int:
        return self.number_of_nodes()

    @property
    def spec(self) -> dict | None:
        """The projection settings this graph was made with, or None."""
        return self._g.spec()

    @property
    def respondents(self) -> pd.Series | None:
        """Who answered the survey behind this graph (a boolean Series indexed by node), or
        None when the graph is not a survey layer with respondents recorded. Ego and support
        measures give NaN for nodes that were not asked.

        Examples
        --------
        >>> import wijknet as wn
        >>> net = wn.datasets.davis_southern_women().with_ties(
        ...     {"source": ["Evelyn Jefferson"], "target": ["Ruth DeSand"]},
        ...     respondents=["Evelyn Jefferson"])
        >>> int(net.layer("support").respondents.sum())
        1
        >>> net.project().respondents is None
        True
        """
        r = self._g.respondents()
        if r is None:
            return None
        return pd.Series(np.asarray(r, dtype=bool), index=self.nodes, name="respondent")

    def with_respondents(self, respondents: Any) -> Graph:
        """The same graph with the nodes that answered the survey behind it marked (ids, or a
        boolean Series indexed by node; None removes the marks). See :attr:`respondents`.

        Examples
        --------
        >>> import wijknet as wn
        >>> g = wn.Graph.from_edges({"source": ["a", "b"], "target": ["b", "c"]}, directed=True)
        >>> g.with_respondents(["a", "b"]).respondents.tolist()
        [True, True, False]
        """
        if respondents is None:
            return Graph._wrap(self._g.with_respondents(None), index=self._nodes, network=self._network)
        keep = _args.positions(
            respondents,
            self.nodes,
            "respondents",
            "with_respondents",
            hint="; add them as nodes first (people who answered but have no tie are nodes of a survey layer)",
        )
        mask = np.zeros(self.number_of_nodes(), dtype=bool)
        mask[keep] = True
        return Graph._wrap(self._g.with_respondents(mask), index=self._nodes, network=self._network)

    def subgraph(self, nodes: Any) -> Graph:
        """The subgraph induced by ``nodes`` (ids, or a boolean Series indexed by node such as
        :attr:`respondents`): those nodes in this graph's order with their attributes and
        respondent marks, and every tie between two of them (networkx ``G.subgraph``).

        Examples
        --------
        >>> import wijknet as wn
        >>> net = wn.datasets.davis_southern_women().with_ties(
        ...     {"source": ["Evelyn Jefferson", "Laura Mandeville"],
        ...      "target": ["Laura Mandeville", "neighbour Piet"]},
        ...     respondents=["Evelyn Jefferson", "Laura Mandeville"])
        >>> g = net.layer("support")
        >>> h = g.subgraph(g.respondents)  # complete-case analysis over those who answered
        >>> h.number_of_nodes(), h.number_of_edges()
        (2, 1)
        """
        if nodes is None:
            raise ArgumentError(
                "subgraph(nodes=None): give node ids or a boolean Series indexed by node id "
                "(g.respondents is None when no respondents were recorded)"
            )
        keep = _args.positions(nodes, self.nodes, "nodes", "subgraph")
        return Graph._wrap(self._g.subgraph(keep), index=self.nodes[keep])

    def with_node_attributes(self, data: Any, *, on: str = "node") -> Graph:
        """The same graph with node attributes from a table (one row per node; typed columns
        as :meth:`Network.with_resident_attributes`). Nodes missing from the table get missing
        values; columns already present are replaced.

        Examples
        --------
        >>> import wijknet as wn
        >>> g = wn.Graph.from_edges({"source": ["a", "b"], "target": ["b", "c"]})
        >>> g = g.with_node_attributes({"node": ["a", "c"], "age": [70, 35]})
        >>> g.node_attributes()["age"].tolist()
        [70.0, nan, 35.0]
        """
        a = _ingest.attribute_columns(data, on=on, kind="node")
        return Graph._wrap(
            self._g.with_node_attributes(on, a.ids, a.columns), index=self._nodes, network=self._network
        )

    def node_attributes(self) -> pd.DataFrame:
        """Node attributes (resident attributes of a projection) indexed by node id."""
        return _frames.attributes_frame(self._g.node_attributes(), self.nodes)

    # ---- tables and conversion -------------------------------------------------------------------
    @overload
    def edges(self, *, backend: Literal["pandas"] = "pandas") -> pd.DataFrame: ...
    @overload
    def edges(self, *, backend: Literal["polars"]) -> polars.DataFrame: ...
    @overload
    def edges(self, *, backend: Literal["pyarrow"]) -> pyarrow.Table: ...
    def edges(self, *, backend: _frames.Backend = "pandas") -> Any:
        """Edge table: source, target, weight (each undirected edge once, source first in node
        order).

        Parameters
        ----------
        backend
            ``"pandas"`` (the default), ``"polars"`` or ``"pyarrow"``: the table library (the
            same columns in each). ``polars.DataFrame(g)`` and ``pyarrow.table(g)`` read the
            same table through the Arrow stream (``__arrow_c_stream__``).

        Returns
        -------
        pandas.DataFrame, polars.DataFrame or pyarrow.Table
            The type follows ``backend`` and nothing else.

        Examples
        --------
        >>> import wijknet as wn
        >>> g = wn.datasets.davis_southern_women().project()
        >>> g.edges().head(2)
                     source            target  weight
        0  Evelyn Jefferson  Laura Mandeville     6.0
        1  Evelyn Jefferson  Theresa Anderson     7.0
        >>> g.edges(backend="pyarrow").column_names
        ['source', 'target', 'weight']
        """
        return _frames.convert(self._edge_frame(), backend, "Graph.edges")

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The edge table (:meth:`edges`) as an Arrow PyCapsule stream: ``polars.DataFrame(g)``,
        ``pyarrow.table(g)`` and DuckDB read it directly."""
        return _frames.arrow_stream(self._edge_frame(), requested_schema)

    def _edge_frame(self) -> pd.DataFrame:
        nodes = self.nodes
        if nodes.dtype == np.int64:
            # whole-number ids are looked up natively, in parallel
            e = self._g.edges(ids=nodes.to_numpy())
            source, target = e["source"], e["target"]
        else:
            e = self._g.edges()
            source, target = nodes[e["source"]].to_numpy(), nodes[e["target"]].to_numpy()
        return pd.DataFrame(
            {"source": source, "target": target, "weight": e["weight"]},
            copy=False,  # the columns stay the native arrays: Arrow output shares them too
        )

    def weight(self, a: Any, b: Any) -> float | None:
        """The weight of tie a–b, or None if there is none."""
        i, j = _frames.lookup(self.nodes, a, "node"), _frames.lookup(self.nodes, b, "node")
        return self._g.weight(i, j)

    def provenance(self, a: Any, b: Any) -> pd.DataFrame:
        """The activities (``unit="activity"``) or sessions (``unit="session"``) behind the tie
        between residents ``a`` and ``b`` of a projection: one row each (an empty table when
        they share none). Units left out of the projection by ``max_activity_size`` are not
        listed.

        Examples
        --------
        >>> import wijknet as wn
        >>> g = wn.datasets.davis_southern_women().project()
        >>> g.provenance("Evelyn Jefferson", "Laura Mandeville")["activity"].tolist()
        ['E1', 'E2', 'E3', 'E5', 'E6', 'E8']
        """
        spec = self._g.spec()
        if spec is None:
            raise ArgumentError(
                "provenance() needs a projection (Network.project); this graph was built from edges"
            )
        i, j = _frames.lookup(self.nodes, a, "resident"), _frames.lookup(self.nodes, b, "resident")
        units = self._g.provenance(i, j)
        from .network import Network

        source = self._g.source_network()  # a projection (spec is not None) knows its network
        net = self._network if self._network is not None or source is None else Network(source)
        if spec["unit"] == "activity":
            return pd.DataFrame({"activity": net._all_activities()[units].to_numpy()})
        return net.sessions().iloc[units].reset_index(drop=True)

    def to_networkx(self) -> networkx.Graph:
        """A networkx Graph (DiGraph if directed) with a ``weight`` edge attribute and every
        node, isolated or not.

        Examples
        --------
        >>> import wijknet as wn
        >>> G = wn.datasets.davis_southern_women().project().to_networkx()
        >>> G.number_of_nodes(), G["Evelyn Jefferson"]["Laura Mandeville"]["weight"]
        (18, 6.0)
        """
        import networkx as nx

        G = nx.DiGraph() if self.is_directed() else nx.Graph()
        G.add_nodes_from(self.nodes.tolist())
        e = self._g.edges()
        nodes = self.nodes.to_numpy()
        G.add_weighted_edges_from(
            zip(nodes[e["source"]].tolist(), nodes[e["target"]].tolist(), e["weight"].tolist(), strict=False)
        )
        return G

    def to_scipy(self) -> scipy.sparse.csr_array:
        """The weighted adjacency as a scipy CSR array (rows/columns in node order; an
        undirected graph is symmetric).

        Examples
        --------
        >>> import wijknet as wn
        >>> A = wn.datasets.davis_southern_women().project().to_scipy()
        >>> A.shape, A.nnz
        ((18, 18), 278)
        """
        import scipy.sparse as sp

        c = self._g.csr()  # copies of the graph's arrays, so scipy may own and change them
        n = self.number_of_nodes()
        # node numbers below 2**31 read the same as int32: a view, not another copy
        indices = c["indices"].view(np.int32) if n < 2**31 else c["indices"].astype(np.int64)
        return sp.csr_array((c["weights"], indices, c["indptr"]), shape=(n, n))

    # ---- comparison, notebook and pickle manners ---------------------------------------------
    def __eq__(self, other: object) -> bool:
        """Same nodes (ids, in order), same direction and the same ties with the same weights.
        Node attributes and where a projection came from are not compared.

        Examples
        --------
        >>> import pickle, wijknet as wn
        >>> g = wn.datasets.davis_southern_women().project()
        >>> pickle.loads(pickle.dumps(g)) == g
        True
        >>> g == wn.datasets.davis_southern_women().project(weight="newman")
        False
        """
        if not isinstance(other, Graph):
            return NotImplemented
        if self is other:
            return True
        if self.is_directed() != other.is_directed() or not self.nodes.equals(other.nodes):
            return False
        a, b = self._g.csr(), other._g.csr()
        return all(np.array_equal(a[key], b[key]) for key in ("indptr", "indices", "weights"))

    __hash__ = None  # type: ignore[assignment]  # equal graphs may be different objects

    def __repr__(self) -> str:
        kind = "directed" if self.is_directed() else "undirected"
        spec = self._g.spec()
        how = f", {spec['weight']} per {spec['unit']}" if spec else ""
        return f"<wijknet.Graph: {self.number_of_nodes():,} nodes, {self.number_of_edges():,} edges, {kind}{how}>"

    def _repr_html_(self) -> str:
        return f"<div><b>{html.escape(repr(self)[1:-1])}</b></div>"

    def __reduce__(self) -> tuple:
        return (_graph_from_bytes, (bytes(self._g.to_bytes()),))

    def save(self, path: str | os.PathLike) -> None:
        """Saves the graph to a file; :func:`wijknet.load` reads it back.

        The file holds the nodes with their attributes, the ties and where they came from
        (:meth:`provenance`), in wijknet's versioned format with a checksum (see the guide's
        "Saving an analysis"). It is written atomically: a crash while saving leaves the old
        file (or none), never half a file. Name it ``*.wijknet`` by convention.

        Parameters
        ----------
        path
            The file to write (a str or a path); an existing file is replaced.

        Returns
        -------
        None

        Examples
        --------
        >>> import os, tempfile
        >>> import wijknet as wn
        >>> path = os.path.join(tempfile.mkdtemp(), "davis-newman.wijknet")
        >>> g = wn.datasets.davis_southern_women().project(weight="newman")
        >>> g.save(path)
        >>> again = wn.load(path)
        >>> again == g, again.provenance("Evelyn Jefferson", "Laura Mandeville")["activity"].tolist()
        (True, ['E1', 'E2', 'E3', 'E5', 'E6', 'E8'])
        """
        from . import _persist

        _persist.save(self, path)

    # ---- other tools: igraph ----------------------------------------------------------------------
    @classmethod
    def from_igraph(cls, h: Any, *, weight: str | None = None) -> Graph:
        """A graph from an igraph Graph: the same nodes in the same order, ties and direction.

        Node ids come from the vertex attribute ``"name"`` (strings or whole numbers), or are
        0, 1, 2, … when there is none. Every other vertex attribute becomes a node attribute.
        ``weight`` names the edge attribute holding the strengths (numbers ≥ 0); None gives
        every tie weight 1. Repeated edges add their weights (a warning says how many);
        self-loops are an error.

        Parameters
        ----------
        h
            An ``igraph.Graph``.
        weight
            The edge attribute with the tie strengths, or None for weight 1.

        Returns
        -------
        Graph
            Directed when ``h`` is directed.

        Examples
        --------
        >>> import igraph as ig, wijknet as wn
        >>> h = ig.Graph([(0, 1), (1, 2)])
        >>> h.vs["name"] = ["ann", "bob", "cas"]
        >>> h.vs["age"] = [70, 35, 52]
        >>> h.es["w"] = [2.0, 0.5]
        >>> g = wn.Graph.from_igraph(h, weight="w")
        >>> g.edges()
          source target  weight
        0    ann    bob     2.0
        1    bob    cas     0.5
        >>> g.node_attributes()["age"].tolist()
        [70.0, 35.0, 52.0]
        """
        try:
            import igraph
        except ImportError as missing:  # pragma: no cover - igraph is a test dependency
            raise ImportError("Graph.from_igraph needs python-igraph: pip install igraph") from missing
        if not isinstance(h, igraph.Graph):
            raise ArgumentError(f"Graph.from_igraph(h): h must be an igraph.Graph, not {type(h).__name__}")
        n = h.vcount()
        names = h.vs["name"] if "name" in h.vs.attributes() else None
        ids = _node_ids(names, n, "the vertex attribute 'name'", "Graph.from_igraph")
        m = h.ecount()
        edges = np.fromiter(
            itertools.chain.from_iterable(h.get_edgelist()), dtype=np.int64, count=2 * m
        ).reshape(m, 2)
        w = None
        if weight is not None:
            if weight not in h.es.attributes():
                have = ", ".join(repr(a) for a in h.es.attributes()) or "none"
                raise ArgumentError(
                    f"Graph.from_igraph(weight={weight!r}): the igraph graph has no edge attribute "
                    f"{weight!r} (its edge attributes: {have}); use weight=None for weight 1"
                )
            w = _weights(h.es[weight], weight, "Graph.from_igraph")
        attrs = {a: h.vs[a] for a in h.vs.attributes() if a != "name"}
        return cls._from_arrays(ids, edges[:, 0], edges[:, 1], w, h.is_directed(), attrs, "Graph.from_igraph")

    def to_igraph(self) -> Any:
        """An igraph Graph with the same nodes in the same order, ties and direction.

        Node ids are the vertex attribute ``"name"``, weights the edge attribute ``"weight"``
        and node attributes vertex attributes (a missing value is None; a missing number NaN).
        ``Graph.from_igraph(g.to_igraph(), weight="weight") == g``.

        Returns
        -------
        igraph.Graph
            Directed when this graph is directed.

        Examples
        --------
        >>> import wijknet as wn
        >>> h = wn.datasets.davis_southern_women().project().to_igraph()
        >>> h.vcount(), h.ecount(), h.vs[0]["name"]
        (18, 139, 'Evelyn Jefferson')
        >>> h.es[h.get_eid("Evelyn Jefferson", "Laura Mandeville")]["weight"]
        6.0
        """
        try:
            import igraph
        except ImportError as missing:  # pragma: no cover - igraph is a test dependency
            raise ImportError("Graph.to_igraph needs python-igraph: pip install igraph") from missing
        e = self._g.edges()
        h = igraph.Graph(
            n=self.number_of_nodes(),
            edges=list(zip(e["source"].tolist(), e["target"].tolist(), strict=True)),
            directed=self.is_directed(),
        )
        h.vs["name"] = self.nodes.tolist()
        h.es["weight"] = e["weight"].tolist()
        for name, col in self.node_attributes().items():
            h.vs[name] = _python_values(col)
        return h

    @classmethod
    def _from_arrays(
        cls,
        ids: Any,
        source: np.ndarray,
        target: np.ndarray,
        weight: np.ndarray | None,
        directed: bool,
        attributes: dict,
        fn: str,
    ) -> Graph:
        """A graph from node ids, edge endpoints as positions into ``ids``, optional weights
        and node attributes (a dict of per-node value lists): what the readers of other tools'
        graphs share. Self-loops are an error; repeated edges add their weights (a warning)."""
        loops = source == target
        if loops.any():
            first = ids[int(source[np.argmax(loops)])]
            raise InputError(
                f"{fn}: the graph has {int(loops.sum())} self-loop(s) (the first at node {first!r}); "
                "a tie joins two different people: remove the self-loops first "
                "(igraph: h.simplify(multiple=False); networkx: G.remove_edges_from(nx.selfloop_edges(G)))"
            )
        native = _native.Graph.from_edges(
            ids,
            np.ascontiguousarray(source, dtype=np.uint32),
            np.ascontiguousarray(target, dtype=np.uint32),
            weight,
            bool(directed),
        )
        merged = len(source) - native.edge_count
        if merged > 0:
            _args.warn(f"{merged} repeated edges were merged into others (their weights added)")
        g = cls(native)
        for name, values in attributes.items():
            bad = next((v for v in values if v is not None and not isinstance(v, _PLAIN)), None)
            if bad is not None:
                raise InputError(
                    f"{fn}: the node attribute {name!r} holds a {type(bad).__name__} ({bad!r}); node "
                    "attributes are text, numbers or true/false: convert it (e.g. to text) or leave it out"
                )
        if attributes:
            on = next(name for name in ("node", "node_id", "_node") if name not in attributes)
            table = pd.DataFrame(
                {on: g.nodes, **{k: pd.Series(v, dtype=_dtype(v)) for k, v in attributes.items()}}
            )
            g = g.with_node_attributes(table, on=on)
        return g


def _graph_from_bytes(data: bytes) -> Graph:
    return Graph(_native.Graph.from_bytes(data))


#: Node attribute values other tools' graphs may hold (None is a missing value).
_PLAIN = (str, bool, int, float, np.bool_, np.integer, np.floating)


def _node_ids(names: Any, n: int, what: str, fn: str) -> Any:
    """Node ids for the native layer from another tool's node keys: a list of str, or an
    int64 array of whole numbers; 0, 1, 2, … when ``names`` is None."""
    if names is None:
        return np.arange(n, dtype=np.int64)
    names = list(names)
    if all(isinstance(x, str) for x in names):
        ids: Any = names
    elif all(isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)) for x in names):
        ids = np.asarray(names, dtype=np.int64)
    else:
        text = isinstance(names[0], str)
        bad = next(
            x
            for x in names
            if isinstance(x, str) != text
            or isinstance(x, (bool, np.bool_))
            or not isinstance(x, (str, int, np.integer))
        )
        raise InputError(
            f"{fn}: {what} must be all strings or all whole numbers (node ids); found "
            f"{bad!r} ({type(bad).__name__}); make them text first, e.g. str(...)"
        )
    if any(x == "" for x in names if isinstance(x, str)):
        raise InputError(f"{fn}: {what} has an empty id; every node needs an id")
    if len(set(names)) < len(names):
        seen: set = set()
        dup = next(x for x in names if x in seen or seen.add(x))  # type: ignore[func-returns-value]
        raise InputError(f"{fn}: {what} repeats the node id {dup!r}; node ids must be unique")
    return ids


def _weights(values: Any, name: str, fn: str) -> np.ndarray:
    """Edge strengths as float64, or InputError naming the first bad one."""
    try:
        w = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        w = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(
            f"{fn}: edge {i} has weight {list(values)[i]!r} in {name!r}; weights are strengths "
            "(bigger = closer) and must be numbers ≥ 0"
        )
    return np.ascontiguousarray(w)


def _dtype(values: list) -> Any:
    """The pandas dtype for a list of node attribute values from another tool: booleans with
    gaps stay booleans, everything else is inferred."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, (bool, np.bool_)) for v in present):
        return "boolean"
    return None


def _python_values(col: pd.Series) -> list:
    """A node attribute column as plain Python values: None for a missing category or
    boolean, NaN for a missing number."""
    if isinstance(col.dtype, pd.CategoricalDtype) or col.dtype == "boolean":
        return [
            None if v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v for v in col.astype(object)
        ]
    return col.tolist()


def _edge_values(adj: dict, attr: str, default: float, total: int) -> np.ndarray:
    """Edge attribute ``attr`` of every adjacency entry, in adjacency order (``default`` where
    an edge lacks it). The two common cases, every edge has it or none has, read in C loops."""

    def entries() -> Iterator[dict]:
        return chain.from_iterable(map(dict.values, adj.values()))

    try:
        return np.fromiter(map(itemgetter(attr), entries()), dtype=np.float64, count=total)
    except KeyError:
        pass
    if not any(map(contains, entries(), repeat(attr))):
        return np.full(total, default, dtype=np.float64)
    return np.array([d.get(attr, default) for d in entries()], dtype=np.float64)


def _networkx_edges(
    G: Any, nodes: list, weights: dict[str, float]
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The edges of networkx graph ``G`` as node positions in ``nodes`` (each undirected edge
    once) and, per edge attribute in ``weights`` (attribute → value for edges without it), its
    values. One pass over networkx's adjacency per array, in C loops (no per-edge Python)."""
    if G.is_multigraph():
        raise ArgumentError("Graph.from_networkx: multigraphs are not supported (merge parallel edges first)")
    n = len(nodes)
    adj = G._adj
    index = {v: i for i, v in enumerate(nodes)}
    degree = np.fromiter(map(len, adj.values()), dtype=np.int64, count=n)
    total = int(degree.sum())
    source = np.repeat(np.arange(n, dtype=np.uint32), degree)
    target = np.fromiter(
        map(index.__getitem__, chain.from_iterable(adj.values())), dtype=np.uint32, count=total
    )
    values = {}
    for attr, default in weights.items():
        try:
            values[attr] = _edge_values(adj, attr, default, total)
        except (TypeError, ValueError):
            raise ArgumentError(
                f"Graph.from_networkx(weight={attr!r}): the edge attribute holds values that are not numbers"
            ) from None
    if (source == target).any():
        raise ArgumentError("Graph.from_networkx: self-loops are not supported (remove them first)")
    if not G.is_directed():  # each undirected edge is in both adjacency lists: keep it once
        keep = source < target
        source, target = source[keep], target[keep]
        values = {a: w[keep] for a, w in values.items()}
    for attr, w in values.items():
        if not (np.isfinite(w) & (w >= 0)).all():
            raise ArgumentError(f"Graph.from_networkx(weight={attr!r}): weights must be finite numbers >= 0")
    return source, target, values
