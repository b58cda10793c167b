//! Bindings of [`crate::metrics::association`] and [`crate::stats::qap`] (thin wrappers; no
//! algorithm logic here).
use super::convert::ids_to_py;
use super::graph::PyGraph;
use super::run::{context, quick, run};
use crate::graph::Graph;
use crate::metrics::association::{self as l, Alignment, NodeSet, TieCounts};
use crate::stats::qap::{self as q, PValues, QapOptions};
use numpy::IntoPyArray;
use pyo3::prelude::*;

type Any<'py> = Bound<'py, PyAny>;
/// (aligned ids, left out per graph, added per graph, shared)
type AlignmentTuple<'py> = (Any<'py>, Vec<usize>, Vec<usize>, bool);
/// (ties in 1, ties in 2, both, jaccard, P(2|1), P(1|2))
type CountsTuple = (u64, u64, u64, f64, f64, f64);
type PTuple = (f64, f64, f64);

fn alignment<'py>(py: Python<'py>, a: &Alignment) -> PyResult<AlignmentTuple<'py>> {
    Ok((
        ids_to_py(py, &a.ids)?,
        a.left_out.clone(),
        a.added.clone(),
        a.shared,
    ))
}

fn counts(c: &TieCounts) -> CountsTuple {
    (
        c.ties[0],
        c.ties[1],
        c.both,
        c.jaccard(),
        c.second_given_first(),
        c.first_given_second(),
    )
}

fn ps(p: &PValues) -> PTuple {
    (p.greater, p.less, p.two_sided)
}

fn graphs<'a>(list: &'a [Bound<'_, PyGraph>]) -> Vec<&'a Graph> {
    list.iter().map(|g| &g.get().inner).collect()
}

#[pyfunction]
#[pyo3(signature = (graphs, nodes="intersection"))]
fn align_layers<'py>(
    py: Python<'py>,
    graphs: Vec<Bound<'py, PyGraph>>,
    nodes: &str,
) -> PyResult<AlignmentTuple<'py>> {
    let gs = self::graphs(&graphs);
    let a = quick(py, || {
        Ok(l::align(&gs, NodeSet::from_name(nodes)?)?.alignment)
    })?;
    alignment(py, &a)
}

#[pyfunction]
#[pyo3(signature = (g1, g2, nodes="intersection"))]
fn layer_overlap<'py>(
    py: Python<'py>,
    g1: &PyGraph,
    g2: &PyGraph,
    nodes: &str,
) -> PyResult<(AlignmentTuple<'py>, CountsTuple, Option<CountsTuple>)> {
    let o = quick(py, || {
        l::layer_overlap(&g1.inner, &g2.inner, NodeSet::from_name(nodes)?)
    })?;
    Ok((
        alignment(py, &o.alignment)?,
        counts(&o.undirected),
        o.directed.as_ref().map(counts),
    ))
}

type MultiplexityTuple<'py> = (
    AlignmentTuple<'py>,
    u64,
    u64,
    f64,
    Any<'py>,
    Any<'py>,
    Any<'py>,
    Any<'py>,
    Any<'py>,
);

#[pyfunction]
#[pyo3(signature = (graphs, nodes="intersection"))]
fn multiplexity<'py>(
    py: Python<'py>,
    graphs: Vec<Bound<'py, PyGraph>>,
    nodes: &str,
) -> PyResult<MultiplexityTuple<'py>> {
    let gs = self::graphs(&graphs);
    let m = quick(py, || l::multiplexity(&gs, NodeSet::from_name(nodes)?))?;
    let (masks, pairs): (Vec<u64>, Vec<u64>) = m.combinations.iter().copied().unzip();
    Ok((
        alignment(py, &m.alignment)?,
        m.tied_pairs,
        m.multiplex_pairs,
        m.share(),
        masks.into_pyarray(py).into_any(),
        pairs.into_pyarray(py).into_any(),
        m.ego_share().into_pyarray(py).into_any(),
        m.alters.into_pyarray(py).into_any(),
        m.multiplex_alters.into_pyarray(py).into_any(),
    ))
}

fn options(nodes: &str, weighted: bool, n: usize) -> crate::Result<QapOptions> {
    Ok(QapOptions {
        permutations: n,
        weighted,
        nodes: NodeSet::from_name(nodes)?,
    })
}

type QapTuple<'py> = (AlignmentTuple<'py>, u64, f64, Any<'py>, PTuple, f64, f64);

#[pyfunction]
#[pyo3(signature = (g1, g2, nodes="intersection", weighted=true, n=1000, seed=0, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn qap<'py>(
    py: Python<'py>,
    g1: &PyGraph,
    g2: &PyGraph,
    nodes: &str,
    weighted: bool,
    n: usize,
    seed: u64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<QapTuple<'py>> {
    let ctx = context(threads).with_seed(seed);
    let r = run(py, &ctx, progress, || {
        q::qap(&g1.inner, &g2.inner, &options(nodes, weighted, n)?, &ctx)
    })?;
    Ok((
        alignment(py, &r.alignment)?,
        r.cells,
        r.observed,
        r.null.into_pyarray(py).into_any(),
        ps(&r.p),
        r.null_mean,
        r.null_sd,
    ))
}

type MrqapTuple<'py> = (
    AlignmentTuple<'py>,
    u64,
    Vec<f64>,
    Vec<f64>,
    Vec<f64>,
    (f64, f64, f64),
    Any<'py>,
    Vec<PTuple>,
);

#[pyfunction]
#[pyo3(signature = (y, xs, nodes="intersection", weighted=true, n=1000, seed=0, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn mrqap<'py>(
    py: Python<'py>,
    y: &PyGraph,
    xs: Vec<Bound<'py, PyGraph>>,
    nodes: &str,
    weighted: bool,
    n: usize,
    seed: u64,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<MrqapTuple<'py>> {
    let xs = graphs(&xs);
    let ctx = context(threads).with_seed(seed);
    let r = run(py, &ctx, progress, || {
        q::mrqap(&y.inner, &xs, &options(nodes, weighted, n)?, &ctx)
    })?;
    // R × p, row-major (permutation r, predictor k)
    let p = r.null_t.len();
    let reps = r.null_t.first().map_or(0, |v| v.len());
    let mut flat = Vec::with_capacity(reps * p);
    for i in 0..reps {
        flat.extend(r.null_t.iter().map(|v| v[i]));
    }
    Ok((
        alignment(py, &r.alignment)?,
        r.cells,
        r.coefficients,
        r.std_errors,
        r.t,
        (r.r_squared, r.adj_r_squared, r.residual_df),
        flat.into_pyarray(py).into_any(),
        r.p.iter().map(ps).collect(),
    ))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(align_layers, m)?)?;
    m.add_function(wrap_pyfunction!(layer_overlap, m)?)?;
    m.add_function(wrap_pyfunction!(multiplexity, m)?)?;
    m.add_function(wrap_pyfunction!(qap, m)?)?;
    m.add_function(wrap_pyfunction!(mrqap, m)?)?;
    Ok(())
}
