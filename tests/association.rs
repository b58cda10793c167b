//! Layer association: alignment by id, overlap and multiplexity on hand-computed examples and
//! against brute force on random graphs; QAP and MRQAP against dense brute-force computations
//! (the same permutations drawn from the context's streams), thread-count independence,
//! identical layers, and argument errors.
#![allow(clippy::needless_range_loop)] // dense oracles index matrices
mod common;

use common::graph_with_ids as graph;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wijknet::metrics::association::{align, layer_overlap, multiplexity, NodeSet};
use wijknet::stats::qap::{mrqap, qap, QapOptions};
use wijknet::{datasets, ids::Ids, Context, Error, Graph, Network, Projection, Weight};

/// A seeded random graph over ids 0..n: each pair (ordered if directed) tied with
/// probability `p`, weights 1..=3.
fn random(seed: u64, n: usize, p: f64, directed: bool) -> Graph {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut e = Vec::new();
    for i in 0..n as u32 {
        for j in 0..n as u32 {
            if i != j && (directed || i < j) && rng.random::<f64>() < p {
                e.push((i, j, rng.random_range(1..=3) as f64));
            }
        }
    }
    graph((0..n as i64).collect(), &e, directed)
}

/// The dense n × n matrix of a graph (0/1 when `weighted` is false).
fn dense(g: &Graph, weighted: bool) -> Vec<Vec<f64>> {
    let n = g.node_count();
    let mut m = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..n {
            if let Some(w) = g.weight(i, j) {
                m[i][j] = if weighted { w } else { 1.0 };
            }
        }
    }
    m
}

/// The cells of the dense matrices: upper triangle when `upper`, else all off-diagonal.
fn cells(m: &[Vec<f64>], upper: bool, perm: Option<&[usize]>) -> Vec<f64> {
    let n = m.len();
    let mut v = Vec::new();
    for i in 0..n {
        for j in 0..n {
            if i != j && (!upper || i < j) {
                v.push(match perm {
                    Some(p) => m[p[i]][p[j]],
                    None => m[i][j],
                });
            }
        }
    }
    v
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

/// The permutation the kernels draw for task `r` (Fisher–Yates on the context's stream r).
fn drawn(ctx: &Context, r: u64, n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    let mut rng = ctx.rng(r);
    for i in (1..n).rev() {
        let j = rng.random_range(0..=i);
        p.swap(i, j);
    }
    p
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

// ------------------------------------------------------------------------------- alignment

#[test]
fn alignment_by_id_intersection_and_union() {
    let a = graph(vec![1, 2, 3, 4], &[(0, 1, 1.0), (2, 3, 2.0)], false);
    let b = graph(vec![4, 3, 9], &[(0, 1, 5.0), (1, 2, 1.0)], true);
    let al = align(&[&a, &b], NodeSet::Intersection).unwrap();
    assert_eq!(al.alignment.ids, Ids::Int(vec![3, 4]));
    assert_eq!(al.alignment.left_out, vec![2, 1]);
    assert_eq!(al.alignment.added, vec![0, 0]);
    assert!(!al.alignment.shared);
    assert_eq!(al.graphs[0].weight(0, 1), Some(2.0)); // a's 3–4
    assert_eq!(al.graphs[1].weight(1, 0), Some(5.0)); // b's 4→3
    assert_eq!(al.graphs[1].weight(0, 1), None);
    assert!(al.graphs[1].is_directed());

    let al = align(&[&a, &b], NodeSet::Union).unwrap();
    assert_eq!(al.alignment.ids, Ids::Int(vec![1, 2, 3, 4, 9]));
    assert_eq!(al.alignment.left_out, vec![0, 0]);
    assert_eq!(al.alignment.added, vec![1, 2]);
    assert_eq!(al.graphs[0].edge_count(), 2);
    assert_eq!(al.graphs[1].weight(2, 4), Some(1.0)); // b's 3→9
    assert_eq!(al.graphs[1].neighbors_of(0), &[] as &[u32]); // 1 is an isolate in b
}

#[test]
fn alignment_of_one_network_is_shared() {
    let net = Network::new(datasets::davis_southern_women());
    let ctx = Context::new();
    let g1 = net
        .project(&Projection::weight(Weight::Count), &ctx)
        .unwrap();
    let g2 = net
        .project(&Projection::weight(Weight::Newman), &ctx)
        .unwrap();
    let al = align(&[&g1, &g2], NodeSet::Intersection).unwrap();
    assert!(al.alignment.shared);
    assert_eq!(al.alignment.node_count(), 18);
    assert_eq!(al.graphs[1].out_csr(), g2.out_csr());
}

#[test]
fn alignment_errors() {
    let a = graph(vec![1, 2], &[(0, 1, 1.0)], false);
    let b = graph(vec![3, 4], &[(0, 1, 1.0)], false);
    let s = Graph::from_edges(
        Ids::Str(vec!["x".into(), "y".into()]),
        &[(0, 1, 1.0)],
        false,
    )
    .unwrap();
    let e = align(&[&a, &b], NodeSet::Intersection).unwrap_err();
    assert!(matches!(e, Error::InvalidArgument { .. }));
    assert!(e.to_string().contains("no node ids in common"), "{e}");
    assert!(align(&[&a, &b], NodeSet::Union).is_ok());
    assert!(align(&[&a, &s], NodeSet::Union)
        .unwrap_err()
        .to_string()
        .contains("mix string and integer"));
    assert!(NodeSet::from_name("all")
        .unwrap_err()
        .to_string()
        .contains("intersection"));
    assert!(align(&[], NodeSet::Union).is_err());
}

// ---------------------------------------------------------------------------------- overlap

#[test]
fn overlap_hand_computed() {
    // met: 0–1, 1–2, 2–3 (undirected); help: 0→1, 1→0, 3→0 (directed)
    let met = graph(
        vec![0, 1, 2, 3],
        &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)],
        false,
    );
    let help = graph(
        vec![0, 1, 2, 3],
        &[(0, 1, 1.0), (1, 0, 2.0), (3, 0, 1.0)],
        true,
    );
    let o = layer_overlap(&met, &help, NodeSet::Intersection).unwrap();
    // undirected: met {01, 12, 23}, help {01, 03}: both {01}
    assert_eq!((o.undirected.ties, o.undirected.both), ([3, 2], 1));
    assert_eq!(o.undirected.jaccard(), 0.25);
    assert_eq!(o.undirected.second_given_first(), 1.0 / 3.0);
    assert_eq!(o.undirected.first_given_second(), 0.5);
    // directed: met 6 arcs, help 3 arcs, both {0→1, 1→0}
    let d = o.directed.unwrap();
    assert_eq!((d.ties, d.both), ([6, 3], 2));
    assert_eq!(d.jaccard(), 2.0 / 7.0);
    // both undirected: no directed reading; empty layers give NaN
    let empty = graph(vec![0, 1, 2, 3], &[], false);
    let o = layer_overlap(&met, &empty, NodeSet::Intersection).unwrap();
    assert!(o.directed.is_none());
    assert_eq!(o.undirected.jaccard(), 0.0);
    assert!(o.undirected.first_given_second().is_nan());
}

/// Brute force over node pairs by id, for graphs with different node sets.
#[test]
fn overlap_and_multiplexity_match_brute_force() {
    for seed in 0..6u64 {
        let directed = seed % 2 == 1;
        let g1 = random(seed, 25, 0.2, false);
        // g2 over ids 5..35 (a shifted copy of a random graph): 20 ids in common
        let r = random(seed + 100, 30, 0.15, directed);
        let (s, t, w) = r.edges();
        let e: Vec<_> = s
            .iter()
            .zip(&t)
            .zip(&w)
            .map(|((&a, &b), &c)| (a, b, c))
            .collect();
        let g2 = graph((5..35).collect(), &e, directed);
        let tie = |g: &Graph, off: i64, a: i64, b: i64| -> bool {
            let n = g.node_count() as i64;
            let (i, j) = (a - off, b - off);
            (0..n).contains(&i) && (0..n).contains(&j) && g.weight(i as usize, j as usize).is_some()
        };
        for nodes in [NodeSet::Intersection, NodeSet::Union] {
            let ids: Vec<i64> = match nodes {
                NodeSet::Intersection => (5..25).collect(),
                NodeSet::Union => (0..35).collect(),
            };
            let (mut t1, mut t2, mut both, mut d1, mut d2, mut dboth) = (0, 0, 0, 0, 0, 0);
            let mut alters = vec![0u32; ids.len()];
            let mut multi = vec![0u32; ids.len()];
            for (x, &a) in ids.iter().enumerate() {
                for (y, &b) in ids.iter().enumerate() {
                    if a == b {
                        continue;
                    }
                    let u1 = tie(&g1, 0, a, b) || tie(&g1, 0, b, a);
                    let u2 = tie(&g2, 5, a, b) || tie(&g2, 5, b, a);
                    if x < y {
                        t1 += u1 as u64;
                        t2 += u2 as u64;
                        both += (u1 && u2) as u64;
                    }
                    let (a1, a2) = (tie(&g1, 0, a, b), tie(&g2, 5, a, b));
                    d1 += a1 as u64;
                    d2 += a2 as u64;
                    dboth += (a1 && a2) as u64;
                    alters[x] += (u1 || u2) as u32;
                    multi[x] += (u1 && u2) as u32;
                }
            }
            let o = layer_overlap(&g1, &g2, nodes).unwrap();
            assert_eq!(o.alignment.ids, Ids::Int(ids.clone()));
            assert_eq!((o.undirected.ties, o.undirected.both), ([t1, t2], both));
            if directed {
                let d = o.directed.unwrap();
                assert_eq!((d.ties, d.both), ([d1, d2], dboth));
            }
            let m = multiplexity(&[&g1, &g2], nodes).unwrap();
            assert_eq!((m.tied_pairs, m.multiplex_pairs), (t1 + t2 - both, both));
            assert_eq!(m.alters, alters);
            assert_eq!(m.multiplex_alters, multi);
            let total: u64 = m.combinations.iter().map(|c| c.1).sum();
            assert_eq!(total, m.tied_pairs);
        }
    }
}

#[test]
fn multiplexity_three_layers_hand_computed() {
    let ids = || vec![0, 1, 2, 3];
    let a = graph(ids(), &[(0, 1, 1.0), (1, 2, 1.0)], false);
    let b = graph(ids(), &[(1, 0, 1.0), (2, 3, 1.0)], true);
    let c = graph(ids(), &[(0, 1, 1.0), (1, 2, 1.0)], false);
    let m = multiplexity(&[&a, &b, &c], NodeSet::Intersection).unwrap();
    // pairs: 01 in a, b, c; 12 in a, c; 23 in b
    assert_eq!(m.combinations, vec![(0b010, 1), (0b101, 1), (0b111, 1)]);
    assert_eq!((m.tied_pairs, m.multiplex_pairs), (3, 2));
    assert_eq!(m.share(), 2.0 / 3.0);
    assert_eq!(m.alters, vec![1, 2, 2, 1]);
    assert_eq!(m.ego_share(), vec![1.0, 1.0, 0.5, 0.0]);
    // a node without alters is kept with NaN
    let e = graph(vec![0, 1, 2, 3, 4], &[(0, 1, 1.0)], false);
    let m = multiplexity(&[&e, &e], NodeSet::Intersection).unwrap();
    assert!(m.ego_share()[4].is_nan());
    assert_eq!(m.alters[4], 0);
    let e = multiplexity(&[&a], NodeSet::Intersection).unwrap_err();
    assert!(e.to_string().contains("2 to 64 layers"), "{e}");
}

// -------------------------------------------------------------------------------------- QAP

#[test]
fn qap_matches_dense_brute_force() {
    // (g1 directed?, g2 directed?, weighted); density mixes so every visiting plan is used
    let cases = [
        (false, false, true, 0.3, 0.3),
        (false, false, false, 0.5, 0.05),
        (true, false, true, 0.05, 0.5),
        (true, true, true, 0.2, 0.2),
    ];
    for (k, &(d1, d2, weighted, p1, p2)) in cases.iter().enumerate() {
        let n = 30;
        let g1 = random(k as u64, n, p1, d1);
        let g2 = random(k as u64 + 50, n, p2, d2);
        let upper = !d1 && !d2;
        let (m1, m2) = (dense(&g1, weighted), dense(&g2, weighted));
        let x = cells(&m1, upper, None);
        let opts = QapOptions {
            permutations: 40,
            weighted,
            ..Default::default()
        };
        let ctx = Context::new().with_seed(11);
        let q = qap(&g1, &g2, &opts, &ctx).unwrap();
        assert_eq!(q.cells as usize, x.len());
        let obs = pearson(&x, &cells(&m2, upper, None));
        assert!(
            close(q.observed, obs, 1e-12),
            "case {k}: {} vs {obs}",
            q.observed
        );
        for r in 0..40 {
            let perm = drawn(&ctx, r, n);
            let want = pearson(&x, &cells(&m2, upper, Some(&perm)));
            assert!(
                close(q.null[r as usize], want, 1e-12),
                "case {k}, permutation {r}"
            );
        }
        let ge = q.null.iter().filter(|&&v| v >= q.observed).count();
        assert_eq!(q.p.greater, (ge + 1) as f64 / 41.0);
    }
}

#[test]
fn qap_identical_layers_and_threads() {
    let g = random(7, 60, 0.1, false);
    let opts = QapOptions {
        permutations: 199,
        ..Default::default()
    };
    let one = qap(&g, &g, &opts, &Context::new().with_seed(5).with_threads(1)).unwrap();
    let two = qap(&g, &g, &opts, &Context::new().with_seed(5).with_threads(2)).unwrap();
    assert!((one.observed - 1.0).abs() < 1e-12);
    assert_eq!(one.p.greater, 1.0 / 200.0);
    assert_eq!(one.p.less, 1.0);
    assert_eq!(one.p.two_sided, 2.0 / 200.0); // twice the smaller one-sided p-value
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&one.null), bits(&two.null));
    assert_eq!(one.p, two.p);
    let other = qap(&g, &g, &opts, &Context::new().with_seed(6)).unwrap();
    assert_ne!(bits(&one.null), bits(&other.null));
}

#[test]
fn qap_errors() {
    let g = random(1, 10, 0.3, false);
    let empty = graph((0..10).collect(), &[], false);
    let zero = QapOptions {
        permutations: 0,
        ..Default::default()
    };
    let ctx = Context::new();
    assert!(qap(&g, &g, &zero, &ctx)
        .unwrap_err()
        .to_string()
        .contains("at least 1"));
    let e = qap(&g, &empty, &QapOptions::default(), &ctx).unwrap_err();
    assert!(
        matches!(e, Error::InvalidArgument { .. }) && e.to_string().contains("g2"),
        "{e}"
    );
    let far = graph(vec![100, 101], &[(0, 1, 1.0)], false);
    assert!(qap(&g, &far, &QapOptions::default(), &ctx).is_err());
    let cancelled = Context::new();
    cancelled.cancel();
    assert!(matches!(
        qap(&g, &g, &QapOptions::default(), &cancelled),
        Err(Error::Cancelled)
    ));
}

// ------------------------------------------------------------------------------------ MRQAP

/// OLS by the dense normal equations (with intercept): (coefficients, t).
fn dense_ols(y: &[f64], xs: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    let n = y.len();
    let p = xs.len() + 1;
    let col = |k: usize, i: usize| if k == 0 { 1.0 } else { xs[k - 1][i] };
    let mut a = vec![vec![0.0; 2 * p]; p];
    let mut rhs = vec![0.0; p];
    for r in 0..p {
        for c in 0..p {
            a[r][c] = (0..n).map(|i| col(r, i) * col(c, i)).sum();
        }
        a[r][p + r] = 1.0;
        rhs[r] = (0..n).map(|i| col(r, i) * y[i]).sum();
    }
    for k in 0..p {
        let piv = a[k][k];
        for c in 0..2 * p {
            a[k][c] /= piv;
        }
        for r in 0..p {
            if r != k {
                let f = a[r][k];
                for c in 0..2 * p {
                    a[r][c] -= f * a[k][c];
                }
            }
        }
    }
    let b: Vec<f64> = (0..p)
        .map(|r| (0..p).map(|c| a[r][p + c] * rhs[c]).sum())
        .collect();
    let rss: f64 = (0..n)
        .map(|i| {
            let f: f64 = (0..p).map(|k| b[k] * col(k, i)).sum();
            (y[i] - f) * (y[i] - f)
        })
        .sum();
    let s2 = rss / (n - p) as f64;
    let t = (0..p).map(|k| b[k] / (s2 * a[k][p + k]).sqrt()).collect();
    (b, t)
}

#[test]
fn mrqap_matches_dense_brute_force() {
    for (k, directed) in [false, true].into_iter().enumerate() {
        let n = 25;
        let y = random(k as u64 + 1, n, 0.2, directed);
        let x1 = random(k as u64 + 2, n, 0.3, false);
        let x2 = random(k as u64 + 3, n, 0.1, directed);
        let upper = !directed;
        let (my, m1, m2) = (dense(&y, true), dense(&x1, true), dense(&x2, true));
        let (cy, c1, c2) = (
            cells(&my, upper, None),
            cells(&m1, upper, None),
            cells(&m2, upper, None),
        );
        let opts = QapOptions {
            permutations: 30,
            ..Default::default()
        };
        let ctx = Context::new().with_seed(3);
        let m = mrqap(&y, &[&x1, &x2], &opts, &ctx).unwrap();
        let (b, t) = dense_ols(&cy, &[c1.clone(), c2.clone()]);
        for j in 0..3 {
            assert!(close(m.coefficients[j], b[j], 1e-10), "coef {j}");
            assert!(close(m.t[j], t[j], 1e-10), "t {j}");
        }
        // DSP null for predictor 1: residualise x1 on x2, permute, refit y on (e^π, x2)
        let (bb, _) = dense_ols(&c1, std::slice::from_ref(&c2));
        let mut e1 = m1.clone();
        for i in 0..n {
            for j in 0..n {
                e1[i][j] = m1[i][j] - bb[0] - bb[1] * m2[i][j];
            }
        }
        for r in 0..30 {
            let perm = drawn(&ctx, r, n);
            let (_, t) = dense_ols(&cy, &[cells(&e1, upper, Some(&perm)), c2.clone()]);
            assert!(
                close(m.null_t[[r as usize, 0]], t[1], 1e-9),
                "permutation {r}"
            );
        }
        let one = mrqap(
            &y,
            &[&x1, &x2],
            &opts,
            &Context::new().with_seed(3).with_threads(1),
        )
        .unwrap();
        let two = mrqap(
            &y,
            &[&x1, &x2],
            &opts,
            &Context::new().with_seed(3).with_threads(2),
        )
        .unwrap();
        assert_eq!(one, two);
    }
}

#[test]
fn mrqap_one_predictor_is_qap() {
    // with one predictor t is monotone in r and DSP permutes the predictor: same p-values
    let y = random(21, 40, 0.15, true);
    let x = random(22, 40, 0.2, false);
    let opts = QapOptions {
        permutations: 99,
        ..Default::default()
    };
    let ctx = Context::new().with_seed(9);
    let q = qap(&y, &x, &opts, &ctx).unwrap();
    let m = mrqap(&y, &[&x], &opts, &ctx).unwrap();
    assert_eq!(q.p, m.p[0]);
}

#[test]
fn mrqap_errors() {
    let y = random(1, 12, 0.3, false);
    let x = random(2, 12, 0.3, false);
    let ctx = Context::new();
    let o = QapOptions::default();
    assert!(mrqap(&y, &[], &o, &ctx).is_err());
    let e = mrqap(&y, &[&x, &x], &o, &ctx).unwrap_err();
    assert!(e.to_string().contains("predictor 2"), "{e}");
    let empty = graph((0..12).collect(), &[], false);
    assert!(mrqap(&y, &[&x, &empty], &o, &ctx)
        .unwrap_err()
        .to_string()
        .contains("predictor 2"));
    assert!(mrqap(&empty, &[&x], &o, &ctx).is_err());
}

#[test]
fn people_not_asked_are_left_out_of_the_alignment() {
    use fixedbitset::FixedBitSet;
    let ids = Ids::Int(vec![1, 2, 3, 4]);
    let survey = Graph::from_edges(ids.clone(), &[(0, 1, 1.0), (2, 3, 1.0)], true).unwrap();
    let mut asked = FixedBitSet::with_capacity(4);
    asked.insert_range(0..3); // 4 was not asked
    let survey = survey.with_respondents(Some(asked)).unwrap();
    let met = Graph::from_edges(ids, &[(0, 1, 1.0), (0, 3, 1.0)], false).unwrap();
    for mode in [NodeSet::Intersection, NodeSet::Union] {
        let al = align(&[&survey, &met], mode).unwrap();
        assert_eq!(al.alignment.ids, Ids::Int(vec![1, 2, 3]));
        assert_eq!(al.alignment.left_out, vec![1, 1]);
    }
}
