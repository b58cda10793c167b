//! Typed attribute columns for residents and activities (categorical, numeric, boolean),
//! aligned with the dense node index.
use crate::error::{Error, Result};
use crate::ids::Ids;

/// Values of one attribute column, one per node.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(missing_docs)]
pub enum Column {
    /// Category codes into `levels`; -1 is missing.
    Categorical {
        codes: Vec<i32>,
        levels: Vec<String>,
    },
    /// Numbers; NaN is missing.
    Numeric(Vec<f64>),
    /// 0 = false, 1 = true, -1 = missing.
    Bool(Vec<i8>),
}

impl Column {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            Column::Categorical { codes, .. } => codes.len(),
            Column::Numeric(v) => v.len(),
            Column::Bool(v) => v.len(),
        }
    }
    /// Whether the column has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The values at `idx` (in that order); `u32::MAX` gives a missing value.
    pub fn take(&self, idx: &[u32]) -> Column {
        match self {
            Column::Categorical { codes, levels } => Column::Categorical {
                codes: idx
                    .iter()
                    .map(|&i| codes.get(i as usize).copied().unwrap_or(-1))
                    .collect(),
                levels: levels.clone(),
            },
            Column::Numeric(v) => Column::Numeric(
                idx.iter()
                    .map(|&i| v.get(i as usize).copied().unwrap_or(f64::NAN))
                    .collect(),
            ),
            Column::Bool(v) => Column::Bool(
                idx.iter()
                    .map(|&i| v.get(i as usize).copied().unwrap_or(-1))
                    .collect(),
            ),
        }
    }
}

/// Named attribute columns, each aligned with the node index.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Attributes {
    columns: Vec<(String, Column)>,
}

impl Attributes {
    /// Attributes from named columns (each aligned with the same nodes).
    pub fn from_columns(columns: Vec<(String, Column)>) -> Attributes {
        Attributes { columns }
    }
    /// Column names in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|(n, _)| n.as_str())
    }
    /// The column called `name`.
    pub fn get(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|(n, _)| n == name).map(|(_, c)| c)
    }
    /// All columns.
    pub fn columns(&self) -> &[(String, Column)] {
        &self.columns
    }
    /// Number of columns.
    pub fn len(&self) -> usize {
        self.columns.len()
    }
    /// Whether there are no columns.
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }
    /// The rows at `idx` of every column.
    pub fn take(&self, idx: &[u32]) -> Attributes {
        Attributes {
            columns: self
                .columns
                .iter()
                .map(|(n, c)| (n.clone(), c.take(idx)))
                .collect(),
        }
    }
    /// Joins a table given as `table_ids` (the `on` column) and typed columns onto `nodes`.
    /// Columns already present are replaced. Nodes absent from the table get missing values.
    ///
    /// Errors name the table row of an id that is not a node or that appears twice.
    pub fn join(
        &self,
        nodes: &Ids,
        on: &str,
        table_ids: &Ids,
        columns: Vec<(String, Column)>,
        kind: &str,
    ) -> Result<Attributes> {
        let index = nodes.index(kind)?;
        let mut pos = vec![u32::MAX; nodes.len()];
        for row in 0..table_ids.len() {
            let id = table_ids.get(row);
            let Some(&node) = index.get(&id) else {
                return Err(Error::value(
                    on,
                    row,
                    format!(
                        "{kind} {id} is not in the register; remove the row or check the id \
                         (ids must match the register's exactly, including type)"
                    ),
                ));
            };
            if pos[node as usize] != u32::MAX {
                return Err(Error::value(
                    on,
                    row,
                    format!(
                        "{kind} {id} appears twice (rows {} and {row}); give one row per {kind}",
                        pos[node as usize]
                    ),
                ));
            }
            pos[node as usize] = row as u32;
        }
        let mut out = self.clone();
        for (name, col) in columns {
            if col.len() != table_ids.len() {
                return Err(Error::LengthMismatch {
                    column: name,
                    expected: table_ids.len(),
                    got: col.len(),
                });
            }
            let aligned = col.take(&pos);
            if let Some(slot) = out.columns.iter_mut().find(|(n, _)| *n == name) {
                slot.1 = aligned;
            } else {
                out.columns.push((name, aligned));
            }
        }
        Ok(out)
    }
}
