use wijknet::{datasets::badhuis, Register, RegisterParts, DateUnit, Role};
#[test]
#[ignore]
fn order_cost() {
    let reg = badhuis(1_000_000, 1).unwrap();
    let sa = reg.session_activity(); let sd = reg.session_date().unwrap();
    let mut res = vec![]; let mut act = vec![]; let mut date = vec![]; let mut role = vec![]; let mut sess = vec![];
    for r in 0..reg.n_residents() as u32 { for row in reg.rows_of(r) { let s = reg.row_session()[row]; res.push(r); act.push(sa[s as usize]); date.push(sd[s as usize]); role.push(reg.row_role()[row]); sess.push(s);} }
    let mut idx: Vec<usize> = (0..res.len()).collect(); idx.sort_by_key(|&i| sess[i]);
    let perm = |v: &Vec<u32>| idx.iter().map(|&i| v[i]).collect::<Vec<u32>>();
    let (res2, act2) = (perm(&res), perm(&act));
    let date2: Vec<i64> = idx.iter().map(|&i| date[i]).collect();
    let role2: Vec<Role> = idx.iter().map(|&i| role[i]).collect();
    let mk = |res: &Vec<u32>, act: &Vec<u32>, date: &Vec<i64>, role: &Vec<Role>| RegisterParts { resident_ids: reg.resident_ids().clone(), resident: res.clone(), activity_ids: reg.activity_ids().clone(), activity: act.clone(), date: Some(date.clone()), date_unit: DateUnit::Day, role: Some(role.clone()), ..Default::default() };
    for _ in 0..2 {
        let p = mk(&res, &act, &date, &role); let t = std::time::Instant::now(); let r1 = Register::from_parts(p).unwrap(); println!("resident-major {:?}", t.elapsed());
        let p = mk(&res2, &act2, &date2, &role2); let t = std::time::Instant::now(); let r2 = Register::from_parts(p).unwrap(); println!("session-major {:?}", t.elapsed());
        assert_eq!(r1.n_rows(), r2.n_rows());
        let t = std::time::Instant::now(); let r3 = r1.with_resident_attributes("r", reg.resident_ids(), vec![]).unwrap(); println!("with_resident_attributes(no cols) {:?}", t.elapsed()); drop(r3);
    }
}
