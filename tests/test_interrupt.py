"""Ctrl-C stops every long call: each public function with ``progress=`` runs in a child process
on a workload that takes longer than 3 s, gets a real SIGINT (``os.kill``) about 1 s after it
started, and must end with KeyboardInterrupt within 1 s of the signal.

One child process runs all the cases in turn: the parent tells it to start a case, waits 1 s,
sends SIGINT and reads what happened. Times are ``time.monotonic()`` on both sides (one clock
for all processes on Linux). The functions are discovered (``walker.public_callables()``), and
the workloads come from the same recipes as the other walkers, on bigger data (``WORKLOADS``):
the bundled register with 20,000 to 60,000 residents, and registers built cheaply from numpy
rows whose pair work is large (blocks of residents who share all their activities, activities
of residents drawn at random). Each workload is built when its first case starts and freed
after its last. A function without a recipe, one that fails on its workload, ignores the signal
or stops late fails its test; one that finishes before the signal came (its workload was too
small to show anything on this machine) is reported as skipped.

Run directly (``python tests/test_interrupt.py child``) this file is the child; further
arguments pick cases by part of their name, and each line on its standard input starts the next
case, so ``yes go | python tests/test_interrupt.py child layer`` times a case uninterrupted
(``seconds``, and ``cpu`` for the processor time of all threads).
"""

from __future__ import annotations

import inspect
import json
import os
import select
import signal
import subprocess
import sys
import time
import warnings
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
#: the signal comes this long after a case starts; the case must end this soon after it
SIGNAL_AFTER = 1.0
STOP_WITHIN = 1.0
#: the register the workloads run on (badhuis residents), and the options that make them long
RESIDENTS = 20_000
LONG = {"n": 10**7, "trades": 10**10}
#: a denser register for the calls that are quick on the first one: its projection by shared
#: activity (every pair of residents in one activity is a tie: millions of ties)
DENSE_RESIDENTS = 20_000
#: the register written (``FILE_COPIES`` times over) as the text file the readers read
BIG_RESIDENTS = 60_000
ACTIVITY = {"unit": "activity"}
FILE_COPIES = 8
#: registers of blocks (``Blocks``): (residents, block size). "blocks" stays just within the
#: default pair budget (for the calls that take none: 2.5·10⁸ pairs), "blocks4" has four times
#: the pair work (for the calls that take ``pair_budget``)
BLOCKS = {"blocks": (20_000, 158), "blocks4": (20_000, 300)}
#: registers of random activities (``Overlap``): residents, activities each, their size.
#: "overlap" is projected for the graph measures (10⁷ ties, dense neighbourhoods without
#: twins); "scattered" (a million residents, 2.4·10⁸ pairs) makes every step of a pair walk a
#: jump through memory
OVERLAP = {"overlap": (50_000, 4, 100), "scattered": (1_000_000, 2, 240)}
UNBOUNDED = {"unit": "activity", "pair_budget": 10**12}
#: per function: which data it runs on (default: the badhuis register) and options of its own
WORKLOADS: dict[str, dict[str, Any]] = {
    "wijknet.network.Network.project": {"data": "blocks4", "unit": "activity", "pair_budget": 10**12},
    "wijknet.network.Network.project_activities": {"data": "blocks4", "pair_budget": 10**12},
    # a text file of several million rows (``FILE_COPIES`` copies of the big register)
    "wijknet.network.read_attendance": {"data": "big", "file": True},
    # the same rows as a table in memory
    "wijknet.network.Network.from_attendance": {"data": "big", "frame": True},
    # a derived layer takes no pair budget: the default one's biggest work, on one thread
    "wijknet.network.Network.layer": {"data": "blocks", "name": "co-participation", "threads": 1},
    "wijknet.cohesion.reach": {"steps": 100},
    "wijknet.cohesion.reach_summary": {"steps": 100},
    "wijknet.cohesion.global_efficiency_estimate": {"k": "all"},
    "wijknet.centrality.betweenness_centrality": {},
    "wijknet.centrality.pagerank": {"data": "dense", "tol": 1e-300, "max_iter": 10**9},
    "wijknet.centrality.eigenvector_centrality": {"data": "dense", "tol": 1e-300, "max_iter": 10**9},
    # every tie 1: more moves before the communities settle
    "wijknet.community.louvain_communities": {"data": "overlap", "weight": None},
    "wijknet.community.leiden_communities": {"data": "overlap", "weight": None},
    "wijknet.ego.brokerage": {"data": "dense"},
    # Latapy's clustering takes no pair budget either
    "wijknet.twomode.latapy_clustering": {"data": "scattered"},
    "wijknet.twomode.average_latapy_clustering": {"data": "scattered"},
    "wijknet.twomode.closeness_centrality": {"data": "blocks4"},
    "wijknet.temporal.growth": {"data": "blocks4", "projection": UNBOUNDED, "freq": 7},
    # tie formation takes no pair budget: two shared activities make a tie (each resident's
    # co-participants sorted, not only marked)
    "wijknet.temporal.tie_formation": {"data": "blocks", "projection": {"unit": "activity", "min_weight": 2}},
    "wijknet.temporal.tie_formation_summary": {
        "data": "blocks",
        "projection": {"unit": "activity", "min_weight": 2},
    },
    "wijknet.whatif.rank_activities": {"data": "blocks", "projection": ACTIVITY},
    "wijknet.whatif.rank_residents": {"data": "blocks4", "projection": UNBOUNDED},
    "wijknet.whatif.dependency": {"data": "blocks", "projection": ACTIVITY},
    "wijknet.empowerment.position_change": {"data": "big"},
    "wijknet.activities.impact": {"data": "blocks", "projection": ACTIVITY},
}
for _name in ("density", "effective_size", "efficiency", "redundancy", "constraint", "hierarchy", "measures"):
    WORKLOADS[f"wijknet.ego.{_name}"] = {"data": "overlap"}
for _name in ("triangles", "clustering", "average_clustering", "transitivity"):
    WORKLOADS[f"wijknet.clustering.{_name}"] = {"data": "overlap"}
WORKLOADS["wijknet.clustering.square_clustering"] = {"data": "dense"}


def _cases() -> list[tuple[str, Any, bool]]:
    from walker import names, public_callables

    return [(qn, fn, m) for qn, fn, m in public_callables() if "progress" in names(fn, m)]


# ---- the child ------------------------------------------------------------------------------------
def _child(only: list[str]) -> None:  # pragma: no cover - runs in the child process
    import gc

    import numpy as np
    import pandas as pd
    from walker import Data, call_args, parameters

    import wijknet as wn

    class Dense(Data):
        @cached_property
        def graph(self) -> wn.Graph:
            return self.net.project(unit="activity")

        @cached_property
        def support(self) -> wn.Graph:  # who names whom, densely: for brokerage
            return wn.Graph.from_edges(self.graph.edges(), directed=True).with_node_attributes(
                self.net.resident_attributes().reset_index(), on="resident"
            )

    class Blocks(Data):
        """Residents in blocks of ``size``; each block has ``size`` activities of its own, each
        attended by the whole block on one date (the dates spread over a year), with one
        organiser and one volunteer per block. Cheap to build (numpy rows), and every call that
        pairs residents (or activities) does residents · size² steps."""

        def __init__(self, residents: int, size: int) -> None:
            super().__init__(residents)
            self.size = size

        @cached_property
        def net(self) -> wn.Network:
            n, s = self.residents, self.size
            resident = np.repeat(np.arange(n), s)
            activity = resident // s * s + np.tile(np.arange(s), n)
            date = np.datetime64("2025-01-01") + (activity % 365).astype("timedelta64[D]")
            seat = resident % s
            role = np.select([seat == 0, seat == 1], ["organiser", "volunteer"], "participant")
            rows = {"resident": resident, "activity": activity, "date": date, "role": role}
            return wn.Network.from_attendance(rows, date="date", role="role")

    class Overlap(Data):
        """A graph of many dense, overlapping neighbourhoods without twins: the projection of
        a register in which every resident takes part in ``memberships`` activities of
        ``size`` residents drawn at random."""

        def __init__(self, residents: int, memberships: int, size: int) -> None:
            super().__init__(residents)
            self.memberships, self.size = memberships, size

        @cached_property
        def net(self) -> wn.Network:
            rng = np.random.default_rng(1)
            n = self.residents
            resident = np.concatenate([rng.permutation(n) for _ in range(self.memberships)])
            activity = np.arange(len(resident)) // self.size
            return wn.Network.from_attendance({"resident": resident, "activity": activity}, duplicates="drop")

        @cached_property
        def graph(self) -> wn.Graph:
            return self.net.project()

    kinds: dict[str, Data | None] = {
        "plain": Data(RESIDENTS),
        "dense": Dense(DENSE_RESIDENTS),
        "big": Dense(BIG_RESIDENTS),
        **{kind: Overlap(*size) for kind, size in OVERLAP.items()},
        **{kind: Blocks(*size) for kind, size in BLOCKS.items()},
    }

    def register_frame(big: Data) -> pd.DataFrame:
        rows = big.net.to_frame()
        copies = [rows.assign(resident=rows["resident"].astype(str) + f"-{i}") for i in range(FILE_COPIES)]
        return pd.concat(copies, ignore_index=True)

    def register_file(big: Data) -> str:
        path = big.folder / "register.csv"
        register_frame(big).to_csv(path, index=False)
        return str(path)

    def prepare(qn: str, fn: Any, is_method: bool, kind: str) -> tuple:
        """The call of one case on its workload (built on first use)."""
        data = kinds[kind]
        assert data is not None, f"{kind} was freed before {qn}"
        workload = dict(WORKLOADS.get(qn, {}))
        workload.pop("data", None)
        args, kwargs = call_args(qn, fn, is_method, data, LONG)
        if workload.pop("file", False):
            args = (register_file(data), *args[1:])
            kwargs.update(date="date", role="role")
        if workload.pop("frame", False):
            args = (register_frame(data), *args[1:])
            kwargs.update(date="date", role="role")
        if "name" in workload:  # a required argument given by the workload
            args = [workload.pop("name"), *args[1:]]
        kwargs.update(workload)
        if kwargs.get("k") == "all":
            kwargs["k"] = data.graph.number_of_nodes()
        target = fn
        if is_method:
            receiver = data.net if qn.startswith("wijknet.network.Network.") else data.graph
            target = getattr(receiver, qn.rsplit(".", 1)[1])
        if "seed" in {p.name for p in parameters(target, False)}:
            kwargs["seed"] = 1
        kwargs["progress"] = False
        return target, args, kwargs

    cases = [
        (qn, fn, m, WORKLOADS.get(qn, {}).get("data", "plain"))
        for qn, fn, m in _cases()
        if not only or any(o in qn for o in only)
    ]
    last_use = {kind: i for i, (_, _, _, kind) in enumerate(cases)}
    wn.datasets.badhuis(10)  # the pools and caches warm
    _say({"ready": len(cases)})
    warnings.simplefilter("ignore")
    for i, (qn, fn, is_method, kind) in enumerate(cases):
        _wait_for_go()
        outcome: dict[str, Any] = {"case": qn}
        try:
            target, args, kwargs = prepare(qn, fn, is_method, kind)
            _say({"start": qn, "at": time.monotonic()})
            t0, cpu0 = time.monotonic(), time.process_time()
            target(*args, **kwargs)
            outcome.update(finished=True, seconds=time.monotonic() - t0, cpu=time.process_time() - cpu0)
        except KeyboardInterrupt:
            outcome.update(interrupted=True, at=time.monotonic())
        except Exception as e:  # noqa: BLE001 - reported to the parent
            outcome.update(error=f"{type(e).__name__}: {e}"[:500])
        target = args = kwargs = None  # type: ignore[assignment]
        for done, last in last_use.items():
            if last == i:  # no later case runs on it: free its memory
                kinds[done] = None
        gc.collect()
        _say(outcome)


def _say(message: dict) -> None:  # pragma: no cover - child
    while True:
        try:
            print(json.dumps(message), flush=True)
            return
        except KeyboardInterrupt:  # a signal that came as a case finished: say it anyway
            continue


def _wait_for_go() -> None:  # pragma: no cover - child
    while True:
        try:
            sys.stdin.readline()
            return
        except KeyboardInterrupt:
            continue


# ---- the parent -----------------------------------------------------------------------------------
class Child:
    def __init__(self, only: list[str] | None = None) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), env.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "child", *(only or [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.buffer = b""

    def read(self, timeout: float) -> dict | None:
        """The child's next message, or None after `timeout` seconds (unbuffered: a message
        already read from the pipe is never left waiting in a buffer that select cannot see)."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                err = self.proc.stderr.read() if self.proc.stderr else b""
                raise RuntimeError(f"the child process ended: {err[-3000:].decode(errors='replace')}")
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return json.loads(line)

    def run_case(self) -> dict:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"go\n")
        self.proc.stdin.flush()
        start = self.read(300)  # the case's workload is built first, on its first use
        assert start is not None, "the child did not start the case within 300 s"
        if "start" not in start:
            return start  # it failed while its workload was built
        early = self.read(max(0.0, start["at"] + SIGNAL_AFTER - time.monotonic()))
        if early is not None:
            return early  # finished (or failed) before the signal
        sent = time.monotonic()
        os.kill(self.proc.pid, signal.SIGINT)
        outcome = self.read(60)
        if outcome is None:
            return {"case": start["start"], "hung": True}
        outcome["sent"] = sent
        return outcome

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


@pytest.fixture(scope="module")
def outcomes() -> dict[str, dict]:
    child = Child()
    try:
        ready = child.read(300)
        assert ready is not None and "ready" in ready, ready
        found = {}
        for _ in range(ready["ready"]):
            outcome = child.run_case()
            found[outcome["case"]] = outcome
        return found
    finally:
        child.close()


CASES = _cases()


def test_every_function_with_progress_is_walked() -> None:
    found = {qn for qn, _, _ in CASES}
    assert {
        "wijknet.network.Network.project",
        "wijknet.centrality.betweenness_centrality",
        "wijknet.null.test",
    } <= found
    assert len(found) > 50
    from walker import NoRecipe, call_args

    missing = []
    for qn, fn, m in CASES:
        try:
            call_args(qn, fn, m)
        except NoRecipe as e:
            missing.append(str(e))
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("qn", [qn for qn, _, _ in CASES])
def test_ctrl_c_stops_it_within_a_second(outcomes: dict[str, dict], qn: str) -> None:
    o = outcomes[qn]
    assert "error" not in o, f"{qn} failed on its workload: {o['error']}"
    assert not o.get("hung"), f"{qn} did not stop within 60 s of Ctrl-C"
    if o.get("finished"):
        if "sent" in o:
            pytest.fail(f"{qn} ignored Ctrl-C: it ran to the end ({o['seconds']:.1f} s)")
        # nothing to interrupt: reported as a skip, so that the count of calls shown to stop
        # stays honest (make the workload in WORKLOADS bigger to check it)
        pytest.skip(f"{qn} finished in {o['seconds']:.2f} s on its workload, before Ctrl-C came")
    assert o.get("interrupted")
    delay = o["at"] - o["sent"]
    assert delay < STOP_WITHIN, f"{qn} took {delay:.2f} s to stop after Ctrl-C"


if __name__ == "__main__" and sys.argv[1:2] == ["child"]:
    # the child; further arguments pick cases by part of their name (to look at a few).
    # A shell without job control starts background commands with SIGINT ignored, and Python
    # then installs no KeyboardInterrupt handler: the child restores it, as a terminal has it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.path.insert(0, str(HERE))
    _child(sys.argv[2:])
elif __name__ == "__main__":  # pragma: no cover
    print(inspect.getdoc(sys.modules[__name__]))
