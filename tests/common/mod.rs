//! Helpers shared by the integration tests: small graphs, seeded random graphs and
//! comparisons of floating-point results.
#![allow(dead_code)] // each test crate uses its own subset

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wijknet::{ids::Ids, Graph};

/// A graph over the integer ids 0..n from (source, target, weight) edges.
pub fn graph(n: usize, edges: &[(u32, u32, f64)], directed: bool) -> Graph {
    graph_with_ids((0..n as i64).collect(), edges, directed)
}

/// An undirected graph over the integer ids 0..n.
pub fn undirected(n: usize, edges: &[(u32, u32, f64)]) -> Graph {
    graph(n, edges, false)
}

/// A graph over the given integer ids (edges index into them).
pub fn graph_with_ids(ids: Vec<i64>, edges: &[(u32, u32, f64)], directed: bool) -> Graph {
    Graph::from_edges(Ids::Int(ids), edges, directed).unwrap()
}

/// A seeded random graph's edges on n nodes: each pair (ordered if `directed`, else a < b)
/// tied with probability `p`, with weight `h / 2` for `h` drawn uniformly from `halves`.
pub fn random_edges(
    n: usize,
    p: f64,
    seed: u64,
    directed: bool,
    halves: std::ops::Range<u32>,
) -> Vec<(u32, u32, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut e = Vec::new();
    for a in 0..n as u32 {
        for b in 0..n as u32 {
            if a != b && (directed || a < b) && rng.random::<f64>() < p {
                e.push((a, b, rng.random_range(halves.clone()) as f64 * 0.5));
            }
        }
    }
    e
}

/// Equal within a relative 1e-12 (NaN equals NaN).
pub fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

/// Asserts [`close`] element by element, naming the first node that differs.
pub fn assert_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (i, (a, b)) in got.iter().zip(want).enumerate() {
        assert!(close(*a, *b), "node {i}: got {a}, want {b}");
    }
}

/// The bit patterns of the values (for "the same bits on any thread count").
pub fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}
