//! How path measures (shortest paths, betweenness, closeness, harmonic, efficiency, diameter)
//! turn tie weights — strengths (bigger = closer) — into lengths.
//!
//! ```
//! use wijknet::metrics::distance::Distance;
//! assert_eq!(Distance::from_name(Some("inverse")).unwrap(), Distance::Inverse);
//! assert_eq!(Distance::Inverse.length(4.0), 0.25);
//! assert_eq!(Distance::from_options(None, Some(0.5)).unwrap().length(4.0), 0.5);
//! ```
use crate::error::{Error, Result};
use crate::graph::Graph;

/// What a path step costs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Distance {
    /// Every tie has length 1 (breadth-first search).
    #[default]
    Hops,
    /// A tie of strength `w` has length `1 / w` (strong ties are short).
    Inverse,
    /// A tie of strength `w` has length `w` (the weight is already a length).
    Weight,
    /// Opsahl, Agneessens & Skvoretz (2010): a tie of strength `w` has length `w^(−α)`; α = 0
    /// counts hops, α = 1 is 1/w, values between weigh the number of intermediaries against
    /// tie strength.
    Opsahl(f64),
}

crate::option_names!(Distance, "distance", also = "or None (hops)", {
    "inverse" => Distance::Inverse,
    "weight" => Distance::Weight,
});

impl Distance {
    /// Parses the Python-side `distance=` value: `None` → hops, `"inverse"` → 1/w,
    /// `"weight"` → w.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `distance` for any other name.
    pub fn from_name(name: Option<&str>) -> Result<Distance> {
        Distance::from_options(name, None)
    }

    /// Parses `distance=` and Opsahl's `alpha=` together: `alpha` (finite, ≥ 0) selects
    /// [`Distance::Opsahl`] and then `distance` must be `None`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `alpha` or `distance`.
    pub fn from_options(name: Option<&str>, alpha: Option<f64>) -> Result<Distance> {
        if let Some(a) = alpha {
            if name.is_some() {
                return Err(Error::arg(
                    "alpha",
                    "alpha= sets the tie length w^(-alpha) itself; leave distance=None",
                ));
            }
            if !(a.is_finite() && a >= 0.0) {
                return Err(Error::arg(
                    "alpha",
                    format!("must be a finite number >= 0, got {a}"),
                ));
            }
            return Ok(Distance::Opsahl(a));
        }
        match name {
            None => Ok(Distance::Hops),
            Some("inverse") => Ok(Distance::Inverse),
            Some("weight") => Ok(Distance::Weight),
            Some(other) => other.parse(),
        }
    }

    /// The length of a tie of strength `w`.
    #[inline]
    pub fn length(self, w: f64) -> f64 {
        match self {
            Distance::Hops => 1.0,
            Distance::Inverse => 1.0 / w,
            Distance::Weight => w,
            Distance::Opsahl(a) => w.powf(-a),
        }
    }

    /// Checks that `g`'s weights can serve as lengths (every weight > 0 and finite) unless
    /// the distance is hops.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `distance` and the offending weight.
    pub fn check(self, g: &Graph) -> Result<()> {
        if self == Distance::Hops {
            return Ok(());
        }
        if let Some(w) = g
            .out_csr()
            .weights
            .iter()
            .find(|w| !(w.is_finite() && **w > 0.0))
        {
            return Err(Error::arg(
                "distance",
                format!(
                    "weighted path lengths need every tie weight > 0 and finite (found {w}); \
                     use distance=None (hops) or drop those ties"
                ),
            ));
        }
        Ok(())
    }

    /// The length of every stored tie of `g` (aligned with its out-CSR), or `None` for hops.
    ///
    /// # Errors
    /// As [`Distance::check`].
    pub fn lengths(self, g: &Graph) -> Result<Option<Vec<f64>>> {
        self.check(g)?;
        Ok(match self {
            Distance::Hops => None,
            d => Some(g.out_csr().weights.iter().map(|&w| d.length(w)).collect()),
        })
    }
}
