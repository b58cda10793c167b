"""Projection suite: building a network from pandas, the count and newman projections against
igraph, scipy and networkx, connected components and degree on the projection, the peak
memory of one projection, a memory-bandwidth floor, and the register's calibration figures."""
from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .common import (
    LARGE,
    NX_MAX,
    Block,
    Log,
    Table,
    badhuis,
    child,
    fmt_mb,
    fmt_ratio,
    fmt_s,
    optional,
    peak_memory,
    timed,
)

TITLE = "build, projections, components/degree, peak memory against igraph, scipy, networkx"


class Data:
    """One badhuis register and everything the peers need, prepared before timing."""

    def __init__(self, n: int, *, igraph: bool = True, scipy: bool = True, networkx: bool = False, frame: bool = True):
        self.n = n
        self.net = badhuis(n)
        self.net.pair_count()  # builds (and caches) the activity incidence
        full = self.net.to_frame()
        self.full = full
        self.df = full[["resident", "activity", "date"]].copy() if frame else None
        r, res_ids = pd.factorize(full["resident"])
        a, act_ids = pd.factorize(full["activity"])
        nr, na = len(res_ids), len(act_ids)
        key = np.unique(r.astype(np.int64) * na + a)
        self.r = (key // na).astype(np.int64)
        self.a = (key % na).astype(np.int64)
        self.nr, self.na = nr, na
        self.B = self.D = None
        if scipy:
            import scipy.sparse as sp

            self.B = sp.csr_array((np.ones(len(key)), (self.r, self.a)), shape=(nr, na))
            sizes = np.bincount(self.a, minlength=na)
            inv = np.where(sizes > 1, 1.0 / np.maximum(sizes - 1, 1), 0.0)
            self.D = sp.diags_array(inv)
        self.bip = None
        if igraph:
            import igraph as ig

            types = np.r_[np.zeros(nr, bool), np.ones(na, bool)].tolist()
            edges = np.column_stack([self.r, self.a + nr])
            self.bip = ig.Graph.Bipartite(types, edges)
        self.nxg = self.nx_top = None
        if networkx:
            import networkx as nx

            G = nx.Graph()
            top = [("r", int(i)) for i in res_ids]
            G.add_nodes_from(top, bipartite=0)
            G.add_nodes_from((("a", str(x)) for x in act_ids), bipartite=1)
            G.add_edges_from(zip([top[i] for i in self.r], [("a", str(act_ids[j])) for j in self.a], strict=True))
            self.nxg, self.nx_top = G, top


def calibration(d: Data) -> dict[str, Any]:
    """The calibration figures of ``wijknet::datasets::calibration``, recomputed with pandas
    from ``net.to_frame()``, cross-checked against the counts wijknet's Rust core reports."""
    f = d.full
    pairs = f[["resident", "activity"]].drop_duplicates()
    per_res = pairs.groupby("resident", sort=False).size()
    sizes = pairs.groupby("activity", sort=False).size().to_numpy()
    cal = {
        "rows": int(len(f)),
        "residents": int(len(per_res)),
        "activities": int(len(sizes)),
        "pairs": int(len(pairs)),
        "share_one_activity": float((per_res == 1).mean()),
        "size_median": float(np.quantile(sizes, 0.5)),
        "size_p90": float(np.quantile(sizes, 0.9)),
        "size_max": int(sizes.max()),
        "activities_200_plus": int((sizes >= 200).sum()),
        "sum_pairs": int((sizes.astype(np.int64) * (sizes - 1) // 2).sum()),
    }
    s = d.net.summary()
    rust = {
        "rows": int(s["attendances"]),
        "residents": int(s["residents"]),
        "activities": int(s["activities"]),
        "pairs": int(s["participations"]),
        "sum_pairs": int(d.net.pair_count()),
    }
    mismatch = {k: (cal[k], v) for k, v in rust.items() if cal[k] != v}
    cal["rust_crosscheck"] = "ok" if not mismatch else f"MISMATCH {mismatch}"
    return cal


def csr_bytes(n_nodes: int, n_edges: int) -> int:
    """Bytes of an undirected weighted CSR: 8 B indptr per row, 4 B index + 8 B weight per
    stored entry, every edge stored in both directions."""
    return 8 * (n_nodes + 1) + 12 * 2 * n_edges


# ------------------------------------------------------------------------------------------
# peak memory (fresh spawned process per measurement)
# ------------------------------------------------------------------------------------------
MEM_CASES = [
    ("wijknet", "count"),
    ("wijknet", "newman"),
    ("wijknet 1 thread", "count"),
    ("igraph", "count"),
    ("scipy", "count"),
    ("scipy", "newman"),
]


def _mem_child(lib: str, weight: str, n: int, q: Any) -> None:
    try:
        d = Data(n, igraph=lib == "igraph", scipy=lib == "scipy", frame=False)
        del d.full
        if lib.startswith("wijknet"):
            threads = 1 if "1 thread" in lib else None
            fn = lambda: d.net.project(weight=weight, threads=threads, progress=False)  # noqa: E731
        elif lib == "igraph":
            fn = lambda: d.bip.bipartite_projection(which=0, multiplicity=True)  # noqa: E731
        elif weight == "count":
            fn = lambda: d.B @ d.B.T  # noqa: E731
        else:
            fn = lambda: d.B @ d.D @ d.B.T  # noqa: E731
        res, m = peak_memory(fn)
        m["output_array_bytes"] = (int(res.data.nbytes + res.indices.nbytes + res.indptr.nbytes)
                                   if lib == "scipy" else None)
        q.put(m)
    except BaseException as e:  # pragma: no cover - reported to the parent
        q.put({"error": f"{type(e).__name__}: {e}"})


def projection_memory(lib: str, weight: str, n: int) -> dict[str, Any]:
    with child(_mem_child, lib, weight, n) as (q, _proc):
        return q.get(timeout=1800)


# ------------------------------------------------------------------------------------------
# bandwidth floor
# ------------------------------------------------------------------------------------------
def bandwidth(runs: int) -> dict[str, float]:
    n = 50_000_000  # 400 MB of float64
    src = np.ones(n)
    dst = np.zeros(n)
    copy = statistics.median(timed(lambda: np.copyto(dst, src), runs)["wall"])
    fresh = statistics.median(timed(lambda: np.ones(n), runs)["wall"])  # allocate + first-touch + write
    return {
        "array_bytes": 8 * n,
        "copy_s": copy,
        "copy_GBps": 8 * n / copy / 1e9,
        "fresh_write_s": fresh,
        "fresh_write_GBps": 8 * n / fresh / 1e9,
    }


# ------------------------------------------------------------------------------------------
# one size
# ------------------------------------------------------------------------------------------
def _time_size(n: int, runs: int, args: Any, ig: Any, has_scipy: bool, log: Log) -> dict[str, Any]:
    """Times and checks every case at one population (the memory figures are added by
    :func:`run_size`, once this function's data is freed)."""
    import wijknet as wn

    with_nx = n <= NX_MAX and not args.no_networkx and optional("networkx", log, "networkx cases are") is not None
    if with_nx:
        import networkx as nx
        from networkx.algorithms import bipartite
    t0 = time.perf_counter()
    d = Data(n, igraph=ig is not None, scipy=has_scipy, networkx=with_nx)
    log(f"[{n:,}] data prepared in {time.perf_counter() - t0:.1f} s")
    out: dict[str, Any] = {"residents_population": n, "runs": runs, "rows": [], "checks": {}}
    rows = out["rows"]

    def task(name: str, cases: list[tuple]) -> None:
        """Times the cases of one task, each in a block: one untimed warm-up call, then ``runs``
        timed calls. (Not interleaved: on this kind of machine the first large allocation after
        another library freed a big result pays the kernel's huge-page compaction, which would
        be charged to whichever library runs next; the warm-up absorbs it.)
        cases: (library, fn, ref, bar); a case with fn None (its peer missing) is left out."""
        cases = [c for c in cases if c[1] is not None]
        got: dict[str, dict[str, list[float]]] = {}
        for lib, fn, _ref, _bar in cases:
            got[lib] = timed(fn, runs, warmup=1)
        for lib, _fn, ref, bar in cases:
            times = got[lib]
            med, cpu = statistics.median(times["wall"]), statistics.median(times["cpu"])
            rows.append({"size": n, "task": name, "library": lib, "times": times["wall"], "cpu_times": times["cpu"],
                         "median": med, "cpu_median": cpu, "runs": len(times["wall"]), "ref": ref, "bar": bar})
            log(f"[{n:,}] {name:<22} {lib:<48} median {fmt_s(med)} (cpu {fmt_s(cpu)})")

    def when(ok: bool, fn: Callable[[], Any]) -> Callable[[], Any] | None:
        return fn if ok else None

    # --- build ---------------------------------------------------------------------------------
    df = d.df
    task("build from pandas", [
        ("wijknet Network.from_attendance", lambda: wn.Network.from_attendance(df, date="date"), None, None),
        ("pandas factorize(resident, activity)", lambda: (pd.factorize(df["resident"]), pd.factorize(df["activity"])),
         "wijknet Network.from_attendance", (">=", 1 / 1.5, "wijknet within 1.5× of factorize")),
    ])

    # --- projections ---------------------------------------------------------------------------
    net = d.net
    big = n >= LARGE
    task("project count", [
        ("wijknet", lambda: net.project(weight="count", progress=False), None, None),
        ("wijknet, 1 thread", lambda: net.project(weight="count", threads=1, progress=False), "wijknet", None),
        ("igraph bipartite_projection", when(ig is not None, lambda: d.bip.bipartite_projection(
            which=0, multiplicity=True)), "wijknet", (">=", 10.0, "≥10× faster than igraph at 100k") if big else None),
        ("scipy B @ B.T", when(has_scipy, lambda: d.B @ d.B.T), "wijknet",
         (">=", 2.0, "≥2× faster than scipy at 100k") if big else None),
        ("networkx weighted_projected_graph", when(with_nx, lambda: bipartite.weighted_projected_graph(
            d.nxg, d.nx_top)), "wijknet", (">=", 100.0, "≥100× faster than networkx at 2k")),
    ])
    task("project newman", [
        ("wijknet", lambda: net.project(weight="newman", progress=False), None, None),
        ("wijknet, 1 thread", lambda: net.project(weight="newman", threads=1, progress=False), "wijknet", None),
        ("scipy B @ diag(1/(n_k-1)) @ B.T", when(has_scipy, lambda: d.B @ d.D @ d.B.T), "wijknet",
         (">=", 2.0, "≥2× faster than scipy at 100k") if big else None),
        ("networkx collaboration_weighted_projected_graph",
         when(with_nx, lambda: bipartite.collaboration_weighted_projected_graph(d.nxg, d.nx_top)), "wijknet",
         (">=", 100.0, "≥100× faster than networkx at 2k")),
    ])

    # --- same answers? ---------------------------------------------------------------------------
    g = net.project(weight="count", progress=False)
    gn = net.project(weight="newman", progress=False)
    E, N = g.number_of_edges(), g.number_of_nodes()
    checks = out["checks"]
    checks["nodes"] = N
    checks["edges"] = E
    ig_proj = d.bip.bipartite_projection(which=0, multiplicity=True) if ig is not None else None
    if ig_proj is not None:
        checks["igraph_same_edges"] = ig_proj.vcount() == N and ig_proj.ecount() == E
        checks["igraph_same_total_weight"] = int(sum(ig_proj.es["weight"])) == int(round(g.to_scipy().sum() / 2))
    if has_scipy:
        A = d.B @ d.B.T
        diag_nnz = int(np.count_nonzero(A.diagonal()))
        W = d.B @ d.D @ d.B.T
        checks["scipy_same_edges"] = (A.nnz - diag_nnz) // 2 == E
        wsum = gn.to_scipy().sum()
        checks["scipy_newman_same_total"] = bool(np.isclose(W.sum() - W.diagonal().sum(), wsum, rtol=1e-9))
        del A, W
    if with_nx:
        P = bipartite.weighted_projected_graph(d.nxg, d.nx_top)
        checks["networkx_same_edges"] = P.number_of_edges() == E
        del P

    # --- metrics on the projection ----------------------------------------------------------------
    G = g.to_networkx() if with_nx else None
    task("connected_components", [
        ("wijknet", lambda: wn.connected_components(g), None, None),
        ("igraph", when(ig_proj is not None, lambda: ig_proj.connected_components()), "wijknet", None),
        ("networkx", when(with_nx, lambda: list(nx.connected_components(G))), "wijknet", None),
    ])
    task("degree", [
        ("wijknet", lambda: wn.degree(g), None, None),
        ("igraph", when(ig_proj is not None, lambda: ig_proj.degree()), "wijknet", None),
        ("networkx", when(with_nx, lambda: dict(G.degree())), "wijknet", None),
    ])
    if ig_proj is not None:
        checks["igraph_same_components"] = (len(ig_proj.connected_components())
                                            == int(wn.connected_components(g).max()) + 1)
        checks["igraph_same_degree"] = bool(np.array_equal(np.asarray(ig_proj.degree()), wn.degree(g).to_numpy()))

    for r in rows:
        if r["ref"]:
            base = next(x for x in rows if x["task"] == r["task"] and x["library"] == r["ref"])
            r["ratio"] = r["median"] / base["median"]
            one = next((x for x in rows if x["task"] == r["task"] and x["library"] == "wijknet, 1 thread"), None)
            if one is not None and r is not one:
                r["ratio_1t"] = r["median"] / one["median"]
                r["cpu_ratio_1t"] = r["cpu_median"] / one["cpu_median"]
            if r["bar"]:
                _op, val, _ = r["bar"]
                r["bar_met"] = r["ratio"] >= val
        else:
            r["ratio"] = None

    out["csr_output_bytes"] = csr_bytes(N, E)
    out["calibration"] = calibration(d)
    return out


def run_size(n: int, runs: int, args: Any, log: Log) -> dict[str, Any]:
    ig = optional("igraph", log, "igraph cases are")
    has_scipy = optional("scipy", log, "scipy cases are") is not None
    out = _time_size(n, runs, args, ig, has_scipy, log)
    gc.collect()

    # --- memory ------------------------------------------------------------------------------------
    out["memory"] = []
    if not args.no_memory:
        for lib, weight in MEM_CASES:
            if (lib == "igraph" and ig is None) or (lib == "scipy" and not has_scipy):
                continue
            m = projection_memory(lib, weight, n)
            m.update({"library": lib, "weight": weight})
            if "peak_kb" in m:
                m["peak_bytes"] = 1024 * m["peak_kb"]
                m["peak_over_csr"] = m["peak_bytes"] / out["csr_output_bytes"]
                if lib.startswith("wijknet"):
                    m["bar"] = "≤1.5× the CSR output"
                    m["bar_met"] = m["peak_over_csr"] <= 1.5
            out["memory"].append(m)
            log(f"[{n:,}] memory {lib:<18} {weight:<7} " + (
                f"peak {fmt_mb(m['peak_bytes'])} = {m['peak_over_csr']:.2f}× CSR" if "peak_kb" in m else m.get("error", "?")))
    return out


def run(args: Any, sizes: list[int], log: Log) -> dict[str, Any]:
    log("bandwidth: timing a 400 MB numpy copy")
    out: dict[str, Any] = {"bandwidth": bandwidth(3 if args.quick else 5), "sizes": []}
    for n in sizes:
        if args.runs:
            runs = args.runs
        elif args.quick:
            runs = 3 if n < LARGE else 1
        else:
            runs = 7 if n < LARGE else 5
        out["sizes"].append(run_size(n, runs, args, log))
    return out


# ------------------------------------------------------------------------------------------
# report
# ------------------------------------------------------------------------------------------
def _bar_cell(r: dict[str, Any]) -> str:
    if not r.get("bar"):
        return ""
    return ("✓ " if r.get("bar_met") else "✗ ") + r["bar"][2]


def _text_blocks(res: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = [
        "median: wall-clock; cpu: CPU time of the process (all threads). ratio: peer / wijknet wall time "
        "(above 1: wijknet faster; wijknet uses all cores unless '1 thread'); vs 1 thr: peer / wijknet-1-thread "
        "wall time; cpu/1thr: the same with CPU times (robust to a busy machine)."]
    bw = res.get("bandwidth")
    for s in res["sizes"]:
        n = s["residents_population"]
        rows, last = [], None
        for r in s["rows"]:
            r1, c1 = r.get("ratio_1t"), r.get("cpu_ratio_1t")
            rows.append([r["task"] if r["task"] != last else "", r["library"], fmt_s(r["median"]),
                         fmt_s(r["cpu_median"]), fmt_ratio(r["ratio"]), fmt_ratio(r1) if r1 else "",
                         fmt_ratio(c1) if c1 else "", _bar_cell(r)])
            last = r["task"]
        blocks.append(Table(f"projection_{n}", ["task", "library", "median", "cpu", "ratio", "vs 1 thr", "cpu/1thr", "bar"],
                            rows, "llrrrrrl",
                            title=f"== badhuis(residents={n:,}, seed=0): {s['checks']['nodes']:,} residents, "
                                  f"{s['checks']['edges']:,} ties; medians of {s['runs']} runs =="))
        csr = s["csr_output_bytes"]
        lines = [f"CSR output of the projection: {fmt_mb(csr)} (8 B/row + 12 B/entry, both directions)"]
        if bw:
            lines.append(f"bandwidth floor: {fmt_s(csr / 1e9 / bw['copy_GBps'])} at numpy copy bandwidth "
                         f"({bw['copy_GBps']:.1f} GB/s), {fmt_s(csr / 1e9 / bw['fresh_write_GBps'])} at "
                         f"fresh-allocation write bandwidth ({bw['fresh_write_GBps']:.1f} GB/s)")
        blocks.append("\n".join(lines))
        if s["memory"]:
            mrows = []
            for mm in s["memory"]:
                label = f"{mm['library']} {mm['weight']}"
                if "peak_kb" not in mm:
                    mrows.append([label, str(mm.get("error")), "", "", ""])
                    continue
                bar = ("✓ " if mm["bar_met"] else "✗ ") + mm["bar"] if "bar" in mm else ""
                mrows.append([label, fmt_mb(mm["peak_bytes"]), f"{mm['peak_over_csr']:.2f}×",
                              fmt_mb(1024 * mm["retained_kb"]), bar])
            blocks.append(Table(f"projection_memory_{n}", ["peak memory of one projection", "peak RSS", "/ CSR",
                                                           "retained", "bar"], mrows, "lrrrl"))
        c = s["calibration"]
        bad = [k for k, v in s["checks"].items() if v is False]
        blocks.append(
            f"calibration: rows {c['rows']:,}; resident–activity pairs {c['pairs']:,}; "
            f"in exactly one activity {100 * c['share_one_activity']:.1f}%; activity sizes median/p90/max "
            f"{c['size_median']:g}/{c['size_p90']:g}/{c['size_max']}; ≥200: {c['activities_200_plus']}; "
            f"Σ n(n−1)/2 {c['sum_pairs']:,} (cross-check with the Rust core: {c['rust_crosscheck']})\n"
            "same answers as the peers: " + ("yes" if not bad else "NO: " + ", ".join(bad)))
    return blocks


CALIBRATION_ROWS: list[tuple[str, str, Callable[[Any], str]]] = [
    ("rows", "rows (resident × session)", lambda x: f"{x:,}"),
    ("residents", "residents in the register", lambda x: f"{x:,}"),
    ("activities", "activities", lambda x: f"{x:,}"),
    ("pairs", "resident–activity pairs", lambda x: f"{x:,}"),
    ("share_one_activity", "in exactly one activity", lambda x: f"{100 * x:.1f}%"),
    ("size_median", "activity size median", lambda x: f"{x:g}"),
    ("size_p90", "activity size p90", lambda x: f"{x:g}"),
    ("size_max", "activity size max", lambda x: f"{x:,}"),
    ("activities_200_plus", "activities with ≥ 200", lambda x: f"{x:,}"),
    ("sum_pairs", "Σ n(n−1)/2", lambda x: f"{x:,}"),
]


def _markdown_blocks(res: dict[str, Any]) -> list[Block]:
    sizes = res["sizes"]
    blocks: list[Block] = [
        "Wall-clock medians; ratio = peer time / wijknet time (above 1: wijknet is faster); "
        "vs 1 thread = peer time / time of wijknet on one thread (the peers are single-threaded)."]
    keys: list[tuple[str, str]] = []
    for s in sizes:
        for r in s["rows"]:
            if (r["task"], r["library"]) not in keys:
                keys.append((r["task"], r["library"]))
    rows = []
    for task, lib in keys:
        cells, bars = [], []
        for s in sizes:
            r = next((x for x in s["rows"] if x["task"] == task and x["library"] == lib), None)
            if r is None:
                cells += ["—", "—", "—"]
                continue
            mark = "" if not r.get("bar") else (" ✓" if r.get("bar_met") else " ✗")
            cells += [fmt_s(r["median"]), fmt_ratio(r["ratio"]) + mark,
                      fmt_ratio(r.get("ratio_1t")) if r.get("ratio_1t") else ""]
            if r.get("bar") and r["bar"][2] not in bars:
                bars.append(r["bar"][2])
        rows.append([task, lib] + cells + ["; ".join(bars)])
    head = ["task", "library"]
    for s in sizes:
        head += [f"{s['residents_population']:,}: median", "ratio", "vs 1 thread"]
    blocks.append(Table("projection", head + ["bar"], rows, "ll" + "rrr" * len(sizes) + "l"))

    labels: list[tuple[str, str]] = []
    for s in sizes:
        for mm in s["memory"]:
            if (mm["library"], mm["weight"]) not in labels:
                labels.append((mm["library"], mm["weight"]))
    mrows = [["CSR output (8 B/row + 12 B/entry ×2)"] + [fmt_mb(s["csr_output_bytes"]) for s in sizes]]
    for lib, weight in labels:
        cells = []
        for s in sizes:
            mm = next((x for x in s["memory"] if x["library"] == lib and x["weight"] == weight), None)
            cells.append("—" if mm is None or "peak_kb" not in mm else f"{fmt_mb(mm['peak_bytes'])} ({mm['peak_over_csr']:.2f}×)")
        mrows.append([f"{lib} {weight}"] + cells)
    bw = res.get("bandwidth")
    if bw:
        mrows.append([f"bandwidth floor (output / copy {bw['copy_GBps']:.1f} GB/s)"]
                     + [fmt_s(s["csr_output_bytes"] / 1e9 / bw["copy_GBps"]) for s in sizes])
        mrows.append([f"bandwidth floor (output / fresh write {bw['fresh_write_GBps']:.1f} GB/s)"]
                     + [fmt_s(s["csr_output_bytes"] / 1e9 / bw["fresh_write_GBps"]) for s in sizes])
    pops = [f"{s['residents_population']:,}" for s in sizes]
    blocks.append(Table("projection_memory", ["peak RSS of one projection"] + pops, mrows))
    blocks.append(Table("calibration", ["calibration"] + pops,
                        [[label] + [f(s["calibration"][key]) for s in sizes] for key, label, f in CALIBRATION_ROWS]))
    return blocks


def report(res: dict[str, Any], markdown: bool) -> list[Block]:
    if not res["sizes"]:
        return []
    return _markdown_blocks(res) if markdown else _text_blocks(res)
