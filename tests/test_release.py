"""The release is set up as documented: the release workflow (.github/workflows/release.yml) is
valid and builds one abi3 wheel per platform for the platforms the install page lists, publishes
only from a version tag and without stored secrets; pyproject.toml asks for the stable ABI from
the oldest supported Python on; the crate's include list names files that exist; and the short
wheel check (tests/wheel_check.py) passes on the installed package.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
BUILD_JOBS = {"linux", "musllinux", "macos", "windows"}


def _toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workflow() -> dict:
    if not WORKFLOW.exists():
        pytest.skip("the release workflow is not beside the tests")
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _maturin_steps(job: dict) -> list[dict]:
    return [s for s in _steps(job) if str(s.get("uses", "")).startswith("PyO3/maturin-action@")]


def _targets(job: dict) -> set[str]:
    return {p["target"] for p in job["strategy"]["matrix"]["platform"]}


def test_workflow_runs_on_version_tags_and_by_hand_only(workflow) -> None:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"] == {"tags": ["v*"]}, "wheels are built for releases, not on every push"


def test_workflow_builds_every_platform(workflow) -> None:
    jobs = workflow["jobs"]
    assert BUILD_JOBS | {"sdist", "release"} <= set(jobs)
    assert _targets(jobs["linux"]) == {"x86_64", "aarch64"}
    assert _targets(jobs["musllinux"]) == {"x86_64", "aarch64"}
    assert _targets(jobs["macos"]) == {"x86_64", "aarch64"}
    assert _targets(jobs["windows"]) == {"x64"}
    manylinux = {s["with"].get("manylinux") for s in _maturin_steps(jobs["linux"])}
    assert manylinux == {"auto"}
    musl = {s["with"].get("manylinux") for s in _maturin_steps(jobs["musllinux"])}
    assert musl == {"musllinux_1_2"}
    sdist = _maturin_steps(jobs["sdist"])
    assert [s["with"]["command"] for s in sdist] == ["sdist"]


def test_workflow_builds_once_per_platform(workflow) -> None:
    """abi3: one wheel serves every Python version, so no job builds per interpreter."""
    for name in BUILD_JOBS:
        steps = _maturin_steps(workflow["jobs"][name])
        assert len(steps) == 1, f"{name}: {len(steps)} wheel builds"
        args = steps[0]["with"]["args"].split()
        assert "--release" in args and args[args.index("--out") + 1] == "dist"
        assert not {"-i", "--interpreter", "--find-interpreter"} & set(args), f"{name}: {args}"


def test_every_wheel_is_tested_where_it_was_built(workflow) -> None:
    for name in BUILD_JOBS | {"sdist"}:
        runs = " ".join(str(s.get("run", "")) for s in _steps(workflow["jobs"][name]))
        assert "tests/wheel_check.py" in runs, name
    for name in ("linux", "macos", "windows"):
        runs = " ".join(str(s.get("run", "")) for s in _steps(workflow["jobs"][name]))
        assert "pytest" in runs and "--group test" in runs, name


def test_workflow_publishes_from_tags_by_trusted_publishing(workflow) -> None:
    jobs = workflow["jobs"]
    release = jobs["release"]
    assert set(release["needs"]) == BUILD_JOBS | {"sdist", "crate"}
    assert "startsWith(github.ref, 'refs/tags/')" in release["if"]
    assert release["permissions"]["id-token"] == "write"
    assert any("uv publish" in str(s.get("run", "")) for s in _steps(release))
    crates = jobs["crates-io"]
    assert "startsWith(github.ref, 'refs/tags/')" in crates["if"]
    assert crates["permissions"]["id-token"] == "write"
    # no stored tokens: PyPI and crates.io trust the workflow itself
    assert "secrets." not in WORKFLOW.read_text(encoding="utf-8")
    assert workflow["permissions"] == {"contents": "read"}


def test_every_action_is_pinned_to_a_version(workflow) -> None:
    for name, job in workflow["jobs"].items():
        for step in _steps(job):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[\w.-]+", step["uses"]), (name, step["uses"])


def test_workflow_matches_the_github_schema() -> None:
    """check-jsonschema carries GitHub's workflow schema; skipped where it is not installed."""
    pytest.importorskip("check_jsonschema")
    if not WORKFLOW.exists():
        pytest.skip("the release workflow is not beside the tests")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_wheels_use_the_stable_abi_from_the_oldest_supported_python() -> None:
    pyproject = ROOT / "pyproject.toml"
    if not pyproject.exists():
        pytest.skip("pyproject.toml is not beside the tests")
    meta = _toml(pyproject)
    oldest = re.fullmatch(r">=3\.(\d+)", meta["project"]["requires-python"])
    assert oldest, meta["project"]["requires-python"]
    assert f"pyo3/abi3-py3{oldest.group(1)}" in meta["tool"]["maturin"]["features"]
    versions = [c for c in meta["project"]["classifiers"] if re.fullmatch(r".*Python :: 3\.\d+", c)]
    assert min(int(c.rsplit(".", 1)[1]) for c in versions) == int(oldest.group(1))


def test_crate_include_list_names_existing_files() -> None:
    cargo = ROOT / "Cargo.toml"
    if not cargo.exists():
        pytest.skip("Cargo.toml is not beside the tests")
    include = _toml(cargo)["package"]["include"]
    for pattern in include:
        assert list(ROOT.glob(pattern.lstrip("/"))), f"Cargo.toml include {pattern!r} matches nothing"
    # the one data set the Rust tests read travels with the crate; the larger ones do not
    assert "/tests/data/davis_southern_women/edges.csv" in include
    assert not any(p.rstrip("/*") == "/tests/data" for p in include)


def test_wheel_check_passes_on_the_installed_package() -> None:
    script = Path(__file__).with_name("wheel_check.py")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "FAIL" not in r.stdout


@pytest.mark.skipif(shutil.which("cargo") is None, reason="cargo is not installed")
def test_crate_package_list_is_what_include_says() -> None:
    """`cargo package --list` (offline, no build): sources, licences, no Python or docs."""
    if not (ROOT / "Cargo.toml").exists():
        pytest.skip("Cargo.toml is not beside the tests")
    r = subprocess.run(
        ["cargo", "package", "--list", "--allow-dirty", "--offline", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        pytest.skip(f"cargo package --list did not run here: {r.stderr.strip()[:200]}")
    files = set(r.stdout.split())
    assert {"Cargo.toml", "Cargo.lock", "README.md", "LICENSE-MIT", "LICENSE-APACHE", "src/lib.rs"} <= files
    assert "src/python/mod.rs" in files  # the `python` feature builds from the crate
    assert not [f for f in files if f.startswith(("python/", "docs/", "notebooks/", "target/"))]
    assert not [f for f in files if f.startswith("fuzz/")]  # the fuzz crate stays in the repository
    assert not [f for f in files if f.endswith((".py", ".ipynb", ".so"))]


def test_one_compiled_core_beside_the_package() -> None:
    """A stale per-version build beside a new abi3 one would be loaded instead of it.

    Python prefers ``_wijknet.cpython-3XY-<platform>.so`` to ``_wijknet.abi3.so`` when both are
    in the package folder, which happens when a source tree built before wheels used the stable
    ABI is rebuilt with ``maturin develop``: the old build keeps being imported, silently.
    """
    import importlib.machinery

    import wijknet

    folder = Path(wijknet.__file__).parent
    cores = sorted(
        p.name
        for p in folder.iterdir()
        if p.name.startswith("_wijknet.") and p.name.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    )
    assert len(cores) == 1, (
        f"{folder} holds {len(cores)} compiled cores {cores}; Python imports the first of them that "
        f"matches {importlib.machinery.EXTENSION_SUFFIXES}. Delete all of them and rebuild "
        "(maturin develop --release)."
    )
