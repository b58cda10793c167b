//! A register built piece by piece ([`StreamBuilder`]) is the register built from the whole
//! table ([`Register::from_parts`]): the oracle is the whole table, interned in one pass.
use proptest::prelude::*;
use wijknet::register_builder::{Column, Piece, PieceIds, StreamBuilder};
use wijknet::{DateUnit, Duplicates, Ids, Register, RegisterParts, Role};

/// One row: resident, activity, day, session label, role code.
type Row = (u8, u8, i64, u8, u8);

/// Codes in first-seen order and the distinct values.
fn intern(values: impl Iterator<Item = String>) -> (Vec<u32>, Vec<String>) {
    let mut seen: Vec<String> = Vec::new();
    let codes = values
        .map(|v| match seen.iter().position(|s| *s == v) {
            Some(i) => i as u32,
            None => {
                seen.push(v);
                (seen.len() - 1) as u32
            }
        })
        .collect();
    (codes, seen)
}

fn name(prefix: &str, k: u8) -> String {
    format!("{prefix}{k}")
}

fn oracle(
    rows: &[Row],
    labelled: bool,
    unit: Option<DateUnit>,
    dup: Duplicates,
) -> Result<Register, String> {
    let (resident, rids) = intern(rows.iter().map(|r| name("r", r.0)));
    let (activity, aids) = intern(rows.iter().map(|r| name("a", r.1)));
    let (labels, lids) = intern(rows.iter().map(|r| name("s", r.3)));
    let scale = match unit {
        Some(DateUnit::Second) => 86_400,
        _ => 1,
    };
    Register::from_parts(RegisterParts {
        resident_ids: Ids::Str(rids),
        resident,
        activity_ids: Ids::Str(aids),
        activity,
        date: unit.map(|_| rows.iter().map(|r| r.2 * scale).collect()),
        date_unit: unit.unwrap_or(DateUnit::Day),
        session: labelled.then_some((Ids::Str(lids), labels)),
        role: Some(rows.iter().map(|r| Role::from_code(r.4).unwrap()).collect()),
        count: None,
        duplicates: dup,
    })
    .map_err(|e| e.to_string())
}

/// The table in pieces of `size` rows; piece `k` gives its dates in seconds when `seconds[k]`.
fn pieces(
    rows: &[Row],
    size: usize,
    labelled: bool,
    dated: bool,
    seconds: &[bool],
) -> StreamBuilder {
    let mut b = StreamBuilder::new(dated, labelled);
    for (k, chunk) in rows.chunks(size).enumerate() {
        let (resident, rids) = intern(chunk.iter().map(|r| name("r", r.0)));
        let (activity, aids) = intern(chunk.iter().map(|r| name("a", r.1)));
        let (labels, lids) = intern(chunk.iter().map(|r| name("s", r.3)));
        let in_seconds = seconds
            .get(k % seconds.len().max(1))
            .copied()
            .unwrap_or(false);
        let (unit, scale) = if in_seconds {
            (DateUnit::Second, 86_400)
        } else {
            (DateUnit::Day, 1)
        };
        let date: Vec<i64> = chunk.iter().map(|r| r.2 * scale).collect();
        let role: Vec<u8> = chunk.iter().map(|r| r.4).collect();
        b.push(&Piece {
            resident: &resident,
            resident_ids: PieceIds::Str(&rids),
            activity: &activity,
            activity_ids: PieceIds::Str(&aids),
            date: dated.then_some((&date[..], unit)),
            session: labelled.then_some((&labels[..], PieceIds::Str(&lids))),
            role: Some(&role),
        })
        .unwrap();
    }
    b
}

fn same(a: &Register, b: &Register) {
    assert_eq!(a.resident_ids(), b.resident_ids());
    assert_eq!(a.activity_ids(), b.activity_ids());
    assert_eq!(a.session_activity(), b.session_activity());
    assert_eq!(a.session_date(), b.session_date());
    assert_eq!(a.session_labels(), b.session_labels());
    assert_eq!(a.date_unit(), b.date_unit());
    assert_eq!(a.row_ptr(), b.row_ptr());
    assert_eq!(a.row_session(), b.row_session());
    assert_eq!(a.row_role(), b.row_role());
    assert_eq!(a.row_count(), b.row_count());
    assert_eq!(a.input_rows(), b.input_rows());
    assert_eq!(a.duplicates_found(), b.duplicates_found());
}

fn rows_strategy() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec((0u8..12, 0u8..4, 0i64..5, 0u8..3, 0u8..3), 1..80)
}

proptest! {
    #[test]
    fn any_pieces_give_the_register_of_the_whole_table(
        rows in rows_strategy(),
        size in 1usize..30,
        labelled in any::<bool>(),
        dated in any::<bool>(),
        seconds in prop::collection::vec(any::<bool>(), 1..4),
        drop in any::<bool>(),
    ) {
        let dup = if drop { Duplicates::Drop } else { Duplicates::Count };
        let any_seconds = dated && rows.chunks(size).enumerate().any(|(k, _)| seconds[k % seconds.len()]);
        let unit = dated.then_some(if any_seconds { DateUnit::Second } else { DateUnit::Day });
        let expected = oracle(&rows, labelled, unit, dup).unwrap();
        let built = pieces(&rows, size, labelled, dated, &seconds).finish(dup).unwrap();
        same(&built, &expected);
    }

    #[test]
    fn a_repeat_is_refused_naming_the_rows_the_whole_table_names(
        rows in rows_strategy(),
        size in 1usize..30,
        labelled in any::<bool>(),
    ) {
        let expected = oracle(&rows, labelled, Some(DateUnit::Day), Duplicates::Error);
        let built = pieces(&rows, size, labelled, true, &[false]).finish(Duplicates::Error);
        prop_assert_eq!(built.map_err(|e| e.to_string()).err(), expected.err());
    }

    #[test]
    fn merged_activities_merge_their_sessions(
        rows in rows_strategy(),
        size in 1usize..30,
        labelled in any::<bool>(),
        dated in any::<bool>(),
    ) {
        // a1 is merged into a0 once every piece is in, as the table with a1 written a0 gives
        let mut b = pieces(&rows, size, labelled, dated, &[false]);
        let Some(Ids::Str(old)) = b.ids(Column::Activity) else { panic!() };
        let (remap, new) = intern(old.iter().map(|a| if a == "a1" { "a0".to_string() } else { a.clone() }));
        b.replace_ids(Column::Activity, Ids::Str(new), Some(&remap)).unwrap();
        let built = b.finish(Duplicates::Count).unwrap();
        let merged: Vec<Row> = rows.iter().map(|&(r, a, d, s, o)| (r, if a == 1 { 0 } else { a }, d, s, o)).collect();
        let expected = oracle(&merged, labelled, dated.then_some(DateUnit::Day), Duplicates::Count).unwrap();
        same(&built, &expected);
    }
}

#[test]
fn ids_of_another_type_in_a_later_piece_are_refused() {
    let mut b = StreamBuilder::new(false, false);
    let piece = |ids: PieceIds<'static>| Piece {
        resident: &[0],
        resident_ids: ids,
        activity: &[0],
        activity_ids: PieceIds::Int(&[7]),
        date: None,
        session: None,
        role: None,
    };
    b.push(&piece(PieceIds::Int(&[1]))).unwrap();
    static TEXT: [String; 0] = [];
    let names = vec!["ann".to_string()];
    let err = b
        .push(&Piece {
            resident_ids: PieceIds::Str(&names),
            ..piece(PieceIds::Str(&TEXT))
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("mixes number and text ids"),
        "{err}"
    );
}

#[test]
fn arrow_text_is_read_as_text() {
    let mut b = StreamBuilder::new(false, false);
    let data = b"annbobann";
    b.push(&Piece {
        resident: &[0, 1, 2, 1],
        resident_ids: PieceIds::Utf8 {
            offsets: &[0, 3, 6, 9],
            data,
        },
        activity: &[0, 0, 0, 0],
        activity_ids: PieceIds::Int(&[7]),
        date: None,
        session: None,
        role: None,
    })
    .unwrap();
    let reg = b.finish(Duplicates::Count).unwrap();
    assert_eq!(
        reg.resident_ids(),
        &Ids::Str(vec!["ann".into(), "bob".into()])
    );
    assert_eq!(reg.row_count(), &[2, 2]);
}

#[test]
fn no_rows_is_refused_as_an_empty_table() {
    let err = StreamBuilder::new(true, false)
        .finish(Duplicates::Count)
        .unwrap_err();
    assert!(
        err.to_string().contains("empty") || err.to_string().contains("attendance"),
        "{err}"
    );
}

/// Each row's own text as its id (as the Python reader gives Arrow text): many distinct ids in
/// pieces of rows, some repeated within and across pieces, give the ids in first-seen order and
/// each row its resident, as interning the whole column at once does.
#[test]
fn text_of_each_row_interned_across_pieces_is_interned_as_a_whole_column() {
    let n = 60_000usize;
    let names: Vec<String> = (0..n)
        .map(|k| format!("bewoner {}", (k * 7919) % 20_011))
        .collect();
    let mut index = std::collections::HashMap::new();
    let mut distinct: Vec<String> = Vec::new();
    let codes: Vec<u32> = names
        .iter()
        .map(|s| {
            *index.entry(s.clone()).or_insert_with(|| {
                distinct.push(s.clone());
                (distinct.len() - 1) as u32
            })
        })
        .collect();
    let mut b = StreamBuilder::new(false, false);
    for piece in names.chunks(6_500) {
        let mut offsets = vec![0i64];
        let mut data = Vec::new();
        for s in piece {
            data.extend_from_slice(s.as_bytes());
            offsets.push(data.len() as i64);
        }
        let rows: Vec<u32> = (0..piece.len() as u32).collect();
        b.push(&Piece {
            resident: &rows,
            resident_ids: PieceIds::Utf8 {
                offsets: &offsets,
                data: &data,
            },
            activity: &vec![0; piece.len()],
            activity_ids: PieceIds::Str(&["dans".to_string()]),
            date: None,
            session: None,
            role: None,
        })
        .unwrap();
    }
    assert_eq!(b.id_rows(Column::Resident).unwrap().len(), distinct.len());
    let reg = b.finish(Duplicates::Count).unwrap();
    assert_eq!(reg.resident_ids(), &Ids::Str(distinct.clone()));
    let mut rows = vec![0u32; distinct.len()];
    for &c in &codes {
        rows[c as usize] += 1;
    }
    assert_eq!(reg.row_count(), &rows[..]);
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let mut b = StreamBuilder::new(false, false);
    let err = b
        .push(&Piece {
            resident: &[0, 1],
            resident_ids: PieceIds::Utf8 {
                offsets: &[0, 3, 5],
                data: b"ann\xff\xfe",
            },
            activity: &[0, 0],
            activity_ids: PieceIds::Int(&[7]),
            date: None,
            session: None,
            role: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("UTF-8"), "{err}");
}
