//! Centrality: PageRank, eigenvector, betweenness (Brandes), closeness and harmonic centrality.
//!
//! Every function follows networkx's definition of the measure (`nx.pagerank`,
//! `nx.eigenvector_centrality`, `nx.betweenness_centrality`, `nx.closeness_centrality`,
//! `nx.harmonic_centrality`, networkx 3.6); the docs of each function list where it deliberately
//! differs.
//!
//! Weights are *strengths* (bigger = closer). Path-based measures take a [`Distance`]: hops,
//! `1/w` ([`Distance::Inverse`]) or `w` itself as a length ([`Distance::Weight`]).
//!
//! Determinism: per-node work writes one value per node; sums over nodes run over fixed chunks
//! combined in order; per-source dependency vectors (betweenness) are summed over fixed chunks of
//! sources, combined in chunk order. Results are bit-identical for any number of threads.
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::{Csr, Graph};
use crate::parallel::{self, chunked_sum, fill, SUM_CHUNK};
use std::cmp::Reverse;
use std::sync::atomic::{AtomicU64, Ordering};

pub use super::distance::Distance;

mod betweenness;
mod closeness;
mod eigenvector;
mod pagerank;

pub use betweenness::{
    betweenness_centrality, betweenness_centrality_from_sources, BetweennessOptions,
};
pub(crate) use closeness::distance_sums;
pub use closeness::{closeness_centrality, degree_centrality_opsahl, harmonic_centrality};
pub use eigenvector::eigenvector_centrality;
pub use pagerank::{pagerank, PageRankOptions};

// ---- sparse row kernels shared by PageRank and betweenness ---------------------------------

/// Read access to a vector of f64 values: a plain slice, or atomics (the PageRank solver shares
/// one vector between components solved on different threads).
pub(super) trait Vals {
    fn at(&self, i: usize) -> f64;
}

impl Vals for [f64] {
    #[inline(always)]
    fn at(&self, i: usize) -> f64 {
        self[i]
    }
}

impl Vals for [AtomicU64] {
    #[inline(always)]
    fn at(&self, i: usize) -> f64 {
        f64::from_bits(self[i].load(Ordering::Relaxed))
    }
}

/// Σ w·val[u] over a row's (u, w) with four partial sums combined in a fixed order (the
/// adds of one long sum wait on each other; four chains keep the core busy).
#[inline]
pub(super) fn row_dot<W: Copy + Into<f64>, V: Vals + ?Sized>(
    row: &[u32],
    ws: &[W],
    val: &V,
) -> f64 {
    let mut a = [0.0f64; 4];
    let (mut it, mut iw) = (row.chunks_exact(4), ws.chunks_exact(4));
    for (c, w) in (&mut it).zip(&mut iw) {
        a[0] += val.at(c[0] as usize) * w[0].into();
        a[1] += val.at(c[1] as usize) * w[1].into();
        a[2] += val.at(c[2] as usize) * w[2].into();
        a[3] += val.at(c[3] as usize) * w[3].into();
    }
    let mut sum = (a[0] + a[1]) + (a[2] + a[3]);
    for (&u, &w) in it.remainder().iter().zip(iw.remainder()) {
        sum += val.at(u as usize) * w.into();
    }
    sum
}

/// Σ val[w] over `row` with four partial sums combined in a fixed order.
#[inline]
pub(super) fn row_sum<V: Vals + ?Sized>(row: &[u32], val: &V) -> f64 {
    let mut a = [0.0f64; 4];
    let mut it = row.chunks_exact(4);
    for c in &mut it {
        a[0] += val.at(c[0] as usize);
        a[1] += val.at(c[1] as usize);
        a[2] += val.at(c[2] as usize);
        a[3] += val.at(c[3] as usize);
    }
    let mut sum = (a[0] + a[1]) + (a[2] + a[3]);
    for &w in it.remainder() {
        sum += val.at(w as usize);
    }
    sum
}
