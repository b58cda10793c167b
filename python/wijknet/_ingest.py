"""Turn user tables into plain NumPy columns for the Rust core (private module).

The public API (``Network.from_attendance``, ``read_attendance``, ``with_*_attributes``) calls
the functions here. They accept pandas, polars and pyarrow tables and dicts of columns, convert
only the columns that are named, check every value in vectorised passes, and raise errors that
say what is wrong, where (file, line, row, column) and how to fix it. Nothing is dropped or
changed silently: bad rows raise; harmless changes (a missing role read as "participant", a
time zone converted to UTC) are listed in ``notes``.

Ids are interned in first-seen order with :func:`pandas.factorize`, once per id column; the
checks run on the (few) distinct values wherever possible, so ingestion costs little more than
factorizing the id columns.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import hashlib
import hmac
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from . import _wijknet as _native
from ._errors import (
    ArgumentError,
    ColumnNotFoundError,
    DataFileNotFoundError,
    InputError,
    NodeNotFoundError,
    WijknetError,
)

__all__ = [
    "AttendanceColumns",
    "AttributeColumns",
    "attendance_columns",
    "attribute_columns",
    "read_table",
    "pseudonymise_ids",
    "EdgeColumns",
    "edge_columns",
    "DATE_UNITS",
    "ROLES",
    "TABLE_EXTENSIONS",
]

#: Ids as given: all strings (a list) or all integers (an int64 array).
Ids: TypeAlias = list | np.ndarray

#: Supported ``date_unit`` values.
DATE_UNITS = ("D", "s", "ms")
#: Canonical roles, in code order (0, 1, 2).
ROLES: tuple[str, ...] = tuple(_native.ROLES)  # the canonical roles, defined in the core
_ROLE_CODE: dict[str, int] = dict(_native.ROLE_CODES)  # every accepted name, aliases included

_CSV_EXTENSIONS = (".csv", ".csv.gz", ".tsv", ".tsv.gz", ".txt")
_PARQUET_EXTENSIONS = (".parquet", ".pq")
#: File extensions :func:`read_table` reads.
TABLE_EXTENSIONS = _CSV_EXTENSIONS + _PARQUET_EXTENSIONS

_I64_MAX = np.iinfo(np.int64).max
# pandas >= 2 has format="ISO8601"/"mixed"; pandas 1.x infers formats by itself.
_PANDAS2 = int(pd.__version__.split(".")[0]) >= 2
_ArrowDtype = getattr(pd, "ArrowDtype", None)
_U32_MAX = np.iinfo(np.uint32).max
# Dates outside [1900, 2200] are almost surely typos (0205 for 2025, 20255 ...).
_MIN_YEAR, _MAX_YEAR = 1900, 2200
_US_PER = {"D": 86_400_000_000, "s": 1_000_000, "ms": 1_000}
_PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class AttendanceColumns:
    """The columns of an attendance table, ready for the Rust core.

    Codes index the matching id lists (``resident_ids[resident_codes[i]]`` is row ``i``'s
    resident); ids are in first-seen order. ``date`` counts ``date_unit`` since 1970-01-01.
    ``role`` is 0 participant, 1 volunteer, 2 organiser. ``notes`` lists, in words, anything
    that was changed on the way in.
    """

    resident_codes: np.ndarray
    resident_ids: Ids
    activity_codes: np.ndarray
    activity_ids: Ids
    date: np.ndarray | None
    date_unit: str
    session_codes: np.ndarray | None
    session_ids: Ids | None
    role: np.ndarray | None
    n_rows: int
    notes: list = dataclasses.field(default_factory=list)

    def __repr__(self) -> str:  # no ids: they may be personal data
        return (
            f"AttendanceColumns(n_rows={self.n_rows}, residents={len(self.resident_ids)}, "
            f"activities={len(self.activity_ids)}, date={'yes' if self.date is not None else 'no'}"
            f" ({self.date_unit}), sessions="
            f"{len(self.session_ids) if self.session_ids is not None else 'none'}, "
            f"role={'yes' if self.role is not None else 'no'}, notes={len(self.notes)})"
        )


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class AttributeColumns:
    """The columns of an attribute table (one row per resident or activity).

    ``ids`` are the ``on`` column, row by row (they are unique). ``columns`` holds
    ``(name, kind, values, levels)`` for every other column: kind ``"categorical"`` (int32
    codes into ``levels``, -1 missing), ``"numeric"`` (float64, NaN missing) or ``"bool"``
    (int8 0/1, -1 missing; ``levels`` is None for numeric and bool). ``sensitive`` is a bool per
    row, or None.
    """

    ids: Ids
    columns: list
    sensitive: np.ndarray | None
    n_rows: int
    notes: list = dataclasses.field(default_factory=list)

    def __repr__(self) -> str:
        names = ", ".join(repr(c[0]) for c in self.columns)
        return (
            f"AttributeColumns(n_rows={self.n_rows}, columns=[{names}], "
            f"sensitive={'yes' if self.sensitive is not None else 'no'})"
        )


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _n(count: int, word: str, plural: str | None = None) -> str:
    """``3 rows``, ``1 row``."""
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_text_file(name: str) -> bool:
    low = name.lower()
    return low.endswith(_CSV_EXTENSIONS)


class _Where:
    """Turns 0-based row positions into "file 'x.csv', line 17 (row 15)" and the like."""

    def __init__(self, source: Any = None, index: pd.Index | None = None) -> None:
        self.source = None if source is None else os.fspath(source)
        self.lines = self.source is not None and _is_text_file(self.source)
        # Mention a pandas index label only when it differs from the position.
        self.index = None if index is None or isinstance(index, pd.RangeIndex) else index

    def row(self, r: int, *, label: bool = True) -> str:
        r = int(r)
        if self.source is None:
            text = f"row {r}"
        elif self.lines:
            text = f"file '{self.source}', line {r + 2} (row {r})"
        else:
            text = f"file '{self.source}', row {r}"
        if label and self.index is not None:
            text += f" (index {_short(self.index[r], 30)})"
        return text

    def rows(self, mask: np.ndarray, what: str) -> tuple[int, str]:
        """First bad row and "3 rows ..., the first at row 5"."""
        bad = np.flatnonzero(mask)
        first = int(bad[0])
        if bad.size == 1:
            return first, f"{what} at {self.row(first)}"
        return first, f"{_n(int(bad.size), 'row')} with {what}, the first at {self.row(first)}"


def _close_match(name: Any, names: list) -> str | None:
    text = str(name)
    strs = [str(c) for c in names]
    for c, s in zip(names, strs, strict=False):
        if s.strip().lower() == text.strip().lower():
            return c
    hits = difflib.get_close_matches(text, strs, n=1, cutoff=0.6)
    if hits:
        return names[strs.index(hits[0])]
    return None


def _missing_column(name: Any, names: list, what: str, source: str | None = None) -> ColumnNotFoundError:
    where = f"the {what}" if source is None else f"file '{source}'"
    if names:
        shown = ", ".join(repr(c) for c in names[:30])
        if len(names) > 30:
            shown += f", ... ({len(names)} in all)"
    else:
        shown = "(none)"
    msg = f"column {name!r} is not in {where}; columns are: {shown}"
    hit = _close_match(name, names)
    if hit is not None:
        msg += f"; did you mean {hit!r}?"
    return ColumnNotFoundError(msg)


# --------------------------------------------------------------------------------------------
# Tables: get one column as a pandas Series, whatever the table type
# --------------------------------------------------------------------------------------------


def _type_module(obj: Any) -> str:
    return type(obj).__module__.split(".")[0]


def _arrow_to_series(col: Any) -> pd.Series:
    out = col.to_pandas(date_as_object=False)
    return out if isinstance(out, pd.Series) else pd.Series(out)


def _polars_to_series(col: Any) -> pd.Series:
    try:
        return col.to_pandas()
    except ImportError:  # polars needs pyarrow for to_pandas
        return pd.Series(col.to_numpy())


class _Table:
    """A uniform view of a pandas/polars/pyarrow table or a dict of columns."""

    def __init__(self, data: Any, what: str, source: Any = None) -> None:
        self.data = data
        self.what = what
        self.source = None if source is None else os.fspath(source)
        self.index: pd.Index | None = None
        mod = _type_module(data)
        if isinstance(data, pd.DataFrame):
            self.kind = "pandas"
            self.names = list(data.columns)
            self.n_rows = len(data)
            self.index = data.index
        elif mod == "polars" and hasattr(data, "get_column"):
            self.kind = "polars"
            self.names = list(data.columns)
            self.n_rows = int(data.height)
        elif mod == "polars" and hasattr(data, "collect"):
            raise ArgumentError(f"the {what} is a polars LazyFrame; collect it first, e.g. lf.collect()")
        elif mod == "pyarrow" and hasattr(data, "schema") and hasattr(data, "column"):
            self.kind = "arrow"
            self.names = list(data.schema.names)
            self.n_rows = int(data.num_rows)
        elif isinstance(data, Mapping):
            self.kind = "dict"
            self.names = list(data.keys())
            lengths = {}
            for k, v in data.items():
                try:
                    lengths[k] = len(v)
                except TypeError:
                    raise ArgumentError(
                        f"column {k!r} of the {what} is a {type(v).__name__}, not a sequence; "
                        "pass a dict of equally long lists or arrays"
                    ) from None
            if len(set(lengths.values())) > 1:
                shown = ", ".join(f"{k!r} has {v}" for k, v in list(lengths.items())[:10])
                raise ArgumentError(
                    f"the columns of the {what} have different lengths ({shown}); "
                    "every column needs one value per row"
                )
            self.n_rows = next(iter(lengths.values()), 0)
        elif isinstance(data, pd.Series):
            raise ArgumentError(
                f"the {what} is a pandas Series; pass a DataFrame, e.g. series.to_frame() or "
                "pd.DataFrame({...})"
            )
        else:
            raise ArgumentError(
                f"the {what} must be a pandas, polars or pyarrow table or a dict of columns, "
                f"not a {type(data).__module__}.{type(data).__name__}"
            )

    def where(self) -> _Where:
        return _Where(self.source, self.index)

    def check(self, name: Any) -> None:
        if name not in self.names:
            raise _missing_column(name, self.names, self.what, self.source)

    def column(self, name: Any) -> pd.Series:
        """The column as a pandas Series (no copy where the source allows)."""
        self.check(name)
        data = self.data
        if self.kind == "pandas":
            col = data[name]
            if isinstance(col, pd.DataFrame):
                raise InputError(
                    f"the {self.what} has {col.shape[1]} columns named {name!r}; "
                    "rename them so that each name is used once"
                )
            return col
        if self.kind == "polars":
            return _polars_to_series(data.get_column(name))
        if self.kind == "arrow":
            return _arrow_to_series(data.column(name))
        value = data[name]
        if isinstance(value, pd.Series):
            return value
        if isinstance(value, pd.Index):
            return pd.Series(value)
        mod = _type_module(value)
        if mod == "pyarrow" and hasattr(value, "to_pandas"):
            return _arrow_to_series(value)
        if mod == "polars" and hasattr(value, "to_pandas"):
            return _polars_to_series(value)
        return pd.Series(value)


# --------------------------------------------------------------------------------------------
# Ids
# --------------------------------------------------------------------------------------------


def _value_kind(v: Any) -> str:
    if isinstance(v, (bool, np.bool_)):
        return "boolean"
    if isinstance(v, (str, np.str_)):
        return "text"
    if isinstance(v, (int, float, np.integer, np.floating)):
        return "number"
    return type(v).__name__


def _factorize_ids(
    s: pd.Series, name: Any, where: _Where, what: str, redact: bool, notes: list
) -> tuple[np.ndarray, Ids]:
    """Factorize an id column (first-seen order; a categorical: category order) and check it;
    returns (uint32 codes, ids)."""
    dtype = s.dtype
    fix_type = f"convert the column to one type, e.g. df[{name!r}] = df[{name!r}].astype(str)"
    if pd.api.types.is_bool_dtype(dtype):
        raise InputError(
            f"column {name!r} holds booleans (True/False), which cannot be {what} ids; "
            f"use text or whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)"
        )
    if (
        pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_timedelta64_dtype(dtype)
        or isinstance(dtype, (pd.PeriodDtype, pd.IntervalDtype))
    ):
        raise InputError(
            f"column {name!r} holds {dtype} values, which cannot be {what} ids; "
            f"use text or whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)"
        )

    if isinstance(dtype, pd.CategoricalDtype):
        # a categorical column interns its ids in category order (unused categories left
        # out), so a table from Network.to_frame() rebuilds the same resident/activity order
        cat = np.asarray(s.cat.codes, dtype=np.int64)  # -1: missing
        used = np.unique(cat[cat >= 0])
        remap = np.full(len(dtype.categories) + 1, -1, dtype=np.int64)
        remap[used] = np.arange(len(used))
        codes = remap[cat]  # cat == -1 reads the last slot, -1
        uniques = dtype.categories[used]
    else:
        codes, uniques = pd.factorize(s, sort=False)
    codes = np.asarray(codes)
    u = np.asarray(uniques)  # distinct ids (categorical: their values)

    def null_error(mask: np.ndarray, extra: str = "") -> InputError:
        _, text = where.rows(mask, f"no {what} id{extra}")
        return InputError(
            f"column {name!r} has {text}; every row needs a {what} id: fill these rows or drop "
            f"them, e.g. df = df.dropna(subset=[{name!r}])"
        )

    null = codes < 0
    if null.any():
        raise null_error(null)

    kind = u.dtype.kind
    if kind == "O" or kind == "U" or kind == "S":
        inferred = pd.api.types.infer_dtype(u, skipna=False)
        if inferred == "string":
            empty = np.flatnonzero(u == "")
            if empty.size:
                raise null_error(codes == empty[0], " (an empty text)")
            if kind == "U":
                return _codes(codes, len(u), name, what), u.astype(object).tolist()
            return _codes(codes, len(u), name, what), u.tolist()
        if inferred == "integer":
            try:
                ids = u.astype(np.int64)
            except OverflowError:
                raise InputError(
                    f"column {name!r} holds whole numbers too large for an id (beyond 2**63); "
                    f"use text ids, e.g. df[{name!r}] = df[{name!r}].astype(str)"
                ) from None
            return _codes(codes, len(u), name, what), ids
        if inferred in ("floating", "mixed-integer-float"):
            return _codes(codes, len(u), name, what), _float_ids(
                u.astype(np.float64), codes, name, where, what, redact, notes
            )
        if inferred == "boolean":
            raise InputError(
                f"column {name!r} holds booleans (True/False), which cannot be {what} ids; "
                f"use text or whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)"
            )
        # Mixed types: find the first row whose type differs from row 0's. Uniques are in
        # first-seen order, so the first differing unique gives the first differing row.
        k0 = _value_kind(u[0])
        for k in range(1, len(u)):
            kk = _value_kind(u[k])
            if kk != k0:
                row = int(np.argmax(codes == k))
                if redact:
                    detail = f"row 0 holds {k0} but {where.row(row, label=False)} holds {kk}"
                else:
                    detail = (
                        f"row 0 holds {k0} ({_short(u[0])}) but {where.row(row)} holds {kk} ({_short(u[k])})"
                    )
                raise InputError(f"column {name!r} mixes {k0} and {kk} ids: {detail}; {fix_type}")
        raise InputError(  # a single unsupported type (bytes, tuples, ...)
            f"column {name!r} holds {k0} values, which cannot be {what} ids; use text or whole "
            f"numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)"
        )
    if kind == "i":
        return _codes(codes, len(u), name, what), u.astype(np.int64, copy=False)
    if kind == "u":
        if u.size and int(u.max()) > _I64_MAX:
            raise InputError(
                f"column {name!r} holds whole numbers too large for an id (beyond 2**63); "
                f"use text ids, e.g. df[{name!r}] = df[{name!r}].astype(str)"
            )
        return _codes(codes, len(u), name, what), u.astype(np.int64)
    if kind == "f":
        ids = _float_ids(u, codes, name, where, what, redact, notes)
        return _codes(codes, len(u), name, what), ids
    if kind == "b":
        raise InputError(
            f"column {name!r} holds booleans (True/False), which cannot be {what} ids; "
            f"use text or whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)"
        )
    raise InputError(
        f"column {name!r} holds {u.dtype} values, which cannot be {what} ids; use text or "
        f"whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)"
    )


def _codes(codes: np.ndarray, n_ids: int, name: Any, what: str) -> np.ndarray:
    # first-seen codes run 0 .. n_ids - 1
    if n_ids > _U32_MAX:
        raise InputError(f"column {name!r} has more than 2**32 distinct {what} ids")
    return codes.astype(np.uint32)


def _float_ids(
    u: np.ndarray,
    codes: np.ndarray,
    name: Any,
    where: _Where,
    what: str,
    redact: bool,
    notes: list,
) -> np.ndarray:
    """Floats are ids only when every value is a whole number (e.g. ints read with NaN)."""
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(u) & (u == np.floor(u)) & (np.abs(u) < 2.0**63)
    if not ok.all():
        k = int(np.argmin(ok))
        row = int(np.argmax(codes == k))
        shown = "" if redact else f" ({_short(u[k])})"
        raise InputError(
            f"column {name!r} holds a number that is not whole at "
            f"{where.row(row, label=not redact)}{shown}; {what} ids must be text or whole "
            f"numbers: round them, or use text, e.g. df[{name!r}] = df[{name!r}].astype(str)"
        )
    notes.append(f"column {name!r} held whole numbers stored as decimals; they were read as integer ids")
    return u.astype(np.int64)


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def _check_date_unit(date_unit: Any) -> None:
    if date_unit is not None and date_unit not in DATE_UNITS:
        raise ArgumentError(
            f"date_unit={date_unit!r} is not supported; use 'D' (days), 's' (seconds) or "
            "'ms' (milliseconds), or leave it out to infer it from the dates"
        )


def _origin_us(origin: Any, date_unit: str) -> int:
    """Origin as a count of microseconds since 1970-01-01, checked against ``date_unit``."""
    if origin is None:
        return 0
    try:
        ts = pd.Timestamp(origin)
    except (ValueError, TypeError) as e:
        raise ArgumentError(
            f"origin={origin!r} is not a date; pass a date such as origin='2025-01-01' ({e})"
        ) from None
    if ts is pd.NaT or pd.isna(ts):
        raise ArgumentError(f"origin={origin!r} is not a date; pass e.g. origin='2025-01-01'")
    if ts.tz is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    if ts.nanosecond:
        raise ArgumentError(f"origin={origin!r} has nanoseconds; use a whole millisecond at most")
    delta = ts.to_pydatetime() - _dt.datetime(1970, 1, 1)
    us = delta // _dt.timedelta(microseconds=1)
    if us % _US_PER[date_unit]:
        raise ArgumentError(
            f"origin={origin!r} is finer than date_unit={date_unit!r} (it has a time of day or "
            "fraction); pass an origin on a whole unit, or a finer date_unit"
        )
    return us


def _unit_bounds(unit_us: int) -> tuple[int, int]:
    """[lo, hi) of the plausible date range, in counts of a unit of ``unit_us`` microseconds."""
    lo = (_dt.datetime(_MIN_YEAR, 1, 1) - _dt.datetime(1970, 1, 1)) // _dt.timedelta(microseconds=1)
    hi = (_dt.datetime(_MAX_YEAR + 1, 1, 1) - _dt.datetime(1970, 1, 1)) // _dt.timedelta(microseconds=1)
    return -((-lo) // unit_us), -((-hi) // unit_us)


def _out_of_range(name: Any, where: _Where, mask: np.ndarray, shown: Any) -> InputError:
    _, text = where.rows(mask, "a date outside the years 1900-2200")
    return InputError(
        f"column {name!r} has {text} ({shown}); such dates are almost surely typos: correct them "
        "or drop these rows"
    )


def _numeric_dates(
    s: pd.Series, name: Any, where: _Where, date_unit: str | None, origin: Any
) -> tuple[np.ndarray, str]:
    if date_unit is None:
        raise ArgumentError(
            f"column {name!r} holds numbers, not dates; to read them as dates, say what they "
            "count: pass date_unit='D' (days), 's' (seconds) or 'ms' (milliseconds) and "
            "origin= the date they count from (default origin='1970-01-01')"
        )
    origin_ticks = _origin_us(origin, date_unit) // _US_PER[date_unit]
    if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
        s = pd.to_numeric(s, errors="coerce")
    values = s.to_numpy(dtype=np.float64, na_value=np.nan) if s.hasnans or s.dtype.kind == "f" else None
    if values is not None:
        null = np.isnan(values)
        if null.any():
            _, text = where.rows(null, "no date")
            raise InputError(
                f"column {name!r} has {text}; every row needs a date: fill these rows or drop "
                f"them, e.g. df = df.dropna(subset=[{name!r}])"
            )
        frac = values != np.floor(values)
        if frac.any():
            first, text = where.rows(frac, f"a fraction of a unit (date_unit={date_unit!r})")
            finer = {"D": "'s' or 'ms'", "s": "'ms'", "ms": "none finer is supported"}[date_unit]
            raise InputError(
                f"column {name!r} has {text} ({values[first]!r}); storing it would lose time: "
                f"pass a finer date_unit ({finer}) or round the values"
            )
        if np.abs(values).max() >= 2.0**62:
            bad = np.abs(values) >= 2.0**62
            raise _out_of_range(name, where, bad, f"{values[np.argmax(bad)]!r}")
        ticks = values.astype(np.int64)
    else:
        ticks = s.to_numpy()
        if ticks.dtype.kind == "u":
            if ticks.size and int(ticks.max()) >= 2**62:
                bad = ticks >= 2**62
                raise _out_of_range(name, where, bad, f"{ticks[np.argmax(bad)]!r}")
        ticks = ticks.astype(np.int64, copy=False)
    lo, hi = _unit_bounds(_US_PER[date_unit])
    bad = (ticks < lo - origin_ticks) | (ticks >= hi - origin_ticks)
    if bad.any():
        raise _out_of_range(name, where, bad, f"{ticks[np.argmax(bad)]!r} {date_unit}")
    return ticks + origin_ticks, date_unit


_AMBIGUOUS = re.compile(r"^\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b")


def _parse_dates(s: pd.Series, name: Any, where: _Where, notes: list) -> pd.Series:
    """Parse a column of strings / date objects; raise on unparsable or missing values."""

    def parse(fmt: str) -> pd.Series:
        options = {"format": fmt} if _PANDAS2 else {}
        try:
            return pd.to_datetime(s, errors="coerce", **options)
        except (ValueError, TypeError) as e:  # mixed time zones, aware + naive
            if "tz" in str(e).lower() or "timezone" in str(e).lower() or "offset" in str(e).lower():
                out = pd.to_datetime(s, errors="coerce", utc=True, **options)
                notes.append(
                    f"column {name!r} mixed time zones; all dates were converted to UTC "
                    "(dates without a time zone were read as UTC)"
                )
                return out
            raise InputError(f"column {name!r} could not be read as dates: {e}") from None

    out = parse("ISO8601")
    nat = np.asarray(out.isna())
    if not nat.any():
        return out
    idx = np.flatnonzero(nat)
    vals = pd.Series(s.to_numpy(dtype=object)[idx], dtype=object)
    # error/fallback path only: the rows that did not parse
    blank = np.fromiter((isinstance(v, str) and not v.strip() for v in vals), bool, len(vals))
    missing = np.asarray(vals.isna()) | blank
    unparsable = idx[~missing]
    if unparsable.size:
        text_vals = vals[~missing].astype(str)
        ambiguous = np.asarray(text_vals.str.match(_AMBIGUOUS))
        if ambiguous.any():
            row = int(unparsable[np.argmax(ambiguous)])
            value = text_vals.iloc[int(np.argmax(ambiguous))]
            raise InputError(
                f"column {name!r} has dates like {value!r} at {where.row(row)}, where day and "
                "month could be either way round; convert the column yourself, e.g. "
                f"df[{name!r}] = pd.to_datetime(df[{name!r}], format='%d-%m-%Y') (or "
                "dayfirst=True), or write dates as ISO 'YYYY-MM-DD'"
            )
        mixed = parse("mixed")
        still = np.asarray(mixed.isna())[unparsable]
        if not still.any():
            first = int(unparsable[0])
            notes.append(
                f"column {name!r} has {_n(int(unparsable.size), 'date')} not written as ISO "
                f"'YYYY-MM-DD' (the first at {where.row(first)}: "
                f"{_short(s.iloc[first])}); they were parsed with pandas' format='mixed'"
            )
            out = mixed
            nat = np.asarray(out.isna())
        else:
            bad = np.zeros(len(s), bool)
            bad[unparsable[still]] = True
            first, text = where.rows(bad, "a value that is not a date")
            value = s.iloc[first]
            why = ""
            try:
                pd.Timestamp(value)
            except pd.errors.OutOfBoundsDatetime:
                why = " (it is out of range)"
            except (ValueError, TypeError):
                pass
            if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d*)?\s*", value):
                why += (
                    f"; if the column counts days or seconds, convert it with "
                    f"pd.to_numeric(df[{name!r}]) and pass date_unit= and origin="
                )
            raise InputError(
                f"column {name!r} has {text}: {_short(value)}{why}; write dates as ISO "
                f"'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM', or convert the column yourself with "
                f"pd.to_datetime(df[{name!r}], format=...), or drop these rows"
            )
    if nat.any():
        _, text = where.rows(nat, "no date")
        raise InputError(
            f"column {name!r} has {text}; every row needs a date: fill these rows or drop them, "
            f"e.g. df = df.dropna(subset=[{name!r}])"
        )
    return out


def _date_column(
    s: pd.Series,
    name: Any,
    where: _Where,
    date_unit: str | None,
    origin: Any,
    notes: list,
) -> tuple[np.ndarray, str]:
    """A date column as int64 counts of ``date_unit`` since 1970-01-01, and the unit."""
    dtype = s.dtype
    if _ArrowDtype is not None and isinstance(dtype, _ArrowDtype):
        import pyarrow as pa

        t = dtype.pyarrow_dtype
        if pa.types.is_timestamp(t):
            if t.tz is not None:
                s = s.dt.tz_convert("UTC").dt.tz_localize(None)
                if t.tz != "UTC":
                    notes.append(f"column {name!r} had time zone {t.tz}; dates were converted to UTC")
            s = s.astype(f"datetime64[{t.unit}]")
        elif pa.types.is_date(t):
            s = s.astype("datetime64[s]")
        elif pa.types.is_integer(t) or pa.types.is_floating(t):
            s = s.astype(t.to_pandas_dtype() if not s.hasnans else np.float64)
        else:
            s = s.astype(object)
        dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        s = pd.Series(np.asarray(s), dtype=object)
        dtype = s.dtype
    if pd.api.types.is_bool_dtype(dtype):
        raise InputError(f"column {name!r} holds booleans (True/False), not dates; pass a column of dates")
    if pd.api.types.is_numeric_dtype(dtype):
        return _numeric_dates(s, name, where, date_unit, origin)
    if not pd.api.types.is_datetime64_any_dtype(dtype):
        if pd.api.types.is_timedelta64_dtype(dtype):
            raise InputError(
                f"column {name!r} holds durations (timedelta), not dates; add them to a start "
                f"date first, e.g. pd.Timestamp('2025-01-01') + df[{name!r}]"
            )
        inferred = pd.api.types.infer_dtype(s, skipna=True)
        if inferred in ("integer", "floating", "mixed-integer-float"):
            return _numeric_dates(s, name, where, date_unit, origin)
        s = _parse_dates(s, name, where, notes)
        dtype = s.dtype
    if origin is not None:
        notes.append(f"origin= was ignored: column {name!r} holds dates, not numbers")
    if isinstance(dtype, pd.DatetimeTZDtype):
        if str(dtype.tz) != "UTC" and not any("UTC" in n and repr(name) in n for n in notes):
            notes.append(f"column {name!r} had time zone {dtype.tz}; dates were converted to UTC")
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    arr = s.to_numpy()
    if arr.dtype.kind != "M":  # defensive: a pandas extension we do not know
        arr = np.asarray(pd.to_datetime(s)).astype("M8[us]")
    nat = np.isnat(arr)
    if nat.any():
        _, text = where.rows(nat, "no date")
        raise InputError(
            f"column {name!r} has {text}; every row needs a date: fill these rows or drop them, "
            f"e.g. df = df.dropna(subset=[{name!r}])"
        )
    return _datetime_ticks(arr, name, where, date_unit)


def _show_dt(value: np.datetime64) -> str:
    try:
        return str(pd.Timestamp(value))
    except (ValueError, OverflowError):
        return str(value)


def _datetime_ticks(
    arr: np.ndarray, name: Any, where: _Where, date_unit: str | None
) -> tuple[np.ndarray, str]:
    unit, step = np.datetime_data(arr.dtype)
    if step != 1 or unit not in _PER_SECOND:
        if unit in ("Y", "M", "W", "D", "h", "m") or step != 1:
            arr = arr.astype("M8[s]")
            unit = "s"
        else:
            raise InputError(
                f"column {name!r} holds datetime64[{unit}] values; convert them to "
                f"datetime64[ms], e.g. df[{name!r}] = df[{name!r}].astype('datetime64[ms]')"
            )
    per_s = _PER_SECOND[unit]
    raw = arr.view(np.int64)
    lo, hi = _unit_bounds(1_000_000 // per_s if per_s <= 1_000_000 else 1)
    if per_s > 1_000_000:  # ns: bounds in ns
        lo, hi = lo * 1000, hi * 1000
    if raw.min() < lo or raw.max() >= hi:
        bad = (raw < lo) | (raw >= hi)
        raise _out_of_range(name, where, bad, _show_dt(arr[np.argmax(bad)]))
    per_day = 86_400 * per_s
    per_ms = per_s // 1000 if per_s >= 1000 else 1
    days = raw // per_day  # one pass answers the common case: whole days
    if date_unit in (None, "D") and np.array_equal(days * per_day, raw):
        return days, "D"
    if date_unit is None:
        if per_ms > 1:
            sub = raw % per_ms != 0
            if sub.any():
                first, text = where.rows(sub, "a time finer than a millisecond")
                raise InputError(
                    f"column {name!r} has {text} ({_show_dt(arr[first])}); wijknet keeps "
                    "dates to the millisecond at most and never drops precision silently: "
                    f"round them first, e.g. df[{name!r}] = df[{name!r}].dt.floor('ms')"
                )
        if per_s == 1 or not (raw % per_s).any():
            date_unit = "s"
        else:
            date_unit = "ms"
    else:
        step_ticks = {"D": per_day, "s": per_s, "ms": per_ms}[date_unit]
        if date_unit == "ms" and per_s == 1:
            return raw * 1000, date_unit
        lost = raw % step_ticks != 0
        if lost.any():
            first, text = where.rows(lost, f"a time finer than date_unit={date_unit!r}")
            finer = {"D": "'s' or 'ms'", "s": "'ms'", "ms": ""}[date_unit]
            hint = (
                f"pass date_unit={finer} (or leave date_unit out to infer it)"
                if finer
                else f"round them first, e.g. df[{name!r}] = df[{name!r}].dt.floor('ms')"
            )
            extra = (
                f", or drop the time of day with df[{name!r}] = df[{name!r}].dt.floor('D')"
                if date_unit == "D"
                else ""
            )
            raise InputError(
                f"column {name!r} has {text} ({_show_dt(arr[first])}); it would be lost: {hint}{extra}"
            )
    factor = {"D": per_day, "s": per_s, "ms": per_ms}[date_unit]
    if factor == 1:
        return np.ascontiguousarray(raw), date_unit
    return raw // factor, date_unit


# --------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------


def _canonical_role(value: Any) -> int | None:
    if isinstance(value, str):
        return _ROLE_CODE.get(value.strip().lower())
    return None


def _check_roles(roles: Any) -> tuple[dict, dict]:
    if not isinstance(roles, Mapping):
        raise ArgumentError(
            f"roles= must be a dict from label to role, e.g. roles={{'deelnemer': "
            f"'participant', 'vrijwilliger': 'volunteer'}}; got a {type(roles).__name__}"
        )
    exact: dict = {}
    folded: dict = {}
    for label, role in roles.items():
        code = _canonical_role(role)
        if code is None:
            raise ArgumentError(
                f"roles= maps {label!r} to {role!r}, which is not a role; the roles are "
                + ", ".join(repr(r) for r in ROLES)
            )
        exact[label] = code
        if isinstance(label, str):
            folded.setdefault(label.strip().lower(), code)
    return exact, folded


def _role_column(s: pd.Series, name: Any, where: _Where, roles: Any, notes: list) -> np.ndarray:
    exact, folded = _check_roles(roles) if roles is not None else ({}, {})
    codes, uniques = pd.factorize(s, sort=False)
    codes = np.asarray(codes)
    u = np.asarray(uniques, dtype=object)
    table = np.zeros(len(u) + 1, np.uint8)  # last slot: missing role (code -1) → participant
    missing = [len(u)]
    unknown: list = []
    for k, label in enumerate(u):
        code = None
        try:
            code = exact.get(label)
        except TypeError:  # unhashable
            pass
        if code is None and isinstance(label, str):
            key = label.strip().lower()
            if key == "":
                missing.append(k)
                continue
            code = folded.get(key)
            if code is None:
                code = _ROLE_CODE.get(key)
        if code is None:
            unknown.append(k)
        else:
            table[k] = code
    if unknown:
        labels = [u[k] for k in unknown]
        row = int(np.argmax(codes == unknown[0]))
        shown = ", ".join(_short(x, 40) for x in labels[:10])
        if len(labels) > 10:
            shown += f", ... ({len(labels)} in all)"
        example = ", ".join(f"{_short(x, 40)}: 'participant'" for x in labels[:10])
        raise InputError(
            f"column {name!r} has {_n(len(labels), 'role label')} wijknet does not know: "
            f"{shown} (the first at {where.row(row)}); the roles are 'participant', "
            f"'volunteer' and 'organiser': map each label to one of them, e.g. "
            f"roles={{{example}}}"
        )
    out = table[codes]  # code -1 (missing) reads the last slot: participant
    n_missing = int(np.count_nonzero(codes < 0))
    if len(missing) > 1:  # labels that are empty text
        n_missing += int(np.count_nonzero(np.isin(codes, missing[1:])))
    if n_missing:
        notes.append(
            f"{_n(n_missing, 'row')} without a role (column {name!r}) "
            f"{'was' if n_missing == 1 else 'were'} treated as participant"
        )
    return out


# --------------------------------------------------------------------------------------------
# Public (to the package) functions
# --------------------------------------------------------------------------------------------


#: Tables with at least this many rows intern their id columns on two threads.
_PARALLEL_ROWS = 200_000
_POOL: list = []


def _worker() -> Any:
    """A one-thread executor shared by all calls (created on first use)."""
    if not _POOL:
        from concurrent.futures import ThreadPoolExecutor

        _POOL.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="wijknet-ingest"))
    return _POOL[0]


def attendance_columns(
    data: Any,
    *,
    resident: Any,
    activity: Any,
    date: Any = None,
    session: Any = None,
    role: Any = None,
    date_unit: str | None = None,
    origin: Any = None,
    roles: Mapping | None = None,
    source: str | os.PathLike | None = None,
    redact: bool = False,
) -> AttendanceColumns:
    """Convert an attendance table to plain NumPy columns for the Rust core.

    Args:
        data: pandas DataFrame, polars DataFrame, pyarrow Table/RecordBatch, or a dict of
            column name -> sequence/array. Only the named columns are converted.
        resident, activity: names of the id columns (text or whole numbers).
        date: optional date column: datetime64, ``datetime.date``/``datetime``, ISO strings,
            or numbers (with ``date_unit`` and ``origin``).
        session: optional column of session ids (one occurrence of an activity).
        role: optional column of role labels; ``roles`` maps labels to "participant",
            "volunteer" or "organiser"; missing roles count as participant (noted).
        date_unit: "D", "s" or "ms"; inferred from the dates when None (the coarsest unit
            that loses nothing).
        origin: the date numbers count from (default 1970-01-01); numeric dates only.
        source: the file the table came from, for messages ("file 'x.csv', line 17 (row 15)").
        redact: leave id values out of error messages (pseudonymised imports).

    Returns:
        :class:`AttendanceColumns`.

    Raises:
        ColumnNotFoundError: a named column is missing (with a close match if any).
        InputError: empty table, missing/empty ids, mixed id types, bad/missing/out-of-range
            dates, unknown role labels; the message names column, row and fix.
        ArgumentError: invalid ``date_unit``/``roles``/``origin``, numbers as dates without
            ``date_unit``, the same column passed twice.
    """
    _check_date_unit(date_unit)
    named = {"resident": resident, "activity": activity, "date": date, "session": session, "role": role}
    seen: dict = {}
    for arg, col in named.items():
        if col is None:
            if arg in ("resident", "activity"):
                raise ArgumentError(f"{arg}= is required: pass the name of the {arg} id column")
            continue
        try:
            hash(col)
        except TypeError:
            raise ArgumentError(f"{arg}= must be a column name, not a {type(col).__name__}") from None
        if col in seen:
            raise ArgumentError(
                f"column {col!r} was passed as both {seen[col]}= and {arg}=; each argument "
                "needs its own column"
            )
        seen[col] = arg
    if roles is not None and role is None:
        raise ArgumentError("roles= needs role=, the name of the column holding role labels")
    if (date_unit is not None or origin is not None) and date is None:
        raise ArgumentError("date_unit= and origin= need date=, the name of the column holding dates")

    table = _Table(data, "attendance table", source)
    empty_msg = (
        "the attendance table is empty (0 rows); pass a table with one row per resident per activity attended"
    )
    if table.n_rows == 0 and not table.names:
        raise InputError(empty_msg)
    for col in seen:
        table.check(col)
    if table.n_rows == 0:
        raise InputError(empty_msg)

    where = table.where()
    notes: list = []
    # The resident column (most distinct ids) is interned on a second thread while this one
    # does the activity and date columns: pandas' factorize of Arrow-backed text and of
    # numbers releases the GIL, so large tables build in about the time of the slowest column.
    res_col = table.column(resident)
    pool = _worker() if table.n_rows >= _PARALLEL_ROWS else None
    if pool is not None:
        r_future = pool.submit(_factorize_ids, res_col, resident, where, "resident", redact, notes)
    else:
        r_done = _factorize_ids(res_col, resident, where, "resident", redact, notes)
    try:
        a_codes, a_ids = _factorize_ids(table.column(activity), activity, where, "activity", redact, notes)
        d_values = None
        unit = date_unit or "D"
        if date is not None:
            d_values, unit = _date_column(table.column(date), date, where, date_unit, origin, notes)
    finally:
        # The resident column's error, if any, is reported first (it is the first column).
        if pool is not None:
            r_done = r_future.result()
    r_codes, r_ids = r_done
    s_codes = s_ids = None
    if session is not None:
        s_codes, s_ids = _factorize_ids(table.column(session), session, where, "session", redact, notes)
    role_values = None
    if role is not None:
        role_values = _role_column(table.column(role), role, where, roles, notes)
    return AttendanceColumns(
        resident_codes=r_codes,
        resident_ids=r_ids,
        activity_codes=a_codes,
        activity_ids=a_ids,
        date=d_values,
        date_unit=unit,
        session_codes=s_codes,
        session_ids=s_ids,
        role=role_values,
        n_rows=table.n_rows,
        notes=notes,
    )


def _attribute(s: pd.Series, name: Any, what: str) -> tuple[str, np.ndarray, list | None]:
    """Type one attribute column: (kind, values, levels)."""
    dtype = s.dtype
    fix = (
        f"convert it to text (df[{name!r}] = df[{name!r}].astype(str)), numbers "
        f"(pd.to_numeric(df[{name!r}])) or booleans, or drop it from the table"
    )
    if isinstance(dtype, pd.CategoricalDtype):
        cats = dtype.categories
        if not (
            pd.api.types.is_string_dtype(cats.dtype)
            or cats.dtype == object
            or pd.api.types.is_integer_dtype(cats.dtype)
        ):
            raise InputError(
                f"column {name!r} of the {what} has categories of type {cats.dtype}; "
                f"attributes are categorical (text), numeric or bool: {fix}"
            )
        levels = [str(c) for c in cats]
        return "categorical", np.asarray(s.cat.codes, dtype=np.int32), levels
    if pd.api.types.is_bool_dtype(dtype):
        if s.hasnans:
            values = s.to_numpy(dtype=np.float64, na_value=np.nan)
            out = np.where(np.isnan(values), -1, values).astype(np.int8)
        else:
            out = s.to_numpy(dtype=bool).astype(np.int8)
        return "bool", out, None
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_complex_dtype(dtype):
        return "numeric", s.to_numpy(dtype=np.float64, na_value=np.nan), None
    if pd.api.types.is_string_dtype(dtype) or dtype == object:  # noqa: E721  (a NumPy dtype compares equal to object)
        inferred = pd.api.types.infer_dtype(s, skipna=True)
        if inferred in ("string", "empty"):
            values = s.where(s != "") if inferred == "string" else s
            codes, uniques = pd.factorize(values, sort=True)
            return "categorical", codes.astype(np.int32), [str(x) for x in uniques]
        if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
            return "numeric", pd.to_numeric(s).to_numpy(dtype=np.float64, na_value=np.nan), None
        if inferred == "boolean":
            b = s.map({True: 1, False: 0}, na_action="ignore")
            return "bool", b.fillna(-1).to_numpy(dtype=np.int8), None
        raise InputError(
            f"column {name!r} of the {what} holds {inferred} values; attributes are "
            f"categorical (text), numeric or bool: {fix}"
        )
    raise InputError(
        f"column {name!r} of the {what} holds {dtype} values; attributes are categorical "
        f"(text), numeric or bool: {fix}"
    )


def attribute_columns(
    data: Any,
    *,
    on: Any,
    sensitive: Any = None,
    kind: str = "resident",
    source: str | os.PathLike | None = None,
    redact: bool = False,
) -> AttributeColumns:
    """Convert an attribute table (one row per resident or activity) to typed columns.

    Args:
        data: pandas/polars/pyarrow table or dict of columns.
        on: the id column; ids must be unique and non-missing.
        sensitive: activities only: None, the name of a bool column, or a list of activity ids
            to flag as sensitive.
        kind: "resident" or "activity" (used in messages).
        source: file name for messages.
        redact: leave id values out of error messages (pseudonymised imports).

    Returns:
        :class:`AttributeColumns`.

    Raises:
        ColumnNotFoundError: ``on`` (or a ``sensitive`` column) is missing.
        InputError: missing or duplicate ids, a column of an unsupported type, a sensitive
            column that is not bool.
        NodeNotFoundError: an id in the ``sensitive`` list is not in the table.
        ArgumentError: invalid ``kind`` or ``sensitive``.
    """
    if kind not in ("resident", "activity", "node"):
        raise ArgumentError(f"kind={kind!r} must be 'resident', 'activity' or 'node'")
    if kind != "activity" and sensitive is not None:
        raise ArgumentError("sensitive= applies to activity attributes only")
    what = f"{kind} attribute table"
    table = _Table(data, what, source)
    table.check(on)
    if table.n_rows == 0:
        raise InputError(f"the {what} is empty (0 rows); pass one row per {kind}")
    where = table.where()
    notes: list = []
    id_series = table.column(on)
    codes, ids = _factorize_ids(id_series, on, where, kind, redact, notes)
    n_u = len(ids)
    if n_u < table.n_rows:
        c = codes.astype(np.int64)
        prev_max = np.maximum.accumulate(np.concatenate(([-1], c[:-1])))
        dup = c <= prev_max  # first-seen codes: a row is new iff its code exceeds all before
        j = int(np.argmax(dup))
        i = int(np.argmax(c == c[j]))
        shown = "" if redact else f" ({_short(ids[int(c[j])])})"
        raise InputError(
            f"column {on!r} of the {what} has {_n(int(dup.sum()), 'repeated id')}: "
            f"{where.row(j, label=not redact)} repeats {where.row(i, label=not redact)}{shown}; "
            f"keep one row per {kind}, e.g. df = df.drop_duplicates(subset=[{on!r}])"
        )

    sens: np.ndarray | None = None
    sens_col = None
    if sensitive is not None:
        if isinstance(sensitive, (bool, np.bool_)):
            raise ArgumentError("sensitive= takes a column name or a list of activity ids, not True/False")
        if isinstance(sensitive, str) or (not isinstance(sensitive, Iterable) and sensitive in table.names):
            if sensitive not in table.names:
                err = _missing_column(sensitive, table.names, what, table.source)
                raise ColumnNotFoundError(
                    f"{err}; to flag activities by id, pass a list, e.g. sensitive=[...]"
                )
            sens_col = sensitive
            sens = _sensitive_column(table.column(sensitive), sensitive, where, what)
        else:
            sens = _sensitive_ids(sensitive, ids, codes, on, kind, redact)

    columns = []
    for name in table.names:
        if name == on or (sens_col is not None and name == sens_col):
            continue
        k, values, levels = _attribute(table.column(name), name, what)
        columns.append((name, k, values, levels))
    return AttributeColumns(ids=ids, columns=columns, sensitive=sens, n_rows=table.n_rows, notes=notes)


def _sensitive_column(s: pd.Series, name: Any, where: _Where, what: str) -> np.ndarray:
    if s.hasnans:
        null = np.asarray(s.isna())
        _, text = where.rows(null, "no value")
        raise InputError(
            f"sensitive column {name!r} of the {what} has {text}; fill it with True/False, "
            f"e.g. df[{name!r}] = df[{name!r}].fillna(False)"
        )
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.to_numpy(dtype=bool)
    values = s.to_numpy()
    if values.dtype == object and pd.api.types.infer_dtype(values) == "boolean":
        return values.astype(bool)
    if values.dtype.kind in "iuf":
        ok = (values == 0) | (values == 1)
        if ok.all():
            return values.astype(bool)
        first = int(np.argmin(ok))
        raise InputError(
            f"sensitive column {name!r} of the {what} holds {_short(values[first])} at "
            f"{where.row(first)}; it must be True/False (or 1/0)"
        )
    raise InputError(
        f"sensitive column {name!r} of the {what} holds {s.dtype} values, not True/False; "
        f"convert it, e.g. df[{name!r}] = df[{name!r}] == 'yes'"
    )


def _sensitive_ids(
    sensitive: Any, ids: Ids, codes: np.ndarray, on: Any, kind: str, redact: bool
) -> np.ndarray:
    wanted = list(sensitive)
    index = pd.Index(ids)
    pos = index.get_indexer(pd.Index(wanted, dtype=object)) if wanted else np.zeros(0, np.intp)
    missing = np.flatnonzero(pos < 0)
    if missing.size:
        k = int(missing[0])
        kind_ids = "text" if isinstance(ids, list) else "whole numbers"
        label = f"item {k} of sensitive=" if redact else f"{wanted[k]!r} (in sensitive=)"
        raise NodeNotFoundError(
            f"{label} is not an id in column {on!r} ({_n(int(missing.size), 'id')} of sensitive= "
            f"{'is' if missing.size == 1 else 'are'} missing); the ids there are {kind_ids}: "
            f"check the spelling and the type of the ids"
        )
    per_id = np.zeros(len(ids), bool)
    per_id[pos] = True
    return per_id[codes]


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def _file_kind(name: str) -> str | None:
    low = name.lower()
    for ext in _PARQUET_EXTENSIONS:
        if low.endswith(ext):
            return "parquet"
    if low.endswith((".tsv", ".tsv.gz")):
        return "tsv"
    if low.endswith(".txt"):
        return "txt"
    if low.endswith((".csv", ".csv.gz")):
        return "csv"
    return None


def _not_found(path: str) -> DataFileNotFoundError:
    folder, base = os.path.split(path)
    msg = f"file '{path}' does not exist"
    if not os.path.isdir(folder or "."):
        msg += f" (nor does the folder '{folder}')"
    else:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            entries = []
        hit = _close_match(base, entries) if entries else None
        if hit is not None:
            msg += f"; did you mean '{os.path.join(folder, hit)}'?"
        else:
            msg += f"; check the name and the working folder ({os.getcwd()})"
    return DataFileNotFoundError(msg)


def read_table(
    path: str | os.PathLike, *, columns: list | None = None, ids: list | None = None
) -> pd.DataFrame:
    """Read a CSV/TSV/TXT (optionally gzipped) or Parquet file into a pandas DataFrame.

    Types are inferred by pandas; empty fields are missing values. ``.txt`` files have their
    delimiter sniffed; ``.tsv`` files are tab-separated. CSV uses pandas' pyarrow engine when
    available, falling back to the C engine.

    Args:
        path: the file.
        columns: read only these columns (each must exist).

    Raises:
        DataFileNotFoundError: the file does not exist (with a close name if one exists).
        ArgumentError: an unsupported file extension.
        ColumnNotFoundError: a column in ``columns`` is not in the file.
        InputError: the file could not be parsed.
    """
    given = os.fspath(path)
    full = os.path.abspath(os.path.expanduser(given))
    kind = _file_kind(full)
    if not os.path.exists(full):
        raise _not_found(full)
    if kind is None:
        ext = os.path.splitext(full)[1] or "(none)"
        extra = (
            "; read spreadsheets with pd.read_excel(...) and pass the DataFrame to Network.from_attendance"
            if ext.lower() in (".xlsx", ".xls", ".ods")
            else ""
        )
        raise ArgumentError(
            f"file '{given}' has extension {ext}, which wijknet does not read; supported: "
            f"{', '.join(TABLE_EXTENSIONS)}{extra}"
        )
    if os.path.isdir(full) and kind != "parquet":
        raise ArgumentError(f"'{given}' is a folder, not a file")
    cols = None if columns is None else list(columns)

    if kind == "parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise ImportError("reading Parquet needs pyarrow: pip install pyarrow") from None
        try:
            names = list(pq.read_schema(full).names) if not os.path.isdir(full) else None
        except Exception as e:
            raise InputError(f"file '{given}' could not be read as Parquet: {e}") from None
        if cols is not None and names is not None:
            for c in cols:
                if c not in names:
                    raise _missing_column(c, names, "table", given)
        try:
            table = pq.read_table(full, columns=cols)
        except Exception as e:
            raise InputError(f"file '{given}' could not be read as Parquet: {e}") from None
        return table.to_pandas(date_as_object=False)

    sep = {"csv": ",", "tsv": "\t", "txt": None}[kind]
    options: dict = {"sep": sep, "keep_default_na": True}
    if cols is not None:
        try:
            header = pd.read_csv(full, nrows=0, sep=sep, engine="python" if sep is None else "c")
        except Exception as e:
            raise InputError(f"file '{given}' could not be read: {e}") from None
        names = list(header.columns)
        for c in cols:
            if c not in names:
                raise _missing_column(c, names, "table", given)
        options["usecols"] = cols
    if ids:
        # Id columns are read as text, so "0012" stays "0012" (not the number 12); a column
        # whose every value is a plain integer ("12", "-3") becomes int64 afterwards.
        options["dtype"] = {c: str for c in ids}
    if sep is None:
        engines = ["python"]
    else:
        try:
            import pyarrow  # noqa: F401

            engines = ["pyarrow", "c"]
        except ImportError:
            engines = ["c"]
    for engine in engines:
        try:
            df = pd.read_csv(full, engine=engine, **options)
        except Exception as e:
            if engine == engines[-1]:
                raise InputError(f"file '{given}' could not be read as a table: {e}") from None
            continue
        for c in ids or ():
            if c in df.columns and df[c].notna().all():
                text = df[c].astype(str)
                if text.str.fullmatch(r"-?(0|[1-9][0-9]{0,17})").all():
                    df[c] = text.astype("int64")
        return df
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------------------------
# Pseudonymisation
# --------------------------------------------------------------------------------------------


def pseudonymise_ids(ids: Any, key: str | bytes) -> list[str]:
    """Keyed pseudonyms: HMAC-SHA256 of each id, as 16 hex characters.

    The id's type is part of the message (the int 5 and the text "5" get different
    pseudonyms). The same key gives the same pseudonyms in every run; without the key they
    cannot be linked back. The key is never stored or shown in messages.

    Args:
        ids: a sequence or array of ids (text or whole numbers).
        key: the secret key (text or bytes, not empty).

    Raises:
        ArgumentError: an empty or non-text key, an id that is neither text nor a whole number,
            or (astronomically unlikely) two ids with the same pseudonym.
    """
    if isinstance(key, str):
        key_bytes = key.encode("utf-8")
    elif isinstance(key, (bytes, bytearray, memoryview)):
        key_bytes = bytes(key)
    else:
        raise ArgumentError(f"the pseudonymisation key must be text or bytes, not {type(key).__name__}")
    if not key_bytes:
        raise ArgumentError("the pseudonymisation key is empty; pass a secret key")
    if isinstance(ids, np.ndarray):
        items = ids.tolist()
    elif isinstance(ids, (pd.Series, pd.Index)) or hasattr(ids, "to_list"):
        items = ids.to_list()
    else:
        items = list(ids)
    base = hmac.new(key_bytes, digestmod=hashlib.sha256)
    cache: dict = {}
    out = []
    for x in items:
        if isinstance(x, str):
            msg = b"s:" + x.encode("utf-8")
        elif isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
            msg = b"i:" + str(int(x)).encode("ascii")
        else:
            raise ArgumentError(f"ids to pseudonymise must be text or whole numbers, not {type(x).__name__}")
        digest = cache.get(msg)
        if digest is None:
            h = base.copy()
            h.update(msg)
            digest = h.hexdigest()[:16]
            cache[msg] = digest
        out.append(digest)
    if len(set(cache.values())) != len(cache):
        raise WijknetError("two different ids got the same pseudonym (a 1 in 10^19 event); use another key")
    return out


# --------------------------------------------------------------------------------------------
# Edge tables (Graph.from_edges)
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class EdgeColumns:
    """An edge table as NumPy columns: node ids in first-seen order, codes per edge."""

    node_ids: Ids
    source_codes: np.ndarray
    target_codes: np.ndarray
    weight: np.ndarray | None
    n_rows: int


def edge_columns(
    data: Any, *, source: Any, target: Any, weight: Any = None, where_from: Any = None
) -> EdgeColumns:
    """Convert an edge table to node ids and uint32 codes (first-seen order, row by row).

    Null ids and missing, negative or non-finite weights raise :class:`InputError` naming the
    row; self-loops are rejected by the core with the row too.
    """
    table = _Table(data, "edge table", where_from)
    for name in (source, target) + (() if weight is None else (weight,)):
        table.check(name)
    where = table.where()
    n = table.n_rows
    if n == 0:
        raise InputError("the edge table is empty; give at least one row of (source, target)")
    s, t = table.column(source), table.column(target)
    for name, col in ((source, s), (target, t)):
        missing = np.array(col.isna(), dtype=bool)
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            missing = missing | np.array(col.astype(object) == "", dtype=bool)
        if missing.any():
            _, text = where.rows(missing, "no node id")
            raise InputError(
                f"column {name!r} has {text}; every edge needs a source and a target: fill these "
                f"rows or drop them, e.g. df = df.dropna(subset=[{name!r}])"
            )
    # Interleave so that nodes are numbered in the order a row-by-row reader meets them.
    both = pd.Series(np.column_stack([s.to_numpy(dtype=object), t.to_numpy(dtype=object)]).ravel())
    notes: list = []
    codes, ids = _factorize_ids(both, f"{source}/{target}", _InterleavedWhere(where), "node", False, notes)
    w = None
    if weight is not None:
        wcol = pd.to_numeric(table.column(weight), errors="coerce").to_numpy(dtype=np.float64)
        bad = ~np.isfinite(wcol) | (wcol < 0)
        if bad.any():
            first, text = where.rows(bad, "a missing, negative or non-numeric weight")
            raise InputError(
                f"column {weight!r}: {text} ({_short(table.column(weight).iloc[first])}); weights are "
                "strengths (bigger = closer) and must be numbers ≥ 0; drop or fix these rows"
            )
        w = np.ascontiguousarray(wcol)
    codes = codes.reshape(-1, 2)
    return EdgeColumns(ids, np.ascontiguousarray(codes[:, 0]), np.ascontiguousarray(codes[:, 1]), w, n)


class _InterleavedWhere(_Where):
    """Row names for an interleaved (source, target) column: position p is row p // 2."""

    def __init__(self, inner: _Where) -> None:
        self.__dict__.update(inner.__dict__)

    def row(self, r: int, *, label: bool = True) -> str:
        return super().row(int(r) // 2, label=label)


# --------------------------------------------------------------------------------------------
# Tie tables (survey layers)
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class TieColumns:
    """The columns of a tie table: ``source``/``target`` ids row by row, ``weight`` (float64)
    or None, ``wave`` labels row by row or None, ``respondents`` ids or None."""

    source: Ids
    target: Ids
    weight: np.ndarray | None
    wave: Ids | None
    respondents: Ids | None


def _expand(codes: np.ndarray, ids: Ids) -> Ids:
    if isinstance(ids, np.ndarray):
        return ids[codes]
    return [ids[c] for c in codes.tolist()]


def tie_columns(
    data: Any,
    *,
    source: Any,
    target: Any,
    weight: Any = None,
    wave: Any = None,
    respondents: Any = None,
    register_ids_are_int: bool | None = None,
) -> TieColumns:
    """Read and check a tie table (one row per reported tie).

    Raises:
        ColumnNotFoundError: a named column is missing.
        InputError: a missing id, a tie from a person to themself, a weight that is missing,
            negative or not a number, ids of another type than the register's — naming the row.
    """
    what = "tie table"
    table = _Table(data, what)
    for name in (source, target, weight, wave):
        if name is not None:
            table.check(name)
    where = table.where()
    notes: list = []
    s_codes, s_ids = _factorize_ids(table.column(source), source, where, "person", False, notes)
    t_codes, t_ids = _factorize_ids(table.column(target), target, where, "person", False, notes)
    s_int = isinstance(s_ids, np.ndarray)
    t_int = isinstance(t_ids, np.ndarray)
    if table.n_rows and s_int != t_int:
        raise InputError(
            f"column {source!r} holds {'whole numbers' if s_int else 'text'} but column {target!r} "
            f"holds {'whole numbers' if t_int else 'text'}; give both the same id type, e.g. "
            f"df[{target!r}] = df[{target!r}].astype(str)"
        )
    if table.n_rows and register_ids_are_int is not None and s_int != register_ids_are_int:
        kind = "whole numbers" if register_ids_are_int else "text"
        raise InputError(
            f"columns {source!r} and {target!r} hold {'whole numbers' if s_int else 'text'} but the "
            f"register's resident ids are {kind}; convert them so the ids match, e.g. "
            f"df[{source!r}] = df[{source!r}].astype({'int' if register_ids_are_int else 'str'})"
        )
    src = _expand(s_codes, s_ids)
    tgt = _expand(t_codes, t_ids)
    same = (
        np.asarray(src == tgt)
        if s_int
        else np.array([a == b for a, b in zip(src, tgt, strict=False)], dtype=bool)
    )
    if same.any():
        _, text = where.rows(same, "a tie from a person to themself")
        raise InputError(
            f"the {what} has {text}; remove those rows, e.g. df = df[df[{source!r}] != df[{target!r}]]"
        )
    w = None
    if weight is not None:
        col = table.column(weight)
        if not (pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype)):
            raise InputError(
                f"column {weight!r} of the {what} holds {col.dtype} values; weights are numbers "
                f"(strengths, bigger = closer), e.g. df[{weight!r}] = pd.to_numeric(df[{weight!r}])"
            )
        w = col.to_numpy(dtype=np.float64, na_value=np.nan)
        bad = ~np.isfinite(w) | (w < 0)
        if bad.any():
            _, text = where.rows(bad, "a weight that is missing, negative or infinite")
            raise InputError(
                f"column {weight!r} of the {what} has {text}; weights are strengths ≥ 0: fill or "
                f"drop those rows"
            )
    wv = None
    if wave is not None:
        w_codes, w_ids = _factorize_ids(table.column(wave), wave, where, "wave", False, notes)
        wv = _expand(w_codes, w_ids)
    resp = None
    if respondents is not None:
        if isinstance(respondents, pd.Series) and pd.api.types.is_bool_dtype(respondents.dtype):
            respondents = respondents.index[respondents.to_numpy()]
        if isinstance(respondents, (str, bytes)) or not isinstance(respondents, Iterable):
            raise ArgumentError(
                "respondents= takes the ids of everyone who answered (a list, Index, array or "
                "Series of ids, or a boolean Series indexed by id)"
            )
        r = pd.Series(
            list(respondents)
            if not isinstance(respondents, (pd.Series, pd.Index, np.ndarray))
            else respondents
        )
        if len(r):
            r_codes, r_ids = _factorize_ids(r, "respondents", _Where(), "person", False, notes)
            if isinstance(r_ids, np.ndarray) != s_int and table.n_rows:
                raise InputError(
                    f"respondents= holds {'whole numbers' if isinstance(r_ids, np.ndarray) else 'text'} "
                    f"but the tie table's ids are {'whole numbers' if s_int else 'text'}; give one id type"
                )
            resp = r_ids
        else:
            resp = np.array([], dtype=np.int64) if s_int else []
    return TieColumns(source=src, target=tgt, weight=w, wave=wv, respondents=resp)
