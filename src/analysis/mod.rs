//! Analyses of a [`Network`](crate::Network): measures on the two-mode network, change over
//! time, empowerment (role trajectories, organiser load), the impact of each activity on the
//! resident network (and what-if removals), and the diversity of activities. Measures on a
//! one-mode [`Graph`](crate::Graph) live in [`crate::metrics`].
pub mod diversity;
pub mod empowerment;
pub mod impact;
pub mod temporal;
pub mod twomode;
pub mod whatif;
