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
    crate::validate::take_failure(); // none left from another reader on this thread
    let (value, rest) = postcard::take_from_bytes(&bytes[6..]).map_err(|e| match e {
        postcard::Error::SerdeDeCustom => {
            crate::validate::take_failure().unwrap_or_else(|| Error::Serialization(e.to_string()))
        }
        e => Error::Serialization(e.to_string()),
    })?;
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
        #[serde(deserialize_with = "respondents")]
        respondents: Option<Arc<FixedBitSet>>,
    }

    /// fixedbitset's own form (a `u64` length in bits, then its blocks as little-endian
    /// bytes), read without trusting it: fixedbitset's reader panics on a byte count that is
    /// not a whole number of blocks and allocates whatever length it is given.
    #[derive(Deserialize)]
    struct BitsData {
        length: u64,
        #[serde(deserialize_with = "bytes")]
        data: Vec<u8>,
    }

    fn respondents<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<Arc<FixedBitSet>>, D::Error> {
        let Some(b) = Option::<BitsData>::deserialize(d)? else {
            return Ok(None);
        };
        if b.length > 8 * b.data.len() as u64 {
            return Err(serde::de::Error::custom(format!(
                "a set of {} bits stored in {} bytes",
                b.length,
                b.data.len()
            )));
        }
        let n = b.length as usize;
        let mut bits = FixedBitSet::with_capacity(n);
        bits.extend((0..n).filter(|&i| b.data[i / 8] >> (i % 8) & 1 == 1));
        Ok(Some(Arc::new(bits)))
    }

    /// A byte string, as bytes or as a sequence of `u8`.
    fn bytes<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<u8>, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> std::result::Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Vec<u8>, A::Error> {
                let mut v = Vec::new();
                while let Some(b) = seq.next_element()? {
                    v.push(b);
                }
                Ok(v)
            }
        }
        d.deserialize_bytes(Bytes)
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
            let g = Graph {
                nodes: g.nodes,
                directed: g.directed,
                out: g.out,
                inn: g.inn,
                origin: g.source.map(|s| Arc::new(s) as Arc<dyn Provenance>),
                respondents: g.respondents,
            };
            crate::validate::deserialized(crate::validate::graph(&g))?;
            Ok(g)
        }
    }
}
