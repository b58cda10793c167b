//! PageRank (networkx's `nx.pagerank`).
use super::*;

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
                ctx.finish(); // converged early: the work is done
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
