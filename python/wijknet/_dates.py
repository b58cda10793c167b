"""Dates as users give them (private): parsing, numeric dates with an origin and unit, range
checks, and the conversion to the integer ticks the Rust core stores."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import numpy as np
import pandas as pd

from ._errors import (
    ArgumentError,
    InputError,
)
from ._tables import _n, _short, _Where

#: Supported ``date_unit`` values.
DATE_UNITS = ("D", "s", "ms")


# pandas >= 2 has format="ISO8601"/"mixed"; pandas 1.x infers formats by itself.
_PANDAS2 = int(pd.__version__.split(".")[0]) >= 2
_ArrowDtype = getattr(pd, "ArrowDtype", None)
# Dates outside [1900, 2200] are almost surely typos (0205 for 2025, 20255 ...).
_MIN_YEAR, _MAX_YEAR = 1900, 2200
_US_PER = {"D": 86_400_000_000, "s": 1_000_000, "ms": 1_000}
_PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


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
