//! Bindings of [`crate::metrics::cohesion`] (thin wrappers; no algorithm logic here).
use super::graph::PyGraph;
use super::run::{quick, run};
use crate::context::Context;
use crate::metrics::cohesion as co;
use numpy::IntoPyArray;
use pyo3::prelude::*;

type Arr<'py> = Bound<'py, PyAny>;

fn ctx_with(seed: Option<u64>) -> Context {
    let ctx = Context::new();
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
fn bridges<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<(Arr<'py>, Arr<'py>)> {
    let v = quick(py, || co::bridges(&g.inner))?;
    let (a, b): (Vec<u32>, Vec<u32>) = v.into_iter().unzip();
    Ok((a.into_pyarray(py).into_any(), b.into_pyarray(py).into_any()))
}

#[pyfunction]
#[pyo3(signature = (g, steps=2, progress=None))]
fn reach<'py>(
    py: Python<'py>,
    g: &PyGraph,
    steps: usize,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<Arr<'py>>> {
    let ctx = Context::new();
    let v = run(py, &ctx, progress, || co::reach(&g.inner, steps, &ctx))?;
    Ok(v.into_iter()
        .map(|r| r.into_pyarray(py).into_any())
        .collect())
}

type PathTable<'py> = (Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>);

#[pyfunction]
#[pyo3(signature = (g, distance=None, k=None, seed=None, progress=None))]
fn average_shortest_path_length<'py>(
    py: Python<'py>,
    g: &PyGraph,
    distance: Option<&str>,
    k: Option<usize>,
    seed: Option<u64>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<PathTable<'py>> {
    let d = super::convert::distance(distance, None)?;
    let ctx = ctx_with(seed);
    let t = run(py, &ctx, progress, || {
        co::average_shortest_path_length(&g.inner, d, k, &ctx)
    })?;
    let comp: Vec<u32> = t.iter().map(|r| r.component).collect();
    let size: Vec<u64> = t.iter().map(|r| r.size as u64).collect();
    let avg: Vec<f64> = t.iter().map(|r| r.average).collect();
    let se: Vec<f64> = t.iter().map(|r| r.stderr).collect();
    let src: Vec<u64> = t.iter().map(|r| r.sources as u64).collect();
    Ok((
        comp.into_pyarray(py).into_any(),
        size.into_pyarray(py).into_any(),
        avg.into_pyarray(py).into_any(),
        se.into_pyarray(py).into_any(),
        src.into_pyarray(py).into_any(),
    ))
}

#[pyfunction]
#[pyo3(signature = (g, distance=None, k=None, seed=None, progress=None))]
fn global_efficiency<'py>(
    py: Python<'py>,
    g: &PyGraph,
    distance: Option<&str>,
    k: Option<usize>,
    seed: Option<u64>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(f64, f64)> {
    let d = super::convert::distance(distance, None)?;
    let ctx = ctx_with(seed);
    run(py, &ctx, progress, || {
        co::global_efficiency(&g.inner, d, k, &ctx)
    })
}

#[pyfunction]
#[pyo3(signature = (g, distance=None, progress=None))]
fn diameter<'py>(
    py: Python<'py>,
    g: &PyGraph,
    distance: Option<&str>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<f64> {
    let d = super::convert::distance(distance, None)?;
    let ctx = Context::new();
    run(py, &ctx, progress, || co::diameter(&g.inner, d, &ctx))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(core_number, m)?)?;
    m.add_function(wrap_pyfunction!(k_core, m)?)?;
    m.add_function(wrap_pyfunction!(articulation_points, m)?)?;
    m.add_function(wrap_pyfunction!(bridges, m)?)?;
    m.add_function(wrap_pyfunction!(reach, m)?)?;
    m.add_function(wrap_pyfunction!(average_shortest_path_length, m)?)?;
    m.add_function(wrap_pyfunction!(global_efficiency, m)?)?;
    m.add_function(wrap_pyfunction!(diameter, m)?)?;
    Ok(())
}
