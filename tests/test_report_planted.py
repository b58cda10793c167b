"""The report finds effects planted in a synthetic register, with the right sign and intervals
that exclude no effect, and shows none where nothing was planted (tests/planted.py)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from planted import planted

import wijknet as wn


def _report(effects: bool):
    p = planted(effects=effects, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = wn.evaluate(p.net, survey=p.survey, attributes="group", seed=1, n=500, progress=False)
    return p, report.to_frame().set_index(["code", "group"], drop=False), report


@pytest.fixture(scope="module")
def with_effects():
    return _report(True)


@pytest.fixture(scope="module")
def without_effects():
    return _report(False)


def _row(frame, code, group=None):
    rows = frame[frame["code"] == code]
    if group is not None:
        rows = rows[rows["group"] == group]
    assert len(rows) == 1, (code, group)
    return rows.iloc[0]


def test_co_organisers_support_each_other(with_effects, without_effects):
    _, f, _ = with_effects
    r = _row(f, "co_organising_support")
    assert r["value"] > r["expected"] and r["p"] < 0.01
    pairs = _row(f, "support_among_co_organisers")
    assert pairs["value"] > 10 * pairs["expected"]  # no interval for pairs: far above other pairs
    _, f0, _ = without_effects
    r0 = _row(f0, "co_organising_support")
    assert r0["p"] > 0.05


def test_one_group_stays_apart(with_effects, without_effects):
    p, f, _ = with_effects
    group = p.truth["group_apart"]["group"]
    r = _row(f, "ei_index_by_group", f"group = {group}")
    assert r["value"] < -0.5 < r["expected"]
    if pd.notna(r["ci_high"]):  # shown only where intervals of tie shares are calibrated
        assert r["ci_high"] < r["expected"]
    others = f[(f["code"] == "ei_index_by_group") & (f["group"] != f"group = {group}")]
    assert (others["value"] > -0.2).all()
    _, f0, _ = without_effects
    r0 = _row(f0, "ei_index_by_group", f"group = {group}")
    assert abs(r0["value"] - r0["expected"]) < 0.1
    if pd.notna(r0["ci_low"]):
        assert r0["ci_low"] <= r0["expected"] <= r0["ci_high"] + 0.02


def test_one_activity_is_the_only_bridge(with_effects, without_effects):
    p, f, report = with_effects
    assert _row(f, "bridge_activities")["value"] == 1
    assert list(wn.indicators.bridge_activities(p.net, projection=report.call and {"unit": "session", "max_activity_size": 49})) == [
        p.truth["bridge"]["activity"]
    ]
    _, f0, _ = without_effects
    assert _row(f0, "bridge_activities")["value"] == 0


def test_respondents_are_the_more_connected(with_effects, without_effects):
    _, f, _ = with_effects
    r = _row(f, "respondents_more_connected")
    assert r["ci_low"] > 0
    _, f0, _ = without_effects
    r0 = _row(f0, "respondents_more_connected")
    assert r0["ci_low"] <= 0 <= r0["ci_high"]
