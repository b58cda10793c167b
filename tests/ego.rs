//! Ego networks and support: hand-computed small graphs (a star, a triangle with a pendant, a
//! weighted and a directed example, hierarchy, IQV and a directed brokerage example with all
//! five roles), brute-force oracles of networkx's definitions on random graphs, thread-count
//! independence and argument errors.
#![allow(clippy::needless_range_loop)] // oracles index several tables by node
mod common;

use common::{assert_close, bits, close, graph, random_edges};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wijknet::metrics::ego::{
    brokerage, composition, constraint, degree_centralisation, effective_size, ego_measures,
    hierarchy, reciprocity, share_nobody_to_ask, size, strong_ties, support_sources,
    BrokerageCounts, DegreeMode, EgoOptions, Reciprocity,
};
use wijknet::{datasets, Context, Error, Graph, Network, Projection, Weight};

fn unweighted() -> EgoOptions {
    EgoOptions::default()
}

fn weighted() -> EgoOptions {
    EgoOptions {
        weighted: true,
        strong: None,
    }
}

/// Burt's hierarchy from the local constraints of the contacts.
fn hier(local: &[f64]) -> f64 {
    let n = local.len() as f64;
    if local.len() == 1 {
        return 1.0;
    }
    let mean = local.iter().sum::<f64>() / n;
    local
        .iter()
        .map(|c| (c / mean) * (c / mean).ln())
        .sum::<f64>()
        / (n * n.ln())
}

// ------------------------------------------------------------------------- hand-computed

#[test]
fn star() {
    // 0 in the centre of 1..=4, and an isolated node 5
    let g = graph(
        6,
        &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)],
        false,
    );
    let e = ego_measures(&g, &unweighted(), &Context::new()).unwrap();
    assert_eq!(e.size, vec![4, 1, 1, 1, 1, 0]);
    assert_eq!(e.alter_ties, vec![0; 6]);
    let nan = f64::NAN;
    assert_close(&e.density, &[0.0, nan, nan, nan, nan, nan]);
    assert_close(&e.effective_size, &[4.0, 1.0, 1.0, 1.0, 1.0, nan]);
    assert_close(&e.efficiency, &[1.0, 1.0, 1.0, 1.0, 1.0, nan]);
    assert_close(&e.redundancy, &[0.0, 0.0, 0.0, 0.0, 0.0, nan]);
    // centre: 4 contacts of p = 1/4 who do not know each other; leaves: one contact
    assert_close(&e.constraint, &[0.25, 1.0, 1.0, 1.0, 1.0, nan]);
    assert_close(&e.hierarchy, &[0.0, 1.0, 1.0, 1.0, 1.0, nan]);
    assert_eq!(e.support_sources, [4, 1, 1, 1, 1, 0].map(Some).to_vec());
    assert!(e.strong_ties.is_none());
}

#[test]
fn triangle_with_pendant() {
    // triangle 0-1-2, pendant 3 on 2
    let g = graph(
        4,
        &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)],
        false,
    );
    let e = ego_measures(&g, &unweighted(), &Context::new()).unwrap();
    assert_eq!(e.size, vec![2, 2, 3, 1]);
    assert_eq!(e.alter_ties, vec![1, 1, 1, 0]);
    assert_close(&e.density, &[1.0, 1.0, 1.0 / 3.0, f64::NAN]);
    // Borgatti: n − 2t/n
    assert_close(&e.effective_size, &[1.0, 1.0, 3.0 - 2.0 / 3.0, 1.0]);
    assert_close(&e.redundancy, &[1.0, 1.0, 2.0 / 3.0, 0.0]);
    assert_close(&e.efficiency, &[0.5, 0.5, 7.0 / 9.0, 1.0]);
    // node 0: p = 1/2 to 1 and 2; c_01 = (1/2 + p_02 p_21)² = (1/2 + 1/2·1/3)² = (2/3)²,
    // c_02 = (1/2 + p_01 p_12)² = (1/2 + 1/2·1/2)² = (3/4)²
    let c0 = [4.0 / 9.0, 9.0 / 16.0];
    // node 2: p = 1/3 to 0, 1, 3; c_20 = c_21 = (1/3 + 1/3·1/2)² = 1/4, c_23 = 1/9
    let c2 = [0.25, 0.25, 1.0 / 9.0];
    let total = |c: &[f64]| c.iter().sum::<f64>();
    assert_close(&e.constraint, &[total(&c0), total(&c0), total(&c2), 1.0]);
    assert!(close(e.constraint[0], 145.0 / 144.0));
    assert!(close(e.constraint[2], 11.0 / 18.0));
    // hierarchy by hand: node 0: mean 145/288, ratios 128/145 and 162/145
    let h0 = ((128.0f64 / 145.0) * (128.0f64 / 145.0).ln()
        + (162.0f64 / 145.0) * (162.0f64 / 145.0).ln())
        / (2.0 * 2f64.ln());
    assert!(close(h0, hier(&c0)));
    assert_close(&e.hierarchy, &[h0, h0, hier(&c2), 1.0]);
    assert!((e.hierarchy[0] - 0.009938152975786922).abs() < 1e-15);
    assert!((e.hierarchy[2] - 0.05220454544675263).abs() < 1e-15);
}

#[test]
fn weighted_by_hand() {
    // a-b 1, b-c 2, a-c 3, c-d 1 (a=0, b=1, c=2, d=3)
    let g = graph(
        4,
        &[(0, 1, 1.0), (1, 2, 2.0), (0, 2, 3.0), (2, 3, 1.0)],
        false,
    );
    let e = ego_measures(&g, &weighted(), &Context::new()).unwrap();
    // a: p_ab = 1/4, p_ac = 3/4; s_b = 3, s_c = 6; p_bc = 2/3, p_cb = 1/3
    // c_ab = (1/4 + 3/4·1/3)² = 1/4; c_ac = (3/4 + 1/4·2/3)² = (11/12)²
    assert!(close(e.constraint[0], 0.25 + 121.0 / 144.0));
    // effective size of a: m_bc = 2/max_b = 1, m_cb = 2/max_c = 2/3:
    // (1 − p_ac m_bc) + (1 − p_ab m_cb) = 1/4 + 5/6
    assert!(close(e.effective_size[0], 13.0 / 12.0));
    assert!(close(e.redundancy[0], 2.0 - 13.0 / 12.0));
    // d has one contact
    assert_eq!(
        (e.constraint[3], e.effective_size[3], e.hierarchy[3]),
        (1.0, 1.0, 1.0)
    );
    // strong ties (weight ≥ 2)
    let s = strong_ties(&g, 2.0, &Context::new()).unwrap();
    assert_eq!(s, vec![1, 1, 2, 0]);
}

#[test]
fn directed_uses_mutual_weights() {
    // 0 ⇄ 1, 0 → 2: m_01 = 2, m_02 = 1 (unweighted), no tie between 1 and 2
    let g = graph(3, &[(0, 1, 1.0), (1, 0, 1.0), (0, 2, 1.0)], true);
    let e = ego_measures(&g, &unweighted(), &Context::new()).unwrap();
    assert_eq!(e.size, vec![2, 1, 1]);
    assert!(close(e.constraint[0], 4.0 / 9.0 + 1.0 / 9.0));
    assert!(close(e.effective_size[0], 2.0));
    assert_eq!(e.support_sources, [2, 1, 0].map(Some).to_vec());
    assert_eq!(size(&g), vec![2, 1, 1]);
    assert_eq!(support_sources(&g), [2, 1, 0].map(Some).to_vec());
    // weighted: 0 → 1 has weight 3, 1 → 0 weight 1: m_01 = 4
    let g = graph(3, &[(0, 1, 3.0), (1, 0, 1.0), (0, 2, 1.0)], true);
    let c = constraint(&g, true, &Context::new()).unwrap();
    assert!(close(c[0], 0.64 + 0.04));
    assert_eq!(
        strong_ties(&g, 4.0, &Context::new()).unwrap(),
        vec![1, 1, 0]
    );
}

#[test]
fn zero_weight_ties_are_no_contacts_when_weighted() {
    // 0-1 weight 0, 0-2 weight 1; node 1's only tie has weight 0
    let g = graph(3, &[(0, 1, 0.0), (0, 2, 1.0)], false);
    let e = ego_measures(&g, &weighted(), &Context::new()).unwrap();
    assert_eq!(e.size, vec![2, 1, 1]);
    assert_eq!(e.constraint[0], 1.0); // only the tie to 2 counts (p_01 = 0)
    assert!(e.constraint[1].is_nan() && e.effective_size[1].is_nan());
    // unweighted, every tie counts
    let c = constraint(&g, false, &Context::new()).unwrap();
    assert_eq!(c[0], 0.5);
}

#[test]
fn composition_blau_iqv_ei_by_hand() {
    // ego 0 with alters 1, 2 (group 0), 3 (group 1), 4 (group 2), 5 (missing); K = 3
    let g = graph(
        6,
        &[
            (0, 1, 1.0),
            (0, 2, 1.0),
            (0, 3, 1.0),
            (0, 4, 1.0),
            (0, 5, 1.0),
        ],
        false,
    );
    let c = composition(&g, &[0, 0, 0, 1, 2, -1], 3, &Context::new()).unwrap();
    assert_eq!(c.counts.row(0).to_vec(), [2, 1, 1]);
    assert_eq!(c.missing, vec![1, 0, 0, 0, 0, 0]);
    // Σ p² = (4 + 1 + 1)/16 → Blau 10/16; IQV = Blau / (1 − 1/3) = 15/16
    assert_eq!(c.blau[0], 0.625);
    assert_eq!(c.iqv[0], 0.9375);
    // ego in group 0: I = 2, E = 2
    assert_eq!(c.ei_index[0], 0.0);
    // alters 1..4 have ego 0 (group 0) as only alter
    assert_eq!(c.blau[1], 0.0);
    assert_eq!(c.ei_index[1], -1.0);
    assert_eq!(c.ei_index[3], 1.0);
    // 5 has no value: its E-I is undefined, its one alter is known
    assert!(c.ei_index[5].is_nan());
    assert_eq!(c.blau[5], 0.0);
    // one category: no IQV
    let one = composition(&g, &[0; 6], 1, &Context::new()).unwrap();
    assert!(one.iqv.iter().all(|x| x.is_nan()));
    assert!(one.blau.iter().all(|&x| x == 0.0));
}

#[test]
fn brokerage_all_five_roles_by_hand() {
    // groups: A = {b=0, a1=1, c1=2}, B = {x=3, y=4}, C = {z=5}; w=6 has no group
    let (b, a1, c1, x, y, z, w) = (0u32, 1, 2, 3, 4, 5, 6);
    let groups = [0, 0, 0, 1, 1, 2, -1];
    let e = |s, t| (s, t, 1.0);
    let g = graph(
        7,
        &[
            e(a1, b),
            e(x, b),
            e(w, b),
            e(b, c1),
            e(b, x),
            e(b, y),
            e(b, z),
            e(a1, y), // a1 reaches y directly: b does not broker a1 → y
        ],
        true,
    );
    let r = brokerage(&g, &groups, &Context::new()).unwrap();
    // via b: a1 → {c1: coordinator, x: representative, z: representative} (y excluded)
    //        x  → {c1: gatekeeper, y: itinerant, z: liaison} (x → b → x is no two-path)
    //        w  → {c1, x, y, z}: w has no group, unclassified
    assert_eq!(
        r[b as usize],
        BrokerageCounts {
            coordinator: 1,
            gatekeeper: 1,
            representative: 2,
            itinerant: 1,
            liaison: 1,
            unclassified: 4,
        }
    );
    // x brokers b → x → b? no (a = c); a1 → y: a1 is a source only
    for v in [a1, c1, x, y, z, w] {
        assert_eq!(r[v as usize], BrokerageCounts::default(), "node {v}");
    }
}

#[test]
fn reciprocity_and_centralisation_by_hand() {
    // 0 ⇄ 1, 1 → 2, 2 → 3: M = 1, A = 2
    let g = graph(
        4,
        &[(0, 1, 1.0), (1, 0, 1.0), (1, 2, 1.0), (2, 3, 1.0)],
        true,
    );
    assert_eq!(reciprocity(&g, Reciprocity::Edges).unwrap(), 0.5);
    assert_eq!(reciprocity(&g, Reciprocity::Ratio).unwrap(), 1.0 / 3.0);
    let empty = graph(3, &[], true);
    assert!(reciprocity(&empty, Reciprocity::Edges).unwrap().is_nan());
    // undirected path of 4: degrees 1 2 2 1, Σ(2 − d) = 2 over 3·2
    let path = graph(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)], false);
    assert_eq!(degree_centralisation(&path, DegreeMode::All), 1.0 / 3.0);
    // directed out-star 0 → 1, 2, 3
    let star = graph(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)], true);
    assert_eq!(degree_centralisation(&star, DegreeMode::Out), 1.0);
    assert_eq!(degree_centralisation(&star, DegreeMode::In), 1.0 / 9.0);
    assert_eq!(degree_centralisation(&star, DegreeMode::All), 0.5);
    assert!(degree_centralisation(&graph(2, &[(0, 1, 1.0)], false), DegreeMode::All).is_nan());
    // nobody to ask: 3 has no out-tie; among {0, 3}: 1/2
    assert_eq!(share_nobody_to_ask(&g, None).unwrap(), 0.25);
    assert_eq!(share_nobody_to_ask(&g, Some(&[0, 3])).unwrap(), 0.5);
    assert!(share_nobody_to_ask(&g, Some(&[])).unwrap().is_nan());
}

// ------------------------------------------------------------------------- brute force

/// Mutual weight matrix of `g` (a = weight or 1), dense.
fn mutual(g: &Graph, weighted: bool) -> Vec<Vec<f64>> {
    let n = g.node_count();
    let mut m = vec![vec![0.0; n]; n];
    let (s, t, w) = g.edges();
    for k in 0..s.len() {
        let x = if weighted { w[k] } else { 1.0 };
        let (a, b) = (s[k] as usize, t[k] as usize);
        m[a][b] += x;
        m[b][a] += x;
    }
    m
}

/// networkx's per-node definitions (`local_constraint`, `effective_size` with `nodes=`),
/// written out over dense matrices: (constraint, effective size, hierarchy).
fn brute(g: &Graph, weighted: bool) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let n = g.node_count();
    let adj = {
        let mut a = vec![vec![false; n]; n];
        let (s, t, _) = g.edges();
        for k in 0..s.len() {
            a[s[k] as usize][t[k] as usize] = true;
            a[t[k] as usize][s[k] as usize] = true;
        }
        a
    };
    let m = mutual(g, weighted);
    let nbrs: Vec<Vec<usize>> = (0..n)
        .map(|i| (0..n).filter(|&j| adj[i][j]).collect())
        .collect();
    let p = |i: usize, j: usize| {
        let s: f64 = nbrs[i].iter().map(|&k| m[i][k]).sum();
        if s == 0.0 {
            0.0
        } else {
            m[i][j] / s
        }
    };
    let mx = |i: usize, j: usize| {
        let s = nbrs[i].iter().map(|&k| m[i][k]).fold(0.0, f64::max);
        if s == 0.0 {
            0.0
        } else {
            m[i][j] / s
        }
    };
    let (mut con, mut eff, mut hi) = (vec![f64::NAN; n], vec![f64::NAN; n], vec![f64::NAN; n]);
    for i in 0..n {
        if nbrs[i].is_empty() {
            continue;
        }
        let contacts: Vec<usize> = nbrs[i].iter().copied().filter(|&j| p(i, j) > 0.0).collect();
        if contacts.is_empty() {
            continue;
        }
        let local: Vec<f64> = contacts
            .iter()
            .map(|&j| {
                let ind: f64 = nbrs[i].iter().map(|&q| p(i, q) * p(q, j)).sum();
                (p(i, j) + ind).powi(2)
            })
            .collect();
        con[i] = local.iter().sum();
        hi[i] = hier(&local);
        eff[i] = if !weighted && !g.is_directed() {
            let k = nbrs[i].len() as f64;
            let mut t = 0.0;
            for &a in &nbrs[i] {
                for &b in &nbrs[i] {
                    t += adj[a][b] as u8 as f64;
                }
            }
            k - t / k
        } else {
            contacts
                .iter()
                .map(|&j| 1.0 - nbrs[i].iter().map(|&q| p(i, q) * mx(j, q)).sum::<f64>())
                .sum()
        };
    }
    (con, eff, hi)
}

/// A projection-like graph: residents join 1–2 "activities" (cliques), weight = shared
/// activities; many twins, some isolates.
fn cliquey(n: usize, acts: usize, seed: u64) -> Graph {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); acts];
    for v in 0..(n - 3) as u32 {
        members[rng.random_range(0..acts)].push(v);
        if rng.random::<f64>() < 0.3 {
            members[rng.random_range(0..acts)].push(v);
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
    let e: Vec<(u32, u32, f64)> = w.into_iter().map(|((a, b), x)| (a, b, x)).collect();
    graph(n, &e, false)
}

#[test]
fn structural_holes_match_brute_force() {
    let mut graphs = Vec::new();
    for seed in 0..5 {
        graphs.push(graph(30, &random_edges(30, 0.15, seed, false, 1..6), false));
        graphs.push(graph(
            30,
            &random_edges(30, 0.1, seed + 100, true, 1..6),
            true,
        ));
        graphs.push(cliquey(40, 6, seed));
    }
    for g in &graphs {
        for w in [false, true] {
            let o = EgoOptions {
                weighted: w,
                strong: None,
            };
            let e = ego_measures(g, &o, &Context::new()).unwrap();
            let (c, eff, h) = brute(g, w);
            assert_close(&e.constraint, &c);
            assert_close(&e.effective_size, &eff);
            assert_close(&e.hierarchy, &h);
            let ctx = Context::new();
            assert_eq!(bits(&constraint(g, w, &ctx).unwrap()), bits(&e.constraint));
            assert_eq!(
                bits(&effective_size(g, w, &ctx).unwrap()),
                bits(&e.effective_size)
            );
            assert_eq!(bits(&hierarchy(g, w, &ctx).unwrap()), bits(&e.hierarchy));
        }
    }
}

fn brute_brokerage(g: &Graph, groups: &[i32]) -> Vec<BrokerageCounts> {
    let n = g.node_count();
    let has = |a: usize, b: usize| g.weight(a, b).is_some();
    let mut out = vec![BrokerageCounts::default(); n];
    for b in 0..n {
        for a in 0..n {
            for c in 0..n {
                if a == b || b == c || a == c || !has(a, b) || !has(b, c) || has(a, c) {
                    continue;
                }
                let (ga, gb, gc) = (groups[a], groups[b], groups[c]);
                let r = &mut out[b];
                if ga < 0 || gb < 0 || gc < 0 {
                    r.unclassified += 1;
                } else if ga == gb && gb == gc {
                    r.coordinator += 1;
                } else if ga == gb {
                    r.representative += 1;
                } else if gb == gc {
                    r.gatekeeper += 1;
                } else if ga == gc {
                    r.itinerant += 1;
                } else {
                    r.liaison += 1;
                }
            }
        }
    }
    out
}

#[test]
fn brokerage_matches_brute_force() {
    for seed in 0..8 {
        let n = 25;
        let g = graph(n, &random_edges(n, 0.2, seed, true, 1..6), true);
        let mut rng = ChaCha8Rng::seed_from_u64(seed + 7);
        let groups: Vec<i32> = (0..n).map(|_| rng.random_range(-1..3)).collect();
        let got = brokerage(&g, &groups, &Context::new()).unwrap();
        assert_eq!(got, brute_brokerage(&g, &groups), "seed {seed}");
    }
}

#[test]
fn composition_matches_brute_force() {
    let g = graph(30, &random_edges(30, 0.1, 3, true, 1..6), true);
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let codes: Vec<i32> = (0..30).map(|_| rng.random_range(-1..4)).collect();
    let c = composition(&g, &codes, 4, &Context::new()).unwrap();
    let m = mutual(&g, false);
    for i in 0..30 {
        let mut counts = [0u32; 4];
        let mut missing = 0;
        for j in 0..30 {
            if m[i][j] > 0.0 {
                match codes[j] {
                    -1 => missing += 1,
                    x => counts[x as usize] += 1,
                }
            }
        }
        assert_eq!(c.counts.row(i).to_vec(), counts);
        assert_eq!(c.missing[i], missing);
        let known: u32 = counts.iter().sum();
        if known > 0 {
            let b = 1.0
                - counts
                    .iter()
                    .map(|&x| (x as f64 / known as f64).powi(2))
                    .sum::<f64>();
            assert!(close(c.blau[i], b));
            assert!(close(c.iqv[i], b / 0.75));
        }
    }
}

// ------------------------------------------------------------------------- determinism

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let net = Network::new(datasets::badhuis(3000, 2).unwrap());
    let spec = Projection {
        weight: Weight::Newman,
        ..Projection::default()
    };
    let g = net.project(&spec, &Context::new()).unwrap();
    for w in [false, true] {
        let o = EgoOptions {
            weighted: w,
            strong: Some(0.5),
        };
        let base = ego_measures(&g, &o, &Context::new().with_threads(1)).unwrap();
        assert!(base.size.iter().any(|&s| s > 100));
        for t in [2, 3, 4] {
            let e = ego_measures(&g, &o, &Context::new().with_threads(t)).unwrap();
            assert_eq!(e.size, base.size);
            assert_eq!(e.alter_ties, base.alter_ties);
            assert_eq!(bits(&e.constraint), bits(&base.constraint));
            assert_eq!(bits(&e.effective_size), bits(&base.effective_size));
            assert_eq!(bits(&e.hierarchy), bits(&base.hierarchy));
            assert_eq!(e.strong_ties, base.strong_ties);
        }
    }
    let d = graph(200, &random_edges(200, 0.05, 9, true, 1..6), true);
    let groups: Vec<i32> = (0..200).map(|i| (i % 4) - 1).collect();
    let one = brokerage(&d, &groups, &Context::new().with_threads(1)).unwrap();
    assert_eq!(
        brokerage(&d, &groups, &Context::new().with_threads(3)).unwrap(),
        one
    );
}

// ------------------------------------------------------------------------- errors

#[test]
fn errors_name_the_argument() {
    let und = graph(3, &[(0, 1, 1.0)], false);
    let dir = graph(3, &[(0, 1, 1.0)], true);
    let arg = |r: Result<(), Error>, name: &str| match r {
        Err(Error::InvalidArgument { name: n, .. }) => assert_eq!(n, name),
        other => panic!("expected an error naming {name}, got {other:?}"),
    };
    arg(reciprocity(&und, Reciprocity::Edges).map(|_| ()), "g");
    arg(
        brokerage(&und, &[0, 0, 0], &Context::new()).map(|_| ()),
        "g",
    );
    arg(
        brokerage(&dir, &[0, 0], &Context::new()).map(|_| ()),
        "groups",
    );
    arg(
        brokerage(&dir, &[0, -2, 0], &Context::new()).map(|_| ()),
        "groups",
    );
    arg(
        composition(&und, &[0, 1], 2, &Context::new()).map(|_| ()),
        "codes",
    );
    arg(
        composition(&und, &[0, 2, 0], 2, &Context::new()).map(|_| ()),
        "codes",
    );
    arg(
        strong_ties(&und, f64::NAN, &Context::new()).map(|_| ()),
        "threshold",
    );
    let o = EgoOptions {
        weighted: false,
        strong: Some(f64::NAN),
    };
    arg(
        ego_measures(&und, &o, &Context::new()).map(|_| ()),
        "strong",
    );
    arg(
        share_nobody_to_ask(&und, Some(&[3])).map(|_| ()),
        "respondents",
    );
    arg(Reciprocity::from_name("mutual").map(|_| ()), "mode");
    arg(DegreeMode::from_name("both").map(|_| ()), "mode");
    let ctx = Context::new();
    ctx.cancel();
    assert!(matches!(
        ego_measures(&und, &unweighted(), &ctx),
        Err(Error::Cancelled)
    ));
}

#[test]
fn node_reciprocity_by_hand_and_against_pair_counting() {
    use wijknet::metrics::ego::node_reciprocity;
    // 0 ⇄ 1, 1 → 2, 2 → 3, node 4 alone
    let g = graph(
        5,
        &[(0, 1, 1.0), (1, 0, 1.0), (1, 2, 1.0), (2, 3, 1.0)],
        true,
    );
    let r = node_reciprocity(&g).unwrap();
    assert_eq!(&r[..4], &[1.0, 2.0 / 3.0, 0.0, 0.0]);
    assert!(r[4].is_nan());
    assert!(node_reciprocity(&graph(3, &[(0, 1, 1.0)], false)).is_err());
    // random directed graphs: 2·|in ∩ out| / (|in| + |out|) counted pair by pair
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    let n = 20;
    let mut edges = Vec::new();
    for a in 0..n as u32 {
        for b in 0..n as u32 {
            if a != b && rng.random_bool(0.15) {
                edges.push((a, b, 1.0));
            }
        }
    }
    let g = graph(n, &edges, true);
    let r = node_reciprocity(&g).unwrap();
    let has = |a: u32, b: u32| edges.iter().any(|&(x, y, _)| (x, y) == (a, b));
    for v in 0..n as u32 {
        let out = (0..n as u32).filter(|&u| has(v, u)).count();
        let inn = (0..n as u32).filter(|&u| has(u, v)).count();
        let both = (0..n as u32).filter(|&u| has(v, u) && has(u, v)).count();
        if out + inn == 0 {
            assert!(r[v as usize].is_nan());
        } else {
            assert_eq!(r[v as usize], 2.0 * both as f64 / (out + inn) as f64);
        }
    }
}
