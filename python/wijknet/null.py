"""Null models and significance: is an effect more than "more people came"?

* :func:`curveball` — a random register with exactly the observed margins: every resident
  keeps their number of activities and every activity its number of participants (global
  curveball; Strona et al. 2014, Carstens 2015).
* :func:`test` — a statistic of the network (a built-in name or any Python function of a
  Network) against its null distribution: observed value, null mean and sd, z and empirical
  p-values with the +1 correction, and the null samples.
* :func:`backbone` — the resident–resident ties that co-occur more often than the residents'
  and activities' degrees predict (Neal 2014; SDSM or FDSM), with a table of every candidate.
* :func:`permute_attribute` — the second null model: a resident attribute shuffled over the
  residents, the network fixed (for mixing statistics such as the E-I index).

Randomness. Every sample s draws from its own ChaCha stream (seed, s), so a seed gives the same
result on any number of threads, and ``test(net, "opsahl_clustering", seed=1)`` uses exactly
the networks ``curveball(net, seed=1)`` (sample 0) and its siblings. ``seed=None`` draws a fresh seed
and records it on the result (``.seed``). Definitions: docs/metrics.md ("Null models and
significance").

Examples
--------
>>> import wijknet as wn
>>> net = wn.datasets.davis_southern_women()
>>> r = wn.null.test(net, "opsahl_clustering", n=200, seed=1)
>>> round(r.observed, 4), r.n
(0.7719, 200)
>>> bb = wn.null.backbone(net, correction=None)
>>> list(bb.ties.columns)
['source', 'target', 'cooccurrence', 'expected', 'p', 'p_adjusted', 'backbone']
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from . import _args
from . import _wijknet as _native
from ._errors import ArgumentError, ColumnNotFoundError, NodeNotFoundError
from ._results import Result, format_number
from .graph import Graph
from .network import Network

__all__ = ["curveball", "test", "backbone", "permute_attribute", "NullTestResult", "Backbone", "STATISTICS"]

#: Built-in statistics of :func:`test` (computed in Rust, samples in parallel).
STATISTICS = (
    "opsahl_clustering",
    "exclusive_clustering",
    "robins_alexander_clustering",
    "transitivity",
    "number_connected_components",
    "density",
    "modularity",
    "ei_index",
)

_ALTERNATIVES = ("two-sided", "greater", "less")

Statistic: TypeAlias = str | Callable[[Network], float]


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _network(net: Any, fn: str) -> Network:
    return _args.network(net, f"null.{fn}")


def _trades(trades: Any, fn: str) -> int | None:
    return _args.whole(trades, "trades", f"null.{fn}", none=True)


def _codes_for(net: Network, values: Any, what: str, fn: str) -> pd.Series:
    """Values aligned with ``net.residents`` from an attribute name or a Series by resident id."""
    if isinstance(values, str):
        table = net.resident_attributes()
        if values not in table.columns:
            have = ", ".join(repr(c) for c in table.columns) or "none"
            raise ColumnNotFoundError(
                f"null.{fn}({what}={values!r}): the network has no resident attribute {values!r} "
                f"(it has: {have}); add it with net.with_resident_attributes(df) or pass a Series "
                f"indexed by resident id"
            )
        return table[values].reindex(net.residents)
    if isinstance(values, pd.Series):
        if not values.index.is_unique:
            raise ArgumentError(
                f"null.{fn}({what}=...): the Series' index repeats resident ids; give one value per resident"
            )
        if len(values) and not net.residents.isin(values.index).any():
            raise NodeNotFoundError(
                f"null.{fn}({what}=...): none of the Series' index values is a resident of the network "
                f"(e.g. {values.index[0]!r}); index it by resident id (see net.residents)"
            )
        return values.reindex(net.residents)
    raise ArgumentError(
        f"null.{fn}({what}=...) takes a resident attribute name or a pandas Series indexed by resident id, "
        f"not {type(values).__name__}"
    )


def _factorize(values: pd.Series) -> np.ndarray:
    try:
        codes, _ = pd.factorize(values, sort=True)
    except TypeError:
        codes, _ = pd.factorize(values, sort=False)
    return np.asarray(codes, dtype=np.int64)


# ---------------------------------------------------------------------------------------------
# curveball
# ---------------------------------------------------------------------------------------------


def curveball(
    net: Network,
    *,
    trades: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> Network:
    """A random register with the margins of ``net``: every resident attends as many
    activities as in ``net`` and every activity has as many participants (global curveball:
    Strona et al. 2014; Carstens, Berger & Strona 2018). Uniform over all such registers in the
    limit (Carstens 2015).

    Parameters
    ----------
    net
        The observed network (its resident × activity incidence; a view is randomised as it is).
    trades
        Number of curveball trades (pairs of residents that swap the activities only one of
        them attends), run as global rounds of ⌊R/2⌋ trades. Default: 5 × the number of
        residents R (Strona et al.'s heuristic for the mixing time; 10 global rounds). The
        chain starts from the observed register, so this is also the burn-in.
    seed
        Random seed (None: a fresh one). The same seed gives the same register on any machine
        and thread count; pass one to reproduce the register later.
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)). One chain runs on one thread;
        the progress counts its trades, a global round at a time.

    Returns
    -------
    Network
        The same residents and activities (with their attributes and sensitive flags) and one
        **undated** row per (resident, activity), every row a **participant**. Dates, sessions,
        session counts and roles are not randomised, so the result has none: project it with
        ``unit="activity"``. The seed used is in ``.attrs["seed"]``.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.davis_southern_women()
    >>> rnd = wn.null.curveball(net, seed=7)
    >>> rnd
    <wijknet.Network: 18 residents × 14 activities, 89 attendances>
    >>> bool((rnd.to_frame().groupby("resident", sort=False).size() == net.to_frame().groupby("resident", sort=False).size()).all())
    True
    """
    fn = "null.curveball"
    net = _network(net, "curveball")
    trades = _trades(trades, "curveball")
    seed = _args.resolve_seed(seed, fn)
    native = _args.call(
        fn,
        _native.null_curveball,
        net._net,
        trades,
        seed,
        0,
        threads=_args.threads(threads, fn),
        progress=progress,
        desc=fn,
    )
    return Network(native)._with_attrs(seed=seed)


# ---------------------------------------------------------------------------------------------
# test
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class NullTestResult(Result):
    """The outcome of :func:`test`: the observed statistic against its null distribution.

    Attributes: ``statistic`` (name), ``observed``, ``null`` (the samples, NaN where the
    statistic is undefined), ``mean`` and ``sd`` (of the finite samples; sd with n − 1),
    ``z`` = (observed − mean)/sd, ``p`` for ``alternative``, and all three of ``p_greater`` =
    (#{null ≥ observed} + 1)/(R + 1), ``p_less`` = (#{null ≤ observed} + 1)/(R + 1) and
    ``p_two_sided`` = min(1, 2·min(p_greater, p_less)), with R the number of finite samples;
    ``null_model``, ``trades`` (None = the default), ``seed`` (the one used, also when drawn
    fresh). ``to_frame()`` gives the summary as a one-row table; prints as one line, as a small
    table in a notebook, and pickles.

    Examples
    --------
    >>> import wijknet as wn
    >>> r = wn.null.test(wn.datasets.davis_southern_women(), "density", n=100, seed=3)
    >>> r.null.shape, r.p == r.p_two_sided
    ((100,), True)
    """

    statistic: str
    observed: float
    null: np.ndarray = field(repr=False)
    mean: float
    sd: float
    z: float
    p_greater: float
    p_less: float
    p_two_sided: float
    alternative: str
    null_model: str
    trades: int | None
    seed: int

    @property
    def n(self) -> int:
        """Number of null samples."""
        return int(self.null.shape[0])

    @property
    def p(self) -> float:
        """The empirical p-value for :attr:`alternative`."""
        return {"greater": self.p_greater, "less": self.p_less, "two-sided": self.p_two_sided}[
            self.alternative
        ]

    def to_series(self) -> pd.Series:
        """The summary as a Series (observed, mean, sd, z, p, p_greater, p_less, p_two_sided, n, seed)."""
        return pd.Series(
            {
                "observed": self.observed,
                "mean": self.mean,
                "sd": self.sd,
                "z": self.z,
                "p": self.p,
                "p_greater": self.p_greater,
                "p_less": self.p_less,
                "p_two_sided": self.p_two_sided,
                "n": self.n,
                "seed": self.seed,
            },
            name=self.statistic,
            dtype=object,
        )

    def _frame(self) -> pd.DataFrame:
        """The summary as a one-row DataFrame indexed by the statistic's name."""
        return self.to_series().to_frame().T

    def _title(self) -> str:
        return f"NullTestResult {self.statistic}"

    def _line(self) -> str:
        f = format_number
        return (
            f"observed {f(self.observed)}, null mean {f(self.mean)} (sd {f(self.sd, 3)}), "
            f"z = {f(self.z, 3)}, p ({self.alternative}) = {f(self.p, 3)}; "
            f"{self.n:,} {self.null_model} samples, seed {self.seed}"
        )

    def _repr_html_(self) -> str:
        f = format_number
        rows = [
            ("observed", f(self.observed)),
            ("null mean (sd)", f"{f(self.mean)} ({f(self.sd, 3)})"),
            ("z", f(self.z, 3)),
            (f"p ({self.alternative})", f(self.p, 3)),
            (
                "p greater / less / two-sided",
                f"{f(self.p_greater, 3)} / {f(self.p_less, 3)} / {f(self.p_two_sided, 3)}",
            ),
            (
                "samples",
                f"{self.n:,} ({self.null_model}{'' if self.trades is None else f', {self.trades:,} trades'}), seed {self.seed}",
            ),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        return (
            f"<table><caption>null model test of <b>{html.escape(self.statistic)}</b></caption>{body}</table>"
        )


def _builtin_arrays(net: Network, statistic: str, partition: Any, attribute: Any) -> tuple:
    labels = groups = None
    if statistic == "modularity":
        if partition is None:
            raise ArgumentError(
                "null.test(statistic='modularity') needs partition= (a Series of community labels by resident id, or an attribute name)"
            )
        codes = _factorize(_codes_for(net, partition, "partition", "test"))
        if (codes < 0).any():
            missing = net.residents[codes < 0][:3].tolist()
            raise ArgumentError(
                f"null.test(partition=...): {int((codes < 0).sum())} residents have no community, e.g. {missing!r}; give every resident a label"
            )
        labels = codes.astype(np.uint32)
    elif statistic == "ei_index":
        if attribute is None:
            raise ArgumentError(
                "null.test(statistic='ei_index') needs attribute= (a resident attribute name or a Series by resident id)"
            )
        groups = _factorize(_codes_for(net, attribute, "attribute", "test")).astype(np.int32)
    return labels, groups


def test(
    net: Network,
    statistic: Statistic,
    *,
    n: int = 1000,
    seed: int | None = None,
    alternative: str = "two-sided",
    null: str = "curveball",
    trades: int | None = None,
    partition: Any = None,
    attribute: Any = None,
    weight: str | None = None,
    projection: Any = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> NullTestResult:
    """Tests a statistic of ``net`` against a null model: is it larger (or smaller) than in
    networks where the same residents take part in as many activities of the same sizes, but
    at random?

    Parameters
    ----------
    net
        The observed network.
    statistic
        A built-in name (computed in Rust, the samples in parallel; see :data:`STATISTICS`):
        ``"opsahl_clustering"``, ``"exclusive_clustering"``, ``"robins_alexander_clustering"``
        (two-mode, on the register); ``"transitivity"``, ``"number_connected_components"``,
        ``"density"`` (of the resident projection, unweighted), ``"modularity"`` (of
        ``partition`` on the projection; with ``weight="weight"`` the ties' strengths count)
        and ``"ei_index"``
        (Krackhardt & Stern's (E − I)/(E + I) over the projection's ties for ``attribute``).
        Or any function ``f(Network) -> float``, called in Python on each sample in turn
        (slower; e.g. ``lambda net: wn.transitivity(net.project(weight="newman"))``).
    n
        Number of null samples.
    seed
        Random seed (None: a fresh one, recorded on the result as ``.seed``).
    alternative
        Which p-value :attr:`NullTestResult.p` is: "two-sided" (default), "greater", "less".
        All three are in the result.
    null
        "curveball" (default): each sample is an independent curveball chain started from the
        observed register (:func:`curveball` with ``trades``), so samples are independent and
        the result is the same for any thread count. "permute": the network stays, the
        resident attribute (``attribute``; for modularity the ``partition``) is shuffled over
        the residents (:func:`permute_attribute`).
    trades
        Trades per curveball sample (default 5 × residents).
    partition
        For "modularity": community labels, a Series by resident id or an attribute name.
    attribute
        For "ei_index" (and callables with ``null="permute"``): a resident attribute name (a
        Series by resident id also works for "ei_index").
    weight
        For "modularity": None (every tie counts 1) or ``"weight"`` (the projection's tie
        strengths).
    projection
        How the projection statistics project each network: a :class:`~wijknet.Projection`
        or a dict of :meth:`Network.project` keywords (e.g. ``{"weight": "newman",
        "max_activity_size": 50}``); None = count per activity. The unit is always
        ``"activity"``: the null models randomise who attends which activity.
    threads
        Threads for the built-in statistics (None: :func:`wijknet.set_num_threads`).
    progress
        None (a bar for long calls), False, True or a callable(done, total).

    Returns
    -------
    NullTestResult

    Raises
    ------
    ArgumentError
        An unknown statistic, alternative or null model; n < 1; a missing partition/attribute.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.davis_southern_women()
    >>> r = wn.null.test(net, "transitivity", n=100, seed=1, alternative="greater")
    >>> r.p_greater == r.p, 0 < r.p <= 1
    (True, True)
    >>> own = wn.null.test(net, lambda x: wn.transitivity(x.project(unit="activity")), n=100, seed=1)
    >>> bool((own.null == r.null).all())  # the same samples as the built-in
    True
    """
    return _test(
        net,
        statistic,
        n=n,
        seed=seed,
        alternative=alternative,
        null=null,
        trades=trades,
        partition=partition,
        attribute=attribute,
        weight=weight,
        projection=projection,
        threads=threads,
        progress=progress,
        native=_native.null_test,
    )


test.__test__ = False  # type: ignore[attr-defined]  # a statistical test, not a pytest test


def _test(
    net: Network,
    statistic: Statistic,
    *,
    n: int,
    seed: int | None,
    alternative: str,
    null: str,
    trades: int | None,
    partition: Any,
    attribute: Any,
    weight: str | None,
    projection: Any,
    threads: int | None,
    progress: _args.ProgressArg,
    native: Callable[..., Any],
) -> NullTestResult:
    """:func:`test` with the native call of the built-in statistics given (``native`` takes
    the arguments of ``_wijknet.null_test``; :mod:`wijknet.dask` spreads the samples over
    workers)."""
    fn = "null.test"
    net = _network(net, "test")
    n = int(_args.whole(n, "n", fn, minimum=1))
    alternative = _args.choice(alternative, "alternative", fn, _ALTERNATIVES)
    null = _args.choice(null, "null", fn, ("curveball", "permute"))
    trades = _trades(trades, "test")
    weighted = _args.weight(weight, fn)
    spec = _args.native_projection(projection, fn)
    if spec["unit"] not in (None, "activity"):
        raise _args.error(
            fn,
            "projection",
            projection,
            "the null models randomise who attends which activity, so project with "
            "unit='activity' (or leave unit out)",
        )
    spec["unit"] = "activity"
    threads = _args.threads(threads, fn)
    seed = _args.resolve_seed(seed, fn)
    if isinstance(statistic, str):
        if statistic not in STATISTICS:
            raise ArgumentError(
                f"{fn}(statistic={statistic!r}): not a built-in ({', '.join(STATISTICS)}); "
                f"or pass a function of a Network that returns a number"
            )
        labels, groups = _builtin_arrays(net, statistic, partition, attribute)
        out = _args.call(
            fn,
            native,
            net._net,
            statistic,
            labels,
            groups,
            weighted,
            n,
            trades,
            null,
            projection=spec,
            seed=seed,
            threads=threads,
            progress=progress,
            desc=f"null.test({statistic})",
        )
        name = statistic
    elif callable(statistic):
        if null == "permute" and not isinstance(attribute, str):
            raise ArgumentError(
                f"{fn}(f, null='permute') needs attribute= (the name of the resident attribute to shuffle)"
            )
        if null == "permute" and attribute not in net.resident_attributes().columns:
            _codes_for(net, attribute, "attribute", "test")  # raises the helpful error
        name = getattr(statistic, "__name__", "statistic")
        observed = _value(statistic(net), name)
        values = np.empty(n)
        with _args.progress(progress, f"null.test({name})") as cb:
            for s in range(n):
                if null == "curveball":
                    sample = Network(_native.null_curveball(net._net, trades, seed, s))
                else:
                    sample = Network(_native.null_permute_network(net._net, attribute, seed, s))
                values[s] = _value(statistic(sample), name)
                if cb is not None:
                    cb(s + 1, n)
        out = _native.null_summary(observed, values)
    else:
        raise _args.error(fn, "statistic", statistic, "give a built-in name or a function of a Network")
    return NullTestResult(
        statistic=name,
        observed=float(out["observed"]),
        null=np.asarray(out["samples"], dtype=float),
        mean=float(out["mean"]),
        sd=float(out["sd"]),
        z=float(out["z"]),
        p_greater=float(out["p_greater"]),
        p_less=float(out["p_less"]),
        p_two_sided=float(out["p_two_sided"]),
        alternative=alternative,
        null_model=null,
        trades=trades,
        seed=seed,
    )


def _value(x: Any, name: str) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise ArgumentError(f"null.test: the statistic {name} returned {x!r}; it must return a number")
    return float(x)


# ---------------------------------------------------------------------------------------------
# backbone
# ---------------------------------------------------------------------------------------------


def backbone(
    net: Network,
    *,
    method: str = "sdsm",
    alpha: float = 0.05,
    correction: str | None = "holm",
    n: int = 1000,
    trades: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    progress: _args.ProgressArg = None,
) -> Backbone:
    """The backbone of the resident projection (Neal 2014): the ties whose number of shared
    activities is significantly larger than the residents' and activities' degrees predict.
    Big events stop making everyone a tie; small recurring overlaps stand out.

    Every pair of residents is a test; a pair is kept when its (adjusted) upper-tail p-value is
    below ``alpha``. Corrections count all n(n−1)/2 pairs as tests (pairs that share nothing
    have p = 1), as Neal's R package ``backbone`` does.

    Parameters
    ----------
    net
        The network.
    method
        ``"sdsm"`` (default): stochastic degree sequence model. Each attendance a_ik is an
        independent Bernoulli(p_ik) with p_ik from the bipartite configuration model (BiCM,
        Saracco et al. 2015: maximum entropy with the observed degrees as expected degrees;
        Neal 2014 fitted a logit, the ``backbone`` package now uses the BiCM). The number of
        shared activities is then Poisson-binomial; its upper tail is computed exactly by
        dynamic programming (no normal approximation; tiny p-values keep their relative
        accuracy). ``"fdsm"``: fixed degree sequence model, p = (#{samples with at least as
        many shared activities} + 1)/(n + 1) over ``n`` curveball samples (exact margins; the
        smallest possible p is 1/(n + 1), so with Holm over many pairs use a large ``n``).
    alpha
        Significance level (one-sided).
    correction
        ``"holm"`` (family-wise error), ``"fdr_bh"`` (Benjamini–Hochberg false discovery rate)
        or None.
    n, trades, seed
        FDSM: number of curveball samples, trades per sample (default 5 × residents), seed
        (None: a fresh one, recorded on the result).
    threads, progress
        Threads (None: :func:`wijknet.set_num_threads`) and the progress display (None: a bar
        for long calls, True, False or a callable(done, total)).

    Returns
    -------
    Backbone
        ``graph``: the backbone, every resident a node, kept ties weighted by their number of
        shared activities; ``ties``: one row per candidate tie (pair sharing at least one
        activity): ``source``, ``target`` (resident ids, source first in resident order),
        ``cooccurrence``, ``expected`` (under the null model), ``p``, ``p_adjusted`` (= p
        without correction) and ``backbone`` (kept); ``why_empty``: when no tie is kept, why
        and what to try (None otherwise); and the settings used.

    Notes
    -----
    The default correction is Holm, which is strict over the n(n−1)/2 tests: on a thin
    register (few attendances per resident) no pair may pass, and the backbone is empty. The
    result then says so (``why_empty``, also in its repr): try a larger ``alpha``,
    ``correction="fdr_bh"`` or ``correction=None`` (the default of R's ``backbone`` package),
    or more data.

    Examples
    --------
    >>> import wijknet as wn
    >>> bb = wn.null.backbone(wn.datasets.davis_southern_women(), alpha=0.05, correction=None)
    >>> len(bb.ties), bb.graph.number_of_edges() == int(bb.ties["backbone"].sum())
    (139, True)
    """
    fn = "null.backbone"
    net = _network(net, "backbone")
    method = _args.choice(method, "method", fn, ("sdsm", "fdsm"))
    if correction is not None:
        correction = _args.choice(correction, "correction", fn, ("holm", "fdr_bh"))
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not 0 < float(alpha) <= 1:
        raise _args.error(fn, "alpha", alpha, "give a number in (0, 1], e.g. 0.05")
    n = int(_args.whole(n, "n", fn, minimum=1))
    trades = _trades(trades, "backbone")
    seed = _args.resolve_seed(seed, fn)
    out = _args.call(
        fn,
        _native.null_backbone,
        net._net,
        method,
        float(alpha),
        correction or "none",
        n,
        trades,
        seed,
        threads=_args.threads(threads, fn),
        progress=progress,
        desc=f"null.backbone({method})",
    )
    ids = net.residents
    table = pd.DataFrame(
        {
            "source": ids[np.asarray(out["source"], dtype=np.int64)],
            "target": ids[np.asarray(out["target"], dtype=np.int64)],
            "cooccurrence": np.asarray(out["cooccurrence"]).astype("int64"),
            "expected": out["expected"],
            "p": out["p"],
            "p_adjusted": out["p_adjusted"],
            "backbone": np.asarray(out["kept"]).astype(bool),
        }
    )
    graph = Graph._wrap(out["graph"], index=ids)
    why = (
        _why_empty(table, len(ids), method, float(alpha), correction, n)
        if not table["backbone"].any()
        else None
    )
    return Backbone(
        graph=graph,
        ties=table,
        method=method,
        alpha=float(alpha),
        correction=correction,
        n=n,
        seed=seed,
        why_empty=why,
    )


def _why_empty(
    table: pd.DataFrame, residents: int, method: str, alpha: float, correction: str | None, n: int
) -> str:
    pairs = residents * (residents - 1) // 2
    if table.empty:
        return "no two residents share an activity, so there is no candidate tie"
    best = float(table["p"].min())
    best_adj = float(table["p_adjusted"].min())
    corrected = {"holm": "Holm", "fdr_bh": "Benjamini–Hochberg"}.get(correction or "", None)
    text = f"no pair passes alpha = {alpha:g}: the smallest p-value is {format_number(best, 3)}"
    if corrected:
        text += f", {format_number(best_adj, 3)} after the {corrected} correction over {pairs:,} pairs"
    tries = []
    if method == "fdsm" and best <= 1.5 / (n + 1):
        tries.append(f"more samples (n={n:,} makes 1/(n + 1) the smallest possible p)")
    if correction == "holm":
        tries.append(
            "correction='fdr_bh' (false discovery rate) or correction=None (as R's backbone package)"
        )
    elif correction == "fdr_bh":
        tries.append("correction=None")
    tries.append("a larger alpha")
    tries.append("more data (more attendances per resident)")
    return text + "; try " + ", ".join(tries[:-1]) + " or " + tries[-1]


@dataclass(frozen=True, eq=False, repr=False)
class Backbone(Result):
    """The result of :func:`backbone`.

    Attributes
    ----------
    graph
        The backbone as a :class:`~wijknet.Graph` (every resident a node).
    ties
        One row per candidate tie: ``source``, ``target``, ``cooccurrence``, ``expected``,
        ``p``, ``p_adjusted``, ``backbone`` (kept). ``to_frame()`` returns it.
    method, alpha, correction, n, seed
        The settings used (``seed`` also when drawn fresh; it matters for FDSM only).
    why_empty
        When no tie is kept: why, and what to try (a larger ``alpha``, another
        ``correction``, more data); None when the backbone has ties.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.davis_southern_women()
    >>> bb = wn.null.backbone(net, alpha=0.2, correction=None)
    >>> bb
    <Backbone: 6 of 139 candidate ties kept (sdsm, alpha 0.2, correction none)>
    >>> bb.why_empty is None, int(bb.ties["backbone"].sum()) == bb.graph.number_of_edges()
    (True, True)
    >>> print(wn.null.backbone(net).why_empty)  # 18 women are too few for Holm over 153 pairs
    no pair passes alpha = 0.05: the smallest p-value is 0.0884, 1 after the Holm correction over 153 pairs; try correction='fdr_bh' (false discovery rate) or correction=None (as R's backbone package), a larger alpha or more data (more attendances per resident)
    """

    graph: Graph
    ties: pd.DataFrame = field(repr=False)
    method: str
    alpha: float
    correction: str | None
    n: int
    seed: int
    why_empty: str | None = None

    def _frame(self) -> pd.DataFrame:
        """The candidate ties (``ties``)."""
        return self.ties

    def _line(self) -> str:
        kept = int(self.ties["backbone"].sum())
        head = (
            f"{kept:,} of {len(self.ties):,} candidate ties kept ({self.method}, alpha {self.alpha:g}, "
            f"correction {self.correction or 'none'})"
        )
        return head if self.why_empty is None else f"{head}; empty: {self.why_empty}"


# ---------------------------------------------------------------------------------------------
# attribute permutation
# ---------------------------------------------------------------------------------------------


def permute_attribute(g_or_net: Graph | Network, attribute: str, *, seed: int | None = None) -> Any:
    """The second null model: the same network with one resident (node) attribute shuffled
    over the residents uniformly at random, so any association between the attribute and the
    ties is broken while both stay as they are (e.g. for E-I index or assortativity).

    Parameters
    ----------
    g_or_net
        A Graph (its node attribute is permuted over all its nodes) or a Network (the resident
        attribute is permuted over the residents of the view; others keep their value).
    attribute
        The attribute's name.
    seed
        Random seed (None: a fresh one; pass one to reproduce the shuffle).

    Returns
    -------
    Graph or Network
        Of the same type as ``g_or_net``, everything else unchanged.

    Examples
    --------
    >>> import wijknet as wn
    >>> net = wn.datasets.badhuis(residents=300, seed=0)
    >>> shuffled = wn.null.permute_attribute(net, "age_group", seed=1)
    >>> before, after = net.resident_attributes()["age_group"], shuffled.resident_attributes()["age_group"]
    >>> bool((before.value_counts() == after.value_counts()).all()), bool((before == after).all())
    (True, False)
    """
    if not isinstance(attribute, str):
        raise ArgumentError(f"attribute= must be the attribute's name, not {type(attribute).__name__}")
    seed = _args.resolve_seed(seed, "null.permute_attribute")
    if isinstance(g_or_net, Network):
        if attribute not in g_or_net.resident_attributes().columns:
            _codes_for(g_or_net, attribute, "attribute", "permute_attribute")
        return Network(_native.null_permute_network(g_or_net._net, attribute, seed, 0))
    if isinstance(g_or_net, Graph):
        if attribute not in g_or_net.node_attributes().columns:
            have = ", ".join(repr(c) for c in g_or_net.node_attributes().columns) or "none"
            raise ColumnNotFoundError(
                f"null.permute_attribute(attribute={attribute!r}): the graph has no node attribute "
                f"{attribute!r} (it has: {have}); add resident attributes before projecting"
            )
        return Graph._wrap(
            _native.null_permute_graph(g_or_net._g, attribute, seed, 0),
            index=g_or_net.nodes,
            network=g_or_net._network,
        )
    raise ArgumentError(
        f"null.permute_attribute() takes a wijknet.Graph or Network, not {type(g_or_net).__name__}"
    )
