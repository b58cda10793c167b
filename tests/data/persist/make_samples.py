"""Writes this folder's sample files for the format version of the installed wijknet.

Run from the repository root with the wijknet to record::

    python tests/data/persist/make_samples.py

It builds one small network (dated sessions, roles, resident and activity attributes, a
sensitive activity and a survey tie layer) and one projection of it, and writes

* ``network-vN.wijknet`` and ``graph-vN.wijknet`` for format version N;
* ``scenario-vN.wijknet`` (a what-if result with its tables), from version 3 on;
* ``report-vN.wijknet`` (the evaluation report of the network, :func:`sample_report`), from
  version 3 on;
* ``expected.json``: analysis numbers every file of every version must reproduce.

How each version was written:

* version 2: by wijknet 0.1.0 before files existed, as the bytes a pickle carries
  (``net._net.to_bytes()``, ``g._g.to_bytes()``); nothing else changed the data.
* version 3: by ``net.save(path)`` and ``g.save(path)``.

Files of a version are written once and committed; a later wijknet never rewrites them
(``tests/test_persist.py`` checks that every one still loads and gives ``expected.json``).
"""

from __future__ import annotations

import json
import pathlib

import pandas as pd

import wijknet as wn
from wijknet import _wijknet as native

HERE = pathlib.Path(__file__).resolve().parent


def sample_network() -> wn.Network:
    """The sample network (fixed data: the same network at every version)."""
    rows = [
        ("ann", "breakfast", "2025-01-06", "organiser"),
        ("bob", "breakfast", "2025-01-06", "participant"),
        ("cas", "breakfast", "2025-01-06", "participant"),
        ("ann", "breakfast", "2025-01-13", "organiser"),
        ("dia", "breakfast", "2025-01-13", "participant"),
        ("bob", "yoga", "2025-01-07", "volunteer"),
        ("eva", "yoga", "2025-01-07", "participant"),
        ("fay", "yoga", "2025-01-07", "participant"),
        ("eva", "yoga", "2025-01-14", "participant"),
        ("gus", "yoga", "2025-01-14", "participant"),
        ("cas", "peer group", "2025-01-08", "organiser"),
        ("hal", "peer group", "2025-01-08", "participant"),
        ("gus", "games", "2025-01-09", "participant"),
        ("hal", "games", "2025-01-09", "volunteer"),
        ("ann", "games", "2025-01-16", "participant"),
    ]
    df = pd.DataFrame(rows, columns=["resident", "activity", "date", "role"])
    net = wn.Network.from_attendance(df, date="date", role="role")
    net = net.with_resident_attributes(
        pd.DataFrame(
            {
                "resident": ["ann", "bob", "cas", "dia"],
                "age": [71, 34, 52, 45],
                "street": ["a", "b", "a", "c"],
            }
        )
    ).with_activity_attributes(
        pd.DataFrame(
            {"activity": ["breakfast", "yoga", "peer group", "games"], "weekly": [True, True, False, False]}
        ),
        sensitive=["peer group"],
    )
    ties = pd.DataFrame({"source": ["ann", "bob", "cas", "eva"], "target": ["bob", "ann", "hal", "zoe"]})
    return net.with_ties(ties, layer="support", respondents=["ann", "bob", "cas", "eva", "fay"])


def sample_graph(net: wn.Network) -> wn.Graph:
    return net.project(weight="newman", unit="session")


def sample_report(net: wn.Network) -> wn.Report:
    """The evaluation report of the sample network (fixed seed, few permutations)."""
    return wn.evaluate(net, seed=1, n=20, lang="en", min_cell=1)


def expected(net: wn.Network, g: wn.Graph) -> dict:
    """What every sample must reproduce: counts, the projection's ties and the support layer."""
    s = net.summary()
    edges = g.edges()
    support = net.layer("support")
    return {
        "summary": {k: (None if v is None else v.item() if hasattr(v, "item") else v) for k, v in s.items()},
        "residents": [str(r) for r in net.residents],
        "activities": [str(a) for a in net.activities],
        "edges": [
            [str(a), str(b), float(w)] for a, b, w in zip(edges["source"], edges["target"], edges["weight"])
        ],
        "degree": {str(k): int(v) for k, v in wn.degree(g).items()},
        "provenance_ann_bob": [str(a) for a in g.provenance("ann", "bob")["activity"]],
        "support_edges": [
            [str(a), str(b)] for a, b in zip(support.edges()["source"], support.edges()["target"])
        ],
        "resident_ages": {str(k): float(v) for k, v in net.resident_attributes()["age"].dropna().items()},
        "sensitive": [str(a) for a in net.sensitive_activities()],
    }


def main() -> None:
    version = native.FORMAT_VERSION
    net = sample_network()
    g = sample_graph(net)
    if hasattr(wn, "load"):
        # (a file already written for this version is kept: committed files are never rewritten)
        saves = {
            "network": lambda path: net.save(path),
            "graph": lambda path: g.save(path),
            "scenario": lambda path: wn.whatif.remove(net, activities=["breakfast"]).save(path),
            "report": lambda path: sample_report(net).save(path),
        }
        for name, save in saves.items():
            path = HERE / f"{name}-v{version}.wijknet"
            if not path.exists():
                save(path)
    else:  # version 2: no files yet, the bytes a pickle carries
        (HERE / f"network-v{version}.wijknet").write_bytes(bytes(net._net.to_bytes()))
        (HERE / f"graph-v{version}.wijknet").write_bytes(bytes(g._g.to_bytes()))
    path = HERE / "expected.json"
    if not path.exists():
        path.write_text(json.dumps(expected(net, g), indent=1, sort_keys=True, default=str) + "\n")


if __name__ == "__main__":
    main()
