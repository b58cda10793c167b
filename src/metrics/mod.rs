//! Metrics on one-mode [`Graph`](crate::Graph)s, one module per family.
pub mod association;
pub mod centrality;
pub mod clustering;
pub mod cohesion;
pub mod community;
pub mod components;
pub mod degree;
pub mod distance;
pub mod diversity;
pub mod ego;
pub mod impact;
pub mod mixing;
pub mod temporal;
pub mod twomode;
pub mod whatif;

pub use components::{connected_components, density, isolates, number_connected_components};
pub use degree::{degree, strength};
