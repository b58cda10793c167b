"""Reading register files (private): CSV/TSV/TXT (optionally gzipped), spreadsheets (.xlsx,
.xlsm, .xlsb, .xls, .ods) and Parquet into a pandas DataFrame for the ingestion functions.

What evaluators' files hold besides the table is taken off visibly: title rows above the
header, empty rows and columns, a second table (or a totals row) below the first. Each is
counted and described in plain words in ``df.attrs["wijknet"]["notes"]``; the original line
(text file) or row (spreadsheet) of every data row is kept in ``df.attrs["wijknet"]["lines"]``,
so error messages point at the place the user sees in the file."""

from __future__ import annotations

import csv
import io
import os
import re
from typing import Any

import numpy as np
import pandas as pd

from ._errors import (
    ArgumentError,
    DataFileNotFoundError,
    InputError,
)
from ._problems import problem
from ._tables import _CSV_EXTENSIONS, _close_match, _missing_columns, _n

_PARQUET_EXTENSIONS = (".parquet", ".pq")
_SPREADSHEET_EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
#: File extensions :func:`read_table` reads.
TABLE_EXTENSIONS = _CSV_EXTENSIONS + _SPREADSHEET_EXTENSIONS + _PARQUET_EXTENSIONS

#: A large file is read piece by piece, so its table is never held whole: a Parquet file in
#: batches of this many rows, a text file in blocks of this many bytes (a small file is one
#: piece).
_CHUNK_ROWS = 125_000
_CHUNK_BYTES = 4 << 20

#: The note on a text file read as Windows Western European text.
_CP1252_NOTE = (
    "file '{given}' is not UTF-8; it was read as Windows Western European text (cp1252), "
    "as older Excel versions save it — give encoding= if letters such as 'ü' or 'é' look wrong"
)

#: How many rows from the top the header is looked for in.
_HEADER_SEARCH = 30
#: The first cell of a totals row below a table: "Totaal", "Totaal deelnemers", "Som:"
#: (a name such as "Som Chan" is not one).
_TOTALS = re.compile(
    r"\s*(sub)?(totaal|totalen|total|totals)\b.*|\s*(som|sum|gemiddelde|average|aantal)\s*:?\s*",
    re.IGNORECASE,
)
#: An Excel serial day number (1 = 1900-01-01 ... 2958465 = 9999-12-31) as text.
_SERIAL_TEXT = re.compile(r"\s*\d{1,7}(\.\d+)?\s*")
#: A date cell written out by the spreadsheet reader.
_DATETIME_TEXT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?")
#: A time cell (no date) written out by the spreadsheet reader, and the day it gives them.
_TIME_CELL = re.compile(r"1899-12-3[01] \d{2}:\d{2}:\d{2}(\.\d+)?")
_DAY_ZERO = [pd.Timestamp("1899-12-30"), pd.Timestamp("1899-12-31")]
#: A whole number written as an id would be ("12", "-3"; not "0012").
_WHOLE = re.compile(r"-?(0|[1-9][0-9]{0,17})")
#: A date cell among text, as the spreadsheet reader writes it.
_MIDNIGHT = re.compile(r"\d{4}-\d{2}-\d{2} 00:00:00")


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def _file_kind(name: str) -> str | None:
    low = name.lower()
    for ext in _PARQUET_EXTENSIONS:
        if low.endswith(ext):
            return "parquet"
    if low.endswith(_SPREADSHEET_EXTENSIONS):
        return "spreadsheet"
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


def _resolve(path: str | os.PathLike) -> tuple[str, str, str]:
    """(the path as given, the absolute path, the kind of file), or the error for a file that
    does not exist or cannot be read."""
    given = os.fspath(path)
    full = os.path.abspath(os.path.expanduser(given))
    kind = _file_kind(full)
    if not os.path.exists(full):
        raise _not_found(full)
    if kind is None:
        ext = os.path.splitext(full)[1] or "(none)"
        raise ArgumentError(
            f"file '{given}' has extension {ext}, which wijknet does not read; supported: "
            f"{', '.join(TABLE_EXTENSIONS)}; save the table in one of these formats, or read it "
            "yourself and pass the DataFrame to Network.from_attendance"
        )
    if os.path.isdir(full) and kind != "parquet":
        raise ArgumentError(f"'{given}' is a folder, not a file")
    return given, full, kind


_SEPARATORS = (",", ";", "\t", "|")
_SEP_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def sniff_separator(text: str) -> str | None:
    """The column separator of a delimited text, among comma, semicolon, tab and vertical bar:
    the one that splits the header and the next lines (up to 20) into the same number of
    fields (at least two), the most fields winning; None when no separator fits.

    >>> sniff_separator("naam;activiteit;datum\\nEve;dans;07-03-2025\\n")
    ';'
    >>> sniff_separator("resident,activity\\nann,dance\\n")
    ','
    """
    lines = [line for line in text.splitlines()[:21] if line.strip()]
    if not lines:
        return None
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last line may be cut off
    best, best_fields = None, 1
    for sep in _SEPARATORS:
        counts = {len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=sep)}
        if len(counts) == 1:
            fields = counts.pop()
            if fields > best_fields:
                best, best_fields = sep, fields
    return best


# --------------------------------------------------------------------------------------------
# Cells and rows
# --------------------------------------------------------------------------------------------


class _Lines(np.ndarray):
    """The original line (row) numbers of a table's rows: read-only, and shared rather than
    copied when pandas copies a table's ``attrs`` (which it does on most operations)."""

    @classmethod
    def of(cls, lines: np.ndarray) -> _Lines:
        out = np.asarray(lines, dtype=np.int64).view(cls)
        out.flags.writeable = False
        return out

    def __deepcopy__(self, memo: Any) -> _Lines:
        return self


def _clean_name(name: Any) -> Any:
    """A header cell without surrounding spaces or a byte-order mark."""
    return name.replace("\ufeff", "").strip() if isinstance(name, str) else name


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _was(count: int) -> str:
    return "was" if count == 1 else "were"


def _span(word: str, first: int, last: int) -> str:
    return f"{word} {first}" if first == last else f"{word}s {first}-{last}"


def _find_header(rows: list[list[Any]], needed: list) -> int | None:
    """The header among the first rows (lists of cells): the first row holding every needed
    name; without needed names, the first row with as many filled cells as the fullest row.
    None when needed names are given and no row holds them all."""
    if needed:
        want = [_clean_name(n) for n in needed]
        for k, row in enumerate(rows):
            cells = {_clean_name(c) for c in row if not _blank(c)}
            if all(w in cells for w in want):
                return k
        return None
    counts = [sum(not _blank(c) for c in row) for row in rows]
    if not counts or max(counts) == 0:
        return 0
    return counts.index(max(counts))


def _skipped_note(place: str, word: str, rows: list[list[Any]], header: int, explicit: bool) -> str | None:
    if header == 0:
        return None
    skipped = rows[:header]
    texts = [str(c).strip() for row in skipped for c in row if not _blank(c)]
    what = f" (a title: {texts[0]!r})" if texts else " (empty)"
    how = "" if explicit else "; give header= (the 0-based row of the header) to choose it yourself"
    return f"{place}: {_span(word, 1, header)} above the header {_was(header)} skipped{what}{how}"


def _blank_cells(s: pd.Series) -> np.ndarray:
    """Cells that are missing, empty or only spaces."""
    values = s.array
    if hasattr(values, "__arrow_array__") and pd.api.types.is_string_dtype(s.dtype):
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.array(values)
        blank = pc.or_kleene(pc.equal(arr, ""), pc.utf8_is_space(arr)).fill_null(True)
        return np.asarray(blank.to_numpy(zero_copy_only=False), dtype=bool)
    missing = np.array(s.isna(), dtype=bool)
    if s.dtype == object:
        text = np.flatnonzero(~missing)
        for i, v in zip(text, s.to_numpy()[text], strict=True):
            if isinstance(v, str) and not v.strip():
                missing[i] = True
    return missing


def _blank_mask(df: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is missing or only spaces: the first column is checked in full,
    each next one only in the rows still blank, so a large table pays about one column."""
    n = len(df)
    idx: np.ndarray | None = None  # None: every row
    for c in range(df.shape[1]):
        s = df.iloc[:, c]
        if idx is None:
            idx = np.flatnonzero(_blank_cells(s))
        else:
            idx = idx[_blank_cells(s.iloc[idx])]
        if idx.size == 0:
            break
    if idx is None:
        return np.ones(n, bool)
    blank = np.zeros(n, bool)
    blank[idx] = True
    return blank


def _is_text(s: pd.Series, *, mixed: bool = False) -> bool:
    """Whether a column holds text (``mixed``: or text among other values)."""
    if s.dtype != object:
        return pd.api.types.is_string_dtype(s.dtype)
    kinds = ("string", "empty", "mixed", "mixed-integer") if mixed else ("string",)
    return pd.api.types.infer_dtype(s, skipna=True) in kinds


def _header_like(cells: list[Any], names: list[Any]) -> bool:
    """A row that repeats the header: one cell equal to its own column's name, or two cells
    equal to any column names (case and spaces ignored)."""
    folded = [str(n).strip().casefold() for n in names]
    values = [str(c).strip().casefold() if not _blank(c) else None for c in cells]
    own = sum(v is not None and v == f for v, f in zip(values, folded, strict=False))
    anywhere = sum(v is not None and v in folded for v in values)
    return own >= 1 or anywhere >= 2


def _totals_like(cells: list[Any]) -> bool:
    first = next((c for c in cells if not _blank(c)), None)
    return isinstance(first, str) and _TOTALS.fullmatch(first) is not None


def _second_table(df: pd.DataFrame, blank: np.ndarray) -> int | None:
    """Position of the first row of a second table below the first (a repeated header or a
    title after an empty row, or a totals row), or None."""
    names = list(df.columns)
    if not blank.any():
        filled = np.array([len(df) - 1]) if len(df) else np.zeros(0, np.int64)
        after_blank = before_blank = filled[:0]
    else:
        filled = np.flatnonzero(~blank)
        gaps = np.diff(filled) > 1
        # the first filled row after each run of empty rows, and the last one before it
        after_blank = filled[1:][gaps]
        before_blank = filled[:-1][gaps]
    if filled.size == 0:
        return None
    # candidates: those and the last filled row (a totals row ends a table)
    starts = set(after_blank[:1000].tolist())
    candidates = sorted(starts | set(before_blank[:1000].tolist()) | {int(filled[-1])})
    for r in candidates:
        r = int(r)
        cells = df.iloc[r].tolist()
        if _totals_like(cells):
            return r
        if r in starts:
            if _header_like(cells, names):
                return r
            nxt = filled[filled > r]
            filled_cells = sum(not _blank(c) for c in cells)
            if (
                filled_cells == 1
                and len(names) > 1
                and nxt.size
                and _header_like(df.iloc[int(nxt[0])].tolist(), names)
            ):
                return r
    return None


def _ids_from_numbers(s: pd.Series) -> pd.Series:
    """An id column read as numbers (a spreadsheet's number cells): whole numbers become int64
    ids when none is missing; otherwise text ("12", not "12.0")."""
    values = s.to_numpy(dtype=np.float64, na_value=np.nan)
    finite = np.isfinite(values)
    whole = finite & (values == np.round(values)) & (np.abs(values) < 2**53)
    if whole.all():
        return pd.Series(values.astype(np.int64), index=s.index, name=s.name)
    out = np.empty(len(values), dtype=object)
    out[:] = np.nan
    out[whole] = [str(int(v)) for v in values[whole]]
    rest = finite & ~whole
    out[rest] = [repr(float(v)) for v in values[rest]]
    return pd.Series(out, index=s.index, name=s.name)


def _ids_from_text(s: pd.Series) -> pd.Series:
    """Text ids that are all plain whole numbers ("12", "-3", no leading zero) become int64."""
    if len(s) and not _WHOLE.fullmatch(str(s.iloc[0])):
        return s  # the usual case, decided by the first id
    if s.notna().all():
        text = s.astype(str)
        if text.str.fullmatch(_WHOLE.pattern).all():
            return text.astype("int64")
    return s


# --------------------------------------------------------------------------------------------
# Spreadsheet dates
# --------------------------------------------------------------------------------------------


def _uses_1904(full: str) -> bool:
    """Whether an .xlsx/.xlsm workbook counts days from 1904-01-01 (old Mac Excel)."""
    if not full.lower().endswith((".xlsx", ".xlsm")):
        return False
    import zipfile

    try:
        with zipfile.ZipFile(full) as z:
            head = z.read("xl/workbook.xml")[:4096]
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return re.search(rb'date1904="(1|true)"', head) is not None


def _serials_to_dates(values: np.ndarray, system1904: bool) -> np.ndarray:
    origin = np.datetime64("1904-01-01" if system1904 else "1899-12-30", "ms")
    ms = np.round(values * 86_400_000.0).astype(np.int64)
    return origin + ms.astype("m8[ms]")


def _spreadsheet_dates(s: pd.Series, name: Any, place: str, system1904: bool, notes: list) -> pd.Series:
    """A date column of a spreadsheet: date cells stay datetimes; numbers (Excel serial days)
    become dates, with a note; text stays text."""
    system = "1904" if system1904 else "1900"
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return s
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        values = s.to_numpy(dtype=np.float64, na_value=np.nan)
        known = ~np.isnan(values)
        if not known.any() or not ((values[known] >= 1) & (values[known] < 2_958_466)).all():
            return s
        out = np.full(len(values), np.datetime64("NaT"), dtype="M8[ms]")
        out[known] = _serials_to_dates(values[known], system1904)
        first = int(np.flatnonzero(known)[0])
        notes.append(
            f"{place}: column {name!r} held {_n(int(known.sum()), 'number')} where dates were "
            f"expected; they were read as Excel day numbers ({system} date system), e.g. "
            f"{values[first]:g} → {pd.Timestamp(out[first]).date()}"
        )
        return pd.Series(out, index=s.index, name=s.name)
    if not _is_text(s):
        return s
    text = s.astype("string")
    serial = np.array(text.str.fullmatch(_SERIAL_TEXT.pattern).fillna(False), dtype=bool)
    numbers = pd.to_numeric(text[serial], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    serial[np.flatnonzero(serial)[~((numbers >= 1) & (numbers < 2_958_466))]] = False
    numbers = numbers[(numbers >= 1) & (numbers < 2_958_466)]
    # date cells among text arrive written out in full; a date without a time reads as a date
    midnight = np.array(text.str.fullmatch(_MIDNIGHT.pattern).fillna(False), dtype=bool)
    if not serial.any() and not midnight.any():
        return s
    out = text.to_numpy(dtype=object, na_value=None)
    out[midnight] = [v[:10] for v in out[midnight]]
    if serial.any():
        first = int(np.flatnonzero(serial)[0])
        before = out[first]
        stamps = pd.DatetimeIndex(_serials_to_dates(numbers, system1904))
        whole = stamps.normalize() == stamps
        out[serial] = np.where(whole, stamps.strftime("%Y-%m-%d"), stamps.strftime("%Y-%m-%d %H:%M:%S"))
        notes.append(
            f"{place}: column {name!r} held {_n(int(serial.sum()), 'number')} among its dates; they "
            f"were read as Excel day numbers ({system} date system), e.g. {before} → {out[first]}"
        )
    result = pd.Series(out, index=s.index, name=s.name, dtype=object)
    return result.where(result.notna(), np.nan)


def _times_of_day(s: pd.Series) -> pd.Series:
    """Time cells of a spreadsheet (a time without a date, such as a sign-in time) as
    ``datetime.time``: the reader gives them the date of Excel's day 0, 1899-12-31 (or
    1899-12-30), as a datetime or, among text, written out."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        known = s.dropna()
        if known.empty or not known.dt.normalize().isin(_DAY_ZERO).all():
            return s
        return pd.Series(
            [v.time() if not pd.isna(v) else np.nan for v in s], index=s.index, name=s.name, dtype=object
        )
    if not _is_text(s):
        return s
    text = s.astype("string")
    maybe = np.array(text.str.startswith("1899-12-3").fillna(False), dtype=bool)
    if not maybe.any():
        return s
    out = text.to_numpy(dtype=object, na_value=np.nan)
    for i in np.flatnonzero(maybe):
        if _TIME_CELL.fullmatch(out[i]):
            out[i] = pd.Timestamp(out[i]).time()
    return pd.Series(out, index=s.index, name=s.name, dtype=object)


# --------------------------------------------------------------------------------------------
# The common tidying of a table read from a file
# --------------------------------------------------------------------------------------------


def _tidy(
    df: pd.DataFrame,
    lines: np.ndarray,
    unnamed: list,
    *,
    given: str,
    sheet: str | None,
    word: str,
    notes: list,
    columns: list | None,
    ids: list | None,
    dates: list | None,
    fill_down: list | None,
    system1904: bool,
    whole_ids: bool = True,
) -> pd.DataFrame:
    """The table without what surrounds the register (see the module's docstring).
    ``whole_ids``: text id columns of plain whole numbers become int64 (False: a piece of a
    file read in pieces, whose ids are looked at once every piece is read)."""
    place = f"file '{given}'" + (f", sheet '{sheet}'" if sheet is not None else "")
    # Names without spaces or a byte-order mark.
    df.columns = [_clean_name(c) for c in df.columns]
    # Empty unnamed columns.
    empty_cols = [c for c in unnamed if c in df.columns and df[c].isna().all()]
    if empty_cols:
        df = df.drop(columns=empty_cols)
        notes.append(
            f"{place}: {_n(len(empty_cols), 'empty column')} without a name {_was(len(empty_cols))} dropped"
        )
    blank = _blank_mask(df)
    # A second table or a totals row below the first.
    stop = _second_table(df, blank)
    if stop is not None:
        rest = int((~blank[stop:]).sum())
        notes.append(
            f"{place} holds a second table (or a totals row) from {word} {int(lines[stop])}: "
            f"{_n(rest, word)} from there on not read; only the first table was read — give "
            "header= (the 0-based row of the other table's header) or sheet= to read the other"
        )
        df, lines, blank = df.iloc[:stop], lines[:stop], blank[:stop]
    n_blank = int(blank.sum())
    if n_blank:
        first = int(lines[np.argmax(blank)])
        notes.append(
            f"{place}: {_n(n_blank, 'empty ' + word)} {_was(n_blank)} dropped (the first is {word} {first})"
        )
        keep = ~blank
        df, lines = df.iloc[np.flatnonzero(keep)], lines[keep]
    df = df.reset_index(drop=True)
    _missing_columns([*(columns or ()), *(fill_down or ())], list(df.columns), "table", given)
    filled = 0
    for c in fill_down or ():
        before = df[c].isna() | df[c].map(lambda v: isinstance(v, str) and not v.strip())
        col = df[c].where(~before)
        df[c] = col.ffill()
        n = int((before & df[c].notna()).sum())
        filled += n
        if n:
            notes.append(
                f"{place}: column {c!r}: {_n(n, 'empty cell')} filled with the value above (fill_down)"
            )
    hints = []
    for c in ids or ():
        if c in df.columns and c not in (fill_down or ()):
            missing = np.asarray(df[c].isna())
            if missing.any() and not missing.all():
                below_value = missing[1:] & ~missing[:-1]
                if below_value.any():
                    hints.append(c)
    for c in dates or ():
        if sheet is not None and c in df.columns:
            df[c] = _spreadsheet_dates(df[c], c, place, system1904, notes)
    if sheet is not None:
        for c in df.columns:
            if c not in (dates or ()) and c not in (ids or ()):
                df[c] = _times_of_day(df[c])
    for c in ids or ():
        if c in df.columns:
            s = df[c]
            if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
                df[c] = _ids_from_numbers(s)
            elif whole_ids and _is_text(s):
                df[c] = _ids_from_text(s)
    if columns is not None:
        df = df[list(columns)]
    df.attrs["wijknet"] = {
        "source": given,
        "sheet": sheet,
        "lines": _Lines.of(lines),
        "notes": notes,
        "empty_rows_dropped": n_blank,
        "empty_columns_dropped": len(empty_cols),
        "filled_down": filled,
        "blanks_under_values": hints,
    }
    return df


# --------------------------------------------------------------------------------------------
# Text files
# --------------------------------------------------------------------------------------------


def _head_bytes(full: str, size: int = 65_536) -> bytes:
    import gzip

    opener = gzip.open if full.lower().endswith(".gz") else open
    with opener(full, "rb") as f:
        return f.read(size)


def _decode_head(raw: bytes, encoding: str | None, size: int) -> tuple[str, str]:
    """The head of a text file as text, and the encoding to read the file with: the given
    one; else ``utf-8-sig`` with a byte-order mark, ``utf-8`` when the head is valid UTF-8,
    ``cp1252`` (Windows Western European, what older Excel writes) otherwise."""
    if encoding is not None:
        return raw.decode(encoding, errors="replace"), encoding
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        if len(raw) == size and e.start >= len(raw) - 3:  # a character cut at the end
            return raw[: e.start].decode("utf-8"), "utf-8"
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _text_header(
    lines: list[str], sep: str | None, needed: list[list], header: int | None
) -> tuple[int, str]:
    """(the 0-based line of the header, the separator): the first line holding the names of
    the first list in ``needed`` that some line holds."""

    def split(line: str, s: str) -> list[str]:
        return next(csv.reader([line], delimiter=s), [])

    seps = [sep] if sep else list(_SEPARATORS)
    if header is not None:
        if sep is None:
            sep = sniff_separator("\n".join(lines[header:])) or ","
        return header, sep
    head = lines[:_HEADER_SEARCH]
    for want in needed:
        for s in seps:
            k = _find_header([split(line, s) for line in head], want)
            if k is not None:
                return k, s
    if sep is None:
        # The separator that splits the most lines into the same number (≥ 2) of fields.
        best: tuple[int, int, str] = (0, 0, ",")
        for s in _SEPARATORS:
            counts = [len(split(line, s)) for line in lines[:60] if line.strip()]
            multi = [c for c in counts if c >= 2]
            if multi:
                mode = max(set(multi), key=lambda c: (multi.count(c), c))
                score = (multi.count(mode), mode, s)
                if score[:2] > best[:2]:
                    best = score
        sep = best[2]
    k = _find_header([split(line, sep) for line in head], [])
    return k or 0, sep


#: The cells pandas reads as missing by default (``keep_default_na``).
_NA_TEXT = (
    "",
    "#N/A",
    "#N/A N/A",
    "#NA",
    "-1.#IND",
    "-1.#QNAN",
    "-NaN",
    "-nan",
    "1.#IND",
    "1.#QNAN",
    "<NA>",
    "N/A",
    "NA",
    "NULL",
    "NaN",
    "None",
    "n/a",
    "nan",
    "null",
)


def _read_arrow(
    full: str, encoding: str, sep: str, skip: int, text: dict, dates: list
) -> pd.DataFrame | None:
    """A delimited text file read with Arrow's CSV reader as pandas' pyarrow engine reads it
    (the same cells missing, ``text`` columns kept as text), except that the ``dates``
    columns Arrow reads as ISO dates (``YYYY-MM-DD``) become datetime64 columns instead of
    Python ``datetime.date`` objects: the ingestion then takes them as they are, without
    reading them again. A date column written otherwise stays text. None when the header
    Arrow reads has an empty or repeated name (pandas' readers name those).

    Raises what the reader raises for a file it cannot parse.
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    # (the file is opened here: Arrow recognises ".gz" in lower case only)
    compression = "gzip" if full.lower().endswith(".gz") else None
    with pa.input_stream(full, compression=compression) as source:
        table = pcsv.read_csv(
            source,
            read_options=pcsv.ReadOptions(
                skip_rows=skip,
                # Arrow skips a UTF-8 byte-order mark itself; other encodings are converted.
                encoding="utf8" if encoding.replace("-", "").lower() in ("utf8", "utf8sig") else encoding,
            ),
            parse_options=pcsv.ParseOptions(delimiter=sep, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(
                null_values=list(_NA_TEXT),
                strings_can_be_null=True,
                column_types={n: pa.large_string() for name in text for n in (name, _clean_name(name))},
            ),
        )
    names = table.column_names
    wanted = {_clean_name(name) for name in dates}
    if "" in names or len(set(names)) != len(names):
        return None
    for i, field in enumerate(table.schema):
        if pa.types.is_null(field.type):  # an empty column: floats, as pandas reads it
            table = table.set_column(i, field.name, table.column(i).cast(pa.float64()))
        elif _clean_name(field.name) in wanted and pa.types.is_date(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.timestamp("s")))
    return table.to_pandas()


def _read_text(
    given: str,
    full: str,
    kind: str,
    *,
    columns: list | None,
    ids: list | None,
    dates: list | None,
    sep: str | None,
    header: int | None,
    encoding: str | None,
    fill_down: list | None,
    pieces: bool = False,
    progress: Any = None,
) -> Any:
    """The table of a text file; ``pieces``: an iterator of its pieces where Arrow's reader
    reads the file (see :func:`read_table_pieces`), else the whole table."""
    if sep is not None and (not isinstance(sep, str) or len(sep) != 1):
        raise ArgumentError(f"sep={sep!r}: give the one character between columns, e.g. ';' or '\\t'")
    size = 65_536
    raw = _head_bytes(full, size)
    head, enc = _decode_head(raw, encoding, size)
    notes: list = []
    if kind == "tsv" and sep is None:
        sep = "\t"
    text_lines = head.splitlines()
    if len(raw) == size and text_lines and not head.endswith(("\n", "\r")):
        text_lines = text_lines[:-1]
    if not any(line.strip() for line in text_lines):
        raise problem(
            "empty_table",
            None,
            f"file '{given}' is empty: it has no header line and no rows",
            "export the register again, with a first line naming the columns and one line per attendance",
        )
    # The header holds the columns and ids (required) and, where it can, the date columns
    # (a date column not in the file is reported by the ingestion with the other problems).
    needed = [*(columns or ()), *(ids or ())]
    wanted = [w for w in ([*needed, *(dates or ())], needed) if w]
    k, sep = _text_header(text_lines, sep, wanted, header)
    names_raw = next(csv.reader([text_lines[k] if k < len(text_lines) else ""], delimiter=sep), [])
    names = [_clean_name(c) for c in names_raw]
    if any(c not in names for c in needed):  # then every missing column, dates included
        _missing_columns(
            [*needed, *(dates or ())], names, "table", given, separator=_SEP_NAMES.get(sep, repr(sep))
        )
    note = _skipped_note(f"file '{given}'", "line", [[line] for line in text_lines], k, header is not None)
    if note:
        notes.append(note)
    unnamed = [f"Unnamed: {i}" for i, c in enumerate(names) if c == ""]
    options: dict = {"sep": sep, "skiprows": k, "skip_blank_lines": False, "keep_default_na": True}
    raw_names = dict(zip(names, names_raw, strict=False))
    if ids:
        # Id columns are read as text, so "0012" stays "0012" (not the number 12); a column
        # whose every value is a plain integer ("12", "-3") becomes int64 afterwards.
        options["dtype"] = {raw_names[c]: str for c in ids}
    try:
        import pyarrow  # noqa: F401

        # Arrow's own reader first where the header is plain (every column named once);
        # pandas' readers for what it does not read.
        plain = "" not in names and len(set(names_raw)) == len(names_raw)
        engines = ["arrow", "pyarrow", "c"] if plain else ["pyarrow", "c"]
    except ImportError:
        engines = ["c"]
    typed = [raw_names[c] for c in dates or () if c in raw_names]
    if pieces and engines[0] == "arrow" and not fill_down:
        if enc == "cp1252" and encoding is None:
            notes.append(_CP1252_NOTE.format(given=given))
        return _arrow_pieces(
            given,
            full,
            enc,
            sep,
            k,
            options.get("dtype", {}),
            typed,
            notes,
            columns=columns,
            ids=ids,
            dates=dates,
            progress=progress,
        )

    def read(encoding_: str) -> pd.DataFrame:
        failed = False  # Arrow's reader could not parse the file: nor can pandas' pyarrow engine
        for engine in engines:
            if engine == "pyarrow" and failed:
                continue
            try:
                if engine == "arrow":
                    df = _read_arrow(full, encoding_, sep, k, options.get("dtype", {}), typed)
                    if df is not None:
                        return df
                    continue
                return pd.read_csv(full, engine=engine, encoding=encoding_, **options)
            except Exception as e:
                failed = failed or engine == "arrow"
                decode = isinstance(e, UnicodeDecodeError) or re.search(
                    r"utf-?8|decode|codec", str(e), re.IGNORECASE
                )
                if decode and encoding is None and encoding_ != "cp1252":
                    raise UnicodeError from None
                if engine == engines[-1]:
                    raise InputError(f"file '{given}' could not be read as a table: {e}") from None
        raise AssertionError("unreachable")

    try:
        df = read(enc)
    except UnicodeError:
        enc = "cp1252"
        df = read(enc)
    if enc == "cp1252" and encoding is None:
        notes.append(_CP1252_NOTE.format(given=given))
    lines = np.arange(len(df), dtype=np.int64) + (k + 2)
    # pandas names an empty header "Unnamed: i" (the position); keep only those that were empty
    unnamed = [c for c in df.columns if isinstance(c, str) and c.startswith("Unnamed: ") and c in unnamed]
    df = _tidy(
        df,
        lines,
        unnamed,
        given=given,
        sheet=None,
        word="line",
        notes=notes,
        columns=columns,
        ids=ids,
        dates=dates,
        fill_down=fill_down,
        system1904=False,
    )
    return df


# --------------------------------------------------------------------------------------------
# Spreadsheets
# --------------------------------------------------------------------------------------------


def _workbook(given: str, full: str) -> Any:
    try:
        import fastexcel
    except ImportError:
        raise ArgumentError(
            f"file '{given}' is a spreadsheet, and reading spreadsheets needs the package "
            "fastexcel, which is not installed; install it: pip install fastexcel"
        ) from None
    try:
        return fastexcel.read_excel(full)
    except Exception as e:
        why = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        ext = os.path.splitext(full)[1]
        raise InputError(
            f"file '{given}' could not be read as a spreadsheet ({why}); check that it opens in a "
            f"spreadsheet program and was saved as a real {ext} file"
        ) from None


def _sheet_name(given: str, names: list[str], sheet: Any) -> str:
    shown = ", ".join(repr(n) for n in names)
    if sheet is None:
        if not names:
            raise InputError(f"file '{given}' holds no sheets")
        return names[0]
    if isinstance(sheet, (int, np.integer)) and not isinstance(sheet, bool):
        if 0 <= int(sheet) < len(names):
            return names[int(sheet)]
        raise ArgumentError(
            f"sheet={int(sheet)}: file '{given}' has {_n(len(names), 'sheet')} ({shown}); "
            f"give a number from 0 to {len(names) - 1} or a sheet name"
        )
    if isinstance(sheet, str):
        if sheet in names:
            return sheet
        msg = f"file '{given}' has no sheet {sheet!r}; its sheets are: {shown}"
        hit = _close_match(sheet, names)
        if hit is not None:
            msg += f"; did you mean sheet={hit!r}?"
        raise ArgumentError(msg)
    raise ArgumentError(f"sheet= must be a sheet name or a 0-based number, not a {type(sheet).__name__}")


def _load(book: Any, given: str, name: str, header: int | None, **options: Any) -> Any:
    try:
        return book.load_sheet(name, header_row=header, schema_sample_rows=None, **options)
    except Exception as e:
        raise InputError(f"file '{given}', sheet '{name}' could not be read: {e}") from None


def _frame(sheet: Any, given: str, name: str) -> pd.DataFrame:
    try:
        table = sheet.to_arrow()
    except Exception as e:
        raise InputError(f"file '{given}', sheet '{name}' could not be read: {e}") from None
    # Text stays Arrow-backed (no copy into Python strings); dates become datetime64.
    return table.to_pandas(date_as_object=False)


def _first_rows(book: Any, given: str, name: str, place: str, start: int, n: int) -> list[list[Any]]:
    """Rows ``start`` to ``start + n`` (0-based, empty rows included) of a sheet, as they are:
    each column typed by these rows alone."""
    peek = _load(book, given, name, None, skip_rows=start, n_rows=n)
    try:
        first = peek.to_arrow().to_pandas(date_as_object=False)
    except Exception as e:
        raise InputError(f"{place} could not be read: {e}") from None
    rows = [list(r) for r in first.itertuples(index=False)]
    return rows or [[]]


def _header_value(cell: Any) -> Any:
    """A header cell that is not text, as a column name: a date cell as a Timestamp (also when
    it arrives written out, "2025-03-07 00:00:00"), a whole number as an int."""
    if isinstance(cell, str):
        text = cell.strip()
        if _DATETIME_TEXT.fullmatch(text):
            return pd.Timestamp(text)
        return text
    if isinstance(cell, (float, np.floating)) and float(cell).is_integer():
        return int(cell)
    if isinstance(cell, np.datetime64):
        return pd.Timestamp(cell)
    return cell


def _read_one_sheet(
    book: Any,
    given: str,
    full: str,
    name: str,
    *,
    columns: list | None,
    ids: list | None,
    dates: list | None,
    header: int | None,
    fill_down: list | None,
    notes: list,
    system1904: bool,
) -> pd.DataFrame:
    needed = [*(columns or ()), *(ids or ())]
    place = f"file '{given}', sheet '{name}'"
    rows: list[list[Any]] = []
    if header is None:
        # The first rows as they are (from row 1, empty rows included), to find the header in.
        rows = _first_rows(book, given, name, place, 0, _HEADER_SEARCH)
        k = _find_header(rows, [*needed, *(dates or ())]) if dates else None
        k = _find_header(rows, needed) if k is None and needed else k
        h = k if k is not None else (_find_header(rows, []) or 0)
        note = _skipped_note(place, "row", rows, h, False)
        if note:
            notes.append(note)
    else:
        h = int(header)
        if h > 0:
            notes.append(f"{place}: {_span('row', 1, h)} above the header (header={h}) {_was(h)} skipped")
    sheet = _load(book, given, name, h)
    info = sheet.available_columns()
    names = [_clean_name(c.name) if c.column_name_from != "generated" else None for c in info]
    found = [n for n in names if n is not None]
    where = (
        f"row {h + 1}" if header is not None else f"row {h + 1}, the fullest of the first {_HEADER_SEARCH}"
    )
    _missing_columns(
        [*needed, *(dates or ())] if any(c not in found for c in needed) else needed,
        found,
        f"sheet '{name}' of file '{given}'",
        extra=f"the header was read from {where}: if it is elsewhere, give header= (its 0-based row), "
        "or sheet= if the register is on another sheet",
    )
    df = _frame(sheet, given, name)
    unnamed = [c.name for c in info if c.column_name_from == "generated"]
    if unnamed:
        # fastexcel names only text header cells; a date or number in the header (a sign-in
        # sheet's session dates) is taken from the header row as it is.
        cells = rows[h] if h < len(rows) else _first_rows(book, given, name, place, h, 1)[0]
        renames = {}
        taken = set(df.columns)
        for c in info:
            if c.column_name_from == "generated" and c.index < len(cells) and not _blank(cells[c.index]):
                label = _header_value(cells[c.index])
                if label not in taken:
                    renames[c.name] = label
                    taken.add(label)
        if renames:
            df = df.rename(columns=renames)
            unnamed = [c for c in unnamed if c not in renames]
    lines = np.arange(len(df), dtype=np.int64) + (h + 2)
    df = _tidy(
        df,
        lines,
        [_clean_name(c) for c in unnamed],
        given=given,
        sheet=name,
        word="row",
        notes=notes,
        columns=columns,
        ids=ids,
        dates=dates,
        fill_down=fill_down,
        system1904=system1904,
    )
    return df


def sheet_names(path: str | os.PathLike) -> list[str]:
    """The names of the sheets of a spreadsheet file (.xlsx, .xlsm, .xlsb, .xls, .ods), in order.

    Raises:
        DataFileNotFoundError: the file does not exist.
        ArgumentError: the file is not a spreadsheet.
        InputError: the file could not be read.
    """
    given, full, kind = _resolve(path)
    if kind != "spreadsheet":
        raise ArgumentError(
            f"file '{given}' is not a spreadsheet; sheets are read from {', '.join(_SPREADSHEET_EXTENSIONS)} files"
        )
    return list(_workbook(given, full).sheet_names)


def read_sheets(
    path: str | os.PathLike,
    sheet: Any = None,
    *,
    columns: list | None = None,
    ids: list | None = None,
    dates: list | None = None,
    header: int | None = None,
    fill_down: list | None = None,
) -> dict[str, pd.DataFrame]:
    """Read several sheets of a spreadsheet, each as :func:`read_table` reads one.

    Args:
        path: the spreadsheet file.
        sheet: None (every sheet), a sheet name or 0-based number, or a list of them.
        columns, ids, dates, header, fill_down: as in :func:`read_table`, for every sheet.

    Returns:
        The tables by sheet name, in the order of the workbook (or of ``sheet``); each carries
        ``df.attrs["wijknet"]`` as :func:`read_table` describes.
    """
    given, full, kind = _resolve(path)
    if kind != "spreadsheet":
        raise ArgumentError(
            f"file '{given}' is not a spreadsheet; sheets are read from {', '.join(_SPREADSHEET_EXTENSIONS)} files"
        )
    book = _workbook(given, full)
    names = list(book.sheet_names)
    wanted = names if sheet is None else (list(sheet) if isinstance(sheet, (list, tuple)) else [sheet])
    system1904 = _uses_1904(full)
    out = {}
    for s in wanted:
        name = _sheet_name(given, names, s)
        out[name] = _read_one_sheet(
            book,
            given,
            full,
            name,
            columns=columns,
            ids=ids,
            dates=dates,
            header=header,
            fill_down=fill_down,
            notes=[],
            system1904=system1904,
        )
    return out


# --------------------------------------------------------------------------------------------
# Any table file
# --------------------------------------------------------------------------------------------


def _names_list(value: Any, arg: str) -> list | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        return list(value)
    except TypeError:
        raise ArgumentError(f"{arg}= must be a column name or a list of them") from None


def _read_options(ids: Any, dates: Any, fill_down: Any, header: Any) -> tuple:
    """The options :func:`read_table` and :func:`read_table_pieces` share, checked: ``ids``,
    ``dates`` and ``fill_down`` as lists of names (or None); ``header`` a 0-based row number
    or None."""
    names = _names_list(ids, "ids"), _names_list(dates, "dates"), _names_list(fill_down, "fill_down")
    if header is not None and (
        isinstance(header, bool) or not isinstance(header, (int, np.integer)) or header < 0
    ):
        raise ArgumentError(f"header={header!r}: give the 0-based number of the header row, e.g. header=2")
    return names


def _parquet_options(sheet: Any, header: Any, fill_down: Any) -> None:
    """Refuses the options that a Parquet file (read as it is) has no use for."""
    if sheet is not None or header is not None or fill_down:
        raise ArgumentError(
            "sheet=, header= and fill_down= apply to spreadsheets and text files, not Parquet"
        )


def _read_as_is(given: str, lines: Any) -> dict:
    """The ``attrs["wijknet"]`` of a table read as it is (Parquet): nothing dropped or filled,
    no notes; ``lines``: the rows' numbers, or None."""
    return {
        "source": given,
        "sheet": None,
        "lines": lines,
        "notes": [],
        "empty_rows_dropped": 0,
        "empty_columns_dropped": 0,
        "filled_down": 0,
        "blanks_under_values": [],
    }


def read_table(
    path: str | os.PathLike,
    *,
    columns: list | None = None,
    ids: list | None = None,
    dates: list | None = None,
    sep: str | None = None,
    sheet: Any = None,
    header: int | None = None,
    encoding: str | None = None,
    fill_down: list | None = None,
) -> pd.DataFrame:
    """Read a CSV/TSV/TXT (optionally gzipped), spreadsheet or Parquet file into a pandas
    DataFrame.

    Text files: the separator of ``.csv`` and ``.txt`` files is sniffed (comma, semicolon,
    tab or vertical bar) unless ``sep`` is given; ``.tsv`` files are tab-separated. A UTF-8
    byte-order mark is never kept in a column name. A file that is not valid UTF-8 is read as
    Windows Western European (cp1252), with a note; ``encoding`` overrides. Text files are
    read with Arrow's CSV reader (pyarrow), which leaves text as Arrow-backed strings; a column
    named in ``dates`` whose every value is an ISO date (``YYYY-MM-DD``) becomes a datetime64
    column, any other stays text. A file whose header has an empty or repeated name is read
    with pandas' readers instead, and one Arrow cannot parse (lines with more cells than the
    header, for one) with pandas' C engine, whose error names the line.

    Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods) are read with fastexcel: ``sheet`` (a name
    or 0-based number; the first sheet by default). Date cells become datetime64 columns;
    numbers in a column named in ``dates`` are read as Excel day numbers (the workbook's 1900
    or 1904 date system), with a note.

    Text files and spreadsheets alike: the header is the first row (among the first 30) that
    holds every name in ``columns``, ``ids`` and ``dates``; without names, the first row with
    as many filled cells as the fullest row; ``header`` (0-based) says it. Rows above it are
    skipped, empty rows and empty unnamed columns dropped, and a second table or totals row
    below the first is left out; all are counted and described in ``df.attrs["wijknet"]``:
    ``{"source", "sheet", "lines"`` (the original 1-based line or row of each data row),
    ``"notes", "empty_rows_dropped", "empty_columns_dropped", "filled_down",
    "blanks_under_values"}`` (id columns with empty cells under values, as merged cells
    export). Parquet files are read as they are (``lines`` is None).

    Args:
        path: the file.
        columns: read only these columns (each must exist).
        ids: id columns: read as text, so "0012" stays "0012"; a column of plain whole
            numbers becomes int64.
        dates: date columns (text files: ISO dates become datetime64; spreadsheets: Excel day
            numbers become dates).
        sep: the column separator of a text file (None: sniffed).
        sheet: the sheet of a spreadsheet (None: the first).
        header: the 0-based row (line) of the header (None: found).
        encoding: the text encoding of a text file (None: UTF-8, else cp1252).
        fill_down: columns whose empty cells take the value above (merged cells).

    Raises:
        DataFileNotFoundError: the file does not exist (with a close name if one exists).
        ArgumentError: an unsupported file extension, an unknown sheet.
        ColumnNotFoundError: a named column is not in the file.
        InputError: the file could not be parsed.
    """
    columns = _names_list(columns, "columns")
    ids, dates, fill_down = _read_options(ids, dates, fill_down, header)
    given, full, kind = _resolve(path)
    if kind == "parquet":
        _parquet_options(sheet, header, fill_down)
        df = _read_parquet(given, full, columns)
        df.attrs["wijknet"] = _read_as_is(given, None)
        return df
    if kind == "spreadsheet":
        if sep is not None or encoding is not None:
            raise ArgumentError(f"sep= and encoding= apply to text files; file '{given}' is a spreadsheet")
        book = _workbook(given, full)
        names = list(book.sheet_names)
        name = _sheet_name(given, names, sheet)
        notes: list = []
        if sheet is None and len(names) > 1:
            notes.append(
                f"file '{given}' has {_n(len(names), 'sheet')} ({', '.join(repr(n) for n in names)}); "
                f"the first, '{name}', was read — give sheet= to read another"
            )
        return _read_one_sheet(
            book,
            given,
            full,
            name,
            columns=columns,
            ids=ids,
            dates=dates,
            header=header,
            fill_down=fill_down,
            notes=notes,
            system1904=_uses_1904(full),
        )
    if sheet is not None:
        raise ArgumentError(f"sheet= applies to spreadsheets; file '{given}' is a text file")
    return _read_text(
        given,
        full,
        kind,
        columns=columns,
        ids=ids,
        dates=dates,
        sep=sep,
        header=header,
        encoding=encoding,
        fill_down=fill_down,
    )


def _read_parquet(given: str, full: str, cols: list | None) -> pd.DataFrame:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ArgumentError(
            f"file '{given}' is a Parquet file, and reading Parquet needs the package pyarrow, "
            "which is not installed; install it: pip install pyarrow"
        ) from None
    try:
        names = list(pq.read_schema(full).names) if not os.path.isdir(full) else None
    except Exception as e:
        raise InputError(f"file '{given}' could not be read as Parquet: {e}") from None
    if cols is not None and names is not None:
        _missing_columns(cols, names, "table", given)
    try:
        table = pq.read_table(full, columns=cols)
    except Exception as e:
        raise InputError(f"file '{given}' could not be read as Parquet: {e}") from None
    return table.to_pandas(date_as_object=False)


# --------------------------------------------------------------------------------------------
# Large files, piece by piece
# --------------------------------------------------------------------------------------------


class ReadAgain(Exception):  # noqa: N818 (a signal, not an error)
    """Arrow's reader could not read a later piece of a text file as it read the first (a
    column whose type changes further down, text that is not UTF-8, a line it cannot parse):
    the file is to be read again, whole, by the readers that handle it."""


def _arrow_pieces(
    given: str,
    full: str,
    encoding: str,
    sep: str,
    skip: int,
    text: dict,
    typed: list,
    notes: list,
    *,
    columns: list | None,
    ids: list | None,
    dates: list | None,
    progress: Any,
) -> Any:
    """The pieces of a text file read by Arrow's CSV reader block by block (about
    ``_CHUNK_BYTES`` bytes, cut at the end of a line), each read and tidied as
    :func:`_read_arrow` and :func:`_tidy` read the whole file, its rows numbered by their line
    in the file. The first piece carries the notes
    about the file's head. Raises :class:`ReadAgain` where the reader fails."""
    import gzip

    import pyarrow as pa
    import pyarrow.csv as pcsv

    wanted = {_clean_name(name) for name in typed}
    code = encoding.replace("-", "").replace("_", "").lower()
    if code not in _ASCII_ENCODINGS:
        raise ReadAgain  # (a line is not cut at its newline byte)
    arrow_encoding = "utf8" if code in ("utf8", "utf8sig") else encoding
    parse = pcsv.ParseOptions(delimiter=sep, ignore_empty_lines=False)
    types: dict = {n: pa.large_string() for name in text for n in (name, _clean_name(name))}
    total = os.path.getsize(full)
    first = True
    offset = 0
    names: list = []
    with open(full, "rb") as raw, gzip.open(raw, "rb") if full.lower().endswith(".gz") else raw as f:
        for block in _row_blocks(f, _CHUNK_BYTES):
            try:
                # Each block is read on its own (Arrow's streaming reader reads ahead of the
                # pieces taken, up to the whole file); later blocks with the first one's
                # column names and types.
                table = pcsv.read_csv(
                    pa.py_buffer(block),
                    read_options=pcsv.ReadOptions(
                        skip_rows=skip if first else 0,
                        column_names=None if first else names,
                        encoding=arrow_encoding,
                    ),
                    parse_options=parse,
                    convert_options=pcsv.ConvertOptions(
                        null_values=list(_NA_TEXT), strings_can_be_null=True, column_types=types
                    ),
                )
            except Exception:
                raise ReadAgain from None
            del block
            if first:
                names = table.column_names
                if "" in names or len(set(names)) != len(names):
                    raise ReadAgain
                types = {
                    f.name: pa.large_string() if pa.types.is_null(f.type) else f.type for f in table.schema
                }
            for i, field in enumerate(table.schema):
                if pa.types.is_null(field.type):  # an empty column: floats, as pandas reads it
                    table = table.set_column(i, field.name, table.column(i).cast(pa.float64()))
                elif _clean_name(field.name) in wanted and pa.types.is_date(field.type):
                    table = table.set_column(i, field.name, table.column(i).cast(pa.timestamp("s")))
            df = table.to_pandas()
            del table
            lines = np.arange(len(df), dtype=np.int64) + (skip + 2 + offset)
            offset += len(df)
            df = _tidy(
                df,
                lines,
                [],
                given=given,
                sheet=None,
                word="line",
                notes=notes if first else [],
                columns=columns,
                ids=ids,
                dates=dates,
                fill_down=None,
                system1904=False,
                whole_ids=False,
            )
            if progress is not None:
                progress(min(raw.tell(), total), total)
            yield df
            first = False
        if first:
            raise ReadAgain  # (an empty file: read whole, as before)


#: Encodings in which a newline is the byte ``\n`` and no character holds that byte.
_ASCII_ENCODINGS = frozenset(
    {"utf8", "utf8sig", "cp1252", "windows1252", "latin1", "iso88591", "iso885915", "ascii", "cp1250"}
)


def _row_blocks(f: Any, size: int) -> Any:
    """The bytes of a text file in blocks of about ``size`` bytes, each ending at the end of a
    line that is not inside a quoted cell (an even number of ``"`` before it)."""
    carry = b""
    while True:
        data = f.read(size)
        if not data:
            if carry:
                yield carry
            return
        data = carry + data if carry else data
        end = data.rfind(b"\n")
        if data.find(b'"') >= 0:  # (most registers quote nothing)
            while end >= 0 and data.count(b'"', 0, end) % 2:
                end = data.rfind(b"\n", 0, end)
        if end < 0:
            carry = data
            continue
        carry = data[end + 1 :]
        yield memoryview(data)[: end + 1]


def _parquet_pieces(given: str, full: str, progress: Any, needed: list | None) -> Any:
    """The pieces of a Parquet file: batches of at most ``_CHUNK_ROWS`` rows (a row group at
    most), read as :func:`_read_parquet` reads the whole file, but only the ``needed``
    columns when the file has them all; rows are numbered across pieces."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        # (column chunk by column chunk, not a whole row group at once)
        f = pq.ParquetFile(full, pre_buffer=False, buffer_size=1 << 20)
    except Exception as e:
        raise InputError(f"file '{given}' could not be read as Parquet: {e}") from None
    with f:
        total = f.metadata.num_rows
        done = 0
        names = f.schema_arrow.names
        cols = list(dict.fromkeys(needed)) if needed and all(c in names for c in needed) else None
        batches = f.iter_batches(batch_size=_CHUNK_ROWS, columns=cols)
        categories: dict = {}
        while True:
            try:
                batch = next(batches, None)
            except Exception as e:
                raise InputError(f"file '{given}' could not be read as Parquet: {e}") from None
            if batch is None:
                if done:
                    return
                table = f.schema_arrow.empty_table()
                if cols is not None:
                    table = table.select(cols)
            else:
                table = pa.Table.from_batches([batch])
            del batch
            df = _pieces_to_pandas(table, categories)
            del table
            df.attrs["wijknet"] = _read_as_is(
                given, _Lines.of(np.arange(done, done + len(df), dtype=np.int64))
            )
            done += len(df)
            if progress is not None:
                progress(done, total)
            yield df
            if not done:
                return


def _pieces_to_pandas(table: Any, categories: dict) -> pd.DataFrame:
    """``table.to_pandas()`` for one piece of a file, its dictionary columns (pandas
    categoricals) on the categories of every piece so far: those of the first piece, then
    each later dictionary's new values in their order (the categories a whole read gets, as
    Arrow unifies the dictionaries of a column's chunks), so that a category's code is the same
    in every piece. Made once while the dictionary stays the same: converting a large
    dictionary (tens of thousands of activity names) again for every piece would cost more
    than reading the piece. ``categories`` keeps, per column, the last dictionary, the pandas
    dtype and where each of the dictionary's values is among the categories (None: the same
    place). The values are those of ``to_pandas``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    names = table.column_names
    coded = [i for i, f in enumerate(table.schema) if pa.types.is_dictionary(f.type)]
    if not coded or len(set(names)) != len(names):
        return table.to_pandas(date_as_object=False)
    columns = {}
    for i in coded:
        name = names[i]
        col = table.column(i).combine_chunks()
        known = categories.get(name)
        if known is None or not known[0].equals(col.dictionary):
            dtype = pa.table({name: col.slice(0, 0)}).to_pandas()[name].dtype
            place = None
            if known is not None:
                before = known[1].categories
                new = dtype.categories
                unified = before.append(new[~new.isin(before)])
                dtype = pd.CategoricalDtype(unified, ordered=known[1].ordered)
                place = unified.get_indexer(new)
                if np.array_equal(place, np.arange(len(new))):
                    place = None
            known = categories[name] = (col.dictionary, dtype, place)
        codes = pc.fill_null(col.indices, -1).to_numpy(zero_copy_only=False)
        if known[2] is not None:
            codes = np.where(codes >= 0, known[2][np.maximum(codes, 0)], -1)
        columns[i] = pd.Categorical.from_codes(codes, dtype=known[1])
    df = table.drop_columns([names[i] for i in coded]).to_pandas(date_as_object=False)
    for i in coded:
        df.insert(i, names[i], columns[i])
    return df


def read_table_pieces(
    path: str | os.PathLike,
    *,
    ids: list | None = None,
    dates: list | None = None,
    sep: str | None = None,
    sheet: Any = None,
    header: int | None = None,
    encoding: str | None = None,
    fill_down: list | None = None,
    progress: Any = None,
    needed: list | None = None,
) -> tuple[str, Any]:
    """A register file as pieces: ``(kind, iterator of DataFrames)``, ``kind`` being
    "parquet", "text" or "spreadsheet".

    Each piece is a table as :func:`read_table` reads a file, ``attrs["wijknet"]`` included,
    its ``lines`` numbering the rows across pieces, except that text id columns of whole
    numbers stay text (whether a column is all whole numbers is known once every piece is
    read). A Parquet file is read in batches of ``_CHUNK_ROWS`` rows, a text file that Arrow's
    reader reads in blocks of ``_CHUNK_BYTES`` bytes (iterating may then raise
    :class:`ReadAgain`); a spreadsheet, a folder of Parquet files, a text file with
    ``fill_down`` or a header Arrow does not read is one piece, as :func:`read_table` reads
    it. ``progress(done, total)`` is called after each piece (rows of a Parquet file, bytes of
    a text file). ``needed``: the columns used; a Parquet file that has them all is read
    without its other columns.
    """
    ids, dates, fill_down = _read_options(ids, dates, fill_down, header)
    given, full, kind = _resolve(path)
    if kind == "parquet" and not os.path.isdir(full):
        _parquet_options(sheet, header, fill_down)
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            pass  # read_table says what to install
        else:
            return "parquet", _parquet_pieces(given, full, progress, needed)
    if kind not in ("parquet", "spreadsheet") and sheet is None:
        found = _read_text(
            given,
            full,
            kind,
            columns=None,
            ids=ids,
            dates=dates,
            sep=sep,
            header=header,
            encoding=encoding,
            fill_down=fill_down,
            pieces=True,
            progress=progress,
        )
        if not isinstance(found, pd.DataFrame):
            return "text", found
        return "text", iter([found])
    whole = read_table(
        path,
        ids=ids,
        dates=dates,
        sep=sep,
        sheet=sheet,
        header=header,
        encoding=encoding,
        fill_down=fill_down,
    )
    return ("parquet" if kind == "parquet" else "spreadsheet"), iter([whole])
