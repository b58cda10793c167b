"""wijknet.dask on a distributed.LocalCluster of 2 worker processes: the evaluation of many
partitions equals the single-machine evaluation (and each partition's own wn.evaluate), and
null ensembles, QAP/MRQAP permutations, bootstrap replicates and what-if rankings spread over
the workers are identical to the single-machine calls with the same seed, however they are cut.
Skipped when Dask is not installed (pip install "wijknet[dask]")."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import wijknet as wn  # noqa: E402
import wijknet.dask as wd  # noqa: E402


def test_without_a_client_dask_runs_it_in_threads():
    # no distributed Client in this test's scope: Dask's own threaded scheduler
    net = wn.datasets.davis_southern_women()
    if distributed.client._get_global_client() is not None:
        pytest.skip("a global client is active")
    one = wn.null.test(net, "transitivity", n=30, seed=1)
    spread = wd.null_test(net, "transitivity", n=30, seed=1, tasks=3)
    assert np.array_equal(spread.null, one.null) and spread.p == one.p


def test_evaluate_without_a_client_equals_one_machine():
    # Dask's own threaded scheduler: the rows are split and dealt into tasks in this process
    if distributed.client._get_global_client() is not None:
        pytest.skip("a global client is active")
    rows = _rows()
    kw = dict(by="wijk", date="date", role="role", seed=2, n=20, lang="en")
    got = wd.evaluate(dd.from_pandas(rows, npartitions=3), tasks=2, **kw)
    pd.testing.assert_frame_equal(got, wd.evaluate(rows, **kw), check_dtype=False)


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def rows():
    return _rows()


def _rows():
    """Three neighbourhoods of different sizes, with a resident attribute on every row."""
    parts = []
    for s, size in ((1, 90), (2, 140), (3, 60)):
        net = wn.datasets.badhuis(size, seed=s)
        df = net.to_frame()
        ages = net.resident_attributes()["age_group"]
        df = df.assign(
            resident=df["resident"].astype(str).radd(f"w{s}-"),
            activity=df["activity"].astype(str),
            role=df["role"].astype(str),
            age=df["resident"].map(ages).astype(str).to_numpy(),
            wijk=f"wijk {s}",
        ).drop(columns="count")
        parts.append(df)
    # the neighbourhoods interleaved, so that each Dask partition holds rows of several
    return pd.concat(parts, ignore_index=True).sample(frac=1.0, random_state=3).reset_index(drop=True)


OPTIONS = dict(date="date", role="role", seed=4, n=60, lang="en")


def test_evaluate_by_column_equals_one_machine_and_each_wn_evaluate(client, rows):
    ddf = dd.from_pandas(rows, npartitions=4)
    got = wd.evaluate(ddf, by="wijk", attributes="age", **OPTIONS)
    local = wd.evaluate(rows, by="wijk", attributes="age", **OPTIONS)
    pd.testing.assert_frame_equal(got, local, check_dtype=False)
    assert got["wijk"].unique().tolist() == ["wijk 1", "wijk 2", "wijk 3"]
    assert got.columns.tolist() == ["wijk", *wd.REPORT_COLUMNS]
    assert got.attrs["seed"] == 4
    # each partition is its own report, made with the same seed
    for key, part in rows.groupby("wijk"):
        net = wn.Network.from_attendance(part, date="date", role="role")
        attrs = part[["resident", "age"]].drop_duplicates("resident")
        own = wn.evaluate(net, attributes=attrs, seed=4, n=60, lang="en").to_frame()
        mine = got[got["wijk"] == key].drop(columns="wijk").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, own, check_dtype=False)


def test_evaluate_by_partition(client, rows):
    ddf = dd.from_pandas(rows.sort_values("wijk", kind="mergesort"), npartitions=3)
    got = wd.evaluate(ddf, **OPTIONS)
    assert sorted(got["partition"].unique()) == [0, 1, 2]
    for i, part in enumerate(ddf.partitions):
        own = wd.evaluate(part.compute(), **OPTIONS)
        mine = got[got["partition"] == i].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine.drop(columns="partition"), own.drop(columns="partition"))


@pytest.mark.parametrize("tasks", [1, 2, 5])
@pytest.mark.parametrize("grouped", [True, False])
def test_evaluate_is_identical_however_the_rows_are_partitioned_and_dealt(client, rows, grouped, tasks):
    # grouped: each Dask partition holds whole neighbourhoods (as one file per neighbourhood
    # would); not grouped: every partition holds rows of every neighbourhood
    table = rows.sort_values("wijk", kind="mergesort") if grouped else rows
    local = wd.evaluate(table, by="wijk", **OPTIONS)
    ddf = dd.from_pandas(table, npartitions=3, sort=False)
    got = wd.evaluate(ddf, by="wijk", tasks=tasks, **OPTIONS)
    pd.testing.assert_frame_equal(got, local, check_dtype=False)


def test_evaluate_by_two_categorical_columns(client, rows):
    # categorical columns (as Parquet files often give) and a key of two columns; a
    # neighbourhood that has no rows in the table is left out, as on one machine
    table = rows.assign(
        gemeente=np.where(rows["wijk"] == "wijk 2", "B", "A"),
        wijk=pd.Categorical(rows["wijk"], categories=["wijk 0", "wijk 1", "wijk 2", "wijk 3"]),
        resident=rows["resident"].astype("category"),
        activity=rows["activity"].astype("category"),
    )
    kw = dict(by=["gemeente", "wijk"], **OPTIONS)
    local = wd.evaluate(table, **kw)
    got = wd.evaluate(dd.from_pandas(table, npartitions=4), tasks=2, **kw)
    pd.testing.assert_frame_equal(got, local, check_dtype=False, check_categorical=False)
    assert got[["gemeente", "wijk"]].drop_duplicates().astype(str).values.tolist() == [
        ["A", "wijk 1"],
        ["A", "wijk 3"],
        ["B", "wijk 2"],
    ]


def test_evaluate_with_empty_partitions(client, rows):
    table = rows.sort_values("wijk", kind="mergesort")
    parts = [
        table.iloc[:0],
        table[table["wijk"] == "wijk 1"],
        table.iloc[:0],
        table[table["wijk"] != "wijk 1"],
    ]
    ddf = dd.from_delayed([dask.delayed(p) for p in parts], meta=table.iloc[:0], verify_meta=False)
    assert ddf.map_partitions(len).compute().tolist()[0] == 0
    kw = dict(by="wijk", **OPTIONS)
    pd.testing.assert_frame_equal(wd.evaluate(ddf, **kw), wd.evaluate(table, **kw), check_dtype=False)
    nowhere = wd.evaluate(ddf[ddf["wijk"] == "nowhere"], **kw)
    assert len(nowhere) == 0 and nowhere.columns.tolist() == ["wijk", *wd.REPORT_COLUMNS]


def test_deal_balances_the_rows():
    from wijknet.dask import _deal

    rows = {(f"w{i}",): 100 + (i * 37) % 100 for i in range(50)}
    for tasks in (1, 3, 8, 50):
        batches = _deal(rows, tasks)
        assert sorted(k for b in batches for k in b) == sorted(rows)  # every key once
        loads = [sum(rows[k] for k in b) for b in batches]
        assert loads == sorted(loads, reverse=True)  # the largest task first
        # largest first, each to the lightest task: no task exceeds the mean by more than a key
        assert max(loads) <= sum(loads) / tasks + max(rows.values())
    assert len(_deal({("a",): 5, ("b",): 1}, 4)) == 2  # never an empty task


def test_default_tasks_are_four_per_worker_thread(client):
    from wijknet.dask import _tasks

    assert _tasks(None, 100, "f") == 8  # 2 workers of 1 thread
    assert _tasks(None, 3, "f") == 3 and _tasks(5, 100, "f") == 5


def test_evaluate_progress_and_errors(client, rows):
    seen = []
    ddf = dd.from_pandas(rows, npartitions=2)
    wd.evaluate(ddf, by=["wijk"], seed=1, n=0, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (3, 3)  # neighbourhoods evaluated, however they were dealt into tasks
    with pytest.raises(wn.ColumnNotFoundError, match="'buurt'"):
        wd.evaluate(ddf, by="buurt")
    with pytest.raises(wn.ArgumentError, match="by"):
        wd.evaluate(ddf, by=3)
    with pytest.raises(wn.ArgumentError, match="tasks"):
        wd.evaluate(ddf, by="wijk", tasks=0)
    with pytest.raises(wn.ArgumentError, match="data"):
        wd.evaluate([1, 2], by="wijk")


@pytest.mark.parametrize("tasks", [1, 3, 7])
def test_null_test_is_identical(client, tasks):
    net = wn.datasets.badhuis(150, seed=2)
    for kw in (
        dict(statistic="transitivity"),
        dict(statistic="ei_index", null="permute", attribute="age_group"),
    ):
        one = wn.null.test(net, n=50, seed=9, **kw)
        spread = wd.null_test(net, n=50, seed=9, tasks=tasks, **kw)
        assert np.array_equal(spread.null, one.null, equal_nan=True)
        pd.testing.assert_frame_equal(spread.to_frame(), one.to_frame())


def test_null_test_seed_none_is_recorded_and_callables_are_refused(client):
    net = wn.datasets.davis_southern_women()
    r = wd.null_test(net, "density", n=20)
    again = wn.null.test(net, "density", n=20, seed=r.seed)
    assert np.array_equal(again.null, r.null) and again.p == r.p
    with pytest.raises(wn.ArgumentError, match="built-in"):
        wd.null_test(net, lambda x: 1.0, n=5)


def test_qap_and_mrqap_are_identical(client):
    net = wn.datasets.badhuis(200, seed=5)
    g1 = net.project(unit="activity")
    g2 = net.project(min_weight=2)
    one = wn.qap(g1, g2, n=101, seed=3)
    for tasks in (1, 4):
        spread = wd.qap(g1, g2, n=101, seed=3, tasks=tasks)
        assert np.array_equal(spread.null, one.null)
        assert spread.to_frame().equals(one.to_frame())
    xs = {"met": g1, "often": net.project(min_weight=3)}
    one = wn.mrqap(g2, xs, n=64, seed=8)
    spread = wd.mrqap(g2, xs, n=64, seed=8, tasks=5)
    assert np.array_equal(spread.null, one.null)
    pd.testing.assert_frame_equal(spread.to_frame(), one.to_frame())
    assert spread.r_squared == one.r_squared


def test_bootstrap_is_identical(client):
    net = wn.datasets.badhuis(200, seed=1)
    kw = dict(before=(None, "2025-07-01"), after=("2025-07-01", None), n=90, seed=12)
    one = wn.temporal.compare(net, **kw)
    spread = wd.compare(net, tasks=4, **kw)
    pd.testing.assert_frame_equal(spread.summary, one.summary)
    pd.testing.assert_frame_equal(spread.replicates, one.replicates)
    pd.testing.assert_frame_equal(spread.paired, one.paired)


def test_rank_residents_is_identical(client):
    net = wn.datasets.badhuis(300, seed=1)
    one = wn.whatif.rank_residents(net, min_ties=(1, 2))
    spread = wd.rank_residents(net, min_ties=(1, 2), tasks=5)
    pd.testing.assert_frame_equal(spread, one)
    assert spread.attrs["before"] == one.attrs["before"]


@pytest.mark.parametrize(
    "name", ["BudgetExceededError", "ArgumentError", "ColumnNotFoundError", "DataFileNotFoundError"]
)
def test_wijknet_errors_pickle_once_distributed_is_imported(name):
    # importing distributed makes every exception class that exists then pickle through tblib
    # (here: the call distributed makes, now that wijknet's classes exist); errors raised on a
    # worker must still arrive as themselves
    import pickle

    pytest.importorskip("tblib.pickling_support").install()
    err = getattr(wn, name)("what went wrong")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err) and back.args == err.args


def test_an_error_on_a_worker_arrives_as_itself(client, rows):
    ddf = dd.from_pandas(rows, npartitions=2)
    with pytest.raises(wn.ArgumentError, match="lang"):
        wd.evaluate(ddf, by="wijk", lang="fr")
    with pytest.raises(wn.InputError):
        wd.evaluate(ddf, by="wijk", date="wijk")  # not dates: refused on the worker
