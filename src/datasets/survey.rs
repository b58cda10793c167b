//! The synthetic resident survey and support-tie layer of [`badhuis_survey`].
use super::*;
use crate::context::Context;
use crate::layers::{TieTable, CO_ORGANISING};
use crate::projection::{Projection, Weight};

/// Stream of the survey draws (the register uses the centre streams 0, 1, 2, … and
/// the two event streams of the register generator).
const SURVEY_STREAM: u64 = 1 << 49;

/// The Dutch 5-point labels, in order (score 1 to 5).
pub const LIKERT_LABELS: [&str; 5] = [
    "helemaal mee oneens",
    "mee oneens",
    "neutraal",
    "mee eens",
    "helemaal mee eens",
];

/// Response probability: `RESPONSE_LOW` for a resident without repeated contact, rising to
/// `RESPONSE_HIGH` as the number of repeated-contact partners grows (half-way at about
/// `RESPONSE_SCALE · ln 2` partners).
const RESPONSE_LOW: f64 = 0.25;
const RESPONSE_HIGH: f64 = 0.70;
const RESPONSE_SCALE: f64 = 8.0;
/// Chance that a respondent leaves an item blank.
const ITEM_SKIP: f64 = 0.03;
/// Cut-points of the latent answer (ordinal logit): a score is 1 + the number of cut-points
/// below the latent value, so P(agree) = logistic(η) with the third cut-point at 0.
const CUTS: [f64; 4] = [-2.2, -1.0, 0.0, 2.0];

/// Support naming: a respondent names a co-participant met at w ≥ 2 of the same sessions
/// with probability `SUPPORT_MAX · (1 − exp(−(w − 1) / SUPPORT_SCALE))`; a co-organiser (both
/// volunteer or organise in one activity) with that plus `CO_ORGANISER_BONUS` of the rest.
const SUPPORT_MAX: f64 = 0.3;
const SUPPORT_SCALE: f64 = 8.0;
const CO_ORGANISER_BONUS: f64 = 0.4;
/// Chance that a respondent also names someone from their own neighbourhood, met or not.
const NEIGHBOUR_NAMED: f64 = 0.15;
/// Most people a respondent names (the name generator has five lines); when more were drawn,
/// the five most likely to be named are kept.
const MAX_NAMES: usize = 5;
/// How likely the neighbour is to be kept when more than five were drawn (as a co-participant
/// met at about 10 sessions).
const NEIGHBOUR_CLOSENESS: f64 = 0.2;

/// What drives an item's answer.
#[derive(Clone, Copy)]
enum Driver {
    /// ln(1 + co-participants met at ≥ 2 of the same sessions).
    Repeated,
    /// ln(1 + such co-participants living in the same neighbourhood).
    RepeatedNeighbours,
    /// ln(sessions attended).
    Sessions,
    /// Named at least one person in the support question (1 or 0).
    NamedSupport,
    /// Volunteered or organised at least once (1 or 0).
    TookRole,
}

/// The survey items: (column, intercept, slope, driver); η = intercept + slope · driver and
/// P(agree) = logistic(η). The statements are in the rustdoc of [`badhuis_survey`].
#[rustfmt::skip]
const ITEMS: [(&str, f64, f64, Driver); 5] = [
    ("leerde_anderen_kennen",   -0.55, 0.9, Driver::Repeated),
    ("praat_vaker_met_buren",    0.0,  0.9, Driver::RepeatedNeighbours),
    ("doet_vaker_leuke_dingen", -0.55, 0.6, Driver::Sessions),
    ("kan_hulp_vragen",         -0.25, 1.5, Driver::NamedSupport),
    ("meer_zelfvertrouwen",     -0.4,  1.2, Driver::TookRole),
];

/// The columns of the survey, in order (after `responded`).
pub const SURVEY_ITEMS: [&str; 5] = [ITEMS[0].0, ITEMS[1].0, ITEMS[2].0, ITEMS[3].0, ITEMS[4].0];

/// Name of the survey's support layer.
pub const SUPPORT_LAYER: &str = "support";

/// Uniform in [0, 1).
fn unif(rng: &mut ChaCha8Rng) -> f64 {
    rng.random::<f64>()
}

/// A 5-point score (0-based code) for linear predictor `eta`: latent = η + logistic noise.
fn likert(rng: &mut ChaCha8Rng, eta: f64) -> i32 {
    let u = unif(rng).clamp(1e-12, 1.0 - 1e-12);
    let latent = eta + (u / (1.0 - u)).ln();
    CUTS.iter().filter(|&&c| latent > c).count() as i32
}

/// [`badhuis`](super::badhuis) with a synthetic resident survey and a "support" tie layer,
/// both tied to the residents' network position. **Synthetic, not real data**: what the
/// survey shows was planted by the rules below, so that triangulation and the support
/// questions can be shown on data where the answer is known.
///
/// The register is exactly `badhuis(residents, seed)`. Repeated contact means two residents
/// were at two or more of the same sessions (the count projection by session).
///
/// * **Who responds.** Each resident answers with probability 25% when they have no
///   repeated contact, rising to about 70% for residents with many repeated-contact partners
///   (0.25 + 0.45 · (1 − exp(−r / 8)) for r partners): respondents are the better-connected
///   residents.
/// * **The survey** (resident attributes; missing for non-respondents, and for the about 3%
///   of items a respondent leaves blank): `responded` (bool) and five statements answered on
///   the Dutch 5-point scale ([`LIKERT_LABELS`]) — `leerde_anderen_kennen` (got to know other
///   residents through the activities; more likely agreed with more repeated-contact
///   partners), `praat_vaker_met_buren` (chats with neighbours more often; repeated-contact
///   partners in the same neighbourhood), `doet_vaker_leuke_dingen` (does fun things with
///   people from the neighbourhood more often; sessions attended), `kan_hulp_vragen` (has
///   someone in the neighbourhood to ask for help; named someone in the support question)
///   and `meer_zelfvertrouwen` (gained self-confidence; volunteered or organised). Each is an
///   ordinal logit with P(agree) = logistic(a + b · driver), calibrated so that roughly 73%,
///   70% and 59% of respondents agree with the first three (the shares evaluators report) —
///   while fewer of all participants would.
/// * **The support layer** `"support"` ("whom would you ask for help?", directed, from the
///   respondent to the person named; respondents recorded, so non-respondents are "not
///   asked", not "nobody to ask"; they can be named). A respondent names a co-participant
///   met at w ≥ 2 of the same sessions with probability 0.3 · (1 − exp(−(w − 1) / 8)); a
///   co-organiser (both volunteer or organise in one activity: the co-organising layer)
///   with that plus 40% of the rest — clearly more often than other pairs with as many
///   shared sessions, but not always. 15% also name someone from their own neighbourhood,
///   met or not. At most five people are named: when more were drawn, the five most likely
///   (people name the closest first).
///
/// # Arguments
/// * `residents`, `seed` — as for [`badhuis`](super::badhuis); the survey is drawn from a
///   stream of its own, so the same seed gives the same survey on any number of threads.
/// * `ctx` — threads and cancellation for projecting the register.
///
/// # Returns
/// The network: the register with the survey among its resident attributes and the
/// `"support"` layer.
///
/// # Errors
/// As [`badhuis`](super::badhuis); [`Error::Cancelled`] when `ctx` is cancelled.
///
/// # Complexity
/// The register, plus one count projection by session: O(rows + ties of that projection).
///
/// # Example
/// ```
/// use wijknet::{datasets, Context};
/// let net = datasets::badhuis_survey(2_000, 0, &Context::new())?;
/// let support = net.layer("support", None)?;
/// assert!(support.is_directed() && support.respondents().is_some());
/// assert!(net.register().resident_attributes().get("leerde_anderen_kennen").is_some());
/// # Ok::<(), wijknet::Error>(())
/// ```
pub fn badhuis_survey(residents: usize, seed: u64, ctx: &Context) -> Result<Network> {
    let net = Network::new(super::badhuis(residents, seed)?);
    add_survey(net, seed, ctx)
}

/// Draws the survey and support layer for `net` (a whole `badhuis` register).
fn add_survey(net: Network, seed: u64, ctx: &Context) -> Result<Network> {
    let reg = net.register();
    let residents = net.residents();
    let n = residents.len();
    let spec = Projection::weight(Weight::Count).with_unit(Unit::Session);
    let met = net.project(&spec, ctx)?;
    ctx.check()?;
    let co = net.layer_with(CO_ORGANISING, None, ctx)?;
    ctx.check()?;

    // Per resident (graph position): neighbourhood, repeated-contact partners (all and in the
    // same neighbourhood), sessions attended, whether they took a role.
    let hood: Vec<i32> = match reg.resident_attributes().get("neighbourhood") {
        Some(Column::Categorical { codes, .. }) => {
            residents.iter().map(|&r| codes[r as usize]).collect()
        }
        _ => vec![0; n],
    };
    let out = met.out_csr();
    let mut repeated = vec![0u32; n];
    let mut repeated_hood = vec![0u32; n];
    for i in 0..n {
        for (&j, &w) in out.row(i).iter().zip(out.row_weights(i)) {
            if w >= 2.0 {
                repeated[i] += 1;
                if hood[j as usize] == hood[i] {
                    repeated_hood[i] += 1;
                }
            }
        }
    }
    let mut sessions = vec![0u32; n];
    let mut took_role = vec![false; n];
    for (i, &r) in residents.iter().enumerate() {
        let rows = reg.rows_of(r);
        sessions[i] = rows.len() as u32;
        took_role[i] = reg.row_role()[rows]
            .iter()
            .any(|&rl| matches!(rl, Role::Volunteer | Role::Organiser));
    }
    let mut members: Vec<Vec<u32>> = Vec::new();
    for (i, &h) in hood.iter().enumerate() {
        if h >= 0 {
            if members.len() <= h as usize {
                members.resize(h as usize + 1, Vec::new());
            }
            members[h as usize].push(i as u32);
        }
    }

    // The draws: one stream, residents in order.
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(SURVEY_STREAM);
    let co_out = co.out_csr();
    let mut stamp = vec![u32::MAX; n];
    let mut responded = vec![0i8; n];
    let mut answers: Vec<Vec<i32>> = vec![vec![-1; n]; ITEMS.len()];
    let (mut src, mut tgt): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    let mut named: Vec<(u32, f64)> = Vec::with_capacity(16);
    let mut keyed: Vec<(f64, f64, u32)> = Vec::with_capacity(16);
    for i in 0..n {
        let r = repeated[i] as f64;
        let p = RESPONSE_LOW + (RESPONSE_HIGH - RESPONSE_LOW) * (1.0 - (-r / RESPONSE_SCALE).exp());
        if unif(&mut rng) >= p {
            continue;
        }
        responded[i] = 1;
        // whom would you ask for help?
        for &j in co_out.row(i) {
            stamp[j as usize] = i as u32;
        }
        named.clear();
        for (&j, &w) in out.row(i).iter().zip(out.row_weights(i)) {
            if w < 2.0 {
                continue;
            }
            let mut q = SUPPORT_MAX * (1.0 - (-(w - 1.0) / SUPPORT_SCALE).exp());
            if stamp[j as usize] == i as u32 {
                q += (1.0 - q) * CO_ORGANISER_BONUS;
            }
            if unif(&mut rng) < q {
                named.push((j, q));
            }
        }
        if unif(&mut rng) < NEIGHBOUR_NAMED && hood[i] >= 0 {
            let pool = &members[hood[i] as usize];
            let j = pool[rng.random_range(0..pool.len() as u64) as usize];
            if j as usize != i && !named.iter().any(|&(k, _)| k == j) {
                named.push((j, NEIGHBOUR_CLOSENESS));
            }
        }
        if named.len() > MAX_NAMES {
            // people name the closest first: keep the five most likely names (ties at random)
            keyed.clear();
            for &(j, q) in &named {
                keyed.push((q, unif(&mut rng), j));
            }
            keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
            named.clear();
            named.extend(keyed[..MAX_NAMES].iter().map(|&(q, _, j)| (j, q)));
        }
        src.extend(std::iter::repeat_n(i as u32, named.len()));
        tgt.extend(named.iter().map(|&(j, _)| j));
        // the statements
        for (k, &(_, a, b, driver)) in ITEMS.iter().enumerate() {
            let x = match driver {
                Driver::Repeated => (1.0 + r).ln(),
                Driver::RepeatedNeighbours => (1.0 + repeated_hood[i] as f64).ln(),
                Driver::Sessions => (sessions[i].max(1) as f64).ln(),
                Driver::NamedSupport => f64::from(u8::from(!named.is_empty())),
                Driver::TookRole => f64::from(u8::from(took_role[i])),
            };
            let score = likert(&mut rng, a + b * x);
            if unif(&mut rng) >= ITEM_SKIP {
                answers[k][i] = score;
            }
        }
    }

    let ids = net.resident_node_ids();
    let levels: Vec<String> = LIKERT_LABELS.iter().map(|s| s.to_string()).collect();
    let mut columns = vec![("responded".to_string(), Column::Bool(responded.clone()))];
    for (k, codes) in answers.into_iter().enumerate() {
        columns.push((
            ITEMS[k].0.to_string(),
            Column::Categorical {
                codes,
                levels: levels.clone(),
            },
        ));
    }
    let net = net.with_resident_attributes("resident", &ids, columns)?;
    let respondents: Vec<u32> = (0..n as u32)
        .filter(|&i| responded[i as usize] == 1)
        .collect();
    let (net, _) = net.with_ties(TieTable {
        layer: SUPPORT_LAYER.into(),
        directed: true,
        source: ids.select(&src),
        target: ids.select(&tgt),
        weight: None,
        wave: None,
        respondents: Some(ids.select(&respondents)),
    })?;
    Ok(net)
}
