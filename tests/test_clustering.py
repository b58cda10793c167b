"""Clustering (triangles, clustering unweighted/Onnela/Barrat, average_clustering,
transitivity, square_clustering) against networkx and igraph on Davis, CEOs × clubs, the
Senate and random graphs; invariants (hypothesis); thread-count independence; errors."""

from __future__ import annotations

import doctest
import importlib
import inspect
import io

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import HYP, REL, nx_projection
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn

#: the module (``wn.clustering`` is the function of that name)
CLUSTERING = importlib.import_module("wijknet.clustering")

WEIGHTS = ("count", "newman")


def from_nx(G: nx.Graph) -> wn.Graph:
    e = nx.to_pandas_edgelist(G)
    return wn.Graph.from_edges(e, weight="weight")


def random_nx(seed: int, n: int = 60, m: int = 300) -> nx.Graph:
    """A random graph with random positive weights and no isolated nodes."""
    G = nx.gnm_random_graph(n, m, seed=seed)
    rng = np.random.default_rng(seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.uniform(0.1, 3.0))
    G.remove_nodes_from(list(nx.isolates(G)))
    return G


def to_igraph(g: wn.Graph):
    ig = pytest.importorskip("igraph")
    e = g.edges()
    pos = {x: i for i, x in enumerate(g.nodes.tolist())}
    G = ig.Graph(n=g.number_of_nodes(), edges=list(zip(e["source"].map(pos), e["target"].map(pos))))
    G.es["weight"] = e["weight"].tolist()
    return G


def series_close(got: pd.Series, expected: dict, rel: float = REL) -> None:
    exp = pd.Series(expected, dtype=np.float64).reindex(got.index)
    assert not exp.isna().any()
    np.testing.assert_allclose(got.to_numpy(), exp.to_numpy(), rtol=rel, atol=0)


def check_against_networkx(g: wn.Graph, G: nx.Graph, *, squares: bool = True) -> None:
    """Every clustering measure of ``g`` against networkx on the same graph ``G``."""
    assert sorted(g.nodes.tolist(), key=str) == sorted(G.nodes, key=str)
    tri = wn.triangles(g)
    assert tri.name == "triangles" and tri.dtype == np.int64 and tri.index.equals(g.nodes)
    assert tri.to_dict() == nx.triangles(G)

    c = wn.clustering(g)
    assert c.name == "clustering" and c.index.equals(g.nodes)
    expected = nx.clustering(G)
    # unweighted: the same exact integers and one division, so the same bits
    assert c.to_dict() == {k: float(v) for k, v in expected.items()}
    series_close(wn.clustering(g, weight="weight"), nx.clustering(G, weight="weight"))
    series_close(wn.clustering(g, weight="weight", method="onnela"), nx.clustering(G, weight="weight"))

    for count_zeros in (True, False):
        assert wn.average_clustering(g, count_zeros=count_zeros) == pytest.approx(
            nx.average_clustering(G, count_zeros=count_zeros), rel=REL, abs=0
        )
        assert wn.average_clustering(g, weight="weight", count_zeros=count_zeros) == pytest.approx(
            nx.average_clustering(G, weight="weight", count_zeros=count_zeros), rel=REL, abs=0
        )
    t = wn.transitivity(g)
    assert isinstance(t, float)
    assert t == nx.transitivity(G)  # exact counts, one division
    if squares:
        sq = wn.square_clustering(g)
        assert sq.name == "square_clustering" and sq.index.equals(g.nodes)
        assert sq.to_dict() == {k: float(v) for k, v in nx.square_clustering(G).items()}


def check_against_igraph(g: wn.Graph) -> None:
    G = to_igraph(g)
    b = wn.clustering(g, weight="weight", method="barrat")
    expected = G.transitivity_local_undirected(weights="weight", mode="zero")
    np.testing.assert_allclose(b.to_numpy(), np.array(expected), rtol=REL, atol=0)
    avg = wn.average_clustering(g, weight="weight", method="barrat")
    assert avg == pytest.approx(float(np.mean(expected)), rel=REL, abs=0)
    np.testing.assert_allclose(
        wn.clustering(g).to_numpy(), np.array(G.transitivity_local_undirected(mode="zero")), rtol=REL, atol=0
    )
    assert wn.transitivity(g) == pytest.approx(G.transitivity_undirected(), rel=REL, abs=0)
    assert wn.average_clustering(g) == pytest.approx(G.transitivity_avglocal_undirected(mode="zero"), rel=REL, abs=0)


# ---------------------------------------------------------------------------------------------
# Davis (bundled), real data, random graphs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("weight", WEIGHTS)
def test_davis_bundled(weight):
    g = wn.datasets.davis_southern_women().project(weight=weight)
    check_against_networkx(g, g.to_networkx())
    check_against_igraph(g)


def test_davis_values():
    """Values of networkx 3.6 on its own Davis graph (nx.davis_southern_women_graph projected)."""
    g = wn.datasets.davis_southern_women().project()
    assert int(wn.triangles(g).sum()) == 3 * 631
    assert wn.transitivity(g) == pytest.approx(0.9283962726826875, rel=REL)
    assert wn.average_clustering(g) == pytest.approx(0.9366868969810146, rel=REL)


@pytest.mark.parametrize("weight", WEIGHTS)
def test_davis_shared_data(davis_frame, weight):
    net = wn.Network.from_attendance(davis_frame[["resident", "activity"]])
    check_against_networkx(net.project(weight=weight), nx_projection(davis_frame, weight))


@pytest.mark.parametrize("weight", WEIGHTS)
def test_ceos(ceos_frame, weight):
    net = wn.Network.from_attendance(ceos_frame[["resident", "activity"]])
    g = net.project(weight=weight)
    check_against_networkx(g, nx_projection(ceos_frame, weight))
    check_against_igraph(g)


@pytest.mark.parametrize("weight", WEIGHTS)
def test_senate(senate_frame, weight):
    net = wn.Network.from_attendance(senate_frame[["resident", "activity"]])
    g = net.project(weight=weight)
    check_against_networkx(g, nx_projection(senate_frame, weight))
    check_against_igraph(g)


@pytest.mark.parametrize("seed", range(6))
def test_random_sparse(seed):
    G = random_nx(seed)
    g = from_nx(G)
    check_against_networkx(g, G)
    check_against_igraph(g)


@pytest.mark.parametrize("seed", range(3))
def test_random_dense(seed):
    G = nx.erdos_renyi_graph(70, 0.4, seed=seed)
    rng = np.random.default_rng(100 + seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.integers(1, 9))
    G.remove_nodes_from(list(nx.isolates(G)))
    g = from_nx(G)
    check_against_networkx(g, G)
    check_against_igraph(g)


def test_random_projection_with_isolates():
    """A projection keeps isolated residents: 0 everywhere for them, as networkx."""
    from conftest import random_register

    df = random_register(3, residents=50, activities=12, rows=120)
    net = wn.Network.from_attendance(df)
    g = net.project(weight="newman")
    check_against_networkx(g, nx_projection(df, "newman"))


def test_square_clustering_small_graphs():
    for G in (nx.cycle_graph(4), nx.complete_bipartite_graph(3, 4), nx.petersen_graph(), nx.karate_club_graph()):
        G = nx.convert_node_labels_to_integers(G)
        nx.set_edge_attributes(G, 1.0, "weight")
        g = from_nx(G)
        assert wn.square_clustering(g).to_dict() == {k: float(v) for k, v in nx.square_clustering(G).items()}


# ---------------------------------------------------------------------------------------------
# invariants
# ---------------------------------------------------------------------------------------------

edge_lists = st.lists(
    st.tuples(st.integers(0, 25), st.integers(0, 25), st.floats(0.05, 5.0)), min_size=1, max_size=150
).map(lambda rows: [r for r in rows if r[0] != r[1]]).filter(bool)


@HYP
@given(edge_lists)
def test_invariants(rows):
    df = pd.DataFrame(rows, columns=["source", "target", "weight"])
    pair = df[["source", "target"]].apply(lambda r: (min(r), max(r)), axis=1)
    df = df[~pair.duplicated()]  # one row per tie (repeats would be merged, with a warning)
    g = wn.Graph.from_edges(df, weight="weight")
    tri = wn.triangles(g)
    G = g.to_networkx()
    assert int(tri.sum()) == 3 * (sum(nx.triangles(G).values()) // 3)
    assert int(tri.sum()) % 3 == 0
    for kw in ({}, {"weight": "weight"}, {"weight": "weight", "method": "barrat"}):
        c = wn.clustering(g, **kw)
        assert ((c >= 0) & (c <= 1 + 1e-15)).all(), kw
        a = wn.average_clustering(g, **kw)
        assert 0 <= a <= 1 + 1e-15
    t = wn.transitivity(g)
    assert 0 <= t <= 1
    sq = wn.square_clustering(g)
    assert ((sq >= 0) & (sq <= 1)).all()
    # a node has clustering 1 exactly when all pairs of its neighbours are tied
    deg = wn.degree(g)
    full = tri == deg * (deg - 1) // 2
    assert (wn.clustering(g)[full & (deg >= 2)] == 1.0).all()


def test_thread_count_independence():
    g = wn.datasets.badhuis(residents=3000, seed=1).project(weight="newman")
    results = []
    try:
        for n in (1, 2):
            wn.set_num_threads(n)
            results.append(
                (
                    wn.triangles(g).to_numpy(),
                    wn.clustering(g).to_numpy(),
                    wn.clustering(g, weight="weight").to_numpy(),
                    wn.clustering(g, weight="weight", method="barrat").to_numpy(),
                    wn.average_clustering(g, weight="weight"),
                    wn.transitivity(g),
                    wn.square_clustering(g).to_numpy(),
                )
            )
    finally:
        wn.set_num_threads(0)
    a, b = results
    for x, y in zip(a, b):
        if isinstance(x, np.ndarray):
            assert np.array_equal(x, y)
        else:
            assert x == y
    assert a[1].max() > 0  # the graph has triangles


# ---------------------------------------------------------------------------------------------
# arguments and errors
# ---------------------------------------------------------------------------------------------


def davis():
    return wn.datasets.davis_southern_women().project()


@pytest.mark.parametrize("fn", [wn.clustering, wn.average_clustering])
def test_bad_weight_and_method(fn):
    g = davis()
    with pytest.raises(wn.ArgumentError, match="weight='weight'"):
        fn(g, weight="count")
    with pytest.raises(wn.ArgumentError, match="'onnela'.*'barrat'"):
        fn(g, weight="weight", method="zhang")
    with pytest.raises(wn.ArgumentError, match="needs weight='weight'"):
        fn(g, method="barrat")
    with pytest.raises(ValueError):  # ArgumentError is a ValueError
        fn(g, weight="weight", method=None)


def test_average_clustering_count_zeros_must_be_bool():
    with pytest.raises(wn.ArgumentError, match="count_zeros"):
        wn.average_clustering(davis(), count_zeros="no")


@pytest.mark.parametrize(
    "call",
    [
        lambda g: wn.triangles(g),
        lambda g: wn.clustering(g),
        lambda g: wn.clustering(g, weight="weight", method="barrat"),
        lambda g: wn.average_clustering(g),
        lambda g: wn.transitivity(g),
        lambda g: wn.square_clustering(g),
    ],
)
def test_directed_graphs_are_refused(call):
    g = wn.Graph.from_edges(pd.DataFrame({"source": [1, 2, 3], "target": [2, 3, 1]}), directed=True)
    with pytest.raises(wn.ArgumentError, match="not supported for directed graphs yet"):
        call(g)


def test_network_instead_of_graph():
    with pytest.raises(wn.ArgumentError, match="project the network first"):
        wn.clustering(wn.datasets.davis_southern_women())


def test_arguments_are_keyword_only():
    assert set(CLUSTERING.__all__) <= set(wn.__all__) | set(dir(wn))
    for name in CLUSTERING.__all__:
        params = list(inspect.signature(getattr(wn, name)).parameters.values())
        assert params[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:]), name


def test_edge_cases():
    # an edgeless pair: zeros, and average 0.0 where networkx divides by zero
    g = wn.Graph.from_edges(pd.DataFrame({"source": ["a"], "target": ["b"]}))
    assert wn.clustering(g).tolist() == [0.0, 0.0]
    assert wn.average_clustering(g, count_zeros=False) == 0.0
    assert wn.transitivity(g) == 0.0
    assert wn.triangles(g).tolist() == [0, 0]


def test_progress_callback_is_called():
    seen = []
    wn.triangles(davis(), progress=lambda done, total: seen.append((done, total)))
    # a fast call may finish before the first 50 ms poll: only check that it is accepted
    assert all(d <= t for d, t in seen)


def test_docstring_examples_run():
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = [t for t in finder.find(CLUSTERING, "wijknet.clustering") if t.examples]
    assert len(tests) >= 5
    for test in tests:
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        out = io.StringIO()
        result = runner.run(test, out=out.write)
        assert result.failed == 0, out.getvalue()
