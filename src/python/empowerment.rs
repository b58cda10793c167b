//! Bindings of [`crate::analysis::empowerment`] (thin wrappers; no algorithm logic here).
//! Optional values cross as -1 (activities, dates of an undated role are masked by the
//! `has_*` arrays) or NaN (days).
use super::convert::{option, ProjectionArgs};
use super::network::PyNetwork;
use super::run::{context, quick, run};
use crate::analysis::empowerment as e;
use crate::analysis::temporal::Freq;
use crate::register::Role;
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;

fn role_arg(s: &str) -> PyResult<Role> {
    option::<Role>(s)
}

fn dates_or<'py>(
    py: Python<'py>,
    d: &Bound<'py, PyDict>,
    name: &str,
    v: &[Option<i64>],
) -> PyResult<()> {
    let has: Vec<bool> = v.iter().map(Option::is_some).collect();
    let val: Vec<i64> = v.iter().map(|x| x.unwrap_or(0)).collect();
    d.set_item(name, val.into_pyarray(py))?;
    d.set_item(format!("has_{name}"), has.into_pyarray(py))?;
    Ok(())
}

fn days_or(v: &[Option<f64>]) -> Vec<f64> {
    v.iter().map(|x| x.unwrap_or(f64::NAN)).collect()
}

fn activity_or(v: &[Option<u32>]) -> Vec<i64> {
    v.iter().map(|x| x.map_or(-1, i64::from)).collect()
}

/// A dict: `resident`, `first`, `last`, `first_volunteer` / `has_first_volunteer`,
/// `first_organiser` / `has_first_organiser`, `highest` (role codes), `volunteer_activity`,
/// `organiser_activity` (-1: none), `days_to_volunteer`, `days_to_organiser` (NaN: none).
#[pyfunction]
fn empowerment_trajectories<'py>(py: Python<'py>, net: &PyNetwork) -> PyResult<Bound<'py, PyDict>> {
    let t = quick(py, || e::trajectories(&net.inner))?;
    let d = PyDict::new(py);
    d.set_item("resident", t.residents.into_pyarray(py))?;
    d.set_item("first", t.first.into_pyarray(py))?;
    d.set_item("last", t.last.into_pyarray(py))?;
    dates_or(py, &d, "first_volunteer", &t.first_volunteer)?;
    dates_or(py, &d, "first_organiser", &t.first_organiser)?;
    let highest: Vec<u8> = t.highest.iter().map(|&r| r as u8).collect();
    d.set_item("highest", highest.into_pyarray(py))?;
    d.set_item(
        "volunteer_activity",
        activity_or(&t.volunteer_activity).into_pyarray(py),
    )?;
    d.set_item(
        "organiser_activity",
        activity_or(&t.organiser_activity).into_pyarray(py),
    )?;
    d.set_item(
        "days_to_volunteer",
        days_or(&t.days_to_volunteer).into_pyarray(py),
    )?;
    d.set_item(
        "days_to_organiser",
        days_or(&t.days_to_organiser).into_pyarray(py),
    )?;
    Ok(d)
}

/// A dict: per resident `resident`, `days`, `taken`; the Kaplan–Meier table `time`,
/// `at_risk`, `events`, `censored`, `survival`, `std_err`, `ci_low`, `ci_high`; `share` and
/// `median` (None: not reached).
#[pyfunction]
fn empowerment_role_uptake<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    role: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let role = role_arg(role)?;
    let u = quick(py, || e::role_uptake(&net.inner, role))?;
    let d = PyDict::new(py);
    d.set_item("resident", u.residents.into_pyarray(py))?;
    d.set_item("days", u.days.into_pyarray(py))?;
    d.set_item("taken", u.taken.into_pyarray(py))?;
    d.set_item("time", u.km.time.into_pyarray(py))?;
    d.set_item("at_risk", u.km.at_risk.into_pyarray(py))?;
    d.set_item("events", u.km.events.into_pyarray(py))?;
    d.set_item("censored", u.km.censored.into_pyarray(py))?;
    d.set_item("survival", u.km.survival.into_pyarray(py))?;
    d.set_item("std_err", u.km.std_err.into_pyarray(py))?;
    d.set_item("ci_low", u.ci_low.into_pyarray(py))?;
    d.set_item("ci_high", u.ci_high.into_pyarray(py))?;
    d.set_item("share", u.share)?;
    d.set_item("median", u.median)?;
    Ok(d)
}

/// A dict: the periods (`label`, `start`, `end`), `new` and `cumulative`.
#[pyfunction]
fn empowerment_new_organisers<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    freq: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let f = freq.parse::<Freq>().map_err(super::errors::to_py)?;
    let n = quick(py, || e::new_organisers(&net.inner, f))?;
    let start: Vec<i64> = n.periods.iter().map(|p| p.start).collect();
    let end: Vec<i64> = n.periods.iter().map(|p| p.end).collect();
    let labels: Vec<String> = n.periods.into_iter().map(|p| p.label).collect();
    let d = PyDict::new(py);
    d.set_item("label", labels)?;
    d.set_item("start", start.into_pyarray(py))?;
    d.set_item("end", end.into_pyarray(py))?;
    d.set_item("new", n.new.into_pyarray(py))?;
    d.set_item("cumulative", n.cumulative.into_pyarray(py))?;
    Ok(d)
}

/// A dict: per organiser `resident`, `sessions`; `total`, `top`, `top_share`, `gini`.
#[pyfunction]
fn empowerment_organiser_load<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    top: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let l = quick(py, || e::organiser_load(&net.inner, top))?;
    let d = PyDict::new(py);
    d.set_item("resident", l.residents.into_pyarray(py))?;
    d.set_item("sessions", l.sessions.into_pyarray(py))?;
    d.set_item("total", l.total)?;
    d.set_item("top", l.top)?;
    d.set_item("top_share", l.top_share)?;
    d.set_item("gini", l.gini)?;
    Ok(d)
}

/// A dict: per resident `resident`, `role_date`, `degree_before`, `degree_after`,
/// `reach_before`, `reach_after`; `mean_degree_change`, `mean_reach_change`.
#[pyfunction]
#[pyo3(signature = (net, role, window, projection=None, threads=None, progress=None))]
fn empowerment_position_change<'py>(
    py: Python<'py>,
    net: &PyNetwork,
    role: &str,
    window: f64,
    projection: Option<ProjectionArgs>,
    threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let role = role_arg(role)?;
    let s = projection.unwrap_or_default().spec(&net.inner)?;
    let ctx = context(threads);
    let p = run(py, &ctx, progress, || {
        e::position_change(&net.inner, role, &s, window, &ctx)
    })?;
    let d = PyDict::new(py);
    d.set_item("resident", p.residents.into_pyarray(py))?;
    d.set_item("role_date", p.role_date.into_pyarray(py))?;
    d.set_item("degree_before", p.degree_before.into_pyarray(py))?;
    d.set_item("degree_after", p.degree_after.into_pyarray(py))?;
    d.set_item("reach_before", p.reach_before.into_pyarray(py))?;
    d.set_item("reach_after", p.reach_after.into_pyarray(py))?;
    d.set_item("mean_degree_change", p.mean_degree_change)?;
    d.set_item("mean_reach_change", p.mean_reach_change)?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(empowerment_trajectories, m)?)?;
    m.add_function(wrap_pyfunction!(empowerment_role_uptake, m)?)?;
    m.add_function(wrap_pyfunction!(empowerment_new_organisers, m)?)?;
    m.add_function(wrap_pyfunction!(empowerment_organiser_load, m)?)?;
    m.add_function(wrap_pyfunction!(empowerment_position_change, m)?)?;
    Ok(())
}
