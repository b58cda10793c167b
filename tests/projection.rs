//! Projection kernel against a brute-force oracle, and its invariants (proptest).
use proptest::prelude::*;
use std::collections::BTreeSet;
use wijknet::{metrics, Context, Duplicates, Network, Projection, RegisterBuilder, Unit, Weight};

/// Random dated register: (resident, activity, day) rows.
fn register<R: Copy + Into<i64>>(rows: &[(R, u8, u8)]) -> Network {
    let mut b = RegisterBuilder::new();
    for &(r, a, d) in rows {
        b.add_dated(
            r.into(),
            format!("act{a}"),
            d as i64,
            wijknet::Role::Participant,
        )
        .unwrap();
    }
    Network::new(b.build(Duplicates::Count).unwrap())
}

/// Brute force: unit sets per resident (units as (activity, date) or activity), then weights.
fn brute<R: Copy + Into<i64>>(
    rows: &[(R, u8, u8)],
    net: &Network,
    spec: &Projection,
) -> Vec<Vec<(usize, f64)>> {
    let ids: Vec<i64> = match net.register().resident_ids() {
        wijknet::Ids::Int(v) => v.clone(),
        _ => unreachable!(),
    };
    let unit_of = |&(_, a, d): &(R, u8, u8)| -> (u8, u8) {
        match spec.unit {
            Unit::Activity => (a, 0),
            Unit::Session => (a, d),
        }
    };
    let mut members: std::collections::BTreeMap<(u8, u8), BTreeSet<i64>> = Default::default();
    for row in rows {
        members
            .entry(unit_of(row))
            .or_default()
            .insert(row.0.into());
    }
    let max = spec.max_activity_size.unwrap_or(usize::MAX);
    members.retain(|_, m| m.len() <= max);
    let sets: Vec<BTreeSet<(u8, u8)>> = ids
        .iter()
        .map(|&r| {
            members
                .iter()
                .filter(|(_, m)| m.contains(&r))
                .map(|(u, _)| *u)
                .collect()
        })
        .collect();
    let n = ids.len();
    let mut out = vec![Vec::new(); n];
    for i in 0..n {
        for j in 0..n {
            if i == j {
                continue;
            }
            let shared: Vec<&(u8, u8)> = sets[i].intersection(&sets[j]).collect();
            if shared.is_empty() {
                continue;
            }
            let c = shared.len() as f64;
            let w = match spec.weight {
                Weight::Count => c,
                Weight::Newman => shared
                    .iter()
                    .map(|u| 1.0 / (members[u].len() as f64 - 1.0))
                    .sum(),
                Weight::Jaccard => c / sets[i].union(&sets[j]).count() as f64,
                Weight::Overlap => c / sets[i].len().min(sets[j].len()) as f64,
            };
            if spec.min_weight.is_none_or(|m| w >= m) {
                out[i].push((j, w));
            }
        }
    }
    out
}

/// The projection of `rows` by `spec` tie for tie against [`brute`].
fn same_as_brute_force<R: Copy + Into<i64>>(
    rows: &[(R, u8, u8)],
    spec: &Projection,
) -> Result<(), TestCaseError> {
    let net = register(rows);
    let g = net.project(spec, &Context::new()).unwrap();
    let expect = brute(rows, &net, spec);
    prop_assert_eq!(g.node_count(), net.register().n_residents());
    for (i, exp) in expect.iter().enumerate() {
        let row = g.neighbors_of(i);
        let ws = g.out_csr().row_weights(i);
        prop_assert_eq!(row.len(), exp.len(), "row {}", i);
        for ((&j, &w), &(ej, ew)) in row.iter().zip(ws).zip(exp) {
            prop_assert_eq!(j as usize, ej);
            prop_assert!(
                (w - ew).abs() <= 1e-12 * ew.abs().max(1.0),
                "w {} vs {}",
                w,
                ew
            );
        }
    }
    Ok(())
}

fn weights() -> impl Strategy<Value = Weight> {
    prop_oneof![
        Just(Weight::Count),
        Just(Weight::Newman),
        Just(Weight::Jaccard),
        Just(Weight::Overlap)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn matches_brute_force(
        rows in prop::collection::vec((0u8..25, 0u8..8, 0u8..4), 1..120),
        weight in weights(),
        session in any::<bool>(),
        min_weight in prop::option::of(0.0f64..2.0),
        max_size in prop::option::of(1usize..10),
    ) {
        let spec = Projection {
            weight,
            unit: if session { Unit::Session } else { Unit::Activity },
            min_weight,
            max_activity_size: max_size,
            pair_budget: None,
        };
        same_as_brute_force(&rows, &spec)?;
    }

    #[test]
    fn symmetric_nonnegative_and_thread_independent(
        rows in prop::collection::vec((0u8..60, 0u8..12, 0u8..6), 1..300),
        weight in weights(),
    ) {
        let net = register(&rows);
        let spec = Projection::weight(weight).with_unit(Unit::Session);
        let one = net.project(&spec, &Context::new().with_threads(1)).unwrap();
        let three = net.project(&spec, &Context::new().with_threads(3)).unwrap();
        prop_assert_eq!(one.out_csr(), three.out_csr());
        let (s, t, w) = one.edges();
        for k in 0..s.len() {
            prop_assert!(w[k] > 0.0);
            prop_assert_eq!(one.weight(t[k] as usize, s[k] as usize).map(f64::to_bits), Some(w[k].to_bits()));
        }
        // Number of pairs: a tie for every pair sharing a unit, never more than Σ n(n-1)/2.
        let inc = net.incidence(Unit::Session);
        prop_assert!(one.edge_count() as u64 <= wijknet::projection::pair_count(&inc, None));
        prop_assert_eq!(metrics::degree(&one).iter().sum::<u64>() as usize, 2 * one.edge_count());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Hundreds of co-members per resident: rows long enough for the kernel to order them
    /// through its bitmap rather than by sorting.
    #[test]
    fn matches_brute_force_on_long_rows(
        rows in prop::collection::vec((0u16..300, 0u8..5, 0u8..3), 300..1200),
        weight in weights(),
        session in any::<bool>(),
        min_weight in prop::option::of(0.0f64..2.0),
        max_size in prop::option::of(50usize..400),
    ) {
        let spec = Projection {
            weight,
            unit: if session { Unit::Session } else { Unit::Activity },
            min_weight,
            max_activity_size: max_size,
            pair_budget: None,
        };
        same_as_brute_force(&rows, &spec)?;
    }
}

#[test]
fn budget_error_names_the_options() {
    let rows: Vec<(u8, u8, u8)> = (0..50).map(|r| (r, 0, 0)).collect();
    let net = register(&rows);
    let spec = Projection {
        pair_budget: Some(100),
        ..Default::default()
    };
    let err = net.project(&spec, &Context::new()).unwrap_err().to_string();
    assert!(err.contains("1225"), "{err}");
    for hint in [
        "Projection::max_activity_size",
        "Network::window",
        "Unit::Session",
        "Projection::pair_budget",
    ] {
        assert!(err.contains(hint), "{hint} missing from {err}");
    }
}

#[test]
fn cancelled_context_stops_the_kernel() {
    let rows: Vec<(u8, u8, u8)> = (0..200u32)
        .map(|r| ((r % 250) as u8, (r % 7) as u8, 0))
        .collect();
    let net = register(&rows);
    let ctx = Context::new();
    ctx.cancel();
    assert!(matches!(
        net.project(&Projection::default(), &ctx),
        Err(wijknet::Error::Cancelled)
    ));
}

#[test]
fn views_window_and_filter() {
    let rows = [(1, 0, 1), (2, 0, 1), (3, 0, 5), (1, 1, 5), (4, 1, 9)];
    let net = register(&rows);
    let early = net.window(Some(0), Some(5)).unwrap();
    assert_eq!(early.summary().residents, 2);
    let g = early
        .project(&Projection::default(), &Context::new())
        .unwrap();
    assert_eq!(g.edge_count(), 1);
    let act1 = net
        .filter(&wijknet::Filter {
            activities: Some(vec![1]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(act1.summary().residents, 2);
    // the view shares the register
    assert!(std::sync::Arc::ptr_eq(
        net.register_arc(),
        act1.register_arc()
    ));
}

#[test]
fn budget_error_counts_in_plain_words() {
    // one session of two residents: one pair over one session, the largest has 2 participants
    let net = register(&[(1, 0, 1), (2, 0, 1)]);
    let zero = Projection {
        unit: Unit::Session,
        pair_budget: Some(0),
        ..Default::default()
    };
    let err = net.project(&zero, &Context::new()).unwrap_err().to_string();
    assert!(err.contains("up to 1 resident pair ("), "{err}");
    assert!(err.contains("over 1 session;"), "{err}");
    assert!(err.contains("the largest has 2 participants"), "{err}");
    assert!(!err.contains("units"), "{err}");
    // many: plurals
    let net = register(&[(1, 0, 1), (2, 0, 1), (3, 1, 1), (4, 1, 1), (5, 1, 1)]);
    let by_activity = Projection {
        unit: Unit::Activity,
        pair_budget: Some(1),
        ..Default::default()
    };
    let err = net
        .project(&by_activity, &Context::new())
        .unwrap_err()
        .to_string();
    assert!(err.contains("up to 4 resident pairs ("), "{err}");
    assert!(err.contains("over 2 activities;"), "{err}");
    assert!(err.contains("the largest has 3 participants"), "{err}");
    let one_activity = register(&[(1, 0, 1), (2, 0, 2)]);
    let zero_by_activity = Projection {
        pair_budget: Some(0),
        ..by_activity
    };
    let err = one_activity
        .project(&zero_by_activity, &Context::new())
        .unwrap_err()
        .to_string();
    assert!(err.contains("over 1 activity;"), "{err}");
}

#[test]
fn filter_refuses_indexes_outside_the_register() {
    let net = register(&[(1, 0, 1), (2, 1, 1)]);
    let err = net
        .filter(&wijknet::Filter {
            activities: Some(vec![0, 2]),
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        matches!(&err, wijknet::Error::InvalidArgument { name, .. } if name == "activities"),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("2 is not an activity index: the register has 2 activities"),
        "{text}"
    );
    let err = net
        .filter(&wijknet::Filter {
            residents: Some(vec![u32::MAX]),
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        matches!(&err, wijknet::Error::InvalidArgument { name, .. } if name == "residents"),
        "{err:?}"
    );
    // indexes inside the register still filter
    let view = net
        .filter(&wijknet::Filter {
            residents: Some(vec![1]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(view.summary().residents, 1);
}

#[test]
fn provenance_refuses_nodes_outside_the_graph() {
    let net = register(&[(1, 0, 1), (2, 0, 1)]);
    let g = net
        .project(&Projection::default(), &Context::new())
        .unwrap();
    assert_eq!(g.provenance(0, 1).unwrap(), vec![0]);
    for (a, b, name) in [(2, 0, "a"), (0, 5, "b"), (usize::MAX, usize::MAX, "a")] {
        let err = g.provenance(a, b).unwrap_err();
        assert!(
            matches!(&err, wijknet::Error::InvalidArgument { name: n, .. } if n == name),
            "{err:?}"
        );
        assert!(err.to_string().contains("the graph has 2 nodes"), "{err}");
    }
}

/// Residents whose co-members are few but spread over a register of 200,000 residents: the
/// kernel orders such rows by sorting instead of scanning its bitmap. Checked tie for tie
/// against pair counts per activity.
#[test]
fn rows_spread_over_a_wide_register_match_pair_counts() {
    let n: i64 = 200_000;
    let mut b = RegisterBuilder::new();
    for r in 0..n {
        b.add_dated(r, format!("solo{r}"), 0, wijknet::Role::Participant)
            .unwrap();
    }
    // three activities of 80 members each, strided over the whole register and overlapping
    let spread: Vec<Vec<i64>> = vec![
        (0..80).map(|k| k * 2500).collect(),
        (0..80)
            .map(|k| k * 2500 + if k % 2 == 0 { 0 } else { 1250 })
            .collect(),
        (0..80).map(|k| (k * 2477 + 13) % n).collect(),
    ];
    for (a, members) in spread.iter().enumerate() {
        for &r in members {
            b.add_dated(r, format!("spread{a}"), 0, wijknet::Role::Participant)
                .unwrap();
        }
    }
    let net = Network::new(b.build(Duplicates::Count).unwrap());
    for weight in [Weight::Count, Weight::Newman] {
        let spec = Projection {
            weight,
            ..Default::default()
        };
        let g = net.project(&spec, &Context::new()).unwrap();
        let mut expect: std::collections::BTreeMap<(usize, usize), f64> = Default::default();
        for members in &spread {
            let m = members.len() as f64;
            for &x in members {
                for &y in members {
                    if x != y {
                        let w = if weight == Weight::Count {
                            1.0
                        } else {
                            1.0 / (m - 1.0)
                        };
                        *expect.entry((x as usize, y as usize)).or_default() += w;
                    }
                }
            }
        }
        let mut got: std::collections::BTreeMap<(usize, usize), f64> = Default::default();
        for i in 0..g.node_count() {
            for (&j, &w) in g.neighbors_of(i).iter().zip(g.out_csr().row_weights(i)) {
                got.insert((i, j as usize), w);
            }
            assert!(
                g.neighbors_of(i).windows(2).all(|p| p[0] < p[1]),
                "row {i} not in order"
            );
        }
        assert_eq!(got.len(), expect.len());
        for (k, w) in &expect {
            assert!((got[k] - w).abs() < 1e-12, "{k:?}: {} vs {w}", got[k]);
        }
    }
}
