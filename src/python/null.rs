//! Bindings of [`crate::stats`] (thin wrappers; no algorithm logic here).
use super::errors::to_py;
use super::graph::PyGraph;
use super::network::PyNetwork;
use super::run::{context, quick, run};
use crate::error::Error;

use super::convert::{option, ProjectionArgs};
use crate::stats::backbone::{self as bb, BackboneOptions, Correction, Method};
use crate::stats::curveball;
use crate::stats::null::{self, NullModel, NullTest, Statistic, TestOptions};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

type Arr<'py> = Bound<'py, PyAny>;

#[pyfunction]
#[pyo3(signature = (net, trades=None, seed=0, sample=0, threads=None, progress=None))]
fn null_curveball<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    trades: Option<u64>,
    seed: u64,
    sample: u64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<PyNetwork> {
    let ctx = context(threads);
    let inner = run(py, &ctx, progress, || {
        curveball::curveball_sample_with(&net.inner, trades, seed, sample, &ctx)
    })?;
    Ok(PyNetwork { inner })
}

/// The activity lists of curveball sample `sample` (`res_ptr`, `res_units` in view-local
/// indices), without building a Network (for benchmarks and matrix users).
#[pyfunction]
#[pyo3(signature = (net, trades=None, seed=0, sample=0))]
fn null_curveball_rows<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    trades: Option<u64>,
    seed: u64,
    sample: u64,
) -> PyResult<(Arr<'py>, Arr<'py>)> {
    let inc = net.inner.incidence(crate::incidence::Unit::Activity);
    let s = quick(py, || {
        Ok(curveball::sample_incidence(&inc, trades, seed, sample))
    })?;
    let ptr: Vec<u64> = s.res_ptr.iter().map(|&x| x as u64).collect();
    Ok((
        ptr.into_pyarray(py).into_any(),
        s.res_units.into_pyarray(py).into_any(),
    ))
}

/// A dict: `observed`, `samples` (array), `mean`, `sd`, `z`, `p_greater`, `p_less`,
/// `p_two_sided`.
type Summary<'py> = Bound<'py, PyDict>;

fn summary<'py>(py: Python<'py>, t: NullTest) -> PyResult<Summary<'py>> {
    let d = PyDict::new(py);
    d.set_item("observed", t.observed)?;
    d.set_item("samples", t.samples.into_pyarray(py))?;
    d.set_item("mean", t.mean)?;
    d.set_item("sd", t.sd)?;
    d.set_item("z", t.z)?;
    d.set_item("p_greater", t.p_greater)?;
    d.set_item("p_less", t.p_less)?;
    d.set_item("p_two_sided", t.p_two_sided)?;
    Ok(d)
}

#[pyfunction]
fn null_summary<'py>(
    py: Python<'py>,
    observed: f64,
    samples: PyReadonlyArray1<'py, f64>,
) -> PyResult<Summary<'py>> {
    let s = samples.as_slice()?.to_vec();
    summary(py, NullTest::from_samples(observed, s))
}

fn statistic(
    name: &str,
    labels: Option<PyReadonlyArray1<'_, u32>>,
    groups: Option<PyReadonlyArray1<'_, i32>>,
    weighted: bool,
) -> PyResult<Statistic> {
    Ok(match name {
        "opsahl_clustering" => Statistic::OpsahlClustering,
        "exclusive_clustering" => Statistic::ExclusiveClustering,
        "robins_alexander_clustering" => Statistic::RobinsAlexanderClustering,
        "transitivity" => Statistic::Transitivity,
        "number_connected_components" => Statistic::Components,
        "density" => Statistic::Density,
        "modularity" => Statistic::Modularity {
            labels: labels
                .ok_or_else(|| to_py(Error::arg("partition", "modularity needs partition=")))?
                .as_slice()?
                .to_vec(),
            weighted,
        },
        "ei_index" => Statistic::EiIndex {
            groups: groups
                .ok_or_else(|| to_py(Error::arg("attribute", "ei_index needs attribute=")))?
                .as_slice()?
                .to_vec(),
        },
        other => {
            return Err(to_py(Error::arg(
                "statistic",
                format!("'{other}' is not a built-in statistic"),
            )))
        }
    })
}

#[pyfunction]
#[pyo3(signature = (net, name, labels=None, groups=None, weighted=false, n=1000, trades=None, null="curveball", projection=None, seed=0, threads=None, progress=None, first=0))]
#[allow(clippy::too_many_arguments)]
fn null_test<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    name: &str,
    labels: Option<PyReadonlyArray1<'py, u32>>,
    groups: Option<PyReadonlyArray1<'py, i32>>,
    weighted: bool,
    n: usize,
    trades: Option<u64>,
    null: &str,
    projection: Option<ProjectionArgs>,
    seed: u64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    first: u64,
) -> PyResult<Summary<'py>> {
    let stat = statistic(name, labels, groups, weighted)?;
    let null: NullModel = option(null)?;
    // Null models randomise the activity incidence: the projection is per activity.
    let projection = projection
        .unwrap_or_default()
        .with_default_unit("activity")
        .spec(&net.inner)?;
    let opts = TestOptions {
        samples: n,
        trades,
        null,
        projection,
    };
    let ctx = context(threads).with_seed(seed).with_first_task(first);
    let t = run(py, &ctx, progress, || {
        null::test(&net.inner, &stat, &opts, &ctx)
    })?;
    summary(py, t)
}

/// A dict: `graph` (the backbone) and one array per candidate tie: `source`, `target`
/// (positions in the view), `cooccurrence`, `expected`, `p`, `p_adjusted`, `kept`.
type BackboneOut<'py> = Bound<'py, PyDict>;

#[pyfunction]
#[pyo3(signature = (net, method="sdsm", alpha=0.05, correction="holm", n=1000, trades=None, seed=0, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn null_backbone<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    method: &str,
    alpha: f64,
    correction: &str,
    n: usize,
    trades: Option<u64>,
    seed: u64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<BackboneOut<'py>> {
    let method: Method = option(method)?;
    let correction: Correction = option(correction)?;
    let opts = BackboneOptions {
        method,
        alpha,
        correction,
        samples: n,
        trades,
    };
    let ctx = context(threads).with_seed(seed);
    let (g, t) = run(py, &ctx, progress, || bb::backbone(&net.inner, &opts, &ctx))?;
    let d = PyDict::new(py);
    d.set_item("graph", PyGraph { inner: g })?;
    d.set_item("source", t.a.into_pyarray(py))?;
    d.set_item("target", t.b.into_pyarray(py))?;
    d.set_item("cooccurrence", t.cooccurrence.into_pyarray(py))?;
    d.set_item("expected", t.expected.into_pyarray(py))?;
    d.set_item("p", t.p.into_pyarray(py))?;
    d.set_item("p_adjusted", t.p_adjusted.into_pyarray(py))?;
    d.set_item("kept", t.kept.into_pyarray(py))?;
    Ok(d)
}

#[pyfunction]
#[pyo3(signature = (g, name, seed=0, sample=0))]
fn null_permute_graph(
    py: Python<'_>,
    g: &PyGraph,
    name: &str,
    seed: u64,
    sample: u64,
) -> PyResult<PyGraph> {
    let inner = quick(py, || {
        null::permute_graph_attribute(&g.inner, name, seed, sample)
    })?;
    Ok(PyGraph { inner })
}

#[pyfunction]
#[pyo3(signature = (net, name, seed=0, sample=0))]
fn null_permute_network(
    py: Python<'_>,
    net: &PyNetwork,
    name: &str,
    seed: u64,
    sample: u64,
) -> PyResult<PyNetwork> {
    let inner = quick(py, || {
        null::permute_network_attribute(&net.inner, name, seed, sample)
    })?;
    Ok(PyNetwork { inner })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(null_curveball, m)?)?;
    m.add_function(wrap_pyfunction!(null_curveball_rows, m)?)?;
    m.add_function(wrap_pyfunction!(null_summary, m)?)?;
    m.add_function(wrap_pyfunction!(null_test, m)?)?;
    m.add_function(wrap_pyfunction!(null_backbone, m)?)?;
    m.add_function(wrap_pyfunction!(null_permute_graph, m)?)?;
    m.add_function(wrap_pyfunction!(null_permute_network, m)?)?;
    Ok(())
}
