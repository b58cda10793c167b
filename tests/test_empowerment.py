"""wn.empowerment against independent pandas recomputations from the register table
(``net.to_frame()``), a hand-written Kaplan–Meier, a double-sum Gini and networkx for network
position; hand-built registers with known answers; hypothesis for the invariants (monotone
trajectories, survival non-increasing in [0, 1])."""

from __future__ import annotations

import doctest

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import HYP
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn

UPD = {"D": 1, "s": 86_400, "ms": 86_400_000}
ROLES = ["participant", "volunteer", "organiser"]
RANK = {r: i for i, r in enumerate(ROLES)}


def role_frame(
    seed: int, unit: str = "D", *, residents: int = 30, activities: int = 6, rows: int = 300
) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    act = rng.integers(0, activities, rows)
    day = rng.integers(0, 50, rows) * 7 + act  # one session per activity and week
    ts = np.datetime64("2024-01-01", "D") + day.astype("timedelta64[D]")
    if unit != "D":
        ts = ts.astype(f"datetime64[{unit}]")
    return pd.DataFrame(
        {
            "resident": [f"r{i}" for i in rng.integers(0, residents, rows)],
            "activity": [f"a{i}" for i in act],
            "date": ts,
            "role": rng.choice(ROLES, rows, p=[0.7, 0.2, 0.1]),
        }
    )


def build(df: pd.DataFrame, unit: str = "D") -> wn.Network:
    df = df.drop_duplicates(["resident", "activity", "date"])  # one role per attendance
    return wn.Network.from_attendance(df, date="date", role="role", date_unit=unit)


def register(net: wn.Network) -> pd.DataFrame:
    """The register as the oracle sees it: one row per (resident, session) with role rank and
    activity order (first seen in the register)."""
    df = net.to_frame().copy()
    df["rank"] = df["role"].astype(str).map(RANK)
    order = {a: i for i, a in enumerate(net.activities)}
    df["act_order"] = df["activity"].astype(object).map(order)
    df["resident"] = df["resident"].astype(object)
    df["activity"] = df["activity"].astype(object)
    return df


def first_in(df: pd.DataFrame, rank: int) -> pd.DataFrame:
    """Per resident: date and activity of the first attendance with role rank ≥ ``rank``
    (ties on the date: the activity seen first)."""
    sub = df[df["rank"] >= rank].sort_values(["date", "act_order"])
    return sub.groupby("resident").first()[["date", "activity"]]


# ---------------------------------------------------------------------------------------------
# hand-built registers
# ---------------------------------------------------------------------------------------------
def hand() -> wn.Network:
    df = pd.DataFrame(
        [
            ("ann", "dance", "2025-01-01", "participant"),
            ("ann", "dance", "2025-01-11", "volunteer"),
            ("ann", "dance", "2025-02-20", "participant"),
            ("bob", "dance", "2025-01-01", "participant"),
            ("bob", "dance", "2025-01-21", "participant"),
            ("cas", "yoga", "2025-01-01", "organiser"),
            ("dee", "dance", "2025-01-01", "participant"),
            ("dee", "yoga", "2025-01-31", "organiser"),
        ],
        columns=["resident", "activity", "date", "role"],
    )
    df = df.drop_duplicates(["resident", "activity", "date"])
    return wn.Network.from_attendance(df, date="date", role="role")


def test_trajectories_by_hand():
    t = wn.empowerment.trajectories(hand())
    assert list(t.index) == ["ann", "bob", "cas", "dee"]
    assert t["highest"].astype(str).tolist() == ["volunteer", "participant", "organiser", "organiser"]
    assert t["days_to_volunteer"].tolist()[0] == 10.0
    assert np.isnan(t.loc["bob", "days_to_volunteer"])
    assert t.loc["cas", "days_to_volunteer"] == 0.0 and t.loc["cas", "days_to_organiser"] == 0.0
    assert t.loc["dee", "days_to_organiser"] == 30.0
    assert t.loc["dee", "organiser_activity"] == "yoga" and t.loc["ann", "volunteer_activity"] == "dance"
    assert pd.isna(t.loc["ann", "organiser_activity"])
    assert t.loc["dee", "first_organiser"] == pd.Timestamp("2025-01-31")
    assert pd.isna(t.loc["ann", "first_organiser"])
    assert t["highest"].cat.ordered


def test_role_uptake_by_hand():
    u = wn.empowerment.role_uptake(hand())
    # ann 10 (event), bob censored at his last attendance (20), cas 0, dee 30
    assert u.residents["days"].tolist() == [10.0, 20.0, 0.0, 30.0]
    assert u.residents["taken"].tolist() == [True, False, True, True]
    assert u.table["survival"].tolist() == [0.75, 0.5, 0.5, 0.0]
    assert (u.share, u.median, u.n) == (0.75, 10.0, 4)
    o = wn.empowerment.role_uptake(hand(), role="organiser")
    assert o.residents["days"].tolist() == [50.0, 20.0, 0.0, 30.0]  # ann censored at her last attendance
    assert (o.share, o.median) == (0.5, 30.0)
    assert "RoleUptake" in repr(o) and "<div>" in o._repr_html_()
    assert o.to_frame() is o.table


def test_organiser_load_by_hand():
    load = wn.empowerment.organiser_load(hand())
    assert load.sessions.to_dict() == {"cas": 1, "dee": 1}
    assert (load.total, load.n, load.top_share, load.gini) == (2, 2, 1.0, 0.0)
    assert load.to_frame()["share"].tolist() == [0.5, 0.5]
    assert "2 organisers" in repr(load)


def test_organiser_load_needs_no_dates():
    df = pd.DataFrame(
        {
            "resident": ["a", "a", "b"],
            "activity": ["x", "y", "x"],
            "role": ["organiser", "organiser", "participant"],
        }
    )
    load = wn.empowerment.organiser_load(wn.Network.from_attendance(df, role="role"))
    assert load.sessions.to_dict() == {"a": 2} and load.gini == 0.0


def test_position_change_by_hand():
    rows = [
        ("ann", "dance", -30, "participant"),
        ("cas", "dance", -30, "participant"),
        ("ann", "dance", 0, "participant"),
        ("bob", "dance", 0, "participant"),
        ("bob", "chess", 5, "participant"),
        ("hal", "chess", 5, "participant"),
        ("ann", "yoga", 10, "volunteer"),
        ("cas", "yoga", 10, "participant"),
        ("dee", "yoga", 10, "participant"),
        ("eve", "yoga", 10, "participant"),
        ("eve", "cards", 20, "participant"),
        ("fay", "cards", 20, "participant"),
        ("ann", "yoga", 40, "participant"),
        ("gus", "yoga", 40, "participant"),
    ]
    df = pd.DataFrame(rows, columns=["resident", "activity", "day", "role"])
    df["date"] = np.datetime64("2025-01-01") + df["day"].to_numpy().astype("timedelta64[D]")
    net = wn.Network.from_attendance(df, date="date", role="role")
    p = wn.empowerment.position_change(net, window=30, progress=False)
    assert p.table.index.tolist() == ["ann"]
    row = p.table.loc["ann"]
    assert (row["degree_before"], row["degree_after"], row["reach_before"], row["reach_after"]) == (
        1,
        3,
        2,
        4,
    )
    assert (p.mean_degree_change, p.mean_reach_change, p.n) == (2.0, 2.0, 1)
    assert p.table.loc["ann", "role_date"] == pd.Timestamp("2025-01-11")
    assert "1 residents" in repr(p)


def test_undated_and_wrong_arguments_are_argument_errors():
    undated = wn.datasets.davis_southern_women()
    for fn in (
        wn.empowerment.trajectories,
        wn.empowerment.role_uptake,
        wn.empowerment.new_organisers,
        wn.empowerment.position_change,
    ):
        with pytest.raises(wn.ArgumentError, match="dates"):
            fn(undated)
    net = hand()
    with pytest.raises(wn.ArgumentError, match="role"):
        wn.empowerment.role_uptake(net, role="participant")
    with pytest.raises(wn.ArgumentError, match="window"):
        wn.empowerment.position_change(net, window=0)
    with pytest.raises(wn.ArgumentError, match="top"):
        wn.empowerment.organiser_load(net, top=0)
    with pytest.raises(wn.ArgumentError, match="freq"):
        wn.empowerment.new_organisers(net, freq="W")
    with pytest.raises(wn.ArgumentError, match="Network"):
        wn.empowerment.trajectories(net.project())
    assert wn.empowerment.role_uptake(net, role="organizer").role == "organiser"


# ---------------------------------------------------------------------------------------------
# pandas oracles on random registers
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed,unit", [(0, "D"), (1, "s"), (2, "ms"), (3, "D")])
def test_trajectories_against_the_register_table(seed, unit):
    net = build(role_frame(seed, unit), unit)
    df = register(net)
    t = wn.empowerment.trajectories(net)
    g = df.groupby("resident")
    assert sorted(t.index) == sorted(g.groups)
    first = g["date"].min()
    high = g["rank"].max().map(lambda k: ROLES[k])
    vol, org = first_in(df, 1), first_in(df, 2)
    for r in t.index:
        assert t.loc[r, "first"] == first[r]
        assert t.loc[r, "highest"] == high[r]
        for name, f in (("volunteer", vol), ("organiser", org)):
            if r in f.index:
                assert t.loc[r, f"first_{name}"] == f.loc[r, "date"]
                assert t.loc[r, f"{name}_activity"] == f.loc[r, "activity"]
                want = (f.loc[r, "date"] - first[r]) / pd.Timedelta(days=1)
                assert t.loc[r, f"days_to_{name}"] == pytest.approx(want, rel=1e-12, abs=0)
            else:
                assert pd.isna(t.loc[r, f"first_{name}"]) and np.isnan(t.loc[r, f"days_to_{name}"])
                assert pd.isna(t.loc[r, f"{name}_activity"])


def km_oracle(days: np.ndarray, events: np.ndarray) -> pd.DataFrame:
    rows, s = [], 1.0
    for t in np.unique(days):
        n = int((days >= t).sum())
        d = int(((days == t) & events).sum())
        c = int(((days == t) & ~events).sum())
        s *= 1 - d / n
        rows.append((t, n, d, c, s))
    return pd.DataFrame(rows, columns=["time", "at_risk", "events", "censored", "survival"])


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("role", ["volunteer", "organiser"])
def test_role_uptake_against_a_hand_written_kaplan_meier(seed, role):
    net = build(role_frame(10 + seed))
    df = register(net)
    g = df.groupby("resident")
    first, last = g["date"].min(), g["date"].max()
    f = first_in(df, RANK[role])
    taken = first.index.isin(f.index)
    end = pd.Series(last.to_numpy(), index=first.index)
    end[taken] = f.loc[first.index[taken], "date"].to_numpy()
    days = ((end - first) / pd.Timedelta(days=1)).to_numpy(float)
    u = wn.empowerment.role_uptake(net, role=role)
    got = u.residents.loc[first.index]
    np.testing.assert_array_equal(got["days"].to_numpy(), days)
    np.testing.assert_array_equal(got["taken"].to_numpy(), taken)
    want = km_oracle(days, taken)
    pd.testing.assert_frame_equal(
        u.table[want.columns].reset_index(drop=True), want, check_dtype=False, rtol=1e-12
    )
    assert u.share == pytest.approx(taken.mean(), rel=1e-15)
    below = want[want["survival"] <= 0.5]
    assert (np.isnan(u.median) and below.empty) or u.median == below["time"].iloc[0]
    # the same estimate as wn.temporal's Kaplan–Meier (one home)
    same = wn.temporal._km(days, taken)
    pd.testing.assert_frame_equal(u.table[same.columns], same)


@pytest.mark.parametrize("freq", ["M", "Q", 30])
def test_new_organisers_against_the_register_table(freq):
    net = build(role_frame(20))
    df = register(net)
    firsts = first_in(df, 2)["date"]
    n = wn.empowerment.new_organisers(net, freq=freq)
    periods = wn.temporal.growth(net, freq=freq)
    assert n.index.tolist() == periods.index.tolist()
    for label, row in n.iterrows():
        assert row["new"] == ((firsts >= row["start"]) & (firsts < row["end"])).sum(), label
    assert n["cumulative"].tolist() == n["new"].cumsum().tolist()
    assert n["cumulative"].iloc[-1] == len(firsts)


def gini_double_sum(x: np.ndarray) -> float:
    x = np.asarray(x, dtype=float)
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean()))


@pytest.mark.parametrize("seed", range(4))
def test_organiser_load_against_the_register_table(seed):
    net = build(role_frame(30 + seed))
    df = register(net)
    want = df[df["rank"] == 2].groupby("resident").size()
    load = wn.empowerment.organiser_load(net)
    assert load.sessions.to_dict() == want.to_dict()
    assert load.sessions.is_monotonic_decreasing
    assert load.total == want.sum() and load.n == len(want)
    assert load.top_share == pytest.approx(
        want.sort_values(ascending=False).head(5).sum() / want.sum(), rel=1e-15
    )
    assert load.gini == pytest.approx(gini_double_sum(want.to_numpy()), rel=1e-12)


def test_gini_by_hand():
    df = pd.DataFrame(
        {
            "resident": ["a"] * 4 + ["b", "c", "d"],
            "activity": ["x"] * 7,
            "date": ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"] + ["2025-01-01"] * 3,
            "role": ["organiser"] * 4 + ["organiser", "participant", "participant"],
        }
    )
    load = wn.empowerment.organiser_load(wn.Network.from_attendance(df, date="date", role="role"), top=1)
    # loads 4 and 1: Σ|x_i − x_j| = 6, 2 n² x̄ = 2 · 4 · 2.5 = 20
    assert load.gini == pytest.approx(0.3, rel=1e-15)
    assert load.top_share == 0.8


@pytest.mark.parametrize("seed", range(3))
def test_position_change_against_networkx(seed):
    net = build(role_frame(40 + seed, residents=25, rows=250))
    df = register(net)
    p = wn.empowerment.position_change(net, window=45, progress=False)
    t = wn.empowerment.trajectories(net)
    expected = t.index[(t["days_to_volunteer"] > 0).to_numpy()]
    assert sorted(p.table.index) == sorted(expected)

    def position(r, lo, hi):
        sub = df[(df["date"] >= lo) & (df["date"] < hi)]
        g = nx.Graph()
        for _, members in sub.groupby(["activity", "date"])["resident"]:
            m = list(members)
            g.add_edges_from((m[i], m[j]) for i in range(len(m)) for j in range(i + 1, len(m)))
        if r not in g:
            return 0, 0
        return g.degree(r), len(nx.single_source_shortest_path_length(g, r, cutoff=2)) - 1

    w = pd.Timedelta(days=45)
    for r, row in p.table.iterrows():
        d = row["role_date"]
        assert d == t.loc[r, "first_volunteer"]
        assert (row["degree_before"], row["reach_before"]) == position(r, d - w, d)
        assert (row["degree_after"], row["reach_after"]) == position(r, d, d + w)
    if p.n:
        assert p.mean_degree_change == pytest.approx(p.table["degree_change"].mean(), rel=1e-12)
        assert p.mean_reach_change == pytest.approx(p.table["reach_change"].mean(), rel=1e-12)


def test_position_change_follows_the_projection():
    net = build(role_frame(50))
    strict = wn.empowerment.position_change(net, window=60, projection={"unit": "session", "min_weight": 2})
    loose = wn.empowerment.position_change(net, window=60)
    assert strict.table.index.equals(loose.table.index)
    assert (strict.table["degree_before"] <= loose.table["degree_before"]).all()
    assert (strict.table["degree_after"] <= loose.table["degree_after"]).all()


# ---------------------------------------------------------------------------------------------
# invariants (hypothesis)
# ---------------------------------------------------------------------------------------------
registers = st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 3), st.integers(0, 60), st.sampled_from(ROLES)),
    min_size=1,
    max_size=60,
)


def _net(rows) -> wn.Network:
    df = pd.DataFrame(rows, columns=["resident", "activity", "day", "role"])
    df["date"] = np.datetime64("2025-01-01") + df["day"].to_numpy().astype("timedelta64[D]")
    df = df.drop_duplicates(["resident", "activity", "date"])
    return wn.Network.from_attendance(df, date="date", role="role")


@HYP
@given(registers)
def test_trajectories_are_monotone(rows):
    t = wn.empowerment.trajectories(_net(rows))
    v, o = t["first_volunteer"], t["first_organiser"]
    assert (v.isna() | (v >= t["first"])).all()
    assert (o.isna() | (o >= t["first"])).all()
    assert (o.isna() | (o >= v)).all()
    assert (t["days_to_volunteer"].isna() | (t["days_to_volunteer"] >= 0)).all()
    assert (v.notna() == (t["highest"] >= "volunteer")).all()
    assert (o.notna() == (t["highest"] == "organiser")).all()


@HYP
@given(registers, st.sampled_from(["volunteer", "organiser"]))
def test_role_uptake_survival_is_non_increasing_in_the_unit_interval(rows, role):
    u = wn.empowerment.role_uptake(_net(rows), role=role)
    s = u.table["survival"].to_numpy()
    assert ((s >= 0) & (s <= 1)).all()
    assert (np.diff(np.concatenate([[1.0], s])) <= 0).all()
    assert (u.table["ci_low"] <= s + 1e-12).all() and (s <= u.table["ci_high"] + 1e-12).all()
    assert u.table["events"].sum() == u.residents["taken"].sum()
    assert 0 <= u.share <= 1


# ---------------------------------------------------------------------------------------------
# docstring examples
# ---------------------------------------------------------------------------------------------
def _doctests() -> list:
    import wijknet.empowerment as mod

    return [t for t in doctest.DocTestFinder(exclude_empty=True).find(mod) if t.examples]


@pytest.mark.parametrize("test", _doctests(), ids=lambda t: t.name)
def test_docstring_examples(test: doctest.DocTest) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, f"{test.name} failed its example"
