"""wn.temporal against independent pandas recomputations (every figure, exactly), networkx for
the before/after metrics, and the bootstrap's coverage of a known difference on synthetic
data. Real data: the first 20,000 rows of Ask Ubuntu (ms timestamps) from tests/data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import wijknet as wn

UPD = {"D": 1, "s": 86_400, "ms": 86_400_000}


def dated_frame(seed: int, unit: str, *, residents: int = 40, activities: int = 8, rows: int = 400) -> pd.DataFrame:
    """Random rows around 1970 (so some dates are negative), with times of day for s/ms."""
    rng = np.random.default_rng(seed)
    day = rng.integers(0, 60, rows) * 7 + rng.integers(0, 2, rows)
    ts = np.datetime64("1969-09-15", "D") + day.astype("timedelta64[D]")
    if unit != "D":
        ts = ts.astype(f"datetime64[{unit}]") + (rng.integers(0, 2, rows) * 5 * 3600 * (1000 if unit == "ms" else 1)).astype(
            f"timedelta64[{unit}]"
        )
    return pd.DataFrame(
        {
            "resident": [f"r{i}" for i in rng.integers(0, residents, rows)],
            "activity": [f"a{i}" for i in rng.integers(0, activities, rows)],
            "date": ts,
        }
    )


def build(df: pd.DataFrame, unit: str) -> wn.Network:
    return wn.Network.from_attendance(df, date="date", date_unit=unit)


# ---------------------------------------------------------------------------------------------
# pandas oracles
# ---------------------------------------------------------------------------------------------
def period_labels(ts: pd.Series, freq) -> pd.Series:
    if isinstance(freq, int):
        days = ts.dt.floor("D")
        first = days.min()
        start = first + pd.to_timedelta(((days - first).dt.days // freq) * freq, unit="D")
        return start.dt.strftime("%Y-%m-%d")
    return ts.dt.to_period(freq).astype(str)


def all_labels(ts: pd.Series, freq) -> list:
    if isinstance(freq, int):
        first = ts.min().floor("D")
        n = (ts.max().floor("D") - first).days // freq + 1
        return [(first + pd.Timedelta(days=freq * k)).strftime("%Y-%m-%d") for k in range(n)]
    return [str(p) for p in pd.period_range(ts.min().to_period(freq), ts.max().to_period(freq), freq=freq)]


def pairs_count(rows: pd.DataFrame, key: list, min_weight=None) -> int:
    """Distinct resident pairs sharing units (a pandas self-merge); weight = shared units."""
    u = rows[["resident"] + key].drop_duplicates()
    m = u.merge(u, on=key)
    m = m[m["resident_x"] < m["resident_y"]]
    w = m.groupby(["resident_x", "resident_y"]).size()
    if min_weight is not None:
        w = w[w >= min_weight]
    return len(w)


def growth_oracle(df: pd.DataFrame, freq, unit: str = "session", min_weight=None) -> pd.DataFrame:
    df = df.assign(period=period_labels(df["date"], freq))
    key = ["activity"] if unit == "activity" else ["activity", "date"]
    first = df.groupby("resident")["date"].min()
    df["new_here"] = df["period"].values == period_labels(first, freq).reindex(df["resident"]).values
    rows = []
    for label in all_labels(df["date"], freq):
        p = df[df["period"] == label]
        rows.append(
            {
                "period": label,
                "residents": p["resident"].nunique(),
                "activities": p["activity"].nunique(),
                "sessions": len(p[["activity", "date"]].drop_duplicates()),
                "attendances": len(p[["resident", "activity", "date"]].drop_duplicates()),
                "ties": pairs_count(p, key, min_weight),
                "new": p.loc[p["new_here"], "resident"].nunique(),
            }
        )
    out = pd.DataFrame(rows).set_index("period")
    out["returning"] = out["residents"] - out["new"]
    return out


def tie_oracle(df: pd.DataFrame, within: list, unit: str, k: int, upd: int) -> pd.DataFrame:
    d = df.assign(t=df["date"].astype("datetime64[ns]").astype("int64") // (86_400_000_000_000 // upd))
    key = ["activity"] if unit == "activity" else ["activity", "t"]
    first_in = d.groupby(["resident"] + key)["t"].min().rename("f").reset_index()
    if unit == "session":
        first_in = first_in.drop(columns="f").assign(f=first_in["t"])
    m = first_in.merge(first_in, on=key, suffixes=("_i", "_j"))
    m = m[m["resident_i"] != m["resident_j"]]
    m["when"] = np.maximum(m["f_i"], m["f_j"])
    m = m.sort_values("when", kind="stable")
    tie = m.groupby(["resident_i", "resident_j"])["when"].nth(k - 1)
    tie = m.loc[tie.index, ["resident_i", "when"]] if len(tie) else m.iloc[:0][["resident_i", "when"]]
    t0 = d.groupby("resident")["t"].min()
    end = d["t"].max()
    out = pd.DataFrame(index=t0.index)
    out["t0"] = t0
    for w in within:
        horizon = t0.reindex(tie["resident_i"]).to_numpy() + w * upd
        c = tie[tie["when"].to_numpy() <= horizon].groupby("resident_i").size()
        col = c.reindex(t0.index, fill_value=0).astype("Int64")
        col[t0 + w * upd > end] = pd.NA
        out[f"ties_{w}d"] = col
    ft = tie.groupby("resident_i")["when"].min().reindex(t0.index)
    out["days_to_first_tie"] = (ft - t0) / upd
    return out


# ---------------------------------------------------------------------------------------------
# periods, growth, retention
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("unit", ["D", "s", "ms"])
@pytest.mark.parametrize("freq", ["M", "Q", "Y", 10])
def test_growth_matches_pandas(unit, freq):
    df = dated_frame(1, unit)
    net = build(df, unit)
    got = wn.temporal.growth(net, freq=freq)
    want = growth_oracle(df, freq)
    assert got.index.tolist() == want.index.tolist()
    pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=False, check_names=False, check_index_type=False)
    assert (got["start"].diff().dropna() > pd.Timedelta(0)).all()
    assert (got["end"].iloc[:-1].to_numpy() == got["start"].iloc[1:].to_numpy()).all()


@pytest.mark.parametrize("projection", [{"unit": "session"}, {"min_weight": 2}, {"unit": "session", "min_weight": 2}])
def test_growth_projection_spec(projection):
    df = dated_frame(2, "D", rows=600)
    got = wn.temporal.growth(build(df, "D"), freq="M", projection=projection)
    want = growth_oracle(df, "M", unit=projection.get("unit", "session"), min_weight=projection.get("min_weight"))
    assert got["ties"].tolist() == want["ties"].tolist()


@pytest.mark.parametrize("unit", ["D", "ms"])
def test_periods_are_windows(unit):
    df = dated_frame(3, unit)
    net = build(df, unit)
    labels = period_labels(df["date"], "M")
    for cumulative in (False, True):
        parts = wn.temporal.periods(net, freq="M", cumulative=cumulative)
        assert [p for p, _ in parts] == all_labels(df["date"], "M")
        seen: set = set()
        for label, view in parts:
            now = set(df.loc[labels == label, "resident"])
            seen |= now
            assert set(view.residents) == (seen if cumulative else now)


def test_retention_matches_pandas():
    df = dated_frame(4, "s")
    got = wn.temporal.retention(build(df, "s"), freq="M")
    ap = df.assign(p=df["date"].dt.to_period("M"))[["resident", "p"]].drop_duplicates()
    nxt = ap.assign(p=ap["p"] - 1)
    retained = ap.merge(nxt, on=["resident", "p"]).groupby("p").size()
    prev = ap.merge(ap.assign(p=ap["p"] + 1), on=["resident", "p"]).groupby("p").size()
    active = ap.groupby("p").size()
    idx = pd.period_range(ap["p"].min(), ap["p"].max(), freq="M")
    assert got["active"].tolist() == active.reindex(idx, fill_value=0).tolist()
    assert got["retained"].tolist() == retained.reindex(idx, fill_value=0).tolist()
    assert got["from_previous"].tolist() == prev.reindex(idx, fill_value=0).tolist()
    rate = got["retained"] / got["active"]
    assert got["retention"].iloc[:-1].equals(rate.iloc[:-1].where(got["active"].iloc[:-1] > 0))
    assert np.isnan(got["retention"].iloc[-1])


# ---------------------------------------------------------------------------------------------
# survival
# ---------------------------------------------------------------------------------------------
def spells_oracle(df: pd.DataFrame, gap: float, upd: int) -> pd.DataFrame:
    t = df["date"].astype("datetime64[ns]").astype("int64") // (86_400_000_000_000 // upd)
    d = df.assign(t=t)[["resident", "t"]].drop_duplicates().sort_values(["resident", "t"])
    end = d["t"].max()
    g = gap * upd
    rows = {}
    for r, ts in d.groupby("resident")["t"]:
        ts = ts.to_numpy()
        breaks = np.nonzero(np.diff(ts) > g)[0]
        last = ts[breaks[0]] if len(breaks) else ts[-1]
        rows[r] = {"duration": (last - ts[0]) / upd, "dropped": bool(len(breaks)) or end - ts[-1] > g}
    return pd.DataFrame.from_dict(rows, orient="index")


def km_oracle(durations: np.ndarray, events: np.ndarray) -> pd.DataFrame:
    d = pd.DataFrame({"time": durations, "e": events.astype(int)})
    g = d.groupby("time")["e"].agg(["sum", "count"]).sort_index()
    n = len(d) - g["count"].cumsum().shift(fill_value=0)
    s = (1 - g["sum"] / n).cumprod()
    return pd.DataFrame(
        {"time": g.index.to_numpy(float), "at_risk": n.to_numpy(), "events": g["sum"].to_numpy(),
         "censored": (g["count"] - g["sum"]).to_numpy(), "survival": s.to_numpy()}
    )


@pytest.mark.parametrize("unit", ["D", "s"])
@pytest.mark.parametrize("gap", [7, 30, 90.5])
def test_spells_and_survival_match_pandas(unit, gap):
    df = dated_frame(5, unit, rows=300)
    net = build(df, unit)
    got = wn.temporal.spells(net, gap=gap)
    want = spells_oracle(df, gap, UPD[unit]).reindex(got.index)
    assert np.allclose(got["duration"], want["duration"], rtol=0, atol=0)
    assert got["dropped"].tolist() == want["dropped"].tolist()
    km = wn.temporal.survival(net, gap=gap)
    ok = km_oracle(want["duration"].to_numpy(), want["dropped"].to_numpy())
    pd.testing.assert_frame_equal(km[ok.columns], ok, check_dtype=False, rtol=1e-12)


def test_survival_by_group():
    df = dated_frame(6, "D", rows=300)
    net = build(df, "D")
    group = pd.Series({r: ("even" if int(r[1:]) % 2 == 0 else "odd") for r in df["resident"].unique()}, name="parity")
    km = wn.temporal.survival(net, gap=30, by=group)
    sp = wn.temporal.spells(net, gap=30)
    for g, sub in km.groupby("parity"):
        keep = group.reindex(sp.index) == g
        ok = km_oracle(sp.loc[keep, "duration"].to_numpy(), sp.loc[keep, "dropped"].to_numpy())
        assert np.allclose(sub["survival"].to_numpy(), ok["survival"].to_numpy(), rtol=1e-12)


# ---------------------------------------------------------------------------------------------
# tie formation
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("unit", ["D", "s", "ms"])
@pytest.mark.parametrize("tie_unit", ["session", "activity"])
@pytest.mark.parametrize("k", [1, 2])
def test_tie_formation_matches_pandas(unit, tie_unit, k):
    df = dated_frame(7, unit, rows=300)
    within = [0, 30, 90, 180]
    got = wn.temporal.tie_formation(build(df, unit), within=within, projection={"unit": tie_unit, "min_weight": k})
    want = tie_oracle(df, within, tie_unit, k, UPD[unit]).reindex(got.index)
    for w in within:
        pd.testing.assert_series_equal(got[f"ties_{w}d"], want[f"ties_{w}d"], check_names=False)
    assert np.array_equal(got["days_to_first_tie"].to_numpy(), want["days_to_first_tie"].to_numpy(), equal_nan=True)
    t0 = df.groupby("resident")["date"].min().reindex(got.index)
    assert (got["first_date"] == t0).all()


def test_tie_formation_summary_by_group_and_joined():
    df = dated_frame(8, "D", rows=300)
    net = build(df, "D")
    t = wn.temporal.tie_formation(net, within=[30, 90], projection={"unit": "session"})
    group = pd.Series({r: int(r[1:]) % 3 for r in df["resident"].unique()})
    s = wn.temporal.tie_formation_summary(net, within=[30, 90], projection={"unit": "session"}, min_ties=2, by=group,
                                          joined=("1969-10-01", "1970-03-01"))
    lo, hi = pd.Timestamp("1969-10-01"), pd.Timestamp("1970-03-01")
    for _, row in s.iterrows():
        sel = t[(group.reindex(t.index) == row.iloc[0]).to_numpy() & (t["first_date"] >= lo).to_numpy() & (t["first_date"] < hi).to_numpy()]
        col = sel[f"ties_{int(row['within'])}d"].dropna()
        assert row["newcomers"] == len(col)
        assert row["with_ties"] == int((col >= 2).sum())
    overall = wn.temporal.tie_formation_summary(net, within=[30], projection={"unit": "session"})
    col = t["ties_30d"].dropna()
    assert overall.loc[0, "share"] == (col >= 1).mean()


# ---------------------------------------------------------------------------------------------
# persistence
# ---------------------------------------------------------------------------------------------
def test_persistence_matches_sets():
    df = dated_frame(9, "D", rows=500)
    net = build(df, "D")
    g1 = net.window(None, "1970-01-01").project()
    g2 = net.window("1970-01-01", None).project()
    e = lambda g: {frozenset(p) for p in zip(g.edges()["source"], g.edges()["target"])}  # noqa: E731
    s1, s2 = e(g1), e(g2)
    p = wn.temporal.persistence(g1, g2)
    assert (p["kept"], p["lost"], p["gained"]) == (len(s1 & s2), len(s1 - s2), len(s2 - s1))
    assert p["jaccard"] == len(s1 & s2) / len(s1 | s2)
    assert p["common_nodes"] == len(set(g1.nodes) & set(g2.nodes))
    t = wn.temporal.persistence_ties(g1, g2)
    got = {frozenset((a, b)): s for a, b, s in zip(t["source"], t["target"], t["status"])}
    want = {k: "kept" for k in s1 & s2} | {k: "lost" for k in s1 - s2} | {k: "gained" for k in s2 - s1}
    assert got == want


# ---------------------------------------------------------------------------------------------
# before/after
# ---------------------------------------------------------------------------------------------
def test_compare_observed_values_match_networkx():
    import networkx as nx

    df = dated_frame(10, "D", rows=500, residents=60)
    net = build(df, "D")
    before, after = (None, "1970-01-01"), ("1970-01-01", None)
    c = wn.temporal.compare(net, before=before, after=after, n=200, seed=3)
    for col, (lo, hi) in (("before", before), ("after", after)):
        G = net.window(lo, hi).project().to_networkx()
        n = G.number_of_nodes()
        degs = np.array([d for _, d in G.degree()])
        comps = sorted((len(x) for x in nx.connected_components(G)), reverse=True)
        want = {
            "mean_degree": degs.mean(),
            "share_with_tie": (degs > 0).mean(),
            "mean_clustering": nx.average_clustering(G),
            "density": nx.density(G),
            "components": len(comps),
            "largest_component_share": comps[0] / n,
        }
        for m, v in want.items():
            assert c.summary.loc[m, col] == pytest.approx(v, rel=1e-12)
    # paired deltas: residents in both windows
    gb, ga = net.window(*before).project(), net.window(*after).project()
    both = [r for r in gb.nodes if r in set(ga.nodes)]
    assert sorted(c.paired.index) == sorted(both)
    db, da = wn.degree(gb), wn.degree(ga)
    assert (c.paired["degree_delta"] == (da.reindex(c.paired.index) - db.reindex(c.paired.index))).all()
    assert (c.residents["before"], c.residents["after"], c.residents["both"]) == (gb.number_of_nodes(), ga.number_of_nodes(), len(both))
    # the same seed gives the same intervals on any number of threads
    c1 = wn.temporal.compare(net, before=before, after=after, n=200, seed=3, threads=1)
    pd.testing.assert_frame_equal(c.replicates, c1.replicates)
    assert (c.summary["ci_low"] <= c.summary["ci_high"]).all()


def configuration_register(seed: int, lam_before: float, lam_after: float, n: int = 300, shift: int = 100) -> pd.DataFrame:
    """Two periods of a configuration model with independent Poisson degrees (residents are
    independent units). Residents 0..n−1 before, shift..shift+n−1 after (some leave, some
    join). Everyone also attends a solo activity, so every resident of a period is present."""
    rng = np.random.default_rng(seed)
    rows = []
    for period, lam, ids, date in (("b", lam_before, np.arange(n), "2024-01-10"), ("a", lam_after, np.arange(shift, shift + n), "2024-07-10")):
        stubs = np.repeat(ids, rng.poisson(lam, n))
        rng.shuffle(stubs)
        if len(stubs) % 2:
            stubs = stubs[:-1]
        for k, (x, y) in enumerate(stubs.reshape(-1, 2)):
            rows += [(x, f"{period}{k}", date)] + ([(y, f"{period}{k}", date)] if y != x else [])
        rows += [(i, f"{period}solo{i}", date) for i in ids]
    return pd.DataFrame(rows, columns=["resident", "activity", "date"])


def test_bootstrap_covers_known_difference_of_per_resident_mean():
    """95% interval of the mean distinct co-participants: true difference 1.0 (λ 3 → 4)."""
    hits = 0
    seeds = range(120)
    for s in seeds:
        df = configuration_register(s, 3.0, 4.0)
        net = wn.Network.from_attendance(df, date="date")
        c = wn.temporal.compare(net, before=(None, "2024-04-01"), after=("2024-04-01", None),
                                metrics=["mean_degree"], n=1000, seed=s)
        lo, hi = c.summary.loc["mean_degree", ["ci_low", "ci_high"]]
        hits += lo <= 1.0 <= hi
    coverage = hits / len(seeds)
    assert 0.90 <= coverage <= 0.99, coverage


# ---------------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------------
def test_errors():
    undated = wn.Network.from_attendance(pd.DataFrame({"resident": ["a"], "activity": ["x"]}))
    with pytest.raises(wn.ArgumentError, match="no dates"):
        wn.temporal.growth(undated)
    net = build(dated_frame(11, "D", rows=50), "D")
    for bad in ("W", 0, -3, "0D", 1.5, True):
        with pytest.raises(wn.ArgumentError, match="freq"):
            wn.temporal.periods(net, freq=bad)
    with pytest.raises(wn.ArgumentError, match="unknown key"):
        wn.temporal.growth(net, projection={"weigth": "count"})
    with pytest.raises(wn.ArgumentError, match="weight"):
        wn.temporal.growth(net, projection={"weight": "nope"})
    with pytest.raises(wn.ArgumentError, match="within"):
        wn.temporal.tie_formation(net, within=[-1])
    with pytest.raises(wn.ArgumentError, match="unit"):
        wn.temporal.tie_formation(net, projection={"unit": "week"})
    with pytest.raises(wn.ArgumentError, match="min_weight"):
        wn.temporal.tie_formation(net, projection={"min_weight": 0})
    with pytest.raises(wn.ArgumentError, match="gap"):
        wn.temporal.survival(net, gap=-1)
    with pytest.raises(wn.ArgumentError, match="metric"):
        wn.temporal.compare(net, before=(None, None), after=(None, None), metrics=["nope"])
    with pytest.raises(wn.ArgumentError, match="before"):
        wn.temporal.compare(net, before="2024", after=(None, None))
    with pytest.raises(wn.ArgumentError, match="Graph"):
        wn.temporal.persistence(net, net)
    with pytest.raises(wn.ColumnNotFoundError):
        wn.temporal.survival(net, by="nope")


# ---------------------------------------------------------------------------------------------
# real data: Ask Ubuntu (ms), first 20,000 rows
# ---------------------------------------------------------------------------------------------
def test_real_data_slice_matches_pandas(ubuntu_frame):
    df = ubuntu_frame.assign(date=pd.to_datetime(ubuntu_frame["time"], unit="ms"))[["resident", "activity", "date"]]
    net = wn.Network.from_attendance(df, resident="resident", activity="activity", date="date", date_unit="ms")
    got = wn.temporal.growth(net, freq="M")
    want = growth_oracle(df, "M")
    pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=False, check_names=False, check_index_type=False)
    within = [30, 90, 180]
    t = wn.temporal.tie_formation(net, within=within, projection={"unit": "activity"})
    o = tie_oracle(df, within, "activity", 1, UPD["ms"]).reindex(t.index)
    for w in within:
        pd.testing.assert_series_equal(t[f"ties_{w}d"], o[f"ties_{w}d"], check_names=False)
    assert np.array_equal(t["days_to_first_tie"].to_numpy(), o["days_to_first_tie"].to_numpy(), equal_nan=True)


def test_compare_records_a_fresh_seed_and_reads_well():
    df = dated_frame(10, "D", rows=300, residents=40)
    net = build(df, "D")
    before, after = (None, "1970-01-01"), ("1970-01-01", None)
    c = wn.temporal.compare(net, before=before, after=after, n=20, progress=False)
    assert isinstance(c.seed, int)
    again = wn.temporal.compare(net, before=before, after=after, n=20, seed=c.seed, progress=False)
    pd.testing.assert_frame_equal(c.summary, again.summary)
    assert c.to_frame() is c.summary
    assert f"seed {c.seed}" in repr(c) and "<table" in c._repr_html_()
