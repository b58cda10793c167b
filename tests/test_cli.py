"""The command line: ``wijknet demo``, ``wijknet summary FILE`` and ``wijknet check FILE`` (run
as ``python -m wijknet.cli`` with this interpreter, in a subprocess, as a user runs it)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import wijknet as wn
from wijknet import _texts
from wijknet import cli as wcli


def environment(lang_env: str = "C.UTF-8") -> dict:
    """The environment of the command: the wijknet these tests import first on the path, and
    the language set by ``LANG`` alone."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang_env
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(wn.__file__)))
    env["PYTHONPATH"] = os.pathsep.join([package_root, *filter(None, [env.get("PYTHONPATH")])])
    return env


def cli(*args: str, cwd=None, lang_env: str = "C.UTF-8") -> subprocess.CompletedProcess:
    env = environment(lang_env)
    return subprocess.run(
        [sys.executable, "-m", "wijknet.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def figure(out: str, label: str, sep: str = ",") -> int:
    """The number printed after ``label`` at the start of a line (thousands separators allowed)."""
    m = re.search(rf"^{re.escape(label)}\s+([\d{re.escape(sep)}]+)", out, flags=re.MULTILINE)
    assert m, f"no line starting with {label!r} in:\n{out}"
    return int(m.group(1).replace(sep, ""))


def activity_rows(out: str) -> list[tuple[str, list[int]]]:
    """The rows of the activity table: (name, [residents, sessions, pairs met, only here])."""
    block = out.split("Activities, sorted by", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    rows = []
    for line in block:
        m = re.match(r"^(.*?)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)$", line)
        assert m, line
        rows.append((m.group(1), [int(m.group(i).replace(",", "")) for i in range(2, 6)]))
    return rows


@pytest.fixture(scope="module")
def register_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "register.csv"
    pd.DataFrame(
        {
            "wie": ["ann", "bob", "cas", "ann", "dirk", "eva"],
            "wat": ["dance", "dance", "dance", "yoga", "yoga", "swap"],
            "datum": ["2025-01-06", "2025-01-06", "2025-01-20", "2025-01-07", "2025-01-07", "2025-02-01"],
        }
    ).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def messy_csv(tmp_path_factory):
    """Four problems at once: an empty name, an empty activity, a date that is not one and
    role labels wijknet does not know."""
    path = tmp_path_factory.mktemp("cli") / "messy.csv"
    path.write_text(
        "naam;activiteit;datum;rol\n"
        "Eve;dans;2025-03-07;bezoeker\n"
        ";dans;2025-03-07;bezoeker\n"
        "Bob;dans;2025-03-07;gast\n"
        "Ann;ontbijt;2025-13-45;bezoeker\n"
        "Cas;;2025-03-09;bezoeker\n",
        encoding="utf-8",
    )
    return path


MESSY = ("--resident", "naam", "--activity", "activiteit", "--date", "datum", "--role", "rol")


# ---- demo -------------------------------------------------------------------------------------


def test_demo(tmp_path):
    r = cli("demo", "--residents", "500", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    net = wn.datasets.badhuis(residents=500, seed=0)
    g = net.project(unit="session")  # the default for a dated register, as the output says
    s = net.summary()
    deg = wn.degree(g)
    assert figure(out, "residents") == s["residents"]
    assert figure(out, "activities") == s["activities"]
    assert figure(out, "sessions") == s["sessions"]
    assert figure(out, "attendances") == s["attendances"]
    assert figure(out, "pairs who met") == g.number_of_edges()
    assert figure(out, "groups") == wn.number_connected_components(g)
    assert figure(out, "largest group") == int((wn.connected_components(g) == 0).sum())
    assert figure(out, "met no one") == len(wn.isolates(g))
    assert figure(out, "met someone") == int((deg > 0).sum())
    assert figure(out, "possible pairs") == s["residents"] * (s["residents"] - 1) // 2
    assert re.search(r"^period\s+2025-01-01 – 2025-12-31", out, re.M)
    assert "at the same session" in out
    # every figure has its explanation on the next line, indented
    assert "    residents who met at least one other resident at the same session" in out
    assert "Traceback" not in r.stderr and r.stderr == ""


def test_demo_says_why_the_register_has_fewer_residents(tmp_path):
    r = cli("demo", "--residents", "300", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    present = wn.datasets.badhuis(residents=300, seed=0).summary()["residents"]
    assert present < 300
    text = " ".join(r.stdout.split())
    assert "a made-up town of 300 inhabitants" in text
    assert f"{present} of them came to at least one activity and are in the register" in text
    assert f"{300 - present} took part in nothing" in text


def test_demo_with_options(tmp_path):
    r = cli("demo", "--residents", "300", "--seed", "4", "--unit", "activity", "--top", "3", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    net = wn.datasets.badhuis(residents=300, seed=4)
    g = net.project(unit="activity")
    assert "(seed 4)" in r.stdout
    assert figure(r.stdout, "pairs who met") == g.number_of_edges()
    assert figure(r.stdout, "groups") == wn.number_connected_components(g)
    assert "took part in the same activity" in r.stdout
    assert f"the first 3 of {net.summary()['activities']}" in r.stdout
    assert len(activity_rows(r.stdout)) == 3


def test_weight_is_refused_with_the_reason(tmp_path):
    r = cli("demo", "--weight", "newman", cwd=tmp_path)
    assert r.returncode == 2
    assert "--weight was removed" in r.stderr and "--strong" in r.stderr


# ---- summary ----------------------------------------------------------------------------------


def test_summary_of_a_csv(register_csv, tmp_path):
    args = ("summary", str(register_csv), "--resident", "wie", "--activity", "wat", "--date", "datum")
    r = cli(*args, "--unit", "activity", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert figure(out, "residents") == 5
    assert figure(out, "activities") == 3
    assert figure(out, "sessions") == 4
    assert figure(out, "attendances") == 6
    assert figure(out, "pairs who met") == 4  # ann-bob, ann-cas, bob-cas, ann-dirk
    assert figure(out, "groups") == 2
    assert figure(out, "met no one") == 1
    assert re.search(r"^period\s+2025-01-06 – 2025-02-01", out, re.M)
    assert f"Register: {register_csv}" in out
    # with dates and no --unit, a tie is a shared session
    r2 = cli(*args, cwd=tmp_path)
    assert r2.returncode == 0, r2.stderr
    assert figure(r2.stdout, "pairs who met") == 2  # ann-bob (Jan 6), ann-dirk (Jan 7)


def test_summary_of_a_parquet_file(tmp_path):
    path = tmp_path / "register.parquet"
    wn.datasets.davis_southern_women().to_frame()[["resident", "activity"]].to_parquet(path, index=False)
    r = cli("summary", str(path), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert figure(r.stdout, "residents") == 18
    assert figure(r.stdout, "pairs who met") == 139
    assert figure(r.stdout, "groups") == 1
    assert "The register has no dates, so meetings are counted per activity" in " ".join(r.stdout.split())


def test_summary_of_a_dutch_spreadsheet_export(tmp_path):
    """Semicolons, a byte-order mark and CRLF line ends, as a Dutch spreadsheet exports them."""
    path = tmp_path / "register.csv"
    text = "naam;activiteit;datum\r\nEve;dans;2025-03-07\r\nBob;dans;2025-03-07\r\nAnn;ontbijt;2025-03-09\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    r = cli(
        "summary",
        str(path),
        "--resident",
        "naam",
        "--activity",
        "activiteit",
        "--date",
        "datum",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert figure(r.stdout, "residents") == 3
    assert figure(r.stdout, "pairs who met") == 1
    # a wrong separator given by hand: the message names the separator and the fix
    r = cli(
        "summary", str(path), "--resident", "naam", "--activity", "activiteit", "--sep", ",", cwd=tmp_path
    )
    assert r.returncode == 1
    assert "read with a comma between columns" in r.stderr and "--sep ';'" in r.stderr
    assert "Traceback" not in r.stderr


def test_reading_notes_are_shown_never_silent(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("resident,activity,role\nann,dance,organiser\nbob,dance,\n")
    r = cli("summary", str(path), "--role", "role", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    block = r.stdout.split("Reading the file\n", 1)[1].split("\n\n", 1)[0]
    assert "1 row without a role (column 'role') was treated as participant" in block
    # json: in the notes field, and stdout is nothing but the JSON document
    r = cli("summary", str(path), "--role", "role", "--format", "json", cwd=tmp_path)
    assert any("without a role" in n for n in json.loads(r.stdout)["notes"])
    # csv: notes go to stderr
    r = cli("summary", str(path), "--role", "role", "--format", "csv", cwd=tmp_path)
    assert "without a role" in r.stderr and "without a role" not in r.stdout
    # nothing changed: the block says so
    r = cli("summary", str(path), cwd=tmp_path)
    assert "Reading the file\n  nothing was changed or left out while reading" in r.stdout


def test_repeated_rows_are_reported(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("resident,activity\nann,dance\nann,dance\nbob,dance\n")
    r = cli("summary", str(path), cwd=tmp_path)
    assert figure(r.stdout, "repeated rows") == 1
    r = cli("check", str(path), cwd=tmp_path)
    assert r.returncode == 0
    assert r.stdout.startswith("No problems found: 3 rows (1 repeating an earlier row for the same resident")
    assert "1 activity, 1 session." in " ".join(r.stdout.split())


# ---- exit statuses ----------------------------------------------------------------------------


def test_missing_file_exits_3_with_a_readable_message(tmp_path):
    r = cli("summary", str(tmp_path / "absent.csv"), cwd=tmp_path)
    assert r.returncode == 3
    assert r.stdout == ""
    assert r.stderr.startswith("wijknet: ")
    assert "absent.csv" in r.stderr and "does not exist" in r.stderr
    assert "Traceback" not in r.stderr
    assert cli("check", str(tmp_path / "absent.csv"), cwd=tmp_path).returncode == 3


def test_bad_column_exits_1_with_a_suggestion(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("resident,activity\nann,dance\n")
    r = cli("summary", str(path), "--resident", "Resident", cwd=tmp_path)
    assert r.returncode == 1
    assert "did you mean 'resident'" in r.stderr and "Traceback" not in r.stderr


def test_a_file_wijknet_does_not_read_exits_3(tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(b"not a register")
    r = cli("summary", str(path), cwd=tmp_path)
    assert r.returncode == 3
    assert ".docx" in r.stderr and "Traceback" not in r.stderr
    r = cli("summary", str(tmp_path), cwd=tmp_path)  # a folder
    assert r.returncode == 3 and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "args",
    [(), ("demo", "--unit", "week"), ("frobnicate",), ("demo", "--max-activity-size", "0"), ("summary",)],
)
def test_usage_errors_exit_2(args, tmp_path):
    r = cli(*args, cwd=tmp_path)
    assert r.returncode == 2
    assert "usage: wijknet" in r.stderr


def test_broken_pipe_ends_quietly(tmp_path):
    """``wijknet demo | head -3``: the reader goes away; no traceback, the status stays 0."""
    env = environment()
    p = subprocess.Popen(
        [sys.executable, "-m", "wijknet.cli", "demo", "--residents", "300", "--top", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    p.stdout.close()  # nobody reads: the command's write meets a broken pipe
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    # the same through a shell pipe
    r = subprocess.run(
        f"'{sys.executable}' -m wijknet.cli demo --residents 2000 --top 0 | head -3",
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert len(r.stdout.splitlines()) == 3
    assert "Traceback" not in r.stderr and "Broken" not in r.stderr


# ---- help ---------------------------------------------------------------------------------------


def test_every_option_has_help_with_its_default():
    parser = wcli.build_parser("en")
    sub = next(a for a in parser._actions if isinstance(a, __import__("argparse")._SubParsersAction))
    for name, p in sub.choices.items():
        for action in p._actions:
            if action.help == __import__("argparse").SUPPRESS or action.dest in ("help", "file"):
                continue
            assert action.help, (name, action.dest)
            assert "(default:" in action.help, (name, action.dest, action.help)


def test_help_texts(tmp_path):
    r = cli("--help", cwd=tmp_path)
    assert r.returncode == 0
    assert "``" not in r.stdout and ":func:" not in r.stdout
    assert "exit status:" in r.stdout and "3  the file cannot be read" in r.stdout
    r = cli("summary", "--help", cwd=tmp_path)
    text = " ".join(r.stdout.split())
    assert "--unit {session,activity} what counts as meeting" in text
    assert "(default: session when the register has dates, activity when it has none)" in text
    assert "--max-activity-size N" in text and "--dayfirst" in text and "--date-format FORMAT" in text
    assert "exit status:" in r.stdout


# ---- language ---------------------------------------------------------------------------------


def test_dutch_output(tmp_path):
    r = cli("demo", "--residents", "3000", "--lang", "nl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    net = wn.datasets.badhuis(residents=3000, seed=0)
    s = net.summary()
    g = net.project(unit="session")
    assert out.startswith("wijknet — wie ontmoette wie via de activiteiten")
    assert "Het register" in out and "Wie ontmoette wie" in out
    assert "bewoners die minstens één andere bewoner ontmoetten bij dezelfde bijeenkomst" in out
    # Dutch numbers: a point between thousands, a comma before decimals
    assert s["attendances"] >= 1000
    assert re.search(
        rf"^aanwezigheden\s+{s['attendances'] // 1000}\.{s['attendances'] % 1000:03d}\b", out, re.M
    )
    assert figure(out, "paren die elkaar ontmoetten", sep=".") == g.number_of_edges()
    assert re.search(r"\d,\d% van de bewoners", out)
    assert "Activiteiten, gesorteerd op paren die elkaar daar ontmoetten (meeste eerst)" in out
    # no English words of the report left
    assert "residents who" not in out and "pairs who" not in out


def test_language_from_the_environment(tmp_path):
    r = cli("demo", "--residents", "200", cwd=tmp_path, lang_env="nl_NL.UTF-8")
    assert r.stdout.startswith("wijknet — wie ontmoette wie")
    r = cli("demo", "--residents", "200", "--lang", "en", cwd=tmp_path, lang_env="nl_NL.UTF-8")
    assert r.stdout.startswith("wijknet — who met whom")
    assert wcli.default_lang({"LANG": "nl_BE.UTF-8"}) == "nl"
    assert wcli.default_lang({"LANGUAGE": "en", "LANG": "nl_NL"}) == "en"
    assert wcli.default_lang({}) == "en"


# ---- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "part, whole, en, nl",
    [
        (99_999, 100_000, "> 99.9%", "> 99,9%"),
        (999, 1000, "99.9%", "99,9%"),
        (1, 1000, "0.1%", "0,1%"),
        (1, 100_000, "< 0.1%", "< 0,1%"),
        (5, 5, "100%", "100%"),
        (0, 5, "0%", "0%"),
        (1, 8, "12.5%", "12,5%"),
        (0, 0, "–", "–"),
    ],
)
def test_honest_rounding(part, whole, en, nl):
    assert _texts.share(part, whole, "en") == en
    assert _texts.share(part, whole, "nl") == nl


def test_number_formatting():
    assert _texts.integer(94399, "en") == "94,399"
    assert _texts.integer(94399, "nl") == "94.399"
    assert _texts.decimal(1234.25, "en", 2) == "1,234.25"
    assert _texts.decimal(1234.25, "nl", 2) == "1.234,25"
    assert _texts.decimal(34.0, "nl") == "34"


def test_no_share_of_100_percent_next_to_an_isolated_resident(tmp_path):
    """999 of 1,000 residents met someone: never printed as 100%."""
    rows = [("r0", "solo", "2025-01-01")] + [(f"r{i}", "festival", "2025-01-02") for i in range(1, 1000)]
    path = tmp_path / "r.csv"
    pd.DataFrame(rows, columns=["resident", "activity", "date"]).to_csv(path, index=False)
    r = cli("summary", str(path), "--date", "date", cwd=tmp_path)
    assert re.search(r"^met someone\s+999\s+99\.9% of residents", r.stdout, re.M)
    assert re.search(r"^met no one\s+1\s+0\.1% of residents", r.stdout, re.M)
    assert "100%" not in r.stdout.split("Who met whom", 1)[1].split("possible pairs", 1)[1]


# ---- machine-readable output --------------------------------------------------------------------


def _api_figures(net, unit, max_size=None, strong=2) -> dict:
    s = net.summary()
    g = net.project(unit=unit, max_activity_size=max_size)
    deg = wn.degree(g)
    e = g.edges()
    n = len(deg)
    return {
        "residents": s["residents"],
        "activities": s["activities"],
        "sessions": s["sessions"],
        "attendances": s["attendances"],
        "repeated_rows": s["duplicates_found"],
        "ties": g.number_of_edges(),
        "strong_ties": int((e["weight"] >= strong).sum()),
        "possible_pairs": n * (n - 1) // 2,
        "met_someone": int((deg > 0).sum()),
        "isolated": int((deg == 0).sum()),
        "groups": wn.number_connected_components(g),
        "largest_group": int((wn.connected_components(g) == 0).sum()),
        "median_met": float(deg.median()),
    }


def test_json_equals_the_python_api(tmp_path):
    r = cli("demo", "--residents", "500", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)  # nothing but the document on stdout
    net = wn.datasets.badhuis(residents=500, seed=0)
    assert doc["unit"] == "session"
    figures = {f["key"]: f for f in doc["figures"]}
    for key, value in _api_figures(net, "session").items():
        assert figures[key]["value"] == value, key
    assert figures["first_date"]["value"] == "2025-01-01"
    n = figures["residents"]["value"]
    assert figures["met_someone"]["share"] == figures["met_someone"]["value"] / n
    assert all(f["explanation"] and f["label"] for f in doc["figures"])
    # the activity table: every activity, in the order of its heading
    imp = wn.activities.impact(net, projection={"unit": "session"}, progress=False)
    acts = pd.DataFrame(doc["activities"]).set_index("activity")
    assert len(acts) == len(imp)
    for c in ("participants", "sessions", "ties", "unique_ties"):
        assert (acts[c] == imp.loc[acts.index, c]).all(), c
    keys = list(zip(-acts["ties"], -acts["unique_ties"], -acts["participants"]))
    assert keys == sorted(keys)
    assert doc["activities_sorted_by"] == ["ties", "unique_ties", "participants"]


def test_json_in_dutch_keeps_english_keys(tmp_path):
    r = cli("demo", "--residents", "200", "--format", "json", "--lang", "nl", cwd=tmp_path)
    doc = json.loads(r.stdout)
    f = {x["key"]: x for x in doc["figures"]}
    assert f["met_someone"]["label"] == "ontmoetten iemand"
    assert "bijeenkomst" in f["met_someone"]["explanation"]


def test_csv_parses_and_equals_the_python_api(register_csv, tmp_path):
    r = cli(
        "summary",
        str(register_csv),
        "--resident",
        "wie",
        "--activity",
        "wat",
        "--date",
        "datum",
        "--format",
        "csv",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    table = pd.read_csv(io.StringIO(r.stdout), keep_default_na=False)
    assert list(table.columns) == ["section", "key", "activity", "value", "share", "label", "explanation"]
    figures = table[table["section"] == "figures"].set_index("key")["value"]
    net = wn.read_attendance(register_csv, resident="wie", activity="wat", date="datum")
    for key, value in _api_figures(net, "session").items():
        assert float(figures[key]) == value, key
    acts = (
        table[table["section"] == "activities"]
        .pivot(index="activity", columns="key", values="value")
        .astype(int)
    )
    imp = wn.activities.impact(net, progress=False)
    for c in ("participants", "sessions", "ties", "unique_ties"):
        assert (acts[c] == imp.loc[acts.index, c]).all(), c


# ---- the activity table -----------------------------------------------------------------------


def test_activity_table_is_wn_activities_impact_sorted_as_its_heading_says(tmp_path):
    r = cli("demo", "--residents", "300", "--top", "0", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Activities, sorted by pairs who met there (most first)" in r.stdout
    net = wn.datasets.badhuis(residents=300, seed=0)
    imp = wn.activities.impact(net, progress=False)  # the same default projection as the CLI
    rows = activity_rows(r.stdout)
    assert len(rows) == len(imp)
    for name, numbers in rows:
        if name.endswith("…"):  # a long name, cut short
            name = next(a for a in imp.index if a.startswith(name[:-1]))
        row = imp.loc[name]
        assert numbers == [row["participants"], row["sessions"], row["ties"], row["unique_ties"]], name
    ties = [numbers[2] for _, numbers in rows]
    assert ties == sorted(ties, reverse=True)


# ---- --max-activity-size ------------------------------------------------------------------------


def test_max_activity_size_leaves_large_sessions_out_and_says_how_many(tmp_path):
    r = cli("demo", "--residents", "300", "--max-activity-size", "50", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    net = wn.datasets.badhuis(residents=300, seed=0)
    figures = {f["key"]: f["value"] for f in doc["figures"]}
    for key, value in _api_figures(net, "session", max_size=50).items():
        assert figures[key] == value, key
    frame = net.to_frame()
    sizes = frame.groupby(["activity", "date"], observed=True)["resident"].nunique()
    assert figures["left_out"] == int((sizes > 50).sum()) > 0
    assert figures["largest_unit"] == int(sizes.max())
    assert doc["max_activity_size"] == 50
    # the text says it in words
    r = cli("demo", "--residents", "300", "--max-activity-size", "50", cwd=tmp_path)
    text = " ".join(r.stdout.split())
    left = figures["left_out"]
    assert (
        f"{left} of {len(sizes)} sessions had more than 50 residents and were left out of the meetings"
        in text
    )
    # without it, the output explains what one big event does
    r = cli("demo", "--residents", "300", cwd=tmp_path)
    assert f"the largest session here had {int(sizes.max())} residents" in " ".join(r.stdout.split())


# ---- check ------------------------------------------------------------------------------------


def test_check_a_clean_file(register_csv, tmp_path):
    r = cli(
        "check", str(register_csv), "--resident", "wie", "--activity", "wat", "--date", "datum", cwd=tmp_path
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("No problems found: 6 rows, 5 residents, 3 activities, 4 sessions.")


def test_check_lists_every_problem_at_once(messy_csv, tmp_path):
    r = cli("check", str(messy_csv), *MESSY, cwd=tmp_path)
    assert r.returncode == 1
    out = r.stdout
    with pytest.raises(wn.InputError) as info:
        wn.read_attendance(messy_csv, resident="naam", activity="activiteit", date="datum", role="rol")
    expected = info.value.problems
    assert f"{len(expected)} problems found" in out
    for kind in expected["kind"].unique():
        assert f"({kind})" in out, kind
    for message in expected["message"]:
        assert " ".join(message.split()) in " ".join(out.split())
    for fix in expected["fix"]:
        if fix:
            assert " ".join(fix.split()) in " ".join(out.split())
    # the empty name: line 3 of the file (data row 1, under the header)
    empty = out.split("(empty_id)", 1)[1]
    assert "where: line 3" in empty
    assert "Traceback" not in r.stderr


def test_check_json_and_csv(messy_csv, tmp_path):
    with pytest.raises(wn.InputError) as info:
        wn.read_attendance(messy_csv, resident="naam", activity="activiteit", date="datum", role="rol")
    expected = info.value.problems
    r = cli("check", str(messy_csv), *MESSY, "--format", "json", cwd=tmp_path)
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert doc["ok"] is False
    assert [p["kind"] for p in doc["problems"]] == expected["kind"].tolist()
    assert [p["count"] for p in doc["problems"]] == expected["count"].tolist()
    assert [p["rows"] for p in doc["problems"]] == [list(x) for x in expected["rows"]]
    r = cli("check", str(messy_csv), *MESSY, "--format", "csv", cwd=tmp_path)
    assert r.returncode == 1
    table = pd.read_csv(io.StringIO(r.stdout))
    assert table["kind"].tolist() == expected["kind"].tolist()


def test_check_in_dutch(messy_csv, tmp_path):
    r = cli("check", str(messy_csv), *MESSY, "--lang", "nl", cwd=tmp_path)
    assert r.returncode == 1
    assert "problemen gevonden" in r.stdout and "regels zonder naam of id (empty_id)" in r.stdout


def test_check_shows_huge_values_shortened(tmp_path):
    """A value of a megabyte (a whole document pasted into a cell) is shown by its first 40
    characters and its length, in either language; the CSV of the problems keeps it whole."""
    mb = 1 << 20
    path = tmp_path / "huge.csv"
    path.write_text("naam;activiteit;rol\nAnn;dans;deelnemer\nBob;dans;" + "x" * mb + "\n", encoding="utf-8")
    columns = ("--resident", "naam", "--activity", "activiteit", "--role", "rol")
    for lang, length in (("en", "1,048,576 characters"), ("nl", "1.048.576 tekens")):
        r = cli("check", str(path), *columns, "--lang", lang, cwd=tmp_path)
        assert r.returncode == 1, r.stderr
        assert len(r.stdout) < 10_000, len(r.stdout)
        assert f"{'x' * 40}… ({length})" in r.stdout, r.stdout[:3000]
    r = cli("check", str(path), *columns, "--format", "csv", cwd=tmp_path)
    assert "x" * mb in r.stdout


def test_summary_of_a_file_with_problems_exits_1(messy_csv, tmp_path):
    r = cli("summary", str(messy_csv), *MESSY, cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout == ""
    assert "problems" in r.stderr and "wijknet check with the same options lists every problem" in r.stderr
    assert "Traceback" not in r.stderr


def test_roles_option(messy_csv, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("naam,activiteit,rol\nann,dans,deelnemer\nbob,dans,gast\n")
    r = cli(
        "summary", str(path), "--resident", "naam", "--activity", "activiteit", "--role", "rol",
        "--roles", "deelnemer=participant,gast=participant", cwd=tmp_path,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert figure(r.stdout, "pairs who met") == 1


# ---- options this version cannot use ----------------------------------------------------------


def test_options_a_reader_does_not_take_are_named():
    def reader(path, *, resident="resident", activity="activity", sep=None, **kwargs):
        pass

    def build(data, *, resident="resident", activity="activity", date=None, role=None):
        pass

    assert wcli.unsupported([reader, build], ["resident", "sep", "date", "sheet", "dayfirst"]) == [
        "sheet",
        "dayfirst",
    ]
    assert wcli.unsupported([reader], ["sheet"]) == []  # the chain ends in **kwargs: cannot tell


@pytest.mark.parametrize(
    "option",
    [
        ("--sheet", "Blad1"),
        ("--header", "1"),
        ("--encoding", "cp1252"),
        ("--dayfirst",),
        ("--date-format", "%d-%m-%Y"),
    ],
)
def test_reading_options_give_a_clean_answer(option, register_csv, tmp_path):
    """Passed on to the reader; where this version does not take one, a plain message."""
    r = cli(
        "check",
        str(register_csv),
        "--resident",
        "wie",
        "--activity",
        "wat",
        "--date",
        "datum",
        *option,
        cwd=tmp_path,
    )
    assert "Traceback" not in r.stderr
    assert r.returncode in (0, 1, 2)
    if r.returncode == 2:  # not taken by this version, or not for this kind of file: named
        assert option[0] in r.stderr or option[0][2:].replace("-", "_") in r.stderr


def test_signin_layout(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_text("resident,2025-03-07,2025-03-14\nann,x,\nbob,x,x\ncas,,x\n")
    r = cli("summary", str(path), "--layout", "signin", "--activity", "dans", cwd=tmp_path)
    assert "Traceback" not in r.stderr
    if not hasattr(wn, "read_signin_sheet"):
        assert r.returncode == 2 and "cannot read sign-in sheets" in r.stderr
        return
    assert r.returncode == 0, r.stderr
    assert figure(r.stdout, "residents") == 3
    assert figure(r.stdout, "pairs who met") == 2  # ann-bob on 7 March, bob-cas on 14 March


def test_demo_runs_without_progress_on_a_pipe(tmp_path):
    r = cli("demo", "--residents", "200", "--format", "json", cwd=tmp_path)
    assert r.stderr == ""
    assert np.isfinite(json.loads(r.stdout)["figures"][0]["value"])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal for stderr (Linux)")
def test_steps_are_shown_on_a_terminal_and_never_in_json(tmp_path):
    import pty

    leader, follower = pty.openpty()
    p = subprocess.Popen(
        [sys.executable, "-m", "wijknet.cli", "demo", "--residents", "300", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=follower,
        cwd=tmp_path,
        env=environment(),
    )
    out, _ = p.communicate(timeout=120)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed and read empty
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert p.returncode == 0
    assert json.loads(out)["figures"]  # stdout: the document only
    assert b"finding who met whom" in seen


def test_a_projection_too_large_names_the_command_line_options(tmp_path):
    """23,000 residents at one festival: 264 million pairs, past the pair budget."""
    path = tmp_path / "r.csv"
    pd.DataFrame({"resident": range(23_000), "activity": "festival"}).to_csv(path, index=False)
    r = cli("summary", str(path), cwd=tmp_path)
    assert r.returncode == 2
    assert "--max-activity-size N" in r.stderr and "Traceback" not in r.stderr


def test_clean_ids_option(tmp_path):
    import inspect

    path = tmp_path / "r.csv"
    path.write_text("naam,activiteit\nEve ,dans\nEve,dans\nBob,dans\n")
    args = ("summary", str(path), "--resident", "naam", "--activity", "activiteit")
    r = cli(*args, "--clean-ids", "off", cwd=tmp_path)
    assert "Traceback" not in r.stderr
    if "clean_ids" not in inspect.signature(wn.Network.from_attendance).parameters:
        assert r.returncode == 2 and "cannot use --clean-ids" in r.stderr
        return
    assert r.returncode == 0, r.stderr
    assert figure(r.stdout, "residents") == 3  # 'Eve ' and 'Eve' kept apart
    r = cli(*args, cwd=tmp_path)
    assert figure(r.stdout, "residents") == 2  # merged, and said so
    assert "'Eve ' → 'Eve'" in r.stdout.split("Reading the file", 1)[1].split("The register", 1)[0]


def test_signin_marks(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_text("resident,2025-03-07,2025-03-14\nann,x,ziek\nbob,x,+\ncas,,+\n")
    r = cli("check", str(path), "--absent", "ziek", cwd=tmp_path)
    assert r.returncode == 2 and "--absent is for sign-in sheets: add --layout signin" in r.stderr
    if not hasattr(wn, "read_signin_sheet"):
        return
    args = ("summary", str(path), "--layout", "signin", "--activity", "dans")
    r = cli(*args, cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr  # 'ziek' and '+' are unknown marks
    r = cli(*args, "--absent", "ziek", "--marks", "+", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert figure(r.stdout, "pairs who met") == 2  # ann-bob on 7 March, bob-cas on 14 March
