"""wijknet as a networkx backend for networkx's bipartite functions: each against networkx itself
(called without the backend) on random two-mode graphs, and the calls wijknet declines."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijknet import nx_backend

nx = pytest.importorskip("networkx")
bipartite = nx.algorithms.bipartite

# networkx notes each time it reuses a converted graph from its cache
pytestmark = pytest.mark.filterwarnings("ignore:Note. conversions to backend graphs")


@pytest.fixture(scope="module", autouse=True)
def backend(wijknet_backend):
    """Every test here runs with networkx's ``wijknet`` backend registered."""


def _two_mode(n_top: int, n_bottom: int, p: float, seed: int, strings: bool = False) -> tuple:
    """A random two-mode graph with node and graph attributes, isolated nodes on both sides and
    the nodes in shuffled order; returns (graph, top nodes in shuffled order, bottom nodes)."""
    rng = random.Random(seed)
    top = [f"r{i}" if strings else i for i in range(n_top)]
    bottom = [f"a{i}" if strings else 1000 + i for i in range(n_bottom)]
    alone = {top[-1], bottom[-1]}  # one isolated node on each side, at least
    nodes = [(v, {"bipartite": 0, "age": rng.randint(18, 90)}) for v in top]
    nodes += [(v, {"bipartite": 1, "kind": rng.choice("xyz")}) for v in bottom]
    rng.shuffle(nodes)
    B = nx.Graph(name=f"two-mode {seed}", register={"seed": seed})
    B.add_nodes_from(nodes)
    B.add_edges_from((u, v) for u in top for v in bottom if rng.random() < p and alone.isdisjoint((u, v)))
    rng.shuffle(top)
    return B, top, bottom


GRAPHS = [
    _two_mode(30, 12, 0.15, 1),
    _two_mode(40, 25, 0.08, 2, strings=True),
    _two_mode(12, 30, 0.3, 3),
    _two_mode(60, 8, 0.05, 4, strings=True),
]
PROJECTIONS = [
    ("projected_graph", {}),
    ("generic_weighted_projected_graph", {}),
    ("weighted_projected_graph", {}),
    ("weighted_projected_graph", {"ratio": True}),
    ("collaboration_weighted_projected_graph", {}),
    ("overlap_weighted_projected_graph", {}),
    ("overlap_weighted_projected_graph", {"jaccard": False}),
]


def _same_graph(ours, theirs, exact: bool = True) -> None:
    """Our projection is networkx's: class, node order, node and graph attributes, edges and
    their attributes (one dict shared by both directions, as networkx's own)."""
    assert type(ours) is type(theirs)
    assert list(ours) == list(theirs)
    assert ours.graph == theirs.graph
    assert ours._node == theirs._node
    assert set(map(frozenset, ours.edges())) == set(map(frozenset, theirs.edges()))
    for u, v, d in theirs.edges(data=True):
        mine = ours[u][v]
        assert mine is ours[v][u]
        assert mine.keys() == d.keys()
        for key, value in d.items():
            assert type(mine[key]) is type(value)
            if exact:
                assert mine[key] == value
            else:
                assert mine[key] == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(("name", "kwargs"), PROJECTIONS)
@pytest.mark.parametrize("graph", range(len(GRAPHS)))
def test_projections_match_networkx(name, kwargs, graph):
    B, top, bottom = GRAPHS[graph]
    fn = getattr(bipartite, name)
    # Newman's weights add 1/(n_k - 1) over shared neighbours in networkx's set order
    exact = name != "collaboration_weighted_projected_graph"
    for nodes in (top, bottom, set(top), tuple(reversed(bottom))):
        assert nx_backend.can_run(name, (B, nodes), kwargs) is True
        _same_graph(fn(B, nodes, backend="wijknet", **kwargs), fn(B, nodes, **kwargs), exact)


def test_projection_details():
    B, top, bottom = GRAPHS[1]
    # node and graph attributes are shallow copies, as networkx's
    P = bipartite.projected_graph(B, top, backend="wijknet")
    assert P.nodes[top[0]] is not B.nodes[top[0]]
    assert P.graph["register"] is B.graph["register"]
    # duplicates in `nodes`: each node once; the ratio divides by len(nodes) as networkx
    nodes = top + top[:5]
    for name, kwargs in PROJECTIONS:
        fn = getattr(bipartite, name)
        _same_graph(fn(B, nodes, backend="wijknet", **kwargs), fn(B, nodes, **kwargs), name[0] != "c")
    # a string of one-letter nodes, as networkx's own tests use
    S = nx.Graph([("a", 1), ("b", 1), ("a", 2), ("b", 2), ("c", 2)])
    _same_graph(
        bipartite.weighted_projected_graph(S, "abc", backend="wijknet"),
        bipartite.weighted_projected_graph(S, "abc"),
    )
    # only isolated nodes, or no edges at all
    E = nx.empty_graph(5)
    _same_graph(bipartite.projected_graph(E, [0, 1], backend="wijknet"), bipartite.projected_graph(E, [0, 1]))
    with pytest.raises(nx.NetworkXAlgorithmError, match="is >= the graph size"):
        bipartite.weighted_projected_graph(E, range(5), backend="wijknet")


def test_projections_of_the_badhuis_register():
    import wijknet as wn

    B = wn.datasets.badhuis(150).to_networkx()
    residents = [v for v, side in B.nodes(data="bipartite") if side == 0]
    for name, kwargs in PROJECTIONS:
        fn = getattr(bipartite, name)
        exact = name != "collaboration_weighted_projected_graph"
        _same_graph(fn(B, residents, backend="wijknet", **kwargs), fn(B, residents, **kwargs), exact)


@pytest.mark.parametrize(("name", "kwargs"), PROJECTIONS)
def test_projected_graph_carries_its_conversion(name, kwargs, monkeypatch):
    """A projection wijknet made holds its wijknet form in networkx's conversion cache: the
    calls that follow on it read nothing back, and answer as networkx does."""
    B, top, _ = GRAPHS[0]
    P = getattr(bipartite, name)(B, top, backend="wijknet", **kwargs)
    converted = []
    inner = nx_backend.BackendInterface.convert_from_nx

    def spy(*args, **kw):
        converted.append(1)
        return inner(*args, **kw)

    monkeypatch.setattr(nx_backend.BackendInterface, "convert_from_nx", staticmethod(spy))
    for fn, weight in (("pagerank", "weight"), ("clustering", None), ("core_number", None)):
        kw = {} if weight is None else {"weight": weight}
        got = getattr(nx, fn)(P, backend="wijknet", **kw)
        expected = getattr(nx, fn)(P, **kw)
        assert got.keys() == expected.keys()
        assert all(math.isclose(got[k], expected[k], rel_tol=1e-9, abs_tol=1e-5) for k in got)
    assert converted == []
    # changing the graph clears the cache (networkx's rule): the next call reads it again
    u, v = next(iter(P.edges()))
    P.remove_edge(u, v)
    assert nx.pagerank(P, backend="wijknet").keys() == nx.pagerank(P).keys()
    assert converted == [1]
    assert math.isclose(nx.pagerank(P, backend="wijknet")[u], nx.pagerank(P)[u], abs_tol=1e-5)


def test_projections_declined():
    B, top, bottom = GRAPHS[0]
    inside = B.copy()
    inside.add_edge(top[0], top[1])  # an edge inside one side: networkx projects beyond `nodes`
    for name, _ in PROJECTIONS:
        assert "same side" in nx_backend.can_run(name, (inside, top), {})
        assert "same side" in nx_backend.can_run(name, (inside, bottom), {})
        assert "iterator" in nx_backend.can_run(name, (B, iter(top)), {})
        assert "not a node" in nx_backend.can_run(name, (B, [*top, "nobody"]), {})
        assert "directed" in nx_backend.can_run(name, (nx.DiGraph(B), top), {})
    assert "multigraph" in nx_backend.can_run("projected_graph", (B, top), {"multigraph": True})
    weight_function = lambda G, u, v: 1  # noqa: E731
    reason = nx_backend.can_run(
        "generic_weighted_projected_graph", (B, top), {"weight_function": weight_function}
    )
    assert "weight function" in reason
    with pytest.raises(NotImplementedError):
        bipartite.projected_graph(inside, top, backend="wijknet")
    # networkx runs what wijknet declines when it picks backends itself (projections return
    # graphs: networkx's "generators" priority)
    asked = []
    can_run = nx_backend.BackendInterface.can_run

    def spy(name, args, kwargs):
        asked.append(answer := can_run(name, args, kwargs))
        return answer

    old = nx.config.backend_priority.generators
    nx.config.backend_priority.generators = ["wijknet"]
    nx_backend.BackendInterface.can_run = staticmethod(spy)
    try:
        ours = bipartite.weighted_projected_graph(inside, top)
        taken = bipartite.weighted_projected_graph(B, top)
    finally:
        nx.config.backend_priority.generators = old
        nx_backend.BackendInterface.can_run = staticmethod(can_run)
    assert "same side" in asked[0] and asked[1] is True
    _same_graph(ours, bipartite.weighted_projected_graph(inside, top))
    _same_graph(taken, bipartite.weighted_projected_graph(B, top))
    # a converted graph given directly is checked by the function itself
    converted = nx_backend.convert_from_nx(inside)
    with pytest.raises(NotImplementedError, match="same side"):
        nx_backend.BackendInterface.weighted_projected_graph(converted, top)
    with pytest.raises(NotImplementedError, match="multigraph"):
        nx_backend.BackendInterface.projected_graph(nx_backend.convert_from_nx(B), top, multigraph=True)


@pytest.mark.parametrize("mode", ["dot", "min", "max"])
@pytest.mark.parametrize("graph", range(len(GRAPHS)))
def test_latapy_clustering_matches_networkx(mode, graph):
    B, top, bottom = GRAPHS[graph]
    for nodes in (None, top, bottom[:5] + top[:3]):
        theirs = bipartite.latapy_clustering(B, nodes, mode=mode)
        ours = bipartite.latapy_clustering(B, nodes, mode=mode, backend="wijknet")
        assert list(ours) == list(theirs)
        for v in theirs:
            assert ours[v] == pytest.approx(theirs[v], rel=1e-12, abs=1e-15)
        assert bipartite.clustering(B, nodes, mode=mode, backend="wijknet") == ours
        theirs = bipartite.average_clustering(B, nodes, mode=mode)
        assert bipartite.average_clustering(B, nodes, mode=mode, backend="wijknet") == pytest.approx(
            theirs, rel=1e-12
        )


def test_latapy_clustering_errors_as_networkx():
    with pytest.raises(nx.NetworkXError, match="not bipartite"):
        bipartite.latapy_clustering(nx.complete_graph(4), backend="wijknet")
    with pytest.raises(nx.NetworkXError, match="Mode for bipartite clustering"):
        bipartite.latapy_clustering(nx.path_graph(4), mode="foo", backend="wijknet")
    assert bipartite.latapy_clustering(nx.empty_graph(3), backend="wijknet") == {0: 0.0, 1: 0.0, 2: 0.0}
    assert "not a node" in nx_backend.can_run("latapy_clustering", (nx.path_graph(4), [0, 9]), {})


@pytest.mark.parametrize("graph", range(len(GRAPHS)))
def test_robins_alexander_clustering_matches_networkx(graph):
    B = GRAPHS[graph][0]
    assert bipartite.robins_alexander_clustering(
        B, backend="wijknet"
    ) == bipartite.robins_alexander_clustering(B)


def test_robins_alexander_clustering_small_and_declined():
    for G in (
        nx.Graph(),
        nx.empty_graph(4),
        nx.path_graph(3),
        nx.Graph([(0, 1), (2, 3), (4, 5)]),
        nx.cycle_graph(4),
    ):
        theirs = bipartite.robins_alexander_clustering(G)
        ours = bipartite.robins_alexander_clustering(G, backend="wijknet")
        assert (type(ours), ours) == (type(theirs), theirs)
    assert "not bipartite" in nx_backend.can_run("robins_alexander_clustering", (nx.cycle_graph(5),), {})


CENTRALITIES = [
    ("degree_centrality", "bipartite_degree_centrality", {}),
    ("closeness_centrality", "bipartite_closeness_centrality", {}),
    ("closeness_centrality", "bipartite_closeness_centrality", {"normalized": False}),
    ("betweenness_centrality", "bipartite_betweenness_centrality", {}),
]


@pytest.mark.parametrize(("fn", "name", "kwargs"), CENTRALITIES)
@pytest.mark.parametrize("graph", range(len(GRAPHS)))
def test_centralities_match_networkx(fn, name, kwargs, graph):
    B, top, bottom = GRAPHS[graph]
    # an edge inside a side too: networkx's measures do not need a two-mode graph
    inside = B.copy()
    inside.add_edge(top[0], top[1])
    for G in (B, inside):
        for nodes in (top, bottom):
            assert nx_backend.can_run(name, (G, nodes), kwargs) is True
            theirs = getattr(bipartite, fn)(G, nodes, **kwargs)
            ours = getattr(bipartite, fn)(G, nodes, backend="wijknet", **kwargs)
            assert list(ours) == list(theirs)  # networkx's key order
            if fn == "betweenness_centrality":  # dependencies added in another order
                assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-15)
            else:
                assert ours == theirs  # the same arithmetic: the same bits


def test_centralities_errors_as_networkx():
    P2 = nx.path_graph(2)  # one node a side: networkx divides by a largest betweenness of 0
    with pytest.raises(ZeroDivisionError):
        bipartite.betweenness_centrality(P2, [0], backend="wijknet")
    with pytest.raises(ZeroDivisionError):
        bipartite.degree_centrality(P2, [0, 1], backend="wijknet")
    with pytest.raises(nx.NodeNotFound, match="Source 9 is not in G"):
        bipartite.closeness_centrality(nx.path_graph(4), [1, 9], backend="wijknet")
    with pytest.raises(KeyError):
        bipartite.betweenness_centrality(nx.path_graph(4), [1, 9], backend="wijknet")
    P4 = nx.path_graph(4)
    assert bipartite.degree_centrality(P4, [1, 3, 9], backend="wijknet") == bipartite.degree_centrality(
        P4, [1, 3, 9]
    )


@st.composite
def _small_two_mode(draw):
    n_top = draw(st.integers(1, 9))
    n_bottom = draw(st.integers(1, 9))
    cells = draw(st.lists(st.booleans(), min_size=n_top * n_bottom, max_size=n_top * n_bottom))
    B = nx.Graph()
    top = [f"t{i}" for i in range(n_top)]
    bottom = list(range(n_bottom))
    B.add_nodes_from(draw(st.permutations(top + bottom)))
    B.add_edges_from(
        (top[i], bottom[j]) for i in range(n_top) for j in range(n_bottom) if cells[i * n_bottom + j]
    )
    return B, top, bottom


@settings(max_examples=60, deadline=None)
@given(_small_two_mode())
def test_small_two_mode_graphs(graph):
    B, top, bottom = graph
    for nodes in (top, bottom):
        for name, kwargs in PROJECTIONS:
            fn = getattr(bipartite, name)
            _same_graph(fn(B, nodes, backend="wijknet", **kwargs), fn(B, nodes, **kwargs), name[0] != "c")
    for mode in ("dot", "min", "max"):
        theirs = bipartite.latapy_clustering(B, mode=mode)
        ours = bipartite.latapy_clustering(B, mode=mode, backend="wijknet")
        assert ours == pytest.approx(theirs, rel=1e-12)
    theirs = bipartite.robins_alexander_clustering(B)
    assert bipartite.robins_alexander_clustering(B, backend="wijknet") == theirs
    ours = bipartite.closeness_centrality(B, top, normalized=False, backend="wijknet")
    assert ours == bipartite.closeness_centrality(B, top, normalized=False)


def test_two_colouring_finds_odd_cycles():
    from wijknet.nx_backend._bipartite import _two_colouring

    rng = np.random.default_rng(5)
    for seed in range(20):
        G = nx.gnp_random_graph(int(rng.integers(2, 30)), float(rng.uniform(0.02, 0.3)), seed=seed)
        colour = _two_colouring(nx_backend.convert_from_nx(G))
        assert (colour is not None) == nx.is_bipartite(G)
        if colour is not None:
            side = dict(zip(G, colour.tolist(), strict=True))
            assert all(side[u] != side[v] for u, v in G.edges())
    assert math.isclose(
        bipartite.robins_alexander_clustering(nx.davis_southern_women_graph(), backend="wijknet"),
        0.468,
        abs_tol=5e-4,
    )
