"""Two-mode measures (wn.twomode) against networkx's bipartite module, published values, and a
brute-force enumeration of the Opsahl and Brunson definitions."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import random_register
from networkx.algorithms import bipartite

import wijknet as wn

CLIQUE_A = pd.DataFrame(
    [("Miss A", "Bridge"), ("Miss A", "Movies"), ("Miss A", "Dance"), ("Miss B", "Movies"),
     ("Miss B", "Dance"), ("Miss C", "Bridge"), ("Miss C", "Dinner"), ("Miss C", "Visiting"),
     ("Miss D", "Bridge"), ("Miss D", "Dinner"), ("Miss D", "Movies"), ("Miss E", "Dinner"),
     ("Miss E", "Dance"), ("Miss E", "Visiting")],
    columns=["resident", "activity"],
)


def bipartite_graph(df: pd.DataFrame) -> tuple[nx.Graph, list]:
    G = nx.Graph()
    res = [("r", x) for x in pd.unique(df["resident"])]
    act = [("a", x) for x in pd.unique(df["activity"])]
    G.add_nodes_from(res, bipartite=0)
    G.add_nodes_from(act, bipartite=1)
    G.add_edges_from((("r", r), ("a", a)) for r, a in zip(df["resident"], df["activity"]))
    return G, res


def sets(df: pd.DataFrame) -> dict:
    return {r: set(g["activity"]) for r, g in df.groupby("resident", sort=False)}


def brute_opsahl(df: pd.DataFrame) -> tuple[float, dict]:
    K = sets(df)
    members: dict = {}
    for r, acts in K.items():
        for a in acts:
            members.setdefault(a, set()).add(r)
    closed = total = 0
    local = {}
    for j, Kj in K.items():
        c = t = 0
        for a, b in itertools.permutations(Kj, 2):
            for i in members[a] - {j}:
                for k in members[b] - {j, i}:
                    t += 1
                    c += bool((K[i] & K[k]) - {a, b})
        local[j] = c / t if t else math.nan
        closed += c
        total += t
    return closed / total, local


def brute_exclusive(df: pd.DataFrame) -> tuple[float, dict]:
    K = sets(df)
    closed = total = 0
    local = {}
    for j, Kj in K.items():
        nbrs = [x for x in K if x != j and K[x] & Kj]
        c = t = 0
        for i, k in itertools.combinations(nbrs, 2):
            if (K[i] & Kj) - K[k] and (Kj & K[k]) - K[i]:
                t += 1
                c += bool((K[i] & K[k]) - Kj)
        local[j] = c / t if t else math.nan
        closed += c
        total += t
    return (closed / total if total else math.nan), local


def test_clique_a_published_values() -> None:
    net = wn.Network.from_attendance(CLIQUE_A)
    assert wn.twomode.opsahl_clustering(net) == pytest.approx(0.6111111, abs=5e-8)
    assert wn.twomode.exclusive_clustering(net) == pytest.approx(0.6, rel=1e-12)
    opsahl = wn.twomode.local_opsahl_clustering(net)
    assert opsahl.round(7).tolist() == [0.5, 0.6666667, 0.6666667, 0.6, 0.7142857]
    assert wn.twomode.local_exclusive_clustering(net).tolist() == [0.5, 1.0, 0.5, 0.5, 0.75]
    assert opsahl.index.tolist() == ["Miss A", "Miss B", "Miss C", "Miss D", "Miss E"]


def test_davis_published_values(davis_expected: dict) -> None:
    net = wn.datasets.davis_southern_women()
    tm = davis_expected["two_mode_clustering"]
    assert round(wn.twomode.opsahl_clustering(net), 6) == tm["opsahl_global_women"]
    assert round(wn.twomode.robins_alexander_clustering(net), 6) == tm["robins_alexander_cc4"]
    assert round(wn.twomode.robins_alexander_clustering(net), 3) == tm["robins_alexander_published_networkx_docs"]
    assert round(wn.twomode.average_latapy_clustering(net, mode="dot"), 6) == tm["latapy_dot_average_all_nodes"]
    assert round(wn.twomode.average_latapy_clustering(net, mode="min"), 6) == tm["latapy_min_average_all_nodes"]
    assert round(wn.twomode.average_latapy_clustering(net, mode="max"), 6) == tm["latapy_max_average_all_nodes"]
    local = wn.twomode.local_opsahl_clustering(net).round(6)
    for name, value in tm["opsahl_local_women"].items():
        assert local[name] == value, name
    assert round(wn.twomode.density(net), 6) == davis_expected["bipartite_density"]
    assert round(wn.twomode.exclusive_clustering(net), 6) == 0.476378


@pytest.mark.parametrize("seed", range(6))
def test_against_networkx_and_brute_force_on_random_registers(seed: int) -> None:
    df = random_register(seed, residents=25, activities=7, rows=70).drop_duplicates()
    net = wn.Network.from_attendance(df)
    G, res = bipartite_graph(df)
    assert wn.twomode.density(net) == pytest.approx(bipartite.density(G, res), rel=1e-12)
    assert wn.twomode.robins_alexander_clustering(net) == pytest.approx(bipartite.robins_alexander_clustering(G), rel=1e-12)
    for mode in ("dot", "min", "max"):
        expect = bipartite.latapy_clustering(G, mode=mode)
        got_r = wn.twomode.latapy_clustering(net, mode=mode)
        got_a = wn.twomode.latapy_clustering(net, mode=mode, nodes="activities")
        for r, v in got_r.items():
            assert v == pytest.approx(expect[("r", r)], rel=1e-12, abs=1e-15)
        for a, v in got_a.items():
            assert v == pytest.approx(expect[("a", a)], rel=1e-12, abs=1e-15)
        assert wn.twomode.average_latapy_clustering(net, mode=mode) == pytest.approx(
            bipartite.average_clustering(G, mode=mode), rel=1e-12
        )
    for fn, local_fn, brute in (
        (wn.twomode.opsahl_clustering, wn.twomode.local_opsahl_clustering, brute_opsahl),
        (wn.twomode.exclusive_clustering, wn.twomode.local_exclusive_clustering, brute_exclusive),
    ):
        g_exp, l_exp = brute(df)
        g = fn(net)
        assert (math.isnan(g) and math.isnan(g_exp)) or g == pytest.approx(g_exp, rel=1e-12)
        local = local_fn(net)
        for r, v in l_exp.items():
            assert (math.isnan(v) and math.isnan(local[r])) or local[r] == pytest.approx(v, rel=1e-12)


def test_real_data_against_networkx(ceos_frame: pd.DataFrame) -> None:
    df = ceos_frame[["resident", "activity"]]
    net = wn.Network.from_attendance(df)
    G, res = bipartite_graph(df)
    assert wn.twomode.robins_alexander_clustering(net) == pytest.approx(bipartite.robins_alexander_clustering(G), rel=1e-12)
    assert wn.twomode.average_latapy_clustering(net) == pytest.approx(bipartite.average_clustering(G), rel=1e-12)
    assert wn.twomode.opsahl_clustering(net) == pytest.approx(brute_opsahl(df)[0], rel=1e-12)
    assert wn.twomode.exclusive_clustering(net) == pytest.approx(brute_exclusive(df)[0], rel=1e-12)


def test_views_and_errors() -> None:
    net = wn.datasets.badhuis(residents=400, seed=2)
    spring = net.window("2025-03-01", "2025-06-01")
    df = spring.to_frame()[["resident", "activity"]].drop_duplicates()
    assert wn.twomode.density(spring) == pytest.approx(len(df) / (df.resident.nunique() * df.activity.nunique()))
    with pytest.raises(wn.ArgumentError, match="Network"):
        wn.twomode.opsahl_clustering(net.project())
    with pytest.raises(wn.ArgumentError, match="mode"):
        wn.twomode.latapy_clustering(net, mode="jaccard")
    with pytest.raises(wn.ArgumentError, match="nodes"):
        wn.twomode.average_latapy_clustering(net, nodes="people")


# ---------------------------------------------------------------------------------------------
# Borgatti & Everett (1997) two-mode centralities
# ---------------------------------------------------------------------------------------------

CENTRALITIES = ("degree_centrality", "closeness_centrality", "betweenness_centrality")


def nx_two_mode_centralities(df: pd.DataFrame) -> dict:
    """networkx bipartite.*_centrality of the register's two-mode graph, keyed by (mode, id)."""
    G, res = bipartite_graph(df)
    mode = {"r": "resident", "a": "activity"}
    out = {}
    for name in CENTRALITIES:
        values = getattr(bipartite, name)(G, res)
        out[name] = {(mode[side], x): v for (side, x), v in values.items()}
    return out


def assert_matches_networkx(net: wn.Network, df: pd.DataFrame, *, exact: tuple = ("degree_centrality", "closeness_centrality")) -> None:
    """Every node of both modes; ``exact`` measures bit for bit (networkx's order of
    operations), the others to a relative 1e-12 (docs/testing.md)."""
    expected = nx_two_mode_centralities(df)
    for name in CENTRALITIES:
        got = getattr(wn.twomode, name)(net)
        want = expected[name]
        assert len(got) == len(want), name
        for key, v in got.items():
            if name in exact:
                assert v == want[key], (name, key, v, want[key])
            else:
                assert v == pytest.approx(want[key], rel=1e-12, abs=1e-15), (name, key, v, want[key])


def test_two_mode_centralities_davis_published(davis_expected: dict) -> None:
    net = wn.datasets.davis_southern_women()
    published = davis_expected["borgatti_everett_normalised_centrality_networkx"]
    for name, key in zip(CENTRALITIES, ("degree", "closeness", "betweenness")):
        got = getattr(wn.twomode, name)(net).round(6)
        expected = published[key]
        assert len(got) == len(expected) == 32
        for (mode, node), v in got.items():
            assert v == expected[node], (name, mode, node)


def test_two_mode_centrality_result_shape() -> None:
    net = wn.datasets.davis_southern_women()
    for name in CENTRALITIES:
        s = getattr(wn.twomode, name)(net)
        assert s.name == name and s.dtype == np.float64
        assert s.index.names == ["mode", "id"]
        assert s.index.get_level_values("mode").unique().tolist() == ["resident", "activity"]
        assert s["resident"].index.tolist() == net.residents.tolist()
        assert s["activity"].index.tolist() == net.activities.tolist()
        assert ((s >= 0) & (s <= 1)).all()
    # residents and activities may share an id: the mode keeps them apart
    net = wn.Network.from_attendance({"resident": [1, 2, 2], "activity": [1, 1, 3]})
    s = wn.twomode.degree_centrality(net)
    assert s[("resident", 1)] == 0.5 and s[("activity", 1)] == 1.0
    empty = wn.twomode.betweenness_centrality(wn.datasets.davis_southern_women().filter(residents=[]))
    assert empty.empty and empty.index.names == ["mode", "id"]


@pytest.mark.parametrize("seed", range(8))
def test_two_mode_centralities_against_networkx_on_random_registers(seed: int) -> None:
    # even seeds: few rows spread evenly over many activities (5 to 10 components, several of
    # one resident alone in an activity); odd seeds: skewed activity sizes, connected
    sparse = seed % 2 == 0
    df = random_register(
        seed,
        residents=30,
        activities=25 if sparse else 6,
        rows=35 if sparse else 90,
        ids="int" if seed % 4 else "str",
        skew=not sparse,
    ).drop_duplicates()
    net = wn.Network.from_attendance(df)
    assert_matches_networkx(net, df)


def test_two_mode_centralities_in_disconnected_and_tiny_networks() -> None:
    df = pd.DataFrame({"resident": ["a", "b", "c", "d", "e"], "activity": ["x", "x", "y", "z", "z"]})
    assert_matches_networkx(wn.Network.from_attendance(df), df)
    # one activity: the residents' maximum betweenness is 0 (networkx divides by zero)
    star = wn.Network.from_attendance({"resident": ["a", "b", "c"], "activity": ["x", "x", "x"]})
    b = wn.twomode.betweenness_centrality(star)
    assert b["resident"].tolist() == [0.0, 0.0, 0.0] and b["activity"].tolist() == [1.0]
    assert wn.twomode.closeness_centrality(star).tolist() == [1.0] * 4
    one = wn.Network.from_attendance({"resident": ["a"], "activity": ["x"]})
    assert wn.twomode.betweenness_centrality(one).tolist() == [0.0, 0.0]
    assert wn.twomode.closeness_centrality(one).tolist() == [1.0, 1.0]


def test_two_mode_centralities_ceos_against_networkx(ceos_frame: pd.DataFrame) -> None:
    df = ceos_frame[["resident", "activity"]]
    assert_matches_networkx(wn.Network.from_attendance(df), df)


def test_two_mode_centralities_senate_against_networkx(senate_frame: pd.DataFrame) -> None:
    # networkx's pure-Python betweenness takes minutes on all 3,874 bills: the bills of the
    # first 40 senators (first-seen order) keep the test short and still span many bills
    df = senate_frame[["resident", "activity"]]
    df = df[df["resident"].isin(pd.unique(df["resident"])[:40])]
    bills = pd.unique(df["activity"])[:600]
    df = df[df["activity"].isin(bills)]
    assert_matches_networkx(wn.Network.from_attendance(df), df)


def test_two_mode_centralities_do_not_depend_on_threads() -> None:
    net = wn.datasets.badhuis(residents=800, seed=5)
    for name in ("closeness_centrality", "betweenness_centrality"):
        fn = getattr(wn.twomode, name)
        one = fn(net, threads=1, progress=False).to_numpy()
        two = fn(net, threads=2, progress=False).to_numpy()
        assert one.tobytes() == two.tobytes(), name


def test_two_mode_centralities_views_and_errors() -> None:
    net = wn.datasets.badhuis(residents=300, seed=1)
    spring = net.window("2025-03-01", "2025-06-01")
    df = spring.to_frame()[["resident", "activity"]].drop_duplicates()
    assert_matches_networkx(spring, df)
    calls: list = []
    b = wn.twomode.betweenness_centrality(spring, progress=lambda done, total: calls.append(total))
    assert len(b) == spring.summary()["residents"] + spring.summary()["activities"]
    assert all(t in (0, len(b)) for t in calls)  # one unit of progress per source node
    with pytest.raises(wn.ArgumentError, match="Network"):
        wn.twomode.degree_centrality(net.project())
    with pytest.raises(wn.ArgumentError, match="Network"):
        wn.twomode.closeness_centrality(net.project())
    with pytest.raises(wn.ArgumentError, match="threads"):
        wn.twomode.betweenness_centrality(net, threads=-1)
    with pytest.raises(TypeError):
        wn.twomode.closeness_centrality(net, 2)  # type: ignore[misc]
