"""The browser check itself (tests/browser.py), on small hand-written pages.

Each page is opened in headless Chromium: console errors and uncaught exceptions must be reported,
figures measured after layout (on screen and with the print style sheet), empty or zero-size
figures caught, and printing must give a PDF with the expected number of pages. The tests skip,
saying why, only where no Chromium or Chrome is installed (``.ci/run`` installs the Debian package
``chromium`` when it runs as root).
"""

from __future__ import annotations

import base64
import io
import re
import struct
import tempfile
import time
from pathlib import Path

import browser
import pytest
from browser import BrowserError, Figure, find_chromium, pdf_page_count, render

needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="headless Chromium not found: install the Debian package `chromium` "
    "(.ci/run does when run as root) or set WIJKNET_CHROMIUM to a Chromium or Chrome executable",
)

#: a 2×2 PNG: red, green / blue, transparent
PNG_2X2 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAE0lEQVR4nGP4z8DwHwyBNIhgAAA/0gX7yxemzgAAAABJRU5ErkJggg=="
)


def page(tmp_path: Path, body: str, *, head: str = "", name: str = "page.html") -> Path:
    """Write a small HTML page and return its path."""
    path = tmp_path / name
    path.write_text(
        f'<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>Test</title>{head}</head>\n'
        f"<body>\n{body}\n</body></html>\n",
        encoding="utf-8",
    )
    return path


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


CLEAN = f"""
<h1>Verbondenheid — wie kent wie?</h1>
<figure class="wijknet-figure" id="fig-bars">
  <svg xmlns="http://www.w3.org/2000/svg" width="300" height="150" viewBox="0 0 300 150">
    <title>Staafdiagram</title>
    <rect x="10" y="50" width="40" height="100" fill="#0072B2"/>
    <rect x="60" y="20" width="40" height="130" fill="#E69F00"/>
  </svg>
  <figcaption>Bewoners per activiteit</figcaption>
</figure>
<figure class="wijknet-figure" id="fig-png">
  <img alt="Een klein plaatje" width="120" height="120" src="data:image/png;base64,{PNG_2X2}">
  <figcaption>Residents per activity</figcaption>
</figure>
<svg class="icon" width="16" height="16"><circle cx="8" cy="8" r="6"/></svg>
<canvas id="drawn" width="80" height="40"></canvas>
<script>
  const ctx = document.getElementById("drawn").getContext("2d");
  ctx.fillStyle = "#009E73";
  ctx.fillRect(10, 10, 30, 20);
  console.log("logged, not an error");
</script>
"""


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> browser.Rendered:
    if find_chromium() is None:
        pytest.skip("headless Chromium not found")
    folder = tmp_path_factory.mktemp("clean")
    return render(page(folder, CLEAN), screenshot=folder / "clean.png", pdf=folder / "clean.pdf")


@needs_chromium
def test_clean_page_has_no_errors_and_every_figure_renders(clean: browser.Rendered) -> None:
    assert clean.errors == []
    assert clean.warnings == []
    assert clean.resources == []
    assert [f.tag for f in clean.figures] == ["svg", "img", "svg", "canvas"]
    assert all(f.rendered for f in clean.figures), clean.figures
    assert clean.empty_figures == [] and clean.empty_print_figures == []
    clean.assert_ok(min_figures=4)
    assert clean.problems() == []


@needs_chromium
def test_figures_are_measured_after_layout(clean: browser.Rendered) -> None:
    svg, img, icon, canvas = clean.figures
    assert (svg.width, svg.height) == (300, 150)
    assert (img.width, img.height) == (120, 120)  # a 2×2 picture laid out at 120×120
    assert (icon.width, icon.height) == (16, 16)
    assert (canvas.width, canvas.height) == (80, 40)
    assert svg.name == "svg[0]" and canvas.name == "canvas#drawn[3]" and icon.name == "svg.icon[2]"
    # the reader's name: the SVG's <title>, the image's alt text
    assert svg.label == "Staafdiagram" and img.label == "Een klein plaatje" and icon.label == ""
    assert str(svg) == "svg[0] 'Staafdiagram': 300×150 px"


@needs_chromium
def test_page_text_title_and_size(clean: browser.Rendered) -> None:
    assert clean.title == "Test"
    assert "Verbondenheid — wie kent wie?" in clean.text
    assert "Bewoners per activiteit" in clean.text
    assert "<svg" not in clean.text
    assert clean.size[0] == 1200 and clean.size[1] > 0


@needs_chromium
def test_pdf_is_printed_and_saved(clean: browser.Rendered, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert clean.pdf.startswith(b"%PDF-")
    assert clean.pdf_pages == 1
    saved = clean.path.parent / "clean.pdf"
    assert saved.read_bytes() == clean.pdf


@needs_chromium
def test_screenshot_covers_the_window(clean: browser.Rendered) -> None:
    assert clean.screenshot is not None
    assert png_size(clean.screenshot.read_bytes()) == (1200, 900)


@needs_chromium
def test_screenshot_covers_the_whole_of_a_long_page(tmp_path: Path) -> None:
    path = page(tmp_path, '<div style="height: 3000px; background: #eee">lang</div>')
    shot = tmp_path / "long.png"
    seen = render(path, screenshot=shot, width=800)
    assert seen.screenshot == shot
    assert png_size(shot.read_bytes()) == (800, 3000 + 2 * 8)  # the body's default 8px margins
    assert seen.size == (800, 3016)


@needs_chromium
def test_errors_are_reported(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        """<svg width="50" height="50"><rect width="50" height="50"/></svg>
<script>
  console.warn("only a warning");
  console.error("kapot", 42, {a: 1, b: "x"}, [1, 2], new Error("fout"));
  console.assert(1 === 2, "one is not two");
  Promise.reject(new Error("weggegooid"));
  setTimeout(() => { throw new TypeError("te laat"); }, 20);
  throw new Error("boem");
</script>
<script>let x = ;</script>""",
    )
    seen = render(path)
    errors = "\n".join(seen.errors)
    assert "console.error: kapot 42 {a: 1, b: x} [0: 1, 1: 2] Error: fout" in errors
    assert "Assertion failed: one is not two" in errors
    assert "Uncaught Error: boem" in errors
    assert "Uncaught (in promise) Error: weggegooid" in errors
    assert "Uncaught TypeError: te laat" in errors  # thrown after the load event
    assert "SyntaxError" in errors
    assert f"({path.as_uri()}:" in errors  # where it happened
    assert len(seen.errors) == 6, seen.errors  # each once, on one line
    assert not any("\n" in error for error in seen.errors)
    assert seen.warnings == [f"console.warn: only a warning ({path.as_uri()}:6)"]
    with pytest.raises(AssertionError, match="browser error: Uncaught Error: boem"):
        seen.assert_ok()
    # the figure itself is fine
    assert [f.rendered for f in seen.figures] == [True]


@needs_chromium
def test_dialogs_are_errors_and_do_not_stop_the_page(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        """<script>alert("Hallo!"); document.write(confirm("Verder?") ? "<p>ja</p>" : "<p>nee</p>");</script>""",
    )
    seen = render(path, timeout=20)
    assert seen.errors == ["dialog (alert): Hallo!", "dialog (confirm): Verder?"]
    assert seen.text.strip() == "ja"


@needs_chromium
def test_empty_and_zero_size_figures_are_detected(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        f"""<svg id="ok" width="40" height="40"><rect width="40" height="40"/></svg>
<svg id="nothing" width="200" height="100"></svg>
<svg id="zero" width="0" height="0"><rect width="40" height="40"/></svg>
<svg id="hidden" style="display: none" width="40" height="40"><rect width="40" height="40"/></svg>
<svg id="unseen" style="visibility: hidden" width="40" height="40"><rect width="40" height="40"/></svg>
<img id="broken" alt="kapot plaatje" src="data:image/png;base64,iVBORw0KGgoAAAAkapot">
<img id="squashed" width="0" src="data:image/png;base64,{PNG_2X2}">
<canvas id="blank" width="60" height="60"></canvas>""",
    )
    seen = render(path)
    by_id = {f.name.split("#")[1].split("[")[0]: f for f in seen.figures}
    assert by_id["ok"].rendered
    assert not by_id["nothing"].drawn and by_id["nothing"].width == 200
    assert by_id["zero"].drawn and (by_id["zero"].width, by_id["zero"].height) == (0, 0)
    assert not by_id["hidden"].visible and by_id["hidden"].width == 0
    assert not by_id["unseen"].visible and by_id["unseen"].width == 40
    assert not by_id["broken"].drawn
    assert by_id["squashed"].drawn and by_id["squashed"].width == 0
    assert not by_id["blank"].drawn
    assert [f.name for f in seen.empty_figures] == [f.name for f in seen.figures if f is not by_id["ok"]]
    problems = "\n".join(seen.problems())
    assert "figure not rendered on screen: svg#nothing[1]: 200×100 px (nothing drawn)" in problems
    assert "figure not rendered on screen: svg#zero[2]: 0×0 px" in problems
    assert "figure not rendered on screen: svg#hidden[3]: 0×0 px (hidden)" in problems
    assert "img#broken[5] 'kapot plaatje'" in problems
    with pytest.raises(AssertionError, match="svg#nothing"):
        seen.assert_ok()


@needs_chromium
def test_nested_svg_is_part_of_its_figure(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        '<svg width="100" height="100"><svg x="10" y="10" width="20" height="20">'
        '<rect width="20" height="20"/></svg></svg>',
    )
    seen = render(path)
    assert len(seen.figures) == 1 and seen.figures[0].rendered
    assert len(render(path, figures="svg").figures) == 2


@needs_chromium
def test_figures_can_be_selected_by_css_class(tmp_path: Path) -> None:
    """A report-like page: figures are <figure class="wijknet-figure"> around an SVG or image;
    a container counts as drawn when a figure inside it is."""
    path = page(
        tmp_path,
        f"""<header><svg class="logo" width="24" height="24"></svg></header>
<figure class="wijknet-figure"><svg width="300" height="150"><path d="M0 0 L300 150" stroke="black"/></svg>
  <figcaption>Groei   per
  maand</figcaption></figure>
<figure class="wijknet-figure"><img alt="kaart" src="data:image/png;base64,{PNG_2X2}" width="64" height="64">
  <figcaption>Kaart</figcaption></figure>
<figure class="wijknet-figure"><svg width="300" height="150"></svg><figcaption>Leeg</figcaption></figure>
<figure class="wijknet-figure"><p>Geen gegevens</p></figure>""",
    )
    everything = render(path)
    assert "svg.logo[0]" in [f.name for f in everything.empty_figures]  # an empty logo counts by default

    seen = render(path, figures="figure.wijknet-figure")
    assert [f.tag for f in seen.figures] == ["figure"] * 4
    assert [f.drawn for f in seen.figures] == [True, True, False, False]
    assert [f.label for f in seen.figures] == ["Groei per maand", "Kaart", "Leeg", ""]
    assert all(f.width > 300 and f.height > 0 for f in seen.figures)  # the figure's own box
    assert [f.name for f in seen.empty_figures] == ["figure.wijknet-figure[2]", "figure.wijknet-figure[3]"]

    # a selector list picks the graphics inside the figures only
    inside = render(path, figures=".wijknet-figure svg, .wijknet-figure img")
    assert [f.tag for f in inside.figures] == ["svg", "img", "svg"]
    assert [f.label for f in inside.figures] == ["Groei per maand", "kaart", "Leeg"]
    assert [f.rendered for f in inside.figures] == [True, True, False]


@needs_chromium
def test_print_style_sheet_is_measured(tmp_path: Path) -> None:
    """Figures hidden or squeezed by the print CSS are caught, and pages break where it says."""
    path = page(
        tmp_path,
        """<section><svg id="both" width="100%" height="100"><rect width="100%" height="100"/></svg></section>
<section class="page"><svg id="screen-only" width="100" height="100"><rect width="100" height="100"/></svg></section>
<section class="page"><p>Derde pagina</p></section>""",
        head="""<style>
  @media print {
    #screen-only { display: none; }
    .page { break-before: page; }
  }
</style>""",
    )
    seen = render(path)
    assert all(f.rendered for f in seen.figures)
    screen = {f.name: f for f in seen.figures}
    printed = {f.name: f for f in seen.print_figures}
    assert screen["svg#both[0]"].width == 1200 - 2 * 8
    assert printed["svg#both[0]"].width == browser.PRINT_WIDTH - 2 * 8  # laid out on A4
    assert [f.name for f in seen.empty_print_figures] == ["svg#screen-only[1]"]
    assert "figure not rendered in print: svg#screen-only[1]: 0×0 px (hidden)" in seen.problems()
    assert seen.pdf_pages == 3


@needs_chromium
@needs_chromium
def test_figures_past_the_edge_of_the_window_or_page(tmp_path: Path) -> None:
    """A fixed 1000-pixel figure fits a 1200-pixel window but not an A4 page; one that is scaled
    to the width of its column fits both."""
    rect = '<rect width="100%" height="100"/>'
    path = page(
        tmp_path,
        f'<svg id="fixed" width="1000" height="100">{rect}</svg>'
        f'<svg id="scaled" style="max-width: 100%; height: auto" width="1000" height="100" viewBox="0 0 1000 100">{rect}</svg>',
    )
    seen = render(path)
    assert [f.overflows for f in seen.figures] == [False, False]
    assert [f.overflows for f in seen.print_figures] == [True, False]
    assert seen.print_figures[1].width == browser.PRINT_WIDTH - 2 * 8
    assert seen.problems() == [
        "figure runs off the printed page: svg#fixed[0]: 1000×100 px (runs past the edge)"
    ]
    narrow = render(path, width=600)
    assert [f.overflows for f in narrow.figures] == [True, False]
    assert "figure wider than the window: svg#fixed[0]: 1000×100 px (runs past the edge)" in narrow.problems()


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height in points of every page's /MediaBox."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


@needs_chromium
def test_pages_are_a4_unless_the_page_says_otherwise(clean: browser.Rendered, tmp_path: Path) -> None:
    # A4 is 595.3 × 841.9 points; Chromium rounds to whole device pixels
    assert media_boxes(clean.pdf) == [pytest.approx((595.3, 841.9), abs=1.5)]
    path = page(tmp_path, "<p>Liggend</p>", head="<style>@page { size: A5 landscape; }</style>")
    pdf = render(path).pdf
    assert pdf_page_count(pdf) == 1
    assert media_boxes(pdf) == [pytest.approx((595.3, 419.5), abs=1.5)]  # A5 landscape


@needs_chromium
def test_resources_fetched_by_the_page_are_listed(tmp_path: Path) -> None:
    (tmp_path / "style.css").write_text("body { color: #333; }")
    path = page(tmp_path, "<p>Met stijlblad</p>", head='<link rel="stylesheet" href="style.css">')
    seen = render(path)
    assert seen.errors == []
    assert seen.resources == [(tmp_path / "style.css").as_uri()]
    assert seen.problems() == [f"external resource fetched: {(tmp_path / 'style.css').as_uri()}"]
    seen.assert_ok(allow_resources=True)


@needs_chromium
def test_missing_resource_is_an_error(tmp_path: Path) -> None:
    path = page(tmp_path, '<img alt="weg" src="weg.png">')
    seen = render(path)
    assert seen.errors == [
        f"Failed to load resource: net::ERR_FILE_NOT_FOUND ({(tmp_path / 'weg.png').as_uri()})"
    ]
    assert not seen.figures[0].drawn


@needs_chromium
def test_a_matplotlib_figure_renders(tmp_path: Path) -> None:
    """The kind of SVG and PNG the report embeds: matplotlib's, inline and as base64."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(["a", "b", "c"], [3, 1, 2])
    svg, png = io.StringIO(), io.BytesIO()
    fig.savefig(svg, format="svg")
    fig.savefig(png, format="png", dpi=50)
    plt.close(fig)
    inline_svg = svg.getvalue()[svg.getvalue().index("<svg") :]
    encoded = base64.b64encode(png.getvalue()).decode()
    path = page(
        tmp_path, f'<figure>{inline_svg}</figure><img alt="png" src="data:image/png;base64,{encoded}">'
    )
    seen = render(path)
    seen.assert_ok(min_figures=2)
    svg_fig, png_fig = seen.figures
    assert (svg_fig.width, svg_fig.height) == (4 * 96, 3 * 96)  # 4 × 3 inches (matplotlib writes pt)
    assert (png_fig.width, png_fig.height) == (4 * 50, 3 * 50)


@needs_chromium
def test_a_page_that_never_loads_times_out_and_is_cleaned_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = page(tmp_path, "<script>while (true) {}</script>")
    with pytest.raises(BrowserError, match="did not answer in time"):
        render(path, timeout=3)
    assert list(scratch.iterdir()) == []  # the profile and the log are gone


@needs_chromium
def test_each_run_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    render(page(tmp_path, "<p>x</p>"))
    assert list(scratch.iterdir()) == []


@needs_chromium
def test_a_render_takes_a_few_seconds_at_most(tmp_path: Path) -> None:
    """Fifty figures, measured twice, printed and photographed in one Chromium run (a loose
    bound, far above the usual second: the suite may share the machine)."""
    figures = "\n".join(
        f'<figure><svg width="400" height="200"><rect width="{i + 1}" height="100"/></svg></figure>'
        for i in range(50)
    )
    seen = render(page(tmp_path, figures), screenshot=tmp_path / "many.png")
    assert len(seen.figures) == 50 and seen.empty_figures == []
    assert seen.pdf_pages > 1
    assert seen.seconds < 30


@needs_chromium
def test_a_crashed_page_is_an_error_not_a_wait(tmp_path: Path) -> None:
    with browser._chromium(find_chromium() or "", 800, 600, time.monotonic() + 30) as cdp:
        tab = browser._Page(cdp, page(tmp_path, "<p>x</p>").as_uri())
        tab.open(800, 600)
        started = time.monotonic()
        with pytest.raises(BrowserError, match="the page crashed"):
            cdp.call("Page.crash", session=tab.session)
            tab.settle(5.0)
        assert time.monotonic() - started < 5


@needs_chromium
def test_hidden_in_closed_details(tmp_path: Path) -> None:
    svg = '<svg width="40" height="40"><rect width="40" height="40"/></svg>'
    path = page(
        tmp_path,
        f"<details><summary>Meer</summary>{svg}</details>"
        f"<details open><summary>Open</summary>{svg}</details>"
        f'<div style="opacity: 0">{svg}</div>',
    )
    assert [f.visible for f in render(path).figures] == [False, True, False]


def test_missing_html_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such HTML file"):
        render(tmp_path / "absent.html")


def test_no_browser_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIJKNET_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert find_chromium() is None
    with pytest.raises(BrowserError, match="install the Debian package `chromium`"):
        render(page(tmp_path, "<p>x</p>"))


def test_browser_named_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("WIJKNET_CHROMIUM", str(fake))
    assert find_chromium() == str(fake)
    # a "browser" that exits at once is reported with what it said, not waited on
    with pytest.raises(BrowserError, match="Chromium (exited|closed the connection)"):
        render(page(tmp_path, "<p>x</p>"), timeout=10)


def test_pdf_page_count() -> None:
    assert pdf_page_count(b"%PDF-1.4 << /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page >>") == 2
    assert pdf_page_count(b"%PDF-1.5 << /Type /Pages /Kids [3 0 R] /Count 7 >>") == 7  # pages compressed
    assert pdf_page_count(b"not a pdf") == 0


def test_figure_description() -> None:
    assert str(Figure("svg", "svg#a[0]", "Groei", 10, 20, True, True)) == "svg#a[0] 'Groei': 10×20 px"
    empty = Figure("img", "img[1]", "", 0, 0, False, False)
    assert str(empty) == "img[1]: 0×0 px (hidden)" and not empty.rendered
    assert not Figure("svg", "svg[0]", "", 10, 0, True, True).rendered


@needs_chromium
def test_the_package_html_and_figures_render(tmp_path: Path) -> None:
    """The package's own HTML (the notebook views of a register and a projection) and its
    matplotlib figures inlined as SVG, as an HTML report embeds them."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import wijknet as wn

    net = wn.datasets.davis_southern_women()
    g = net.project()
    parts = [net._repr_html_(), g._repr_html_()]
    for ax in (wn.plot.coparticipants(g, lang="nl"), wn.plot.network(g, seed=1, lang="nl")):
        svg = io.StringIO()
        ax.figure.savefig(svg, format="svg")
        plt.close(ax.figure)
        parts.append(
            f'<figure class="wijknet-figure">{svg.getvalue()[svg.getvalue().index("<svg") :]}</figure>'
        )
    seen = render(page(tmp_path, "\n".join(parts)), figures="figure.wijknet-figure")
    seen.assert_ok(min_figures=2)
    assert all(f.width > 300 and f.height > 200 for f in seen.figures)
