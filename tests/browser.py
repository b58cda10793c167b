"""Open an HTML file in headless Chromium and report what a reader would see.

A helper for the tests (not part of the wijknet package). :func:`render` starts one headless
Chromium for one page and, in that single run:

* collects console errors, uncaught exceptions, unhandled promise rejections, failed resource
  loads and dialogs (``alert()`` and the like, answered so the page goes on) as
  ``Rendered.errors``, and warnings as ``Rendered.warnings``;
* measures every figure after layout (``svg``, ``img`` and ``canvas`` elements by default, or
  whatever the CSS selector ``figures=`` picks), on screen and again with the print style sheet
  applied (``Rendered.figures`` and ``Rendered.print_figures``);
* lists every URL the page fetched besides itself and ``data:`` URLs (``Rendered.resources``;
  a self-contained page fetches none);
* prints the page to PDF (``Rendered.pdf``, A4 unless the page's ``@page`` rule says otherwise)
  and, when asked, saves a full-page PNG screenshot.

Chromium is driven through its own DevTools protocol over ``--remote-debugging-pipe``: two
anonymous pipes, standard library only, no network port and no third-party driver. Each run
gets a fresh temporary profile (``--user-data-dir``) that is removed afterwards, runs with
``--disable-gpu`` (and ``--no-sandbox`` when running as root), and is killed when it outlasts
``timeout``.

Usage::

    from browser import render

    page = render("report.html", screenshot="report.png", pdf="report.pdf")
    page.assert_ok()          # no errors, every figure drawn, no external resources, PDF printed
    page.figures[0].width     # CSS pixels after layout

The browser is the first of ``$WIJKNET_CHROMIUM``, ``chromium``, ``chromium-browser``,
``google-chrome`` and ``google-chrome-stable`` that exists; :func:`find_chromium` returns
``None`` when there is none (the tests then skip, saying so).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "BrowserError",
    "Figure",
    "Rendered",
    "find_chromium",
    "pdf_page_count",
    "render",
]

#: what counts as a figure unless ``figures=`` says otherwise: every top-level SVG (an ``svg``
#: nested in another is part of that figure), every image and every canvas
DEFAULT_FIGURES = "svg:not(svg svg), img, canvas"

#: names tried, in order, after ``$WIJKNET_CHROMIUM``
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: A4 in inches, used unless the page sets its own size with ``@page { size: ... }``
A4_INCHES = (8.27, 11.69)

#: the width in CSS pixels at which the print style sheet is measured: A4 less two 1 cm margins
PRINT_WIDTH = round((A4_INCHES[0] - 2 * 0.4) * 96)

#: the tallest full-page screenshot taken, in CSS pixels (Chromium refuses far larger bitmaps)
MAX_SCREENSHOT_HEIGHT = 16_000


class BrowserError(RuntimeError):
    """Chromium could not be started, did not answer in time, or could not open the page."""


def find_chromium() -> str | None:
    """Path of a Chromium or Chrome executable, or ``None`` when there is none."""
    override = os.environ.get("WIJKNET_CHROMIUM")
    if override:
        return shutil.which(override) or (override if Path(override).is_file() else None)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Figure:
    """One figure element as laid out by the browser.

    ``width`` and ``height`` are the rendered box in CSS pixels. ``drawn`` says whether it
    shows anything: an ``svg`` has shapes with a non-empty bounding box, an ``img`` was decoded
    to a picture with a natural size, a ``canvas`` has at least one non-transparent pixel, and
    any other element (selected with ``figures=``) contains at least one such drawn figure.
    ``visible`` is false when the element or an ancestor is hidden (``display: none``,
    ``visibility: hidden``, ``opacity: 0``, or inside a closed ``<details>``).
    """

    tag: str
    #: a CSS-like name: tag, ``#id`` and ``.classes``, with its position among the figures
    name: str
    #: the reader's name for it: ``aria-label``, ``alt``, the SVG ``<title>`` or the enclosing
    #: ``<figure>``'s caption (empty when it has none)
    label: str
    width: float
    height: float
    drawn: bool
    visible: bool
    #: the box reaches past the left or right edge of the window (of the page, in print), where
    #: the reader has to scroll sideways, or the printed page cuts it off
    overflows: bool = False

    @property
    def rendered(self) -> bool:
        """Visible, with a non-zero rendered size, and showing something."""
        return self.visible and self.width > 0 and self.height > 0 and self.drawn

    def __str__(self) -> str:
        label = f" {self.label!r}" if self.label else ""
        # whether a hidden figure would show anything cannot be told: "hidden" says it all
        note = " (hidden)" if not self.visible else "" if self.drawn else " (nothing drawn)"
        if self.overflows and self.visible:
            note += " (runs past the edge)"
        return f"{self.name}{label}: {self.width:g}×{self.height:g} px{note}"


@dataclass
class Rendered:
    """What :func:`render` saw of one page."""

    path: Path
    #: console errors, uncaught exceptions, unhandled rejections, failed loads and dialogs, one
    #: line each
    errors: list[str]
    #: console warnings and browser warnings about the page
    warnings: list[str]
    #: the figures on screen, in document order
    figures: list[Figure]
    #: the same figures with the print style sheet applied, laid out at the width of the printable
    #: part of an A4 page (what the PDF shows)
    print_figures: list[Figure]
    #: URLs the page fetched besides itself and ``data:`` URLs
    resources: list[str]
    #: the PDF printed from the page
    pdf: bytes
    #: the page's title and its visible text (``document.body.innerText``)
    title: str
    text: str
    #: the full-page PNG screenshot, when one was asked for
    screenshot: Path | None = None
    #: wall-clock seconds the whole run took, Chromium's start and exit included
    seconds: float = 0.0
    #: the size of the page's layout in CSS pixels (width, height)
    size: tuple[float, float] = (0.0, 0.0)

    @property
    def pdf_pages(self) -> int:
        """Number of pages in :attr:`pdf`."""
        return pdf_page_count(self.pdf)

    @property
    def empty_figures(self) -> list[Figure]:
        """Figures that are not :attr:`Figure.rendered` on screen."""
        return [f for f in self.figures if not f.rendered]

    @property
    def empty_print_figures(self) -> list[Figure]:
        """Figures that are not :attr:`Figure.rendered` in print."""
        return [f for f in self.print_figures if not f.rendered]

    def problems(self, *, min_figures: int = 0, allow_resources: bool = False) -> list[str]:
        """Everything a reader would notice, one line each (empty when the page is fine).

        Errors, figures not rendered on screen or in print, figures that run past the edge of
        the window or of the printed page, fewer than ``min_figures`` figures, external
        resources (unless ``allow_resources``), and a PDF that is not one or has no page.
        """
        found = [f"browser error: {e}" for e in self.errors]
        found += [f"figure not rendered on screen: {f}" for f in self.empty_figures]
        found += [f"figure not rendered in print: {f}" for f in self.empty_print_figures]
        found += [f"figure wider than the window: {f}" for f in self.figures if f.rendered and f.overflows]
        found += [
            f"figure runs off the printed page: {f}" for f in self.print_figures if f.rendered and f.overflows
        ]
        if len(self.figures) < min_figures:
            found.append(f"expected at least {min_figures} figures, found {len(self.figures)}")
        if not allow_resources:
            found += [f"external resource fetched: {url}" for url in self.resources]
        if not self.pdf.startswith(b"%PDF-"):
            found.append("printing did not give a PDF")
        elif self.pdf_pages < 1:
            found.append("the printed PDF has no page")
        return found

    def assert_ok(self, *, min_figures: int = 0, allow_resources: bool = False) -> None:
        """Raise ``AssertionError`` listing :meth:`problems`, if there are any."""
        found = self.problems(min_figures=min_figures, allow_resources=allow_resources)
        if found:
            raise AssertionError(f"{self.path} in headless Chromium:\n  " + "\n  ".join(found))


def pdf_page_count(pdf: bytes) -> int:
    """Number of pages in a PDF: its ``/Type /Page`` objects (not ``/Pages``), or, when those are
    compressed out of sight, the largest ``/Count`` of its page tree."""
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
    if pages:
        return pages
    counts = [int(n) for n in re.findall(rb"/Count\s+(\d+)", pdf)]
    return max(counts, default=0)


def render(
    html_path: str | os.PathLike[str],
    *,
    screenshot: str | os.PathLike[str] | None = None,
    pdf: str | os.PathLike[str] | None = None,
    width: int = 1200,
    height: int = 900,
    figures: str = DEFAULT_FIGURES,
    timeout: float = 60.0,
    settle: float = 0.1,
) -> Rendered:
    """Open ``html_path`` in headless Chromium and report what it shows.

    Parameters
    ----------
    html_path
        The HTML file (opened as a ``file://`` URL, so relative links resolve beside it).
    screenshot
        Where to save a full-page PNG screenshot (none when ``None``).
    pdf
        Where to save the printed PDF as well (its bytes are always in ``Rendered.pdf``).
    width, height
        The browser window in CSS pixels; ``height`` only matters for what is "above the fold",
        the screenshot always covers the whole page.
    figures
        CSS selector for the figures to measure. Elements that are not ``svg``/``img``/
        ``canvas`` (e.g. ``"figure.chart"``) count as drawn when they contain a drawn one.
    timeout
        Seconds before Chromium is killed and :class:`BrowserError` raised.
    settle
        Seconds to wait after the load event (and fonts and two animation frames) so that
        timers started by the page can run and report their errors.
    """
    start = time.monotonic()
    page = Path(html_path).resolve()
    if not page.is_file():
        raise FileNotFoundError(f"no such HTML file: {page}")
    exe = find_chromium()
    if exe is None:
        raise BrowserError(
            "headless Chromium not found: install the Debian package `chromium`, "
            "or set WIJKNET_CHROMIUM to a Chromium or Chrome executable"
        )
    deadline = start + timeout
    with _chromium(exe, width, height, deadline) as cdp:
        seen = _Page(cdp, page.as_uri())
        seen.open(width, height)
        seen.settle(settle)
        screen = seen.measure(figures)
        title, text, size = seen.describe()
        shot = None
        if screenshot is not None:
            shot = Path(screenshot)
            shot.write_bytes(seen.screenshot())
        # the print style sheet, laid out at the width of an A4 page less Chromium's 1 cm margins
        cdp.call("Emulation.setEmulatedMedia", {"media": "print"}, session=seen.session)
        seen.resize(PRINT_WIDTH, height)
        seen.settle(0.0)
        printed = seen.measure(figures)
        pdf_bytes = seen.print_pdf()
        seen.settle(0.0)  # let errors raised while printing arrive
        if pdf is not None:
            Path(pdf).write_bytes(pdf_bytes)
        return Rendered(
            path=page,
            errors=seen.errors,
            warnings=seen.warnings,
            figures=screen,
            print_figures=printed,
            resources=seen.resources,
            pdf=pdf_bytes,
            title=title,
            text=text,
            screenshot=shot,
            seconds=time.monotonic() - start,
            size=size,
        )


# ---------------------------------------------------------------------------------------------
# Chromium and its DevTools protocol over --remote-debugging-pipe
# ---------------------------------------------------------------------------------------------


@contextmanager
def _chromium(exe: str, width: int, height: int, deadline: float) -> Iterator[_Devtools]:
    """Start Chromium with a fresh profile; yield its DevTools connection; always clean up."""
    profile = Path(tempfile.mkdtemp(prefix="wijknet-chromium-"))
    log_path = profile.parent / f"{profile.name}.log"
    args = [
        exe,
        "--headless",
        "--remote-debugging-pipe",
        f"--user-data-dir={profile}",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--no-pings",
        "--mute-audio",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium's sandbox refuses to run as root
    args.append("about:blank")
    # The protocol runs over the browser's fd 3 (commands in) and fd 4 (answers out). Our ends
    # are moved above 9 first so that placing them on 3 and 4 cannot overwrite one another.
    opened: list[int] = []
    pid = 0
    try:
        to_child_r, to_child_w = _high_pipe(opened)
        from_child_r, from_child_w = _high_pipe(opened)
        log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        opened.append(log_fd)
        pid = os.posix_spawn(
            exe,
            args,
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, log_fd, 1),
                (os.POSIX_SPAWN_DUP2, log_fd, 2),
                (os.POSIX_SPAWN_DUP2, to_child_r, 3),
                (os.POSIX_SPAWN_DUP2, from_child_w, 4),
            ],
            setsid=True,  # its own process group, so that its helpers can be ended with it
        )
    except OSError as err:
        for fd in opened:
            os.close(fd)
        shutil.rmtree(profile, ignore_errors=True)
        log_path.unlink(missing_ok=True)
        raise BrowserError(f"could not start {exe}: {err}") from err
    for fd in (to_child_r, from_child_w, log_fd):
        os.close(fd)
    proc = _Process(pid)
    cdp = _Devtools(to_child_w, from_child_r, deadline, proc, log_path)
    try:
        yield cdp
        try:
            cdp.call("Browser.close")
        except BrowserError:
            pass
        proc.wait(max(1.0, min(5.0, deadline - time.monotonic())))
    finally:
        proc.end()
        for fd in (to_child_w, from_child_r):
            os.close(fd)
        shutil.rmtree(profile, ignore_errors=True)
        log_path.unlink(missing_ok=True)


def _high_pipe(opened: list[int]) -> tuple[int, int]:
    """A pipe whose two ends are file descriptors above 9 (close-on-exec, like os.pipe's)."""
    ends = []
    for fd in os.pipe():
        opened.append(fd)
        high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
        opened.append(high)
        os.close(fd)
        opened.remove(fd)
        ends.append(high)
    return ends[0], ends[1]


class _Process:
    """The browser process, leader of its own process group.

    It is reaped only in :meth:`end`, after the group is killed, so that its id cannot be reused
    by another process in between.
    """

    def __init__(self, pid: int):
        self.pid = pid
        self.reaped = False

    def exited(self) -> bool:
        if self.reaped:
            return True
        info = os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        return info is not None and info.si_pid == self.pid

    def wait(self, seconds: float) -> None:
        until = time.monotonic() + seconds
        while not self.exited() and time.monotonic() < until:
            time.sleep(0.02)

    def end(self) -> None:
        """Kill whatever is left of the browser's process group, and reap the browser."""
        if self.reaped:
            return
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        os.waitpid(self.pid, 0)
        self.reaped = True


class _Devtools:
    """A minimal DevTools protocol client: JSON messages separated by NUL bytes on two pipes."""

    def __init__(self, out_fd: int, in_fd: int, deadline: float, proc: _Process, log: Path):
        self.out_fd, self.in_fd, self.deadline, self.proc, self.log = out_fd, in_fd, deadline, proc, log
        self.next_id = 0
        self.buffer = b""
        self.events: list[dict[str, Any]] = []  # not yet taken by wait_event
        self.listeners: list[Any] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            try:
                written = os.write(self.out_fd, data)
            except BrokenPipeError as err:
                raise self._failure(f"Chromium closed the connection before {method}") from err
            data = data[written:]
        return self.next_id

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        """Send a command and return its result, handling the events that arrive meanwhile."""
        wanted = self.send(method, params, session)
        while True:
            message = self._read(method)
            assert message is not None  # without `until`, _read answers or raises
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(
                        f"{method} failed: {message['error'].get('message', message['error'])}"
                    )
                return message.get("result", {})
            if "method" in message:
                self._event(message)

    def wait_event(self, method: str, until: float | None = None) -> dict[str, Any] | None:
        """The next event called ``method`` (``None`` when ``until`` passes first)."""
        for i, event in enumerate(self.events):
            if event["method"] == method:
                return self.events.pop(i)
        while True:
            message = self._read(method, until)
            if message is None:
                return None
            if "method" in message:
                self._event(message)
                if message["method"] == method:
                    self.events.remove(message)
                    return message

    def drain(self, seconds: float) -> None:
        """Handle the events that arrive in the next ``seconds``."""
        until = time.monotonic() + seconds
        while (message := self._read("events", until)) is not None:
            if "method" in message:
                self._event(message)

    def _event(self, message: dict[str, Any]) -> None:
        if message["method"] in ("Inspector.targetCrashed", "Target.targetCrashed"):
            raise self._failure("the page crashed (Chromium's renderer died)")
        self.events.append(message)
        for listener in self.listeners:
            listener(message)

    def _read(self, waiting_for: str, until: float | None = None) -> dict[str, Any] | None:
        while b"\0" not in self.buffer:
            now = time.monotonic()
            stop = min(self.deadline, until) if until is not None else self.deadline
            if now >= stop:
                if until is not None and until <= self.deadline:
                    return None
                raise self._failure(f"Chromium did not answer in time (waiting for {waiting_for})")
            ready, _, _ = select.select([self.in_fd], [], [], stop - now)
            if not ready:
                continue
            chunk = os.read(self.in_fd, 1 << 20)
            if not chunk:
                raise self._failure(f"Chromium exited (waiting for {waiting_for})")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def _failure(self, what: str) -> BrowserError:
        try:
            tail = self.log.read_text(errors="replace").strip().splitlines()[-15:]
        except OSError:
            tail = []
        detail = "\n  ".join(tail)
        return BrowserError(f"{what}; Chromium's last messages:\n  {detail}" if tail else what)


class _Page:
    """One tab, its console and its network requests."""

    def __init__(self, cdp: _Devtools, url: str):
        self.cdp, self.url = cdp, url
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.resources: list[str] = []
        self.session = ""
        cdp.listeners.append(self._listen)

    def open(self, width: int, height: int) -> None:
        targets = self.cdp.call("Target.getTargets")["targetInfos"]
        pages = [t for t in targets if t.get("type") == "page"]
        target = (
            pages[0]["targetId"]
            if pages
            else self.cdp.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        )
        self.session = self.cdp.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.cdp.call(f"{domain}.enable", session=self.session)
        self.resize(width, height)
        self.cdp.events.clear()  # events of about:blank
        result = self.cdp.call("Page.navigate", {"url": self.url}, session=self.session)
        if result.get("errorText"):
            raise BrowserError(f"could not open {self.url}: {result['errorText']}")
        self.cdp.wait_event("Page.loadEventFired")

    def resize(self, width: int, height: int) -> None:
        self.cdp.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=self.session,
        )

    def settle(self, seconds: float) -> None:
        self.evaluate(
            "document.fonts.ready.then(() => new Promise(done =>"
            " requestAnimationFrame(() => requestAnimationFrame(() => done(true)))))"
        )
        if seconds > 0:
            self.cdp.drain(seconds)

    def evaluate(self, expression: str) -> Any:
        result = self.cdp.call(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session=self.session,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"measuring the page failed: {_exception_text(result['exceptionDetails'])}")
        return result["result"].get("value")

    def measure(self, selector: str) -> list[Figure]:
        found = self.evaluate(f"({_MEASURE_JS})({json.dumps(selector)})")
        return [Figure(**f) for f in found]

    def describe(self) -> tuple[str, str, tuple[float, float]]:
        title, text, w, h = self.evaluate(
            "[document.title, document.body ? document.body.innerText : '',"
            " document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
        )
        return title, text, (float(w), float(h))

    def screenshot(self) -> bytes:
        content = self.cdp.call("Page.getLayoutMetrics", session=self.session)["cssContentSize"]
        clip = {
            "x": 0,
            "y": 0,
            "width": max(1, content["width"]),
            "height": max(1, min(content["height"], MAX_SCREENSHOT_HEIGHT)),
            "scale": 1,
        }
        data = self.cdp.call(
            "Page.captureScreenshot",
            {"format": "png", "clip": clip, "captureBeyondViewport": True},
            session=self.session,
        )["data"]
        return base64.b64decode(data)

    def print_pdf(self) -> bytes:
        paper_width, paper_height = A4_INCHES
        data = self.cdp.call(
            "Page.printToPDF",
            {
                "printBackground": True,
                "preferCSSPageSize": True,
                "paperWidth": paper_width,
                "paperHeight": paper_height,
            },
            session=self.session,
        )["data"]
        return base64.b64decode(data)

    def _listen(self, message: dict[str, Any]) -> None:
        method, params = message["method"], message.get("params", {})
        if message.get("sessionId") != self.session:
            return
        if method == "Runtime.exceptionThrown":
            self.errors.append(_exception_text(params["exceptionDetails"]))
        elif method == "Runtime.consoleAPICalled":
            kind = params.get("type")
            if kind in ("error", "assert", "warning"):
                text = " ".join(_remote_text(arg) for arg in params.get("args", []))
                if kind == "assert":
                    text = f"Assertion failed: {text}".rstrip(": ")
                frames = (params.get("stackTrace") or {}).get("callFrames") or []
                where = _where(frames[0].get("url", ""), frames[0].get("lineNumber")) if frames else ""
                (self.warnings if kind == "warning" else self.errors).append(
                    f"console.{'warn' if kind == 'warning' else kind}: {text}{where}"
                )
        elif method == "Log.entryAdded":
            entry = params["entry"]
            text = entry.get("text", "") + _where(entry.get("url", ""), entry.get("lineNumber"))
            if entry.get("level") == "error":
                self.errors.append(text)
            elif entry.get("level") == "warning":
                self.warnings.append(text)
        elif method == "Page.javascriptDialogOpening":
            # alert(), confirm(), prompt() and onbeforeunload stop the page until answered
            self.errors.append(f"dialog ({params.get('type', 'alert')}): {params.get('message', '')}")
            self.cdp.send("Page.handleJavaScriptDialog", {"accept": True}, session=self.session)
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if (
                url != self.url
                and not url.startswith(("data:", "about:", "blob:"))
                and url not in self.resources
            ):
                self.resources.append(url)


def _where(url: str, line: int | None) -> str:
    if not url:
        return ""
    return f" ({url}:{line + 1})" if line is not None else f" ({url})"


def _remote_text(obj: dict[str, Any]) -> str:
    if "value" in obj:
        return obj["value"] if isinstance(obj["value"], str) else json.dumps(obj["value"])
    preview = obj.get("preview")
    if preview and preview.get("properties") is not None and obj.get("subtype") not in ("error", "node"):
        shown = ", ".join(f"{p['name']}: {p.get('value', p.get('type', ''))}" for p in preview["properties"])
        more = ", …" if preview.get("overflow") else ""
        return f"[{shown}{more}]" if obj.get("subtype") == "array" else f"{{{shown}{more}}}"
    text = str(obj.get("description") or obj.get("unserializableValue") or obj.get("type", ""))
    return text.splitlines()[0] if text else text  # an error's description goes on with its stack


def _exception_text(details: dict[str, Any]) -> str:
    exception = details.get("exception") or {}
    what = exception.get("description") or (
        _remote_text(exception) if exception else ""
    )  # "Error: boom\n    at ...": keep the first line
    what = what.splitlines()[0] if what else ""
    text = details.get("text", "Uncaught")
    line = f"{text} {what}".strip() if what and what not in text else text
    return line + _where(details.get("url", ""), details.get("lineNumber"))


#: measures the elements matched by a CSS selector; see Figure for what each field means
_MEASURE_JS = r"""
(selector) => {
  const graphic = new Set(["svg", "img", "canvas"]);
  const drawnCanvas = (c) => {
    if (!c.width || !c.height) return false;
    const scale = Math.min(1, Math.sqrt(4e6 / (c.width * c.height)));
    const w = Math.max(1, Math.round(c.width * scale)), h = Math.max(1, Math.round(c.height * scale));
    const copy = document.createElement("canvas");
    copy.width = w; copy.height = h;
    const ctx = copy.getContext("2d");
    ctx.drawImage(c, 0, 0, w, h);
    try {
      const px = ctx.getImageData(0, 0, w, h).data;
      for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
      return false;
    } catch (e) { return true; }  // a cross-origin picture: drawn, but unreadable
  };
  const drawn = (el) => {
    const tag = el.localName;
    if (tag === "svg") {
      try { const b = el.getBBox(); return b.width > 0 || b.height > 0; } catch (e) { return false; }
    }
    if (tag === "img") return el.complete && el.naturalWidth > 0 && el.naturalHeight > 0;
    if (tag === "canvas") return drawnCanvas(el);
    return Array.from(el.querySelectorAll("svg, img, canvas")).some(
      (inner) => !(inner.localName === "svg" && inner.parentElement && inner.parentElement.closest("svg"))
        && drawn(inner));
  };
  const label = (el) => {
    const own = el.getAttribute("aria-label") || el.getAttribute("alt");
    if (own) return own.trim();
    const title = el.localName === "svg" ? el.querySelector(":scope > title") : null;
    if (title && title.textContent.trim()) return title.textContent.trim();
    const fig = el.closest("figure");
    const caption = fig ? fig.querySelector("figcaption") : null;
    return caption ? caption.textContent.trim().replace(/\s+/g, " ").slice(0, 120) : "";
  };
  const visible = (el) => {
    if (el.closest("details:not([open]) > :not(summary)")) return false;
    return el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  };
  const right = document.documentElement.clientWidth;  // the window less any scroll bar
  return Array.from(document.querySelectorAll(selector)).map((el, i) => {
    const box = el.getBoundingClientRect();
    const left = box.left + window.scrollX;
    const cls = typeof el.className === "string" ? el.className : el.getAttribute("class") || "";
    const name = el.localName + (el.id ? "#" + el.id : "")
      + cls.split(/\s+/).filter(Boolean).map((c) => "." + c).join("") + `[${i}]`;
    return {tag: el.localName, name, label: label(el), width: box.width, height: box.height,
            drawn: Boolean(drawn(el)), visible: visible(el),
            overflows: box.width > 0 && (left < -0.5 || left + box.width > right + 0.5)};
  });
}
"""


def main(argv: list[str] | None = None) -> int:
    """``python tests/browser.py PAGE.html [--screenshot PNG] [--pdf PDF] [--figures CSS]``:
    print what Chromium shows of a page (figures, errors, problems); exit status 1 when there
    are problems."""
    import argparse

    parser = argparse.ArgumentParser(description="Open an HTML file in headless Chromium and check it.")
    parser.add_argument("html", help="the HTML file")
    parser.add_argument("--screenshot", help="save a full-page PNG here")
    parser.add_argument("--pdf", help="save the printed PDF here")
    parser.add_argument(
        "--figures", default=DEFAULT_FIGURES, help=f"CSS selector (default: {DEFAULT_FIGURES})"
    )
    parser.add_argument("--width", type=int, default=1200, help="window width in CSS pixels (default: 1200)")
    args = parser.parse_args(argv)
    seen = render(args.html, screenshot=args.screenshot, pdf=args.pdf, figures=args.figures, width=args.width)
    print(
        f"{seen.path}: {seen.seconds:.1f} s, {seen.pdf_pages} PDF pages, page {seen.size[0]:g}×{seen.size[1]:g} px"
    )
    for figure in seen.figures:
        print(f"  {figure}")
    for warning in seen.warnings:
        print(f"  warning: {warning}")
    problems = seen.problems()
    for problem in problems:
        print(f"  PROBLEM {problem}")
    print("no problems" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
