"""Random tables through the public API: ``Network.from_attendance`` on data frames and
``read_attendance`` on CSV, Excel and Parquet files, with mixed types, nulls, NaN, infinity,
unicode, empty tables, huge ids (integers beyond int64, very long strings), repeated column
names, categoricals, timezone-aware dates, booleans and bytes; then a few analyses.

The property: a network, or an exception of wijknet's error classes (or a ValueError /
TypeError naming the column or row) — never a crash, never a Rust panic, and never a row lost
without saying so: the register's input rows are the table's rows less the rows the reader
reports dropping.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import HYP
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import wijknet as wn

#: hypothesis settings: the suite's, fewer examples for the file round trips (CI-fast)
FAST = settings(
    HYP,
    max_examples=40,
    suppress_health_check=[*HYP.suppress_health_check, HealthCheck.function_scoped_fixture],
)
FILES = settings(FAST, max_examples=15)

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
HUGE_INT = st.integers(min_value=-(2**70), max_value=2**70)
CELL = st.one_of(
    st.none(),
    st.integers(min_value=-3, max_value=5),
    HUGE_INT,
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["ann", "bob", "Éva", "李", "  ", "", "🙂", "x" * 5000]),
    TEXT,
    st.booleans(),
    st.binary(max_size=6),
    st.datetimes(timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=2))])),
    st.dates(),
)
#: a column of one kind of value (mostly), or of anything
COLUMN_KIND = st.sampled_from(
    ["ids", "ints", "huge", "text", "floats", "mixed", "bools", "bytes", "tzdates", "dates"]
)


def column(kind: str, n: int) -> st.SearchStrategy[list[Any]]:
    one = {
        "ids": st.sampled_from(["ann", "bob", "cas", "dee"]),
        "ints": st.integers(min_value=0, max_value=6),
        "huge": HUGE_INT,
        "text": TEXT,
        "floats": st.floats(allow_nan=True, allow_infinity=True),
        "mixed": CELL,
        "bools": st.booleans(),
        "bytes": st.binary(max_size=4),
        "tzdates": st.datetimes(
            min_value=dt.datetime(1900, 1, 1),
            max_value=dt.datetime(2100, 1, 1),
            timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-5))]),
        ),
        "dates": st.dates(),
    }[kind]
    with_nulls = st.one_of(one, st.none()) if kind in ("mixed", "text", "floats") else one
    return st.lists(with_nulls, min_size=n, max_size=n)


@st.composite
def tables(draw: st.DrawFn) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A table with resident and activity columns (and maybe date and role), each of a drawn
    kind, maybe categorical, maybe with a repeated column name; and the keywords to read it."""
    n = draw(st.integers(min_value=0, max_value=8))
    names = ["resident", "activity"]
    kw: dict[str, Any] = {}
    if draw(st.booleans()):
        names.append("date")
        kw["date"] = "date"
    if draw(st.booleans()):
        names.append("role")
        kw["role"] = "role"
    data = {}
    for name in names:
        if name == "role":
            values = draw(
                st.lists(
                    st.sampled_from(["participant", "vrijwilliger", "Organiser", "guest", None]),
                    min_size=n,
                    max_size=n,
                )
            )
        else:
            default = "ids" if name != "date" else "dates"
            # mostly well-formed, so that most tables get through to the analyses
            kind = draw(st.sampled_from([default] * 4) | COLUMN_KIND)
            values = draw(column(kind, n))
        s = pd.Series(values, dtype=object)
        if draw(st.integers(0, 4)) == 0:
            try:
                s = s.astype("category")
            except (TypeError, ValueError):
                pass
        elif draw(st.integers(0, 4)) == 0:
            s = pd.Series(pd.array(values)) if values else s  # pandas' own dtype inference
        data[name] = s
    df = pd.DataFrame(data)
    if draw(st.integers(0, 6)) == 0 and len(df.columns):
        # a repeated column name
        dup = draw(st.sampled_from(list(df.columns)))
        df = pd.concat([df, df[[dup]]], axis=1)
    return df, kw


def note(outcome: str) -> None:
    """Counts an outcome in Hypothesis' statistics (``--hypothesis-show-statistics``)."""
    try:
        event(outcome)
    except InvalidArgument:  # outside a Hypothesis test
        pass


def call(f: Any, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
    """f's result (None after an accepted error) and the warnings it gave; anything else than
    wijknet's errors, or a ValueError / TypeError naming a column or row, fails the test."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = f(*args, **kwargs)
            note(f"{getattr(f, '__name__', f)}: a result")
            return out, [str(w.message) for w in caught]
        except wn.WijknetError as e:
            note(f"{getattr(f, '__name__', f)}: {type(e).__name__}")
            return None, []
        except (ValueError, TypeError) as e:
            text = str(e)
            assert any(word in text for word in ("column", "row", "resident", "activity", "date", "role")), (
                f"{type(e).__name__} without a column or row: {text}"
            )
            return None, []
        except BaseException as e:  # a Rust panic (pyo3's PanicException) lands here
            pytest.fail(f"{type(e).__module__}.{type(e).__name__}: {e}")


def analyse(net: wn.Network) -> None:
    """A few analyses on an accepted network; each must run (or refuse with wijknet's errors)."""
    s = net.summary()
    assert s["attendances"] + s["duplicates_found"] == s["input_rows"]
    g, _ = call(net.project)
    if g is None:
        return
    assert g.number_of_nodes() == s["residents"]
    call(wn.connected_components, g)
    call(wn.clustering, g)
    call(net.to_frame)


@FAST
@given(tables())
def test_from_attendance_gives_a_network_or_a_clear_error(case: tuple[pd.DataFrame, dict[str, Any]]) -> None:
    df, kw = case
    net, _ = call(wn.Network.from_attendance, df, **kw)
    if net is None:
        return
    # every row is in the register: none dropped without an error
    assert net.summary()["input_rows"] == len(df)
    analyse(net)


@FAST
@given(
    st.lists(st.tuples(HUGE_INT, TEXT), min_size=1, max_size=6),
)
def test_huge_integer_and_text_ids(rows: list[tuple[int, str]]) -> None:
    df = pd.DataFrame(
        {"resident": pd.Series([r for r, _ in rows], dtype=object), "activity": [a for _, a in rows]}
    )
    net, _ = call(wn.Network.from_attendance, df)
    if net is not None:
        assert net.summary()["input_rows"] == len(df)
        analyse(net)


def test_empty_and_headless_tables() -> None:
    for df in (
        pd.DataFrame({"resident": [], "activity": []}),
        pd.DataFrame(),
        pd.DataFrame({"resident": [np.nan], "activity": [np.inf]}),
        pd.DataFrame([[1, 2]], columns=["resident", "resident"]),
    ):
        net, _ = call(wn.Network.from_attendance, df)
        assert net is None


def write(df: pd.DataFrame, path: Path) -> bool:
    """Writes `df` as its suffix says; False when the writer itself refuses the table."""
    try:
        if path.suffix == ".csv":
            df.to_csv(path, index=False)
        elif path.suffix == ".xlsx":
            df.to_excel(path, index=False)
        else:
            df.to_parquet(path, index=False)
    except Exception:  # e.g. Excel refuses timezones, Parquet mixed object columns
        return False
    return True


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_read_attendance_gives_a_network_or_a_clear_error(suffix: str, tmp_path: Path) -> None:
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    counter = iter(range(10**6))

    @FILES
    @given(tables())
    def check(case: tuple[pd.DataFrame, dict[str, Any]]) -> None:
        df, kw = case
        if df.columns.duplicated().any() and suffix != ".csv":
            return  # the writers refuse repeated names
        path = tmp_path / f"t{next(counter)}{suffix}"
        if not write(df, path):
            return
        net, notes = call(wn.read_attendance, path, **kw)
        if net is None:
            return
        read = dict(net.attrs.get("read", {}))
        dropped = read.get("empty_rows_dropped", 0)
        rows = net.summary()["input_rows"]
        if rows + dropped != len(df):
            # a row that looks like a totals row or a second table is cut off, with a warning
            assert any("second table" in n or "totals" in n for n in notes), (rows, dropped, len(df), notes)
        analyse(net)

    check()


MARK = st.one_of(
    st.sampled_from(["x", "✓", "v", "ja", "1", "3", "19:30", "-", "nee", "", "ziek", "?"]),
    st.none(),
    st.booleans(),
    st.integers(min_value=-2, max_value=120),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
)
HEADER = st.one_of(
    st.sampled_from(
        ["07-03-2025", "14-03-2025", "2025-03-21", "7 maart 2025", "week 1", "sessie 2", "Totaal"]
    ),
    TEXT,
)


@FAST
@given(
    names=st.lists(
        st.one_of(st.sampled_from(["Ann", "Bob", "Cas"]), TEXT, st.none(), HUGE_INT), min_size=0, max_size=5
    ),
    headers=st.lists(HEADER, min_size=1, max_size=4),
    data=st.data(),
)
def test_signin_sheet_gives_a_network_or_a_clear_error(
    names: list[Any], headers: list[str], data: Any
) -> None:
    columns = {"naam": pd.Series(names, dtype=object)}
    for h in headers:
        columns[h] = pd.Series(
            data.draw(st.lists(MARK, min_size=len(names), max_size=len(names))), dtype=object
        )
    sheet = pd.DataFrame(columns)
    net, _ = call(wn.Network.from_signin_sheet, sheet, resident="naam", activity="dans")
    if net is not None:
        analyse(net)
