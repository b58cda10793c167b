"""Activity impact (wn.activities) and what-if scenarios (wn.whatif).

Oracles:

* a pandas/itertools brute force over resident pairs for ties, unique ties and cross-group
  ties per activity (unit activity and session), participants, sessions and repeat rate;
* networkx ``betweenness_centrality`` on the activity projection (``bipartite.projected_graph``);
* the Jaccard of participant sets by set arithmetic;
* what-if: filtering the register (``net.filter``) and projecting from scratch, counted with
  networkx (components, 2-step reach), on random registers and Davis; the rankings against
  ``remove`` per item and against re-projecting per activity.
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import random_register

import wijknet as wn

KS = (1, 2, 3)
SPECS = [
    None,
    {"unit": "session"},
    {"weight": "newman", "max_activity_size": 6},
    {"weight": "jaccard", "min_weight": 0.3},
    {"weight": "count", "unit": "session", "min_weight": 2},
]


def frame(seed: int) -> pd.DataFrame:
    return random_register(seed, residents=30, activities=7, rows=90, dated=True, days=3)


def units(df: pd.DataFrame, unit: str) -> pd.Series:
    return df["activity"] if unit == "activity" else df["activity"].astype(str) + "|" + df["date"].astype(str)


# ---------------------------------------------------------------------------------------------
# impact against a brute force
# ---------------------------------------------------------------------------------------------


def edge_set(g: wn.Graph) -> set:
    return {tuple(sorted(p)) for p in zip(g.edges()["source"], g.edges()["target"])}


def brute_impact(df: pd.DataFrame, unit: str, group: pd.Series, net: wn.Network, projection) -> pd.DataFrame:
    """Ties an activity takes part in (it is behind one of the units the two shared) and its
    unique ties: the ties that vanish when it stops (projecting the register without it)."""
    d = df.assign(unit=units(df, unit)).drop_duplicates(["resident", "unit"])
    behind: dict = {}
    for _, rows in d.groupby("unit"):
        act = rows["activity"].iloc[0]
        for a, b in itertools.combinations(sorted(rows["resident"]), 2):
            behind.setdefault((a, b), set()).add(act)
    edges = edge_set(net.project(**(projection or {})))
    out = {a: dict(ties=0, unique_ties=0, cross_group_ties=0, unique_cross_group_ties=0) for a in df["activity"].unique()}
    for pair, acts in behind.items():
        if pair not in edges:
            continue
        cross = int(group[pair[0]] != group[pair[1]])
        for a in acts:
            out[a]["ties"] += 1
            out[a]["cross_group_ties"] += cross
    for a in out:
        without = net.filter(activities=[b for b in net.activities if b != a])
        lost = edges - edge_set(without.project(**(projection or {})))
        out[a]["unique_ties"] = len(lost)
        out[a]["unique_cross_group_ties"] = sum(int(group[x] != group[y]) for x, y in lost)
    return pd.DataFrame(out).T


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("projection", [None, {"unit": "session"}, {"weight": "newman", "min_weight": 0.6}])
def test_impact_matches_brute_force(seed, projection):
    df = frame(seed)
    net = wn.Network.from_attendance(df, date="date")
    rng = np.random.default_rng(seed)
    group = pd.Series(rng.choice(["x", "y", "z"], len(net.residents)), index=net.residents, name="g")
    t = wn.activities.impact(net, projection=projection, attribute=group)
    unit = (projection or {}).get("unit", "session")  # a dated register: per session by default
    exp = brute_impact(df, unit, group, net, projection).reindex(t.index)
    for col in ("ties", "unique_ties", "cross_group_ties", "unique_cross_group_ties"):
        assert t[col].tolist() == exp[col].tolist(), col
    # participation figures
    per = df.drop_duplicates(["resident", "activity", "date"])
    assert t["participants"].tolist() == df.groupby("activity")["resident"].nunique().reindex(t.index).tolist()
    assert t["sessions"].tolist() == df.groupby("activity")["date"].nunique().reindex(t.index).tolist()
    rep = per.groupby(["activity", "resident"]).size().ge(2).groupby(level=0).mean().reindex(t.index)
    np.testing.assert_allclose(t["repeat_rate"], rep, rtol=1e-12)
    # one column per measure whatever the attribute: composition is a separate call
    assert list(t.columns) == [
        "participants", "sessions", "repeat_rate", "ties", "unique_ties",
        "cross_group_ties", "unique_cross_group_ties", "betweenness",
    ]


@pytest.mark.parametrize("seed", range(4))
def test_betweenness_and_overlap_against_networkx(seed):
    df = frame(seed)
    net = wn.Network.from_attendance(df, date="date")
    B = nx.Graph()
    acts = [("a", a) for a in df["activity"].unique()]
    B.add_nodes_from(acts)
    B.add_edges_from((("r", r), ("a", a)) for r, a in zip(df["resident"], df["activity"]))
    P = nx.bipartite.projected_graph(B, acts)
    bc = nx.betweenness_centrality(P)
    t = wn.activities.impact(net)
    for a in t.index:
        assert t.loc[a, "betweenness"] == pytest.approx(bc[("a", a)], rel=1e-12, abs=1e-15)
    o = wn.activities.overlap(net)
    sets = df.groupby("activity")["resident"].agg(set)
    for a, b in itertools.product(o.index, o.columns):
        exp = len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        assert o.loc[a, b] == pytest.approx(exp, rel=1e-12)


# ---------------------------------------------------------------------------------------------
# what-if against recomputing from scratch
# ---------------------------------------------------------------------------------------------


def scratch(net: wn.Network, projection, activities=(), residents=()) -> dict:
    """Filter the register, project, and count (networkx) with the what-if population."""
    keep_a = [a for a in net.activities if a not in set(activities)]
    keep_r = [r for r in net.residents if r not in set(residents)]
    view = net.filter(activities=keep_a, residents=keep_r)
    g = view.project(**(projection or {}))
    G = nx.Graph()
    G.add_nodes_from(keep_r)  # residents left without rows stay, isolated
    e = g.edges()
    G.add_edges_from(zip(e["source"], e["target"]))
    n = G.number_of_nodes()
    deg = dict(G.degree())
    comps = list(nx.connected_components(G))
    reach = [len(nx.single_source_shortest_path_length(G, v, cutoff=2)) - 1 for v in G]
    out = {
        "residents": n,
        "ties": G.number_of_edges(),
        "isolates": sum(d == 0 for d in deg.values()),
        "components": len(comps),
        "largest_component_share": max((len(c) for c in comps), default=0) / n if n else np.nan,
        "mean_reach_2": float(np.mean(reach)) if n else np.nan,
    }
    for k in KS:
        out[f"share_with_at_least_{k}_ties"] = sum(d >= k for d in deg.values()) / n if n else np.nan
    return out


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("projection", SPECS)
def test_remove_matches_scratch(seed, projection):
    df = frame(seed)
    net = wn.Network.from_attendance(df, date="date")
    rng = np.random.default_rng(100 + seed)
    acts = list(rng.choice(net.activities, 2, replace=False))
    res = list(rng.choice(net.residents, 1 + seed % 2, replace=False)) if seed % 3 else []
    s = wn.whatif.remove(net, activities=acts, residents=res, projection=projection, min_ties=KS)
    after, before = scratch(net, projection, acts, res), scratch(net, projection)
    for m, v in after.items():
        assert s.summary.loc[m, "after"] == pytest.approx(v, rel=1e-12), m
        assert s.summary.loc[m, "before"] == pytest.approx(before[m], rel=1e-12), m
    g0 = net.project(**(projection or {}))
    deg0 = wn.degree(g0)
    keep = net.filter(activities=[a for a in net.activities if a not in acts],
                      residents=[r for r in net.residents if r not in res])
    deg1 = wn.degree(keep.project(**(projection or {}))).reindex(net.residents, fill_value=0)
    lost = [r for r in net.residents if r not in res and deg0[r] > 0 and deg1[r] == 0]
    assert s.lost_all == lost


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("projection", SPECS)
def test_rankings_match_remove(seed, projection):
    df = random_register(seed, residents=30, activities=7, rows=90, dated=True, days=3, roles=True)
    net = wn.Network.from_attendance(df, date="date", role="role")
    r = wn.whatif.rank_activities(net, projection=projection, min_ties=KS)
    assert sorted(r.index) == sorted(net.activities)
    assert r["rank"].tolist() == list(range(1, len(r) + 1))
    for a in net.activities:
        s = wn.whatif.remove(net, activities=[a], projection=projection, min_ties=KS).summary
        assert r.loc[a, "components_added"] == s.loc["components", "change"]
        assert r.loc[a, "isolates_added"] == s.loc["isolates", "change"]
        assert r.loc[a, "ties_change"] == s.loc["ties", "change"]
        assert r.loc[a, "largest_component_share"] == pytest.approx(s.loc["largest_component_share", "after"], rel=1e-12)
        for k in KS:
            assert r.loc[a, f"share_with_at_least_{k}_ties"] == pytest.approx(s.loc[f"share_with_at_least_{k}_ties", "after"], rel=1e-12)
    spec = wn._args.native_projection(projection, "t")
    fast = wn.whatif._rank_activities_native(net, spec, list(KS), None, False, naive=False)
    slow = wn.whatif._rank_activities_native(net, spec, list(KS), None, False, naive=True)
    assert fast.keys() == slow.keys()
    assert fast["before"] == slow["before"]
    for key in fast:
        if key != "before":
            np.testing.assert_array_equal(fast[key], slow[key])
    # key residents
    rr = wn.whatif.rank_residents(net, projection=projection, min_ties=KS)
    assert set(rr.index) == set(net.filter(roles=["volunteer", "organiser"]).residents)
    for v in rr.index[:4]:
        s = wn.whatif.remove(net, residents=[v], projection=projection, min_ties=KS).summary
        assert rr.loc[v, "components_added"] == s.loc["components", "change"]
        assert rr.loc[v, "ties_change"] == s.loc["ties", "change"]
        assert rr.loc[v, "largest_component_share"] == pytest.approx(s.loc["largest_component_share", "after"], rel=1e-12)


def test_davis_remove_and_rank():
    net = wn.datasets.davis_southern_women()
    s = wn.whatif.remove(net, activities=["E8", "E9"])
    exp = scratch(net, None, ["E8", "E9"])
    for m, v in exp.items():
        assert s.summary.loc[m, "after"] == pytest.approx(v, rel=1e-12), m
    r = wn.whatif.rank_activities(net, projection={"unit": "session"})
    assert len(r) == 14
    rr = wn.whatif.rank_residents(net, residents=net.residents)
    assert len(rr) == 18


def test_davis_shared_data(davis_frame):
    net = wn.Network.from_attendance(davis_frame)
    r = wn.whatif.rank_activities(net)
    for a in r.index[:3]:
        s = wn.whatif.remove(net, activities=[a]).summary
        assert r.loc[a, "components_added"] == s.loc["components", "change"]


def test_dependency_brute_force():
    for seed in range(5):
        df = frame(seed)
        net = wn.Network.from_attendance(df, date="date")
        d = wn.whatif.dependency(net, projection={"unit": "activity"})  # the oracle below is per activity
        g = net.project(unit="activity")
        e = g.edges()
        sets = df.groupby("resident")["activity"].agg(set)
        nbr: dict = {}
        for a, b in zip(e["source"], e["target"]):
            nbr.setdefault(a, []).append(b)
            nbr.setdefault(b, []).append(a)
        exp = {}
        for r, ns in nbr.items():
            shared = [sets[r] & sets[j] for j in ns]
            if all(len(s) == 1 for s in shared) and len(set.union(*shared)) == 1:
                exp[r] = (next(iter(shared[0])), len(ns))
        got = {r: (row.activity, row.ties) for r, row in d.iterrows()}
        assert got == exp


def test_errors():
    net = wn.datasets.davis_southern_women()
    with pytest.raises(wn.ArgumentError, match="projection"):
        wn.whatif.remove(net, activities=["E1"], projection={"weigth": "count"})
    with pytest.raises(wn.ArgumentError, match="min_ties="):
        wn.whatif.rank_activities(net, min_ties=0)
    with pytest.raises(wn.ArgumentError, match="Network"):
        wn.whatif.rank_activities(net.project())
    with pytest.raises(wn.WijknetError):
        wn.whatif.remove(net, activities=["nope"])
    with pytest.raises(wn.ArgumentError, match="weight"):
        wn.activities.impact(net, projection={"weight": "cosine"})
    view = net.filter(activities=["E1", "E2"])
    with pytest.raises(wn.ArgumentError, match="view"):
        wn.whatif.remove(view, activities=["E5"])


def test_rank_residents_warns_when_nobody_has_the_roles():
    net = wn.datasets.davis_southern_women()  # no roles: everyone is a participant
    with pytest.warns(UserWarning, match="ranking is empty"):
        t = wn.whatif.rank_residents(net)
    assert len(t) == 0


def test_scenario_reads_well():
    net = wn.datasets.badhuis(residents=300, seed=0)
    s = wn.whatif.remove(net, activities=[net.activities[0]], min_ties=(1, 5), progress=False)
    assert s.to_frame() is s.summary
    assert "share_with_at_least_5_ties" in s.summary.index
    text = repr(s)
    assert text.startswith("Scenario (") and "lose" in text or "nobody loses" in text
    assert ".000000" not in text  # whole numbers print as whole numbers
    assert "<table" in s._repr_html_() and "Scenario" in s._repr_html_()
    with pytest.raises(TypeError):
        wn.whatif.remove(net, [net.activities[0]])  # every argument after the network is keyword-only
