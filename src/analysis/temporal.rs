//! Change over time (METRICS.md, "Time"): calendar periods as views, growth per period,
//! retention, survival of participation (Kaplan–Meier), tie formation after joining and tie
//! persistence between two graphs. The before/after comparison with bootstrap intervals lives
//! in [`crate::stats::bootstrap`].
//!
//! Dates are the register's i64 values in its [`DateUnit`] ("D", "s", "ms" since
//! 1970-01-01). Calendar periods (months, quarters, years) are aligned to the proleptic
//! Gregorian calendar in UTC, for negative dates (before 1970) too; every duration argument
//! (`within`, `gap`) is given in days and converted to the register's unit.
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
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::ids::{Id, Ids};
use crate::incidence::{Incidence, Unit};
use crate::network::Network;
use crate::projection::{project_incidence, Projection};
use crate::register::{DateUnit, Register};
use ahash::AHashMap;
use fixedbitset::FixedBitSet;

#[cfg(feature = "parallel")]
use rayon::prelude::*;

/// Most periods a call may create (guards against a stray date centuries away).
pub const MAX_PERIODS: usize = 1_000_000;

// ---------------------------------------------------------------------------------------------
// calendar
// ---------------------------------------------------------------------------------------------

/// Date units per day: 1 ("D"), 86 400 ("s") or 86 400 000 ("ms").
pub fn units_per_day(unit: DateUnit) -> i64 {
    match unit {
        DateUnit::Day => 1,
        DateUnit::Second => 86_400,
        DateUnit::Millisecond => 86_400_000,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian (year, month 1–12, day 1–31).
///
/// (The classic era/day-of-era arithmetic; exact for every i64 year that fits.)
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = m as i64;
    let mp = if m > 2 { m - 3 } else { m + 9 }; // March = 0
    let doy = (153 * mp + 2) / 5 + d as i64 - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of `days` since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Length of the periods of [`periods`], [`growth`] and [`retention`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    /// Calendar months ("M").
    Month,
    /// Calendar quarters starting January, April, July, October ("Q").
    Quarter,
    /// Calendar years ("Y").
    Year,
    /// Runs of this many days starting at the first day with an attendance ("7D", or an
    /// integer in Python).
    Days(u32),
}

impl Freq {
    /// Parses "M", "Q", "Y" or "<n>D" (n ≥ 1 days).
    pub fn parse(s: &str) -> Option<Freq> {
        match s {
            "M" => Some(Freq::Month),
            "Q" => Some(Freq::Quarter),
            "Y" => Some(Freq::Year),
            _ => {
                let n: u32 = s.strip_suffix('D')?.parse().ok()?;
                (n >= 1).then_some(Freq::Days(n))
            }
        }
    }
    fn parse_arg(s: &str) -> Result<Freq> {
        Freq::parse(s).ok_or_else(|| {
            Error::arg(
                "freq",
                format!(
                    "'{s}' is not one of \"M\", \"Q\", \"Y\" or a number of days (e.g. \"7D\")"
                ),
            )
        })
    }
}

impl std::str::FromStr for Freq {
    type Err = Error;
    fn from_str(s: &str) -> Result<Freq> {
        Freq::parse_arg(s)
    }
}

/// One period: `[start, end)` in the register's date unit, with a label ("2025-03",
/// "2025Q1", "2025", or the first day "2025-03-01" for runs of days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Label.
    pub label: String,
    /// First instant (inclusive).
    pub start: i64,
    /// End (exclusive).
    pub end: i64,
}

fn dates_of(reg: &Register) -> Result<&[i64]> {
    reg.session_date().ok_or_else(|| {
        Error::arg(
            "net",
            "the register has no dates; pass date= when building the network to use wijknet.temporal",
        )
    })
}

/// The rows of a view, each as (resident, row).
fn view_rows(net: &Network) -> Vec<(u32, usize)> {
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

fn calendar_bounds(freq: Freq, unit: DateUnit, lo: i64, hi: i64) -> Result<Vec<Period>> {
    let upd = units_per_day(unit);
    let (d_lo, d_hi) = (lo.div_euclid(upd), hi.div_euclid(upd));
    let mut out = Vec::new();
    let too_many = || {
        Error::arg(
            "freq",
            format!(
                "the dates span more than {MAX_PERIODS} periods (from day {d_lo} to day {d_hi} \
                 since 1970-01-01); check the date column and date_unit, or use a longer freq"
            ),
        )
    };
    match freq {
        Freq::Days(n) => {
            let n = n as i64;
            let count = (d_hi - d_lo) / n + 1;
            if count as usize > MAX_PERIODS {
                return Err(too_many());
            }
            for k in 0..count {
                let s = d_lo + k * n;
                let (y, m, d) = civil_from_days(s);
                out.push(Period {
                    label: format!("{y:04}-{m:02}-{d:02}"),
                    start: s * upd,
                    end: (s + n) * upd,
                });
            }
        }
        _ => {
            let step = match freq {
                Freq::Month => 1,
                Freq::Quarter => 3,
                _ => 12,
            };
            let (y0, m0, _) = civil_from_days(d_lo);
            let (y1, m1, _) = civil_from_days(d_hi);
            // months counted from year 0; the first period's first month
            let first = (y0 * 12 + m0 as i64 - 1).div_euclid(step) * step;
            let last = y1 * 12 + m1 as i64 - 1;
            if ((last - first) / step + 1) as usize > MAX_PERIODS {
                return Err(too_many());
            }
            let month_start =
                |k: i64| days_from_civil(k.div_euclid(12), (k.rem_euclid(12) + 1) as u32, 1);
            let mut k = first;
            while k <= last {
                let (y, m) = (k.div_euclid(12), k.rem_euclid(12) + 1);
                let label = match freq {
                    Freq::Month => format!("{y:04}-{m:02}"),
                    Freq::Quarter => format!("{y:04}Q{}", (m - 1) / 3 + 1),
                    _ => format!("{y:04}"),
                };
                out.push(Period {
                    label,
                    start: month_start(k) * upd,
                    end: month_start(k + step) * upd,
                });
                k += step;
            }
        }
    }
    Ok(out)
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
        Some((lo, hi)) => calendar_bounds(freq, net.register().date_unit(), lo, hi),
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

// ---------------------------------------------------------------------------------------------
// growth and retention
// ---------------------------------------------------------------------------------------------

/// Counts per period (see [`growth`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Growth {
    /// The periods, in time order.
    pub periods: Vec<Period>,
    /// Residents with ≥ 1 attendance in the period.
    pub residents: Vec<u64>,
    /// Activities with ≥ 1 attendance in the period.
    pub activities: Vec<u64>,
    /// Sessions with ≥ 1 attendance in the period.
    pub sessions: Vec<u64>,
    /// Distinct (resident, session) attendances in the period.
    pub attendances: Vec<u64>,
    /// Ties of the period's projection (with the given spec).
    pub ties: Vec<u64>,
    /// Residents whose first attendance in the view falls in the period.
    pub new: Vec<u64>,
    /// Residents active in the period who had attended before it (`residents − new`).
    pub returning: Vec<u64>,
}

/// The incidence of a set of rows (grouped by resident, ascending), as [`Incidence::build`]
/// builds it for a view; O(rows · log) instead of O(register rows).
fn incidence_of(reg: &Register, rows: &[(u32, usize)], unit: Unit) -> Incidence {
    let sess_act = reg.session_activity();
    let sess = reg.row_session();
    let to_unit = |row: usize| -> u32 {
        let s = sess[row];
        match unit {
            Unit::Activity => sess_act[s as usize],
            Unit::Session => s,
        }
    };
    let mut units: Vec<u32> = rows.iter().map(|&(_, row)| to_unit(row)).collect();
    units.sort_unstable();
    units.dedup();
    let mut residents = Vec::new();
    let mut res_ptr = vec![0usize];
    let mut res_units = Vec::new();
    let mut res_count = Vec::new();
    let mut buf: Vec<(u32, u32)> = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let r = rows[k].0;
        buf.clear();
        while k < rows.len() && rows[k].0 == r {
            let row = rows[k].1;
            let u = units.binary_search(&to_unit(row)).unwrap_or(0) as u32;
            let c = match unit {
                Unit::Activity => 1,
                Unit::Session => reg.row_count()[row],
            };
            buf.push((u, c));
            k += 1;
        }
        buf.sort_unstable_by_key(|x| x.0);
        let mut i = 0;
        while i < buf.len() {
            let (u, mut c) = buf[i];
            let mut j = i + 1;
            while j < buf.len() && buf[j].0 == u {
                c += buf[j].1;
                j += 1;
            }
            res_units.push(u);
            res_count.push(c);
            i = j;
        }
        residents.push(r);
        res_ptr.push(res_units.len());
    }
    Incidence::from_rows(unit, residents, units, res_ptr, res_units, res_count)
}

/// Maps `f` over `0..n` in parallel (when the feature is on) keeping the order of results.
fn par_map<T: Send>(ctx: &Context, n: usize, f: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        ctx.install(|| (0..n).into_par_iter().map(&f).collect())
    }
    #[cfg(not(feature = "parallel"))]
    {
        let _ = ctx;
        (0..n).map(f).collect()
    }
}

/// Growth per period: residents, activities, sessions, attendances, ties, new and returning
/// residents.
///
/// # Arguments
/// * `net`, `freq` — as [`period_bounds`].
/// * `spec` — the projection whose ties are counted in each period (each period projected on
///   its own: a tie needs both residents in a shared unit within the period).
/// * `ctx` — threads and cancellation (periods run in parallel).
///
/// # Returns
/// A [`Growth`] table; "new" is relative to the view (a resident's first attendance in `net`).
///
/// # Errors
/// As [`period_bounds`]; the projection's errors (pair budget, invalid `min_weight`) for any
/// period; [`Error::Cancelled`].
///
/// # Complexity
/// O(rows · log rows) plus one projection per period.
///
/// # Example
/// See the [module docs](self).
pub fn growth(net: &Network, freq: Freq, spec: &Projection, ctx: &Context) -> Result<Growth> {
    let reg = net.register();
    let rows = view_rows(net);
    let bounds = bounds_of(net, &rows, freq)?;
    let buckets = bucket_rows(net, &rows, &bounds);
    // first period of each resident
    let mut first = vec![usize::MAX; reg.n_residents()];
    for (p, b) in buckets.iter().enumerate() {
        for &(r, _) in b {
            if first[r as usize] == usize::MAX {
                first[r as usize] = p;
            }
        }
    }
    let sess = reg.row_session();
    let sess_act = reg.session_activity();
    let per: Vec<Result<[u64; 6]>> = par_map(ctx, bounds.len(), |p| {
        ctx.check()?;
        let b = &buckets[p];
        let mut residents = 0u64;
        let mut new = 0u64;
        let mut last = u32::MAX;
        for &(r, _) in b {
            if r != last {
                residents += 1;
                new += u64::from(first[r as usize] == p);
                last = r;
            }
        }
        let mut s: Vec<u32> = b.iter().map(|&(_, row)| sess[row]).collect();
        s.sort_unstable();
        s.dedup();
        let mut a: Vec<u32> = s.iter().map(|&x| sess_act[x as usize]).collect();
        a.sort_unstable();
        a.dedup();
        let ties = if b.is_empty() {
            0
        } else {
            let inc = incidence_of(reg, b, spec.unit);
            (project_incidence(&inc, spec, ctx)?.nnz() / 2) as u64
        };
        Ok([
            residents,
            a.len() as u64,
            s.len() as u64,
            b.len() as u64,
            ties,
            new,
        ])
    });
    let mut g = Growth {
        periods: bounds,
        residents: Vec::new(),
        activities: Vec::new(),
        sessions: Vec::new(),
        attendances: Vec::new(),
        ties: Vec::new(),
        new: Vec::new(),
        returning: Vec::new(),
    };
    for row in per {
        let [r, a, s, at, t, n] = row?;
        g.residents.push(r);
        g.activities.push(a);
        g.sessions.push(s);
        g.attendances.push(at);
        g.ties.push(t);
        g.new.push(n);
        g.returning.push(r - n);
    }
    Ok(g)
}

/// Retention per period (see [`retention`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Retention {
    /// The periods, in time order.
    pub periods: Vec<Period>,
    /// Residents active (≥ 1 attendance) in the period.
    pub active: Vec<u64>,
    /// Residents active in the period and again in the next one (0 for the last period).
    pub retained: Vec<u64>,
    /// Residents active in the period who were also active in the previous one.
    pub from_previous: Vec<u64>,
}

/// Retention: of the residents active in period p, how many are active again in p + 1.
///
/// # Arguments
/// * `net`, `freq` — as [`period_bounds`].
///
/// # Returns
/// A [`Retention`] table (the rate is `retained / active`; undefined for the last period).
///
/// # Errors
/// As [`period_bounds`].
///
/// # Complexity
/// O(rows · log periods).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::temporal::{retention, Freq};
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// for (r, d) in [("ann", 0), ("bob", 1), ("ann", 35), ("bob", 70)] {
///     b.add_dated(r, "dance", d, Role::Participant).unwrap(); // January, January, February, March 1970
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let t = retention(&net, Freq::Month).unwrap();
/// assert_eq!(t.active, vec![2, 1, 1]);
/// assert_eq!(t.retained, vec![1, 0, 0]);
/// ```
pub fn retention(net: &Network, freq: Freq) -> Result<Retention> {
    let reg = net.register();
    let rows = view_rows(net);
    let bounds = bounds_of(net, &rows, freq)?;
    let dates = reg.session_date().unwrap_or(&[]);
    let sess = reg.row_session();
    let np = bounds.len();
    let mut t = Retention {
        periods: Vec::new(),
        active: vec![0; np],
        retained: vec![0; np],
        from_previous: vec![0; np],
    };
    let mut ps: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let r = rows[k].0;
        ps.clear();
        while k < rows.len() && rows[k].0 == r {
            ps.push(period_of(&bounds, dates[sess[rows[k].1] as usize]));
            k += 1;
        }
        ps.sort_unstable();
        ps.dedup();
        for (i, &p) in ps.iter().enumerate() {
            t.active[p] += 1;
            if ps.get(i + 1) == Some(&(p + 1)) {
                t.retained[p] += 1;
            }
            if i > 0 && ps[i - 1] + 1 == p {
                t.from_previous[p] += 1;
            }
        }
    }
    t.periods = bounds;
    Ok(t)
}

// ---------------------------------------------------------------------------------------------
// survival of participation
// ---------------------------------------------------------------------------------------------

/// Each resident's first spell of participation (see [`participation_spells`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Spells {
    /// Register indices of the view's residents, ascending.
    pub residents: Vec<u32>,
    /// First attendance (date unit).
    pub first: Vec<i64>,
    /// Last attendance of the first spell (date unit).
    pub last: Vec<i64>,
    /// Whether the spell ended in an observed dropout (false: censored).
    pub dropped: Vec<bool>,
    /// The data's end: the last date in the view.
    pub end: i64,
}

/// First spells of participation with a dropout gap (METRICS.md, "Time").
///
/// A resident's spell starts at the first attendance t0 and runs through consecutive
/// attendance dates as long as each next date follows within `gap_days` days (a difference
/// of exactly `gap_days` continues the spell). The spell ends at the last date L before the
/// first longer gap: a **dropout** (observed event) at duration L − t0. When no longer gap
/// follows L and the data end E (the last date in the view) is within `gap_days` of L
/// (E − L ≤ gap), the resident is **censored** at L − t0: still participating as far as the
/// data tell. A later return after a dropout starts a new spell, which is not counted here.
///
/// # Arguments
/// * `net` — a dated view.
/// * `gap_days` — the dropout gap in days (≥ 0; converted to the register's unit).
///
/// # Errors
/// [`Error::InvalidArgument`] for an undated register or a negative or non-finite gap.
///
/// # Complexity
/// O(rows · log rows).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::temporal::participation_spells;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// for (r, d) in [("ann", 0), ("ann", 30), ("ann", 200), ("bob", 150), ("bob", 200)] {
///     b.add_dated(r, "dance", d, Role::Participant).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let s = participation_spells(&net, 90.0).unwrap();
/// assert_eq!(s.last, vec![30, 200]); // ann: 30 → 200 is a gap of 170 days
/// assert_eq!(s.dropped, vec![true, false]); // bob is still active at the data's end
/// ```
pub fn participation_spells(net: &Network, gap_days: f64) -> Result<Spells> {
    if !(gap_days.is_finite() && gap_days >= 0.0) {
        return Err(Error::arg(
            "gap",
            format!("{gap_days} is not a non-negative number of days"),
        ));
    }
    let reg = net.register();
    let dates = dates_of(reg)?;
    let gap = (gap_days * units_per_day(reg.date_unit()) as f64).floor() as i64;
    let rows = view_rows(net);
    let end = date_range(net, &rows)?.map_or(0, |x| x.1);
    let sess = reg.row_session();
    let mut s = Spells {
        residents: Vec::new(),
        first: Vec::new(),
        last: Vec::new(),
        dropped: Vec::new(),
        end,
    };
    let mut ds: Vec<i64> = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let r = rows[k].0;
        ds.clear();
        while k < rows.len() && rows[k].0 == r {
            ds.push(dates[sess[rows[k].1] as usize]);
            k += 1;
        }
        ds.sort_unstable();
        ds.dedup();
        let mut i = 0;
        while i + 1 < ds.len() && ds[i + 1] - ds[i] <= gap {
            i += 1;
        }
        let dropped = i + 1 < ds.len() || end - ds[i] > gap;
        s.residents.push(r);
        s.first.push(ds[0]);
        s.last.push(ds[i]);
        s.dropped.push(dropped);
    }
    Ok(s)
}

/// A Kaplan–Meier table (see [`kaplan_meier`]).
#[derive(Debug, Clone, PartialEq)]
pub struct KaplanMeier {
    /// Distinct durations, ascending.
    pub time: Vec<f64>,
    /// Subjects with duration ≥ time.
    pub at_risk: Vec<u64>,
    /// Events at time.
    pub events: Vec<u64>,
    /// Censored at time.
    pub censored: Vec<u64>,
    /// S(t) = Π_{t_i ≤ t} (1 − d_i / n_i).
    pub survival: Vec<f64>,
    /// Greenwood standard error S(t) · sqrt(Σ d_i / (n_i (n_i − d_i))) (NaN once S = 0).
    pub std_err: Vec<f64>,
}

/// The Kaplan–Meier product-limit estimate with Greenwood standard errors.
///
/// # Arguments
/// * `durations` — one per subject (any unit; finite).
/// * `events` — whether the subject's event was observed (false: censored at its duration).
///   At a tied time events count before censorings (the censored are still at risk).
///
/// # Errors
/// Lengths differ, or a duration is not finite.
///
/// # Complexity
/// O(n log n).
///
/// # Example
/// ```
/// use wijknet::analysis::temporal::kaplan_meier;
/// let km = kaplan_meier(&[1.0, 2.0, 2.0, 3.0], &[true, true, false, false]).unwrap();
/// assert_eq!(km.at_risk, vec![4, 3, 1]);
/// assert_eq!(km.survival, vec![0.75, 0.75 * (2.0 / 3.0), 0.5]);
/// ```
pub fn kaplan_meier(durations: &[f64], events: &[bool]) -> Result<KaplanMeier> {
    if durations.len() != events.len() {
        return Err(Error::LengthMismatch {
            column: "events".into(),
            expected: durations.len(),
            got: events.len(),
        });
    }
    if let Some(i) = durations.iter().position(|d| !d.is_finite()) {
        return Err(Error::value("durations", i, "not a finite number"));
    }
    let mut order: Vec<usize> = (0..durations.len()).collect();
    order.sort_by(|&a, &b| durations[a].total_cmp(&durations[b]));
    let mut km = KaplanMeier {
        time: Vec::new(),
        at_risk: Vec::new(),
        events: Vec::new(),
        censored: Vec::new(),
        survival: Vec::new(),
        std_err: Vec::new(),
    };
    let n = order.len();
    let (mut s, mut green) = (1.0f64, 0.0f64);
    let mut i = 0;
    while i < n {
        let t = durations[order[i]];
        let (mut d, mut c) = (0u64, 0u64);
        let mut j = i;
        while j < n && durations[order[j]] == t {
            if events[order[j]] {
                d += 1;
            } else {
                c += 1;
            }
            j += 1;
        }
        let at = (n - i) as u64;
        if d > 0 {
            s *= 1.0 - d as f64 / at as f64;
            green += if at > d {
                d as f64 / (at as f64 * (at - d) as f64)
            } else {
                f64::INFINITY
            };
        }
        km.time.push(t);
        km.at_risk.push(at);
        km.events.push(d);
        km.censored.push(c);
        km.survival.push(s);
        km.std_err.push(if green.is_finite() {
            s * green.sqrt()
        } else {
            f64::NAN
        });
        i = j;
    }
    Ok(km)
}

/// Kaplan–Meier survival of participation: [`participation_spells`] with durations in days.
///
/// # Errors
/// As [`participation_spells`].
///
/// # Complexity
/// O(rows · log rows).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::temporal::survival;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// for (r, d) in [("ann", 0), ("ann", 30), ("ann", 200), ("bob", 150), ("bob", 200)] {
///     b.add_dated(r, "dance", d, Role::Participant).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let km = survival(&net, 90.0).unwrap();
/// assert_eq!(km.time, vec![30.0, 50.0]); // ann drops out after 30 days, bob censored at 50
/// assert_eq!(km.survival, vec![0.5, 0.5]);
/// ```
pub fn survival(net: &Network, gap_days: f64) -> Result<KaplanMeier> {
    let s = participation_spells(net, gap_days)?;
    let upd = units_per_day(net.register().date_unit()) as f64;
    let d: Vec<f64> = s
        .first
        .iter()
        .zip(&s.last)
        .map(|(&a, &b)| (b - a) as f64 / upd)
        .collect();
    kaplan_meier(&d, &s.dropped)
}

// ---------------------------------------------------------------------------------------------
// tie formation after joining
// ---------------------------------------------------------------------------------------------

/// Ties formed after joining (see [`tie_formation`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TieFormation {
    /// Register indices of the view's residents, ascending (the projection's node order).
    pub residents: Vec<u32>,
    /// First attendance t0 of each resident (date unit).
    pub first: Vec<i64>,
    /// The horizons Δ in days, as given.
    pub within: Vec<i64>,
    /// `counts[k][i]`: distinct co-participants of resident i by t0 + within\[k\] days.
    pub counts: Vec<Vec<u32>>,
    /// Time from t0 to the first tie (date unit); None if no tie forms in the data.
    pub first_tie: Vec<Option<i64>>,
    /// The data's end: the last date in the view (a horizon past it is not fully observed).
    pub end: i64,
}

/// For each resident: first attendance t0, distinct co-participants by t0 + Δ for each Δ, and
/// the time to the first tie.
///
/// Definitions. With `unit` session, j counts for i by time T when they attended at least
/// `min_weight` common sessions dated ≤ T. With `unit` activity, an activity counts as shared
/// by T when both attended it, each at a date ≤ T (each one's first attendance of it ≤ T;
/// one of them may have attended it long before the other joined); j counts when at least
/// `min_weight` activities are shared by T. Horizons are inclusive: ≤ t0 + Δ days. A
/// co-participant's tie date is the date its `min_weight`-th shared unit became shared; the
/// time to the first tie is the earliest such date minus t0.
///
/// # Arguments
/// * `net` — a dated view (only its rows count, for both i and j).
/// * `within_days` — horizons Δ in days (≥ 0).
/// * `unit` — [`Unit::Session`] or [`Unit::Activity`].
/// * `min_weight` — shared units needed for a tie (≥ 1).
/// * `ctx` — threads and cancellation (residents run in parallel; results are exact
///   integers, the same on any thread count).
///
/// # Errors
/// An undated register; a negative Δ; `min_weight` 0; [`Error::Cancelled`].
///
/// # Complexity
/// O(Σ_u n_u²) over units u with n_u residents (as the projection), plus a sort of each
/// resident's candidate pairs when `min_weight` > 1.
///
/// # Example
/// ```
/// use wijknet::{Context, DateUnit, Duplicates, Network, RegisterBuilder, Role, Unit};
/// use wijknet::analysis::temporal::tie_formation;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// for (r, a, d) in [("ann", "dance", 0), ("bob", "dance", 10), ("ann", "yoga", 5), ("cas", "yoga", 100)] {
///     b.add_dated(r, a, d, Role::Participant).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let t = tie_formation(&net, &[30, 180], Unit::Activity, 1, &Context::new()).unwrap();
/// assert_eq!(t.counts[0], vec![1, 1, 1]); // ann: bob by day 10; cas: ann (yoga since day 5)
/// assert_eq!(t.counts[1], vec![2, 1, 1]);
/// assert_eq!(t.first_tie, vec![Some(10), Some(0), Some(0)]);
/// ```
pub fn tie_formation(
    net: &Network,
    within_days: &[i64],
    unit: Unit,
    min_weight: u32,
    ctx: &Context,
) -> Result<TieFormation> {
    if let Some(d) = within_days.iter().find(|&&d| d < 0) {
        return Err(Error::arg(
            "within",
            format!("{d} is negative; give horizons in days ≥ 0"),
        ));
    }
    if min_weight == 0 {
        return Err(Error::arg(
            "min_weight",
            "0 would count everyone as a tie; give 1 or more shared units",
        ));
    }
    let reg = net.register();
    let dates = dates_of(reg)?;
    let upd = units_per_day(reg.date_unit());
    let rows = view_rows(net);
    let end = date_range(net, &rows)?.map_or(0, |x| x.1);
    let sess = reg.row_session();
    let sess_act = reg.session_activity();
    // (unit, local resident, date), the resident's first date in the unit
    let mut residents: Vec<u32> = Vec::new();
    let mut entries: Vec<(u32, u32, i64)> = Vec::with_capacity(rows.len());
    for &(r, row) in &rows {
        if residents.last() != Some(&r) {
            residents.push(r);
        }
        let i = (residents.len() - 1) as u32;
        let s = sess[row];
        let u = match unit {
            Unit::Session => s,
            Unit::Activity => sess_act[s as usize],
        };
        entries.push((u, i, dates[s as usize]));
    }
    drop(rows);
    let n = residents.len();
    // per resident: (unit, first date) — rows are grouped by resident already
    let mut res_ptr = vec![0usize; n + 1];
    let mut res_entries: Vec<(u32, i64)> = Vec::with_capacity(entries.len());
    let mut first = vec![i64::MAX; n];
    {
        let mut k = 0;
        while k < entries.len() {
            let i = entries[k].1;
            let start = res_entries.len();
            while k < entries.len() && entries[k].1 == i {
                res_entries.push((entries[k].0, entries[k].2));
                k += 1;
            }
            let mine = &mut res_entries[start..];
            mine.sort_unstable();
            // keep the first date per unit
            let mut w = start;
            for x in start..res_entries.len() {
                if x == start || res_entries[x].0 != res_entries[w - 1].0 {
                    res_entries[w] = res_entries[x];
                    w += 1;
                }
            }
            res_entries.truncate(w);
            for e in &res_entries[start..] {
                first[i as usize] = first[i as usize].min(e.1);
            }
            res_ptr[i as usize + 1] = res_entries.len();
        }
    }
    drop(entries);
    // per unit: (resident, first date), residents ascending (counting sort over units)
    let n_units = match unit {
        Unit::Session => reg.n_sessions(),
        Unit::Activity => reg.n_activities(),
    };
    let mut unit_ptr = vec![0usize; n_units + 1];
    for &(u, _) in &res_entries {
        unit_ptr[u as usize + 1] += 1;
    }
    for u in 0..n_units {
        unit_ptr[u + 1] += unit_ptr[u];
    }
    let mut fill = unit_ptr.clone();
    let mut members: Vec<(u32, i64)> = vec![(0, 0); res_entries.len()];
    for i in 0..n {
        for &(u, d) in &res_entries[res_ptr[i]..res_ptr[i + 1]] {
            members[fill[u as usize]] = (i as u32, d);
            fill[u as usize] += 1;
        }
    }
    drop(fill);
    let horizons: Vec<i64> = within_days.iter().map(|&d| d.saturating_mul(upd)).collect();
    ctx.start(n as u64);
    // per resident: the sorted tie dates, reduced to counts
    let per: Vec<Result<(Vec<u32>, Option<i64>)>> = {
        let work =
            |i: usize, best: &mut Vec<i64>, touched: &mut Vec<u32>, pairs: &mut Vec<(u32, i64)>| {
                if i % 256 == 0 {
                    ctx.check()?;
                    ctx.advance(256.min((n - i) as u64));
                }
                let mut ties: Vec<i64> = Vec::new();
                let mine = &res_entries[res_ptr[i]..res_ptr[i + 1]];
                if min_weight == 1 {
                    for &(u, di) in mine {
                        for &(j, dj) in &members[unit_ptr[u as usize]..unit_ptr[u as usize + 1]] {
                            if j as usize == i {
                                continue;
                            }
                            let t = di.max(dj);
                            let b = &mut best[j as usize];
                            if *b == i64::MAX {
                                touched.push(j);
                            }
                            if t < *b {
                                *b = t;
                            }
                        }
                    }
                    for &j in touched.iter() {
                        ties.push(best[j as usize]);
                        best[j as usize] = i64::MAX;
                    }
                    touched.clear();
                } else {
                    pairs.clear();
                    for &(u, di) in mine {
                        for &(j, dj) in &members[unit_ptr[u as usize]..unit_ptr[u as usize + 1]] {
                            if j as usize != i {
                                pairs.push((j, di.max(dj)));
                            }
                        }
                    }
                    pairs.sort_unstable();
                    let k = min_weight as usize;
                    let mut a = 0;
                    while a < pairs.len() {
                        let mut b = a;
                        while b < pairs.len() && pairs[b].0 == pairs[a].0 {
                            b += 1;
                        }
                        if b - a >= k {
                            ties.push(pairs[a + k - 1].1);
                        }
                        a = b;
                    }
                }
                ties.sort_unstable();
                let t0 = first[i];
                let counts = horizons
                    .iter()
                    .map(|&h| ties.partition_point(|&t| t <= t0.saturating_add(h)) as u32)
                    .collect();
                Ok((counts, ties.first().map(|&t| t - t0)))
            };
        #[cfg(feature = "parallel")]
        {
            ctx.install(|| {
                (0..n)
                    .into_par_iter()
                    .map_init(
                        || (vec![i64::MAX; n], Vec::new(), Vec::new()),
                        |(best, touched, pairs), i| work(i, best, touched, pairs),
                    )
                    .collect()
            })
        }
        #[cfg(not(feature = "parallel"))]
        {
            let (mut best, mut touched, mut pairs) = (vec![i64::MAX; n], Vec::new(), Vec::new());
            (0..n)
                .map(|i| work(i, &mut best, &mut touched, &mut pairs))
                .collect()
        }
    };
    let mut counts = vec![Vec::with_capacity(n); horizons.len()];
    let mut first_tie = Vec::with_capacity(n);
    for x in per {
        let (c, f) = x?;
        for (k, v) in c.into_iter().enumerate() {
            counts[k].push(v);
        }
        first_tie.push(f);
    }
    Ok(TieFormation {
        residents,
        first,
        within: within_days.to_vec(),
        counts,
        first_tie,
        end,
    })
}

// ---------------------------------------------------------------------------------------------
// tie persistence
// ---------------------------------------------------------------------------------------------

/// Ties of two graphs compared (see [`persistence`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Persistence {
    /// Ties in both graphs (N11).
    pub kept: u64,
    /// Ties in the first graph only (N10).
    pub lost: u64,
    /// Ties in the second graph only (N01).
    pub gained: u64,
    /// Jaccard stability N11 / (N01 + N10 + N11); NaN when neither graph has a tie.
    pub jaccard: f64,
    /// Nodes of the first graph.
    pub nodes_1: u64,
    /// Nodes of the second graph.
    pub nodes_2: u64,
    /// Nodes (ids) in both graphs.
    pub common: u64,
    /// The union of the node ids: the first graph's, then the second's that are new.
    pub ids: Ids,
    /// Every tie of either graph as (a, b, status) over `ids`; status 0 kept, 1 lost, 2
    /// gained; sorted by (a, b). Undirected ties have a < b.
    pub ties: Vec<(u32, u32, u8)>,
}

/// Tie persistence between two graphs (periods or waves), nodes aligned by id: ties kept,
/// lost and gained and the Jaccard stability N11/(N01 + N10 + N11) over dyads (METRICS.md).
/// Weights are ignored (any stored tie is a tie; threshold with `min_weight` when projecting).
///
/// # Errors
/// One graph directed and the other not; ids of different types (strings vs integers) when
/// both graphs have nodes.
///
/// # Complexity
/// O((n₁ + n₂ + m₁ + m₂) log) with hashing of ids.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids};
/// use wijknet::analysis::temporal::persistence;
/// let g1 = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let g2 = Graph::from_edges(Ids::Int(vec![3, 2, 4]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let p = persistence(&g1, &g2).unwrap();
/// assert_eq!((p.kept, p.lost, p.gained), (1, 1, 1)); // 2–3 kept, 1–2 lost, 2–4 gained
/// assert!((p.jaccard - 1.0 / 3.0).abs() < 1e-15);
/// ```
pub fn persistence(g1: &Graph, g2: &Graph) -> Result<Persistence> {
    if g1.is_directed() != g2.is_directed() {
        return Err(Error::arg(
            "g2",
            "one graph is directed and the other is not; compare graphs of the same kind",
        ));
    }
    let (ids1, ids2) = (&g1.nodes().ids, &g2.nodes().ids);
    let kind_differs = matches!(
        (ids1, ids2),
        (Ids::Str(_), Ids::Int(_)) | (Ids::Int(_), Ids::Str(_))
    );
    if kind_differs && !ids1.is_empty() && !ids2.is_empty() {
        return Err(Error::arg(
            "g2",
            "the graphs' node ids are of different types (strings vs integers); build both from the same id column",
        ));
    }
    // union ids
    let mut index: AHashMap<Id, u32> = AHashMap::with_capacity(ids1.len() + ids2.len());
    let mut union: Vec<Id> = Vec::with_capacity(ids1.len() + ids2.len());
    let mut map = |ids: &Ids| -> Vec<u32> {
        (0..ids.len())
            .map(|i| {
                let id = ids.get(i);
                *index.entry(id.clone()).or_insert_with(|| {
                    union.push(id);
                    (union.len() - 1) as u32
                })
            })
            .collect()
    };
    let m1 = map(ids1);
    let m2 = map(ids2);
    let common = (ids1.len() + ids2.len() - union.len()) as u64;
    let directed = g1.is_directed();
    let pairs = |g: &Graph, m: &[u32]| -> Vec<(u32, u32)> {
        let (s, t, _) = g.edges();
        let mut v: Vec<(u32, u32)> = s
            .iter()
            .zip(&t)
            .map(|(&a, &b)| {
                let (a, b) = (m[a as usize], m[b as usize]);
                if directed || a < b {
                    (a, b)
                } else {
                    (b, a)
                }
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (e1, e2) = (pairs(g1, &m1), pairs(g2, &m2));
    let mut ties = Vec::with_capacity(e1.len() + e2.len());
    let (mut i, mut j) = (0, 0);
    while i < e1.len() || j < e2.len() {
        if j == e2.len() || (i < e1.len() && e1[i] < e2[j]) {
            ties.push((e1[i].0, e1[i].1, 1u8));
            i += 1;
        } else if i == e1.len() || e2[j] < e1[i] {
            ties.push((e2[j].0, e2[j].1, 2u8));
            j += 1;
        } else {
            ties.push((e1[i].0, e1[i].1, 0u8));
            i += 1;
            j += 1;
        }
    }
    let count = |s: u8| ties.iter().filter(|t| t.2 == s).count() as u64;
    let (kept, lost, gained) = (count(0), count(1), count(2));
    let total = kept + lost + gained;
    let is_str = union
        .first()
        .map_or(matches!(ids1, Ids::Str(_)), |x| matches!(x, Id::Str(_)));
    let ids = if is_str {
        Ids::Str(
            union
                .into_iter()
                .map(|x| match x {
                    Id::Str(s) => s,
                    Id::Int(i) => i.to_string(),
                })
                .collect(),
        )
    } else {
        Ids::Int(
            union
                .into_iter()
                .map(|x| match x {
                    Id::Int(i) => i,
                    Id::Str(_) => 0,
                })
                .collect(),
        )
    };
    Ok(Persistence {
        kept,
        lost,
        gained,
        jaccard: if total == 0 {
            f64::NAN
        } else {
            kept as f64 / total as f64
        },
        nodes_1: ids1.len() as u64,
        nodes_2: ids2.len() as u64,
        common,
        ids,
        ties,
    })
}
