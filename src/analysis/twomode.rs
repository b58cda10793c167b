//! Two-mode (resident × activity) measures on an [`Incidence`]: density, Robins–Alexander,
//! Latapy, Opsahl and Brunson (exclusive) clustering, and the Borgatti & Everett (1997)
//! normalised degree, closeness and betweenness centralities. Definitions: docs/metrics.md.
//!
//! ```
//! use wijknet::{datasets, analysis::twomode, Context, Network, Unit};
//! let net = Network::new(datasets::davis_southern_women());
//! let inc = net.incidence(Unit::Activity);
//! assert!((twomode::robins_alexander_clustering(&inc) - 0.467764).abs() < 5e-7);
//! let (global, _local) = twomode::opsahl_clustering(&inc, &Context::new()).unwrap();
//! assert!((global - 0.771897).abs() < 5e-7);
//! ```
use crate::context::Context;
use crate::error::Result;
use crate::graph::{Csr, Graph, NodeTable};
use crate::ids::Ids;
use crate::incidence::Incidence;
use crate::metrics::centrality::{self, BetweennessOptions, Distance};
use crate::parallel;
use crate::projection::{check_pair_work, check_work, WORK_LIMIT};
use std::sync::Arc;

/// One side of a two-mode graph: `ptr`/`idx` list each node's neighbours on the other side
/// (ascending), `other_ptr`/`other_idx` the other side's.
#[derive(Clone, Copy)]
struct Side<'a> {
    ptr: &'a [usize],
    idx: &'a [u32],
    other_ptr: &'a [usize],
    other_idx: &'a [u32],
}

impl<'a> Side<'a> {
    fn residents(inc: &'a Incidence) -> Side<'a> {
        Side {
            ptr: &inc.res_ptr,
            idx: &inc.res_units,
            other_ptr: &inc.unit_ptr,
            other_idx: &inc.unit_res,
        }
    }
    fn activities(inc: &'a Incidence) -> Side<'a> {
        Side {
            ptr: &inc.unit_ptr,
            idx: &inc.unit_res,
            other_ptr: &inc.res_ptr,
            other_idx: &inc.res_units,
        }
    }
    fn n(&self) -> usize {
        self.ptr.len() - 1
    }
    fn nbrs(&self, u: usize) -> &'a [u32] {
        &self.idx[self.ptr[u]..self.ptr[u + 1]]
    }
    fn other(&self, a: usize) -> &'a [u32] {
        &self.other_idx[self.other_ptr[a]..self.other_ptr[a + 1]]
    }
}

/// Size of the intersection of two ascending lists.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut c) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                c += 1;
                i += 1;
                j += 1;
            }
        }
    }
    c
}

/// Whether some element of ascending `a` ∩ `b` is not in `not`.
fn common_outside(a: &[u32], b: &[u32], not: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if not.binary_search(&a[i]).is_err() {
                    return true;
                }
                i += 1;
                j += 1;
            }
        }
    }
    false
}

/// Bipartite density L / (n·m): incidences over possible resident–activity pairs (0 if empty).
pub fn density(inc: &Incidence) -> f64 {
    let cells = inc.n_residents() as f64 * inc.n_units() as f64;
    if cells == 0.0 {
        0.0
    } else {
        inc.n_incidences() as f64 / cells
    }
}

/// Robins & Alexander (2004) clustering CC4 = 4·C4 / L3: 4-cycles over 3-paths (0 when there
/// are no 3-paths), as networkx `bipartite.robins_alexander_clustering`.
///
/// # Complexity
/// O(Σ_i Σ_{k∈K_i} n_k) (pairs of residents through shared activities).
pub fn robins_alexander_clustering(inc: &Incidence) -> f64 {
    let side = Side::residents(inc);
    // L3: for every edge (i, a), (deg i − 1)(deg a − 1).
    let mut l3 = 0f64;
    for i in 0..side.n() {
        let di = side.nbrs(i).len() as f64;
        for &a in side.nbrs(i) {
            l3 += (di - 1.0) * (side.other(a as usize).len() as f64 - 1.0);
        }
    }
    if l3 == 0.0 {
        return 0.0;
    }
    // C4: for every pair of residents, C(shared activities, 2).
    let mut c4 = 0f64;
    let mut count = vec![0u32; side.n()];
    let mut touched = Vec::new();
    for i in 0..side.n() {
        for &a in side.nbrs(i) {
            for &j in side.other(a as usize) {
                if (j as usize) > i {
                    if count[j as usize] == 0 {
                        touched.push(j);
                    }
                    count[j as usize] += 1;
                }
            }
        }
        for &j in &touched {
            let c = count[j as usize] as f64;
            c4 += c * (c - 1.0) / 2.0;
            count[j as usize] = 0;
        }
        touched.clear();
    }
    4.0 * c4 / l3
}

/// Which side of the two-mode network a per-node result is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Residents (rows).
    Residents,
    /// Activities or sessions (columns).
    Units,
}

crate::option_names!(Mode, "nodes", { "residents" => Mode::Residents, "activities" => Mode::Units });

/// Latapy et al. (2008) pairwise overlap, as networkx `bipartite.latapy_clustering(mode=)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    /// |N(u)∩N(v)| / |N(u)∪N(v)|.
    Dot,
    /// |N(u)∩N(v)| / min(|N(u)|, |N(v)|).
    Min,
    /// |N(u)∩N(v)| / max(|N(u)|, |N(v)|).
    Max,
}

crate::option_names!(Overlap, "mode", { "dot" => Overlap::Dot, "min" => Overlap::Min, "max" => Overlap::Max });

/// Latapy et al. (2008) local clustering of each node on one side: the mean pairwise overlap
/// with its second neighbours (0 when it has none), as networkx `bipartite.latapy_clustering`.
///
/// Each node is computed on its own (its second neighbours' overlaps summed in ascending id
/// order), in fixed chunks run in parallel: the same bits on any number of threads.
///
/// # Errors
/// [`Error::PairWorkExceeded`](crate::Error::PairWorkExceeded) when the pairs of second
/// neighbours (as in a projection of that side) exceed the default pair budget, before any
/// work: one activity with a million participants fails at once instead of running for days;
/// [`Error::Cancelled`](crate::Error::Cancelled) when the context is cancelled.
///
/// # Complexity
/// O(Σ_u Σ_{a∈N(u)} |N(a)|) time, O(n) memory per thread; progress counts nodes.
pub fn latapy_clustering(
    inc: &Incidence,
    mode: Overlap,
    nodes: Mode,
    ctx: &Context,
) -> Result<Vec<f64>> {
    check_pair_work(inc, nodes == Mode::Residents, "latapy_clustering")?;
    let side = match nodes {
        Mode::Residents => Side::residents(inc),
        Mode::Units => Side::activities(inc),
    };
    let n = side.n();
    // per thread: second-neighbour counts, and the nodes whose count is not zero
    let scratch = || (vec![0u32; n], Vec::<u32>::new());
    let one = |u: usize, (count, touched): &mut (Vec<u32>, Vec<u32>)| -> f64 {
        for &a in side.nbrs(u) {
            for &v in side.other(a as usize) {
                if v as usize != u {
                    if count[v as usize] == 0 {
                        touched.push(v);
                    }
                    count[v as usize] += 1;
                }
            }
        }
        if touched.is_empty() {
            return 0.0;
        }
        touched.sort_unstable(); // a fixed summation order
        let du = side.nbrs(u).len() as f64;
        let mut sum = 0.0;
        for &v in touched.iter() {
            let c = count[v as usize] as f64;
            let dv = side.nbrs(v as usize).len() as f64;
            sum += match mode {
                Overlap::Dot => c / (du + dv - c),
                Overlap::Min => c / du.min(dv),
                Overlap::Max => c / du.max(dv),
            };
            count[v as usize] = 0;
        }
        let mean = sum / touched.len() as f64;
        touched.clear();
        mean
    };
    const CHUNK: usize = 64;
    ctx.start(n as u64);
    parallel::per_item(ctx, n, CHUNK, scratch, one)
}

/// Opsahl (2013) two-mode clustering over residents: a 4-path i–a–j–b–k (three distinct
/// residents, two distinct activities) is closed when i and k share an activity other than a
/// and b. Returns (global closed/all over all 4-paths, local per centre j; NaN where j is the
/// centre of no 4-path).
///
/// # Errors
/// [`Error::Cancelled`](crate::Error::Cancelled) when the context is cancelled;
/// [`Error::PairWorkExceeded`](crate::Error::PairWorkExceeded) before any work when the
/// 4-paths to visit exceed 10¹⁰ (many minutes of work).
///
/// # Complexity
/// O(Σ_j Σ_{a≠b ∈ K_j} n_a n_b · |K|) — meant for registers of up to a few thousand
/// residents; parallel over centres.
pub fn opsahl_clustering(inc: &Incidence, ctx: &Context) -> Result<(f64, Vec<f64>)> {
    let side = Side::residents(inc);
    // 4-paths i–a–j–b–k per centre j: Σ_{a≠b} (n_a − 1)(n_b − 1) = S² − Q
    let (mut paths, mut most) = (0u64, 0u64);
    for j in 0..side.n() {
        let (mut sum, mut sq) = (0u128, 0u128);
        for &a in side.nbrs(j) {
            let m = side.other(a as usize).len().saturating_sub(1) as u128;
            sum += m;
            sq += m * m;
        }
        let p = u64::try_from(sum * sum - sq).unwrap_or(u64::MAX);
        paths = paths.saturating_add(p);
        most = most.max(p);
    }
    check_work("opsahl_clustering", paths, WORK_LIMIT, || {
        (
            "4-paths resident–activity–resident–activity–resident".into(),
            format!("{most} of them through one resident"),
            "the largest activities".into(),
        )
    })?;
    let per = per_centre(side.n(), ctx, |j| {
        let (mut closed, mut total) = (0u64, 0u64);
        let kj = side.nbrs(j);
        for &a in kj {
            for &b in kj {
                if a == b {
                    continue;
                }
                for &i in side.other(a as usize) {
                    if i as usize == j {
                        continue;
                    }
                    let ki = side.nbrs(i as usize);
                    for &k in side.other(b as usize) {
                        if k as usize == j || k == i {
                            continue;
                        }
                        total += 1;
                        let kk = side.nbrs(k as usize);
                        let shared = common(ki, kk);
                        let k_in_a = kk.binary_search(&a).is_ok() as usize;
                        let i_in_b = ki.binary_search(&b).is_ok() as usize;
                        if shared > k_in_a + i_in_b {
                            closed += 1;
                        }
                    }
                }
            }
        }
        (closed, total)
    })?;
    Ok(summarise(&per))
}

/// Brunson (2015) exclusive clustering over residents: a wedge i–j–k (centre j) counts when
/// some activity has i and j but not k and some activity has j and k but not i; it is closed
/// when some activity has i and k but not j. Returns (global, local per centre; NaN where j is
/// the centre of no such wedge).
///
/// # Errors
/// [`Error::Cancelled`](crate::Error::Cancelled) when the context is cancelled;
/// [`Error::PairWorkExceeded`](crate::Error::PairWorkExceeded) before the wedges are visited
/// when the pairs of residents who share an activity exceed the default pair budget, or the
/// wedges Σ_j d_j(d_j − 1)/2 exceed 10¹⁰ (many minutes of work): a resident who shares
/// activities with a million others fails at once instead of running for days.
///
/// # Complexity
/// O(Σ_j d_j² · |K|) over the projection's degrees d_j; parallel over centres.
pub fn exclusive_clustering(inc: &Incidence, ctx: &Context) -> Result<(f64, Vec<f64>)> {
    check_pair_work(inc, true, "exclusive_clustering")?;
    let side = Side::residents(inc);
    // co-members of j (projection neighbours), ascending and distinct
    let co_members = |j: usize| -> Vec<u32> {
        let mut nb: Vec<u32> = side
            .nbrs(j)
            .iter()
            .flat_map(|&a| side.other(a as usize).iter().copied())
            .filter(|&x| x as usize != j)
            .collect();
        nb.sort_unstable();
        nb.dedup();
        nb
    };
    let degrees = parallel::per_item(ctx, side.n(), 64, || (), |j, _| co_members(j).len())?;
    let wedges = degrees
        .iter()
        .map(|&d| (d as u64) * (d as u64).saturating_sub(1) / 2)
        .fold(0u64, |a, b| a.saturating_add(b));
    check_work("exclusive_clustering", wedges, WORK_LIMIT, || {
        let most = degrees.iter().copied().max().unwrap_or(0);
        (
            "pairs of co-participants of one resident (wedges)".into(),
            format!("one resident shares activities with {most} others"),
            "the activities of the residents who meet the most others".into(),
        )
    })?;
    let per = per_centre(side.n(), ctx, |j| {
        let kj = side.nbrs(j);
        let nb = co_members(j);
        let (mut closed, mut total) = (0u64, 0u64);
        for (p, &i) in nb.iter().enumerate() {
            let ki = side.nbrs(i as usize);
            for &k in &nb[p + 1..] {
                let kk = side.nbrs(k as usize);
                if common_outside(ki, kj, kk) && common_outside(kj, kk, ki) {
                    total += 1;
                    if common_outside(ki, kk, kj) {
                        closed += 1;
                    }
                }
            }
        }
        (closed, total)
    })?;
    Ok(summarise(&per))
}

/// Centres processed in fixed chunks (parallel when available); results in centre order.
fn per_centre(
    n: usize,
    ctx: &Context,
    f: impl Fn(usize) -> (u64, u64) + Sync,
) -> Result<Vec<(u64, u64)>> {
    const CHUNK: usize = 64;
    ctx.start(n as u64);
    parallel::per_item(ctx, n, CHUNK, || (), |i, _| f(i))
}

fn summarise(per: &[(u64, u64)]) -> (f64, Vec<f64>) {
    let (closed, total) = per
        .iter()
        .fold((0u64, 0u64), |(c, t), &(a, b)| (c + a, t + b));
    let global = if total == 0 {
        f64::NAN
    } else {
        closed as f64 / total as f64
    };
    let local = per
        .iter()
        .map(|&(c, t)| {
            if t == 0 {
                f64::NAN
            } else {
                c as f64 / t as f64
            }
        })
        .collect();
    (global, local)
}

// ---------------------------------------------------------------------------------------------
// Borgatti & Everett (1997) centralities
// ---------------------------------------------------------------------------------------------

/// Per-node values of a two-mode centrality, one vector per side of the two-mode graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TwoModeCentrality {
    /// One value per local resident of the [`Incidence`] (the order of `inc.residents`).
    pub residents: Vec<f64>,
    /// One value per local unit, activity or session (the order of `inc.units`).
    pub units: Vec<f64>,
}

/// The two-mode graph of `inc` as one undirected [`Graph`]: nodes `0..n` are the residents,
/// `n..n + m` the units (ids are these positions), every incidence one tie of weight 1.
/// O(n + m + L).
fn two_mode_graph(inc: &Incidence) -> Graph {
    let (n, m, l) = (inc.n_residents(), inc.n_units(), inc.n_incidences());
    let mut indptr = Vec::with_capacity(n + m + 1);
    indptr.extend_from_slice(&inc.res_ptr[..=n]);
    indptr.extend(inc.unit_ptr[1..=m].iter().map(|&p| l + p));
    let mut indices = Vec::with_capacity(2 * l);
    indices.extend(inc.res_units.iter().map(|&k| k + n as u32));
    indices.extend_from_slice(&inc.unit_res);
    let nodes = NodeTable {
        ids: Ids::Int((0..(n + m) as i64).collect()),
        attributes: Default::default(),
    };
    Graph::from_csr(
        Arc::new(nodes),
        false,
        Csr {
            indptr,
            indices,
            weights: vec![1.0; 2 * l],
        },
        None,
    )
}

/// Splits per-node values of the two-mode graph (residents first) into the two sides.
fn split(mut values: Vec<f64>, n: usize) -> TwoModeCentrality {
    let units = values.split_off(n);
    TwoModeCentrality {
        residents: values,
        units,
    }
}

/// Two-mode degree centrality (Borgatti & Everett 1997): a resident's number of activities
/// divided by the number of activities, an activity's number of participants divided by the
/// number of residents, as networkx `bipartite.degree_centrality` (the same bits: degree ×
/// (1 / size of the other side)).
///
/// # Arguments
/// - `inc`: the resident × unit incidence of a network or view ([`crate::Network::incidence`]).
///
/// # Returns
/// One value per resident and per unit, in [0, 1]; 0 when the other side is empty (networkx
/// divides by zero).
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use wijknet::{datasets, analysis::twomode, Network, Unit};
/// let net = Network::new(datasets::davis_southern_women());
/// let c = twomode::degree_centrality(&net.incidence(Unit::Activity));
/// assert_eq!(c.residents[0], 8.0 * (1.0 / 14.0)); // Evelyn Jefferson: 8 of the 14 events
/// assert_eq!(c.units[7], 14.0 * (1.0 / 18.0)); // E8: 14 of the 18 women
/// ```
pub fn degree_centrality(inc: &Incidence) -> TwoModeCentrality {
    let (n, m) = (inc.n_residents(), inc.n_units());
    let per = |d: usize, other: usize| {
        if other == 0 {
            0.0
        } else {
            d as f64 * (1.0 / other as f64)
        }
    };
    TwoModeCentrality {
        residents: (0..n).map(|i| per(inc.units_of(i).len(), m)).collect(),
        units: (0..m).map(|k| per(inc.size(k), n)).collect(),
    }
}

/// Two-mode closeness centrality (Borgatti & Everett 1997), as networkx
/// `bipartite.closeness_centrality(G, nodes, normalized=True)`.
///
/// On the two-mode graph (residents and units as nodes, attendances as ties) a node on a side
/// of `n` nodes facing `m` is at least 1 step from every node of the other side and 2 from every
/// other node of its own, so its closeness is `(m + 2 (n − 1)) / d` with `d` the sum of its
/// distances to the nodes it reaches; this is multiplied by `(r − 1) / (N − 1)` (`r` reached
/// nodes including itself, `N = n + m`), so nodes in small components score lower, as networkx.
/// 0 for a node that reaches no other node. Computed in networkx's order of operations, so the
/// values are the same bits as networkx's.
///
/// # Arguments
/// - `inc`: the resident × unit incidence; `ctx`: threads, cancellation and progress (one unit
///   per node of the two-mode graph).
///
/// # Returns
/// One value per resident and per unit.
///
/// # Errors
/// [`Error::Cancelled`](crate::Error::Cancelled) when the context is cancelled.
///
/// # Complexity
/// O(N · L) time with L attendances (one breadth-first search per node, within its component:
/// Σ over components of nodes × attendances), parallel over nodes;
/// O(N + L) memory for the two-mode graph and O(N) per thread. Results do not depend on the
/// number of threads.
///
/// # Example
/// ```
/// use wijknet::{datasets, analysis::twomode, Context, Network, Unit};
/// let net = Network::new(datasets::davis_southern_women());
/// let c = twomode::closeness_centrality(&net.incidence(Unit::Activity), &Context::new()).unwrap();
/// assert_eq!((c.residents[0] * 1e6).round(), 800000.0); // Evelyn Jefferson
/// assert_eq!((c.units[7] * 1e6).round(), 846154.0); // E8
/// ```
pub fn closeness_centrality(inc: &Incidence, ctx: &Context) -> Result<TwoModeCentrality> {
    let (n, m) = (inc.n_residents(), inc.n_units());
    if n + m == 0 {
        return Ok(TwoModeCentrality::default());
    }
    let g = two_mode_graph(inc);
    let total = n + m;
    let values = centrality::distance_sums(&g, Distance::Hops, ctx, |u, r, tot| {
        if tot > 0.0 && total > 1 {
            // the smallest possible sum of distances from u (a side is non-empty when u is on it)
            let best = if u < n {
                m + 2 * (n - 1)
            } else {
                n + 2 * (m - 1)
            };
            let c = best as f64 / tot;
            c * ((r - 1) as f64 / (total - 1) as f64)
        } else {
            0.0
        }
    })?;
    Ok(split(values, n))
}

/// Borgatti & Everett's maximum betweenness of a node on a side of `n` nodes facing `m`
/// (networkx's `bet_max_top`; `bet_max_bot` is `max_betweenness(m, n)`), computed exactly in
/// integers and halved, as networkx. 0 when a side is empty.
fn max_betweenness(n: usize, m: usize) -> f64 {
    if n == 0 || m == 0 {
        return 0.0;
    }
    let (n, m) = (n as i128, m as i128);
    let (s, t) = ((n - 1) / m, (n - 1) % m);
    let twice = m * m * (s + 1) * (s + 1) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3);
    twice as f64 / 2.0
}

/// Two-mode betweenness centrality (Borgatti & Everett 1997), as networkx
/// `bipartite.betweenness_centrality`.
///
/// Exact shortest-path betweenness (Brandes 2001, hops) on the two-mode graph (residents and
/// units as nodes, attendances as ties), unnormalised as networkx's
/// `betweenness_centrality(G, normalized=False)` (each unordered pair counted once), then
/// divided by the largest betweenness a node of its side can have given the sizes of the two
/// sides: for a side of `n` nodes facing `m`, with `s = ⌊(n − 1)/m⌋` and `t = (n − 1) mod m`,
/// `½ [m² (s + 1)² + m (s + 1)(2t − s − 1) − t (2s − t + 3)]`. Where that maximum is 0 (a
/// side too small for any of its nodes to lie between two others) the values are 0 (networkx
/// divides by zero).
///
/// Reuses [`centrality::betweenness_centrality`]'s kernel: sources in parallel in fixed chunks
/// combined in order, so the result is the same bits on any number of threads.
///
/// # Arguments
/// - `inc`: the resident × unit incidence; `ctx`: threads, cancellation and progress (one unit
///   per source node of the two-mode graph).
///
/// # Returns
/// One value per resident and per unit.
///
/// # Errors
/// [`Error::Cancelled`](crate::Error::Cancelled) when the context is cancelled.
///
/// # Complexity
/// O(N · L) time (one breadth-first search per node of the two-mode graph within its
/// component, N = n + m, L attendances), parallel over sources; memory O(N + L) plus O(N) per
/// thread and up to 64 chunk ranges.
///
/// # Example
/// ```
/// use wijknet::{datasets, analysis::twomode, Context, Network, Unit};
/// let net = Network::new(datasets::davis_southern_women());
/// let b = twomode::betweenness_centrality(&net.incidence(Unit::Activity), &Context::new()).unwrap();
/// assert_eq!((b.residents[0] * 1e6).round(), 96585.0); // Evelyn Jefferson
/// assert_eq!((b.units[7] * 1e6).round(), 243819.0); // E8
/// ```
pub fn betweenness_centrality(inc: &Incidence, ctx: &Context) -> Result<TwoModeCentrality> {
    let (n, m) = (inc.n_residents(), inc.n_units());
    if n + m == 0 {
        return Ok(TwoModeCentrality::default());
    }
    let g = two_mode_graph(inc);
    let opts = BetweennessOptions {
        normalized: false,
        ..BetweennessOptions::default()
    };
    let mut out = split(centrality::betweenness_centrality(&g, &opts, ctx)?, n);
    for (values, max) in [
        (&mut out.residents, max_betweenness(n, m)),
        (&mut out.units, max_betweenness(m, n)),
    ] {
        for v in values.iter_mut() {
            *v = if max > 0.0 { *v / max } else { 0.0 };
        }
    }
    Ok(out)
}
