//! Clustering kernels against brute-force oracles (dense adjacency, straight from the
//! definitions), their invariants (proptest) and thread-count independence.
mod common;

use common::undirected as graph;
use proptest::prelude::*;
use wijknet::metrics::clustering::{
    average_clustering, clustering, square_clustering, transitivity, triangles, ClusteringMethod,
};
use wijknet::{ids::Ids, Context, Error, Graph};

/// Dense weight matrix (0 = no tie) of a random simple graph from (a, b, w) triples.
type Edges = Vec<(u32, u32, f64)>;

fn dense(n: usize, raw: &[(u8, u8, u8)]) -> (Vec<Vec<f64>>, Edges) {
    let mut w = vec![vec![0.0; n]; n];
    let mut edges = Vec::new();
    for &(a, b, x) in raw {
        let (a, b) = (a as usize % n, b as usize % n);
        if a == b || w[a][b] != 0.0 {
            continue;
        }
        let x = 0.25 + x as f64 / 16.0;
        w[a][b] = x;
        w[b][a] = x;
        edges.push((a as u32, b as u32, x));
    }
    (w, edges)
}

struct Brute {
    tri: Vec<u64>,
    unweighted: Vec<f64>,
    onnela: Vec<f64>,
    barrat: Vec<f64>,
    transitivity: f64,
    square: Vec<f64>,
}

fn brute(w: &[Vec<f64>], with_square: bool) -> Brute {
    let n = w.len();
    let adj = |a: usize, b: usize| w[a][b] != 0.0;
    let nbrs: Vec<Vec<usize>> = (0..n)
        .map(|i| (0..n).filter(|&j| adj(i, j)).collect())
        .collect();
    let maxw = w.iter().flatten().fold(0.0f64, |a, &b| a.max(b));
    let (mut tri, mut unweighted, mut onnela, mut barrat, mut square) = (
        vec![0u64; n],
        vec![0.0; n],
        vec![0.0; n],
        vec![0.0; n],
        vec![0.0; n],
    );
    let (mut closed, mut triples) = (0u64, 0u64);
    for i in 0..n {
        let k = nbrs[i].len();
        let s: f64 = nbrs[i].iter().map(|&j| w[i][j]).sum();
        let (mut t, mut on, mut ba) = (0u64, 0.0, 0.0);
        for (a, &j) in nbrs[i].iter().enumerate() {
            for &h in &nbrs[i][a + 1..] {
                if adj(j, h) {
                    t += 1;
                    on += (w[i][j] / maxw * w[j][h] / maxw * w[i][h] / maxw).cbrt();
                    ba += w[i][j] + w[i][h];
                }
            }
        }
        tri[i] = t;
        closed += t;
        triples += (k * k.saturating_sub(1) / 2) as u64;
        if k >= 2 {
            let pairs = (k * (k - 1) / 2) as f64;
            unweighted[i] = t as f64 / pairs;
            onnela[i] = on / pairs;
            barrat[i] = ba / (s * (k as f64 - 1.0));
        }
        if !with_square {
            continue;
        }
        // networkx's definition of square clustering, pair by pair
        let (mut num, mut den) = (0i64, 0i64);
        for (a, &u) in nbrs[i].iter().enumerate() {
            for &v in &nbrs[i][a + 1..] {
                let q = (0..n).filter(|&x| x != i && adj(u, x) && adj(v, x)).count() as i64;
                let theta = adj(u, v) as i64;
                let ku = nbrs[u].len() as i64;
                let kv = nbrs[v].len() as i64;
                num += q;
                den += (ku - (1 + q + theta)) + (kv - (1 + q + theta)) + q;
            }
        }
        square[i] = if den > 0 {
            num as f64 / den as f64
        } else {
            0.0
        };
    }
    Brute {
        tri,
        unweighted,
        onnela,
        barrat,
        transitivity: if closed == 0 {
            0.0
        } else {
            closed as f64 / triples as f64
        },
        square,
    }
}

fn close(a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= 1e-12 * y.abs().max(1e-300),
            "node {i}: {x} vs {y}"
        );
    }
}

#[test]
fn small_graphs() {
    // triangle 0-1-2 with pendant 3 on 2, and a 4-cycle 4-5-6-7
    let g = graph(
        8,
        &[
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (2, 3, 1.0),
            (4, 5, 1.0),
            (5, 6, 1.0),
            (6, 7, 1.0),
            (7, 4, 1.0),
        ],
    );
    let ctx = Context::new();
    assert_eq!(triangles(&g, &ctx).unwrap(), vec![1, 1, 1, 0, 0, 0, 0, 0]);
    let c = clustering(&g, ClusteringMethod::Unweighted, &ctx).unwrap();
    assert_eq!(c, vec![1.0, 1.0, 1.0 / 3.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    // 3 closed triples out of 1 + 1 + 3 + 4·1 connected triples
    assert_eq!(transitivity(&g, &ctx).unwrap(), 3.0 / 9.0);
    let sq = square_clustering(&g, &ctx).unwrap();
    assert_eq!(&sq[4..], &[1.0; 4]);
    assert_eq!(&sq[..4], &[0.0; 4]);
}

#[test]
fn complete_graph() {
    let n = 30u32;
    let mut e = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            e.push((a, b, 1.0 + (a * b % 7) as f64));
        }
    }
    let g = graph(n as usize, &e);
    let ctx = Context::new();
    let t = ((n - 1) * (n - 2) / 2) as u64;
    assert_eq!(triangles(&g, &ctx).unwrap(), vec![t; n as usize]);
    assert_eq!(transitivity(&g, &ctx).unwrap(), 1.0);
    for m in [ClusteringMethod::Unweighted, ClusteringMethod::Barrat] {
        for c in clustering(&g, m, &ctx).unwrap() {
            assert!((c - 1.0).abs() < 1e-14, "{m:?}: {c}");
        }
    }
    assert_eq!(square_clustering(&g, &ctx).unwrap(), vec![1.0; n as usize]);
}

#[test]
fn empty_and_edgeless_graphs() {
    let ctx = Context::new();
    let g = graph(0, &[]);
    assert!(triangles(&g, &ctx).unwrap().is_empty());
    assert_eq!(transitivity(&g, &ctx).unwrap(), 0.0);
    assert_eq!(
        average_clustering(&g, ClusteringMethod::Unweighted, true, &ctx).unwrap(),
        0.0
    );
    let g = graph(3, &[(0, 1, 0.0)]);
    for m in [
        ClusteringMethod::Unweighted,
        ClusteringMethod::Onnela,
        ClusteringMethod::Barrat,
    ] {
        assert_eq!(clustering(&g, m, &ctx).unwrap(), vec![0.0; 3]);
        assert_eq!(average_clustering(&g, m, false, &ctx).unwrap(), 0.0);
    }
    assert_eq!(square_clustering(&g, &ctx).unwrap(), vec![0.0; 3]);
}

#[test]
fn directed_graphs_are_refused() {
    let g = Graph::from_edges(Ids::Int(vec![0, 1]), &[(0, 1, 1.0)], true).unwrap();
    let ctx = Context::new();
    let msg = |e: Error| {
        assert!(matches!(e, Error::InvalidArgument { .. }));
        e.to_string()
    };
    assert!(msg(triangles(&g, &ctx).unwrap_err()).contains("directed"));
    assert!(msg(transitivity(&g, &ctx).unwrap_err()).contains("transitivity"));
    assert!(msg(clustering(&g, ClusteringMethod::Barrat, &ctx).unwrap_err()).contains("directed"));
    assert!(msg(square_clustering(&g, &ctx).unwrap_err()).contains("directed"));
    assert!(
        msg(average_clustering(&g, ClusteringMethod::Unweighted, true, &ctx).unwrap_err())
            .contains("directed")
    );
}

#[test]
fn cancelled_context_stops() {
    let g = graph(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
    let ctx = Context::new();
    ctx.cancel();
    assert!(matches!(triangles(&g, &ctx), Err(Error::Cancelled)));
    assert!(matches!(
        clustering(&g, ClusteringMethod::Onnela, &ctx),
        Err(Error::Cancelled)
    ));
    assert!(matches!(square_clustering(&g, &ctx), Err(Error::Cancelled)));
}

#[test]
fn method_names_parse() {
    assert_eq!(
        ClusteringMethod::parse("onnela"),
        Some(ClusteringMethod::Onnela)
    );
    assert_eq!(
        ClusteringMethod::parse("barrat"),
        Some(ClusteringMethod::Barrat)
    );
    assert_eq!(
        ClusteringMethod::parse("unweighted"),
        Some(ClusteringMethod::Unweighted)
    );
    assert_eq!(ClusteringMethod::parse("zhang"), None);
}

/// A dense-ish graph with big overlapping cliques (like a projection), on 1, 2 and 3 threads.
#[test]
fn thread_count_independent() {
    let n = 600u32;
    let mut e = std::collections::BTreeMap::new();
    let mut x = 12345u64;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..40 {
        let size = 2 + (next() % 60) as usize;
        let members: Vec<u32> = (0..size).map(|_| (next() % n as u64) as u32).collect();
        for &a in &members {
            for &b in &members {
                if a < b {
                    *e.entry((a, b)).or_insert(0.0) += 1.0 / (size as f64 - 1.0);
                }
            }
        }
    }
    let edges: Vec<(u32, u32, f64)> = e.into_iter().map(|((a, b), w)| (a, b, w)).collect();
    let g = graph(n as usize, &edges);
    let run = |t: usize| {
        let ctx = Context::new().with_threads(t);
        (
            triangles(&g, &ctx).unwrap(),
            clustering(&g, ClusteringMethod::Onnela, &ctx).unwrap(),
            clustering(&g, ClusteringMethod::Barrat, &ctx).unwrap(),
            average_clustering(&g, ClusteringMethod::Unweighted, true, &ctx)
                .unwrap()
                .to_bits(),
            transitivity(&g, &ctx).unwrap().to_bits(),
            square_clustering(&g, &ctx).unwrap(),
        )
    };
    let one = run(1);
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    for t in [2, 3] {
        let other = run(t);
        assert_eq!(one.0, other.0);
        assert_eq!(bits(&one.1), bits(&other.1));
        assert_eq!(bits(&one.2), bits(&other.2));
        assert_eq!(one.3, other.3);
        assert_eq!(one.4, other.4);
        assert_eq!(bits(&one.5), bits(&other.5));
    }
    // and the whole agrees with the brute force
    let mut w = vec![vec![0.0; n as usize]; n as usize];
    for &(a, b, x) in &edges {
        w[a as usize][b as usize] = x;
        w[b as usize][a as usize] = x;
    }
    let b = brute(&w, false);
    assert_eq!(one.0, b.tri);
    close(&one.1, &b.onnela);
    close(&one.2, &b.barrat);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn matches_brute_force(n in 1usize..24, raw in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 0..120)) {
        let (w, edges) = dense(n, &raw);
        let g = graph(n, &edges);
        let ctx = Context::new().with_threads(2);
        let b = brute(&w, true);
        let tri = triangles(&g, &ctx).unwrap();
        prop_assert_eq!(&tri, &b.tri);
        prop_assert_eq!(tri.iter().sum::<u64>() % 3, 0);
        let c = clustering(&g, ClusteringMethod::Unweighted, &ctx).unwrap();
        close(&c, &b.unweighted);
        close(&clustering(&g, ClusteringMethod::Onnela, &ctx).unwrap(), &b.onnela);
        close(&clustering(&g, ClusteringMethod::Barrat, &ctx).unwrap(), &b.barrat);
        let t = transitivity(&g, &ctx).unwrap();
        prop_assert!((t - b.transitivity).abs() <= 1e-12 * b.transitivity);
        prop_assert!((0.0..=1.0).contains(&t));
        let sq = square_clustering(&g, &ctx).unwrap();
        close(&sq, &b.square);
        for m in [ClusteringMethod::Unweighted, ClusteringMethod::Onnela, ClusteringMethod::Barrat] {
            for v in clustering(&g, m, &ctx).unwrap() {
                prop_assert!((0.0..=1.0 + 1e-15).contains(&v));
            }
        }
        let avg = average_clustering(&g, ClusteringMethod::Unweighted, true, &ctx).unwrap();
        let expect = b.unweighted.iter().sum::<f64>() / n as f64;
        prop_assert!((avg - expect).abs() <= 1e-12);
        let nz: Vec<f64> = b.unweighted.iter().copied().filter(|&v| v != 0.0).collect();
        let avg = average_clustering(&g, ClusteringMethod::Unweighted, false, &ctx).unwrap();
        let expect = if nz.is_empty() { 0.0 } else { nz.iter().sum::<f64>() / nz.len() as f64 };
        prop_assert!((avg - expect).abs() <= 1e-12);
    }
}

#[test]
fn sparse_and_dense_paths_match_brute_force() {
    // group ties (cliques of `size`) on `n` nodes: the first graph's mean degree is below the
    // sparse-path threshold (2m/n ≤ 32: triangles listed one by one), the second's above it
    // (block kernel); isolated and degree-1 nodes occur in the first
    for (n, groups, size, seed) in [(1500u32, 260, 6, 7u64), (160, 40, 30, 3)] {
        let mut x = seed;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut e = std::collections::BTreeSet::new();
        for _ in 0..groups {
            let s = 2 + (next() % size as u64) as usize;
            let members: Vec<u32> = (0..s).map(|_| (next() % n as u64) as u32).collect();
            for &a in &members {
                for &b in &members {
                    if a < b {
                        e.insert((a, b));
                    }
                }
            }
        }
        let edges: Vec<(u32, u32, f64)> = e.into_iter().map(|(a, b)| (a, b, 1.0)).collect();
        let mean = 2.0 * edges.len() as f64 / n as f64;
        assert!(
            if n == 1500 { mean < 32.0 } else { mean > 32.0 },
            "mean degree {mean}"
        );
        let g = graph(n as usize, &edges);
        let mut w = vec![vec![0.0; n as usize]; n as usize];
        for &(a, b, v) in &edges {
            w[a as usize][b as usize] = v;
            w[b as usize][a as usize] = v;
        }
        let b = brute(&w, false);
        for t in [1, 3] {
            let ctx = Context::new().with_threads(t);
            assert_eq!(triangles(&g, &ctx).unwrap(), b.tri);
            let tr = transitivity(&g, &ctx).unwrap();
            assert!(
                (tr - b.transitivity).abs() <= 1e-12 * b.transitivity,
                "{tr} {}",
                b.transitivity
            );
            close(
                &clustering(&g, ClusteringMethod::Unweighted, &ctx).unwrap(),
                &b.unweighted,
            );
        }
    }
}

#[test]
fn block_kernel_matches_a_plain_count_across_rank_windows() {
    // the block kernel renumbers nodes by rank within windows of 4,096 indices: cliques of
    // nearby nodes (some straddling a window border) and of nodes drawn from anywhere, on more
    // nodes than two windows hold, counted against plain neighbour-set intersections
    let n = 9_000u32;
    let mut x = 99u64;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut e = std::collections::BTreeSet::new();
    for g in 0..350 {
        let s = 2 + (next() % 60) as usize;
        let centre = match g % 3 {
            0 => 4096 + (next() % 200) as i64 - 100, // across the first window border
            _ => (next() % n as u64) as i64,
        };
        let members: Vec<u32> = (0..s)
            .map(|_| {
                if g % 3 == 2 {
                    (next() % n as u64) as u32 // from anywhere
                } else {
                    (centre + (next() % 600) as i64 - 300).clamp(0, n as i64 - 1) as u32
                }
            })
            .collect();
        for &a in &members {
            for &b in &members {
                if a < b {
                    e.insert((a, b));
                }
            }
        }
    }
    let edges: Vec<(u32, u32, f64)> = e.iter().map(|&(a, b)| (a, b, 1.0)).collect();
    assert!(
        2.0 * edges.len() as f64 / n as f64 > 32.0,
        "dense enough for the block kernel"
    );
    let g = graph(n as usize, &edges);
    let mut adj = vec![std::collections::BTreeSet::new(); n as usize];
    for &(a, b) in &e {
        adj[a as usize].insert(b);
        adj[b as usize].insert(a);
    }
    // T(v) = ½ Σ_{u∈N(v)} |N(u) ∩ N(v)|
    let plain: Vec<u64> = (0..n as usize)
        .map(|v| {
            adj[v]
                .iter()
                .map(|&u| adj[u as usize].intersection(&adj[v]).count() as u64)
                .sum::<u64>()
                / 2
        })
        .collect();
    for t in [1, 2] {
        let ctx = Context::new().with_threads(t);
        assert_eq!(triangles(&g, &ctx).unwrap(), plain);
        let (done, total) = ctx.progress().get();
        assert_eq!((done, total), (n as u64, n as u64));
    }
}
