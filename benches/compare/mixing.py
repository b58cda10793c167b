"""Mixing suite: wn.mixing (mixing matrix, assortativity, E-I index, cross-group share,
diversity) on the count projection against networkx."""
from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .common import Block, Log, Table, badhuis, fmt_s, median_time, optional, runs_for

TITLE = "wn.mixing against networkx"
NX_FULL = 20_000_000  # tie ends up to which networkx runs on the whole graph


def _cases(wn: Any, g: Any, net: Any, grp: Any, num: Any) -> dict[str, Callable[[], Any]]:
    return {
        "mixing_matrix": lambda: wn.mixing.mixing_matrix(g, grp),
        "attribute_assortativity": lambda: wn.mixing.attribute_assortativity_coefficient(g, grp),
        "numeric_assortativity": lambda: wn.mixing.numeric_assortativity_coefficient(g, num),
        "ei_index(group)": lambda: wn.mixing.ei_index(g, grp, level="group"),
        "cross_group_share": lambda: wn.mixing.cross_group_share(g, grp),
        "activity_diversity": lambda: wn.mixing.activity_diversity(net, grp),
        "coparticipant_diversity": lambda: wn.mixing.coparticipant_diversity(net, grp),
    }


def _one(n: int, runs: int, nx: Any, log: Log) -> dict[str, Any]:
    import wijknet as wn

    net = badhuis(n)
    g = net.project(weight="count", progress=False)
    grp = g.node_attributes()["age_group"]
    num = pd.Series(pd.factorize(grp, sort=True)[0].astype(float), index=g.nodes)
    ends = 2 * g.number_of_edges()
    log(f"[mixing {n:,}] {g.number_of_nodes():,} residents, {g.number_of_edges():,} ties")
    rows: dict[str, Any] = {}
    for name, fn in _cases(wn, g, net, grp, num).items():
        rows[name] = {"wijknet": median_time(fn, runs)}
    # networkx on the whole graph, or on a sample of residents
    e = g.edges()
    if ends <= NX_FULL:
        sample = g.nodes
    else:
        rng = np.random.default_rng(0)
        frac = (NX_FULL / 10) / ends
        sample = pd.Index(rng.choice(g.nodes.to_numpy(), max(2, int(len(g.nodes) * frac ** 0.5)), replace=False))
    keep = e["source"].isin(sample) & e["target"].isin(sample)
    G = nx.Graph()
    G.add_nodes_from(sample.tolist())
    G.add_edges_from(zip(e["source"][keep].tolist(), e["target"][keep].tolist(), strict=True))
    nx.set_node_attributes(G, grp.reindex(sample).to_dict(), "grp")
    nx.set_node_attributes(G, num.reindex(sample).to_dict(), "num")
    nx_ends = 2 * G.number_of_edges()
    scale = ends / max(nx_ends, 1)
    cats = sorted(grp.dropna().unique())
    mapping = {c: i for i, c in enumerate(cats)}
    nx_fns = {
        "mixing_matrix": lambda: nx.attribute_mixing_matrix(G, "grp", mapping=mapping),
        "attribute_assortativity": lambda: nx.attribute_assortativity_coefficient(G, "grp"),
        "numeric_assortativity": lambda: nx.numeric_assortativity_coefficient(G, "num"),
    }
    for name, fn in nx_fns.items():
        rows[name]["networkx"] = median_time(fn, 1 if scale > 1 else runs, warmup=0) * scale
        rows[name]["networkx_estimated"] = scale > 1
    # the same answer where networkx saw the whole graph
    if scale == 1.0:
        np.testing.assert_allclose(wn.mixing.mixing_matrix(g, grp).to_numpy(), nx_fns["mixing_matrix"](), rtol=1e-12)
        assert abs(wn.mixing.attribute_assortativity_coefficient(g, grp) - nx_fns["attribute_assortativity"]()) < 1e-10
        assert abs(wn.mixing.numeric_assortativity_coefficient(g, num) - nx_fns["numeric_assortativity"]()) < 1e-10
    for name, r in rows.items():
        log(f"[mixing {n:,}] {name}: wijknet {fmt_s(r['wijknet'])}"
            + (f", networkx {'~' if r.get('networkx_estimated') else ''}{fmt_s(r['networkx'])}" if "networkx" in r else ""))
    return {"residents": n, "nodes": g.number_of_nodes(), "ties": g.number_of_edges(),
            "networkx_tie_ends": nx_ends, "runs": runs, "rows": rows}


def run(args: Any, sizes: list[int], log: Log) -> list[dict[str, Any]] | None:
    """wn.mixing on the count projection of badhuis(n) (groups: age_group; numbers: its code)
    against networkx's attribute_mixing_matrix and both assortativity coefficients. networkx
    runs on the whole graph up to NX_FULL tie ends; above, on the subgraph induced by a
    random sample of residents, and its time is scaled up by tie ends (marked "est.")."""
    nx = optional("networkx", log, "the mixing suite is")
    if nx is None:
        return None
    out = []
    for n in sizes:
        out.append(_one(n, runs_for(args, 5, 3), nx, log))
        gc.collect()
    return out


def report(res: list[dict[str, Any]], markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    for s in res:
        rows = []
        for name, r in s["rows"].items():
            nxs = r.get("networkx")
            est = "~" if r.get("networkx_estimated") else ""
            rows.append([name, fmt_s(r["wijknet"]), (est + fmt_s(nxs)) if nxs else "—",
                         f"{est}{nxs / r['wijknet']:.0f}×" if nxs else "—"])
        blocks.append(Table(f"mixing_{s['residents']}", ["measure", "wijknet", "networkx", "nx/wijknet"], rows,
                            title=f"Mixing suite — badhuis(residents={s['residents']:,}, seed=0), count projection: "
                                  f"{s['nodes']:,} residents, {s['ties']:,} ties; medians of {s['runs']} runs; "
                                  f"networkx saw {s['networkx_tie_ends']:,} tie ends (~: estimated from a sample)."))
    return blocks
