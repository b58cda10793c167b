"""Execution context: Ctrl-C cancels native kernels, progress reaches Python, thread settings."""

from __future__ import annotations

import _thread
import signal
import threading
import time
from typing import Any

import pytest

import wijknet as wn


@pytest.fixture(scope="module")
def big() -> wn.Network:
    net = wn.datasets.badhuis(residents=100_000, seed=3)
    net.project(progress=False)  # warm the cached incidence
    return net


def test_ctrl_c_cancels_a_projection(big: wn.Network) -> None:
    # Ctrl-C as Python delivers it by default: an earlier test or library may have left another
    # SIGINT handler installed (interrupt_main only raises KeyboardInterrupt with the default one)
    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupted = 0
    for _ in range(5):
        if interrupted:
            break
        timer = threading.Timer(0.02, _thread.interrupt_main)
        timer.start()
        t0 = time.perf_counter()
        try:
            big.project(weight="newman", threads=1, progress=False)
            # an interrupt that came too late lands here instead (on a loaded machine the timer
            # thread may start late)
            for _ in range(20):
                time.sleep(0.05)
        except KeyboardInterrupt:
            interrupted += 1
            assert time.perf_counter() - t0 < 5.0
        finally:
            timer.cancel()
    signal.signal(signal.SIGINT, before if before is not None else signal.default_int_handler)
    assert interrupted >= 1, f"no KeyboardInterrupt in 5 tries (SIGINT handler before the test: {before!r})"
    # the network is still usable after a cancelled call
    assert big.project(progress=False).number_of_nodes() == len(big.residents)


def test_progress_callback_sees_the_work(big: wn.Network) -> None:
    seen: list[tuple[int, int]] = []
    big.project(
        weight="newman", unit="activity", threads=1, progress=lambda done, total: seen.append((done, total))
    )
    assert seen, "a 100k-resident projection runs longer than one 50 ms poll"
    n = len(big.residents)
    assert all(0 <= d <= t == 2 * n for d, t in seen)


def test_progress_callback_errors_propagate(big: wn.Network) -> None:
    def boom(done: int, total: int) -> None:
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        big.project(threads=1, progress=boom)


def test_bad_progress_argument() -> None:
    net = wn.datasets.davis_southern_women()
    with pytest.raises(wn.ArgumentError, match="progress="):
        net.project(progress="yes")  # type: ignore[arg-type]


def test_thread_count_does_not_change_results() -> None:
    net = wn.datasets.badhuis(residents=3000, seed=5)
    try:
        wn.set_num_threads(1)
        assert wn.get_num_threads() == 1
        one = net.project(weight="newman", unit="session").edges()
        wn.set_num_threads(2)
        two = net.project(weight="newman", unit="session").edges()
    finally:
        wn.set_num_threads(0)
    assert one.equals(two)
    with pytest.raises(wn.ArgumentError):
        wn.set_num_threads(-1)


def test_automatic_bar_stays_hidden_while_a_kernel_reports_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Louvain/Leiden report no counts: a bar saying "0it" on every refresh only spams stderr
    from wijknet import _progress

    bar = _progress.callback(True, "leiden")
    for _ in range(3):
        bar(0, 0)  # type: ignore[misc]
    assert bar.bar is None  # type: ignore[union-attr]
    bar(5, 10)  # type: ignore[misc]
    assert bar.bar is not None and bar.bar.n == 5  # type: ignore[union-attr]
    _progress.close(bar)


def _assert_counts_up_to_total(seen: list[tuple[int, int]], what: str) -> None:
    assert seen, f"{what}: the callback was never called"
    done = [d for d, _ in seen]
    totals = [t for _, t in seen]
    assert done == sorted(done), f"{what}: done went down"
    if what not in ("eigenvector", "pagerank"):  # these lower the total to what they needed
        assert totals == sorted(totals), f"{what}: the total went down"
    assert all(0 <= d <= t for d, t in seen), what
    assert seen[-1][0] == seen[-1][1] > 0, f"{what}: ended at {seen[-1]}"


@pytest.fixture(scope="module")
def medium() -> wn.Network:
    return wn.datasets.badhuis(residents=20_000, seed=4)


@pytest.mark.parametrize(
    "name, call",
    [
        ("leiden", lambda g, net, cb: wn.leiden_communities(g, seed=1, progress=cb)),
        ("louvain", lambda g, net, cb: wn.louvain_communities(g, seed=1, progress=cb)),
        ("latapy", lambda g, net, cb: wn.twomode.latapy_clustering(net, progress=cb)),
        ("average clustering", lambda g, net, cb: wn.average_clustering(g, progress=cb)),
        ("projection", lambda g, net, cb: net.project(weight="newman", unit="session", progress=cb)),
        # twins are searched once: the total counts the searches, not the nodes
        ("reach", lambda g, net, cb: wn.reach(g, progress=cb)),
        # iterative methods that converge before their cap end at the iterations they made
        ("eigenvector", lambda g, net, cb: wn.eigenvector_centrality(g, progress=cb)),
        ("pagerank", lambda g, net, cb: wn.pagerank(g, progress=cb)),
        # trades: each global round of ⌊R/2⌋ trades adds its trades as it ends
        ("curveball", lambda g, net, cb: wn.null.curveball(net, trades=3_000_000, seed=1, progress=cb)),
        # rows: half once the columns are read, all once the register is built
        (
            "from_attendance",
            lambda g, net, cb: wn.Network.from_attendance(net.to_frame(), date="date", role="role", progress=cb),
        ),
    ],
)
def test_progress_counts_up_to_the_total(big: wn.Network, name: str, call: Any) -> None:
    # 100,000 residents on one thread: every call runs past the first 50 ms poll, after which
    # the callback also gets the final counts
    g = big.project(progress=False)
    seen: list[tuple[int, int]] = []
    try:
        wn.set_num_threads(1)
        call(g, big, lambda done, total: seen.append((done, total)))
    finally:
        wn.set_num_threads(0)
    _assert_counts_up_to_total(seen, name)


def test_progress_does_not_change_community_labels(medium: wn.Network) -> None:
    g = medium.project(progress=False)
    quiet = wn.leiden_communities(g, seed=2, progress=False)
    counted = wn.leiden_communities(g, seed=2, progress=lambda d, t: None)
    assert quiet.equals(counted)


def test_progress_does_not_change_a_curveball_register(medium: wn.Network) -> None:
    quiet = wn.null.curveball(medium, trades=200_000, seed=3, progress=False)
    counted = wn.null.curveball(medium, trades=200_000, seed=3, progress=lambda d, t: None)
    assert quiet == counted


def test_from_attendance_counts_the_rows(medium: wn.Network) -> None:
    rows = medium.to_frame()
    seen: list[tuple[int, int]] = []
    net = wn.Network.from_attendance(rows, date="date", role="role", progress=lambda d, t: seen.append((d, t)))
    assert net == wn.Network.from_attendance(rows, date="date", role="role", progress=False)
    assert seen[0] == (len(rows) // 2, len(rows)) and seen[-1] == (len(rows), len(rows))
    _assert_counts_up_to_total(seen, "from_attendance")


def test_progress_false_shows_nothing(medium: wn.Network, capfd: pytest.CaptureFixture[str]) -> None:
    g = medium.project(progress=False)
    wn.leiden_communities(g, seed=1, progress=False)
    wn.twomode.latapy_clustering(medium, progress=False)
    wn.null.curveball(medium, trades=200_000, seed=1, progress=False)
    wn.Network.from_attendance(medium.to_frame(), date="date", role="role", progress=False)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_automatic_bar_shows_for_a_long_call(big: wn.Network, capfd: pytest.CaptureFixture[str]) -> None:
    # progress=True shows the bar from the first poll (None waits about a second first)
    g = big.project(progress=False)
    wn.leiden_communities(g, seed=1, progress=True)
    _, err = capfd.readouterr()
    assert "leiden" in err
