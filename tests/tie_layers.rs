//! Tie layers from the Rust API: survey layers with outside people and respondents, waves,
//! combining repeated reports, derived layers, views and pseudonymised ids.
use wijknet::ids::{Id, Ids};
use wijknet::layers::{TieTable, CO_ORGANISING, CO_PARTICIPATION};
use wijknet::metrics::ego::{
    ego_measures, reciprocity, share_nobody_to_ask, EgoOptions, Reciprocity,
};
use wijknet::register::Role;
use wijknet::{Context, Duplicates, Network, Projection, RegisterBuilder};

fn s(v: &[&str]) -> Ids {
    Ids::Str(v.iter().map(|x| x.to_string()).collect())
}

fn small() -> Network {
    let mut b = RegisterBuilder::new();
    for (r, a) in [
        ("ann", "dance"),
        ("bob", "dance"),
        ("cas", "dance"),
        ("cas", "yoga"),
        ("dee", "yoga"),
    ] {
        b.add(r, a).unwrap();
    }
    Network::new(b.build(Duplicates::Count).unwrap())
}

fn table(src: &[&str], tgt: &[&str]) -> TieTable {
    TieTable {
        layer: "support".into(),
        directed: true,
        source: s(src),
        target: s(tgt),
        weight: None,
        wave: None,
        respondents: None,
    }
}

#[test]
fn outside_people_and_respondents() {
    let net = small();
    let mut t = table(&["ann", "bob", "bob", "bob"], &["bob", "ann", "zoe", "zoe"]);
    t.respondents = Some(s(&["ann", "dee"]));
    let (net, report) = net.with_ties(t).unwrap();
    assert_eq!(
        (
            report.rows,
            report.ties,
            report.repeated,
            report.outside_added
        ),
        (4, 3, 1, 1)
    );
    let g = net.layer("support", None).unwrap();
    assert_eq!(g.node_count(), 5); // ann bob cas dee + zoe
    assert_eq!(g.nodes().ids.get(4), Id::from("zoe"));
    // bob reported ties, so he answered too; cas and zoe were not asked
    let asked: Vec<bool> = (0..5).map(|i| g.is_respondent(i)).collect();
    assert_eq!(asked, [true, true, false, true, false]);
    // ann ⇄ bob mutual; bob → zoe does not count (zoe not asked)
    assert_eq!(reciprocity(&g, Reciprocity::Edges).unwrap(), 1.0);
    // dee named nobody: 1 of 3 respondents
    assert!((share_nobody_to_ask(&g, None).unwrap() - 1.0 / 3.0).abs() < 1e-15);
    let m = ego_measures(&g, &EgoOptions::default(), &Context::new()).unwrap();
    assert!(m.constraint[2].is_nan() && m.constraint[4].is_nan());
    assert!(!m.constraint[0].is_nan());
    assert_eq!(
        net.layer_names(),
        ["support", CO_PARTICIPATION, CO_ORGANISING]
    );
}

#[test]
fn undirected_reports_combine_by_largest_weight_and_waves_stay_apart() {
    let net = small();
    let t = TieTable {
        layer: "met here".into(),
        directed: false,
        source: s(&["ann", "bob", "ann"]),
        target: s(&["bob", "ann", "bob"]),
        weight: Some(vec![1.0, 3.0, 2.0]),
        wave: Some(Ids::Int(vec![1, 1, 2])),
        respondents: None,
    };
    let (net, report) = net.with_ties(t).unwrap();
    assert_eq!(report.repeated, 1);
    let w1 = net.layer("met here", Some(&Id::Int(1))).unwrap();
    assert_eq!((w1.edge_count(), w1.weight(0, 1)), (1, Some(3.0)));
    let w2 = net.layer("met here", Some(&Id::Int(2))).unwrap();
    assert_eq!(w2.weight(1, 0), Some(2.0));
    assert!(net.layer("met here", None).is_err()); // two waves: pick one
    assert!(net.layer("met here", Some(&Id::Int(3))).is_err());
}

#[test]
fn bad_tables_are_errors() {
    let net = small();
    assert!(net.with_ties(table(&["ann"], &["ann"])).is_err()); // self-tie
    let mut t = table(&["ann"], &["bob"]);
    t.source = Ids::Int(vec![1]);
    t.target = Ids::Int(vec![2]);
    assert!(net.with_ties(t).is_err()); // ids of another type than the register's
    let mut t = table(&["ann"], &["bob"]);
    t.weight = Some(vec![f64::NAN]);
    assert!(net.with_ties(t).is_err());
    let mut t = table(&["ann"], &["bob"]);
    t.layer = CO_PARTICIPATION.into();
    assert!(net.with_ties(t).is_err());
    let (net2, _) = net.with_ties(table(&["ann"], &["bob"])).unwrap();
    assert!(net2.with_ties(table(&["ann"], &["bob"])).is_err()); // name taken
    assert!(net2.layer("nope", None).is_err());
}

#[test]
fn derived_layers() {
    let mut b = RegisterBuilder::new();
    for (r, a, role) in [
        ("ann", "dance", Role::Organiser),
        ("bob", "dance", Role::Volunteer),
        ("cas", "dance", Role::Participant),
        ("ann", "yoga", Role::Volunteer),
        ("cas", "yoga", Role::Organiser),
    ] {
        b.add_dated(r, a, 0, role).unwrap();
    }
    let net = Network::new(b.build(Duplicates::Count).unwrap());
    let ctx = Context::new();
    let co = net.layer(CO_PARTICIPATION, None).unwrap();
    let proj = net.project(&Projection::default(), &ctx).unwrap();
    assert_eq!(co.out_csr(), proj.out_csr());
    let org = net.layer(CO_ORGANISING, None).unwrap();
    assert_eq!(org.node_count(), 3);
    // ann-bob organise dance together, ann-cas yoga; bob-cas never
    assert_eq!(
        (org.weight(0, 1), org.weight(0, 2), org.weight(1, 2)),
        (Some(1.0), Some(1.0), None)
    );
}

#[test]
fn pseudonymised_ids_cover_outside_people_and_serde_round_trips() {
    let net = small();
    let (net, _) = net.with_ties(table(&["ann"], &["zoe"])).unwrap();
    let ids = s(&["p1", "p2", "p3", "p4", "p5"]);
    let p = net.with_resident_ids(ids).unwrap();
    let g = p.layer("support", None).unwrap();
    assert_eq!(g.nodes().ids, s(&["p1", "p2", "p3", "p4", "p5"]));
    assert!(net.with_resident_ids(s(&["p1", "p2", "p3", "p4"])).is_err());
    #[cfg(feature = "serde")]
    {
        let bytes = wijknet::persist::to_bytes(&net).unwrap();
        let back: Network = wijknet::persist::from_bytes(&bytes).unwrap();
        assert_eq!(back.ties(), net.ties());
    }
}
