"""Wide attendance tables into a long register (private): sign-in sheets (one row per person,
one column per date or session, a mark for presence) and incidence matrices (residents ×
activities, the number of attendances in each cell).

:meth:`Network.from_signin_sheet` and :meth:`Network.from_incidence` call the functions here
and build the network from the long register with :meth:`Network.from_attendance`. Every
problem of a sheet (unknown marks, names missing, headers that are not dates, ...) is
collected before one :class:`~wijknet.InputError` lists them all; everything left out (people
without a mark, sessions nobody attended, empty rows) is reported in a warning.
"""

from __future__ import annotations

import datetime as _dt
import numbers
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._dates import named_date
from ._errors import ArgumentError, InputError
from ._problems import Problems
from ._tables import _is_text_file, _missing_column, _n, _short, _Table

#: Text marks that mean "was there" (compared without surrounding spaces and case).
PRESENT_MARKS: frozenset[str] = frozenset({"x", "✓", "✔", "v", "1", "ja", "yes", "aanwezig"})
#: Text marks that mean "was not there"; an empty cell is absent too.
ABSENT_MARKS: frozenset[str] = frozenset({"", "0", "-", "nee", "no", "afwezig"})
#: The largest number of attendances one cell of a sign-in sheet may count; a larger number
#: (a phone number, a total) is refused as an unknown mark.
MAX_COUNT = 99

# Headers and names that are totals, not sessions or people.
_TOTALS = frozenset({"totaal", "total", "totalen", "totals", "som", "sum", "aantal", "count"})

_NUMERIC_DATE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_TIME_OF_DAY = re.compile(r"([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?")
_WHOLE = re.compile(r"\d+")
_UNNAMED = re.compile(r"Unnamed: \d+(_level_\d+)?")

_SHOWN_VALUES = 10  # unknown marks listed by value
_SHOWN_CELLS = 3  # cells listed for each


# --------------------------------------------------------------------------------------------
# Sign-in sheets
# --------------------------------------------------------------------------------------------


def _is_table(value: Any) -> bool:
    """A pandas/polars DataFrame or a pyarrow Table (a sheet), not a column."""
    if isinstance(value, pd.DataFrame):
        return True
    mod = type(value).__module__.split(".")[0]
    if mod == "polars":
        return hasattr(value, "get_column") or hasattr(value, "collect")
    if mod == "pyarrow":
        return hasattr(value, "schema") and hasattr(value, "column")
    return False


def _frame(data: Any, what: str, source: Any) -> pd.DataFrame:
    """A sheet as a pandas DataFrame (its columns in order, headers as given)."""
    if isinstance(data, pd.DataFrame):
        return data
    table = _Table(data, what, source)
    return pd.DataFrame({i: table.column(name).to_numpy() for i, name in enumerate(table.names)}).set_axis(
        pd.Index(table.names, dtype=object, tupleize_cols=False), axis=1
    )


def _text_key(value: Any) -> Any:
    """How a mark is looked up: text stripped and case-folded, other values as they are."""
    if isinstance(value, str):
        return value.strip().casefold()
    return value


def _check_marks(marks: Any, absent: Any, fn: str) -> dict:
    """The user's marks as one lookup {key: count}, absent values counting 0."""
    table: dict = {}
    if marks is not None:
        if isinstance(marks, Mapping):
            items = list(marks.items())
        elif isinstance(marks, Iterable) and not isinstance(marks, (str, bytes)):
            items = [(m, True) for m in marks]
        else:
            raise ArgumentError(
                f"{fn}(marks={_short(marks)}): give a dict from a mark to what it means, e.g. "
                "marks={'+': True} (attended once) or marks={'2x': 2}, or a list of marks that mean attended"
            )
        for key, meaning in items:
            if isinstance(meaning, (bool, np.bool_)):
                count = int(meaning)
            elif isinstance(meaning, numbers.Integral) and 0 <= int(meaning) <= MAX_COUNT:
                count = int(meaning)
            else:
                raise ArgumentError(
                    f"{fn}(marks=...): the mark {key!r} means {_short(meaning)}; give True "
                    f"(attended), False (not attended) or a number of attendances from 0 to {MAX_COUNT}"
                )
            try:
                table[_text_key(key)] = count
            except TypeError:
                raise ArgumentError(f"{fn}(marks=...): the mark {_short(key)} cannot be looked up") from None
    if absent is not None:
        if isinstance(absent, (str, bytes)) or not isinstance(absent, Iterable):
            absent = [absent]
        for key in absent:
            try:
                k = _text_key(key)
                hash(k)
            except TypeError:
                raise ArgumentError(
                    f"{fn}(absent=...): the value {_short(key)} cannot be looked up"
                ) from None
            if table.get(k, 0) > 0:
                raise ArgumentError(
                    f"{fn}(): {key!r} is in both marks= (attended) and absent= (not attended); keep it in one"
                )
            table[k] = 0
    return table


def _mark_count(value: Any, user: dict) -> int | None:
    """The number of attendances a cell says (0 = absent), None for an unknown mark."""
    if value is None or value is pd.NA or value is pd.NaT:
        return 0
    key = _text_key(value)
    try:
        if key in user:
            return user[key]
    except TypeError:  # unhashable
        return None
    if isinstance(value, str):
        if key in ABSENT_MARKS:
            return 0
        if key in PRESENT_MARKS or _TIME_OF_DAY.fullmatch(key):
            return 1
        if _WHOLE.fullmatch(key) and not (len(key) > 1 and key.startswith("0")):
            n = int(key)
            return n if n <= MAX_COUNT else None
        return None
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, numbers.Real):
        v = float(value)
        if v != v:  # NaN
            return 0
        if v.is_integer() and 0 <= v <= MAX_COUNT:
            return int(v)
        return None
    if isinstance(value, (_dt.time, _dt.datetime, np.datetime64)):
        return 1  # a time (or moment) of signing in
    if isinstance(value, (_dt.timedelta, np.timedelta64)):
        td = pd.Timedelta(value)
        return 1 if pd.Timedelta(0) < td < pd.Timedelta(days=1) else None  # a time of day
    return None


def _header_text(header: Any) -> str:
    """A header as the sheet shows it: a date without a time of day as YYYY-MM-DD."""
    if isinstance(header, (pd.Timestamp, _dt.datetime, np.datetime64)):
        when = pd.Timestamp(header)
        return when.strftime("%Y-%m-%d") if when == when.normalize() else str(when)
    if isinstance(header, float) and header.is_integer():
        return str(int(header))
    return str(header).strip()


def _is_blank_header(header: Any) -> bool:
    if header is None or (isinstance(header, float) and header != header):
        return True
    return isinstance(header, str) and (not header.strip() or bool(_UNNAMED.fullmatch(header.strip())))


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if len(text) == 2 else y


class _Headers:
    """Reads session headers: a date (datetime objects; text such as '07-03-2025',
    '2025-03-07', '7 maart 2025') or a label ('week 1')."""

    def __init__(self, dayfirst: bool | None, date_format: str | None) -> None:
        self.dayfirst = dayfirst
        self.date_format = date_format
        self.numeric: list[tuple[str, int, int, int, str]] = []  # (header, a, b, year, sep)

    def read(self, header: Any) -> tuple[str, Any]:
        """("date", Timestamp), ("numeric", text) (decided once all headers are seen),
        ("label", text) or ("bad", reason)."""
        if isinstance(header, (pd.Timestamp, _dt.datetime, _dt.date, np.datetime64)):
            return "date", pd.Timestamp(header)
        if not isinstance(header, str):
            return "label", _header_text(header)
        text = header.strip()
        if self.date_format is not None:
            when = pd.to_datetime(text, format=self.date_format, errors="coerce")
            return ("date", when) if not pd.isna(when) else ("label", text)
        m = _NUMERIC_DATE.fullmatch(text)
        if m:
            self.numeric.append((text, int(m.group(1)), int(m.group(3)), _year(m.group(4)), m.group(2)))
            return "numeric", text
        if _ISO_DATE.fullmatch(text):
            when = pd.to_datetime(text, errors="coerce")
            return ("date", when) if not pd.isna(when) else ("bad", "is not a date")
        when, why = named_date(text)
        if when is not None:
            return "date", when
        if why:
            return "bad", f"is not a whole date ({why})"
        return "label", text

    def order(self) -> tuple[bool | None, tuple[str, str] | None]:
        """Whether the day comes first in the numeric headers, or why that is unclear and the fix."""
        if self.dayfirst is not None or not self.numeric:
            return self.dayfirst, None
        day_first = [h for h, a, _, _, _ in self.numeric if a > 12]
        month_first = [h for h, _, b, _, _ in self.numeric if b > 12]
        if day_first and month_first:
            return None, (
                f"headers {day_first[0]!r} (day first) and {month_first[0]!r} (month first) are "
                "written in different orders",
                "write every date in the headers the same way, e.g. day-month-year",
            )
        if day_first:
            return True, None
        if month_first:
            return False, None
        if all(a == b for _, a, b, _, _ in self.numeric):
            return True, None
        h, a, b, y, sep = next(x for x in self.numeric if x[1] != x[2])
        fmt = sep.join(["%d", "%m", "%Y" if len(h.rsplit(sep, 1)[-1]) == 4 else "%y"])
        day = pd.Timestamp(y, b, a).strftime("%-d %B %Y")
        month = pd.Timestamp(y, a, b).strftime("%-d %B %Y")
        return None, (
            f"the date headers can be read day first ({h!r} = {day}) or month first (= {month})",
            f"say which: dayfirst=True (or date_format={fmt!r}) or dayfirst=False",
        )

    def numeric_date(self, text: str, dayfirst: bool) -> pd.Timestamp | None:
        for h, a, b, y, _ in self.numeric:
            if h == text:
                day, month = (a, b) if dayfirst else (b, a)
                try:
                    return pd.Timestamp(y, month, day)
                except ValueError:
                    return None
        return None


def _rows_text(rows: np.ndarray, row_name: Any, limit: int = 5) -> str:
    shown = ", ".join(row_name(int(r)) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def signin_register(
    data: Any,
    *,
    resident: Any,
    activity: Any,
    sessions: Any,
    ignore: Any,
    marks: Any,
    absent: Any,
    dayfirst: Any,
    date_format: Any,
    role: Any,
    source: Any = None,
    redact: bool = False,
    fn: str = "from_signin_sheet",
) -> tuple[pd.DataFrame, str, list[str]]:
    """The long register of sign-in sheets: a DataFrame with columns resident, activity, date
    (dated headers) or session (labels), and role (when ``role`` names a column), one row per
    attendance; which of "date" or "session" it has; and the warnings to give (what was left out).

    Raises InputError listing every problem of every sheet at once.
    """
    if dayfirst is not None and not isinstance(dayfirst, (bool, np.bool_)):
        raise ArgumentError(
            f"{fn}(dayfirst={_short(dayfirst)}): give True, False or None (decided from the headers)"
        )
    if date_format is not None and not isinstance(date_format, str):
        raise ArgumentError(f"{fn}(date_format={_short(date_format)}): give a format such as '%d-%m-%Y'")
    if sessions is not None and ignore is not None:
        raise ArgumentError(
            f"{fn}(): give sessions= (the session columns) or ignore= (the columns that are not "
            "sessions), not both"
        )
    sessions = _names_arg(sessions)
    ignore = _names_arg(ignore)
    user = _check_marks(marks, absent, fn)
    source = None if source is None else str(source)

    # The sheets: {activity id or None: DataFrame}; None when the activity is a column.
    if isinstance(data, Mapping) and data and all(_is_table(v) for v in data.values()):
        sheets = {key: _frame(v, f"sheet {key!r}", source) for key, v in data.items()}
        by_sheet = True
        if activity is not None:
            lacking = [k for k, df in sheets.items() if activity not in df.columns]
            if lacking:
                raise ArgumentError(
                    f"{fn}(activity={activity!r}): with one sheet per activity, the sheet's name is "
                    f"the activity, so leave activity= out; activity= names a column only when every "
                    f"sheet has it, and sheet {lacking[0]!r} does not"
                )
    else:
        frame = _frame(data, "sign-in sheet", source)
        sheets = {None: frame}
        by_sheet = False
        if activity is None:
            raise ArgumentError(
                f"{fn}() needs the activity of the sheet: activity='dans' (the activity's name "
                "for the whole sheet) or activity='activiteit' (the column that names each row's "
                "activity); or pass a dict {activity: sheet} with one sheet per activity"
            )
        try:
            hash(activity)
        except TypeError:
            raise ArgumentError(
                f"{fn}(activity=...) takes a column name or an activity's name, not a list"
            ) from None
    for key, df in sheets.items():
        if resident not in df.columns and df.index.name == resident:
            sheets[key] = df.reset_index()
    for key, df in sheets.items():
        if resident not in df.columns:
            what = "sign-in sheet" if key is None else f"sheet {key!r}"
            err = _missing_column(resident, list(df.columns), what, source)
            if by_sheet and len(sheets) > 1:
                err = type(err)(
                    f"{err}; if sheet {key!r} is not a sign-in sheet, leave it out: "
                    "read_signin_sheet(..., sheet=[the sign-in sheets])"
                )
            raise err
        if role is not None and role not in df.columns:
            raise _missing_column(
                role, list(df.columns), "sign-in sheet" if key is None else f"sheet {key!r}", source
            )
    activity_column = activity is not None and all(activity in df.columns for df in sheets.values())
    if not by_sheet and not activity_column:
        close = [
            c for c in sheets[None].columns if _header_text(c).casefold() == _header_text(activity).casefold()
        ]
        if close:
            raise ArgumentError(
                f"{fn}(activity={activity!r}): there is no column {activity!r} but there is "
                f"{close[0]!r}; name the column exactly, or give the activity's name for the whole sheet"
            )
        sheets = {activity: sheets[None]}
    for col in (sessions, ignore):
        if col:
            known = {c for df in sheets.values() for c in df.columns}
            missing = [c for c in col if c not in known]
            if missing:
                names = list(next(iter(sheets.values())).columns)
                raise _missing_column(missing[0], names, "sign-in sheet", source)

    problems = Problems("sign-in sheets" if by_sheet else "sign-in sheet", source)
    warnings: list[str] = []
    headers = _Headers(None if dayfirst is None else bool(dayfirst), date_format)
    parts = []
    for key, df in sheets.items():
        fixed = [resident] + ([activity] if activity_column else []) + ([role] if role is not None else [])
        if sessions:
            chosen = [p for p, c in enumerate(df.columns) if _among(c, sessions)]
        else:
            chosen = [p for p, c in enumerate(df.columns) if not _among(c, fixed) and not _among(c, ignore)]
        parts.append((key, df, chosen, [headers.read(df.columns[p]) for p in chosen]))
    order, unclear = headers.order()
    if unclear is not None:
        problems.add("ambiguous_date", None, *unclear)
    in_file = f" of file '{source}'" if source else ""
    kinds_seen: dict[str, Any] = {}
    long_parts = []
    for key, df, chosen, read in parts:
        sheet = "the sign-in sheet" if len(sheets) == 1 and not by_sheet else f"sheet {key!r}"
        part = _one_sheet(
            df,
            sheet=sheet,
            activity=None if activity_column else key,
            activity_col=activity if activity_column else None,
            resident=resident,
            role=role,
            chosen=chosen,
            read=read,
            headers=headers,
            dayfirst=order,
            user=user,
            problems=problems,
            warnings=warnings,
            text_file=source is not None and _is_text_file(source),
            redact=redact,
        )
        if part is not None:
            kind, frame = part
            kinds_seen.setdefault(kind, sheet)
            long_parts.append(frame)
    if len(kinds_seen) > 1:
        problems.add(
            "mixed_sheets",
            None,
            f"{kinds_seen['date']} has dates as headers but {kinds_seen['session']} has session labels",
            "give every sheet dates as headers, or every sheet session labels",
        )
    what = ("the sign-in sheet" if not by_sheet else "the sign-in sheets") + in_file
    problems.raise_if_any()
    if not long_parts or sum(len(p) for p in long_parts) == 0:
        raise InputError(
            f"{what} holds no attendance: no cell has a mark; mark attendance with 'x', '1', '✓' "
            "or a time, or say which marks you use with marks="
        )
    kind = next(iter(kinds_seen))
    return pd.concat(long_parts), kind, [f"file '{source}': {w}" if source else w for w in warnings]


def _among(header: Any, names: list) -> bool:
    """Whether a header is one of the names (headers that cannot be compared are not)."""
    try:
        return any(header is n or bool(header == n) for n in names)
    except (TypeError, ValueError):
        return False


def _names_arg(value: Any) -> list:
    """Column names as a list (one name alone, or None: no names)."""
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return [value]
    return list(value)


def _one_sheet(
    df: pd.DataFrame,
    *,
    sheet: str,
    activity: Any,
    activity_col: Any,
    resident: Any,
    role: Any,
    chosen: list,
    read: list,
    headers: _Headers,
    dayfirst: bool | None,
    user: dict,
    problems: Problems,
    warnings: list[str],
    text_file: bool,
    redact: bool,
) -> tuple[str, pd.DataFrame] | None:
    """The long register of one sheet (problems and warnings are collected)."""
    n_rows = len(df)
    prefix = "" if sheet == "the sign-in sheet" else f"{sheet}, "

    def row_name(r: int) -> str:
        return f"line {r + 2}" if text_file else f"row {r}"

    # session columns: date or label; blank headers and empty columns
    values = df.iloc[:, chosen].to_numpy(dtype=object) if chosen else np.empty((n_rows, 0), dtype=object)
    heads = [df.columns[p] for p in chosen]
    m = values.shape[1]
    flat = values.ravel()  # row-major: cell (i, j) at i * m + j
    codes, uniques = pd.factorize(flat, use_na_sentinel=True)
    lut = np.zeros(len(uniques) + 1, dtype=np.int64)  # the last slot: missing cells (code -1)
    unknown_codes = []
    for k, u in enumerate(uniques):
        count = _mark_count(u, user)
        if count is None:
            unknown_codes.append(k)
        else:
            lut[k] = count
    counts = lut[codes].reshape(n_rows, m)
    marked_cols = (counts > 0).any(axis=0)
    has_content = (codes >= 0).reshape(n_rows, m).any(axis=0) if m else np.zeros(0, bool)

    keep_cols = np.ones(m, dtype=bool)
    dates: list = [None] * m
    labels: list = [None] * m
    not_dates, date_cols = [], []
    for j, (header, (kind, value)) in enumerate(zip(heads, read, strict=True)):
        if _is_blank_header(header):
            keep_cols[j] = False
            if has_content[j]:
                problems.add(
                    "bad_header",
                    None,
                    f"{prefix}column {chosen[j] + 1} has marks but no header",
                    "write the date or the session in the column's header, or leave the column out with ignore=[...]",
                )
            continue
        if _header_text(header).casefold() in _TOTALS:
            problems.add(
                "totals",
                header,
                f"{prefix}column {header!r} holds totals, not a session",
                f"leave the column out: ignore=[{header!r}]",
            )
            keep_cols[j] = False
            continue
        if kind == "numeric":
            if dayfirst is None:
                date_cols.append(j)
                continue
            when = headers.numeric_date(value, dayfirst)
            if when is None:
                kind, value = (
                    "bad",
                    "is not a date" + (" (read day first)" if dayfirst else " (read month first)"),
                )
            else:
                kind, value = "date", when
        if kind == "bad":
            problems.add(
                "bad_date",
                header,
                f"{prefix}the header {header!r} {value}",
                "write each date with day, month and year, e.g. '7 maart 2025' or '07-03-2025'",
            )
            date_cols.append(j)
        elif kind == "date":
            dates[j] = value
            date_cols.append(j)
        else:
            labels[j] = value
            not_dates.append(j)
    # a header written twice: a CSV reader renames the second '07-03-2025' to '07-03-2025.1'
    header_texts = {_header_text(h) for h in df.columns}
    twice = [j for j in not_dates if _repeated_header(heads[j], header_texts)]
    for j in twice:
        problems.add(
            "duplicate_column",
            heads[j],
            f"{prefix}the header {str(heads[j]).rsplit('.', 1)[0]!r} is on more than one column",
            "merge the columns, or give each session a header of its own",
        )
        keep_cols[j] = False
    not_dates = [j for j in not_dates if j not in twice]
    if date_cols and not_dates:
        shown = ", ".join(repr(heads[j]) for j in not_dates[:10])
        more = f" and {len(not_dates) - 10} more" if len(not_dates) > 10 else ""
        problems.add(
            "bad_header",
            None,
            f"{prefix}{_n(len(date_cols), 'column')} ha{'s' if len(date_cols) == 1 else 've'} a date "
            f"as header but {shown}{more} do{'es' if len(not_dates) == 1 else ''} not",
            "leave the columns that are not sessions out: ignore=["
            + ", ".join(repr(heads[j]) for j in not_dates[:10])
            + "], or write a date in their headers",
            examples=[heads[j] for j in not_dates],
        )
        keep_cols[not_dates] = False  # not sessions: their cells are not marks
    kind = "date" if date_cols else "session"
    if not chosen:
        problems.add(
            "no_sessions",
            None,
            f"{sheet} has no column for a date or session (only the names"
            + (", the activity" if activity_col is not None else "")
            + (", the role" if role is not None else "")
            + " and the columns left out)",
            "add a column per date or session, or leave the sheet out (read_signin_sheet(..., sheet=[...]))",
        )
        return None

    # unknown marks, by value, in the columns read: one problem for the sheet
    if unknown_codes:
        code_grid = codes.reshape(n_rows, m)
        lines: list[str] = []
        unknown_values: list = []
        first_rows: list[int] = []
        cells_total = 0
        bad_columns: set = set()
        for k in unknown_codes:
            cells = np.argwhere((code_grid == k) & keep_cols[None, :])
            if not len(cells):
                continue
            where = "; ".join(
                f"{row_name(int(i))}, column {_header_text(heads[int(j)])!r}" for i, j in cells[:_SHOWN_CELLS]
            )
            if len(cells) > _SHOWN_CELLS:
                where += f"; and {len(cells) - _SHOWN_CELLS} more"
            lines.append(f"{_short(uniques[k], 30)} in {_n(len(cells), 'cell')} ({where})")
            unknown_values.append(uniques[k])
            cells_total += len(cells)
            bad_columns.update(int(j) for _, j in cells)
            first_rows.extend(int(i) for i, _ in cells[:_SHOWN_CELLS])
        if lines:
            listed = lines[:_SHOWN_VALUES] + (
                [f"and {len(lines) - _SHOWN_VALUES} more marks"] if len(lines) > _SHOWN_VALUES else []
            )
            problems.add(
                "bad_mark",
                heads[bad_columns.pop()] if len(bad_columns) == 1 else None,  # None: several columns
                f"{prefix}{_n(len(unknown_values), 'mark')} that wijknet does not know, in "
                f"{_n(cells_total, 'cell')}:" + "".join(f"\n     {line}" for line in listed),
                _marks_fix(unknown_values),
                count=cells_total,
                examples=unknown_values,
            )
            problems.items[-1].rows = sorted(set(first_rows))[:_SHOWN_CELLS]

    counts = counts * keep_cols[None, :]
    # names
    names = df[resident]
    name_values = names.to_numpy(dtype=object)
    empty_name = np.asarray(names.isna()) | np.fromiter(
        (isinstance(v, str) and not v.strip() for v in name_values), bool, n_rows
    )
    marked_rows = (counts > 0).any(axis=1)
    bad = np.flatnonzero(empty_name & marked_rows)
    if bad.size:
        problems.add(
            "empty_id",
            resident,
            f"{prefix}{_n(int(bad.size), 'row')} with marks but no name in column {resident!r}: {_rows_text(bad, row_name)}",
            f"write the name (or id) in column {resident!r}, or delete the row",
            mask=empty_name & marked_rows,
        )
    totals = np.flatnonzero(
        np.fromiter(
            (isinstance(v, str) and v.strip().casefold() in _TOTALS for v in name_values), bool, n_rows
        )
    )
    if totals.size:
        problems.add(
            "totals",
            resident,
            f"{prefix}{_rows_text(totals, row_name)} ({name_values[totals[0]]!r}) "
            f"hold{'s' if totals.size == 1 else ''} totals, not a person",
            "delete the row from the sheet",
            count=int(totals.size),
            examples=[name_values[totals[0]]],
        )
    if activity_col is not None:
        act = df[activity_col]
        act_empty = np.asarray(act.isna()) | np.fromiter(
            (isinstance(v, str) and not v.strip() for v in act.to_numpy(dtype=object)), bool, n_rows
        )
        bad = np.flatnonzero(act_empty & marked_rows)
        if bad.size:
            problems.add(
                "empty_id",
                activity_col,
                f"{prefix}{_n(int(bad.size), 'row')} with marks but no activity in column {activity_col!r}: "
                f"{_rows_text(bad, row_name)}",
                f"write the activity in column {activity_col!r}, or delete the row",
                mask=act_empty & marked_rows,
            )

    # what is left out, said out loud
    unmarked = np.flatnonzero(~empty_name & ~marked_rows)
    if unmarked.size:
        who = (
            _rows_text(unmarked, row_name)
            if redact
            else ", ".join(_short(v, 30) for v in name_values[unmarked[:5]])
            + (f" and {unmarked.size - 5} more" if unmarked.size > 5 else "")
        )
        warnings.append(
            f"{prefix}{_n(int(unmarked.size), 'person', 'people')} on the sheet ha{'s' if unmarked.size == 1 else 've'} "
            f"no mark and {'is' if unmarked.size == 1 else 'are'} not in the network ({who})"
        )
    blank_rows = np.flatnonzero(empty_name & ~marked_rows)
    if blank_rows.size:
        warnings.append(
            f"{prefix}{_n(int(blank_rows.size), 'row')} without a name or a mark "
            f"{'was' if blank_rows.size == 1 else 'were'} skipped ({_rows_text(blank_rows, row_name)})"
        )
    unattended = [heads[j] for j in range(m) if keep_cols[j] and not marked_cols[j]]
    if unattended:
        shown = ", ".join(repr(_header_text(c)) for c in unattended[:5])
        more = f" and {len(unattended) - 5} more" if len(unattended) > 5 else ""
        warnings.append(
            f"{prefix}{_n(len(unattended), 'column')} without any mark ({shown}{more}): a session "
            "nobody attended is not in the network"
        )
    named = ~empty_name
    if named.any():
        rows_of = named & marked_rows
        keys = pd.DataFrame({"name": names[rows_of].to_numpy(dtype=object)})
        if activity_col is not None:  # the same person at two activities is on two rows
            keys["activity"] = df[activity_col].to_numpy(dtype=object)[rows_of]
        dup = keys.duplicated(keep=False).to_numpy()
        if dup.any():
            repeated = pd.unique(keys["name"].to_numpy()[dup])
            example = (
                _rows_text(np.flatnonzero(rows_of)[dup], row_name)
                if redact
                else f"e.g. {_short(repeated[0], 30)}"
            )
            warnings.append(
                f"{prefix}{_n(len(repeated), 'name')} on more than one row ({example}); "
                "their marks are added together as one person's"
            )
    if kind == "date":
        seen: dict = {}
        for j in range(m):
            if keep_cols[j] and dates[j] is not None:
                if dates[j] in seen:
                    problems.add(
                        "duplicate_column",
                        heads[j],
                        f"{prefix}columns {_header_text(heads[seen[dates[j]]])!r} and {_header_text(heads[j])!r} are the same date",
                        "merge the two columns, or give the second session a header of its own and leave one out with ignore=",
                    )
                seen.setdefault(dates[j], j)

    # the long register: one row per attendance
    rows, cols = np.nonzero(counts)
    reps = counts[rows, cols]
    rows = np.repeat(rows, reps)
    cols = np.repeat(cols, reps)
    out: dict = {"resident": name_values[rows]}
    if activity_col is not None:
        out["activity"] = df[activity_col].to_numpy(dtype=object)[rows]
    else:
        out["activity"] = np.full(len(rows), activity, dtype=object)
    if kind == "date":
        when = np.array([np.datetime64("NaT", "ns") if d is None else d.to_datetime64() for d in dates])
        out["date"] = when.astype("datetime64[ns]")[cols] if m else np.empty(0, "datetime64[ns]")
    else:
        out["session"] = np.array(labels, dtype=object)[cols] if m else np.empty(0, dtype=object)
    if role is not None:
        out["role"] = df[role].to_numpy(dtype=object)[rows]
    return kind, pd.DataFrame(out, index=pd.Index(rows, name="sheet row"))


def _repeated_header(header: Any, texts: set) -> bool:
    """Whether a header is another header with a number added by a table reader ('x.1')."""
    if not isinstance(header, str):
        return False
    base, dot, number = header.rpartition(".")
    return bool(dot) and number.isdigit() and base in texts


def _marks_fix(values: list) -> str:
    shown = [_short(v, 20) for v in values[:4]]
    present = ", ".join(f"{s}: True" for s in shown)
    return (
        f"say what they mean: marks={{{present}}} if they mean attended, or "
        f"absent=[{', '.join(shown)}] if they mean not attended (or correct the cells)"
    )


# --------------------------------------------------------------------------------------------
# Incidence matrices
# --------------------------------------------------------------------------------------------


def _ids_arg(value: Any, n: int, name: str, fn: str) -> pd.Index:
    if value is None:
        return pd.RangeIndex(n)
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ArgumentError(
            f"{fn}({name}=...): give a list of {n} ids, one per {'row' if name == 'residents' else 'column'}"
        )
    ids = pd.Index(list(value))
    if len(ids) != n:
        raise ArgumentError(
            f"{fn}({name}=...): the matrix has {n} {'rows' if name == 'residents' else 'columns'} "
            f"but {len(ids)} ids were given; give one id per {'row' if name == 'residents' else 'column'}"
        )
    return ids


def _check_ids(ids: pd.Index, what: str, axis: str) -> None:
    if ids.hasnans:
        first = int(np.flatnonzero(np.asarray(ids.isna()))[0])
        raise InputError(
            f"the {what} id of {axis} {first} of the matrix is missing; every {axis} needs an id"
        )
    if ids.has_duplicates:
        dup = ids[ids.duplicated()].unique()
        raise InputError(
            f"{_n(len(dup), what + ' id')} name more than one {axis} of the matrix (e.g. {_short(dup[0], 30)}); "
            f"each {what} needs one {axis}: add the {axis}s together first, e.g. df.groupby(level=0).sum()"
        )


def incidence_register(
    matrix: Any, *, residents: Any, activities: Any, fn: str = "from_incidence"
) -> tuple[pd.DataFrame, list[str]]:
    """The long register of an incidence matrix: resident and activity as categoricals (in the
    matrix's order), one row per attendance; and the warnings to give (rows and columns
    without attendance)."""
    if isinstance(matrix, pd.DataFrame):
        if residents is not None or activities is not None:
            raise ArgumentError(
                f"{fn}(): a DataFrame carries its ids (index: residents, columns: activities); "
                "leave residents= and activities= out, or set them with df.index = ... / df.columns = ..."
            )
        res_ids, act_ids = matrix.index, matrix.columns
        n, m = matrix.shape
        sparse = False
        dense = (
            matrix.to_numpy(dtype=object)
            if any(
                not pd.api.types.is_numeric_dtype(t) or pd.api.types.is_bool_dtype(t) for t in matrix.dtypes
            )
            else matrix.to_numpy()
        )
    elif hasattr(matrix, "tocoo") and hasattr(matrix, "shape"):
        sparse = True
        n, m = matrix.shape
        res_ids = _ids_arg(residents, n, "residents", fn)
        act_ids = _ids_arg(activities, m, "activities", fn)
        coo = matrix.tocoo(copy=True)
        coo.sum_duplicates()
        dense = None
    elif isinstance(matrix, (np.ndarray, list, tuple)) or hasattr(matrix, "__array__"):
        dense = np.asarray(matrix)
        if dense.ndim != 2:
            raise ArgumentError(
                f"{fn}(matrix=...): give a 2-dimensional matrix (residents × activities), not {dense.ndim}-dimensional"
            )
        n, m = dense.shape
        res_ids = _ids_arg(residents, n, "residents", fn)
        act_ids = _ids_arg(activities, m, "activities", fn)
        sparse = False
    else:
        raise ArgumentError(
            f"{fn}() takes a pandas DataFrame (index: residents, columns: activities), a NumPy "
            f"array or a SciPy sparse matrix, not a {type(matrix).__module__}.{type(matrix).__name__}"
        )
    _check_ids(pd.Index(res_ids), "resident", "row")
    _check_ids(pd.Index(act_ids), "activity", "column")
    row_label, col_label = res_ids, act_ids

    def cell(i: int, j: int) -> str:
        return f"row {_short(_plain(row_label[i]), 30)}, column {_short(_plain(col_label[j]), 30)}"

    if sparse:
        values = coo.data
        rr, cc = coo.row.astype(np.int64), coo.col.astype(np.int64)
    else:
        assert dense is not None
        values = dense.ravel()
        rr = cc = None
    # check: whole numbers ≥ 0
    problems = Problems("incidence matrix")
    if values.dtype == object:
        missing = np.asarray(pd.isna(pd.Series(values, dtype=object)))
        is_bool = np.fromiter((isinstance(v, (bool, np.bool_)) for v in values), bool, len(values))
        is_num = ~is_bool & np.fromiter((isinstance(v, numbers.Real) for v in values), bool, len(values))
        not_number = ~missing & ~is_bool & ~is_num
        num = np.full(len(values), np.nan)
        num[is_num] = values[is_num].astype(np.float64)
        num[is_bool] = values[is_bool].astype(np.float64)
        nan = missing | np.isnan(num) & ~not_number
    elif values.dtype.kind == "b":
        num = values.astype(np.int64)
        not_number = np.zeros(len(values), bool)
        nan = not_number
    elif values.dtype.kind in "iuf":
        num = values
        not_number = np.zeros(len(values), bool)
        nan = np.isnan(values) if values.dtype.kind == "f" else not_number
    else:
        raise InputError(
            f"the matrix holds {values.dtype} values; give the number of attendances in each cell (whole numbers ≥ 0)"
        )
    with np.errstate(invalid="ignore"):
        negative = ~nan & ~not_number & (num < 0)
        if num.dtype.kind == "f":
            fraction = ~nan & ~not_number & ~negative & (np.mod(num, 1) != 0)
        else:
            fraction = np.zeros(len(num), bool)
    rule = "each cell counts how often a resident attended an activity: a whole number, 0 for never"
    for mask, one, many, fix in (
        (not_number, "is not a number", "are not numbers", f"{rule}; correct the cells"),
        (nan, "is empty (NaN)", "are empty (NaN)", "write 0 where a resident never came, e.g. df.fillna(0)"),
        (negative, "is negative", "are negative", f"{rule}; correct the cells"),
        (fraction, "is a fraction", "are fractions", f"{rule}; correct the cells"),
    ):
        bad = np.flatnonzero(mask)
        if not bad.size:
            continue
        shown, examples, bad_rows = [], [], []
        for b in bad[:_SHOWN_CELLS]:
            i, j = (int(rr[b]), int(cc[b])) if sparse else divmod(int(b), m)
            v = _plain(values[b])
            shown.append(f"{cell(i, j)} ({_short(v, 20)})")
            examples.append(v)
            bad_rows.append(i)
        more = f"; and {bad.size - _SHOWN_CELLS} more" if bad.size > _SHOWN_CELLS else ""
        problems.add(
            "bad_value",
            None,
            f"{_n(int(bad.size), 'cell')} {one if bad.size == 1 else many}: {'; '.join(shown)}{more}",
            fix,
            count=int(bad.size),
            examples=examples,
        )
        problems.items[-1].rows = bad_rows
    problems.raise_if_any()
    counts = num.astype(np.int64)
    if sparse:
        keep = counts > 0
        rr, cc, counts = rr[keep], cc[keep], counts[keep]
    else:
        flat = np.flatnonzero(counts)
        rr, cc = np.divmod(flat, m)
        counts = counts[flat]
    warnings = []
    row_has = np.zeros(n, bool)
    row_has[rr] = True
    col_has = np.zeros(m, bool)
    col_has[cc] = True
    for has, ids, what, axis in (
        (row_has, res_ids, "resident", "row"),
        (col_has, act_ids, "activity", "column"),
    ):
        empty = np.flatnonzero(~has)
        if empty.size and empty.size < len(has):
            listed = ", ".join(_short(ids[int(e)], 30) for e in empty[:5]) + (
                f" and {empty.size - 5} more" if empty.size > 5 else ""
            )
            plural = "residents" if what == "resident" else "activities"
            warnings.append(
                f"{_n(int(empty.size), what, plural)} of the matrix ha{'s' if empty.size == 1 else 've'} no attendance "
                f"(an all-zero {axis}) and {'is' if empty.size == 1 else 'are'} not in the network: {listed}"
            )
    if not counts.size:
        raise InputError(
            "the incidence matrix holds no attendance (every cell is 0); give a matrix with the number of attendances in each cell"
        )
    rr = np.repeat(rr, counts)
    cc = np.repeat(cc, counts)
    res_index, act_index = pd.Index(res_ids), pd.Index(act_ids)
    out = pd.DataFrame(
        {
            "resident": pd.Categorical.from_codes(rr, categories=_categories(res_index)),
            "activity": pd.Categorical.from_codes(cc, categories=_categories(act_index)),
        }
    )
    return out, warnings


def _plain(value: Any) -> Any:
    """A NumPy scalar as the Python value it holds (for messages)."""
    return value.item() if isinstance(value, np.generic) else value


def _categories(ids: pd.Index) -> pd.Index:
    """Ids as categories: plain Python values (object), integers kept as integers."""
    if ids.dtype.kind in "iu":
        return pd.Index(ids.astype(np.int64))
    return pd.Index(ids.to_numpy(dtype=object), dtype=object)
