"""Planted effects are found by wijknet's own functions with the right sign, and registers drawn
without them (same sizes and margins) show none.

The registers come from ``tests/planted.py`` (its docstring describes each effect). With
effects, every test statistic must be clearly away from zero on two seeds. Without effects, a
95% interval excludes zero (or a permutation p-value falls below 0.05) by chance in about one
register in twenty, so over five seeds at most one may: more would mean the "absent" version
still carries the effect. Independent oracles (pandas, networkx) check what was planted in the
data itself, before any wijknet measure reads it.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from planted import GROUPS, ITEMS, LABELS, planted

import wijknet as wn

N = 200  # permutations and bootstrap replicates
EFFECT_SEEDS = (0, 1)
NULL_SEEDS = (0, 1, 2, 3, 4)
APART = list(GROUPS)[-1]


@pytest.fixture(scope="module")
def present():
    return [planted(effects=True, seed=s) for s in EFFECT_SEEDS]


@pytest.fixture(scope="module")
def absent():
    return [planted(effects=False, seed=s) for s in NULL_SEEDS]


def _at_most_one_of_five(flags: list[bool], what: str) -> None:
    assert len(flags) == 5
    assert sum(flags) <= 1, f"{what}: {sum(flags)} of 5 registers without effects show it ({flags})"


# ---- the data -----------------------------------------------------------------------------------
def test_same_seed_same_register_other_seed_another():
    a, b = planted(effects=True, seed=3, residents=300), planted(effects=True, seed=3, residents=300)
    pd.testing.assert_frame_equal(a.attendance, b.attendance)
    pd.testing.assert_frame_equal(a.survey, b.survey)
    pd.testing.assert_frame_equal(a.support, b.support)
    assert a.net == b.net
    pd.testing.assert_frame_equal(a.net.layer("support").edges(), b.net.layer("support").edges())
    c = planted(effects=True, seed=4, residents=300)
    assert not c.attendance.equals(a.attendance)


@pytest.mark.parametrize("effects", [True, False])
def test_a_year_of_dated_sessions_with_roles_groups_and_a_survey(effects):
    p = planted(effects=effects, seed=0, residents=400)
    net, rows = p.net, p.attendance
    assert net.summary()["residents"] == 400
    assert set(rows["role"]) == {"participant", "volunteer", "organiser"}
    assert rows["date"].min() >= pd.Timestamp("2025-01-01") and rows["date"].max() <= pd.Timestamp(
        "2025-12-31"
    )
    kinds = net.activity_attributes()
    assert (kinds["kind"] == "event").sum() == 2 and kinds["sensitive"].sum() == 1
    assert not kinds.loc[kinds["sensitive"], "kind"].eq("event").any()
    # big events are bigger than any recurring activity, which Planted.met leaves them out by
    size = rows.groupby("activity")["resident"].nunique()
    recurring = size[kinds.loc[size.index, "kind"] == "recurring"]
    assert (
        recurring.max() == p.met["max_activity_size"] < size[kinds.loc[size.index, "kind"] == "event"].min()
    )
    # every resident attends at least two recurring activities, so no single loss isolates anyone
    per = rows[rows["activity"].isin(recurring.index)].groupby("resident")["activity"].nunique()
    assert len(per) == 400 and per.min() >= 2
    # groups and the survey
    people = net.resident_attributes()
    sizes = people["group"].value_counts()
    assert sizes.to_dict() == {g: int(round(s * 400)) for g, s in GROUPS.items()}
    assert people["responded"].sum() == len(p.survey) == 160
    assert set(p.survey["resident"]) == set(people.index[people["responded"]])
    assert list(p.survey.columns) == ["resident", *ITEMS]
    for item in ITEMS:
        assert set(p.survey[item]) <= set(LABELS) <= set(wn.survey.LIKERT_NL)
    # the support layer: only respondents name people, at most five each, never themselves
    g = net.layer("support")
    assert g.is_directed()
    assert set(p.support["ego"]) <= set(p.survey["resident"])
    assert p.support.groupby("ego").size().max() <= 5
    assert not (p.support["ego"] == p.support["alter"]).any()
    assert len(g.edges()) == len(p.support)
    assert set(g.respondents[g.respondents].index) == set(p.survey["resident"])


def test_without_effects_the_same_sizes_and_margins(present, absent):
    for p in present:
        q = planted(effects=False, seed=p.seed)
        assert p.net.residents.sort_values().equals(q.net.residents.sort_values())
        assert sorted(p.net.activities) == sorted(q.net.activities)
        a, b = p.net.resident_attributes(), q.net.resident_attributes()
        assert a["group"].value_counts().equals(b["group"].value_counts())
        assert a["responded"].sum() == b["responded"].sum()
        assert len(p.survey) == len(q.survey)
        assert abs(len(p.attendance) / len(q.attendance) - 1) < 0.15
        assert abs(len(p.support) / len(q.support) - 1) < 0.15
    for p in absent:
        assert all(t["direction"] == 0 for t in p.truth.values())
    assert [t["direction"] for t in present[0].truth.values()] == [1, -1, 1, 1, 1]


# ---- a. organisers support each other -------------------------------------------------------------
def _crew_pairs(p) -> set:
    crew = p.attendance[p.attendance["role"] != "participant"][["resident", "activity"]].drop_duplicates()
    pairs = crew.merge(crew, on="activity")
    pairs = pairs[pairs["resident_x"] != pairs["resident_y"]]
    return set(zip(pairs["resident_x"], pairs["resident_y"], strict=True))


def _organising_beyond_meeting(p) -> pd.Series:
    layers = {"co_organising": p.net.layer("co-organising"), "met": p.net.project(**p.met)}
    return wn.mrqap(p.net.layer("support"), layers, n=N, seed=1).coefficients.loc["co_organising"]


def test_organisers_support_each_other_oracle_and_qap(present):
    for p in present:
        crew = _crew_pairs(p)
        named = set(zip(p.support["ego"], p.support["alter"], strict=True))
        asked = {(a, b) for a, b in crew if a in set(p.survey["resident"])}
        hit = len(named & asked)
        # imperfect: many co-organiser pairs are named, not all of them
        assert 0.2 < hit / len(asked) < 0.9
        # far above chance: names spread over the whole neighbourhood would hit ~ ties · share
        chance = len(named) * len(crew) / (len(p.net.residents) * (len(p.net.residents) - 1))
        assert hit > 20 * max(chance, 1)
        q = wn.qap(p.net.layer("support"), p.net.layer("co-organising"), n=N, seed=1)
        assert q.correlation > 0.03
        assert q.p_greater <= 1 / (N + 1)
        # beyond meeting at the same sessions: co-organising predicts support with the
        # session projection held fixed (MRQAP, double semi-partialling)
        m = _organising_beyond_meeting(p)
        assert m["estimate"] > 0 and m["p_greater"] <= 1 / (N + 1)


def test_organisers_support_absent(absent):
    flags = []
    for p in absent:
        named = set(zip(p.support["ego"], p.support["alter"], strict=True))
        assert len(named & _crew_pairs(p)) <= 5  # only what chance gives
        q = wn.qap(p.net.layer("support"), p.net.layer("co-organising"), n=N, seed=1)
        assert abs(q.correlation) < 0.03
        flags.append(q.p_greater < 0.05 or _organising_beyond_meeting(p)["p_greater"] < 0.05)
    _at_most_one_of_five(flags, "QAP or MRQAP support ~ co-organising")


# ---- b. one group stays apart ---------------------------------------------------------------------
def _ei_permutation_p(g: wn.Graph, groups: pd.Series, group: str, seed: int) -> tuple[float, float, float]:
    """The group's E-I index, its expected value and the one-sided permutation p-value of
    an E-I index this low (group labels shuffled over the nodes)."""
    table = wn.mixing.ei_index(g, groups, level="group")
    observed = table.loc[group, "ei_index"]
    rng = np.random.default_rng(seed)
    null = [
        wn.mixing.ei_index(
            g, pd.Series(rng.permutation(groups.to_numpy()), index=groups.index), level="group"
        ).loc[group, "ei_index"]
        for _ in range(N)
    ]
    p = (1 + sum(x <= observed for x in null)) / (N + 1)
    return float(observed), float(table.loc[group, "expected"]), p


def _ei_oracle(p, g: wn.Graph, group: str) -> float:
    """E-I of a group's tie ends from the edge list and the attribute table, by pandas."""
    e = g.edges()
    of = p.attributes.set_index("resident")["group"]
    ends = pd.concat(
        [e[["source", "target"]], e[["target", "source"]].set_axis(["source", "target"], axis=1)]
    )
    mine = ends[ends["source"].map(of) == group]
    external = int((mine["target"].map(of) != group).sum())
    internal = len(mine) - external
    return (external - internal) / (external + internal)


def test_one_group_stays_apart(present):
    for p in present:
        rows = p.attendance.merge(p.attributes, on="resident")
        bridge = p.truth["bridge"]["activity"]
        theirs = set(rows.loc[rows["group"] == APART, "activity"]) - {bridge}
        others = set(rows.loc[rows["group"] != APART, "activity"]) - {bridge}
        assert theirs and not theirs & others  # activities of their own, the bridge apart
        groups = p.net.resident_attributes()["group"]
        for projection in (None, p.met):
            g = p.net.project(**(projection or {}))
            ei, expected, pval = _ei_permutation_p(g, groups, APART, seed=2)
            assert ei == pytest.approx(_ei_oracle(p, g, APART), rel=1e-12)
            assert ei < -0.9 < expected
            assert pval <= 1 / (N + 1)
            mixing = wn.mixing.ei_index(g, "group", level="group").drop(APART)
            assert (mixing["ei_index"] > 0).all()  # the others mix


def test_no_group_stays_apart(absent):
    flags = []
    for p in absent:
        g = p.net.project(**p.met)
        ei, expected, pval = _ei_permutation_p(g, p.net.resident_attributes()["group"], APART, seed=2)
        assert ei == pytest.approx(expected, abs=0.1)
        flags.append(pval < 0.05)
    _at_most_one_of_five(flags, "E-I of the group that stays apart with effects")


# ---- c. one activity is the only bridge ------------------------------------------------------------
def _components_without(p, activity: str) -> int:
    """Components of the residents once an activity stops, by networkx on the two-mode graph."""
    rows = p.attendance[p.attendance["activity"] != activity]
    b = nx.Graph()
    b.add_nodes_from(("r", r) for r in p.attendance["resident"].unique())
    b.add_edges_from((("r", r), ("a", a)) for r, a in zip(rows["resident"], rows["activity"], strict=True))
    return nx.number_connected_components(b)


def test_one_activity_is_the_only_bridge(present):
    for p in present:
        bridge = p.truth["bridge"]["activity"]
        assert _components_without(p, "no such activity") == 1
        assert _components_without(p, bridge) == 2
        share = (p.attributes["group"] == APART).mean()
        for projection in (None, p.met):
            r = wn.whatif.rank_activities(p.net, projection=projection)
            assert r.index[0] == bridge and r.loc[bridge, "rank"] == 1
            assert r.loc[bridge, "components_added"] == 1
            assert r.loc[bridge, "largest_component_share_change"] == pytest.approx(-share)
            rest = r.drop(bridge)
            assert (rest["residents_losing_all_ties"] == 0).all()
            assert (rest["components_added"] == 0).all()
            assert (rest["largest_component_share_change"] == 0).all()


def test_no_activity_is_the_only_bridge(absent):
    for p in absent:
        bridge = p.truth["bridge"]["activity"]
        assert _components_without(p, bridge) == 1
        for projection in (None, p.met):
            r = wn.whatif.rank_activities(p.net, projection=projection)
            assert (r["components_added"] == 0).all()
            assert (r["largest_component_share_change"] == 0).all()


# ---- d. respondents are the better-connected residents ----------------------------------------------
def test_respondents_are_the_better_connected(present):
    for p in present:
        rows = p.attendance[
            p.attendance["activity"].isin(p.net.activity_attributes().query("kind == 'recurring'").index)
        ]
        pairs = rows[["resident", "activity"]].drop_duplicates()
        co = pairs.merge(pairs, on="activity").query("resident_x != resident_y")
        coparticipants = co.groupby("resident_x")["resident_y"].nunique()
        responded = p.attributes.set_index("resident")["responded"]
        assert coparticipants[responded].mean() > 1.2 * coparticipants[~responded].mean()
        for projection in (None, p.met):
            r = wn.survey.nonresponse(p.net, p.survey, projection=projection, n=N, seed=1)
            assert r.summary.loc["degree", "difference"] > 0
            assert r.summary.loc["degree", "ci_low"] > 0


def test_respondents_are_not_the_better_connected(absent):
    for projection in ("default", "met"):
        flags = []
        for p in absent:
            r = wn.survey.nonresponse(
                p.net, p.survey, projection=p.met if projection == "met" else None, n=N, seed=1
            )
            low, high = r.summary.loc["degree", ["ci_low", "ci_high"]]
            flags.append(not low <= 0 <= high)
        _at_most_one_of_five(flags, f"nonresponse degree difference ({projection} projection)")


# ---- e. agreeing goes with repeated contact --------------------------------------------------------
def _difference(p, item: str) -> pd.Series:
    t = p.truth["agree_repeated_contact"]
    c = wn.survey.compare(
        p.net, p.survey, item=item, evidence=t["evidence"], projection=t["projection"], n=N, seed=1
    )
    return c.summary.loc["difference"]


def test_agreeing_goes_with_repeated_contact(present):
    for p in present:
        d = _difference(p, p.truth["agree_repeated_contact"]["item"])
        assert d["value"] > 0.2 and d["ci_low"] > 0
        unrelated = _difference(p, p.truth["agree_repeated_contact"]["unrelated_item"])
        assert unrelated["ci_low"] <= 0 <= unrelated["ci_high"]


def test_agreeing_does_not_go_with_repeated_contact(absent):
    flags = []
    for p in absent:
        d = _difference(p, p.truth["agree_repeated_contact"]["item"])
        flags.append(not d["ci_low"] <= 0 <= d["ci_high"])
    _at_most_one_of_five(flags, "survey item × repeated contact")


def test_sizes_are_parameters():
    p = planted(effects=True, seed=5, residents=200, activities=14, events=1, response=0.5)
    assert p.net.summary()["residents"] == 200
    assert len(p.net.activities) == 15
    assert len(p.survey) == 100
    r = wn.whatif.rank_activities(p.net)
    assert r.index[0] == p.truth["bridge"]["activity"]
    with pytest.raises(ValueError, match="residents"):
        planted(effects=True, seed=0, residents=50)
