"""What every suite shares: timing, peak memory, child processes, the data sets, optional
peers, the machine/version header and the table writer (text, markdown, CSV)."""
from __future__ import annotations

import csv
import datetime as _dt
import gc
import importlib
import io
import multiprocessing as mp
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

LARGE = 100_000  # the population the speed bars are stated at
SMALL = 2_000  # the smallest population (what --quick runs)
NX_MAX = 2_000  # networkx runs only up to this population

Log = Callable[[str], None]


# ------------------------------------------------------------------------------------------
# the repository and its data sets
# ------------------------------------------------------------------------------------------
def repo_root() -> str:
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def data_dir(override: str | None = None) -> str:
    """The folder holding the real data sets (one sub-folder per set, e.g.
    ``threads_ask_ubuntu/``): ``--data DIR``, else the environment variable ``WIJKNET_DATA``,
    else ``tests/data`` of this checkout."""
    d = override or os.environ.get("WIJKNET_DATA") or os.path.join(repo_root(), "tests", "data")
    return d if os.path.isabs(d) else os.path.join(repo_root(), d)


def dataset_file(args: Any, folder: str, name: str, override: str | None = None) -> str:
    """Path of ``<data dir>/<folder>/<name>``, or ``override`` (absolute, or relative to the
    repository root) when given."""
    if override:
        return override if os.path.isabs(override) else os.path.join(repo_root(), override)
    return os.path.join(data_dir(getattr(args, "data", None)), folder, name)


def badhuis(n: int) -> Any:
    """The seeded synthetic register every suite times: ``wn.datasets.badhuis(n, seed=0)``."""
    import wijknet as wn

    return wn.datasets.badhuis(residents=n, seed=0)


def optional(module: str, log: Log | None = None, why: str = "") -> Any:
    """``module`` imported, or None (with a message) when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if log:
            log(f"{module} is not installed: {why or 'its cases are'} skipped")
        return None


def runs_for(args: Any, default: int, quick: int) -> int:
    """Timed repetitions of a case: ``--runs``, else ``quick`` under ``--quick``, else ``default``."""
    return args.runs or (quick if args.quick else default)


# ------------------------------------------------------------------------------------------
# timing
# ------------------------------------------------------------------------------------------
def _clocked(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """``fn()`` after a garbage collection, with its wall and CPU seconds."""
    gc.collect()
    c = time.process_time()
    t = time.perf_counter()
    r = fn()
    return r, time.perf_counter() - t, time.process_time() - c


def timed(fn: Callable[[], Any], runs: int, warmup: int = 1) -> dict[str, list[float]]:
    """Wall and CPU times (this process, all threads) of ``runs`` calls of ``fn`` after
    ``warmup`` untimed calls. Results are dropped outside the clock."""
    for _ in range(warmup):
        r = fn()
        del r
    wall, cpu = [], []
    for _ in range(runs):
        r, w, c = _clocked(fn)
        wall.append(w)
        cpu.append(c)
        del r
    return {"wall": wall, "cpu": cpu}


def median_time(fn: Callable[[], Any], runs: int, warmup: int = 1) -> float:
    """Median wall-clock seconds of ``runs`` calls of ``fn`` (see :func:`timed`)."""
    return statistics.median(timed(fn, runs, warmup)["wall"])


def timed_kept(fn: Callable[[], Any], runs: int, slow_s: float,
               post: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """Like :func:`timed`, but keeps the last result (for agreement checks) and ``post`` of
    every timed result (computed outside the clock). The first call is an untimed warm-up,
    unless it took ``slow_s`` seconds or more: then it is the only measurement."""
    r, first, cfirst = _clocked(fn)
    if first >= slow_s:
        return {"wall": [first], "cpu": [cfirst], "post": [post(r)] if post else [], "last": r, "single": True}
    wall, cpu, posts = [], [], []
    for _ in range(runs):
        del r
        r, w, c = _clocked(fn)
        wall.append(w)
        cpu.append(c)
        if post:
            posts.append(post(r))
    return {"wall": wall, "cpu": cpu, "post": posts, "last": r, "single": False}


# ------------------------------------------------------------------------------------------
# peak memory and child processes
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


def peak_memory(fn: Callable[[], Any]) -> tuple[Any, dict[str, Any]]:
    """Calls ``fn`` once and measures the peak RSS it adds: the high-water mark is reset to the
    current RSS first (``/proc/self/clear_refs``), so the figure is VmHWM after the call minus
    VmRSS before it. Meant for a fresh process (:func:`child`), where nothing else ran."""
    gc.collect()
    ok = _reset_peak()
    rss0 = _status_kb("VmRSS")
    hwm0 = _status_kb("VmHWM")
    t = time.perf_counter()
    res = fn()
    secs = time.perf_counter() - t
    hwm1 = _status_kb("VmHWM")
    rss1 = _status_kb("VmRSS")
    return res, {"peak_kb": (hwm1 - rss0) if ok else (hwm1 - hwm0), "retained_kb": rss1 - rss0,
                 "reset_ok": ok, "seconds": secs}


@contextmanager
def child(target: Callable[..., None], *args: Any) -> Iterator[tuple[Any, Any]]:
    """Runs ``target(*args, queue)`` in a fresh spawned process; yields (queue, process) and
    makes sure the process is gone afterwards (killed if it has not ended 30 s later)."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, q))
    proc.start()
    try:
        yield q, proc
    finally:
        proc.join(timeout=30)
        if proc.is_alive():
            proc.kill()
            proc.join()


# ------------------------------------------------------------------------------------------
# number formats
# ------------------------------------------------------------------------------------------
def fmt_s(x: float | None) -> str:
    if x is None:
        return "—"
    if x >= 10:
        return f"{x:.1f} s"
    if x >= 0.1:
        return f"{x:.3f} s"
    if x >= 0.001:
        return f"{x * 1e3:.2f} ms"
    return f"{x * 1e6:.0f} µs"


def fmt_ratio(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:.1f}×" if x >= 1.95 else f"{x:.2f}×"


def fmt_mb(b: float) -> str:
    return f"{b / 1e6:,.0f} MB" if b >= 1e7 else f"{b / 1e6:,.1f} MB"


# ------------------------------------------------------------------------------------------
# tables
# ------------------------------------------------------------------------------------------
@dataclass
class Table:
    """One result table. ``align`` has one letter per column, ``l`` or ``r`` (default: the
    first column left, the others right); ``title`` stands above it, ``notes`` below."""

    name: str
    head: list[str]
    rows: list[list[str]]
    align: str = ""
    title: str = ""
    notes: list[str] = field(default_factory=list)

    def _align(self) -> str:
        return self.align or "l" + "r" * (len(self.head) - 1)

    def markdown(self) -> str:
        sep = "|" + "".join("---:|" if a == "r" else "---|" for a in self._align())
        lines = [self.title, ""] if self.title else []
        lines += ["| " + " | ".join(self.head) + " |", sep]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in self.rows]
        if self.notes:
            lines += [""] + self.notes
        return "\n".join(lines)

    def text(self) -> str:
        widths = [max([len(h)] + [len(r[i]) for r in self.rows]) for i, h in enumerate(self.head)]

        def line(cells: Sequence[str]) -> str:
            return "  ".join(c.rjust(w) if a == "r" else c.ljust(w)
                             for c, w, a in zip(cells, widths, self._align(), strict=True)).rstrip()

        lines = [self.title] if self.title else []
        lines += [line(self.head)] + [line(r) for r in self.rows] + self.notes
        return "\n".join(lines)

    def csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.head)
        w.writerows(self.rows)
        return buf.getvalue()


Block = str | Table  # a report: paragraphs and tables


def render(blocks: Sequence[Block], markdown: bool) -> str:
    return "\n\n".join(b if isinstance(b, str) else (b.markdown() if markdown else b.text()) for b in blocks)


def write_csv(blocks: Sequence[Block], folder: str) -> list[str]:
    """Writes every table of ``blocks`` to ``folder/<table name>.csv``; returns the paths."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for b in blocks:
        if isinstance(b, Table):
            path = os.path.join(folder, b.name + ".csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write(b.csv())
            paths.append(path)
    return paths


# ------------------------------------------------------------------------------------------
# the machine and the versions
# ------------------------------------------------------------------------------------------
# (distribution names tried in turn, label) of the libraries a report names
PEERS = [(("igraph", "python-igraph"), "python-igraph"), (("scipy",), "scipy"), (("networkx",), "networkx"),
         (("networkit",), "networkit"), (("rustworkx",), "rustworkx"), (("numpy",), "numpy"),
         (("pandas",), "pandas")]


def _version(dists: Sequence[str]) -> str | None:
    from importlib import metadata

    for d in dists:
        try:
            return metadata.version(d)
        except metadata.PackageNotFoundError:
            continue
    return None


def machine() -> dict[str, Any]:
    """The machine, the date, and the versions of wijknet and of every installed peer."""
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
    versions = {"wijknet": wn.__version__}
    for dists, label in PEERS:
        v = _version(dists)
        if v:
            versions[label] = v
    return {
        "date": _dt.date.today().isoformat(),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        "wijknet_threads": wn.get_num_threads(),
        "wijknet_build": _build_info(wn),
    }


def _build_info(wn: Any) -> str:
    """Git commit of the source tree the installed package lives in (an editable install's
    checkout; if any), the time the extension was built, and the benchmark script's commit when
    it comes from another checkout."""
    so = wn._wijknet.__file__
    built = _dt.datetime.fromtimestamp(os.path.getmtime(so)).strftime("%Y-%m-%d %H:%M")

    def git(where: str, *cmd: str) -> str:
        try:
            return subprocess.run(["git", *cmd], cwd=where, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    pkg = os.path.dirname(os.path.abspath(wn.__file__))
    here = os.path.dirname(os.path.abspath(__file__))
    commit = git(pkg, "describe", "--always", "--dirty")
    info = f"commit {commit or '?'}, extension built {built}"
    if git(pkg, "rev-parse", "--show-toplevel") != git(here, "rev-parse", "--show-toplevel"):
        info += f"; benchmark script at {git(here, 'describe', '--always', '--dirty') or '?'}"
    return info


def header(m: dict[str, Any], markdown: bool) -> str:
    """One line naming the machine, the date and the versions."""
    v = m["versions"]
    peers = ", ".join(f"{k} {x}" for k, x in v.items() if k != "wijknet")
    if markdown:
        return (f"Measured {m['date']} on {m['nproc']} × {m['cpu']} ({m['memory']}), {m['platform']}, "
                f"Python {m.get('python', '?')}; wijknet {v['wijknet']} ({m['wijknet_build']}), {peers}.")
    return (f"wijknet {v['wijknet']} ({m['wijknet_build']}) — {m['date']} — {m['nproc']} × {m['cpu']}, "
            f"{m['memory']} — {peers}")
