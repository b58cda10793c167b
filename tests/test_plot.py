"""wn.plot: every figure shows the numbers of the wijknet call it draws, in English and Dutch,
without names, and the network layout is reproducible for a seed."""

from __future__ import annotations

import doctest
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
pytest.importorskip("igraph")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402

import wijknet as wn  # noqa: E402


@pytest.fixture(scope="module")
def net():
    return wn.datasets.badhuis(residents=500, seed=1)


@pytest.fixture(scope="module")
def g(net):
    return net.project()


@pytest.fixture(scope="module")
def davis():
    return wn.datasets.davis_southern_women()


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def texts(ax) -> list[str]:
    """Every piece of text drawn in the figure the Axes is in (titles, labels, ticks, legends,
    annotations): read back from the figure saved as SVG with its text kept as text."""
    import io
    import xml.etree.ElementTree as ET

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        ax.figure.savefig(buf, format="svg")
    root = ET.fromstring(buf.getvalue())
    out = []
    for el in root.iter("{http://www.w3.org/2000/svg}text"):
        out.extend(line for line in "".join(el.itertext()).split("\n") if line)
    return out


def bars(ax):
    return [p for c in ax.containers for p in c]


# ---- import and arguments --------------------------------------------------------------------
def test_import_wijknet_does_not_import_matplotlib_or_igraph():
    code = "import sys, wijknet; print('matplotlib' in sys.modules, 'igraph' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    "missing,call",
    [
        ("matplotlib", "coparticipants(g)"),
        ("igraph", "network(g, seed=1)"),
        ("igraph", "interactive(g, seed=1)"),
    ],
)
def test_a_missing_library_says_what_to_install(missing, call):
    code = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        "import wijknet as wn\n"
        "g = wn.datasets.davis_southern_women().project()\n"
        "try:\n"
        f"    wn.plot.{call}\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert 'pip install "wijknet[plot]"' in out.stdout, out.stdout + out.stderr


def test_wrong_arguments_name_the_fix(net, g, davis):
    with pytest.raises(wn.ArgumentError, match="lang='de'.: give one of 'en', 'nl'"):
        wn.plot.coparticipants(g, lang="de")
    with pytest.raises(wn.ArgumentError, match="matplotlib Axes"):
        wn.plot.coparticipants(g, ax="left")
    with pytest.raises(wn.ArgumentError, match="leave projection out"):
        wn.plot.coparticipants(g, projection={"unit": "activity"})
    with pytest.raises(wn.ArgumentError, match="Network or a projected"):
        wn.plot.coparticipants([1, 2])
    with pytest.raises(wn.ArgumentError, match="choose from"):
        wn.plot.growth(net, columns=["people"])
    with pytest.raises(wn.ArgumentError, match="no dates"):
        wn.plot.growth(davis)
    with pytest.raises(wn.ArgumentError, match="takes the wijknet.Network"):
        wn.plot.retention(g)
    with pytest.raises(wn.ArgumentError, match="project the network first"):
        wn.plot.mixing(net, "age_group")
    with pytest.raises(wn.ColumnNotFoundError, match="has no node attribute 'age'"):
        wn.plot.mixing(g, "age")
    with pytest.raises(wn.ArgumentError, match="True .shares. or False"):
        wn.plot.mixing(g, "age_group", normalized="yes")
    with pytest.raises(wn.ArgumentError, match="sort"):
        wn.plot.activity_impact(net, sort="size")
    with pytest.raises(wn.ArgumentError, match="top"):
        wn.plot.activity_impact(net, top=0)
    with pytest.raises(wn.NodeNotFoundError):
        wn.plot.ego(g, "nobody")
    with pytest.raises(wn.ArgumentError, match="dot sizes need numbers"):
        wn.plot.network(g, size="age_group", seed=1)
    with pytest.raises(wn.ArgumentError, match="max_nodes"):
        wn.plot.network(g, max_nodes=0, seed=1)
    with pytest.raises(wn.ArgumentError, match="seed"):
        wn.plot.network(g, seed="x")


def test_an_axes_of_ones_own_is_drawn_on(g):
    fig, (left, right) = plt.subplots(1, 2)
    assert wn.plot.coparticipants(g, ax=right) is right
    assert not left.patches and right.patches


# ---- the plotted data are the numbers of the wijknet call ---------------------------------------
def test_coparticipants_bars_are_the_degree_counts(davis):
    g = davis.project()
    ax = wn.plot.coparticipants(g)
    deg = wn.degree(g)
    counts = deg.value_counts()
    shown = {int(round(p.get_x())): int(p.get_height()) for p in bars(ax)}
    assert {k: v for k, v in shown.items() if v} == {int(k): int(v) for k, v in counts.items()}
    assert sum(shown.values()) == len(deg)


def test_coparticipants_binned_bars_count_the_residents_in_their_span(net, g):
    deg = wn.degree(g).to_numpy()
    assert deg.max() > 60  # so the bars are binned
    ax = wn.plot.coparticipants(net)  # a Network is projected with the default projection
    patches = bars(ax)
    lefts = [int(round(p.get_x())) for p in patches]
    rights = lefts[1:] + [deg.max() + 1]
    assert lefts[0] == 0 and lefts[1] == 1  # met no one: a bar of its own
    for p, lo, hi in zip(patches, lefts, rights):
        assert p.get_height() == ((deg >= lo) & (deg < hi)).sum()
    assert sum(p.get_height() for p in patches) == len(deg)
    none = int((deg == 0).sum())
    assert any(f"({none} of {len(deg)})" in t for t in texts(ax))


def test_coparticipants_with_isolates_marks_the_share_who_met_no_one():
    net = wn.Network.from_attendance(
        {"resident": ["a", "b", "c", "d"], "activity": ["dance", "dance", "yoga", "chess"]}
    )
    ax = wn.plot.coparticipants(net, lang="nl")
    heights = {int(round(p.get_x())): p.get_height() for p in bars(ax)}
    assert heights == {0: 2, 1: 2}
    assert "niemand ontmoet: 50,0% (2 van 4)" in "\n".join(texts(ax))


def test_growth_lines_are_the_growth_table(net):
    table = wn.temporal.growth(net, freq="Q")
    ax = wn.plot.growth(net, freq="Q", columns=["residents", "ties"])
    assert [line.get_label() for line in ax.lines] == ["residents taking part", "pairs who met"]
    assert ax.lines[0].get_ydata().tolist() == table["residents"].tolist()
    assert ax.lines[1].get_ydata().tolist() == table["ties"].tolist()
    assert [t.get_text() for t in ax.get_xticklabels()] == table.index.tolist()


def test_tie_formation_lines_are_the_summary(net):
    table = wn.temporal.tie_formation_summary(net, within=[7, 30, 90])
    ax = wn.plot.tie_formation(net, within=[7, 30, 90])
    assert ax.lines[0].get_xdata().tolist() == [7, 30, 90]
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), table["share"].to_numpy())
    n = table["newcomers"].tolist()
    assert [t.get_text() for t in ax.texts] == [f"n = {x}" for x in n]
    by = wn.temporal.tie_formation_summary(net, within=[30, 90], by="age_group", min_ties=5)
    ax = wn.plot.tie_formation(net, within=[30, 90], by="age_group", min_ties=5)
    groups = by["age_group"].unique().tolist()
    assert [line.get_label() for line in ax.lines] == groups
    for line, grp in zip(ax.lines, groups):
        np.testing.assert_array_equal(line.get_ydata(), by.loc[by["age_group"] == grp, "share"].to_numpy())
    assert "at least 5 other residents" in ax.get_title()


def test_retention_is_the_kaplan_meier_table_with_its_band(net):
    table = wn.temporal.survival(net, gap=60)
    ax = wn.plot.retention(net, gap=60)
    line = ax.lines[0]
    np.testing.assert_array_equal(line.get_xdata()[1:], table["time"].to_numpy())
    np.testing.assert_array_equal(line.get_ydata()[1:], table["survival"].to_numpy())
    assert line.get_ydata()[0] == 1.0 and line.get_drawstyle() == "steps-post"
    band = ax.collections[0].get_paths()[0].vertices
    lo = np.clip(table["survival"] - 1.96 * table["std_err"], 0, 1)
    assert np.isclose(band[:, 1].min(), lo.min())
    assert "60 days" in ax.get_title()
    by = wn.temporal.survival(net, gap=60, by="age_group")
    ax = wn.plot.retention(net, gap=60, by="age_group")
    assert len(ax.lines) == by["age_group"].nunique()
    first = by[by["age_group"] == by["age_group"].iloc[0]]
    np.testing.assert_array_equal(ax.lines[0].get_ydata()[1:], first["survival"].to_numpy())


def test_mixing_heatmap_is_the_mixing_matrix(g):
    m = wn.mixing.mixing_matrix(g, "age_group")
    ax = wn.plot.mixing(g, "age_group")
    np.testing.assert_array_equal(np.asarray(ax.images[0].get_array()), m.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == [str(c) for c in m.index]
    cells = [t.get_text() for t in ax.texts]
    assert cells[0] == f"{100 * m.iloc[0, 0]:.1f}%"
    counts = wn.mixing.mixing_matrix(g, "age_group", normalized=False)
    ax = wn.plot.mixing(g, "age_group", normalized=False, lang="nl")
    np.testing.assert_array_equal(np.asarray(ax.images[0].get_array()), counts.to_numpy())
    assert ax.get_xlabel() == "groep van de ander"


def test_activity_impact_bars_are_the_impact_table(net, davis):
    table = wn.activities.impact(net).sort_values(["ties", "unique_ties"], ascending=False, kind="stable")
    ax = wn.plot.activity_impact(net, top=8)
    ties, unique = ax.containers
    assert [b.get_width() for b in ties] == table["ties"].head(8).tolist()
    assert [b.get_width() for b in unique] == table["unique_ties"].head(8).tolist()
    assert [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()] == table.index[:8].tolist()
    assert "the 8 with the most pairs" in ax.get_title()
    t = wn.activities.impact(davis).sort_values(["unique_ties", "ties"], ascending=False, kind="stable")
    ax = wn.plot.activity_impact(davis, sort="unique_ties", top=None)
    assert [b.get_width() for b in ax.containers[1]] == t["unique_ties"].tolist()
    assert [b.get_width() for b in ax.containers[0]] == t["ties"].tolist()
    assert ax.get_title() == "What each activity adds"


def test_ego_draws_the_alters_and_the_ties_among_them(g, davis):
    G = g.to_networkx()
    deg = wn.degree(g)
    for resident in (deg[deg == 3].index[0], deg[(deg > 10) & (deg < 30)].index[0]):
        ax = wn.plot.ego(g, resident)
        alters = list(G.neighbors(resident))
        among = G.subgraph(alters).number_of_edges()
        assert len(ax.collections[-2].get_offsets()) == len(alters)
        assert len(ax.collections[-1].get_offsets()) == 1
        assert ax.get_title() == f"One resident's network: {len(alters)} people met, {among} ties among them"
    # Davis, with names: none is written unless asked for
    dg = davis.project(min_weight=3)
    ax = wn.plot.ego(dg, "Evelyn Jefferson", lang="nl")
    names = set(davis.residents)
    assert not any(name in t for t in texts(ax) for name in names)
    assert ax.get_title().startswith("Het netwerk van één bewoner")
    ax = wn.plot.ego(dg, "Evelyn Jefferson", labels=True)
    shown = set(texts(ax))
    assert "Evelyn Jefferson" in shown
    assert {t for t in shown if t in names} == {
        "Evelyn Jefferson",
        *nx.neighbors(dg.to_networkx(), "Evelyn Jefferson"),
    }


def test_ego_of_a_directed_layer_counts_both_directions():
    layer = wn.Graph.from_edges({"source": ["a", "b", "c"], "target": ["b", "c", "a"]}, directed=True)
    ax = wn.plot.ego(layer, "a")
    assert ax.get_title() == "One resident's network: 2 people met, 1 ties among them"


# ---- the whole network -----------------------------------------------------------------------
def test_network_layout_is_reproducible_for_a_seed(g):
    a = wn.plot.network(g, seed=3).collections[-1].get_offsets()
    b = wn.plot.network(g, seed=3).collections[-1].get_offsets()
    c = wn.plot.network(g, seed=4).collections[-1].get_offsets()
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    assert not np.array_equal(np.asarray(a), np.asarray(c))
    assert len(a) == g.number_of_nodes()


def test_network_seed_none_draws_one_and_writes_it(g):
    import random

    import igraph

    ax = wn.plot.network(g)
    caption = [t for t in texts(ax) if t.startswith("Layout:")]
    assert len(caption) == 1
    seed = int(caption[0].split("seed ")[1].split(";")[0])
    again = wn.plot.network(g, seed=seed).collections[-1].get_offsets()
    np.testing.assert_array_equal(np.asarray(again), np.asarray(ax.collections[-1].get_offsets()))
    # igraph's random stream is given back to Python's random module
    assert igraph.Graph.Erdos_Renyi(n=5, p=0.5) is not None
    random.seed(1)
    x = igraph.Graph.Erdos_Renyi(n=30, p=0.2).get_edgelist()
    random.seed(1)
    assert igraph.Graph.Erdos_Renyi(n=30, p=0.2).get_edgelist() == x


def test_network_larger_than_max_nodes_is_a_stated_sample(g):
    ax = wn.plot.network(g, max_nodes=120, seed=5)
    points = ax.collections[-1].get_offsets()
    assert len(points) == 120
    title = ax.get_title().replace("\n", " ")
    assert title.startswith("A random sample of 120 of 500 residents (seed 5)")
    # the ties drawn are those among the sample
    rng = np.random.default_rng(5)
    keep = np.sort(rng.choice(500, size=120, replace=False))
    sub = g.subgraph(g.nodes[keep])
    assert f"with the {sub.number_of_edges():,} ties among them" in title
    assert len(ax.collections[0].get_segments()) == sub.number_of_edges()
    nl = wn.plot.network(g, max_nodes=120, seed=5, lang="nl")
    assert nl.get_title().startswith("Een willekeurige steekproef van 120 van de 500 bewoners")
    np.testing.assert_array_equal(np.asarray(nl.collections[-1].get_offsets()), np.asarray(points))


def test_network_colours_by_group_with_a_legend(g):
    ax = wn.plot.network(g, color="age_group", size="degree", seed=1)
    groups = sorted(g.node_attributes()["age_group"].dropna().unique())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == groups
    assert ax.get_legend().get_title().get_text() == "age_group"
    colours = ax.collections[-1].get_facecolors()
    values = g.node_attributes()["age_group"].to_numpy()
    for grp in groups:  # one colour per group
        assert len({tuple(c) for c in colours[values == grp]}) == 1
    sizes = ax.collections[-1].get_sizes()
    deg = wn.degree(g).to_numpy()
    assert np.all(np.diff(sizes[np.argsort(deg, kind="stable")]) >= 0)
    # many groups: the largest six keep a colour, the rest is "other"
    communities = pd.Series(np.arange(g.number_of_nodes()) % 12, index=g.nodes, name="community")
    ax = wn.plot.network(g, color=communities, seed=1, lang="nl")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == 7 and legend[-1] == "overig"


def test_network_colours_an_amount_on_a_scale(g):
    visits = pd.Series(np.linspace(0, 10, g.number_of_nodes()), index=g.nodes, name="visits")
    visits.iloc[0] = np.nan
    ax = wn.plot.network(g, color=visits, seed=1)
    dots = ax.collections[-1]
    np.testing.assert_array_equal(np.asarray(dots.get_array()), visits.to_numpy())
    assert dots.get_cmap().name.startswith("cividis")
    assert ax.get_legend() is None
    assert "visits" in texts(ax)  # the colour bar's label


def test_no_name_in_any_figure_without_labels(davis):
    g = davis.project()
    names = set(davis.residents)
    figures = [
        wn.plot.coparticipants(g),
        wn.plot.network(g, seed=1),
        wn.plot.network(g, seed=1, max_nodes=10),
        wn.plot.ego(g, "Nora Fayette"),
        wn.plot.activity_impact(davis),
    ]
    for ax in figures:
        shown = texts(ax)
        assert not [t for t in shown if any(name in t for name in names)]
    ax = wn.plot.network(g, seed=1, labels=True)
    assert names <= set(texts(ax))


def test_badhuis_ids_are_not_written_on_drawings(g):
    ids = {str(x) for x in g.nodes}
    for ax in (wn.plot.network(g, seed=1), wn.plot.ego(g, g.nodes[0])):
        assert not ids & set(texts(ax))


# ---- both languages --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "draw",
    [
        lambda net, g, lang: wn.plot.coparticipants(g, lang=lang),
        lambda net, g, lang: wn.plot.growth(net, lang=lang),
        lambda net, g, lang: wn.plot.tie_formation(net, lang=lang),
        lambda net, g, lang: wn.plot.retention(net, lang=lang),
        lambda net, g, lang: wn.plot.mixing(g, "age_group", lang=lang),
        lambda net, g, lang: wn.plot.activity_impact(net, lang=lang),
        lambda net, g, lang: wn.plot.ego(g, g.nodes[1], lang=lang),
        lambda net, g, lang: wn.plot.network(g, seed=1, max_nodes=50, lang=lang),
        lambda net, g, lang: wn.plot.trajectories(net, lang=lang),
    ],
    ids=[
        "coparticipants",
        "growth",
        "tie_formation",
        "retention",
        "mixing",
        "activity_impact",
        "ego",
        "network",
        "trajectories",
    ],
)
def test_every_label_follows_the_language(net, g, draw):
    en, nl = draw(net, g, "en"), draw(net, g, "nl")
    assert en.get_title() != nl.get_title()
    for get in ("get_xlabel", "get_ylabel"):
        if getattr(en, get)():
            assert getattr(en, get)() != getattr(nl, get)()
    if en.get_legend() is not None:
        words = [t.get_text() for t in en.get_legend().get_texts()]
        woorden = [t.get_text() for t in nl.get_legend().get_texts()]
        assert words != woorden or en.get_legend().get_title().get_text()


def test_dutch_numbers_use_a_decimal_comma(g):
    ax = wn.plot.mixing(g, "age_group", lang="nl")
    cells = [t.get_text() for t in ax.texts]
    assert all("," in c and "." not in c for c in cells)


# ---- the examples run ------------------------------------------------------------------------
def _doctests():
    finder = doctest.DocTestFinder(exclude_empty=True)
    for test in finder.find(wn.plot, "wijknet.plot"):
        if test.examples:
            yield pytest.param(test, id=test.name)


@pytest.mark.parametrize("test", list(_doctests()))
def test_docstring_examples_run(test):
    import io

    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    result = runner.run(test, out=out.write)
    assert result.failed == 0, out.getvalue()


# ---- role trajectories -----------------------------------------------------------------------
# a path: the role at the first visit, after the first step, and the highest (p, v, o)
ROLE_EN = {"p": "participant", "v": "volunteer", "o": "organiser"}
ROLE_NL = {"p": "deelnemer", "v": "vrijwilliger", "o": "organisator"}
PATH_EN = {
    "ppp": "stayed participant",
    "pvv": "became volunteer",
    "pvo": "became volunteer, then organiser",
    "poo": "became organiser straight away",
    "vvv": "volunteer from the start",
    "voo": "volunteer from the start, later organiser",
    "ooo": "organiser from the start",
}
# the attendances (day, role) that make each path, and a lookalike (a higher role later on the
# same day as the first visit is still a step)
VISITS = {
    "ppp": [(0, "participant"), (20, "participant")],
    "pvv": [(0, "participant"), (30, "volunteer"), (40, "participant")],
    "pvo": [(0, "participant"), (30, "volunteer"), (60, "organiser")],
    "poo": [(0, "participant"), (30, "organiser"), (35, "volunteer")],
    "vvv": [(0, "volunteer"), (10, "participant")],
    "voo": [(0, "volunteer"), (45, "organiser")],
    "ooo": [(0, "organiser"), (5, "volunteer")],
}


def role_register(paths: dict[str, int]) -> wn.Network:
    rows = []
    for code, n in paths.items():
        for i in range(n):
            start = pd.Timestamp("2025-01-06") + pd.Timedelta(days=i)
            for day, role in VISITS[code]:
                rows.append(
                    (
                        f"id-{code}-{i:03d}",
                        "club" if day % 2 == 0 else "walk",
                        start + pd.Timedelta(days=day),
                        role,
                    )
                )
    df = pd.DataFrame(rows, columns=["resident", "activity", "date", "role"])
    return wn.Network.from_attendance(df, date="date", role="role")


def flow_labels(ax) -> dict[str, str]:
    """The count written beside each path: {path text: count text}."""
    out = {}
    for t in ax.texts:
        text = t.get_text()
        if "  " in text and "\n" not in text:
            count, path = text.split("  ", 1)
            out[path] = count
    return out


def box_labels(ax, roles=ROLE_EN) -> dict[tuple[int, str], str]:
    """The total written beside each box: {(column, role letter): count text}."""
    out = {}
    for t in ax.texts:
        for letter, name in roles.items():
            if t.get_text().startswith(name + " ") and "  " not in t.get_text():
                out[(int(round(t.get_position()[0] + 0.1)), letter)] = t.get_text()[len(name) + 1 :]
    return out


def test_trajectories_count_every_path_and_role():
    paths = {"ppp": 40, "pvv": 12, "pvo": 11, "poo": 13, "vvv": 14, "voo": 15, "ooo": 16}
    net = role_register(paths)
    ax = wn.plot.trajectories(net, min_cell=10)
    assert flow_labels(ax) == {PATH_EN[c]: str(n) for c, n in paths.items()}
    boxes = box_labels(ax)
    for col in range(3):
        for role in "pvo":
            expected = sum(n for c, n in paths.items() if c[col] == role)
            assert boxes[(col, role)] == str(expected), (col, role)
    assert ax.get_title() == "From participant to volunteer to organiser: 121 residents"
    # one band per path between each pair of columns, and one box per role and column
    from matplotlib.patches import PathPatch, Rectangle

    assert sum(isinstance(p, PathPatch) for p in ax.patches) == 2 * 7
    assert sum(isinstance(p, Rectangle) for p in ax.patches) == 9
    assert not any(t.get_text().startswith("id-") for t in ax.texts)


def test_trajectories_agree_with_the_empowerment_table():
    net = wn.datasets.badhuis(residents=600, seed=3)
    t = wn.empowerment.trajectories(net)
    ax = wn.plot.trajectories(net, min_cell=1)
    boxes = box_labels(ax)
    highest = t["highest"].value_counts()
    for role, name in zip("pvo", ("participant", "volunteer", "organiser"), strict=True):
        if highest[name]:
            assert boxes[(2, role)] == f"{highest[name]:,}"
    start_org = int((t["days_to_organiser"] == 0).sum())
    assert boxes[(0, "o")] == f"{start_org:,}"
    assert sum(int(v.replace(",", "")) for v in flow_labels(ax).values()) == len(t)


def _consistent_values(ax, k: int, n_max: int) -> dict[str, set[int]]:
    """Brute force: every value each path not counted can take, given every number written
    (path counts, box totals written exactly or as '< k', the title's total)."""
    import itertools
    import re

    flows = {c: flow_labels(ax)[PATH_EN[c]] for c in PATH_EN if PATH_EN[c] in flow_labels(ax)}
    known = {c: int(v.replace(",", "")) for c, v in flows.items() if v[0].isdigit()}
    unknown = [c for c in flows if c not in known]
    ranges = [range(1, k) if flows[c].startswith("<") else range(k, n_max + 1) for c in unknown]
    totals = [([c for c in flows if c[col] == role], v) for (col, role), v in box_labels(ax).items()]
    m = re.search(r": ([\d,]+) residents", ax.get_title())
    if m:
        totals.append((list(flows), m.group(1)))
    out: dict[str, set[int]] = {c: set() for c in unknown}
    for values in itertools.product(*ranges):
        cell = {**known, **dict(zip(unknown, values, strict=True))}
        ok = True
        for members, text in totals:
            s = sum(cell[c] for c in members)
            if text.startswith("<"):
                ok = s < k
            elif text[0].isdigit():
                ok = s == int(text.replace(",", ""))
            if not ok:
                break
        if ok:
            for c, v in zip(unknown, values, strict=True):
                out[c].add(v)
    return out


@pytest.mark.parametrize(
    "paths",
    [
        {"ppp": 40, "pvv": 12, "pvo": 11, "poo": 3, "vvv": 14, "voo": 15, "ooo": 16},
        {"ppp": 40, "pvv": 1, "pvo": 0, "poo": 1, "vvv": 14, "voo": 15, "ooo": 16},
        {"ppp": 40, "pvv": 2, "pvo": 0, "poo": 2, "vvv": 9, "voo": 2, "ooo": 26},
        {"ppp": 30, "pvv": 9, "pvo": 0, "poo": 0, "vvv": 9, "voo": 0, "ooo": 12},
    ],
    ids=["one-small", "two-ones", "badhuis-300-like", "sum-of-two-smalls"],
)
def test_trajectories_suppress_small_flows_so_no_total_gives_them_away(paths):
    net = role_register(paths)
    ax = wn.plot.trajectories(net, min_cell=10)
    flows = flow_labels(ax)
    for code, n in paths.items():
        if 0 < n < 10:
            assert flows[PATH_EN[code]] == "< 10"
        elif n == 0:
            assert PATH_EN[code] not in flows  # no band for a path nobody took
    # no number written lets a small path be worked out: each has two or more possible values
    possible = _consistent_values(ax, 10, sum(paths.values()))
    assert possible, "some path should be suppressed"
    for code, values in possible.items():
        assert paths[code] in values
        assert len(values) >= 2, (code, values)
    assert "< 10: fewer than 10 residents, not counted." in ax.texts[-1].get_text()


def test_trajectories_min_cell_1_writes_every_count_and_checks_its_arguments(davis):
    net = role_register({"ppp": 3, "pvo": 1, "ooo": 2})
    ax = wn.plot.trajectories(net, min_cell=1)
    assert flow_labels(ax) == {PATH_EN["ppp"]: "3", PATH_EN["pvo"]: "1", PATH_EN["ooo"]: "2"}
    with pytest.raises(wn.ArgumentError, match="min_cell"):
        wn.plot.trajectories(net, min_cell=0)
    with pytest.raises(wn.ArgumentError, match="no dates"):
        wn.plot.trajectories(davis)
    with pytest.raises(wn.ArgumentError, match="lang"):
        wn.plot.trajectories(net, lang="fr")


def test_trajectories_in_dutch():
    net = role_register({"ppp": 12, "pvv": 11, "ooo": 10})
    ax = wn.plot.trajectories(net, lang="nl")
    assert set(box_labels(ax, ROLE_NL)) == {
        (0, "p"),
        (1, "p"),
        (2, "p"),
        (1, "v"),
        (2, "v"),
        (0, "o"),
        (1, "o"),
        (2, "o"),
    }
    assert flow_labels(ax) == {
        "deelnemer gebleven": "12",
        "vrijwilliger geworden": "11",
        "vanaf het begin organisator": "10",
    }
    assert ax.get_title() == "Van deelnemer naar vrijwilliger en organisator: 33 bewoners"
    headings = {t.get_text().replace("\n", " ") for t in ax.texts}
    assert {"bij het eerste bezoek", "na de eerste stap", "hoogste rol"} <= headings


def test_trajectories_draw_on_an_axes_of_ones_own():
    fig, (left, right) = plt.subplots(1, 2)
    net = role_register({"ppp": 12, "pvv": 11})
    assert wn.plot.trajectories(net, ax=right) is right
    assert not left.patches and right.patches


# ---- the interactive view ----------------------------------------------------------------------
def _small_named():
    """A small register whose ids are easy to grep for."""
    df = pd.DataFrame(
        {
            "resident": [
                "anna-4711",
                "bert-0815",
                "cora-2024",
                "anna-4711",
                "dirk-9999",
                "bert-0815",
                "eva-1234",
            ],
            "activity": ["koor", "koor", "koor", "tuin", "tuin", "tuin", "zwemmen"],
        }
    )
    net = wn.Network.from_attendance(df).with_resident_attributes(
        pd.DataFrame(
            {
                "resident": ["anna-4711", "bert-0815", "cora-2024", "dirk-9999"],
                "wijk": ["Noord", "Zuid", "Noord", "Oost"],
            }
        ),
        on="resident",
    )
    return net


@pytest.fixture
def sigma():
    return pytest.importorskip("ipysigma")


def test_interactive_shows_every_node_and_tie_with_its_colour(sigma, g):
    view = wn.plot.interactive(g, color="neighbourhood", size="degree", seed=1, lang="nl")
    assert isinstance(view, sigma.Sigma)
    assert view.name.startswith("Wie ontmoette wie: 500 bewoners") and view.name.endswith("(seed 1)")
    fresh = wn.plot.interactive(g, seed=None)
    seed = int(fresh.name.rsplit("seed ", 1)[1].rstrip(")"))
    again = wn.plot.interactive(g, seed=seed)
    assert again.data["nodes"] == fresh.data["nodes"]
    nodes, edges = view.data["nodes"], view.data["edges"]
    assert [n["key"] for n in nodes] == list(range(g.number_of_nodes()))
    assert len(edges) == g.number_of_edges()
    # the ties are the graph's, with their weights
    a = g.to_scipy()
    for e in edges[:200]:
        assert a[e["source"], e["target"]] == e["attributes"]["weight"]
    # colour: the attribute per node, a palette of Okabe–Ito colours (and the grey of "overig")
    hood = g.node_attributes()["neighbourhood"]
    colour = view.visual_variables["nodeColor"]
    assert colour["type"] == "category" and colour["attribute"] == "neighbourhood"
    palette = dict(colour["palette"])
    assert set(palette.values()) <= set(wn.plot.PALETTE) | {"#999999"}
    shown = [n["attributes"]["neighbourhood"] for n in nodes]
    named = [v for v in palette if v != "overig"]
    for value, truth in zip(shown, hood, strict=True):
        assert value == (truth if truth in named else "overig")
    # the largest groups get their own colour
    top = hood.value_counts()
    assert set(named) == set(top.index[: len(named)])
    # size: the degree, under a Dutch name
    assert view.visual_variables["nodeSize"]["attribute"] == "aantal anderen ontmoet"
    assert [n["attributes"]["aantal anderen ontmoet"] for n in nodes] == wn.degree(g).astype(float).tolist()
    # the same layout as the static figure for the same seed
    ax = wn.plot.network(g, seed=1)
    xy = ax.collections[-1].get_offsets()
    got = np.array([[n["attributes"]["x"], -n["attributes"]["y"]] for n in nodes])
    np.testing.assert_allclose(got, xy, atol=1e-4)


def test_interactive_directed_layer_and_series_and_amounts(sigma):
    ties = pd.DataFrame({"source": ["a", "b", "c", "a"], "target": ["b", "a", "a", "c"]})
    g = wn.Graph.from_edges(ties, directed=True)
    view = wn.plot.interactive(
        g,
        color=pd.Series({"a": 1, "b": 2, "c": 1}),
        size=pd.Series({"a": 1.0, "b": 2.0, "c": 3.0}, name="visits"),
        seed=1,
    )
    assert len(view.data["edges"]) == 4
    assert view.data["options"]["type"] == "directed"
    assert view.visual_variables["nodeColor"]["attribute"] == "group"
    assert view.visual_variables["nodeSize"]["attribute"] == "visits"
    # decimal numbers with many values are an amount: a cividis gradient, missing values grey
    g = wn.datasets.badhuis(residents=200, seed=1).project()
    age = pd.Series(np.linspace(18.5, 80.5, g.number_of_nodes()), index=g.nodes, name="age").iloc[1:]
    view = wn.plot.interactive(g, color=age, seed=1)
    colour = view.visual_variables["nodeColor"]
    assert colour == {"type": "continuous", "attribute": "age", "range": "Cividis", "default": "#DDDDDD"}
    assert view.data["nodes"][0]["attributes"]["age"] is None
    assert view.data["nodes"][1]["attributes"]["age"] == pytest.approx(age.iloc[0])


def test_interactive_carries_no_ids_unless_asked(sigma):
    import json

    g = _small_named().project()
    ids = [str(v) for v in g.nodes]
    data = json.dumps(wn.plot.interactive(g, color="wijk", seed=1).data)
    assert not [i for i in ids if i in data]
    assert "onbekend" not in data and "unknown" in data  # eva has no wijk: English by default
    labelled = wn.plot.interactive(g, labels=True, seed=1)
    assert [n["attributes"]["label"] for n in labelled.data["nodes"]] == ids


def test_interactive_checks_its_arguments(sigma, g, net):
    with pytest.raises(wn.ArgumentError, match="dot sizes need numbers"):
        wn.plot.interactive(g, size="age_group", seed=1)
    with pytest.raises(wn.ColumnNotFoundError):
        wn.plot.interactive(g, color="age", seed=1)
    with pytest.raises(wn.ArgumentError, match="height"):
        wn.plot.interactive(g, height=10, seed=1)
    with pytest.raises(wn.ArgumentError):
        wn.plot.interactive(net, seed=1)
    with pytest.raises(wn.ArgumentError, match="file name"):
        wn.plot.write_interactive(g, 42)


def test_import_wijknet_does_not_import_ipysigma_or_scipy_optimize():
    code = "import sys, wijknet; print('ipysigma' in sys.modules, 'scipy.optimize' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_interactive_without_ipysigma_says_what_to_install(monkeypatch, g):
    monkeypatch.setitem(sys.modules, "ipysigma", None)
    with pytest.raises(ImportError, match=r'pip install "wijknet\[interactive\]"'):
        wn.plot.interactive(g, seed=1)
    with pytest.raises(ImportError, match=r'pip install "wijknet\[interactive\]"'):
        wn.plot.write_interactive(g, "never-written.html", seed=1)


def _page_state(text: str) -> dict:
    import json
    import re

    m = re.search(
        r'<script type="application/vnd.jupyter.widget-state\+json">\s*(.*?)\s*</script>', text, re.S
    )
    assert m
    return json.loads(m.group(1))


def test_write_interactive_writes_one_page_without_ids(sigma, tmp_path):
    import re

    net = _small_named()
    g = net.project()
    # another view alive in the session, with labels: it must not end up in the page
    wn.plot.interactive(g, labels=True, seed=2)
    out = wn.plot.write_interactive(g, tmp_path / "wijk.html", color="wijk", size="degree", lang="nl", seed=1)
    assert out == tmp_path / "wijk.html" and out.exists()
    page = out.read_text(encoding="utf-8")
    for resident in net.residents:
        assert str(resident) not in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<title>Wie ontmoette wie: 5 bewoners, 5 contacten</title>" in page
    assert "van internet" in page  # it says that it loads the viewer
    state = _page_state(page)["state"]
    models = [m for m in state.values() if m["model_name"] == "SigmaModel"]
    assert len(models) == 1
    nodes = models[0]["state"]["data"]["nodes"]
    assert [n["key"] for n in nodes] == list(range(5))
    # a standalone page: no server paths; the only programs loaded are the three viewers
    assert "/nbextensions/" not in page and "localhost" not in page and "file://" not in page
    sources = re.findall(r'<script[^>]*\bsrc="([^"]+)"', page)
    assert [s.split("/")[2] for s in sources] == ["cdnjs.cloudflare.com", "cdn.jsdelivr.net"]
    assert models[0]["model_module"] == "ipysigma"
    assert not re.findall(r'<link[^>]*href="http', page)
    # with labels=True the ids are written, as asked
    labelled = wn.plot.write_interactive(
        g, tmp_path / "named.html", labels=True, title="Wijk", seed=1
    ).read_text(encoding="utf-8")
    assert all(str(r) in labelled for r in g.nodes)
    assert "<title>Wijk</title>" in labelled


def _brute_force_values(counts, totals, hidden, not_written, silent, k):
    """Every value each path not counted can take given what is written, by enumerating
    every combination of values."""
    paths = list(counts)
    unknown = [p for p in paths if p in hidden and counts[p] > 0]
    if not unknown:
        return {}
    everyone = sum(counts.values())
    ranges = [np.arange(1, k) if counts[p] < k else np.arange(k, everyone + 1) for p in unknown]
    grid = np.stack(np.meshgrid(*ranges, indexing="ij"), axis=-1).reshape(-1, len(unknown))
    cells = np.tile(np.array([counts[p] for p in paths]), (len(grid), 1))
    for j, p in enumerate(unknown):
        cells[:, paths.index(p)] = grid[:, j]
    ok = np.ones(len(grid), dtype=bool)
    for i, total in enumerate(totals):
        member = np.array([p in total for p in paths])
        s, truth = cells[:, member].sum(axis=1), sum(counts[p] for p in total)
        if i not in not_written:
            ok &= s == truth
        elif 0 < truth < k and i not in silent:
            ok &= s < k
    return {p: set(grid[ok, j].tolist()) for j, p in enumerate(unknown)}


@pytest.mark.filterwarnings("ignore")
def test_suppressed_flows_cannot_be_worked_out_whatever_the_counts():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    paths = wn.plot._PATHS
    boxes = [[p for p in paths if p[c] == r] for c in range(3) for r in range(3)]
    totals = [*boxes, list(paths)]
    k = 4

    @hypothesis.settings(max_examples=60, deadline=None, derandomize=True)
    @hypothesis.given(st.lists(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 7, 9, 12]), min_size=7, max_size=7))
    def check(values):
        counts = dict(zip(paths, values, strict=True))
        primary, secondary, not_written, silent = wn.plot._suppress(counts, totals, k)
        assert primary == {p for p, c in counts.items() if 0 < c < k}
        assert all(counts[p] >= k for p in secondary)
        hidden = primary | secondary
        space = 1
        for p in hidden:
            space *= k - 1 if counts[p] < k else sum(values) - k + 1
        hypothesis.assume(space <= 20_000)
        for p, possible in _brute_force_values(counts, totals, hidden, not_written, silent, k).items():
            assert counts[p] in possible
            assert len(possible) >= 2, (counts, p, possible)

    check()


def test_shared_page_says_so_in_a_browser_when_the_viewer_cannot_load(sigma, tmp_path):
    """In headless Chromium with every host unreachable, the page shows its heading and says
    that the view could not be loaded (in the page's language)."""
    import shutil

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no chromium")
    page = wn.plot.write_interactive(_small_named().project(), tmp_path / "wijk.html", lang="nl", seed=1)
    out = subprocess.run(
        [
            browser,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--virtual-time-budget=20000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = out.stdout
    assert "<h1>Wie ontmoette wie: 5 bewoners, 5 contacten</h1>" in dom
    assert '<p id="wijknet-offline" style="display: block;">De weergave verschijnt niet' in dom
