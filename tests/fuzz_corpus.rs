//! The seed corpus of the fuzz targets that read saved data (`fuzz/corpus/persist_*`): small
//! networks, registers and graphs as the payload of saved data (their postcard encoding,
//! which every format version stores after its header), for the fuzzer to mutate.
//! The test checks that the committed files are exactly what this version writes and that
//! they read back; after a change of the encoding, write them again with
//! `WIJKNET_WRITE_FUZZ_CORPUS=1 cargo test --features serde --test fuzz_corpus`.
#![cfg(feature = "serde")]
use std::path::PathBuf;
use wijknet::attributes::Column;
use wijknet::ids::{Id, Ids};
use wijknet::layers::TieTable;
use wijknet::persist::from_bytes;
use wijknet::{
    Context, Duplicates, Graph, Network, Projection, Register, RegisterBuilder, Role, Unit,
};

/// The payload of saved data: the value's postcard encoding.
fn to_bytes<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, postcard::Error> {
    postcard::to_allocvec(value)
}

/// `payload` framed as format version 2 (magic, version; no checksum), which every reader
/// reads.
fn framed(payload: &[u8]) -> Vec<u8> {
    let mut b = b"WJKN\x02\x00".to_vec();
    b.extend_from_slice(payload);
    b
}

fn s(v: &[&str]) -> Ids {
    Ids::Str(v.iter().map(|x| x.to_string()).collect())
}

fn undated() -> Register {
    let mut b = RegisterBuilder::new();
    for (r, a) in [
        ("ann", "dance"),
        ("bob", "dance"),
        ("cas", "yoga"),
        ("ann", "yoga"),
    ] {
        b.add(r, a).unwrap();
    }
    b.build(Duplicates::Count).unwrap()
}

fn dated() -> Register {
    let mut b = RegisterBuilder::new();
    for (r, a, d, role) in [
        (1, 10, 20_000, Role::Participant),
        (2, 10, 20_000, Role::Volunteer),
        (3, 10, 20_007, Role::Participant),
        (3, 11, 20_001, Role::Organiser),
        (4, 11, 20_001, Role::Participant),
        (4, 11, 20_001, Role::Participant),
    ] {
        b.add_dated(r as i64, a as i64, d, role).unwrap();
    }
    b.build(Duplicates::Count).unwrap()
}

fn with_ties(net: &Network) -> Network {
    net.with_ties(TieTable {
        layer: "support".into(),
        directed: true,
        source: s(&["ann", "bob", "cas"]),
        target: s(&["bob", "zoe", "ann"]),
        weight: Some(vec![1.0, 2.0, 0.5]),
        wave: Some(Ids::Int(vec![1, 1, 2])),
        respondents: Some(s(&["ann", "bob", "cas"])),
    })
    .unwrap()
    .0
}

fn files() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let ctx = Context::new().with_threads(1);
    let plain = Network::new(undated());
    let attrs = plain
        .with_resident_attributes(
            "resident",
            &s(&["ann", "cas"]),
            vec![
                ("age".into(), Column::Numeric(vec![71.0, f64::NAN])),
                (
                    "area".into(),
                    Column::Categorical {
                        codes: vec![0, -1],
                        levels: vec!["north".into()],
                    },
                ),
            ],
        )
        .unwrap();
    let tied = with_ties(&plain);
    let timed = Network::new(dated());
    let window = timed.window(Some(20_000), Some(20_002)).unwrap();
    let by_session = Projection::default().with_unit(Unit::Session);
    let graph = |g: Graph| to_bytes(&g).unwrap();
    vec![
        ("persist_register", "undated", to_bytes(&undated()).unwrap()),
        ("persist_register", "dated", to_bytes(&dated()).unwrap()),
        ("persist_network", "plain", to_bytes(&plain).unwrap()),
        ("persist_network", "attributes", to_bytes(&attrs).unwrap()),
        ("persist_network", "ties", to_bytes(&tied).unwrap()),
        ("persist_network", "window", to_bytes(&window).unwrap()),
        (
            "persist_graph",
            "edges",
            graph(
                Graph::from_edges(Ids::Int(vec![5, 6, 7]), &[(0, 1, 1.0), (1, 2, 0.5)], false)
                    .unwrap(),
            ),
        ),
        (
            "persist_graph",
            "directed",
            graph(
                Graph::from_edges(s(&["a", "b", "c"]), &[(0, 1, 1.0), (2, 1, 3.0)], true).unwrap(),
            ),
        ),
        (
            "persist_graph",
            "projection",
            graph(plain.project(&Projection::default(), &ctx).unwrap()),
        ),
        (
            "persist_graph",
            "sessions",
            graph(window.project(&by_session, &ctx).unwrap()),
        ),
        (
            "persist_graph",
            "layer",
            graph(tied.layer("support", Some(&Id::Int(1))).unwrap()),
        ),
    ]
}

#[test]
fn the_committed_seed_corpus_is_what_this_version_writes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let write = std::env::var_os("WIJKNET_WRITE_FUZZ_CORPUS").is_some();
    for (target, name, bytes) in files() {
        let path = root.join(target).join(name);
        if write {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
            continue;
        }
        let Ok(committed) = std::fs::read(&path) else {
            // the published crate holds no fuzz corpus
            continue;
        };
        assert!(
            committed == bytes,
            "{} differs from what this version writes; write the corpus again with \
             WIJKNET_WRITE_FUZZ_CORPUS=1 cargo test --features serde --test fuzz_corpus",
            path.display()
        );
        match target {
            "persist_register" => drop(postcard::from_bytes::<Register>(&bytes).unwrap()),
            "persist_network" => drop(from_bytes::<Network>(&framed(&bytes)).unwrap()),
            _ => drop(from_bytes::<Graph>(&framed(&bytes)).unwrap()),
        }
    }
}
