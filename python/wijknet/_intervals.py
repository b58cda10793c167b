"""The intervals the evaluation report shows, and how well each one covers (private).

One home for the report's interval methods. Each function returns ``(low, high)`` at ``level``
(default 0.95) from ``n`` bootstrap replicates drawn with ``np.random.default_rng(seed)``:

* :func:`mean_interval` — the mean (or share, for 0/1 values) of a per-resident value;
* :func:`ratio_interval` — a share of ties (ties within a group / all ties) from per-resident
  counts, a resident-cluster bootstrap of a ratio;
* :func:`difference_interval` — the difference of two group means (independent groups);
* :func:`paired_difference_interval` — before/after: the change of a per-resident mean when the
  same residents are seen in both periods (some in only one).

**Ties have two ends.** A value that counts a resident's ties (distinct co-participants, ties
within the own group) is not independent across residents: a tie between two residents is
counted once at each end, so adding or removing one resident changes the values of its
co-participants too. Treating such values as independent gives intervals half as wide as they
should be (a nominal 95% interval covered about 67% of registers in the study in
``docs/metrics.md``, "Intervals and their coverage"). With ``ties=True`` each replicate's
deviation from the estimate is doubled: a resident's influence on a sum over ties is its own
part twice (the delete-one-resident jackknife, which by the Efron–Stein inequality errs on the
wide side). Counting every tie from both ends does need that care; a difference between two
groups of one network does not (a tie between the groups raises both means).

:data:`CALIBRATED` records, for each kind of statistic the report shows, whether its interval is
calibrated (a nominal 95% interval covered 93–97% of registers drawn from a known model), the
measured coverage, and — where it is not — the sentence the report prints instead of an
interval, in Dutch and English. ``benches/coverage.py`` measures it.

>>> import numpy as np
>>> from wijknet._intervals import mean_interval, ratio_interval
>>> low, high = mean_interval([0, 1, 1, 0, 1, 1, 1, 0, 1, 1])  # a share: Wilson's interval
>>> round(low, 4), round(high, 4)
(0.3537, 0.9191)
>>> low, high = mean_interval(np.arange(50.0), seed=1)
>>> bool(low < 24.5 < high)
True
>>> low, high = ratio_interval([2, 1, 0, 3, 2] * 10, [3, 2, 1, 3, 4] * 10, ties=True, seed=1)
>>> bool(low < 8 / 13 < high)
True
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from typing import Any

import numpy as np

from ._errors import ArgumentError

__all__ = [
    "CALIBRATED",
    "Coverage",
    "coverage",
    "difference_interval",
    "mean_interval",
    "paired_difference_interval",
    "ratio_interval",
]

_NAN2 = (math.nan, math.nan)
_BLOCK = 2_000_000  # replicates × residents drawn at once


# ---------------------------------------------------------------------------------------------
# arguments
# ---------------------------------------------------------------------------------------------
def _values(values: Any, name: str, fn: str) -> np.ndarray:
    try:
        v = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise ArgumentError(f"{fn}({name}=...): give numbers, one per resident") from None
    return v


def _checked(n: Any, level: Any, fn: str) -> tuple[int, float]:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise ArgumentError(f"{fn}(n={n!r}): give a whole number of replicates ≥ 1, e.g. 1000")
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < float(level) < 1:
        raise ArgumentError(f"{fn}(level={level!r}): give a number between 0 and 1, e.g. 0.95")
    return int(n), float(level)


def _percentile(replicates: np.ndarray, level: float) -> tuple[float, float]:
    r = replicates[np.isfinite(replicates)]
    if not len(r):
        return _NAN2
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(r, [tail, 100 - tail])
    return float(low), float(high)


def _resampled_sums(columns: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap sums: ``n`` × k, each row the column sums over residents drawn with
    replacement (``columns`` is residents × k)."""
    size = len(columns)
    out = np.empty((n, columns.shape[1]))
    block = max(1, _BLOCK // max(size, 1))
    for start in range(0, n, block):
        stop = min(n, start + block)
        draws = rng.integers(0, size, size=(stop - start, size))
        if columns.shape[1] == 1:
            out[start:stop] = columns[draws, 0].sum(axis=1)[:, None]
        else:  # how often each resident was drawn, then one matrix product
            counts = np.stack([np.bincount(row, minlength=size) for row in draws]).astype(float)
            out[start:stop] = counts @ columns
    return out


# ---------------------------------------------------------------------------------------------
# the intervals
# ---------------------------------------------------------------------------------------------
def _wilson(k: float, m: int, level: float) -> tuple[float, float]:
    """Wilson's score interval with continuity correction (Newcombe 1998, method 4)."""
    z = _z(level)
    p = k / m
    q = 1 - p
    low = 0.0
    if k > 0:
        low = (2 * m * p + z * z - 1 - z * math.sqrt(z * z - 2 - 1 / m + 4 * p * (m * q + 1))) / (
            2 * (m + z * z)
        )
    high = 1.0
    if k < m:
        high = (2 * m * p + z * z + 1 + z * math.sqrt(z * z + 2 - 1 / m + 4 * p * (m * q - 1))) / (
            2 * (m + z * z)
        )
    return max(0.0, low), min(1.0, high)


def _z(level: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + level / 2)


def _expanded(replicates: np.ndarray, m: int, level: float) -> tuple[float, float]:
    """The expanded percentile interval (Hesterberg 2015): the percentile interval at the
    tail ``Φ(−√(m/(m−1)) · t_{m−1})`` instead of ``(1 − level)/2``, which makes up for the
    percentile bootstrap's narrowness in small samples (t quantile by its Cornish–Fisher
    expansion)."""
    from statistics import NormalDist

    if m < 2:
        return _percentile(replicates, level)
    z = _z(level)
    nu = m - 1
    t = z + (z**3 + z) / (4 * nu) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * nu * nu)
    tail = NormalDist().cdf(-math.sqrt(m / (m - 1)) * t)
    return _percentile(replicates, 1 - 2 * tail)


def mean_interval(
    values: Any, *, n: int = 1000, level: float = 0.95, seed: int | None = None, ties: bool = False
) -> tuple[float, float]:
    """An interval for the mean over residents of a per-resident value (a share, for 0/1
    values).

    Values that are independent across residents (0/1 answers, sessions attended, "has a
    repeated-contact tie"): 0/1 values get Wilson's score interval with continuity correction,
    other values the expanded percentile bootstrap of the mean (the percentile interval at a
    slightly smaller tail, which makes up for its narrowness in small samples; Hesterberg
    2015). Values that *count ties* (distinct co-participants):
    pass ``ties=True``; each tie is counted at both of its ends, and each replicate's deviation
    from the mean is doubled (module docs). NaN values are left out.

    Parameters
    ----------
    values
        One number per resident.
    n, level, seed
        Bootstrap replicates, confidence level, and the seed of ``np.random.default_rng``.
    ties
        True when the values are counts of ties (each tie counted at both ends).

    Returns
    -------
    tuple[float, float]
        (low, high); (nan, nan) without values.

    Examples
    --------
    >>> from wijknet._intervals import mean_interval
    >>> low, high = mean_interval([3, 0, 2, 5, 1, 2, 4, 0, 3, 2] * 5, ties=True, seed=7)
    >>> round(low, 1), round(high, 1)
    (1.4, 3.1)
    """
    fn = "mean_interval"
    n, level = _checked(n, level, fn)
    v = _values(values, "values", fn)
    v = v[np.isfinite(v)]
    m = len(v)
    if not m:
        return _NAN2
    if not ties and np.all((v == 0) | (v == 1)):
        return _wilson(float(v.sum()), m, level)
    rng = np.random.default_rng(seed)
    mean = float(v.mean())
    reps = _resampled_sums(v[:, None], n, rng)[:, 0] / m
    if ties:
        reps = mean + 2.0 * (reps - mean)
    return _expanded(reps, m, level)


def ratio_interval(
    numerator: Any,
    denominator: Any,
    *,
    n: int = 1000,
    level: float = 0.95,
    seed: int | None = None,
    ties: bool = False,
) -> tuple[float, float]:
    """An interval for a ratio of sums over residents, ``Σ numerator / Σ denominator`` — e.g.
    the share of ties within a group (bonding): per resident its ties within the group and all
    its ties.

    A resident-cluster bootstrap: residents are drawn with replacement with both counts. When
    the counts are ties (each tie counted at both ends), pass ``ties=True``: each replicate's
    deviation from the ratio is doubled (module docs), otherwise the interval is half as wide
    as it should be. Residents with a NaN count are left out.

    Parameters
    ----------
    numerator, denominator
        One count per resident (numerator ≤ denominator for a share).
    n, level, seed
        Bootstrap replicates, confidence level, and the seed of ``np.random.default_rng``.
    ties
        True when both counts are ties of the resident (each tie counted at both ends), with
        the numerator's ties among the denominator's.

    Returns
    -------
    tuple[float, float]
        (low, high); (nan, nan) when the denominator sums to 0.

    Examples
    --------
    >>> from wijknet._intervals import ratio_interval
    >>> within = [2, 1, 0, 3, 2, 1, 0, 2] * 8
    >>> every = [3, 2, 1, 3, 4, 2, 1, 2] * 8
    >>> low, high = ratio_interval(within, every, ties=True, seed=3)
    >>> round(sum(within) / sum(every), 3), round(low, 2), round(high, 2)
    (0.611, 0.47, 0.73)
    """
    fn = "ratio_interval"
    n, level = _checked(n, level, fn)
    a = _values(numerator, "numerator", fn)
    b = _values(denominator, "denominator", fn)
    if len(a) != len(b):
        raise ArgumentError(
            f"{fn}: numerator has {len(a)} values, denominator {len(b)}; give one of each per resident"
        )
    keep = np.isfinite(a) & np.isfinite(b)
    a, b = a[keep], b[keep]
    if not len(a) or b.sum() <= 0:
        return _NAN2
    rng = np.random.default_rng(seed)
    ratio = float(a.sum() / b.sum())
    sums = _resampled_sums(np.column_stack([a, b]), n, rng)
    with np.errstate(invalid="ignore", divide="ignore"):
        reps = sums[:, 0] / sums[:, 1]
    if ties:
        reps = ratio + 2.0 * (reps - ratio)
    return _percentile(reps, level)


def difference_interval(
    a: Any, b: Any, *, n: int = 1000, level: float = 0.95, seed: int | None = None
) -> tuple[float, float]:
    """An interval for ``mean(a) − mean(b)``, the difference of two group means (e.g.
    respondents − non-respondents): each group is drawn with replacement, its size kept, and
    the interval is the percentile interval of the replicate differences. NaN values are left
    out.

    With ``ties=True`` (values that count ties, such as distinct co-participants) the
    deviations are doubled, as each tie is counted at both ends; this is on the safe side
    (wider) when the groups share ties.

    Examples
    --------
    >>> from wijknet._intervals import difference_interval
    >>> low, high = difference_interval([5, 6, 7, 8, 6, 7] * 5, [4, 5, 6, 5, 4, 6] * 5, seed=2)
    >>> bool(0 < low < 1.5 < high)
    True
    """
    fn = "difference_interval"
    n, level = _checked(n, level, fn)
    x = _values(a, "a", fn)
    y = _values(b, "b", fn)
    x, y = x[np.isfinite(x)], y[np.isfinite(y)]
    if not len(x) or not len(y):
        return _NAN2
    rng = np.random.default_rng(seed)
    mean_a = _resampled_sums(x[:, None], n, rng)[:, 0] / len(x)
    mean_b = _resampled_sums(y[:, None], n, rng)[:, 0] / len(y)
    reps = mean_a - mean_b
    return _percentile(reps, level)


def paired_difference_interval(
    before: Any,
    after: Any,
    *,
    n: int = 1000,
    level: float = 0.95,
    seed: int | None = None,
    ties: bool = False,
) -> tuple[float, float]:
    """An interval for the change of a per-resident mean between two periods,
    ``nanmean(after) − nanmean(before)``, when the same residents are seen in both.

    ``before`` and ``after`` hold one value per resident of *either* period, in the same
    order, NaN where the resident was not there (joined later or left). Residents are drawn
    with replacement with both of their values, so a resident's before and after stay
    together; each period's mean is over the drawn residents present in it. With
    ``ties=True`` (values that count ties) the deviations of each period's sum of values are
    doubled, as each tie is counted at both ends (on the safe side: slightly wide).

    Examples
    --------
    >>> import numpy as np
    >>> from wijknet._intervals import paired_difference_interval
    >>> before = [1, 2, 0, 3, np.nan, 2, 1, 1] * 6
    >>> after = [2, 2, 1, 4, 3, np.nan, 2, 2] * 6
    >>> low, high = paired_difference_interval(before, after, seed=4)
    >>> bool(0 < low < high)
    True
    """
    fn = "paired_difference_interval"
    n, level = _checked(n, level, fn)
    x = _values(before, "before", fn)
    y = _values(after, "after", fn)
    if len(x) != len(y):
        raise ArgumentError(
            f"{fn}: before has {len(x)} values, after {len(y)}; give one of each per resident"
        )
    keep = np.isfinite(x) | np.isfinite(y)
    x, y = x[keep], y[keep]
    px, py = np.isfinite(x), np.isfinite(y)
    if not px.any() or not py.any():
        return _NAN2
    cols = np.column_stack([np.where(px, x, 0.0), px, np.where(py, y, 0.0), py]).astype(float)
    rng = np.random.default_rng(seed)
    sums = _resampled_sums(cols, n, rng)
    total = cols.sum(axis=0)
    mb, ma = total[0] / total[1], total[2] / total[3]
    k = 2.0 if ties else 1.0
    with np.errstate(invalid="ignore", divide="ignore"):
        if ties:
            # linearised ratio of each period, the sum of values' deviation doubled
            rb = mb + (k * (sums[:, 0] - total[0]) - mb * (sums[:, 1] - total[1])) / total[1]
            ra = ma + (k * (sums[:, 2] - total[2]) - ma * (sums[:, 3] - total[3])) / total[3]
        else:
            rb, ra = sums[:, 0] / sums[:, 1], sums[:, 2] / sums[:, 3]
    return _percentile(ra - rb, level)


# ---------------------------------------------------------------------------------------------
# which intervals are calibrated
# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Coverage:
    """How a kind of interval covered in the simulation study (``docs/metrics.md``,
    "Intervals and their coverage").

    Attributes
    ----------
    calibrated
        Whether a nominal 95% interval covered 93–97% of the simulated registers.
    coverage
        The measured coverage (share of registers whose interval held the true value).
    method
        The call that gives the interval (or the reason there is none).
    reason_nl, reason_en
        Empty when calibrated; otherwise the sentence the report prints instead of an interval.
    """

    calibrated: bool
    coverage: float
    method: str
    reason_nl: str = ""
    reason_en: str = ""

    def reason(self, lang: str = "nl") -> str:
        """The sentence shown instead of an interval ("" when calibrated)."""
        return self.reason_nl if lang == "nl" else self.reason_en


_WHOLE_NL = (
    "Geen onzekerheidsmarge: voor een maat van het hele netwerk geeft het opnieuw trekken van "
    "bewoners geen betrouwbare marge (in simulaties klopte een 95%-marge in {cov} van de gevallen, "
    "afhankelijk van hoe het netwerk is opgebouwd)."
)
_WHOLE_EN = (
    "No interval: for a measure of the whole network, resampling residents gives no reliable "
    "interval (in simulations a 95% interval held in {cov} of cases, depending on how the "
    "network is built)."
)
_REACH_NL = (
    "Geen onzekerheidsmarge: het bereik in twee stappen loopt via andere bewoners, waardoor het "
    "opnieuw trekken van bewoners een te smalle marge geeft (in simulaties klopte een 95%-marge "
    "in {cov} van de gevallen)."
)
_REACH_EN = (
    "No interval: reach in two steps runs through other residents, so resampling residents "
    "gives too narrow an interval (in simulations a 95% interval held in {cov} of cases)."
)
_BOTH_ENDS_NL = (
    "Geen onzekerheidsmarge: elk contact telt bij beide bewoners mee, waardoor deze marge te "
    "smal is (in simulaties klopte een 95%-marge in {cov} van de gevallen)."
)
_BOTH_ENDS_EN = (
    "No interval: every tie counts for both of its residents, which makes this interval too "
    "narrow (in simulations a 95% interval held in {cov} of cases)."
)
_FEW_NL = (
    "Geen onzekerheidsmarge: dit aandeel contacten hangt vooral af van de weinige bewoners die "
    "ook activiteiten van andere groepen bezoeken, waardoor de marge niet betrouwbaar is (in "
    "simulaties klopte een 95%-marge in {cov} van de gevallen)."
)
_FEW_EN = (
    "No interval: this share of ties depends mostly on the few residents who also attend other "
    "groups' activities, which makes the interval unreliable (in simulations a 95% interval held "
    "in {cov} of cases)."
)


def _yes(coverage: float, method: str) -> Coverage:
    return Coverage(True, coverage, method)


def _no(coverage: float, method: str, nl: str, en: str) -> Coverage:
    cov = f"{coverage:.0%}"
    return Coverage(False, coverage, method, nl.format(cov=cov), en.format(cov=cov))


#: For each kind of statistic the report shows: is its interval calibrated (a nominal 95%
#: interval covered 93–97% of registers), the coverage measured, the call that gives it, and
#: what to print when it is not calibrated. Measured by ``benches/coverage.py`` on 1000
#: registers of the model in docs/metrics.md ("Intervals and their coverage"; Monte-Carlo
#: standard error about 0.7 points) with 300 and with 120 residents: the coverage farthest from
#: 95% of the two is recorded (for ``compare`` also over a configuration model, and for the
#: survey kinds over response draws on fixed registers). ``tests/test_coverage.py`` rechecks a
#: smaller run.
CALIBRATED: dict[str, Coverage] = {
    "share": _yes(0.942, "mean_interval(values)  # 0/1 per resident: Wilson"),
    "mean": _yes(0.936, "mean_interval(values)  # values independent across residents"),
    "mean_ties": _yes(0.932, "mean_interval(values, ties=True)  # counts of ties"),
    "mean_reach": _no(0.896, "mean_interval(values, ties=True)", _REACH_NL, _REACH_EN),
    "ratio_ties": _no(0.912, "ratio_interval(numerator, denominator, ties=True)", _FEW_NL, _FEW_EN),
    "difference": _yes(0.937, "difference_interval(a, b)"),
    "paired_difference_ties": _yes(0.943, "paired_difference_interval(before, after, ties=True)"),
    "nonresponse": _yes(0.957, "survey.nonresponse  # fixed register, random response"),
    "reweight": _no(
        0.977,
        "survey.reweight  # fixed register, random response",
        "Geen onzekerheidsmarge: deze marge houdt er geen rekening mee dat een groot deel van de "
        "deelnemers de vragenlijst heeft ingevuld, en is daardoor te breed (in simulaties klopte een "
        "95%-marge in {cov} van de gevallen).",
        "No interval: this interval ignores that a large part of the participants answered the "
        "survey, which makes it too wide (in simulations a 95% interval held in {cov} of cases).",
    ),
    "compare:mean_degree": _no(0.666, "temporal.compare", _BOTH_ENDS_NL, _BOTH_ENDS_EN),
    "compare:share_with_tie": _yes(0.936, "temporal.compare"),
    "compare:mean_clustering": _no(0.787, "temporal.compare", _WHOLE_NL, _WHOLE_EN),
    "compare:density": _no(1.0, "temporal.compare", _WHOLE_NL, _WHOLE_EN),
    "compare:components": _no(0.898, "temporal.compare", _WHOLE_NL, _WHOLE_EN),
    "compare:largest_component_share": _no(0.754, "temporal.compare", _WHOLE_NL, _WHOLE_EN),
}


def coverage(kind: str) -> Coverage:
    """The :class:`Coverage` of a kind of statistic (a key of :data:`CALIBRATED`)."""
    try:
        return CALIBRATED[kind]
    except KeyError:
        raise ArgumentError(f"coverage({kind!r}): not one of {', '.join(sorted(CALIBRATED))}") from None
