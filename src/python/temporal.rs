//! Bindings of [`crate::analysis::temporal`] and [`crate::stats::bootstrap`] (thin wrappers; no
//! algorithm logic here).
use super::convert::{ids_to_py, parse_unit, ProjectionArgs};
use super::errors::to_py;
use super::graph::PyGraph;
use super::network::PyNetwork;
use super::run::{context, quick, run};
use crate::analysis::temporal as t;
use crate::stats::bootstrap as bs;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

fn freq_arg(s: &str) -> PyResult<t::Freq> {
    s.parse::<t::Freq>().map_err(to_py)
}

/// A dict with the periods' `label` (list), `start` and `end` (arrays in the date unit).
fn bounds<'py>(py: Python<'py>, p: Vec<t::Period>) -> PyResult<Bound<'py, PyDict>> {
    let start: Vec<i64> = p.iter().map(|x| x.start).collect();
    let end: Vec<i64> = p.iter().map(|x| x.end).collect();
    let d = PyDict::new(py);
    d.set_item(
        "label",
        p.into_iter().map(|x| x.label).collect::<Vec<String>>(),
    )?;
    d.set_item("start", start.into_pyarray(py))?;
    d.set_item("end", end.into_pyarray(py))?;
    Ok(d)
}

#[pyfunction]
#[pyo3(signature = (net, freq, cumulative=false))]
fn temporal_periods<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    freq: &str,
    cumulative: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let f = freq_arg(freq)?;
    let p = quick(py, || t::periods(&net.inner, f, cumulative))?;
    let (periods, nets): (Vec<t::Period>, Vec<PyNetwork>) = p
        .into_iter()
        .map(|(p, n)| (p, PyNetwork { inner: n }))
        .unzip();
    let d = bounds(py, periods)?;
    d.set_item("network", nets)?;
    Ok(d)
}

/// A dict: the periods (`label`, `start`, `end`) and one array per count: `residents`,
/// `activities`, `sessions`, `attendances`, `ties`, `new`, `returning`.
type GrowthTable<'py> = Bound<'py, PyDict>;

#[pyfunction]
#[pyo3(signature = (net, freq, projection=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn temporal_growth<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    freq: &str,
    projection: Option<ProjectionArgs>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<GrowthTable<'py>> {
    let f = freq_arg(freq)?;
    let s = projection.unwrap_or_default().spec(&net.inner)?;
    let ctx = context(threads);
    let g = run(py, &ctx, progress, || t::growth(&net.inner, f, &s, &ctx))?;
    let d = bounds(py, g.periods)?;
    d.set_item("residents", g.residents.into_pyarray(py))?;
    d.set_item("activities", g.activities.into_pyarray(py))?;
    d.set_item("sessions", g.sessions.into_pyarray(py))?;
    d.set_item("attendances", g.attendances.into_pyarray(py))?;
    d.set_item("ties", g.ties.into_pyarray(py))?;
    d.set_item("new", g.new.into_pyarray(py))?;
    d.set_item("returning", g.returning.into_pyarray(py))?;
    Ok(d)
}

#[pyfunction]
fn temporal_retention<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    freq: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let f = freq_arg(freq)?;
    let r = quick(py, || t::retention(&net.inner, f))?;
    let d = bounds(py, r.periods)?;
    d.set_item("active", r.active.into_pyarray(py))?;
    d.set_item("retained", r.retained.into_pyarray(py))?;
    d.set_item("from_previous", r.from_previous.into_pyarray(py))?;
    Ok(d)
}

#[pyfunction]
fn temporal_spells<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    gap: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let s = quick(py, || t::participation_spells(&net.inner, gap))?;
    let d = PyDict::new(py);
    d.set_item("resident", s.residents.into_pyarray(py))?;
    d.set_item("first", s.first.into_pyarray(py))?;
    d.set_item("last", s.last.into_pyarray(py))?;
    d.set_item("dropped", s.dropped.into_pyarray(py))?;
    d.set_item("end", s.end)?;
    Ok(d)
}

#[pyfunction]
fn kaplan_meier<'py>(
    py: Python<'py>,
    durations: PyReadonlyArray1<'py, f64>,
    events: PyReadonlyArray1<'py, bool>,
) -> PyResult<Bound<'py, PyDict>> {
    let (d, e) = (durations.as_slice()?, events.as_slice()?);
    let km = quick(py, || t::kaplan_meier(d, e))?;
    let out = PyDict::new(py);
    out.set_item("time", km.time.into_pyarray(py))?;
    out.set_item("at_risk", km.at_risk.into_pyarray(py))?;
    out.set_item("events", km.events.into_pyarray(py))?;
    out.set_item("censored", km.censored.into_pyarray(py))?;
    out.set_item("survival", km.survival.into_pyarray(py))?;
    out.set_item("std_err", km.std_err.into_pyarray(py))?;
    Ok(out)
}

#[pyfunction]
#[pyo3(signature = (net, within, unit="session", min_weight=1, threads=None, progress=None))]
fn temporal_tie_formation<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    within: Vec<i64>,
    unit: &str,
    min_weight: u32,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let u = parse_unit(unit)?;
    let ctx = context(threads);
    let tf = run(py, &ctx, progress, || {
        t::tie_formation(&net.inner, &within, u, min_weight, &ctx)
    })?;
    let first_tie: Vec<i64> = tf.first_tie.iter().map(|x| x.unwrap_or(-1)).collect();
    let d = PyDict::new(py);
    d.set_item("resident", tf.residents.into_pyarray(py))?;
    d.set_item("first", tf.first.into_pyarray(py))?;
    d.set_item("counts", tf.counts.into_pyarray(py))?; // residents × horizons
    d.set_item("first_tie", first_tie.into_pyarray(py))?;
    d.set_item("end", tf.end)?;
    Ok(d)
}

/// A dict: the counts (`kept`, `lost`, `gained`, `jaccard`, `nodes_1`, `nodes_2`,
/// `common_nodes`) and the ties (`ids`, and per tie `a`, `b` positions in `ids` and
/// `status`).
#[pyfunction]
fn temporal_persistence<'py>(
    py: Python<'py>,
    g1: &PyGraph,
    g2: &PyGraph,
) -> PyResult<Bound<'py, PyDict>> {
    let p = quick(py, || t::persistence(&g1.inner, &g2.inner))?;
    let d = PyDict::new(py);
    d.set_item("kept", p.kept)?;
    d.set_item("lost", p.lost)?;
    d.set_item("gained", p.gained)?;
    d.set_item("jaccard", p.jaccard)?;
    d.set_item("nodes_1", p.nodes_1)?;
    d.set_item("nodes_2", p.nodes_2)?;
    d.set_item("common_nodes", p.common)?;
    let (a, rest): (Vec<u32>, Vec<(u32, u8)>) = p.ties.iter().map(|x| (x.0, (x.1, x.2))).unzip();
    let (b, s): (Vec<u32>, Vec<u8>) = rest.into_iter().unzip();
    d.set_item("ids", ids_to_py(py, &p.ids)?)?;
    d.set_item("a", a.into_pyarray(py))?;
    d.set_item("b", b.into_pyarray(py))?;
    d.set_item("status", s.into_pyarray(py))?;
    Ok(d)
}

#[pyfunction]
#[pyo3(signature = (net, before, after, metrics, n=1000, level=0.95, seed=0, projection=None, threads=None, progress=None, first=0))]
#[allow(clippy::too_many_arguments)]
fn temporal_compare<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    before: (Option<i64>, Option<i64>),
    after: (Option<i64>, Option<i64>),
    metrics: Vec<String>,
    n: usize,
    level: f64,
    seed: u64,
    projection: Option<ProjectionArgs>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    first: u64,
) -> PyResult<Bound<'py, PyDict>> {
    let metrics = metrics
        .iter()
        .map(|m| bs::Metric::parse(m))
        .collect::<crate::error::Result<Vec<_>>>()
        .map_err(to_py)?;
    let opts = bs::CompareOptions {
        metrics,
        n_boot: n,
        level,
        projection: projection.unwrap_or_default().spec(&net.inner)?,
    };
    let ctx = context(threads).with_seed(seed).with_first_task(first);
    let c = run(py, &ctx, progress, || {
        bs::compare(&net.inner, before, after, &opts, &ctx)
    })?;
    let d = PyDict::new(py);
    let names: Vec<&str> = c.metrics.iter().map(|m| m.name()).collect();
    d.set_item("metrics", names)?;
    d.set_item("before", c.before.into_pyarray(py))?;
    d.set_item("after", c.after.into_pyarray(py))?;
    d.set_item("difference", c.difference.into_pyarray(py))?;
    d.set_item("ci_low", c.ci_low.into_pyarray(py))?;
    d.set_item("ci_high", c.ci_high.into_pyarray(py))?;
    d.set_item("std_err", c.std_err.into_pyarray(py))?;
    d.set_item("replicates", c.replicates.into_pyarray(py))?; // replicates × metrics
    d.set_item("n_before", c.n_before)?;
    d.set_item("n_after", c.n_after)?;
    d.set_item("n_both", c.n_both)?;
    d.set_item("paired_residents", c.paired_residents.into_pyarray(py))?;
    let paired = PyDict::new(py);
    for (m, b, a) in c.paired {
        paired.set_item(m.name(), (b.into_pyarray(py), a.into_pyarray(py)))?;
    }
    d.set_item("paired", paired)?;
    Ok(d)
}

/// The percentile interval at `level` and the standard error of one metric's bootstrap
/// replicates (as [`bs::compare`] summarises them): `(ci_low, ci_high, std_err)`.
#[pyfunction]
fn bootstrap_interval(
    replicates: PyReadonlyArray1<'_, f64>,
    level: f64,
) -> PyResult<(f64, f64, f64)> {
    let r = replicates.as_slice()?;
    let (lo, hi) = bs::percentile_interval(r, level);
    Ok((lo, hi, bs::std_dev(r)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(bootstrap_interval, m)?)?;
    m.add_function(wrap_pyfunction!(temporal_periods, m)?)?;
    m.add_function(wrap_pyfunction!(temporal_growth, m)?)?;
    m.add_function(wrap_pyfunction!(temporal_retention, m)?)?;
    m.add_function(wrap_pyfunction!(temporal_spells, m)?)?;
    m.add_function(wrap_pyfunction!(kaplan_meier, m)?)?;
    m.add_function(wrap_pyfunction!(temporal_tie_formation, m)?)?;
    m.add_function(wrap_pyfunction!(temporal_persistence, m)?)?;
    m.add_function(wrap_pyfunction!(temporal_compare, m)?)?;
    Ok(())
}
