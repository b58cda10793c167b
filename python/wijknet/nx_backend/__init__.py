"""wijknet as a networkx backend: networkx finds this package through its ``networkx.backends``
entry point, so ``nx.pagerank(G, backend="wijknet")`` (or ``nx.config.backend_priority =
["wijknet"]``) runs wijknet's implementation on a networkx graph. Users do not import it.

A call is only taken when wijknet gives networkx's answer: :func:`can_run` declines
multigraphs, directed graphs, self-loops, options wijknet does not have and seeds tied to
networkx's random stream, and networkx then runs the call itself. See the networkx guide in the
documentation for the functions taken and the reasons for each decline.

Each module holds wijknet's versions of one part of networkx (named after networkx's own
module) and registers them with :func:`~wijknet.nx_backend._registry.takes`.
"""

from __future__ import annotations

from . import (  # noqa: F401
    _assortativity,
    _bipartite,
    _centrality,
    _cluster,
    _community,
    _components,
    _cores,
    _efficiency,
    _link_analysis,
    _reciprocity,
    _structuralholes,
)
from ._convert import convert_from_nx, convert_to_nx
from ._registry import FUNCTIONS, can_run, get_info, should_run

__all__ = [
    "BackendInterface",
    "FUNCTIONS",
    "get_info",
    "convert_from_nx",
    "convert_to_nx",
    "can_run",
    "should_run",
]


class BackendInterface:
    """The object networkx loads for backend ``"wijknet"``: conversions, hooks and the
    functions wijknet takes, each with networkx's signature and result."""

    convert_from_nx = staticmethod(convert_from_nx)
    convert_to_nx = staticmethod(convert_to_nx)
    can_run = staticmethod(can_run)
    should_run = staticmethod(should_run)


for _name, _taken in FUNCTIONS.items():
    setattr(BackendInterface, _name, staticmethod(_taken.func))
