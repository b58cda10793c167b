//! Consistency checks of registers, networks and graphs read from bytes.
//!
//! The builders ([`Register::from_parts`], [`Graph::from_edges`],
//! [`Network::with_ties`](crate::Network::with_ties)) give
//! these guarantees by construction; data read by [`crate::persist::from_bytes`] may come from a
//! damaged or hand-made file, so deserializing checks them before any analysis indexes with
//! them: every offset array starts at 0, never decreases and ends at its data's length, every
//! index is in range, neighbour and session lists are strictly ascending, weights are finite
//! and ≥ 0, an undirected adjacency is symmetric and a directed one's in-adjacency is its
//! transpose. Each check is linear in the size of the data.
use crate::attributes::{Attributes, Column};
use crate::error::{Error, Result};
use crate::graph::{Csr, Graph};
use crate::ids::Ids;
use crate::layers::{Ties, CO_ORGANISING, CO_PARTICIPATION};
use crate::register::{DateUnit, Duplicates, Register, Role};
use std::sync::{Arc, OnceLock};

fn bad(what: &str, message: impl std::fmt::Display) -> Error {
    Error::Serialization(format!(
        "{what}: {message} (the data is damaged or was not written by wijknet)"
    ))
}

/// `ptr` is a valid offset array of `rows` rows over `len` entries.
fn offsets(what: &str, ptr: &[usize], rows: usize, len: usize) -> Result<()> {
    if ptr.len() != rows + 1 {
        return Err(bad(what, format!("{} offsets for {rows} rows", ptr.len())));
    }
    if ptr[0] != 0 || ptr[rows] != len {
        return Err(bad(
            what,
            format!(
                "offsets run from {} to {}, not 0 to {len}",
                ptr[0], ptr[rows]
            ),
        ));
    }
    if let Some(i) = ptr.windows(2).position(|w| w[0] > w[1]) {
        return Err(bad(what, format!("offsets decrease at row {i}")));
    }
    Ok(())
}

/// Every value of `codes` is below `n`.
fn in_range(what: &str, codes: &[u32], n: usize) -> Result<()> {
    match codes.iter().position(|&c| c as usize >= n) {
        Some(i) => Err(bad(
            what,
            format!("entry {i} is {}, there are only {n}", codes[i]),
        )),
        None => Ok(()),
    }
}

fn same_len(what: &str, got: usize, expected: usize) -> Result<()> {
    if got != expected {
        return Err(bad(what, format!("{got} values, expected {expected}")));
    }
    Ok(())
}

fn distinct(what: &str, ids: &Ids) -> Result<()> {
    ids.check_distinct(what).map_err(|e| bad(what, e))
}

/// Every column has `n` values; category codes are missing (-1) or index a level; booleans are
/// -1, 0 or 1.
pub(crate) fn attributes(what: &str, attrs: &Attributes, n: usize) -> Result<()> {
    for (name, col) in attrs.columns() {
        let what = format!("{what} attribute '{name}'");
        same_len(&what, col.len(), n)?;
        match col {
            Column::Categorical { codes, levels } => {
                if let Some(&c) = codes
                    .iter()
                    .find(|&&c| c < -1 || c as i64 >= levels.len() as i64)
                {
                    return Err(bad(
                        &what,
                        format!("category code {c} of {} levels", levels.len()),
                    ));
                }
            }
            Column::Bool(v) => {
                if let Some(&b) = v.iter().find(|&&b| !(-1..=1).contains(&b)) {
                    return Err(bad(&what, format!("boolean value {b}")));
                }
            }
            Column::Numeric(_) => {}
        }
    }
    Ok(())
}

/// The invariants [`Register::from_parts`] establishes.
pub(crate) fn register(reg: &Register) -> Result<()> {
    let (n_res, n_act, n_sess) = (reg.n_residents(), reg.n_activities(), reg.n_sessions());
    let n_rows = reg.n_rows();
    distinct("register resident ids", reg.resident_ids())?;
    distinct("register activity ids", reg.activity_ids())?;
    offsets("register rows", reg.row_ptr(), n_res, n_rows)?;
    same_len("register roles", reg.row_role().len(), n_rows)?;
    same_len("register counts", reg.row_count().len(), n_rows)?;
    in_range("register sessions of rows", reg.row_session(), n_sess)?;
    in_range(
        "register activities of sessions",
        reg.session_activity(),
        n_act,
    )?;
    for r in 0..n_res as u32 {
        if !reg.row_session()[reg.rows_of(r)]
            .windows(2)
            .all(|w| w[0] < w[1])
        {
            return Err(bad(
                "register rows",
                format!("the sessions of resident {r} are not strictly ascending"),
            ));
        }
    }
    if let Some(d) = reg.session_date() {
        same_len("register session dates", d.len(), n_sess)?;
    }
    if let Some((labels, of)) = reg.session_labels() {
        same_len("register session labels", of.len(), n_sess)?;
        in_range("register session labels", of, labels.len())?;
    }
    if n_rows.checked_add(reg.duplicates_found()) != Some(reg.input_rows()) {
        return Err(bad(
            "register",
            format!(
                "{n_rows} rows and {} repeats do not make the {} input rows",
                reg.duplicates_found(),
                reg.input_rows()
            ),
        ));
    }
    attributes("resident", reg.resident_attributes(), n_res)?;
    attributes("activity", reg.activity_attributes(), n_act)?;
    same_len("register sensitive flags", reg.sensitive().len(), n_act)
}

/// The invariants [`crate::Network::with_ties`] establishes, for a register with `reg_ids`.
pub(crate) fn ties(ties: &Ties, reg_ids: &Ids) -> Result<()> {
    let n_people = reg_ids.len() + ties.outside.as_ref().map_or(0, Ids::len);
    if let Some(out) = &ties.outside {
        let same_kind = matches!(
            (out, reg_ids),
            (Ids::Str(_), Ids::Str(_)) | (Ids::Int(_), Ids::Int(_))
        );
        if !same_kind && !out.is_empty() && !reg_ids.is_empty() {
            return Err(bad(
                "tie layers",
                "outside people's ids differ in type from the residents'",
            ));
        }
        distinct("tie layers' outside people", out)?;
    }
    for (k, l) in ties.layers.iter().enumerate() {
        let what = format!("tie layer '{}'", l.name);
        let taken = ties.layers[..k].iter().any(|o| o.name == l.name);
        if l.name.is_empty() || l.name == CO_PARTICIPATION || l.name == CO_ORGANISING || taken {
            return Err(bad(&what, "empty, reserved or repeated layer name"));
        }
        let m = l.source.len();
        same_len(&what, l.target.len(), m)?;
        same_len(&what, l.weight.len(), m)?;
        in_range(&what, &l.source, n_people)?;
        in_range(&what, &l.target, n_people)?;
        if let Some(i) = (0..m).find(|&i| l.source[i] == l.target[i]) {
            return Err(bad(&what, format!("tie {i} is a self-tie")));
        }
        if let Some(w) = l.weight.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
            return Err(bad(&what, format!("weight {w}")));
        }
        match &l.waves {
            Some(waves) => {
                same_len(&what, l.wave.len(), m)?;
                in_range(&what, &l.wave, waves.len())?;
            }
            None => same_len(&what, l.wave.len(), 0)?,
        }
        if let Some(r) = &l.respondents {
            in_range(&what, r, n_people)?;
        }
    }
    Ok(())
}

/// The register, the mask (rows of the register) and the tie layers of a network.
pub(crate) fn network(reg: &Register, mask: Option<&[u32]>, t: &Ties) -> Result<()> {
    if let Some(rows) = mask {
        in_range("network view rows", rows, reg.n_rows())?;
    }
    ties(t, reg.resident_ids())
}

/// A compressed sparse row adjacency over `n` nodes: valid offsets, neighbours in range,
/// strictly ascending, no self-loops, weights finite and ≥ 0.
fn csr(what: &str, c: &Csr, n: usize) -> Result<()> {
    offsets(what, &c.indptr, n, c.indices.len())?;
    same_len(what, c.weights.len(), c.indices.len())?;
    in_range(what, &c.indices, n)?;
    for i in 0..n {
        let row = c.row(i);
        if !row.windows(2).all(|w| w[0] < w[1]) || row.binary_search(&(i as u32)).is_ok() {
            return Err(bad(
                what,
                format!("the neighbours of node {i} are not ascending or include itself"),
            ));
        }
    }
    if let Some(w) = c.weights.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
        return Err(bad(what, format!("weight {w}")));
    }
    Ok(())
}

/// The invariants of [`Graph::from_edges`] and the projections: adjacency, node table,
/// respondents, and (for a projection) a node per resident of its network.
pub(crate) fn graph(g: &Graph) -> Result<()> {
    let n = g.nodes.ids.len();
    csr("graph adjacency", &g.out, n)?;
    attributes("node", &g.nodes.attributes, n)?;
    match (&g.inn, g.directed) {
        (Some(inn), true) => {
            if **inn != g.out.transpose() {
                return Err(bad(
                    "graph",
                    "the in-adjacency is not the out-adjacency reversed",
                ));
            }
        }
        (None, false) => {
            // the structure only: the two copies of a weight may differ in the last bits
            let t = g.out.transpose();
            if (&t.indptr, &t.indices) != (&g.out.indptr, &g.out.indices) {
                return Err(bad(
                    "graph",
                    "an undirected adjacency that is not symmetric",
                ));
            }
        }
        _ => {
            return Err(bad(
                "graph",
                "the in-adjacency does not match the directed flag",
            ))
        }
    }
    if let Some(r) = &g.respondents {
        same_len("graph respondents", r.len(), n)?;
    }
    if let Some(src) = g.source() {
        let residents = src.network.residents().len();
        if residents != n {
            return Err(bad(
                "graph",
                format!(
                    "{n} nodes, but the network it was projected from has {residents} residents"
                ),
            ));
        }
    }
    Ok(())
}

/// postcard keeps no message of an error raised while deserializing, so a failed check leaves
/// its error here, on the reading thread, for [`crate::persist::from_bytes`] to report.
mod failure {
    use crate::error::Error;
    use std::cell::RefCell;

    thread_local! {
        pub(super) static LAST: RefCell<Option<Error>> = const { RefCell::new(None) };
    }
}

/// `check`'s error as a deserializer error (its message kept for [`take_failure`]).
pub(crate) fn deserialized<E: serde::de::Error>(check: Result<()>) -> std::result::Result<(), E> {
    check.map_err(|e| {
        let message = e.to_string();
        failure::LAST.with(|f| *f.borrow_mut() = Some(e));
        E::custom(message)
    })
}

/// The error of the last failed check on this thread, if any (taken: the next call gives
/// `None`).
pub(crate) fn take_failure() -> Option<Error> {
    failure::LAST.with(|f| f.borrow_mut().take())
}

/// A register's fields as stored (the same fields in the same order: the format's), checked
/// before they become a [`Register`].
#[derive(serde::Deserialize)]
pub(crate) struct RegisterData {
    resident_ids: Ids,
    activity_ids: Ids,
    session_activity: Arc<Vec<u32>>,
    session_date: Option<Arc<Vec<i64>>>,
    session_labels: Option<Arc<(Ids, Vec<u32>)>>,
    date_unit: DateUnit,
    row_ptr: Arc<Vec<usize>>,
    row_session: Arc<Vec<u32>>,
    row_role: Arc<Vec<Role>>,
    row_count: Arc<Vec<u32>>,
    input_rows: usize,
    duplicates_found: usize,
    duplicates: Duplicates,
    resident_attrs: Attributes,
    activity_attrs: Attributes,
    sensitive: Vec<bool>,
}

impl TryFrom<RegisterData> for Register {
    type Error = String;
    fn try_from(d: RegisterData) -> std::result::Result<Register, String> {
        let reg = Register {
            resident_ids: d.resident_ids,
            activity_ids: d.activity_ids,
            session_activity: d.session_activity,
            session_date: d.session_date,
            session_labels: d.session_labels,
            date_unit: d.date_unit,
            row_ptr: d.row_ptr,
            row_session: d.row_session,
            row_role: d.row_role,
            row_count: d.row_count,
            input_rows: d.input_rows,
            duplicates_found: d.duplicates_found,
            duplicates: d.duplicates,
            resident_attrs: d.resident_attrs,
            activity_attrs: d.activity_attrs,
            sensitive: d.sensitive,
            resident_index: OnceLock::new(),
            activity_index: OnceLock::new(),
        };
        deserialized::<serde::de::value::Error>(register(&reg)).map_err(|e| e.to_string())?;
        Ok(reg)
    }
}
