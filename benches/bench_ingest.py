"""Reading a large register file: ``wn.read_attendance`` of a Parquet file (row groups of 1,000,000
rows) and of a CSV file, each of N rows (resident, activity, date, role; N/10 residents, 600
activities, dates in 2024), with the register's own size (``Network.nbytes``) beside the peak
memory of the read.

Every case runs in a fresh process: the peak is the high-water mark of the process's resident
memory above what it held just before the call (libraries imported). Bar: the peak of the
10,000,000-row Parquet read within 1.5× the register's size (reported, not asserted). The files
are written once into a cache folder (default ``.cache/bench_ingest`` in the repository).

    python benches/bench_ingest.py                  # 1,000,000 and 10,000,000 rows
    python benches/bench_ingest.py --rows 1000000 --markdown
    python benches/bench_ingest.py --pythonpath /path/to/other/wijknet/python   # another version
    python benches/bench_ingest.py --before /path/to/other/wijknet/python        # both, one after the other

Each figure is the median of ``--repeat`` runs (3 by default), each in a fresh process; with
``--before`` the two versions take turns. The title gives the machine's load average (one
minute) over the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # the benchmark package (compare/) beside this file
from compare.common import Table, fmt_mb, fmt_s, header, machine, peak_memory, repo_root  # noqa: E402

KINDS = ("parquet", "csv")


def write(path: str, kind: str, n: int) -> None:
    """A seeded register of n rows."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    rng = np.random.default_rng(0)
    table = pa.table(
        {
            "resident": np.char.add("r", rng.integers(0, max(n // 10, 10), n).astype(str)),
            "activity": np.char.add("activiteit ", rng.integers(0, 600, n).astype(str)),
            "date": np.datetime64("2024-01-01") + rng.integers(0, 365, n).astype("m8[D]"),
            "role": np.array(["participant", "volunteer", "organiser"])[
                rng.choice(3, n, p=[0.85, 0.1, 0.05])
            ],
        }
    )
    tmp = path + ".part"
    if kind == "parquet":
        pq.write_table(table, tmp, row_group_size=1_000_000)
    else:
        pcsv.write_csv(table, tmp)
    os.replace(tmp, path)


def ensure(folder: str, kind: str, n: int, log) -> str:
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"register_{n}.{kind}")
    if not os.path.exists(path):
        t = time.perf_counter()
        write(path, kind, n)
        log(f"wrote {path} in {time.perf_counter() - t:.1f} s")
    return path


def child_main(path: str) -> None:
    warnings.simplefilter("ignore")
    import inspect

    import pyarrow.csv  # noqa: F401  (imported before the measure, as a user's session has them)
    import pyarrow.parquet  # noqa: F401

    import wijknet as wn

    quiet = {"progress": False} if "progress" in inspect.signature(wn.read_attendance).parameters else {}
    net, mem = peak_memory(lambda: wn.read_attendance(path, date="date", role="role", **quiet))
    nbytes = getattr(net, "nbytes", None)  # (a version without Network.nbytes: None)
    print(
        json.dumps(
            {
                "seconds": mem["seconds"],
                "peak_kb": mem["peak_kb"],
                "nbytes": nbytes,
                "rows": int(net.summary()["input_rows"]),
            }
        )
    )


def run_case(path: str, pythonpath: str | None) -> dict:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [pythonpath, env.get("PYTHONPATH")]))
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--case", path],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if out.returncode != 0:
        raise SystemExit(f"reading {path} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000], help="register sizes")
    p.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    p.add_argument("--cache", default=None, help="folder for the generated files")
    p.add_argument("--pythonpath", default=None, help="read with the wijknet package found here")
    p.add_argument(
        "--before", default=None, help="also read with the wijknet package found here, for a before/now table"
    )
    p.add_argument("--repeat", type=int, default=3, help="fresh-process runs per case (the median is shown)")
    p.add_argument("--markdown", action="store_true", help="a markdown table")
    p.add_argument("--case", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.case:
        child_main(args.case)
        return
    folder = args.cache or os.path.join(repo_root(), ".cache", "bench_ingest")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    def median(runs: list) -> dict:
        out = {k: statistics.median(r[k] for r in runs) for k in ("seconds", "peak_kb", "rows")}
        return {**out, "nbytes": runs[0]["nbytes"]}

    versions = [("before", args.before), ("now", args.pythonpath)] if args.before else [("", args.pythonpath)]
    rows = []
    loads = [os.getloadavg()[0]]
    for n in args.rows:
        for kind in args.kinds:
            path = ensure(folder, kind, n, log)
            # the versions take turns, so that a busy moment of the machine falls on both
            runs: dict = {label: [] for label, _ in versions}
            for k in range(args.repeat):
                for label, pythonpath in versions:
                    log(f"{kind} {n:,} rows {label} ({k + 1} of {args.repeat})...")
                    runs[label].append(run_case(path, pythonpath))
                    loads.append(os.getloadavg()[0])
            found = [(label, median(runs[label])) for label, _ in versions]
            # the same register whichever version read it: its size from the one that tells it
            nbytes = next(r["nbytes"] for _, r in found if r["nbytes"] is not None)
            for label, r in found:
                ratio = r["peak_kb"] * 1e3 / nbytes
                rows.append(
                    ([label] if label else [])
                    + [
                        kind,
                        f"{int(r['rows']):,}",
                        fmt_mb(os.path.getsize(path)),
                        fmt_mb(nbytes),
                        fmt_mb(r["peak_kb"] * 1e3),
                        f"{ratio:.2f}×",
                        fmt_s(r["seconds"]),
                    ]
                )
    columns = ["file", "rows", "file size", "register (nbytes)", "peak memory", "peak ÷ register", "time"]
    table = Table(
        "read_attendance",
        (["version"] if args.before else []) + columns,
        rows,
        title=f"wn.read_attendance of a register file: median of {args.repeat} runs, each in a fresh process "
        f"(load average {min(loads):.1f}-{max(loads):.1f}).",
    )
    print(header(machine(), args.markdown) + "\n\n" + (table.markdown() if args.markdown else table.text()))


if __name__ == "__main__":
    main()
