//! Bindings of [`crate::analysis::impact`] and [`crate::analysis::whatif`] (thin wrappers; no
//! algorithm logic here).
use super::convert::{id_from_py, u32s, ProjectionArgs};
use super::errors::to_py;
use super::network::PyNetwork;
use super::run::{context, run};
use crate::analysis::impact as im;
use crate::analysis::whatif as wi;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

type Arr<'py> = Bound<'py, PyAny>;

fn ids(list: &[Bound<'_, PyAny>]) -> PyResult<Vec<crate::ids::Id>> {
    list.iter().map(id_from_py).collect()
}

/// A dict of per-activity arrays: `participants`, `sessions`, `repeaters`, `ties`,
/// `unique_ties`, `cross_group_ties`, `unique_cross_group_ties`.
type Impact<'py> = Bound<'py, PyDict>;

#[pyfunction]
#[pyo3(signature = (net, projection=None, codes=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn activity_impact<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    projection: Option<ProjectionArgs>,
    codes: Option<PyReadonlyArray1<'py, i32>>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Impact<'py>> {
    let spec = projection.unwrap_or_default().spec(&net.inner)?;
    let codes = codes.as_ref().map(|c| c.as_slice()).transpose()?;
    let ctx = context(threads);
    let (part, prov) = run(py, &ctx, progress, || {
        let prov = im::tie_provenance(&net.inner, &spec, codes, &ctx)?;
        Ok((im::participation(&net.inner), prov))
    })?;
    let d = PyDict::new(py);
    d.set_item("participants", u32s(py, part.participants))?;
    d.set_item("sessions", u32s(py, part.sessions))?;
    d.set_item("repeaters", u32s(py, part.repeaters))?;
    d.set_item("ties", prov.ties.into_pyarray(py))?;
    d.set_item("unique_ties", prov.unique.into_pyarray(py))?;
    d.set_item("cross_group_ties", prov.cross.into_pyarray(py))?;
    d.set_item(
        "unique_cross_group_ties",
        prov.unique_cross.into_pyarray(py),
    )?;
    Ok(d)
}

#[pyfunction]
#[pyo3(signature = (net, projection=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn activity_dependency<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    projection: Option<ProjectionArgs>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let spec = projection.unwrap_or_default().spec(&net.inner)?;
    let ctx = context(threads);
    let deps = run(py, &ctx, progress, || {
        let prov = im::tie_provenance(&net.inner, &spec, None, &ctx)?;
        Ok(im::dependency(&prov, &net.inner))
    })?;
    let d = PyDict::new(py);
    d.set_item(
        "resident",
        u32s(py, deps.iter().map(|d| d.resident).collect()),
    )?;
    d.set_item(
        "activity",
        u32s(py, deps.iter().map(|d| d.activity).collect()),
    )?;
    d.set_item("ties", u32s(py, deps.iter().map(|d| d.ties).collect()))?;
    Ok(d)
}

/// A dict: `residents`, `ties`, `isolates`, `components`, `largest_component`,
/// `mean_reach_2` (None when not computed), `at_least` (residents with at least each
/// threshold's number of ties).
fn summary<'py>(py: Python<'py>, s: &wi::Summary) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("residents", s.residents)?;
    d.set_item("ties", s.ties)?;
    d.set_item("isolates", s.isolates)?;
    d.set_item("components", s.components)?;
    d.set_item("largest_component", s.largest_component)?;
    d.set_item("mean_reach_2", s.mean_reach2)?;
    d.set_item("at_least", s.at_least.clone())?;
    Ok(d)
}

#[pyfunction]
#[pyo3(signature = (net, activities, residents, ks, reach=true, projection=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn whatif_remove<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    activities: Vec<Bound<'py, PyAny>>,
    residents: Vec<Bound<'py, PyAny>>,
    ks: Vec<u32>,
    reach: bool,
    projection: Option<ProjectionArgs>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let spec = projection.unwrap_or_default().spec(&net.inner)?;
    let acts = net
        .inner
        .activity_indices(&ids(&activities)?)
        .map_err(to_py)?;
    let res = net
        .inner
        .resident_indices(&ids(&residents)?)
        .map_err(to_py)?;
    let ctx = context(threads);
    let s = run(py, &ctx, progress, || {
        wi::remove(&net.inner, &spec, &acts, &res, &ks, reach, &ctx)
    })?;
    let d = PyDict::new(py);
    d.set_item("before", summary(py, &s.before)?)?;
    d.set_item("after", summary(py, &s.after)?)?;
    d.set_item("lost_all", u32s(py, s.lost_all))?;
    Ok(d)
}

/// A dict: `before` (a summary dict), then one array per removal: `ties_lost`, `lose_all`,
/// and the figures after (`residents`, `ties`, `isolates`, `components`,
/// `largest_component`), and `at_least` (removals × thresholds, flat, row-major).
type Rank<'py> = Bound<'py, PyDict>;

fn ranking<'py>(py: Python<'py>, r: wi::Ranking) -> PyResult<Rank<'py>> {
    let col = |f: &dyn Fn(&wi::Removal) -> usize| -> Arr<'py> {
        r.rows
            .iter()
            .map(|x| f(x) as u64)
            .collect::<Vec<u64>>()
            .into_pyarray(py)
            .into_any()
    };
    let at_least: Vec<u64> = r
        .rows
        .iter()
        .flat_map(|x| x.after.at_least.iter().map(|&c| c as u64))
        .collect();
    let d = PyDict::new(py);
    d.set_item("before", summary(py, &r.before)?)?;
    d.set_item("ties_lost", col(&|x| x.ties_lost))?;
    d.set_item("lose_all", col(&|x| x.lose_all))?;
    d.set_item("residents", col(&|x| x.after.residents))?;
    d.set_item("ties", col(&|x| x.after.ties))?;
    d.set_item("isolates", col(&|x| x.after.isolates))?;
    d.set_item("components", col(&|x| x.after.components))?;
    d.set_item("largest_component", col(&|x| x.after.largest_component))?;
    d.set_item("at_least", at_least.into_pyarray(py))?;
    Ok(d)
}

#[pyfunction]
#[pyo3(signature = (net, ks, projection=None, naive=false, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn whatif_rank_activities<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    ks: Vec<u32>,
    projection: Option<ProjectionArgs>,
    naive: bool,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Rank<'py>> {
    let spec = projection.unwrap_or_default().spec(&net.inner)?;
    let ctx = context(threads);
    let r = run(py, &ctx, progress, || {
        if naive {
            wi::rank_activities_naive(&net.inner, &spec, &ks, &ctx)
        } else {
            wi::rank_activities(&net.inner, &spec, &ks, &ctx)
        }
    })?;
    ranking(py, r)
}

#[pyfunction]
#[pyo3(signature = (net, residents, ks, projection=None, naive=false, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn whatif_rank_residents<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    residents: Vec<Bound<'py, PyAny>>,
    ks: Vec<u32>,
    projection: Option<ProjectionArgs>,
    naive: bool,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Rank<'py>> {
    let spec = projection.unwrap_or_default().spec(&net.inner)?;
    let res = net
        .inner
        .resident_indices(&ids(&residents)?)
        .map_err(to_py)?;
    let ctx = context(threads);
    let r = run(py, &ctx, progress, || {
        if naive {
            wi::rank_residents_naive(&net.inner, &spec, &res, &ks, &ctx)
        } else {
            wi::rank_residents(&net.inner, &spec, &res, &ks, &ctx)
        }
    })?;
    ranking(py, r)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(activity_impact, m)?)?;
    m.add_function(wrap_pyfunction!(activity_dependency, m)?)?;
    m.add_function(wrap_pyfunction!(whatif_remove, m)?)?;
    m.add_function(wrap_pyfunction!(whatif_rank_activities, m)?)?;
    m.add_function(wrap_pyfunction!(whatif_rank_residents, m)?)?;
    Ok(())
}
