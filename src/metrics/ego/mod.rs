//! Ego networks and support: size, density, Burt's structural holes (effective size,
//! efficiency, redundancy, constraint, hierarchy), composition and heterogeneity of the alters
//! over a categorical attribute (Blau, IQV, ego E-I index), strong ties and support sources;
//! and the whole-network measures that go with them: reciprocity, Freeman degree
//! centralisation, the share of residents with nobody to ask, and Gould–Fernandez brokerage
//! roles. Definitions: docs/metrics.md, "Support network".
//!
//! # The undirected (mutual) view
//! Ego measures look at ego's *alters*: everyone ego has a tie with, in either direction. Tie
//! strength between i and j is the *mutual weight* m_ij = a_ij + a_ji (a = the tie weights,
//! or 1 for every tie when unweighted), as networkx's `constraint` and `effective_size`. For an
//! undirected graph m_ij is simply the tie's weight (networkx's doubling cancels out).
//!
//! # How the structural-hole kernel runs
//! Constraint needs, for every ego i and alter j, the indirect term Σ_q p_iq p_qj. Done pair
//! by pair that is O(k²) per pair; done per ego by scattering p_i· and walking every alter's
//! row it is O(Σ_q deg(q)) per ego, O(Σ deg²) in all — still 3.6·10¹⁰ steps for the
//! 100,000-resident projection, whose big activities make cliques of thousands.
//!
//! Projections are full of *twins*: residents who attended exactly the same activities have
//! the same closed neighbourhood and the same tie weights to everyone else. Twins have the
//! same value of every ego measure, and an alter class of c twins contributes c times what
//! one of them does. The kernel therefore (1) finds classes of weighted closed twins (nodes
//! i, i' adjacent to each other with m_ij = m_i'j for every other j; a hash of the closed
//! neighbourhood and an exact check, O(m)); (2) builds the quotient graph over classes (class
//! sizes, the weight between classes, the weight within a class); (3) runs the per-ego
//! scatter/accumulate algorithm once per class on the quotient, with every term multiplied
//! by the class sizes and the twin-specific terms (an alter's own class, ego's own twins)
//! added in closed form. The cost becomes Σ over classes of Σ_{E ∈ N(C)} deg_Q(E) on the
//! quotient: the 100,000-resident projection has 14,374 classes for 94,399 residents. A graph
//! without twins runs the same code with classes of one.
//!
//! # Determinism
//! Each class is computed sequentially by one thread, in a fixed order; counts are integers.
//! Results are bit-identical for any number of threads.
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::{Csr, Graph};
use crate::metrics::heterogeneity::{self as diversity, check_codes};

use crate::parallel;

/// Items (egos, classes, brokers) per parallel chunk: fixed, so results do not depend on the
/// thread count; small, because costs vary a lot between items.
const CHUNK: usize = 16;

// ---------------------------------------------------------------------------------------------
// deterministic parallel helpers
// ---------------------------------------------------------------------------------------------

/// `f(i, scratch)` for every i in `0..n` in fixed chunks of [`CHUNK`] (see
/// [`parallel::per_item`]).
pub(crate) fn per_item<T: Send, S>(
    ctx: &Context,
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(usize, &mut S) -> T + Sync + Send,
) -> Result<Vec<T>> {
    parallel::per_item(ctx, n, CHUNK, init, f)
}

/// A CSR from per-row (indices, weights), built in parallel chunks and concatenated in order.
fn csr_from_rows<S>(
    ctx: &Context,
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    row: impl Fn(usize, &mut S, &mut Vec<u32>, &mut Vec<f64>) + Sync + Send,
) -> Result<Csr> {
    const ROWS: usize = 1024;
    type Part = Result<(Vec<usize>, Vec<u32>, Vec<f64>)>;
    let part = |s: &mut S, c: usize| -> Part {
        ctx.check()?;
        let (lo, hi) = (c * ROWS, ((c + 1) * ROWS).min(n));
        let (mut len, mut idx, mut w) = (Vec::with_capacity(hi - lo), Vec::new(), Vec::new());
        for i in lo..hi {
            let before = idx.len();
            row(i, s, &mut idx, &mut w);
            len.push(idx.len() - before);
        }
        Ok((len, idx, w))
    };
    let parts: Vec<Part> = ctx.install(|| parallel::map_init(n.div_ceil(ROWS), &init, part));
    let mut indptr = Vec::with_capacity(n + 1);
    indptr.push(0usize);
    let (mut indices, mut weights) = (Vec::new(), Vec::new());
    for p in parts {
        let (len, idx, w) = p?;
        for l in len {
            indptr.push(indptr.last().unwrap() + l);
        }
        indices.extend_from_slice(&idx);
        weights.extend_from_slice(&w);
    }
    Ok(Csr {
        indptr,
        indices,
        weights,
    })
}

// ---------------------------------------------------------------------------------------------
// the mutual view
// ---------------------------------------------------------------------------------------------

/// Calls `f(j, a_ij + a_ji)` for every alter j of i (an out- or in-neighbour), ascending j.
/// `a` is the tie weight, or 1 for every tie when `weighted` is false.
pub(crate) fn for_each_alter(g: &Graph, i: usize, weighted: bool, mut f: impl FnMut(u32, f64)) {
    let out = g.out_csr();
    let (oj, ow) = (out.row(i), out.row_weights(i));
    let a = |w: f64| if weighted { w } else { 1.0 };
    if !g.is_directed() {
        for (&j, &w) in oj.iter().zip(ow) {
            f(j, a(w));
        }
        return;
    }
    let inn = g.in_csr();
    let (ij, iw) = (inn.row(i), inn.row_weights(i));
    let (mut p, mut q) = (0, 0);
    while p < oj.len() || q < ij.len() {
        if q == ij.len() || (p < oj.len() && oj[p] < ij[q]) {
            f(oj[p], a(ow[p]));
            p += 1;
        } else if p == oj.len() || ij[q] < oj[p] {
            f(ij[q], a(iw[q]));
            q += 1;
        } else {
            f(oj[p], a(ow[p]) + a(iw[q]));
            p += 1;
            q += 1;
        }
    }
}

/// The mutual view as rows: borrowed from the graph when it already is one (undirected), else
/// built. `weights == None` means every tie has mutual weight 1.
struct Mutual<'a> {
    indptr: &'a [usize],
    indices: &'a [u32],
    weights: Option<&'a [f64]>,
}

impl Mutual<'_> {
    fn n(&self) -> usize {
        self.indptr.len() - 1
    }
    fn row(&self, i: usize) -> &[u32] {
        &self.indices[self.indptr[i]..self.indptr[i + 1]]
    }
    fn weight_at(&self, p: usize) -> f64 {
        self.weights.map_or(1.0, |w| w[p])
    }
}

/// Builds (if needed) the mutual view of `g` and passes it to `f`.
fn with_mutual<T>(
    g: &Graph,
    weighted: bool,
    ctx: &Context,
    f: impl FnOnce(&Mutual<'_>) -> Result<T>,
) -> Result<T> {
    if !g.is_directed() {
        let c = g.out_csr();
        return f(&Mutual {
            indptr: &c.indptr,
            indices: &c.indices,
            weights: weighted.then_some(&c.weights[..]),
        });
    }
    let m = csr_from_rows(
        ctx,
        g.node_count(),
        || (),
        |i, _, idx, w| {
            for_each_alter(g, i, weighted, |j, x| {
                idx.push(j);
                w.push(x);
            })
        },
    )?;
    f(&Mutual {
        indptr: &m.indptr,
        indices: &m.indices,
        weights: Some(&m.weights),
    })
}

/// Survey layers: a node that was not asked has an unknown ego network, so its ego measures
/// are NaN (counts such as `size` stay the ties observed from others; check
/// [`Graph::is_respondent`]).
fn unasked_nan(g: &Graph, values: &mut [f64]) {
    if g.respondents().is_some() {
        for (i, v) in values.iter_mut().enumerate() {
            if !g.is_respondent(i) {
                *v = f64::NAN;
            }
        }
    }
}

fn directed_only(g: &Graph, what: &str) -> Result<()> {
    if !g.is_directed() {
        return Err(Error::arg(
            "g",
            format!(
                "{what} needs a directed graph (e.g. a support layer: who names whom); this \
                 graph is undirected"
            ),
        ));
    }
    Ok(())
}

mod brokerage;
mod composition;
mod holes;
mod measures;
mod whole;

pub use brokerage::{brokerage, BrokerageCounts};
pub use composition::{composition, Composition};
pub use measures::{
    constraint, effective_size, ego_measures, hierarchy, size, strong_ties, support_sources,
    EgoMeasures, EgoOptions,
};
pub use whole::{
    degree_centralisation, node_reciprocity, reciprocity, share_nobody_to_ask, DegreeMode,
    Reciprocity,
};

#[cfg(test)]
mod tests {
    use super::holes::quotient;
    use super::measures::ego_measures_impl;
    use super::*;
    use crate::ids::Ids;

    fn random(n: usize, seed: u64, directed: bool) -> Graph {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut e = Vec::new();
        for a in 0..n as u32 {
            for b in 0..n as u32 {
                if (directed || a < b) && a != b && rng.random::<f64>() < 0.3 {
                    e.push((a, b, rng.random_range(1..4u32) as f64));
                }
            }
        }
        Graph::from_edges(Ids::Int((0..n as i64).collect()), &e, directed).unwrap()
    }

    /// A projection-like graph with many twins: nodes join 1–2 of 8 "activities" (cliques);
    /// weights count shared activities; nodes 50.. stay isolated.
    fn cliquey(seed: u64, weighted: bool) -> Graph {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let n = 60u32;
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); 8];
        for v in 0..50 {
            let a = rng.random_range(0..8usize);
            members[a].push(v);
            if rng.random::<f64>() < 0.3 {
                let b = rng.random_range(0..8usize);
                if b != a {
                    members[b].push(v);
                }
            }
        }
        let mut w = std::collections::BTreeMap::new();
        for m in &members {
            for &a in m {
                for &b in m {
                    if a < b {
                        *w.entry((a, b)).or_insert(0.0) += 1.0;
                    }
                }
            }
        }
        let e: Vec<(u32, u32, f64)> = w
            .into_iter()
            .map(|((a, b), x)| (a, b, if weighted { x } else { 1.0 }))
            .collect();
        Graph::from_edges(Ids::Int((0..n as i64).collect()), &e, false).unwrap()
    }

    fn same(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!(
                (x.is_nan() && y.is_nan()) || (x - y).abs() <= 1e-12 * y.abs().max(1.0),
                "{x} vs {y}"
            );
        }
    }

    #[test]
    fn twin_compression_changes_nothing() {
        let ctx = Context::new();
        for seed in 0..6 {
            for weighted in [false, true] {
                for g in [cliquey(seed, weighted), random(25, seed, seed % 2 == 0)] {
                    let o = EgoOptions {
                        weighted,
                        strong: None,
                    };
                    let a = ego_measures_impl(&g, &o, true, &ctx).unwrap();
                    let b = ego_measures_impl(&g, &o, false, &ctx).unwrap();
                    assert_eq!(a.size, b.size);
                    assert_eq!(a.alter_ties, b.alter_ties);
                    same(&a.constraint, &b.constraint);
                    same(&a.effective_size, &b.effective_size);
                    same(&a.hierarchy, &b.hierarchy);
                }
            }
        }
    }

    #[test]
    fn cliquey_graphs_have_twins() {
        let g = cliquey(1, true);
        let q = with_mutual(&g, true, &Context::new(), |m| {
            quotient(m, true, &Context::new())
        })
        .unwrap();
        assert!(q.size.len() < g.node_count());
    }
}
