"""wijknet as a networkx backend: each dispatched function against networkx itself on random
graphs, conversion round trips, and the calls wijknet declines (networkx then runs them)."""

from __future__ import annotations

import contextlib
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wijknet as wn
from wijknet import nx_backend

nx = pytest.importorskip("networkx")

# networkx notes each time it reuses a converted graph from its cache
pytestmark = pytest.mark.filterwarnings("ignore:Note. conversions to backend graphs")


@pytest.fixture(scope="module", autouse=True)
def backend(wijknet_backend):
    """Every test here runs with networkx's ``wijknet`` backend registered."""


def _random_graphs(directed: bool = False, weighted: bool = False):
    """Small random graphs of several shapes (isolates, components, string and int keys)."""
    rng = np.random.default_rng(7)
    out = []
    for i, (n, p) in enumerate([(30, 0.15), (60, 0.05), (25, 0.4), (40, 0.08)]):
        G = nx.gnp_random_graph(n, p, seed=i, directed=directed)
        if i % 2:
            G = nx.relabel_nodes(G, {v: f"r{v}" for v in G})
        G.add_node("alone" if i % 2 else 999)
        if weighted:
            for _u, _v, d in G.edges(data=True):
                # whole numbers (path lengths add exactly) on some graphs, fractions on others
                d["weight"] = float(rng.integers(1, 5)) if i < 2 else float(rng.uniform(0.1, 3.0))
        out.append(G)
    return out


def _same(a, b, tol=1e-9):
    if isinstance(a, dict):
        assert a.keys() == b.keys()  # networkx's key order is not always the node order
        for k in a:
            _same(a[k], b[k], tol)
        return
    if isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b)
        return
    assert type(a) is type(b) or isinstance(a, (int, float)) and isinstance(b, (int, float))
    assert a == pytest.approx(b, rel=tol, abs=tol)


def _tol(name, G):
    """PageRank iterates until the values change by less than n·tol in all (networkx's rule):
    both answers are that close to the fixed point, not equal bit for bit."""
    return len(G) * 1e-6 if name == "pagerank" else 1e-9


UNDIRECTED = [
    ("clustering", {}),
    ("clustering", {"weight": "weight"}),
    ("average_clustering", {}),
    ("average_clustering", {"count_zeros": False}),
    ("transitivity", {}),
    ("triangles", {}),
    ("square_clustering", {}),
    ("core_number", {}),
    ("number_connected_components", {}),
    ("pagerank", {}),
    ("pagerank", {"weight": None, "alpha": 0.7}),
    ("betweenness_centrality", {}),
    ("betweenness_centrality", {"weight": "weight", "endpoints": True}),
    ("betweenness_centrality", {"normalized": False}),
    ("closeness_centrality", {}),
    ("closeness_centrality", {"distance": "weight", "wf_improved": False}),
    ("harmonic_centrality", {}),
    ("harmonic_centrality", {"distance": "weight"}),
    ("effective_size", {}),
    ("constraint", {}),
    ("constraint", {"weight": "weight"}),
]


@pytest.mark.parametrize(("name", "kwargs"), UNDIRECTED)
def test_same_as_networkx_undirected(name, kwargs):
    for G in _random_graphs(weighted=True):
        fn = getattr(nx, name)
        _same(fn(G, **kwargs), fn(G, backend="wijknet", **kwargs), tol=_tol(name, G))


DIRECTED = [
    ("pagerank", {}),
    ("betweenness_centrality", {}),
    ("betweenness_centrality", {"weight": "weight"}),
    ("closeness_centrality", {}),
    ("closeness_centrality", {"distance": "weight"}),
    ("harmonic_centrality", {}),
    ("constraint", {}),
    ("constraint", {"weight": "weight"}),
]


@pytest.mark.parametrize(("name", "kwargs"), DIRECTED)
def test_same_as_networkx_directed(name, kwargs):
    for G in _random_graphs(directed=True, weighted=True):
        fn = getattr(nx, name)
        _same(fn(G, **kwargs), fn(G, backend="wijknet", **kwargs), tol=_tol(name, G))


def test_nodes_arguments_and_single_node():
    G = nx.karate_club_graph()
    for name in ("clustering", "triangles", "square_clustering"):
        fn = getattr(nx, name)
        assert fn(G, 0, backend="wijknet") == pytest.approx(fn(G, 0))
        _same(fn(G, [3, 1, 2], backend="wijknet"), fn(G, [3, 1, 2]))
    assert nx.closeness_centrality(G, u=5, backend="wijknet") == pytest.approx(
        nx.closeness_centrality(G, u=5)
    )
    _same(
        nx.harmonic_centrality(G, nbunch=[4, 2], backend="wijknet"), nx.harmonic_centrality(G, nbunch=[4, 2])
    )
    _same(nx.constraint(G, nodes=[1, 0], backend="wijknet"), nx.constraint(G, nodes=[1, 0]))
    _same(nx.average_clustering(G, [1, 2, 3], backend="wijknet"), nx.average_clustering(G, [1, 2, 3]))
    pers = {0: 1.0, 33: 2.0}
    _same(nx.pagerank(G, personalization=pers, backend="wijknet"), nx.pagerank(G, personalization=pers), 1e-4)


def test_connected_components_in_networkx_order():
    for G in _random_graphs():
        ours = list(nx.connected_components(G, backend="wijknet"))
        assert ours == list(nx.connected_components(G))


def test_results_are_python_values():
    G = nx.karate_club_graph()
    assert all(type(v) is int for v in nx.core_number(G, backend="wijknet").values())
    assert all(type(v) is int for v in nx.triangles(G, backend="wijknet").values())
    assert all(type(v) is float for v in nx.pagerank(G, backend="wijknet").values())
    assert type(nx.transitivity(G, backend="wijknet")) is float


# ---- conversion ----------------------------------------------------------------------------


def test_from_networkx_round_trip():
    g = wn.datasets.davis_southern_women().project()
    G = g.to_networkx()
    assert wn.Graph.from_networkx(G, weight="weight") == g
    h = wn.Graph.from_networkx(G)
    assert h.nodes.equals(g.nodes) and h.number_of_edges() == g.number_of_edges()
    assert set(h.edges()["weight"]) == {1.0}
    D = nx.gnp_random_graph(30, 0.1, seed=1, directed=True)
    d = wn.Graph.from_networkx(D)
    assert d.is_directed() and d.number_of_edges() == D.number_of_edges()
    assert nx.utils.edges_equal(d.to_networkx().edges(), D.edges())
    assert list(d.to_networkx()) == list(D)


def test_from_networkx_errors():
    with pytest.raises(wn.ArgumentError, match="self-loops"):
        wn.Graph.from_networkx(nx.Graph([(1, 1), (1, 2)]))
    with pytest.raises(wn.ArgumentError, match="multigraphs"):
        wn.Graph.from_networkx(nx.MultiGraph([(1, 2), (1, 2)]))
    with pytest.raises(wn.ArgumentError, match="strings or all whole numbers"):
        wn.Graph.from_networkx(nx.Graph([((0, 1), (1, 1))]))
    with pytest.raises(wn.ArgumentError, match=">= 0"):
        wn.Graph.from_networkx(nx.Graph([(1, 2, {"w": -1.0})]), weight="w")
    with pytest.raises(wn.ArgumentError, match="not numbers"):
        wn.Graph.from_networkx(nx.Graph([(1, 2, {"w": "heavy"})]), weight="w")


def test_backend_conversion_keeps_any_node_keys_and_attributes():
    G = nx.Graph()
    G.add_edge((0, "a"), frozenset({1}), weight=2.5, length=4.0)
    G.add_edge(frozenset({1}), None.__class__, weight=1.0)
    G.add_node("lonely")
    W = nx_backend.convert_from_nx(G, edge_attrs={"weight": 1, "length": 1})
    back = nx_backend.convert_to_nx(W)
    assert list(back) == list(G)
    assert nx.utils.edges_equal(back.edges(data=True), G.edges(data=True)) or all(
        back[u][v]["weight"] == d["weight"] for u, v, d in G.edges(data=True)
    )
    assert back[(0, "a")][frozenset({1})]["length"] == 4.0
    assert back[frozenset({1})][None.__class__]["length"] == 1.0  # missing: the default


@pytest.mark.parametrize("share", [0.0, 0.5, 1.0])
def test_edge_values_whether_every_some_or_no_edge_has_the_attribute(share):
    G = nx.gnm_random_graph(50, 200, seed=3)
    rng = np.random.default_rng(4)
    for _u, _v, d in G.edges(data=True):
        if rng.random() < share:
            d["w"] = float(rng.integers(1, 9))
    W = nx_backend.convert_from_nx(G, edge_attrs={"w": 7.0})
    nodes = list(G)
    got = {
        frozenset((nodes[s], nodes[t])): w for s, t, w in zip(W.source, W.target, W.values["w"], strict=True)
    }
    assert got == {frozenset((u, v)): d.get("w", 7.0) for u, v, d in G.edges(data=True)}


# ---- declines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "G", "kwargs", "reason"),
    [
        ("pagerank", nx.MultiGraph([(1, 2), (1, 2)]), {}, "multigraphs"),
        ("triangles", nx.Graph([(1, 1), (1, 2)]), {}, "self-loops"),
        ("clustering", nx.DiGraph([(1, 2)]), {}, "directed"),
        ("eigenvector_centrality", nx.path_graph(5), {"nstart": {0: 1, 1: 2, 2: 1, 3: 1, 4: 1}}, "nstart"),
        ("pagerank", nx.path_graph(5), {"nstart": {0: 1}}, "starting vector"),
        ("pagerank", nx.path_graph(5), {"dangling": {0: 1}}, "dangling"),
        ("harmonic_centrality", nx.path_graph(5), {"sources": [0]}, "sources"),
        ("effective_size", nx.path_graph(5), {"weight": "weight"}, "code paths"),
        ("betweenness_centrality", nx.path_graph(3), {"weight": lambda u, v, d: 1}, "function"),
    ],
)
def test_can_run_declines_with_a_reason(name, G, kwargs, reason):
    answer = nx_backend.can_run(name, (G,), kwargs)
    assert isinstance(answer, str) and reason in answer
    # asked by name, networkx says the backend cannot; by priority, networkx runs the call itself
    with pytest.raises(NotImplementedError, match="not implemented by 'wijknet'"):
        getattr(nx, name)(G, backend="wijknet", **kwargs)
    expected = getattr(nx, name)(G, **kwargs)
    with _priority():
        assert str(getattr(nx, name)(G, **kwargs)) == str(expected)


@pytest.mark.parametrize(
    ("name", "G", "kwargs", "reason"),
    [
        (
            "betweenness_centrality",
            nx.Graph([(1, 2, {"w": 0.0}), (2, 3, {"w": 1.0})]),
            {"weight": "w"},
            "lengths of 0",
        ),
        ("clustering", nx.Graph([(1, 2, {"w": -1.0})]), {"weight": "w"}, "finite numbers >= 0"),
        ("pagerank", nx.Graph([(1, 2, {"weight": float("inf")})]), {}, "finite numbers >= 0"),
    ],
)
def test_values_it_cannot_take_are_declined_when_read(name, G, kwargs, reason):
    """Edge values are read once, when the graph is converted (networkx caches that): what
    wijknet cannot take makes the conversion or the call decline then, and networkx runs it."""
    assert nx_backend.can_run(name, (G,), kwargs) is True
    with pytest.raises(NotImplementedError) as raised:
        getattr(nx, name)(G, backend="wijknet", **kwargs)
    assert reason in str(raised.value.__cause__)  # networkx names wijknet; the cause says why
    expected = getattr(nx, name)(G, **kwargs)
    with _priority():
        assert str(getattr(nx, name)(G, **kwargs)) == str(expected)


@contextlib.contextmanager
def _priority():
    before = list(nx.config.backend_priority.algos)
    nx.config.backend_priority.algos = ["wijknet"]
    try:
        yield
    finally:
        nx.config.backend_priority.algos = before


def test_backend_priority_dispatches(monkeypatch):
    calls = []
    inner = nx_backend.FUNCTIONS["pagerank"].func

    def counting(*args, **kwargs):
        calls.append(1)
        return inner(*args, **kwargs)

    monkeypatch.setattr(nx_backend.BackendInterface, "pagerank", staticmethod(counting))
    G = nx.karate_club_graph()
    G.__networkx_cache__ = None  # no cached conversion from other tests
    with _priority():
        got = nx.pagerank(G)
        small = nx.pagerank(nx.path_graph(4))  # should_run: networkx is faster on tiny graphs
    assert len(calls) == 1
    _same(got, nx.pagerank(G), 1e-4)
    _same(small, nx.pagerank(nx.path_graph(4)), 1e-12)


def test_can_run_and_should_run_accept():
    G = nx.karate_club_graph()
    assert nx_backend.can_run("betweenness_centrality", (G,), {"weight": "weight"}) is True
    assert nx_backend.can_run("edge_betweenness_centrality", (G,), {}) is not True
    assert nx_backend.should_run("pagerank", (G,), {}) is True
    assert isinstance(nx_backend.should_run("pagerank", (nx.path_graph(3),), {}), str)
    assert isinstance(nx_backend.should_run("connected_components", (G,), {}), str)


def test_backend_info():
    info = nx_backend.get_info()
    assert info["backend_name"] == "wijknet" and info["package"] == "wijknet"
    assert set(info["functions"]) == set(nx_backend.FUNCTIONS)
    registered = nx.utils.backends._registered_algorithms
    for fn in info["functions"]:
        assert fn in registered and hasattr(nx_backend.BackendInterface, fn)


def test_pyproject_registers_the_backend():
    text = (Path(__file__).parents[1] / "pyproject.toml").read_text()
    assert '[project.entry-points."networkx.backends"]' in text
    assert 'wijknet = "wijknet.nx_backend:BackendInterface"' in text
    assert 'wijknet = "wijknet.nx_backend:get_info"' in text


def test_networkx_own_tests_pass(tmp_path):
    """networkx's test modules for the dispatched functions, with wijknet as test backend; the
    networkx guide states what they give (tests passed, calls answered and declined)."""
    script = Path(__file__).with_name("networkx_suite.py")
    counts = tmp_path / "counts.json"
    done = subprocess.run(
        [sys.executable, str(script), "--json", str(counts)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    got = json.loads(counts.read_text())
    guide = (Path(__file__).parents[1] / "docs" / "guides" / "networkx.md").read_text()
    if got["networkx"] != "3.6.1":
        pytest.skip(f"the guide gives networkx 3.6.1's counts; this is networkx {got['networkx']}")
    assert f"| {got['outcomes']['passed']} | 0 | 0 |" in guide
    section = guide[guide.index("## Checked by networkx's own tests") :]
    section = section[: section.index("\n## ")]
    stated = {m[1]: (int(m[2]), m[3]) for m in re.finditer(r"^\| `(\w+)` \| (\d+) \| (.*) \|$", section, re.M)}
    assert set(stated) == set(nx_backend.FUNCTIONS)
    for fn, (answered, declined) in stated.items():
        assert answered == got["ran"].get(fn, 0), fn
        total = sum(got["declined"].get(fn, {}).values())
        if fn != "modularity":  # networkx's own Louvain calls it a varying number of times
            assert declined.split(" ")[0] == str(total), (fn, declined, got["declined"].get(fn))


@given(
    st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15), st.integers(1, 9)), max_size=60),
    st.booleans(),
)
@settings(max_examples=60, deadline=None)
def test_round_trip_property(edges, directed):
    """networkx → wijknet → networkx keeps nodes (in order), edges and weights."""
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from([99, 98])  # isolates first
    G.add_weighted_edges_from((u, v, float(w)) for u, v, w in edges if u != v)
    g = wn.Graph.from_networkx(G, weight="weight")
    assert g.nodes.tolist() == list(G) and g.number_of_edges() == G.number_of_edges()
    H = g.to_networkx()
    assert list(H) == list(G)

    def tie(u, v):
        return (u, v) if directed else frozenset((u, v))

    assert {tie(u, v): d["weight"] for u, v, d in H.edges(data=True)} == {
        tie(u, v): d["weight"] for u, v, d in G.edges(data=True)
    }
    back = nx_backend.convert_to_nx(nx_backend.convert_from_nx(G, edge_attrs={"weight": 1}))
    assert list(back) == list(G)
    assert all(back[u][v]["weight"] == d["weight"] for u, v, d in G.edges(data=True))
    assert back.number_of_edges() == G.number_of_edges() and back.is_directed() == directed
