//! Statistics on graphs: permutation tests (and, later, null models and backbones).
pub mod qap;
