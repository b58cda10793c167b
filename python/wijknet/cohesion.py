"""Paths and cohesion: core numbers, k-cores, articulation points, bridges, reach, average
shortest path length per component, global efficiency and diameter.

Every function takes a :class:`~wijknet.Graph` first and keyword-only options after it, uses
networkx's name for the measure, and returns a pandas Series indexed by node id, a pandas
Index or DataFrame, or a Python scalar.

Path measures take ``distance=None`` (hops), ``"inverse"`` (a tie of weight w has length 1/w)
or ``"weight"`` (the weight itself is the length); weighted lengths need every weight > 0.
Core numbers, k-cores, articulation points, bridges and the path measures are defined for
undirected graphs; a directed graph raises :class:`~wijknet.ArgumentError`.
"""

from __future__ import annotations

import operator
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from . import _progress
from . import _wijknet as _native
from ._errors import ArgumentError
from .graph import Graph
from .metrics import _graph

__all__: list[str] = [
    "core_number",
    "k_core",
    "articulation_points",
    "bridges",
    "reach",
    "reach_summary",
    "average_shortest_path_length",
    "global_efficiency",
    "diameter",
]


def _count(name: str, value: Any, minimum: int) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ArgumentError(f"{name}= must be an integer ≥ {minimum}, not {value!r}")
    try:
        v = operator.index(value)
    except TypeError:
        raise ArgumentError(f"{name}= must be an integer ≥ {minimum}, not {value!r}") from None
    if v < minimum:
        raise ArgumentError(f"{name}= must be an integer ≥ {minimum}, not {v}")
    return int(v)


def _distance(distance: Any) -> Optional[str]:
    if distance is None or distance in ("inverse", "weight"):
        return distance  # type: ignore[no-any-return]
    raise ArgumentError(
        f"distance= must be None (hops), 'inverse' (1/weight) or 'weight' (the weight as a length), not {distance!r}"
    )


def _run(fn: Any, desc: str, progress: _progress.ProgressArg, *args: Any) -> Any:
    cb = _progress.callback(progress, desc)
    try:
        return fn(*args, cb)
    finally:
        _progress.close(cb)


def core_number(g: Graph) -> pd.Series:
    """Core number of each node: the largest k such that the node lies in a subgraph where
    every node has at least k ties (networkx ``core_number``; Batagelj & Zaversnik, O(m)).

    Undirected graphs only (networkx would use in + out degree for a directed graph; wijknet
    raises :class:`~wijknet.ArgumentError` instead).

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.core_number(wn.datasets.davis_southern_women().project()).head(3)
    resident
    Evelyn Jefferson    14
    Laura Mandeville    14
    Theresa Anderson    14
    Name: core_number, dtype: int64
    """
    g = _graph(g, "core_number")
    return pd.Series(_native.core_number(g._g).astype("int64"), index=g.nodes, name="core_number")


def k_core(g: Graph, *, k: Optional[int] = None) -> Graph:
    """The k-core: the subgraph induced by the nodes with core number ≥ ``k`` (networkx
    ``k_core``); ``k=None`` gives the main core (the largest k with a non-empty core).

    Returns a new :class:`~wijknet.Graph` over those nodes (ids and attributes kept, in the
    original order; ties and weights between them kept; no projection provenance).

    Examples
    --------
    >>> import wijknet as wn
    >>> core = wn.k_core(wn.datasets.davis_southern_women().project())
    >>> core.number_of_nodes(), core.number_of_edges()
    (15, 105)
    """
    g = _graph(g, "k_core")
    k = _count("k", k, 0)
    native, keep = _native.k_core(g._g, k)
    return Graph._wrap(native, index=g.nodes[keep])


def articulation_points(g: Graph) -> pd.Index:
    """Ids of the articulation points (cut vertices): residents whose removal splits their
    component (the set of networkx ``articulation_points``, here in node order).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> wn.articulation_points(g).tolist()
    ['b', 'c']
    """
    g = _graph(g, "articulation_points")
    return g.nodes[_native.articulation_points(g._g)]


def bridges(g: Graph) -> pd.DataFrame:
    """Bridges: ties whose removal splits their component (the set of networkx ``bridges``),
    each once as a row (source, target) with source before target in node order.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c", "c"], "target": ["b", "c", "a", "d"]}))
    >>> wn.bridges(g)
      source target
    0      c      d
    """
    g = _graph(g, "bridges")
    s, t = _native.bridges(g._g)
    nodes = g.nodes
    return pd.DataFrame({"source": np.asarray(nodes[s]), "target": np.asarray(nodes[t])})


def reach(g: Graph, *, steps: int = 2, progress: _progress.ProgressArg = None) -> pd.DataFrame:
    """Reach of each node: the number of distinct other nodes within 1, ..., ``steps`` hops
    (``reach_s``), and that number as a share of the other n − 1 nodes (``share_s``; NaN when
    n < 2). For a projection: how many residents each resident met (1 step) or could meet
    through someone they met (2 steps). Directed graphs follow out-ties (as networkx
    ``single_source_shortest_path_length(G, v, cutoff=steps)``).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> wn.reach(g)
          reach_1   share_1  reach_2   share_2
    node
    a           1  0.333333        2  0.666667
    b           2  0.666667        3  1.000000
    c           2  0.666667        3  1.000000
    d           1  0.333333        2  0.666667
    """
    g = _graph(g, "reach")
    steps = _count("steps", steps, 1)
    rows = _run(_native.reach, "reach", progress, g._g, steps)
    n = g.number_of_nodes()
    cols: dict[str, Any] = {}
    for s, r in enumerate(rows, start=1):
        cols[f"reach_{s}"] = r.astype("int64")
        cols[f"share_{s}"] = r / (n - 1) if n > 1 else np.full(n, np.nan)
    return pd.DataFrame(cols, index=g.nodes)


def reach_summary(g: Graph, *, steps: int = 2, progress: _progress.ProgressArg = None) -> pd.Series:
    """Summary of :func:`reach`: the mean reach and mean share for each step, and the share of
    nodes that reach at least one other node (``share_reaching``: 1 − the share of isolates).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> wn.reach_summary(g)
    mean_reach_1      1.500000
    mean_share_1      0.500000
    mean_reach_2      2.500000
    mean_share_2      0.833333
    share_reaching    1.000000
    Name: reach_summary, dtype: float64
    """
    r = reach(g, steps=steps, progress=progress)
    out: dict[str, float] = {}
    for s in range(1, int(steps) + 1):
        out[f"mean_reach_{s}"] = float(r[f"reach_{s}"].mean())
        out[f"mean_share_{s}"] = float(r[f"share_{s}"].mean())
    out["share_reaching"] = float((r["reach_1"] > 0).mean())
    return pd.Series(out, name="reach_summary", dtype="float64")


def average_shortest_path_length(
    g: Graph,
    *,
    distance: Optional[str] = None,
    k: Optional[int] = None,
    seed: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.DataFrame:
    """Average shortest path length within each connected component, as a table.

    networkx's ``average_shortest_path_length`` needs a connected graph; wijknet computes it
    for every component (networkx's value on each component's subgraph): the mean of d(s, t)
    over ordered pairs of distinct nodes of the component.

    Parameters
    ----------
    distance
        None (hops), "inverse" (1/weight) or "weight" (the weight as a length).
    k
        None: exact (a search from every node). An integer: in every component of more than
        ``k`` nodes, ``k`` sources drawn uniformly without replacement; the estimate is the
        mean over them of Σ_t d(s, t)/(size − 1) and ``stderr`` its standard error
        (finite-population corrected). Components of at most ``k`` nodes stay exact.
    seed
        Seed of the sampled sources (the same seed gives the same table on any thread count).

    Returns
    -------
    DataFrame
        One row per component (``component`` as in :func:`wijknet.connected_components`, 0 =
        the largest): ``size``, ``average_shortest_path_length`` (NaN for a single node),
        ``stderr`` (0 when exact) and ``sources`` (searches run).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "d"], "target": ["b", "c", "e"]}))
    >>> wn.average_shortest_path_length(g)
               size  average_shortest_path_length  stderr  sources
    component
    0             3                      1.333333     0.0        3
    1             2                      1.000000     0.0        2
    """
    g = _graph(g, "average_shortest_path_length")
    k = _count("k", k, 1)
    seed = _count("seed", seed, 0)
    comp, size, avg, se, src = _run(
        _native.average_shortest_path_length, "shortest paths", progress, g._g, _distance(distance), k, seed
    )
    return pd.DataFrame(
        {
            "size": size.astype("int64"),
            "average_shortest_path_length": avg,
            "stderr": se,
            "sources": src.astype("int64"),
        },
        index=pd.Index(comp.astype("int64"), name="component"),
    )


def global_efficiency(
    g: Graph,
    *,
    distance: Optional[str] = None,
    k: Optional[int] = None,
    seed: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> Union[float, tuple[float, float]]:
    """Global efficiency: the mean of 1/d(s, t) over ordered pairs of distinct nodes, 0 for
    pairs in different components (networkx ``global_efficiency``; 0 for fewer than 2 nodes).

    networkx's version counts hops only; ``distance="inverse"`` or ``"weight"`` gives the
    weighted efficiency (the same formula over weighted shortest-path lengths).

    With ``k`` (an integer smaller than the number of nodes), ``k`` sources are drawn
    uniformly without replacement (``seed``) and the result is a tuple ``(estimate, stderr)``:
    the mean over sampled sources s of Σ_t 1/d(s, t)/(n − 1) and its finite-population
    corrected standard error. Without ``k`` (or with k ≥ n) the exact value is returned as a
    float.

    Examples
    --------
    >>> import wijknet as wn
    >>> round(wn.global_efficiency(wn.datasets.davis_southern_women().project()), 6)
    0.954248
    """
    g = _graph(g, "global_efficiency")
    k = _count("k", k, 1)
    seed = _count("seed", seed, 0)
    e, se = _run(_native.global_efficiency, "efficiency", progress, g._g, _distance(distance), k, seed)
    if k is None:
        return float(e)
    return float(e), float(se)


def diameter(g: Graph, *, distance: Optional[str] = None, progress: _progress.ProgressArg = None) -> float:
    """Diameter of the largest connected component: the longest shortest path between two of
    its residents (networkx ``diameter`` on that component; networkx raises for a
    disconnected graph). Hops give a whole number (returned as an int); weighted lengths a
    float. Exact: a search from every node of the component.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.diameter(wn.datasets.davis_southern_women().project())
    2
    """
    g = _graph(g, "diameter")
    d = _run(_native.diameter, "diameter", progress, g._g, _distance(distance))
    return int(d) if distance is None else float(d)
