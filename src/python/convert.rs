//! Conversions between Python objects and core types (ids, attribute columns).
use crate::attributes::{Attributes, Column};
use crate::error::Error;
use crate::ids::{Id, Ids};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyList;

/// Ids from a list of str or an int64 NumPy array.
pub fn ids_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Ids> {
    if let Ok(a) = obj.extract::<PyReadonlyArray1<i64>>() {
        return Ok(Ids::Int(a.as_slice()?.to_vec()));
    }
    if let Ok(v) = obj.extract::<Vec<String>>() {
        return Ok(Ids::Str(v));
    }
    if let Ok(v) = obj.extract::<Vec<i64>>() {
        return Ok(Ids::Int(v));
    }
    Err(super::errors::to_py(Error::arg(
        "ids",
        "ids must be all strings or all integers",
    )))
}

/// Ids to Python: a list of str, or an int64 NumPy array.
pub fn ids_to_py<'py>(py: Python<'py>, ids: &Ids) -> PyResult<Bound<'py, PyAny>> {
    Ok(match ids {
        Ids::Str(v) => PyList::new(py, v)?.into_any(),
        Ids::Int(v) => v.clone().into_pyarray(py).into_any(),
    })
}

/// One id from a Python str or int.
pub fn id_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Id> {
    if let Ok(s) = obj.extract::<String>() {
        return Ok(Id::Str(s));
    }
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Id::Int(i));
    }
    Err(super::errors::to_py(Error::arg(
        "id",
        format!("{obj} is neither a string nor an integer"),
    )))
}

/// Attribute columns as Python passes them: `(name, kind, values, levels)` tuples.
pub type PyColumns<'py> = Vec<(String, String, Bound<'py, PyAny>, Option<Vec<String>>)>;

/// A list of `(name, kind, values, levels)` tuples into typed columns.
pub fn columns_from_py(list: PyColumns<'_>) -> PyResult<Vec<(String, Column)>> {
    let mut out = Vec::with_capacity(list.len());
    for (name, kind, values, levels) in list {
        let col = match kind.as_str() {
            "categorical" => Column::Categorical {
                codes: values
                    .extract::<PyReadonlyArray1<i32>>()?
                    .as_slice()?
                    .to_vec(),
                levels: levels.unwrap_or_default(),
            },
            "numeric" => Column::Numeric(
                values
                    .extract::<PyReadonlyArray1<f64>>()?
                    .as_slice()?
                    .to_vec(),
            ),
            "bool" => Column::Bool(
                values
                    .extract::<PyReadonlyArray1<i8>>()?
                    .as_slice()?
                    .to_vec(),
            ),
            other => {
                return Err(super::errors::to_py(Error::arg(
                    "columns",
                    format!("column '{name}' has unknown kind '{other}'"),
                )))
            }
        };
        out.push((name, col));
    }
    Ok(out)
}

/// Typed columns into a list of `(name, kind, values, levels)` tuples.
pub fn columns_to_py<'py>(py: Python<'py>, attrs: &Attributes) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for (name, col) in attrs.columns() {
        let item = match col {
            Column::Categorical { codes, levels } => (
                name.as_str(),
                "categorical",
                codes.clone().into_pyarray(py).into_any(),
                Some(levels.clone()),
            ),
            Column::Numeric(v) => (
                name.as_str(),
                "numeric",
                v.clone().into_pyarray(py).into_any(),
                None,
            ),
            Column::Bool(v) => (
                name.as_str(),
                "bool",
                v.clone().into_pyarray(py).into_any(),
                None,
            ),
        };
        list.append(item)?;
    }
    Ok(list)
}

/// A `Vec<u32>` as a NumPy array without copying.
pub fn u32s<'py>(py: Python<'py>, v: Vec<u32>) -> Bound<'py, PyArray1<u32>> {
    v.into_pyarray(py)
}

/// A projection weight name ("count", "newman", "jaccard", "overlap").
pub fn parse_weight(s: &str) -> PyResult<crate::projection::Weight> {
    crate::projection::Weight::parse(s).ok_or_else(|| {
        super::errors::to_py(Error::arg(
            "weight",
            format!("'{s}' is not one of \"count\", \"newman\", \"jaccard\", \"overlap\""),
        ))
    })
}

/// A projection unit name ("activity", "session").
pub fn parse_unit(s: &str) -> PyResult<crate::incidence::Unit> {
    crate::incidence::Unit::parse(s).ok_or_else(|| {
        super::errors::to_py(Error::arg(
            "unit",
            format!("'{s}' is not one of \"activity\", \"session\""),
        ))
    })
}

/// A projection spec from its parts (the projection dict of the Python API).
pub fn projection_spec(
    weight: &str,
    unit: &str,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
) -> PyResult<crate::projection::Projection> {
    Ok(crate::projection::Projection {
        weight: parse_weight(weight)?,
        unit: parse_unit(unit)?,
        min_weight,
        max_activity_size,
        pair_budget,
    })
}
