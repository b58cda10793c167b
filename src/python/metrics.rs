//! Metric functions and execution settings exposed to Python.
use super::graph::PyGraph;
use super::run::quick;
use numpy::IntoPyArray;
use pyo3::prelude::*;

#[pyfunction]
fn degree<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<Bound<'py, PyAny>> {
    let v = quick(py, || Ok(crate::metrics::degree(&g.inner)))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
fn strength<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<Bound<'py, PyAny>> {
    let v = quick(py, || Ok(crate::metrics::strength(&g.inner)))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
fn connected_components<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<Bound<'py, PyAny>> {
    let v = quick(py, || Ok(crate::metrics::connected_components(&g.inner)))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
fn number_connected_components(py: Python<'_>, g: &PyGraph) -> PyResult<usize> {
    quick(py, || {
        Ok(crate::metrics::number_connected_components(&g.inner))
    })
}

#[pyfunction]
fn isolates<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<Bound<'py, PyAny>> {
    let v = quick(py, || Ok(crate::metrics::isolates(&g.inner)))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
fn density(g: &PyGraph) -> f64 {
    crate::metrics::density(&g.inner)
}

#[pyfunction]
fn set_num_threads(n: usize) {
    crate::context::set_num_threads(n)
}

#[pyfunction]
fn get_num_threads() -> usize {
    crate::context::get_num_threads()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(degree, m)?)?;
    m.add_function(wrap_pyfunction!(strength, m)?)?;
    m.add_function(wrap_pyfunction!(connected_components, m)?)?;
    m.add_function(wrap_pyfunction!(number_connected_components, m)?)?;
    m.add_function(wrap_pyfunction!(isolates, m)?)?;
    m.add_function(wrap_pyfunction!(density, m)?)?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    Ok(())
}
