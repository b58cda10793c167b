"""networkx's k-cores (``networkx.algorithms.core``).

``k_core``, ``k_shell``, ``k_crust`` and ``k_corona`` return networkx's own graph, equal to
networkx's answer with its graph, node and edge attributes (networkx hands a backend's result
to the caller as it is, and the caller's code goes on with networkx's graph methods); its
wijknet form is in networkx's conversion cache, so calls that follow on it read nothing back.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph, as_networkx, per_node, subgraph
from ._registry import takes


@takes()
def core_number(G: WijknetGraph) -> dict:
    return per_node(G, _native.core_number(G.graph._g).astype(np.int64))


def _check_cores(a: dict[str, Any]) -> str | None:
    """Decline a ``k`` that is not a number and a ``core_number`` dict that wijknet cannot
    read exactly: it is honoured when it gives a whole number for every node and nothing else."""
    if hasattr(a.get("G"), "_NODE_OK"):
        return "a subgraph view: networkx cuts the subgraph from the graph it views"
    k = a.get("k")
    if k is not None and (not isinstance(k, (int, float)) or abs(k) > 2**53):
        return "k is not a number: networkx raises its own error"
    core = a.get("core_number")
    if core is None:
        return None
    G = a["G"]
    if not isinstance(core, dict) or len(core) != len(G) or any(v not in core for v in G):
        return "core_number= does not give a core number for exactly the graph's nodes"
    if not all(isinstance(c, int) for c in core.values()):
        return "core_number= holds values that are not whole numbers"
    return None


_DECLINES = (
    "subgraph views",
    "`k` other than a number",
    "`core_number` other than a dict of whole numbers for exactly the graph's nodes",
)


def _cores(G: WijknetGraph, core: dict | None) -> np.ndarray:
    if core is None:
        return np.asarray(_native.core_number(G.graph._g), dtype=np.int64)
    return np.fromiter((core[v] for v in G.nodes), dtype=np.int64, count=len(G))


def _induced(G: WijknetGraph, keep: np.ndarray, core: dict | None) -> Any:
    """networkx's ``G.subgraph(v for v in core if ...).copy()``: its view lists the nodes in the
    order of the Python set it makes of them when they are fewer than half of G's nodes, and in
    G's order otherwise; the copy follows that order."""
    k = int(np.count_nonzero(keep))
    if 2 * k >= len(G):
        return as_networkx(subgraph(G, keep))
    index = G.index
    if core is None:  # networkx's core numbers are a dict in G's order
        chosen = [G.nodes[i] for i in np.flatnonzero(keep).tolist()]
    else:
        chosen = [v for v in core if keep[index[v]]]
    order = np.fromiter((index[v] for v in set(chosen)), dtype=np.int64, count=k)
    return as_networkx(subgraph(G, keep, order))


def _max(c: np.ndarray) -> int:
    # networkx takes max() of the core numbers: an empty graph raises its ValueError
    return max(c.tolist()) if c.size == 0 else int(c.max())


@takes(check=_check_cores, declines=_DECLINES)
def k_core(G: WijknetGraph, k: Any = None, core_number: dict | None = None) -> Any:
    c = _cores(G, core_number)
    return _induced(G, c >= (_max(c) if k is None else k), core_number)


@takes(check=_check_cores, declines=_DECLINES)
def k_shell(G: WijknetGraph, k: Any = None, core_number: dict | None = None) -> Any:
    c = _cores(G, core_number)
    return _induced(G, c == (_max(c) if k is None else k), core_number)


@takes(check=_check_cores, declines=_DECLINES)
def k_crust(G: WijknetGraph, k: Any = None, core_number: dict | None = None) -> Any:
    c = _cores(G, core_number)
    return _induced(G, c <= (_max(c) - 1 if k is None else k), core_number)


@takes(check=_check_cores, declines=_DECLINES)
def k_corona(G: WijknetGraph, k: Any, core_number: dict | None = None) -> Any:
    # the nodes of core number k with exactly k neighbours of core number k or more
    c = _cores(G, core_number)
    inside = c >= k
    n = len(G)
    within = np.bincount(G.source[inside[G.target]], minlength=n) + np.bincount(
        G.target[inside[G.source]], minlength=n
    )
    return _induced(G, (c == k) & (within == k), core_number)
