"""What-if scenarios: what happens to the network if an activity stops or a key volunteer
leaves

* :func:`remove` — remove activities and/or residents and compare before and after:
  residents, ties, isolates, components, largest-component share, mean 2-step reach, share
  with at least k ties (``min_ties``), and who loses all their ties.
* :func:`rank_activities` — every activity, removed alone, in one call (parallel).
* :func:`rank_residents` — the same for residents in some roles (volunteers, organisers).
* :func:`dependency` — residents who would have no tie left if one activity stopped.

Population. Removing an *activity* keeps every resident of the view: people who only
attended it are still neighbours and count as isolated afterwards. Removing a *resident*
(someone who leaves) takes them out of the population, so shares after are over the others.

Projection. ``projection=`` says how to project: a :class:`~wijknet.Projection` or a dict of
:meth:`Network.project` keywords, e.g. ``{"weight": "newman", "unit": "session",
"min_weight": 0.5}``; None = the default projection of ``net.project()``. Whether
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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _args
from . import _wijknet as _native
from ._ingest import ROLES
from ._results import Result, format_frame

__all__ = ["remove", "rank_activities", "rank_residents", "dependency", "Scenario"]

#: The key roles: the residents :func:`rank_residents` ranks by default.
KEY_ROLES = tuple(r for r in ROLES if r != "participant")


def _thresholds(min_ties: int | Sequence[int], fn: str) -> list:
    values = (
        [min_ties] if isinstance(min_ties, (int, np.integer)) and not isinstance(min_ties, bool) else min_ties
    )
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise _args.error(
            fn,
            "min_ties",
            min_ties,
            "give a positive whole number or a sequence of them, e.g. min_ties=(1, 2, 3)",
        )
    out = [_args.whole(x, "min_ties", fn, minimum=1) for x in values]
    if not out:
        raise _args.error(fn, "min_ties", min_ties, "give at least one threshold, e.g. min_ties=(1, 2, 3)")
    return out


def _ids(values: Iterable[Any] | None, what: str, fn: str) -> list:
    from .network import _py_id

    if values is None:
        return []
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        values = [values]
    return [_py_id(v) for v in values]


def _share_column(k: int) -> str:
    return f"share_with_at_least_{k}_ties"


def _summary_row(s: Mapping[str, Any], ks: list) -> dict:
    residents = s["residents"]
    row = {
        "residents": residents,
        "ties": s["ties"],
        "isolates": s["isolates"],
        "components": s["components"],
        "largest_component_share": s["largest_component"] / residents if residents else float("nan"),
    }
    if s["mean_reach_2"] is not None:
        row["mean_reach_2"] = s["mean_reach_2"]
    for k, c in zip(ks, s["at_least"], strict=False):
        row[_share_column(k)] = c / residents if residents else float("nan")
    return row


@dataclasses.dataclass(frozen=True, repr=False)
class Scenario(Result):
    """The result of :func:`remove`.

    Attributes
    ----------
    summary
        DataFrame indexed by measure (``residents``, ``ties``, ``isolates``, ``components``,
        ``largest_component_share``, ``mean_reach_2``, ``share_with_at_least_{k}_ties``...)
        with columns ``before``, ``after`` and ``change`` (after − before).
    lost_all
        Ids of the residents (not removed) who had at least one tie and have none after.

    ``to_frame()`` is ``summary``; it prints as that table and the residents who lose all
    their ties, and has an HTML form in notebooks.
    """

    summary: pd.DataFrame
    lost_all: list

    def _frame(self) -> pd.DataFrame:
        """The summary table (before / after / change per measure)."""
        return self.summary

    def _lost_line(self) -> str:
        n = len(self.lost_all)
        if n == 0:
            return "nobody loses all their ties"
        shown = ", ".join(map(str, self.lost_all[:5])) + (", …" if n > 5 else "")
        return f"{n:,} resident{'s' if n != 1 else ''} lose{'s' if n == 1 else ''} all their ties: {shown}"

    def __repr__(self) -> str:
        return f"Scenario ({self._lost_line()})\n{format_frame(self.summary).to_string()}"

    def _repr_html_(self) -> str:
        import html

        body = format_frame(self.summary).to_html(border=0)
        return f"<div><b>Scenario</b><p>{html.escape(self._lost_line())}</p>{body}</div>"


def remove(
    net: Any,
    *,
    activities: Iterable[Any] | None = None,
    residents: Iterable[Any] | None = None,
    projection: Any = None,
    min_ties: int | Sequence[int] = (1, 2, 3),
    reach: bool = True,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
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
        How to project: a :class:`~wijknet.Projection` or a dict of :meth:`Network.project`
        keywords; None = the default projection.
    min_ties
        Thresholds for "share of residents with at least this many ties".
    reach
        Also compute the mean 2-step reach (``mean_reach_2``). It visits every resident's
        neighbours' neighbours, the costly part on big registers (≈ 100 s on two cores for the
        100,000-resident synthetic register, against a few seconds without); pass False there.
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    Scenario
        ``summary`` (before / after / change per measure) and ``lost_all`` (ids).

    Raises
    ------
    ArgumentError
        An activity or resident outside this view, a bad threshold or projection.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({
    ...     "resident": ["ann", "bob", "bob", "cas"], "activity": ["dance", "dance", "yoga", "yoga"]}))
    >>> s = wn.whatif.remove(net, activities=["yoga"], min_ties=1)
    >>> s.summary.loc[["isolates", "components"]]
                before  after  change
    measure
    isolates       0.0    1.0     1.0
    components     1.0    2.0     1.0
    >>> s.lost_all
    ['cas']
    """
    fn = "remove"
    net = _args.network(net, fn)
    spec = _args.native_projection(projection, fn)
    ks = _thresholds(min_ties, fn)
    reach = _args.flag(reach, "reach", fn)
    acts = _ids(activities, "activities", fn)
    res = _ids(residents, "residents", fn)
    out = _args.call(
        fn,
        _native.whatif_remove,
        net._net,
        acts,
        res,
        ks,
        reach,
        projection=spec,
        threads=_args.threads(threads, fn),
        progress=progress,
        desc="what-if",
    )
    b, a = _summary_row(out["before"], ks), _summary_row(out["after"], ks)
    table = pd.DataFrame({"before": pd.Series(b, dtype="float64"), "after": pd.Series(a, dtype="float64")})
    table["change"] = table["after"] - table["before"]
    table.index.name = "measure"
    return Scenario(
        summary=table, lost_all=net.residents[np.asarray(out["lost_all"], dtype=np.int64)].tolist()
    )


def _ranking(out: Mapping[str, Any], ks: list, index: pd.Index) -> pd.DataFrame:
    b = _summary_row(out["before"], ks)
    n = np.asarray(out["residents"], dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        df = pd.DataFrame(
            {
                "ties_lost": np.asarray(out["ties_lost"], dtype="int64"),
                "ties_change": np.asarray(out["ties"], dtype="int64") - b["ties"],
                "residents_losing_all_ties": np.asarray(out["lose_all"], dtype="int64"),
                "isolates_added": np.asarray(out["isolates"], dtype="int64") - b["isolates"],
                "components_added": np.asarray(out["components"], dtype="int64") - b["components"],
                "largest_component_share": np.asarray(out["largest_component"], dtype="float64") / n,
            },
            index=index,
        )
        df["largest_component_share_change"] = df["largest_component_share"] - b["largest_component_share"]
        flat = np.asarray(out["at_least"], dtype="float64").reshape(len(index), len(ks))
        for t, k in enumerate(ks):
            col = _share_column(k)
            df[col] = flat[:, t] / n
            df[f"{col}_change"] = df[col] - b[col]
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
    projection: Any = None,
    min_ties: int | Sequence[int] = (1, 2, 3),
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> pd.DataFrame:
    """Every activity ranked by what removing it (alone) would do, in one parallel call.

    One row per activity, indexed by activity id, most damaging first: ``rank``,
    ``ties_lost`` (the ties that vanish: its unique ties in :func:`wijknet.activities.impact`),
    ``ties_change`` (ties after − before: − ties_lost, except that with ``min_weight`` and a jaccard or overlap weight removing an activity can also raise
    other ties above the threshold), ``residents_losing_all_ties``, ``isolates_added``,
    ``components_added``, ``largest_component_share`` after and its change, and
    ``share_with_at_least_{k}_ties`` after and its change for each threshold k of
    ``min_ties``. Order: residents losing all ties, then components added, then the drop in
    largest-component share, then ties lost. The figures before are in ``attrs["before"]``.
    Reach is not ranked (it needs a search per resident per activity); use :func:`remove` for
    one scenario.

    Equal to calling :func:`remove` for each activity (tested), but computed without
    re-projecting: see the module docs. ``projection``, ``min_ties``, ``threads`` and
    ``progress`` as in :func:`remove`.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network` (or a view of one).
    projection, min_ties, threads, progress
        As in :func:`remove`.

    Returns
    -------
    pandas.DataFrame
        Indexed by activity, ranked (the columns above); ``attrs["before"]`` holds the
        figures before.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({
    ...     "resident": ["ann", "bob", "bob", "cas"], "activity": ["dance", "dance", "yoga", "yoga"]}))
    >>> wn.whatif.rank_activities(net, min_ties=1)[["rank", "ties_lost", "residents_losing_all_ties", "components_added"]]
              rank  ties_lost  residents_losing_all_ties  components_added
    activity
    dance        1          1                          1                 1
    yoga         2          1                          1                 1
    """
    fn = "rank_activities"
    net = _args.network(net, fn)
    spec = _args.native_projection(projection, fn)
    ks = _thresholds(min_ties, fn)
    out = _rank_activities_native(net, spec, ks, threads, progress, naive=False)
    return _ranking(out, ks, net.activities)


def _rank_activities_native(net: Any, spec: dict, ks: list, threads: Any, progress: Any, naive: bool) -> Any:
    fn = "rank_activities"
    return _args.call(
        fn,
        _native.whatif_rank_activities,
        net._net,
        ks,
        projection=spec,
        naive=naive,
        threads=_args.threads(threads, fn),
        progress=progress,
        desc="ranking activities",
    )


def rank_residents(
    net: Any,
    *,
    roles: str | Iterable[str] = KEY_ROLES,
    residents: Iterable[Any] | None = None,
    projection: Any = None,
    min_ties: int | Sequence[int] = (1, 2, 3),
    threads: int | None = None,
    progress: _args.ProgressArg = None,
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
    projection, min_ties, threads, progress
        As in :func:`remove`.

    Returns
    -------
    pandas.DataFrame
        Indexed by resident, ranked; the columns of :func:`rank_activities`.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({
    ...     "resident": ["ann", "bob", "bob", "cas"], "activity": ["dance", "dance", "yoga", "yoga"],
    ...     "role": ["participant", "volunteer", "volunteer", "participant"]}), role="role")
    >>> wn.whatif.rank_residents(net, min_ties=1)[["rank", "ties_lost", "residents_losing_all_ties"]]
              rank  ties_lost  residents_losing_all_ties
    resident
    bob          1          2                          2
    """
    return _rank_residents(
        net,
        roles=roles,
        residents=residents,
        projection=projection,
        min_ties=min_ties,
        threads=threads,
        progress=progress,
        native=_native.whatif_rank_residents,
    )


def _rank_residents(
    net: Any,
    *,
    roles: str | Iterable[str],
    residents: Iterable[Any] | None,
    projection: Any,
    min_ties: int | Sequence[int],
    threads: int | None,
    progress: _args.ProgressArg,
    native: Callable[..., Any],
) -> pd.DataFrame:
    """:func:`rank_residents` with its native call given (``native`` takes the arguments of
    ``_wijknet.whatif_rank_residents``; :mod:`wijknet.dask` spreads the residents over
    workers)."""
    fn = "rank_residents"
    net = _args.network(net, fn)
    spec = _args.native_projection(projection, fn)
    ks = _thresholds(min_ties, fn)
    if residents is None:
        who = net.filter(roles=roles).residents
        if len(who) == 0:
            _args.warn(
                f"rank_residents: no resident of this view attends in the roles {roles!r}, so the "
                "ranking is empty; check the register's role column, or rank chosen residents with "
                "residents=[...]"
            )
    else:
        who = pd.Index(_ids(residents, "residents", fn), name=net.residents.name)
    out = _args.call(
        fn,
        native,
        net._net,
        list(who),
        ks,
        projection=spec,
        threads=_args.threads(threads, fn),
        progress=progress,
        desc="ranking residents",
    )
    return _ranking(out, ks, who)


def dependency(
    net: Any,
    *,
    projection: Any = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> pd.DataFrame:
    """Residents who would have no tie left if one activity stopped: the residents
    :func:`remove` reports in ``lost_all`` and :func:`rank_activities` counts in
    ``residents_losing_all_ties`` for that activity.

    Returns a DataFrame indexed by resident with ``activity`` (the one they depend on) and
    ``ties`` (how many ties they would lose: all they have). Without ``min_weight`` every tie
    of such a resident comes from that one activity (with ``unit="session"``: all the sessions
    the two shared belong to it). With ``min_weight`` a tie also vanishes when its weight
    without the activity falls below the threshold, so a resident can depend on several
    activities and then has one row for each. ``projection``, ``threads``
    and ``progress`` as in :func:`remove`.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network` (or a view of one).
    projection, threads, progress
        As in :func:`remove`.

    Returns
    -------
    pandas.DataFrame
        Indexed by resident (repeated when a resident depends on several activities):
        ``activity`` and ``ties``.

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
    net = _args.network(net, fn)
    spec = _args.native_projection(projection, fn)
    out = _args.call(
        fn,
        _native.activity_dependency,
        net._net,
        projection=spec,
        threads=_args.threads(threads, fn),
        progress=progress,
        desc="provenance",
    )
    return pd.DataFrame(
        {
            "activity": net.activities[np.asarray(out["activity"], dtype=np.int64)],
            "ties": np.asarray(out["ties"], dtype="int64"),
        },
        index=net.residents[np.asarray(out["resident"], dtype=np.int64)],
    )
