//! Centrality: PageRank, eigenvector, betweenness (Brandes), closeness and harmonic centrality.
//!
//! Every function follows networkx's definition of the measure (`nx.pagerank`,
//! `nx.eigenvector_centrality`, `nx.betweenness_centrality`, `nx.closeness_centrality`,
//! `nx.harmonic_centrality`, networkx 3.6); the docs of each function list where it deliberately
//! differs.
//!
//! Weights are *strengths* (bigger = closer). Path-based measures take a [`Distance`]: hops,
//! `1/w` ([`Distance::Inverse`]) or `w` itself as a length ([`Distance::Weight`]).
//!
//! Determinism: per-node work writes one value per node; sums over nodes run over fixed chunks
//! combined in order; per-source dependency vectors (betweenness) are summed over fixed chunks of
//! sources, combined in chunk order. Results are bit-identical for any number of threads.
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::{Csr, Graph};
use crate::parallel::{self, chunked_sum, fill, SUM_CHUNK};
use rand::Rng;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU64, Ordering};

pub use super::distance::Distance;

// ---------------------------------------------------------------------------------------------
// PageRank
// ---------------------------------------------------------------------------------------------

/// Options of [`pagerank`]; the defaults are networkx's.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRankOptions {
    /// Damping factor, in (0, 1). Default 0.85.
    pub alpha: f64,
    /// Use tie strengths as transition weights (`true`, networkx `weight="weight"`) or count
    /// every tie once (`false`, `weight=None`). Default true.
    pub weighted: bool,
    /// Maximum number of power iterations. Default 100.
    pub max_iter: usize,
    /// Convergence when the L1 change of an iteration is below `n · tol`. Default 1e-6.
    pub tol: f64,
    /// Teleport (and dangling) distribution, one non-negative value per node (normalised to
    /// sum 1); `None` = uniform.
    pub personalization: Option<Vec<f64>>,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            alpha: 0.85,
            weighted: true,
            max_iter: 100,
            tol: 1e-6,
            personalization: None,
        }
    }
}

/// PageRank of every node, as networkx's `nx.pagerank`.
///
/// The fixed point of `x ← α (x P + (Σ_dangling x) p) + (1 − α) p`, with `P` the
/// row-normalised (weighted) adjacency, `p` the personalization vector (uniform by default)
/// and dangling nodes (no ties, or ties of total weight 0) spreading their rank as `p`,
/// exactly as networkx (which uses `p` for dangling nodes when no `dangling=` is given).
///
/// Directed graphs (rank flows along the ties' direction): networkx's power iteration,
/// starting from the uniform vector and stopping when the L1 change of an iteration is below
/// `n · tol`. Undirected graphs: SOR sweeps (ω = 1.3) on the equivalent linear system, one
/// connected component at a time, nodes of degree 1 folded into their neighbour; a component
/// stops once the L1 change `δ` of its last sweep proves that one more power-iteration step
/// would change the whole result by less than `α · n · tol` — the bound networkx's result
/// (whose last step changed it by less than `n · tol`) satisfies. So the error bound is
/// networkx's, but the values are not networkx's iterate: at the default `tol` they differ by
/// up to networkx's own error (≈ α/(1 − α) · n · tol in L1).
///
/// # Arguments
/// - `g`: the graph (directed or undirected).
/// - `opts`: see [`PageRankOptions`].
/// - `ctx`: threads and cancellation (checked between iterations).
///
/// # Returns
/// One value per node (summing to 1); empty for an empty graph.
///
/// # Errors
/// [`Error::InvalidArgument`] for `alpha` outside (0, 1), `tol` ≤ 0, a personalization vector
/// of the wrong length, with negative/non-finite values or summing to 0, and — naming
/// `max_iter` — when the iteration does not converge in `max_iter` iterations (networkx raises
/// `PowerIterationFailedConvergence`). [`Error::Cancelled`] when cancelled.
///
/// # Complexity
/// O(max_iter · (n + m)) time (`max_iter` counting power iterations, or sweeps of the
/// largest component); O(n) extra memory, undirected O(n + m) (a renumbered copy of the ties). Directed: parallel over nodes; undirected: parallel over
/// components (the largest one is swept on one thread). The same values on any number of
/// threads.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::centrality::{pagerank, PageRankOptions};
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0), (0, 2, 1.0)], false).unwrap();
/// let pr = pagerank(&g, &PageRankOptions::default(), &Context::new()).unwrap();
/// assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// assert!(pr[0] > pr[1] && (pr[1] - pr[2]).abs() < 1e-15);
/// ```
pub fn pagerank(g: &Graph, opts: &PageRankOptions, ctx: &Context) -> Result<Vec<f64>> {
    let alpha = opts.alpha;
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(Error::arg(
            "alpha",
            format!("must lie in (0, 1), got {alpha}"),
        ));
    }
    if !(opts.tol > 0.0 && opts.tol.is_finite()) {
        return Err(Error::arg(
            "tol",
            format!("must be a positive number, got {}", opts.tol),
        ));
    }
    let n = g.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let p: Vec<f64> = match &opts.personalization {
        None => vec![1.0 / n as f64; n],
        Some(v) => {
            if v.len() != n {
                return Err(Error::arg(
                    "personalization",
                    format!("has {} values for {n} nodes", v.len()),
                ));
            }
            if v.iter().any(|x| !(x.is_finite() && *x >= 0.0)) {
                return Err(Error::arg(
                    "personalization",
                    "values must be finite and non-negative",
                ));
            }
            let s = v.iter().fold(0.0, |a, b| a + b);
            if s <= 0.0 {
                return Err(Error::arg(
                    "personalization",
                    "values sum to 0; give at least one node a positive value",
                ));
            }
            v.iter().map(|x| x / s).collect()
        }
    };
    let out = g.out_csr();
    let inn = g.in_csr();
    let weighted = opts.weighted;
    // 1 / out-strength (0 for dangling nodes)
    let mut inv = vec![0.0; n];
    fill(&mut inv, |u| {
        let s = if weighted {
            out.row_weights(u).iter().fold(0.0, |a, w| a + w)
        } else {
            out.row(u).len() as f64
        };
        if s != 0.0 {
            1.0 / s
        } else {
            0.0
        }
    });
    let dangling: Vec<u32> = (0..n as u32).filter(|&u| inv[u as usize] == 0.0).collect();
    // The iteration streams every tie's weight each step; when every weight is an f32
    // exactly (counts and most projection weights), a 4-byte copy streams a third fewer bytes
    // per tie for the same sums.
    let exact32 = weighted && inn.weights.iter().all(|&w| (w as f32) as f64 == w);
    if !g.is_directed() {
        return ctx
            .install(|| pagerank_undirected(g, &p, &inv, exact32, opts, n as f64 * opts.tol, ctx));
    }
    let w32: Option<Vec<f32>> = if exact32 {
        Some(inn.weights.iter().map(|&w| w as f32).collect())
    } else {
        None
    };
    let mut x = vec![1.0 / n as f64; n];
    let mut y = vec![0.0; n];
    let mut next = vec![0.0; n];
    ctx.start(opts.max_iter as u64);
    ctx.install(|| -> Result<Vec<f64>> {
        for _ in 0..opts.max_iter {
            ctx.check()?;
            fill(&mut y, |u| x[u] * inv[u]);
            let dsum = chunked_sum(dangling.len(), |k| x[dangling[k] as usize]);
            {
                let y = &y;
                let p = &p;
                fill(&mut next, |v| {
                    let row = inn.row(v);
                    let s = if let Some(w32) = &w32 {
                        row_dot(row, &w32[inn.indptr[v]..inn.indptr[v + 1]], y.as_slice())
                    } else if weighted {
                        row_dot(row, inn.row_weights(v), y.as_slice())
                    } else {
                        row_sum(row, y.as_slice())
                    };
                    alpha * (s + dsum * p[v]) + (1.0 - alpha) * p[v]
                });
            }
            let err = chunked_sum(n, |i| (next[i] - x[i]).abs());
            std::mem::swap(&mut x, &mut next);
            ctx.advance(1);
            if err < n as f64 * opts.tol {
                return Ok(x.clone());
            }
        }
        Err(max_iter_error(opts))
    })
}

/// Over-relaxation factor of the undirected PageRank solver (SOR converges for any factor in
/// (0, 2) here; 1.3 roughly halves the sweeps of plain Gauss–Seidel on sparse projections).
const SOR_OMEGA: f64 = 1.3;

fn max_iter_error(opts: &PageRankOptions) -> Error {
    Error::arg(
        "max_iter",
        format!(
            "PageRank did not converge within max_iter={} iterations (tol={}); raise \
             max_iter or tol",
            opts.max_iter, opts.tol
        ),
    )
}

#[inline(always)]
fn load(v: &AtomicU64) -> f64 {
    f64::from_bits(v.load(Ordering::Relaxed))
}

#[inline(always)]
fn store(v: &AtomicU64, x: f64) {
    v.store(x.to_bits(), Ordering::Relaxed)
}

/// PageRank of an undirected graph by SOR sweeps on the linear system, one connected
/// component at a time.
///
/// With `P` the transition matrix (dangling rows zero), the PageRank vector is `z / Σz` for
/// the solution of `z = α Pᵀ z + p`: the dangling rank and the teleport are both spread as
/// `p`, so they only rescale `z`. The system splits into the connected components. A leaf
/// `l` (one tie, to a node `h` of degree ≥ 2) has `z_l = α P_hl z_h + p_l`; substituting it
/// into `h`'s equation leaves a smaller system over the other nodes (`h` gets a diagonal
/// term), solved by SOR sweeps in BFS order on a copy of the component's ties renumbered in
/// that order (rows, weights and values read in sequence); the leaves follow at the end.
///
/// Stopping: after a sweep that changed `z` by `δ` in L1, the residual of the full system is
/// at most `ρδ`, `ρ = α + (ω − 1)/ω`, and `|step(x) − x|₁ ≤ 2|r|₁ / Σz*` for the normalised
/// `x` and one power-iteration `step`. A component stops once `2ρδ ≤ α·l1·S`, `S` a lower
/// bound of its part of `Σz*`; summed over the components, one more power step would change
/// the result by less than `α·l1` — the bound networkx's result (whose last step changed it
/// by less than `l1`) satisfies.
///
/// The system matrix is diagonally similar to a symmetric positive definite one (and so is
/// the reduced one, a Schur complement), so SOR with ω in (0, 2) converges.
fn pagerank_undirected(
    g: &Graph,
    p: &[f64],
    inv: &[f64],
    exact32: bool,
    opts: &PageRankOptions,
    l1: f64,
    ctx: &Context,
) -> Result<Vec<f64>> {
    let csr = g.out_csr();
    let n = g.node_count();
    let alpha = opts.alpha;
    let weighted = opts.weighted;
    let deg = |v: usize| csr.indptr[v + 1] - csr.indptr[v];
    let tie = |k: usize| -> f64 {
        if weighted {
            csr.weights[k]
        } else {
            1.0
        }
    };
    // leaves: one tie (of positive weight) to a node with at least two
    let leaf: Vec<bool> = (0..n)
        .map(|v| deg(v) == 1 && inv[v] != 0.0 && deg(csr.row(v)[0] as usize) >= 2)
        .collect();
    // Components of the non-leaf nodes with ties, numbered in BFS order ("positions"), with a
    // copy of their ties between such nodes in that numbering (a sweep then reads rows, values
    // and the nodes' y in sequence). Per position the SOR update z = gain · Σ_u w_u y_u + base
    // (leaves folded in); per component its range of positions and its leaves' Σ p.
    let mut pos = vec![u32::MAX; n];
    let mut order: Vec<u32> = Vec::with_capacity(n);
    let (mut gain, mut base, mut inv_at) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let mut ptr: Vec<usize> = Vec::with_capacity(n + 1);
    ptr.push(0);
    let mut idx: Vec<u32> = Vec::with_capacity(csr.nnz());
    // weights as f32 where every one is exactly an f32 (see the power iteration), else f64
    let (mut w32, mut w64): (Vec<f32>, Vec<f64>) = (
        Vec::with_capacity(if exact32 { csr.nnz() } else { 0 }),
        Vec::with_capacity(if weighted && !exact32 { csr.nnz() } else { 0 }),
    );
    let mut comps: Vec<(usize, usize, f64)> = Vec::new();
    for r in 0..n {
        if pos[r] != u32::MAX || leaf[r] || deg(r) == 0 {
            continue;
        }
        let start = order.len();
        let mut leaf_p = 0.0;
        pos[r] = start as u32;
        order.push(r as u32);
        let mut head = start;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            let (mut lw, mut lp) = (0.0, 0.0);
            for (k, &u) in (csr.indptr[v]..).zip(csr.row(v)) {
                let u = u as usize;
                if leaf[u] {
                    lw += tie(k);
                    lp += p[u];
                    continue;
                }
                if pos[u] == u32::MAX {
                    pos[u] = order.len() as u32;
                    order.push(u as u32);
                }
                idx.push(pos[u]);
                if exact32 {
                    w32.push(csr.weights[k] as f32);
                } else if weighted {
                    w64.push(csr.weights[k]);
                }
            }
            ptr.push(idx.len());
            leaf_p += lp;
            let d = 1.0 - alpha * alpha * lw * inv[v];
            gain.push(alpha / d);
            base.push((p[v] + alpha * lp) / d);
            inv_at.push(inv[v]);
        }
        comps.push((start, order.len(), leaf_p));
    }
    // big components first (the order of solving does not change any value)
    comps.sort_by_key(|&(a, b, _)| (Reverse(b - a), a));
    // start from p / (1 − α), the solution when every node of a component has the same
    // strength (and the right total when no node is dangling)
    let z: Vec<AtomicU64> = order
        .iter()
        .map(|&v| AtomicU64::new((p[v as usize] / (1.0 - alpha)).to_bits()))
        .collect();
    let y: Vec<AtomicU64> = (0..order.len())
        .map(|i| AtomicU64::new((load(&z[i]) * inv_at[i]).to_bits()))
        .collect();
    let omega = SOR_OMEGA;
    let rho = alpha + (omega - 1.0) / omega;
    ctx.start(order.len() as u64);
    let solve = |&(a, b, leaf_p): &(usize, usize, f64)| -> Result<()> {
        for _ in 0..opts.max_iter {
            ctx.check()?;
            let (mut delta, mut sum) = (0.0f64, 0.0f64);
            for i in a..b {
                let (lo, hi) = (ptr[i], ptr[i + 1]);
                let row = &idx[lo..hi];
                let s = if exact32 {
                    row_dot(row, &w32[lo..hi], y.as_slice())
                } else if weighted {
                    row_dot(row, &w64[lo..hi], y.as_slice())
                } else {
                    row_sum(row, y.as_slice())
                };
                let old = load(&z[i]);
                let new = old + omega * (gain[i] * s + base[i] - old);
                delta += (new - old).abs();
                sum += new;
                store(&z[i], new);
                store(&y[i], new * inv_at[i]);
            }
            let lower = sum + leaf_p - rho * delta / (1.0 - alpha);
            if 2.0 * rho * delta <= alpha * l1 * lower {
                ctx.advance((b - a) as u64);
                return Ok(());
            }
        }
        Err(max_iter_error(opts))
    };
    parallel::try_for_each_item(&comps, solve)?;
    let mut out = vec![0.0; n];
    fill(&mut out, |v| {
        if leaf[v] {
            let (k, h) = (csr.indptr[v], csr.indices[csr.indptr[v]] as usize);
            alpha * tie(k) * load(&y[pos[h] as usize]) + p[v]
        } else if deg(v) == 0 {
            p[v]
        } else {
            load(&z[pos[v] as usize])
        }
    });
    let mut zn = vec![0.0; n];
    let scale = 1.0 / chunked_sum(n, |v| out[v]);
    fill(&mut zn, |v| out[v] * scale);
    Ok(zn)
}

// ---------------------------------------------------------------------------------------------
// eigenvector centrality
// ---------------------------------------------------------------------------------------------

/// Eigenvector centrality by power iteration, as networkx's `nx.eigenvector_centrality`.
///
/// Starts from all ones (normalised), iterates `x ← (A + I) x` (the identity shift makes the
/// iteration converge on bipartite graphs, as in networkx) and normalises to Euclidean length 1
/// each step; stops when the L1 change is below `n · tol`. With `weighted` the tie strengths are
/// the entries of `A` (networkx `weight="weight"`), otherwise every tie counts 1. For directed
/// graphs a node's score comes from its in-neighbours (left eigenvector, as networkx).
///
/// # Arguments
/// - `g`: the graph; `weighted`: use tie strengths; `max_iter`, `tol`: as networkx (100, 1e-6);
///   `ctx`: threads and cancellation.
///
/// # Returns
/// One value per node, Euclidean norm 1.
///
/// # Errors
/// [`Error::InvalidArgument`] for an empty graph (networkx: `NetworkXPointlessConcept`),
/// `tol` ≤ 0, and — naming `max_iter` — when the iteration does not converge.
///
/// # Complexity
/// O(max_iter · (n + m)); parallel over nodes.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::centrality::eigenvector_centrality;
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0), (0, 2, 1.0)], false).unwrap();
/// let x = eigenvector_centrality(&g, false, 100, 1e-6, &Context::new()).unwrap();
/// assert!((x[0] - 0.5f64.sqrt()).abs() < 1e-5 && (x[1] - 0.5).abs() < 1e-5);
/// ```
pub fn eigenvector_centrality(
    g: &Graph,
    weighted: bool,
    max_iter: usize,
    tol: f64,
    ctx: &Context,
) -> Result<Vec<f64>> {
    let n = g.node_count();
    if n == 0 {
        return Err(Error::arg(
            "g",
            "cannot compute eigenvector centrality of an empty graph",
        ));
    }
    if !(tol > 0.0 && tol.is_finite()) {
        return Err(Error::arg(
            "tol",
            format!("must be a positive number, got {tol}"),
        ));
    }
    let inn = g.in_csr();
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    ctx.start(max_iter as u64);
    ctx.install(|| -> Result<Vec<f64>> {
        for _ in 0..max_iter {
            ctx.check()?;
            {
                let x = &x;
                fill(&mut next, |v| {
                    let row = inn.row(v);
                    if weighted {
                        row.iter()
                            .zip(inn.row_weights(v))
                            .fold(x[v], |a, (&u, &w)| a + x[u as usize] * w)
                    } else {
                        row.iter().fold(x[v], |a, &u| a + x[u as usize])
                    }
                });
            }
            let norm = chunked_sum(n, |i| next[i] * next[i]).sqrt();
            let norm = if norm == 0.0 { 1.0 } else { norm };
            divide_in_place(&mut next, norm);
            let err = chunked_sum(n, |i| (next[i] - x[i]).abs());
            std::mem::swap(&mut x, &mut next);
            ctx.advance(1);
            if err < n as f64 * tol {
                return Ok(x.clone());
            }
        }
        Err(Error::arg(
            "max_iter",
            format!(
                "eigenvector centrality did not converge within max_iter={max_iter} iterations \
                 (tol={tol}); raise max_iter or tol"
            ),
        ))
    })
}

/// v[i] /= d for every i (parallel).
fn divide_in_place(v: &mut [f64], d: f64) {
    parallel::for_each_mut(v, |x| *x /= d);
}

// ---------------------------------------------------------------------------------------------
// single-source shortest paths
// ---------------------------------------------------------------------------------------------

const UNSEEN: f64 = f64::INFINITY;

/// Per-thread buffers for single-source searches (reset lazily over the visited nodes).
struct Workspace {
    dist: Vec<f64>,
    sigma: Vec<f64>,
    coeff: Vec<f64>,
    /// per-node dependency coefficient of the level being pulled from (0 elsewhere)
    val: Vec<f64>,
    order: Vec<u32>,
    /// start of each BFS level in `order` (hops only)
    levels: Vec<usize>,
    /// total degree of each BFS level (direction choice in [`brandes_bfs`])
    level_deg: Vec<usize>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Workspace {
    fn new(n: usize) -> Self {
        Workspace {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            coeff: vec![0.0; n],
            val: vec![0.0; n],
            order: Vec::new(),
            levels: Vec::new(),
            level_deg: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }
    fn reset(&mut self) {
        for &v in &self.order {
            self.dist[v as usize] = UNSEEN;
        }
        self.order.clear();
    }
}

/// Shortest paths from `s` over `csr`: fills `ws.dist` (hops or lengths), `ws.sigma` (number of
/// shortest paths, as f64) and `ws.order` (nodes in non-decreasing distance).
fn search(csr: &Csr, s: usize, distance: Distance, ws: &mut Workspace, count_paths: bool) {
    ws.reset();
    ws.dist[s] = 0.0;
    ws.sigma[s] = 1.0;
    if distance == Distance::Hops {
        ws.order.push(s as u32);
        let mut head = 0;
        while head < ws.order.len() {
            let v = ws.order[head] as usize;
            head += 1;
            let dn = ws.dist[v] + 1.0;
            let sv = ws.sigma[v];
            if count_paths {
                // branch-free path counting: every neighbour gets + sv or + 0.0
                for &w in csr.row(v) {
                    let w = w as usize;
                    if ws.dist[w] == UNSEEN {
                        ws.dist[w] = dn;
                        ws.sigma[w] = 0.0;
                        ws.order.push(w as u32);
                    }
                    ws.sigma[w] += if ws.dist[w] == dn { sv } else { 0.0 };
                }
            } else {
                for &w in csr.row(v) {
                    let w = w as usize;
                    if ws.dist[w] == UNSEEN {
                        ws.dist[w] = dn;
                        ws.order.push(w as u32);
                    }
                }
            }
        }
        ws.levels.clear();
        ws.levels.push(0);
        for i in 1..ws.order.len() {
            if ws.dist[ws.order[i] as usize] != ws.dist[ws.order[i - 1] as usize] {
                ws.levels.push(i);
            }
        }
        return;
    }
    // Dijkstra; non-negative f64 order as their bit patterns.
    ws.heap.clear();
    ws.heap.push(Reverse((0.0f64.to_bits(), s as u32)));
    while let Some(Reverse((d, v))) = ws.heap.pop() {
        let v = v as usize;
        let dv = f64::from_bits(d);
        if dv != ws.dist[v] || ws.coeff[v].is_nan() {
            continue; // stale entry, or already settled
        }
        ws.coeff[v] = f64::NAN; // settled mark (coeff is rewritten before it is read)
        ws.order.push(v as u32);
        let sv = ws.sigma[v];
        for (&w, &wt) in csr.row(v).iter().zip(csr.row_weights(v)) {
            let w = w as usize;
            let nd = dv + distance.length(wt);
            let dw = ws.dist[w];
            if nd < dw {
                if dw == UNSEEN {
                    ws.coeff[w] = 0.0;
                }
                ws.dist[w] = nd;
                ws.sigma[w] = sv;
                ws.heap.push(Reverse((nd.to_bits(), w as u32)));
            } else if count_paths && nd == dw && !ws.coeff[w].is_nan() {
                ws.sigma[w] += sv;
            }
        }
    }
    for &v in &ws.order {
        ws.coeff[v as usize] = 0.0;
    }
}

/// The adjacency `csr` with nodes renumbered in BFS order (components contiguous), so that one
/// search touches a compact range of the per-node arrays. Returns the renumbered adjacency,
/// `perm` (new → old), `inv` (old → new) and the new id at which each BFS tree starts (for an
/// undirected graph: the connected components, contiguous). Weights are copied only when
/// `weights`.
/// O(n + m), sequential.
fn relabel(csr: &Csr, weights: bool) -> (Csr, Vec<u32>, Vec<u32>, Vec<usize>) {
    let n = csr.n_rows();
    let mut inv = vec![u32::MAX; n];
    let mut perm: Vec<u32> = Vec::with_capacity(n);
    let mut starts: Vec<usize> = Vec::new();
    for r in 0..n {
        if inv[r] != u32::MAX {
            continue;
        }
        starts.push(perm.len());
        inv[r] = perm.len() as u32;
        perm.push(r as u32);
        let mut head = perm.len() - 1;
        while head < perm.len() {
            let v = perm[head] as usize;
            head += 1;
            for &w in csr.row(v) {
                if inv[w as usize] == u32::MAX {
                    inv[w as usize] = perm.len() as u32;
                    perm.push(w);
                }
            }
        }
    }
    let mut indptr = Vec::with_capacity(n + 1);
    indptr.push(0usize);
    for &old in &perm {
        let len = csr.row(old as usize).len();
        indptr.push(indptr.last().copied().unwrap_or(0) + len);
    }
    // rows are filled in parallel groups of ROWS consecutive new rows
    const ROWS: usize = 1024;
    let mut indices = crate::memory::zeroed::<u32>(csr.nnz());
    let mut wts = crate::memory::zeroed::<f64>(if weights { csr.nnz() } else { 0 });
    {
        let mut groups: Vec<(usize, &mut [u32], &mut [f64])> = Vec::new();
        let (mut rest_i, mut rest_w) = (&mut indices[..], &mut wts[..]);
        for lo in (0..n).step_by(ROWS) {
            let hi = (lo + ROWS).min(n);
            let len = indptr[hi] - indptr[lo];
            let (a, b) = std::mem::take(&mut rest_i).split_at_mut(len);
            rest_i = b;
            let wl = if weights { len } else { 0 };
            let (c, d) = std::mem::take(&mut rest_w).split_at_mut(wl);
            rest_w = d;
            groups.push((lo, a, c));
        }
        let fill_group = |(lo, out_i, out_w): (usize, &mut [u32], &mut [f64])| {
            let hi = (lo + ROWS).min(n);
            let base = indptr[lo];
            for i in lo..hi {
                let old = perm[i] as usize;
                let (a, b) = (indptr[i] - base, indptr[i + 1] - base);
                for (o, &w) in out_i[a..b].iter_mut().zip(csr.row(old)) {
                    *o = inv[w as usize];
                }
                if weights {
                    out_w[a..b].copy_from_slice(csr.row_weights(old));
                }
            }
        };
        parallel::for_each_owned(groups, fill_group);
    }
    (
        Csr {
            indptr,
            indices,
            weights: wts,
        },
        perm,
        inv,
        starts,
    )
}

/// `values` indexed by new ids, returned indexed by old ids.
fn unpermute(values: &[f64], perm: &[u32]) -> Vec<f64> {
    let mut out = vec![0.0; values.len()];
    for (i, &old) in perm.iter().enumerate() {
        out[old as usize] = values[i];
    }
    out
}

// ---------------------------------------------------------------------------------------------
// betweenness
// ---------------------------------------------------------------------------------------------

/// Options of [`betweenness_centrality`]; the defaults are networkx's.
#[derive(Debug, Clone, PartialEq)]
pub struct BetweennessOptions {
    /// Rescale as networkx's `normalized=True`. Default true.
    pub normalized: bool,
    /// Path lengths: hops (default), 1/w or w.
    pub distance: Distance,
    /// Number of sampled source nodes (pivots); `None` = all nodes (exact).
    pub k: Option<usize>,
    /// Count the endpoints of each path too (networkx `endpoints=`). Default false.
    pub endpoints: bool,
}

impl Default for BetweennessOptions {
    fn default() -> Self {
        BetweennessOptions {
            normalized: true,
            distance: Distance::Hops,
            k: None,
            endpoints: false,
        }
    }
}

/// Sources per chunk: dependencies of one chunk are summed in source order, chunks in order.
const SOURCE_CHUNK: usize = 4;
/// Chunks run in parallel at a time (bounds the memory of the chunk vectors).
const CHUNK_BATCH: usize = 64;

/// `k` distinct nodes drawn with the context's seeded ChaCha stream (partial Fisher–Yates).
fn sample_sources(n: usize, k: usize, ctx: &Context) -> Vec<u32> {
    let mut rng = ctx.rng(0);
    let mut all: Vec<u32> = (0..n as u32).collect();
    for i in 0..k {
        let j = rng.random_range(i..n);
        all.swap(i, j);
    }
    all.truncate(k);
    all
}

/// Sums `per_source(ws, s, acc)` over `sources` in fixed chunks combined in order.
fn sum_over_sources(
    n: usize,
    sources: &[u32],
    ctx: &Context,
    per_source: impl Fn(&mut Workspace, usize, &mut [f64]) + Sync,
) -> Result<Vec<f64>> {
    let mut total = vec![0.0; n];
    let chunks: Vec<&[u32]> = sources.chunks(SOURCE_CHUNK).collect();
    ctx.start(sources.len() as u64);
    for batch in chunks.chunks(CHUNK_BATCH) {
        ctx.check()?;
        // A chunk's dependencies are accumulated in a per-thread vector of n and handed on as
        // the range of nodes its searches reached (`(first node, values)`), which is then
        // zeroed again: on graphs of many components the cost per chunk is the size of the
        // components reached, not n. Nodes outside a part would only add +0.0, so the sums are
        // the same bits as adding whole vectors.
        let run_chunk =
            |(ws, acc): &mut (Workspace, Vec<f64>), chunk: &&[u32]| -> Result<(usize, Vec<f64>)> {
                ctx.check()?;
                let (mut lo, mut hi) = (n, 0);
                for &s in chunk.iter() {
                    per_source(ws, s as usize, acc);
                    for &v in &ws.order {
                        lo = lo.min(v as usize);
                        hi = hi.max(v as usize + 1);
                    }
                }
                ctx.advance(chunk.len() as u64);
                if lo >= hi {
                    return Ok((0, Vec::new()));
                }
                let part = acc[lo..hi].to_vec();
                acc[lo..hi].fill(0.0);
                Ok((lo, part))
            };
        let init = || (Workspace::new(n), vec![0.0; n]);
        let parts: Vec<Result<(usize, Vec<f64>)>> =
            parallel::map_items_init(batch, init, run_chunk);
        let parts = parts.into_iter().collect::<Result<Vec<_>>>()?;
        let add = |lo: usize, t: &mut [f64]| {
            let hi = lo + t.len();
            for (plo, part) in &parts {
                let (a, b) = (lo.max(*plo), hi.min(plo + part.len()));
                for k in a..b {
                    t[k - lo] += part[k - plo];
                }
            }
        };
        parallel::for_each_chunk_mut(&mut total, SUM_CHUNK, |c, t| add(c * SUM_CHUNK, t));
    }
    Ok(total)
}

/// Brandes' dependency accumulation after a BFS, level by level: `ws.val` holds the coefficient
/// `(1 + δ(w)) / σ(w)` of the nodes one level further and 0 everywhere else, so each node sums
/// its whole row without branches (four partial sums combined in a fixed order).
fn accumulate_levels(csr: &Csr, s: usize, endpoints: bool, ws: &mut Workspace, acc: &mut [f64]) {
    let nl = ws.levels.len();
    let bound = |l: usize, ws: &Workspace| {
        let hi = if l + 1 < nl {
            ws.levels[l + 1]
        } else {
            ws.order.len()
        };
        (ws.levels[l], hi)
    };
    for l in (0..nl).rev() {
        let (lo, hi) = bound(l, ws);
        for idx in lo..hi {
            let v = ws.order[idx] as usize;
            let sum = row_sum(csr.row(v), ws.val.as_slice());
            let delta = ws.sigma[v] * sum;
            ws.coeff[v] = (1.0 + delta) / ws.sigma[v];
            if v != s {
                acc[v] += if endpoints { delta + 1.0 } else { delta };
            }
        }
        if l + 1 < nl {
            let (lo1, hi1) = bound(l + 1, ws);
            for idx in lo1..hi1 {
                let w = ws.order[idx] as usize;
                ws.val[w] = 0.0;
            }
        }
        for idx in lo..hi {
            let v = ws.order[idx] as usize;
            ws.val[v] = ws.coeff[v];
        }
    }
    ws.val[s] = 0.0;
}

/// Read access to a vector of f64 values: a plain slice, or atomics (the PageRank solver shares
/// one vector between components solved on different threads).
trait Vals {
    fn at(&self, i: usize) -> f64;
}

impl Vals for [f64] {
    #[inline(always)]
    fn at(&self, i: usize) -> f64 {
        self[i]
    }
}

impl Vals for [AtomicU64] {
    #[inline(always)]
    fn at(&self, i: usize) -> f64 {
        f64::from_bits(self[i].load(Ordering::Relaxed))
    }
}

/// Σ w·val[u] over a row's (u, w) with four partial sums combined in a fixed order (the
/// adds of one long sum wait on each other; four chains keep the core busy).
#[inline]
fn row_dot<W: Copy + Into<f64>, V: Vals + ?Sized>(row: &[u32], ws: &[W], val: &V) -> f64 {
    let mut a = [0.0f64; 4];
    let (mut it, mut iw) = (row.chunks_exact(4), ws.chunks_exact(4));
    for (c, w) in (&mut it).zip(&mut iw) {
        a[0] += val.at(c[0] as usize) * w[0].into();
        a[1] += val.at(c[1] as usize) * w[1].into();
        a[2] += val.at(c[2] as usize) * w[2].into();
        a[3] += val.at(c[3] as usize) * w[3].into();
    }
    let mut sum = (a[0] + a[1]) + (a[2] + a[3]);
    for (&u, &w) in it.remainder().iter().zip(iw.remainder()) {
        sum += val.at(u as usize) * w.into();
    }
    sum
}

/// Σ val[w] over `row` with four partial sums combined in a fixed order.
#[inline]
fn row_sum<V: Vals + ?Sized>(row: &[u32], val: &V) -> f64 {
    let mut a = [0.0f64; 4];
    let mut it = row.chunks_exact(4);
    for c in &mut it {
        a[0] += val.at(c[0] as usize);
        a[1] += val.at(c[1] as usize);
        a[2] += val.at(c[2] as usize);
        a[3] += val.at(c[3] as usize);
    }
    let mut sum = (a[0] + a[1]) + (a[2] + a[3]);
    for &w in it.remainder() {
        sum += val.at(w as usize);
    }
    sum
}

/// Brandes' single-source step for an undirected graph with hops, direction-optimising: each
/// BFS level is found top-down (scanning the frontier's ties) or bottom-up (scanning the ties of
/// the unvisited nodes of the component `lo..hi`, summing the path counts of neighbours in the
/// frontier), whichever scans fewer ties; dependencies likewise flow between two levels by
/// pulling over the nearer level's ties or pushing over the farther level's, whichever level
/// has fewer ties. Adds the dependencies of `s` to `acc`.
fn brandes_bfs(
    csr: &Csr,
    s: usize,
    lo: usize,
    hi: usize,
    endpoints: bool,
    ws: &mut Workspace,
    acc: &mut [f64],
) {
    let deg = |v: usize| csr.indptr[v + 1] - csr.indptr[v];
    ws.reset();
    ws.levels.clear();
    ws.level_deg.clear();
    ws.dist[s] = 0.0;
    ws.sigma[s] = 1.0;
    ws.order.push(s as u32);
    ws.levels.push(0);
    ws.level_deg.push(deg(s));
    let mut unvisited = csr.indptr[hi] - csr.indptr[lo] - deg(s);
    loop {
        let l = ws.levels.len() - 1;
        let (flo, fhi) = (ws.levels[l], ws.order.len());
        let dn = (l + 1) as f64;
        if ws.level_deg[l] <= unvisited {
            for idx in flo..fhi {
                let v = ws.order[idx] as usize;
                let sv = ws.sigma[v];
                for &w in csr.row(v) {
                    let w = w as usize;
                    if ws.dist[w] == UNSEEN {
                        ws.dist[w] = dn;
                        ws.sigma[w] = 0.0;
                        ws.order.push(w as u32);
                    }
                    ws.sigma[w] += if ws.dist[w] == dn { sv } else { 0.0 };
                }
            }
        } else {
            for idx in flo..fhi {
                let v = ws.order[idx] as usize;
                ws.val[v] = ws.sigma[v];
            }
            for w in lo..hi {
                if ws.dist[w] == UNSEEN {
                    let sum = row_sum(csr.row(w), ws.val.as_slice());
                    if sum > 0.0 {
                        ws.dist[w] = dn;
                        ws.sigma[w] = sum;
                        ws.order.push(w as u32);
                    }
                }
            }
            for idx in flo..fhi {
                let v = ws.order[idx] as usize;
                ws.val[v] = 0.0;
            }
        }
        if ws.order.len() == fhi {
            break;
        }
        let d: usize = ws.order[fhi..].iter().map(|&v| deg(v as usize)).sum();
        unvisited -= d;
        ws.levels.push(fhi);
        ws.level_deg.push(d);
    }
    if endpoints {
        acc[s] += (ws.order.len() - 1) as f64;
    }
    // dependencies, deepest level first; `ws.val` is all zero between steps
    let nl = ws.levels.len();
    let end = |l: usize, ws: &Workspace| {
        if l + 1 < nl {
            ws.levels[l + 1]
        } else {
            ws.order.len()
        }
    };
    for l in (0..nl).rev() {
        let (llo, lhi) = (ws.levels[l], end(l, ws));
        if l + 1 < nl && ws.level_deg[l] > ws.level_deg[l + 1] {
            // push from level l + 1 over its ties into val of level-l nodes
            let lf = l as f64;
            for idx in lhi..end(l + 1, ws) {
                let w = ws.order[idx] as usize;
                let c = ws.coeff[w];
                for &u in csr.row(w) {
                    let u = u as usize;
                    ws.val[u] += if ws.dist[u] == lf { c } else { 0.0 };
                }
            }
            for idx in llo..lhi {
                let v = ws.order[idx] as usize;
                let sum = ws.val[v];
                ws.val[v] = 0.0;
                let delta = ws.sigma[v] * sum;
                ws.coeff[v] = (1.0 + delta) / ws.sigma[v];
                if v != s {
                    acc[v] += if endpoints { delta + 1.0 } else { delta };
                }
            }
        } else {
            // pull over the ties of level l from val = coeff of level l + 1
            if l + 1 < nl {
                for idx in lhi..end(l + 1, ws) {
                    let w = ws.order[idx] as usize;
                    ws.val[w] = ws.coeff[w];
                }
            }
            for idx in llo..lhi {
                let v = ws.order[idx] as usize;
                let sum = if l + 1 < nl {
                    row_sum(csr.row(v), ws.val.as_slice())
                } else {
                    0.0
                };
                let delta = ws.sigma[v] * sum;
                ws.coeff[v] = (1.0 + delta) / ws.sigma[v];
                if v != s {
                    acc[v] += if endpoints { delta + 1.0 } else { delta };
                }
            }
            if l + 1 < nl {
                for idx in lhi..end(l + 1, ws) {
                    let w = ws.order[idx] as usize;
                    ws.val[w] = 0.0;
                }
            }
        }
    }
}

/// Shortest-path betweenness centrality (Brandes 2001), as networkx's
/// `nx.betweenness_centrality` (networkx 3.6 rescaling).
///
/// For every source `s` (all nodes, or `k` sampled pivots) a BFS (hops) or Dijkstra (lengths
/// 1/w or w) counts shortest paths, and the dependencies `δ_s(v)` are accumulated. Shortest
/// paths of equal length are detected by exact equality of the summed f64 lengths, as in
/// networkx. The sums are rescaled as networkx: normalised by the number of (s, t) pairs, or
/// halved for undirected graphs when `normalized` is false; with `k` pivots inflated to the
/// full graph (sources and non-sources scaled differently when `endpoints` is false, NaN for the
/// single source when k = 1, as networkx).
///
/// Pivots are drawn with the context's seeded ChaCha stream ([`Context::rng`]); they are not the
/// pivots networkx draws for the same seed. Sources run in parallel in fixed chunks whose
/// dependency vectors are combined in order: the same bits on any number of threads.
///
/// # Arguments
/// - `g`: the graph (directed or undirected); `opts`: see [`BetweennessOptions`]; `ctx`:
///   threads, seed (pivots), cancellation and progress (one unit per source).
///
/// # Returns
/// One value per node.
///
/// # Errors
/// [`Error::InvalidArgument`] for `k` > n or `k` = 0, and for non-positive or non-finite
/// weights when `distance` uses them.
///
/// # Complexity
/// O(S · m) for hops and O(S · (m + n log n)) for lengths, with S = k or n sources. Memory: a
/// copy of the adjacency with nodes renumbered in BFS order (so one search touches a compact
/// range of memory), O(n) per thread, and up to 64 chunk vectors of at most n (the range of
/// nodes a chunk of sources reached).
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::centrality::{betweenness_centrality, BetweennessOptions};
/// // a path 1 - 2 - 3: node 2 lies on the one path between 1 and 3
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let b = betweenness_centrality(&g, &BetweennessOptions::default(), &Context::new()).unwrap();
/// assert_eq!(b, vec![0.0, 1.0, 0.0]);
/// ```
pub fn betweenness_centrality(
    g: &Graph,
    opts: &BetweennessOptions,
    ctx: &Context,
) -> Result<Vec<f64>> {
    let n = g.node_count();
    opts.distance.check(g)?;
    let sources: Vec<u32> = match opts.k {
        None => (0..n as u32).collect(),
        Some(k) => {
            if k > n {
                return Err(Error::arg(
                    "k",
                    format!("cannot sample {k} sources from a graph of {n} nodes"),
                ));
            }
            if k == 0 {
                return Err(Error::arg(
                    "k",
                    "must be at least 1 (or None for all nodes)",
                ));
            }
            sample_sources(n, k, ctx)
        }
    };
    let distance = opts.distance;
    let endpoints = opts.endpoints;
    let (relabelled, perm, inv, starts) =
        ctx.install(|| relabel(g.out_csr(), distance != Distance::Hops));
    let csr = &relabelled;
    let new_sources: Vec<u32> = sources.iter().map(|&s| inv[s as usize]).collect();
    let undirected = !g.is_directed();
    let b = ctx.install(|| {
        sum_over_sources(n, &new_sources, ctx, |ws, s, acc| {
            if undirected && distance == Distance::Hops {
                // the component of s: [starts[c], starts[c + 1])
                let c = starts.partition_point(|&x| x <= s) - 1;
                let hi = starts.get(c + 1).copied().unwrap_or(n);
                brandes_bfs(csr, s, starts[c], hi, endpoints, ws, acc);
                return;
            }
            search(csr, s, distance, ws, true);
            if endpoints {
                acc[s] += (ws.order.len() - 1) as f64;
            }
            if distance == Distance::Hops {
                accumulate_levels(csr, s, endpoints, ws, acc);
                return;
            }
            // dependencies pulled from the successors (nodes one step further on a shortest path)
            for idx in (0..ws.order.len()).rev() {
                let v = ws.order[idx] as usize;
                let dv = ws.dist[v];
                let mut sum = 0.0;
                for (&w, &wt) in csr.row(v).iter().zip(csr.row_weights(v)) {
                    let dw = ws.dist[w as usize];
                    if dw != UNSEEN && dv + distance.length(wt) == dw {
                        sum += ws.coeff[w as usize];
                    }
                }
                let delta = ws.sigma[v] * sum;
                ws.coeff[v] = (1.0 + delta) / ws.sigma[v];
                if v != s {
                    acc[v] += if endpoints { delta + 1.0 } else { delta };
                }
            }
        })
    })?;
    drop(relabelled);
    let mut b = unpermute(&b, &perm);
    // networkx 3.6 `_rescale`
    let nn = if endpoints { n } else { n.saturating_sub(1) } as f64;
    if nn < 2.0 {
        return Ok(b);
    }
    let corr = if g.is_directed() { 1.0 } else { 2.0 };
    match opts.k {
        Some(k) if !endpoints => {
            let k = k as f64;
            let (scale_source, scale_other) = if opts.normalized {
                (
                    if k > 1.0 {
                        1.0 / ((k - 1.0) * (nn - 1.0))
                    } else {
                        f64::NAN
                    },
                    1.0 / (k * (nn - 1.0)),
                )
            } else {
                (
                    if k > 1.0 {
                        nn / ((k - 1.0) * corr)
                    } else {
                        f64::NAN
                    },
                    nn / (k * corr),
                )
            };
            let mut is_source = vec![false; n];
            for &s in &sources {
                is_source[s as usize] = true;
            }
            for (v, x) in b.iter_mut().enumerate() {
                *x *= if is_source[v] {
                    scale_source
                } else {
                    scale_other
                };
            }
        }
        _ => {
            let ks = opts.k.map_or(nn, |k| k as f64);
            let scale = if opts.normalized {
                1.0 / (ks * (nn - 1.0))
            } else {
                nn / (ks * corr)
            };
            if scale != 1.0 {
                for x in b.iter_mut() {
                    *x *= scale;
                }
            }
        }
    }
    Ok(b)
}

// ---------------------------------------------------------------------------------------------
// closeness and harmonic
// ---------------------------------------------------------------------------------------------

/// f(workspace, node) for every node, in parallel over fixed chunks of nodes.
fn per_node(
    n: usize,
    ctx: &Context,
    f: impl Fn(&mut Workspace, usize) -> f64 + Sync,
) -> Result<Vec<f64>> {
    const NODE_CHUNK: usize = 16;
    let mut out = vec![0.0; n];
    ctx.start(n as u64);
    let run = |ws: &mut Workspace, c: usize, chunk: &mut [f64]| -> Result<()> {
        ctx.check()?;
        for (k, v) in chunk.iter_mut().enumerate() {
            *v = f(ws, c * NODE_CHUNK + k);
        }
        ctx.advance(chunk.len() as u64);
        Ok(())
    };
    ctx.install(|| {
        parallel::try_for_each_chunk_mut_init(&mut out, NODE_CHUNK, || Workspace::new(n), run)
    })?;
    Ok(out)
}

/// Closeness centrality, as networkx's `nx.closeness_centrality`.
///
/// `C(u) = (r − 1) / Σ_v d(v, u)` over the `r` nodes that reach `u` (u included); with
/// `wf_improved` (Wasserman & Faust) multiplied by `(r − 1) / (n − 1)`, so nodes in small
/// components score lower. 0 for isolated nodes. For directed graphs distances are *to* `u`
/// (incoming), as networkx.
///
/// # Arguments
/// - `g`: the graph; `distance`: hops, 1/w or w; `wf_improved`: networkx's option (default
///   true there); `ctx`: threads, cancellation and progress (one unit per node).
///
/// # Returns
/// One value per node.
///
/// # Errors
/// [`Error::InvalidArgument`] for non-positive or non-finite weights when `distance` uses them.
///
/// # Complexity
/// O(n · m) for hops, O(n · (m + n log n)) for lengths; parallel over nodes. Memory: a copy of
/// the adjacency with nodes renumbered in BFS order, and O(n) per thread.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::centrality::{closeness_centrality, Distance};
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let c = closeness_centrality(&g, Distance::Hops, true, &Context::new()).unwrap();
/// assert_eq!(c, vec![2.0 / 3.0, 1.0, 2.0 / 3.0]);
/// ```
pub fn closeness_centrality(
    g: &Graph,
    distance: Distance,
    wf_improved: bool,
    ctx: &Context,
) -> Result<Vec<f64>> {
    let n = g.node_count();
    distance_sums(g, distance, ctx, |_, r, tot| {
        let r = r as f64;
        if tot > 0.0 && n > 1 {
            let c = (r - 1.0) / tot;
            if wf_improved {
                c * ((r - 1.0) / (n as f64 - 1.0))
            } else {
                c
            }
        } else {
            0.0
        }
    })
}

/// `f(u, r, total)` for every node `u`, where `r` is the number of nodes that reach `u` (`u`
/// included) and `total` the sum of their distances to `u` (incoming for directed graphs);
/// the kernel of [`closeness_centrality`] and of the two-mode closeness in
/// [`crate::analysis::twomode`]. Parallel over nodes (one search per node, one value per node),
/// so the result does not depend on the number of threads.
///
/// # Errors
/// [`Error::InvalidArgument`] for non-positive or non-finite weights when `distance` uses them;
/// [`Error::Cancelled`] when cancelled.
///
/// # Complexity
/// O(n · m) for hops, O(n · (m + n log n)) for lengths; progress one unit per node.
pub(crate) fn distance_sums(
    g: &Graph,
    distance: Distance,
    ctx: &Context,
    f: impl Fn(usize, usize, f64) -> f64 + Sync,
) -> Result<Vec<f64>> {
    over_searches(g, distance, ctx, |u, ws| {
        let tot = ws.order.iter().fold(0.0, |a, &v| a + ws.dist[v as usize]);
        f(u, ws.order.len(), tot)
    })
}

/// `f(node, search)` for every node, where `search` holds the shortest distances *to* the node
/// (`ws.order`, `ws.dist`), in parallel over nodes of the BFS-relabelled in-adjacency.
fn over_searches(
    g: &Graph,
    distance: Distance,
    ctx: &Context,
    f: impl Fn(usize, &Workspace) -> f64 + Sync,
) -> Result<Vec<f64>> {
    distance.check(g)?;
    let n = g.node_count();
    let (relabelled, perm, _, _) = ctx.install(|| relabel(g.in_csr(), distance != Distance::Hops));
    let csr = &relabelled;
    let values = per_node(n, ctx, |ws, u| {
        search(csr, u, distance, ws, false);
        f(perm[u] as usize, ws)
    })?;
    Ok(unpermute(&values, &perm))
}

/// Harmonic centrality, as networkx's `nx.harmonic_centrality`: `H(u) = Σ_{v ≠ u} 1 / d(v, u)`
/// over the nodes that reach `u` (unreachable nodes add 0). Not normalised (as networkx). For
/// directed graphs distances are *to* `u`, as networkx.
///
/// # Arguments
/// - `g`: the graph; `distance`: hops, 1/w or w; `ctx`: threads, cancellation and progress.
///
/// # Returns
/// One value per node.
///
/// # Errors
/// [`Error::InvalidArgument`] for non-positive or non-finite weights when `distance` uses them.
///
/// # Complexity
/// O(n · m) for hops, O(n · (m + n log n)) for lengths; parallel over nodes. Memory: a copy of
/// the adjacency with nodes renumbered in BFS order, and O(n) per thread.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::centrality::{harmonic_centrality, Distance};
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let h = harmonic_centrality(&g, Distance::Hops, &Context::new()).unwrap();
/// assert_eq!(h, vec![1.5, 2.0, 1.5]);
/// ```
pub fn harmonic_centrality(g: &Graph, distance: Distance, ctx: &Context) -> Result<Vec<f64>> {
    over_searches(g, distance, ctx, |_, ws| {
        ws.order.iter().fold(0.0, |a, &v| {
            let d = ws.dist[v as usize];
            if d > 0.0 {
                a + 1.0 / d
            } else {
                a
            }
        })
    })
}

/// Opsahl, Agneessens & Skvoretz (2010) degree centrality: `k^(1 − α) · s^α` with `k` the
/// degree and `s` the strength (in + out for directed graphs, as [`crate::metrics::degree`]).
/// α = 0 gives the degree, α = 1 the strength; 0 for isolated nodes.
///
/// # Arguments
/// - `g`: the graph; `alpha`: the tuning parameter (finite, ≥ 0).
///
/// # Returns
/// One value per node.
///
/// # Errors
/// [`Error::InvalidArgument`] naming `alpha` for a negative or non-finite value.
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids};
/// use wijknet::metrics::centrality::degree_centrality_opsahl;
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 4.0), (0, 2, 5.0)], false).unwrap();
/// let d = degree_centrality_opsahl(&g, 0.5).unwrap();
/// assert!((d[0] - (2.0f64 * 9.0).sqrt()).abs() < 1e-12);
/// ```
pub fn degree_centrality_opsahl(g: &Graph, alpha: f64) -> Result<Vec<f64>> {
    if !(alpha.is_finite() && alpha >= 0.0) {
        return Err(Error::arg(
            "alpha",
            format!("must be a finite number >= 0, got {alpha}"),
        ));
    }
    let k = crate::metrics::degree(g);
    let s = crate::metrics::strength(g);
    Ok(k.iter()
        .zip(&s)
        .map(|(&k, &s)| {
            if k == 0 {
                0.0
            } else {
                (k as f64).powf(1.0 - alpha) * s.powf(alpha)
            }
        })
        .collect())
}
