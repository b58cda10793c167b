//! Bindings of [`crate::metrics::ego`] (thin wrappers; no algorithm logic here).
use super::graph::PyGraph;
use super::run::{context, quick, run};
use crate::metrics::ego as e;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

type Arr<'py> = Bound<'py, PyAny>;

/// A dict of per-node arrays: `size`, `alter_ties`, `density`, `effective_size`,
/// `efficiency`, `redundancy`, `constraint`, `hierarchy`, `support_sources`, and
/// `strong_ties` (None without a threshold).
type EgoTable<'py> = Bound<'py, PyDict>;

#[pyfunction]
#[pyo3(signature = (g, weighted=false, strong=None, threads=None, progress=None))]
fn ego_measures<'py>(
    py: Python<'py>,
    g: &PyGraph,
    weighted: bool,
    strong: Option<f64>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<EgoTable<'py>> {
    let ctx = context(threads);
    let opts = e::EgoOptions { weighted, strong };
    let m = run(py, &ctx, progress, || {
        e::ego_measures(&g.inner, &opts, &ctx)
    })?;
    let d = PyDict::new(py);
    d.set_item("size", m.size.into_pyarray(py))?;
    d.set_item("alter_ties", m.alter_ties.into_pyarray(py))?;
    d.set_item("density", m.density.into_pyarray(py))?;
    d.set_item("effective_size", m.effective_size.into_pyarray(py))?;
    d.set_item("efficiency", m.efficiency.into_pyarray(py))?;
    d.set_item("redundancy", m.redundancy.into_pyarray(py))?;
    d.set_item("constraint", m.constraint.into_pyarray(py))?;
    d.set_item("hierarchy", m.hierarchy.into_pyarray(py))?;
    d.set_item(
        "support_sources",
        known_counts(m.support_sources).into_pyarray(py),
    )?;
    d.set_item("strong_ties", m.strong_ties.map(|v| v.into_pyarray(py)))?;
    Ok(d)
}

/// Counts that may be unknown (a person who was not asked) as floats, NaN for unknown; the
/// Python layer shows them as a nullable integer column.
fn known_counts(v: Vec<Option<u32>>) -> Vec<f64> {
    v.into_iter()
        .map(|c| c.map_or(f64::NAN, f64::from))
        .collect()
}

#[pyfunction]
fn ego_size<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<Arr<'py>> {
    let v = quick(py, || Ok(e::size(&g.inner)))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
fn ego_support_sources<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<Arr<'py>> {
    let v = quick(py, || Ok(known_counts(e::support_sources(&g.inner))))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, threshold, threads=None))]
fn ego_strong_ties<'py>(
    py: Python<'py>,
    g: &PyGraph,
    threshold: f64,
    threads: Option<usize>,
) -> PyResult<Arr<'py>> {
    let ctx = context(threads);
    let v = quick(py, || e::strong_ties(&g.inner, threshold, &ctx))?;
    Ok(v.into_pyarray(py).into_any())
}

/// A dict of per-node arrays: `counts` (nodes × K), `missing`, `blau`, `iqv`,
/// `ei_index`.
type CompositionTable<'py> = Bound<'py, PyDict>;

#[pyfunction]
#[pyo3(signature = (g, codes, categories, threads=None))]
fn ego_composition<'py>(
    py: Python<'py>,
    g: &PyGraph,
    codes: PyReadonlyArray1<'py, i32>,
    categories: usize,
    threads: Option<usize>,
) -> PyResult<CompositionTable<'py>> {
    let codes = codes.as_slice()?;
    let ctx = context(threads);
    let c = quick(py, || e::composition(&g.inner, codes, categories, &ctx))?;
    let d = PyDict::new(py);
    d.set_item("counts", c.counts.into_pyarray(py))?;
    d.set_item("missing", c.missing.into_pyarray(py))?;
    d.set_item("blau", c.blau.into_pyarray(py))?;
    d.set_item("iqv", c.iqv.into_pyarray(py))?;
    d.set_item("ei_index", c.ei_index.into_pyarray(py))?;
    Ok(d)
}

#[pyfunction]
#[pyo3(signature = (g, mode="default"))]
fn reciprocity(py: Python<'_>, g: &PyGraph, mode: &str) -> PyResult<f64> {
    quick(py, || {
        e::reciprocity(&g.inner, e::Reciprocity::from_name(mode)?)
    })
}

#[pyfunction]
fn node_reciprocity<'py>(py: Python<'py>, g: &PyGraph) -> PyResult<Arr<'py>> {
    let v = quick(py, || e::node_reciprocity(&g.inner))?;
    Ok(v.into_pyarray(py).into_any())
}

#[pyfunction]
#[pyo3(signature = (g, mode="all"))]
fn degree_centralisation(py: Python<'_>, g: &PyGraph, mode: &str) -> PyResult<f64> {
    quick(py, || {
        Ok(e::degree_centralisation(
            &g.inner,
            e::DegreeMode::from_name(mode)?,
        ))
    })
}

#[pyfunction]
#[pyo3(signature = (g, respondents=None))]
fn share_nobody_to_ask(
    py: Python<'_>,
    g: &PyGraph,
    respondents: Option<PyReadonlyArray1<'_, u32>>,
) -> PyResult<f64> {
    let r = match &respondents {
        Some(a) => Some(a.as_slice()?),
        None => None,
    };
    quick(py, || e::share_nobody_to_ask(&g.inner, r))
}

#[pyfunction]
#[pyo3(signature = (g, groups, threads=None, progress=None))]
fn brokerage<'py>(
    py: Python<'py>,
    g: &PyGraph,
    groups: PyReadonlyArray1<'py, i32>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Arr<'py>> {
    let groups = groups.as_slice()?;
    let ctx = context(threads);
    let b = run(py, &ctx, progress, || e::brokerage(&g.inner, groups, &ctx))?;
    // row-major n × 6: coordinator, gatekeeper, representative, itinerant, liaison, unclassified
    let flat: Vec<u64> = b
        .iter()
        .flat_map(|r| {
            [
                r.coordinator,
                r.gatekeeper,
                r.representative,
                r.itinerant,
                r.liaison,
                r.unclassified,
            ]
        })
        .collect();
    Ok(flat.into_pyarray(py).into_any())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ego_measures, m)?)?;
    m.add_function(wrap_pyfunction!(ego_size, m)?)?;
    m.add_function(wrap_pyfunction!(ego_support_sources, m)?)?;
    m.add_function(wrap_pyfunction!(ego_strong_ties, m)?)?;
    m.add_function(wrap_pyfunction!(ego_composition, m)?)?;
    m.add_function(wrap_pyfunction!(reciprocity, m)?)?;
    m.add_function(wrap_pyfunction!(node_reciprocity, m)?)?;
    m.add_function(wrap_pyfunction!(degree_centralisation, m)?)?;
    m.add_function(wrap_pyfunction!(share_nobody_to_ask, m)?)?;
    m.add_function(wrap_pyfunction!(brokerage, m)?)?;
    Ok(())
}
