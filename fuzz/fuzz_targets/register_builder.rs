//! `RegisterBuilder` row by row: string and integer ids mixed, dated and undated rows mixed,
//! any date unit and duplicates policy.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wijknet::{DateUnit, Duplicates, Id, Network, RegisterBuilder, Role};

#[derive(Arbitrary, Debug)]
enum IdIn {
    Str(String),
    Int(i64),
    Small(u8),
}

impl From<IdIn> for Id {
    fn from(id: IdIn) -> Id {
        match id {
            IdIn::Str(s) => Id::Str(s),
            IdIn::Int(i) => Id::Int(i),
            IdIn::Small(i) => Id::Int(i64::from(i % 16)),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Row {
    resident: IdIn,
    activity: IdIn,
    date: Option<i64>,
    role: u8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    unit: u8,
    duplicates: u8,
    rows: Vec<Row>,
}

fuzz_target!(|input: Input| {
    let unit =
        [DateUnit::Day, DateUnit::Second, DateUnit::Millisecond][usize::from(input.unit % 3)];
    let mut b = RegisterBuilder::new().date_unit(unit);
    let mut added = 0usize;
    for row in input.rows {
        let role = Role::from_code(row.role % 3).unwrap();
        let ok = match row.date {
            Some(d) => b.add_dated(row.resident, row.activity, d, role),
            None if row.role % 2 == 0 => b.add(row.resident, row.activity),
            None => continue,
        };
        if ok.is_ok() {
            added += 1;
        }
    }
    let duplicates =
        [Duplicates::Count, Duplicates::Drop, Duplicates::Error][usize::from(input.duplicates % 3)];
    let reg = match b.build(duplicates) {
        Ok(reg) => reg,
        // a rejected row leaves the builder as it was: only these may fail
        Err(e) => {
            assert!(
                added == 0 || duplicates == Duplicates::Error,
                "{added} rows were accepted but the build failed: {e}"
            );
            return;
        }
    };
    assert_eq!(reg.input_rows(), added);
    assert_eq!(reg.n_rows() + reg.duplicates_found(), added);
    let net = Network::new(reg);
    wijknet_fuzz::check_network(&net);
    if net.register().has_dates() {
        let d = net.register().session_date().unwrap();
        let (lo, hi) = (d.iter().min().copied(), d.iter().max().copied());
        if let Ok(w) = net.window(lo, hi) {
            wijknet_fuzz::check_network(&w);
        }
    }
    wijknet_fuzz::assert_round_trip(&net);
});
