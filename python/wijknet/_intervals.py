"""Provisional interval methods (replaced by the calibrated module)."""

from __future__ import annotations

import numpy as np


def _pct(reps, level):
    tail = 50 * (1 - level)
    reps = reps[np.isfinite(reps)]
    if reps.size == 0:
        return (float("nan"), float("nan"))
    lo, hi = np.percentile(reps, [tail, 100 - tail])
    return (float(lo), float(hi))


def mean_interval(values, *, n=1000, level=0.95, seed=None):
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size < 2 or n == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    reps = np.array([v[rng.integers(0, v.size, v.size)].mean() for _ in range(n)])
    return _pct(reps, level)


def ratio_interval(numerator, denominator, *, n=1000, level=0.95, seed=None):
    a = np.asarray(numerator, dtype=float)
    b = np.asarray(denominator, dtype=float)
    if a.size < 2 or n == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    reps = []
    for _ in range(n):
        i = rng.integers(0, a.size, a.size)
        d = b[i].sum()
        reps.append(a[i].sum() / d if d else np.nan)
    return _pct(np.array(reps), level)


def difference_interval(a, b, *, n=1000, level=0.95, seed=None):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a = a[np.isfinite(a)]
    b = b[np.isfinite(b)]
    if a.size < 2 or b.size < 2 or n == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    reps = np.array(
        [
            a[rng.integers(0, a.size, a.size)].mean() - b[rng.integers(0, b.size, b.size)].mean()
            for _ in range(n)
        ]
    )
    return _pct(reps, level)
