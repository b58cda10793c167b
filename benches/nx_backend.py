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


def _calls(residents: int) -> list[tuple[str, Callable[..., object], tuple, dict, Callable | None]]:
    """Every function wijknet takes, as (label, networkx function, arguments, keywords, and for
    the slowest networkx functions a sampled networkx call and its scale), on the graphs of the
    synthetic register: its session projection (with the residents' neighbourhood and a number
    as node attributes; directed, for reciprocity) and its two-mode graph."""
    net = wn.datasets.badhuis(residents)
    G = net.project(unit="session").to_networkx()
    attrs = net.resident_attributes()
    nx.set_node_attributes(G, attrs["neighbourhood"].astype(str).to_dict(), "neighbourhood")
    nx.set_node_attributes(G, {v: float(len(str(v))) for v in G}, "digits")
    D = G.to_directed()
    B = net.to_networkx()
    residents_ = [v for v, side in B.nodes(data="bipartite") if side == 0]
    nodes = random.Random(0).sample(list(G), SAMPLE)
    scale = len(G) / SAMPLE
    parts = nx.community.louvain_communities(G, seed=1)
    hoods = sorted({d for _, d in G.nodes(data="neighbourhood")})
    degrees = sorted({d for _, d in G.degree()})
    bip = nx.algorithms.bipartite
    return [
        ("clustering", nx.clustering, (G,), {}, None),
        ("average_clustering", nx.average_clustering, (G,), {}, None),
        ("transitivity", nx.transitivity, (G,), {}, None),
        ("triangles", nx.triangles, (G,), {}, None),
        (
            "square_clustering",
            nx.square_clustering,
            (G,),
            {},
            (lambda: nx.square_clustering(G, nodes), scale),
        ),
        ("core_number", nx.core_number, (G,), {}, None),
        ("k_core", nx.k_core, (G,), {}, None),
        ("k_shell", nx.k_shell, (G,), {}, None),
        ("k_crust", nx.k_crust, (G,), {}, None),
        ("k_corona(k=3)", nx.k_corona, (G, 3), {}, None),
        ("connected_components", lambda *a, **k: list(nx.connected_components(*a, **k)), (G,), {}, None),
        ("number_connected_components", nx.number_connected_components, (G,), {}, None),
        ("is_connected", nx.is_connected, (G,), {}, None),
        ("node_connected_component", nx.node_connected_component, (G, nodes[0]), {}, None),
        ("articulation_points", lambda *a, **k: list(nx.articulation_points(*a, **k)), (G,), {}, None),
        ("bridges", lambda *a, **k: list(nx.bridges(*a, **k)), (G,), {}, None),
        ("global_efficiency", nx.global_efficiency, (G,), {}, None),
        ("degree_centrality", nx.degree_centrality, (G,), {}, None),
        (
            "betweenness_centrality",
            nx.betweenness_centrality,
            (G,),
            {},
            (lambda: nx.betweenness_centrality(G, k=SAMPLE, seed=0), scale),
        ),
        ("betweenness_centrality(k=256)", nx.betweenness_centrality, (G,), {"k": 256, "seed": 1}, None),
        (
            "closeness_centrality",
            nx.closeness_centrality,
            (G,),
            {},
            (lambda: [nx.closeness_centrality(G, u=u) for u in nodes], scale),
        ),
        (
            "harmonic_centrality",
            nx.harmonic_centrality,
            (G,),
            {},
            (lambda: nx.harmonic_centrality(G, sources=nodes), scale),
        ),
        ("pagerank", nx.pagerank, (G,), {}, None),
        ("eigenvector_centrality", nx.eigenvector_centrality, (G,), {"max_iter": 1000}, None),
        ("effective_size", nx.effective_size, (G,), {}, None),
        # networkx's constraint is O(degree³) per node: many minutes per resident here, not timed
        ("constraint", nx.constraint, (G,), {}, (None, 0.0)),
        ("reciprocity (directed)", nx.reciprocity, (D, list(D)), {}, None),
        ("overall_reciprocity (directed)", nx.overall_reciprocity, (D,), {}, None),
        ("modularity", nx.community.modularity, (G, parts), {}, None),
        ("louvain_communities", nx.community.louvain_communities, (G,), {}, None),
        ("degree_assortativity_coefficient", nx.degree_assortativity_coefficient, (G,), {}, None),
        ("degree_pearson_correlation_coefficient", nx.degree_pearson_correlation_coefficient, (G,), {}, None),
        (
            "attribute_assortativity_coefficient",
            nx.attribute_assortativity_coefficient,
            (G, "neighbourhood"),
            {},
            None,
        ),
        ("numeric_assortativity_coefficient", nx.numeric_assortativity_coefficient, (G, "digits"), {}, None),
        ("attribute_mixing_dict", nx.attribute_mixing_dict, (G, "neighbourhood"), {}, None),
        (
            "attribute_mixing_matrix",
            nx.attribute_mixing_matrix,
            (G, "neighbourhood"),
            {"mapping": {h: i for i, h in enumerate(hoods)}},
            None,
        ),
        ("degree_mixing_dict", nx.degree_mixing_dict, (G,), {}, None),
        (
            "degree_mixing_matrix",
            nx.degree_mixing_matrix,
            (G,),
            {"mapping": {d: i for i, d in enumerate(degrees)}},
            None,
        ),
        ("bipartite.projected_graph", bip.projected_graph, (B, residents_), {}, None),
        ("bipartite.weighted_projected_graph", bip.weighted_projected_graph, (B, residents_), {}, None),
        (
            "bipartite.collaboration_weighted_projected_graph",
            bip.collaboration_weighted_projected_graph,
            (B, residents_),
            {},
            None,
        ),
        (
            "bipartite.overlap_weighted_projected_graph",
            bip.overlap_weighted_projected_graph,
            (B, residents_),
            {},
            None,
        ),
        ("bipartite.clustering", bip.clustering, (B,), {}, None),
        ("bipartite.robins_alexander_clustering", bip.robins_alexander_clustering, (B,), {}, None),
        ("bipartite.degree_centrality", bip.degree_centrality, (B, residents_), {}, None),
        ("bipartite.closeness_centrality", bip.closeness_centrality, (B, residents_), {}, None),
        ("bipartite.betweenness_centrality", bip.betweenness_centrality, (B, residents_), {}, None),
    ]


def per_call(residents: int = 2000, repeat: int = 3, start: str | None = None) -> None:
    """Every function wijknet takes, once with networkx and once with ``backend="wijknet"``:
    the conversion included (networkx's conversion cache off), and again with it cached."""
    import warnings

    warnings.filterwarnings("ignore", message="Note: conversions to backend graphs")
    calls = _calls(residents)
    if start:  # resume from the step of that label
        calls = calls[[c[0] for c in calls].index(start) :]
    print(f"badhuis({residents}); {os.cpu_count()} CPUs; networkx {nx.__version__}; medians of {repeat} runs")
    print(f"{'function':48} {'networkx s':>11} {'wijknet s':>10} {'faster':>8} {'cached s':>9} {'faster':>8}")
    for label, fn, args, kwargs, sampled in calls:
        nx.config.cache_converted_graphs = False
        ours = _best(lambda fn=fn, args=args, kwargs=kwargs: fn(*args, backend="wijknet", **kwargs), repeat)
        nx.config.cache_converted_graphs = True
        fn(*args, backend="wijknet", **kwargs)  # fills the cache
        cached = _best(lambda fn=fn, args=args, kwargs=kwargs: fn(*args, backend="wijknet", **kwargs), repeat)
        if sampled is None:
            theirs = _best(lambda fn=fn, args=args, kwargs=kwargs: fn(*args, **kwargs), repeat)
        elif sampled[0] is None:
            print(f"{label:48} {'not timed':>11} {ours:>10.4f} {'':>8} {cached:>9.4f}")
            continue
        else:
            theirs = _best(sampled[0], 1) * sampled[1]
        mark = "~" if sampled else " "
        print(
            f"{label:48} {mark}{theirs:>10.3f} {ours:>10.4f} {mark}{theirs / ours:>6.1f}× "
            f"{cached:>9.4f} {mark}{theirs / cached:>6.1f}×"
        )


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
        per_call(repeat=repeat, start=args[args.index("--from") + 1] if "--from" in args else None)
    else:
        script(data, repeat)
