//! Connected components, isolates and density.
use crate::graph::Graph;

/// Component label of each node: 0 is the largest component, then by decreasing size (ties:
/// the component holding the lowest node index first). For a directed graph the components
/// are weakly connected.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::connected_components};
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3, 4]), &[(2, 3, 1.0), (3, 1, 1.0)], false).unwrap();
/// assert_eq!(connected_components(&g), vec![1, 0, 0, 0]);
/// ```
///
/// # Complexity
/// O(n + m) (breadth-first search).
pub fn connected_components(g: &Graph) -> Vec<u32> {
    let n = g.node_count();
    let out = g.out_csr();
    let inn = g.in_csr();
    let mut comp = vec![u32::MAX; n];
    let mut sizes: Vec<usize> = Vec::new();
    let mut queue: Vec<u32> = Vec::new();
    for s in 0..n {
        if comp[s] != u32::MAX {
            continue;
        }
        let c = sizes.len() as u32;
        comp[s] = c;
        queue.clear();
        queue.push(s as u32);
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            for &w in out.row(v) {
                if comp[w as usize] == u32::MAX {
                    comp[w as usize] = c;
                    queue.push(w);
                }
            }
            if g.is_directed() {
                for &w in inn.row(v) {
                    if comp[w as usize] == u32::MAX {
                        comp[w as usize] = c;
                        queue.push(w);
                    }
                }
            }
        }
        sizes.push(queue.len());
    }
    // Relabel: largest first; ties keep discovery order (lowest first node).
    let mut order: Vec<u32> = (0..sizes.len() as u32).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(sizes[c as usize]));
    let mut relabel = vec![0u32; sizes.len()];
    for (new, &old) in order.iter().enumerate() {
        relabel[old as usize] = new as u32;
    }
    comp.iter().map(|&c| relabel[c as usize]).collect()
}

/// Number of (weakly) connected components; isolated nodes count as components.
pub fn number_connected_components(g: &Graph) -> usize {
    connected_components(g)
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0)
}

/// Indices of nodes without any tie.
pub fn isolates(g: &Graph) -> Vec<u32> {
    let (out, inn) = (g.out_csr(), g.in_csr());
    (0..g.node_count())
        .filter(|&i| out.row(i).is_empty() && inn.row(i).is_empty())
        .map(|i| i as u32)
        .collect()
}

/// Share of possible ties present: 2m/(n(n−1)) undirected, m/(n(n−1)) directed; 0 for n < 2.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::density};
/// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0)], false).unwrap();
/// assert!((density(&g) - 1.0 / 3.0).abs() < 1e-15);
/// ```
pub fn density(g: &Graph) -> f64 {
    let n = g.node_count() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let m = g.edge_count() as f64;
    if g.is_directed() {
        m / (n * (n - 1.0))
    } else {
        2.0 * m / (n * (n - 1.0))
    }
}
