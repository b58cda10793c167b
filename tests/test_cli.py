"""The command line: ``wijknet demo`` and ``wijknet summary FILE`` (run as ``python -m
wijknet.cli`` with this interpreter)."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

import wijknet as wn


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wijknet.cli", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def figure(out: str, label: str) -> int:
    """The number printed after ``label`` at the start of a line (thousands separators allowed)."""
    m = re.search(rf"^{re.escape(label)}\s+([\d,]+)", out, flags=re.MULTILINE)
    assert m, f"no line starting with {label!r} in:\n{out}"
    return int(m.group(1).replace(",", ""))


def test_demo(tmp_path):
    r = cli("demo", "--residents", "500", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("synthetic 'badhuis' register: 500 residents, seed 0")
    net = wn.datasets.badhuis(residents=500, seed=0)
    g = net.project(unit="session")  # the CLI default for a dated register, as its output says
    s = net.summary()
    assert figure(out, "residents") == s["residents"]
    assert figure(out, "activities") == s["activities"]
    assert figure(out, "sessions") == s["sessions"]
    assert figure(out, "attendances") == s["attendances"]
    assert figure(out, "ties (count per session)") == g.number_of_edges()
    assert figure(out, "components") == wn.number_connected_components(g)
    assert figure(out, "largest component") == int((wn.connected_components(g) == 0).sum())
    assert figure(out, "isolated") == len(wn.isolates(g))
    assert "period                  2025-01-01 – 2025-12-31" in out or re.search(r"^period\s+2025-", out, re.M)
    assert "most connected activities" in out
    assert "Traceback" not in r.stderr


def test_demo_with_options(tmp_path):
    r = cli("demo", "--residents", "300", "--seed", "4", "--weight", "newman", "--unit", "session", "--top", "3", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    net = wn.datasets.badhuis(residents=300, seed=4)
    g = net.project(weight="newman", unit="session")
    assert "seed 4" in r.stdout
    assert figure(r.stdout, "ties (newman per session)") == g.number_of_edges()
    assert figure(r.stdout, "components") == wn.number_connected_components(g)
    assert "top 3" in r.stdout


def test_summary_of_a_csv(tmp_path):
    path = tmp_path / "register.csv"
    pd.DataFrame(
        {
            "wie": ["ann", "bob", "cas", "ann", "dirk", "eva"],
            "wat": ["dance", "dance", "dance", "yoga", "yoga", "swap"],
            "datum": ["2025-01-06", "2025-01-06", "2025-01-20", "2025-01-07", "2025-01-07", "2025-02-01"],
        }
    ).to_csv(path, index=False)
    r = cli("summary", str(path), "--resident", "wie", "--activity", "wat", "--date", "datum", "--unit", "activity", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert figure(out, "residents") == 5
    assert figure(out, "activities") == 3
    assert figure(out, "sessions") == 4
    assert figure(out, "attendances") == 6
    assert figure(out, "ties (count per activity)") == 4  # ann-bob, ann-cas, bob-cas, ann-dirk
    assert figure(out, "components") == 2
    assert figure(out, "isolated") == 1
    assert re.search(r"^period\s+2025-01-06 – 2025-02-01", out, re.M)
    # with dates and no --unit, a tie is a shared session
    r2 = cli("summary", str(path), "--resident", "wie", "--activity", "wat", "--date", "datum", cwd=tmp_path)
    assert r2.returncode == 0, r2.stderr
    assert figure(r2.stdout, "ties (count per session)") == 2  # ann-bob (Jan 6), ann-dirk (Jan 7)


def test_summary_of_a_parquet_file(tmp_path):
    path = tmp_path / "register.parquet"
    wn.datasets.davis_southern_women().to_frame()[["resident", "activity"]].to_parquet(path, index=False)
    r = cli("summary", str(path), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert figure(r.stdout, "residents") == 18
    assert figure(r.stdout, "ties (count per activity)") == 139
    assert figure(r.stdout, "components") == 1


def test_missing_file_exits_2_with_a_readable_message(tmp_path):
    r = cli("summary", str(tmp_path / "absent.csv"), cwd=tmp_path)
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.startswith("wijknet: ")
    assert "absent.csv" in r.stderr and "does not exist" in r.stderr
    assert "Traceback" not in r.stderr


def test_bad_column_exits_2_with_a_suggestion(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("resident,activity\nann,dance\n")
    r = cli("summary", str(path), "--resident", "Resident", cwd=tmp_path)
    assert r.returncode == 2
    assert "did you mean 'resident'" in r.stderr and "Traceback" not in r.stderr


def test_unsupported_file_type_exits_2(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"not really a spreadsheet")
    r = cli("summary", str(path), cwd=tmp_path)
    assert r.returncode == 2
    assert ".xlsx" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("args", [(), ("demo", "--weight", "heavy"), ("frobnicate",)])
def test_usage_errors_exit_2(args, tmp_path):
    r = cli(*args, cwd=tmp_path)
    assert r.returncode == 2
    assert "usage: wijknet" in r.stderr


def test_activity_table_is_wn_activities_impact(tmp_path):
    r = cli("demo", "--residents", "300", "--top", "5", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    net = wn.datasets.badhuis(residents=300, seed=0)
    imp = wn.activities.impact(net, progress=False)  # the same default projection as the CLI
    top = imp.sort_values(["ties", "participants"], ascending=False, kind="mergesort").head(5)
    lines = r.stdout.split("most connected activities", 1)[1].splitlines()
    for name, row in top.iterrows():
        line = next(x for x in lines if x.startswith(str(name)))
        numbers = [int(v.replace(",", "")) for v in line[len(str(name)):].split()[:3]]
        assert numbers == [row["participants"], row["ties"], row["unique_ties"]], name
    # n(n-1)/2 is the pairs who could meet, never called ties
    s = net.summary()
    assert figure(r.stdout, "pairs who could meet") == s["residents"] * (s["residents"] - 1) // 2
    assert not re.search(r"^ties\b.*n\(n", r.stdout, re.M)


def test_summary_of_a_dutch_spreadsheet_export(tmp_path):
    """Semicolons, a byte-order mark and CRLF line ends, as a Dutch spreadsheet exports them."""
    path = tmp_path / "register.csv"
    text = "naam;activiteit;datum\r\nEve;dans;2025-03-07\r\nBob;dans;2025-03-07\r\nAnn;ontbijt;2025-03-09\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    r = cli("summary", str(path), "--resident", "naam", "--activity", "activiteit", "--date", "datum", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert figure(r.stdout, "residents") == 3
    assert figure(r.stdout, "ties (count per session)") == 1
    # a wrong separator given by hand: the message names the separator and the fix
    r = cli("summary", str(path), "--resident", "naam", "--activity", "activiteit", "--sep", ",", cwd=tmp_path)
    assert r.returncode != 0
    assert "read with a comma between columns" in r.stderr and "--sep ';'" in r.stderr
    assert "Traceback" not in r.stderr
