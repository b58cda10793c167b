//! Bindings of [`crate::metrics::centrality`] (thin wrappers; no algorithm logic here).
use super::graph::PyGraph;
use super::run::run;
use crate::context::Context;
use crate::metrics::centrality as c;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;

fn context(threads: Option<usize>, seed: Option<u64>) -> Context {
    super::run::context(threads).with_seed(seed.unwrap_or(0))
}

#[pyfunction]
#[pyo3(signature = (g, alpha=0.85, weighted=true, max_iter=100, tol=1e-6, personalization=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn pagerank<'py>(
    py: Python<'py>,
    g: &PyGraph,
    alpha: f64,
    weighted: bool,
    max_iter: usize,
    tol: f64,
    personalization: Option<PyReadonlyArray1<'py, f64>>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = c::PageRankOptions {
        alpha,
        weighted,
        max_iter,
        tol,
        personalization: personalization.map(|p| p.as_array().to_vec()),
    };
    let ctx = context(threads, None);
    let v = run(py, &ctx, progress, || c::pagerank(&g.inner, &opts, &ctx))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, weighted=false, max_iter=100, tol=1e-6, threads=None, progress=None))]
fn eigenvector_centrality<'py>(
    py: Python<'py>,
    g: &PyGraph,
    weighted: bool,
    max_iter: usize,
    tol: f64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ctx = context(threads, None);
    let v = run(py, &ctx, progress, || {
        c::eigenvector_centrality(&g.inner, weighted, max_iter, tol, &ctx)
    })?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, normalized=true, distance=None, k=None, seed=None, endpoints=false, alpha=None, threads=None, progress=None, sources=None))]
#[allow(clippy::too_many_arguments)]
fn betweenness_centrality<'py>(
    py: Python<'py>,
    g: &PyGraph,
    normalized: bool,
    distance: Option<&str>,
    k: Option<usize>,
    seed: Option<u64>,
    endpoints: bool,
    alpha: Option<f64>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    sources: Option<PyReadonlyArray1<'py, u32>>,
) -> PyResult<Bound<'py, PyAny>> {
    let distance = super::convert::distance(distance, alpha)?;
    let opts = c::BetweennessOptions {
        normalized,
        distance,
        k,
        endpoints,
    };
    let ctx = context(threads, seed);
    let sources = sources.map(|s| s.as_array().to_vec());
    let v = run(py, &ctx, progress, || match &sources {
        Some(s) => c::betweenness_centrality_from_sources(&g.inner, s, &opts, &ctx),
        None => c::betweenness_centrality(&g.inner, &opts, &ctx),
    })?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, distance=None, wf_improved=true, alpha=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn closeness_centrality<'py>(
    py: Python<'py>,
    g: &PyGraph,
    distance: Option<&str>,
    wf_improved: bool,
    alpha: Option<f64>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let distance = super::convert::distance(distance, alpha)?;
    let ctx = context(threads, None);
    let v = run(py, &ctx, progress, || {
        c::closeness_centrality(&g.inner, distance, wf_improved, &ctx)
    })?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, distance=None, threads=None, progress=None))]
fn harmonic_centrality<'py>(
    py: Python<'py>,
    g: &PyGraph,
    distance: Option<&str>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let distance = super::convert::distance(distance, None)?;
    let ctx = context(threads, None);
    let v = run(py, &ctx, progress, || {
        c::harmonic_centrality(&g.inner, distance, &ctx)
    })?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
fn degree_centrality_opsahl<'py>(
    py: Python<'py>,
    g: &PyGraph,
    alpha: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let v = super::run::quick(py, || c::degree_centrality_opsahl(&g.inner, alpha))?;
    Ok(v.into_pyarray(py).into_any())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(pagerank, m)?)?;
    m.add_function(wrap_pyfunction!(eigenvector_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(betweenness_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(closeness_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(harmonic_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(degree_centrality_opsahl, m)?)?;
    Ok(())
}
