"""Paths and cohesion (core numbers, k-cores, articulation points, bridges, reach, shortest
path lengths, efficiency, diameter) against networkx on real and random graphs."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import HYP, REL, random_register
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn

DISTANCES = (None, "inverse", "weight")


# ---------------------------------------------------------------------------------------------
# graphs and oracles
# ---------------------------------------------------------------------------------------------


def nx_graph(g: wn.Graph) -> nx.Graph:
    """networkx copy with every node (isolates too) and a "length" attribute per distance."""
    G = nx.Graph()
    G.add_nodes_from(g.nodes.tolist())
    e = g.edges()
    for s, t, w in zip(e["source"].tolist(), e["target"].tolist(), e["weight"].tolist()):
        G.add_edge(s, t, weight=w, inverse=1.0 / w if w > 0 else math.inf)
    return G


def nx_weight(distance):
    return {None: None, "inverse": "inverse", "weight": "weight"}[distance]


def random_graph(seed: int, n: int = 60, m: int = 90) -> wn.Graph:
    """A seeded G(n, m) with random weights (several components; from_edges has no isolates)."""
    G = nx.gnm_random_graph(n, m, seed=seed)
    rng = np.random.default_rng(seed)
    e = np.array(list(G.edges()), dtype=np.int64).reshape(-1, 2)
    df = pd.DataFrame({"source": e[:, 0], "target": e[:, 1], "weight": rng.integers(1, 6, len(e)) * 0.5})
    return wn.Graph.from_edges(df, weight="weight")


def random_projection(seed: int) -> wn.Graph:
    """A projection of a random register: components, isolates (residents alone in activities)."""
    df = random_register(seed, residents=60, activities=40, rows=90)
    return wn.Network.from_attendance(df).project(weight="newman")


def davis() -> wn.Graph:
    return wn.datasets.davis_southern_women().project()


def frame_projection(df: pd.DataFrame) -> wn.Graph:
    return wn.Network.from_attendance(df[["resident", "activity"]]).project()


def dense_projection(seed: int) -> wn.Graph:
    """A projection with a big dense component (reach uses its bitmap path there) and isolates."""
    df = random_register(seed, residents=150, activities=30, rows=260)
    return wn.Network.from_attendance(df).project(weight="count")


RANDOM = (
    [pytest.param(lambda s=s: random_graph(s), id=f"gnm{s}") for s in range(4)]
    + [pytest.param(lambda s=s: random_projection(s), id=f"register{s}") for s in range(4)]
    + [pytest.param(lambda s=s: dense_projection(s), id=f"dense{s}") for s in range(2)]
)


@pytest.fixture(params=["davis", "ceos", "senate"])
def real_graph(request: pytest.FixtureRequest) -> wn.Graph:
    if request.param == "davis":
        return davis()
    return frame_projection(request.getfixturevalue(f"{request.param}_frame"))


# ---------------------------------------------------------------------------------------------
# oracle checks, shared by real and random graphs
# ---------------------------------------------------------------------------------------------


def check_cores(g: wn.Graph) -> None:
    G = nx_graph(g)
    got = wn.core_number(g)
    assert got.name == "core_number" and got.index.equals(g.nodes)
    assert got.to_dict() == nx.core_number(G)
    for k in (None, 0, 1, 2, int(got.max())):
        core = wn.k_core(g, k=k)
        H = nx.k_core(G, k=k)
        assert core.nodes.tolist() == [v for v in g.nodes if v in H]
        assert {frozenset(e) for e in nx_graph(core).edges()} == {frozenset(e) for e in H.edges()}
        ce = core.edges()
        for s, t, w in zip(ce["source"], ce["target"], ce["weight"]):
            assert w == H[s][t]["weight"]


def check_cut(g: wn.Graph) -> None:
    G = nx_graph(g)
    ap = wn.articulation_points(g)
    assert set(ap.tolist()) == set(nx.articulation_points(G))
    assert len(ap) == len(set(ap.tolist()))
    b = wn.bridges(g)
    assert list(b.columns) == ["source", "target"]
    got = [frozenset(e) for e in zip(b["source"], b["target"])]
    assert len(got) == len(set(got))
    assert set(got) == {frozenset(e) for e in nx.bridges(G)}


def check_reach(g: wn.Graph, steps: int) -> None:
    G = nx_graph(g)
    r = wn.reach(g, steps=steps)
    assert list(r.columns) == [f"{c}_{s}" for s in range(1, steps + 1) for c in ("reach", "share")]
    assert r.index.equals(g.nodes)
    n = g.number_of_nodes()
    for v in g.nodes:
        d = nx.single_source_shortest_path_length(G, v, cutoff=steps)
        for s in range(1, steps + 1):
            want = sum(1 for x in d.values() if 1 <= x <= s)
            assert r.at[v, f"reach_{s}"] == want
            assert r.at[v, f"share_{s}"] == pytest.approx(want / (n - 1), rel=REL)


def check_paths(g: wn.Graph, distance) -> None:
    G = nx_graph(g)
    w = nx_weight(distance)
    t = wn.average_shortest_path_length(g, distance=distance)
    labels = wn.connected_components(g)
    assert list(t.columns) == ["size", "average_shortest_path_length", "stderr", "sources"]
    assert t.index.tolist() == list(range(labels.max() + 1))
    for c, row in t.iterrows():
        members = labels.index[labels == c].tolist()
        assert row["size"] == len(members)
        if len(members) == 1:
            assert math.isnan(row["average_shortest_path_length"])
            continue
        want = nx.average_shortest_path_length(G.subgraph(members), weight=w)
        assert row["average_shortest_path_length"] == pytest.approx(want, rel=REL)
        assert row["stderr"] == 0.0
    if distance is None:
        assert wn.global_efficiency(g) == pytest.approx(nx.global_efficiency(G), rel=REL)
    else:
        n = len(G)
        inv = sum(1 / d for s, dd in nx.all_pairs_dijkstra_path_length(G, weight=w) for t_, d in dd.items() if t_ != s)
        assert wn.global_efficiency(g, distance=distance) == pytest.approx(inv / (n * (n - 1)), rel=REL)
    largest = labels.index[labels == 0].tolist()
    want_d = nx.diameter(G.subgraph(largest), weight=w)
    got_d = wn.diameter(g, distance=distance)
    assert got_d == pytest.approx(want_d, rel=REL)
    if distance is None:
        assert isinstance(got_d, float) and got_d.is_integer()  # always a float; whole for hops


# ---------------------------------------------------------------------------------------------
# real data
# ---------------------------------------------------------------------------------------------


def test_davis_values():
    g = davis()
    assert wn.core_number(g).max() == 14  # networkx: 14
    assert len(wn.articulation_points(g)) == 0 and len(wn.bridges(g)) == 0
    assert wn.diameter(g) == 2


def test_cores_cuts_on_real_data(real_graph):
    check_cores(real_graph)
    check_cut(real_graph)


def test_reach_on_real_data(real_graph):
    check_reach(real_graph, 2)


@pytest.mark.parametrize("distance", DISTANCES)
def test_paths_on_real_data(real_graph, distance):
    check_paths(real_graph, distance)


def test_thresholded_senate_projection(senate_frame):
    """A sparser graph from real data: only pairs who co-sponsored at least 60 bills."""
    g = wn.Network.from_attendance(senate_frame[["resident", "activity"]]).project(min_weight=60)
    check_cores(g)
    check_cut(g)
    check_reach(g, 3)
    check_paths(g, None)


# ---------------------------------------------------------------------------------------------
# random graphs (several components; isolates in projections)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", RANDOM)
def test_cores_and_cuts_on_random_graphs(make):
    g = make()
    check_cores(g)
    check_cut(g)


@pytest.mark.parametrize("make", RANDOM)
@pytest.mark.parametrize("steps", [1, 2, 3])
def test_reach_on_random_graphs(make, steps):
    check_reach(make(), steps)


@pytest.mark.parametrize("make", RANDOM)
@pytest.mark.parametrize("distance", DISTANCES)
def test_paths_on_random_graphs(make, distance):
    check_paths(make(), distance)


def test_dense_projection_shape():
    g = dense_projection(0)
    sizes = wn.connected_components(g).value_counts()
    deg = wn.degree(g).astype(float)
    assert sizes.iloc[0] >= 64 and len(wn.isolates(g)) > 0
    assert (deg**2).sum() > 2 * deg.sum() * math.ceil(sizes.iloc[0] / 64)  # the bitmap path


def test_random_projection_has_isolates():
    g = random_projection(0)
    assert len(wn.isolates(g)) > 0  # so the size-1 rows and zero reach above are exercised
    t = wn.average_shortest_path_length(g)
    assert (t["size"] == 1).any()


def test_reach_directed_follows_out_ties():
    g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "a"]}), directed=True)
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    r = wn.reach(g, steps=1)
    for v in "abc":
        assert r.at[v, "reach_1"] == len(nx.single_source_shortest_path_length(G, v, cutoff=1)) - 1


def test_reach_summary():
    g = random_projection(1)
    r = wn.reach(g, steps=2)
    s = wn.reach_summary(g, steps=2)
    assert s.index.tolist() == ["mean_reach_1", "mean_share_1", "mean_reach_2", "mean_share_2", "share_reaching"]
    assert s["mean_reach_2"] == pytest.approx(r["reach_2"].mean(), rel=REL)
    assert s["share_reaching"] == pytest.approx(1 - len(wn.isolates(g)) / g.number_of_nodes(), rel=REL)


# ---------------------------------------------------------------------------------------------
# invariants, threads, sampling, errors
# ---------------------------------------------------------------------------------------------

edge_lists = st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), min_size=1, max_size=60).map(
    lambda es: [(a, b) for a, b in es if a != b]
)


@HYP
@given(edge_lists)
def test_invariants_hypothesis(edges):
    if not edges:
        return
    df = pd.DataFrame(edges, columns=["source", "target"])
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = wn.Graph.from_edges(df)
    deg = wn.degree(g)
    assert (wn.core_number(g) <= deg).all()
    r = wn.reach(g, steps=3)
    assert (r["reach_1"] == deg).all()
    assert (r["reach_1"] <= r["reach_2"]).all() and (r["reach_2"] <= r["reach_3"]).all()
    assert (r["share_3"] <= 1).all()
    check_cut(g)


def test_thread_count_independence():
    g = random_graph(11, n=400, m=900)
    try:
        out = []
        for threads in (1, 2):
            wn.set_num_threads(threads)
            out.append(
                (
                    wn.reach(g, steps=2),
                    wn.average_shortest_path_length(g, distance="inverse"),
                    wn.average_shortest_path_length(g, k=30, seed=4),
                    wn.global_efficiency_estimate(g, k=30, seed=4),
                    wn.global_efficiency(g, distance="weight"),
                    wn.diameter(g, distance="inverse"),
                )
            )
    finally:
        wn.set_num_threads(0)
    a, b = out
    pd.testing.assert_frame_equal(a[0], b[0])
    pd.testing.assert_frame_equal(a[1], b[1], check_exact=True)
    pd.testing.assert_frame_equal(a[2], b[2], check_exact=True)
    assert a[3:] == b[3:]


def test_sampled_estimates_shrink_with_k():
    g = random_graph(3, n=500, m=1500)
    exact_e = wn.global_efficiency(g)
    exact_a = wn.average_shortest_path_length(g)["average_shortest_path_length"].iloc[0]

    def rmse(k):
        ee, ea, se = [], [], []
        for seed in range(15):
            est = wn.global_efficiency_estimate(g, k=k, seed=seed)
            e, s = est.value, est.stderr
            a = wn.average_shortest_path_length(g, k=k, seed=seed).iloc[0]
            ee.append(e - exact_e)
            ea.append(a["average_shortest_path_length"] - exact_a)
            se.append(s)
            assert a["sources"] == k and a["stderr"] > 0
        return math.sqrt(np.mean(np.square(ee))), math.sqrt(np.mean(np.square(ea))), np.mean(se)

    e10, a10, s10 = rmse(10)
    e200, a200, s200 = rmse(200)
    assert e200 < e10 and a200 < a10 and s200 < s10
    # the stated error is of the right size (within a factor 3 of the observed one)
    assert s10 / 3 < e10 < 3 * s10
    # same seed, same estimate; k ≥ n is exact
    assert wn.global_efficiency_estimate(g, k=10, seed=1) == wn.global_efficiency_estimate(g, k=10, seed=1)
    full = wn.global_efficiency_estimate(g, k=10_000, seed=1)
    assert (full.value, full.stderr) == (exact_e, 0.0)


def test_errors():
    d = wn.Graph.from_edges(pd.DataFrame({"source": ["a"], "target": ["b"]}), directed=True)
    for fn in (wn.core_number, wn.k_core, wn.articulation_points, wn.bridges, wn.diameter,
               wn.global_efficiency, wn.average_shortest_path_length):
        with pytest.raises(wn.ArgumentError, match="directed"):
            fn(d)
    g = davis()
    with pytest.raises(wn.ArgumentError, match="distance"):
        wn.diameter(g, distance="length")
    with pytest.raises(wn.ArgumentError, match="steps"):
        wn.reach(g, steps=0)
    with pytest.raises(wn.ArgumentError, match="k="):
        wn.global_efficiency_estimate(g, k=0)
    with pytest.raises(wn.ArgumentError):
        wn.k_core(g, k=-1)
    zero = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "w": [0.0, 1.0]}), weight="w")
    with pytest.raises(wn.ArgumentError, match="> 0"):
        wn.average_shortest_path_length(zero, distance="inverse")
    assert wn.diameter(zero) == 2
    with pytest.raises(TypeError):
        wn.reach(g, 2)  # keyword-only
    with pytest.raises(wn.ArgumentError, match="project"):
        wn.core_number(wn.datasets.davis_southern_women())


def test_tiny_graphs():
    one = wn.Network.from_attendance(pd.DataFrame({"resident": ["x"], "activity": ["a"]})).project()
    assert wn.core_number(one).tolist() == [0]
    assert wn.global_efficiency(one) == 0.0
    assert wn.diameter(one) == 0
    assert math.isnan(wn.reach(one)["share_1"].iloc[0])
    assert wn.k_core(one).number_of_nodes() == 1


def _doctests():
    import doctest

    import wijknet.cohesion

    for test in doctest.DocTestFinder(exclude_empty=True).find(wijknet.cohesion, "wijknet.cohesion"):
        if test.examples:
            yield pytest.param(test, id=test.name)


@pytest.mark.parametrize("test", list(_doctests()))
def test_docstring_examples_run(test):
    """The Examples sections of this module (test_stubs.py runs those of its MODULES list)."""
    import doctest
    import io

    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    assert runner.run(test, out=out.write).failed == 0, out.getvalue()


def test_options_are_keyword_only():
    import inspect

    for name in wn.cohesion.__all__:
        if inspect.isclass(getattr(wn, name)):
            continue  # result types
        params = list(inspect.signature(getattr(wn, name)).parameters.values())
        assert params[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:]), name
