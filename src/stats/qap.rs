//! QAP and MRQAP: permutation tests of the association between tie layers (docs/metrics.md,
//! "Layer association").
//!
//! # Cells
//! A layer is an n × n matrix: the tie weight in cell (i, j) (or 1 for every tie with
//! `weighted: false`), 0 where there is no tie. The diagonal is left out. When every layer is
//! undirected the cells are the n(n−1)/2 pairs i < j (the upper triangle); when any layer is
//! directed they are the n(n−1) ordered pairs, an undirected layer giving the same value to
//! (i, j) and (j, i). Layers are first aligned by node id ([`crate::metrics::association::align`]).
//!
//! # The null distribution
//! QAP (Krackhardt 1988) relabels the nodes of one matrix by a uniformly random permutation π
//! (rows and columns together: cell (i, j) takes the value of cell (π(i), π(j))), which keeps
//! the structure of each layer and breaks only their alignment. [`qap`] relabels `g2`.
//! [`mrqap`] uses Dekker, Krackhardt & Snijders' (2007) double semi-partialling: for predictor
//! k it regresses X_k on the other predictors (with intercept), relabels the matrix of
//! residuals, refits y on the relabelled residuals and the other predictors, and keeps the
//! t-statistic of the residual term.
//!
//! p-values: [`PValues`] as defined in [`crate::stats::summary`] (greater, less, and the
//! doubled smaller one as two-sided; values within a relative 1e-9 of the observed one count
//! as ties, so a relabelling that is a symmetry of the layers counts as at least as extreme).
//!
//! # How it runs
//! Layers are sparse, so no permutation visits the n² cells. Sums and sums of squares of a
//! matrix do not change under relabelling; only cross-products do, and
//! Σ_ij Z_ij · A_π(i)π(j) needs, per row i, row π(i) of A scattered into a dense vector and
//! the nonzeros of row i of Z: O(nnz(A) + nnz(Z)) per permutation. Under double
//! semi-partialling the residual matrix of X_k is dense, but it is a sparse matrix
//! s_k = X_k − Σ_l c_l X_l minus a constant, and centred cross-products ignore constants; the
//! refit needs only the cross-products of the relabelled s_k with y and the other (sparse,
//! fixed) predictors.
//!
//! # Determinism
//! Permutation r is drawn with the context's ChaCha stream r ([`Context::rng`]); every
//! permutation is evaluated sequentially by one thread; MRQAP uses the same permutation r for
//! every predictor. Results are bit-identical for any thread count. With
//! [`Context::with_first_task`] the permutations are `first..first + R` of a larger test, so
//! slices computed apart join into the whole null distribution.
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::{Csr, Graph};
use crate::metrics::association::{align, Alignment, NodeSet};
use rand::Rng;

use crate::parallel;
use crate::stats::summary::mean_sd;
pub use crate::stats::summary::PValues;
use ndarray::{s, Array2};

/// Permutations per parallel chunk (fixed, so results do not depend on the thread count).
const CHUNK: usize = 8;

/// Options of [`qap`] and [`mrqap`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QapOptions {
    /// Number of permutations R (≥ 1). Default 1000.
    pub permutations: usize,
    /// Use the tie weights as cell values (default) or 1 for every tie.
    pub weighted: bool,
    /// How to align the layers by node id.
    pub nodes: NodeSet,
}

impl Default for QapOptions {
    fn default() -> Self {
        QapOptions {
            permutations: 1000,
            weighted: true,
            nodes: NodeSet::Intersection,
        }
    }
}

/// The result of [`qap`].
#[derive(Debug, Clone, PartialEq)]
pub struct Qap {
    /// How the two layers were aligned.
    pub alignment: Alignment,
    /// Number of cells correlated (n(n−1)/2 or n(n−1), module docs).
    pub cells: u64,
    /// Pearson correlation of the two layers' cells.
    pub observed: f64,
    /// The correlation under each of the R permutations, in permutation order.
    pub null: Vec<f64>,
    /// Permutation p-values of `observed`.
    pub p: PValues,
    /// Mean of `null`.
    pub null_mean: f64,
    /// Sample standard deviation of `null`.
    pub null_sd: f64,
}

/// The result of [`mrqap`]. Terms are the intercept followed by the predictors in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Mrqap {
    /// How the layers (y first) were aligned.
    pub alignment: Alignment,
    /// Number of cells (observations).
    pub cells: u64,
    /// OLS coefficients: intercept, then one per predictor.
    pub coefficients: Vec<f64>,
    /// Classical OLS standard errors of the coefficients.
    pub std_errors: Vec<f64>,
    /// t-statistics (coefficient / standard error).
    pub t: Vec<f64>,
    /// R² of the fit.
    pub r_squared: f64,
    /// Adjusted R²: 1 − (1 − R²)(N − 1)/(N − p − 1).
    pub adj_r_squared: f64,
    /// Residual degrees of freedom N − p − 1.
    pub residual_df: f64,
    /// R × p: `null_t[[r, k]]` is predictor k's t-statistic under permutation r (double
    /// semi-partialling); column k is predictor k's null distribution.
    pub null_t: Array2<f64>,
    /// Per predictor: permutation p-values of its t-statistic.
    pub p: Vec<PValues>,
}

// ---------------------------------------------------------------------------------------------
// cells
// ---------------------------------------------------------------------------------------------

/// The cell values of a layer as rows (the out-adjacency; 1 for every tie when unweighted).
fn cells_of(g: &Graph, weighted: bool) -> Csr {
    let mut c = g.out_csr().clone();
    if !weighted {
        c.weights.iter_mut().for_each(|w| *w = 1.0);
    }
    c
}

/// Σ of all stored values.
fn total(a: &Csr) -> f64 {
    a.weights.iter().sum()
}

/// Σ_ij a_ij b_ij (row merges).
fn dot(a: &Csr, b: &Csr) -> f64 {
    let mut s = 0.0;
    for i in 0..a.n_rows() {
        let (ra, wa, rb, wb) = (a.row(i), a.row_weights(i), b.row(i), b.row_weights(i));
        let (mut p, mut q) = (0, 0);
        while p < ra.len() && q < rb.len() {
            match ra[p].cmp(&rb[q]) {
                std::cmp::Ordering::Less => p += 1,
                std::cmp::Ordering::Greater => q += 1,
                std::cmp::Ordering::Equal => {
                    s += wa[p] * wb[q];
                    p += 1;
                    q += 1;
                }
            }
        }
    }
    s
}

/// Σ_k coef_k · mats_k as one CSR (union of the nonzeros, ascending columns).
fn combine(mats: &[&Csr], coef: &[f64], n: usize) -> Csr {
    let mut dense = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut cols: Vec<u32> = Vec::new();
    let mut indptr = Vec::with_capacity(n + 1);
    indptr.push(0usize);
    let (mut indices, mut weights) = (Vec::new(), Vec::new());
    for i in 0..n {
        for (m, &c) in mats.iter().zip(coef) {
            for (&j, &w) in m.row(i).iter().zip(m.row_weights(i)) {
                if !seen[j as usize] {
                    seen[j as usize] = true;
                    cols.push(j);
                }
                dense[j as usize] += c * w;
            }
        }
        cols.sort_unstable();
        for &j in &cols {
            indices.push(j);
            weights.push(dense[j as usize]);
            dense[j as usize] = 0.0;
            seen[j as usize] = false;
        }
        cols.clear();
        indptr.push(indices.len());
    }
    Csr {
        indptr,
        indices,
        weights,
    }
}

/// How [`permuted_dots`] visits the cells of one target Z against the relabelled matrix A.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// Per row i: row π(i) of A scattered into a dense vector, then Z's row i looked up in it.
    /// O(nnz(A) + nnz(Z)); the scatter is shared by every target with this plan.
    Scatter,
    /// Per stored cell (i, j) of Z: binary search of π(j) in row π(i) of A.
    /// O(nnz(Z) · log deg(A)); for a Z much sparser than A.
    SearchA,
    /// Per stored cell (a, b) of A: binary search of π⁻¹(b) in row π⁻¹(a) of Z.
    /// O(nnz(A) · log deg(Z)); for an A much sparser than Z.
    SearchZ,
}

impl Plan {
    /// The cheapest plan by operation counts (a binary search step costs about twice a
    /// scatter/look-up step). Depends only on the matrices, never on the thread count.
    fn choose(a: &Csr, z: &Csr) -> Plan {
        let n = a.n_rows().max(1) as f64;
        let steps = |nnz: usize, other: &Csr| {
            nnz as f64 * (1.0 + 2.0 * (1.0 + other.nnz() as f64 / n).log2())
        };
        let scatter = (a.nnz() + z.nnz()) as f64;
        let (sa, sz) = (steps(z.nnz(), a), steps(a.nnz(), z));
        if scatter <= sa && scatter <= sz {
            Plan::Scatter
        } else if sa <= sz {
            Plan::SearchA
        } else {
            Plan::SearchZ
        }
    }
}

/// The value at (row, col) of `m`, 0 if not stored.
#[inline]
fn lookup(m: &Csr, row: usize, col: u32) -> f64 {
    let r = m.row(row);
    match r.binary_search(&col) {
        Ok(p) => m.weights[m.indptr[row] + p],
        Err(_) => 0.0,
    }
}

/// Scratch vectors of one worker: the permutation, its inverse, a dense row.
struct Scratch {
    perm: Vec<u32>,
    inv: Vec<u32>,
    dense: Vec<f64>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            perm: vec![0; n],
            inv: vec![0; n],
            dense: vec![0.0; n],
        }
    }
}

/// `out[t] = Σ_{(i,j) ∈ nz(zs[t])} zs[t]_ij · a_{π(i) π(j)}` with `perm[i] = π(i)` and
/// `inv` its inverse, each target visited by its [`Plan`]. `dense` is an all-zero scratch
/// vector of length n and is left all zero.
fn permuted_dots(
    a: &Csr,
    zs: &[&Csr],
    plans: &[Plan],
    perm: &[u32],
    inv: &[u32],
    dense: &mut [f64],
    out: &mut [f64],
) {
    out.iter_mut().for_each(|o| *o = 0.0);
    if plans.contains(&Plan::Scatter) {
        for (i, &pi) in perm.iter().enumerate() {
            let pi = pi as usize;
            let (ra, wa) = (a.row(pi), a.row_weights(pi));
            if ra.is_empty() {
                continue;
            }
            for (&b, &w) in ra.iter().zip(wa) {
                dense[b as usize] = w;
            }
            for ((z, o), _) in zs
                .iter()
                .zip(out.iter_mut())
                .zip(plans)
                .filter(|(_, &p)| p == Plan::Scatter)
            {
                let mut acc = 0.0;
                for (&j, &w) in z.row(i).iter().zip(z.row_weights(i)) {
                    acc += w * dense[perm[j as usize] as usize];
                }
                *o += acc;
            }
            for &b in ra {
                dense[b as usize] = 0.0;
            }
        }
    }
    for ((z, o), &plan) in zs.iter().zip(out.iter_mut()).zip(plans) {
        match plan {
            Plan::Scatter => {}
            Plan::SearchA => {
                for (i, &pi) in perm.iter().enumerate() {
                    let mut acc = 0.0;
                    for (&j, &w) in z.row(i).iter().zip(z.row_weights(i)) {
                        acc += w * lookup(a, pi as usize, perm[j as usize]);
                    }
                    *o += acc;
                }
            }
            Plan::SearchZ => {
                for (p, &ip) in inv.iter().enumerate() {
                    let mut acc = 0.0;
                    for (&b, &w) in a.row(p).iter().zip(a.row_weights(p)) {
                        acc += w * lookup(z, ip as usize, inv[b as usize]);
                    }
                    *o += acc;
                }
            }
        }
    }
}

/// A uniformly random permutation of 0..n from the context's stream `task` (Fisher–Yates).
fn permutation(ctx: &Context, task: u64, s: &mut Scratch) {
    let n = s.perm.len();
    s.perm
        .iter_mut()
        .enumerate()
        .for_each(|(i, p)| *p = i as u32);
    let mut rng = ctx.rng(task);
    for i in (1..n).rev() {
        let j = rng.random_range(0..=i);
        s.perm.swap(i, j);
    }
    for (i, &p) in s.perm.iter().enumerate() {
        s.inv[p as usize] = i as u32;
    }
}

/// `f(scratch)` (its permutation drawn) for permutations 0..r in fixed chunks (in parallel with the `parallel`
/// feature), checking for cancellation and advancing progress per chunk; results in order.
fn per_permutation<T: Send>(
    ctx: &Context,
    r: usize,
    n: usize,
    f: impl Fn(&mut Scratch) -> T + Sync + Send,
) -> Result<Vec<T>> {
    ctx.start(r as u64);
    parallel::per_item(
        ctx,
        r,
        CHUNK,
        || Scratch::new(n),
        |task, s| {
            permutation(ctx, task as u64, s);
            f(s)
        },
    )
}

/// The layers aligned, as cell rows, with the cell count and the factor (1/2 when every layer
/// is undirected: each upper-triangle cell is stored twice) applied to sums over stored cells.
struct Layers {
    alignment: Alignment,
    n: usize,
    mats: Vec<Csr>,
    cells: f64,
    half: f64,
}

fn layers(graphs: &[&Graph], opts: &QapOptions) -> Result<Layers> {
    if opts.permutations < 1 {
        return Err(Error::arg(
            "n",
            "the number of permutations must be at least 1 (1000 or more for a p-value to two \
             decimals)",
        ));
    }
    let al = align(graphs, opts.nodes)?;
    let n = al.alignment.node_count();
    if n < 3 {
        return Err(Error::arg(
            "graphs",
            format!(
                "the aligned layers have {n} node(s); a permutation test needs at least 3 \
                 (check the ids the layers have in common)"
            ),
        ));
    }
    let directed = al.graphs.iter().any(|g| g.is_directed());
    let mats = al
        .graphs
        .iter()
        .map(|g| cells_of(g, opts.weighted))
        .collect();
    let (cells, half) = if directed {
        ((n * (n - 1)) as f64, 1.0)
    } else {
        ((n * (n - 1) / 2) as f64, 0.5)
    };
    Ok(Layers {
        alignment: al.alignment,
        n,
        mats,
        cells,
        half,
    })
}

fn no_variation(what: &str) -> Error {
    Error::arg(
        what,
        "the layer has the same value in every cell (no ties, or every pair tied with the same \
         weight), so its correlation with another layer is undefined; check the layer (e.g. \
         g.number_of_edges()) and the node alignment",
    )
}

/// QAP correlation test of two layers (module docs).
///
/// # Arguments
/// * `g1`, `g2` — the layers, directed or not; `g2` is relabelled.
/// * `opts` — permutations, weights, node alignment ([`QapOptions`]).
/// * `ctx` — seed (permutation r uses stream r), threads, cancellation, progress (in
///   permutations).
///
/// # Returns
/// [`Qap`]: observed correlation, null distribution, p-values.
///
/// # Errors
/// [`Error::InvalidArgument`] for 0 permutations, fewer than 3 aligned nodes, or a layer with
/// the same value in every cell; those of [`align`]; [`Error::Cancelled`].
///
/// # Complexity
/// O(R · (n + m1 + m2)) time, O(n) memory per thread; parallel over permutations.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::stats::qap::{qap, QapOptions};
/// let ids = || Ids::Int((0..6).collect());
/// let met = Graph::from_edges(ids(), &[(0, 1, 1.0), (1, 2, 1.0), (3, 4, 1.0), (4, 5, 1.0)], false).unwrap();
/// let help = Graph::from_edges(ids(), &[(0, 1, 1.0), (1, 2, 1.0), (3, 4, 1.0)], false).unwrap();
/// let opts = QapOptions { permutations: 200, ..Default::default() };
/// let q = qap(&met, &help, &opts, &Context::new().with_seed(1)).unwrap();
/// assert!(q.observed > 0.8);
/// assert_eq!(q.null.len(), 200);
/// assert!(q.p.greater < 0.05);
/// ```
pub fn qap(g1: &Graph, g2: &Graph, opts: &QapOptions, ctx: &Context) -> Result<Qap> {
    let l = layers(&[g1, g2], opts)?;
    let (a, b) = (&l.mats[0], &l.mats[1]);
    let (s1, s2) = (l.half * total(a), l.half * total(b));
    let c11 = l.half * dot(a, a) - s1 * s1 / l.cells;
    let c22 = l.half * dot(b, b) - s2 * s2 / l.cells;
    if c11.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return Err(no_variation("g1"));
    }
    if c22.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return Err(no_variation("g2"));
    }
    let denom = (c11 * c22).sqrt();
    let corr = |cross: f64| (l.half * cross - s1 * s2 / l.cells) / denom;
    let observed = corr(dot(a, b));
    let plan = [Plan::choose(b, a)];
    let null = per_permutation(ctx, opts.permutations, l.n, |s| {
        let mut out = [0.0];
        permuted_dots(b, &[a], &plan, &s.perm, &s.inv, &mut s.dense, &mut out);
        corr(out[0])
    })?;
    let (null_mean, null_sd) = mean_sd(&null);
    Ok(Qap {
        alignment: l.alignment,
        cells: l.cells as u64,
        observed,
        p: PValues::new(observed, &null),
        null,
        null_mean,
        null_sd,
    })
}

// ---------------------------------------------------------------------------------------------
// OLS on centred cross-products
// ---------------------------------------------------------------------------------------------

/// Inverse of a symmetric positive definite matrix by Gauss–Jordan elimination without
/// pivoting (stable for SPD). `Err(k)` when the k-th pivot is below 1e-10 times the k-th
/// diagonal entry (variable k has no variation, or is a linear combination of the variables
/// before it).
fn invert_spd(a: &Array2<f64>) -> std::result::Result<Array2<f64>, usize> {
    let p = a.nrows();
    let mut m = a.clone();
    let mut inv = Array2::<f64>::eye(p);
    for k in 0..p {
        let piv = m[[k, k]];
        if piv.is_nan() || piv <= 1e-10 * a[[k, k]] || piv <= 0.0 {
            return Err(k);
        }
        for j in 0..p {
            m[[k, j]] /= piv;
            inv[[k, j]] /= piv;
        }
        for i in 0..p {
            if i != k {
                let f = m[[i, k]];
                if f != 0.0 {
                    for j in 0..p {
                        m[[i, j]] -= f * m[[k, j]];
                        inv[[i, j]] -= f * inv[[k, j]];
                    }
                }
            }
        }
    }
    Ok(inv)
}

/// Slopes b = C⁻¹ c, the inverse, and the residual sum of squares cyy − b·c (sums in index
/// order, so results do not depend on how a library would block a matrix product).
fn ols(
    cxx: &Array2<f64>,
    cxy: &[f64],
    cyy: f64,
) -> std::result::Result<(Vec<f64>, Array2<f64>, f64), usize> {
    let p = cxy.len();
    let inv = invert_spd(cxx)?;
    let b: Vec<f64> = (0..p)
        .map(|i| (0..p).map(|j| inv[[i, j]] * cxy[j]).sum())
        .collect();
    let rss = (cyy - b.iter().zip(cxy).map(|(x, y)| x * y).sum::<f64>()).max(0.0);
    Ok((b, inv, rss))
}

/// MRQAP: OLS regression of y's cells on the predictors' cells with an intercept, and for each
/// predictor the permutation p-value of its t-statistic under Dekker's double
/// semi-partialling (module docs).
///
/// # Arguments
/// * `y` — the dependent layer.
/// * `xs` — one or more predictor layers.
/// * `opts` — permutations, weights, node alignment ([`QapOptions`]); layers are aligned on
///   y and all predictors together.
/// * `ctx` — seed (permutation r uses stream r, for every predictor), threads, cancellation,
///   progress (in permutations).
///
/// # Returns
/// [`Mrqap`]: coefficients, standard errors, t, R², null distributions and p-values.
///
/// # Errors
/// [`Error::InvalidArgument`] for no predictor, 0 permutations, fewer than 3 aligned nodes, as
/// many terms as cells, y without variation, or a predictor without variation or collinear
/// with the others; those of [`align`]; [`Error::Cancelled`].
///
/// # Complexity
/// O(p · Σ nnz) to fit; O(R · p · (n + Σ nnz)) for the permutations (p predictors, Σ nnz the
/// stored cells of all layers); O(n) memory per thread; parallel over permutations.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::stats::qap::{mrqap, QapOptions};
/// let ids = || Ids::Int((0..5).collect());
/// let help = Graph::from_edges(ids(), &[(0, 1, 3.0), (1, 2, 1.0), (3, 4, 2.0)], false).unwrap();
/// let met = Graph::from_edges(ids(), &[(0, 1, 2.0), (1, 2, 1.0), (2, 3, 1.0)], false).unwrap();
/// let org = Graph::from_edges(ids(), &[(0, 1, 1.0), (3, 4, 1.0)], false).unwrap();
/// let opts = QapOptions { permutations: 100, ..Default::default() };
/// let m = mrqap(&help, &[&met, &org], &opts, &Context::new().with_seed(3)).unwrap();
/// assert_eq!(m.coefficients.len(), 3); // intercept, met, org
/// assert_eq!(m.cells, 10);
/// assert_eq!(m.null_t.dim(), (100, 2)); // permutations × predictors
/// assert!(m.r_squared > 0.5 && m.r_squared <= 1.0);
/// ```
pub fn mrqap(y: &Graph, xs: &[&Graph], opts: &QapOptions, ctx: &Context) -> Result<Mrqap> {
    if xs.is_empty() {
        return Err(Error::arg("xs", "give at least one predictor layer"));
    }
    let mut all: Vec<&Graph> = vec![y];
    all.extend_from_slice(xs);
    let l = layers(&all, opts)?;
    let p = xs.len();
    let nv = p + 1; // variable 0 = y, 1..=p = predictors
    let big_n = l.cells;
    let df = big_n - p as f64 - 1.0;
    if df < 1.0 {
        return Err(Error::arg(
            "xs",
            format!(
                "{} cells cannot fit an intercept and {p} predictor(s); use fewer predictors \
                 or more nodes",
                big_n
            ),
        ));
    }
    let sums: Vec<f64> = l.mats.iter().map(|m| l.half * total(m)).collect();
    let mut c = Array2::<f64>::zeros((nv, nv));
    for u in 0..nv {
        for v in u..nv {
            let d = l.half * dot(&l.mats[u], &l.mats[v]) - sums[u] * sums[v] / big_n;
            c[[u, v]] = d;
            c[[v, u]] = d;
        }
    }
    let cyy = c[[0, 0]];
    if cyy.is_nan() || cyy <= 0.0 {
        return Err(no_variation("y"));
    }
    let collinear = |k: usize| {
        Error::arg(
            "xs",
            format!(
                "predictor {} has no variation or is (nearly) a linear combination of the \
                 predictors before it, so its coefficient is not identified; leave it out",
                k + 1
            ),
        )
    };
    let cxx = c.slice(s![1.., 1..]).to_owned();
    let cxy: Vec<f64> = (1..nv).map(|u| c[[u, 0]]).collect();
    let (b, inv, rss) = ols(&cxx, &cxy, cyy).map_err(collinear)?;
    let sigma2 = rss / df;
    let means: Vec<f64> = sums.iter().map(|s| s / big_n).collect();
    let intercept = means[0] - (0..p).map(|k| b[k] * means[k + 1]).sum::<f64>();
    let quad: f64 = (0..p)
        .flat_map(|i| (0..p).map(move |j| (i, j)))
        .map(|(i, j)| means[i + 1] * inv[[i, j]] * means[j + 1])
        .sum();
    let mut coefficients = vec![intercept];
    coefficients.extend_from_slice(&b);
    let mut std_errors = vec![(sigma2 * (1.0 / big_n + quad)).sqrt()];
    std_errors.extend((0..p).map(|k| (sigma2 * inv[[k, k]]).sqrt()));
    let t: Vec<f64> = coefficients
        .iter()
        .zip(&std_errors)
        .map(|(b, s)| b / s)
        .collect();
    let r_squared = 1.0 - rss / cyy;
    let adj_r_squared = 1.0 - (1.0 - r_squared) * (big_n - 1.0) / df;

    // double semi-partialling: per predictor k, s_k = X_k − Σ_{l≠k} c_l X_l
    struct Partial {
        s: Csr,
        /// Σ s over the cells
        sum: f64,
        /// centred Σ s² (= the residual sum of squares of X_k on the others)
        css: f64,
        /// the other predictors (variable indices 1..=p)
        others: Vec<usize>,
        /// centred cross-products among the others
        coo: Array2<f64>,
        /// centred cross-products of the others with y
        coy: Vec<f64>,
        /// how to visit each target (y, then the others) against the relabelled s
        plans: Vec<Plan>,
    }
    let mut partials = Vec::with_capacity(p);
    for k in 1..nv {
        let others: Vec<usize> = (1..nv).filter(|&v| v != k).collect();
        let q = others.len();
        let coo = Array2::from_shape_fn((q, q), |(a, b)| c[[others[a], others[b]]]);
        let cok: Vec<f64> = others.iter().map(|&u| c[[u, k]]).collect();
        let coef: Vec<f64> = if q == 0 {
            Vec::new()
        } else {
            ols(&coo, &cok, c[[k, k]]).map_err(collinear)?.0
        };
        let mut mats: Vec<&Csr> = vec![&l.mats[k]];
        let mut cf = vec![1.0];
        for (&u, &cu) in others.iter().zip(&coef) {
            mats.push(&l.mats[u]);
            cf.push(-cu);
        }
        let s = combine(&mats, &cf, l.n);
        let sum = l.half * total(&s);
        let css = l.half * dot(&s, &s) - sum * sum / big_n;
        if css.is_nan() || css <= 0.0 {
            return Err(collinear(k - 1));
        }
        let coy: Vec<f64> = others.iter().map(|&u| c[[u, 0]]).collect();
        let plans = std::iter::once(0)
            .chain(others.iter().copied())
            .map(|u| Plan::choose(&s, &l.mats[u]))
            .collect();
        partials.push(Partial {
            plans,
            s,
            sum,
            css,
            others,
            coo,
            coy,
        });
    }
    let null: Vec<Vec<f64>> = per_permutation(ctx, opts.permutations, l.n, |sc| {
        let mut ts = Vec::with_capacity(p);
        let mut out = vec![0.0; p + 1];
        let mut targets: Vec<&Csr> = Vec::with_capacity(p);
        for part in &partials {
            targets.clear();
            targets.push(&l.mats[0]);
            targets.extend(part.others.iter().map(|&u| &l.mats[u]));
            let out = &mut out[..targets.len()];
            permuted_dots(
                &part.s,
                &targets,
                &part.plans,
                &sc.perm,
                &sc.inv,
                &mut sc.dense,
                out,
            );
            // centred cross-products of the relabelled s with y and the others
            let cross = |i: usize, var: usize| l.half * out[i] - part.sum * sums[var] / big_n;
            let q = part.others.len();
            let m = q + 1;
            let mut cxx = Array2::<f64>::zeros((m, m));
            cxx[[0, 0]] = part.css;
            for (a, &u) in part.others.iter().enumerate() {
                let v = cross(a + 1, u);
                cxx[[0, a + 1]] = v;
                cxx[[a + 1, 0]] = v;
                for bb in 0..q {
                    cxx[[a + 1, bb + 1]] = part.coo[[a, bb]];
                }
            }
            let mut cxy = vec![cross(0, 0)];
            cxy.extend_from_slice(&part.coy);
            ts.push(match ols(&cxx, &cxy, cyy) {
                Ok((b, inv, rss)) => b[0] / (rss / df * inv[[0, 0]]).sqrt(),
                Err(_) => f64::NAN, // the relabelled residuals are collinear with the others
            });
        }
        ts
    })?;
    let null_t = Array2::from_shape_fn((null.len(), p), |(r, k)| null[r][k]);
    let pv = null_t
        .columns()
        .into_iter()
        .enumerate()
        .map(|(k, nt)| PValues::new(t[k + 1], &nt.to_vec()))
        .collect();
    Ok(Mrqap {
        alignment: l.alignment,
        cells: big_n as u64,
        coefficients,
        std_errors,
        t,
        r_squared,
        adj_r_squared,
        residual_df: df,
        null_t,
        p: pv,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permuted_dots_matches_dense() {
        // a 4-node directed matrix and a permutation, checked against the dense definition
        let ids = crate::ids::Ids::Int((0..4).collect());
        let a =
            Graph::from_edges(ids.clone(), &[(0, 1, 2.0), (2, 3, 1.5), (3, 0, 1.0)], true).unwrap();
        let z = Graph::from_edges(ids, &[(1, 0, 1.0), (0, 2, 3.0), (2, 1, 0.5)], true).unwrap();
        let perm = [2u32, 0, 3, 1];
        let inv = [1u32, 3, 0, 2];
        let mut dense = vec![0.0; 4];
        let mut outs = Vec::new();
        for plan in [Plan::Scatter, Plan::SearchA, Plan::SearchZ] {
            let mut out = [0.0];
            permuted_dots(
                a.out_csr(),
                &[z.out_csr()],
                &[plan],
                &perm,
                &inv,
                &mut dense,
                &mut out,
            );
            outs.push(out[0]);
        }
        let mut want = 0.0;
        for i in 0..4 {
            for j in 0..4 {
                let zw = z.weight(i, j).unwrap_or(0.0);
                let aw = a.weight(perm[i] as usize, perm[j] as usize).unwrap_or(0.0);
                want += zw * aw;
            }
        }
        assert_eq!(outs, vec![want; 3]);
        assert!(dense.iter().all(|&d| d == 0.0));
    }

    #[test]
    fn invert_spd_detects_collinearity() {
        let a = ndarray::array![[4.0, 2.0], [2.0, 1.0]]; // rank 1
        assert_eq!(invert_spd(&a), Err(1));
        let inv = invert_spd(&ndarray::array![[2.0, 1.0], [1.0, 2.0]]).unwrap();
        assert!((inv[[0, 0]] - 2.0 / 3.0).abs() < 1e-15 && (inv[[0, 1]] + 1.0 / 3.0).abs() < 1e-15);
    }
}
