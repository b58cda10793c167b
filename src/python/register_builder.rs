//! `wijknet._wijknet.StreamBuilder`: thin wrapper over [`crate::register_builder`].
use super::convert::{ids_from_py, ids_to_py, option};
use super::errors::to_py;
use super::network::PyNetwork;
use super::run::quick;
use crate::error::Error;
use crate::ids::Ids;
use crate::network::Network;
use crate::register::{DateUnit, Duplicates};
use crate::register_builder::{Column, Piece, PieceIds, StreamBuilder};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// A piece's distinct ids as Python gives them: a list of str, an int64 array, or Arrow text
/// as an `(offsets, data)` pair of int64 and uint8 arrays.
enum Given<'py> {
    Ids(Ids),
    Utf8(PyReadonlyArray1<'py, i64>, PyReadonlyArray1<'py, u8>),
}

impl<'py> Given<'py> {
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        if let Ok(t) = obj.cast::<PyTuple>() {
            if t.len() == 2 {
                return Ok(Given::Utf8(
                    t.get_item(0)?.extract()?,
                    t.get_item(1)?.extract()?,
                ));
            }
        }
        Ok(Given::Ids(ids_from_py(obj)?))
    }
    fn view(&self) -> PyResult<PieceIds<'_>> {
        Ok(match self {
            Given::Ids(Ids::Str(v)) => PieceIds::Str(v),
            Given::Ids(Ids::Int(v)) => PieceIds::Int(v),
            Given::Utf8(o, d) => PieceIds::Utf8 {
                offsets: o.as_slice()?,
                data: d.as_slice()?,
            },
        })
    }
}

fn column(name: &str) -> PyResult<Column> {
    match name {
        "resident" => Ok(Column::Resident),
        "activity" => Ok(Column::Activity),
        "session" => Ok(Column::Session),
        _ => Err(to_py(Error::arg(
            "column",
            format!("'{name}' is not one of 'resident', 'activity', 'session'"),
        ))),
    }
}

/// The native builder of a register read piece by piece (begin: the constructor; `push`
/// each piece; `finish`).
#[pyclass(name = "StreamBuilder", module = "wijknet._wijknet")]
pub struct PyStreamBuilder {
    inner: Option<StreamBuilder>,
}

impl PyStreamBuilder {
    fn builder(&mut self) -> PyResult<&mut StreamBuilder> {
        self.inner.as_mut().ok_or_else(|| {
            to_py(Error::arg(
                "builder",
                "the register was built already; begin a new builder",
            ))
        })
    }
}

#[pymethods]
impl PyStreamBuilder {
    #[new]
    #[pyo3(signature = (dated, labelled))]
    fn new(dated: bool, labelled: bool) -> Self {
        PyStreamBuilder {
            inner: Some(StreamBuilder::new(dated, labelled)),
        }
    }

    #[pyo3(signature = (resident_codes, resident_ids, activity_codes, activity_ids, date=None, date_unit=None, session_codes=None, session_ids=None, role=None))]
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        py: Python<'_>,
        resident_codes: PyReadonlyArray1<'_, u32>,
        resident_ids: &Bound<'_, PyAny>,
        activity_codes: PyReadonlyArray1<'_, u32>,
        activity_ids: &Bound<'_, PyAny>,
        date: Option<PyReadonlyArray1<'_, i64>>,
        date_unit: Option<&str>,
        session_codes: Option<PyReadonlyArray1<'_, u32>>,
        session_ids: Option<&Bound<'_, PyAny>>,
        role: Option<PyReadonlyArray1<'_, u8>>,
    ) -> PyResult<()> {
        let unit: DateUnit = option(date_unit.unwrap_or("D"))?;
        let r_ids = Given::extract(resident_ids)?;
        let a_ids = Given::extract(activity_ids)?;
        let s_ids = session_ids.map(Given::extract).transpose()?;
        let piece = Piece {
            resident: resident_codes.as_slice()?,
            resident_ids: r_ids.view()?,
            activity: activity_codes.as_slice()?,
            activity_ids: a_ids.view()?,
            date: match &date {
                Some(d) => Some((d.as_slice()?, unit)),
                None => None,
            },
            session: match (&session_codes, &s_ids) {
                (Some(c), Some(ids)) => Some((c.as_slice()?, ids.view()?)),
                _ => None,
            },
            role: match &role {
                Some(r) => Some(r.as_slice()?),
                None => None,
            },
        };
        let b = self.builder()?;
        quick(py, || b.push(&piece))
    }

    /// Rows pushed so far.
    #[getter]
    fn n_rows(&self) -> usize {
        self.inner.as_ref().map_or(0, StreamBuilder::n_rows)
    }

    /// The unit of the dates so far ("D", "s", "ms"), None before any date.
    #[getter]
    fn date_unit(&self) -> Option<&'static str> {
        self.inner
            .as_ref()
            .and_then(StreamBuilder::date_unit)
            .map(DateUnit::code)
    }

    /// The distinct ids of a column so far (None: no session labels).
    fn ids<'py>(
        &mut self,
        py: Python<'py>,
        column_name: &str,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let c = column(column_name)?;
        match self.builder()?.ids(c) {
            Some(ids) => Ok(Some(ids_to_py(py, &ids)?)),
            None => Ok(None),
        }
    }

    /// Whether cleaning stray spaces may change a text id of the column.
    fn may_need_cleaning(&mut self, column_name: &str) -> PyResult<bool> {
        let c = column(column_name)?;
        Ok(self.builder()?.may_need_cleaning(c))
    }

    /// Text ids that are all plain whole numbers become numbers; whether they did.
    fn numbers_from_text(&mut self, py: Python<'_>, column_name: &str) -> PyResult<bool> {
        let c = column(column_name)?;
        let b = self.builder()?;
        quick(py, || b.numbers_from_text(c))
    }

    /// How many rows hold each id of a column so far.
    fn id_rows<'py>(
        &mut self,
        py: Python<'py>,
        column_name: &str,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let c = column(column_name)?;
        Ok(self
            .builder()?
            .id_rows(c)
            .map(|v| v.into_pyarray(py).into_any()))
    }

    /// Replaces a column's ids; `remap[i]` is the new index of old id `i`.
    #[pyo3(signature = (column_name, ids, remap=None))]
    fn replace_ids(
        &mut self,
        py: Python<'_>,
        column_name: &str,
        ids: &Bound<'_, PyAny>,
        remap: Option<PyReadonlyArray1<'_, u32>>,
    ) -> PyResult<()> {
        let c = column(column_name)?;
        let ids = ids_from_py(ids)?;
        let remap = match &remap {
            Some(m) => Some(m.as_slice()?),
            None => None,
        };
        let b = self.builder()?;
        quick(py, || b.replace_ids(c, ids, remap))
    }

    /// The register; the builder is spent.
    #[pyo3(signature = (duplicates="count"))]
    fn finish(&mut self, py: Python<'_>, duplicates: &str) -> PyResult<PyNetwork> {
        let duplicates: Duplicates = option(duplicates)?;
        self.builder()?;
        let b = self.inner.take().expect("checked above");
        let inner = quick(py, move || b.finish(duplicates).map(Network::new))?;
        Ok(PyNetwork { inner })
    }
}
