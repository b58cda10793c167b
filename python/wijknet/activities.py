"""What each activity contributes to the neighbourhood network (issue 5).

* :func:`impact` — one tidy table per activity: participants, sessions, repeat rate,
  composition by an attribute, the ties it creates, the ties only it creates, cross-group
  ties, and its betweenness in the activity projection.
* :func:`overlap` — the Jaccard matrix of the activities' participant sets.

Ties and unique ties. A tie of the projection (``projection=`` spec, default count per
activity) is *created* by an activity when the two residents shared it; it is *unique* to the
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

from typing import Any, Mapping, Optional

import numpy as np
import pandas as pd

from . import _progress
from . import _wijknet as _native
from .whatif import _network, _spec, _threads

__all__ = ["impact", "overlap"]


def impact(
    net: Any,
    *,
    projection: Optional[Mapping[str, Any]] = None,
    attribute: Any = None,
    threads: Optional[int] = None,
    progress: _progress.ProgressArg = None,
) -> pd.DataFrame:
    """One row per activity of the view with what it contributes.

    Columns: ``participants`` (distinct residents), ``sessions``, ``repeat_rate`` (share of
    participants at ≥ 2 of its sessions), ``ties`` (ties of the projection it creates),
    ``unique_ties`` (ties that vanish if it stops; see the module docs), ``betweenness`` (normalised, in the
    activity projection ``net.project_activities()``: how much the activity lies between
    others through shared residents). With ``attribute``: ``cross_group_ties`` and
    ``unique_cross_group_ties`` (ties between residents of different groups; a tie with a
    missing value is never cross-group) and the composition of its participants as
    :func:`wijknet.mixing.activity_diversity` gives it (``blau``, ``iqv``, a count per
    category, ``missing``).

    Parameters
    ----------
    net
        A :class:`~wijknet.Network` (or a view of one).
    projection
        The projection spec as a dict (keys of ``net.project``: ``weight``, ``unit``,
        ``min_weight``, ``max_activity_size``, ``pair_budget``); None = count per activity.
    attribute
        A resident attribute name or a Series indexed by resident id (optional).

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
    from .mixing import _codes, activity_diversity

    net = _network(net, fn)
    spec = _spec(projection, fn)
    threads = _threads(threads, fn)
    codes = None
    if attribute is not None:
        codes, _ = _codes(net, attribute, fn, note="ties with a missing end are never cross-group")
        codes = np.ascontiguousarray(codes, dtype=np.int32)
    cb = _progress.callback(progress, "activity impact")
    try:
        parts, sessions, repeaters, ties, unique, cross, ucross = _native.activity_impact(
            net._net, **spec, codes=codes, threads=threads, progress=cb
        )
    finally:
        _progress.close(cb)
    parts = np.asarray(parts, dtype="int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.asarray(repeaters, dtype="float64") / parts
    df = pd.DataFrame(
        {
            "participants": parts,
            "sessions": np.asarray(sessions, dtype="int64"),
            "repeat_rate": rate,
            "ties": np.asarray(ties, dtype="int64"),
            "unique_ties": np.asarray(unique, dtype="int64"),
        },
        index=net.activities,
    )
    if attribute is not None:
        df["cross_group_ties"] = np.asarray(cross, dtype="int64")
        df["unique_cross_group_ties"] = np.asarray(ucross, dtype="int64")
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # _codes above already warned about missing values
            comp = activity_diversity(net, attribute, threads=threads)
        df = df.join(comp.drop(columns=["participants"]))
    g = net.project_activities(threads=threads, progress=False)
    df["betweenness"] = betweenness_centrality(g, threads=threads, progress=False).reindex(df.index).to_numpy()
    return df


def overlap(net: Any) -> pd.DataFrame:
    """Jaccard similarity of the activities' participant sets, |A ∩ B| / |A ∪ B|, as a square
    DataFrame over the view's activities (diagonal 1). The same figure as the ties of
    ``net.project_activities(weight="jaccard")``.

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
    net = _network(net, "overlap")
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
