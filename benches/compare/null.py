"""Null suite: one global curveball round of the register against a vectorised NumPy round,
and a null-model ensemble (wn.null.test) on 1 and 2 threads."""
from __future__ import annotations

import statistics
from functools import partial
from typing import Any

import numpy as np

from .common import LARGE, SMALL, Block, Log, Table, badhuis, fmt_ratio, fmt_s, median_time, runs_for, timed

TITLE = "curveball rounds against NumPy, null-test ensembles"
ROUND_BAR_S = 0.020  # one round at 100,000 residents
ENSEMBLE_BAR_S = 10.0  # 1,000 samples at 2,000 residents, 2 threads


def numpy_curveball_round(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int,
                          rng: np.random.Generator) -> np.ndarray:
    """One global curveball round, vectorised with numpy (the reference for the null suite).

    ``rows``/``cols`` list the incidences. All rows are paired by a random permutation; in
    each pair the activities only one member attends (keys (pair, col) seen once) get random
    priorities, and the first |A \\ B| of the pair's exclusives in that order go to member A,
    the rest to B. Returns the new ``rows`` (``cols`` unchanged): margins are preserved."""
    perm = rng.permutation(n_rows)
    npairs = n_rows // 2
    pair = np.full(n_rows, -1, dtype=np.int64)
    side = np.zeros(n_rows, dtype=np.int8)
    pair[perm[: 2 * npairs]] = np.repeat(np.arange(npairs), 2)
    side[perm[1 : 2 * npairs : 2]] = 1
    first = perm[0 : 2 * npairs : 2]
    second = perm[1 : 2 * npairs : 2]
    p = pair[rows]
    key = np.where(p >= 0, p * n_cols + cols, -1 - np.arange(len(rows)))  # unpaired rows: unique keys
    _, inv, counts = np.unique(key, return_inverse=True, return_counts=True)
    excl = np.flatnonzero((counts[inv] == 1) & (p >= 0))
    pe = p[excl]
    order = np.lexsort((rng.random(len(excl)), pe))
    excl, pe = excl[order], pe[order]
    n_a = np.bincount(pe[side[rows[excl]] == 0], minlength=npairs)
    start = np.searchsorted(pe, np.arange(npairs))
    rank = np.arange(len(excl)) - start[pe]
    out = rows.copy()
    out[excl] = np.where(rank < n_a[pe], first[pe], second[pe])
    return out


def run(args: Any, sizes: list[int], log: Log) -> dict[str, Any]:
    """Times (1) one global curveball round of the 100,000-resident register (the smallest
    population under ``--quick``) — wijknet on one thread (``null_curveball_rows`` with ⌊R/2⌋
    trades minus the same call with 0 trades, i.e. without copying and sorting the rows)
    against :func:`numpy_curveball_round`; and (2) 1,000 null samples (100 under ``--quick``)
    of Opsahl clustering on the 2,000-resident register on 1 and 2 threads."""
    import wijknet as wn
    from wijknet import _wijknet as native

    runs = runs_for(args, 7, 3)
    n = min(sizes) if args.quick else LARGE
    samples = 100 if args.quick else 1000
    out: dict[str, Any] = {"runs": runs}
    log(f"null: badhuis({n:,}) curveball rounds")
    net = badhuis(n)
    R = len(net.residents)
    ptr, units = native.null_curveball_rows(net._net, 0, 0, 0)
    rows = np.repeat(np.arange(R), np.diff(ptr.astype(np.int64)))
    cols = units.astype(np.int64)
    m = len(net.activities)
    wn.set_num_threads(1)
    try:
        full = timed(lambda: native.null_curveball_rows(net._net, R // 2, 1, 0), runs)["wall"]
        base = timed(lambda: native.null_curveball_rows(net._net, 0, 1, 0), runs)["wall"]
        ten = timed(lambda: native.null_curveball_rows(net._net, 10 * (R // 2), 1, 0), max(3, runs // 2))["wall"]
    finally:
        wn.set_num_threads(0)
    rng = np.random.default_rng(0)
    npy = median_time(lambda: numpy_curveball_round(rows, cols, R, m, rng), runs)
    new = numpy_curveball_round(rows, cols, R, m, np.random.default_rng(1))
    assert (np.bincount(new, minlength=R) == np.bincount(rows, minlength=R)).all()
    assert len(set(zip(new.tolist(), cols.tolist(), strict=True))) == len(cols), "numpy round made a duplicate incidence"
    sweep = statistics.median(full) - statistics.median(base)
    out["sweep"] = {
        "population": n, "residents": R, "incidences": int(len(cols)),
        "wijknet_round_s": sweep, "wijknet_call_s": statistics.median(full),
        "wijknet_overhead_s": statistics.median(base),
        "wijknet_10_rounds_s": statistics.median(ten) - statistics.median(base),
        "numpy_round_s": npy,
        "ratio": npy / sweep if sweep > 0 else None,
        "bar_s": ROUND_BAR_S if n == LARGE else None,
    }
    log(f"null: badhuis({SMALL:,}) {samples:,} samples of Opsahl clustering")
    small = badhuis(SMALL)
    ens: dict[str, Any] = {"samples": samples}
    for threads in (1, 2):
        ens[f"{threads}_threads_s"] = median_time(
            partial(wn.null.test, small, "opsahl_clustering", n=samples, seed=1, threads=threads, progress=False),
            1 if args.quick else 3, warmup=0)
    ens["bar_s"] = ENSEMBLE_BAR_S if samples == 1000 else None
    r = wn.null.test(small, "opsahl_clustering", n=samples, seed=1, progress=False)
    ens["result"] = {"observed": r.observed, "mean": r.mean, "sd": r.sd, "z": r.z, "p_two_sided": r.p_two_sided}
    out["ensemble"] = ens
    return out


def _bar(t: float, bar_s: Any, text: str) -> str:
    return "" if bar_s is None else f"{text}: " + ("met" if t <= bar_s else "MISSED")


def report(res: dict[str, Any], markdown: bool) -> list[Block]:
    s, e = res["sweep"], res["ensemble"]
    pop = s.get("population", LARGE)
    samples = e.get("samples", 1000)
    rows = [
        [f"one global curveball round, badhuis({pop // 1000}k) ({s['residents']:,} residents, "
         f"{s['incidences']:,} incidences), 1 thread",
         fmt_s(s["wijknet_round_s"]), f"numpy {fmt_s(s['numpy_round_s'])}, ratio {fmt_ratio(s['ratio'])}",
         _bar(s["wijknet_round_s"], s.get("bar_s"), "≤ 20 ms")],
        ["  (the call incl. copying and sorting the rows; 10 rounds)", fmt_s(s["wijknet_call_s"]),
         f"10 rounds {fmt_s(s['wijknet_10_rounds_s'])}", ""],
        [f"{samples:,} null samples of Opsahl clustering, badhuis(2k), 2 threads", fmt_s(e["2_threads_s"]),
         f"1 thread {fmt_s(e['1_threads_s'])}", _bar(e["2_threads_s"], e.get("bar_s"), "≤ 10 s")],
    ]
    return [Table("null", ["null models", "wijknet", "reference", "bar"], rows, "lrll",
                  title=f"Null suite — medians of {res['runs']} runs.")]
