"""Change over time: periods, growth, retention, survival of participation, ties formed after
joining, tie persistence and before/after comparisons with bootstrap intervals.

Definitions follow docs/metrics.md ("Time"). Dates are those of the register, in its unit ("D",
"s" or "ms"); calendar periods (months, quarters, years) are aligned to the calendar in UTC,
before 1970 too. Every duration argument (``within``, ``gap``) is in days.

* :func:`periods` — the network split into consecutive periods (views sharing the register).
* :func:`growth`, :func:`retention` — counts per period; :func:`spells` and :func:`survival` —
  Kaplan–Meier survival of participation with a dropout gap.
* :func:`tie_formation`, :func:`tie_formation_summary` — distinct co-participants by
  t0 + Δ after each resident's first attendance t0, and the share of newcomers with a tie
  (the network counterpart of "got to know other residents through the activities").
* :func:`persistence`, :func:`persistence_ties` — ties kept, lost and gained between two
  graphs (periods or waves), Jaccard stability.
* :func:`compare` — metrics before and after, the difference, a bootstrap interval that
  resamples residents, and per-resident paired deltas.

Examples
--------
>>> import wijknet as wn
>>> net = wn.datasets.badhuis(residents=300, seed=1)
>>> g = wn.temporal.growth(net, freq="Q")
>>> g.index.tolist()
['2025Q1', '2025Q2', '2025Q3', '2025Q4']
>>> int(g["new"].sum()) == len(net.residents)
True
"""

from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from . import _args, _frames, _groups, _intervals
from . import _wijknet as _native
from ._errors import ArgumentError
from ._results import Result, format_frame
from .graph import Graph
from .network import Network

__all__ = [
    "periods",
    "growth",
    "retention",
    "spells",
    "survival",
    "tie_formation",
    "tie_formation_summary",
    "persistence",
    "persistence_ties",
    "compare",
    "Comparison",
    "METRICS",
]

#: Metrics :func:`compare` knows, in its default order.
METRICS = (
    "mean_degree",
    "share_with_tie",
    "mean_clustering",
    "density",
    "components",
    "largest_component_share",
)

_UNITS_PER_DAY = {"D": 1, "s": 86_400, "ms": 86_400_000}

Freq: TypeAlias = str | int


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
def _unit(net: Network) -> str:
    """The date unit of a network that :func:`_net` accepted (it has dates)."""
    unit = net.date_unit
    assert unit is not None
    return unit


def _freq(freq: Any, fn: str) -> str:
    if isinstance(freq, str) and freq in ("M", "Q", "Y"):
        return freq
    if isinstance(freq, numbers.Integral) and not isinstance(freq, bool) and int(freq) >= 1:
        return f"{int(freq)}D"
    if isinstance(freq, str) and freq.endswith("D") and freq[:-1].isdigit() and int(freq[:-1]) >= 1:
        return freq
    raise ArgumentError(
        f'{fn}(freq={freq!r}): give "M" (months), "Q" (quarters), "Y" (years) or a number of days (e.g. 7)'
    )


def _days(values: Any, name: str, fn: str) -> list:
    if isinstance(values, numbers.Integral) and not isinstance(values, bool):
        values = [values]
    try:
        out = [int(v) for v in values]
    except (TypeError, ValueError):
        raise ArgumentError(
            f"{fn}({name}={values!r}): give whole numbers of days, e.g. [30, 90, 180]"
        ) from None
    if any(v < 0 for v in out) or any(float(v) != float(w) for v, w in zip(out, values, strict=False)):
        raise ArgumentError(f"{fn}({name}={values!r}): give whole numbers of days ≥ 0, e.g. [30, 90, 180]")
    if not out:
        raise ArgumentError(f"{fn}({name}=[]): give at least one horizon in days")
    if len(set(out)) != len(out):
        raise ArgumentError(f"{fn}({name}={values!r}): horizons repeat")
    return out


def _dt(values: Any, unit: str) -> np.ndarray:
    return _frames.dates_to_datetime(np.asarray(values, dtype="int64"), unit)


def _period_frame(labels: list, start: Any, end: Any, unit: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"start": _dt(start, unit), "end": _dt(end, unit)},
        index=pd.Index(labels, name="period"),
    )


def _bound(value: Any, unit: str, what: str, fn: str) -> int | None:
    return _frames.to_unit(value, unit, f"{fn}({what}=...)")


def _window(value: Any, unit: str, what: str, fn: str) -> tuple:
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise ArgumentError(
            f"{fn}({what}={value!r}): give a (start, end) pair of dates, e.g. ('2024-01-01', '2024-07-01'); "
            "start is inclusive, end exclusive, either may be None"
        )
    return (_bound(value[0], unit, what, fn), _bound(value[1], unit, what, fn))


# ---------------------------------------------------------------------------------------------
# periods, growth, retention
# ---------------------------------------------------------------------------------------------
def periods(net: Network, *, freq: Freq = "M", cumulative: bool = False) -> list:
    """The network split into consecutive calendar periods, each a view of the same register
    (no copy of the data).

    Parameters
    ----------
    net
        A dated network.
    freq
        "M" (calendar months), "Q" (quarters from January), "Y" (years), or an integer number
        of days (runs of that many days from the first day with an attendance). Months and
        quarters follow the calendar in UTC in the register's date unit ("D", "s", "ms").
    cumulative
        True: each view holds everything from the start up to the end of its period.

    Returns
    -------
    list of (label, Network)
        Labels "2025-03", "2025Q1", "2025", or the first day ("2025-03-01") of a run of days;
        every period from the first attendance to the last, empty ones included. A period's
        view equals ``net.window(start, end)`` of its bounds.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "bob", "ann"], "activity": ["dance"] * 3,
    ...                    "date": ["2025-01-06", "2025-01-20", "2025-03-03"]})
    >>> net = wn.Network.from_attendance(df, date="date")
    >>> [(label, len(view.residents)) for label, view in wn.temporal.periods(net)]
    [('2025-01', 2), ('2025-02', 0), ('2025-03', 1)]
    >>> [label for label, _ in wn.temporal.periods(net, freq="Q", cumulative=True)]
    ['2025Q1']
    """
    net = _args.network(net, "periods", dated=True)
    d = _native.temporal_periods(net._net, _freq(freq, "periods"), bool(cumulative))
    return [(label, Network(view)) for label, view in zip(d["label"], d["network"], strict=False)]


def growth(
    net: Network,
    *,
    freq: Freq = "M",
    projection: Any = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> pd.DataFrame:
    """Growth per period: residents, activities, sessions, attendances, ties, new and
    returning residents.

    Parameters
    ----------
    net
        A dated network (or view).
    freq
        As :func:`periods`.
    projection
        How to project each period for the ties counted: a :class:`~wijknet.Projection` or a
        dict of :meth:`Network.project` keywords, e.g. ``{"unit": "session", "min_weight":
        2}`` (None: the default projection). Each period is projected on its own: a tie needs
        both residents in a shared unit within the period.
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    pandas.DataFrame
        Indexed by period label; columns ``start``, ``end`` (datetimes), ``residents``,
        ``activities``, ``sessions``, ``attendances`` (distinct resident × session),
        ``ties``, ``new`` (first attendance in ``net`` falls in the period) and ``returning``
        (active, first attended earlier).

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "bob", "ann", "cas"],
    ...                    "activity": ["dance", "dance", "yoga", "yoga"],
    ...                    "date": ["2025-01-06", "2025-01-06", "2025-02-03", "2025-02-03"]})
    >>> net = wn.Network.from_attendance(df, date="date")
    >>> wn.temporal.growth(net)[["residents", "ties", "new", "returning"]]
             residents  ties  new  returning
    period
    2025-01          2     1    2          0
    2025-02          2     1    1          1
    """
    net = _args.network(net, "growth", dated=True)
    spec = _args.native_projection(projection, "growth")
    d = _args.call(
        "growth",
        _native.temporal_growth,
        net._net,
        _freq(freq, "growth"),
        threads=_args.threads(threads, "growth"),
        progress=progress,
        desc="growth",
        projection=spec,
    )
    out = _period_frame(d["label"], d["start"], d["end"], _unit(net))
    for name in ("residents", "activities", "sessions", "attendances", "ties", "new", "returning"):
        out[name] = np.asarray(d[name], dtype="int64")
    return out


def retention(net: Network, *, freq: Freq = "M") -> pd.DataFrame:
    """Retention: of the residents active in a period, how many are active again in the next.

    Parameters
    ----------
    net
        A dated network (or view).
    freq
        As :func:`periods`.

    Returns
    -------
    pandas.DataFrame
        Indexed by period label; ``start``, ``end``, ``active``, ``retained`` (active in p
        and in p + 1), ``retention`` (retained / active; NaN for the last period and for
        periods without activity) and ``from_previous`` (active in p and in p − 1).

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "bob", "ann", "bob"], "activity": ["dance"] * 4,
    ...                    "date": ["2025-01-06", "2025-01-07", "2025-02-03", "2025-03-03"]})
    >>> net = wn.Network.from_attendance(df, date="date")
    >>> wn.temporal.retention(net)[["active", "retained", "retention"]]
             active  retained  retention
    period
    2025-01       2         1        0.5
    2025-02       1         0        0.0
    2025-03       1         0        NaN
    """
    net = _args.network(net, "retention", dated=True)
    d = _native.temporal_retention(net._net, _freq(freq, "retention"))
    out = _period_frame(d["label"], d["start"], d["end"], _unit(net))
    out["active"] = np.asarray(d["active"], dtype="int64")
    out["retained"] = np.asarray(d["retained"], dtype="int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = out["retained"].to_numpy(float) / out["active"].to_numpy(float)
    if len(rate):
        rate[-1] = np.nan
    rate[out["active"].to_numpy() == 0] = np.nan
    out["retention"] = rate
    out["from_previous"] = np.asarray(d["from_previous"], dtype="int64")
    return out


# ---------------------------------------------------------------------------------------------
# survival
# ---------------------------------------------------------------------------------------------
def spells(net: Network, *, gap: float = 90) -> pd.DataFrame:
    """Each resident's first spell of participation, with a dropout gap (docs/metrics.md, "Time").

    The spell starts at the first attendance and continues while each next attendance follows
    within ``gap`` days (exactly ``gap`` days continues it). It ends at the last attendance
    before the first longer gap: a dropout. A resident whose attendances never leave such a
    gap and whose last attendance is within ``gap`` days of the data's end (the last date in
    ``net``) is *censored*: still participating as far as the data tell. Returning after a
    dropout starts a new spell, which is not counted.

    Parameters
    ----------
    net
        A dated network (or view).
    gap
        Days without attendance after which a resident counts as dropped out.

    Returns
    -------
    pandas.DataFrame
        Indexed by resident: ``first``, ``last`` (datetimes), ``duration`` (days from first
        to last, float) and ``dropped`` (True: dropout observed; False: censored).

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "ann", "ann", "bob", "bob"], "activity": ["dance"] * 5,
    ...                    "date": ["2025-01-01", "2025-01-31", "2025-07-20", "2025-05-31", "2025-07-20"]})
    >>> wn.temporal.spells(wn.Network.from_attendance(df, date="date"), gap=90)[["duration", "dropped"]]
              duration  dropped
    resident
    ann           30.0     True
    bob           50.0    False
    """
    net = _args.network(net, "spells", dated=True)
    gap = _gap(gap, "spells")
    d = _native.temporal_spells(net._net, gap)
    res, first, last, dropped = d["resident"], d["first"], d["last"], d["dropped"]
    unit = _unit(net)
    index = net._all_residents()[np.asarray(res, dtype=np.intp)]
    dur = (np.asarray(last, dtype="int64") - np.asarray(first, dtype="int64")) / _UNITS_PER_DAY[unit]
    return pd.DataFrame(
        {
            "first": _dt(first, unit),
            "last": _dt(last, unit),
            "duration": dur.astype(float),
            "dropped": np.asarray(dropped, dtype=bool),
        },
        index=index,
    )


def _gap(gap: Any, fn: str) -> float:
    if isinstance(gap, bool) or not isinstance(gap, numbers.Real) or not np.isfinite(float(gap)) or gap < 0:
        raise ArgumentError(f"{fn}(gap={gap!r}): give the dropout gap as a number of days ≥ 0, e.g. 90")
    return float(gap)


def _km(durations: np.ndarray, events: np.ndarray) -> pd.DataFrame:
    cols = _native.kaplan_meier(
        np.ascontiguousarray(durations, dtype=float), np.ascontiguousarray(events, dtype=bool)
    )
    names = ("time", "at_risk", "events", "censored", "survival", "std_err")
    return pd.DataFrame({n: cols[n] for n in names}).astype(
        {"at_risk": "int64", "events": "int64", "censored": "int64"}
    )


def survival(net: Network, *, gap: float = 90, by: Any = None) -> pd.DataFrame:
    """Kaplan–Meier survival of participation, with the dropout gap and censoring rule of
    :func:`spells`.

    Parameters
    ----------
    net
        A dated network.
    gap
        Dropout gap in days (default 90).
    by
        Optional resident attribute (a column name or a Series indexed by resident): one
        curve per group (residents without a value are left out, with a warning).

    Returns
    -------
    pandas.DataFrame
        One row per distinct duration (per group): ``time`` (days since the first
        attendance), ``at_risk``, ``events`` (dropouts), ``censored``, ``survival`` (the
        product-limit estimate S(t)) and ``std_err`` (Greenwood). With ``by``, a first column
        names the group. Ready for ``plot(x="time", y="survival", drawstyle="steps-post")``.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "ann", "ann", "bob", "bob"], "activity": ["dance"] * 5,
    ...                    "date": ["2025-01-01", "2025-01-31", "2025-07-20", "2025-05-31", "2025-07-20"]})
    >>> wn.temporal.survival(wn.Network.from_attendance(df, date="date"), gap=90)
       time  at_risk  events  censored  survival   std_err
    0  30.0        2       1         0       0.5  0.353553
    1  50.0        1       0         1       0.5  0.353553
    """
    net = _args.network(net, "survival", dated=True)
    s = spells(net, gap=gap)
    if by is None:
        return _km(s["duration"].to_numpy(), s["dropped"].to_numpy())
    values, name = _groups.node_values(net, by, "survival")
    codes, cats = _groups.factorize(values, name, "survival", "they are left out", stacklevel=2)
    frames = []
    for k, cat in enumerate(cats):
        keep = codes == k
        t = _km(s["duration"].to_numpy()[keep], s["dropped"].to_numpy()[keep])
        t.insert(0, name, cat)
        frames.append(t)
    if not frames:
        return _km(np.array([]), np.array([], dtype=bool)).assign(**{name: []})[
            [name, "time", "at_risk", "events", "censored", "survival", "std_err"]
        ]
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------------------------------------
# tie formation
# ---------------------------------------------------------------------------------------------
def _tie_rule(projection: Any, net: Network, fn: str) -> tuple:
    """(unit, min_weight) of the tie rule of :func:`tie_formation` from ``projection=``."""
    spec = _args.projection(projection, fn, graph_ok=False)
    if spec.weight != "count" or spec.max_activity_size is not None or spec.pair_budget is not None:
        raise _args.error(
            fn,
            "projection",
            projection,
            "tie formation counts shared sessions or activities: give only unit and min_weight, "
            "e.g. {'unit': 'activity', 'min_weight': 2}",
        )
    mw = spec.min_weight
    if mw is None:
        mw = 1
    elif float(mw) != int(mw) or mw < 1:
        raise _args.error(
            fn, "projection", projection, "min_weight is a whole number ≥ 1 of shared units here"
        )
    return spec.unit_for(net), int(mw)


def tie_formation(
    net: Network,
    *,
    within: int | Sequence[int] = (30, 90, 180),
    projection: Any = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> pd.DataFrame:
    """Ties formed after joining: for each resident, the first attendance t0, the distinct
    co-participants by t0 + Δ days for each Δ, and the time to the first tie.

    Definitions (only the rows of ``net`` count, for both residents):

    * unit ``"session"`` (the default for a dated register): j counts for i by time T when
      both attended at least ``min_weight`` common sessions dated ≤ T (they were there
      together).
    * unit ``"activity"``: an activity counts as shared by T when both attended it, each at a
      date ≤ T (each one's first attendance of it ≤ T; j may have attended long before i
      joined, or join later); j counts when ≥ ``min_weight`` activities are shared by T.

    Horizons are inclusive (≤ t0 + Δ) and given in days whatever the date unit.

    Parameters
    ----------
    net
        A dated network (or view, e.g. ``net.filter(roles="participant")``).
    within
        Horizons Δ in whole days (default 30, 90, 180).
    projection
        What makes a tie: a :class:`~wijknet.Projection` or a dict with ``unit``
        (``"session"``, the default, or ``"activity"``) and ``min_weight`` (shared sessions or
        activities needed, a whole number; default 1). Ties here are counted, so ``weight``
        stays ``"count"``.
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    pandas.DataFrame
        Indexed by resident (the order of ``net.residents``): ``first_date``; one column
        ``ties_{Δ}d`` per horizon (nullable integers: <NA> where t0 + Δ lies after the data's
        last date, as the horizon is not fully observed); ``days_to_first_tie`` (float days,
        NaN when no tie forms in the data).

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "bob", "ann", "cas", "dee"],
    ...                    "activity": ["dance", "dance", "yoga", "yoga", "chess"],
    ...                    "date": ["2025-01-01", "2025-01-11", "2025-01-06", "2025-04-11", "2025-09-01"]})
    >>> net = wn.Network.from_attendance(df, date="date")
    >>> wn.temporal.tie_formation(net, within=[30, 180], projection={"unit": "activity"})
             first_date  ties_30d  ties_180d  days_to_first_tie
    resident
    ann      2025-01-01         1          2               10.0
    bob      2025-01-11         1          1                0.0
    cas      2025-04-11         1       <NA>                0.0
    dee      2025-09-01      <NA>       <NA>                NaN
    """
    net = _args.network(net, "tie_formation", dated=True)
    days = _days(within, "within", "tie_formation")
    unit, min_weight = _tie_rule(projection, net, "tie_formation")
    d = _args.call(
        "tie_formation",
        _native.temporal_tie_formation,
        net._net,
        days,
        unit,
        min_weight,
        threads=_args.threads(threads, "tie_formation"),
        progress=progress,
        desc="tie formation",
    )
    res, first, counts, first_tie, end = d["resident"], d["first"], d["counts"], d["first_tie"], d["end"]
    unit_ = _unit(net)
    upd = _UNITS_PER_DAY[unit_]
    first = np.asarray(first, dtype="int64")
    index = net._all_residents()[np.asarray(res, dtype=np.intp)]
    data: dict = {"first_date": _dt(first, unit_)}
    counts = np.asarray(counts)
    for k, d in enumerate(days):
        col = pd.array(counts[:, k].astype("int64"), dtype="Int64")
        col[first + d * upd > end] = pd.NA
        data[f"ties_{d}d"] = col
    ft = np.asarray(first_tie, dtype="int64")
    data["days_to_first_tie"] = np.where(ft < 0, np.nan, ft / upd)
    return pd.DataFrame(data, index=index)


def tie_formation_summary(
    net: Network,
    *,
    within: int | Sequence[int] = (30, 90, 180),
    projection: Any = None,
    min_ties: int = 1,
    by: Any = None,
    joined: tuple | None = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> pd.DataFrame:
    """The share of newcomers with at least ``min_ties`` ties by Δ days after joining, overall
    and by group — the network counterpart of "got to know other residents".

    Parameters
    ----------
    net, within, projection, threads, progress
        As :func:`tie_formation`.
    min_ties
        Co-participants needed to count (default 1).
    by
        Optional resident attribute (name or Series indexed by resident): one row per group and Δ.
    joined
        Optional (start, end) window: only residents whose first attendance lies in
        ``[start, end)`` are newcomers (default: every resident of ``net``).

    Returns
    -------
    pandas.DataFrame
        Columns [group,] ``within`` (days), ``newcomers`` (newcomers whose horizon t0 + Δ is
        observed, i.e. ≤ the data's last date), ``with_ties`` and ``share``.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "bob", "ann", "cas", "dee"],
    ...                    "activity": ["dance", "dance", "yoga", "yoga", "chess"],
    ...                    "date": ["2025-01-01", "2025-01-11", "2025-01-06", "2025-04-11", "2025-09-01"]})
    >>> net = wn.Network.from_attendance(df, date="date")
    >>> wn.temporal.tie_formation_summary(net, within=[30, 180], projection={"unit": "activity"})
       within  newcomers  with_ties  share
    0      30          3          3    1.0
    1     180          2          2    1.0
    """
    if isinstance(min_ties, bool) or not isinstance(min_ties, numbers.Integral) or min_ties < 1:
        raise ArgumentError(f"tie_formation_summary(min_ties={min_ties!r}): give a whole number ≥ 1")
    t = tie_formation(net, within=within, projection=projection, threads=threads, progress=progress)
    days = _days(within, "within", "tie_formation_summary")
    keep = np.ones(len(t), dtype=bool)
    if joined is not None:
        lo, hi = _window(joined, _unit(net), "joined", "tie_formation_summary")
        first = t["first_date"].to_numpy()
        unit_ = _unit(net)
        f = (
            first.astype(f"datetime64[{unit_}]").astype("int64")
            if unit_ != "D"
            else first.astype("datetime64[D]").astype("int64")
        )
        if lo is not None:
            keep &= f >= lo
        if hi is not None:
            keep &= f < hi

    def rows(mask: np.ndarray) -> list:
        out = []
        for d in days:
            col = t[f"ties_{d}d"][mask]
            observed = col.notna()
            n = int(observed.sum())
            w = int((col[observed] >= min_ties).sum())
            out.append({"within": d, "newcomers": n, "with_ties": w, "share": w / n if n else np.nan})
        return out

    if by is None:
        return pd.DataFrame(rows(keep))
    values, name = _groups.node_values(net, by, "tie_formation_summary")
    codes, cats = _groups.factorize(values, name, "tie_formation_summary", "they are left out", stacklevel=2)
    frames = []
    for k, cat in enumerate(cats):
        f = pd.DataFrame(rows(keep & (codes == k)))
        f.insert(0, name, cat)
        frames.append(f)
    return (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=[name, "within", "newcomers", "with_ties", "share"])
    )


# ---------------------------------------------------------------------------------------------
# persistence
# ---------------------------------------------------------------------------------------------
def _graphs(g1: Any, g2: Any, fn: str) -> None:
    for name, g in (("g1", g1), ("g2", g2)):
        if not isinstance(g, Graph):
            raise ArgumentError(
                f"{fn}({name}=...): give a wijknet Graph (e.g. a period's projection), not {type(g).__name__}"
            )


def persistence(g1: Graph, g2: Graph) -> pd.Series:
    """Tie persistence between two graphs (two periods or survey waves), nodes aligned by id:
    ties kept (N11), lost (N10) and gained (N01), and the Jaccard stability
    N11 / (N01 + N10 + N11) over dyads (docs/metrics.md, "Time"). Weights are ignored: threshold ties with
    ``min_weight`` when projecting.

    Parameters
    ----------
    g1, g2
        The graphs of two periods (nodes aligned by id).

    Returns
    -------
    pandas.Series
        ``kept``, ``lost``, ``gained``, ``jaccard`` (NaN when neither graph has a tie),
        ``nodes_1``, ``nodes_2``, ``common_nodes``.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> g1 = wn.Graph.from_edges(pd.DataFrame({"source": [1, 2], "target": [2, 3]}))
    >>> g2 = wn.Graph.from_edges(pd.DataFrame({"source": [3, 2], "target": [2, 4]}))
    >>> wn.temporal.persistence(g1, g2)[["kept", "lost", "gained", "jaccard"]].tolist()
    [1.0, 1.0, 1.0, 0.3333333333333333]
    """
    _graphs(g1, g2, "persistence")
    d = _native.temporal_persistence(g1._g, g2._g)
    keys = ("kept", "lost", "gained", "jaccard", "nodes_1", "nodes_2", "common_nodes")
    return pd.Series({k: d[k] for k in keys}, name="persistence", dtype=float)


def persistence_ties(g1: Graph, g2: Graph) -> pd.DataFrame:
    """Every tie of either graph with its status: "kept", "lost" (only in ``g1``) or
    "gained" (only in ``g2``); nodes aligned by id. Undirected ties are listed once.

    Parameters
    ----------
    g1, g2
        The graphs of two periods (nodes aligned by id).

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target`` and ``status`` (categorical), one row per tie of either graph.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> g1 = wn.Graph.from_edges(pd.DataFrame({"source": [1, 2], "target": [2, 3]}))
    >>> g2 = wn.Graph.from_edges(pd.DataFrame({"source": [3, 2], "target": [2, 4]}))
    >>> wn.temporal.persistence_ties(g1, g2)
       source  target  status
    0       1       2    lost
    1       2       3    kept
    2       2       4  gained
    """
    _graphs(g1, g2, "persistence_ties")
    d = _native.temporal_persistence(g1._g, g2._g)
    ids, a, b, s = d["ids"], d["a"], d["b"], d["status"]
    ids = _frames.to_index(ids, "node")
    status = np.array(["kept", "lost", "gained"], dtype=object)[np.asarray(s, dtype=np.intp)]
    return pd.DataFrame(
        {
            "source": ids[np.asarray(a, dtype=np.intp)].to_numpy(),
            "target": ids[np.asarray(b, dtype=np.intp)].to_numpy(),
            "status": pd.Categorical(status, categories=["kept", "lost", "gained"]),
        }
    )


# ---------------------------------------------------------------------------------------------
# before/after
# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, repr=False)
class Comparison(Result):
    """The result of :func:`compare`.

    Attributes
    ----------
    summary
        Indexed by metric: ``before``, ``after``, ``difference`` (after − before),
        ``ci_low``, ``ci_high`` (percentile interval at ``level``), ``std_err`` (sd of the
        replicate differences), ``calibrated`` (whether the metric's 95% interval covered
        93–97% in simulations; read one that is not as a rough guide) and ``coverage`` (the
        coverage measured; see :func:`compare`). ``to_frame()`` returns it.
    paired
        Indexed by the residents present in both periods: for each per-resident metric asked
        (mean_degree → ``degree``, share_with_tie → ``has_tie``, mean_clustering →
        ``clustering``) the value before, after and the delta.
    replicates
        The bootstrap differences, one row per replicate, one column per metric.
    residents
        Residents before, after and in both (a Series).
    seed
        The seed of the bootstrap (also when drawn fresh): pass it to reproduce the intervals.
    """

    summary: pd.DataFrame
    paired: pd.DataFrame
    replicates: pd.DataFrame
    residents: pd.Series
    seed: int

    def _frame(self) -> pd.DataFrame:
        """The summary table (one row per metric)."""
        return self.summary

    def _head(self) -> str:
        r = self.residents
        return (
            f"{r['before']:,} residents before, {r['after']:,} after, {r['both']:,} in both; "
            f"{len(self.replicates):,} bootstrap replicates, seed {self.seed}"
        )

    def __repr__(self) -> str:
        return f"Comparison ({self._head()})\n{format_frame(self.summary).to_string()}"

    def _repr_html_(self) -> str:
        import html

        body = format_frame(self.summary).to_html(border=0)
        return f"<div><b>Comparison</b><p>{html.escape(self._head())}</p>{body}</div>"


_PAIRED_NAMES = {"mean_degree": "degree", "share_with_tie": "has_tie", "mean_clustering": "clustering"}


def compare(
    net: Network,
    *,
    before: tuple,
    after: tuple,
    metrics: Iterable[str] | None = None,
    n: int = 1000,
    level: float = 0.95,
    seed: int | None = None,
    projection: Any = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> Comparison:
    """The same metrics in two periods, their difference with a bootstrap confidence
    interval that resamples residents, and per-resident paired deltas.

    Each period is the window ``[start, end)`` projected with ``projection``. The bootstrap
    draws residents of *either* period (so residents who joined or left are included) with
    replacement, as many as there are; in each period only the drawn residents present there
    count. Per-resident metrics — ``mean_degree`` (mean distinct co-participants),
    ``share_with_tie``, ``mean_clustering`` (local, 0 below degree 2) — average the drawn
    residents' values in the period's projection. Whole-network metrics — ``density``,
    ``components``, ``largest_component_share`` — are computed on the vertex-bootstrap graph
    (one node per draw, ties between draws of different tied residents; Snijders & Borgatti
    1999). The interval is the percentile interval of the replicate differences. Replicate b
    uses the ChaCha stream (seed, b): a seed gives the same result on any number of threads.

    Not every interval here means what it says. ``summary`` has a column ``calibrated``
    (True where a nominal 95% interval covered the true difference in 93–97% of simulated
    registers) and ``coverage`` (the coverage measured: of the models and register sizes
    studied, the one farthest from 95%). Read an interval with ``calibrated`` False as a rough guide only; the
    evaluation report shows none for it. Measured (docs/metrics.md, "Intervals and their
    coverage"; ``benches/coverage.py``, ``benches/temporal_coverage.py``; 1000 registers each,
    Monte-Carlo standard error under 1.5 points):

    ==========================  ======================  ========================
    metric                      registers of activities configuration model
    ==========================  ======================  ========================
    ``mean_degree``             68%                     92%
    ``share_with_tie``          95%                     94%
    ``mean_clustering``         94%                     79%
    ``density``                 95%                     100%
    ``components``              96%                     90%
    ``largest_component_share`` 98%                     75%
    ==========================  ======================  ========================

    Registers of activities: 300 residents, 12 recurring activities, attendance rising
    between the periods, ties met at two sessions. Configuration model: independent Poisson
    degrees, λ 3 → 4, 300 residents each period, 200 in both. Only ``share_with_tie`` is
    calibrated on both. Every tie counts at both of its ends, so residents' degrees are not
    independent values when ties come from shared sessions; the evaluation report takes the
    change in mean degree from each period's per-resident degrees with a paired interval that
    counts each tie at both ends (95%). The
    whole-network statistics cover well in one model and badly in the other: their intervals
    depend on how the network is built.

    Parameters
    ----------
    net
        A dated network.
    before, after
        (start, end) windows: dates as in :meth:`Network.window` (start inclusive, end
        exclusive; either may be None).
    metrics
        Names from :data:`METRICS` (default: all).
    n
        Bootstrap replicates (default 1000; 0 gives no interval).
    level
        Confidence level (default 0.95).
    seed
        Integer ≥ 0 for reproducible intervals (None: a fresh seed, recorded on the result as
        ``.seed``).
    projection
        How to project each period: a :class:`~wijknet.Projection` or a dict of
        :meth:`Network.project` keywords (None: the default projection).
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    Comparison
        ``.summary``, ``.paired``, ``.replicates``, ``.residents``, ``.seed``.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({"resident": ["ann", "bob", "ann", "bob", "cas"],
    ...                    "activity": ["dance", "yoga", "chess", "chess", "chess"],
    ...                    "date": ["2025-01-06"] * 2 + ["2025-03-03"] * 3})
    >>> net = wn.Network.from_attendance(df, date="date")
    >>> c = wn.temporal.compare(net, before=(None, "2025-02-01"), after=("2025-02-01", None),
    ...                         metrics=["mean_degree", "density"], n=200, seed=1)
    >>> c.summary[["before", "after", "difference"]]
                 before  after  difference
    metric
    mean_degree     0.0    2.0         2.0
    density         0.0    1.0         1.0
    >>> c.paired
              degree_before  degree_after  degree_delta
    resident
    ann                 0.0           2.0           2.0
    bob                 0.0           2.0           2.0
    """
    return _compare(
        net,
        before=before,
        after=after,
        metrics=metrics,
        n=n,
        level=level,
        seed=seed,
        projection=projection,
        threads=threads,
        progress=progress,
        native=_native.temporal_compare,
    )


def _compare(
    net: Network,
    *,
    before: tuple,
    after: tuple,
    metrics: Iterable[str] | None,
    n: int,
    level: float,
    seed: int | None,
    projection: Any,
    threads: int | None,
    progress: _args.ProgressArg,
    native: Callable[..., Any],
) -> Comparison:
    """:func:`compare` with its native call given (``native`` takes the arguments of
    ``_wijknet.temporal_compare``; :mod:`wijknet.dask` spreads the replicates over workers)."""
    net = _args.network(net, "compare", dated=True)
    unit = _unit(net)
    b = _window(before, unit, "before", "compare")
    a = _window(after, unit, "after", "compare")
    names = list(METRICS) if metrics is None else ([metrics] if isinstance(metrics, str) else list(metrics))
    if not names:
        raise ArgumentError(f"compare(metrics=[]): give at least one of {', '.join(METRICS)}")
    bad = [m for m in names if m not in METRICS]
    if bad:
        raise ArgumentError(
            f"compare(metrics=...): unknown metric(s) {bad!r}; choose from {', '.join(METRICS)}"
        )
    n = _args.whole(n, "n", "compare", hint=" of bootstrap replicates")
    seed = _args.resolve_seed(seed, "compare")
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        raise ArgumentError(f"compare(level={level!r}): give a number between 0 and 1, e.g. 0.95")
    spec = _args.native_projection(projection, "compare")
    d = _args.call(
        "compare",
        native,
        net._net,
        b,
        a,
        names,
        int(n),
        float(level),
        int(seed),
        threads=_args.threads(threads, "compare"),
        progress=progress,
        desc="bootstrap",
        projection=spec,
    )
    mindex = pd.Index(d["metrics"], name="metric")
    summary = pd.DataFrame(
        {
            k: np.asarray(d[k], dtype=float)
            for k in ("before", "after", "difference", "ci_low", "ci_high", "std_err")
        },
        index=mindex,
    )
    measured = [_intervals.coverage(f"compare:{m}") for m in d["metrics"]]
    summary["calibrated"] = np.array([c.calibrated for c in measured], dtype=bool)
    summary["coverage"] = np.array([c.coverage for c in measured], dtype=float)
    residents = net._all_residents()[np.asarray(d["paired_residents"], dtype=np.intp)]
    cols: dict = {}
    for m in d["metrics"]:
        if m in d["paired"]:
            bv, av = d["paired"][m]
            short = _PAIRED_NAMES[m]
            cols[f"{short}_before"] = np.asarray(bv, dtype=float)
            cols[f"{short}_after"] = np.asarray(av, dtype=float)
            cols[f"{short}_delta"] = np.asarray(av, dtype=float) - np.asarray(bv, dtype=float)
    paired = pd.DataFrame(cols, index=residents)
    replicates = pd.DataFrame(
        np.asarray(d["replicates"], dtype=float).reshape(-1, len(names)), columns=mindex
    )
    residents_n = pd.Series(
        {"before": int(d["n_before"]), "after": int(d["n_after"]), "both": int(d["n_both"])}, name="residents"
    )
    return Comparison(
        summary=summary, paired=paired, replicates=replicates, residents=residents_n, seed=int(seed)
    )
