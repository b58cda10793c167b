"""Which networkx calls wijknet takes: each function registers itself with :func:`takes`,
naming the edge attribute it reads and the calls it declines; :func:`can_run`,
:func:`should_run` and :func:`get_info` answer networkx from that register."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ._convert import NAME, WijknetGraph


@dataclass(frozen=True)
class Taken:
    """One networkx function wijknet takes, and the calls it declines."""

    func: Callable
    # the parameter naming the edge attribute the function reads
    weight: str | None = None
    # takes directed graphs with networkx's meaning
    directed: bool = False
    # the edge attribute is a length: declined when any is 0 (the function reads it through
    # ``WijknetGraph.lengths``, which raises NotImplementedError)
    positive: bool = False
    # parameters taken only at this value (anything else declined, with the reason)
    only: dict[str, tuple[Any, str]] = field(default_factory=dict)
    # networkx's own call takes about as long as converting the graph
    linear: bool = False
    # further declines on the bound arguments: a reason, or None to take the call
    check: Callable[[dict[str, Any]], str | None] | None = None
    # what ``check`` declines, in words (shown by networkx's backend info)
    declines: tuple[str, ...] = ()


FUNCTIONS: dict[str, Taken] = {}


def takes(
    name: str | None = None,
    *,
    weight: str | None = None,
    directed: bool = False,
    positive: bool = False,
    only: dict[str, tuple[Any, str]] | None = None,
    linear: bool = False,
    check: Callable[[dict[str, Any]], str | None] | None = None,
    declines: tuple[str, ...] = (),
) -> Callable[[Callable], Callable]:
    """Register the decorated function as wijknet's version of networkx's ``name`` (by default
    the function's own name)."""

    def register(func: Callable) -> Callable:
        FUNCTIONS[name or func.__name__] = Taken(
            func, weight, directed, positive, dict(only or {}), linear, check, declines
        )
        return func

    return register


def _dispatchable(name: str) -> Any:
    import networkx as nx

    return nx.utils.backends._registered_algorithms[name]


def _bind(name: str, args: tuple, kwargs: dict) -> dict[str, Any]:
    bound = inspect.signature(_dispatchable(name)).bind(*args, **kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


def _graph_argument(name: str, a: dict[str, Any]) -> Any:
    graphs = getattr(_dispatchable(name), "graphs", None) or {"G": 0}
    return a.get(next(iter(graphs)))


def can_run(name: str, args: tuple, kwargs: dict) -> bool | str:
    """Whether wijknet gives networkx's answer for this call; a string says why not."""
    taken = FUNCTIONS.get(name)
    if taken is None:
        return f"wijknet does not implement {name}"
    try:
        a = _bind(name, args, kwargs)
    except TypeError as e:
        return str(e)
    for param, (value, why) in taken.only.items():
        if a.get(param) is not value:
            return f"{param} is given: {why}"
    attr = a.get(taken.weight) if taken.weight else None
    if attr is not None and not isinstance(attr, str):
        return "a weight function is not supported (only an edge attribute name)"
    G = _graph_argument(name, a)
    if isinstance(G, WijknetGraph):
        return True
    if G is None or not hasattr(G, "is_multigraph"):
        return "not a networkx graph"
    if G.is_multigraph():
        return "wijknet does not take multigraphs"
    if G.is_directed() and not taken.directed:
        return "directed graphs are not supported for this function"
    if any(u in nbrs for u, nbrs in G._adj.items()):
        return "wijknet does not take self-loops"
    # The attribute's values are checked once, when the graph is converted (and cached):
    # values wijknet cannot take make the conversion (or, for lengths of 0, the call) raise
    # NotImplementedError, and networkx then runs the call itself.
    if taken.check is not None:
        reason = taken.check(a)
        if reason is not None:
            return reason
    return True


def should_run(name: str, args: tuple, kwargs: dict) -> bool | str:
    """Whether wijknet is worth it when networkx picks backends by priority: not on tiny
    graphs, and not for linear-time functions, where converting the graph costs more than
    networkx's own call (``backend="wijknet"`` runs them all the same)."""
    taken = FUNCTIONS.get(name)
    if taken is not None and taken.linear:
        return f"{name} takes linear time in networkx: converting the graph costs more"
    G = args[0] if args else kwargs.get("G", kwargs.get("B"))
    if G is not None and hasattr(G, "is_multigraph") and not isinstance(G, WijknetGraph) and len(G) < 20:
        return "a graph under 20 nodes is faster in networkx"
    return True


def get_info() -> dict[str, Any]:
    """What networkx shows about this backend (the ``networkx.backend_info`` entry point): per
    function, the calls wijknet declines (networkx runs those itself)."""
    functions: dict[str, dict[str, Any]] = {}
    for fn, taken in sorted(FUNCTIONS.items()):
        declined = ["multigraphs", "self-loops"]
        if not taken.directed:
            declined.append("directed graphs")
        declined += [f"`{p}` other than {v!r} ({why})" for p, (v, why) in taken.only.items()]
        if taken.weight:
            declined.append(
                f"`{taken.weight}` as a function, or an attribute with negative, infinite or "
                "non-numeric values" + (" or lengths of 0" if taken.positive else "")
            )
        declined += list(taken.declines)
        functions[fn] = {"additional_docs": "Declined (networkx runs the call): " + "; ".join(declined) + "."}
    return {
        "backend_name": NAME,
        "project": "wijknet",
        "package": "wijknet",
        "url": "https://wijknet.github.io/wijknet/guides/networkx/",
        "short_summary": "Social-network measures from wijknet's compiled core; declines what it cannot match.",
        "default_config": {},
        "functions": functions,
    }
