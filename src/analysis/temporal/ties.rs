//! Tie formation after joining, and tie persistence between two graphs.
use super::*;
use crate::graph::align::union_of;
use crate::parallel;
use ndarray::{Array2, ArrayView1};

/// Ties formed after joining (see [`tie_formation`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TieFormation {
    /// Register indices of the view's residents, ascending (the projection's node order).
    pub residents: Vec<u32>,
    /// First attendance t0 of each resident (date unit).
    pub first: Vec<i64>,
    /// The horizons Δ in days, as given.
    pub within: Vec<i64>,
    /// Residents × horizons: `counts[[i, k]]` is the number of distinct co-participants of
    /// resident i by t0 + within\[k\] days.
    pub counts: Array2<u32>,
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
/// An undated register; a negative Δ; `min_weight` 0; [`Error::PairWorkExceeded`] before any
/// work when the pairs of residents who share a unit exceed the default pair budget (the
/// pairs a projection may create); [`Error::Cancelled`].
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
/// // ann: bob by day 10; cas: ann (yoga since day 5)
/// assert_eq!(t.counts.column(0).to_vec(), [1, 1, 1]);
/// assert_eq!(t.counts.column(1).to_vec(), [2, 1, 1]);
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
    crate::projection::check_pair_work(&net.incidence(unit), true, "tie_formation")?;
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
                // every resident: the residents are mapped in parallel and each result is
                // kept, so only a check of its own lets a resident's work stop once cancelled
                ctx.check()?;
                if i % 256 == 0 {
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
        ctx.install(|| {
            parallel::map_init(
                n,
                || (vec![i64::MAX; n], Vec::new(), Vec::new()),
                |(best, touched, pairs), i| work(i, best, touched, pairs),
            )
        })
    };
    let mut counts = Array2::<u32>::zeros((n, horizons.len()));
    let mut first_tie = Vec::with_capacity(n);
    for (mut row, x) in counts.rows_mut().into_iter().zip(per) {
        let (c, f) = x?;
        row.assign(&ArrayView1::from(&c));
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
/// lost and gained and the Jaccard stability N11/(N01 + N10 + N11) over dyads (docs/metrics.md).
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
    let (union, index) = union_of(&[ids1, ids2], |_| true);
    let map = |ids: &Ids| -> Vec<u32> { (0..ids.len()).map(|i| index[&ids.get(i)]).collect() };
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
    let ids = if union.is_empty() {
        ids1.select(&[])
    } else {
        Ids::from_id_vec(union)
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
