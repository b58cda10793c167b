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
