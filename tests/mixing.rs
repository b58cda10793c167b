//! Mixing and diversity: hand-computed small cases (E-I at three levels with expected values,
//! Coleman, assortativity, Blau/IQV of activities), brute-force oracles on random graphs and
//! the synthetic register (the mixing matrix from the edge list, Pearson's r of the tie ends,
//! co-participants from the projection), thread-count independence and argument errors.
//! networkx itself is the oracle in tests/test_mixing.py.
mod common;

use common::{bits, close, graph, random_edges};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wijknet::analysis::diversity::{activity_diversity, coparticipant_diversity, Coparticipants};
use wijknet::incidence::Unit;
use wijknet::metrics::ego::composition;
use wijknet::metrics::heterogeneity::blau;
use wijknet::metrics::mixing::{
    attribute_assortativity, coleman, ei_index_groups, ei_index_network, group_sizes,
    mixing_matrix, node_categories, node_mixing, numeric_assortativity,
};
use wijknet::ndarray::array;
use wijknet::{datasets, Context, Error, Graph, Network, Projection};

fn random_codes(n: usize, k: i32, seed: u64, missing: bool) -> Vec<i32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xabc);
    (0..n)
        .map(|_| {
            if missing && rng.random::<f64>() < 0.1 {
                -1
            } else {
                rng.random_range(0..k)
            }
        })
        .collect()
}

// ------------------------------------------------------------------------- by hand

/// Groups x = {0, 1, 2}, y = {3, 4}; ties 0-1, 1-2 (x), 2-3 (across), 3-4 (y).
fn small() -> (Graph, Vec<i32>) {
    let e = [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 2.0)];
    (graph(5, &e, false), vec![0, 0, 0, 1, 1])
}

#[test]
fn ei_index_three_levels_by_hand() {
    let (g, codes) = small();
    let ctx = Context::new();
    let m = mixing_matrix(&g, &codes, 2, false, &ctx).unwrap();
    assert_eq!(m.counts, array![[4.0, 1.0], [1.0, 2.0]]);
    let sizes = group_sizes(&codes, 2);
    assert_eq!(sizes, [3, 2]);
    let net = ei_index_network(&m, &sizes);
    assert_eq!((net.external, net.internal), (1.0, 3.0));
    assert!(close(net.ei_index, -0.5));
    // internal ordered pairs 3·2 + 2·1 = 8 of 20
    assert!(close(net.expected, 1.0 - 2.0 * 8.0 / 20.0));
    let grp = ei_index_groups(&m, &sizes);
    assert_eq!((grp[0].external, grp[0].internal), (1.0, 4.0));
    assert!(close(grp[0].ei_index, -3.0 / 5.0));
    assert!(close(grp[0].expected, (2.0 - 2.0) / 4.0));
    assert!(close(grp[1].ei_index, -1.0 / 3.0));
    assert!(close(grp[1].expected, (3.0 - 1.0) / 4.0));
    let node = node_mixing(&g, &codes, 2, false, &ctx).unwrap();
    assert_eq!(node.ei_index, [-1.0, -1.0, 0.0, 0.0, -1.0]);
    assert_eq!(node.cross_share, [0.0, 0.0, 0.5, 0.5, 0.0]);
    assert!(close(node.expected[3], grp[1].expected));
    // weighted: the 3-4 tie weighs 2
    let w = node_mixing(&g, &codes, 2, true, &ctx).unwrap();
    assert!(close(w.cross_share[3], 1.0 / 3.0));
    let mw = mixing_matrix(&g, &codes, 2, true, &ctx).unwrap();
    assert_eq!(mw.counts, array![[4.0, 1.0], [1.0, 4.0]]);
}

#[test]
fn coleman_and_assortativity_by_hand() {
    let (g, codes) = small();
    let m = mixing_matrix(&g, &codes, 2, false, &Context::new()).unwrap();
    let c = coleman(&m, &group_sizes(&codes, 2));
    // x: H = 4/5, e = 2/4 → (0.8 − 0.5)/0.5; y: H = 2/3, e = 1/4 → (2/3 − 1/4)/(3/4)
    assert!(close(c[0], 0.6));
    assert!(close(c[1], (2.0 / 3.0 - 0.25) / 0.75));
    // e = [[4, 1], [1, 2]]/8: trace 6/8, a = b = (5/8, 3/8), s = 34/64
    let s = 34.0 / 64.0;
    assert!(close(attribute_assortativity(&m), (0.75 - s) / (1.0 - s)));
}

#[test]
fn missing_values_are_counted_not_dropped() {
    let (g, _) = small();
    let codes = [0, 0, -1, 1, 1];
    let ctx = Context::new();
    let m = mixing_matrix(&g, &codes, 2, false, &ctx).unwrap();
    assert_eq!(m.missing, 4.0); // 1-2 and 2-3, both directions
    assert_eq!(m.total(), 4.0);
    let node = node_mixing(&g, &codes, 2, false, &ctx).unwrap();
    assert_eq!(node.missing, [0.0, 1.0, 2.0, 1.0, 0.0]);
    assert!(node.ei_index[2].is_nan() && node.expected[2].is_nan());
    let a = numeric_assortativity(&g, &[1.0, 2.0, f64::NAN, 4.0, 5.0], false, &ctx).unwrap();
    assert_eq!(a.missing, 4.0);
    // the two remaining ties, both directions: ends (1,2) (2,1) (4,5) (5,4): cov 8, var 10
    assert!(close(a.r, 0.8));
}

#[test]
fn activity_diversity_by_hand() {
    let net = Network::new(datasets::davis_southern_women());
    let inc = net.incidence(Unit::Activity);
    // group = position mod 3, with the last woman missing
    let codes: Vec<i32> = (0..18).map(|i| if i == 17 { -1 } else { i % 3 }).collect();
    let d = activity_diversity(&net, &codes, 3, &Context::new()).unwrap();
    for a in 0..inc.n_units() {
        let mut c = [0u32; 3];
        let mut miss = 0;
        for &r in inc.members(a) {
            match codes[r as usize] {
                -1 => miss += 1,
                x => c[x as usize] += 1,
            }
        }
        assert_eq!(d.counts.row(a).to_vec(), c);
        assert_eq!(d.missing[a], miss);
        assert_eq!(d.participants[a] as usize, inc.size(a));
        let n: u32 = c.iter().sum();
        let b = 1.0
            - c.iter()
                .map(|&x| (x as f64 / n as f64).powi(2))
                .sum::<f64>();
        assert!(close(d.blau[a], b), "activity {a}");
        assert!(close(d.iqv[a], b * 1.5));
    }
    assert_eq!(blau(&[1, 1, 1, 1]), 0.75);
}

// ------------------------------------------------------------------------- brute force

#[test]
fn mixing_matches_brute_force_on_random_graphs() {
    for seed in 0..6 {
        for directed in [false, true] {
            let e = random_edges(40, 0.12, seed, directed, 1..6);
            let g = graph(40, &e, directed);
            let codes = random_codes(40, 3, seed, true);
            let x: Vec<f64> = (0..40).map(|i| ((i * 7919) % 61) as f64).collect();
            for weighted in [false, true] {
                let m = mixing_matrix(&g, &codes, 3, weighted, &Context::new()).unwrap();
                let mut want = [0.0f64; 9];
                let mut missing = 0.0;
                let (mut sw, mut sx, mut sy) = (0.0, 0.0, 0.0);
                let mut ends = Vec::new();
                for &(a, b, w) in &e {
                    let w = if weighted { w } else { 1.0 };
                    let mut dirs = vec![(a, b)];
                    if !directed {
                        dirs.push((b, a));
                    }
                    for (u, v) in dirs {
                        let (cu, cv) = (codes[u as usize], codes[v as usize]);
                        if cu < 0 || cv < 0 {
                            missing += w;
                        } else {
                            want[cu as usize * 3 + cv as usize] += w;
                        }
                        ends.push((w, x[u as usize], x[v as usize]));
                        sw += w;
                        sx += w * x[u as usize];
                        sy += w * x[v as usize];
                    }
                }
                for (a, b) in m.counts.iter().zip(&want) {
                    assert!(close(*a, *b), "seed {seed}: {:?} vs {want:?}", m.counts);
                }
                assert!(close(m.missing, missing));
                // Pearson's r of the tie ends
                let (mx, my) = (sx / sw, sy / sw);
                let (mut cxy, mut cxx, mut cyy) = (0.0, 0.0, 0.0);
                for (w, a, b) in ends {
                    cxy += w * (a - mx) * (b - my);
                    cxx += w * (a - mx) * (a - mx);
                    cyy += w * (b - my) * (b - my);
                }
                let r = numeric_assortativity(&g, &x, weighted, &Context::new()).unwrap();
                assert!((r.r - cxy / (cxx * cyy).sqrt()).abs() < 1e-10);
                // properties: E-I within [−1, 1]
                let sizes = group_sizes(&codes, 3);
                let net = ei_index_network(&m, &sizes);
                assert!((-1.0..=1.0).contains(&net.ei_index));
                for e in ei_index_groups(&m, &sizes) {
                    assert!(e.ei_index.is_nan() || (-1.0..=1.0).contains(&e.ei_index));
                }
            }
            // node level = ego composition's E-I (unweighted)
            let node = node_mixing(&g, &codes, 3, false, &Context::new()).unwrap();
            let comp = composition(&g, &codes, 3, &Context::new()).unwrap();
            assert_eq!(bits(&node.ei_index), bits(&comp.ei_index));
        }
    }
}

#[test]
fn coparticipants_match_the_projection() {
    let net = Network::new(datasets::badhuis(1500, 3).unwrap());
    let g = net
        .project(&Projection::default(), &Context::new())
        .unwrap();
    let (codes, labels) = node_categories(&g, "age_group").unwrap();
    let k = labels.len();
    assert!(k >= 3);
    let d = coparticipant_diversity(&net, &codes, k, Coparticipants::Distinct, &Context::new())
        .unwrap();
    let comp = composition(&g, &codes, k, &Context::new()).unwrap();
    assert_eq!(d.counts, comp.counts.mapv(f64::from));
    assert_eq!(bits(&d.blau), bits(&comp.blau));
    assert_eq!(bits(&d.ei_index), bits(&comp.ei_index));
    // shared: the count projection's weights per category
    let s =
        coparticipant_diversity(&net, &codes, k, Coparticipants::Shared, &Context::new()).unwrap();
    let out = g.out_csr();
    for i in 0..g.node_count() {
        let mut want = vec![0.0; k];
        for (&j, &w) in out.row(i).iter().zip(out.row_weights(i)) {
            if codes[j as usize] >= 0 {
                want[codes[j as usize] as usize] += w;
            }
        }
        assert_eq!(s.counts.row(i).to_vec(), want, "resident {i}");
        assert_eq!(s.coparticipants[i] as usize, out.row(i).len());
    }
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let net = Network::new(datasets::badhuis(3000, 1).unwrap());
    let g = net
        .project(&Projection::default(), &Context::new())
        .unwrap();
    let (codes, labels) = node_categories(&g, "neighbourhood").unwrap();
    let k = labels.len();
    let x: Vec<f64> = codes.iter().map(|&c| c as f64 * 1.37 + 0.1).collect();
    let one = Context::new().with_threads(1);
    let m1 = mixing_matrix(&g, &codes, k, true, &one).unwrap();
    let r1 = numeric_assortativity(&g, &x, true, &one).unwrap();
    let n1 = node_mixing(&g, &codes, k, true, &one).unwrap();
    let s1 = coparticipant_diversity(&net, &codes, k, Coparticipants::Shared, &one).unwrap();
    for t in [2, 4] {
        let ctx = Context::new().with_threads(t);
        assert_eq!(
            bits(
                mixing_matrix(&g, &codes, k, true, &ctx)
                    .unwrap()
                    .counts
                    .as_slice()
                    .unwrap()
            ),
            bits(m1.counts.as_slice().unwrap())
        );
        let r = numeric_assortativity(&g, &x, true, &ctx).unwrap();
        assert_eq!(r.r.to_bits(), r1.r.to_bits());
        let n = node_mixing(&g, &codes, k, true, &ctx).unwrap();
        assert_eq!(bits(&n.cross_share), bits(&n1.cross_share));
        let s = coparticipant_diversity(&net, &codes, k, Coparticipants::Shared, &ctx).unwrap();
        assert_eq!(s, s1);
    }
}

// ------------------------------------------------------------------------- errors

#[test]
fn errors_name_the_argument() {
    let (g, _) = small();
    let ctx = Context::new();
    let arg = |r: Result<(), Error>, name: &str| match r {
        Err(Error::InvalidArgument { name: n, .. }) => assert_eq!(n, name),
        other => panic!("expected an error naming {name}, got {other:?}"),
    };
    arg(
        mixing_matrix(&g, &[0, 0], 2, false, &ctx).map(|_| ()),
        "codes",
    );
    arg(
        mixing_matrix(&g, &[0, 0, 0, 0, 5], 2, false, &ctx).map(|_| ()),
        "codes",
    );
    arg(
        node_mixing(&g, &[0, -2, 0, 0, 0], 2, false, &ctx).map(|_| ()),
        "codes",
    );
    arg(
        numeric_assortativity(&g, &[0.0, f64::INFINITY, 0.0, 0.0, 0.0], false, &ctx).map(|_| ()),
        "values",
    );
    arg(node_categories(&g, "party").map(|_| ()), "attribute");
    arg(Coparticipants::from_name("all").map(|_| ()), "weighting");
    let net = Network::new(datasets::davis_southern_women());
    arg(
        activity_diversity(&net, &[0; 3], 1, &ctx).map(|_| ()),
        "codes",
    );
}
