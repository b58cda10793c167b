"""Small helpers for turning native id columns into pandas objects."""

from __future__ import annotations

from typing import Any

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
