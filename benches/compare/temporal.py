"""Temporal suite: monthly growth and tie formation (wn.temporal) on the Congress bills
register against a pandas reference."""
from __future__ import annotations

import datetime as _dt
import os
from typing import Any

import numpy as np
import pandas as pd

from .common import Block, Log, Table, dataset_file, fmt_s, median_time, runs_for

TITLE = "wn.temporal growth + tie formation on Congress bills against pandas"
CONGRESS = ("congress_bills", "incidences.csv.gz")  # folder and file in the data directory
QUICK_YEARS = 2  # --quick: the first years of the register only
TEMPORAL_WITHIN = (30, 90, 180)


def _temporal_pandas(df: pd.DataFrame) -> dict[str, Any]:
    """The same figures as wn.temporal.growth(freq="M") + tie_formation(within=30/90/180,
    unit="activity") computed with pandas alone (self-merges); df: resident, activity, day
    (days since 1970-01-01)."""
    d = df[["resident", "activity", "day"]]
    month = pd.to_datetime(d["day"], unit="D").dt.to_period("M")
    d = d.assign(month=month.astype("int64"))
    grp = d.groupby("month")
    g = pd.DataFrame({"residents": grp["resident"].nunique(), "activities": grp["activity"].nunique()})
    g["sessions"] = d.drop_duplicates(["month", "activity", "day"]).groupby("month").size()
    g["attendances"] = d.drop_duplicates(["resident", "activity", "day"]).groupby("month").size()
    u = d[["month", "activity", "resident"]].drop_duplicates()
    m = u.merge(u, on=["month", "activity"])
    m = m[m["resident_x"] < m["resident_y"]]
    g["ties"] = m.drop_duplicates(["month", "resident_x", "resident_y"]).groupby("month").size()
    first_month = d.groupby("resident")["month"].min()
    g["new"] = first_month.value_counts()
    g = g.reindex(range(int(d["month"].min()), int(d["month"].max()) + 1)).fillna(0).astype("int64")
    g["returning"] = g["residents"] - g["new"]
    # tie formation, unit="activity": shared by T when both first attended it at dates ≤ T
    f = d.groupby(["resident", "activity"], sort=False)["day"].min().reset_index()
    p = f.merge(f, on="activity", suffixes=("_i", "_j"))
    p = p[p["resident_i"] != p["resident_j"]]
    p = p.assign(when=np.maximum(p["day_i"].to_numpy(), p["day_j"].to_numpy()))
    tie = p.groupby(["resident_i", "resident_j"], sort=False)["when"].min().reset_index()
    t0 = d.groupby("resident")["day"].min()
    tie = tie.assign(t0=t0.reindex(tie["resident_i"]).to_numpy())
    tf = pd.DataFrame(index=t0.index)
    for w in TEMPORAL_WITHIN:
        tf[f"ties_{w}d"] = tie[tie["when"] <= tie["t0"] + w].groupby("resident_i").size().reindex(t0.index, fill_value=0)
    tf["first_tie"] = tie.groupby("resident_i")["when"].min().reindex(t0.index) - t0
    return {"growth": g, "ties": tf}


def run(args: Any, sizes: list[int], log: Log) -> dict[str, Any] | None:
    """Monthly growth + tie formation (Δ = 30, 90, 180 days, unit="activity") over the whole
    Congress bills set (~1M rows, 32 years; its first QUICK_YEARS years under ``--quick``),
    wijknet against a pandas reference; the network is built before the clock starts. Also
    checks that both give the same figures."""
    import wijknet as wn

    path = dataset_file(args, *CONGRESS, override=args.congress)
    if not os.path.exists(path):
        log(f"[temporal] {path} not found; skipped")
        return None
    raw = pd.read_csv(path)
    df = pd.DataFrame({"resident": raw["node_id"], "activity": raw["event_id"],
                       "day": raw["day"] - _dt.date(1970, 1, 1).toordinal()})
    span = "whole register"
    if args.quick:
        df = df[df["day"] < df["day"].min() + 365 * QUICK_YEARS].reset_index(drop=True)
        span = f"first {QUICK_YEARS} years"
    net = wn.Network.from_attendance(df, resident="resident", activity="activity", date="day", date_unit="D")
    runs = runs_for(args, 5, 3)
    log(f"[temporal] Congress bills ({span}): {len(df):,} rows; wijknet × {runs}")

    def growth() -> Any:
        return wn.temporal.growth(net, freq="M", progress=False)

    def ties() -> Any:
        return wn.temporal.tie_formation(
            net, within=list(TEMPORAL_WITHIN), projection={"unit": "activity"}, progress=False
        )

    t_g = median_time(growth, runs)
    t_t = median_time(ties, runs)
    t_w = median_time(lambda: (growth(), ties()), runs)
    pruns = 1 if args.quick else 2
    log(f"[temporal] pandas reference × {pruns}")
    t_p = median_time(lambda: _temporal_pandas(df), pruns, warmup=0)
    # the same figures?
    g, tf = growth(), ties()
    ref = _temporal_pandas(df)
    cols = ["residents", "activities", "sessions", "attendances", "ties", "new", "returning"]
    same_growth = bool((g[cols].to_numpy() == ref["growth"][cols].to_numpy()).all())
    r = ref["ties"].reindex(tf.index)
    end_ok = tf[[f"ties_{w}d" for w in TEMPORAL_WITHIN]].notna()
    same_ties = all(
        (tf[f"ties_{w}d"][end_ok[f"ties_{w}d"]].astype("int64") == r[f"ties_{w}d"][end_ok[f"ties_{w}d"]]).all()
        for w in TEMPORAL_WITHIN
    ) and np.array_equal(tf["days_to_first_tie"].to_numpy(), r["first_tie"].to_numpy(float), equal_nan=True)
    return {"span": span, "rows": len(df), "months": len(g), "runs": runs, "pandas_runs": pruns,
            "wijknet_growth": t_g, "wijknet_tie_formation": t_t, "wijknet_total": t_w,
            "pandas_total": t_p, "same_figures": same_growth and same_ties}


def report(r: dict[str, Any], markdown: bool) -> list[Block]:
    both = "both" + (" (bar: < 2 s)" if r.get("span", "whole register") == "whole register" else "")
    rows = [["growth(freq=M)", fmt_s(r["wijknet_growth"]), "", ""],
            ["tie_formation(30/90/180, unit=activity)", fmt_s(r["wijknet_tie_formation"]), "", ""],
            [both, fmt_s(r["wijknet_total"]), fmt_s(r["pandas_total"]), f"{r['pandas_total'] / r['wijknet_total']:.1f}×"]]
    return [Table("temporal", ["case", "wijknet", "pandas", "pandas/wijknet"], rows,
                  title=f"Temporal suite — Congress bills ({r.get('span', 'whole register')}), {r['rows']:,} rows, "
                        f"{r['months']} months; medians of {r['runs']} runs (pandas {r['pandas_runs']}); "
                        f"same figures: {r['same_figures']}.")]
