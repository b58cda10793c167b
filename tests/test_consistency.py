"""One concept, one number: what stopping an activity does, across the package.

For every activity of random dated registers (several sessions per activity), with a count
projection per activity or per session and ``min_weight`` None, 2 or 3:

* its unique ties in ``wn.activities.impact``, its ``ties_lost`` in
  ``wn.whatif.rank_activities``, the ties that ``wn.whatif.remove`` takes away and a brute force
  (project the register with and without the activity in pandas, compare the edge sets under
  the same ``min_weight``) are one number;
* the residents who lose every tie (at least one tie before, none after) are the same in
  ``rank_activities``, ``wn.whatif.dependency``, ``remove`` and the brute force.

The brute force uses nothing of wijknet: a tie is a pair of residents who share at least
``min_weight`` units (activities, or sessions = activity and date), or at least one unit
without ``min_weight``.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pandas as pd
from conftest import HYP
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn


def brute_ties(df: pd.DataFrame, unit: str, min_weight) -> set:
    """Ties of the count projection of the register ``df``, as sorted resident pairs."""
    key = ["activity"] if unit == "activity" else ["activity", "date"]
    shared: Counter = Counter()
    for _, rows in df.drop_duplicates(["resident", *key]).groupby(key):
        shared.update(itertools.combinations(sorted(rows["resident"]), 2))
    least = 1 if min_weight is None else min_weight
    return {pair for pair, c in shared.items() if c >= least}


def brute_removal(df: pd.DataFrame, activity: str, unit: str, min_weight) -> tuple[set, set]:
    """The ties that vanish when ``activity`` stops, and the residents left with none."""
    before = brute_ties(df, unit, min_weight)
    after = brute_ties(df[df["activity"] != activity], unit, min_weight)

    def tied(ties: set) -> set:
        return {r for pair in ties for r in pair}

    return before - after, tied(before) - tied(after)


registers = st.lists(
    st.tuples(st.integers(0, 14), st.integers(0, 5), st.integers(0, 4)),
    min_size=1,
    max_size=120,
)


@HYP
@given(rows=registers, unit=st.sampled_from(["activity", "session"]), min_weight=st.sampled_from([None, 2, 3]))
def test_what_stopping_an_activity_does_is_one_number(rows, unit, min_weight):
    df = pd.DataFrame(
        {
            "resident": [f"r{r}" for r, _, _ in rows],
            "activity": [f"act{a}" for _, a, _ in rows],
            "date": [pd.Timestamp("2025-01-06") + pd.Timedelta(days=7 * d) for _, _, d in rows],
        }
    )
    net = wn.Network.from_attendance(df, date="date")
    projection = {"weight": "count", "unit": unit, "min_weight": min_weight}
    impact = wn.activities.impact(net, projection=projection, progress=False)
    rank = wn.whatif.rank_activities(net, projection=projection, min_ties=1, progress=False)
    dep = wn.whatif.dependency(net, projection=projection, progress=False)
    assert sorted(impact.index) == sorted(rank.index) == sorted(net.activities)
    for a in net.activities:
        lost, isolated = brute_removal(df, a, unit, min_weight)
        s = wn.whatif.remove(net, activities=[a], projection=projection, min_ties=1, reach=False, progress=False)
        # count weights only fall when an activity goes, so no tie appears: lost = before − after
        removed = -int(s.summary.loc["ties", "change"])
        assert int(impact.loc[a, "unique_ties"]) == len(lost), a
        assert int(rank.loc[a, "ties_lost"]) == len(lost), a
        assert removed == len(lost), a
        assert set(s.lost_all) == isolated, a
        assert set(dep.index[dep["activity"] == a]) == isolated, a
        assert int(rank.loc[a, "residents_losing_all_ties"]) == len(isolated), a
        assert int(s.summary.loc["isolates", "change"]) == len(isolated), a


def test_a_tie_can_need_two_activities():
    # ann and bob meet once at dance and once at yoga: with min_weight 2 their one tie needs
    # both, so it is unique to each and each leaves both of them without ties
    df = pd.DataFrame(
        {
            "resident": ["ann", "bob", "ann", "bob", "cas"],
            "activity": ["dance", "dance", "yoga", "yoga", "yoga"],
            "date": pd.to_datetime(["2025-01-06"] * 2 + ["2025-01-07"] * 3),
        }
    )
    net = wn.Network.from_attendance(df, date="date")
    projection = {"unit": "session", "min_weight": 2}
    impact = wn.activities.impact(net, projection=projection, progress=False)
    assert impact["unique_ties"].to_dict() == {"dance": 1, "yoga": 1}
    rank = wn.whatif.rank_activities(net, projection=projection, min_ties=1, progress=False)
    assert rank["ties_lost"].to_dict() == {"dance": 1, "yoga": 1}
    assert rank["residents_losing_all_ties"].to_dict() == {"dance": 2, "yoga": 2}
    dep = wn.whatif.dependency(net, projection=projection, progress=False)
    assert sorted(zip(dep.index, dep["activity"])) == [
        ("ann", "dance"),
        ("ann", "yoga"),
        ("bob", "dance"),
        ("bob", "yoga"),
    ]
    for a in ("dance", "yoga"):
        s = wn.whatif.remove(net, activities=[a], projection=projection, min_ties=1, progress=False)
        assert sorted(s.lost_all) == ["ann", "bob"]


def test_synthetic_centre_dance_evening():
    # the evaluator's case: 2,000 residents, who met at the same session at least twice
    net = wn.datasets.badhuis(residents=2000, seed=0)
    projection = {"unit": "session", "min_weight": 2}
    dance = "dance evening (centre 1)"
    impact = wn.activities.impact(net, projection=projection, progress=False)
    rank = wn.whatif.rank_activities(net, projection=projection, min_ties=1, progress=False)
    dep = wn.whatif.dependency(net, projection=projection, progress=False)
    s = wn.whatif.remove(net, activities=[dance], projection=projection, min_ties=1, reach=False, progress=False)
    unique = int(impact.loc[dance, "unique_ties"])  # 3,174
    assert unique == int(rank.loc[dance, "ties_lost"]) == -int(s.summary.loc["ties", "change"])
    lose_all = int(rank.loc[dance, "residents_losing_all_ties"])  # 64
    assert lose_all == len(s.lost_all) == int((dep["activity"] == dance).sum())
    assert set(s.lost_all) == set(dep.index[dep["activity"] == dance])
    # and for every activity
    for a in net.activities:
        assert int(impact.loc[a, "unique_ties"]) == int(rank.loc[a, "ties_lost"]), a
        assert int(rank.loc[a, "residents_losing_all_ties"]) == int((dep["activity"] == a).sum()), a
