"""Shared fixtures and oracles for wijknet's Python tests.

Real data ships with the tests in ``tests/data`` (each folder's README gives its origin and
licence); ``WIJKNET_DATA`` points the suite at another copy. The oracles here are independent of wijknet: networkx's
bipartite projections (unit="activity") and a pandas self-merge (unit="session").
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

#: tests/data beside this file; WIJKNET_DATA (or the older name WIJKNET_SHARED_DATA) overrides it
#: (e.g. to check that the suite skips cleanly without it: WIJKNET_DATA=/nonexistent pytest ...)
DATA_DIR = Path(
    os.environ.get("WIJKNET_DATA") or os.environ.get("WIJKNET_SHARED_DATA") or Path(__file__).resolve().parent / "data"
)

WEIGHTS = ("count", "newman", "jaccard", "overlap")
UNITS = ("activity", "session")

#: hypothesis settings for the whole suite: modest, no deadline (the first call may build a pool)
HYP = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: rel tolerance for floats compared against a peer library
REL = 1e-12


# ---------------------------------------------------------------------------------------------
# real data (tests/data), skipped when absent
# ---------------------------------------------------------------------------------------------


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real data not available: {path}")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The tests/data folder (skips when absent)."""
    return _need(DATA_DIR)


@pytest.fixture(scope="session")
def davis_frame(shared_data: Path) -> pd.DataFrame:
    df = pd.read_csv(_need(shared_data / "davis_southern_women" / "edges.csv"))
    return df.rename(columns={"woman": "resident", "event": "activity"})


@pytest.fixture(scope="session")
def davis_expected(shared_data: Path) -> dict:
    return json.loads(_need(shared_data / "davis_southern_women" / "expected_values.json").read_text())


@pytest.fixture(scope="session")
def ceos_frame(shared_data: Path) -> pd.DataFrame:
    df = pd.read_csv(_need(shared_data / "galaskiewicz_ceos_clubs" / "edges.csv"))
    return df.rename(columns={"ceo": "resident", "club": "activity"})


@pytest.fixture(scope="session")
def senate_frame(shared_data: Path) -> pd.DataFrame:
    df = pd.read_csv(_need(shared_data / "senate_cosponsorship_115" / "edges.csv"))
    return df.rename(columns={"senator": "resident", "bill": "activity"})


@pytest.fixture(scope="session")
def ubuntu_frame(shared_data: Path) -> pd.DataFrame:
    """The first 20,000 rows of the Ask Ubuntu threads (integer ids, times in ms)."""
    df = pd.read_csv(_need(shared_data / "threads_ask_ubuntu" / "incidences.csv.gz"), nrows=20_000)
    return df.rename(columns={"node_id": "resident", "event_id": "activity", "time_ms": "time"})


REAL_DATASETS = ("davis", "ceos", "senate", "ubuntu")


@pytest.fixture(params=REAL_DATASETS)
def real_frame(request: pytest.FixtureRequest) -> pd.DataFrame:
    """Each real two-mode data set as a (resident, activity) frame."""
    return request.getfixturevalue(f"{request.param}_frame")[["resident", "activity"]]


# ---------------------------------------------------------------------------------------------
# random registers
# ---------------------------------------------------------------------------------------------


def random_register(
    seed: int,
    *,
    residents: int = 40,
    activities: int = 8,
    rows: int = 150,
    ids: str = "str",
    dated: bool = False,
    days: int = 6,
    roles: bool = False,
    sessions: bool = False,
    skew: bool = True,
) -> pd.DataFrame:
    """A random attendance register (repeats allowed), built with a seeded numpy generator.

    ``ids``: "str" (text ids) or "int" (scattered integers, so ids ≠ positions).
    ``dated``: a ``date`` column with ``days`` distinct days. ``sessions``: a ``session``
    label column, drawn independently of the date and reused across activities.
    """
    rng = np.random.default_rng(seed)
    if skew:  # some activities much bigger than others, as in real registers
        p = rng.pareto(1.2, activities) + 0.05
        p = p / p.sum()
    else:
        p = None
    r = rng.integers(0, residents, rows)
    a = rng.choice(activities, rows, p=p)
    if ids == "str":
        res = np.array([f"r{i}" for i in r], dtype=object)
        act = np.array([f"act{i}" for i in a], dtype=object)
    else:
        perm_r = rng.permutation(10 * residents)[:residents] * 7 + 3
        perm_a = rng.permutation(10 * activities)[:activities] + 1000
        res = perm_r[r].astype(np.int64)
        act = perm_a[a].astype(np.int64)
    data: dict = {"resident": res, "activity": act}
    if dated:
        day = rng.integers(0, days, rows)
        data["date"] = pd.Timestamp("2025-01-06") + pd.to_timedelta(day * 7, unit="D")
        if sessions:  # independent of the day: a labelled session may span several dates
            data["session"] = np.array([f"s{x}" for x in rng.integers(0, days, rows)], dtype=object)
    if roles:
        data["role"] = rng.choice(np.array(["participant", "volunteer", "organiser"], dtype=object), rows)
    return pd.DataFrame(data)


# ---------------------------------------------------------------------------------------------
# comparison helpers
# ---------------------------------------------------------------------------------------------


def edge_map(g: Any) -> dict:
    """{frozenset({a, b}): weight} of a wijknet Graph (undirected)."""
    e = g.edges()
    return {frozenset((s, t)): w for s, t, w in zip(e["source"].tolist(), e["target"].tolist(), e["weight"].tolist())}


def nx_edge_map(G: Any) -> dict:
    return {frozenset((u, v)): float(d.get("weight", 1.0)) for u, v, d in G.edges(data=True)}


def assert_weights_equal(got: dict, expected: dict, rel: float = REL) -> None:
    """Same edge set, every weight equal to ``rel``."""
    missing = set(expected) - set(got)
    extra = set(got) - set(expected)
    assert not missing and not extra, (
        f"edge sets differ: {len(missing)} missing (e.g. {sorted(map(sorted, list(missing)[:3]), key=str)}), "
        f"{len(extra)} extra (e.g. {sorted(map(sorted, list(extra)[:3]), key=str)})"
    )
    bad = [(sorted(k, key=str), got[k], expected[k]) for k in expected if got[k] != pytest.approx(expected[k], rel=rel, abs=0)]
    assert not bad, f"{len(bad)} weights differ, e.g. {bad[:5]}"


def first_seen(values: Iterable) -> list:
    return pd.unique(pd.Series(list(values), dtype=object)).tolist()


# ---------------------------------------------------------------------------------------------
# oracles
# ---------------------------------------------------------------------------------------------


def nx_projection(df: pd.DataFrame, weight: str, *, max_activity_size: int | None = None, min_weight: float | None = None):
    """networkx oracle for unit="activity": the projection onto residents (first-seen order).

    Activities with more than ``max_activity_size`` participants are removed from the
    bipartite graph first (so they count in no |K_i|).
    """
    import networkx as nx
    from networkx.algorithms import bipartite as bp

    B = nx.Graph()
    residents = [("r", x) for x in first_seen(df["resident"])]
    B.add_nodes_from(residents, bipartite=0)
    B.add_nodes_from((("a", x) for x in first_seen(df["activity"])), bipartite=1)
    B.add_edges_from((("r", r), ("a", a)) for r, a in zip(df["resident"].tolist(), df["activity"].tolist()))
    if max_activity_size is not None:
        B.remove_nodes_from([n for n in list(B) if n[0] == "a" and B.degree(n) > max_activity_size])
    fn: Callable = {
        "count": bp.weighted_projected_graph,
        "newman": bp.collaboration_weighted_projected_graph,
        "jaccard": partial(bp.overlap_weighted_projected_graph, jaccard=True),
        "overlap": partial(bp.overlap_weighted_projected_graph, jaccard=False),
    }[weight]
    G = nx.Graph()
    if not any(n[0] == "a" for n in B):  # networkx refuses a one-sided graph: no ties
        G.add_nodes_from(n[1] for n in residents)
        return G
    P = fn(B, residents)
    G.add_nodes_from(n[1] for n in residents)
    G.add_weighted_edges_from(
        (u[1], v[1], float(d["weight"]))
        for u, v, d in P.edges(data=True)
        if min_weight is None or d["weight"] >= min_weight
    )
    return G


def session_keys(df: pd.DataFrame, session: str | None = None) -> list:
    """Columns that identify a session: (activity, date) by default, (activity, label) with
    a session column (wijknet keys labelled sessions by activity and label)."""
    return ["activity", session] if session is not None else ["activity", "date"]


def pandas_session_projection(
    df: pd.DataFrame,
    weight: str,
    *,
    session: str | None = None,
    max_activity_size: int | None = None,
    min_weight: float | None = None,
) -> dict:
    """Independent oracle for unit="session": self-merge of the register on the session key.

    Returns {frozenset({a, b}): weight}. count = shared sessions; newman = Σ_s 1/(n_s − 1);
    jaccard/overlap over the sets of sessions attended (units bigger than
    ``max_activity_size`` left out everywhere).
    """
    keys = session_keys(df, session)
    att = df[["resident", *keys]].drop_duplicates().copy()
    att["unit"] = att.groupby(keys, sort=False).ngroup()
    att = att[["resident", "unit"]]
    size = att.groupby("unit").size().rename("n")
    if max_activity_size is not None:
        keep = size[size <= max_activity_size].index
        att = att[att["unit"].isin(keep)]
    att = att.join(size, on="unit")
    k = att.groupby("resident").size().rename("k")
    pairs = att.merge(att[["resident", "unit"]], on="unit", suffixes=("_a", "_b"))
    pairs = pairs[pairs["resident_a"] != pairs["resident_b"]]
    pairs = pairs.assign(inv=1.0 / (pairs["n"] - 1))
    agg = pairs.groupby(["resident_a", "resident_b"]).agg(c=("unit", "size"), newman=("inv", "sum")).reset_index()
    agg = agg.join(k.rename("ka"), on="resident_a").join(k.rename("kb"), on="resident_b")
    if weight == "count":
        w = agg["c"].astype(float)
    elif weight == "newman":
        w = agg["newman"]
    elif weight == "jaccard":
        w = agg["c"] / (agg["ka"] + agg["kb"] - agg["c"])
    elif weight == "overlap":
        w = agg["c"] / np.minimum(agg["ka"], agg["kb"])
    else:  # pragma: no cover
        raise ValueError(weight)
    out = {}
    for a, b, x in zip(agg["resident_a"].tolist(), agg["resident_b"].tolist(), w.tolist()):
        if min_weight is not None and x < min_weight:
            continue
        out[frozenset((a, b))] = float(x)
    return out


def brute_shared_units(df: pd.DataFrame, unit_cols: list) -> dict:
    """{frozenset({a, b}): set of shared unit keys}, by plain Python sets (tiny registers)."""
    units: dict = {}
    for row in df[["resident", *unit_cols]].itertuples(index=False):
        units.setdefault(row[0], set()).add(tuple(row[1:]))
    ids = list(units)
    out = {}
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            shared = units[a] & units[b]
            if shared:
                out[frozenset((a, b))] = shared
    return out


def is_panic(exc: BaseException) -> bool:
    """A Rust panic that reached Python (pyo3's PanicException, or wijknet's "internal error")."""
    if type(exc).__name__ == "PanicException":
        return True
    return isinstance(exc, RuntimeError) and "internal error in wijknet" in str(exc)


@pytest.fixture(scope="module")
def wijknet_backend():
    """The ``wijknet`` backend, registered by hand when wijknet runs from a source checkout
    (the entry point exists only once the package is installed; networkx reads entry points
    when it is imported and, with no backend installed, takes a path that ignores backend=)."""
    from importlib.metadata import EntryPoint

    pytest.importorskip("networkx")
    from networkx.utils import backends as nxb

    from wijknet import nx_backend

    added = "wijknet" not in nxb.backends
    call = nxb._dispatchable.__call__
    if added:
        nxb.backends["wijknet"] = EntryPoint(
            name="wijknet", value="wijknet.nx_backend:BackendInterface", group="networkx.backends"
        )
        nxb.backend_info["wijknet"] = nx_backend.get_info()
        nxb._dispatchable.__call__ = nxb._dispatchable._call_if_any_backends_installed
    yield
    if added:
        nxb._dispatchable.__call__ = call
        del nxb.backends["wijknet"]
        del nxb.backend_info["wijknet"]
        nxb._loaded_backends.pop("wijknet", None)


# ---------------------------------------------------------------------------------------------
# optional dependencies
# ---------------------------------------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    """The examples of wijknet.dask (run with --doctest-modules) need Dask: skipped without it."""
    import importlib.util

    if importlib.util.find_spec("distributed") is not None and importlib.util.find_spec("dask") is not None:
        return
    skip = pytest.mark.skip(reason='Dask is not installed (pip install "wijknet[dask]")')
    for item in items:
        if item.name.startswith("wijknet.dask"):
            item.add_marker(skip)
