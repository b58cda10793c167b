"""Layers suite: QAP and MRQAP permutation tests (wn.qap, wn.mrqap) on survey-like layers of
the 2,000-resident register, wijknet on 1 and 2 threads, against a vectorised NumPy
reference on dense matrices."""
from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from .common import SMALL, Block, Log, Table, badhuis, fmt_ratio, fmt_s, median_time, runs_for

TITLE = "QAP/MRQAP against NumPy at 2,000 residents"


def support_layer(g: Any, seed: int = 0) -> Any:
    """A synthetic directed "whom would you ask for help" layer over g's residents: each names
    Poisson(2) others, 70% among the people they met (g's neighbours), 30% anyone."""
    import wijknet as wn

    rng = np.random.default_rng(seed)
    csr = g._g.csr()
    indptr, indices = csr["indptr"], csr["indices"]
    ids = np.asarray(g.nodes)
    n = len(ids)
    src, dst = [], []
    for i in range(n):
        nbrs = indices[indptr[i]:indptr[i + 1]]
        for _ in range(rng.poisson(2)):
            j = rng.choice(nbrs) if len(nbrs) and rng.random() < 0.7 else rng.integers(n)
            if j != i:
                src.append(i)
                dst.append(j)
    df = pd.DataFrame({"source": ids[src], "target": ids[dst]}).drop_duplicates()
    return wn.Graph.from_edges(df, directed=True)


def _dense_cells(g: Any, order: Any) -> np.ndarray:
    """g as a dense n × n float matrix over the ids `order` (0 for missing nodes)."""
    pos = {v: k for k, v in enumerate(order)}
    m = np.zeros((len(order), len(order)))
    e = g.edges()
    i = np.array([pos[v] for v in e["source"]])
    j = np.array([pos[v] for v in e["target"]])
    m[i, j] = e["weight"].to_numpy()
    if not g.is_directed():
        m[j, i] = e["weight"].to_numpy()
    return m


def numpy_qap(a: np.ndarray, b: np.ndarray, reps: int, seed: int) -> tuple[float, np.ndarray]:
    """QAP by fancy indexing: corr of off-diagonal cells of a and b[p][:, p] (all ordered cells)."""
    rng = np.random.default_rng(seed)
    off = ~np.eye(len(a), dtype=bool)
    x = a[off]
    x = x - x.mean()
    sx = np.sqrt(x @ x)

    def r(m: np.ndarray) -> float:
        y = m[off]
        y = y - y.mean()
        return float(x @ y / (sx * np.sqrt(y @ y)))

    null = np.empty(reps)
    for k in range(reps):
        p = rng.permutation(len(a))
        null[k] = r(b[np.ix_(p, p)])
    return r(b), null


def numpy_mrqap_dsp(y: np.ndarray, xs: list[np.ndarray], reps: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """MRQAP with double semi-partialling by dense lstsq on the off-diagonal cells: (t, null t)."""
    rng = np.random.default_rng(seed)
    off = ~np.eye(len(y), dtype=bool)
    yc = y[off]
    cols = [x[off] for x in xs]
    one = np.ones_like(yc)

    def t_first(X: np.ndarray) -> np.ndarray:
        b, *_ = np.linalg.lstsq(X, yc, rcond=None)
        res = yc - X @ b
        s2 = res @ res / (len(yc) - X.shape[1])
        return b / np.sqrt(s2 * np.diag(np.linalg.inv(X.T @ X)))

    t_obs = t_first(np.column_stack([one, *cols]))[1:]
    null = np.empty((reps, len(xs)))
    for k in range(len(xs)):
        others = [c for q, c in enumerate(cols) if q != k]
        Z = np.column_stack([one, *others])
        c, *_ = np.linalg.lstsq(Z, cols[k], rcond=None)
        e = np.zeros_like(y)
        e[off] = cols[k] - Z @ c
        for r_ in range(reps):
            p = rng.permutation(len(y))
            null[r_, k] = t_first(np.column_stack([one, e[np.ix_(p, p)][off], *others]))[1]
    return t_obs, null


def run(args: Any, sizes: list[int], log: Log) -> dict[str, Any]:
    """1,000 QAP permutations and an MRQAP with 3 predictors on the 2,000-resident badhuis
    register, wijknet on 1 and 2 threads, against the NumPy reference (timed on fewer
    permutations and scaled to 1,000: the reference is linear in the permutations)."""
    import wijknet as wn

    reps = 1000
    runs = runs_for(args, 3, 1)
    net = badhuis(SMALL)
    met = net.project()
    help_ = support_layer(met, seed=0)
    often = net.project(unit="session", min_weight=3)
    organise = net.filter(roles=["organiser", "volunteer"]).project()
    out: dict[str, Any] = {"residents": met.number_of_nodes(), "permutations": reps, "cases": []}
    log(f"layers: {met.number_of_nodes()} residents; met {met.number_of_edges()} ties, help "
        f"{help_.number_of_edges()} arcs, often {often.number_of_edges()}, organise {organise.number_of_edges()}")
    order = list(met.nodes)
    D = {name: _dense_cells(g, order) for name, g in
         [("met", met), ("help", help_), ("often", often), ("organise", organise)]}

    def case(name: str, wij: Callable[[int], Any], ref: Callable[[int], Any], ref_reps: int) -> None:
        row: dict[str, Any] = {"case": name}
        for threads in (1, 2):
            row[f"wijknet_{threads}t"] = median_time(partial(wij, threads), runs, warmup=0)
        t0 = time.perf_counter()
        ref(ref_reps)
        row["numpy"] = (time.perf_counter() - t0) * reps / ref_reps
        row["numpy_reps_timed"] = ref_reps
        row["ratio_1t"] = row["numpy"] / row["wijknet_1t"]
        row["ratio_2t"] = row["numpy"] / row["wijknet_2t"]
        out["cases"].append(row)
        log(f"  {name}: wijknet {row['wijknet_1t']:.2f} s (1 thread), {row['wijknet_2t']:.2f} s (2); "
            f"numpy {row['numpy']:.1f} s (from {ref_reps}) → {row['ratio_2t']:.0f}× at 2 threads")

    # correctness first: observed statistics agree with the dense reference
    q = wn.qap(help_, met, n=10, seed=0, nodes="union")
    r_np, _ = numpy_qap(D["help"], D["met"], 1, 0)
    assert abs(q.correlation - r_np) < 1e-9, (q.correlation, r_np)
    xs = {"met": met, "often": often, "organise": organise}
    m = wn.mrqap(help_, xs, n=2, seed=0, nodes="union")
    t_np, _ = numpy_mrqap_dsp(D["help"], [D["met"], D["often"], D["organise"]], 1, 0)
    assert np.allclose(m.coefficients["t"].to_numpy()[1:], t_np, rtol=1e-8), (m.coefficients, t_np)
    out["check"] = {"qap_r": q.correlation, "mrqap_t": t_np.tolist()}

    case("qap(help, met)", lambda th: wn.qap(help_, met, n=reps, seed=1, nodes="union", threads=th, progress=False),
         lambda k: numpy_qap(D["help"], D["met"], k, 1), 20)
    case("qap(met, often)", lambda th: wn.qap(met, often, n=reps, seed=1, threads=th, progress=False),
         lambda k: numpy_qap(D["met"], D["often"], k, 1), 20)
    case("mrqap(help ~ met + often + organise)",
         lambda th: wn.mrqap(help_, xs, n=reps, seed=1, nodes="union", threads=th, progress=False),
         lambda k: numpy_mrqap_dsp(D["help"], [D["met"], D["often"], D["organise"]], k, 1), 2)
    return out


def report(res: dict[str, Any], markdown: bool) -> list[Block]:
    rows = [[c["case"], fmt_s(c["wijknet_1t"]), fmt_s(c["wijknet_2t"]), fmt_s(c["numpy"]), fmt_ratio(c["ratio_2t"])]
            for c in res["cases"]]
    return [Table("layers", ["case", "wijknet 1 thread", "wijknet 2 threads", "numpy", "ratio 2 threads"], rows,
                  title=f"Layers suite — {res['residents']:,} residents, {res['permutations']:,} permutations "
                        "(NumPy reference timed on fewer permutations, scaled; ratio = numpy / wijknet).")]
