"""The wijknet exception tree.

Every error wijknet raises is a :class:`WijknetError`. Each subclass also subclasses the
builtin exception a Python user would expect, so ``except KeyError`` keeps working::

    WijknetError
    ├── InputError            (ValueError)       bad values in an input table
    ├── ColumnNotFoundError   (KeyError)         a named column is missing
    ├── NodeNotFoundError     (KeyError)         an id that is not in the network
    ├── ArgumentError         (ValueError)       an argument with an invalid value
    ├── DataFileNotFoundError (FileNotFoundError) an input file is missing
    ├── BudgetExceededError   (MemoryError)      a projection would be too large
    └── SerializationError    (ValueError)       unreadable pickled/serialized data

Messages say what went wrong, where (file, row, column) and how to fix it.
"""

from __future__ import annotations

import re
from typing import Any

from ._texts import shown

#: a word (a run without spaces) longer than this is shortened in messages
_WORD_MAX = 200
#: a message longer than this is cut
_MESSAGE_MAX = 10_000


def _shorten(message: str) -> str:
    """A message as it is shown: every word of more than 200 characters (a huge id or value
    quoted in it) shortened to its first 40 characters and its length, and the whole cut at
    10,000 characters. An id of a megabyte never fills a screen or a log."""
    if len(message) <= _WORD_MAX:
        return message
    words = re.split(r"(\s+)", message)
    out = "".join(w if len(w) <= _WORD_MAX else shown(w) for w in words)
    return out if len(out) <= _MESSAGE_MAX else out[:_MESSAGE_MAX] + "… (message shortened)"


class WijknetError(Exception):
    """Base class of every error raised by wijknet.

    A message quotes ids and values shortened: a word of more than 200 characters shows its
    first 40 and its length.

    Examples
    --------
    >>> import wijknet as wn
    >>> str(wn.NodeNotFoundError("resident '" + "x" * 1000 + "' is not in the network"))
    "resident 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1,002 characters) is not in the network"
    """

    def __init__(self, *args: Any) -> None:
        if args and isinstance(args[0], str):
            args = (_shorten(args[0]), *args[1:])
        super().__init__(*args)


class _Problems:
    """``err.problems``: what was wrong with an input table, as a table."""

    @property
    def problems(self) -> Any:
        """Every problem found in the input, one row per kind of problem and column.

        A pandas DataFrame with the columns ``kind`` (a stable code such as
        ``"empty_date"``), ``column``, ``count`` (rows affected), ``rows`` (the first few
        0-based data rows), ``places`` (where those rows are in the file: "line 17", "sheet
        'Blad1', row 17"), ``examples`` (the first few values), ``message`` and ``fix``.

        Examples
        --------
        >>> import wijknet as wn
        >>> try:
        ...     wn.Network.from_attendance({"resident": ["ann", None], "activity": ["dance", "dance"]})
        ... except wn.InputError as err:
        ...     print(err.problems[["kind", "column", "count"]].to_string(index=False))
             kind   column  count
         empty_id resident      1
        """
        import pandas as pd

        items = self.__dict__.get("_problems") or []
        columns = ["kind", "column", "count", "rows", "places", "examples", "message", "fix"]
        if not items:
            return pd.DataFrame([["bad_value", None, 0, [], [], [], str(self), ""]], columns=columns)
        return pd.DataFrame(
            [[p.kind, p.column, p.count, p.rows, p.places, p.examples, p.message, p.fix] for p in items],
            columns=columns,
        )


class InputError(_Problems, WijknetError, ValueError):
    """An input table holds an invalid value (null id, bad date, unknown role, ...); every
    problem found is in :attr:`problems`."""


class ColumnNotFoundError(_Problems, WijknetError, KeyError):
    """A column named in the call is not in the table; every problem found in the table
    (this and others) is in :attr:`problems`."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class NodeNotFoundError(WijknetError, KeyError):
    """An id (resident, activity, node) is not in the network or graph."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ArgumentError(WijknetError, ValueError):
    """An argument has an invalid value."""


class DataFileNotFoundError(WijknetError, FileNotFoundError):
    """An input file does not exist."""


class BudgetExceededError(MemoryError, WijknetError):
    """A projection would create more resident pairs than the pair budget allows."""

    # MemoryError comes first so that MemoryError.__new__ is this class's own constructor:
    # pickling that rebuilds an error with ``cls.__new__(cls)`` (tblib, which Dask's
    # distributed installs for every exception class) then works as for the other errors.


class SerializationError(WijknetError, ValueError):
    """Serialized (pickled) wijknet data could not be read."""


__all__ = [
    "WijknetError",
    "InputError",
    "ColumnNotFoundError",
    "NodeNotFoundError",
    "ArgumentError",
    "DataFileNotFoundError",
    "BudgetExceededError",
    "SerializationError",
]
