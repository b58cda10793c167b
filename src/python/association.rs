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
use pyo3::types::PyDict;

type Dict<'py> = Bound<'py, PyDict>;

/// A dict: `ids` (the aligned node ids), `left_out` and `added` (per graph), `shared`.
fn alignment<'py>(py: Python<'py>, a: &Alignment) -> PyResult<Dict<'py>> {
    let d = PyDict::new(py);
    d.set_item("ids", ids_to_py(py, &a.ids)?)?;
    d.set_item("left_out", a.left_out.clone())?;
    d.set_item("added", a.added.clone())?;
    d.set_item("shared", a.shared)?;
    Ok(d)
}

/// A dict: `ties_1`, `ties_2`, `both`, `jaccard`, `share_of_1_in_2` (P(tie in 2 | tie in
/// 1)), `share_of_2_in_1`.
fn counts<'py>(py: Python<'py>, c: &TieCounts) -> PyResult<Dict<'py>> {
    let d = PyDict::new(py);
    d.set_item("ties_1", c.ties[0])?;
    d.set_item("ties_2", c.ties[1])?;
    d.set_item("both", c.both)?;
    d.set_item("jaccard", c.jaccard())?;
    d.set_item("share_of_1_in_2", c.second_given_first())?;
    d.set_item("share_of_2_in_1", c.first_given_second())?;
    Ok(d)
}

/// A dict: `greater`, `less`, `two_sided`.
fn ps<'py>(py: Python<'py>, p: &PValues) -> PyResult<Dict<'py>> {
    let d = PyDict::new(py);
    d.set_item("greater", p.greater)?;
    d.set_item("less", p.less)?;
    d.set_item("two_sided", p.two_sided)?;
    Ok(d)
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
) -> PyResult<Dict<'py>> {
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
) -> PyResult<Dict<'py>> {
    let o = quick(py, || {
        l::layer_overlap(&g1.inner, &g2.inner, NodeSet::from_name(nodes)?)
    })?;
    let d = PyDict::new(py);
    d.set_item("alignment", alignment(py, &o.alignment)?)?;
    d.set_item("undirected", counts(py, &o.undirected)?)?;
    d.set_item(
        "directed",
        o.directed.as_ref().map(|c| counts(py, c)).transpose()?,
    )?;
    Ok(d)
}

#[pyfunction]
#[pyo3(signature = (graphs, nodes="intersection"))]
fn multiplexity<'py>(
    py: Python<'py>,
    graphs: Vec<Bound<'py, PyGraph>>,
    nodes: &str,
) -> PyResult<Dict<'py>> {
    let gs = self::graphs(&graphs);
    let m = quick(py, || l::multiplexity(&gs, NodeSet::from_name(nodes)?))?;
    let (masks, pairs): (Vec<u64>, Vec<u64>) = m.combinations.iter().copied().unzip();
    let d = PyDict::new(py);
    d.set_item("alignment", alignment(py, &m.alignment)?)?;
    d.set_item("tied_pairs", m.tied_pairs)?;
    d.set_item("multiplex_pairs", m.multiplex_pairs)?;
    d.set_item("share", m.share())?;
    d.set_item("masks", masks.into_pyarray(py))?;
    d.set_item("pairs", pairs.into_pyarray(py))?;
    d.set_item("ego_share", m.ego_share().into_pyarray(py))?;
    d.set_item("alters", m.alters.into_pyarray(py))?;
    d.set_item("multiplex_alters", m.multiplex_alters.into_pyarray(py))?;
    Ok(d)
}

fn options(nodes: &str, weighted: bool, n: usize) -> crate::Result<QapOptions> {
    Ok(QapOptions {
        permutations: n,
        weighted,
        nodes: NodeSet::from_name(nodes)?,
    })
}

#[pyfunction]
#[pyo3(signature = (g1, g2, nodes="intersection", weighted=true, n=1000, seed=0, threads=None, progress=None, first=0))]
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
    first: u64,
) -> PyResult<Dict<'py>> {
    let ctx = context(threads).with_seed(seed).with_first_task(first);
    let r = run(py, &ctx, progress, || {
        q::qap(&g1.inner, &g2.inner, &options(nodes, weighted, n)?, &ctx)
    })?;
    let d = PyDict::new(py);
    d.set_item("alignment", alignment(py, &r.alignment)?)?;
    d.set_item("cells", r.cells)?;
    d.set_item("observed", r.observed)?;
    d.set_item("null", r.null.into_pyarray(py))?;
    d.set_item("p", ps(py, &r.p)?)?;
    d.set_item("null_mean", r.null_mean)?;
    d.set_item("null_sd", r.null_sd)?;
    Ok(d)
}

#[pyfunction]
#[pyo3(signature = (y, xs, nodes="intersection", weighted=true, n=1000, seed=0, threads=None, progress=None, first=0))]
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
    first: u64,
) -> PyResult<Dict<'py>> {
    let xs = graphs(&xs);
    let ctx = context(threads).with_seed(seed).with_first_task(first);
    let r = run(py, &ctx, progress, || {
        q::mrqap(&y.inner, &xs, &options(nodes, weighted, n)?, &ctx)
    })?;
    let d = PyDict::new(py);
    d.set_item("alignment", alignment(py, &r.alignment)?)?;
    d.set_item("cells", r.cells)?;
    d.set_item("coefficients", r.coefficients)?;
    d.set_item("std_errors", r.std_errors)?;
    d.set_item("t", r.t)?;
    d.set_item("r_squared", r.r_squared)?;
    d.set_item("adj_r_squared", r.adj_r_squared)?;
    d.set_item("residual_df", r.residual_df)?;
    d.set_item("null_t", r.null_t.into_pyarray(py))?; // R × p
    let p: Vec<Dict<'py>> = r.p.iter().map(|p| ps(py, p)).collect::<PyResult<_>>()?;
    d.set_item("p", p)?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(align_layers, m)?)?;
    m.add_function(wrap_pyfunction!(layer_overlap, m)?)?;
    m.add_function(wrap_pyfunction!(multiplexity, m)?)?;
    m.add_function(wrap_pyfunction!(qap, m)?)?;
    m.add_function(wrap_pyfunction!(mrqap, m)?)?;
    Ok(())
}
