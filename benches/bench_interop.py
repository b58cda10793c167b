"""Converting graphs to and from igraph: ``g.to_igraph()`` and ``wn.Graph.from_igraph(h)``.

A random undirected graph with ``--edges`` distinct weighted ties among ``--nodes`` nodes is
converted both ways; each conversion runs ``--runs`` times and the table gives the fastest.
The round trip is checked to give back an equal graph. For scale, igraph's own
``get_adjacency_sparse`` on the same graph is timed too.

    python benches/bench_interop.py                      # 1,000,000 ties, 100,000 nodes
    python benches/bench_interop.py --edges 100000 --nodes 10000
"""

from __future__ import annotations

import argparse
import time

import igraph as ig  # noqa: F401  (the conversions need it)
import numpy as np

import wijknet as wn


def _graph(nodes: int, edges: int, seed: int) -> wn.Graph:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, nodes, int(edges * 1.3) + 10)
    b = rng.integers(0, nodes, len(a))
    keep = a != b
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    pairs = np.unique(lo * nodes + hi)[:edges]
    return wn.Graph.from_edges(
        {"source": pairs // nodes, "target": pairs % nodes, "w": rng.random(len(pairs)) + 0.1}, weight="w"
    )


def _fastest(fn, runs: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--edges", type=int, default=1_000_000)
    p.add_argument("--nodes", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    g = _graph(args.nodes, args.edges, seed=0)
    t_to, h = _fastest(g.to_igraph, args.runs)
    t_from, back = _fastest(lambda: wn.Graph.from_igraph(h, weight="weight"), args.runs)
    assert back == g, "the round trip changed the graph"
    t_adj, _ = _fastest(lambda: h.get_adjacency_sparse(attribute="weight"), args.runs)
    print(f"graph: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} ties")
    print("| conversion | seconds |\n|---|---|")
    print(f"| g.to_igraph() | {t_to:.2f} |")
    print(f"| wn.Graph.from_igraph(h, weight='weight') | {t_from:.2f} |")
    print(f"| igraph h.get_adjacency_sparse(attribute='weight') (for scale) | {t_adj:.2f} |")


if __name__ == "__main__":
    main()
