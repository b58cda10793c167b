#!/usr/bin/env python
"""Ego measures (wn.ego) against networkx and igraph on the synthetic badhuis projections.

Usage (repository root, wijknet installed in release mode)::

    python benches/ego.py                  # 2,000 and 100,000 residents
    python benches/ego.py --sizes 2000     # one size
    python benches/ego.py --igraph-runs 0  # skip igraph at 100,000 (8–12 minutes a run)

Timed (medians; the projection is built before the clock starts; count weights):

* 2,000 residents: wijknet ``wn.ego.constraint`` + ``wn.ego.effective_size`` and
  ``wn.ego.measures`` versus networkx ``constraint`` + ``effective_size`` (all nodes, its
  sparse-matrix path), with ``weight=None`` (networkx's default) and ``weight="weight"``;
* 100,000 residents: wijknet ``wn.ego.constraint`` and ``wn.ego.measures`` on 1 and 2 threads
  versus igraph ``Graph.constraint`` (single-threaded C).

Ratios are peer / wijknet (above 1: wijknet is faster).
"""
from __future__ import annotations

import argparse
import statistics
import time
from typing import Any, Callable

import numpy as np

import wijknet as wn


def median_time(fn: Callable[[], Any], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def fmt(t: float) -> str:
    return f"{t * 1e3:.1f} ms" if t < 1 else f"{t:.2f} s"


def small(n: int, runs: int) -> None:
    import networkx as nx

    g = wn.datasets.badhuis(n, seed=0).project()
    G = g.to_networkx()
    print(f"\n{n} residents: {g.number_of_nodes()} nodes, {g.number_of_edges()} ties")
    for weight in (None, "weight"):
        t_nx = median_time(lambda: (nx.constraint(G, weight=weight), nx.effective_size(G, weight=weight)), 3, 0)
        for threads in (1, 2):
            t_ce = median_time(
                lambda: (
                    wn.ego.constraint(g, weight=weight, threads=threads),
                    wn.ego.effective_size(g, weight=weight, threads=threads),
                ),
                runs,
            )
            t_all = median_time(lambda: wn.ego.measures(g, weight=weight, threads=threads), runs)
            print(
                f"  weight={weight!s:6} threads={threads}: networkx constraint+effective_size {fmt(t_nx)}; "
                f"wijknet constraint+effective_size {fmt(t_ce)} ({t_nx / t_ce:.0f}x), "
                f"measures {fmt(t_all)} ({t_nx / t_all:.0f}x)"
            )


def large(n: int, runs: int, igraph_runs: int) -> None:
    g = wn.datasets.badhuis(n, seed=0).project()
    print(f"\n{n} residents: {g.number_of_nodes()} nodes, {g.number_of_edges()} ties")
    res = {}
    for weight in (None, "weight"):
        for threads in (1, 2):
            t_c = median_time(lambda: wn.ego.constraint(g, weight=weight, threads=threads), runs)
            t_m = median_time(lambda: wn.ego.measures(g, weight=weight, threads=threads), runs)
            res[weight, threads] = t_c
            print(f"  weight={weight!s:6} threads={threads}: wijknet constraint {fmt(t_c)}, measures {fmt(t_m)}")
    if igraph_runs:
        import igraph as ig

        s, t, w = g._g.edges()
        H = ig.Graph(n=g.number_of_nodes(), edges=np.column_stack([s, t]).tolist())
        H.es["weight"] = w.tolist()
        for weight in (None, "weight"):
            t_ig = median_time(lambda: H.constraint(weights=weight), igraph_runs, 0)
            print(
                f"  weight={weight!s:6}: igraph constraint {fmt(t_ig)}; wijknet 1 thread "
                f"{t_ig / res[weight, 1]:.0f}x faster, 2 threads {t_ig / res[weight, 2]:.0f}x"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 100_000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--igraph-runs", type=int, default=1)
    a = ap.parse_args()
    for n in a.sizes:
        if n <= 5000:
            small(n, a.runs)
        else:
            large(n, a.runs, a.igraph_runs)


if __name__ == "__main__":
    main()
