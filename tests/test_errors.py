"""The exception tree, end-to-end error messages through the public API, and no Rust panic
ever reaching Python."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import is_panic

import wijknet as wn

TREE = {
    "InputError": ValueError,
    "ColumnNotFoundError": KeyError,
    "NodeNotFoundError": KeyError,
    "ArgumentError": ValueError,
    "DataFileNotFoundError": FileNotFoundError,
    "BudgetExceededError": MemoryError,
    "SerializationError": ValueError,
}


@pytest.mark.parametrize("name,builtin", sorted(TREE.items()))
def test_exception_tree(name, builtin):
    cls = getattr(wn, name)
    assert issubclass(cls, wn.WijknetError)
    assert issubclass(cls, builtin)
    assert cls.__module__ == "wijknet._errors"
    assert name in wn.__all__
    err = cls("what went wrong")
    assert isinstance(err, Exception)
    # messages are shown as written, also for the KeyError subclasses
    assert str(err) == "what went wrong"
    try:
        raise err
    except builtin as caught:
        assert caught is err
    assert pickle.loads(pickle.dumps(err)).args == err.args


def test_base_class():
    assert issubclass(wn.WijknetError, Exception)
    assert not issubclass(wn.WijknetError, (ValueError, KeyError))
    assert {c.__name__ for c in wn.WijknetError.__subclasses__()} == set(TREE)


@pytest.fixture
def df() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "resident": ["ann", "bob", "cas", "dirk"],
            "activity": ["dance", "dance", "yoga", "yoga"],
            "date": ["2025-01-06", "2025-01-06", "2025-01-07", "2025-01-07"],
            "role": ["bezoeker", "bezoeker", "helper", "bezoeker"],
        }
    )


def raises(exc, fn, *args, **kwargs) -> str:
    with pytest.raises(exc) as info:
        fn(*args, **kwargs)
    return str(info.value)


# ---------------------------------------------------------------------------------------------
# input tables
# ---------------------------------------------------------------------------------------------


def test_missing_column_names_it_and_suggests_a_close_match(df):
    msg = raises(wn.ColumnNotFoundError, wn.Network.from_attendance, df, resident="residnt")
    assert "'residnt'" in msg and "did you mean 'resident'" in msg
    msg = raises(KeyError, wn.Network.from_attendance, df, activity="Activity")
    assert "'Activity'" in msg and "did you mean 'activity'" in msg
    msg = raises(wn.ColumnNotFoundError, wn.Network.from_attendance, df, date="when")
    assert "'when'" in msg and "'resident', 'activity', 'date', 'role'" in msg


def test_null_id_names_the_row(df):
    df.loc[2, "resident"] = None
    msg = raises(wn.InputError, wn.Network.from_attendance, df)
    assert "row 2" in msg and "'resident'" in msg and "dropna" in msg
    df.loc[2, "resident"] = "cas"
    df.loc[3, "activity"] = ""
    msg = raises(wn.InputError, wn.Network.from_attendance, df)
    assert "row 3" in msg and "'activity'" in msg


def test_bad_date_names_row_and_value(df):
    df.loc[1, "date"] = "2025-02-30"
    msg = raises(wn.InputError, wn.Network.from_attendance, df, date="date")
    assert "row 1" in msg and "'2025-02-30'" in msg and "'date'" in msg
    df.loc[1, "date"] = None
    msg = raises(wn.InputError, wn.Network.from_attendance, df, date="date")
    assert "row 1" in msg and "no date" in msg


def test_bad_date_in_a_file_names_file_and_line(tmp_path, df):
    df.loc[2, "date"] = "soon"
    path = tmp_path / "register.csv"
    df.to_csv(path, index=False)
    msg = raises(wn.InputError, wn.read_attendance, path, date="date")
    assert "register.csv" in msg and "line 4" in msg and "'soon'" in msg


def test_unknown_role_label_names_it_and_the_fix(df):
    msg = raises(wn.InputError, wn.Network.from_attendance, df, role="role")
    assert "'bezoeker'" in msg and "'helper'" in msg and "roles=" in msg and "row 0" in msg
    net = wn.Network.from_attendance(df, role="role", roles={"bezoeker": "participant", "helper": "volunteer"})
    assert net.summary()["volunteer"] == 1
    msg = raises(wn.ArgumentError, wn.Network.from_attendance, df, role="role", roles={"bezoeker": "boss"})
    assert "'boss'" in msg and "'participant'" in msg


def test_empty_table():
    msg = raises(wn.InputError, wn.Network.from_attendance, pd.DataFrame({"resident": [], "activity": []}))
    assert "empty" in msg
    raises(wn.InputError, wn.Network.from_attendance, {"resident": [], "activity": []})


def test_mixed_id_types_name_the_rows():
    msg = raises(wn.InputError, wn.Network.from_attendance, pd.DataFrame({"resident": ["ann", "bob", 7], "activity": ["a"] * 3}))
    assert "row 0" in msg and "row 2" in msg and "astype(str)" in msg


def test_pseudonymised_errors_cite_rows_not_ids():
    df = pd.DataFrame({"resident": ["Jansen", "Pietersen", 17], "activity": ["a", "b", "c"]})
    msg = raises(wn.InputError, wn.Network.from_attendance, df, pseudonymise="secret")
    assert "row 2" in msg and "Jansen" not in msg and "17" not in msg


def test_not_a_table():
    raises(wn.ArgumentError, wn.Network.from_attendance, [("ann", "dance")])
    raises(wn.ArgumentError, wn.Network.from_attendance, pd.Series([1, 2]))
    raises(wn.ArgumentError, wn.Network.from_attendance, {"resident": [1, 2], "activity": [1]})


# ---------------------------------------------------------------------------------------------
# arguments and ids
# ---------------------------------------------------------------------------------------------


def test_unknown_resident_in_filter():
    net = wn.datasets.davis_southern_women()
    msg = raises(wn.NodeNotFoundError, net.filter, residents=["Evelyn Jefferson", "Nobody"])
    assert "'Nobody'" in msg
    raises(KeyError, net.filter, residents=[5])
    msg = raises(wn.NodeNotFoundError, net.filter, activities=["E99"])
    assert "'E99'" in msg


def test_native_provenance_names_the_node_index_out_of_range():
    """The core refuses a node index outside the graph (it never indexes past the end) and
    names the argument: a clear ArgumentError (a ValueError), never a Rust panic."""
    g = wn.datasets.davis_southern_women().project()
    n = g.number_of_nodes()
    for args, name in (((0, 10_000), "b"), ((10_000, 0), "a"), ((n, n), "a")):
        msg = raises(wn.ArgumentError, g._g.provenance, *args)
        assert f"argument '{name}'" in msg, msg
        assert f"the graph has {n} nodes" in msg, msg
    assert isinstance(wn.ArgumentError("x"), ValueError)
    assert len(g._g.provenance(0, 1)) > 0


def test_unknown_node_in_graph_lookups():
    g = wn.datasets.davis_southern_women().project()
    msg = raises(wn.NodeNotFoundError, g.provenance, "Evelyn Jefferson", "Evelyn")
    assert "'Evelyn'" in msg
    raises(wn.NodeNotFoundError, g.weight, "Nobody", "Evelyn Jefferson")
    msg = raises(wn.NodeNotFoundError, g.weight, 1, "Evelyn Jefferson")
    assert "strings" in msg  # says the ids here are text


@pytest.mark.parametrize("bad", ["Count", "weighted", "", "jacard"])
def test_bad_weight_lists_the_valid_values(bad):
    msg = raises(wn.ArgumentError, wn.datasets.davis_southern_women().project, weight=bad)
    for valid in ("count", "newman", "jaccard", "overlap"):
        assert valid in msg
    assert "weight" in msg


@pytest.mark.parametrize("bad", ["sessions", "Activity", "day"])
def test_bad_unit_lists_the_valid_values(bad):
    net = wn.datasets.davis_southern_women()
    for fn in (lambda: net.project(unit=bad), lambda: net.pair_count(unit=bad)):
        with pytest.raises(wn.ArgumentError) as info:
            fn()
        assert "activity" in str(info.value) and "session" in str(info.value)


def test_bad_role_in_filter_lists_the_roles():
    msg = raises(wn.ArgumentError, wn.datasets.davis_southern_women().filter, roles=["boss"])
    assert "'boss'" in msg and "participant" in msg and "volunteer" in msg and "organiser" in msg


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_min_weight_must_be_finite(value):
    msg = raises(wn.ArgumentError, wn.datasets.davis_southern_women().project, min_weight=value)
    assert "min_weight" in msg


@pytest.mark.parametrize(
    "kwargs",
    [dict(max_activity_size=-1), dict(threads=-1), dict(pair_budget=-1), dict(max_activity_size=10**30)],
    ids=["max_activity_size=-1", "threads=-1", "pair_budget=-1", "max_activity_size=1e30"],
)
def test_out_of_range_integer_arguments_raise_argument_error(kwargs):
    with pytest.raises(wn.ArgumentError) as info:
        wn.datasets.davis_southern_women().project(**kwargs)
    assert next(iter(kwargs)) in str(info.value)


def test_other_bad_arguments():
    net = wn.datasets.davis_southern_women()
    raises(wn.ArgumentError, net.project, progress="yes")
    raises(wn.ArgumentError, wn.set_num_threads, -1)
    raises(wn.ArgumentError, wn.Network.from_attendance, {"resident": [1], "activity": [2]}, date_unit="h", date="x")
    raises(wn.ArgumentError, wn.datasets.badhuis, residents="many")


def test_budget_error_is_a_memory_error():
    with pytest.raises(MemoryError):
        wn.datasets.davis_southern_women().project(pair_budget=0)


# ---------------------------------------------------------------------------------------------
# no panics
# ---------------------------------------------------------------------------------------------


def _odd_calls():
    davis = wn.datasets.davis_southern_women()
    dated = wn.datasets.badhuis(residents=200, seed=9)
    empty = dated.window("2030-01-01", "2031-01-01")
    g = davis.project()
    calls = {
        "filter residents=[]": lambda: davis.filter(residents=[]).project(),
        "filter activities=[]": lambda: davis.filter(activities=[]).project(weight="jaccard"),
        "filter roles=[]": lambda: davis.filter(roles=[]).summary(),
        "empty window project": lambda: empty.project(unit="session", weight="newman"),
        "empty window to_frame": lambda: empty.to_frame(),
        "empty window summary": lambda: empty.summary(),
        "empty window residents": lambda: empty.residents,
        "empty window pickle": lambda: pickle.loads(pickle.dumps(empty)),
        "empty window pair_count": lambda: empty.pair_count(unit="session"),
        "empty window metrics": lambda: (wn.degree(empty.project()), wn.density(empty.project()),
                                         wn.connected_components(empty.project()), wn.isolates(empty.project())),
        "reversed window": lambda: dated.window("2025-12-01", "2025-01-01").project(),
        "window of a window": lambda: dated.window("2025-03-01", "2025-04-01").window("2025-06-01", None).project(),
        "huge min_weight": lambda: davis.project(min_weight=1e308),
        "negative min_weight": lambda: davis.project(weight="newman", min_weight=-1e308),
        "min_weight nan": lambda: davis.project(min_weight=float("nan")),
        "max_activity_size=0": lambda: davis.project(max_activity_size=0, weight="overlap"),
        "max_activity_size=1": lambda: dated.project(max_activity_size=1, unit="session", weight="jaccard"),
        "max_activity_size=-1": lambda: davis.project(max_activity_size=-1),
        "pair_budget=0": lambda: davis.project(pair_budget=0),
        "threads=-1": lambda: davis.project(threads=-1),
        "huge window bounds": lambda: dated.window("1000-01-01", "9999-12-31"),
        "out-of-range window": lambda: dated.window(np.datetime64("2262-01-01"), None),
        "provenance same node": lambda: g.provenance("Evelyn Jefferson", "Evelyn Jefferson"),
        "weight same node": lambda: g.weight("Evelyn Jefferson", "Evelyn Jefferson"),
        "from_bytes junk": lambda: wn._wijknet.Network.from_bytes(b"WJKN\x01\x00" + bytes(range(256)) * 4),
        "graph from_bytes junk": lambda: wn._wijknet.Graph.from_bytes(b"WJKN\x01\x00" + bytes(range(255, -1, -1)) * 4),
        "native bad codes": lambda: wn._wijknet.Network.from_columns(
            np.array([0, 5], np.uint32), ["a"], np.array([0, 0], np.uint32), ["x"]
        ),
        "native length mismatch": lambda: wn._wijknet.Network.from_columns(
            np.array([0, 0, 0], np.uint32), ["a"], np.array([0], np.uint32), ["x"]
        ),
        "native empty": lambda: wn._wijknet.Network.from_columns(
            np.array([], np.uint32), ["a"], np.array([], np.uint32), ["x"]
        ),
        "native bad role": lambda: wn._wijknet.Network.from_columns(
            np.array([0], np.uint32), ["a"], np.array([0], np.uint32), ["x"], role=np.array([9], np.uint8)
        ),
        "native graph bad index": lambda: wn._wijknet.Graph.from_edges(
            ["a", "b"], np.array([0], np.uint32), np.array([7], np.uint32)
        ),
        "native graph length mismatch": lambda: wn._wijknet.Graph.from_edges(
            ["a", "b"], np.array([0, 1], np.uint32), np.array([1], np.uint32)
        ),
        "native provenance out of range": lambda: g._g.provenance(0, 10_000),
        "native weight out of range": lambda: g._g.weight(10_000, 0),
        "single row": lambda: wn.Network.from_attendance({"resident": ["a"], "activity": ["x"]}).project(unit="session"),
        "one big activity, tiny budget": lambda: wn.Network.from_attendance(
            {"resident": list(range(50)), "activity": ["x"] * 50}
        ).project(pair_budget=1),
        "empty attribute table": lambda: davis.with_resident_attributes(pd.DataFrame({"resident": [], "x": []})),
        "sensitive=[]": lambda: davis.with_activity_attributes(pd.DataFrame({"activity": ["E1"]}), sensitive=[]),
        "edges single row": lambda: wn.Graph.from_edges({"source": ["a"], "target": ["b"]}, directed=True),
        "int64 extreme ids": lambda: wn.Network.from_attendance(
            {"resident": [np.iinfo(np.int64).max, np.iinfo(np.int64).min], "activity": [0, 0]}
        ).project(),
    }
    return calls


ODD = _odd_calls()


@pytest.mark.parametrize("name", list(ODD))
def test_no_rust_panic_reaches_python(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ODD[name]()
        except BaseException as exc:  # noqa: BLE001 - PanicException is a BaseException
            assert not is_panic(exc), f"{name}: a Rust panic reached Python: {type(exc).__name__}: {exc}"
            assert isinstance(exc, Exception), f"{name}: {type(exc).__name__}"
            # the native layer's own errors are wijknet errors
            if not isinstance(exc, (OverflowError, TypeError)):
                assert isinstance(exc, wn.WijknetError), f"{name}: {type(exc).__name__}: {exc}"
