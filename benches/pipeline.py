"""A city's register end to end on one machine: read a Parquet file, build the register,
project it and compute the summary measures, timing each step and the process's peak memory.

    python benches/pipeline.py                         # 1,000,000 residents (about 10M rows)
    python benches/pipeline.py --residents 100000      # a smaller city
    python benches/pipeline.py --threads 1             # one thread (default: every core)
    python benches/pipeline.py --markdown              # the table as markdown
    python benches/pipeline.py --residents M --peers   # S/M/L = 2,000 / 100,000 / 1,000,000; the
                                                       # same pipeline in NetworKit and igraph too

The register is the synthetic ``wn.datasets.badhuis(residents, seed=0)`` (one community centre
per ~2,000 residents, a year of dated sessions), written once as Parquet into ``.cache/pipeline``
and reused. The steps are what an evaluation of a whole city runs: ``wn.read_attendance`` of the
Parquet file, the newman projection by session, components, degrees, average clustering, core
numbers, betweenness from 64 sampled sources and Leiden communities (until stable). The whole
pipeline runs in one process, so the peak memory column is the process's high-water mark
(resident memory) above what it held once the libraries were imported: what the machine must have.

With ``--peers`` the same steps also run, each library in a fresh process, as an analyst without
wijknet would write them: pandas reads the Parquet file, scipy projects (``B @ diag(1/(n-1)) @
B.T`` over sessions, the newman weights), and NetworKit (every core) or igraph computes the
measures on that graph (NetworKit: ``EstimateBetweenness`` from 64 sources, ``ParallelLeiden``;
igraph: betweenness from 64 sources to every node, ``community_leiden`` on modularity until
stable). A ratio is the peer's time divided by wijknet's (above 1: wijknet is faster).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # the benchmark package (compare/) beside this file
from compare.common import header, machine, repo_root  # noqa: E402


def _kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def parquet_file(residents: int) -> str:
    """The register of ``residents`` residents as Parquet (written once, then reused)."""
    import wijknet as wn

    folder = os.path.join(repo_root(), ".cache", "pipeline")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"badhuis_{residents}.parquet")
    if not os.path.exists(path):
        t = time.perf_counter()
        df = wn.datasets.badhuis(residents, seed=0).to_frame()
        df.to_parquet(path + ".part", row_group_size=1_000_000)
        os.replace(path + ".part", path)
        print(f"wrote {path} ({len(df):,} rows) in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return path


Row = tuple[str, float, float, str]  # step, seconds, peak GiB so far, what it gave
SIZES = {"S": 2_000, "M": 100_000, "L": 1_000_000}
LIBRARIES = ("wijknet", "networkit", "igraph")


class Steps:
    """Times each step and records the process's peak memory above the baseline."""

    def __init__(self) -> None:
        self.base = _kb("VmRSS")
        self.rows: list[Row] = []
        self.state: dict[str, Any] = {}

    def __call__(self, name: str, fn: Callable[[], Any], show: Callable[[Any], str]) -> Any:
        t = time.perf_counter()
        out = fn()
        secs = time.perf_counter() - t
        self.rows.append((name, secs, (_kb("VmHWM") - self.base) / 2**20, show(out)))
        print(f"  {name:24} {secs:8.2f} s  {self.rows[-1][3]}", file=sys.stderr)
        self.state[name] = out
        return out


def run(path: str, threads: int | None) -> list[Row]:
    """The pipeline in wijknet."""
    import wijknet as wn

    if threads is not None:
        wn.set_num_threads(threads)
    step = Steps()
    state = step.state

    step("read_attendance", lambda: wn.read_attendance(path, date="date", role="role"), lambda net: f"{net.summary()['attendances']:,} rows")
    net = state["read_attendance"]
    step(
        "projection",
        lambda: net.project(weight="newman", unit="session", progress=False),
        lambda g: f"{g.number_of_edges():,} ties",
    )
    g = state["projection"]
    step("components", lambda: wn.connected_components(g), lambda c: f"{c.nunique():,} components")
    step("degree", lambda: wn.degree(g), lambda d: f"max {int(d.max()):,}")
    step(
        "average clustering",
        lambda: wn.average_clustering(g, progress=False),
        lambda c: f"{c:.4f}",
    )
    step("core numbers", lambda: wn.core_number(g), lambda c: f"max {int(c.max()):,}")
    step(
        "betweenness (k=64)",
        lambda: wn.betweenness_centrality(g, k=64, seed=1, progress=False),
        lambda b: f"max {b.max():.3g}",
    )
    step(
        "Leiden (until stable)",
        lambda: wn.leiden_communities(g, seed=1, progress=False),
        lambda c: f"{c.nunique():,} communities",
    )
    return step.rows


def scipy_projection(path: str, step: Steps) -> tuple[int, Any, Any, Any]:
    """pandas reads the file and scipy projects it by session with newman weights: the
    upper-triangle ties as (n, rows, cols, weights)."""
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

    df = step("read (pandas)", lambda: pd.read_parquet(path, columns=["resident", "activity", "date"]), lambda d: f"{len(d):,} rows")

    def project() -> tuple[int, Any, Any, Any]:
        r, _ = pd.factorize(df["resident"])
        s = df.groupby(["activity", "date"], sort=False, observed=True).ngroup().to_numpy()
        n, m = int(r.max()) + 1, int(s.max()) + 1
        B = sp.csr_matrix((np.ones(len(r), dtype=np.float64), (r, s)), shape=(n, m))
        B.data[:] = 1.0  # a resident counted once per session
        size = np.asarray(B.sum(axis=0)).ravel()
        w = np.where(size > 1, 1.0 / np.maximum(size - 1, 1), 0.0)
        W = sp.triu(B @ sp.diags(w) @ B.T, k=1).tocoo()
        return n, W.row.astype(np.uint64), W.col.astype(np.uint64), W.data

    return step("projection (scipy)", project, lambda t: f"{len(t[1]):,} ties")


def run_networkit(path: str, threads: int | None) -> list[Row]:
    """The pipeline in pandas + scipy + NetworKit."""
    import networkit as nk
    import numpy as np

    if threads is not None:
        nk.setNumberOfThreads(threads)
    nk.setSeed(1, False)
    step = Steps()
    n, r, c, w = scipy_projection(path, step)
    G = step("graph (NetworKit)", lambda: nk.GraphFromCoo((w, (r, c)), n=n, weighted=True, directed=False), lambda g: f"{g.numberOfEdges():,} ties")
    step.state.clear()  # the ties now live in the graph only
    r = c = w = None
    step("components", lambda: nk.components.ConnectedComponents(G).run().numberOfComponents(), lambda k: f"{k:,} components")
    step("degree", lambda: np.array([G.degree(u) for u in range(G.numberOfNodes())]) if n <= 10**5 else nk.centrality.DegreeCentrality(G).run().scores(), lambda d: f"max {int(max(d)):,}")
    step("average clustering", lambda: float(np.mean(nk.centrality.LocalClusteringCoefficient(G, turbo=True).run().scores())), lambda x: f"{x:.4f}")
    step("core numbers", lambda: nk.centrality.CoreDecomposition(G).run().scores(), lambda x: f"max {int(max(x)):,}")
    Gu = nk.graphtools.toUnweighted(G)
    step("betweenness (k=64)", lambda: nk.centrality.EstimateBetweenness(Gu, 64, True, True).run().scores(), lambda b: f"max {max(b):.3g}")
    step("Leiden (ParallelLeiden)", lambda: nk.community.ParallelLeiden(G).run().getPartition(), lambda p: f"{p.numberOfSubsets():,} communities")
    return step.rows


def run_igraph(path: str, threads: int | None) -> list[Row]:
    """The pipeline in pandas + scipy + igraph (igraph uses one thread)."""
    import random

    import igraph as ig
    import numpy as np

    step = Steps()
    n, r, c, w = scipy_projection(path, step)

    def graph() -> Any:
        # The ties go in in blocks: built from all 140 million ties at once, the graph took
        # more than 21 GiB while python-igraph converted the edge array.
        G = ig.Graph(n=n, directed=False)
        block = 5_000_000
        for a in range(0, len(r), block):
            G.add_edges(np.column_stack([r[a : a + block], c[a : a + block]]).astype(np.int64))
        G.es["weight"] = w
        return G

    G = step("graph (igraph)", graph, lambda g: f"{g.ecount():,} ties")
    step.state.clear()  # the ties now live in the graph only
    r = c = w = None
    step("components", lambda: len(G.connected_components()), lambda k: f"{k:,} components")
    step("degree", lambda: G.degree(), lambda d: f"max {max(d):,}")
    step("average clustering", lambda: G.transitivity_avglocal_undirected(mode="zero"), lambda x: f"{x:.4f}")
    step("core numbers", lambda: G.coreness(), lambda x: f"max {max(x):,}")
    sources = random.Random(1).sample(range(n), min(64, n))
    step("betweenness (k=64)", lambda: G.betweenness(sources=sources), lambda b: f"max {max(b):.3g}")
    random.seed(1)
    step("Leiden (until stable)", lambda: G.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1), lambda p: f"{len(p):,} communities")
    return step.rows


def _child(library: str, path: str, threads: int | None, out: str) -> int:
    import json

    rows = {"wijknet": run, "networkit": run_networkit, "igraph": run_igraph}[library](path, threads)
    with open(out, "w") as f:
        json.dump(rows, f)
    return 0


def run_fresh(library: str, path: str, threads: int | None) -> list[Row] | None:
    """One library's pipeline in a fresh process (its own peak memory); None if it failed."""
    import json
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    cmd = [sys.executable, __file__, "--child", library, "--path", path, "--out", out]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    print(f"{library}:", file=sys.stderr)
    try:
        if subprocess.run(cmd).returncode != 0:
            return None
        with open(out) as f:
            return [tuple(r) for r in json.load(f)]  # type: ignore[misc]
    finally:
        os.unlink(out)


STEP_OF = {  # a peer's step -> the wijknet step it stands beside
    "read (pandas)": "read_attendance",
    "projection (scipy)": "projection",
    "Leiden (ParallelLeiden)": "Leiden (until stable)",
}


def peers_table(residents: int, results: dict[str, list[Row] | None], markdown: bool) -> str:
    """One row per step, a column pair (time, ratio) per library, totals and peaks."""
    libs = [lib for lib in results if results[lib] is not None]
    steps: list[str] = []
    times: dict[str, dict[str, float]] = {}
    for lib in libs:
        times[lib] = {}
        for name, secs, _, _ in results[lib] or []:
            key = STEP_OF.get(name, name)
            if name.startswith("graph ("):
                key = "projection"  # building the peer's graph is part of its projection step
            times[lib][key] = times[lib].get(key, 0.0) + secs
            if key not in steps:
                steps.append(key)
    head = ["step"] + [h for lib in libs for h in ((lib, "ratio") if lib != "wijknet" else (lib,))]
    lines = []

    def cells(key: str, get: Callable[[str], float | None], unit: str) -> list[str]:
        out = [key]
        base = get("wijknet")
        for lib in libs:
            v = get(lib)
            out.append("—" if v is None else f"{v:.2f} {unit}")
            if lib != "wijknet":
                out.append("—" if v is None or not base else f"{v / base:.1f}×")
        return out

    for key in steps:
        lines.append(cells(key, lambda lib, key=key: times[lib].get(key), "s"))
    lines.append(cells("**total**" if markdown else "total", lambda lib: sum(times[lib].values()), "s"))
    lines.append(cells("peak memory", lambda lib: max(r[2] for r in results[lib] or []), "GiB"))
    title = f"{residents:,} residents"
    if markdown:
        md = [f"\n{title}\n", "| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
        md += ["| " + " | ".join(row) + " |" for row in lines]
        return "\n".join(md)
    width = [max(len(str(x)) for x in col) for col in zip(head, *lines, strict=True)]
    return "\n".join([f"\n{title}"] + ["  ".join(str(x).rjust(wd) for x, wd in zip(row, width, strict=True)) for row in [head, *lines]])


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--residents", default="1000000", help="a number, or S, M, L (2,000 / 100,000 / 1,000,000)")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--markdown", action="store_true")
    p.add_argument("--peers", action="store_true", help="run the pipeline in NetworKit and igraph too, each in a fresh process")
    p.add_argument("--libraries", default=",".join(LIBRARIES), help="with --peers: which libraries (wijknet always runs: the ratios are to it)")
    p.add_argument("--child", choices=LIBRARIES, help=argparse.SUPPRESS)
    p.add_argument("--path", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        return _child(args.child, args.path, args.threads, args.out)
    residents = SIZES.get(args.residents.upper(), 0) or int(args.residents)
    path = parquet_file(residents)
    if args.peers:
        # wijknet always runs: the ratios are to it
        libs = ["wijknet", *(lib for lib in args.libraries.split(",") if lib and lib != "wijknet")]
        results = {lib: run_fresh(lib, path, args.threads) for lib in libs}
        print(header(machine(), args.markdown))
        print(f"\n{os.path.getsize(path) / 2**20:.0f} MiB Parquet")
        print(peers_table(residents, results, args.markdown))
        return 0
    rows = run(path, args.threads)
    total = sum(r[1] for r in rows)
    peak = max(r[2] for r in rows)
    print(header(machine(), args.markdown))
    print(f"\n{residents:,} residents, {os.path.getsize(path) / 2**20:.0f} MiB Parquet")
    if args.markdown:
        print("\n| step | time | peak memory so far | result |\n|---|---:|---:|---|")
        for name, secs, gib, what in rows:
            print(f"| {name} | {secs:.1f} s | {gib:.2f} GiB | {what} |")
        print(f"| **total** | **{total:.1f} s** | **{peak:.2f} GiB** | |")
    else:
        for name, secs, gib, what in rows:
            print(f"{name:24} {secs:8.2f} s {gib:8.2f} GiB  {what}")
        print(f"{'total':24} {total:8.2f} s {peak:8.2f} GiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
