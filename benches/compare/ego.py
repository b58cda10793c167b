"""Ego suite: Burt's constraint, effective size and the combined ego measures (wn.ego)
against networkx (small populations) and igraph's constraint (large ones)."""
from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from .common import Block, Log, Table, badhuis, fmt_s, median_time, optional, runs_for

TITLE = "wn.ego against networkx and igraph"
NX_UP_TO = 5_000  # populations up to which networkx is the reference; above, igraph's constraint
WEIGHTS = (None, "weight")


def _networkx_pair(nx: Any, G: Any, weight: str | None) -> Any:
    return nx.constraint(G, weight=weight), nx.effective_size(G, weight=weight)


def _wijknet_pair(g: Any, weight: str | None, threads: int) -> Any:
    import wijknet as wn

    return (wn.ego.constraint(g, weight=weight, threads=threads),
            wn.ego.effective_size(g, weight=weight, threads=threads))


def _small(n: int, runs: int, log: Log) -> dict[str, Any] | None:
    """constraint + effective_size, and measures, on 1 and 2 threads vs networkx (both weightings)."""
    nx = optional("networkx", log, f"the ego suite at {n:,} residents is")
    if nx is None:
        return None
    import wijknet as wn

    g = badhuis(n).project()
    G = g.to_networkx()
    out: dict[str, Any] = {"residents": n, "nodes": g.number_of_nodes(), "ties": g.number_of_edges(),
                           "reference": "networkx", "rows": []}
    for weight in WEIGHTS:
        t_nx = median_time(partial(_networkx_pair, nx, G, weight), 3, 0)
        for threads in (1, 2):
            t_ce = median_time(partial(_wijknet_pair, g, weight, threads), runs)
            t_all = median_time(partial(wn.ego.measures, g, weight=weight, threads=threads), runs)
            out["rows"].append({"weight": weight, "threads": threads, "constraint_effective_size": t_ce,
                                "measures": t_all, "reference_s": t_nx})
            log(f"[ego {n:,}] weight={weight!s:6} threads={threads}: networkx constraint+effective_size "
                f"{fmt_s(t_nx)}; wijknet {fmt_s(t_ce)}, measures {fmt_s(t_all)}")
    return out


def _large(n: int, runs: int, igraph_runs: int, log: Log) -> dict[str, Any]:
    """constraint and measures on 1 and 2 threads vs igraph's constraint."""
    import wijknet as wn

    g = badhuis(n).project()
    out: dict[str, Any] = {"residents": n, "nodes": g.number_of_nodes(), "ties": g.number_of_edges(),
                           "reference": "igraph", "rows": []}
    for weight in WEIGHTS:
        for threads in (1, 2):
            t_c = median_time(partial(wn.ego.constraint, g, weight=weight, threads=threads), runs)
            t_m = median_time(partial(wn.ego.measures, g, weight=weight, threads=threads), runs)
            out["rows"].append({"weight": weight, "threads": threads, "constraint": t_c, "measures": t_m})
            log(f"[ego {n:,}] weight={weight!s:6} threads={threads}: wijknet constraint {fmt_s(t_c)}, "
                f"measures {fmt_s(t_m)}")
    ig = optional("igraph", log, "igraph's constraint is") if igraph_runs else None
    if ig is not None:
        e = g._g.edges()
        s, t, w = e["source"], e["target"], e["weight"]
        H = ig.Graph(n=g.number_of_nodes(), edges=np.column_stack([s, t]).tolist())
        H.es["weight"] = w.tolist()
        for weight in WEIGHTS:
            t_ig = median_time(partial(H.constraint, weights=weight), igraph_runs, 0)
            for r in out["rows"]:
                if r["weight"] == weight:
                    r["reference_s"] = t_ig
            log(f"[ego {n:,}] weight={weight!s:6}: igraph constraint {fmt_s(t_ig)}")
    return out


def run(args: Any, sizes: list[int], log: Log) -> list[dict[str, Any]]:
    runs = runs_for(args, 5, 1)
    out = []
    for n in sizes:
        r = _small(n, runs, log) if n <= NX_UP_TO else _large(n, runs, args.ego_igraph_runs, log)
        if r is not None:
            out.append(r)
    return out


def _ratio(ref: float | None, t: float) -> str:
    return "—" if ref is None else f"{ref / t:.0f}×"


def report(res: list[dict[str, Any]], markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    for s in res:
        small = s["reference"] == "networkx"
        ref = "networkx constraint + effective_size" if small else "igraph constraint"
        ours = "constraint + effective_size" if small else "constraint"
        key = "constraint_effective_size" if small else "constraint"
        rows = [[str(r["weight"]), str(r["threads"]), fmt_s(r.get("reference_s")), fmt_s(r[key]),
                 _ratio(r.get("reference_s"), r[key]), fmt_s(r["measures"]), _ratio(r.get("reference_s"), r["measures"])]
                for r in s["rows"]]
        blocks.append(Table(f"ego_{s['residents']}", ["weight", "threads", ref, f"wijknet {ours}", "ratio",
                                                       "wijknet measures", "ratio"], rows, "lrrrrrr",
                            title=f"Ego suite — badhuis(residents={s['residents']:,}, seed=0), count projection: "
                                  f"{s['nodes']:,} residents, {s['ties']:,} ties; ratio = {s['reference']} / wijknet."))
    return blocks
