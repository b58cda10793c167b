"""Dates as people write them: day-first numbers, English and Dutch month names, weekdays,
``dayfirst=``, ``date_format=`` and ``locale=``, and every date problem of a column at once."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wijknet as wn
from wijknet._dates import _date_column
from wijknet._tables import _Where


def register(dates: list) -> pd.DataFrame:
    n = len(dates)
    return pd.DataFrame({"resident": [f"r{i}" for i in range(n)], "activity": ["koffie"] * n, "date": dates})


def read(dates: list, **kwargs) -> tuple[list, list]:
    """The dates as ISO text, row by row, and the warnings given."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = wn.Network.from_attendance(register(dates), date="date", **kwargs)
    frame = net.to_frame().sort_values("resident", key=lambda r: r.str[1:].astype(int))
    shown = [str(d.date()) if d == d.normalize() else str(d) for d in frame["date"]]
    return shown, [str(w.message) for w in caught]


def refused(dates: list, **kwargs) -> wn.InputError:
    with pytest.raises(wn.InputError) as info:
        wn.Network.from_attendance(register(dates), date="date", **kwargs)
    return info.value


# ---------------------------------------------------------------------------------------------
# Day-first and month-first numeric dates
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dates",
    [
        ["07-03-2025", "21-03-2025"],
        ["7/3/2025", "21/3/2025"],
        ["7.3.2025", "21.3.2025"],
    ],
)
def test_day_first_recognised_from_a_day_over_12(dates):
    got, notes = read(dates)
    assert got == ["2025-03-07", "2025-03-21"]
    note = next(n for n in notes if "day-month-year" in n)
    assert f"{dates[1]!r} cannot be month-first" in note
    assert "row 0" in note


def test_month_first_recognised_from_a_second_field_over_12():
    got, notes = read(["03/21/2025", "3/7/2025"])
    assert got == ["2025-03-21", "2025-03-07"]
    assert any("month-day-year" in n and "'03/21/2025' cannot be day-first" in n for n in notes)


def test_two_digit_years_are_read_by_pandas_rule_and_said_so():
    got, notes = read(["7.3.25", "21.3.25", "1.1.69"])
    assert got == ["2025-03-07", "2025-03-21", "1969-01-01"]
    assert any("two-digit years" in n and "2000-2068" in n and "1969-1999" in n for n in notes)


def test_dates_with_times():
    got, _ = read(["21-03-2025 19:30", "07-03-2025 10:00:05"])
    assert got == ["2025-03-21 19:30:00", "2025-03-07 10:00:05"]


@pytest.mark.parametrize(
    ("dates", "fmt"),
    [
        (["7/3/2025", "8/3/2025"], "%d/%m/%Y"),
        (["07-03-2025", "08-03-2025"], "%d-%m-%Y"),
        (["7.3.25", "8.3.25"], "%d.%m.%y"),
    ],
)
def test_ambiguous_dates_get_the_fix_in_their_own_separators(dates, fmt):
    err = refused(dates)
    text = str(err)
    assert f"date_format={fmt!r}" in text
    assert "dayfirst=True" in text and "--dayfirst" in text
    assert f"if {dates[0]!r} means" in text and "7 March" in text and "July 3" in text
    assert "row 0" in text
    p = err.problems
    assert p["kind"].tolist() == ["ambiguous_date"]
    assert p["count"].tolist() == [2]
    assert p["rows"].tolist() == [[0, 1]]
    assert p["examples"].tolist() == [dates]
    assert fmt in p["fix"].iloc[0]


def test_ambiguous_with_mixed_separators_uses_the_most_common_and_says_so():
    err = refused(["07-03-2025", "08-03-2025", "7/3/2025"])
    assert "date_format='%d-%m-%Y'" in str(err)
    assert "also separates dates with '/'" in str(err)
    assert err.problems["count"].tolist() == [3]


def test_dates_written_both_ways_round_are_refused():
    err = refused(["21-03-2025", "03-21-2025"])
    assert err.problems["kind"].tolist() == ["ambiguous_date"]
    assert "'21-03-2025' is day first" in str(err) and "'03-21-2025' is month first" in str(err)


@pytest.mark.parametrize(
    ("dayfirst", "expected"),
    [(True, ["2025-03-07", "2025-03-08"]), (False, ["2025-07-03", "2025-08-03"])],
)
def test_dayfirst_forces_the_reading(dayfirst, expected):
    got, notes = read(["7/3/2025", "8/3/2025"], dayfirst=dayfirst)
    assert got == expected
    assert any(f"dayfirst={dayfirst}" in n for n in notes)


def test_dayfirst_lists_values_that_do_not_fit():
    err = refused(["21-03-2025", "03-21-2025", "04-22-2025"], dayfirst=True)
    p = err.problems
    assert p["kind"].tolist() == ["bad_date"]
    assert p["count"].tolist() == [2]
    assert p["examples"].tolist() == [["03-21-2025", "04-22-2025"]]
    assert "dayfirst=True" in str(err)


def test_day_first_in_a_file(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(
        "naam;activiteit;datum\r\nann;koffie;07-03-2025\r\nbob;koffie;21-03-2025\r\n", "utf-8-sig"
    )
    with pytest.warns(UserWarning, match="day-month-year"):
        net = wn.read_attendance(path, resident="naam", activity="activiteit", date="datum")
    s = net.summary()
    assert (str(s["first_date"]), str(s["last_date"])) == ("2025-03-07", "2025-03-21")
    path.write_text("naam;activiteit;datum\nann;koffie;07-03-2025\nbob;koffie;08-03-2025\n")
    with pytest.raises(wn.InputError, match="line 2:.*date_format='%d-%m-%Y'"):
        wn.read_attendance(path, resident="naam", activity="activiteit", date="datum")
    net = wn.read_attendance(
        path, resident="naam", activity="activiteit", date="datum", date_format="%d-%m-%Y"
    )
    assert str(net.summary()["last_date"]) == "2025-03-08"


# ---------------------------------------------------------------------------------------------
# Month and weekday names
# ---------------------------------------------------------------------------------------------

DUTCH_AND_ENGLISH = [
    "7 maart 2025",
    "7 mrt 2025",
    "07-mrt-2025",
    "7 mrt. 2025",
    "maandag 7 maart 2025",
    "Vrijdag 7 Maart 2025",
    "7 March 2025",
    "Mar 7, 2025",
    "Friday, March 7th, 2025",
    "7-MAR-2025",
]


def test_dutch_and_english_month_names():
    got, notes = read(DUTCH_AND_ENGLISH)
    assert got == ["2025-03-07"] * len(DUTCH_AND_ENGLISH)
    assert any("month name" in n and "'7 maart 2025' is 2025-03-07" in n for n in notes)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1 januari 2025", "2025-01-01"),
        ("2 feb 2025", "2025-02-02"),
        ("3 april 2025", "2025-04-03"),
        ("4 mei 2025", "2025-05-04"),
        ("5 juni 2025", "2025-06-05"),
        ("6 jul 2025", "2025-07-06"),
        ("7 augustus 2025", "2025-08-07"),
        ("8 sept 2025", "2025-09-08"),
        ("9 okt 2025", "2025-10-09"),
        ("10 november 2025", "2025-11-10"),
        ("11 dec 2025", "2025-12-11"),
        ("di 12 aug 2025", "2025-08-12"),
        ("zo 14 december 2025 om 14:00", "2025-12-14 14:00:00"),
        ("May 5, 2025", "2025-05-05"),
        ("October 9 2025", "2025-10-09"),
        ("7 mrt 25", "2025-03-07"),
    ],
)
def test_each_month_name(text, iso):
    assert read([text])[0] == [iso]


def test_weekday_before_a_numeric_date():
    got, _ = read(["ma 17-03-2025", "dinsdag 18-03-2025", "Wed 19/03/2025"])
    assert got == ["2025-03-17", "2025-03-18", "2025-03-19"]


def test_locale_restricts_to_one_language():
    assert read(["7 maart 2025", "8 mrt 2025"], locale="nl")[0] == ["2025-03-07", "2025-03-08"]
    assert read(["March 7, 2025", "8 Oct 2025"], locale="en")[0] == ["2025-03-07", "2025-10-08"]
    err = refused(["7 maart 2025", "7 March 2025"], locale="nl")
    assert err.problems["kind"].tolist() == ["bad_date"]
    assert err.problems["rows"].tolist() == [[1]]
    assert "'march' is English: pass locale='en'" in str(err)
    err = refused(["7 maart 2025", "7 March 2025"], locale="en")
    assert err.problems["rows"].tolist() == [[0]]
    assert "'maart' is Dutch: pass locale='nl'" in str(err)


def test_locale_values():
    assert read(["7 maart 2025"], locale="nl_NL")[0] == ["2025-03-07"]
    with pytest.raises(wn.ArgumentError, match="locale='fr'"):
        read(["7 mars 2025"], locale="fr")


# ---------------------------------------------------------------------------------------------
# date_format= wins
# ---------------------------------------------------------------------------------------------


def test_date_format_wins_over_the_data_and_dayfirst():
    # read month first although 7/3 would be read day first with dayfirst=True
    got, notes = read(["07/03/2025", "08/03/2025"], date_format="%m/%d/%Y", dayfirst=True)
    assert got == ["2025-07-03", "2025-08-03"]
    assert not any("day-month-year" in n for n in notes)


def test_date_format_wins_over_iso():
    err = refused(["07-03-2025", "2025-03-08"], date_format="%d-%m-%Y")
    p = err.problems
    assert p["kind"].tolist() == ["bad_date"] and p["rows"].tolist() == [[1]]
    assert "date_format='%d-%m-%Y'" in str(err) and "'07-03-2025'" in str(err)


def test_date_format_with_dutch_month_names():
    assert read(["7 maart 2025", "8 mei 2025"], date_format="%d %B %Y")[0] == ["2025-03-07", "2025-05-08"]
    assert read(["7 mrt 2025", "8 okt 2025"], date_format="%d %b %Y")[0] == ["2025-03-07", "2025-10-08"]
    assert read(["ma 7 apr 2025"], date_format="%a %d %b %Y")[0] == ["2025-04-07"]
    err = refused(["7 mrt 2025"], date_format="%d %b %Y", locale="en")
    assert err.problems["kind"].tolist() == ["bad_date"]


def test_bad_options():
    with pytest.raises(wn.ArgumentError, match="date_format='%d-%m-%Y'"):
        read(["07-03-2025"], date_format="dd-mm-yyyy")
    with pytest.raises(wn.ArgumentError, match="dayfirst='yes'"):
        read(["07-03-2025"], dayfirst="yes")


def test_date_format_on_a_datetime_column_is_noted():
    got, notes = read(list(pd.to_datetime(["2025-03-07", "2025-03-08"])), date_format="%d-%m-%Y")
    assert got == ["2025-03-07", "2025-03-08"]
    assert any("date_format= was ignored" in n for n in notes)


# ---------------------------------------------------------------------------------------------
# Every problem at once
# ---------------------------------------------------------------------------------------------


def test_all_date_problems_are_listed_together():
    dates = [
        "2025-03-01",
        None,
        "morgen",
        "0205-03-01",
        "",
        "31-02-2025",
        "today",
        "2025-13-45",
        "15-03-2025",
    ]
    err = refused(dates)
    p = err.problems.set_index("kind")
    assert list(p.index) == ["empty_date", "bad_date", "date_out_of_range"]
    assert p.loc["empty_date", "count"] == 2 and p.loc["empty_date", "rows"] == [1, 4]
    assert p.loc["bad_date", "count"] == 4 and p.loc["bad_date", "rows"] == [2, 5, 6, 7]
    assert p.loc["bad_date", "examples"] == ["morgen", "31-02-2025", "today", "2025-13-45"]
    assert p.loc["date_out_of_range", "rows"] == [3]
    text = str(err)
    assert "3 problems" in text and text.count("fix:") == 3
    assert "dropna(subset=['date'])" in text and "1900-2200" in text


def test_days_that_do_not_exist_are_named():
    err = refused(["21-03-2025", "31-02-2025", "30 februari 2025", "7 maart"])
    p = err.problems
    assert p["kind"].tolist() == ["bad_date"] and p["rows"].tolist() == [[1, 2, 3]]
    text = str(err)
    assert "'31-02-2025' does not exist" in text
    assert "a date needs a day, a month and a year" in text


def test_ambiguous_and_bad_and_empty_together():
    err = refused(["07-03-2025", "08-03-2025", "gisteren", None])
    assert err.problems["kind"].tolist() == ["ambiguous_date", "empty_date", "bad_date"]
    assert err.problems["count"].tolist() == [2, 1, 1]


def test_date_problems_come_with_the_other_columns_problems():
    df = register(["07-03-2025", "08-03-2025", "soon"])
    df.loc[1, "resident"] = None
    with pytest.raises(wn.InputError) as info:
        wn.Network.from_attendance(df, date="date")
    assert info.value.problems["kind"].tolist() == ["empty_id", "ambiguous_date", "bad_date"]


def test_datetime64_column_with_missing_and_out_of_range_dates():
    err = refused(list(pd.to_datetime(["2025-03-01", None, "1850-01-01"])))
    assert err.problems["kind"].tolist() == ["empty_date", "date_out_of_range"]
    assert "'1850-01-01'" in str(err)


def test_numeric_dates_list_their_problems_together():
    with pytest.raises(wn.InputError) as info:
        wn.Network.from_attendance(
            register([1.0, np.nan, 1.5, 1e6]), date="date", date_unit="D", origin="2025-01-01"
        )
    assert info.value.problems["kind"].tolist() == ["empty_date", "lost_time", "date_out_of_range"]
    assert info.value.problems["rows"].tolist() == [[1], [2], [3]]


def test_locale_through_read_attendance(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("naam,activiteit,datum\nann,koffie,7 maart 2025\nbob,koffie,vr 14 mrt 2025\n")
    with pytest.warns(UserWarning, match="month name"):
        net = wn.read_attendance(path, resident="naam", activity="activiteit", date="datum", locale="nl")
    s = net.summary()
    assert (str(s["first_date"]), str(s["last_date"])) == ("2025-03-07", "2025-03-14")
    with pytest.raises(wn.InputError, match="line 2:.*'maart' is Dutch") as info:
        wn.read_attendance(path, resident="naam", activity="activiteit", date="datum", locale="en")
    assert info.value.problems["count"].tolist() == [2]


# ---------------------------------------------------------------------------------------------
# Large columns: the distinct values are read once
# ---------------------------------------------------------------------------------------------


def test_large_day_first_column_matches_pandas():
    days = pd.date_range("2025-01-01", periods=365, freq="D")
    pick = np.random.default_rng(1).integers(0, 365, 50_000)
    text = pd.Series(days.strftime("%d-%m-%Y").to_numpy(dtype=object)[pick])
    notes: list = []
    ticks, unit = _date_column(text, "date", _Where(), None, None, notes)
    expected = pd.to_datetime(text, format="%d-%m-%Y").to_numpy().astype("M8[D]").astype(np.int64)
    assert unit == "D" and np.array_equal(ticks, expected)
    assert len(notes) == 1 and "day-month-year" in notes[0]
    # ISO values among them are still read
    text[10] = "2025-06-01"
    ticks, _ = _date_column(text, "date", _Where(), None, None, [])
    assert ticks[10] == (dt.date(2025, 6, 1) - dt.date(1970, 1, 1)).days
    text[11] = "hoi"
    with pytest.raises(wn.InputError) as info:
        _date_column(text, "date", _Where(), None, None, [])
    assert info.value.problems["rows"].tolist() == [[11]]


# ---------------------------------------------------------------------------------------------
# Any date, written any supported way, reads back as itself
# ---------------------------------------------------------------------------------------------

DUTCH_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
]  # fmt: skip
ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.dates(dt.date(1950, 1, 1), dt.date(2150, 12, 31)), min_size=1, max_size=30),
    st.sampled_from(["-", "/", "."]),
    st.sampled_from(["numeric", "dutch", "english"]),
)
def test_dates_read_back_as_themselves(dates, sep, style):
    if style == "numeric":
        text = [f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}" for d in dates]
        kwargs: dict = {"dayfirst": True}
    elif style == "dutch":
        text = [f"{d.day} {DUTCH_MONTHS[d.month - 1]} {d.year}" for d in dates]
        kwargs = {"locale": "nl"}
    else:
        text = [f"{ENGLISH_MONTHS[d.month - 1]} {d.day}, {d.year}" for d in dates]
        kwargs = {}
    notes: list = []
    ticks, unit = _date_column(pd.Series(text, dtype=object), "date", _Where(), None, None, notes, **kwargs)
    assert unit == "D"
    assert ticks.tolist() == [(d - dt.date(1970, 1, 1)).days for d in dates]


PIECES = list("0123456789-/.: ,TZ+") + [
    "maart",
    "mrt",
    "ma",
    "jan",
    "March",
    "today",
    "om",
    "th",
    "2025",
    "13",
    "31",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.lists(st.sampled_from(PIECES), max_size=8).map("".join)),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, "nl", "en"]),
    st.sampled_from([None, "%d-%m-%Y", "%d %b %Y"]),
)
def test_any_text_is_read_or_refused_with_its_problems(values, dayfirst, locale, date_format):
    try:
        ticks, _ = _date_column(
            pd.Series(values, dtype=object), "date", _Where(), None, None, [],
            dayfirst=dayfirst, locale=locale, date_format=date_format,
        )  # fmt: skip
    except wn.InputError as e:
        assert len(e.problems) >= 1
        assert set(e.problems["kind"]) <= {
            "empty_date",
            "bad_date",
            "ambiguous_date",
            "date_out_of_range",
            "lost_time",
        }
    else:
        assert len(ticks) == len(values)
