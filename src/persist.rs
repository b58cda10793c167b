//! Versioned binary form of networks and graphs (used for pickling from Python).
//!
//! Layout: the magic bytes `WJKN`, a little-endian `u16` format version, then the
//! [postcard](https://docs.rs/postcard) encoding of the value. A reader refuses other versions
//! with a message that names both.
use crate::error::{Error, Result};
use serde::{de::DeserializeOwned, Serialize};

const MAGIC: &[u8; 4] = b"WJKN";
/// Current format version.
pub const FORMAT_VERSION: u16 = 2;

/// Serializes `value` with the versioned header.
pub fn to_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    postcard::to_extend(value, out).map_err(|e| Error::Serialization(e.to_string()))
}

/// Reads bytes written by [`to_bytes`].
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    if bytes.len() < 6 || &bytes[..4] != MAGIC {
        return Err(Error::Serialization("not wijknet data (bad header)".into()));
    }
    let v = u16::from_le_bytes([bytes[4], bytes[5]]);
    if v != FORMAT_VERSION {
        return Err(Error::Serialization(format!(
            "written by format version {v}, this wijknet reads version {FORMAT_VERSION}; \
             open it with the wijknet version that wrote it and save the data as a table"
        )));
    }
    let (value, rest) =
        postcard::take_from_bytes(&bytes[6..]).map_err(|e| Error::Serialization(e.to_string()))?;
    if !rest.is_empty() {
        return Err(Error::Serialization(format!(
            "{} unexpected bytes after the data (truncated or joined files?)",
            rest.len()
        )));
    }
    Ok(value)
}

/// Graphs serialize here, where the concrete origins of their ties are known: the graph type
/// itself knows nothing of networks or projections. The field order is the format's.
mod graph_serde {
    use crate::graph::{Csr, Graph, NodeTable, Provenance};
    use crate::projection::Source;
    use fixedbitset::FixedBitSet;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::Arc;

    #[derive(Serialize)]
    struct GraphRef<'a> {
        nodes: &'a Arc<NodeTable>,
        directed: bool,
        out: &'a Arc<Csr>,
        inn: &'a Option<Arc<Csr>>,
        source: Option<&'a Source>,
        respondents: &'a Option<Arc<FixedBitSet>>,
    }

    #[derive(Deserialize)]
    struct GraphOwned {
        nodes: Arc<NodeTable>,
        directed: bool,
        out: Arc<Csr>,
        inn: Option<Arc<Csr>>,
        source: Option<Source>,
        respondents: Option<Arc<FixedBitSet>>,
    }

    impl Serialize for Graph {
        fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            GraphRef {
                nodes: &self.nodes,
                directed: self.directed,
                out: &self.out,
                inn: &self.inn,
                source: self.source(),
                respondents: &self.respondents,
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Graph {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Graph, D::Error> {
            let g = GraphOwned::deserialize(d)?;
            Ok(Graph {
                nodes: g.nodes,
                directed: g.directed,
                out: g.out,
                inn: g.inn,
                origin: g.source.map(|s| Arc::new(s) as Arc<dyn Provenance>),
                respondents: g.respondents,
            })
        }
    }
}
