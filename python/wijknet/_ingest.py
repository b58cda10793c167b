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
import hashlib
import hmac
import os
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import _names
from . import _wijknet as _native
from ._dates import DATE_UNITS, _check_date_unit, _date_column
from ._errors import (
    ArgumentError,
    ColumnNotFoundError,
    InputError,
    NodeNotFoundError,
    WijknetError,
)
from ._files import TABLE_EXTENSIONS, read_table, sniff_separator
from ._problems import Problems, problem
from ._tables import Ids, _factorize_ids, _missing_column, _n, _short, _Table, _Where

__all__ = [
    "AttendanceColumns",
    "AttributeColumns",
    "attendance_columns",
    "attribute_columns",
    "read_table",
    "sniff_separator",
    "pseudonymise_ids",
    "EdgeColumns",
    "edge_columns",
    "DATE_UNITS",
    "ROLES",
    "TABLE_EXTENSIONS",
]


#: Canonical roles, in code order (0, 1, 2).
ROLES: tuple[str, ...] = tuple(_native.ROLES)  # the canonical roles, defined in the core
_ROLE_CODE: dict[str, int] = dict(_native.ROLE_CODES)  # every accepted name, aliases included


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class AttendanceColumns:
    """The columns of an attendance table, ready for the Rust core.

    Codes index the matching id lists (``resident_ids[resident_codes[i]]`` is row ``i``'s
    resident); ids are in first-seen order. ``date`` counts ``date_unit`` since 1970-01-01.
    ``role`` is 0 participant, 1 volunteer, 2 organiser. ``notes`` lists, in words, anything
    that was changed on the way in; ``read`` counts it (``ids_cleaned``, ``ids_merged``).
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
    read: dict = dataclasses.field(default_factory=dict)

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
        raise problem(
            "unknown_role",
            name,
            f"column {name!r} has {_n(len(labels), 'role label')} wijknet does not know: "
            f"{shown} (the first at {where.row(row)})",
            "the roles are 'participant', 'volunteer' and 'organiser': map each label to one "
            f"of them, e.g. roles={{{example}}}",
            mask=np.isin(codes, unknown),
            examples=labels,
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
    dayfirst: bool | None = None,
    date_format: str | None = None,
    locale: str | None = None,
    roles: Mapping | None = None,
    source: str | os.PathLike | None = None,
    redact: bool = False,
    clean_ids: bool | str = True,
    merge: Any = None,
    arrow_ids: bool = False,
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
        dayfirst: how numeric text dates such as "07-03-2025" are read: True day first,
            False month first, None decided from the dates (ambiguous columns are refused).
        date_format: a strftime format every text date must match, e.g. "%d-%m-%Y".
        locale: "nl" or "en" to read month names of one language only (None: both).
        source: the file the table came from, for messages ("file 'x.csv', line 17 (row 15)").
        redact: leave id values out of error messages (pseudonymised imports).
        clean_ids: True strips stray spaces from text ids (resident, activity, session),
            False keeps them as given, "case" also merges ids differing only in letter case.
        merge: the user's merges of residents: a dict {variant: id to keep} or an edited
            ``suggest_merges`` table (see :func:`wijknet._names.apply_merges`).
        arrow_ids: Arrow-backed text ids are checked but not interned (with
            ``clean_ids=False`` and no ``merge``: for the native builder, which interns them):
            their codes are the rows (0, 1, 2, ...) and their ids the text of each row, a
            ``pyarrow.Array``.

    Returns:
        :class:`AttendanceColumns`.

    Raises:
        ColumnNotFoundError: a named column is missing (with a close match if any).
        InputError: empty table, missing/empty ids, mixed id types, bad/missing/out-of-range
            dates, unknown role labels; the message names column, row and fix.
        ArgumentError: invalid ``date_unit``/``roles``/``origin``/``dayfirst``/``date_format``/
            ``locale``, numbers as dates without ``date_unit``, the same column passed twice.
    """
    _check_date_unit(date_unit)
    clean_ids = _names.check_clean_ids(clean_ids, "from_attendance")
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
    if date is None:
        given = [
            k
            for k, v in {
                "date_unit": date_unit,
                "origin": origin,
                "dayfirst": dayfirst,
                "date_format": date_format,
                "locale": locale,
            }.items()
            if v is not None
        ]
        if given:
            raise ArgumentError(
                f"{'= and '.join(given)}= need{'s' if len(given) == 1 else ''} date=, the name of "
                "the column holding dates"
            )

    table = _Table(data, "attendance table", source)
    empty_msg = (
        "the attendance table is empty (0 rows); pass a table with one row per resident per activity attended"
    )
    if table.n_rows == 0 and not table.names:
        raise InputError(empty_msg)
    # Every problem of the table is collected before raising: a column that is missing or
    # holds bad values is recorded, and the other columns are still checked.
    problems = Problems("attendance table", table.source)
    present = {}
    for col, arg in seen.items():
        try:
            table.check(col)
            present[arg] = col
        except ColumnNotFoundError as e:
            problems.record(e)
    if table.n_rows == 0:
        problems.raise_if_any()
        raise InputError(empty_msg)

    where = table.where()
    notes: list = []

    def checked(arg: str, convert: Any) -> Any:
        """The converted column, or None after recording its problems."""
        if arg not in present:
            return None
        try:
            return convert()
        except InputError as e:
            kind = {"date": "bad_date", "role": "unknown_role"}.get(arg, "bad_id")
            problems.record(e, present[arg], kind)
            return None

    # The resident column (most distinct ids) is interned on a second thread while this one
    # does the activity and date columns: pandas' factorize of Arrow-backed text and of
    # numbers releases the GIL, so large tables build in about the time of the slowest column.
    pool = _worker() if table.n_rows >= _PARALLEL_ROWS and "resident" in present else None
    r_future = None
    if pool is not None:
        r_future = pool.submit(
            _factorize_ids, table.column(resident), resident, where, "resident", redact, notes, arrow_ids
        )
        r_done = None
    else:
        r_done = checked(
            "resident",
            lambda: _factorize_ids(
                table.column(resident), resident, where, "resident", redact, notes, arrow_ids
            ),
        )
    try:
        a_done = checked(
            "activity",
            lambda: _factorize_ids(
                table.column(activity), activity, where, "activity", redact, notes, arrow_ids
            ),
        )
        d_done = checked(
            "date",
            lambda: _date_column(
                table.column(date),
                date,
                where,
                date_unit,
                origin,
                notes,
                dayfirst=dayfirst,
                date_format=date_format,
                locale=locale,
            ),
        )
    finally:
        # The resident column's problems, if any, come first (it is the first column).
        if r_future is not None:
            try:
                r_done = r_future.result()
            except InputError as e:
                later, problems.items = problems.items, []  # the first column's problems first
                problems.record(e, resident, "bad_id")
                problems.items += later
    s_done = checked(
        "session",
        lambda: _factorize_ids(table.column(session), session, where, "session", redact, notes, arrow_ids),
    )
    role_values = checked("role", lambda: _role_column(table.column(role), role, where, roles, notes))
    problems.raise_if_any(where)
    assert r_done is not None and a_done is not None
    r_codes, r_ids = r_done
    a_codes, a_ids = a_done
    d_values, unit = d_done if d_done is not None else (None, date_unit or "D")
    s_codes, s_ids = s_done if s_done is not None else (None, None)
    # Text ids cleaned of stray spaces (and merged where the user asked), on distinct values.
    cleaned = merged = 0
    for arg, (codes, ids) in (
        ("resident", (r_codes, r_ids)),
        ("activity", (a_codes, a_ids)),
        ("session", (s_codes, s_ids)),
    ):
        if codes is None:
            continue
        codes, ids, n_clean, n_merged = _names.clean_ids(
            codes, ids, mode=clean_ids, column=arg, redact=redact, notes=notes
        )
        if arg == "resident" and merge is not None:
            codes, ids, n_asked = _names.apply_merges(
                codes, ids, merge, mode=clean_ids, column=arg, redact=redact, notes=notes
            )
            n_merged += n_asked
        cleaned += n_clean
        merged += n_merged
        if arg == "resident":
            r_codes, r_ids = codes, ids
        elif arg == "activity":
            a_codes, a_ids = codes, ids
        else:
            s_codes, s_ids = codes, ids
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
        read={"ids_cleaned": cleaned, "ids_merged": merged},
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
