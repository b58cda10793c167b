//! Statistics on networks: resampling, null models and tests.
pub mod bootstrap;
