"""Measured coverage of wn.temporal.compare's bootstrap intervals (issue 6).

Two periods of a configuration model with independent Poisson degrees (λ 3 → 4; 300 residents
each, 200 in both; tests/test_temporal.py::configuration_register), S seeds, 500 replicates.
The true difference is known for mean_degree (1.0) and density (1/299); for the other metrics
the Monte Carlo mean of the estimate over the seeds stands in for it.

    python benches/temporal_coverage.py [S]      # default S = 200 (about 40 s)
"""

import os
import sys

import numpy as np
import pandas as pd

import wijknet as wn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from test_temporal import configuration_register  # noqa: E402


def main() -> None:
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    res = []
    for s in range(seeds):
        net = wn.Network.from_attendance(configuration_register(s, 3.0, 4.0), date="date")
        c = wn.temporal.compare(net, before=(None, "2024-04-01"), after=("2024-04-01", None), n=500, seed=s)
        res.append(c.summary[["difference", "ci_low", "ci_high"]])
    diff = pd.concat([r["difference"] for r in res], axis=1)
    truth = diff.mean(axis=1)
    truth["mean_degree"] = 1.0
    truth["density"] = 1.0 / 299
    print(f"{'metric':<26}{'truth':>10}{'coverage':>10}{'sd(diff)':>10}{'boot se':>10}")
    for m in truth.index:
        lo = np.array([r.loc[m, "ci_low"] for r in res])
        hi = np.array([r.loc[m, "ci_high"] for r in res])
        cov = np.mean((lo <= truth[m]) & (truth[m] <= hi))
        print(f"{m:<26}{truth[m]:>10.4f}{cov:>10.3f}{diff.loc[m].std():>10.4f}{np.mean(hi - lo) / 3.92:>10.4f}")


if __name__ == "__main__":
    main()
