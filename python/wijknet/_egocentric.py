"""Egocentric survey data (private): the ego / alter / alter–alter tables of an egocentric
survey read into one :class:`~wijknet.Graph` (public as :func:`wijknet.ego.from_egocentric`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _args, _ingest
from . import _wijknet as _native
from ._errors import ArgumentError, ColumnNotFoundError, InputError
from .graph import Graph


def from_egocentric(
    egos: Any,
    alters: Any,
    *,
    alter_ties: Any = None,
    ego: str = "ego",
    alter: str = "alter",
    person: str | None = None,
    source: str = "source",
    target: str = "target",
    weight: str | None = None,
) -> Graph:
    """Egocentric survey data (egor's ego / alter / alter–alter tables) as one undirected
    :class:`~wijknet.Graph`, so every ego measure runs on it.

    Each ego (a respondent) names alters; alters are numbered per ego (alter "1" of ego A is
    not alter "1" of ego B) unless ``person`` gives a shared id (e.g. the resident id of an
    alter who is in the attendance register), which joins ego networks that name the same
    person. Anonymous alters get the node id ``"<ego>/<alter>"`` (all ids are then text).

    Parameters
    ----------
    egos
        One row per ego: the ``ego`` id and ego attributes (e.g. age group).
    alters
        One row per (ego, alter): ``ego``, ``alter``, optional ``person`` and ``weight``, and
        alter attributes (columns shared with ``egos``, such as "gender", become one node
        attribute).
    alter_ties
        Optional ties among one ego's alters, as ego reported them: ``ego``, ``source``,
        ``target`` (alter ids of that ego), optional ``weight``.
    weight
        A column of tie strengths in ``alters`` and ``alter_ties`` (None: unweighted).

    Returns
    -------
    Graph
        Undirected; nodes are the egos (in table order), then the alters; node attributes
        from both tables plus ``is_ego``; the egos are the respondents
        (:attr:`Graph.respondents`), so alters' own ego networks — which nobody reported —
        come out NaN in the structure and composition measures (module docs). The ties are
        read as :meth:`Graph.from_edges` reads an edge table: a repeated tie is merged (weights
        added), with a warning.

    Raises
    ------
    ColumnNotFoundError, InputError
        A missing column; an alter of an ego that is not in ``egos``; an alter tie naming an
        alter its ego did not name — each naming the row.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> egos = pd.DataFrame({"ego": ["ann", "bob"], "gender": ["f", "m"]})
    >>> alters = pd.DataFrame({"ego": ["ann", "ann", "ann", "bob"], "alter": [1, 2, 3, 1],
    ...                        "gender": ["f", "m", "f", "m"]})
    >>> ties = pd.DataFrame({"ego": ["ann"], "source": [1], "target": [2]})
    >>> g = wn.ego.from_egocentric(egos, alters, alter_ties=ties)
    >>> m = wn.ego.measures(g, attribute="gender")
    >>> m.loc[["ann", "bob"], ["size", "density", "effective_size", "blau"]]
         size  density  effective_size      blau
    node
    ann     3 0.333333        2.333333  0.444444
    bob     1      NaN        1.000000  0.000000
    """
    e_tab = _frame(egos, "egos")
    a_tab = _frame(alters, "alters")
    for name, tab, cols in (
        ("egos", e_tab, [ego]),
        ("alters", a_tab, [ego, alter] + [c for c in (person, weight) if c]),
    ):
        for c in cols:
            if c not in tab.columns:
                raise ColumnNotFoundError(
                    f"the {name} table has no column {c!r}; its columns are {list(tab.columns)}"
                )
    if e_tab[ego].isna().any() or e_tab[ego].duplicated().any():
        row = int(np.flatnonzero(e_tab[ego].isna().to_numpy() | e_tab[ego].duplicated().to_numpy())[0])
        raise InputError(
            f"the egos table has a missing or repeated ego id at row {row}; give one row per ego"
        )
    known = set(e_tab[ego].tolist())
    bad = ~a_tab[ego].isin(known).to_numpy()
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"the alters table names ego {a_tab[ego].iloc[row]!r} at row {row}, who is not in the egos table; "
            "add the ego or drop the row"
        )

    def alter_id(eg: Any, al: Any, pid: Any) -> Any:
        return pid if pid is not None and not (isinstance(pid, float) and np.isnan(pid)) else f"{eg}/{al}"

    pids = a_tab[person].tolist() if person else [None] * len(a_tab)
    alter_ids = [
        alter_id(e, a, p) for e, a, p in zip(a_tab[ego].tolist(), a_tab[alter].tolist(), pids, strict=False)
    ]
    anonymous = any(p is None or (isinstance(p, float) and np.isnan(p)) for p in pids)
    ego_ids = e_tab[ego].tolist()
    if anonymous:
        ego_ids = [str(x) for x in ego_ids]
        alter_ids = [str(x) for x in alter_ids]
        ego_of = [str(x) for x in a_tab[ego].tolist()]
    else:
        ego_of = a_tab[ego].tolist()
    local = {
        (e, a): i for e, a, i in zip(a_tab[ego].tolist(), a_tab[alter].tolist(), alter_ids, strict=False)
    }
    if len(local) < len(a_tab):
        raise InputError("the alters table repeats an (ego, alter) pair; give one row per alter of each ego")
    src, tgt, wts = list(ego_of), list(alter_ids), (a_tab[weight].astype(float).tolist() if weight else None)
    if alter_ties is not None:
        t_tab = _frame(alter_ties, "alter ties")
        for c in [ego, source, target] + ([weight] if weight else []):
            if c not in t_tab.columns:
                raise ColumnNotFoundError(
                    f"the alter ties table has no column {c!r}; its columns are {list(t_tab.columns)}"
                )
        for row, (e, a, b) in enumerate(
            zip(t_tab[ego].tolist(), t_tab[source].tolist(), t_tab[target].tolist(), strict=False)
        ):
            for x in (a, b):
                if (e, x) not in local:
                    raise InputError(
                        f"the alter ties table, row {row}: ego {e!r} named no alter {x!r} in the alters table; "
                        "fix the id or drop the row"
                    )
            src.append(local[(e, a)])
            tgt.append(local[(e, b)])
        len(t_tab)
        if weight:
            wts = (wts or []) + t_tab[weight].astype(float).tolist()
    # nodes: the egos first, in table order (also those who named nobody), then the alters
    nodes = list(dict.fromkeys(list(ego_ids) + alter_ids))
    ints = not anonymous and all(isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in nodes)
    if not ints and not all(isinstance(k, str) for k in nodes):
        raise InputError(
            "ego, alter and person ids must be all text or all whole numbers; convert them, e.g. .astype(str)"
        )
    ids_arg: Any = np.asarray(nodes, dtype=np.int64) if ints else nodes
    # the ties go through the edge-table reader of Graph.from_edges (checks, weights, and the
    # rule for repeated ties: merged, weights added, with the same warning)
    if src:
        edges = pd.DataFrame({"source": src, "target": tgt}, dtype=object)
        if wts is not None:
            edges["weight"] = np.asarray(wts, dtype=np.float64)
        table = _ingest.edge_columns(
            edges, source="source", target="target", weight="weight" if wts is not None else None
        )
        order = pd.Index(ids_arg).get_indexer(pd.Index(table.node_ids))
        s_codes = np.ascontiguousarray(order[table.source_codes], dtype=np.uint32)
        t_codes = np.ascontiguousarray(order[table.target_codes], dtype=np.uint32)
        w_arr = table.weight
    else:  # nobody named anyone: the egos, no ties
        s_codes = t_codes = np.zeros(0, dtype=np.uint32)
        w_arr = None if wts is None else np.zeros(0, dtype=np.float64)
    native = _native.Graph.from_edges(ids_arg, s_codes, t_codes, w_arr, False)
    merged = len(s_codes) - native.edge_count
    if merged > 0:
        _args.warn(
            f"ego.from_egocentric: {merged} repeated ties (an alter named twice by one ego, or an "
            "alter tie given twice or both ways) were merged into others (their weights added), "
            "as Graph.from_edges does"
        )
    g = Graph(native)
    # attributes: ego columns and alter columns, one table
    skip_a = {ego, alter, person, weight}
    attrs = pd.DataFrame({"node": nodes})
    e_attr = e_tab.drop(columns=[ego]).assign(node=ego_ids)
    a_attr = a_tab.drop(columns=[c for c in skip_a if c]).assign(node=alter_ids).drop_duplicates("node")
    table = pd.concat([e_attr, a_attr[~a_attr["node"].isin(set(ego_ids))]], ignore_index=True)
    attrs = attrs.merge(table, on="node", how="left")
    attrs["is_ego"] = attrs["node"].isin(set(ego_ids))
    g = g.with_node_attributes(attrs, on="node")
    return g.with_respondents(list(ego_ids))


def _frame(data: Any, what: str) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data.reset_index(drop=True)
    if isinstance(data, dict):
        return pd.DataFrame(data)
    if hasattr(data, "to_pandas"):
        return data.to_pandas()
    raise ArgumentError(
        f"the {what} table must be a pandas/polars/pyarrow table or a dict of columns, not {type(data).__name__}"
    )
