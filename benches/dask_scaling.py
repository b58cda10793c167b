"""Dask scaling: the evaluation of many neighbourhoods (wijknet.dask.evaluate) on 1 and on 2
local worker processes, against the single-machine evaluation of the same rows.

Each neighbourhood is a seeded synthetic register (wn.datasets.badhuis) with its own key; all
are one attendance table, split into Dask partitions without regard to the neighbourhoods (so
the timing includes bringing each neighbourhood's rows together). Reports the wall time of each
run, the CPU seconds the workers and the client (which runs the scheduler of a LocalCluster)
spent, the speed-up of 2 workers over 1 (per round of 1, 2, 2, 1 workers and over all rounds),
whether every result is identical to the single-machine one, and the machine's load (other work
on a shared machine slows every run). With --plain the same reports also run in 1 and 2 plain
processes without Dask, half of the neighbourhoods each: what two cores give at this load,
the ceiling for the Dask speed-up. Numbers are reported, not asserted.

    python benches/dask_scaling.py                      # 200 neighbourhoods
    python benches/dask_scaling.py --rounds 3 --plain   # medians of 6 runs each, and the ceiling
    python benches/dask_scaling.py --partitions 40 --residents 80   # a quick look
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import statistics
import time

import pandas as pd

import wijknet as wn
import wijknet.dask as wd


def rows(partitions: int, residents: int) -> pd.DataFrame:
    parts = []
    for i in range(partitions):
        # sizes vary around `residents`, as neighbourhoods do
        size = residents + (i * 37) % residents
        df = wn.datasets.badhuis(size, seed=i).to_frame()
        parts.append(df.assign(wijk=f"wijk {i:03d}").drop(columns="count"))
    out = pd.concat(parts, ignore_index=True)
    for c in ("resident", "activity", "role"):
        out[c] = out[c].astype(str)
    return out.sample(frac=1.0, random_state=1).reset_index(drop=True)  # neighbourhoods interleaved


def _cpu_seconds() -> float:
    """CPU seconds (user + system, all threads) of the calling process so far."""
    t = os.times()
    return t.user + t.system


def _plain(args: tuple[pd.DataFrame, dict]) -> pd.DataFrame:
    table, options = args
    return wd.evaluate(table, **options)


def _halves(table: pd.DataFrame) -> list[pd.DataFrame]:
    """The table's neighbourhoods in two halves of about equal rows."""
    sizes = table.groupby("wijk").size().sort_values(ascending=False, kind="mergesort")
    halves: list[list[str]] = [[], []]
    load = [0, 0]
    for key, size in sizes.items():
        i = 0 if load[0] <= load[1] else 1
        halves[i].append(key)
        load[i] += size
    return [table[table["wijk"].isin(h)] for h in halves]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--partitions", type=int, default=200, help="neighbourhoods (default 200)")
    ap.add_argument("--residents", type=int, default=100, help="typical residents per neighbourhood")
    ap.add_argument("--n", type=int, default=200, help="bootstrap replicates / permutations per report")
    ap.add_argument("--npartitions", type=int, default=8, help="Dask partitions of the input table")
    ap.add_argument(
        "--tasks", type=int, default=None, help="tasks= of wijknet.dask.evaluate (default 4 per worker)"
    )
    ap.add_argument("--rounds", type=int, default=1, help="rounds of (1, 2, 2, 1) workers (default 1)")
    ap.add_argument("--plain", action="store_true", help="also 1 and 2 plain processes without Dask")
    args = ap.parse_args()

    import dask.dataframe as dd
    from distributed import Client, LocalCluster, wait

    table = rows(args.partitions, args.residents)
    options = dict(by="wijk", date="date", role="role", seed=1, n=args.n, lang="en", progress=False)
    print(
        f"{args.partitions} neighbourhoods, {len(table):,} attendance rows, "
        f"{table['resident'].nunique():,} resident ids; n={args.n}; "
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()})"
    )
    load_before = os.getloadavg()

    cpu0, t = _cpu_seconds(), time.perf_counter()
    reference = wd.evaluate(table, **options)
    single, single_cpu = time.perf_counter() - t, _cpu_seconds() - cpu0
    print(f"single machine (one process, in turn): {single:7.1f} s   CPU s: {single_cpu:5.1f}")

    # 1 and 2 workers alternate (1, 2, 2, 1, ...) so that changes in the machine's load hit
    # both alike; the input table is first loaded into the cluster's memory (as reading it
    # there would), so the timing is bringing each neighbourhood's rows together and the
    # evaluations (and the workers' first import of wijknet).
    times: dict[int, list[float]] = {1: [], 2: []}
    plain: dict[int, list[float]] = {1: [], 2: []}
    halves = _halves(table)
    order = [1, 2, 2, 1] * args.rounds
    for i, workers in enumerate(order):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            ddf = client.persist(dd.from_pandas(table, npartitions=args.npartitions))
            wait(ddf)
            cpu = sum(client.run(_cpu_seconds).values()), _cpu_seconds()
            t = time.perf_counter()
            got = wd.evaluate(ddf, tasks=args.tasks, **options)
            times[workers].append(time.perf_counter() - t)
            worker_cpu = sum(client.run(_cpu_seconds).values()) - cpu[0]
            client_cpu = _cpu_seconds() - cpu[1]
        same = got.astype({"wijk": object}).equals(reference.astype({"wijk": object}))
        print(
            f"{workers} worker{'s' if workers > 1 else ' '} (threads=1 each): {times[workers][-1]:7.1f} s   "
            f"CPU s: workers {worker_cpu:5.1f}, client and scheduler {client_cpu:4.1f}   "
            f"identical to the single machine: {same}   (load {os.getloadavg()[0]:.1f})"
        )
        if args.plain:
            context = multiprocessing.get_context("spawn")
            with context.Pool(workers) as pool:
                pool.map(_plain, [(table.iloc[:0], options)] * workers)  # started and imported
                t = time.perf_counter()
                parts = [table] if workers == 1 else halves
                pool.map(_plain, [(p, options) for p in parts])
                plain[workers].append(time.perf_counter() - t)
            print(
                f"{workers} plain process{'es' if workers > 1 else '  '} (no Dask):  "
                f"{plain[workers][-1]:7.1f} s   (load {os.getloadavg()[0]:.1f})"
            )
        if i % 4 == 3:  # a round of 1, 2, 2, 1 done
            r = slice(2 * (i // 4), None)
            one, two = sum(times[1][r]), sum(times[2][r])
            line = f"  round {i // 4 + 1}: speed-up of 2 workers over 1 {one / two:.2f}x"
            if args.plain:
                line += f"; of 2 plain processes over 1 {sum(plain[1][r]) / sum(plain[2][r]):.2f}x"
            print(line)
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(
        f"medians: 1 worker {one:.1f} s, 2 workers {two:.1f} s; speed-up of 2 workers over 1: {one / two:.2f}x"
    )
    if args.plain:
        p1, p2 = statistics.median(plain[1]), statistics.median(plain[2])
        print(f"plain processes: 1 {p1:.1f} s, 2 {p2:.1f} s; speed-up {p1 / p2:.2f}x")
    load_after = os.getloadavg()
    print(
        "load average (1/5/15 min) before: "
        + " ".join(f"{x:.2f}" for x in load_before)
        + ", after: "
        + " ".join(f"{x:.2f}" for x in load_after)
    )


if __name__ == "__main__":
    main()
