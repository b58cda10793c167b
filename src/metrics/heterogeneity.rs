//! Heterogeneity of a categorical attribute over a group of people: Blau's index, the index of
//! qualitative variation and Krackhardt & Stern's E-I ratio. These kernels serve ego-network
//! composition ([`ego`](crate::metrics::ego)), mixing ([`mixing`](crate::metrics::mixing)) and
//! the diversity of activities ([`crate::analysis::diversity`]). Definitions: docs/metrics.md,
//! "Groups, mixing, activities".
//!
//! A category code of −1 means the value is missing; every kernel's caller validates codes first.
use crate::error::{Error, Result};

/// Blau's heterogeneity 1 − Σ_c p_c² of integer counts per category (p_c = n_c / N): the
/// chance that two people drawn at random with replacement differ. Computed from exact
/// integers with one rounding, (N² − Σ n_c²) / N². NaN when N = 0.
///
/// # Example
/// ```
/// use wijknet::metrics::heterogeneity::blau;
/// assert!((blau(&[2, 1]) - 4.0 / 9.0).abs() < 1e-15);
/// assert!(blau(&[0, 0]).is_nan());
/// ```
pub fn blau(counts: &[u32]) -> f64 {
    let n: u128 = counts.iter().map(|&c| c as u128).sum();
    if n == 0 {
        return f64::NAN;
    }
    let sq: u128 = counts.iter().map(|&c| c as u128 * c as u128).sum();
    (n * n - sq) as f64 / (n * n) as f64
}

/// Blau's heterogeneity of non-negative weights per category: 1 − Σ_c (w_c / W)². NaN when
/// W = 0.
///
/// # Example
/// ```
/// use wijknet::metrics::heterogeneity::blau_weighted;
/// assert!((blau_weighted(&[2.0, 1.0]) - 4.0 / 9.0).abs() < 1e-15);
/// ```
pub fn blau_weighted(weights: &[f64]) -> f64 {
    let w: f64 = weights.iter().sum();
    if w <= 0.0 {
        return f64::NAN;
    }
    1.0 - weights.iter().map(|&x| (x / w) * (x / w)).sum::<f64>()
}

/// The index of qualitative variation: Blau / (1 − 1/K), 1 when people spread evenly over all
/// K categories. NaN when K < 2 (or Blau is NaN).
///
/// # Example
/// ```
/// use wijknet::metrics::heterogeneity::iqv;
/// assert!((iqv(4.0 / 9.0, 2) - 8.0 / 9.0).abs() < 1e-15);
/// ```
pub fn iqv(blau: f64, categories: usize) -> f64 {
    if categories >= 2 {
        blau * categories as f64 / (categories as f64 - 1.0)
    } else {
        f64::NAN
    }
}

/// The E-I ratio (E − I)/(E + I) of Krackhardt & Stern (1988): −1 when every tie is internal,
/// +1 when every tie is external. NaN when E + I = 0.
///
/// # Example
/// ```
/// use wijknet::metrics::heterogeneity::ei;
/// assert_eq!(ei(1.0, 3.0), -0.5);
/// assert!(ei(0.0, 0.0).is_nan());
/// ```
pub fn ei(external: f64, internal: f64) -> f64 {
    let t = external + internal;
    if t > 0.0 {
        (external - internal) / t
    } else {
        f64::NAN
    }
}

/// Checks that `codes` has `n` values, each in −1..K.
pub(crate) fn check_codes(codes: &[i32], n: usize, categories: usize) -> Result<()> {
    if codes.len() != n {
        return Err(Error::arg(
            "codes",
            format!("has {} values for {n} nodes", codes.len()),
        ));
    }
    if let Some((i, &c)) = codes
        .iter()
        .enumerate()
        .find(|&(_, &c)| c < -1 || c as i64 >= categories as i64)
    {
        return Err(Error::arg(
            "codes",
            format!("node {i} has code {c}; codes must lie in 0..{categories} (−1 = missing)"),
        ));
    }
    Ok(())
}
