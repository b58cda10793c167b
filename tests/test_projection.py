"""The weighted one-mode projection (Network.project) against independent oracles.

unit="activity": networkx's bipartite projections (count, newman = collaboration, jaccard and
overlap = overlap_weighted_projected_graph). unit="session": a pandas self-merge of the
register on the session key. Full edge sets with weights to a relative 1e-12.
"""

from __future__ import annotations

import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import (
    HYP,
    REL,
    UNITS,
    WEIGHTS,
    assert_weights_equal,
    brute_shared_units,
    edge_map,
    first_seen,
    nx_edge_map,
    nx_projection,
    pandas_session_projection,
    random_register,
)
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn


def check_activity(df: pd.DataFrame, weight: str, **kw) -> wn.Graph:
    """Projects ``df`` (unit="activity") and compares nodes and weights with networkx."""
    net = wn.Network.from_attendance(df)
    g = net.project(weight=weight, **kw)
    G = nx_projection(df, weight, **kw)
    assert g.nodes.tolist() == list(G.nodes)
    assert g.number_of_nodes() == len(net.residents) == G.number_of_nodes()
    assert g.number_of_edges() == G.number_of_edges()
    assert_weights_equal(edge_map(g), nx_edge_map(G))
    return g


# ---------------------------------------------------------------------------------------------
# unit="activity" against networkx
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("weight", WEIGHTS)
def test_bundled_davis_matches_networkx(weight):
    from networkx.algorithms import bipartite as bp

    B = nx.davis_southern_women_graph()
    women = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    P = {
        "count": bp.weighted_projected_graph,
        "newman": bp.collaboration_weighted_projected_graph,
        "jaccard": lambda B, n: bp.overlap_weighted_projected_graph(B, n, jaccard=True),
        "overlap": lambda B, n: bp.overlap_weighted_projected_graph(B, n, jaccard=False),
    }[weight](B, women)
    g = wn.datasets.davis_southern_women().project(weight=weight)
    assert g.nodes.tolist() == women
    assert_weights_equal(edge_map(g), nx_edge_map(P))
    assert g.number_of_edges() == 139


@pytest.mark.parametrize("weight", WEIGHTS)
def test_real_data_matches_networkx(real_frame, weight):
    check_activity(real_frame, weight)


@pytest.mark.parametrize("weight", WEIGHTS)
def test_real_data_max_activity_size_matches_networkx(real_frame, weight):
    sizes = real_frame.drop_duplicates().groupby("activity").size()
    cap = int(sizes.quantile(0.75))
    check_activity(real_frame, weight, max_activity_size=cap)


@pytest.mark.parametrize("ids", ["str", "int"])
@pytest.mark.parametrize("weight", WEIGHTS)
@pytest.mark.parametrize("seed", range(4))
def test_random_registers_match_networkx(seed, weight, ids):
    df = random_register(seed, residents=60, activities=12, rows=250, ids=ids)
    check_activity(df, weight)


@HYP
@given(
    rows=st.lists(st.tuples(st.integers(0, 14), st.integers(0, 6)), min_size=1, max_size=70),
    weight=st.sampled_from(WEIGHTS),
    cap=st.one_of(st.none(), st.integers(0, 8)),
)
def test_hypothesis_activity_matches_networkx(rows, weight, cap):
    df = pd.DataFrame(rows, columns=["resident", "activity"])
    df["activity"] = "a" + df["activity"].astype(str)
    check_activity(df, weight, max_activity_size=cap)


# ---------------------------------------------------------------------------------------------
# unit="session" against a pandas self-merge
# ---------------------------------------------------------------------------------------------


def check_session(df: pd.DataFrame, weight: str, session=None, **kw) -> wn.Graph:
    net = wn.Network.from_attendance(df, date="date", session=session, duplicates="count")
    g = net.project(weight=weight, unit="session", **kw)
    assert g.nodes.tolist() == first_seen(df["resident"])
    assert_weights_equal(edge_map(g), pandas_session_projection(df, weight, session=session, **kw))
    return g


@pytest.mark.parametrize("session", [None, "session"])
@pytest.mark.parametrize("weight", WEIGHTS)
@pytest.mark.parametrize("seed", range(4))
def test_random_sessions_match_pandas(seed, weight, session):
    df = random_register(100 + seed, residents=50, activities=6, rows=400, dated=True, days=8, sessions=True)
    assert df.duplicated(["resident", "activity", "date"]).any()  # repeats are part of the test
    check_session(df, weight, session=session)


@pytest.mark.parametrize("weight", WEIGHTS)
def test_random_sessions_max_activity_size_and_min_weight(weight):
    df = random_register(7, residents=60, activities=5, rows=500, dated=True, days=6, sessions=True)
    sizes = df.drop_duplicates(["resident", "activity", "date"]).groupby(["activity", "date"]).size()
    cap = int(sizes.median())
    full = pandas_session_projection(df, weight, max_activity_size=cap)
    threshold = sorted(full.values())[len(full) // 2]  # an actual weight: tests inclusiveness
    g = check_session(df, weight, max_activity_size=cap, min_weight=threshold)
    assert min(edge_map(g).values()) == threshold


@HYP
@given(
    rows=st.lists(st.tuples(st.integers(0, 10), st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=80),
    weight=st.sampled_from(WEIGHTS),
    labelled=st.booleans(),
)
def test_hypothesis_sessions_match_pandas(rows, weight, labelled):
    df = pd.DataFrame(rows, columns=["resident", "activity", "day"])
    df["activity"] = "a" + df["activity"].astype(str)
    df["date"] = pd.Timestamp("2025-02-03") + pd.to_timedelta(df["day"], unit="D")
    df["session"] = "s" + ((df["day"] + df["resident"]) % 2).astype(str)
    check_session(df.drop(columns="day"), weight, session="session" if labelled else None)


def test_session_count_counts_distinct_sessions_not_repeats():
    df = pd.DataFrame(
        {
            "resident": ["ann", "ann", "bob", "bob", "ann", "bob", "cas"],
            "activity": ["dance"] * 7,
            "date": ["2025-01-10"] * 4 + ["2025-01-24"] * 2 + ["2025-01-24"],
        }
    )
    net = wn.Network.from_attendance(df, date="date")
    assert net.summary()["duplicates_found"] == 2
    g = net.project(unit="session")
    assert edge_map(g) == {frozenset(("ann", "bob")): 2.0, frozenset(("ann", "cas")): 1.0, frozenset(("bob", "cas")): 1.0}
    gn = net.project(unit="session", weight="newman")
    assert edge_map(gn) == {frozenset(("ann", "bob")): 1.0 + 0.5, frozenset(("ann", "cas")): 0.5, frozenset(("bob", "cas")): 0.5}
    # per activity there is one shared unit, whatever the number of sessions
    assert set(edge_map(net.project(unit="activity")).values()) == {1.0}
    # with dates the default unit is the session: who was present at the same session met
    assert edge_map(net.project()) == edge_map(g)


def test_session_labels_are_keyed_by_activity_and_label():
    # the same label on two activities means two sessions (a session is one occurrence of an activity)
    df = pd.DataFrame({"resident": [1, 2, 1, 3], "activity": ["A", "A", "B", "B"], "sess": ["s1", "s1", "s1", "s1"]})
    g = wn.Network.from_attendance(df, session="sess").project(unit="session")
    assert edge_map(g) == {frozenset((1, 2)): 1.0, frozenset((1, 3)): 1.0}


# ---------------------------------------------------------------------------------------------
# min_weight, max_activity_size, nodes
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("weight", WEIGHTS)
def test_min_weight_is_inclusive(weight):
    net = wn.datasets.davis_southern_women()
    full = edge_map(net.project(weight=weight))
    values = sorted(set(full.values()))
    threshold = values[len(values) // 2]
    kept = edge_map(net.project(weight=weight, min_weight=threshold))
    assert kept == {k: w for k, w in full.items() if w >= threshold}
    assert threshold in kept.values()
    g = net.project(weight=weight, min_weight=threshold)
    assert g.number_of_nodes() == 18  # thresholding never drops nodes
    assert g.spec == {"weight": weight, "unit": "activity", "min_weight": threshold, "max_activity_size": None}


def test_min_weight_count_against_networkx_davis():
    g = wn.datasets.davis_southern_women().project(min_weight=3)
    df = wn.datasets.davis_southern_women().to_frame()
    G = nx_projection(df, "count", min_weight=3)
    assert_weights_equal(edge_map(g), nx_edge_map(G))
    assert 3.0 in edge_map(g).values()


@pytest.mark.parametrize("weight", ["jaccard", "overlap"])
def test_max_activity_size_removes_units_from_k_i(weight):
    # ann: yoga + dance (big); bob: yoga + swim. Leaving dance out changes ann's |K_i| too.
    df = pd.DataFrame(
        {
            "resident": ["ann", "bob", "ann", "bob", "c1", "c2", "c3"],
            "activity": ["yoga", "yoga", "dance", "swim", "dance", "dance", "dance"],
        }
    )
    net = wn.Network.from_attendance(df)
    g = net.project(weight=weight, max_activity_size=3)
    capped = {"jaccard": 1 / 2, "overlap": 1.0}[weight]  # {yoga} vs {yoga, swim}
    assert edge_map(g) == {frozenset(("ann", "bob")): capped}
    full = edge_map(net.project(weight=weight))
    assert full[frozenset(("ann", "bob"))] == {"jaccard": 1 / 3, "overlap": 1 / 2}[weight]
    assert g.nodes.tolist() == ["ann", "bob", "c1", "c2", "c3"]  # dancers stay, isolated


def test_max_activity_size_boundary_is_inclusive():
    df = pd.DataFrame({"resident": ["a", "b", "c", "a", "b"], "activity": ["X", "X", "X", "Y", "Y"]})
    net = wn.Network.from_attendance(df)
    assert edge_map(net.project(max_activity_size=3)) == edge_map(net.project())
    assert edge_map(net.project(max_activity_size=2)) == {frozenset(("a", "b")): 1.0}
    assert net.pair_count(max_activity_size=3) == 4
    assert net.pair_count(max_activity_size=2) == 1


@pytest.mark.parametrize("cap", [0, 1])
@pytest.mark.parametrize("unit", UNITS)
def test_max_activity_size_zero_or_one_gives_isolates_only(cap, unit):
    net = wn.datasets.badhuis(residents=300, seed=2)
    g = net.project(unit=unit, max_activity_size=cap)
    assert g.number_of_edges() == 0
    assert g.nodes.tolist() == net.residents.tolist()
    assert wn.isolates(g).tolist() == net.residents.tolist()


def test_isolates_are_nodes_and_node_order_is_first_seen():
    df = pd.DataFrame(
        {
            "resident": [907, 15, 300, 15, 42, 907, 8],
            "activity": ["solo-a", "club", "solo-b", "walk", "club", "walk", "solo-c"],
        }
    )
    net = wn.Network.from_attendance(df)
    for weight in WEIGHTS:
        for unit in UNITS:
            g = net.project(weight=weight, unit=unit)
            assert g.nodes.tolist() == [907, 15, 300, 42, 8]
            assert g.nodes.dtype == np.int64
            assert g.number_of_nodes() == len(net.residents) == 5
    g = net.project()
    assert sorted(wn.isolates(g).tolist()) == [8, 300]
    assert edge_map(g) == {frozenset((15, 42)): 1.0, frozenset((15, 907)): 1.0}


# ---------------------------------------------------------------------------------------------
# provenance
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cap", [None, 6])
def test_provenance_lists_exactly_the_shared_activities(cap):
    df = random_register(11, residents=25, activities=10, rows=120)
    net = wn.Network.from_attendance(df)
    g = net.project(max_activity_size=cap)
    d = df.drop_duplicates()
    if cap is not None:
        sizes = d.groupby("activity").size()
        d = d[d["activity"].isin(sizes[sizes <= cap].index)]
    shared = brute_shared_units(d, ["activity"])
    nodes = g.nodes.tolist()
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            p = g.provenance(a, b)
            assert list(p.columns) == ["activity"]
            got = p["activity"].tolist()
            assert len(got) == len(set(got))
            expected = {u[0] for u in shared.get(frozenset((a, b)), set())}
            assert set(got) == expected, (a, b)
            assert g.weight(a, b) == (float(len(expected)) if expected else None)
            assert set(g.provenance(b, a)["activity"]) == expected


def test_provenance_lists_exactly_the_shared_sessions():
    df = random_register(12, residents=20, activities=4, rows=150, dated=True, days=5)
    net = wn.Network.from_attendance(df, date="date")
    g = net.project(unit="session")
    shared = brute_shared_units(df, ["activity", "date"])
    nodes = g.nodes.tolist()
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            p = g.provenance(a, b)
            assert list(p.columns) == ["activity", "date"]
            got = {(x, pd.Timestamp(y)) for x, y in zip(p["activity"], p["date"])}
            assert len(got) == len(p)
            assert got == {(x, pd.Timestamp(y)) for x, y in shared.get(frozenset((a, b)), set())}


def test_provenance_davis():
    g = wn.datasets.davis_southern_women().project()
    assert g.provenance("Evelyn Jefferson", "Laura Mandeville")["activity"].tolist() == ["E1", "E2", "E3", "E5", "E6", "E8"]
    # a pair without a tie has an empty provenance
    assert g.weight("Laura Mandeville", "Flora Price") is None
    assert g.provenance("Laura Mandeville", "Flora Price").empty
    assert g.provenance("Evelyn Jefferson", "Flora Price")["activity"].tolist() == ["E9"]


def test_provenance_leaves_out_sensitive_activities_when_excluded():
    net = wn.datasets.davis_southern_women().with_activity_attributes(
        pd.DataFrame({"activity": ["E2"], "x": [1]}), sensitive=["E2"]
    )
    g = net.filter(exclude_sensitive=True).project()
    assert g.provenance("Evelyn Jefferson", "Laura Mandeville")["activity"].tolist() == ["E1", "E3", "E5", "E6", "E8"]


# ---------------------------------------------------------------------------------------------
# pair budget
# ---------------------------------------------------------------------------------------------


def test_pair_count_against_pandas():
    df = random_register(5, residents=80, activities=9, rows=400, dated=True, days=7)
    net = wn.Network.from_attendance(df, date="date")
    for unit, keys in (("activity", ["activity"]), ("session", ["activity", "date"])):
        n = df.drop_duplicates(["resident", *keys]).groupby(keys).size()
        assert net.pair_count(unit=unit) == int((n * (n - 1) // 2).sum())
        assert net.pair_count(unit=unit, max_activity_size=5) == int((n[n <= 5] * (n[n <= 5] - 1) // 2).sum())


def test_pair_budget_error_names_the_options():
    net = wn.datasets.davis_southern_women()
    pairs = net.pair_count()
    assert pairs == 322
    net.project(pair_budget=pairs)  # the budget is inclusive
    with pytest.raises(wn.BudgetExceededError) as info:
        net.project(pair_budget=pairs - 1)
    assert isinstance(info.value, MemoryError)
    assert isinstance(info.value, wn.WijknetError)
    msg = str(info.value)
    for needle in ("max_activity_size", "window", 'unit="session"', "pair_budget", "322", "321"):
        assert needle in msg, needle


def test_pair_budget_error_suggests_a_max_activity_size_that_fits():
    net = wn.datasets.davis_southern_women()
    budget = 10
    with pytest.raises(wn.BudgetExceededError) as info:
        net.project(pair_budget=budget)
    suggested = int(re.search(r"max_activity_size=(\d+)", str(info.value)).group(1))
    pairs = net.pair_count(max_activity_size=suggested)
    assert pairs <= budget, f"suggested max_activity_size={suggested} still makes {pairs} pairs"
    net.project(pair_budget=budget, max_activity_size=suggested)


def test_pair_budget_message_grammar():
    with pytest.raises(wn.BudgetExceededError) as info:
        wn.datasets.davis_southern_women().project(pair_budget=1)
    assert "activitys" not in str(info.value)


def test_pair_budget_message_counts_in_plain_words():
    """One pair over one session reads as such (not "1 resident pairs over 1 sessions units")."""
    two = wn.Network.from_attendance(
        {"resident": ["a", "b"], "activity": ["x", "x"], "date": ["2025-01-01", "2025-01-01"]}
    )
    with pytest.raises(wn.BudgetExceededError) as info:
        two.project(unit="session", pair_budget=0)
    msg = str(info.value)
    assert "up to 1 resident pair (" in msg and "over 1 session;" in msg, msg
    assert "the largest has 2 participants" in msg and "units" not in msg, msg
    with pytest.raises(wn.BudgetExceededError) as info:
        two.project(unit="activity", pair_budget=0)
    assert "over 1 activity;" in str(info.value), str(info.value)
    with pytest.raises(wn.BudgetExceededError) as info:
        wn.datasets.davis_southern_women().project(pair_budget=1)
    msg = str(info.value)
    assert "up to 322 resident pairs (" in msg and "over 14 activities;" in msg, msg


def test_pair_budget_session_unit_and_max_activity_size():
    net = wn.datasets.badhuis(residents=500, seed=4)
    ps = net.pair_count(unit="session")
    with pytest.raises(wn.BudgetExceededError):
        net.project(unit="session", pair_budget=ps - 1)
    assert net.project(unit="session", pair_budget=ps).number_of_edges() > 0
    small = net.pair_count(max_activity_size=10)
    assert net.project(max_activity_size=10, pair_budget=small).number_of_edges() > 0


# ---------------------------------------------------------------------------------------------
# determinism, symmetry, conversions
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def badhuis_big():
    return wn.datasets.badhuis(residents=4000, seed=3)


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("weight", WEIGHTS)
def test_thread_count_does_not_change_a_bit(badhuis_big, weight, unit):
    g1 = badhuis_big.project(weight=weight, unit=unit, threads=1, progress=False)
    g2 = badhuis_big.project(weight=weight, unit=unit, threads=2, progress=False)
    e1, e2 = g1._g.edges(), g2._g.edges()
    s1, t1, w1 = e1["source"], e1["target"], e1["weight"]
    s2, t2, w2 = e2["source"], e2["target"], e2["weight"]
    assert len(s1) > 1000
    assert np.array_equal(s1, s2) and np.array_equal(t1, t2)
    assert np.array_equal(w1.view(np.int64), w2.view(np.int64))  # bitwise
    assert g1._g.to_bytes() == g2._g.to_bytes()


def test_set_num_threads_does_not_change_results(badhuis_big):
    try:
        wn.set_num_threads(1)
        assert wn.get_num_threads() == 1
        a = badhuis_big.project(weight="newman", progress=False)._g.to_bytes()
        wn.set_num_threads(2)
        assert wn.get_num_threads() == 2
        b = badhuis_big.project(weight="newman", progress=False)._g.to_bytes()
    finally:
        wn.set_num_threads(0)
    assert a == b


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("weight", WEIGHTS)
def test_symmetric_positive_and_scipy_matches_networkx(weight, unit):
    import scipy.sparse as sp

    df = random_register(21, residents=70, activities=10, rows=300, dated=True, days=4)
    net = wn.Network.from_attendance(df, date="date")
    g = net.project(weight=weight, unit=unit)
    A = g.to_scipy()
    assert A.shape == (len(net.residents),) * 2
    assert (A != A.T).nnz == 0  # exactly symmetric
    assert A.nnz == 2 * g.number_of_edges()
    assert (A.data > 0).all()
    assert A.diagonal().sum() == 0
    if unit == "activity":
        G = nx_projection(df, weight)
    else:
        G = nx.Graph()
        G.add_nodes_from(first_seen(df["resident"]))
        G.add_weighted_edges_from((*sorted(k, key=str), w) for k, w in pandas_session_projection(df, weight).items())
    B = nx.to_scipy_sparse_array(G, nodelist=g.nodes.tolist(), weight="weight", format="csr")
    assert sp.issparse(A)
    assert ((A != 0) != (B != 0)).nnz == 0  # same sparsity pattern
    np.testing.assert_allclose(A.toarray(), B.toarray(), rtol=REL, atol=0)


@pytest.mark.parametrize("weight", WEIGHTS)
def test_to_networkx_round_trip(weight):
    df = random_register(31, residents=40, activities=8, rows=150, ids="int")
    g = wn.Network.from_attendance(df).project(weight=weight)
    G = g.to_networkx()
    assert isinstance(G, nx.Graph) and not G.is_directed()
    assert list(G.nodes) == g.nodes.tolist()
    assert nx_edge_map(G) == edge_map(g)
    assert_weights_equal(nx_edge_map(G), nx_edge_map(nx_projection(df, weight)))
    # and back: wijknet's metrics on the networkx graph's edge table agree
    e = nx.to_pandas_edgelist(G)
    assert len(e) == g.number_of_edges()
    deg = dict(G.degree())
    assert wn.degree(g).to_dict() == deg


# ---------------------------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------------------------


@HYP
@given(
    rows=st.lists(st.tuples(st.integers(0, 20), st.integers(0, 8), st.integers(0, 2)), min_size=1, max_size=90),
    weight=st.sampled_from(WEIGHTS),
    unit=st.sampled_from(UNITS),
)
def test_projection_properties(rows, weight, unit):
    df = pd.DataFrame(rows, columns=["resident", "activity", "day"])
    df["date"] = pd.Timestamp("2025-05-05") + pd.to_timedelta(df["day"], unit="D")
    net = wn.Network.from_attendance(df[["resident", "activity", "date"]], date="date")
    g = net.project(weight=weight, unit=unit, progress=False)
    A = g.to_scipy()
    assert (A != A.T).nnz == 0
    e = g.edges()
    assert (e["weight"] > 0).all() and np.isfinite(e["weight"]).all()
    assert (e["source"] != e["target"]).all()
    assert g.number_of_edges() <= net.pair_count(unit=unit)
    assert int(wn.degree(g).sum()) == 2 * g.number_of_edges()
    assert g.number_of_nodes() == df["resident"].nunique()
    if weight in ("jaccard", "overlap"):
        assert (e["weight"] <= 1.0).all()
    if weight == "count":
        keys = ["activity"] if unit == "activity" else ["activity", "date"]
        shared = brute_shared_units(df, keys)
        assert edge_map(g) == {k: float(len(v)) for k, v in shared.items()}


def test_provenance_of_a_node_with_itself_is_empty():
    g = wn.datasets.davis_southern_women().project()
    assert g.weight("Evelyn Jefferson", "Evelyn Jefferson") is None
    try:
        p = g.provenance("Evelyn Jefferson", "Evelyn Jefferson")
    except wn.ArgumentError:
        return
    assert p.empty, p["activity"].tolist()


# ---- activity projection ----------------------------------------------------------

@pytest.mark.parametrize("weight", ["count", "newman", "jaccard", "overlap"])
def test_project_activities_is_the_projection_of_the_transposed_register(weight):
    import networkx as nx
    from networkx.algorithms import bipartite

    rng = np.random.default_rng(11)
    rows = pd.DataFrame({"resident": rng.integers(0, 60, 400), "activity": rng.choice([f"a{i}" for i in range(25)], 400)})
    net = wn.Network.from_attendance(rows, resident="resident", activity="activity")
    g = net.project_activities(weight=weight)
    assert list(g.nodes) == list(net.activities) and g.nodes.name == "activity"
    # the same spec with the roles swapped: project the transposed register onto "residents"
    swapped = wn.Network.from_attendance(rows.rename(columns={"resident": "activity", "activity": "resident"}),
                                         resident="resident", activity="activity")
    ref = swapped.project(weight=weight)
    e, r = g.edges().set_index(["source", "target"])["weight"], ref.edges()
    r = r.assign(key=[tuple(sorted(p)) for p in zip(r["source"], r["target"])]).set_index("key")["weight"]
    e.index = [tuple(sorted(p)) for p in e.index]
    assert e.sort_index().index.equals(r.sort_index().index)
    np.testing.assert_allclose(e.sort_index().to_numpy(), r.sort_index().to_numpy(), rtol=1e-14)
    if weight == "count":  # networkx oracle
        B = nx.Graph()
        B.add_edges_from(zip("r" + rows.resident.astype(str), rows.activity))
        P = bipartite.weighted_projected_graph(B, sorted(set(rows.activity)))
        assert P.number_of_edges() == g.number_of_edges()
        for a, b, w in zip(g.edges()["source"], g.edges()["target"], g.edges()["weight"]):
            assert P[a][b]["weight"] == w


def test_project_activities_leaves_out_regulars_when_asked():
    net = wn.datasets.davis_southern_women()
    full = net.project_activities()
    capped = net.project_activities(max_resident_activities=3)
    assert capped.number_of_edges() < full.number_of_edges()
    with pytest.raises(wn.ArgumentError, match="weight"):
        net.project_activities(weight="nope")
