"""Two-mode measures on a :class:`~wijknet.Network` (residents × activities), without projecting.

These answer "how clustered is participation itself?": whether residents who share one
activity also meet in others (Opsahl 2013), whether triads are closed by activities the third
person did not attend (Brunson 2015), and the classic Robins–Alexander and Latapy measures;
and "who is central in participation?": Borgatti & Everett's (1997) two-mode degree, closeness
and betweenness, normalised for each side by what its size allows. Definitions: ``docs/metrics.md``
("Two-mode measures"). Functions take the Network first; options are keyword-only. Units are
activities (the activity incidence of the network or view).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _args
from . import _wijknet as _native
from ._args import ProgressArg
from ._errors import ArgumentError

__all__ = [
    "density",
    "robins_alexander_clustering",
    "latapy_clustering",
    "average_latapy_clustering",
    "opsahl_clustering",
    "local_opsahl_clustering",
    "exclusive_clustering",
    "local_exclusive_clustering",
    "bipartite_modularity",
    "degree_centrality",
    "closeness_centrality",
    "betweenness_centrality",
]


def _network(net: Any, fn: str) -> Any:
    return _args.network(net, f"twomode.{fn}")


def density(net: Any) -> float:
    """Bipartite density L / (n·m): attendances over possible resident–activity pairs
    (networkx ``bipartite.density``).

    Parameters
    ----------
    net
        The register (a Network or a view).

    Returns
    -------
    float
        The density, in [0, 1].

    Examples
    --------
    >>> import wijknet as wn
    >>> round(wn.twomode.density(wn.datasets.davis_southern_women()), 6)
    0.353175
    """
    return float(_native.twomode_density(_network(net, "density")._net))


def robins_alexander_clustering(net: Any) -> float:
    """Robins & Alexander (2004) clustering CC4 = 4·C4 / L3 (4-cycles over 3-paths), as
    networkx ``bipartite.robins_alexander_clustering``.

    Parameters
    ----------
    net
        The register (a Network or a view).

    Returns
    -------
    float
        The clustering, in [0, 1]; 0 without 3-paths.

    Examples
    --------
    >>> import wijknet as wn
    >>> round(wn.twomode.robins_alexander_clustering(wn.datasets.davis_southern_women()), 6)
    0.467764
    """
    return float(_native.robins_alexander_clustering(_network(net, "robins_alexander_clustering")._net))


def latapy_clustering(
    net: Any,
    *,
    mode: str = "dot",
    nodes: str = "residents",
    threads: int | None = None,
    progress: ProgressArg = None,
) -> pd.Series:
    """Latapy et al. (2008) local clustering: for each resident (or activity), the mean overlap
    of its activities (participants) with those of its second neighbours, as networkx
    ``bipartite.latapy_clustering(mode=)``.

    Parameters
    ----------
    net
        The register (a Network or a view).
    mode
        ``"dot"`` (Jaccard), ``"min"`` or ``"max"`` (overlap over the smaller/larger set).
    nodes
        ``"residents"`` or ``"activities"``.
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total) counting nodes.

    Returns
    -------
    pandas.Series
        Indexed by resident (or activity) id, named ``latapy_clustering``.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.twomode.latapy_clustering(wn.datasets.davis_southern_women()).round(4).head(2)
    resident
    Evelyn Jefferson    0.3179
    Laura Mandeville    0.3518
    Name: latapy_clustering, dtype: float64
    """
    fn = "latapy_clustering"
    net = _network(net, fn)
    name = f"twomode.{fn}"
    values = _args.call(
        name,
        _native.latapy_clustering,
        net._net,
        mode,
        nodes,
        _args.threads(threads, name),
        progress=progress,
        desc=name,
    )
    index = net.residents if nodes == "residents" else net.activities
    return pd.Series(values, index=index, name="latapy_clustering")


def average_latapy_clustering(
    net: Any,
    *,
    mode: str = "dot",
    nodes: str = "all",
    threads: int | None = None,
    progress: ProgressArg = None,
) -> float:
    """Mean Latapy clustering over residents, activities, or both (as networkx
    ``bipartite.average_clustering(G, mode=)`` does by default).

    Parameters
    ----------
    net
        The register (a Network or a view).
    mode
        As :func:`latapy_clustering`.
    nodes
        ``"all"`` (residents and activities, the default), ``"residents"`` or ``"activities"``.
    threads, progress
        As :func:`latapy_clustering` (with ``nodes="all"`` the residents, then the activities).

    Returns
    -------
    float
        The mean; 0.0 when there is nothing to average.

    Examples
    --------
    >>> import wijknet as wn
    >>> round(wn.twomode.average_latapy_clustering(wn.datasets.davis_southern_women()), 6)
    0.328486
    """
    _args.choice(nodes, "nodes", "twomode.average_latapy_clustering", ("all", "residents", "activities"))
    parts = [
        latapy_clustering(net, mode=mode, nodes=side, threads=threads, progress=progress).to_numpy()
        for side in ("residents", "activities")
        if nodes in ("all", side)
    ]
    values = np.concatenate(parts)
    return float(values.mean()) if values.size else 0.0


def _clustering(net: Any, fn: str, threads: Any, progress: ProgressArg) -> tuple:
    net = _network(net, fn)
    name = f"twomode.{fn}"
    value, per = _args.call(
        name, getattr(_native, fn), net._net, _args.threads(threads, name), progress=progress, desc=name
    )
    return net, value, per


def opsahl_clustering(net: Any, *, threads: int | None = None, progress: ProgressArg = None) -> float:
    """Opsahl (2013) two-mode clustering: of all 4-paths i–a–j–b–k (three residents, two
    activities), the share in which i and k also share a third activity.

    No networkx equivalent (R's tnet ``clustering_tm``); tested against the published Davis
    (0.771897) and Clique A values. Cost grows with the square of activity sizes: meant for
    registers of up to a few thousand residents. :func:`local_opsahl_clustering` gives the
    value per resident.

    Parameters
    ----------
    net
        The register (a Network or a view).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    float
        The global clustering, in [0, 1].

    Examples
    --------
    >>> import wijknet as wn
    >>> round(wn.twomode.opsahl_clustering(wn.datasets.davis_southern_women()), 6)
    0.771897
    """
    _, value, _ = _clustering(net, "opsahl_clustering", threads, progress)
    return float(value)


def local_opsahl_clustering(
    net: Any, *, threads: int | None = None, progress: ProgressArg = None
) -> pd.Series:
    """Opsahl (2013) two-mode clustering of each resident as the centre j of the 4-paths
    i–a–j–b–k (see :func:`opsahl_clustering`).

    Parameters
    ----------
    net
        The register (a Network or a view).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.Series
        Indexed by resident id, named ``opsahl_clustering``; NaN for residents at the centre
        of no such path.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.twomode.local_opsahl_clustering(wn.datasets.davis_southern_women()).round(4).head(2)
    resident
    Evelyn Jefferson    0.7667
    Laura Mandeville    0.8422
    Name: opsahl_clustering, dtype: float64
    """
    net, _, per = _clustering(net, "opsahl_clustering", threads, progress)
    return _args.series(per, net.residents, "opsahl_clustering")


def exclusive_clustering(net: Any, *, threads: int | None = None, progress: ProgressArg = None) -> float:
    """Brunson (2015) exclusive clustering: of the wedges i–j–k in which i and j share an
    activity without k, and j and k one without i, the share where i and k share one without j.

    R's bitriad equivalent; tested against the published Davis (0.476378) and Clique A
    values. :func:`local_exclusive_clustering` gives the value per resident.

    Parameters
    ----------
    net
        The register (a Network or a view).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    float
        The global exclusive clustering, in [0, 1].

    Examples
    --------
    >>> import wijknet as wn
    >>> round(wn.twomode.exclusive_clustering(wn.datasets.davis_southern_women()), 6)
    0.476378
    """
    _, value, _ = _clustering(net, "exclusive_clustering", threads, progress)
    return float(value)


def local_exclusive_clustering(
    net: Any, *, threads: int | None = None, progress: ProgressArg = None
) -> pd.Series:
    """Brunson (2015) exclusive clustering of each resident as the centre j of the wedges
    (see :func:`exclusive_clustering`).

    Parameters
    ----------
    net
        The register (a Network or a view).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.Series
        Indexed by resident id, named ``exclusive_clustering``; NaN where undefined.

    Examples
    --------
    >>> import wijknet as wn
    >>> s = wn.twomode.local_exclusive_clustering(wn.datasets.davis_southern_women())
    >>> s.name, len(s)
    ('exclusive_clustering', 18)
    """
    net, _, per = _clustering(net, "exclusive_clustering", threads, progress)
    return _args.series(per, net.residents, "exclusive_clustering")


def bipartite_modularity(net: Any, residents: pd.Series, activities: pd.Series) -> float:
    """Barber (2007) bipartite modularity of a joint partition of residents and activities:
    Q_B = (1/L) Σ_i Σ_k (a_ik − k_i n_k / L) δ(g_i, h_k).

    Parameters
    ----------
    net
        The register (a Network or a view).
    residents, activities
        Integer labels indexed by resident / activity id; every resident and activity of the
        network needs one.

    Returns
    -------
    float
        The modularity Q_B.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance({"resident": ["a", "b", "c", "d"], "activity": ["x", "x", "y", "y"]})
    >>> wn.twomode.bipartite_modularity(net, pd.Series({"a": 0, "b": 0, "c": 1, "d": 1}),
    ...                                 pd.Series({"x": 0, "y": 1}))
    0.5
    """
    fn = "twomode.bipartite_modularity"
    net = _network(net, "bipartite_modularity")

    def aligned(labels: pd.Series, index: pd.Index, what: str) -> np.ndarray:
        if not isinstance(labels, pd.Series):
            raise ArgumentError(f"{what} labels must be a pandas Series indexed by {what} id")
        values = labels.reindex(index)
        if values.isna().any():
            missing = index[values.isna().to_numpy()][:5].tolist()
            raise ArgumentError(f"{fn}(): no label for {what}(s) {missing}")
        out = values.to_numpy()
        if not np.issubdtype(out.dtype, np.integer) or (out < 0).any():
            raise ArgumentError(f"{fn}(): {what} labels must be integers ≥ 0")
        return np.ascontiguousarray(out, dtype=np.uint32)

    r = aligned(residents, net.residents, "resident")
    a = aligned(activities, net.activities, "activity")
    return float(_args.call(fn, _native.bipartite_modularity, net._net, r, a))


# ---------------------------------------------------------------------------------------------
# Borgatti & Everett (1997) two-mode centralities
# ---------------------------------------------------------------------------------------------

_MODES = pd.Index(["resident", "activity"], name="mode")


def _mode_index(net: Any) -> pd.MultiIndex:
    """(mode, id) over the residents, then the activities; built once per (immutable) Network."""
    index = net._cache.get("twomode_index")
    if index is None:
        n, m = len(net.residents), len(net.activities)
        codes, ids = pd.factorize(
            net.residents.append(net.activities)
        )  # a resident and an activity may share an id
        index = pd.MultiIndex(
            levels=[_MODES, ids],
            codes=[np.repeat(np.array([0, 1], dtype=np.int8), [n, m]), codes],
            names=["mode", "id"],
            verify_integrity=False,
        )
        net._cache["twomode_index"] = index
    return index


def _both_modes(net: Any, values: tuple, name: str) -> pd.Series:
    """One Series over residents then activities, indexed by (mode, id)."""
    return pd.Series(np.concatenate(values), index=_mode_index(net), name=name)


def _two_mode_centrality(net: Any, fn: str, threads: int | None, progress: ProgressArg) -> pd.Series:
    net = _network(net, fn)
    name = f"twomode.{fn}"
    values = _args.call(
        name,
        getattr(_native, f"twomode_{fn}"),
        net._net,
        _args.threads(threads, name),
        progress=progress,
        desc=name,
    )
    return _both_modes(net, values, fn)


def degree_centrality(net: Any) -> pd.Series:
    """Two-mode degree centrality (Borgatti & Everett 1997), as networkx
    ``bipartite.degree_centrality``: a resident's number of activities divided by the number of
    activities, an activity's number of participants divided by the number of residents.

    Parameters
    ----------
    net
        The register (a Network or a view).

    Returns
    -------
    pandas.Series
        Named ``"degree_centrality"``, indexed by (``mode``, ``id``): the residents (``mode``
        ``"resident"``) and then the activities (``"activity"``), each in the order of
        ``net.residents`` / ``net.activities``; ``s["resident"]`` is a Series indexed by
        resident id. Values lie in [0, 1].

    Notes
    -----
    networkx takes the graph and one side's nodes and returns a dict over both sides; wijknet
    takes the Network and labels the sides in the index. The values are the same bits.

    Examples
    --------
    >>> import wijknet as wn
    >>> dc = wn.twomode.degree_centrality(wn.datasets.davis_southern_women())
    >>> dc.round(4).head(2)
    mode      id
    resident  Evelyn Jefferson    0.5714
              Laura Mandeville    0.5000
    Name: degree_centrality, dtype: float64
    >>> round(float(dc["activity", "E8"]), 4)   # 14 of the 18 women came to event 8
    0.7778
    """
    net = _network(net, "degree_centrality")
    values = _args.call("twomode.degree_centrality", _native.twomode_degree_centrality, net._net)
    return _both_modes(net, values, "degree_centrality")


def closeness_centrality(net: Any, *, threads: int | None = None, progress: ProgressArg = None) -> pd.Series:
    """Two-mode closeness centrality (Borgatti & Everett 1997), as networkx
    ``bipartite.closeness_centrality(G, nodes, normalized=True)``.

    Distances are steps in the two-mode graph (resident – activity – resident – ...). A node on
    a side of ``n`` nodes facing ``m`` is at least 1 step from every node of the other side and
    2 from the others of its own, so its closeness is ``(m + 2 (n − 1)) / d`` with ``d`` the
    sum of its distances to the nodes it reaches; times ``(r − 1) / (N − 1)`` (``r`` reached
    nodes including itself, ``N`` = residents + activities), so that nodes in small components
    score lower, as networkx. 0 for a node that reaches no other node.

    Parameters
    ----------
    net
        The register (a Network or a view).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.Series
        Named ``"closeness_centrality"``, indexed by (``mode``, ``id``) as
        :func:`degree_centrality`.

    Notes
    -----
    One breadth-first search per resident and activity, confined to its component: time grows
    with Σ (component size × its attendances); 8–14 s for the synthetic register of 100,000
    residents (``wn.datasets.badhuis(100_000)``, 295 components) on two loaded cores.

    Examples
    --------
    >>> import wijknet as wn
    >>> cc = wn.twomode.closeness_centrality(wn.datasets.davis_southern_women())
    >>> cc.round(4).loc["activity"].nlargest(2)
    id
    E8    0.8462
    E9    0.7857
    Name: closeness_centrality, dtype: float64
    """
    return _two_mode_centrality(net, "closeness_centrality", threads, progress)


def betweenness_centrality(
    net: Any, *, threads: int | None = None, progress: ProgressArg = None
) -> pd.Series:
    """Two-mode betweenness centrality (Borgatti & Everett 1997), as networkx
    ``bipartite.betweenness_centrality``.

    Exact shortest-path betweenness (Brandes 2001) in the two-mode graph (residents and
    activities as nodes, attendances as ties): the share of shortest paths between other
    pairs that pass through a node, summed over the pairs. A resident lies between activities
    she links (and between their participants); an activity between its participants. Each
    side is divided by the largest value a node of that side can have given the sizes of the
    two sides: for a side of ``n`` nodes facing ``m``, with ``s, t = divmod(n − 1, m)``,
    ``½ [m² (s + 1)² + m (s + 1)(2t − s − 1) − t (2s − t + 3)]``.

    Parameters
    ----------
    net
        The register (a Network or a view).
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); the result does not depend on it.
    progress
        None (a bar for long calls), True, False, or a callable(done, total).

    Returns
    -------
    pandas.Series
        Named ``"betweenness_centrality"``, indexed by (``mode``, ``id``) as
        :func:`degree_centrality`.

    Notes
    -----
    Where the maximum is 0 (e.g. the residents of a network with one activity, who cannot lie
    between anyone) the values are 0; networkx raises ``ZeroDivisionError``. One
    breadth-first search per resident and activity, as :func:`closeness_centrality`, plus the
    accumulation of dependencies: about 3× closeness (45 s for 100,000 residents on two loaded
    cores).

    Examples
    --------
    >>> import wijknet as wn
    >>> bc = wn.twomode.betweenness_centrality(wn.datasets.davis_southern_women())
    >>> bc.round(4)["resident"].nlargest(2)
    id
    Nora Fayette        0.1135
    Evelyn Jefferson    0.0966
    Name: betweenness_centrality, dtype: float64
    """
    return _two_mode_centrality(net, "betweenness_centrality", threads, progress)
