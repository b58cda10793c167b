"""The same networkx code with and without the wijknet backend, conversion included.

    python benches/nx_backend.py                # a networkx analysis script, both data sets
    python benches/nx_backend.py --per-call     # every dispatched function, 2,000-resident projection
    python benches/nx_backend.py --conversion   # converting a 1M-edge graph against to_scipy_sparse_array
    python benches/nx_backend.py --data DIR     # where threads_ask_ubuntu/ lives (default tests/data)

The script (``analysis`` below) is what a networkx user writes: project the two-mode graph
onto the residents, then clustering, betweenness from 256 sampled sources, PageRank, Louvain
and core numbers. It runs once with networkx alone and once with ``backend_priority =
["wijknet"]`` for networkx's functions and its graph-returning ones (networkx then hands
each call to wijknet unless wijknet declines it), on the
synthetic 2,000-resident register and on the Ask Ubuntu register. Each step is timed twice
with the backend: with networkx's conversion cache off (every call converts the graph) and on
(networkx's default: a graph is converted once and reused). Medians of ``--repeat`` runs.

networkx's slow path measures in ``--per-call`` (betweenness, closeness, harmonic, square
clustering, constraint) are timed on a sample of sources or nodes and scaled to the whole graph
(marked "~"): their cost is a sum of independent per-source or per-node parts.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable

import networkx as nx

import wijknet as wn

SAMPLE = 40


def _best(f: Callable[[], object], repeat: int = 3) -> float:
    """The median of ``repeat`` timed runs (this machine is shared: medians, not minima)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _networkx_time(name: str, G: nx.Graph) -> tuple[float, bool]:
    """Seconds networkx takes for ``name`` on G, and whether it was scaled from a sample."""
    n = len(G)
    nodes = random.Random(0).sample(list(G), SAMPLE)
    scale = n / SAMPLE
    if name == "betweenness_centrality":  # k pivots: k of the n single-source passes
        return _best(lambda: nx.betweenness_centrality(G, k=SAMPLE, seed=0), 1) * scale, True
    if name == "closeness_centrality":
        return _best(lambda: [nx.closeness_centrality(G, u=u) for u in nodes], 1) * scale, True
    if name == "harmonic_centrality":
        return _best(lambda: nx.harmonic_centrality(G, sources=nodes), 1) * scale, True
    if name == "constraint":  # O(degree³) per node in networkx: minutes per resident here
        few = nodes[:2]
        return _best(lambda: nx.constraint(G, few), 1) * n / len(few), True
    if name == "square_clustering":
        return _best(lambda: getattr(nx, name)(G, nodes), 1) * scale, True
    fn = getattr(nx, name)
    if name == "connected_components":
        return _best(lambda: list(fn(G))), False
    return _best(lambda: fn(G)), False


def _functions() -> list[str]:
    """The networkx functions wijknet takes that live in networkx's top-level namespace."""
    from wijknet import nx_backend

    return [name for name in nx_backend.FUNCTIONS if hasattr(nx, name)]


def per_call(residents: int = 2000) -> None:
    G = wn.datasets.badhuis(residents).project(unit="session").to_networkx()
    nx.config.cache_converted_graphs = False
    print(f"badhuis({residents}).project(unit='session'): {G}; {os.cpu_count()} CPUs")
    print(f"{'function':30} {'networkx s':>11} {'wijknet s':>10} {'ratio':>8}")
    for name in _functions():
        fn = getattr(nx, name)
        if name == "connected_components":
            ours = _best(lambda fn=fn: list(fn(G, backend="wijknet")))
        else:
            ours = _best(lambda fn=fn: fn(G, backend="wijknet"))
        theirs, scaled = _networkx_time(name, G)
        mark = "~" if scaled else " "
        print(f"{name:30} {mark}{theirs:>10.3f} {ours:>10.4f} {mark}{theirs / ours:>7.0f}×")


def conversion(edges: int = 1_000_000) -> None:
    from wijknet import nx_backend

    G = nx.gnm_random_graph(edges // 5, edges, seed=1)
    rng = random.Random(1)
    for _u, _v, d in G.edges(data=True):
        d["weight"] = rng.uniform(0.5, 2.0)
    print(f"conversion: {G}")
    scipy_s = _best(lambda: nx.to_scipy_sparse_array(G, weight="weight"))
    ours_s = _best(lambda: nx_backend.convert_from_nx(G, edge_attrs={"weight": 1}))
    graph_s = _best(lambda: wn.Graph.from_networkx(G, weight="weight"))
    print(f"nx.to_scipy_sparse_array(G, weight='weight')   {scipy_s:.3f} s")
    print(f"convert_from_nx (topology + 'weight')          {ours_s:.3f} s  ({ours_s / scipy_s:.2f}×)")
    print(f"wn.Graph.from_networkx(G, weight='weight')     {graph_s:.3f} s  ({graph_s / scipy_s:.2f}×)")


# ---- the analysis script -------------------------------------------------------------------


def analysis(B: nx.Graph, residents: list) -> dict[str, Callable[[], object]]:
    """A networkx analysis of a two-mode graph, step by step (each step a call to time)."""
    steps: dict[str, Callable[[], object]] = {}
    P: dict[str, nx.Graph] = {}

    def project() -> object:
        P["g"] = nx.bipartite.weighted_projected_graph(B, residents)
        return P["g"]

    steps["bipartite.weighted_projected_graph"] = project
    steps["clustering"] = lambda: nx.clustering(P["g"])
    steps["betweenness_centrality(k=256, seed=1)"] = lambda: nx.betweenness_centrality(P["g"], k=256, seed=1)
    steps["pagerank"] = lambda: nx.pagerank(P["g"])
    steps["community.louvain_communities"] = lambda: nx.community.louvain_communities(P["g"])
    steps["core_number"] = lambda: nx.core_number(P["g"])
    return steps


def _run(steps: dict[str, Callable[[], object]], backend: bool, cache: bool, repeat: int) -> dict[str, float]:
    """Seconds per step (median of ``repeat`` runs of the whole script)."""
    before = list(nx.config.backend_priority.algos), list(nx.config.backend_priority.generators)
    # functions returning a graph (the projection) follow networkx's "generators" priority
    chosen = ["wijknet"] if backend else []
    nx.config.backend_priority.algos, nx.config.backend_priority.generators = chosen, chosen
    nx.config.cache_converted_graphs = cache
    times: dict[str, list[float]] = {name: [] for name in steps}
    try:
        for _ in range(repeat):
            for name, step in steps.items():
                t = time.perf_counter()
                step()
                times[name].append(time.perf_counter() - t)
    finally:
        nx.config.backend_priority.algos, nx.config.backend_priority.generators = before
        nx.config.cache_converted_graphs = True
    return {name: statistics.median(ts) for name, ts in times.items()}


def _registers(data: str) -> list[tuple[str, wn.Network]]:
    out = [("badhuis(2000)", wn.datasets.badhuis(2000))]
    path = os.path.join(data, "threads_ask_ubuntu", "incidences.csv.gz")
    if os.path.exists(path):
        import pandas as pd

        df = pd.read_csv(path).rename(columns={"node_id": "resident", "event_id": "activity"})
        out.append(("Ask Ubuntu", wn.Network.from_attendance(df[["resident", "activity"]])))
    else:
        print(f"Ask Ubuntu: {path} not found, skipped")
    return out


def script(data: str, repeat: int) -> None:
    import warnings

    warnings.filterwarnings("ignore", message="Note: conversions to backend graphs")
    print(f"{os.cpu_count()} CPUs; networkx {nx.__version__}; medians of {repeat} runs")
    for label, net in _registers(data):
        B = net.to_networkx()
        residents = [v for v, side in B.nodes(data="bipartite") if side == 0]
        print(f"\n{label}: two-mode graph {B}; {len(residents)} residents")
        theirs = _run(analysis(B, residents), backend=False, cache=True, repeat=repeat)
        fresh = _run(analysis(B, residents), backend=True, cache=False, repeat=repeat)
        cached = _run(analysis(B, residents), backend=True, cache=True, repeat=repeat)
        print(f"{'step':40} {'networkx s':>11} {'wijknet s':>10} {'faster':>7} {'cached s':>9} {'faster':>7}")
        for name in theirs:
            a, b, c = theirs[name], fresh[name], cached[name]
            print(f"{name:40} {a:>11.3f} {b:>10.3f} {a / b:>6.1f}× {c:>9.3f} {a / c:>6.1f}×")
        a, b, c = sum(theirs.values()), sum(fresh.values()), sum(cached.values())
        print(f"{'the whole script':40} {a:>11.3f} {b:>10.3f} {a / b:>6.1f}× {c:>9.3f} {a / c:>6.1f}×")


if __name__ == "__main__":
    args = sys.argv[1:]
    data = (
        args[args.index("--data") + 1]
        if "--data" in args
        else os.path.join(os.path.dirname(__file__), "..", "tests", "data")
    )
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 3
    if "--conversion" in args:
        conversion()
    elif "--per-call" in args:
        per_call()
    else:
        script(data, repeat)
