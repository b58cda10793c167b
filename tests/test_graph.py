"""Graph.from_edges, edge tables, conversions, and the first connectedness metrics (degree,
strength, components, isolates, density) against networkx."""

from __future__ import annotations

import pickle

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import HYP, REL, assert_weights_equal, edge_map, nx_edge_map, nx_projection, random_register
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn


def from_nx(G: nx.Graph, *, weight: bool = True) -> wn.Graph:
    e = nx.to_pandas_edgelist(G)
    return wn.Graph.from_edges(e, weight="weight" if weight else None, directed=G.is_directed())


def random_nx(seed: int, n: int = 60, m: int = 70, directed: bool = False) -> nx.Graph:
    """A random graph with random positive weights and no isolated nodes (an edge table
    cannot carry isolates)."""
    G = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    rng = np.random.default_rng(seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.uniform(0.1, 3.0))
    G.remove_nodes_from(list(nx.isolates(G)))
    return G


def check_metrics(g: wn.Graph, G: nx.Graph) -> None:
    """Every metric of ``g`` against networkx on the same graph."""
    nodes = g.nodes.tolist()
    assert sorted(nodes, key=str) == sorted(G.nodes, key=str)
    assert g.number_of_nodes() == G.number_of_nodes()
    assert g.number_of_edges() == G.number_of_edges()

    deg = wn.degree(g)
    assert isinstance(deg, pd.Series) and deg.name == "degree"
    assert deg.index.equals(g.nodes)
    assert deg.dtype == np.int64
    assert deg.to_dict() == dict(G.degree())

    st_ = wn.strength(g)
    assert st_.name == "strength" and st_.index.equals(g.nodes) and st_.dtype == np.float64
    expected = pd.Series(dict(G.degree(weight="weight")), dtype=np.float64).reindex(g.nodes)
    np.testing.assert_allclose(st_.to_numpy(), expected.to_numpy(), rtol=REL, atol=0)

    comp = wn.connected_components(g)
    assert comp.name == "component" and comp.index.equals(g.nodes)
    parts = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    expected_parts = {frozenset(p) for p in parts}
    got_parts = {frozenset(comp.index[comp == c].tolist()) for c in comp.unique()}
    assert got_parts == expected_parts
    sizes = comp.value_counts().sort_index()
    assert sizes.index.tolist() == list(range(len(sizes)))  # labels 0..k-1
    assert sizes.is_monotonic_decreasing  # 0 is the largest
    # equal sizes: the group holding the earlier node comes first
    first_pos = {c: int(np.flatnonzero(comp.to_numpy() == c)[0]) for c in sizes.index}
    for a, b in zip(sizes.index[:-1], sizes.index[1:]):
        if sizes[a] == sizes[b]:
            assert first_pos[a] < first_pos[b]
    n_comp = wn.number_connected_components(g)
    assert isinstance(n_comp, int)
    assert n_comp == len(expected_parts)

    iso = wn.isolates(g)
    assert isinstance(iso, pd.Index)
    nx_iso = set(nx.isolates(G))
    assert iso.tolist() == [n for n in nodes if n in nx_iso]

    d = wn.density(g)
    assert isinstance(d, float)
    assert d == pytest.approx(nx.density(G), rel=REL, abs=0)


# ---------------------------------------------------------------------------------------------
# from_edges
# ---------------------------------------------------------------------------------------------


def test_from_edges_undirected_unweighted():
    g = wn.Graph.from_edges(pd.DataFrame({"source": ["c", "b", "a"], "target": ["a", "d", "b"]}))
    # nodes in the order a row-by-row reader meets them
    assert g.nodes.tolist() == ["c", "a", "b", "d"]
    assert not g.is_directed()
    assert g.edges().to_dict("list") == {"source": ["c", "a", "b"], "target": ["a", "b", "d"], "weight": [1.0] * 3}


def test_from_edges_weights_directed_and_ids_as_given():
    df = pd.DataFrame({"from": [10, 20, 30, 20], "to": [20, 10, 10, 30], "w": [0.5, 2.0, 1.25, 4.0]})
    g = wn.Graph.from_edges(df, source="from", target="to", weight="w", directed=True)
    assert g.is_directed() and repr(g) == "<wijknet.Graph: 3 nodes, 4 edges, directed>"
    assert g.nodes.tolist() == [10, 20, 30] and g.nodes.dtype == np.int64
    e = g.edges()
    assert sorted(zip(e["source"], e["target"], e["weight"])) == sorted(zip(df["from"], df["to"], df["w"]))
    assert g.weight(10, 20) == 0.5 and g.weight(20, 10) == 2.0
    assert g.weight(10, 30) is None and g.weight(30, 10) == 1.25
    G = nx.DiGraph()
    G.add_weighted_edges_from(zip(df["from"], df["to"], df["w"]))
    check_metrics(g, G)
    assert wn.degree(g).tolist() == [3, 3, 2]  # in + out, as networkx
    assert wn.strength(g).tolist() == [0.5 + 2.0 + 1.25, 0.5 + 2.0 + 4.0, 1.25 + 4.0]


def test_from_edges_repeated_edges_merge_with_a_warning():
    df = pd.DataFrame({"source": ["a", "b", "a", "a"], "target": ["b", "a", "c", "b"], "w": [1.0, 2.0, 0.5, 0.25]})
    with pytest.warns(UserWarning, match=r"2 repeated edges were merged"):
        g = wn.Graph.from_edges(df, weight="w")
    assert edge_map(g) == {frozenset("ab"): 3.25, frozenset("ac"): 0.5}
    with pytest.warns(UserWarning, match=r"1 repeated edges were merged"):
        gd = wn.Graph.from_edges(df, weight="w", directed=True)
    assert gd.weight("a", "b") == 1.25 and gd.weight("b", "a") == 2.0 and gd.number_of_edges() == 3


def test_from_edges_without_repeats_does_not_warn(recwarn):
    wn.Graph.from_edges({"source": [1, 2], "target": [2, 3]})
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]


def test_from_edges_self_loop_names_the_row():
    with pytest.raises(wn.InputError, match=r"row 2") as info:
        wn.Graph.from_edges({"source": ["a", "b", "c"], "target": ["b", "c", "c"]})
    assert "self-loop" in str(info.value)


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), None])
def test_from_edges_bad_weight_names_the_row(bad):
    with pytest.raises(wn.InputError, match=r"row 1") as info:
        wn.Graph.from_edges({"source": ["a", "b", "c"], "target": ["b", "c", "a"], "w": [1.0, bad, 2.0]}, weight="w")
    assert "'w'" in str(info.value)


def test_from_edges_null_id_names_the_row():
    with pytest.raises(wn.InputError, match=r"row 1"):
        wn.Graph.from_edges({"source": ["a", None, "c"], "target": ["b", "c", "a"]})
    with pytest.raises(wn.InputError, match=r"row 2"):
        wn.Graph.from_edges({"source": ["a", "b", "c"], "target": ["b", "c", None]})


def test_from_edges_null_id_message_names_a_real_column():
    with pytest.raises(wn.InputError) as info:
        wn.Graph.from_edges({"source": ["a", None], "target": ["b", "c"]})
    assert "source/target" not in str(info.value)


def test_from_edges_missing_column_and_empty_table():
    with pytest.raises(wn.ColumnNotFoundError, match="did you mean 'target'"):
        wn.Graph.from_edges(pd.DataFrame({"source": [1], "target": [2]}), target="targt")
    with pytest.raises(wn.ColumnNotFoundError, match="'weight'"):
        wn.Graph.from_edges(pd.DataFrame({"source": [1], "target": [2]}), weight="weight")
    with pytest.raises(wn.InputError, match="empty"):
        wn.Graph.from_edges(pd.DataFrame({"source": [], "target": []}))


def test_from_edges_accepts_polars_arrow_and_dicts():
    import polars as pl
    import pyarrow as pa

    df = pd.DataFrame({"source": ["x", "y", "z", "x"], "target": ["y", "z", "w", "w"], "weight": [1.0, 2.0, 3.0, 4.0]})
    ref = wn.Graph.from_edges(df, weight="weight")
    for data in (pl.from_pandas(df), pa.Table.from_pandas(df, preserve_index=False), df.to_dict("list")):
        g = wn.Graph.from_edges(data, weight="weight")
        assert g.nodes.tolist() == ref.nodes.tolist()
        assert g.edges().equals(ref.edges())
        assert g._g.to_bytes() == ref._g.to_bytes()


def test_edges_table_shape():
    g = wn.datasets.davis_southern_women().project()
    e = g.edges()
    assert list(e.columns) == ["source", "target", "weight"]
    assert len(e) == g.number_of_edges() == 139
    pos = {n: i for i, n in enumerate(g.nodes)}
    assert all(pos[s] < pos[t] for s, t in zip(e["source"], e["target"]))  # each edge once
    assert e["weight"].dtype == np.float64
    assert e.iloc[0].tolist() == ["Evelyn Jefferson", "Laura Mandeville", 6.0]


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", range(3))
def test_networkx_round_trip(seed, directed):
    G = random_nx(seed, directed=directed)
    g = from_nx(G)
    H = g.to_networkx()
    assert H.is_directed() == directed
    assert list(H.nodes) == g.nodes.tolist()
    assert {(u, v): d["weight"] for u, v, d in H.edges(data=True)} == (
        {(u, v): d["weight"] for u, v, d in G.edges(data=True)}
        if directed
        else {(u, v) if g.nodes.get_loc(u) < g.nodes.get_loc(v) else (v, u): d["weight"] for u, v, d in G.edges(data=True)}
    )
    again = from_nx(H)
    assert set(again.nodes.tolist()) == set(g.nodes.tolist())
    if directed:
        pairs = lambda x: dict(zip(zip(x.edges()["source"], x.edges()["target"]), x.edges()["weight"]))  # noqa: E731
        assert pairs(again) == pairs(g)
    else:
        assert edge_map(again) == edge_map(g)


@pytest.mark.parametrize("directed", [False, True])
def test_to_scipy_matches_networkx(directed):
    G = random_nx(7, directed=directed)
    g = from_nx(G)
    A = g.to_scipy()
    B = nx.to_scipy_sparse_array(G, nodelist=g.nodes.tolist(), weight="weight", format="csr")
    assert A.shape == B.shape
    assert ((A != 0) != (B != 0)).nnz == 0
    np.testing.assert_array_equal(A.toarray(), B.toarray())
    if not directed:
        assert (A != A.T).nnz == 0


# ---------------------------------------------------------------------------------------------
# metrics against networkx
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("weight", ["count", "newman", "jaccard", "overlap"])
def test_metrics_on_davis_projection(weight):
    net = wn.datasets.davis_southern_women()
    g = net.project(weight=weight)
    G = nx_projection(net.to_frame(), weight)
    assert_weights_equal(edge_map(g), nx_edge_map(G))
    check_metrics(g, G)
    assert wn.degree(g)["Evelyn Jefferson"] == 17
    assert wn.number_connected_components(g) == 1
    assert wn.density(g) == pytest.approx(139 / 153, rel=REL)
    assert g.nodes.name == "resident"


@pytest.mark.parametrize("weight", ["count", "newman"])
def test_metrics_on_real_data_projections(real_frame, weight):
    g = wn.Network.from_attendance(real_frame).project(weight=weight)
    check_metrics(g, nx_projection(real_frame, weight))


def test_metrics_on_a_thresholded_real_projection(senate_frame):
    net = wn.Network.from_attendance(senate_frame)
    g = net.project(weight="newman", min_weight=2.0)
    G = nx_projection(senate_frame, "newman", min_weight=2.0)
    assert_weights_equal(edge_map(g), nx_edge_map(G))
    check_metrics(g, G)
    assert wn.number_connected_components(g) > 1  # thresholding leaves isolates


@pytest.mark.parametrize("cap", [None, 3])
@pytest.mark.parametrize("seed", range(3))
def test_metrics_on_random_projections(seed, cap):
    df = random_register(40 + seed, residents=80, activities=25, rows=140, skew=False)
    g = wn.Network.from_attendance(df).project(max_activity_size=cap)
    G = nx_projection(df, "count", max_activity_size=cap)
    check_metrics(g, G)
    assert len(wn.isolates(g)) > 0 if cap == 3 else True


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_metrics_on_random_graphs(seed, directed):
    G = random_nx(seed, n=80, m=90 + 20 * seed, directed=directed)
    g = from_nx(G)
    assert g.nodes.name == "node"
    check_metrics(g, G)


@HYP
@given(
    edges=st.lists(st.tuples(st.integers(0, 25), st.integers(0, 25), st.floats(0.01, 100)), min_size=1, max_size=60),
    directed=st.booleans(),
)
def test_metrics_hypothesis(edges, directed):
    edges = [(a, b, w) for a, b, w in edges if a != b]
    if not edges:
        return
    df = pd.DataFrame(edges, columns=["source", "target", "weight"])
    G = nx.DiGraph() if directed else nx.Graph()
    for a, b, w in edges:  # repeated edges add up, as in wijknet
        if G.has_edge(a, b):
            G[a][b]["weight"] += w
        else:
            G.add_edge(a, b, weight=w)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        g = wn.Graph.from_edges(df, weight="weight", directed=directed)
    assert g.nodes.tolist() == pd.unique(df[["source", "target"]].to_numpy().ravel()).tolist()
    check_metrics(g, G)
    got = {(s, t): w for s, t, w in zip(*(g.edges()[c].tolist() for c in ("source", "target", "weight")))}
    for (s, t), w in got.items():
        assert G[s][t]["weight"] == pytest.approx(w, rel=REL)


def test_components_label_zero_is_the_largest():
    df = pd.DataFrame({"source": ["a", "c", "d", "e", "x"], "target": ["b", "d", "e", "f", "y"]})
    g = wn.Graph.from_edges(df)
    comp = wn.connected_components(g)
    assert comp.to_dict() == {"a": 1, "b": 1, "c": 0, "d": 0, "e": 0, "f": 0, "x": 2, "y": 2}
    assert wn.number_connected_components(g) == 3
    assert wn.isolates(g).tolist() == []


def test_metrics_on_empty_and_edgeless_graphs():
    net = wn.Network.from_attendance({"resident": ["a", "b", "c"], "activity": ["x", "y", "z"]})
    g = net.project()
    assert wn.degree(g).tolist() == [0, 0, 0]
    assert wn.strength(g).tolist() == [0.0, 0.0, 0.0]
    assert not np.signbit(wn.strength(g).to_numpy()).any()  # +0.0, not -0.0
    assert wn.connected_components(g).tolist() == [0, 1, 2]
    assert wn.number_connected_components(g) == 3
    assert wn.isolates(g).tolist() == ["a", "b", "c"]
    assert wn.density(g) == 0.0
    empty = net.filter(residents=[]).project()
    assert empty.number_of_nodes() == 0
    assert wn.degree(empty).tolist() == [] and wn.number_connected_components(empty) == 0
    assert wn.density(empty) == 0.0
    one = wn.Network.from_attendance({"resident": ["a"], "activity": ["x"]}).project()
    assert wn.density(one) == 0.0 == nx.density(one.to_networkx())


@pytest.mark.parametrize(
    "fn", [wn.degree, wn.strength, wn.connected_components, wn.number_connected_components, wn.isolates, wn.density]
)
def test_metrics_refuse_a_network_with_a_hint(fn):
    net = wn.datasets.davis_southern_women()
    with pytest.raises(wn.ArgumentError, match=r"project") as info:
        fn(net)
    assert isinstance(info.value, ValueError)
    assert fn.__name__ in str(info.value)
    with pytest.raises(wn.ArgumentError):
        fn(nx.Graph())


def test_graph_equality_compares_nodes_direction_and_weighted_ties() -> None:
    net = wn.datasets.davis_southern_women()
    g = net.project()
    assert g == net.project() and g == pickle.loads(pickle.dumps(g))
    assert g != net.project(weight="newman")  # same ties, other weights
    assert g != net.project(min_weight=2)  # fewer ties
    assert g != net.filter(residents=net.residents[:-1]).project()  # other nodes
    e = g.edges()
    assert wn.Graph.from_edges(e) != wn.Graph.from_edges(e, directed=True)
    assert (g == "graph") is False
    with pytest.raises(TypeError):
        hash(g)


def test_edges_of_whole_number_ids_are_looked_up_natively_as_pandas_would():
    """Whole-number node ids are looked up for each tie in native code, in parallel: the same
    table (values and int64 columns) as looking them up in pandas; the ids must be one per
    node."""
    rng = np.random.default_rng(5)
    ids = rng.permutation(10**12 + np.arange(3_000)).astype(np.int64)
    df = pd.DataFrame({"source": rng.choice(ids, 50_000), "target": rng.choice(ids, 50_000)})
    df = df[df["source"] != df["target"]]
    pairs = np.sort(df.to_numpy(), axis=1)
    df = pd.DataFrame(np.unique(pairs, axis=0), columns=["source", "target"])
    g = wn.Graph.from_edges(df)
    assert g.nodes.dtype == np.int64
    e = g._g.edges()
    nodes = g.nodes.to_numpy()
    want = pd.DataFrame({"source": nodes[e["source"]], "target": nodes[e["target"]], "weight": e["weight"]})
    pd.testing.assert_frame_equal(g.edges(), want)
    with pytest.raises(Exception, match="node ids"):
        g._g.edges(ids=nodes[:-1])
