"""Command line: ``wijknet demo`` and ``wijknet summary FILE``.

``wijknet demo`` runs the main job on the bundled synthetic register: build the network,
project it, and print who got connected. ``wijknet summary FILE`` does the same for your own
attendance register (CSV or Parquet).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .network import Network


def _report(net: Network, weight: str, unit: str | None, top: int, out=sys.stdout) -> None:
    import wijknet as wn

    t0 = time.perf_counter()
    unit = wn.Projection(unit=unit).unit_for(net)
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
    w(
        f"pairs who could meet    {s['residents'] * (s['residents'] - 1) // 2:>10,}   (n(n−1)/2: every pair of residents)\n"
    )
    w(f"components              {wn.number_connected_components(g):>10,}\n")
    w(f"largest component       {largest:>10,}   ({p(largest)} of residents)\n")
    w(f"met ≥ 1 other resident  {connected:>10,}   ({p(connected)} of residents)\n")
    w(f"isolated                {n - connected:>10,}   ({p(n - connected)})\n")
    w(f"median co-participants  {float(deg.median()) if n else 0:>10.0f}\n\n")

    # What each activity contributes, from wn.activities.impact (the same projection): the ties
    # it creates, the ties only it creates, and how much it lies between the other activities.
    imp = wn.activities.impact(net, projection={"weight": weight, "unit": unit}, progress=False)
    table = (
        imp[["participants", "ties", "unique_ties", "betweenness"]]
        .sort_values(["ties", "participants"], ascending=False, kind="mergesort")
        .head(top)
    )
    table = table.rename(columns={"ties": "ties created", "unique_ties": "only here"})
    table["betweenness"] = table["betweenness"].map(lambda x: f"{x:.3f}")
    w(f"most connected activities (top {top} by ties created: pairs of residents tied in the\n")
    w("projection above who met there; 'only here' = ties no other activity creates, lost if it\n")
    w("stopped; betweenness = how much it links the other activities through shared residents)\n")
    w(
        table.to_string(formatters={c: "{:,}".format for c in ("participants", "ties created", "only here")})
        + "\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
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
    summ.add_argument(
        "--sep",
        default=None,
        help="the character between columns of a CSV file (default: sniffed among , ; tab |)",
    )
    for p in (demo, summ):
        p.add_argument("--weight", default="count", choices=["count", "newman", "jaccard", "overlap"])
        p.add_argument(
            "--unit",
            default=None,
            choices=["activity", "session"],
            help="what counts as meeting: the same session (default when the register has dates) "
            "or the same activity at any time (default without dates)",
        )
        p.add_argument("--top", type=int, default=10, help="activities to list (default 10)")
    args = parser.parse_args(argv)

    import wijknet as wn

    try:
        if args.command == "demo":
            net = wn.datasets.badhuis(residents=args.residents, seed=args.seed)
            print(f"synthetic 'badhuis' register: {args.residents:,} residents, seed {args.seed}\n")
        else:
            net = wn.read_attendance(
                args.file,
                resident=args.resident,
                activity=args.activity,
                date=args.date,
                role=args.role,
                sep=args.sep,
            )
        _report(net, args.weight, args.unit, args.top)
    except wn.WijknetError as e:
        print(f"wijknet: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
