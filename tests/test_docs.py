"""Every Python example in the documentation (docs/**/*.md) runs.

One test per page; the blocks of a page run in order in one namespace, as in a notebook. A
block preceded by an ``<!-- skip -->`` comment is shown on the site but not run. A page that
starts with ``<!-- needs: module -->`` (an optional dependency) is skipped when that module
cannot be imported.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"

_NEEDS = re.compile(r"\A<!--\s*needs:\s*([\w.]+)\s*-->")
_BLOCK = re.compile(r"(<!--\s*skip\s*-->\s*\n)?```python\n(.*?)```", flags=re.S)


def _pages() -> list[Path]:
    if not DOCS.is_dir():
        return []
    return sorted(p for p in DOCS.rglob("*.md") if _BLOCK.search(p.read_text(encoding="utf-8")))


def _blocks(page: Path) -> list[tuple[bool, str]]:
    """(skipped, code) for each ```python block of a page."""
    return [(bool(m.group(1)), m.group(2)) for m in _BLOCK.finditer(page.read_text(encoding="utf-8"))]


def test_docs_have_python_examples() -> None:
    if not DOCS.is_dir():
        pytest.skip("docs/ not found beside the tests")
    assert _pages(), "no page under docs/ has a ```python example"


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_docs_page_examples_run(page: Path, tmp_path, monkeypatch) -> None:
    needs = _NEEDS.match(page.read_text(encoding="utf-8"))
    if needs and importlib.util.find_spec(needs.group(1)) is None:
        pytest.skip(f"{needs.group(1)} is not installed (an optional dependency of this page)")
    monkeypatch.chdir(tmp_path)  # files the examples write land in a scratch folder
    namespace: dict = {"__name__": "__docs__"}
    out = io.StringIO()
    name = page.relative_to(DOCS)
    for i, (skipped, code) in enumerate(_blocks(page)):
        if skipped:
            continue
        with contextlib.redirect_stdout(out):
            try:
                exec(compile(code, f"docs/{name} python block {i}", "exec"), namespace)
            except Exception as exc:  # name the block so the failure is easy to find
                raise AssertionError(f"docs/{name}, python block {i} failed: {exc!r}\n{code}") from exc
