"""Argument validation and conversion for the whole package (private).

One home for what every public function checks: the graph or network it takes, whole numbers,
``weight``, ``distance``, ``threads``, the seed policy, the projection spec, ids-or-mask →
positions, the id-indexed Series, and the progress display around native calls. Every error
is an :class:`~wijknet.ArgumentError` whose message names the function, the argument, what was
given and what to give instead.

The vocabulary these helpers enforce (one meaning per name):

- ``seed``: None draws a fresh seed from the operating system (:func:`resolve_seed` returns it
  so the result can record it); an int fixes it.
- ``k``: the number of sampled sources (or the k of ``k_core``); ``n``: the number of samples,
  permutations or replicates.
- ``weight`` in measures: None (every tie 1) or ``"weight"`` (tie strengths).
- ``distance``: None (hops), ``"inverse"`` (1/w) or ``"weight"`` (w as a length).
- ``projection``: a :class:`~wijknet.Projection`, a dict of :meth:`Network.project` keywords,
  or a ready :class:`~wijknet.Graph`.
- ``threads``: None (the global setting, :func:`wijknet.set_num_threads`) or a positive int;
  ``progress``: None (a bar for long calls), True, False or a callable(done, total).
"""

from __future__ import annotations

import contextlib
import numbers
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import pandas as pd

from . import _progress
from ._errors import ArgumentError, NodeNotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from .graph import Graph
    from .network import Network, Projection

ProgressArg = _progress.ProgressArg

_MAX_INT = 2**63 - 1


def _shown(value: Any) -> str:
    """A short rendering of a given value for messages."""
    text = repr(value)
    if len(text) > 60:
        text = f"{type(value).__name__} {text[:50]}…"
    return text


def error(fn: str, name: str, value: Any, expected: str) -> ArgumentError:
    """``fn(name=value)``: what was given and what to give instead."""
    return ArgumentError(f"{fn}({name}={_shown(value)}): {expected}")


# ---- graph and network arguments -------------------------------------------------------------
def graph(g: Any, fn: str, *, name: str = "g", undirected: bool = False) -> Graph:
    """``g`` as a :class:`~wijknet.Graph`; a Network gets a hint to project it first."""
    from .graph import Graph
    from .network import Network

    if isinstance(g, Graph):
        if undirected and g.is_directed():
            raise ArgumentError(f"{fn}() is defined for undirected graphs; this one is directed")
        return g
    if isinstance(g, Network):
        raise ArgumentError(
            f"{fn}() takes a Graph; project the network first, e.g. {fn}(net.project()) "
            "or pick a tie layer with net.layer(name)"
        )
    raise ArgumentError(f"{fn}({name}=...) takes a wijknet.Graph, not {type(g).__name__}")


def network(net: Any, fn: str, *, name: str = "net", dated: bool = False) -> Network:
    """``net`` as a :class:`~wijknet.Network`; a Graph gets a hint (functions on the register
    need the register); ``dated=True`` also requires dates."""
    from .graph import Graph
    from .network import Network

    if isinstance(net, Network):
        if dated and net.date_unit is None:
            raise ArgumentError(
                f"{fn}(): this network has no dates; pass date= to Network.from_attendance "
                "to analyse change over time"
            )
        return net
    if isinstance(net, Graph):
        raise ArgumentError(
            f"{fn}({name}=...) works on the register, so it takes the wijknet.Network (not a "
            "projected Graph); pass projection= for how to project it"
        )
    raise ArgumentError(f"{fn}({name}=...) takes a wijknet.Network, not {type(net).__name__}")


# ---- numbers and flags -------------------------------------------------------------------------
@overload
def whole(
    value: Any,
    name: str,
    fn: str,
    *,
    minimum: int = ...,
    maximum: int = ...,
    none: Literal[False] = ...,
    hint: str = ...,
) -> int: ...
@overload
def whole(
    value: Any, name: str, fn: str, *, minimum: int = ..., maximum: int = ..., none: bool, hint: str = ...
) -> int | None: ...
def whole(
    value: Any,
    name: str,
    fn: str,
    *,
    minimum: int = 0,
    maximum: int = _MAX_INT,
    none: bool = False,
    hint: str = "",
) -> int | None:
    """A whole number in ``[minimum, maximum]`` (or None when ``none``), as a Python int."""
    if value is None and none:
        return None
    ok = isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))
    if ok and minimum <= int(value) <= maximum:
        return int(value)
    bound = f"≥ {minimum}" if maximum == _MAX_INT else f"from {minimum} to {maximum}"
    raise error(fn, name, value, f"give a whole number {bound}{' or None' if none else ''}{hint}")


def real(value: Any, name: str, fn: str, *, none: bool = False, finite: bool = True) -> float | None:
    """A real number (or None when ``none``), as a Python float."""
    if value is None and none:
        return None
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
        v = float(value)
        if not finite or np.isfinite(v):
            return v
    raise error(fn, name, value, f"give a{' finite' if finite else ''} number{' or None' if none else ''}")


def flag(value: Any, name: str, fn: str) -> bool:
    """True or False (NumPy booleans accepted)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise error(fn, name, value, "give True or False")


def choice(value: Any, name: str, fn: str, choices: Iterable[str]) -> str:
    """One of ``choices`` (a Python-side option; native option enums are parsed in the core)."""
    allowed = tuple(choices)
    if isinstance(value, str) and value in allowed:
        return value
    raise error(fn, name, value, "give one of " + ", ".join(repr(c) for c in allowed))


# ---- the vocabulary ------------------------------------------------------------------------------
def weight(value: Any, fn: str) -> bool:
    """``weight=`` of a measure: None (every tie 1) → False, ``"weight"`` (tie strengths) → True."""
    if value is None:
        return False
    if isinstance(value, str) and value == "weight":
        return True
    raise error(
        fn,
        "weight",
        value,
        "give weight='weight' (the graph's tie strengths) or weight=None (every tie counts 1); "
        "a projection scheme such as 'newman' is chosen when projecting: net.project(weight='newman')",
    )


def distance(value: Any, fn: str) -> str | None:
    """``distance=`` of a path measure: None (hops), ``"inverse"`` (1/w) or ``"weight"``."""
    if value is None or (isinstance(value, str) and value in ("inverse", "weight")):
        return value
    raise error(
        fn,
        "distance",
        value,
        "give None (hops), 'inverse' (a tie of weight w has length 1/w) or 'weight' (the "
        "weight is the length)",
    )


def threads(value: Any, fn: str) -> int | None:
    """``threads=``: None (the global setting) or a positive whole number."""
    return whole(value, "threads", fn, minimum=1, none=True, hint=" (None: wn.set_num_threads)")


def resolve_seed(seed: Any, fn: str = "seed") -> int:
    """The seed policy of every random function: None draws a fresh seed from the operating
    system, an int fixes it. Returns the seed to use, which the caller records on its result
    (``.seed``, or ``.attrs["seed"]`` of a Series/DataFrame) so the result can be reproduced."""
    if seed is None:
        return secrets.randbits(63)
    return whole(seed, "seed", fn, hint=" (None draws a fresh one)")


# ---- the projection spec -------------------------------------------------------------------------
_PROJECTION_KEYS = ("weight", "unit", "min_weight", "max_activity_size", "pair_budget")


def projection(value: Any, fn: str, *, graph_ok: bool = True) -> Projection | Graph:
    """``projection=``: a :class:`~wijknet.Projection`, a dict of its fields (the keywords of
    :meth:`Network.project`), None (the default projection), or — where ``graph_ok`` — a ready
    :class:`~wijknet.Graph`, returned as is."""
    from .graph import Graph
    from .network import Projection

    if value is None:
        return Projection()
    if isinstance(value, Projection):
        return value
    if isinstance(value, Graph):
        if graph_ok:
            return value
        raise ArgumentError(
            f"{fn}(projection=...) needs how to project (wn.Projection(...) or a dict), not a "
            "ready Graph: this function projects changed registers again"
        )
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in _PROJECTION_KEYS]
        if unknown:
            raise ArgumentError(
                f"{fn}(projection=...): unknown key(s) {', '.join(map(repr, unknown))}; "
                f"use {', '.join(_PROJECTION_KEYS)} (the keywords of net.project)"
            )
        return Projection._checked(dict(value), fn)
    raise error(
        fn,
        "projection",
        value,
        "give wn.Projection(...), a dict of net.project keywords such as "
        "{'unit': 'session', 'min_weight': 2}" + (", or a ready Graph" if graph_ok else ""),
    )


def native_projection(value: Any, fn: str) -> dict[str, Any]:
    """``projection=`` of a function that projects (changed) registers itself, as the native
    layer takes it: the dict of :meth:`Projection.to_dict` (a ready Graph is refused)."""
    return projection(value, fn, graph_ok=False).to_dict()  # type: ignore[union-attr]


# ---- ids, positions and results ------------------------------------------------------------------
def positions(
    values: Any, index: pd.Index, name: str, fn: str, *, what: str = "node", hint: str = ""
) -> np.ndarray:
    """Positions in ``index`` (uint32, in the order of ``index``) of ids (a list, Index or
    array) or of a boolean mask: a boolean Series indexed by id (the ids marked True) or a
    boolean array as long as ``index``. Unknown ids raise NodeNotFoundError naming them."""
    if isinstance(values, pd.Series) and pd.api.types.is_bool_dtype(values.dtype):
        values = values.index[values.to_numpy(dtype=bool)]
    elif isinstance(values, np.ndarray) and values.dtype == bool:
        if len(values) != len(index):
            raise ArgumentError(
                f"{fn}({name}=...): a boolean mask needs {len(index)} values, not {len(values)}"
            )
        return np.flatnonzero(values).astype(np.uint32)
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise error(
            fn,
            name,
            values,
            f"give {what} ids (a list, Index or array) or a boolean Series indexed by {what} id",
        )
    keys = pd.Index([int(v) if isinstance(v, np.integer) else v for v in values])
    missing = keys[~keys.isin(index)]
    if len(missing):
        raise NodeNotFoundError(
            f"{fn}({name}=...): {len(missing)} ids are not {what}s of the graph, e.g. {missing[0]!r}{hint}"
        )
    return np.flatnonzero(index.isin(keys)).astype(np.uint32)


def series(
    values: Any, index: pd.Index, name: str, *, seed: int | None = None, dtype: Any = None
) -> pd.Series:
    """A per-node result: a Series over ``index`` named ``name``; a seed used is recorded in
    ``.attrs["seed"]``."""
    s = pd.Series(values, index=index, name=name, dtype=dtype)
    if seed is not None:
        s.attrs["seed"] = int(seed)
    return s


def with_seed(obj: Any, seed: int | None) -> Any:
    """``obj`` (a Series or DataFrame) with ``seed`` recorded in ``.attrs["seed"]``."""
    if seed is not None:
        obj.attrs["seed"] = int(seed)
    return obj


# ---- progress and the native boundary ------------------------------------------------------------
@contextlib.contextmanager
def progress(value: Any, desc: str) -> Iterator[Callable[[int, int], object] | None]:
    """The progress callback for a native call (``progress=`` as given by the user), closing
    an automatic bar afterwards whatever happens::

        with _args.progress(progress, "betweenness") as cb:
            values = _native.betweenness_centrality(g._g, ..., cb)
    """
    cb = _progress.callback(value, desc)
    try:
        yield cb
    finally:
        _progress.close(cb)


_NO_PROGRESS: Any = object()


def call(
    fn: str,
    native: Callable[..., Any],
    *args: Any,
    progress: Any = _NO_PROGRESS,
    desc: str | None = None,
    **kwargs: Any,
) -> Any:
    """Calls a native function and turns a native TypeError/OverflowError (an argument the
    native layer could not take) into an ArgumentError naming ``fn``. With ``progress=`` (as
    the user gave it) the native function gets a ``progress`` callback and an automatic bar is
    closed afterwards."""
    try:
        if progress is _NO_PROGRESS:
            return native(*args, **kwargs)
        with _progress_context(progress, desc or fn) as cb:
            return native(*args, progress=cb, **kwargs)
    except (TypeError, OverflowError) as e:
        if not _raised_by_native(e):
            raise  # from Python code the native function called back (e.g. a progress callable)
        raise ArgumentError(f"{fn}(): an argument has the wrong type or is out of range ({e})") from None


def _raised_by_native(e: BaseException) -> bool:
    """Whether ``e`` comes from the native function itself (its traceback has no Python frame
    below the call in :func:`call`)."""
    tb = e.__traceback__
    while tb is not None and tb.tb_frame.f_code is not call.__code__:
        tb = tb.tb_next
    if tb is None:
        return False
    below = tb.tb_next
    while below is not None and below.tb_frame.f_code.co_name in ("progress", "__enter__", "__exit__"):
        below = below.tb_next
    return below is None


_progress_context = progress


# ---- warnings --------------------------------------------------------------------------------------
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def warn(message: str, category: type = UserWarning) -> None:
    """Warns about a surprise, pointing at the user's line: the first caller outside the
    wijknet package, however deep inside it the warning is raised (a fixed ``stacklevel``
    breaks as soon as one public function calls another)."""
    import sys
    import warnings

    frame: Any = sys._getframe(0)
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)
