"""Tie layers: survey ties beside the register, respondents, waves, derived layers
(co-participation, co-organising) and egocentric import — checked against pandas/networkx
recomputations."""

from __future__ import annotations

import pickle
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import wijknet as wn


@pytest.fixture
def net() -> wn.Network:
    return wn.datasets.davis_southern_women()


def survey(seed: int, residents: list, n: int = 60, outside: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    people = list(residents) + [f"outsider {k}" for k in range(outside)]
    src = rng.choice(residents, n)
    tgt = rng.choice(people, n)
    keep = src != tgt
    return pd.DataFrame({"ego": src[keep], "alter": tgt[keep], "w": rng.integers(1, 5, keep.sum()).astype(float)})


def test_layer_matches_a_networkx_digraph_built_from_the_table(net):
    res = list(net.residents)
    df = survey(1, res)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = net.with_ties(df, source="ego", target="alter", weight="w").layer("support")
    # oracle: one edge per (ego, alter), the largest weight; every resident a node
    ref = nx.DiGraph()
    ref.add_nodes_from(res)
    for (a, b), w in df.groupby(["ego", "alter"])["w"].max().items():
        ref.add_edge(a, b, weight=w)
    assert list(g.nodes[: len(res)]) == res  # residents first, in projection order
    assert set(g.nodes) == set(ref.nodes)
    assert g.is_directed() and g.number_of_edges() == ref.number_of_edges()
    e = g.edges()
    for a, b, w in zip(e["source"], e["target"], e["weight"]):
        assert ref[a][b]["weight"] == w
    attrs = g.node_attributes()
    assert attrs["in_register"].tolist() == [n in set(res) for n in g.nodes]
    assert wn.reciprocity(g) == pytest.approx(nx.reciprocity(ref), abs=1e-15)


def test_undirected_layer_counts_a_pair_once(net):
    df = pd.DataFrame({"a": ["Evelyn Jefferson", "Laura Mandeville", "Evelyn Jefferson"],
                       "b": ["Laura Mandeville", "Evelyn Jefferson", "Ruth DeSand"], "w": [1.0, 4.0, 2.0]})
    with pytest.warns(UserWarning, match="1 of 3 rows repeated"):
        g = net.with_ties(df, source="a", target="b", weight="w", directed=False, layer="met here").layer("met here")
    assert not g.is_directed() and g.number_of_edges() == 2
    assert g.weight("Evelyn Jefferson", "Laura Mandeville") == 4.0


def test_respondents_make_not_asked_differ_from_no_tie(net):
    res = list(net.residents)
    df = survey(2, res[:10], outside=3)
    asked = res[:12]  # two respondents named nobody
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = net.with_ties(df, source="ego", target="alter", respondents=asked).layer("support")
    r = g.respondents
    assert r is not None and r.sum() == 12 and r[asked].all()
    m = wn.ego.measures(g)
    unasked = ~r
    # one rule, in the core: structure and composition measures are NaN for those not asked;
    # counts stay the ties observed from the others
    for col in ("density", "effective_size", "efficiency", "redundancy", "constraint", "hierarchy"):
        assert m.loc[unasked, col].isna().all(), col
    assert m.loc[unasked, "size"].tolist() == wn.ego.size(g)[unasked].tolist()
    assert m["size"].dtype == "int64" and not m["size"].isna().any()
    assert wn.ego.constraint(g)[unasked].isna().all()
    # nobody-to-ask among respondents only
    named = set(df["ego"])
    expected = np.mean([a not in named for a in asked])
    assert wn.share_nobody_to_ask(g) == pytest.approx(expected)
    # reciprocity only over ties between two respondents: networkx on that subgraph
    ref = nx.DiGraph()
    ref.add_edges_from(zip(df["ego"], df["alter"]))
    sub = ref.subgraph([a for a in asked if a in ref])
    assert wn.reciprocity(g) == pytest.approx(nx.reciprocity(sub), abs=1e-15)
    # respondents survive pickling and a subgraph; the subgraph equals networkx's
    assert pickle.loads(pickle.dumps(g)).respondents.equals(r)
    h = g.subgraph(r)
    assert list(h.nodes) == asked and h.respondents.all()
    ref_h = nx.DiGraph(ref.subgraph(asked))
    assert h.number_of_edges() == ref_h.number_of_edges()
    assert set(zip(h.edges()["source"], h.edges()["target"])) == set(ref_h.edges())


def test_respondents_who_named_nobody_and_never_attended_are_nodes(net):
    df = pd.DataFrame({"s": ["Evelyn Jefferson"], "t": ["Ruth DeSand"]})
    g = net.with_ties(df, source="s", target="t", respondents=["Evelyn Jefferson", "new neighbour"]).layer("support")
    assert "new neighbour" in g.nodes and g.respondents["new neighbour"]
    assert wn.ego.nobody_to_ask(g)["new neighbour"]


def test_waves_are_kept_apart(net):
    df = pd.DataFrame({"s": ["Evelyn Jefferson", "Evelyn Jefferson", "Laura Mandeville"],
                       "t": ["Ruth DeSand", "Ruth DeSand", "Evelyn Jefferson"], "wave": [2024, 2025, 2025]})
    n2 = net.with_ties(df, source="s", target="t", wave="wave")  # same pair, other wave: not a repeat
    assert n2.layer("support", wave=2024).number_of_edges() == 1
    assert n2.layer("support", wave=2025).number_of_edges() == 2
    with pytest.raises(wn.ArgumentError, match="2 waves"):
        n2.layer("support")
    with pytest.raises(wn.ArgumentError, match="no wave 2023"):
        n2.layer("support", wave=2023)
    assert n2.layer_table().loc["support", "waves"] == [2024, 2025]


def test_co_participation_is_the_default_projection(net):
    assert net.layer("co-participation") == net.project()


def test_co_organising_matches_pandas():
    rng = np.random.default_rng(3)
    rows = pd.DataFrame({
        "resident": rng.choice([f"r{i}" for i in range(40)], 300),
        "activity": rng.choice([f"a{i}" for i in range(12)], 300),
        "role": rng.choice(["participant", "participant", "volunteer", "organiser"], 300),
    })
    net = wn.Network.from_attendance(rows, resident="resident", activity="activity", role="role")
    g = net.layer("co-organising")
    assert list(g.nodes) == list(net.residents)  # every resident, isolated or not
    helpers = rows[rows["role"] != "participant"].drop_duplicates(["resident", "activity"])
    pairs = helpers.merge(helpers, on="activity")
    pairs = pairs[pairs["resident_x"] < pairs["resident_y"]]
    expected = pairs.groupby(["resident_x", "resident_y"]).size()
    e = g.edges()
    got = {tuple(sorted((a, b))): w for a, b, w in zip(e["source"], e["target"], e["weight"])}
    assert got == {k: float(v) for k, v in expected.items()}


def test_filtered_view_leaves_out_ties_of_filtered_residents(net):
    df = pd.DataFrame({"s": ["Evelyn Jefferson", "Laura Mandeville"], "t": ["Ruth DeSand", "Flora Price"]})
    n2 = net.with_ties(df, source="s", target="t")
    view = n2.filter(residents=[r for r in net.residents if r != "Flora Price"])
    g = view.layer("support")
    assert "Flora Price" not in g.nodes and g.number_of_edges() == 1


def test_pickle_and_pseudonymise_cover_outside_people(net):
    df = pd.DataFrame({"s": ["Evelyn Jefferson"], "t": ["neighbour Piet"]})
    n2 = net.with_ties(df, source="s", target="t")
    assert pickle.loads(pickle.dumps(n2)) == n2
    p = wn.pseudonymise(n2, key="secret")
    g = p.layer("support")
    assert not any("Piet" in str(x) or "Evelyn" in str(x) for x in g.nodes)
    # a survey pseudonymised with the same key joins the pseudonymised register
    p2 = p.with_ties(df, source="s", target="t", layer="again", pseudonymise="secret")
    assert p2.layer("again") == g


@pytest.mark.parametrize(
    "data, kwargs, error, match",
    [
        ({"s": ["Evelyn Jefferson"], "t": ["Evelyn Jefferson"]}, {}, wn.InputError, "themself at row 0"),
        ({"s": ["Evelyn Jefferson"], "t": ["Ruth DeSand"], "w": [-1.0]}, {"weight": "w"}, wn.InputError, "'w'.*row 0"),
        ({"s": [1], "t": [2]}, {}, wn.InputError, "text"),
        ({"s": ["Evelyn Jefferson"], "x": ["Ruth DeSand"]}, {}, wn.ColumnNotFoundError, "'t'"),
        ({"s": ["Evelyn Jefferson"], "t": ["Ruth DeSand"]}, {"layer": "co-organising"}, wn.ArgumentError, "derived"),
        ({"s": ["Evelyn Jefferson", None], "t": ["Ruth DeSand", "x"]}, {}, wn.InputError, "row 1"),
    ],
)
def test_bad_tie_tables_name_the_row_and_the_fix(net, data, kwargs, error, match):
    with pytest.raises(error, match=match):
        net.with_ties(data, source="s", target="t", **kwargs)


def test_a_taken_layer_name_and_an_unknown_layer_are_errors(net):
    n2 = net.with_ties({"s": ["Evelyn Jefferson"], "t": ["Ruth DeSand"]}, source="s", target="t")
    with pytest.raises(wn.ArgumentError, match="exists already"):
        n2.with_ties({"s": ["Evelyn Jefferson"], "t": ["Ruth DeSand"]}, source="s", target="t")
    with pytest.raises(wn.ArgumentError, match='"support", "co-participation"'):
        n2.layer("helping")


def test_from_egocentric_matches_networkx_ego_measures():
    rng = np.random.default_rng(5)
    egos = pd.DataFrame({"ego": [f"e{i}" for i in range(20)], "sex": rng.choice(["f", "m"], 20)})
    rows, ties = [], []
    for e in egos["ego"]:
        k = int(rng.integers(0, 6))
        for a in range(k):
            rows.append({"ego": e, "alter": a, "sex": rng.choice(["f", "m"])})
        for a in range(k):
            for b in range(a + 1, k):
                if rng.random() < 0.4:
                    ties.append({"ego": e, "source": a, "target": b})
    alters = pd.DataFrame(rows)
    g = wn.ego.from_egocentric(egos, alters, alter_ties=pd.DataFrame(ties, columns=["ego", "source", "target"]))
    assert list(g.nodes[:20]) == list(egos["ego"]) and g.respondents.sum() == 20
    ref = nx.Graph()
    ref.add_nodes_from(egos["ego"])
    ref.add_edges_from((r.ego, f"{r.ego}/{r.alter}") for r in alters.itertuples())
    ref.add_edges_from((t["ego"] + f"/{t['source']}", t["ego"] + f"/{t['target']}") for t in ties)
    m = wn.ego.measures(g, attribute="sex")
    with_alters = [e for e in egos["ego"] if ref.degree(e) > 0]
    c = nx.constraint(ref, nodes=with_alters)
    es = nx.effective_size(ref, nodes=with_alters)
    for e in with_alters:
        assert m.loc[e, "constraint"] == pytest.approx(c[e], rel=1e-12)
        assert m.loc[e, "effective_size"] == pytest.approx(es[e], rel=1e-12)
    # alters' own ego networks were not reported: missing, not zero
    assert m.loc[~g.respondents, "constraint"].isna().all()
    # Blau over the alters' sex, by hand
    for e in with_alters:
        p = alters[alters["ego"] == e]["sex"].value_counts(normalize=True)
        assert m.loc[e, "blau"] == pytest.approx(1 - (p**2).sum())


def test_from_egocentric_joins_alters_who_are_residents():
    egos = {"ego": ["ann", "bob"]}
    alters = {"ego": ["ann", "bob", "bob"], "alter": [1, 1, 2], "resident": ["cas", "cas", None]}
    g = wn.ego.from_egocentric(egos, alters, person="resident")
    assert set(g.nodes) == {"ann", "bob", "cas", "bob/2"}
    assert wn.ego.size(g)["cas"] == 2  # ties observed from the two egos who named cas
    assert np.isnan(wn.ego.density(g)["cas"])  # cas was not asked: the structure is unknown
    with pytest.raises(wn.InputError, match="not in the egos table"):
        wn.ego.from_egocentric(egos, {"ego": ["zed"], "alter": [1]})
    with pytest.raises(wn.InputError, match="named no alter 9"):
        wn.ego.from_egocentric(egos, alters, alter_ties={"ego": ["ann"], "source": [1], "target": [9]}, person="resident")


def test_graph_with_respondents_and_attributes():
    g = wn.Graph.from_edges({"source": ["a", "b"], "target": ["b", "c"]}, directed=True)
    h = g.with_respondents(["a"]).with_node_attributes({"node": ["a"], "age": [3]})
    assert h.respondents.tolist() == [True, False, False]
    assert h == g  # same ties
    with pytest.raises(wn.NodeNotFoundError, match="'z'"):
        g.with_respondents(["z"])


def test_from_egocentric_reads_ties_as_from_edges_does():
    egos = {"ego": ["ann", "bob", "cid"]}  # cid named nobody: still a node
    alters = {"ego": ["ann", "ann", "bob"], "alter": [1, 2, 1]}
    ties = {"ego": ["ann", "ann"], "source": [1, 2], "target": [2, 1]}  # one tie, given both ways
    with pytest.warns(UserWarning, match="1 repeated ties .* merged") as rec:
        g = wn.ego.from_egocentric(egos, alters, alter_ties=ties)
    assert rec[0].filename == __file__  # the warning points at the caller, not inside wijknet
    assert g.nodes.tolist() == ["ann", "bob", "cid", "ann/1", "ann/2", "bob/1"]
    assert g.weight("ann/1", "ann/2") == 2.0  # weights added, as Graph.from_edges does
    with pytest.warns(UserWarning, match="merged"):
        same = wn.Graph.from_edges({"source": ["ann/1", "ann/2"], "target": ["ann/2", "ann/1"]})
    assert same.weight("ann/1", "ann/2") == 2.0
