"""Problems of an input table, collected (private).

Reading a register checks every column before it raises, so a user sees every problem of a
file at once: missing columns, empty ids, mixed id types, unparsable or empty dates, unknown
roles. Each problem has a stable ``kind``, the column, the rows it was found on, a few example
values and one fix. A check that finds a problem either records it in a :class:`Problems`
collector and goes on, or raises :func:`problem` (an :class:`InputError` carrying that one
problem), which the caller records in the collector for that column. At the end
:meth:`Problems.raise_if_any` raises one error listing them all; its ``problems`` attribute
holds them as a table.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._errors import ColumnNotFoundError, InputError, WijknetError

#: How many row locations and example values a problem keeps.
SHOWN = 5

#: The kinds of problems, each with a short plain-language title (for reports).
KINDS: dict[str, str] = {
    "missing_column": "missing column",
    "empty_table": "empty table",
    "duplicate_column": "column name used twice",
    "empty_id": "rows without an id",
    "mixed_id_types": "ids of mixed types",
    "bad_id": "values that cannot be ids",
    "empty_date": "rows without a date",
    "bad_date": "values that are not dates",
    "ambiguous_date": "dates that could be read two ways",
    "date_out_of_range": "dates outside 1900-2200",
    "lost_time": "times finer than the stored resolution",
    "unknown_role": "unknown role labels",
    "bad_mark": "unknown marks",
    "bad_header": "column headers that are neither dates nor sessions",
    "totals": "rows or columns of totals",
    "no_sessions": "sheets without session columns",
    "mixed_sheets": "dated and undated sheets mixed",
    "bad_value": "invalid values",
}


@dataclass
class Problem:
    """One kind of problem in one column."""

    kind: str
    column: Any
    message: str
    fix: str
    rows: list[int] = field(default_factory=list)  # the first few 0-based data rows
    count: int = 0  # rows (or values) affected; 0 when it concerns the column as a whole
    examples: list = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # where the first rows are, as the file shows them

    def text(self) -> str:
        return f"{self.message}; {self.fix}" if self.fix else self.message


def problem(
    kind: str,
    column: Any,
    message: str,
    fix: str = "",
    *,
    mask: np.ndarray | None = None,
    examples: list | None = None,
    error: type[WijknetError] = InputError,
) -> WijknetError:
    """An error carrying one problem; its text is ``message; fix`` as always."""
    p = _make(kind, column, message, fix, mask, examples)
    e = error(p.text())
    e.__dict__["_problems"] = [p]
    return e


def _make(
    kind: str,
    column: Any,
    message: str,
    fix: str,
    mask: np.ndarray | None,
    examples: list | None,
    count: int = 0,
) -> Problem:
    if kind not in KINDS:
        raise AssertionError(f"unknown problem kind {kind!r}")
    rows: list[int] = []
    if mask is not None:
        bad = np.flatnonzero(mask)
        count = int(bad.size)
        rows = [int(r) for r in bad[:SHOWN]]
    return Problem(kind, column, message, fix, rows, count, list(examples or [])[:SHOWN])


class Problems:
    """Collects the problems of one table and raises them together."""

    def __init__(self, what: str, source: Any = None) -> None:
        self.what = what
        self.source = source
        self.items: list[Problem] = []

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(
        self,
        kind: str,
        column: Any,
        message: str,
        fix: str = "",
        *,
        mask: np.ndarray | None = None,
        examples: list | None = None,
        count: int = 0,
    ) -> None:
        """Record a problem and go on checking (``count``: cells or rows affected, when no
        ``mask`` gives them)."""
        self.items.append(_make(kind, column, message, fix, mask, examples, count))

    def record(self, error: WijknetError, column: Any = None, kind: str = "bad_value") -> None:
        """Record the problems an error carries, or its text as one problem of ``kind`` in
        ``column``."""
        carried = error.__dict__.get("_problems")
        if carried:
            self.items.extend(carried)
        else:
            if isinstance(error, ColumnNotFoundError):
                kind = "missing_column"
            self.items.append(Problem(kind, column, str(error), ""))

    def raise_if_any(self, where: Any = None) -> None:
        """Raise one error listing every problem; nothing when there are none. ``where`` (a
        ``_Where``) names the places of the first rows of each problem ("line 17", "sheet
        'Blad1', row 17").

        One problem raises with its own text, as a single check would. Several raise an
        :class:`InputError` (a :class:`ColumnNotFoundError` when a column is missing) whose
        text lists them, numbered, each with its fix.
        """
        if not self.items:
            return
        items = self.items
        if where is not None:
            for p in items:
                if p.rows and not p.places:
                    p.places = [where.place(r) for r in p.rows]
        missing = any(p.kind == "missing_column" for p in items)
        cls: type[WijknetError] = ColumnNotFoundError if missing else InputError
        if len(items) == 1:
            one = items[0]
            text = one.text() if "\n" not in one.message else f"{one.message}\n   fix: {one.fix}"
            if self.source is not None and str(self.source) not in text:
                text = f"file '{self.source}': {text}"
        else:
            where = f"file '{self.source}'" if self.source is not None else f"the {self.what}"
            verb = "have" if self.source is None and self.what.endswith("s") else "has"
            lines = [f"{where} {verb} {len(items)} problems; fix them all, then read it again:"]
            for i, p in enumerate(items, 1):
                lines.append(f"{i}. {p.message}")
                if p.fix:
                    lines.append(f"   fix: {p.fix}")
            text = "\n".join(lines)
        e = cls(text)
        e.__dict__["_problems"] = list(items)
        raise e


def with_fix(
    error: WijknetError, kind: str, columns: Any, extra: str, what: str, source: Any
) -> WijknetError:
    """``error`` again, its ``kind`` problems in ``columns`` given ``extra`` advice after their
    fix (the caller knows more than the check did, e.g. that the file has merged cells)."""
    items = error.__dict__.get("_problems")
    if not items or not any(p.kind == kind and p.column in columns for p in items):
        return error
    collector = Problems(what, source)
    for p in items:
        if p.kind == kind and p.column in columns:
            p = dataclasses.replace(p, fix=f"{p.fix}; {extra}" if p.fix else extra)
        collector.items.append(p)
    try:
        collector.raise_if_any()
    except WijknetError as amended:
        return amended
    return error
