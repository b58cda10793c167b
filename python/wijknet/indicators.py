"""The building blocks of the evaluation report's indicators, usable on their own.

:func:`wijknet.evaluate` prints beside every value the call that reproduces it; where no other
wijknet function gives the value directly, the call is one of these. Definitions are in the
metrics reference (``docs/metrics.md``, "The evaluation report").

* :func:`big_sessions` and :func:`session_sizes` — sessions too big to count as meeting.
* :func:`role_residents`, :func:`took_role`, :func:`became_organiser`, :func:`days_to_role` —
  who has a role and who moved into one.
* :func:`tie_counts`, :func:`bonding`, :func:`linking`, :func:`met_other_group`,
  :func:`organiser_bridging` — ties within and across groups and roles.
* :func:`sensitive_connected_outside`, :func:`bridge_activities`,
  :func:`support_among_co_organisers`, :func:`respondents_more_connected`.

Examples
--------
>>> import wijknet as wn
>>> net = wn.datasets.badhuis(300, seed=1)
>>> wn.indicators.big_sessions(net)["big_sessions"].sum()
np.int64(1)
>>> g = net.project(unit="session", max_activity_size=wn.indicators.BIG_EVENT - 1)
>>> round(wn.indicators.bonding(g, "neighbourhood"), 3)
0.314
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _args
from .graph import Graph
from .metrics import degree
from .network import Network

__all__ = [
    "BIG_EVENT",
    "session_sizes",
    "big_sessions",
    "met_within",
    "role_residents",
    "took_role",
    "became_organiser",
    "days_to_role",
    "tie_counts",
    "bonding",
    "linking",
    "met_other_group",
    "organiser_bridging",
    "sensitive_connected_outside",
    "bridge_activities",
    "support_among_co_organisers",
    "respondents_more_connected",
]

BIG_EVENT: int = 50
"""The default session size from which a session counts as a big event, where being there
together is not meeting: at 50 people or more nobody can meet everyone."""


def session_sizes(net: Network) -> pd.DataFrame:
    """Per activity: its number of sessions and the participants of its largest session.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network`.

    Returns
    -------
    pandas.DataFrame
        Indexed by activity: ``sessions``, ``largest_session``.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "b", "a"], "activity": ["x", "x", "y"],
    ...                                    "date": ["2025-01-01", "2025-01-01", "2025-01-02"]}, date="date")
    >>> wn.indicators.session_sizes(net)
              sessions  largest_session
    activity
    x                1                2
    y                1                1
    """
    per_session = _per_session(_args.network(net, "indicators.session_sizes"))
    by_activity = per_session.groupby(level=0, observed=True, sort=False)
    out = pd.DataFrame(
        {"sessions": by_activity.size().astype("int64"), "largest_session": by_activity.max().astype("int64")}
    )
    out.index.name = "activity"
    return out


def _per_session(net: Network) -> pd.Series:
    """Participants per session, indexed by (activity, session or date)."""
    rows = net.to_frame()
    keys = ["activity"]
    if "session" in rows.columns:
        keys.append("session")
    elif "date" in rows.columns and rows["date"].notna().any():
        keys.append("date")
    return rows.groupby(keys, observed=True, sort=False, dropna=False)["resident"].nunique()


def big_sessions(net: Network, *, big_event: int = BIG_EVENT) -> pd.DataFrame:
    """Activities with big sessions: sessions of at least ``big_event`` participants, where
    being there together is not meeting. The report's projection leaves such sessions out
    (``max_activity_size=big_event - 1`` with ``unit="session"``).

    Parameters
    ----------
    net
        A :class:`~wijknet.Network`.
    big_event
        The smallest session size that counts as a big event (default :data:`BIG_EVENT`).

    Returns
    -------
    pandas.DataFrame
        Indexed by activity (only those with a big session): ``sessions``, ``big_sessions``,
        ``largest_session``.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.indicators.big_sessions(wn.datasets.badhuis(300, seed=1), big_event=50)
                                sessions  big_sessions  largest_session
    activity
    summer festival (centre 1)         1             1               59
    """
    fn = "indicators.big_sessions"
    big_event = _args.whole(big_event, "big_event", fn, minimum=2)
    per_session = _per_session(_args.network(net, fn))
    big = (per_session >= big_event).groupby(level=0, observed=True, sort=False).sum()
    sizes = session_sizes(net)
    sizes.insert(1, "big_sessions", big.reindex(sizes.index).astype("int64"))
    return sizes[sizes["big_sessions"] > 0]


def met_within(net: Network, *, days: int, big_event: int = BIG_EVENT) -> pd.Series:
    """For residents who first came at least ``days`` days before the register's last date:
    whether they met at least one other resident (at a session of fewer than ``big_event``
    people) within ``days`` days of their first visit.

    Parameters
    ----------
    net
        A dated :class:`~wijknet.Network`.
    days
        The days after the first visit (a whole number ≥ 0).
    big_event
        Sessions this size or larger do not count as meeting.

    Returns
    -------
    pandas.Series
        Booleans indexed by resident, named ``"met_within_<days>"``.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "b", "a", "c", "c"],
    ...     "activity": ["x", "y", "y", "z", "z"],
    ...     "date": ["2025-01-01", "2025-01-20", "2025-01-20", "2025-01-01", "2025-03-01"]}, date="date")
    >>> wn.indicators.met_within(net, days=30).tolist()  # c met nobody
    [True, True, False]
    """
    fn = "indicators.met_within"
    net = _args.network(net, fn, dated=True)
    days = _args.whole(days, "days", fn, minimum=0)
    rows = net.to_frame()
    keys = ["activity", "session"] if "session" in rows.columns else ["activity", "date"]
    size = rows.groupby(keys, observed=True, sort=False)["resident"].transform("nunique")
    first = rows.groupby("resident", observed=True, sort=False)["date"].min()
    met = rows[(size >= 2) & (size < big_event)].groupby("resident", observed=True, sort=False)["date"].min()
    last = rows["date"].max()
    first = first.reindex(net.residents)
    eligible = first[first + pd.Timedelta(days=days) <= last]
    gap = (met.reindex(eligible.index) - eligible).dt.days
    return (gap <= days).rename(f"met_within_{days}")


def role_residents(net: Network) -> pd.Index:
    """Residents who volunteered or organised at least once.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network`.

    Returns
    -------
    pandas.Index
        Resident ids, in register order.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "b"], "activity": ["x", "x"],
    ...                                    "role": ["participant", "organiser"]}, role="role")
    >>> list(wn.indicators.role_residents(net))
    ['b']
    """
    rows = _args.network(net, "indicators.role_residents").to_frame()
    if "role" not in rows.columns:
        return pd.Index([], name="resident")
    ids = rows.loc[rows["role"].astype(str) != "participant", "resident"].unique()
    return pd.Index(net.residents[net.residents.isin(ids)], name="resident")


def _started(net: Network, fn: str) -> pd.DataFrame:
    from .empowerment import trajectories

    return trajectories(_args.network(net, fn, dated=True))


def took_role(net: Network) -> pd.Series:
    """For residents who started as participants: whether they later volunteered or organised.

    Returns
    -------
    pandas.Series
        Booleans indexed by resident (only residents whose first attendance was as a
        participant), named ``"took_role"``; its mean is the share who took on a role.

    Parameters
    ----------
    net
        A dated :class:`~wijknet.Network` with roles.

    Returns
    -------
    pandas.Series
        Booleans indexed by resident (residents who started as participants), named
        ``"took_role"``; its mean is the share who took on a role.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "a", "b"], "activity": ["x", "x", "x"],
    ...     "date": ["2025-01-01", "2025-02-01", "2025-01-01"],
    ...     "role": ["participant", "volunteer", "participant"]}, date="date", role="role")
    >>> wn.indicators.took_role(net).tolist()
    [True, False]
    """
    t = _started(net, "indicators.took_role")
    first_role = t[["first_volunteer", "first_organiser"]].min(axis=1)
    started = first_role.isna() | (first_role > t["first"])
    return t.loc[started, "highest"].isin(["volunteer", "organiser"]).rename("took_role")


def became_organiser(net: Network) -> pd.Series:
    """For residents who did not organise at their first attendance: whether they organised
    later (booleans indexed by resident, named ``"became_organiser"``).

    Parameters
    ----------
    net
        A dated :class:`~wijknet.Network` with roles.

    Returns
    -------
    pandas.Series
        Booleans indexed by resident, named ``"became_organiser"``.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "a"], "activity": ["x", "x"],
    ...     "date": ["2025-01-01", "2025-02-01"], "role": ["participant", "organiser"]},
    ...     date="date", role="role")
    >>> wn.indicators.became_organiser(net).tolist()
    [True]
    """
    t = _started(net, "indicators.became_organiser")
    started = t["first_organiser"].isna() | (t["first_organiser"] > t["first"])
    return (t.loc[started, "highest"] == "organiser").rename("became_organiser")


def days_to_role(net: Network) -> pd.Series:
    """For residents who started as participants and later took on a role: days from their
    first attendance to their first attendance as volunteer or organiser.

    Parameters
    ----------
    net
        A dated :class:`~wijknet.Network` with roles.

    Returns
    -------
    pandas.Series
        Days indexed by resident, named ``"days_to_role"``.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "a"], "activity": ["x", "x"],
    ...     "date": ["2025-01-01", "2025-01-31"], "role": ["participant", "volunteer"]},
    ...     date="date", role="role")
    >>> wn.indicators.days_to_role(net).tolist()
    [30.0]
    """
    t = _started(net, "indicators.days_to_role")
    moved = took_role(net)
    days = t.loc[moved.index[moved.to_numpy()], ["days_to_volunteer", "days_to_organiser"]].min(axis=1)
    return days.rename("days_to_role")


def tie_counts(g: Graph, attribute: Any) -> pd.DataFrame:
    """Per node: ``ties`` to alters whose group is known (when its own is known) and ``within``
    of them in its own group; ``group`` the node's value. Each tie counts once at each end.

    Parameters
    ----------
    g
        An undirected graph (a projection).
    attribute
        A node attribute name or a Series indexed by node id.

    Parameters
    ----------
    g
        An undirected graph (a projection).
    attribute
        A node attribute name or a Series indexed by node id.

    Returns
    -------
    pandas.DataFrame
        Indexed by node: ``group``, ``ties``, ``within``.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"]}))
    >>> wn.indicators.tie_counts(g, pd.Series({"a": 1, "b": 1, "c": 2}))[["ties", "within"]]
          ties  within
    node
    a        2       1
    b        1       1
    c        1       0
    """
    from ._groups import node_values

    g = _args.graph(g, "indicators.tie_counts")
    values, _ = node_values(g, attribute, "indicators.tie_counts")
    values = pd.Series(values.to_numpy(), index=g.nodes)
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    a, b = _ends(g)
    ca, cb = codes[a], codes[b]
    known = (ca >= 0) & (cb >= 0)
    same = known & (ca == cb)
    n = len(g.nodes)
    within = np.bincount(a[same], minlength=n) + np.bincount(b[same], minlength=n)
    ties = np.bincount(a[known], minlength=n) + np.bincount(b[known], minlength=n)
    return pd.DataFrame(
        {"group": values, "ties": ties.astype("int64"), "within": within.astype("int64")},
        index=g.nodes,
    )


def _ends(g: Graph) -> tuple[np.ndarray, np.ndarray]:
    """Node positions of both ends of every tie."""
    e = g.edges()
    pos = pd.Series(np.arange(len(g.nodes)), index=g.nodes)
    return pos[e["source"]].to_numpy(), pos[e["target"]].to_numpy()


def bonding(g: Graph, attribute: Any, *, group: Any = None) -> float:
    """The share of ties within a group (bonding); 1 − it is the share across groups
    (bridging). With ``group=``: the share of that group's members' ties that stay in it.

    Parameters
    ----------
    g
        An undirected graph (a projection).
    attribute
        A node attribute name or a Series indexed by node id.
    group
        One group's value, or None for all groups.

    Returns
    -------
    float
        The share (NaN without ties between nodes with a known group).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"]}))
    >>> wn.indicators.bonding(g, pd.Series({"a": 1, "b": 1, "c": 2}))
    0.5
    """
    t = tie_counts(g, attribute)
    if group is not None:
        t = t[t["group"] == group]
    total = t["ties"].sum()
    return float(t["within"].sum() / total) if total else float("nan")


def linking(g: Graph, *, roles: Any) -> float:
    """The share of participants' ties that are with a resident who has a role (``roles``: the
    ids of volunteers and organisers, e.g. :func:`role_residents`).

    Parameters
    ----------
    g
        An undirected graph (a projection).
    roles
        The ids of residents with a role (e.g. :func:`role_residents`).

    Returns
    -------
    float
        The share (NaN when participants have no ties).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "c"]}))
    >>> wn.indicators.linking(g, roles=["c"])
    0.5
    """
    g = _args.graph(g, "indicators.linking")
    counts = _linking_counts(g, roles)
    total = counts["ties"].sum()
    return float(counts["linking"].sum() / total) if total else float("nan")


def _linking_counts(g: Graph, roles: Any) -> pd.DataFrame:
    has_role = g.nodes.isin(pd.Index(roles))
    a, b = _ends(g)
    ra, rb = has_role[a], has_role[b]
    n = len(g.nodes)
    ties = np.bincount(a[~ra], minlength=n) + np.bincount(b[~rb], minlength=n)
    link = np.bincount(a[~ra & rb], minlength=n) + np.bincount(b[~rb & ra], minlength=n)
    return pd.DataFrame({"ties": ties, "linking": link}, index=g.nodes)


def met_other_group(g: Graph, attribute: Any) -> pd.Series:
    """For nodes with a known value and at least one tie to a known value: whether at least one
    of those ties crosses groups (booleans indexed by node, named ``"met_other_group"``).

    Parameters
    ----------
    g
        An undirected graph (a projection).
    attribute
        A node attribute name or a Series indexed by node id.

    Returns
    -------
    pandas.Series
        Booleans indexed by node, named ``"met_other_group"``.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"]}))
    >>> wn.indicators.met_other_group(g, pd.Series({"a": 1, "b": 1, "c": 2})).tolist()
    [True, False, True]
    """
    t = tie_counts(g, attribute)
    t = t[t["ties"] > 0]
    return (t["ties"] > t["within"]).rename("met_other_group")


def organiser_bridging(g: Graph, attribute: Any, *, roles: Any) -> float:
    """The mean share of cross-group ties of residents with a role minus that of the others
    (see :func:`wijknet.mixing.cross_group_share`): positive when volunteers and organisers
    connect groups more than other residents do.

    Parameters
    ----------
    g
        An undirected graph (a projection).
    attribute
        A node attribute name or a Series indexed by node id.
    roles
        The ids of residents with a role (e.g. :func:`role_residents`).

    Returns
    -------
    float
        The difference of the two mean shares.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "d"]}))
    >>> wn.indicators.organiser_bridging(g, pd.Series({"a": 1, "b": 1, "c": 2, "d": 1}), roles=["a"])  # 1/2 for a, against (0 + 1 + 0)/3
    0.16666666666666669
    """
    from .mixing import cross_group_share

    shares = cross_group_share(g, attribute)
    has_role = shares.index.isin(pd.Index(roles))
    return float(shares[has_role].mean() - shares[~has_role].mean())


def sensitive_connected_outside(net: Network, *, big_event: int = BIG_EVENT) -> pd.Series:
    """For each participant of an activity marked sensitive: whether they also met someone at
    a session (of fewer than ``big_event`` people) of an activity that is not sensitive
    (booleans indexed by resident, named ``"connected_outside"``). Report it only aggregated.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network`.
    big_event
        Sessions this size or larger do not count as meeting.

    Returns
    -------
    pandas.Series
        Booleans indexed by resident, named ``"connected_outside"``.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance({"resident": ["a", "b", "a", "c"], "activity": ["p", "p", "q", "q"]})
    >>> net = net.with_activity_attributes(pd.DataFrame({"activity": ["p", "q"]}), sensitive=["p"])
    >>> wn.indicators.sensitive_connected_outside(net).tolist()
    [True, False]
    """
    net = _args.network(net, "indicators.sensitive_connected_outside")
    sensitive = set(net.sensitive_activities())
    rows = net.to_frame()
    members = pd.Index(rows.loc[rows["activity"].isin(sensitive), "resident"].unique(), name="resident")
    outside = net.filter(exclude_sensitive=True)
    g = outside.project(unit="session", max_activity_size=big_event - 1)
    met = degree(g).reindex(members, fill_value=0) >= 1
    return met.rename("connected_outside")


def bridge_activities(net: Network, *, projection: Any = None) -> pd.Index:
    """Activities whose loss would split groups of residents apart: removing one adds more
    separate components than residents it leaves without any tie (see
    :func:`wijknet.whatif.rank_activities`).

    Parameters
    ----------
    net
        A :class:`~wijknet.Network`.
    projection
        How residents meet (as for :func:`wijknet.whatif.rank_activities`).

    Returns
    -------
    pandas.Index
        Activity ids.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "b", "b", "c", "c", "d"],
    ...                                    "activity": ["x", "x", "y", "y", "z", "z"]})
    >>> list(wn.indicators.bridge_activities(net))
    ['y']
    """
    from .whatif import rank_activities

    rank = rank_activities(net, projection=projection, min_ties=(1,))
    return pd.Index(rank.index[rank["components_added"] > rank["isolates_added"]], name="activity")


def support_among_co_organisers(net: Network, *, support: str = "support") -> pd.Series:
    """Among respondents of the ``support`` layer: the share of co-organising pairs in which at
    least one names the other as support (``co_organisers``), the same share for all other
    pairs (``other_pairs``), and the number of co-organising pairs (``pairs``).

    Parameters
    ----------
    net
        A :class:`~wijknet.Network`.
    support
        The name of the survey layer with support ties.

    Returns
    -------
    pandas.Series
        ``co_organisers``, ``other_pairs``, ``pairs`` and ``hits`` (co-organising pairs
        where one names the other).

    Examples
    --------
    >>> import wijknet as wn
    >>> s = wn.indicators.support_among_co_organisers(wn.datasets.badhuis(300, seed=1, survey=True))
    >>> bool(s["co_organisers"] > s["other_pairs"])
    True
    """
    net = _args.network(net, "indicators.support_among_co_organisers")
    layer = net.layer(support)
    co = net.layer("co-organising")
    answered = layer.respondents
    if answered is None:
        resp = net.residents
    else:
        resp = pd.Index(answered.index[answered.to_numpy(dtype=bool)]).intersection(net.residents)
    pos = pd.Series(np.arange(len(resp)), index=resp)

    def pairs(graph: Graph) -> set[tuple[int, int]]:
        e = graph.edges()
        e = e[e["source"].isin(resp) & e["target"].isin(resp)]
        a = pos[e["source"]].to_numpy()
        b = pos[e["target"]].to_numpy()
        return set(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(), strict=True))

    co_pairs, sup_pairs = pairs(co), pairs(layer)
    all_pairs = len(resp) * (len(resp) - 1) // 2
    others = all_pairs - len(co_pairs)
    return pd.Series(
        {
            "co_organisers": len(co_pairs & sup_pairs) / len(co_pairs) if co_pairs else float("nan"),
            "other_pairs": len(sup_pairs - co_pairs) / others if others else float("nan"),
            "pairs": float(len(co_pairs)),
            "hits": float(len(co_pairs & sup_pairs)),
        },
        name="support_among_co_organisers",
    )


def respondents_more_connected(g: Graph, respondents: Any) -> float:
    """Mean degree of respondents minus that of non-respondents (every node of ``g``).

    Parameters
    ----------
    g
        An undirected graph (a projection).
    respondents
        The ids of the survey's respondents.

    Returns
    -------
    float
        The difference of the mean degrees.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"]}))
    >>> wn.indicators.respondents_more_connected(g, ["a"])
    1.0
    """
    d = degree(_args.graph(g, "indicators.respondents_more_connected")).astype(float)
    asked = d.index.isin(pd.Index(respondents))
    return float(d[asked].mean() - d[~asked].mean())
