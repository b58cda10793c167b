//! Degree and strength.
use crate::graph::Graph;

/// Number of neighbours of each node (for a directed graph, in + out as networkx).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::degree};
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0), (0, 2, 1.0)], false).unwrap();
/// assert_eq!(degree(&g), vec![2, 1, 1]);
/// ```
///
/// # Complexity
/// O(n).
pub fn degree(g: &Graph) -> Vec<u64> {
    let out = g.out_csr();
    let n = g.node_count();
    if g.is_directed() {
        let inn = g.in_csr();
        (0..n)
            .map(|i| (out.row(i).len() + inn.row(i).len()) as u64)
            .collect()
    } else {
        (0..n).map(|i| out.row(i).len() as u64).collect()
    }
}

/// Sum of tie weights of each node (for a directed graph, in + out as networkx's
/// `degree(weight=...)`).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::strength};
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 0.5), (0, 2, 2.0)], false).unwrap();
/// assert_eq!(strength(&g), vec![2.5, 0.5, 2.0]);
/// ```
///
/// # Complexity
/// O(n + m).
pub fn strength(g: &Graph) -> Vec<f64> {
    let out = g.out_csr();
    let n = g.node_count();
    // Folds start at +0.0: `Iterator::sum` of no floats is -0.0.
    let mut s: Vec<f64> = (0..n)
        .map(|i| out.row_weights(i).iter().fold(0.0, |a, w| a + w))
        .collect();
    if g.is_directed() {
        let inn = g.in_csr();
        for (i, v) in s.iter_mut().enumerate() {
            *v += inn.row_weights(i).iter().fold(0.0, |a, w| a + w);
        }
    }
    s
}
