"""Survey triangulation: what residents say in a survey, set beside what the register shows.

A resident survey is a table with one row per respondent, keyed by the resident id of the
register (``on="resident"``), one column per item. An item is a 5-point Likert statement
(numbers 1–5, or the Dutch and English labels of :data:`LIKERT_NL` and :data:`LIKERT_EN`) or
a yes/no question (:data:`YES_NO`). Respondents whose id is not in the register are counted
and left out (the results report how many); residents of the register who are not in the
survey are its non-respondents.

* :func:`answers` — an item coded per resident: respondent or not, score, agrees or not.
* :func:`compare` — answer × network evidence (a cross-table), agreement (share and Cohen's
  κ) and the association, with bootstrap intervals; :func:`compare_items` does it for every
  item of a standard instrument.
* :func:`nonresponse` — the network position of respondents and non-respondents.
* :func:`reweight` — the share of respondents who agree, re-estimated for all participants by
  weighting respondents within network-position strata.
* :data:`ITEM_SETS` — standard Dutch instruments (CBS's social-cohesion statements, the
  domains of Movisie's Participatiewiel) with the network evidence each item maps to.

Network evidence (:data:`EVIDENCE`) is per resident: ``met_anyone`` (at least one tie in the
projection), ``repeated_contact`` and ``repeated_contact_3`` (at least one co-participant met
at 2 or at 3 or more of the same sessions), ``took_role`` (volunteer or organiser at least
once); or a boolean or numeric Series indexed by resident that you pass yourself. The
measures are defined in the metrics reference (``docs/metrics.md``, "Survey triangulation").
"""

from __future__ import annotations

import contextlib
import dataclasses
import numbers
import warnings
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import _args, _progress
from ._errors import ArgumentError
from ._results import Result, format_frame, format_number
from .graph import Graph
from .metrics import connected_components, degree
from .network import Network, Projection

__all__ = [
    "LIKERT_NL",
    "LIKERT_EN",
    "YES_NO",
    "EVIDENCE",
    "ITEM_SETS",
    "Item",
    "ItemSet",
    "answers",
    "compare",
    "compare_items",
    "nonresponse",
    "reweight",
    "SurveyComparison",
    "Nonresponse",
    "Reweighted",
]

LIKERT_NL: dict[str, int] = {
    "helemaal mee oneens": 1,
    "mee oneens": 2,
    "oneens": 2,
    "niet mee eens, niet mee oneens": 3,
    "neutraal": 3,
    "eens noch oneens": 3,
    "mee eens": 4,
    "eens": 4,
    "helemaal mee eens": 5,
}
"""The default Dutch 5-point labels (1 = helemaal mee oneens … 5 = helemaal mee eens);
labels are matched ignoring case and surrounding spaces."""

LIKERT_EN: dict[str, int] = {
    "strongly disagree": 1,
    "disagree": 2,
    "neither agree nor disagree": 3,
    "neutral": 3,
    "agree": 4,
    "strongly agree": 5,
}
"""The default English 5-point labels (1 = strongly disagree … 5 = strongly agree)."""

YES_NO: dict[str, bool] = {"ja": True, "nee": False, "yes": True, "no": False}
"""The default yes/no labels; Python and NumPy booleans are read as yes/no as well."""

MISSING_LABELS: frozenset[str] = frozenset(
    {"", "weet niet", "geen antwoord", "geen mening", "n.v.t.", "nvt", "don't know", "no answer", "n/a"}
)

EVIDENCE: dict[str, str] = {
    "met_anyone": "at least one tie in the projection (met someone at an activity)",
    "repeated_contact": "met at least one co-participant at 2 or more of the same sessions",
    "repeated_contact_3": "met at least one co-participant at 3 or more of the same sessions",
    "took_role": "volunteer or organiser at least once",
}
"""The named network evidence :func:`compare` takes, with what each means."""

_EVIDENCE_LABELS: dict[str, dict[str, str]] = {
    "met_anyone": {"en": "Met someone at an activity", "nl": "Iemand ontmoet bij een activiteit"},
    "repeated_contact": {
        "en": "Repeated contact (someone met at 2 or more sessions)",
        "nl": "Herhaald contact (iemand op 2 of meer bijeenkomsten ontmoet)",
    },
    "repeated_contact_3": {
        "en": "Repeated contact (someone met at 3 or more sessions)",
        "nl": "Herhaald contact (iemand op 3 of meer bijeenkomsten ontmoet)",
    },
    "took_role": {"en": "Volunteer or organiser", "nl": "Vrijwilliger of organisator"},
}

_FIVE_POINT = (1.0, 5.0)


# ---------------------------------------------------------------------------------------------
# item sets
# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Item:
    """One item of an :class:`ItemSet`: its code, domain, what it asks (Dutch and English),
    whether agreeing means less of the domain (``reversed``) and the network evidence it maps
    to (a name of :data:`EVIDENCE`, or None where the register shows nothing about it).

    :func:`compare_items` reads a reversed item the other way round; with :func:`compare`,
    pass ``agree=[1, 2]`` for a reversed 5-point item.

    Examples
    --------
    >>> import wijknet as wn
    >>> item = wn.survey.ITEM_SETS["cbs_social_cohesion"].items[4]
    >>> item.code, item.evidence
    ('contact', 'repeated_contact')
    """

    code: str
    domain: str
    statement_nl: str
    statement_en: str
    evidence: str | None
    reversed: bool = False


@dataclasses.dataclass(frozen=True, repr=False)
class ItemSet(Result):
    """A named set of survey items from a standard instrument (see :data:`ITEM_SETS`).

    Attributes
    ----------
    name, source
        The instrument and who publishes it.
    scale
        ``"5-point"`` (1 = helemaal mee oneens … 5 = helemaal mee eens) or ``"domains"``
        (life domains to ask about in your own words).
    wording
        How far the statements follow the published text (read it before quoting them).
    items
        The :class:`Item` s; ``to_frame()`` gives them as a table.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.survey.ITEM_SETS["participatiewiel"].to_frame()["evidence"].tolist()
    [None, 'repeated_contact', 'met_anyone', 'took_role', 'took_role', None]
    """

    name: str
    source: str
    scale: str
    wording: str
    items: tuple[Item, ...]

    def _frame(self) -> pd.DataFrame:
        """The items as a table indexed by item code."""
        rows = [dataclasses.asdict(i) for i in self.items]
        frame = pd.DataFrame(rows, dtype=object).set_index("code")
        frame["reversed"] = frame["reversed"].astype(bool)
        return frame

    def _title(self) -> str:
        return f"{self.name} ({self.source}; {self.scale})"


ITEM_SETS: dict[str, ItemSet] = {
    "cbs_social_cohesion": ItemSet(
        name="Sociale samenhang in de buurt",
        source="CBS, Veiligheidsmonitor",
        scale="5-point",
        wording=(
            "the meaning of each statement, close to the published wording but not a quote; the "
            "wording and the number of statements differ between editions of the questionnaire, "
            "so take the text from the edition you use"
        ),
        items=(
            Item(
                "know_each_other",
                "verbondenheid",
                "De mensen in deze buurt kennen elkaar nauwelijks.",
                "People in this neighbourhood hardly know each other.",
                "met_anyone",
                reversed=True,
            ),
            Item(
                "pleasant",
                "verbondenheid",
                "De mensen gaan in deze buurt op een prettige manier met elkaar om.",
                "People in this neighbourhood get along pleasantly.",
                None,
            ),
            Item(
                "cosy",
                "verbondenheid",
                "Ik woon in een gezellige buurt met saamhorigheid.",
                "I live in a friendly neighbourhood with a sense of togetherness.",
                None,
            ),
            Item(
                "at_home",
                "verbondenheid",
                "Ik voel mij thuis bij de mensen die in deze buurt wonen.",
                "I feel at home with the people who live in this neighbourhood.",
                None,
            ),
            Item(
                "contact",
                "verbondenheid",
                "Ik heb veel contact met andere buurtbewoners.",
                "I have a lot of contact with other residents.",
                "repeated_contact",
            ),
            Item(
                "help_each_other",
                "steunend netwerk",
                "Ik woon in een buurt waar mensen elkaar helpen en dingen samen doen.",
                "I live in a neighbourhood where people help each other and do things together.",
                "repeated_contact_3",
            ),
        ),
    ),
    "participatiewiel": ItemSet(
        name="Participatiewiel",
        source="Movisie",
        scale="domains",
        wording=(
            "the six domains of the wheel by name; the wheel has no fixed statements, so each "
            "item is the domain's meaning, to be asked in your own questionnaire's words"
        ),
        items=(
            Item(
                "zelfstandig_functioneren",
                "zelfstandig functioneren",
                "Zelfstandig functioneren: zelf het dagelijks leven kunnen regelen.",
                "Functioning independently: managing daily life oneself.",
                None,
            ),
            Item(
                "sociale_contacten",
                "sociale contacten",
                "Sociale contacten: contact met anderen hebben en onderhouden.",
                "Social contacts: having and keeping contact with others.",
                "repeated_contact",
            ),
            Item(
                "maatschappelijk_deelnemen",
                "maatschappelijk deelnemen",
                "Maatschappelijk deelnemen: meedoen aan activiteiten in buurt of vereniging.",
                "Taking part in society: joining activities in the neighbourhood or a club.",
                "met_anyone",
            ),
            Item(
                "maatschappelijk_bijdragen",
                "maatschappelijk bijdragen",
                "Maatschappelijk bijdragen: vrijwillige inzet voor anderen.",
                "Contributing to society: volunteering for others.",
                "took_role",
            ),
            Item(
                "opdoen_van_vaardigheden",
                "opdoen van vaardigheden",
                "Opdoen van vaardigheden: leren en ervaring opdoen.",
                "Gaining skills: learning and gaining experience.",
                "took_role",
            ),
            Item(
                "betaald_werk",
                "betaald werk",
                "Betaald werk.",
                "Paid work.",
                None,
            ),
        ),
    ),
}
"""Named item sets of standard Dutch instruments: ``"cbs_social_cohesion"`` (CBS's six
social-cohesion statements, 5-point) and ``"participatiewiel"`` (the six domains of
Movisie's Participatiewiel). Each :class:`ItemSet` says how far its statements follow the
published text (``.wording``): the statements are meanings, not quotes."""


# ---------------------------------------------------------------------------------------------
# reading a survey
# ---------------------------------------------------------------------------------------------
def _survey_table(survey: Any, on: str, fn: str) -> pd.DataFrame:
    if isinstance(survey, Mapping):
        survey = pd.DataFrame(dict(survey))
    elif not isinstance(survey, pd.DataFrame) and callable(getattr(survey, "to_pandas", None)):
        survey = survey.to_pandas()
    if not isinstance(survey, pd.DataFrame):
        raise _args.error(
            fn, "survey", survey, "give a table (a pandas, polars or Arrow table, or a dict of columns)"
        )
    if on not in survey.columns:
        raise ArgumentError(
            f"{fn}(on={on!r}): the survey has no column {on!r}; its columns are "
            f"{', '.join(map(str, survey.columns))}"
        )
    ids = survey[on]
    if ids.isna().any():
        raise ArgumentError(f"{fn}(): {int(ids.isna().sum())} survey rows have no {on!r}; fill or drop them")
    if ids.duplicated().any():
        raise ArgumentError(
            f"{fn}(): {int(ids.duplicated().sum())} survey rows repeat a {on!r} already seen; "
            "keep one row per respondent"
        )
    return survey.set_index(on)


def _linked(net: Network, survey: Any, on: str, fn: str) -> tuple[pd.DataFrame, pd.Series, int]:
    table = _survey_table(survey, on, fn)
    residents = net.residents
    inside = table.index.isin(residents)
    outside = int((~inside).sum())
    if outside:
        as_text = table.index.astype(str).isin(residents.astype(str))
        hint = (
            f"; {int(as_text.sum() - inside.sum())} of them match when ids are compared as text: "
            "make the survey's ids the same type as the register's (numbers or text)"
            if as_text.sum() > inside.sum()
            else ""
        )
        _args.warn(
            f"{fn}(): {outside} survey respondents are not residents of the register and are "
            f"left out (the result reports them as .outside){hint}"
        )
    respondent = pd.Series(residents.isin(table.index), index=residents, name="respondent")
    return table.loc[inside], respondent, outside


@contextlib.contextmanager
def _quiet_outside() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*survey respondents are not residents")
        yield


def _scale_map(scale: Any, fn: str) -> tuple[dict[str, float] | None, tuple[float, float]]:
    if scale is None:
        labels = {**LIKERT_NL, **LIKERT_EN}
        return {k: float(v) for k, v in labels.items()}, _FIVE_POINT
    if isinstance(scale, tuple) and len(scale) == 2 and all(isinstance(v, numbers.Real) for v in scale):
        low, high = float(scale[0]), float(scale[1])
        if low < high:
            return None, (low, high)
    if (
        isinstance(scale, Mapping)
        and scale
        and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in scale.values())
    ):
        values = [float(v) for v in scale.values()]
        return {str(k).strip().lower(): float(v) for k, v in scale.items()}, (min(values), max(values))
    raise _args.error(
        fn,
        "scale",
        scale,
        "give a dict of label → score such as {'eens': 4, 'oneens': 2, ...}, a (lowest, highest) "
        "range of numeric answers such as (1, 7), or None (the Dutch and English 5-point labels)",
    )


def _coded(
    values: pd.Series, item: str, scale: Any, agree: Any, fn: str, *, reverse: bool = False
) -> pd.DataFrame:
    labels, (low, high) = _scale_map(scale, fn)
    raw = values.to_numpy(dtype=object)
    # each distinct answer is read once, then spread over the respondents who gave it
    codes, uniques = pd.factorize(pd.Series(raw, dtype=object), use_na_sentinel=True)
    score_u = np.full(len(uniques) + 1, np.nan)  # the last slot: a missing answer
    yes_u = np.full(len(uniques) + 1, np.nan)
    unknown: list[Any] = []
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    for i, v in enumerate(uniques):
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            continue
        if isinstance(v, (bool, np.bool_)):
            yes_u[i] = float(bool(v))
        elif isinstance(v, numbers.Real):
            if low <= float(v) <= high:
                score_u[i] = float(v)
            else:
                unknown += [v] * int(counts[i])
        else:
            key = str(v).strip().lower()
            if key in MISSING_LABELS:
                continue
            if labels is not None and key in labels:
                score_u[i] = labels[key]
            elif key in YES_NO:
                yes_u[i] = float(YES_NO[key])
            else:
                unknown += [v] * int(counts[i])
    score = score_u[codes]  # code -1 picks the missing slot
    yes = yes_u[codes]
    if unknown:
        shown = ", ".join(repr(u) for u in list(dict.fromkeys(unknown))[:5])
        raise ArgumentError(
            f"{fn}(item={item!r}): {len(unknown)} answers are not on the scale, e.g. {shown}; "
            f"numbers run from {format_number(low)} to {format_number(high)}. Pass scale= (a dict "
            "of label → score, or a (lowest, highest) range) to read them"
        )
    if not np.isnan(score).all() and not np.isnan(yes).all():
        raise ArgumentError(
            f"{fn}(item={item!r}): the item mixes yes/no answers with scale answers; code it "
            "one way (scale= maps labels to scores)"
        )
    if reverse:
        score = low + high - score
        yes = 1.0 - yes
    binary = np.isnan(score).all() and not np.isnan(yes).all()
    if binary:
        agrees = yes
    else:
        agrees = _agreeing(score, agree, (low, high), item, fn)
    return pd.DataFrame(
        {
            "answer": raw,
            "score": yes if binary else score,
            "agrees": pd.arrays.BooleanArray(np.nan_to_num(agrees).astype(bool), np.isnan(agrees)),
        },
        index=values.index,
    )


def _agreeing(score: np.ndarray, agree: Any, bounds: tuple[float, float], item: str, fn: str) -> np.ndarray:
    low, high = bounds
    if agree is None:
        threshold = np.floor((low + high) / 2) + 1
        hit = score >= threshold
    elif isinstance(agree, numbers.Real) and not isinstance(agree, bool):
        hit = score >= float(agree)
    elif isinstance(agree, Collection) and not isinstance(agree, str) and len(agree) > 0:
        chosen = [float(a) for a in agree if isinstance(a, numbers.Real) and not isinstance(a, bool)]
        if len(chosen) != len(agree):
            raise _args.error(fn, "agree", agree, "give scores (numbers), e.g. agree=[4, 5]")
        hit = np.isin(score, chosen)
    else:
        raise _args.error(
            fn,
            "agree",
            agree,
            "give None (above the scale's middle: 4 and 5 of 1–5), a lowest agreeing score such "
            "as 4, or the agreeing scores such as [4, 5]",
        )
    return np.where(np.isnan(score), np.nan, hit.astype(float))


def answers(
    net: Network,
    survey: Any,
    *,
    item: str,
    on: str = "resident",
    scale: Any = None,
    agree: Any = None,
) -> pd.DataFrame:
    """One survey item coded per resident of the register: respondent or not, the answer, its
    score and whether it agrees.

    Scale answers are numbers (1–5 unless ``scale`` says otherwise) or labels: by default the
    Dutch and English 5-point labels (:data:`LIKERT_NL`, :data:`LIKERT_EN`; case and spaces
    ignored). A yes/no item ("ja"/"nee", "yes"/"no", booleans; :data:`YES_NO`) agrees on yes.
    "weet niet", "don't know", empty cells and missing values count as no answer. Respondents
    who are not residents of the register are left out, with a warning that counts them.

    Parameters
    ----------
    net
        The register, a :class:`~wijknet.Network`.
    survey
        A table (DataFrame or dict of columns) with one row per respondent.
    item
        The column of the item.
    on
        The column with the resident ids (default ``"resident"``).
    scale
        None (the default labels, scores 1–5), a dict of label → score (your own labels; the
        scores' range is the scale), or a (lowest, highest) range for numeric answers such as
        ``(1, 7)``.
    agree
        Which scores agree: None (above the middle of the scale: 4 and 5 of 1–5, 5–7 of 1–7), a
        lowest agreeing score such as ``4``, or the agreeing scores such as ``[4, 5]``.

    Returns
    -------
    DataFrame
        Indexed by the register's residents: ``respondent`` (in the survey), ``answer`` (as
        given), ``score`` (the scale score; 1/0 for yes/no) and ``agrees`` (nullable boolean,
        missing for non-respondents and answers left blank).

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["ann", "bob", "cas"], "activity": ["a", "a", "b"]})
    >>> survey = pd.DataFrame({"resident": ["ann", "bob"],
    ...                        "got_to_know": ["helemaal mee eens", "neutraal"]})
    >>> wn.survey.answers(net, survey, item="got_to_know")
              respondent             answer  score  agrees
    resident
    ann             True  helemaal mee eens    5.0    True
    bob             True           neutraal    3.0   False
    cas            False                NaN    NaN    <NA>
    """
    net = _args.network(net, "answers")
    return _answers(net, survey, item, on, scale, agree, "answers")[0]


def _answers(
    net: Network, survey: Any, item: Any, on: str, scale: Any, agree: Any, fn: str, *, reverse: bool = False
) -> tuple[pd.DataFrame, int]:
    table, respondent, outside = _linked(net, survey, on, fn)
    if not isinstance(item, str) or item not in table.columns:
        raise ArgumentError(
            f"{fn}(item={item!r}): the survey has no such column; its items are "
            f"{', '.join(map(str, table.columns))}"
        )
    coded = _coded(table[item], item, scale, agree, fn, reverse=reverse)
    out = coded.reindex(respondent.index)
    out["agrees"] = out["agrees"].astype("boolean")
    out.insert(0, "respondent", respondent.to_numpy())
    return out, outside


# ---------------------------------------------------------------------------------------------
# network evidence and position
# ---------------------------------------------------------------------------------------------
def _graph(net: Network, projection: Any, threads: Any, progress: Any, fn: str) -> Graph:
    spec = _args.projection(projection, fn)
    if isinstance(spec, Graph):
        missing = net.residents[~net.residents.isin(spec.nodes)]
        if len(missing):
            raise ArgumentError(
                f"{fn}(projection=...): the Graph given lacks {len(missing)} residents of the "
                "register; project this network (net.project(...)) or pass how to project it"
            )
        return spec
    return net.project(**spec.to_dict(), threads=threads, progress=progress)


def _repeated(net: Network, projection: Any, at_least: int, threads: Any, progress: Any) -> pd.Series:
    spec = projection if isinstance(projection, Projection) else Projection()
    g = net.project(
        weight="count",
        unit="session",
        max_activity_size=spec.max_activity_size,
        pair_budget=spec.pair_budget,
        threads=threads,
        progress=progress,
    )
    e = g.edges()
    strong = e[e["weight"] >= at_least]
    ids = pd.Index(strong["source"]).append(pd.Index(strong["target"]))
    return pd.Series(net.residents.isin(ids), index=net.residents)


def _evidence(
    net: Network, evidence: Any, projection: Any, threads: Any, progress: Any, fn: str
) -> tuple[pd.Series, str]:
    if isinstance(evidence, pd.Series):
        values = evidence.reindex(net.residents)
        if pd.api.types.is_bool_dtype(evidence.dtype):
            has = values.astype("boolean")
        elif pd.api.types.is_numeric_dtype(evidence.dtype):
            has = (values > 0).astype("boolean").mask(values.isna())
        else:
            raise _args.error(
                fn, "evidence", evidence, "give a boolean or numeric Series indexed by resident"
            )
        return has, str(evidence.name or "evidence")
    if evidence == "met_anyone":
        g = _graph(net, projection, threads, progress, fn)
        has = degree(g).reindex(net.residents) >= 1
    elif evidence in ("repeated_contact", "repeated_contact_3"):
        spec = _args.projection(projection, fn)
        has = _repeated(net, spec, 3 if evidence.endswith("_3") else 2, threads, progress)
    elif evidence == "took_role":
        rows = net.to_frame()
        roles = rows.loc[rows["role"].isin(["volunteer", "organiser"]), "resident"]
        has = pd.Series(net.residents.isin(roles.astype(object)), index=net.residents)
    else:
        raise _args.error(
            fn,
            "evidence",
            evidence,
            "give one of " + ", ".join(repr(k) for k in EVIDENCE) + ", or a boolean or numeric "
            "Series indexed by resident",
        )
    return has.astype("boolean"), str(evidence)


def _position(net: Network, projection: Any, threads: Any, progress: Any, fn: str) -> pd.DataFrame:
    g = _graph(net, projection, threads, progress, fn)
    deg = degree(g).reindex(net.residents).astype(float)
    comp = connected_components(g).reindex(net.residents)
    size = comp.map(comp.value_counts()).astype(float)
    return pd.DataFrame(
        {
            "degree": deg,
            "met_anyone": (deg >= 1).astype(float),
            "component_size": size,
            "in_largest_component": (comp == 0).astype(float),
        },
        index=net.residents,
    )


# ---------------------------------------------------------------------------------------------
# bootstrap helpers
# ---------------------------------------------------------------------------------------------
def _level(level: Any, fn: str) -> float:
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < float(level) < 1:
        raise ArgumentError(f"{fn}(level={level!r}): give a number between 0 and 1, e.g. 0.95")
    return float(level)


def _interval(replicates: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    tail = (1 - level) / 2 * 100
    columns = replicates.shape[1]
    low, high = np.full(columns, np.nan), np.full(columns, np.nan)
    for j in range(columns):
        finite = replicates[:, j][np.isfinite(replicates[:, j])]
        if len(finite):
            low[j], high[j] = np.percentile(finite, [tail, 100 - tail])
    return low, high


def _in_blocks(draw: Callable[[int], np.ndarray], n: int, block: int = 100_000) -> np.ndarray:
    """``draw(n)`` as consecutive blocks of at most ``block`` replicates: the same numbers as
    one call (numpy's generators fill the rows in order), and Ctrl-C stops a long bootstrap
    between blocks."""
    return np.concatenate([draw(min(block, n - start)) for start in range(0, n, block)])


def _resampled_means(
    values: np.ndarray, n: int, rng: np.random.Generator, report: Any, done: int = 0, total: int = 0
) -> np.ndarray:
    size = len(values)
    out = np.full((n, values.shape[1]), np.nan)
    if size == 0:
        return out
    block = max(1, 2_000_000 // size)
    for start in range(0, n, block):
        stop = min(n, start + block)
        draws = rng.integers(0, size, size=(stop - start, size))
        out[start:stop] = values[draws].mean(axis=1)
        if report is not None:
            report(done + stop, total or n)
    return out


# ---------------------------------------------------------------------------------------------
# compare
# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, repr=False)
class SurveyComparison(Result):
    """The result of :func:`compare`.

    Attributes
    ----------
    table
        The cross-table of counts: rows ``agrees`` (True, False), columns ``evidence`` (True,
        False), with totals.
    summary
        Indexed by statistic — ``agreement`` (share of respondents whose answer and evidence
        agree), ``kappa`` (Cohen's κ), ``share_with_evidence_agreeing``,
        ``share_with_evidence_not_agreeing`` and ``difference`` (the association: the first
        share minus the second) — with ``value``, ``ci_low`` and ``ci_high``. ``to_frame()``
        returns it.
    item, evidence
        What was compared.
    n
        Respondents counted (residents with an answer and known evidence).
    no_answer
        Respondents left out because they left the item blank.
    outside
        Survey respondents who are not residents of the register (left out).
    replicates, level, seed
        Bootstrap replicates, the confidence level and the seed (pass it to reproduce).

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> net = wn.datasets.badhuis(300, seed=0)
    >>> survey = pd.DataFrame({"resident": net.residents[:40], "knows": ["ja", "nee"] * 20})
    >>> c = wn.survey.compare(net, survey, item="knows", evidence="met_anyone", n=200, seed=1)
    >>> int(c.table.loc["total", "total"])
    40
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    item: str
    evidence: str
    n: int
    no_answer: int
    outside: int
    replicates: int
    level: float
    seed: int

    def _frame(self) -> pd.DataFrame:
        """The statistics with their intervals (one row per statistic)."""
        return self.summary

    def text(self, *, lang: str = "en") -> str:
        """The comparison in one sentence, in Dutch (``lang="nl"``) or English (``"en"``).

        Parameters
        ----------
        lang
            ``"nl"`` or ``"en"`` (default).

        Returns
        -------
        str
            The share with evidence among agreeing and not-agreeing respondents, the
            difference with its interval, agreement and κ.

        Examples
        --------
        >>> import pandas as pd, wijknet as wn
        >>> net = wn.Network.from_attendance({"resident": list("abcd"), "activity": ["x", "x", "y", "z"]})
        >>> survey = pd.DataFrame({"resident": list("abcd"), "q": ["ja", "ja", "ja", "nee"]})
        >>> c = wn.survey.compare(net, survey, item="q", evidence="met_anyone", n=0, seed=0)
        >>> c.text()
        'Met someone at an activity: 67% of respondents who agree, 0% of those who do not (difference 67 percentage points; agreement 75%, κ 0.50)'
        >>> c.text(lang="nl")
        'Iemand ontmoet bij een activiteit: 67% van wie het eens is, 0% van wie het niet eens is (verschil 67 procentpunten; overeenstemming 75%, κ 0,50)'
        """
        lang = _args.choice(lang, "lang", "text", ("nl", "en"))
        v = self.summary["value"]
        label = _EVIDENCE_LABELS.get(self.evidence, {}).get(lang, self.evidence)

        def pct(x: float) -> str:
            return "–" if np.isnan(x) else f"{100 * x:.0f}%"

        def points(x: float) -> str:
            return "–" if np.isnan(x) else f"{100 * x:.0f}"

        def decimal(x: float) -> str:
            text = "–" if np.isnan(x) else f"{x:.2f}"
            return text.replace(".", ",") if lang == "nl" else text

        low, high = self.summary.loc["difference", "ci_low"], self.summary.loc["difference", "ci_high"]
        level = f"{100 * self.level:.0f}%"
        if lang == "nl":
            interval = "" if np.isnan(low) else f", {level}-interval {points(low)} tot {points(high)}"
            return (
                f"{label}: {pct(v['share_with_evidence_agreeing'])} van wie het eens is, "
                f"{pct(v['share_with_evidence_not_agreeing'])} van wie het niet eens is (verschil "
                f"{points(v['difference'])} procentpunten{interval}; overeenstemming {pct(v['agreement'])}, "
                f"κ {decimal(v['kappa'])})"
            )
        interval = "" if np.isnan(low) else f", {level} interval {points(low)} to {points(high)}"
        return (
            f"{label}: {pct(v['share_with_evidence_agreeing'])} of respondents who agree, "
            f"{pct(v['share_with_evidence_not_agreeing'])} of those who do not (difference "
            f"{points(v['difference'])} percentage points{interval}; agreement {pct(v['agreement'])}, "
            f"κ {decimal(v['kappa'])})"
        )

    def _head(self) -> str:
        return (
            f"{self.item!r} × {self.evidence!r}: {self.n:,} respondents, {self.no_answer:,} without an "
            f"answer, {self.outside:,} not in the register; {self.replicates:,} bootstrap replicates, "
            f"seed {self.seed}"
        )

    def __repr__(self) -> str:
        return (
            f"SurveyComparison ({self._head()})\n{self.table.to_string()}\n"
            f"{format_frame(self.summary).to_string()}"
        )

    def _repr_html_(self) -> str:
        import html

        return (
            f"<div><b>SurveyComparison</b><p>{html.escape(self._head())}</p>"
            f"{self.table.to_html(border=0)}{format_frame(self.summary).to_html(border=0)}</div>"
        )


def _cell_statistics(cells: np.ndarray) -> np.ndarray:
    """Statistics of 2×2 counts ``[agree&yes, agree&no, not&yes, not&no]`` along the last axis:
    agreement, κ, share with evidence among agreeing and not agreeing, their difference."""
    a, b, c, d = (cells[..., i].astype(float) for i in range(4))
    total = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = (a + d) / total
        expected = ((a + b) * (a + c) + (c + d) * (b + d)) / total**2
        kappa = np.where(expected < 1, (observed - expected) / (1 - expected), np.nan)
        agreeing = a / (a + b)
        not_agreeing = c / (c + d)
    return np.stack([observed, kappa, agreeing, not_agreeing, agreeing - not_agreeing], axis=-1)


_COMPARE_STATISTICS = [
    "agreement",
    "kappa",
    "share_with_evidence_agreeing",
    "share_with_evidence_not_agreeing",
    "difference",
]


def compare(
    net: Network,
    survey: Any,
    *,
    item: str,
    evidence: Any,
    on: str = "resident",
    projection: Any = None,
    scale: Any = None,
    agree: Any = None,
    n: int = 1000,
    level: float = 0.95,
    seed: int | None = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> SurveyComparison:
    """What respondents answer against what the register shows about them: a cross-table,
    agreement (share and Cohen's κ) and the association, with bootstrap intervals.

    Respondents count when they answered the item and are residents of the register; the
    answer agrees or not (see :func:`answers`), the evidence is yes or no. Agreement is the
    share where both say the same (agrees and evidence, or neither); Cohen's κ corrects it for
    the agreement expected by chance from the margins (NaN when chance agreement is 1). The
    association is the difference in the share with evidence between agreeing and
    not-agreeing respondents (a risk difference: finite where an odds ratio would divide by an
    empty cell, and read in percentage points). Intervals are percentile intervals over
    respondents drawn with replacement (``n`` replicates; a replicate without agreeing or
    without not-agreeing respondents gives no difference and is left out of that interval).
    Coverage, measured in the test suite on 300 surveys of 300 respondents drawn from a known
    2×2 model (500 replicates): the 95% intervals covered the model's agreement, κ, both
    shares and the difference in 95–96% of the surveys.

    Parameters
    ----------
    net
        The register, a :class:`~wijknet.Network`.
    survey
        A table with one row per respondent (see :func:`answers`).
    item
        The survey column to compare.
    evidence
        ``"met_anyone"``, ``"repeated_contact"``, ``"repeated_contact_3"``, ``"took_role"``
        (see :data:`EVIDENCE`) or a Series indexed by resident: booleans, or numbers (evidence
        when above 0). Residents missing from the Series are left out. Repeated contact is
        counted in the count projection by session (``max_activity_size`` and
        ``pair_budget`` taken from ``projection``).
    on
        The survey's column with resident ids (default ``"resident"``).
    projection
        The projection for ``"met_anyone"``: a :class:`~wijknet.Projection`, a dict of
        :meth:`Network.project` keywords or a ready Graph (None: the default projection).
    scale, agree
        How answers are read and which agree (see :func:`answers`).
    n
        Bootstrap replicates (default 1000; 0 gives no interval).
    level
        Confidence level (default 0.95).
    seed
        Integer ≥ 0 for reproducible intervals (None: a fresh seed, recorded as ``.seed``).
    threads, progress
        For projecting: threads (None: :func:`wijknet.set_num_threads`) and the progress
        display (None: a bar for long calls, True, False or a callable(done, total)).

    Returns
    -------
    SurveyComparison
        ``.table`` (counts), ``.summary`` (statistics with intervals), ``.n``, ``.seed`` ...

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "b", "c", "d", "e"],
    ...                                   "activity": ["x", "x", "y", "y", "z"]})
    >>> survey = pd.DataFrame({"resident": ["a", "b", "c", "e"],
    ...                        "got_to_know": ["eens", "helemaal mee eens", "oneens", "oneens"]})
    >>> c = wn.survey.compare(net, survey, item="got_to_know", evidence="met_anyone", n=100, seed=3)
    >>> c.table
    evidence  True  False  total
    agrees
    True         2      0      2
    False        1      1      2
    total        3      1      4
    >>> c.summary.loc[["agreement", "kappa", "difference"], "value"].round(3).tolist()
    [0.75, 0.5, 0.5]
    """
    fn = "compare"
    net = _args.network(net, fn)
    n = _args.whole(n, "n", fn, hint=" of bootstrap replicates")
    level = _level(level, fn)
    seed = _args.resolve_seed(seed, fn)
    threads = _args.threads(threads, fn)
    coded, outside = _answers(net, survey, item, on, scale, agree, fn)
    has, name = _evidence(net, evidence, projection, threads, progress, fn)
    return _compared(coded, has, str(item), name, outside, n, level, int(seed))


def _compared(
    coded: pd.DataFrame, has: pd.Series, item: str, name: str, outside: int, n: int, level: float, seed: int
) -> SurveyComparison:
    answered = coded["respondent"] & coded["agrees"].notna()
    counted = answered & has.notna().to_numpy()
    agrees = coded.loc[counted, "agrees"].to_numpy(dtype=bool)
    yes = has[counted].to_numpy(dtype=bool)
    cells = np.array(
        [(agrees & yes).sum(), (agrees & ~yes).sum(), (~agrees & yes).sum(), (~agrees & ~yes).sum()]
    )
    table = pd.DataFrame(
        [[cells[0], cells[1]], [cells[2], cells[3]]],
        index=pd.Index([True, False], name="agrees"),
        columns=pd.Index([True, False], name="evidence"),
    )
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    total = int(cells.sum())
    value = _cell_statistics(cells)
    rng = np.random.default_rng(seed)
    if n and total:
        replicates = _cell_statistics(
            _in_blocks(lambda size: rng.multinomial(total, cells / total, size=size), n)
        )
    else:
        replicates = np.empty((0, len(_COMPARE_STATISTICS)))
    low, high = _interval(replicates, level)
    summary = pd.DataFrame(
        {"value": value, "ci_low": low, "ci_high": high},
        index=pd.Index(_COMPARE_STATISTICS, name="statistic"),
    )
    return SurveyComparison(
        table=table.astype(int),
        summary=summary,
        item=item,
        evidence=name,
        n=total,
        no_answer=int((coded["respondent"] & coded["agrees"].isna()).sum()),
        outside=outside,
        replicates=n,
        level=level,
        seed=seed,
    )


def compare_items(
    net: Network,
    survey: Any,
    *,
    item_set: Any,
    columns: Mapping[str, str] | None = None,
    on: str = "resident",
    projection: Any = None,
    scale: Any = None,
    n: int = 1000,
    level: float = 0.95,
    seed: int | None = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> pd.DataFrame:
    """Every item of a standard instrument against the network evidence it maps to, in one
    table: :func:`compare` for each item of an :class:`ItemSet` (see :data:`ITEM_SETS`).

    A reversed item (agreeing means less of the domain, such as "people here hardly know each
    other") is read the other way round before comparing: on a scale the score s becomes
    lowest + highest − s, and yes becomes no, so that "agrees" always points the same way as
    the evidence. Items the survey lacks, and items the register shows nothing about, get a
    row with a note and no values.

    Parameters
    ----------
    net
        The register, a :class:`~wijknet.Network`.
    survey
        A table with one row per respondent (see :func:`answers`).
    item_set
        An :class:`ItemSet` or the name of one in :data:`ITEM_SETS`.
    columns
        The survey column of each item code, where it differs from the code (e.g.
        ``{"contact": "v12"}``).
    on
        The survey's column with resident ids (default ``"resident"``).
    projection, scale, n, level, seed, threads, progress
        As for :func:`compare` (every item uses the same seed).

    Returns
    -------
    DataFrame
        Indexed by item code: ``column``, ``evidence``, ``reversed``, ``n``, ``agreement``,
        ``kappa``, ``kappa_ci_low``, ``kappa_ci_high``, ``difference``,
        ``difference_ci_low``, ``difference_ci_high`` and ``note``; the seed is in
        ``.attrs["seed"]``, the number of respondents not in the register (left out) in
        ``.attrs["outside"]``.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "b", "c"], "activity": ["x", "x", "y"]})
    >>> survey = pd.DataFrame({"resident": ["a", "b", "c"],
    ...                        "know_each_other": ["oneens", "helemaal mee oneens", "eens"]})
    >>> t = wn.survey.compare_items(net, survey, item_set="cbs_social_cohesion", n=0, seed=0)
    >>> t.loc[["know_each_other"], ["evidence", "reversed", "n", "agreement", "kappa"]]
                       evidence  reversed  n  agreement  kappa
    code
    know_each_other  met_anyone      True  3        1.0    1.0
    >>> t.loc["contact", "note"]
    'not in the survey'
    """
    fn = "compare_items"
    net = _args.network(net, fn)
    if isinstance(item_set, str) and item_set in ITEM_SETS:
        item_set = ITEM_SETS[item_set]
    if not isinstance(item_set, ItemSet):
        raise _args.error(
            fn, "item_set", item_set, "give an ItemSet or one of " + ", ".join(repr(k) for k in ITEM_SETS)
        )
    n = _args.whole(n, "n", fn, hint=" of bootstrap replicates")
    level = _level(level, fn)
    seed = _args.resolve_seed(seed, fn)
    threads = _args.threads(threads, fn)
    names = dict(columns or {})
    table, _respondent, outside = _linked(net, survey, on, fn)
    evidence: dict[str, pd.Series] = {}
    rows = []
    for item in item_set.items:
        column = names.get(item.code, item.code)
        row: dict[str, Any] = {"code": item.code, "column": column, "evidence": item.evidence}
        row["reversed"] = item.reversed
        if column not in table.columns:
            rows.append({**row, "note": "not in the survey"})
            continue
        if item.evidence is None:
            rows.append({**row, "note": "the register shows nothing about this item"})
            continue
        if item.evidence not in evidence:
            evidence[item.evidence] = _evidence(net, item.evidence, projection, threads, progress, fn)[0]
        with _quiet_outside():
            coded, outside = _answers(net, survey, column, on, scale, None, fn, reverse=item.reversed)
        result = _compared(
            coded, evidence[item.evidence], column, item.evidence, outside, n, level, int(seed)
        )
        s = result.summary
        rows.append(
            {
                **row,
                "n": result.n,
                "agreement": s.loc["agreement", "value"],
                "kappa": s.loc["kappa", "value"],
                "kappa_ci_low": s.loc["kappa", "ci_low"],
                "kappa_ci_high": s.loc["kappa", "ci_high"],
                "difference": s.loc["difference", "value"],
                "difference_ci_low": s.loc["difference", "ci_low"],
                "difference_ci_high": s.loc["difference", "ci_high"],
                "note": "",
            }
        )
    out = pd.DataFrame(rows).set_index("code")
    order = ["column", "evidence", "reversed", "n", "agreement", "kappa", "kappa_ci_low", "kappa_ci_high"]
    order += ["difference", "difference_ci_low", "difference_ci_high", "note"]
    out = out.reindex(columns=order)
    out["n"] = out["n"].astype("Int64")
    out.attrs["outside"] = outside
    return _args.with_seed(out, int(seed))


# ---------------------------------------------------------------------------------------------
# non-response
# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, repr=False)
class Nonresponse(Result):
    """The result of :func:`nonresponse`.

    Attributes
    ----------
    summary
        Indexed by measure (``degree``, ``met_anyone``, ``component_size``,
        ``in_largest_component``): the mean among ``respondents`` and ``non_respondents``,
        the ``difference`` (respondents − non-respondents) and its interval ``ci_low``,
        ``ci_high``. ``to_frame()`` returns it.
    position
        The measures per resident of the register, with ``respondent``.
    respondents, non_respondents, outside
        Counts: register residents in the survey, not in it, and survey respondents who are
        not residents of the register (left out).
    replicates, level, seed
        Bootstrap replicates, the confidence level and the seed (pass it to reproduce).

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> net = wn.datasets.badhuis(300, seed=0)
    >>> r = wn.survey.nonresponse(net, pd.DataFrame({"resident": net.residents[:50]}), n=200, seed=1)
    >>> r.respondents, r.non_respondents
    (50, 191)
    """

    summary: pd.DataFrame
    position: pd.DataFrame
    respondents: int
    non_respondents: int
    outside: int
    replicates: int
    level: float
    seed: int

    def _frame(self) -> pd.DataFrame:
        """Means, differences and intervals (one row per measure)."""
        return self.summary

    def _head(self) -> str:
        return (
            f"{self.respondents:,} respondents, {self.non_respondents:,} non-respondents, "
            f"{self.outside:,} respondents not in the register; {self.replicates:,} bootstrap "
            f"replicates, seed {self.seed}"
        )

    def __repr__(self) -> str:
        return f"Nonresponse ({self._head()})\n{format_frame(self.summary).to_string()}"

    def _repr_html_(self) -> str:
        import html

        body = format_frame(self.summary).to_html(border=0)
        return f"<div><b>Nonresponse</b><p>{html.escape(self._head())}</p>{body}</div>"


def nonresponse(
    net: Network,
    survey: Any,
    *,
    on: str = "resident",
    projection: Any = None,
    n: int = 1000,
    level: float = 0.95,
    seed: int | None = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> Nonresponse:
    """The network position of respondents against non-respondents, measured by the register:
    mean degree, share who met anyone, mean component size and share in the largest
    component, with the differences and bootstrap intervals.

    Everyone in the register is a participant, so the register shows who answered the survey
    and who did not. If respondents are the better-connected residents, survey shares overstate
    connectedness; :func:`reweight` corrects for it. The means themselves are exact (the
    register holds every participant); the interval says how far the difference could come
    from which residents happened to answer. It resamples respondents and non-respondents
    separately (each group with replacement, its size kept) and takes the percentile interval
    of the replicate differences. Residents of one component share its size, so the intervals
    of ``component_size`` and ``in_largest_component`` treat dependent values as independent:
    read them as approximate.

    Parameters
    ----------
    net
        The register, a :class:`~wijknet.Network`.
    survey
        A table with one row per respondent (the items are not used).
    on
        The survey's column with resident ids (default ``"resident"``).
    projection
        How to project: a :class:`~wijknet.Projection`, a dict of :meth:`Network.project`
        keywords or a ready Graph (None: the default projection).
    n
        Bootstrap replicates (default 1000; 0 gives no interval).
    level
        Confidence level (default 0.95).
    seed
        Integer ≥ 0 for reproducible intervals (None: a fresh seed, recorded as ``.seed``).
    threads, progress
        Threads for projecting (None: :func:`wijknet.set_num_threads`) and the progress
        display of projecting and bootstrapping (None: a bar for long calls, True, False or a
        callable(done, total)).

    Returns
    -------
    Nonresponse
        ``.summary`` (means, difference, interval), ``.position`` (per resident), counts and
        ``.seed``.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": ["a", "b", "c", "d"],
    ...                                   "activity": ["x", "x", "y", "z"]})
    >>> r = wn.survey.nonresponse(net, pd.DataFrame({"resident": ["a", "b"]}), n=100, seed=2)
    >>> r.summary[["respondents", "non_respondents", "difference"]]
                          respondents  non_respondents  difference
    measure
    degree                        1.0              0.0         1.0
    met_anyone                    1.0              0.0         1.0
    component_size                2.0              1.0         1.0
    in_largest_component          1.0              0.0         1.0
    """
    fn = "nonresponse"
    net = _args.network(net, fn)
    n = _args.whole(n, "n", fn, hint=" of bootstrap replicates")
    level = _level(level, fn)
    seed = _args.resolve_seed(seed, fn)
    threads = _args.threads(threads, fn)
    _table, respondent, outside = _linked(net, survey, on, fn)
    position = _position(net, projection, threads, progress, fn)
    mask = respondent.to_numpy()
    yes, no = position.to_numpy()[mask], position.to_numpy()[~mask]
    with np.errstate(invalid="ignore"):
        mean_yes = yes.mean(axis=0) if len(yes) else np.full(position.shape[1], np.nan)
        mean_no = no.mean(axis=0) if len(no) else np.full(position.shape[1], np.nan)
    rng = np.random.default_rng(seed)
    cb = _progress.callback(progress, "bootstrap")
    try:
        boot_yes = _resampled_means(yes, n, rng, cb, 0, 2 * n)
        boot_no = _resampled_means(no, n, rng, cb, n, 2 * n)
    finally:
        _progress.close(cb)
    low, high = (
        _interval(boot_yes - boot_no, level) if n else _interval(np.empty((0, position.shape[1])), level)
    )
    summary = pd.DataFrame(
        {
            "respondents": mean_yes,
            "non_respondents": mean_no,
            "difference": mean_yes - mean_no,
            "ci_low": low,
            "ci_high": high,
        },
        index=pd.Index(position.columns, name="measure"),
    )
    frame = position.copy()
    frame.insert(0, "respondent", mask)
    return Nonresponse(
        summary=summary,
        position=frame,
        respondents=int(mask.sum()),
        non_respondents=int((~mask).sum()),
        outside=outside,
        replicates=n,
        level=level,
        seed=int(seed),
    )


# ---------------------------------------------------------------------------------------------
# reweighting
# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, repr=False)
class Reweighted(Result):
    """The result of :func:`reweight`.

    Attributes
    ----------
    summary
        Two rows: ``respondents`` (the raw share agreeing) and ``all_participants`` (the
        reweighted estimate), each with ``share``, ``ci_low``, ``ci_high`` and ``n`` (people
        it speaks for). ``to_frame()`` returns it.
    strata
        Per stratum: ``residents``, ``respondents`` (who answered the item), ``agreeing``,
        ``response_rate``, ``share_agreeing`` and ``weight`` (residents per respondent, the
        inverse response rate).
    uncovered
        Strata without respondents and their residents (a Series); the all-participant
        estimate speaks only for the ``covered`` residents.
    covered
        Share of the register's residents in strata with respondents.
    item, outside, replicates, level, seed
        The item, survey respondents not in the register (left out), the bootstrap replicates,
        the confidence level and the seed (pass it to reproduce).

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> net = wn.datasets.badhuis(300, seed=0)
    >>> survey = pd.DataFrame({"resident": net.residents[:60], "knows": ["ja", "nee", "ja"] * 20})
    >>> r = wn.survey.reweight(net, survey, item="knows", n=200, seed=1)
    >>> round(float(r.summary.loc["respondents", "share"]), 3)
    0.667
    """

    summary: pd.DataFrame
    strata: pd.DataFrame
    uncovered: pd.Series
    covered: float
    item: str
    outside: int
    replicates: int
    level: float
    seed: int

    def _frame(self) -> pd.DataFrame:
        """The raw and the reweighted share with their intervals."""
        return self.summary

    def text(self, *, lang: str = "en") -> str:
        """The claim in one sentence, in Dutch (``lang="nl"``) or English (``"en"``).

        Parameters
        ----------
        lang
            ``"nl"`` or ``"en"`` (default).

        Returns
        -------
        str
            For example "67% of respondents agree; ≈ 58% of all participants (95% interval
            49–66%)".

        Examples
        --------
        >>> import pandas as pd, wijknet as wn
        >>> net = wn.Network.from_attendance({"resident": ["a", "b", "c", "d"], "activity": ["x"] * 4})
        >>> r = wn.survey.reweight(net, pd.DataFrame({"resident": ["a", "b"], "q": ["ja", "nee"]}),
        ...                        item="q", n=0, seed=0)
        >>> r.text(lang="nl")
        '50% van de respondenten is het eens; naar schatting ≈ 50% van alle deelnemers'
        """
        lang = _args.choice(lang, "lang", "text", ("nl", "en"))
        raw = self.summary.loc["respondents"]
        est = self.summary.loc["all_participants"]

        def pct(x: float) -> str:
            return "–" if np.isnan(x) else f"{100 * x:.0f}%"

        interval = ""
        if not np.isnan(est["ci_low"]):
            word = " interval" if lang == "en" else "-interval"
            interval = f" ({100 * self.level:.0f}%{word} {pct(est['ci_low'])[:-1]}–{pct(est['ci_high'])})"
        if lang == "nl":
            return (
                f"{pct(raw['share'])} van de respondenten is het eens; naar schatting "
                f"≈ {pct(est['share'])} van alle deelnemers{interval}"
            )
        return (
            f"{pct(raw['share'])} of respondents agree; ≈ {pct(est['share'])} of all participants{interval}"
        )

    def _head(self) -> str:
        return (
            f"{self.item!r}: {self.text()}; {self.covered:.0%} of residents in strata with respondents, "
            f"{self.outside:,} respondents not in the register; {self.replicates:,} bootstrap "
            f"replicates, seed {self.seed}"
        )

    def __repr__(self) -> str:
        return f"Reweighted ({self._head()})\n{format_frame(self.summary).to_string()}"

    def _repr_html_(self) -> str:
        import html

        body = format_frame(self.summary).to_html(border=0) + format_frame(self.strata).to_html(border=0)
        return f"<div><b>Reweighted</b><p>{html.escape(self._head())}</p>{body}</div>"


def _strata(
    net: Network, strata: Any, bins: int, projection: Any, threads: Any, progress: Any, fn: str
) -> pd.Series:
    if isinstance(strata, pd.Series):
        labels = strata.reindex(net.residents)
        if labels.isna().any():
            raise ArgumentError(
                f"{fn}(strata=...): {int(labels.isna().sum())} residents of the register have no "
                "stratum; give a label for every resident"
            )
        return labels.astype(str).rename("stratum")
    if strata is not None:
        raise _args.error(
            fn, "strata", strata, "give None (degree quantile bins) or a Series of labels by resident"
        )
    deg = _position(net, projection, threads, progress, fn)["degree"]
    ranked = deg.rank(method="dense")
    cut = (
        pd.qcut(deg, q=bins, duplicates="drop") if ranked.nunique() > 1 else pd.Series("all", index=deg.index)
    )
    if isinstance(cut.dtype, pd.CategoricalDtype):
        codes = pd.Series(cut.cat.codes.to_numpy(), index=deg.index)
        span = deg.groupby(codes).agg(["min", "max"]).astype(int)
        names = {
            code: f"degree {lo}" if lo == hi else f"degree {lo}–{hi}"
            for code, lo, hi in zip(span.index, span["min"], span["max"], strict=True)
        }
        cut = codes.map(names)
    return cut.rename("stratum")


def reweight(
    net: Network,
    survey: Any,
    *,
    item: str,
    on: str = "resident",
    strata: Any = None,
    bins: int = 5,
    projection: Any = None,
    scale: Any = None,
    agree: Any = None,
    n: int = 1000,
    level: float = 0.95,
    seed: int | None = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> Reweighted:
    """The share of respondents who agree, re-estimated for all participants by weighting
    respondents within network-position strata: "73% of respondents" becomes "≈ y% of all
    participants (interval)".

    Every resident of the register is a participant. The residents are split into strata —
    by default ``bins`` quantile bins of degree in the projection — and in each stratum the
    respondents who answered the item stand for all its residents: each gets the weight
    residents / respondents (the inverse of the stratum's response rate). The estimate is the
    weighted share agreeing, Σ_h N_h p_h / Σ_h N_h over strata h with respondents. Strata
    without respondents cannot be represented: they are reported (``.uncovered``) and the
    estimate speaks for the residents of the other strata (``.covered``).

    The assumption: within a stratum, whether a resident answered does not depend on what they
    would answer (response depends only on the strata). If it also depends on something the
    strata do not capture, the estimate keeps that bias.

    The interval keeps the register's stratum sizes fixed (the register is all participants)
    and redraws the respondents' answers in each stratum (agreeing counts binomial with the
    stratum's share), without finite-population correction. The raw share's interval redraws
    the respondents' answers the same way. Coverage, measured in the test suite on 300
    registers of four strata (50–200 residents, response 10–80%, 500 replicates): the 95%
    interval covered the model's all-participant share in 95% of them.

    Parameters
    ----------
    net
        The register, a :class:`~wijknet.Network`.
    survey
        A table with one row per respondent (see :func:`answers`).
    item
        The survey column of the claim.
    on
        The survey's column with resident ids (default ``"resident"``).
    strata
        None (degree quantile bins) or a Series of stratum labels indexed by resident (every
        resident of the register needs one), e.g. degree bins crossed with an attribute.
    bins
        The number of degree quantile bins (default 5; bins with equal edges merge, so
        residents without ties may form one stratum).
    projection
        How to project for the degree: a :class:`~wijknet.Projection`, a dict of
        :meth:`Network.project` keywords or a ready Graph (None: the default projection).
    scale, agree
        How answers are read and which agree (see :func:`answers`).
    n
        Bootstrap replicates (default 1000; 0 gives no interval).
    level
        Confidence level (default 0.95).
    seed
        Integer ≥ 0 for reproducible intervals (None: a fresh seed, recorded as ``.seed``).
    threads, progress
        For projecting: threads (None: :func:`wijknet.set_num_threads`) and the progress
        display (None: a bar for long calls, True, False or a callable(done, total)).

    Returns
    -------
    Reweighted
        ``.summary`` (raw and reweighted share with intervals), ``.strata``, ``.uncovered``,
        ``.covered``, ``.text(lang=)`` and ``.seed``.

    Examples
    --------
    >>> import pandas as pd, wijknet as wn
    >>> net = wn.Network.from_attendance({"resident": list("abcdef"),
    ...                                   "activity": ["x", "x", "x", "y", "z", "w"]})
    >>> survey = pd.DataFrame({"resident": ["a", "b", "d"], "q": ["ja", "ja", "nee"]})
    >>> r = wn.survey.reweight(net, survey, item="q", bins=2, n=0, seed=0)
    >>> r.strata[["residents", "respondents", "share_agreeing", "weight"]]
              residents  respondents  share_agreeing  weight
    stratum
    degree 0          3            1             0.0     3.0
    degree 2          3            2             1.0     1.5
    >>> r.text()
    '67% of respondents agree; ≈ 50% of all participants'
    """
    fn = "reweight"
    net = _args.network(net, fn)
    n = _args.whole(n, "n", fn, hint=" of bootstrap replicates")
    bins = _args.whole(bins, "bins", fn, minimum=1)
    level = _level(level, fn)
    seed = _args.resolve_seed(seed, fn)
    threads = _args.threads(threads, fn)
    coded, outside = _answers(net, survey, item, on, scale, agree, fn)
    labels = _strata(net, strata, bins, projection, threads, progress, fn)
    answered = (coded["respondent"] & coded["agrees"].notna()).to_numpy()
    agreeing = coded["agrees"].fillna(False).to_numpy(dtype=bool) & answered
    frame = pd.DataFrame({"stratum": labels.to_numpy(), "answered": answered, "agreeing": agreeing})
    grouped = frame.groupby("stratum", sort=False)
    table = pd.DataFrame(
        {
            "residents": grouped.size(),
            "respondents": grouped["answered"].sum(),
            "agreeing": grouped["agreeing"].sum(),
        }
    )
    order = pd.Index(pd.unique(labels.sort_values(key=_stratum_key)), name="stratum")
    table = table.reindex(order).astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["response_rate"] = table["respondents"] / table["residents"]
        table["share_agreeing"] = table["agreeing"] / table["respondents"]
        table["weight"] = table["residents"] / table["respondents"].where(table["respondents"] > 0)
    seen = table["respondents"].to_numpy() > 0
    sizes = table["residents"].to_numpy(dtype=float)[seen]
    answered_h = table["respondents"].to_numpy()[seen]
    shares = table["share_agreeing"].to_numpy(dtype=float)[seen]
    total_answered = int(answered_h.sum())
    raw = float(table["agreeing"].sum() / total_answered) if total_answered else np.nan
    estimate = float((sizes * shares).sum() / sizes.sum()) if seen.any() else np.nan
    rng = np.random.default_rng(seed)
    if n and total_answered:
        draws = _in_blocks(lambda size: rng.binomial(answered_h, shares, size=(size, len(answered_h))), n)
        boot_est = (draws / answered_h * sizes).sum(axis=1) / sizes.sum()
        boot_raw = draws.sum(axis=1) / total_answered
        raw_low, raw_high = _interval(boot_raw[:, None], level)
        est_low, est_high = _interval(boot_est[:, None], level)
    else:
        raw_low = raw_high = est_low = est_high = np.array([np.nan])
    summary = pd.DataFrame(
        {
            "share": [raw, estimate],
            "ci_low": [float(raw_low[0]), float(est_low[0])],
            "ci_high": [float(raw_high[0]), float(est_high[0])],
            "n": [total_answered, int(sizes.sum())],
        },
        index=pd.Index(["respondents", "all_participants"], name="population"),
    )
    uncovered = table.loc[~seen, "residents"].rename("residents")
    return Reweighted(
        summary=summary,
        strata=table,
        uncovered=uncovered,
        covered=float(sizes.sum() / len(labels)) if len(labels) else np.nan,
        item=str(item),
        outside=outside,
        replicates=n,
        level=level,
        seed=int(seed),
    )


def _stratum_key(labels: pd.Series) -> pd.Series:
    def key(label: str) -> tuple:
        if label.startswith("degree "):
            first = label[len("degree ") :].split("–")[0]
            if first.isdigit():
                return (0, int(first), label)
        return (1, 0, label)

    keys = {label: key(label) for label in pd.unique(labels)}  # each label once
    return labels.map(keys)
