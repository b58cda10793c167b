//! The persisted format for the Python package's files: reading whatever bytes hold and
//! writing named sections (see [`crate::persist`]).
use super::graph::PyGraph;
use super::network::PyNetwork;
use super::run::quick;
use crate::persist::{self, Sections, Stored};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};

/// Whatever `data` holds: a `Network`, a `Graph`, or sections as a list of `(name, bytes)`.
#[pyfunction]
fn persist_load<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let data = data.to_vec();
    match quick(py, move || persist::load(&data))? {
        Stored::Network(inner) => Ok(Bound::new(py, PyNetwork { inner })?.into_any()),
        Stored::Graph(inner) => Ok(Bound::new(py, PyGraph { inner })?.into_any()),
        Stored::Sections(sections) => {
            let items = sections
                .entries
                .iter()
                .map(|(name, bytes)| {
                    PyTuple::new(
                        py,
                        [
                            name.into_pyobject(py)?.into_any(),
                            PyBytes::new(py, bytes).into_any(),
                        ],
                    )
                })
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyList::new(py, items)?.into_any())
        }
    }
}

/// `sections` (a list of `(name, bytes)`) in the format, with header and checksum.
#[pyfunction]
fn persist_sections<'py>(
    py: Python<'py>,
    sections: Vec<(String, Bound<'py, PyBytes>)>,
) -> PyResult<Bound<'py, PyBytes>> {
    let sections = Sections {
        entries: sections
            .into_iter()
            .map(|(name, b)| (name, b.as_bytes().to_vec()))
            .collect(),
    };
    let b = quick(py, move || persist::to_bytes(&sections))?;
    Ok(PyBytes::new(py, &b))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(persist_load, m)?)?;
    m.add_function(wrap_pyfunction!(persist_sections, m)?)?;
    Ok(())
}
