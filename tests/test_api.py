"""The API vocabulary, enforced: walks every public name in ``__all__`` of ``wijknet`` and of
every public submodule and checks that

- options after the first argument are keyword-only;
- calls that can run long take ``threads`` and ``progress``;
- no parameter uses a retired name (``n_boot``, ``reps``, ``k_min``, ...);
- ``weight`` of a measure defaults to None or ``"weight"`` (only ``Network.project`` and
  friends name a projection scheme or a column);
- ``seed`` defaults to None (a fresh seed, recorded on the result);
- the docstring has a summary, Parameters, Returns and Examples sections with an example
  (the examples themselves run as doctests);
- the stub of every native function has the runtime's parameters.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
import types

import pytest

import wijknet as wn

PUBLIC_MODULES = [
    "wijknet",
    "wijknet.graph",
    "wijknet.network",
    "wijknet.exchange",
    "wijknet.metrics",
    "wijknet.clustering",
    "wijknet.cohesion",
    "wijknet.centrality",
    "wijknet.community",
    "wijknet.twomode",
    "wijknet.datasets",
    "wijknet.association",
    "wijknet.ego",
    "wijknet.mixing",
    "wijknet.null",
    "wijknet.temporal",
    "wijknet.survey",
    "wijknet.empowerment",
    "wijknet.whatif",
    "wijknet.activities",
    "wijknet.plot",
    "wijknet.report",
    "wijknet.indicators",
    "wijknet.dask",
]


# calls that can run long: they take threads= and progress=. Any function with a parameter
# `n` (samples) or `k` (sampled sources) is added automatically.
LONG_RUNNING = {
    "wijknet._names.suggest_merges",
    "wijknet.network.Network.project",
    "wijknet.network.Network.project_activities",
    "wijknet.network.Network.layer",
    "wijknet.centrality.pagerank",
    "wijknet.centrality.eigenvector_centrality",
    "wijknet.centrality.betweenness_centrality",
    "wijknet.centrality.closeness_centrality",
    "wijknet.centrality.harmonic_centrality",
    "wijknet.clustering.triangles",
    "wijknet.clustering.clustering",
    "wijknet.clustering.average_clustering",
    "wijknet.clustering.transitivity",
    "wijknet.clustering.square_clustering",
    "wijknet.cohesion.reach",
    "wijknet.cohesion.reach_summary",
    "wijknet.cohesion.average_shortest_path_length",
    "wijknet.cohesion.global_efficiency",
    "wijknet.cohesion.global_efficiency_estimate",
    "wijknet.cohesion.diameter",
    "wijknet.community.louvain_communities",
    "wijknet.community.leiden_communities",
    "wijknet.twomode.opsahl_clustering",
    "wijknet.twomode.local_opsahl_clustering",
    "wijknet.twomode.exclusive_clustering",
    "wijknet.twomode.local_exclusive_clustering",
    "wijknet.twomode.latapy_clustering",
    "wijknet.twomode.average_latapy_clustering",
    "wijknet.twomode.closeness_centrality",
    "wijknet.twomode.betweenness_centrality",
    "wijknet.null.curveball",
    "wijknet.null.test",
    "wijknet.null.backbone",
    "wijknet.temporal.growth",
    "wijknet.temporal.tie_formation",
    "wijknet.temporal.compare",
    "wijknet.whatif.remove",
    "wijknet.whatif.rank_activities",
    "wijknet.whatif.rank_residents",
    "wijknet.whatif.dependency",
    "wijknet.activities.impact",
    "wijknet.association.qap",
    "wijknet.association.mrqap",
}

# retired parameter names and what replaced them
RETIRED = {
    "n_boot": "n",
    "reps": "n",
    "n_reps": "n",
    "n_samples": "n",
    "n_permutations": "n",
    "samples": "n",
    "permutations": "n",
    "k_min": "a threshold name of its own",
    "pivots": "k",
    "min_group": "min_cell",
}

# (qualified name, parameter): options that may stay positional, each with its reason
POSITIONAL_OPTIONS = {
    ("wijknet.network.Network.window", "start"): "start and end read as a range: net.window(start, end)",
    ("wijknet.network.Network.window", "end"): "start and end read as a range: net.window(start, end)",
    ("wijknet.datasets.badhuis", "residents"): "the size of the synthetic register: badhuis(2000)",
}

# where `weight` names a projection scheme or a column rather than a measure's use of strengths
WEIGHT_IS_NOT_A_MEASURE_OPTION = {
    "wijknet.network.Network.project",
    "wijknet.network.Network.project_activities",
    "wijknet.network.Projection",
    "wijknet.network.Network.with_ties",
    "wijknet.graph.Graph.from_edges",
}

# where `seed` names a data set rather than a random stream of a result
SEED_NAMES_DATA = {
    "wijknet.datasets.badhuis": "badhuis(seed=0) is the synthetic register the documentation uses",
}

# functions whose single argument needs no Parameters section... none: every function says
# what it takes. Classes document their constructor in the class docstring.
SECTION = r"^{}\n-{{{}}}"


def _qualname(obj: object) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def _public_callables():
    """(module name, qualified name, callable) over __all__ of every public module, and the
    public methods of public classes; each once."""
    seen = set()
    for modname in PUBLIC_MODULES:
        mod = importlib.import_module(modname)
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if isinstance(obj, types.ModuleType) or not callable(obj):
                continue
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue
            qn = _qualname(obj)
            if qn in seen:
                continue
            seen.add(qn)
            yield obj.__module__, qn, obj
            if inspect.isclass(obj):
                for mname, value in vars(obj).items():
                    if mname.startswith("_") or isinstance(value, property):
                        continue
                    fn = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
                    if inspect.isfunction(fn):
                        yield obj.__module__, f"{qn}.{mname}", fn


def _params(qn: str, obj: object) -> list:
    target = obj.__init__ if inspect.isclass(obj) else obj  # type: ignore[misc]
    try:
        params = list(inspect.signature(target).parameters.values())
    except (TypeError, ValueError):
        return []
    if params and params[0].name in ("self", "cls"):
        params = params[1:]
    return params


def _cases(check_functions_only: bool = False):
    for _modname, qn, obj in _public_callables():
        if check_functions_only and inspect.isclass(obj):
            continue
        yield pytest.param(qn, obj, id=qn)


CASES = list(_cases())
FUNCTIONS = list(_cases(check_functions_only=True))


def test_the_walker_sees_the_package():
    names = {p.id for p in CASES}
    assert "wijknet.centrality.betweenness_centrality" in names
    assert "wijknet.network.Network.project" in names
    assert "wijknet.network.Projection" in names
    assert len(names) > 80


@pytest.mark.parametrize("qn,obj", CASES)
def test_options_are_keyword_only(qn, obj):
    params = _params(qn, obj)
    if inspect.isclass(obj):
        return  # value types (wn.Projection) take their fields by name or position
    bad = [
        p.name
        for p in params[1:]
        if p.default is not inspect.Parameter.empty
        and p.kind is not inspect.Parameter.KEYWORD_ONLY
        and (qn, p.name) not in POSITIONAL_OPTIONS
    ]
    assert not bad, f"{qn}: options {bad} must be keyword-only (put them after *)"


@pytest.mark.parametrize("qn,obj", CASES)
def test_long_calls_take_threads_and_progress(qn, obj):
    if inspect.isclass(obj):
        return  # result and value types: their fields are not options
    names = {p.name for p in _params(qn, obj)}
    long = qn in LONG_RUNNING or "n" in names or ("k" in names and not qn.endswith(".k_core"))
    if not long:
        return
    missing = {"threads", "progress"} - names
    assert not missing, f"{qn} can run long and lacks {sorted(missing)}"


@pytest.mark.parametrize("qn,obj", CASES)
def test_no_retired_parameter_names(qn, obj):
    for p in _params(qn, obj):
        assert p.name not in RETIRED, f"{qn}({p.name}=...): use {RETIRED[p.name]}"


@pytest.mark.parametrize("qn,obj", CASES)
def test_weight_and_seed_defaults(qn, obj):
    for p in _params(qn, obj):
        if p.name == "weight" and qn not in WEIGHT_IS_NOT_A_MEASURE_OPTION:
            assert p.default in (None, "weight", inspect.Parameter.empty), (
                f"{qn}(weight={p.default!r}): in a measure weight= is None or 'weight'"
            )
        if p.name == "seed" and p.default is not inspect.Parameter.empty and qn not in SEED_NAMES_DATA:
            assert p.default is None, f"{qn}(seed={p.default!r}): seed defaults to None (a fresh seed, recorded)"


@pytest.mark.parametrize("qn,obj", FUNCTIONS)
def test_docstring_sections(qn, obj):
    if "." in qn[len(obj.__module__) + 1 :]:
        return  # methods: checked by test_stubs (a docstring each)
    doc = inspect.getdoc(obj) or ""
    summary = doc.split("\n\n", 1)[0].strip()
    assert summary and len(summary) > 10, f"{qn}: no summary line"
    for section in ("Parameters", "Returns", "Examples"):
        if section == "Parameters" and not _params(qn, obj):
            continue
        assert re.search(SECTION.format(section, len(section)), doc, re.M), f"{qn}: no {section} section"
    assert ">>> " in doc.split("Examples", 1)[-1], f"{qn}: the Examples section has no example"


# ---- stubs -------------------------------------------------------------------------------------
def _stub_signatures() -> dict:
    path = importlib.util.find_spec("wijknet._wijknet").origin.rsplit("/", 1)[0] + "/_wijknet.pyi"
    tree = ast.parse(open(path, encoding="utf-8").read())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            a = node.args
            out[node.name] = [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs]
    return out


def _runtime_params(fn: object) -> list:
    try:
        return list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return []


NATIVE_FUNCTIONS = sorted(
    name for name in dir(wn._wijknet) if not name.startswith("_") and inspect.isbuiltin(getattr(wn._wijknet, name))
)


@pytest.mark.parametrize("name", NATIVE_FUNCTIONS)
def test_stub_matches_the_native_function(name):
    stubs = _stub_signatures()
    assert name in stubs, f"_wijknet.pyi has no def {name}"
    runtime = _runtime_params(getattr(wn._wijknet, name))
    if runtime:
        assert stubs[name] == runtime, f"{name}: stub {stubs[name]} vs runtime {runtime}"


# ---- the shared policies -------------------------------------------------------------------------
def test_seed_none_draws_a_fresh_seed_and_records_it():
    g = wn.datasets.davis_southern_women().project(weight="newman")
    a = wn.louvain_communities(g)
    seed = a.attrs["seed"]
    assert isinstance(seed, int)
    assert wn.louvain_communities(g, seed=seed).equals(a)  # reproducible from the record
    b = wn.betweenness_centrality(g, k=5)
    assert wn.betweenness_centrality(g, k=5, seed=b.attrs["seed"]).equals(b)
    t = wn.average_shortest_path_length(g, k=5)
    assert wn.average_shortest_path_length(g, k=5, seed=t.attrs["seed"]).equals(t)
    est = wn.global_efficiency_estimate(g, k=5)
    assert wn.global_efficiency_estimate(g, k=5, seed=est.seed) == est
    assert "seed" not in wn.betweenness_centrality(g).attrs  # exact: nothing random


def test_projection_spec_forms_agree():
    from wijknet import _args

    net = wn.datasets.badhuis(residents=300, seed=0)
    spec = wn.Projection(weight="newman", unit="session", min_weight=0.5)
    assert _args.projection({"weight": "newman", "unit": "session", "min_weight": 0.5}, "f") == spec
    assert _args.projection(None, "f") == wn.Projection()
    g = net.project(**spec.to_dict())
    assert _args.projection(g, "f") is g
    with pytest.raises(wn.ArgumentError, match="f\\(projection=...\\): unknown key"):
        _args.projection({"wieght": "count"}, "f")
    with pytest.raises(wn.ArgumentError, match="weight"):
        wn.Projection(weight="strength")
    with pytest.raises(wn.ArgumentError, match="ready Graph"):
        _args.projection(g, "f", graph_ok=False)
    assert repr(spec) == "Projection(weight='newman', unit='session', min_weight=0.5)"


def test_default_unit_is_the_session_when_the_register_has_dates():
    dated = wn.datasets.badhuis(residents=300, seed=0)
    assert dated.project() == dated.project(unit="session")
    assert wn.Projection().unit_for(dated) == "session"
    undated = wn.datasets.davis_southern_women()
    assert undated.project() == undated.project(unit="activity")
    assert wn.Projection().unit_for(undated) == "activity"
    assert dated.pair_count() == dated.pair_count(unit="session")


def test_type_errors_are_argument_errors_whichever_layer_finds_them():
    g = wn.datasets.davis_southern_women().project()
    for call in (
        lambda: wn.betweenness_centrality(g, k="3"),
        lambda: wn.betweenness_centrality(g, k=2**70),
        lambda: wn.reach(g, steps=1.5),
        lambda: wn.clustering(g, threads=-1),
        lambda: wn.louvain_communities(g, seed="x"),
        lambda: wn.diameter(g, distance=1),
        lambda: wn.k_core(g, k=2**40),
    ):
        with pytest.raises(wn.ArgumentError):
            call()
    # the native layer's own type errors are converted at the boundary
    from wijknet import _args

    with pytest.raises(wn.ArgumentError, match="f\\(\\)"):
        _args.call("f", wn._wijknet.degree, "not a graph")


def test_option_names_come_from_the_core():
    net = wn.datasets.davis_southern_women()
    with pytest.raises(wn.ArgumentError, match="'daily' is not one of \"activity\", \"session\""):
        net._net.project("count", "daily")
    with pytest.raises(wn.ArgumentError, match="is not one of \"dot\", \"min\", \"max\""):
        wn.twomode.latapy_clustering(net, mode="jaccard")


def test_warnings_point_at_the_callers_line():
    import warnings

    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        wn.Graph.from_edges({"source": ["a", "a"], "target": ["b", "b"]})
        wn.Network.from_attendance({"resident": [1, 1], "activity": ["x", "x"]}, duplicates="drop")
    assert len(w) == 2
    assert all(x.filename == __file__ for x in w), [x.filename for x in w]


def test_results_read_well():
    from wijknet._results import format_number

    assert format_number(1234567) == "1,234,567"
    assert format_number(558.0) == "558"
    assert format_number(0.123456) == "0.1235"
    assert format_number(3.056e-05) == "3.056e-05"
    assert format_number(float("nan")) == "–"
    est = wn.EfficiencyEstimate(value=0.5, stderr=0.01, k=20_000, seed=7)
    assert repr(est) == "<wijknet.EfficiencyEstimate: 0.5000 ± 0.01000 (standard error; 20,000 sources, seed 7)>"
    assert "20,000" in est._repr_html_()
    assert est.to_frame().columns.tolist() == ["value", "stderr", "k", "seed"]
    assert float(est) == 0.5


def test_a_type_error_of_the_users_own_callback_stays_a_type_error():
    from wijknet import _args

    def native(x, progress=None):
        progress(0, 1)

    def mine(done, total):
        raise TypeError("mine")

    with pytest.raises(TypeError, match="mine"):
        _args.call("f", native, 1, progress=mine)
