"""Run networkx's own tests for the functions wijknet takes as a networkx backend, with wijknet as
networkx's test backend (``NETWORKX_TEST_BACKEND=wijknet``, ``NETWORKX_FALLBACK_TO_NX=True``),
and count per function how many calls wijknet answered and how many it declined (and why).

    python tests/networkx_suite.py            # prints the table; exit status 1 on a failure
    python tests/networkx_suite.py --json F   # also writes the counts to F
    python tests/networkx_suite.py --markdown # also prints the guide's per-function table

Every call networkx makes to a dispatched function goes through wijknet's ``can_run``; what it
declines networkx runs itself, so a failing test is a wrong answer from wijknet. Works without
installing wijknet: when the entry point is missing it is put on the path for the child process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

# networkx's test modules for the dispatched functions
MODULES = [
    "networkx.algorithms.tests.test_cluster",
    "networkx.algorithms.tests.test_core",
    "networkx.algorithms.components.tests.test_connected",
    "networkx.algorithms.link_analysis.tests.test_pagerank",
    "networkx.algorithms.centrality.tests.test_betweenness_centrality",
    "networkx.algorithms.centrality.tests.test_closeness_centrality",
    "networkx.algorithms.centrality.tests.test_harmonic_centrality",
    "networkx.algorithms.tests.test_structuralholes",
    "networkx.algorithms.bipartite.tests.test_project",
    "networkx.algorithms.bipartite.tests.test_cluster",
    "networkx.algorithms.bipartite.tests.test_centrality",
    "networkx.algorithms.community.tests.test_louvain",
    "networkx.algorithms.community.tests.test_quality",
    "networkx.algorithms.assortativity.tests.test_correlation",
    "networkx.algorithms.assortativity.tests.test_mixing",
    "networkx.algorithms.assortativity.tests.test_pairs",
    "networkx.algorithms.assortativity.tests.test_neighbor_degree",
    "networkx.algorithms.assortativity.tests.test_connectivity",
    "networkx.algorithms.components.tests.test_biconnected",
    "networkx.algorithms.tests.test_bridges",
    "networkx.algorithms.tests.test_efficiency",
    "networkx.algorithms.centrality.tests.test_eigenvector_centrality",
    "networkx.algorithms.centrality.tests.test_degree_centrality",
    "networkx.algorithms.tests.test_reciprocity",
]


class Recorder:
    """A pytest plugin that counts wijknet's answers and declines per function."""

    def __init__(self) -> None:
        self.ran: Counter = Counter()
        self.declined: dict[str, Counter] = defaultdict(Counter)
        self.outcomes: Counter = Counter()
        self.failed: list[str] = []

    def pytest_configure(self, config: object) -> None:
        from wijknet import nx_backend

        backend = nx_backend.BackendInterface
        inner_can_run, inner_convert = backend.can_run, backend.convert_from_nx
        asked: list[str] = [""]  # the function whose call is being converted

        def declined(name: str, why: str) -> None:
            self.ran[name] -= 1
            self.declined[name][why] += 1

        def can_run(name: str, args: tuple, kwargs: dict) -> bool | str:
            answer = inner_can_run(name, args, kwargs)
            asked[0] = name
            if answer is True:
                self.ran[name] += 1
            else:
                self.declined[name][str(answer)] += 1
            return answer

        # what the conversion or the function itself declines (NotImplementedError: networkx
        # then runs the call) counts as declined, not as answered
        def convert(*args: object, **kwargs: object) -> object:
            try:
                return inner_convert(*args, **kwargs)
            except NotImplementedError as e:
                declined(asked[0], str(e))
                raise

        def counted(name: str, func: object) -> object:
            def call(*args: object, **kwargs: object) -> object:
                try:
                    return func(*args, **kwargs)  # type: ignore[operator]
                except NotImplementedError as e:
                    declined(name, str(e))
                    raise

            return staticmethod(call)

        backend.can_run = staticmethod(can_run)  # type: ignore[method-assign]
        backend.convert_from_nx = staticmethod(convert)  # type: ignore[method-assign]
        for name, taken in nx_backend.FUNCTIONS.items():
            setattr(backend, name, counted(name, taken.func))

    def pytest_runtest_logreport(self, report: object) -> None:
        when, outcome = report.when, report.outcome  # type: ignore[attr-defined]
        if when == "call" or outcome != "passed":
            key = "xfailed" if hasattr(report, "wasxfail") else outcome
            self.outcomes[key] += 1
            if outcome == "failed":
                self.failed.append(report.nodeid)  # type: ignore[attr-defined]


# what a decline's reason is called in the documentation's table
SHORT = [
    ("multigraph is given", "`multigraph=True`"),
    ("multigraphs", "multigraphs"),
    ("self-loops", "self-loops"),
    ("directed graphs", "directed"),
    ("weights must be finite", "negative weights"),
    ("same side", "an edge inside one side"),
    ("mapping=None", "`mapping=None`"),
    ("k is not between", "`k` out of range"),
    ("root is not a node", "`root` not in the graph"),
]


def markdown_table(counts: dict) -> str:
    """The per-function table of the networkx guide, from the counts of ``--json``."""
    import wijknet.nx_backend as nb

    rows = []
    for fn in nb.FUNCTIONS:
        declined = counts["declined"].get(fn, {})
        parts: Counter = Counter()
        for why, n in declined.items():
            given = why.split(" is given")[0] if " is given" in why and "multigraph is given" not in why else None
            label = f"`{given}`" if given else next((short for key, short in SHORT if key in why), why)
            parts[label] += n
        total = sum(declined.values())
        detail = f"{total} ({', '.join(f'{n} {label}' for label, n in parts.most_common())})" if total else "0"
        rows.append(f"| `{fn}` | {counts['ran'].get(fn, 0)} | {detail} |")
    return "\n".join(rows)


def _child(json_path: str | None, markdown: bool) -> int:
    import pytest

    import wijknet.nx_backend as nb

    rec = Recorder()
    code = pytest.main(
        ["-q", "-p", "no:cacheprovider", "-W", "ignore", "--pyargs", *MODULES],
        plugins=[rec],
    )
    print()
    print(f"{'function':32} {'wijknet ran':>12} {'declined':>9}")
    for fn in nb.FUNCTIONS:
        print(f"{fn:32} {rec.ran[fn]:>12} {sum(rec.declined[fn].values()):>9}")
    print()
    for fn in nb.FUNCTIONS:
        for why, n in rec.declined[fn].most_common():
            print(f"declined {fn} ×{n}: {why}")
    import networkx

    print()
    print(f"networkx {networkx.__version__} tests:", dict(rec.outcomes))
    counts = {
        "networkx": networkx.__version__,
        "outcomes": dict(rec.outcomes),
        "ran": dict(rec.ran),
        "declined": {k: dict(v) for k, v in rec.declined.items()},
        "failed": rec.failed,
    }
    if json_path:
        Path(json_path).write_text(json.dumps(counts, indent=1, sort_keys=True))
    if markdown:
        print()
        print(markdown_table(counts))
    return int(code)


def _has_entry_point() -> bool:
    from importlib.metadata import entry_points

    return any(ep.name == "wijknet" for ep in entry_points(group="networkx.backends"))


def main(argv: list[str]) -> int:
    json_path = argv[argv.index("--json") + 1] if "--json" in argv else None
    if os.environ.get("_WIJKNET_NX_SUITE_CHILD"):
        return _child(json_path, "--markdown" in argv)
    env = dict(os.environ, NETWORKX_TEST_BACKEND="wijknet", NETWORKX_FALLBACK_TO_NX="True")
    env["_WIJKNET_NX_SUITE_CHILD"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        if not _has_entry_point():  # a source checkout: register the backend for the child only
            info = Path(tmp) / "wijknet_networkx_backend-0.dist-info"
            info.mkdir()
            (info / "METADATA").write_text(
                "Metadata-Version: 2.1\nName: wijknet-networkx-backend\nVersion: 0\n"
            )
            (info / "entry_points.txt").write_text(
                "[networkx.backends]\nwijknet = wijknet.nx_backend:BackendInterface\n\n"
                "[networkx.backend_info]\nwijknet = wijknet.nx_backend:get_info\n"
            )
            env["PYTHONPATH"] = os.pathsep.join(p for p in (tmp, env.get("PYTHONPATH", "")) if p)
        # run from a neutral folder so that networkx's tests, not ours, are collected
        return subprocess.call([sys.executable, __file__, *argv], env=env, cwd=tmp)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
