//! Calibration figures of a register (to compare a synthetic register with a real one).
use super::*;

/// The figures a register's shape is calibrated on (see [`badhuis`]), for a network view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// Attendance rows (resident × session) in the view.
    pub rows: usize,
    /// Residents with at least one row.
    pub residents: usize,
    /// Activities with at least one row.
    pub activities: usize,
    /// Distinct resident–activity pairs.
    pub pairs: usize,
    /// Share of the residents who take part in exactly one activity.
    pub share_one_activity: f64,
    /// Median number of participants per activity (linear interpolation, as numpy).
    pub size_median: f64,
    /// 90th percentile of participants per activity (linear interpolation, as numpy).
    pub size_p90: f64,
    /// Largest number of participants of an activity.
    pub size_max: usize,
    /// Activities with 200 or more participants.
    pub activities_200_plus: usize,
    /// Σ over activities of n(n−1)/2: the resident pairs an activity projection considers.
    pub sum_pairs: u64,
}

/// Quantile `q` of sorted `v` ([`crate::stats::summary::quantile`]).
fn quantile(v: &[usize], q: f64) -> f64 {
    let v: Vec<f64> = v.iter().map(|&x| x as f64).collect();
    crate::stats::summary::quantile(&v, q)
}

/// The calibration figures of a network view: rows, distinct resident–activity pairs, the
/// share of residents in exactly one activity, activity sizes (median, 90th percentile,
/// maximum, how many ≥ 200) and Σ n(n−1)/2.
///
/// # Arguments
/// * `net` — any network view (filters and windows count only their rows).
///
/// # Returns
/// A [`Calibration`]; it prints as a small table.
///
/// # Complexity
/// O(rows + activities · log activities) (builds the view's activity incidence once).
///
/// # Example
/// ```
/// use wijknet::{datasets, Network};
/// let cal = datasets::calibration(&Network::new(datasets::davis_southern_women()));
/// assert_eq!((cal.rows, cal.pairs, cal.size_max), (89, 89, 14));
/// println!("{cal}");
/// ```
pub fn calibration(net: &Network) -> Calibration {
    let inc = net.incidence(Unit::Activity);
    let rows = net
        .mask()
        .map_or(net.register().n_rows(), |m| m.count_ones(..));
    let mut sizes: Vec<usize> = (0..inc.n_units()).map(|k| inc.size(k)).collect();
    sizes.sort_unstable();
    let one = (0..inc.n_residents())
        .filter(|&i| inc.units_of(i).len() == 1)
        .count();
    Calibration {
        rows,
        residents: inc.n_residents(),
        activities: inc.n_units(),
        pairs: inc.n_incidences(),
        share_one_activity: if inc.n_residents() == 0 {
            f64::NAN
        } else {
            one as f64 / inc.n_residents() as f64
        },
        size_median: quantile(&sizes, 0.5),
        size_p90: quantile(&sizes, 0.9),
        size_max: sizes.last().copied().unwrap_or(0),
        activities_200_plus: sizes.iter().filter(|&&s| s >= 200).count(),
        sum_pairs: sizes
            .iter()
            .map(|&s| (s as u64) * (s as u64).saturating_sub(1) / 2)
            .sum(),
    }
}

impl std::fmt::Display for Calibration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "rows (resident × session)      {:>12}", self.rows)?;
        writeln!(f, "residents                      {:>12}", self.residents)?;
        writeln!(f, "activities                     {:>12}", self.activities)?;
        writeln!(f, "resident–activity pairs        {:>12}", self.pairs)?;
        writeln!(
            f,
            "share in exactly one activity  {:>11.1}%",
            100.0 * self.share_one_activity
        )?;
        writeln!(
            f,
            "activity size median/p90/max   {:>12}",
            format!(
                "{:.1} / {:.1} / {}",
                self.size_median, self.size_p90, self.size_max
            )
        )?;
        writeln!(
            f,
            "activities with ≥ 200          {:>12}",
            self.activities_200_plus
        )?;
        write!(f, "Σ n(n−1)/2                     {:>12}", self.sum_pairs)
    }
}
