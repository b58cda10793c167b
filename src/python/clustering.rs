//! Bindings of [`crate::metrics::clustering`] (thin wrappers; no algorithm logic here).
use pyo3::prelude::*;

pub fn register(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
