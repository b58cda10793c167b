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
    "missing,call", [("matplotlib", "coparticipants(g)"), ("igraph", "network(g, seed=1)")]
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
