"""networkx's assortativity and mixing (``networkx.algorithms.assortativity``).

networkx counts the pairs (x of u, y of v) over every tie u → v (an undirected tie in both
directions): node attribute values, or degrees (``x``/``y`` pick out- or in-degree on directed
graphs). wijknet counts the same pairs with its mixing kernels: the mixing matrix for
categories and Pearson's correlation for numbers. A restriction to ``nodes``, or different x
and y on a directed graph, goes through the graph of the counted pairs: an arc from a copy of
u (carrying x) to a copy of v (carrying y) for every pair.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np

from .. import _wijknet as _native
from ..graph import Graph
from ._convert import MISSING, WijknetGraph, threads
from ._registry import takes

# the most categories (distinct values) a mixing matrix is built for: K² cells
_MAX_CATEGORIES = 4096
# whole multiples of 2**-10 below 2**42 add up exactly in any order
_EXACT = 1024.0


# ---- what networkx counts -------------------------------------------------------------------


def _arcs(G: WijknetGraph) -> tuple[np.ndarray, np.ndarray]:
    """Every tie as networkx walks it: u → v, an undirected tie in both directions."""
    if G.directed:
        return G.source, G.target
    return np.concatenate([G.source, G.target]), np.concatenate([G.target, G.source])


def _members(G: WijknetGraph, nodes: Any) -> np.ndarray:
    """Which nodes ``nodes`` names (networkx's ``set(nodes)``; others are ignored)."""
    mask = np.zeros(len(G.nodes), dtype=bool)
    index = G.index
    for v in set(nodes):
        i = index.get(v)
        if i is not None:
            mask[i] = True
    return mask


def _pair_graph(G: WijknetGraph, keep: np.ndarray | None) -> tuple[Graph, np.ndarray, np.ndarray]:
    """The graph of the counted pairs: an arc from node u to node n + v for every tie u → v
    that ``keep`` keeps (all when None); its sources carry x, its targets y."""
    s, t = _arcs(G)
    if keep is not None:
        s, t = s[keep], t[keep]
    n = len(G.nodes)
    ids = np.arange(2 * n, dtype=np.int64)
    return Graph._from_simple_edges(ids, s, t + np.uint32(n), None, True), s, t


def _degrees(G: WijknetGraph, weight: Any) -> tuple[np.ndarray, np.ndarray]:
    """(out, in) degrees as networkx's ``G.out_degree``/``G.in_degree`` (both the degree on
    an undirected graph); with ``weight`` the sums of the tie attribute."""
    n = len(G.nodes)
    w = None if weight is None else G.values[weight]
    out = np.bincount(G.source, weights=w, minlength=n)
    into = np.bincount(G.target, weights=w, minlength=n)
    if weight is None:
        out, into = out.astype(np.int64), into.astype(np.int64)
    if not G.directed:
        out = into = out + into
    return out, into


def _xy_degrees(G: WijknetGraph, x: str, y: str, weight: Any) -> tuple[np.ndarray, np.ndarray]:
    out, into = _degrees(G, weight)
    if not G.directed:
        return out, out
    pick = {"out": out, "in": into}
    return pick[x], pick[y]


def _categories(values: list) -> tuple[np.ndarray, list]:
    """Codes of ``values`` by Python equality (as networkx's dicts: 1 == 1.0), in order of
    first appearance, and the distinct values."""
    lookup: dict = {}
    codes = np.fromiter(
        (lookup.setdefault(v, len(lookup)) for v in values), dtype=np.int32, count=len(values)
    )
    return codes, list(lookup)


def _counts(
    G: WijknetGraph, x_codes: np.ndarray, y_codes: np.ndarray, k: int, keep: np.ndarray | None, same: bool
) -> np.ndarray:
    """K × K pair counts: ``[a, b]`` = pairs with x in category a and y in category b (codes
    −1 are left out)."""
    if k > _MAX_CATEGORIES:
        raise NotImplementedError(
            f"{k} distinct values: wijknet builds mixing matrices for at most {_MAX_CATEGORIES}"
        )
    if keep is None and same:
        g, codes = G.graph, x_codes
    else:
        g = _pair_graph(G, keep)[0]
        codes = np.concatenate([x_codes, y_codes])
    return np.asarray(
        _native.mixing(g._g, np.ascontiguousarray(codes, dtype=np.int32), k, False, threads())["counts"]
    )


def _mixing_dict(counts: np.ndarray, categories: list, normalized: bool) -> dict:
    """networkx's mixing dict: every value seen in a pair → {value: pairs} (shares of all pairs
    with ``normalized``)."""
    seen = np.flatnonzero((counts.sum(axis=1) > 0) | (counts.sum(axis=0) > 0))
    total = float(counts.sum())
    d: dict = {}
    for i in seen.tolist():
        row = counts[i]
        cells = np.flatnonzero(row).tolist()
        if normalized:
            d[categories[i]] = {categories[j]: int(row[j]) / total for j in cells}
        else:
            d[categories[i]] = {categories[j]: int(row[j]) for j in cells}
    return d


def _mapped(codes: np.ndarray, categories: list, mapping: dict) -> np.ndarray:
    """Codes in the rows of ``mapping`` (−1: a value the mapping leaves out, as networkx)."""
    to_row = np.array([mapping.get(c, -1) for c in categories] + [-1], dtype=np.int32)
    return to_row[codes]


def _matrix(counts: np.ndarray, normalized: bool) -> np.ndarray:
    a = np.array(counts, dtype=np.float64)
    return a / a.sum() if normalized else a


def _attribute_values(G: WijknetGraph, attribute: Any) -> list:
    """The attribute's value per node, None where a node has none (as networkx's pairs)."""
    return [None if v is MISSING else v for v in G.node_values[attribute]]


def _pearson(G: WijknetGraph, xv: np.ndarray, yv: np.ndarray, keep: np.ndarray | None, same: bool) -> float:
    """Pearson's correlation of x at u and y at v over the kept pairs u → v (NaN values are
    left out)."""
    if keep is None and same:
        g, values = G.graph, xv
    else:
        g, values = _pair_graph(G, keep)[0], np.concatenate([xv, yv])
    r, _missing = _native.numeric_assortativity(
        g._g, np.ascontiguousarray(values, dtype=np.float64), False, threads()
    )
    return float(r)


# ---- declines -------------------------------------------------------------------------------


def _directions(a: dict[str, Any]) -> str | None:
    G = a["G"]
    if G.is_directed() and not {a.get("x"), a.get("y")} <= {"in", "out"}:
        return f"x={a.get('x')!r}, y={a.get('y')!r}: networkx takes 'in' or 'out' (it raises KeyError)"
    return None


def _whole_mapping(a: dict[str, Any]) -> str | None:
    mapping = a.get("mapping")
    if mapping is None:
        return "mapping=None: networkx orders the rows as a Python set iterates, which wijknet does not reproduce"
    if not isinstance(mapping, dict) or not mapping:
        return "mapping is not a non-empty dict"
    rows = list(mapping.values())
    if not all(isinstance(r, (int, np.integer)) and not isinstance(r, bool) for r in rows) or sorted(
        rows
    ) != list(range(len(rows))):
        return "mapping's rows are not 0, 1, …, len(mapping) − 1 each once"
    return None


def _exact_weights(a: dict[str, Any]) -> str | None:
    """Weighted degrees are dictionary keys: they must add up as in networkx, in any order."""
    weight = a.get("weight")
    if weight is None:
        return None
    G = a["G"]
    w = np.fromiter((d.get(weight, 1) for _u, _v, d in G.edges(data=True)), dtype=np.float64)
    scaled = w * _EXACT
    if not (np.array_equal(scaled, np.round(scaled)) and scaled.sum() < 2.0**52):
        return (
            f"edge attribute {weight!r} holds fractions that are not multiples of 1/1024: weighted "
            "degrees, the keys of the result, could differ from networkx's in the last digit"
        )
    return None


def _degree_matrix_check(a: dict[str, Any]) -> str | None:
    return _directions(a) or _whole_mapping(a) or _exact_weights(a)


def _degree_dict_check(a: dict[str, Any]) -> str | None:
    return _directions(a) or _exact_weights(a)


def _is_number(x: Any) -> bool:
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer, np.floating)):
        return False
    return math.isfinite(x) and abs(x) <= 2**53


def _numeric_values(a: dict[str, Any]) -> str | None:
    """networkx reads the attribute of every node in ``nodes`` (KeyError when one lacks it)."""
    G, attribute, nodes = a["G"], a["attribute"], a.get("nodes")
    if not isinstance(attribute, Hashable):
        return "the attribute name is not hashable"
    node_data = G._node
    for v in G if nodes is None else nodes:
        d = node_data.get(v) if isinstance(v, Hashable) else None
        if d is None:
            return f"node {v!r} is not in the graph (networkx raises KeyError)"
        if attribute not in d:
            return f"node {v!r} has no attribute {attribute!r} (networkx raises KeyError)"
        if not _is_number(d[attribute]):
            return f"node {v!r} has {attribute}={d[attribute]!r}, not a finite number"
    return None


def _attribute_matrix_check(a: dict[str, Any]) -> str | None:
    return _whole_mapping(a)


_DIRECTIONS = ("on directed graphs, x or y other than 'in' or 'out'",)
_MAPPING = (
    "mapping=None (networkx orders the rows as a Python set iterates)",
    "a mapping whose rows are not 0, 1, …",
)
_MANY = (
    f"more than {_MAX_CATEGORIES:,} distinct values (raised as NotImplementedError when called: with "
    "backend priority networkx then runs the call)",
)
_EXACT_WORDS = ("weights that are not multiples of 1/1024 (the weighted degrees are the keys of the result)",)


# ---- degree ---------------------------------------------------------------------------------


def _degree_pairs(G: WijknetGraph, x: str, y: str, weight: Any, nodes: Any) -> tuple:
    xv, yv = _xy_degrees(G, x, y, weight)
    keep = None
    if nodes is not None:
        members = _members(G, nodes)
        s, t = _arcs(G)
        keep = members[s] & members[t]
    return xv, yv, keep, not G.directed or x == y


@takes(weight="weight", directed=True, check=_directions, declines=_DIRECTIONS)
def degree_assortativity_coefficient(
    G: WijknetGraph, x: str = "out", y: str = "in", weight: str | None = None, nodes: Any = None
) -> float:
    xv, yv, keep, same = _degree_pairs(G, x, y, weight, nodes)
    return _pearson(G, xv, yv, keep, same)


@takes(weight="weight", directed=True, check=_directions, declines=_DIRECTIONS)
def degree_pearson_correlation_coefficient(
    G: WijknetGraph, x: str = "out", y: str = "in", weight: str | None = None, nodes: Any = None
) -> float:
    xv, yv, keep, same = _degree_pairs(G, x, y, weight, nodes)
    pairs = (2 - G.directed) * len(G.source) if keep is None else int(keep.sum())
    if pairs == 0:  # networkx unpacks the pairs
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    if pairs == 1:  # and scipy's pearsonr needs two
        raise ValueError("`x` and `y` must have length at least 2.")
    r = _pearson(G, xv, yv, keep, same)
    return r if math.isnan(r) else min(max(r, -1.0), 1.0)  # scipy's pearsonr clips rounding


def _degree_counts(
    G: WijknetGraph, x: str, y: str, weight: Any, nodes: Any
) -> tuple[np.ndarray, np.ndarray, list, np.ndarray | None, bool]:
    xv, yv, keep, same = _degree_pairs(G, x, y, weight, nodes)
    n = len(G.nodes)
    codes, categories = _categories(xv.tolist() + ([] if same else yv.tolist()))
    x_codes, y_codes = codes[:n], codes if same else codes[n:]
    return x_codes, y_codes, categories, keep, same


@takes(weight="weight", directed=True, check=_degree_dict_check, declines=_DIRECTIONS + _EXACT_WORDS + _MANY)
def degree_mixing_dict(
    G: WijknetGraph,
    x: str = "out",
    y: str = "in",
    weight: str | None = None,
    nodes: Any = None,
    normalized: bool = False,
) -> dict:
    x_codes, y_codes, categories, keep, same = _degree_counts(G, x, y, weight, nodes)
    counts = _counts(G, x_codes, y_codes, len(categories), keep, same)
    return _mixing_dict(counts, categories, bool(normalized))


@takes(
    weight="weight", directed=True, check=_degree_matrix_check, declines=_DIRECTIONS + _MAPPING + _EXACT_WORDS
)
def degree_mixing_matrix(
    G: WijknetGraph,
    x: str = "out",
    y: str = "in",
    weight: str | None = None,
    nodes: Any = None,
    normalized: bool = True,
    mapping: dict | None = None,
) -> np.ndarray:
    assert mapping is not None  # declined otherwise
    x_codes, y_codes, categories, keep, same = _degree_counts(G, x, y, weight, nodes)
    rows_x = _mapped(x_codes, categories, mapping)
    rows_y = rows_x if same else _mapped(y_codes, categories, mapping)
    return _matrix(_counts(G, rows_x, rows_y, len(mapping), keep, same), bool(normalized))


# ---- node attributes ------------------------------------------------------------------------


def _attribute_counts(
    G: WijknetGraph, attribute: Any, nodes: Any
) -> tuple[np.ndarray, list, np.ndarray | None]:
    codes, categories = _categories(_attribute_values(G, attribute))
    keep = None
    if nodes is not None:
        keep = _members(G, nodes)[_arcs(G)[0]]
    return codes, categories, keep


@takes(directed=True, declines=_MANY)
def attribute_mixing_dict(
    G: WijknetGraph, attribute: Any, nodes: Any = None, normalized: bool = False
) -> dict:
    codes, categories, keep = _attribute_counts(G, attribute, nodes)
    counts = _counts(G, codes, codes, len(categories), keep, True)
    return _mixing_dict(counts, categories, bool(normalized))


@takes(directed=True, check=_attribute_matrix_check, declines=_MAPPING + _MANY)
def attribute_mixing_matrix(
    G: WijknetGraph, attribute: Any, nodes: Any = None, mapping: dict | None = None, normalized: bool = True
) -> np.ndarray:
    assert mapping is not None  # declined otherwise
    codes, categories, keep = _attribute_counts(G, attribute, nodes)
    rows = _mapped(codes, categories, mapping)
    return _matrix(_counts(G, rows, rows, len(mapping), keep, True), bool(normalized))


@takes(directed=True, declines=_MANY)
def attribute_assortativity_coefficient(G: WijknetGraph, attribute: Any, nodes: Any = None) -> float:
    codes, categories, keep = _attribute_counts(G, attribute, nodes)
    k = len(categories)
    if k > _MAX_CATEGORIES:
        raise NotImplementedError(
            f"{k} distinct values: wijknet builds mixing matrices for at most {_MAX_CATEGORIES}"
        )
    g = G.graph if keep is None else _pair_graph(G, keep)[0]
    codes = codes if keep is None else np.concatenate([codes, codes])
    out = _native.mixing(g._g, np.ascontiguousarray(codes, dtype=np.int32), k, False, threads())
    if not np.asarray(out["counts"]).any():  # no pairs: networkx's empty matrix gives (0 − 0)/(1 − 0)
        return 0.0
    return float(out["assortativity"])


@takes(
    directed=True,
    check=_numeric_values,
    declines=(
        "nodes without the attribute or not in the graph (networkx raises KeyError)",
        "values that are not finite numbers (or are booleans)",
    ),
)
def numeric_assortativity_coefficient(G: WijknetGraph, attribute: Any, nodes: Any = None) -> float:
    values = G.node_values[attribute]
    if nodes is None:
        x = np.array([float(v) for v in values], dtype=np.float64)
        return _pearson(G, x, x, None, True)
    members = _members(G, nodes)
    # networkx's mapping holds the values of ``nodes``; a pair whose y is not among them is left out
    known = {values[i] for i in np.flatnonzero(members).tolist()}
    x = np.array([float(v) if m else np.nan for v, m in zip(values, members.tolist(), strict=True)])
    y = np.array([float(v) if v is not MISSING and v in known else np.nan for v in values])
    keep = members[_arcs(G)[0]]
    return _pearson(G, x, y, keep, False)
