//! Bindings of [`crate::analysis::twomode`] (thin wrappers; no algorithm logic here).
use super::network::PyNetwork;
use super::run::{quick, run};
use crate::analysis::twomode::{self, Mode, Overlap};
use crate::context::Context;
use crate::incidence::Unit;
use numpy::IntoPyArray;
use pyo3::prelude::*;

#[pyfunction]
fn twomode_density(py: Python<'_>, net: &PyNetwork) -> PyResult<f64> {
    quick(py, || {
        Ok(twomode::density(&net.inner.incidence(Unit::Activity)))
    })
}

#[pyfunction]
fn robins_alexander_clustering(py: Python<'_>, net: &PyNetwork) -> PyResult<f64> {
    quick(py, || {
        Ok(twomode::robins_alexander_clustering(
            &net.inner.incidence(Unit::Activity),
        ))
    })
}

#[pyfunction]
fn latapy_clustering<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    mode: &str,
    nodes: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let mode: Overlap = super::convert::option(mode)?;
    let nodes: Mode = super::convert::option(nodes)?;
    let v = quick(py, || {
        twomode::latapy_clustering(&net.inner.incidence(Unit::Activity), mode, nodes)
    })?;
    Ok(v.into_pyarray(py).into_any())
}

type Clustering<'py> = (f64, Bound<'py, PyAny>);
type ClusteringKernel = fn(&crate::Incidence, &Context) -> crate::Result<(f64, Vec<f64>)>;

fn two_mode_clustering<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    f: ClusteringKernel,
) -> PyResult<Clustering<'py>> {
    let ctx = super::run::context(threads);
    let (g, local) = run(py, &ctx, progress, || {
        f(&net.inner.incidence(Unit::Activity), &ctx)
    })?;
    Ok((g, local.into_pyarray(py).into_any()))
}

#[pyfunction]
#[pyo3(signature = (net, threads=None, progress=None))]
fn opsahl_clustering<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Clustering<'py>> {
    two_mode_clustering(py, net, threads, progress, twomode::opsahl_clustering)
}

#[pyfunction]
#[pyo3(signature = (net, threads=None, progress=None))]
fn exclusive_clustering<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Clustering<'py>> {
    two_mode_clustering(py, net, threads, progress, twomode::exclusive_clustering)
}

type Sides<'py> = (Bound<'py, PyAny>, Bound<'py, PyAny>);

fn sides(py: Python<'_>, c: twomode::TwoModeCentrality) -> Sides<'_> {
    (
        c.residents.into_pyarray(py).into_any(),
        c.units.into_pyarray(py).into_any(),
    )
}

#[pyfunction]
fn twomode_degree_centrality<'py>(py: Python<'py>, net: &PyNetwork) -> PyResult<Sides<'py>> {
    let c = quick(py, || {
        Ok(twomode::degree_centrality(
            &net.inner.incidence(Unit::Activity),
        ))
    })?;
    Ok(sides(py, c))
}

type CentralityKernel =
    fn(&crate::Incidence, &Context) -> crate::Result<twomode::TwoModeCentrality>;

fn two_mode_centrality<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    f: CentralityKernel,
) -> PyResult<Sides<'py>> {
    let ctx = Context::new().with_threads(threads.unwrap_or(0));
    let c = run(py, &ctx, progress, || {
        f(&net.inner.incidence(Unit::Activity), &ctx)
    })?;
    Ok(sides(py, c))
}

#[pyfunction]
#[pyo3(signature = (net, threads=None, progress=None))]
fn twomode_closeness_centrality<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Sides<'py>> {
    two_mode_centrality(py, net, threads, progress, twomode::closeness_centrality)
}

#[pyfunction]
#[pyo3(signature = (net, threads=None, progress=None))]
fn twomode_betweenness_centrality<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Sides<'py>> {
    two_mode_centrality(py, net, threads, progress, twomode::betweenness_centrality)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(twomode_density, m)?)?;
    m.add_function(wrap_pyfunction!(robins_alexander_clustering, m)?)?;
    m.add_function(wrap_pyfunction!(latapy_clustering, m)?)?;
    m.add_function(wrap_pyfunction!(opsahl_clustering, m)?)?;
    m.add_function(wrap_pyfunction!(exclusive_clustering, m)?)?;
    m.add_function(wrap_pyfunction!(twomode_degree_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(twomode_closeness_centrality, m)?)?;
    m.add_function(wrap_pyfunction!(twomode_betweenness_centrality, m)?)?;
    Ok(())
}
