"""The evaluation report: from the register (and a survey) to evidence by outcome, in Dutch or
English, with pictures — ready to hand over.

:func:`evaluate` computes the indicators of the theory of change — verbondenheid → steunend
netwerk → empowerment, then bonding/bridging/linking, inclusiveness, the activities and change
over time, and the survey beside the register when one is given — and returns a
:class:`Report`. Each indicator has a stable code, a name and definition in both languages, its
value with an interval (or its value expected by chance) and n, a one-line reading aid and the
wijknet call that reproduces it. What the data cannot show is left out with a note saying what
would enable it; nothing is imputed.

Privacy by default: groups of fewer than ``min_cell`` people are suppressed (and a second group
where the first could be worked out from a total), tables never list residents, drawings carry
no names, and activities marked sensitive are only counted together.

Examples
--------
>>> import wijknet as wn
>>> net = wn.datasets.badhuis(300, seed=1)
>>> report = wn.evaluate(net, attributes="neighbourhood", seed=1, n=200)
>>> report
<Report: 44 indicators in 7 sections, 13 left out (nl)>
>>> row = report.to_frame().set_index("code").loc["repeated_contact_2"]
>>> round(float(row["value"]), 3), int(row["n"])
(0.543, 300)
"""

from __future__ import annotations

import datetime
import html
import io
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, overload

import pandas as pd

from . import _args, _evaluate, _frames, _progress, _texts
from . import _report_texts as T
from ._errors import ArgumentError
from ._results import Result
from .network import Network

if TYPE_CHECKING:  # pragma: no cover
    import polars
    import pyarrow

__all__ = ["evaluate", "Report"]


def evaluate(
    net: Network,
    *,
    survey: Any = None,
    attributes: Any = None,
    before: tuple | None = None,
    after: tuple | None = None,
    lang: str = "nl",
    min_cell: int = 10,
    seed: int | None = None,
    n: int = 1000,
    big_event: int = 50,
    support: str = "support",
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> Report:
    """The evaluation report of a register: every indicator the data allow, by outcome.

    Parameters
    ----------
    net
        The register (a :class:`~wijknet.Network`, with dates and roles where you have them; a
        survey's support ties as a tie layer named ``support``).
    survey
        The resident survey: a table with a ``resident`` column (the register's ids) and one
        column per statement (5-point answers, see :mod:`wijknet.survey`); None leaves the
        survey section out.
    attributes
        The resident characteristics that define groups (bonding/bridging, mixing): a column
        name or a list of names of the network's resident attributes, or a table with a
        ``resident`` column whose other columns are joined as attributes. The first is used for
        bonding, bridging and organisers' brokerage. None leaves those out.
    before, after
        Two periods ``(start, end)`` to compare (dates as text or timestamps); both or neither.
    lang
        ``"nl"`` (default) or ``"en"``: the language of names, definitions and texts.
    min_cell
        The smallest group shown (privacy; default 10).
    seed
        Seed of every random step (bootstrap intervals, null models, QAP); None draws one and
        records it (``report.seed``).
    n
        Bootstrap replicates for intervals and permutations for QAP (null-model comparisons
        use at most 200 random registers).
    big_event
        Sessions with at least this many participants (festivals, receptions) are set apart:
        being there together does not count as meeting (see
        :func:`wijknet.indicators.big_sessions`; default 50).
    support
        The name of the survey tie layer with support ties ("whom would you ask for help?").
    threads
        Threads to use (None: :func:`wijknet.set_num_threads`); results do not depend on it.
    progress
        None (a bar by section when the report takes more than a second), True, False, or a
        callable(done, total) called after each of the report's sections.

    Returns
    -------
    Report
        Show it in a notebook, or write it with :meth:`Report.to_html`,
        :meth:`Report.to_docx` or :meth:`Report.to_markdown`; :meth:`Report.to_frame` gives
        the indicators as a tidy table.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.badhuis(300, seed=1, survey=True)
    >>> survey = wn.datasets.survey_table(net)
    >>> report = wn.evaluate(net, survey=survey, attributes="neighbourhood", lang="en", seed=1, n=200)
    >>> report.to_frame().set_index("code").loc["nobody_to_ask", "indicator"]
    'Nobody to ask for help'
    """
    fn = "evaluate"
    net = _args.network(net, fn)
    lang = _args.choice(lang, "lang", fn, _texts.LANGUAGES)
    min_cell = _args.whole(min_cell, "min_cell", fn, minimum=1)
    n = _args.whole(n, "n", fn, minimum=0)
    big_event = _args.whole(big_event, "big_event", fn, minimum=2)
    seed_value = _args.resolve_seed(seed, fn)
    if (before is None) != (after is None):
        raise ArgumentError(
            "evaluate(): give both before= and after= (two periods as (start, end)), or neither"
        )
    net, names = _attributes(net, attributes, fn)
    table = _survey(survey, fn)
    context = _evaluate.Context(
        net,
        survey=table,
        attributes=names,
        before=before,
        after=after,
        lang=lang,
        min_cell=min_cell,
        seed=seed_value,
        n=n,
        big_event=big_event,
        support=support,
        progress=False,  # one bar for the whole report (below), by section
        threads=_args.threads(threads, fn),
    )
    bar = _progress.callback(progress, "evaluate")
    steps = _evaluate.SECTION_FUNCTIONS
    try:
        for i, section in enumerate(steps):
            if bar is not None:
                bar(i, len(steps))
            section(context)
        if bar is not None:
            bar(len(steps), len(steps))
    finally:
        _progress.close(bar)
    return Report(
        context,
        call=_call(names, survey is not None, before, after, lang, min_cell, seed_value, n, big_event),
    )


def _attributes(net: Network, attributes: Any, fn: str) -> tuple[Network, list[str]]:
    if attributes is None:
        return net, []
    if isinstance(attributes, str):
        names = [attributes]
    elif isinstance(attributes, pd.DataFrame):
        if "resident" not in attributes.columns:
            raise ArgumentError(
                "evaluate(): attributes= is a table without a 'resident' column; name the column "
                "with the register's resident ids 'resident'"
            )
        net = net.with_resident_attributes(attributes, on="resident")
        names = [c for c in attributes.columns if c != "resident"]
    elif isinstance(attributes, Sequence):
        names = [str(a) for a in attributes]
    else:
        raise _args.error(fn, "attributes", attributes, "give a column name, a list of names, or a table")
    have = net.resident_attributes().columns
    missing = [a for a in names if a not in have]
    if missing:
        from ._errors import ColumnNotFoundError

        raise ColumnNotFoundError(
            f"evaluate(): the network has no resident attribute {', '.join(map(repr, missing))}; it has "
            f"{', '.join(map(repr, have)) or 'none'}. Add them with net.with_resident_attributes(table) "
            "or pass the table as attributes="
        )
    return net, names


def _survey(survey: Any, fn: str) -> pd.DataFrame | None:
    if survey is None:
        return None
    if not isinstance(survey, pd.DataFrame):
        try:
            survey = pd.DataFrame(survey)
        except Exception as e:
            raise _args.error(fn, "survey", survey, "give a table with a 'resident' column") from e
    if "resident" not in survey.columns:
        raise ArgumentError(
            "evaluate(): the survey has no 'resident' column; rename the column with the "
            "register's resident ids to 'resident'"
        )
    return survey


def _call(
    names: list[str],
    has_survey: bool,
    before: Any,
    after: Any,
    lang: str,
    min_cell: int,
    seed: int,
    n: int,
    big_event: int,
) -> str:
    parts = ["net"]
    if has_survey:
        parts.append("survey=survey")
    if names:
        parts.append(f"attributes={names[0]!r}" if len(names) == 1 else f"attributes={names!r}")
    if before is not None:
        parts += [f"before={before!r}", f"after={after!r}"]
    parts += [f"lang={lang!r}", f"min_cell={min_cell}", f"seed={seed}", f"n={n}"]
    if big_event != 50:
        parts.append(f"big_event={big_event}")
    return "wn.evaluate(" + ", ".join(parts) + ")"


# ---- the report -------------------------------------------------------------------------------


#: The columns of :meth:`Report.to_frame`, in order.
FRAME_COLUMNS = [
    "section",
    "code",
    "indicator",
    "group",
    "value",
    "ci_low",
    "ci_high",
    "n",
    "expected",
    "p",
    "definition",
    "reading",
    "call",
    "note",
]


class Report(Result):
    """The evaluation report (see :func:`evaluate`): indicators by section, tables, figures and
    notes on what was left out.

    Attributes
    ----------
    lang
        The report's language (``"nl"`` or ``"en"``); every output method takes ``lang=`` too.
    seed
        The seed of its random steps.
    call
        The :func:`evaluate` call that made it.

    Examples
    --------
    >>> import wijknet as wn
    >>> r = wn.evaluate(wn.datasets.badhuis(200, seed=1), seed=1, n=50, lang="en")
    >>> r.to_frame().loc[0, ["section", "code", "indicator"]].tolist()
    ['verbondenheid', 'residents', 'Residents in the register']
    """

    #: What a saved report keeps (see :meth:`save`): the options it was made with, its
    #: indicators, tables, the data of its figures, what it left out and the register's facts.
    _SAVED = (
        "lang",
        "seed",
        "min_cell",
        "n",
        "big_event",
        "call",
        "_rows",
        "_tables",
        "_figures",
        "_omitted",
        "_facts",
    )

    def __init__(self, context: _evaluate.Context, *, call: str) -> None:
        self.lang = context.lang
        self.seed = context.seed
        self.min_cell = context.min_cell
        self.n = context.n
        self.big_event = context.big_event
        self.call = call
        self._rows = _suppress(context.rows, context.min_cell)
        self._tables = [
            _evaluate.Table(t.section, t.title, _suppress_table(t.frame, context.min_cell), t.note)
            for t in context.tables
        ]
        self._figures = context.figures
        self._omitted = context.omitted
        self._facts = _facts(context)
        self._svg: dict[tuple[int, str], str] = {}

    # ---- tidy table ---------------------------------------------------------------------------
    @overload
    def to_frame(self, *, lang: str | None = None, backend: Literal["pandas"] = "pandas") -> pd.DataFrame: ...
    @overload
    def to_frame(self, *, lang: str | None = None, backend: Literal["polars"]) -> polars.DataFrame: ...
    @overload
    def to_frame(self, *, lang: str | None = None, backend: Literal["pyarrow"]) -> pyarrow.Table: ...
    def to_frame(self, *, lang: str | None = None, backend: _frames.Backend = "pandas") -> Any:
        """The indicators as a tidy table: ``section, code, indicator, group, value, ci_low,
        ci_high, n, expected, p, definition, reading, call, note`` (one row per value;
        suppressed values are NaN with a note).

        Parameters
        ----------
        lang
            ``"nl"`` or ``"en"``: the language of the texts (None: the report's own).
        backend
            ``"pandas"`` (the default), ``"polars"`` or ``"pyarrow"``: the table library. The
            table has pandas' default index, so the columns are the same in each; NaN becomes a
            null in polars and pyarrow.

        Returns
        -------
        pandas.DataFrame, polars.DataFrame or pyarrow.Table
            The type follows ``backend`` and nothing else.

        Examples
        --------
        >>> import wijknet as wn
        >>> r = wn.evaluate(wn.datasets.badhuis(300, seed=1), seed=1, n=100)
        >>> r.to_frame().columns.tolist()[:8]
        ['section', 'code', 'indicator', 'group', 'value', 'ci_low', 'ci_high', 'n']
        >>> r.to_frame(backend="pyarrow").num_rows == len(r.to_frame())
        True
        """
        return _frames.convert(self._frame(lang=lang), backend, "Report.to_frame")

    def _frame(self, *, lang: str | None = None) -> pd.DataFrame:
        lang = self._lang(lang)
        records = []
        for section, row in self._rows:
            spec = T.SPECS[row.code]
            records.append(
                {
                    "section": section,
                    "code": row.code,
                    "indicator": spec.text("name", lang),
                    "group": row.group,
                    "value": float("nan") if row.suppressed else row.value,
                    "ci_low": row.ci[0] if row.ci and not row.suppressed else float("nan"),
                    "ci_high": row.ci[1] if row.ci and not row.suppressed else float("nan"),
                    "n": None if row.suppressed else row.n,
                    "expected": row.null,
                    "p": row.p,
                    "definition": spec.text("definition", lang).format(**row.params),
                    "reading": _reading(row, lang),
                    "call": row.call,
                    "note": _pick(row.note, lang) or None,
                }
            )
        frame = pd.DataFrame.from_records(records, columns=FRAME_COLUMNS)
        frame["n"] = frame["n"].astype("Int64")
        return frame

    def omitted(self, *, lang: str | None = None) -> pd.DataFrame:
        """What was left out and what would enable it: ``section, codes, why``.

        Examples
        --------
        >>> import wijknet as wn
        >>> r = wn.evaluate(wn.datasets.badhuis(300, seed=1), seed=1, n=100, lang="en")
        >>> r.omitted().set_index("section").loc["enquete", "why"][:28]
        'Give the resident survey (su'
        """
        lang = self._lang(lang)
        return pd.DataFrame(
            [
                {"section": o.section, "codes": ", ".join(o.codes), "why": _pick(o.why, lang)}
                for o in self._omitted
            ],
            columns=["section", "codes", "why"],
        )

    def tables(self) -> dict[str, pd.DataFrame]:
        """The report's tables (already safe to publish), by title in the report's language."""
        return {_pick(t.title, self.lang): t.frame for t in self._tables}

    # ---- reproducing --------------------------------------------------------------------------
    def preamble(self) -> str:
        """The lines that define ``proj`` and ``g``, which the printed calls use."""
        return _evaluate.PREAMBLE.format(big_event=self.big_event, small=self.big_event - 1)

    # ---- texts ---------------------------------------------------------------------------------
    def methods_text(self, *, lang: str | None = None) -> str:
        """A methods paragraph for the evaluation report: the data, the projection choices,
        each measure with its reference, the null models, the intervals and the privacy
        rules, in Dutch or English.

        Examples
        --------
        >>> import wijknet as wn
        >>> r = wn.evaluate(wn.datasets.badhuis(300, seed=1), seed=1, n=100, lang="en")
        >>> r.methods_text().split(".")[0]
        'The register holds 300 residents, 26 activities and 772 sessions (3,749 attendances, 2025-01-01 to 2025-12-31)'
        """
        return _methods(self, self._lang(lang))

    # ---- outputs ------------------------------------------------------------------------------
    def to_markdown(self, *, lang: str | None = None) -> str:
        """The report as Markdown (tables and texts; the figures are in the HTML and Word
        versions).

        Examples
        --------
        >>> import wijknet as wn
        >>> r = wn.evaluate(wn.datasets.badhuis(300, seed=1), seed=1, n=100, lang="en")
        >>> r.to_markdown().splitlines()[0]
        '# Evaluation report: network evidence by outcome'
        """
        return _markdown(self, self._lang(lang))

    def to_html(self, path: str | Path | None = None, *, lang: str | None = None) -> str:
        """The report as one self-contained HTML page (figures as inline SVG, no external
        resources; printing it from a browser gives a clean PDF). Writes it to ``path`` when
        given, and returns the page.

        Examples
        --------
        >>> import wijknet as wn
        >>> r = wn.evaluate(wn.datasets.badhuis(300, seed=1), seed=1, n=100)
        >>> page = r.to_html()
        >>> page.startswith("<!DOCTYPE html>"), "<svg" in page, "https://" in page
        (True, True, False)
        """
        page = _html(self, self._lang(lang), standalone=True)
        if path is not None:
            Path(path).write_text(page, encoding="utf-8")
        return page

    def to_docx(self, path: str | Path | IO[bytes], *, lang: str | None = None) -> None:
        """The report as a Word document at ``path`` (a file name or a binary file object;
        needs python-docx: ``pip install "wijknet[docx]"``).

        Examples
        --------
        >>> import wijknet as wn, tempfile, os
        >>> r = wn.evaluate(wn.datasets.badhuis(300, seed=1), seed=1, n=100)
        >>> with tempfile.TemporaryDirectory() as d:
        ...     r.to_docx(os.path.join(d, "rapport.docx"))
        ...     os.path.getsize(os.path.join(d, "rapport.docx")) > 10_000
        True
        """
        _docx(self, path, self._lang(lang))

    def save(self, path: str | os.PathLike) -> None:
        """Saves the report to a file; :func:`wijknet.load` reads it back, and the loaded report
        gives the same table, texts, figures and pages (``to_frame``, ``to_html``, ``to_docx``)
        without computing anything again.

        The file holds the report's tables (Arrow IPC), its texts and numbers, the networks and
        graphs its figures are drawn from, and the options it was made with (``lang``,
        ``seed``, ``min_cell``, ``n``, ``big_event``, ``call``); nothing is pickled. It is
        wijknet's versioned format with a checksum, written atomically (a crash while saving
        leaves the old file or none, never half a file); name it ``*.wijknet`` by convention.
        Like the network it was made from, the file holds the register's ids: keep it as you
        keep the register.

        Parameters
        ----------
        path
            The file to write (a str or a path); an existing file is replaced.

        Returns
        -------
        None

        Examples
        --------
        >>> import os, tempfile
        >>> import wijknet as wn
        >>> r = wn.evaluate(wn.datasets.badhuis(200, seed=1), seed=1, n=20, lang="en")
        >>> path = os.path.join(tempfile.mkdtemp(), "report.wijknet")
        >>> r.save(path)
        >>> again = wn.load(path)
        >>> type(again).__name__, again.to_frame().equals(r.to_frame())
        ('Report', True)
        """
        from . import _persist

        _persist.save(self, path)

    def _persisted(self) -> dict[str, Any]:
        """What :meth:`save` writes (the fields of ``_SAVED``)."""
        return {k: getattr(self, k) for k in self._SAVED}

    @classmethod
    def _from_persisted(cls, state: dict[str, Any]) -> Report:
        """The report :meth:`save` wrote (``state``: its ``_SAVED`` fields)."""
        missing = [k for k in cls._SAVED if k not in state]
        if missing:
            raise KeyError(f"the report's {', '.join(missing)}")
        r = cls.__new__(cls)
        for k in cls._SAVED:
            setattr(r, k, state[k])
        r._rows = [(section, row) for section, row in r._rows]
        r._svg = {}
        return r

    def _repr_html_(self) -> str:
        return _html(self, self.lang, standalone=False)

    def _line(self) -> str:
        sections = len({s for s, _ in self._rows})
        return (
            f"{len(self._rows)} indicators in {sections} sections, "
            f"{sum(len(o.codes) for o in self._omitted)} left out ({self.lang})"
        )

    def _title(self) -> str:
        return "Report"

    def _lang(self, lang: str | None) -> str:
        if lang is None:
            return self.lang
        return _args.choice(lang, "lang", "Report", _texts.LANGUAGES)

    def _figure_svg(self, i: int, lang: str) -> str:
        key = (i, lang)
        if key not in self._svg:
            self._svg[key] = str(_render(self._figures[i], lang, "svg"))
        return self._svg[key]


# ---- privacy ------------------------------------------------------------------------------------


def _suppress(rows: list[tuple[str, _evaluate.Row]], k: int) -> list[tuple[str, _evaluate.Row]]:
    """Rows describing fewer than ``k`` people are suppressed; where one group of a set is
    suppressed and the set's total is shown, the next smallest group is suppressed too
    (secondary suppression), so the hidden value cannot be worked out."""
    out = []
    for section, row in rows:
        if row.n is not None and row.n < k and row.code not in _NOT_PEOPLE:
            row = _hidden(row, k)
        elif row.code in _PEOPLE_COUNTS and 0 < row.value < k:
            row = _hidden(row, k)
        out.append((section, row))
    by_code: dict[str, list[int]] = {}
    for i, (_, row) in enumerate(out):
        if row.code in _GROUPED:
            by_code.setdefault(row.code, []).append(i)
    for idx in by_code.values():
        hidden = [i for i in idx if out[i][1].suppressed]
        if len(hidden) == 1:
            shown = sorted((i for i in idx if not out[i][1].suppressed), key=lambda i: out[i][1].n or 0)
            if shown:
                s, r = out[shown[0]]
                out[shown[0]] = (s, _hidden(r, k, secondary=True))
    return out


_NOT_PEOPLE = {
    "two_mode_clustering",
    "co_organising_support",
    "support_among_co_organisers",
    "activity_diversity",
}
_PEOPLE_COUNTS = {"new_organisers", "most_isolating_loss"}
_GROUPED = {"bonding_by_group", "ei_index_by_group"}


def _hidden(row: _evaluate.Row, k: int, secondary: bool = False) -> _evaluate.Row:
    import dataclasses

    note = (
        (
            "Not shown, so that a smaller group hidden beside it cannot be worked out.",
            "Niet getoond, zodat een kleinere verborgen groep ernaast niet te herleiden is.",
        )
        if secondary
        else (f"Fewer than {k} people: not shown.", f"Minder dan {k} mensen: niet getoond.")
    )
    return dataclasses.replace(row, suppressed=True, ci=None, note=note)


_PEOPLE_COLUMNS = ("participants", "residents_losing_all_ties", "largest_session", "residents")


def _suppress_table(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """People counts under ``k`` in a table shown as ``< k``."""
    out = frame.copy()
    for col in _PEOPLE_COLUMNS:
        if col in out.columns:
            values = out[col]
            small = values.notna() & (values < k) & (values > 0)
            if small.any():
                out[col] = values.astype(object).where(~small, f"< {k}")
    return out


# ---- text helpers --------------------------------------------------------------------------------


def _pick(pair: tuple[str, str] | None, lang: str) -> str:
    """The Dutch or English text of a pair ("" for none)."""
    if pair is None:
        return ""
    return pair[1] if lang == "nl" else pair[0]


def _fmt(value: float | None, unit: str, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "share":
        text = f"{100 * value:.1f}%"
        if text in ("100.0%", "-0.0%", "0.0%") and value not in (0.0, 1.0):
            text = "< 0.1%" if abs(value) < 0.5 else "> 99.9%"
        if value == 1.0:
            text = "100%"
        if value == 0.0:
            text = "0%"
        return text.replace(".", ",") if lang == "nl" else text
    if unit in ("count", "days"):
        return _texts.integer(round(value), lang)
    if unit == "points":  # a change in a share
        text = f"{100 * value:+.1f} " + ("procentpunt" if lang == "nl" else "pp")
        return text.replace(".", ",") if lang == "nl" else text
    if unit == "index":
        digits = 3 if abs(value) < 0.1 else 2
        if round(value, digits) == 0:
            value = 0.0  # no "-0.000"
        return _texts.decimal(value, lang, digits)
    return _texts.decimal(value, lang, 1)


_CHANGE_UNITS = {
    "share_with_tie": "points",
    "largest_component_share": "points",
    "mean_clustering": "index",
    "density": "index",
    "components": "count",
}


def _unit(row: _evaluate.Row) -> str:
    """How a row's value is written: its indicator's unit, or for a before/after change the
    unit of the measure that changed (a change in a share in percentage points)."""
    if row.code == "change":
        return _CHANGE_UNITS.get(str(row.group), "number")
    return T.SPECS[row.code].unit


def _fmt_p(p: float | None, lang: str) -> str:
    """``p = 0.012`` or ``p < 0.001`` (decimal comma in Dutch)."""
    if p is None or math.isnan(p):
        return "p –"
    text = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    return text.replace(".", ",") if lang == "nl" else text


def _interval(row: _evaluate.Row, unit: str, lang: str) -> str:
    if row.ci is None or row.suppressed:
        return ""
    return f"{_fmt(row.ci[0], unit, lang)} – {_fmt(row.ci[1], unit, lang)}"


def _reading(row: _evaluate.Row, lang: str) -> str:
    spec = T.SPECS[row.code]
    if row.suppressed:
        return _pick(row.note, lang) or ""
    values = {
        "v": _fmt(row.value, _unit(row), lang),
        "lo": _fmt(row.ci[0], _unit(row), lang) if row.ci else "–",
        "hi": _fmt(row.ci[1], _unit(row), lang) if row.ci else "–",
        "n": _texts.integer(row.n, lang) if row.n is not None else "–",
        "null": _fmt(row.null, _unit(row), lang),
        "p": _fmt_p(row.p, lang),
        "group": T.group_label(row.code, row.group, lang),
    }
    return spec.text("reading", lang).format(**values)


def _reading_noted(row: _evaluate.Row, lang: str) -> str:
    """The reading aid followed by the row's note (such as why no interval is shown)."""
    note = _pick(row.note, lang)
    text = _reading(row, lang)
    return f"{text} ({note})" if note and not row.suppressed else text


def _facts(c: _evaluate.Context) -> dict[str, Any]:
    s = c.net.summary()
    frame = {
        "residents": int(s.get("residents", len(c.residents))),
        "activities": int(s.get("activities", 0)),
        "sessions": int(s.get("sessions", 0)),
        "attendances": int(s.get("attendances", 0)),
        "first_date": s.get("first_date"),
        "last_date": s.get("last_date"),
        "events": int(c.events["big_sessions"].sum()) if len(c.events) else 0,
        "regular_ties": c.g.number_of_edges(),
        "survey": c.survey is not None,
        "respondents": int(pd.Index(c.survey["resident"]).isin(c.residents).sum())
        if c.survey is not None
        else 0,
        "support": c.support in c.net.layers,
        "attributes": list(c.attributes),
        "dated": c.dated,
        "roles": c.has_roles,
        "sensitive": len(c.net.sensitive_activities()),
    }
    return frame


def _date(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    try:
        return pd.Timestamp(x).strftime("%Y-%m-%d")
    except Exception:
        return str(x)


# ---- methods -----------------------------------------------------------------------------------

_REFS = [
    ("Burt, R. S. (1992). Structural Holes. Harvard University Press.", "steunend_netwerk"),
    (
        "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement 20, 37–46.",
        "enquete",
    ),
    ("Efron, B. & Tibshirani, R. (1993). An Introduction to the Bootstrap. Chapman & Hall.", None),
    (
        "Kaplan, E. L. & Meier, P. (1958). Nonparametric estimation from incomplete observations. JASA 53, 457–481.",
        "empowerment",
    ),
    (
        "Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression analysis of dyadic data. Social Networks 10, 359–381.",
        "steunend_netwerk",
    ),
    (
        "Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises. Social Psychology Quarterly 51, 123–140.",
        "inclusiviteit",
    ),
    ("Newman, M. E. J. (2003). Mixing patterns in networks. Physical Review E 67, 026126.", "inclusiviteit"),
    (
        "Robins, G. & Alexander, M. (2004). Small worlds among interlocking directors: network structure "
        "and distance in bipartite graphs. Computational & Mathematical Organization Theory 10, 69–94.",
        "verbondenheid",
    ),
    (
        "Putnam, R. D. (2000). Bowling Alone. Simon & Schuster (bonding and bridging); Szreter, S. & Woolcock, M. (2004). Health by association? International Journal of Epidemiology 33, 650–667 (linking).",
        "sociaal_kapitaal",
    ),
    (
        "Strona, G. et al. (2014). A fast and unbiased procedure to randomize ecological binary matrices with fixed row and column totals. Nature Communications 5, 4114.",
        "verbondenheid",
    ),
]


def _methods(r: Report, lang: str) -> str:
    f = r._facts
    nl = lang == "nl"
    i = lambda x: _texts.integer(x, lang)  # noqa: E731
    parts = []
    if nl:
        parts.append(
            f"Het register bevat {i(f['residents'])} bewoners, {i(f['activities'])} activiteiten en "
            f"{i(f['sessions'])} bijeenkomsten ({i(f['attendances'])} aanwezigheden"
            + (f", {_date(f['first_date'])} tot en met {_date(f['last_date'])}" if f["dated"] else "")
            + "). Twee bewoners ontmoetten elkaar als ze bij dezelfde bijeenkomst waren (dezelfde "
            "activiteit op dezelfde dag); het aantal gedeelde bijeenkomsten is de sterkte van het "
            f"contact. Bijeenkomsten met {r.big_event} of meer deelnemers gelden als grote "
            f"evenementen ({i(f['events'])} in dit register): tussen zoveel mensen ontmoet niemand "
            "iedereen, dus daar samen zijn telt alleen mee in de indicator die grote bijeenkomsten "
            "expliciet insluit."
        )
        parts.append(
            "Herhaald contact betekent minstens twee (of drie) gedeelde bijeenkomsten. "
            "Tweemodus-clustering volgt Robins en Alexander (2004) en is vergeleken met willekeurige registers "
            "met dezelfde aantallen deelnames per bewoner en per activiteit (curveball; Strona et "
            "al. 2014). Steunnetwerken zijn beschreven met Burts (1992) effectieve omvang en "
            "constraint; of samen organiseren samengaat met elkaar als steun noemen is getoetst "
            "met QAP (Krackhardt 1988). Bonding, bridging en linking volgen Putnam (2000) en "
            "Szreter en Woolcock (2004); menging is beschreven met de E-I-index (Krackhardt en "
            "Stern 1988) en assortativiteit (Newman 2003). De tijd tot een eerste rol is geschat "
            "met Kaplan–Meier (1958)."
        )
        parts.append(
            "Aandelen van bewoners hebben Wilsons 95%-interval; gemiddelden een 95%-bootstrapinterval "
            f"over bewoners ({i(r.n)} trekkingen, seed {r.seed}), met de afwijking van elke trekking "
            "verdubbeld waar de waarden contacten tellen (elk contact heeft twee kanten); verschillen "
            "tussen groepen trekken elke groep apart. Elke soort interval is met simulaties op "
            "registers uit een bekend model nagegaan (een nominaal 95%-interval moest in 93–97% van "
            "de gevallen kloppen); waar een soort dat niet haalde — maten van het hele netwerk, "
            "bereik in twee stappen, aandelen van contacten — staat er geen interval en zegt het "
            "rapport waarom. Groepen van minder dan "
            f"{r.min_cell} mensen zijn niet getoond (met secundaire onderdrukking), tabellen "
            "noemen geen bewoners, tekeningen dragen geen namen en activiteiten die als gevoelig "
            f"zijn gemarkeerd zijn alleen samen geteld. Berekend met wijknet {_version()}."
        )
    else:
        parts.append(
            f"The register holds {i(f['residents'])} residents, {i(f['activities'])} activities and "
            f"{i(f['sessions'])} sessions ({i(f['attendances'])} attendances"
            + (f", {_date(f['first_date'])} to {_date(f['last_date'])}" if f["dated"] else "")
            + "). Two residents met when they were at the same session (the same activity on the "
            "same day); the number of sessions they shared is the strength of the tie. Sessions "
            f"with {r.big_event} participants or more count as big events ({i(f['events'])} in this "
            "register): among so many people nobody meets everyone, so being there together "
            "counts only in the indicator that includes big sessions explicitly."
        )
        parts.append(
            "Repeated contact means at least two (or three) shared sessions. Two-mode clustering "
            "follows Robins and Alexander (2004) and is compared with random registers with the same numbers of "
            "attendances per resident and per activity (curveball; Strona et al. 2014). Support "
            "networks are described with Burt's (1992) effective size and constraint; whether "
            "organising together goes with naming each other as support is tested with QAP "
            "(Krackhardt 1988). Bonding, bridging and linking follow Putnam (2000) and Szreter and "
            "Woolcock (2004); mixing is described with the E-I index (Krackhardt and Stern 1988) "
            "and assortativity (Newman 2003). The time to a first role is estimated with "
            "Kaplan–Meier (1958)."
        )
        parts.append(
            "Shares of residents carry Wilson's 95% interval; means a 95% bootstrap interval over "
            f"residents ({i(r.n)} replicates, seed {r.seed}), with each replicate's deviation "
            "doubled where the values count ties (every tie has two ends); differences between "
            "groups resample each group. Each kind of interval was checked by simulation on "
            "registers drawn from a known model (a nominal 95% interval had to cover 93–97%); where "
            "a kind did not pass — whole-network measures, reach in two steps, shares of ties — no "
            f"interval is shown and the report says why. Groups of fewer than {r.min_cell} people are not shown (with "
            "secondary suppression), tables list no residents, drawings carry no names and "
            "activities marked sensitive are only counted together. Computed with wijknet "
            f"{_version()}."
        )
    return "\n\n".join(parts)


def _version() -> str:
    from . import _wijknet

    return str(_wijknet.__version__)


_TITLE = ("Evaluation report: network evidence by outcome", "Evaluatierapport: netwerkbewijs per uitkomst")
_L = {
    "indicator": ("Indicator", "Indicator"),
    "value": ("Value", "Waarde"),
    "interval": ("95% interval", "95%-interval"),
    "chance": ("For comparison", "Ter vergelijking"),
    "reading": ("Reading", "Betekenis"),
    "left_out": ("Left out", "Weggelaten"),
    "methods": ("Methods", "Methode"),
    "references": ("References", "Literatuur"),
    "reproduce": ("Reproducing the figures", "De cijfers nagaan"),
    "reproduce_text": (
        "Each value comes from one wijknet call. Run these lines first, with net the register "
        "and survey the survey table; then each call below gives the value beside its code.",
        "Elke waarde komt uit één wijknet-aanroep. Voer eerst deze regels uit, met net het "
        "register en survey de enquêtetabel; daarna geeft elke aanroep hieronder de waarde bij "
        "de code.",
    ),
    "made_with": ("Made with", "Gemaakt met"),
    "in_short": ("In short", "Kort samengevat"),
    "data_line": (
        "Register: {residents} residents, {activities} activities, {sessions} sessions{period}{survey}.",
        "Register: {residents} bewoners, {activities} activiteiten, {sessions} bijeenkomsten{period}{survey}.",
    ),
    "period": (", {first} to {last}", ", {first} tot en met {last}"),
    "with_survey": ("; survey: {respondents} respondents", "; enquête: {respondents} respondenten"),
    "contents": ("Contents", "Inhoud"),
    "definitions": ("Definitions", "Definities"),
    "summary": ("The data", "De gegevens"),
    "figure": ("Figure", "Figuur"),
    "not_drawn": ("This figure could not be drawn: {e}", "Deze figuur kon niet worden getekend: {e}"),
}


def _l(key: str, lang: str, **kw: Any) -> str:
    en, nl = _L[key]
    return (nl if lang == "nl" else en).format(**kw)


def _data_line(r: Report, lang: str) -> str:
    f = r._facts
    i = lambda x: _texts.integer(x, lang)  # noqa: E731
    period = (
        _l("period", lang, first=_date(f["first_date"]), last=_date(f["last_date"])) if f["dated"] else ""
    )
    survey = _l("with_survey", lang, respondents=i(f["respondents"])) if f["survey"] else ""
    return _l(
        "data_line",
        lang,
        residents=i(f["residents"]),
        activities=i(f["activities"]),
        sessions=i(f["sessions"]),
        period=period,
        survey=survey,
    )


def _key_findings(r: Report, lang: str) -> list[str]:
    """The reading aids of the headline indicators (first value of each code)."""
    first: dict[str, _evaluate.Row] = {}
    for _, row in r._rows:
        if row.code not in first and not row.suppressed and not math.isnan(row.value):
            first[row.code] = row
    return [_reading(first[code], lang) for code in T.KEY_FINDINGS if code in first]


def _sections(r: Report) -> list[str]:
    used = {s for s, _ in r._rows} | {o.section for o in r._omitted} | {t.section for t in r._tables}
    return [s for s in T.SECTIONS if s in used]


def _value_cell(row: _evaluate.Row, lang: str) -> str:
    unit = _unit(row)
    return "–" if row.suppressed else _fmt(row.value, unit, lang)


def _chance_cell(row: _evaluate.Row, lang: str) -> str:
    if row.null is None or row.suppressed:
        return ""
    unit = _unit(row)
    text = _fmt(row.null, unit, lang)
    if row.p is not None and not math.isnan(row.p):
        text += f" ({_fmt_p(row.p, lang)})"
    return text


def _name(row: _evaluate.Row, lang: str) -> str:
    name = T.SPECS[row.code].text("name", lang)
    return f"{name} — {T.group_label(row.code, row.group, lang)}" if row.group else name


# ---- Markdown ----------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(r: Report, lang: str) -> str:
    out = [f"# {_pick(_TITLE, lang)}", "", _data_line(r, lang), ""]
    findings = _key_findings(r, lang)
    if findings:
        out += [f"## {_l('in_short', lang)}", ""] + [f"- {x}" for x in findings] + [""]
    for section in _sections(r):
        out += [f"## {T.section_title(section, lang)}", "", T.section_intro(section, lang), ""]
        rows = [row for s, row in r._rows if s == section and row.listed]
        if rows:
            out.append(
                f"| {_l('indicator', lang)} | {_l('value', lang)} | {_l('interval', lang)} | n | "
                f"{_l('chance', lang)} | {_l('reading', lang)} |"
            )
            out.append("|---|---:|---|---:|---|---|")
            for row in rows:
                unit = _unit(row)
                n = _texts.integer(row.n, lang) if row.n is not None and not row.suppressed else ""
                out.append(
                    f"| {_md_escape(_name(row, lang))} | {_value_cell(row, lang)} | "
                    f"{_interval(row, unit, lang)} | {n} | {_chance_cell(row, lang)} | "
                    f"{_md_escape(_reading_noted(row, lang))} |"
                )
            out.append("")
        for t in r._tables:
            if t.section == section:
                out += [f"**{_pick(t.title, lang)}**", "", _frame_markdown(t.frame, lang), ""]
                if t.note:
                    out += [f"_{_pick(t.note, lang)}_", ""]
        omitted = [o for o in r._omitted if o.section == section]
        if omitted:
            out.append(f"*{_l('left_out', lang)}:*")
            for o in omitted:
                names = ", ".join(T.SPECS[c].text("name", lang) for c in o.codes if c in T.SPECS)
                out.append(f"- {names}: {_pick(o.why, lang)}")
            out.append("")
    out += [f"## {_l('methods', lang)}", "", _methods(r, lang), ""]
    out += [
        f"## {_l('reproduce', lang)}",
        "",
        _l("reproduce_text", lang),
        "",
        "```python",
        r.preamble() + r.call,
        "```",
        "",
    ]
    for _, row in r._rows:
        out.append(f"- `{row.code}`{' (' + row.group + ')' if row.group else ''}: `{row.call}`")
    return "\n".join(out) + "\n"


def _heading(name: Any, lang: str) -> str:
    pair = T.COLUMNS.get(str(name))
    return (pair[1] if lang == "nl" else pair[0]) if pair else str(name or "")


def _frame_markdown(frame: pd.DataFrame, lang: str) -> str:
    cols = [_heading(frame.index.name, lang)] + [_heading(c, lang) for c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for key, row in frame.iterrows():
        cells = [_texts.shown(key, lang)] + [_cell(v, lang) for v in row.tolist()]
        lines.append("| " + " | ".join(_md_escape(c) for c in cells) + " |")
    return "\n".join(lines)


def _cell(v: Any, lang: str) -> str:
    if isinstance(v, bool):
        return ("ja" if v else "nee") if lang == "nl" else ("yes" if v else "no")
    if isinstance(v, (int,)) or (isinstance(v, float) and v == int(v) and not math.isnan(v)):
        return _texts.integer(int(v), lang)
    if isinstance(v, float):
        return _texts.decimal(v, lang, 2)
    return _texts.shown(v, lang)


# ---- HTML ---------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.35rem;border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.2rem}
.wn-intro{color:#333}.wn-meta{color:#555;font-size:.9rem}
table.wn{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.92rem}
table.wn th,table.wn td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
table.wn td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}table.wn th.num{text-align:right}
table.wn th{background:#f3f6f9}
.wn-note{color:#555;font-size:.85rem}
figure{margin:1rem 0;page-break-inside:avoid;break-inside:avoid}figure svg{max-width:100%;height:auto}
figcaption{font-size:.88rem;color:#333}
details{margin:.4rem 0}summary{cursor:pointer;color:#0072B2}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82rem}pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
.wn-omitted li{color:#555}
nav.wn-toc ol{columns:2}
@media print{body{max-width:none;margin:0;font-size:10.5pt}nav.wn-toc,details{display:none}h2{page-break-after:avoid;break-after:avoid}table.wn,figure{page-break-inside:avoid;break-inside:avoid}a{color:inherit;text-decoration:none}@page{margin:18mm 15mm}}
"""


def _e(text: Any) -> str:
    return html.escape(str(text))


def _html(r: Report, lang: str, *, standalone: bool) -> str:
    body = [f"<h1>{_e(_pick(_TITLE, lang))}</h1>"]
    when = datetime.date.today().isoformat()
    body.append(
        f"<p class='wn-meta'>{_e(_l('made_with', lang))} wijknet {_e(_version())} · {_e(when)} · "
        f"<code>{_e(r.call)}</code></p>"
    )
    body.append(f"<p class='wn-intro'>{_e(_data_line(r, lang))}</p>")
    findings = _key_findings(r, lang)
    if findings:
        body.append(
            f"<h2>{_e(_l('in_short', lang))}</h2><ul class='wn-findings'>"
            + "".join(f"<li>{_e(x)}</li>" for x in findings)
            + "</ul>"
        )
    sections = _sections(r)
    body.append(
        f"<nav class='wn-toc'><b>{_e(_l('contents', lang))}</b><ol>"
        + "".join(f"<li><a href='#{s}'>{_e(T.section_title(s, lang))}</a></li>" for s in sections)
        + f"<li><a href='#methods'>{_e(_l('methods', lang))}</a></li></ol></nav>"
    )
    for section in sections:
        body.append(f"<section id='{section}'><h2>{_e(T.section_title(section, lang))}</h2>")
        body.append(f"<p class='wn-intro'>{_e(T.section_intro(section, lang))}</p>")
        rows = [row for s, row in r._rows if s == section and row.listed]
        if rows:
            body.append(_html_rows(rows, lang))
        for t in r._tables:
            if t.section == section:
                body.append(f"<h3>{_e(_pick(t.title, lang))}</h3>" + _html_frame(t.frame, lang))
                if t.note:
                    body.append(f"<p class='wn-note'>{_e(_pick(t.note, lang))}</p>")
        for i, fig in enumerate(r._figures):
            if fig.section == section:
                body.append(
                    f"<figure>{r._figure_svg(i, lang)}<figcaption>{_e(_pick(fig.caption, lang))} "
                    f"<code>{_e(fig.call)}</code></figcaption></figure>"
                )
        omitted = [o for o in r._omitted if o.section == section]
        if omitted:
            items = "".join(
                f"<li>{_e(', '.join(T.SPECS[c].text('name', lang) for c in o.codes if c in T.SPECS))}: "
                f"{_e(_pick(o.why, lang))}</li>"
                for o in omitted
            )
            body.append(
                f"<p class='wn-note'><b>{_e(_l('left_out', lang))}</b></p><ul class='wn-omitted'>{items}</ul>"
            )
        body.append("</section>")
    methods = "".join(f"<p>{_e(p)}</p>" for p in _methods(r, lang).split("\n\n"))
    refs = "".join(f"<li>{_e(ref)}</li>" for ref, _ in _REFS)
    body.append(
        f"<section id='methods'><h2>{_e(_l('methods', lang))}</h2>{methods}"
        f"<h3>{_e(_l('references', lang))}</h3><ul class='wn-note'>{refs}</ul>"
        f"<details><summary>{_e(_l('reproduce', lang))}</summary><p>{_e(_l('reproduce_text', lang))}</p>"
        f"<pre>{_e(r.preamble() + r.call)}</pre><ul>"
        + "".join(
            f"<li><code>{_e(row.code)}</code>{_e(' (' + row.group + ')' if row.group else '')}: <code>{_e(row.call)}</code></li>"
            for _, row in r._rows
        )
        + "</ul></details></section>"
    )
    content = "\n".join(body)
    if not standalone:
        return f"<div class='wijknet-report'><style>{_scoped_css()}</style>{content}</div>"
    return (
        f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(_pick(_TITLE, lang))}</title><style>{_CSS}</style></head><body>\n{content}\n</body></html>\n"
    )


def _scoped_css() -> str:
    """The page's style limited to the report's own block (for notebooks): every selector of
    every rule prefixed with ``.wijknet-report`` (the page-only rules for ``body`` and print
    are left out)."""
    rules = re.findall(
        r"([^{}]+)\{([^{}]*)\}", re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", _CSS)
    )
    out = []
    for selectors, body in rules:
        names = [x.strip() for x in selectors.split(",") if x.strip() and x.strip() != "body"]
        if names:
            out.append(",".join(f".wijknet-report {x}" for x in names) + "{" + body + "}")
    return "\n".join(out)


def _html_rows(rows: list[_evaluate.Row], lang: str) -> str:
    head = (
        f"<tr><th>{_e(_l('indicator', lang))}</th><th>{_e(_l('value', lang))}</th>"
        f"<th>{_e(_l('interval', lang))}</th><th>n</th><th>{_e(_l('chance', lang))}</th>"
        f"<th>{_e(_l('reading', lang))}</th></tr>"
    )
    body = []
    for row in rows:
        spec = T.SPECS[row.code]
        n = _texts.integer(row.n, lang) if row.n is not None and not row.suppressed else ""
        note = _pick(row.note, lang)
        shown_note = f"<br><span class='wn-note'>{_e(note)}</span>" if note and not row.suppressed else ""
        details = (
            f"<details><summary>{_e(_l('definitions', lang))}</summary><p>{_e(spec.text('definition', lang).format(**row.params))}</p>"
            + f"<p><code>{_e(row.call)}</code></p></details>"
        )
        body.append(
            f"<tr><td>{_e(_name(row, lang))}<br><span class='wn-note'>{_e(row.code)}</span></td>"
            f"<td class='num'>{_e(_value_cell(row, lang))}</td>"
            f"<td class='num'>{_e(_interval(row, _unit(row), lang))}</td><td class='num'>{_e(n)}</td>"
            f"<td class='num'>{_e(_chance_cell(row, lang))}</td><td>{_e(_reading(row, lang))}{shown_note}{details}</td></tr>"
        )
    return f"<table class='wn'>{head}{''.join(body)}</table>"


def _html_frame(frame: pd.DataFrame, lang: str) -> str:
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c])
        or bool(frame[c].map(lambda v: not isinstance(v, str) or v.startswith("<")).all())
        for c in frame.columns
    ]
    head = (
        f"<tr><th>{_e(_heading(frame.index.name, lang))}</th>"
        + "".join(
            f"<th class='num'>{_e(_heading(c, lang))}</th>" if num else f"<th>{_e(_heading(c, lang))}</th>"
            for c, num in zip(frame.columns, numeric, strict=True)
        )
        + "</tr>"
    )
    rows = []
    for key, row in frame.iterrows():
        cells = "".join(
            f"<td class='num'>{_e(_cell(v, lang))}</td>" if num else f"<td>{_e(_cell(v, lang))}</td>"
            for v, num in zip(row.tolist(), numeric, strict=True)
        )
        rows.append(f"<tr><td>{_e(_texts.shown(key, lang))}</td>{cells}</tr>")
    return f"<table class='wn'>{head}{''.join(rows)}</table>"


def _render(fig: _evaluate.Figure, lang: str, fmt: str) -> str | bytes:
    """A figure drawn by its wijknet.plot call: SVG text (no XML header) or PNG bytes."""
    import matplotlib

    from .plot import _pyplot

    plt = _pyplot()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "wijknet"}):
        figure, ax = plt.subplots(figsize=(7.5, 4.2))
        try:
            fig.draw(lang, ax)
            _rasterise_crowds(figure)
        except Exception as e:  # a figure the data cannot support: say so, never break the report
            ax.clear()
            ax.axis("off")
            ax.text(0.5, 0.5, _l("not_drawn", lang, e=e), ha="center", va="center", wrap=True)
        buf = io.BytesIO()
        figure.savefig(
            buf, format=fmt, bbox_inches="tight", dpi=150, metadata={"Date": None} if fmt == "svg" else None
        )
        plt.close(figure)
    if fmt == "png":
        return buf.getvalue()
    text = buf.getvalue().decode("utf-8")
    text = re.sub(r"^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", "", text)
    return re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)


def _rasterise_crowds(figure: Any) -> None:
    """Collections of many dots or lines (a network drawing) are embedded as an image inside
    the SVG, so the page stays small; text and axes stay vector."""
    for ax in figure.axes:
        for artist in list(ax.collections) + list(ax.lines):
            size = len(getattr(artist, "get_paths", lambda: [])()) + len(
                getattr(artist, "get_offsets", lambda: [])()
            )
            if size > 300:
                artist.set_rasterized(True)


# ---- Word ---------------------------------------------------------------------------------------


def _docx(r: Report, path: str | Path | IO[bytes], lang: str) -> None:
    try:
        import docx
        from docx.shared import Cm
    except ImportError as e:
        raise ImportError(
            'Report.to_docx writes Word files with python-docx, which is not installed: pip install "wijknet[docx]"'
        ) from e
    doc = docx.Document()
    doc.add_heading(_pick(_TITLE, lang) or "", level=0)
    doc.add_paragraph(_data_line(r, lang))
    findings = _key_findings(r, lang)
    if findings:
        doc.add_heading(_l("in_short", lang), level=1)
        for x in findings:
            doc.add_paragraph(x, style="List Bullet")
    for section in _sections(r):
        doc.add_heading(T.section_title(section, lang), level=1)
        doc.add_paragraph(T.section_intro(section, lang))
        rows = [row for s, row in r._rows if s == section and row.listed]
        if rows:
            table = doc.add_table(rows=1, cols=5)
            table.style = "Light List Accent 1"
            hdr = table.rows[0].cells
            for cell, key in zip(hdr, ("indicator", "value", "interval", "chance", "reading"), strict=True):
                cell.text = _l(key, lang)
            for row in rows:
                unit = _unit(row)
                cells = table.add_row().cells
                cells[0].text = _name(row, lang)
                cells[1].text = _value_cell(row, lang)
                cells[2].text = _interval(row, unit, lang)
                cells[3].text = _chance_cell(row, lang)
                cells[4].text = _reading_noted(row, lang)
        for t in r._tables:
            if t.section == section:
                doc.add_heading(_pick(t.title, lang) or "", level=2)
                frame = t.frame
                table = doc.add_table(rows=1, cols=len(frame.columns) + 1)
                table.style = "Light List Accent 1"
                for cell, name in zip(
                    table.rows[0].cells, [frame.index.name] + list(frame.columns), strict=True
                ):
                    cell.text = _heading(name, lang)
                for key, values in frame.iterrows():
                    cells = table.add_row().cells
                    for cell, v in zip(cells, [key] + values.tolist(), strict=True):
                        cell.text = _cell(v, lang)
                if t.note:
                    doc.add_paragraph(_pick(t.note, lang))
        for fig in r._figures:
            if fig.section == section:
                png = _render(fig, lang, "png")
                doc.add_picture(io.BytesIO(png), width=Cm(16))  # type: ignore[arg-type]
                doc.add_paragraph(_pick(fig.caption, lang))
        omitted = [o for o in r._omitted if o.section == section]
        for o in omitted:
            names = ", ".join(T.SPECS[c].text("name", lang) for c in o.codes if c in T.SPECS)
            doc.add_paragraph(f"{_l('left_out', lang)} — {names}: {_pick(o.why, lang)}")
    doc.add_heading(_l("methods", lang), level=1)
    for paragraph in _methods(r, lang).split("\n\n"):
        doc.add_paragraph(paragraph)
    doc.add_heading(_l("references", lang), level=2)
    for ref, _ in _REFS:
        doc.add_paragraph(ref)
    doc.core_properties.title = _pick(_TITLE, lang) or ""
    doc.save(str(path) if isinstance(path, (str, Path)) else path)
