"""Other tools, both ways: igraph, networkx's two-mode graph, GraphML and GEXF files.

Oracles: igraph's own measures on ``g.to_igraph()``, networkx's bipartite functions on
``net.to_networkx()``, and round trips that must give back an equal graph.
"""

from __future__ import annotations

import warnings

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wijknet as wn


@pytest.fixture(scope="module")
def davis():
    return wn.datasets.davis_southern_women()


@pytest.fixture(scope="module")
def badhuis():
    return wn.datasets.badhuis(300)


def attributed(g: wn.Graph) -> wn.Graph:
    """``g`` with a categorical, a numeric and a boolean node attribute, each with gaps."""
    n = g.number_of_nodes()
    return g.with_node_attributes(
        {
            "node": list(g.nodes),
            "age_group": pd.Series(["18-34", None, "75+"] * n, dtype=object)[:n].tolist(),
            "age": [float(i) if i % 4 else np.nan for i in range(n)],
            "volunteer": pd.array([True, None, False] * n, dtype="boolean")[:n],
        }
    )


def same_attributes(a: wn.Graph, b: wn.Graph) -> None:
    x, y = a.node_attributes(), b.node_attributes()
    assert sorted(x.columns) == sorted(y.columns)
    for c in x.columns:
        assert x[c].astype(object).where(x[c].notna(), None).tolist() == (
            y[c].astype(object).where(y[c].notna(), None).tolist()
        ), c


def directed_graph() -> wn.Graph:
    return wn.Graph.from_edges(
        {"source": [3, 1, 2, 7], "target": [1, 2, 3, 1], "w": [0.5, 2.0, 1.0, 4.0]}, weight="w", directed=True
    )


# ---- igraph ---------------------------------------------------------------------------------------
def test_igraph_round_trip_keeps_ids_attributes_weights(davis):
    g = attributed(davis.project(weight="newman"))
    h = g.to_igraph()
    assert h.vs["name"] == list(g.nodes)
    assert not h.is_directed()
    back = wn.Graph.from_igraph(h, weight="weight")
    assert back == g
    same_attributes(back, g)


def test_igraph_round_trip_keeps_direction_and_integer_ids():
    g = directed_graph()
    h = g.to_igraph()
    assert h.is_directed() and h.vs["name"] == [3, 1, 2, 7]
    v = {name: i for i, name in enumerate(h.vs["name"])}
    assert h.es[h.get_eid(v[3], v[1])]["weight"] == 0.5  # direction: 3 → 1 only
    assert h.get_eid(v[1], v[3], error=False) == -1
    back = wn.Graph.from_igraph(h, weight="weight")
    assert back == g and back.nodes.dtype == np.int64


def test_from_igraph_without_names_or_weight():
    h = ig.Graph([(0, 1), (1, 2)], n=4)
    g = wn.Graph.from_igraph(h)
    assert list(g.nodes) == [0, 1, 2, 3]  # the isolated vertex 3 stays
    assert g.edges()["weight"].tolist() == [1.0, 1.0]


@pytest.mark.parametrize("weighted", [False, True])
def test_igraph_measures_equal_wijknets(badhuis, weighted):
    g = badhuis.project(weight="newman" if weighted else "count", unit="activity")
    h = g.to_igraph()
    np.testing.assert_array_equal(wn.degree(g).to_numpy(), h.degree())
    np.testing.assert_allclose(wn.strength(g).to_numpy(), h.strength(weights="weight"))
    assert wn.number_connected_components(g) == len(h.connected_components())
    ours = wn.connected_components(g)
    theirs = h.connected_components().membership
    # the same partition (labels may be numbered differently)
    assert len(set(zip(ours.to_numpy().tolist(), theirs, strict=True))) == len(set(theirs))
    local = wn.clustering(g)
    np.testing.assert_allclose(local.to_numpy(), h.transitivity_local_undirected(mode="zero"), atol=1e-12)
    assert wn.transitivity(g) == pytest.approx(h.transitivity_undirected())
    assert wn.density(g) == pytest.approx(h.density())


def test_directed_degrees_equal_igraphs():
    g = directed_graph()
    h = g.to_igraph()
    A = g.to_scipy()
    np.testing.assert_array_equal(np.asarray((A != 0).sum(axis=1)).ravel(), h.outdegree())
    np.testing.assert_array_equal(np.asarray((A != 0).sum(axis=0)).ravel(), h.indegree())


def test_from_igraph_merges_repeated_edges_with_a_warning():
    h = ig.Graph([(0, 1), (1, 0), (1, 2)])
    h.es["weight"] = [1.0, 2.0, 0.5]
    with pytest.warns(UserWarning, match="1 repeated edges"):
        g = wn.Graph.from_igraph(h, weight="weight")
    assert g.weight(0, 1) == 3.0


@pytest.mark.parametrize(
    "make,error,match",
    [
        (lambda: ig.Graph([(0, 0), (0, 1)]), wn.InputError, "self-loop"),
        (lambda: _named(["a", "a"]), wn.InputError, "repeats the node id 'a'"),
        (lambda: _named(["a", 2]), wn.InputError, "all strings or all whole numbers"),
        (lambda: _named([1.5, 2.5]), wn.InputError, "all strings or all whole numbers"),
        (lambda: nx.path_graph(3), wn.ArgumentError, "must be an igraph.Graph"),
    ],
)
def test_from_igraph_bad_input_is_explained(make, error, match):
    with pytest.raises(error, match=match):
        wn.Graph.from_igraph(make())


def test_from_igraph_attributes_other_than_text_numbers_booleans_are_explained():
    h = ig.Graph([(0, 1)])
    h.vs["tags"] = [[1], [2]]
    with pytest.raises(wn.InputError, match="node attribute 'tags' holds a list"):
        wn.Graph.from_igraph(h)


def _named(names):
    h = ig.Graph([(0, 1)])
    h.vs["name"] = names
    return h


def test_from_igraph_bad_weights_are_explained():
    h = ig.Graph([(0, 1), (1, 2)])
    with pytest.raises(wn.ArgumentError, match="no edge attribute 'w'"):
        wn.Graph.from_igraph(h, weight="w")
    h.es["w"] = [1.0, -2.0]
    with pytest.raises(wn.InputError, match="edge 1 has weight -2.0"):
        wn.Graph.from_igraph(h, weight="w")


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30),
            st.booleans(),
        )
    )
)
def test_igraph_round_trip_property(case):
    n, pairs, directed = case
    pairs = [(a, b) for a, b in pairs if a != b]
    h = ig.Graph(n=n, edges=pairs, directed=directed)
    h.vs["name"] = [f"v{i}" for i in range(n)]
    h.es["weight"] = [float(i + 1) for i in range(len(pairs))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = wn.Graph.from_igraph(h, weight="weight")
    assert wn.Graph.from_igraph(g.to_igraph(), weight="weight") == g
    # weights of repeated edges add up, as igraph's simplify(combine_edges="sum") does
    s = h.copy()
    s.simplify(combine_edges={"weight": "sum"})
    assert g.number_of_edges() == s.ecount()
    ours = g.to_igraph()
    for e in s.es:
        a, b = s.vs[e.source]["name"], s.vs[e.target]["name"]
        assert ours.es[ours.get_eid(a, b)]["weight"] == pytest.approx(e["weight"])


# ---- the two-mode graph -------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["davis", "badhuis"])
def test_two_mode_graph_is_what_networkx_expects(which, request):
    net = request.getfixturevalue(which)
    B = net.to_networkx()
    residents, activities = list(net.residents), list(net.activities)
    assert list(B.nodes) == residents + activities
    assert nx.bipartite.is_bipartite_node_set(B, residents)
    assert {B.nodes[r]["bipartite"] for r in residents} == {0}
    assert {B.nodes[a]["bipartite"] for a in activities} == {1}
    # networkx's projections equal wijknet's
    g = net.project(unit="activity")
    P = nx.bipartite.weighted_projected_graph(B, residents)
    assert P.number_of_edges() == g.number_of_edges()
    for u, v, w in g.edges().itertuples(index=False):
        assert P[u][v]["weight"] == w
    plain = nx.bipartite.projected_graph(B, residents)
    assert list(plain.nodes) == residents == list(g.nodes)
    assert {frozenset(e) for e in plain.edges} == {frozenset(e) for e in P.edges}


def test_two_mode_edges_count_attendances_and_dates(badhuis):
    B = badhuis.to_networkx()
    frame = badhuis.to_frame()
    attended = frame.groupby(["resident", "activity"], observed=True)["count"].sum()
    assert B.number_of_edges() == len(attended)
    assert sum(d["attendances"] for _, _, d in B.edges(data=True)) == frame["count"].sum()
    dates = frame.groupby(["resident", "activity"], observed=True)["date"].agg(["min", "max"])
    for (r, a), n in attended.sample(50, random_state=1).items():
        d = B[r][a]
        assert d["attendances"] == n == d["weight"]
        assert (d["first_date"], d["last_date"]) == tuple(dates.loc[(r, a)])
    roles = frame.assign(code=frame["role"].cat.codes).groupby("resident", observed=True)["code"].max()
    for r, code in roles.items():
        assert B.nodes[r]["role"] == ["participant", "volunteer", "organiser"][code]


def test_two_mode_graph_carries_attributes_and_matches_networkx_measures(badhuis):
    B = badhuis.to_networkx()
    r = badhuis.residents[0]
    row = badhuis.resident_attributes().loc[r]
    for name, value in row.items():
        if pd.notna(value):
            assert B.nodes[r][name] == value
    a = badhuis.activities[0]
    assert B.nodes[a]["sensitive"] in (True, False)
    ours = wn.twomode.degree_centrality(badhuis)
    theirs = nx.bipartite.degree_centrality(B, list(badhuis.residents))
    assert ours.loc["resident"].to_numpy() == pytest.approx([theirs[x] for x in badhuis.residents])
    assert wn.twomode.density(badhuis) == pytest.approx(nx.bipartite.density(B, list(badhuis.residents)))


def test_two_mode_graph_of_a_view_and_of_shared_ids():
    frame = pd.DataFrame({"resident": [1, 2, 2, 3], "activity": [1, 1, 2, 2]})
    net = wn.Network.from_attendance(frame)
    B = net.to_networkx()
    assert ("resident", 1) in B and ("activity", 1) in B  # ids shared by both modes stay apart
    assert nx.bipartite.is_bipartite_node_set(B, [("resident", r) for r in net.residents])
    davis = wn.datasets.davis_southern_women()
    view = davis.filter(activities=["E1", "E2", "E3"])
    V = view.to_networkx()
    assert list(V) == list(view.residents) + list(view.activities)
    frame = view.to_frame()
    assert {(r, a) for r, a in V.edges} == set(zip(frame["resident"], frame["activity"], strict=True))


# ---- files ------------------------------------------------------------------------------------------
FORMATS = [(wn.write_graphml, wn.read_graphml, "graphml"), (wn.write_gexf, wn.read_gexf, "gexf")]


@pytest.mark.parametrize("write,read,ext", FORMATS)
def test_file_round_trip_keeps_ids_attributes_weights(davis, tmp_path, write, read, ext):
    g = attributed(davis.project(weight="newman"))
    path = tmp_path / f"g.{ext}"
    write(g, path)
    back = read(path)
    assert back == g
    same_attributes(back, g)


@pytest.mark.parametrize("write,read,ext", FORMATS)
def test_file_round_trip_keeps_direction_and_integer_ids(tmp_path, write, read, ext):
    g = directed_graph()
    write(g, tmp_path / f"g.{ext}")
    back = read(tmp_path / f"g.{ext}")
    assert back == g and back.is_directed() and back.nodes.dtype == np.int64


def test_graphml_keeps_text_ids_that_look_like_numbers(tmp_path):
    g = wn.Graph.from_edges({"source": ["1", "2"], "target": ["2", "3"]})
    wn.write_graphml(g, tmp_path / "g.graphml")
    assert wn.read_graphml(tmp_path / "g.graphml") == g


@pytest.mark.parametrize("write,read,ext", FORMATS)
def test_communities_and_roles_are_node_attributes(badhuis, tmp_path, write, read, ext):
    parts = wn.louvain_communities(badhuis.project(), seed=3)
    write(badhuis, tmp_path / f"net.{ext}", communities=parts)
    back = read(tmp_path / f"net.{ext}")
    attrs = back.node_attributes()
    residents = [str(r) for r in badhuis.residents]
    assert attrs.loc[residents, "community"].tolist() == parts.loc[badhuis.residents].astype(float).tolist()
    assert attrs.loc[residents, "bipartite"].eq(0).all()
    assert attrs.loc[[str(a) for a in badhuis.activities], "bipartite"].eq(1).all()
    B = badhuis.to_networkx()
    assert attrs.loc[residents, "role"].tolist() == [B.nodes[r]["role"] for r in badhuis.residents]
    assert back.number_of_edges() == B.number_of_edges()
    w = back.edges().set_index(["source", "target"])["weight"]
    assert w.sum() == badhuis.to_frame()["count"].sum()


def test_communities_as_networkx_node_sets(davis, tmp_path):
    g = davis.project()
    sets = nx.community.louvain_communities(g.to_networkx(), seed=1)
    wn.write_graphml(g, tmp_path / "g.graphml", communities=sets)
    labels = wn.read_graphml(tmp_path / "g.graphml").node_attributes()["community"]
    for c, group in enumerate(sets):
        assert set(labels.loc[list(group)]) == {c}


def test_files_read_by_networkx_hold_what_gephi_needs(badhuis, tmp_path):
    wn.write_gexf(badhuis, tmp_path / "net.gexf")
    G = nx.read_gexf(tmp_path / "net.gexf")
    r, a = str(badhuis.residents[0]), str(badhuis.activities[0])
    assert G.nodes[r]["label"] == r and G.nodes[r]["bipartite"] == 0
    first = G[r][next(iter(G[r]))]
    assert {"weight", "attendances", "first_date", "last_date"} <= set(first)
    assert len(first["first_date"]) == 10  # ISO dates
    assert G.nodes[a]["bipartite"] == 1


def test_files_from_elsewhere(tmp_path):
    G = nx.MultiGraph()
    G.add_edge("x", "y", weight=1.5)
    G.add_edge("x", "y", weight=1.0)
    G.add_node("z", colour="red")
    nx.write_graphml(G, tmp_path / "m.graphml")
    with pytest.warns(UserWarning, match="1 repeated edges"):
        g = wn.read_graphml(tmp_path / "m.graphml")
    assert g.weight("x", "y") == 2.5 and list(g.nodes) == ["x", "y", "z"]
    H = nx.Graph([("10", "20")])
    nx.write_gexf(H, tmp_path / "n.gexf")
    assert list(wn.read_gexf(tmp_path / "n.gexf").nodes) == [10, 20]  # plain whole numbers
    H = nx.Graph([("010", "20")])
    nx.write_gexf(H, tmp_path / "t.gexf")
    assert list(wn.read_gexf(tmp_path / "t.gexf").nodes) == ["010", "20"]  # a leading zero: text
    assert wn.read_gexf(tmp_path / "t.gexf", weight=None).edges()["weight"].tolist() == [1.0]


def test_bad_attributes_are_explained(tmp_path, davis):
    g = davis.project()
    bad_name = g.with_node_attributes({"node": list(g.nodes), "bad\x01name": [1.0] * len(g)})
    with pytest.raises(wn.InputError, match="attribute name 'bad\\\\x01name' cannot be written to GraphML"):
        wn.write_graphml(bad_name, tmp_path / "x.graphml")
    gexf_field = g.with_node_attributes({"node": list(g.nodes), "start": [1.0] * len(g)})
    with pytest.raises(wn.InputError, match="'start' has a meaning of its own in GEXF.*rename it"):
        wn.write_gexf(gexf_field, tmp_path / "x.gexf")
    wn.write_graphml(gexf_field, tmp_path / "x.graphml")  # GraphML has no such field
    bad_text = g.with_node_attributes({"node": list(g.nodes), "note": ["a\x02b"] * len(g)})
    with pytest.raises(wn.InputError, match="control character"):
        wn.write_gexf(bad_text, tmp_path / "x.gexf")


def test_bad_arguments_are_explained(tmp_path, davis):
    g = davis.project()
    with pytest.raises(wn.ArgumentError, match="wijknet Graph or Network"):
        wn.write_graphml(nx.Graph(), tmp_path / "x.graphml")
    with pytest.raises(wn.NodeNotFoundError, match="not nodes of this graph.*'nobody'"):
        wn.write_graphml(g, tmp_path / "x.graphml", communities={"nobody": 1})
    with pytest.raises(wn.ArgumentError, match="Series \\(or dict\\) of group labels"):
        wn.write_gexf(g, tmp_path / "x.gexf", communities=[1, 2])
    with pytest.raises(wn.InputError, match="a node is in two groups"):
        wn.write_gexf(g, tmp_path / "x.gexf", communities=[{"Evelyn Jefferson"}, {"Evelyn Jefferson"}])
    with pytest.raises(wn.DataFileNotFoundError, match="does not exist"):
        wn.write_graphml(g, tmp_path / "no" / "x.graphml")
    with pytest.raises(wn.DataFileNotFoundError, match="no file"):
        wn.read_gexf(tmp_path / "missing.gexf")
    (tmp_path / "broken.graphml").write_text("<graphml><graph>", encoding="utf-8")
    with pytest.raises(wn.InputError, match="could not be read as GRAPHML"):
        wn.read_graphml(tmp_path / "broken.graphml")
