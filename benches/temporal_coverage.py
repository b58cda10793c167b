"""Measured coverage of wn.temporal.compare's bootstrap intervals.

Two periods of a configuration model with independent Poisson degrees (λ 3 → 4; 300 residents
each, 200 in both; tests/test_temporal.py::configuration_register), S seeds, 500 replicates.
The true difference is known for mean_degree (1.0) and density (1/299); for the other metrics
the Monte Carlo mean of the estimate over the seeds stands in for it.

    python benches/temporal_coverage.py [S] [--markdown]   # default S = 200 (about 40 s)
"""

import os
import sys

import numpy as np
import pandas as pd

import wijknet as wn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # the benchmark package (compare/) beside this file
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
from compare.common import Table  # noqa: E402
from test_temporal import configuration_register  # noqa: E402

REPLICATES = 500


def main() -> None:
    argv = [a for a in sys.argv[1:] if a != "--markdown"]
    seeds = int(argv[0]) if argv else 200
    res = []
    for s in range(seeds):
        net = wn.Network.from_attendance(configuration_register(s, 3.0, 4.0), date="date")
        c = wn.temporal.compare(net, before=(None, "2024-04-01"), after=("2024-04-01", None), seed=s,
                                n=REPLICATES)
        res.append(c.summary[["difference", "ci_low", "ci_high"]])
    diff = pd.concat([r["difference"] for r in res], axis=1)
    truth = diff.mean(axis=1)
    truth["mean_degree"] = 1.0
    truth["density"] = 1.0 / 299
    rows = []
    for m in truth.index:
        lo = np.array([r.loc[m, "ci_low"] for r in res])
        hi = np.array([r.loc[m, "ci_high"] for r in res])
        cov = np.mean((lo <= truth[m]) & (truth[m] <= hi))
        rows.append([m, f"{truth[m]:.4f}", f"{cov:.3f}", f"{diff.loc[m].std():.4f}", f"{np.mean(hi - lo) / 3.92:.4f}"])
    t = Table("temporal_coverage", ["metric", "truth", "coverage", "sd(diff)", "boot se"], rows,
              title=f"Coverage of 95% bootstrap intervals over {seeds} seeds, {REPLICATES} replicates each.")
    print(t.markdown() if "--markdown" in sys.argv[1:] else t.text())


if __name__ == "__main__":
    main()
