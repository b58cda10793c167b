//! Empowerment (docs/metrics.md, "Empowerment"): role trajectories participant → volunteer →
//! organiser, the time to a first role (Kaplan–Meier), new organisers per period, the
//! concentration of organiser load and residents' network position before and after they took
//! on a role.
//!
//! Roles are ordered participant < volunteer < organiser. "Taking on a role" means a first
//! attendance in that role **or a higher one**: an organiser has also taken on the volunteer
//! role, so first attendance ≤ first volunteer-or-higher ≤ first organiser. Every function
//! except [`organiser_load`] needs a dated register. Durations are in days (the register's
//! date unit converted).
//!
//! # Example
//! ```
//! use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
//! use wijknet::analysis::empowerment::trajectories;
//! let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
//! b.add_dated("ann", "dance", 0, Role::Participant).unwrap();
//! b.add_dated("ann", "dance", 7, Role::Volunteer).unwrap();
//! b.add_dated("ann", "yoga", 30, Role::Organiser).unwrap();
//! b.add_dated("bob", "dance", 7, Role::Participant).unwrap();
//! let net = Network::new(b.build(Duplicates::Count).unwrap());
//! let t = trajectories(&net).unwrap();
//! assert_eq!(t.highest, vec![Role::Organiser, Role::Participant]);
//! assert_eq!(t.first_organiser, vec![Some(30), None]);
//! ```
use crate::analysis::temporal::{
    dates_of, kaplan_meier, period_bounds, view_rows, Freq, KaplanMeier, Period,
};
use crate::calendar::units_per_day;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::Csr;
use crate::incidence::Incidence;
use crate::incidence::Unit;
use crate::network::Network;
use crate::projection::{project_incidence, Projection, Weight};
use crate::register::Role;
use fixedbitset::FixedBitSet;
use std::collections::BTreeMap;

/// Each resident's role trajectory (see [`trajectories`]). All vectors are aligned with
/// `residents`; dates are in the register's unit, days are fractional days.
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::trajectories;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// b.add_dated("ann", "dance", 0, Role::Participant).unwrap();
/// b.add_dated("ann", "dance", 14, Role::Organiser).unwrap();
/// let t = trajectories(&Network::new(b.build(Duplicates::Count).unwrap())).unwrap();
/// // an organiser has also taken on the volunteer role
/// assert_eq!((t.first_volunteer[0], t.first_organiser[0]), (Some(14), Some(14)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectories {
    /// Register indices of the view's residents, ascending.
    pub residents: Vec<u32>,
    /// Date of the first attendance.
    pub first: Vec<i64>,
    /// Date of the first attendance as volunteer or organiser (None: never).
    pub first_volunteer: Vec<Option<i64>>,
    /// Date of the first attendance as organiser (None: never).
    pub first_organiser: Vec<Option<i64>>,
    /// The highest role in any attendance.
    pub highest: Vec<Role>,
    /// Activity (register index) of the first attendance as volunteer or organiser.
    pub volunteer_activity: Vec<Option<u32>>,
    /// Activity (register index) of the first attendance as organiser.
    pub organiser_activity: Vec<Option<u32>>,
    /// Days from the first attendance to `first_volunteer`.
    pub days_to_volunteer: Vec<Option<f64>>,
    /// Days from the first attendance to `first_organiser`.
    pub days_to_organiser: Vec<Option<f64>>,
    /// Date of the last attendance.
    pub last: Vec<i64>,
}

impl Trajectories {
    /// The first date in role `role` or higher (participant: the first attendance).
    ///
    /// ```
    /// use wijknet::{Duplicates, Network, RegisterBuilder, Role};
    /// use wijknet::analysis::empowerment::trajectories;
    /// let mut b = RegisterBuilder::new();
    /// b.add_dated("ann", "dance", 3, Role::Organiser).unwrap();
    /// let t = trajectories(&Network::new(b.build(Duplicates::Count).unwrap())).unwrap();
    /// assert_eq!(t.first_in(Role::Volunteer), &[Some(3)]);
    /// ```
    pub fn first_in(&self, role: Role) -> Vec<Option<i64>> {
        match role {
            Role::Participant => self.first.iter().map(|&d| Some(d)).collect(),
            Role::Volunteer => self.first_volunteer.clone(),
            Role::Organiser => self.first_organiser.clone(),
        }
    }
}

/// Per resident: the first attendance, the first attendance as volunteer-or-higher and as
/// organiser (date, activity, days since the first attendance) and the highest role reached.
///
/// Several attendances on the same first date: the activity is the one with the lowest
/// register index (the activity seen first in the input).
///
/// # Arguments
/// * `net` — a dated network (or view; only the view's attendances count).
///
/// # Errors
/// [`Error::InvalidArgument`] for an undated register.
///
/// # Complexity
/// O(rows).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::trajectories;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// b.add_dated("ann", "dance", 10, Role::Participant).unwrap();
/// b.add_dated("ann", "yoga", 40, Role::Volunteer).unwrap();
/// b.add_dated("cas", "yoga", 40, Role::Organiser).unwrap(); // organiser from the start
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let t = trajectories(&net).unwrap();
/// assert_eq!(t.days_to_volunteer, vec![Some(30.0), Some(0.0)]);
/// assert_eq!(t.days_to_organiser, vec![None, Some(0.0)]);
/// assert_eq!(t.volunteer_activity, vec![Some(1), Some(1)]); // yoga
/// ```
pub fn trajectories(net: &Network) -> Result<Trajectories> {
    let reg = net.register();
    let dates = dates_of(reg).map_err(|_| no_dates())?;
    let upd = units_per_day(reg.date_unit()) as f64;
    let sess = reg.row_session();
    let sess_act = reg.session_activity();
    let roles = reg.row_role();
    let rows = view_rows(net);
    let mut t = Trajectories {
        residents: Vec::new(),
        first: Vec::new(),
        first_volunteer: Vec::new(),
        first_organiser: Vec::new(),
        highest: Vec::new(),
        volunteer_activity: Vec::new(),
        organiser_activity: Vec::new(),
        days_to_volunteer: Vec::new(),
        days_to_organiser: Vec::new(),
        last: Vec::new(),
    };
    // earliest (date, activity) per resident and role threshold
    let better = |cur: Option<(i64, u32)>, cand: (i64, u32)| match cur {
        Some(c) if c <= cand => Some(c),
        _ => Some(cand),
    };
    let mut k = 0;
    while k < rows.len() {
        let r = rows[k].0;
        let (mut first, mut last) = (i64::MAX, i64::MIN);
        // (date, activity) of the first attendance as volunteer-or-higher and as organiser
        let mut vol: Option<(i64, u32)> = None;
        let mut org: Option<(i64, u32)> = None;
        let mut high = Role::Participant;
        while k < rows.len() && rows[k].0 == r {
            let row = rows[k].1;
            let s = sess[row] as usize;
            let (d, a, role) = (dates[s], sess_act[s], roles[row]);
            first = first.min(d);
            last = last.max(d);
            high = high.max(role);
            if role >= Role::Volunteer {
                vol = better(vol, (d, a));
            }
            if role == Role::Organiser {
                org = better(org, (d, a));
            }
            k += 1;
        }
        let days = |x: Option<(i64, u32)>| x.map(|(d, _)| (d - first) as f64 / upd);
        t.residents.push(r);
        t.first.push(first);
        t.last.push(last);
        t.highest.push(high);
        t.first_volunteer.push(vol.map(|x| x.0));
        t.first_organiser.push(org.map(|x| x.0));
        t.volunteer_activity.push(vol.map(|x| x.1));
        t.organiser_activity.push(org.map(|x| x.1));
        t.days_to_volunteer.push(days(vol));
        t.days_to_organiser.push(days(org));
    }
    Ok(t)
}

fn no_dates() -> Error {
    Error::arg(
        "net",
        "the register has no dates; role trajectories need the date of each attendance \
         (pass date= when building the network)",
    )
}

/// The time to a first role (see [`role_uptake`]).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::role_uptake;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// b.add_dated("ann", "dance", 0, Role::Organiser).unwrap();
/// let u = role_uptake(&Network::new(b.build(Duplicates::Count).unwrap()), Role::Organiser).unwrap();
/// assert_eq!((u.km.time.clone(), u.km.survival.clone()), (vec![0.0], vec![0.0]));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RoleUptake {
    /// The role taken on (or a higher one).
    pub role: Role,
    /// Register indices of the view's residents, ascending.
    pub residents: Vec<u32>,
    /// Per resident: days from the first attendance to the first attendance in `role` or
    /// higher (`taken`), or to the last attendance (censored).
    pub days: Vec<f64>,
    /// Per resident: whether the role was taken on in the view.
    pub taken: Vec<bool>,
    /// The Kaplan–Meier table of "not yet in the role" (S(t): the share still without the
    /// role t days after joining), with Greenwood standard errors.
    pub km: KaplanMeier,
    /// Lower end of the 95% log-log confidence interval of S(t), per row of `km`.
    pub ci_low: Vec<f64>,
    /// Upper end of the 95% log-log confidence interval of S(t), per row of `km`.
    pub ci_high: Vec<f64>,
    /// Share of the residents who took on the role (observed; taken / residents; NaN for an
    /// empty view).
    pub share: f64,
    /// Median days to the role: the first time with S(t) ≤ 0.5 (None when S stays above 0.5).
    pub median: Option<f64>,
}

/// The 97.5% quantile of the standard normal distribution.
const Z95: f64 = 1.959_963_984_540_054;

/// The log-log ("exponential Greenwood") 95% interval of a survival estimate S with Greenwood
/// standard error `se`: S^exp(±z · se / (S |ln S|)). S = 1 gives [1, 1], S = 0 gives [0, 0].
fn loglog_interval(s: f64, se: f64) -> (f64, f64) {
    if s >= 1.0 {
        return (1.0, 1.0);
    }
    if s <= 0.0 || !se.is_finite() {
        return (0.0, 0.0);
    }
    let w = Z95 * se / (s * s.ln().abs());
    (s.powf(w.exp()), s.powf((-w).exp()))
}

/// Kaplan–Meier estimate of the time from a resident's first attendance to their first
/// attendance in `role` or a higher one.
///
/// A resident who takes the role on at date T has an event at T − first attendance (0 when the
/// first attendance is already in the role). A resident who never does is **censored at their
/// last attendance** in the view: after that they were not seen, so they had no chance to take
/// on a role that the register would show. The table is that of [`kaplan_meier`] with a 95%
/// log-log interval (Kalbfleisch & Prentice) added.
///
/// # Arguments
/// * `net` — a dated network (or view).
/// * `role` — [`Role::Volunteer`] or [`Role::Organiser`].
///
/// # Errors
/// [`Error::InvalidArgument`] for an undated register or `role` = participant.
///
/// # Complexity
/// O(rows + residents · log residents).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::role_uptake;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// b.add_dated("ann", "dance", 0, Role::Participant).unwrap();
/// b.add_dated("ann", "dance", 10, Role::Volunteer).unwrap();
/// b.add_dated("bob", "dance", 0, Role::Participant).unwrap();
/// b.add_dated("bob", "dance", 20, Role::Participant).unwrap(); // never a role: censored at 20
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let u = role_uptake(&net, Role::Volunteer).unwrap();
/// assert_eq!(u.days, vec![10.0, 20.0]);
/// assert_eq!(u.km.survival, vec![0.5, 0.5]);
/// assert_eq!((u.share, u.median), (0.5, Some(10.0)));
/// ```
pub fn role_uptake(net: &Network, role: Role) -> Result<RoleUptake> {
    if role == Role::Participant {
        return Err(Error::arg(
            "role",
            "every resident is a participant from the first attendance; give \"volunteer\" or \
             \"organiser\"",
        ));
    }
    let t = trajectories(net)?;
    let upd = units_per_day(net.register().date_unit()) as f64;
    let firsts = t.first_in(role);
    let mut days = Vec::with_capacity(t.residents.len());
    let mut taken = Vec::with_capacity(t.residents.len());
    for (i, first_role) in firsts.iter().enumerate() {
        match *first_role {
            Some(d) => {
                days.push((d - t.first[i]) as f64 / upd);
                taken.push(true);
            }
            None => {
                days.push((t.last[i] - t.first[i]) as f64 / upd);
                taken.push(false);
            }
        }
    }
    let km = kaplan_meier(&days, &taken)?;
    let (ci_low, ci_high) = km
        .survival
        .iter()
        .zip(&km.std_err)
        .map(|(&s, &se)| loglog_interval(s, se))
        .unzip();
    let n_taken = taken.iter().filter(|&&x| x).count();
    let share = if taken.is_empty() {
        f64::NAN
    } else {
        n_taken as f64 / taken.len() as f64
    };
    let median = km
        .survival
        .iter()
        .position(|&s| s <= 0.5)
        .map(|i| km.time[i]);
    Ok(RoleUptake {
        role,
        residents: t.residents,
        days,
        taken,
        km,
        ci_low,
        ci_high,
        share,
        median,
    })
}

/// New organisers per period (see [`new_organisers`]).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::new_organisers;
/// use wijknet::analysis::temporal::Freq;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// b.add_dated("ann", "dance", 0, Role::Organiser).unwrap();
/// let n = new_organisers(&Network::new(b.build(Duplicates::Count).unwrap()), Freq::Year).unwrap();
/// assert_eq!((n.periods[0].label.as_str(), n.new[0]), ("1970", 1));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrganisers {
    /// The periods, as [`period_bounds`] gives them for the view.
    pub periods: Vec<Period>,
    /// Residents whose first organiser attendance falls in the period.
    pub new: Vec<u64>,
    /// Residents who had organised by the end of the period.
    pub cumulative: Vec<u64>,
}

/// Per calendar period: the residents whose first attendance as organiser falls in it, and
/// the running total.
///
/// # Arguments
/// * `net` — a dated network (or view).
/// * `freq` — the periods, as in [`crate::analysis::temporal::periods`].
///
/// # Errors
/// [`Error::InvalidArgument`] for an undated register or too many periods.
///
/// # Complexity
/// O(rows + periods).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::new_organisers;
/// use wijknet::analysis::temporal::Freq;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// // 2025-01-06 is day 20094; 2025-03-03 is day 20150
/// b.add_dated("ann", "dance", 20094, Role::Organiser).unwrap();
/// b.add_dated("bob", "dance", 20094, Role::Participant).unwrap();
/// b.add_dated("bob", "dance", 20150, Role::Organiser).unwrap();
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let n = new_organisers(&net, Freq::Month).unwrap();
/// assert_eq!(n.new, vec![1, 0, 1]);
/// assert_eq!(n.cumulative, vec![1, 1, 2]);
/// ```
pub fn new_organisers(net: &Network, freq: Freq) -> Result<NewOrganisers> {
    let t = trajectories(net)?;
    let periods = period_bounds(net, freq)?;
    let mut new = vec![0u64; periods.len()];
    for d in t.first_organiser.iter().flatten() {
        let p = periods.partition_point(|p| p.start <= *d) - 1;
        new[p] += 1;
    }
    let cumulative = new
        .iter()
        .scan(0u64, |acc, &x| {
            *acc += x;
            Some(*acc)
        })
        .collect();
    Ok(NewOrganisers {
        periods,
        new,
        cumulative,
    })
}

/// Organiser load and its concentration (see [`organiser_load`]).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::organiser_load;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// b.add_dated("ann", "dance", 0, Role::Organiser).unwrap();
/// b.add_dated("bob", "dance", 0, Role::Organiser).unwrap();
/// let l = organiser_load(&Network::new(b.build(Duplicates::Count).unwrap()), 5).unwrap();
/// assert_eq!((l.total, l.top_share, l.gini), (2, 1.0, 0.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct OrganiserLoad {
    /// Register indices of the residents who organised at least one session, ascending.
    pub residents: Vec<u32>,
    /// Sessions each organised.
    pub sessions: Vec<u64>,
    /// All organiser-sessions: Σ sessions.
    pub total: u64,
    /// The number of organisers counted in `top_share`.
    pub top: usize,
    /// Share of all organiser-sessions done by the `top` busiest organisers (NaN: none).
    pub top_share: f64,
    /// Gini coefficient of `sessions` over the organisers (NaN: none).
    pub gini: f64,
}

/// The Gini coefficient of non-negative values: Σ_i Σ_j |x_i − x_j| / (2 n² x̄), computed as
/// (2 Σ_i i · x_(i)) / (n Σ x) − (n + 1) / n with x sorted ascending and i = 1..n. 0 when
/// every value is equal (and for one value), approaching 1 when one value holds everything.
/// NaN for no values or an all-zero sum.
///
/// # Example
/// ```
/// use wijknet::analysis::empowerment::gini;
/// assert_eq!(gini(&[1, 1, 1, 1]), 0.0);
/// assert_eq!(gini(&[0, 0, 0, 4]), 0.75); // Σ|x_i − x_j| = 24, 2 · 16 · 1 = 32
/// assert!(gini(&[]).is_nan());
/// ```
pub fn gini(values: &[u64]) -> f64 {
    let n = values.len();
    let sum: u64 = values.iter().sum();
    if n == 0 || sum == 0 {
        return f64::NAN;
    }
    let mut x = values.to_vec();
    x.sort_unstable();
    let weighted: f64 = x
        .iter()
        .enumerate()
        .map(|(i, &v)| (i + 1) as f64 * v as f64)
        .sum();
    let nf = n as f64;
    2.0 * weighted / (nf * sum as f64) - (nf + 1.0) / nf
}

/// Per organiser, the sessions they organised (attendances in the role organiser; a session
/// counts once per resident), and the concentration of that load: the share of all
/// organiser-sessions done by the `top` busiest organisers, and the [`gini`] coefficient over
/// the organisers (residents who never organised are not counted).
///
/// # Arguments
/// * `net` — a network or view (dates are not needed).
/// * `top` — how many of the busiest organisers `top_share` counts (≥ 1; 5 in reports).
///
/// # Errors
/// [`Error::InvalidArgument`] for `top` = 0.
///
/// # Complexity
/// O(rows + organisers · log organisers).
///
/// # Example
/// ```
/// use wijknet::{DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::organiser_load;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// for d in [0, 7, 14] {
///     b.add_dated("ann", "dance", d, Role::Organiser).unwrap();
/// }
/// b.add_dated("bob", "yoga", 0, Role::Organiser).unwrap();
/// b.add_dated("cas", "yoga", 0, Role::Participant).unwrap();
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let l = organiser_load(&net, 1).unwrap();
/// assert_eq!(l.sessions, vec![3, 1]);
/// assert_eq!(l.top_share, 0.75);
/// assert_eq!(l.gini, 0.25); // |3 − 1| · 2 / (2 · 4 · 2)
/// ```
pub fn organiser_load(net: &Network, top: usize) -> Result<OrganiserLoad> {
    if top == 0 {
        return Err(Error::arg(
            "top",
            "give the number of busiest organisers, at least 1",
        ));
    }
    let reg = net.register();
    let roles = reg.row_role();
    let rows = view_rows(net);
    let mut residents = Vec::new();
    let mut sessions: Vec<u64> = Vec::new();
    for (r, row) in rows {
        if roles[row] != Role::Organiser {
            continue;
        }
        if residents.last() != Some(&r) {
            residents.push(r);
            sessions.push(0);
        }
        *sessions.last_mut().expect("pushed") += 1;
    }
    let total: u64 = sessions.iter().sum();
    let mut sorted = sessions.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let top_share = if total == 0 {
        f64::NAN
    } else {
        sorted.iter().take(top).sum::<u64>() as f64 / total as f64
    };
    let gini = gini(&sessions);
    Ok(OrganiserLoad {
        residents,
        sessions,
        total,
        top,
        top_share,
        gini,
    })
}

/// Network position before and after a first role (see [`position_change`]).
///
/// # Example
/// ```
/// use wijknet::{Context, DateUnit, Duplicates, Network, Projection, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::position_change;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// b.add_dated("ann", "dance", 0, Role::Participant).unwrap();
/// b.add_dated("ann", "dance", 7, Role::Volunteer).unwrap();
/// b.add_dated("bob", "dance", 7, Role::Participant).unwrap();
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let p = position_change(&net, Role::Volunteer, &Projection::default(), 30.0, &Context::new()).unwrap();
/// assert_eq!((p.degree_before[0], p.degree_after[0]), (0, 1));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PositionChange {
    /// Register indices of the residents compared, ascending.
    pub residents: Vec<u32>,
    /// Date of each one's first attendance in the role or higher.
    pub role_date: Vec<i64>,
    /// Distinct co-participants in the projection of the window before.
    pub degree_before: Vec<u64>,
    /// Distinct co-participants in the projection of the window after.
    pub degree_after: Vec<u64>,
    /// Residents within two steps in the projection of the window before.
    pub reach_before: Vec<u64>,
    /// Residents within two steps in the projection of the window after.
    pub reach_after: Vec<u64>,
    /// Mean of degree_after − degree_before (NaN for no residents).
    pub mean_degree_change: f64,
    /// Mean of reach_after − reach_before (NaN for no residents).
    pub mean_reach_change: f64,
}

/// Degree and two-step reach of node `i` of the symmetric CSR `g`.
fn degree_and_reach(g: &Csr, i: usize, mark: &mut Vec<bool>) -> (u64, u64) {
    mark.clear();
    mark.resize(g.n_rows(), false);
    mark[i] = true;
    let mut seen = Vec::new();
    for &j in g.row(i) {
        if !mark[j as usize] {
            mark[j as usize] = true;
            seen.push(j);
        }
    }
    let degree = seen.len() as u64;
    let mut reach = degree;
    for &k in &seen {
        for &j in g.row(k as usize) {
            if !mark[j as usize] {
                mark[j as usize] = true;
                reach += 1;
            }
        }
    }
    (degree, reach)
}

/// Degree and two-step reach of each of `residents` (register indices) in the projection of
/// `view` ((0, 0) for one with no attendance in the view; the view is projected only when one
/// of them is in it).
fn positions_in(
    view: &Network,
    residents: &[u32],
    spec: &Projection,
    ctx: &Context,
    mark: &mut Vec<bool>,
) -> Result<Vec<(u64, u64)>> {
    let nodes = view.residents();
    let at: Vec<Option<usize>> = residents
        .iter()
        .map(|r| nodes.binary_search(r).ok())
        .collect();
    if at.iter().all(Option::is_none) {
        return Ok(vec![(0, 0); residents.len()]);
    }
    let g = view.project(spec, ctx)?;
    Ok(at
        .into_iter()
        .map(|i| i.map_or((0, 0), |i| degree_and_reach(g.out_csr(), i, mark)))
        .collect())
}

/// The sessions dated in `[lo, hi)` that decide the degree and two-step reach of `who`
/// (register residents), as an incidence cut from `inc` (the network's session incidence):
/// the sessions attended by one of them or by anyone meeting one of them at a session in the
/// window, each session with all its participants (see [`around`]). Returns the incidence and
/// each one's local index in it (None: not in the window). O(size of that neighbourhood).
fn sessions_around(
    inc: &Incidence,
    dates: &[i64],
    who: &[u32],
    lo: i64,
    hi: i64,
) -> (Incidence, Vec<Option<usize>>) {
    let in_window = |k: u32| {
        let d = dates[inc.units[k as usize] as usize];
        lo <= d && d < hi
    };
    let mut near: Vec<u32> = Vec::new();
    for r in who {
        if let Ok(i) = inc.residents.binary_search(r) {
            near.push(i as u32);
            for &k in inc.units_of(i) {
                if in_window(k) {
                    near.extend_from_slice(inc.members(k as usize));
                }
            }
        }
    }
    near.sort_unstable();
    near.dedup();
    let mut kept: Vec<u32> = near
        .iter()
        .flat_map(|&j| inc.units_of(j as usize).iter().copied())
        .filter(|&k| in_window(k))
        .collect();
    kept.sort_unstable();
    kept.dedup();
    let mut members: Vec<u32> = kept
        .iter()
        .flat_map(|&k| inc.members(k as usize).iter().copied())
        .collect();
    members.sort_unstable();
    members.dedup();
    let mut res_ptr = Vec::with_capacity(members.len() + 1);
    res_ptr.push(0usize);
    let (mut res_units, mut res_count) = (Vec::new(), Vec::new());
    for &m in &members {
        let start = inc.res_ptr[m as usize];
        for (off, k) in inc.units_of(m as usize).iter().enumerate() {
            if let Ok(p) = kept.binary_search(k) {
                res_units.push(p as u32);
                res_count.push(inc.res_count[start + off]);
            }
        }
        res_ptr.push(res_units.len());
    }
    let residents: Vec<u32> = members.iter().map(|&m| inc.residents[m as usize]).collect();
    let units: Vec<u32> = kept.iter().map(|&k| inc.units[k as usize]).collect();
    let at = who
        .iter()
        .map(|r| residents.binary_search(r).ok())
        .collect();
    let part = Incidence::from_rows(
        Unit::Session,
        residents,
        units,
        res_ptr,
        res_units,
        res_count,
    );
    (part, at)
}

/// The part of `view` that decides the degree and two-step reach of `who` (register
/// residents): every attendance at the units (`unit`: sessions or activities) attended by one
/// of them or by anyone sharing a unit with one of them. Units are kept whole, so unit sizes and
/// the units of each resident within one step are those of `view`: every tie of a resident
/// within one step, and its count or Newman weight, is the same in the projection of the part
/// as in that of `view` (Jaccard and overlap weights of ties to residents two steps away may
/// differ: they depend on all units of both).
fn around(view: &Network, who: &[u32], unit: Unit) -> Network {
    let inc = view.incidence(unit);
    let mut near = vec![false; inc.n_residents()];
    for r in who {
        if let Ok(i) = inc.residents.binary_search(r) {
            near[i] = true;
            for &k in inc.units_of(i) {
                for &j in inc.members(k as usize) {
                    near[j as usize] = true;
                }
            }
        }
    }
    let reg = view.register();
    let n_units = match unit {
        Unit::Session => reg.n_sessions(),
        Unit::Activity => reg.n_activities(),
    };
    let mut keep = FixedBitSet::with_capacity(n_units);
    for (i, _) in near.iter().enumerate().filter(|x| *x.1) {
        for &k in inc.units_of(i) {
            keep.insert(inc.units[k as usize] as usize);
        }
    }
    let (sess, sess_act) = (reg.row_session(), reg.session_activity());
    let mut mask = FixedBitSet::with_capacity(reg.n_rows());
    for (_, row) in view_rows(view) {
        let s = sess[row];
        let u = match unit {
            Unit::Session => s,
            Unit::Activity => sess_act[s as usize],
        };
        if keep.contains(u as usize) {
            mask.insert(row);
        }
    }
    view.with_mask(Some(mask))
}

/// Each resident's network position in the weeks before and after they first took on `role`
/// (or a higher one): degree (distinct co-participants) and reach in two steps (residents
/// within two ties), each in the projection of a window of the whole network.
///
/// With T the date of the first attendance in the role and w = `window_days`, the window
/// **before** holds every attendance dated in [T − w, T) and the window **after** every
/// attendance in [T, T + w) (the first role's session included). Each window is projected with
/// `spec` on its own, all residents' attendances in it counting. A resident absent from a window
/// has degree and reach 0 there. Residents who took on the role at their first attendance have
/// no "before" as participants and are left out; so are residents who never took it on.
///
/// # Arguments
/// * `net` — a dated network (or view).
/// * `role` — [`Role::Volunteer`] or [`Role::Organiser`].
/// * `spec` — how to project each window.
/// * `window_days` — w, in days (> 0).
/// * `ctx` — cancellation and progress (one step per resident).
///
/// # Errors
/// [`Error::InvalidArgument`] for an undated register, `role` = participant or a window that
/// is not a positive number of days; projection errors (the pair budget).
///
/// # Complexity
/// Per distinct date of a first role, two projections of the part of a window around the
/// residents who took on the role that day (the units they and their co-participants
/// attended, which decide degree and reach exactly; the whole window for a minimum Jaccard or
/// overlap weight). With sessions as the unit that part is cut from the network's incidence
/// in time proportional to its size; with activities each window costs O(rows) more.
///
/// # Example
/// ```
/// use wijknet::{Context, DateUnit, Duplicates, Network, Projection, RegisterBuilder, Role};
/// use wijknet::analysis::empowerment::position_change;
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// b.add_dated("ann", "dance", 0, Role::Participant).unwrap();
/// b.add_dated("bob", "dance", 0, Role::Participant).unwrap();
/// b.add_dated("ann", "yoga", 10, Role::Volunteer).unwrap();
/// for r in ["cas", "dee", "eve"] {
///     b.add_dated(r, "yoga", 10, Role::Participant).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let p = position_change(&net, Role::Volunteer, &Projection::default(), 30.0, &Context::new()).unwrap();
/// assert_eq!((p.degree_before.clone(), p.degree_after.clone()), (vec![1], vec![3]));
/// assert_eq!(p.mean_degree_change, 2.0);
/// ```
pub fn position_change(
    net: &Network,
    role: Role,
    spec: &Projection,
    window_days: f64,
    ctx: &Context,
) -> Result<PositionChange> {
    if role == Role::Participant {
        return Err(Error::arg(
            "role",
            "every resident is a participant from the first attendance; give \"volunteer\" or \
             \"organiser\"",
        ));
    }
    if !(window_days.is_finite() && window_days > 0.0) {
        return Err(Error::arg(
            "window",
            format!("{window_days} is not a positive number of days"),
        ));
    }
    let t = trajectories(net)?;
    let w = (window_days * units_per_day(net.register().date_unit()) as f64).round() as i64;
    let w = w.max(1);
    let firsts = t.first_in(role);
    let chosen: Vec<(u32, i64)> = (0..t.residents.len())
        .filter_map(|i| match firsts[i] {
            Some(d) if d > t.first[i] => Some((t.residents[i], d)),
            _ => None,
        })
        .collect();
    ctx.start(chosen.len() as u64);
    let n = chosen.len();
    let mut out = PositionChange {
        residents: chosen.iter().map(|x| x.0).collect(),
        role_date: chosen.iter().map(|x| x.1).collect(),
        degree_before: vec![0; n],
        degree_after: vec![0; n],
        reach_before: vec![0; n],
        reach_after: vec![0; n],
        mean_degree_change: f64::NAN,
        mean_reach_change: f64::NAN,
    };
    // residents who took on the role on the same date share their two windows: each window is
    // projected once
    let mut by_date: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (k, &(_, d)) in chosen.iter().enumerate() {
        by_date.entry(d).or_default().push(k);
    }
    // only the units near the residents decide their degree and reach (see `around`), unless a
    // minimum Jaccard or overlap weight makes ties two steps away depend on the whole window
    let exact_around =
        !(matches!(spec.weight, Weight::Jaccard | Weight::Overlap) && spec.min_weight.is_some());
    // per session: cut the neighbourhood straight from the network's session incidence
    let sessions =
        (exact_around && spec.unit == Unit::Session).then(|| net.incidence(Unit::Session));
    let dates = dates_of(net.register())?;
    let mut mark = Vec::new();
    // each window's projection runs with its own progress counters and the call's cancel flag
    let inner = Context::new()
        .with_threads(ctx.threads())
        .with_cancel_from(ctx);
    for (d, ks) in by_date {
        ctx.check()?;
        let who: Vec<u32> = ks.iter().map(|&k| chosen[k].0).collect();
        let windows = [(d.saturating_sub(w), d), (d, d.saturating_add(w))];
        let [pb, pa] = windows.map(|(lo, hi)| -> Result<Vec<(u64, u64)>> {
            if let Some(inc) = &sessions {
                let (part, at) = sessions_around(inc, dates, &who, lo, hi);
                if at.iter().all(Option::is_none) {
                    return Ok(vec![(0, 0); who.len()]);
                }
                let g = project_incidence(&part, spec, &inner)?;
                return Ok(at
                    .into_iter()
                    .map(|i| i.map_or((0, 0), |i| degree_and_reach(&g, i, &mut mark)))
                    .collect());
            }
            let view = net.window(Some(lo), Some(hi))?;
            let view = if exact_around {
                around(&view, &who, spec.unit)
            } else {
                view
            };
            positions_in(&view, &who, spec, &inner, &mut mark)
        });
        let (pb, pa) = (pb?, pa?);
        for (j, &k) in ks.iter().enumerate() {
            (out.degree_before[k], out.reach_before[k]) = pb[j];
            (out.degree_after[k], out.reach_after[k]) = pa[j];
        }
        ctx.advance(ks.len() as u64);
    }
    if n > 0 {
        let mean = |a: &[u64], b: &[u64]| {
            a.iter()
                .zip(b)
                .map(|(&x, &y)| y as f64 - x as f64)
                .sum::<f64>()
                / n as f64
        };
        out.mean_degree_change = mean(&out.degree_before, &out.degree_after);
        out.mean_reach_change = mean(&out.reach_before, &out.reach_after);
    }
    Ok(out)
}
