//! Bindings of [`crate::metrics::clustering`] (thin wrappers; no algorithm logic here).
use super::convert::option;
use super::graph::PyGraph;
use super::run::{context, run};
use crate::metrics::clustering::{self as cl, ClusteringMethod};
use numpy::IntoPyArray;
use pyo3::prelude::*;

#[pyfunction]
#[pyo3(signature = (g, threads=None, progress=None))]
fn triangles<'py>(
    py: Python<'py>,
    g: &PyGraph,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ctx = context(threads);
    let v = run(py, &ctx, progress, || cl::triangles(&g.inner, &ctx))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, method="unweighted", threads=None, progress=None))]
fn clustering<'py>(
    py: Python<'py>,
    g: &PyGraph,
    method: &str,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let m: ClusteringMethod = option(method)?;
    let ctx = context(threads);
    let v = run(py, &ctx, progress, || cl::clustering(&g.inner, m, &ctx))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, method="unweighted", count_zeros=true, threads=None, progress=None))]
fn average_clustering<'py>(
    py: Python<'py>,
    g: &PyGraph,
    method: &str,
    count_zeros: bool,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<f64> {
    let m: ClusteringMethod = option(method)?;
    let ctx = context(threads);
    run(py, &ctx, progress, || {
        cl::average_clustering(&g.inner, m, count_zeros, &ctx)
    })
}

#[pyfunction]
#[pyo3(signature = (g, threads=None, progress=None))]
fn transitivity<'py>(
    py: Python<'py>,
    g: &PyGraph,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<f64> {
    let ctx = context(threads);
    run(py, &ctx, progress, || cl::transitivity(&g.inner, &ctx))
}

#[pyfunction]
#[pyo3(signature = (g, threads=None, progress=None))]
fn square_clustering<'py>(
    py: Python<'py>,
    g: &PyGraph,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ctx = context(threads);
    let v = run(py, &ctx, progress, || cl::square_clustering(&g.inner, &ctx))?;
    Ok(v.into_pyarray(py).into_any())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(triangles, m)?)?;
    m.add_function(wrap_pyfunction!(clustering, m)?)?;
    m.add_function(wrap_pyfunction!(average_clustering, m)?)?;
    m.add_function(wrap_pyfunction!(transitivity, m)?)?;
    m.add_function(wrap_pyfunction!(square_clustering, m)?)?;
    Ok(())
}
