//! The backbone of a resident projection (Neal 2014): the ties whose co-occurrence (number of
//! shared activities) is significantly larger than the residents' and activities' degree
//! sequences predict.
//!
//! Every pair of residents is a test. Candidate ties (pairs that share at least one activity)
//! get an upper-tail p-value P(C_ij ≥ c_ij) under a null model; pairs that share nothing have
//! p = 1. Multiple-testing corrections count all n(n−1)/2 pairs as tests (as Neal's R package
//! `backbone` does); a tie is kept when its (adjusted) p-value is below `alpha` (one-sided:
//! only ties stronger than expected).
//!
//! - **SDSM** (stochastic degree sequence model): a_ik are independent Bernoulli(p_ik) with
//!   p_ik from the bipartite configuration model (BiCM; Saracco et al. 2015) — the maximum-
//!   entropy probabilities p_ik = x_i y_k/(1 + x_i y_k) whose expected row and column sums
//!   equal the observed degrees. (Neal 2014 fitted a logit of a_ik on the margins; the BiCM is
//!   what the `backbone` package uses now, following Neal, Domagalski & Sagan 2021, because it
//!   reproduces the margins exactly in expectation.) Residents (activities) with the same
//!   degree share one p, so the fit runs over degree classes: a fixed-point iteration to a
//!   relative margin error below 1e-12 (residents attending every activity, or activities
//!   attended by everyone, get p = 1 exactly). Then C_ij = Σ_k B(p_ik p_jk) is
//!   Poisson-binomial; its upper tail is computed exactly by dynamic programming over the
//!   activities ([`poisson_binomial_tails`]): the probability mass of 0..c and of "more than
//!   c" is propagated, and the tail is a sum of non-negative terms (no subtraction from 1), so
//!   tiny p-values keep their relative accuracy (≈ 1e-13 in the tests against an independent
//!   convolution).
//! - **FDSM** (fixed degree sequence model): p_ij = (#{samples with C_ij ≥ c_ij} + 1)/(R + 1)
//!   over R curveball samples (independent chains, stream `(seed, sample)`), the expectation
//!   their mean co-occurrence. Exact margins, but the smallest p-value is 1/(R+1).
//!
//! ```
//! use wijknet::{datasets, stats::backbone::{backbone, BackboneOptions}, Context, Network};
//! let net = Network::new(datasets::davis_southern_women());
//! let (g, table) = backbone(&net, &BackboneOptions::default(), &Context::new()).unwrap();
//! assert_eq!(table.a.len(), 139); // every pair of women that met
//! assert!(g.edge_count() <= 139);
//! ```
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::{Csr, Graph, NodeTable};
use crate::incidence::{Incidence, Unit};
use crate::network::Network;
use crate::parallel;
use crate::projection::{project_incidence, Projection};
use crate::stats::curveball::sample_incidence_with;
use ahash::AHashMap;
use ndarray::Array2;
use std::sync::Arc;

/// The null model of a backbone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Stochastic degree sequence model (BiCM probabilities, exact Poisson-binomial tails).
    #[default]
    Sdsm,
    /// Fixed degree sequence model (curveball samples).
    Fdsm,
}

crate::option_names!(Method, "method", { "sdsm" => Method::Sdsm, "fdsm" => Method::Fdsm });

/// Multiple-testing correction over the n(n−1)/2 pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Correction {
    /// Holm (1979) step-down (controls the family-wise error rate).
    #[default]
    Holm,
    /// Benjamini & Hochberg (1995) (controls the false discovery rate).
    FdrBh,
    /// No correction.
    None,
}

crate::option_names!(Correction, "correction", also = "or None", {
    "holm" => Correction::Holm,
    "fdr_bh" => Correction::FdrBh,
    "none" => Correction::None,
});

/// Options of [`backbone`].
#[derive(Debug, Clone, PartialEq)]
pub struct BackboneOptions {
    /// SDSM or FDSM.
    pub method: Method,
    /// Keep ties with (adjusted) p < alpha.
    pub alpha: f64,
    /// Multiple-testing correction.
    pub correction: Correction,
    /// FDSM: number of curveball samples.
    pub samples: usize,
    /// FDSM: trades per sample (None: 5 × residents).
    pub trades: Option<u64>,
}

impl Default for BackboneOptions {
    fn default() -> Self {
        BackboneOptions {
            method: Method::Sdsm,
            alpha: 0.05,
            correction: Correction::Holm,
            samples: 1000,
            trades: None,
        }
    }
}

/// Every candidate tie (pair sharing ≥ 1 activity), `a < b` as positions of the view's
/// residents, in row order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BackboneTable {
    /// First resident (position in the view).
    pub a: Vec<u32>,
    /// Second resident (position; > a).
    pub b: Vec<u32>,
    /// Shared activities.
    pub cooccurrence: Vec<u32>,
    /// Expected shared activities under the null model.
    pub expected: Vec<f64>,
    /// Upper-tail p-value.
    pub p: Vec<f64>,
    /// Adjusted p-value (= p without correction).
    pub p_adjusted: Vec<f64>,
    /// Whether the tie is in the backbone.
    pub kept: Vec<bool>,
    /// Number of tests the correction counted (n(n−1)/2).
    pub tests: f64,
}

/// BiCM probabilities by degree class (see the module docs).
#[derive(Debug, Clone)]
pub struct Bicm {
    row_class: Vec<u32>,
    col_class: Vec<u32>,
    /// Row-class degree, multiplicity.
    rows: Vec<(usize, usize)>,
    /// Column-class size, multiplicity.
    cols: Vec<(usize, usize)>,
    /// Row classes × column classes: the probability of a tie between their members.
    p: Array2<f64>,
    /// Fixed-point iterations used.
    pub iterations: usize,
    /// Largest relative error of an expected margin at the end.
    pub max_error: f64,
}

impl Bicm {
    /// P(a_ik = 1) for resident `i` and activity `k` (local indices).
    pub fn probability(&self, i: usize, k: usize) -> f64 {
        self.p[[self.row_class[i] as usize, self.col_class[k] as usize]]
    }
    fn class_p(&self, r: usize, c: usize) -> f64 {
        self.p[[r, c]]
    }
}

fn classes(degrees: &[usize]) -> (Vec<u32>, Vec<(usize, usize)>) {
    let mut distinct: Vec<usize> = degrees.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let index: AHashMap<usize, u32> = distinct
        .iter()
        .enumerate()
        .map(|(i, &d)| (d, i as u32))
        .collect();
    let mut mult = vec![0usize; distinct.len()];
    let class: Vec<u32> = degrees
        .iter()
        .map(|d| {
            let c = index[d];
            mult[c as usize] += 1;
            c
        })
        .collect();
    (class, distinct.into_iter().zip(mult).collect())
}

/// Fits the bipartite configuration model to the margins of `inc`.
///
/// # Errors
/// An empty incidence; a fit that does not converge to finite probabilities.
///
/// # Complexity
/// O(iterations × row classes × column classes) after an O(incidences) pass.
///
/// # Example
/// ```
/// use wijknet::{datasets, stats::backbone::bicm, Network, Unit};
/// let inc = Network::new(datasets::davis_southern_women()).incidence(Unit::Activity);
/// let fit = bicm(&inc).unwrap();
/// let row0: f64 = (0..inc.n_units()).map(|k| fit.probability(0, k)).sum();
/// assert!((row0 - inc.units_of(0).len() as f64).abs() < 1e-9); // expected degree = degree
/// ```
pub fn bicm(inc: &Incidence) -> Result<Bicm> {
    if inc.n_incidences() == 0 {
        return Err(Error::Empty {
            what: "the network".into(),
            fix: "give a register with at least one attendance".into(),
        });
    }
    let rdeg: Vec<usize> = (0..inc.n_residents())
        .map(|i| inc.units_of(i).len())
        .collect();
    let cdeg: Vec<usize> = (0..inc.n_units()).map(|k| inc.size(k)).collect();
    let (row_class, rows) = classes(&rdeg);
    let (col_class, cols) = classes(&cdeg);
    let (nr, nc) = (rows.len(), cols.len());
    let mut p = Array2::from_elem((nr, nc), f64::NAN);
    // Peel rows/columns whose probabilities are forced to 0 or 1.
    let mut rres: Vec<f64> = rows.iter().map(|&(d, _)| d as f64).collect();
    let mut cres: Vec<f64> = cols.iter().map(|&(s, _)| s as f64).collect();
    let mut ract = vec![true; nr];
    let mut cact = vec![true; nc];
    loop {
        let n_rows: f64 = (0..nr).filter(|&r| ract[r]).map(|r| rows[r].1 as f64).sum();
        let n_cols: f64 = (0..nc).filter(|&c| cact[c]).map(|c| cols[c].1 as f64).sum();
        let mut changed = false;
        for r in 0..nr {
            if !ract[r] {
                continue;
            }
            let v = if rres[r] <= 0.0 {
                0.0
            } else if rres[r] >= n_cols {
                1.0
            } else {
                continue;
            };
            for c in 0..nc {
                if cact[c] {
                    p[[r, c]] = v;
                    cres[c] -= v * rows[r].1 as f64;
                }
            }
            ract[r] = false;
            changed = true;
        }
        if changed {
            continue;
        }
        for c in 0..nc {
            if !cact[c] {
                continue;
            }
            let v = if cres[c] <= 0.0 {
                0.0
            } else if cres[c] >= n_rows {
                1.0
            } else {
                continue;
            };
            for r in 0..nr {
                if ract[r] {
                    p[[r, c]] = v;
                    rres[r] -= v * cols[c].1 as f64;
                }
            }
            cact[c] = false;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    let ar: Vec<usize> = (0..nr).filter(|&r| ract[r]).collect();
    let ac: Vec<usize> = (0..nc).filter(|&c| cact[c]).collect();
    let total: f64 = ar.iter().map(|&r| rres[r] * rows[r].1 as f64).sum();
    let mut x: Vec<f64> = ar.iter().map(|&r| rres[r] / total.sqrt()).collect();
    let mut y: Vec<f64> = ac.iter().map(|&c| cres[c] / total.sqrt()).collect();
    let mut iterations = 0;
    let mut max_error = 0.0;
    const TOL: f64 = 1e-12;
    const MAX_ITER: usize = 200_000;
    while !ar.is_empty() && !ac.is_empty() {
        for (a, &r) in ar.iter().enumerate() {
            let s: f64 = ac
                .iter()
                .zip(&y)
                .map(|(&c, &yc)| cols[c].1 as f64 * yc / (1.0 + x[a] * yc))
                .sum();
            x[a] = rres[r] / s;
        }
        for (b, &c) in ac.iter().enumerate() {
            let s: f64 = ar
                .iter()
                .zip(&x)
                .map(|(&r, &xr)| rows[r].1 as f64 * xr / (1.0 + xr * y[b]))
                .sum();
            y[b] = cres[c] / s;
        }
        iterations += 1;
        // Columns match exactly after their update; check the rows.
        max_error = ar
            .iter()
            .enumerate()
            .map(|(a, &r)| {
                let e: f64 = ac
                    .iter()
                    .zip(&y)
                    .map(|(&c, &yc)| cols[c].1 as f64 * x[a] * yc / (1.0 + x[a] * yc))
                    .sum();
                ((e - rres[r]) / rres[r]).abs()
            })
            .fold(0.0, f64::max);
        if max_error <= TOL || iterations >= MAX_ITER || max_error.is_nan() {
            break;
        }
    }
    for (a, &r) in ar.iter().enumerate() {
        for (b, &c) in ac.iter().enumerate() {
            let xy = x[a] * y[b];
            p[[r, c]] = xy / (1.0 + xy);
        }
    }
    if p.iter().any(|v| !v.is_finite()) || max_error > 1e-6 {
        return Err(Error::arg(
            "method",
            format!(
                "the SDSM (BiCM) fit did not converge (relative margin error {max_error:.2e} \
                 after {iterations} iterations); use method=\"fdsm\""
            ),
        ));
    }
    Ok(Bicm {
        row_class,
        col_class,
        rows,
        cols,
        p,
        iterations,
        max_error,
    })
}

/// Upper tails P(X ≥ c) for c = 0..=kmax of X = Σ_t Bernoulli(q_t) (Poisson-binomial), by
/// dynamic programming over the q_t with an absorbing "more than kmax" state: every tail is a
/// sum of non-negative terms, so small tails keep their relative accuracy.
///
/// # Complexity
/// O(len(q) · kmax).
///
/// # Example
/// ```
/// use wijknet::stats::backbone::poisson_binomial_tails;
/// let t = poisson_binomial_tails(&[0.5, 0.5], 2);
/// assert_eq!(t, vec![1.0, 0.75, 0.25]);
/// ```
pub fn poisson_binomial_tails(q: &[f64], kmax: usize) -> Vec<f64> {
    let mut pmf = vec![0.0f64; kmax + 1];
    pmf[0] = 1.0;
    let mut above = 0.0f64;
    for &qt in q {
        let r = 1.0 - qt;
        above += pmf[kmax] * qt;
        for v in (1..=kmax).rev() {
            pmf[v] = pmf[v] * r + pmf[v - 1] * qt;
        }
        pmf[0] *= r;
    }
    let mut tails = vec![0.0f64; kmax + 1];
    let mut acc = above;
    for c in (0..=kmax).rev() {
        acc += pmf[c];
        tails[c] = acc;
    }
    tails[0] = 1.0;
    tails
}

/// Adjusts p-values for `tests` tests in all (the p-values not given are taken as 1).
///
/// # Example
/// ```
/// use wijknet::stats::backbone::{adjust, Correction};
/// assert_eq!(adjust(&[0.01, 0.04], 2.0, Correction::Holm), vec![0.02, 0.04]);
/// assert_eq!(adjust(&[0.01, 0.04], 4.0, Correction::FdrBh), vec![0.04, 0.08]);
/// ```
pub fn adjust(p: &[f64], tests: f64, correction: Correction) -> Vec<f64> {
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut out = vec![0.0; p.len()];
    match correction {
        Correction::None => out.copy_from_slice(p),
        Correction::Holm => {
            let mut run = 0.0f64;
            for (rank, &i) in order.iter().enumerate() {
                run = run.max(((tests - rank as f64) * p[i]).min(1.0));
                out[i] = run;
            }
        }
        Correction::FdrBh => {
            let mut run = 1.0f64;
            for (rank, &i) in order.iter().enumerate().rev() {
                run = run.min((tests * p[i] / (rank + 1) as f64).min(1.0));
                out[i] = run;
            }
        }
    }
    out
}

/// Candidate pairs (a < b) with their co-occurrence, from the count projection.
fn candidates(inc: &Incidence, ctx: &Context) -> Result<(Vec<u32>, Vec<u32>, Vec<u32>)> {
    let csr = project_incidence(inc, &Projection::default(), ctx)?;
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..csr.n_rows() {
        for (&j, &w) in csr.row(i).iter().zip(csr.row_weights(i)) {
            if j as usize > i {
                a.push(i as u32);
                b.push(j);
                c.push(w as u32);
            }
        }
    }
    Ok((a, b, c))
}

fn sdsm(
    inc: &Incidence,
    a: &[u32],
    b: &[u32],
    c: &[u32],
    ctx: &Context,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let fit = bicm(inc)?;
    let nc = fit.cols.len();
    // (row class, row class) → (expectation, tails), computed once per class pair.
    let mut pairs: Vec<(u32, u32)> = a
        .iter()
        .zip(b)
        .map(|(&i, &j)| {
            let (x, y) = (fit.row_class[i as usize], fit.row_class[j as usize]);
            (x.min(y), x.max(y))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let one = |&(x, y): &(u32, u32)| -> Result<(f64, Vec<f64>)> {
        ctx.check()?;
        let (x, y) = (x as usize, y as usize);
        let kmax = fit.rows[x].0.min(fit.rows[y].0);
        let mut q = Vec::with_capacity(inc.n_units());
        let mut e = 0.0;
        for col in 0..nc {
            let v = fit.class_p(x, col) * fit.class_p(y, col);
            let m = fit.cols[col].1;
            e += v * m as f64;
            q.extend(std::iter::repeat_n(v, m));
        }
        Ok((e, poisson_binomial_tails(&q, kmax)))
    };
    let tables: Vec<Result<(f64, Vec<f64>)>> = ctx.install(|| parallel::map_items(&pairs, one));
    let mut lookup: AHashMap<(u32, u32), (f64, Vec<f64>)> = AHashMap::with_capacity(pairs.len());
    for (k, t) in pairs.into_iter().zip(tables) {
        lookup.insert(k, t?);
    }
    let mut expected = Vec::with_capacity(a.len());
    let mut p = Vec::with_capacity(a.len());
    for t in 0..a.len() {
        let (x, y) = (fit.row_class[a[t] as usize], fit.row_class[b[t] as usize]);
        let (e, tails) = &lookup[&(x.min(y), x.max(y))];
        expected.push(*e);
        p.push(tails[(c[t] as usize).min(tails.len() - 1)]);
    }
    Ok((expected, p))
}

fn common(x: &[u32], y: &[u32]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn fdsm(
    inc: &Incidence,
    a: &[u32],
    b: &[u32],
    c: &[u32],
    opts: &BackboneOptions,
    ctx: &Context,
) -> Result<(Vec<f64>, Vec<f64>)> {
    if opts.samples == 0 {
        return Err(Error::arg("samples", "give at least one curveball sample"));
    }
    let seed = ctx.seed();
    let n = a.len();
    ctx.start(opts.samples as u64);
    // Per sample: (count of samples with C ≥ c, sum of C); integer sums, so the reduction
    // order does not matter.
    let one = |s: usize| -> Result<(Vec<u32>, Vec<u64>)> {
        ctx.check()?;
        let smp = sample_incidence_with(inc, opts.trades, seed, s as u64, ctx)?;
        let mut ge = vec![0u32; n];
        let mut sum = vec![0u64; n];
        for t in 0..n {
            if t % 4096 == 0 {
                ctx.check()?; // millions of tied pairs per sample on a big register
            }
            let v = common(smp.units_of(a[t] as usize), smp.units_of(b[t] as usize));
            ge[t] = (v >= c[t]) as u32;
            sum[t] = v as u64;
        }
        ctx.advance(1);
        Ok((ge, sum))
    };
    let add = |x: Result<(Vec<u32>, Vec<u64>)>, y: Result<(Vec<u32>, Vec<u64>)>| {
        let (mut g1, mut s1) = x?;
        let (g2, s2) = y?;
        for t in 0..n {
            g1[t] += g2[t];
            s1[t] += s2[t];
        }
        Ok((g1, s1))
    };
    let zero = || Ok((vec![0u32; n], vec![0u64; n]));
    // integer tallies: any grouping of the additions gives the same result. In blocks of
    // samples, so that a cancelled call stops after one block instead of running through
    // millions of cancelled samples.
    const BLOCK: usize = 64;
    let mut total: Result<(Vec<u32>, Vec<u64>)> = zero();
    for start in (0..opts.samples).step_by(BLOCK) {
        ctx.check()?;
        let len = BLOCK.min(opts.samples - start);
        let part = ctx.install(|| parallel::reduce(len, |s| one(start + s), zero, add));
        total = add(total, part);
    }
    let (ge, sum) = total?;
    let r = opts.samples as f64;
    let p = ge.iter().map(|&g| (g as f64 + 1.0) / (r + 1.0)).collect();
    let expected = sum.iter().map(|&s| s as f64 / r).collect();
    Ok((expected, p))
}

/// The backbone of `net`'s resident projection (see the module docs).
///
/// # Arguments
/// * `net` — the network (its activity incidence);
/// * `opts` — method, alpha, correction (and FDSM samples and trades);
/// * `ctx` — threads, seed (FDSM), cancellation, progress.
///
/// # Returns
/// The backbone graph (every resident of the view a node, with its attributes; kept ties
/// weighted by their co-occurrence) and the table of every candidate tie.
///
/// # Errors
/// `alpha` outside (0, 1]; an empty network; an SDSM fit that does not converge; FDSM with no
/// samples; cancellation.
///
/// # Complexity
/// SDSM: the count projection + O(class pairs × activities × max degree). FDSM: R curveball
/// samples × O(candidate pairs × degree).
///
/// # Example
/// ```
/// use wijknet::{datasets, stats::backbone::*, Context, Network};
/// let net = Network::new(datasets::davis_southern_women());
/// let opts = BackboneOptions { correction: Correction::None, ..Default::default() };
/// let (g, t) = backbone(&net, &opts, &Context::new()).unwrap();
/// assert_eq!(g.edge_count(), t.kept.iter().filter(|&&k| k).count());
/// ```
pub fn backbone(
    net: &Network,
    opts: &BackboneOptions,
    ctx: &Context,
) -> Result<(Graph, BackboneTable)> {
    if !(opts.alpha > 0.0 && opts.alpha <= 1.0) {
        return Err(Error::arg(
            "alpha",
            format!(
                "{} is not in (0, 1]; give a significance level such as 0.05",
                opts.alpha
            ),
        ));
    }
    let inc = net.incidence(Unit::Activity);
    if inc.n_incidences() == 0 {
        return Err(Error::Empty {
            what: "the network".into(),
            fix: "give a register with at least one attendance".into(),
        });
    }
    let (a, b, c) = ctx.install(|| candidates(&inc, ctx))?;
    let (expected, p) = match opts.method {
        Method::Sdsm => sdsm(&inc, &a, &b, &c, ctx)?,
        Method::Fdsm => fdsm(&inc, &a, &b, &c, opts, ctx)?,
    };
    let n = inc.n_residents() as f64;
    let tests = n * (n - 1.0) / 2.0;
    let p_adjusted = adjust(&p, tests, opts.correction);
    let kept: Vec<bool> = p_adjusted.iter().map(|&q| q < opts.alpha).collect();
    // The backbone graph: kept ties in both directions, rows sorted.
    let nres = inc.n_residents();
    let mut deg = vec![0usize; nres + 1];
    for t in 0..a.len() {
        if kept[t] {
            deg[a[t] as usize + 1] += 1;
            deg[b[t] as usize + 1] += 1;
        }
    }
    for i in 0..nres {
        deg[i + 1] += deg[i];
    }
    let mut fill = deg.clone();
    let nnz = deg[nres];
    let (mut indices, mut weights) = (vec![0u32; nnz], vec![0f64; nnz]);
    // Pairs come in (a ascending, b ascending) order: writing b's entry (a) then a's entry (b)
    // fills every row in ascending order.
    for t in 0..a.len() {
        if kept[t] {
            let (x, y) = (a[t] as usize, b[t] as usize);
            indices[fill[y]] = x as u32;
            weights[fill[y]] = c[t] as f64;
            fill[y] += 1;
        }
    }
    for t in 0..a.len() {
        if kept[t] {
            let (x, y) = (a[t] as usize, b[t] as usize);
            indices[fill[x]] = y as u32;
            weights[fill[x]] = c[t] as f64;
            fill[x] += 1;
        }
    }
    let nodes = Arc::new(NodeTable {
        ids: net.resident_node_ids(),
        attributes: net.resident_node_attributes(),
    });
    let csr = Csr {
        indptr: deg,
        indices,
        weights,
    };
    let g = Graph::from_csr(nodes, false, csr, None);
    Ok((
        g,
        BackboneTable {
            a,
            b,
            cooccurrence: c,
            expected,
            p,
            p_adjusted,
            kept,
            tests,
        },
    ))
}
