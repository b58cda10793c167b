//! `Register::from_parts` on arbitrary interned columns: codes out of range, columns of
//! different lengths, any dates, session labels, roles and counts. Accepted registers keep
//! every row (rows = input rows − merged repeats) and pass the network checks.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wijknet::{DateUnit, Duplicates, Ids, Network, Register, RegisterParts, Role};

#[derive(Arbitrary, Debug)]
struct Input {
    resident_ids: IdsIn,
    resident: Vec<u8>,
    activity_ids: IdsIn,
    activity: Vec<u8>,
    date: Option<Vec<i64>>,
    date_unit: u8,
    session: Option<(IdsIn, Vec<u8>)>,
    role: Option<Vec<u8>>,
    count: Option<Vec<u32>>,
    duplicates: u8,
}

#[derive(Arbitrary, Debug)]
enum IdsIn {
    Str(Vec<String>),
    Int(Vec<i64>),
    /// `n` distinct integers (the common case, so that most inputs build).
    Range(u8),
}

impl IdsIn {
    fn ids(self) -> Ids {
        match self {
            IdsIn::Str(v) => Ids::Str(v),
            IdsIn::Int(v) => Ids::Int(v),
            IdsIn::Range(n) => Ids::Int((0..i64::from(n)).collect()),
        }
    }
}

fn codes(v: Vec<u8>) -> Vec<u32> {
    v.into_iter().map(u32::from).collect()
}

fuzz_target!(|input: Input| {
    let parts = RegisterParts {
        resident_ids: input.resident_ids.ids(),
        resident: codes(input.resident),
        activity_ids: input.activity_ids.ids(),
        activity: codes(input.activity),
        date: input.date,
        date_unit: [DateUnit::Day, DateUnit::Second, DateUnit::Millisecond]
            [usize::from(input.date_unit % 3)],
        session: input.session.map(|(ids, s)| (ids.ids(), codes(s))),
        role: input.role.map(|r| {
            r.into_iter()
                .map(|c| Role::from_code(c % 3).unwrap())
                .collect()
        }),
        count: input.count,
        duplicates: [Duplicates::Count, Duplicates::Drop, Duplicates::Error]
            [usize::from(input.duplicates % 3)],
    };
    let n = parts.resident.len();
    let counts: Option<u64> = parts
        .count
        .as_ref()
        .map(|c| c.iter().take(n).map(|&c| u64::from(c)).sum());
    let policy = parts.duplicates;
    let Ok(reg) = Register::from_parts(parts) else {
        return;
    };
    assert_eq!(reg.input_rows(), n);
    assert_eq!(
        reg.n_rows() + reg.duplicates_found(),
        n,
        "rows lost or invented"
    );
    let total: u64 = reg.row_count().iter().map(|&c| u64::from(c)).sum();
    match policy {
        Duplicates::Count => assert_eq!(total, counts.unwrap_or(n as u64)),
        Duplicates::Drop => assert_eq!(total, reg.n_rows() as u64),
        Duplicates::Error => assert_eq!(reg.duplicates_found(), 0),
    }
    wijknet_fuzz::assert_round_trip(&reg);
    let net = Network::new(reg);
    wijknet_fuzz::check_network(&net);
    wijknet_fuzz::assert_round_trip(&net);
});
