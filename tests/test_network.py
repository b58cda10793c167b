"""Network: building from tables and files, summaries, duplicates, roles, views, attributes,
the bundled data sets. Oracles are pandas computations on the input table."""

from __future__ import annotations

import datetime as dt
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import (
    UNITS,
    WEIGHTS,
    assert_weights_equal,
    edge_map,
    first_seen,
    nx_projection,
    random_register,
)

import wijknet as wn

ROLE_CODE = {"participant": 0, "volunteer": 1, "organiser": 2}


@pytest.fixture(params=["str", "int"])
def register(request) -> pd.DataFrame:
    """A dated register with roles and repeated (resident, session) rows."""
    df = random_register(3, residents=60, activities=9, rows=500, ids=request.param, dated=True, days=10, roles=True)
    assert df.duplicated(["resident", "activity", "date"]).any()
    return df


def build(df: pd.DataFrame, **kw) -> wn.Network:
    if hasattr(df, "column_names"):  # pyarrow
        names = list(df.column_names)
    elif isinstance(df, dict):
        names = list(df)
    else:  # pandas, polars
        names = list(df.columns)
    kw.setdefault("date", "date" if "date" in names else None)
    kw.setdefault("role", "role" if "role" in names else None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return wn.Network.from_attendance(df, **kw)


def expand(frame: pd.DataFrame) -> pd.DataFrame:
    """to_frame() rows repeated by their count (the input rows they stand for)."""
    return frame.loc[frame.index.repeat(frame["count"])].drop(columns="count").reset_index(drop=True)


def assert_same_projections(a: wn.Network, b: wn.Network, *, same_order: bool = True) -> None:
    for unit in UNITS if a.date_unit else ("activity",):
        for weight in WEIGHTS:
            ga, gb = a.project(weight=weight, unit=unit), b.project(weight=weight, unit=unit)
            if same_order:
                assert ga.nodes.tolist() == gb.nodes.tolist()
            else:
                assert set(ga.nodes.tolist()) == set(gb.nodes.tolist())
            # newman sums run in unit order, which may differ between two networks: 1e-12
            assert_weights_equal(edge_map(ga), edge_map(gb))


def summary_fields(net: wn.Network) -> dict:
    s = net.summary()
    keys = ["residents", "activities", "sessions", "attendances", "participations", "first_date", "last_date",
            "participant", "volunteer", "organiser"]
    out = {k: s[k] for k in keys}
    for k in ("first_date", "last_date"):  # day dates come back as datetime.date
        out[k] = None if out[k] is None else pd.Timestamp(out[k])
    return out


def pandas_summary(df: pd.DataFrame) -> dict:
    """The expected summary of a (dated, roled) register, computed with pandas."""
    att = df.assign(code=df["role"].map(ROLE_CODE)).groupby(["resident", "activity", "date"], sort=False)["code"].max()
    roles = att.value_counts()
    return {
        "residents": df["resident"].nunique(),
        "activities": df["activity"].nunique(),
        "sessions": len(df.drop_duplicates(["activity", "date"])),
        "attendances": len(att),
        "participations": len(df.drop_duplicates(["resident", "activity"])),
        "first_date": df["date"].min(),
        "last_date": df["date"].max(),
        "participant": int(roles.get(0, 0)),
        "volunteer": int(roles.get(1, 0)),
        "organiser": int(roles.get(2, 0)),
    }


# ---------------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------------


def test_pandas_polars_arrow_and_dict_give_the_same_network(register):
    import polars as pl
    import pyarrow as pa

    ref = build(register)
    inputs = {
        "polars": pl.from_pandas(register),
        "arrow": pa.Table.from_pandas(register, preserve_index=False),
        "dict of lists": {k: register[k].tolist() for k in register},
        "dict of arrays": {k: register[k].to_numpy() for k in register},
    }
    for name, data in inputs.items():
        net = build(data)
        assert net == ref, name
        assert net.residents.tolist() == ref.residents.tolist(), name
    assert not (ref != ref)
    other = build(register.iloc[:-1])
    assert other != ref


def test_ids_are_returned_as_given(register):
    net = build(register)
    ints = register["resident"].dtype.kind == "i"
    assert net.residents.tolist() == first_seen(register["resident"])
    assert net.activities.tolist() == first_seen(register["activity"])
    assert net.residents.dtype == (np.int64 if ints else object)
    assert all(isinstance(x, int if ints else str) for x in net.residents.tolist())
    g = net.project()
    assert g.nodes.tolist() == net.residents.tolist()
    e = g.edges()
    assert set(e["source"]).union(e["target"]) <= set(register["resident"].tolist())
    frame = net.to_frame()
    assert set(frame["resident"].tolist()) == set(register["resident"].tolist())
    assert set(frame["activity"].tolist()) == set(register["activity"].tolist())


def test_to_frame_round_trip_gives_equal_projections_and_summary(register):
    net = build(register)
    frame = net.to_frame()
    assert list(frame.columns) == ["resident", "activity", "date", "role", "count"]
    # the register, deduplicated per (resident, session), with the repeats counted
    expected = register.groupby(["resident", "activity", "date"], sort=False).size()
    got = frame.set_index(["resident", "activity", "date"])["count"]
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()
    again = build(expand(frame))
    assert_same_projections(net, again)
    assert again.summary().to_dict() == net.summary().to_dict()
    assert again.to_frame().sort_values(["resident", "activity", "date"]).reset_index(drop=True).equals(
        frame.sort_values(["resident", "activity", "date"]).reset_index(drop=True)
    )


def test_to_frame_round_trip_davis_is_equal_but_for_activity_order():
    net = wn.datasets.davis_southern_women()
    again = wn.Network.from_attendance(net.to_frame())
    assert_same_projections(net, again)
    assert again.residents.tolist() == net.residents.tolist()
    assert sorted(again.activities.tolist()) == sorted(net.activities.tolist())


def test_to_frame_round_trip_gives_an_equal_network():
    net = wn.datasets.davis_southern_women()
    again = wn.Network.from_attendance(net.to_frame())
    assert again.activities.tolist() == net.activities.tolist()
    assert again == net
    # a view's table lists only its own ids (unused categories are left out)
    view = net.filter(activities=net.activities[3:7])
    rebuilt = wn.Network.from_attendance(view.to_frame())
    assert rebuilt.activities.tolist() == net.activities[3:7].tolist()
    assert set(rebuilt.residents) == set(view.to_frame()["resident"].astype(object))


def test_summary_against_pandas(register):
    net = build(register)
    s = net.summary()
    assert summary_fields(net) == pandas_summary(register)
    assert s["input_rows"] == len(register)
    assert s["duplicates_found"] == int(register.duplicated(["resident", "activity", "date"]).sum())
    assert isinstance(s["first_date"], dt.date) and isinstance(s["last_date"], dt.date)
    assert net.date_unit == "D"


def test_summary_undated_register():
    df = pd.DataFrame({"resident": ["a", "b", "a", "a"], "activity": ["x", "x", "y", "x"]})
    s = wn.Network.from_attendance(df).summary()
    assert s["residents"] == 2 and s["activities"] == 2 and s["sessions"] == 2
    assert s["attendances"] == 3 and s["duplicates_found"] == 1 and s["input_rows"] == 4
    assert s["first_date"] is None and s["last_date"] is None
    assert s["participant"] == 3 and s["volunteer"] == 0 and s["organiser"] == 0


# ---------------------------------------------------------------------------------------------
# duplicates and roles
# ---------------------------------------------------------------------------------------------


def test_duplicates_count(register):
    net = build(register, duplicates="count")
    frame = net.to_frame()
    sizes = register.groupby(["resident", "activity", "date"]).size()
    assert frame["count"].sum() == len(register)
    assert frame.set_index(["resident", "activity", "date"])["count"].sort_index().to_dict() == sizes.to_dict()


def test_duplicates_drop_warns_and_keeps_one(register):
    dups = int(register.duplicated(["resident", "activity", "date"]).sum())
    with pytest.warns(UserWarning, match=rf"{dups} repeated .* dropped"):
        net = wn.Network.from_attendance(register, date="date", role="role", duplicates="drop")
    frame = net.to_frame()
    assert (frame["count"] == 1).all()
    assert len(frame) == len(register) - dups
    assert net.summary()["duplicates_found"] == dups
    # dropping repeats does not change who met whom
    assert_same_projections(net, build(register, duplicates="count"))


def test_duplicates_error_names_both_rows():
    df = pd.DataFrame(
        {"resident": ["a", "b", "c", "a"], "activity": ["x", "x", "x", "x"], "date": ["2025-01-01"] * 3 + ["2025-01-01"]}
    )
    with pytest.raises(wn.InputError, match=r"rows 0 and 3") as info:
        wn.Network.from_attendance(df, date="date", duplicates="error")
    assert "duplicates=" in str(info.value)
    # the same resident on another date is not a duplicate
    df.loc[3, "date"] = "2025-01-08"
    assert wn.Network.from_attendance(df, date="date", duplicates="error").summary()["attendances"] == 4


def test_duplicates_bad_value():
    with pytest.raises(wn.ArgumentError, match="count"):
        wn.Network.from_attendance({"resident": [1], "activity": [2]}, duplicates="keep")


def test_roles_mapping():
    labels = {"deelnemer": "participant", "vrijwilliger": "volunteer", "organisator": "organiser"}
    df = random_register(8, residents=30, activities=5, rows=120, dated=True, days=20)
    df = df.drop_duplicates(["resident", "activity", "date"]).reset_index(drop=True)
    rng = np.random.default_rng(8)
    df["rol"] = rng.choice(np.array(list(labels), dtype=object), len(df))
    net = wn.Network.from_attendance(df, date="date", role="rol", roles=labels)
    counts = df["rol"].map(labels).value_counts()
    s = net.summary()
    for role in ("participant", "volunteer", "organiser"):
        assert s[role] == counts.get(role, 0)
    frame = net.to_frame().set_index(["resident", "activity", "date"])["role"].astype(str)
    expected = df.set_index(["resident", "activity", "date"])["rol"].map(labels)
    assert frame.sort_index().to_dict() == expected.sort_index().to_dict()
    organisers = net.filter(roles=["organiser"])
    assert organisers.summary()["attendances"] == counts.get("organiser", 0)
    assert set(organisers.residents) == set(df.loc[df["rol"] == "organisator", "resident"])


# ---------------------------------------------------------------------------------------------
# views
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start,end",
    [
        ("2025-01-20", "2025-02-17"),
        (None, "2025-02-03"),
        ("2025-02-03", None),
        (dt.date(2025, 1, 13), pd.Timestamp("2025-03-03")),
        (np.datetime64("2025-01-06"), np.datetime64("2025-01-13")),
        ("2025-03-01", "2025-02-01"),  # empty
    ],
)
def test_window_against_pandas_filter(register, start, end):
    net = build(register)
    view = net.window(start, end)
    mask = pd.Series(True, index=register.index)
    if start is not None:
        mask &= register["date"] >= pd.Timestamp(start)
    if end is not None:
        mask &= register["date"] < pd.Timestamp(end)
    sub = register[mask]
    assert repr(view).startswith("<wijknet.Network (view)")
    if sub.empty:
        assert view.summary()["attendances"] == 0
        assert view.project().number_of_nodes() == 0
        return
    assert summary_fields(view) == pandas_summary(sub)
    assert_same_projections(view, build(sub), same_order=False)
    assert set(view.residents.tolist()) == set(sub["resident"].tolist())


def test_window_start_inclusive_end_exclusive():
    df = pd.DataFrame({"resident": [1, 2, 3], "activity": ["a", "a", "a"], "date": ["2025-01-01", "2025-01-02", "2025-01-03"]})
    net = wn.Network.from_attendance(df, date="date")
    assert net.window("2025-01-02", "2025-01-03").residents.tolist() == [2]
    assert net.window("2025-01-01", "2025-01-03").residents.tolist() == [1, 2]
    assert net.window(end="2025-01-01").residents.tolist() == []


def test_window_with_seconds():
    df = pd.DataFrame(
        {"resident": [1, 2, 3], "activity": ["a"] * 3, "date": pd.to_datetime(["2025-01-01 10:00", "2025-01-01 11:30", "2025-01-01 12:00"])}
    )
    net = wn.Network.from_attendance(df, date="date")
    assert net.date_unit == "s"
    assert net.window("2025-01-01 11:30", "2025-01-01 12:00").residents.tolist() == [2]


def test_window_end_with_time_of_day_on_day_dates():
    df = pd.DataFrame({"resident": [1, 2], "activity": ["a", "a"], "date": ["2025-02-28", "2025-03-01"]})
    net = wn.Network.from_attendance(df, date="date")
    assert net.window(end="2025-03-01 12:00").residents.tolist() == [1, 2]


def test_window_needs_dates():
    with pytest.raises(wn.ArgumentError, match="date"):
        wn.datasets.davis_southern_women().window("2025-01-01", "2025-02-01")


def test_window_of_a_big_register_is_a_cheap_view():
    big = wn.datasets.badhuis(residents=100_000, seed=0)
    view = big.window("2025-03-01", "2025-04-01")
    assert view._net.is_view and not big._net.is_view
    frame = view.to_frame()
    assert len(frame) == view.summary()["attendances"] > 10_000
    assert frame["date"].min() >= pd.Timestamp("2025-03-01") and frame["date"].max() < pd.Timestamp("2025-04-01")
    assert view.summary()["input_rows"] == big.summary()["input_rows"]  # the same register underneath
    narrower = view.window("2025-03-10", "2025-03-17")
    assert narrower.summary()["attendances"] == int(frame["date"].between("2025-03-10", "2025-03-16").sum())


def test_filter_against_pandas(register):
    net = build(register)
    acts = first_seen(register["activity"])[:4]
    people = first_seen(register["resident"])[::3]
    cases = [
        (dict(roles=["organiser", "volunteer"]), register["role"].isin(["organiser", "volunteer"])),
        (dict(roles="participant"), register["role"] == "participant"),
        (dict(activities=acts), register["activity"].isin(acts)),
        (dict(residents=people), register["resident"].isin(people)),
        (dict(activities=acts, residents=people), register["activity"].isin(acts) & register["resident"].isin(people)),
    ]
    for kw, mask in cases:
        view = net.filter(**kw)
        # roles are per (resident, session): a repeated row takes the highest role, so filter
        # the deduplicated register
        if "roles" in kw:
            att = register.assign(code=register["role"].map(ROLE_CODE))
            att["code"] = att.groupby(["resident", "activity", "date"])["code"].transform("max")
            wanted = [ROLE_CODE[r] for r in ([kw["roles"]] if isinstance(kw["roles"], str) else kw["roles"])]
            sub = register[att["code"].isin(wanted)].assign(role=att["code"].map({v: k for k, v in ROLE_CODE.items()}))
        else:
            sub = register[mask]
        assert summary_fields(view) == pandas_summary(sub), kw
        assert_same_projections(view, build(sub), same_order=False)


def test_filter_exclude_sensitive_and_chaining(register):
    acts = first_seen(register["activity"])
    sensitive = acts[1:3]
    net = build(register).with_activity_attributes(
        pd.DataFrame({"activity": acts, "kind": ["x"] * len(acts)}), sensitive=sensitive
    )
    view = net.filter(exclude_sensitive=True)
    sub = register[~register["activity"].isin(sensitive)]
    assert summary_fields(view) == pandas_summary(sub)
    assert_same_projections(view, build(sub), same_order=False)
    chained = view.window("2025-01-20", "2025-02-24").filter(roles=["participant", "volunteer", "organiser"])
    sub2 = sub[(sub["date"] >= "2025-01-20") & (sub["date"] < "2025-02-24")]
    assert summary_fields(chained) == pandas_summary(sub2)
    assert net.filter(exclude_sensitive=False) == net.filter()


# ---------------------------------------------------------------------------------------------
# attributes
# ---------------------------------------------------------------------------------------------


def test_resident_attributes_are_typed_and_aligned():
    net = wn.datasets.davis_southern_women()
    attrs = pd.DataFrame(
        {
            "resident": ["Laura Mandeville", "Evelyn Jefferson", "Flora Price"],
            "age": [28, 31, 40],
            "group": ["b", "a", None],
            "volunteer": [False, True, True],
        }
    )
    with_attrs = net.with_resident_attributes(attrs)
    assert with_attrs is not net and with_attrs != net
    assert net.resident_attributes().shape == (18, 0)  # the original is unchanged
    a = with_attrs.resident_attributes()
    assert a.index.tolist() == net.residents.tolist()
    assert a.dtypes["age"] == np.float64
    assert isinstance(a.dtypes["group"], pd.CategoricalDtype)
    assert str(a.dtypes["volunteer"]) == "boolean"
    assert a.loc["Evelyn Jefferson"].tolist() == [31.0, "a", True]
    assert a.loc["Laura Mandeville"].tolist() == [28.0, "b", False]
    assert a.loc["Flora Price", "age"] == 40.0 and pd.isna(a.loc["Flora Price", "group"])
    assert a.drop(index=["Evelyn Jefferson", "Laura Mandeville", "Flora Price"]).isna().all().all()
    # the projection carries the attributes of its nodes
    na = with_attrs.project().node_attributes()
    assert na.index.tolist() == net.residents.tolist()
    assert na["age"].equals(a["age"])


def test_resident_attributes_unknown_id_names_the_row():
    attrs = pd.DataFrame({"resident": ["Evelyn Jefferson", "Nobody Atall"], "x": [1, 2]})
    with pytest.raises(wn.InputError, match=r"row 1") as info:
        wn.datasets.davis_southern_women().with_resident_attributes(attrs)
    assert "Nobody Atall" in str(info.value)


def test_resident_attributes_duplicated_id_names_both_rows():
    attrs = pd.DataFrame({"resident": ["Evelyn Jefferson", "Laura Mandeville", "Evelyn Jefferson"], "x": [1, 2, 3]})
    with pytest.raises(wn.InputError) as info:
        wn.datasets.davis_southern_women().with_resident_attributes(attrs)
    assert "row 2" in str(info.value) and "row 0" in str(info.value)


def test_activity_attributes_and_sensitive():
    net = wn.datasets.davis_southern_women()
    t = pd.DataFrame({"activity": ["E1", "E2", "E3"], "kind": ["party", "club", "club"], "peer": [False, True, True]})
    by_col = net.with_activity_attributes(t, sensitive="peer")
    by_list = net.with_activity_attributes(t.drop(columns="peer"), sensitive=["E2", "E3"])
    for n in (by_col, by_list):
        a = n.activity_attributes()
        assert a.index.tolist() == net.activities.tolist()
        assert a["kind"].astype(object).where(a["kind"].notna(), None).tolist()[:4] == ["party", "club", "club", None]
        assert a["sensitive"].tolist() == [a in ("E2", "E3") for a in net.activities]
        assert n.sensitive_activities().tolist() == ["E2", "E3"]
    assert "peer" not in by_col.activity_attributes().columns
    with pytest.raises(wn.NodeNotFoundError, match="E99"):
        net.with_activity_attributes(t, sensitive=["E99"])
    with pytest.raises(wn.InputError, match=r"row 1"):
        net.with_activity_attributes(pd.DataFrame({"activity": ["E1", "E15"], "k": [1, 2]}))


def test_attributes_on_a_view_keep_the_view():
    net = wn.datasets.badhuis(residents=400, seed=5)
    view = net.window("2025-05-01", "2025-06-01")
    ids = net.residents[:10]
    v2 = view.with_resident_attributes(pd.DataFrame({"resident": ids, "flag": [True] * 10}))
    assert v2._net.is_view
    assert v2.summary().to_dict() == view.summary().to_dict()


# ---------------------------------------------------------------------------------------------
# files
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".parquet"])
def test_read_attendance_files(tmp_path, register, suffix):
    path = tmp_path / f"register{suffix}"
    out = register.assign(date=register["date"].dt.strftime("%Y-%m-%d")) if suffix != ".parquet" else register
    if suffix == ".parquet":
        out.to_parquet(path, index=False)
    else:
        out.to_csv(path, index=False)
    net = wn.read_attendance(path, date="date", role="role")
    assert net == build(register)
    assert wn.read_attendance(str(path), date="date", role="role") == net


def test_read_attendance_custom_columns(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("wie,wat\nann,dans\nbob,dans\ncas,yoga\n")
    net = wn.read_attendance(path, resident="wie", activity="wat")
    assert net.residents.tolist() == ["ann", "bob", "cas"]
    assert edge_map(net.project()) == {frozenset(("ann", "bob")): 1.0}


def test_read_attendance_missing_file(tmp_path):
    with pytest.raises(wn.DataFileNotFoundError, match="does not exist") as info:
        wn.read_attendance(tmp_path / "nope.csv")
    assert isinstance(info.value, FileNotFoundError)
    assert "nope.csv" in str(info.value)


# ---------------------------------------------------------------------------------------------
# bundled data
# ---------------------------------------------------------------------------------------------


def test_badhuis_is_deterministic():
    a = wn.datasets.badhuis(residents=2000, seed=0)
    assert a == wn.datasets.badhuis(residents=2000, seed=0)
    assert a != wn.datasets.badhuis(residents=2000, seed=1)
    try:
        wn.set_num_threads(1)
        one = wn.datasets.badhuis(residents=2000, seed=0)
        wn.set_num_threads(2)
        two = wn.datasets.badhuis(residents=2000, seed=0)
    finally:
        wn.set_num_threads(0)
    assert one == two == a
    s = a.summary()
    assert 1000 < s["residents"] <= 2000
    assert pd.Timestamp(s["first_date"]) >= pd.Timestamp("2025-01-01")
    assert pd.Timestamp(s["last_date"]) <= pd.Timestamp("2025-12-31")
    assert s["participant"] > 0 and s["volunteer"] > 0 and s["organiser"] > 0
    attrs = a.resident_attributes()
    assert {"neighbourhood", "age_group"} <= set(attrs.columns)
    assert len(a.sensitive_activities()) >= 1


def test_badhuis_arguments():
    with pytest.raises(wn.ArgumentError):
        wn.datasets.badhuis(residents=0)
    with pytest.raises(wn.ArgumentError):
        wn.datasets.badhuis(residents=10, seed=-1)


def test_davis_figures():
    net = wn.datasets.davis_southern_women()
    s = net.summary()
    assert (s["residents"], s["activities"], s["attendances"]) == (18, 14, 89)
    assert net.date_unit is None
    g = net.project()
    deg = wn.degree(g)
    assert deg["Evelyn Jefferson"] == 17
    G = nx_projection(net.to_frame(), "count")
    assert wn.density(g) == pytest.approx(nx.density(G), rel=1e-12)
    assert wn.density(g) == pytest.approx(139 / 153, rel=1e-12)


def test_davis_against_shared_data(davis_frame, davis_expected):
    ref = wn.datasets.davis_southern_women()
    net = wn.Network.from_attendance(davis_frame)
    assert net.residents.tolist() == ref.residents.tolist()
    assert sorted(net.activities.tolist()) == sorted(ref.activities.tolist())  # the file lists E8 before E7
    assert_same_projections(net, ref)
    s = net.summary()
    assert (s["residents"], s["activities"], s["attendances"]) == (
        davis_expected["n_women"], davis_expected["n_events"], davis_expected["n_edges"]
    )
    g = net.project()
    assert g.number_of_edges() == davis_expected["women_projection"]["edges"]
    assert round(wn.density(g), 6) == davis_expected["women_projection"]["density"]
    assert wn.degree(g).to_dict() == davis_expected["women_projection"]["degree_published_brunson_vignette"]
    sizes = net.to_frame().groupby("activity").size().to_dict()
    assert sizes == davis_expected["event_sizes"]
    per_woman = net.to_frame().groupby("resident").size().to_dict()
    assert per_woman == davis_expected["women_degrees"]
    assert_weights_equal(edge_map(g), edge_map(ref.project()))


def test_read_attendance_keeps_leading_zeros_in_csv_ids(tmp_path):
    text = tmp_path / "zeros.csv"
    text.write_text("resident,activity\n0012,dance\n12,dance\n7,yoga\n")
    assert wn.read_attendance(text).residents.tolist() == ["0012", "12", "7"]
    plain = tmp_path / "ints.csv"
    plain.write_text("resident,activity\n5,dance\n12,dance\n7,yoga\n")
    net = wn.read_attendance(plain)
    assert net.residents.tolist() == [5, 12, 7]
    assert wn.degree(net.project()).loc[5] == 1
