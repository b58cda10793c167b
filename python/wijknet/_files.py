"""Reading register files (private): CSV, TSV and Parquet into a table for the ingestion
functions, with errors that name the file and the fix."""

from __future__ import annotations

import io
import os

import pandas as pd

from ._errors import (
    ArgumentError,
    DataFileNotFoundError,
    InputError,
)
from ._tables import _CSV_EXTENSIONS, _close_match, _missing_column

_PARQUET_EXTENSIONS = (".parquet", ".pq")
#: File extensions :func:`read_table` reads.
TABLE_EXTENSIONS = _CSV_EXTENSIONS + _PARQUET_EXTENSIONS


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


_SEPARATORS = (",", ";", "\t", "|")
_SEP_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def _head_text(full: str, size: int = 65_536) -> tuple[str, str]:
    """The first bytes of a text file (gzip read through) as text, and the encoding to read
    it with: ``utf-8-sig`` when it starts with a byte-order mark, so the mark never becomes
    part of the first column's name."""
    import gzip

    opener = gzip.open if full.lower().endswith(".gz") else open
    with opener(full, "rb") as f:
        raw = f.read(size)
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    return raw.decode(encoding, errors="replace"), encoding


def sniff_separator(text: str) -> str | None:
    """The column separator of a delimited text, among comma, semicolon, tab and vertical bar:
    the one that splits the header and the next lines (up to 20) into the same number of
    fields (at least two), the most fields winning; None when no separator fits.

    >>> sniff_separator("naam;activiteit;datum\\nEve;dans;07-03-2025\\n")
    ';'
    >>> sniff_separator("resident,activity\\nann,dance\\n")
    ','
    """
    import csv
    import io

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


def read_table(
    path: str | os.PathLike,
    *,
    columns: list | None = None,
    ids: list | None = None,
    sep: str | None = None,
) -> pd.DataFrame:
    """Read a CSV/TSV/TXT (optionally gzipped) or Parquet file into a pandas DataFrame.

    Types are inferred by pandas; empty fields are missing values. The separator of ``.csv``
    and ``.txt`` files is sniffed (comma, semicolon, tab or vertical bar; :func:`sniff_separator`)
    unless ``sep`` is given; ``.tsv`` files are tab-separated. A UTF-8 byte-order mark is never
    kept in a column name. CSV uses pandas' pyarrow engine when available, falling back to the
    C engine.

    Args:
        path: the file.
        columns: read only these columns (each must exist).
        sep: the column separator (None: sniffed).

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

    if sep is not None and (not isinstance(sep, str) or len(sep) != 1):
        raise ArgumentError(f"sep={sep!r}: give the one character between columns, e.g. ';' or '\\t'")
    head, encoding = _head_text(full)
    if sep is None:
        sep = "\t" if kind == "tsv" else (sniff_separator(head) or ",")
    options: dict = {"sep": sep, "keep_default_na": True, "encoding": encoding}
    names = list(pd.read_csv(io.StringIO(head.split("\n", 1)[0] + "\n"), sep=sep, nrows=0).columns)
    for c in [*(cols or ()), *(ids or ())]:
        if c not in names:
            raise _missing_column(c, names, "table", given, separator=_SEP_NAMES.get(sep, repr(sep)))
    if cols is not None:
        options["usecols"] = cols
    if ids:
        # Id columns are read as text, so "0012" stays "0012" (not the number 12); a column
        # whose every value is a plain integer ("12", "-3") becomes int64 afterwards.
        options["dtype"] = {c: str for c in ids}
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
