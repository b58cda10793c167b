"""The synthetic survey of ``wn.datasets.badhuis(..., survey=True)``: reproducible, leaves the
register as it was, and its planted effects are found by wijknet's own tools with the right
sign (respondents are the better-connected residents, agreeing goes with repeated contact,
co-organisers name each other for help more often — but not always)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import wijknet as wn

ITEMS = [
    "leerde_anderen_kennen",
    "praat_vaker_met_buren",
    "doet_vaker_leuke_dingen",
    "kan_hulp_vragen",
    "meer_zelfvertrouwen",
]
LABELS = ["helemaal mee oneens", "mee oneens", "neutraal", "mee eens", "helemaal mee eens"]
REPEATED = {"unit": "session", "min_weight": 2}  # co-participants met at 2 or more sessions


@pytest.fixture(scope="module")
def net() -> wn.Network:
    return wn.datasets.badhuis(2000, seed=0, survey=True)


@pytest.fixture(scope="module")
def survey(net) -> pd.DataFrame:
    people = net.resident_attributes()
    return people[people["responded"]].reset_index()


def _pairs(edges: pd.DataFrame) -> set:
    return set(zip(edges["source"], edges["target"], strict=True))


# ---- the register part ------------------------------------------------------------------------
def test_survey_false_is_the_register_of_survey_true(net):
    plain = wn.datasets.badhuis(2000, seed=0)
    assert plain.layers == ["co-participation", "co-organising"]
    pd.testing.assert_frame_equal(plain.to_frame(), net.to_frame())
    people = net.resident_attributes()
    pd.testing.assert_frame_equal(plain.resident_attributes(), people[["neighbourhood", "age_group"]])
    assert list(people.columns) == ["neighbourhood", "age_group", "responded", *ITEMS]
    pd.testing.assert_frame_equal(plain.activity_attributes(), net.activity_attributes())


def test_same_seed_same_survey_other_seed_another(net):
    again = wn.datasets.badhuis(2000, seed=0, survey=True)
    pd.testing.assert_frame_equal(again.resident_attributes(), net.resident_attributes())
    pd.testing.assert_frame_equal(again.layer("support").edges(), net.layer("support").edges())
    pd.testing.assert_frame_equal(again.layer_table(), net.layer_table())
    other = wn.datasets.badhuis(2000, seed=1, survey=True)
    assert not other.resident_attributes()["responded"].equals(net.resident_attributes()["responded"])
    assert _pairs(other.layer("support").edges()) != _pairs(net.layer("support").edges())


def test_survey_must_be_true_or_false():
    with pytest.raises(wn.ArgumentError, match="survey"):
        wn.datasets.badhuis(100, seed=0, survey="yes")


# ---- the survey as data -----------------------------------------------------------------------
def test_one_row_per_resident_answers_only_from_respondents(net, survey):
    people = net.resident_attributes()
    assert people.index.equals(net.residents)
    assert pd.api.types.is_bool_dtype(people["responded"]) and people["responded"].notna().all()
    assert 0.3 < people["responded"].mean() < 0.6
    assert LABELS == [k for k in wn.survey.LIKERT_NL if k in LABELS]  # the package's own labels
    for item in ITEMS:
        answers = people[item]
        assert set(answers.dropna().astype(str)) == set(LABELS), item
        assert answers[~people["responded"]].isna().all(), item
        assert answers[people["responded"]].isna().mean() < 0.1, item  # a few items left blank
        coded = wn.survey.answers(net, survey, item=item)
        assert coded["score"].notna().sum() == answers.notna().sum()


def test_claimed_shares_are_those_evaluators_report(net, survey):
    agree = {item: wn.survey.answers(net, survey, item=item)["agrees"].mean() for item in ITEMS[:3]}
    assert agree["leerde_anderen_kennen"] == pytest.approx(0.73, abs=0.07)
    assert agree["praat_vaker_met_buren"] == pytest.approx(0.70, abs=0.07)
    assert agree["doet_vaker_leuke_dingen"] == pytest.approx(0.59, abs=0.07)


# ---- the planted effects, found by wijknet's tools ----------------------------------------------
def test_respondents_are_the_better_connected(net, survey):
    r = wn.survey.nonresponse(net, survey, projection=REPEATED, n=500, seed=1)
    row = r.summary.loc["degree"]
    assert row["difference"] > 0 and row["ci_low"] > 0
    assert r.summary.loc["met_anyone", "ci_low"] > 0
    # also when only the one-off big events are left out (sessions of more than 100 people)
    big_left_out = wn.survey.nonresponse(net, survey, projection={"max_activity_size": 100}, n=500, seed=1)
    assert big_left_out.summary.loc["degree", "ci_low"] > 0


def test_the_item_set_compares_every_item(net, survey):
    t = wn.survey.compare_items(net, survey, item_set=wn.datasets.BADHUIS_SURVEY, n=300, seed=7)
    assert list(t.index) == ITEMS
    assert t.loc["kan_hulp_vragen", "note"] == "the register shows nothing about this item"
    mapped = t.drop(index="kan_hulp_vragen")
    assert (mapped["difference_ci_low"] > 0).all(), mapped["difference_ci_low"]


def test_the_survey_claim_shrinks_for_all_participants(net, survey):
    w = wn.survey.reweight(
        net, survey, item="leerde_anderen_kennen", projection=REPEATED, n=300, seed=2
    ).to_frame()
    assert w.loc["all_participants", "share"] < w.loc["respondents", "share"] - 0.03
    assert w.loc["all_participants", "ci_high"] < w.loc["respondents", "share"]


def test_agreeing_goes_with_repeated_contact(net, survey):
    c = wn.survey.compare(
        net, survey, item="leerde_anderen_kennen", evidence="repeated_contact", n=500, seed=3
    )
    assert c.summary.loc["difference", "ci_low"] > 0
    role = wn.survey.compare(net, survey, item="meer_zelfvertrouwen", evidence="took_role", n=500, seed=4)
    assert role.summary.loc["difference", "ci_low"] > 0
    # "I have someone to ask for help" goes with naming someone in the support question
    named = wn.ego.support_sources(net.layer("support")).rename("named_someone")
    helped = wn.survey.compare(net, survey, item="kan_hulp_vragen", evidence=named, n=500, seed=5)
    assert helped.summary.loc["difference", "ci_low"] > 0


def test_co_organising_predicts_support(net):
    support, co = net.layer("support"), net.layer("co-organising")
    q = wn.qap(support, co, n=200, seed=5, weight=None)
    assert q.correlation > 0 and q.p_greater < 0.05
    # beyond the sessions they share: co-organising still predicts support when the number of
    # shared sessions is in the model
    met = net.project(weight="count", unit="session", min_weight=2)
    m = wn.mrqap(support, {"co_organising": co, "repeated_contact": met}, n=200, seed=6, weight=None)
    t = m.to_frame()
    assert t.loc["co_organising", "estimate"] > 0 and t.loc["co_organising", "p_greater"] < 0.05


def test_support_between_co_organisers_is_imperfect(net):
    support = _pairs(net.layer("support").edges())
    respondents = set(net.resident_attributes().query("responded").index)
    co = net.layer("co-organising").edges()
    asked = [(a, b) for a, b in zip(co["source"], co["target"], strict=True) if a in respondents]
    asked += [(b, a) for a, b in zip(co["source"], co["target"], strict=True) if b in respondents]
    named = np.mean([pair in support for pair in asked])
    assert 0.1 < named < 0.9


def test_non_respondents_are_not_asked_and_can_be_named(net):
    g = net.layer("support")
    people = net.resident_attributes()
    responded = people["responded"].reindex(g.nodes)
    assert g.respondents.equals(people["responded"].astype(bool).rename("respondent"))
    sources = wn.ego.support_sources(g)
    assert sources[~responded].isna().all()
    assert sources[responded].notna().all() and sources[responded].max() <= 5
    share = wn.share_nobody_to_ask(g)
    assert share == pytest.approx((sources[responded] == 0).mean())
    assert 0.05 < share < 0.6
    named = set(g.edges()["target"])
    assert named & set(people.index[~people["responded"]])
    assert set(g.edges()["source"]) <= set(people.index[people["responded"]])


# ---- a control: the same tools find nothing once the planted links are broken ---------------------
def test_shuffled_survey_shows_no_effect(net, survey):
    rng = np.random.default_rng(11)
    shuffled = survey.copy()
    shuffled["resident"] = rng.choice(net.residents.to_numpy(), size=len(survey), replace=False)
    r = wn.survey.nonresponse(net, shuffled, projection=REPEATED, n=500, seed=1)
    assert r.summary.loc["degree", "ci_low"] < 0 < r.summary.loc["degree", "ci_high"]
    c = wn.survey.compare(
        net, shuffled, item="leerde_anderen_kennen", evidence="repeated_contact", n=500, seed=3
    )
    assert c.summary.loc["difference", "ci_low"] < 0 < c.summary.loc["difference", "ci_high"]


def test_relabelled_support_is_not_predicted_by_co_organising(net):
    support = net.layer("support")
    e = support.edges()
    rng = np.random.default_rng(12)
    nodes = support.nodes.to_numpy()
    relabel = dict(zip(nodes, rng.permutation(nodes), strict=True))
    moved = pd.DataFrame({"source": e["source"].map(relabel), "target": e["target"].map(relabel)})
    g = wn.Graph.from_edges(moved, directed=True)
    q = wn.qap(g, net.layer("co-organising"), n=200, seed=5, weight=None)
    assert q.p_greater > 0.05
