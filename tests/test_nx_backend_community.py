"""wijknet as a networkx backend for communities (modularity, Louvain) and assortativity/mixing:
each function against networkx itself (called without the backend) on random graphs, and the
calls wijknet declines."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijknet import nx_backend

nx = pytest.importorskip("networkx")
from networkx.algorithms.community.quality import NotAPartition  # noqa: E402

pytestmark = pytest.mark.filterwarnings(
    "ignore:Note. conversions to backend graphs", "ignore:invalid value encountered", "ignore:divide by zero"
)


@pytest.fixture(scope="module", autouse=True)
def backend(wijknet_backend):
    """Every test here runs with networkx's ``wijknet`` backend registered."""


def _graphs(directed: bool = False, seed: int = 3):
    """Random graphs of several shapes (isolates, components, string and int keys) with a
    categorical node attribute ``group`` (some nodes without it), a numeric ``age`` on every
    node and weights that are whole, halves or arbitrary fractions."""
    rng = np.random.default_rng(seed)
    out = []
    for i, (n, p) in enumerate([(30, 0.15), (60, 0.05), (25, 0.4), (40, 0.08), (12, 0.3)]):
        G = nx.gnp_random_graph(n, p, seed=seed * 10 + i, directed=directed)
        if i % 2:
            G = nx.relabel_nodes(G, {v: f"r{v}" for v in G})
        G.add_node("alone" if i % 2 else 999)
        for v in G:
            if rng.random() < 0.9:
                G.nodes[v]["group"] = ["a", "b", "c", 1, 2.0][int(rng.integers(0, 5 if i < 3 else 2))]
            G.nodes[v]["age"] = int(rng.integers(18, 90)) if i % 2 else float(rng.normal(50, 15))
        for _u, _v, d in G.edges(data=True):
            d["weight"] = [
                float(rng.integers(1, 5)),
                float(rng.integers(1, 9)) / 2,
                float(rng.uniform(0.1, 3.0)),
            ][i % 3]
        out.append(G)
    return out


def _same(a, b, tol=1e-12):
    if isinstance(a, dict):
        assert a == pytest.approx(b, rel=tol) if not any(isinstance(v, dict) for v in a.values()) else True
        assert a.keys() == b.keys()
        for k in a:
            _same(a[k], b[k], tol)
        return
    if isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype
        np.testing.assert_allclose(a, b, rtol=tol, atol=0)
        return
    if isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b)
        return
    assert type(a) is type(b), (a, b)
    assert a == pytest.approx(b, rel=tol, abs=tol)


def _both(name, G, **kwargs):
    """networkx's answer and wijknet's (networkx's dispatcher, backend="wijknet")."""
    fn = nx.utils.backends._registered_algorithms[name]
    assert nx_backend.can_run(name, (G,), kwargs) is True
    return fn(G, **kwargs), fn(G, backend="wijknet", **kwargs)


# ---- assortativity --------------------------------------------------------------------------


COEFFICIENTS = [
    ("degree_assortativity_coefficient", {}),
    ("degree_assortativity_coefficient", {"weight": "weight"}),
    ("degree_pearson_correlation_coefficient", {}),
    ("degree_pearson_correlation_coefficient", {"weight": "weight"}),
    ("attribute_assortativity_coefficient", {"attribute": "group"}),
    ("numeric_assortativity_coefficient", {"attribute": "age"}),
]


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize(("name", "kwargs"), COEFFICIENTS)
def test_coefficients_as_networkx(name, kwargs, directed):
    for G in _graphs(directed):
        theirs, ours = _both(name, G, **kwargs)
        _same(ours, theirs, 1e-9)


@pytest.mark.parametrize(("x", "y"), [("out", "in"), ("in", "out"), ("in", "in"), ("out", "out")])
def test_degree_directions_on_directed_graphs(x, y):
    for G in _graphs(directed=True):
        for name in ("degree_assortativity_coefficient", "degree_pearson_correlation_coefficient"):
            theirs, ours = _both(name, G, x=x, y=y)
            _same(ours, theirs, 1e-9)
        theirs, ours = _both("degree_mixing_dict", G, x=x, y=y)
        _same(ours, theirs)


@pytest.mark.parametrize("directed", [False, True])
def test_nodes_argument(directed):
    for G in _graphs(directed):
        some = list(G)[::3] + ["not a node"]
        for name, kwargs in [
            ("degree_assortativity_coefficient", {"nodes": some}),
            ("degree_mixing_dict", {"nodes": some}),
            ("attribute_assortativity_coefficient", {"attribute": "group", "nodes": some}),
            ("attribute_mixing_dict", {"attribute": "group", "nodes": some}),
        ]:
            theirs, ours = _both(name, G, **kwargs)
            _same(ours, theirs, 1e-9)
        members = list(G)[::2]
        theirs, ours = _both("numeric_assortativity_coefficient", G, attribute="age", nodes=members)
        _same(ours, theirs, 1e-9)


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("normalized", [False, True])
def test_mixing_dicts_and_matrices(directed, normalized):
    for G in _graphs(directed):
        theirs, ours = _both("attribute_mixing_dict", G, attribute="group", normalized=normalized)
        assert ours == theirs
        theirs, ours = _both("degree_mixing_dict", G, normalized=normalized)
        assert ours == theirs
        values = sorted({d.get("group") for _, d in G.nodes(data=True)}, key=repr)
        mapping = {v: i for i, v in enumerate(reversed(values))}
        theirs, ours = _both(
            "attribute_mixing_matrix", G, attribute="group", mapping=mapping, normalized=normalized
        )
        np.testing.assert_array_equal(ours, theirs)
        partial = {v: i for i, v in enumerate(values[1:])}  # values left out: their pairs too
        if partial:
            theirs, ours = _both(
                "attribute_mixing_matrix", G, attribute="group", mapping=partial, normalized=normalized
            )
            np.testing.assert_array_equal(ours, theirs)
        degrees = sorted({d for _, d in G.degree()} | {d for _, d in getattr(G, "in_degree", G.degree)()})
        mapping = {d: i for i, d in enumerate(degrees)}
        theirs, ours = _both("degree_mixing_matrix", G, mapping=mapping, normalized=normalized)
        np.testing.assert_array_equal(ours, theirs)


def test_weighted_degree_mixing_on_exact_weights():
    for G in _graphs():
        for _u, _v, d in G.edges(data=True):
            d["weight"] = round(d["weight"] * 4) / 4
        theirs, ours = _both("degree_mixing_dict", G, weight="weight")
        assert ours == theirs
        keys = sorted(theirs)
        mapping = {k: i for i, k in enumerate(keys)}
        theirs, ours = _both("degree_mixing_matrix", G, weight="weight", mapping=mapping)
        np.testing.assert_array_equal(ours, theirs)


@given(
    st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=50),
    st.lists(st.sampled_from(["x", "y", "z", None]), min_size=15, max_size=15),
    st.lists(st.integers(-3, 3), min_size=15, max_size=15),
    st.booleans(),
)
@settings(max_examples=80, deadline=None)
def test_assortativity_property(edges, groups, ages, directed):
    """Any small graph: the coefficients as networkx's (NaN where networkx gives NaN), the
    mixing dicts equal."""
    G = nx.DiGraph() if directed else nx.Graph()
    for v in range(15):
        G.add_node(v, age=ages[v])
        if groups[v] is not None:
            G.nodes[v]["group"] = groups[v]
    G.add_edges_from((u, v) for u, v in edges if u != v)
    with np.errstate(all="ignore"):
        for name, kwargs in [
            ("degree_assortativity_coefficient", {}),
            ("attribute_assortativity_coefficient", {"attribute": "group"}),
            ("numeric_assortativity_coefficient", {"attribute": "age"}),
        ]:
            theirs, ours = _both(name, G, **kwargs)
            if math.isnan(theirs) or abs(theirs) > 1 + 1e-9:  # 0/0, or rounding where the variance is 0
                continue
            _same(ours, theirs, 1e-9)
        for name, kwargs in [("degree_mixing_dict", {}), ("attribute_mixing_dict", {"attribute": "group"})]:
            theirs, ours = _both(name, G, **kwargs)
            assert ours == theirs


def test_node_attributes_travel_through_conversion():
    G = nx.Graph([(1, 2), (2, 3)])
    G.nodes[1]["team"] = "x"
    G.nodes[2]["team"] = ("a", 1)
    W = nx_backend.convert_from_nx(G, node_attrs={"team": None})
    assert (
        W.node_values["team"][:2] == ["x", ("a", 1)]
        and W.node_values["team"][2] is nx_backend._convert.MISSING
    )
    back = nx_backend.convert_to_nx(W)
    assert dict(back.nodes(data=True)) == {1: {"team": "x"}, 2: {"team": ("a", 1)}, 3: {}}
    W = nx_backend.convert_from_nx(G, node_attrs={"team": "none"})
    assert W.node_values["team"][2] == "none"


# ---- modularity and Louvain -----------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs", [{}, {"weight": None}, {"resolution": 0.5}, {"resolution": 2, "weight": "weight"}]
)
def test_modularity_as_networkx(kwargs):
    for G in _graphs():
        parts = [set(c) for c in nx.connected_components(G)]
        random.Random(1).shuffle(parts)
        for communities in (parts, [set(G)], [{v} for v in G], (set(c) for c in parts)):
            communities = list(communities)
            theirs, ours = _both("modularity", G, communities=communities, **kwargs)
            _same(ours, theirs, 1e-12)


def test_modularity_not_a_partition():
    G = nx.path_graph(4)
    for bad in (
        [{0, 1}, {2}],
        [{0, 1}, {1, 2, 3}],
        [{0, 1}, {2, 3, 9}],
        [[0, 1, 2, 3, 3]],
        [[0, 1, 2, 3], [[0]]],
    ):
        with pytest.raises(NotAPartition) as theirs:
            nx.community.modularity(G, bad)
        with pytest.raises(NotAPartition) as ours:
            nx.community.modularity(G, bad, backend="wijknet")
        assert str(ours.value) == str(theirs.value)
    with pytest.raises(ZeroDivisionError):
        nx.community.modularity(nx.empty_graph(3), [{0, 1, 2}], backend="wijknet")


def _planted(seed: int):
    """Four planted groups of 40 with few ties between them, and weights."""
    G = nx.planted_partition_graph(4, 40, 0.3, 0.01, seed=seed)
    rng = np.random.default_rng(seed)
    for _u, _v, d in G.edges(data=True):
        d["weight"] = float(rng.uniform(0.5, 2.0))
    return G


@pytest.mark.parametrize("kwargs", [{}, {"weight": None}, {"resolution": 0.7}, {"threshold": 0.01}])
def test_louvain_is_a_good_partition(kwargs):
    for seed in range(4):
        G = _planted(seed)
        ours = nx.community.louvain_communities(G, backend="wijknet", **kwargs)
        assert isinstance(ours, list) and all(type(c) is set for c in ours)
        assert nx.community.is_partition(G, ours)
        weight = kwargs.get("weight", "weight")
        resolution = kwargs.get("resolution", 1)
        q_ours = nx.community.modularity(G, ours, weight=weight, resolution=resolution)
        q_theirs = nx.community.modularity(
            G, nx.community.louvain_communities(G, **kwargs), weight=weight, resolution=resolution
        )
        assert q_ours >= q_theirs - 0.02, (q_ours, q_theirs)
        truth = [set(range(40 * i, 40 * i + 40)) for i in range(4)]
        if "threshold" not in kwargs:  # about as good as the planted groups
            assert q_ours >= nx.community.modularity(G, truth, weight=weight, resolution=resolution) - 0.01


def test_louvain_partitions_levels_and_max_level():
    G = nx.LFR_benchmark_graph(250, 3, 1.5, 0.009, average_degree=5, min_community=20, seed=10)
    G.remove_edges_from(list(nx.selfloop_edges(G)))  # wijknet declines self-loops
    random.seed(5)
    levels = list(nx.community.louvain_partitions(G, backend="wijknet"))
    assert len(levels) >= 1
    q = [nx.community.modularity(G, p) for p in levels]
    assert all(b > a for a, b in zip(q, q[1:], strict=False))
    for coarse, fine in zip(levels[1:], levels, strict=False):  # each level merges the one before
        for c in fine:
            assert any(c <= d for d in coarse)
    for max_level in range(1, len(levels) + 2):
        random.seed(5)  # seed=None reads Python's random module, as networkx
        assert (
            nx.community.louvain_communities(G, max_level=max_level, backend="wijknet")
            == levels[min(max_level, len(levels)) - 1]
        )
    random.seed(5)
    assert nx.community.louvain_communities(G, threshold=1.0, backend="wijknet") == levels[0]
    with pytest.raises(ValueError, match="max_level argument must be a positive integer"):
        nx.community.louvain_communities(G, max_level=0, backend="wijknet")


def test_louvain_edge_cases():
    G = nx.empty_graph(5)
    assert nx.community.louvain_communities(G, backend="wijknet") == [{0}, {1}, {2}, {3}, {4}]
    assert list(nx.community.louvain_partitions(G, backend="wijknet")) == [[{0}, {1}, {2}, {3}, {4}]]
    assert nx.community.louvain_communities(nx.Graph(), backend="wijknet") == []
    zero = nx.Graph([(0, 1, {"weight": 0.0}), (1, 2, {"weight": 0.0})])
    with pytest.raises(ZeroDivisionError):
        nx.community.louvain_communities(zero)
    with pytest.raises(ZeroDivisionError):
        nx.community.louvain_communities(zero, backend="wijknet")


# ---- declines -------------------------------------------------------------------------------


def _fish():
    G = nx.Graph([(0, 1), (1, 2)])
    nx.set_node_attributes(G, {0: 1.0, 1: 2.0, 2: "three"}, "x")
    return G


@pytest.mark.parametrize(
    ("name", "G", "kwargs", "reason"),
    [
        ("louvain_communities", nx.karate_club_graph(), {"seed": 1}, "random stream"),
        ("louvain_partitions", nx.karate_club_graph(), {"seed": 1}, "random stream"),
        ("louvain_communities", nx.karate_club_graph(), {"resolution": 0}, "resolution"),
        ("louvain_communities", nx.karate_club_graph().to_directed(), {}, "directed"),
        ("modularity", nx.DiGraph([(0, 1)]), {"communities": [{0, 1}]}, "directed"),
        ("modularity", nx.MultiGraph([(0, 1), (0, 1)]), {"communities": [{0, 1}]}, "multigraphs"),
        ("attribute_mixing_matrix", _fish(), {"attribute": "x"}, "mapping=None"),
        ("attribute_mixing_matrix", _fish(), {"attribute": "x", "mapping": {1.0: 1, 2.0: 2}}, "rows"),
        ("degree_mixing_matrix", nx.path_graph(4), {}, "mapping=None"),
        ("degree_mixing_dict", nx.Graph([(0, 1, {"w": 0.1})]), {"weight": "w"}, "1/1024"),
        ("degree_assortativity_coefficient", nx.DiGraph([(0, 1)]), {"x": "both"}, "'in' or 'out'"),
        ("numeric_assortativity_coefficient", _fish(), {"attribute": "x"}, "not a finite number"),
        ("numeric_assortativity_coefficient", _fish(), {"attribute": "y"}, "has no attribute"),
        (
            "numeric_assortativity_coefficient",
            _fish(),
            {"attribute": "x", "nodes": [0, 7]},
            "not in the graph",
        ),
        ("attribute_assortativity_coefficient", nx.Graph([(0, 0), (0, 1)]), {"attribute": "x"}, "self-loops"),
    ],
)
def test_declines_with_a_reason(name, G, kwargs, reason):
    answer = nx_backend.can_run(name, (G,), kwargs)
    assert isinstance(answer, str) and reason in answer, answer


def test_numeric_with_nodes_leaves_out_values_of_other_nodes():
    G = nx.path_graph(5)
    nx.set_node_attributes(G, {0: 1, 1: 2, 2: 3, 3: 7, 4: "n/a"}, "x")
    theirs, ours = _both("numeric_assortativity_coefficient", G, attribute="x", nodes=[0, 1, 3])
    _same(ours, theirs, 1e-12)


def test_too_many_categories_go_back_to_networkx():
    G = nx.path_graph(5000)
    nx.set_node_attributes(G, {v: v for v in G}, "id")
    with pytest.raises(NotImplementedError, match="raised NotImplementedError"):
        nx.attribute_mixing_dict(G, "id", backend="wijknet")
    before = list(nx.config.backend_priority.algos)
    nx.config.backend_priority.algos = ["wijknet"]
    try:
        assert nx.attribute_mixing_dict(G, "id") == nx.attribute_mixing_dict(G, "id", backend="networkx")
    finally:
        nx.config.backend_priority.algos = before


def test_priority_dispatches_modularity_and_louvain():
    """Even with the conversion, both beat networkx on graphs of 20 nodes or more."""
    G = nx.karate_club_graph()
    assert nx_backend.should_run("modularity", (G, [set(G)]), {}) is True
    assert nx_backend.should_run("louvain_communities", (G,), {}) is True
