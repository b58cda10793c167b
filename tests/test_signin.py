"""Sign-in sheets (one row per person, one column per date or session, a mark for attendance)
and incidence matrices (residents × activities) read into exact registers, or refused with
every problem listed at once."""

from __future__ import annotations

import datetime as dt
import re
import time
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wijknet as wn
from wijknet import _files


def register(net: wn.Network) -> list[tuple]:
    """The register as sorted (resident, activity, date or session, count) tuples."""
    f = net.to_frame()
    third = "date" if "date" in f else "session" if "session" in f else None
    cols = ["resident", "activity"] + ([third] if third else []) + ["count"]
    rows = f[cols].astype(object).itertuples(index=False, name=None)
    return sorted(
        tuple(x.strftime("%Y-%m-%d") if isinstance(x, pd.Timestamp) else x for x in r) for r in rows
    )


def kinds(err, expected: list) -> None:
    """The kinds of problems an error lists, where errors carry them as a table."""
    table = getattr(err.value, "problems", None)
    if table is not None:
        assert table["kind"].tolist() == expected


def no_warnings(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kwargs)


# ---- marks ---------------------------------------------------------------------------------------
def test_ticks_and_blanks():
    sheet = pd.DataFrame(
        {
            "naam": ["Ann", "Bob", "Cas", "Dee"],
            "07-03-2025": ["x", "X", "✓", None],
            "14-03-2025": ["", "✔", "v", "V"],
            "21-03-2025": ["ja", "aanwezig", "Yes", "1"],
            "28-03-2025": [1, 0, True, np.nan],
        }
    )
    sheet["28-03-2025"] = sheet["28-03-2025"].astype(object)
    net = no_warnings(wn.Network.from_signin_sheet, sheet, resident="naam", activity="dans")
    assert register(net) == [
        ("Ann", "dans", "2025-03-07", 1),
        ("Ann", "dans", "2025-03-21", 1),
        ("Ann", "dans", "2025-03-28", 1),
        ("Bob", "dans", "2025-03-07", 1),
        ("Bob", "dans", "2025-03-14", 1),
        ("Bob", "dans", "2025-03-21", 1),
        ("Cas", "dans", "2025-03-07", 1),
        ("Cas", "dans", "2025-03-14", 1),
        ("Cas", "dans", "2025-03-21", 1),
        ("Cas", "dans", "2025-03-28", 1),
        ("Dee", "dans", "2025-03-14", 1),
        ("Dee", "dans", "2025-03-21", 1),
    ]
    assert list(net.residents) == ["Ann", "Bob", "Cas", "Dee"]
    assert net.summary()["sessions"] == 4


def test_absent_marks_are_not_attendances():
    sheet = pd.DataFrame(
        {
            "naam": ["Ann", "Bob"],
            "2025-03-07": ["x", "-"],
            "2025-03-14": ["nee", "x"],
            "2025-03-21": ["afwezig", "no"],
            "2025-03-28": ["0", False],
        }
    )
    with pytest.warns(UserWarning, match=r"2 columns without any mark \('2025-03-21', '2025-03-28'\)"):
        net = wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    assert register(net) == [("Ann", "dans", "2025-03-07", 1), ("Bob", "dans", "2025-03-14", 1)]


def test_times_of_day_are_marks():
    sheet = pd.DataFrame(
        {
            "resident": ["Ann", "Bob", "Cas"],
            "2025-03-07": ["19:30", dt.time(19, 45), None],
            "2025-03-14": [None, "20:05:10", pd.Timedelta(hours=19, minutes=2)],
        }
    )
    net = no_warnings(wn.Network.from_signin_sheet, sheet, activity="dans")
    assert register(net) == [
        ("Ann", "dans", "2025-03-07", 1),
        ("Bob", "dans", "2025-03-07", 1),
        ("Bob", "dans", "2025-03-14", 1),
        ("Cas", "dans", "2025-03-14", 1),
    ]


def test_a_number_counts_attendances():
    sheet = pd.DataFrame({"resident": ["Ann", "Bob"], "week 1": [2, 1], "week 2": ["3", None]})
    net = wn.Network.from_signin_sheet(sheet, activity="koken")
    assert register(net) == [
        ("Ann", "koken", "week 1", 2),
        ("Ann", "koken", "week 2", 3),
        ("Bob", "koken", "week 1", 1),
    ]
    assert net.summary()["input_rows"] == 6  # one register row per attendance
    assert net.to_frame()["count"].sum() == 6


def test_unknown_marks_are_all_listed_at_once():
    sheet = pd.DataFrame(
        {
            "naam": ["Ann", "Bob", "Cas", "Dee", "Eef"],
            "07-03-2025": ["x", "?", "later", "?", 0.5],
            "14-03-2025": ["?", "x", "✗", None, 612345678],
        }
    )
    with pytest.raises(wn.InputError) as err:
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    msg = str(err.value)
    assert "5 marks that wijknet does not know, in 7 cells:" in msg
    assert (
        "'?' in 3 cells (row 0, column '14-03-2025'; row 1, column '07-03-2025'; row 3, column '07-03-2025')"
        in msg
    )
    assert "'later' in 1 cell (row 2, column '07-03-2025')" in msg
    assert "'✗' in 1 cell (row 2, column '14-03-2025')" in msg
    assert "0.5 in 1 cell (row 4, column '07-03-2025')" in msg
    assert "612345678 in 1 cell (row 4, column '14-03-2025')" in msg
    assert "marks={'?': True" in msg and "absent=['?'" in msg
    kinds(err, ["bad_mark"])


def test_marks_and_absent_extend_the_defaults():
    sheet = pd.DataFrame(
        {"naam": ["Ann", "Bob", "Cas"], "week 1": ["+", "ziek", "x"], "week 2": ["2x", "+", "Ziek"]}
    )
    net = no_warnings(
        wn.Network.from_signin_sheet,
        sheet,
        resident="naam",
        activity="dans",
        marks={"+": True, "2x": 2},
        absent=["ziek"],
    )
    assert register(net) == [
        ("Ann", "dans", "week 1", 1),
        ("Ann", "dans", "week 2", 2),
        ("Bob", "dans", "week 2", 1),
        ("Cas", "dans", "week 1", 1),
    ]
    with pytest.raises(wn.ArgumentError, match="both marks= .* and absent="):
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans", marks=["+"], absent=["+"])
    with pytest.raises(wn.ArgumentError, match="means 'yes'"):
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans", marks={"+": "yes"})


# ---- headers -------------------------------------------------------------------------------------
def test_text_date_headers_in_the_forms_people_write():
    sheet = pd.DataFrame(
        {
            "naam": ["Ann"],
            "21-03-2025": ["x"],
            "7/3/2025": ["x"],
            "2025-04-04": ["x"],
            "11 april 2025": ["x"],
            "vr 18 apr 2025": ["x"],
            "2 mei 2025": ["x"],
            "9 mrt. 2025": ["x"],
            "2025-05-09 00:00:00.000": ["x"],
        }
    )
    net = no_warnings(wn.Network.from_signin_sheet, sheet, resident="naam", activity="dans")
    assert [r[2] for r in register(net)] == [
        "2025-03-07",
        "2025-03-09",
        "2025-03-21",
        "2025-04-04",
        "2025-04-11",
        "2025-04-18",
        "2025-05-02",
        "2025-05-09",
    ]


def test_datetime_headers_from_a_spreadsheet():
    sheet = pd.DataFrame(
        {"naam": ["Ann", "Bob"], dt.datetime(2025, 3, 7): ["x", None], pd.Timestamp("2025-03-14"): [1, 1]}
    )
    net = wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    assert register(net) == [
        ("Ann", "dans", "2025-03-07", 1),
        ("Ann", "dans", "2025-03-14", 1),
        ("Bob", "dans", "2025-03-14", 1),
    ]
    assert net.date_unit == "D"


def test_day_and_month_order():
    sheet = pd.DataFrame({"naam": ["Ann"], "01-03-2025": ["x"], "02-03-2025": ["x"]})
    with pytest.raises(wn.InputError) as err:
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    msg = str(err.value)
    assert "'01-03-2025' = 1 March 2025" in msg and "= 3 January 2025" in msg
    assert "dayfirst=True (or date_format='%d-%m-%Y') or dayfirst=False" in msg

    def days(**kw):
        return [
            r[2] for r in register(wn.Network.from_signin_sheet(sheet, resident="naam", activity="d", **kw))
        ]

    assert days(dayfirst=True) == ["2025-03-01", "2025-03-02"]
    assert days(dayfirst=False) == ["2025-01-03", "2025-02-03"]
    assert days(date_format="%m-%d-%Y") == ["2025-01-03", "2025-02-03"]
    # a day above 12 settles it; slashes and two-digit years keep their own separators in the fix
    assert [r[2] for r in register(wn.Network.from_signin_sheet(
        pd.DataFrame({"naam": ["Ann"], "01/03/25": ["x"], "13/03/25": ["x"]}), resident="naam", activity="d"
    ))] == ["2025-03-01", "2025-03-13"]  # fmt: skip
    with pytest.raises(wn.InputError, match="date_format='%d/%m/%y'"):
        wn.Network.from_signin_sheet(
            pd.DataFrame({"naam": ["Ann"], "01/03/25": ["x"]}), resident="naam", activity="d"
        )
    with pytest.raises(wn.InputError, match="different orders"):
        wn.Network.from_signin_sheet(
            pd.DataFrame({"naam": ["Ann"], "13-03-2025": ["x"], "03-14-2025": ["x"]}),
            resident="naam",
            activity="d",
        )


def test_session_label_headers_give_undated_sessions():
    sheet = pd.DataFrame({"naam": ["Ann", "Bob"], "week 1": ["x", "x"], "sessie 3": [None, "x"]})
    net = wn.Network.from_signin_sheet(sheet, resident="naam", activity="yoga")
    assert register(net) == [
        ("Ann", "yoga", "week 1", 1),
        ("Bob", "yoga", "sessie 3", 1),
        ("Bob", "yoga", "week 1", 1),
    ]
    assert net.date_unit is None
    assert net.summary()["sessions"] == 2
    assert wn.degree(net.project(unit="session")).to_dict() == {"Ann": 1, "Bob": 1}


def test_mixed_headers_are_refused_with_the_fix():
    sheet = pd.DataFrame(
        {
            "naam": ["Ann", "Bob"],
            "telefoon": ["0612345678", None],
            "21-03-2025": ["x", "x"],
            "opmerking": ["komt later", None],
        }
    )
    with pytest.raises(wn.InputError) as err:
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    msg = str(err.value)
    assert "1 column has a date as header but 'telefoon', 'opmerking' do not" in msg
    assert "ignore=['telefoon', 'opmerking']" in msg
    assert "does not know" not in msg  # those columns are not sessions
    kinds(err, ["bad_header"])
    net = wn.Network.from_signin_sheet(
        sheet, resident="naam", activity="dans", ignore=["telefoon", "opmerking"]
    )
    assert register(net) == [("Ann", "dans", "2025-03-21", 1), ("Bob", "dans", "2025-03-21", 1)]
    net2 = wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans", sessions=["21-03-2025"])
    assert net2 == net
    with pytest.raises(
        wn.ColumnNotFoundError, match="'telefon' is not in the sign-in sheet.*did you mean 'telefoon'"
    ):
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans", ignore=["telefon"])


def test_bad_date_headers_and_repeated_dates():
    sheet = pd.DataFrame(
        {"naam": ["Ann"], "31-02-2025": ["x"], "7 maart": ["x"], "07-03-2025": ["x"], "2025-03-07": ["x"]}
    )
    with pytest.raises(wn.InputError) as err:
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans", dayfirst=True)
    msg = str(err.value)
    assert "header '31-02-2025' is not a date" in msg
    assert "header '7 maart' is not a whole date (a date needs a day, a month and a year)" in msg
    assert "columns '07-03-2025' and '2025-03-07' are the same date" in msg
    kinds(err, ["bad_date", "bad_date", "duplicate_column"])


def test_totals_are_not_people_or_sessions():
    sheet = pd.DataFrame({"naam": ["Ann", "Bob", "Totaal"], "week 1": ["x", "x", 2], "Totaal": [1, 1, 2]})
    with pytest.raises(wn.InputError) as err:
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    msg = str(err.value)
    assert (
        "column 'Totaal' holds totals, not a session\n   fix: leave the column out: ignore=['Totaal']" in msg
    )
    assert "row 2 ('Totaal') holds totals, not a person" in msg
    kinds(err, ["totals", "totals"])


def test_a_column_without_a_header():
    sheet = pd.DataFrame(
        {"naam": ["Ann", "Bob"], "week 1": ["x", "x"], "Unnamed: 2": [None, "x"], "Unnamed: 3": [None, None]}
    )
    with pytest.raises(wn.InputError, match="column 3 has marks but no header"):
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    net = no_warnings(
        wn.Network.from_signin_sheet, sheet.drop(columns="Unnamed: 2"), resident="naam", activity="dans"
    )
    assert register(net) == [("Ann", "dans", "week 1", 1), ("Bob", "dans", "week 1", 1)]


# ---- activities ----------------------------------------------------------------------------------
def test_activity_column_holds_several_activities():
    sheet = pd.DataFrame(
        {
            "naam": ["Ann", "Bob", "Ann"],
            "activiteit": ["dans", "dans", "yoga"],
            "week 1": ["x", None, "x"],
            "week 2": [None, "x", "x"],
        }
    )
    net = wn.Network.from_signin_sheet(sheet, resident="naam", activity="activiteit")
    assert register(net) == [
        ("Ann", "dans", "week 1", 1),
        ("Ann", "yoga", "week 1", 1),
        ("Ann", "yoga", "week 2", 1),
        ("Bob", "dans", "week 2", 1),
    ]
    assert net.summary()["sessions"] == 4  # a session is (activity, label)
    sheet.loc[1, "activiteit"] = None
    with pytest.raises(wn.InputError, match="1 row with marks but no activity in column 'activiteit': row 1"):
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="activiteit")


def test_a_dict_of_sheets_is_one_activity_per_sheet():
    sheets = {
        "dans": pd.DataFrame({"naam": ["Ann", "Bob"], "07-03-2025": ["x", "x"]}),
        "yoga": pd.DataFrame({"naam": ["Bob", "Cas"], "08-03-2025": ["x", None], "15-03-2025": ["x", "x"]}),
    }
    net = wn.Network.from_signin_sheet(sheets, resident="naam")
    assert register(net) == [
        ("Ann", "dans", "2025-03-07", 1),
        ("Bob", "dans", "2025-03-07", 1),
        ("Bob", "yoga", "2025-03-08", 1),
        ("Bob", "yoga", "2025-03-15", 1),
        ("Cas", "yoga", "2025-03-15", 1),
    ]
    assert list(net.activities) == ["dans", "yoga"]
    with pytest.raises(wn.ArgumentError, match="leave activity= out"):
        wn.Network.from_signin_sheet(sheets, resident="naam", activity="activiteit")


def test_problems_of_every_sheet_at_once():
    sheets = {
        "dans": pd.DataFrame({"naam": ["Ann", None], "week 1": ["x", "x"]}),
        "yoga": pd.DataFrame({"naam": ["Bob"], "week 1": ["?"]}),
        "koken": pd.DataFrame({"naam": ["Cas"], "2025-03-07": ["x"]}),
    }
    with pytest.raises(wn.InputError) as err:
        wn.Network.from_signin_sheet(sheets, resident="naam")
    msg = str(err.value)
    assert "sheet 'dans', 1 row with marks but no name in column 'naam': row 1" in msg
    assert msg.startswith(
        "the sign-in sheets have 3 problems; fix them all, then read it again:\n1. sheet 'dans'"
    )
    assert (
        "sheet 'yoga', 1 mark that wijknet does not know, in 1 cell:\n     '?' in 1 cell (row 0, column 'week 1')"
        in msg
    )
    kinds(err, ["empty_id", "bad_mark", "mixed_sheets"])
    assert "sheet 'koken' has dates as headers but sheet 'dans' has session labels" in msg


def test_a_sheet_that_is_not_a_sign_in_sheet():
    sheets = {
        "dans": pd.DataFrame({"naam": ["Ann"], "week 1": ["x"]}),
        "info": pd.DataFrame({"uitleg": ["x = aanwezig"]}),
    }
    with pytest.raises(
        wn.ColumnNotFoundError, match="column 'naam' is not in the sheet 'info'.*leave it out"
    ):
        wn.Network.from_signin_sheet(sheets, resident="naam")
    sheets["info"] = pd.DataFrame({"naam": ["Ann"], "opmerking": ["komt later"]})
    with pytest.raises(
        wn.InputError,
        match=r"^sheet 'info' has no column for a date or session \(only the names and the columns left out\); add a column",
    ):
        wn.Network.from_signin_sheet(sheets, resident="naam", ignore=["opmerking"])


def test_a_single_sheet_needs_its_activity():
    sheet = pd.DataFrame({"naam": ["Ann"], "Activiteit": ["dans"], "week 1": ["x"]})
    with pytest.raises(wn.ArgumentError, match="needs the activity of the sheet"):
        wn.Network.from_signin_sheet(sheet, resident="naam")
    with pytest.raises(wn.ArgumentError, match="no column 'activiteit' but there is 'Activiteit'"):
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="activiteit")
    with pytest.raises(wn.ArgumentError, match="headers; leave date= out"):
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="Activiteit", date="week 1")


def test_polars_arrow_and_dict_sheets():
    data = {"naam": ["Ann", "Bob"], "week 1": ["x", None], "week 2": ["x", "x"]}
    expected = register(wn.Network.from_signin_sheet(pd.DataFrame(data), resident="naam", activity="dans"))
    assert register(wn.Network.from_signin_sheet(data, resident="naam", activity="dans")) == expected
    pa = pytest.importorskip("pyarrow")
    assert (
        register(wn.Network.from_signin_sheet(pa.table(data), resident="naam", activity="dans")) == expected
    )
    pl = pytest.importorskip("polars")
    assert (
        register(wn.Network.from_signin_sheet(pl.DataFrame(data), resident="naam", activity="dans"))
        == expected
    )
    indexed = pd.DataFrame(data).set_index("naam")
    assert register(wn.Network.from_signin_sheet(indexed, resident="naam", activity="dans")) == expected


def test_role_and_other_keywords_pass_through():
    sheet = pd.DataFrame({"naam": ["Ann", "Bob"], "rol": ["organisator", "deelnemer"], "week 1": ["x", "x"]})
    net = wn.Network.from_signin_sheet(
        sheet,
        resident="naam",
        activity="dans",
        role="rol",
        roles={"organisator": "organiser", "deelnemer": "participant"},
    )
    f = net.to_frame()
    assert dict(zip(f["resident"], f["role"].astype(str), strict=True)) == {
        "Ann": "organiser",
        "Bob": "participant",
    }
    hidden = wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans", role="rol", pseudonymise="key",
                                          roles={"organisator": "organiser", "deelnemer": "participant"})  # fmt: skip
    assert "Ann" not in hidden.residents and len(hidden.residents) == 2


# ---- names ---------------------------------------------------------------------------------------
def test_people_without_marks_are_warned_about():
    sheet = pd.DataFrame(
        {
            "naam": ["Ann", "Bob", "Cas", "Dee", None],
            "week 1": ["x", None, None, None, None],
            "week 2": [None] * 5,
        }
    )
    with pytest.warns(UserWarning) as record:
        net = wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    texts = [str(w.message) for w in record]
    assert "3 people on the sheet have no mark and are not in the network ('Bob', 'Cas', 'Dee')" in texts
    assert "1 row without a name or a mark was skipped (row 4)" in texts
    assert "1 column without any mark ('week 2'): a session nobody attended is not in the network" in texts
    assert list(net.residents) == ["Ann"]
    with pytest.warns(UserWarning) as record:
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans", pseudonymise="key")
    assert "3 people on the sheet have no mark and are not in the network (row 1, row 2, row 3)" in [
        str(w.message) for w in record
    ]


def test_empty_names_on_rows_with_marks_are_refused():
    sheet = pd.DataFrame({"naam": ["Ann", None, "  ", "Bob"], "week 1": ["x", "x", "x", "x"]})
    with pytest.raises(wn.InputError, match="2 rows with marks but no name in column 'naam': row 1, row 2"):
        wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")


def test_a_name_on_two_rows_is_warned_about():
    sheet = pd.DataFrame(
        {"naam": ["Ann", "Bob", "Ann"], "week 1": ["x", "x", None], "week 2": [None, None, "x"]}
    )
    with pytest.warns(UserWarning, match="1 name on more than one row"):
        net = wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    assert register(net) == [
        ("Ann", "dans", "week 1", 1),
        ("Ann", "dans", "week 2", 1),
        ("Bob", "dans", "week 1", 1),
    ]


def test_a_sheet_without_any_mark():
    sheet = pd.DataFrame({"naam": ["Ann"], "week 1": [None]})
    with pytest.raises(wn.InputError, match="holds no attendance"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")


# ---- files ---------------------------------------------------------------------------------------
def test_a_csv_sign_in_sheet(tmp_path):
    path = tmp_path / "dans.csv"
    path.write_bytes(
        "\ufeffnaam;telefoon;07-03-2025;14-03-2025;21-03-2025\r\n"
        "Ann;0612;x;x;\r\n"
        "Bob;;;✓;19:30\r\n"
        "0012;;1;;\r\n".encode()
    )
    net = wn.read_signin_sheet(path, resident="naam", ignore=["telefoon"])
    assert register(net) == [
        ("0012", "dans", "2025-03-07", 1),
        ("Ann", "dans", "2025-03-07", 1),
        ("Ann", "dans", "2025-03-14", 1),
        ("Bob", "dans", "2025-03-14", 1),
        ("Bob", "dans", "2025-03-21", 1),
    ]
    net2 = wn.read_signin_sheet(path, resident="naam", ignore=["telefoon"], activity="salsa")
    assert list(net2.activities) == ["salsa"]
    path.write_text("naam,week 1\nAnn,x\nBob,?\n")
    with pytest.raises(wn.InputError) as err:
        wn.read_signin_sheet(path, resident="naam")
    msg = str(err.value)
    assert f"file '{path}'" in msg and "'?' in 1 cell (line 3, column 'week 1')" in msg
    path.write_text("naam,07-03-2025,14-03-2025,07-03-2025\nAnn,x,x,\nBob,19:45,,x\nCas,,,\n")
    with pytest.raises(
        wn.InputError, match="': the header '07-03-2025' is on more than one column; merge the columns"
    ):
        wn.read_signin_sheet(path, resident="naam")
    path.write_text("naam,07-03-2025,14-03-2025\nAnn,19:30,x\nBob,19:45,\nCas,,\n")
    with pytest.warns(
        UserWarning, match=f"^file '{re.escape(str(path))}': 1 person on the sheet has no mark"
    ):
        net = wn.read_signin_sheet(path, resident="naam")
    assert register(net) == [
        ("Ann", "dans", "2025-03-07", 1),
        ("Ann", "dans", "2025-03-14", 1),
        ("Bob", "dans", "2025-03-07", 1),
    ]
    with pytest.raises(wn.ArgumentError, match="a CSV file has one sheet"):
        wn.read_signin_sheet(path, resident="naam", sheet="dans")


def test_a_parquet_sign_in_sheet(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "koken.parquet"
    pd.DataFrame({"naam": ["Ann", "Bob"], "week 1": ["x", None], "week 2": [1.0, 2.0]}).to_parquet(path)
    net = wn.read_signin_sheet(path, resident="naam")
    assert register(net) == [
        ("Ann", "koken", "week 1", 1),
        ("Ann", "koken", "week 2", 1),
        ("Bob", "koken", "week 2", 2),
    ]


def test_a_workbook_with_a_sheet_per_activity(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "presentie.xlsx"
    book = openpyxl.Workbook()
    dans = book.active
    dans.title = "dans"
    dans.append(["naam", dt.datetime(2025, 3, 7), dt.datetime(2025, 3, 14)])
    dans.append(["Ann", "x", None])
    dans.append(["Bob", "x", "x"])
    yoga = book.create_sheet("yoga")
    yoga.append(["naam", "week 1", "week 2"])
    yoga.append(["Ann", "x", 1])
    koken = book.create_sheet("koken")
    koken.append(["naam", "2025-03-08"])
    koken.append(["Cas", "✓"])
    book.save(path)
    net = wn.read_signin_sheet(path, resident="naam", sheet=["dans", "koken"])
    assert register(net) == [
        ("Ann", "dans", "2025-03-07", 1),
        ("Bob", "dans", "2025-03-07", 1),
        ("Bob", "dans", "2025-03-14", 1),
        ("Cas", "koken", "2025-03-08", 1),
    ]
    yoga_net = wn.read_signin_sheet(path, resident="naam", sheet="yoga")
    assert register(yoga_net) == [("Ann", "yoga", "week 1", 1), ("Ann", "yoga", "week 2", 1)]
    renamed = wn.read_signin_sheet(path, resident="naam", sheet="yoga", activity="yin yoga")
    assert list(renamed.activities) == ["yin yoga"]
    with pytest.raises(wn.InputError, match="has dates as headers but sheet .yoga. has session labels"):
        wn.read_signin_sheet(path, resident="naam")


def test_a_workbook_is_read_through_the_sheet_reader(tmp_path, monkeypatch):
    """The spreadsheet branch of read_signin_sheet, with the sheet reader replaced by one that
    returns given sheets (the reader itself is tested with the file readers)."""
    sheets = {
        "dans": pd.DataFrame({"naam": ["Ann", "Bob"], dt.datetime(2025, 3, 7): ["x", "x"]}),
        "yoga": pd.DataFrame({"naam": ["Bob"], dt.datetime(2025, 3, 8): ["x"]}),
    }
    calls = []

    def read_sheets(path, sheet=None):
        calls.append(sheet)
        names = list(sheets) if sheet is None else [sheet] if isinstance(sheet, str) else list(sheet)
        return {name: sheets[name] for name in names}

    monkeypatch.setattr(_files, "read_sheets", read_sheets, raising=False)
    path = tmp_path / "presentie.xlsx"
    path.write_bytes(b"")
    net = wn.read_signin_sheet(path, resident="naam")
    assert register(net) == [
        ("Ann", "dans", "2025-03-07", 1),
        ("Bob", "dans", "2025-03-07", 1),
        ("Bob", "yoga", "2025-03-08", 1),
    ]
    one = wn.read_signin_sheet(path, resident="naam", sheet="yoga", activity="yin yoga")
    assert register(one) == [("Bob", "yin yoga", "2025-03-08", 1)]
    assert calls == [None, "yoga"]
    with pytest.raises(wn.ArgumentError, match="leave activity= out"):
        wn.read_signin_sheet(path, resident="naam", activity="yin yoga")
    sheets["dans"].loc[1, dt.datetime(2025, 3, 7)] = "?"
    with pytest.raises(
        wn.InputError,
        match=f"^file '{re.escape(str(path))}': sheet 'dans', 1 mark that wijknet does not know, in 1 cell:\n     '\\?' in 1 cell \\(row 1, column '2025-03-07'\\)\n   fix: say what",
    ):
        wn.read_signin_sheet(path, resident="naam")


# ---- incidence matrices --------------------------------------------------------------------------
def test_incidence_dataframe_round_trip():
    net = wn.datasets.davis_southern_women()
    f = net.to_frame()
    matrix = pd.crosstab(f["resident"], f["activity"], values=f["count"], aggfunc="sum").fillna(0).astype(int)
    rebuilt = no_warnings(wn.Network.from_incidence, matrix)
    assert rebuilt == net
    assert rebuilt.summary().to_dict() == net.summary().to_dict()
    pd.testing.assert_series_equal(wn.degree(rebuilt.project()), wn.degree(net.project()))


def test_incidence_round_trip_of_an_undated_register_with_counts():
    net = wn.datasets.badhuis(residents=300, seed=3)
    f = net.to_frame()
    matrix = f.pivot_table(
        index="resident", columns="activity", values="count", aggfunc="sum", fill_value=0, observed=True
    )
    rebuilt = wn.Network.from_incidence(matrix)
    undated = wn.Network.from_attendance(f[["resident", "activity"]].loc[f.index.repeat(f["count"])])
    for key in ("residents", "activities", "sessions", "attendances", "participations"):
        assert rebuilt.summary()[key] == undated.summary()[key], key
    d1, d2 = wn.degree(rebuilt.project()), wn.degree(undated.project())
    pd.testing.assert_series_equal(d1.sort_index(), d2.sort_index())


def test_incidence_dense_array_with_ids_and_counts():
    a = np.array([[1, 0, 0], [0, 0, 0], [2, 1, 0]])
    with pytest.warns(UserWarning) as record:
        net = wn.Network.from_incidence(
            a, residents=["ann", "bob", "cas"], activities=["dans", "yoga", "koken"]
        )
    texts = sorted(str(w.message) for w in record)
    assert texts == [
        "1 activity of the matrix has no attendance (an all-zero column) and is not in the network: 'koken'",
        "1 resident of the matrix has no attendance (an all-zero row) and is not in the network: 'bob'",
    ]
    assert register(net) == [("ann", "dans", 1), ("cas", "dans", 2), ("cas", "yoga", 1)]
    assert net.to_frame()["count"].sum() == 4
    plain = wn.Network.from_incidence(np.array([[1, 1], [0, 1]]))
    assert list(plain.residents) == [0, 1] and list(plain.activities) == [0, 1]


def test_incidence_sparse_matrix_and_array():
    sp = pytest.importorskip("scipy.sparse")
    dense = np.array([[0, 3, 0], [1, 0, 1], [0, 1, 1]])
    expected = register(wn.Network.from_incidence(dense))
    assert register(wn.Network.from_incidence(sp.csr_matrix(dense))) == expected
    assert register(wn.Network.from_incidence(sp.csc_array(dense))) == expected
    coo = sp.coo_matrix(
        (np.array([1, 2]), (np.array([0, 0]), np.array([1, 1]))), shape=(3, 3)
    )  # repeated entries add up
    assert (
        register(wn.Network.from_incidence(coo + sp.csr_matrix(np.array([[0, 0, 0], [1, 0, 1], [0, 1, 1]]))))
        == expected
    )


def test_incidence_bad_values_are_all_listed():
    m = pd.DataFrame(
        {"dans": [1, "x", 0], "yoga": [np.nan, -1, 0.5], "koken": [None, 2, 1]},
        index=["ann", "bob", "cas"],
        dtype=object,
    )
    with pytest.raises(wn.InputError) as err:
        wn.Network.from_incidence(m)
    msg = str(err.value)
    assert msg.startswith("the incidence matrix has 4 problems; fix them all, then read it again:\n")
    assert "1. 1 cell is not a number: row 'bob', column 'dans' ('x')\n   fix: each cell counts" in msg
    assert (
        "2. 2 cells are empty (NaN): row 'ann', column 'yoga' (nan); row 'ann', column 'koken' (None)" in msg
    )
    assert "   fix: write 0 where a resident never came, e.g. df.fillna(0)" in msg
    assert "3. 1 cell is negative: row 'bob', column 'yoga' (-1)" in msg
    assert "4. 1 cell is a fraction: row 'cas', column 'yoga' (0.5)" in msg
    kinds(err, ["bad_value"] * 4)
    sp = pytest.importorskip("scipy.sparse")
    with pytest.raises(wn.InputError, match=r"1 cell is a fraction: row 1, column 2 \(0.25\)"):
        wn.Network.from_incidence(sp.csr_matrix(np.array([[1.0, 0, 0], [0, 0, 0.25]])))
    with pytest.raises(wn.InputError, match=r"1 cell is negative: row 'bob', column 'yoga' \(-2\)"):
        wn.Network.from_incidence([[1, 0], [0, -2]], residents=["ann", "bob"], activities=["dans", "yoga"])


def test_incidence_argument_errors():
    with pytest.raises(wn.ArgumentError, match="2 rows but 3 ids"):
        wn.Network.from_incidence(np.eye(2, dtype=int), residents=["a", "b", "c"])
    with pytest.raises(wn.ArgumentError, match="a DataFrame carries its ids"):
        wn.Network.from_incidence(pd.DataFrame({"a": [1]}), residents=["x"])
    with pytest.raises(wn.ArgumentError, match="2-dimensional"):
        wn.Network.from_incidence(np.ones(3, dtype=int))
    with pytest.raises(wn.InputError, match="name more than one row"):
        wn.Network.from_incidence(pd.DataFrame({"a": [1, 1]}, index=["x", "x"]))
    with pytest.raises(wn.InputError, match="holds no attendance"):
        wn.Network.from_incidence(np.zeros((2, 2), dtype=int))


def test_incidence_of_a_large_sparse_matrix_is_fast():
    sp = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(0)
    n, m, nnz = 100_000, 500, 500_000
    matrix = sp.coo_matrix(
        (rng.integers(1, 3, nnz), (rng.integers(0, n, nnz), rng.integers(0, m, nnz))), shape=(n, m)
    ).tocsr()
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # some rows may be all zero
        net = wn.Network.from_incidence(matrix)
    elapsed = time.perf_counter() - start
    assert net.to_frame()["count"].sum() == int(matrix.sum())
    assert elapsed < 3.0  # about 0.1 s on one core; generous for a shared machine


# ---- against a brute-force reading ---------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 3), min_size=3, max_size=3), min_size=1, max_size=6))
def test_incidence_matches_a_cell_by_cell_reading(rows):
    matrix = np.array(rows)
    expected = sorted(
        (f"r{i}", f"a{j}", int(matrix[i, j]))
        for i in range(matrix.shape[0])
        for j in range(3)
        if matrix[i, j]
    )
    if not expected:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = wn.Network.from_incidence(
            matrix, residents=[f"r{i}" for i in range(matrix.shape[0])], activities=["a0", "a1", "a2"]
        )
    assert register(net) == expected
    assert list(net.residents) == [f"r{i}" for i in range(matrix.shape[0]) if matrix[i].any()]


_MARKS = st.sampled_from([None, "", "x", "X ", "✓", "-", "nee", 0, 1, 2, "19:30", "ja", "0"])
_COUNT = {
    None: 0,
    "": 0,
    "x": 1,
    "X ": 1,
    "✓": 1,
    "-": 0,
    "nee": 0,
    0: 0,
    1: 1,
    2: 2,
    "19:30": 1,
    "ja": 1,
    "0": 0,
}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_MARKS, min_size=3, max_size=3), min_size=1, max_size=6))
def test_sign_in_sheet_matches_a_cell_by_cell_reading(rows):
    headers = ["week 1", "week 2", "week 3"]
    sheet = pd.DataFrame(rows, columns=headers, dtype=object)
    sheet.insert(0, "naam", [f"p{i}" for i in range(len(rows))])
    expected = sorted(
        (f"p{i}", "dans", headers[j], _COUNT[v])
        for i, row in enumerate(rows)
        for j, v in enumerate(row)
        if _COUNT[v]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if not expected:
            with pytest.raises(wn.InputError, match="holds no attendance"):
                wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
            return
        net = wn.Network.from_signin_sheet(sheet, resident="naam", activity="dans")
    assert register(net) == expected
