"""First connectedness metrics: degree, strength, components, isolates, density.

Every function takes a :class:`~wijknet.Graph` first and keyword-only options after it, uses
networkx's name for the measure, and returns a pandas Series indexed by node id (named after the
metric), a pandas Index, or a Python scalar.
"""

from __future__ import annotations

import pandas as pd

from . import _args
from . import _wijknet as _native
from .graph import Graph

__all__ = ["degree", "strength", "connected_components", "number_connected_components", "isolates", "density"]


def degree(g: Graph) -> pd.Series:
    """Number of ties of each node (in + out for a directed graph, as networkx).

    For a projection: the number of distinct residents each resident met.

    Parameters
    ----------
    g
        A graph (a projection or a tie layer).

    Returns
    -------
    pandas.Series
        int64 degrees indexed by node id, named ``degree``.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.degree(wn.datasets.davis_southern_women().project()).head(3)
    resident
    Evelyn Jefferson    17
    Laura Mandeville    15
    Theresa Anderson    17
    Name: degree, dtype: int64
    """
    g = _args.graph(g, "degree")
    return pd.Series(_native.degree(g._g).astype("int64"), index=g.nodes, name="degree")


def strength(g: Graph) -> pd.Series:
    """Sum of tie weights of each node (networkx ``degree(weight="weight")``).

    Parameters
    ----------
    g
        A graph (a projection or a tie layer).

    Returns
    -------
    pandas.Series
        float64 strengths indexed by node id, named ``strength``.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.strength(wn.datasets.davis_southern_women().project()).head(2)
    resident
    Evelyn Jefferson    50.0
    Laura Mandeville    45.0
    Name: strength, dtype: float64
    """
    g = _args.graph(g, "strength")
    return pd.Series(_native.strength(g._g), index=g.nodes, name="strength")


def connected_components(g: Graph) -> pd.Series:
    """Component label of each node: 0 is the largest component, 1 the next, ...

    Unlike networkx (a generator of node sets), this returns a tidy partition; isolated
    residents are components of their own. Directed graphs give weakly connected components.

    Parameters
    ----------
    g
        A graph (a projection or a tie layer).

    Returns
    -------
    pandas.Series
        int64 labels indexed by node id, named ``component``.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> g = wn.Graph.from_edges(pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"]}))
    >>> wn.connected_components(g).tolist()
    [0, 0, 1, 1]
    """
    g = _args.graph(g, "connected_components")
    return pd.Series(_native.connected_components(g._g).astype("int64"), index=g.nodes, name="component")


def number_connected_components(g: Graph) -> int:
    """Number of (weakly) connected components, isolated nodes included.

    Parameters
    ----------
    g
        A graph (a projection or a tie layer).

    Returns
    -------
    int
        The number of components.

    Examples
    --------
    >>> import wijknet as wn
    >>> wn.number_connected_components(wn.datasets.davis_southern_women().project())
    1
    """
    g = _args.graph(g, "number_connected_components")
    return int(_native.number_connected_components(g._g))


def isolates(g: Graph) -> pd.Index:
    """Ids of nodes without any tie (residents who met nobody).

    Parameters
    ----------
    g
        A graph (a projection or a tie layer).

    Returns
    -------
    pandas.Index
        Node ids in node order.

    Examples
    --------
    >>> import wijknet as wn, pandas as pd
    >>> net = wn.Network.from_attendance(pd.DataFrame({"resident": [1, 2, 3], "activity": ["a", "a", "b"]}))
    >>> wn.isolates(net.project()).tolist()
    [3]
    """
    g = _args.graph(g, "isolates")
    return g.nodes[_native.isolates(g._g)]


def density(g: Graph) -> float:
    """Share of possible ties present: 2m/(n(n−1)) (m/(n(n−1)) if directed); 0 for n < 2.

    Parameters
    ----------
    g
        A graph (a projection or a tie layer).

    Returns
    -------
    float
        The density, in [0, 1].

    Examples
    --------
    >>> import wijknet as wn
    >>> round(wn.density(wn.datasets.davis_southern_women().project()), 4)
    0.9085
    """
    g = _args.graph(g, "density")
    return float(_native.density(g._g))
