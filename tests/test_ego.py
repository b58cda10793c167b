"""Ego networks and support (wn.ego, wn.reciprocity, wn.degree_centralisation,
wn.share_nobody_to_ask, wn.brokerage) against networkx and igraph on real and random graphs,
with brute-force oracles where no peer computes the measure.

Oracles and what they compute:

* networkx ``constraint`` (either code path: they agree);
* networkx ``effective_size(G, nodes=list(G), weight=...)``, the per-node path. networkx 3.6's
  all-nodes sparse path divides m_jq by the wrong row's maximum on weighted and directed graphs
  (networkx PR #8906); both paths agree on undirected unweighted graphs, checked below. On a
  DiGraph the per-node path also reports nodes without out-ties as isolated (NaN; ``G[v]``
  lists successors only); there its own formula (``normalized_mutual_weight`` over
  ``all_neighbors``) is the oracle. Larger graphs use networkx's sparse path with the fix of
  PR #8906 (``nx_effective_size_fixed``);
* networkx ``local_constraint`` for Burt's hierarchy (the formula written out here);
* networkx ``reciprocity`` and igraph ``reciprocity`` (``mode="default"``/``"ratio"``);
* igraph ``constraint``: the same definition as networkx (p from in- plus out-ties over ego's
  total strength), so it must agree on wijknet's simple graphs, weighted or directed.
"""

from __future__ import annotations

import math
import warnings

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import HYP, REL, random_register
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn

WEIGHTS = (None, "weight")


# ---------------------------------------------------------------------------------------------
# graphs
# ---------------------------------------------------------------------------------------------


def davis() -> wn.Graph:
    return wn.datasets.davis_southern_women().project()


def frame_projection(df: pd.DataFrame, weight: str = "count") -> wn.Graph:
    return wn.Network.from_attendance(df[["resident", "activity"]]).project(weight=weight)


def random_graph(seed: int, n: int = 50, m: int = 120, directed: bool = False) -> wn.Graph:
    """A seeded G(n, m) with weights 0.5..2.5 (several components; no isolates in the edge list)."""
    G = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    rng = np.random.default_rng(seed)
    e = np.array(list(G.edges()), dtype=np.int64).reshape(-1, 2)
    df = pd.DataFrame({"source": e[:, 0], "target": e[:, 1], "weight": rng.integers(1, 6, len(e)) * 0.5})
    return wn.Graph.from_edges(df, weight="weight", directed=directed)


def random_projection(seed: int, weight: str = "newman") -> wn.Graph:
    """A projection of a random register: twins, components and isolates."""
    df = random_register(seed, residents=60, activities=25, rows=110)
    return wn.Network.from_attendance(df).project(weight=weight)


RANDOM = (
    [pytest.param(lambda s=s: random_graph(s), id=f"gnm{s}") for s in range(3)]
    + [pytest.param(lambda s=s: random_graph(s, directed=True), id=f"digraph{s}") for s in range(3)]
    + [pytest.param(lambda s=s: random_projection(s), id=f"register{s}") for s in range(3)]
)


@pytest.fixture(params=["davis", "ceos", "senate"])
def real_graph(request: pytest.FixtureRequest) -> wn.Graph:
    if request.param == "davis":
        return davis()
    return frame_projection(request.getfixturevalue(f"{request.param}_frame"))


def nx_of(g: wn.Graph) -> nx.Graph:
    return g.to_networkx()


def ig_of(g: wn.Graph) -> ig.Graph:
    e = g._g.edges()
    s, t, w = e["source"], e["target"], e["weight"]
    G = ig.Graph(n=g.number_of_nodes(), edges=np.column_stack([s, t]).tolist(), directed=g.is_directed())
    G.es["weight"] = w.tolist()
    return G


def as_series(d: dict, index: pd.Index) -> pd.Series:
    return pd.Series(d, dtype=float)[index.tolist()].set_axis(index)


def assert_same(got: pd.Series, want: pd.Series, rel: float = REL) -> float:
    """Equal to ``rel`` (NaN where the other is NaN); returns the max abs difference."""
    assert got.index.equals(want.index)
    a, b = got.to_numpy(dtype=float), want.to_numpy(dtype=float)
    assert np.array_equal(np.isnan(a), np.isnan(b)), f"NaN at different nodes: {got.index[np.isnan(a) != np.isnan(b)][:5].tolist()}"
    ok = ~np.isnan(a)
    assert np.allclose(a[ok], b[ok], rtol=rel, atol=0), f"max abs diff {np.abs(a[ok] - b[ok]).max()}"
    return float(np.abs(a[ok] - b[ok]).max()) if ok.any() else 0.0


# ---------------------------------------------------------------------------------------------
# oracle checks
# ---------------------------------------------------------------------------------------------


def check_structural_holes(g: wn.Graph) -> None:
    G = nx_of(g)
    for weight in WEIGHTS:
        got = wn.ego.constraint(g, weight=weight)
        assert got.name == "constraint" and got.index.equals(g.nodes)
        assert_same(got, as_series(nx.constraint(G, weight=weight), g.nodes))
        eff = wn.ego.effective_size(g, weight=weight)
        assert eff.name == "effective_size"
        assert_same(eff, nx_effective_size_fixed(G, weight, g.nodes))
        if sum(d**3 for _, d in G.degree()) <= 200_000:  # the per-node path: Σ k³ Python calls
            per_node = as_series(nx.effective_size(G, nodes=list(G), weight=weight), g.nodes)
            if g.is_directed():
                # networkx's per-node path calls a node without out-ties isolated (G[v] lists
                # successors only), against its own docs; its formula, from its own helpers:
                assert_same(eff, as_series({v: nx_effective_size(G, v, weight) for v in G}, g.nodes))
                known = per_node.notna()
                assert_same(eff[known], per_node[known])
            else:
                assert_same(eff, per_node)
        if weight is None and not g.is_directed():
            # here networkx's sparse all-nodes path is right too
            assert_same(eff, as_series(nx.effective_size(G), g.nodes))
        k = wn.ego.size(g)
        assert_same(wn.ego.efficiency(g, weight=weight), eff / k.where(k > 0))
        assert_same(wn.ego.redundancy(g, weight=weight), k.where(k > 0) - eff, rel=1e-9)


def nx_effective_size_fixed(G: nx.Graph, weight, index: pd.Index) -> pd.Series:
    """networkx 3.6's sparse all-nodes effective size with the one-line fix of networkx PR
    #8906 (normalise by each row's maximum: ``[:, np.newaxis]``)."""
    P = nx.adjacency_matrix(G, nodelist=index.tolist(), weight=weight).astype(float)
    m1 = (P + P.T).tocsr()
    m2 = m1.copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        m1 = m1.multiply(1 / np.asarray(m1.sum(axis=1)).reshape(-1, 1)).tocsr()
        m2 = m2.multiply(1 / m2.max(axis=1).toarray().reshape(-1, 1)).tocsr()
        r = 1 - (m1 @ m2.T).toarray()
        eff = np.asarray((m1 > 0).multiply(r).sum(axis=1)).ravel()
    deg = np.asarray((P + P.T).sum(axis=1)).ravel()
    eff[deg == 0] = np.nan
    return pd.Series(eff, index=index)


def nx_effective_size(G: nx.Graph, v, weight) -> float:
    """networkx's documented effective size of v (its ``redundancy`` helper, written out)."""
    from networkx.algorithms.structuralholes import normalized_mutual_weight as nmw

    nbrs = set(nx.all_neighbors(G, v))
    if not nbrs:
        return math.nan
    return sum(1 - sum(nmw(G, v, w, weight=weight) * nmw(G, u, w, norm=max, weight=weight) for w in nbrs) for u in nbrs)


def nx_hierarchy(G: nx.Graph, v, weight) -> float:
    """Burt's hierarchy from networkx's local constraints (contacts: p_ij > 0)."""
    nbrs = set(nx.all_neighbors(G, v))
    if not nbrs:
        return math.nan
    local = [nx.local_constraint(G, v, j, weight=weight) for j in nbrs]
    if len(local) == 1:
        return 1.0
    total = sum(local)
    n = len(local)
    return sum((c * n / total) * math.log(c * n / total) for c in local) / (n * math.log(n))


@pytest.mark.parametrize("make", RANDOM)
def test_structural_holes_random(make):
    check_structural_holes(make())


def test_structural_holes_davis():
    check_structural_holes(davis())


def test_structural_holes_real(real_graph):
    check_structural_holes(real_graph)


@pytest.mark.parametrize("weight", WEIGHTS)
def test_hierarchy_against_local_constraint(weight):
    for g in (davis(), random_graph(1), random_graph(2, directed=True)):
        G = nx_of(g)
        want = pd.Series([nx_hierarchy(G, v, weight) for v in g.nodes], index=g.nodes)
        assert_same(wn.ego.hierarchy(g, weight=weight), want, rel=1e-9)


@pytest.mark.parametrize("weight", WEIGHTS)
@pytest.mark.parametrize("directed", [False, True])
def test_constraint_against_igraph(weight, directed):
    graphs = [random_graph(s, directed=directed) for s in range(3)]
    if not directed:
        graphs += [davis(), random_projection(4)]
    for g in graphs:
        want = pd.Series(ig_of(g).constraint(weights=weight), index=g.nodes)
        assert_same(wn.ego.constraint(g, weight=weight), want)


@HYP
@given(
    edges=st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 11), st.integers(1, 8)),
        max_size=40,
    ),
    directed=st.booleans(),
)
def test_structural_holes_hypothesis(edges, directed):
    edges = [(a, b, w) for a, b, w in edges if a != b]
    seen, rows = set(), []
    for a, b, w in edges:
        key = (a, b) if directed else (min(a, b), max(a, b))
        if key not in seen:
            seen.add(key)
            rows.append((a, b, w / 2))
    if not rows:
        return
    df = pd.DataFrame(rows, columns=["source", "target", "weight"])
    g = wn.Graph.from_edges(df, weight="weight", directed=directed)
    check_structural_holes(g)


def test_measures_table(real_graph):
    m = wn.ego.measures(real_graph, weight="weight", strong=2)
    assert list(m.columns) == [
        "size",
        "alter_ties",
        "density",
        "effective_size",
        "efficiency",
        "redundancy",
        "constraint",
        "hierarchy",
        "support_sources",
        "nobody_to_ask",
        "strong_ties",
    ]
    assert m.index.equals(real_graph.nodes)
    G = nx_of(real_graph)
    assert (m["size"] == pd.Series(dict(G.degree()))[m.index].to_numpy()).all()
    t = pd.Series(nx.triangles(G))[m.index.tolist()].to_numpy()
    assert (m["alter_ties"].to_numpy() == t).all()
    k = m["size"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        assert np.allclose(m["density"], np.where(k > 1, 2 * t / (k * (k - 1)), np.nan), rtol=REL, equal_nan=True)
    assert_same(m["constraint"], as_series(nx.constraint(G, weight="weight"), m.index).rename("constraint"))
    strong = pd.Series({v: sum(d["weight"] >= 2 for d in G[v].values()) for v in G})[m.index.tolist()]
    assert (m["strong_ties"].to_numpy() == strong.to_numpy()).all()
    assert m["strong_ties"].equals(wn.ego.strong_ties(real_graph, threshold=2))


# ---------------------------------------------------------------------------------------------
# isolates kept, directed views, composition
# ---------------------------------------------------------------------------------------------


def test_isolates_are_kept_and_reported():
    net = wn.Network.from_attendance(pd.DataFrame({"resident": [1, 2, 3, 4], "activity": ["a", "a", "a", "b"]}))
    g = net.project()
    m = wn.ego.measures(g)
    assert m.index.tolist() == [1, 2, 3, 4]
    row = m.loc[4]
    assert row["size"] == 0 and row["alter_ties"] == 0 and row["support_sources"] == 0
    assert bool(row["nobody_to_ask"]) is True
    for col in ("density", "effective_size", "efficiency", "redundancy", "constraint", "hierarchy"):
        assert math.isnan(row[col]), col
    assert m.loc[1, "density"] == 1.0 and m.loc[1, "effective_size"] == 1.0
    assert wn.ego.nobody_to_ask(g).tolist() == [False, False, False, True]
    assert wn.share_nobody_to_ask(g) == 0.25


def test_directed_views():
    df = pd.DataFrame({"source": ["a", "a", "b", "c"], "target": ["b", "c", "a", "d"]})
    g = wn.Graph.from_edges(df, directed=True)
    assert wn.ego.size(g).tolist() == [2, 1, 2, 1]  # alters in either direction
    assert wn.ego.support_sources(g).tolist() == [2, 1, 1, 0]  # whom each names
    assert wn.ego.nobody_to_ask(g).tolist() == [False, False, False, True]
    assert wn.share_nobody_to_ask(g, respondents=["a", "d"]) == 0.5
    mask = pd.Series([True, False, False, True], index=g.nodes)
    assert wn.share_nobody_to_ask(g, respondents=mask) == 0.5
    assert math.isnan(wn.share_nobody_to_ask(g, respondents=[]))


def brute_composition(g: wn.Graph, values: pd.Series) -> pd.DataFrame:
    G = nx_of(g).to_undirected()
    cats = sorted(values.dropna().unique().tolist())
    rows = {}
    for v in g.nodes:
        alters = [values.get(u) for u in G[v]]
        known = [a for a in alters if a is not None and not (isinstance(a, float) and math.isnan(a))]
        counts = {c: sum(a == c for a in known) for c in cats}
        n = len(known)
        blau = 1 - sum((x / n) ** 2 for x in counts.values()) if n else math.nan
        own = values.get(v)
        if n and own is not None and not (isinstance(own, float) and math.isnan(own)):
            inside = counts[own]
            ei = (n - 2 * inside) / n
        else:
            ei = math.nan
        rows[v] = {
            **{f"share_{c}": (counts[c] / n if n else math.nan) for c in cats},
            "alters_missing": len(alters) - n,
            "blau": blau,
            "iqv": blau / (1 - 1 / len(cats)) if len(cats) > 1 else math.nan,
            "ei_index": ei,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


@pytest.mark.parametrize("directed", [False, True])
def test_composition_against_brute_force(directed):
    g = random_graph(5, n=40, m=90, directed=directed)
    rng = np.random.default_rng(5)
    values = pd.Series(rng.choice(np.array(["x", "y", "z", None], dtype=object), g.number_of_nodes()), index=g.nodes)
    with pytest.warns(UserWarning, match="have no value"):
        m = wn.ego.measures(g, attribute=values)
    want = brute_composition(g, values)
    for col in want.columns:
        assert_same(m[col].astype(float), want[col].astype(float).set_axis(m.index).rename(col))
    with pytest.warns(UserWarning):
        c = wn.ego.composition(g, attribute=values, normalize=False)
    assert list(c.columns) == ["x", "y", "z", "missing"]
    assert (c[["x", "y", "z"]].sum(axis=1) + c["missing"]).equals(wn.ego.size(g).rename(None))
    with pytest.warns(UserWarning):
        assert_same(wn.ego.blau(g, attribute=values), m["blau"].rename("blau"))
        assert_same(wn.ego.iqv(g, attribute=values), m["iqv"].rename("iqv"))
        assert_same(wn.ego.ei_index(g, attribute=values), m["ei_index"].rename("ei_index"))


def test_attribute_from_the_graph():
    net = wn.datasets.badhuis(500, seed=1)
    g = net.project()
    attrs = g.node_attributes()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every resident has an age group: no warning
        m = wn.ego.measures(g, attribute="age_group")
    assert {f"share_{c}" for c in attrs["age_group"].cat.categories if (attrs["age_group"] == c).any()} <= set(m.columns)
    want = brute_composition(g, attrs["age_group"].astype(object))
    assert_same(m["blau"], want["blau"].set_axis(m.index).rename("blau"))
    assert_same(m["ei_index"], want["ei_index"].set_axis(m.index).rename("ei_index"))
    # a Series that covers only some nodes: the rest count as missing, with a warning
    part = attrs["age_group"].iloc[:100]
    with pytest.warns(UserWarning, match=f"{g.number_of_nodes() - 100} of {g.number_of_nodes()}"):
        c = wn.ego.composition(g, attribute=part)
    assert c["missing"].sum() > 0


# ---------------------------------------------------------------------------------------------
# whole network
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_reciprocity_against_networkx_and_igraph(seed):
    g = random_graph(seed, n=30, m=150, directed=True)
    G = nx_of(g)
    assert wn.reciprocity(g) == pytest.approx(nx.reciprocity(G), rel=REL, abs=0)
    H = ig_of(g)
    assert wn.reciprocity(g) == pytest.approx(H.reciprocity(), rel=REL, abs=0)
    assert wn.reciprocity(g, mode="ratio") == pytest.approx(H.reciprocity(mode="ratio"), rel=REL, abs=0)


def freeman(degrees: list, tmax: float) -> float:
    m = max(degrees)
    return sum(m - d for d in degrees) / tmax if tmax else math.nan


def test_degree_centralisation_against_degrees():
    for g in (davis(), random_graph(1), random_projection(2)):
        n = g.number_of_nodes()
        deg = wn.degree(g).tolist()
        assert wn.degree_centralisation(g) == pytest.approx(freeman(deg, (n - 1) * (n - 2)), rel=REL)
    d = random_graph(3, directed=True)
    G = nx_of(d)
    n = d.number_of_nodes()
    nodes = d.nodes.tolist()
    assert wn.degree_centralisation(d, mode="out") == pytest.approx(freeman([G.out_degree(v) for v in nodes], (n - 1) ** 2), rel=REL)
    assert wn.degree_centralisation(d, mode="in") == pytest.approx(freeman([G.in_degree(v) for v in nodes], (n - 1) ** 2), rel=REL)
    assert wn.degree_centralisation(d) == pytest.approx(freeman([G.degree(v) for v in nodes], 2 * (n - 1) * (n - 2)), rel=REL)


def brute_brokerage(g: wn.Graph, groups: pd.Series) -> pd.DataFrame:
    G = nx_of(g)
    out = {v: dict.fromkeys(["coordinator", "gatekeeper", "representative", "itinerant", "liaison", "unclassified"], 0) for v in G}
    for b in G:
        for a in G.predecessors(b):
            for c in G.successors(b):
                if c == a or G.has_edge(a, c):
                    continue
                ga, gb, gc = groups.get(a), groups.get(b), groups.get(c)
                if any(x is None or (isinstance(x, float) and math.isnan(x)) for x in (ga, gb, gc)):
                    role = "unclassified"
                elif ga == gb == gc:
                    role = "coordinator"
                elif ga == gb:
                    role = "representative"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gc:
                    role = "itinerant"
                else:
                    role = "liaison"
                out[b][role] += 1
    return pd.DataFrame.from_dict(out, orient="index")


@pytest.mark.parametrize("seed", range(3))
def test_brokerage_against_brute_force(seed):
    g = random_graph(seed, n=30, m=140, directed=True)
    rng = np.random.default_rng(seed)
    groups = pd.Series(rng.choice(np.array(["p", "q", "r", None], dtype=object), 30), index=g.nodes)
    with pytest.warns(UserWarning):
        got = wn.brokerage(g, attribute=groups)
    want = brute_brokerage(g, groups).loc[g.nodes.tolist()]
    assert list(got.columns) == ["coordinator", "gatekeeper", "representative", "itinerant", "liaison", "total", "unclassified"]
    for col in want.columns:
        assert got[col].tolist() == want[col].tolist(), col
    assert got["total"].equals(got.iloc[:, :5].sum(axis=1).rename("total"))


def test_brokerage_all_five_roles_by_hand():
    # groups A = {b, a1, c1}, B = {x, y}, C = {z}; a1 → y directly
    df = pd.DataFrame(
        [("a1", "b"), ("x", "b"), ("b", "c1"), ("b", "x"), ("b", "y"), ("b", "z"), ("a1", "y")],
        columns=["source", "target"],
    )
    g = wn.Graph.from_edges(df, directed=True)
    groups = pd.Series({"b": "A", "a1": "A", "c1": "A", "x": "B", "y": "B", "z": "C"})
    r = wn.brokerage(g, attribute=groups).loc["b"].to_dict()
    assert r == {
        "coordinator": 1,  # a1 → b → c1
        "gatekeeper": 1,  # x → b → c1
        "representative": 2,  # a1 → b → x, a1 → b → z
        "itinerant": 1,  # x → b → y
        "liaison": 1,  # x → b → z
        "total": 6,
        "unclassified": 0,
    }


# ---------------------------------------------------------------------------------------------
# threads, arguments, errors
# ---------------------------------------------------------------------------------------------


def test_results_do_not_depend_on_threads():
    g = wn.datasets.badhuis(2000, seed=3).project(weight="newman")
    for weight in WEIGHTS:
        one = wn.ego.measures(g, weight=weight, strong=1.0, threads=1)
        for t in (2, 3):
            other = wn.ego.measures(g, weight=weight, strong=1.0, threads=t)
            pd.testing.assert_frame_equal(one, other, check_exact=True)
    d = random_graph(7, n=200, m=1500, directed=True)
    groups = pd.Series(np.arange(200) % 3, index=d.nodes)
    assert wn.brokerage(d, attribute=groups, threads=1).equals(wn.brokerage(d, attribute=groups, threads=2))


def test_arguments_are_keyword_only():
    import inspect

    for name in wn.ego.__all__:
        params = list(inspect.signature(getattr(wn.ego, name)).parameters.values())
        tables = 2 if name == "from_egocentric" else 1  # a constructor: the egos and alters tables
        assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params[:tables]), name
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[tables:]), name
    for name in ("reciprocity", "degree_centralisation", "share_nobody_to_ask", "brokerage"):
        assert getattr(wn, name) is getattr(wn.ego, name)


def test_errors():
    g = davis()
    with pytest.raises(wn.ColumnNotFoundError, match="'gender'") as e:
        wn.ego.measures(g, attribute="gender")
    assert isinstance(e.value, KeyError)
    with pytest.raises(wn.ArgumentError, match="takes a Graph"):
        wn.ego.constraint(wn.datasets.davis_southern_women())
    with pytest.raises(wn.ArgumentError, match="weight"):
        wn.ego.constraint(g, weight="w")
    with pytest.raises(wn.ArgumentError, match="directed"):
        wn.reciprocity(g)
    with pytest.raises(wn.ArgumentError, match="directed"):
        wn.brokerage(g, attribute=pd.Series(0, index=g.nodes))
    d = random_graph(0, directed=True)
    with pytest.raises(wn.ArgumentError, match="ratio"):
        wn.reciprocity(d, mode="mutual")
    with pytest.raises(wn.ArgumentError, match='is not one of "all", "out", "in"'):  # the core's option names
        wn.degree_centralisation(d, mode="both")
    with pytest.raises(wn.ArgumentError, match="strong"):
        wn.ego.measures(g, strong=float("nan"))
    with pytest.raises(wn.ArgumentError, match="threshold"):
        wn.ego.strong_ties(g, threshold=None)
    with pytest.raises(wn.NodeNotFoundError, match="Nobody"):
        wn.share_nobody_to_ask(g, respondents=["Nobody"])
    with pytest.raises(wn.NodeNotFoundError, match="none of the Series"):
        wn.ego.blau(g, attribute=pd.Series([1, 2], index=[100, 200]))
    with pytest.raises(wn.ArgumentError, match="repeats"):
        wn.ego.blau(g, attribute=pd.Series([1, 2], index=["Evelyn Jefferson"] * 2))
    with pytest.raises(wn.ArgumentError, match="Series"):
        wn.ego.iqv(g, attribute=3)
    with pytest.raises(wn.ArgumentError, match="threads"):
        wn.ego.constraint(g, threads=-1)
