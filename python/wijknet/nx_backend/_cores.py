"""networkx's k-cores (``networkx.algorithms.core``)."""

from __future__ import annotations

import numpy as np

from .. import _wijknet as _native
from ._convert import WijknetGraph, per_node
from ._registry import takes


@takes()
def core_number(G: WijknetGraph) -> dict:
    return per_node(G, _native.core_number(G.graph._g).astype(np.int64))
