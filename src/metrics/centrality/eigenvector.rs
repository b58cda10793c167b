//! Eigenvector centrality (networkx's `nx.eigenvector_centrality`).
use super::*;

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
                ctx.finish(); // converged early: the work is done
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
