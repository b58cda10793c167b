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


class WijknetError(Exception):
    """Base class of every error raised by wijknet."""


class InputError(WijknetError, ValueError):
    """An input table holds an invalid value (null id, bad date, unknown role, ...)."""


class ColumnNotFoundError(WijknetError, KeyError):
    """A column named in the call is not in the table."""

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


class BudgetExceededError(WijknetError, MemoryError):
    """A projection would create more resident pairs than the pair budget allows."""


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
