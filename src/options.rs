//! Option names: the one way an option enum is parsed from its name.
//!
//! An enum whose values are chosen by name (a projection [`Weight`](crate::Weight), a
//! [`Unit`](crate::Unit), a clustering method, a path distance, ...) implements [`OptionName`]
//! through [`option_names!`](crate::option_names), which also gives it [`FromStr`]. The list
//! of allowed names lives in that one place, and so does the "is not one of" message every
//! parse error carries ([`Error::InvalidArgument`] naming the argument).
//!
//! ```
//! use wijknet::options::OptionName;
//! use wijknet::{Unit, Weight};
//!
//! assert_eq!("newman".parse::<Weight>().unwrap(), Weight::Newman);
//! assert_eq!(Unit::Session.option_name(), "session");
//! let err = "daily".parse::<Unit>().unwrap_err().to_string();
//! assert_eq!(err, "argument 'unit': 'daily' is not one of \"activity\", \"session\"");
//! ```
//!
//! [`FromStr`]: std::str::FromStr
use crate::error::{Error, Result};

/// An enum chosen by name. Implement it with [`option_names!`](crate::option_names).
pub trait OptionName: Sized + Copy + PartialEq + 'static {
    /// The name of the argument this option is given as (e.g. `"weight"`), used in errors.
    const ARGUMENT: &'static str;
    /// The allowed names and the value each one selects, in the order errors list them.
    const NAMES: &'static [(&'static str, Self)];
    /// What else the argument accepts besides the names (e.g. `"or None (hops)"`), appended
    /// to the error message; empty when nothing.
    const ALSO: &'static str = "";

    /// The name of this value (the first name that selects it).
    ///
    /// # Panics
    /// Never for values listed in [`OptionName::NAMES`]; a value without a name (such as a
    /// parameterised variant) gives `"?"`.
    fn option_name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("?", |(n, _)| n)
    }

    /// The allowed names, quoted and separated by commas: `"count", "newman"`.
    fn allowed() -> String {
        let names: Vec<String> = Self::NAMES
            .iter()
            .map(|(n, _)| format!("\"{n}\""))
            .collect();
        names.join(", ")
    }
}

/// Parses `name` into `T`.
///
/// # Errors
/// [`Error::InvalidArgument`] naming [`OptionName::ARGUMENT`], with the list of allowed
/// names.
pub fn parse<T: OptionName>(name: &str) -> Result<T> {
    T::NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .ok_or_else(|| unknown::<T>(name))
}

/// The error for a name that is not one of `T`'s.
pub fn unknown<T: OptionName>(name: &str) -> Error {
    let also = if T::ALSO.is_empty() {
        String::new()
    } else {
        format!(" {}", T::ALSO)
    };
    Error::arg(
        T::ARGUMENT,
        format!("'{name}' is not one of {}{also}", T::allowed()),
    )
}

/// Implements [`OptionName`] and [`std::str::FromStr`] for an option enum:
///
/// ```
/// #[derive(Debug, Clone, Copy, PartialEq)]
/// enum Side { Residents, Activities }
/// wijknet::option_names!(Side, "nodes", { "residents" => Side::Residents, "activities" => Side::Activities });
/// assert_eq!("activities".parse::<Side>().unwrap(), Side::Activities);
/// ```
///
/// An optional `also = "..."` before the names says what else the argument accepts.
#[macro_export]
macro_rules! option_names {
    ($ty:ty, $arg:literal, $(also = $also:literal,)? { $($name:literal => $value:expr),+ $(,)? }) => {
        impl $crate::options::OptionName for $ty {
            const ARGUMENT: &'static str = $arg;
            const NAMES: &'static [(&'static str, Self)] = &[$(($name, $value)),+];
            $(const ALSO: &'static str = $also;)?
        }
        impl ::std::str::FromStr for $ty {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                $crate::options::parse(s)
            }
        }
    };
}
