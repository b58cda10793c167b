//! Maps [`Error`] onto the Python exception tree of `wijknet._errors` (one place only).
use crate::error::Error;
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
        Error::PairBudgetExceeded { .. } => "BudgetExceededError",
        Error::Serialization(_) => "SerializationError",
        _ => "WijknetError",
    };
    let msg = e.to_string();
    Python::attach(|py| match class(py, name) {
        Ok(cls) => match cls.call1((msg.clone(),)) {
            Ok(inst) => PyErr::from_value(inst),
            Err(err) => err,
        },
        Err(_) => PyRuntimeError::new_err(msg),
    })
}

/// An internal error (a Rust panic caught before it reached Python).
pub fn internal(msg: String) -> PyErr {
    PyRuntimeError::new_err(format!(
        "internal error in wijknet: {msg}. This is a bug; please report it with the call that caused it"
    ))
}
