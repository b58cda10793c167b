"""Command line of the comparison: runs the chosen suites and prints (or writes) their tables.

Usage (from the repository root, with wijknet installed in release mode)::

    python benches/compare.py                          # projection + metrics at 2,000 and 100,000 residents
    python benches/compare.py --quick                  # every chosen suite on its smallest data, few repeats
    python benches/compare.py --suite mixing,whatif    # other suites (see --help)
    python benches/compare.py --markdown               # also print the tables as markdown
    python benches/compare.py --out docs/performance-tables.md   # write the markdown tables to a file
    python benches/compare.py --csv results/           # one CSV file per table
    python benches/compare.py --json results.json      # every figure, machine-readable
    python benches/compare.py --from-json results.json --markdown   # reprint the tables of a --json file
    python benches/compare.py --criterion target/criterion --markdown   # criterion medians as a table
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any

from . import DEFAULT_SUITES, SUITES
from .common import LARGE, SMALL, Block, header, machine, render, write_csv


def _module(name: str) -> Any:
    return importlib.import_module(f"{__package__}.{name}")


def _parser() -> argparse.ArgumentParser:
    suites = "; ".join(f"{s} ({_module(s).TITLE})" for s in SUITES)
    p = argparse.ArgumentParser(prog="compare.py", description="wijknet against its peers, in one run, on the same data.")
    p.add_argument("--suite", default=",".join(DEFAULT_SUITES),
                   help=f"comma-separated suites to run: {suites}; 'all' runs every suite "
                        f"(default {','.join(DEFAULT_SUITES)})")
    p.add_argument("--sizes", default=None,
                   help=f"comma-separated populations of the synthetic register (default {SMALL},{LARGE}; "
                        f"with --quick {SMALL}; '' for none, e.g. the metrics on Ask Ubuntu only)")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: every suite on its smallest data (the smallest population, the first years "
                        "of Congress bills, no Ask Ubuntu unless --ask-ubuntu names it) with few repetitions")
    p.add_argument("--runs", type=int, default=None, help="repetitions of every case (overrides the suites' defaults)")
    p.add_argument("--markdown", action="store_true", help="also print the tables as markdown")
    p.add_argument("--out", metavar="FILE", help="write the markdown tables, with the machine/version header, to FILE")
    p.add_argument("--csv", metavar="DIR", help="write every table to DIR/<table>.csv")
    p.add_argument("--json", metavar="PATH", help="write every figure to PATH")
    p.add_argument("--from-json", metavar="PATH", help="only print (or write) the tables of an earlier --json file")
    p.add_argument("--criterion", metavar="DIR", help="only print the medians of the criterion results in DIR "
                   "(e.g. target/criterion)")
    p.add_argument("--data", metavar="DIR", help="folder of the real data sets (default: the environment variable "
                   "WIJKNET_DATA, else tests/data)")
    p.add_argument("--ask-ubuntu", metavar="PATH", default=None,
                   help="metrics suite: the Ask Ubuntu incidences.csv.gz (default <data>/threads_ask_ubuntu/; "
                        "'none' skips it; skipped with a message when absent)")
    p.add_argument("--congress", metavar="PATH", default=None,
                   help="temporal suite: the Congress bills incidences.csv.gz (default <data>/congress_bills/)")
    p.add_argument("--no-memory", action="store_true", help="projection suite: skip the peak-memory subprocesses")
    p.add_argument("--no-networkx", action="store_true", help="projection suite: skip networkx")
    p.add_argument("--ego-igraph-runs", type=int, default=1, metavar="K",
                   help="ego suite: igraph constraint runs at 100,000 residents (8–12 minutes each; 0 skips)")
    p.add_argument("--pivots", type=int, default=256, help="metrics suite: betweenness pivots (default 256)")
    p.add_argument("--slow", type=float, default=5.0, metavar="S",
                   help="metrics suite: a case whose first call takes ≥ S seconds runs only once (default 5)")
    p.add_argument("--peer-cap", type=float, default=60.0, metavar="S",
                   help="metrics suite: peer calls that can take minutes (NetworKit exact global and local "
                   "clustering, pivot betweenness; rustworkx transitivity, PageRank) run in a child process, "
                   "stopped after S seconds (default 60), on graphs of at least --cap-edges ties")
    p.add_argument("--cap-edges", type=int, default=1_000_000, metavar="M",
                   help="metrics suite: graphs with at least M ties run the slow peer calls capped (default 1,000,000)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
    return p


def _upgrade(res: dict[str, Any]) -> dict[str, Any]:
    """Results written by the single-file script (projection figures at the top level, the
    metrics as a list) in today's layout."""
    if "sizes" in res and "projection" not in res:
        if res["sizes"]:
            res["projection"] = {"sizes": res["sizes"], "bandwidth": res.get("bandwidth")}
    if isinstance(res.get("metrics"), list):
        res["metrics"] = {"versions": res.get("metrics_versions", {}), "graphs": res["metrics"]}
    return res


def report(res: dict[str, Any], markdown: bool) -> list[Block]:
    """The header and every suite's tables, in suite order."""
    blocks: list[Block] = [header(res["machine"], markdown)]
    for name in SUITES:
        if res.get(name) is None:
            continue
        part = _module(name).report(res[name], markdown)
        if part:
            blocks.append(f"### {name} suite" if markdown else f"=== {name} suite ===")
            blocks += part
    return blocks


def main(argv: list[str] | None = None) -> int:
    p = _parser()
    args = p.parse_args(argv)
    if args.criterion:
        from .criterion import table

        t = table(args.criterion)
        print(t.markdown() if args.markdown else t.text())
        if args.out:
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(t.markdown() + "\n")
        return 0
    chosen = SUITES if args.suite.strip() == "all" else [x.strip() for x in args.suite.split(",") if x.strip()]
    if not chosen or set(chosen) - set(SUITES):
        p.error(f"--suite {args.suite!r}: choose from {', '.join(SUITES)} (or all)")
    default = str(SMALL) if args.quick else f"{SMALL},{LARGE}"
    sizes = [int(x.replace("_", "")) for x in (default if args.sizes is None else args.sizes).split(",") if x.strip()]

    def log(msg: str) -> None:
        if not args.quiet:
            print(msg, file=sys.stderr, flush=True)

    if args.from_json:
        with open(args.from_json) as f:
            res = _upgrade(json.load(f))
        if res.get("metrics"):
            _module("metrics").rescore(res["metrics"])
    else:
        res = {"machine": machine()}
        for name in SUITES:
            if name in chosen:
                log(f"--- {name} suite")
                res[name] = _module(name).run(args, sizes, log)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(res, f, indent=1, default=str)
            log(f"wrote {args.json}")

    print(render(report(res, markdown=False), markdown=False))
    md = render(report(res, markdown=True), markdown=True)
    if args.markdown:
        print()
        print(md)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(md + "\n")
        log(f"wrote {args.out}")
    if args.csv:
        for path in write_csv(report(res, markdown=True), args.csv):
            log(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
