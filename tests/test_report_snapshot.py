"""Snapshot of the report's tidy table on the bundled synthetic register: any change to a value,
an interval, a code or a section shows up here. After an intended change, regenerate with
``WIJKNET_UPDATE_SNAPSHOTS=1 pytest tests/test_report_snapshot.py`` and review the diff."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import wijknet as wn

SNAPSHOT = Path(__file__).parent / "data" / "report" / "badhuis_600_survey.csv"
COLUMNS = ["section", "code", "group", "value", "ci_low", "ci_high", "n", "expected", "p"]


def _frame() -> pd.DataFrame:
    net = wn.datasets.badhuis(600, seed=2, survey=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = wn.evaluate(
            net,
            survey=wn.datasets.survey_table(net),
            attributes=["neighbourhood", "age_group"],
            before=("2025-01-01", "2025-07-01"),
            after=("2025-07-01", "2026-01-01"),
            seed=11,
            n=300,
            progress=False,
        )
    return report.to_frame()[COLUMNS]


def test_to_frame_matches_the_snapshot():
    got = _frame()
    if os.environ.get("WIJKNET_UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        got.to_csv(SNAPSHOT, index=False, float_format="%.12g")
        pytest.skip("snapshot written")
    want = pd.read_csv(SNAPSHOT, keep_default_na=True)
    assert got[["section", "code"]].astype(str).values.tolist() == want[["section", "code"]].astype(str).values.tolist()
    assert got["group"].fillna("").astype(str).tolist() == want["group"].fillna("").astype(str).tolist()
    for col in ["value", "ci_low", "ci_high", "n", "expected", "p"]:
        a = pd.to_numeric(got[col], errors="coerce").to_numpy(dtype=float)
        b = want[col].to_numpy(dtype=float)
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True, err_msg=col)
