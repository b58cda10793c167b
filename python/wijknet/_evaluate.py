"""The computations behind :func:`wijknet.evaluate` (private): one function per section of the
report, each adding indicators (with the wijknet call that reproduces their value), tables,
figures and notes on what was left out.

Every value comes from a public wijknet call, printed beside it in the report; the snippets
assume the report's preamble (:data:`PREAMBLE`): ``net`` the register, ``proj`` the projection
(residents met at the same session, sessions of ``big_event`` or more left out), ``g`` that
projection, ``survey`` the survey table.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from . import _intervals, indicators
from ._errors import WijknetError
from .network import Network

#: Random registers drawn for the null-model comparison of two-mode clustering, at most (each
#: is a whole register; 50 resolve a one-sided p-value to 0.02).
NULL_SAMPLES = 50
#: Per-group indicators are listed one by one up to this many groups; beyond it they are shown
#: as one table per characteristic (and stay in ``to_frame()``).
MAX_LISTED_GROUPS = 12
#: Days after the first visit at which the share with a role is read from the Kaplan–Meier curve.
ROLE_HORIZON = 180
#: QAP permutations, at most.
QAP_PERMUTATIONS = 500

#: The lines that define the names the reproducing calls use.
PREAMBLE = (
    "import wijknet as wn\n"
    'proj = wn.Projection(weight="count", unit="session", max_activity_size={small})  # sessions under {big_event}\n'
    "g = net.project(**proj.to_dict())  # who met whom, and how often\n"
)


@dataclasses.dataclass
class Row:
    """One indicator value of the report."""

    code: str
    value: float
    call: str
    group: str | None = None
    ci: tuple[float, float] | None = None
    n: int | None = None
    null: float | None = None
    p: float | None = None
    note: tuple[str, str] | None = None  # (English, Dutch) remark shown with the value
    params: dict = dataclasses.field(default_factory=dict)
    suppressed: bool = False
    listed: bool = True  # False: in to_frame() and a group table, not among the report's rows


@dataclasses.dataclass
class Table:
    """A table of the report (already safe to publish)."""

    section: str
    title: tuple[str, str]
    frame: pd.DataFrame
    note: tuple[str, str] | None = None


@dataclasses.dataclass
class Figure:
    """A figure of the report: a wijknet.plot call drawn when the report is written."""

    section: str
    caption: tuple[str, str]
    draw: Draw
    call: str


@dataclasses.dataclass
class Draw:
    """A wijknet.plot call kept for later: ``Draw.call("growth", net)(lang, ax)`` draws it
    (plain fields, so that a saved report keeps its figures)."""

    name: str
    args: tuple = ()
    kwargs: dict = dataclasses.field(default_factory=dict)

    @classmethod
    def call(cls, name: str, *args: Any, **kwargs: Any) -> Draw:
        return cls(name, args, kwargs)

    def __call__(self, lang: str, ax: Any) -> None:
        getattr(_plot(), self.name)(*self.args, lang=lang, ax=ax, **self.kwargs)


@dataclasses.dataclass
class Omitted:
    """An indicator (or a whole section) left out, and what would enable it."""

    section: str
    codes: tuple[str, ...]
    why: tuple[str, str]


_NO_INTERVAL_NETWORK = (
    "A whole-network measure: residents are not independent units for it, so no interval "
    "with a known coverage exists; read it as a description.",
    "Een maat van het hele netwerk: bewoners zijn daarvoor geen onafhankelijke eenheden, dus "
    "er bestaat geen interval met een bekende dekking; lees het als beschrijving.",
)


class Context:
    """What every section needs: the register, its projection, options."""

    def __init__(
        self,
        net: Network,
        *,
        survey: pd.DataFrame | None,
        attributes: list[str],
        before: tuple | None,
        after: tuple | None,
        lang: str,
        min_cell: int,
        seed: int,
        n: int,
        big_event: int,
        support: str,
        progress: Any,
        threads: int | None,
    ) -> None:
        self.net = net
        self.survey = survey
        self.attributes = attributes
        self.before = before
        self.after = after
        self.lang = lang
        self.min_cell = min_cell
        self.seed = seed
        self.n = n
        self.big_event = big_event
        self.support = support
        self.progress = progress
        self.threads = threads
        self.rows: list[tuple[str, Row]] = []
        self.tables: list[Table] = []
        self.figures: list[Figure] = []
        self.omitted: list[Omitted] = []
        self._draws = 0

        self.residents = net.residents
        self.events = indicators.big_sessions(net, big_event=big_event)
        self.proj: dict[str, Any] = {"weight": "count", "unit": "session", "max_activity_size": big_event - 1}
        self.g = net.project(
            weight="count",
            unit="session",
            max_activity_size=big_event - 1,
            threads=threads,
            progress=progress,
        )
        self.degree = _per_resident(_degree(self.g), self.residents)
        frame = net.to_frame()
        self.dated = "date" in frame.columns and frame["date"].notna().any()
        roles = frame["role"].astype(str)
        self.has_roles = bool((roles != "participant").any())
        self.role_residents = pd.Index(frame.loc[roles != "participant", "resident"].unique())

    def next_seed(self) -> int:
        """A seed of its own for each random call (the report's seed + a running number)."""
        self._draws += 1
        return int((self.seed + 7919 * self._draws) % (2**63))

    def add(self, section: str, row: Row) -> None:
        self.rows.append((section, row))

    def omit(self, section: str, codes: tuple[str, ...] | str, why: tuple[str, str]) -> None:
        self.omitted.append(Omitted(section, (codes,) if isinstance(codes, str) else codes, why))

    def interval(
        self, kind: str, method: Callable[..., tuple[float, float]], *args: Any, **kw: Any
    ) -> tuple[tuple[float, float] | None, tuple[str, str] | None]:
        """The interval of a statistic of ``kind`` (a key of ``_intervals.CALIBRATED``), or
        None and the reason when intervals of that kind are not calibrated."""
        cov = _intervals.coverage(kind)
        if not cov.calibrated:
            return None, (cov.reason("en"), cov.reason("nl"))
        if self.n == 0:
            return None, None
        return _ci(method(*args, n=self.n, seed=self.next_seed(), **kw)), None

    def share(self, section: str, code: str, flags: pd.Series, call: str, **kw: Any) -> None:
        """A share of residents (a 0/1 per resident) with its interval."""
        values = flags.dropna().astype(float).to_numpy()
        if values.size == 0:
            return
        ci, why = self.interval("share", _intervals.mean_interval, values)
        kw.setdefault("note", why)
        self.add(section, Row(code, float(values.mean()), call, ci=ci, n=int(values.size), **kw))

    def mean(
        self, section: str, code: str, values: pd.Series, call: str, *, ties: bool = False, **kw: Any
    ) -> None:
        """A mean over residents with its interval (``ties``: the values count ties)."""
        v = values.dropna().astype(float).to_numpy()
        if v.size == 0:
            return
        if ties:
            ci, why = self.interval("mean_ties", _intervals.mean_interval, v, ties=True)
        else:
            ci, why = self.interval("mean", _intervals.mean_interval, v)
        kw.setdefault("note", why)
        self.add(section, Row(code, float(v.mean()), call, ci=ci, n=int(v.size), **kw))

    def tie_share(
        self, numerator: np.ndarray, denominator: np.ndarray
    ) -> tuple[tuple[float, float] | None, tuple[str, str] | None]:
        """The interval of a share of ties from per-resident counts."""
        return self.interval("ratio_ties", _intervals.ratio_interval, numerator, denominator, ties=True)

    def difference(
        self, a: np.ndarray, b: np.ndarray
    ) -> tuple[tuple[float, float] | None, tuple[str, str] | None]:
        """The interval of a difference between two groups' means."""
        return self.interval("difference", _intervals.difference_interval, a, b)


def _reason(kind: str) -> tuple[str, str]:
    """Why intervals of ``kind`` are not shown (English, Dutch)."""
    cov = _intervals.coverage(kind)
    return (cov.reason("en"), cov.reason("nl"))


def _ci(ci: tuple[float, float] | None) -> tuple[float, float] | None:
    if ci is None or not all(math.isfinite(x) for x in ci):
        return None
    return (float(ci[0]), float(ci[1]))


def _degree(g: Any) -> pd.Series:
    from .metrics import degree

    return degree(g)


def _per_resident(values: pd.Series, residents: pd.Index, fill: float = 0) -> pd.Series:
    """A per-node Series on every resident of the register (residents absent from the
    projection met nobody: ``fill``)."""
    return values.reindex(residents, fill_value=fill)


# ---- the sections ----------------------------------------------------------------------------


def verbondenheid(c: Context) -> None:
    from .cohesion import reach_summary
    from .ego import strong_ties
    from .metrics import connected_components, degree

    s = "verbondenheid"
    c.add(s, Row("residents", float(len(c.residents)), "len(net.residents)", n=len(c.residents)))
    big = int(c.events["big_sessions"].sum()) if len(c.events) else 0
    c.add(
        s,
        Row(
            "big_sessions",
            float(big),
            f'wn.indicators.big_sessions(net, big_event={c.big_event})["big_sessions"].sum()',
            params={"threshold": c.big_event},
        ),
    )
    if big:
        sensitive = set(c.net.sensitive_activities())
        shown = c.events.drop(index=[a for a in c.events.index if a in sensitive])
        c.tables.append(
            Table(
                s,
                (
                    f"Activities with sessions of {c.big_event} or more (set apart)",
                    f"Activiteiten met bijeenkomsten van {c.big_event} of meer (apart gezet)",
                ),
                shown,
                (
                    "sessions: all sessions of the activity; big_sessions: those set apart.",
                    "sessions: alle bijeenkomsten van de activiteit; big_sessions: de apart gezette.",
                ),
            )
        )
        g_all = c.net.project(weight="count", unit="session", threads=c.threads, progress=c.progress)
        met_all = _per_resident(degree(g_all), c.residents) >= 1
        c.share(
            s,
            "met_anyone_all",
            met_all,
            '(wn.degree(net.project(unit="session")) >= 1).mean()',
        )
    c.share(
        s,
        "met_anyone",
        c.degree >= 1,
        "(wn.degree(g).reindex(net.residents, fill_value=0) >= 1).mean()",
    )
    for k in (2, 3):
        strong = _per_resident(strong_ties(c.g, threshold=k, threads=c.threads), c.residents)
        c.share(
            s,
            f"repeated_contact_{k}",
            strong >= 1,
            f"(wn.ego.strong_ties(g, threshold={k}).reindex(net.residents, fill_value=0) >= 1).mean()",
        )
    c.mean(
        s, "coparticipants", c.degree, "wn.degree(g).reindex(net.residents, fill_value=0).mean()", ties=True
    )
    c.add(
        s,
        Row(
            "coparticipants_median",
            float(c.degree.median()),
            "wn.degree(g).reindex(net.residents, fill_value=0).median()",
            n=len(c.residents),
        ),
    )
    summary = reach_summary(c.g, steps=2, threads=c.threads, progress=c.progress)
    c.add(
        s,
        Row(
            "reach_2",
            float(summary["mean_share_2"]),
            'wn.reach_summary(g)["mean_share_2"]',
            n=c.g.number_of_nodes(),
            note=_reason("mean_reach"),
        ),
    )
    comp = connected_components(c.g)
    largest = int(comp.value_counts().max()) if len(comp) else 0
    c.add(
        s,
        Row(
            "largest_component",
            largest / max(len(c.residents), 1),
            "wn.connected_components(g).value_counts().max() / len(net.residents)",
            n=len(c.residents),
            note=_NO_INTERVAL_NETWORK,
        ),
    )
    _two_mode_clustering(c)
    if c.dated:
        _tie_formation(c)
    else:
        c.omit(
            s,
            ("ties_within_30", "ties_within_90"),
            (
                "Needs dates in the register (date=), to know when residents joined.",
                "Vraagt om data in het register (date=), om te weten wanneer bewoners begonnen.",
            ),
        )
    c.figures.append(
        Figure(
            s,
            (
                "How many different residents each resident met (sessions under the big-event size).",
                "Hoeveel verschillende bewoners elke bewoner trof (bijeenkomsten onder de evenementgrootte).",
            ),
            Draw.call("coparticipants", c.g),
            "wn.plot.coparticipants(g)",
        )
    )
    met = c.degree[c.degree > 0].index
    alone = len(c.residents) - len(met)
    colour = c.attributes[0] if c.attributes else None
    c.figures.append(
        Figure(
            s,
            (
                f"Who met whom: each dot a resident, without names; the {alone:,} residents who met "
                "nobody are left out, and large networks are drawn as a stated sample.",
                f"Wie wie trof: elke stip een bewoner, zonder namen; de {_texts_int(alone)} bewoners "
                "die niemand troffen staan er niet in, en grote netwerken zijn als vermelde "
                "steekproef getekend.",
            ),
            Draw.call("network", c.g.subgraph(met), seed=c.seed, max_nodes=1500, color=colour),
            f"wn.plot.network(g.subgraph(wn.degree(g).loc[lambda d: d > 0].index), seed={c.seed}, "
            f"max_nodes=1500{f', color={colour!r}' if colour else ''})",
        )
    )


def _two_mode_clustering(c: Context) -> None:
    from . import null

    seed = c.next_seed()
    n = min(c.n, NULL_SAMPLES)
    if n < 20 or len(c.net.activities) < 2:
        return
    try:
        res = null.test(
            c.net,
            "robins_alexander_clustering",
            n=n,
            seed=seed,
            alternative="greater",
            threads=c.threads,
            progress=c.progress,
        )
    except WijknetError:  # a register too small or too regular for the null model
        c.omit(
            "verbondenheid",
            "two_mode_clustering",
            (
                "The register is too small or too regular for the null model.",
                "Het register is te klein of te regelmatig voor het nulmodel.",
            ),
        )
        return
    c.add(
        "verbondenheid",
        Row(
            "two_mode_clustering",
            float(res.observed),
            f'wn.null.test(net, "robins_alexander_clustering", n={n}, seed={seed}, alternative="greater").observed',
            null=float(res.mean),
            p=float(res.p),
            note=(
                f"Compared with {n} random registers with the same margins (curveball); one-sided "
                "p: the share of them with clustering at least as high.",
                f"Vergeleken met {n} willekeurige registers met dezelfde marges (curveball); "
                "eenzijdige p: het aandeel daarvan met een minstens even hoge clustering.",
            ),
        ),
    )


def _tie_formation(c: Context) -> None:
    for days in (30, 90):
        flags = indicators.met_within(c.net, days=days, big_event=c.big_event)
        call = f"wn.indicators.met_within(net, days={days}, big_event={c.big_event}).mean()"
        c.share("verbondenheid", f"ties_within_{days}", flags, call)


def steunend_netwerk(c: Context) -> None:
    from .association import qap
    from .ego import constraint, effective_size, nobody_to_ask, reciprocity, support_sources

    s = "steunend_netwerk"
    co = c.net.layer("co-organising") if "co-organising" in c.net.layers else None
    if co is not None and c.has_roles:
        organisers = c.role_residents
        deg = _per_resident(_degree(co), organisers)
        c.share(
            s,
            "co_organisers",
            deg >= 1,
            '(wn.degree(net.layer("co-organising")).reindex(wn.indicators.role_residents(net)) >= 1).mean()',
        )
    elif not c.has_roles:
        c.omit(
            s,
            ("co_organisers", "co_organising_support"),
            (
                "Needs roles in the register (role=: participant, volunteer, organiser).",
                "Vraagt om rollen in het register (role=: deelnemer, vrijwilliger, organisator).",
            ),
        )
    if c.support not in c.net.layers:
        c.omit(
            s,
            (
                "nobody_to_ask",
                "support_sources",
                "support_reciprocity",
                "support_effective_size",
                "support_constraint",
                "co_organising_support",
                "support_among_co_organisers",
            ),
            (
                f"Needs a survey layer of support ties named '{c.support}' "
                '(net.with_ties(table, source="ego", target="alter", layer="support", '
                "respondents=...)): who would you ask for help?",
                f"Vraagt om een enquêtelaag met steunrelaties met de naam '{c.support}' "
                '(net.with_ties(tabel, source="ego", target="alter", layer="support", '
                "respondents=...)): wie zou u om hulp vragen?",
            ),
        )
        return
    layer = c.net.layer(c.support)
    lay = repr(c.support)
    nobody = nobody_to_ask(layer).reindex(c.residents)
    c.share(
        s,
        "nobody_to_ask",
        nobody,
        f"wn.ego.nobody_to_ask(net.layer({lay})).reindex(net.residents).dropna().mean()",
    )
    sources = support_sources(layer).reindex(c.residents)
    c.mean(
        s,
        "support_sources",
        sources.astype("Float64"),
        f"wn.ego.support_sources(net.layer({lay})).reindex(net.residents).dropna().mean()",
    )
    if layer.is_directed():
        c.add(
            s,
            Row(
                "support_reciprocity",
                float(reciprocity(layer)),
                f"wn.reciprocity(net.layer({lay}))",
                n=layer.number_of_edges(),
                note=_NO_INTERVAL_NETWORK,
            ),
        )
    answered = sources.dropna()
    named = answered[answered > 0].index
    if len(named):
        eff = effective_size(layer).reindex(named)
        c.mean(
            s,
            "support_effective_size",
            eff,
            f"wn.ego.effective_size(net.layer({lay})).reindex(wn.ego.support_sources(net.layer({lay})).pipe(lambda x: x[x > 0]).index.intersection(net.residents)).mean()",
        )
        con = constraint(layer).reindex(named).dropna()
        if len(con):
            c.add(
                s,
                Row(
                    "support_constraint",
                    float(con.median()),
                    f"wn.ego.constraint(net.layer({lay})).reindex(wn.ego.support_sources(net.layer({lay})).pipe(lambda x: x[x > 0]).index.intersection(net.residents)).median()",
                    n=len(con),
                ),
            )
    if co is None or not c.has_roles:
        return
    seed = c.next_seed()
    n = min(c.n, QAP_PERMUTATIONS)
    try:
        res = qap(co, layer, n=n, seed=seed, weight=None, threads=c.threads, progress=c.progress)
    except WijknetError as e:  # too few shared nodes
        c.omit(s, "co_organising_support", (f"QAP could not run: {e}", f"QAP kon niet draaien: {e}"))
        return
    frame = res.to_frame()
    est = float(frame.loc["correlation", "estimate"])
    null_mean = float(frame.loc["correlation", "null_mean"])
    p = float(frame.loc["correlation", "p_greater"])
    c.add(
        s,
        Row(
            "co_organising_support",
            est,
            f'wn.association.qap(net.layer("co-organising"), net.layer({lay}), n={n}, seed={seed}, weight=None).to_frame().loc["correlation", "estimate"]',
            null=null_mean,
            p=p,
            note=(
                f"One-sided p: the share of {n} shuffles with a correlation at least as high.",
                f"Eenzijdige p: het aandeel van {n} herschikkingen met een minstens even hoge correlatie.",
            ),
        ),
    )
    _support_pairs(c, lay)


def _support_pairs(c: Context, lay: str) -> None:
    """Of co-organising pairs of respondents, the share where one names the other as support,
    beside the same share for all other pairs of respondents."""
    pairs = indicators.support_among_co_organisers(c.net, support=c.support)
    k = int(pairs["pairs"])
    if k == 0:
        return
    c.add(
        "steunend_netwerk",
        Row(
            "support_among_co_organisers",
            float(pairs["co_organisers"]),
            f'wn.indicators.support_among_co_organisers(net, support={lay})["co_organisers"]',
            n=k,
            null=float(pairs["other_pairs"]),
            note=(
                "No interval: pairs that share a resident are not independent, and no interval for "
                "shares of pairs was checked; the QAP test above is the test of this claim.",
                "Geen interval: paren met een bewoner gemeen zijn niet onafhankelijk, en voor "
                "aandelen van paren is geen interval nagegaan; de QAP-toets hierboven toetst deze "
                "bewering.",
            ),
        ),
    )


def empowerment(c: Context) -> None:
    from . import empowerment as emp

    s = "empowerment"
    if not c.has_roles:
        c.omit(
            s,
            ("took_role", "became_organiser", "days_to_role", "role_uptake_km", "new_organisers"),
            (
                "Needs roles in the register (role=: participant, volunteer, organiser).",
                "Vraagt om rollen in het register (role=: deelnemer, vrijwilliger, organisator).",
            ),
        )
        return
    if not c.dated:
        c.omit(
            s,
            (
                "took_role",
                "became_organiser",
                "days_to_role",
                "role_uptake_km",
                "new_organisers",
                "position_change",
            ),
            (
                "Needs dates in the register (date=), to see roles change over time.",
                "Vraagt om data in het register (date=), om rollen in de tijd te zien veranderen.",
            ),
        )
    else:
        c.share(s, "took_role", indicators.took_role(c.net), "wn.indicators.took_role(net).mean()")
        _role_activities(c)
        c.share(
            s,
            "became_organiser",
            indicators.became_organiser(c.net),
            "wn.indicators.became_organiser(net).mean()",
        )
        first_days = indicators.days_to_role(c.net).dropna()
        if len(first_days):
            c.add(
                s,
                Row(
                    "days_to_role",
                    float(first_days.median()),
                    "wn.indicators.days_to_role(net).median()",
                    n=len(first_days),
                ),
            )
        ru = emp.role_uptake(c.net, role="volunteer")
        km = ru.table
        within = km[km["time"] <= ROLE_HORIZON]
        if len(km) and km["time"].max() >= ROLE_HORIZON and len(within):
            at = within.iloc[-1]
            c.add(
                s,
                Row(
                    "role_uptake_km",
                    1 - float(at["survival"]),
                    f'1 - wn.empowerment.role_uptake(net).table.query("time <= {ROLE_HORIZON}")["survival"].iloc[-1]',
                    ci=_ci((1 - float(at["ci_high"]), 1 - float(at["ci_low"]))),
                    n=int(ru.n),
                    note=(
                        "Interval: Greenwood's 95% log-log interval of the Kaplan–Meier curve at "
                        f"{ROLE_HORIZON} days.",
                        "Interval: Greenwoods 95%-log-log-interval van de Kaplan–Meier-curve bij "
                        f"{ROLE_HORIZON} dagen.",
                    ),
                ),
            )
        else:
            c.omit(
                s,
                "role_uptake_km",
                (
                    f"The register follows residents for less than {ROLE_HORIZON} days.",
                    f"Het register volgt bewoners korter dan {ROLE_HORIZON} dagen.",
                ),
            )
        new = emp.new_organisers(c.net, freq="M")
        if len(new) > 1:
            c.add(
                s,
                Row(
                    "new_organisers",
                    float(new["new"].iloc[1:].sum()),
                    'wn.empowerment.new_organisers(net, freq="M")["new"].iloc[1:].sum()',
                    n=int(new["cumulative"].iloc[-1]),
                ),
            )
        c.figures.append(
            Figure(
                s,
                (
                    "Role trajectories: from participant to volunteer to organiser.",
                    "Rolpaden: van deelnemer naar vrijwilliger naar organisator.",
                ),
                Draw.call("trajectories", c.net, min_cell=c.min_cell),
                f"wn.plot.trajectories(net, min_cell={c.min_cell})",
            )
        )
        _position_change(c)
    load = emp.organiser_load(c.net, top=5)
    if int(load.n) >= 2:
        c.add(
            s,
            Row(
                "organiser_top5_share",
                float(load.top_share),
                "wn.empowerment.organiser_load(net, top=5).top_share",
                n=int(load.n),
            ),
        )
        c.add(
            s,
            Row("organiser_gini", float(load.gini), "wn.empowerment.organiser_load(net).gini", n=int(load.n)),
        )
    _organiser_bridging(c)


def _role_activities(c: Context) -> None:
    """Where participants first took on a role: the ten activities with the most of them."""
    from . import empowerment as emp

    moved = indicators.took_role(c.net)
    moved = moved[moved]
    if moved.empty:
        return
    where = emp.trajectories(c.net).loc[moved.index, "volunteer_activity"]
    sensitive = set(c.net.sensitive_activities())
    counts = where[~where.isin(sensitive)].value_counts()
    if counts.empty or counts.iloc[0] < c.min_cell:
        return  # every count would be suppressed: the trajectories figure shows the totals
    frame = counts.head(10).rename("residents").to_frame()
    frame.index.name = "activity"
    c.tables.append(
        Table(
            "empowerment",
            (
                "Where participants first took on a role",
                "Waar deelnemers voor het eerst een rol op zich namen",
            ),
            frame,
            (
                "The ten activities with the most residents who took their first role there.",
                "De tien activiteiten met de meeste bewoners die daar hun eerste rol op zich namen.",
            ),
        )
    )


def _position_change(c: Context) -> None:
    from . import empowerment as emp

    pc = emp.position_change(
        c.net, role="volunteer", window=90, projection=c.proj, threads=c.threads, progress=c.progress
    )
    table = pc.table
    col = "degree_change"
    if len(table) == 0:
        return
    c.mean(
        "empowerment",
        "position_change",
        table[col],
        'wn.empowerment.position_change(net, role="volunteer", window=90, projection=proj).mean_degree_change',
        ties=True,
        note=(
            "A role brings contact with more people by itself: read it as a description, not as "
            "an effect of the role.",
            "Een rol brengt vanzelf contact met meer mensen: lees het als beschrijving, niet als "
            "effect van de rol.",
        ),
    )


def _organiser_bridging(c: Context) -> None:
    from .mixing import cross_group_share

    if not c.attributes:
        c.omit(
            "empowerment",
            "organiser_bridging",
            (
                "Needs a resident characteristic to define groups (attributes=).",
                "Vraagt om een kenmerk van bewoners om groepen te maken (attributes=).",
            ),
        )
        return
    attr = c.attributes[0]
    shares = _quiet(lambda: cross_group_share(c.g, attr)).reindex(c.residents)
    with_role = shares.index.isin(c.role_residents)
    a = shares[with_role].dropna().to_numpy()
    b = shares[~with_role].dropna().to_numpy()
    if len(a) < 2 or len(b) < 2:
        return
    ci, why = c.difference(a, b)
    c.add(
        "empowerment",
        Row(
            "organiser_bridging",
            float(a.mean() - b.mean()),
            f"wn.indicators.organiser_bridging(g, {attr!r}, roles=wn.indicators.role_residents(net))",
            group=attr,
            ci=ci,
            n=len(a) + len(b),
            note=why,
        ),
    )


def sociaal_kapitaal(c: Context) -> None:
    s = "sociaal_kapitaal"
    if not c.attributes:
        c.omit(
            s,
            ("bonding", "bridging", "bonding_by_group"),
            (
                "Needs a resident characteristic to define groups (attributes=, e.g. the "
                "neighbourhood or age group).",
                "Vraagt om een kenmerk van bewoners om groepen te maken (attributes=, bijvoorbeeld "
                "de buurt of leeftijdsgroep).",
            ),
        )
    else:
        attr = c.attributes[0]
        within, total, groups = _tie_counts(c, attr)
        from .mixing import ei_index

        ei = _quiet(functools.partial(ei_index, c.g, attr))
        by_group = _quiet(functools.partial(ei_index, c.g, attr, level="group"))
        chance = (1 - float(ei.loc["network", "expected"])) / 2  # the within share if ties ignored groups
        if total.sum() > 0:
            ci, why = c.tie_share(within, total)
            share = float(within.sum() / total.sum())
            call = f"wn.indicators.bonding(g, {attr!r})"
            ties = int(total.sum() // 2)
            c.add(s, Row("bonding", share, call, group=attr, ci=ci, n=ties, note=why, null=chance))
            ci_b = (1 - ci[1], 1 - ci[0]) if ci else None
            c.add(
                s,
                Row(
                    "bridging",
                    1 - share,
                    f"1 - {call}",
                    group=attr,
                    ci=ci_b,
                    n=ties,
                    note=why,
                    null=1 - chance,
                ),
            )
            for name, members in groups.items():
                w = within[members]
                t = total[members]
                size = int(len(members))
                if t.sum() == 0:
                    continue
                row = Row(
                    "bonding_by_group",
                    float(w.sum() / t.sum()),
                    f"wn.indicators.bonding(g, {attr!r}, group={_literal(name)})",
                    group=f"{attr} = {name}",
                    n=size,
                    listed=len(groups) <= MAX_LISTED_GROUPS,
                    null=(1 - float(by_group.loc[name, "expected"])) / 2 if name in by_group.index else None,
                )
                row.ci, row.note = c.tie_share(w, t)
                c.add(s, row)
            if len(groups) <= MAX_LISTED_GROUPS:  # more groups: the table of groups instead
                c.figures.append(
                    Figure(
                        s,
                        (
                            f"Who met whom, by {attr} (share of ties).",
                            f"Wie wie trof, naar {attr} (aandeel contacten).",
                        ),
                        Draw.call("mixing", c.g, attr),
                        f"wn.plot.mixing(g, {attr!r})",
                    )
                )
    if not c.has_roles:
        c.omit(
            s,
            "linking",
            (
                "Needs roles in the register (role=).",
                "Vraagt om rollen in het register (role=).",
            ),
        )
        return
    _linking(c)


def _tie_counts(c: Context, attr: str) -> tuple[np.ndarray, np.ndarray, dict[Any, np.ndarray]]:
    """Per node of the projection: ties within its group, ties with a known group, and the
    node positions of each group."""
    t = _quiet(lambda: indicators.tie_counts(c.g, attr))
    codes, cats = pd.factorize(t["group"], use_na_sentinel=True)
    groups = {cat: np.flatnonzero(codes == i) for i, cat in enumerate(cats)}
    return t["within"].to_numpy(dtype=float), t["ties"].to_numpy(dtype=float), groups


def _group_table(
    c: Context,
    attr: str,
    groups: dict[Any, np.ndarray],
    within: np.ndarray,
    total: np.ndarray,
    by_group: pd.DataFrame,
) -> None:
    """Many groups: one table (groups of at least ``min_cell`` residents) instead of a row each."""
    rows = []
    for name, members in groups.items():
        t, w = total[members], within[members]
        if len(members) < c.min_cell or t.sum() == 0 or name not in by_group.index:
            continue
        rows.append(
            {
                attr: str(name),
                "residents": len(members),
                "bonding": float(w.sum() / t.sum()),
                "ei_index": float(by_group.loc[name, "ei_index"]),
                "expected": float(by_group.loc[name, "expected"]),
            }
        )
    frame = pd.DataFrame(rows).set_index(attr).sort_values("ei_index") if rows else pd.DataFrame()
    c.tables.append(
        Table(
            "inclusiviteit",
            (f"Ties within and across groups, by {attr}", f"Contacten binnen en tussen groepen, naar {attr}"),
            frame,
            (
                f"{len(groups)} groups; those of fewer than {c.min_cell} residents are not listed. "
                "Sorted from the group that stays most apart (lowest E-I index).",
                f"{len(groups)} groepen; groepen van minder dan {c.min_cell} bewoners staan er niet in. "
                "Gesorteerd van de groep die het meest apart blijft (laagste E-I-index).",
            ),
        )
    )


def _linking(c: Context) -> None:
    counts = indicators._linking_counts(c.g, c.role_residents)
    total = counts["ties"].to_numpy(dtype=float)
    link = counts["linking"].to_numpy(dtype=float)
    if total.sum() == 0:
        return
    ci, why = c.tie_share(link, total)
    c.add(
        "sociaal_kapitaal",
        Row(
            "linking",
            float(link.sum() / total.sum()),
            "wn.indicators.linking(g, roles=wn.indicators.role_residents(net))",
            ci=ci,
            note=why,
            n=int((total > 0).sum()),
        ),
    )


def inclusiviteit(c: Context) -> None:
    from .mixing import activity_diversity, attribute_assortativity_coefficient, ei_index

    s = "inclusiviteit"
    if not c.attributes:
        c.omit(
            s,
            ("ei_index", "assortativity", "cross_group_residents", "activity_diversity"),
            (
                "Needs resident characteristics (attributes=).",
                "Vraagt om kenmerken van bewoners (attributes=).",
            ),
        )
    for attr in c.attributes:
        ei = _quiet(functools.partial(ei_index, c.g, attr))
        within, total, groups = _tie_counts(c, attr)
        ci, why = c.tie_share(total - within, total) if total.sum() > 0 else (None, None)
        ci_ei = (2 * ci[0] - 1, 2 * ci[1] - 1) if ci else None
        c.add(
            s,
            Row(
                "ei_index",
                float(ei.loc["network", "ei_index"]),
                f'wn.mixing.ei_index(g, {attr!r}).loc["network", "ei_index"]',
                group=attr,
                ci=ci_ei,
                null=float(ei.loc["network", "expected"]),
                n=int(total.sum() // 2),
                note=why,
            ),
        )
        by_group = _quiet(functools.partial(ei_index, c.g, attr, level="group"))
        for name, members in groups.items():
            if name not in by_group.index:
                continue
            t, w = total[members], within[members]
            if t.sum() == 0:
                continue
            # a group's E and I count tie ends of its members: E-I = 2·(t − w)/t − 1
            share, why = c.tie_share(t - w, t)
            ci_g = (2 * share[0] - 1, 2 * share[1] - 1) if share else None
            c.add(
                s,
                Row(
                    "ei_index_by_group",
                    float(by_group.loc[name, "ei_index"]),
                    f'wn.mixing.ei_index(g, {attr!r}, level="group").loc[{_literal(name)}, "ei_index"]',
                    group=f"{attr} = {name}",
                    ci=ci_g,
                    null=float(by_group.loc[name, "expected"]),
                    n=len(members),
                    note=why,
                    listed=len(groups) <= MAX_LISTED_GROUPS,
                ),
            )
        if len(groups) > MAX_LISTED_GROUPS:
            _group_table(c, attr, groups, within, total, by_group)
        r = _quiet(functools.partial(attribute_assortativity_coefficient, c.g, attr))
        c.add(
            s,
            Row(
                "assortativity",
                float(r),
                f"wn.mixing.attribute_assortativity_coefficient(g, {attr!r})",
                group=attr,
                note=_NO_INTERVAL_NETWORK,
            ),
        )
        crossing = pd.Series((total - within) > 0, index=c.g.nodes)[total > 0]
        c.share(
            s,
            "cross_group_residents",
            crossing,
            f"wn.indicators.met_other_group(g, {attr!r}).mean()",
            group=attr,
        )
        div = activity_diversity(c.net, attr, threads=c.threads)
        blau = div["blau"].dropna()
        if len(blau):
            c.add(
                s,
                Row(
                    "activity_diversity",
                    float(blau.mean()),
                    f'wn.mixing.activity_diversity(net, {attr!r})["blau"].mean()',
                    group=attr,
                    n=len(blau),
                ),
            )
    _sensitive(c)


def _sensitive(c: Context) -> None:
    s = "inclusiviteit"
    sensitive = list(c.net.sensitive_activities()) if hasattr(c.net, "sensitive_activities") else []
    if not sensitive:
        c.omit(
            s,
            "sensitive_connected_outside",
            (
                "No activity is marked sensitive (an activity attribute 'sensitive').",
                "Geen activiteit is als gevoelig gemarkeerd (een activiteitkenmerk 'sensitive').",
            ),
        )
        return
    met = indicators.sensitive_connected_outside(c.net, big_event=c.big_event)
    members = met.index
    if len(members) < c.min_cell:
        c.add(
            s,
            Row(
                "sensitive_connected_outside",
                float("nan"),
                f"wn.indicators.sensitive_connected_outside(net, big_event={c.big_event}).mean()",
                suppressed=True,
                note=(
                    f"Fewer than {c.min_cell} participants: not shown.",
                    f"Minder dan {c.min_cell} deelnemers: niet getoond.",
                ),
            ),
        )
        return
    c.share(
        s,
        "sensitive_connected_outside",
        met,
        f"wn.indicators.sensitive_connected_outside(net, big_event={c.big_event}).mean()",
    )


def activiteiten(c: Context) -> None:
    from .activities import impact
    from .whatif import rank_activities

    s = "activiteiten"
    c.add(s, Row("activities", float(len(c.net.activities)), "len(net.activities)"))
    sensitive = set(c.net.sensitive_activities()) if hasattr(c.net, "sensitive_activities") else set()
    proj = c.proj
    attr = c.attributes[0] if c.attributes else None
    imp = impact(c.net, projection=proj, attribute=attr, threads=c.threads, progress=c.progress)
    rank = rank_activities(c.net, projection=proj, min_ties=(1,), threads=c.threads, progress=c.progress)
    shown = rank[~rank.index.isin(sensitive)]
    if len(shown):
        top = shown.sort_values("residents_losing_all_ties", ascending=False).iloc[0]
        c.add(
            s,
            Row(
                "most_isolating_loss",
                float(top["residents_losing_all_ties"]),
                'wn.whatif.rank_activities(net, projection=proj).drop(net.sensitive_activities(), errors="ignore")["residents_losing_all_ties"].max()',
                group=str(top.name),
            ),
        )
    bridges = rank[rank["components_added"] > rank["isolates_added"]]
    c.add(
        s,
        Row(
            "bridge_activities",
            float(len(bridges)),
            "wn.indicators.bridge_activities(net, projection=proj).size",
        ),
    )
    cols = [
        k for k in ("participants", "sessions", "ties", "unique_ties", "cross_group_ties") if k in imp.columns
    ]
    table = imp.loc[~imp.index.isin(sensitive), cols].sort_values("unique_ties", ascending=False).head(10)
    table = table.join(rank[["residents_losing_all_ties", "components_added", "isolates_added"]], how="left")
    table["bridge"] = table["components_added"] > table["isolates_added"]
    table = table.drop(columns=["components_added", "isolates_added"])
    c.tables.append(
        Table(
            s,
            (
                "The ten activities that created the most ties of their own",
                "De tien activiteiten met de meeste eigen contacten",
            ),
            table,
            (
                "Ties of its own: ties that only this activity created; residents left without ties: "
                "those who would have no tie at all if it stopped; only bridge: without it groups "
                "of residents fall apart." + (" Sensitive activities are not listed." if sensitive else ""),
                "Eigen contacten: contacten die alleen deze activiteit opleverde; bewoners zonder "
                "contacten: wie geen enkel contact meer heeft als ze stopt; enige brug: zonder haar "
                "vallen groepen bewoners uiteen."
                + (" Gevoelige activiteiten staan er niet in." if sensitive else ""),
            ),
        )
    )
    shown_net = c.net.filter(exclude_sensitive=True)
    c.figures.append(
        Figure(
            s,
            ("Ties per activity (top 15).", "Contacten per activiteit (top 15)."),
            Draw.call("activity_impact", shown_net, projection=proj),
            "wn.plot.activity_impact(net.filter(exclude_sensitive=True), projection=proj)",
        )
    )


def verandering(c: Context) -> None:
    from .temporal import growth, retention

    s = "verandering"
    if not c.dated:
        c.omit(
            s,
            ("new_residents_per_month", "retention", "change"),
            ("Needs dates in the register (date=).", "Vraagt om data in het register (date=)."),
        )
        return
    gr = growth(c.net, freq="M", projection=c.proj, threads=c.threads)
    if len(gr) > 1:
        c.add(
            s,
            Row(
                "new_residents_per_month",
                float(gr["new"].iloc[1:].mean()),
                'wn.temporal.growth(net, freq="M")["new"].iloc[1:].mean()',
                n=len(gr) - 1,
            ),
        )
    ret = retention(c.net, freq="M")
    r = ret["retention"].iloc[:-1].dropna() if len(ret) > 1 else pd.Series(dtype=float)
    if len(r):
        c.add(
            s,
            Row(
                "retention",
                float(r.mean()),
                'wn.temporal.retention(net, freq="M")["retention"].iloc[:-1].mean()',
                n=len(r),
            ),
        )
    c.figures.append(
        Figure(
            s,
            ("Residents per month: new and returning.", "Bewoners per maand: nieuw en terugkerend."),
            Draw.call("growth", c.net),
            "wn.plot.growth(net)",
        )
    )
    c.figures.append(
        Figure(
            s,
            (
                "How long residents keep coming (Kaplan–Meier).",
                "Hoe lang bewoners blijven komen (Kaplan–Meier).",
            ),
            Draw.call("retention", c.net),
            "wn.plot.retention(net)",
        )
    )
    if c.before is None or c.after is None:
        c.omit(
            s,
            "change",
            (
                "Give before= and after= (two periods as (start, end)) to compare them.",
                "Geef before= en after= (twee perioden als (begin, eind)) om ze te vergelijken.",
            ),
        )
        return
    _before_after(c)


def _before_after(c: Context) -> None:
    from .temporal import compare

    seed = c.next_seed()
    assert c.before is not None and c.after is not None
    res = compare(
        c.net,
        before=c.before,
        after=c.after,
        n=c.n,
        seed=seed,
        projection=c.proj,
        threads=c.threads,
        progress=c.progress,
    )
    frame = res.to_frame()
    for metric, r in frame.iterrows():
        cov = _intervals.coverage(f"compare:{metric}")
        ok = bool(r["calibrated"])
        ci = _ci((float(r["ci_low"]), float(r["ci_high"]))) if ok else None
        if metric == "mean_degree":  # per-resident degrees of each period, ties at both ends
            ci, why = _degree_change_interval(c)
            c.add(
                "verandering",
                Row(
                    "change",
                    float(r["difference"]),
                    f'wn.temporal.compare(net, before={c.before!r}, after={c.after!r}, projection=proj, n={c.n}, seed={seed}).to_frame().loc["mean_degree", "difference"]',
                    group=str(metric),
                    ci=ci,
                    note=why
                    or (
                        "Interval: the residents of either period resampled with their degrees in both "
                        "(paired, each tie counted at both ends).",
                        "Interval: de bewoners van beide perioden opnieuw getrokken met hun aantal "
                        "contacten in elk (gepaard, elk contact aan beide kanten geteld).",
                    ),
                ),
            )
            continue
        c.add(
            "verandering",
            Row(
                "change",
                float(r["difference"]),
                f'wn.temporal.compare(net, before={c.before!r}, after={c.after!r}, projection=proj, n={c.n}, seed={seed}).to_frame().loc[{metric!r}, "difference"]',
                group=str(metric),
                ci=ci,
                note=None if ok else (cov.reason("en"), cov.reason("nl")),
            ),
        )


def _degree_change_interval(c: Context) -> tuple[tuple[float, float] | None, tuple[str, str] | None]:
    """The interval of the change in mean distinct co-participants between the two periods."""
    assert c.before is not None and c.after is not None
    before = _degree(c.net.window(*c.before).project(**c.proj, threads=c.threads))
    after = _degree(c.net.window(*c.after).project(**c.proj, threads=c.threads))
    either = before.index.union(after.index)
    return c.interval(
        "paired_difference_ties",
        _intervals.paired_difference_interval,
        before.reindex(either).to_numpy(float),
        after.reindex(either).to_numpy(float),
        ties=True,
    )


def enquete(c: Context) -> None:
    from . import survey as sv

    s = "enquete"
    if c.survey is None:
        c.omit(
            s,
            ("response_rate", "respondents_more_connected", "agree", "agree_all", "agreement_kappa"),
            (
                "Give the resident survey (survey=: a table with a 'resident' column and one "
                "column per statement) to set its answers beside the register.",
                "Geef de bewonersenquête (survey=: een tabel met een kolom 'resident' en een "
                "kolom per stelling) om de antwoorden naast het register te zetten.",
            ),
        )
        return
    survey = c.survey
    respondents = pd.Index(survey["resident"]).intersection(c.residents)
    responded = pd.Series(c.residents.isin(respondents), index=c.residents)
    c.share(s, "response_rate", responded, 'net.residents.isin(survey["resident"]).mean()')
    a = c.degree[responded].to_numpy(dtype=float)
    b = c.degree[~responded].to_numpy(dtype=float)
    if len(a) >= 2 and len(b) >= 2:
        ci, why = c.interval("nonresponse", _intervals.difference_interval, a, b)
        c.add(
            s,
            Row(
                "respondents_more_connected",
                float(a.mean() - b.mean()),
                'wn.indicators.respondents_more_connected(g, survey["resident"])',
                ci=ci,
                n=len(a) + len(b),
                note=why,
            ),
        )
    items = [k for k in survey.columns if k != "resident"]
    evidence = _evidence_map(items)
    for item in items:
        try:
            rw = sv.reweight(c.net, survey, item=item, projection=c.g, n=c.n, seed=(seed := c.next_seed()))
        except WijknetError as e:  # a column that is not a statement (free text, a date, ...)
            c.omit(
                s,
                ("agree", "agree_all", "agreement_kappa"),
                (
                    f"Survey column {item!r} was left out: {e}",
                    f"Enquêtekolom {item!r} is weggelaten: {e}",
                ),
            )
            continue
        fr = rw.to_frame()
        resp_share = _value(fr, "respondents")
        all_share = _value(fr, "all_participants")
        answered = sv.answers(c.net, survey, item=item)
        flags = answered.loc[answered["respondent"], "agrees"].dropna().astype(float).to_numpy()
        ci, why = c.interval("share", _intervals.mean_interval, flags)
        c.add(
            s,
            Row(
                "agree",
                resp_share[0],
                f'wn.survey.reweight(net, survey, item={item!r}, projection=proj, n={c.n}, seed={seed}).to_frame().loc["respondents", "share"]',
                group=item,
                ci=ci,
                n=resp_share[2],
                note=why,
            ),
        )
        ok = _intervals.coverage("reweight").calibrated
        c.add(
            s,
            Row(
                "agree_all",
                all_share[0],
                f'wn.survey.reweight(net, survey, item={item!r}, projection=proj, n={c.n}, seed={seed}).to_frame().loc["all_participants", "share"]',
                group=item,
                ci=_ci(all_share[1]) if ok else None,
                n=all_share[2],
                note=None if ok else _reason("reweight"),
            ),
        )
        ev = evidence.get(item)
        if ev is None:
            continue
        cmp = sv.compare(c.net, survey, item=item, evidence=ev, projection=c.g, n=0, seed=0)
        kappa = cmp.summary.loc["kappa", "value"] if "kappa" in cmp.summary.index else float("nan")
        c.add(
            s,
            Row(
                "agreement_kappa",
                float(kappa),
                f'wn.survey.compare(net, survey, item={item!r}, evidence={ev!r}, projection=proj, n=0).summary.loc["kappa", "value"]',
                group=f"{item} ~ {ev}",
                n=int(cmp.table.loc["total", "total"]) if "total" in cmp.table.index else None,
            ),
        )


def _evidence_map(items: list[str]) -> dict[str, str]:
    """The network evidence of each survey item, from the standard item sets."""
    from . import datasets
    from . import survey as sv

    out: dict[str, str] = {}
    sets = list(sv.ITEM_SETS.values()) + [datasets.BADHUIS_SURVEY]
    for item_set in sets:
        for item in item_set.items:
            if item.code in items and item.evidence and item.code not in out:
                out[item.code] = item.evidence
    return out


def _value(frame: pd.DataFrame, who: str) -> tuple[float, tuple[float, float], int]:
    """(share, interval, n) of a reweight result's row ``who``."""
    r = frame.loc[who]
    return float(r["share"]), (float(r["ci_low"]), float(r["ci_high"])), int(r["n"])


# ---- small helpers ---------------------------------------------------------------------------


def _attribute(net: Network, name: str) -> pd.Series:
    attrs = net.resident_attributes()
    return attrs[name]


def _texts_int(n: int) -> str:
    """A whole number the Dutch way (1.234)."""
    from ._texts import integer

    return integer(n, "nl")


def _literal(value: Any) -> str:
    """``value`` as Python source (NumPy scalars as plain numbers)."""
    return repr(value.item() if hasattr(value, "item") else value)


def _quiet(fn: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn()


def _plot() -> Any:
    from . import plot

    return plot


SECTION_FUNCTIONS: list[Callable[[Context], None]] = [
    verbondenheid,
    steunend_netwerk,
    empowerment,
    sociaal_kapitaal,
    inclusiviteit,
    activiteiten,
    verandering,
    enquete,
]
