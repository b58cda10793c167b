"""Null models (wn.null): curveball margins and determinism, null tests (built-ins against the
same statistic computed in Python on the same samples, p-value formulas, thread-count
independence, pickling), the SDSM backbone against an independent numpy oracle (a BiCM fit by
plain fixed-point iteration over the full matrix, and the Poisson-binomial distribution by
repeated ``np.convolve``), planted-tie recovery, corrections against a numpy Holm/BH, and
attribute permutation.
"""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from conftest import HYP, random_register
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn


def davis() -> wn.Network:
    return wn.datasets.davis_southern_women()


def pairs_of(net: wn.Network) -> pd.DataFrame:
    return net.to_frame()[["resident", "activity"]].astype(object).drop_duplicates()


def margins(net: wn.Network) -> tuple:
    df = pairs_of(net)
    return (
        df.groupby("resident").size().sort_index().to_dict(),
        df.groupby("activity").size().sort_index().to_dict(),
    )


# ---------------------------------------------------------------------------------------------
# curveball
# ---------------------------------------------------------------------------------------------


@HYP
@given(seed=st.integers(0, 10_000), trades=st.one_of(st.none(), st.integers(0, 300)))
def test_curveball_preserves_margins(seed, trades):
    net = wn.Network.from_attendance(random_register(seed % 50, residents=30, activities=10, rows=120))
    rnd = wn.null.curveball(net, trades=trades, seed=seed)
    assert margins(rnd) == margins(net)
    assert list(rnd.residents) == list(net.residents)
    assert set(rnd.activities) == set(net.activities)


def test_curveball_is_seeded_and_changes_the_register():
    net = wn.datasets.badhuis(residents=500, seed=1)
    a = wn.null.curveball(net, seed=3)
    assert a == wn.null.curveball(net, seed=3)
    assert a != wn.null.curveball(net, seed=4)
    moved = pd.concat([pairs_of(a), pairs_of(net)]).drop_duplicates(keep=False)
    assert len(moved) > 0.2 * len(pairs_of(net))


def test_curveball_drops_dates_and_roles_keeps_attributes():
    net = wn.datasets.badhuis(residents=400, seed=2)
    rnd = wn.null.curveball(net, seed=1)
    assert rnd.date_unit is None
    assert set(rnd.to_frame()["role"]) == {"participant"}
    pd.testing.assert_frame_equal(
        rnd.resident_attributes(), net.resident_attributes().loc[net.residents], check_index_type=False, check_categorical=False
    )
    assert set(rnd.sensitive_activities()) == set(net.sensitive_activities()) & set(net.activities)


# ---------------------------------------------------------------------------------------------
# test
# ---------------------------------------------------------------------------------------------


def test_builtins_equal_python_statistics_on_the_same_samples():
    net = wn.datasets.badhuis(residents=300, seed=0)
    same = {
        "opsahl_clustering": lambda x: wn.twomode.opsahl_clustering(x),
        "robins_alexander_clustering": lambda x: wn.twomode.robins_alexander_clustering(x),
        "transitivity": lambda x: wn.transitivity(x.project(unit="activity")),
        "number_connected_components": lambda x: wn.number_connected_components(x.project(unit="activity")),
        "density": lambda x: wn.density(x.project(unit="activity")),
    }
    for name, f in same.items():
        builtin = wn.null.test(net, name, n=12, seed=5, progress=False)
        own = wn.null.test(net, f, n=12, seed=5, progress=False)
        assert builtin.observed == own.observed, name
        np.testing.assert_array_equal(builtin.null, own.null, err_msg=name)


def test_modularity_of_a_partition():
    net = wn.datasets.badhuis(residents=300, seed=0)
    part = wn.louvain_communities(net.project(unit="activity"), seed=1)
    r = wn.null.test(net, "modularity", partition=part, n=10, seed=2, progress=False)
    own = wn.null.test(net, lambda x: wn.modularity(x.project(unit="activity"), part, weight=None), n=10, seed=2, progress=False)
    np.testing.assert_allclose(r.null, own.null, rtol=1e-12)
    assert r.observed == pytest.approx(wn.modularity(net.project(unit="activity"), part, weight=None), rel=1e-12)
    rw = wn.null.test(net, "modularity", partition=part, weight="weight", projection={"weight": "newman"}, n=3, seed=2, progress=False)
    assert rw.observed == pytest.approx(wn.modularity(net.project(weight="newman", unit="activity"), part), rel=1e-12)


def ei_oracle(net: wn.Network, attribute: str) -> float:
    """(E − I)/(E + I) over the projection's ties, by pandas."""
    e = net.project(unit="activity").edges()
    groups = net.resident_attributes()[attribute]
    a, b = groups.reindex(e["source"]).to_numpy(), groups.reindex(e["target"]).to_numpy()
    ok = pd.notna(a) & pd.notna(b)
    inside = int((a[ok] == b[ok]).sum())
    between = int(ok.sum()) - inside
    return (between - inside) / (between + inside)


@pytest.mark.parametrize("null", ["curveball", "permute"])
def test_ei_index_against_pandas(null):
    net = wn.datasets.badhuis(residents=300, seed=0)
    r = wn.null.test(net, "ei_index", attribute="neighbourhood", null=null, n=8, seed=4, progress=False)
    own = wn.null.test(net, lambda x: ei_oracle(x, "neighbourhood"), attribute="neighbourhood", null=null, n=8, seed=4, progress=False)
    assert r.observed == pytest.approx(ei_oracle(net, "neighbourhood"), rel=1e-12)
    np.testing.assert_allclose(r.null, own.null, rtol=1e-12)
    if null == "permute":
        assert r.null.std() > 0


def test_same_result_for_any_thread_count():
    net = wn.datasets.badhuis(residents=400, seed=3)
    one = wn.null.test(net, "opsahl_clustering", n=20, seed=8, threads=1, progress=False)
    two = wn.null.test(net, "opsahl_clustering", n=20, seed=8, threads=2, progress=False)
    np.testing.assert_array_equal(one.null, two.null)


def test_p_values_z_and_summary():
    r = wn.null.test(davis(), "transitivity", n=99, seed=1, progress=False)
    x = r.null[~np.isnan(r.null)]
    R = len(x)
    assert r.p_greater == (np.sum(x >= r.observed) + 1) / (R + 1)
    assert r.p_less == (np.sum(x <= r.observed) + 1) / (R + 1)
    assert r.p_two_sided == min(1.0, 2 * min(r.p_greater, r.p_less))
    assert r.mean == pytest.approx(x.mean(), rel=1e-12)
    assert r.sd == pytest.approx(x.std(ddof=1), rel=1e-12)
    assert r.z == pytest.approx((r.observed - x.mean()) / x.std(ddof=1), rel=1e-9)
    for alt in ("greater", "less", "two-sided"):
        assert wn.null.test(davis(), "transitivity", n=99, seed=1, alternative=alt, progress=False).p == getattr(
            r, {"greater": "p_greater", "less": "p_less", "two-sided": "p_two_sided"}[alt]
        )
    s = r.to_series()
    assert s["n"] == 99 and s["seed"] == 1


def test_result_prints_and_pickles():
    r = wn.null.test(davis(), "opsahl_clustering", n=20, seed=2, progress=False)
    assert repr(r).startswith("<NullTestResult opsahl_clustering: observed 0.7719, null mean")
    assert "<table>" in r._repr_html_()
    back = pickle.loads(pickle.dumps(r))
    assert back.observed == r.observed and back.seed == 2
    np.testing.assert_array_equal(back.null, r.null)


def test_seed_none_is_recorded():
    r = wn.null.test(davis(), "density", n=5, progress=False)
    again = wn.null.test(davis(), "density", n=5, seed=r.seed, progress=False)
    np.testing.assert_array_equal(r.null, again.null)


def test_opsahl_is_clustered_beyond_chance_on_badhuis_fast():
    # the performance bar in miniature: 200 samples of the 2k register well within a second or two
    import time

    net = wn.datasets.badhuis(residents=2000, seed=0)
    t = time.perf_counter()
    r = wn.null.test(net, "opsahl_clustering", n=200, seed=1, progress=False)
    assert time.perf_counter() - t < 20
    assert r.n == 200 and np.isfinite(r.z)


def test_errors():
    net = davis()
    with pytest.raises(wn.ArgumentError, match="not a built-in"):
        wn.null.test(net, "clusterin")
    with pytest.raises(wn.ArgumentError, match="Network"):
        wn.null.test(net.project(), "density")
    with pytest.raises(wn.ArgumentError, match="alternative"):
        wn.null.test(net, "density", alternative="bigger")
    with pytest.raises(wn.ArgumentError, match="partition"):
        wn.null.test(net, "modularity")
    with pytest.raises(wn.ArgumentError, match="n="):
        wn.null.test(net, "density", n=0)
    with pytest.raises(wn.ArgumentError, match="permute"):
        wn.null.test(net, "density", null="permute")
    with pytest.raises(wn.ColumnNotFoundError, match="age"):
        wn.null.test(net, "ei_index", attribute="age")
    with pytest.raises(wn.ArgumentError, match="must return a number"):
        wn.null.test(net, lambda x: "high", n=2, seed=1)
    with pytest.raises(wn.ArgumentError, match="method"):
        wn.null.backbone(net, method="logit")
    with pytest.raises(wn.ArgumentError, match="alpha"):
        wn.null.backbone(net, alpha=0)
    with pytest.raises(wn.ArgumentError, match="correction"):
        wn.null.backbone(net, correction="bonferroni")


# ---------------------------------------------------------------------------------------------
# backbone
# ---------------------------------------------------------------------------------------------


def bicm_oracle(B: np.ndarray, iterations: int = 20000) -> np.ndarray:
    """BiCM probabilities by the textbook fixed point on the full matrix."""
    k, n = B.sum(1).astype(float), B.sum(0).astype(float)
    L = B.sum()
    x, y = k / np.sqrt(L), n / np.sqrt(L)
    for _ in range(iterations):
        x = k / (y[None, :] / (1 + np.outer(x, y))).sum(1)
        y = n / (x[:, None] / (1 + np.outer(x, y))).sum(0)
        P = np.outer(x, y) / (1 + np.outer(x, y))
        if np.abs(P.sum(1) - k).max() < 1e-12 * k.max():
            break
    return P


def pb_upper(q: np.ndarray, c: int) -> float:
    pmf = np.array([1.0])
    for v in q:
        pmf = np.convolve(pmf, [1 - v, v])
    return float(pmf[c:].sum())


def incidence(net: wn.Network) -> np.ndarray:
    df = pairs_of(net)
    r = pd.Categorical(df["resident"], categories=list(net.residents)).codes
    a = pd.Categorical(df["activity"], categories=list(net.activities)).codes
    B = np.zeros((len(net.residents), len(net.activities)))
    B[r, a] = 1
    return B


def check_sdsm(net: wn.Network) -> None:
    bb = wn.null.backbone(net, correction=None, progress=False)
    _g, t = bb.graph, bb.ties
    B = incidence(net)
    P = bicm_oracle(B)
    pos = {x: i for i, x in enumerate(net.residents)}
    C = B @ B.T
    i = t["source"].map(pos).to_numpy()
    j = t["target"].map(pos).to_numpy()
    np.testing.assert_array_equal(t["cooccurrence"].to_numpy(), C[i, j])
    np.testing.assert_allclose(t["expected"].to_numpy(), (P[i] * P[j]).sum(1), rtol=1e-8)
    want = np.array([pb_upper(P[a] * P[b], int(c)) for a, b, c in zip(i, j, t["cooccurrence"])])
    np.testing.assert_allclose(t["p"].to_numpy(), want, rtol=1e-7, atol=1e-300)
    # every co-occurring pair is a candidate
    assert len(t) == int(np.triu(C > 0, 1).sum())


def test_sdsm_against_independent_poisson_binomial_davis():
    check_sdsm(davis())


def test_sdsm_against_independent_poisson_binomial_ceos(ceos_frame):
    check_sdsm(wn.Network.from_attendance(ceos_frame[["resident", "activity"]]))


def test_sdsm_against_independent_poisson_binomial_random():
    check_sdsm(wn.Network.from_attendance(random_register(3, residents=40, activities=12, rows=160)))


def holm(p: np.ndarray, m: int) -> np.ndarray:
    o = np.argsort(p, kind="stable")
    adj = np.minimum(1, np.maximum.accumulate((m - np.arange(len(p))) * p[o]))
    out = np.empty_like(adj)
    out[o] = adj
    return out


def bh(p: np.ndarray, m: int) -> np.ndarray:
    o = np.argsort(p, kind="stable")
    adj = np.minimum(1, np.minimum.accumulate((m * p[o] / np.arange(1, len(p) + 1))[::-1])[::-1])
    out = np.empty_like(adj)
    out[o] = adj
    return out


@pytest.mark.parametrize("correction", ["holm", "fdr_bh"])
def test_corrections_count_every_pair(correction):
    net = davis()
    bb = wn.null.backbone(net, correction=correction, alpha=0.2, progress=False)
    g, t = bb.graph, bb.ties
    m = 18 * 17 // 2
    want = (holm if correction == "holm" else bh)(t["p"].to_numpy(), m)
    np.testing.assert_allclose(t["p_adjusted"].to_numpy(), want, rtol=1e-12)
    np.testing.assert_array_equal(t["backbone"].to_numpy(), want < 0.2)
    assert g.number_of_edges() == int((want < 0.2).sum())


def planted(seed: int = 1) -> tuple:
    """120 residents in 5 of 250 activities; 6 pairs attend the same 5."""
    rng = np.random.default_rng(seed)
    rows, pairs = [], []
    for r in range(120):
        if r % 10 == 1 and r < 60:
            continue
        acts = rng.choice(250, 5, replace=False)
        for a in acts:
            rows.append((f"r{r}", f"a{a}"))
            if r % 10 == 0 and r < 60:
                rows.append((f"r{r + 1}", f"a{a}"))
        if r % 10 == 0 and r < 60:
            pairs.append(frozenset((f"r{r}", f"r{r + 1}")))
    return wn.Network.from_attendance(pd.DataFrame(rows, columns=["resident", "activity"])), set(pairs)


def test_backbone_recovers_planted_ties():
    net, pairs = planted()
    for correction in ("holm", "fdr_bh"):
        bb = wn.null.backbone(net, correction=correction, progress=False)
        g, t = bb.graph, bb.ties
        kept = {frozenset((a, b)) for a, b in zip(g.edges()["source"], g.edges()["target"])}
        assert kept == pairs, correction
        assert (g.edges()["weight"] == 5).all()
    assert list(g.nodes) == list(net.residents)
    bb = wn.null.backbone(net, method="fdsm", correction=None, alpha=0.01, n=300, seed=1, progress=False)
    g, t = bb.graph, bb.ties
    top = t[t["p"] == t["p"].min()]
    assert {frozenset(x) for x in zip(top["source"], top["target"])} >= pairs
    assert t["p"].min() == 1 / 301


def test_fdsm_is_seeded():
    net, _ = planted()
    a = wn.null.backbone(net, method="fdsm", n=50, seed=2, progress=False).ties
    b = wn.null.backbone(net, method="fdsm", n=50, seed=2, threads=1, progress=False).ties
    pd.testing.assert_frame_equal(a, b)


# ---------------------------------------------------------------------------------------------
# attribute permutation
# ---------------------------------------------------------------------------------------------


def test_permute_attribute_graph_and_network():
    net = wn.datasets.badhuis(residents=300, seed=0)
    g = net.project()
    pg = wn.null.permute_attribute(g, "age_group", seed=1)
    assert pg.edges().equals(g.edges())
    before, after = g.node_attributes()["age_group"], pg.node_attributes()["age_group"]
    assert sorted(before.astype(str)) == sorted(after.astype(str))
    assert (before.astype(str) != after.astype(str)).any()
    assert pg.node_attributes()["neighbourhood"].equals(g.node_attributes()["neighbourhood"])
    pn = wn.null.permute_attribute(net, "age_group", seed=1)
    assert pn.to_frame().equals(net.to_frame())
    # the same permutation of the same residents
    assert list(pn.resident_attributes()["age_group"].loc[net.residents].astype(str)) == list(after.astype(str))
    with pytest.raises(wn.ColumnNotFoundError):
        wn.null.permute_attribute(g, "shoe_size")


def test_seed_none_is_recorded_and_reproduces():
    net = davis()
    r = wn.null.test(net, "density", n=20, progress=False)
    assert isinstance(r.seed, int)
    again = wn.null.test(net, "density", n=20, seed=r.seed, progress=False)
    np.testing.assert_array_equal(r.null, again.null)


def test_projection_is_one_argument():
    net = davis()
    with pytest.raises(wn.ArgumentError, match="projection"):
        wn.null.test(net, "density", n=2, projection={"unit": "session"}, progress=False)
    with pytest.raises(wn.ArgumentError, match="weight"):
        wn.null.test(net, "density", n=2, weight="newman", progress=False)  # a scheme goes in projection=
    small = wn.null.test(net, "density", n=5, seed=1, projection={"max_activity_size": 8}, progress=False)
    assert small.observed == pytest.approx(wn.density(net.project(unit="activity", max_activity_size=8)))


def test_empty_backbone_says_why():
    net = wn.datasets.badhuis(residents=2000, seed=0)
    bb = wn.null.backbone(net, progress=False)  # Holm over all pairs of a thin register
    if bb.graph.number_of_edges() == 0:
        assert bb.why_empty and "correction" in bb.why_empty and "alpha" in bb.why_empty
        assert "empty:" in repr(bb)
    looser = wn.null.backbone(net, correction=None, progress=False)
    assert looser.why_empty is None and looser.graph.number_of_edges() > 0
    assert "<div>" in looser._repr_html_()
