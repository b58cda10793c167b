"""Command line: ``wijknet demo`` and ``wijknet summary FILE``.

``wijknet demo`` runs the main job on the bundled synthetic register: build the network,
project it, and print who got connected. ``wijknet summary FILE`` does the same for your own
attendance register (CSV or Parquet).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Optional, Sequence

import pandas as pd


def _report(net: "Network", weight: str, unit: str, top: int, out=sys.stdout) -> None:  # noqa: F821
    import wijknet as wn

    t0 = time.perf_counter()
    g = net.project(weight=weight, unit=unit)
    t_proj = time.perf_counter() - t0
    s = net.summary()
    deg = wn.degree(g)
    comp = wn.connected_components(g)
    n = len(deg)
    connected = int((deg > 0).sum())
    largest = int((comp == 0).sum()) if n else 0
    p = lambda x: f"{100.0 * x / n:.1f}%" if n else "-"  # noqa: E731
    w = out.write
    w("wijknet — who got connected through the activities\n")
    w("=" * 56 + "\n")
    w(f"residents               {s['residents']:>10,}\n")
    w(f"activities              {s['activities']:>10,}\n")
    w(f"sessions                {s['sessions']:>10,}\n")
    w(f"attendances             {s['attendances']:>10,}\n")
    if s["first_date"] is not None:
        w(f"period                  {s['first_date']:%Y-%m-%d} – {s['last_date']:%Y-%m-%d}\n")
    w(f"ties ({weight} per {unit}) {g.number_of_edges():>10,}   (projected in {t_proj:.2f} s)\n")
    w(f"components              {wn.number_connected_components(g):>10,}\n")
    w(f"largest component       {largest:>10,}   ({p(largest)} of residents)\n")
    w(f"met ≥ 1 other resident  {connected:>10,}   ({p(connected)} of residents)\n")
    w(f"isolated                {n - connected:>10,}   ({p(n - connected)})\n")
    w(f"median co-participants  {float(deg.median()) if n else 0:>10.0f}\n\n")

    # The most connected activities: those whose participants reach the most others.
    frame = net.to_frame()[["resident", "activity"]].drop_duplicates()
    size = frame.groupby("activity", observed=True).size()
    n_act = frame.groupby("resident", observed=True)["activity"].transform("size")
    bridging = frame.assign(bridge=n_act > 1).groupby("activity", observed=True)["bridge"].mean()
    table = pd.DataFrame({"participants": size, "ties created": size * (size - 1) // 2, "also elsewhere": bridging})
    table = table.sort_values(["participants"], ascending=False).head(top)
    table["also elsewhere"] = (100 * table["also elsewhere"]).round(0).astype(int).astype(str) + "%"
    w(f"most connected activities (top {top} by participants; 'also elsewhere' = share of\n")
    w("participants who also take part in another activity, the bridges between groups)\n")
    w(table.to_string() + "\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of the ``wijknet`` command."""
    parser = argparse.ArgumentParser(prog="wijknet", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="run the main job on the bundled synthetic register")
    demo.add_argument("--residents", type=int, default=2000, help="population size (default 2000)")
    demo.add_argument("--seed", type=int, default=0)
    summ = sub.add_parser("summary", help="summarise your own register (CSV or Parquet)")
    summ.add_argument("file")
    summ.add_argument("--resident", default="resident")
    summ.add_argument("--activity", default="activity")
    summ.add_argument("--date", default=None)
    summ.add_argument("--role", default=None)
    for p in (demo, summ):
        p.add_argument("--weight", default="count", choices=["count", "newman", "jaccard", "overlap"])
        p.add_argument("--unit", default="activity", choices=["activity", "session"])
        p.add_argument("--top", type=int, default=10, help="activities to list (default 10)")
    args = parser.parse_args(argv)

    import wijknet as wn

    try:
        if args.command == "demo":
            net = wn.datasets.badhuis(residents=args.residents, seed=args.seed)
            print(f"synthetic 'badhuis' register: {args.residents:,} residents, seed {args.seed}\n")
        else:
            net = wn.read_attendance(args.file, resident=args.resident, activity=args.activity, date=args.date, role=args.role)
        _report(net, args.weight, args.unit, args.top)
    except wn.WijknetError as e:
        print(f"wijknet: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
