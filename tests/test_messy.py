"""The corpus of messy registers (``tests/data/messy``): every file is read exactly as its
expected outcome says, or refused with exactly the problems it lists.

Each data file ``NAME.EXT`` has a sidecar ``NAME.expected.json``, written by hand from what the
file says (its schema is in the folder's README). One expected file may hold several cases
(``{"cases": [...]}``), e.g. a file refused as it is and read right with an option. The checks
are split by aspect (the network, the read report, the warnings, the problem list, the merge
suggestions), so a failure names what went wrong. The command line is run in a subprocess on a
few of the files.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import DATA_DIR

import wijknet as wn
from wijknet._problems import KINDS

MESSY = DATA_DIR / "messy"

#: The endings of the data files of the corpus.
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".csv.gz", ".xlsx", ".xlsm", ".xls", ".ods", ".parquet")
EXPECTED = ".expected.json"
#: Files of the folder that are neither data nor expectations.
OTHER_FILES = {"README.md", "make_corpus.py", "__pycache__"}
READERS = ("read_attendance", "read_signin_sheet")
#: Keys of "network" that are not entries of ``Network.summary()``.
NETWORK_KEYS = {"residents", "activities", "first_date", "last_date", "read"}


def data_paths() -> list[tuple[str, Path]]:
    """(name without its extension, path) of every data file of the corpus."""
    out: list[tuple[str, Path]] = []
    if not MESSY.is_dir():
        return out
    for p in sorted(MESSY.iterdir()):
        if p.name.endswith(EXPECTED) or p.name in OTHER_FILES:
            continue
        for suffix in DATA_SUFFIXES:
            if p.name.endswith(suffix):
                out.append((p.name[: -len(suffix)], p))
                break
    return out


def data_files() -> dict[str, Path]:
    """{name without its extension: data file} of the corpus."""
    return dict(data_paths())


def expected_files() -> dict[str, Path]:
    """{stem: expected file} of the corpus."""
    if not MESSY.is_dir():
        return {}
    return {p.name[: -len(EXPECTED)]: p for p in sorted(MESSY.glob("*" + EXPECTED))}


def cases_of(path: Path) -> list[dict]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    return spec["cases"] if "cases" in spec else [spec]


def sidecars() -> dict[str, Path]:
    """{data file name: its expected file}, for the data files that have one."""
    expected = expected_files()
    return {p.name: expected[stem] for stem, p in data_files().items() if stem in expected}


def params(predicate: Any) -> list:
    """The cases for which ``predicate(case)`` holds, as pytest parameters (name, index) with
    the id FILE, or FILE[i] in a file of several cases."""
    out = []
    for name, exp in sidecars().items():
        cases = cases_of(exp)
        for i, c in enumerate(cases):
            if predicate(c):
                out.append(pytest.param(name, i, id=name if len(cases) == 1 else f"{name}[{i}]"))
    return out


def case(name: str, index: int) -> dict:
    return cases_of(sidecars()[name])[index]


@cache
def outcome(name: str, index: int) -> tuple[Any, Any, tuple[str, ...]]:
    """(network or None, the wijknet error or None, the warnings' texts) of reading one case.

    Read once per case and kept. An error that is not a wijknet error (a keyword not yet
    understood, a traceback) propagates and fails the test that asked.
    """
    c = case(name, index)
    read = getattr(wn, c["read"], None)
    assert read is not None, f"wijknet has no {c['read']}()"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            net, err = read(MESSY / name, **c.get("kwargs", {})), None
        except wn.WijknetError as e:
            net, err = None, e
    return net, err, tuple(str(w.message) for w in caught)


def the_network(name: str, index: int) -> Any:
    net, err, _ = outcome(name, index)
    assert err is None, f"{name} should be read, but was refused ({type(err).__name__}):\n{err}"
    return net


def the_error(name: str, index: int) -> Any:
    net, err, _ = outcome(name, index)
    assert err is not None, f"{name} should be refused, but was read: {net!r}, {dict(net.summary())}"
    return err


def same_time(got: Any, expected: str | None) -> bool:
    if expected is None:
        return got is None
    return got is not None and pd.Timestamp(got) == pd.Timestamp(expected)


# ---------------------------------------------------------------------------------------------
# the corpus itself
# ---------------------------------------------------------------------------------------------


def test_every_file_has_an_expected_outcome():
    if not MESSY.is_dir():
        pytest.skip(f"the corpus is not available: {MESSY}")
    files, expected = data_files(), expected_files()
    stray = sorted(
        p.name
        for p in MESSY.iterdir()
        if p.name not in OTHER_FILES
        and not p.name.endswith(EXPECTED)
        and p.name not in {f.name for f in files.values()}
    )
    assert not stray, f"files of an unknown kind in {MESSY}: {stray}"
    stems = Counter(stem for stem, _ in data_paths())
    shared = sorted(stem for stem, n in stems.items() if n > 1)
    assert not shared, f"data files that share a name before the extension: {shared}"
    assert not sorted(set(files) - set(expected)), (
        f"data files without an expected outcome: {sorted(set(files) - set(expected))}"
    )
    assert not sorted(set(expected) - set(files)), (
        f"expected outcomes without a data file: {sorted(set(expected) - set(files))}"
    )
    assert len(files) >= 18


@pytest.mark.parametrize(("name", "index"), params(lambda c: True))
def test_expected_outcome_is_well_formed(name, index):
    c = case(name, index)
    assert c["read"] in READERS
    assert isinstance(c.get("kwargs", {}), dict)
    assert ("network" in c) != ("problems" in c), "exactly one of 'network' and 'problems'"
    assert set(c) <= {"about", "read", "kwargs", "network", "problems", "warnings", "suggest_merges"}
    for p in c.get("problems", []):
        assert p["kind"] in KINDS, f"unknown problem kind {p['kind']!r}"
        assert set(p) <= {"kind", "column", "count", "match"}
    for pattern in c.get("warnings", []):
        re.compile(pattern)
    for pair in c.get("suggest_merges", []):
        assert len(pair) == 2
        assert "network" in c, "suggest_merges needs a network"


def test_readme_names_every_file():
    if not MESSY.is_dir():
        pytest.skip(f"the corpus is not available: {MESSY}")
    readme = (MESSY / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in data_files().values() if f"`{p.name}`" not in readme]
    assert not missing, f"README.md does not describe: {missing}"


# ---------------------------------------------------------------------------------------------
# each file read right, or refused with every problem
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "index"), params(lambda c: "network" in c))
def test_read_as_expected(name, index):
    want = case(name, index)["network"]
    net = the_network(name, index)
    assert sorted(net.residents.tolist()) == sorted(want["residents"]), "residents differ"
    assert sorted(net.activities.tolist()) == sorted(want["activities"]), "activities differ"
    s = net.summary()
    for key in ("first_date", "last_date"):
        if key in want:
            assert same_time(s[key], want[key]), f"{key}: got {s[key]}, expected {want[key]}"
    got = {k: s[k] for k in want if k not in NETWORK_KEYS}
    assert got == {k: v for k, v in want.items() if k not in NETWORK_KEYS}


@pytest.mark.parametrize(("name", "index"), params(lambda c: "read" in c.get("network", {})))
def test_read_report(name, index):
    want = case(name, index)["network"]["read"]
    net = the_network(name, index)
    report = net.attrs.get("read")
    assert isinstance(report, Mapping), f"net.attrs has no read report: {dict(net.attrs)}"
    assert {k: report.get(k) for k in want} == want


@pytest.mark.parametrize(("name", "index"), params(lambda c: bool(c.get("warnings"))))
def test_warnings(name, index):
    _, _, texts = outcome(name, index)
    missing = [p for p in case(name, index)["warnings"] if not any(re.search(p, t) for t in texts)]
    assert not missing, f"no warning matches {missing}; the warnings were: {list(texts)}"


@pytest.mark.parametrize(("name", "index"), params(lambda c: "problems" in c))
def test_refused_with_every_problem(name, index):
    want = case(name, index)["problems"]
    err = the_error(name, index)
    table = err.problems
    got = Counter(
        (k, str(c), int(n)) for k, c, n in zip(table["kind"], table["column"], table["count"], strict=True)
    )
    expected = Counter((p["kind"], str(p["column"]), int(p["count"])) for p in want)
    assert got == expected, f"problems differ; the error said:\n{err}"
    for p in want:
        if "match" not in p:
            continue
        rows = table[(table["kind"] == p["kind"]) & (table["column"].astype(str) == str(p["column"]))]
        texts = (rows["message"].astype(str) + "; " + rows["fix"].astype(str)).tolist()
        assert any(re.search(p["match"], t) for t in texts), f"{p['kind']}: {p['match']!r} not in {texts}"


@pytest.mark.parametrize(("name", "index"), params(lambda c: bool(c.get("suggest_merges"))))
def test_suggest_merges(name, index):
    net = the_network(name, index)
    table = wn.suggest_merges(net)
    found = {frozenset((a, b)) for a, b in zip(table["name"], table["other"], strict=True)}
    missing = [pair for pair in case(name, index)["suggest_merges"] if frozenset(pair) not in found]
    assert not missing, f"not suggested: {missing}; suggestions were:\n{table}"


# ---------------------------------------------------------------------------------------------
# the command line, on corpus files
# ---------------------------------------------------------------------------------------------


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real entry point, run in a subprocess on the wijknet these tests import (whatever
    the working folder and however PYTHONPATH was written)."""
    package_root = str(Path(wn.__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "wijknet.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


COLUMNS = ("--resident", "naam", "--activity", "activiteit", "--date", "datum")


def corpus_file(name: str) -> Path:
    path = MESSY / name
    if not path.exists():
        pytest.skip(f"the corpus is not available: {path}")
    return path


def test_cli_check_lists_every_problem(tmp_path):
    r = cli("check", str(corpus_file("all_problems.csv")), *COLUMNS, "--role", "rol", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    out = r.stdout + r.stderr
    for column in ("naam", "datum", "rol"):
        assert column in out, f"column {column!r} is not named in:\n{out}"
    assert "volgende week" in out


def test_cli_check_clean_file(tmp_path):
    r = cli("check", str(corpus_file("register.tsv")), *COLUMNS, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("name", "residents"), [("semicolon_bom_crlf.csv", 6), ("repeated_row_semicolon_bom.csv", 5)]
)
def test_cli_summary(tmp_path, name, residents):
    r = cli("summary", str(corpus_file(name)), *COLUMNS, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert re.search(rf"(?im)^.*resident.*\b{residents}\b", r.stdout), r.stdout
