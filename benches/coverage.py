"""Coverage of the evaluation report's 95% intervals on registers drawn from a known model.

The model (tests/test_coverage.py::register, written down in docs/metrics.md, "Intervals and
their coverage"): 300 residents drawn independently (two groups, an activity level), 12
recurring activities of 8 sessions per period and 2 one-off events per period; attendance rises
from the first period to the second. Each statistic's true value is its expectation under the
model, estimated from TRUTH separate registers. Coverage is the share of S registers whose
interval (R replicates) holds the true value; its Monte-Carlo standard error is
sqrt(c(1 − c)/S).

    python benches/coverage.py [S] [--truth T] [--replicates R] [--residents N] [--jobs J] [--markdown]
    # defaults S = 1000, T = 4000, R = 1000, N = 300, J = 2 (about 10 minutes on 2 cores)
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # the benchmark package (compare/) beside this file
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
from compare.common import Table  # noqa: E402
from test_coverage import compared, estimates, intervals, register, statistics, truth_key  # noqa: E402

TRUTH_SEED = 1_000_000  # truth registers use seeds from here, coverage registers from 0


RESIDENTS = [300]  # set by --residents (before the pool forks)


def _truth_one(seed: int) -> dict:
    rows, group = register(seed, RESIDENTS[0])
    s = statistics(rows, group)
    out = estimates(s)
    c = compared(s, 0, seed)
    out.update({f"compare:{m}": v for m, v in c["difference"].items()})
    return out


def _coverage_one(args: tuple[int, int]) -> dict:
    seed, n = args
    rows, group = register(seed, RESIDENTS[0])
    s = statistics(rows, group)
    out = {k: v for k, v in intervals(s, n, seed).items()}
    c = compared(s, n, seed)
    out.update({f"compare:{m}": (r.ci_low, r.ci_high) for m, r in c.iterrows()})
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("registers", nargs="?", type=int, default=1000)
    p.add_argument("--truth", type=int, default=4000)
    p.add_argument("--replicates", type=int, default=1000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--residents", type=int, default=300)
    p.add_argument("--markdown", action="store_true")
    a = p.parse_args()
    RESIDENTS[0] = a.residents
    with mp.Pool(a.jobs) as pool:
        truths = pool.map(_truth_one, range(TRUTH_SEED, TRUTH_SEED + a.truth), chunksize=20)
        results = pool.map(_coverage_one, [(s, a.replicates) for s in range(a.registers)], chunksize=10)
    truth = {k: float(np.mean([t[k] for t in truths])) for k in truths[0]}
    truth_sd = {k: float(np.std([t[k] for t in truths])) for k in truths[0]}
    rows = []
    for k in results[0]:
        base = truth_key(k)
        lo = np.array([r[k][0] for r in results], dtype=float)
        hi = np.array([r[k][1] for r in results], dtype=float)
        cov = float(np.mean((lo <= truth[base]) & (truth[base] <= hi)))
        se = math.sqrt(cov * (1 - cov) / len(results))
        width = float(np.nanmean(hi - lo)) / (2 * 1.959964)
        rows.append(
            [k, f"{truth[base]:.4g}", f"{cov:.3f}", f"{se:.3f}", f"{truth_sd[base]:.4g}", f"{width:.4g}"]
        )
    t = Table(
        "coverage",
        ["statistic", "truth", "coverage", "MC se", "sd(estimate)", "interval/3.92"],
        rows,
        title=(
            f"Coverage of nominal 95% intervals: {a.registers} registers of {a.residents} residents, "
            f"{a.replicates} replicates each; "
            f"truth from {a.truth} further registers."
        ),
    )
    print(t.markdown() if a.markdown else t.text())


if __name__ == "__main__":
    main()
