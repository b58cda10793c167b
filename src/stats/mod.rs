//! Null models and significance: curveball randomisation of the incidence, tests of any
//! statistic against a null ensemble, attribute permutation, and the backbone of significant
//! ties of a projection. Definitions: METRICS.md ("Null models and significance").
pub mod backbone;
pub mod curveball;
pub mod null;
