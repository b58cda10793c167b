"""What-if scenarios: what happens to the network if an activity stops or a key volunteer
leaves (issue 5).

* :func:`remove` — remove activities and/or residents and compare before and after:
  residents, ties, isolates, components, largest-component share, mean 2-step reach, share
  with ≥ k ties, and who loses all their ties.
* :func:`rank_activities` — every activity, removed alone, in one call (parallel).
* :func:`rank_residents` — the same for residents in some roles (volunteers, organisers).
* :func:`dependency` — residents who would have no tie left if one activity stopped.

Population. Removing an *activity* keeps every resident of the view: people who only
attended it are still neighbours and count as isolated afterwards. Removing a *resident*
(someone who leaves) takes them out of the population, so shares after are over the others.

Projection. ``projection=`` is the projection spec of ``net.project`` as a dict, e.g.
``{"weight": "newman", "unit": "session", "min_weight": 0.5}`` (keys ``weight``, ``unit``,
``min_weight``, ``max_activity_size``, ``pair_budget``); None = count per activity. Whether
two residents are tied is what matters here (isolates, components, reach, ≥ k ties); the
weight only decides it through ``min_weight``.

One definition of a lost tie. A tie is lost when activity A stops iff it is not a tie of the
same projection of the register without A; ``remove``, ``rank_activities``, ``dependency`` and
the unique ties of :func:`wijknet.activities.impact` all count exactly these (with
``min_weight``, a tie whose weight without A falls below it is lost too).

How the rankings stay fast. Without ``min_weight`` a tie survives removing activity A iff
another activity also creates it, so one pass over the projection that records which activities stand behind each
tie (the *unique ties* of :func:`wijknet.activities.impact`) gives every activity's lost ties,
isolated residents and ≥ k counts; components after removing one vertex of the two-mode graph
follow from one depth-first search (the pieces each vertex separates). No re-projection per
activity — except with ``min_weight`` (a tie may fall below it) and, for residents, with
``max_activity_size`` (a leaver can bring a unit under the limit): then each item is
re-projected, exactly, in parallel. ``remove`` always re-projects (exact for every spec).

Examples
--------
>>> import wijknet as wn
>>> net = wn.datasets.davis_southern_women()
>>> r = wn.whatif.rank_activities(net)
>>> int(r["ties_lost"].sum()) >= 0
True
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _progress
from . import _wijknet as _native
from ._errors import ArgumentError

__all__ = ["remove", "rank_activities", "rank_residents", "dependency", "Scenario"]

_SPEC_KEYS = ("weight", "unit", "min_weight", "max_activity_size", "pair_budget")


def _spec(projection: Optional[Mapping[str, Any]], fn: str) -> dict:
    """The projection spec as keyword arguments of the native functions."""
    if projection is None:
        return {}
    if not isinstance(projection, Mapping):
        raise ArgumentError(
            f"{fn}(projection=...) takes a dict with keys among {', '.join(_SPEC_KEYS)} "
            f"(as net.project's arguments), not {type(projection).__name__}"
        )
    unknown = [k for k in projection if k not in _SPEC_KEYS]
    if unknown:
        raise ArgumentError(
            f"{fn}(projection=...): unknown key(s) {', '.join(map(repr, unknown))}; "
            f"use {', '.join(_SPEC_KEYS)}"
        )
    spec = dict(projection)
    for key in ("max_activity_size", "pair_budget"):
        v = spec.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0):
            raise ArgumentError(f"{fn}(projection=...): {key} must be a non-negative integer, not {v!r}")
    return spec


def _network(net: Any, fn: str) -> Any:
    from .graph import Graph
    from .network import Network

    if isinstance(net, Network):
        return net
    if isinstance(net, Graph):
        raise ArgumentError(
            f"{fn}() removes activities or residents from the register, so it takes the "
            f"wijknet.Network (not a projected Graph); pass projection= for the projection"
        )
    raise ArgumentError(f"{fn}() takes a wijknet.Network, not {type(net).__name__}")


def _ks(k: Union[int, Sequence[int]], fn: str) -> list:
    ks = [k] if isinstance(k, (int, np.integer)) and not isinstance(k, bool) else list(k)
    if not ks or any(isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < 1 for x in ks):
        raise ArgumentError(f"{fn}(k={k!r}): give a positive integer or a sequence of them, e.g. k=(1, 2, 3)")
    return [int(x) for x in ks]


def _ids(values: Optional[Iterable[Any]], what: str, fn: str) -> list:
    from .network import _py_id

    if values is None:
        return []
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        values = [values]
    return [_py_id(v) for v in values]


def _threads(threads: Optional[int], fn: str) -> Optional[int]:
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or threads < 0):
        raise ArgumentError(f"{fn}(threads={threads!r}): give a non-negative integer or None")
    return None if threads is None else int(threads)


def _summary_row(s: tuple, ks: list) -> dict:
    residents, ties, isolates, components, largest, reach, at_least = s
    row = {
        "residents": residents,
        "ties": ties,
        "isolates": isolates,
        "components": components,
        "largest_component_share": largest / residents if residents else float("nan"),
    }
    if reach is not None:
        row["mean_reach_2"] = reach
    for k, c in zip(ks, at_least):
        row[f"share_ties_ge_{k}"] = c / residents if residents else float("nan")
    return row


@dataclasses.dataclass(frozen=True)
class Scenario:
    """The result of :func:`remove`.

    Attributes
    ----------
    summary
        DataFrame indexed by measure (residents, ties, isolates, components,
        largest_component_share, mean_reach_2, share_ties_ge_k...) with columns ``before``,
        ``after`` and ``change`` (after − before).
    lost_all
        Ids of the residents (not removed) who had at least one tie and have none after.
    """

    summary: pd.DataFrame
    lost_all: list

    def __repr__(self) -> str:
        return f"Scenario(lost_all={len(self.lost_all)} residents)\n{self.summary!r}"


def remove(
    net: Any,
    *,
    activities: Optional[Iterable[Any]] = None,
    residents: Optional[Iterable[Any]] = None,
    projection: Optional[Mapping[str, Any]] = None,
    k: Union[int, Sequence[int]] = (1, 2, 3),
    reach: bool = True,
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> Scenario:
    """Removes activities and/or residents and compares the network before and after.

    The reduced register is projected again with the same ``projection`` (exact for every
    weight, unit, ``min_weight`` and ``max_activity_size``). Mean 2-step reach: the mean over
    residents of the number of others within two steps.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network` (or a view of one).
    activities, residents
        Ids to remove (either or both; one id or a list).
    projection
        The projection spec as a dict (see the module docs); None = count per activity.
    k
        Thresholds for "share of residents with ≥ k ties".
    reach
        Also compute the mean 2-step reach (``mean_reach_2``). It visits every resident's
        neighbours' neighbours, the costly part on big registers (≈ 100 s on two cores for the
        100,000-resident synthetic register, against a few seconds without); pass False there.

    Returns
    -------
    Scenario
        ``summary`` (before / after / change per measure) and ``lost_all`` (ids).

    Raises
    ------
    ArgumentError
        An activity or resident outside this view, a bad k or projection.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({
    ...     "resident": ["ann", "bob", "bob", "cas"], "activity": ["dance", "dance", "yoga", "yoga"]}))
    >>> s = wn.whatif.remove(net, activities=["yoga"], k=1)
    >>> s.summary.loc[["isolates", "components"]]
                before  after  change
    measure
    isolates       0.0    1.0     1.0
    components     1.0    2.0     1.0
    >>> s.lost_all
    ['cas']
    """
    fn = "remove"
    net = _network(net, fn)
    spec = _spec(projection, fn)
    ks = _ks(k, fn)
    acts = _ids(activities, "activities", fn)
    res = _ids(residents, "residents", fn)
    cb = _progress.callback(progress, "what-if")
    try:
        before, after, lost = _native.whatif_remove(net._net, acts, res, ks, bool(reach), **spec, threads=_threads(threads, fn), progress=cb)
    finally:
        _progress.close(cb)
    b, a = _summary_row(before, ks), _summary_row(after, ks)
    table = pd.DataFrame({"before": pd.Series(b, dtype="float64"), "after": pd.Series(a, dtype="float64")})
    table["change"] = table["after"] - table["before"]
    table.index.name = "measure"
    return Scenario(summary=table, lost_all=net.residents[np.asarray(lost, dtype=np.int64)].tolist())


def _ranking(out: tuple, ks: list, index: pd.Index) -> pd.DataFrame:
    before, ties_lost, lose_all, residents, ties, isolates, components, largest, at_least = out
    b = _summary_row(before, ks)
    n = np.asarray(residents, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        df = pd.DataFrame(
            {
                "ties_lost": np.asarray(ties_lost, dtype="int64"),
                "ties_change": np.asarray(ties, dtype="int64") - b["ties"],
                "residents_losing_all_ties": np.asarray(lose_all, dtype="int64"),
                "isolates_added": np.asarray(isolates, dtype="int64") - b["isolates"],
                "components_added": np.asarray(components, dtype="int64") - b["components"],
                "largest_component_share": np.asarray(largest, dtype="float64") / n,
            },
            index=index,
        )
        df["largest_component_share_change"] = df["largest_component_share"] - b["largest_component_share"]
        flat = np.asarray(at_least, dtype="float64").reshape(len(index), len(ks))
        for t, k in enumerate(ks):
            df[f"share_ties_ge_{k}"] = flat[:, t] / n
            df[f"share_ties_ge_{k}_change"] = df[f"share_ties_ge_{k}"] - b[f"share_ties_ge_{k}"]
    df = df.sort_values(
        ["residents_losing_all_ties", "components_added", "largest_component_share_change", "ties_lost"],
        ascending=[False, False, True, False],
        kind="mergesort",
    )
    df.insert(0, "rank", np.arange(1, len(df) + 1))
    df.attrs["before"] = b
    return df


def rank_activities(
    net: Any,
    *,
    projection: Optional[Mapping[str, Any]] = None,
    k: Union[int, Sequence[int]] = (1, 2, 3),
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.DataFrame:
    """Every activity ranked by what removing it (alone) would do, in one parallel call.

    One row per activity, indexed by activity id, most damaging first: ``rank``,
    ``ties_lost`` (the ties that vanish: its unique ties in :func:`wijknet.activities.impact`),
    ``ties_change`` (ties after − before: − ties_lost, except that with ``min_weight`` and a jaccard or overlap weight removing an activity can also raise
    other ties above the threshold), ``residents_losing_all_ties``, ``isolates_added``,
    ``components_added``, ``largest_component_share`` after and its change, and
    ``share_ties_ge_k`` after and its change for each k. Order: residents losing all ties,
    then components added, then the drop in largest-component share, then ties lost. The
    figures before are in ``attrs["before"]``. Reach is not ranked (it needs a search per
    resident per activity); use :func:`remove` for one scenario.

    Equal to calling :func:`remove` for each activity (tested), but computed without
    re-projecting: see the module docs.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({
    ...     "resident": ["ann", "bob", "bob", "cas"], "activity": ["dance", "dance", "yoga", "yoga"]}))
    >>> wn.whatif.rank_activities(net, k=1)[["rank", "ties_lost", "residents_losing_all_ties", "components_added"]]
              rank  ties_lost  residents_losing_all_ties  components_added
    activity
    dance        1          1                          1                 1
    yoga         2          1                          1                 1
    """
    fn = "rank_activities"
    net = _network(net, fn)
    spec = _spec(projection, fn)
    ks = _ks(k, fn)
    out = _rank_activities_native(net, spec, ks, threads, progress, naive=False)
    return _ranking(out, ks, net.activities)


def _rank_activities_native(net: Any, spec: dict, ks: list, threads: Any, progress: Any, naive: bool) -> tuple:
    cb = _progress.callback(progress, "ranking activities")
    try:
        return _native.whatif_rank_activities(
            net._net, ks, **spec, naive=naive, threads=_threads(threads, "rank_activities"), progress=cb
        )
    finally:
        _progress.close(cb)


def rank_residents(
    net: Any,
    *,
    roles: Union[str, Iterable[str]] = ("volunteer", "organiser"),
    residents: Optional[Iterable[Any]] = None,
    projection: Optional[Mapping[str, Any]] = None,
    k: Union[int, Sequence[int]] = (1, 2, 3),
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.DataFrame:
    """Residents in some roles (default: volunteers and organisers — the key people) ranked by
    what their leaving would do; the same columns as :func:`rank_activities`, ``ties_lost``
    being their own ties. The population after excludes the one who leaves.

    Parameters
    ----------
    roles
        Residents with at least one attendance in one of these roles are ranked.
    residents
        Or give the residents to rank explicitly (then ``roles`` is ignored).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({
    ...     "resident": ["ann", "bob", "bob", "cas"], "activity": ["dance", "dance", "yoga", "yoga"],
    ...     "role": ["participant", "volunteer", "volunteer", "participant"]}), role="role")
    >>> wn.whatif.rank_residents(net, k=1)[["rank", "ties_lost", "residents_losing_all_ties"]]
              rank  ties_lost  residents_losing_all_ties
    resident
    bob          1          2                          2
    """
    fn = "rank_residents"
    net = _network(net, fn)
    spec = _spec(projection, fn)
    ks = _ks(k, fn)
    if residents is None:
        who = net.filter(roles=roles).residents
        if len(who) == 0:
            import warnings

            warnings.warn(
                f"rank_residents: no resident of this view attends in the roles {roles!r}, so the "
                "ranking is empty; check the register's role column, or rank chosen residents with "
                "residents=[...]",
                UserWarning,
                stacklevel=2,
            )
    else:
        who = pd.Index(_ids(residents, "residents", fn), name=net.residents.name)
    cb = _progress.callback(progress, "ranking residents")
    try:
        out = _native.whatif_rank_residents(
            net._net, list(who), ks, **spec, threads=_threads(threads, fn), progress=cb
        )
    finally:
        _progress.close(cb)
    return _ranking(out, ks, who)


def dependency(
    net: Any,
    *,
    projection: Optional[Mapping[str, Any]] = None,
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.DataFrame:
    """Residents who would have no tie left if one activity stopped: the residents
    :func:`remove` reports in ``lost_all`` and :func:`rank_activities` counts in
    ``residents_losing_all_ties`` for that activity.

    Returns a DataFrame indexed by resident with ``activity`` (the one they depend on) and
    ``ties`` (how many ties they would lose: all they have). Without ``min_weight`` every tie
    of such a resident comes from that one activity (with ``unit="session"``: all the sessions
    the two shared belong to it). With ``min_weight`` a tie also vanishes when its weight
    without the activity falls below the threshold, so a resident can depend on several
    activities and then has one row for each.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({
    ...     "resident": ["ann", "bob", "bob", "cas"], "activity": ["dance", "dance", "yoga", "yoga"]}))
    >>> wn.whatif.dependency(net)
             activity  ties
    resident
    ann         dance     1
    cas          yoga     1
    """
    fn = "dependency"
    net = _network(net, fn)
    spec = _spec(projection, fn)
    cb = _progress.callback(progress, "provenance")
    try:
        res, act, ties = _native.activity_dependency(net._net, **spec, threads=_threads(threads, fn), progress=cb)
    finally:
        _progress.close(cb)
    return pd.DataFrame(
        {
            "activity": net.activities[np.asarray(act, dtype=np.int64)],
            "ties": np.asarray(ties, dtype="int64"),
        },
        index=net.residents[np.asarray(res, dtype=np.int64)],
    )
