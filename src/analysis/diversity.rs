//! Diversity over a categorical attribute on a [`Network`]: of each activity's participants
//! ([`activity_diversity`]) and of each resident's co-participants
//! ([`coparticipant_diversity`]), with the kernels of [`crate::metrics::heterogeneity`].
//! Definitions: docs/metrics.md, "Groups, mixing, activities".
//!
//! # Missing values
//! A category code of −1 means the value is missing. Such people are never silently dropped:
//! they are counted in a `missing` column and left out of the shares (so Blau and IQV describe
//! the people whose value is known). A share over nobody is NaN.
//!
//! # Determinism
//! Every result is computed per item (activity or resident) by one thread in a fixed order;
//! counts are integers and weighted tallies are summed in a fixed order, so results are
//! bit-identical for any number of threads.
use crate::context::Context;
use crate::error::Result;
use crate::incidence::Unit;
use crate::metrics::ego::per_item;
use crate::metrics::heterogeneity::{blau, check_codes, ei, iqv};
use crate::network::Network;
use ndarray::{Array2, ArrayView1};

// ---------------------------------------------------------------------------------------------
// activity participants
// ---------------------------------------------------------------------------------------------

/// Diversity of each activity's participants (see [`activity_diversity`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityDiversity {
    /// Participants per activity (all of them, missing values included).
    pub participants: Vec<u32>,
    /// Activities × K: `counts[[a, c]]` participants of activity a in category c.
    pub counts: Array2<u32>,
    /// Participants whose category is missing.
    pub missing: Vec<u32>,
    /// Blau's heterogeneity of the participants with a known category; NaN when none.
    pub blau: Vec<f64>,
    /// IQV: Blau / (1 − 1/K); NaN when K < 2 or no participant is known.
    pub iqv: Vec<f64>,
}

/// Blau's heterogeneity and the IQV of each activity's participants over a resident attribute,
/// read from the two-mode incidence of `net` (unit "activity": everyone who attended at
/// least one session). Activities are the view's activities in register order (the order of
/// [`Incidence::units`](crate::Incidence::units)).
///
/// # Arguments
/// * `codes` — one category code per resident of the view, in the order of
///   [`Network::residents`] (the projection's nodes), −1 for missing.
/// * `categories` — K, the number of categories (the IQV's normaliser).
///
/// # Returns
/// Counts per category, missing counts, Blau and IQV per activity.
///
/// # Errors
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) if `codes` has the wrong length or a code outside −1..K;
/// [`Error::Cancelled`](crate::Error::Cancelled).
///
/// # Complexity
/// O(L + m·K) for L attendances and m activities.
///
/// # Example
/// ```
/// use wijknet::{Context, Network, datasets::davis_southern_women};
/// use wijknet::analysis::diversity::activity_diversity;
/// let net = Network::new(davis_southern_women());
/// // two made-up groups: the first nine women and the other nine
/// let codes: Vec<i32> = (0..18).map(|i| (i >= 9) as i32).collect();
/// let d = activity_diversity(&net, &codes, 2, &Context::new()).unwrap();
/// assert_eq!(d.participants.len(), 14);
/// assert_eq!(d.counts.row(0).to_vec(), [3, 0]); // E1: three women, all in the first group
/// assert_eq!(d.blau[0], 0.0);
/// ```
pub fn activity_diversity(
    net: &Network,
    codes: &[i32],
    categories: usize,
    ctx: &Context,
) -> Result<ActivityDiversity> {
    let inc = net.incidence(Unit::Activity);
    check_codes(codes, inc.n_residents(), categories)?;
    let k = categories;
    let rows: Vec<(Vec<u32>, u32)> = per_item(
        ctx,
        inc.n_units(),
        || (),
        |a, _| {
            let mut counts = vec![0u32; k];
            let mut missing = 0u32;
            for &r in inc.members(a) {
                match codes[r as usize] {
                    c if c >= 0 => counts[c as usize] += 1,
                    _ => missing += 1,
                }
            }
            (counts, missing)
        },
    )?;
    let m = rows.len();
    let mut out = ActivityDiversity {
        participants: Vec::with_capacity(m),
        counts: Array2::zeros((m, k)),
        missing: Vec::with_capacity(m),
        blau: Vec::with_capacity(m),
        iqv: Vec::with_capacity(m),
    };
    for (a, (counts, missing)) in rows.into_iter().enumerate() {
        let b = blau(&counts);
        out.participants.push(inc.size(a) as u32);
        out.blau.push(b);
        out.iqv.push(iqv(b, k));
        out.counts.row_mut(a).assign(&ArrayView1::from(&counts));
        out.missing.push(missing);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// co-participants
// ---------------------------------------------------------------------------------------------

/// How co-participants are tallied in [`coparticipant_diversity`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Coparticipants {
    /// Each distinct co-participant counts once, however many activities are shared (the
    /// people a resident could have met).
    #[default]
    Distinct,
    /// Each co-participant counts as often as the activities shared with the resident (how
    /// much of the resident's time together is spent with each group).
    Shared,
}

crate::option_names!(Coparticipants, "weighting", {
    "distinct" => Coparticipants::Distinct,
    "shared" => Coparticipants::Shared,
});

impl Coparticipants {
    /// Parses "distinct" or "shared".
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for any other name.
    pub fn from_name(name: &str) -> Result<Self> {
        crate::options::parse(name)
    }
}

/// Diversity of each resident's co-participants (see [`coparticipant_diversity`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CoparticipantDiversity {
    /// Distinct co-participants per resident (missing values included).
    pub coparticipants: Vec<u32>,
    /// Residents × K: `counts[[i, c]]` the tally of resident i's co-participants in category
    /// c: distinct people, or shared activities ([`Coparticipants::Shared`]).
    pub counts: Array2<f64>,
    /// Tally of co-participants whose category is missing (same unit as `counts`).
    pub missing: Vec<f64>,
    /// Blau's heterogeneity of the tally over the known categories; NaN when it is empty.
    pub blau: Vec<f64>,
    /// IQV: Blau / (1 − 1/K).
    pub iqv: Vec<f64>,
    /// E-I index (E − I)/(E + I) of the tally: E in another category than the resident, I in
    /// the resident's own; NaN when the resident's category is missing or the tally is empty.
    pub ei_index: Vec<f64>,
}

/// Composition and diversity of each resident's co-participants (everyone who attended an
/// activity the resident attended, the resident excluded) over a resident attribute: counts
/// per category, Blau, IQV and the E-I index.
///
/// With [`Coparticipants::Distinct`] this equals [`ego::composition`](crate::metrics::ego::composition)
/// on the unthresholded count projection (unit "activity"), computed without building it.
///
/// # Arguments
/// * `codes` — one category code per resident of the view (order of [`Network::residents`]),
///   −1 for missing.
/// * `categories` — K.
/// * `weighting` — distinct people (default) or shared activities.
///
/// # Errors
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for bad codes; [`Error::Cancelled`](crate::Error::Cancelled).
///
/// # Complexity
/// O(Σ_i Σ_{k ∋ i} n_k + n·K): the work of projecting, without storing the projection;
/// O(n) scratch per thread.
///
/// # Example
/// ```
/// use wijknet::{Context, Network, datasets::davis_southern_women};
/// use wijknet::analysis::diversity::{coparticipant_diversity, Coparticipants};
/// let net = Network::new(davis_southern_women());
/// let codes: Vec<i32> = (0..18).map(|i| (i >= 9) as i32).collect();
/// let d = coparticipant_diversity(&net, &codes, 2, Coparticipants::Distinct, &Context::new())
///     .unwrap();
/// assert_eq!(d.coparticipants[0], 17); // Evelyn met everyone
/// assert_eq!(d.counts.row(0).to_vec(), [8.0, 9.0]);
/// ```
pub fn coparticipant_diversity(
    net: &Network,
    codes: &[i32],
    categories: usize,
    weighting: Coparticipants,
    ctx: &Context,
) -> Result<CoparticipantDiversity> {
    let inc = net.incidence(Unit::Activity);
    let n = inc.n_residents();
    check_codes(codes, n, categories)?;
    let k = categories;
    type Row = (u32, Vec<f64>, f64);
    let rows: Vec<Row> = per_item(
        ctx,
        n,
        || (vec![u32::MAX; n], vec![0u32; n], Vec::<u32>::new()),
        |i, (stamp, mult, seen)| {
            seen.clear();
            for &a in inc.units_of(i) {
                for &j in inc.members(a as usize) {
                    if j as usize == i {
                        continue;
                    }
                    if stamp[j as usize] != i as u32 {
                        stamp[j as usize] = i as u32;
                        mult[j as usize] = 0;
                        seen.push(j);
                    }
                    mult[j as usize] += 1;
                }
            }
            let mut counts = vec![0.0f64; k];
            let mut missing = 0.0;
            // `seen` in first-met order: a fixed order, so sums are reproducible
            for &j in seen.iter() {
                let x = match weighting {
                    Coparticipants::Distinct => 1.0,
                    Coparticipants::Shared => mult[j as usize] as f64,
                };
                match codes[j as usize] {
                    c if c >= 0 => counts[c as usize] += x,
                    _ => missing += x,
                }
            }
            (seen.len() as u32, counts, missing)
        },
    )?;
    let mut out = CoparticipantDiversity {
        coparticipants: Vec::with_capacity(n),
        counts: Array2::zeros((n, k)),
        missing: Vec::with_capacity(n),
        blau: Vec::with_capacity(n),
        iqv: Vec::with_capacity(n),
        ei_index: Vec::with_capacity(n),
    };
    for (i, (distinct, counts, missing)) in rows.into_iter().enumerate() {
        // integer tallies (both weightings count people or shared activities): exact Blau
        let ints: Vec<u32> = counts.iter().map(|&c| c as u32).collect();
        let b = blau(&ints);
        let known: f64 = counts.iter().sum();
        out.coparticipants.push(distinct);
        out.blau.push(b);
        out.iqv.push(iqv(b, k));
        out.ei_index.push(match codes[i] {
            c if c >= 0 => {
                let inside = counts[c as usize];
                ei(known - inside, inside)
            }
            _ => f64::NAN,
        });
        out.counts.row_mut(i).assign(&ArrayView1::from(&counts));
        out.missing.push(missing);
    }
    Ok(out)
}
