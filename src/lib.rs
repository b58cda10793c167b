//! # wijknet
//!
//! Social-network analysis of neighbourhood activities. An attendance register (residents ×
//! activities, with dates, sessions and roles) becomes a two-mode network; projecting it gives
//! resident–resident ties whose connectedness and support-network measures show what the
//! activities did for the neighbourhood.
//!
//! ```
//! use wijknet::{metrics, Context, Duplicates, Network, Projection, RegisterBuilder, Weight};
//!
//! let mut b = RegisterBuilder::new();
//! for (resident, activity) in [("ann", "dance"), ("bob", "dance"), ("bob", "breakfast"),
//!                              ("cas", "breakfast"), ("dee", "yoga")] {
//!     b.add(resident, activity)?;
//! }
//! let net = Network::new(b.build(Duplicates::Count)?);
//! let g = net.project(&Projection::weight(Weight::Newman), &Context::new())?;
//! assert_eq!(metrics::degree(&g), vec![1, 2, 1, 0]);
//! assert_eq!(metrics::number_connected_components(&g), 2); // {ann, bob, cas} and {dee}
//! # Ok::<(), wijknet::Error>(())
//! ```
//!
//! Features: `parallel` (default; rayon), `serde` (the versioned, checksummed format of
//! `persist`: pickles and files), `python` (the extension module; Rust users never compile
//! pyo3).
#![warn(missing_docs)]

pub mod analysis;
pub mod attributes;
pub mod calendar;
pub mod context;
pub mod datasets;
pub mod error;
pub mod graph;
pub mod ids;
pub mod incidence;
pub mod layers;
mod memory;
pub mod metrics;
pub mod network;
pub mod options;
pub mod parallel;
#[cfg(feature = "serde")]
pub mod persist;
pub mod projection;
pub mod register;
pub mod register_builder;
pub mod stats;
#[cfg(feature = "serde")]
mod validate;

#[cfg(feature = "python")]
mod python;

pub use context::{get_num_threads, set_num_threads, Context};
pub use error::{Error, Result};
pub use graph::{Csr, Graph, NodeTable};
pub use ids::{Id, Ids};
pub use incidence::{Incidence, Unit};
pub use network::{Filter, Network, Summary};
pub use projection::{Projection, Weight};
pub use register::{DateUnit, Duplicates, Register, RegisterBuilder, RegisterParts, Role};

/// petgraph, re-exported so that its algorithms run on [`Graph`] with matching versions.
pub use petgraph;

/// ndarray, re-exported: the dense matrices of results (mixing matrices, permutation and
/// bootstrap tables) are its `Array2`.
pub use ndarray;

/// The README's Rust examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
