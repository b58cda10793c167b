//! Building a register piece by piece, as a large file is read (row groups of a Parquet file,
//! blocks of a text file), without ever holding the file's table whole.
//!
//! Each piece brings its rows as codes into the piece's own dictionaries (the distinct ids of
//! the piece, in the order they first occur in it). [`StreamBuilder`] keeps one growing
//! dictionary per id column, interns sessions — (activity, date), (activity, label) or the
//! activity itself — as they come, and keeps only three compact numbers per row: the resident
//! (`u32`), the session (`u32`) and the role (one byte). [`StreamBuilder::finish`] then groups
//! the rows by resident and merges repeats exactly as [`Register::from_parts`] does, freeing
//! the row columns as it goes: the result is the register that `from_parts` builds from the
//! whole table (the same ids in the same first-seen order, the same sessions, rows, counts and
//! duplicates).
//!
//! ```
//! use wijknet::register_builder::{PieceIds, Piece, StreamBuilder};
//! use wijknet::{DateUnit, Duplicates};
//! let mut b = StreamBuilder::new(true, false);
//! // first piece: ann and bob at yoga on day 0
//! b.push(&Piece {
//!     resident: &[0, 1],
//!     resident_ids: PieceIds::Str(&["ann".into(), "bob".into()]),
//!     activity: &[0, 0],
//!     activity_ids: PieceIds::Str(&["yoga".into()]),
//!     date: Some((&[0, 0], DateUnit::Day)),
//!     session: None,
//!     role: None,
//! }).unwrap();
//! // second piece: bob at yoga on day 0 again, and at dance on day 1
//! b.push(&Piece {
//!     resident: &[0, 0],
//!     resident_ids: PieceIds::Str(&["bob".into()]),
//!     activity: &[0, 1],
//!     activity_ids: PieceIds::Str(&["yoga".into(), "dance".into()]),
//!     date: Some((&[0, 1], DateUnit::Day)),
//!     session: None,
//!     role: None,
//! }).unwrap();
//! let reg = b.finish(Duplicates::Count).unwrap();
//! assert_eq!((reg.n_residents(), reg.n_activities(), reg.n_sessions()), (2, 2, 2));
//! assert_eq!(reg.duplicates_found(), 1);
//! ```
use crate::attributes::Attributes;
use crate::error::{Error, Result};
use crate::ids::Ids;
use crate::register::{DateUnit, Duplicates, Register, Role};
use ahash::{AHashMap, RandomState};
use std::sync::{Arc, OnceLock};

/// The distinct ids of one piece, in the order they first occur in it.
#[derive(Debug, Clone, Copy)]
pub enum PieceIds<'a> {
    /// Text ids.
    Str(&'a [String]),
    /// Whole-number ids.
    Int(&'a [i64]),
    /// Text ids as Arrow holds them: id `k` is `data[offsets[k]..offsets[k + 1]]` (UTF-8).
    Utf8 {
        /// `len + 1` byte offsets into `data`.
        offsets: &'a [i64],
        /// The text of all ids, one after the other.
        data: &'a [u8],
    },
}

impl PieceIds<'_> {
    fn len(&self) -> usize {
        match self {
            PieceIds::Str(v) => v.len(),
            PieceIds::Int(v) => v.len(),
            PieceIds::Utf8 { offsets, .. } => offsets.len().saturating_sub(1),
        }
    }
}

/// One piece of an attendance table: codes into the piece's dictionaries.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    /// Resident of each row: an index into `resident_ids`.
    pub resident: &'a [u32],
    /// The piece's distinct resident ids.
    pub resident_ids: PieceIds<'a>,
    /// Activity of each row: an index into `activity_ids`.
    pub activity: &'a [u32],
    /// The piece's distinct activity ids.
    pub activity_ids: PieceIds<'a>,
    /// Date of each row and its unit (every piece of a dated register has dates).
    pub date: Option<(&'a [i64], DateUnit)>,
    /// Session label of each row and the piece's distinct labels.
    pub session: Option<(&'a [u32], PieceIds<'a>)>,
    /// Role code of each row (0 participant, 1 volunteer, 2 organiser; participant if absent).
    pub role: Option<&'a [u8]>,
}

/// Which id column: used to name it in messages and to choose it in
/// [`StreamBuilder::ids`] and [`StreamBuilder::replace_ids`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Resident ids.
    Resident,
    /// Activity ids.
    Activity,
    /// Session labels.
    Session,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::Resident => "resident",
            Column::Activity => "activity",
            Column::Session => "session",
        }
    }
}

/// A growing dictionary of one id column, in first-seen order. Text is kept once, in one
/// buffer; the hash table holds only indices into it.
#[derive(Debug, Clone)]
struct Dict {
    column: Column,
    text: Option<bool>,
    bytes: Vec<u8>,
    ends: Vec<usize>,
    ints: Vec<i64>,
    str_table: TextTable,
    int_map: AHashMap<i64, u32>,
    hasher: RandomState,
    /// Ids set after reading (cleaned, merged or read as numbers), replacing the above.
    replaced: Option<Ids>,
}

/// Fetches the cache line holding `p` ahead of its use (a hint: nothing is read).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and cannot fault, whatever the address.
    #[allow(unused_unsafe)]
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// The look-up table of a text dictionary: open addressing with linear probing, one byte per
/// slot saying whether it is used (and 7 bits of the id's hash, so that a probe reads an id's
/// text only when those agree) and the id's index; at most 3/4 of the slots are used. Unlike
/// a general hash table it lets a lookup be prepared ahead ([`TextTable::prefetch`],
/// [`TextTable::peek`]).
#[derive(Debug, Clone, Default)]
struct TextTable {
    /// 0: free; else `0x80 | hash >> 57`.
    tags: Vec<u8>,
    index: Vec<u32>,
    len: usize,
}

impl TextTable {
    fn tag(hash: u64) -> u8 {
        0x80 | (hash >> 57) as u8
    }

    fn home(&self, hash: u64) -> usize {
        (hash as usize) & (self.tags.len() - 1)
    }

    /// The index in the id's first slot where its hash tag is there (a guess, for prefetching).
    fn peek(&self, hash: u64) -> Option<u32> {
        if self.tags.is_empty() {
            return None;
        }
        let at = self.home(hash);
        (self.tags[at] == Self::tag(hash)).then(|| self.index[at])
    }

    fn prefetch(&self, hash: u64) {
        if !self.tags.is_empty() {
            let at = self.home(hash);
            prefetch(self.tags.as_ptr().wrapping_add(at));
            prefetch(self.index.as_ptr().wrapping_add(at));
        }
    }

    /// The index of the id with this hash for which `same` holds, or the free slot it would
    /// take.
    fn find(&self, hash: u64, same: impl Fn(u32) -> bool) -> std::result::Result<u32, usize> {
        if self.tags.is_empty() {
            return Err(usize::MAX);
        }
        let tag = Self::tag(hash);
        let mask = self.tags.len() - 1;
        let mut at = (hash as usize) & mask;
        loop {
            match self.tags[at] {
                0 => return Err(at),
                t if t == tag && same(self.index[at]) => return Ok(self.index[at]),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The free slot an id with this hash takes.
    fn free_slot(&self, hash: u64) -> usize {
        let mask = self.tags.len() - 1;
        let mut at = (hash as usize) & mask;
        while self.tags[at] != 0 {
            at = (at + 1) & mask;
        }
        at
    }

    /// Whether one more id needs a larger table.
    fn needs_room(&self) -> bool {
        (self.len + 1) * 4 > self.tags.len() * 3
    }

    /// Twice the slots (16 at first), the ids moved (`hash_of`: the hash of an id).
    fn grow(&mut self, hash_of: impl Fn(u32) -> u64) {
        let size = (self.tags.len() * 2).max(16);
        let index = std::mem::take(&mut self.index);
        let tags = std::mem::replace(&mut self.tags, vec![0; size]);
        self.index = vec![0; size];
        for (&t, &i) in tags.iter().zip(&index) {
            if t != 0 {
                let h = hash_of(i);
                let at = self.free_slot(h);
                self.tags[at] = t;
                self.index[at] = i;
            }
        }
    }

    fn put(&mut self, at: usize, hash: u64, i: u32) {
        self.tags[at] = Self::tag(hash);
        self.index[at] = i;
        self.len += 1;
    }
}

impl Dict {
    fn new(column: Column) -> Self {
        Dict {
            column,
            text: None,
            bytes: Vec::new(),
            ends: Vec::new(),
            ints: Vec::new(),
            str_table: TextTable::default(),
            int_map: AHashMap::new(),
            hasher: RandomState::with_seeds(1, 2, 3, 4),
            replaced: None,
        }
    }

    fn len(&self) -> usize {
        match &self.replaced {
            Some(ids) => ids.len(),
            None if self.text == Some(true) => self.ends.len(),
            None => self.ints.len(),
        }
    }

    fn text_of(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    /// The index of a text id, added if new (`hash`: its hash by `self.hasher`; `check`: a new
    /// id is checked to be UTF-8 text). Refuses a new id that is not (`Err(true)`) and one
    /// that would be the 2**32nd (`Err(false)`).
    fn intern_text(&mut self, s: &[u8], hash: u64, check: bool) -> std::result::Result<u32, bool> {
        let Dict {
            bytes,
            ends,
            str_table,
            hasher,
            ..
        } = self;
        let text_of = |i: u32| {
            let i = i as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] };
            &bytes[start..ends[i]]
        };
        let at = match str_table.find(hash, |i| text_of(i) == s) {
            Ok(i) => return Ok(i),
            Err(at) => at,
        };
        // (an id found above was checked when it was added)
        if check && std::str::from_utf8(s).is_err() {
            return Err(true);
        }
        let i = u32::try_from(ends.len())
            .ok()
            .filter(|&i| i < u32::MAX)
            .ok_or(false)?;
        bytes.extend_from_slice(s);
        ends.push(bytes.len());
        let at = if str_table.needs_room() {
            let (b, e) = (&*bytes, &*ends);
            str_table.grow(|j| {
                let j = j as usize;
                let start = if j == 0 { 0 } else { e[j - 1] };
                hasher.hash_one(&b[start..e[j]])
            });
            str_table.free_slot(hash)
        } else {
            at
        };
        str_table.put(at, hash, i);
        Ok(i)
    }

    /// Interns the text ids `text(0) .. text(n - 1)` in order, pushing each one's index to
    /// `out`. The ids are looked up in a table larger than the processor's caches, so each
    /// lookup is prepared a few ids ahead: the table's slot, then the id text's end, then its
    /// text are fetched into the cache before they are read. Refuses, with its position, a new
    /// id that is not UTF-8 text (`check`; `true`) or would be the 2**32nd (`false`).
    fn intern_all<'t>(
        &mut self,
        n: usize,
        text: impl Fn(usize) -> &'t [u8],
        check: bool,
        out: &mut Vec<u32>,
    ) -> std::result::Result<(), (usize, bool)> {
        const SLOT: usize = 12;
        const END: usize = 8;
        const TEXT: usize = 4;
        let hashes: Vec<u64> = (0..n).map(|k| self.hasher.hash_one(text(k))).collect();
        for k in 0..n {
            if let Some(&h) = hashes.get(k + SLOT) {
                self.str_table.prefetch(h);
            }
            if let Some(&h) = hashes.get(k + END) {
                if let Some(i) = self.str_table.peek(h) {
                    prefetch(self.ends.as_ptr().wrapping_add(i as usize));
                }
            }
            if let Some(&h) = hashes.get(k + TEXT) {
                if let Some(i) = self.str_table.peek(h) {
                    let i = i as usize;
                    let start = if i == 0 { 0 } else { self.ends[i - 1] };
                    prefetch(self.bytes.as_ptr().wrapping_add(start));
                }
            }
            out.push(
                self.intern_text(text(k), hashes[k], check)
                    .map_err(|utf8| (k, utf8))?,
            );
        }
        Ok(())
    }

    /// The global code of each of the piece's ids, adding the new ones; `row` is the piece's
    /// first row (for the message when the piece's ids are of another type than before).
    fn map_piece(&mut self, ids: PieceIds<'_>, row: usize) -> Result<Vec<u32>> {
        if self.replaced.is_some() {
            return Err(Error::arg(
                self.column.name(),
                "no piece can be added after the ids were replaced",
            ));
        }
        if ids.len() == 0 {
            return Ok(Vec::new());
        }
        let text = !matches!(ids, PieceIds::Int(_));
        match self.text {
            None => self.text = Some(text),
            Some(t) if t != text => {
                let kind = |t: bool| if t { "text" } else { "number" };
                return Err(Error::value(
                    self.column.name(),
                    row,
                    format!(
                        "column '{}' mixes {} and {} ids: the rows before hold {} but the row at \
                         position {row} holds {}; convert the column to one type, e.g. to text",
                        self.column.name(),
                        kind(t),
                        kind(text),
                        kind(t),
                        kind(text)
                    ),
                ));
            }
            _ => {}
        }
        let mut out = Vec::with_capacity(ids.len());
        let found = match ids {
            PieceIds::Str(v) => self.intern_all(v.len(), |k| v[k].as_bytes(), false, &mut out),
            PieceIds::Utf8 { offsets, data } => {
                let n = ids.len();
                if offsets[..=n].windows(2).any(|w| w[0] < 0 || w[1] < w[0])
                    || offsets[n] as usize > data.len()
                {
                    return Err(Error::arg(self.column.name(), "invalid text offsets"));
                }
                let text = |k: usize| &data[offsets[k] as usize..offsets[k + 1] as usize];
                self.intern_all(n, text, true, &mut out)
            }
            PieceIds::Int(v) => {
                for &x in v {
                    let next = self.ints.len() as u32;
                    let i = *self.int_map.entry(x).or_insert(next);
                    if i == next {
                        self.ints.push(x);
                    }
                    out.push(i);
                }
                Ok(())
            }
        };
        match found {
            Ok(()) => {}
            Err((_, true)) => {
                return Err(Error::value(
                    self.column.name(),
                    row,
                    "an id is not valid UTF-8 text",
                ))
            }
            Err((_, false)) => {
                return Err(Error::value(
                    self.column.name(),
                    row,
                    "more than 2**32 distinct ids",
                ))
            }
        }
        if self.len() > u32::MAX as usize {
            return Err(Error::value(
                self.column.name(),
                row,
                "more than 2**32 distinct ids",
            ));
        }
        Ok(out)
    }

    /// The distinct ids so far, in first-seen order.
    fn ids(&self) -> Ids {
        if let Some(ids) = &self.replaced {
            return ids.clone();
        }
        match self.text {
            Some(true) => Ids::Str(
                (0..self.ends.len())
                    .map(|i| String::from_utf8_lossy(self.text_of(i)).into_owned())
                    .collect(),
            ),
            _ => Ids::Int(self.ints.clone()),
        }
    }

    /// Frees the look-up table (no id can be added after).
    fn drop_index(&mut self) {
        self.str_table = TextTable::default();
        self.int_map = AHashMap::new();
    }

    /// The ids, the dictionary's memory freed.
    fn into_ids(mut self) -> Ids {
        if let Some(ids) = self.replaced.take() {
            return ids;
        }
        self.str_table = TextTable::default();
        self.int_map = AHashMap::new();
        match self.text {
            Some(true) => {
                let mut out = Vec::with_capacity(self.ends.len());
                let mut start = 0;
                for &end in &self.ends {
                    out.push(String::from_utf8_lossy(&self.bytes[start..end]).into_owned());
                    start = end;
                }
                Ids::Str(out)
            }
            _ => Ids::Int(self.ints),
        }
    }
}

/// The rows of one piece: the resident of each, and its session and role in one number
/// (`session << 2 | role`).
#[derive(Debug, Clone, Default)]
struct Chunk {
    resident: Vec<u32>,
    session_role: Vec<u32>,
}

/// Sessions a register read piece by piece can hold (two bits of a row's number are its role).
const MAX_SESSIONS: usize = 1 << 30;

fn session_of(packed: u32) -> u32 {
    packed >> 2
}

fn role_of(packed: u32) -> Role {
    Role::from_code((packed & 3) as u8).unwrap_or_default()
}

/// Ticks of a unit per day.
fn per_day(unit: DateUnit) -> i64 {
    match unit {
        DateUnit::Day => 1,
        DateUnit::Second => 86_400,
        DateUnit::Millisecond => 86_400_000,
    }
}

/// Builds a [`Register`] from pieces of an attendance table (see the module's documentation).
#[derive(Debug, Clone)]
pub struct StreamBuilder {
    residents: Dict,
    activities: Dict,
    labels: Option<Dict>,
    dated: bool,
    /// The unit of the dates so far: the finest unit of the pieces.
    unit: Option<DateUnit>,
    /// The rows, one chunk per piece (no chunk is ever copied to grow).
    rows: Vec<Chunk>,
    n_rows: usize,
    /// Activity of each session.
    session_activity: Vec<u32>,
    /// The session key besides the activity: the date, or the label (labelled sessions).
    session_key: Vec<i64>,
    /// The date of each session (labelled sessions: their first day).
    session_date: Vec<i64>,
    sessions: AHashMap<(u32, i64), u32>,
}

impl StreamBuilder {
    /// An empty builder for a register with dates (`dated`) and/or session labels
    /// (`labelled`); with neither, the sessions are the activities.
    pub fn new(dated: bool, labelled: bool) -> Self {
        StreamBuilder {
            residents: Dict::new(Column::Resident),
            activities: Dict::new(Column::Activity),
            labels: labelled.then(|| Dict::new(Column::Session)),
            dated,
            unit: None,
            rows: Vec::new(),
            n_rows: 0,
            session_activity: Vec::new(),
            session_key: Vec::new(),
            session_date: Vec::new(),
            sessions: AHashMap::new(),
        }
    }

    /// Rows added so far.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// The unit of the dates so far (None before the first dated piece or without dates).
    pub fn date_unit(&self) -> Option<DateUnit> {
        self.unit
    }

    fn keyed(&self) -> bool {
        self.dated || self.labels.is_some()
    }

    /// Adds a piece.
    ///
    /// # Errors
    /// Columns of different lengths, codes outside the piece's dictionaries, a missing date
    /// or session column where the builder expects one, role codes other than 0, 1, 2, and ids
    /// of another type (text, numbers) than the pieces before. A failed push leaves the
    /// builder as it was before it... except for ids it added to the dictionaries.
    pub fn push(&mut self, p: &Piece<'_>) -> Result<()> {
        let n = p.resident.len();
        let row0 = self.n_rows;
        let check_len = |column: &str, got: usize| -> Result<()> {
            if got != n {
                return Err(Error::LengthMismatch {
                    column: column.to_string(),
                    expected: n,
                    got,
                });
            }
            Ok(())
        };
        check_len("activity", p.activity.len())?;
        let check_codes = |column: &str, codes: &[u32], len: usize| -> Result<()> {
            if let Some(r) = codes.iter().position(|&c| c as usize >= len) {
                return Err(Error::value(
                    column,
                    row0 + r,
                    format!("code {} is out of range (there are {len} ids)", codes[r]),
                ));
            }
            Ok(())
        };
        check_codes("resident", p.resident, p.resident_ids.len())?;
        check_codes("activity", p.activity, p.activity_ids.len())?;
        match (self.dated, &p.date) {
            (true, Some((d, _))) => check_len("date", d.len())?,
            (false, None) => {}
            (true, None) => return Err(Error::arg("date", "every piece needs its dates")),
            (false, Some(_)) => return Err(Error::arg("date", "the register has no dates")),
        }
        match (&mut self.labels, &p.session) {
            (Some(_), Some((s, ids))) => {
                check_len("session", s.len())?;
                check_codes("session", s, ids.len())?;
            }
            (None, None) => {}
            (Some(_), None) => {
                return Err(Error::arg(
                    "session",
                    "every piece needs its session labels",
                ))
            }
            (None, Some(_)) => return Err(Error::arg("session", "the register has no sessions")),
        }
        if let Some(r) = p.role {
            check_len("role", r.len())?;
            if let Some(k) = r.iter().position(|&c| Role::from_code(c).is_none()) {
                return Err(Error::value("role", row0 + k, "invalid role code"));
            }
        }
        if n == 0 {
            return Ok(());
        }
        if row0 + n > u32::MAX as usize {
            return Err(Error::value(
                "resident",
                row0,
                "a register holds at most 2**32 rows",
            ));
        }
        let res_map = self.residents.map_piece(p.resident_ids, row0)?;
        let act_map = self.activities.map_piece(p.activity_ids, row0)?;
        let label_map = match (&mut self.labels, &p.session) {
            (Some(dict), Some((_, ids))) => Some(dict.map_piece(*ids, row0)?),
            _ => None,
        };
        // The piece's dates in the builder's unit: the finer of the two.
        let mut scale = 1i64;
        if let Some((_, unit)) = p.date {
            let current = *self.unit.get_or_insert(unit);
            if per_day(unit) > per_day(current) {
                self.rescale(unit);
            } else {
                scale = per_day(current) / per_day(unit);
            }
        }

        let mut sessions = Vec::with_capacity(n);
        if !self.keyed() {
            // The sessions are the activities themselves.
            sessions.extend(p.activity.iter().map(|&c| act_map[c as usize]));
        } else {
            self.sessions_of(p, &act_map, label_map.as_deref(), scale, &mut sessions);
        }
        let n_sessions = if self.keyed() {
            self.session_activity.len()
        } else {
            self.activities.len()
        };
        if n_sessions > MAX_SESSIONS {
            return Err(Error::value(
                "activity",
                row0,
                format!("a register read piece by piece holds at most {MAX_SESSIONS} sessions"),
            ));
        }
        let role = |r: usize| p.role.map_or(0, |codes| u32::from(codes[r]));
        let session_role = sessions
            .iter()
            .enumerate()
            .map(|(r, &s)| (s << 2) | role(r))
            .collect();
        drop(sessions);
        self.rows.push(Chunk {
            resident: p.resident.iter().map(|&c| res_map[c as usize]).collect(),
            session_role,
        });
        self.n_rows += n;
        Ok(())
    }

    /// The session of each row of a piece, interning new sessions.
    fn sessions_of(
        &mut self,
        p: &Piece<'_>,
        act_map: &[u32],
        label_map: Option<&[u32]>,
        scale: i64,
        out: &mut Vec<u32>,
    ) {
        let dates = p.date.map(|(d, _)| d);
        let labels = p.session.map(|(s, _)| s);
        let mut last: Option<((u32, i64), u32)> = None;
        for r in 0..p.resident.len() {
            let a = act_map[p.activity[r] as usize];
            let date = dates.map(|d| d[r] * scale);
            let key = match (labels, label_map) {
                (Some(s), Some(m)) => m[s[r] as usize] as i64,
                _ => date.unwrap_or_default(),
            };
            let s = match last {
                Some((k, s)) if k == (a, key) => s,
                _ => {
                    let next = self.session_activity.len() as u32;
                    let s = *self.sessions.entry((a, key)).or_insert(next);
                    if s == next {
                        self.session_activity.push(a);
                        self.session_key.push(key);
                        if let Some(d) = date {
                            self.session_date.push(d);
                        }
                    }
                    last = Some(((a, key), s));
                    s
                }
            };
            // A labelled session spanning several dates is dated by its first day.
            if let (Some(d), true) = (date, labels.is_some()) {
                let first = &mut self.session_date[s as usize];
                if d < *first {
                    *first = d;
                }
            }
            out.push(s);
        }
    }

    /// Dates from now on in `unit`, finer than the current one: the sessions' dates (and
    /// date keys) so far are rescaled.
    fn rescale(&mut self, unit: DateUnit) {
        let current = self.unit.unwrap_or(unit);
        let f = per_day(unit) / per_day(current);
        self.unit = Some(unit);
        if f == 1 {
            return;
        }
        for d in &mut self.session_date {
            *d *= f;
        }
        if self.labels.is_none() {
            for k in &mut self.session_key {
                *k *= f;
            }
            self.reindex_sessions();
        }
    }

    fn reindex_sessions(&mut self) {
        self.sessions.clear();
        for (s, (&a, &k)) in self
            .session_activity
            .iter()
            .zip(&self.session_key)
            .enumerate()
        {
            self.sessions.insert((a, k), s as u32);
        }
    }

    fn dict(&self, column: Column) -> Option<&Dict> {
        match column {
            Column::Resident => Some(&self.residents),
            Column::Activity => Some(&self.activities),
            Column::Session => self.labels.as_ref(),
        }
    }

    /// The distinct ids of a column so far, in first-seen order (None: no session labels).
    pub fn ids(&self, column: Column) -> Option<Ids> {
        self.dict(column).map(Dict::ids)
    }

    /// Whether some text id of a column may change when stray spaces are cleaned: one
    /// starts or ends with a space, holds two spaces in a row or another kind of space (tab,
    /// non-breaking space, ...). False for whole-number ids and a column that is not there.
    pub fn may_need_cleaning(&self, column: Column) -> bool {
        let Some(dict) = self.dict(column) else {
            return false;
        };
        let dirty = |s: &str| {
            s.starts_with(' ')
                || s.ends_with(' ')
                || s.contains("  ")
                || s.chars()
                    .any(|c| c != ' ' && (c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)))
        };
        match &dict.replaced {
            Some(Ids::Str(v)) => v.iter().any(|s| dirty(s)),
            Some(Ids::Int(_)) => false,
            None if dict.text == Some(true) => {
                (0..dict.ends.len()).any(|i| dirty(&String::from_utf8_lossy(dict.text_of(i))))
            }
            None => false,
        }
    }

    /// Text ids of a column that are all plain whole numbers ("12", "-3"; not "0012", "+3"
    /// or "1.0") become those numbers; returns whether they did. Texts giving one number
    /// ("0" and "-0") become one id.
    ///
    /// # Errors
    /// None in practice (the ids are replaced as [`StreamBuilder::replace_ids`] does).
    pub fn numbers_from_text(&mut self, column: Column) -> Result<bool> {
        let Some(dict) = self.dict(column) else {
            return Ok(false);
        };
        if dict.replaced.is_some() || dict.text != Some(true) || dict.ends.is_empty() {
            return Ok(false);
        }
        let whole = |s: &[u8]| -> Option<i64> {
            let digits = s.strip_prefix(b"-").unwrap_or(s);
            let plain = !digits.is_empty()
                && digits.len() <= 18
                && digits.iter().all(u8::is_ascii_digit)
                && (digits[0] != b'0' || digits.len() == 1);
            if !plain {
                return None;
            }
            std::str::from_utf8(s).ok()?.parse().ok()
        };
        let mut numbers = Vec::with_capacity(dict.ends.len());
        for i in 0..dict.ends.len() {
            match whole(dict.text_of(i)) {
                Some(x) => numbers.push(x),
                None => return Ok(false),
            }
        }
        let mut index: AHashMap<i64, u32> = AHashMap::with_capacity(numbers.len());
        let mut distinct = Vec::with_capacity(numbers.len());
        let remap: Vec<u32> = numbers
            .iter()
            .map(|&x| {
                *index.entry(x).or_insert_with(|| {
                    distinct.push(x);
                    (distinct.len() - 1) as u32
                })
            })
            .collect();
        let merged = distinct.len() < numbers.len();
        self.replace_ids(column, Ids::Int(distinct), merged.then_some(&remap[..]))?;
        Ok(true)
    }

    /// How many rows hold each id of a column so far (None: no session labels).
    pub fn id_rows(&self, column: Column) -> Option<Vec<u64>> {
        let dict = self.dict(column)?;
        let mut out = vec![0u64; dict.len()];
        match column {
            Column::Resident => {
                for &r in self.rows.iter().flat_map(|c| &c.resident) {
                    out[r as usize] += 1;
                }
            }
            _ => {
                let mut per_session = vec![0u64; self.session_activity.len().max(1)];
                if !self.keyed() {
                    return Some({
                        for &s in self.rows.iter().flat_map(|c| &c.session_role) {
                            out[session_of(s) as usize] += 1;
                        }
                        out
                    });
                }
                for &s in self.rows.iter().flat_map(|c| &c.session_role) {
                    per_session[session_of(s) as usize] += 1;
                }
                for (s, &rows) in per_session.iter().enumerate().take(self.session_key.len()) {
                    let id = if column == Column::Activity {
                        self.session_activity[s] as usize
                    } else {
                        self.session_key[s] as usize
                    };
                    out[id] += rows;
                }
            }
        }
        Some(out)
    }

    /// Replaces the ids of a column (once every piece is in): `ids` are the new distinct ids
    /// and `remap[i]` the new index of old id `i` (None: the same ids, written otherwise, e.g.
    /// text read as numbers). Ids merged into one make their sessions one.
    ///
    /// # Errors
    /// A remap of the wrong length or out of range, or ids of the wrong number.
    pub fn replace_ids(&mut self, column: Column, ids: Ids, remap: Option<&[u32]>) -> Result<()> {
        let old = match self.dict(column) {
            Some(d) => d.len(),
            None => return Err(Error::arg("session", "the register has no session labels")),
        };
        match remap {
            None if ids.len() != old => {
                return Err(Error::LengthMismatch {
                    column: format!("{} ids", column.name()),
                    expected: old,
                    got: ids.len(),
                })
            }
            Some(m) if m.len() != old => {
                return Err(Error::LengthMismatch {
                    column: format!("{} remap", column.name()),
                    expected: old,
                    got: m.len(),
                })
            }
            Some(m) => {
                if let Some(k) = m.iter().position(|&c| c as usize >= ids.len()) {
                    return Err(Error::value(
                        column.name(),
                        k,
                        "the new index is out of range",
                    ));
                }
            }
            None => {}
        }
        if let Some(m) = remap {
            match column {
                Column::Resident => {
                    for r in self.rows.iter_mut().flat_map(|c| &mut c.resident) {
                        *r = m[*r as usize];
                    }
                }
                Column::Activity if !self.keyed() => {
                    for s in self.rows.iter_mut().flat_map(|c| &mut c.session_role) {
                        *s = (m[session_of(*s) as usize] << 2) | (*s & 3);
                    }
                }
                Column::Activity => {
                    for a in &mut self.session_activity {
                        *a = m[*a as usize];
                    }
                    self.merge_sessions();
                }
                Column::Session => {
                    for k in &mut self.session_key {
                        *k = m[*k as usize] as i64;
                    }
                    self.merge_sessions();
                }
            }
        }
        let dict = match column {
            Column::Resident => &mut self.residents,
            Column::Activity => &mut self.activities,
            Column::Session => self.labels.as_mut().expect("checked above"),
        };
        *dict = Dict {
            replaced: Some(ids),
            ..Dict::new(column)
        };
        Ok(())
    }

    /// Sessions whose (activity, key) became equal are made one, in first-seen order (the
    /// first row of a merged session is the first row of the first of its parts).
    fn merge_sessions(&mut self) {
        let mut map: AHashMap<(u32, i64), u32> = AHashMap::new();
        let mut activity = Vec::new();
        let mut key = Vec::new();
        let mut date = Vec::new();
        let dated = !self.session_date.is_empty();
        let mut remap = Vec::with_capacity(self.session_activity.len());
        for s in 0..self.session_activity.len() {
            let k = (self.session_activity[s], self.session_key[s]);
            let next = activity.len() as u32;
            let t = *map.entry(k).or_insert(next);
            if t == next {
                activity.push(k.0);
                key.push(k.1);
                if dated {
                    date.push(self.session_date[s]);
                }
            } else if dated && self.session_date[s] < date[t as usize] {
                date[t as usize] = self.session_date[s];
            }
            remap.push(t);
        }
        if activity.len() < self.session_activity.len() {
            for s in self.rows.iter_mut().flat_map(|c| &mut c.session_role) {
                *s = (remap[session_of(*s) as usize] << 2) | (*s & 3);
            }
        }
        self.session_activity = activity;
        self.session_key = key;
        self.session_date = date;
        self.sessions = map;
    }

    /// The register: rows grouped by resident, sorted by session and merged per
    /// (resident, session) as [`Register::from_parts`] does.
    ///
    /// # Errors
    /// No rows, and (with [`Duplicates::Error`]) a repeated (resident, session) row, naming
    /// both rows.
    pub fn finish(self, duplicates: Duplicates) -> Result<Register> {
        let StreamBuilder {
            residents,
            activities,
            labels,
            dated,
            unit,
            rows,
            n_rows: n,
            session_activity,
            session_key,
            session_date,
            sessions,
            ..
        } = self;
        drop(sessions);
        if n == 0 {
            return Err(Error::Empty {
                what: "the attendance table".into(),
                fix: "give at least one row of (resident, activity)".into(),
            });
        }
        let nres = residents.len();
        let (mut residents, mut activities) = (residents, activities);
        residents.drop_index();
        activities.drop_index();

        // Rows grouped by resident (a stable counting sort): sessions and roles moved into
        // resident order, each piece's rows freed once moved. `ptr[r]` is first resident r's
        // start, then (as it is filled) its end, and at last its start again.
        let mut ptr = vec![0usize; nres + 1];
        for &r in rows.iter().flat_map(|c| &c.resident) {
            ptr[r as usize + 1] += 1;
        }
        for i in 0..nres {
            ptr[i + 1] += ptr[i];
        }
        let mut by_row = vec![0u32; n];
        let mut order = (duplicates == Duplicates::Error).then(|| vec![0u32; n]);
        let mut row = 0u32;
        for chunk in rows {
            for (&r, &sr) in chunk.resident.iter().zip(&chunk.session_role) {
                let at = ptr[r as usize];
                ptr[r as usize] += 1;
                by_row[at] = sr;
                if let Some(order) = order.as_mut() {
                    order[at] = row;
                }
                row += 1;
            }
        }
        for i in (1..=nres).rev() {
            ptr[i] = ptr[i - 1];
        }
        ptr[0] = 0;
        let resident_ids = residents.into_ids();
        let activity_ids = activities.into_ids();
        let label_ids = labels.map(Dict::into_ids);
        let nact = activity_ids.len();

        // Each resident's rows sorted by session (then input row) and merged per session,
        // the sessions written back in place.
        let mut row_ptr = ptr;
        let mut row_role: Vec<Role> = Vec::with_capacity(n);
        let mut row_count: Vec<u32> = Vec::with_capacity(n);
        let mut buf: Vec<(u32, u32, Role)> = Vec::new();
        let mut duplicates_found = 0usize;
        let mut w = 0usize;
        let mut lo = row_ptr[0];
        for i in 0..nres {
            let hi = row_ptr[i + 1];
            row_ptr[i] = w;
            buf.clear();
            buf.extend((lo..hi).map(|k| {
                let row = order.as_ref().map_or(k as u32, |o| o[k]);
                (session_of(by_row[k]), row, role_of(by_row[k]))
            }));
            if !buf.is_sorted_by_key(|&(s, row, _)| (s, row)) {
                buf.sort_unstable_by_key(|&(s, row, _)| (s, row));
            }
            let mut k = 0;
            while k < buf.len() {
                let (s, row, mut best) = buf[k];
                let mut count = 1u32;
                let mut j = k + 1;
                while j < buf.len() && buf[j].0 == s {
                    if duplicates == Duplicates::Error {
                        let other = buf[j].1;
                        return Err(Error::value(
                            "resident",
                            other as usize,
                            format!(
                                "rows {row} and {other} record the same resident at the same \
                                 session; pass duplicates=\"count\" to count repeats or \
                                 duplicates=\"drop\" to keep one"
                            ),
                        ));
                    }
                    duplicates_found += 1;
                    best = best.max(buf[j].2);
                    count += 1;
                    j += 1;
                }
                if duplicates == Duplicates::Drop {
                    count = 1;
                }
                by_row[w] = s;
                row_role.push(best);
                row_count.push(count);
                w += 1;
                k = j;
            }
            lo = hi;
        }
        row_ptr[nres] = w;
        drop(buf);
        drop(order);
        by_row.truncate(w);
        by_row.shrink_to_fit();
        row_role.shrink_to_fit();
        row_count.shrink_to_fit();

        let keyed = dated || label_ids.is_some();
        let session_activity = if keyed {
            session_activity
        } else {
            (0..nact as u32).collect()
        };
        let session_labels = label_ids.map(|ids| {
            let of_session: Vec<u32> = session_key.iter().map(|&k| k as u32).collect();
            Arc::new((ids, of_session))
        });
        Ok(Register {
            resident_ids,
            activity_ids,
            session_activity: Arc::new(session_activity),
            session_date: dated.then(|| Arc::new(session_date)),
            session_labels,
            date_unit: if dated {
                unit.unwrap_or_default()
            } else {
                DateUnit::Day
            },
            row_ptr: Arc::new(row_ptr),
            row_session: Arc::new(by_row),
            row_role: Arc::new(row_role),
            row_count: Arc::new(row_count),
            input_rows: n,
            duplicates_found,
            duplicates,
            resident_attrs: Attributes::default(),
            activity_attrs: Attributes::default(),
            sensitive: vec![false; nact],
            resident_index: OnceLock::new(),
            activity_index: OnceLock::new(),
        })
    }
}
