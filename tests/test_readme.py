"""The README's Python examples run and print what the README says."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks() -> list[str]:
    if not README.exists():
        return []
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def python_blocks() -> list[str]:
    if not README.exists():
        pytest.skip("README.md not found beside the tests")
    return _blocks()


def test_readme_has_python_examples() -> None:
    assert python_blocks(), "README.md has no ```python examples"


@pytest.mark.parametrize("index", range(len(_blocks())))
def test_readme_python_example_runs(index: int, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # files the examples write (report.html) land in a scratch folder
    code = python_blocks()[index]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"README.md python block {index}", "exec"), {})
    # Lines with a trailing "# <expected>" comment on a print() must show that output.
    for line in code.splitlines():
        m = re.match(r"\s*print\(.*\)\s*#\s*(\S.*)$", line)
        if m and not m.group(1).startswith(("component", "the ")):
            assert m.group(1) in out.getvalue(), f"README promises {m.group(1)!r}; got:\n{out.getvalue()}"
