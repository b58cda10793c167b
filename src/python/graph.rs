//! `wijknet._wijknet.Graph`: thin wrapper over [`crate::Graph`].
use super::convert::{columns_to_py, ids_from_py, ids_to_py, named, u32s};
use super::errors::to_py;
use super::run::{context, quick};
use crate::error::Error;
use crate::graph::Graph;
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

/// The native graph object (use `wijknet.Graph`).
#[pyclass(name = "Graph", module = "wijknet._wijknet", frozen)]
pub struct PyGraph {
    pub inner: Graph,
}

#[pymethods]
impl PyGraph {
    #[staticmethod]
    #[pyo3(signature = (node_ids, source, target, weight=None, directed=false))]
    fn from_edges(
        py: Python<'_>,
        node_ids: &Bound<'_, PyAny>,
        source: PyReadonlyArray1<'_, u32>,
        target: PyReadonlyArray1<'_, u32>,
        weight: Option<PyReadonlyArray1<'_, f64>>,
        directed: bool,
    ) -> PyResult<PyGraph> {
        let ids = ids_from_py(node_ids)?;
        let (s, t) = (source.as_slice()?, target.as_slice()?);
        if s.len() != t.len() {
            return Err(to_py(Error::LengthMismatch {
                column: "target".into(),
                expected: s.len(),
                got: t.len(),
            }));
        }
        let w: Vec<f64> = match weight {
            Some(w) => w.as_slice()?.to_vec(),
            None => vec![1.0; s.len()],
        };
        if w.len() != s.len() {
            return Err(to_py(Error::LengthMismatch {
                column: "weight".into(),
                expected: s.len(),
                got: w.len(),
            }));
        }
        let edges: Vec<(u32, u32, f64)> = s
            .iter()
            .zip(t)
            .zip(&w)
            .map(|((&a, &b), &c)| (a, b, c))
            .collect();
        Ok(PyGraph {
            inner: quick(py, move || Graph::from_edges(ids, &edges, directed))?,
        })
    }

    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyGraph> {
        let data = data.to_vec();
        Ok(PyGraph {
            inner: quick(py, move || crate::persist::from_bytes::<Graph>(&data))?,
        })
    }

    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let b = quick(py, || crate::persist::to_bytes(&self.inner))?;
        Ok(PyBytes::new(py, &b))
    }

    fn node_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ids_to_py(py, &self.inner.nodes().ids)
    }
    fn subgraph(&self, py: Python<'_>, keep: PyReadonlyArray1<'_, u32>) -> PyResult<PyGraph> {
        let keep = keep.as_slice()?;
        Ok(PyGraph {
            inner: quick(py, || self.inner.subgraph(keep))?,
        })
    }
    #[pyo3(signature = (mask=None))]
    fn with_respondents(&self, mask: Option<PyReadonlyArray1<'_, bool>>) -> PyResult<PyGraph> {
        let bits = match mask {
            None => None,
            Some(m) => {
                let m = m.as_slice()?;
                let mut b = fixedbitset::FixedBitSet::with_capacity(m.len());
                b.extend(m.iter().enumerate().filter(|(_, &x)| x).map(|(i, _)| i));
                Some(b)
            }
        };
        Ok(PyGraph {
            inner: self.inner.clone().with_respondents(bits).map_err(to_py)?,
        })
    }
    fn with_node_attributes(
        &self,
        py: Python<'_>,
        on: &str,
        ids: &Bound<'_, PyAny>,
        columns: super::convert::PyColumns<'_>,
    ) -> PyResult<PyGraph> {
        let ids = ids_from_py(ids)?;
        let cols = super::convert::columns_from_py(columns)?;
        Ok(PyGraph {
            inner: quick(py, || {
                self.inner.clone().with_node_attributes(on, &ids, cols)
            })?,
        })
    }
    fn respondents<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        self.inner.respondents().map(|r| {
            (0..self.inner.node_count())
                .map(|i| r.contains(i))
                .collect::<Vec<bool>>()
                .into_pyarray(py)
                .into_any()
        })
    }
    fn node_attributes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(columns_to_py(py, &self.inner.nodes().attributes)?.into_any())
    }
    #[getter]
    fn directed(&self) -> bool {
        self.inner.is_directed()
    }
    #[getter]
    fn node_count(&self) -> usize {
        self.inner.node_count()
    }
    #[getter]
    fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }
    /// Projection spec as a dict, or None.
    fn spec<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let Some(src) = self.inner.source() else {
            return Ok(None);
        };
        let d = pyo3::types::PyDict::new(py);
        d.set_item("weight", src.spec.weight.name())?;
        d.set_item("unit", src.spec.unit.name())?;
        d.set_item("min_weight", src.spec.min_weight)?;
        d.set_item("max_activity_size", src.spec.max_activity_size)?;
        Ok(Some(d.into_any()))
    }
    /// The projected network (a view), or None.
    fn source_network(&self) -> Option<super::network::PyNetwork> {
        self.inner.source().map(|s| super::network::PyNetwork {
            inner: s.network.clone(),
        })
    }
    /// `{"source", "target", "weight"}` NumPy arrays, each undirected edge once.
    /// `{"source", "target" (uint32 node indices; with `ids`, int64: the node ids), "weight"}`.
    #[pyo3(signature = (ids=None))]
    fn edges<'py>(
        &self,
        py: Python<'py>,
        ids: Option<PyReadonlyArray1<'py, i64>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let ids = match &ids {
            Some(a) => {
                let ids = a.as_slice()?;
                if ids.len() != self.inner.node_count() {
                    return Err(to_py(Error::LengthMismatch {
                        column: "node ids".into(),
                        expected: self.inner.node_count(),
                        got: ids.len(),
                    }));
                }
                Some(ids)
            }
            None => None,
        };
        let (s, t, w) = quick(py, || Ok(context(None).install(|| self.inner.edges())))?;
        let (s, t) = match ids {
            Some(ids) => {
                let (s, t) = quick(py, || {
                    Ok(context(None).install(|| {
                        (
                            crate::memory::gathered(ids, &s),
                            crate::memory::gathered(ids, &t),
                        )
                    }))
                })?;
                (s.into_pyarray(py).into_any(), t.into_pyarray(py).into_any())
            }
            None => (u32s(py, s).into_any(), u32s(py, t).into_any()),
        };
        named(
            py,
            vec![
                ("source", s),
                ("target", t),
                ("weight", w.into_pyarray(py).into_any()),
            ],
        )
    }
    /// `{"indptr" (int64), "indices" (uint32), "weights" (float64)}` of the out-adjacency.
    fn csr<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = self.inner.out_csr();
        // Copies (the caller owns its arrays), written in parallel without the GIL.
        let (indptr, indices, weights) = quick(py, || {
            Ok(context(None).install(|| {
                let indptr: Vec<i64> = c.indptr.iter().map(|&x| x as i64).collect();
                (
                    indptr,
                    crate::memory::copied(&c.indices),
                    crate::memory::copied(&c.weights),
                )
            }))
        })?;
        named(
            py,
            vec![
                ("indptr", indptr.into_pyarray(py).into_any()),
                ("indices", indices.into_pyarray(py).into_any()),
                ("weights", weights.into_pyarray(py).into_any()),
            ],
        )
    }
    /// Register indices of the units (activities or sessions) behind the tie a–b.
    fn provenance<'py>(&self, py: Python<'py>, a: usize, b: usize) -> PyResult<Bound<'py, PyAny>> {
        Ok(u32s(py, self.inner.provenance(a, b).map_err(to_py)?).into_any())
    }
    fn weight(&self, a: usize, b: usize) -> Option<f64> {
        let n = self.inner.node_count();
        (a < n && b < n).then(|| self.inner.weight(a, b)).flatten()
    }
    fn __repr__(&self) -> String {
        format!(
            "<wijknet._wijknet.Graph {} nodes, {} edges, {}>",
            self.inner.node_count(),
            self.inner.edge_count(),
            if self.inner.is_directed() {
                "directed"
            } else {
                "undirected"
            }
        )
    }
}
