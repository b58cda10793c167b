//! `wijknet._wijknet.Network`: thin wrapper over [`crate::Network`].
use super::convert::{
    columns_from_py, columns_to_py, id_from_py, ids_from_py, ids_to_py, named, option,
    parse_weight, projection_spec, projection_unit, u32s, PyColumns,
};
use super::errors::to_py;
use super::graph::PyGraph;
use super::run::{quick, run};
use crate::context::Context;
use crate::error::Error;
use crate::incidence::Unit;
use crate::layers::TieTable;
use crate::network::{Filter, Network};
use crate::projection::{pair_count, Projection};
use crate::register::{DateUnit, Duplicates, Register, RegisterParts, Role};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

/// The native network object (use `wijknet.Network`).
#[pyclass(name = "Network", module = "wijknet._wijknet", frozen)]
pub struct PyNetwork {
    pub inner: Network,
}

#[pymethods]
impl PyNetwork {
    #[staticmethod]
    #[pyo3(signature = (resident_codes, resident_ids, activity_codes, activity_ids, date=None, date_unit="D", session_codes=None, session_ids=None, role=None, duplicates="count", progress=None))]
    #[allow(clippy::too_many_arguments)]
    fn from_columns(
        py: Python<'_>,
        resident_codes: PyReadonlyArray1<'_, u32>,
        resident_ids: &Bound<'_, PyAny>,
        activity_codes: PyReadonlyArray1<'_, u32>,
        activity_ids: &Bound<'_, PyAny>,
        date: Option<PyReadonlyArray1<'_, i64>>,
        date_unit: &str,
        session_codes: Option<PyReadonlyArray1<'_, u32>>,
        session_ids: Option<&Bound<'_, PyAny>>,
        role: Option<PyReadonlyArray1<'_, u8>>,
        duplicates: &str,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyNetwork> {
        let duplicates: Duplicates = option(duplicates)?;
        let date_unit: DateUnit = option(date_unit)?;
        let role = match role {
            Some(r) => Some(
                r.as_slice()?
                    .iter()
                    .enumerate()
                    .map(|(row, &c)| {
                        Role::from_code(c)
                            .ok_or_else(|| to_py(Error::value("role", row, "invalid role code")))
                    })
                    .collect::<PyResult<Vec<Role>>>()?,
            ),
            None => None,
        };
        let session = match (session_codes, session_ids) {
            (Some(c), Some(ids)) => Some((ids_from_py(ids)?, c.as_slice()?.to_vec())),
            _ => None,
        };
        let parts = RegisterParts {
            resident_ids: ids_from_py(resident_ids)?,
            resident: resident_codes.as_slice()?.to_vec(),
            activity_ids: ids_from_py(activity_ids)?,
            activity: activity_codes.as_slice()?.to_vec(),
            date: date
                .map(|d| Ok::<_, PyErr>(d.as_slice()?.to_vec()))
                .transpose()?,
            date_unit,
            session,
            role,
            count: None,
            duplicates,
        };
        // Progress counts the rows as they are grouped by resident.
        let ctx = Context::new();
        ctx.start(parts.resident.len() as u64);
        let net = run(py, &ctx, progress, || {
            Register::from_parts_with(parts, &ctx).map(Network::new)
        })?;
        Ok(PyNetwork { inner: net })
    }

    #[staticmethod]
    #[pyo3(signature = (residents, seed, survey=false))]
    fn badhuis(py: Python<'_>, residents: usize, seed: u64, survey: bool) -> PyResult<PyNetwork> {
        let ctx = Context::new();
        let inner = run(py, &ctx, None, || {
            ctx.install(|| {
                if survey {
                    crate::datasets::badhuis_survey(residents, seed, &ctx)
                } else {
                    crate::datasets::badhuis(residents, seed).map(Network::new)
                }
            })
        })?;
        Ok(PyNetwork { inner })
    }

    #[staticmethod]
    fn davis_southern_women() -> PyNetwork {
        PyNetwork {
            inner: Network::new(crate::datasets::davis_southern_women()),
        }
    }

    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyNetwork> {
        let data = data.to_vec();
        Ok(PyNetwork {
            inner: quick(py, move || crate::persist::from_bytes::<Network>(&data))?,
        })
    }

    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let b = quick(py, || crate::persist::to_bytes(&self.inner))?;
        Ok(PyBytes::new(py, &b))
    }

    #[pyo3(signature = (weight="count", unit=None, min_weight=None, max_activity_size=None, pair_budget=None, threads=None, progress=None))]
    #[allow(clippy::too_many_arguments)]
    fn project(
        &self,
        py: Python<'_>,
        weight: &str,
        unit: Option<&str>,
        min_weight: Option<f64>,
        max_activity_size: Option<usize>,
        pair_budget: Option<u64>,
        threads: Option<usize>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyGraph> {
        let spec = projection_spec(
            &self.inner,
            weight,
            unit,
            min_weight,
            max_activity_size,
            pair_budget,
        )?;
        let ctx = Context::new().with_threads(threads.unwrap_or(0));
        let g = run(py, &ctx, progress, || self.inner.project(&spec, &ctx))?;
        Ok(PyGraph { inner: g })
    }

    #[pyo3(signature = (weight="count", min_weight=None, max_resident_activities=None, pair_budget=None, threads=None, progress=None))]
    #[allow(clippy::too_many_arguments)]
    fn project_activities(
        &self,
        py: Python<'_>,
        weight: &str,
        min_weight: Option<f64>,
        max_resident_activities: Option<usize>,
        pair_budget: Option<u64>,
        threads: Option<usize>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyGraph> {
        let weight = parse_weight(weight)?;
        let spec = Projection {
            weight,
            unit: Unit::Activity,
            min_weight,
            max_activity_size: max_resident_activities,
            pair_budget,
        };
        let ctx = Context::new().with_threads(threads.unwrap_or(0));
        let g = run(py, &ctx, progress, || {
            self.inner.project_activities(&spec, &ctx)
        })?;
        Ok(PyGraph { inner: g })
    }

    #[pyo3(signature = (unit=None, max_activity_size=None))]
    fn pair_count(
        &self,
        py: Python<'_>,
        unit: Option<&str>,
        max_activity_size: Option<usize>,
    ) -> PyResult<u64> {
        let unit = projection_unit(&self.inner, unit)?;
        quick(py, || {
            Ok(pair_count(&self.inner.incidence(unit), max_activity_size))
        })
    }

    #[pyo3(signature = (start=None, end=None))]
    fn window(&self, py: Python<'_>, start: Option<i64>, end: Option<i64>) -> PyResult<PyNetwork> {
        Ok(PyNetwork {
            inner: quick(py, || self.inner.window(start, end))?,
        })
    }

    #[pyo3(signature = (roles=None, activities=None, residents=None, exclude_sensitive=false))]
    fn filter(
        &self,
        py: Python<'_>,
        roles: Option<Vec<String>>,
        activities: Option<Vec<Bound<'_, PyAny>>>,
        residents: Option<Vec<Bound<'_, PyAny>>>,
        exclude_sensitive: bool,
    ) -> PyResult<PyNetwork> {
        let roles = roles
            .map(|rs| {
                rs.iter()
                    .map(|r| option::<Role>(r))
                    .collect::<PyResult<Vec<Role>>>()
            })
            .transpose()?;
        let activities = match activities {
            Some(list) => {
                let ids = list.iter().map(id_from_py).collect::<PyResult<Vec<_>>>()?;
                Some(self.inner.activity_indices(&ids).map_err(to_py)?)
            }
            None => None,
        };
        let residents = match residents {
            Some(list) => {
                let ids = list.iter().map(id_from_py).collect::<PyResult<Vec<_>>>()?;
                Some(self.inner.resident_indices(&ids).map_err(to_py)?)
            }
            None => None,
        };
        let f = Filter {
            roles,
            activities,
            residents,
            exclude_sensitive,
        };
        Ok(PyNetwork {
            inner: quick(py, || self.inner.filter(&f))?,
        })
    }

    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = quick(py, || Ok(self.inner.summary()))?;
        let d = PyDict::new(py);
        d.set_item("residents", s.residents)?;
        d.set_item("activities", s.activities)?;
        d.set_item("sessions", s.sessions)?;
        d.set_item("attendances", s.attendances)?;
        d.set_item("participations", s.participations)?;
        d.set_item("input_rows", s.input_rows)?;
        d.set_item("duplicates_found", s.duplicates_found)?;
        d.set_item("date_range", s.date_range)?;
        d.set_item("participant", s.roles[0])?;
        d.set_item("volunteer", s.roles[1])?;
        d.set_item("organiser", s.roles[2])?;
        Ok(d)
    }

    /// The view's rows: (resident index, session index, role code, count) NumPy arrays.
    /// The register rows of this view: `{"resident", "session", "role", "count"}` arrays.
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let (r, s, role, c) = quick(py, || Ok(self.inner.rows()))?;
        let role: Vec<u8> = role.into_iter().map(|x| x as u8).collect();
        named(
            py,
            vec![
                ("resident", u32s(py, r).into_any()),
                ("session", u32s(py, s).into_any()),
                ("role", role.into_pyarray(py).into_any()),
                ("count", u32s(py, c).into_any()),
            ],
        )
    }

    fn resident_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ids_to_py(py, self.inner.register().resident_ids())
    }
    fn activity_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ids_to_py(py, self.inner.register().activity_ids())
    }
    /// Register indices of the view's residents (the projection's nodes).
    fn view_residents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = quick(py, || Ok(self.inner.residents()))?;
        Ok(u32s(py, v).into_any())
    }
    /// Register indices of the view's activities.
    fn view_activities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = quick(py, || {
            Ok(self.inner.incidence(Unit::Activity).units.clone())
        })?;
        Ok(u32s(py, v).into_any())
    }
    fn session_activity<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        u32s(py, self.inner.register().session_activity().to_vec()).into_any()
    }
    fn session_date<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        self.inner
            .register()
            .session_date()
            .map(|d| d.to_vec().into_pyarray(py).into_any())
    }
    fn session_labels<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Option<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
        match self.inner.register().session_labels() {
            Some((ids, codes)) => Ok(Some((
                ids_to_py(py, ids)?,
                u32s(py, codes.to_vec()).into_any(),
            ))),
            None => Ok(None),
        }
    }
    /// The unit a projection uses when none is chosen ([`Network::default_unit`]).
    #[getter]
    fn default_unit(&self) -> &'static str {
        use crate::options::OptionName;
        self.inner.default_unit().option_name()
    }
    #[getter]
    fn date_unit(&self) -> Option<&'static str> {
        self.inner
            .register()
            .has_dates()
            .then(|| self.inner.register().date_unit().code())
    }
    #[getter]
    fn duplicates(&self) -> &'static str {
        match self.inner.register().duplicates() {
            Duplicates::Count => "count",
            Duplicates::Drop => "drop",
            Duplicates::Error => "error",
        }
    }
    #[getter]
    fn nbytes(&self) -> usize {
        self.inner.register().heap_bytes()
    }
    #[getter]
    fn duplicates_found(&self) -> usize {
        self.inner.register().duplicates_found()
    }
    #[getter]
    fn is_view(&self) -> bool {
        self.inner.mask().is_some()
    }
    fn resident_attributes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(columns_to_py(py, self.inner.register().resident_attributes())?.into_any())
    }
    fn activity_attributes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(columns_to_py(py, self.inner.register().activity_attributes())?.into_any())
    }
    fn sensitive<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        self.inner
            .register()
            .sensitive()
            .to_vec()
            .into_pyarray(py)
            .into_any()
    }
    fn with_resident_attributes(
        &self,
        py: Python<'_>,
        on: &str,
        ids: &Bound<'_, PyAny>,
        columns: PyColumns<'_>,
    ) -> PyResult<PyNetwork> {
        let ids = ids_from_py(ids)?;
        let cols = columns_from_py(columns)?;
        Ok(PyNetwork {
            inner: quick(py, || self.inner.with_resident_attributes(on, &ids, cols))?,
        })
    }
    #[pyo3(signature = (on, ids, columns, sensitive=None))]
    fn with_activity_attributes(
        &self,
        py: Python<'_>,
        on: &str,
        ids: &Bound<'_, PyAny>,
        columns: PyColumns<'_>,
        sensitive: Option<Vec<bool>>,
    ) -> PyResult<PyNetwork> {
        let ids = ids_from_py(ids)?;
        let cols = columns_from_py(columns)?;
        Ok(PyNetwork {
            inner: quick(py, || {
                self.inner
                    .with_activity_attributes(on, &ids, cols, sensitive)
            })?,
        })
    }
    fn with_resident_ids(&self, py: Python<'_>, ids: &Bound<'_, PyAny>) -> PyResult<PyNetwork> {
        let ids = ids_from_py(ids)?;
        Ok(PyNetwork {
            inner: quick(py, || self.inner.with_resident_ids(ids))?,
        })
    }
    #[pyo3(signature = (layer, directed, source, target, weight=None, wave=None, respondents=None))]
    #[allow(clippy::too_many_arguments)]
    fn with_ties<'py>(
        &self,
        py: Python<'py>,
        layer: String,
        directed: bool,
        source: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
        weight: Option<PyReadonlyArray1<'_, f64>>,
        wave: Option<&Bound<'_, PyAny>>,
        respondents: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(PyNetwork, Bound<'py, PyDict>)> {
        let table = TieTable {
            layer,
            directed,
            source: ids_from_py(source)?,
            target: ids_from_py(target)?,
            weight: weight
                .map(|w| w.as_slice().map(<[f64]>::to_vec))
                .transpose()?,
            wave: wave.map(ids_from_py).transpose()?,
            respondents: respondents.map(ids_from_py).transpose()?,
        };
        let (net, report) = quick(py, || self.inner.with_ties(table))?;
        let d = PyDict::new(py);
        d.set_item("rows", report.rows)?;
        d.set_item("ties", report.ties)?;
        d.set_item("repeated", report.repeated)?;
        d.set_item("outside_added", report.outside_added)?;
        Ok((PyNetwork { inner: net }, d))
    }
    #[pyo3(signature = (name, wave=None, threads=None, progress=None))]
    fn layer(
        &self,
        py: Python<'_>,
        name: &str,
        wave: Option<&Bound<'_, PyAny>>,
        threads: Option<usize>,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyGraph> {
        let wave = wave.map(id_from_py).transpose()?;
        let ctx = Context::new().with_threads(threads.unwrap_or(0));
        let g = run(py, &ctx, progress, || {
            self.inner.layer_with(name, wave.as_ref(), &ctx)
        })?;
        Ok(PyGraph { inner: g })
    }
    fn outside_ids<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .ties()
            .outside
            .as_ref()
            .map(|o| ids_to_py(py, o))
            .transpose()
    }
    fn layer_names(&self) -> Vec<String> {
        self.inner.layer_names()
    }
    /// One dict per survey layer: `name`, `directed`, `weighted`, `ties`, `waves` (ids or
    /// None) and `respondents` (their number, or None when not recorded).
    fn layer_info<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .ties()
            .layers
            .iter()
            .map(|l| {
                let waves = match l.waves.as_ref() {
                    Some(w) => ids_to_py(py, w)?,
                    None => py.None().into_bound(py),
                };
                named(
                    py,
                    vec![
                        ("name", l.name.clone().into_pyobject(py)?.into_any()),
                        (
                            "directed",
                            l.directed.into_pyobject(py)?.to_owned().into_any(),
                        ),
                        (
                            "weighted",
                            l.weighted.into_pyobject(py)?.to_owned().into_any(),
                        ),
                        ("ties", l.source.len().into_pyobject(py)?.into_any()),
                        ("waves", waves),
                        (
                            "respondents",
                            l.respondents
                                .as_ref()
                                .map(Vec::len)
                                .into_pyobject(py)?
                                .into_any(),
                        ),
                    ],
                )
            })
            .collect()
    }
    fn __repr__(&self) -> String {
        let r = self.inner.register();
        format!(
            "<wijknet._wijknet.Network {} residents × {} activities>",
            r.n_residents(),
            r.n_activities()
        )
    }
}
