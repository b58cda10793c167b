"""The protocol every wijknet result object shares (private).

A result object has ``to_frame()`` (its content as a pandas DataFrame, or with ``backend=`` a
polars DataFrame or a pyarrow Table), the Arrow PyCapsule stream ``__arrow_c_stream__`` (so
``polars.DataFrame(result)``, ``pyarrow.table(result)`` and DuckDB read it), a rounded
``__repr__`` (one line, or a small table) and ``_repr_html_`` for notebooks, with thousands
separators and sensible rounding. Subclass :class:`Result` and implement ``_frame()`` (the
table as pandas); override ``_title()`` for the heading and ``_line()`` for a one-line repr.
"""

from __future__ import annotations

import html
import math
import numbers
import os
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import pandas as pd

from . import _frames

if TYPE_CHECKING:  # pragma: no cover
    import polars
    import pyarrow


def format_number(x: Any, digits: int = 4) -> str:
    """A number for people: integers with thousands separators (``12,345``), floats rounded to
    ``digits`` significant digits (at least 2 decimals kept for values below 1000, none dropped
    below 1e-4 where scientific notation reads better), NaN as ``–``."""
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return "–"
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, numbers.Integral):
        return f"{int(x):,}"
    if isinstance(x, numbers.Real):
        v = float(x)
        if math.isinf(v):
            return "∞" if v > 0 else "−∞"
        if v == int(v) and abs(v) < 1e15:
            return f"{int(v):,}"
        a = abs(v)
        if a < 1e-4:
            return f"{v:.{max(digits - 1, 1)}e}"
        if a >= 10**digits:
            return f"{v:,.0f}"
        decimals = max(digits - 1 - int(math.floor(math.log10(a))), 0)
        return f"{v:,.{decimals}f}"
    return str(x)


def format_frame(df: pd.DataFrame, digits: int = 4) -> pd.DataFrame:
    """``df`` with every numeric cell formatted by :func:`format_number` (as strings)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_numeric_dtype(out[col].dtype) and not pd.api.types.is_bool_dtype(out[col].dtype):
            out[col] = [format_number(v, digits) for v in out[col].tolist()]
    return out


class Result:
    """Base of wijknet's result objects: implement :meth:`_frame`."""

    def _frame(self) -> pd.DataFrame:  # pragma: no cover - abstract
        """The result as a pandas DataFrame (what ``to_frame()`` converts)."""
        raise NotImplementedError

    @overload
    def to_frame(self, *, backend: Literal["pandas"] = "pandas") -> pd.DataFrame: ...
    @overload
    def to_frame(self, *, backend: Literal["polars"]) -> polars.DataFrame: ...
    @overload
    def to_frame(self, *, backend: Literal["pyarrow"]) -> pyarrow.Table: ...
    def to_frame(self, *, backend: _frames.Backend = "pandas") -> Any:
        """The result as a table: a pandas DataFrame, or a polars DataFrame or pyarrow Table.

        Parameters
        ----------
        backend
            ``"pandas"`` (the default), ``"polars"`` or ``"pyarrow"``: the table library. polars
            and pyarrow tables have no index, so the pandas index becomes the leading column(s),
            named as the index (``index`` when it has no name; pandas' default 0, 1, 2, ...
            index is left out); NaN in a float column becomes a null. Numeric columns are handed
            over without a copy where the library allows it.

        Returns
        -------
        pandas.DataFrame, polars.DataFrame or pyarrow.Table
            The type follows ``backend`` and nothing else.

        Examples
        --------
        >>> import wijknet as wn
        >>> est = wn.EfficiencyEstimate(value=0.5, stderr=0.01, k=200, seed=7)
        >>> est.to_frame()
           value  stderr    k  seed
        0    0.5    0.01  200     7
        >>> est.to_frame(backend="pyarrow").column_names
        ['value', 'stderr', 'k', 'seed']
        """
        return _frames.convert(self._frame(), backend, f"{type(self).__name__}.to_frame")

    def save(self, path: str | os.PathLike) -> None:
        """Saves the result with everything it holds (tables, arrays, graphs, its seed) to a
        file; :func:`wijknet.load` reads it back.

        The file is in wijknet's versioned format with a checksum, written atomically (a crash
        while saving leaves the old file or none, never half a file); name it ``*.wijknet`` by
        convention.

        Parameters
        ----------
        path
            The file to write (a str or a path); an existing file is replaced.

        Returns
        -------
        None

        Examples
        --------
        >>> import os, tempfile
        >>> import wijknet as wn
        >>> path = os.path.join(tempfile.mkdtemp(), "transitivity-test.wijknet")
        >>> result = wn.null.test(wn.datasets.davis_southern_women(), "transitivity", n=20, seed=1)
        >>> result.save(path)
        >>> again = wn.load(path)
        >>> type(again).__name__, again.seed, bool((again.null == result.null).all())
        ('NullTestResult', 1, True)
        """
        from . import _persist

        _persist.save(self, path)

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The result's table (``to_frame(backend="pyarrow")``) as an Arrow PyCapsule stream:
        ``polars.DataFrame(result)``, ``pyarrow.table(result)`` and DuckDB read it directly."""
        return _frames.arrow_stream(self._frame(), requested_schema)

    def _title(self) -> str:
        return type(self).__name__

    def _line(self) -> str | None:
        """A one-line summary, or None to print the table."""
        return None

    def __repr__(self) -> str:
        line = self._line()
        if line is not None:
            return f"<{self._title()}: {line}>"
        table = format_frame(self._frame()).to_string()
        return f"{self._title()}\n{table}"

    def _repr_html_(self) -> str:
        line = self._line()
        head = html.escape(self._title())
        body = format_frame(self._frame()).to_html(border=0)
        summary = f"<p>{html.escape(line)}</p>" if line is not None else ""
        return f"<div><b>{head}</b>{summary}{body}</div>"
