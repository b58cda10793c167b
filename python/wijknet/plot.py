"""Pictures of the network and its measures, in English or Dutch (matplotlib).

Each figure function draws one figure from one wijknet call and returns the matplotlib ``Axes``
it drew on: pass ``ax=`` to draw into a figure of your own, or leave it out for a new figure
(the interactive view is an ipysigma widget instead).
Every label and title follows ``lang="en"`` or ``lang="nl"``; numbers follow the language
(``1,234`` and ``12.5%`` in English, ``1.234`` and ``12,5%`` in Dutch). Colours are
colour-blind safe: the Okabe–Ito palette for groups (:data:`PALETTE`) and cividis for
amounts. Drawings of residents carry no names: ``labels=True`` is needed to write ids.

* :func:`coparticipants` — how many others each resident met (degree in the projection),
  with the share who met no one.
* :func:`growth` — residents, newcomers and returning residents per period
  (:func:`wijknet.temporal.growth`).
* :func:`tie_formation` — the share of newcomers who met someone within so many days of
  joining (:func:`wijknet.temporal.tie_formation_summary`).
* :func:`retention` — who keeps taking part: the Kaplan–Meier curve with its 95% band
  (:func:`wijknet.temporal.survival`).
* :func:`mixing` — ties between groups as a heatmap (:func:`wijknet.mixing.mixing_matrix`).
* :func:`activity_impact` — ties and unique ties per activity (:func:`wijknet.activities.impact`).
* :func:`ego` — one resident's ego network: the people they met and the ties among them.
* :func:`network` — the whole network with a seeded force-directed layout (igraph's
  Fruchterman–Reingold); a network larger than ``max_nodes`` is drawn as a stated random
  sample. To draw the backbone instead, pass ``wn.null.backbone(net).graph``.
* :func:`trajectories` — role trajectories participant → volunteer → organiser as flows
  (:func:`wijknet.empowerment.trajectories`), small flows suppressed.
* :func:`interactive` — a zoomable view of the whole network in Jupyter (ipysigma), usable at
  50,000 residents and more; :func:`write_interactive` saves it as an HTML page to share.

Needs matplotlib (and python-igraph for :func:`ego`, :func:`network` and the interactive
view): ``pip install "wijknet[plot]"``; the interactive view also needs ipysigma:
``pip install "wijknet[interactive]"``. ``import wijknet`` does not import them.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import wijknet as wn
>>> net = wn.datasets.davis_southern_women()
>>> ax = wn.plot.coparticipants(net, lang="nl")
>>> ax.get_xlabel()
'aantal anderen ontmoet'
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import _args, _groups, _texts
from ._errors import ArgumentError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .graph import Graph
    from .network import Network

__all__ = [
    "coparticipants",
    "growth",
    "tie_formation",
    "retention",
    "mixing",
    "activity_impact",
    "ego",
    "network",
    "trajectories",
    "interactive",
    "write_interactive",
    "PALETTE",
]

#: The Okabe–Ito palette (Okabe & Ito 2008), safe for the common forms of colour blindness,
#: without its black: groups are coloured in this order; more groups share the grey of "other".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
_OTHER = "#999999"
_MISSING = "#DDDDDD"
_EDGE = "#7F7F7F"
_SEQUENTIAL = "cividis"

_INSTALL = 'pip install "wijknet[plot]"'
_INSTALL_INTERACTIVE = 'pip install "wijknet[interactive]"'

# Every text a figure shows: key -> (English, Dutch).
_T: dict[str, tuple[str, str]] = {
    "resident_s": ("residents", "bewoners"),
    "n_residents": ("number of residents", "aantal bewoners"),
    # coparticipants
    "cop_title": ("How many others did each resident meet?", "Hoeveel anderen ontmoette elke bewoner?"),
    "cop_x": ("number of others met", "aantal anderen ontmoet"),
    "cop_none": ("met no one: {share} ({n} of {total})", "niemand ontmoet: {share} ({n} van {total})"),
    "cop_median": ("median {m}", "mediaan {m}"),
    # growth
    "growth_title": ("Taking part, per {freq}", "Deelname per {freq}"),
    "growth_y": ("number", "aantal"),
    "period": ("period", "periode"),
    "residents": ("residents taking part", "deelnemende bewoners"),
    "new": ("new residents", "nieuwe bewoners"),
    "returning": ("returning residents", "terugkerende bewoners"),
    "activities": ("activities", "activiteiten"),
    "sessions": ("sessions", "bijeenkomsten"),
    "attendances": ("attendances", "aanwezigheden"),
    "ties": ("pairs who met", "paren die elkaar ontmoetten"),
    "M": ("month", "maand"),
    "Q": ("quarter", "kwartaal"),
    "Y": ("year", "jaar"),
    "days": ("{n} days", "{n} dagen"),
    # tie formation
    "tf_title": (
        "Newcomers who met at least {k} other resident{s}",
        "Nieuwkomers die minstens {k} andere bewoner{s} ontmoetten",
    ),
    "tf_x": ("days after their first visit", "dagen na hun eerste bezoek"),
    "tf_y": ("share of newcomers", "aandeel van de nieuwkomers"),
    "tf_n": ("n = {n}", "n = {n}"),
    "all": ("all newcomers", "alle nieuwkomers"),
    # retention
    "ret_title": (
        "Who keeps taking part (stopped = {gap} days without attending)",
        "Wie blijft meedoen (gestopt = {gap} dagen niet geweest)",
    ),
    "ret_x": ("days since the first visit", "dagen sinds het eerste bezoek"),
    "ret_y": ("share still taking part", "aandeel dat nog meedoet"),
    "ret_once": (
        "{share} came on one day only (the drop at 0)",
        "{share} kwam maar op één dag (de val bij 0)",
    ),
    "ret_band": ("95% interval", "95%-interval"),
    "ret_all": ("all residents (n = {n})", "alle bewoners (n = {n})"),
    # mixing
    "mix_title": ("Ties between groups: {attr}", "Contacten tussen groepen: {attr}"),
    "mix_rows": ("group of the resident", "groep van de bewoner"),
    "mix_cols": ("group of the other resident", "groep van de ander"),
    "mix_share": ("share of all ties", "aandeel van alle contacten"),
    "mix_count": ("ties (each counted from both ends)", "contacten (van beide kanten geteld)"),
    # activity impact
    "imp_title": (
        "What each activity adds: the {top} with the most {what}",
        "Wat elke activiteit toevoegt: de {top} met de meeste {what}",
    ),
    "imp_title_all": ("What each activity adds", "Wat elke activiteit toevoegt"),
    "imp_x": ("pairs of residents", "paren bewoners"),
    "imp_ties": ("pairs who met there", "paren die elkaar daar ontmoetten"),
    "imp_unique": ("pairs who met only there", "paren die elkaar alleen daar ontmoetten"),
    "imp_ties_short": ("pairs", "paren"),
    "imp_unique_short": ("unique pairs", "unieke paren"),
    # ego and network
    "ego_title": (
        "One resident's network: {alters} people met, {ties} ties among them",
        "Het netwerk van één bewoner: {alters} mensen ontmoet, {ties} contacten onderling",
    ),
    "ego_ego": ("the resident", "de bewoner"),
    "ego_alter": ("people they met", "mensen die hij of zij ontmoette"),
    "net_title": (
        "Who met whom: {nodes} residents, {ties} ties",
        "Wie ontmoette wie: {nodes} bewoners, {ties} contacten",
    ),
    "net_sample": (
        "A random sample of {nodes} of {total} residents (seed {seed}), with the {ties} ties among them",
        "Een willekeurige steekproef van {nodes} van de {total} bewoners (seed {seed}), met de {ties} contacten onderling",
    ),
    "net_layout": (
        "Layout: Fruchterman–Reingold (igraph), seed {seed}{size}",
        "Schikking: Fruchterman–Reingold (igraph), seed {seed}{size}",
    ),
    "net_size": ("; dot size: number of others met", "; grootte van de stip: aantal anderen ontmoet"),
    "net_size_attr": ("; dot size: {attr}", "; grootte van de stip: {attr}"),
    "other": ("other", "overig"),
    "unknown": ("unknown", "onbekend"),
    # role trajectories
    "participant": ("participant", "deelnemer"),
    "volunteer": ("volunteer", "vrijwilliger"),
    "organiser": ("organiser", "organisator"),
    "traj_title": (
        "From participant to volunteer to organiser: {n} residents",
        "Van deelnemer naar vrijwilliger en organisator: {n} bewoners",
    ),
    "traj_first": ("at the first visit", "bij het eerste bezoek"),
    "traj_step": ("after the first step", "na de eerste stap"),
    "traj_highest": ("highest role", "hoogste rol"),
    "path_000": ("stayed participant", "deelnemer gebleven"),
    "path_011": ("became volunteer", "vrijwilliger geworden"),
    "path_012": ("became volunteer, then organiser", "vrijwilliger, daarna organisator geworden"),
    "path_022": ("became organiser straight away", "meteen organisator geworden"),
    "path_111": ("volunteer from the start", "vanaf het begin vrijwilliger"),
    "path_122": (
        "volunteer from the start, later organiser",
        "vanaf het begin vrijwilliger, later organisator",
    ),
    "path_222": ("organiser from the start", "vanaf het begin organisator"),
    "traj_note": (
        "A step is the first attendance in a higher role (volunteer or organiser).",
        "Een stap is de eerste keer in een hogere rol (vrijwilliger of organisator).",
    ),
    "traj_small": (
        "< {k}: fewer than {k} residents, not counted.",
        "< {k}: minder dan {k} bewoners, niet geteld.",
    ),
    "traj_hidden": (
        "–: not counted, so that no small flow can be worked out from a total.",
        "–: niet geteld, zodat geen kleine stroom uit een totaal is af te leiden.",
    ),
    "traj_width": (
        "Flows without a count are drawn at one fixed width.",
        "Stromen zonder aantal zijn op één vaste breedte getekend.",
    ),
    # interactive view
    "int_degree": ("number of others met", "aantal anderen ontmoet"),
    "int_strength": ("sum of tie weights", "som van de gewichten van de contacten"),
    "int_group": ("group", "groep"),
    "int_help": (
        "Scroll to zoom, drag to move, click a dot to see its group and its ties. "
        "The dots are numbered 0, 1, 2, … (their place in the list of residents); no names are shown.",
        "Scroll om in en uit te zoomen, sleep om te verschuiven, klik op een stip om de groep en "
        "de contacten te zien. De stippen zijn genummerd 0, 1, 2, … (hun plaats in de lijst van "
        "bewoners); er staan geen namen in.",
    ),
    "int_help_labels": (
        "Scroll to zoom, drag to move, click a dot to see its group and its ties.",
        "Scroll om in en uit te zoomen, sleep om te verschuiven, klik op een stip om de groep en "
        "de contacten te zien.",
    ),
    "int_online": (
        "The viewer's programs (ipysigma, Jupyter widgets, require.js) are loaded from the internet "
        "when this page opens; the network itself is stored in this file and is not sent anywhere.",
        "De programma's van de viewer (ipysigma, Jupyter widgets, require.js) worden van internet "
        "geladen als deze pagina opent; het netwerk zelf staat in dit bestand en wordt nergens heen "
        "gestuurd.",
    ),
    "int_offline": (
        "The view has not appeared: its programs could not be loaded from the internet. Open this "
        "page again with an internet connection.",
        "De weergave verschijnt niet: de programma's ervan konden niet van internet worden "
        "geladen. Open deze pagina opnieuw met een internetverbinding.",
    ),
    "int_layout": (
        "Layout: Fruchterman–Reingold (igraph), seed {seed}. The layout button in the view runs ForceAtlas2.",
        "Schikking: Fruchterman–Reingold (igraph), seed {seed}. De knop voor de schikking in de "
        "weergave start ForceAtlas2.",
    ),
}


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
def _t(key: str, lang: str, **values: Any) -> str:
    return _texts.phrase(_T, key, lang, **values)


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError(f"wijknet.plot draws with matplotlib, which is not installed: {_INSTALL}") from e
    return plt


def _igraph() -> Any:
    try:
        import igraph
    except ImportError as e:
        raise ImportError(
            f"wijknet.plot lays out networks with python-igraph, which is not installed: {_INSTALL} "
            "(or pip install python-igraph)"
        ) from e
    return igraph


def _lang(lang: Any, fn: str) -> str:
    return _args.choice(lang, "lang", f"plot.{fn}", _texts.LANGUAGES)


def _axes(ax: Any, fn: str, size: tuple[float, float]) -> Axes:
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
        return ax
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise ArgumentError(
            f"plot.{fn}(ax={type(ax).__name__}): give a matplotlib Axes (e.g. from plt.subplots()) "
            "or None for a new figure"
        )
    return ax


def _number_axis(axis: Any, lang: str, percent: bool = False) -> None:
    """Tick labels written in the language (a decimal comma in Dutch), optionally as %."""
    from matplotlib.ticker import FuncFormatter

    if percent:
        axis.set_major_formatter(FuncFormatter(lambda x, _: f"{_texts.decimal(round(100 * x, 9), lang)}%"))
    else:
        axis.set_major_formatter(FuncFormatter(lambda x, _: _texts.decimal(round(x, 9), lang, digits=2)))


def _graph_or_project(obj: Any, projection: Any, fn: str) -> Graph:
    """A Graph as given, or the projection of a Network (``projection=`` says how)."""
    from .graph import Graph
    from .network import Network

    if isinstance(obj, Graph):
        if projection is not None:
            raise ArgumentError(
                f"plot.{fn}(projection=...) applies to a Network; this is a ready Graph, "
                "so leave projection out (or pass the Network)"
            )
        return obj
    if isinstance(obj, Network):
        spec = _args.projection(projection, f"plot.{fn}")
        if isinstance(spec, Graph):
            return spec
        return obj.project(**spec.to_dict(), progress=False)
    raise ArgumentError(
        f"plot.{fn}() takes a wijknet.Network or a projected wijknet.Graph, not {type(obj).__name__}"
    )


def _whole(value: Any, name: str, fn: str, minimum: int = 1) -> int:
    return _args.whole(value, name, f"plot.{fn}", minimum=minimum)


def _flag(value: Any, name: str, fn: str) -> bool:
    return _args.flag(value, name, f"plot.{fn}")


def _group_colours(values: pd.Series, lang: str) -> tuple[list, list[tuple[str, str]]]:
    """A colour per node for a categorical attribute, and the legend (label, colour): the
    largest groups get the palette's colours, the rest share the grey of "other", missing
    values a light grey."""
    counts = values.value_counts(dropna=True)
    named = (
        list(counts.index[: len(PALETTE)])
        if len(counts) <= len(PALETTE)
        else list(counts.index[: len(PALETTE) - 1])
    )
    try:
        named = sorted(named)
    except TypeError:
        pass
    colour = {v: PALETTE[i] for i, v in enumerate(named)}
    out = [colour.get(v, _OTHER) if not pd.isna(v) else _MISSING for v in values]
    legend = [(str(v), colour[v]) for v in named]
    if len(counts) > len(named):
        legend.append((_t("other", lang), _OTHER))
    if values.isna().any():
        legend.append((_t("unknown", lang), _MISSING))
    return out, legend


def _is_amount(values: pd.Series) -> bool:
    """Numbers with more distinct values than the palette has colours: an amount, drawn on a
    sequential scale (fewer distinct numbers, such as community labels, are groups)."""
    return (
        pd.api.types.is_numeric_dtype(values)
        and not pd.api.types.is_bool_dtype(values)
        and values.nunique(dropna=True) > len(PALETTE)
        and not pd.api.types.is_integer_dtype(values)
    )


def _layout(ig_graph: Any, seed: int) -> np.ndarray:
    """Fruchterman–Reingold positions from igraph, reproducible for a seed: igraph's random
    stream is seeded for the call (and set back to Python's ``random`` after, igraph's
    default), and the start positions are drawn from the seed."""
    igraph = _igraph()
    import random

    n = ig_graph.vcount()
    if n == 0:
        return np.zeros((0, 2))
    # a box (of side 2/3 sqrt(n)) keeps small components from drifting far from the rest
    half = max(1.0, np.sqrt(n) / 3)
    start = np.random.default_rng(seed).uniform(-half / 2, half / 2, size=(n, 2))
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = ig_graph.layout_fruchterman_reingold(
            seed=start.tolist(),
            niter=500 if n <= 5000 else 200,
            minx=[-half] * n,
            maxx=[half] * n,
            miny=[-half] * n,
            maxy=[half] * n,
        )
    finally:
        igraph.set_random_number_generator(random)
    return np.asarray(coords.coords, dtype=float)


def _ig(g: Graph) -> Any:
    """The graph as an undirected igraph Graph over node positions 0..n-1."""
    igraph = _igraph()
    a = g.to_scipy().tocoo()
    keep = a.row < a.col if not g.is_directed() else a.row != a.col
    pairs = np.column_stack([a.row[keep], a.col[keep]])
    if g.is_directed():
        pairs = np.unique(np.sort(pairs, axis=1), axis=0)
    return igraph.Graph(n=g.number_of_nodes(), edges=pairs.tolist()), pairs


def _draw_ties(ax: Axes, xy: np.ndarray, pairs: np.ndarray, n_nodes: int) -> None:
    from matplotlib.collections import LineCollection

    if len(pairs) == 0:
        return
    alpha = float(np.clip(30.0 / np.sqrt(len(pairs)), 0.03, 0.6))
    width = 0.8 if n_nodes <= 200 else 0.4
    segments = np.stack([xy[pairs[:, 0]], xy[pairs[:, 1]]], axis=1)
    ax.add_collection(LineCollection(list(segments), colors=_EDGE, linewidths=width, alpha=alpha, zorder=1))


# ---------------------------------------------------------------------------------------------
# distributions
# ---------------------------------------------------------------------------------------------
def coparticipants(
    g: Graph | Network,
    *,
    projection: Any = None,
    bins: int | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """How many others each resident met: bars of the number of residents (height) by the
    number of distinct co-participants (their degree in the projection), with the bar at 0
    (met no one) marked and its share written beside it.

    Parameters
    ----------
    g
        A projected :class:`~wijknet.Graph`, or a :class:`~wijknet.Network` to project.
    projection
        With a Network: how to project (a :class:`~wijknet.Projection` or a dict of
        :meth:`Network.project` keywords; None: the default projection).
    bins
        None: one bar per number of others met when that gives at most 60 bars, otherwise
        about 30 bars of equal width (whole numbers). An integer: that many bars. Residents
        who met no one always have a bar of their own.
    lang
        ``"en"`` or ``"nl"``: the language of every label.
    ax
        A matplotlib Axes to draw on (None: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. One bar per number of co-participants (centred on it), or, when
        binned, bar ``i`` spans ``[left, left + width)``; a bar's height is the number of
        residents in it (``wn.degree(g).value_counts()`` summed over the span).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wijknet as wn
    >>> ax = wn.plot.coparticipants(wn.datasets.davis_southern_women())
    >>> ax.get_title()
    'How many others did each resident meet?'
    >>> int(sum(p.get_height() for p in ax.patches))  # every resident in one bar
    18
    """
    fn = "coparticipants"
    lang = _lang(lang, fn)
    from .metrics import degree

    graph = _graph_or_project(g, projection, fn)
    deg = degree(graph).to_numpy().astype(np.int64)
    if bins is not None:
        bins = _whole(bins, "bins", fn)
    ax = _axes(ax, fn, (7.0, 4.0))
    total = len(deg)
    top = int(deg.max()) if total else 0
    if bins is None and top <= 60:
        edges = np.arange(0, top + 2)
    else:
        k = bins if bins is not None else 30
        width = max(1, int(np.ceil(top / k)))
        edges = np.concatenate([[0], np.arange(1, top + width + 1, width)])
        edges = edges[: np.searchsorted(edges, top, side="right") + 1]
    counts, _ = np.histogram(deg, bins=edges)
    left, widths = edges[:-1], np.diff(edges)
    colours = [PALETTE[5] if lo == 0 else PALETTE[0] for lo in left]
    if (widths == 1).all():  # one bar per number, centred on it
        ax.bar(left, counts, width=0.9, align="center", color=colours)
    else:
        ax.bar(left, counts, width=widths * 0.9, align="edge", color=colours)
    none = int((deg == 0).sum())
    ax.set_title(_t("cop_title", lang))
    ax.set_xlabel(_t("cop_x", lang))
    ax.set_ylabel(_t("n_residents", lang))
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _number_axis(ax.yaxis, lang)
    _number_axis(ax.xaxis, lang)
    text = _t(
        "cop_none",
        lang,
        share=_texts.share(none, total, lang),
        n=_texts.integer(none, lang),
        total=_texts.integer(total, lang),
    )
    if total:
        text += "\n" + _t("cop_median", lang, m=_texts.decimal(float(np.median(deg)), lang))
    ax.text(0.98, 0.95, text, transform=ax.transAxes, ha="right", va="top", color=PALETTE[5])
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# ---------------------------------------------------------------------------------------------
# change over time
# ---------------------------------------------------------------------------------------------
_GROWTH_COLUMNS = ("residents", "activities", "sessions", "attendances", "ties", "new", "returning")


def growth(
    net: Network,
    *,
    freq: str | int = "M",
    columns: Sequence[str] = ("residents", "new", "returning"),
    projection: Any = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Growth per period: one line per column of :func:`wijknet.temporal.growth` (by default
    residents taking part, new residents and returning residents).

    Parameters
    ----------
    net
        A dated :class:`~wijknet.Network`.
    freq
        ``"M"`` (months), ``"Q"`` (quarters), ``"Y"`` (years) or a number of days, as
        :func:`wijknet.temporal.growth`.
    columns
        Which counts to draw, from ``"residents"``, ``"new"``, ``"returning"``,
        ``"activities"``, ``"sessions"``, ``"attendances"`` and ``"ties"`` (pairs who met in
        the period). Draw ``"ties"`` on its own: it runs to other numbers.
    projection
        How each period is projected for ``"ties"`` (as :func:`wijknet.temporal.growth`).
    lang
        ``"en"`` or ``"nl"``.
    ax
        A matplotlib Axes to draw on (None: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        One line per column; its points are the column's values in period order (the
        x tick labels are the period labels).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wijknet as wn
    >>> net = wn.datasets.badhuis(residents=300, seed=1)
    >>> ax = wn.plot.growth(net, freq="Q")
    >>> ax.get_title()
    'Taking part, per quarter'
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['2025Q1', '2025Q2', '2025Q3', '2025Q4']
    """
    fn = "growth"
    lang = _lang(lang, fn)
    from . import temporal

    if isinstance(columns, str):
        columns = (columns,)
    columns = list(columns)
    bad = [c for c in columns if c not in _GROWTH_COLUMNS]
    if bad or not columns:
        raise ArgumentError(
            f"plot.growth(columns={columns!r}): choose from {', '.join(map(repr, _GROWTH_COLUMNS))}"
        )
    table = temporal.growth(net, freq=freq, projection=projection, progress=False)
    ax = _axes(ax, fn, (8.0, 4.0))
    x = np.arange(len(table))
    for i, col in enumerate(columns):
        ax.plot(x, table[col].to_numpy(), marker="o", color=PALETTE[i % len(PALETTE)], label=_t(col, lang))
    ax.set_xticks(x, [_texts.shown(p, lang) for p in table.index])
    if len(x) > 6:
        ax.tick_params(axis="x", labelrotation=45)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
    unit = freq if isinstance(freq, str) and freq in ("M", "Q", "Y") else None
    what = _t(unit, lang) if unit else _t("days", lang, n=str(freq).rstrip("D"))
    ax.set_title(_t("growth_title", lang, freq=what))
    ax.set_xlabel(_t("period", lang))
    ax.set_ylabel(_t("growth_y", lang))
    ax.set_ylim(bottom=0)
    _number_axis(ax.yaxis, lang)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def tie_formation(
    net: Network,
    *,
    within: Sequence[int] = (7, 30, 90, 180),
    projection: Any = None,
    min_ties: int = 1,
    by: Any = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """The share of newcomers who met at least ``min_ties`` other residents within Δ days of
    their first visit, for each Δ in ``within`` (:func:`wijknet.temporal.tie_formation_summary`).

    At each Δ only newcomers whose first visit lies at least Δ days before the end of the data
    count, so the share is not pulled down by people who joined last week; the number counted
    (n) is written at each point.

    Parameters
    ----------
    net
        A dated :class:`~wijknet.Network`.
    within
        Horizons Δ in whole days (default 7, 30, 90, 180).
    projection
        What counts as meeting, as :func:`wijknet.temporal.tie_formation` (default: being at
        the same session).
    min_ties
        Others met needed to count (default 1).
    by
        Optional resident attribute (a name or a Series indexed by resident): one line per
        group.
    lang
        ``"en"`` or ``"nl"``.
    ax
        A matplotlib Axes to draw on (None: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        One line per group (or one for all newcomers): x the horizons in days, y the shares.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wijknet as wn
    >>> net = wn.datasets.badhuis(residents=300, seed=1)
    >>> ax = wn.plot.tie_formation(net, within=[30, 90])
    >>> ax.lines[0].get_xdata().tolist()
    [30, 90]
    """
    fn = "tie_formation"
    lang = _lang(lang, fn)
    from . import temporal

    min_ties = _whole(min_ties, "min_ties", fn)
    table = temporal.tie_formation_summary(
        net, within=within, projection=projection, min_ties=min_ties, by=by, progress=False
    )
    ax = _axes(ax, fn, (7.0, 4.0))
    if by is None:
        groups = [(_t("all", lang), table)]
    else:
        name = table.columns[0]
        groups = [(str(k), part) for k, part in table.groupby(name, sort=False)]
    for i, (label, part) in enumerate(groups):
        colour = PALETTE[i % len(PALETTE)]
        x = part["within"].to_numpy()
        y = part["share"].to_numpy(dtype=float)
        ax.plot(x, y, marker="o", color=colour, label=label)
        if len(groups) <= 3:
            for xi, yi, n in zip(x, y, part["newcomers"], strict=False):
                if np.isfinite(yi):
                    ax.annotate(
                        _t("tf_n", lang, n=_texts.integer(int(n), lang)),
                        (xi, yi),
                        textcoords="offset points",
                        xytext=(0, -15 - 11 * i),
                        ha="center",
                        fontsize="small",
                        color=colour,
                    )
    ax.set_ylim(0, 1.05)
    ax.set_xlim(left=0)
    ax.set_xticks(sorted({int(d) for d in table["within"]}))
    ax.set_title(_t("tf_title", lang, k=min_ties, s="" if min_ties == 1 else "s"))
    ax.set_xlabel(_t("tf_x", lang))
    ax.set_ylabel(_t("tf_y", lang))
    _number_axis(ax.yaxis, lang, percent=True)
    if by is not None:
        ax.legend(frameon=False, title=str(table.columns[0]))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def retention(
    net: Network,
    *,
    gap: float = 90,
    by: Any = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Who keeps taking part: the Kaplan–Meier curve of :func:`wijknet.temporal.survival`
    as a step plot, with a 95% band (survival ± 1.96 × its Greenwood standard error, kept
    within 0 and 1).

    Parameters
    ----------
    net
        A dated :class:`~wijknet.Network`.
    gap
        Days without attending after which a resident counts as stopped (default 90).
    by
        Optional resident attribute (a name or a Series indexed by resident): one curve per
        group.
    lang
        ``"en"`` or ``"nl"``.
    ax
        A matplotlib Axes to draw on (None: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        One step line per curve (starting at time 0 with survival 1, then the table's
        ``time`` and ``survival``) and its band.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wijknet as wn
    >>> ax = wn.plot.retention(wn.datasets.badhuis(residents=300, seed=1), lang="nl")
    >>> ax.get_ylabel()
    'aandeel dat nog meedoet'
    """
    fn = "retention"
    lang = _lang(lang, fn)
    from . import temporal

    table = temporal.survival(net, gap=gap, by=by)
    ax = _axes(ax, fn, (7.0, 4.0))
    if by is None:
        n = int(table["at_risk"].iloc[0]) if len(table) else 0
        groups = [(_t("ret_all", lang, n=_texts.integer(n, lang)), table)]
    else:
        name = table.columns[0]
        groups = [
            (f"{k} (n = {_texts.integer(int(part['at_risk'].iloc[0]), lang)})", part)
            for k, part in table.groupby(name, sort=False)
        ]
    for i, (label, part) in enumerate(groups):
        colour = PALETTE[i % len(PALETTE)]
        t = np.concatenate([[0.0], part["time"].to_numpy(dtype=float)])
        s = np.concatenate([[1.0], part["survival"].to_numpy(dtype=float)])
        se = np.concatenate([[0.0], part["std_err"].to_numpy(dtype=float)])
        ax.step(t, s, where="post", color=colour, label=label)
        lo, hi = np.clip(s - 1.96 * se, 0, 1), np.clip(s + 1.96 * se, 0, 1)
        ax.fill_between(
            t,
            lo,
            hi,
            step="post",
            color=colour,
            alpha=0.2 if len(groups) == 1 else 0.12,
            linewidth=0,
        )
    if by is None and len(table) and table["time"].iloc[0] == 0 and table["events"].iloc[0] > 0:
        once = int(table["events"].iloc[0])
        total = int(table["at_risk"].iloc[0])
        ax.text(
            0.02,
            0.04,
            _t("ret_once", lang, share=_texts.share(once, total, lang)),
            transform=ax.transAxes,
            fontsize="small",
            color="#555555",
        )
    ax.set_ylim(0, 1.02)
    ax.set_xlim(left=0)
    ax.set_title(_t("ret_title", lang, gap=_texts.decimal(float(gap), lang)))
    ax.set_xlabel(_t("ret_x", lang))
    ax.set_ylabel(_t("ret_y", lang))
    _number_axis(ax.yaxis, lang, percent=True)
    _number_axis(ax.xaxis, lang)
    from matplotlib.patches import Patch

    handles, names = ax.get_legend_handles_labels()
    band = Patch(color=PALETTE[0] if len(groups) == 1 else _OTHER, alpha=0.3, linewidth=0)
    ax.legend([*handles, band], [*names, _t("ret_band", lang)], frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# ---------------------------------------------------------------------------------------------
# groups and activities
# ---------------------------------------------------------------------------------------------
def mixing(
    g: Graph,
    attribute: str | pd.Series,
    *,
    normalized: bool = True,
    weight: str | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Ties between groups as a heatmap of :func:`wijknet.mixing.mixing_matrix`: rows the
    group of one resident, columns the group of the other, each cell written out. A strong
    diagonal means groups keep to themselves (bonding); weight off the diagonal means ties
    across groups (bridging).

    Parameters
    ----------
    g
        A :class:`~wijknet.Graph` (a projection or a tie layer).
    attribute
        A node attribute name, or a pandas Series indexed by node id.
    normalized
        Shares of all tie ends (True, the cells sum to 100%) or counts (False).
    weight
        None (each tie counts 1) or ``"weight"`` (tie strengths).
    lang
        ``"en"`` or ``"nl"``.
    ax
        A matplotlib Axes to draw on (None: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        Its image (``ax.images[0].get_array()``) is the matrix, in the order of the tick labels.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wijknet as wn
    >>> g = wn.datasets.badhuis(residents=300, seed=1).project()
    >>> ax = wn.plot.mixing(g, "age_group")
    >>> ax.get_title()
    'Ties between groups: age_group'
    """
    fn = "mixing"
    lang = _lang(lang, fn)
    from .mixing import mixing_matrix

    if not isinstance(normalized, bool):
        raise ArgumentError(f"plot.mixing(normalized={normalized!r}): give True (shares) or False (counts)")
    m = mixing_matrix(_args.graph(g, "plot.mixing"), attribute, normalized=normalized, weight=weight)
    k = len(m)
    ax = _axes(ax, fn, (max(6.5, 2.0 + 1.1 * k), max(5.0, 1.5 + 0.9 * k)))
    values = m.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=_SEQUENTIAL, vmin=0, aspect="equal")
    names = ["\n".join(textwrap.wrap(_texts.shown(c, lang), 16)) or _texts.shown(c, lang) for c in m.columns]
    turn = k > 4 or max((len(str(c)) for c in m.columns), default=0) > 8
    ax.set_xticks(
        range(k), names, rotation=35 if turn else 0, ha="right" if turn else "center", rotation_mode="anchor"
    )
    ax.set_yticks(range(k), names)
    top = np.nanmax(values) if values.size and np.isfinite(values).any() else 0.0
    for i in range(k):
        for j in range(k):
            v = values[i, j]
            text = (
                _texts.decimal(100 * v, lang) + "%"
                if normalized and np.isfinite(v)
                else _texts.decimal(v, lang)
            )
            dark = top > 0 and v < 0.6 * top
            ax.text(
                j, i, text, ha="center", va="center", fontsize="small", color="white" if dark else "black"
            )
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label(_t("mix_share" if normalized else "mix_count", lang))
    if normalized:
        _number_axis(bar.ax.yaxis, lang, percent=True)
    ax.set_title(_t("mix_title", lang, attr=m.columns.name or ""))
    ax.set_ylabel(_t("mix_rows", lang))
    ax.set_xlabel(_t("mix_cols", lang))
    return ax


def activity_impact(
    net: Network,
    *,
    projection: Any = None,
    top: int | None = 15,
    sort: str = "ties",
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """What each activity adds: horizontal bars of the pairs of residents who met there
    (``ties``) and the pairs who met only there (``unique_ties``: they would not have met if
    it stopped), from :func:`wijknet.activities.impact`, largest first.

    Parameters
    ----------
    net
        A :class:`~wijknet.Network`.
    projection
        How to project (as :func:`wijknet.activities.impact`; None: the default).
    top
        How many activities to show (None: all).
    sort
        ``"ties"`` or ``"unique_ties"``: the order of the bars.
    lang
        ``"en"`` or ``"nl"``.
    ax
        A matplotlib Axes to draw on (None: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        Two bar containers (``ax.containers``): ties, then unique ties, each in the order of
        the y tick labels (from the top).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wijknet as wn
    >>> ax = wn.plot.activity_impact(wn.datasets.davis_southern_women(), top=5)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['E8', 'E9', 'E7', 'E6', 'E5']
    >>> [int(b.get_width()) for b in ax.containers[0]]
    [91, 66, 45, 28, 28]
    """
    fn = "activity_impact"
    lang = _lang(lang, fn)
    from . import activities

    sort = _args.choice(sort, "sort", f"plot.{fn}", ("ties", "unique_ties"))
    if top is not None:
        top = _whole(top, "top", fn)
    table = activities.impact(net, projection=projection, progress=False)
    other = "unique_ties" if sort == "ties" else "ties"
    table = table.sort_values([sort, other], ascending=False, kind="stable")
    shown = table if top is None else table.head(top)
    k = len(shown)
    ax = _axes(ax, fn, (8.0, 1.2 + 0.38 * max(k, 3)))
    y = np.arange(k)
    h = 0.4
    ax.barh(y - h / 2, shown["ties"].to_numpy(), height=h, color=PALETTE[0], label=_t("imp_ties", lang))
    ax.barh(
        y + h / 2, shown["unique_ties"].to_numpy(), height=h, color=PALETTE[1], label=_t("imp_unique", lang)
    )
    ax.set_yticks(
        y, ["\n".join(textwrap.wrap(_texts.shown(a, lang), 38)) or _texts.shown(a, lang) for a in shown.index]
    )
    ax.invert_yaxis()
    if top is not None and top < len(table):
        what = _t("imp_ties_short" if sort == "ties" else "imp_unique_short", lang)
        ax.set_title(_t("imp_title", lang, top=top, what=what))
    else:
        ax.set_title(_t("imp_title_all", lang))
    ax.set_xlabel(_t("imp_x", lang))
    _number_axis(ax.xaxis, lang)
    ax.legend(frameon=False, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# ---------------------------------------------------------------------------------------------
# drawings of the network
# ---------------------------------------------------------------------------------------------
def ego(
    g: Graph,
    resident: Any,
    *,
    labels: bool = False,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """One resident's ego network: the resident in the middle, the people they are tied to
    (in either direction) on a circle around them (igraph's star layout), and the ties among
    those people. No names are written unless ``labels=True``.

    Parameters
    ----------
    g
        A :class:`~wijknet.Graph` (a projection or a tie layer).
    resident
        The id of the resident at the centre.
    labels
        Write the ids beside the dots (default False: drawings carry no names).
    lang
        ``"en"`` or ``"nl"``.
    ax
        A matplotlib Axes to draw on (None: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        Two scatter collections (``ax.collections``): the people met, then the resident; the
        ties are a line collection below them.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project(min_weight=3)
    >>> ax = wn.plot.ego(g, "Evelyn Jefferson")
    >>> ax.get_title()
    "One resident's network: 8 people met, 18 ties among them"
    >>> any("Evelyn" in t.get_text() for t in ax.texts)
    False
    """
    fn = "ego"
    lang = _lang(lang, fn)
    g = _args.graph(g, f"plot.{fn}")
    labels = _flag(labels, "labels", fn)
    from ._frames import lookup

    i = lookup(g.nodes, resident, "node")
    a = g.to_scipy()
    alters = np.union1d(a[[i], :].indices, a.T.tocsr()[[i], :].indices if g.is_directed() else [])
    alters = alters[alters != i].astype(np.int64)
    members = np.concatenate([[i], alters])
    sub = g.subgraph(g.nodes[members])
    # subgraph keeps the graph's node order: put the resident first
    order = pd.Index(sub.nodes).get_indexer(g.nodes[members])
    ig, pairs = _ig(sub)
    centre = int(order[0])
    rest = [int(x) for x in order[1:]]
    xy = (
        np.asarray(ig.layout_star(center=centre, order=[centre, *rest]).coords, dtype=float)
        if rest
        else np.zeros((1, 2))
    )
    ax = _axes(ax, fn, (6.0, 6.0))
    among = pairs[(pairs != centre).all(axis=1)] if len(pairs) else pairs
    spokes = np.array([[centre, r] for r in rest], dtype=np.int64).reshape(-1, 2)
    from matplotlib.collections import LineCollection

    if len(spokes):
        seg = np.stack([xy[spokes[:, 0]], xy[spokes[:, 1]]], axis=1)
        ax.add_collection(LineCollection(list(seg), colors=PALETTE[1], linewidths=0.8, alpha=0.5, zorder=1))
    _draw_ties(ax, xy, among, len(members))
    ax.scatter(xy[rest, 0], xy[rest, 1], s=60, color=PALETTE[0], zorder=2, label=_t("ego_alter", lang))
    ax.scatter(xy[centre, 0], xy[centre, 1], s=220, color=PALETTE[5], zorder=3, label=_t("ego_ego", lang))
    if labels:
        for pos, node in zip(xy, sub.nodes, strict=False):
            ax.annotate(
                _texts.shown(node, lang), pos, textcoords="offset points", xytext=(5, 5), fontsize="small"
            )
    ax.set_title(
        _t("ego_title", lang, alters=_texts.integer(len(rest), lang), ties=_texts.integer(len(among), lang))
    )
    ax.set_aspect("equal")
    ax.margins(0.25 if labels else 0.12)
    ax.set_axis_off()
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2)
    return ax


def network(
    g: Graph,
    *,
    color: str | pd.Series | None = None,
    size: str | pd.Series | None = None,
    seed: int | None = None,
    max_nodes: int = 2000,
    labels: bool = False,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """The whole network, laid out by igraph's Fruchterman–Reingold force-directed algorithm
    with a seed, so the same seed gives the same picture.

    A network with more than ``max_nodes`` residents is drawn as a random sample of
    ``max_nodes`` of them (drawn with the seed) and the ties among them; the title says so.
    To draw the significant ties only, pass the backbone: ``wn.null.backbone(net).graph``.
    Every resident is drawn, with or without ties; the layout is kept within a square, so
    small groups and residents without ties stay near the rest (often along its edges)
    rather than drifting off. It takes about 2 s for 2,000 residents.

    Parameters
    ----------
    g
        A :class:`~wijknet.Graph` (a projection, a tie layer or a backbone).
    color
        None (one colour), a node attribute name, or a pandas Series indexed by node id: a
        category per node (e.g. communities from :func:`wijknet.louvain_communities`), coloured
        by the Okabe–Ito palette with a legend; past seven groups the smallest share the grey
        of "other", and missing values are light grey. Decimal numbers with more than seven
        distinct values (an age, a number of visits read as floats) are an amount instead:
        a cividis scale with a colour bar.
    size
        None (one size), ``"degree"`` (the number of others met), or a numeric node attribute
        name or Series: dot areas grow with it.
    seed
        The layout's seed (None: a fresh one). The seed used is written in the caption, so
        every picture can be drawn again.
    max_nodes
        The most residents drawn (default 2,000); past it, a stated random sample.
    labels
        Write the ids beside the dots (default False: drawings carry no names).
    lang
        ``"en"`` or ``"nl"``.
    ax
        A matplotlib Axes to draw on (None: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The ties are a line collection and the residents one scatter collection
        (``ax.collections[-1]``; its offsets are the layout).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wijknet as wn
    >>> net = wn.datasets.badhuis(residents=300, seed=1)
    >>> ax = wn.plot.network(net.project(), color="neighbourhood", max_nodes=100, seed=7)
    >>> ax.get_title().startswith("A random sample of 100 of")
    True
    """
    fn = "network"
    lang = _lang(lang, fn)
    g = _args.graph(g, f"plot.{fn}")
    seed = _args.resolve_seed(seed, f"plot.{fn}")
    max_nodes = _whole(max_nodes, "max_nodes", fn)
    labels = _flag(labels, "labels", fn)
    total = g.number_of_nodes()
    colour_values = _groups.node_values(g, color, f"plot.{fn}") if color is not None else None
    size_values = None
    size_name = None
    if size is not None:
        if isinstance(size, str) and size == "degree":
            from .metrics import degree

            size_values, size_name = degree(g).astype(float), None
        else:
            values, size_name = _groups.node_values(g, size, f"plot.{fn}")
            if not pd.api.types.is_numeric_dtype(values):
                raise ArgumentError(
                    f"plot.network(size={size!r}): dot sizes need numbers; give 'degree', a numeric "
                    "node attribute or a numeric Series (colour shows categories: color=)"
                )
            size_values = values.astype(float)
    sampled = total > max_nodes
    keep = np.arange(total)
    if sampled:
        keep = np.sort(np.random.default_rng(seed).choice(total, size=max_nodes, replace=False))
        mask = np.zeros(total, dtype=bool)
        mask[keep] = True
        sub = g.subgraph(mask)
    else:
        sub = g
    n = sub.number_of_nodes()
    ig, pairs = _ig(sub)
    xy = _layout(ig, seed)
    ax = _axes(ax, fn, (9.0, 8.0))
    _draw_ties(ax, xy, pairs, n)
    if size_values is not None:
        v = np.nan_to_num(size_values.to_numpy()[keep], nan=0.0)
        top = v.max() if len(v) and v.max() > 0 else 1.0
        s = 4.0 + 120.0 * np.clip(v, 0, None) / top
        if n > 500:
            s = s / 3
    else:
        s = np.full(n, 40.0 if n <= 200 else 12.0 if n <= 1000 else 5.0)
    legend: list[tuple[str, str]] = []
    cname = None
    shown = colour_values[0].iloc[keep].reset_index(drop=True) if colour_values is not None else None
    if shown is not None and _is_amount(shown):
        # an amount (age, visits): a sequential scale with a colour bar
        import matplotlib as mpl

        cmap = mpl.colormaps[_SEQUENTIAL].with_extremes(bad=_MISSING)
        dots = ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=s,
            c=shown.to_numpy(dtype=float),
            cmap=cmap,
            plotnonfinite=True,
            linewidths=0,
            zorder=2,
        )
        bar = ax.figure.colorbar(dots, ax=ax, shrink=0.6)
        bar.set_label(colour_values[1])  # type: ignore[index]
        _number_axis(bar.ax.yaxis, lang)
    else:
        if shown is not None:
            colours, legend = _group_colours(shown, lang)
            cname = colour_values[1]  # type: ignore[index]
        else:
            colours = [PALETTE[0]] * n
        ax.scatter(xy[:, 0], xy[:, 1], s=s, c=colours, linewidths=0, zorder=2)
    if labels:
        for pos, node in zip(xy, sub.nodes, strict=False):
            ax.annotate(
                _texts.shown(node, lang), pos, textcoords="offset points", xytext=(3, 3), fontsize="x-small"
            )
    ties = sub.number_of_edges()
    if sampled:
        title = _t(
            "net_sample",
            lang,
            nodes=_texts.integer(n, lang),
            total=_texts.integer(total, lang),
            seed=seed,
            ties=_texts.integer(ties, lang),
        )
    else:
        title = _t("net_title", lang, nodes=_texts.integer(n, lang), ties=_texts.integer(ties, lang))
    ax.set_title("\n".join(textwrap.wrap(title, 70)))
    sized = (
        ""
        if size is None
        else _t("net_size", lang)
        if size_name is None
        else _t("net_size_attr", lang, attr=size_name)
    )
    ax.text(
        0.5,
        -0.01,
        _t("net_layout", lang, seed=seed, size=sized),
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize="small",
        color="#555555",
    )
    if legend:
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], marker="o", linestyle="", color=c, label=label) for label, c in legend]
        ax.legend(handles=handles, title=cname, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


# ---------------------------------------------------------------------------------------------
# role trajectories
# ---------------------------------------------------------------------------------------------
#: The seven role paths (role at the first visit, after the first step, highest role; 0 =
#: participant, 1 = volunteer, 2 = organiser), in the order of their labels.
_Path = tuple[int, int, int]
_PATHS: tuple[_Path, ...] = ((2, 2, 2), (1, 2, 2), (0, 1, 2), (0, 2, 2), (1, 1, 1), (0, 1, 1), (0, 0, 0))
_ROLE_KEYS = ("participant", "volunteer", "organiser")
_ROLE_COLOURS = (PALETTE[0], PALETTE[1], PALETTE[2])


def _role_paths(table: pd.DataFrame) -> np.ndarray:
    """Each resident's (first, step, highest) roles from :func:`wijknet.empowerment.trajectories`:
    the role at the first visit (organiser or volunteer when the first attendance in it is
    on the first day), the role after the first step up (the same role for a resident who never
    steps up; volunteer for a participant who volunteered before organising, else organiser) and
    the highest role."""
    to_vol = table["days_to_volunteer"].to_numpy(dtype=float)
    to_org = table["days_to_organiser"].to_numpy(dtype=float)
    high = np.asarray(table["highest"].cat.codes, dtype=np.int64)
    start = np.where(to_org == 0, 2, np.where(to_vol == 0, 1, 0))
    via_volunteer = np.isnan(to_org) | (to_vol < to_org)
    step = np.where(high == start, start, np.where((start == 0) & via_volunteer, 1, 2))
    return np.column_stack([start, step, high])


def _exposed_paths(
    counts: dict[_Path, int],
    totals: list[list[_Path]],
    hidden: set[_Path],
    not_written: set[int],
    k: int,
    silent: frozenset[int] = frozenset(),
) -> int:
    """How many paths not counted can be worked out exactly from what is written.

    What a reader knows: each written total (minus its counted paths) is the sum of the paths
    in it not counted; a total written ``< k`` (not ``silent``) is at most ``k - 1``; a path
    written ``< k`` has 1 to ``k - 1`` residents and one written ``–`` at least ``k`` (at most
    everyone). A path is exposed when the smallest and the largest value it can take under
    these constraints (two linear programs, scipy's HiGHS) leave it one whole number."""
    unknown = sorted(p for p in hidden if counts[p] > 0)
    if not unknown:
        return 0
    from scipy.optimize import linprog

    sums = [sum(counts[p] for p in total) for total in totals]
    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for i, total in enumerate(totals):
        row = [1.0 if p in total else 0.0 for p in unknown]
        if not any(row):
            continue
        if i not in not_written:
            a_eq.append(row)
            b_eq.append(float(sums[i] - sum(counts[p] for p in total if p not in hidden)))
        elif 0 < sums[i] < k and i not in silent:
            a_ub.append(row)
            b_ub.append(float(k - 1))
    everyone = float(sum(counts.values()))
    bounds = [(1.0, k - 1.0) if counts[p] < k else (float(k), everyone) for p in unknown]
    found = 0
    used = np.asarray(np.array(a_eq + a_ub).reshape(-1, len(unknown)).any(axis=0), dtype=bool).reshape(-1)
    for j in range(len(unknown)):
        if not used[j]:  # in no written total: only its own bounds
            found += int(bounds[j][0] >= bounds[j][1])
            continue
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(unknown))
            c[j] = sign
            res = linprog(
                c,
                A_ub=np.array(a_ub) if a_ub else None,
                b_ub=np.array(b_ub) if b_ub else None,
                A_eq=np.array(a_eq) if a_eq else None,
                b_eq=np.array(b_eq) if b_eq else None,
                bounds=bounds,
                method="highs",
            )
            ends.append(sign * res.fun if res.status == 0 else None)
        low, high = ends
        if low is not None and high is not None and np.ceil(low - 1e-7) >= np.floor(high + 1e-7):
            found += 1
    return found


def _suppress(
    counts: dict[_Path, int], totals: list[list[_Path]], k: int
) -> tuple[set[_Path], set[_Path], set[int], frozenset[int]]:
    """Small-cell suppression of the paths (docs/metrics.md, "Privacy"): (paths not counted
    because they are small, paths not counted to protect them, totals not written, and of
    those the totals below ``k`` not even written ``< k``).

    A path with fewer than ``k`` residents (but some) is not counted (primary); a total below
    ``k`` is written ``< k``. The totals overlap (each path is in a box of every column, and in
    the total of all), so while some path not counted could still be worked out exactly from
    what is written (:func:`_exposed_paths`), one more path or total is left unwritten
    (secondary): the one that leaves the fewest paths exposed, and of those the smallest; the
    total of all residents (the last) only as a last resort; when nothing is left to leave out
    (only with a small ``k``, as every total is then below it), a total written ``< k`` is
    written ``–`` instead. Last, every total and path left out that can be written again
    without exposing a path is written again."""
    primary = {p for p, c in counts.items() if 0 < c < k}
    hidden = set(primary)
    sums = [sum(counts[p] for p in total) for total in totals]
    not_written = {i for i, v in enumerate(sums) if 0 < v < k}
    last = len(totals) - 1
    silent: frozenset[int] = frozenset()
    seen: dict[tuple, int] = {}

    def _exposed(
        counts: dict[_Path, int],
        totals: list[list[_Path]],
        hidden: set[_Path],
        not_written: set[int],
        k: int,
        silent: frozenset[int] = frozenset(),
    ) -> int:
        key = (frozenset(hidden), frozenset(not_written), silent)
        if key not in seen:
            seen[key] = _exposed_paths(counts, totals, hidden, not_written, k, silent)
        return seen[key]

    while _exposed(counts, totals, hidden, not_written, k, silent):
        cells = [
            (_exposed(counts, totals, hidden | {p}, not_written, k, silent), counts[p], p)
            for p in counts
            if counts[p] > 0 and p not in hidden
        ]
        sums_left = [
            (
                _exposed(counts, totals, hidden, not_written | {i}, k, silent),
                sums[i] + (10**15 if i == last else 0),
                i,
            )
            for i in range(len(totals))
            if i not in not_written and sums[i] > 0
        ]
        best_cell = min(cells, default=None)
        best_total = min(sums_left, default=None)
        if best_cell is None and best_total is None:
            small = [
                (_exposed(counts, totals, hidden, not_written, k, silent | {i}), sums[i], i)
                for i in not_written
                if 0 < sums[i] < k and i not in silent
            ]
            if not small:
                break  # min_cell 2: a path written "< 2" has 1 resident, whatever is done
            silent = silent | {min(small)[2]}
        elif best_total is None or (best_cell is not None and best_cell[:2] <= best_total[:2]):
            assert best_cell is not None
            hidden.add(best_cell[2])
        else:
            not_written.add(best_total[2])
    # then write again, largest first, whatever can be written without exposing a path
    for i in sorted(not_written, key=lambda i: -sums[i]):
        if sums[i] >= k and not _exposed(counts, totals, hidden, not_written - {i}, k, silent):
            not_written.discard(i)
    for i in sorted(silent, key=lambda i: -sums[i]):
        if not _exposed(counts, totals, hidden, not_written, k, silent - {i}):
            silent = silent - {i}
    for p in sorted(hidden - primary, key=lambda p: -counts[p]):
        if not _exposed(counts, totals, hidden - {p}, not_written, k, silent):
            hidden.discard(p)
    return primary, hidden - primary, not_written, silent


def trajectories(
    net: Network,
    *,
    min_cell: int = 10,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Role trajectories participant → volunteer → organiser as flows: three columns (the role
    at the first visit, the role after the first step up, the highest role reached), with one
    band per path of roles, as wide as the number of residents who took it, from
    :func:`wijknet.empowerment.trajectories`. A step is the first attendance in a higher role.

    There are seven paths: stayed participant; became volunteer; became volunteer, then
    organiser; became organiser straight away; volunteer from the start; volunteer from the
    start, later organiser; organiser from the start. Each band's count and path are written
    to the right of the last column, and each role's total beside its box.

    Small numbers are suppressed (statistical disclosure control, docs/metrics.md "Privacy"):
    a path taken by fewer than ``min_cell`` residents is written ``< min_cell``; where a total
    would then give it away (a box, or all residents, minus the counted paths), the smallest
    other path in that total is not counted either (written ``–``); a box of fewer than
    ``min_cell`` residents is written ``< min_cell``. Bands without a count are drawn at one
    fixed width, so their width tells nothing either.

    Parameters
    ----------
    net
        A dated :class:`~wijknet.Network` with roles (without roles everyone is a participant).
    min_cell
        The smallest number of residents written (default 10; 1 writes every count).
    lang
        ``"en"`` or ``"nl"``: role names (participant, volunteer, organiser or deelnemer,
        vrijwilliger, organisator) and every other text.
    ax
        A matplotlib Axes to draw on (None: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax.figure`` is the figure): the boxes and bands are patches, and
        each path's label is a text ``"<count>  <path>"`` to the right of the last column.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd, wijknet as wn
    >>> df = pd.DataFrame({
    ...     "resident": ["ann", "ann", "ann", "bob", "cas", "cas", "dan"],
    ...     "activity": ["dance", "dance", "yoga", "dance", "yoga", "yoga", "yoga"],
    ...     "date": ["2025-01-06", "2025-02-03", "2025-03-03", "2025-01-06",
    ...              "2025-01-06", "2025-03-03", "2025-03-03"],
    ...     "role": ["participant", "volunteer", "organiser", "participant",
    ...              "participant", "volunteer", "organiser"]})
    >>> net = wn.Network.from_attendance(df, date="date", role="role")
    >>> ax = wn.plot.trajectories(net, min_cell=1)
    >>> sorted(t.get_text() for t in ax.texts if t.get_text()[0].isdigit())
    ['1  became volunteer', '1  became volunteer, then organiser', '1  organiser from the start', '1  stayed participant']
    >>> ax = wn.plot.trajectories(net, lang="nl")  # min_cell=10: all four are too small
    >>> sorted({t.get_text() for t in ax.texts if t.get_text().startswith("<")})[:2]
    ['< 10  deelnemer gebleven', '< 10  vanaf het begin organisator']
    """
    fn = "trajectories"
    lang = _lang(lang, fn)
    k = _whole(min_cell, "min_cell", fn)
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path

    from . import empowerment

    table = empowerment.trajectories(net)
    ax = _axes(ax, fn, (10.0, 5.5))
    roles = _role_paths(table)
    counts = {p: 0 for p in _PATHS}
    if len(roles):
        found, n_found = np.unique(roles, axis=0, return_counts=True)
        for row, c in zip(found, n_found, strict=True):
            counts[(int(row[0]), int(row[1]), int(row[2]))] = int(c)
    boxes = {(c, r): [p for p in _PATHS if p[c] == r] for c in range(3) for r in range(3)}
    totals = [*boxes.values(), list(_PATHS)]
    primary, secondary, not_written, silent = _suppress(counts, totals, k)
    hidden = primary | secondary

    def count_text(i: int) -> str:
        total = sum(counts[p] for p in totals[i])
        if 0 < total < k and i not in silent:
            return f"< {k}"
        if i in not_written:
            return "–"
        return _texts.integer(total, lang)

    n_all = sum(counts.values())
    present = [p for p in _PATHS if counts[p] > 0]
    thin = 0.006 * max(n_all, 1)
    width = {p: max(float(k) / 2 if p in hidden else float(counts[p]), thin) for p in present}
    drawn = sum(width.values())
    gap = 0.06 * drawn if drawn else 1.0
    bw = 0.07

    # the boxes: organiser on top; each column centred on 0
    box_span: dict[tuple[int, int], tuple[float, float]] = {}
    for c in range(3):
        heights = [(r, sum(width[p] for p in boxes[(c, r)] if p in width)) for r in (2, 1, 0)]
        heights = [(r, h) for r, h in heights if h > 0]
        top = (sum(h for _, h in heights) + gap * (len(heights) - 1)) / 2
        for r, h in heights:
            box_span[(c, r)] = (top, top - h)
            top -= h + gap

    # ports: where each path enters (left) and leaves (right) each box, from the top down
    def ports(c: int, side: str) -> dict[_Path, tuple[float, float]]:
        out: dict[_Path, tuple[float, float]] = {}
        for r in range(3):
            if (c, r) not in box_span:
                continue
            members = [p for p in boxes[(c, r)] if p in width]

            def key(p: _Path) -> tuple:
                prev, nxt = p[max(c - 1, 0)], p[min(c + 1, 2)]
                return (nxt, prev, p) if side == "right" else (prev, nxt, p)

            y = box_span[(c, r)][0]
            for p in sorted(members, key=key, reverse=True):
                out[p] = (y, y - width[p])
                y -= width[p]
        return out

    for c in range(2):
        out_ports, in_ports = ports(c, "right"), ports(c + 1, "left")
        x0, x1 = c + bw / 2, c + 1 - bw / 2
        xm = (x0 + x1) / 2
        for p in present:
            (a_top, a_bot), (b_top, b_bot) = out_ports[p], in_ports[p]
            verts = [
                (x0, a_top),
                (xm, a_top),
                (xm, b_top),
                (x1, b_top),
                (x1, b_bot),
                (xm, b_bot),
                (xm, a_bot),
                (x0, a_bot),
                (x0, a_top),
            ]
            codes = [Path.MOVETO, *[Path.CURVE4] * 3, Path.LINETO, *[Path.CURVE4] * 3, Path.CLOSEPOLY]
            ax.add_patch(
                PathPatch(Path(verts, codes), facecolor=_ROLE_COLOURS[p[2]], alpha=0.4, linewidth=0, zorder=1)
            )
    lows = [b for _, b in box_span.values()] or [0.0]
    highs = [t for t, _ in box_span.values()] or [1.0]
    span = max(highs) - min(lows) if present else 1.0
    # the height of a line of small text in data units (the y range is about 1.3 spans)
    import matplotlib as mpl

    inches = max(ax.bbox.height / ax.figure.dpi, 0.5)  # the Axes' height
    line = 1.2 * 0.833 * float(mpl.rcParams["font.size"]) / 72 * 1.3 * span / inches

    def spread(ys: list[float], step: float) -> list[float]:
        """Positions from the top down, each at least ``step`` below the one above."""
        out: list[float] = []
        for y in ys:
            out.append(min(y, out[-1] - step) if out else y)
        return out

    for c in range(3):
        here = sorted(((r, span_) for (cc, r), span_ in box_span.items() if cc == c), key=lambda x: -x[1][0])
        places = spread([(t + b) / 2 for _, (t, b) in here], 1.15 * line)
        for (r, (top, bottom)), y in zip(here, places, strict=True):
            ax.add_patch(
                Rectangle(
                    (c - bw / 2, bottom), bw, top - bottom, facecolor=_ROLE_COLOURS[r], linewidth=0, zorder=2
                )
            )
            ax.text(
                c - bw / 2 - 0.015,
                y,
                f"{_t(_ROLE_KEYS[r], lang)} {count_text(3 * c + r)}",
                ha="right",
                va="center",
                fontsize="small",
                zorder=3,
                bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 0.5},
            )

    # the paths' labels, right of the last column, pushed apart where they would overlap
    last = ports(2, "left")
    order = sorted(present, key=lambda p: -(last[p][0] + last[p][1]))
    ys = spread([(last[p][0] + last[p][1]) / 2 for p in order], 1.2 * line)
    x_label = 2 + bw / 2 + 0.12
    for p, y in zip(order, ys, strict=True):
        if p in primary:
            n_text = f"< {k}"
        elif p in secondary:
            n_text = "–"
        else:
            n_text = _texts.integer(counts[p], lang)
        mid = (last[p][0] + last[p][1]) / 2
        ax.plot([2 + bw / 2 + 0.01, x_label - 0.01], [mid, y], color="#999999", linewidth=0.6, zorder=1)
        ax.text(
            x_label,
            y,
            f"{n_text}  {_t('path_' + ''.join(map(str, p)), lang)}",
            ha="left",
            va="center",
            fontsize="small",
            color=_ROLE_COLOURS[p[2]] if p[2] != 1 else "#8A5A00",
        )
    bottom = min([*lows, *ys]) if ys else min(lows)
    top = max(highs)
    for c, key in enumerate(("traj_first", "traj_step", "traj_highest")):
        ax.text(
            c,
            top + 0.04 * span,
            textwrap.fill(_t(key, lang), 16),
            ha="center",
            va="bottom",
            fontweight="bold",
            fontsize="medium",
        )
    notes = [_t("traj_note", lang)]
    if primary:
        notes.append(_t("traj_small", lang, k=k))
    if secondary or any(sum(counts[p] for p in totals[i]) >= k for i in not_written):
        notes.append(_t("traj_hidden", lang))
    if hidden:
        notes.append(_t("traj_width", lang))
    ax.text(
        0.0,
        0.0,
        "\n".join(notes),
        transform=ax.transAxes,
        ha="left",
        va="top",
        fontsize="small",
        color="#555555",
    )
    ax.set_title(_t("traj_title", lang, n=count_text(len(totals) - 1)))
    ax.set_xlim(-0.55, 3.6)
    ax.set_ylim(bottom - 0.06 * span, top + 0.24 * span)
    ax.set_axis_off()
    return ax


# ---------------------------------------------------------------------------------------------
# the interactive view (ipysigma)
# ---------------------------------------------------------------------------------------------
#: node attribute names the view itself uses (positions, labels, ipysigma's defaults)
_SIGMA_NAMES = ("x", "y", "label", "size", "color")


def _sigma_class(fn: str) -> Any:
    try:
        from ipysigma import Sigma
    except ImportError as e:
        raise ImportError(
            f"wijknet.plot.{fn} shows the network with ipysigma, which is not installed: {_INSTALL_INTERACTIVE}"
        ) from e
    return Sigma


def _free_name(name: str) -> str:
    return f"{name} " if name in _SIGMA_NAMES else name


def _sigma(
    g: Any,
    *,
    color: Any,
    size: Any,
    labels: Any,
    lang: Any,
    seed: Any,
    height: Any,
    fn: str,
) -> tuple[Any, str, int]:
    """The ipysigma widget for a Graph, its title and the layout's seed. Nodes are keyed by
    their position 0..n-1 in ``g.nodes``; ids are written (as labels) only with ``labels``."""
    lang = _lang(lang, fn)
    g = _args.graph(g, f"plot.{fn}")
    labels = _flag(labels, "labels", fn)
    seed = _args.resolve_seed(seed, f"plot.{fn}")
    height = _whole(height, "height", fn, minimum=250)
    Sigma = _sigma_class(fn)
    igraph = _igraph()
    n = g.number_of_nodes()

    # the values first, so a wrong argument is reported before any work
    colour_values = _groups.node_values(g, color, f"plot.{fn}") if color is not None else None
    size_values: pd.Series | None = None
    size_name = ""
    if size is not None:
        if isinstance(size, str) and size in ("degree", "strength"):
            from .metrics import degree, strength

            size_values = (degree(g) if size == "degree" else strength(g)).astype(float)
            size_name = _t("int_degree" if size == "degree" else "int_strength", lang)
        else:
            size_values, size_name = _groups.node_values(g, size, f"plot.{fn}")
            if not pd.api.types.is_numeric_dtype(size_values) or pd.api.types.is_bool_dtype(size_values):
                raise ArgumentError(
                    f"plot.{fn}(size={size!r}): dot sizes need numbers; give 'degree', 'strength', a "
                    "numeric node attribute or a numeric Series (colour shows categories: color=)"
                )
            size_values = size_values.astype(float)

    # the ties from the sparse matrix (one per pair, or per direction in a directed layer)
    a = g.to_scipy().tocoo()
    keep = a.row != a.col if g.is_directed() else a.row < a.col
    pairs = np.column_stack([a.row[keep], a.col[keep]]).astype(np.int64)
    weights = np.asarray(a.data[keep], dtype=float)
    view = igraph.Graph(n=n, edges=pairs.tolist(), directed=g.is_directed())
    if len(weights) and np.all(weights == np.round(weights)):
        view.es["weight"] = weights.astype(np.int64).tolist()
    else:
        view.es["weight"] = weights.tolist()

    # the same seeded layout as plot.network
    layout_graph, _ = _ig(g)
    xy = _layout(layout_graph, seed)
    xy = np.round(xy, 4)
    view.vs["x"] = xy[:, 0].tolist() if n else []
    view.vs["y"] = (-xy[:, 1]).tolist() if n else []  # the screen's y runs downwards
    if labels:
        view.vs["label"] = [str(v) for v in g.nodes]

    options: dict[str, Any] = {}
    if colour_values is not None:
        values, name = colour_values
        if isinstance(color, pd.Series) and color.name is None:
            name = _t("int_group", lang)
        name = _free_name(name)
        values = values.reset_index(drop=True)
        if _is_amount(values):
            view.vs[name] = [None if pd.isna(v) else float(v) for v in values.to_numpy(dtype=float)]
            options.update(node_color=name, node_color_gradient="Cividis", default_node_color=_MISSING)
        else:
            colours, legend = _group_colours(values, lang)
            by_colour = {c: label for label, c in legend}
            view.vs[name] = [by_colour[c] for c in colours]
            options.update(node_color=name, node_color_palette=dict(legend))
    else:
        options.update(default_node_color=PALETTE[0])
    if size_values is not None:
        name = _free_name(size_name)
        view.vs[name] = [None if pd.isna(v) else float(v) for v in size_values.to_numpy()]
        options.update(node_size=name)
    else:
        options.update(node_size=None, default_node_size=6 if n <= 1000 else 3)
    title = _t("net_title", lang, nodes=_texts.integer(n, lang), ties=_texts.integer(len(pairs), lang))
    widget = Sigma(
        view,
        name=f"{title} (seed {seed})",
        height=height,
        process_gexf_viz=False,
        edge_weight="weight",
        edge_size=None,
        default_edge_size=1,
        hide_edges_on_move=n > 5000,
        **options,
    )
    return widget, title, seed


def interactive(
    g: Graph,
    *,
    color: str | pd.Series | None = None,
    size: str | pd.Series | None = None,
    labels: bool = False,
    lang: str = "en",
    seed: int | None = None,
    height: int = 500,
) -> Any:
    """A zoomable view of the whole network in Jupyter: an ipysigma ``Sigma`` widget (WebGL),
    usable at 50,000 residents and more. Scroll to zoom, drag to move, click a dot to see its
    ties; the view's buttons run a ForceAtlas2 layout, search dots and save a picture.

    The dots start where :func:`network` puts them for the same ``seed`` (igraph's seeded
    Fruchterman–Reingold; about 6 s for 50,000 residents on one core), so the view and the
    printed figure agree. Ties are drawn once per pair (per direction in a directed tie layer)
    and carry their weight. Building the view takes about 10 s for a projection of 47,000
    residents and 320,000 ties (``wn.datasets.badhuis(50_000).project(min_weight=2)``);
    showing it needs the browser's WebGL.

    Privacy: the dots are keyed by their position 0, 1, 2, … in ``g.nodes`` (so
    ``g.nodes[key]`` finds the resident, for whoever has ``g``); no id is written in the
    widget's data unless ``labels=True``, which writes each id as the dot's label.

    The view's own buttons and panel titles are ipysigma's (in English); the legend's
    contents (the attribute's name and groups) and the title follow ``lang``.

    Parameters
    ----------
    g
        A :class:`~wijknet.Graph` (a projection, a tie layer or a backbone).
    color
        None (one colour), a node attribute name, or a pandas Series indexed by node id: a
        category per node (e.g. communities from :func:`wijknet.louvain_communities`) in the
        Okabe–Ito palette (:data:`PALETTE`), listed in the view's legend; past seven groups
        the smallest share the grey of "other", and missing values are light grey ("unknown").
        Decimal numbers with more than seven distinct values are an amount instead, on the
        cividis scale (as :func:`network`).
    size
        None (one size), ``"degree"`` (the number of others met), ``"strength"`` (the sum of
        tie weights), or a numeric node attribute name or Series: dots grow with it.
    labels
        Write the ids as the dots' labels (default False: the view carries no ids).
    lang
        ``"en"`` or ``"nl"``: the title, the size legend's name and the groups "other" and
        "unknown".
    seed
        The layout's seed (None: a fresh one). The seed used ends the view's title
        (``widget.name``, e.g. ``"Who met whom: 18 residents, 139 ties (seed 1)"``), so the
        view can be made again.
    height
        The view's height in pixels (at least 250).

    Returns
    -------
    ipysigma.Sigma
        The widget (display it as a notebook cell's last line). ``widget.data`` holds what it
        shows: ``nodes`` (``key`` 0..n-1 with ``x``, ``y`` and the colour and size attributes)
        and ``edges`` (``source``, ``target``, ``weight``); ``widget.visual_variables``
        the colour mapping (``nodeColor``'s ``palette``).

    Examples
    --------
    >>> import wijknet as wn
    >>> g = wn.datasets.badhuis(residents=300, seed=1).project()
    >>> view = wn.plot.interactive(g, color="neighbourhood", size="degree", seed=1)
    >>> len(view.data["nodes"]) == g.number_of_nodes(), len(view.data["edges"]) == g.number_of_edges()
    (True, True)
    >>> view  # doctest: +SKIP
    """
    widget, _, _ = _sigma(
        g, color=color, size=size, labels=labels, lang=lang, seed=seed, height=height, fn="interactive"
    )
    return widget


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
body {{{{ font-family: sans-serif; margin: 1em 2em; color: #222; }}}}
h1 {{{{ font-size: 1.3em; font-weight: normal; }}}}
p {{{{ color: #555; font-size: 0.9em; max-width: 60em; }}}}
#wijknet-offline {{{{ display: none; color: #D55E00; font-size: 1em; }}}}
</style>
</head>
<body>
<h1>{{title}}</h1>
<p>{help}</p>
<p id="wijknet-offline">{offline}</p>
{{snippet}}
<p>{layout}</p>
<p>{online}</p>
<script>
/* the viewer comes from the internet: say so when it has not appeared after a while */
setTimeout(function () {{{{
  if (!document.querySelector(".ipysigma-widget")) {{{{
    document.getElementById("wijknet-offline").style.display = "block";
  }}}}
}}}}, 15000);
</script>
</body>
</html>
"""


def write_interactive(
    g: Graph,
    path: Any,
    *,
    color: str | pd.Series | None = None,
    size: str | pd.Series | None = None,
    labels: bool = False,
    lang: str = "en",
    title: str | None = None,
    seed: int | None = None,
) -> Any:
    """Save the zoomable view of :func:`interactive` as one HTML page to share: it opens in a
    browser without Python or Jupyter.

    The page holds the network (positions, groups, sizes and ties) and loads the viewer's
    programs when it opens: require.js (cdnjs.cloudflare.com), the Jupyter widgets' HTML
    manager (cdn.jsdelivr.net) and ipysigma's front end (from the npm CDN, the version
    installed here). So opening it needs an internet connection; the network itself stays in
    the file and is not sent anywhere. (ipysigma does not ship those programs, so they cannot
    be put in the page.) The page says this in ``lang``, and when the view has not appeared
    after 15 seconds (no connection) it says that too.

    Privacy: as :func:`interactive`, the dots are keyed 0..n-1 and no id is in the file unless
    ``labels=True``; only this view is written, not other widgets alive in the notebook. The
    file takes about 80 bytes per tie: 26 MB for 47,000 residents and 320,000 ties.

    Parameters
    ----------
    g
        A :class:`~wijknet.Graph`.
    path
        Where to write the page (a str or ``pathlib.Path``, e.g. ``"network.html"``).
    color, size, labels, lang, seed
        As :func:`interactive`.
    title
        The page's title and heading (None: "Who met whom: n residents, m ties" in ``lang``).

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib, wijknet as wn
    >>> g = wn.datasets.davis_southern_women().project()
    >>> out = wn.plot.write_interactive(g, pathlib.Path(tempfile.mkdtemp()) / "davis.html", seed=1)
    >>> page = out.read_text(encoding="utf-8")
    >>> "ipysigma" in page, "Evelyn" in page  # no names without labels=True
    (True, False)
    """
    fn = "write_interactive"
    import pathlib

    if not isinstance(path, (str, pathlib.PurePath)):
        raise ArgumentError(
            f"plot.{fn}(path={type(path).__name__}): give a file name (a str or pathlib.Path), "
            "e.g. 'network.html'"
        )
    if title is not None and not isinstance(title, str):
        raise ArgumentError(f"plot.{fn}(title={title!r}): give a text, or None for the default title")
    widget, default_title, seed = _sigma(
        g, color=color, size=size, labels=labels, lang=lang, seed=seed, height=700, fn=fn
    )
    lang = _lang(lang, fn)
    import html

    from ipywidgets.embed import (  # type: ignore[import-untyped]
        dependency_state,
        embed_minimal_html,
    )

    template = _PAGE.format(
        lang=lang,
        help=html.escape(_t("int_help_labels" if labels else "int_help", lang)),
        layout=html.escape(_t("int_layout", lang, seed=seed)),
        online=html.escape(_t("int_online", lang)),
        offline=html.escape(_t("int_offline", lang)),
    )
    out = pathlib.Path(path)
    try:
        # this widget's state only (not every widget alive in the session), on one line
        embed_minimal_html(
            str(out),
            views=[widget],
            state=dependency_state([widget]),
            title=html.escape(title or default_title),
            template=template,
            indent=None,
        )
    finally:
        widget.close()
    return out
