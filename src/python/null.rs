//! Bindings of [`crate::stats`] (thin wrappers; no algorithm logic here).
use super::errors::to_py;
use super::graph::PyGraph;
use super::network::PyNetwork;
use super::run::{context, quick, run};
use crate::error::Error;

use crate::stats::backbone::{self as bb, BackboneOptions, Correction, Method};
use crate::stats::curveball;
use crate::stats::null::{self, NullModel, NullTest, Statistic, TestOptions};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;

type Arr<'py> = Bound<'py, PyAny>;

#[pyfunction]
#[pyo3(signature = (net, trades=None, seed=0, sample=0))]
fn null_curveball(
    py: Python<'_>,
    net: &PyNetwork,
    trades: Option<u64>,
    seed: u64,
    sample: u64,
) -> PyResult<PyNetwork> {
    let inner = quick(py, || {
        curveball::curveball_sample(&net.inner, trades, seed, sample)
    })?;
    Ok(PyNetwork { inner })
}

/// The activity lists of curveball sample `sample` (res_ptr, res_units in view-local indices),
/// without building a Network (for benchmarks and matrix users).
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

type Summary<'py> = (f64, Arr<'py>, f64, f64, f64, f64, f64, f64);

fn summary<'py>(py: Python<'py>, t: NullTest) -> Summary<'py> {
    (
        t.observed,
        t.samples.into_pyarray(py).into_any(),
        t.mean,
        t.sd,
        t.z,
        t.p_greater,
        t.p_less,
        t.p_two_sided,
    )
}

#[pyfunction]
fn null_summary<'py>(
    py: Python<'py>,
    observed: f64,
    samples: PyReadonlyArray1<'py, f64>,
) -> PyResult<Summary<'py>> {
    let s = samples.as_slice()?.to_vec();
    Ok(summary(py, NullTest::from_samples(observed, s)))
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
#[pyo3(signature = (net, name, labels=None, groups=None, weighted=false, samples=1000, trades=None, null="curveball", weight="count", max_activity_size=None, seed=0, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn null_test<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    name: &str,
    labels: Option<PyReadonlyArray1<'py, u32>>,
    groups: Option<PyReadonlyArray1<'py, i32>>,
    weighted: bool,
    samples: usize,
    trades: Option<u64>,
    null: &str,
    weight: &str,
    max_activity_size: Option<usize>,
    seed: u64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Summary<'py>> {
    let stat = statistic(name, labels, groups, weighted)?;
    let null = match null {
        "curveball" => NullModel::Curveball,
        "permute" => NullModel::Permutation,
        other => {
            return Err(to_py(Error::arg(
                "null",
                format!("'{other}' is not one of \"curveball\", \"permute\""),
            )))
        }
    };
    let projection = super::convert::projection_spec(
        &net.inner,
        weight,
        Some("activity"),
        None,
        max_activity_size,
        None,
    )?;
    let opts = TestOptions {
        samples,
        trades,
        null,
        projection,
    };
    let ctx = context(threads).with_seed(seed);
    let t = run(py, &ctx, progress, || {
        null::test(&net.inner, &stat, &opts, &ctx)
    })?;
    Ok(summary(py, t))
}

type BackboneOut<'py> = (
    PyGraph,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
);

#[pyfunction]
#[pyo3(signature = (net, method="sdsm", alpha=0.05, correction="holm", samples=1000, trades=None, seed=0, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn null_backbone<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    method: &str,
    alpha: f64,
    correction: &str,
    samples: usize,
    trades: Option<u64>,
    seed: u64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<BackboneOut<'py>> {
    let method = match method {
        "sdsm" => Method::Sdsm,
        "fdsm" => Method::Fdsm,
        other => {
            return Err(to_py(Error::arg(
                "method",
                format!("'{other}' is not one of \"sdsm\", \"fdsm\""),
            )))
        }
    };
    let correction = match correction {
        "holm" => Correction::Holm,
        "fdr_bh" => Correction::FdrBh,
        "none" => Correction::None,
        other => {
            return Err(to_py(Error::arg(
                "correction",
                format!("'{other}' is not one of \"holm\", \"fdr_bh\", None"),
            )))
        }
    };
    let opts = BackboneOptions {
        method,
        alpha,
        correction,
        samples,
        trades,
    };
    let ctx = context(threads).with_seed(seed);
    let (g, t) = run(py, &ctx, progress, || bb::backbone(&net.inner, &opts, &ctx))?;
    Ok((
        PyGraph { inner: g },
        t.a.into_pyarray(py).into_any(),
        t.b.into_pyarray(py).into_any(),
        t.cooccurrence.into_pyarray(py).into_any(),
        t.expected.into_pyarray(py).into_any(),
        t.p.into_pyarray(py).into_any(),
        t.p_adjusted.into_pyarray(py).into_any(),
        t.kept.into_pyarray(py).into_any(),
    ))
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
