"""The ``wijknet`` command: ``demo``, ``summary FILE`` and ``check FILE``.

``wijknet demo`` runs the main job on the bundled synthetic register: build the network,
project it, and report who met whom. ``wijknet summary FILE`` does the same for your own
attendance register; ``wijknet check FILE`` reads it with the same options and lists every
problem found, each with its rows and one fix. Output is plain English or Dutch text
(``--lang``), or CSV/JSON for pipelines (``--format``). The wording lives in ``_texts``.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import io
import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import _texts
from ._texts import say

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .network import Network

#: Exit statuses of the command.
EXIT_OK = 0  # success; check: no problems found
EXIT_PROBLEMS = 1  # the data has problems
EXIT_USAGE = 2  # wrong usage: an unknown command or option, or a value wijknet cannot use
EXIT_UNREADABLE = 3  # the file cannot be read
EXIT_BUG = 4  # an unexpected error inside wijknet
EXIT_INTERRUPTED = 130  # Ctrl-C

_DESCRIPTION = (
    "wijknet: who met whom through neighbourhood activities. 'wijknet demo' runs the whole job "
    "on a made-up register; 'wijknet summary FILE' runs it on your own attendance register "
    "(a CSV, TSV, Parquet or spreadsheet file; one row per resident per session); 'wijknet check FILE' lists every "
    "problem in the file at once, each with the rows and one fix. 'wijknet COMMAND --help' "
    "lists the options of a command."
)

_EPILOG = """\
exit status:
  0  success (check: no problems found)
  1  the data has problems (summary: listed on stderr; check: listed on stdout)
  2  wrong usage: an unknown command or option, or an option value wijknet cannot use
  3  the file cannot be read: it does not exist, is a folder, is not a kind of file
     wijknet reads, or a library needed to read it is missing
  4  an unexpected error inside wijknet (a bug: please report it with the message)
  130 interrupted (Ctrl-C)

examples:
  wijknet demo --lang nl
  wijknet check register.csv --resident naam --activity activiteit --date datum --dayfirst
  wijknet summary register.csv --resident naam --activity activiteit --date datum
  wijknet summary register.xlsx --sheet Blad1 --format json > figures.json
"""

#: The reading options: command-line flag -> keyword of the reading functions.
_READ_OPTIONS: dict[str, str] = {
    "--date": "date",
    "--session": "session",
    "--role": "role",
    "--sep": "sep",
    "--sheet": "sheet",
    "--header": "header",
    "--encoding": "encoding",
    "--dayfirst": "dayfirst",
    "--date-format": "date_format",
    "--duplicates": "duplicates",
    "--roles": "roles",
}


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language of the output when ``--lang`` is not given: Dutch when the environment's
    language (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``, the first one set) starts
    with ``nl``, else English."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


# --------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------


class _Formatter(argparse.HelpFormatter):
    """Wraps a one-paragraph description and keeps the lines of a laid-out text (the epilog);
    every option writes its default in its own help text."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text.strip():
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, got {value}")
    return value


def _roles(text: str) -> dict[str, str]:
    roles: dict[str, str] = {}
    for part in text.split(","):
        label, sep, role = part.partition("=")
        if not sep or not label.strip() or not role.strip():
            raise argparse.ArgumentTypeError(
                f"expected LABEL=ROLE pairs separated by commas, e.g. "
                f"deelnemer=participant,vrijwilliger=volunteer; got {part!r}"
            )
        roles[label.strip()] = role.strip()
    return roles


def _output_options(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument(
        "--lang",
        choices=_texts.LANGUAGES,
        default=lang,
        help="language of the output: en (English) or nl (Nederlands) (default: nl when the "
        "environment's language (LANGUAGE, LC_ALL, LC_MESSAGES or LANG) starts with nl, else en; "
        f"here: {lang})",
    )
    p.add_argument(
        "--format",
        choices=("text", "csv", "json"),
        default="text",
        help="text for people; csv or json for pipelines: the same figures, one record per figure "
        "with its key, value and explanation; nothing but the data on stdout (default: text)",
    )


def _figure_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--unit",
        choices=("session", "activity"),
        default=None,
        help="what counts as meeting: being at the same session (an activity on one date), or "
        "taking part in the same activity at any time (default: session when the register has "
        "dates, activity when it has none)",
    )
    p.add_argument(
        "--max-activity-size",
        type=_positive,
        default=None,
        metavar="N",
        help="leave every session (with --unit activity: every activity) with more than N "
        "residents out of the meetings, so a large one-off event does not make everyone there "
        "'meet' everyone; the output says how many were left out (default: none left out)",
    )
    p.add_argument(
        "--strong",
        type=_positive,
        default=2,
        metavar="N",
        help="also count the pairs who met N times or more: at N sessions (with --unit activity: "
        "in N activities) (default: 2)",
    )
    p.add_argument(
        "--top",
        type=_count,
        default=None,
        metavar="N",
        help="activities to list, most pairs first; 0 lists all (default: 10 in text, all in csv and json)",
    )
    # gone: no figure depends on the tie weight; given anyway, it is refused with the reason
    p.add_argument("--weight", default=None, help=argparse.SUPPRESS)


def _read_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file",
        metavar="FILE",
        help="the register: a CSV, TSV, text or Parquet file, or a spreadsheet (.xlsx, .xls, .ods)",
    )
    g = p.add_argument_group("reading the file")
    g.add_argument(
        "--layout",
        choices=("long", "signin"),
        default="long",
        help="long: one row per resident per session (columns such as name, activity, date); "
        "signin: a sign-in sheet, one row per person and one column per date or session with a "
        "mark such as x for present (default: long)",
    )
    g.add_argument(
        "--resident",
        default="resident",
        metavar="COLUMN",
        help="the column with the residents' names or ids (default: resident)",
    )
    g.add_argument(
        "--activity",
        default=None,
        metavar="COLUMN",
        help="the column with the activities (default: activity; with --layout signin: none, "
        "each sheet is one activity)",
    )
    g.add_argument(
        "--date",
        default=None,
        metavar="COLUMN",
        help="the column with the dates; a session is then an activity on one date (default: no dates)",
    )
    g.add_argument(
        "--session",
        default=None,
        metavar="COLUMN",
        help="a column naming the sessions, when a date does not tell them apart (default: none; "
        "sessions come from the dates)",
    )
    g.add_argument(
        "--role",
        default=None,
        metavar="COLUMN",
        help="a column with each resident's role: participant, volunteer or organiser (default: "
        "none; everyone is a participant)",
    )
    g.add_argument(
        "--roles",
        type=_roles,
        default=None,
        metavar="LABEL=ROLE,...",
        help="what the labels in the role column mean, as LABEL=ROLE pairs separated by commas, "
        "e.g. --roles deelnemer=participant,vrijwilliger=volunteer (default: only the role names "
        "participant, volunteer and organiser are known, in any capitals)",
    )
    g.add_argument(
        "--sep",
        default=None,
        metavar="CHAR",
        help="the character between the columns of a CSV file, e.g. ';' (default: found from the "
        "file among , ; tab |)",
    )
    g.add_argument(
        "--sheet",
        default=None,
        metavar="NAME",
        help="the sheet of a spreadsheet to read, by name (default: the first sheet)",
    )
    g.add_argument(
        "--header",
        type=_positive,
        default=None,
        metavar="ROW",
        help="the row with the column names, counted as the spreadsheet or text editor shows it "
        "(1 = the first row) (default: found from the file: title rows above it are skipped)",
    )
    g.add_argument(
        "--encoding",
        default=None,
        metavar="NAME",
        help="the text encoding of a CSV file, e.g. cp1252 or latin-1 (default: UTF-8, or "
        "cp1252 when the file is not valid UTF-8)",
    )
    g.add_argument(
        "--dayfirst",
        action="store_true",
        default=None,
        help="read dates such as 07-03-2025 as day-month-year (7 March) (default: found from the "
        "dates; ambiguous dates are reported)",
    )
    g.add_argument(
        "--date-format",
        default=None,
        metavar="FORMAT",
        help="the exact way the dates are written, e.g. %%d-%%m-%%Y for 07-03-2025 (default: found "
        "from the dates)",
    )
    g.add_argument(
        "--duplicates",
        choices=("count", "drop", "error"),
        default=None,
        help="what a repeated row (the same resident at the same session) means: count it as an "
        "extra attendance, drop it, or stop with an error (default: count)",
    )


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``wijknet`` command."""
    lang = lang or default_lang()
    parser = argparse.ArgumentParser(
        prog="wijknet", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=_Formatter
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"wijknet {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = sub.add_parser(
        "demo",
        help="run the whole job on a made-up register (no file needed)",
        description="Who met whom in a made-up register of resident-run community centres "
        "('badhuis'): the same report as 'wijknet summary', on data that ships with wijknet.",
        epilog=_EPILOG,
        formatter_class=_Formatter,
    )
    demo.add_argument(
        "--residents",
        type=_positive,
        default=2000,
        metavar="N",
        help="inhabitants of the made-up town; only those who came to at least one activity are "
        "in the register, so it can hold fewer (default: 2000)",
    )
    demo.add_argument(
        "--seed",
        type=_count,
        default=0,
        metavar="N",
        help="which made-up register; the same seed gives the same one (default: 0)",
    )
    summ = sub.add_parser(
        "summary",
        help="who met whom in your own register",
        description="Who met whom in your own attendance register: counts, meetings, groups and "
        "what each activity contributes, each figure with a one-line explanation.",
        epilog=_EPILOG,
        formatter_class=_Formatter,
    )
    check = sub.add_parser(
        "check",
        help="list every problem in your register at once, each with its rows and one fix",
        description="Read your register with the same options as 'summary' and list every "
        "problem found (missing columns, empty names, dates that cannot be read, ...), grouped "
        "by kind, with the first rows and one fix each. Exit status 1 when there are problems.",
        epilog=_EPILOG,
        formatter_class=_Formatter,
    )
    _read_options(summ)
    _read_options(check)
    for p in (demo, summ):
        _figure_options(p)
    for p in (demo, summ, check):
        _output_options(p, lang)
    return parser


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


class _Stop(Exception):
    """Ends the command with a message on stderr and an exit status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _accepted(functions: Sequence[Callable | None]) -> set[str] | None:
    """The keywords a chain of functions accepts (each passing ``**kwargs`` to the next); None
    when the last one still takes any keyword."""
    names: set[str] = set()
    for fn in functions:
        if fn is None:
            continue
        try:
            params = inspect.signature(fn).parameters.values()
        except (TypeError, ValueError):
            return None
        names |= {p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)}
        if not any(p.kind == p.VAR_KEYWORD for p in params):
            return names
    return None


def unsupported(functions: Sequence[Callable | None], keywords: Sequence[str]) -> list[str]:
    """The ``keywords`` that the chain of reading ``functions`` does not accept."""
    names = _accepted(functions)
    if names is None:
        return []
    return [k for k in keywords if k not in names]


def _flag(keyword: str) -> str:
    for flag, kw in _READ_OPTIONS.items():
        if kw == keyword:
            return flag
    return "--" + keyword.replace("_", "-")


def _refuse_unsupported(keywords: Sequence[str], what: str) -> None:
    flags = ", ".join(_flag(k) for k in keywords)
    raise _Stop(
        EXIT_USAGE,
        f"this version of wijknet cannot use {flags} ({what} has no "
        f"{', '.join(k + '=' for k in keywords)}); leave the option out, or update wijknet",
    )


def _read(args: argparse.Namespace) -> Network:
    """The register named on the command line, read with the options the user gave (only
    those: the reading functions keep their own defaults)."""
    import wijknet as wn

    kwargs: dict[str, Any] = {"resident": args.resident}
    if args.activity is not None or args.layout == "long":
        kwargs["activity"] = args.activity if args.activity is not None else "activity"
    for keyword in _READ_OPTIONS.values():
        value = getattr(args, keyword)
        if value is not None:
            kwargs[keyword] = value - 1 if keyword == "header" else value
    if args.layout == "signin":
        reader = getattr(wn, "read_signin_sheet", None)
        if reader is None:
            raise _Stop(
                EXIT_USAGE,
                "this version of wijknet cannot read sign-in sheets (--layout signin); update "
                "wijknet, or turn the sheet into one row per resident per session",
            )
        chain = [reader, getattr(wn.Network, "from_signin_sheet", None), wn.Network.from_attendance]
        what = "read_signin_sheet"
    else:
        reader = wn.read_attendance
        chain = [reader, wn.Network.from_attendance]
        what = "read_attendance"
    missing = unsupported(chain, list(kwargs))
    if missing:
        _refuse_unsupported(missing, what)
    _step(args, f"reading {args.file}")
    try:
        return reader(args.file, **kwargs)
    except TypeError as e:  # a keyword this version does not take, found only on the way
        m = re.search(r"unexpected keyword argument '(\w+)'", str(e))
        if m and m.group(1) in kwargs:
            _refuse_unsupported([m.group(1)], what)
        raise


def _classify(e: BaseException, args: argparse.Namespace) -> int:
    """The exit status for an error raised while reading or computing."""
    import wijknet as wn

    from ._ingest import TABLE_EXTENSIONS

    if isinstance(e, (wn.InputError, wn.ColumnNotFoundError)):
        return EXIT_PROBLEMS
    if isinstance(e, (wn.DataFileNotFoundError, OSError, ImportError)):
        return EXIT_UNREADABLE
    if isinstance(e, wn.ArgumentError):
        path = getattr(args, "file", None)
        if path is not None and (
            os.path.isdir(path) or not str(path).lower().endswith(tuple(TABLE_EXTENSIONS))
        ):
            return EXIT_UNREADABLE  # a folder, or a kind of file wijknet does not read
        return EXIT_USAGE
    if isinstance(e, wn.WijknetError):  # a projection too large for the budget, ...
        return EXIT_USAGE
    return EXIT_BUG


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


def _progress(args: argparse.Namespace) -> bool | None:
    """Progress bars on stderr for long steps, only when stderr is a terminal."""
    return None if _stderr_is_terminal() else False


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _step(args: argparse.Namespace, text: str) -> None:
    if _stderr_is_terminal():
        print(f"wijknet: {text} …", file=sys.stderr, flush=True)


def _compute(net: Network, args: argparse.Namespace, source: str, intro: list[str]) -> Report:
    import wijknet as wn

    lang = args.lang
    s = net.summary()
    unit = wn.Projection(unit=args.unit).unit_for(net)
    max_size = args.max_activity_size
    dated = s["first_date"] is not None
    progress = _progress(args)

    _step(args, "finding who met whom")
    g = net.project(weight="count", unit=unit, max_activity_size=max_size, progress=progress)
    deg = wn.degree(g)
    n = len(deg)
    comp = wn.connected_components(g)
    ties = g.number_of_edges()
    strong = int((g.to_scipy().data >= args.strong).sum()) // 2  # each tie is stored twice
    connected = int((deg > 0).sum())
    largest = int((comp == 0).sum()) if n else 0
    pairs = n * (n - 1) // 2

    _step(args, "measuring what each activity contributes")
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


def _json_value(v: Any) -> Any:
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if hasattr(v, "item"):
        return v.item()
    return str(v)


def _wrap(text: str, indent: str, first: str | None = None, width: int = 88) -> str:
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


def _render_text(r: Report, args: argparse.Namespace) -> str:
    lang = args.lang
    out = io.StringIO()
    w = out.write
    title = say("title", lang)
    w(title + "\n" + "=" * len(title) + "\n")
    for line in r.intro:
        w(_wrap(line, "") + "\n")
    w("\n" + say("reading_demo" if args.command == "demo" else "reading", lang) + "\n")
    if r.notes:
        for note in r.notes:
            w(_wrap(note, "    ", "  - ") + "\n")
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
                w(_wrap(say("period_x", lang), "    ") + "\n")
                continue
            else:
                line = f"{f.label:<{width}}{_value_text(f, lang):>12}"
                if f.whole is not None:
                    line += f"   {_texts.share(int(f.value), f.whole, lang)} {f.of}".rstrip()
                w(line + "\n")
            w(_wrap(f.explanation, "    ") + "\n")

    w("\n" + say("register", lang) + "\n")
    block(r.register)
    w("\n" + say("meetings", lang) + "\n")
    for line in r.meetings_intro:
        w(_wrap(line, "") + "\n")
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
    names = [_short_name(str(a)) for a in table.index]
    cells = [[_texts.integer(int(v), lang) for v in row] for row in table[cols].itertuples(index=False)]
    name_w = max([len(heads[0]), *map(len, names)])
    col_w = [max([len(heads[i + 1]), *(len(c[i]) for c in cells)]) for i in range(len(cols))]
    w(f"{heads[0]:<{name_w}}" + "".join(f"  {h:>{col_w[i]}}" for i, h in enumerate(heads[1:])) + "\n")
    for name, row in zip(names, cells, strict=True):
        w(f"{name:<{name_w}}" + "".join(f"  {c:>{col_w[i]}}" for i, c in enumerate(row)) + "\n")
    w("\n")
    for c in cols:
        w(_wrap(f"{say(f'col_{c}', lang)}: {say(f'col_{c}_x', lang)}", "  ") + "\n")
    return out.getvalue()


def _short_name(name: str, width: int = 60) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def _activity_records(r: Report, args: argparse.Namespace, fmt: str) -> list[dict]:
    top = _top(args, fmt)
    table = r.activities if top is None else r.activities.head(top)
    return [
        {
            "activity": _json_value(a),
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
        "value": _json_value(f.value),
        "share": (f.value / f.whole if f.whole else None) if f.whole is not None else None,
        "label": f.label,
        "explanation": f.explanation,
    }


def _render_json(r: Report, args: argparse.Namespace) -> str:
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


def _render_csv(r: Report, args: argparse.Namespace) -> str:
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


def _problem_records(err: BaseException) -> list[dict]:
    table = err.problems  # type: ignore[attr-defined]
    records = []
    for row in table.itertuples(index=False):
        records.append(
            {
                "kind": row.kind,
                "column": _json_value(row.column),
                "count": int(row.count),
                "rows": [int(x) for x in row.rows],
                "examples": [_json_value(x) for x in row.examples],
                "message": row.message,
                "fix": row.fix,
            }
        )
    return records


def _render_problems_text(records: list[dict], source: str, lang: str) -> str:
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
            head += f": {_texts.integer(counted, lang)} {say('check_rows', lang)}"
        w("\n" + head + "\n" + "-" * len(head) + "\n")
        for rec in items:
            number += 1
            w(_wrap(rec["message"], "    ", f"{number:>2}. ") + "\n")
            if rec["rows"]:
                rows = ", ".join(_texts.integer(r + 1, lang) for r in rec["rows"])
                if rec["count"] > len(rec["rows"]):
                    rows += ", …"
                w(_wrap(say("check_first_rows", lang, rows=rows), "    ") + "\n")
            if rec["examples"]:
                shown = ", ".join(repr(x) if isinstance(x, str) else str(x) for x in rec["examples"])
                w(_wrap(say("check_examples", lang, examples=shown), "    ") + "\n")
            if rec["fix"]:
                w(_wrap(say("check_fix", lang, fix=rec["fix"]), "    ") + "\n")
    return out.getvalue()


def _check(args: argparse.Namespace, caught: list) -> tuple[int, str]:
    import wijknet as wn

    lang, fmt = args.lang, args.format
    try:
        net = _read(args)
    except (wn.InputError, wn.ColumnNotFoundError) as err:
        notes = _notes(caught)
        if fmt == "csv":
            _notes_to_stderr(notes)
        records = _problem_records(err)
        if fmt == "json":
            doc = {"source": args.file, "ok": False, "problems": records, "summary": None, "notes": notes}
            return EXIT_PROBLEMS, json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
        if fmt == "csv":
            return EXIT_PROBLEMS, _problems_csv(records)
        return EXIT_PROBLEMS, _render_problems_text(records, args.file, lang) + _notes_text(notes, lang)
    notes = _notes(caught)
    if fmt == "csv":
        _notes_to_stderr(notes)
    s = net.summary()
    counts = {
        k: int(s[k])
        for k in ("input_rows", "residents", "activities", "sessions", "attendances", "duplicates_found")
    }
    if fmt == "json":
        doc = {"source": args.file, "ok": True, "problems": [], "summary": counts, "notes": notes}
        return EXIT_OK, json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return EXIT_OK, _problems_csv([])
    text = say(
        "check_ok",
        lang,
        rows=_texts.integer(counts["input_rows"], lang),
        residents=_texts.integer(counts["residents"], lang),
        activities=_texts.integer(counts["activities"], lang),
        sessions=_texts.integer(counts["sessions"], lang),
    )
    if counts["duplicates_found"] and args.duplicates != "drop":
        text += " " + say("check_repeated", lang, n=_texts.integer(counts["duplicates_found"], lang))
    return EXIT_OK, _wrap(text, "") + "\n" + _notes_text(notes, lang)


def _problems_csv(records: list[dict]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = ["kind", "column", "count", "rows", "examples", "message", "fix"]
    writer.writerow(columns)
    for rec in records:
        writer.writerow(
            [
                rec["kind"],
                rec["column"],
                rec["count"],
                " ".join(str(r) for r in rec["rows"]),
                " | ".join(str(x) for x in rec["examples"]),
                rec["message"],
                rec["fix"],
            ]
        )
    return out.getvalue()


def _notes_text(notes: list[str], lang: str) -> str:
    if not notes:
        return ""
    lines = ["", say("reading", lang)]
    lines += [_wrap(n, "    ", "  - ") for n in notes]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def _notes(caught: list[warnings.WarningMessage]) -> list[str]:
    """What reading changed, from the warnings raised on the way (each once, in order);
    warnings about code rather than data (deprecations) are shown on stderr as usual."""
    notes: list[str] = []
    for w in caught:
        if issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning, FutureWarning)):
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
            continue
        text = str(w.message)
        if text not in notes:
            notes.append(text)
    return notes


def _run(args: argparse.Namespace, caught: list) -> tuple[int, str]:
    """Runs the command; returns the exit status and what goes to stdout."""
    import wijknet as wn

    if args.command == "check":
        return _check(args, caught)
    if args.command == "demo":
        net = wn.datasets.badhuis(residents=args.residents, seed=args.seed)
        present = int(net.summary()["residents"])
        asked = args.residents
        values = {
            "seed": args.seed,
            "asked": _texts.integer(asked, args.lang),
            "present": _texts.integer(present, args.lang),
            "absent": _texts.integer(asked - present, args.lang),
        }
        intro = [say("source_demo" if present < asked else "source_demo_all", args.lang, **values)]
        source = f"badhuis(residents={asked}, seed={args.seed})"
    else:
        net = _read(args)
        intro = [say("source_file", args.lang, source=args.file)]
        source = args.file
    report = _compute(net, args, source, intro)
    report.notes = _notes(caught)
    if args.format == "json":
        return EXIT_OK, _render_json(report, args)
    if args.format == "csv":
        _notes_to_stderr(report.notes)
        return EXIT_OK, _render_csv(report, args)
    return EXIT_OK, _render_text(report, args)


def _notes_to_stderr(notes: list[str]) -> None:
    for note in notes:
        print(f"wijknet: note: {note}", file=sys.stderr)


def _emit(text: str) -> None:
    """Writes the output; a reader that stops early (``| head``) ends it quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # Python flushes stdout again at exit
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wijknet`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "weight", None) is not None:
        parser.error(
            "--weight was removed: no figure of the report depends on the tie weight (who met whom "
            "is the same under every weight); the pairs who met often are counted with --strong N"
        )
    import wijknet as wn

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            status, text = _run(args, caught)
    except _Stop as e:
        print(f"wijknet: {e}", file=sys.stderr)
        return e.status
    except KeyboardInterrupt:
        print("wijknet: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:  # noqa: BLE001 - every error ends in a message and a documented status
        status = _classify(e, args)
        if status == EXIT_BUG:
            import traceback

            traceback.print_exc()
            print(f"wijknet: unexpected error (a bug in wijknet; please report it): {e!r}", file=sys.stderr)
            return status
        message = str(e)
        if isinstance(e, wn.WijknetError) and status == EXIT_PROBLEMS and "\n" in message:
            message += "\n" + say("summary_problems_hint", args.lang)
        elif status == EXIT_PROBLEMS:
            message += " " + say("summary_problems_hint", args.lang)
        print(f"wijknet: {message}", file=sys.stderr)
        return status
    _emit(text)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
