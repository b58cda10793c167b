"""``wijknet report`` and ``wijknet demo --out``: the evaluation report from the command line,
run in a subprocess as a user runs it."""

from __future__ import annotations

import html
import warnings
import zipfile

import pandas as pd
import pytest
from test_cli import cli

import wijknet as wn


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A register, its survey, resident attributes and support ties as the files an evaluator has."""
    d = tmp_path_factory.mktemp("report")
    net = wn.datasets.badhuis(300, seed=4, survey=True)
    rows = net.to_frame().rename(columns={"resident": "naam", "activity": "activiteit", "date": "datum"})
    rows["naam"] = "bewoner " + rows["naam"].astype(str)
    rows[["naam", "activiteit", "datum", "role"]].to_csv(d / "register.csv", index=False)
    survey = wn.datasets.survey_table(net)
    survey.insert(0, "naam", "bewoner " + survey.pop("resident").astype(str))
    survey.to_csv(d / "enquete.csv", index=False)
    attrs = net.resident_attributes().reset_index()[["resident", "neighbourhood", "age_group"]]
    attrs.insert(0, "naam", "bewoner " + attrs.pop("resident").astype(str))
    attrs.to_excel(d / "kenmerken.xlsx", index=False)
    ties = net.layer("support").edges()
    pd.DataFrame(
        {"ego": "bewoner " + ties["source"].astype(str), "alter": "bewoner " + ties["target"].astype(str)}
    ).to_csv(d / "steun.csv", index=False)
    return d


def _args(d, *extra):
    return [
        "report", str(d / "register.csv"), "--resident", "naam", "--activity", "activiteit",
        "--date", "datum", "--role", "role", "--survey", str(d / "enquete.csv"),
        "--attributes", str(d / "kenmerken.xlsx"), "--ties", str(d / "steun.csv"), *extra,
    ]


def test_report_html_with_everything(files):
    out = files / "rapport.html"
    r = cli(*_args(files, "--out", str(out), "--lang", "nl", "--seed", "3"))
    assert r.returncode == 0, r.stderr
    assert "rapport geschreven naar" in r.stdout
    page = html.unescape(out.read_text(encoding="utf-8"))
    for title in ("Verbondenheid", "Steunend netwerk", "Empowerment", "Inclusiviteit", "Enquête naast het register"):
        assert title in page
    assert "Niemand om hulp te vragen" in page  # the support ties were read
    assert "bewoner 1" not in page  # no resident names
    assert "attributes=['neighbourhood', 'age_group']" in page


def test_report_formats_from_the_suffix(files):
    md = files / "rapport.md"
    r = cli(*_args(files, "--out", str(md), "--lang", "en"))
    assert r.returncode == 0, r.stderr
    assert md.read_text(encoding="utf-8").startswith("# Evaluation report")
    docx = files / "rapport.docx"
    r = cli(*_args(files, "--out", str(docx)))
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(docx) as z:
        assert "word/document.xml" in z.namelist()


def test_report_of_a_bare_register_says_what_is_missing(files):
    out = files / "kaal.md"
    r = cli(
        "report", str(files / "register.csv"), "--resident", "naam", "--activity", "activiteit",
        "--out", str(out), "--lang", "en",
    )
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "Give the resident survey" in text and "Needs dates in the register" in text


def test_report_refuses_a_side_table_without_the_id_column(files):
    bad = files / "zonder_id.csv"
    pd.DataFrame({"wie": ["a"], "q": ["ja"]}).to_csv(bad, index=False)
    r = cli(
        "report", str(files / "register.csv"), "--resident", "naam", "--activity", "activiteit",
        "--survey", str(bad), "--out", str(files / "x.html"),
    )
    assert r.returncode == 2
    assert "--survey" in r.stderr and "'naam'" in r.stderr and "'wie'" in r.stderr


def test_report_needs_out(files):
    r = cli("report", str(files / "register.csv"), "--resident", "naam", "--activity", "activiteit")
    assert r.returncode == 2 and "--out" in r.stderr


def test_demo_writes_the_report(tmp_path):
    out = tmp_path / "demo.html"
    r = cli("demo", "--residents", "300", "--out", str(out), "--lang", "en")
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "Survey and register side by side" in page and "<svg" in page
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert "Who met whom" in r.stdout  # the summary is still printed
    assert f"report written to {out}" in r.stderr
