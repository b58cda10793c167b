"""networkx's bipartite functions with and without ``backend="wijknet"``, conversion included,
on the two-mode graph of the synthetic register (residents × activities).

    python benches/nx_backend_bipartite.py          # 2,000 residents
    python benches/nx_backend_bipartite.py 10000    # another size

Each call is timed whole (best of 3, wall-clock and CPU time, networkx's conversion cache off),
then wijknet's calls are split into their parts (CPU time): networkx's ``can_run`` checks,
converting the graph, wijknet's compiled work and, for the projections, building the networkx
graph that is returned.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

import networkx as nx

import wijknet as wn
from wijknet import nx_backend
from wijknet.nx_backend import _bipartite

bipartite = nx.algorithms.bipartite


def _best(f: Callable[[], object], repeat: int = 3) -> float:
    return _best_both(f, repeat)[1]


def _best_both(f: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds (all threads) of ``repeat`` calls: on a shared,
    loaded machine the CPU time is the steadier of the two."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        f()
        wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
    return wall, cpu


CALLS = [
    ("projected_graph", True),
    ("weighted_projected_graph", True),
    ("collaboration_weighted_projected_graph", True),
    ("overlap_weighted_projected_graph", True),
    ("latapy_clustering", False),
    ("robins_alexander_clustering", False),
    ("degree_centrality", True),
    ("closeness_centrality", True),
    ("betweenness_centrality", True),
]
NAMES = {
    "degree_centrality": "bipartite_degree_centrality",
    "closeness_centrality": "bipartite_closeness_centrality",
    "betweenness_centrality": "bipartite_betweenness_centrality",
}
WEIGHTS = {
    "projected_graph": "count",
    "weighted_projected_graph": "count",
    "collaboration_weighted_projected_graph": "newman",
    "overlap_weighted_projected_graph": "jaccard",
}


def main(residents: int = 2000) -> None:
    B = wn.datasets.badhuis(residents).to_networkx()
    nodes = [v for v, side in B.nodes(data="bipartite") if side == 0]
    nx.config.cache_converted_graphs = False
    print(f"badhuis({residents}).to_networkx(): {B}, {len(nodes)} residents; {os.cpu_count()} CPUs")
    print(f"{'':48} {'wall-clock seconds':^29}   {'CPU seconds':^29}")
    print(f"{'bipartite.':10}{'function':38}" + f" {'networkx':>9} {'wijknet':>9} {'ratio':>8}  " * 2)
    for fn, takes_nodes in CALLS:
        f = getattr(bipartite, fn)
        args = (B, nodes) if takes_nodes else (B,)
        theirs = _best_both(lambda f=f, args=args: f(*args))
        ours = _best_both(lambda f=f, args=args: f(*args, backend="wijknet"))
        cells = "".join(f" {t:>9.3f} {o:>9.4f} {t / o:>7.1f}×  " for t, o in zip(theirs, ours, strict=True))
        print(f"{'':10}{fn:38}{cells}")

    print()
    print("where wijknet's time goes (CPU seconds)")
    print(f"{'function':40} {'can_run':>8} {'convert':>8} {'compiled':>9} {'nx graph':>9}")
    convert = _best(lambda: nx_backend.convert_from_nx(B))
    W = nx_backend.convert_from_nx(B)
    for fn, takes_nodes in CALLS[:5]:
        name = NAMES.get(fn, fn)
        args = (B, nodes) if takes_nodes else (B,)
        check = _best(lambda name=name, args=args: nx_backend.can_run(name, args, {}))
        if fn in WEIGHTS:
            compiled = _best(lambda fn=fn: _bipartite._project(W, nodes, WEIGHTS[fn]))
            unique, u, v, w = _bipartite._project(W, nodes, WEIGHTS[fn])
            build = _best(
                lambda unique=unique, u=u, v=v, w=w: _bipartite._networkx_graph(
                    W, unique, u, v, [{"weight": x} for x in w.tolist()]
                )
            )
            print(f"{fn:40} {check:>8.4f} {convert:>8.4f} {compiled:>9.4f} {build:>9.4f}")
        else:
            compiled = _best(lambda: nx_backend.BackendInterface.latapy_clustering(W))
            print(f"{fn:40} {check:>8.4f} {convert:>8.4f} {compiled:>9.4f} {'':>9}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
