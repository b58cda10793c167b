//! Maps [`Error`] onto the Python exception tree of `wijknet._errors` (one place only).
use crate::error::{counted, Error};
use pyo3::exceptions::{PyKeyboardInterrupt, PyRuntimeError};
use pyo3::prelude::*;

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("wijknet._errors")?.getattr(name)
}

/// Converts a core error into the matching `wijknet` exception.
pub fn to_py(e: Error) -> PyErr {
    if matches!(e, Error::Cancelled) {
        return PyKeyboardInterrupt::new_err("cancelled (Ctrl-C)");
    }
    let name = match &e {
        Error::Empty { .. } | Error::InvalidValue { .. } | Error::LengthMismatch { .. } => {
            "InputError"
        }
        Error::NotFound { .. } => "NodeNotFoundError",
        Error::InvalidArgument { .. } => "ArgumentError",
        Error::PairBudgetExceeded { .. } | Error::PairWorkExceeded { .. } => "BudgetExceededError",
        Error::Serialization(_) => "SerializationError",
        _ => "WijknetError",
    };
    let msg = python_message(&e);
    Python::attach(|py| match class(py, name) {
        Ok(cls) => match cls.call1((msg.clone(),)) {
            Ok(inst) => PyErr::from_value(inst),
            Err(err) => err,
        },
        Err(_) => PyRuntimeError::new_err(msg),
    })
}

/// The message in Python's terms: the core speaks of Rust types, users of keywords.
fn python_message(e: &Error) -> String {
    match e {
        Error::PairBudgetExceeded {
            pairs,
            budget,
            units,
            largest,
            suggest,
        } => format!(
            "projecting would create up to {} (Σ n(n−1)/2 over {units}; the largest has {}), \
             more than the budget of {budget}. Options: set max_activity_size= to leave out the \
             largest activities (e.g. max_activity_size={suggest}), project a window \
             (net.window(start, end)), use unit=\"session\" (people present at the same \
             session), or raise pair_budget= if the machine has the memory (about 24 bytes a \
             pair)",
            counted(pairs, "resident pair", "resident pairs"),
            counted(largest, "participant", "participants"),
        ),
        Error::PairWorkExceeded {
            measure,
            what,
            pairs,
            budget,
            limit,
            largest,
            fix,
        } => format!(
            "{measure} would visit {pairs} {what} ({largest}), more than the limit of {budget} \
             ({limit}). Leave out {fix} first \
             (net.filter(activities=[...]) keeps the activities you name) or compute it on a \
             window (net.window(start, end))"
        ),
        _ => e.to_string(),
    }
}

/// An internal error (a Rust panic caught before it reached Python).
pub fn internal(msg: String) -> PyErr {
    PyRuntimeError::new_err(format!(
        "internal error in wijknet: {msg}. This is a bug; please report it with the call that caused it"
    ))
}
