//! Bindings of [`crate::analysis::impact`] and [`crate::analysis::whatif`] (thin wrappers; no
//! algorithm logic here).
use super::convert::{id_from_py, projection_spec, u32s};
use super::errors::to_py;
use super::network::PyNetwork;
use super::run::{context, run};
use crate::analysis::impact as im;
use crate::analysis::whatif as wi;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;

type Arr<'py> = Bound<'py, PyAny>;

fn ids(list: &[Bound<'_, PyAny>]) -> PyResult<Vec<crate::ids::Id>> {
    list.iter().map(id_from_py).collect()
}

/// (participants, sessions, repeaters, ties, unique, cross, unique_cross) per activity.
type Impact<'py> = (
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
);

#[pyfunction]
#[pyo3(signature = (net, weight="count", unit=None, min_weight=None, max_activity_size=None, pair_budget=None, codes=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn activity_impact<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    weight: &str,
    unit: Option<&str>,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
    codes: Option<PyReadonlyArray1<'py, i32>>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Impact<'py>> {
    let spec = projection_spec(
        &net.inner,
        weight,
        unit,
        min_weight,
        max_activity_size,
        pair_budget,
    )?;
    let codes = codes.as_ref().map(|c| c.as_slice()).transpose()?;
    let ctx = context(threads);
    let (part, prov) = run(py, &ctx, progress, || {
        let prov = im::tie_provenance(&net.inner, &spec, codes, &ctx)?;
        Ok((im::participation(&net.inner), prov))
    })?;
    Ok((
        u32s(py, part.participants).into_any(),
        u32s(py, part.sessions).into_any(),
        u32s(py, part.repeaters).into_any(),
        prov.ties.into_pyarray(py).into_any(),
        prov.unique.into_pyarray(py).into_any(),
        prov.cross.into_pyarray(py).into_any(),
        prov.unique_cross.into_pyarray(py).into_any(),
    ))
}

#[pyfunction]
#[pyo3(signature = (net, weight="count", unit=None, min_weight=None, max_activity_size=None, pair_budget=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn activity_dependency<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    weight: &str,
    unit: Option<&str>,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Arr<'py>, Arr<'py>, Arr<'py>)> {
    let spec = projection_spec(
        &net.inner,
        weight,
        unit,
        min_weight,
        max_activity_size,
        pair_budget,
    )?;
    let ctx = context(threads);
    let deps = run(py, &ctx, progress, || {
        let prov = im::tie_provenance(&net.inner, &spec, None, &ctx)?;
        Ok(im::dependency(&prov, &net.inner))
    })?;
    Ok((
        u32s(py, deps.iter().map(|d| d.resident).collect()).into_any(),
        u32s(py, deps.iter().map(|d| d.activity).collect()).into_any(),
        u32s(py, deps.iter().map(|d| d.ties).collect()).into_any(),
    ))
}

/// (residents, ties, isolates, components, largest component, mean 2-step reach, at_least).
type Summary = (usize, usize, usize, usize, usize, Option<f64>, Vec<usize>);

fn summary(s: &wi::Summary) -> Summary {
    (
        s.residents,
        s.ties,
        s.isolates,
        s.components,
        s.largest_component,
        s.mean_reach2,
        s.at_least.clone(),
    )
}

#[pyfunction]
#[pyo3(signature = (net, activities, residents, ks, reach=true, weight="count", unit=None, min_weight=None, max_activity_size=None, pair_budget=None, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn whatif_remove<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    activities: Vec<Bound<'py, PyAny>>,
    residents: Vec<Bound<'py, PyAny>>,
    ks: Vec<u32>,
    reach: bool,
    weight: &str,
    unit: Option<&str>,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Summary, Summary, Arr<'py>)> {
    let spec = projection_spec(
        &net.inner,
        weight,
        unit,
        min_weight,
        max_activity_size,
        pair_budget,
    )?;
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
    Ok((
        summary(&s.before),
        summary(&s.after),
        u32s(py, s.lost_all).into_any(),
    ))
}

/// (before, ties_lost, lose_all, residents, ties, isolates, components, largest, at_least
/// rows × ks flat).
type Rank<'py> = (
    Summary,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
    Arr<'py>,
);

fn ranking<'py>(py: Python<'py>, r: wi::Ranking) -> Rank<'py> {
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
    (
        summary(&r.before),
        col(&|x| x.ties_lost),
        col(&|x| x.lose_all),
        col(&|x| x.after.residents),
        col(&|x| x.after.ties),
        col(&|x| x.after.isolates),
        col(&|x| x.after.components),
        col(&|x| x.after.largest_component),
        at_least.into_pyarray(py).into_any(),
    )
}

#[pyfunction]
#[pyo3(signature = (net, ks, weight="count", unit=None, min_weight=None, max_activity_size=None, pair_budget=None, naive=false, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn whatif_rank_activities<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    ks: Vec<u32>,
    weight: &str,
    unit: Option<&str>,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
    naive: bool,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Rank<'py>> {
    let spec = projection_spec(
        &net.inner,
        weight,
        unit,
        min_weight,
        max_activity_size,
        pair_budget,
    )?;
    let ctx = context(threads);
    let r = run(py, &ctx, progress, || {
        if naive {
            wi::rank_activities_naive(&net.inner, &spec, &ks, &ctx)
        } else {
            wi::rank_activities(&net.inner, &spec, &ks, &ctx)
        }
    })?;
    Ok(ranking(py, r))
}

#[pyfunction]
#[pyo3(signature = (net, residents, ks, weight="count", unit=None, min_weight=None, max_activity_size=None, pair_budget=None, naive=false, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)]
fn whatif_rank_residents<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    residents: Vec<Bound<'py, PyAny>>,
    ks: Vec<u32>,
    weight: &str,
    unit: Option<&str>,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
    naive: bool,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Rank<'py>> {
    let spec = projection_spec(
        &net.inner,
        weight,
        unit,
        min_weight,
        max_activity_size,
        pair_budget,
    )?;
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
    Ok(ranking(py, r))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(activity_impact, m)?)?;
    m.add_function(wrap_pyfunction!(activity_dependency, m)?)?;
    m.add_function(wrap_pyfunction!(whatif_remove, m)?)?;
    m.add_function(wrap_pyfunction!(whatif_rank_activities, m)?)?;
    m.add_function(wrap_pyfunction!(whatif_rank_residents, m)?)?;
    Ok(())
}
