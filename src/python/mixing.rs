//! Bindings of [`crate::metrics::mixing`] and [`crate::analysis::diversity`] (thin wrappers; no
//! algorithm logic here).
use super::graph::PyGraph;
use super::network::PyNetwork;
use super::run::{context, quick};
use crate::analysis::diversity as d;
use crate::metrics::mixing as mx;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;

type Arr<'py> = Bound<'py, PyAny>;

/// (matrix K×K flat, missing, network (E, I, EI, expected), attribute assortativity,
///  per group: external, internal, ei, expected, coleman)
type MixingTable<'py> = (
    Arr<'py>,
    f64,
    (f64, f64, f64, f64),
    f64,
    (Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>),
);

#[pyfunction]
#[pyo3(signature = (g, codes, categories, weighted=false, threads=None))]
fn mixing<'py>(
    py: Python<'py>,
    g: &PyGraph,
    codes: PyReadonlyArray1<'py, i32>,
    categories: usize,
    weighted: bool,
    threads: Option<usize>,
) -> PyResult<MixingTable<'py>> {
    let codes = codes.as_slice()?;
    let ctx = context(threads);
    let (m, net, groups, coleman, r) = quick(py, || {
        let m = mx::mixing_matrix(&g.inner, codes, categories, weighted, &ctx)?;
        let sizes = mx::group_sizes(codes, categories);
        let net = mx::ei_index_network(&m, &sizes);
        let groups = mx::ei_index_groups(&m, &sizes);
        let coleman = mx::coleman(&m, &sizes);
        let r = mx::attribute_assortativity(&m);
        Ok((m, net, groups, coleman, r))
    })?;
    let col = |f: fn(&mx::EiIndex) -> f64| -> Vec<f64> { groups.iter().map(f).collect() };
    let per_group = (
        col(|e| e.external).into_pyarray(py).into_any(),
        col(|e| e.internal).into_pyarray(py).into_any(),
        col(|e| e.ei_index).into_pyarray(py).into_any(),
        col(|e| e.expected).into_pyarray(py).into_any(),
        coleman.into_pyarray(py).into_any(),
    );
    Ok((
        m.counts.into_pyarray(py).into_any(),
        m.missing,
        (net.external, net.internal, net.ei_index, net.expected),
        r,
        per_group,
    ))
}

#[pyfunction]
#[pyo3(signature = (g, values, weighted=false, threads=None))]
fn numeric_assortativity<'py>(
    py: Python<'py>,
    g: &PyGraph,
    values: PyReadonlyArray1<'py, f64>,
    weighted: bool,
    threads: Option<usize>,
) -> PyResult<(f64, f64)> {
    let values = values.as_slice()?;
    let ctx = context(threads);
    let a = quick(py, || {
        mx::numeric_assortativity(&g.inner, values, weighted, &ctx)
    })?;
    Ok((a.r, a.missing))
}

type NodeTable<'py> = (Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>);

#[pyfunction]
#[pyo3(signature = (g, codes, categories, weighted=false, threads=None))]
fn node_mixing<'py>(
    py: Python<'py>,
    g: &PyGraph,
    codes: PyReadonlyArray1<'py, i32>,
    categories: usize,
    weighted: bool,
    threads: Option<usize>,
) -> PyResult<NodeTable<'py>> {
    let codes = codes.as_slice()?;
    let ctx = context(threads);
    let m = quick(py, || {
        mx::node_mixing(&g.inner, codes, categories, weighted, &ctx)
    })?;
    Ok((
        m.external.into_pyarray(py).into_any(),
        m.internal.into_pyarray(py).into_any(),
        m.missing.into_pyarray(py).into_any(),
        m.ei_index.into_pyarray(py).into_any(),
        m.cross_share.into_pyarray(py).into_any(),
        m.expected.into_pyarray(py).into_any(),
    ))
}

type ActivityTable<'py> = (Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>);

#[pyfunction]
#[pyo3(signature = (net, codes, categories, threads=None))]
fn activity_diversity<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    codes: PyReadonlyArray1<'py, i32>,
    categories: usize,
    threads: Option<usize>,
) -> PyResult<ActivityTable<'py>> {
    let codes = codes.as_slice()?;
    let ctx = context(threads);
    let a = quick(py, || {
        d::activity_diversity(&net.inner, codes, categories, &ctx)
    })?;
    Ok((
        a.participants.into_pyarray(py).into_any(),
        a.counts.into_pyarray(py).into_any(),
        a.missing.into_pyarray(py).into_any(),
        a.blau.into_pyarray(py).into_any(),
        a.iqv.into_pyarray(py).into_any(),
    ))
}

type CoparticipantTable<'py> = (Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>);

#[pyfunction]
#[pyo3(signature = (net, codes, categories, weighting="distinct", threads=None))]
fn coparticipant_diversity<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    codes: PyReadonlyArray1<'py, i32>,
    categories: usize,
    weighting: &str,
    threads: Option<usize>,
) -> PyResult<CoparticipantTable<'py>> {
    let codes = codes.as_slice()?;
    let ctx = context(threads);
    let c = quick(py, || {
        let w = d::Coparticipants::from_name(weighting)?;
        d::coparticipant_diversity(&net.inner, codes, categories, w, &ctx)
    })?;
    Ok((
        c.coparticipants.into_pyarray(py).into_any(),
        c.counts.into_pyarray(py).into_any(),
        c.missing.into_pyarray(py).into_any(),
        c.blau.into_pyarray(py).into_any(),
        c.iqv.into_pyarray(py).into_any(),
        c.ei_index.into_pyarray(py).into_any(),
    ))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(mixing, m)?)?;
    m.add_function(wrap_pyfunction!(numeric_assortativity, m)?)?;
    m.add_function(wrap_pyfunction!(node_mixing, m)?)?;
    m.add_function(wrap_pyfunction!(activity_diversity, m)?)?;
    m.add_function(wrap_pyfunction!(coparticipant_diversity, m)?)?;
    Ok(())
}
