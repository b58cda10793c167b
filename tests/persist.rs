//! The persisted format: round trips of networks, graphs and sections; the version 3 header
//! (kind, length, checksum); every damaged, cut, joined, foreign or future input refused with
//! a clear error and never a panic; the committed version 2 and 3 samples still read.
#![cfg(feature = "serde")]

use proptest::prelude::*;
use wijknet::persist::{self, Kind, Sections, Stored, FORMAT_VERSION, HEADER_LEN};
use wijknet::{datasets, Context, Duplicates, Graph, Network, Projection, RegisterBuilder, Weight};

fn davis() -> Network {
    Network::new(datasets::davis_southern_women())
}

fn projection(net: &Network) -> Graph {
    let spec = Projection {
        weight: Weight::Newman,
        ..Projection::default()
    };
    net.project(&spec, &Context::new()).unwrap()
}

fn message(e: wijknet::Error) -> String {
    match e {
        wijknet::Error::Serialization(m) => m,
        other => panic!("expected a serialization error, got {other:?}"),
    }
}

fn read_err<T: persist::Persist + std::fmt::Debug>(bytes: &[u8]) -> String {
    message(persist::from_bytes::<T>(bytes).unwrap_err())
}

/// `bytes` with its header's checksum recomputed (to reach the checks after the checksum).
fn resealed(mut bytes: Vec<u8>) -> Vec<u8> {
    let mut h = crc32fast::Hasher::new();
    h.update(&bytes[..16]);
    h.update(&bytes[HEADER_LEN..]);
    let crc = h.finalize();
    bytes[16..20].copy_from_slice(&crc.to_le_bytes());
    bytes
}

/// The version 2 form of version 3 bytes: the payload encoding did not change.
fn as_version_2(bytes: &[u8]) -> Vec<u8> {
    let mut v2 = b"WJKN".to_vec();
    v2.extend_from_slice(&2u16.to_le_bytes());
    v2.extend_from_slice(&bytes[HEADER_LEN..]);
    v2
}

#[test]
fn header_has_magic_version_kind_length_and_checksum() {
    let net = davis();
    let b = persist::to_bytes(&net).unwrap();
    assert_eq!(&b[..4], b"WJKN");
    assert_eq!(u16::from_le_bytes([b[4], b[5]]), 3);
    assert_eq!(FORMAT_VERSION, 3);
    assert_eq!(b[6], Kind::Network.code());
    assert_eq!(b[7], 0);
    let len = u64::from_le_bytes(b[8..16].try_into().unwrap());
    assert_eq!(len as usize, b.len() - HEADER_LEN);
    let mut h = crc32fast::Hasher::new();
    h.update(&b[..16]);
    h.update(&b[HEADER_LEN..]);
    assert_eq!(
        u32::from_le_bytes(b[16..20].try_into().unwrap()),
        h.finalize()
    );
    let header = persist::header(&b).unwrap();
    assert_eq!(header.version, 3);
    assert_eq!(header.kind, Some(Kind::Network));
    assert_eq!(header.payload_len, b.len() - HEADER_LEN);

    let g = persist::to_bytes(&projection(&net)).unwrap();
    assert_eq!(g[6], Kind::Graph.code());
    let s = persist::to_bytes(&Sections::default()).unwrap();
    assert_eq!(s[6], Kind::Sections.code());
    for kind in [Kind::Network, Kind::Graph, Kind::Sections] {
        assert_eq!(Kind::from_code(kind.code()), Some(kind));
    }
    assert_eq!(Kind::from_code(0), None);
}

#[test]
fn networks_graphs_and_sections_round_trip() {
    let net = davis();
    let b = persist::to_bytes(&net).unwrap();
    let back: Network = persist::from_bytes(&b).unwrap();
    assert_eq!(back.summary(), net.summary());
    assert_eq!(persist::to_bytes(&back).unwrap(), b);

    let g = projection(&net);
    let gb = persist::to_bytes(&g).unwrap();
    let back: Graph = persist::from_bytes(&gb).unwrap();
    assert_eq!(back.edges(), g.edges());
    assert_eq!(back.nodes().ids, g.nodes().ids);
    assert_eq!(persist::to_bytes(&back).unwrap(), gb);

    let sections = Sections {
        entries: vec![
            ("meta".into(), b"{\"object\": \"Network\"}".to_vec()),
            ("network".into(), b.clone()),
            ("empty".into(), Vec::new()),
        ],
    };
    let sb = persist::to_bytes(&sections).unwrap();
    let back: Sections = persist::from_bytes(&sb).unwrap();
    assert_eq!(back, sections);
    assert_eq!(back.get("network"), Some(b.as_slice()));
    assert_eq!(back.get("empty"), Some(&[][..]));
    assert_eq!(back.get("missing"), None);

    match persist::load(&b).unwrap() {
        Stored::Network(n) => assert_eq!(n.summary(), net.summary()),
        other => panic!("{other:?}"),
    }
    match persist::load(&gb).unwrap() {
        Stored::Graph(x) => assert_eq!(x.edges(), g.edges()),
        other => panic!("{other:?}"),
    }
    match persist::load(&sb).unwrap() {
        Stored::Sections(x) => assert_eq!(x, sections),
        other => panic!("{other:?}"),
    }
}

/// Sections' bytes are written as one block, which postcard encodes exactly as a sequence of
/// `u8` (what the first version 3 files hold).
#[test]
fn sections_encode_their_bytes_as_a_sequence_of_u8() {
    let entries = vec![
        ("meta".to_string(), b"{}".to_vec()),
        (
            "big".to_string(),
            (0..=255u8).cycle().take(70_000).collect(),
        ),
    ];
    let fast = persist::to_bytes(&Sections {
        entries: entries.clone(),
    })
    .unwrap();
    let plain = postcard::to_stdvec(&entries).unwrap();
    assert_eq!(&fast[HEADER_LEN..], plain.as_slice());
    let back: Sections = persist::from_bytes(&fast).unwrap();
    assert_eq!(back.entries, entries);
}

#[test]
fn the_wrong_kind_is_named() {
    let net = davis();
    let b = persist::to_bytes(&net).unwrap();
    let gb = persist::to_bytes(&projection(&net)).unwrap();
    assert_eq!(
        read_err::<Graph>(&b),
        "these bytes hold a network, not a graph"
    );
    assert_eq!(
        read_err::<Network>(&gb),
        "these bytes hold a graph, not a network"
    );
    assert!(read_err::<Sections>(&b).contains("hold a network, not a sections"));
    // version 2 bytes never held sections
    assert!(read_err::<Sections>(&as_version_2(&b)).contains("version 2"));
}

#[test]
fn version_2_bytes_still_read() {
    let net = davis();
    let g = projection(&net);
    let v2 = as_version_2(&persist::to_bytes(&net).unwrap());
    let back: Network = persist::from_bytes(&v2).unwrap();
    assert_eq!(back.summary(), net.summary());
    let header = persist::header(&v2).unwrap();
    assert_eq!((header.version, header.kind), (2, None));
    let gv2 = as_version_2(&persist::to_bytes(&g).unwrap());
    let back: Graph = persist::from_bytes(&gv2).unwrap();
    assert_eq!(back.edges(), g.edges());
    // load tells them apart
    assert!(matches!(persist::load(&v2).unwrap(), Stored::Network(_)));
    assert!(matches!(persist::load(&gv2).unwrap(), Stored::Graph(_)));
    // and a version 2 network is not a graph
    assert!(persist::from_bytes::<Graph>(&v2).is_err());
    // cut version 2 bytes are refused (no checksum: the decoder finds it)
    for cut in [v2.len() - 1, v2.len() / 2, 7] {
        assert!(persist::from_bytes::<Network>(&v2[..cut]).is_err());
        assert!(persist::load(&v2[..cut]).is_err());
    }
    let mut joined = v2.clone();
    joined.push(0);
    assert!(read_err::<Network>(&joined).contains("unexpected bytes"));
}

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/persist");

/// The committed sample files (written by tests/data/persist/make_samples.py) read with the
/// numbers of the sample: 8 residents, 4 activities, 7 sessions, 15 attendances, and the newman
/// projection per session with 10 ties (ann–bob 0.5, ann–dia 1).
#[test]
fn committed_samples_of_every_version_read() {
    for version in 2..=FORMAT_VERSION {
        let path = format!("{SAMPLES}/network-v{version}.wijknet");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(persist::header(&bytes).unwrap().version, version);
        let net: Network = if version == 2 {
            persist::from_bytes(&bytes).unwrap()
        } else {
            // version 3 files are sections written by the Python package: the network is one
            let sections: Sections = persist::from_bytes(&bytes).unwrap();
            persist::from_bytes(sections.get("network").unwrap()).unwrap()
        };
        let s = net.summary();
        assert_eq!(
            (s.residents, s.activities, s.sessions, s.attendances),
            (8, 4, 7, 15),
            "{path}"
        );
        assert_eq!(net.layer_names()[0], "support");

        let path = format!("{SAMPLES}/graph-v{version}.wijknet");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let g: Graph = if version == 2 {
            persist::from_bytes(&bytes).unwrap()
        } else {
            let sections: Sections = persist::from_bytes(&bytes).unwrap();
            persist::from_bytes(sections.get("graph").unwrap()).unwrap()
        };
        assert_eq!((g.node_count(), g.edge_count()), (8, 10), "{path}");
        assert_eq!(g.weight(0, 1), Some(0.5));
        assert_eq!(g.weight(0, 3), Some(1.0));
        // the projection of the stored network gives the stored graph
        assert_eq!(projection_per_session(&net).edges(), g.edges(), "{path}");
    }
}

fn projection_per_session(net: &Network) -> Graph {
    let spec = Projection {
        weight: Weight::Newman,
        unit: wijknet::Unit::Session,
        ..Projection::default()
    };
    net.project(&spec, &Context::new()).unwrap()
}

#[test]
fn foreign_empty_and_short_bytes_are_refused() {
    let b = persist::to_bytes(&davis()).unwrap();
    assert!(read_err::<Network>(&[]).contains("nothing to read"));
    assert!(read_err::<Network>(b"PK\x03\x04 a zip file").contains("not wijknet data"));
    assert!(read_err::<Network>(b"resident,activity\nann,yoga\n").contains("not wijknet data"));
    for cut in 1..HEADER_LEN {
        let m = read_err::<Network>(&b[..cut]);
        assert!(m.contains("cut short"), "{cut}: {m}");
    }
    let m = read_err::<Network>(&b[..b.len() - 1]);
    assert!(m.contains("cut short") && m.contains("announces"), "{m}");
}

#[test]
fn every_cut_is_refused() {
    let net = davis();
    for b in [
        persist::to_bytes(&net).unwrap(),
        persist::to_bytes(&projection(&net)).unwrap(),
    ] {
        for cut in 0..b.len() {
            assert!(persist::load(&b[..cut]).is_err(), "cut at {cut}");
        }
    }
}

#[test]
fn every_flipped_bit_is_refused() {
    let b = persist::to_bytes(&davis()).unwrap();
    for i in 0..b.len() {
        for bit in 0..8 {
            let mut d = b.clone();
            d[i] ^= 1 << bit;
            let e = persist::load(&d).unwrap_err();
            let m = message(e);
            if i >= HEADER_LEN {
                assert!(m.contains("checksum"), "byte {i}: {m}");
            }
        }
    }
}

#[test]
fn joined_bytes_are_refused() {
    let b = persist::to_bytes(&davis()).unwrap();
    let mut joined = b.clone();
    joined.extend_from_slice(&b);
    assert!(read_err::<Network>(&joined).contains("unexpected bytes"));
}

#[test]
fn other_versions_are_refused_naming_both() {
    let b = persist::to_bytes(&davis()).unwrap();
    for v in [0u16, 1, 4, 7, u16::MAX] {
        let mut d = b.clone();
        d[4..6].copy_from_slice(&v.to_le_bytes());
        let m = read_err::<Network>(&d);
        assert!(m.contains(&format!("version {v}")), "{m}");
        assert!(m.contains(&format!("version {FORMAT_VERSION}")), "{m}");
        if v > FORMAT_VERSION {
            assert!(m.contains("newer wijknet") && m.contains("upgrade"), "{m}");
        }
    }
}

#[test]
fn unknown_kinds_and_flags_are_refused() {
    let b = persist::to_bytes(&davis()).unwrap();
    let mut d = b.clone();
    d[6] = 9;
    assert!(read_err::<Network>(&d).contains("checksum"));
    let m = read_err::<Network>(&resealed(d));
    assert!(m.contains("kind 9") && m.contains("newer wijknet"), "{m}");
    let mut d = b.clone();
    d[7] = 1;
    let m = read_err::<Network>(&resealed(d));
    assert!(m.contains("flags") && m.contains("newer wijknet"), "{m}");
}

#[test]
fn a_payload_that_passes_the_checksum_but_does_not_decode_is_refused() {
    let mut d = persist::to_bytes(&Sections::default()).unwrap();
    d[6] = Kind::Network.code();
    let m = read_err::<Network>(&resealed(d));
    assert!(m.contains("network could not be decoded"), "{m}");
}

fn random_network(rows: &[(u8, u8)]) -> Network {
    let mut b = RegisterBuilder::new();
    for (r, a) in rows {
        b.add(format!("r{r}"), format!("a{a}")).unwrap();
    }
    Network::new(b.build(Duplicates::Count).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No input at all makes a reader panic.
    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..256), v in 0u16..6) {
        let _ = persist::load(&data);
        let mut with_header = b"WJKN".to_vec();
        with_header.extend_from_slice(&v.to_le_bytes());
        with_header.extend_from_slice(&data);
        let _ = persist::load(&with_header);
        let _ = persist::from_bytes::<Network>(&with_header);
        let _ = persist::from_bytes::<Graph>(&with_header);
        let _ = persist::from_bytes::<Sections>(&with_header);
    }

    /// Random networks round trip in version 3 and in their version 2 form.
    #[test]
    fn random_networks_round_trip(rows in proptest::collection::vec((0u8..20, 0u8..6), 1..60)) {
        let net = random_network(&rows);
        let b = persist::to_bytes(&net).unwrap();
        let back: Network = persist::from_bytes(&b).unwrap();
        prop_assert_eq!(back.summary(), net.summary());
        let back: Network = persist::from_bytes(&as_version_2(&b)).unwrap();
        prop_assert_eq!(persist::to_bytes(&back).unwrap(), b);
    }

    /// Any changed byte of a version 3 payload is caught by the checksum.
    #[test]
    fn changed_bytes_are_caught(rows in proptest::collection::vec((0u8..20, 0u8..6), 1..40), at in any::<prop::sample::Index>(), to in 1u8..=255) {
        let b = persist::to_bytes(&random_network(&rows)).unwrap();
        let mut d = b.clone();
        let i = HEADER_LEN + at.index(b.len() - HEADER_LEN);
        d[i] ^= to;
        let e = persist::load(&d).unwrap_err();
        prop_assert!(message(e).contains("checksum"));
    }
}
