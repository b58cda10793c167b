"""Every notebook in notebooks/ runs from top to bottom without an error.

Each notebook is executed with nbclient in a fresh kernel whose working directory is the
notebooks folder. The kernel runs the interpreter running these tests (``sys.executable``), so
it imports the same installed wijknet: a temporary ``python3`` kernelspec pointing at it is put
first on ``JUPYTER_PATH``, ahead of any user-level or system ``python3`` kernelspec that may
point at another Python. Skips cleanly when nbclient, nbformat or ipykernel is missing.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
TIMEOUT_S = 300
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _ids(paths):
    return [p.name for p in paths]


@pytest.fixture
def this_python_kernel(tmp_path, monkeypatch):
    """A ``python3`` kernelspec that runs ``sys.executable``, first on JUPYTER_PATH."""
    spec_dir = tmp_path / "jupyter" / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (wijknet tests)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "python3"


def _failure_report(nb, path: Path) -> str:
    """The first cell with an error output: its number, source and the error."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                tb = _ANSI.sub("", "\n".join(out.get("traceback", [])))
                return (
                    f"{path.name}: cell {index} (id {cell.get('id', '?')}) raised "
                    f"{out.get('ename')}: {_ANSI.sub('', out.get('evalue', ''))}\n\n"
                    f"---- cell source ----\n{cell.source}\n\n---- traceback ----\n{tb}"
                )
    return ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs(path: Path, this_python_kernel: str) -> None:
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("ipykernel")
    nbclient = pytest.importorskip("nbclient")
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(str(path), as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name=this_python_kernel,
        timeout=TIMEOUT_S,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    failure = None
    try:
        client.execute()
    except CellExecutionError as e:
        failure = _failure_report(nb, path) or _ANSI.sub("", str(e))
    except CellTimeoutError as e:
        failure = f"{path.name}: a cell ran longer than {TIMEOUT_S} s\n{_ANSI.sub('', str(e))}"
    except DeadKernelError as e:
        failure = f"{path.name}: the kernel died (crash or out of memory): {e}"
    if failure is not None:  # outside the except blocks: no chained nbclient traceback
        pytest.fail(failure, pytrace=False)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    """Notebooks are stored clean (outputs are produced by running them), and are valid."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i
        for i, cell in enumerate(raw["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} have stored outputs; clear outputs before saving"
    assert raw.get("metadata", {}).get("kernelspec", {}).get("name") == "python3", (
        f"{path.name}: the notebook's kernelspec should be 'python3'"
    )
    try:
        import nbformat
    except ImportError:
        return
    nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))


def test_progress_bar_in_a_notebook(this_python_kernel: str) -> None:
    """``progress=True`` in a notebook shows tqdm's bar (a widget where ipywidgets is installed,
    else text on stderr) and raises nothing."""
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("ipykernel")
    pytest.importorskip("tqdm")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import wijknet as wn\n"
            "g = wn.datasets.badhuis(residents=30_000, seed=4).project(progress=False)\n"
            "wn.leiden_communities(g, seed=1, progress=True).nunique() > 1"
        )
    ]
    nbclient.NotebookClient(nb, kernel_name=this_python_kernel, timeout=TIMEOUT_S).execute()
    outputs = nb.cells[0].outputs
    assert not [o for o in outputs if o.output_type == "error"]
    bars = [
        o
        for o in outputs
        if (o.output_type == "display_data" and "application/vnd.jupyter.widget-view+json" in o.data)
        or (o.output_type == "stream" and "leiden" in o.text)
    ]
    assert bars, f"no progress bar among {[o.output_type for o in outputs]}"
    assert outputs[-1].output_type == "execute_result" and outputs[-1].data["text/plain"] == "True"
