"""An attendance register built piece by piece (private): each piece of a file (a batch of a
Parquet file, a block of a text file) is checked and turned into codes as
``Network.from_attendance`` checks a whole table, then handed to the native builder, which
keeps one growing dictionary per id column and three small numbers per row. What can only be
decided once every piece is read is decided on the distinct ids at the end: whether a text id
column is all whole numbers, the cleaning of stray spaces (and letter case), the merges the
user asked for and pseudonyms. A small file is one piece, read the same way.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from . import _ingest, _names
from . import _wijknet as _native
from ._errors import InputError
from ._files import ReadAgain
from ._problems import Problems
from ._tables import _n

__all__ = ["build", "merge_notes"]

#: A note whose count adds up over pieces: (pattern, how the note is written again).
_ROLE_NOTE = re.compile(r"(\d+) rows? without a role \(column (.*)\) (?:was|were) treated as participant")
_EMPTY_NOTE = re.compile(
    r"(.*): (\d+) empty (line|row)s? (?:was|were) dropped \(the first is (?:line|row) (\d+)\)"
)


def merge_notes(notes: Iterable[str]) -> list[str]:
    """The notes of all pieces as one table's notes: a note repeated by later pieces once,
    counts of rows without a role and of empty lines added up (the first line kept)."""
    out: list[str] = []
    seen: set[str] = set()
    roles: dict[str, tuple[int, int]] = {}  # column: (place in out, rows)
    empty: dict[tuple[str, str], tuple[int, int, str]] = {}  # (place, word): (at, rows, first)
    for note in notes:
        m = _ROLE_NOTE.fullmatch(note)
        if m:
            column = m.group(2)
            if column in roles:
                at, rows = roles[column]
                rows += int(m.group(1))
                roles[column] = (at, rows)
                out[at] = (
                    f"{_n(rows, 'row')} without a role (column {column}) {'was' if rows == 1 else 'were'} treated as participant"
                )
                continue
            roles[column] = (len(out), int(m.group(1)))
        m = _EMPTY_NOTE.fullmatch(note)
        if m:
            key = (m.group(1), m.group(3))
            if key in empty:
                at, rows, first = empty[key]
                rows += int(m.group(2))
                empty[key] = (at, rows, first)
                word = m.group(3)
                out[at] = (
                    f"{key[0]}: {_n(rows, 'empty ' + word)} {'was' if rows == 1 else 'were'} dropped "
                    f"(the first is {word} {first})"
                )
                continue
            empty[key] = (len(out), int(m.group(2)), m.group(4))
        if note in seen:
            continue
        seen.add(note)
        out.append(note)
    return out


def _read_meta(metas: list[dict]) -> dict:
    """The ``attrs["wijknet"]`` of all pieces as one table's."""
    first = metas[0] if metas else {}
    return {
        "source": first.get("source"),
        "notes": merge_notes(n for m in metas for n in m.get("notes", ())),
        "empty_rows_dropped": sum(int(m.get("empty_rows_dropped", 0)) for m in metas),
        "empty_columns_dropped": min((int(m.get("empty_columns_dropped", 0)) for m in metas), default=0),
        "filled_down": sum(int(m.get("filled_down", 0)) for m in metas),
        "blanks_under_values": list(
            dict.fromkeys(c for m in metas for c in m.get("blanks_under_values", ()))
        ),
    }


def _text_dates(s: pd.Series) -> bool:
    """Whether a date column holds text (or Python objects) rather than dates or numbers."""
    return s.dtype == object or pd.api.types.is_string_dtype(s.dtype)


@contextlib.contextmanager
def _returned_memory() -> Iterator[Callable[[], None]]:
    """While a file is read piece by piece: Arrow's buffers come from a pool that gives freed
    memory back to the system at once (jemalloc, where Arrow has it; the default pool keeps
    it for reuse, and a million-row piece leaves a few hundred megabytes behind). Yields a
    function that hands memory freed by the last piece back (Arrow's pool, and the C
    library's heap where it is glibc's)."""
    try:
        import pyarrow as pa
    except ImportError:  # (a spreadsheet read without pyarrow)
        yield lambda: None
        return
    before = pa.default_memory_pool()
    pool = None
    try:
        pool = pa.jemalloc_memory_pool()
        pa.jemalloc_set_decay_ms(0)
    except (NotImplementedError, AttributeError, pa.ArrowException):
        pool = None
    trim = _malloc_trim()

    def release() -> None:
        pa.default_memory_pool().release_unused()
        if trim is not None:
            trim(0)

    if pool is not None:
        pa.set_memory_pool(pool)
    try:
        yield release
    finally:
        if pool is not None:
            pa.set_memory_pool(before)


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (gives the heap's free memory back to the system), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def _native_ids(ids: Any) -> Any:
    """A piece's distinct ids for the builder: a list of str and an int64 array as they are,
    an Arrow text array as its ``(offsets, text)`` buffers (no Python string per id)."""
    if isinstance(ids, (list, np.ndarray)):
        return ids
    import pyarrow as pa

    if not pa.types.is_large_string(ids.type):
        ids = ids.cast(pa.large_string())
    _, offsets, data = ids.buffers()
    start = ids.offset
    offsets = np.frombuffer(offsets, dtype=np.int64)[start : start + len(ids) + 1]
    return (offsets, np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8))


def build(
    pieces: Iterable[pd.DataFrame],
    *,
    whole_ids: bool,
    duplicates: str = "count",
    pseudonymise: str | bytes | None = None,
    clean_ids: bool | str = True,
    merge: Any = None,
    file_meta: list | None = None,
    **columns: Any,
) -> tuple[Any, list, dict]:
    """The native network of an attendance table given in pieces, its notes and its read
    counts (``ids_cleaned``, ``ids_merged``); ``whole_ids``: text id columns of plain whole
    numbers become numbers (a text file or a spreadsheet). ``columns``: the keywords of
    :func:`wijknet._ingest.attendance_columns` that name and read the columns (``resident``,
    ``activity``, ``date``, ``session``, ``role``, ``date_unit``, ``origin``, ``dayfirst``,
    ``date_format``, ``locale``, ``roles``, ``source``); each piece is checked with them.
    ``file_meta`` receives each piece's ``attrs["wijknet"]`` as it is read. Raises what
    ``Network.from_attendance`` raises, for the first piece with a problem."""
    clean_ids = _names.check_clean_ids(clean_ids, "from_attendance")
    redact = pseudonymise is not None
    # cleaning, merges and pseudonyms are done on the distinct ids once every piece is read
    options = {**columns, "redact": redact, "clean_ids": False, "arrow_ids": True}
    date, session, source = columns.get("date"), columns.get("session"), columns.get("source")
    problems = Problems("attendance table", source)
    ranked: dict[str, Any] = {}
    with _returned_memory() as release:
        builder, notes, empty, first_error = _push_pieces(
            pieces, options, date, file_meta, problems, release, ranked
        )
    if first_error is not None:
        again = any(p.__dict__.get("_again") for p in problems.items)
        if not again and len(problems.items) <= len(first_error.__dict__.get("_problems") or []):
            raise first_error
        problems.raise_if_any()
    if builder is None:  # every piece empty: the ingestion says so (or names missing columns)
        _ingest.attendance_columns(empty if empty is not None else pd.DataFrame(), **options)
        raise AssertionError("unreachable: an empty table is refused")
    notes = merge_notes(notes)
    _ids_in_category_order(builder, ranked)
    return _finish(builder, notes, whole_ids, session, clean_ids, merge, redact, pseudonymise, duplicates)


def _pusher() -> Any:
    """A one-thread executor for the core's part of each piece (created on first use)."""
    if not _PUSHER:
        from concurrent.futures import ThreadPoolExecutor

        _PUSHER.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="wijknet-pieces"))
    return _PUSHER[0]


_PUSHER: list = []


def _add_problems(problems: Problems, found: list) -> None:
    """The problems of one piece added to those of the pieces before. A kind of problem that an
    earlier piece already had keeps its first rows, examples and count (a count may be of rows
    or of distinct values, so counts of pieces do not add up), and its message says that later
    parts of the file have it too."""
    seen = {(q.kind, q.column): q for q in problems.items}
    for p in found:
        q = seen.get((p.kind, p.column))
        if q is None:
            problems.items.append(p)
            seen[(p.kind, p.column)] = p
        elif q.count and not q.__dict__.get("_again"):
            q.__dict__["_again"] = True
            q.message += (
                " (counted in the first part of the file that has it; later parts of the file have it too)"
            )


def _push_pieces(
    pieces: Iterable[pd.DataFrame],
    options: dict,
    date: Any,
    file_meta: list | None,
    problems: Problems,
    release: Callable[[], None],
    ranked: dict[str, Any],
) -> tuple[Any, list, Any, InputError | None]:
    """Each piece checked and handed to the builder: (builder, notes, an empty piece, the
    first error). After an error the pieces are only checked, their problems collected in
    ``problems``. ``ranked`` receives the categories of the id columns that are categoricals
    (see :func:`_category_ranks`)."""
    builder = None
    empty = None
    first_error: InputError | None = None
    notes: list = []
    pushing: Any = None
    for index, df in enumerate(pieces):
        if index and date is not None and date in df.columns and _text_dates(df[date]):
            # Text dates are read with what the whole column says (day or month first): a
            # file of several pieces with text dates is read whole.
            raise ReadAgain
        meta = df.attrs.get("wijknet")
        if file_meta is not None and meta is not None:
            file_meta.append({k: v for k, v in meta.items() if k != "lines"})
        if len(df) == 0:
            empty = df  # an empty piece: the table is empty only if every piece is
            continue
        try:
            cols = _ingest.attendance_columns(df, **options)
        except InputError as e:
            # The later pieces are still checked, so that every problem is reported at once.
            carried = e.__dict__.get("_problems") or []
            if first_error is None:
                first_error = e
            _add_problems(problems, carried)
            if not carried or any(p.kind == "missing_column" for p in carried):
                break  # a column is missing: every piece says so
            continue
        if first_error is not None:
            continue
        ranks = _category_ranks(df, options, cols, ranked, first=builder is None)
        del df
        if builder is None:
            builder = _native.StreamBuilder(cols.date is not None, cols.session_codes is not None)
        if pushing is not None:
            pushing.result()  # (the pieces go in one after the other)
            release()
        # The core takes the piece on another thread while this one reads the next piece.
        pushing = _pusher().submit(
            builder.push,
            cols.resident_codes,
            ranks.get("resident", _native_ids(cols.resident_ids)),
            cols.activity_codes,
            ranks.get("activity", _native_ids(cols.activity_ids)),
            cols.date,
            cols.date_unit if cols.date is not None else None,
            cols.session_codes,
            None if cols.session_ids is None else ranks.get("session", _native_ids(cols.session_ids)),
            cols.role,
        )
        notes.extend(cols.notes)
        del cols
    if pushing is not None:
        pushing.result()
        release()
    return builder, notes, empty, first_error


_ID_COLUMNS = ("resident", "activity", "session")


def _category_ranks(df: pd.DataFrame, options: dict, cols: Any, ranked: dict, *, first: bool) -> dict:
    """The ids of a piece's categorical id columns as their places among the column's
    categories (an int64 array per column), to be handed to the builder instead of the ids.

    A whole table's categorical column gives its ids in category order (the used categories
    only); read in pieces, each piece would give its own used categories first, so that the
    order of residents or activities would depend on where the pieces are cut. The pieces of a
    file share their categories (each later one extends those before, see
    :func:`wijknet._files._pieces_to_pandas`), so a category's place is the same in every
    piece; once every piece is in, :func:`_ids_in_category_order` puts the ids in that order
    and back to their values. ``ranked`` keeps each such column's categories (of the latest
    piece). A file whose pieces do not share their categories is read whole
    (:class:`ReadAgain`)."""
    out = {}
    for arg in _ID_COLUMNS:
        name = options.get(arg)
        if name is None or name not in df.columns:
            continue
        s = df[name]
        categorical = isinstance(s.dtype, pd.CategoricalDtype)
        if first:
            if categorical:
                ranked[arg] = s.dtype.categories
        elif categorical != (arg in ranked):
            raise ReadAgain  # (a column categorical in some pieces only)
        if not categorical:
            continue
        categories, before = s.dtype.categories, ranked[arg]
        if categories is not before and not (
            len(categories) >= len(before) and categories[: len(before)].equals(before)
        ):
            raise ReadAgain  # (the categories of a later piece do not extend the first's)
        ranked[arg] = categories
        # The piece's ids are its used categories in category order (see
        # wijknet._tables._factorize_ids): their places are the used codes, ascending.
        codes = np.asarray(s.array.codes)
        used = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(categories)))
        if len(used) != len(getattr(cols, f"{arg}_ids")):
            raise ReadAgain
        out[arg] = used.astype(np.int64)
    return out


def _ids_in_category_order(builder: Any, ranked: dict) -> None:
    """The ids of each categorical id column (given to the builder as their places among the
    categories, see :func:`_category_ranks`) put in category order and back to their values,
    as a whole table's categorical column gives them."""
    from ._tables import _factorize_ids, _Where

    for arg, categories in ranked.items():
        ranks = np.asarray(builder.ids(arg), dtype=np.int64)
        order = np.argsort(ranks, kind="stable")
        values = pd.Series(pd.Categorical.from_codes(ranks[order], categories=categories))
        _, ids = _factorize_ids(values, arg, _Where(), arg, True, [])
        remap = None
        if not np.array_equal(order, np.arange(len(order))):
            remap = np.empty(len(order), dtype=np.uint32)
            remap[order] = np.arange(len(order), dtype=np.uint32)
        builder.replace_ids(arg, _native_ids(ids), remap)


def _finish(
    builder: Any,
    notes: list,
    whole_ids: bool,
    session: Any,
    clean_ids: bool | str,
    merge: Any,
    redact: bool,
    pseudonymise: Any,
    duplicates: str,
) -> tuple[Any, list, dict]:
    """What is decided once every piece is read, on the distinct ids (whole numbers,
    cleaning, merges, pseudonyms), and the register built."""
    cleaned = merged = 0
    for arg in ("resident", "activity") + (("session",) if session is not None else ()):
        if whole_ids:
            builder.numbers_from_text(arg)
        asked = arg == "resident" and merge is not None
        if not (asked or clean_ids == "case" or (clean_ids is True and builder.may_need_cleaning(arg))):
            continue  # (the ids are not fetched: a million of them take room)
        ids = builder.ids(arg)
        codes = np.arange(len(ids), dtype=np.uint32)
        rows = builder.id_rows(arg) if clean_ids == "case" and isinstance(ids, list) else None
        new_codes, new_ids, n_clean, n_merged = _names.clean_ids(
            codes, ids, mode=clean_ids, column=arg, redact=redact, notes=notes, rows=rows
        )
        if asked:
            new_codes, new_ids, n_asked = _names.apply_merges(
                new_codes, new_ids, merge, mode=clean_ids, column=arg, redact=redact, notes=notes
            )
            n_merged += n_asked
        cleaned += n_clean
        merged += n_merged
        if new_ids is not ids:
            builder.replace_ids(arg, new_ids, np.asarray(new_codes, dtype=np.uint32))
    if pseudonymise is not None:
        builder.replace_ids("resident", _ingest.pseudonymise_ids(builder.ids("resident"), pseudonymise))
    native = builder.finish(duplicates)
    return native, notes, {"ids_cleaned": cleaned, "ids_merged": merged}


def file_notes(metas: list[dict]) -> dict:
    """The file's read report from the pieces' ``attrs["wijknet"]`` (see :func:`build`)."""
    return _read_meta(metas)
