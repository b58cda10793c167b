"""A short check that an installed wijknet works: the compiled core loads, a projection and a few
measures give the known values on the Davis Southern Women register, results pickle.

    python tests/wheel_check.py      # prints what it checked; exit status 1 on a failure

Needs only wijknet and its two import-time dependencies (numpy, pandas), so it also runs where
the test suite's tools cannot be installed. The release workflow runs it on every built wheel
and on a wheel built from the source distribution; the test suite runs it as well
(tests/test_release.py). The expected values are networkx's for the same register
(``bipartite.projected_graph`` of ``davis_southern_women_graph``), as in tests/test_projection.py.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path


def main() -> int:
    import wijknet as wn
    from wijknet import _wijknet

    native = Path(_wijknet.__file__).name
    print(f"wijknet {wn.__version__} on Python {sys.version.split()[0]} ({sys.platform})")
    print(f"compiled core: {native}")

    net = wn.datasets.davis_southern_women()
    g = net.project(weight="count", unit="activity")
    edges = g.edges()
    deg = wn.degree(g)
    checks = {
        "18 women": g.number_of_nodes() == 18,
        "139 ties": g.number_of_edges() == len(edges) == 139,
        "Evelyn Jefferson met 17 others": int(deg["Evelyn Jefferson"]) == 17,
        "one component": int(wn.connected_components(g).nunique()) == 1,
        "Leiden is deterministic for a seed": wn.leiden_communities(g, seed=1).equals(
            wn.leiden_communities(g, seed=1)
        ),
        "a projection pickles": pickle.loads(pickle.dumps(g)).edges().equals(edges),
    }
    for name, ok in checks.items():
        print(f"  {'ok ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
