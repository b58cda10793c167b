//! Bindings of [`crate::analysis::temporal`] and [`crate::stats::bootstrap`] (thin wrappers; no
//! algorithm logic here).
use super::convert::{ids_to_py, parse_unit, projection_spec};
use super::errors::to_py;
use super::graph::PyGraph;
use super::network::PyNetwork;
use super::run::{context, quick, run};
use crate::analysis::temporal as t;
use crate::stats::bootstrap as bs;
use numpy::{IntoPyArray, PyArray2, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

type Arr<'py> = Bound<'py, PyAny>;

fn freq_arg(s: &str) -> PyResult<t::Freq> {
    s.parse::<t::Freq>().map_err(to_py)
}

type Bounds<'py> = (Vec<String>, Arr<'py>, Arr<'py>);

fn bounds<'py>(py: Python<'py>, p: Vec<t::Period>) -> Bounds<'py> {
    let start: Vec<i64> = p.iter().map(|x| x.start).collect();
    let end: Vec<i64> = p.iter().map(|x| x.end).collect();
    (
        p.into_iter().map(|x| x.label).collect(),
        start.into_pyarray(py).into_any(),
        end.into_pyarray(py).into_any(),
    )
}

#[pyfunction]
#[pyo3(signature = (net, freq, cumulative=false))]
fn temporal_periods(
    py: Python<'_>,
    net: &PyNetwork,
    freq: &str,
    cumulative: bool,
) -> PyResult<Vec<(String, i64, i64, PyNetwork)>> {
    let f = freq_arg(freq)?;
    let p = quick(py, || t::periods(&net.inner, f, cumulative))?;
    Ok(p.into_iter()
        .map(|(p, n)| (p.label, p.start, p.end, PyNetwork { inner: n }))
        .collect())
}

type GrowthTable<'py> = (Bounds<'py>, [Arr<'py>; 7]);

#[pyfunction]
#[pyo3(signature = (net, freq, weight="count", unit=None, min_weight=None, max_activity_size=None, pair_budget=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn temporal_growth<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    freq: &str,
    weight: &str,
    unit: Option<&str>,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<GrowthTable<'py>> {
    let f = freq_arg(freq)?;
    let s = projection_spec(
        &net.inner,
        weight,
        unit,
        min_weight,
        max_activity_size,
        pair_budget,
    )?;
    let ctx = context(threads);
    let g = run(py, &ctx, progress, || t::growth(&net.inner, f, &s, &ctx))?;
    let a = |v: Vec<u64>| v.into_pyarray(py).into_any();
    Ok((
        bounds(py, g.periods),
        [
            a(g.residents),
            a(g.activities),
            a(g.sessions),
            a(g.attendances),
            a(g.ties),
            a(g.new),
            a(g.returning),
        ],
    ))
}

#[pyfunction]
fn temporal_retention<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    freq: &str,
) -> PyResult<(Bounds<'py>, Arr<'py>, Arr<'py>, Arr<'py>)> {
    let f = freq_arg(freq)?;
    let r = quick(py, || t::retention(&net.inner, f))?;
    Ok((
        bounds(py, r.periods),
        r.active.into_pyarray(py).into_any(),
        r.retained.into_pyarray(py).into_any(),
        r.from_previous.into_pyarray(py).into_any(),
    ))
}

#[pyfunction]
fn temporal_spells<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    gap: f64,
) -> PyResult<(Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>, i64)> {
    let s = quick(py, || t::participation_spells(&net.inner, gap))?;
    Ok((
        s.residents.into_pyarray(py).into_any(),
        s.first.into_pyarray(py).into_any(),
        s.last.into_pyarray(py).into_any(),
        s.dropped.into_pyarray(py).into_any(),
        s.end,
    ))
}

#[pyfunction]
fn kaplan_meier<'py>(
    py: Python<'py>,
    durations: PyReadonlyArray1<'py, f64>,
    events: PyReadonlyArray1<'py, bool>,
) -> PyResult<[Arr<'py>; 6]> {
    let (d, e) = (durations.as_slice()?, events.as_slice()?);
    let km = quick(py, || t::kaplan_meier(d, e))?;
    Ok([
        km.time.into_pyarray(py).into_any(),
        km.at_risk.into_pyarray(py).into_any(),
        km.events.into_pyarray(py).into_any(),
        km.censored.into_pyarray(py).into_any(),
        km.survival.into_pyarray(py).into_any(),
        km.std_err.into_pyarray(py).into_any(),
    ])
}

#[pyfunction]
#[pyo3(signature = (net, within, unit="session", min_weight=1, threads=None, progress=None))]
#[allow(clippy::type_complexity)]
fn temporal_tie_formation<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    within: Vec<i64>,
    unit: &str,
    min_weight: u32,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>, i64)> {
    let u = parse_unit(unit)?;
    let ctx = context(threads);
    let tf = run(py, &ctx, progress, || {
        t::tie_formation(&net.inner, &within, u, min_weight, &ctx)
    })?;
    let n = tf.residents.len();
    let mut flat = vec![0u32; n * tf.counts.len()];
    for (k, col) in tf.counts.iter().enumerate() {
        for (i, &c) in col.iter().enumerate() {
            flat[i * tf.counts.len() + k] = c;
        }
    }
    let counts = numpy::ndarray::Array2::from_shape_vec((n, tf.counts.len()), flat)
        .map_err(|e| super::errors::internal(e.to_string()))?;
    let first_tie: Vec<i64> = tf.first_tie.iter().map(|x| x.unwrap_or(-1)).collect();
    Ok((
        tf.residents.into_pyarray(py).into_any(),
        tf.first.into_pyarray(py).into_any(),
        PyArray2::from_owned_array(py, counts).into_any(),
        first_tie.into_pyarray(py).into_any(),
        tf.end,
    ))
}

#[pyfunction]
#[allow(clippy::type_complexity)]
fn temporal_persistence<'py>(
    py: Python<'py>,
    g1: &PyGraph,
    g2: &PyGraph,
) -> PyResult<(Bound<'py, PyDict>, Arr<'py>, Arr<'py>, Arr<'py>, Arr<'py>)> {
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
    Ok((
        d,
        ids_to_py(py, &p.ids)?,
        a.into_pyarray(py).into_any(),
        b.into_pyarray(py).into_any(),
        s.into_pyarray(py).into_any(),
    ))
}

#[pyfunction]
#[pyo3(signature = (net, before, after, metrics, n_boot=1000, level=0.95, seed=0, weight="count", unit=None, min_weight=None, max_activity_size=None, pair_budget=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn temporal_compare<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    before: (Option<i64>, Option<i64>),
    after: (Option<i64>, Option<i64>),
    metrics: Vec<String>,
    n_boot: usize,
    level: f64,
    seed: u64,
    weight: &str,
    unit: Option<&str>,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let metrics = metrics
        .iter()
        .map(|m| bs::Metric::parse(m))
        .collect::<crate::error::Result<Vec<_>>>()
        .map_err(to_py)?;
    let opts = bs::CompareOptions {
        metrics,
        n_boot,
        level,
        projection: projection_spec(
            &net.inner,
            weight,
            unit,
            min_weight,
            max_activity_size,
            pair_budget,
        )?,
    };
    let ctx = context(threads).with_seed(seed);
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
    let k = c.replicates.len();
    let nb = c.replicates.first().map_or(0, |r| r.len());
    let mut flat = vec![0.0f64; k * nb];
    for (j, r) in c.replicates.iter().enumerate() {
        for (b, &v) in r.iter().enumerate() {
            flat[b * k + j] = v;
        }
    }
    let reps = numpy::ndarray::Array2::from_shape_vec((nb, k), flat)
        .map_err(|e| super::errors::internal(e.to_string()))?;
    d.set_item("replicates", PyArray2::from_owned_array(py, reps))?;
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

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
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
