"""wijknet on Dask: many neighbourhoods, municipalities or periods evaluated in parallel across
the workers of a Dask cluster, and large null-model ensembles, permutation tests, bootstrap
replicates and what-if rankings spread over them.

Install with ``pip install "wijknet[dask]"`` (Dask with its DataFrame and ``distributed``).
Everything here runs on whichever Dask scheduler is active: a ``distributed.Client`` (a
``LocalCluster`` on a laptop, or the address of a real cluster's scheduler), or Dask's own
threads when there is no client. The guide "Many neighbourhoods at once: Dask" says how to
set one up and what to expect.

- :func:`evaluate`: one evaluation report (:func:`wijknet.evaluate`) per partition of an
  attendance table (a grouping column such as the neighbourhood, or the Dask DataFrame's own
  partitions), as one tidy pandas table of indicators with the partition's key as a column.
- :func:`null_test`, :func:`qap`, :func:`mrqap`, :func:`compare`, :func:`rank_residents`: the
  functions of :mod:`wijknet.null`, :mod:`wijknet.association`, :mod:`wijknet.temporal` and
  :mod:`wijknet.whatif` with their replicates (or residents) cut into ``tasks`` slices that run
  on the workers. Replicate i always draws from the random stream (seed, i), so the result
  is *identical* to the single-machine call with the same seed, whatever the number of
  workers, tasks or threads.

Networks and graphs travel to the workers in their compact binary form (the one pickling
uses), once per worker. Each task runs wijknet's kernels with ``threads`` threads (default 1:
one per Dask worker thread; give more when workers have spare cores).

Examples
--------
>>> import wijknet as wn, wijknet.dask
>>> net = wn.datasets.davis_southern_women()
>>> r = wijknet.dask.null_test(net, "transitivity", n=200, seed=1, tasks=4)
>>> bool((r.null == wn.null.test(net, "transitivity", n=200, seed=1).null).all())
True
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _args
from . import _wijknet as _native
from . import association as _association
from . import null as _null
from . import report as _report
from . import temporal as _temporal
from . import whatif as _whatif
from .association import Layers, MRQAPResult, QAPResult
from .graph import Graph
from .network import Network
from .null import NullTestResult
from .temporal import Comparison

__all__ = ["evaluate", "null_test", "qap", "mrqap", "compare", "rank_residents"]

#: The columns of the table :func:`evaluate` returns after the partition's key (those of
#: :meth:`wijknet.Report.to_frame`).
REPORT_COLUMNS = list(_report.FRAME_COLUMNS)


def _dask() -> Any:
    try:
        import dask
        import dask.dataframe  # noqa: F401
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            'wijknet.dask needs Dask: install it with pip install "wijknet[dask]" '
            "(Dask with its DataFrame and distributed)"
        ) from e
    return dask


def _client() -> Any:
    """The active distributed Client, or None (Dask's own scheduler)."""
    try:
        from distributed import default_client

        return default_client()
    except (ImportError, ValueError):
        return None


def _compute(tasks: list, progress: Any, desc: str, weights: list[int] | None = None) -> list:
    """Computes delayed ``tasks`` on the active scheduler, in order; ``progress`` counts
    finished tasks (as they finish on a distributed cluster), each counting its ``weights``
    entry (default 1)."""
    dask = _dask()
    client = _client()
    weights = weights or [1] * len(tasks)
    total = sum(weights)
    with _args.progress(progress, desc) as cb:
        if client is None or cb is None:
            out = list(dask.compute(*tasks))
            if cb is not None:
                cb(total, total)
            return out
        from distributed import as_completed

        futures = client.compute(tasks)
        weight = {f.key: w for f, w in zip(futures, weights, strict=True)}
        done = 0
        for f in as_completed(futures):
            done += weight[f.key]
            cb(done, total)
        return client.gather(futures)


# ---- many partitions ---------------------------------------------------------------------------


def evaluate(
    data: Any,
    *,
    by: str | Sequence[str] | None = None,
    resident: str = "resident",
    activity: str = "activity",
    date: str | None = None,
    session: str | None = None,
    role: str | None = None,
    attributes: str | Sequence[str] | None = None,
    attendance: Mapping[str, Any] | None = None,
    lang: str = "nl",
    min_cell: int = 10,
    seed: int | None = None,
    n: int = 1000,
    big_event: int = 50,
    tasks: int | None = None,
    threads: int | None = 1,
    progress: _args.ProgressArg = None,
) -> pd.DataFrame:
    """The evaluation report of every partition of an attendance table — neighbourhoods,
    municipalities, periods — computed in parallel on the Dask workers, as one tidy table.

    Each partition's rows become a register (:meth:`wijknet.Network.from_attendance`) and its
    report (:func:`wijknet.evaluate`) is made on a worker; the result has the partition's key
    in front of the columns of :meth:`wijknet.report.Report.to_frame`. Every partition uses
    the same ``seed``, so a partition's rows equal
    ``wn.evaluate(wn.Network.from_attendance(rows), seed=seed, ...).to_frame()`` for its rows,
    on one machine or on any cluster.

    Parameters
    ----------
    data
        The attendance rows: a Dask DataFrame, or a pandas DataFrame (then the partitions are
        evaluated one after another in this process — the single-machine evaluation).
    by
        The column (or columns) whose values define the partitions, e.g. ``"wijk"``; rows
        without a value are left out. None: the Dask DataFrame's own partitions, numbered from
        0 in a column ``partition`` (a pandas table is one partition).
    resident, activity, date, session, role
        The columns of the rows, as in :meth:`wijknet.Network.from_attendance`.
    attributes
        Columns of the rows that describe residents (one value per resident, e.g. an age
        group) and define the groups of the report (bonding/bridging, mixing), as in
        :func:`wijknet.evaluate`.
    attendance
        More keywords of :meth:`wijknet.Network.from_attendance` (``date_unit``, ``roles``,
        ``duplicates``, ...).
    lang, min_cell, seed, n, big_event
        As in :func:`wijknet.evaluate` (``seed`` None draws one, recorded in
        ``result.attrs["seed"]``).
    tasks
        With ``by``: the tasks the partitions are dealt into, of about equal numbers of rows
        (None: 4 per worker thread of the active Dask client, or 8 without one). Fewer,
        larger tasks cost the scheduler less; more of them even out the work between workers.
        Without ``by`` each partition of the Dask DataFrame is one task. Results do not depend
        on it.
    threads
        Threads of each partition's evaluation on its worker (default 1: one per Dask worker
        thread; None: :func:`wijknet.set_num_threads`). Results do not depend on it.
    progress
        None or False: no display; True or a callable(done, total): partitions evaluated.

    Returns
    -------
    pandas.DataFrame
        One row per indicator value per partition: the key column(s), then ``section, code,
        indicator, group, value, ci_low, ci_high, n, expected, p, definition, reading, call,
        note``; sorted by key, in report order within a partition.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd, wijknet as wn, wijknet.dask
    >>> rows = pd.concat([wn.datasets.badhuis(120, seed=s).to_frame().assign(wijk=f"wijk {s}")
    ...                   for s in (1, 2)])
    >>> table = wijknet.dask.evaluate(dd.from_pandas(rows, npartitions=2), by="wijk", date="date",
    ...                               role="role", seed=1, n=50, lang="en")
    >>> float(table.set_index(["wijk", "code"]).loc[("wijk 2", "residents"), "value"])
    120.0
    """
    fn = "dask.evaluate"
    lang = _args.choice(lang, "lang", fn, ("nl", "en"))
    min_cell = _args.whole(min_cell, "min_cell", fn, minimum=1)
    n = _args.whole(n, "n", fn, minimum=0)
    big_event = _args.whole(big_event, "big_event", fn, minimum=2)
    threads = _args.threads(threads, fn)
    if tasks is not None:
        tasks = _args.whole(tasks, "tasks", fn, minimum=1)
    seed_value = _args.resolve_seed(seed, fn)
    keys = _names(by, "by", fn)
    attrs = _names(attributes, "attributes", fn)
    read = dict(attendance or {})
    read.update(resident=resident, activity=activity, date=date, session=session, role=role)
    options = {
        "read": read,
        "attributes": attrs,
        "report": {
            "lang": lang,
            "min_cell": min_cell,
            "seed": seed_value,
            "n": n,
            "big_event": big_event,
            "threads": threads,
        },
    }
    columns = [c for c in [*keys, resident, activity, date, session, role, *attrs] if c is not None]
    if isinstance(data, pd.DataFrame):
        _check_columns(data.columns, columns, fn)
        if keys:
            groups = list(data.groupby(keys, sort=True, observed=True, dropna=True))
        else:
            groups = [((0,), data)] if len(data) else []
        frames = []
        with _args.progress(progress, "evaluate") as cb:
            for i, (key, rows) in enumerate(groups):
                frames.append(_evaluate_group(rows, keys or ["partition"], key, options))
                if cb is not None:
                    cb(i + 1, len(groups))
    else:
        _dask()
        if not hasattr(data, "to_delayed"):
            raise _args.error(fn, "data", data, "give a Dask DataFrame (or a pandas DataFrame)")
        _check_columns(data.columns, columns, fn)
        ddf = data[[c for c in dict.fromkeys(columns)]]
        if keys:
            frames = _evaluate_keys(ddf, keys, options, tasks, progress, fn)
        else:
            from dask import delayed

            jobs = [
                delayed(_evaluate_partition, pure=True)(part, i, options)
                for i, part in enumerate(ddf.to_delayed())
            ]
            frames = _compute(jobs, progress, "evaluate")
    key_columns = keys or ["partition"]
    frames = [f for f in frames if len(f)]
    if not frames:
        out = pd.DataFrame(columns=[*key_columns, *REPORT_COLUMNS])
    else:
        out = pd.concat(frames, ignore_index=True)
        out = out.sort_values(key_columns, kind="mergesort", ignore_index=True)
    out.attrs["seed"] = seed_value
    return out


def _names(value: Any, name: str, fn: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and all(isinstance(v, str) for v in value):
        return list(value)
    raise _args.error(fn, name, value, "give a column name or a list of column names")


def _check_columns(have: Iterable[Any], need: list[str], fn: str) -> None:
    have = list(have)
    missing = [c for c in need if c not in have]
    if missing:
        from ._errors import ColumnNotFoundError

        raise ColumnNotFoundError(
            f"{fn}(): the table has no column {', '.join(map(repr, missing))}; it has "
            f"{', '.join(map(repr, have))}"
        )


def _evaluate_keys(
    ddf: Any, keys: list[str], options: dict, tasks: int | None, progress: Any, fn: str
) -> list[pd.DataFrame]:
    """The reports of the groups of ``keys`` in a Dask DataFrame, in ``tasks`` tasks of about
    equal work.

    One pass over the data: each partition is split by key where it lies (its rows of a key
    stay in table order) and only the number of rows per key comes back; the keys are then
    dealt into tasks, largest first, and each task gathers its keys' rows from every
    partition (one table per partition), in partition order, so that a group's rows are
    exactly its rows in the table."""
    import dask
    from dask import delayed

    pieces = dask.persist(*[delayed(_split_rows, pure=True)(p, keys) for p in ddf.to_delayed()])
    counts = dask.compute(*[delayed(_row_counts, pure=True)(p) for p in pieces])
    rows: dict[tuple, int] = {}
    for c in counts:
        for key, size in c.items():
            rows[key] = rows.get(key, 0) + size
    if not rows:
        return []
    batches = _deal(rows, _tasks(tasks, len(rows), fn))
    jobs = [
        delayed(_evaluate_pieces, pure=True)(
            [delayed(_take, pure=True)(p, batch) for p in pieces], batch, keys, options
        )
        for batch in batches
    ]
    return _compute(jobs, progress, "evaluate", weights=[len(b) for b in batches])


def _deal(rows: dict[tuple, int], tasks: int) -> list[list[tuple]]:
    """The keys dealt into ``tasks`` lists of about equal rows: largest first, each to the
    list with the fewest rows so far; lists with the most rows first."""
    order = sorted(rows, key=lambda k: -rows[k])  # stable: ties keep their order
    batches: list[list[tuple]] = [[] for _ in range(tasks)]
    load = [0] * tasks
    for key in order:
        i = min(range(tasks), key=load.__getitem__)
        batches[i].append(key)
        load[i] += rows[key]
    ranked = sorted(range(tasks), key=lambda i: -load[i])
    return [batches[i] for i in ranked if batches[i]]


def _split_rows(rows: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, dict[tuple, np.ndarray]]:
    """One partition and the positions of its rows by key (runs on a worker), each key's
    positions in table order."""
    at = rows.groupby(keys, sort=False, observed=True, dropna=True).indices
    return rows, {key if isinstance(key, tuple) else (key,): where for key, where in at.items()}


def _row_counts(split: tuple[pd.DataFrame, dict[tuple, np.ndarray]]) -> dict[tuple, int]:
    return {key: len(where) for key, where in split[1].items()}


def _take(split: tuple[pd.DataFrame, dict[tuple, np.ndarray]], keys: list[tuple]) -> pd.DataFrame | None:
    """The rows of one partition for the keys of one task, in table order, as one table
    (None: none of them): one object to send to another worker rather than a table per key,
    which costs about ten times as much to serialize."""
    rows, at = split
    where = [at[key] for key in keys if key in at]
    if not where:
        return None
    return rows.take(np.sort(np.concatenate(where)))


def _evaluate_pieces(
    parts: list[pd.DataFrame | None], batch: list[tuple], keys: list[str], options: dict
) -> pd.DataFrame:
    """The reports of the keys in ``batch``, from their rows in every partition put back
    together in partition order, each key's rows in table order (runs on a worker)."""
    from dask.dataframe.methods import concat

    rows = concat([p for p in parts if p is not None])
    groups = {
        key if isinstance(key, tuple) else (key,): group
        for key, group in rows.groupby(keys, sort=False, observed=True, dropna=True)
    }
    frames = [_evaluate_group(groups[key], keys, key, options) for key in batch]
    return pd.concat(frames, ignore_index=True)


def _evaluate_partition(rows: pd.DataFrame, index: int, options: dict) -> pd.DataFrame:
    """The report of one partition of the table, numbered ``index`` (runs on a worker)."""
    if not len(rows):
        return pd.DataFrame(columns=["partition", *REPORT_COLUMNS])
    return _evaluate_group(rows, ["partition"], (index,), options)


def _evaluate_group(rows: pd.DataFrame, keys: list[str], key: Any, options: dict) -> pd.DataFrame:
    """The report of one group's rows, with its key in front."""
    key = key if isinstance(key, tuple) else (key,)
    rows = rows.copy()
    for c in rows.columns:
        if isinstance(rows[c].dtype, pd.CategoricalDtype):
            rows[c] = rows[c].cat.remove_unused_categories()
    read = options["read"]
    net = Network.from_attendance(rows, **read)
    attributes = None
    if options["attributes"]:
        table = rows[[read["resident"], *options["attributes"]]].drop_duplicates(read["resident"])
        attributes = table.rename(columns={read["resident"]: "resident"})
    r = _report.evaluate(net, attributes=attributes, progress=False, **options["report"])
    frame = r.to_frame()
    for name, value in reversed(list(zip(keys, key, strict=True))):
        frame.insert(0, name, value)
    return frame


# ---- replicates across workers -----------------------------------------------------------------


def _tasks(tasks: int | None, count: int, fn: str) -> int:
    """``tasks=`` (None: 4 per worker thread of the active client, or 8 without one), at most
    ``count``."""
    if tasks is None:
        client = _client()
        slots = sum(client.nthreads().values()) if client is not None else 2
        tasks = 4 * max(1, slots)
    tasks = int(_args.whole(tasks, "tasks", fn, minimum=1))
    return max(1, min(tasks, count))


def _slices(count: int, tasks: int) -> list[tuple[int, int]]:
    """``tasks`` consecutive slices [a, b) of range(count), as equal as can be."""
    size = math.ceil(count / tasks)
    return [(a, min(count, a + size)) for a in range(0, count, size)]


def _pack(value: Any) -> Any:
    """Native objects wrapped in their picklable Python classes (compact serde bytes)."""
    if isinstance(value, _native.Network):
        return Network(value)
    if isinstance(value, _native.Graph):
        return Graph(value)
    if isinstance(value, list):
        return [_pack(v) for v in value]
    return value


def _unpack(value: Any) -> Any:
    if isinstance(value, Network):
        return value._net
    if isinstance(value, Graph):
        return value._g
    if isinstance(value, list):
        return [_unpack(v) for v in value]
    return value


def _run_native(name: str, arguments: dict) -> Any:
    """Runs the native function ``name`` on a worker."""
    native = getattr(_native, name)
    out = native(**{k: _unpack(v) for k, v in arguments.items()})
    return dict(out)


def _spread(
    native: Callable[..., Any],
    *,
    tasks: int | None,
    fn: str,
    merge: Callable[[list[dict], dict], dict],
) -> Callable[..., Any]:
    """A stand-in for ``native`` that runs its ``n`` replicates in slices on the workers
    (replicates a..b with ``first=a``) and merges the slices with ``merge``."""

    def call(*args: Any, progress: Any = None, **kwargs: Any) -> dict:
        from dask import delayed

        bound = inspect.signature(native).bind(*args, **kwargs)
        arguments = {k: _pack(v) for k, v in bound.arguments.items()}  # threads as validated
        count = int(arguments["n"])
        slices = _slices(count, _tasks(tasks, count, fn))
        shared = {
            k: delayed(v, pure=True) if isinstance(v, (Network, Graph, list)) else v
            for k, v in arguments.items()
        }
        jobs = [
            delayed(_run_native, pure=True)(native.__name__, {**shared, "n": b - a, "first": a})
            for a, b in slices
        ]
        parts = _compute(jobs, progress, fn)
        return merge(parts, arguments)

    return call


def _null_summary(observed: float, samples: np.ndarray) -> dict:
    return dict(_native.null_summary(float(observed), np.ascontiguousarray(samples, dtype=np.float64)))


def _p(observed: float, samples: np.ndarray) -> dict:
    s = _null_summary(observed, samples)
    return {"greater": s["p_greater"], "less": s["p_less"], "two_sided": s["p_two_sided"]}


def _merge_null(parts: list[dict], arguments: dict) -> dict:
    samples = np.concatenate([np.asarray(p["samples"], dtype=np.float64) for p in parts])
    return _null_summary(parts[0]["observed"], samples)


def _merge_qap(parts: list[dict], arguments: dict) -> dict:
    out = dict(parts[0])
    out["null"] = np.concatenate([np.asarray(p["null"], dtype=np.float64) for p in parts])
    s = _null_summary(out["observed"], out["null"])
    out["p"] = {"greater": s["p_greater"], "less": s["p_less"], "two_sided": s["p_two_sided"]}
    out["null_mean"], out["null_sd"] = s["mean"], s["sd"]
    return out


def _merge_mrqap(parts: list[dict], arguments: dict) -> dict:
    out = dict(parts[0])
    k = len(out["t"]) - 1
    null = np.concatenate([np.asarray(p["null_t"], dtype=np.float64).reshape(-1, k) for p in parts])
    out["null_t"] = null
    out["p"] = [_p(out["t"][j + 1], null[:, j]) for j in range(k)]
    return out


def _merge_compare(parts: list[dict], arguments: dict) -> dict:
    out = dict(parts[0])
    m = len(out["metrics"])
    reps = np.concatenate([np.asarray(p["replicates"], dtype=np.float64).reshape(-1, m) for p in parts])
    out["replicates"] = reps
    level = float(arguments["level"])
    cols = [_native.bootstrap_interval(np.ascontiguousarray(reps[:, j]), level) for j in range(m)]
    out["ci_low"] = np.array([c[0] for c in cols])
    out["ci_high"] = np.array([c[1] for c in cols])
    out["std_err"] = np.array([c[2] for c in cols])
    return out


def null_test(
    net: Network,
    statistic: str,
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
    tasks: int | None = None,
    threads: int | None = 1,
    progress: _args.ProgressArg = None,
) -> NullTestResult:
    """:func:`wijknet.null.test` with its ``n`` null samples spread over the Dask workers;
    the result is identical to ``wn.null.test`` with the same seed.

    Parameters
    ----------
    net, statistic, n, seed, alternative, null, trades, partition, attribute, weight, projection
        As in :func:`wijknet.null.test`; ``statistic`` is a built-in name (a Python function
        of a Network runs with :func:`wijknet.null.test` itself).
    tasks
        Slices the samples are cut into, one task each (None: 4 per worker thread of the
        active Dask client, or 8 without one).
    threads
        Threads of each task (default 1); results do not depend on it.
    progress
        None or False: no display; True or a callable(done, total): tasks finished.

    Returns
    -------
    wijknet.null.NullTestResult

    Examples
    --------
    >>> import wijknet as wn, wijknet.dask
    >>> net = wn.datasets.davis_southern_women()
    >>> r = wijknet.dask.null_test(net, "opsahl_clustering", n=60, seed=5, tasks=3)
    >>> r.p == wn.null.test(net, "opsahl_clustering", n=60, seed=5).p
    True
    """
    fn = "dask.null_test"
    if not isinstance(statistic, str):
        raise _args.error(
            fn,
            "statistic",
            statistic,
            "give a built-in name (wn.null.STATISTICS); a Python function runs with wn.null.test",
        )
    native = _spread(_native.null_test, tasks=tasks, fn=fn, merge=_merge_null)
    return _null._test(
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
        native=native,
    )


def qap(
    g1: Graph,
    g2: Graph,
    *,
    n: int = 1000,
    seed: int | None = None,
    weight: str | None = "weight",
    nodes: str = "intersection",
    tasks: int | None = None,
    threads: int | None = 1,
    progress: _args.ProgressArg = None,
) -> QAPResult:
    """:func:`wijknet.qap` with its ``n`` permutations spread over the Dask workers; the
    result is identical to ``wn.qap`` with the same seed.

    Parameters
    ----------
    g1, g2, n, seed, weight, nodes
        As in :func:`wijknet.qap`.
    tasks, threads, progress
        As in :func:`null_test`.

    Returns
    -------
    wijknet.association.QAPResult

    Examples
    --------
    >>> import wijknet as wn, wijknet.dask
    >>> net = wn.datasets.davis_southern_women()
    >>> g1, g2 = net.project(), net.project(weight="newman")
    >>> r = wijknet.dask.qap(g1, g2, n=300, seed=7, tasks=3)
    >>> bool((r.null == wn.qap(g1, g2, n=300, seed=7).null).all())
    True
    """
    native = _spread(_native.qap, tasks=tasks, fn="dask.qap", merge=_merge_qap)
    return _association._qap(
        g1, g2, n=n, seed=seed, weight=weight, nodes=nodes, threads=threads, progress=progress, native=native
    )


def mrqap(
    y: Graph,
    xs: Layers,
    *,
    n: int = 1000,
    seed: int | None = None,
    weight: str | None = "weight",
    nodes: str = "intersection",
    tasks: int | None = None,
    threads: int | None = 1,
    progress: _args.ProgressArg = None,
) -> MRQAPResult:
    """:func:`wijknet.mrqap` with its ``n`` permutations spread over the Dask workers; the
    result is identical to ``wn.mrqap`` with the same seed.

    Parameters
    ----------
    y, xs, n, seed, weight, nodes
        As in :func:`wijknet.mrqap`.
    tasks, threads, progress
        As in :func:`null_test`.

    Returns
    -------
    wijknet.association.MRQAPResult

    Examples
    --------
    >>> import wijknet as wn, wijknet.dask
    >>> net = wn.datasets.davis_southern_women()
    >>> y, xs = net.project(weight="newman"), {"shared": net.project()}
    >>> r = wijknet.dask.mrqap(y, xs, n=100, seed=2, tasks=4)
    >>> r.to_frame().equals(wn.mrqap(y, xs, n=100, seed=2).to_frame())
    True
    """
    native = _spread(_native.mrqap, tasks=tasks, fn="dask.mrqap", merge=_merge_mrqap)
    return _association._mrqap(
        y, xs, n=n, seed=seed, weight=weight, nodes=nodes, threads=threads, progress=progress, native=native
    )


def compare(
    net: Network,
    *,
    before: tuple,
    after: tuple,
    metrics: Iterable[str] | None = None,
    n: int = 1000,
    level: float = 0.95,
    seed: int | None = None,
    projection: Any = None,
    tasks: int | None = None,
    threads: int | None = 1,
    progress: _args.ProgressArg = None,
) -> Comparison:
    """:func:`wijknet.temporal.compare` with its ``n`` bootstrap replicates spread over the
    Dask workers; the result is identical to ``wn.temporal.compare`` with the same seed.

    Parameters
    ----------
    net, before, after, metrics, n, level, seed, projection
        As in :func:`wijknet.temporal.compare` (``n`` ≥ 1 here).
    tasks, threads, progress
        As in :func:`null_test`.

    Returns
    -------
    wijknet.temporal.Comparison

    Examples
    --------
    >>> import wijknet as wn, wijknet.dask
    >>> net = wn.datasets.badhuis(200, seed=1)
    >>> kw = dict(before=(None, "2025-07-01"), after=("2025-07-01", None), n=100, seed=3)
    >>> wijknet.dask.compare(net, tasks=4, **kw).summary.equals(wn.temporal.compare(net, **kw).summary)
    True
    """
    _args.whole(n, "n", "dask.compare", minimum=1)
    native = _spread(_native.temporal_compare, tasks=tasks, fn="dask.compare", merge=_merge_compare)
    return _temporal._compare(
        net,
        before=before,
        after=after,
        metrics=metrics,
        n=n,
        level=level,
        seed=seed,
        projection=projection,
        threads=threads,
        progress=progress,
        native=native,
    )


def rank_residents(
    net: Network,
    *,
    roles: str | Iterable[str] = _whatif.KEY_ROLES,
    residents: Iterable[Any] | None = None,
    projection: Any = None,
    min_ties: int | Sequence[int] = (1, 2, 3),
    tasks: int | None = None,
    threads: int | None = 1,
    progress: _args.ProgressArg = None,
) -> pd.DataFrame:
    """:func:`wijknet.whatif.rank_residents` with the residents spread over the Dask workers
    (each task works out what the leaving of a slice of them would do); the ranking is
    identical to ``wn.whatif.rank_residents``.

    Parameters
    ----------
    net, roles, residents, projection, min_ties
        As in :func:`wijknet.whatif.rank_residents`.
    tasks, threads, progress
        As in :func:`null_test` (the residents are cut into ``tasks`` slices).

    Returns
    -------
    pandas.DataFrame
        As :func:`wijknet.whatif.rank_residents`.

    Examples
    --------
    >>> import wijknet as wn, wijknet.dask
    >>> net = wn.datasets.badhuis(300, seed=1)
    >>> wijknet.dask.rank_residents(net, tasks=3).equals(wn.whatif.rank_residents(net))
    True
    """
    fn = "dask.rank_residents"

    def native(net_: Any, who: list, ks: list, *, progress: Any = None, **kwargs: Any) -> dict:
        from dask import delayed

        if not who:
            return dict(_native.whatif_rank_residents(net_, who, ks, **kwargs))
        slices = _slices(len(who), _tasks(tasks, len(who), fn))
        shared = delayed(Network(net_), pure=True)
        jobs = [
            delayed(_run_native, pure=True)(
                "whatif_rank_residents", {"net": shared, "residents": who[a:b], "ks": ks, **kwargs}
            )
            for a, b in slices
        ]
        parts = _compute(jobs, progress, fn)
        out = dict(parts[0])
        for key in (
            "ties_lost",
            "lose_all",
            "residents",
            "ties",
            "isolates",
            "components",
            "largest_component",
        ):
            out[key] = np.concatenate([np.asarray(p[key]) for p in parts])
        out["at_least"] = np.concatenate([np.asarray(p["at_least"]).ravel() for p in parts])
        return out

    return _whatif._rank_residents(
        net,
        roles=roles,
        residents=residents,
        projection=projection,
        min_ties=min_ties,
        threads=threads,
        progress=progress,
        native=native,
    )
