//! Two-mode (resident × activity) measures on an [`Incidence`]: density, Robins–Alexander,
//! Latapy, Opsahl and Brunson (exclusive) clustering. Definitions: METRICS.md.
//!
//! ```
//! use wijknet::{datasets, metrics::twomode, Context, Network, Unit};
//! let net = Network::new(datasets::davis_southern_women());
//! let inc = net.incidence(Unit::Activity);
//! assert!((twomode::robins_alexander_clustering(&inc) - 0.467764).abs() < 5e-7);
//! let (global, _local) = twomode::opsahl_clustering(&inc, &Context::new()).unwrap();
//! assert!((global - 0.771897).abs() < 5e-7);
//! ```
use crate::context::Context;
use crate::error::Result;
use crate::twomode::Incidence;

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

/// Latapy et al. (2008) local clustering of each node on one side: the mean pairwise overlap
/// with its second neighbours (0 when it has none), as networkx `bipartite.latapy_clustering`.
///
/// # Complexity
/// O(Σ_u Σ_{a∈N(u)} |N(a)|).
pub fn latapy_clustering(inc: &Incidence, mode: Overlap, nodes: Mode) -> Vec<f64> {
    let side = match nodes {
        Mode::Residents => Side::residents(inc),
        Mode::Units => Side::activities(inc),
    };
    let n = side.n();
    let mut count = vec![0u32; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut out = vec![0.0; n];
    for (u, slot) in out.iter_mut().enumerate() {
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
            continue;
        }
        touched.sort_unstable(); // a fixed summation order
        let du = side.nbrs(u).len() as f64;
        let mut sum = 0.0;
        for &v in &touched {
            let c = count[v as usize] as f64;
            let dv = side.nbrs(v as usize).len() as f64;
            sum += match mode {
                Overlap::Dot => c / (du + dv - c),
                Overlap::Min => c / du.min(dv),
                Overlap::Max => c / du.max(dv),
            };
            count[v as usize] = 0;
        }
        *slot = sum / touched.len() as f64;
        touched.clear();
    }
    out
}

/// Opsahl (2013) two-mode clustering over residents: a 4-path i–a–j–b–k (three distinct
/// residents, two distinct activities) is closed when i and k share an activity other than a
/// and b. Returns (global closed/all over all 4-paths, local per centre j; NaN where j is the
/// centre of no 4-path).
///
/// # Errors
/// [`Error::Cancelled`](crate::Error::Cancelled) when the context is cancelled.
///
/// # Complexity
/// O(Σ_j Σ_{a≠b ∈ K_j} n_a n_b · |K|) — meant for registers of up to a few thousand
/// residents; parallel over centres.
pub fn opsahl_clustering(inc: &Incidence, ctx: &Context) -> Result<(f64, Vec<f64>)> {
    let side = Side::residents(inc);
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
/// [`Error::Cancelled`](crate::Error::Cancelled) when the context is cancelled.
///
/// # Complexity
/// O(Σ_j d_j² · |K|) over the projection's degrees d_j; parallel over centres.
pub fn exclusive_clustering(inc: &Incidence, ctx: &Context) -> Result<(f64, Vec<f64>)> {
    let side = Side::residents(inc);
    let per = per_centre(side.n(), ctx, |j| {
        let kj = side.nbrs(j);
        // co-members of j (projection neighbours), ascending and distinct
        let mut nb: Vec<u32> = kj
            .iter()
            .flat_map(|&a| side.other(a as usize).iter().copied())
            .filter(|&x| x as usize != j)
            .collect();
        nb.sort_unstable();
        nb.dedup();
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
    let chunk = |lo: usize| -> Result<Vec<(u64, u64)>> {
        ctx.check()?;
        let out = (lo..(lo + CHUNK).min(n)).map(&f).collect::<Vec<_>>();
        ctx.advance(out.len() as u64);
        Ok(out)
    };
    let starts: Vec<usize> = (0..n).step_by(CHUNK).collect();
    #[cfg(feature = "parallel")]
    let parts: Vec<Result<Vec<(u64, u64)>>> = ctx.install(|| {
        use rayon::prelude::*;
        starts.into_par_iter().map(chunk).collect()
    });
    #[cfg(not(feature = "parallel"))]
    let parts: Vec<Result<Vec<(u64, u64)>>> = starts.into_iter().map(chunk).collect();
    let mut all = Vec::with_capacity(n);
    for p in parts {
        all.extend(p?);
    }
    Ok(all)
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
