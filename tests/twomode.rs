//! Two-mode measures against published values (Davis 1941; Clique A, Brunson's bitriad vignette).
use wijknet::analysis::twomode::{self, Mode, Overlap};
use wijknet::{datasets, Context, Duplicates, Network, RegisterBuilder, Unit};

fn clique_a() -> Network {
    let rows = [
        ("Miss A", "Bridge"),
        ("Miss A", "Movies"),
        ("Miss A", "Dance"),
        ("Miss B", "Movies"),
        ("Miss B", "Dance"),
        ("Miss C", "Bridge"),
        ("Miss C", "Dinner"),
        ("Miss C", "Visiting"),
        ("Miss D", "Bridge"),
        ("Miss D", "Dinner"),
        ("Miss D", "Movies"),
        ("Miss E", "Dinner"),
        ("Miss E", "Dance"),
        ("Miss E", "Visiting"),
    ];
    let mut b = RegisterBuilder::new();
    for (w, a) in rows {
        b.add(w, a).unwrap();
    }
    Network::new(b.build(Duplicates::Count).unwrap())
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn clique_a_published_values() {
    let inc = clique_a().incidence(Unit::Activity);
    let ctx = Context::new();
    let (g, local) = twomode::opsahl_clustering(&inc, &ctx).unwrap();
    assert!(close(g, 0.6111111, 5e-8), "{g}");
    for (got, want) in local
        .iter()
        .zip([0.5, 0.6666667, 0.6666667, 0.6, 0.7142857])
    {
        assert!(close(*got, want, 5e-8), "{local:?}");
    }
    let (g, local) = twomode::exclusive_clustering(&inc, &ctx).unwrap();
    assert!(close(g, 0.6, 1e-12), "{g}");
    assert_eq!(local, vec![0.5, 1.0, 0.5, 0.5, 0.75]);
}

#[test]
fn davis_published_values() {
    let net = Network::new(datasets::davis_southern_women());
    let inc = net.incidence(Unit::Activity);
    let ctx = Context::new().with_threads(2);
    assert!(close(twomode::density(&inc), 89.0 / (18.0 * 14.0), 1e-15));
    assert!(close(
        twomode::robins_alexander_clustering(&inc),
        0.467764,
        5e-7
    ));
    assert!(close(
        twomode::opsahl_clustering(&inc, &ctx).unwrap().0,
        0.771897,
        5e-7
    ));
    assert!(close(
        twomode::exclusive_clustering(&inc, &ctx).unwrap().0,
        0.476378,
        5e-7
    ));
    // Latapy "dot", averaged over all 32 nodes (networkx bipartite.average_clustering)
    let r =
        twomode::latapy_clustering(&inc, Overlap::Dot, Mode::Residents, &Context::new()).unwrap();
    let a = twomode::latapy_clustering(&inc, Overlap::Dot, Mode::Units, &Context::new()).unwrap();
    let mean = (r.iter().sum::<f64>() + a.iter().sum::<f64>()) / 32.0;
    assert!(close(mean, 0.328486, 5e-7), "{mean}");
}

#[test]
fn thread_count_does_not_change_two_mode_clustering() {
    let net = Network::new(datasets::badhuis(300, 4).unwrap());
    let inc = net.incidence(Unit::Activity);
    let one = twomode::exclusive_clustering(&inc, &Context::new().with_threads(1)).unwrap();
    let two = twomode::exclusive_clustering(&inc, &Context::new().with_threads(2)).unwrap();
    assert_eq!(one.0.to_bits(), two.0.to_bits());
    for nodes in [Mode::Residents, Mode::Units] {
        let ctx1 = Context::new().with_threads(1);
        let one = twomode::latapy_clustering(&inc, Overlap::Min, nodes, &ctx1).unwrap();
        let two =
            twomode::latapy_clustering(&inc, Overlap::Min, nodes, &Context::new().with_threads(2))
                .unwrap();
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&one), bits(&two));
        // progress counts every node once
        let (done, total) = ctx1.progress().get();
        assert_eq!((done, total), (one.len() as u64, one.len() as u64));
    }
}

fn register(rows: &[(&str, &str)]) -> Network {
    let mut b = RegisterBuilder::new();
    for (r, a) in rows {
        b.add(*r, *a).unwrap();
    }
    Network::new(b.build(Duplicates::Count).unwrap())
}

/// networkx `bipartite.{degree,closeness,betweenness}_centrality` on Davis, printed to six
/// decimals (tests/data/davis_southern_women/expected_values.json).
#[test]
fn davis_borgatti_everett_centralities() {
    let net = Network::new(datasets::davis_southern_women());
    let inc = net.incidence(Unit::Activity);
    let ctx = Context::new().with_threads(2);
    let deg = twomode::degree_centrality(&inc);
    let clo = twomode::closeness_centrality(&inc, &ctx).unwrap();
    let bet = twomode::betweenness_centrality(&inc, &ctx).unwrap();
    assert_eq!((deg.residents.len(), deg.units.len()), (18, 14));
    assert_eq!((clo.residents.len(), clo.units.len()), (18, 14));
    assert_eq!((bet.residents.len(), bet.units.len()), (18, 14));
    let six = |x: f64| (x * 1e6).round() / 1e6;
    // residents in DAVIS_WOMEN order: 0 Evelyn Jefferson, 1 Laura Mandeville, 13 Nora Fayette,
    // 15 Dorothy Murchison, 17 Flora Price
    for (i, d, c, b) in [
        (0, 0.571429, 0.8, 0.096585),
        (1, 0.5, 0.727273, 0.051358),
        (13, 0.571429, 0.8, 0.113461),
        (15, 0.142857, 0.648649, 0.001954),
        (17, 0.142857, 0.585366, 0.005055),
    ] {
        assert_eq!(six(deg.residents[i]), d, "degree of resident {i}");
        assert_eq!(six(clo.residents[i]), c, "closeness of resident {i}");
        assert_eq!(six(bet.residents[i]), b, "betweenness of resident {i}");
    }
    // events E1..E14 in column order
    for (k, d, c, b) in [
        (0, 0.166667, 0.52381, 0.002154),
        (6, 0.555556, 0.733333, 0.129502),
        (7, 0.777778, 0.846154, 0.243819),
        (8, 0.666667, 0.785714, 0.225514),
        (13, 0.166667, 0.52381, 0.002241),
    ] {
        assert_eq!(six(deg.units[k]), d, "degree of E{}", k + 1);
        assert_eq!(six(clo.units[k]), c, "closeness of E{}", k + 1);
        assert_eq!(six(bet.units[k]), b, "betweenness of E{}", k + 1);
    }
}

#[test]
fn two_mode_centralities_of_a_star_and_of_tiny_networks() {
    // one activity with four residents: everyone is as central as a node of its side can be
    let star = register(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "x")]);
    let inc = star.incidence(Unit::Activity);
    let ctx = Context::new();
    let ones = twomode::TwoModeCentrality {
        residents: vec![1.0; 4],
        units: vec![1.0],
    };
    assert_eq!(twomode::degree_centrality(&inc), ones);
    assert_eq!(twomode::closeness_centrality(&inc, &ctx).unwrap(), ones);
    let b = twomode::betweenness_centrality(&inc, &ctx).unwrap();
    assert_eq!(b.units, vec![1.0]);
    assert_eq!(b.residents, vec![0.0; 4]); // their maximum is 0 (networkx divides by zero)

    // two components, a - x - b and c - y: c and y reach one node, a, b and x two
    let two = register(&[("a", "x"), ("b", "x"), ("c", "y")]);
    let inc = two.incidence(Unit::Activity);
    let c = twomode::closeness_centrality(&inc, &ctx).unwrap();
    // (n, m, N) = (3, 2, 5); a: (2 + 4) / (1 + 2) · 2/4; x: (3 + 2) / 2 · 2/4; c: 6/1 · 1/4
    assert_eq!(c.residents, vec![1.0, 1.0, 1.5]);
    assert_eq!(c.units, vec![1.25, 1.25]);
    let b = twomode::betweenness_centrality(&inc, &ctx).unwrap();
    // x lies on the one a–b path; the maximum for one of 2 units facing 3 residents is
    // ½ [3² + 3 (2 − 1) − (3 − 1)] = 5 (networkx gives the same 0.2)
    assert_eq!(b.units, vec![0.2, 0.0]);
    assert_eq!(b.residents, vec![0.0; 3]);

    // an empty view: no nodes, no values
    let empty = star
        .filter(&wijknet::network::Filter {
            residents: Some(vec![]),
            ..Default::default()
        })
        .unwrap();
    let inc = empty.incidence(Unit::Activity);
    let none = twomode::TwoModeCentrality::default();
    assert_eq!(twomode::degree_centrality(&inc), none);
    assert_eq!(twomode::closeness_centrality(&inc, &ctx).unwrap(), none);
    assert_eq!(twomode::betweenness_centrality(&inc, &ctx).unwrap(), none);
}

#[test]
fn thread_count_does_not_change_two_mode_centralities() {
    let net = Network::new(datasets::badhuis(600, 3).unwrap());
    let inc = net.incidence(Unit::Activity);
    let bits = |c: &twomode::TwoModeCentrality| -> Vec<u64> {
        c.residents
            .iter()
            .chain(&c.units)
            .map(|x| x.to_bits())
            .collect()
    };
    let one = Context::new().with_threads(1);
    let two = Context::new().with_threads(2);
    let b1 = twomode::betweenness_centrality(&inc, &one).unwrap();
    let b2 = twomode::betweenness_centrality(&inc, &two).unwrap();
    assert_eq!(bits(&b1), bits(&b2));
    assert!(b1
        .residents
        .iter()
        .chain(&b1.units)
        .all(|x| (0.0..=1.0).contains(x)));
    let c1 = twomode::closeness_centrality(&inc, &one).unwrap();
    let c2 = twomode::closeness_centrality(&inc, &two).unwrap();
    assert_eq!(bits(&c1), bits(&c2));
}
