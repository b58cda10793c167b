"""The same networkx calls with and without ``backend="wijknet"``, conversion included.

    python benches/nx_backend.py                # the 2,000-resident projection, every function
    python benches/nx_backend.py --conversion   # also: converting a 1M-edge graph

networkx's slow path measures (betweenness, closeness, harmonic, square clustering, constraint)
are timed on a sample of sources or nodes and scaled to the whole graph (marked "~"): their cost
is a sum of independent per-source or per-node parts. wijknet is always timed in full, with a
fresh conversion each call (networkx's conversion cache off).
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable

import networkx as nx

import wijknet as wn

SAMPLE = 40


def _best(f: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


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


FUNCTIONS = [
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
]


def per_call(residents: int = 2000) -> None:
    G = wn.datasets.badhuis(residents).project(unit="session").to_networkx()
    nx.config.cache_converted_graphs = False
    print(f"badhuis({residents}).project(unit='session'): {G}; {os.cpu_count()} CPUs")
    print(f"{'function':30} {'networkx s':>11} {'wijknet s':>10} {'ratio':>8}")
    for name in FUNCTIONS:
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


if __name__ == "__main__":
    if "--conversion" in sys.argv:
        conversion()
    per_call()
