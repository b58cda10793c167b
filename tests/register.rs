//! Register building: sessions, duplicates, roles, errors.
use wijknet::{DateUnit, Duplicates, Ids, Register, RegisterParts, Role};

fn parts(res: &[u32], act: &[u32], date: &[i64], dup: Duplicates) -> RegisterParts {
    let nr = res.iter().max().map_or(0, |m| m + 1);
    let na = act.iter().max().map_or(0, |m| m + 1);
    RegisterParts {
        resident_ids: Ids::Int((0..nr as i64).map(|i| 100 + i).collect()),
        resident: res.to_vec(),
        activity_ids: Ids::Str((0..na).map(|a| format!("a{a}")).collect()),
        activity: act.to_vec(),
        date: Some(date.to_vec()),
        date_unit: DateUnit::Day,
        session: None,
        role: Some(
            vec![
                Role::Participant,
                Role::Organiser,
                Role::Participant,
                Role::Volunteer,
            ][..res.len().min(4)]
                .to_vec(),
        )
        .filter(|r| r.len() == res.len()),
        count: None,
        duplicates: dup,
    }
}

#[test]
fn sessions_are_activity_and_date_in_first_seen_order() {
    let reg = Register::from_parts(parts(
        &[0, 1, 0, 1],
        &[0, 0, 1, 0],
        &[5, 5, 5, 9],
        Duplicates::Count,
    ))
    .unwrap();
    assert_eq!(reg.n_sessions(), 3);
    assert_eq!(reg.session_activity(), &[0, 1, 0]);
    assert_eq!(reg.session_date().unwrap(), &[5, 5, 9]);
    // rows sorted by resident then session
    assert_eq!(reg.row_session(), &[0, 1, 0, 2]);
    assert_eq!(
        reg.row_role(),
        &[
            Role::Participant,
            Role::Participant,
            Role::Organiser,
            Role::Volunteer
        ]
    );
}

#[test]
fn duplicates_count_drop_error() {
    let rows = (&[0, 0, 0, 1][..], &[0, 0, 0, 0][..], &[1, 1, 1, 1][..]);
    let count = Register::from_parts(parts(rows.0, rows.1, rows.2, Duplicates::Count)).unwrap();
    assert_eq!(count.n_rows(), 2);
    assert_eq!(count.duplicates_found(), 2);
    assert_eq!(count.row_count(), &[3, 1]);
    // the strongest role of the merged rows is kept
    assert_eq!(count.row_role()[0], Role::Organiser);
    let drop = Register::from_parts(parts(rows.0, rows.1, rows.2, Duplicates::Drop)).unwrap();
    assert_eq!(drop.row_count(), &[1, 1]);
    assert_eq!(drop.duplicates_found(), 2);
    let err = Register::from_parts(parts(rows.0, rows.1, rows.2, Duplicates::Error))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("rows 0 and 1") && err.contains("duplicates=\"count\""),
        "{err}"
    );
}

#[test]
fn wide_date_ranges_use_the_hash_path() {
    // millisecond timestamps over years: too wide for the dense table
    let d = [0i64, 3_000_000_000_000, 0, 3_000_000_000_000];
    let reg =
        Register::from_parts(parts(&[0, 1, 2, 2], &[0, 0, 0, 0], &d, Duplicates::Count)).unwrap();
    assert_eq!(reg.n_sessions(), 2);
    assert_eq!(reg.session_date().unwrap(), &[0, 3_000_000_000_000]);
}

#[test]
fn empty_and_inconsistent_inputs_are_errors() {
    let e = Register::from_parts(parts(&[], &[], &[], Duplicates::Count))
        .unwrap_err()
        .to_string();
    assert!(e.contains("empty"), "{e}");
    let mut p = parts(&[0, 1], &[0, 0], &[1, 1], Duplicates::Count);
    p.activity.pop();
    assert!(Register::from_parts(p)
        .unwrap_err()
        .to_string()
        .contains("activity"));
    let mut p = parts(&[0, 1], &[0, 0], &[1, 1], Duplicates::Count);
    p.resident[1] = 7;
    assert!(Register::from_parts(p)
        .unwrap_err()
        .to_string()
        .contains("row 1"));
}

#[test]
fn session_labels_override_dates() {
    let mut p = parts(&[0, 1, 2], &[0, 0, 1], &[3, 4, 3], Duplicates::Count);
    p.session = Some((Ids::Str(vec!["week 1".into()]), vec![0, 0, 0]));
    let reg = Register::from_parts(p).unwrap();
    // (activity, label): residents 0 and 1 share a session although their dates differ
    assert_eq!(reg.n_sessions(), 2);
    assert_eq!(reg.session_date().unwrap(), &[3, 3]);
    assert_eq!(reg.session_labels().unwrap().1, &[0, 0]);
}

#[test]
fn mixed_id_types_in_the_builder_name_the_row() {
    let mut b = wijknet::RegisterBuilder::new();
    b.add("ann", "dance").unwrap();
    let e = b.add(5i64, "dance").unwrap_err().to_string();
    assert!(e.contains("row 1") && e.contains("integer"), "{e}");
}
