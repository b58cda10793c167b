"""Reading user tables (private): column access for pandas, polars and pyarrow tables and
dicts of columns, row locations for messages, and id factorization; the base of the
ingestion modules."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from ._errors import (
    ArgumentError,
    ColumnNotFoundError,
    InputError,
)
from ._problems import problem

#: Ids as given: all strings (a list) or all integers (an int64 array).
Ids: TypeAlias = list | np.ndarray


_CSV_EXTENSIONS = (".csv", ".csv.gz", ".tsv", ".tsv.gz", ".txt")

_I64_MAX = np.iinfo(np.int64).max
_U32_MAX = np.iinfo(np.uint32).max


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
    """Turns 0-based row positions into "file 'x.csv', line 17" or "file 'x.xlsx', sheet
    'Blad1', row 17" and the like.

    ``lines`` holds the original 1-based line (text file) or row (spreadsheet, as the
    spreadsheet program shows it) of each data row, so places stay right after title rows and
    empty rows were skipped; ``sheet`` is the spreadsheet's sheet. Without ``lines`` a text
    file's data row r is taken to be on line r + 2 (the header on line 1)."""

    def __init__(
        self,
        source: Any = None,
        index: pd.Index | None = None,
        *,
        lines: np.ndarray | None = None,
        sheet: str | None = None,
    ) -> None:
        self.source = None if source is None else os.fspath(source)
        self.text = self.source is not None and _is_text_file(self.source)
        self.lines = None if lines is None else np.asarray(lines, dtype=np.int64)
        self.sheet = sheet
        # Mention a pandas index label only when it differs from the position.
        self.index = None if index is None or isinstance(index, pd.RangeIndex) else index

    def row(self, r: int, *, label: bool = True) -> str:
        r = int(r)
        known = self.lines is not None and 0 <= r < len(self.lines)
        if self.source is None:
            text = f"row {r}"
        elif self.sheet is not None:
            number = int(self.lines[r]) if known else r + 2  # type: ignore[index]
            text = f"file '{self.source}', sheet '{self.sheet}', row {number}"
        elif known:
            word = "line" if self.text else "row"
            text = f"file '{self.source}', {word} {int(self.lines[r])}"  # type: ignore[index]
        elif self.text:
            text = f"file '{self.source}', line {r + 2} (row {r})"
        else:
            text = f"file '{self.source}', row {r}"
        if label and self.index is not None:
            text += f" (index {_short(self.index[r], 30)})"
        return text

    def place(self, r: int) -> str:
        """Where data row ``r`` is, without the file: "line 17", "sheet 'Blad1', row 17",
        "row 15"."""
        r = int(r)
        known = self.lines is not None and 0 <= r < len(self.lines)
        number = int(self.lines[r]) if known else None  # type: ignore[index]
        if self.sheet is not None:
            return f"sheet '{self.sheet}', row {number if number is not None else r + 2}"
        if self.source is not None and self.text:
            return f"line {number if number is not None else r + 2}"
        return f"row {number if number is not None else r}"

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


def _missing_column(
    name: Any, names: list, what: str, source: str | None = None, separator: str | None = None
) -> ColumnNotFoundError:
    where = f"the {what}" if source is None else f"file '{source}'"
    if separator is not None:
        where += f" (read with a {separator} between columns)"
    if names:
        shown = ", ".join(repr(c) for c in names[:30])
        if len(names) > 30:
            shown += f", ... ({len(names)} in all)"
    else:
        shown = "(none)"
    msg = f"column {name!r} is not in {where}; columns are: {shown}"
    hit = _close_match(name, names)
    fix = ""
    if hit is not None:
        fix = f"did you mean {hit!r}?"
    elif separator is not None and len(names) == 1:
        fix = "if the file separates its columns differently, give the separator: sep=';' (command line: --sep ';')"
    else:
        fix = "name one of the columns above"
    e = problem("missing_column", name, msg, fix, error=ColumnNotFoundError)
    assert isinstance(e, ColumnNotFoundError)
    return e


def _missing_columns(
    needed: Any,
    names: list,
    what: str,
    source: str | None = None,
    separator: str | None = None,
    extra: str = "",
) -> None:
    """Raise one error naming every column of ``needed`` that is not in ``names`` (each with
    its own fix; ``extra`` is added to a fix that has no close name to offer)."""
    from ._problems import Problems

    problems = Problems(what, source)
    for c in dict.fromkeys(needed):
        if c not in names:
            e = _missing_column(c, names, what, source, separator)
            if extra:
                for p in e.__dict__.get("_problems", ()):
                    if not p.fix.startswith("did you mean"):
                        p.fix = f"{p.fix}; {extra}" if p.fix else extra
            problems.record(e)
    if len(problems.items) == 1:
        only = problems.items[0]
        e = ColumnNotFoundError(only.text())
        e.__dict__["_problems"] = [only]
        raise e
    problems.raise_if_any()


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
        self.lines: np.ndarray | None = None
        self.sheet: str | None = None
        mod = _type_module(data)
        if isinstance(data, pd.DataFrame):
            self.kind = "pandas"
            self.names = list(data.columns)
            self.n_rows = len(data)
            self.index = data.index
            self._read_from_file(data)
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

    def _read_from_file(self, data: pd.DataFrame) -> None:
        """The file, sheet and original line of each row of a table read by ``read_table``
        (``data.attrs["wijknet"]``), looked up by index label so they stay right after the
        table was filtered or sorted."""
        meta = data.attrs.get("wijknet")
        if not isinstance(meta, Mapping) or meta.get("lines") is None:
            return
        if self.source is None and meta.get("source") is not None:
            self.source = os.fspath(meta["source"])
        lines = np.asarray(meta["lines"])
        index = data.index
        if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
            labels = None if len(index) <= len(lines) else np.asarray(index)
        else:
            labels = np.asarray(index)
        if labels is None:
            self.lines = lines[: len(index)]
            self.sheet = meta.get("sheet")
            self.index = None
        elif labels.dtype.kind in "iu" and (
            labels.size == 0 or (labels.min() >= 0 and labels.max() < len(lines))
        ):
            self.lines = lines[labels]
            self.sheet = meta.get("sheet")
            self.index = None

    def where(self) -> _Where:
        return _Where(self.source, self.index, lines=self.lines, sheet=self.sheet)

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


def _id_error(kind: str, name: Any, text: str) -> InputError:
    """One id problem; ``text`` is "what is wrong; the fix"."""
    message, _, fix = text.partition("; ")
    e = problem(kind, name, message, fix)
    assert isinstance(e, InputError)
    return e


def _factorize_ids(
    s: pd.Series, name: Any, where: _Where, what: str, redact: bool, notes: list, arrow: bool = False
) -> tuple[np.ndarray, Ids]:
    """Factorize an id column (first-seen order; a categorical: category order) and check it;
    returns (uint32 codes, ids). ``arrow``: Arrow-backed text is checked but not interned, for
    the register builder: the codes are the rows (0, 1, 2, ...) and the ids the text of each
    row, an Arrow array (no Python string per id)."""
    dtype = s.dtype
    fix_type = f"convert the column to one type, e.g. df[{name!r}] = df[{name!r}].astype(str)"
    if pd.api.types.is_bool_dtype(dtype):
        raise _id_error(
            "bad_id",
            name,
            f"column {name!r} holds booleans (True/False), which cannot be {what} ids; "
            f"use text or whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)",
        )
    if (
        pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_timedelta64_dtype(dtype)
        or isinstance(dtype, (pd.PeriodDtype, pd.IntervalDtype))
    ):
        raise _id_error(
            "bad_id",
            name,
            f"column {name!r} holds {dtype} values, which cannot be {what} ids; "
            f"use text or whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)",
        )

    arrow_ids, arrow = arrow, _arrow_text(s)
    if arrow is not None and arrow_ids:
        # For the register builder: the text of each row, checked but not interned (the
        # core interns each row straight into its dictionary of the whole file); the codes
        # are the rows themselves.
        rows, null, spaces = _arrow_text_rows(arrow)
        if null is not None:
            raise _empty_ids(null, spaces, name, where, what)
        return np.arange(len(rows), dtype=np.uint32), rows
    if arrow is not None:
        # Arrow-backed text (a CSV read by wijknet, pandas' default text): interned by Arrow,
        # without a Python string per row.
        codes, text_ids, blank = _encode_arrow_text(arrow)
        null = codes < 0
        if blank.size:
            null |= np.isin(codes, blank)
        if null.any():
            texts = [text_ids[k] for k in blank.tolist()]
            raise _empty_ids(null, any(t != "" for t in texts), name, where, what)
        return _codes(codes, len(text_ids), name, what), text_ids

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

    null = codes < 0
    spaces = False
    if u.dtype.kind in "OU":
        # text that is empty or only spaces (tabs, non-breaking spaces, ...) is no id
        blank = np.flatnonzero(np.fromiter((isinstance(v, str) and not v.strip() for v in u), bool, len(u)))
        if blank.size:
            null |= np.isin(codes, blank)
            spaces = any(u[k] != "" for k in blank)
    if null.any():
        raise _empty_ids(null, spaces, name, where, what)

    kind = u.dtype.kind
    if kind == "O" or kind == "U" or kind == "S":
        inferred = pd.api.types.infer_dtype(u, skipna=False)
        if inferred == "string":
            if kind == "U":
                return _codes(codes, len(u), name, what), u.astype(object).tolist()
            return _codes(codes, len(u), name, what), u.tolist()
        if inferred == "integer":
            try:
                ids = u.astype(np.int64)
            except OverflowError:
                raise _id_error(
                    "bad_id",
                    name,
                    f"column {name!r} holds whole numbers too large for an id (beyond 2**63); "
                    f"use text ids, e.g. df[{name!r}] = df[{name!r}].astype(str)",
                ) from None
            return _codes(codes, len(u), name, what), ids
        if inferred in ("floating", "mixed-integer-float"):
            return _codes(codes, len(u), name, what), _float_ids(
                u.astype(np.float64), codes, name, where, what, redact, notes
            )
        if inferred == "boolean":
            raise _id_error(
                "bad_id",
                name,
                f"column {name!r} holds booleans (True/False), which cannot be {what} ids; "
                f"use text or whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)",
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
                raise _id_error(
                    "mixed_id_types", name, f"column {name!r} mixes {k0} and {kk} ids: {detail}; {fix_type}"
                )
        raise _id_error(
            "bad_id",
            name,  # a single unsupported type (bytes, tuples, ...)
            f"column {name!r} holds {k0} values, which cannot be {what} ids; use text or whole "
            f"numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)",
        )
    if kind == "i":
        return _codes(codes, len(u), name, what), u.astype(np.int64, copy=False)
    if kind == "u":
        if u.size and int(u.max()) > _I64_MAX:
            raise _id_error(
                "bad_id",
                name,
                f"column {name!r} holds whole numbers too large for an id (beyond 2**63); "
                f"use text ids, e.g. df[{name!r}] = df[{name!r}].astype(str)",
            )
        return _codes(codes, len(u), name, what), u.astype(np.int64)
    if kind == "f":
        ids = _float_ids(u, codes, name, where, what, redact, notes)
        return _codes(codes, len(u), name, what), ids
    if kind == "b":
        raise _id_error(
            "bad_id",
            name,
            f"column {name!r} holds booleans (True/False), which cannot be {what} ids; "
            f"use text or whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)",
        )
    raise _id_error(
        "bad_id",
        name,
        f"column {name!r} holds {u.dtype} values, which cannot be {what} ids; use text or "
        f"whole numbers, e.g. df[{name!r}] = df[{name!r}].astype(str)",
    )


def _empty_ids(null: np.ndarray, spaces: bool, name: Any, where: _Where, what: str) -> InputError:
    """The problem of rows without an id (``spaces``: some ids are only spaces)."""
    _, text = where.rows(null, f"no {what} id" + (" (empty or only spaces)" if spaces else ""))
    e = problem(
        "empty_id",
        name,
        f"column {name!r} has {text}",
        f"every row needs {'an' if what[0] in 'aeiou' else 'a'} {what} id: fill these rows or drop them, e.g. "
        f"df = df.dropna(subset=[{name!r}])",
        mask=null,
    )
    assert isinstance(e, InputError)
    return e


def _arrow_text(s: pd.Series) -> Any:
    """The Arrow array (a ``pyarrow.ChunkedArray``) holding an Arrow-backed text column, or
    None for any other column."""
    dtype = s.dtype
    if isinstance(dtype, pd.StringDtype):
        arrow = getattr(dtype, "storage", None) == "pyarrow"
    else:
        arrow_dtype = getattr(pd, "ArrowDtype", None)
        arrow = (
            arrow_dtype is not None
            and isinstance(dtype, arrow_dtype)
            and str(dtype.pyarrow_dtype) in ("string", "large_string")
        )
    if not arrow:
        return None
    import pyarrow as pa

    values = s.array.__arrow_array__()
    return values if isinstance(values, pa.ChunkedArray) else pa.chunked_array([values])


def _encode_arrow_text(values: Any) -> tuple[np.ndarray, list, np.ndarray]:
    """Intern Arrow text: (int64 codes in first-seen order, -1 where missing; the distinct
    texts; the positions among them of texts that are empty or only spaces)."""
    import pyarrow.compute as pc

    if len(values) == 0:
        return np.zeros(0, np.int64), [], np.zeros(0, np.int64)
    encoded = values.dictionary_encode().combine_chunks()
    indices = encoded.indices
    if indices.null_count:
        indices = pc.fill_null(indices, -1)
    codes = np.asarray(indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    dictionary = encoded.dictionary
    # Only a text that is empty or starts with a control character, a space or a non-ASCII
    # character can be blank; those few are checked one by one.
    first = pc.utf8_slice_codeunits(dictionary, 0, 1)
    maybe = pc.or_(pc.less_equal(first, " "), pc.greater(first, "~"))
    candidates = np.flatnonzero(np.asarray(maybe.to_numpy(zero_copy_only=False), dtype=bool))
    ids = dictionary.to_pylist()
    blank = np.array([k for k in candidates.tolist() if not ids[k].strip()], dtype=np.int64)
    return codes, ids, blank


def _arrow_text_rows(values: Any) -> tuple[Any, np.ndarray | None, bool]:
    """Arrow text checked row by row without interning it: (the text of each row as one
    ``large_string`` array; the rows without an id, missing, empty or only spaces, or None
    when every row has one; whether one of those rows holds spaces). As in
    :func:`_encode_arrow_text`, only a text that is empty or starts with a control character,
    a space or a non-ASCII character can be blank: the distinct ones of those are checked."""
    import pyarrow as pa

    rows = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    if not pa.types.is_large_string(rows.type):
        rows = rows.cast(pa.large_string())
    n = len(rows)
    _, offsets, data = rows.buffers()
    if n == 0 or offsets is None:
        return rows, None, False
    ends = np.frombuffer(offsets, dtype=np.int64)[rows.offset : rows.offset + n + 1]
    text = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    starts = ends[:-1]
    filled = ends[1:] > starts
    first = np.zeros(n, np.uint8)  # (an empty text reads as 0: a candidate)
    first[filled] = text[starts[filled]]
    maybe = (first <= 0x20) | (first > 0x7E)
    null = np.zeros(n, bool) if rows.null_count else None
    if null is not None:
        null |= np.asarray(rows.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        maybe &= ~null
    spaces = False
    at = np.flatnonzero(maybe)
    if at.size:
        encoded = rows.take(pa.array(at)).dictionary_encode()
        texts = encoded.dictionary.to_pylist()
        blank = [k for k, t in enumerate(texts) if not t.strip()]
        if blank:
            codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
            if null is None:
                null = np.zeros(n, bool)
            null[at[np.isin(codes, blank)]] = True
            spaces = any(texts[k] != "" for k in blank)
    return rows, (null if null is not None and null.any() else None), spaces


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
        raise _id_error(
            "bad_id",
            name,
            f"column {name!r} holds a number that is not whole at "
            f"{where.row(row, label=not redact)}{shown}; {what} ids must be text or whole "
            f"numbers: round them, or use text, e.g. df[{name!r}] = df[{name!r}].astype(str)",
        )
    notes.append(f"column {name!r} held whole numbers stored as decimals; they were read as integer ids")
    return u.astype(np.int64)
