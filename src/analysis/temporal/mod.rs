//! Change over time (docs/metrics.md, "Time"): calendar periods as views, growth per period,
//! retention, survival of participation (Kaplan–Meier), tie formation after joining and tie
//! persistence between two graphs. The before/after comparison with bootstrap intervals lives
//! in [`crate::stats::bootstrap`].
//!
//! Dates are the register's i64 values in its [`DateUnit`](crate::DateUnit) ("D", "s", "ms" since
//! 1970-01-01). Calendar periods (months, quarters, years) are aligned to the proleptic
//! Gregorian calendar in UTC, for negative dates (before 1970) too; every duration argument
//! (`within`, `gap`) is given in days and converted to the register's unit. The calendar
//! arithmetic lives in [`crate::calendar`].
//!
//! # Example
//! ```
//! use wijknet::{Context, DateUnit, Duplicates, Network, Projection, RegisterBuilder, Role};
//! use wijknet::analysis::temporal::{growth, Freq};
//! let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
//! // 2025-01-06 is day 20094 since 1970-01-01; 2025-02-03 is day 20122
//! for (r, a, d) in [("ann", "dance", 20094), ("bob", "dance", 20094), ("ann", "yoga", 20122), ("cas", "yoga", 20122)] {
//!     b.add_dated(r, a, d, Role::Participant).unwrap();
//! }
//! let net = Network::new(b.build(Duplicates::Count).unwrap());
//! let g = growth(&net, Freq::Month, &Projection::default(), &Context::new()).unwrap();
//! assert_eq!(g.periods[0].label, "2025-01");
//! assert_eq!(g.residents, vec![2, 2]);
//! assert_eq!(g.new, vec![2, 1]); // cas is new in February, ann returns
//! assert_eq!(g.ties, vec![1, 1]);
//! ```
use crate::calendar::periods_between;
use crate::calendar::units_per_day;
pub use crate::calendar::{Freq, Period, MAX_PERIODS};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::ids::Ids;
use crate::incidence::{Incidence, Unit};
use crate::network::Network;
use crate::projection::{project_incidence, Projection};
use crate::register::Register;
use fixedbitset::FixedBitSet;

mod growth;
mod survival;
mod ties;

pub use growth::{growth, retention, Growth, Retention};
pub use survival::{kaplan_meier, participation_spells, survival, KaplanMeier, Spells};
pub use ties::{persistence, tie_formation, Persistence, TieFormation};

pub(crate) fn dates_of(reg: &Register) -> Result<&[i64]> {
    reg.session_date().ok_or_else(|| {
        Error::arg(
            "net",
            "the register has no dates; pass date= when building the network to use wijknet.temporal",
        )
    })
}

/// The rows of a view, each as (resident, row).
pub(crate) fn view_rows(net: &Network) -> Vec<(u32, usize)> {
    let reg = net.register();
    let mask = net.mask();
    let mut out = Vec::with_capacity(mask.map_or(reg.n_rows(), |m| m.count_ones(..)));
    for r in 0..reg.n_residents() as u32 {
        for row in reg.rows_of(r) {
            if mask.is_none_or(|m| m.contains(row)) {
                out.push((r, row));
            }
        }
    }
    out
}

/// First and last date of the view's rows (None when the view is empty).
fn date_range(net: &Network, rows: &[(u32, usize)]) -> Result<Option<(i64, i64)>> {
    let reg = net.register();
    let dates = dates_of(reg)?;
    let sess = reg.row_session();
    let mut lo = i64::MAX;
    let mut hi = i64::MIN;
    for &(_, row) in rows {
        let d = dates[sess[row] as usize];
        lo = lo.min(d);
        hi = hi.max(d);
    }
    Ok((!rows.is_empty()).then_some((lo, hi)))
}

/// The periods covering the view's dates: from the period holding the first attendance to the
/// one holding the last, consecutive, none skipped (empty ones included).
///
/// # Arguments
/// * `net` — a dated network (or view).
/// * `freq` — [`Freq::Month`], [`Freq::Quarter`], [`Freq::Year`] (calendar-aligned, UTC) or
///   [`Freq::Days`] (runs of n days from the first day with an attendance).
///
/// # Returns
/// Periods in time order; empty for an empty view.
///
/// # Errors
/// [`Error::InvalidArgument`] for an undated register, or more than [`MAX_PERIODS`] periods.
///
/// # Complexity
/// O(rows + periods).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::temporal::{period_bounds, Freq};
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Second);
/// b.add_dated("ann", "dance", -1, Role::Participant).unwrap(); // 1969-12-31T23:59:59
/// b.add_dated("bob", "dance", 0, Role::Participant).unwrap(); // 1970-01-01T00:00:00
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let p = period_bounds(&net, Freq::Quarter).unwrap();
/// assert_eq!(p.len(), 2);
/// assert_eq!((p[0].label.as_str(), p[0].end), ("1969Q4", 0));
/// assert_eq!(p[1].label, "1970Q1");
/// ```
pub fn period_bounds(net: &Network, freq: Freq) -> Result<Vec<Period>> {
    let rows = view_rows(net);
    bounds_of(net, &rows, freq)
}

fn bounds_of(net: &Network, rows: &[(u32, usize)], freq: Freq) -> Result<Vec<Period>> {
    match date_range(net, rows)? {
        None => Ok(Vec::new()),
        Some((lo, hi)) => periods_between(freq, net.register().date_unit(), lo, hi),
    }
}

/// Index of the period holding date `d` (periods are consecutive and cover all dates).
#[inline]
fn period_of(bounds: &[Period], d: i64) -> usize {
    bounds.partition_point(|p| p.start <= d) - 1
}

/// The view's rows bucketed by period (each bucket in resident order).
fn bucket_rows(net: &Network, rows: &[(u32, usize)], bounds: &[Period]) -> Vec<Vec<(u32, usize)>> {
    let reg = net.register();
    let dates = reg.session_date().unwrap_or(&[]);
    let sess = reg.row_session();
    let mut buckets: Vec<Vec<(u32, usize)>> = vec![Vec::new(); bounds.len()];
    for &(r, row) in rows {
        buckets[period_of(bounds, dates[sess[row] as usize])].push((r, row));
    }
    buckets
}

/// The network split into consecutive periods: one view per period, sharing the register (no
/// copy of the rows; each view holds a row mask of n_rows bits).
///
/// # Arguments
/// * `net`, `freq` — as [`period_bounds`].
/// * `cumulative` — true: each view holds everything from the first period up to the end of
///   its period (the network as it had grown by then).
///
/// # Returns
/// (period, view) pairs in time order. The view of a period equals
/// `net.window(Some(start), Some(end))` (cumulative: `net.window(None, Some(end))`).
///
/// # Errors
/// As [`period_bounds`].
///
/// # Complexity
/// O(rows + periods · n_rows / 64).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::temporal::{periods, Freq};
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// for (r, d) in [("ann", 0), ("bob", 40), ("cas", 400)] {
///     b.add_dated(r, "dance", d, Role::Participant).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let p = periods(&net, Freq::Year, true).unwrap();
/// assert_eq!(p.len(), 2);
/// assert_eq!(p[1].1.summary().residents, 3);
/// ```
pub fn periods(net: &Network, freq: Freq, cumulative: bool) -> Result<Vec<(Period, Network)>> {
    let rows = view_rows(net);
    let bounds = bounds_of(net, &rows, freq)?;
    let buckets = bucket_rows(net, &rows, &bounds);
    let n_rows = net.register().n_rows();
    let mut out = Vec::with_capacity(bounds.len());
    let mut acc = FixedBitSet::with_capacity(n_rows);
    for (p, bucket) in bounds.into_iter().zip(buckets) {
        let mut m = if cumulative {
            acc.clone()
        } else {
            FixedBitSet::with_capacity(n_rows)
        };
        for &(_, row) in &bucket {
            m.insert(row);
        }
        if cumulative {
            acc = m.clone();
        }
        out.push((p, net.with_mask(Some(m))));
    }
    Ok(out)
}
