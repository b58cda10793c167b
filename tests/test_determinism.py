"""Determinism everywhere: every public function and method with ``seed=`` gives bit-identical
results for one seed

- with ``threads=1`` and ``threads=4`` (where it takes ``threads=``), and under the global
  setting ``wn.set_num_threads(1)`` / ``(4)``;
- twice in the same process;
- before and after pickling its inputs (``pickle.loads(pickle.dumps(net))``).

The functions are discovered, not listed: ``walker.public_callables()`` walks ``__all__`` of
every public module and the methods of public classes; ``walker.call_args`` builds each call
from recipes per parameter name. A seeded function without a recipe fails
``test_every_seeded_function_has_a_recipe``.
"""

from __future__ import annotations

import pickle
import warnings
from functools import cached_property
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import pytest
from walker import DATA, Data, NoRecipe, assert_identical, call_args, canonical, names, public_callables

import wijknet as wn

matplotlib.use("Agg")

SEEDED = [(qn, fn, m) for qn, fn, m in public_callables() if "seed" in names(fn, m)]
SEED = 20240607


def _roundtrip(x: Any) -> Any:
    return pickle.loads(pickle.dumps(x))


class Pickled(Data):
    """The same inputs after a pickle round trip."""

    @cached_property
    def net(self) -> wn.Network:
        return _roundtrip(DATA.net)

    @cached_property
    def graph(self) -> wn.Graph:
        return _roundtrip(DATA.graph)

    @cached_property
    def newman(self) -> wn.Graph:
        return _roundtrip(DATA.newman)

    @cached_property
    def support(self) -> wn.Graph:
        return _roundtrip(DATA.support)

    @cached_property
    def partition(self) -> Any:
        return _roundtrip(DATA.partition)


PICKLED = Pickled()


def _receiver(qn: str, data: Data) -> Any:
    owner = qn.rsplit(".", 1)[0]
    if owner.endswith(".Network"):
        return data.net
    if owner.endswith(".Graph"):
        return data.graph
    raise NoRecipe(
        f"{qn}: no recipe for the object this method is called on (add one to tests/test_determinism.py)"
    )


def run(qn: str, fn: Any, is_method: bool, *, data: Data = DATA, threads: int | None = None) -> Any:
    args, kwargs = call_args(qn, fn, is_method, data)
    if is_method:
        fn = getattr(_receiver(qn, data), qn.rsplit(".", 1)[1])
    kwargs["seed"] = SEED
    if threads is not None:
        kwargs["threads"] = threads
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = fn(*args, **kwargs)
    # the canonical form now: a file is read before the next call overwrites it
    out = canonical(out)
    plt.close("all")
    return out


def test_the_walker_finds_the_seeded_functions() -> None:
    found = {qn for qn, _, _ in SEEDED}
    for qn in (
        "wijknet.centrality.betweenness_centrality",
        "wijknet.community.leiden_communities",
        "wijknet.null.curveball",
        "wijknet.association.qap",
        "wijknet.report.evaluate",
    ):
        assert qn in found
    assert len(found) >= 25


def test_every_seeded_function_has_a_recipe() -> None:
    missing = []
    for qn, fn, m in SEEDED:
        try:
            call_args(qn, fn, m)
            if m:
                _receiver(qn, DATA)
        except NoRecipe as e:
            missing.append(str(e))
    assert not missing, "\n".join(missing)
    print(f"determinism walker: {len(SEEDED)} functions with seed= found, {len(SEEDED)} checked (100%)")


@pytest.mark.parametrize("qn,fn,is_method", SEEDED, ids=[qn for qn, _, _ in SEEDED])
def test_a_seed_gives_bit_identical_results(qn: str, fn: Any, is_method: bool) -> None:
    takes_threads = "threads" in names(fn, is_method)
    first = run(qn, fn, is_method, threads=1 if takes_threads else None)
    assert_identical(first, run(qn, fn, is_method, threads=1 if takes_threads else None), f"{qn}: again")
    if takes_threads:
        assert_identical(first, run(qn, fn, is_method, threads=4), f"{qn}: threads=4")
        assert_identical(first, run(qn, fn, is_method, threads=4), f"{qn}: threads=4 again")
    try:
        for n in (1, 4):
            wn.set_num_threads(n)
            assert_identical(first, run(qn, fn, is_method), f"{qn}: set_num_threads({n})")
    finally:
        wn.set_num_threads(0)
    assert_identical(
        first,
        run(qn, fn, is_method, data=PICKLED, threads=4 if takes_threads else None),
        f"{qn}: pickled inputs",
    )
