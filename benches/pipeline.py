"""A city's register end to end on one machine: read a Parquet file, build the register,
project it and compute the summary measures, timing each step and the process's peak memory.

    python benches/pipeline.py                         # 1,000,000 residents (about 10M rows)
    python benches/pipeline.py --residents 100000      # a smaller city
    python benches/pipeline.py --threads 1             # one thread (default: every core)
    python benches/pipeline.py --markdown              # the table as markdown

The register is the synthetic ``wn.datasets.badhuis(residents, seed=0)`` (one community centre
per ~2,000 residents, a year of dated sessions), written once as Parquet into ``.cache/pipeline``
and reused. The steps are what an evaluation of a whole city runs: ``wn.read_attendance`` of the
Parquet file, the newman projection by session, components, degrees, average clustering, core
numbers, betweenness from 64 sampled sources and Leiden communities (until stable). The whole
pipeline runs in this one process, so the peak memory column is the process's high-water mark
(resident memory) above what it held once wijknet was imported: what the machine must have.
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


def run(path: str, threads: int | None) -> list[tuple[str, float, float, str]]:
    """(step, seconds, peak GiB so far, what it gave) per step."""
    import wijknet as wn

    if threads is not None:
        wn.set_num_threads(threads)
    base = _kb("VmRSS")
    rows: list[tuple[str, float, float, str]] = []
    state: dict[str, Any] = {}

    def step(name: str, fn: Callable[[], Any], show: Callable[[Any], str]) -> None:
        t = time.perf_counter()
        out = fn()
        secs = time.perf_counter() - t
        rows.append((name, secs, (_kb("VmHWM") - base) / 2**20, show(out)))
        print(f"  {name:24} {secs:8.2f} s  {rows[-1][3]}", file=sys.stderr)
        state[name] = out

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
    return rows


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--residents", type=int, default=1_000_000)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--markdown", action="store_true")
    args = p.parse_args(argv)
    path = parquet_file(args.residents)
    rows = run(path, args.threads)
    total = sum(r[1] for r in rows)
    peak = max(r[2] for r in rows)
    print(header(machine(), args.markdown))
    print(f"\n{args.residents:,} residents, {os.path.getsize(path) / 2**20:.0f} MiB Parquet")
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
