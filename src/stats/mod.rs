//! Statistics on graphs and registers: permutation tests (QAP/MRQAP), null models (curveball
//! randomisation of the incidence, attribute permutation), tests of any statistic against a
//! null ensemble, the backbone of significant ties of a projection, and the resident
//! bootstrap of before/after comparisons, and one summary of samples (mean, sd, quantiles,
//! permutation p-values). Definitions: docs/metrics.md ("Layer association",
//! "Null models and significance", "Time").
pub mod backbone;
pub mod bootstrap;
pub mod curveball;
pub mod null;
pub mod qap;
pub mod summary;
