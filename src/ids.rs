//! Identifiers as the user gave them (strings or integers), interned to dense `u32` indices.
use crate::error::{Error, Result};
use ahash::AHashMap;

/// One identifier: a string or an integer, returned to the user as given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Id {
    /// A string id, e.g. a name or a pseudonym.
    Str(String),
    /// An integer id, e.g. a membership number.
    Int(i64),
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Id::Str(s) => write!(f, "'{s}'"),
            Id::Int(i) => write!(f, "{i}"),
        }
    }
}

impl Id {
    /// The id as a message quotes it: as [`Display`](std::fmt::Display) shows it, but a string
    /// of more than 60 characters shortened to its first 40 and its length, so that an error
    /// about a huge id (a whole document pasted into an id column) stays readable.
    ///
    /// # Example
    /// ```
    /// use wijknet::Id;
    /// assert_eq!(Id::from("ann").shown(), "'ann'");
    /// assert_eq!(Id::from("x".repeat(1000).as_str()).shown(), format!("'{}…' (1000 characters)", "x".repeat(40)));
    /// ```
    pub fn shown(&self) -> String {
        match self {
            Id::Str(s) if s.chars().count() > 60 => {
                let head: String = s.chars().take(40).collect();
                format!("'{head}…' ({} characters)", s.chars().count())
            }
            _ => self.to_string(),
        }
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id::Str(s.to_string())
    }
}
impl From<String> for Id {
    fn from(s: String) -> Self {
        Id::Str(s)
    }
}
impl From<i64> for Id {
    fn from(i: i64) -> Self {
        Id::Int(i)
    }
}
impl From<i32> for Id {
    fn from(i: i32) -> Self {
        Id::Int(i as i64)
    }
}
impl From<u32> for Id {
    fn from(i: u32) -> Self {
        Id::Int(i as i64)
    }
}

/// A column of distinct ids, all strings or all integers, indexed by dense `u32`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Ids {
    /// String ids.
    Str(Vec<String>),
    /// Integer ids.
    Int(Vec<i64>),
}

impl Default for Ids {
    fn default() -> Self {
        Ids::Int(Vec::new())
    }
}

impl Ids {
    /// Ids from a list of [`Id`]s: strings if the first is a string (integers are then
    /// written as text), integers otherwise (an empty list gives empty integer ids).
    pub fn from_id_vec(ids: Vec<Id>) -> Ids {
        if matches!(ids.first(), Some(Id::Str(_))) {
            Ids::Str(
                ids.into_iter()
                    .map(|id| match id {
                        Id::Str(s) => s,
                        Id::Int(i) => i.to_string(),
                    })
                    .collect(),
            )
        } else {
            Ids::Int(
                ids.into_iter()
                    .map(|id| match id {
                        Id::Int(i) => i,
                        Id::Str(_) => 0,
                    })
                    .collect(),
            )
        }
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        match self {
            Ids::Str(v) => v.len(),
            Ids::Int(v) => v.len(),
        }
    }
    /// Whether there are no ids.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The memory the ids hold, in bytes: the vector and, for strings, their text.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Ids::Str(v) => {
                v.capacity() * std::mem::size_of::<String>()
                    + v.iter().map(String::capacity).sum::<usize>()
            }
            Ids::Int(v) => v.capacity() * std::mem::size_of::<i64>(),
        }
    }
    /// The id at index `i`.
    pub fn get(&self, i: usize) -> Id {
        match self {
            Ids::Str(v) => Id::Str(v[i].clone()),
            Ids::Int(v) => Id::Int(v[i]),
        }
    }
    /// The ids at `idx`, in that order.
    pub fn select(&self, idx: &[u32]) -> Ids {
        match self {
            Ids::Str(v) => Ids::Str(idx.iter().map(|&i| v[i as usize].clone()).collect()),
            Ids::Int(v) => Ids::Int(idx.iter().map(|&i| v[i as usize]).collect()),
        }
    }
    /// Index of `id`, by linear scan (use [`Ids::index`] for many look-ups).
    pub fn position(&self, id: &Id) -> Option<u32> {
        match (self, id) {
            (Ids::Str(v), Id::Str(s)) => v.iter().position(|x| x == s).map(|p| p as u32),
            (Ids::Int(v), Id::Int(i)) => v.iter().position(|x| x == i).map(|p| p as u32),
            _ => None,
        }
    }
    /// Checks that no id is repeated (naming `what` and the row of the first repeat), without
    /// building an index.
    pub fn check_distinct(&self, what: &str) -> Result<()> {
        fn first_repeat<T: std::hash::Hash + Eq>(
            v: impl ExactSizeIterator<Item = T>,
        ) -> Option<usize> {
            let mut seen = ahash::AHashSet::with_capacity(v.len());
            v.enumerate()
                .find_map(|(i, x)| (!seen.insert(x)).then_some(i))
        }
        let repeat = match self {
            Ids::Str(v) => first_repeat(v.iter().map(String::as_str)),
            Ids::Int(v) => first_repeat(v.iter()),
        };
        match repeat {
            Some(i) => Err(Error::value(
                what,
                i,
                format!(
                    "id {} appears more than once; ids must be unique",
                    self.get(i)
                ),
            )),
            None => Ok(()),
        }
    }
    /// A hash index id → position. Fails if an id is repeated.
    pub fn index(&self, what: &str) -> Result<AHashMap<Id, u32>> {
        let mut map = AHashMap::with_capacity(self.len());
        for i in 0..self.len() {
            if map.insert(self.get(i), i as u32).is_some() {
                return Err(Error::value(
                    what,
                    i,
                    format!(
                        "id {} appears more than once; ids must be unique",
                        self.get(i)
                    ),
                ));
            }
        }
        Ok(map)
    }
}

/// Interns ids in first-seen order.
///
/// ```
/// use wijknet::ids::{Id, Interner};
/// let mut names = Interner::new("resident");
/// assert_eq!(names.intern(Id::from("ann"), 0).unwrap(), 0);
/// assert_eq!(names.intern(Id::from("bob"), 1).unwrap(), 1);
/// assert_eq!(names.intern(Id::from("ann"), 2).unwrap(), 0);
/// assert!(names.intern(Id::from(5i64), 3).is_err()); // mixed id types
/// ```
#[derive(Debug, Clone)]
pub struct Interner {
    column: String,
    map: AHashMap<Id, u32>,
    ids: Vec<Id>,
}

impl Interner {
    /// An empty interner for the named column (used in error messages).
    pub fn new(column: &str) -> Self {
        Interner {
            column: column.to_string(),
            map: AHashMap::new(),
            ids: Vec::new(),
        }
    }
    /// The dense index of `id`, adding it if new. `row` is used in the error message when
    /// `id`'s type (string/integer) differs from the ids seen before.
    pub fn intern(&mut self, id: Id, row: usize) -> Result<u32> {
        if let Some(&i) = self.map.get(&id) {
            return Ok(i);
        }
        self.check(&id, row)?;
        let i = self.ids.len() as u32;
        self.map.insert(id.clone(), i);
        self.ids.push(id);
        Ok(i)
    }
    /// Whether [`Interner::intern`] would take `id` (it has the type of the ids seen before),
    /// without adding it.
    pub fn check(&self, id: &Id, row: usize) -> Result<()> {
        if let Some(first) = self.ids.first() {
            if std::mem::discriminant(first) != std::mem::discriminant(id) {
                return Err(Error::value(
                    &self.column,
                    row,
                    format!(
                        "id {id} is {} but earlier ids are {}; give all ids of a column one \
                         type (e.g. convert the column to strings)",
                        kind(id),
                        kind(first)
                    ),
                ));
            }
        }
        Ok(())
    }
    /// Number of distinct ids.
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    /// Whether no id was interned.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
    /// The distinct ids in first-seen order.
    pub fn into_ids(self) -> Ids {
        match self.ids.first() {
            Some(Id::Str(_)) => Ids::Str(
                self.ids
                    .into_iter()
                    .map(|i| {
                        if let Id::Str(s) = i {
                            s
                        } else {
                            unreachable!()
                        }
                    })
                    .collect(),
            ),
            _ => Ids::Int(
                self.ids
                    .into_iter()
                    .map(|i| {
                        if let Id::Int(x) = i {
                            x
                        } else {
                            unreachable!()
                        }
                    })
                    .collect(),
            ),
        }
    }
}

fn kind(id: &Id) -> &'static str {
    match id {
        Id::Str(_) => "a string",
        Id::Int(_) => "an integer",
    }
}
