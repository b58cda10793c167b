//! Centrality: small hand-checked graphs, a brute-force betweenness oracle, thread-count
//! independence and argument errors.
mod common;

use common::graph;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wijknet::metrics::centrality::{
    betweenness_centrality, betweenness_centrality_from_sources, closeness_centrality,
    eigenvector_centrality, harmonic_centrality, pagerank, BetweennessOptions, Distance,
    PageRankOptions,
};
use wijknet::{Context, Error};

fn random_edges(n: usize, m: usize, seed: u64) -> Vec<(u32, u32, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while out.len() < m {
        let a = rng.random_range(0..n as u32);
        let b = rng.random_range(0..n as u32);
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        // weights 1, 2, 4: equal-length paths exist under both 1/w and w, and their f64 sums
        // are exact, so the tolerance-based brute force agrees with exact comparisons
        out.push((a, b, (1u32 << rng.random_range(0..3)) as f64));
    }
    out
}

/// Brute-force betweenness (unnormalised, ordered pairs, then halved for undirected):
/// Floyd–Warshall distances and path counts.
fn brute_betweenness(n: usize, edges: &[(u32, u32, f64)], distance: Distance) -> Vec<f64> {
    let inf = f64::INFINITY;
    let mut d = vec![vec![inf; n]; n];
    let mut c = vec![vec![0.0f64; n]; n];
    for (i, row) in d.iter_mut().enumerate() {
        row[i] = 0.0;
        c[i][i] = 1.0;
    }
    for &(a, b, w) in edges {
        let len = match distance {
            Distance::Hops => 1.0,
            Distance::Inverse => 1.0 / w,
            Distance::Weight => w,
            Distance::Opsahl(a) => w.powf(-a),
        };
        for (x, y) in [(a as usize, b as usize), (b as usize, a as usize)] {
            d[x][y] = len;
            c[x][y] = 1.0;
        }
    }
    // Floyd–Warshall on lengths first, then count paths over the shortest-path DAG.
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if d[i][k] + d[k][j] < d[i][j] {
                    d[i][j] = d[i][k] + d[k][j];
                }
            }
        }
    }
    // sigma[s][t] by increasing distance from s
    let mut sigma = vec![vec![0.0f64; n]; n];
    for s in 0..n {
        let mut order: Vec<usize> = (0..n).filter(|&t| d[s][t].is_finite()).collect();
        order.sort_by(|&a, &b| d[s][a].partial_cmp(&d[s][b]).unwrap());
        sigma[s][s] = 1.0;
        for &t in &order {
            if t == s {
                continue;
            }
            let mut tot = 0.0;
            for &(a, b, w) in edges {
                let len = match distance {
                    Distance::Hops => 1.0,
                    Distance::Inverse => 1.0 / w,
                    Distance::Weight => w,
                    Distance::Opsahl(a) => w.powf(-a),
                };
                for (u, v) in [(a as usize, b as usize), (b as usize, a as usize)] {
                    if v == t && (d[s][u] + len - d[s][t]).abs() < 1e-9 {
                        tot += sigma[s][u];
                    }
                }
            }
            sigma[s][t] = tot;
        }
    }
    let _ = c;
    let mut bc = vec![0.0; n];
    for s in 0..n {
        for t in 0..n {
            if s == t || !d[s][t].is_finite() {
                continue;
            }
            for v in 0..n {
                if v == s || v == t {
                    continue;
                }
                if (d[s][v] + d[v][t] - d[s][t]).abs() < 1e-9 {
                    bc[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
                }
            }
        }
    }
    bc.iter().map(|x| x / 2.0).collect()
}

fn close(a: &[f64], b: &[f64], rel: f64) {
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= rel * x.abs().max(y.abs()).max(1e-300),
            "node {i}: {x} vs {y}"
        );
    }
}

#[test]
fn betweenness_matches_brute_force_on_random_graphs() {
    for seed in 0..6 {
        let n = 30;
        let edges = random_edges(n, 55, seed);
        let g = graph(n, &edges, false);
        for distance in [Distance::Hops, Distance::Inverse, Distance::Weight] {
            let opts = BetweennessOptions {
                normalized: false,
                distance,
                ..Default::default()
            };
            let got = betweenness_centrality(&g, &opts, &Context::new()).unwrap();
            let want = brute_betweenness(n, &edges, distance);
            close(&got, &want, 1e-9);
            // normalised = unnormalised / ((n-1)(n-2)/2)
            let norm = betweenness_centrality(
                &g,
                &BetweennessOptions {
                    distance,
                    ..Default::default()
                },
                &Context::new(),
            )
            .unwrap();
            let scale = 2.0 / ((n as f64 - 1.0) * (n as f64 - 2.0));
            let want: Vec<f64> = want.iter().map(|x| x * scale).collect();
            close(&norm, &want, 1e-9);
        }
    }
}

#[test]
fn betweenness_star_and_endpoints() {
    // star: centre 0 with 4 leaves
    let g = graph(
        5,
        &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)],
        false,
    );
    let b = betweenness_centrality(&g, &BetweennessOptions::default(), &Context::new()).unwrap();
    assert_eq!(b, vec![1.0, 0.0, 0.0, 0.0, 0.0]);
    let opts = BetweennessOptions {
        normalized: false,
        endpoints: true,
        ..Default::default()
    };
    let b = betweenness_centrality(&g, &opts, &Context::new()).unwrap();
    // centre: 6 leaf pairs + 4 pairs it ends; a leaf: the 4 pairs it ends
    assert_eq!(b, vec![10.0, 4.0, 4.0, 4.0, 4.0]);
}

#[test]
fn sampled_betweenness_is_the_same_on_any_thread_count() {
    let n = 300;
    let edges = random_edges(n, 1500, 11);
    let g = graph(n, &edges, false);
    for distance in [Distance::Hops, Distance::Inverse] {
        for k in [None, Some(37)] {
            let opts = BetweennessOptions {
                distance,
                k,
                ..Default::default()
            };
            let one =
                betweenness_centrality(&g, &opts, &Context::new().with_threads(1).with_seed(5))
                    .unwrap();
            let two =
                betweenness_centrality(&g, &opts, &Context::new().with_threads(2).with_seed(5))
                    .unwrap();
            let four =
                betweenness_centrality(&g, &opts, &Context::new().with_threads(4).with_seed(5))
                    .unwrap();
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&one), bits(&two));
            assert_eq!(bits(&one), bits(&four));
            if k.is_some() {
                let other =
                    betweenness_centrality(&g, &opts, &Context::new().with_threads(2).with_seed(6))
                        .unwrap();
                assert_ne!(bits(&one), bits(&other), "another seed draws other pivots");
            }
        }
    }
}

#[test]
fn sampled_betweenness_with_all_nodes_is_exact() {
    let n = 40;
    let edges = random_edges(n, 90, 3);
    let g = graph(n, &edges, false);
    let exact =
        betweenness_centrality(&g, &BetweennessOptions::default(), &Context::new()).unwrap();
    let all = betweenness_centrality(
        &g,
        &BetweennessOptions {
            k: Some(n),
            ..Default::default()
        },
        &Context::new().with_seed(9),
    )
    .unwrap();
    close(&all, &exact, 1e-12);
}

#[test]
fn pagerank_invariants_and_threads() {
    let n = 500;
    let mut edges = random_edges(n, 2000, 4);
    edges.retain(|e| e.0 != 7 && e.1 != 7); // node 7 dangling
    for directed in [false, true] {
        let g = graph(n, &edges, directed);
        for weighted in [true, false] {
            let opts = PageRankOptions {
                weighted,
                ..Default::default()
            };
            let one = pagerank(&g, &opts, &Context::new().with_threads(1)).unwrap();
            let two = pagerank(&g, &opts, &Context::new().with_threads(2)).unwrap();
            assert_eq!(one, two);
            assert!((one.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            assert!(one.iter().all(|&x| x >= 0.0));
        }
    }
}

#[test]
fn undirected_pagerank_matches_power_iteration_of_the_both_ways_digraph() {
    // undirected graphs are solved by SOR per component (leaves folded into their
    // neighbour); the digraph with every tie both ways has the same PageRank and still runs
    // networkx's power iteration. Components: a random part, a path (leaves at both ends), a
    // star, a pair, and isolated nodes 222..299.
    let n = 300;
    let mut edges = random_edges(200, 260, 11);
    edges.extend([
        (200, 201, 1.0),
        (201, 202, 2.0),
        (202, 203, 1.0),
        (220, 221, 4.0),
    ]);
    edges.extend((211..216).map(|l| (210, l, (l - 209) as f64)));
    let both: Vec<(u32, u32, f64)> = edges
        .iter()
        .flat_map(|&(a, b, w)| [(a, b, w), (b, a, w)])
        .collect();
    let (ug, dg) = (graph(n, &edges, false), graph(n, &both, true));
    let pers: Vec<f64> = (0..n).map(|i| (i % 3) as f64).collect();
    for weighted in [true, false] {
        for personalization in [None, Some(pers.clone())] {
            let tight = PageRankOptions {
                weighted,
                personalization: personalization.clone(),
                tol: 1e-15,
                max_iter: 100_000,
                ..Default::default()
            };
            let exact = pagerank(&dg, &tight, &Context::new()).unwrap();
            let one = pagerank(&ug, &tight, &Context::new().with_threads(1)).unwrap();
            let diff = one
                .iter()
                .zip(&exact)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            assert!(diff < 1e-13, "{weighted} {diff}");
            let two = pagerank(&ug, &tight, &Context::new().with_threads(2)).unwrap();
            assert_eq!(one, two);
            // the default tolerance keeps networkx's error bound α/(1 − α)·n·tol (L1)
            let loose = PageRankOptions {
                weighted,
                personalization: personalization.clone(),
                ..Default::default()
            };
            let got = pagerank(&ug, &loose, &Context::new()).unwrap();
            let err: f64 = got.iter().zip(&exact).map(|(a, b)| (a - b).abs()).sum();
            assert!(err <= 0.85 / 0.15 * n as f64 * loose.tol, "{err}");
            assert!((got.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }
}

#[test]
fn pagerank_on_a_cycle_is_uniform_and_errors_name_arguments() {
    let g = graph(
        4,
        &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)],
        false,
    );
    let pr = pagerank(&g, &PageRankOptions::default(), &Context::new()).unwrap();
    close(&pr, &[0.25; 4], 1e-12);
    for alpha in [0.0, 1.0, -0.5, f64::NAN] {
        let opts = PageRankOptions {
            alpha,
            ..Default::default()
        };
        match pagerank(&g, &opts, &Context::new()) {
            Err(Error::InvalidArgument { name, .. }) => assert_eq!(name, "alpha"),
            other => panic!("{other:?}"),
        }
    }
    let path = graph(
        6,
        &[
            (0, 1, 1.0),
            (1, 2, 1.0),
            (2, 3, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
        ],
        false,
    );
    let opts = PageRankOptions {
        max_iter: 1,
        ..Default::default()
    };
    match pagerank(&path, &opts, &Context::new()) {
        Err(Error::InvalidArgument { name, message }) => {
            assert_eq!(name, "max_iter");
            assert!(message.contains("max_iter=1"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let opts = PageRankOptions {
        personalization: Some(vec![0.0; 6]),
        ..Default::default()
    };
    assert!(pagerank(&path, &opts, &Context::new()).is_err());
}

#[test]
fn eigenvector_of_a_star() {
    // star with 4 leaves: λ = 2, centre 1/√2, leaves 1/(2√2)
    let g = graph(
        5,
        &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)],
        false,
    );
    let x = eigenvector_centrality(&g, false, 1000, 1e-12, &Context::new()).unwrap();
    let c = 0.5f64.sqrt();
    close(&x, &[c, c / 2.0, c / 2.0, c / 2.0, c / 2.0], 1e-9);
    let empty = graph(0, &[], false);
    assert!(eigenvector_centrality(&empty, false, 100, 1e-6, &Context::new()).is_err());
    match eigenvector_centrality(&g, false, 1, 1e-12, &Context::new()) {
        Err(Error::InvalidArgument { name, .. }) => assert_eq!(name, "max_iter"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn closeness_and_harmonic_on_two_components() {
    // path 0-1-2 (weights 1, 2) and an edge 3-4 (weight 4), node 5 isolated via a directed-free graph
    let g = graph(6, &[(0, 1, 1.0), (1, 2, 2.0), (3, 4, 4.0)], false);
    let c = closeness_centrality(&g, Distance::Hops, true, &Context::new()).unwrap();
    // node 1: reaches 2 others, total 2 → 1 · 2/5
    close(
        &c,
        &[2.0 / 3.0 * 0.4, 0.4, 2.0 / 3.0 * 0.4, 0.2, 0.2, 0.0],
        1e-15,
    );
    let c = closeness_centrality(&g, Distance::Hops, false, &Context::new()).unwrap();
    close(&c, &[2.0 / 3.0, 1.0, 2.0 / 3.0, 1.0, 1.0, 0.0], 1e-15);
    let c = closeness_centrality(&g, Distance::Weight, false, &Context::new()).unwrap();
    close(
        &c,
        &[2.0 / 4.0, 2.0 / 3.0, 2.0 / 5.0, 0.25, 0.25, 0.0],
        1e-15,
    );
    let h = harmonic_centrality(&g, Distance::Inverse, &Context::new()).unwrap();
    // lengths: 0-1 = 1, 1-2 = 0.5, 0-2 = 1.5, 3-4 = 0.25
    close(
        &h,
        &[1.0 + 1.0 / 1.5, 1.0 + 2.0, 2.0 + 1.0 / 1.5, 4.0, 4.0, 0.0],
        1e-15,
    );
    // distances must be positive
    let bad = graph(2, &[(0, 1, 0.0)], false);
    match harmonic_centrality(&bad, Distance::Inverse, &Context::new()) {
        Err(Error::InvalidArgument { name, .. }) => assert_eq!(name, "distance"),
        other => panic!("{other:?}"),
    }
    assert!(harmonic_centrality(&bad, Distance::Hops, &Context::new()).is_ok());
}

#[test]
fn closeness_is_the_same_on_any_thread_count_and_in_range() {
    let n = 200;
    let edges = random_edges(n, 400, 8);
    let g = graph(n, &edges, false);
    for distance in [Distance::Hops, Distance::Inverse] {
        let one =
            closeness_centrality(&g, distance, true, &Context::new().with_threads(1)).unwrap();
        let two =
            closeness_centrality(&g, distance, true, &Context::new().with_threads(2)).unwrap();
        assert_eq!(one, two);
        if distance == Distance::Hops {
            assert!(one.iter().all(|&x| (0.0..=1.0).contains(&x)));
        }
    }
}

#[test]
fn cancelled_context_stops_kernels() {
    let edges = random_edges(100, 300, 1);
    let g = graph(100, &edges, false);
    let ctx = Context::new();
    ctx.cancel();
    assert!(matches!(
        betweenness_centrality(&g, &BetweennessOptions::default(), &ctx),
        Err(Error::Cancelled)
    ));
    assert!(matches!(
        pagerank(&g, &PageRankOptions::default(), &ctx),
        Err(Error::Cancelled)
    ));
    assert!(matches!(
        closeness_centrality(&g, Distance::Hops, true, &ctx),
        Err(Error::Cancelled)
    ));
}

#[test]
fn opsahl_alpha_zero_and_one_match_hops_and_inverse() {
    let n = 30;
    let edges = random_edges(n, 60, 21);
    let g = graph(n, &edges, false);
    let ctx = Context::new();
    for (alpha, plain) in [(0.0, Distance::Hops), (1.0, Distance::Inverse)] {
        let b = |d| {
            betweenness_centrality(
                &g,
                &BetweennessOptions {
                    distance: d,
                    ..Default::default()
                },
                &ctx,
            )
            .unwrap()
        };
        close(&b(Distance::Opsahl(alpha)), &b(plain), 1e-12);
        let c = |d| closeness_centrality(&g, d, true, &ctx).unwrap();
        close(&c(Distance::Opsahl(alpha)), &c(plain), 1e-12);
    }
}

#[test]
fn opsahl_hand_computed_example() {
    // Opsahl et al. (2010), fig. 1 style: a triangle-free path 0 -(4)- 1 -(1)- 2 and a direct
    // weak tie 0 -(1)- 2. With α = 0.5 lengths are 1/√w: 0-1 = 0.5, 1-2 = 1, 0-2 = 1.
    // 0→2: direct (1) beats via 1 (1.5); 0→1: direct 0.5; 1→2: direct 1.
    let g = graph(3, &[(0, 1, 4.0), (1, 2, 1.0), (0, 2, 1.0)], false);
    let ctx = Context::new();
    let c = closeness_centrality(&g, Distance::Opsahl(0.5), false, &ctx).unwrap();
    close(&c, &[2.0 / 1.5, 2.0 / 1.5, 2.0 / 2.0], 1e-15);
    let d = wijknet::metrics::centrality::degree_centrality_opsahl(&g, 0.5).unwrap();
    // k = 2 for all; s = 5, 5, 2
    close(
        &d,
        &[(2.0f64 * 5.0).sqrt(), (2.0f64 * 5.0).sqrt(), 2.0],
        1e-15,
    );
    let d0 = wijknet::metrics::centrality::degree_centrality_opsahl(&g, 0.0).unwrap();
    assert_eq!(d0, vec![2.0, 2.0, 2.0]);
    let d1 = wijknet::metrics::centrality::degree_centrality_opsahl(&g, 1.0).unwrap();
    assert_eq!(d1, vec![5.0, 5.0, 2.0]);
    // with α = 1 (lengths 1/w: 0-1 = 0.25, 1-2 = 1, 0-2 = 1) node 1 gains nothing either:
    // 0→2 via 1 costs 1.25 > 1
    let b = betweenness_centrality(
        &g,
        &BetweennessOptions {
            distance: Distance::Opsahl(1.0),
            ..Default::default()
        },
        &ctx,
    )
    .unwrap();
    assert_eq!(b, vec![0.0, 0.0, 0.0]);
    // with α = 2 (lengths w^-2: 0-1 = 1/16, 1-2 = 1, 0-2 = 1): 0→2 direct 1 < 1.0625 still
    // but α = 0.5 with a stronger 0-1 tie (w = 100: length 0.1) makes 1 a broker: 1.1 > 1 no;
    // use 1-2 strong as well (w = 100): 0→2 via 1 = 0.2 < 1
    let g2 = graph(3, &[(0, 1, 100.0), (1, 2, 100.0), (0, 2, 1.0)], false);
    let b = betweenness_centrality(
        &g2,
        &BetweennessOptions {
            distance: Distance::Opsahl(0.5),
            normalized: false,
            ..Default::default()
        },
        &ctx,
    )
    .unwrap();
    assert_eq!(b, vec![0.0, 1.0, 0.0]);
    assert!(matches!(
        Distance::from_options(Some("inverse"), Some(0.5)),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(wijknet::metrics::centrality::degree_centrality_opsahl(&g, -1.0).is_err());
}

/// Hop distances and shortest-path counts from every node (BFS), for the pivot oracle.
fn bfs_all(n: usize, edges: &[(u32, u32, f64)], directed: bool) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let mut adj = vec![Vec::new(); n];
    for &(a, b, _) in edges {
        adj[a as usize].push(b as usize);
        if !directed {
            adj[b as usize].push(a as usize);
        }
    }
    let mut dist = vec![vec![f64::INFINITY; n]; n];
    let mut sigma = vec![vec![0.0; n]; n];
    for s in 0..n {
        dist[s][s] = 0.0;
        sigma[s][s] = 1.0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            for &w in &adj[v] {
                if dist[s][w].is_infinite() {
                    dist[s][w] = dist[s][v] + 1.0;
                    queue.push_back(w);
                }
                if dist[s][w] == dist[s][v] + 1.0 {
                    sigma[s][w] += sigma[s][v];
                }
            }
        }
    }
    (dist, sigma)
}

#[test]
fn betweenness_from_given_sources_matches_pair_counting_and_networkx_rescale() {
    let n = 25;
    let edges = random_edges(n, 45, 21);
    let sources: [u32; 6] = [17, 3, 0, 22, 9, 11];
    for directed in [false, true] {
        let g = graph(n, &edges, directed);
        let (d, sigma) = bfs_all(n, &edges, directed);
        // ordered pairs (s, t) with s a pivot, summed per node on their shortest paths
        let mut raw = vec![0.0; n];
        for &s in &sources {
            let s = s as usize;
            for t in 0..n {
                if t == s || d[s][t].is_infinite() {
                    continue;
                }
                for (v, r) in raw.iter_mut().enumerate() {
                    if v != s && v != t && d[s][v] + d[v][t] == d[s][t] {
                        *r += sigma[s][v] * sigma[v][t] / sigma[s][t];
                    }
                }
            }
        }
        let k = sources.len() as f64;
        let nn = (n - 1) as f64; // endpoints excluded
        let corr = if directed { 1.0 } else { 2.0 };
        for normalized in [true, false] {
            let opts = BetweennessOptions {
                normalized,
                ..Default::default()
            };
            let got =
                betweenness_centrality_from_sources(&g, &sources, &opts, &Context::new()).unwrap();
            // networkx `_rescale` with sampled nodes: sources and the other nodes apart
            let (src, other) = if normalized {
                (1.0 / ((k - 1.0) * (nn - 1.0)), 1.0 / (k * (nn - 1.0)))
            } else {
                (nn / ((k - 1.0) * corr), nn / (k * corr))
            };
            let want: Vec<f64> = (0..n)
                .map(|v| {
                    raw[v]
                        * if sources.contains(&(v as u32)) {
                            src
                        } else {
                            other
                        }
                })
                .collect();
            close(&got, &want, 1e-12);
        }
    }
    // every node as a pivot is the exact betweenness
    let g = graph(n, &edges, false);
    let all: Vec<u32> = (0..n as u32).rev().collect();
    let exact =
        betweenness_centrality(&g, &BetweennessOptions::default(), &Context::new()).unwrap();
    let got = betweenness_centrality_from_sources(
        &g,
        &all,
        &BetweennessOptions::default(),
        &Context::new(),
    )
    .unwrap();
    close(&got, &exact, 1e-12);
}

#[test]
fn betweenness_from_sources_rejects_bad_sources() {
    let g = graph(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)], false);
    let opts = BetweennessOptions::default();
    for bad in [&[][..], &[4][..], &[1, 2, 1][..]] {
        let e = betweenness_centrality_from_sources(&g, bad, &opts, &Context::new()).unwrap_err();
        assert!(matches!(e, Error::InvalidArgument { .. }), "{bad:?}: {e}");
    }
}
