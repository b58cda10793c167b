//! The one error type of wijknet.
//!
//! Every fallible function returns [`Result<T>`]. Messages say *what* went wrong, *where*
//! (column, row, id) and *how to fix it*, in the terms of this crate's API; the Python bindings
//! map each variant onto the matching `wijknet.WijknetError` subclass (which also subclasses
//! the builtin exception named in each variant's docs) and word the fixes for Python.

/// Errors raised by wijknet.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[allow(missing_docs)] // fields are described by each variant
pub enum Error {
    /// A required input is empty (Python: `InputError`, a `ValueError`).
    #[error("{what} is empty: {fix}")]
    Empty { what: String, fix: String },

    /// An id or value in an input column is invalid (Python: `InputError`, a `ValueError`).
    /// `row` is the 0-based row of the input table.
    #[error("column '{column}', row {row}: {message}")]
    InvalidValue {
        column: String,
        row: usize,
        message: String,
    },

    /// An input column has inconsistent length (Python: `InputError`).
    #[error("column '{column}' has {got} values but {expected} were expected")]
    LengthMismatch {
        column: String,
        expected: usize,
        got: usize,
    },

    /// A node (resident, activity, id) was not found (Python: `NodeNotFoundError`, a `KeyError`).
    #[error("{kind} {id} is not in the {place}; {fix}")]
    NotFound {
        kind: String,
        id: String,
        place: String,
        fix: String,
    },

    /// An argument has an invalid value (Python: `ArgumentError`, a `ValueError`).
    #[error("argument '{name}': {message}")]
    InvalidArgument { name: String, message: String },

    /// The projection would create more pairs than the configured budget (Python:
    /// `BudgetExceededError`, a `MemoryError`).
    #[error(
        "projecting would create up to {} (Σ n(n−1)/2 over {units}; the largest has {}), \
         more than the budget of {budget}. Options: leave out the largest activities with \
         Projection::max_activity_size (e.g. Some({suggest})), project a window of the network \
         (Network::window), project by Unit::Session (people present at the same session), or \
         raise Projection::pair_budget if the machine has the memory (about 24 bytes a pair)",
        counted(.pairs, "resident pair", "resident pairs"),
        counted(.largest, "participant", "participants")
    )]
    PairBudgetExceeded {
        pairs: u64,
        budget: u64,
        /// The units the pairs are counted over, with their number: "1 session", "40 activities".
        units: String,
        largest: usize,
        suggest: usize,
    },

    /// A measure that does a projection's pair work without building one (it visits every pair
    /// of residents who share an activity, or every pair of a resident's co-participants)
    /// would visit more pairs than a projection may create by default (Python:
    /// `BudgetExceededError`, a `MemoryError`). The fix is a smaller register: leave out the
    /// largest activities or take a window.
    #[error(
        "{measure} would visit {pairs} {what} ({largest}), more than the limit of {budget} \
         ({limit}). Leave out {fix} first (a filtered view of the network, Network::filter) \
         or compute it on a window of the network (Network::window)"
    )]
    PairWorkExceeded {
        measure: &'static str,
        what: String,
        pairs: u64,
        budget: u64,
        /// What the limit is: a projection's default pair budget, or work of many minutes.
        limit: &'static str,
        largest: String,
        fix: String,
    },

    /// The computation was cancelled (Ctrl-C) (Python: `KeyboardInterrupt`).
    #[error("cancelled")]
    Cancelled,

    /// Serialized bytes could not be read (Python: `SerializationError`, a `ValueError`).
    #[error("cannot read serialized wijknet data: {0}")]
    Serialization(String),
}

/// `std::result::Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn arg(name: &str, message: impl Into<String>) -> Self {
        Error::InvalidArgument {
            name: name.to_string(),
            message: message.into(),
        }
    }
    /// An index argument that is not below `n`: names the argument, the index and how many
    /// there are (`what`: the singular and plural of what is indexed, e.g. ("activity",
    /// "activities"); `place`: where they are, e.g. "register").
    pub(crate) fn index(
        name: &str,
        index: usize,
        n: usize,
        what: (&str, &str),
        place: &str,
    ) -> Self {
        let valid = match n {
            0 => String::new(),
            1 => " (the only index is 0)".to_string(),
            _ => format!(" (indices run from 0 to {})", n - 1),
        };
        Error::arg(
            name,
            format!(
                "{index} is not {a} {one} index: the {place} has {count}{valid}",
                a = if what.0.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                },
                one = what.0,
                count = counted(n, what.0, what.1),
            ),
        )
    }
    pub(crate) fn value(column: &str, row: usize, message: impl Into<String>) -> Self {
        Error::InvalidValue {
            column: column.to_string(),
            row,
            message: message.into(),
        }
    }
}

/// `n` (a whole number) with the noun that goes with it: "1 activity", "2 activities",
/// "0 activities".
pub(crate) fn counted(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let noun = if n == "1" { one } else { many };
    format!("{n} {noun}")
}

/// Checks that every index in `indices` (if given) is below `n`; the error names the argument
/// `name` and the first index that is not (see [`Error::index`]).
pub(crate) fn check_indices(
    name: &str,
    indices: Option<&[u32]>,
    n: usize,
    what: (&str, &str),
    place: &str,
) -> Result<()> {
    match indices.and_then(|list| list.iter().find(|&&i| i as usize >= n)) {
        Some(&i) => Err(Error::index(name, i as usize, n, what, place)),
        None => Ok(()),
    }
}
