"""Type stubs of the native module (mypy.stubtest), the public names and their docstrings,
and the docstring examples themselves (run as doctests)."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import inspect
import re
import subprocess
import sys

import pytest

import wijknet as wn

# stubtest error kinds accepted (none); anything else is a real mismatch between
# _wijknet.pyi and the compiled module
KNOWN_STUBTEST: tuple = ()  # stubtest reports nothing today; list accepted kinds here


@pytest.fixture(scope="module")
def stubtest() -> subprocess.CompletedProcess:
    pytest.importorskip("mypy")
    return subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "wijknet._wijknet"],
        capture_output=True,
        text=True,
        timeout=300,
    )


def stubtest_errors(result: subprocess.CompletedProcess) -> list:
    return [line[len("error: "):] for line in result.stdout.splitlines() if line.startswith("error: ")]


def test_stubtest_passes(stubtest):
    assert stubtest.returncode == 0, stubtest.stdout + stubtest.stderr


def test_stubtest_finds_no_signature_mismatches(stubtest):
    errors = stubtest_errors(stubtest)
    assert stubtest.returncode in (0, 1), stubtest.stderr  # 1 = errors found, anything else = crash
    if stubtest.returncode == 1:
        assert errors, stubtest.stdout
    unexpected = [e for e in errors if not any(re.fullmatch(p, e) for p in KNOWN_STUBTEST)]
    assert not unexpected, "\n".join(unexpected)


def test_every_native_name_is_in_the_stub():
    stub = (importlib.util.find_spec("wijknet._wijknet").origin).rsplit("/", 1)[0] + "/_wijknet.pyi"
    text = open(stub, encoding="utf-8").read()
    for name in dir(wn._wijknet):
        if name.startswith("__"):
            continue
        assert re.search(rf"^(class |def |){re.escape(name)}\b", text, re.M), name


# ---------------------------------------------------------------------------------------------
# public names and docstrings
# ---------------------------------------------------------------------------------------------


def test_all_names_exist_and_are_unique():
    assert len(set(wn.__all__)) == len(wn.__all__)
    for name in wn.__all__:
        assert hasattr(wn, name), name
    assert isinstance(wn.__version__, str) and re.fullmatch(r"\d+\.\d+\.\d+.*", wn.__version__)
    assert wn.__version__ == wn._wijknet.__version__


def _documented():
    for name in wn.__all__:
        obj = getattr(wn, name)
        if name.startswith("__"):
            continue
        needs_examples = (inspect.isfunction(obj) or inspect.isclass(obj)) and not (
            inspect.isclass(obj) and issubclass(obj, BaseException)
        )
        yield pytest.param(name, needs_examples, id=name)


@pytest.mark.parametrize("name,needs_examples", list(_documented()))
def test_public_names_have_docstrings_with_examples(name, needs_examples):
    obj = getattr(wn, name)
    doc = inspect.getdoc(obj)
    assert doc and len(doc) > 20, f"{name} has no docstring"
    if needs_examples:
        assert re.search(r"^Examples\n-{8}", doc, re.M), f"{name}'s docstring has no Examples section"
        assert ">>> " in doc


@pytest.mark.parametrize("cls", [wn.Network, wn.Graph])
def test_public_methods_have_docstrings(cls):
    missing = []
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        fn = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
        if not inspect.getdoc(fn):
            missing.append(name)
    assert not missing, f"{cls.__name__} methods without a docstring: {missing}"


def test_metric_arguments_after_the_graph_are_keyword_only():
    for name in ("degree", "strength", "connected_components", "number_connected_components", "isolates", "density"):
        params = list(inspect.signature(getattr(wn, name)).parameters.values())
        assert params[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:]), name
    for meth in (wn.Network.project, wn.Network.filter, wn.Network.pair_count, wn.Graph.from_edges):
        params = list(inspect.signature(meth).parameters.values())[1:]
        params = [p for p in params if p.name != "data"]
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), meth.__qualname__


# ---------------------------------------------------------------------------------------------
# the examples run
# ---------------------------------------------------------------------------------------------

MODULES = ["wijknet", "wijknet.network", "wijknet.graph", "wijknet.metrics", "wijknet.datasets"]


def _doctests():
    finder = doctest.DocTestFinder(exclude_empty=True)
    for modname in MODULES:
        mod = importlib.import_module(modname)
        for test in finder.find(mod, modname):
            if test.examples:
                yield pytest.param(test, id=test.name)


@pytest.mark.parametrize("test", list(_doctests()))
def test_docstring_examples_run(test):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    import io

    out = io.StringIO()
    result = runner.run(test, out=out.write)
    assert result.failed == 0, out.getvalue()
