"""The count projection's first call against scipy's ``B @ B.T``, each in a fresh process.

    python benches/projection_vs_scipy.py                     # L: 1,000,000 residents, 5 rounds
    python benches/projection_vs_scipy.py --residents 300000 --rounds 3
    python benches/projection_vs_scipy.py --units activity    # by activity only
    python benches/projection_vs_scipy.py --markdown          # the table as markdown

The register is the synthetic ``wn.datasets.badhuis(residents, seed=0)`` as Parquet (the file
``benches/pipeline.py`` writes into ``.cache/pipeline`` and reuses). Every measurement is the
first call in a fresh Python process, so it pays for what a first call pays: the incidence of
the unit, the output memory faulting in, and (for wijknet) wrapping the result as a
``wijknet.Graph``.

* wijknet: ``wn.read_attendance(path, date="date", role="role")`` (not timed), then
  ``net.project(weight="count", unit=UNIT)`` (timed; every core, no progress display);
* scipy: pandas reads the same file and builds the binary incidence matrix ``B`` (residents ×
  activities or sessions, one where a resident took part) as CSR (not timed), then ``B @ B.T``
  (timed; scipy runs it on one thread). Its off-diagonal entries are the count projection's
  ties, each stored twice, as wijknet stores them.

The rounds interleave the variants (wijknet by activity, scipy by activity, wijknet by session,
scipy by session, then again), so both see the same load on a shared machine. The table gives
each variant's median and every run, the ratio scipy / wijknet of the medians (above 1:
wijknet is faster), the CPU time of the timed call (user and system, all threads: what the
call costs whatever else the machine runs), its minor page faults and the load average
(1 minute) when each run started.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # the benchmark package (compare/) and pipeline.py beside this file
from compare.common import header, machine  # noqa: E402
from pipeline import SIZES, parquet_file  # noqa: E402

LIBRARIES = ("wijknet", "scipy")
UNITS = ("activity", "session")


def _usage() -> tuple[int, float]:
    """Minor page faults and CPU seconds (user + system, all threads) of this process so far."""
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_minflt, r.ru_utime + r.ru_stime


def _result(secs: float, before: tuple[int, float], ties: int) -> dict[str, Any]:
    faults, cpu = _usage()
    return {"seconds": secs, "cpu": cpu - before[1], "faults": faults - before[0], "ties": ties}


def child_wijknet(path: str, unit: str) -> dict[str, Any]:
    """Reads the register, then times the first count projection by ``unit``."""
    import wijknet as wn

    net = wn.read_attendance(path, date="date", role="role", progress=False)
    before, t = _usage(), time.perf_counter()
    g = net.project(weight="count", unit=unit, progress=False)
    secs = time.perf_counter() - t
    return _result(secs, before, g.number_of_edges())


def child_scipy(path: str, unit: str) -> dict[str, Any]:
    """Builds the binary incidence matrix, then times the first ``B @ B.T``."""
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

    df = pd.read_parquet(path, columns=["resident", "activity", "date"])
    r = pd.factorize(df["resident"])[0]
    if unit == "activity":
        k = pd.factorize(df["activity"])[0]
    else:
        k = df.groupby(["activity", "date"], sort=False, observed=True).ngroup().to_numpy()
    n, m = int(r.max()) + 1, int(k.max()) + 1
    B = sp.csr_matrix((np.ones(len(r), dtype=np.float64), (r, k)), shape=(n, m))
    B.sum_duplicates()
    B.data[:] = 1.0  # one per resident and unit, however often the resident came
    del df, r, k
    before, t = _usage(), time.perf_counter()
    P = B @ B.T
    secs = time.perf_counter() - t
    result = _result(secs, before, 0)
    result["ties"] = (P.nnz - int(np.count_nonzero(P.diagonal()))) // 2
    return result


def run_child(library: str, unit: str, path: str) -> dict[str, Any]:
    """One measurement in a fresh process."""
    load = os.getloadavg()[0]
    out = subprocess.run(
        [sys.executable, __file__, "--child", library, "--unit", unit, "--path", path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["load"] = load
    return result


def table(runs: dict[tuple[str, str], list[dict[str, Any]]], markdown: bool) -> str:
    head = [
        "projection",
        "first call, median",
        "runs",
        "scipy / wijknet",
        "CPU time, median",
        "minor faults",
        "ties",
        "load average",
    ]
    rows = []
    for unit in UNITS:
        if not runs.get(("wijknet", unit)):
            continue
        med = {lib: statistics.median(r["seconds"] for r in runs[(lib, unit)]) for lib in LIBRARIES}
        for lib in LIBRARIES:
            rs = runs[(lib, unit)]
            name = f"wijknet count by {unit}" if lib == "wijknet" else f"scipy B @ B.T by {unit}"
            ratio = f"{med['scipy'] / med['wijknet']:.2f}×" if lib == "wijknet" else ""
            rows.append(
                [
                    name,
                    f"{med[lib]:.2f} s",
                    ", ".join(f"{r['seconds']:.2f}" for r in rs),
                    ratio,
                    f"{statistics.median(r['cpu'] for r in rs):.2f} s",
                    f"{int(statistics.median(r['faults'] for r in rs)):,}",
                    f"{rs[0]['ties']:,}",
                    f"{min(r['load'] for r in rs):.1f}–{max(r['load'] for r in rs):.1f}",
                ]
            )
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])
    width = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    return "\n".join("  ".join(x.rjust(w) for x, w in zip(r, width, strict=True)) for r in [head, *rows])


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--residents", default="L", help="a number, or S, M, L (2,000 / 100,000 / 1,000,000)")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--units", default=",".join(UNITS), help="activity, session or both")
    p.add_argument("--markdown", action="store_true")
    p.add_argument("--child", choices=LIBRARIES, help=argparse.SUPPRESS)
    p.add_argument("--unit", choices=UNITS, help=argparse.SUPPRESS)
    p.add_argument("--path", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        fn = child_wijknet if args.child == "wijknet" else child_scipy
        print(json.dumps(fn(args.path, args.unit)))
        return 0
    residents = SIZES.get(args.residents.upper(), 0) or int(args.residents)
    path = parquet_file(residents)
    units = [u for u in args.units.split(",") if u]
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for i in range(args.rounds):
        for unit in units:
            for lib in LIBRARIES:
                r = run_child(lib, unit, path)
                runs.setdefault((lib, unit), []).append(r)
                print(
                    f"round {i + 1}: {lib:8} by {unit:8} {r['seconds']:6.2f} s  CPU {r['cpu']:6.2f} s  "
                    f"{r['faults']:>9,} faults  "
                    f"{r['ties']:,} ties  load {r['load']:.1f}",
                    file=sys.stderr,
                )
    for unit in units:
        a, b = runs[("wijknet", unit)][0]["ties"], runs[("scipy", unit)][0]["ties"]
        if a != b:
            print(f"by {unit}: wijknet has {a:,} ties, scipy {b:,}", file=sys.stderr)
            return 1
    print(header(machine(), args.markdown))
    print(f"\n{residents:,} residents; first calls in fresh processes, {args.rounds} rounds, interleaved\n")
    print(table(runs, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
