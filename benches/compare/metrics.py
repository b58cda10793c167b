"""Metrics suite: the connectedness metrics (components, cores, PageRank, clustering,
Louvain/Leiden, pivot betweenness) on the count projection, wijknet on 1 and 2 threads against
igraph, NetworKit and rustworkx on one thread, with an agreement check per measure."""
from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from .common import (
    LARGE,
    Block,
    Log,
    Table,
    badhuis,
    child,
    dataset_file,
    fmt_ratio,
    fmt_s,
    optional,
    timed_kept,
)

TITLE = "components, cores, PageRank, clustering, Louvain/Leiden, betweenness against igraph, NetworKit, rustworkx"
ASK_UBUNTU = ("threads_ask_ubuntu", "incidences.csv.gz")  # folder and file in the data directory
PAGERANK_L1 = 1e-8  # the common PageRank stopping rule: L1 change of one iteration ≤ this


# the library key of a case (its first word) -> the peer module it needs
PEER_OF = {"igraph": "ig", "NetworKit": "nk", "rustworkx": "rx"}


def _import_peers(log: Log | None = None) -> dict[str, Any]:
    """igraph, NetworKit and rustworkx (None where not installed), each pinned to one thread
    where it allows it. rustworkx's rayon pool reads RAYON_NUM_THREADS when it first starts
    (set here before the import unless the caller set it; wijknet's pools have explicit sizes
    and ignore it)."""
    os.environ.setdefault("RAYON_NUM_THREADS", "1")
    peers = {"ig": optional("igraph", log, "the metrics suite is"),
             "nk": optional("networkit", log, "NetworKit's cases are"),
             "rx": optional("rustworkx", log, "rustworkx's cases are")}
    if peers["nk"] is not None:
        peers["nk"].setNumberOfThreads(1)
    return peers


def versions(peers: dict[str, Any]) -> dict[str, str]:
    names = {"ig": "python-igraph", "nk": "networkit", "rx": "rustworkx"}
    return {names[k]: m.__version__ for k, m in peers.items() if m is not None}


class PeerGraphs:
    """The projection in each peer's format, built on demand before the clock (and dropped
    when no longer needed): every undirected edge once (upper triangle of ``g.to_scipy()``),
    nodes in wijknet's node order, so per-node results line up."""

    def __init__(self, n: int, r: np.ndarray, c: np.ndarray, w: np.ndarray, peers: dict[str, Any],
                 log: Log):
        self.n, self.r, self.c, self.w = n, r, c, w
        self.peers, self.log = peers, log
        self._cache: dict[str, Any] = {}
        self.seconds: dict[str, float] = {}
        self.saved: str | None = None

    @classmethod
    def from_graph(cls, g: Any, peers: dict[str, Any], log: Log) -> PeerGraphs:
        t = time.perf_counter()
        A = g.to_scipy()
        n = A.shape[0]
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(A.indptr))
        upper = A.indices > rows
        P = cls(n, rows[upper], A.indices[upper].astype(np.int64), np.ascontiguousarray(A.data[upper]), peers, log)
        P.seconds["edge list"] = time.perf_counter() - t
        return P

    def save(self) -> str:
        """Writes the edge arrays once (to /dev/shm where there is one) for capped children."""
        if self.saved is None:
            import tempfile

            self.saved = tempfile.mkdtemp(prefix="wijknet-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
            import atexit
            import shutil

            atexit.register(shutil.rmtree, self.saved, True)  # also when the run stops on an error
            for name in ("r", "c", "w"):
                np.save(os.path.join(self.saved, name + ".npy"), getattr(self, name))
        return self.saved

    def cleanup(self) -> None:
        if self.saved:
            import shutil

            shutil.rmtree(self.saved, ignore_errors=True)
            self.saved = None

    def get(self, kind: str) -> Any:
        return {"igraph": self.igraph, "nk_weighted": self.nk_weighted, "nk_unweighted": self.nk_unweighted,
                "nk_digraph": self.nk_digraph,
                "rx_graph": self.rx_graph, "rx_digraph": self.rx_digraph}[kind]()

    def _build(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._cache:
            t = time.perf_counter()
            self._cache[key] = make()
            self.seconds[key] = time.perf_counter() - t
            self.log(f"    converted to {key} in {self.seconds[key]:.1f} s (not timed)")
        return self._cache[key]

    def drop(self, *keys: str) -> None:
        for key in keys:
            self._cache.pop(key, None)
        gc.collect()

    def _edge_tuples(self, r: np.ndarray, c: np.ndarray, w: list[int] | None = None):
        B = 1 << 20
        for i in range(0, len(r), B):
            if w is None:
                yield list(zip(r[i:i + B].tolist(), c[i:i + B].tolist(), strict=True))
            else:
                yield list(zip(r[i:i + B].tolist(), c[i:i + B].tolist(), w[i:i + B], strict=True))

    def igraph(self) -> Any:
        """Undirected igraph Graph, weights in the ``weight`` edge attribute."""
        def make() -> Any:
            ig = self.peers["ig"]
            G = ig.Graph(n=self.n, directed=False)
            for chunk in self._edge_tuples(self.r, self.c):
                G.add_edges(chunk)
            G.es["weight"] = self.w.tolist()
            return G
        return self._build("igraph", make)

    def nk_weighted(self) -> Any:
        nk = self.peers["nk"]
        return self._build("NetworKit (weighted)",
                           lambda: nk.GraphFromCoo((self.w, (self.r, self.c)), n=self.n, weighted=True, directed=False))

    def nk_unweighted(self) -> Any:
        nk = self.peers["nk"]
        return self._build("NetworKit (unweighted)",
                           lambda: nk.GraphFromCoo((self.r, self.c), n=self.n, weighted=False, directed=False))

    def nk_digraph(self) -> Any:
        """Directed weighted NetworKit graph, each edge in both directions: NetworKit's
        PageRank spreads the rank of nodes without ties (as networkx and igraph do) only on
        directed graphs; on an undirected one their rank leaks away."""
        nk = self.peers["nk"]
        return self._build("NetworKit (directed, weighted)", lambda: nk.GraphFromCoo(
            (np.r_[self.w, self.w], (np.r_[self.r, self.c], np.r_[self.c, self.r])),
            n=self.n, weighted=True, directed=True))

    def rx_graph(self) -> Any:
        """rustworkx PyGraph without edge data (multigraph=True: the edges are distinct, and
        multigraph=False would look every new edge up among the existing ones)."""
        def make() -> Any:
            rx = self.peers["rx"]
            R = rx.PyGraph(multigraph=True, node_count_hint=self.n, edge_count_hint=len(self.r))
            R.add_nodes_from(range(self.n))
            for chunk in self._edge_tuples(self.r, self.c):
                R.add_edges_from_no_data(chunk)
            return R
        return self._build("rustworkx PyGraph", make)

    def rx_digraph(self) -> Any:
        """rustworkx PyDiGraph with each edge in both directions (its pagerank takes only
        directed graphs); the weight is the edge's payload (a Python number)."""
        def make() -> Any:
            rx = self.peers["rx"]
            D = rx.PyDiGraph(multigraph=True, node_count_hint=self.n, edge_count_hint=2 * len(self.r))
            D.add_nodes_from(range(self.n))
            w = self.w.tolist()
            for chunk in self._edge_tuples(self.r, self.c, w):
                D.add_edges_from(chunk)
            for chunk in self._edge_tuples(self.c, self.r, w):
                D.add_edges_from(chunk)
            return D
        return self._build("rustworkx PyDiGraph", make)


def _rx_array(d: Any) -> np.ndarray:
    """A rustworkx {node index: value} mapping as an array in node order."""
    return np.array([d[i] for i in range(len(d))])


def _nk_mean_lcc(nk: Any, G: Any) -> float:
    return float(np.mean(nk.centrality.LocalClusteringCoefficient(G, turbo=True).run().scores()))


def _nk_pagerank(nk: Any, G: Any, tight: bool) -> Any:
    """NetworKit PageRank with sinks spread uniformly (networkx's and igraph's definition):
    ``tight`` stops when the L1 change of an iteration is ≤ PAGERANK_L1, otherwise NetworKit's
    default rule (L2 change ≤ its default tolerance)."""
    sinks = nk.centrality.SinkHandling.DistributeSinks
    if tight:
        pr = nk.centrality.PageRank(G, damp=0.85, tol=PAGERANK_L1, distributeSinks=sinks)
        pr.norm = nk.centrality.Norm.L1_NORM
    else:
        pr = nk.centrality.PageRank(G, damp=0.85, distributeSinks=sinks)
    pr.run()
    return pr.scores()


# Peer calls that may run for minutes on the large graphs: there they run in a child process
# that rebuilds the peer's graph from the saved edge list and is stopped after --peer-cap
# seconds. key -> (graph kind, call(peers, graph, pivots), result -> plain value outside the clock).
CAPPED_CALLS: dict[str, tuple] = {
    "nk transitivity": ("nk_unweighted", lambda m, G, k: m["nk"].globals.ClusteringCoefficient.exactGlobal(G), float),
    "rx transitivity": ("rx_graph", lambda m, G, k: m["rx"].transitivity(G), float),
    "nk average clustering": ("nk_unweighted", lambda m, G, k: _nk_mean_lcc(m["nk"], G), float),
    "rx pagerank tight": ("rx_digraph", lambda m, G, k: m["rx"].pagerank(
        G, weight_fn=float, tol=PAGERANK_L1 / max(G.num_nodes(), 1), max_iter=10_000), _rx_array),
    "rx pagerank default": ("rx_digraph", lambda m, G, k: m["rx"].pagerank(G, weight_fn=float), _rx_array),
    "nk betweenness": ("nk_unweighted",
                       lambda m, G, k: m["nk"].centrality.EstimateBetweenness(G, k, False, False).run().scores(),
                       np.asarray),
}


def _capped_child(key: str, folder: str, n: int, k: int, runs: int, slow_s: float, q: Any) -> None:
    try:
        import random

        peers = _import_peers()
        arrays = [np.load(os.path.join(folder, x + ".npy")) for x in ("r", "c", "w")]
        kind, call, plain = CAPPED_CALLS[key]
        t = time.perf_counter()
        G = PeerGraphs(n, arrays[0], arrays[1], arrays[2], peers, lambda _m: None).get(kind)
        del arrays
        q.put(("ready", time.perf_counter() - t))
        random.seed(0)
        if peers["nk"] is not None:
            peers["nk"].setSeed(0, False)
        got = timed_kept(lambda: call(peers, G, k), runs, slow_s)
        q.put(("done", got["wall"], got["cpu"], got["single"], plain(got["last"])))
    except BaseException as e:  # pragma: no cover - reported to the parent
        q.put(("error", f"{type(e).__name__}: {e}"))


def run_capped(P: PeerGraphs, key: str, k: int, runs: int, slow_s: float, cap_s: float,
               log: Log) -> dict[str, Any]:
    """Runs CAPPED_CALLS[key] in a spawned child; stops it after cap_s seconds of timing."""
    import queue

    folder = P.save()
    with child(_capped_child, key, folder, P.n, k, runs, slow_s) as (q, proc):
        msg = q.get(timeout=3600)
        if msg[0] == "ready":
            log(f"    child process: graph rebuilt in {msg[1]:.1f} s (not timed); cap {cap_s:g} s")
            try:
                msg = q.get(timeout=cap_s)
            except queue.Empty:
                proc.kill()
                return {"capped": True, "wall": [], "cpu": [], "single": True, "last": None}
        if msg[0] == "error":
            raise RuntimeError(msg[1])
        _, wall, cpu, single, value = msg
        return {"capped": False, "wall": wall, "cpu": cpu, "single": single, "last": value, "child": True}


def _agreement(what: str, same: dict[str, bool]) -> tuple[str, bool]:
    """A check's text ("what: igraph yes, NetworKit NO, ...") and whether every library agreed."""
    return what + ": " + ", ".join(f"{lib} {'yes' if s else 'NO'}" for lib, s in same.items()), all(same.values())


def wijknet_pivots(n: int, k: int, seed: int) -> np.ndarray:
    """The node positions ``wn.betweenness_centrality(g, k=k, seed=seed)`` uses as pivots on
    a graph of ``n`` nodes. wijknet draws them from (n, k, seed) alone, without looking at the
    graph, and does not return them; run with ``endpoints=True`` on two stars of ``n`` nodes
    they stand out: a pivot leaf is credited with its ``n − 1`` paths as an endpoint, any other
    leaf with one path per pivot. (Centre 0, then centre 1 for node 0.) The betweenness check
    against igraph on these sources confirms them."""
    import pandas as pd

    import wijknet as wn

    votes = []
    for centre in (0, 1):
        others = np.array([i for i in range(n) if i != centre])
        src, tgt = np.full(n - 1, centre), others.copy()
        if centre == 1:  # list 0–1 as (0, 1): node ids keep first-seen order 0, 1, 2, ...
            src[0], tgt[0] = 0, 1
        star = wn.Graph.from_edges(pd.DataFrame({"source": src, "target": tgt}))
        if not np.array_equal(star.nodes.to_numpy(), np.arange(n)):
            raise RuntimeError("wijknet_pivots: the star's node order is not 0..n-1")
        v = wn.betweenness_centrality(star, k=k, seed=seed, endpoints=True, normalized=False, progress=False).to_numpy()
        lv = v[others]
        is_src = np.zeros(n, bool)
        is_src[others] = lv > (lv.min() + lv.max()) / 2
        votes.append(is_src)
    out = votes[0].copy()
    out[0] = votes[1][0]
    return np.flatnonzero(out)


def metrics_graph(label: str, g: Any, runs: int, bars: bool, args: Any,
                  log: Log) -> dict[str, Any]:
    """Times the connectedness metrics on the projection ``g`` for wijknet (1 and 2 threads)
    and its peers (one thread), and checks that they give the same answers."""
    import wijknet as wn

    peers = _import_peers()
    nk, rx = peers["nk"], peers["rx"]
    N, E = g.number_of_nodes(), g.number_of_edges()
    k = args.pivots
    out: dict[str, Any] = {"graph": label, "nodes": N, "edges": E, "runs": runs, "slow_s": args.slow, "measures": []}
    P = PeerGraphs.from_graph(g, peers, log)
    out["capped_from_edges"] = args.cap_edges
    out["peer_cap_s"] = args.peer_cap
    out["rayon_num_threads"] = os.environ.get("RAYON_NUM_THREADS")
    out["conversion_seconds"] = P.seconds
    log(f"[{label}] {N:,} nodes, {E:,} ties; edge list in {P.seconds['edge list']:.1f} s")

    def set_threads(lib: str) -> None:
        """Threads for the case, and a fresh seed for the randomised ones (the timed runs of
        a case then continue one random stream: igraph uses Python's random module)."""
        import random

        random.seed(0)
        if nk is not None:
            nk.setSeed(0, False)
        if lib.startswith("wijknet"):
            wn.set_num_threads(2 if lib.endswith("2t") else 1)
        elif lib.startswith("NetworKit"):
            nk.setNumberOfThreads(2 if lib.endswith("2t") else 1)

    def measure(name: str, cases: list[tuple], check: Callable[[dict[str, Any]], tuple],
                bar: dict[str, Any] | None = None, post: dict[str, Callable[[Any], Any]] | None = None,
                note: str = "") -> dict[str, Any]:
        """cases: (library key, description, fn) or (library key, description, None, key of
        CAPPED_CALLS). check(results by library; a capped case has none) -> (text, ok). Cases of
        peers that are not installed are left out."""
        m: dict[str, Any] = {"measure": name, "note": note, "cases": {}, "bar": bar if bars else None}
        results: dict[str, Any] = {}
        for lib, desc, fn, *capkey in cases:
            if lib.split()[0] in PEER_OF and peers[PEER_OF[lib.split()[0]]] is None:
                continue
            set_threads(lib)
            pf = (post or {}).get(lib.split()[0])
            if capkey and E >= args.cap_edges:
                got = run_capped(P, capkey[0], k, runs, args.slow, args.peer_cap, log)
            elif capkey:
                kind, call, plain = CAPPED_CALLS[capkey[0]]
                G_ = P.get(kind)
                got = timed_kept(partial(call, peers, G_, k), runs, args.slow)
                got["last"] = plain(got["last"])
            else:
                got = timed_kept(fn, runs, args.slow, pf)
            if got.get("capped"):
                m["cases"][lib] = {"library": lib, "call": desc, "capped": True, "cap_s": args.peer_cap, "median": None,
                                   "times": [], "runs": 0}
                log(f"[{label}] {name:<28} {lib:<13} stopped after {args.peer_cap:g} s (--peer-cap)")
                continue
            results[lib] = got["last"]
            med = statistics.median(got["wall"])
            case = {"library": lib, "call": desc, "times": got["wall"], "cpu_times": got["cpu"], "median": med,
                    "cpu_median": statistics.median(got["cpu"]), "runs": len(got["wall"]), "single_run": got["single"],
                    "child_process": bool(got.get("child"))}
            if got.get("post"):
                case["quality_runs"] = got["post"]
                case["quality"] = statistics.median(got["post"])
            m["cases"][lib] = case
            log(f"[{label}] {name:<28} {lib:<13} {fmt_s(med):>10} ({len(got['wall'])} run{'s' if len(got['wall']) > 1 else ''})"
                + (f" Q={case['quality']:.4f}" if "quality" in case else ""))
        wn.set_num_threads(0)
        if nk is not None:
            nk.setNumberOfThreads(1)
        text, ok = check(results)
        m["check"], m["check_ok"] = text, ok
        log(f"[{label}] {name:<28} check: {text} {'✓' if ok else '✗'}")
        _score(m)
        out["measures"].append(m)
        return results

    # --- connected components ------------------------------------------------------------------
    Ig = P.igraph()
    Gu = P.nk_unweighted() if nk is not None else None
    R = P.rx_graph() if rx is not None else None

    def nk_cc() -> Any:
        cc = nk.components.ConnectedComponents(Gu)
        cc.run()
        return cc

    def check_cc(res: dict[str, Any]) -> tuple:
        ref = np.sort(np.bincount(res["wijknet 1t"].to_numpy()))
        sizes = {
            "igraph": lambda x: x.sizes(),
            "NetworKit": lambda x: list(x.getComponentSizes().values()),
            "rustworkx": lambda x: [len(c) for c in x],
        }
        same = {lib: bool(np.array_equal(ref, np.sort(np.asarray(f(res[lib]))))) for lib, f in sizes.items() if lib in res}
        same["wijknet 2t"] = bool(res["wijknet 2t"].equals(res["wijknet 1t"]))
        return _agreement(f"{len(ref):,} components, largest {ref[-1]:,}; same component sizes", same)

    measure("connected components", [
        ("wijknet 1t", "wn.connected_components(g)", lambda: wn.connected_components(g)),
        ("wijknet 2t", "wn.connected_components(g)", lambda: wn.connected_components(g)),
        ("igraph", "G.connected_components()", lambda: Ig.connected_components()),
        ("NetworKit", "ConnectedComponents(G).run()", nk_cc),
        ("rustworkx", "rx.connected_components(G)", lambda: rx.connected_components(R)),
    ], check_cc, {"peers": ["NetworKit"], "factor": 1.0, "text": "≤ NetworKit"})

    # --- core numbers ----------------------------------------------------------------------------
    def check_core(res: dict[str, Any]) -> tuple:
        ref = res["wijknet 1t"].to_numpy()
        as_array = {
            "wijknet 2t": lambda x: x.to_numpy(),
            "igraph": np.asarray,
            "NetworKit": lambda x: np.asarray(x).astype(np.int64),
            "rustworkx": _rx_array,
        }
        same = {lib: bool(np.array_equal(ref, f(res[lib]))) for lib, f in as_array.items() if lib in res}
        return _agreement(f"max core {int(ref.max()) if N else 0}; every node's core number equal", same)

    measure("core numbers", [
        ("wijknet 1t", "wn.core_number(g)", lambda: wn.core_number(g)),
        ("wijknet 2t", "wn.core_number(g)", lambda: wn.core_number(g)),
        ("igraph", "G.coreness()", lambda: Ig.coreness()),
        ("NetworKit", "CoreDecomposition(G).run().scores()", lambda: nk.centrality.CoreDecomposition(Gu).run().scores()),
        ("rustworkx", "rx.core_number(G)", lambda: rx.core_number(R)),
    ], check_core, {"peers": ["igraph"], "factor": 1.0, "text": "≤ igraph"})

    # --- transitivity and average clustering -------------------------------------------------------
    def close(key: str, tol: float = 1e-9) -> Callable[[dict[str, Any]], tuple]:
        def check(res: dict[str, Any]) -> tuple:
            ref = float(res["wijknet 1t"])
            diffs = {lib: abs(float(v) - ref) for lib, v in res.items() if lib != "wijknet 1t"}
            return (f"{key} {ref:.9f}; |Δ| vs wijknet: " + ", ".join(f"{lib} {d:.1e}" for lib, d in diffs.items()),
                    all(d <= tol for d in diffs.values()))
        return check

    measure("transitivity", [
        ("wijknet 1t", "wn.transitivity(g)", lambda: wn.transitivity(g, progress=False)),
        ("wijknet 2t", "wn.transitivity(g)", lambda: wn.transitivity(g, progress=False)),
        ("igraph", "G.transitivity_undirected()", lambda: Ig.transitivity_undirected()),
        ("NetworKit", "ClusteringCoefficient.exactGlobal(G)", None, "nk transitivity"),
        ("rustworkx", "rx.transitivity(G)", None, "rx transitivity"),
    ], close("transitivity"), {"peers": ["igraph"], "factor": 0.5, "text": "≤ 0.5× igraph"})
    P.drop("rustworkx PyGraph")
    R = None  # released

    measure("average clustering", [
        ("wijknet 1t", "wn.average_clustering(g)", lambda: wn.average_clustering(g, progress=False)),
        ("wijknet 2t", "wn.average_clustering(g)", lambda: wn.average_clustering(g, progress=False)),
        ("igraph", 'G.transitivity_avglocal_undirected(mode="zero")',
         lambda: Ig.transitivity_avglocal_undirected(mode="zero")),
        ("NetworKit", "mean(LocalClusteringCoefficient(G, turbo=True).run().scores())", None, "nk average clustering"),
    ], close("average clustering"), {"peers": ["igraph"], "factor": 0.5, "text": "≤ 0.5× igraph"},
        note="rustworkx has no average clustering")

    # --- PageRank (weighted) -------------------------------------------------------------------------
    Gd = P.nk_digraph() if nk is not None else None
    wntol = PAGERANK_L1 / max(N, 1)  # wijknet and rustworkx stop when the L1 change < n · tol

    pr_ref: dict[str, np.ndarray] = {}

    def check_pr(res: dict[str, Any], tol: float | None) -> tuple:
        if "igraph" in res:
            pr_ref["igraph"] = np.asarray(res["igraph"])
        ref = pr_ref["igraph"]
        as_array = {
            "wijknet 1t": lambda x: x.to_numpy(),
            "wijknet 2t": lambda x: x.to_numpy(),
            "NetworKit": np.asarray,
            "rustworkx": np.asarray,
        }
        diffs = {lib: float(np.abs(f(res[lib]) - ref).max()) for lib, f in as_array.items() if lib in res}
        text = "max |Δ| vs igraph (PRPACK): " + ", ".join(f"{lib} {d:.1e}" for lib, d in diffs.items())
        return text, (all(d <= tol for d in diffs.values()) if tol is not None else True)

    pr_tight = measure(f"PageRank, L1 step ≤ {PAGERANK_L1:g}", [
        ("wijknet 1t", f"wn.pagerank(g, tol={PAGERANK_L1:g}/n, max_iter=10000)",
         lambda: wn.pagerank(g, tol=wntol, max_iter=10_000, progress=False)),
        ("wijknet 2t", f"wn.pagerank(g, tol={PAGERANK_L1:g}/n, max_iter=10000)",
         lambda: wn.pagerank(g, tol=wntol, max_iter=10_000, progress=False)),
        ("igraph", 'G.pagerank(weights="weight")', lambda: Ig.pagerank(weights="weight")),
        ("NetworKit", f"PageRank(G directed both ways, tol={PAGERANK_L1:g}, DistributeSinks), norm=L1",
         lambda: _nk_pagerank(nk, Gd, True)),
        ("rustworkx", f"rx.pagerank(D, weight_fn=float, tol={PAGERANK_L1:g}/n, max_iter=10000)", None, "rx pagerank tight"),
    ], lambda res: check_pr(res, 1e-7), {"peers": ["NetworKit", "igraph"], "factor": 0.5, "text": "≤ 0.5× min(NetworKit, igraph)"},
        note="weighted on all sides; igraph's PRPACK has no tolerance setting; NetworKit and rustworkx on "
             "directed graphs with each tie both ways (rustworkx's pagerank takes only those; NetworKit "
             "loses the rank of tie-less nodes on undirected graphs)")
    ig_pr_case = out["measures"][-1]["cases"]["igraph"]
    del pr_tight
    measure("PageRank, default stopping", [
        ("wijknet 1t", "wn.pagerank(g)  (tol=1e-6: L1 step < n·1e-6, networkx's rule)",
         lambda: wn.pagerank(g, progress=False)),
        ("wijknet 2t", "wn.pagerank(g)", lambda: wn.pagerank(g, progress=False)),
        ("NetworKit", "PageRank(G directed both ways, DistributeSinks)  (L2 step ≤ 1e-8)", lambda: _nk_pagerank(nk, Gd, False)),
        ("rustworkx", "rx.pagerank(D, weight_fn=float)  (tol=1e-6, networkx's rule)", None, "rx pagerank default"),
    ], lambda res: check_pr(res, None), None,
        note="each library's default tolerance; igraph: the row above")
    out["measures"][-1]["cases"]["igraph"] = dict(ig_pr_case, reused=True)
    _score(out["measures"][-1])
    P.drop("rustworkx PyDiGraph", "NetworKit (directed, weighted)")
    Gd = None  # released
    Gw = P.nk_weighted() if nk is not None else None

    # --- communities (weighted) -----------------------------------------------------------------------
    def q_of(membership: Any) -> float:
        return float(Ig.modularity(list(membership), weights="weight"))

    post = {
        "wijknet": lambda s: q_of(s.to_numpy().tolist()),
        "igraph": lambda c: q_of(c.membership),
        "NetworKit": lambda p: q_of(p.getVector()),
    }

    def check_comm(res: dict[str, Any]) -> tuple:
        lab = res["wijknet 1t"]
        qw, qi = wn.modularity(g, lab), q_of(lab.to_numpy().tolist())
        n1, n2 = lab.nunique(), res["wijknet 2t"].nunique()
        same2 = bool(lab.equals(res["wijknet 2t"]))
        return (f"Q by igraph's modularity() for all; for wijknet's partition wn.modularity {qw:.6f} vs igraph {qi:.6f}; "
                f"wijknet {n1:,} communities, 2 threads {'same labels' if same2 else f'DIFFERENT labels ({n2:,})'}",
                abs(qw - qi) <= 1e-9 and same2)

    def seeds(fn: Callable[[int], Any]) -> Callable[[], Any]:
        """A call that uses seed 0, 1, 2, ... on successive runs, so the median modularity
        reflects wijknet's spread over seeds as NetworKit's and igraph's reflect theirs (they
        draw new random numbers on every run). The 1- and 2-thread cases run equally often,
        so their last results share a seed and can be compared label for label."""
        it = iter(range(1_000_000))
        return lambda: fn(next(it))

    def nk_plm() -> Any:
        return nk.community.PLM(Gw, refine=False, gamma=1.0).run().getPartition()

    def nk_leiden() -> Any:
        return nk.community.ParallelLeiden(Gw).run().getPartition()

    measure("Louvain", [
        ("wijknet 1t", "wn.louvain_communities(g, seed=i)", seeds(lambda i: wn.louvain_communities(g, seed=i, progress=False))),
        ("wijknet 2t", "wn.louvain_communities(g, seed=i)", seeds(lambda i: wn.louvain_communities(g, seed=i, progress=False))),
        ("igraph", 'G.community_multilevel(weights="weight")',
         lambda: Ig.community_multilevel(weights="weight")),
        ("NetworKit", "PLM(G, refine=False).run().getPartition()", nk_plm),
        ("NetworKit 2t", "PLM(G, refine=False).run().getPartition()", nk_plm),
    ], check_comm, None, post=post, note="weighted on all sides; Q: median modularity over the timed runs")
    # Two protocols, each like for like: runs repeated until modularity stops improving
    # (igraph n_iterations=-1, wijknet's default), and three runs (NetworKit ParallelLeiden's
    # default iterations=3; wijknet n_iterations=3) — the speed bar is scored on the latter.
    measure("Leiden, until stable", [
        ("wijknet 1t", "wn.leiden_communities(g, seed=i)", seeds(lambda i: wn.leiden_communities(g, seed=i, progress=False))),
        ("wijknet 2t", "wn.leiden_communities(g, seed=i)", seeds(lambda i: wn.leiden_communities(g, seed=i, progress=False))),
        ("igraph", 'G.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)',
         lambda: Ig.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)),
    ], check_comm, None, post=post,
        note="weighted on all sides; wijknet repeats runs until one gains < 1e-5, igraph until the partition stops changing")
    measure("Leiden, 3 runs", [
        ("wijknet 1t", "wn.leiden_communities(g, seed=i, n_iterations=3)",
         seeds(lambda i: wn.leiden_communities(g, seed=i, n_iterations=3, progress=False))),
        ("wijknet 2t", "wn.leiden_communities(g, seed=i, n_iterations=3)",
         seeds(lambda i: wn.leiden_communities(g, seed=i, n_iterations=3, progress=False))),
        ("NetworKit", "ParallelLeiden(G).run().getPartition()  # iterations=3", nk_leiden),
        ("NetworKit 2t", "ParallelLeiden(G).run().getPartition()  # iterations=3", nk_leiden),
    ], check_comm, {"peers": ["NetworKit"], "factor": 1.0, "text": "≤ NetworKit ParallelLeiden, higher Q", "quality": True},
        post=post, note="weighted on all sides; three runs on both sides (NetworKit's default)")
    P.drop("NetworKit (weighted)")
    Gw = None  # released

    # --- betweenness, k pivots (hops) ------------------------------------------------------------------
    if k <= N:
        S = wijknet_pivots(N, k, 0)
        is_src = np.zeros(N, bool)
        is_src[S] = True
        nn = N - 1

        def check_btw(res: dict[str, Any]) -> tuple:
            bw = res["wijknet 1t"].to_numpy()
            # igraph's subset betweenness on undirected graphs counts each (source, target) pair once:
            # networkx's (normalised) estimate from the same sources is 2 × that, scaled as networkx
            scale = np.where(is_src, 1.0 / ((k - 1) * (nn - 1)), 1.0 / (k * (nn - 1))) if k > 1 else 1.0 / (nn - 1)
            bi = 2.0 * np.asarray(res["igraph"]) * scale
            rel = float(np.abs(bi - bw).max() / max(bw.max(), 1e-300))
            if "NetworKit" in res:
                be = np.asarray(res["NetworKit"])
                corr = float(np.corrcoef(be, bw)[0, 1]) if bw.std() > 0 and be.std() > 0 else float("nan")
                nk_text = f"Pearson r {corr:.3f} with wijknet"
            else:
                nk_text = "stopped or not installed"
            same2 = bool(np.array_equal(bw, res["wijknet 2t"].to_numpy()))
            return (f"{len(S)} pivots recovered; igraph on the same sources: max |Δ| / max {rel:.1e}; "
                    f"NetworKit (its own {k} pivots): {nk_text}; "
                    f"wijknet 2 threads {'bit-identical' if same2 else 'DIFFERENT'}",
                    len(S) == k and rel <= 1e-9 and same2)

        Gu = P.nk_unweighted() if nk is not None else None
        btw = measure(f"betweenness, {k} pivots", [
            ("wijknet 1t", f"wn.betweenness_centrality(g, k={k}, seed=0)",
             lambda: wn.betweenness_centrality(g, k=k, seed=0, progress=False)),
            ("wijknet 2t", f"wn.betweenness_centrality(g, k={k}, seed=0)",
             lambda: wn.betweenness_centrality(g, k=k, seed=0, progress=False)),
            ("igraph", f"G.betweenness(sources=<wijknet's {k} pivots>, directed=False)",
             lambda: Ig.betweenness(sources=S.tolist(), directed=False)),
            ("NetworKit", f"EstimateBetweenness(G, {k}, normalized=False, parallel=False).run().scores()",
             None, "nk betweenness"),
        ], check_btw, {"peers": ["igraph"], "factor": 0.5, "text": "≤ 0.5× igraph"},
            note="hops (unweighted) on all sides; rustworkx has no pivot sampling")
        del btw
        bm = out["measures"][-1]["cases"]
        one, two = bm["wijknet 1t"]["median"], bm["wijknet 2t"]["median"]
        out["measures"].append({
            "measure": f"betweenness, {k} pivots: 2 threads vs 1", "note": "wijknet 1-thread time / 2-thread time",
            "cases": {}, "speedup": one / two, "check": "", "check_ok": True,
            "bar": {"text": "≥ 1.7×", "factor": 1.7} if bars else None,
            "bar_met": (one / two >= 1.7) if bars else None,
        })
    P.drop("igraph", "NetworKit (unweighted)")
    P.cleanup()
    return out


def _score(m: dict[str, Any]) -> None:
    """Fastest single-threaded peer / wijknet (1 thread, and 2 threads), and the bar."""
    cases = m["cases"]
    w1, w2 = cases.get("wijknet 1t"), cases.get("wijknet 2t")
    peer = [(c["median"], lib) for lib, c in cases.items()
            if lib in ("igraph", "NetworKit", "rustworkx") and c.get("median") is not None]
    m["fastest_peer"] = None
    if peer and w1:
        t, lib = min(peer)
        m["fastest_peer"] = lib
        m["ratio_1t"] = t / w1["median"]
        m["ratio_2t"] = t / w2["median"] if w2 else None
    bar = m.get("bar")
    if bar and w1 and "peers" in bar:
        refs = [cases[p]["median"] for p in bar["peers"] if p in cases and cases[p].get("median") is not None]
        if not refs:
            return
        ref = min(refs)
        m["bar_ratio"] = ref / w1["median"]
        met = w1["median"] <= bar["factor"] * ref
        if bar.get("quality"):
            qp = max(cases[p].get("quality", -1.0) for p in bar["peers"] if p in cases)
            m["bar_quality"] = [w1.get("quality"), qp]
            met = met and w1.get("quality", -1.0) > qp
        m["bar_met"] = met


def _metric_cell(c: dict[str, Any] | None) -> str:
    if c is None:
        return "—"
    if c.get("capped"):
        return f"> {c['cap_s']:g} s²"
    s = fmt_s(c["median"]) + ("¹" if c.get("single_run") else "") + ("³" if c.get("child_process") else "")
    if "quality" in c:
        s += f" (Q {c['quality']:.4f})"
    return s


def _metric_rows(g: dict[str, Any]) -> list[list[str]]:
    rows = []
    for m in g["measures"]:
        cs = m["cases"]
        if "speedup" in m:
            cells = ["", "", "", "", ""]
            ratio = f"{m['speedup']:.2f}× (1 thread / 2 threads)"
        else:
            nk2 = cs.get("NetworKit 2t")
            nkc = _metric_cell(cs.get("NetworKit"))
            if nk2:
                nkc += f"; 2 thr {_metric_cell(nk2)}"
            cells = [_metric_cell(cs.get("wijknet 1t")), _metric_cell(cs.get("wijknet 2t")),
                     _metric_cell(cs.get("igraph")) + (" (above)" if cs.get("igraph", {}).get("reused") else ""),
                     nkc, _metric_cell(cs.get("rustworkx"))]
            ratio = "—"
            if m.get("fastest_peer"):
                ratio = f"{fmt_ratio(m['ratio_1t'])} ({m['fastest_peer']})"
                if m.get("ratio_2t"):
                    ratio += f"; 2 thr {fmt_ratio(m['ratio_2t'])}"
        bar = m.get("bar")
        bar_text = bar["text"] if bar else ""
        if bar and "bar_ratio" in m:
            bar_text += f" (peer / wijknet {fmt_ratio(m['bar_ratio'])}, needs ≥ {1 / bar['factor']:g}×"
            if m.get("bar_quality"):
                qw, qp = m["bar_quality"]
                bar_text += f"; Q {qw:.6f} vs {qp:.6f}"
            bar_text += ")"
        met = "" if not bar else ("yes" if m.get("bar_met") else "no")
        check = ("✓ " if m.get("check_ok") else "✗ ") + m["check"] if m.get("check") else ""
        rows.append([m["measure"]] + cells + [ratio, bar_text, met, check])
    return rows


METRIC_HEAD = ["measure", "wijknet 1 thread", "wijknet 2 threads", "igraph", "NetworKit", "rustworkx",
               "fastest peer / wijknet", "bar", "met?", "same answer?"]


def _metrics_footnote(g: dict[str, Any]) -> str:
    return (f"Medians of {g['runs']} runs after a warm-up; ¹ one run (its first call took ≥ {g['slow_s']:g} s); "
            f"² stopped after {g['peer_cap_s']:g} s; ³ timed in a child process (slow peer calls on graphs "
            f"of ≥ {g['capped_from_edges']:,} ties). "
            "Peers on one thread (NetworKit: setNumberOfThreads(1), '2 thr' = 2; rustworkx: RAYON_NUM_THREADS="
            f"{g.get('rayon_num_threads') or os.environ.get('RAYON_NUM_THREADS', '?')}). Ratio = fastest single-threaded peer / wijknet. "
            "Graph conversion to each peer's format is not timed.")


def report(res: dict[str, Any], markdown: bool) -> list[Block]:
    """res: {"versions": {...}, "graphs": [one metrics_graph result a graph]}."""
    mv = res.get("versions", {})
    blocks: list[Block] = [("Metrics suite: " if markdown else "metrics suite — ")
                           + ", ".join(f"{k} {v}" for k, v in mv.items()) + ("." if markdown else "")]
    for i, g in enumerate(res["graphs"]):
        name = f"metrics_{i + 1}"
        if markdown:
            blocks.append(f"**{g['graph']}** — {g['nodes']:,} nodes, {g['edges']:,} ties. {_metrics_footnote(g)}")
            blocks.append(Table(name, METRIC_HEAD, _metric_rows(g), "lrrrrrrlll"))
            continue
        rows = [r[:-1] + [r[-1][:1]] for r in _metric_rows(g)]  # the check's ✓/✗; its text follows the table
        notes = ["same answers:"]
        notes += [f"  {m['measure']:<28} {'✓' if m['check_ok'] else '✗'} {m['check']}"
                  for m in g["measures"] if m.get("check")]
        notes.append(_metrics_footnote(g))
        notes += [f"  {m['measure']}: {m['note']}" for m in g["measures"] if m.get("note")]
        blocks.append(Table(name, METRIC_HEAD[:-1] + ["same?"], rows, "lrrrrrrlll", notes=notes,
                            title=f"== {g['graph']}: {g['nodes']:,} nodes, {g['edges']:,} ties =="))
    return blocks


def rescore(res: dict[str, Any]) -> None:
    """Scores the measures of a saved result again (results from before a change of the
    scoring print as it scores now)."""
    for g in res["graphs"]:
        for m in g["measures"]:
            if "speedup" not in m:
                _score(m)


def run(args: Any, sizes: list[int], log: Log) -> dict[str, Any] | None:
    """The metrics on the count projection of badhuis at every population in ``sizes``, and of
    the Ask Ubuntu register (users × threads) unless ``--ask-ubuntu none`` (under ``--quick``
    only when ``--ask-ubuntu`` names a file)."""
    import wijknet as wn

    peers = _import_peers(log)
    if peers["ig"] is None:
        return None
    graphs: list[dict[str, Any]] = []

    def runs_at(edges: int) -> int:
        if args.runs:
            return args.runs
        if args.quick:
            return 3 if edges < 5_000_000 else 1
        return 5 if edges < 5_000_000 else 3

    for n in sizes:
        t = time.perf_counter()
        g = badhuis(n).project(weight="count", progress=False)
        log(f"[metrics {n:,}] projection built in {time.perf_counter() - t:.1f} s")
        graphs.append(metrics_graph(f"badhuis(residents={n:,}, seed=0), count projection", g,
                                    runs_at(g.number_of_edges()), n >= LARGE, args, log))
        del g
        gc.collect()
    au = args.ask_ubuntu
    if (au or "").lower() == "none" or (args.quick and not au):
        log("[metrics] Ask Ubuntu register: skipped")
    else:
        path = dataset_file(args, *ASK_UBUNTU, override=au)
        if not os.path.exists(path):
            log(f"[metrics] Ask Ubuntu register not found at {path}: skipped")
        else:
            t = time.perf_counter()
            net = wn.read_attendance(path, resident="node_id", activity="event_id")
            g = net.project(weight="count", progress=False)
            del net
            log(f"[metrics] Ask Ubuntu projection built in {time.perf_counter() - t:.1f} s")
            graphs.append(metrics_graph("Ask Ubuntu threads (users × threads), count projection", g,
                                        runs_at(g.number_of_edges()), True, args, log))
            del g
    return {"versions": versions(peers), "graphs": graphs}
