"""The medians criterion stored for the Rust benchmarks (``cargo bench``), as a table."""
from __future__ import annotations

import json
import os

from .common import Table, fmt_s


def table(root: str) -> Table:
    """The medians of every benchmark under ``root`` (e.g. ``target/criterion``)."""
    found = []
    for dirpath, _dirs, files in os.walk(root):
        if os.path.basename(dirpath) == "new" and "benchmark.json" in files and "estimates.json" in files:
            with open(os.path.join(dirpath, "benchmark.json")) as f:
                b = json.load(f)
            with open(os.path.join(dirpath, "estimates.json")) as f:
                e = json.load(f)
            med = e["median"]["point_estimate"] / 1e9
            lo = e["median"]["confidence_interval"]["lower_bound"] / 1e9
            hi = e["median"]["confidence_interval"]["upper_bound"] / 1e9
            elems = (b.get("throughput") or {}).get("Elements")
            found.append((b["full_id"], med, lo, hi, elems))
    found.sort(key=lambda x: [int(p) if p.isdigit() else p for p in x[0].replace("/", " / ").split()])
    rows: list[list[str]] = []
    for fid, med, lo, hi, elems in found:
        thr = f"{elems / med / 1e6:,.1f} M/s" if elems else ""
        rows.append([f"`{fid}`", fmt_s(med), f"{fmt_s(lo)} – {fmt_s(hi)}", thr])
    return Table("criterion", ["benchmark", "median", "95% CI of the median", "throughput"], rows)
