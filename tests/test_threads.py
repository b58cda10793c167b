"""Concurrent use: wijknet objects are immutable and shared freely between threads.

Every public analysis -- each public function that takes a Network or a Graph, and each public
method of Network and Graph -- runs from 8 Python threads at once (started together by a
barrier) on the SAME Network and Graph objects, and every thread's result is identical to the
sequential one. Functions with ``threads=`` get a different thread count in each Python thread
(1, 2 or 3), so rayon pools run inside concurrent Python threads too; functions with ``seed=``
get a fixed seed.

The analyses are discovered, not listed (``walker.public_callables()``); one without a recipe
for its arguments fails ``test_every_analysis_has_a_recipe``.
"""

from __future__ import annotations

import inspect
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import pytest
from walker import (
    DATA,
    GRAPH_PARAMETERS,
    NoRecipe,
    assert_identical,
    call_args,
    canonical,
    parameters,
    public_callables,
)

import wijknet as wn

matplotlib.use("Agg")

THREADS = 8
SEED = 11


def _takes_a_network_or_graph(qn: str, fn: Any, is_method: bool) -> bool:
    if is_method:
        owner = qn.rsplit(".", 1)[0]
        return owner in ("wijknet.network.Network", "wijknet.graph.Graph")
    if inspect.ismethod(fn) and inspect.isclass(fn.__self__):
        return False  # constructors (Graph.from_networkx, ...) build objects; they share none
    for p in parameters(fn, is_method):
        if p.default is not inspect.Parameter.empty:
            continue
        if p.name in GRAPH_PARAMETERS or any(t in str(p.annotation) for t in ("Graph", "Network")):
            return True
    return False


ANALYSES = [(qn, fn, m) for qn, fn, m in public_callables() if _takes_a_network_or_graph(qn, fn, m)]


def call(qn: str, fn: Any, is_method: bool, threads: int | None = None) -> Any:
    args, kwargs = call_args(qn, fn, is_method)
    if is_method:
        receiver = DATA.net if ".Network." in qn else DATA.graph
        fn = getattr(receiver, qn.rsplit(".", 1)[1])
    names = {p.name for p in parameters(fn, False)}
    if "seed" in names:
        kwargs["seed"] = SEED
    if "threads" in names and threads is not None:
        kwargs["threads"] = threads
    if "progress" in names:
        kwargs["progress"] = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = fn(*args, **kwargs)
    figure = getattr(out, "figure", None)
    out = canonical(out)
    if figure is not None:
        plt.close(figure)
    return out


def test_the_walker_finds_the_analyses() -> None:
    found = {qn for qn, _, _ in ANALYSES}
    for qn in (
        "wijknet.metrics.degree",
        "wijknet.network.Network.project",
        "wijknet.graph.Graph.edges",
        "wijknet.null.test",
        "wijknet.report.evaluate",
    ):
        assert qn in found
    assert len(found) > 120


def test_every_analysis_has_a_recipe() -> None:
    missing = []
    for qn, fn, m in ANALYSES:
        try:
            call_args(qn, fn, m)
        except NoRecipe as e:
            missing.append(str(e))
    assert not missing, "\n".join(missing)
    print(f"thread walker: {len(ANALYSES)} analyses found, {len(ANALYSES)} run from {THREADS} threads (100%)")


@pytest.mark.parametrize("qn,fn,is_method", ANALYSES, ids=[qn for qn, _, _ in ANALYSES])
def test_eight_threads_at_once_get_the_sequential_result(qn: str, fn: Any, is_method: bool) -> None:
    expected = call(qn, fn, is_method)
    barrier = threading.Barrier(THREADS)

    def work(i: int) -> Any:
        barrier.wait(timeout=60)
        return call(qn, fn, is_method, threads=1 + i % 3)

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))
    for i, got in enumerate(results):
        assert_identical(expected, got, f"{qn}: thread {i}")


def test_the_shared_objects_are_unchanged() -> None:
    # after all of the above, the shared inputs still give what fresh ones give
    fresh = wn.datasets.badhuis(DATA.net.residents.size, seed=1, survey=True)
    assert_identical(canonical(fresh), canonical(DATA.net), "the shared Network")
    assert_identical(canonical(fresh.project()), canonical(DATA.graph), "the shared Graph")
