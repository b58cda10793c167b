//! Statistics on graphs and registers: permutation tests (QAP/MRQAP), null models (curveball
//! randomisation of the incidence, attribute permutation), tests of any statistic against a
//! null ensemble, and the backbone of significant ties of a projection. Definitions:
//! METRICS.md ("Layer association", "Null models and significance").
pub mod backbone;
pub mod curveball;
pub mod null;
pub mod qap;
