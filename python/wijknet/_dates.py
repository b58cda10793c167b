"""Dates as users give them (private): parsing dates as people write them, numeric dates with
an origin and unit, range checks, and the conversion to the integer ticks the Rust core stores.

Text dates are read in this order. With ``date_format=`` every value must match that format.
Otherwise ISO dates ("2025-03-07", "2025-03-07 19:30") are parsed first, in one vectorised
pass (skipped when a large column does not start with ISO dates); only the values that are not
ISO are looked at further, once per distinct value:

- numeric day-month-year dates ("07-03-2025", "7/3/2025", "7.3.25"): the reading (day or month
  first) is ``dayfirst=`` when given, else the one reading every value fits; when both fit
  every value, the column is ambiguous and refused with the fix for its own separators;
- dates with English or Dutch month names ("7 maart 2025", "07-mrt-2025", "Mar 7, 2025"),
  optionally after a weekday ("maandag 7 maart 2025"); ``locale=`` restricts to one language;
- year-first dates that are not ISO ("2025/03/07"), by pandas' ``format="mixed"``.

Every problem of a date column (empty, unparsable, ambiguous, out-of-range dates) is collected
and raised together.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from ._errors import ArgumentError
from ._problems import SHOWN, Problems, problem
from ._tables import _n, _short, _Where

#: Supported ``date_unit`` values.
DATE_UNITS = ("D", "s", "ms")

#: Supported ``locale`` values (None reads both).
LOCALES = ("en", "nl")


_ArrowDtype = getattr(pd, "ArrowDtype", None)
# Dates outside [1900, 2200] are almost surely typos (0205 for 2025, 20255 ...).
_MIN_YEAR, _MAX_YEAR = 1900, 2200
_US_PER = {"D": 86_400_000_000, "s": 1_000_000, "ms": 1_000}
_PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}

_EN_MONTHS = "january february march april may june july august september october november december"
_EN_DAYS = "monday tuesday wednesday thursday friday saturday sunday"


def _numbered(*spellings: str, start: int = 1, **extra: int) -> dict[str, int]:
    """``{'january': 1, 'jan': 1, ...}`` from lists of space-separated names, one per spelling."""
    out = {w: i for words in spellings for i, w in enumerate(words.split(), start)}
    return {**out, **extra}


# Month and weekday names, lower case; abbreviations may end in a full stop ("mrt.", "Sept.").
_MONTHS = {
    "en": _numbered(_EN_MONTHS, "jan feb mar apr may jun jul aug sep oct nov dec", sept=9),
    "nl": _numbered(
        "januari februari maart april mei juni juli augustus september oktober november december",
        "jan feb mrt apr mei jun jul aug sep okt nov dec",
        mar=3,
        sept=9,
    ),
}
_DAYS = {
    "en": _numbered(_EN_DAYS, "mon tue wed thu fri sat sun", start=0, tues=1, thur=3, thurs=3),
    "nl": _numbered(
        "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag", "ma di wo do vr za zo", start=0
    ),
}
# Words that may stand between the parts of a date: "March 7th, 2025 at 19:30", "19:30 uur".
_FILLERS = {"en": {"st", "nd", "rd", "th", "at"}, "nl": {"om", "uur"}}
_ENGLISH_MONTHS = [m.capitalize() for m in _EN_MONTHS.split()]
_ENGLISH_DAYS = [d.capitalize() for d in _EN_DAYS.split()]

_WORD = re.compile(r"[^\W\d_]+")
_TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])")
# A numeric day-month-year date (either way round), optionally after a weekday and before a time.
_NUMERIC = (
    r"^(?:(?P<wd>[^\W\d_]+)\.?,?\s+)?(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)"
    r"(?P<y>\d{4}|\d{2})(?:(?:\s+|t)(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?$"
)
_NUMERIC_RE = re.compile(_NUMERIC, re.IGNORECASE)
_YEAR_FIRST = r"^\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}(?:$|[\sT])"
# Two-digit years: pandas' (and Python's strptime) rule.
_PIVOT = 69


# --------------------------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------------------------


def _check_date_unit(date_unit: Any) -> None:
    if date_unit is not None and date_unit not in DATE_UNITS:
        raise ArgumentError(
            f"date_unit={date_unit!r} is not supported; use 'D' (days), 's' (seconds) or "
            "'ms' (milliseconds), or leave it out to infer it from the dates"
        )


def _as_strftime(text: str) -> str:
    """'dd-mm-yyyy' written as a strftime format ('%d-%m-%Y'), for a suggestion."""
    out = re.sub(r"(?i)yyyy", "%Y", text)
    out = re.sub(r"(?i)(?<!%)yy", "%y", out)
    out = re.sub(r"(?i)(?<!%)d{1,2}", "%d", out)
    out = re.sub(r"(?<!%)m{1,2}", "%m", out)
    return re.sub(r"(?<!%)M{1,2}", "%m", out)


def _check_date_options(dayfirst: Any, date_format: Any, locale: Any) -> str | None:
    """Check ``dayfirst``, ``date_format`` and ``locale``; return the locale ('en', 'nl' or None)."""
    if dayfirst is not None and not isinstance(dayfirst, (bool, np.bool_)):
        raise ArgumentError(
            f"dayfirst={dayfirst!r} is not supported; use dayfirst=True (7/3/2025 is 7 March), "
            "dayfirst=False (7/3/2025 is July 3) or leave it out to decide from the dates"
        )
    if date_format is not None:
        if not isinstance(date_format, str) or "%" not in date_format:
            hint = ""
            if isinstance(date_format, str) and date_format.strip():
                hint = f", e.g. date_format={_as_strftime(date_format)!r}"
            raise ArgumentError(
                f"date_format={date_format!r} is not a date format; write it with % codes "
                f"(%d day, %m month, %Y four-digit year, %y two-digit year, %b month name){hint}"
            )
    if locale is None:
        return None
    key = locale.strip().lower()[:2] if isinstance(locale, str) else None
    if key not in LOCALES:
        raise ArgumentError(
            f"locale={locale!r} is not supported; use locale='nl' (Dutch month names), "
            "locale='en' (English) or leave it out to read both"
        )
    return key


# --------------------------------------------------------------------------------------------
# Numeric dates (counts of a unit since an origin)
# --------------------------------------------------------------------------------------------


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


def _shown(values: list) -> str:
    """The first few distinct values, as "'a', 'b' and 3 more"."""
    head = ", ".join(_short(v, 40) for v in values[:SHOWN])
    return head + (f" and {len(values) - SHOWN} more" if len(values) > SHOWN else "")


def _distinct(values: np.ndarray, mask: np.ndarray, limit: int = 50) -> list:
    """The first distinct values where ``mask`` is set (first-seen order)."""
    out: list = []
    for v in values[np.flatnonzero(mask)[: limit * 20]]:
        if v not in out:
            out.append(v)
            if len(out) == limit:
                break
    return out


def _add_out_of_range(problems: Problems, name: Any, where: _Where, mask: np.ndarray, shown: list) -> None:
    _, text = where.rows(mask, "a date outside the years 1900-2200")
    problems.add(
        "date_out_of_range",
        name,
        f"column {name!r} has {text} ({_shown(shown)})",
        "such dates are almost surely typos: correct them or drop these rows",
        mask=mask,
        examples=shown,
    )


def _add_empty(problems: Problems, name: Any, where: _Where, mask: np.ndarray) -> None:
    _, text = where.rows(mask, "no date")
    problems.add(
        "empty_date",
        name,
        f"column {name!r} has {text}",
        f"every row needs a date: fill these rows or drop them, e.g. df = df.dropna(subset=[{name!r}])",
        mask=mask,
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
    problems = Problems("attendance table")
    values = s.to_numpy(dtype=np.float64, na_value=np.nan) if s.hasnans or s.dtype.kind == "f" else None
    if values is not None:
        null = np.isnan(values)
        if null.any():
            _add_empty(problems, name, where, null)
        frac = ~null & (values != np.floor(values))
        if frac.any():
            first, text = where.rows(frac, f"a fraction of a unit (date_unit={date_unit!r})")
            finer = {"D": "'s' or 'ms'", "s": "'ms'", "ms": "none finer is supported"}[date_unit]
            problems.add(
                "lost_time",
                name,
                f"column {name!r} has {text} ({values[first]!r}); storing it would lose time",
                f"pass a finer date_unit ({finer}) or round the values",
                mask=frac,
                examples=_distinct(values, frac),
            )
        lo, hi = _unit_bounds(_US_PER[date_unit])
        bad = ~null & ((values < lo - origin_ticks) | (values >= hi - origin_ticks))
        if bad.any():
            shown = [f"{v!r} {date_unit}" for v in _distinct(values, bad)]
            _add_out_of_range(problems, name, where, bad, shown)
        problems.raise_if_any()
        ticks = values.astype(np.int64)
    else:
        ticks = s.to_numpy()
        if ticks.dtype.kind == "u" and ticks.size and int(ticks.max()) >= 2**62:
            bad = ticks >= 2**62
            _add_out_of_range(problems, name, where, bad, _distinct(ticks, bad))
            problems.raise_if_any()
        ticks = ticks.astype(np.int64, copy=False)
        lo, hi = _unit_bounds(_US_PER[date_unit])
        bad = (ticks < lo - origin_ticks) | (ticks >= hi - origin_ticks)
        if bad.any():
            shown = [f"{t!r} {date_unit}" for t in _distinct(ticks, bad)]
            _add_out_of_range(problems, name, where, bad, shown)
            problems.raise_if_any()
    return ticks + origin_ticks, date_unit


# --------------------------------------------------------------------------------------------
# Text dates
# --------------------------------------------------------------------------------------------


def _to_datetime(s: pd.Series, fmt: str, name: Any, notes: list) -> pd.Series:
    """``pd.to_datetime`` with ``format=fmt``; unparsable values become NaT. Mixed time zones
    are converted to UTC (noted)."""
    try:
        return pd.to_datetime(s, errors="coerce", format=fmt)
    except (ValueError, TypeError) as e:  # mixed time zones, aware + naive
        text = str(e).lower()
        if "tz" in text or "timezone" in text or "time zone" in text or "offset" in text:
            out = pd.to_datetime(s, errors="coerce", utc=True, format=fmt)
            notes.append(
                f"column {name!r} mixed time zones; all dates were converted to UTC "
                "(dates without a time zone were read as UTC)"
            )
            return out
        raise problem(
            "bad_date",
            name,
            f"column {name!r} could not be read as dates ({e})",
            "write dates as ISO 'YYYY-MM-DD', or pass date_format= the format they are written in",
        ) from None


def _naive(out: pd.Series, name: Any, notes: list) -> np.ndarray:
    """A datetime Series as naive datetime64 (UTC for aware ones, noted)."""
    if isinstance(out.dtype, pd.DatetimeTZDtype):
        if str(out.dtype.tz) != "UTC" and not any("UTC" in n and repr(name) in n for n in notes):
            notes.append(f"column {name!r} had time zone {out.dtype.tz}; dates were converted to UTC")
        out = out.dt.tz_convert("UTC").dt.tz_localize(None)
    arr = out.to_numpy()
    if arr.dtype.kind != "M":  # defensive: a pandas extension we do not know
        arr = np.asarray(pd.to_datetime(out)).astype("M8[us]")
    return arr


def _was(count: int) -> str:
    return "was" if count == 1 else "were"


def _parse_dates(
    s: pd.Series,
    name: Any,
    where: _Where,
    notes: list,
    *,
    dayfirst: bool | None = None,
    date_format: str | None = None,
    locale: str | None = None,
) -> pd.Series:
    """Text dates (or date objects) as a datetime64 Series, read as :func:`_date_column` reads
    them; every problem (empty, unparsable, ambiguous, out-of-range) is raised together."""
    locale = _check_date_options(dayfirst, date_format, locale)
    problems = Problems("attendance table")
    arr = _parse_text(s, name, where, notes, problems, dayfirst, date_format, locale)
    arr = np.asarray(arr)
    nat = np.isnat(arr)
    if nat.any() and not problems:
        _add_empty(problems, name, where, nat)
    _check_range(arr, name, where, problems)
    problems.raise_if_any()
    return pd.Series(arr, index=s.index, name=s.name)


def _not_iso(s: pd.Series) -> bool:
    """Whether a large column's first values are all text that is not ISO (then the whole
    column is read per distinct value, without a first ISO pass)."""
    if len(s) < 10_000:
        return False
    head = s.iloc[:64].dropna()
    if not len(head) or not all(isinstance(v, str) for v in head):
        return False
    try:
        return bool(pd.to_datetime(head, format="ISO8601", errors="coerce").isna().all())
    except (ValueError, TypeError):  # mixed time zones: the full pass handles them
        return False


def _not_now(arr: np.ndarray, s: pd.Series) -> np.ndarray:
    """``arr`` with NaT where the text was "now" or "today", which pandas reads as the clock's
    time: a register has no such dates."""
    now = np.datetime64("now", "s")
    day = np.timedelta64(2, "D")
    near = (arr >= now - day) & (arr <= now + day)
    if not near.any():
        return arr
    rows = np.flatnonzero(near)
    words = np.array(
        [
            isinstance(v, str) and v.strip().lower() in ("now", "today")
            for v in s.to_numpy(dtype=object)[rows]
        ],
        bool,
    )
    if not words.any():
        return arr
    arr = arr.copy()
    arr[rows[words]] = np.datetime64("NaT")
    return arr


def _year(y: np.ndarray, digits: np.ndarray) -> np.ndarray:
    """Four-digit years; two-digit ones by pandas' rule (00-68: 2000s, 69-99: 1900s)."""
    return np.where(digits <= 2, np.where(y < _PIVOT, 2000 + y, 1900 + y), y)


def _build(parts: pd.DataFrame) -> np.ndarray:
    """datetime64[us] from year, month, day, hour, minute, second columns (NaT: no such date)."""
    if not len(parts):
        return np.zeros(0, "M8[us]")
    ok = (
        parts["month"].between(1, 12)
        & parts["day"].between(1, 31)
        & parts["hour"].between(0, 23)
        & parts["minute"].between(0, 59)
        & parts["second"].between(0, 59)
    ).to_numpy()
    out = np.full(len(parts), np.datetime64("NaT"), "M8[us]")
    if ok.any():
        out[ok] = pd.to_datetime(parts[ok], errors="coerce").to_numpy().astype("M8[us]")
    return out


def _named_date(text: str, months: dict, days: dict, fillers: set, other: str | None) -> tuple:
    """(year, month, day, hour, minute, second) of a date with a month name, or (None, why)."""
    low = text.lower()
    month = None
    for word in _WORD.findall(low):
        if word in months:
            if month is not None and months[word] != month:
                return None, "it names two months"
            month = months[word]
        elif word not in days and word not in fillers:
            if other is not None and (word in _MONTHS[other] or word in _DAYS[other]):
                lang = {"en": "English", "nl": "Dutch"}[other]
                return None, f"{word!r} is {lang}: pass locale={other!r} or leave locale out"
            return None, ""
    if month is None:
        return None, ""
    hms = (0, 0, 0)
    times = list(_TIME.finditer(low))
    if len(times) > 1:
        return None, ""
    if times:
        t = times[0]
        hms = (int(t.group(1)), int(t.group(2)), int(t.group(3) or 0))
        low = low[: t.start()] + " " + low[t.end() :]
    numbers = re.findall(r"\d+", low)
    if len(numbers) != 2:
        return None, "" if len(numbers) > 2 else "a date needs a day, a month and a year"
    long = [len(x) >= 3 for x in numbers]
    if long[0] and not long[1]:
        y, d = numbers
    elif long[1] and not long[0]:
        d, y = numbers
    elif not any(long):
        d, y = numbers  # "7 mrt 25": day, then a two-digit year
    else:
        return None, ""
    if len(y) not in (2, 4) or len(d) > 2:
        return None, ""
    year = int(_year(np.array([int(y)]), np.array([len(y)]))[0])
    return (year, month, int(d), *hms), ""


def _ambiguous_fix(texts: list, counts: list, seps: list, ylens: list, has_time: list) -> str:
    """The fix for day-month dates that read both ways, in the data's own separators."""
    by_style: Counter = Counter()
    for sep, yl, tm, c in zip(seps, ylens, has_time, counts, strict=True):
        by_style[(sep, yl, tm)] += c
    (sep, yl, tm), _ = by_style.most_common(1)[0]
    y = "%Y" if yl == 4 else "%y"
    t = {0: "", 2: " %H:%M", 3: " %H:%M:%S"}[tm]
    dm, md = f"%d{sep}%m{sep}{y}{t}", f"%m{sep}%d{sep}{y}{t}"
    k = next(i for i, st in enumerate(zip(seps, ylens, has_time, strict=True)) if st == (sep, yl, tm))
    example = texts[k]
    first, second = (int(x) for x in re.findall(r"\d+", example)[:2])
    if 1 <= first <= 12 and 1 <= second <= 12:
        as_dm = f" {first} {_ENGLISH_MONTHS[second - 1]}"
        as_md = f" {_ENGLISH_MONTHS[first - 1]} {second}"
    else:
        as_dm = as_md = ""
    fix = (
        f"if {example!r} means{as_dm} (day first), pass dayfirst=True or "
        f"date_format={dm!r} (command line: --dayfirst or --date-format '{dm}'); if it means"
        f"{as_md} (month first), pass dayfirst=False or date_format={md!r}"
    )
    others = sorted({s for s in seps if s != sep})
    if others:
        also = " and ".join(repr(s) for s in others)
        fix += (
            f". The column also separates dates with {also}: date_format= reads one way of "
            "writing only, dayfirst= reads them all"
        )
    return fix


# What became of a distinct value.
_BAD, _READ, _BLANK, _AMBIGUOUS, _ISO = 0, 1, 2, 3, 4


@dataclasses.dataclass
class _Distinct:
    """The distinct values of the rows being read (``rows`` of a column of ``n`` rows), and
    what became of each: its date (``parsed``), its ``kind`` and, when bad, ``why``."""

    rows: np.ndarray
    n: int
    codes: np.ndarray  # per row: index of its distinct value, -1 for a missing value
    text: pd.Series  # the distinct values as stripped text
    parsed: np.ndarray
    kind: np.ndarray
    why: list
    read: list  # how values were read, for the note

    @classmethod
    def of(cls, values: np.ndarray, rows: np.ndarray, n: int) -> _Distinct:
        codes, uniq = pd.factorize(values, use_na_sentinel=True)
        text = pd.Series([v.strip() if isinstance(v, str) else str(v) for v in uniq], dtype=object)
        kind = np.where((text == "").to_numpy(), _BLANK, _BAD).astype(np.int8)
        size = len(uniq)
        parsed = np.full(size, np.datetime64("NaT"), "M8[us]")
        return cls(rows, n, codes, text, parsed, kind, [""] * size, [])

    def mask(self, which: Any) -> np.ndarray:
        """The rows of the column whose value is one of ``which`` (indices of distinct values)."""
        return _expand(np.isin(self.codes, which), self.rows, self.n)

    def count(self, which: Any) -> int:
        return int(np.isin(self.codes, which).sum())


def _parse_text(
    s: pd.Series,
    name: Any,
    where: _Where,
    notes: list,
    problems: Problems,
    dayfirst: bool | None,
    date_format: str | None,
    locale: str | None,
) -> np.ndarray:
    """A column of text / date objects as naive datetime64, NaT where a problem was recorded."""
    if date_format is not None:
        return _with_format(s, name, where, notes, problems, date_format, locale)
    skipped = _not_iso(s)
    if skipped:
        # A large column whose first values are not ISO: all of it is read per distinct value.
        arr = np.full(len(s), np.datetime64("NaT"), "M8[us]")
        nat = np.ones(len(s), bool)
    else:
        arr = _not_now(_naive(_to_datetime(s, "ISO8601", name, notes), name, notes), s)
        nat = np.isnat(arr)
        if not nat.any():
            return arr
        arr = _microseconds(arr, nat, name, where, problems)
    # Only the values that are not ISO are looked at further, once per distinct value.
    rows = np.flatnonzero(nat)
    values = s.to_numpy(dtype=object)
    d = _Distinct.of(values[rows] if len(rows) < len(s) else values, rows, len(s))
    if skipped and len(d.text):  # the ISO values among the distinct ones
        iso = _naive(_to_datetime(d.text, "ISO8601", name, notes), name, notes)
        iso = _not_now(iso, d.text).astype("M8[us]")
        ok = ~np.isnat(iso)
        d.parsed[ok] = iso[ok]
        d.kind[ok] = _ISO
    langs = LOCALES if locale is None else (locale,)
    days = {k: v for lang in langs for k, v in _DAYS[lang].items()}
    todo = np.flatnonzero(d.kind == _BAD)
    found, parts = _numeric_parts(d.text.to_numpy()[todo], days)
    is_num = np.zeros(len(d.text), bool)
    if found.size:
        is_num[todo[found]] = True
        _read_numeric(d, parts, todo[found], dayfirst, name, where, problems)
    rest = np.flatnonzero((d.kind == _BAD) & ~is_num)
    has_word = np.array([bool(_WORD.search(d.text[k])) for k in rest], bool)
    if has_word.any():
        _read_named(d, rest[has_word], locale)
    if (~has_word).any():
        _read_year_first(d, rest[~has_word], name, notes)
    # code -1 (a missing value) reads the last slot: NaT, and missing
    arr[rows] = np.append(d.parsed, np.datetime64("NaT", "us"))[d.codes]
    missing = _expand(np.append(d.kind == _BLANK, True)[d.codes], rows, len(s))
    if missing.any():
        _add_empty(problems, name, where, missing)
    _add_bad(d, name, where, problems)
    if d.read:
        first = int(rows[np.argmax(np.isin(d.codes, np.flatnonzero(d.kind == _READ)))])
        notes.append(
            f"column {name!r} has dates not written as ISO 'YYYY-MM-DD' (the first at "
            f"{where.row(first)}): " + "; ".join(d.read)
        )
    return arr


def _microseconds(
    arr: np.ndarray, nat: np.ndarray, name: Any, where: _Where, problems: Problems
) -> np.ndarray:
    """A writable datetime64[us] copy of ``arr``; a finer time is recorded as a problem."""
    if arr.dtype == np.dtype("M8[us]"):
        return arr.copy()
    raw = arr.view(np.int64)
    if np.datetime_data(arr.dtype)[0] == "ns":
        lost = ~nat & (raw % 1000 != 0)
        if lost.any():
            _, t = where.rows(lost, "a time finer than a microsecond")
            problems.add(
                "lost_time",
                name,
                f"column {name!r} has {t}",
                f"round them first, e.g. df[{name!r}] = pd.to_datetime(df[{name!r}]).dt.floor('ms')",
                mask=lost,
            )
    return arr.astype("M8[us]")


def _numeric_parts(texts: np.ndarray, days: dict) -> tuple[np.ndarray, pd.DataFrame]:
    """The positions of the numeric day-month-year dates among ``texts``, and their parts (a
    weekday before them must be one of ``days``)."""
    match = _NUMERIC_RE.match
    found, groups = [], []
    for i, t in enumerate(texts):
        m = match(t)
        if m is not None and (m.group(1) is None or m.group(1).lower() in days):
            found.append(i)
            groups.append(m.groups())
    parts = pd.DataFrame(groups, columns=["wd", "a", "sep", "b", "y", "H", "M", "S"], dtype=object)
    return np.array(found, dtype=np.intp), parts


def _read_numeric(
    d: _Distinct,
    nn: pd.DataFrame,
    numeric: np.ndarray,
    dayfirst: bool | None,
    name: Any,
    where: _Where,
    problems: Problems,
) -> None:
    """Read the numeric day-month-year values (``numeric``, their parts ``nn``), or record
    them as ambiguous."""
    a = nn["a"].astype(int).to_numpy()
    b = nn["b"].astype(int).to_numpy()
    ylen = nn["y"].str.len().to_numpy()
    text = d.text.to_numpy()[numeric]
    first_gt, second_gt = a > 12, b > 12
    order, reason = dayfirst, f" (dayfirst={dayfirst})"
    if order is None and first_gt.any() != second_gt.any():
        order = bool(first_gt.any())
        witness = text[np.argmax(first_gt if order else second_gt)]
        reason = f": {witness!r} cannot be {'month' if order else 'day'}-first"
    if order is None:
        d.kind[numeric] = _AMBIGUOUS
        mask = d.mask(numeric)
        examples = text.tolist()
        if first_gt.any():  # and second_gt: written both ways round
            d1, m1 = text[np.argmax(first_gt)], text[np.argmax(second_gt)]
            _, rows_text = where.rows(mask, "a day-month-year date")
            problems.add(
                "ambiguous_date",
                name,
                f"column {name!r} has {rows_text}, written both ways round: {d1!r} is day "
                f"first, {m1!r} is month first",
                "write them all the same way round (ISO 'YYYY-MM-DD' is safest), or pass "
                "dayfirst=True or dayfirst=False to read them one way (the values that do "
                "not fit that way are then listed)",
                mask=mask,
                examples=[d1, m1],
            )
        else:
            _, rows_text = where.rows(mask, "a date that could be day-month or month-day")
            counts = np.bincount(d.codes[d.codes >= 0], minlength=len(d.text))[numeric]
            has_time = np.where(nn["H"].isna(), 0, np.where(nn["S"].isna(), 2, 3))
            problems.add(
                "ambiguous_date",
                name,
                f"column {name!r} has {rows_text}: {_shown(examples)}",
                _ambiguous_fix(
                    examples, counts.tolist(), nn["sep"].tolist(), ylen.tolist(), has_time.tolist()
                ),
                mask=mask,
                examples=examples,
            )
        return
    day, month = (a, b) if order else (b, a)
    parts = pd.DataFrame(
        {
            "year": _year(nn["y"].astype(int).to_numpy(), ylen),
            "month": month,
            "day": day,
            "hour": nn["H"].fillna(0).astype(int).to_numpy(),
            "minute": nn["M"].fillna(0).astype(int).to_numpy(),
            "second": nn["S"].fillna(0).astype(int).to_numpy(),
        }
    )
    got = _build(parts)
    ok = ~np.isnat(got)
    d.parsed[numeric] = got
    d.kind[numeric[ok]] = _READ
    way = "day-month-year" if order else "month-day-year"
    for k, value in zip(numeric[~ok], text[~ok], strict=True):
        d.why[k] = (
            f"with dayfirst={order} they are read as {way}"
            if dayfirst is not None
            else f"{value!r} does not exist"
        )
    if ok.any():
        n_ok = d.count(numeric[ok])
        d.read.append(
            f"{_n(n_ok, 'date')} such as {text[np.argmax(ok)]!r} {_was(n_ok)} read as {way}{reason}"
        )
    two = ok & (ylen <= 2)
    if two.any():
        k = int(np.argmax(two))
        d.read.append(
            "two-digit years were read by pandas' rule, 00-68 as 2000-2068 and 69-99 as "
            f"1969-1999 ({text[k]!r} is {_show_dt(got[k])})"
        )


def _read_named(d: _Distinct, which: np.ndarray, locale: str | None) -> None:
    """Read the values with words (``which``): dates with month names."""
    langs = LOCALES if locale is None else (locale,)
    months = {k: v for lang in langs for k, v in _MONTHS[lang].items()}
    days = {k: v for lang in langs for k, v in _DAYS[lang].items()}
    fillers = set().union(*(_FILLERS[lang] for lang in langs))
    other = None if locale is None else ("nl" if locale == "en" else "en")
    parts, found = [], []
    for k in which:
        got, reason = _named_date(d.text[k], months, days, fillers, other)
        if got is None:
            d.why[k] = reason
        else:
            parts.append(got)
            found.append(int(k))
    if not found:
        return
    built = _build(pd.DataFrame(parts, columns=["year", "month", "day", "hour", "minute", "second"]))
    d.parsed[found] = built
    ok = ~np.isnat(built)
    good = np.array(found)[ok]
    d.kind[good] = _READ
    for k in np.array(found)[~ok]:
        d.why[k] = f"{d.text[k]!r} does not exist"
    if good.size:
        k = int(good[0])
        n_good = d.count(good)
        d.read.append(
            f"{_n(n_good, 'date')} with a month name {_was(n_good)} read by that name "
            f"({d.text[k]!r} is {_show_dt(d.parsed[k])})"
        )


def named_date(text: str, locale: str | None = None) -> tuple[pd.Timestamp | None, str]:
    """One text with a month name ("7 maart 2025", "vr 14 mrt 2025", "Mar 7, 2025") as a
    Timestamp, or (None, why) — why is empty when the text is no date with a month name at all.

    >>> named_date("vr 7 maart 2025")
    (Timestamp('2025-03-07 00:00:00'), '')
    >>> named_date("week 3")
    (None, '')
    """
    langs = LOCALES if locale is None else (locale,)
    months = {k: v for lang in langs for k, v in _MONTHS[lang].items()}
    days = {k: v for lang in langs for k, v in _DAYS[lang].items()}
    fillers = set().union(*(_FILLERS[lang] for lang in langs))
    got, why = _named_date(text, months, days, fillers, None)
    if got is None:
        return None, why
    try:
        return pd.Timestamp(*got), ""
    except ValueError:
        return None, f"{text!r} does not exist"


def _read_year_first(d: _Distinct, which: np.ndarray, name: Any, notes: list) -> None:
    """Read the year-first values among ``which`` ("2025/03/07") with pandas' format='mixed'."""
    cand = which[d.text.iloc[which].str.match(_YEAR_FIRST).to_numpy()]
    if not cand.size:
        return
    got = pd.to_datetime(
        pd.Series(d.text.iloc[cand].to_numpy()), errors="coerce", format="mixed", dayfirst=False
    )
    arr = _naive(got, name, notes).astype("M8[us]")
    d.parsed[cand] = arr
    good = cand[~np.isnat(arr)]
    d.kind[good] = _READ
    if good.size:
        n_good = d.count(good)
        d.read.append(
            f"{_n(n_good, 'date')} such as {d.text[int(good[0])]!r} {_was(n_good)} read "
            "year-month-day (pandas' format='mixed')"
        )


def _add_bad(d: _Distinct, name: Any, where: _Where, problems: Problems) -> None:
    """Record the values that are not dates, with the reasons found."""
    bad = np.flatnonzero(d.kind == _BAD)
    if not bad.size:
        return
    mask = d.mask(bad)
    examples = [d.text[int(k)] for k in bad]
    _, t = where.rows(mask, "a value that is not a date")
    hints: list[str] = []
    for reason in (d.why[int(k)] for k in bad):
        if reason and reason not in hints:
            hints.append(reason)
    fix = (
        "write dates as ISO 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM', or pass date_format= the format "
        f"they are written in (or convert the column yourself with pd.to_datetime(df[{name!r}], "
        "format=...)), or drop these rows"
    )
    if hints:
        fix = f"{'; '.join(hints[:3])}; {fix}"
    if any(re.fullmatch(r"-?\d+(\.\d*)?", str(x)) for x in examples):
        fix += (
            f"; if the column counts days or seconds, convert it with "
            f"pd.to_numeric(df[{name!r}]) and pass date_unit= and origin="
        )
    problems.add(
        "bad_date", name, f"column {name!r} has {t}: {_shown(examples)}", fix, mask=mask, examples=examples
    )


def _expand(mask: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """A mask over ``rows`` as a mask over all ``n`` rows."""
    if len(rows) == n:
        return np.asarray(mask, bool)
    out = np.zeros(n, bool)
    out[rows[np.asarray(mask, bool)]] = True
    return out


def _to_english(text: str, full_months: bool, full_days: bool) -> str:
    """Dutch month and weekday names as English ones, for strftime formats (%b, %B, %a, %A)."""

    def swap(m: re.Match) -> str:
        w = m.group(0).lower()
        if w in _MONTHS["en"] or w in _DAYS["en"]:
            return m.group(0)
        if w in _MONTHS["nl"]:
            full = _ENGLISH_MONTHS[_MONTHS["nl"][w] - 1]
            return full if full_months else full[:3]
        if w in _DAYS["nl"]:
            full = _ENGLISH_DAYS[_DAYS["nl"][w]]
            return full if full_days else full[:3]
        return m.group(0)

    return _WORD.sub(swap, text)


def _with_format(
    s: pd.Series, name: Any, where: _Where, notes: list, problems: Problems, fmt: str, locale: str | None
) -> np.ndarray:
    """Every value read with ``fmt``; month names may be Dutch unless ``locale='en'``."""
    if locale != "en" and re.search(r"%[aAbB]", fmt):
        codes, uniq = pd.factorize(s.to_numpy(dtype=object))
        months, days = "%B" in fmt, "%A" in fmt
        swapped = np.array(
            [_to_english(v, months, days) if isinstance(v, str) else v for v in uniq], dtype=object
        )
        values = pd.Series(
            np.append(swapped, np.array([None], dtype=object))[codes], dtype=object
        )  # -1: missing
        arr = _naive(_to_datetime(values, fmt, name, notes), name, notes)
    else:
        arr = _naive(_to_datetime(s, fmt, name, notes), name, notes)
    arr = _not_now(arr, s)
    nat = np.isnat(arr)
    if not nat.any():
        return arr
    raw = s.to_numpy(dtype=object)
    missing = nat & np.asarray(s.isna()) | nat & np.array(
        [isinstance(v, str) and not v.strip() for v in raw], bool
    )
    if missing.any():
        _add_empty(problems, name, where, missing)
    bad = nat & ~missing
    if bad.any():
        ex = _distinct(raw, bad)
        _, t = where.rows(bad, f"a value that does not match date_format={fmt!r}")
        try:
            looks = f" (it reads dates written like {pd.Timestamp(2025, 3, 7, 19, 30).strftime(fmt)!r})"
        except ValueError:
            looks = ""
        problems.add(
            "bad_date",
            name,
            f"column {name!r} has {t}: {_shown(ex)}",
            f"correct these values, or pass the date_format= they are written in{looks}; "
            "or leave date_format out to read ISO and day-month-year dates by themselves",
            mask=bad,
            examples=ex,
        )
    return arr


# --------------------------------------------------------------------------------------------
# A date column
# --------------------------------------------------------------------------------------------


def _date_column(
    s: pd.Series,
    name: Any,
    where: _Where,
    date_unit: str | None,
    origin: Any,
    notes: list,
    *,
    dayfirst: bool | None = None,
    date_format: str | None = None,
    locale: str | None = None,
) -> tuple[np.ndarray, str]:
    """A date column as int64 counts of ``date_unit`` since 1970-01-01, and the unit.

    Every problem of the column is collected and raised together (an :class:`InputError`
    carrying them).
    """
    locale = _check_date_options(dayfirst, date_format, locale)
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
        raise problem(
            "bad_date",
            name,
            f"column {name!r} holds booleans (True/False), not dates",
            "pass a column of dates",
        )
    if pd.api.types.is_numeric_dtype(dtype):
        return _numeric_dates(s, name, where, date_unit, origin)
    problems = Problems("attendance table")
    if pd.api.types.is_datetime64_any_dtype(dtype):
        # (a text file's ISO dates arrive read as dates: date_format= is not needed for them)
        if date_format is not None and not where.text:
            notes.append(f"date_format= was ignored: column {name!r} holds dates, not text")
        arr = _naive(s, name, notes)
    else:
        if pd.api.types.is_timedelta64_dtype(dtype):
            raise problem(
                "bad_date",
                name,
                f"column {name!r} holds durations (timedelta), not dates",
                f"add them to a start date first, e.g. pd.Timestamp('2025-01-01') + df[{name!r}]",
            )
        inferred = pd.api.types.infer_dtype(s, skipna=True)
        if inferred in ("integer", "floating", "mixed-integer-float"):
            return _numeric_dates(s, name, where, date_unit, origin)
        arr = _parse_text(s, name, where, notes, problems, dayfirst, date_format, locale)
        if problems:
            # NaT rows are recorded already; check the range of the others.
            _check_range(arr, name, where, problems)
            problems.raise_if_any()
    if origin is not None:
        notes.append(f"origin= was ignored: column {name!r} holds dates, not numbers")
    nat = np.isnat(arr)
    if nat.any():
        _add_empty(problems, name, where, nat)
    _check_range(arr, name, where, problems)
    problems.raise_if_any()
    return _datetime_ticks(arr, name, where, date_unit)


def _check_range(arr: np.ndarray, name: Any, where: _Where, problems: Problems) -> None:
    """Record the dates outside 1900-2200 (NaT is not checked)."""
    unit, step = np.datetime_data(arr.dtype)
    if step != 1 or unit not in _PER_SECOND:
        arr = arr.astype("M8[s]")
        unit = "s"
    per_s = _PER_SECOND[unit]
    raw = arr.view(np.int64)
    lo, hi = _unit_bounds(1_000_000 // per_s if per_s <= 1_000_000 else 1)
    if per_s > 1_000_000:  # ns: bounds in ns
        lo, hi = lo * 1000, hi * 1000
    if not raw.size:
        return
    nat = np.iinfo(np.int64).min
    low = raw.min()
    if low == nat:
        low = raw[raw != nat].min(initial=lo)
    if low < lo or raw.max() >= hi:
        bad = (raw != nat) & ((raw < lo) | (raw >= hi))
        if bad.any():
            _add_out_of_range(problems, name, where, bad, [_show_dt(v) for v in _distinct(arr, bad)])


def _show_dt(value: np.datetime64) -> str:
    try:
        text = str(pd.Timestamp(value))
        return text[:-9] if text.endswith(" 00:00:00") else text
    except (ValueError, OverflowError):
        return str(value)


def _datetime_ticks(
    arr: np.ndarray, name: Any, where: _Where, date_unit: str | None
) -> tuple[np.ndarray, str]:
    """Checked datetime64 (no NaT, in range) as ticks of ``date_unit``; nothing finer is lost."""
    unit, step = np.datetime_data(arr.dtype)
    if step != 1 or unit not in _PER_SECOND:
        if unit in ("Y", "M", "W", "D", "h", "m") or step != 1:
            arr = arr.astype("M8[s]")
            unit = "s"
        else:
            raise problem(
                "lost_time",
                name,
                f"column {name!r} holds datetime64[{unit}] values",
                f"convert them to datetime64[ms], e.g. df[{name!r}] = df[{name!r}].astype('datetime64[ms]')",
            )
    per_s = _PER_SECOND[unit]
    raw = arr.view(np.int64)
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
                raise problem(
                    "lost_time",
                    name,
                    f"column {name!r} has {text} ({_show_dt(arr[first])})",
                    "wijknet keeps dates to the millisecond at most and never drops precision "
                    f"silently: round them first, e.g. df[{name!r}] = df[{name!r}].dt.floor('ms')",
                    mask=sub,
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
            raise problem(
                "lost_time",
                name,
                f"column {name!r} has {text} ({_show_dt(arr[first])}); it would be lost",
                hint + extra,
                mask=lost,
            )
    factor = {"D": per_day, "s": per_s, "ms": per_ms}[date_unit]
    if factor == 1:
        return np.ascontiguousarray(raw), date_unit
    return raw // factor, date_unit
