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

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import _args
from . import _wijknet as _native
from ._args import ProgressArg
from ._results import Result, format_number
from .graph import Graph

__all__: list[str] = [
    "core_number",
    "k_core",
    "articulation_points",
    "bridges",
    "reach",
    "reach_summary",
    "average_shortest_path_length",
    "global_efficiency",
    "global_efficiency_estimate",
    "EfficiencyEstimate",
    "diameter",
]


def core_number(g: Graph) -> pd.Series:
    """Core number of each node: the largest k such that the node lies in a subgraph where
    every node has at least k ties (networkx ``core_number``; Batagelj & Zaversnik, O(m)).

    Parameters
    ----------
    g
        An undirected graph (networkx would use in + out degree for a directed graph; wijknet
        raises :class:`~wijknet.ArgumentError` instead).

    Returns
    -------
    pandas.Series
        int64 core numbers indexed by node id, named ``core_number``.

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
    fn = "core_number"
    g = _args.graph(g, fn)
    return _args.series(_args.call(fn, _native.core_number, g._g).astype("int64"), g.nodes, fn)


def k_core(g: Graph, *, k: int | None = None) -> Graph:
    """The k-core: the subgraph induced by the nodes with core number ≥ ``k`` (networkx
    ``k_core``).

    Parameters
    ----------
    g
        An undirected graph.
    k
        The core order (a whole number ≥ 0); None gives the main core (the largest k with a
        non-empty core).

    Returns
    -------
    Graph
        A new graph over those nodes (ids and attributes kept, in the original order; ties and
        weights between them kept; no projection provenance).

    Examples
    --------
    >>> import wijknet as wn
    >>> core = wn.k_core(wn.datasets.davis_southern_women().project())
    >>> core.number_of_nodes(), core.number_of_edges()
    (15, 105)
    """
    fn = "k_core"
    g = _args.graph(g, fn)
    k = _args.whole(k, "k", fn, maximum=2**32 - 1, none=True)
    native, keep = _args.call(fn, _native.k_core, g._g, k)
    return Graph._wrap(native, index=g.nodes[keep])


def articulation_points(g: Graph) -> pd.Index:
    """Ids of the articulation points (cut vertices): residents whose removal splits their
    component (the set of networkx ``articulation_points``, here in node order).

    Parameters
    ----------
    g
        An undirected graph.

    Returns
    -------
    pandas.Index
        Node ids in node order.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> wn.articulation_points(g).tolist()
    ['b', 'c']
    """
    fn = "articulation_points"
    g = _args.graph(g, fn)
    return g.nodes[_args.call(fn, _native.articulation_points, g._g)]


def bridges(g: Graph) -> pd.DataFrame:
    """Bridges: ties whose removal splits their component (the set of networkx ``bridges``).

    Parameters
    ----------
    g
        An undirected graph.

    Returns
    -------
    pandas.DataFrame
        One row per bridge: ``source`` and ``target``, source before target in node order.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c", "c"], "target": ["b", "c", "a", "d"]}))
    >>> wn.bridges(g)
      source target
    0      c      d
    """
    fn = "bridges"
    g = _args.graph(g, fn)
    s, t = _args.call(fn, _native.bridges, g._g)
    nodes = g.nodes
    return pd.DataFrame({"source": np.asarray(nodes[s]), "target": np.asarray(nodes[t])})


def reach(
    g: Graph, *, steps: int = 2, threads: int | None = None, progress: ProgressArg = None
) -> pd.DataFrame:
    """Reach of each node: the number of distinct other nodes within 1, ..., ``steps`` hops.

    For a projection: how many residents each resident met (1 step) or could meet through
    someone they met (2 steps). Directed graphs follow out-ties (as networkx
    ``single_source_shortest_path_length(G, v, cutoff=steps)``).

    Parameters
    ----------
    g
        A graph.
    steps
        The largest number of steps (a whole number ≥ 1).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.DataFrame
        Indexed by node id: ``reach_s`` (nodes within s steps) and ``share_s`` (that number as
        a share of the other n − 1 nodes; NaN when n < 2) for s = 1, ..., ``steps``.

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
    fn = "reach"
    g = _args.graph(g, fn)
    steps = _args.whole(steps, "steps", fn, minimum=1)
    rows = _args.call(fn, _native.reach, g._g, steps, _args.threads(threads, fn), progress=progress)
    n = g.number_of_nodes()
    cols: dict[str, Any] = {}
    for s, r in enumerate(rows, start=1):
        cols[f"reach_{s}"] = r.astype("int64")
        cols[f"share_{s}"] = r / (n - 1) if n > 1 else np.full(n, np.nan)
    return pd.DataFrame(cols, index=g.nodes)


def reach_summary(
    g: Graph, *, steps: int = 2, threads: int | None = None, progress: ProgressArg = None
) -> pd.Series:
    """Summary of :func:`reach`: the mean reach and mean share for each step, and the share of
    nodes that reach at least one other node.

    Parameters
    ----------
    g
        A graph.
    steps
        The largest number of steps (a whole number ≥ 1).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.Series
        ``mean_reach_s`` and ``mean_share_s`` for each step, and ``share_reaching`` (1 − the
        share of isolates); named ``reach_summary``.

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
    r = reach(g, steps=steps, threads=threads, progress=progress)
    out: dict[str, float] = {}
    for s in range(1, int(steps) + 1):
        out[f"mean_reach_{s}"] = float(r[f"reach_{s}"].mean())
        out[f"mean_share_{s}"] = float(r[f"share_{s}"].mean())
    out["share_reaching"] = float((r["reach_1"] > 0).mean())
    return pd.Series(out, name="reach_summary", dtype="float64")


def average_shortest_path_length(
    g: Graph,
    *,
    distance: str | None = None,
    k: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    progress: ProgressArg = None,
) -> pd.DataFrame:
    """Average shortest path length within each connected component, as a table.

    networkx's ``average_shortest_path_length`` needs a connected graph; wijknet computes it
    for every component (networkx's value on each component's subgraph): the mean of d(s, t)
    over ordered pairs of distinct nodes of the component.

    Parameters
    ----------
    g
        An undirected graph.
    distance
        None (hops), ``"inverse"`` (1/weight) or ``"weight"`` (the weight as a length).
    k
        None: exact (a search from every node). A whole number: in every component of more
        than ``k`` nodes, ``k`` sources drawn uniformly without replacement; the estimate is
        the mean over them of Σ_t d(s, t)/(size − 1) and ``stderr`` its standard error
        (finite-population corrected). Components of at most ``k`` nodes stay exact.
    seed
        Seed of the sampled sources (the same seed gives the same table on any thread
        count); None draws a fresh one. With ``k`` the seed used is in ``.attrs["seed"]``.
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.DataFrame
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
    fn = "average_shortest_path_length"
    g = _args.graph(g, fn)
    k = _args.whole(k, "k", fn, minimum=1, none=True)
    seed = _args.resolve_seed(seed, fn) if k is not None else None
    t = _args.call(
        fn,
        _native.average_shortest_path_length,
        g._g,
        _args.distance(distance, fn),
        k,
        seed,
        _args.threads(threads, fn),
        progress=progress,
        desc="shortest paths",
    )
    table = pd.DataFrame(
        {
            "size": t["size"].astype("int64"),
            "average_shortest_path_length": t["average"],
            "stderr": t["stderr"],
            "sources": t["sources"].astype("int64"),
        },
        index=pd.Index(t["component"].astype("int64"), name="component"),
    )
    return _args.with_seed(table, seed)


def global_efficiency(
    g: Graph,
    *,
    distance: str | None = None,
    threads: int | None = None,
    progress: ProgressArg = None,
) -> float:
    """Global efficiency: the mean of 1/d(s, t) over ordered pairs of distinct nodes, 0 for
    pairs in different components (networkx ``global_efficiency``; 0 for fewer than 2 nodes).

    networkx's version counts hops only; ``distance="inverse"`` or ``"weight"`` gives the
    weighted efficiency (the same formula over weighted shortest-path lengths). Exact: a
    search from every node; :func:`global_efficiency_estimate` samples sources instead.

    Parameters
    ----------
    g
        An undirected graph.
    distance
        None (hops), ``"inverse"`` (1/weight) or ``"weight"`` (the weight as a length).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    float
        The efficiency (in [0, 1] for hops).

    Examples
    --------
    >>> import wijknet as wn
    >>> round(wn.global_efficiency(wn.datasets.davis_southern_women().project()), 6)
    0.954248
    """
    fn = "global_efficiency"
    g = _args.graph(g, fn)
    e, _ = _args.call(
        fn,
        _native.global_efficiency,
        g._g,
        _args.distance(distance, fn),
        None,
        None,
        _args.threads(threads, fn),
        progress=progress,
        desc="efficiency",
    )
    return float(e)


@dataclass(frozen=True, repr=False)
class EfficiencyEstimate(Result):
    """A sampled estimate of global efficiency, as :func:`global_efficiency_estimate` returns it.

    Parameters
    ----------
    value
        The estimate (``float(est)`` gives it too).
    stderr
        Its finite-population corrected standard error (0 when every node was a source).
    k
        Number of sources searched.
    seed
        The seed of the sample: pass it back to reproduce the estimate.

    Returns
    -------
    EfficiencyEstimate
        A frozen result; ``to_frame()`` gives one row.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.EfficiencyEstimate(value=0.5, stderr=0.01, k=20, seed=7)
    <wijknet.EfficiencyEstimate: 0.5000 ± 0.01000 (standard error; 20 sources, seed 7)>
    """

    value: float
    stderr: float
    k: int
    seed: int

    def __float__(self) -> float:
        return self.value

    def _frame(self) -> pd.DataFrame:
        """One row: value, stderr, k, seed."""
        return pd.DataFrame([{"value": self.value, "stderr": self.stderr, "k": self.k, "seed": self.seed}])

    def _title(self) -> str:
        return "wijknet.EfficiencyEstimate"

    def _line(self) -> str:
        return (
            f"{format_number(self.value)} ± {format_number(self.stderr)} (standard error; "
            f"{format_number(self.k)} sources, seed {self.seed})"
        )


def global_efficiency_estimate(
    g: Graph,
    *,
    k: int,
    distance: str | None = None,
    seed: int | None = None,
    threads: int | None = None,
    progress: ProgressArg = None,
) -> EfficiencyEstimate:
    """Global efficiency estimated from ``k`` sampled sources (see :func:`global_efficiency`).

    ``k`` sources are drawn uniformly without replacement; the estimate is the mean over them
    of Σ_t 1/d(s, t)/(n − 1), with its finite-population corrected standard error. With
    ``k`` ≥ n every node is a source and the value is exact (standard error 0).

    Parameters
    ----------
    g
        An undirected graph.
    k
        Number of sampled sources (a whole number ≥ 1).
    distance
        None (hops), ``"inverse"`` (1/weight) or ``"weight"`` (the weight as a length).
    seed
        Seed of the sample (the same seed gives the same estimate on any thread count); None
        draws a fresh one, recorded on the result.
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    EfficiencyEstimate
        ``value``, ``stderr``, ``k`` (sources searched) and ``seed``.

    Examples
    --------
    >>> import wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project()
    >>> est = wn.global_efficiency_estimate(g, k=5, seed=1)
    >>> est.seed, est.k, bool(abs(est.value - wn.global_efficiency(g)) < 0.05)
    (1, 5, True)
    """
    fn = "global_efficiency_estimate"
    g = _args.graph(g, fn)
    k = _args.whole(k, "k", fn, minimum=1)
    seed = _args.resolve_seed(seed, fn)
    e, se = _args.call(
        fn,
        _native.global_efficiency,
        g._g,
        _args.distance(distance, fn),
        k,
        seed,
        _args.threads(threads, fn),
        progress=progress,
        desc="efficiency",
    )
    return EfficiencyEstimate(float(e), float(se), min(int(k), g.number_of_nodes()), int(seed))


def diameter(
    g: Graph, *, distance: str | None = None, threads: int | None = None, progress: ProgressArg = None
) -> float:
    """Diameter of the largest connected component: the longest shortest path between two of
    its residents (networkx ``diameter`` on that component; networkx raises for a
    disconnected graph). Exact: a search from every node of the component.

    Parameters
    ----------
    g
        An undirected graph.
    distance
        None (hops), ``"inverse"`` (1/weight) or ``"weight"`` (the weight as a length).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    float
        The diameter, always a float (a whole number of hops with ``distance=None``, where
        networkx gives an int).

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.diameter(wn.datasets.davis_southern_women().project())
    2.0
    """
    fn = "diameter"
    g = _args.graph(g, fn)
    return float(
        _args.call(
            fn,
            _native.diameter,
            g._g,
            _args.distance(distance, fn),
            _args.threads(threads, fn),
            progress=progress,
        )
    )
