//! Paths and cohesion against brute-force oracles on small and random graphs.
#![allow(clippy::needless_range_loop)] // oracles index several tables by node
mod common;

use common::{random_edges, undirected as graph};
use proptest::prelude::*;
use wijknet::metrics::cohesion::{self as co, Distance};
use wijknet::petgraph::algo::dijkstra;
use wijknet::petgraph::visit::EdgeRef;
use wijknet::{ids::Ids, metrics, Context, Graph};

fn naive_core(g: &Graph) -> Vec<u32> {
    let n = g.node_count();
    let mut alive = vec![true; n];
    let mut core = vec![0u32; n];
    let mut k = 0u32;
    let deg = |alive: &Vec<bool>, v: usize| {
        g.neighbors_of(v)
            .iter()
            .filter(|&&w| alive[w as usize])
            .count() as u32
    };
    while alive.iter().any(|&a| a) {
        // remove every node of degree ≤ k until none is left, then k += 1
        loop {
            let low: Vec<usize> = (0..n)
                .filter(|&v| alive[v] && deg(&alive, v) <= k)
                .collect();
            if low.is_empty() {
                break;
            }
            for v in low {
                alive[v] = false;
                core[v] = k;
            }
        }
        k += 1;
    }
    core
}

fn n_components_without(
    g: &Graph,
    drop_node: Option<usize>,
    drop_edge: Option<(u32, u32)>,
) -> usize {
    let n = g.node_count();
    let mut edges = Vec::new();
    let (s, t, _) = g.edges();
    for (&a, &b) in s.iter().zip(&t) {
        if Some((a, b)) == drop_edge
            || drop_node.is_some_and(|d| a as usize == d || b as usize == d)
        {
            continue;
        }
        edges.push((a, b, 1.0));
    }
    let c = metrics::number_connected_components(&graph(n, &edges));
    c - usize::from(drop_node.is_some()) // the removed node stays as an isolate
}

fn hop_dist(g: &Graph, s: usize) -> Vec<Option<u32>> {
    let d = dijkstra(g, s, None, |_| 1u32);
    (0..g.node_count()).map(|t| d.get(&t).copied()).collect()
}

#[test]
fn core_number_matches_peeling() {
    for seed in 0..20 {
        let n = 30 + seed as usize;
        let g = graph(n, &random_edges(n, 0.15, seed, false, 1..5));
        let c = co::core_number(&g).unwrap();
        assert_eq!(c, naive_core(&g), "seed {seed}");
        let deg = metrics::degree(&g);
        assert!(c.iter().zip(&deg).all(|(&a, &d)| a as u64 <= d));
    }
}

#[test]
fn k_core_is_the_induced_subgraph() {
    let g = graph(40, &random_edges(40, 0.2, 7, false, 1..5));
    let c = co::core_number(&g).unwrap();
    let kmax = *c.iter().max().unwrap();
    let (h, keep) = co::k_core(&g, None).unwrap();
    assert_eq!(
        keep,
        (0..40)
            .filter(|&v| c[v as usize] == kmax)
            .collect::<Vec<_>>()
    );
    // every node of the main core has ≥ kmax neighbours inside it
    for v in 0..h.node_count() {
        assert!(h.neighbors_of(v).len() as u32 >= kmax);
    }
    // ties and weights kept
    for (i, &a) in keep.iter().enumerate() {
        for (j, &b) in keep.iter().enumerate() {
            assert_eq!(h.weight(i, j), g.weight(a as usize, b as usize));
        }
    }
    let (h0, keep0) = co::k_core(&g, Some(0)).unwrap();
    assert_eq!(
        (h0.node_count(), h0.edge_count(), keep0.len()),
        (40, g.edge_count(), 40)
    );
}

#[test]
fn articulation_points_and_bridges_match_removal() {
    for seed in 0..20 {
        let n = 25;
        let g = graph(n, &random_edges(n, 0.08, 100 + seed, false, 1..5));
        let base = metrics::number_connected_components(&g);
        let aps = co::articulation_points(&g).unwrap();
        let want: Vec<u32> = (0..n)
            .filter(|&v| n_components_without(&g, Some(v), None) > base)
            .map(|v| v as u32)
            .collect();
        assert_eq!(aps, want, "seed {seed}");
        let br = co::bridges(&g).unwrap();
        let (s, t, _) = g.edges();
        let mut want: Vec<(u32, u32)> = s
            .iter()
            .zip(&t)
            .map(|(&a, &b)| (a, b))
            .filter(|&e| n_components_without(&g, None, Some(e)) > base)
            .collect();
        want.sort_unstable();
        assert_eq!(br, want, "seed {seed}");
    }
}

#[test]
fn deep_path_does_not_overflow_the_stack() {
    let n = 300_000;
    let e: Vec<(u32, u32, f64)> = (0..n as u32 - 1).map(|i| (i, i + 1, 1.0)).collect();
    let g = graph(n, &e);
    assert_eq!(co::articulation_points(&g).unwrap().len(), n - 2);
    assert_eq!(co::bridges(&g).unwrap().len(), n - 1);
    assert_eq!(co::core_number(&g).unwrap().iter().max(), Some(&1));
}

#[test]
fn directed_graphs_are_refused() {
    let g = Graph::from_edges(Ids::Int(vec![0, 1]), &[(0, 1, 1.0)], true).unwrap();
    let ctx = Context::new();
    assert!(co::core_number(&g).is_err());
    assert!(co::articulation_points(&g).is_err());
    assert!(co::bridges(&g).is_err());
    assert!(co::average_shortest_path_length(&g, Distance::Hops, None, &ctx).is_err());
    assert!(co::global_efficiency(&g, Distance::Hops, None, &ctx).is_err());
    assert!(co::diameter(&g, Distance::Hops, &ctx).is_err());
    // reach follows out-ties
    assert_eq!(co::reach(&g, 1, &ctx).unwrap(), vec![vec![1, 0]]);
}

#[test]
fn reach_matches_bfs() {
    let ctx = Context::new();
    for seed in 0..10 {
        let n = 50;
        let g = graph(n, &random_edges(n, 0.04, 200 + seed, false, 1..5));
        let r = co::reach(&g, 3, &ctx).unwrap();
        for v in 0..n {
            let d = hop_dist(&g, v);
            for s in 1..=3u32 {
                let want = d
                    .iter()
                    .filter(|x| matches!(x, Some(k) if *k >= 1 && *k <= s))
                    .count();
                assert_eq!(r[s as usize - 1][v] as usize, want);
            }
        }
        assert_eq!(
            r[0],
            metrics::degree(&g)
                .iter()
                .map(|&d| d as u32)
                .collect::<Vec<_>>()
        );
    }
    assert!(co::reach(&graph(2, &[]), 0, &ctx).is_err());
}

#[test]
fn reach_on_dense_components_matches_bfs() {
    // a dense component of 150 nodes (bitmap path), a sparse one of 100, isolates; directed too
    let ctx = Context::new();
    for seed in 0..4 {
        let mut e = random_edges(150, 0.1 + 0.1 * seed as f64, 400 + seed, false, 1..5);
        e.extend(
            random_edges(100, 0.01, 500 + seed, false, 1..5)
                .into_iter()
                .map(|(a, b, w)| (a + 150, b + 150, w)),
        );
        for directed in [false, true] {
            let g = Graph::from_edges(Ids::Int((0..260).collect()), &e, directed).unwrap();
            let r = co::reach(&g, 4, &ctx).unwrap();
            for v in 0..260 {
                let d = hop_dist(&g, v);
                for s in 1..=4u32 {
                    let want = d
                        .iter()
                        .filter(|x| matches!(x, Some(k) if *k >= 1 && *k <= s))
                        .count();
                    assert_eq!(
                        r[s as usize - 1][v] as usize,
                        want,
                        "seed {seed} directed {directed} v {v} s {s}"
                    );
                }
            }
            let two = co::reach(&g, 4, &Context::new().with_threads(2)).unwrap();
            assert_eq!(
                r,
                co::reach(&g, 4, &Context::new().with_threads(1)).unwrap()
            );
            assert_eq!(r, two);
        }
    }
}

/// A projection-like graph: the union of random cliques (many closed-neighbourhood twins).
fn cliques(n: u32, k: usize, size: u32, seed: u64) -> Vec<(u32, u32, f64)> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut set = std::collections::BTreeSet::new();
    for _ in 0..k {
        let m: Vec<u32> = (0..rng.random_range(2..size))
            .map(|_| rng.random_range(0..n))
            .collect();
        for &a in &m {
            for &b in &m {
                if a < b {
                    set.insert((a, b));
                }
            }
        }
    }
    set.into_iter().map(|(a, b)| (a, b, 1.0)).collect()
}

#[test]
fn reach_with_twins_matches_bfs() {
    let ctx = Context::new();
    for seed in 0..6 {
        // 0..200: few big cliques (dense, bitmap path); 200..300: small cliques (sparse path)
        let mut e = cliques(200, 12, 40, seed);
        e.extend(
            cliques(100, 40, 4, seed + 50)
                .into_iter()
                .map(|(a, b, w)| (a + 200, b + 200, w)),
        );
        let g = graph(300, &e);
        let r = co::reach(&g, 3, &ctx).unwrap();
        for v in 0..300 {
            let d = hop_dist(&g, v);
            for s in 1..=3u32 {
                let want = d
                    .iter()
                    .filter(|x| matches!(x, Some(k) if *k >= 1 && *k <= s))
                    .count();
                assert_eq!(
                    r[s as usize - 1][v] as usize,
                    want,
                    "seed {seed} v {v} s {s}"
                );
            }
        }
    }
}

#[test]
fn path_measures_match_dijkstra() {
    let ctx = Context::new();
    for seed in 0..8 {
        let n = 40;
        let g = graph(n, &random_edges(n, 0.06, 300 + seed, false, 1..5));
        let comp = metrics::connected_components(&g);
        for d in [
            Distance::Hops,
            Distance::Inverse,
            Distance::Weight,
            Distance::Opsahl(0.5),
        ] {
            let len = |w: f64| match d {
                Distance::Hops => 1.0,
                Distance::Inverse => 1.0 / w,
                Distance::Weight => w,
                Distance::Opsahl(a) => w.powf(-a),
            };
            let dist: Vec<Vec<Option<f64>>> = (0..n)
                .map(|s| {
                    let m = dijkstra(&g, s, None, |e| len(*e.weight()));
                    (0..n).map(|t| m.get(&t).copied()).collect()
                })
                .collect();
            let t = co::average_shortest_path_length(&g, d, None, &ctx).unwrap();
            for row in &t {
                let members: Vec<usize> = (0..n).filter(|&v| comp[v] == row.component).collect();
                assert_eq!(row.size, members.len());
                if row.size < 2 {
                    assert!(row.average.is_nan());
                    continue;
                }
                let mut sum = 0.0;
                for &a in &members {
                    for &b in &members {
                        sum += dist[a][b].unwrap();
                    }
                }
                let want = sum / (row.size * (row.size - 1)) as f64;
                assert!(
                    (row.average - want).abs() <= 1e-12 * want,
                    "{d:?} {} {want}",
                    row.average
                );
                assert_eq!(row.stderr, 0.0);
            }
            let mut inv = 0.0;
            for a in 0..n {
                for b in 0..n {
                    if a != b {
                        inv += dist[a][b].map_or(0.0, |x| 1.0 / x);
                    }
                }
            }
            let want = inv / (n * (n - 1)) as f64;
            let (e, se) = co::global_efficiency(&g, d, None, &ctx).unwrap();
            assert!((e - want).abs() <= 1e-12 * want);
            assert_eq!(se, 0.0);
            let diam = (0..n)
                .filter(|&v| comp[v] == 0)
                .flat_map(|a| dist[a].iter().flatten().copied().collect::<Vec<_>>())
                .fold(0.0, f64::max);
            assert_eq!(co::diameter(&g, d, &ctx).unwrap(), diam);
        }
    }
}

#[test]
fn weighted_lengths_need_positive_weights() {
    let g = graph(3, &[(0, 1, 0.0), (1, 2, 1.0)]);
    let ctx = Context::new();
    assert!(co::diameter(&g, Distance::Inverse, &ctx).is_err());
    assert!(co::global_efficiency(&g, Distance::Weight, None, &ctx).is_err());
    assert_eq!(co::diameter(&g, Distance::Hops, &ctx).unwrap(), 2.0);
    assert!(Distance::from_name(Some("length")).is_err());
}

#[test]
fn results_do_not_depend_on_threads() {
    let g = graph(300, &random_edges(300, 0.02, 5, false, 1..5));
    let one = Context::new().with_threads(1).with_seed(3);
    let two = Context::new().with_threads(2).with_seed(3);
    assert_eq!(
        co::reach(&g, 2, &one).unwrap(),
        co::reach(&g, 2, &two).unwrap()
    );
    for k in [None, Some(20)] {
        for d in [Distance::Hops, Distance::Inverse] {
            let a = co::average_shortest_path_length(&g, d, k, &one).unwrap();
            let b = co::average_shortest_path_length(&g, d, k, &two).unwrap();
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x.average.to_bits(), y.average.to_bits());
                assert_eq!(x.stderr.to_bits(), y.stderr.to_bits());
            }
            let a = co::global_efficiency(&g, d, k, &one).unwrap();
            let b = co::global_efficiency(&g, d, k, &two).unwrap();
            assert_eq!(
                (a.0.to_bits(), a.1.to_bits()),
                (b.0.to_bits(), b.1.to_bits())
            );
        }
    }
}

#[test]
fn sampled_estimates_converge() {
    let g = graph(400, &random_edges(400, 0.015, 9, false, 1..5));
    let exact = co::global_efficiency(&g, Distance::Hops, None, &Context::new())
        .unwrap()
        .0;
    let aspl = co::average_shortest_path_length(&g, Distance::Hops, None, &Context::new()).unwrap()
        [0]
    .average;
    let err = |k: usize| {
        let (mut e, mut a) = (0.0, 0.0);
        for seed in 0..20 {
            let ctx = Context::new().with_seed(seed);
            e += (co::global_efficiency(&g, Distance::Hops, Some(k), &ctx)
                .unwrap()
                .0
                - exact)
                .powi(2);
            a += (co::average_shortest_path_length(&g, Distance::Hops, Some(k), &ctx).unwrap()[0]
                .average
                - aspl)
                .powi(2);
        }
        (e.sqrt(), a.sqrt())
    };
    let (e10, a10) = err(10);
    let (e200, a200) = err(200);
    assert!(e200 < e10 && a200 < a10, "{e10} {e200} {a10} {a200}");
    let (_, se) = co::global_efficiency(&g, Distance::Hops, Some(50), &Context::new()).unwrap();
    assert!(se > 0.0 && se.is_finite());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn invariants(n in 2usize..30, seed in 0u64..10_000, p in 0.0f64..0.4) {
        let g = graph(n, &random_edges(n, p, seed, false, 1..5));
        let deg = metrics::degree(&g);
        let c = co::core_number(&g).unwrap();
        prop_assert!(c.iter().zip(&deg).all(|(&a, &d)| a as u64 <= d));
        let r = co::reach(&g, 3, &Context::new()).unwrap();
        for v in 0..n {
            prop_assert_eq!(r[0][v] as u64, deg[v]);
            prop_assert!(r[0][v] <= r[1][v] && r[1][v] <= r[2][v]);
            prop_assert!((r[2][v] as usize) < n);
        }
    }
}

#[test]
fn articulation_points_in_order_are_the_articulation_points() {
    // any neighbour order: the same set as `articulation_points`, each node once
    for seed in 0..20 {
        let n = 30;
        let g = graph(n, &random_edges(n, 0.07, 300 + seed, false, 1..5));
        let csr = g.out_csr();
        let mut indptr = vec![0usize];
        let mut indices = Vec::new();
        for v in 0..n {
            let mut row = csr.row(v).to_vec();
            // a neighbour order other than the sorted one
            let shift = seed as usize % row.len().max(1);
            row.rotate_left(shift);
            row.reverse();
            indices.extend(row);
            indptr.push(indices.len());
        }
        let mut got = co::articulation_points_in_order(&indptr, &indices).unwrap();
        let len = got.len();
        got.sort_unstable();
        got.dedup();
        assert_eq!(got.len(), len, "seed {seed}: a node reported twice");
        assert_eq!(got, co::articulation_points(&g).unwrap(), "seed {seed}");
    }
    // networkx's order for a hand-checked case: a path 0 - 1 - 2 - 3 entered from node 0
    let got = co::articulation_points_in_order(&[0, 1, 3, 5, 6], &[1, 0, 2, 1, 3, 2]).unwrap();
    assert_eq!(got, vec![2, 1]);
    assert!(co::articulation_points_in_order(&[0, 2], &[0]).is_err());
    assert!(co::articulation_points_in_order(&[0, 1], &[5]).is_err());
}
