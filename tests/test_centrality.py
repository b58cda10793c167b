"""Centrality (PageRank, eigenvector, betweenness, closeness, harmonic) against networkx on the
Davis, CEOs and Senate projections and on random graphs, plus invariants, thread-count
independence and errors."""

from __future__ import annotations

import doctest

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import HYP, REL
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn

ITER = 1e-9  # iterative methods
# PageRank of undirected graphs is solved by SOR sweeps, not networkx's power iteration: the
# two agree to ITER once both are converged tightly; at the default tolerance wijknet only
# guarantees networkx's error bound (test_pagerank_default_tolerance_keeps_networkx_bound).
TIGHT = dict(tol=1e-13, max_iter=10_000)


def from_nx(G: nx.Graph) -> wn.Graph:
    e = nx.to_pandas_edgelist(G)
    return wn.Graph.from_edges(e, weight="weight", directed=G.is_directed())


def random_nx(seed: int, n: int = 60, m: int = 150, directed: bool = False, integer: bool = False) -> nx.Graph:
    """Random graph with random positive weights (small integers: equal-length paths occur
    under distances too) and no isolated nodes (an edge table cannot carry them)."""
    G = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    rng = np.random.default_rng(seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.integers(1, 4)) if integer else float(rng.uniform(0.1, 3.0))
    G.remove_nodes_from(list(nx.isolates(G)))
    return G


def with_lengths(G: nx.Graph) -> nx.Graph:
    """Adds networkx length attributes: "inv" = 1/weight and "len" = weight."""
    H = G.copy()
    for _u, _v, d in H.edges(data=True):
        d["inv"] = 1.0 / d["weight"]
        d["len"] = d["weight"]
    return H


NX_DIST = {None: None, "inverse": "inv", "weight": "len"}


def assert_series(got: pd.Series, expected: dict, g: wn.Graph, name: str, rel: float = REL, atol: float = 0.0) -> None:
    assert isinstance(got, pd.Series) and got.name == name
    assert got.index.equals(g.nodes)
    exp = np.array([float(expected[v]) for v in g.nodes], dtype=np.float64)
    np.testing.assert_allclose(got.to_numpy(), exp, rtol=rel, atol=atol)


def check_all(g: wn.Graph, G: nx.Graph, *, exact_betweenness: bool = True) -> None:
    """Every centrality of ``g`` against networkx on the same graph ``G`` (with weights)."""
    H = with_lengths(G)
    for weight in ("weight", None):
        assert_series(wn.pagerank(g, weight=weight, **TIGHT), nx.pagerank(G, weight=weight, **TIGHT), g, "pagerank", ITER)
    for weight in (None, "weight"):
        assert_series(
            wn.eigenvector_centrality(g, weight=weight, max_iter=1000),
            nx.eigenvector_centrality(G, weight=weight, max_iter=1000),
            g,
            "eigenvector_centrality",
            ITER,
        )
    for distance in (None, "inverse", "weight"):
        nd = NX_DIST[distance]
        if exact_betweenness:
            for normalized in (True, False):
                for endpoints in (False, True):
                    assert_series(
                        wn.betweenness_centrality(g, distance=distance, normalized=normalized, endpoints=endpoints),
                        nx.betweenness_centrality(H, weight=nd, normalized=normalized, endpoints=endpoints),
                        g,
                        "betweenness_centrality",
                        atol=1e-15,
                    )
        for wf in (True, False):
            assert_series(
                wn.closeness_centrality(g, distance=distance, wf_improved=wf),
                nx.closeness_centrality(H, distance=nd, wf_improved=wf),
                g,
                "closeness_centrality",
            )
        assert_series(wn.harmonic_centrality(g, distance=distance), nx.harmonic_centrality(H, distance=nd), g, "harmonic_centrality")


# ---------------------------------------------------------------------------------------------
# real data
# ---------------------------------------------------------------------------------------------


def test_davis_projection_against_networkx() -> None:
    g = wn.datasets.davis_southern_women().project()
    check_all(g, g.to_networkx())


@pytest.mark.parametrize("weight", ["count", "newman"])
def test_ceos_projection_against_networkx(ceos_frame: pd.DataFrame, weight: str) -> None:
    g = wn.Network.from_attendance(ceos_frame, resident="resident", activity="activity").project(weight=weight)
    check_all(g, g.to_networkx())


def test_senate_projection_against_networkx(senate_frame: pd.DataFrame) -> None:
    g = wn.Network.from_attendance(senate_frame, resident="resident", activity="activity").project(weight="newman")
    G = g.to_networkx()
    assert g.number_of_nodes() > 90
    check_all(g, G)


# ---------------------------------------------------------------------------------------------
# random graphs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("integer", [False, True])
def test_random_graphs_against_networkx(seed: int, integer: bool) -> None:
    G = random_nx(seed, integer=integer)
    check_all(from_nx(G), G)


@pytest.mark.parametrize("seed", range(3))
def test_random_sparse_graphs_with_components_against_networkx(seed: int) -> None:
    G = random_nx(seed, n=80, m=60, integer=True)
    assert nx.number_connected_components(G) > 1
    check_all(from_nx(G), G)


@pytest.mark.parametrize("seed", range(3))
def test_random_directed_graphs_against_networkx(seed: int) -> None:
    G = random_nx(seed, n=50, m=200, directed=True, integer=True)
    g = from_nx(G)
    assert g.is_directed()
    H = with_lengths(G)
    assert_series(wn.pagerank(g), nx.pagerank(G), g, "pagerank", ITER)
    for distance in (None, "inverse", "weight"):
        nd = NX_DIST[distance]
        for normalized in (True, False):
            assert_series(
                wn.betweenness_centrality(g, distance=distance, normalized=normalized),
                nx.betweenness_centrality(H, weight=nd, normalized=normalized),
                g,
                "betweenness_centrality",
                atol=1e-15,
            )
        assert_series(
            wn.closeness_centrality(g, distance=distance), nx.closeness_centrality(H, distance=nd), g, "closeness_centrality"
        )
        assert_series(wn.harmonic_centrality(g, distance=distance), nx.harmonic_centrality(H, distance=nd), g, "harmonic_centrality")


def test_pagerank_personalization_against_networkx() -> None:
    G = random_nx(5)
    g = from_nx(G)
    nodes = list(G.nodes)
    pers = {nodes[0]: 1.0, nodes[3]: 2.0, nodes[10]: 0.5}
    expected = nx.pagerank(G, personalization=pers, alpha=0.7, **TIGHT)
    assert_series(wn.pagerank(g, personalization=pers, alpha=0.7, **TIGHT), expected, g, "pagerank", ITER)
    s = pd.Series(pers)
    assert_series(wn.pagerank(g, personalization=s, alpha=0.7, **TIGHT), expected, g, "pagerank", ITER)


@pytest.mark.parametrize("weight", ["weight", None])
@pytest.mark.parametrize("personal", [False, True])
def test_pagerank_default_tolerance_keeps_networkx_bound(weight: str | None, personal: bool) -> None:
    # networkx stops when a power step changes x by < n·tol (L1), so its error is at most
    # α/(1 − α)·n·tol; wijknet's SOR result (several components, leaves, isolated nodes)
    # must keep that bound against the tightly converged answer, and so must networkx's
    # (isolated nodes: tests/centrality.rs)
    G = nx.union(random_nx(3, n=80, m=120), nx.path_graph(range(1000, 1004)))
    G.add_edge(2000, 2001)
    nx.set_edge_attributes(G, {e: 1.5 for e in G.subgraph([1000, 1001, 1002, 1003, 2000, 2001]).edges}, "weight")
    g = from_nx(G)
    pers = {v: float(i % 3) for i, v in enumerate(G.nodes)} if personal else None
    n, alpha, tol = len(G), 0.85, 1e-6
    exact = pd.Series(nx.pagerank(G, weight=weight, personalization=pers, **TIGHT))[list(g.nodes)].to_numpy()
    got = wn.pagerank(g, weight=weight, personalization=pers, tol=tol).to_numpy()
    nxd = pd.Series(nx.pagerank(G, weight=weight, personalization=pers, tol=tol))[list(g.nodes)].to_numpy()
    bound = alpha / (1 - alpha) * n * tol
    assert np.abs(nxd - exact).sum() <= bound
    assert np.abs(got - exact).sum() <= bound
    assert got.sum() == pytest.approx(1.0, abs=1e-12)


def test_pagerank_with_dangling_nodes_against_networkx() -> None:
    # a directed graph whose sinks have no out-ties spread their rank uniformly
    G = random_nx(2, n=40, m=60, directed=True)
    g = from_nx(G)
    assert any(G.out_degree(v) == 0 for v in G)
    assert_series(wn.pagerank(g), nx.pagerank(G), g, "pagerank", ITER)
    assert_series(wn.pagerank(g, weight=None, alpha=0.5), nx.pagerank(G, weight=None, alpha=0.5), g, "pagerank", ITER)


def test_isolated_nodes_of_a_projection() -> None:
    df = pd.DataFrame({"resident": ["a", "b", "c", "d", "e"], "activity": ["x", "x", "y", "y", "z"]})
    g = wn.Network.from_attendance(df, resident="resident", activity="activity").project()
    G = g.to_networkx()
    assert "e" in G and G.degree("e") == 0
    check_all(g, G)


# ---------------------------------------------------------------------------------------------
# sampled betweenness
# ---------------------------------------------------------------------------------------------


def test_sampled_betweenness_error_shrinks_with_k() -> None:
    G = random_nx(7, n=300, m=900)
    g = from_nx(G)
    exact = wn.betweenness_centrality(g).to_numpy()
    err = {}
    for k in (10, 60, 300):
        errs = [np.abs(wn.betweenness_centrality(g, k=k, seed=s).to_numpy() - exact).mean() for s in range(8)]
        err[k] = float(np.mean(errs))
    assert err[60] < 0.7 * err[10]
    assert err[300] < 1e-15  # every node a pivot: exact


def test_sampled_betweenness_rescaling_matches_networkx_for_given_pivots() -> None:
    # networkx draws its pivots with random.sample; with k = n both use every node, and the
    # per-source/non-source rescaling must agree
    G = random_nx(3, n=30, m=70)
    g = from_nx(G)
    for normalized in (True, False):
        for endpoints in (False, True):
            assert_series(
                wn.betweenness_centrality(g, k=30, seed=1, normalized=normalized, endpoints=endpoints),
                nx.betweenness_centrality(G, k=30, seed=1, normalized=normalized, endpoints=endpoints),
                g,
                "betweenness_centrality",
                atol=1e-15,
            )


def test_sampled_betweenness_is_seeded() -> None:
    G = random_nx(4, n=120, m=400)
    g = from_nx(G)
    a = wn.betweenness_centrality(g, k=20, seed=3)
    b = wn.betweenness_centrality(g, k=20, seed=3)
    c = wn.betweenness_centrality(g, k=20, seed=4)
    assert a.equals(b) and not a.equals(c)


# ---------------------------------------------------------------------------------------------
# threads
# ---------------------------------------------------------------------------------------------


def test_results_do_not_depend_on_thread_count() -> None:
    G = random_nx(9, n=400, m=3000)
    g = from_nx(G)
    calls = [
        lambda: wn.pagerank(g),
        lambda: wn.eigenvector_centrality(g, weight="weight"),
        lambda: wn.betweenness_centrality(g, k=50, seed=2, distance="inverse"),
        lambda: wn.betweenness_centrality(g),
        lambda: wn.closeness_centrality(g, distance="inverse"),
        lambda: wn.harmonic_centrality(g),
    ]
    try:
        wn.set_num_threads(1)
        one = [f().to_numpy() for f in calls]
        wn.set_num_threads(2)
        two = [f().to_numpy() for f in calls]
    finally:
        wn.set_num_threads(0)
    for a, b in zip(one, two):
        assert a.tobytes() == b.tobytes()
    # the threads= option too
    assert wn.betweenness_centrality(g, k=50, seed=2, threads=1).equals(wn.betweenness_centrality(g, k=50, seed=2, threads=2))


# ---------------------------------------------------------------------------------------------
# invariants (hypothesis)
# ---------------------------------------------------------------------------------------------

edge_lists = st.lists(
    st.tuples(st.integers(0, 15), st.integers(0, 15), st.floats(0.1, 10.0)),
    min_size=1,
    max_size=50,
).map(lambda es: [(a, b, w) for a, b, w in es if a != b])


def graph_of(edges: list, directed: bool = False) -> wn.Graph:
    seen: set = set()
    kept = []
    for a, b, w in edges:
        key = (a, b) if directed else frozenset((a, b))
        if key not in seen:
            seen.add(key)
            kept.append((a, b, w))
    df = pd.DataFrame(kept, columns=["source", "target", "weight"])
    return wn.Graph.from_edges(df, weight="weight", directed=directed)


@HYP
@given(edge_lists, st.booleans(), st.floats(0.05, 0.95))
def test_pagerank_is_a_distribution(edges: list, directed: bool, alpha: float) -> None:
    if not edges:
        return
    pr = wn.pagerank(graph_of(edges, directed), alpha=alpha, max_iter=10_000)
    assert (pr >= 0).all()
    assert pr.sum() == pytest.approx(1.0, abs=1e-12)


@HYP
@given(edge_lists, st.booleans(), st.sampled_from([None, "inverse", "weight"]))
def test_betweenness_nonnegative_and_closeness_in_unit_interval(edges: list, directed: bool, distance) -> None:
    if not edges:
        return
    g = graph_of(edges, directed)
    assert (wn.betweenness_centrality(g, distance=distance) >= 0).all()
    assert (wn.betweenness_centrality(g, distance=distance, normalized=False) >= 0).all()
    c = wn.closeness_centrality(g)
    assert ((c >= 0) & (c <= 1)).all()
    assert (wn.harmonic_centrality(g, distance=distance) >= 0).all()


# ---------------------------------------------------------------------------------------------
# Opsahl, Agneessens & Skvoretz (2010) alpha-tuned measures
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(3))
def test_opsahl_alpha_zero_and_one_are_the_plain_measures(seed: int) -> None:
    G = random_nx(seed, integer=True)
    g = from_nx(G)
    for alpha, distance in ((0.0, None), (1.0, "inverse")):
        for normalized in (True, False):
            np.testing.assert_allclose(
                wn.betweenness_centrality(g, alpha=alpha, normalized=normalized),
                wn.betweenness_centrality(g, distance=distance, normalized=normalized),
                rtol=REL,
                atol=1e-15,
            )
        np.testing.assert_allclose(wn.closeness_centrality(g, alpha=alpha), wn.closeness_centrality(g, distance=distance), rtol=REL)
    deg = wn.degree(g).astype(float)
    st_ = wn.strength(g)
    np.testing.assert_allclose(wn.degree_centrality_opsahl(g, alpha=0), deg, rtol=REL)
    np.testing.assert_allclose(wn.degree_centrality_opsahl(g, alpha=1), st_, rtol=REL)
    np.testing.assert_allclose(wn.degree_centrality_opsahl(g, alpha=0.5), np.sqrt(deg * st_), rtol=REL)


def test_opsahl_alpha_half_against_networkx_lengths() -> None:
    # alpha = 0.5 equals networkx with a length attribute w ** -0.5 (hand-computed lengths)
    G = random_nx(11, integer=True)
    H = G.copy()
    for _u, _v, d in H.edges(data=True):
        d["len"] = d["weight"] ** -0.5
    g = from_nx(G)
    assert_series(wn.betweenness_centrality(g, alpha=0.5), nx.betweenness_centrality(H, weight="len"), g, "betweenness_centrality", 1e-9, 1e-15)
    assert_series(wn.closeness_centrality(g, alpha=0.5), nx.closeness_centrality(H, distance="len"), g, "closeness_centrality", 1e-12)


def test_opsahl_hand_computed_example() -> None:
    # a -(100)- b -(100)- c and a weak direct tie a -(1)- c: with alpha = 0.5 the lengths are
    # 0.1, 0.1 and 1, so a→c runs through b (0.2 < 1): b brokers the one pair; with alpha = 0
    # (hops) the direct tie wins and nobody brokers
    df = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"], "weight": [100.0, 100.0, 1.0]})
    g = wn.Graph.from_edges(df, weight="weight")
    assert wn.betweenness_centrality(g, alpha=0.5, normalized=False).tolist() == [0.0, 1.0, 0.0]
    assert wn.betweenness_centrality(g, alpha=0.0, normalized=False).tolist() == [0.0, 0.0, 0.0]
    # closeness (no WF factor needed: connected): a: 1 / (0.1 + 0.2) · 2
    np.testing.assert_allclose(wn.closeness_centrality(g, alpha=0.5).tolist(), [2 / 0.3, 2 / 0.2, 2 / 0.3], rtol=1e-12)
    # degree: k = 2 each; s = 101, 200, 101
    np.testing.assert_allclose(wn.degree_centrality_opsahl(g, alpha=0.5).tolist(), np.sqrt([202, 400, 202]), rtol=1e-15)
    with pytest.raises(wn.ArgumentError, match="alpha"):
        wn.betweenness_centrality(g, alpha=0.5, distance="inverse")
    with pytest.raises(wn.ArgumentError, match="alpha"):
        wn.closeness_centrality(g, alpha=-1)
    with pytest.raises(wn.ArgumentError, match="alpha"):
        wn.degree_centrality_opsahl(g, alpha=float("nan"))


# ---------------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------------


def test_errors_name_the_argument() -> None:
    g = wn.datasets.davis_southern_women().project()
    for alpha in (0, 1, 1.5, -0.1):
        with pytest.raises(wn.ArgumentError, match="alpha"):
            wn.pagerank(g, alpha=alpha)
    with pytest.raises(wn.ArgumentError, match="max_iter"):
        wn.pagerank(g, max_iter=1, tol=1e-15)
    with pytest.raises(wn.ArgumentError, match="max_iter"):
        wn.eigenvector_centrality(g, max_iter=1, tol=1e-15)
    with pytest.raises(wn.ArgumentError, match="weight"):
        wn.pagerank(g, weight="strength")
    with pytest.raises(wn.ArgumentError, match="distance"):
        wn.closeness_centrality(g, distance="hops")
    with pytest.raises(wn.ArgumentError, match="k"):
        wn.betweenness_centrality(g, k=19)
    with pytest.raises(wn.ArgumentError, match="k"):
        wn.betweenness_centrality(g, k=0)
    with pytest.raises(wn.ArgumentError, match="personalization"):
        wn.pagerank(g, personalization={"Nora Fayette": 0.0})
    with pytest.raises(wn.NodeNotFoundError):
        wn.pagerank(g, personalization={"nobody": 1.0})
    with pytest.raises(wn.ArgumentError, match="project"):
        wn.pagerank(wn.datasets.davis_southern_women())
    bad = wn.Graph.from_edges(pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [0.0]}), weight="weight")
    with pytest.raises(wn.ArgumentError, match="distance"):
        wn.harmonic_centrality(bad, distance="inverse")
    # an error leaves no cancelled state behind: the next call works
    assert wn.pagerank(g).sum() == pytest.approx(1.0)


# ---------------------------------------------------------------------------------------------
# docstring examples (test_stubs.py collects a fixed module list without wijknet.centrality)
# ---------------------------------------------------------------------------------------------


def _doctests() -> list:
    import wijknet.centrality as mod

    return [t for t in doctest.DocTestFinder(exclude_empty=True).find(mod) if t.examples]


@pytest.mark.parametrize("test", _doctests(), ids=lambda t: t.name)
def test_docstring_examples(test: doctest.DocTest) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, f"{test.name} failed its example"
