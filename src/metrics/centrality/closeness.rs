//! Closeness and harmonic centrality (networkx's `nx.closeness_centrality`,
//! `nx.harmonic_centrality`) and Opsahl's degree centrality.
use super::*;
use crate::metrics::shortest_paths::*;

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
/// degree and `s` the strength (in + out for directed graphs, as [`crate::metrics::degree()`]).
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
