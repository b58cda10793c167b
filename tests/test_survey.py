"""Survey triangulation (wn.survey): reading answers, answer × evidence, non-response and
reweighting, checked against hand-made registers, brute force and a planted simulation."""

from __future__ import annotations

import doctest
import importlib
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wijknet as wn


# ---- small registers -------------------------------------------------------------------------
def _five() -> wn.Network:
    """a–b share x, c–d share y, e alone: degrees 1, 1, 1, 1, 0."""
    return wn.Network.from_attendance(
        {"resident": ["a", "b", "c", "d", "e"], "activity": ["x", "x", "y", "y", "z"]}
    )


def _dated() -> wn.Network:
    """a and b meet at 3 sessions, a and c at 2, d and e at 1, f organises alone."""
    rows = [
        ("a", "walk", "2025-01-06"),
        ("b", "walk", "2025-01-06"),
        ("a", "walk", "2025-01-13"),
        ("b", "walk", "2025-01-13"),
        ("c", "walk", "2025-01-13"),
        ("a", "walk", "2025-01-20"),
        ("b", "walk", "2025-01-20"),
        ("c", "walk", "2025-01-20"),
        ("d", "chess", "2025-01-07"),
        ("e", "chess", "2025-01-07"),
        ("f", "swap", "2025-01-08"),
    ]
    df = pd.DataFrame(rows, columns=["resident", "activity", "date"])
    df["role"] = ["participant"] * 10 + ["organiser"]
    return wn.Network.from_attendance(df, date="date", role="role")


def _kappa_brute(x: np.ndarray, y: np.ndarray) -> float:
    """Cohen's κ from its definition over the categories of two ratings."""
    po = np.mean(x == y)
    pe = sum(np.mean(x == c) * np.mean(y == c) for c in (True, False))
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")


# ---- reading answers -------------------------------------------------------------------------
def test_dutch_and_english_labels_map_to_scores():
    net = _five()
    survey = pd.DataFrame(
        {
            "resident": ["a", "b", "c", "d", "e"],
            "q": [
                "Helemaal mee eens ",
                "mee oneens",
                "strongly disagree",
                "Agree",
                "neither agree nor disagree",
            ],
        }
    )
    a = wn.survey.answers(net, survey, item="q")
    assert a["score"].tolist() == [5.0, 2.0, 1.0, 4.0, 3.0]
    assert a["agrees"].tolist() == [True, False, False, True, False]
    assert a["respondent"].all()


def test_yes_no_items_and_missing_answers():
    net = _five()
    survey = pd.DataFrame({"resident": ["a", "b", "c", "d"], "q": ["ja", "Nee", None, "weet niet"]})
    a = wn.survey.answers(net, survey, item="q")
    assert a.loc["a", "agrees"] is True or a.loc["a", "agrees"] == True  # noqa: E712
    assert a.loc["b", "agrees"] == False  # noqa: E712
    assert a["agrees"].isna().tolist() == [False, False, True, True, True]
    assert a["respondent"].tolist() == [True, True, True, True, False]
    booleans = pd.DataFrame({"resident": ["a", "b"], "q": [True, False]})
    assert wn.survey.answers(net, booleans, item="q")["agrees"].tolist()[:2] == [True, False]


def test_scale_override_and_agree_thresholds():
    net = _five()
    seven = pd.DataFrame({"resident": ["a", "b", "c"], "q": [7, 4, 5]})
    with pytest.raises(wn.ArgumentError, match="not on the scale"):
        wn.survey.answers(net, seven, item="q")
    a = wn.survey.answers(net, seven, item="q", scale=(1, 7))
    assert a["agrees"].tolist()[:3] == [True, False, True]  # above the middle (4) of 1–7
    assert wn.survey.answers(net, seven, item="q", scale=(1, 7), agree=6)["agrees"].tolist()[:3] == [
        True,
        False,
        False,
    ]
    own = pd.DataFrame({"resident": ["a", "b"], "q": ["zeker", "nooit"]})
    mapped = wn.survey.answers(net, own, item="q", scale={"nooit": 1, "soms": 2, "zeker": 3})
    assert mapped["score"].tolist()[:2] == [3.0, 1.0]
    assert mapped["agrees"].tolist()[:2] == [True, False]
    five = pd.DataFrame({"resident": ["a", "b", "c"], "q": [3, 4, 5]})
    assert wn.survey.answers(net, five, item="q", agree=[5])["agrees"].tolist()[:3] == [False, False, True]


def test_reading_errors_say_what_to_do():
    net = _five()
    with pytest.raises(wn.ArgumentError, match="not on the scale.*'soms'"):
        wn.survey.answers(net, pd.DataFrame({"resident": ["a"], "q": ["soms"]}), item="q")
    with pytest.raises(wn.ArgumentError, match="mixes yes/no"):
        wn.survey.answers(net, pd.DataFrame({"resident": ["a", "b"], "q": ["ja", "eens"]}), item="q")
    with pytest.raises(wn.ArgumentError, match="repeat"):
        wn.survey.answers(net, pd.DataFrame({"resident": ["a", "a"], "q": [1, 2]}), item="q")
    with pytest.raises(wn.ArgumentError, match="no column 'id'"):
        wn.survey.answers(net, pd.DataFrame({"resident": ["a"], "q": [1]}), item="q", on="id")
    with pytest.raises(wn.ArgumentError, match="no such column"):
        wn.survey.answers(net, pd.DataFrame({"resident": ["a"], "q": [1]}), item="p")
    with pytest.raises(wn.ArgumentError, match="agree"):
        wn.survey.answers(net, pd.DataFrame({"resident": ["a"], "q": [1]}), item="q", agree="yes")


def test_respondents_missing_from_the_register_are_reported_and_left_out():
    net = _five()
    survey = pd.DataFrame({"resident": ["a", "b", "zz", "yy"], "q": ["ja", "ja", "nee", "nee"]})
    with pytest.warns(UserWarning, match="2 survey respondents are not residents"):
        c = wn.survey.compare(net, survey, item="q", evidence="met_anyone", n=10, seed=0)
    assert c.outside == 2 and c.n == 2
    assert "2 not in the register" in repr(c)
    with pytest.warns(UserWarning, match="2 survey respondents"):
        r = wn.survey.nonresponse(net, survey, n=10, seed=0)
    assert (r.outside, r.respondents, r.non_respondents) == (2, 2, 3)
    with pytest.warns(UserWarning, match="2 survey respondents"):
        w = wn.survey.reweight(net, survey, item="q", n=10, seed=0)
    assert w.outside == 2
    with pytest.warns(UserWarning) as record:
        wn.survey.answers(net, survey, item="q")
    assert all("zz" not in str(x.message) for x in record)  # counted, never echoed


def test_ids_of_another_type_get_a_hint():
    net = wn.Network.from_attendance({"resident": [1, 2, 3], "activity": ["x", "x", "y"]})
    survey = pd.DataFrame({"resident": ["1", "2"], "q": ["ja", "nee"]})
    with pytest.warns(UserWarning, match="2 of them match when ids are compared as text"):
        a = wn.survey.answers(net, survey, item="q")
    assert not a["respondent"].any()


def test_polars_and_dict_surveys_are_read():
    net = _five()
    as_dict = {"resident": ["a", "b"], "q": ["ja", "nee"]}
    expected = wn.survey.answers(net, as_dict, item="q")
    pl = pytest.importorskip("polars")
    pd.testing.assert_frame_equal(wn.survey.answers(net, pl.DataFrame(as_dict), item="q"), expected)


# ---- evidence ---------------------------------------------------------------------------------
def test_named_evidence_on_a_dated_register():
    net = _dated()
    everyone = pd.DataFrame({"resident": list("abcdef"), "q": ["ja"] * 6})
    counts = {
        name: wn.survey.compare(net, everyone, item="q", evidence=name, n=0, seed=0).table.loc[True, True]
        for name in wn.survey.EVIDENCE
    }
    assert counts == {"met_anyone": 5, "repeated_contact": 3, "repeated_contact_3": 2, "took_role": 1}


def test_evidence_as_a_series():
    net = _five()
    survey = pd.DataFrame({"resident": list("abcd"), "q": ["ja", "ja", "nee", "nee"]})
    numbers = pd.Series([2.0, 0.0, 1.0, np.nan], index=list("abcd"), name="visits")
    c = wn.survey.compare(net, survey, item="q", evidence=numbers, n=0, seed=0)
    assert c.evidence == "visits" and c.n == 3
    assert c.table.loc[True, True] == 1 and c.table.loc[True, False] == 1 and c.table.loc[False, True] == 1
    with pytest.raises(wn.ArgumentError, match="met_anyone"):
        wn.survey.compare(net, survey, item="q", evidence="friends", n=0)


# ---- compare: cross-table, agreement, κ ------------------------------------------------------
def test_hand_made_cross_table_and_kappa():
    net = _five()
    survey = pd.DataFrame({"resident": list("abcde"), "q": ["eens", "eens", "eens", "oneens", "oneens"]})
    c = wn.survey.compare(net, survey, item="q", evidence="met_anyone", n=200, seed=4)
    assert c.table.iloc[:2, :2].to_numpy().tolist() == [[3, 0], [1, 1]]
    assert c.table.loc["total", "total"] == 5
    s = c.summary["value"]
    assert s["agreement"] == pytest.approx(4 / 5)
    # p_e = (3/5)(4/5) + (2/5)(1/5) = 14/25; κ = (20/25 − 14/25) / (11/25) = 6/11
    assert s["kappa"] == pytest.approx(6 / 11)
    assert s["share_with_evidence_agreeing"] == 1.0
    assert s["share_with_evidence_not_agreeing"] == 0.5
    assert s["difference"] == pytest.approx(0.5)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=40))
def test_table_and_kappa_match_brute_force(pairs):
    ids = [f"r{i}" for i in range(len(pairs))]
    net = wn.Network.from_attendance({"resident": ids, "activity": ["x"] * len(ids)})
    answer = np.array([p[0] for p in pairs])
    evidence = np.array([p[1] for p in pairs])
    survey = pd.DataFrame({"resident": ids, "q": np.where(answer, "ja", "nee")})
    c = wn.survey.compare(net, survey, item="q", evidence=pd.Series(evidence, index=ids), n=0, seed=0)
    cross = pd.crosstab(answer, evidence).reindex(index=[True, False], columns=[True, False], fill_value=0)
    assert c.table.iloc[:2, :2].to_numpy().tolist() == cross.to_numpy().tolist()
    assert c.summary.loc["agreement", "value"] == pytest.approx(np.mean(answer == evidence))
    np.testing.assert_allclose(
        c.summary.loc["kappa", "value"],
        _kappa_brute(answer, evidence),
        rtol=1e-12,
        atol=1e-12,
        equal_nan=True,
    )


def _random_survey(size: int, seed: int) -> tuple[wn.Network, pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    ids = [f"r{i}" for i in range(size)]
    net = wn.Network.from_attendance({"resident": ids, "activity": ["x"] * size})
    evidence = pd.Series(rng.random(size) < 0.5, index=ids)
    agree = np.where(evidence, rng.random(size) < 0.7, rng.random(size) < 0.3)
    return net, pd.DataFrame({"resident": ids, "q": np.where(agree, "ja", "nee")}), evidence


def test_intervals_contain_the_estimate_and_shrink_with_more_respondents():
    widths = []
    for size in (100, 1600):
        net, survey, evidence = _random_survey(size, 1)
        c = wn.survey.compare(net, survey, item="q", evidence=evidence, n=1000, seed=2)
        s = c.summary
        assert (s["ci_low"] <= s["value"]).all() and (s["value"] <= s["ci_high"]).all()
        widths.append((s["ci_high"] - s["ci_low"]).to_numpy())
    assert (widths[1] < widths[0] / 2).all()


def test_seeds_reproduce_and_none_is_recorded():
    net, survey, evidence = _random_survey(80, 3)
    a = wn.survey.compare(net, survey, item="q", evidence=evidence, n=300, seed=7)
    b = wn.survey.compare(net, survey, item="q", evidence=evidence, n=300, seed=7)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    fresh = wn.survey.compare(net, survey, item="q", evidence=evidence, n=300)
    again = wn.survey.compare(net, survey, item="q", evidence=evidence, n=300, seed=fresh.seed)
    pd.testing.assert_frame_equal(fresh.summary, again.summary)
    r1 = wn.survey.nonresponse(net, survey.iloc[:40], n=200)
    pd.testing.assert_frame_equal(
        r1.summary, wn.survey.nonresponse(net, survey.iloc[:40], n=200, seed=r1.seed).summary
    )
    w1 = wn.survey.reweight(net, survey.iloc[:40], item="q", n=200)
    w2 = wn.survey.reweight(net, survey.iloc[:40], item="q", n=200, seed=w1.seed)
    pd.testing.assert_frame_equal(w1.summary, w2.summary)


def test_compare_intervals_cover_the_model_values():
    from wijknet.survey import _cell_statistics

    probabilities = np.array([0.35, 0.15, 0.2, 0.3])  # agree&yes, agree&no, not&yes, not&no
    truth = _cell_statistics(probabilities)
    size, sims = 300, 300
    ids = [f"r{i}" for i in range(size)]
    net = wn.Network.from_attendance({"resident": ids, "activity": ["x"] * size})
    rng = np.random.default_rng(0)
    hits = np.zeros(len(truth))
    for s in range(sims):
        cell = rng.choice(4, size=size, p=probabilities)
        survey = pd.DataFrame({"resident": ids, "q": np.where(cell < 2, "ja", "nee")})
        evidence = pd.Series((cell == 0) | (cell == 2), index=ids)
        c = wn.survey.compare(net, survey, item="q", evidence=evidence, n=500, seed=s)
        hits += (c.summary["ci_low"].to_numpy() <= truth) & (truth <= c.summary["ci_high"].to_numpy())
    coverage = hits / sims
    assert ((coverage >= 0.92) & (coverage <= 0.98)).all(), coverage


def test_reweighted_interval_covers_the_model_share():
    sizes = np.array([200, 150, 100, 50])
    response = np.array([0.1, 0.3, 0.5, 0.8])
    agreeing = np.array([0.2, 0.4, 0.6, 0.8])
    truth = (sizes * agreeing).sum() / sizes.sum()
    ids = np.array([f"r{i}" for i in range(sizes.sum())])
    net = wn.Network.from_attendance({"resident": ids, "activity": ["x"] * len(ids)})
    strata = pd.Series(np.repeat(["s0", "s1", "s2", "s3"], sizes), index=ids)
    rng = np.random.default_rng(1)
    hits, sims = 0, 300
    for s in range(sims):
        answered = rng.random(len(ids)) < np.repeat(response, sizes)
        agrees = rng.random(len(ids)) < np.repeat(agreeing, sizes)
        survey = pd.DataFrame({"resident": ids[answered], "q": np.where(agrees[answered], "ja", "nee")})
        est = wn.survey.reweight(net, survey, item="q", strata=strata, n=500, seed=s).summary
        hits += est.loc["all_participants", "ci_low"] <= truth <= est.loc["all_participants", "ci_high"]
    assert 0.92 <= hits / sims <= 0.98, hits / sims


# ---- non-response -----------------------------------------------------------------------------
def test_nonresponse_on_a_hand_made_register():
    net = _five()
    r = wn.survey.nonresponse(net, pd.DataFrame({"resident": ["a", "b", "c"]}), n=300, seed=1)
    s = r.summary
    assert s.loc["degree", "respondents"] == 1.0 and s.loc["degree", "non_respondents"] == 0.5
    assert s.loc["met_anyone", "difference"] == pytest.approx(0.5)
    assert s.loc["component_size", "respondents"] == 2.0 and s.loc["component_size", "non_respondents"] == 1.5
    assert s.loc["in_largest_component", "respondents"] == pytest.approx(2 / 3)
    assert (s["ci_low"] <= s["difference"] + 1e-12).all() and (s["difference"] <= s["ci_high"] + 1e-12).all()
    assert r.position.loc["e", "component_size"] == 1.0 and not r.position.loc["e", "respondent"]


def test_nonresponse_finds_planted_better_connected_respondents():
    net = wn.datasets.badhuis(400, seed=1)
    deg = wn.degree(net.project())
    respondents = deg.sort_values(ascending=False).index[: len(deg) // 3]
    r = wn.survey.nonresponse(net, pd.DataFrame({"resident": respondents}), n=500, seed=0)
    assert r.summary.loc["degree", "ci_low"] > 0
    # and a register whose respondents are drawn at random shows nothing
    rng = np.random.default_rng(0)
    random = rng.choice(net.residents.to_numpy(), size=len(respondents), replace=False)
    q = wn.survey.nonresponse(net, pd.DataFrame({"resident": random}), n=500, seed=0)
    assert q.summary.loc["degree", "ci_low"] < 0 < q.summary.loc["degree", "ci_high"]


def test_progress_reports_the_bootstrap_once():
    net = _five()
    calls = []
    wn.survey.nonresponse(
        net, pd.DataFrame({"resident": ["a", "b"]}), n=50, seed=0, progress=lambda d, t: calls.append((d, t))
    )
    assert calls and calls[-1] == (100, 100)
    assert all(t == 100 for _, t in calls) and [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_projection_forms():
    net = _dated()
    survey = pd.DataFrame({"resident": list("abc")})
    g = net.project(min_weight=2)
    via_graph = wn.survey.nonresponse(net, survey, projection=g, n=0, seed=0)
    via_dict = wn.survey.nonresponse(net, survey, projection={"min_weight": 2}, n=0, seed=0)
    pd.testing.assert_frame_equal(via_graph.summary, via_dict.summary)
    assert via_graph.position.loc["d", "degree"] == 0.0
    with pytest.raises(wn.ArgumentError, match="lacks"):
        wn.survey.nonresponse(net, survey, projection=g.subgraph(["a", "b"]), n=0)


# ---- reweighting ------------------------------------------------------------------------------
def test_reweighting_matches_explicit_weights():
    net = _five()
    survey = pd.DataFrame({"resident": ["a", "b", "e"], "q": ["ja", "nee", "nee"]})
    labels = pd.Series(["one", "one", "one", "one", "two"], index=list("abcde"))
    r = wn.survey.reweight(net, survey, item="q", strata=labels, n=0, seed=0)
    # stratum one: 4 residents, 2 respondents (weight 2 each), half agree; two: 1 resident, 1 respondent
    weights = pd.Series({"a": 2.0, "b": 2.0, "e": 1.0})
    y = pd.Series({"a": 1.0, "b": 0.0, "e": 0.0})
    assert r.summary.loc["all_participants", "share"] == pytest.approx((weights * y).sum() / weights.sum())
    assert r.summary.loc["respondents", "share"] == pytest.approx(1 / 3)
    assert r.strata.loc["one", "weight"] == 2.0 and r.covered == 1.0
    assert r.text() == "33% of respondents agree; ≈ 40% of all participants"


def test_strata_without_respondents_are_reported():
    net = _five()
    survey = pd.DataFrame({"resident": ["a", "b"], "q": ["ja", "nee"]})
    labels = pd.Series(["one", "one", "two", "two", "three"], index=list("abcde"))
    r = wn.survey.reweight(net, survey, item="q", strata=labels, n=100, seed=0)
    assert r.uncovered.to_dict() == {"three": 1, "two": 2}
    assert r.covered == pytest.approx(2 / 5)
    assert r.summary.loc["all_participants", "n"] == 2
    with pytest.raises(wn.ArgumentError, match="no stratum"):
        wn.survey.reweight(net, survey, item="q", strata=labels.iloc[:3], n=0)


def test_reweighting_recovers_the_share_when_response_depends_on_degree():
    net = wn.datasets.badhuis(600, seed=2)
    g = net.project()
    deg = wn.degree(g).reindex(net.residents)
    rank = deg.rank(pct=True).to_numpy()
    raw_errors, weighted_errors, covered = [], [], []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        agrees = rng.random(len(rank)) < 0.15 + 0.7 * rank
        answered = rng.random(len(rank)) < 0.05 + 0.6 * rank
        truth = agrees.mean()
        survey = pd.DataFrame(
            {"resident": net.residents[answered], "q": np.where(agrees[answered], "ja", "nee")}
        )
        r = wn.survey.reweight(net, survey, item="q", projection=g, n=200, seed=seed)
        s = r.summary
        assert (
            s.loc["all_participants", "ci_low"]
            <= s.loc["all_participants", "share"]
            <= s.loc["all_participants", "ci_high"]
        )
        raw_errors.append(abs(s.loc["respondents", "share"] - truth))
        weighted_errors.append(abs(s.loc["all_participants", "share"] - truth))
        covered.append(s.loc["all_participants", "ci_low"] <= truth <= s.loc["all_participants", "ci_high"])
    assert np.mean(weighted_errors) < np.mean(raw_errors) / 2
    assert np.mean(covered) >= 0.75


# ---- item sets and the result protocol --------------------------------------------------------
def test_item_sets_map_to_known_evidence():
    assert set(wn.survey.ITEM_SETS) == {"cbs_social_cohesion", "participatiewiel"}
    cbs = wn.survey.ITEM_SETS["cbs_social_cohesion"]
    assert len(cbs.items) == 6 and cbs.scale == "5-point"
    for item_set in wn.survey.ITEM_SETS.values():
        frame = item_set.to_frame()
        assert frame.index.is_unique
        assert {e for e in frame["evidence"] if e is not None} <= set(wn.survey.EVIDENCE)
        assert item_set.wording and "not a quote" in item_set.wording or "own" in item_set.wording
        assert "<b>" in item_set._repr_html_()


def test_compare_items_reads_reversed_items_the_other_way_round():
    net = _dated()
    survey = pd.DataFrame(
        {
            "resident": list("abcdef"),
            "kennen": ["oneens", "helemaal mee oneens", "eens", "neutraal", "mee eens", "eens"],
            "contact": ["ja", "ja", "ja", "nee", "nee", "nee"],
            "pleasant": [5, 4, 3, 2, 1, 5],
        }
    )
    t = wn.survey.compare_items(
        net, survey, item_set="cbs_social_cohesion", columns={"know_each_other": "kennen"}, n=100, seed=5
    )
    assert t.attrs["seed"] == 5 and t.attrs["outside"] == 0
    assert t.index.tolist() == [i.code for i in wn.survey.ITEM_SETS["cbs_social_cohesion"].items]
    # the reversed item equals compare() with the scores turned round: agree on 1 and 2
    direct = wn.survey.compare(net, survey, item="kennen", evidence="met_anyone", agree=[1, 2], n=100, seed=5)
    assert t.loc["know_each_other", "n"] == direct.n == 6
    assert t.loc["know_each_other", "kappa"] == pytest.approx(direct.summary.loc["kappa", "value"])
    assert t.loc["know_each_other", "difference_ci_low"] == pytest.approx(
        direct.summary.loc["difference", "ci_low"]
    )
    contact = wn.survey.compare(net, survey, item="contact", evidence="repeated_contact", n=100, seed=5)
    assert t.loc["contact", "agreement"] == pytest.approx(contact.summary.loc["agreement", "value"]) == 1.0
    assert t.loc["pleasant", "note"] == "the register shows nothing about this item"
    assert t.loc["cosy", "note"] == "not in the survey" and pd.isna(t.loc["cosy", "kappa"])
    with pytest.raises(wn.ArgumentError, match="cbs_social_cohesion"):
        wn.survey.compare_items(net, survey, item_set="cbs", n=0)


def test_results_share_the_protocol():
    net = _five()
    survey = pd.DataFrame({"resident": list("abcd"), "q": ["ja", "ja", "nee", "nee"]})
    results = [
        wn.survey.compare(net, survey, item="q", evidence="met_anyone", n=50, seed=1),
        wn.survey.nonresponse(net, survey, n=50, seed=1),
        wn.survey.reweight(net, survey, item="q", n=50, seed=1),
    ]
    for res in results:
        assert isinstance(res.to_frame(), pd.DataFrame)
        assert "seed 1" in repr(res)
        assert "seed 1" in res._repr_html_()
        assert res.seed == 1
    assert "van alle deelnemers" in results[2].text(lang="nl")
    assert results[0].text().startswith("Met someone at an activity: ")
    assert "procentpunten" in results[0].text(lang="nl")
    with pytest.raises(wn.ArgumentError):
        results[0].text(lang="fr")
    with pytest.raises(wn.ArgumentError):
        results[2].text(lang="de")


def test_arguments_are_checked():
    net = _five()
    survey = pd.DataFrame({"resident": ["a"], "q": ["ja"]})
    for call in (
        lambda: wn.survey.compare(net, survey, item="q", evidence="met_anyone", n=-1),
        lambda: wn.survey.compare(net, survey, item="q", evidence="met_anyone", level=1.5),
        lambda: wn.survey.compare(net, survey, item="q", evidence="met_anyone", seed="x"),
        lambda: wn.survey.compare(net.project(), survey, item="q", evidence="met_anyone"),
        lambda: wn.survey.nonresponse(net, [1, 2]),
        lambda: wn.survey.reweight(net, survey, item="q", bins=0),
        lambda: wn.survey.answers(net, survey, item="q", scale="likert"),
    ):
        with pytest.raises(wn.ArgumentError):
            call()


def test_docstring_examples_run():
    mod = importlib.import_module("wijknet.survey")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 20
