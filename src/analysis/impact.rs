//! Activity impact: what each activity contributes to the resident–resident network.
//!
//! The core is one pass over the projection with *activity provenance*: for every tie (i, j) of
//! the projection the distinct activities behind it (for `unit` session: the activities of the
//! sessions i and j shared). From it, per activity:
//! - **ties** it creates: ties of the projection with this activity among their activities;
//! - **unique ties**: the ties that vanish when the activity stops, that is, ties of the
//!   projection that are not ties of the same projection of the register without the
//!   activity. Without `min_weight` these are the ties whose only activity is this one (with
//!   `unit` session: a tie whose shared sessions all belong to this activity; sessions of one
//!   activity are never split). With `min_weight` a tie also vanishes when its weight without
//!   the activity's units falls below the threshold, so a tie can be unique to several
//!   activities;
//! - **cross-group** ties and unique ties, given a group code per resident;
//!
//! and per (resident, activity) the number of the resident's ties that vanish when the
//! activity stops (what the resident loses), and whether none are left, which gives residents
//! that depend on one activity ([`dependency`]) and the what-if ranking of
//! [`crate::analysis::whatif`]. These per-activity figures equal what
//! [`crate::analysis::whatif::remove`] finds by re-projecting the register without the activity.
//!
//! A tie is a tie of the projection spec: units left out by `max_activity_size` create none,
//! and with `min_weight` only ties that pass it count.
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::incidence::{Incidence, Unit};
use crate::network::Network;
use crate::projection::{check_budget, project, Projection, Weight};
use std::ops::Range;
use std::sync::Arc;

/// Rows per parallel task (fixed: results never depend on the thread count).
const CHUNK: usize = 256;

/// Runs `f` over fixed chunks of `0..n` (in parallel with the `parallel` feature) and returns
/// the results in chunk order.
pub(crate) fn map_chunks<T: Send>(
    n: usize,
    chunk: usize,
    ctx: &Context,
    f: impl Fn(Range<usize>) -> Result<T> + Sync + Send,
) -> Result<Vec<T>> {
    let ranges: Vec<Range<usize>> = (0..n.div_ceil(chunk))
        .map(|c| c * chunk..((c + 1) * chunk).min(n))
        .collect();
    let g = |r: Range<usize>| {
        ctx.check()?;
        let len = r.len() as u64;
        let out = f(r);
        ctx.advance(len);
        out
    };
    ctx.install(|| crate::parallel::map_items(&ranges, |r| g(r.clone())))
        .into_iter()
        .collect()
}

/// Ties per activity and per (resident, activity), from [`tie_provenance`].
///
/// Activities are the view's (local index = position in `net.incidence(Unit::Activity).units`,
/// register order); residents are the view's (local index as in the projection).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TieProvenance {
    /// Ties of each resident in the projection (its degree).
    pub degree: Vec<u32>,
    /// Aligned with the activity incidence's `res_units`: for resident i and its p-th activity
    /// a, the ties of i that vanish when a stops (the ties i loses).
    pub loss: Vec<u32>,
    /// Aligned with `loss`: whether resident i has ties and has none left when activity a
    /// stops (a tie that a jaccard or overlap weight lifts over `min_weight` once a is gone
    /// counts as one left).
    pub isolated: Vec<bool>,
    /// Per activity: ties of the projection it takes part in.
    pub ties: Vec<u64>,
    /// Per activity: its unique ties, the ties of the projection that vanish when it stops.
    pub unique: Vec<u64>,
    /// Per activity: of `ties`, those between residents of different groups (0 without codes).
    pub cross: Vec<u64>,
    /// Per activity: of `unique`, those between residents of different groups.
    pub unique_cross: Vec<u64>,
}

/// The local activity of each unit of `inc` (identity for unit activity; the activity of each
/// session for unit session), as indices into `acts.units`.
pub(crate) fn unit_activity(net: &Network, inc: &Incidence, acts: &Incidence) -> Vec<u32> {
    match inc.unit {
        Unit::Activity => (0..inc.n_units() as u32).collect(),
        Unit::Session => {
            let reg = net.register();
            let mut local = vec![u32::MAX; reg.n_activities()];
            for (k, &a) in acts.units.iter().enumerate() {
                local[a as usize] = k as u32;
            }
            let sess_act = reg.session_activity();
            inc.units
                .iter()
                .map(|&s| local[sess_act[s as usize] as usize])
                .collect()
        }
    }
}

/// Decides whether a pair of residents is a tie of the projection of the register without one
/// activity (the same spec on the register minus that activity's rows).
///
/// Removing activity a takes away a's units and nothing else: the other units keep their
/// members (so their sizes, the `max_activity_size` test and Newman's 1/(n_k − 1)), and each
/// resident loses a's active units from its unit count (the jaccard and overlap
/// denominators). The weight is then computed as the projection computes it, with the sum
/// taken in the same (ascending unit) order, so the answer is the one re-projecting gives.
struct WithoutActivity<'a> {
    weight: Weight,
    min_weight: Option<f64>,
    /// Local activity of each unit.
    uact: &'a [u32],
    /// 1/(n_k − 1) per unit (0 for n_k ≤ 1); Newman weight with `min_weight` only.
    inv: Vec<f64>,
    /// Active units per resident; jaccard and overlap weights with `min_weight` only.
    deg: Vec<u32>,
    /// The activity incidence (rows give each resident's activities).
    acts: &'a Incidence,
    /// Aligned with `acts.res_units`: active units of that activity the resident attended
    /// (as `deg`).
    units_in: Vec<u32>,
}

impl<'a> WithoutActivity<'a> {
    fn new(
        spec: &Projection,
        inc: &Incidence,
        acts: &'a Incidence,
        active: &[bool],
        uact: &'a [u32],
    ) -> Self {
        // only what the weight needs once `min_weight` decides: Newman's 1/(n_k − 1); the
        // unit counts of jaccard and overlap
        let newman = spec.min_weight.is_some() && spec.weight == Weight::Newman;
        let inv = if newman {
            crate::projection::newman_terms(inc)
        } else {
            Vec::new()
        };
        let sets =
            spec.min_weight.is_some() && matches!(spec.weight, Weight::Jaccard | Weight::Overlap);
        let (mut deg, mut units_in) = (Vec::new(), Vec::new());
        if sets {
            deg = vec![0u32; inc.n_residents()];
            units_in = vec![0u32; acts.n_incidences()];
            for (i, d) in deg.iter_mut().enumerate() {
                let mine = acts.units_of(i);
                for &k in inc.units_of(i) {
                    if active[k as usize] {
                        *d += 1;
                        if let Ok(p) = mine.binary_search(&uact[k as usize]) {
                            units_in[acts.res_ptr[i] + p] += 1;
                        }
                    }
                }
            }
        }
        WithoutActivity {
            weight: spec.weight,
            min_weight: spec.min_weight,
            uact,
            inv,
            deg,
            acts,
            units_in,
        }
    }

    /// Active units of activity `a` that resident `i` attended.
    fn units_of_activity(&self, i: usize, a: u32) -> u32 {
        match self.acts.units_of(i).binary_search(&a) {
            Ok(p) => self.units_in[self.acts.res_ptr[i] + p],
            Err(_) => 0,
        }
    }

    /// Whether residents `i` and `j`, who share the active units `shared` (ascending), are
    /// still tied once activity `a` stops.
    fn survives(&self, i: usize, j: usize, shared: &[u32], a: u32) -> bool {
        let newman = self.weight == Weight::Newman && self.min_weight.is_some();
        let (mut c, mut s) = (0u32, 0.0f64);
        for &k in shared {
            if self.uact[k as usize] != a {
                c += 1;
                if newman {
                    s += self.inv[k as usize];
                }
            }
        }
        if c == 0 {
            return false;
        }
        let Some(m) = self.min_weight else {
            return true;
        };
        // the units each resident keeps once `a` stops (only jaccard and overlap need them)
        let (di, dj) = match self.weight {
            Weight::Jaccard | Weight::Overlap => (
                self.deg[i] - self.units_of_activity(i, a),
                self.deg[j] - self.units_of_activity(j, a),
            ),
            Weight::Count | Weight::Newman => (0, 0),
        };
        self.weight.of_pair(c, s, di, dj) >= m
    }

    /// Whether removing an activity can create ties (a smaller unit count raises jaccard and
    /// overlap weights over `min_weight`); count and newman weights only fall.
    fn can_gain(&self) -> bool {
        self.min_weight.is_some() && matches!(self.weight, Weight::Jaccard | Weight::Overlap)
    }
}

/// Per-thread totals of one chunk.
struct Part {
    /// The activities of the chunk's residents, ascending: the only activities behind their
    /// ties, so the per-activity counts below are per entry of `acts` (a chunk's memory
    /// follows its residents, not the register's activities).
    acts: Vec<u32>,
    degree: Vec<u32>,
    loss: Vec<u32>,
    isolated: Vec<bool>,
    ties: Vec<u64>,
    unique: Vec<u64>,
    cross: Vec<u64>,
    unique_cross: Vec<u64>,
}

/// The activity provenance of every tie of `net.project(spec)` and the ties each activity's
/// removal takes away (see the module docs).
///
/// A tie is *unique* to activity a when it is not a tie of the same projection of the register
/// without a. Without `min_weight` that is a tie whose shared units all belong to a; with
/// `min_weight` also a tie whose weight without a's units falls below the threshold (a tie of
/// weight 2 from one dance session and one yoga session is then unique to both).
///
/// # Arguments
/// * `net` — the view.
/// * `spec` — the projection whose ties are counted.
/// * `codes` — optional group code per resident of the view (negative = missing), for the
///   cross-group counts; a tie with a missing end is never cross-group.
/// * `ctx` — threads and cancellation.
///
/// # Returns
/// A [`TieProvenance`].
///
/// # Errors
/// [`Error::InvalidArgument`] if `codes` has the wrong length; [`Error::PairBudgetExceeded`]
/// before any work when projecting by `spec` would exceed its pair budget (the provenance
/// visits the same pairs); the projection's errors (`min_weight`) when `spec.min_weight` is
/// set (the projection is then built to know which ties pass); [`Error::Cancelled`].
///
/// # Complexity
/// O(Σ_i Σ_{k∈K_i} n_k · log) time (the projection's work, with a sort of each row's
/// (co-member, unit) pairs), times the activities behind a tie for the test without each;
/// O(threads · max row + residents + participations) memory.
///
/// # Example
/// ```
/// use wijknet::{Context, Duplicates, Network, Projection, RegisterBuilder};
/// use wijknet::analysis::impact::tie_provenance;
/// let mut b = RegisterBuilder::new();
/// for (r, a) in [("ann", "dance"), ("bob", "dance"), ("bob", "yoga"), ("ann", "yoga"), ("cas", "yoga")] {
///     b.add(r, a).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let p = tie_provenance(&net, &Projection::default(), None, &Context::new()).unwrap();
/// assert_eq!(p.ties, vec![1, 3]);  // dance: ann–bob; yoga: all three pairs
/// assert_eq!(p.unique, vec![0, 2]); // ann–bob also meet at yoga; only yoga ties cas
/// // with min_weight 2 only ann–bob (count 2) is a tie, and it needs both activities
/// let two = Projection { min_weight: Some(2.0), ..Projection::default() };
/// let p = tie_provenance(&net, &two, None, &Context::new()).unwrap();
/// assert_eq!((p.ties, p.unique), (vec![1, 1], vec![1, 1]));
/// ```
pub fn tie_provenance(
    net: &Network,
    spec: &Projection,
    codes: Option<&[i32]>,
    ctx: &Context,
) -> Result<TieProvenance> {
    let inc = net.incidence(spec.unit);
    let acts = net.incidence(Unit::Activity);
    let n = inc.n_residents();
    if let Some(c) = codes {
        if c.len() != n {
            return Err(Error::arg(
                "codes",
                format!(
                    "{} group codes for {} residents; pass one per resident of the view",
                    c.len(),
                    n
                ),
            ));
        }
    }
    // the same pair work as a projection (without its output): the same budget, checked first
    check_budget(&inc, spec)?;
    let graph: Option<Graph> = match spec.min_weight {
        Some(_) => Some(project(net, spec, ctx)?),
        None => None,
    };
    let uact = unit_activity(net, &inc, &acts);
    let max = spec.max_activity_size.unwrap_or(usize::MAX);
    let active: Vec<bool> = (0..inc.n_units()).map(|k| inc.size(k) <= max).collect();
    let without = WithoutActivity::new(spec, &inc, &acts, &active, &uact);
    let by_unit = spec.min_weight.is_some();
    let n_act = acts.n_units();
    ctx.start(n as u64);
    let parts = map_chunks(n, CHUNK, ctx, |range| {
        let base = acts.res_ptr[range.start];
        let len = acts.res_ptr[range.end] - base;
        let mut part = Part {
            degree: Vec::with_capacity(range.len()),
            loss: vec![0; len],
            isolated: vec![false; len],
            acts: Vec::new(),
            ties: Vec::new(),
            unique: Vec::new(),
            cross: Vec::new(),
            unique_cross: Vec::new(),
        };
        part.acts = acts.res_units[base..base + len].to_vec();
        part.acts.sort_unstable();
        part.acts.dedup();
        let na = part.acts.len();
        (part.ties, part.unique) = (vec![0; na], vec![0; na]);
        (part.cross, part.unique_cross) = (vec![0; na], vec![0; na]);
        // Sorted (co-member, key) pairs, one run per co-member. Without `min_weight` the key
        // is the activity (deduplicated: a tie survives the activity iff another is behind
        // it); with `min_weight` it is the shared unit (ascending, as the weight is summed).
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut shared: Vec<u32> = Vec::new();
        let mut behind: Vec<u32> = Vec::new();
        for i in range {
            // per resident: in a register of big activities one resident's ties are long work
            ctx.check()?;
            pairs.clear();
            for &k in inc.units_of(i) {
                if !active[k as usize] {
                    continue;
                }
                let key = if by_unit { k } else { uact[k as usize] };
                pairs.extend(
                    inc.members(k as usize)
                        .iter()
                        .filter(|&&j| j as usize != i)
                        .map(|&j| (j, key)),
                );
            }
            pairs.sort_unstable();
            if !by_unit {
                pairs.dedup();
            }
            let my_acts = acts.units_of(i);
            let lo = acts.res_ptr[i] - base;
            let hi = acts.res_ptr[i + 1] - base;
            let is_tie = |j: u32| {
                graph
                    .as_ref()
                    .is_none_or(|g| g.out_csr().row(i).binary_search(&j).is_ok())
            };
            // the run of co-member pairs[s].0 ends at the returned index
            let run_end = |s: usize| {
                let j = pairs[s].0;
                s + pairs[s..].iter().take_while(|&&(x, _)| x == j).count()
            };
            let mut deg = 0u32;
            let mut s = 0;
            while s < pairs.len() {
                let e = run_end(s);
                let (j, run) = (pairs[s].0, &pairs[s..e]);
                s = e;
                if !is_tie(j) {
                    continue;
                }
                deg += 1;
                let upper = j as usize > i;
                let crossing = codes.is_some_and(|c| {
                    let (x, y) = (c[i], c[j as usize]);
                    x >= 0 && y >= 0 && x != y
                });
                // activity a is behind the tie; `gone`: the tie vanishes when a stops
                let mut count = |a: u32, gone: bool| {
                    // a is an activity of i, so one of the chunk's
                    let x = part
                        .acts
                        .binary_search(&a)
                        .expect("an activity of the chunk");
                    if upper {
                        part.ties[x] += 1;
                        part.cross[x] += crossing as u64;
                    }
                    if gone {
                        if upper {
                            part.unique[x] += 1;
                            part.unique_cross[x] += crossing as u64;
                        }
                        if let Ok(p) = my_acts.binary_search(&a) {
                            part.loss[lo + p] += 1;
                        }
                    }
                };
                if by_unit {
                    shared.clear();
                    shared.extend(run.iter().map(|&(_, k)| k));
                    behind.clear();
                    behind.extend(shared.iter().map(|&k| uact[k as usize]));
                    behind.sort_unstable();
                    behind.dedup();
                    for &a in &behind {
                        count(a, !without.survives(i, j as usize, &shared, a));
                    }
                } else {
                    let alone = run.len() == 1;
                    for &(_, a) in run {
                        count(a, alone);
                    }
                }
            }
            let mut any = false;
            for p in lo..hi {
                part.isolated[p] = deg > 0 && part.loss[p] == deg;
                any |= part.isolated[p];
            }
            // a resident who loses every tie may still gain one (jaccard/overlap weights)
            if any && without.can_gain() {
                let mut s = 0;
                while s < pairs.len() {
                    let e = run_end(s);
                    let (j, run) = (pairs[s].0, &pairs[s..e]);
                    s = e;
                    if is_tie(j) {
                        continue;
                    }
                    shared.clear();
                    shared.extend(run.iter().map(|&(_, k)| k));
                    for (p, &a) in my_acts.iter().enumerate() {
                        if part.isolated[lo + p] && without.survives(i, j as usize, &shared, a) {
                            part.isolated[lo + p] = false;
                        }
                    }
                }
            }
            part.degree.push(deg);
        }
        Ok(part)
    })?;
    let mut out = TieProvenance {
        degree: Vec::with_capacity(n),
        loss: Vec::with_capacity(acts.n_incidences()),
        isolated: Vec::with_capacity(acts.n_incidences()),
        ties: vec![0; n_act],
        unique: vec![0; n_act],
        cross: vec![0; n_act],
        unique_cross: vec![0; n_act],
    };
    for p in parts {
        out.degree.extend_from_slice(&p.degree);
        out.loss.extend_from_slice(&p.loss);
        out.isolated.extend_from_slice(&p.isolated);
        for (x, &a) in p.acts.iter().enumerate() {
            let a = a as usize;
            out.ties[a] += p.ties[x];
            out.unique[a] += p.unique[x];
            out.cross[a] += p.cross[x];
            out.unique_cross[a] += p.unique_cross[x];
        }
    }
    Ok(out)
}

/// A resident all of whose ties vanish when one activity stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// Local resident index (as in the projection).
    pub resident: u32,
    /// Local activity index (position in `net.incidence(Unit::Activity).units`).
    pub activity: u32,
    /// The resident's ties (all of which vanish when this activity stops).
    pub ties: u32,
}

/// Residents with at least one tie who would have none left if one activity stopped: exactly
/// the residents [`crate::analysis::whatif::remove`] reports in `lost_all` when that activity
/// alone is removed.
///
/// Without `min_weight` a resident depends on at most one activity (every tie comes from it);
/// with `min_weight` it can depend on several (a single tie of weight 2 from a dance session and
/// a yoga session vanishes without either), and then has one entry per activity.
///
/// # Arguments
/// * `prov` — from [`tie_provenance`] on `net`.
/// * `net` — the same view.
///
/// # Returns
/// One [`Dependency`] per (resident, activity) pair, by resident, then activity.
///
/// # Complexity
/// O(residents + participations).
///
/// # Example
/// ```
/// use wijknet::{Context, Duplicates, Network, Projection, RegisterBuilder};
/// use wijknet::analysis::impact::{dependency, tie_provenance};
/// let mut b = RegisterBuilder::new();
/// for (r, a) in [("ann", "dance"), ("bob", "dance"), ("bob", "yoga"), ("cas", "yoga")] {
///     b.add(r, a).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let p = tie_provenance(&net, &Projection::default(), None, &Context::new()).unwrap();
/// let d = dependency(&p, &net);
/// // ann only through dance, cas only through yoga; bob has ties through both
/// assert_eq!(d.iter().map(|x| (x.resident, x.activity)).collect::<Vec<_>>(), vec![(0, 0), (2, 1)]);
/// ```
pub fn dependency(prov: &TieProvenance, net: &Network) -> Vec<Dependency> {
    let acts: Arc<Incidence> = net.incidence(Unit::Activity);
    let mut out = Vec::new();
    for i in 0..acts.n_residents() {
        for p in acts.res_ptr[i]..acts.res_ptr[i + 1] {
            if prov.isolated[p] {
                out.push(Dependency {
                    resident: i as u32,
                    activity: acts.res_units[p],
                    ties: prov.degree[i],
                });
            }
        }
    }
    out
}

/// Participation figures of each activity of the view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Participation {
    /// Distinct participants.
    pub participants: Vec<u32>,
    /// Distinct sessions held (in the view).
    pub sessions: Vec<u32>,
    /// Participants who attended ≥ 2 sessions of it.
    pub repeaters: Vec<u32>,
}

/// Participants, sessions and repeaters (participants present at two or more of its
/// sessions) of each activity of the view; the repeat rate is `repeaters / participants`.
///
/// # Complexity
/// O(participations + sessions).
///
/// # Example
/// ```
/// use wijknet::{Duplicates, Network, RegisterBuilder};
/// use wijknet::register::Role;
/// use wijknet::analysis::impact::participation;
/// let mut b = RegisterBuilder::new();
/// b.add_dated("ann", "dance", 1, Role::Participant).unwrap();
/// b.add_dated("ann", "dance", 2, Role::Participant).unwrap();
/// b.add_dated("bob", "dance", 2, Role::Participant).unwrap();
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let p = participation(&net);
/// assert_eq!((p.participants[0], p.sessions[0], p.repeaters[0]), (2, 2, 1));
/// ```
pub fn participation(net: &Network) -> Participation {
    let acts = net.incidence(Unit::Activity);
    let sess = net.incidence(Unit::Session);
    let n_act = acts.n_units();
    let participants: Vec<u32> = (0..n_act).map(|k| acts.size(k) as u32).collect();
    let mut repeaters = vec![0u32; n_act];
    for (p, &k) in acts.res_units.iter().enumerate() {
        if acts.res_count[p] >= 2 {
            repeaters[k as usize] += 1;
        }
    }
    let mut sessions = vec![0u32; n_act];
    for a in unit_activity(net, &sess, &acts) {
        sessions[a as usize] += 1;
    }
    Participation {
        participants,
        sessions,
        repeaters,
    }
}
