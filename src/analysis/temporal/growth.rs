//! Growth and retention per period.
use super::*;
use crate::parallel;

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
/// See the [module docs](crate::analysis::temporal).
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
    let per: Vec<Result<[u64; 6]>> = ctx.install(|| {
        parallel::map(bounds.len(), |p| {
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
                let inc = Incidence::of_rows(reg, b, spec.unit);
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
        })
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
