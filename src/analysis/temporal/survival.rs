//! Participation spells and their survival (Kaplan–Meier).
use super::*;

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

/// First spells of participation with a dropout gap (docs/metrics.md, "Time").
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
