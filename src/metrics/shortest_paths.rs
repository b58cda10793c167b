//! The one single-source shortest-path engine of the path measures (betweenness, closeness,
//! harmonic centrality, average shortest path length, efficiency, diameter): breadth-first
//! search for hops, Dijkstra for lengths ([`Distance`]), optionally counting shortest paths;
//! the BFS renumbering of an adjacency that keeps one search within a compact range of memory;
//! and the one sampler of source nodes for estimates.
//!
//! Dijkstra settles nodes by (distance, node index), so the order of `Workspace::order` — and
//! every sum taken along it — is the same on any number of threads.
use crate::graph::Csr;
use crate::metrics::distance::Distance;
use crate::parallel;
use rand::Rng;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// `k` distinct items of `0..n` (at most n) drawn uniformly with `rng` by a partial
/// Fisher–Yates shuffle, in the order drawn.
pub(crate) fn sample_sources(n: usize, k: usize, rng: &mut impl Rng) -> Vec<u32> {
    let k = k.min(n);
    let mut all: Vec<u32> = (0..n as u32).collect();
    for i in 0..k {
        let j = rng.random_range(i..n);
        all.swap(i, j);
    }
    all.truncate(k);
    all
}

pub(crate) const UNSEEN: f64 = f64::INFINITY;

/// Per-thread buffers for single-source searches (reset lazily over the visited nodes).
pub(crate) struct Workspace {
    pub(crate) dist: Vec<f64>,
    pub(crate) sigma: Vec<f64>,
    pub(crate) coeff: Vec<f64>,
    /// per-node dependency coefficient of the level being pulled from (0 elsewhere)
    pub(crate) val: Vec<f64>,
    pub(crate) order: Vec<u32>,
    /// start of each BFS level in `order` (hops only)
    pub(crate) levels: Vec<usize>,
    /// total degree of each BFS level (direction choice in betweenness' breadth-first search)
    pub(crate) level_deg: Vec<usize>,
    pub(crate) heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Workspace {
    pub(crate) fn new(n: usize) -> Self {
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
    pub(crate) fn reset(&mut self) {
        for &v in &self.order {
            self.dist[v as usize] = UNSEEN;
        }
        self.order.clear();
    }
}

/// One step of a breadth-first search that counts shortest paths: the unseen `row` nodes
/// join the next level at distance `dn`, and every node of that level adds `sv` (the path
/// count of the node expanded) to its own; branch-free (others add 0.0).
#[inline]
pub(crate) fn expand_counting(row: &[u32], dn: f64, sv: f64, ws: &mut Workspace) {
    for &w in row {
        let w = w as usize;
        if ws.dist[w] == UNSEEN {
            ws.dist[w] = dn;
            ws.sigma[w] = 0.0;
            ws.order.push(w as u32);
        }
        ws.sigma[w] += if ws.dist[w] == dn { sv } else { 0.0 };
    }
}

/// Shortest paths from `s` over `csr`: fills `ws.dist` (hops or lengths), `ws.sigma` (number of
/// shortest paths, as f64) and `ws.order` (nodes in non-decreasing distance).
pub(crate) fn search(
    csr: &Csr,
    s: usize,
    distance: Distance,
    ws: &mut Workspace,
    count_paths: bool,
) {
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
                expand_counting(csr.row(v), dn, sv, ws);
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
pub(crate) fn relabel(csr: &Csr, weights: bool) -> (Csr, Vec<u32>, Vec<u32>, Vec<usize>) {
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
pub(crate) fn unpermute(values: &[f64], perm: &[u32]) -> Vec<f64> {
    let mut out = vec![0.0; values.len()];
    for (i, &old) in perm.iter().enumerate() {
        out[old as usize] = values[i];
    }
    out
}
