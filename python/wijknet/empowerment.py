"""Empowerment: who moves from participant to volunteer to organiser, how fast, in which
activities, who carries the organising, and how a resident's network changes once they take
on a role.

Definitions follow docs/metrics.md ("Empowerment"). Roles are ordered participant < volunteer
< organiser; *taking on a role* means a first attendance in that role **or a higher one** (an
organiser has also taken on the volunteer role). Every function except
:func:`organiser_load` needs a dated register. Durations are in days.

* :func:`trajectories` — per resident: first attendance, first role, highest role, days to
  each role and the activity where it happened.
* :func:`role_uptake` — Kaplan–Meier estimate of the time to a first role, the share who take
  one on and the median time.
* :func:`new_organisers` — residents who organise for the first time, per period.
* :func:`organiser_load` — sessions per organiser; share of the top 5 and the Gini
  coefficient.
* :func:`position_change` — degree and reach in two steps in the weeks before versus after
  the first role.

Examples
--------
>>> import wijknet as wn
>>> net = wn.datasets.badhuis(residents=300, seed=1)
>>> t = wn.empowerment.trajectories(net)
>>> t["highest"].value_counts().sort_index().tolist()  # participant, volunteer, organiser
[259, 11, 30]
>>> wn.empowerment.organiser_load(net)
<OrganiserLoad: 30 organisers, 1,147 sessions organised; top 5 share 0.4612, Gini 0.4667>
>>> wn.empowerment.new_organisers(net, freq="Q")[["new", "cumulative"]]
        new  cumulative
period
2025Q1   29          29
2025Q2    1          30
2025Q3    0          30
2025Q4    0          30
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

import numpy as np
import pandas as pd

from . import _args, _frames
from . import _wijknet as _native
from ._results import Result, format_frame, format_number
from .network import Network

__all__ = [
    "trajectories",
    "role_uptake",
    "new_organisers",
    "organiser_load",
    "position_change",
    "RoleUptake",
    "OrganiserLoad",
    "PositionChange",
    "ROLES",
]

#: The roles in their order (participant < volunteer < organiser).
ROLES = ("participant", "volunteer", "organiser")

_UNITS_PER_DAY = {"D": 1, "s": 86_400, "ms": 86_400_000}


def _unit(net: Network) -> str:
    unit = net.date_unit
    assert unit is not None
    return unit


def _dt(values: Any, unit: str) -> np.ndarray:
    return _frames.dates_to_datetime(np.asarray(values, dtype="int64"), unit)


def _dates_or_nat(values: Any, has: Any, unit: str) -> pd.Series:
    out = pd.Series(_dt(values, unit))
    out[~np.asarray(has, dtype=bool)] = pd.NaT
    return out


def _activities(net: Network, codes: Any) -> pd.Categorical:
    """Activity ids of register codes (-1: none, shown as NaN), with the register's activities
    as categories (as in ``net.to_frame()``)."""
    return pd.Categorical.from_codes(np.asarray(codes, dtype="int64"), categories=net._all_activities())


def _role(role: Any, fn: str) -> str:
    if role == "organizer":
        role = "organiser"
    return _args.choice(role, "role", fn, ("volunteer", "organiser"))


def _residents(net: Network, codes: Any) -> pd.Index:
    return net._all_residents()[np.asarray(codes, dtype=np.intp)]


# ---------------------------------------------------------------------------------------------
# trajectories
# ---------------------------------------------------------------------------------------------
def trajectories(net: Network) -> pd.DataFrame:
    """Each resident's role trajectory participant → volunteer → organiser.

    Parameters
    ----------
    net
        A dated network (or view: only its attendances count).

    Returns
    -------
    pandas.DataFrame
        Indexed by resident: ``first`` (date of the first attendance), ``first_volunteer``
        (first attendance as volunteer *or organiser*), ``first_organiser`` (NaT: never),
        ``highest`` (the highest role reached, an ordered categorical), ``days_to_volunteer``,
        ``days_to_organiser`` (days from the first attendance; 0 for a resident in the role
        from the start, NaN: never) and ``volunteer_activity``, ``organiser_activity`` (the
        activity of that first attendance in the role, a categorical; NaN: never; on a date
        with several, the activity seen first in the register). Always first ≤ first_volunteer ≤
        first_organiser.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({
    ...     "resident": ["ann", "ann", "ann", "bob", "cas"],
    ...     "activity": ["dance", "dance", "yoga", "dance", "yoga"],
    ...     "date": ["2025-01-06", "2025-02-03", "2025-03-03", "2025-01-06", "2025-03-03"],
    ...     "role": ["participant", "volunteer", "organiser", "participant", "organiser"]})
    >>> net = wn.Network.from_attendance(df, date="date", role="role")
    >>> wn.empowerment.trajectories(net)[["highest", "days_to_volunteer", "days_to_organiser", "organiser_activity"]]
                  highest  days_to_volunteer  days_to_organiser organiser_activity
    resident
    ann         organiser               28.0               56.0               yoga
    bob       participant                NaN                NaN                NaN
    cas         organiser                0.0                0.0               yoga
    """
    net = _args.network(net, "trajectories", dated=True)
    d = _native.empowerment_trajectories(net._net)
    unit = _unit(net)
    index = _residents(net, d["resident"])
    out = pd.DataFrame(
        {
            "first": _dt(d["first"], unit),
            "first_volunteer": _dates_or_nat(d["first_volunteer"], d["has_first_volunteer"], unit).to_numpy(),
            "first_organiser": _dates_or_nat(d["first_organiser"], d["has_first_organiser"], unit).to_numpy(),
            "highest": pd.Categorical.from_codes(
                np.asarray(d["highest"], dtype="int64"), categories=list(ROLES), ordered=True
            ),
            "days_to_volunteer": np.asarray(d["days_to_volunteer"], dtype=float),
            "days_to_organiser": np.asarray(d["days_to_organiser"], dtype=float),
            "volunteer_activity": _activities(net, d["volunteer_activity"]),
            "organiser_activity": _activities(net, d["organiser_activity"]),
        },
        index=index,
    )
    return out


# ---------------------------------------------------------------------------------------------
# role uptake (Kaplan–Meier)
# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, repr=False)
class RoleUptake(Result):
    """The result of :func:`role_uptake`.

    Attributes
    ----------
    role
        The role taken on (or a higher one): "volunteer" or "organiser".
    table
        The Kaplan–Meier steps, one row per distinct time: ``time`` (days since the first
        attendance), ``at_risk``, ``events`` (first roles taken on), ``censored``,
        ``survival`` (S(t): the share still without the role), ``std_err`` (Greenwood) and
        ``ci_low``, ``ci_high`` (95% log-log interval). ``to_frame()`` returns it.
    residents
        Per resident: ``days`` (to the role, or to the last attendance when censored) and
        ``taken`` (True: took the role on).
    share
        Share of the residents who took the role on (observed).
    median
        Median days to the role: the first time S(t) ≤ 0.5 (NaN when not reached).
    n
        Residents.
    """

    role: str
    table: pd.DataFrame
    residents: pd.DataFrame
    share: float
    median: float
    n: int

    def _frame(self) -> pd.DataFrame:
        """The Kaplan–Meier table (one row per distinct time)."""
        return self.table

    def _head(self) -> str:
        return (
            f"{self.role}: {format_number(self.share)} of {self.n:,} residents took the role on; "
            f"median {format_number(self.median)} days"
        )

    def __repr__(self) -> str:
        return f"RoleUptake ({self._head()})\n{format_frame(self.table).to_string()}"

    def _repr_html_(self) -> str:
        body = format_frame(self.table).to_html(border=0)
        return f"<div><b>RoleUptake</b><p>{html.escape(self._head())}</p>{body}</div>"


def role_uptake(net: Network, *, role: str = "volunteer") -> RoleUptake:
    """How long residents take to take on a role: the Kaplan–Meier estimate of the time from
    the first attendance to the first attendance as ``role`` or higher.

    A resident who takes the role on has an event at that many days (0 when the very first
    attendance is in the role). A resident who never does is *censored at their last
    attendance*: after it the register no longer sees them, so it could not show a role
    either (censoring at the register's last date would count months of absence as time
    "at risk" and make roles look rarer than they are).

    Parameters
    ----------
    net
        A dated network (or view).
    role
        "volunteer" (volunteer or organiser) or "organiser".

    Returns
    -------
    RoleUptake
        ``table`` (``to_frame()``): ``time``, ``at_risk``, ``events``, ``censored``,
        ``survival`` (share still without the role), ``std_err`` (Greenwood), ``ci_low``,
        ``ci_high`` (95% log-log interval); ``residents`` (``days``, ``taken``); ``share``
        (observed share who took the role on), ``median`` (days; NaN when S(t) stays above
        0.5) and ``n``. Plot ``1 - survival`` for the share with a role by time.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({
    ...     "resident": ["ann", "ann", "bob", "bob", "cas"],
    ...     "activity": ["dance"] * 5,
    ...     "date": ["2025-01-06", "2025-01-16", "2025-01-06", "2025-01-26", "2025-01-06"],
    ...     "role": ["participant", "volunteer", "participant", "participant", "organiser"]})
    >>> u = wn.empowerment.role_uptake(wn.Network.from_attendance(df, date="date", role="role"))
    >>> u.share, u.median
    (0.6666666666666666, 10.0)
    >>> u.table[["time", "at_risk", "events", "censored", "survival"]]
       time  at_risk  events  censored  survival
    0   0.0        3       1         0  0.666667
    1  10.0        2       1         0  0.333333
    2  20.0        1       0         1  0.333333
    """
    net = _args.network(net, "role_uptake", dated=True)
    role = _role(role, "role_uptake")
    d = _native.empowerment_role_uptake(net._net, role)
    names = ("time", "at_risk", "events", "censored", "survival", "std_err", "ci_low", "ci_high")
    table = pd.DataFrame({n: d[n] for n in names}).astype(
        {"at_risk": "int64", "events": "int64", "censored": "int64"}
    )
    residents = pd.DataFrame(
        {"days": np.asarray(d["days"], dtype=float), "taken": np.asarray(d["taken"], dtype=bool)},
        index=_residents(net, d["resident"]),
    )
    median = float("nan") if d["median"] is None else float(d["median"])
    return RoleUptake(
        role=role, table=table, residents=residents, share=float(d["share"]), median=median, n=len(residents)
    )


# ---------------------------------------------------------------------------------------------
# new organisers
# ---------------------------------------------------------------------------------------------
def new_organisers(net: Network, *, freq: str | int = "M") -> pd.DataFrame:
    """New organisers per period: residents whose first attendance as organiser falls in it.

    Parameters
    ----------
    net
        A dated network (or view).
    freq
        "M" (calendar months), "Q" (quarters), "Y" (years) or a number of days, as
        :func:`wijknet.temporal.periods`.

    Returns
    -------
    pandas.DataFrame
        Indexed by period label (every period from the first attendance to the last, empty
        ones included): ``start``, ``end`` (datetimes), ``new`` and ``cumulative`` (residents
        who had organised by the end of the period).

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "bob", "bob"], "activity": ["dance"] * 3,
    ...                    "date": ["2025-01-06", "2025-01-06", "2025-03-03"],
    ...                    "role": ["organiser", "participant", "organiser"]})
    >>> net = wn.Network.from_attendance(df, date="date", role="role")
    >>> wn.empowerment.new_organisers(net)[["new", "cumulative"]]
             new  cumulative
    period
    2025-01    1           1
    2025-02    0           1
    2025-03    1           2
    """
    from .temporal import _freq

    net = _args.network(net, "new_organisers", dated=True)
    d = _native.empowerment_new_organisers(net._net, _freq(freq, "new_organisers"))
    unit = _unit(net)
    return pd.DataFrame(
        {
            "start": _dt(d["start"], unit),
            "end": _dt(d["end"], unit),
            "new": np.asarray(d["new"], dtype="int64"),
            "cumulative": np.asarray(d["cumulative"], dtype="int64"),
        },
        index=pd.Index(d["label"], name="period"),
    )


# ---------------------------------------------------------------------------------------------
# organiser load
# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, repr=False)
class OrganiserLoad(Result):
    """The result of :func:`organiser_load`.

    Attributes
    ----------
    sessions
        Sessions organised per organiser (a Series indexed by resident, busiest first; ties
        in register order). ``to_frame()`` gives it with each one's share.
    total
        All organiser-sessions (the sum of ``sessions``).
    top
        How many of the busiest organisers ``top_share`` counts.
    top_share
        Share of all organiser-sessions done by the ``top`` busiest organisers (NaN: none).
    gini
        Gini coefficient of ``sessions`` over the organisers: 0 = everyone organises as
        often, towards 1 = one resident does nearly everything (NaN: no organisers).
    n
        Organisers (residents with at least one session organised).
    """

    sessions: pd.Series
    total: int
    top: int
    top_share: float
    gini: float
    n: int

    def _frame(self) -> pd.DataFrame:
        """Per organiser: ``sessions`` and ``share`` of all organiser-sessions."""
        return pd.DataFrame(
            {"sessions": self.sessions, "share": self.sessions / self.total if self.total else []}
        )

    def _line(self) -> str:
        return (
            f"{self.n:,} organisers, {self.total:,} sessions organised; "
            f"top {self.top} share {format_number(self.top_share)}, Gini {format_number(self.gini)}"
        )


def organiser_load(net: Network, *, top: int = 5) -> OrganiserLoad:
    """Who carries the organising: sessions organised per organiser and how concentrated that
    load is.

    A session counts once per resident attending it as organiser. The Gini coefficient over the
    n organisers is Σ_i Σ_j |x_i − x_j| / (2 n² x̄) (residents who never organised are not
    counted). Dates are not needed.

    Parameters
    ----------
    net
        A network or view.
    top
        How many of the busiest organisers ``top_share`` counts (default 5).

    Returns
    -------
    OrganiserLoad
        ``sessions`` (per organiser, busiest first), ``total``, ``top``, ``top_share``,
        ``gini`` and ``n``.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "ann", "ann", "bob", "cas"],
    ...                    "activity": ["dance", "dance", "dance", "yoga", "yoga"],
    ...                    "date": ["2025-01-06", "2025-01-13", "2025-01-20", "2025-01-06", "2025-01-06"],
    ...                    "role": ["organiser"] * 4 + ["participant"]})
    >>> load = wn.empowerment.organiser_load(wn.Network.from_attendance(df, date="date", role="role"), top=1)
    >>> load.sessions.tolist(), load.top_share, load.gini
    ([3, 1], 0.75, 0.25)
    """
    net = _args.network(net, "organiser_load")
    top = _args.whole(top, "top", "organiser_load", minimum=1)
    d = _native.empowerment_organiser_load(net._net, top)
    s = pd.Series(
        np.asarray(d["sessions"], dtype="int64"), index=_residents(net, d["resident"]), name="sessions"
    )
    s = s.iloc[np.argsort(-s.to_numpy(), kind="stable")]
    return OrganiserLoad(
        sessions=s,
        total=int(d["total"]),
        top=int(d["top"]),
        top_share=float(d["top_share"]),
        gini=float(d["gini"]),
        n=len(s),
    )


# ---------------------------------------------------------------------------------------------
# position before and after a first role
# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, repr=False)
class PositionChange(Result):
    """The result of :func:`position_change`.

    Attributes
    ----------
    table
        Per resident compared: ``role_date``, ``degree_before``, ``degree_after``,
        ``degree_change``, ``reach_before``, ``reach_after``, ``reach_change``.
        ``to_frame()`` returns it.
    mean_degree_change, mean_reach_change
        The paired mean differences (after − before; NaN for nobody).
    role
        The role taken on (or a higher one).
    window
        The window length in days.
    n
        Residents compared.
    """

    table: pd.DataFrame
    mean_degree_change: float
    mean_reach_change: float
    role: str
    window: float
    n: int

    def _frame(self) -> pd.DataFrame:
        """The per-resident table."""
        return self.table

    def _line(self) -> str:
        return (
            f"{self.n:,} residents who became {self.role}, {format_number(self.window)} days before vs after: "
            f"mean degree change {format_number(self.mean_degree_change)}, "
            f"mean reach change {format_number(self.mean_reach_change)}"
        )


def position_change(
    net: Network,
    *,
    role: str = "volunteer",
    window: float = 90,
    projection: Any = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> PositionChange:
    """Network position before versus after a resident first takes on a role.

    With T the date of a resident's first attendance as ``role`` (or higher) and w =
    ``window`` days, the window *before* holds every attendance dated in [T − w, T) and the
    window *after* every attendance in [T, T + w) — the session of the first role included.
    Each window of the whole network is projected on its own (``projection``), and the
    resident's **degree** (distinct co-participants) and **reach in two steps** (residents
    within two ties) are read from it; a resident absent from a window has 0 there. Residents
    who took the role on at their first attendance (no "before" as a participant) and residents
    who never did are left out. Windows near the register's start or end are cut off by it.

    Parameters
    ----------
    net
        A dated network (or view).
    role
        "volunteer" (volunteer or organiser) or "organiser".
    window
        w, in days (> 0; default 90).
    projection
        How to project each window: a :class:`~wijknet.Projection` or a dict of
        :meth:`Network.project` keywords (None: the default projection).
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (one step per
        resident).

    Returns
    -------
    PositionChange
        ``table`` (per resident: ``role_date``, degree and reach before, after and the
        change), ``mean_degree_change``, ``mean_reach_change`` (paired means, after − before),
        ``role``, ``window``, ``n``.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.badhuis(residents=300, seed=1)
    >>> p = wn.empowerment.position_change(net, window=90)
    >>> p.n, p.mean_degree_change
    (4, 40.0)
    >>> p.to_frame().columns.tolist()
    ['role_date', 'degree_before', 'degree_after', 'degree_change', 'reach_before', 'reach_after', 'reach_change']
    """
    net = _args.network(net, "position_change", dated=True)
    role = _role(role, "position_change")
    w = _args.real(window, "window", "position_change")
    if w is None or not w > 0:
        raise _args.error(
            "position_change", "window", window, "give the window as a number of days > 0, e.g. 90"
        )
    spec = _args.native_projection(projection, "position_change")
    d = _args.call(
        "position_change",
        _native.empowerment_position_change,
        net._net,
        role,
        w,
        threads=_args.threads(threads, "position_change"),
        progress=progress,
        desc="position_change",
        projection=spec,
    )
    unit = _unit(net)
    cols: dict[str, Any] = {"role_date": _dt(d["role_date"], unit)}
    for m in ("degree", "reach"):
        b = np.asarray(d[f"{m}_before"], dtype="int64")
        a = np.asarray(d[f"{m}_after"], dtype="int64")
        cols[f"{m}_before"], cols[f"{m}_after"], cols[f"{m}_change"] = b, a, a - b
    table = pd.DataFrame(cols, index=_residents(net, d["resident"]))
    return PositionChange(
        table=table,
        mean_degree_change=float(d["mean_degree_change"]),
        mean_reach_change=float(d["mean_reach_change"]),
        role=role,
        window=w,
        n=len(table),
    )
