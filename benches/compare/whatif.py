"""What-if suite: ranking every activity by what its removal does (wn.whatif.rank_activities)
against one projection + components, and against re-projecting once per activity."""
from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import numpy as np

from .common import Block, Log, Table, badhuis, fmt_s, median_time, runs_for

TITLE = "wn.whatif.rank_activities against one projection + components and re-projecting per activity"
NAIVE_MAX = 10_000  # residents up to which the re-project-per-activity baselines run


def _whatif_python_loop(wn: Any, net: Any) -> int:
    """The naive way a user would do it: per activity, filter it out, project, components."""
    acts = list(net.activities)
    out = 0
    for a in acts:
        g = net.filter(activities=[x for x in acts if x != a]).project(progress=False)
        out += wn.number_connected_components(g)
    return out


def _one(n: int, runs: int, log: Log) -> dict[str, Any]:
    import wijknet as wn
    from wijknet import whatif as wi

    net = badhuis(n)
    net.project(progress=False)  # caches the incidences for every case alike
    net.project(unit="session", progress=False)
    rows: dict[str, float] = {}

    def base(unit: str) -> Callable[[], Any]:
        return lambda: wn.connected_components(net.project(unit=unit, progress=False))

    cases: dict[str, Callable[[], Any]] = {
        "project + components (activity)": base("activity"),
        "rank_activities (activity)": lambda: wn.whatif.rank_activities(net, progress=False),
        "project + components (session)": base("session"),
        "rank_activities (session)": lambda: wn.whatif.rank_activities(
            net, projection={"unit": "session"}, progress=False),
    }
    if n <= NAIVE_MAX:
        cases["re-project per activity (Rust, parallel)"] = lambda: wi._rank_activities_native(
            net, {}, [1, 2, 3], None, False, naive=True)
        cases["re-project per activity (Python loop)"] = lambda: _whatif_python_loop(wn, net)
    for name, fn in cases.items():
        r = 1 if "Python loop" in name else runs
        rows[name] = median_time(fn, r, warmup=0 if r == 1 else 1)
        log(f"[whatif {n:,}] {name}: {fmt_s(rows[name])}")
    # the fast ranking and the naive one agree
    if n <= NAIVE_MAX:
        fast = wi._rank_activities_native(net, {}, [1, 2, 3], None, False, naive=False)
        slow = wi._rank_activities_native(net, {}, [1, 2, 3], None, False, naive=True)
        assert fast["before"] == slow["before"] and all(
            np.array_equal(fast[k], slow[k]) for k in fast if k != "before"
        )
    return {"residents": n, "activities": len(net.activities), "runs": runs, "rows": rows}


def run(args: Any, sizes: list[int], log: Log) -> list[dict[str, Any]]:
    """wn.whatif.rank_activities on badhuis(n) (unit activity and session) against one
    ``net.project()`` + ``wn.connected_components`` (the bar: < 10×), and, up to
    NAIVE_MAX residents, against re-projecting per activity (the same kernel in
    Rust, parallel: ``naive=True``; and a Python loop over ``net.filter`` + ``project``)."""
    out = []
    for n in sizes:
        out.append(_one(n, runs_for(args, 5, 3), log))
        gc.collect()
    return out


def report(res: list[dict[str, Any]], markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    for s in res:
        r = s["rows"]
        rows = []
        for name, t in r.items():
            unit = "session" if "session" in name else "activity"
            rows.append([name, fmt_s(t), f"{t / r[f'project + components ({unit})']:.2f}×"])
        blocks.append(Table(f"whatif_{s['residents']}", ["case", "time", "× project+components"], rows,
                            title=f"What-if suite — badhuis(residents={s['residents']:,}, seed=0), "
                                  f"{s['activities']:,} activities; medians of {s['runs']} runs (Python loop: 1 run)."))
    return blocks
