//! `Network::with_ties` on arbitrary tie tables (ids inside and outside the register, of the
//! wrong type, self-ties, bad weights, waves, respondents), several layers in a row, then
//! every layer (and wave) as a graph.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wijknet::layers::TieTable;
use wijknet::{Duplicates, Ids, Network, RegisterBuilder, Role};

#[derive(Arbitrary, Debug)]
enum IdsIn {
    Small(Vec<u8>),
    Str(Vec<String>),
    Int(Vec<i64>),
}

impl IdsIn {
    fn ids(self) -> Ids {
        match self {
            // ids 0..24: the register has 0..16, so some are outside it
            IdsIn::Small(v) => Ids::Int(v.into_iter().map(|i| i64::from(i % 24)).collect()),
            IdsIn::Str(v) => Ids::Str(v),
            IdsIn::Int(v) => Ids::Int(v),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Table {
    layer: String,
    directed: bool,
    source: IdsIn,
    target: IdsIn,
    weight: Option<Vec<f64>>,
    wave: Option<IdsIn>,
    respondents: Option<IdsIn>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    rows: Vec<(u8, u8, u8)>,
    tables: Vec<Table>,
    filter_roles: bool,
}

fuzz_target!(|input: Input| {
    let mut b = RegisterBuilder::new();
    for &(r, a, role) in input.rows.iter().take(64) {
        b.add_dated(
            i64::from(r % 16),
            i64::from(a % 8),
            i64::from(role),
            Role::from_code(role % 3).unwrap(),
        )
        .unwrap();
    }
    let Ok(reg) = b.build(Duplicates::Count) else {
        return;
    };
    let mut net = Network::new(reg);
    for t in input.tables.into_iter().take(4) {
        let table = TieTable {
            layer: t.layer,
            directed: t.directed,
            source: t.source.ids(),
            target: t.target.ids(),
            weight: t.weight,
            wave: t.wave.map(IdsIn::ids),
            respondents: t.respondents.map(IdsIn::ids),
        };
        let rows = table.source.len();
        if let Ok((next, report)) = net.with_ties(table) {
            assert_eq!(report.rows, rows);
            assert_eq!(
                report.ties + report.repeated,
                rows,
                "tie rows lost or invented"
            );
            net = next;
        }
    }
    wijknet_fuzz::check_network(&net);
    if input.filter_roles {
        let view = net
            .filter(&wijknet::Filter {
                roles: Some(vec![Role::Organiser]),
                ..Default::default()
            })
            .expect("register indices");
        wijknet_fuzz::check_network(&view);
    }
    wijknet_fuzz::assert_round_trip(&net);
});
