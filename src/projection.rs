//! The weighted one-mode projection of residents × units onto resident–resident ties.
//!
//! Weights (Newman 2001; Borgatti & Halgin 2011), for residents i ≠ j with unit sets K_i, K_j:
//! - [`Weight::Count`]: |K_i ∩ K_j|;
//! - [`Weight::Newman`]: Σ_{k ∈ K_i ∩ K_j} 1/(n_k − 1);
//! - [`Weight::Jaccard`]: |K_i ∩ K_j| / |K_i ∪ K_j|;
//! - [`Weight::Overlap`]: |K_i ∩ K_j| / min(|K_i|, |K_j|).
//!
//! Units larger than `max_activity_size` are left out before weighting (also from |K_i|).
//! Ties with weight below `min_weight` (inclusive bound) are dropped.
//!
//! The kernel is a row-parallel sparse A·Aᵀ (Gustavson) in two passes: the first counts each
//! row's ties (O(1) for residents with a single unit, the common case), the second writes
//! them into exactly-sized output arrays. Each row is computed independently and its weight
//! sums run over units in ascending order, so the result is identical for any thread count and
//! exactly symmetric.
use crate::context::Context;
use crate::error::{counted, Error, Result};
use crate::graph::{Csr, Graph, NodeTable, Provenance};
use crate::incidence::{Incidence, Unit};
use crate::network::Network;
use crate::parallel;
use std::any::Any;
use std::sync::Arc;

/// Where a projected graph came from: the network view and the spec (for
/// [`Graph::provenance`] and [`Graph::source`]).
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Source {
    /// The network view that was projected.
    pub network: Network,
    /// The projection spec.
    pub spec: Projection,
}

impl Provenance for Source {
    fn units_between(&self, a: usize, b: usize) -> Vec<u32> {
        let inc: Arc<Incidence> = self.network.incidence(self.spec.unit);
        let (ua, ub) = (inc.units_of(a), inc.units_of(b));
        let max = self.spec.max_activity_size.unwrap_or(usize::MAX);
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < ua.len() && j < ub.len() {
            match ua[i].cmp(&ub[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if inc.size(ua[i] as usize) <= max {
                        out.push(inc.units[ua[i] as usize]);
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        out
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Graph {
    /// The projection this graph came from, if any.
    pub fn source(&self) -> Option<&Source> {
        self.origin()?.as_any().downcast_ref::<Source>()
    }
}

/// Tie weight of a projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Weight {
    /// Number of shared units.
    #[default]
    Count,
    /// Newman's collaboration weight Σ 1/(n_k − 1).
    Newman,
    /// Jaccard similarity of the unit sets.
    Jaccard,
    /// Overlap coefficient of the unit sets.
    Overlap,
}

crate::option_names!(Weight, "weight", {
    "count" => Weight::Count,
    "newman" => Weight::Newman,
    "jaccard" => Weight::Jaccard,
    "overlap" => Weight::Overlap,
});

impl Weight {
    /// "count", "newman", "jaccard" or "overlap".
    pub fn name(self) -> &'static str {
        match self {
            Weight::Count => "count",
            Weight::Newman => "newman",
            Weight::Jaccard => "jaccard",
            Weight::Overlap => "overlap",
        }
    }
    /// Parses a name (see [`Weight::name`]).
    pub fn parse(s: &str) -> Option<Weight> {
        match s {
            "count" => Some(Weight::Count),
            "newman" => Some(Weight::Newman),
            "jaccard" => Some(Weight::Jaccard),
            "overlap" => Some(Weight::Overlap),
            _ => None,
        }
    }
}

/// Default [`Projection::pair_budget`]: 250 million pairs (≈ 6 GB of output).
pub const DEFAULT_PAIR_BUDGET: u64 = 250_000_000;

/// How to project a network onto residents.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Projection {
    /// Tie weight.
    pub weight: Weight,
    /// Shared activities or shared sessions.
    pub unit: Unit,
    /// Keep ties with weight ≥ this.
    pub min_weight: Option<f64>,
    /// Leave out units with more participants than this.
    pub max_activity_size: Option<usize>,
    /// Fail before projecting if Σ n(n−1)/2 over the units exceeds this (None = default).
    pub pair_budget: Option<u64>,
}

impl Default for Projection {
    fn default() -> Self {
        Projection {
            weight: Weight::Count,
            unit: Unit::Activity,
            min_weight: None,
            max_activity_size: None,
            pair_budget: None,
        }
    }
}

impl Projection {
    /// A projection with this weight (other fields default).
    pub fn weight(weight: Weight) -> Self {
        Projection {
            weight,
            ..Default::default()
        }
    }
    /// Sets the unit.
    pub fn with_unit(mut self, unit: Unit) -> Self {
        self.unit = unit;
        self
    }
}

/// Projects a network view onto its residents. Every resident of the view is a node.
///
/// # Errors
/// [`Error::PairBudgetExceeded`] before any work if Σ n(n−1)/2 exceeds the budget;
/// [`Error::Cancelled`] if the context is cancelled; invalid `min_weight`.
///
/// # Complexity
/// O(Σ_i Σ_{k∈K_i} n_k) time, O(output + threads·n) memory.
pub fn project(net: &Network, spec: &Projection, ctx: &Context) -> Result<Graph> {
    let inc = net.incidence(spec.unit);
    let csr = project_incidence(&inc, spec, ctx)?;
    let nodes = Arc::new(NodeTable {
        ids: net.resident_node_ids(),
        attributes: net.resident_node_attributes(),
    });
    Ok(Graph::from_csr(
        nodes,
        false,
        csr,
        Some(Arc::new(Source {
            network: net.clone(),
            spec: spec.clone(),
        })),
    ))
}

/// Projects the view onto activities: a tie between two activities for every resident who
/// took part in both (which activities share their people). `spec.weight` reads with
/// the roles swapped: count = shared residents; newman = Σ over shared residents of
/// 1/(activities of the resident − 1); jaccard and overlap over the activities' participant
/// sets. `spec.max_activity_size` here leaves out residents in more activities than this (the
/// regulars who tie everything to everything); `spec.unit` must be activity.
///
/// # Returns
/// An undirected [`Graph`] over the view's activities (register order) with the activity
/// attributes; no provenance.
///
/// # Errors
/// As [`project`]; [`Error::InvalidArgument`] for `unit` session.
///
/// # Complexity
/// O(Σ_k Σ_{i∈R_k} a_i) for activities k, residents R_k and a_i activities of resident i.
///
/// # Example
/// ```
/// use wijknet::{Context, Network, Projection, RegisterBuilder, Duplicates};
/// use wijknet::projection::project_activities;
/// let mut b = RegisterBuilder::new();
/// for (r, a) in [("ann", "dance"), ("ann", "yoga"), ("bob", "dance"), ("bob", "yoga"), ("cas", "chess")] {
///     b.add(r, a).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let g = project_activities(&net, &Projection::default(), &Context::new()).unwrap();
/// assert_eq!((g.node_count(), g.edge_count()), (3, 1));
/// assert_eq!(g.weight(0, 1), Some(2.0)); // dance–yoga share ann and bob
/// ```
pub fn project_activities(net: &Network, spec: &Projection, ctx: &Context) -> Result<Graph> {
    if spec.unit != Unit::Activity {
        return Err(Error::arg(
            "unit",
            "activities are projected through shared residents; unit must be \"activity\"",
        ));
    }
    let inc = net.incidence(Unit::Activity).transposed();
    let csr = project_incidence(&inc, spec, ctx)?;
    let reg = net.register();
    let nodes = Arc::new(NodeTable {
        ids: reg.activity_ids().select(&inc.residents),
        attributes: reg.activity_attributes().take(&inc.residents),
    });
    Ok(Graph::from_csr(nodes, false, csr, None))
}

impl Weight {
    /// The weight of the tie between two residents with `deg_i` and `deg_j` (active) units who
    /// share `shared` of them, whose Newman terms 1/(n_k − 1) sum to `newman`: the one place
    /// the weights of the module docs are computed (the projection kernel and the activity
    /// what-if both use it, so their ties agree exactly).
    #[inline]
    pub(crate) fn of_pair(self, shared: u32, newman: f64, deg_i: u32, deg_j: u32) -> f64 {
        match self {
            Weight::Count => shared as f64,
            Weight::Newman => newman,
            Weight::Jaccard => shared as f64 / (deg_i + deg_j - shared) as f64,
            Weight::Overlap => shared as f64 / deg_i.min(deg_j) as f64,
        }
    }
}

/// Newman's term 1/(n_k − 1) of every unit k of `inc` (0 for a unit of one member).
pub(crate) fn newman_terms(inc: &Incidence) -> Vec<f64> {
    (0..inc.n_units())
        .map(|k| match inc.size(k) {
            s if s > 1 => 1.0 / (s - 1) as f64,
            _ => 0.0,
        })
        .collect()
}

/// Fails fast with [`Error::PairWorkExceeded`] when a measure that visits every pair of
/// residents who share a unit of `inc` (`residents`), or every pair of units that share a
/// resident (`!residents`), would visit more than [`DEFAULT_PAIR_BUDGET`] pairs: the bound a
/// projection has by default, for measures that do a projection's work without building one
/// (and take no budget of their own). O(residents + units).
pub(crate) fn check_pair_work(
    inc: &Incidence,
    residents: bool,
    measure: &'static str,
) -> Result<()> {
    let sizes: Vec<usize> = if residents {
        (0..inc.n_units()).map(|k| inc.size(k)).collect()
    } else {
        (0..inc.n_residents())
            .map(|i| inc.units_of(i).len())
            .collect()
    };
    let pairs = sizes
        .iter()
        .map(|&s| (s as u64) * (s as u64).saturating_sub(1) / 2)
        .fold(0u64, |a, b| a.saturating_add(b));
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let (one, many) = match inc.unit {
        Unit::Activity => ("activity", "activities"),
        Unit::Session => ("session", "sessions"),
    };
    check_work(measure, pairs, DEFAULT_PAIR_BUDGET, || {
        if residents {
            let a = if one == "activity" { "an" } else { "a" };
            (
                format!("pairs of residents who share {a} {one}"),
                format!("the largest {one} has {largest} participants"),
                format!("the largest {many}"),
            )
        } else {
            (
                format!("pairs of {many} that share a resident"),
                format!("one resident takes part in {largest} {many}"),
                format!("the {many} of the residents who take part in the most"),
            )
        }
    })
}

/// The most paths or wedges a measure that only counts them (without keeping them) visits
/// before it refuses: 10¹⁰ steps, many minutes of work on one core. Pairs, which a
/// projection would keep, are bounded by [`DEFAULT_PAIR_BUDGET`] instead.
pub(crate) const WORK_LIMIT: u64 = 10_000_000_000;

/// Fails fast with [`Error::PairWorkExceeded`] when `work` (pairs, paths or wedges a measure
/// would visit) exceeds `limit` ([`DEFAULT_PAIR_BUDGET`] for pairs, [`WORK_LIMIT`] for
/// paths and wedges); `describe` gives (what is counted, the largest contribution, what to
/// leave out).
pub(crate) fn check_work(
    measure: &'static str,
    work: u64,
    limit: u64,
    describe: impl FnOnce() -> (String, String, String),
) -> Result<()> {
    if work <= limit {
        return Ok(());
    }
    let (what, largest, fix) = describe();
    Err(Error::PairWorkExceeded {
        measure,
        what,
        pairs: work,
        budget: limit,
        limit: if limit == DEFAULT_PAIR_BUDGET {
            "the default pair budget of a projection"
        } else {
            "work of many minutes"
        },
        largest,
        fix,
    })
}

/// Σ n(n−1)/2 over the units that pass `max_activity_size`.
pub fn pair_count(inc: &Incidence, max_activity_size: Option<usize>) -> u64 {
    let max = max_activity_size.unwrap_or(usize::MAX);
    (0..inc.n_units())
        .map(|k| inc.size(k))
        .filter(|&s| s <= max)
        .map(|s| (s as u64) * (s as u64).saturating_sub(1) / 2)
        .fold(0u64, |a, b| a.saturating_add(b))
}

/// Fails fast with [`Error::PairBudgetExceeded`] when projecting `inc` by `spec` would create
/// more pairs than `spec`'s budget. Kernels that do a projection's pair work without building
/// it (tie provenance, activity impact) call it too.
pub(crate) fn check_budget(inc: &Incidence, spec: &Projection) -> Result<()> {
    let budget = spec.pair_budget.unwrap_or(DEFAULT_PAIR_BUDGET);
    let pairs = pair_count(inc, spec.max_activity_size);
    if pairs <= budget {
        return Ok(());
    }
    let max = spec.max_activity_size.unwrap_or(usize::MAX);
    let mut sizes: Vec<usize> = (0..inc.n_units())
        .map(|k| inc.size(k))
        .filter(|&s| s <= max)
        .collect();
    sizes.sort_unstable();
    // The largest size s whose units (all of size ≤ s, counted together) fit the budget.
    let mut acc = 0u64;
    let mut suggest = 1;
    let mut k = 0;
    while k < sizes.len() {
        let s = sizes[k];
        while k < sizes.len() && sizes[k] == s {
            acc = acc.saturating_add((s as u64) * (s as u64).saturating_sub(1) / 2);
            k += 1;
        }
        if acc > budget {
            break;
        }
        suggest = s;
    }
    Err(Error::PairBudgetExceeded {
        pairs,
        budget,
        units: match spec.unit {
            Unit::Activity => counted(sizes.len(), "activity", "activities"),
            Unit::Session => counted(sizes.len(), "session", "sessions"),
        },
        largest: sizes.last().copied().unwrap_or(0),
        suggest,
    })
}

/// Per-thread scratch space of the kernel.
struct Acc {
    count: Vec<u32>,
    sum: Vec<f64>,
    touched: Vec<u32>,
    /// One bit per resident, set for touched ones (to list them in order without sorting).
    bits: Vec<u64>,
    /// The words of `bits` that the last accumulation may have set: `lo..=hi`.
    lo: usize,
    hi: usize,
}

impl Acc {
    fn new(n: usize) -> Acc {
        Acc {
            count: vec![0; n],
            sum: vec![0.0; n],
            touched: Vec::new(),
            bits: vec![0; n.div_ceil(64)],
            lo: 0,
            hi: 0,
        }
    }
    /// Puts `touched` in ascending order and clears the bits [`Kernel::accumulate`] set: a
    /// sort for short lists (or lists spread thinly over a wide span of residents), else a
    /// scan of the bitmap between the lowest and highest word touched
    /// (O(span/64 + touched)).
    fn order_touched(&mut self) {
        let t = self.touched.len();
        if t == 0 {
            return;
        }
        let span = self.hi + 1 - self.lo;
        if t < 64 || span > 16 * t {
            for &j in &self.touched {
                self.bits[(j >> 6) as usize] = 0;
            }
            self.touched.sort_unstable();
            return;
        }
        self.touched.clear();
        for w in self.lo..=self.hi {
            let mut word = std::mem::take(&mut self.bits[w]);
            while word != 0 {
                self.touched.push((w as u32) << 6 | word.trailing_zeros());
                word &= word - 1;
            }
        }
    }
}

struct Kernel<'a> {
    inc: &'a Incidence,
    weight: Weight,
    min_weight: Option<f64>,
    active: Vec<bool>,
    /// Active units per resident.
    deg: Vec<u32>,
    /// 1/(n_k − 1) per unit (0 for n_k ≤ 1).
    inv: Vec<f64>,
}

impl Kernel<'_> {
    #[inline]
    fn value(&self, i: usize, j: usize, c: u32, s: f64) -> f64 {
        self.weight.of_pair(c, s, self.deg[i], self.deg[j])
    }
    #[inline]
    fn keep(&self, w: f64) -> bool {
        self.min_weight.is_none_or(|m| w >= m)
    }
    /// The single active unit of `i`, if it has exactly one.
    fn single(&self, i: usize) -> Option<Option<usize>> {
        let mut found = None;
        for &k in self.inc.units_of(i) {
            if self.active[k as usize] {
                if found.is_some() {
                    return None;
                }
                found = Some(k as usize);
            }
        }
        Some(found)
    }
    /// Counts (and with `SUMS` sums the Newman terms of) the units `i` shares with each
    /// co-member, listing them in `touched` (unordered). `i` itself is counted too (once per
    /// unit: no test in the inner loop); the callers skip it. With `BITS` it also sets the
    /// bits of the listed residents and the span of words for [`Acc::order_touched`].
    fn accumulate<const SUMS: bool, const BITS: bool>(&self, i: usize, acc: &mut Acc) {
        let Acc {
            count,
            sum,
            touched,
            bits,
            lo: span_lo,
            hi: span_hi,
        } = acc;
        let (count, sum, bits) = (&mut count[..], &mut sum[..], &mut bits[..]);
        touched.clear();
        let (mut lo, mut hi) = (usize::MAX, 0usize);
        for &k in self.inc.units_of(i) {
            let k = k as usize;
            if !self.active[k] {
                continue;
            }
            let inv = self.inv[k];
            let m = self.inc.members(k);
            if BITS {
                if let (Some(&first), Some(&last)) = (m.first(), m.last()) {
                    lo = lo.min(first as usize >> 6);
                    hi = hi.max(last as usize >> 6);
                }
            }
            for &j in m {
                let ju = j as usize;
                debug_assert!(ju < count.len());
                // SAFETY: every member is a resident of the incidence (checked once in
                // `project_incidence`), and `count`, `sum` hold one entry and `bits` one bit
                // per resident.
                unsafe {
                    let c = count.get_unchecked_mut(ju);
                    if *c == 0 {
                        touched.push(j);
                        if BITS {
                            *bits.get_unchecked_mut(ju >> 6) |= 1u64 << (j & 63);
                        }
                    }
                    *c += 1;
                    if SUMS {
                        *sum.get_unchecked_mut(ju) += inv;
                    }
                }
            }
        }
        if BITS {
            (*span_lo, *span_hi) = (lo, hi);
        }
    }
    /// Number of distinct co-members of `i` (all ties kept): a union of member lists in a
    /// bitmap of one bit per resident, small enough to stay in L1/L2 cache.
    fn distinct_neighbours(&self, i: usize, acc: &mut Acc) -> usize {
        let (mut lo, mut hi) = (usize::MAX, 0usize);
        let mut len = 0usize;
        for &k in self.inc.units_of(i) {
            let k = k as usize;
            if !self.active[k] {
                continue;
            }
            let m = self.inc.members(k);
            if let (Some(&first), Some(&last)) = (m.first(), m.last()) {
                lo = lo.min(first as usize >> 6);
                hi = hi.max(last as usize >> 6);
            }
            for &j in m {
                let (w, bit) = ((j >> 6) as usize, 1u64 << (j & 63));
                len += (acc.bits[w] & bit == 0) as usize;
                acc.bits[w] |= bit;
            }
        }
        if lo <= hi {
            acc.bits[lo..=hi].fill(0);
        }
        len - 1 // i itself is in every one of its units
    }
    /// Number of ties of row `i`.
    fn row_len(&self, i: usize, acc: &mut Acc) -> usize {
        match self.single(i) {
            Some(None) => 0,
            Some(Some(k)) if self.min_weight.is_none() => self.inc.size(k) - 1,
            Some(Some(k)) => self
                .inc
                .members(k)
                .iter()
                .filter(|&&j| {
                    j as usize != i && self.keep(self.value(i, j as usize, 1, self.inv[k]))
                })
                .count(),
            None if self.min_weight.is_none() => self.distinct_neighbours(i, acc),
            None => {
                let sums = self.weight == Weight::Newman;
                if sums {
                    self.accumulate::<true, false>(i, acc);
                } else {
                    self.accumulate::<false, false>(i, acc);
                }
                let mut len = 0;
                for &j in &acc.touched {
                    let j = j as usize;
                    if j != i && self.keep(self.value(i, j, acc.count[j], acc.sum[j])) {
                        len += 1;
                    }
                    acc.count[j] = 0;
                    if sums {
                        acc.sum[j] = 0.0;
                    }
                }
                len
            }
        }
    }
    /// Writes row `i` into `idx`/`w` (exactly `row_len` long).
    fn fill_row(&self, i: usize, acc: &mut Acc, idx: &mut [u32], w: &mut [f64]) {
        match self.single(i) {
            Some(None) => {}
            // One unit, every co-member kept with the same weight: two copies and a fill.
            Some(Some(k))
                if self.min_weight.is_none()
                    && matches!(
                        self.weight,
                        Weight::Count | Weight::Newman | Weight::Overlap
                    ) =>
            {
                let m = self.inc.members(k);
                let at = m.partition_point(|&j| (j as usize) < i);
                idx[..at].copy_from_slice(&m[..at]);
                idx[at..].copy_from_slice(&m[at + 1..]);
                w.fill(self.value(i, i, 1, self.inv[k]));
            }
            Some(Some(k)) => {
                let mut p = 0;
                for &j in self.inc.members(k) {
                    if j as usize == i {
                        continue;
                    }
                    let v = self.value(i, j as usize, 1, self.inv[k]);
                    if self.keep(v) {
                        idx[p] = j;
                        w[p] = v;
                        p += 1;
                    }
                }
            }
            // Several units: the weight is chosen once per row, not per tie.
            None => match (self.weight, self.min_weight) {
                (Weight::Count, None) => {
                    self.accumulate::<false, true>(i, acc);
                    acc.order_touched();
                    emit::<false>(i, acc, idx, w, |c, _, _| Some(c as f64));
                }
                (Weight::Newman, None) => {
                    self.accumulate::<true, true>(i, acc);
                    acc.order_touched();
                    emit::<true>(i, acc, idx, w, |_, s, _| Some(s));
                }
                (Weight::Newman, Some(_)) => {
                    self.accumulate::<true, true>(i, acc);
                    acc.order_touched();
                    emit::<true>(i, acc, idx, w, |_, s, _| self.keep(s).then_some(s));
                }
                _ => {
                    self.accumulate::<false, true>(i, acc);
                    acc.order_touched();
                    emit::<false>(i, acc, idx, w, |c, s, j| {
                        let v = self.value(i, j, c, s);
                        self.keep(v).then_some(v)
                    });
                }
            },
        }
    }
}

/// Writes the ordered co-members of row `i`'s accumulation whose weight
/// `value(count, sum, j)` is kept (`Some`) into `idx`/`w`, skipping `i` itself, and resets
/// their counts (and, with `SUMS`, their sums).
#[inline(always)]
fn emit<const SUMS: bool>(
    i: usize,
    acc: &mut Acc,
    idx: &mut [u32],
    w: &mut [f64],
    value: impl Fn(u32, f64, usize) -> Option<f64>,
) {
    let Acc {
        count,
        sum,
        touched,
        ..
    } = acc;
    let (count, sum) = (&mut count[..], &mut sum[..]);
    let mut p = 0;
    for &j in touched.iter() {
        let ju = j as usize;
        if ju != i {
            let s = if SUMS { sum[ju] } else { 0.0 };
            if let Some(v) = value(count[ju], s, ju) {
                idx[p] = j;
                w[p] = v;
                p += 1;
            }
        }
        count[ju] = 0;
        if SUMS {
            sum[ju] = 0.0;
        }
    }
}

/// Rows per parallel task.
const CHUNK: usize = 512;

/// The projection kernel on an incidence: the symmetric CSR of resident–resident ties.
pub fn project_incidence(inc: &Incidence, spec: &Projection, ctx: &Context) -> Result<Csr> {
    if let Some(m) = spec.min_weight {
        if !m.is_finite() {
            return Err(Error::arg(
                "min_weight",
                format!("{m} is not a finite number"),
            ));
        }
    }
    check_budget(inc, spec)?;
    let n = inc.n_residents();
    // The kernel indexes its per-resident scratch arrays by member without bounds checks.
    assert!(
        inc.unit_res.iter().all(|&j| (j as usize) < n),
        "an incidence lists a member outside its residents"
    );
    let max = spec.max_activity_size.unwrap_or(usize::MAX);
    let active: Vec<bool> = (0..inc.n_units()).map(|k| inc.size(k) <= max).collect();
    let inv = newman_terms(inc);
    let deg: Vec<u32> = (0..n)
        .map(|i| {
            inc.units_of(i)
                .iter()
                .filter(|&&k| active[k as usize])
                .count() as u32
        })
        .collect();
    let kernel = Kernel {
        inc,
        weight: spec.weight,
        min_weight: spec.min_weight,
        active,
        deg,
        inv,
    };
    ctx.start(2 * n as u64);
    ctx.install(|| run(&kernel, n, ctx))
}

fn run(kernel: &Kernel, n: usize, ctx: &Context) -> Result<Csr> {
    // Pass 1: row lengths.
    let mut indptr = vec![0usize; n + 1];
    parallel::try_for_each_chunk_mut_init(
        &mut indptr[1..],
        CHUNK,
        || Acc::new(n),
        |acc, c, lens| {
            ctx.check()?;
            let base = c * CHUNK;
            for (o, len) in lens.iter_mut().enumerate() {
                *len = kernel.row_len(base + o, acc);
            }
            ctx.advance(lens.len() as u64);
            Ok::<(), Error>(())
        },
    )?;
    for i in 0..n {
        indptr[i + 1] += indptr[i];
    }
    let nnz = indptr[n];
    let mut indices = crate::memory::zeroed::<u32>(nnz);
    let mut weights = crate::memory::zeroed::<f64>(nnz);
    // Pass 2: split the outputs at chunk boundaries and fill them in parallel.
    let mut parts = Vec::with_capacity(n.div_ceil(CHUNK));
    {
        let (mut ri, mut rw) = (indices.as_mut_slice(), weights.as_mut_slice());
        let mut start = 0;
        while start < n {
            let end = (start + CHUNK).min(n);
            let len = indptr[end] - indptr[start];
            let (a, b) = std::mem::take(&mut ri).split_at_mut(len);
            let (x, y) = std::mem::take(&mut rw).split_at_mut(len);
            parts.push((start, end, a, x));
            ri = b;
            rw = y;
            start = end;
        }
    }
    let indptr_ref = &indptr;
    parallel::try_for_each_owned_init(
        parts,
        || Acc::new(n),
        |acc, (start, end, idx, w)| {
            ctx.check()?;
            let base = indptr_ref[start];
            for i in start..end {
                let (a, b) = (indptr_ref[i] - base, indptr_ref[i + 1] - base);
                kernel.fill_row(i, acc, &mut idx[a..b], &mut w[a..b]);
            }
            ctx.advance((end - start) as u64);
            Ok::<(), Error>(())
        },
    )?;
    Ok(Csr {
        indptr,
        indices,
        weights,
    })
}
