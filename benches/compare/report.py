"""Report suite: ``wn.evaluate`` on the synthetic register with its survey, section by section,
and writing the report (HTML size included). No peer library makes such a report, so the table
breaks the time down by section instead of giving ratios."""

from __future__ import annotations

import gc
import time
import warnings
from typing import Any

from .common import Block, Log, Table, child, fmt_mb, fmt_s, peak_memory, runs_for

TITLE = "wn.evaluate and the report's outputs, by section (no peer makes such a report)"


def _sections(n: int) -> dict[str, float]:
    """Seconds per section of one evaluate (the same steps :func:`wn.evaluate` runs)."""
    import wijknet as wn
    from wijknet import _evaluate, report

    net = wn.datasets.badhuis(n, seed=0, survey=True)
    survey = wn.datasets.survey_table(net)
    t = time.perf_counter()
    net, names = report._attributes(net, ["neighbourhood", "age_group"], "evaluate")
    c = _evaluate.Context(
        net, survey=survey, attributes=names, before=None, after=None, lang="nl", min_cell=10, seed=1,
        n=1000, big_event=50, support="support", progress=False, threads=None,
    )
    out = {"projection and setup": time.perf_counter() - t}
    for fn in _evaluate.SECTION_FUNCTIONS:
        t = time.perf_counter()
        fn(c)
        out[fn.__name__] = time.perf_counter() - t
    return out


def _measure(n: int, runs: int, q: Any) -> None:
    import wijknet as wn

    warnings.simplefilter("ignore")
    net = wn.datasets.badhuis(n, seed=0, survey=True)
    survey = wn.datasets.survey_table(net)

    def once() -> Any:
        return wn.evaluate(net, survey=survey, attributes=["neighbourhood", "age_group"], seed=1, progress=False)

    report, mem = peak_memory(once)
    times = [mem["seconds"]]
    for _ in range(runs - 1):
        t = time.perf_counter()
        once()
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    page = report.to_html()
    html_s = time.perf_counter() - t
    import io

    buf = io.BytesIO()
    t = time.perf_counter()
    report.to_docx(buf)
    docx_s = time.perf_counter() - t
    q.put(
        {
            "residents": len(net.residents),
            "asked": n,
            "indicators": len(report.to_frame()),
            "evaluate": sorted(times)[len(times) // 2],
            "runs": runs,
            "peak_kb": mem["peak_kb"],
            "html_s": html_s,
            "html_bytes": len(page.encode("utf-8")),
            "docx_s": docx_s,
            "docx_bytes": len(buf.getvalue()),
            "sections": _sections(n),
        }
    )


def run(args: Any, sizes: list[int], log: Log) -> list[dict[str, Any]]:
    """``wn.evaluate(badhuis(n, survey=True), survey=..., attributes=[neighbourhood, age_group])``
    in a fresh process per size: the median time, peak memory, the HTML and Word outputs, and
    the time per section. Bars: under 5 s at 2,000 residents, under 60 s at 100,000, HTML under
    5 MB."""
    out = []
    for n in sizes:
        runs = runs_for(args, 3, 1) if n <= 20_000 else 1
        with child(_measure, n, runs) as (q, _):
            res = q.get()
        log(f"[report {n:,}] evaluate {fmt_s(res['evaluate'])}, html {res['html_bytes'] / 1e6:.2f} MB")
        out.append(res)
        gc.collect()
    return out


def report(res: list[dict[str, Any]], markdown: bool) -> list[Block]:
    rows = [
        [
            f"{r['asked']:,} ({r['residents']:,} in the register)",
            str(r["indicators"]),
            fmt_s(r["evaluate"]),
            fmt_mb(r["peak_kb"] * 1024),
            fmt_s(r["html_s"]),
            f"{r['html_bytes'] / 1e6:.2f} MB",
            fmt_s(r["docx_s"]),
            f"{r['docx_bytes'] / 1e6:.2f} MB",
        ]
        for r in res
    ]
    blocks: list[Block] = [
        Table(
            "report",
            ["badhuis(n, survey=True)", "indicators", "evaluate", "peak memory", "to_html", "HTML size", "to_docx", "Word size"],
            rows,
            title="wn.evaluate with the survey and two resident attributes (n=1000 bootstrap replicates); "
            "median of 3 runs up to 20,000 residents, 1 run above; outputs drawn once.",
        )
    ]
    names = list(res[0]["sections"]) if res else []
    blocks.append(
        Table(
            "report_sections",
            ["section"] + [f"{r['asked']:,}" for r in res],
            [[name] + [fmt_s(r["sections"][name]) for r in res] for name in names],
            title="Seconds per section of the report (one run each).",
        )
    )
    return blocks
