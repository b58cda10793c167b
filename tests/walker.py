"""The walkers' shared machinery: discover public callables by introspection, build a call to
each from a small table of argument recipes, and compare results exactly.

Discovery walks ``__all__`` of every module that ``test_api.py`` checks, plus the public methods
of public classes (Network, Graph, result types). A discovered callable whose required
arguments have no recipe makes the walker tests fail, so a new function cannot be skipped
silently: add a recipe to ``ARGS`` (by parameter name) or ``CALLS`` (by qualified name).

Results are compared through a canonical form: tables via ``to_frame()`` (or the frame
itself), arrays and floats exactly and NaN-aware (two NaNs are equal, ``0.0`` and ``-0.0`` are
not: bit-identical means bit-identical).
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import re
import struct
import tempfile
import threading
import types
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from test_api import PUBLIC_MODULES

import wijknet as wn

#: the small data every recipe draws on: the bundled synthetic register with dates, roles,
#: resident attributes and a survey layer (300 residents, 26 activities)
RESIDENTS = 300


def qualname(obj: Any) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def public_callables() -> Iterator[tuple[str, Callable, bool]]:
    """(qualified name, callable, is_method) for every public function of the public modules
    and every public method of their public classes, each once. Methods include native ones
    and classmethods/staticmethods; properties are not calls."""
    seen: set[str] = set()
    for modname in PUBLIC_MODULES:
        mod = importlib.import_module(modname)
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if isinstance(obj, types.ModuleType) or not callable(obj):
                continue
            if inspect.isclass(obj):
                if issubclass(obj, BaseException):
                    continue
                for mname, value in vars(obj).items():
                    if mname.startswith("_") or isinstance(value, (property, cached_property)):
                        continue
                    fn = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
                    if not inspect.isroutine(fn):
                        continue
                    qn = f"{qualname(obj)}.{mname}"
                    if qn not in seen:
                        seen.add(qn)
                        yield qn, getattr(obj, mname), not isinstance(value, (classmethod, staticmethod))
                continue
            qn = qualname(obj)
            if qn not in seen:
                seen.add(qn)
                yield qn, obj, False


def parameters(fn: Callable, is_method: bool) -> list[inspect.Parameter]:
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return []
    if is_method and params and params[0].name == "self":
        params = params[1:]
    return params


def names(fn: Callable, is_method: bool = False) -> set[str]:
    return {p.name for p in parameters(fn, is_method)}


# ---- the data ------------------------------------------------------------------------------------
class Data:
    """The objects recipes hand out, built once and shared (they are immutable)."""

    def __init__(self, residents: int = RESIDENTS) -> None:
        self.residents = residents

    @cached_property
    def net(self) -> wn.Network:
        return wn.datasets.badhuis(self.residents, seed=1, survey=True)

    @cached_property
    def graph(self) -> wn.Graph:
        return self.net.project()

    @cached_property
    def newman(self) -> wn.Graph:
        return self.net.project(weight="newman", unit="activity")

    @cached_property
    def support(self) -> wn.Graph:
        return self.net.layer("support")

    @cached_property
    def later(self) -> wn.Graph:
        """Who met whom in the second half of the year (the same residents)."""
        return self.net.window("2025-07-01", None).project()

    @cached_property
    def small(self) -> wn.Graph:
        """A small graph for drawings (their layouts dominate the time)."""
        return wn.datasets.badhuis(60, seed=2).project()

    @cached_property
    def names(self) -> pd.DataFrame:
        """An attendance table with people's names, some written twice in different ways."""
        first = ["Jan", "Fatima", "Mohamed", "Anna", "Pieter", "Sanne", "Ahmed", "Lotte", "Kees", "Noor"]
        last = [
            "de Vries",
            "El Amrani",
            "Jansen",
            "Bakker",
            "Yilmaz",
            "Visser",
            "Smit",
            "de Boer",
            "Mulder",
            "Bos",
        ]
        people = [f"{f} {ln} {i}" for i in range(max(1, self.residents // 100)) for f in first for ln in last]
        people += [p.upper() for p in people[:: max(1, len(people) // 20)]]
        return pd.DataFrame({"resident": people, "activity": [f"a{i % 7}" for i in range(len(people))]})

    @cached_property
    def survey(self) -> pd.DataFrame:
        return wn.datasets.survey_table(self.net)

    @cached_property
    def partition(self) -> pd.Series:
        return wn.louvain_communities(self.graph, seed=1)

    @cached_property
    def dask_rows(self) -> Any:
        import dask.dataframe as dd

        rows = pd.concat(
            [wn.datasets.badhuis(120, seed=s).to_frame().assign(wijk=f"wijk {s}") for s in (1, 2)],
            ignore_index=True,
        )
        rows["resident"] = rows["wijk"] + "-" + rows["resident"].astype(str)
        return dd.from_pandas(rows, npartitions=2)

    @cached_property
    def folder(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="wijknet-walker-"))

    def path(self, suffix: str) -> Path:
        """A file of its own for each thread (threads write at once)."""
        return self.folder / f"out-{threading.get_ident()}{suffix}"


DATA = Data()

#: parameters that take a Network or a Graph (those without a type annotation saying so)
GRAPH_PARAMETERS = {"g", "net", "g_or_net", "net_or_graph", "g1", "g2", "y", "xs", "graphs", "obj"}

#: measures of who names whom: they get the (directed) support layer
DIRECTED = {"wijknet.ego.reciprocity", "wijknet.ego.brokerage"}

#: a recipe per required parameter name: (data, qualified name) -> the argument
ARGS: dict[str, Callable[[Data, str], Any]] = {
    "g": lambda d, qn: (
        d.support
        if qn in DIRECTED
        else d.small
        if qn.startswith("wijknet.plot.") and "ego" not in qn
        else d.graph
    ),
    "net": lambda d, qn: d.net,
    "g_or_net": lambda d, qn: d.net,
    "net_or_graph": lambda d, qn: d.graph,
    "g1": lambda d, qn: d.graph,
    "g2": lambda d, qn: d.later if qn.startswith("wijknet.temporal.") else d.support,
    "y": lambda d, qn: d.newman,
    "xs": lambda d, qn: {"sessions": d.graph, "support": d.support},
    "graphs": lambda d, qn: {"sessions": d.graph, "support": d.support},
    "obj": lambda d, qn: d.graph,
    "attribute": lambda d, qn: wn.degree(d.graph) if "numeric" in qn else "age_group",
    "series": lambda d, qn: wn.degree(d.graph),
    "survey": lambda d, qn: d.survey,
    "item": lambda d, qn: "kan_hulp_vragen",
    "evidence": lambda d, qn: "met_anyone",
    "item_set": lambda d, qn: "cbs_social_cohesion",
    "statistic": lambda d, qn: "transitivity",
    "before": lambda d, qn: (None, "2025-07-01"),
    "after": lambda d, qn: ("2025-07-01", None),
    "k": lambda d, qn: 20,
    "communities": lambda d, qn: d.partition,
    "residents": lambda d, qn: d.partition,
    "activities": lambda d, qn: pd.Series(0, index=d.net.activities),
    "resident": lambda d, qn: d.net.residents[0],
    "respondents": lambda d, qn: d.net.resident_attributes().query("responded").index,
    "roles": lambda d, qn: ["organiser", "volunteer"],
    "days": lambda d, qn: 30,
    "threshold": lambda d, qn: 2.0,
    "alpha": lambda d, qn: 0.5,
    "name": lambda d, qn: "support",
    "register": lambda d, qn: d.names,
    "key": lambda d, qn: "a key of the evaluator's own",
    "nodes": lambda d, qn: list(d.net.residents[:50]),
    "a": lambda d, qn: d.partition if qn.endswith("partition_similarity") else d.net.residents[0],
    "b": lambda d, qn: d.partition if qn.endswith("partition_similarity") else d.net.residents[1],
    "path": lambda d, qn: d.path(".graphml" if "graphml" in qn else ".gexf" if "gexf" in qn else ".html"),
    "data": lambda d, qn: _data(d, qn),
}


def _data(d: Data, qn: str) -> Any:
    """The table a method adds to a Network or Graph, or the rows a Dask evaluation reads."""
    if qn.endswith(".with_resident_attributes"):
        return d.net.resident_attributes()[["age_group"]].rename(columns={"age_group": "age"}).reset_index()
    if qn.endswith(".with_activity_attributes"):
        return d.net.activity_attributes()[["kind"]].rename(columns={"kind": "sort"}).reset_index()
    if qn.endswith(".with_node_attributes"):
        return pd.DataFrame(
            {"node": d.graph.nodes, "age": d.net.resident_attributes()["age_group"].to_numpy()}
        )
    if qn.endswith(".with_ties"):
        return d.support.edges()
    if qn.startswith("wijknet.dask."):
        return d.dask_rows
    if qn.endswith("Network.from_attendance"):
        return d.net.to_frame()
    raise NoRecipe(f"{qn}: no recipe for its parameter 'data' (add one to tests/walker.py)")


#: options set where a function has them: sampled (so that a seed matters) and small
OPTIONS: dict[str, Any] = {"n": 20, "k": 20, "trades": 2000}

#: per-function options on top of the recipes
EXTRA: dict[str, dict[str, Any]] = {
    "wijknet.survey.compare_items": {
        "columns": {
            "know_each_other": "leerde_anderen_kennen",
            "contact": "praat_vaker_met_buren",
            "help_each_other": "kan_hulp_vragen",
        }
    },
    "wijknet.report.evaluate": {"survey": "survey", "attributes": "neighbourhood", "lang": "en"},
    "wijknet.dask.evaluate": {"by": "wijk", "date": "date", "role": "role", "lang": "en"},
    "wijknet.dask.null_test": {"tasks": 2},
    "wijknet.dask.qap": {"tasks": 2},
    "wijknet.dask.mrqap": {"tasks": 2},
    "wijknet.dask.compare": {"tasks": 2},
    "wijknet.null.backbone": {"method": "fdsm"},
    "wijknet.network.Network.with_ties": {"layer": "helped"},
}


class NoRecipe(LookupError):
    pass


def call_args(
    qn: str, fn: Callable, is_method: bool = False, data: Data = DATA, options: dict[str, Any] = OPTIONS
) -> tuple[list, dict]:
    """Positional and keyword arguments for one call of `fn`, from the recipes (and `options`
    where it has them); raises NoRecipe naming the parameter that has none."""
    args: list = []
    kwargs: dict = {}
    for p in parameters(fn, is_method):
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.default is inspect.Parameter.empty:
            if p.name not in ARGS:
                raise NoRecipe(
                    f"{qn}: no recipe for its required parameter {p.name!r} (add one to tests/walker.py)"
                )
            value = ARGS[p.name](data, qn)
            if p.kind is p.KEYWORD_ONLY:
                kwargs[p.name] = value
            else:
                args.append(value)
        elif p.name in options:
            kwargs[p.name] = options[p.name]
    for key, value in EXTRA.get(qn, {}).items():
        kwargs[key] = data.survey if value == "survey" and key == "survey" else value
    return args, kwargs


# ---- exact comparison ----------------------------------------------------------------------------
WIDGET_ID = re.compile(rb"\b[0-9a-f]{32}\b")


def canonical(x: Any) -> Any:
    """A comparable form of a result: plain containers of frames, arrays and scalars."""
    if isinstance(x, (pd.DataFrame, pd.Series, pd.Index, np.ndarray)):
        return x
    if isinstance(x, wn.Network):
        return ("Network", x.to_frame(), x.resident_attributes(), x.activity_attributes(), x.layer_table())
    if isinstance(x, wn.Graph):
        return ("Graph", x.is_directed(), x.nodes, x.edges(), x.node_attributes())
    if isinstance(x, Path):
        data = x.read_bytes()
        if x.suffix == ".html":
            # Jupyter widget model ids are uuid4s that ipywidgets draws: not wijknet's randomness
            data = WIDGET_ID.sub(b"<widget id>", data)
        return ("file", data)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return (type(x).__name__, {f.name: canonical(getattr(x, f.name)) for f in dataclasses.fields(x)})
    if hasattr(x, "to_frame") and callable(x.to_frame):
        return (type(x).__name__, x.to_frame())
    if isinstance(x, dict):
        return {k: canonical(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return type(x)(canonical(v) for v in x)
    if type(x).__module__.startswith("networkx."):
        return (
            "networkx",
            x.is_directed(),
            dict(x.graph),
            list(x.nodes(data=True)),
            list(x.edges(data=True)),
        )
    if type(x).__module__.startswith("igraph"):
        attrs = {a: x.vs[a] for a in x.vs.attributes()}
        return ("igraph", x.is_directed(), attrs, x.get_edgelist(), {a: x.es[a] for a in x.es.attributes()})
    if type(x).__module__.startswith("scipy.sparse"):
        m = x.tocsr()
        return ("sparse", m.shape, m.indptr, m.indices, m.data)
    if hasattr(x, "get_children") and hasattr(x, "collections"):  # a matplotlib Axes
        return (
            "Axes",
            [np.asarray(c.get_offsets()) for c in x.collections],
            [ln.get_xydata() for ln in x.lines],
        )
    if hasattr(x, "data") and isinstance(getattr(x, "data", None), dict):  # an ipysigma widget
        return ("widget", canonical(x.data))
    return x


def _short(x: Any) -> str:
    r = repr(x)
    return r if len(r) <= 300 else r[:300] + f"... ({len(r):,} characters)"


def _float_bits(v: float) -> bytes:
    return b"nan" if math.isnan(v) else struct.pack("<d", v)


def assert_identical(a: Any, b: Any, where: str = "result") -> None:
    """Bit-identical (NaN equals NaN), recursively over canonical forms."""
    a, b = canonical(a), canonical(b)
    assert type(a) is type(b), f"{where}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=where)
        for col in a.columns:
            if a[col].dtype.kind == "f":
                assert_identical(a[col].to_numpy(), b[col].to_numpy(), f"{where}[{col!r}]")
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True, obj=where)
        if a.dtype.kind == "f":
            assert_identical(a.to_numpy(), b.to_numpy(), where)
    elif isinstance(a, pd.Index):
        pd.testing.assert_index_equal(a, b, exact=True, obj=where)
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape, f"{where}: {a.dtype}{a.shape} vs {b.dtype}{b.shape}"
        if a.dtype.kind == "f":
            bits = np.dtype(f"i{a.dtype.itemsize}")
            same = (np.ascontiguousarray(a).view(bits) == np.ascontiguousarray(b).view(bits)) | (
                np.isnan(a) & np.isnan(b)
            )
            assert same.all(), f"{where}: {int((~same).sum())} of {a.size} values differ"
        else:
            assert np.array_equal(a, b), f"{where}: arrays differ"
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), f"{where}: keys {sorted(a)} vs {sorted(b)}"
        for k in a:
            assert_identical(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), f"{where}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            assert_identical(x, y, f"{where}[{i}]")
    elif isinstance(a, float):
        assert _float_bits(a) == _float_bits(b), f"{where}: {a!r} vs {b!r}"
    else:
        assert a == b, f"{where}: {_short(a)} vs {_short(b)}"
