"""The report of the ``wijknet`` command (private): the figures of a register, and the
same figures written as text for people or as CSV/JSON for pipelines; also the listing of the
problems ``wijknet check`` finds.

Every figure has a stable English key (the CSV/JSON ``key``), a value, and a label and a
one-line explanation in the language of the output (the wording lives in ``_texts``).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import _texts
from ._texts import say

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .network import Network

# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Figure:
    """One figure of the report: a stable key, its value, and words for people."""

    key: str
    value: Any
    label: str
    explanation: str
    whole: int | None = None  # the value is a share of this many (residents, pairs)
    of: str = ""  # what the whole is, in words


@dataclasses.dataclass
class Report:
    source: str
    intro: list[str]
    unit: str
    register: list[Figure]
    meetings_intro: list[str]
    meetings: list[Figure]
    activities: pd.DataFrame
    notes: list[str]


def _unit_sizes(net: Network, unit: str, impact: pd.DataFrame) -> np.ndarray:
    """Residents per unit (activity or session): the size that ``max_activity_size`` tests."""
    import numpy as np

    if unit == "activity":
        return impact["participants"].to_numpy()
    sessions = np.asarray(net._net.rows()["session"])  # one row per resident and session
    return np.bincount(sessions, minlength=int(net.summary()["sessions"]))


def compute(
    net: Network,
    args: argparse.Namespace,
    source: str,
    intro: list[str],
    *,
    progress: bool | None = False,
    step: Callable[[str], None] = lambda text: None,
) -> Report:
    """The figures of ``net`` for the options in ``args``; ``step`` announces the long steps
    and ``progress`` is passed to the library calls."""
    import wijknet as wn

    lang = args.lang
    s = net.summary()
    unit = wn.Projection(unit=args.unit).unit_for(net)
    max_size = args.max_activity_size
    dated = s["first_date"] is not None

    step("finding who met whom")
    g = net.project(weight="count", unit=unit, max_activity_size=max_size, progress=progress)
    deg = wn.degree(g)
    n = len(deg)
    comp = wn.connected_components(g)
    ties = g.number_of_edges()
    strong = int((g.to_scipy().data >= args.strong).sum()) // 2  # each tie is stored twice
    connected = int((deg > 0).sum())
    largest = int((comp == 0).sum()) if n else 0
    pairs = n * (n - 1) // 2

    step("measuring what each activity contributes")
    imp = wn.activities.impact(
        net, projection={"weight": "count", "unit": unit, "max_activity_size": max_size}, progress=progress
    )
    sizes = _unit_sizes(net, unit, imp)
    biggest = int(sizes.max()) if len(sizes) else 0

    u = {
        "unit": say(f"unit_word_{unit}", lang),
        "units": say(f"units_word_{unit}", lang),
        "at_unit": say(f"at_unit_{unit}", lang),
    }
    res = say("of_residents", lang)

    def fig(
        key: str, value: Any, whole: int | None = None, of: str = "", x: str | None = None, **fill: Any
    ) -> Figure:
        values = {**u, **fill}
        return Figure(key, value, say(key, lang, **values), say(x or key + "_x", lang, **values), whole, of)

    register = [
        fig("residents", int(s["residents"])),
        fig("activities", int(s["activities"])),
        fig(
            "sessions",
            int(s["sessions"]),
            x=None if dated or s["sessions"] != s["activities"] else "sessions_x_undated",
        ),
        fig("attendances", int(s["attendances"])),
        fig(
            "repeated_rows",
            int(s["duplicates_found"]),
            x="repeated_rows_x_drop" if getattr(args, "duplicates", None) == "drop" else None,
        ),
    ]
    if dated:
        register.append(fig("first_date", s["first_date"]))
        register.append(fig("last_date", s["last_date"]))

    meetings_intro = [say(f"unit_{unit}", lang)]
    if unit == "activity" and not dated and args.unit is None:
        labelled = s["sessions"] != s["activities"]
        meetings_intro.append(say("unit_activity_labels" if labelled else "unit_activity_undated", lang))
    if max_size is None:
        meetings_intro.append(say("big_event", lang, unit=u["unit"], size=_texts.integer(biggest, lang)))
    left_out = int((sizes > max_size).sum()) if max_size is not None else 0
    if max_size is not None:
        meetings_intro.append(
            say(
                "left_out_note",
                lang,
                count=_texts.integer(left_out, lang),
                total=_texts.integer(len(sizes), lang),
                units=u["units"],
                max=_texts.integer(max_size, lang),
            )
        )
    strong_x = "strong_ties_x_activity" if unit == "activity" else "strong_ties_x"
    meetings = [
        fig("ties", ties, pairs, say("of_pairs", lang)),
        fig("strong_ties", strong, pairs, say("of_pairs", lang), x=strong_x, n=args.strong),
        fig("possible_pairs", pairs),
        fig("met_someone", connected, n, res),
        fig(
            "isolated",
            n - connected,
            n,
            res,
            x="isolated_x_left_out" if max_size is not None else "isolated_x",
        ),
        fig("groups", wn.number_connected_components(g)),
        fig("largest_group", largest, n, res),
        fig("median_met", float(deg.median()) if n else 0.0),
        fig("largest_unit", biggest),
    ]
    if max_size is not None:
        meetings.append(
            fig(
                "left_out",
                left_out,
                len(sizes),
                say("of_units", lang, units=u["units"]),
                max=_texts.integer(max_size, lang),
            )
        )

    table = imp[["participants", "sessions", "ties", "unique_ties"]].copy()
    table.index.name = "activity"
    table = table.sort_index(kind="mergesort").sort_values(
        ["ties", "unique_ties", "participants"], ascending=False, kind="mergesort"
    )
    return Report(source, intro, unit, register, meetings_intro, meetings, table, [])


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def _value_text(f: Figure, lang: str) -> str:
    v = f.value
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return _texts.integer(v, lang)
    if isinstance(v, float):
        return _texts.decimal(v, lang)
    if v is None:
        return "–"
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


def json_value(v: Any) -> Any:
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if hasattr(v, "item"):
        return v.item()
    return str(v)


def wrap(text: str, indent: str, first: str | None = None, width: int = 88) -> str:
    """``text`` wrapped to ``width`` columns, every line indented by ``indent`` (the first by
    ``first`` when given: a bullet or a number)."""
    import textwrap

    first = indent if first is None else first
    lines = [
        textwrap.fill(
            part,
            width=width,
            break_on_hyphens=False,
            initial_indent=first if i == 0 else indent,
            subsequent_indent=indent,
        )
        for i, part in enumerate(text.split("\n"))
    ]
    return "\n".join(lines)


def _top(args: argparse.Namespace, fmt: str) -> int | None:
    top = getattr(args, "top", None)
    if top is None:
        return 10 if fmt == "text" else None
    return top or None


def render_text(r: Report, args: argparse.Namespace) -> str:
    lang = args.lang
    out = io.StringIO()
    w = out.write
    title = say("title", lang)
    w(title + "\n" + "=" * len(title) + "\n")
    for line in r.intro:
        w(wrap(line, "") + "\n")
    w("\n" + say("reading_demo" if args.command == "demo" else "reading", lang) + "\n")
    if r.notes:
        for note in r.notes:
            w(wrap(note, "    ", "  - ") + "\n")
    else:
        w("  " + say("reading_none", lang) + "\n")

    figures = r.register + r.meetings
    width = max(len(f.label) for f in figures) + 2

    def block(items: list[Figure]) -> None:
        for f in items:
            if f.key == "last_date":
                continue
            if f.key == "first_date":
                last = next(x for x in items if x.key == "last_date")
                label = say("period", lang)
                w(f"{label:<{width}}{_value_text(f, lang)} – {_value_text(last, lang)}\n")
                w(wrap(say("period_x", lang), "    ") + "\n")
                continue
            line = f"{f.label:<{width}}{_value_text(f, lang):>12}"
            if f.whole is not None:
                line += f"   {_texts.share(int(f.value), f.whole, lang)} {f.of}".rstrip()
            w(line + "\n")
            w(wrap(f.explanation, "    ") + "\n")

    w("\n" + say("register", lang) + "\n")
    block(r.register)
    w("\n" + say("meetings", lang) + "\n")
    for line in r.meetings_intro:
        w(wrap(line, "") + "\n")
    w("\n")
    block(r.meetings)

    total = len(r.activities)
    top = _top(args, "text")
    table = r.activities if top is None else r.activities.head(top)
    shown = (
        say("top_n", lang, n=_texts.integer(len(table), lang), total=_texts.integer(total, lang))
        if len(table) < total
        else ""
    )
    w("\n" + say("activities_heading", lang, top=shown) + "\n")
    if not total:
        w("  " + say("no_activities", lang) + "\n")
        return out.getvalue()
    cols = ["participants", "sessions", "ties", "unique_ties"]
    heads = [say("col_activity", lang)] + [say(f"col_{c}", lang) for c in cols]
    names = [_texts.shown(a, lang) for a in table.index]
    cells = [[_texts.integer(int(v), lang) for v in row] for row in table[cols].itertuples(index=False)]
    name_w = max([len(heads[0]), *map(len, names)])
    col_w = [max([len(heads[i + 1]), *(len(c[i]) for c in cells)]) for i in range(len(cols))]
    w(f"{heads[0]:<{name_w}}" + "".join(f"  {h:>{col_w[i]}}" for i, h in enumerate(heads[1:])) + "\n")
    for name, row in zip(names, cells, strict=True):
        w(f"{name:<{name_w}}" + "".join(f"  {c:>{col_w[i]}}" for i, c in enumerate(row)) + "\n")
    w("\n")
    for c in cols:
        w(wrap(f"{say(f'col_{c}', lang)}: {say(f'col_{c}_x', lang)}", "  ") + "\n")
    return out.getvalue()


def _activity_records(r: Report, args: argparse.Namespace, fmt: str) -> list[dict]:
    top = _top(args, fmt)
    table = r.activities if top is None else r.activities.head(top)
    return [
        {
            "activity": json_value(a),
            **{c: int(row[c]) for c in ("participants", "sessions", "ties", "unique_ties")},
        }
        for a, row in table.iterrows()
    ]


def _column_docs(lang: str) -> list[dict]:
    return [
        {"key": c, "label": say(f"col_{c}", lang), "explanation": say(f"col_{c}_x", lang)}
        for c in ("participants", "sessions", "ties", "unique_ties")
    ]


def _figure_record(f: Figure) -> dict:
    return {
        "key": f.key,
        "value": json_value(f.value),
        "share": (f.value / f.whole if f.whole else None) if f.whole is not None else None,
        "label": f.label,
        "explanation": f.explanation,
    }


def render_json(r: Report, args: argparse.Namespace) -> str:
    from . import __version__

    doc = {
        "wijknet": __version__,
        "source": r.source,
        "lang": args.lang,
        "unit": r.unit,
        "max_activity_size": args.max_activity_size,
        "figures": [_figure_record(f) for f in r.register + r.meetings],
        "activities": _activity_records(r, args, "json"),
        "activity_columns": _column_docs(args.lang),
        "activities_sorted_by": ["ties", "unique_ties", "participants"],
        "notes": r.notes,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


_CSV_COLUMNS = ["section", "key", "activity", "value", "share", "label", "explanation"]


def render_csv(r: Report, args: argparse.Namespace) -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for f in r.register + r.meetings:
        rec = _figure_record(f)
        writer.writerow(
            [
                "figures",
                f.key,
                "",
                rec["value"],
                "" if rec["share"] is None else rec["share"],
                f.label,
                f.explanation,
            ]
        )
    docs = {d["key"]: d for d in _column_docs(args.lang)}
    for rec in _activity_records(r, args, "csv"):
        for c in ("participants", "sessions", "ties", "unique_ties"):
            writer.writerow(
                ["activities", c, rec["activity"], rec[c], "", docs[c]["label"], docs[c]["explanation"]]
            )
    return out.getvalue()


# ---- check ----------------------------------------------------------------------------------


def problem_records(err: BaseException) -> list[dict]:
    table = err.problems  # type: ignore[attr-defined]
    records = []
    for row in table.itertuples(index=False):
        records.append(
            {
                "kind": row.kind,
                "column": json_value(row.column),
                "count": int(row.count),
                "rows": [int(x) for x in row.rows],
                "places": [str(x) for x in row.places],
                "examples": [json_value(x) for x in row.examples],
                "message": row.message,
                "fix": row.fix,
            }
        )
    return records


def render_problems_text(records: list[dict], source: str, lang: str) -> str:
    out = io.StringIO()
    w = out.write
    n = len(records)
    w(
        (say("check_bad_one", lang, source=source) if n == 1 else say("check_bad", lang, source=source, n=n))
        + "\n"
    )
    kinds: dict[str, list[dict]] = {}
    for rec in records:
        kinds.setdefault(rec["kind"], []).append(rec)
    number = 0
    for kind, items in kinds.items():
        counted = sum(x["count"] for x in items)
        head = f"{_texts.kind_title(kind, lang)} ({kind})"
        if counted:
            head += f": {_texts.integer(counted, lang)} {say('check_row' if counted == 1 else 'check_rows', lang)}"
        w("\n" + head + "\n" + "-" * len(head) + "\n")
        for rec in items:
            number += 1
            w(wrap(rec["message"], "    ", f"{number:>2}. ") + "\n")
            if rec["rows"]:
                places = rec.get("places") or [f"row {r}" for r in rec["rows"]]
                rows = ", ".join(places)
                if rec["count"] > len(rec["rows"]):
                    rows += ", …"
                w(wrap(say("check_first_rows", lang, rows=rows), "    ") + "\n")
            if rec["examples"]:
                shown = ", ".join(
                    repr(_texts.shown(x, lang)) if isinstance(x, str) else _texts.shown(x, lang)
                    for x in rec["examples"]
                )
                w(wrap(say("check_examples", lang, examples=shown), "    ") + "\n")
            if rec["fix"]:
                w(wrap(say("check_fix", lang, fix=rec["fix"]), "    ") + "\n")
    return out.getvalue()


def problems_csv(records: list[dict]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = ["kind", "column", "count", "rows", "places", "examples", "message", "fix"]
    writer.writerow(columns)
    for rec in records:
        writer.writerow(
            [
                rec["kind"],
                rec["column"],
                rec["count"],
                " ".join(str(r) for r in rec["rows"]),
                " | ".join(rec.get("places") or []),
                " | ".join(str(x) for x in rec["examples"]),
                rec["message"],
                rec["fix"],
            ]
        )
    return out.getvalue()


def notes_text(notes: list[str], lang: str) -> str:
    if not notes:
        return ""
    lines = ["", say("reading", lang)]
    lines += [wrap(n, "    ", "  - ") for n in notes]
    return "\n".join(lines) + "\n"
