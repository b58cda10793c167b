"""Small helpers for turning native id columns into pandas objects, and pandas tables into
polars and Arrow ones."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd


def to_index(ids: Any, name: str) -> pd.Index:
    """A pandas Index of ids (a list of str or an int64 array from the native layer)."""
    if isinstance(ids, np.ndarray):
        return pd.Index(ids, name=name, dtype="int64")
    return pd.Index(ids, name=name, dtype=object)


def lookup(index: pd.Index, key: Any, what: str) -> int:
    """Position of `key` in `index`, or NodeNotFoundError naming it."""
    from ._errors import NodeNotFoundError

    try:
        pos = index.get_loc(key)
    except (KeyError, TypeError):
        pos = None
    if not isinstance(pos, (int, np.integer)):
        hint = ""
        if len(index) and isinstance(key, str) != isinstance(index[0], str):
            hint = f" (ids here are {'strings' if isinstance(index[0], str) else 'integers'}, you gave {type(key).__name__})"
        raise NodeNotFoundError(f"{what} {key!r} is not in this network{hint}")
    return int(pos)


def attributes_frame(columns: list, index: pd.Index) -> pd.DataFrame:
    """A DataFrame from native attribute columns (dicts with keys ``name``, ``kind``,
    ``values`` and ``levels``)."""
    data = {}
    for col in columns:
        name, kind, values, levels = col["name"], col["kind"], col["values"], col["levels"]
        if kind == "categorical":
            data[name] = pd.Categorical.from_codes(values, categories=levels)
        elif kind == "bool":
            data[name] = pd.array([None if v < 0 else bool(v) for v in values], dtype="boolean")
        else:
            data[name] = values
    return pd.DataFrame(data, index=index)


def dates_to_datetime(values: np.ndarray, unit: str) -> np.ndarray:
    """int64 counts of `unit` since the epoch → datetime64 (days become datetime64[s])."""
    arr = np.asarray(values, dtype="int64").astype(f"datetime64[{unit}]")
    return arr.astype("datetime64[s]") if unit == "D" else arr


def to_unit(value: Any, unit: str, what: str) -> int | None:
    """A date-like value (str, date, datetime, Timestamp, datetime64) as int64 in `unit`,
    rounded up: a stored date t (the start of its unit) satisfies t >= value exactly when
    t >= the result, and t < value exactly when t < the result (window bounds stay exact)."""
    from ._errors import ArgumentError

    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError) as e:
        raise ArgumentError(f"{what}={value!r} is not a date ({e}); give e.g. '2025-01-31'") from None
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    floor = np.datetime64(ts.to_datetime64(), unit)  # type: ignore[call-overload]
    exact = floor.astype("datetime64[ns]") == ts.to_datetime64().astype("datetime64[ns]")
    return int(floor.astype("int64")) + (0 if exact else 1)


# ---- tables for other libraries: pandas, polars, pyarrow and the Arrow stream ---------------------

BACKENDS = ("pandas", "polars", "pyarrow")
Backend = Literal["pandas", "polars", "pyarrow"]


def _plain_index(index: pd.Index) -> bool:
    """Whether ``index`` is pandas' default 0, 1, 2, ... (unnamed): it carries no data."""
    return isinstance(index, pd.RangeIndex) and index.name is None and index.start == 0 and index.step == 1


def _columns(df: pd.DataFrame) -> tuple[list[str], list[Any]]:
    """Names and pandas columns of ``df`` as a table without an index: the index levels first
    (named as the index; an unnamed level ``index``, or ``level_<i>`` in a MultiIndex, as
    ``DataFrame.reset_index`` names them), then the columns; pandas' default 0, 1, 2, ...
    index is left out."""
    from ._errors import ArgumentError

    names: list[str] = []
    values: list[Any] = []
    index = df.index
    if not _plain_index(index):
        for i, level in enumerate(index.names):
            if level is None:
                level = "index" if index.nlevels == 1 else f"level_{i}"
            names.append(str(level))
            values.append(index.get_level_values(i))
    for j, col in enumerate(df.columns):
        names.append(str(col))
        values.append(df.iloc[:, j])
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ArgumentError(
            f"the table has more than one column named {', '.join(map(repr, repeated))} "
            "(an index level and a column, or two columns); Arrow and polars need distinct names"
        )
    return names, values


def to_arrow(df: pd.DataFrame) -> Any:
    """``df`` as a ``pyarrow.Table``, its index as leading column(s) (:func:`_columns`).

    Numeric columns are not copied: Arrow's buffers point at pandas' own memory. NaN in a float
    column becomes a null (pandas' missing value), as ``pyarrow.Table.from_pandas`` does."""
    pa = _require("pyarrow", "pyarrow")
    names, values = _columns(df)
    arrays = [pa.array(v, from_pandas=True) for v in values]
    return pa.Table.from_arrays(arrays, names=names)


def convert(df: pd.DataFrame, backend: Any, where: str) -> Any:
    """``df`` for the table library ``backend`` names: itself for ``"pandas"``, a
    ``polars.DataFrame`` or a ``pyarrow.Table`` (index as leading columns) otherwise."""
    from ._errors import ArgumentError

    if backend == "pandas" and isinstance(backend, str):
        return df
    if backend == "pyarrow" and isinstance(backend, str):
        return to_arrow(df)
    if backend == "polars" and isinstance(backend, str):
        pl = _require("polars", "polars", where)
        return pl.from_arrow(to_arrow(df), rechunk=False)
    choices = ", ".join(f'"{b}"' for b in BACKENDS)
    raise ArgumentError(f"{where}(backend={backend!r}): backend is one of {choices}")


def arrow_stream(df: pd.DataFrame, requested_schema: Any = None) -> Any:
    """The Arrow PyCapsule stream of ``df`` (as :func:`to_arrow` gives it)."""
    return to_arrow(df).__arrow_c_stream__(requested_schema)


def _require(module: str, package: str, where: str = "") -> Any:
    """Import ``module`` or raise ImportError saying how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as missing:
        who = f"{where}(backend={module!r})" if where else "Arrow output"
        raise ImportError(
            f"{who} needs {package}, which is not installed; install it: pip install {package}"
        ) from missing
