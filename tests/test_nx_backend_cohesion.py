"""wijknet as a networkx backend for cohesion, centrality and reciprocity: k-cores (graphs back,
with their attributes), components, bridges, efficiency, eigenvector and degree centrality,
betweenness over networkx's own sampled pivots, and reciprocity — each against networkx itself
(called without the backend) on random graphs."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijknet import nx_backend

nx = pytest.importorskip("networkx")

# networkx notes each time it reuses a converted graph from its cache
pytestmark = pytest.mark.filterwarnings("ignore:Note. conversions to backend graphs")


@pytest.fixture(scope="module", autouse=True)
def backend(wijknet_backend):
    """Every test here runs with networkx's ``wijknet`` backend registered."""


def _graphs(directed: bool = False) -> list:
    """Random graphs of several shapes: isolates, several components, trees (bridges and cut
    vertices), string and int keys, weights on some."""
    rng = np.random.default_rng(3)
    out = []
    for i, (n, p) in enumerate([(30, 0.12), (60, 0.04), (25, 0.35), (40, 0.07), (35, 0.0)]):
        G = nx.gnp_random_graph(n, p, seed=10 + i, directed=directed)
        if i == 4:  # a forest: every edge a bridge
            G = nx.random_labeled_tree(20, seed=1) if not directed else G
            G.add_edges_from([(100, 101), (101, 102)])
        if i % 2:
            G = nx.relabel_nodes(G, {v: f"r{v}" for v in G})
        G.add_node("alone" if i % 2 else 999)
        for _u, _v, d in G.edges(data=True):
            d["weight"] = float(rng.integers(1, 5))
        out.append(G)
    return out


def _same(a, b, tol=1e-9):
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            _same(a[k], b[k], tol)
        return
    if isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b)
        return
    assert type(a) is type(b) or isinstance(a, (int, float)) and isinstance(b, (int, float))
    assert a == pytest.approx(b, rel=tol, abs=tol)


UNDIRECTED = [
    ("global_efficiency", {}),
    ("degree_centrality", {}),
    ("eigenvector_centrality", {"max_iter": 1000}),
    ("eigenvector_centrality", {"max_iter": 1000, "weight": "weight", "tol": 1e-8}),
    ("is_connected", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), UNDIRECTED)
def test_same_as_networkx_undirected(name, kwargs):
    for G in _graphs():
        fn = getattr(nx, name)
        # eigenvector: both stop within n·tol of the fixed point, not on the same bits
        tol = len(G) * kwargs.get("tol", 1e-6) if name == "eigenvector_centrality" else 1e-9
        try:
            want = fn(G, **kwargs)
        except nx.PowerIterationFailedConvergence:
            with pytest.raises(nx.PowerIterationFailedConvergence):
                fn(G, backend="wijknet", **kwargs)
            continue
        _same(fn(G, backend="wijknet", **kwargs), want, tol)


DIRECTED = [
    ("degree_centrality", {}),
    ("eigenvector_centrality", {"max_iter": 1000}),
    ("overall_reciprocity", {}),
    ("reciprocity", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), DIRECTED)
def test_same_as_networkx_directed(name, kwargs):
    for G in _graphs(directed=True):
        fn = getattr(nx, name)
        try:
            want = fn(G, **kwargs)
        except (nx.PowerIterationFailedConvergence, nx.NetworkXError) as e:
            with pytest.raises(type(e)):
                fn(G, backend="wijknet", **kwargs)
            continue
        tol = len(G) * 1e-6 if name == "eigenvector_centrality" else 1e-12
        _same(fn(G, backend="wijknet", **kwargs), want, tol)


def test_reciprocity_shapes_and_errors():
    for G in _graphs(directed=True):
        nodes = list(G)[::3] + ["not a node"]
        assert nx.reciprocity(G, nodes, backend="wijknet") == nx.reciprocity(G, nodes)
        for v in list(G)[:8]:
            try:
                want = nx.reciprocity(G, v)
            except nx.NetworkXError as e:  # an isolated node
                with pytest.raises(nx.NetworkXError, match=str(e)):
                    nx.reciprocity(G, v, backend="wijknet")
                continue
            got = nx.reciprocity(G, v, backend="wijknet")
            assert got == want and type(got) is type(want)
    with pytest.raises(nx.NetworkXError, match="empty graphs"):
        nx.overall_reciprocity(nx.DiGraph([(1, 2)]).subgraph([1]), backend="wijknet")
    with pytest.raises(nx.NetworkXError, match="not in the graph"):
        nx.reciprocity(nx.DiGraph([(1, 2)]), 7, backend="wijknet")
    with pytest.raises(nx.NetworkXError, match="not a valid node"):
        nx.reciprocity(nx.DiGraph([(1, 2)]), [1, [2]], backend="wijknet")
    assert isinstance(nx_backend.can_run("reciprocity", (nx.path_graph(3),), {}), str)


def test_articulation_points_in_networkx_order():
    for G in _graphs():
        assert list(nx.articulation_points(G, backend="wijknet")) == list(nx.articulation_points(G))
        # the same graph with each node's neighbours in another order: networkx's order follows
        H = nx.Graph()
        H.add_nodes_from(reversed(list(G)))
        H.add_edges_from(reversed(list(G.edges)))
        assert list(nx.articulation_points(H, backend="wijknet")) == list(nx.articulation_points(H))
    # on a graph wijknet made: the order networkx sees once it is a networkx graph again
    G = _graphs()[0]
    core = nx.k_core(G, 1, backend="wijknet")
    want = list(nx.articulation_points(nx_backend.convert_to_nx(core)))
    assert list(nx.articulation_points(core, backend="wijknet")) == want


def test_components_and_bridges():
    for G in _graphs():
        for v in list(G)[::7]:
            assert nx.node_connected_component(G, v, backend="wijknet") == nx.node_connected_component(G, v)
        # networkx's order, each bridge from the earlier of its nodes
        assert list(nx.bridges(G, backend="wijknet")) == list(nx.bridges(G))
        for root in list(G)[::9]:
            assert list(nx.bridges(G, root=root, backend="wijknet")) == list(nx.bridges(G, root=root))
    with pytest.raises(nx.NetworkXPointlessConcept):
        nx.is_connected(nx.Graph(), backend="wijknet")
    assert nx.is_connected(nx.path_graph(4), backend="wijknet") is True
    assert isinstance(nx_backend.can_run("node_connected_component", (nx.path_graph(3), 9), {}), str)
    assert isinstance(nx_backend.can_run("bridges", (nx.path_graph(3),), {"root": 9}), str)


def _strict_equal(H, G):
    """networkx's own comparison of a backend's graph with networkx's (its test mode)."""
    assert type(H) is type(G)
    assert H.graph == G.graph and H._node == G._node and H._adj == G._adj
    # and the same order of nodes, neighbours and edges
    assert list(H) == list(G) and list(H.edges) == list(G.edges)
    assert all(list(H._adj[v]) == list(G._adj[v]) for v in G)


def _with_attributes(G):
    G = G.copy()
    G.graph["name"] = "buurt"
    for i, v in enumerate(G):
        G.nodes[v]["rol"] = "vrijwilliger" if i % 3 else "deelnemer"
    for i, (_u, _v, d) in enumerate(G.edges(data=True)):
        d["soort"] = i % 2
    return G


@pytest.mark.parametrize("name", ["k_core", "k_shell", "k_crust"])
def test_cores_return_networkx_graphs_with_attributes(name):
    fn = getattr(nx, name)
    for G in map(_with_attributes, _graphs()):
        for k in (None, 0, 1, 2, 3, 5):
            H = fn(G, k, backend="wijknet")
            assert hasattr(H, "__networkx_backend__")
            back = nx_backend.convert_to_nx(H)
            _strict_equal(back, fn(G, k))
            # the attribute dicts are copies, as networkx's
            if back.number_of_nodes():
                v = next(iter(back))
                assert back.nodes[v] is not G.nodes[v]
        core = nx.core_number(G)
        _strict_equal(
            nx_backend.convert_to_nx(fn(G, core_number=core, backend="wijknet")), fn(G, core_number=core)
        )


def test_k_corona():
    for G in map(_with_attributes, _graphs()):
        for k in (0, 1, 2, 3):
            _strict_equal(nx_backend.convert_to_nx(nx.k_corona(G, k, backend="wijknet")), nx.k_corona(G, k))


def test_cores_declines_and_errors():
    G = nx.karate_club_graph()
    assert isinstance(nx_backend.can_run("k_core", (G,), {"core_number": {0: 1}}), str)
    assert isinstance(nx_backend.can_run("k_core", (G,), {"core_number": dict.fromkeys(G, 1.5)}), str)
    assert isinstance(nx_backend.can_run("k_core", (G,), {"k": "2"}), str)
    assert isinstance(nx_backend.can_run("k_core", (nx.DiGraph([(1, 2)]),), {}), str)
    with pytest.raises(ValueError):
        nx.k_core(nx.Graph(), backend="wijknet")
    # networkx's own graph, with its wijknet form cached for the calls that follow
    H = nx.k_core(G, 3, backend="wijknet")
    assert type(H) is type(G)
    assert nx.core_number(H, backend="wijknet") == nx.core_number(nx.k_core(G, 3))
    _strict_equal(H, nx.k_core(G, 3))


def test_k_core_weights_that_are_not_numbers():
    G = nx.Graph([(1, 2, {"weight": "zwaar"}), (2, 3, {"weight": "licht"}), (1, 3, {})])
    _strict_equal(nx_backend.convert_to_nx(nx.k_core(G, backend="wijknet")), nx.k_core(G))


# ---- betweenness over networkx's sampled pivots ----------------------------------------------


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("endpoints", [False, True])
@pytest.mark.parametrize("normalized", [False, True])
def test_betweenness_k_and_seed_as_networkx(directed, endpoints, normalized):
    for G in _graphs(directed=directed):
        for k, seed in [(1, 1), (3, 7), (len(G) // 2, 42), (len(G), 0)]:
            for weight in (None, "weight"):
                kw = {
                    "k": k,
                    "seed": seed,
                    "normalized": normalized,
                    "endpoints": endpoints,
                    "weight": weight,
                }
                want = nx.betweenness_centrality(G, **kw)
                got = nx.betweenness_centrality(G, backend="wijknet", **kw)
                _same(got, want, 1e-12)


def test_betweenness_random_objects_and_the_global_stream():
    G = nx.gnp_random_graph(80, 0.08, seed=5)
    # a Random instance is used as it is: both leave it in the same state
    a, b = random.Random(9), random.Random(9)
    _same(
        nx.betweenness_centrality(G, k=10, seed=a, backend="wijknet"),
        nx.betweenness_centrality(G, k=10, seed=b),
    )
    assert a.random() == b.random()
    # seed=None draws from Python's global stream, which moves on as under networkx
    random.seed(4)
    got = nx.betweenness_centrality(G, k=10, backend="wijknet")
    after = random.random()
    random.seed(4)
    want = nx.betweenness_centrality(G, k=10)
    assert random.random() == after
    _same(got, want, 1e-12)
    # a numpy Generator as networkx wraps it
    got = nx.betweenness_centrality(G, k=10, seed=np.random.default_rng(3), backend="wijknet")
    _same(got, nx.betweenness_centrality(G, k=10, seed=np.random.default_rng(3)), 1e-12)


def test_betweenness_k_declines():
    G = nx.path_graph(5)
    _same(
        nx.betweenness_centrality(G, k=True, seed=2, backend="wijknet"),
        nx.betweenness_centrality(G, k=True, seed=2),
    )
    for k in (0, -1, 6, 2.0, "2"):
        answer = nx_backend.can_run("betweenness_centrality", (G,), {"k": k})
        assert isinstance(answer, str) and "k" in answer


@given(
    st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=50),
    st.integers(1, 15),
    st.integers(0, 2**32),
    st.booleans(),
)
@settings(max_examples=60, deadline=None)
def test_betweenness_sampled_property(edges, k, seed, directed):
    """Any graph, any k and seed: networkx's sampled answer, NaN where networkx gives NaN."""
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(15))
    G.add_edges_from((u, v) for u, v in edges if u != v)
    want = nx.betweenness_centrality(G, k=k, seed=seed)
    got = nx.betweenness_centrality(G, k=k, seed=seed, backend="wijknet")
    _same(got, want, 1e-12)


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40))
@settings(max_examples=60, deadline=None)
def test_cores_bridges_reciprocity_property(edges):
    G = nx.Graph((u, v) for u, v in edges if u != v)
    D = nx.DiGraph((u, v) for u, v in edges if u != v)
    if len(G):
        _strict_equal(nx_backend.convert_to_nx(nx.k_core(G, backend="wijknet")), nx.k_core(G))
        assert nx.global_efficiency(G, backend="wijknet") == pytest.approx(nx.global_efficiency(G))
    assert list(nx.bridges(G, backend="wijknet")) == list(nx.bridges(G))
    assert list(nx.articulation_points(G, backend="wijknet")) == list(nx.articulation_points(G))
    if D.number_of_edges():
        assert nx.overall_reciprocity(D, backend="wijknet") == nx.overall_reciprocity(D)
        assert nx.reciprocity(D, list(D), backend="wijknet") == nx.reciprocity(D, list(D))


def test_subgraph_keeps_read_values_with_their_ties():
    """A subgraph in another node order carries the edge values already read along with their
    ties (a cached conversion may have read them for an earlier call)."""
    from wijknet.nx_backend._convert import subgraph

    G = _with_attributes(_graphs()[2])
    W = nx_backend.convert_from_nx(
        G,
        edge_attrs={"weight": 1},
        preserve_edge_attrs=True,
        preserve_node_attrs=True,
        preserve_graph_attrs=True,
    )
    keep = np.zeros(len(G), dtype=bool)
    keep[::3] = True
    H = subgraph(W, keep, np.flatnonzero(keep)[::-1].copy())
    assert H.source.size > 0
    assert [d["weight"] for d in H.edge_data] == H.values["weight"].tolist()
    back = nx_backend.convert_to_nx(H)
    assert list(back) == [W.nodes[i] for i in np.flatnonzero(keep)[::-1]]
    assert back._adj == G.subgraph(back)._adj


def test_cores_honour_any_core_number_dict_in_its_order():
    """A given core_number dict is used as it is (any whole numbers, any key order): networkx's
    subgraph, node order included, which follows the dict's order when few nodes are kept."""
    rng = random.Random(0)
    for G in map(_with_attributes, _graphs()[:3]):
        keys = list(G)
        rng.shuffle(keys)
        core = {v: rng.randint(0, 4) for v in keys}
        for name, ks in [
            ("k_core", (None, 1, 3)),
            ("k_shell", (None, 2)),
            ("k_crust", (None, 1)),
            ("k_corona", (1, 2)),
        ]:
            fn = getattr(nx, name)
            for k in ks:
                got = fn(G, k, core_number=core, backend="wijknet")
                _strict_equal(got, fn(G, k, core_number=core))


def test_bridges_from_a_root_in_a_small_component():
    """networkx copies the root's component; when it holds fewer than half of the nodes the copy
    lists them in the order of a Python set (string keys: that order changes from one Python
    process to the next), and the bridges follow it."""
    rng = random.Random(1)
    for trial in range(60):
        G = nx.gnp_random_graph(60, 0.03, seed=trial)
        H = nx.Graph()
        nodes = [f"bewoner {v}" for v in G]
        rng.shuffle(nodes)
        H.add_nodes_from(nodes)
        edges = [(f"bewoner {u}", f"bewoner {v}") for u, v in G.edges]
        rng.shuffle(edges)
        H.add_edges_from(edges)
        for root in rng.sample(list(H), 3):
            assert list(nx.bridges(H, root=root, backend="wijknet")) == list(nx.bridges(H, root=root))


def test_kept_attributes_read_as_edge_values_when_asked_for():
    G = nx.Graph([(1, 2, {"weight": 2.0, "afstand": 3.0}), (2, 3, {"afstand": 1.0})])
    W = nx_backend.convert_from_nx(G, preserve_edge_attrs=True)
    assert "afstand" in W.values and W.values.get("afstand").tolist() == [3.0, 1.0]
    assert W.values["weight"].tolist() == [2.0, 1.0]  # networkx's default for a missing value
    plain = nx_backend.convert_from_nx(G, edge_attrs={"weight": 1})
    assert "afstand" not in plain.values and plain.values.get("afstand") is None
