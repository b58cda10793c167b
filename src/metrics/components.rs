//! Connected components, isolates and density; group labels ordered by size.
use crate::graph::{Csr, Graph};

/// Breadth-first search from `start`: gives `label` to every node not yet labelled
/// (`u32::MAX` in `comp`) that is reachable through the rows of any of `rows` (out- and
/// in-rows for weak components), and returns how many it labelled. `queue` is scratch space.
/// The one component search of the crate (components here, the networks after a what-if
/// removal).
pub(crate) fn flood(
    rows: &[&Csr],
    start: usize,
    label: u32,
    comp: &mut [u32],
    queue: &mut Vec<u32>,
) -> usize {
    comp[start] = label;
    queue.clear();
    queue.push(start as u32);
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head] as usize;
        head += 1;
        for csr in rows {
            for &w in csr.row(v) {
                if comp[w as usize] == u32::MAX {
                    comp[w as usize] = label;
                    queue.push(w);
                }
            }
        }
    }
    queue.len()
}

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
    let rows: &[&Csr] = if g.is_directed() { &[out, inn] } else { &[out] };
    let mut comp = vec![u32::MAX; n];
    let mut queue: Vec<u32> = Vec::new();
    let mut next = 0u32;
    for s in 0..n {
        if comp[s] == u32::MAX {
            flood(rows, s, next, &mut comp, &mut queue);
            next += 1;
        }
    }
    // largest first; equal sizes in discovery order (the lowest first node)
    relabel(&comp)
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

/// Dense community numbers 0..k in order of first appearance, and k. Labels may be any u32.
pub(crate) fn renumber(comm: &[u32]) -> (Vec<u32>, usize) {
    let max = comm.iter().copied().max().unwrap_or(0) as usize;
    let mut next = 0u32;
    let dense: Vec<u32> = if max < 4 * comm.len() + 64 {
        let mut map = vec![u32::MAX; max + 1];
        comm.iter()
            .map(|&c| {
                if map[c as usize] == u32::MAX {
                    map[c as usize] = next;
                    next += 1;
                }
                map[c as usize]
            })
            .collect()
    } else {
        let mut map = ahash::AHashMap::new();
        comm.iter()
            .map(|&c| {
                *map.entry(c).or_insert_with(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    };
    (dense, next as usize)
}

/// Labels renumbered so that 0 is the largest group, then by decreasing size; equal sizes in
/// order of their lowest member.
pub fn relabel(labels: &[u32]) -> Vec<u32> {
    let (dense, k) = renumber(labels);
    let mut size = vec![0usize; k];
    for &c in &dense {
        size[c as usize] += 1;
    }
    let mut order: Vec<u32> = (0..k as u32).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(size[c as usize]));
    let mut new = vec![0u32; k];
    for (rank, &c) in order.iter().enumerate() {
        new[c as usize] = rank as u32;
    }
    dense.iter().map(|&c| new[c as usize]).collect()
}
