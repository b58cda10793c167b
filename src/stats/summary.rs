//! Summaries of samples, defined once for the whole crate: mean, sample variance and standard
//! deviation, quantiles, and the p-values of a permutation (or null-model) test.
//!
//! # Mean, spread, quantiles
//! [`mean`] sums in input order; [`variance`] and [`sd`] use n − 1 in the denominator (NaN for
//! fewer than two values); [`quantile`] interpolates linearly between order statistics
//! (Hyndman & Fan's type 7, numpy's and R's default).
//!
//! # Permutation p-values
//! For an observed value o and R null values x_1..x_R (NaN values are left out, R counts the
//! rest), [`PValues::new`] gives
//! - greater = (1 + #{x ≥ o})/(R + 1),
//! - less = (1 + #{x ≤ o})/(R + 1),
//! - two-sided = min(1, 2·min(greater, less)).
//!
//! The +1 counts the observed value as one of the permutations, so no p-value is ever 0 and
//! the test stays exact (Phipson & Smyth 2010, "Permutation p-values should never be zero").
//! Null values within a relative [`TIE_TOLERANCE`] of o count as ties (as extreme as o): a
//! permutation that is a symmetry of the data gives the observed statistic up to rounding,
//! and must not fall on the wrong side by one unit in the last place.
//!
//! The two-sided value doubles the smaller one-sided value (Good 2005, *Permutation,
//! Parametric and Bootstrap Tests of Hypotheses*, §3.6). Unlike counting |x| ≥ |o| it needs no
//! centre of the null distribution, so it means the same for a correlation (null centred near
//! 0) and for a clustering coefficient or a modularity (null centred far from 0).
//!
//! # Example
//! ```
//! use wijknet::stats::summary::{mean, quantile, sd, PValues};
//! assert_eq!(mean(&[1.0, 2.0, 3.0]), 2.0);
//! assert_eq!(sd(&[1.0, 2.0, 3.0]), 1.0);
//! assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
//! let p = PValues::new(3.0, &[1.0, 2.0, 3.0, f64::NAN]);
//! assert_eq!((p.greater, p.less, p.two_sided), (0.5, 1.0, 1.0));
//! ```

/// Relative tolerance within which a null value counts as a tie with the observed one.
pub const TIE_TOLERANCE: f64 = 1e-9;

/// Arithmetic mean (summed in input order); NaN for no values.
pub fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// Sample variance (n − 1 in the denominator) around `mean`; NaN for fewer than two values.
fn variance_around(v: &[f64], mean: f64) -> f64 {
    if v.len() < 2 {
        return f64::NAN;
    }
    v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (v.len() - 1) as f64
}

/// Sample variance (n − 1 in the denominator); NaN for fewer than two values.
pub fn variance(v: &[f64]) -> f64 {
    variance_around(v, mean(v))
}

/// Sample standard deviation (n − 1 in the denominator); NaN for fewer than two values.
pub fn sd(v: &[f64]) -> f64 {
    variance(v).sqrt()
}

/// [`mean`] and [`sd`] together (one pass for the mean).
pub fn mean_sd(v: &[f64]) -> (f64, f64) {
    let m = mean(v);
    (m, variance_around(v, m).sqrt())
}

/// The values that are not NaN, in order.
pub fn without_nan(v: &[f64]) -> Vec<f64> {
    v.iter().copied().filter(|x| !x.is_nan()).collect()
}

/// Quantile `q` ∈ [0, 1] of ascending `sorted` values, interpolating linearly between order
/// statistics (numpy's default); NaN for no values.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Permutation p-values of an observed statistic against its null values (see the module
/// docs for the definition).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PValues {
    /// (1 + #{null ≥ observed})/(R + 1).
    pub greater: f64,
    /// (1 + #{null ≤ observed})/(R + 1).
    pub less: f64,
    /// min(1, 2·min(greater, less)).
    pub two_sided: f64,
}

impl PValues {
    /// p-values of `observed` against `null` (NaN null values left out; all NaN when
    /// `observed` is NaN).
    pub fn new(observed: f64, null: &[f64]) -> PValues {
        if observed.is_nan() {
            return PValues {
                greater: f64::NAN,
                less: f64::NAN,
                two_sided: f64::NAN,
            };
        }
        let tol = TIE_TOLERANCE * observed.abs();
        let (mut r, mut ge, mut le) = (0usize, 0usize, 0usize);
        for &x in null.iter().filter(|x| !x.is_nan()) {
            r += 1;
            ge += usize::from(x >= observed - tol);
            le += usize::from(x <= observed + tol);
        }
        let r1 = (r + 1) as f64;
        let greater = (ge + 1) as f64 / r1;
        let less = (le + 1) as f64 / r1;
        PValues {
            greater,
            less,
            two_sided: (2.0 * greater.min(less)).min(1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_within_tolerance_count_as_extreme() {
        let o = 0.1 + 0.2; // 0.30000000000000004
        let p = PValues::new(o, &[0.3, 0.0, 1.0]);
        assert_eq!(p.greater, 3.0 / 4.0); // 0.3 ties with o, and 1.0
        assert_eq!(p.less, 3.0 / 4.0); // 0.3 and 0.0
        assert_eq!(p.two_sided, 1.0);
    }

    #[test]
    fn small_samples() {
        assert!(mean(&[]).is_nan());
        assert!(sd(&[1.0]).is_nan());
        assert_eq!(mean_sd(&[1.0]).0, 1.0);
        assert!(quantile(&[], 0.5).is_nan());
        assert_eq!(quantile(&[4.0], 0.9), 4.0);
        assert!(PValues::new(f64::NAN, &[1.0]).greater.is_nan());
        assert_eq!(PValues::new(1.0, &[]).two_sided, 1.0);
    }
}
