//! Bindings of [`crate::metrics::mixing`] and [`crate::analysis::diversity`] (thin wrappers; no
//! algorithm logic here).
use super::graph::PyGraph;
use super::network::PyNetwork;
use super::run::{context, quick};
use crate::analysis::diversity as d;
use crate::metrics::mixing as mx;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

type Dict<'py> = Bound<'py, PyDict>;

/// A dict: `counts` (the K × K mixing matrix), `missing`, `network` (a dict: `external`,
/// `internal`, `ei_index`, `expected`), `assortativity`, and `groups` (a dict of per-group
/// arrays: `external`, `internal`, `ei_index`, `expected`, `coleman`).
type MixingTable<'py> = Dict<'py>;

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
    let per_group = PyDict::new(py);
    per_group.set_item("external", col(|e| e.external).into_pyarray(py))?;
    per_group.set_item("internal", col(|e| e.internal).into_pyarray(py))?;
    per_group.set_item("ei_index", col(|e| e.ei_index).into_pyarray(py))?;
    per_group.set_item("expected", col(|e| e.expected).into_pyarray(py))?;
    per_group.set_item("coleman", coleman.into_pyarray(py))?;
    let whole = PyDict::new(py);
    whole.set_item("external", net.external)?;
    whole.set_item("internal", net.internal)?;
    whole.set_item("ei_index", net.ei_index)?;
    whole.set_item("expected", net.expected)?;
    let d = PyDict::new(py);
    d.set_item("counts", m.counts.into_pyarray(py))?;
    d.set_item("missing", m.missing)?;
    d.set_item("network", whole)?;
    d.set_item("assortativity", r)?;
    d.set_item("groups", per_group)?;
    Ok(d)
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

/// A dict of per-node arrays: `external`, `internal`, `missing`, `ei_index`, `cross_share`,
/// `expected`.
type NodeTable<'py> = Dict<'py>;

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
    let d = PyDict::new(py);
    d.set_item("external", m.external.into_pyarray(py))?;
    d.set_item("internal", m.internal.into_pyarray(py))?;
    d.set_item("missing", m.missing.into_pyarray(py))?;
    d.set_item("ei_index", m.ei_index.into_pyarray(py))?;
    d.set_item("cross_share", m.cross_share.into_pyarray(py))?;
    d.set_item("expected", m.expected.into_pyarray(py))?;
    Ok(d)
}

/// A dict of per-activity arrays: `participants`, `counts` (activities × K),
/// `missing`, `blau`, `iqv`.
type ActivityTable<'py> = Dict<'py>;

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
    let d = PyDict::new(py);
    d.set_item("participants", a.participants.into_pyarray(py))?;
    d.set_item("counts", a.counts.into_pyarray(py))?;
    d.set_item("missing", a.missing.into_pyarray(py))?;
    d.set_item("blau", a.blau.into_pyarray(py))?;
    d.set_item("iqv", a.iqv.into_pyarray(py))?;
    Ok(d)
}

/// A dict of per-resident arrays: `coparticipants`, `counts` (residents × K),
/// `missing`, `blau`, `iqv`, `ei_index`.
type CoparticipantTable<'py> = Dict<'py>;

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
    let d = PyDict::new(py);
    d.set_item("coparticipants", c.coparticipants.into_pyarray(py))?;
    d.set_item("counts", c.counts.into_pyarray(py))?;
    d.set_item("missing", c.missing.into_pyarray(py))?;
    d.set_item("blau", c.blau.into_pyarray(py))?;
    d.set_item("iqv", c.iqv.into_pyarray(py))?;
    d.set_item("ei_index", c.ei_index.into_pyarray(py))?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(mixing, m)?)?;
    m.add_function(wrap_pyfunction!(numeric_assortativity, m)?)?;
    m.add_function(wrap_pyfunction!(node_mixing, m)?)?;
    m.add_function(wrap_pyfunction!(activity_diversity, m)?)?;
    m.add_function(wrap_pyfunction!(coparticipant_diversity, m)?)?;
    Ok(())
}
