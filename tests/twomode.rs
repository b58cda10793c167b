//! Two-mode measures against published values (Davis 1941; Clique A, Brunson's bitriad vignette).
use wijknet::metrics::twomode::{self, Mode, Overlap};
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
    let r = twomode::latapy_clustering(&inc, Overlap::Dot, Mode::Residents);
    let a = twomode::latapy_clustering(&inc, Overlap::Dot, Mode::Units);
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
}
