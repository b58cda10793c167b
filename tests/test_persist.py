"""Saving and loading files: networks, graphs and results round trip; files are written
atomically (a crash mid-write leaves the old file and no litter); damaged, cut, foreign and
future files give errors that name the file; the committed samples of every format version
load and give the numbers recorded when they were written."""

from __future__ import annotations

import dataclasses
import doctest
import json
import os
import pathlib
import stat
import struct
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import HYP, random_register
from hypothesis import given
from hypothesis import strategies as st

import wijknet as wn
from wijknet import _persist
from wijknet import _wijknet as native
from wijknet._results import Result

SAMPLES = pathlib.Path(__file__).resolve().parent / "data" / "persist"
sys.path.insert(0, str(SAMPLES))
import make_samples  # noqa: E402


@pytest.fixture(scope="module")
def dated() -> wn.Network:
    df = random_register(
        4, residents=40, activities=6, rows=250, dated=True, days=8, roles=True, sessions=True
    )
    net = wn.Network.from_attendance(df, date="date", session="session", role="role")
    acts = net.activities.tolist()
    net = net.with_resident_attributes(
        pd.DataFrame({"resident": net.residents[:5], "age": [20, 30, 40, 50, 60]})
    ).with_activity_attributes(pd.DataFrame({"activity": acts, "k": ["a"] * len(acts)}), sensitive=acts[:1])
    res = net.residents.tolist()
    return net.with_ties(pd.DataFrame({"source": res[:4], "target": res[1:5]}), respondents=res[:6])


def folder_listing(path: pathlib.Path) -> list[str]:
    return sorted(os.listdir(path))


# ---------------------------------------------------------------------------------------------
# round trips
# ---------------------------------------------------------------------------------------------


def test_network_round_trips_with_everything(dated, tmp_path):
    path = tmp_path / "net.wijknet"
    dated.save(path)
    again = wn.load(path)
    assert type(again) is wn.Network
    assert again == dated
    assert again.summary().to_dict() == dated.summary().to_dict()
    assert again.to_frame().equals(dated.to_frame())
    assert again.resident_attributes().equals(dated.resident_attributes())
    assert again.activity_attributes().equals(dated.activity_attributes())
    assert again.sensitive_activities().tolist() == dated.sensitive_activities().tolist()
    assert again.layer("support").edges().equals(dated.layer("support").edges())
    assert dict(again.attrs) == dict(dated.attrs) and again.attrs["read"]


def test_views_and_pseudonymised_networks_round_trip(dated, tmp_path):
    view = dated.window("2025-01-13", "2025-02-10").filter(roles=["participant", "organiser"])
    view.save(tmp_path / "view.wijknet")
    again = wn.load(tmp_path / "view.wijknet")
    assert again == view and again._net.is_view
    assert again.summary().to_dict() == view.summary().to_dict()
    p = wn.pseudonymise(dated, key="secret")
    p.save(tmp_path / "p.wijknet")
    back = wn.load(tmp_path / "p.wijknet")
    assert back == p
    assert dict(back.attrs) == dict(p.attrs)  # "pseudonymised" is kept: messages keep citing rows


def test_graph_round_trips_with_provenance(dated, tmp_path):
    for i, g in enumerate(
        [
            dated.project(weight="newman", unit="session"),
            dated.filter(exclude_sensitive=True).project(weight="jaccard", max_activity_size=30),
            dated.layer("support"),
            wn.Graph.from_edges(
                pd.DataFrame({"source": [3, 1], "target": [1, 2], "w": [0.5, 1.5]}), weight="w", directed=True
            ),
        ]
    ):
        path = tmp_path / f"g{i}.wijknet"
        g.save(path)
        again = wn.load(path)
        assert type(again) is wn.Graph
        assert again == g
        assert again._g.to_bytes() == g._g.to_bytes()
        assert again.spec == g.spec
        assert again.node_attributes().equals(g.node_attributes())
        assert repr(again) == repr(g)
    g = dated.project()
    e = g.edges()
    g.save(tmp_path / "p.wijknet")
    again = wn.load(tmp_path / "p.wijknet")
    for a, b in list(zip(e["source"], e["target"]))[:10]:
        assert again.provenance(a, b).equals(g.provenance(a, b))


class Folder(os.PathLike):
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return str(self.p)


def test_paths_are_str_or_path_like_and_the_suffix_is_free(tmp_path):
    net = wn.datasets.davis_southern_women()
    for path in (
        str(tmp_path / "a.wijknet"),
        tmp_path / "b.wijknet",
        Folder(tmp_path / "c.wijknet"),
        tmp_path / "d.bin",
    ):
        net.save(path)
        assert wn.load(path) == net
    with pytest.raises(wn.ArgumentError, match="str or a path"):
        net.save(b"bytes.wijknet")  # type: ignore[arg-type]
    with pytest.raises(wn.ArgumentError, match="is a folder"):
        net.save(tmp_path)
    with pytest.raises(wn.ArgumentError, match="is a folder"):
        wn.load(tmp_path)
    with pytest.raises(wn.DataFileNotFoundError, match="does not exist"):
        net.save(tmp_path / "no" / "such" / "x.wijknet")
    with pytest.raises(wn.DataFileNotFoundError, match="did you mean"):
        wn.load(tmp_path / "a.wijknt")
    with pytest.raises(wn.ArgumentError, match="cannot be saved"):
        _persist.save(object(), tmp_path / "x.wijknet")


def test_a_new_file_is_private_and_an_overwritten_one_keeps_its_permissions(tmp_path):
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    net = wn.datasets.davis_southern_women()
    path = tmp_path / "a.wijknet"
    net.save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(path, 0o640)
    net.save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_saving_through_a_link_keeps_the_link(tmp_path):
    if os.name != "posix":
        pytest.skip("POSIX links")
    net = wn.datasets.davis_southern_women()
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "a.wijknet"
    net.save(target)
    link = tmp_path / "latest.wijknet"
    link.symlink_to(target)
    g = net.project()
    g.save(link)
    assert link.is_symlink() and wn.load(target) == g
    assert folder_listing(tmp_path / "data") == ["a.wijknet"]


def test_pickles_write_format_version_3(dated):
    for b in (bytes(dated._net.to_bytes()), bytes(dated.project()._g.to_bytes())):
        assert b[:4] == b"WJKN" and struct.unpack("<H", b[4:6])[0] == native.FORMAT_VERSION == 3


# ---------------------------------------------------------------------------------------------
# atomic writes
# ---------------------------------------------------------------------------------------------


def crash_halfway(monkeypatch, error: BaseException) -> None:
    def write(fh, data):
        fh.write(data[: len(data) // 2])
        raise error

    monkeypatch.setattr(_persist, "_write_bytes", write)


@pytest.mark.parametrize(
    "error", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["disk-full", "ctrl-c"]
)
def test_a_crash_mid_write_leaves_no_file_and_no_litter(tmp_path, monkeypatch, error):
    crash_halfway(monkeypatch, error)
    with pytest.raises(type(error)):
        wn.datasets.davis_southern_women().save(tmp_path / "a.wijknet")
    assert folder_listing(tmp_path) == []


@pytest.mark.parametrize(
    "error", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["disk-full", "ctrl-c"]
)
def test_a_crash_mid_write_leaves_the_old_file(tmp_path, monkeypatch, error):
    old = wn.datasets.davis_southern_women()
    path = tmp_path / "a.wijknet"
    old.save(path)
    before = path.read_bytes()
    crash_halfway(monkeypatch, error)
    with pytest.raises(type(error)):
        wn.datasets.badhuis(residents=100, seed=1).save(path)
    assert folder_listing(tmp_path) == ["a.wijknet"]
    assert path.read_bytes() == before
    assert wn.load(path) == old


KILL_HALFWAY = """
import os, signal, sys
import wijknet as wn
from wijknet import _persist

def write(fh, data):
    fh.write(data[: len(data) // 2])
    fh.flush()
    os.fsync(fh.fileno())
    os.kill(os.getpid(), signal.SIGKILL)

_persist._write_bytes = write
wn.datasets.badhuis(residents=200, seed=1).save(sys.argv[1])
"""


def test_a_process_killed_mid_write_leaves_the_old_file(tmp_path):
    """A hard kill (no cleanup runs) leaves the old file under the real name; only a hidden
    temporary file may stay beside it."""
    if os.name != "posix":
        pytest.skip("SIGKILL")
    import subprocess

    old = wn.datasets.davis_southern_women()
    path = tmp_path / "a.wijknet"
    old.save(path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    r = subprocess.run([sys.executable, "-c", KILL_HALFWAY, str(path)], env=env, capture_output=True, timeout=120)
    assert r.returncode == -9, r.stderr.decode()
    assert wn.load(path) == old
    left = [n for n in folder_listing(tmp_path) if n != "a.wijknet"]
    assert all(n.startswith(".a.wijknet.") and n.endswith(".tmp") for n in left), left


def test_a_failing_rename_leaves_the_old_file(tmp_path, monkeypatch):
    old = wn.datasets.davis_southern_women()
    path = tmp_path / "a.wijknet"
    old.save(path)

    def replace(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_persist.os, "replace", replace)
    with pytest.raises(PermissionError):
        wn.datasets.badhuis(residents=100, seed=1).save(path)
    assert folder_listing(tmp_path) == ["a.wijknet"]
    assert wn.load(path) == old


def test_saving_writes_through_a_synced_temporary_file(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(_persist.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        _persist.os,
        "replace",
        lambda a, b: (
            calls.append(("replace", os.path.dirname(a) == os.path.dirname(b))),
            real_replace(a, b),
        )[1],
    )
    wn.datasets.davis_southern_women().save(tmp_path / "a.wijknet")
    assert calls[0] == "fsync" and calls[1] == ("replace", True)  # synced before the rename, same folder
    assert folder_listing(tmp_path) == ["a.wijknet"]


# ---------------------------------------------------------------------------------------------
# damaged, cut, foreign and future files
# ---------------------------------------------------------------------------------------------


@pytest.fixture()
def saved(tmp_path) -> pathlib.Path:
    path = tmp_path / "davis.wijknet"
    wn.datasets.davis_southern_women().save(path)
    return path


def load_error(path) -> str:
    with pytest.raises(wn.SerializationError) as info:
        wn.load(path)
    assert isinstance(info.value, ValueError)
    msg = str(info.value)
    assert f"'{path}'" in msg, msg  # names the file
    return msg


def test_a_cut_file_names_the_file_and_says_what_to_do(saved):
    data = saved.read_bytes()
    for cut in (len(data) - 1, len(data) // 2, 30, 19, 10, 5, 2):
        saved.write_bytes(data[:cut])
        msg = load_error(saved)
        assert "cut short" in msg and "backup" in msg, msg


def test_a_changed_byte_is_caught_by_the_checksum(saved):
    data = bytearray(saved.read_bytes())
    for i in (25, len(data) // 2, len(data) - 1):
        damaged = bytearray(data)
        damaged[i] ^= 0x10
        saved.write_bytes(bytes(damaged))
        msg = load_error(saved)
        assert "checksum" in msg and "backup" in msg, msg


def test_joined_files_are_refused(saved):
    saved.write_bytes(saved.read_bytes() * 2)
    assert "unexpected bytes" in load_error(saved)


def test_foreign_and_empty_files_are_refused(tmp_path):
    for name, content in (
        ("a.csv", b"resident,activity\nann,yoga\n"),
        ("b.wijknet", b""),
        ("c.zip", b"PK\x03\x04...."),
    ):
        path = tmp_path / name
        path.write_bytes(content)
        msg = load_error(path)
        assert "not a file that wijknet saved" in msg, msg


def test_a_file_from_a_newer_wijknet_says_to_upgrade(saved):
    data = bytearray(saved.read_bytes())
    data[4:6] = struct.pack("<H", native.FORMAT_VERSION + 1)
    saved.write_bytes(bytes(data))
    msg = load_error(saved)
    assert f"version {native.FORMAT_VERSION + 1}" in msg and "pip install --upgrade wijknet" in msg


def sections_file(path, sections) -> None:
    path.write_bytes(bytes(native.persist_sections(sections)))


def test_unreadable_contents_are_refused(tmp_path):
    net_bytes = bytes(wn.datasets.davis_southern_women()._net.to_bytes())
    cases = {
        "no-meta": [("network", net_bytes)],
        "bad-json": [("meta", b"{not json")],
        "no-network": [("meta", b'{"object": "Network"}')],
        "foreign-class": [("meta", b'{"object": "os.system", "fields": {}}')],
        "not-a-result": [("meta", b'{"object": "wijknet.network.Network", "fields": {}}')],
        "malformed-value": [
            ("meta", b'{"object": "wijknet.cohesion.EfficiencyEstimate", "fields": {"value": {"$dict": 5}}}')
        ],
        "malformed-table": [
            ("meta", b'{"object": "wijknet.cohesion.EfficiencyEstimate", "fields": {"value": {"$frame": {"rows": 1}}}}')
        ],
        "not-a-result-dataclass": [("meta", b'{"object": "wijknet.network.Projection", "fields": {}}')],
        "unknown-class": [("meta", b'{"object": "wijknet.null.NoSuchResult", "fields": {}}')],
        "unknown-field": [
            ("meta", b'{"object": "wijknet.cohesion.EfficiencyEstimate", "fields": {"value": 1.0, "x": 2}}')
        ],
        "missing-part": [
            (
                "meta",
                b'{"object": "wijknet.cohesion.EfficiencyEstimate", "fields": {"value": {"$array": "part/9"}, "stderr": 0, "k": 1, "seed": 1}}',
            )
        ],
    }
    for name, sections in cases.items():
        path = tmp_path / f"{name}.wijknet"
        sections_file(path, sections)
        msg = load_error(path)
        assert msg.startswith(f"cannot load '{path}'"), msg
    # a network inside is checked as well
    path = tmp_path / "inner.wijknet"
    sections_file(path, [("meta", b'{"object": "Network"}'), ("network", net_bytes[:-1])])
    assert "cut short" in load_error(path)


# ---------------------------------------------------------------------------------------------
# results that carry data
# ---------------------------------------------------------------------------------------------


def saveable_result_classes() -> set[type]:
    """Every dataclass result class of the public modules."""
    out: set[type] = set()
    todo = list(Result.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if dataclasses.is_dataclass(cls) and cls.__module__.startswith("wijknet."):
            out.add(cls)
    return out


def assert_same_value(a, b, where: str) -> None:
    assert type(a) is type(b), f"{where}: {type(a)} != {type(b)}"
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=where)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True, obj=where)
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape, where
        np.testing.assert_array_equal(a, b, err_msg=where)
    elif isinstance(a, (wn.Graph, wn.Network)):
        assert a == b, where
    elif isinstance(a, float) and np.isnan(a):
        assert np.isnan(b), where
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same_value(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            assert_same_value(a[k], b[k], f"{where}[{k!r}]")
    elif dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            assert_same_value(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def results_from_the_docs() -> dict[type, list]:
    """Result objects made by the examples in the docstrings of every public module."""
    found: dict[type, list] = {}
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    for name in ("null", "association", "cohesion", "survey", "temporal", "whatif", "empowerment"):
        module = getattr(wn, name) if name != "cohesion" else sys.modules["wijknet.cohesion"]
        for test in finder.find(module):
            runner.run(test, out=lambda s: None, clear_globs=False)
            for value in test.globs.values():
                if isinstance(value, Result) and dataclasses.is_dataclass(value):
                    found.setdefault(type(value), []).append(value)
    return found


@pytest.fixture(scope="module")
def results() -> dict[type, list]:
    found = results_from_the_docs()
    g = wn.datasets.davis_southern_women().project()
    found.setdefault(wn.EfficiencyEstimate, []).append(wn.global_efficiency_estimate(g, k=5, seed=3))
    found.setdefault(wn.survey.ItemSet, []).extend(wn.survey.ITEM_SETS.values())  # nested Item objects
    return found


def test_every_result_with_data_round_trips(results, tmp_path):
    missing = {c.__name__ for c in saveable_result_classes()} - {c.__name__ for c in results}
    assert not missing, f"no example of {sorted(missing)} in the docstrings: add one, or build one here"
    for cls, objs in results.items():
        for i, obj in enumerate(objs[:3]):
            path = tmp_path / f"{cls.__name__}-{i}.wijknet"
            obj.save(path)
            again = wn.load(path)
            assert_same_value(obj, again, f"{cls.__name__}[{i}]")
            assert repr(again) == repr(obj)
            pd.testing.assert_frame_equal(again.to_frame(), obj.to_frame())


def test_the_report_round_trips(tmp_path):
    """A saved report gives the same table, pages and options after loading, and the file is
    all that saving leaves in the folder."""
    r = wn.evaluate(wn.datasets.badhuis(120, seed=1), seed=1, n=20)
    r.save(tmp_path / "r.wijknet")
    assert folder_listing(tmp_path) == ["r.wijknet"]
    again = wn.load(tmp_path / "r.wijknet")
    assert type(again) is wn.Report
    pd.testing.assert_frame_equal(again.to_frame(), r.to_frame())
    pd.testing.assert_frame_equal(again.to_frame(lang="en"), r.to_frame(lang="en"))
    pd.testing.assert_frame_equal(again.omitted(), r.omitted())
    for (k1, t1), (k2, t2) in zip(r.tables().items(), again.tables().items(), strict=True):
        assert k1 == k2
        pd.testing.assert_frame_equal(t2, t1)
    assert again.to_html() == r.to_html()
    assert again.to_markdown(lang="en") == r.to_markdown(lang="en")
    assert again.methods_text() == r.methods_text()
    for name in ("lang", "seed", "min_cell", "n", "big_event", "call"):
        assert getattr(again, name) == getattr(r, name), name
    assert repr(again) == repr(r)


def test_a_damaged_report_file_is_refused(tmp_path):
    r = wn.evaluate(wn.datasets.badhuis(120, seed=1), seed=1, n=20)
    path = tmp_path / "r.wijknet"
    r.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "r.wijknet" in load_error(path)


def test_loading_never_unpickles(tmp_path):
    """A file names its classes; only wijknet's own result classes are made."""
    path = tmp_path / "x.wijknet"
    sections_file(path, [("meta", json.dumps({"object": "builtins.eval", "fields": {}}).encode())])
    assert "not a wijknet object" in load_error(path)
    sections_file(
        path, [("meta", json.dumps({"object": "wijknet._persist.os.system", "fields": {}}).encode())]
    )
    load_error(path)


# ---------------------------------------------------------------------------------------------
# committed samples of every format version
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((SAMPLES / "expected.json").read_text())


@pytest.mark.parametrize("version", range(2, native.FORMAT_VERSION + 1))
def test_committed_samples_load_and_give_the_recorded_numbers(version, expected):
    net = wn.load(SAMPLES / f"network-v{version}.wijknet")
    g = wn.load(SAMPLES / f"graph-v{version}.wijknet")
    assert type(net) is wn.Network and type(g) is wn.Graph
    got = make_samples.expected(net, g)
    summary = json.loads(json.dumps(got.pop("summary"), default=str))
    want = dict(expected)
    want_summary = want.pop("summary")
    assert got == want
    # version 2 bytes did not carry the read report (attrs): its counts are 0 or absent
    for key, value in want_summary.items():
        if version >= 3 or key not in ("input_rows", "duplicates_found", "ids_cleaned", "ids_merged"):
            assert summary.get(key) == value, key
    # and the network still makes the same graph
    assert make_samples.sample_graph(net) == g
    # what the sample is made from today is the same network
    assert make_samples.sample_network() == net


def test_committed_scenario_sample_loads():
    for version in range(3, native.FORMAT_VERSION + 1):
        s = wn.load(SAMPLES / f"scenario-v{version}.wijknet")
        assert type(s) is wn.whatif.Scenario
        fresh = wn.whatif.remove(make_samples.sample_network(), activities=["breakfast"])
        assert_same_value(fresh, s, "scenario")


def test_committed_report_sample_loads():
    for version in range(3, native.FORMAT_VERSION + 1):
        r = wn.load(SAMPLES / f"report-v{version}.wijknet")
        assert type(r) is wn.Report
        assert r.call == make_samples.sample_report(make_samples.sample_network()).call
        assert (r.to_frame()["code"] == "residents").any()
        page = r.to_html()
        assert page.startswith("<!DOCTYPE html>") and "<svg" in page


# ---------------------------------------------------------------------------------------------
# tables of every shape results hold (property test of the table encoding)
# ---------------------------------------------------------------------------------------------


def column_of(kind: str, n: int, draw) -> pd.Series:
    ints = draw(st.lists(st.integers(-(2**62), 2**62), min_size=n, max_size=n))
    floats = draw(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=n, max_size=n))
    texts = draw(st.lists(st.text(max_size=5), min_size=n, max_size=n))
    if kind == "int":
        return pd.Series(ints, dtype="int64")
    if kind == "float":
        return pd.Series(floats, dtype="float64")
    if kind == "bool":
        return pd.Series([i % 2 == 0 for i in ints], dtype=bool)
    if kind == "text":
        return pd.Series(texts)
    if kind == "object":  # what results hold in object columns: mixed numbers, text, None, NaN
        pool = [*ints[:2], *floats[:2], *texts[:2], None, True]
        return pd.Series([pool[i % len(pool)] for i in range(n)], dtype=object)
    if kind == "category":
        return pd.Series(pd.Categorical([t[:1] for t in texts]))
    if kind == "Int64":
        return pd.Series([None if i % 3 == 0 else i for i in ints], dtype="Int64")
    if kind == "boolean":
        return pd.Series([None if i % 3 == 0 else i % 2 == 0 for i in ints], dtype="boolean")
    if kind == "date":
        return pd.Series(pd.to_datetime([abs(i) % 10**9 for i in ints], unit="s"))
    return pd.Series(
        pd.to_datetime([abs(i) % 10**9 for i in ints], unit="s", utc=True).tz_convert("Europe/Amsterdam")
    )


KINDS = ["int", "float", "bool", "text", "object", "category", "Int64", "boolean", "date", "date-tz"]


@st.composite
def frames(draw) -> pd.DataFrame:
    n = draw(st.integers(0, 6))
    kinds = draw(st.lists(st.sampled_from(KINDS), max_size=5))
    df = pd.DataFrame({i: column_of(k, n, draw) for i, k in enumerate(kinds)}, index=pd.RangeIndex(n))
    labels = draw(st.sampled_from(["text", "int", "mixed", "tuples"]))
    if labels == "text":
        df.columns = [f"c{i}" for i in range(len(kinds))]
    elif labels == "mixed":
        df.columns = pd.Index([True, "total", 3, None, 2.5][: len(kinds)], dtype=object)
    elif labels == "tuples" and kinds:
        df.columns = pd.MultiIndex.from_tuples([("a", i) for i in range(len(kinds))], names=["x", "y"])
    index = draw(st.sampled_from(["range", "int", "text", "object", "multi", "date", "category"]))
    if index == "int":
        df.index = pd.Index(range(10, 10 + n), name="id")
    elif index == "text":
        df.index = pd.Index([f"r{i}" for i in range(n)], name="resident")
    elif index == "object":
        df.index = pd.Index([[True, False, "total", 7][i % 4] for i in range(n)], dtype=object)
    elif index == "multi":
        df.index = pd.MultiIndex.from_arrays(
            [[f"g{i % 2}" for i in range(n)], list(range(n))], names=["group", None]
        )
    elif index == "date":
        df.index = pd.DatetimeIndex(pd.to_datetime(list(range(n)), unit="D"), name="day")
    elif index == "category":
        df.index = pd.CategoricalIndex([f"k{i % 2}" for i in range(n)], name="k")
    return df


def through_a_file(value):
    enc = _persist._Encoder("test")
    meta = json.loads(json.dumps(enc.value(value, "value"), allow_nan=True))
    return _persist._Decoder(dict(enc.parts), "test").value(meta)


@HYP
@given(frames())
def test_tables_come_back_as_they_were(df):
    pd.testing.assert_frame_equal(through_a_file(df), df, check_exact=True, check_freq=False)
    for j in range(min(df.shape[1], 2)):
        s = df.iloc[:, j].rename(df.columns[j] if not isinstance(df.columns, pd.MultiIndex) else "s")
        pd.testing.assert_series_equal(through_a_file(s), s, check_exact=True, check_freq=False)


def test_plain_values_come_back_as_they_were():
    value = {
        "t": (1, "a", None),
        "l": [1.5, float("nan"), float("inf")],
        3: {"nested": (True, False)},
        "np": np.int64(7),
        "ts": pd.Timestamp("2025-01-06 10:00", tz="Europe/Amsterdam"),
        "na": pd.NA,
        "arr": np.arange(6, dtype="int32").reshape(2, 3),
    }
    back = through_a_file(value)
    assert back["t"] == (1, "a", None) and back[3] == {"nested": (True, False)}
    assert back["l"][0] == 1.5 and np.isnan(back["l"][1]) and back["l"][2] == float("inf")
    assert back["np"] == 7 and type(back["np"]) is int
    assert back["ts"] == value["ts"] and back["na"] is pd.NA
    assert back["arr"].dtype == np.int32 and (back["arr"] == value["arr"]).all()
    with pytest.raises(wn.ArgumentError, match="array of Python objects"):
        through_a_file(np.array([1, "a"], dtype=object))
    with pytest.raises(wn.ArgumentError, match="holds a set"):
        through_a_file({1, 2})
