"""Dask scaling: the evaluation of many neighbourhoods (wijknet.dask.evaluate) on 1 and on 2
local worker processes, against the single-machine evaluation of the same rows.

Each neighbourhood is a seeded synthetic register (wn.datasets.badhuis) with its own key; all
are one attendance table, split into Dask partitions without regard to the neighbourhoods (so
the timing includes the shuffle that brings each neighbourhood's rows together). Reports the
wall time of each run, the speed-up of 2 workers over 1, whether every result is identical to
the single-machine one, and the machine's load (other work on a shared machine slows both
runs). Numbers are reported, not asserted.

    python benches/dask_scaling.py                      # 200 neighbourhoods
    python benches/dask_scaling.py --partitions 40 --residents 80   # a quick look
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--partitions", type=int, default=200, help="neighbourhoods (default 200)")
    ap.add_argument("--residents", type=int, default=100, help="typical residents per neighbourhood")
    ap.add_argument("--n", type=int, default=200, help="bootstrap replicates / permutations per report")
    ap.add_argument("--npartitions", type=int, default=8, help="Dask partitions of the input table")
    ap.add_argument("--rounds", type=int, default=1, help="rounds of (1, 2, 2, 1) workers (default 1)")
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

    t = time.perf_counter()
    reference = wd.evaluate(table, **options)
    single = time.perf_counter() - t
    print(f"single machine (one process, in turn): {single:7.1f} s")

    # 1 and 2 workers alternate (1, 2, 2, 1, ...) so that changes in the machine's load hit
    # both alike; the input table is first loaded into the cluster's memory (as reading it
    # there would), so the timing is the shuffle and the evaluations.
    times: dict[int, list[float]] = {1: [], 2: []}
    order = [1, 2, 2, 1] * args.rounds
    for workers in order:
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            ddf = client.persist(dd.from_pandas(table, npartitions=args.npartitions))
            wait(ddf)
            t = time.perf_counter()
            got = wd.evaluate(ddf, **options)
            times[workers].append(time.perf_counter() - t)
        same = got.astype({"wijk": object}).equals(reference.astype({"wijk": object}))
        print(
            f"{workers} worker{'s' if workers > 1 else ' '} (threads=1 each):           "
            f"{times[workers][-1]:7.1f} s   identical to the single machine: {same}   "
            f"(load {os.getloadavg()[0]:.1f})"
        )
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(
        f"medians: 1 worker {one:.1f} s, 2 workers {two:.1f} s; speed-up of 2 workers over 1: {one / two:.2f}x"
    )
    load_after = os.getloadavg()
    print(
        "load average (1/5/15 min) before: "
        + " ".join(f"{x:.2f}" for x in load_before)
        + ", after: "
        + " ".join(f"{x:.2f}" for x in load_after)
    )


if __name__ == "__main__":
    main()
