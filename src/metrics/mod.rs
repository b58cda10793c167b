//! Measures on one-mode [`Graph`](crate::Graph)s, one module per family. Analyses of a
//! [`Network`](crate::Network) (two-mode measures, time, activity impact, diversity of
//! activities) live in [`crate::analysis`].
pub mod association;
pub mod centrality;
pub mod clustering;
pub mod cohesion;
pub mod community;
pub mod components;
pub mod degree;
pub mod distance;
pub mod ego;
pub mod heterogeneity;
pub mod mixing;
pub(crate) mod shortest_paths;

pub use components::{connected_components, density, isolates, number_connected_components};
pub use degree::{degree, strength};
