//! Davis's Southern Women: 18 women × 14 social events (Davis, Gardner & Gardner 1941).
use super::*;

/// The 18 women, as networkx's `davis_southern_women_graph` names them, in its order.
const DAVIS_WOMEN: [&str; 18] = [
    "Evelyn Jefferson",
    "Laura Mandeville",
    "Theresa Anderson",
    "Brenda Rogers",
    "Charlotte McDowd",
    "Frances Anderson",
    "Eleanor Nye",
    "Pearl Oglethorpe",
    "Ruth DeSand",
    "Verne Sanderson",
    "Myra Liddel",
    "Katherina Rogers",
    "Sylvia Avondale",
    "Nora Fayette",
    "Helen Lloyd",
    "Dorothy Murchison",
    "Olivia Carleton",
    "Flora Price",
];

/// The 18 × 14 incidence matrix (rows: women as in [`DAVIS_WOMEN`]; columns: E1..E14).
const DAVIS_INCIDENCE: [[u8; 14]; 18] = [
    [1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0],
    [1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
    [0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
    [1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1],
    [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1],
    [0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1],
    [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0],
];

/// The Davis Southern Women register: 18 women × 14 informal social events in "Old City"
/// (Natchez, Mississippi), 1935, with 89 attendances (Davis, Gardner & Gardner 1941, *Deep
/// South*; Breiger 1974, "The duality of persons and groups").
///
/// Residents are the women, named exactly as networkx's `davis_southern_women_graph` names
/// them ("Evelyn Jefferson", …, "Flora Price", in that order), so results can be compared
/// with networkx node by node; activities are the events "E1" … "E14" in the original column
/// order. The register is undated, every row is a participant, and each event is one session.
///
/// # Returns
/// A [`Register`] with 18 residents, 14 activities and 89 rows.
///
/// # Complexity
/// O(89); the table is embedded in the crate (no file is read).
///
/// # Example
/// ```
/// use wijknet::{datasets, Id};
/// let reg = datasets::davis_southern_women();
/// assert_eq!((reg.n_residents(), reg.n_activities(), reg.n_rows()), (18, 14, 89));
/// let evelyn = reg.resident_index(&Id::from("Evelyn Jefferson")).unwrap();
/// assert_eq!(reg.rows_of(evelyn).len(), 8);
/// ```
pub fn davis_southern_women() -> Register {
    let mut resident = Vec::with_capacity(89);
    let mut activity = Vec::with_capacity(89);
    for (w, row) in DAVIS_INCIDENCE.iter().enumerate() {
        for (e, &x) in row.iter().enumerate() {
            if x == 1 {
                resident.push(w as u32);
                activity.push(e as u32);
            }
        }
    }
    let parts = RegisterParts {
        resident_ids: Ids::Str(DAVIS_WOMEN.iter().map(|s| s.to_string()).collect()),
        resident,
        activity_ids: Ids::Str((1..=14).map(|e| format!("E{e}")).collect()),
        activity,
        ..RegisterParts::default()
    };
    Register::from_parts(parts).expect("the embedded Davis table is valid")
}
