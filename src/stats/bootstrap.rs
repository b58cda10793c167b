//! Before/after comparison with a resident bootstrap (docs/metrics.md, "Time": "the same metric in
//! two periods, per-resident paired deltas, bootstrap CIs that handle residents joining and
//! leaving"), and the small bootstrap helpers it uses.
//!
//! **The resampling.** The residents of *either* period (the union U, so residents who joined
//! or left are in it) are drawn |U| times with replacement; replicate b draws with the ChaCha
//! stream (seed, b) of the [`Context`], so a seed gives the same intervals on any number of
//! threads (and [`Context::with_first_task`] computes replicates `first..first + B` of a larger
//! bootstrap, for slices computed apart). In each period only the drawn residents present in that period count:
//! * per-resident metrics (mean degree, share with ≥ 1 tie, mean local clustering) are the mean
//!   of the drawn residents' values, each value taken in the period's full projection — the
//!   ordinary bootstrap of a mean;
//! * whole-network metrics (density, number of components, largest-component share) are computed
//!   on the vertex-bootstrap graph (Snijders & Borgatti 1999): one node per draw, a tie between
//!   two draws of different residents who are tied, none between two copies of one resident.
//!
//! The interval is the percentile interval of the replicate differences (after − before).
//! It assumes residents are independent units. For per-resident means on synthetic data with
//! independent residents it covers the true difference at about the nominal rate; for
//! whole-network statistics ties between residents make it approximate (see the Python
//! docstring of `wijknet.temporal.compare` for the measured coverage).
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::ids::Ids;
use crate::metrics::clustering::{clustering, ClusteringMethod};
use crate::metrics::components::connected_components;
use crate::network::Network;
use crate::projection::Projection;
use ndarray::Array2;
use rand::Rng;

use crate::parallel;
use crate::stats::summary;

/// A statistic [`compare`] computes in each period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Metric {
    /// Mean number of distinct co-participants (mean degree) over the period's residents.
    MeanDegree,
    /// Share of the period's residents with ≥ 1 tie.
    ShareWithTie,
    /// Mean local clustering (unweighted; 0 for degree < 2, networkx `average_clustering`).
    MeanClustering,
    /// Density 2m / (n(n − 1)).
    Density,
    /// Number of connected components (isolated residents count).
    Components,
    /// Share of the period's residents in the largest component.
    LargestComponentShare,
}

impl Metric {
    /// Every metric, in the default order.
    pub const ALL: [Metric; 6] = [
        Metric::MeanDegree,
        Metric::ShareWithTie,
        Metric::MeanClustering,
        Metric::Density,
        Metric::Components,
        Metric::LargestComponentShare,
    ];
    /// The name: "mean_degree", "share_with_tie", "mean_clustering", "density",
    /// "components", "largest_component_share".
    pub fn name(self) -> &'static str {
        match self {
            Metric::MeanDegree => "mean_degree",
            Metric::ShareWithTie => "share_with_tie",
            Metric::MeanClustering => "mean_clustering",
            Metric::Density => "density",
            Metric::Components => "components",
            Metric::LargestComponentShare => "largest_component_share",
        }
    }
    /// Parses a name (see [`Metric::name`]).
    pub fn parse(s: &str) -> Result<Metric> {
        Metric::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
                Error::arg(
                    "metrics",
                    format!("'{s}' is not one of {}", names.join(", ")),
                )
            })
    }
    /// Whether the metric is a mean of per-resident values (these have paired deltas).
    pub fn per_resident(self) -> bool {
        matches!(
            self,
            Metric::MeanDegree | Metric::ShareWithTie | Metric::MeanClustering
        )
    }
}

/// Options of [`compare`].
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// Metrics to compute (default: [`Metric::ALL`]).
    pub metrics: Vec<Metric>,
    /// Bootstrap replicates (0: no intervals).
    pub n_boot: usize,
    /// Confidence level of the percentile interval (default 0.95).
    pub level: f64,
    /// The projection of each period.
    pub projection: Projection,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            metrics: Metric::ALL.to_vec(),
            n_boot: 1000,
            level: 0.95,
            projection: Projection::default(),
        }
    }
}

/// The result of [`compare`].
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The metrics, in the order asked.
    pub metrics: Vec<Metric>,
    /// Value in the before period.
    pub before: Vec<f64>,
    /// Value in the after period.
    pub after: Vec<f64>,
    /// after − before.
    pub difference: Vec<f64>,
    /// Lower end of the percentile interval of the difference (NaN without replicates).
    pub ci_low: Vec<f64>,
    /// Upper end.
    pub ci_high: Vec<f64>,
    /// Standard deviation of the replicate differences.
    pub std_err: Vec<f64>,
    /// Replicates × metrics: `replicates[[b, k]]` is the difference of metric k in replicate b
    /// (NaN when a period had no drawn resident); column k is metric k's bootstrap
    /// distribution.
    pub replicates: Array2<f64>,
    /// Residents in the before period, the after period, and both.
    pub n_before: usize,
    /// See `n_before`.
    pub n_after: usize,
    /// See `n_before`.
    pub n_both: usize,
    /// Register indices of the residents present in both periods, ascending.
    pub paired_residents: Vec<u32>,
    /// For each per-resident metric asked (in order): (metric, values before, values after)
    /// of the paired residents.
    pub paired: Vec<(Metric, Vec<f64>, Vec<f64>)>,
}

/// The percentile interval of `values` at `level` (NaN values left out; linear interpolation
/// between order statistics, numpy's default): (NaN, NaN) when nothing is left.
///
/// # Example
/// ```
/// use wijknet::stats::bootstrap::percentile_interval;
/// let v: Vec<f64> = (0..=100).map(f64::from).collect();
/// assert_eq!(percentile_interval(&v, 0.5), (25.0, 75.0));
/// ```
pub fn percentile_interval(values: &[f64], level: f64) -> (f64, f64) {
    let mut v = summary::without_nan(values);
    v.sort_by(f64::total_cmp);
    let a = (1.0 - level) / 2.0;
    (summary::quantile(&v, a), summary::quantile(&v, 1.0 - a))
}

/// Sample standard deviation (n − 1) of the values that are not NaN: the standard error of
/// a bootstrap estimate from its replicates.
///
/// # Example
/// ```
/// use wijknet::stats::bootstrap::std_dev;
/// assert_eq!(std_dev(&[1.0, 3.0, f64::NAN]), 2f64.sqrt());
/// ```
pub fn std_dev(values: &[f64]) -> f64 {
    summary::sd(&summary::without_nan(values))
}

/// One period: its projection and per-resident values.
struct Side {
    g: Graph,
    residents: Vec<u32>,
    degree: Vec<f64>,
    clustering: Vec<f64>,
}

fn side(
    net: &Network,
    bounds: (Option<i64>, Option<i64>),
    opts: &CompareOptions,
    ctx: &Context,
) -> Result<Side> {
    let w = net.window(bounds.0, bounds.1)?;
    let g = w.project(&opts.projection, ctx)?;
    let degree: Vec<f64> = (0..g.node_count())
        .map(|i| g.neighbors_of(i).len() as f64)
        .collect();
    let clustering = if opts.metrics.contains(&Metric::MeanClustering) {
        clustering(&g, ClusteringMethod::Unweighted, ctx)?
    } else {
        Vec::new()
    };
    Ok(Side {
        residents: w.residents(),
        g,
        degree,
        clustering,
    })
}

fn per_resident_value(s: &Side, m: Metric, i: usize) -> f64 {
    match m {
        Metric::MeanDegree => s.degree[i],
        Metric::ShareWithTie => f64::from(u8::from(s.degree[i] > 0.0)),
        _ => s.clustering[i],
    }
}

/// (density, components, largest-component share) of a graph.
fn whole(g: &Graph) -> [f64; 3] {
    let n = g.node_count();
    if n == 0 {
        return [f64::NAN; 3];
    }
    let comp = connected_components(g);
    let k = comp.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let largest = comp.iter().filter(|&&c| c == 0).count();
    [
        crate::metrics::density(g),
        k as f64,
        largest as f64 / n as f64,
    ]
}

fn value(s: &Side, m: Metric, whole_stats: &[f64; 3]) -> f64 {
    let n = s.g.node_count();
    match m {
        Metric::Density => whole_stats[0],
        Metric::Components => whole_stats[1],
        Metric::LargestComponentShare => whole_stats[2],
        _ => {
            if n == 0 {
                f64::NAN
            } else {
                (0..n).map(|i| per_resident_value(s, m, i)).sum::<f64>() / n as f64
            }
        }
    }
}

/// The vertex-bootstrap graph of the drawn nodes `draws` (node indices of `g`, repeats
/// allowed): one node per draw, ties between draws of different tied nodes. Stops early (and
/// leaves `copies` empty) once `ctx` is cancelled: a replicate of a dense projection has
/// millions of ties.
fn replicate_graph(
    g: &Graph,
    draws: &[u32],
    copies: &mut [Vec<u32>],
    ctx: &Context,
) -> Result<Graph> {
    for (k, &u) in draws.iter().enumerate() {
        copies[u as usize].push(k as u32);
    }
    let mut distinct = draws.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let mut edges = Vec::new();
    for (k, &u) in distinct.iter().enumerate() {
        if k % 1024 == 0 && ctx.is_cancelled() {
            break;
        }
        for &v in g.neighbors_of(u as usize) {
            if v > u {
                for &a in &copies[u as usize] {
                    for &b in &copies[v as usize] {
                        edges.push((a, b, 1.0));
                    }
                }
            }
        }
    }
    for &u in &distinct {
        copies[u as usize].clear();
    }
    ctx.check()?;
    Graph::from_edges(Ids::Int((0..draws.len() as i64).collect()), &edges, false)
}

/// The same metrics in two periods of a network, their difference with a bootstrap
/// interval that resamples residents, and per-resident paired values (module docs).
///
/// # Arguments
/// * `net` — a dated network.
/// * `before`, `after` — half-open windows `[start, end)` in the register's date unit
///   (either bound optional), as [`Network::window`].
/// * `opts` — metrics, replicates, level and projection ([`CompareOptions`]).
/// * `ctx` — threads, cancellation and the seed (replicate b uses stream b).
///
/// # Errors
/// An undated register; `level` outside (0, 1); no metric; the projection's errors;
/// [`Error::Cancelled`].
///
/// # Complexity
/// Two projections, then per replicate O(|U|) for per-resident metrics and O(n + m) of the
/// replicate graph for whole-network metrics.
///
/// # Example
/// ```
/// use wijknet::{Context, DateUnit, Duplicates, Network, RegisterBuilder, Role};
/// use wijknet::stats::bootstrap::{compare, CompareOptions, Metric};
/// let mut b = RegisterBuilder::new().date_unit(DateUnit::Day);
/// for (r, a, d) in [("ann", "dance", 1), ("bob", "yoga", 1), ("ann", "chess", 50), ("bob", "chess", 50), ("cas", "chess", 50)] {
///     b.add_dated(r, a, d, Role::Participant).unwrap();
/// }
/// let net = Network::new(b.build(Duplicates::Count).unwrap());
/// let opts = CompareOptions { metrics: vec![Metric::MeanDegree], n_boot: 200, ..Default::default() };
/// let c = compare(&net, (None, Some(30)), (Some(30), None), &opts, &Context::new().with_seed(1)).unwrap();
/// assert_eq!((c.before[0], c.after[0], c.difference[0]), (0.0, 2.0, 2.0));
/// assert_eq!(c.paired[0].2, vec![2.0, 2.0]); // ann and bob after
/// assert_eq!(c.replicates.dim(), (200, 1)); // replicates × metrics
/// ```
pub fn compare(
    net: &Network,
    before: (Option<i64>, Option<i64>),
    after: (Option<i64>, Option<i64>),
    opts: &CompareOptions,
    ctx: &Context,
) -> Result<Comparison> {
    if !(opts.level > 0.0 && opts.level < 1.0) {
        return Err(Error::arg(
            "level",
            format!("{} is not between 0 and 1 (e.g. 0.95)", opts.level),
        ));
    }
    if opts.metrics.is_empty() {
        return Err(Error::arg("metrics", "give at least one metric"));
    }
    let sb = side(net, before, opts, ctx)?;
    let sa = side(net, after, opts, ctx)?;
    let n_reg = net.register().n_residents();
    // union of residents; position of each in either side
    let mut union: Vec<u32> = sb.residents.iter().chain(&sa.residents).copied().collect();
    union.sort_unstable();
    union.dedup();
    let mut pos = vec![(u32::MAX, u32::MAX); n_reg];
    for (i, &r) in sb.residents.iter().enumerate() {
        pos[r as usize].0 = i as u32;
    }
    for (i, &r) in sa.residents.iter().enumerate() {
        pos[r as usize].1 = i as u32;
    }
    let upos: Vec<(u32, u32)> = union.iter().map(|&r| pos[r as usize]).collect();
    let any_whole = opts.metrics.iter().any(|m| !m.per_resident());
    let wb = if any_whole {
        whole(&sb.g)
    } else {
        [f64::NAN; 3]
    };
    let wa = if any_whole {
        whole(&sa.g)
    } else {
        [f64::NAN; 3]
    };
    let vb: Vec<f64> = opts.metrics.iter().map(|&m| value(&sb, m, &wb)).collect();
    let va: Vec<f64> = opts.metrics.iter().map(|&m| value(&sa, m, &wa)).collect();
    let nu = union.len();
    ctx.start(opts.n_boot as u64);
    let one = |b: usize, copies: &mut (Vec<Vec<u32>>, Vec<Vec<u32>>)| -> Result<Vec<f64>> {
        ctx.check()?;
        let mut rng = ctx.rng(b as u64);
        let draws: Vec<u32> = (0..nu).map(|_| rng.random_range(0..nu as u32)).collect();
        let (mut db, mut da) = (Vec::new(), Vec::new());
        for &k in &draws {
            let (pb, pa) = upos[k as usize];
            if pb != u32::MAX {
                db.push(pb);
            }
            if pa != u32::MAX {
                da.push(pa);
            }
        }
        let (wb, wa) = if any_whole {
            (
                whole(&replicate_graph(&sb.g, &db, &mut copies.0, ctx)?),
                whole(&replicate_graph(&sa.g, &da, &mut copies.1, ctx)?),
            )
        } else {
            ([f64::NAN; 3], [f64::NAN; 3])
        };
        let mean = |s: &Side, d: &[u32], m: Metric| {
            if d.is_empty() {
                f64::NAN
            } else {
                d.iter()
                    .map(|&i| per_resident_value(s, m, i as usize))
                    .sum::<f64>()
                    / d.len() as f64
            }
        };
        let out = opts
            .metrics
            .iter()
            .map(|&m| match m {
                Metric::Density => wa[0] - wb[0],
                Metric::Components => wa[1] - wb[1],
                Metric::LargestComponentShare => wa[2] - wb[2],
                _ => mean(&sa, &da, m) - mean(&sb, &db, m),
            })
            .collect();
        ctx.advance(1);
        Ok(out)
    };
    let init = || {
        (
            vec![Vec::new(); sb.g.node_count()],
            vec![Vec::new(); sa.g.node_count()],
        )
    };
    // In blocks of replicates, so that a cancelled call stops after one block instead of
    // running through millions of cancelled replicates (each replicate keeps its own stream).
    const BLOCK: usize = 4096;
    let mut replicates = Array2::<f64>::zeros((opts.n_boot, opts.metrics.len()));
    for start in (0..opts.n_boot).step_by(BLOCK) {
        ctx.check()?;
        let len = BLOCK.min(opts.n_boot - start);
        let reps: Vec<Result<Vec<f64>>> =
            ctx.install(|| parallel::map_init(len, init, |c, b| one(start + b, c)));
        for (k, r) in reps.into_iter().enumerate() {
            for (x, v) in replicates.row_mut(start + k).iter_mut().zip(r?) {
                *x = v;
            }
        }
    }
    let (mut ci_low, mut ci_high, mut std_err) = (Vec::new(), Vec::new(), Vec::new());
    for r in replicates.columns() {
        let r = r.to_vec();
        let (lo, hi) = percentile_interval(&r, opts.level);
        ci_low.push(lo);
        ci_high.push(hi);
        std_err.push(std_dev(&r));
    }
    let paired_residents: Vec<u32> = union
        .iter()
        .copied()
        .filter(|&r| pos[r as usize].0 != u32::MAX && pos[r as usize].1 != u32::MAX)
        .collect();
    let paired = opts
        .metrics
        .iter()
        .filter(|m| m.per_resident())
        .map(|&m| {
            let b = paired_residents
                .iter()
                .map(|&r| per_resident_value(&sb, m, pos[r as usize].0 as usize))
                .collect();
            let a = paired_residents
                .iter()
                .map(|&r| per_resident_value(&sa, m, pos[r as usize].1 as usize))
                .collect();
            (m, b, a)
        })
        .collect();
    Ok(Comparison {
        metrics: opts.metrics.clone(),
        difference: va.iter().zip(&vb).map(|(a, b)| a - b).collect(),
        before: vb,
        after: va,
        ci_low,
        ci_high,
        std_err,
        replicates,
        n_before: sb.residents.len(),
        n_after: sa.residents.len(),
        n_both: paired_residents.len(),
        paired_residents,
        paired,
    })
}
