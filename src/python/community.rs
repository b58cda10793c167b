//! Bindings of [`crate::metrics::community`] (thin wrappers; no algorithm logic here).
use super::graph::PyGraph;
use super::network::PyNetwork;
use super::run::{context, quick, run};
use crate::incidence::Unit;
use crate::metrics::community;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;

#[pyfunction]
fn modularity(
    py: Python<'_>,
    g: &PyGraph,
    labels: PyReadonlyArray1<'_, u32>,
    resolution: f64,
    weighted: bool,
) -> PyResult<f64> {
    let labels = labels.as_slice()?.to_vec();
    quick(py, || {
        community::modularity(&g.inner, &labels, resolution, weighted)
    })
}

#[pyfunction]
#[pyo3(signature = (g, resolution, weighted, seed, threads=None, progress=None))]
fn louvain<'py>(
    py: Python<'py>,
    g: &PyGraph,
    resolution: f64,
    weighted: bool,
    seed: u64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ctx = context(threads);
    let labels = run(py, &ctx, progress, || {
        community::louvain(&g.inner, resolution, weighted, seed, &ctx)
    })?;
    Ok(labels.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, resolution, weighted, seed, threads=None, progress=None))]
fn louvain_levels<'py>(
    py: Python<'py>,
    g: &PyGraph,
    resolution: f64,
    weighted: bool,
    seed: u64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let ctx = context(threads);
    let levels = run(py, &ctx, progress, || {
        community::louvain_levels(&g.inner, resolution, weighted, seed, &ctx)
    })?;
    Ok(levels
        .into_iter()
        .map(|labels| labels.into_pyarray(py).into_any())
        .collect())
}

#[pyfunction]
#[pyo3(signature = (g, resolution, weighted, seed, n_iterations, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn leiden<'py>(
    py: Python<'py>,
    g: &PyGraph,
    resolution: f64,
    weighted: bool,
    seed: u64,
    n_iterations: Option<u32>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ctx = context(threads);
    let labels = run(py, &ctx, progress, || {
        community::leiden(&g.inner, resolution, weighted, seed, n_iterations, &ctx)
    })?;
    Ok(labels.into_pyarray(py).into_any())
}

#[pyfunction]
fn partition_similarity(
    py: Python<'_>,
    a: PyReadonlyArray1<'_, u32>,
    b: PyReadonlyArray1<'_, u32>,
) -> PyResult<(f64, f64)> {
    let (a, b) = (a.as_slice()?.to_vec(), b.as_slice()?.to_vec());
    quick(py, || community::partition_similarity(&a, &b))
}

#[pyfunction]
fn bipartite_modularity(
    py: Python<'_>,
    net: &PyNetwork,
    resident_labels: PyReadonlyArray1<'_, u32>,
    activity_labels: PyReadonlyArray1<'_, u32>,
) -> PyResult<f64> {
    let (r, a) = (
        resident_labels.as_slice()?.to_vec(),
        activity_labels.as_slice()?.to_vec(),
    );
    quick(py, || {
        community::bipartite_modularity(&net.inner.incidence(Unit::Activity), &r, &a)
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(modularity, m)?)?;
    m.add_function(wrap_pyfunction!(louvain, m)?)?;
    m.add_function(wrap_pyfunction!(louvain_levels, m)?)?;
    m.add_function(wrap_pyfunction!(leiden, m)?)?;
    m.add_function(wrap_pyfunction!(partition_similarity, m)?)?;
    m.add_function(wrap_pyfunction!(bipartite_modularity, m)?)?;
    Ok(())
}
