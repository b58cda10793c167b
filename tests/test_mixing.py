"""Mixing, diversity and group breakdowns (wn.mixing, wn.by_group).

Oracles:

* networkx ``attribute_mixing_matrix`` (with an explicit mapping, so rows line up),
  ``attribute_assortativity_coefficient`` and ``numeric_assortativity_coefficient``, on Davis
  (a made-up attribute: Davis carries none), the Senate co-sponsorship projection (party), and
  random projections and random directed graphs with random attributes;
* weighted variants (networkx has no weights here) and the E-I index, Coleman's index, Blau and
  IQV: brute force over the edge list / the register with pandas, and small cases by hand;
* ``wn.ego.composition`` on the count projection for co-participant diversity (distinct);
* pandas ``groupby`` for ``by_group``.
"""

from __future__ import annotations

import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import random_register

import wijknet as wn

REL = 1e-12


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def to_nx(g: wn.Graph, attrs: dict) -> nx.Graph:
    """networkx graph of g (all nodes) with node attributes {name: Series by node id}."""
    G = nx.DiGraph() if g.is_directed() else nx.Graph()
    G.add_nodes_from(g.nodes.tolist())
    e = g.edges()
    G.add_weighted_edges_from(zip(e["source"].tolist(), e["target"].tolist(), e["weight"].tolist()))
    for name, s in attrs.items():
        nx.set_node_attributes(G, {k: v for k, v in s.items()}, name)
    return G


def brute_mixing(g: wn.Graph, s: pd.Series, weighted: bool = False) -> pd.DataFrame:
    """Tie ends between groups from the edge table (undirected ties in both directions)."""
    e = g.edges()
    if not g.is_directed():
        e = pd.concat([e, e.rename(columns={"source": "target", "target": "source"})])
    e = e.assign(a=e["source"].map(s), b=e["target"].map(s), x=e["weight"] if weighted else 1.0)
    cats = sorted(s.dropna().unique())
    return e.pivot_table(index="a", columns="b", values="x", aggfunc="sum").reindex(index=cats, columns=cats).fillna(0.0)


def random_graph(seed: int, n: int = 30, p: float = 0.15, directed: bool = False) -> wn.Graph:
    rng = np.random.default_rng(seed)
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j) and rng.random() < p]
    df = pd.DataFrame(pairs, columns=["source", "target"])
    df["weight"] = rng.integers(1, 5, len(df)).astype(float)
    return wn.Graph.from_edges(df, weight="weight", directed=directed)


def random_groups(nodes: pd.Index, seed: int, k: int = 3) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(rng.choice(np.array(list("abcdef"[:k]), dtype=object), len(nodes)), index=nodes, name="grp")


def random_numbers(nodes: pd.Index, seed: int) -> pd.Series:
    rng = np.random.default_rng(seed + 1000)
    return pd.Series(rng.integers(18, 90, len(nodes)).astype(float), index=nodes, name="age")


def check_against_networkx(g: wn.Graph, cat: pd.Series, num: pd.Series) -> None:
    G = to_nx(g, {"cat": cat, "num": num})
    cats = sorted(cat.unique())
    expected = nx.attribute_mixing_matrix(G, "cat", mapping={c: i for i, c in enumerate(cats)})
    got = wn.mixing.mixing_matrix(g, cat)
    assert list(got.index) == cats and list(got.columns) == cats
    np.testing.assert_allclose(got.to_numpy(), expected, rtol=REL, atol=0)
    assert got.to_numpy().sum() == pytest.approx(1.0, rel=1e-12)
    raw = nx.attribute_mixing_matrix(G, "cat", mapping={c: i for i, c in enumerate(cats)}, normalized=False)
    np.testing.assert_array_equal(wn.mixing.mixing_matrix(g, cat, normalized=False).to_numpy(), raw)
    assert wn.mixing.attribute_assortativity_coefficient(g, cat) == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "cat"), rel=1e-10, abs=1e-14
    )
    assert wn.mixing.numeric_assortativity_coefficient(g, num) == pytest.approx(
        nx.numeric_assortativity_coefficient(G, "num"), rel=1e-10, abs=1e-14
    )


# ---------------------------------------------------------------------------------------------
# networkx oracles: real data and random graphs
# ---------------------------------------------------------------------------------------------


def test_davis_against_networkx(davis_frame: pd.DataFrame) -> None:
    net = wn.Network.from_attendance(davis_frame)
    g = net.project()
    # Davis carries no attribute: the two halves of the register, and the position as a number
    half = pd.Series(np.where(np.arange(len(g.nodes)) < 9, "first", "second"), index=g.nodes, name="half")
    pos = pd.Series(np.arange(len(g.nodes), dtype=float) % 5, index=g.nodes, name="pos")
    check_against_networkx(g, half, pos)
    check_against_networkx(net.project(weight="newman"), half, pos)


def test_senate_party_against_networkx(senate_frame: pd.DataFrame, shared_data) -> None:
    party = pd.read_csv(shared_data / "senate_cosponsorship_115" / "senators.csv")
    net = wn.Network.from_attendance(senate_frame).with_resident_attributes(
        party.rename(columns={"senator": "resident"})
    )
    g = net.project(weight="count")
    cat = g.node_attributes()["party"]
    num = (cat == "R").astype(float)  # a 0/1 numeric attribute
    check_against_networkx(g, cat, num)
    # by attribute name, as a user would
    G = to_nx(g, {"party": cat})
    assert wn.mixing.attribute_assortativity_coefficient(g, "party") == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "party"), rel=1e-10
    )
    # co-sponsoring across party lines: E-I above −1, and homophily positive for both parties
    ei = wn.mixing.ei_index(g, "party").loc["network"]
    assert -1 < ei["ei_index"] < 1
    # weighted: the matrix equals brute force over the edge table
    got = wn.mixing.mixing_matrix(g, "party", normalized=False, weight="weight")
    np.testing.assert_allclose(got.to_numpy(), brute_mixing(g, cat, weighted=True).to_numpy(), rtol=REL)


@pytest.mark.parametrize("seed", range(8))
def test_random_projections_against_networkx(seed: int) -> None:
    df = random_register(seed, residents=40, activities=10, rows=120)
    g = wn.Network.from_attendance(df).project()
    check_against_networkx(g, random_groups(g.nodes, seed, k=2 + seed % 3), random_numbers(g.nodes, seed))


@pytest.mark.parametrize("seed", range(6))
def test_random_directed_against_networkx(seed: int) -> None:
    g = random_graph(seed, directed=True)
    assert g.is_directed()
    check_against_networkx(g, random_groups(g.nodes, seed), random_numbers(g.nodes, seed))


@pytest.mark.parametrize("directed", [False, True])
def test_weighted_against_brute_force(directed: bool) -> None:
    g = random_graph(3, directed=directed)
    grp = random_groups(g.nodes, 3)
    got = wn.mixing.mixing_matrix(g, grp, normalized=False, weight="weight")
    expected = brute_mixing(g, grp, weighted=True)
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), rtol=REL)
    # weighted numeric assortativity: the weighted Pearson correlation of the tie ends
    age = random_numbers(g.nodes, 3)
    e = g.edges()
    if not directed:
        e = pd.concat([e, e.rename(columns={"source": "target", "target": "source"})])
    x, y, w = e["source"].map(age).to_numpy(), e["target"].map(age).to_numpy(), e["weight"].to_numpy()
    mx, my = np.average(x, weights=w), np.average(y, weights=w)
    r = np.sum(w * (x - mx) * (y - my)) / np.sqrt(np.sum(w * (x - mx) ** 2) * np.sum(w * (y - my) ** 2))
    assert wn.mixing.numeric_assortativity_coefficient(g, age, weight="weight") == pytest.approx(r, rel=1e-10)
    # weighted nominal assortativity from the brute-force matrix
    m = expected.to_numpy() / expected.to_numpy().sum()
    s = (m.sum(axis=1) * m.sum(axis=0)).sum()
    assert wn.mixing.attribute_assortativity_coefficient(g, grp, weight="weight") == pytest.approx(
        (np.trace(m) - s) / (1 - s), rel=1e-10
    )


# ---------------------------------------------------------------------------------------------
# E-I index, Coleman, cross-group share: by hand and brute force
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def small() -> tuple[wn.Graph, pd.Series]:
    # groups x = {a, b, c}, y = {d, e}; ties a-b, b-c (within x), c-d (across), d-e (within y),
    # and f alone (an isolate in group y)
    g = wn.Graph.from_edges(
        pd.DataFrame({"source": ["a", "b", "c", "d", "f"], "target": ["b", "c", "d", "e", "f2"]})
    )
    grp = pd.Series({"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "y", "f2": "x"}, name="grp")
    return g, grp


def test_ei_index_by_hand(small) -> None:
    g, grp = small
    # ties: a-b, b-c (x-x), c-d (x-y), d-e (y-y), f-f2 (y-x): E = 2, I = 3
    net = wn.mixing.ei_index(g, grp).loc["network"]
    assert (net["external"], net["internal"], net["missing"]) == (2.0, 3.0, 0.0)
    assert net["ei_index"] == pytest.approx(-1 / 5, rel=REL)
    # sizes x: a b c f2 = 4, y: d e f = 3, N = 7: internal pairs 4·3 + 3·2 = 18 of 42 ordered
    assert net["expected"] == pytest.approx(1 - 2 * 18 / 42, rel=REL)
    grp_level = wn.mixing.ei_index(g, grp, level="group")
    # x: members' tie ends a:b; b:a,c; c:b,d; f2:f → internal 4, external 2
    assert grp_level.loc["x", ["size", "external", "internal"]].tolist() == [4, 2, 4]
    assert grp_level.loc["x", "ei_index"] == pytest.approx(-2 / 6, rel=REL)
    assert grp_level.loc["x", "expected"] == pytest.approx((3 - 3) / 6)
    # y: d:c,e; e:d; f:f2 → internal 2, external 2
    assert grp_level.loc["y", ["size", "external", "internal"]].tolist() == [3, 2, 2]
    assert grp_level.loc["y", "ei_index"] == 0.0
    assert grp_level.loc["y", "expected"] == pytest.approx((4 - 2) / 6)
    node = wn.mixing.ei_index(g, grp, level="node")
    assert node["ei_index"].round(12).to_dict() == {"a": -1.0, "b": -1.0, "c": 0.0, "d": 0.0, "e": -1.0, "f": 1.0, "f2": 1.0}
    assert node.loc["a", "expected"] == grp_level.loc["x", "expected"]
    # group figures are the sums of the members' (undirected)
    sums = node.groupby("group", observed=True)[["external", "internal"]].sum()
    np.testing.assert_array_equal(sums.to_numpy(), grp_level[["external", "internal"]].to_numpy())


def test_ei_expected_is_the_permutation_mean() -> None:
    """The network expectation equals the exact mean over all relabellings (small graph)."""
    from itertools import permutations

    g = random_graph(5, n=7, p=0.5)
    labels = ["x", "x", "x", "y", "y", "z", "z"]
    values = set()
    eis = []
    for perm in set(permutations(labels)):
        s = pd.Series(perm, index=g.nodes)
        r = wn.mixing.ei_index(g, s).loc["network"]
        eis.append(r["ei_index"])
        values.add(r["expected"])
    assert len(values) == 1
    assert np.mean(eis) == pytest.approx(values.pop(), rel=1e-12)


def test_node_level_is_ego_ei_index() -> None:
    for seed in range(4):
        g = random_graph(seed, directed=seed % 2 == 1)
        grp = random_groups(g.nodes, seed)
        node = wn.mixing.ei_index(g, grp, level="node")
        pd.testing.assert_series_equal(node["ei_index"], wn.ego.ei_index(g, attribute=grp), check_names=False)


def test_coleman_by_hand(small) -> None:
    g, grp = small
    c = wn.mixing.coleman_homophily(g, grp)
    # x: H = 4/6, e = 3/6 → (H − e)/(1 − e) = 1/3; y: H = 2/4, e = 2/6 → (1/2 − 1/3)/(2/3) = 1/4
    assert c["x"] == pytest.approx(1 / 3, rel=REL)
    assert c["y"] == pytest.approx(1 / 4, rel=REL)
    assert c.name == "coleman_homophily"
    # a group that avoids itself: H < e → (H − e)/e
    g2 = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "a", "b"], "target": ["c", "d", "c"]}))
    c2 = wn.mixing.coleman_homophily(g2, pd.Series({"a": "x", "b": "x", "c": "y", "d": "y"}))
    assert c2.tolist() == [-1.0, -1.0]


def test_cross_group_share(small) -> None:
    g, grp = small
    s = wn.mixing.cross_group_share(g, grp)
    assert s.name == "cross_group_share"
    assert s.to_dict() == {"a": 0.0, "b": 0.0, "c": 0.5, "d": 0.5, "e": 0.0, "f": 1.0, "f2": 1.0}
    # isolates → NaN
    g3 = wn.Network.from_attendance(pd.DataFrame({"resident": ["a", "b", "c"], "activity": [1, 1, 2]})).project()
    s3 = wn.mixing.cross_group_share(g3, pd.Series({"a": "x", "b": "y", "c": "x"}))
    assert s3["a"] == 1.0 and np.isnan(s3["c"])


@pytest.mark.parametrize("seed", range(5))
def test_properties(seed: int) -> None:
    g = wn.Network.from_attendance(random_register(seed, residents=60, rows=200)).project()
    grp = random_groups(g.nodes, seed, k=4)
    m = wn.mixing.mixing_matrix(g, grp)
    assert m.to_numpy().sum() == pytest.approx(1.0, rel=1e-12)
    np.testing.assert_allclose(m.to_numpy(), m.to_numpy().T, rtol=0, atol=0)  # undirected
    for level in ("network", "group", "node"):
        r = wn.mixing.ei_index(g, grp, level=level)
        assert isinstance(r, pd.DataFrame)  # the return type never switches on level
        v = np.atleast_1d(r["ei_index"]).astype(float)
        v = v[~np.isnan(v)]
        assert ((v >= -1) & (v <= 1)).all()
        e = np.atleast_1d(r["expected"]).astype(float)
        assert ((e[~np.isnan(e)] >= -1) & (e[~np.isnan(e)] <= 1)).all()
    share = wn.mixing.cross_group_share(g, grp).dropna()
    assert ((share >= 0) & (share <= 1)).all()


def test_missing_values_are_counted(small) -> None:
    g, grp = small
    grp = grp.drop("c")  # c's ties b-c and c-d now have a missing end
    with pytest.warns(UserWarning, match="1 of 7 nodes have no value"):
        m = wn.mixing.mixing_matrix(g, grp, normalized=False)
    assert m.attrs["missing"] == 4.0  # two ties, both directions
    assert m.to_numpy().sum() == 6.0
    with pytest.warns(UserWarning):
        r = wn.mixing.ei_index(g, grp).loc["network"]
    assert (r["external"], r["internal"], r["missing"]) == (1.0, 2.0, 2.0)
    with pytest.warns(UserWarning):
        node = wn.mixing.ei_index(g, grp, level="node")
    assert node.loc["b", "missing"] == 1.0 and node.loc["c", "missing"] == 2.0
    assert np.isnan(node.loc["c", "ei_index"])
    age = pd.Series({"a": 1.0, "b": 2.0, "c": np.nan, "d": 4.0, "e": 5.0, "f": 1.0, "f2": 3.0})
    with pytest.warns(UserWarning, match="no value"):
        wn.mixing.numeric_assortativity_coefficient(g, age)


def test_errors(small) -> None:
    g, grp = small
    with pytest.raises(wn.ColumnNotFoundError, match="no node attribute 'party'"):
        wn.mixing.mixing_matrix(g, "party")
    with pytest.raises(wn.ArgumentError, match="level='person'"):
        wn.mixing.ei_index(g, grp, level="person")
    with pytest.raises(wn.ArgumentError, match="weight"):
        wn.mixing.mixing_matrix(g, grp, weight="strength")
    with pytest.raises(wn.ArgumentError, match="not numbers"):
        wn.mixing.numeric_assortativity_coefficient(g, grp)
    with pytest.raises(wn.ArgumentError, match="takes a Graph"):
        wn.mixing.mixing_matrix(wn.datasets.davis_southern_women(), grp)
    with pytest.raises(wn.ArgumentError, match="takes the wijknet.Network"):
        wn.mixing.activity_diversity(g, grp)
    with pytest.raises(wn.NodeNotFoundError):
        wn.mixing.mixing_matrix(g, pd.Series({"zz": "x"}))


# ---------------------------------------------------------------------------------------------
# diversity on a network
# ---------------------------------------------------------------------------------------------


def blau(counts: np.ndarray) -> float:
    n = counts.sum()
    return float("nan") if n == 0 else 1 - ((counts / n) ** 2).sum()


@pytest.mark.parametrize("seed", range(4))
def test_activity_diversity_brute_force(seed: int) -> None:
    df = random_register(seed, residents=50, activities=9, rows=160)
    net = wn.Network.from_attendance(df)
    grp = random_groups(net.residents, seed, k=3).drop(net.residents[:3])  # three without a value
    with pytest.warns(UserWarning):
        got = wn.mixing.activity_diversity(net, grp)
    assert list(got.index) == list(net.activities)
    pairs = df[["resident", "activity"]].drop_duplicates()
    pairs = pairs.assign(g=pairs["resident"].map(grp))
    cats = sorted(grp.unique())
    counts = pairs.groupby("activity")["g"].value_counts().unstack(fill_value=0).reindex(index=got.index, columns=cats, fill_value=0)
    np.testing.assert_array_equal(got[cats].to_numpy(), counts.to_numpy())
    np.testing.assert_array_equal(got["participants"], pairs.groupby("activity").size().reindex(got.index))
    np.testing.assert_array_equal(got["missing"], pairs["g"].isna().groupby(pairs["activity"]).sum().reindex(got.index))
    b = np.array([blau(r) for r in counts.to_numpy()])
    np.testing.assert_allclose(got["blau"], b, rtol=1e-14)
    np.testing.assert_allclose(got["iqv"], b / (1 - 1 / len(cats)), rtol=1e-14)


def test_activity_diversity_by_hand() -> None:
    net = wn.Network.from_attendance(
        pd.DataFrame({"resident": list("abcdefab"), "activity": ["dance"] * 6 + ["yoga"] * 2})
    ).with_resident_attributes(pd.DataFrame({"resident": list("abcdef"), "sex": list("ffmmmx")}))
    d = wn.mixing.activity_diversity(net, "sex")
    # dance: f 2, m 3, x 1 of 6 → Blau 1 − (4 + 9 + 1)/36 = 22/36; IQV × 3/2
    assert d.loc["dance", ["participants", "f", "m", "x", "missing"]].tolist() == [6, 2, 3, 1, 0]
    assert d.loc["dance", "blau"] == pytest.approx(22 / 36, rel=1e-15)
    assert d.loc["dance", "iqv"] == pytest.approx(22 / 36 * 3 / 2, rel=1e-15)
    assert d.loc["yoga", "blau"] == 0.0


@pytest.mark.parametrize("seed", range(4))
def test_coparticipant_diversity(seed: int) -> None:
    df = random_register(seed, residents=50, activities=9, rows=160)
    net = wn.Network.from_attendance(df)
    grp = random_groups(net.residents, seed, k=3)
    got = wn.mixing.coparticipant_diversity(net, grp)
    # distinct: ego composition on the count projection
    g = net.project(weight="count")
    comp = wn.ego.composition(g, attribute=grp, normalize=False)
    cats = sorted(grp.unique())
    np.testing.assert_array_equal(got[cats].to_numpy(), comp[cats].to_numpy())
    pd.testing.assert_series_equal(got["blau"], wn.ego.blau(g, attribute=grp), check_names=False)
    pd.testing.assert_series_equal(got["ei_index"], wn.ego.ei_index(g, attribute=grp), check_names=False)
    np.testing.assert_array_equal(got["coparticipants"], wn.degree(g))
    # shared: the count projection's weights summed per category
    shared = wn.mixing.coparticipant_diversity(net, grp, weighting="shared")
    e = g.edges()
    e = pd.concat([e, e.rename(columns={"source": "target", "target": "source"})])
    tally = e.assign(c=e["target"].map(grp)).pivot_table(index="source", columns="c", values="weight", aggfunc="sum")
    tally = tally.reindex(index=net.residents, columns=cats).fillna(0)
    np.testing.assert_array_equal(shared[cats].to_numpy(), tally.to_numpy())
    np.testing.assert_allclose(shared["blau"], [blau(r) for r in tally.to_numpy()], rtol=1e-14)


# ---------------------------------------------------------------------------------------------
# by_group
# ---------------------------------------------------------------------------------------------


def test_by_group_against_pandas() -> None:
    rng = np.random.default_rng(0)
    ids = [f"r{i}" for i in range(100)]
    net = wn.Network.from_attendance(pd.DataFrame({"resident": ids, "activity": rng.integers(0, 5, 100)}))
    grp = pd.Series(rng.choice(["a", "b", "c"], 100, p=[0.5, 0.4, 0.1]), index=ids, name="grp")
    values = pd.Series(rng.normal(size=100), index=ids)
    t = wn.by_group(values, net, grp, min_cell=5, stats=("count", "mean", "std", "median", "min", "max", "sum", "q25", "q75"))
    ref = values.groupby(grp).agg(["count", "mean", "std", "median", "min", "max", "sum"])
    for c in ["a", "b", "c"]:
        for s in ["mean", "std", "median", "min", "max", "sum"]:
            assert t.loc[c, s] == pytest.approx(ref.loc[c, s], rel=1e-12)
        assert t.loc[c, "count"] == ref.loc[c, "count"] == t.loc[c, "residents"]
        assert t.loc[c, "q25"] == pytest.approx(values[grp == c].quantile(0.25), rel=1e-12)
    assert t.loc["all", "mean"] == pytest.approx(values.mean(), rel=1e-12)
    assert list(t.index) == ["a", "b", "c", "all"]
    assert not t["suppressed"].any()


def test_by_group_suppression() -> None:
    ids = [f"r{i}" for i in range(40)]
    net = wn.Network.from_attendance(pd.DataFrame({"resident": ids, "activity": 1}))
    # a: 20, b: 12, c: 5, d: 3 residents
    grp = pd.Series(["a"] * 20 + ["b"] * 12 + ["c"] * 5 + ["d"] * 3, index=ids, name="grp")
    values = pd.Series(np.arange(40.0), index=ids)
    t = wn.by_group(values, net, grp, min_cell=10)
    assert t["suppressed"].to_dict() == {"a": False, "b": False, "c": True, "d": True, "all": False}
    assert t.loc[["c", "d"], ["residents", "count"]].isna().all().all()
    assert t.loc[["c", "d"], ["mean", "std", "median"]].isna().all().all()
    assert t.loc["a", "count"] == 20 and t.loc["all", "count"] == 40
    # one small group alone would be given away by "all": the next smallest goes too
    grp2 = pd.Series(["a"] * 20 + ["b"] * 15 + ["c"] * 5, index=ids, name="grp")
    t2 = wn.by_group(values, net, grp2, min_cell=10)
    assert t2["suppressed"].to_dict() == {"a": False, "b": True, "c": True, "all": False}
    # too few values in all: everything suppressed
    t3 = wn.by_group(values.iloc[:8], net, grp2, min_cell=10)
    assert t3["suppressed"].all() and t3["mean"].isna().all()
    # k counts non-missing values: a group of 12 with 9 NaN values is suppressed
    v4 = values.copy()
    v4.iloc[20:29] = np.nan
    t4 = wn.by_group(v4, net, grp2, min_cell=5)
    assert t4.loc["b", "count"] == 6 and t4.loc["c", "count"] == 5 and not t4["suppressed"].any()
    assert t4.loc["b", "residents"] == 15


def test_by_group_missing_attribute_is_a_group() -> None:
    g = wn.datasets.badhuis(residents=2000, seed=0).project()
    deg = wn.degree(g)
    grp = g.node_attributes()["age_group"].copy()
    grp.iloc[:30] = None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the (missing) group is in the table: no warning
        t = wn.by_group(deg, g, grp.rename("age"), min_cell=10)
    assert t.index[-2:].tolist() == ["(missing)", "all"]
    assert t.loc["(missing)", "residents"] == 30
    assert t.loc["all", "residents"] == len(deg)
    assert t.loc["all", "mean"] == pytest.approx(deg.mean(), rel=1e-12)
    # booleans: the mean is a share; a Series over some residents only
    iso = (deg == 0).iloc[:500]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t2 = wn.by_group(iso, g, "age_group", stats=("count", "mean"))
    assert t2.loc["all", "count"] == 500
    assert t2.loc["all", "mean"] == pytest.approx(iso.mean())


def test_by_group_errors() -> None:
    net = wn.datasets.davis_southern_women()
    s = pd.Series(1.0, index=net.residents)
    grp = pd.Series("x", index=net.residents)
    with pytest.raises(wn.ArgumentError, match="unknown statistic"):
        wn.by_group(s, net, grp, stats=("mode",))
    with pytest.raises(wn.ArgumentError, match="min_cell=0"):
        wn.by_group(s, net, grp, min_cell=0)
    with pytest.raises(wn.NodeNotFoundError, match="not residents"):
        wn.by_group(pd.Series({"nobody": 1.0}), net, grp)
    with pytest.raises(wn.ColumnNotFoundError, match="no resident attribute"):
        wn.by_group(s, net, "age")


def test_by_group_an_empty_suppressed_group_needs_no_secondary_suppression():
    g = wn.Graph.from_edges({"source": list(range(0, 60, 2)), "target": list(range(1, 60, 2))})
    groups = pd.Series(["a"] * 25 + ["b"] * 25 + ["c"] * 10, index=range(60))
    values = pd.Series(np.arange(60, dtype=float), index=range(60))
    values[groups == "c"] = np.nan  # group c has no values: nothing the "all" row could reveal
    t = wn.by_group(values, g, groups, min_cell=10)
    assert t.loc["c", "suppressed"] and not t.loc["a", "suppressed"] and not t.loc["b", "suppressed"]


def test_warnings_point_at_the_callers_line(small) -> None:
    g, grp = small
    grp = grp.drop("c")  # a missing value: a surprise worth a warning, pointing at this file
    for call in (
        lambda: wn.mixing.mixing_matrix(g, grp),
        lambda: wn.mixing.ei_index(g, grp, level="node"),
        lambda: wn.ego.blau(g, attribute=grp),
    ):
        with pytest.warns(UserWarning, match="no value") as rec:
            call()
        assert all(w.filename == __file__ for w in rec), [w.filename for w in rec]
    # an expected omission is shown in the table, not warned about
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = wn.by_group(wn.degree(g), g, grp, min_cell=1)
    assert "(missing)" in t.index
