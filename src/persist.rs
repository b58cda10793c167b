//! Versioned, checksummed binary form of networks and graphs: what Python pickles carry and
//! what the Python package's `save` writes to a file (there, around named [`Sections`]).
//!
//! # Format version 3 (written since wijknet 0.2)
//!
//! | offset | bytes | field |
//! |---|---|---|
//! | 0 | 4 | magic `WJKN` |
//! | 4 | 2 | format version, little-endian `u16` (3) |
//! | 6 | 1 | kind: 1 network, 2 graph, 3 sections ([`Kind`]) |
//! | 7 | 1 | flags, 0 (a reader refuses others: they mean a newer writer) |
//! | 8 | 8 | payload length in bytes, little-endian `u64` |
//! | 16 | 4 | CRC-32 (the checksum of zip, gzip and PNG) of bytes 0..16 and the payload, little-endian `u32` |
//! | 20 | n | payload: the [postcard](https://docs.rs/postcard) encoding of the value |
//!
//! # Format version 2 (pickles of wijknet 0.1)
//!
//! The magic `WJKN`, the version `u16` (2), then the postcard encoding of a network or a graph:
//! no kind, no length, no checksum. Such bytes are still read (a network or a graph, whichever
//! they decode as).
//!
//! # Promise
//!
//! Every format version ever written stays readable; writers write only the newest one. A
//! reader refuses other versions with a message that names them and says what to do.
//! Damaged bytes (cut short, changed, joined, foreign) give [`Error::Serialization`], never a
//! panic.
//!
//! ```
//! use wijknet::persist::{self, Kind};
//! use wijknet::{datasets, Network};
//!
//! let net = Network::new(datasets::davis_southern_women());
//! let bytes = persist::to_bytes(&net).unwrap();
//! assert_eq!(persist::header(&bytes).unwrap().kind, Some(Kind::Network));
//! let back: Network = persist::from_bytes(&bytes).unwrap();
//! assert_eq!(persist::to_bytes(&back).unwrap(), bytes);
//!
//! let mut damaged = bytes.clone();
//! damaged[30] ^= 1;
//! let err = persist::from_bytes::<Network>(&damaged).unwrap_err();
//! assert!(err.to_string().contains("checksum"));
//! ```
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::network::Network;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

const MAGIC: &[u8; 4] = b"WJKN";
/// Current format version (the one [`to_bytes`] writes).
pub const FORMAT_VERSION: u16 = 3;
/// The oldest format version a reader still reads.
pub const OLDEST_VERSION: u16 = 2;
/// Length of the version 3 header (magic, version, kind, flags, length, checksum).
pub const HEADER_LEN: usize = 20;

/// What a version 3 payload holds (the header's kind byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A [`Network`] (register, view mask and tie layers).
    Network,
    /// A [`Graph`] (nodes, ties and where they came from).
    Graph,
    /// Named [`Sections`] (what the Python package saves: an object with its tables).
    Sections,
}

impl Kind {
    /// The kind byte of the header.
    pub fn code(self) -> u8 {
        match self {
            Kind::Network => 1,
            Kind::Graph => 2,
            Kind::Sections => 3,
        }
    }

    /// The kind of a header's kind byte, if it is one this version knows.
    pub fn from_code(code: u8) -> Option<Kind> {
        match code {
            1 => Some(Kind::Network),
            2 => Some(Kind::Graph),
            3 => Some(Kind::Sections),
            _ => None,
        }
    }

    /// A name for messages: `"network"`, `"graph"`, `"sections"`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Network => "network",
            Kind::Graph => "graph",
            Kind::Sections => "sections",
        }
    }
}

/// A value with a kind of its own in the format.
pub trait Persist: Serialize + DeserializeOwned {
    /// The header's kind for this type.
    const KIND: Kind;
}

impl Persist for Network {
    const KIND: Kind = Kind::Network;
}

impl Persist for Graph {
    const KIND: Kind = Kind::Graph;
}

impl Persist for Sections {
    const KIND: Kind = Kind::Sections;
}

/// Named byte strings kept together under one header and checksum: the Python package saves
/// a network with what made it, or a result with its tables, as sections. The bytes of each
/// section are the section's own business (this module neither reads nor checks them).
///
/// A file that Python's `net.save(path)` wrote holds the network in its `network` section
/// (`g.save(path)`: `graph`), in this format with a header of its own:
///
/// ```
/// use wijknet::persist::{self, Sections};
/// use wijknet::Network;
///
/// let bytes = std::fs::read("tests/data/persist/network-v3.wijknet").unwrap();
/// let sections: Sections = persist::from_bytes(&bytes).unwrap();
/// let net: Network = persist::from_bytes(sections.get("network").unwrap()).unwrap();
/// assert_eq!(net.summary().residents, 8);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sections {
    /// `(name, bytes)` in the order they were added.
    #[serde(with = "section_bytes")]
    pub entries: Vec<(String, Vec<u8>)>,
}

/// The sections' bytes as one block each (postcard writes a length and the bytes, the same
/// encoding as a sequence of `u8`, but without a call per byte).
mod section_bytes {
    use serde::de::{Deserializer, SeqAccess, Visitor};
    use serde::ser::{SerializeSeq, Serializer};
    use serde::{Deserialize, Serialize};
    use std::fmt;

    struct Bytes<'a>(&'a [u8]);

    impl Serialize for Bytes<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    pub fn serialize<S: Serializer>(
        entries: &[(String, Vec<u8>)],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(entries.len()))?;
        for (name, bytes) in entries {
            seq.serialize_element(&(name, Bytes(bytes)))?;
        }
        seq.end()
    }

    struct ByteBuf(Vec<u8>);

    impl<'de> Deserialize<'de> for ByteBuf {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = ByteBuf;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<ByteBuf, E> {
                    Ok(ByteBuf(v.to_vec()))
                }
                fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<ByteBuf, E> {
                    Ok(ByteBuf(v))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ByteBuf, A::Error> {
                    let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                    while let Some(b) = seq.next_element()? {
                        out.push(b);
                    }
                    Ok(ByteBuf(out))
                }
            }
            d.deserialize_byte_buf(V)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(String, Vec<u8>)>, D::Error> {
        let entries = Vec::<(String, ByteBuf)>::deserialize(d)?;
        Ok(entries.into_iter().map(|(n, b)| (n, b.0)).collect())
    }
}

impl Sections {
    /// The bytes of the first section called `name`.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }
}

/// What a header says (checked: magic, version, length and checksum).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The format version the bytes were written in.
    pub version: u16,
    /// What the payload holds; `None` for version 2, which did not say.
    pub kind: Option<Kind>,
    /// Length of the payload in bytes.
    pub payload_len: usize,
}

/// Anything the format holds, as [`load`] returns it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Stored {
    /// A network.
    Network(Network),
    /// A graph.
    Graph(Graph),
    /// Named sections.
    Sections(Sections),
}

fn err(message: impl Into<String>) -> Error {
    Error::Serialization(message.into())
}

/// Serializes `value` with the version 3 header.
///
/// # Errors
/// [`Error::Serialization`] if the value cannot be encoded.
pub fn to_bytes<T: Persist>(value: &T) -> Result<Vec<u8>> {
    let mut out = vec![0u8; HEADER_LEN];
    out[..4].copy_from_slice(MAGIC);
    out[4..6].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    out[6] = T::KIND.code();
    let mut out = postcard::to_extend(value, out).map_err(|e| err(e.to_string()))?;
    let len = (out.len() - HEADER_LEN) as u64;
    out[8..16].copy_from_slice(&len.to_le_bytes());
    let crc = checksum(&out[..16], &out[HEADER_LEN..]);
    out[16..20].copy_from_slice(&crc.to_le_bytes());
    Ok(out)
}

fn checksum(head: &[u8], payload: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(head);
    h.update(payload);
    h.finalize()
}

/// Checks the header of `bytes` (magic, version, and for version 3 the length and the
/// checksum) and returns it with the payload.
///
/// # Errors
/// [`Error::Serialization`] for bytes that are not wijknet data, are cut short, were changed
/// after they were written, have bytes appended, or come from a version this one does not read.
pub fn open(bytes: &[u8]) -> Result<(Header, &[u8])> {
    if bytes.is_empty() {
        return Err(err("there is nothing to read (0 bytes)"));
    }
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        if MAGIC.starts_with(bytes) {
            return Err(err(format!(
                "cut short: only {} bytes, fewer than a header",
                bytes.len()
            )));
        }
        return Err(err(
            "not wijknet data (bad header: it does not start with the bytes WJKN)",
        ));
    }
    if bytes.len() < 6 {
        return Err(err(format!(
            "cut short: only {} bytes, fewer than a header",
            bytes.len()
        )));
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version > FORMAT_VERSION {
        return Err(err(format!(
            "written in format version {version} by a newer wijknet; this wijknet writes \
             version {FORMAT_VERSION} and reads versions {OLDEST_VERSION} to {FORMAT_VERSION}: \
             update wijknet (pip install --upgrade wijknet) to read it"
        )));
    }
    if version < OLDEST_VERSION {
        return Err(err(format!(
            "format version {version} was never written by a released wijknet; this wijknet \
             writes version {FORMAT_VERSION} and reads versions {OLDEST_VERSION} to \
             {FORMAT_VERSION}: the bytes are damaged or not wijknet data"
        )));
    }
    if version == 2 {
        let payload = &bytes[6..];
        let header = Header {
            version,
            kind: None,
            payload_len: payload.len(),
        };
        return Ok((header, payload));
    }
    if bytes.len() < HEADER_LEN {
        return Err(err(format!(
            "cut short: the header ends after {} of its {HEADER_LEN} bytes",
            bytes.len()
        )));
    }
    let announced = u64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes"));
    let present = (bytes.len() - HEADER_LEN) as u64;
    if announced > present {
        return Err(err(format!(
            "cut short: the header announces {announced} bytes of data but only {present} are \
             there (a copy, download or write that did not finish)"
        )));
    }
    if announced < present {
        return Err(err(format!(
            "{} unexpected bytes after the data (joined or overwritten files?)",
            present - announced
        )));
    }
    let payload = &bytes[HEADER_LEN..];
    let stored = u32::from_le_bytes(bytes[16..20].try_into().expect("4 bytes"));
    if checksum(&bytes[..16], payload) != stored {
        return Err(err(
            "damaged: the checksum does not match (the bytes changed after they were written)",
        ));
    }
    if bytes[7] != 0 {
        return Err(err(format!(
            "the header has flags ({:#04x}) that this wijknet does not know: it was written by \
             a newer wijknet; update wijknet (pip install --upgrade wijknet) to read it",
            bytes[7]
        )));
    }
    let Some(kind) = Kind::from_code(bytes[6]) else {
        return Err(err(format!(
            "holds a kind of data this wijknet does not know (kind {}): it was written by a \
             newer wijknet; update wijknet (pip install --upgrade wijknet) to read it",
            bytes[6]
        )));
    };
    let header = Header {
        version,
        kind: Some(kind),
        payload_len: payload.len(),
    };
    Ok((header, payload))
}

/// The checked header of `bytes` (see [`open`]).
///
/// # Errors
/// As [`open`].
pub fn header(bytes: &[u8]) -> Result<Header> {
    open(bytes).map(|(h, _)| h)
}

fn decode<T: DeserializeOwned>(payload: &[u8], what: &str) -> Result<T> {
    crate::validate::take_failure(); // none left from another reader on this thread
    let (value, rest) = postcard::take_from_bytes(payload).map_err(|e| match e {
        // a consistency check of the decoded data failed: its message says what is wrong
        postcard::Error::SerdeDeCustom => crate::validate::take_failure()
            .unwrap_or_else(|| err(format!("the {what} could not be decoded ({e})"))),
        e => err(format!("the {what} could not be decoded ({e})")),
    })?;
    if !rest.is_empty() {
        return Err(err(format!(
            "{} unexpected bytes after the {what} (truncated or joined data?)",
            rest.len()
        )));
    }
    Ok(value)
}

/// Reads bytes written by [`to_bytes`] (or version 2 bytes of a network or a graph).
///
/// # Errors
/// [`Error::Serialization`] as for [`open`], and when the bytes hold another kind of value
/// (a graph where a network was asked for, say) or do not decode.
pub fn from_bytes<T: Persist>(bytes: &[u8]) -> Result<T> {
    let (header, payload) = open(bytes)?;
    match header.kind {
        Some(kind) if kind != T::KIND => Err(err(format!(
            "these bytes hold a {}, not a {}",
            kind.name(),
            T::KIND.name()
        ))),
        Some(_) => decode(payload, T::KIND.name()),
        None if T::KIND == Kind::Sections => Err(err(
            "format version 2 holds a network or a graph, never sections",
        )),
        None => decode(payload, T::KIND.name()),
    }
}

/// Reads whatever `bytes` hold: a network, a graph or sections (version 2 bytes, which do not
/// say, are tried as a network, then as a graph).
///
/// # Errors
/// As [`from_bytes`].
pub fn load(bytes: &[u8]) -> Result<Stored> {
    let (header, payload) = open(bytes)?;
    match header.kind {
        Some(Kind::Network) => decode(payload, "network").map(Stored::Network),
        Some(Kind::Graph) => decode(payload, "graph").map(Stored::Graph),
        Some(Kind::Sections) => decode(payload, "sections").map(Stored::Sections),
        None => match decode(payload, "network") {
            Ok(net) => Ok(Stored::Network(net)),
            Err(first) => decode(payload, "graph")
                .map(Stored::Graph)
                .map_err(|_| match first {
                    Error::Serialization(m) => err(format!(
                        "neither a network nor a graph could be decoded: {m}"
                    )),
                    other => other,
                }),
        },
    }
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
