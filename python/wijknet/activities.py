"""What each activity contributes to the neighbourhood network.

* :func:`impact` — one tidy table per activity: participants, sessions, repeat rate, the
  ties it creates, the ties only it creates, cross-group ties, and its betweenness in the
  activity projection. Who takes part, by group, is a separate call:
  :func:`wijknet.mixing.activity_diversity`.
* :func:`overlap` — the Jaccard matrix of the activities' participant sets.

Ties and unique ties. A tie of the projection (``projection=``: a :class:`~wijknet.Projection` or a dict
of :meth:`Network.project` keywords; None = the default projection) is *created* by an activity when the two residents shared it; it is *unique* to the
activity when it vanishes if the activity stops: it is not a tie of the same projection of the
register without the activity — the ties :func:`wijknet.whatif.remove` and
:func:`wijknet.whatif.rank_activities` count as lost. Without ``min_weight`` these are the ties
no other activity created. With ``unit="session"`` ties come from shared sessions; a tie is
created by an activity when the two were at one of its sessions together (a weekly dance that
is the only place two people meet is still one activity, so "unique" stays per activity).
Units left out by ``max_activity_size`` create no ties; with ``min_weight`` only ties that pass
it count, and a tie also vanishes when its weight without the activity falls below
``min_weight`` — so one tie can be unique to several activities (two residents who met once at
the dance and once at yoga, with ``min_weight=2``).

Repeat rate: the share of an activity's participants who attended two or more of its sessions
(with an undated register without sessions every activity has one session, so 0).

Examples
--------
>>> import wijknet as wn
>>> t = wn.activities.impact(wn.datasets.davis_southern_women())
>>> t.loc["E8", ["participants", "ties", "unique_ties"]].tolist()
[14, 91, 18]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _args
from . import _wijknet as _native

__all__ = ["impact", "overlap"]


def impact(
    net: Any,
    *,
    projection: Any = None,
    attribute: Any = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> pd.DataFrame:
    """One row per activity of the view with what it contributes.

    Columns: ``participants`` (distinct residents), ``sessions``, ``repeat_rate`` (share of
    participants at ≥ 2 of its sessions), ``ties`` (ties of the projection it creates),
    ``unique_ties`` (ties that vanish if it stops; see the module docs), ``betweenness`` (normalised, in the
    activity projection ``net.project_activities()``: how much the activity lies between
    others through shared residents). With ``attribute``: ``cross_group_ties`` and
    ``unique_cross_group_ties`` (ties between residents of different groups; a tie with a
    missing value is never cross-group). The table keeps one column per measure whatever
    the attribute; the composition of each activity's participants by group (Blau, IQV, a
    count per category) is :func:`wijknet.mixing.activity_diversity`.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network` (or a view of one).
    projection
        How to project: a :class:`~wijknet.Projection` or a dict of :meth:`Network.project`
        keywords; None = the default projection.
    attribute
        A resident attribute name or a Series indexed by resident id (optional).
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    pandas.DataFrame
        Indexed by activity, one column per measure (the columns above).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({
    ...     "resident": ["ann", "bob", "bob", "cas", "ann"], "activity": ["dance", "dance", "yoga", "yoga", "yoga"]}))
    >>> sex = pd.Series({"ann": "f", "bob": "m", "cas": "f"}, name="sex")
    >>> wn.activities.impact(net, attribute=sex)[["participants", "ties", "unique_ties", "cross_group_ties", "betweenness"]]
              participants  ties  unique_ties  cross_group_ties  betweenness
    activity
    dance                2     1            0                 1          0.0
    yoga                 3     3            2                 2          0.0
    """
    fn = "impact"
    from .centrality import betweenness_centrality
    from .mixing import _codes

    net = _args.network(net, fn)
    spec = _args.native_projection(projection, fn)
    threads = _args.threads(threads, fn)
    codes = None
    if attribute is not None:
        codes, _ = _codes(net, attribute, fn, note="ties with a missing end are never cross-group")
        codes = np.ascontiguousarray(codes, dtype=np.int32)
    out = _args.call(
        fn,
        _native.activity_impact,
        net._net,
        projection=spec,
        codes=codes,
        threads=threads,
        progress=progress,
        desc="activity impact",
    )
    parts = np.asarray(out["participants"], dtype="int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.asarray(out["repeaters"], dtype="float64") / parts
    df = pd.DataFrame(
        {
            "participants": parts,
            "sessions": np.asarray(out["sessions"], dtype="int64"),
            "repeat_rate": rate,
            "ties": np.asarray(out["ties"], dtype="int64"),
            "unique_ties": np.asarray(out["unique_ties"], dtype="int64"),
        },
        index=net.activities,
    )
    if attribute is not None:
        df["cross_group_ties"] = np.asarray(out["cross_group_ties"], dtype="int64")
        df["unique_cross_group_ties"] = np.asarray(out["unique_cross_group_ties"], dtype="int64")
    g = net.project_activities(threads=threads, progress=False)
    df["betweenness"] = (
        betweenness_centrality(g, threads=threads, progress=False).reindex(df.index).to_numpy()
    )
    return df


def overlap(net: Any) -> pd.DataFrame:
    """Jaccard similarity of the activities' participant sets, |A ∩ B| / |A ∪ B|, as a square
    DataFrame over the view's activities (diagonal 1). The same figure as the ties of
    ``net.project_activities(weight="jaccard")``.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network` (or a view of one).

    Returns
    -------
    pandas.DataFrame
        Activities × activities, Jaccard similarity (diagonal 1).

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({
    ...     "resident": ["ann", "bob", "bob", "cas"], "activity": ["dance", "dance", "yoga", "yoga"]}))
    >>> wn.activities.overlap(net).round(3)
    activity  dance   yoga
    activity
    dance     1.000  0.333
    yoga      0.333  1.000
    """
    net = _args.network(net, "overlap")
    acts = net.activities
    g = net.project_activities(weight="jaccard", progress=False)
    e = g.edges()
    pos = pd.Series(np.arange(len(acts)), index=acts)
    m = np.eye(len(acts))
    if len(e):
        i = pos.loc[e["source"]].to_numpy()
        j = pos.loc[e["target"]].to_numpy()
        m[i, j] = e["weight"].to_numpy()
        m[j, i] = e["weight"].to_numpy()
    out = pd.DataFrame(m, index=acts, columns=acts.copy())
    out.columns.name = acts.name
    return out
