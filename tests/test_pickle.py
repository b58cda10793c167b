"""Pickling (versioned serde bytes), immutability, repr and _repr_html_."""

from __future__ import annotations

import copy
import pickle
import struct

import pandas as pd
import pytest
from conftest import UNITS, WEIGHTS, edge_map, random_register

import wijknet as wn
from wijknet import _wijknet as native


def roundtrip(obj, protocol=pickle.HIGHEST_PROTOCOL):
    return pickle.loads(pickle.dumps(obj, protocol=protocol))


def assert_same_graph(a: wn.Graph, b: wn.Graph) -> None:
    assert type(b) is wn.Graph
    assert b.nodes.tolist() == a.nodes.tolist()
    assert b.nodes.dtype == a.nodes.dtype
    assert b.is_directed() == a.is_directed()
    assert b.edges().equals(a.edges())
    assert b.spec == a.spec
    assert b._g.to_bytes() == a._g.to_bytes()
    assert repr(b) == repr(a)


@pytest.fixture(scope="module")
def dated() -> wn.Network:
    df = random_register(2, residents=50, activities=7, rows=300, dated=True, days=8, roles=True, sessions=True)
    net = wn.Network.from_attendance(df, date="date", session="session", role="role")
    acts = net.activities.tolist()
    return net.with_resident_attributes(
        pd.DataFrame({"resident": net.residents[:5], "age": [20, 30, 40, 50, 60]})
    ).with_activity_attributes(pd.DataFrame({"activity": acts, "k": ["a"] * len(acts)}), sensitive=acts[:1])


def test_network_pickles_to_an_equal_network(dated):
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        again = roundtrip(dated, protocol)
        assert type(again) is wn.Network
        assert again == dated
        assert again.summary().to_dict() == dated.summary().to_dict()
        assert again.to_frame().equals(dated.to_frame())
        assert again.resident_attributes().equals(dated.resident_attributes())
        assert again.activity_attributes().equals(dated.activity_attributes())
        assert again.sensitive_activities().tolist() == dated.sensitive_activities().tolist()
    assert copy.deepcopy(dated) == dated
    assert copy.copy(dated) == dated


def test_bundled_networks_pickle():
    for net in (wn.datasets.davis_southern_women(), wn.datasets.badhuis(residents=500, seed=3)):
        again = roundtrip(net)
        assert again == net
        assert again.residents.tolist() == net.residents.tolist()


def test_views_pickle_as_views(dated):
    view = dated.window("2025-01-13", "2025-02-10").filter(roles=["participant", "organiser"])
    again = roundtrip(view)
    assert again == view
    assert again._net.is_view
    assert repr(again).startswith("<wijknet.Network (view)")
    assert again.summary().to_dict() == view.summary().to_dict()
    assert again.to_frame().equals(view.to_frame())
    assert edge_map(again.project(unit="session")) == edge_map(view.project(unit="session"))
    assert again != dated


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("weight", WEIGHTS)
def test_projections_pickle_and_keep_provenance(dated, weight, unit):
    g = dated.filter(exclude_sensitive=True).project(weight=weight, unit=unit, max_activity_size=30)
    again = roundtrip(g)
    assert_same_graph(g, again)
    assert again.spec == {"weight": weight, "unit": unit, "min_weight": None, "max_activity_size": 30}
    e = g.edges()
    for a, b in list(zip(e["source"], e["target"]))[:25]:
        assert again.provenance(a, b).equals(g.provenance(a, b))
        assert again.weight(a, b) == g.weight(a, b)
    assert again.node_attributes().equals(g.node_attributes())
    assert wn.degree(again).equals(wn.degree(g))


def test_edge_graphs_pickle():
    df = pd.DataFrame({"source": [3, 1, 2], "target": [1, 2, 4], "w": [0.5, 1.5, 2.5]})
    for directed in (False, True):
        g = wn.Graph.from_edges(df, weight="w", directed=directed)
        again = roundtrip(g)
        assert_same_graph(g, again)
        assert again.spec is None
        with pytest.raises(wn.ArgumentError):
            again.provenance(1, 2)


def test_unpickled_projection_of_davis():
    g = roundtrip(wn.datasets.davis_southern_women().project(weight="newman"))
    assert g.provenance("Evelyn Jefferson", "Laura Mandeville")["activity"].tolist() == ["E1", "E2", "E3", "E5", "E6", "E8"]
    assert wn.degree(g)["Evelyn Jefferson"] == 17
    assert g.nodes.name == "resident"


# ---------------------------------------------------------------------------------------------
# damaged and foreign bytes
# ---------------------------------------------------------------------------------------------


def payload() -> bytes:
    return bytes(wn.datasets.davis_southern_women()._net.to_bytes())


def test_format_header():
    b = payload()
    assert b[:4] == b"WJKN"
    assert struct.unpack("<H", b[4:6])[0] == native.FORMAT_VERSION == 3  # 2: tie layers; 3: kind, length, checksum
    gb = bytes(wn.datasets.davis_southern_women().project()._g.to_bytes())
    assert gb[:6] == b[:6]
    assert (b[6], gb[6]) == (1, 2)  # the kind: network, graph
    assert struct.unpack("<Q", b[8:16])[0] == len(b) - 20  # the payload's length


@pytest.mark.parametrize(
    "make",
    [
        lambda b: b"",
        lambda b: b"WJKN",
        lambda b: b"WJKN\x01",
        lambda b: b"XXXX" + b[4:],
        lambda b: b[: len(b) // 2],
        lambda b: b[:-1],
        lambda b: b"WJKN\x01\x00" + b"\xff" * 64,
        lambda b: b"WJKN\x01\x00",
    ],
    ids=["empty", "magic-only", "short-header", "bad-magic", "half", "last-byte-cut", "garbage", "no-payload"],
)
def test_corrupted_payload_raises_serialization_error(make):
    data = make(payload())
    for cls in (native.Network, native.Graph):
        with pytest.raises(wn.SerializationError) as info:
            cls.from_bytes(data)
        assert isinstance(info.value, ValueError)
        assert "wijknet" in str(info.value)


@pytest.mark.parametrize("version", [0, 1, 7, 65535])
def test_other_format_versions_are_refused_naming_both(version):
    b = payload()
    data = b"WJKN" + struct.pack("<H", version) + b[6:]
    with pytest.raises(wn.SerializationError) as info:
        native.Network.from_bytes(data)
    msg = str(info.value)
    assert f"version {version}" in msg and f"version {native.FORMAT_VERSION}" in msg


def test_network_bytes_are_not_a_graph():
    with pytest.raises(wn.SerializationError):
        native.Graph.from_bytes(payload())


def test_pickle_from_a_future_version_raises_serialization_error():
    for obj in (wn.datasets.davis_southern_women(), wn.datasets.davis_southern_women().project()):
        data = pickle.dumps(obj)
        b = bytes(obj._net.to_bytes()) if isinstance(obj, wn.Network) else bytes(obj._g.to_bytes())
        assert data.count(b) == 1
        future = native.FORMAT_VERSION + 1
        damaged = data.replace(b, b[:4] + struct.pack("<H", future) + b[6:])  # same length: valid pickle
        with pytest.raises(wn.SerializationError, match=f"version {future}"):
            pickle.loads(damaged)


def test_trailing_bytes_are_refused():
    with pytest.raises(wn.SerializationError):
        native.Network.from_bytes(payload() + b"\x00garbage")


# ---------------------------------------------------------------------------------------------
# immutability and display
# ---------------------------------------------------------------------------------------------


def test_objects_are_immutable(dated):
    g = dated.project()
    for obj, attr in ((dated, "residents"), (dated, "_net"), (dated, "new"), (g, "nodes"), (g, "_g"), (g, "new")):
        with pytest.raises(AttributeError):
            setattr(obj, attr, None)
    for obj in (dated._net, g._g):  # the native objects are frozen too
        with pytest.raises(AttributeError):
            obj.anything = 1
    assert dated.project()._g.to_bytes() == g._g.to_bytes()  # still intact


def test_attributes_cannot_be_deleted():
    net = wn.datasets.davis_southern_women()
    with pytest.raises(AttributeError):
        del net._net
    g = net.project()
    with pytest.raises(AttributeError):
        del g._g


def test_with_methods_return_new_objects(dated):
    before = pickle.dumps(dated)
    other = dated.with_resident_attributes(pd.DataFrame({"resident": dated.residents[:1], "x": [1.0]}))
    assert other is not dated
    assert pickle.dumps(dated) == before


def test_objects_are_not_hashable(dated):
    with pytest.raises(TypeError):
        hash(dated)


def test_repr_is_one_line(dated):
    view = dated.window("2025-01-13", "2025-02-10")
    objs = [dated, view, wn.datasets.davis_southern_women(), dated.project(), view.project(weight="newman", unit="session"),
            wn.Graph.from_edges({"source": ["a"], "target": ["b"]})]
    for obj in objs:
        r = repr(obj)
        assert "\n" not in r and r.startswith("<wijknet.") and r.endswith(">")
    assert repr(wn.datasets.davis_southern_women()) == "<wijknet.Network: 18 residents × 14 activities, 89 attendances>"
    assert repr(wn.datasets.davis_southern_women().project(weight="newman")) == (
        "<wijknet.Graph: 18 nodes, 139 edges, undirected, newman per activity>"
    )
    assert repr(view).startswith("<wijknet.Network (view): ")


def test_repr_html(dated):
    h = dated._repr_html_()
    assert h.startswith("<div>") and h.endswith("</div>") and "<table>" in h
    s = dated.summary()
    assert f"<td>{s['residents']}</td>" in h and f"<td>{s['attendances']}</td>" in h
    assert "(view)" in dated.window("2025-01-13")._repr_html_()
    g = dated.project()
    gh = g._repr_html_()
    assert gh.startswith("<div>") and f"{g.number_of_edges()} edges" in gh
    # ids with markup are escaped
    net = wn.Network.from_attendance({"resident": ["<b>x</b>"], "activity": ["<script>"]})
    assert "<script>" not in net._repr_html_()
