//! Bindings of [`crate::metrics::cohesion`] (thin wrappers; no algorithm logic here).
use super::convert::named;
use super::graph::PyGraph;
use super::run::{context, quick, run};
use crate::context::Context;
use crate::metrics::cohesion as co;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;

type Arr<'py> = Bound<'py, PyAny>;

/// The context for `threads=` and, for sampled sources, `seed=` (the Python layer resolves
/// `seed=None` to a fresh seed before calling).
fn ctx_with(threads: Option<usize>, seed: Option<u64>) -> Context {
    let ctx = context(threads);
    match seed {
        Some(s) => ctx.with_seed(s),
        None => ctx,
    }
}

#[pyfunction]
fn core_number<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<Arr<'py>> {
    let v = quick(py, || co::core_number(&g.inner))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, k=None))]
fn k_core<'py>(py: Python<'py>, g: &PyGraph, k: Option<u32>) -> PyResult<(PyGraph, Arr<'py>)> {
    let (h, keep) = quick(py, || co::k_core(&g.inner, k))?;
    Ok((PyGraph { inner: h }, keep.into_pyarray(py).into_any()))
}

#[pyfunction]
fn articulation_points<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<Arr<'py>> {
    let v = quick(py, || co::articulation_points(&g.inner))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
fn articulation_points_in_order<'py>(
    py: Python<'py>,
    indptr: PyReadonlyArray1<'py, u64>,
    indices: PyReadonlyArray1<'py, u32>,
) -> PyResult<Arr<'py>> {
    let indptr: Vec<usize> = indptr.as_array().iter().map(|&x| x as usize).collect();
    let indices = indices.as_array().to_vec();
    let v = quick(py, || co::articulation_points_in_order(&indptr, &indices))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
fn bridges<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<(Arr<'py>, Arr<'py>)> {
    let v = quick(py, || co::bridges(&g.inner))?;
    let (a, b): (Vec<u32>, Vec<u32>) = v.into_iter().unzip();
    Ok((a.into_pyarray(py).into_any(), b.into_pyarray(py).into_any()))
}

#[pyfunction]
#[pyo3(signature = (g, steps=2, threads=None, progress=None))]
fn reach<'py>(
    py: Python<'py>,
    g: &PyGraph,
    steps: usize,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<Arr<'py>>> {
    let ctx = context(threads);
    let v = run(py, &ctx, progress, || co::reach(&g.inner, steps, &ctx))?;
    Ok(v.into_iter()
        .map(|r| r.into_pyarray(py).into_any())
        .collect())
}

#[pyfunction]
#[pyo3(signature = (g, distance=None, k=None, seed=None, threads=None, progress=None))]
/// One row per component: `{"component", "size", "average", "stderr", "sources"}` arrays.
fn average_shortest_path_length<'py>(
    py: Python<'py>,
    g: &PyGraph,
    distance: Option<&str>,
    k: Option<usize>,
    seed: Option<u64>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
    let d = super::convert::distance(distance, None)?;
    let ctx = ctx_with(threads, seed);
    let t = run(py, &ctx, progress, || {
        co::average_shortest_path_length(&g.inner, d, k, &ctx)
    })?;
    let comp: Vec<u32> = t.iter().map(|r| r.component).collect();
    let size: Vec<u64> = t.iter().map(|r| r.size as u64).collect();
    let avg: Vec<f64> = t.iter().map(|r| r.average).collect();
    let se: Vec<f64> = t.iter().map(|r| r.stderr).collect();
    let src: Vec<u64> = t.iter().map(|r| r.sources as u64).collect();
    named(
        py,
        vec![
            ("component", comp.into_pyarray(py).into_any()),
            ("size", size.into_pyarray(py).into_any()),
            ("average", avg.into_pyarray(py).into_any()),
            ("stderr", se.into_pyarray(py).into_any()),
            ("sources", src.into_pyarray(py).into_any()),
        ],
    )
}

#[pyfunction]
#[pyo3(signature = (g, distance=None, k=None, seed=None, threads=None, progress=None))]
fn global_efficiency<'py>(
    py: Python<'py>,
    g: &PyGraph,
    distance: Option<&str>,
    k: Option<usize>,
    seed: Option<u64>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(f64, f64)> {
    let d = super::convert::distance(distance, None)?;
    let ctx = ctx_with(threads, seed);
    run(py, &ctx, progress, || {
        co::global_efficiency(&g.inner, d, k, &ctx)
    })
}

#[pyfunction]
#[pyo3(signature = (g, distance=None, threads=None, progress=None))]
fn diameter<'py>(
    py: Python<'py>,
    g: &PyGraph,
    distance: Option<&str>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<f64> {
    let d = super::convert::distance(distance, None)?;
    let ctx = context(threads);
    run(py, &ctx, progress, || co::diameter(&g.inner, d, &ctx))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(core_number, m)?)?;
    m.add_function(wrap_pyfunction!(k_core, m)?)?;
    m.add_function(wrap_pyfunction!(articulation_points, m)?)?;
    m.add_function(wrap_pyfunction!(articulation_points_in_order, m)?)?;
    m.add_function(wrap_pyfunction!(bridges, m)?)?;
    m.add_function(wrap_pyfunction!(reach, m)?)?;
    m.add_function(wrap_pyfunction!(average_shortest_path_length, m)?)?;
    m.add_function(wrap_pyfunction!(global_efficiency, m)?)?;
    m.add_function(wrap_pyfunction!(diameter, m)?)?;
    Ok(())
}
