"""Hostile sizes: inputs far past what an evaluation register looks like, each run in a child
process under a 12 GiB address-space limit (``RLIMIT_AS``).

Every case either works within that memory or fails fast with a wijknet error whose message
names the limit and the fix. The child must never be killed (out of memory: -9, stack overflow:
-11 or an abort) and must finish within a generous timeout: the timeout is a safety net against
a quadratic blow-up, never a performance assertion. The cases:

* one activity with a million participants (its projection is refused by the pair budget;
  the measures that do not enumerate pairs answer, those that do fail fast);
* a million activities with one participant each, and one resident in a million activities;
* a resident who meets a million others, one at a time (a star of a million leaves);
* a projection of 10⁸ pairs under the default pair budget (it works);
* a path of ten million nodes (the walks use explicit stacks; tests/hostile.rs proves it on a
  64 KiB stack too);
* ids of one megabyte, from a CSV file and from a DataFrame (messages quote them shortened).

Run ``pytest tests/test_hostile.py -s`` to see each case's time and peak memory (the table in
the documentation's testing page comes from that output).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

resource = pytest.importorskip("resource")  # POSIX only

import wijknet as wn  # noqa: E402

#: the memory every case must live within
LIMIT = 12 << 30
#: seconds a case may take before it counts as a blow-up (a safety net, not a benchmark)
TIMEOUT = 120
#: a message may quote an id, shortened; never a megabyte of it
MESSAGE_MAX = 2_000

PRELUDE = """
import json, resource, sys, time
import numpy as np
import pandas as pd
import wijknet as wn

_t0 = time.perf_counter()
_steps = []


def _describe(value):
    if isinstance(value, wn.Graph):
        return [value.number_of_nodes(), value.number_of_edges()]
    if isinstance(value, (pd.Series, pd.DataFrame, pd.Index, list, tuple)):
        return len(value)
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value if not isinstance(value, str) else len(value)
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    return type(value).__name__


def step(name, f):
    t = time.perf_counter()
    record = {"step": name}
    try:
        value = f()
    except Exception as e:  # recorded and judged by the test
        message = str(e)
        record.update(ok=False, error=type(e).__name__, message=message[:4000],
                      message_length=len(message),
                      wijknet=isinstance(e, wn.WijknetError))
        value = None
    else:
        record.update(ok=True, value=_describe(value))
    record["seconds"] = round(time.perf_counter() - t, 3)
    _steps.append(record)
    print("@@step " + record["step"], flush=True)  # the last one names a step that hangs
    return value


def done():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print("@@" + json.dumps({"steps": _steps, "peak_bytes": peak,
                             "seconds": round(time.perf_counter() - _t0, 3)}))
"""


def _limit() -> None:  # in the child, before it runs
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def run_case(body: str, tmp_path: Path | None = None) -> dict[str, Any]:
    """Runs ``body`` (which calls ``step(name, f)`` and ends with ``done()``) in a child
    Python under the memory limit; returns its steps, peak memory and time."""
    env = dict(os.environ)
    here = str(Path(wn.__file__).resolve().parent.parent)  # the wijknet this suite imports
    env["PYTHONPATH"] = here + os.pathsep + env.get("PYTHONPATH", "")
    code = PRELUDE + textwrap.dedent(body)
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            preexec_fn=_limit,
            env=env,
            cwd=tmp_path,
        )
    except subprocess.TimeoutExpired as e:
        text = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        finished = [line[7:] for line in text.splitlines() if line.startswith("@@step ")]
        pytest.fail(
            f"the case ran past {TIMEOUT} s (a blow-up, not a fast failure) after the steps {finished}"
        )
    wall = time.perf_counter() - start
    assert proc.returncode not in (-9, -11, -6, 134, 137, 139), (
        f"the child was killed (return code {proc.returncode}): {proc.stderr[-2000:]}"
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [line for line in proc.stdout.splitlines() if line.startswith("@@{")]
    assert lines, proc.stdout[-2000:] + proc.stderr[-2000:]
    out = json.loads(lines[-1][2:])
    out["wall"] = wall
    print(f"\n  {'case':40s} {out['seconds']:7.1f} s  peak {out['peak_bytes'] / 2**30:5.2f} GiB")
    for s in out["steps"]:
        what = s.get("value") if s["ok"] else s["error"]
        print(f"    {s['step']:38s} {s['seconds']:7.2f} s  {what}")
    return out


def steps(out: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["step"]: s for s in out["steps"]}


def assert_ok(s: dict[str, Any]) -> None:
    assert s["ok"], f"{s['step']}: {s.get('error')}: {s.get('message', '')[:500]}"


def assert_budget(s: dict[str, Any], *names: str) -> None:
    """A fast, clear refusal: BudgetExceededError (a MemoryError) naming the limit and fixes."""
    assert not s["ok"], f"{s['step']} answered instead of refusing: {s.get('value')}"
    assert s["error"] == "BudgetExceededError", f"{s['step']}: {s['error']}: {s['message'][:500]}"
    assert s["wijknet"]
    message = s["message"]
    assert "budget" in message or "more than the limit of" in message, message
    for name in names:
        assert name in message, f"{s['step']}: {name!r} not in: {message}"
    assert s["message_length"] < MESSAGE_MAX


def test_hostile_errors_are_memory_errors() -> None:
    assert issubclass(wn.BudgetExceededError, MemoryError)
    assert issubclass(wn.BudgetExceededError, wn.WijknetError)


# ---------------------------------------------------------------------------------------------
# one activity with a million participants
# ---------------------------------------------------------------------------------------------


def test_one_activity_with_a_million_participants() -> None:
    out = run_case(
        """
        n = 1_000_000
        df = pd.DataFrame({"resident": np.arange(n), "activity": np.zeros(n, dtype=np.int64),
                           "date": pd.Timestamp("2024-01-01"),
                           "role": np.where(np.arange(n) < 10, "organiser", "participant")})
        net = step("from_attendance", lambda: wn.Network.from_attendance(
            df, resident="resident", activity="activity", date="date", role="role"))
        step("summary", lambda: net.summary())
        step("project", lambda: net.project())
        step("project newman", lambda: net.project(weight="newman"))
        step("project session", lambda: net.project(unit="session"))
        step("project max_activity_size", lambda: net.project(max_activity_size=1000))
        step("project_activities", lambda: net.project_activities())
        step("to_frame", lambda: net.to_frame())
        # two-mode measures that never enumerate pairs of participants answer
        step("twomode.density", lambda: wn.twomode.density(net))
        step("twomode.degree_centrality", lambda: wn.twomode.degree_centrality(net))
        step("twomode.robins_alexander", lambda: wn.twomode.robins_alexander_clustering(net))
        step("twomode.opsahl_clustering", lambda: wn.twomode.opsahl_clustering(net))
        # ... those that compare every pair of participants refuse at once
        step("twomode.latapy_clustering", lambda: wn.twomode.latapy_clustering(net))
        step("twomode.exclusive_clustering", lambda: wn.twomode.exclusive_clustering(net))
        step("activities.overlap", lambda: wn.activities.overlap(net))
        step("activities.impact", lambda: wn.activities.impact(net))
        step("indicators.session_sizes", lambda: wn.indicators.session_sizes(net))
        step("indicators.met_within", lambda: wn.indicators.met_within(net, days=30))
        step("indicators.took_role", lambda: wn.indicators.took_role(net))
        step("indicators.bridge_activities", lambda: wn.indicators.bridge_activities(net))
        step("empowerment.trajectories", lambda: wn.empowerment.trajectories(net))
        step("empowerment.organiser_load", lambda: wn.empowerment.organiser_load(net))
        step("temporal.retention", lambda: wn.temporal.retention(net))
        step("temporal.survival", lambda: wn.temporal.survival(net))
        step("temporal.tie_formation", lambda: wn.temporal.tie_formation(net))
        step("whatif.rank_activities", lambda: wn.whatif.rank_activities(net))
        step("whatif.dependency", lambda: wn.whatif.dependency(net))
        step("evaluate", lambda: wn.evaluate(net))
        done()
        """
    )
    s = steps(out)
    assert s["from_attendance"]["ok"]
    assert_ok(s["summary"])
    for name in ("project", "project newman", "project session"):
        assert_budget(s[name], "pair_budget=", "max_activity_size=")
    assert s["project max_activity_size"]["value"] == [1_000_000, 0]
    assert s["project_activities"]["value"] == [1, 0]
    assert s["to_frame"]["value"] == 1_000_000
    assert s["twomode.density"]["value"] == 1.0
    for name in (
        "twomode.degree_centrality",
        "twomode.robins_alexander",
        "twomode.opsahl_clustering",
        "activities.overlap",
        "indicators.session_sizes",
        "indicators.met_within",
        "indicators.took_role",
        "empowerment.trajectories",
        "empowerment.organiser_load",
        "temporal.retention",
        "temporal.survival",
    ):
        assert_ok(s[name])
    for name in ("twomode.latapy_clustering", "twomode.exclusive_clustering", "temporal.tie_formation"):
        assert_budget(s[name], "net.filter(", "net.window(")
    for name in (
        "activities.impact",
        "indicators.bridge_activities",
        "whatif.rank_activities",
        "whatif.dependency",
        "evaluate",
    ):
        assert_budget(s[name], "pair_budget=")


# ---------------------------------------------------------------------------------------------
# a million activities with one participant each; one resident in a million activities
# ---------------------------------------------------------------------------------------------


def test_a_million_activities_with_one_participant_each() -> None:
    out = run_case(
        """
        n = 1_000_000
        df = pd.DataFrame({"resident": np.arange(n), "activity": np.arange(n),
                           "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(n) % 365, "D")})
        net = step("from_attendance", lambda: wn.Network.from_attendance(
            df, resident="resident", activity="activity", date="date"))
        g = step("project", lambda: net.project())
        step("project_activities", lambda: net.project_activities())
        step("number_connected_components", lambda: wn.number_connected_components(g))
        step("clustering", lambda: wn.clustering(g))
        step("louvain", lambda: wn.louvain_communities(g, seed=1))
        step("twomode.latapy_clustering", lambda: wn.twomode.latapy_clustering(net))
        step("twomode.exclusive_clustering", lambda: wn.twomode.exclusive_clustering(net))
        step("twomode.opsahl_clustering", lambda: wn.twomode.opsahl_clustering(net))
        step("activities.impact", lambda: wn.activities.impact(net))
        step("whatif.rank_activities", lambda: wn.whatif.rank_activities(net))
        step("temporal.tie_formation", lambda: wn.temporal.tie_formation(net))
        step("indicators.session_sizes", lambda: wn.indicators.session_sizes(net))

        # one resident in a million activities: the activity projection is a clique
        one = pd.DataFrame({"resident": np.zeros(n, dtype=np.int64), "activity": np.arange(n)})
        net1 = step("one resident: from_attendance", lambda: wn.Network.from_attendance(
            one, resident="resident", activity="activity"))
        step("one resident: project", lambda: net1.project())
        step("one resident: project_activities", lambda: net1.project_activities())
        step("one resident: latapy activities",
             lambda: wn.twomode.latapy_clustering(net1, nodes="activities"))
        step("one resident: activities.overlap", lambda: wn.activities.overlap(net1))
        done()
        """
    )
    s = steps(out)
    assert s["project"]["value"] == [1_000_000, 0]
    assert s["project_activities"]["value"] == [1_000_000, 0]
    assert s["number_connected_components"]["value"] == 1_000_000
    for name in (
        "clustering",
        "louvain",
        "twomode.latapy_clustering",
        "twomode.exclusive_clustering",
        "twomode.opsahl_clustering",
        "activities.impact",
        "whatif.rank_activities",
        "temporal.tie_formation",
        "indicators.session_sizes",
    ):
        assert_ok(s[name])
    assert s["one resident: project"]["value"] == [1, 0]
    assert_budget(s["one resident: project_activities"], "pair_budget=")
    assert_budget(s["one resident: latapy activities"], "net.filter(")
    # overlap is a table of every pair of activities: refused or answered, never a blow-up
    o = s["one resident: activities.overlap"]
    assert o["ok"] or o["error"] in ("BudgetExceededError", "ArgumentError"), o


# ---------------------------------------------------------------------------------------------
# a star: one resident meets a million others, one activity each
# ---------------------------------------------------------------------------------------------


def test_a_resident_who_meets_a_million_others() -> None:
    out = run_case(
        """
        n = 1_000_000
        df = pd.DataFrame({"resident": np.concatenate([np.zeros(n, dtype=np.int64), np.arange(1, n + 1)]),
                           "activity": np.concatenate([np.arange(n), np.arange(n)])})
        net = step("from_attendance", lambda: wn.Network.from_attendance(
            df, resident="resident", activity="activity"))
        g = step("project", lambda: net.project())
        step("triangles", lambda: wn.triangles(g))
        step("clustering", lambda: wn.clustering(g))
        step("transitivity", lambda: wn.transitivity(g))
        step("square_clustering", lambda: wn.square_clustering(g))
        step("core_number", lambda: wn.core_number(g))
        step("ego.measures", lambda: wn.ego.measures(g))
        step("ego.constraint", lambda: wn.ego.constraint(g))
        step("louvain", lambda: wn.louvain_communities(g, seed=1))
        step("leiden", lambda: wn.leiden_communities(g, seed=1))
        step("pagerank", lambda: wn.pagerank(g))
        step("betweenness k=2", lambda: wn.betweenness_centrality(g, k=2, seed=1))
        step("twomode.opsahl_clustering", lambda: wn.twomode.opsahl_clustering(net))
        step("twomode.exclusive_clustering", lambda: wn.twomode.exclusive_clustering(net))
        step("twomode.latapy_clustering", lambda: wn.twomode.latapy_clustering(net))
        step("activities.impact", lambda: wn.activities.impact(net))
        step("whatif.rank_activities", lambda: wn.whatif.rank_activities(net))
        done()
        """
    )
    s = steps(out)
    assert s["project"]["value"] == [1_000_001, 1_000_000]
    assert s["transitivity"]["value"] == 0.0
    for name in (
        "triangles",
        "clustering",
        "square_clustering",
        "core_number",
        "ego.measures",
        "ego.constraint",
        "louvain",
        "leiden",
        "pagerank",
        "betweenness k=2",
        "twomode.latapy_clustering",
        "whatif.rank_activities",
    ):
        assert_ok(s[name])
    # through the hub run 10¹² paths and wedges: refused at once
    assert_budget(s["twomode.opsahl_clustering"], "net.filter(")
    assert_budget(s["twomode.exclusive_clustering"], "net.filter(")
    # impact ranks activities by their betweenness among activities: the hub's million
    # activities all overlap, 5 × 10¹¹ pairs, refused at once
    assert_budget(s["activities.impact"], "pair_budget=")


# ---------------------------------------------------------------------------------------------
# a projection of 10⁸ pairs under the default budget
# ---------------------------------------------------------------------------------------------


def test_a_projection_of_a_hundred_million_pairs() -> None:
    out = run_case(
        """
        n = 14_143  # n(n - 1)/2 = 100,005,153 pairs, within the default budget of 250 million
        df = pd.DataFrame({"resident": np.arange(n), "activity": np.zeros(n, dtype=np.int64)})
        net = step("from_attendance", lambda: wn.Network.from_attendance(
            df, resident="resident", activity="activity"))
        g = step("project", lambda: net.project())
        step("density", lambda: wn.density(g))
        del g
        step("project newman", lambda: net.project(weight="newman").number_of_edges())
        done()
        """
    )
    s = steps(out)
    assert s["project"]["value"] == [14_143, 14_143 * 14_142 // 2]
    assert s["density"]["value"] == 1.0
    assert s["project newman"]["value"] == 14_143 * 14_142 // 2


# ---------------------------------------------------------------------------------------------
# a path of ten million nodes
# ---------------------------------------------------------------------------------------------


def test_a_path_of_ten_million_nodes() -> None:
    out = run_case(
        """
        n = 10_000_000
        edges = pd.DataFrame({"source": np.arange(n - 1), "target": np.arange(1, n)})
        g = step("from_edges", lambda: wn.Graph.from_edges(edges, source="source", target="target"))
        step("connected_components", lambda: wn.number_connected_components(g))
        step("articulation_points", lambda: wn.articulation_points(g))
        step("bridges", lambda: wn.bridges(g))
        step("core_number", lambda: wn.core_number(g))
        step("k_core", lambda: wn.k_core(g))
        step("average_shortest_path_length k=2",
             lambda: wn.average_shortest_path_length(g, k=2, seed=1))
        step("betweenness k=2", lambda: wn.betweenness_centrality(g, k=2, seed=1))
        # community detection on a path of a million (on ten million Louvain takes about 40 s
        # and Leiden, repeated until it stops improving, minutes: time, not depth)
        m = 1_000_000
        short = wn.Graph.from_edges(edges.iloc[: m - 1], source="source", target="target")
        step("louvain", lambda: wn.louvain_communities(short, seed=1))
        step("leiden", lambda: wn.leiden_communities(short, seed=1, n_iterations=2))
        done()
        """
    )
    s = steps(out)
    n = 10_000_000
    assert s["from_edges"]["value"] == [n, n - 1]
    assert s["connected_components"]["value"] == 1
    assert s["articulation_points"]["value"] == n - 2
    assert s["bridges"]["value"] == n - 1
    assert s["core_number"]["value"] == n
    assert s["k_core"]["value"] == [n, n - 1]
    for name in ("average_shortest_path_length k=2", "betweenness k=2", "louvain", "leiden"):
        assert_ok(s[name])


# ---------------------------------------------------------------------------------------------
# ids of one megabyte
# ---------------------------------------------------------------------------------------------

MB = 1 << 20

HUGE_IDS = f"""
mb = {MB}
ann, bob, cas = "a" * mb, "b" * mb, "c" * mb
rows = {{"resident": [ann, bob, bob, cas], "activity": ["dance", "dance", "yoga" * (mb // 4), "yoga" * (mb // 4)],
         "date": ["2024-01-01", "2024-01-01", "2024-01-03", "2024-01-03"],
         "role": ["participant", "volunteer", "participant", "participant"]}}
"""


def _assert_short(s: dict[str, Any], error: str) -> None:
    assert not s["ok"], s
    assert s["error"] == error, f"{s['step']}: {s['error']}: {s['message'][:300]}"
    assert s["message_length"] < MESSAGE_MAX, f"{s['step']}: a message of {s['message_length']} characters"


@pytest.mark.parametrize("source", ["csv", "frame"])
def test_ids_of_one_megabyte(source: str, tmp_path: Path) -> None:
    load = (
        'pd.DataFrame(rows).to_csv("register.csv", index=False)\n'
        'net = step("read", lambda: wn.read_attendance("register.csv", resident="resident", '
        'activity="activity", date="date", role="role"))\n'
        if source == "csv"
        else 'net = step("read", lambda: wn.Network.from_attendance(pd.DataFrame(rows), resident="resident", '
        'activity="activity", date="date", role="role"))\n'
    )
    out = run_case(
        HUGE_IDS
        + load
        + """
g = step("project", lambda: net.project())
step("edges", lambda: g.edges())
step("degree", lambda: wn.degree(g))
step("provenance", lambda: g.provenance(ann, bob))
step("repr", lambda: repr(net) + repr(g) + net._repr_html_() + g._repr_html_())
step("unknown resident", lambda: net.filter(residents=["z" * mb]))
step("unknown node", lambda: wn.degree(g)["z" * mb] if False else g.provenance(ann, "z" * mb))
bad_role = dict(rows, role=["participant", "volunteer", "x" * mb, "participant"])
step("unknown role", lambda: wn.Network.from_attendance(pd.DataFrame(bad_role), resident="resident",
     activity="activity", date="date", role="role"))
bad_date = dict(rows, date=["2024-01-01", "2024-01-01", "9" * mb, "2024-01-03"])
step("bad date", lambda: wn.Network.from_attendance(pd.DataFrame(bad_date), resident="resident",
     activity="activity", date="date"))
empty = dict(rows, resident=[ann, None, bob, cas])
step("empty id", lambda: wn.Network.from_attendance(pd.DataFrame(empty), resident="resident",
     activity="activity"))
step("evaluate", lambda: wn.evaluate(net, min_cell=1).to_html())
report = wn.evaluate(net, min_cell=1)
step("report markdown", lambda: report.to_markdown(lang="en"))
step("report shows the id shortened", lambda: "yogayoga… (1,048,576 characters)" in report.to_markdown(lang="en"))
step("report tables keep whole ids",
     lambda: max(len(str(k)) for t in report.tables().values() for k in t.index))
done()
""",
        tmp_path,
    )
    s = steps(out)
    assert s["read"]["ok"], s["read"]
    assert s["project"]["value"] == [3, 2]
    for name in ("edges", "degree", "provenance", "repr"):
        assert_ok(s[name])
    # a repr shows a network's size, never its ids
    assert s["repr"]["value"] < 100_000
    _assert_short(s["unknown resident"], "NodeNotFoundError")
    _assert_short(s["unknown node"], "NodeNotFoundError")
    _assert_short(s["unknown role"], "InputError")
    _assert_short(s["bad date"], "InputError")
    _assert_short(s["empty id"], "InputError")
    assert_ok(s["evaluate"])
    # a report shows an id of a megabyte shortened (the activity "yogayoga…" here), in every
    # language and format; the tables it hands back keep the id whole
    assert s["evaluate"]["value"] < MB // 2, s["evaluate"]
    assert s["report markdown"]["value"] < MB // 2, s["report markdown"]
    assert s["report shows the id shortened"]["value"] is True
    assert s["report tables keep whole ids"]["value"] == MB
