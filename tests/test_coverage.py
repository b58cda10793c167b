"""Coverage of the report's intervals on registers drawn from a known model (a small run of
``benches/coverage.py``; the model is written down in docs/metrics.md, "Intervals and their
coverage").

The full study draws 1000 registers; here 150 registers with 400 replicates each keep the file
under about a minute and a half on two cores. With 150 registers the Monte-Carlo standard
error of a coverage near 95% is about 1.8 points, so the checks use a band of 88–99.5% (a
calibrated interval falls outside it with probability below 1%) and, for the intervals that
are known to fail, an upper bound well below 93%.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import wijknet as wn
from wijknet import _intervals as iv

# ---------------------------------------------------------------------------------------------
# the known model
# ---------------------------------------------------------------------------------------------
RESIDENTS = 300
RECURRING = 12  # 7 with home group "A", 5 with home group "B"
SESSIONS = 8  # per recurring activity and period
EVENTS = 2  # one-off events per period (one session: never a tie at min_weight 2)
SHARE_B = 0.4
JOIN_OWN, JOIN_OTHER, JOIN_EVENT = 0.06, 0.02, 0.4
ATTEND = {"before": 0.5, "after": 0.65}
PROJECTION = {"weight": "count", "unit": "session", "min_weight": 2}
MIDDLE = "2025-01-01"


def register(seed: int, residents: int = RESIDENTS) -> tuple[pd.DataFrame, pd.Series]:
    """One register of the model: (attendance rows, group of each resident).

    Residents are drawn independently: group B with probability 0.4 (else A) and an activity
    level u ~ Uniform(0.5, 1.5). Each resident joins each of the 12 recurring activities with
    probability 0.06 when the activity's home group is the resident's own, else 0.02 (the same
    memberships in both periods), and each period's 2 one-off events with probability 0.4. A
    member attends each of the activity's 8 sessions in a period with probability
    min(1, u · q), q = 0.5 before 2025 and 0.65 from 2025. Residents who attend nothing are not
    in the register.
    """
    rng = np.random.default_rng(seed)
    group = np.where(rng.random(residents) < SHARE_B, "B", "A")
    level = rng.uniform(0.5, 1.5, residents)
    home = np.array(["A"] * 7 + ["B"] * 5)
    p_join = np.where(group[:, None] == home[None, :], JOIN_OWN, JOIN_OTHER)
    member = rng.random((residents, RECURRING)) < p_join
    frames = []
    for period, start in (("before", "2024-07-01"), ("after", "2025-01-01")):
        dates = pd.date_range(start, periods=SESSIONS, freq="14D")
        q = np.minimum(1.0, level * ATTEND[period])
        present = member[:, :, None] & (rng.random((residents, RECURRING, SESSIONS)) < q[:, None, None])
        r, a, s = np.nonzero(present)
        frames.append(pd.DataFrame({"resident": r, "activity": [f"activity {k}" for k in a], "date": dates[s]}))
        event = rng.random((residents, EVENTS)) < JOIN_EVENT
        r, e = np.nonzero(event)
        frames.append(
            pd.DataFrame({"resident": r, "activity": [f"event {k}" for k in e], "date": dates[-1] + pd.Timedelta(days=3)})
        )
    rows = pd.concat(frames, ignore_index=True)
    return rows, pd.Series(group, name="group")


def _ties(g: wn.Graph):
    A = g.to_scipy()
    A.data[:] = 1.0
    return A


def statistics(rows: pd.DataFrame, group: pd.Series) -> dict:
    """The per-resident values and the point estimates of one register."""
    net = wn.Network.from_attendance(rows, date="date")
    g = net.project(**PROJECTION)
    ids = np.asarray(g.nodes)
    A = _ties(g)
    degree = np.asarray(A.sum(axis=1)).ravel()
    reach = (A + A @ A).tocsr()
    reach.setdiag(0)
    reach.eliminate_zeros()
    reach2 = np.diff(reach.indptr).astype(float)
    gr = group.to_numpy()[ids]
    same = (gr[:, None] == gr[None, :])
    within = np.asarray(A.multiply(same).sum(axis=1)).ravel()
    sessions = rows.groupby("resident").size().reindex(ids).to_numpy(dtype=float)
    periods = {}
    for name, window in (("before", (None, MIDDLE)), ("after", (MIDDLE, None))):
        gp = net.window(*window).project(**PROJECTION)
        d = pd.Series(np.asarray(_ties(gp).sum(axis=1)).ravel(), index=np.asarray(gp.nodes))
        periods[name] = d.reindex(ids).to_numpy()
    isa = gr == "A"
    return {
        "net": net,
        "degree": degree,
        "has_tie": (degree > 0).astype(float),
        "reach2": reach2,
        "has_tie3": (np.asarray((g.to_scipy() >= 3).sum(axis=1)).ravel() > 0).astype(float),
        "sessions": sessions,
        "within": within,
        "group_a": isa,
        "degree_before": periods["before"],
        "degree_after": periods["after"],
    }


def estimates(s: dict) -> dict[str, float]:
    """The point estimate of each statistic whose interval is checked."""
    d, a = s["degree"], s["group_a"]
    return {
        "share": s["has_tie"].mean(),
        "mean_independent": s["sessions"].mean(),
        "mean_ties": d.mean(),
        "mean_reach": s["reach2"].mean(),
        "share_repeated3": s["has_tie3"].mean(),
        "ratio_ties": s["within"].sum() / d.sum(),
        "difference_independent": s["sessions"][a].mean() - s["sessions"][~a].mean(),
        "difference_ties": d[a].mean() - d[~a].mean(),
        "paired_ties": np.nanmean(s["degree_after"]) - np.nanmean(s["degree_before"]),
    }


def intervals(s: dict, n: int, seed: int) -> dict[str, tuple[float, float]]:
    """The interval of each statistic, as the report computes it."""
    d, a = s["degree"], s["group_a"]
    return {
        "share": iv.mean_interval(s["has_tie"], n=n, seed=seed),
        "mean_independent": iv.mean_interval(s["sessions"], n=n, seed=seed),
        "mean_ties": iv.mean_interval(d, n=n, seed=seed, ties=True),
        "mean_ties_naive": iv.mean_interval(d, n=n, seed=seed),
        "mean_reach": iv.mean_interval(s["reach2"], n=n, seed=seed),
        "mean_reach_ties": iv.mean_interval(s["reach2"], n=n, seed=seed, ties=True),
        "share_repeated3": iv.mean_interval(s["has_tie3"], n=n, seed=seed),
        "ratio_ties": iv.ratio_interval(s["within"], d, n=n, seed=seed, ties=True),
        "ratio_ties_naive": iv.ratio_interval(s["within"], d, n=n, seed=seed),
        "difference_independent": iv.difference_interval(s["sessions"][a], s["sessions"][~a], n=n, seed=seed),
        "difference_ties": iv.difference_interval(d[a], d[~a], n=n, seed=seed),
        "paired_ties": iv.paired_difference_interval(s["degree_before"], s["degree_after"], n=n, seed=seed, ties=True),
    }


def truth_key(statistic: str) -> str:
    """The statistic whose true value an interval variant is checked against."""
    return {"mean_reach_ties": "mean_reach"}.get(statistic, statistic.removesuffix("_naive"))


def compared(s: dict, n: int, seed: int) -> pd.DataFrame:
    """wn.temporal.compare's summary for the register (before: 2024, after: 2025)."""
    c = wn.temporal.compare(s["net"], before=(None, MIDDLE), after=(MIDDLE, None), n=n, seed=seed,
                            projection=PROJECTION)
    return c.summary


# ---------------------------------------------------------------------------------------------
# coverage on the model (a small run of the study)
# ---------------------------------------------------------------------------------------------
REGISTERS = 150
REPLICATES = 400
#: The statistics' expectations under the model, from 4000 registers of benches/coverage.py
#: (their Monte-Carlo error is below a tenth of each interval's half-width).
TRUTH = {
    "share": 0.7726,
    "mean_independent": 6.603,
    "mean_ties": 45.36,
    "mean_reach": 154.1,
    "share_repeated3": 0.5443,
    "ratio_ties": 0.5364,
    "difference_independent": 0.7591,
    "difference_ties": 1.102,
    "paired_ties": 1.411,
    "compare:mean_degree": 1.411,
    "compare:share_with_tie": 0.01086,
    "compare:mean_clustering": 0.0329,
    "compare:density": 0.005958,
    "compare:components": -2.447,
    "compare:largest_component_share": 0.0113,
}
CALIBRATED_HERE = {
    "share": "share",
    "share_repeated3": "share",
    "mean_independent": "mean",
    "mean_ties": "mean_ties",
    "difference_independent": "difference",
    "difference_ties": "difference",
    "paired_ties": "paired_difference_ties",
    "compare:share_with_tie": "compare:share_with_tie",
}
#: Intervals the study found far too narrow: values that count ties treated as independent,
#: reach in two steps without ``ties=True``, and compare's mean degree. (The share of ties
#: within a group and reach in two steps with ``ties=True`` covered about 91%: not
#: calibrated, but too close to tell apart here.)
TOO_NARROW = ["mean_ties_naive", "ratio_ties_naive", "mean_reach", "compare:mean_degree"]


@pytest.fixture(scope="module")
def study() -> dict[str, float]:
    hits: dict[str, int] = {}
    for seed in range(REGISTERS):
        s = statistics(*register(seed))
        got = intervals(s, REPLICATES, seed)
        c = compared(s, REPLICATES, seed)
        got.update({f"compare:{m}": (r.ci_low, r.ci_high) for m, r in c.iterrows()})
        for k, (low, high) in got.items():
            truth = TRUTH[truth_key(k)]
            hits[k] = hits.get(k, 0) + int(low <= truth <= high)
    return {k: h / REGISTERS for k, h in hits.items()}


@pytest.mark.parametrize("statistic", sorted(CALIBRATED_HERE))
def test_calibrated_intervals_cover(study, statistic):
    """A calibrated 95% interval covers 88–99.5% of 150 registers (Monte-Carlo se ≈ 1.8
    points; a 95% interval falls outside the band with probability below 1%)."""
    assert 0.88 <= study[statistic] <= 0.995, study[statistic]
    assert iv.coverage(CALIBRATED_HERE[statistic]).calibrated


@pytest.mark.parametrize("statistic", TOO_NARROW)
def test_intervals_known_to_fail_still_fail(study, statistic):
    """What the registry says is not calibrated covers well below 93% here too."""
    assert study[statistic] < 0.85, study[statistic]


# ---------------------------------------------------------------------------------------------
# the registry
# ---------------------------------------------------------------------------------------------
def test_registry_is_consistent():
    for kind, c in iv.CALIBRATED.items():
        assert isinstance(c, iv.Coverage)
        if c.calibrated:
            assert 0.93 <= c.coverage <= 0.97, kind
            assert c.reason("nl") == c.reason("en") == ""
        else:
            assert not 0.93 <= c.coverage <= 0.97, kind
            assert c.reason("nl").startswith("Geen onzekerheidsmarge") and c.reason("en").startswith("No interval")
            assert f"{c.coverage:.0%}" in c.reason("nl") and f"{c.coverage:.0%}" in c.reason("en")
    for m in wn.temporal.METRICS:
        assert f"compare:{m}" in iv.CALIBRATED
    with pytest.raises(wn.ArgumentError, match="not one of"):
        iv.coverage("nope")


def test_compare_says_which_intervals_are_calibrated():
    s = statistics(*register(7))
    c = wn.temporal.compare(s["net"], before=(None, MIDDLE), after=(MIDDLE, None), n=50, seed=1,
                            projection=PROJECTION)
    for m, row in c.summary.iterrows():
        want = iv.coverage(f"compare:{m}")
        assert row["calibrated"] == want.calibrated and row["coverage"] == want.coverage
    assert c.summary["calibrated"].dtype == bool


# ---------------------------------------------------------------------------------------------
# the methods against independent computations
# ---------------------------------------------------------------------------------------------
def test_wilson_against_published_values():
    # Newcombe (1998), Statistics in Medicine 17, table I, method 4 (score with continuity correction)
    published = {(81, 263): (0.2535, 0.3682), (15, 148): (0.0598, 0.1644), (0, 20): (0.0, 0.2005), (1, 29): (0.0018, 0.1963)}
    for (k, m), want in published.items():
        low, high = iv.mean_interval([1] * k + [0] * (m - k))
        assert (round(low, 4), round(high, 4)) == want


def test_bootstrap_mean_against_normal_theory():
    rng = np.random.default_rng(5)
    v = rng.gamma(2.0, 3.0, 2000)
    low, high = iv.mean_interval(v, n=4000, seed=1)
    se = v.std(ddof=1) / np.sqrt(len(v))
    assert (high - low) / (2 * 1.96 * se) == pytest.approx(1, abs=0.05)
    assert low < v.mean() < high


def test_ties_doubles_the_deviations():
    rng = np.random.default_rng(2)
    d = rng.poisson(6, 500).astype(float)
    w = np.minimum(d, rng.poisson(3, 500))
    for plain, tied in (
        (iv.mean_interval(d, seed=3), iv.mean_interval(d, seed=3, ties=True)),
        (iv.ratio_interval(w, d, seed=3), iv.ratio_interval(w, d, seed=3, ties=True)),
    ):
        assert (tied[1] - tied[0]) == pytest.approx(2 * (plain[1] - plain[0]), rel=1e-9)


def test_paired_difference_keeps_residents_together():
    rng = np.random.default_rng(4)
    before = rng.normal(5, 2, 400)
    after = before + rng.normal(1, 0.5, 400)  # strongly paired: the interval is narrow
    low, high = iv.paired_difference_interval(before, after, seed=1)
    se = np.std(after - before, ddof=1) / np.sqrt(400)
    assert (high - low) / (2 * 1.96 * se) == pytest.approx(1, abs=0.08)
    independent = iv.difference_interval(after, before, seed=1)
    assert independent[1] - independent[0] > 3 * (high - low)
    # residents in only one period count in that period's mean
    b = np.r_[before, np.full(50, np.nan)]
    a = np.r_[after, np.full(50, 9.0)]
    low, high = iv.paired_difference_interval(b, a, seed=1)
    assert low < np.nanmean(a) - np.nanmean(b) < high


def test_seeds_reproduce_and_empty_input():
    v = np.arange(30.0)
    assert iv.mean_interval(v, seed=9) == iv.mean_interval(v, seed=9)
    assert iv.difference_interval(v, v + 1, seed=9) == iv.difference_interval(v, v + 1, seed=9)
    assert all(np.isnan(iv.mean_interval([])))
    assert all(np.isnan(iv.ratio_interval([0, 0], [0, 0])))
    assert all(np.isnan(iv.difference_interval([1.0], [])))
    assert all(np.isnan(iv.paired_difference_interval([1.0, np.nan], [np.nan, np.nan])))


@pytest.mark.parametrize(
    "call",
    [
        lambda: iv.mean_interval([1, 2], n=0),
        lambda: iv.mean_interval([1, 2], level=95),
        lambda: iv.mean_interval(["a"]),
        lambda: iv.ratio_interval([1, 2], [1]),
        lambda: iv.paired_difference_interval([1, 2], [1]),
    ],
)
def test_errors(call):
    with pytest.raises(wn.ArgumentError):
        call()


def test_docstring_examples():
    import doctest

    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for t in finder.find(iv):
        runner.run(t)
    assert runner.failures == 0


def test_the_reports_own_tie_rule_covers_too():
    """The report counts a tie at one shared session, sessions of 50 or more left out
    (``max_activity_size=49``), not the study's two sessions: the same two kinds cover on that
    rule too (1000 registers in docs/metrics.md: 0.946 and 0.955; here 150, truth from 300)."""
    rule = {"weight": "count", "unit": "session", "max_activity_size": 49}

    def degrees(seed: int) -> np.ndarray:
        rows, _ = register(seed)
        net = wn.Network.from_attendance(rows, date="date")
        return wn.degree(net.project(**rule)).reindex(net.residents, fill_value=0).to_numpy(float)

    truths = [degrees(50_000 + s) for s in range(300)]
    truth_mean = float(np.mean([d.mean() for d in truths]))
    truth_share = float(np.mean([(d > 0).mean() for d in truths]))
    hits_mean = hits_share = 0
    for s in range(150):
        d = degrees(60_000 + s)
        low, high = iv.mean_interval(d, ties=True, n=400, seed=s)
        hits_mean += low <= truth_mean <= high
        low, high = iv.mean_interval((d > 0).astype(float), n=400, seed=s)
        hits_share += low <= truth_share <= high
    assert 0.88 <= hits_mean / 150 <= 0.995
    assert 0.88 <= hits_share / 150 <= 0.995
