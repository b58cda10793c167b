//! The attendance register: who attended which activity, when, in which role.
//!
//! Ids are interned to dense `u32` in first-seen order. A *session* is one occurrence of an
//! activity: by default (activity, date); a user-given session label overrides the date
//! (sessions are then (activity, label)). Rows are deduplicated per (resident, session)
//! according to [`Duplicates`] and stored sorted by resident, then session.
use crate::attributes::{Attributes, Column};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::ids::{Id, Ids, Interner};
use crate::parallel;
use ahash::AHashMap;
use std::sync::{Arc, OnceLock};

/// Canonical roles that metrics understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum Role {
    /// Takes part.
    #[default]
    Participant = 0,
    /// Helps run the activity.
    Volunteer = 1,
    /// Organises the activity.
    Organiser = 2,
}

crate::option_names!(Role, "roles", {
    "participant" => Role::Participant,
    "volunteer" => Role::Volunteer,
    "organiser" => Role::Organiser,
    "organizer" => Role::Organiser,
    "deelnemer" => Role::Participant,
    "vrijwilliger" => Role::Volunteer,
    "organisator" => Role::Organiser,
});

impl Role {
    /// All roles, in code order.
    pub const ALL: [Role; 3] = [Role::Participant, Role::Volunteer, Role::Organiser];
    /// The canonical name ("participant", "volunteer", "organiser").
    pub fn name(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Volunteer => "volunteer",
            Role::Organiser => "organiser",
        }
    }
    /// Parses a role's name: the canonical one, "organizer", or the Dutch "deelnemer",
    /// "vrijwilliger" or "organisator".
    ///
    /// ```
    /// use wijknet::register::Role;
    /// assert_eq!(Role::parse("vrijwilliger"), Some(Role::Volunteer));
    /// assert_eq!(Role::parse("guest"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Role> {
        use crate::options::OptionName;
        Role::NAMES
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, role)| *role)
    }
    /// The role with code `c` (0, 1, 2).
    pub fn from_code(c: u8) -> Option<Role> {
        Role::ALL.get(c as usize).copied()
    }
}

/// What a repeated (resident, session) row means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Duplicates {
    /// Keep one row with the number of repeats as its count (default).
    #[default]
    Count,
    /// Keep one row with count 1 (the number dropped is reported in the summary).
    Drop,
    /// Fail, naming the two rows.
    Error,
}

crate::option_names!(Duplicates, "duplicates", {
    "count" => Duplicates::Count,
    "drop" => Duplicates::Drop,
    "error" => Duplicates::Error,
});

/// Resolution of stored dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DateUnit {
    /// Days since 1970-01-01.
    #[default]
    Day,
    /// Seconds since 1970-01-01T00:00:00.
    Second,
    /// Milliseconds since 1970-01-01T00:00:00.
    Millisecond,
}

crate::option_names!(DateUnit, "date_unit", {
    "D" => DateUnit::Day,
    "s" => DateUnit::Second,
    "ms" => DateUnit::Millisecond,
});

impl DateUnit {
    /// "D", "s" or "ms".
    pub fn code(self) -> &'static str {
        match self {
            DateUnit::Day => "D",
            DateUnit::Second => "s",
            DateUnit::Millisecond => "ms",
        }
    }
    /// Parses "D", "s" or "ms".
    pub fn parse(s: &str) -> Option<DateUnit> {
        match s {
            "D" => Some(DateUnit::Day),
            "s" => Some(DateUnit::Second),
            "ms" => Some(DateUnit::Millisecond),
            _ => None,
        }
    }
}

/// The columns of a register with ids already interned (the fast path the Python bindings
/// use; [`RegisterBuilder`] interns for you).
#[derive(Debug, Clone, Default)]
pub struct RegisterParts {
    /// Distinct resident ids; `resident[r]` indexes into them.
    pub resident_ids: Ids,
    /// Resident of each input row.
    pub resident: Vec<u32>,
    /// Distinct activity ids; `activity[r]` indexes into them.
    pub activity_ids: Ids,
    /// Activity of each input row.
    pub activity: Vec<u32>,
    /// Date of each input row (in `date_unit`s since the epoch), if known.
    pub date: Option<Vec<i64>>,
    /// Resolution of `date`.
    pub date_unit: DateUnit,
    /// User-given session labels and the label of each row (overrides the date as the key).
    pub session: Option<(Ids, Vec<u32>)>,
    /// Role of each row (participant if absent).
    pub role: Option<Vec<Role>>,
    /// Multiplicity of each row (1 if absent).
    pub count: Option<Vec<u32>>,
    /// What a repeated (resident, session) row means.
    pub duplicates: Duplicates,
}

/// An immutable attendance register.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
// read through a checked copy of the fields (see `validate`)
#[cfg_attr(feature = "serde", serde(try_from = "crate::validate::RegisterData"))]
pub struct Register {
    pub(crate) resident_ids: Ids,
    pub(crate) activity_ids: Ids,
    // The bulky parts are shared (Arc): `with_*` copies of a register share them.
    pub(crate) session_activity: Arc<Vec<u32>>,
    pub(crate) session_date: Option<Arc<Vec<i64>>>,
    pub(crate) session_labels: Option<Arc<(Ids, Vec<u32>)>>,
    pub(crate) date_unit: DateUnit,
    pub(crate) row_ptr: Arc<Vec<usize>>,
    pub(crate) row_session: Arc<Vec<u32>>,
    pub(crate) row_role: Arc<Vec<Role>>,
    pub(crate) row_count: Arc<Vec<u32>>,
    pub(crate) input_rows: usize,
    pub(crate) duplicates_found: usize,
    pub(crate) duplicates: Duplicates,
    pub(crate) resident_attrs: Attributes,
    pub(crate) activity_attrs: Attributes,
    pub(crate) sensitive: Vec<bool>,
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) resident_index: OnceLock<AHashMap<Id, u32>>,
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) activity_index: OnceLock<AHashMap<Id, u32>>,
}

fn check_len(column: &str, expected: usize, got: usize) -> Result<()> {
    if expected != got {
        return Err(Error::LengthMismatch {
            column: column.to_string(),
            expected,
            got,
        });
    }
    Ok(())
}

fn check_codes(column: &str, codes: &[u32], n: usize) -> Result<()> {
    if let Some(row) = codes.iter().position(|&c| c as usize >= n) {
        return Err(Error::value(
            column,
            row,
            format!("code {} is out of range (there are {n} ids)", codes[row]),
        ));
    }
    Ok(())
}

impl Register {
    /// Builds a register from interned columns.
    ///
    /// # Errors
    /// An empty table, columns of different lengths, repeated ids, codes out of range, counts
    /// of repeated rows adding up to more than `u32::MAX`, and (with [`Duplicates::Error`]) a
    /// repeated (resident, session) row, naming both rows.
    ///
    /// # Complexity
    /// O(rows) plus a sort of each resident's rows.
    pub fn from_parts(p: RegisterParts) -> Result<Register> {
        Register::from_parts_with(p, &Context::new())
    }

    /// [`Register::from_parts`], checking `ctx` for cancellation between blocks of residents
    /// and counting the rows grouped so far as its progress (the caller announces the total,
    /// the number of rows).
    ///
    /// # Errors
    /// As [`Register::from_parts`]; [`Error::Cancelled`] once `ctx` is cancelled.
    pub fn from_parts_with(p: RegisterParts, ctx: &Context) -> Result<Register> {
        let n = p.resident.len();
        if n == 0 {
            return Err(Error::Empty {
                what: "the attendance table".into(),
                fix: "give at least one row of (resident, activity)".into(),
            });
        }
        check_len("activity", n, p.activity.len())?;
        p.resident_ids.check_distinct("resident ids")?;
        p.activity_ids.check_distinct("activity ids")?;
        check_codes("resident", &p.resident, p.resident_ids.len())?;
        check_codes("activity", &p.activity, p.activity_ids.len())?;
        if let Some(d) = &p.date {
            check_len("date", n, d.len())?;
        }
        if let Some(r) = &p.role {
            check_len("role", n, r.len())?;
        }
        if let Some(c) = &p.count {
            check_len("count", n, c.len())?;
        }
        if let Some((labels, s)) = &p.session {
            check_len("session", n, s.len())?;
            check_codes("session", s, labels.len())?;
        }

        // 1. Sessions are interned (first-seen order) while the rows are grouped by resident.
        let nres = p.resident_ids.len();
        let (sessions, (ptr, order)) =
            parallel::join(|| intern_sessions(&p), || counting_sort(&p.resident, nres));
        let Sessions {
            activity: session_activity,
            date: session_date,
            label: session_label,
            of_row: row_sess,
        } = sessions;

        // 2. Each resident's rows sorted by session and merged per session, in parallel over
        //    blocks of residents; blocks are concatenated in order.
        ctx.check()?;
        let blocks: Vec<Result<Block>> = map_blocks(nres, |lo, hi| {
            ctx.check()?;
            let block = merge_rows(&p, &row_sess, &ptr, &order, lo, hi);
            ctx.advance((ptr[hi] - ptr[lo]) as u64);
            block
        });
        let mut row_ptr = Vec::with_capacity(nres + 1);
        row_ptr.push(0usize);
        let mut row_session = Vec::with_capacity(n);
        let mut row_role = Vec::with_capacity(n);
        let mut row_count = Vec::with_capacity(n);
        let mut duplicates_found = 0usize;
        for block in blocks {
            let block = block?; // the first error in row order
            for len in block.lens {
                row_ptr.push(row_ptr.last().unwrap() + len as usize);
            }
            row_session.extend_from_slice(&block.session);
            row_role.extend_from_slice(&block.role);
            row_count.extend_from_slice(&block.count);
            duplicates_found += block.duplicates;
        }
        let nact = p.activity_ids.len();
        Ok(Register {
            resident_ids: p.resident_ids,
            activity_ids: p.activity_ids,
            session_activity: Arc::new(session_activity),
            session_date: session_date.map(Arc::new),
            session_labels: p
                .session
                .map(|(ids, _)| ids)
                .zip(session_label)
                .map(Arc::new),
            date_unit: p.date_unit,
            row_ptr: Arc::new(row_ptr),
            row_session: Arc::new(row_session),
            row_role: Arc::new(row_role),
            row_count: Arc::new(row_count),
            input_rows: n,
            duplicates_found,
            duplicates: p.duplicates,
            resident_attrs: Attributes::default(),
            activity_attrs: Attributes::default(),
            sensitive: vec![false; nact],
            resident_index: OnceLock::new(),
            activity_index: OnceLock::new(),
        })
    }

    /// Distinct residents in first-seen order.
    pub fn resident_ids(&self) -> &Ids {
        &self.resident_ids
    }
    /// Distinct activities in first-seen order.
    pub fn activity_ids(&self) -> &Ids {
        &self.activity_ids
    }
    /// Number of residents.
    pub fn n_residents(&self) -> usize {
        self.resident_ids.len()
    }
    /// Number of activities.
    pub fn n_activities(&self) -> usize {
        self.activity_ids.len()
    }
    /// Number of sessions.
    pub fn n_sessions(&self) -> usize {
        self.session_activity.len()
    }
    /// Number of deduplicated attendance rows.
    pub fn n_rows(&self) -> usize {
        self.row_session.len()
    }
    /// Number of input rows before deduplication.
    pub fn input_rows(&self) -> usize {
        self.input_rows
    }
    /// The memory the register holds, in bytes: its ids, sessions and attendance rows
    /// (attributes and the look-up tables built on demand are not counted). Views and
    /// copies made with `with_*` share it.
    pub fn heap_bytes(&self) -> usize {
        fn vec<T>(v: &[T]) -> usize {
            std::mem::size_of_val(v)
        }
        self.resident_ids.heap_bytes()
            + self.activity_ids.heap_bytes()
            + vec(&self.session_activity)
            + self.session_date.as_deref().map_or(0, |d| vec(d))
            + self
                .session_labels
                .as_deref()
                .map_or(0, |(ids, codes)| ids.heap_bytes() + vec(codes))
            + vec(&self.row_ptr)
            + vec(&self.row_session)
            + vec(&self.row_role)
            + vec(&self.row_count)
    }
    /// Number of input rows merged into another as repeats of the same (resident, session).
    pub fn duplicates_found(&self) -> usize {
        self.duplicates_found
    }
    /// The duplicates policy used.
    pub fn duplicates(&self) -> Duplicates {
        self.duplicates
    }
    /// Resolution of dates.
    pub fn date_unit(&self) -> DateUnit {
        self.date_unit
    }
    /// Whether the register has dates.
    pub fn has_dates(&self) -> bool {
        self.session_date.is_some()
    }
    /// Activity of each session.
    pub fn session_activity(&self) -> &[u32] {
        &self.session_activity
    }
    /// Date of each session, if dated.
    pub fn session_date(&self) -> Option<&[i64]> {
        self.session_date.as_deref().map(|v| v.as_slice())
    }
    /// User-given session labels: (distinct labels, label of each session).
    pub fn session_labels(&self) -> Option<(&Ids, &[u32])> {
        self.session_labels
            .as_deref()
            .map(|(i, s)| (i, s.as_slice()))
    }
    /// Row range of resident `r` in the row arrays.
    pub fn rows_of(&self, r: u32) -> std::ops::Range<usize> {
        self.row_ptr[r as usize]..self.row_ptr[r as usize + 1]
    }
    /// Resident-sorted row offsets (`n_residents + 1`).
    pub fn row_ptr(&self) -> &[usize] {
        &self.row_ptr
    }
    /// Session of each row.
    pub fn row_session(&self) -> &[u32] {
        &self.row_session
    }
    /// Role of each row.
    pub fn row_role(&self) -> &[Role] {
        &self.row_role
    }
    /// Count (multiplicity) of each row.
    pub fn row_count(&self) -> &[u32] {
        &self.row_count
    }
    /// Resident attributes.
    pub fn resident_attributes(&self) -> &Attributes {
        &self.resident_attrs
    }
    /// Activity attributes.
    pub fn activity_attributes(&self) -> &Attributes {
        &self.activity_attrs
    }
    /// Whether each activity is flagged sensitive.
    pub fn sensitive(&self) -> &[bool] {
        &self.sensitive
    }
    /// The dense index of a resident id.
    pub fn resident_index(&self, id: &Id) -> Option<u32> {
        self.resident_index
            .get_or_init(|| self.resident_ids.index("resident").unwrap_or_default())
            .get(id)
            .copied()
    }
    /// The dense index of an activity id.
    pub fn activity_index(&self, id: &Id) -> Option<u32> {
        self.activity_index
            .get_or_init(|| self.activity_ids.index("activity").unwrap_or_default())
            .get(id)
            .copied()
    }

    /// A copy with every resident id replaced (e.g. by pseudonyms); `ids` must be distinct and
    /// as many as the residents.
    pub fn with_resident_ids(&self, ids: Ids) -> Result<Register> {
        check_len("resident ids", self.n_residents(), ids.len())?;
        ids.index("resident ids")?;
        let mut r = self.clone();
        r.resident_ids = ids;
        r.resident_index = OnceLock::new();
        Ok(r)
    }

    /// A copy with resident attributes joined from a table (see [`Attributes::join`]).
    pub fn with_resident_attributes(
        &self,
        on: &str,
        ids: &Ids,
        columns: Vec<(String, Column)>,
    ) -> Result<Register> {
        let mut r = self.clone();
        r.resident_attrs =
            self.resident_attrs
                .join(&self.resident_ids, on, ids, columns, "resident")?;
        Ok(r)
    }
    /// A copy with activity attributes joined from a table; `sensitive` (if given) flags
    /// activities, aligned with the table's rows.
    pub fn with_activity_attributes(
        &self,
        on: &str,
        ids: &Ids,
        columns: Vec<(String, Column)>,
        sensitive: Option<Vec<bool>>,
    ) -> Result<Register> {
        let mut r = self.clone();
        r.activity_attrs =
            self.activity_attrs
                .join(&self.activity_ids, on, ids, columns, "activity")?;
        if let Some(flags) = sensitive {
            check_len("sensitive", ids.len(), flags.len())?;
            for (row, f) in flags.into_iter().enumerate() {
                if f {
                    let a = self
                        .activity_index(&ids.get(row))
                        .ok_or_else(|| Error::value(on, row, "activity is not in the register"))?;
                    r.sensitive[a as usize] = true;
                }
            }
        }
        Ok(r)
    }
}

/// Sessions interned from the rows.
struct Sessions {
    activity: Vec<u32>,
    date: Option<Vec<i64>>,
    label: Option<Vec<u32>>,
    of_row: Vec<u32>,
}

/// Interns sessions — (activity, date), (activity, label), or the activity itself — in
/// first-seen order.
fn intern_sessions(p: &RegisterParts) -> Sessions {
    let n = p.resident.len();
    let mut session_activity = Vec::new();
    let mut session_date: Option<Vec<i64>> = p.date.as_ref().map(|_| Vec::new());
    let mut session_label: Option<Vec<u32>> = p.session.as_ref().map(|_| Vec::new());
    let row_sess: Vec<u32> = match (&p.session, &p.date) {
        (None, None) => {
            session_activity = (0..p.activity_ids.len() as u32).collect();
            // Sessions are the activities themselves.
            p.activity.clone()
        }
        _ => {
            let key2 = |r: usize| -> i64 {
                match &p.session {
                    Some((_, s)) => s[r] as i64,
                    None => p.date.as_ref().unwrap()[r],
                }
            };
            // Dense look-up table when activities × key span is small (day dates over a
            // few years, session labels); a hash map otherwise (e.g. ms timestamps).
            let (lo, hi) = (0..n).fold((i64::MAX, i64::MIN), |(lo, hi), r| {
                let k = key2(r);
                (lo.min(k), hi.max(k))
            });
            let span = (hi as i128 - lo as i128 + 1) as u128;
            let cells = span * p.activity_ids.len() as u128;
            let dense = cells <= (4 * n as u128).max(1 << 22);
            let mut table: Vec<u32> = if dense {
                vec![u32::MAX; cells as usize]
            } else {
                Vec::new()
            };
            let mut map: AHashMap<(u32, i64), u32> = if dense {
                AHashMap::new()
            } else {
                AHashMap::with_capacity(n / 4 + 16)
            };
            let mut out = Vec::with_capacity(n);
            for r in 0..n {
                let a = p.activity[r];
                let k = key2(r);
                let next = session_activity.len() as u32;
                let s = if dense {
                    let slot = &mut table[a as usize * span as usize + (k - lo) as usize];
                    if *slot == u32::MAX {
                        *slot = next;
                    }
                    *slot
                } else {
                    *map.entry((a, k)).or_insert(next)
                };
                if s == next {
                    session_activity.push(a);
                    if let Some(sd) = session_date.as_mut() {
                        sd.push(p.date.as_ref().unwrap()[r]);
                    }
                    if let Some(sl) = session_label.as_mut() {
                        sl.push(k as u32);
                    }
                } else if let (Some(sd), Some(d)) = (session_date.as_mut(), p.date.as_ref()) {
                    // A labelled session spanning several dates is dated by its first day.
                    if d[r] < sd[s as usize] {
                        sd[s as usize] = d[r];
                    }
                }
                out.push(s);
            }
            out
        }
    };

    Sessions {
        activity: session_activity,
        date: session_date,
        label: session_label,
        of_row: row_sess,
    }
}

/// Rows of a block of residents, merged per (resident, session).
struct Block {
    lens: Vec<u32>,
    session: Vec<u32>,
    role: Vec<Role>,
    count: Vec<u32>,
    duplicates: usize,
}

/// Sorts the rows of residents `lo..hi` by session and merges repeats per [`Duplicates`].
fn merge_rows(
    p: &RegisterParts,
    row_sess: &[u32],
    ptr: &[usize],
    order: &[u32],
    lo: usize,
    hi: usize,
) -> Result<Block> {
    let rows = ptr[hi] - ptr[lo];
    let mut b = Block {
        lens: Vec::with_capacity(hi - lo),
        session: Vec::with_capacity(rows),
        role: Vec::with_capacity(rows),
        count: Vec::with_capacity(rows),
        duplicates: 0,
    };
    let role_of = |row: u32| {
        p.role
            .as_ref()
            .map_or(Role::Participant, |r| r[row as usize])
    };
    let count_of = |row: u32| p.count.as_ref().map_or(1, |c| c[row as usize]);
    let mut buf: Vec<(u32, u32)> = Vec::new();
    for i in lo..hi {
        buf.clear();
        buf.extend(
            order[ptr[i]..ptr[i + 1]]
                .iter()
                .map(|&row| (row_sess[row as usize], row)),
        );
        if !buf.is_sorted() {
            buf.sort_unstable();
        }
        let before = b.session.len();
        let mut k = 0;
        while k < buf.len() {
            let (s, row) = buf[k];
            let mut role = role_of(row);
            let mut count = count_of(row);
            let mut j = k + 1;
            while j < buf.len() && buf[j].0 == s {
                let other = buf[j].1;
                if p.duplicates == Duplicates::Error {
                    return Err(Error::value(
                        "resident",
                        other as usize,
                        format!(
                            "rows {row} and {other} record the same resident at the same session; \
                             pass duplicates=\"count\" to count repeats or duplicates=\"drop\" to \
                             keep one"
                        ),
                    ));
                }
                b.duplicates += 1;
                role = role.max(role_of(other));
                if p.duplicates == Duplicates::Drop {
                    j += 1;
                    continue; // the count is 1 below
                }
                count = count.checked_add(count_of(other)).ok_or_else(|| {
                    Error::value(
                        "count",
                        other as usize,
                        format!(
                            "the counts of the rows repeating row {row} add up to more than {}",
                            u32::MAX
                        ),
                    )
                })?;
                j += 1;
            }
            if p.duplicates == Duplicates::Drop {
                count = 1;
            }
            b.session.push(s);
            b.role.push(role);
            b.count.push(count);
            k = j;
        }
        b.lens.push((b.session.len() - before) as u32);
    }
    Ok(b)
}

/// Residents per parallel block in [`Register::from_parts`].
const BLOCK: usize = 8192;

/// `f(lo, hi)` over blocks of `0..n`, in parallel where available, results in block order.
fn map_blocks<T: Send>(n: usize, f: impl Fn(usize, usize) -> T + Sync + Send) -> Vec<T> {
    parallel::map(n.div_ceil(BLOCK), |b| {
        f(b * BLOCK, ((b + 1) * BLOCK).min(n))
    })
}

/// Rows grouped by `key` (a stable counting sort over `buckets` keys): (bucket offsets,
/// row indices).
pub(crate) fn counting_sort(key: &[u32], buckets: usize) -> (Vec<usize>, Vec<u32>) {
    let mut start = vec![0usize; buckets + 1];
    for &k in key {
        start[k as usize + 1] += 1;
    }
    for b in 0..buckets {
        start[b + 1] += start[b];
    }
    let mut fill = start.clone();
    let mut out = vec![0u32; key.len()];
    for (row, &k) in key.iter().enumerate() {
        out[fill[k as usize]] = row as u32;
        fill[k as usize] += 1;
    }
    (start, out)
}

/// Builds a [`Register`] row by row, interning ids.
///
/// ```
/// use wijknet::{RegisterBuilder, Duplicates};
/// let mut b = RegisterBuilder::new();
/// b.add("ann", "dance").unwrap();
/// b.add("bob", "dance").unwrap();
/// b.add("ann", "breakfast").unwrap();
/// let reg = b.build(Duplicates::Count).unwrap();
/// assert_eq!(reg.n_residents(), 2);
/// assert_eq!(reg.n_activities(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct RegisterBuilder {
    residents: Interner,
    activities: Interner,
    resident: Vec<u32>,
    activity: Vec<u32>,
    date: Vec<i64>,
    dated: Option<bool>,
    role: Vec<Role>,
    date_unit: DateUnit,
}

impl Default for RegisterBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl RegisterBuilder {
    /// An empty builder (dates in days).
    pub fn new() -> Self {
        RegisterBuilder {
            residents: Interner::new("resident"),
            activities: Interner::new("activity"),
            resident: Vec::new(),
            activity: Vec::new(),
            date: Vec::new(),
            dated: None,
            role: Vec::new(),
            date_unit: DateUnit::Day,
        }
    }
    /// Sets the resolution of the dates given to [`RegisterBuilder::add_dated`].
    pub fn date_unit(mut self, unit: DateUnit) -> Self {
        self.date_unit = unit;
        self
    }
    fn push(&mut self, resident: Id, activity: Id, date: Option<i64>, role: Role) -> Result<()> {
        let row = self.resident.len();
        let dated = date.is_some();
        if *self.dated.get_or_insert(dated) != dated {
            return Err(Error::value(
                "date",
                row,
                "give a date for every row or for none",
            ));
        }
        // both ids checked first: a rejected row leaves the builder as it was
        self.residents.check(&resident, row)?;
        self.activities.check(&activity, row)?;
        self.resident.push(self.residents.intern(resident, row)?);
        self.activity.push(self.activities.intern(activity, row)?);
        if let Some(d) = date {
            self.date.push(d);
        }
        self.role.push(role);
        Ok(())
    }
    /// Adds an undated participation.
    pub fn add(&mut self, resident: impl Into<Id>, activity: impl Into<Id>) -> Result<()> {
        self.push(resident.into(), activity.into(), None, Role::Participant)
    }
    /// Adds a dated attendance (date in the builder's unit since 1970-01-01) with a role.
    pub fn add_dated(
        &mut self,
        resident: impl Into<Id>,
        activity: impl Into<Id>,
        date: i64,
        role: Role,
    ) -> Result<()> {
        self.push(resident.into(), activity.into(), Some(date), role)
    }
    /// Builds the register.
    pub fn build(self, duplicates: Duplicates) -> Result<Register> {
        let dated = self.dated == Some(true);
        Register::from_parts(RegisterParts {
            resident_ids: self.residents.into_ids(),
            resident: self.resident,
            activity_ids: self.activities.into_ids(),
            activity: self.activity,
            date: dated.then_some(self.date),
            date_unit: self.date_unit,
            session: None,
            role: Some(self.role),
            count: None,
            duplicates,
        })
    }
}
