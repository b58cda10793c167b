//! Conversions between Python objects and core types (ids, attribute columns).
use crate::attributes::{Attributes, Column};
use crate::error::Error;
use crate::ids::{Id, Ids};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

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

/// A named result: a dict from the names to the values, in order. The native layer returns at
/// most two positional values; anything more comes named, and Python unpacks it by name.
pub fn named<'py>(
    py: Python<'py>,
    items: Vec<(&str, Bound<'py, PyAny>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in items {
        d.set_item(k, v)?;
    }
    Ok(d)
}

/// Typed columns into a list of dicts with keys `name`, `kind`, `values` and `levels`.
pub fn columns_to_py<'py>(py: Python<'py>, attrs: &Attributes) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for (name, col) in attrs.columns() {
        let (name, kind, values, levels) = match col {
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
        let levels = levels.into_pyobject(py)?.into_any();
        let item = named(
            py,
            vec![
                ("name", name.into_pyobject(py)?.into_any()),
                ("kind", kind.into_pyobject(py)?.into_any()),
                ("values", values),
                ("levels", levels),
            ],
        )?;
        list.append(item)?;
    }
    Ok(list)
}

/// A `Vec<u32>` as a NumPy array without copying.
pub fn u32s<'py>(py: Python<'py>, v: Vec<u32>) -> Bound<'py, PyArray1<u32>> {
    v.into_pyarray(py)
}

/// An option enum from its name (see [`crate::options`]): the core's "is not one of" error
/// becomes `ArgumentError`.
pub fn option<T: crate::options::OptionName>(name: &str) -> PyResult<T> {
    crate::options::parse(name).map_err(super::errors::to_py)
}

/// A projection weight name ("count", "newman", "jaccard", "overlap").
pub fn parse_weight(s: &str) -> PyResult<crate::projection::Weight> {
    option(s)
}

/// A projection unit name ("activity", "session").
pub fn parse_unit(s: &str) -> PyResult<crate::incidence::Unit> {
    option(s)
}

/// The projection unit of `net` for `unit=`: the name given, or by default `"session"` when
/// the register has dates (who was present at the same session met) and `"activity"` when it
/// has none.
pub fn projection_unit(
    net: &crate::network::Network,
    unit: Option<&str>,
) -> PyResult<crate::incidence::Unit> {
    match unit {
        Some(u) => parse_unit(u),
        None => Ok(net.default_unit()),
    }
}

/// `distance=` (None = hops) with Opsahl's `alpha=` of the path measures.
pub fn distance(
    distance: Option<&str>,
    alpha: Option<f64>,
) -> PyResult<crate::metrics::distance::Distance> {
    crate::metrics::distance::Distance::from_options(distance, alpha).map_err(super::errors::to_py)
}

/// The projection spec as the Python layer passes it to the native functions that project
/// internally: the dict of `wn.Projection.to_dict()` (keys `weight`, `unit`, `min_weight`,
/// `max_activity_size`, `pair_budget`; a missing key or None takes the default). Turned into a
/// core [`Projection`](crate::projection::Projection) by [`ProjectionArgs::spec`].
#[derive(Debug, Default)]
pub struct ProjectionArgs {
    weight: Option<String>,
    unit: Option<String>,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
}

impl<'py> FromPyObject<'py> for ProjectionArgs {
    fn extract_bound(ob: &Bound<'py, PyAny>) -> PyResult<Self> {
        let d = ob.downcast::<pyo3::types::PyDict>()?;
        fn item<'py, T: FromPyObject<'py>>(
            d: &Bound<'py, pyo3::types::PyDict>,
            key: &str,
        ) -> PyResult<Option<T>> {
            match d.get_item(key)? {
                Some(v) if !v.is_none() => v.extract().map(Some),
                _ => Ok(None),
            }
        }
        Ok(ProjectionArgs {
            weight: item(d, "weight")?,
            unit: item(d, "unit")?,
            min_weight: item(d, "min_weight")?,
            max_activity_size: item(d, "max_activity_size")?,
            pair_budget: item(d, "pair_budget")?,
        })
    }
}

impl ProjectionArgs {
    /// The core projection spec for `net` (through [`projection_spec`]).
    pub fn spec(&self, net: &crate::network::Network) -> PyResult<crate::projection::Projection> {
        projection_spec(
            net,
            self.weight.as_deref().unwrap_or("count"),
            self.unit.as_deref(),
            self.min_weight,
            self.max_activity_size,
            self.pair_budget,
        )
    }

    /// The same spec with `unit` when none was given.
    pub fn with_default_unit(mut self, unit: &str) -> Self {
        self.unit.get_or_insert_with(|| unit.to_string());
        self
    }
}

/// The projection spec of the Python API (`wn.Projection` / `Network.project`'s keywords)
/// for `net`: the one place a projection is parsed. `unit=None` is resolved by
/// [`projection_unit`].
pub fn projection_spec(
    net: &crate::network::Network,
    weight: &str,
    unit: Option<&str>,
    min_weight: Option<f64>,
    max_activity_size: Option<usize>,
    pair_budget: Option<u64>,
) -> PyResult<crate::projection::Projection> {
    Ok(crate::projection::Projection {
        weight: parse_weight(weight)?,
        unit: projection_unit(net, unit)?,
        min_weight,
        max_activity_size,
        pair_budget,
    })
}
