"""Files other network tools open: GraphML and GEXF (Gephi, Cytoscape, yEd, igraph, networkx).

Writing goes through networkx's own GraphML and GEXF writers; reading through its readers.
A :class:`~wijknet.Graph` is written with its node ids, node attributes and tie weights; a
:class:`~wijknet.Network` as its two-mode graph (:meth:`wijknet.Network.to_networkx`:
residents and activities, ``bipartite`` 0 or 1, each resident's highest ``role``, and the
number of attendances as edge weight). ``communities=`` adds a ``community`` node attribute,
so Gephi can colour the nodes by it (Appearance → Nodes → Partition → community).

Bestanden voor andere netwerkprogramma's: GraphML en GEXF (Gephi), met ids, kenmerken,
gewichten, gemeenschappen en rollen.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._errors import ArgumentError, DataFileNotFoundError, InputError, NodeNotFoundError
from .graph import Graph, _node_ids, _weights
from .network import Network

__all__ = ["write_graphml", "write_gexf", "read_graphml", "read_gexf"]

#: Characters XML 1.0 cannot hold (control characters other than tab, newline, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: Attribute names networkx's GEXF writer reads as GEXF's own fields (label, times, drawing).
_GEXF_NODE_FIELDS = ("label", "pid", "start", "end", "spells", "viz")
_GEXF_EDGE_FIELDS = ("id", "label", "start", "end", "spells")

#: The graph attribute that records whether node ids were numbers or text (GraphML).
_ID_TYPE = "node_id_type"


def write_graphml(obj: Graph | Network, path: str | os.PathLike, *, communities: Any = None) -> None:
    """Writes a graph, or a network's two-mode graph, as a GraphML file.

    Node ids, node attributes (a missing value is left out), tie weights (``weight``) and
    direction are kept. A :class:`~wijknet.Network` is written as its two-mode graph
    (:meth:`~wijknet.Network.to_networkx`: ``bipartite``, ``role``, ``attendances``, and
    ``first_date``/``last_date`` as ISO text). :func:`read_graphml` reads it back.

    Parameters
    ----------
    obj
        A :class:`~wijknet.Graph` or a :class:`~wijknet.Network`.
    path
        The file to write (``.graphml``).
    communities
        None, or a partition: a Series (or dict) of group labels indexed by node id (for a
        Network: by resident id), such as :func:`wijknet.louvain_communities` returns, or node
        sets as networkx's ``louvain_communities`` gives them (a set's label is its position).
        Written as the node attribute ``community``; a node without a label has none.

    Returns
    -------
    None

    Raises
    ------
    InputError
        An attribute name or value the format cannot hold (the message names it).

    Examples
    --------
    >>> import tempfile, os, wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project()
    >>> path = os.path.join(tempfile.mkdtemp(), "davis.graphml")
    >>> wn.write_graphml(g, path, communities=wn.louvain_communities(g, seed=1))
    >>> wn.read_graphml(path) == g
    True
    """
    import networkx as nx

    G = _to_networkx(obj, communities, "write_graphml", gexf=False)
    _write(nx.write_graphml, G, path, "write_graphml")


def write_gexf(obj: Graph | Network, path: str | os.PathLike, *, communities: Any = None) -> None:
    """Writes a graph, or a network's two-mode graph, as a GEXF file (Gephi's own format).

    Kept as :func:`write_graphml` keeps them: node ids (also each node's label), node
    attributes, weights and direction; for a :class:`~wijknet.Network` its two-mode graph with
    ``bipartite`` and each resident's highest ``role``. In Gephi, colour the nodes by
    ``community`` or ``role`` under Appearance → Nodes → Partition.

    Parameters
    ----------
    obj
        A :class:`~wijknet.Graph` or a :class:`~wijknet.Network`.
    path
        The file to write (``.gexf``).
    communities
        None, or a partition, as for :func:`write_graphml`: a Series or dict of labels indexed
        by node id, or node sets. Written as the node attribute ``community``.

    Returns
    -------
    None

    Raises
    ------
    InputError
        An attribute name or value the format cannot hold, or an attribute named like one of
        GEXF's own fields (``label``, ``start``, ``end``, ``viz``, ...).

    Examples
    --------
    >>> import tempfile, os, wijknet as wn
    >>> net = wn.datasets.davis_southern_women()
    >>> path = os.path.join(tempfile.mkdtemp(), "davis.gexf")
    >>> wn.write_gexf(net, path)
    >>> B = wn.read_gexf(path)
    >>> B.number_of_nodes(), int(B.node_attributes()["bipartite"].sum())
    (32, 14)
    """
    import networkx as nx

    G = _to_networkx(obj, communities, "write_gexf", gexf=True)
    _write(nx.write_gexf, G, path, "write_gexf")


def read_graphml(path: str | os.PathLike, *, weight: str | None = "weight") -> Graph:
    """Reads a GraphML file as a :class:`~wijknet.Graph`.

    Nodes keep the file's order; node data become node attributes. Ids come back as they
    were written by :func:`write_graphml`; in other files ids are text unless every id is a
    plain whole number (``1``, ``2``, ``30``: no leading zeros), then numbers. Repeated edges
    add their weights (a warning says how many); a self-loop is an error.

    Parameters
    ----------
    path
        The ``.graphml`` file.
    weight
        The edge data key holding tie strengths (an edge without it has weight 1), or None
        for weight 1 everywhere.

    Returns
    -------
    Graph
        Directed when the file's graph is directed.

    Examples
    --------
    >>> import tempfile, os, wijknet as wn
    >>> g = wn.Graph.from_edges({"source": ["a", "b"], "target": ["b", "c"], "w": [2.0, 1.0]}, weight="w")
    >>> path = os.path.join(tempfile.mkdtemp(), "g.graphml")
    >>> wn.write_graphml(g, path)
    >>> wn.read_graphml(path).edges()
      source target  weight
    0      a      b     2.0
    1      b      c     1.0
    """
    import networkx as nx

    G = _read(nx.read_graphml, path, "read_graphml")
    kind = G.graph.get(_ID_TYPE)
    return _from_file_graph(G, weight, "read_graphml", numbers=None if kind is None else kind == "number")


def read_gexf(path: str | os.PathLike, *, weight: str | None = "weight") -> Graph:
    """Reads a GEXF file (Gephi's format) as a :class:`~wijknet.Graph`.

    As :func:`read_graphml`: nodes in the file's order, node data as node attributes (a
    node's ``label`` too, when it differs from its id), ids that are all plain whole numbers
    read as numbers, else text.

    Parameters
    ----------
    path
        The ``.gexf`` file.
    weight
        The edge data key holding tie strengths (GEXF's own edge weight is ``weight``), or
        None for weight 1 everywhere.

    Returns
    -------
    Graph
        Directed when the file's graph is directed.

    Examples
    --------
    >>> import tempfile, os, wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project(weight="newman")
    >>> path = os.path.join(tempfile.mkdtemp(), "g.gexf")
    >>> wn.write_gexf(g, path)
    >>> wn.read_gexf(path) == g
    True
    """
    import networkx as nx

    G = _read(lambda p: nx.read_gexf(p, relabel=False), path, "read_gexf")
    for _, data in G.nodes(data=True):
        if "label" in data and str(data["label"]) == str(_):
            del data["label"]  # networkx's GEXF reader adds the id as label
    for _, _, data in G.edges(data=True):
        data.pop("id", None)  # GEXF edge ids, numbered by the writer
    return _from_file_graph(G, weight, "read_gexf", numbers=None)


# ---- writing ------------------------------------------------------------------------------------
def _to_networkx(obj: Any, communities: Any, fn: str, *, gexf: bool) -> Any:
    """The networkx graph to write: ids, attributes, weights, communities; values checked."""
    if isinstance(obj, Network):
        G = obj.to_networkx()
        residents = obj.residents
        overlap = len(residents.intersection(obj.activities)) > 0
        for _, _, data in G.edges(data=True):
            for key in ("first_date", "last_date"):
                if key in data:
                    data[key] = _iso(data[key])
        key_of = (lambda x: ("resident", x)) if overlap else (lambda x: x)
        members = residents
    elif isinstance(obj, Graph):
        G = obj.to_networkx()
        table = obj.node_attributes()
        for name, col in table.items():
            missing = col.isna().to_numpy()
            values = col.astype(object).tolist()
            for node, v, m in zip(obj.nodes.tolist(), values, missing, strict=True):
                if not m:
                    G.nodes[node][name] = v
        G.graph[_ID_TYPE] = "text" if obj.nodes.dtype == object else "number"
        key_of, members = (lambda x: x), obj.nodes
    else:
        raise ArgumentError(f"{fn}(obj): obj must be a wijknet Graph or Network, not {type(obj).__name__}")
    if communities is not None:
        labels = _partition(communities, fn)
        unknown = labels.index.difference(members)
        if len(unknown):
            raise NodeNotFoundError(
                f"{fn}(communities=...): {len(unknown)} id(s) are not nodes of this "
                f"{'network' if isinstance(obj, Network) else 'graph'} (the first: {unknown[0]!r})"
            )
        for node, label in labels.items():
            if not _missing(label):
                G.nodes[key_of(node)]["community"] = _plain(label)
    _check(G, fn, gexf=gexf)
    return G


def _partition(communities: Any, fn: str) -> pd.Series:
    """A partition as a Series of labels indexed by node id: from a Series, a dict, or node
    sets as networkx gives them (the label of a set is its position)."""
    if isinstance(communities, Mapping):
        communities = pd.Series(dict(communities), dtype=object)
    elif not isinstance(communities, (pd.Series, str, bytes)) and isinstance(communities, Iterable):
        groups = list(communities)
        if all(isinstance(s, (set, frozenset, list, tuple)) for s in groups):
            label = {node: c for c, group in enumerate(groups) for node in group}
            if len(label) < sum(len(group) for group in groups):
                raise InputError(
                    f"{fn}(communities=...): a node is in two groups; a partition puts each node in one"
                )
            communities = pd.Series(label, dtype=object)
    if not isinstance(communities, pd.Series):
        raise ArgumentError(
            f"{fn}(communities=...): give a Series (or dict) of group labels indexed by node id, "
            f"such as wn.louvain_communities(g) returns, or node sets as networkx gives them; "
            f"got {type(communities).__name__}"
        )
    if not communities.index.is_unique:
        raise InputError(f"{fn}(communities=...): the Series repeats a node id; give one label per node")
    return communities


def _check(G: Any, fn: str, *, gexf: bool) -> None:
    """InputError for an attribute name or value the file format cannot hold."""
    fmt = "GEXF" if gexf else "GraphML"
    for what, rows, fields in (
        ("node", G.nodes(data=True), _GEXF_NODE_FIELDS),
        ("edge", (((u, v), data) for u, v, data in G.edges(data=True)), _GEXF_EDGE_FIELDS),
    ):
        seen: dict = {}
        for key, data in rows:
            for name, value in list(data.items()):
                if name not in seen:
                    seen[name] = key
                    if not isinstance(name, str) or not name or _NOT_XML.search(name):
                        raise InputError(
                            f"{fn}: the {what} attribute name {name!r} cannot be written to {fmt} "
                            "(names are non-empty text without control characters); rename it"
                        )
                    if gexf and name in fields and not (what == "node" and name == "label"):
                        raise InputError(
                            f"{fn}: the {what} attribute {name!r} has a meaning of its own in GEXF "
                            f"({', '.join(fields)}); rename it, e.g. to '{name}_value'"
                        )
                value = _plain(value)
                data[name] = value
                if not isinstance(value, (str, bool, int, float)):
                    raise InputError(
                        f"{fn}: the {what} attribute {name!r} of {key!r} is a {type(value).__name__} "
                        f"({value!r}); {fmt} holds text, numbers and true/false only: convert it, "
                        "e.g. to text"
                    )
                if isinstance(value, str) and _NOT_XML.search(value):
                    raise InputError(
                        f"{fn}: the {what} attribute {name!r} of {key!r} holds a control character "
                        f"({value!r}) that {fmt} (XML) cannot hold; remove it"
                    )


def _plain(value: Any) -> Any:
    """numpy scalars as Python values; dates as ISO text."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return _iso(value)
    return value


def _iso(value: Any) -> str:
    ts = pd.Timestamp(value)
    return ts.date().isoformat() if ts == ts.normalize() else ts.isoformat()


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _write(writer: Any, G: Any, path: Any, fn: str) -> None:
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise DataFileNotFoundError(f"{fn}: the folder {folder!r} does not exist; create it first")
    writer(G, path)


# ---- reading ------------------------------------------------------------------------------------
def _read(reader: Any, path: Any, fn: str) -> Any:
    path = os.fspath(path)
    if not os.path.exists(path):
        raise DataFileNotFoundError(f"{fn}: no file {path!r}")
    try:
        return reader(path)
    except Exception as e:
        if isinstance(e, (OSError, MemoryError)):
            raise
        raise InputError(f"{fn}: {path!r} could not be read as {fn[5:].upper()}: {e}") from e


def _from_file_graph(G: Any, weight: str | None, fn: str, *, numbers: bool | None) -> Graph:
    """A Graph from the networkx graph networkx's reader made of a file (node keys are text).
    Unlike :meth:`Graph.from_networkx` it takes what files hold: repeated edges (a multigraph)
    are merged with a warning, and errors name the reader."""
    keys = list(G.nodes)
    if numbers is None:
        numbers = bool(keys) and all(
            isinstance(k, str) and re.fullmatch(r"-?(0|[1-9][0-9]*)", k) for k in keys
        )
    ids = _node_ids([int(k) for k in keys] if numbers else [str(k) for k in keys], len(keys), "node ids", fn)
    position = {k: i for i, k in enumerate(keys)}
    edges = list(G.edges(data=weight if weight is not None else False, default=1.0))
    m = len(edges)
    src = np.fromiter((position[e[0]] for e in edges), dtype=np.int64, count=m)
    tgt = np.fromiter((position[e[1]] for e in edges), dtype=np.int64, count=m)
    w = None if weight is None else _weights([e[2] for e in edges], weight, fn)
    names: dict = {}
    for _, data in G.nodes(data=True):
        for name in data:
            names.setdefault(name, None)
    attrs = {name: [data.get(name) for _, data in G.nodes(data=True)] for name in names}
    return Graph._from_arrays(ids, src, tgt, w, G.is_directed(), attrs, fn)
