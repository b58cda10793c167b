"""Reading registers from files: wijknet against pandas' own readers, on the same files.

(a) an .xlsx register of N rows (resident, activity, date cells): ``wn.read_attendance`` and the
    bare read (``read_table``) against ``pd.read_excel(engine="calamine")``, alone and followed by
    ``Network.from_attendance``. Bar: ``read_attendance`` within 2× of pandas' read.
(b) a CSV register of M rows: the same against ``pd.read_csv(engine="pyarrow")``. Bar:
    ``read_attendance`` within 1.5× of pandas' read.

Every case runs in a fresh process: one untimed call (its peak memory is measured: the high-water
mark of the process's resident memory above what it held before the call), then ``--runs`` timed
calls; the table gives the median. The files are written once into a cache folder (default
``.cache/bench_read`` in the repository) and reused; the .xlsx is written with xlsxwriter when it
is installed, else openpyxl's write-only mode (about a minute per million rows).

    python benches/bench_read.py                 # 1,000,000-row .xlsx, 10,000,000-row CSV
    python benches/bench_read.py --quick         # 100,000 and 1,000,000 rows
    python benches/bench_read.py --xlsx-rows 200000 --csv-rows 0 --runs 5 --markdown
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
from compare.common import Table, fmt_mb, fmt_ratio, fmt_s, header, machine, peak_memory, repo_root  # noqa: E402

COLUMNS = {"resident": "bewoner", "activity": "activiteit", "date": "datum"}


# ------------------------------------------------------------------------------------------
# the files
# ------------------------------------------------------------------------------------------
def register_columns(n: int):
    """A seeded register of n rows: about n/20 residents, 40 activities, dates in 2025."""
    import numpy as np

    rng = np.random.default_rng(0)
    residents = np.char.add("bewoner ", rng.integers(0, max(n // 20, 10), n).astype(str))
    activities = np.char.add("activiteit ", rng.integers(0, 40, n).astype(str))
    dates = np.datetime64("2025-01-01") + rng.integers(0, 365, n).astype("m8[D]")
    return residents, activities, dates


def write_xlsx(path: str, n: int) -> str:
    residents, activities, dates = register_columns(n)
    days = dates.astype("M8[s]").astype(object)  # datetime.datetime: date cells
    tmp = path + ".part"
    try:
        import xlsxwriter

        book = xlsxwriter.Workbook(tmp, {"constant_memory": True})
        sheet = book.add_worksheet("Register")
        fmt = book.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_row(0, 0, list(COLUMNS.values()))
        for i, (r, a, d) in enumerate(
            zip(residents.tolist(), activities.tolist(), days, strict=True), start=1
        ):
            sheet.write_string(i, 0, r)
            sheet.write_string(i, 1, a)
            sheet.write_datetime(i, 2, d, fmt)
        book.close()
        writer = "xlsxwriter"
    except ImportError:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Register")
        sheet.append(list(COLUMNS.values()))
        for row in zip(residents.tolist(), activities.tolist(), days, strict=True):
            sheet.append(list(row))
        book.save(tmp)
        writer = "openpyxl (write-only)"
    os.replace(tmp, path)
    return writer


def write_csv(path: str, n: int) -> str:
    import pyarrow as pa
    import pyarrow.csv as pcsv

    residents, activities, dates = register_columns(n)
    table = pa.table({"bewoner": residents, "activiteit": activities, "datum": dates.astype("M8[D]")})
    pcsv.write_csv(table, path + ".part")
    os.replace(path + ".part", path)
    return "pyarrow.csv"


def ensure(folder: str, kind: str, n: int, log) -> str:
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"register_{n}.{kind}")
    if not os.path.exists(path):
        t = time.perf_counter()
        writer = (write_xlsx if kind == "xlsx" else write_csv)(path, n)
        log(f"wrote {path} with {writer} in {time.perf_counter() - t:.1f} s")
    return path


# ------------------------------------------------------------------------------------------
# the cases (each runs in its own process)
# ------------------------------------------------------------------------------------------
def case_function(name: str, path: str):
    import pandas as pd

    import wijknet as wn
    from wijknet._files import read_table

    ids = [COLUMNS["resident"], COLUMNS["activity"]]
    kw = dict(resident=COLUMNS["resident"], activity=COLUMNS["activity"], date=COLUMNS["date"])
    cases = {
        "wijknet read_attendance": lambda: wn.read_attendance(path, **kw),
        "wijknet read (read_table)": lambda: read_table(path, ids=ids, dates=[COLUMNS["date"]]),
        "pandas read_excel(engine='calamine')": lambda: pd.read_excel(path, engine="calamine"),
        "pandas read_excel + from_attendance": lambda: wn.Network.from_attendance(
            pd.read_excel(path, engine="calamine"), **kw
        ),
        "pandas read_csv(engine='pyarrow')": lambda: pd.read_csv(path, engine="pyarrow"),
        "pandas read_csv + from_attendance": lambda: wn.Network.from_attendance(
            pd.read_csv(path, engine="pyarrow"), **kw
        ),
    }
    return cases[name]


def child_main(name: str, path: str, runs: int) -> None:
    warnings.simplefilter("ignore")
    fn = case_function(name, path)
    result, mem = peak_memory(fn)
    rows = int(result.summary()["input_rows"]) if hasattr(result, "summary") else len(result)
    del result
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = fn()
        times.append(time.perf_counter() - t)
        del r
    print(json.dumps({"times": times, "peak_kb": mem["peak_kb"], "rows": rows}))


def run_case(name: str, path: str, runs: int) -> dict:
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--case", name, "--file", path, "--runs", str(runs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"case {name!r} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------
# the report
# ------------------------------------------------------------------------------------------
def suite(kind: str, path: str, n: int, runs: int, log) -> Table:
    pandas_read = (
        "pandas read_excel(engine='calamine')" if kind == "xlsx" else "pandas read_csv(engine='pyarrow')"
    )
    pandas_build = (
        "pandas read_excel + from_attendance" if kind == "xlsx" else "pandas read_csv + from_attendance"
    )
    bar = 2.0 if kind == "xlsx" else 1.5
    names = ["wijknet read_attendance", "wijknet read (read_table)", pandas_read, pandas_build]
    res = {}
    for name in names:
        log(f"{kind} {n:,} rows: {name} ...")
        res[name] = run_case(name, path, runs)
    base = statistics.median(res[pandas_read]["times"])
    rows = []
    for name in names:
        med = statistics.median(res[name]["times"])
        ratio = med / base
        mark = ""
        if name == "wijknet read_attendance":
            mark = f"≤ {bar:g}× pandas' read: {'✓' if ratio <= bar else '✗'}"
        rows.append(
            [
                name,
                f"{res[name]['rows']:,}",
                fmt_s(med),
                fmt_ratio(ratio),
                fmt_mb(res[name]["peak_kb"] * 1e3),
                mark,
            ]
        )
    size = os.path.getsize(path)
    return Table(
        f"read_{kind}",
        ["case", "rows", "median", "× pandas' read", "peak memory", "bar"],
        rows,
        title=f"{kind.upper()} register of {n:,} rows ({fmt_mb(size)} file), {runs} timed runs per case.",
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--xlsx-rows", type=int, default=None, help="rows of the .xlsx register (0: skip)")
    p.add_argument("--csv-rows", type=int, default=None, help="rows of the CSV register (0: skip)")
    p.add_argument("--quick", action="store_true", help="100,000-row .xlsx and 1,000,000-row CSV")
    p.add_argument("--runs", type=int, default=3, help="timed runs per case (default 3)")
    p.add_argument("--cache", default=None, help="folder for the generated files")
    p.add_argument("--markdown", action="store_true", help="markdown tables")
    p.add_argument("--case", help=argparse.SUPPRESS)
    p.add_argument("--file", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.case:
        child_main(args.case, args.file, args.runs)
        return
    xlsx_rows = args.xlsx_rows if args.xlsx_rows is not None else (100_000 if args.quick else 1_000_000)
    csv_rows = args.csv_rows if args.csv_rows is not None else (1_000_000 if args.quick else 10_000_000)
    folder = args.cache or os.path.join(repo_root(), ".cache", "bench_read")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    blocks = [header(machine(), args.markdown)]
    if xlsx_rows:
        blocks.append(suite("xlsx", ensure(folder, "xlsx", xlsx_rows, log), xlsx_rows, args.runs, log))
    if csv_rows:
        blocks.append(suite("csv", ensure(folder, "csv", csv_rows, log), csv_rows, args.runs, log))
    print(
        "\n\n".join(
            b if isinstance(b, str) else (b.markdown() if args.markdown else b.text()) for b in blocks
        )
    )


if __name__ == "__main__":
    main()
