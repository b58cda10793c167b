"""Layer association (wn.layer_overlap, wn.multiplexity, wn.ego.multiplexity, wn.qap, wn.mrqap).

Oracles: numpy (``corrcoef`` over the same cells; OLS by ``lstsq``), brute-force pandas over
node pairs by id, hand-computed small examples; the permutation tests' calibration is checked
on independent random layers (p-values uniform: a KS test and a histogram, fixed seeds).
"""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import wijknet as wn


def random_layer(seed: int, ids, p: float, directed: bool = False, weighted: bool = True) -> wn.Graph:
    """A seeded random layer over ``ids``: each pair (ordered if directed) tied with prob. p."""
    rng = np.random.default_rng(seed)
    ids = list(ids)
    n = len(ids)
    i, j = np.nonzero(rng.random((n, n)) < p)
    keep = i != j if directed else i < j
    i, j = i[keep], j[keep]
    df = pd.DataFrame({"source": [ids[a] for a in i], "target": [ids[b] for b in j]})
    df["weight"] = rng.integers(1, 4, len(df)).astype(float) if weighted else 1.0
    # make every id a node: a graph's nodes are the ids in its edge list
    g = wn.Graph.from_edges(df, weight="weight", directed=directed)
    assert set(g.nodes) <= set(ids)
    return g


def dense(g: wn.Graph, ids, weighted: bool = True) -> np.ndarray:
    """The n × n matrix of g over ``ids`` (0 where a node is missing)."""
    pos = {v: k for k, v in enumerate(ids)}
    m = np.zeros((len(ids), len(ids)))
    e = g.edges()
    for s, t, w in zip(e["source"], e["target"], e["weight"]):
        if s in pos and t in pos:
            m[pos[s], pos[t]] = w if weighted else 1.0
            if not g.is_directed():
                m[pos[t], pos[s]] = w if weighted else 1.0
    return m


def aligned_ids(graphs, nodes: str = "intersection") -> list:
    """The documented node order: the first graph's ids (kept if in every graph for an
    intersection), then, for a union, each next graph's new ids in its order."""
    if nodes == "intersection":
        return [v for v in graphs[0].nodes if all(v in set(g.nodes) for g in graphs[1:])]
    out: list = []
    for g in graphs:
        out += [v for v in g.nodes if v not in set(out)]
    return out


def cells(m: np.ndarray, upper: bool) -> np.ndarray:
    n = len(m)
    mask = np.triu(np.ones((n, n), bool), 1) if upper else ~np.eye(n, dtype=bool)
    return m[mask]


@pytest.fixture
def pair():
    ids = range(40)
    return random_layer(1, ids, 0.15), random_layer(2, ids, 0.1, directed=True)


# ---------------------------------------------------------------------------------------------
# overlap and multiplexity
# ---------------------------------------------------------------------------------------------


def test_overlap_hand_computed():
    met = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    help_ = wn.Graph.from_edges(
        pd.DataFrame({"source": ["a", "b", "d", "c"], "target": ["b", "a", "a", "d"]}), directed=True
    )
    o = wn.layer_overlap(met, help_)
    # undirected: met {ab, bc, cd}, help {ab, ad, cd}; directed: met 6 arcs, help 4, both a→b, b→a, c→d
    assert o.undirected.tolist() == [3, 3, 2, 0.5, 2 / 3, 2 / 3]
    assert o.directed.tolist() == [6, 4, 3, 3 / 7, 3 / 6, 3 / 4]
    assert (o.jaccard, o.share_of_ties_1_also_in_2, o.share_of_ties_2_also_in_1) == (0.5, 2 / 3, 2 / 3)
    assert o.nodes == 4 and o.left_out == {"g1": 0, "g2": 0}
    assert list(o.to_frame().columns) == ["undirected", "directed"]
    assert wn.layer_overlap(met, met).directed is None


def pairs_by_id(g: wn.Graph, directed: bool) -> set:
    e = g.edges()
    out = set()
    for s, t in zip(e["source"], e["target"]):
        if directed:
            out.add((s, t))
            if not g.is_directed():
                out.add((t, s))
        else:
            out.add(frozenset((s, t)))
    return out


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("nodes", ["intersection", "union"])
def test_overlap_and_multiplexity_brute_force(seed, nodes):
    g1 = random_layer(seed, [f"r{i}" for i in range(30)], 0.2)
    g2 = random_layer(seed + 10, [f"r{i}" for i in range(10, 45)], 0.15, directed=bool(seed % 2))
    g3 = random_layer(seed + 20, [f"r{i}" for i in range(5, 40)], 0.1)
    n1, n2, n3 = set(g1.nodes), set(g2.nodes), set(g3.nodes)
    keep12 = n1 & n2 if nodes == "intersection" else n1 | n2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        o = wn.layer_overlap(g1, g2, nodes=nodes)
    assert o.nodes == len(keep12)
    assert o.left_out == {"g1": len(n1 - keep12), "g2": len(n2 - keep12)}
    assert o.added == {"g1": len(keep12 - n1), "g2": len(keep12 - n2)}
    for directed, got in [(False, o.undirected), (True, o.directed)]:
        if got is None:
            continue
        t1 = {p for p in pairs_by_id(g1, directed) if set(p) <= keep12}
        t2 = {p for p in pairs_by_id(g2, directed) if set(p) <= keep12}
        both = t1 & t2
        assert got.tolist()[:3] == [len(t1), len(t2), len(both)]
        assert got["jaccard"] == pytest.approx(len(both) / len(t1 | t2), rel=1e-15)

    # multiplexity with pandas: one row per (layer, unordered pair)
    keep = n1 & n2 & n3 if nodes == "intersection" else n1 | n2 | n3
    rows = []
    for name, g in [("a", g1), ("b", g2), ("c", g3)]:
        for p in pairs_by_id(g, False):
            if set(p) <= keep:
                u, v = sorted(p)
                rows.append((name, u, v))
    df = pd.DataFrame(rows, columns=["layer", "u", "v"])
    per_pair = df.groupby(["u", "v"])["layer"].nunique()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = wn.multiplexity({"a": g1, "b": g2, "c": g3}, nodes=nodes)
        ego = wn.ego.multiplexity({"a": g1, "b": g2, "c": g3}, nodes=nodes)
    assert m.tied_pairs == len(per_pair)
    assert m.multiplex_pairs == int((per_pair >= 2).sum())
    assert m.share == pytest.approx((per_pair >= 2).mean(), rel=1e-15)
    combos = df.groupby(["u", "v"])["layer"].apply(lambda s: tuple(sorted(set(s)))).value_counts()
    got = {tuple(k for k in "abc" if r[k]): r["pairs"] for _, r in m.combinations.iterrows()}
    assert got == combos.to_dict()
    # per ego: both orientations of each pair
    pp = per_pair.rename("k").reset_index()
    both_ways = pd.concat([pp.rename(columns={"u": "ego"}), pp.rename(columns={"v": "ego"})])
    want = (both_ways["k"] >= 2).groupby(both_ways["ego"]).mean()
    assert set(ego.index) == keep
    assert ego.name == "multiplexity"
    np.testing.assert_allclose(ego.reindex(want.index), want, rtol=1e-15)
    assert ego.drop(want.index).isna().all()  # egos without alters: NaN, kept


def test_multiplexity_keeps_egos_without_alters():
    net = wn.datasets.davis_southern_women()
    g, strong = net.project(), net.project(min_weight=4)
    ego = wn.ego.multiplexity([g, strong])
    assert len(ego) == 18  # same Network: nothing left out, nothing added
    assert ego.notna().all()
    both = wn.Graph.from_edges(pd.DataFrame({"source": [1, 2], "target": [2, 3]}))
    one = wn.Graph.from_edges(pd.DataFrame({"source": [1, 4], "target": [2, 5]}))
    e = wn.ego.multiplexity([both, one], nodes="union")
    assert e.to_dict(into=dict) == pytest.approx({1: 1.0, 2: 0.5, 3: 0.0, 4: 0.0, 5: 0.0})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an expected omission: reported, not warned about
        m = wn.ego.multiplexity([both, one])
    assert m.index.tolist() == [1, 2]
    assert m.attrs["left_out"] == {"layer 1": 1, "layer 2": 2}


# ---------------------------------------------------------------------------------------------
# QAP
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("directed", [(False, False), (True, False), (True, True)])
@pytest.mark.parametrize("weight", ["weight", None])
def test_qap_observed_is_corrcoef(directed, weight):
    ids = list(range(35))
    g1 = random_layer(3, ids, 0.2, directed=directed[0])
    g2 = random_layer(4, ids, 0.1, directed=directed[1])
    order = aligned_ids([g1, g2])
    upper = not any(directed)
    x = cells(dense(g1, order, weight is not None), upper)
    y = cells(dense(g2, order, weight is not None), upper)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ids missing from an edge list
        r = wn.qap(g1, g2, n=50, seed=1, weight=weight)
    assert r.cells == len(x)
    assert r.correlation == pytest.approx(np.corrcoef(x, y)[0, 1], rel=1e-12, abs=1e-14)
    assert r.null.shape == (50,)
    assert r.null_mean == pytest.approx(r.null.mean(), rel=1e-12)
    assert r.null_sd == pytest.approx(r.null.std(ddof=1), rel=1e-12)
    assert r.p_greater == ((r.null >= r.correlation).sum() + 1) / 51


def test_qap_identical_layers(pair):
    g, _ = pair
    r = wn.qap(g, g, n=99, seed=3)
    assert r.correlation == pytest.approx(1.0, abs=1e-12)
    assert r.p_greater == 1 / 100
    assert r.p_two_sided == 2 / 100  # twice the smaller one-sided p-value
    assert r.p_less == 1.0


def test_qap_seed_threads_pickle(pair):
    g1, g2 = pair
    one = wn.qap(g1, g2, n=200, seed=5, threads=1)
    two = wn.qap(g1, g2, n=200, seed=5, threads=2)
    np.testing.assert_array_equal(one.null, two.null)
    assert (one.correlation, one.p_greater, one.p_two_sided) == (two.correlation, two.p_greater, two.p_two_sided)
    assert not np.array_equal(one.null, wn.qap(g1, g2, n=200, seed=6).null)
    drawn = wn.qap(g1, g2, n=20)
    assert isinstance(drawn.seed, int)
    np.testing.assert_array_equal(wn.qap(g1, g2, n=20, seed=drawn.seed).null, drawn.null)
    back = pickle.loads(pickle.dumps(one))
    np.testing.assert_array_equal(back.null, one.null)
    assert back.correlation == one.correlation
    text = repr(one)
    assert "QAP correlation test" in text and "p_greater" in text and "seed 5" in text
    assert "<table" in one._repr_html_()
    assert list(one.to_frame().columns) == ["estimate", "null_mean", "null_sd", "p_greater", "p_less", "p_two_sided"]
    with pytest.raises(AttributeError):
        one.correlation = 0.0  # frozen


def test_qap_pvalues_uniform_on_independent_layers():
    """Independent layers: p-values over 300 replicates (R = 99 each) look uniform."""
    ids = list(range(25))
    ps = []
    for rep in range(300):
        g1 = random_layer(1000 + rep, ids, 0.2, weighted=False)
        g2 = random_layer(5000 + rep, ids, 0.15, directed=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ps.append(wn.qap(g1, g2, n=99, seed=rep, threads=1).p_greater)
    ps = np.array(ps)
    assert stats.kstest(ps, "uniform").pvalue > 0.01
    hist, _ = np.histogram(ps, bins=5, range=(0, 1))
    assert hist.min() >= 35 and hist.max() <= 90, hist  # 60 expected per bin
    assert (ps <= 0.05).mean() < 0.1


# ---------------------------------------------------------------------------------------------
# MRQAP
# ---------------------------------------------------------------------------------------------


def ols(y: np.ndarray, xs: list[np.ndarray]) -> dict:
    X = np.column_stack([np.ones_like(y), *xs])
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    res = y - X @ b
    df = len(y) - X.shape[1]
    s2 = res @ res / df
    se = np.sqrt(s2 * np.diag(np.linalg.inv(X.T @ X)))
    r2 = 1 - res @ res / ((y - y.mean()) @ (y - y.mean()))
    return {"b": b, "se": se, "t": b / se, "r2": r2, "adj": 1 - (1 - r2) * (len(y) - 1) / df}


@pytest.mark.parametrize("directed", [False, True])
def test_mrqap_matches_lstsq(directed):
    ids = list(range(40))
    y = random_layer(7, ids, 0.15, directed=directed)
    x1 = random_layer(8, ids, 0.3)
    x2 = random_layer(9, ids, 0.1, directed=directed)
    x3 = random_layer(10, ids, 0.05)
    order = aligned_ids([y, x1, x2, x3])
    mats = [cells(dense(g, order), not directed) for g in (y, x1, x2, x3)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = wn.mrqap(y, {"x1": x1, "x2": x2, "x3": x3}, n=30, seed=1)
    want = ols(mats[0], mats[1:])
    t = r.coefficients
    assert list(t.index) == ["intercept", "x1", "x2", "x3"]
    np.testing.assert_allclose(t["estimate"], want["b"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(t["std_error"], want["se"], rtol=1e-10)
    np.testing.assert_allclose(t["t"], want["t"], rtol=1e-10, atol=1e-10)
    assert r.r_squared == pytest.approx(want["r2"], rel=1e-10)
    assert r.adj_r_squared == pytest.approx(want["adj"], rel=1e-10)
    assert r.cells == len(mats[0])
    assert r.null.shape == (30, 3)
    assert np.isnan(t.loc["intercept", "p_greater"])
    for k, name in enumerate(["x1", "x2", "x3"]):
        assert t.loc[name, "p_greater"] == ((r.null[:, k] >= t.loc[name, "t"]).sum() + 1) / 31


def test_mrqap_seed_threads_repr_pickle(pair):
    g1, g2 = pair
    x = random_layer(11, range(40), 0.2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one = wn.mrqap(g2, [g1, x], n=100, seed=4, threads=1)
        two = wn.mrqap(g2, [g1, x], n=100, seed=4, threads=2)
    np.testing.assert_array_equal(one.null, two.null)
    pd.testing.assert_frame_equal(one.coefficients, two.coefficients)
    assert list(one.to_frame().index) == ["intercept", "x1", "x2"]
    text = repr(one)
    assert "MRQAP" in text and "x2" in text and "R²" in text
    assert "<table" in one._repr_html_()
    back = pickle.loads(pickle.dumps(one))
    pd.testing.assert_frame_equal(back.coefficients, one.coefficients)


def test_mrqap_dsp_calibrated_with_correlated_predictors():
    """y depends on x1 only; x2 is correlated with x1. DSP p-values of x2 look uniform."""
    ids = list(range(20))
    ps = []
    for rep in range(150):
        rng = np.random.default_rng(rep)
        base = rng.random((20, 20))
        base = np.triu(base, 1) + np.triu(base, 1).T
        x1 = (base < 0.3).astype(float)
        x2 = ((base < 0.3) & (rng.random((20, 20)) < 0.7) | (rng.random((20, 20)) < 0.05)).astype(float)
        x2 = np.triu(x2, 1) + np.triu(x2, 1).T
        noise = np.triu(rng.random((20, 20)) < 0.2, 1)
        y = np.triu(x1, 1) * 2 + noise
        layers = []
        for m in (y, x1, x2):
            i, j = np.nonzero(np.triu(m, 1))
            layers.append(
                wn.Graph.from_edges(
                    pd.DataFrame({"source": i, "target": j, "weight": m[i, j]}), weight="weight"
                )
            )
        # nodes without ties are not in an edge list: align on the union of ids
        r = wn.mrqap(layers[0], layers[1:], n=49, seed=rep, nodes="union", threads=1)
        ps.append(r.coefficients.loc["x2", "p_two_sided"])
        assert r.coefficients.loc["x1", "p_greater"] == 1 / 50
    assert stats.kstest(ps, "uniform").pvalue > 0.01
    assert len(ids) == 20


# ---------------------------------------------------------------------------------------------
# alignment and errors
# ---------------------------------------------------------------------------------------------


def test_alignment_by_id_reported():
    a = wn.Graph.from_edges(pd.DataFrame({"source": ["x", "y", "z"], "target": ["y", "z", "w"]}))
    b = wn.Graph.from_edges(pd.DataFrame({"source": ["z", "y", "v"], "target": ["y", "x", "x"]}), directed=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # reported on the result, not warned about
        o = wn.layer_overlap(a, b)
    assert (o.nodes, o.left_out, o.added) == (3, {"g1": 1, "g2": 1}, {"g1": 0, "g2": 0})
    assert "left out: g1 1, g2 1" in repr(o)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        u = wn.layer_overlap(a, b, nodes="union")
    assert (u.nodes, u.added) == (5, {"g1": 1, "g2": 1})
    assert u.undirected["both"] == 2  # x–y and y–z


def test_errors():
    net = wn.datasets.davis_southern_women()
    g = net.project()
    other = wn.Graph.from_edges(pd.DataFrame({"source": [1, 2], "target": [2, 3]}))
    with pytest.raises(wn.ArgumentError, match="no node ids in common"):
        wn.layer_overlap(g, other)
    with pytest.raises(wn.ArgumentError, match="no node ids in common"):
        wn.qap(g, other, n=10)
    for bad in (0, -1, 1.5, None):
        with pytest.raises(wn.ArgumentError, match="n="):
            wn.qap(g, g, n=bad)
        with pytest.raises(wn.ArgumentError, match="n="):
            wn.mrqap(g, [g], n=bad)
    with pytest.raises(wn.ArgumentError, match="nodes="):
        wn.qap(g, g, nodes="all")
    with pytest.raises(wn.ArgumentError, match="nodes="):
        wn.multiplexity([g, g], nodes="both")
    with pytest.raises(wn.ArgumentError, match="at least 2 layers"):
        wn.multiplexity([g])
    with pytest.raises(wn.ArgumentError, match="at least 2 layers"):
        wn.ego.multiplexity({"only": g})
    with pytest.raises(wn.ArgumentError, match="several layers"):
        wn.multiplexity(g)
    with pytest.raises(wn.ArgumentError, match="at least 1 layer"):
        wn.mrqap(g, [])
    with pytest.raises(wn.ArgumentError, match="predictor 2"):
        wn.mrqap(net.project(weight="newman"), [g, g], n=10)
    with pytest.raises(wn.ArgumentError, match="weight"):
        wn.qap(g, g, weight="strength")
    with pytest.raises(wn.ArgumentError, match="project the network first"):
        wn.qap(net, g)
    with pytest.raises(wn.ArgumentError, match="seed="):
        wn.qap(g, g, seed=-1)


def test_people_who_were_not_asked_are_left_out_of_every_comparison():
    net = wn.datasets.davis_southern_women()
    res = list(net.residents)
    survey = pd.DataFrame({"s": [res[0], res[1], res[2]], "t": [res[1], res[0], res[5]]})
    asked = res[:10]
    support = net.with_ties(survey, source="s", target="t", respondents=asked).layer("support")
    met = net.project()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # non-respondents are expected omissions: no warning
        ov = wn.layer_overlap(support, met, nodes="intersection")
    assert ov.left_out["g1"] == 8 and ov.left_out["g2"] == 8
    # the comparison runs over the 10 respondents only
    e = met.edges()
    inside = e["source"].isin(asked) & e["target"].isin(asked)
    assert ov.undirected["ties_2"] == int(inside.sum())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        q = wn.qap(support, met, n=50, seed=3, nodes="union")
    assert q.left_out["g1"] == 8
