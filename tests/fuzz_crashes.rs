//! Inputs that made the core panic before it checked them (found by the fuzz targets in
//! `fuzz/`): each now gives a clear error, or a value the core can use.
use wijknet::calendar::{periods_between, Freq, MAX_DAYS};
use wijknet::ids::Ids;
use wijknet::{DateUnit, Duplicates, Error, Graph, RegisterBuilder, RegisterParts};

fn message(e: Error) -> String {
    e.to_string()
}

#[test]
fn periods_of_dates_at_the_ends_of_the_range_are_an_error() {
    // (d_hi - d_lo) overflowed, and so did the period ends in milliseconds
    for unit in [DateUnit::Day, DateUnit::Second, DateUnit::Millisecond] {
        for freq in [Freq::Days(7), Freq::Month, Freq::Quarter, Freq::Year] {
            for (lo, hi) in [
                (i64::MIN, i64::MAX),
                (i64::MAX, i64::MAX),
                (i64::MIN, i64::MIN),
            ] {
                if let Err(e) = periods_between(freq, unit, lo, hi) {
                    let m = message(e);
                    assert!(m.contains("date") || m.contains("freq"), "{m}");
                }
            }
        }
    }
    let e = periods_between(Freq::Month, DateUnit::Day, 0, MAX_DAYS + 1).unwrap_err();
    assert!(message(e).contains("outside the calendar"));
    // the last day in range still works
    let p = periods_between(Freq::Days(1), DateUnit::Day, MAX_DAYS, MAX_DAYS).unwrap();
    assert_eq!(p.len(), 1);
}

#[test]
fn a_rejected_row_leaves_the_builder_as_it_was() {
    let mut b = RegisterBuilder::new();
    b.add("ann", "dance").unwrap();
    // the resident is new and fine, the activity has the wrong type: nothing is added
    assert!(b.add("bob", 5i64).is_err());
    b.add("cas", "dance").unwrap();
    let reg = b.build(Duplicates::Count).unwrap();
    assert_eq!(reg.n_residents(), 2);
    assert_eq!(reg.input_rows(), 2);
    assert_eq!(
        reg.resident_ids(),
        &Ids::Str(vec!["ann".into(), "cas".into()])
    );
}

fn parts(resident_ids: Ids, resident: Vec<u32>) -> RegisterParts {
    RegisterParts {
        resident_ids,
        activity: vec![0; resident.len()],
        resident,
        activity_ids: Ids::Int(vec![7]),
        ..RegisterParts::default()
    }
}

#[test]
fn repeated_ids_in_register_parts_are_an_error() {
    // accepted before, but the saved register could not be read back
    let e =
        wijknet::Register::from_parts(parts(Ids::Int(vec![1, 2, 1]), vec![0, 1, 2])).unwrap_err();
    let m = message(e);
    assert!(m.contains("resident ids") && m.contains("row 2"), "{m}");
    let mut p = parts(Ids::Int(vec![1]), vec![0]);
    p.activity_ids = Ids::Str(vec!["a".into(), "a".into()]);
    assert!(message(wijknet::Register::from_parts(p).unwrap_err()).contains("activity ids"));
}

#[test]
fn counts_of_repeated_rows_that_overflow_are_an_error() {
    let mut p = parts(Ids::Int(vec![1]), vec![0, 0]);
    p.count = Some(vec![u32::MAX, 1]);
    let m = message(wijknet::Register::from_parts(p).unwrap_err());
    assert!(m.contains("column 'count', row 1"), "{m}");
    // the same rows with drop keep one
    let mut p = parts(Ids::Int(vec![1]), vec![0, 0]);
    p.count = Some(vec![u32::MAX, 1]);
    p.duplicates = Duplicates::Drop;
    assert!(wijknet::Register::from_parts(p).is_ok());
}

#[test]
fn repeated_edges_whose_weights_add_up_to_infinity_are_an_error() {
    let ids = Ids::Int(vec![0, 1, 2]);
    let edges = [(0, 1, 1.0), (1, 2, f64::MAX), (2, 1, f64::MAX)];
    for directed in [false, true] {
        let r = Graph::from_edges(ids.clone(), &edges, directed);
        if directed {
            // (1, 2) and (2, 1) are different edges
            assert!(r.is_ok());
        } else {
            let m = message(r.unwrap_err());
            assert!(
                m.contains("column 'weight', row 1") && m.contains("add up"),
                "{m}"
            );
        }
    }
}

/// Saved data (the `serde` feature): read back checked.
#[cfg(feature = "serde")]
mod saved_data {
    use super::message;
    use wijknet::ids::{Id, Ids};
    use wijknet::{Context, Duplicates, Graph, Network, Projection, RegisterBuilder, Role};

    /// A small network with dates, roles, a survey layer with waves and respondents.
    fn saved_network() -> Network {
        let mut b = RegisterBuilder::new();
        for (r, a, d, role) in [
            ("ann", "dance", 3, Role::Participant),
            ("bob", "dance", 3, Role::Volunteer),
            ("cas", "dance", 10, Role::Participant),
            ("cas", "yoga", 4, Role::Organiser),
            ("dee", "yoga", 4, Role::Participant),
        ] {
            b.add_dated(r, a, d, role).unwrap();
        }
        let net = Network::new(b.build(Duplicates::Count).unwrap());
        let s = |v: &[&str]| Ids::Str(v.iter().map(|x| x.to_string()).collect());
        let (net, _) = net
            .with_ties(wijknet::layers::TieTable {
                layer: "support".into(),
                directed: true,
                source: s(&["ann", "bob", "cas"]),
                target: s(&["bob", "zoe", "ann"]),
                weight: Some(vec![1.0, 2.0, 0.5]),
                wave: Some(Ids::Int(vec![1, 1, 2])),
                respondents: Some(s(&["ann", "bob", "cas", "dee"])),
            })
            .unwrap();
        net.window(Some(3), Some(5)).unwrap()
    }

    /// Whatever `from_bytes` accepts can be used.
    fn use_network(net: &Network) {
        let s = net.summary();
        assert!(s.attendances <= net.register().n_rows());
        let _ = net.rows();
        let ctx = Context::new().with_threads(1);
        let _ = net.project(&Projection::default(), &ctx);
        for name in net.layer_names() {
            let _ = net.layer_with(&name, Some(&Id::Int(1)), &ctx);
        }
    }

    fn use_graph(g: &Graph) {
        let _ = wijknet::metrics::degree(g);
        let _ = wijknet::metrics::connected_components(g);
        let _ = g.edges();
        for i in 0..g.node_count() {
            let _ = g.is_respondent(i);
            if i + 1 < g.node_count() {
                let _ = g.provenance(i, i + 1);
            }
        }
        if let Some(src) = g.source() {
            use_network(&src.network);
        }
    }

    /// A value's payload (its postcard encoding) framed as format version 2, which every
    /// reader reads and which has no checksum: a changed byte reaches the decoder.
    fn saved<T: serde::Serialize>(value: &T) -> Vec<u8> {
        let mut b = b"WJKN\x02\x00".to_vec();
        b.extend(postcard::to_allocvec(value).unwrap());
        b
    }

    /// Every one-byte change of a saved network, layer graph and projection (the kind of damage
    /// a disk or a transfer does) reads as an error or as a value the core can use — before the
    /// values read were checked, offsets, indices and fixedbitset's own reader panicked.
    #[test]
    fn every_one_byte_change_of_saved_data_is_an_error_or_usable() {
        use wijknet::persist::from_bytes;
        let net = saved_network();
        let layer = net.layer("support", Some(&Id::Int(1))).unwrap();
        let projection = net
            .project(&Projection::default(), &Context::new())
            .unwrap();
        let mut rejected = 0;
        let files = [saved(&net), saved(&layer), saved(&projection)];
        for (k, bytes) in files.iter().enumerate() {
            for pos in 6..bytes.len() {
                for v in [
                    0u8,
                    1,
                    2,
                    3,
                    0x7f,
                    0x80,
                    0xff,
                    bytes[pos] ^ 1,
                    bytes[pos].wrapping_add(8),
                ] {
                    let mut b = bytes.clone();
                    b[pos] = v;
                    let ok = if k == 0 {
                        from_bytes::<Network>(&b).map(|n| use_network(&n))
                    } else {
                        from_bytes::<Graph>(&b).map(|g| use_graph(&g))
                    };
                    if let Err(e) = ok {
                        assert!(message(e).starts_with("cannot read serialized wijknet data"));
                        rejected += 1;
                    }
                }
            }
        }
        assert!(rejected > 0);
    }

    #[test]
    fn inconsistent_saved_data_names_what_is_wrong() {
        use wijknet::persist::from_bytes;
        // a register of one resident: changing its only session code (the row's) to 9 leaves
        // an index out of range
        let mut b = RegisterBuilder::new();
        b.add(10i64, 20i64).unwrap();
        let net = Network::new(b.build(Duplicates::Count).unwrap());
        let bytes = saved(&net);
        let mut found = false;
        for pos in 6..bytes.len() {
            let mut b = bytes.clone();
            b[pos] = 9;
            if let Err(e) = from_bytes::<Network>(&b) {
                let m = message(e);
                if m.contains("register sessions of rows: entry 0 is 9, there are only 1") {
                    assert!(m.contains("damaged"), "{m}");
                    found = true;
                }
            }
        }
        assert!(found, "no message names the session out of range");
    }
}
