//! Bundled and synthetic data.
