"""The ``wijknet`` command: ``demo``, ``summary FILE`` and ``check FILE``.

``wijknet demo`` runs the main job on the bundled synthetic register: build the network,
project it, and report who met whom. ``wijknet summary FILE`` does the same for your own
attendance register; ``wijknet check FILE`` reads it with the same options and lists every
problem found, each with its rows and one fix. Output is plain English or Dutch text
(``--lang``), or CSV/JSON for pipelines (``--format``). This module holds the arguments, the
reading and the exit statuses; the figures and their output are in ``_cli_report``, the wording
in ``_texts``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _cli_report as _report
from . import _texts
from ._texts import say

if TYPE_CHECKING:
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
    "--clean-ids": "clean_ids",
    "--marks": "marks",
    "--absent": "absent",
}

#: ``--clean-ids`` values and the ``clean_ids=`` they stand for.
_CLEAN_IDS: dict[str, Any] = {"spaces": True, "case": "case", "off": False}

#: Options for sign-in sheets only.
_SIGNIN_ONLY = ("marks", "absent")


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


def _marks(text: str) -> list[str]:
    marks = [m.strip() for m in text.split(",") if m.strip()]
    if not marks:
        raise argparse.ArgumentTypeError(f"expected marks separated by commas, e.g. +,ok; got {text!r}")
    return marks


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
        help="the sheet of a spreadsheet to read, by name (default: the first sheet; with --layout "
        "signin: every sheet, each one activity named after its sheet)",
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
    g.add_argument(
        "--clean-ids",
        choices=tuple(_CLEAN_IDS),
        default=None,
        help="how names and ids are tidied: spaces removes stray spaces, so 'Eve ' and 'Eve' are "
        "one person; case also merges names that differ only in capitals; off keeps them exactly "
        "as written. Every change is listed under 'Reading the file' (default: spaces)",
    )
    g.add_argument(
        "--marks",
        type=_marks,
        default=None,
        metavar="MARK,...",
        help="with --layout signin: marks of your own that mean present, separated by commas, "
        "e.g. --marks +,ok (default: x, 1, ✓, v, ja, yes, aanwezig, a time such as 19:30, ...)",
    )
    g.add_argument(
        "--absent",
        type=_marks,
        default=None,
        metavar="MARK,...",
        help="with --layout signin: marks of your own that mean absent, separated by commas, "
        "e.g. --absent ziek,afgemeld (default: an empty cell, 0, -, nee, no, afwezig, ...)",
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
    rep = sub.add_parser(
        "report",
        help="write the evaluation report of your register (HTML, Markdown or Word)",
        description="The evaluation report of your register: every indicator the data allow, by "
        "outcome (connectedness, supportive network, empowerment, bonding/bridging/linking, "
        "inclusiveness, activities, change, survey), each with its interval, a reading aid and "
        "the wijknet call that reproduces it; with figures, a methods paragraph and small groups "
        "suppressed.",
        epilog=_EPILOG,
        formatter_class=_Formatter,
    )
    _read_options(summ)
    _read_options(check)
    _read_options(rep)
    for p in (demo, summ):
        _figure_options(p)
    for p in (demo, summ, check):
        _output_options(p, lang)
    _report_options(rep, lang)
    demo.add_argument(
        "--out",
        default=None,
        metavar="PATH",
        help="also write the evaluation report of the made-up register, with its synthetic survey, "
        "to PATH (.html, .md or .docx) (default: none)",
    )
    return parser


def _report_options(p: argparse.ArgumentParser, lang: str) -> None:
    g = p.add_argument_group("the report")
    g.add_argument(
        "--survey",
        metavar="FILE",
        default=None,
        help="the resident survey: one row per respondent, a column with the register's resident "
        "ids (named as --resident) and one column per statement (default: none)",
    )
    g.add_argument(
        "--attributes",
        metavar="FILE",
        default=None,
        help="resident characteristics: a column with the resident ids (named as --resident) and "
        "one column per characteristic (neighbourhood, age group, ...); the first defines the "
        "groups for bonding and bridging (default: none)",
    )
    g.add_argument(
        "--ties",
        metavar="FILE",
        default=None,
        help="support ties from a survey ('whom would you ask for help?'): two columns, the person "
        "who answered and the person named (default: none)",
    )
    g.add_argument(
        "--lang",
        choices=_texts.LANGUAGES,
        default=lang,
        help=f"language of the report: nl or en (default: nl when the environment's language "
        f"starts with nl, else en; here: {lang})",
    )
    g.add_argument(
        "--format",
        choices=("html", "md", "docx"),
        default=None,
        help="html (one self-contained page), md (Markdown) or docx (Word) (default: from the "
        "suffix of --out, else html)",
    )
    g.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="where to write the report; the suffix picks the format (default: none, this option is required)",
    )
    g.add_argument(
        "--min-cell",
        dest="min_cell",
        type=_positive,
        default=10,
        metavar="N",
        help="smallest group shown; smaller groups are suppressed (default: 10)",
    )
    g.add_argument(
        "--seed",
        type=_count,
        default=0,
        metavar="N",
        help="seed of the bootstrap intervals and permutation tests (default: 0)",
    )


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
        if value is None:
            continue
        if keyword == "header":
            value -= 1  # the reader counts from 0
        elif keyword == "clean_ids":
            value = _CLEAN_IDS[value]
        elif keyword in _SIGNIN_ONLY and args.layout != "signin":
            raise _Stop(EXIT_USAGE, f"{_flag(keyword)} is for sign-in sheets: add --layout signin")
        kwargs[keyword] = value
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

    from . import _files

    if isinstance(e, (wn.InputError, wn.ColumnNotFoundError)):
        return EXIT_PROBLEMS
    if isinstance(e, (wn.DataFileNotFoundError, OSError, ImportError)):
        return EXIT_UNREADABLE
    if isinstance(e, wn.ArgumentError):
        path = getattr(args, "file", None)
        if path is not None and (
            os.path.isdir(path)
            or not str(path).lower().endswith(tuple(getattr(_files, "TABLE_EXTENSIONS", ())))
        ):
            return EXIT_UNREADABLE  # a folder, or a kind of file wijknet does not read
        return EXIT_USAGE
    if isinstance(e, wn.WijknetError):  # a projection too large for the budget, ...
        return EXIT_USAGE
    return EXIT_BUG


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


def _check(args: argparse.Namespace, caught: list) -> tuple[int, str]:
    import wijknet as wn

    lang, fmt = args.lang, args.format
    try:
        net = _read(args)
    except (wn.InputError, wn.ColumnNotFoundError) as err:
        notes = _notes(caught)
        if fmt == "csv":
            _notes_to_stderr(notes)
        records = _report.problem_records(err)
        if fmt == "json":
            doc = {"source": args.file, "ok": False, "problems": records, "summary": None, "notes": notes}
            return EXIT_PROBLEMS, json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
        if fmt == "csv":
            return EXIT_PROBLEMS, _report.problems_csv(records)
        return EXIT_PROBLEMS, _report.render_problems_text(records, args.file, lang) + _report.notes_text(
            notes, lang
        )
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
        return EXIT_OK, _report.problems_csv([])
    rows = _texts.counted(counts["input_rows"], "row", lang)
    if counts["duplicates_found"] and args.duplicates != "drop":
        rows += " " + say("check_repeated", lang, n=_texts.integer(counts["duplicates_found"], lang))
    parts = [rows] + [
        _texts.counted(counts[key], word, lang)
        for key, word in (("residents", "resident"), ("activities", "activity"), ("sessions", "session"))
    ]
    text = say("check_ok", lang, counts=", ".join(parts))
    return EXIT_OK, _report.wrap(text, "") + "\n" + _report.notes_text(notes, lang)


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
    if args.command == "report":
        return _write_report(args, _read(args), caught)
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
    report = _report.compute(
        net, args, source, intro, progress=_progress(args), step=lambda text: _step(args, text)
    )
    report.notes = _notes(caught)
    if args.command == "demo" and args.out is not None:
        _demo_report(args)
    if args.format == "json":
        return EXIT_OK, _report.render_json(report, args)
    if args.format == "csv":
        _notes_to_stderr(report.notes)
        return EXIT_OK, _report.render_csv(report, args)
    return EXIT_OK, _report.render_text(report, args)


def _report_format(args: argparse.Namespace) -> str:
    if getattr(args, "format", None) in ("html", "md", "docx"):
        return str(args.format)
    suffix = Path(args.out).suffix.lower().lstrip(".")
    return {"markdown": "md", "htm": "html", "doc": "docx"}.get(
        suffix, suffix if suffix in ("html", "md", "docx") else "html"
    )


def _save_report(report: Any, args: argparse.Namespace) -> None:
    fmt = _report_format(args)
    _step(args, f"writing {args.out}")
    if fmt == "docx":
        report.to_docx(args.out, lang=args.lang)
    elif fmt == "md":
        Path(args.out).write_text(report.to_markdown(lang=args.lang), encoding="utf-8")
    else:
        report.to_html(args.out, lang=args.lang)


def _demo_report(args: argparse.Namespace) -> None:
    import wijknet as wn

    net = wn.datasets.badhuis(residents=args.residents, seed=args.seed, survey=True)
    _step(args, "computing the evaluation report")
    report = wn.evaluate(
        net,
        survey=wn.datasets.survey_table(net),
        attributes="neighbourhood",
        lang=args.lang,
        seed=args.seed,
        progress=_progress(args),
    )
    _save_report(report, args)
    done = "rapport geschreven naar" if args.lang == "nl" else "report written to"
    print(f"wijknet: {done} {args.out}", file=sys.stderr)


def _write_report(args: argparse.Namespace, net: Any, caught: list) -> tuple[int, str]:
    import pandas as pd

    import wijknet as wn

    key = args.resident
    survey = attributes = None
    if args.survey:
        survey = _side_table(args.survey, key, "--survey")
    if args.attributes:
        attributes = _side_table(args.attributes, key, "--attributes")
    if args.ties:
        ties = _side_table(args.ties, None, "--ties")
        if ties.shape[1] < 2:
            raise _Stop(
                EXIT_USAGE, f"--ties {args.ties}: expected two columns (who answered, whom they named)"
            )
        ties = ties.iloc[:, :2].set_axis(["source", "target"], axis=1)
        respondents = survey["resident"] if survey is not None else pd.unique(ties["source"])
        net = net.with_ties(ties, layer="support", respondents=respondents)
    _step(args, "computing the evaluation report")
    report = wn.evaluate(
        net,
        survey=survey,
        attributes=attributes,
        lang=args.lang,
        min_cell=args.min_cell,
        seed=args.seed,
        progress=_progress(args),
    )
    _save_report(report, args)
    notes = _notes(caught)
    _notes_to_stderr(notes)
    done = "rapport geschreven naar" if args.lang == "nl" else "report written to"
    return EXIT_OK, f"{done} {args.out}\n"


def _side_table(path: str, key: str | None, option: str) -> Any:
    """A survey, attribute or tie table, read like the register; its id column renamed to
    ``resident``."""
    from wijknet import ColumnNotFoundError, _files

    try:
        table = _files.read_table(path, ids=[key] if key else None)
    except ColumnNotFoundError:
        table = _files.read_table(path)
    if key is None:
        return table
    if key not in table.columns:
        have = ", ".join(repr(str(c)) for c in table.columns)
        raise _Stop(
            EXIT_USAGE,
            f"{option} {path}: no column {key!r} with the resident ids (it has {have}); name the id "
            "column as in the register, or give its name with --resident",
        )
    return table.rename(columns={key: "resident"})


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
        if status == EXIT_PROBLEMS and args.command != "check" and e.__dict__.get("_problems"):
            # problems found in the table's values: check lists them with rows and fixes
            message += ("\n" if "\n" in message else " ") + say("summary_problems_hint", args.lang)
        if isinstance(e, MemoryError):  # the projection would be too large: the options here
            message += " " + say("budget_hint", args.lang)
        print(f"wijknet: {message}", file=sys.stderr)
        return status
    _emit(text)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
