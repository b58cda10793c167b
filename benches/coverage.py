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

With ``--survey`` it measures the survey intervals instead (wn.survey.nonresponse and
wn.survey.reweight), which speak about one register: the register is fixed, and who answers is
random — resident i answers with probability logistic(−0.5 + 0.6 z_i), z_i the standardised
degree — and so, for reweight, is whether a resident agrees (drawn once per register,
probability logistic(0.3 + z_i)). The truth is the expected difference over response draws
(nonresponse) and the share agreeing among all residents of the register (reweight); 10
registers × 100 response draws.

    python benches/coverage.py --survey
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
from test_coverage import PROJECTION, compared, estimates, intervals, register, statistics, truth_key  # noqa: E402

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


def _position(seed: int) -> tuple:
    import wijknet as wn

    rows, _ = register(seed, RESIDENTS[0])
    net = wn.Network.from_attendance(rows, date="date")
    graph = net.project(**PROJECTION)
    ids = np.asarray(graph.nodes)
    degree = wn.degree(graph).reindex(ids).to_numpy()
    return net, graph, ids, (degree - degree.mean()) / degree.std()


def _survey_one(seed: int, truth_draws: int = 1000, draws: int = 100, n: int = 1000) -> dict:
    import pandas as pd

    import wijknet as wn

    net, graph, ids, z = _position(seed)
    rng = np.random.default_rng(seed + 7)
    answers = 1 / (1 + np.exp(-(-0.5 + 0.6 * z)))
    agrees = rng.random(len(ids)) < 1 / (1 + np.exp(-(0.3 + z)))

    def survey(respond: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame({"resident": ids[respond], "item": np.where(agrees[respond], "ja", "nee")})

    def nonresponse(respond: np.ndarray, reps: int, k: int) -> pd.DataFrame:
        return wn.survey.nonresponse(net, survey(respond), projection=graph, n=reps, seed=k, progress=False).summary

    truth = pd.concat(
        [nonresponse(rng.random(len(ids)) < answers, 0, k)["difference"] for k in range(truth_draws)], axis=1
    ).mean(axis=1)
    hits = pd.Series(0.0, index=[f"nonresponse:{m}" for m in truth.index] + ["reweight"])
    for k in range(draws):
        respond = rng.random(len(ids)) < answers
        s = nonresponse(respond, n, k)
        inside = (s["ci_low"] <= truth) & (truth <= s["ci_high"])
        hits[[f"nonresponse:{m}" for m in truth.index]] += inside.to_numpy()
        r = wn.survey.reweight(net, survey(respond), item="item", projection=graph, n=n, seed=k, progress=False)
        low, high = r.summary.loc["all_participants", ["ci_low", "ci_high"]]
        hits["reweight"] += low <= agrees.mean() <= high
    return (hits / draws).to_dict()


def survey_main(a: argparse.Namespace) -> None:
    with mp.Pool(a.jobs) as pool:
        res = pool.map(_survey_one, range(10))
    rows = []
    for k in res[0]:
        per = np.array([r[k] for r in res])
        cov = float(per.mean())
        rows.append([k, f"{cov:.3f}", f"{per.min():.2f}–{per.max():.2f}"])
    t = Table(
        "survey_coverage",
        ["statistic", "coverage", "per register"],
        rows,
        title="Coverage of nominal 95% survey intervals: 10 registers × 100 response draws, 1000 replicates.",
    )
    print(t.markdown() if a.markdown else t.text())


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("registers", nargs="?", type=int, default=1000)
    p.add_argument("--truth", type=int, default=4000)
    p.add_argument("--replicates", type=int, default=1000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--residents", type=int, default=300)
    p.add_argument("--markdown", action="store_true")
    p.add_argument("--survey", action="store_true")
    a = p.parse_args()
    RESIDENTS[0] = a.residents
    if a.survey:
        survey_main(a)
        return
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
