"""Tables out as pandas, polars or pyarrow: ``to_frame(backend=...)`` on every class that has
``to_frame`` (found by walking the public modules), ``Graph.edges(backend=...)``, and the Arrow
PyCapsule stream (``__arrow_c_stream__``) on results, ``Graph`` and ``Network``.

The oracle of every conversion is the pandas table itself: the polars and pyarrow tables must
hold the same columns (the index first, named as the index) and the same values, with NaN read
as a missing value.
"""

from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import wijknet as wn

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")


# ---- the classes with to_frame, by introspection ------------------------------------------------
def _public_modules() -> list[str]:
    names = ["wijknet"]
    for info in pkgutil.iter_modules(wn.__path__):
        if not info.name.startswith("_") and info.name != "nx_backend":
            names.append(f"wijknet.{info.name}")
    return names


def _classes_with_to_frame() -> dict[str, type]:
    found: dict[str, type] = {}
    for modname in _public_modules():
        mod = importlib.import_module(modname)
        listed = set(getattr(mod, "__all__", ()))
        for name, obj in vars(mod).items():
            if name.startswith("_") or not inspect.isclass(obj):
                continue
            if name not in listed and obj.__module__ != modname:
                continue  # an import, not a class of this module
            if not obj.__module__.startswith("wijknet") or issubclass(obj, BaseException):
                continue
            if callable(getattr(obj, "to_frame", None)):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


# ---- one instance of each ---------------------------------------------------------------------------
def _net():
    return wn.datasets.badhuis(300, seed=0)


def _survey(net, rows=60):
    return pd.DataFrame({"resident": net.residents[:rows], "knows": ["ja", "nee", "ja"] * (rows // 3)})


def _roles_net():
    df = pd.DataFrame(
        {
            "resident": ["ann", "ann", "bob", "bob", "cas"],
            "activity": ["dance"] * 5,
            "date": ["2025-01-06", "2025-01-16", "2025-01-06", "2025-01-26", "2025-01-06"],
            "role": ["participant", "volunteer", "participant", "participant", "organiser"],
        }
    )
    return wn.Network.from_attendance(df, date="date", role="role")


def _layers():
    met = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    help_ = wn.Graph.from_edges(
        pd.DataFrame({"source": ["a", "d", "c"], "target": ["b", "a", "d"]}), directed=True
    )
    return met, help_


def _davis():
    return wn.datasets.davis_southern_women()


MAKERS: dict[str, Callable[[], object]] = {
    "wijknet.network.Network": _net,
    "wijknet.cohesion.EfficiencyEstimate": lambda: wn.EfficiencyEstimate(
        value=0.5, stderr=0.01, k=200, seed=7
    ),
    "wijknet.empowerment.RoleUptake": lambda: wn.empowerment.role_uptake(_roles_net()),
    "wijknet.empowerment.OrganiserLoad": lambda: wn.empowerment.organiser_load(_net()),
    "wijknet.empowerment.PositionChange": lambda: wn.empowerment.position_change(
        wn.datasets.badhuis(residents=300, seed=1), window=90
    ),
    "wijknet.null.NullTestResult": lambda: wn.null.test(_davis(), "density", n=50, seed=3),
    "wijknet.null.Backbone": lambda: wn.null.backbone(_davis(), alpha=0.2, correction=None),
    "wijknet.survey.ItemSet": lambda: wn.datasets.BADHUIS_SURVEY,
    "wijknet.survey.SurveyComparison": lambda: wn.survey.compare(
        _net(), _survey(_net()), item="knows", evidence="met_anyone", n=50, seed=1
    ),
    "wijknet.survey.Nonresponse": lambda: wn.survey.nonresponse(
        _net(), pd.DataFrame({"resident": _net().residents[:50]}), n=50, seed=1
    ),
    "wijknet.survey.Reweighted": lambda: wn.survey.reweight(
        _net(), _survey(_net()), item="knows", n=50, seed=1
    ),
    "wijknet.temporal.Comparison": lambda: wn.temporal.compare(
        _net(),
        before=(None, "2025-03-01"),
        after=("2025-03-01", None),
        metrics=["mean_degree", "density"],
        n=50,
        seed=1,
    ),
    "wijknet.whatif.Scenario": lambda: wn.whatif.remove(
        _net(), activities=[_net().activities[0]], min_ties=1
    ),
    "wijknet.association.LayerOverlap": lambda: wn.layer_overlap(*_layers()),
    "wijknet.association.Multiplexity": lambda: wn.multiplexity(dict(zip(["met", "help"], _layers()))),
    "wijknet.association.QAPResult": lambda: wn.qap(
        _davis().project(), _davis().project(weight="newman"), n=50, seed=1
    ),
    "wijknet.association.MRQAPResult": lambda: wn.mrqap(
        _davis().project(weight="newman"), [_davis().project()], n=50, seed=1
    ),
    "wijknet.report.Report": lambda: wn.evaluate(wn.datasets.badhuis(200, seed=1), seed=1, n=50, lang="en"),
}

CLASSES = _classes_with_to_frame()


def test_the_walk_finds_the_results_and_every_one_has_an_example():
    assert {"wijknet.network.Network", "wijknet.report.Report", "wijknet.association.QAPResult"} <= set(
        CLASSES
    )
    missing = sorted(set(CLASSES) - set(MAKERS))
    assert not missing, f"add an example of {missing} to MAKERS"
    assert not sorted(set(MAKERS) - set(CLASSES)), "MAKERS names a class the walk no longer finds"


# ---- the pandas oracle --------------------------------------------------------------------------------
def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """The pandas table with its index as leading columns (left out when it is pandas' default)."""
    idx = df.index
    if isinstance(idx, pd.RangeIndex) and idx.name is None and idx.start == 0 and idx.step == 1:
        return df.reset_index(drop=True)
    return df.reset_index()


def _cell(v: object) -> object:
    """A cell as a plain Python value, every missing value as None (NaN, NaT, pd.NA, null)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, np.generic):
        return _cell(v.item())
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v


def _values(columns: dict[str, list]) -> dict[str, list]:
    return {name: [_cell(v) for v in values] for name, values in columns.items()}


def _pandas_columns(df: pd.DataFrame) -> dict[str, list]:
    flat = _flat(df)
    return _values({str(c): flat[c].astype(object).tolist() for c in flat.columns})


def _same(got: dict[str, list], want: dict[str, list], what: str) -> None:
    assert list(got) == list(want), f"{what}: columns {list(got)} != {list(want)}"
    for name in want:
        g, w = got[name], want[name]
        assert len(g) == len(w), f"{what}[{name}]: {len(g)} rows != {len(w)}"
        for i, (a, b) in enumerate(zip(g, w)):
            if isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
                assert a == pytest.approx(b, rel=0, abs=0), f"{what}[{name}][{i}]: {a!r} != {b!r}"
            else:
                assert a == b, f"{what}[{name}][{i}]: {a!r} != {b!r}"


def _objects() -> list:
    return [pytest.param(qn, id=qn.rsplit(".", 1)[1]) for qn in sorted(MAKERS)]


@pytest.fixture(scope="module")
def made() -> dict[str, object]:
    return {}


def _make(made: dict[str, object], qn: str) -> object:
    if qn not in made:
        made[qn] = MAKERS[qn]()
    return made[qn]


@pytest.mark.parametrize("qn", _objects())
def test_the_three_backends_hold_the_same_table(qn, made):
    obj = _make(made, qn)
    df = obj.to_frame()
    assert isinstance(df, pd.DataFrame)
    assert isinstance(obj.to_frame(backend="pandas"), pd.DataFrame)
    want = _pandas_columns(df)
    table = obj.to_frame(backend="pyarrow")
    assert isinstance(table, pa.Table)
    _same(_values(table.to_pydict()), want, f"{qn} pyarrow")
    frame = obj.to_frame(backend="polars")
    assert isinstance(frame, pl.DataFrame)
    _same(_values(frame.to_dict(as_series=False)), want, f"{qn} polars")


@pytest.mark.parametrize("qn", _objects())
def test_the_arrow_stream_is_the_pyarrow_table(qn, made):
    obj = _make(made, qn)
    want = obj.to_frame(backend="pyarrow")
    assert pa.table(obj).equals(want)
    assert pa.RecordBatchReader.from_stream(obj).read_all().equals(want)
    assert pl.DataFrame(obj).equals(obj.to_frame(backend="polars"))
    assert pl.from_arrow(pa.table(obj)).equals(obj.to_frame(backend="polars"))


@pytest.mark.parametrize("qn", _objects())
def test_an_unknown_backend_names_the_choices(qn, made):
    obj = _make(made, qn)
    name = qn.rsplit(".", 1)[1]
    with pytest.raises(
        wn.ArgumentError, match=rf'{name}\.to_frame\(backend=.pandsa.\).*"pandas", "polars", "pyarrow"'
    ):
        obj.to_frame(backend="pandsa")  # type: ignore[call-overload]


# ---- index, names and types ---------------------------------------------------------------------------
def test_the_index_becomes_the_leading_columns():
    from wijknet import _frames

    df = pd.DataFrame({"x": [1.0, float("nan")]}, index=pd.Index(["a", "b"], name="node"))
    t = _frames.to_arrow(df)
    assert t.column_names == ["node", "x"]
    assert t.column("x").null_count == 1  # NaN is a missing value
    unnamed = pd.DataFrame({"x": [1, 2]}, index=["a", "b"])
    assert _frames.to_arrow(unnamed).column_names == ["index", "x"]
    multi = pd.DataFrame(
        {"x": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["g", None])
    )
    assert _frames.to_arrow(multi).column_names == ["g", "level_1", "x"]
    plain = pd.DataFrame({"x": [1, 2]})
    assert _frames.to_arrow(plain).column_names == ["x"]
    shifted = pd.DataFrame({"x": [1, 2]}, index=pd.RangeIndex(1, 3))  # not pandas' default: kept
    assert _frames.to_arrow(shifted).column_names == ["index", "x"]
    clash = pd.DataFrame({"node": [1, 2]}, index=pd.Index(["a", "b"], name="node"))
    with pytest.raises(wn.ArgumentError, match="more than one column named 'node'"):
        _frames.to_arrow(clash)


def test_results_keep_their_index_as_a_column():
    r = wn.qap(_davis().project(), _davis().project(), n=20, seed=1)
    assert r.to_frame(backend="pyarrow").column_names[0] == "statistic"
    assert r.to_frame(backend="polars")["statistic"].to_list() == ["correlation"]


def test_numeric_columns_are_not_copied():
    from wijknet import _frames

    g = wn.datasets.badhuis(300, seed=0).project()
    df = g._edge_frame()
    weights = df["weight"].to_numpy()
    t = _frames.to_arrow(df)
    assert t.column("weight").chunk(0).buffers()[1].address == weights.ctypes.data
    p = pl.from_arrow(t, rechunk=False)
    assert p["weight"].to_numpy(allow_copy=False).ctypes.data == weights.ctypes.data


def test_register_types_travel():
    net = _net()  # integer resident ids, string activities, dates
    t = net.to_frame(backend="pyarrow")
    assert pa.types.is_dictionary(t.schema.field("resident").type)
    assert pa.types.is_timestamp(t.schema.field("date").type)
    from_pandas = wn.Network.from_attendance(net.to_frame(), date="date", role="role")
    assert wn.Network.from_attendance(t, date="date", role="role") == from_pandas  # the same order
    p = net.to_frame(backend="polars")
    assert p.schema["resident"] == pl.Int64  # polars has no categorical of integers
    assert p.schema["activity"] == pl.Categorical
    assert p.schema["date"].base_type() == pl.Datetime
    again = wn.Network.from_attendance(p, date="date", role="role")
    assert sorted(again.residents) == sorted(net.residents)
    assert again.summary().equals(from_pandas.summary())
    davis = _davis()
    assert davis.to_frame(backend="polars").schema["resident"] == pl.Categorical
    assert wn.Network.from_attendance(davis.to_frame(backend="pyarrow")) == davis


# ---- Graph and Network ----------------------------------------------------------------------------------
def test_graph_edges_in_every_backend_and_as_a_stream():
    g = _davis().project(weight="newman")
    want = _pandas_columns(g.edges())
    _same(_values(g.edges(backend="pyarrow").to_pydict()), want, "Graph.edges pyarrow")
    _same(_values(g.edges(backend="polars").to_dict(as_series=False)), want, "Graph.edges polars")
    assert pa.table(g).equals(g.edges(backend="pyarrow"))
    assert pl.DataFrame(g).equals(g.edges(backend="polars"))
    assert pl.from_arrow(pa.table(g)).equals(g.edges(backend="polars"))
    with pytest.raises(wn.ArgumentError, match=r"Graph\.edges\(backend='arrow'\)"):
        g.edges(backend="arrow")  # type: ignore[call-overload]


def test_a_graph_with_integer_ids_and_no_edges():
    g = wn.Graph.from_edges(pd.DataFrame({"source": [1, 2], "target": [2, 3]}))
    assert pa.table(g).schema.field("source").type == pa.int64()
    lone = _davis().project(min_weight=100)
    assert lone.number_of_edges() == 0
    assert pa.table(lone).num_rows == 0
    assert pl.DataFrame(lone).columns == ["source", "target", "weight"]


def test_network_stream_round_trips():
    net = _davis()
    assert pa.table(net).equals(net.to_frame(backend="pyarrow"))
    assert pl.DataFrame(net).equals(net.to_frame(backend="polars"))
    view = _net().window("2025-03-01", None)
    assert pa.table(view).num_rows == len(view.to_frame())


def test_the_requested_schema_is_passed_on():
    g = _davis().project()
    schema = pa.schema(
        [("source", pa.large_string()), ("target", pa.large_string()), ("weight", pa.float64())]
    )
    capsule = schema.__arrow_c_schema__()
    try:
        reader = pa.RecordBatchReader._import_from_c_capsule(g.__arrow_c_stream__(capsule))
    except NotImplementedError:  # pyarrow versions that cannot cast a stream
        pytest.skip("this pyarrow cannot cast a stream to a requested schema")
    assert reader.schema.field("source").type == pa.large_string()


def test_duckdb_reads_the_stream():
    duckdb = pytest.importorskip("duckdb")
    g = _davis().project()
    edges = pa.table(g)  # noqa: F841 - duckdb finds it by name
    assert duckdb.sql("select count(*) from edges").fetchone()[0] == g.number_of_edges()


def test_report_keeps_its_language():
    r = MAKERS["wijknet.report.Report"]()
    nl = r.to_frame(lang="nl", backend="polars")
    en = r.to_frame(lang="en", backend="polars")
    assert nl["indicator"].to_list() == r.to_frame(lang="nl")["indicator"].tolist()
    assert nl["indicator"].to_list() != en["indicator"].to_list()
    assert pa.table(r).equals(r.to_frame(backend="pyarrow"))


def test_without_polars_the_message_says_how_to_install_it(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_polars(name, *args, **kwargs):
        if name == "polars" or name.startswith("polars."):
            raise ImportError("No module named 'polars'")
        return real_import(name, *args, **kwargs)

    import importlib as il

    real_module = il.import_module

    def no_polars_module(name, *args, **kwargs):
        if name == "polars" or name.startswith("polars."):
            raise ImportError("No module named 'polars'")
        return real_module(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_polars)
    monkeypatch.setattr(il, "import_module", no_polars_module)
    with pytest.raises(ImportError, match="pip install polars"):
        _davis().to_frame(backend="polars")
    assert isinstance(_davis().to_frame(backend="pyarrow"), pa.Table)
