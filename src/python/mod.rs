//! The Python extension module `wijknet._wijknet` (pyo3). Thin wrappers only: extract
//! arguments, release the GIL, call the core, convert results. Errors are mapped in
//! `errors.rs`; long calls go through `run.rs`.
mod association;
mod centrality;
mod clustering;
mod cohesion;
mod community;
mod convert;
mod ego;
mod empowerment;
mod errors;
mod graph;
mod metrics;
mod mixing;
mod network;
mod null;
mod persist;
mod register_builder;
mod run;
mod temporal;
mod twomode;
mod whatif;

use pyo3::prelude::*;

/// The canonical role names in the core's order (aliases such as "organizer" left out).
fn role_names() -> Vec<&'static str> {
    use crate::options::OptionName;
    let mut names: Vec<&'static str> = Vec::new();
    for (_, role) in crate::register::Role::NAMES {
        let name = role.option_name();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Every role name the core accepts (aliases included) with the role's code.
fn role_codes() -> std::collections::BTreeMap<&'static str, u8> {
    use crate::options::OptionName;
    crate::register::Role::NAMES
        .iter()
        .map(|(name, role)| (*name, *role as u8))
        .collect()
}

#[pymodule]
fn _wijknet(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<network::PyNetwork>()?;
    m.add_class::<graph::PyGraph>()?;
    m.add_class::<register_builder::PyStreamBuilder>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("FORMAT_VERSION", crate::persist::FORMAT_VERSION)?;
    m.add(
        "DEFAULT_PAIR_BUDGET",
        crate::projection::DEFAULT_PAIR_BUDGET,
    )?;
    m.add("ROLES", role_names())?;
    m.add("ROLE_CODES", role_codes())?;
    metrics::register(m)?;
    clustering::register(m)?;
    cohesion::register(m)?;
    centrality::register(m)?;
    twomode::register(m)?;
    community::register(m)?;
    ego::register(m)?;
    mixing::register(m)?;
    association::register(m)?;
    null::register(m)?;
    temporal::register(m)?;
    empowerment::register(m)?;
    whatif::register(m)?;
    persist::register(m)?;
    Ok(())
}
