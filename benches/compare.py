#!/usr/bin/env python
"""wijknet against its peers, in one run, on the same data.

Usage (from the repository root, with wijknet installed in release mode)::

    python benches/compare.py                      # sizes 2,000 and 100,000 residents
    python benches/compare.py --quick              # fewer repetitions
    python benches/compare.py --sizes 2000         # one size
    python benches/compare.py --markdown           # also print GitHub markdown tables
    python benches/compare.py --json results.json  # every figure, machine-readable

What is timed (medians of several runs; the data is prepared before the clock starts):

* build:       ``wn.Network.from_attendance(df, date="date")`` from an in-memory pandas table
               versus ``pd.factorize`` of its two id columns (bar: within 1.5×);
* projection:  ``net.project(weight="count"|"newman")`` (incidence cached by a first call)
               versus igraph ``bipartite_projection(which=0, multiplicity=True)`` (count),
               scipy ``B @ B.T`` (count) and ``B @ diag(1/(n_k-1)) @ B.T`` (newman), and
               networkx ``weighted_projected_graph`` / ``collaboration_weighted_projected_graph``
               (at 2,000 residents only);
* metrics:     ``wn.connected_components`` and ``wn.degree`` on the count projection versus
               igraph ``connected_components``/``degree`` (and networkx at 2,000);
* memory:      peak RSS added by one projection, measured in a fresh spawned process (VmHWM
               after the call minus VmRSS just before it, with the high-water mark reset via
               /proc/self/clear_refs), compared with the size of the CSR output
               (8 B per row + 12 B per stored entry, both directions stored);
* bandwidth:   a numpy copy of ~400 MB, giving a memory-bandwidth floor for writing the output.

Ratios are "peer / wijknet": above 1 means wijknet is faster (or smaller).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import time
from typing import Any, Callable, Dict, List, Optional

import numpy as np
import pandas as pd

LARGE = 100_000  # the size the projection bars are stated at
NX_MAX = 2_000  # networkx runs only up to this size


# ------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------
def _status_kb(key: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise KeyError(key)


def _reset_peak() -> bool:
    """Resets VmHWM to the current RSS (Linux ≥ 4.0); False if not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def timed(fn: Callable[[], Any], runs: int, warmup: int = 1) -> Dict[str, List[float]]:
    """Wall and CPU times (this process, all threads) of ``runs`` calls of ``fn`` after
    ``warmup`` untimed calls. Results are dropped outside the clock."""
    for _ in range(warmup):
        r = fn()
        del r
    wall, cpu = [], []
    for _ in range(runs):
        gc.collect()
        c = time.process_time()
        t = time.perf_counter()
        r = fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        del r
    return {"wall": wall, "cpu": cpu}


def csr_bytes(n_nodes: int, n_edges: int) -> int:
    """Bytes of an undirected weighted CSR: 8 B indptr per row, 4 B index + 8 B weight per
    stored entry, every edge stored in both directions."""
    return 8 * (n_nodes + 1) + 12 * 2 * n_edges


def _fmt_s(x: Optional[float]) -> str:
    if x is None:
        return "—"
    if x >= 10:
        return f"{x:.1f} s"
    if x >= 0.1:
        return f"{x:.3f} s"
    if x >= 0.001:
        return f"{x * 1e3:.2f} ms"
    return f"{x * 1e6:.0f} µs"


def _fmt_ratio(x: Optional[float]) -> str:
    if x is None:
        return "—"
    return f"{x:.1f}×" if x >= 1.95 else f"{x:.2f}×"


def _mb(b: float) -> str:
    return f"{b / 1e6:,.0f} MB" if b >= 1e7 else f"{b / 1e6:,.1f} MB"


# ------------------------------------------------------------------------------------------
# data
# ------------------------------------------------------------------------------------------
class Data:
    """One badhuis register and everything the peers need, prepared before timing."""

    def __init__(self, n: int, *, igraph: bool = True, scipy: bool = True, networkx: bool = False, frame: bool = True):
        import wijknet as wn

        self.n = n
        self.net = wn.datasets.badhuis(residents=n, seed=0)
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
            G.add_edges_from(zip([top[i] for i in self.r], [("a", str(act_ids[j])) for j in self.a]))
            self.nxg, self.nx_top = G, top


def calibration(d: Data) -> Dict[str, Any]:
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


def _mem_child(lib: str, weight: str, n: int, q: "mp.Queue") -> None:
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
        gc.collect()
        ok = _reset_peak()
        rss0 = _status_kb("VmRSS")
        hwm0 = _status_kb("VmHWM")
        t = time.perf_counter()
        res = fn()
        secs = time.perf_counter() - t
        hwm1 = _status_kb("VmHWM")
        rss1 = _status_kb("VmRSS")
        out_bytes = None
        if lib == "scipy":
            out_bytes = int(res.data.nbytes + res.indices.nbytes + res.indptr.nbytes)
        q.put(
            {
                "peak_kb": (hwm1 - rss0) if ok else (hwm1 - hwm0),
                "retained_kb": rss1 - rss0,
                "reset_ok": ok,
                "seconds": secs,
                "output_array_bytes": out_bytes,
            }
        )
    except BaseException as e:  # pragma: no cover - reported to the parent
        q.put({"error": f"{type(e).__name__}: {e}"})


def peak_memory(lib: str, weight: str, n: int) -> Dict[str, Any]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_mem_child, args=(lib, weight, n, q))
    p.start()
    try:
        res = q.get(timeout=1800)
    finally:
        p.join()
    return res


# ------------------------------------------------------------------------------------------
# bandwidth floor
# ------------------------------------------------------------------------------------------
def bandwidth(runs: int) -> Dict[str, float]:
    n = 50_000_000  # 400 MB of float64
    src = np.ones(n)
    dst = np.zeros(n)
    copy = timed(lambda: np.copyto(dst, src), runs)["wall"]
    fresh = timed(lambda: np.ones(n), runs)["wall"]  # allocate + first-touch + write
    del src, dst
    return {
        "array_bytes": 8 * n,
        "copy_s": statistics.median(copy),
        "copy_GBps": 8 * n / statistics.median(copy) / 1e9,
        "fresh_write_s": statistics.median(fresh),
        "fresh_write_GBps": 8 * n / statistics.median(fresh) / 1e9,
    }


# ------------------------------------------------------------------------------------------
# one size
# ------------------------------------------------------------------------------------------
def run_size(n: int, runs: int, args: argparse.Namespace, log: Callable[[str], None]) -> Dict[str, Any]:
    import wijknet as wn

    with_nx = n <= NX_MAX and not args.no_networkx
    if with_nx:
        import networkx as nx
    t0 = time.perf_counter()
    d = Data(n, networkx=with_nx)
    log(f"[{n:,}] data prepared in {time.perf_counter() - t0:.1f} s")
    out: Dict[str, Any] = {"residents_population": n, "runs": runs, "rows": [], "checks": {}}
    rows = out["rows"]

    def task(name: str, cases: List[tuple]) -> None:
        """Times the cases of one task, each in a block: one untimed warm-up call, then ``runs``
        timed calls. (Not interleaved: on this kind of machine the first large allocation after
        another library freed a big result pays the kernel's huge-page compaction, which would
        be charged to whichever library runs next; the warm-up absorbs it.)
        cases: (library, fn, ref, bar)."""
        got: Dict[str, Dict[str, List[float]]] = {}
        for lib, fn, _ref, _bar in cases:
            got[lib] = timed(fn, runs, warmup=1)
        for lib, _fn, ref, bar in cases:
            times = got[lib]
            med, cpu = statistics.median(times["wall"]), statistics.median(times["cpu"])
            rows.append({"size": n, "task": name, "library": lib, "times": times["wall"], "cpu_times": times["cpu"],
                         "median": med, "cpu_median": cpu, "runs": len(times["wall"]), "ref": ref, "bar": bar})
            log(f"[{n:,}] {name:<22} {lib:<48} median {_fmt_s(med)} (cpu {_fmt_s(cpu)})")

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
    if with_nx:
        from networkx.algorithms import bipartite
    task("project count", [
        ("wijknet", lambda: net.project(weight="count", progress=False), None, None),
        ("wijknet, 1 thread", lambda: net.project(weight="count", threads=1, progress=False), "wijknet", None),
        ("igraph bipartite_projection", lambda: d.bip.bipartite_projection(which=0, multiplicity=True), "wijknet",
         (">=", 10.0, "≥10× faster than igraph at 100k") if big else None),
        ("scipy B @ B.T", lambda: d.B @ d.B.T, "wijknet", (">=", 2.0, "≥2× faster than scipy at 100k") if big else None),
    ] + ([
        ("networkx weighted_projected_graph", lambda: bipartite.weighted_projected_graph(d.nxg, d.nx_top), "wijknet",
         (">=", 100.0, "≥100× faster than networkx at 2k")),
    ] if with_nx else []))
    task("project newman", [
        ("wijknet", lambda: net.project(weight="newman", progress=False), None, None),
        ("wijknet, 1 thread", lambda: net.project(weight="newman", threads=1, progress=False), "wijknet", None),
        ("scipy B @ diag(1/(n_k-1)) @ B.T", lambda: d.B @ d.D @ d.B.T, "wijknet",
         (">=", 2.0, "≥2× faster than scipy at 100k") if big else None),
    ] + ([
        ("networkx collaboration_weighted_projected_graph",
         lambda: bipartite.collaboration_weighted_projected_graph(d.nxg, d.nx_top), "wijknet",
         (">=", 100.0, "≥100× faster than networkx at 2k")),
    ] if with_nx else []))

    # --- same answers? ---------------------------------------------------------------------------
    g = net.project(weight="count", progress=False)
    gn = net.project(weight="newman", progress=False)
    E, N = g.number_of_edges(), g.number_of_nodes()
    ig_proj = d.bip.bipartite_projection(which=0, multiplicity=True)
    A = d.B @ d.B.T
    diag_nnz = int(np.count_nonzero(A.diagonal()))
    W = d.B @ d.D @ d.B.T
    checks = out["checks"]
    checks["nodes"] = N
    checks["edges"] = E
    checks["igraph_same_edges"] = ig_proj.vcount() == N and ig_proj.ecount() == E
    checks["igraph_same_total_weight"] = int(sum(ig_proj.es["weight"])) == int(round(g.to_scipy().sum() / 2))
    checks["scipy_same_edges"] = (A.nnz - diag_nnz) // 2 == E
    wsum = gn.to_scipy().sum()
    checks["scipy_newman_same_total"] = bool(np.isclose(W.sum() - W.diagonal().sum(), wsum, rtol=1e-9))
    if with_nx:
        P = bipartite.weighted_projected_graph(d.nxg, d.nx_top)
        checks["networkx_same_edges"] = P.number_of_edges() == E
    del A, W

    # --- metrics on the projection ----------------------------------------------------------------
    G = g.to_networkx() if with_nx else None
    task("connected_components", [
        ("wijknet", lambda: wn.connected_components(g), None, None),
        ("igraph", lambda: ig_proj.connected_components(), "wijknet", None),
    ] + ([("networkx", lambda: list(nx.connected_components(G)), "wijknet", None)] if with_nx else []))
    task("degree", [
        ("wijknet", lambda: wn.degree(g), None, None),
        ("igraph", lambda: ig_proj.degree(), "wijknet", None),
    ] + ([("networkx", lambda: dict(G.degree()), "wijknet", None)] if with_nx else []))
    del G
    checks["igraph_same_components"] = len(ig_proj.connected_components()) == int(wn.connected_components(g).max()) + 1
    checks["igraph_same_degree"] = bool(np.array_equal(np.asarray(ig_proj.degree()), wn.degree(g).to_numpy()))
    del ig_proj

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
    del d, g, gn
    gc.collect()

    # --- memory ------------------------------------------------------------------------------------
    out["memory"] = []
    if not args.no_memory:
        for lib, weight in MEM_CASES:
            m = peak_memory(lib, weight, n)
            m.update({"library": lib, "weight": weight})
            if "peak_kb" in m:
                m["peak_bytes"] = 1024 * m["peak_kb"]
                m["peak_over_csr"] = m["peak_bytes"] / out["csr_output_bytes"]
                if lib.startswith("wijknet"):
                    m["bar"] = "≤1.5× the CSR output"
                    m["bar_met"] = m["peak_over_csr"] <= 1.5
            out["memory"].append(m)
            log(f"[{n:,}] memory {lib:<18} {weight:<7} " + (
                f"peak {_mb(m['peak_bytes'])} = {m['peak_over_csr']:.2f}× CSR" if "peak_kb" in m else m.get("error", "?")))
    return out


# ------------------------------------------------------------------------------------------
# reports
# ------------------------------------------------------------------------------------------
def machine() -> Dict[str, Any]:
    import igraph
    import networkx
    import scipy

    import wijknet as wn

    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) / 2**20:.0f} GiB"
    except OSError:
        pass
    return {
        "date": _dt.date.today().isoformat(),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": {
            "wijknet": wn.__version__,
            "python-igraph": igraph.__version__,
            "scipy": scipy.__version__,
            "networkx": networkx.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
        },
        "wijknet_threads": wn.get_num_threads(),
        "wijknet_build": _build_info(wn),
    }


def _build_info(wn: Any) -> str:
    """Git commit of the source tree (if any) and the time the extension was built."""
    import subprocess

    so = wn._wijknet.__file__
    built = _dt.datetime.fromtimestamp(os.path.getmtime(so)).strftime("%Y-%m-%d %H:%M")
    try:
        here = os.path.dirname(os.path.abspath(__file__))
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=here, capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"commit {commit or '?'}, extension built {built}"


def _bar_cell(r: Dict[str, Any]) -> str:
    if not r.get("bar"):
        return ""
    return ("✓ " if r.get("bar_met") else "✗ ") + r["bar"][2]


def print_text(res: Dict[str, Any]) -> None:
    m = res["machine"]
    print()
    print(f"wijknet {m['versions']['wijknet']} ({m['wijknet_build']}) — {m['date']} — {m['nproc']} × {m['cpu']}, {m['memory']} — "
          + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if k != "wijknet"))
    print("median: wall-clock; cpu: CPU time of the process (all threads). ratio: peer / wijknet wall time "
          "(above 1: wijknet faster; wijknet uses all cores unless '1 thread'); vs 1 thr: peer / wijknet-1-thread "
          "wall time; cpu/1thr: the same with CPU times (robust to a busy machine).")
    for s in res["sizes"]:
        n = s["residents_population"]
        print(f"\n== badhuis(residents={n:,}, seed=0): {s['checks']['nodes']:,} residents, "
              f"{s['checks']['edges']:,} ties; medians of {s['runs']} runs ==")
        print(f"{'task':<22} {'library':<48} {'median':>10} {'cpu':>10} {'ratio':>8} {'vs 1 thr':>8} {'cpu/1thr':>8}  bar")
        last = None
        for r in s["rows"]:
            task = r["task"] if r["task"] != last else ""
            last = r["task"]
            r1, c1 = r.get("ratio_1t"), r.get("cpu_ratio_1t")
            print(f"{task:<22} {r['library']:<48} {_fmt_s(r['median']):>10} {_fmt_s(r['cpu_median']):>10} "
                  f"{_fmt_ratio(r['ratio']):>8} {_fmt_ratio(r1) if r1 else '':>8} {_fmt_ratio(c1) if c1 else '':>8}  {_bar_cell(r)}")
        csr = s["csr_output_bytes"]
        print(f"\nCSR output of the projection: {_mb(csr)} (8 B/row + 12 B/entry, both directions)")
        bw = res.get("bandwidth")
        if bw:
            print(f"bandwidth floor: {_fmt_s(csr / 1e9 / bw['copy_GBps'])} at numpy copy bandwidth "
                  f"({bw['copy_GBps']:.1f} GB/s), {_fmt_s(csr / 1e9 / bw['fresh_write_GBps'])} at fresh-allocation "
                  f"write bandwidth ({bw['fresh_write_GBps']:.1f} GB/s)")
        if s["memory"]:
            print(f"{'peak memory of one projection':<36} {'peak RSS':>10} {'/ CSR':>7} {'retained':>10}  bar")
            for mm in s["memory"]:
                label = f"{mm['library']} {mm['weight']}"
                if "peak_kb" not in mm:
                    print(f"{label:<36} {mm.get('error')}")
                    continue
                bar = ("✓ " if mm["bar_met"] else "✗ ") + mm["bar"] if "bar" in mm else ""
                print(f"{label:<36} {_mb(mm['peak_bytes']):>10} {mm['peak_over_csr']:>6.2f}× "
                      f"{_mb(1024 * mm['retained_kb']):>10}  {bar}")
        c = s["calibration"]
        print(f"calibration: rows {c['rows']:,}; resident–activity pairs {c['pairs']:,}; "
              f"in exactly one activity {100 * c['share_one_activity']:.1f}%; activity sizes median/p90/max "
              f"{c['size_median']:g}/{c['size_p90']:g}/{c['size_max']}; ≥200: {c['activities_200_plus']}; "
              f"Σ n(n−1)/2 {c['sum_pairs']:,} (cross-check with the Rust core: {c['rust_crosscheck']})")
        bad = [k for k, v in s["checks"].items() if v is False]
        print("same answers as the peers: " + ("yes" if not bad else "NO: " + ", ".join(bad)))


def print_markdown(res: Dict[str, Any]) -> None:
    m = res["machine"]
    v = m["versions"]
    print()
    print(f"Measured {m['date']} on {m['nproc']} × {m['cpu']} ({m['memory']}), {m['platform']}; "
          f"wijknet {v['wijknet']} ({m['wijknet_build']}), python-igraph {v['python-igraph']}, scipy {v['scipy']}, "
          f"networkx {v['networkx']}, numpy {v['numpy']}, pandas {v['pandas']}. "
          "Wall-clock medians; ratio = peer time / wijknet time (above 1: wijknet is faster); "
          "vs 1 thread = peer time / time of wijknet on one thread (the peers are single-threaded).")
    print()
    sizes = res["sizes"]
    print("| task | library | " + " | ".join(f"{s['residents_population']:,}: median | ratio | vs 1 thread" for s in sizes)
          + " | bar |")
    print("|---|---|" + "---:|---:|---:|" * len(sizes) + "---|")
    keys = []
    for s in sizes:
        for r in s["rows"]:
            if (r["task"], r["library"]) not in keys:
                keys.append((r["task"], r["library"]))
    for task, lib in keys:
        cells, bars = [], []
        for s in sizes:
            r = next((x for x in s["rows"] if x["task"] == task and x["library"] == lib), None)
            if r is None:
                cells += ["—", "—", "—"]
                continue
            mark = "" if not r.get("bar") else (" ✓" if r.get("bar_met") else " ✗")
            cells += [_fmt_s(r["median"]), _fmt_ratio(r["ratio"]) + mark,
                      _fmt_ratio(r.get("ratio_1t")) if r.get("ratio_1t") else ""]
            if r.get("bar") and r["bar"][2] not in bars:
                bars.append(r["bar"][2])
        print(f"| {task} | {lib} | " + " | ".join(cells) + f" | {'; '.join(bars)} |")
    print()
    print("| peak RSS of one projection | " + " | ".join(f"{s['residents_population']:,}" for s in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    print("| CSR output (8 B/row + 12 B/entry ×2) | " + " | ".join(_mb(s["csr_output_bytes"]) for s in sizes) + " |")
    labels = []
    for s in sizes:
        for mm in s["memory"]:
            if (mm["library"], mm["weight"]) not in labels:
                labels.append((mm["library"], mm["weight"]))
    for lib, weight in labels:
        cells = []
        for s in sizes:
            mm = next((x for x in s["memory"] if x["library"] == lib and x["weight"] == weight), None)
            cells.append("—" if mm is None or "peak_kb" not in mm else f"{_mb(mm['peak_bytes'])} ({mm['peak_over_csr']:.2f}×)")
        print(f"| {lib} {weight} | " + " | ".join(cells) + " |")
    bw = res.get("bandwidth")
    if bw:
        print(f"| bandwidth floor (output / copy {bw['copy_GBps']:.1f} GB/s) | "
              + " | ".join(_fmt_s(s["csr_output_bytes"] / 1e9 / bw["copy_GBps"]) for s in sizes) + " |")
        print(f"| bandwidth floor (output / fresh write {bw['fresh_write_GBps']:.1f} GB/s) | "
              + " | ".join(_fmt_s(s["csr_output_bytes"] / 1e9 / bw["fresh_write_GBps"]) for s in sizes) + " |")
    print()
    print("| calibration | " + " | ".join(f"{s['residents_population']:,}" for s in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for key, label, f in [
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
    ]:
        print(f"| {label} | " + " | ".join(f(s["calibration"][key]) for s in sizes) + " |")


def criterion_summary(root: str, markdown: bool) -> None:
    """Prints the medians criterion stored under ``root`` (target/criterion)."""
    found = []
    for dirpath, _dirs, files in os.walk(root):
        if os.path.basename(dirpath) == "new" and "benchmark.json" in files and "estimates.json" in files:
            with open(os.path.join(dirpath, "benchmark.json")) as f:
                b = json.load(f)
            with open(os.path.join(dirpath, "estimates.json")) as f:
                e = json.load(f)
            med = e["median"]["point_estimate"] / 1e9
            lo = e["median"]["confidence_interval"]["lower_bound"] / 1e9
            hi = e["median"]["confidence_interval"]["upper_bound"] / 1e9
            elems = (b.get("throughput") or {}).get("Elements")
            found.append((b["full_id"], med, lo, hi, elems))
    found.sort(key=lambda x: [int(p) if p.isdigit() else p for p in x[0].replace("/", " / ").split()])
    if markdown:
        print("| benchmark | median | 95% CI of the median | throughput |")
        print("|---|---:|---:|---:|")
    for fid, med, lo, hi, elems in found:
        thr = f"{elems / med / 1e6:,.1f} M/s" if elems else ""
        if markdown:
            print(f"| `{fid}` | {_fmt_s(med)} | {_fmt_s(lo)} – {_fmt_s(hi)} | {thr} |")
        else:
            print(f"{fid:<44} {_fmt_s(med):>10}  [{_fmt_s(lo)} – {_fmt_s(hi)}]  {thr}")


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="2000,100000", help="comma-separated populations (default 2000,100000)")
    p.add_argument("--quick", action="store_true", help="fewer repetitions (3 small, 1 large; default 7 and 5)")
    p.add_argument("--runs", type=int, default=None, help="repetitions at every size (overrides the defaults)")
    p.add_argument("--markdown", action="store_true", help="also print GitHub markdown tables")
    p.add_argument("--json", metavar="PATH", help="write every figure to PATH")
    p.add_argument("--no-memory", action="store_true", help="skip the peak-memory subprocesses")
    p.add_argument("--no-networkx", action="store_true", help="skip networkx")
    p.add_argument("--criterion", metavar="DIR", help="only print the medians of criterion results in DIR "
                   "(e.g. target/criterion) and exit")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
    args = p.parse_args(argv)
    sizes = [int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()]
    if args.criterion:
        criterion_summary(args.criterion, args.markdown)
        return 0

    def log(msg: str) -> None:
        if not args.quiet:
            print(msg, file=sys.stderr, flush=True)

    res: Dict[str, Any] = {"machine": machine(), "sizes": []}
    log("bandwidth: timing a 400 MB numpy copy")
    res["bandwidth"] = bandwidth(3 if args.quick else 5)
    for n in sizes:
        if args.runs:
            runs = args.runs
        elif args.quick:
            runs = 3 if n < LARGE else 1
        else:
            runs = 7 if n < LARGE else 5
        res["sizes"].append(run_size(n, runs, args, log))
    print_text(res)
    if args.markdown:
        print_markdown(res)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1, default=str)
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
