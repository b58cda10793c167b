//! Bundled and synthetic data.
//!
//! * [`davis_southern_women`]: the classic Davis, Gardner & Gardner (1941) register of 18 women
//!   at 14 social events (89 attendances), the standard test case for two-mode networks.
//! * [`badhuis`]: a seeded synthetic year of attendance registers of resident-run community
//!   centres, at any scale, calibrated to the shape of real registers (see its docs).
//! * [`badhuis_survey`]: a `badhuis` register with a synthetic resident survey and a
//!   "support" tie layer tied to network position (planted effects, for demonstrations and
//!   tests of survey triangulation).
//! * [`calibration`]: the figures the `badhuis` calibration is stated in, for any network.
use crate::attributes::Column;
use crate::error::{Error, Result};
use crate::ids::Ids;
use crate::incidence::Unit;
use crate::network::Network;
use crate::register::{DateUnit, Duplicates, Register, RegisterParts, Role};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod badhuis;
mod calibration;
mod davis;
mod survey;

pub use badhuis::badhuis;
pub use calibration::{calibration, Calibration};
pub use davis::davis_southern_women;
pub use survey::{badhuis_survey, LIKERT_LABELS, SUPPORT_LAYER, SURVEY_ITEMS};
