"""Node attributes as groups: one value per node of a Graph (or resident of a Network's view),
from an attribute name or a pandas Series indexed by id, and their category codes. Shared by
wn.ego, wn.mixing and wn.by_group."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _args
from ._errors import ArgumentError, ColumnNotFoundError, NodeNotFoundError

#: label of the group of nodes without a value (by_group)
MISSING = "(missing)"


def node_values(obj: Any, attribute: Any, fn: str) -> tuple[pd.Series, str]:
    """(values aligned with the nodes, a name) of an attribute of a Graph's nodes or a
    Network view's residents: a column name or a Series indexed by id (ids it leaves out get
    a missing value)."""
    from .graph import Graph

    if isinstance(obj, Graph):
        nodes, what, owner = obj.nodes, "node", "graph"
        fix = (
            "Add resident attributes with net.with_resident_attributes(df) before projecting, or pass "
            "a pandas Series indexed by node id"
        )
        hint = "index it by node id (see g.nodes)"
    else:  # a Network
        nodes, what, owner = obj.residents, "resident", "network"
        fix = "Add them with net.with_resident_attributes(df), or pass a pandas Series indexed by resident id"
        hint = "index it by resident id (see net.residents)"
    if isinstance(attribute, str):
        table = obj.node_attributes() if isinstance(obj, Graph) else obj.resident_attributes()
        if attribute not in table.columns:
            have = ", ".join(repr(c) for c in table.columns) or "none"
            raise ColumnNotFoundError(
                f"{fn}(attribute={attribute!r}): the {owner} has no {what} attribute {attribute!r} "
                f"(it has: {have}). {fix}"
            )
        values = table[attribute].reindex(nodes) if owner == "network" else table[attribute]
        return values, attribute
    if isinstance(attribute, pd.Series):
        if not attribute.index.is_unique:
            dup = attribute.index[attribute.index.duplicated()][:3].tolist()
            raise ArgumentError(
                f"{fn}(attribute=...): the Series' index repeats ids, e.g. {dup!r}; give one value per {what}"
            )
        if len(attribute) and len(nodes) and not nodes.isin(attribute.index).any():
            raise NodeNotFoundError(
                f"{fn}(attribute=...): none of the Series' index values is a {what} of the {owner} "
                f"(e.g. {attribute.index[0]!r}); {hint}"
            )
        name = str(attribute.name) if attribute.name is not None else "attribute"
        return attribute.reindex(nodes), name
    raise ArgumentError(
        f"{fn}(attribute=...) takes a {what} attribute name or a pandas Series indexed by {what} id, "
        f"not {type(attribute).__name__}"
    )


def factorize(
    values: pd.Series, name: str, fn: str, note: str, stacklevel: int = 0, *, warn: bool = True
) -> tuple[np.ndarray, pd.Index]:
    """(int32 codes with -1 for missing, the categories sorted where possible). Warns, with
    ``note`` saying what happens to them, when some values are missing (``stacklevel`` is
    unused: the warning finds the user's line itself). ``warn=False`` where the result shows
    the missing values itself (a group of their own)."""
    try:
        codes, cats = pd.factorize(values, sort=True)
    except TypeError:  # values that do not sort (mixed types): first-seen order
        codes, cats = pd.factorize(values, sort=False)
    missing = int((codes < 0).sum())
    if missing and warn:
        # the warning points at the user's line however deep inside the package it is raised
        _args.warn(f"{fn}: {missing} of {len(codes)} nodes have no value for {name!r}; {note}")
    return codes.astype(np.int32), pd.Index(cats, name=name)
