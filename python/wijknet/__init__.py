"""wijknet: social-network analysis of neighbourhood activities.

An attendance register (residents × activities) becomes a two-mode network; projecting it
gives resident–resident ties whose connectedness shows what the activities did.

>>> import wijknet as wn
>>> net = wn.datasets.davis_southern_women()
>>> g = net.project(weight="newman")
>>> wn.number_connected_components(g)
1
"""

from __future__ import annotations

import sys as _sys

from . import (  # noqa: F401
    _wijknet,
    activities,
    association,
    centrality,
    clustering,
    cohesion,
    community,
    datasets,  # noqa: E402  (needs Network)
    ego,
    empowerment,
    exchange,
    indicators,
    mixing,
    null,
    plot,
    report,
    survey,
    temporal,
    twomode,
    whatif,
)
from ._errors import (
    ArgumentError,
    BudgetExceededError,
    ColumnNotFoundError,
    DataFileNotFoundError,
    InputError,
    NodeNotFoundError,
    SerializationError,
    WijknetError,
)
from ._names import suggest_merges
from ._persist import load
from .association import *  # noqa: F401,F403
from .centrality import *  # noqa: F401,F403
from .clustering import *  # type: ignore[no-redef]  # noqa: F401,F403  (wn.clustering is the function)
from .cohesion import *  # noqa: F401,F403
from .community import *  # noqa: F401,F403
from .ego import brokerage, degree_centralisation, reciprocity, share_nobody_to_ask  # noqa: F401
from .exchange import read_gexf, read_graphml, write_gexf, write_graphml
from .graph import Graph
from .metrics import connected_components, degree, density, isolates, number_connected_components, strength
from .mixing import by_group  # noqa: F401
from .network import Network, Projection, pseudonymise, read_attendance, read_signin_sheet
from .report import Report, evaluate

__version__: str = _wijknet.__version__


def set_num_threads(threads: int) -> None:
    """Sets the number of threads wijknet's parallel kernels use (0 = all cores).

    Results do not depend on the thread count. A call's own ``threads=`` overrides it.

    Parameters
    ----------
    threads
        The number of threads (a whole number ≥ 0; 0 = all cores).

    Returns
    -------
    None

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.set_num_threads(2); wn.get_num_threads()
    2
    >>> wn.set_num_threads(0)
    """
    from . import _args

    _wijknet.set_num_threads(_args.whole(threads, "threads", "set_num_threads", hint=" (0 = all cores)"))


def get_num_threads() -> int:
    """The number of threads parallel kernels use (see :func:`set_num_threads`).

    Returns
    -------
    int
        The number of threads, at least 1.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.get_num_threads() >= 1
    True
    """
    return int(_wijknet.get_num_threads())


__all__ = [
    "evaluate",
    "Report",
    "Network",
    "Graph",
    "Projection",
    "read_attendance",
    "read_signin_sheet",
    "write_graphml",
    "write_gexf",
    "read_graphml",
    "read_gexf",
    "load",
    "exchange",
    "pseudonymise",
    "suggest_merges",
    "degree",
    "strength",
    "connected_components",
    "number_connected_components",
    "isolates",
    "density",
    "set_num_threads",
    "get_num_threads",
    "datasets",
    "twomode",
    "ego",
    "null",
    "reciprocity",
    "degree_centralisation",
    "share_nobody_to_ask",
    "brokerage",
    "mixing",
    "temporal",
    "empowerment",
    "survey",
    "activities",
    "whatif",
    "plot",
    "report",
    "indicators",
    "by_group",
    "WijknetError",
    "InputError",
    "ColumnNotFoundError",
    "NodeNotFoundError",
    "ArgumentError",
    "DataFileNotFoundError",
    "BudgetExceededError",
    "SerializationError",
    "__version__",
    # wn.clustering is the function (networkx's name); the modules' lists come from sys.modules
    *_sys.modules[__name__ + ".clustering"].__all__,
    *_sys.modules[__name__ + ".cohesion"].__all__,
    *_sys.modules[__name__ + ".centrality"].__all__,
    *_sys.modules[__name__ + ".community"].__all__,
    "association",
    *_sys.modules[__name__ + ".association"].__all__,
]
