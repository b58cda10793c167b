//! Tests of a statistic against a null ensemble: curveball samples of the incidence (margins
//! fixed) or permutations of a resident attribute (the network fixed).
//!
//! For R samples with values x_1..x_R (NaN samples are left out) and the observed value o:
//! z = (o − mean)/sd (sd with R − 1 in the denominator; NaN when sd = 0),
//! p_greater, p_less and p_two_sided are the permutation p-values of
//! [`crate::stats::summary::PValues`] over the R samples that are not NaN (ties within a
//! relative 1e-9 of o count as extreme; two-sided = min(1, 2·min(p_greater, p_less))).
//!
//! Sample s runs on its own random stream `(seed, s)`: a curveball chain started from the
//! observed incidence ([`crate::stats::curveball::sample_incidence`]), or a Fisher–Yates
//! permutation ([`permutation`]). Independent chains (rather than one thinned chain) make the
//! samples independent and let them run in parallel with results identical for any thread
//! count. A context with [`Context::with_first_task`] computes samples `first..first + R` of a
//! larger ensemble: slices computed apart (on several machines) join into the whole ensemble.
//!
//! ```
//! use wijknet::{datasets, stats::null::{test, Statistic, TestOptions}, Context, Network};
//! let net = Network::new(datasets::davis_southern_women());
//! let opts = TestOptions { samples: 50, ..Default::default() };
//! let t = test(&net, &Statistic::OpsahlClustering, &opts, &Context::new().with_seed(3)).unwrap();
//! assert!((t.observed - 0.771897).abs() < 1e-6);
//! assert_eq!(t.samples.len(), 50);
//! assert!(t.p_greater > 0.0 && t.p_greater <= 1.0);
//! ```
use crate::analysis::twomode as tm;
use crate::attributes::{Attributes, Column};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::{Graph, NodeTable};
use crate::incidence::{Incidence, Unit};
use crate::metrics::{clustering, community, components, heterogeneity, mixing};
use crate::network::Network;
use crate::parallel;
use crate::projection::{project_incidence, Projection};
use crate::stats::curveball::{sample_incidence_with, sample_rng};
use crate::stats::summary::{mean_sd, without_nan, PValues};
use rand::Rng;
use std::sync::Arc;

/// A built-in statistic of a network.
#[derive(Debug, Clone, PartialEq)]
pub enum Statistic {
    /// Opsahl (2013) two-mode clustering C* (global).
    OpsahlClustering,
    /// Brunson (2015) exclusive clustering (global).
    ExclusiveClustering,
    /// Robins & Alexander (2004) CC4.
    RobinsAlexanderClustering,
    /// Global transitivity of the projection (unweighted).
    Transitivity,
    /// Number of connected components of the projection (isolated residents count).
    Components,
    /// Density 2E/(n(n−1)) of the projection.
    Density,
    /// Modularity of a partition of the residents (labels aligned with the view's residents)
    /// on the projection; `weighted` uses the projection's weights.
    Modularity {
        /// Community of each resident.
        labels: Vec<u32>,
        /// Use tie weights.
        weighted: bool,
    },
    /// Krackhardt & Stern's E-I index (E − I)/(E + I) over the ties of the projection, for a
    /// group code per resident (−1 = missing; ties touching a missing value are left out).
    EiIndex {
        /// Group code of each resident.
        groups: Vec<i32>,
    },
}

impl Statistic {
    /// The name used in the Python API ("opsahl_clustering", ...).
    pub fn name(&self) -> &'static str {
        match self {
            Statistic::OpsahlClustering => "opsahl_clustering",
            Statistic::ExclusiveClustering => "exclusive_clustering",
            Statistic::RobinsAlexanderClustering => "robins_alexander_clustering",
            Statistic::Transitivity => "transitivity",
            Statistic::Components => "number_connected_components",
            Statistic::Density => "density",
            Statistic::Modularity { .. } => "modularity",
            Statistic::EiIndex { .. } => "ei_index",
        }
    }

    fn check(&self, n: usize) -> Result<()> {
        let len = match self {
            Statistic::Modularity { labels, .. } => labels.len(),
            Statistic::EiIndex { groups } => groups.len(),
            _ => return Ok(()),
        };
        if len != n {
            return Err(Error::LengthMismatch {
                column: if matches!(self, Statistic::Modularity { .. }) {
                    "partition".into()
                } else {
                    "attribute".into()
                },
                expected: n,
                got: len,
            });
        }
        Ok(())
    }

    /// The statistic of an incidence (`spec` says how to project; its unit must be
    /// activity). `ctx` runs the kernels (threads; its cancel flag is honoured).
    ///
    /// # Errors
    /// Labels of the wrong length; a session unit; cancellation.
    pub fn of_incidence(&self, inc: &Incidence, spec: &Projection, ctx: &Context) -> Result<f64> {
        self.check(inc.n_residents())?;
        match self {
            Statistic::OpsahlClustering => Ok(opsahl_global(inc, ctx)?),
            Statistic::ExclusiveClustering => Ok(tm::exclusive_clustering(inc, ctx)?.0),
            Statistic::RobinsAlexanderClustering => Ok(tm::robins_alexander_clustering(inc)),
            _ => {
                let g = projection_graph(inc, spec, ctx)?;
                self.of_graph(&g, ctx)
            }
        }
    }

    /// The statistic of a projected graph (projection statistics only).
    ///
    /// # Errors
    /// A two-mode statistic; labels of the wrong length; cancellation.
    pub fn of_graph(&self, g: &Graph, ctx: &Context) -> Result<f64> {
        self.check(g.node_count())?;
        match self {
            Statistic::Transitivity => clustering::transitivity(g, ctx),
            Statistic::Components => Ok(components::number_connected_components(g) as f64),
            Statistic::Density => Ok(components::density(g)),
            Statistic::Modularity { labels, weighted } => {
                community::modularity(g, labels, 1.0, *weighted)
            }
            Statistic::EiIndex { groups } => ei_index(g, groups, ctx),
            _ => Err(Error::arg(
                "statistic",
                format!(
                    "'{}' is a two-mode statistic; it needs the network",
                    self.name()
                ),
            )),
        }
    }

    /// The same statistic with its labels (partition or groups) permuted by `perm`
    /// (`new[i] = old[perm[i]]`); other statistics are returned unchanged.
    fn permuted(&self, perm: &[u32]) -> Statistic {
        match self {
            Statistic::Modularity { labels, weighted } => Statistic::Modularity {
                labels: perm.iter().map(|&p| labels[p as usize]).collect(),
                weighted: *weighted,
            },
            Statistic::EiIndex { groups } => Statistic::EiIndex {
                groups: perm.iter().map(|&p| groups[p as usize]).collect(),
            },
            other => other.clone(),
        }
    }
}

/// Network-level E-I index (Krackhardt & Stern 1988): (E − I)/(E + I) with E the ties between
/// groups and I the ties within, from [`mixing::mixing_matrix`]; ties touching a missing group
/// (−1) are left out. NaN without any counted tie.
///
/// # Errors
/// Codes below −1; cancellation.
pub fn ei_index(g: &Graph, groups: &[i32], ctx: &Context) -> Result<f64> {
    let k = groups
        .iter()
        .copied()
        .max()
        .map_or(0, |m| (m + 1).max(0) as usize);
    let m = mixing::mixing_matrix(g, groups, k, false, ctx)?;
    let internal = m.within();
    Ok(heterogeneity::ei(m.total() - internal, internal))
}

/// Largest number of activities for which [`opsahl_global`] keeps the activity overlap matrix
/// (m² counts); larger incidences use [`crate::analysis::twomode::opsahl_clustering`].
pub const OPSAHL_DENSE_UNITS: usize = 4096;

/// Global Opsahl (2013) two-mode clustering C*, equal to
/// [`crate::analysis::twomode::opsahl_clustering`]'s global value but counted per pair of
/// residents instead of per centre, which makes it fast enough for null ensembles.
///
/// All 4-paths i–a–j–b–k: Σ_j Σ_{a≠b ∈ K_j} (n_a − 1)(n_b − 1) − (|a∩b| − 1). Closed ones need
/// i and k to share an activity outside {a, b}, so only pairs that share an activity (s_ik ≥ 1)
/// contribute: for a ∈ K_i, b ∈ K_k, b ≠ a, the path is closed iff s_ik > [k∈a] + [i∈b], and
/// there are |a∩b| − [i∈b] − [k∈a] centres j. NaN without 4-paths.
///
/// # Errors
/// Cancellation (checked per block of residents).
///
/// # Complexity
/// O(Σ_i k_i² + m²) for the overlaps plus O(Σ_{i,k: s_ik ≥ 1} k_i k_k); O(m²) memory (above
/// [`OPSAHL_DENSE_UNITS`] activities the per-centre kernel is used instead).
///
/// # Example
/// ```
/// use wijknet::{datasets, stats::null::opsahl_global, Context, Network, Unit};
/// let inc = Network::new(datasets::davis_southern_women()).incidence(Unit::Activity);
/// assert!((opsahl_global(&inc, &Context::new()).unwrap() - 0.771897).abs() < 5e-7);
/// ```
pub fn opsahl_global(inc: &Incidence, ctx: &Context) -> Result<f64> {
    let m = inc.n_units();
    if m > OPSAHL_DENSE_UNITS {
        return Ok(tm::opsahl_clustering(inc, ctx)?.0);
    }
    let n = inc.n_residents();
    // Activity overlaps |a ∩ b|.
    let mut overlap = vec![0u32; m * m];
    for i in 0..n {
        let ki = inc.units_of(i);
        for &a in ki {
            for &b in ki {
                overlap[a as usize * m + b as usize] += 1;
            }
        }
    }
    let mut total = 0u64;
    for j in 0..n {
        let kj = inc.units_of(j);
        for &a in kj {
            for &b in kj {
                if a != b {
                    let (na, nb) = (inc.size(a as usize) as u64, inc.size(b as usize) as u64);
                    total +=
                        (na - 1) * (nb - 1) - (overlap[a as usize * m + b as usize] as u64 - 1);
                }
            }
        }
    }
    if total == 0 {
        return Ok(f64::NAN);
    }
    // A path is closed only if i and k share an activity outside {a, b}, impossible when
    // either attends a single activity: only residents with ≥ 2 activities take part, so the
    // member lists are reduced to them (most residents attend one activity).
    let multi = |i: usize| inc.units_of(i).len() >= 2;
    let mut mptr = vec![0usize; m + 1];
    for k in 0..m {
        mptr[k + 1] = mptr[k]
            + inc
                .members(k)
                .iter()
                .filter(|&&i| multi(i as usize))
                .count();
    }
    let mut mres = Vec::with_capacity(mptr[m]);
    for k in 0..m {
        mres.extend(
            inc.members(k)
                .iter()
                .copied()
                .filter(|&i| multi(i as usize)),
        );
    }
    let mut closed = 0u64;
    let mut count = vec![0u32; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut mine = vec![false; m];
    for i in 0..n {
        if i % 1024 == 0 {
            ctx.check()?;
        }
        let ki = inc.units_of(i);
        if ki.len() < 2 {
            continue;
        }
        for &a in ki {
            mine[a as usize] = true;
            for &k in &mres[mptr[a as usize]..mptr[a as usize + 1]] {
                if k as usize != i {
                    if count[k as usize] == 0 {
                        touched.push(k);
                    }
                    count[k as usize] += 1;
                }
            }
        }
        for &k in &touched {
            let s = count[k as usize];
            count[k as usize] = 0;
            let kk = inc.units_of(k as usize);
            for &a in ki {
                let k_in_a = kk.binary_search(&a).is_ok() as u32;
                let row = &overlap[a as usize * m..(a as usize + 1) * m];
                for &b in kk {
                    if b == a {
                        continue;
                    }
                    let i_in_b = mine[b as usize] as u32;
                    if s > k_in_a + i_in_b {
                        closed += (row[b as usize] - i_in_b - k_in_a) as u64;
                    }
                }
            }
        }
        touched.clear();
        for &a in ki {
            mine[a as usize] = false;
        }
    }
    Ok(closed as f64 / total as f64)
}

fn projection_graph(inc: &Incidence, spec: &Projection, ctx: &Context) -> Result<Graph> {
    if spec.unit != Unit::Activity {
        return Err(Error::arg(
            "unit",
            "null models randomise the activity incidence; project with unit=\"activity\"",
        ));
    }
    let csr = project_incidence(inc, spec, ctx)?;
    let nodes = Arc::new(NodeTable {
        ids: crate::ids::Ids::Int((0..inc.n_residents() as i64).collect()),
        attributes: Attributes::default(),
    });
    Ok(Graph::from_csr(nodes, false, csr, None))
}

/// Which null model a test draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NullModel {
    /// Curveball samples of the incidence (every margin fixed).
    #[default]
    Curveball,
    /// Permutations of the statistic's labels (partition or groups) over the residents, the
    /// network fixed. Only for [`Statistic::Modularity`] and [`Statistic::EiIndex`].
    Permutation,
}

crate::option_names!(NullModel, "null", {
    "curveball" => NullModel::Curveball,
    "permute" => NullModel::Permutation,
});

/// Options of [`test()`].
#[derive(Debug, Clone, PartialEq)]
pub struct TestOptions {
    /// Number of null samples R.
    pub samples: usize,
    /// Trades per curveball sample (None: [`crate::stats::curveball::default_trades`]).
    pub trades: Option<u64>,
    /// The null model.
    pub null: NullModel,
    /// How projection statistics project (unit activity; weight used by weighted modularity).
    pub projection: Projection,
}

impl Default for TestOptions {
    fn default() -> Self {
        TestOptions {
            samples: 1000,
            trades: None,
            null: NullModel::Curveball,
            projection: Projection::default(),
        }
    }
}

/// The outcome of a test: observed value, null distribution and its summary.
#[derive(Debug, Clone, PartialEq)]
pub struct NullTest {
    /// The statistic of the observed network.
    pub observed: f64,
    /// The statistic of each null sample, in sample order (NaN where undefined).
    pub samples: Vec<f64>,
    /// Mean of the finite samples.
    pub mean: f64,
    /// Standard deviation (n − 1) of the finite samples.
    pub sd: f64,
    /// (observed − mean)/sd (NaN when sd is 0 or undefined).
    pub z: f64,
    /// (#{x ≥ observed} + 1)/(R + 1) over the R samples that are not NaN (ties within a
    /// relative 1e-9 count).
    pub p_greater: f64,
    /// (#{x ≤ observed} + 1)/(R + 1).
    pub p_less: f64,
    /// min(1, 2·min(p_greater, p_less)).
    pub p_two_sided: f64,
}

impl NullTest {
    /// Summarises `samples` against `observed` (see the module docs).
    ///
    /// # Example
    /// ```
    /// use wijknet::stats::null::NullTest;
    /// let t = NullTest::from_samples(3.0, vec![1.0, 2.0, 3.0, f64::NAN]);
    /// assert_eq!(t.mean, 2.0);
    /// assert_eq!(t.p_greater, 0.5); // (1 + 1)/(3 + 1)
    /// assert_eq!(t.p_less, 1.0);
    /// ```
    pub fn from_samples(observed: f64, samples: Vec<f64>) -> NullTest {
        let finite = without_nan(&samples);
        let (mean, sd) = mean_sd(&finite);
        let z = if sd > 0.0 {
            (observed - mean) / sd
        } else {
            f64::NAN
        };
        let p = PValues::new(observed, &samples);
        NullTest {
            observed,
            samples,
            mean,
            sd,
            z,
            p_greater: p.greater,
            p_less: p.less,
            p_two_sided: p.two_sided,
        }
    }
}

/// A uniformly random permutation of 0..n on the stream `(seed, sample)` (Fisher–Yates).
pub fn permutation(n: usize, seed: u64, sample: u64) -> Vec<u32> {
    let mut rng = sample_rng(seed, sample);
    let mut p: Vec<u32> = (0..n as u32).collect();
    for t in (1..n).rev() {
        let j = rng.random_range(0..=t);
        p.swap(t, j);
    }
    p
}

/// Runs `f(sample)` for every sample (in parallel with the `parallel` feature), in order.
fn per_sample<T: Send>(
    n: usize,
    ctx: &Context,
    f: impl Fn(u64) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    ctx.start(n as u64);
    let one = |s: usize| -> Result<T> {
        ctx.check()?;
        let out = f(s as u64)?;
        ctx.advance(1);
        Ok(out)
    };
    // In blocks of samples, so that a cancelled call stops after one block instead of running
    // through millions of cancelled samples (each sample keeps its own stream).
    const BLOCK: usize = 4096;
    let mut out = Vec::new();
    for start in (0..n).step_by(BLOCK) {
        ctx.check()?;
        let len = BLOCK.min(n - start);
        let part: Result<Vec<T>> =
            ctx.install(|| parallel::map(len, |s| one(start + s)).into_iter().collect());
        out.extend(part?);
    }
    Ok(out)
}

/// A context for the kernels inside one sample: the same threads and cancel flag (Ctrl-C
/// stops a long sample), progress counters of its own (the test counts samples).
fn inner(ctx: &Context) -> Context {
    Context::new()
        .with_threads(ctx.threads())
        .with_cancel_from(ctx)
}

/// Tests `statistic` of `net` against `opts.samples` null samples drawn with `ctx`'s seed.
///
/// # Arguments
/// * `net` — the observed network (its activity incidence);
/// * `statistic` — what to compute on every sample;
/// * `opts` — number of samples, trades, null model, projection;
/// * `ctx` — threads, seed, cancellation, progress (one unit per sample).
///
/// # Returns
/// A [`NullTest`]; identical for a seed on any number of threads.
///
/// # Errors
/// No samples; labels of the wrong length; [`NullModel::Permutation`] with a statistic
/// without labels; a session projection; cancellation.
///
/// # Complexity
/// R × (one curveball sample, O(trades · mean row length), + the statistic).
///
/// # Example
/// ```
/// use wijknet::{datasets, stats::null::{test, Statistic, TestOptions}, Context, Network};
/// let net = Network::new(datasets::davis_southern_women());
/// let opts = TestOptions { samples: 20, ..Default::default() };
/// let t = test(&net, &Statistic::Transitivity, &opts, &Context::new().with_seed(1)).unwrap();
/// assert_eq!(t.samples.len(), 20);
/// ```
pub fn test(
    net: &Network,
    statistic: &Statistic,
    opts: &TestOptions,
    ctx: &Context,
) -> Result<NullTest> {
    let inc = net.incidence(Unit::Activity);
    test_incidence(&inc, statistic, opts, ctx)
}

/// [`test()`] on an incidence.
///
/// # Errors
/// As [`test()`].
pub fn test_incidence(
    inc: &Incidence,
    statistic: &Statistic,
    opts: &TestOptions,
    ctx: &Context,
) -> Result<NullTest> {
    if opts.samples == 0 {
        return Err(Error::arg("n", "give at least one null sample (n ≥ 1)"));
    }
    statistic.check(inc.n_residents())?;
    let seed = ctx.seed();
    // Sample s of this call is sample first + s of the ensemble (Context::with_first_task).
    let first = ctx.first_task();
    let kctx = inner(ctx);
    let observed = statistic.of_incidence(inc, &opts.projection, &kctx)?;
    let samples = match opts.null {
        NullModel::Curveball => per_sample(opts.samples, ctx, |s| {
            let sample = sample_incidence_with(inc, opts.trades, seed, first + s, ctx)?;
            statistic.of_incidence(&sample, &opts.projection, &kctx)
        })?,
        NullModel::Permutation => {
            if !matches!(
                statistic,
                Statistic::Modularity { .. } | Statistic::EiIndex { .. }
            ) {
                return Err(Error::arg(
                    "null",
                    format!(
                        "\"permute\" permutes a resident attribute or partition; '{}' has none \
                         (use null=\"curveball\", or a callable with attribute=)",
                        statistic.name()
                    ),
                ));
            }
            let g = projection_graph(inc, &opts.projection, &kctx)?;
            per_sample(opts.samples, ctx, |s| {
                let perm = permutation(inc.n_residents(), seed, first + s);
                statistic.permuted(&perm).of_graph(&g, &kctx)
            })?
        }
    };
    Ok(NullTest::from_samples(observed, samples))
}

/// `col` with its values permuted: `new[i] = old[perm[i]]`.
fn permute_column(col: &Column, perm: &[u32]) -> Column {
    col.take(perm)
}

fn attribute<'a>(attrs: &'a Attributes, name: &str) -> Result<&'a Column> {
    attrs.get(name).ok_or_else(|| Error::NotFound {
        kind: "attribute".into(),
        id: format!("'{name}'"),
        place: "resident attributes".into(),
        fix: format!(
            "the attributes are: {}; add it with with_resident_attributes",
            attrs.names().collect::<Vec<_>>().join(", ")
        ),
    })
}

/// A copy of `g` whose node attribute `name` is permuted over the nodes uniformly at random
/// (stream `(seed, sample)`); ties and other attributes unchanged.
///
/// # Errors
/// No attribute `name`.
///
/// # Example
/// ```
/// use wijknet::{datasets, stats::null::permute_graph_attribute, Context, Network, Projection};
/// let net = Network::new(datasets::badhuis(300, 0).unwrap());
/// let g = net.project(&Projection::default(), &Context::new()).unwrap();
/// let p = permute_graph_attribute(&g, "age_group", 5, 0).unwrap();
/// assert_eq!(p.edges(), g.edges()); // the ties are unchanged
/// assert!(permute_graph_attribute(&g, "shoe_size", 5, 0).is_err());
/// ```
pub fn permute_graph_attribute(g: &Graph, name: &str, seed: u64, sample: u64) -> Result<Graph> {
    let nodes = g.nodes();
    let col = attribute(&nodes.attributes, name)?;
    let perm = permutation(g.node_count(), seed, sample);
    let mut columns = nodes.attributes.columns().to_vec();
    for (n, c) in columns.iter_mut() {
        if n == name {
            *c = permute_column(col, &perm);
        }
    }
    let attributes = Attributes::default().join(&nodes.ids, "node", &nodes.ids, columns, "node")?;
    let table = Arc::new(NodeTable {
        ids: nodes.ids.clone(),
        attributes,
    });
    Ok(Graph::from_csr(
        table,
        g.is_directed(),
        g.out_csr().clone(),
        g.origin().cloned(),
    ))
}

/// A copy of `net` whose resident attribute `name` is permuted uniformly at random over the
/// residents of the view (stream `(seed, sample)`; residents outside the view keep theirs).
///
/// # Errors
/// No attribute `name`.
///
/// # Example
/// ```
/// use wijknet::{datasets, stats::null::permute_network_attribute, Network};
/// let net = Network::new(datasets::badhuis(300, 0).unwrap());
/// let p = permute_network_attribute(&net, "age_group", 5, 0).unwrap();
/// assert_eq!(p.rows(), net.rows()); // the register is unchanged
/// ```
pub fn permute_network_attribute(
    net: &Network,
    name: &str,
    seed: u64,
    sample: u64,
) -> Result<Network> {
    let reg = net.register();
    let col = attribute(reg.resident_attributes(), name)?;
    let view = net.incidence(Unit::Activity).residents.clone();
    let perm = permutation(view.len(), seed, sample);
    // Register-wide positions: view resident view[i] takes the value of view[perm[i]].
    let mut idx: Vec<u32> = (0..reg.n_residents() as u32).collect();
    for (i, &p) in perm.iter().enumerate() {
        idx[view[i] as usize] = view[p as usize];
    }
    let new = permute_column(col, &idx);
    net.with_resident_attributes(
        "resident",
        reg.resident_ids(),
        vec![(name.to_string(), new)],
    )
}
