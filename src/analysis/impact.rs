//! Activity impact: what each activity contributes to the resident–resident network.
//!
//! The core is one pass over the projection with *activity provenance*: for every tie (i, j) of
//! the projection the distinct activities behind it (for `unit` session: the activities of the
//! sessions i and j shared). From it, per activity:
//! - **ties** it creates: ties of the projection with this activity among their activities;
//! - **unique ties**: ties whose *only* activity is this one — exactly the ties that disappear
//!   when the activity is removed (with `unit` session too: a tie whose shared sessions all
//!   belong to this activity; sessions of one activity are never split);
//! - **cross-group** ties and unique ties, given a group code per resident;
//!
//! and per (resident, activity) the number of the resident's ties that only this activity
//! creates (what the resident loses when it stops), which gives residents that depend on one
//! activity ([`dependency`]) and the fast what-if ranking of [`crate::analysis::whatif`].
//!
//! A tie is a tie of the projection spec: units left out by `max_activity_size` create none,
//! and with `min_weight` only ties that pass it count (whether removing the activity would drop
//! a tie under `min_weight` is a what-if question, answered by
//! [`crate::analysis::whatif::remove`]).
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::incidence::{Incidence, Unit};
use crate::network::Network;
use crate::projection::{project, Projection};
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
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        ctx.install(|| ranges.into_par_iter().map(g).collect())
    }
    #[cfg(not(feature = "parallel"))]
    {
        ranges.into_iter().map(g).collect()
    }
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
    /// a, the ties of i that only a creates (the ties i loses when a stops).
    pub loss: Vec<u32>,
    /// Per activity: ties of the projection it takes part in.
    pub ties: Vec<u64>,
    /// Per activity: ties it alone creates.
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

/// Per-thread totals of one chunk.
struct Part {
    degree: Vec<u32>,
    loss: Vec<u32>,
    ties: Vec<u64>,
    unique: Vec<u64>,
    cross: Vec<u64>,
    unique_cross: Vec<u64>,
}

/// The activity provenance of every tie of `net.project(spec)` (see the module docs).
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
/// [`Error::InvalidArgument`] if `codes` has the wrong length; the projection's errors
/// (pair budget, `min_weight`) when `spec.min_weight` is set (the projection is then built to
/// know which ties pass); [`Error::Cancelled`].
///
/// # Complexity
/// O(Σ_i Σ_{k∈K_i} n_k · log) time (the projection's work, with a sort of each row's
/// (co-member, activity) pairs), O(threads · max row + residents + activities) memory.
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
    let graph: Option<Graph> = match spec.min_weight {
        Some(_) => Some(project(net, spec, ctx)?),
        None => None,
    };
    let uact = unit_activity(net, &inc, &acts);
    let max = spec.max_activity_size.unwrap_or(usize::MAX);
    let active: Vec<bool> = (0..inc.n_units()).map(|k| inc.size(k) <= max).collect();
    let n_act = acts.n_units();
    ctx.start(n as u64);
    let parts = map_chunks(n, CHUNK, ctx, |range| {
        let mut part = Part {
            degree: Vec::with_capacity(range.len()),
            loss: vec![0; acts.res_ptr[range.end] - acts.res_ptr[range.start]],
            ties: vec![0; n_act],
            unique: vec![0; n_act],
            cross: vec![0; n_act],
            unique_cross: vec![0; n_act],
        };
        let base = acts.res_ptr[range.start];
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for i in range {
            pairs.clear();
            for &k in inc.units_of(i) {
                let k = k as usize;
                if !active[k] {
                    continue;
                }
                let a = uact[k];
                pairs.extend(
                    inc.members(k)
                        .iter()
                        .filter(|&&j| j as usize != i)
                        .map(|&j| (j, a)),
                );
            }
            pairs.sort_unstable();
            pairs.dedup();
            let my_acts = acts.units_of(i);
            let my_loss = &mut part.loss[acts.res_ptr[i] - base..acts.res_ptr[i + 1] - base];
            let mut deg = 0u32;
            let mut s = 0;
            while s < pairs.len() {
                let j = pairs[s].0;
                let mut e = s + 1;
                while e < pairs.len() && pairs[e].0 == j {
                    e += 1;
                }
                let exists = graph
                    .as_ref()
                    .is_none_or(|g| g.out_csr().row(i).binary_search(&j).is_ok());
                if exists {
                    deg += 1;
                    let upper = j as usize > i;
                    let crossing = codes.is_some_and(|c| {
                        let (x, y) = (c[i], c[j as usize]);
                        x >= 0 && y >= 0 && x != y
                    });
                    if upper {
                        for &(_, a) in &pairs[s..e] {
                            part.ties[a as usize] += 1;
                            part.cross[a as usize] += crossing as u64;
                        }
                    }
                    if e - s == 1 {
                        let a = pairs[s].1;
                        if upper {
                            part.unique[a as usize] += 1;
                            part.unique_cross[a as usize] += crossing as u64;
                        }
                        if let Ok(p) = my_acts.binary_search(&a) {
                            my_loss[p] += 1;
                        }
                    }
                }
                s = e;
            }
            part.degree.push(deg);
        }
        Ok(part)
    })?;
    let mut out = TieProvenance {
        degree: Vec::with_capacity(n),
        loss: Vec::with_capacity(acts.n_incidences()),
        ties: vec![0; n_act],
        unique: vec![0; n_act],
        cross: vec![0; n_act],
        unique_cross: vec![0; n_act],
    };
    for p in parts {
        out.degree.extend_from_slice(&p.degree);
        out.loss.extend_from_slice(&p.loss);
        for a in 0..n_act {
            out.ties[a] += p.ties[a];
            out.unique[a] += p.unique[a];
            out.cross[a] += p.cross[a];
            out.unique_cross[a] += p.unique_cross[a];
        }
    }
    Ok(out)
}

/// A resident whose every tie comes from one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// Local resident index (as in the projection).
    pub resident: u32,
    /// Local activity index (position in `net.incidence(Unit::Activity).units`).
    pub activity: u32,
    /// The resident's ties (all of which only this activity creates).
    pub ties: u32,
}

/// Residents with at least one tie all of whose ties only one activity creates: they would be
/// isolated if that activity stopped.
///
/// # Arguments
/// * `prov` — from [`tie_provenance`] on `net`.
/// * `net` — the same view.
///
/// # Returns
/// One [`Dependency`] per such resident, in resident order.
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
        let deg = prov.degree[i];
        if deg == 0 {
            continue;
        }
        for p in acts.res_ptr[i]..acts.res_ptr[i + 1] {
            if prov.loss[p] == deg {
                out.push(Dependency {
                    resident: i as u32,
                    activity: acts.res_units[p],
                    ties: deg,
                });
                break;
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
