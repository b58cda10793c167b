//! What-if scenarios: remove activities or residents and compare the network before and
//! after.
//!
//! **Population.** Removing an *activity* keeps every resident of the view: people who only
//! attended it stay in the neighbourhood and count as isolated afterwards. Removing a
//! *resident* (a volunteer who leaves) takes them out of the population: the shares after are
//! over the remaining residents.
//!
//! **One definition of a lost tie.** A tie is lost when an activity stops iff it is not a tie
//! of the same projection of the register without that activity. [`remove`] re-projects the
//! reduced register with the same projection spec, so it is exact for every weight, `unit`,
//! `min_weight` and `max_activity_size`. [`rank_activities`] takes its ties lost and residents
//! losing every tie from [`tie_provenance`], the routine behind the unique ties of activity
//! impact and [`dependency`](super::impact::dependency), which decides the same question tie
//! by tie; the tests hold all of them to [`remove`].
//!
//! **Fast paths.** [`rank_activities`] and [`rank_residents`] avoid re-projecting: without
//! `min_weight` a tie survives the removal of activity A iff some other activity also creates
//! it, and components after removing one vertex of the two-mode graph (residents + units)
//! follow from one depth-first search (the block–cut structure: the pieces a vertex
//! separates). For `unit` session, an activity is several session vertices; they are replaced
//! by one vertex per *cluster* of the activity (its participants linked through its sessions),
//! which leaves resident connectivity as it is, so an activity is again one vertex unless its
//! sessions form separate groups (then its components are recomputed by a search restricted to
//! the components it touches). The fast paths need tie existence to be decided by sharing a
//! unit: no `min_weight` (and, for residents, no `max_activity_size`, since a leaver shrinks
//! units below the limit); otherwise the network after is re-projected per item (exact,
//! slower), in parallel.
use super::impact::{map_chunks, tie_provenance, unit_activity};
use crate::context::Context;
use crate::error::{check_indices, Error, Result};
use crate::graph::Csr;
use crate::ids::Ids;
use crate::incidence::{Incidence, Unit};
use crate::metrics::components::flood;
use crate::network::Network;
use crate::projection::{project_incidence, Projection};
use cuts::{largest_other, pieces_without, search, session_clusters, TwoMode};

mod cuts;

/// Connectedness of the population of a scenario.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Residents in the population.
    pub residents: usize,
    /// Ties (undirected).
    pub ties: usize,
    /// Residents without ties.
    pub isolates: usize,
    /// Connected components (an isolated resident is one).
    pub components: usize,
    /// Residents in the largest component.
    pub largest_component: usize,
    /// Mean over residents of the number of others within two steps (None where not computed).
    pub mean_reach2: Option<f64>,
    /// For each threshold `ks[t]`: residents with at least that many ties.
    pub at_least: Vec<usize>,
}

impl Summary {
    /// Largest component / residents (NaN for an empty population).
    pub fn largest_share(&self) -> f64 {
        self.largest_component as f64 / self.residents as f64
    }
}

/// The result of [`remove`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scenario {
    /// The view as it is.
    pub before: Summary,
    /// After the removal.
    pub after: Summary,
    /// Residents (local indices) who had ties before and have none after (removed residents
    /// excluded).
    pub lost_all: Vec<u32>,
}

/// One row of a ranking: the network after removing one item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Removal {
    /// Ties of the view that disappear (with `min_weight` and a jaccard or overlap weight,
    /// new ties can also appear: `after.ties` has the total).
    pub ties_lost: usize,
    /// Residents (not removed) who had ties and have none after.
    pub lose_all: usize,
    /// The network after (no reach).
    pub after: Summary,
}

/// The result of [`rank_activities`] / [`rank_residents`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking {
    /// The view as it is (no reach).
    pub before: Summary,
    /// One row per item, in the order asked.
    pub rows: Vec<Removal>,
}

fn check_ks(ks: &[u32]) -> Result<()> {
    if ks.contains(&0) {
        return Err(Error::arg(
            "k",
            "thresholds must be ≥ 1 (everyone has ≥ 0 ties); pass e.g. k=(1, 2, 3)",
        ));
    }
    Ok(())
}

/// Summary of a symmetric CSR over the residents with `present[i]` (all when None).
fn summarize(
    csr: &Csr,
    present: Option<&[bool]>,
    ks: &[u32],
    reach: bool,
    ctx: &Context,
) -> Result<Summary> {
    let n = csr.n_rows();
    let here = |i: usize| present.is_none_or(|p| p[i]);
    let mut s = Summary {
        at_least: vec![0; ks.len()],
        ..Default::default()
    };
    let mut comp = vec![u32::MAX; n];
    let mut queue: Vec<u32> = Vec::new();
    for v in 0..n {
        if !here(v) {
            continue;
        }
        s.residents += 1;
        let d = csr.row(v).len();
        s.ties += d;
        s.isolates += (d == 0) as usize;
        for (t, &k) in ks.iter().enumerate() {
            s.at_least[t] += (d >= k as usize) as usize;
        }
        if comp[v] != u32::MAX {
            continue;
        }
        let size = flood(&[csr], v, s.components as u32, &mut comp, &mut queue);
        s.components += 1;
        s.largest_component = s.largest_component.max(size);
    }
    s.ties /= 2;
    if reach {
        let counts = map_chunks(n, 2048, ctx, |r| {
            let mut stamp = vec![u32::MAX; n];
            let mut total = 0u64;
            for i in r {
                if !here(i) {
                    continue;
                }
                // a resident's 2-step reach in a dense projection is long work of its own
                ctx.check()?;
                let mark = i as u32;
                stamp[i] = mark;
                let mut c = 0u64;
                for &j in csr.row(i) {
                    if stamp[j as usize] != mark {
                        stamp[j as usize] = mark;
                        c += 1;
                    }
                    for &h in csr.row(j as usize) {
                        if stamp[h as usize] != mark {
                            stamp[h as usize] = mark;
                            c += 1;
                        }
                    }
                }
                total += c;
            }
            Ok(total)
        })?;
        let total: u64 = counts.iter().sum();
        s.mean_reach2 = Some(total as f64 / s.residents as f64);
    }
    Ok(s)
}

/// `inc` without the units flagged in `drop_unit` and without the residents flagged in
/// `drop_res` (who keep their rows, empty). O(incidences).
fn reduced(inc: &Incidence, drop_unit: &[bool], drop_res: &[bool]) -> Incidence {
    let n = inc.n_residents();
    let mut res_ptr = Vec::with_capacity(n + 1);
    res_ptr.push(0);
    let mut res_units = Vec::new();
    let mut res_count = Vec::new();
    for (i, &gone) in drop_res.iter().enumerate().take(n) {
        if !gone {
            for p in inc.res_ptr[i]..inc.res_ptr[i + 1] {
                let k = inc.res_units[p];
                if !drop_unit[k as usize] {
                    res_units.push(k);
                    res_count.push(inc.res_count[p]);
                }
            }
        }
        res_ptr.push(res_units.len());
    }
    let nu = inc.n_units();
    let mut unit_ptr = vec![0usize; nu + 1];
    for &k in &res_units {
        unit_ptr[k as usize + 1] += 1;
    }
    for k in 0..nu {
        unit_ptr[k + 1] += unit_ptr[k];
    }
    let mut cursor = unit_ptr.clone();
    let mut unit_res = vec![0u32; res_units.len()];
    for i in 0..n {
        for &k in &res_units[res_ptr[i]..res_ptr[i + 1]] {
            unit_res[cursor[k as usize]] = i as u32;
            cursor[k as usize] += 1;
        }
    }
    Incidence {
        unit: inc.unit,
        residents: inc.residents.clone(),
        units: inc.units.clone(),
        res_ptr,
        res_units,
        res_count,
        unit_ptr,
        unit_res,
    }
}

/// Flags per unit of `inc` for the given local activities.
fn units_of_activities(net: &Network, inc: &Incidence, local_acts: &[u32]) -> Vec<bool> {
    let acts = net.incidence(Unit::Activity);
    let uact = unit_activity(net, inc, &acts);
    let mut gone_act = vec![false; acts.n_units()];
    for &a in local_acts {
        gone_act[a as usize] = true;
    }
    uact.iter().map(|&a| gone_act[a as usize]).collect()
}

/// Positions in `view` (the view's register indices, ascending) of the register indices
/// `wanted`; an index outside the register or the view is an error naming the `argument`
/// (and the id, shortened as [`Id::shown`](crate::Id::shown) shortens it); `ids`: the
/// register's ids, `what`: their singular and plural, e.g. ("activity", "activities").
fn local(
    view: &[u32],
    wanted: &[u32],
    argument: &str,
    ids: &Ids,
    what: (&str, &str),
) -> Result<Vec<u32>> {
    check_indices(argument, Some(wanted), ids.len(), what, "register")?;
    wanted
        .iter()
        .map(|&x| {
            view.binary_search(&x).map(|p| p as u32).map_err(|_| {
                Error::arg(
                    argument,
                    format!(
                        "{} {} (register index {x}) has no attendance in this view; \
                         remove only {argument} of the view",
                        what.0,
                        ids.get(x as usize).shown()
                    ),
                )
            })
        })
        .collect()
}

/// Local activity indices of register activities (error if one is not in the view).
fn local_activities(net: &Network, activities: &[u32]) -> Result<Vec<u32>> {
    let view = &net.incidence(Unit::Activity).units;
    let ids = net.register().activity_ids();
    local(
        view,
        activities,
        "activities",
        ids,
        ("activity", "activities"),
    )
}

/// Local resident indices of register residents (error if one is not in the view).
fn local_residents(net: &Network, residents: &[u32]) -> Result<Vec<u32>> {
    let view = &net.incidence(Unit::Activity).residents;
    let ids = net.register().resident_ids();
    local(view, residents, "residents", ids, ("resident", "residents"))
}

/// Removes activities and/or residents and recomputes, from the reduced register with the
/// same projection, isolates, components, the largest component, mean 2-step reach, ties and
/// residents with ≥ k ties (see the module docs for the population).
///
/// # Arguments
/// * `net` — the view.
/// * `spec` — the projection (any weight, unit, `min_weight`, `max_activity_size`).
/// * `activities`, `residents` — register indices to remove (see
///   [`Network::activity_indices`], [`Network::resident_indices`]).
/// * `ks` — thresholds for "residents with ≥ k ties".
/// * `reach` — also compute the mean 2-step reach (the costly part on big registers).
/// * `ctx` — threads and cancellation.
///
/// # Returns
/// A [`Scenario`]: before, after and the residents who lose all their ties.
///
/// # Errors
/// [`Error::InvalidArgument`] for an activity or resident outside the view, or k = 0; the
/// projection's errors.
///
/// # Complexity
/// Two projections, plus O(Σ_i Σ_{j∈N(i)} deg j) for the 2-step reach (with `reach`; on
/// the 100,000-resident synthetic register, ≈ 15 million ties, that is about 100 s on two
/// cores against a few seconds without).
///
/// # Example
/// ```
/// use wijknet::{Context, Duplicates, Network, Projection, RegisterBuilder};
/// use wijknet::analysis::whatif::remove;
/// let mut b = RegisterBuilder::new();
/// for (r, a) in [("ann", "dance"), ("bob", "dance"), ("bob", "yoga"), ("cas", "yoga")] {
///     b.add(r, a).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let s = remove(&net, &Projection::default(), &[1], &[], &[1], true, &Context::new()).unwrap();
/// assert_eq!((s.before.components, s.after.components), (1, 2));
/// assert_eq!(s.lost_all, vec![2]); // cas only met people at yoga
/// ```
pub fn remove(
    net: &Network,
    spec: &Projection,
    activities: &[u32],
    residents: &[u32],
    ks: &[u32],
    reach: bool,
    ctx: &Context,
) -> Result<Scenario> {
    check_ks(ks)?;
    let acts = local_activities(net, activities)?;
    let res = local_residents(net, residents)?;
    let inc = net.incidence(spec.unit);
    let before_csr = project_incidence(&inc, spec, ctx)?;
    let drop_unit = units_of_activities(net, &inc, &acts);
    let mut drop_res = vec![false; inc.n_residents()];
    for &r in &res {
        drop_res[r as usize] = true;
    }
    let after_csr = project_incidence(&reduced(&inc, &drop_unit, &drop_res), spec, ctx)?;
    let present: Vec<bool> = drop_res.iter().map(|d| !d).collect();
    let before = summarize(&before_csr, None, ks, reach, ctx)?;
    let after = summarize(&after_csr, Some(&present), ks, reach, ctx)?;
    let lost_all = (0..inc.n_residents())
        .filter(|&i| present[i] && !before_csr.row(i).is_empty() && after_csr.row(i).is_empty())
        .map(|i| i as u32)
        .collect();
    Ok(Scenario {
        before,
        after,
        lost_all,
    })
}

/// Every activity of the view: the network after removing each one alone, computed without
/// re-projecting (see the module docs; the network after is re-projected per activity when
/// `spec.min_weight` is set). Ties lost and residents losing every tie come from
/// [`tie_provenance`] in both cases: the unique ties and dependencies of activity impact.
///
/// # Arguments
/// * `net`, `spec` — the view and its projection.
/// * `ks` — thresholds for "residents with ≥ k ties".
/// * `ctx` — threads and cancellation.
///
/// # Returns
/// A [`Ranking`] with one row per activity of the view (local order = register order); the
/// caller sorts.
///
/// # Errors
/// k = 0; the projection's errors (pair budget); [`Error::Cancelled`].
///
/// # Complexity
/// Fast path: one provenance pass (≈ one projection) + one depth-first search of the
/// two-mode graph, O(participations) (for unit session over the activities' clusters, see the
/// module docs); an activity whose sessions form several separate groups adds a search over
/// the components they touch.
/// Fallback: one projection per activity.
///
/// # Example
/// ```
/// use wijknet::{Context, Duplicates, Network, Projection, RegisterBuilder};
/// use wijknet::analysis::whatif::rank_activities;
/// let mut b = RegisterBuilder::new();
/// for (r, a) in [("ann", "dance"), ("bob", "dance"), ("bob", "yoga"), ("cas", "yoga")] {
///     b.add(r, a).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let r = rank_activities(&net, &Projection::default(), &[1], &Context::new()).unwrap();
/// assert_eq!(r.rows[0].after.components, 2); // without dance: {ann}, {bob, cas}
/// assert_eq!(r.rows[1].lose_all, 1);         // without yoga cas has nobody
/// ```
pub fn rank_activities(
    net: &Network,
    spec: &Projection,
    ks: &[u32],
    ctx: &Context,
) -> Result<Ranking> {
    check_ks(ks)?;
    let acts = net.incidence(Unit::Activity);
    let n_act = acts.n_units();
    let prov = tie_provenance(net, spec, None, ctx)?;
    // residents of activity a who would have no tie left without it
    let lose_all = |a: usize| -> usize {
        acts.members(a)
            .iter()
            .filter(|&&i| {
                let i = i as usize;
                acts.units_of(i)
                    .binary_search(&(a as u32))
                    .is_ok_and(|p| prov.isolated[acts.res_ptr[i] + p])
            })
            .count()
    };
    if spec.min_weight.is_some() {
        // the network after by re-projecting; what is lost from the provenance (the same
        // ties: see the module docs)
        let items: Vec<Vec<u32>> = (0..n_act as u32).map(|a| vec![a]).collect();
        let mut r = rank_by_reprojecting(net, spec, &items, &[], ks, ctx)?;
        for (a, row) in r.rows.iter_mut().enumerate() {
            row.ties_lost = prov.unique[a] as usize;
            row.lose_all = lose_all(a);
        }
        return Ok(r);
    }
    let inc = net.incidence(spec.unit);
    let n = inc.n_residents();
    let max = spec.max_activity_size.unwrap_or(usize::MAX);
    let active: Vec<bool> = (0..inc.n_units()).map(|k| inc.size(k) <= max).collect();
    // The two-mode graph whose vertex removals are activity removals: for unit activity the
    // incidence itself; for unit session the activities' clusters (see `session_clusters`).
    let (cl, cl_active, cl_act) = match spec.unit {
        Unit::Activity => (None, active, (0..n_act as u32).collect::<Vec<u32>>()),
        Unit::Session => {
            let uact = unit_activity(net, &inc, &acts);
            let (c, label) = session_clusters(&inc, &active, &uact, n_act);
            let all = vec![true; c.n_units()];
            (Some(c), all, label)
        }
    };
    let t = TwoMode {
        inc: cl.as_ref().unwrap_or(&inc),
        active: &cl_active,
        n,
    };
    let (cuts, order, largest_before) = search(&t, ctx)?;
    let n_comp = cuts.comp_res.len();
    let before = degree_summary(&prov.degree, Some((n_comp, largest_before as usize)), ks);
    let mut clusters: Vec<Vec<u32>> = vec![Vec::new(); n_act];
    for (c, &a) in cl_act.iter().enumerate() {
        if cl_active[c] {
            clusters[a as usize].push(c as u32);
        }
    }
    // Components after removing each activity: (count, largest). One vertex: read off the
    // depth-first search; several (an activity whose sessions fall apart into groups that never
    // met): a search restricted to the components they touch.
    let mut by_comp: Vec<Vec<u32>> = Vec::new();
    if clusters.iter().any(|c| c.len() > 1) {
        by_comp = vec![Vec::new(); n_comp];
        for v in 0..t.nv() {
            if cuts.comp[v] != u32::MAX {
                by_comp[cuts.comp[v] as usize].push(v as u32);
            }
        }
    }
    let comp_rows = map_chunks(n_act, 64, ctx, |r| {
        let mut seen: Vec<u32> = Vec::new();
        let mut out = Vec::with_capacity(r.len());
        for a in r {
            match clusters[a].as_slice() {
                [] => out.push((n_comp, largest_before)),
                &[c] => {
                    let v = n + c as usize;
                    let other = largest_other(&order, &cuts.comp_res, &[cuts.comp[v]]);
                    out.push((
                        n_comp - 1 + cuts.pieces[v] as usize,
                        cuts.largest[v].max(other),
                    ));
                }
                many => {
                    if seen.is_empty() {
                        seen = vec![u32::MAX; t.nv()];
                    }
                    let mut touched: Vec<u32> =
                        many.iter().map(|&c| cuts.comp[n + c as usize]).collect();
                    touched.sort_unstable();
                    touched.dedup();
                    let gone = |v: usize| v >= n && cl_act[v - n] as usize == a;
                    let (count, largest) =
                        pieces_without(&t, &by_comp, &touched, &gone, &mut seen, a as u32);
                    let other = largest_other(&order, &cuts.comp_res, &touched);
                    out.push((n_comp - touched.len() + count as usize, largest.max(other)));
                }
            }
        }
        Ok(out)
    })?;
    let comps: Vec<(usize, u32)> = comp_rows.into_iter().flatten().collect();
    let rows = (0..n_act)
        .map(|a| {
            let mut after = before.clone();
            for &i in acts.members(a) {
                let i = i as usize;
                let p = acts.res_ptr[i] + acts.units_of(i).binary_search(&(a as u32)).unwrap_or(0);
                let (d, l) = (prov.degree[i] as usize, prov.loss[p] as usize);
                for (t, &k) in ks.iter().enumerate() {
                    let k = k as usize;
                    if d >= k && d - l < k {
                        after.at_least[t] -= 1;
                    }
                }
            }
            let ties_lost = prov.unique[a] as usize;
            let lose_all = lose_all(a);
            after.ties -= ties_lost;
            after.isolates += lose_all;
            after.components = comps[a].0;
            after.largest_component = comps[a].1 as usize;
            Removal {
                ties_lost,
                lose_all,
                after,
            }
        })
        .collect();
    Ok(Ranking { before, rows })
}

fn degree_summary(degree: &[u32], largest: Option<(usize, usize)>, ks: &[u32]) -> Summary {
    let mut s = Summary {
        residents: degree.len(),
        ties: degree.iter().map(|&d| d as usize).sum::<usize>() / 2,
        isolates: degree.iter().filter(|&&d| d == 0).count(),
        at_least: ks
            .iter()
            .map(|&k| degree.iter().filter(|&&d| d >= k).count())
            .collect(),
        ..Default::default()
    };
    if let Some((c, l)) = largest {
        s.components = c;
        s.largest_component = l;
    }
    s
}

/// Re-projects once per item (a set of local activities, or one local resident): exact for
/// every spec. Items run in parallel, each projection on one thread.
fn rank_by_reprojecting(
    net: &Network,
    spec: &Projection,
    act_items: &[Vec<u32>],
    res_items: &[u32],
    ks: &[u32],
    ctx: &Context,
) -> Result<Ranking> {
    let inc = net.incidence(spec.unit);
    let n = inc.n_residents();
    let base = project_incidence(&inc, spec, ctx)?;
    let before = summarize(&base, None, ks, false, ctx)?;
    let items = act_items.len() + res_items.len();
    // Same pool as the caller (installing a pool of another size from inside a worker would
    // serialise the items); its own progress counter, the caller's cancel flag.
    let inner = Context::new()
        .with_threads(ctx.threads())
        .with_cancel_from(ctx);
    ctx.start(items as u64);
    let rows = map_chunks(items, 1, ctx, |r| {
        let mut out = Vec::new();
        for it in r {
            let mut drop_res = vec![false; n];
            let drop_unit = if it < act_items.len() {
                units_of_activities(net, &inc, &act_items[it])
            } else {
                drop_res[res_items[it - act_items.len()] as usize] = true;
                vec![false; inc.n_units()]
            };
            let csr = project_incidence(&reduced(&inc, &drop_unit, &drop_res), spec, &inner)?;
            let present: Vec<bool> = drop_res.iter().map(|d| !d).collect();
            let after = summarize(&csr, Some(&present), ks, false, &inner)?;
            let lose_all = (0..n)
                .filter(|&i| present[i] && !base.row(i).is_empty() && csr.row(i).is_empty())
                .count();
            // ties of the view that are gone (with min_weight and jaccard/overlap, others
            // can appear: a smaller union raises the similarity)
            let ties_lost = (0..n)
                .map(|i| {
                    let new = csr.row(i);
                    base.row(i)
                        .iter()
                        .filter(|j| new.binary_search(j).is_err())
                        .count()
                })
                .sum::<usize>()
                / 2;
            out.push(Removal {
                ties_lost,
                lose_all,
                after,
            });
        }
        Ok(out)
    })?;
    Ok(Ranking {
        before,
        rows: rows.into_iter().flatten().collect(),
    })
}

/// The network after removing each of `residents` alone (register indices; e.g. the
/// volunteers and organisers), without re-projecting when `spec` has no `min_weight` and no
/// `max_activity_size` (else one projection per resident).
///
/// # Arguments
/// * `net`, `spec` — the view and its projection.
/// * `residents` — register indices of the residents to evaluate.
/// * `ks` — thresholds for "residents with ≥ k ties".
/// * `ctx` — threads and cancellation.
///
/// # Returns
/// A [`Ranking`], rows in the order of `residents`; the population after excludes the
/// removed resident, whose own ties count in `ties_lost`.
///
/// # Errors
/// A resident outside the view; k = 0; the projection's errors.
///
/// # Complexity
/// Fast path: one projection + one depth-first search of the two-mode graph +
/// O(Σ deg) over the residents asked.
///
/// # Example
/// ```
/// use wijknet::{Context, Duplicates, Network, Projection, RegisterBuilder};
/// use wijknet::analysis::whatif::rank_residents;
/// let mut b = RegisterBuilder::new();
/// for (r, a) in [("ann", "dance"), ("bob", "dance"), ("bob", "yoga"), ("cas", "yoga")] {
///     b.add(r, a).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let r = rank_residents(&net, &Projection::default(), &[1], &[1], &Context::new()).unwrap();
/// assert_eq!(r.rows[0].after.components, 2); // without bob: {ann}, {cas}
/// assert_eq!(r.rows[0].lose_all, 2);
/// ```
pub fn rank_residents(
    net: &Network,
    spec: &Projection,
    residents: &[u32],
    ks: &[u32],
    ctx: &Context,
) -> Result<Ranking> {
    check_ks(ks)?;
    let local = local_residents(net, residents)?;
    if spec.min_weight.is_some() || spec.max_activity_size.is_some() {
        return rank_by_reprojecting(net, spec, &[], &local, ks, ctx);
    }
    let inc = net.incidence(spec.unit);
    let n = inc.n_residents();
    let g = project_incidence(&inc, spec, ctx)?;
    let degree: Vec<u32> = (0..n).map(|i| g.row(i).len() as u32).collect();
    let active = vec![true; inc.n_units()];
    let t = TwoMode {
        inc: &inc,
        active: &active,
        n,
    };
    let (cuts, order, largest_before) = search(&t, ctx)?;
    let n_comp = cuts.comp_res.len();
    let before = degree_summary(&degree, Some((n_comp, largest_before as usize)), ks);
    let rows = local
        .iter()
        .map(|&v| {
            let v = v as usize;
            let mut after = before.clone();
            let dv = degree[v] as usize;
            after.residents -= 1;
            after.ties -= dv;
            after.isolates -= (dv == 0) as usize;
            for (t, &k) in ks.iter().enumerate() {
                after.at_least[t] -= (dv >= k as usize) as usize;
            }
            let mut lose_all = 0;
            for &j in g.row(v) {
                let dj = degree[j as usize] as usize;
                if dj == 1 {
                    lose_all += 1;
                }
                for (t, &k) in ks.iter().enumerate() {
                    after.at_least[t] -= (dj == k as usize) as usize;
                }
            }
            after.isolates += lose_all;
            let c = cuts.comp[v];
            after.components = n_comp - 1 + cuts.pieces[v] as usize;
            after.largest_component =
                cuts.largest[v].max(largest_other(&order, &cuts.comp_res, &[c])) as usize;
            Removal {
                ties_lost: dv,
                lose_all,
                after,
            }
        })
        .collect();
    Ok(Ranking { before, rows })
}

/// [`rank_activities`] computed the slow way (one projection per activity): the oracle the
/// tests compare the fast path with, and the baseline of the benchmark.
///
/// # Complexity
/// One projection per activity.
///
/// # Example
/// ```
/// use wijknet::{Context, Duplicates, Network, Projection, RegisterBuilder};
/// use wijknet::analysis::whatif::{rank_activities, rank_activities_naive};
/// let mut b = RegisterBuilder::new();
/// for (r, a) in [("ann", "dance"), ("bob", "dance"), ("bob", "yoga"), ("cas", "yoga")] {
///     b.add(r, a).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let (p, ctx) = (Projection::default(), Context::new());
/// assert_eq!(rank_activities(&net, &p, &[1, 2], &ctx).unwrap(),
///            rank_activities_naive(&net, &p, &[1, 2], &ctx).unwrap());
/// ```
pub fn rank_activities_naive(
    net: &Network,
    spec: &Projection,
    ks: &[u32],
    ctx: &Context,
) -> Result<Ranking> {
    check_ks(ks)?;
    let n_act = net.incidence(Unit::Activity).n_units();
    let items: Vec<Vec<u32>> = (0..n_act as u32).map(|a| vec![a]).collect();
    rank_by_reprojecting(net, spec, &items, &[], ks, ctx)
}

/// [`rank_residents`] computed the slow way (one projection per resident).
///
/// # Complexity
/// One projection per resident asked.
///
/// # Example
/// ```
/// use wijknet::{Context, Duplicates, Network, Projection, RegisterBuilder};
/// use wijknet::analysis::whatif::{rank_residents, rank_residents_naive};
/// let mut b = RegisterBuilder::new();
/// for (r, a) in [("ann", "dance"), ("bob", "dance"), ("bob", "yoga"), ("cas", "yoga")] {
///     b.add(r, a).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let (p, ctx) = (Projection::default(), Context::new());
/// assert_eq!(rank_residents(&net, &p, &[0, 1, 2], &[1], &ctx).unwrap(),
///            rank_residents_naive(&net, &p, &[0, 1, 2], &[1], &ctx).unwrap());
/// ```
pub fn rank_residents_naive(
    net: &Network,
    spec: &Projection,
    residents: &[u32],
    ks: &[u32],
    ctx: &Context,
) -> Result<Ranking> {
    check_ks(ks)?;
    let local = local_residents(net, residents)?;
    rank_by_reprojecting(net, spec, &[], &local, ks, ctx)
}
