//! Null models: curveball margins (property test), uniformity on enumerable small matrices
//! (chi-square with a fixed seed), thread-count independence, the null-test summary, SDSM
//! Poisson-binomial tails against brute-force enumeration, BiCM margins, backbone recovery of
//! planted ties (SDSM and FDSM), corrections, attribute permutation and argument errors.
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;
use wijknet::stats::backbone::{
    adjust, backbone, bicm, poisson_binomial_tails, BackboneOptions, Correction, Method,
};
use wijknet::stats::curveball::{
    curveball, curveball_sample_with, sample_incidence, sample_incidence_with, Chain,
};
use wijknet::stats::null::{
    permutation, permute_network_attribute, test, NullModel, NullTest, Statistic, TestOptions,
};
use wijknet::{datasets, Context, Duplicates, Error, Incidence, Network, RegisterBuilder, Unit};

fn network(rows: &[(u32, u32)]) -> Network {
    let mut b = RegisterBuilder::new();
    for &(r, a) in rows {
        b.add(format!("r{r}").as_str(), format!("a{a}").as_str())
            .unwrap();
    }
    Network::new(b.build(Duplicates::Count).unwrap())
}

fn margins(inc: &Incidence) -> (Vec<usize>, Vec<usize>) {
    (
        (0..inc.n_residents())
            .map(|i| inc.units_of(i).len())
            .collect(),
        (0..inc.n_units()).map(|k| inc.size(k)).collect(),
    )
}

fn check_consistent(inc: &Incidence) {
    for i in 0..inc.n_residents() {
        let row = inc.units_of(i);
        assert!(
            row.windows(2).all(|w| w[0] < w[1]),
            "row {i} not strictly ascending"
        );
        for &k in row {
            assert!(inc.members(k as usize).binary_search(&(i as u32)).is_ok());
        }
    }
}

// ------------------------------------------------------------------------------- margins

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn curveball_preserves_every_margin(
        rows in prop::collection::vec((0u32..30, 0u32..12), 1..200),
        seed in 0u64..1000,
        trades in prop::option::of(0u64..500),
    ) {
        let net = network(&rows);
        let inc = net.incidence(Unit::Activity);
        let s = sample_incidence(&inc, trades, seed, 3);
        check_consistent(&s);
        prop_assert_eq!(margins(&inc), margins(&s));
        // the Network built from it has exactly this incidence, same ids
        let rnd = wijknet::stats::curveball::curveball_sample(&net, trades, seed, 3).unwrap();
        let r = rnd.incidence(Unit::Activity);
        prop_assert_eq!(&r.res_units, &s.res_units);
        prop_assert_eq!(&r.res_ptr, &s.res_ptr);
        prop_assert_eq!(rnd.resident_node_ids(), net.resident_node_ids());
    }
}

#[test]
fn curveball_drops_dates_and_roles_keeps_attributes() {
    let net = Network::new(datasets::badhuis(400, 1).unwrap());
    let rnd = curveball(&net, None, 2).unwrap();
    assert!(!rnd.register().has_dates());
    let s = rnd.summary();
    assert_eq!(s.participations, net.summary().participations);
    assert_eq!(s.roles[1] + s.roles[2], 0); // all participants
    assert_eq!(s.attendances, s.participations); // one row per (resident, activity)
    assert_eq!(
        rnd.resident_node_attributes(),
        net.resident_node_attributes()
    );
    assert_eq!(
        rnd.register().sensitive().iter().filter(|&&x| x).count(),
        net.incidence(Unit::Activity)
            .units
            .iter()
            .filter(|&&a| net.register().sensitive()[a as usize])
            .count()
    );
    // a different seed gives a different register, the same seed the same
    assert_ne!(curveball(&net, None, 3).unwrap().rows().1, rnd.rows().1);
    assert_eq!(curveball(&net, None, 2).unwrap().rows().1, rnd.rows().1);
}

// ----------------------------------------------------------------------------- uniformity

/// Every 0/1 matrix with these margins, as a bitmask (row-major).
fn enumerate(rows: &[usize], cols: &[usize]) -> Vec<u32> {
    let (r, c) = (rows.len(), cols.len());
    (0u32..1 << (r * c))
        .filter(|&m| {
            (0..r).all(|i| (0..c).filter(|&k| m >> (i * c + k) & 1 == 1).count() == rows[i])
                && (0..c).all(|k| (0..r).filter(|&i| m >> (i * c + k) & 1 == 1).count() == cols[k])
        })
        .collect()
}

fn mask(inc: &Incidence) -> u32 {
    let c = inc.n_units();
    let mut m = 0;
    for i in 0..inc.n_residents() {
        for &k in inc.units_of(i) {
            m |= 1 << (i * c + k as usize);
        }
    }
    m
}

/// Upper 0.1% point of chi-square with `df` degrees of freedom (Wilson–Hilferty).
fn chi2_crit(df: f64) -> f64 {
    let z = 3.090_232; // standard normal 0.999 quantile
    let a = 2.0 / (9.0 * df);
    df * (1.0 - a + z * a.sqrt()).powi(3)
}

fn uniformity(rows: &[(u32, u32)], samples: u64, trades: u64) -> (usize, f64, f64) {
    let net = network(rows);
    let inc = net.incidence(Unit::Activity);
    let (rm, cm) = margins(&inc);
    let all = enumerate(&rm, &cm);
    let mut counts: HashMap<u32, u64> = all.iter().map(|&m| (m, 0)).collect();
    let mut chain = Chain::new(&inc);
    for s in 0..samples {
        chain.reset(&inc);
        let mut rng = Context::new().with_seed(2024).rng(s);
        chain.run(trades, &mut rng);
        let m = mask(&chain.to_incidence(&inc));
        *counts.get_mut(&m).expect("a sample with other margins") += 1;
    }
    let expected = samples as f64 / all.len() as f64;
    let chi2: f64 = counts
        .values()
        .map(|&o| (o as f64 - expected).powi(2) / expected)
        .sum();
    (all.len(), chi2, chi2_crit((all.len() - 1) as f64))
}

#[test]
fn curveball_is_uniform_on_enumerable_matrices() {
    // 4 residents × 4 activities, margins rows (2, 2, 1, 1), columns (2, 1, 2, 1)
    let rows = [(0, 0), (0, 1), (1, 2), (1, 3), (2, 0), (3, 2)];
    let (k, chi2, crit) = uniformity(&rows, 30_000, 20);
    assert!(k > 10, "{k} realisations");
    assert!(
        chi2 < crit,
        "chi2 {chi2:.1} ≥ {crit:.1} over {k} realisations"
    );
    // 5 × 3 with unequal rows (a hub with 2 activities, residents with 1)
    let rows = [(0, 0), (0, 1), (1, 1), (1, 2), (2, 0), (3, 2), (4, 1)];
    let (k, chi2, crit) = uniformity(&rows, 30_000, 20);
    assert!(k > 5, "{k} realisations");
    assert!(
        chi2 < crit,
        "chi2 {chi2:.1} ≥ {crit:.1} over {k} realisations"
    );
}

#[test]
fn no_trades_is_the_observed_incidence() {
    let net = Network::new(datasets::davis_southern_women());
    let inc = net.incidence(Unit::Activity);
    let s = sample_incidence(&inc, Some(0), 1, 0);
    assert_eq!(s.res_units, inc.res_units);
    assert_eq!(s.unit_res, inc.unit_res);
}

// ------------------------------------------------------------------------------ null tests

#[test]
fn test_is_identical_for_any_thread_count() {
    let net = Network::new(datasets::badhuis(600, 3).unwrap());
    let opts = TestOptions {
        samples: 24,
        ..Default::default()
    };
    for stat in [
        Statistic::OpsahlClustering,
        Statistic::Transitivity,
        Statistic::Components,
    ] {
        let one = test(
            &net,
            &stat,
            &opts,
            &Context::new().with_threads(1).with_seed(9),
        )
        .unwrap();
        let two = test(
            &net,
            &stat,
            &opts,
            &Context::new().with_threads(2).with_seed(9),
        )
        .unwrap();
        let bits = |t: &NullTest| t.samples.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&one), bits(&two), "{}", stat.name());
        assert_eq!(one.observed.to_bits(), two.observed.to_bits());
    }
}

/// Runs `f` with a context that another thread cancels after 50 ms; `f` must return
/// `Error::Cancelled` soon after (a chain of `u64::MAX` trades would otherwise run for ever).
fn stops_when_cancelled<T: std::fmt::Debug>(
    what: &str,
    f: impl FnOnce(&Context) -> wijknet::Result<T>,
) {
    use std::time::{Duration, Instant};
    let ctx = Context::new().with_seed(1);
    let stopper = ctx.clone();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        stopper.cancel();
    });
    let start = Instant::now();
    let out = f(&ctx);
    t.join().unwrap();
    assert!(matches!(out, Err(Error::Cancelled)), "{what}: {out:?}");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{what}: {:?}",
        start.elapsed()
    );
}

#[test]
fn long_curveball_chains_stop_when_cancelled() {
    let net = Network::new(datasets::badhuis(300, 3).unwrap());
    let inc = net.incidence(Unit::Activity);
    let endless = Some(u64::MAX);
    stops_when_cancelled("sample_incidence_with", |ctx| {
        sample_incidence_with(&inc, endless, 1, 0, ctx)
    });
    stops_when_cancelled("curveball_sample_with", |ctx| {
        curveball_sample_with(&net, endless, 1, 0, ctx)
    });
    let opts = TestOptions {
        samples: 2,
        trades: endless,
        ..Default::default()
    };
    stops_when_cancelled("null::test", |ctx| {
        test(&net, &Statistic::Transitivity, &opts, ctx)
    });
    let bb = BackboneOptions {
        method: Method::Fdsm,
        samples: 2,
        trades: endless,
        ..Default::default()
    };
    stops_when_cancelled("backbone", |ctx| backbone(&net, &bb, ctx));
    // the chain itself: a context nobody cancels runs it to the end
    let mut chain = Chain::new(&inc);
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    chain.run_with(1000, &mut rng, &Context::new()).unwrap();
    assert_eq!(chain.trades_done(), 1000);
}

#[test]
fn a_curveball_call_counts_its_trades() {
    let net = Network::new(datasets::badhuis(300, 1).unwrap());
    let ctx = Context::new();
    let counted = curveball_sample_with(&net, Some(1234), 5, 0, &ctx).unwrap();
    assert_eq!(ctx.progress().get(), (1234, 1234));
    // counting changes nothing: the same register as without a context
    let plain = wijknet::stats::curveball::curveball_sample(&net, Some(1234), 5, 0).unwrap();
    assert_eq!(counted.rows().1, plain.rows().1);
    // a chain that is one sample among many leaves its caller's counts alone
    let inc = net.incidence(Unit::Activity);
    let ctx = Context::new();
    ctx.start(7);
    sample_incidence_with(&inc, Some(1234), 5, 0, &ctx).unwrap();
    assert_eq!(ctx.progress().get(), (0, 7));
    // rounds of ⌊R/2⌋ trades, the last one partial: the count ends at the trades asked for
    let mut chain = Chain::new(&inc);
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let ctx = Context::new();
    chain.run_counting(1001, &mut rng, &ctx).unwrap();
    assert_eq!(
        (chain.trades_done(), ctx.progress().get()),
        (1001, (1001, 1001))
    );
}

#[test]
fn test_samples_are_the_curveball_samples() {
    // sample s of the test is the network curveball_sample(s) gives
    let net = Network::new(datasets::davis_southern_women());
    let opts = TestOptions {
        samples: 5,
        ..Default::default()
    };
    let t = test(
        &net,
        &Statistic::RobinsAlexanderClustering,
        &opts,
        &Context::new().with_seed(4),
    )
    .unwrap();
    for s in 0..5 {
        let rnd = wijknet::stats::curveball::curveball_sample(&net, None, 4, s).unwrap();
        let v =
            wijknet::analysis::twomode::robins_alexander_clustering(&rnd.incidence(Unit::Activity));
        assert_eq!(v.to_bits(), t.samples[s as usize].to_bits());
    }
}

#[test]
fn summary_formulas() {
    let t = NullTest::from_samples(2.0, vec![1.0, 2.0, 3.0, 4.0, f64::NAN]);
    assert_eq!(t.mean, 2.5);
    assert!((t.sd - (5.0f64 / 3.0).sqrt()).abs() < 1e-15);
    assert_eq!(t.p_greater, 4.0 / 5.0); // {2,3,4} ≥ 2, + 1, over 4 + 1
    assert_eq!(t.p_less, 3.0 / 5.0); // {1,2} ≤ 2
    assert_eq!(t.p_two_sided, 1.0);
    assert!((t.z - (-0.5 / (5.0f64 / 3.0).sqrt())).abs() < 1e-15);
    let c = NullTest::from_samples(1.0, vec![1.0, 1.0]);
    assert!(c.z.is_nan()); // sd 0
}

#[test]
fn permutation_null_and_errors() {
    let net = Network::new(datasets::badhuis(300, 0).unwrap());
    let n = net.incidence(Unit::Activity).n_residents();
    let groups: Vec<i32> = (0..n as i32).map(|i| i % 3).collect();
    let opts = TestOptions {
        samples: 30,
        null: NullModel::Permutation,
        ..Default::default()
    };
    let stat = Statistic::EiIndex { groups };
    let t = test(&net, &stat, &opts, &Context::new().with_seed(1)).unwrap();
    assert_eq!(t.samples.len(), 30);
    // permutations are permutations
    let mut p = permutation(50, 3, 7);
    p.sort_unstable();
    assert_eq!(p, (0..50).collect::<Vec<u32>>());
    // errors
    let e = test(&net, &Statistic::Transitivity, &opts, &Context::new()).unwrap_err();
    assert!(matches!(e, Error::InvalidArgument { .. }), "{e}");
    let zero = TestOptions {
        samples: 0,
        ..Default::default()
    };
    assert!(matches!(
        test(&net, &Statistic::Density, &zero, &Context::new()),
        Err(Error::InvalidArgument { .. })
    ));
    let short = Statistic::Modularity {
        labels: vec![0; 3],
        weighted: false,
    };
    assert!(matches!(
        test(&net, &short, &TestOptions::default(), &Context::new()),
        Err(Error::LengthMismatch { .. })
    ));
}

#[test]
fn permute_network_attribute_shuffles_values() {
    let net = Network::new(datasets::badhuis(300, 0).unwrap());
    let p = permute_network_attribute(&net, "age_group", 5, 0).unwrap();
    let before = net.resident_node_attributes();
    let after = p.resident_node_attributes();
    let codes = |a: &wijknet::attributes::Attributes| match a.get("age_group").unwrap() {
        wijknet::attributes::Column::Categorical { codes, .. } => codes.clone(),
        other => panic!("{other:?}"),
    };
    let (mut x, mut y) = (codes(&before), codes(&after));
    assert_ne!(x, y);
    x.sort_unstable();
    y.sort_unstable();
    assert_eq!(x, y);
    assert!(matches!(
        permute_network_attribute(&net, "nope", 1, 0),
        Err(Error::NotFound { .. })
    ));
}

// -------------------------------------------------------------------------------- backbone

#[test]
fn poisson_binomial_tails_match_enumeration() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for n in [1usize, 3, 6, 10] {
        let q: Vec<f64> = (0..n).map(|_| rng.random::<f64>()).collect();
        let mut pmf = vec![0.0; n + 1];
        for m in 0u32..1 << n {
            let mut pr = 1.0;
            for (t, &qt) in q.iter().enumerate() {
                pr *= if m >> t & 1 == 1 { qt } else { 1.0 - qt };
            }
            pmf[m.count_ones() as usize] += pr;
        }
        for kmax in [0usize, 1, 2, n] {
            let tails = poisson_binomial_tails(&q, kmax);
            for c in 0..=kmax {
                let want: f64 = pmf[c..].iter().sum();
                assert!(
                    (tails[c] - want).abs() <= 1e-13 * want.max(1e-300) + 1e-300,
                    "n {n} c {c}: {} vs {want}",
                    tails[c]
                );
            }
        }
    }
    // tiny tails keep relative accuracy: P(all of 30 coins at 0.01) = 1e-60
    let t = poisson_binomial_tails(&[0.01; 30], 30);
    assert!((t[30] / 1e-60 - 1.0).abs() < 1e-12, "{}", t[30]);
}

#[test]
fn bicm_reproduces_margins() {
    let net = Network::new(datasets::badhuis(500, 2).unwrap());
    let inc = net.incidence(Unit::Activity);
    let fit = bicm(&inc).unwrap();
    for i in (0..inc.n_residents()).step_by(37) {
        let e: f64 = (0..inc.n_units()).map(|k| fit.probability(i, k)).sum();
        assert!(
            (e / inc.units_of(i).len() as f64 - 1.0).abs() < 1e-9,
            "row {i}: {e}"
        );
    }
    for k in 0..inc.n_units() {
        let e: f64 = (0..inc.n_residents()).map(|i| fit.probability(i, k)).sum();
        assert!(
            (e / inc.size(k) as f64 - 1.0).abs() < 1e-9,
            "column {k}: {e}"
        );
    }
    // a resident in every activity gets p = 1
    let full = network(&[(0, 0), (0, 1), (0, 2), (1, 0), (2, 1), (3, 2), (3, 1)]);
    let fit = bicm(&full.incidence(Unit::Activity)).unwrap();
    assert_eq!(fit.probability(0, 1), 1.0);
}

/// 100 residents in 5 of 200 activities each (about 2.5 participants an activity), where 6
/// planted pairs attend the same 5 activities.
fn planted() -> (Network, Vec<(u32, u32)>) {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut rows = Vec::new();
    let mut pairs = Vec::new();
    let pick = |rng: &mut ChaCha8Rng| {
        let mut acts: Vec<u32> = Vec::new();
        while acts.len() < 5 {
            let a = rng.random_range(0..200u32);
            if !acts.contains(&a) {
                acts.push(a);
            }
        }
        acts
    };
    for r in 0..100u32 {
        if r % 10 == 1 && r < 60 {
            continue; // the partner of r - 1, added with it
        }
        let acts = pick(&mut rng);
        for &a in &acts {
            rows.push((r, a));
            if r % 10 == 0 && r < 60 {
                rows.push((r + 1, a));
            }
        }
        if r % 10 == 0 && r < 60 {
            pairs.push((r, r + 1));
        }
    }
    (network(&rows), pairs)
}

#[test]
fn backbone_recovers_planted_ties() {
    let (net, pairs) = planted();
    let ids = net.resident_node_ids();
    let pos = |r: u32| {
        (0..ids.len())
            .find(|&i| ids.get(i) == wijknet::Id::from(format!("r{r}").as_str()))
            .unwrap() as u32
    };
    let planted: Vec<(u32, u32)> = pairs
        .iter()
        .map(|&(x, y)| (pos(x).min(pos(y)), pos(x).max(pos(y))))
        .collect();
    for (method, correction, samples) in [
        (Method::Sdsm, Correction::Holm, 0),
        (Method::Sdsm, Correction::FdrBh, 0),
        (Method::Fdsm, Correction::None, 400),
    ] {
        let opts = BackboneOptions {
            method,
            correction,
            alpha: if method == Method::Fdsm { 0.01 } else { 0.05 },
            samples,
            ..Default::default()
        };
        let (g, t) = backbone(&net, &opts, &Context::new().with_seed(1)).unwrap();
        let kept: Vec<(u32, u32)> = (0..t.a.len())
            .filter(|&i| t.kept[i])
            .map(|i| (t.a[i], t.b[i]))
            .collect();
        for p in &planted {
            assert!(
                kept.contains(p),
                "{method:?}/{correction:?}: planted {p:?} not kept"
            );
        }
        let false_pos = kept.len() - planted.len();
        if method == Method::Sdsm {
            assert!(
                false_pos <= 2,
                "{method:?}/{correction:?}: {false_pos} extra ties kept"
            );
        } else {
            // uncorrected at alpha = 0.01: about 1% of the candidates may pass by chance
            assert!(
                false_pos * 100 <= 3 * t.a.len(),
                "{false_pos} extra ties of {}",
                t.a.len()
            );
            for p in &planted {
                let i =
                    t.a.iter()
                        .zip(&t.b)
                        .position(|x| (*x.0, *x.1) == *p)
                        .unwrap();
                assert_eq!(t.p[i], 1.0 / 401.0); // no sample shares all 5 activities
            }
        }
        assert_eq!(g.edge_count(), kept.len());
        for &(a, b) in &kept {
            assert_eq!(
                g.weight(a as usize, b as usize),
                Some(
                    t.cooccurrence[t
                        .a
                        .iter()
                        .zip(&t.b)
                        .position(|x| (*x.0, *x.1) == (a, b))
                        .unwrap()] as f64
                )
            );
        }
    }
}

#[test]
fn fdsm_is_identical_for_any_thread_count() {
    let (net, _) = planted();
    let opts = BackboneOptions {
        method: Method::Fdsm,
        samples: 40,
        ..Default::default()
    };
    let (_, one) = backbone(&net, &opts, &Context::new().with_threads(1).with_seed(3)).unwrap();
    let (_, two) = backbone(&net, &opts, &Context::new().with_threads(2).with_seed(3)).unwrap();
    assert_eq!(one, two);
}

#[test]
fn corrections() {
    let p = [0.01, 0.04, 0.03, 0.5];
    assert_eq!(adjust(&p, 4.0, Correction::None), p.to_vec());
    // Holm: sorted .01 .03 .04 .5 → 4·.01, 3·.03, 2·.04, .5 = .04 .09 .08 .5, then running max
    let h = adjust(&p, 4.0, Correction::Holm);
    for (a, b) in h.iter().zip([0.04, 0.09, 0.09, 0.5]) {
        assert!((a - b).abs() < 1e-15, "{h:?}");
    }
    // BH: .01·4/1 .03·4/2 .04·4/3 .5·4/4 → .04 .06 .0533 .5, then running minimum from the top
    let f = adjust(&p, 4.0, Correction::FdrBh);
    for (a, b) in f.iter().zip([0.04, 0.16 / 3.0, 0.16 / 3.0, 0.5]) {
        assert!((a - b).abs() < 1e-15, "{f:?}");
    }
    // untested pairs count: 2 given of 10 tests
    let h = adjust(&[0.001, 0.002], 10.0, Correction::Holm);
    assert!(
        (h[0] - 0.01).abs() < 1e-15 && (h[1] - 0.018).abs() < 1e-15,
        "{h:?}"
    );
}

#[test]
fn backbone_errors() {
    let net = Network::new(datasets::davis_southern_women());
    for alpha in [0.0, -1.0, 1.5, f64::NAN] {
        let opts = BackboneOptions {
            alpha,
            ..Default::default()
        };
        assert!(matches!(
            backbone(&net, &opts, &Context::new()),
            Err(Error::InvalidArgument { .. })
        ));
    }
    let opts = BackboneOptions {
        method: Method::Fdsm,
        samples: 0,
        ..Default::default()
    };
    assert!(matches!(
        backbone(&net, &opts, &Context::new()),
        Err(Error::InvalidArgument { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn fast_opsahl_equals_the_per_centre_kernel(
        rows in prop::collection::vec((0u32..25, 0u32..10), 1..150),
    ) {
        let net = network(&rows);
        let inc = net.incidence(Unit::Activity);
        let ctx = Context::new();
        let fast = wijknet::stats::null::opsahl_global(&inc, &ctx).unwrap();
        let slow = wijknet::analysis::twomode::opsahl_clustering(&inc, &ctx).unwrap().0;
        prop_assert!(fast.to_bits() == slow.to_bits() || (fast.is_nan() && slow.is_nan()), "{} vs {}", fast, slow);
    }
}

#[test]
fn fast_opsahl_on_badhuis() {
    let inc = Network::new(datasets::badhuis(800, 4).unwrap()).incidence(Unit::Activity);
    let ctx = Context::new();
    let fast = wijknet::stats::null::opsahl_global(&inc, &ctx).unwrap();
    let slow = wijknet::analysis::twomode::opsahl_clustering(&inc, &ctx)
        .unwrap()
        .0;
    assert_eq!(fast.to_bits(), slow.to_bits());
}

/// Replicates cut into slices (`Context::with_first_task`) and put together are the replicates
/// of the whole call: null samples (curveball and permutation), QAP and MRQAP permutations,
/// bootstrap replicates.
#[test]
fn slices_of_replicates_make_the_whole_call() {
    use wijknet::stats::bootstrap::{compare, CompareOptions, Metric};
    use wijknet::stats::qap::{mrqap, qap, QapOptions};
    let net = Network::new(datasets::badhuis(150, 2).unwrap());
    let whole = Context::new().with_seed(11).with_threads(2);
    let slice = |first: u64| {
        Context::new()
            .with_seed(11)
            .with_threads(1)
            .with_first_task(first)
    };
    let cuts = [(0usize, 7usize), (7, 8), (8, 20)];

    let groups: Vec<i32> = (0..net.incidence(Unit::Activity).n_residents())
        .map(|i| (i % 3) as i32)
        .collect();
    for (stat, null) in [
        (Statistic::Transitivity, NullModel::Curveball),
        (Statistic::EiIndex { groups }, NullModel::Permutation),
    ] {
        let opts = |samples| TestOptions {
            samples,
            null,
            ..Default::default()
        };
        let all = test(&net, &stat, &opts(20), &whole).unwrap();
        let mut joined = Vec::new();
        for (a, b) in cuts {
            let part = test(&net, &stat, &opts(b - a), &slice(a as u64)).unwrap();
            assert_eq!(part.observed, all.observed);
            joined.extend(part.samples);
        }
        assert_eq!(NullTest::from_samples(all.observed, joined), all);
    }

    let g1 = net
        .project(&wijknet::Projection::default(), &Context::new())
        .unwrap();
    let g2 = net
        .project(
            &wijknet::Projection {
                min_weight: Some(2.0),
                ..Default::default()
            },
            &Context::new(),
        )
        .unwrap();
    let q = |r| QapOptions {
        permutations: r,
        ..Default::default()
    };
    let all = qap(&g1, &g2, &q(20), &whole).unwrap();
    let joined: Vec<f64> = cuts
        .iter()
        .flat_map(|&(a, b)| qap(&g1, &g2, &q(b - a), &slice(a as u64)).unwrap().null)
        .collect();
    assert_eq!(joined, all.null);
    let all = mrqap(&g2, &[&g1], &q(20), &whole).unwrap();
    let joined: Vec<f64> = cuts
        .iter()
        .flat_map(|&(a, b)| {
            mrqap(&g2, &[&g1], &q(b - a), &slice(a as u64))
                .unwrap()
                .null_t
                .into_raw_vec_and_offset()
                .0
        })
        .collect();
    assert_eq!(joined, all.null_t.into_raw_vec_and_offset().0);

    let per_day = wijknet::calendar::units_per_day(net.register().date_unit());
    let day = |y: i64, m: u32| wijknet::calendar::days_from_civil(y, m, 1) * per_day;
    let opts = |n_boot| CompareOptions {
        metrics: vec![Metric::MeanDegree, Metric::Density],
        n_boot,
        ..Default::default()
    };
    let (before, after) = ((None, Some(day(2025, 7))), (Some(day(2025, 7)), None));
    let all = compare(&net, before, after, &opts(20), &whole).unwrap();
    let mut joined = Vec::new();
    for (a, b) in cuts {
        let part = compare(&net, before, after, &opts(b - a), &slice(a as u64)).unwrap();
        joined.extend(part.replicates.rows().into_iter().map(|r| r.to_vec()));
    }
    let all_rows: Vec<Vec<f64>> = all
        .replicates
        .rows()
        .into_iter()
        .map(|r| r.to_vec())
        .collect();
    assert_eq!(joined, all_rows);
}
