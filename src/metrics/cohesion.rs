//! Paths and cohesion: core numbers and k-cores, articulation points and bridges, reach within
//! a number of steps, average shortest path length per component, global efficiency and
//! diameter (exact, or estimated from sampled sources with a standard error).
//!
//! Conventions: weights are strengths; path measures take a [`Distance`]:
//! hops, `1/w` ("inverse") or `w` itself ("weight"). Per-source work runs in parallel in fixed
//! chunks whose results are combined in source order, so every result is the same on any
//! number of threads.
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::{Csr, Graph};
use crate::metrics::components::connected_components;
use crate::metrics::shortest_paths::{sample_sources, search, Workspace};
use crate::parallel;
use crate::stats::summary;
use rand::Rng;

/// Sources per parallel chunk (fixed, so results do not depend on the thread count).
const CHUNK: usize = 64;

fn undirected_only(g: &Graph, what: &str) -> Result<()> {
    if g.is_directed() {
        return Err(Error::arg(
            "g",
            format!(
                "{what} is defined here for undirected graphs only; this graph is directed \
                 (build it with directed=False or symmetrise the layer first)"
            ),
        ));
    }
    Ok(())
}

// ---- core numbers and k-cores ------------------------------------------------------------

/// Core number of each node: the largest k such that the node belongs to a subgraph in which
/// every node has degree ≥ k (as networkx `core_number`).
///
/// Batagelj & Zaversnik (2003): nodes are bucket-sorted by degree and peeled in increasing
/// order of current degree.
///
/// # Arguments
/// * `g` — an undirected graph.
///
/// # Returns
/// The core number of each node (isolated nodes: 0).
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed graph (networkx would use in + out degree there;
/// wijknet refuses instead of guessing which is meant).
///
/// # Complexity
/// O(n + m) time, O(n) extra memory.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::cohesion::core_number};
/// // a triangle 0-1-2 with a pendant 3 on node 2
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)], false).unwrap();
/// assert_eq!(core_number(&g).unwrap(), vec![2, 2, 2, 1]);
/// ```
pub fn core_number(g: &Graph) -> Result<Vec<u32>> {
    undirected_only(g, "core_number")?;
    let csr = g.out_csr();
    let n = g.node_count();
    let mut deg: Vec<u32> = (0..n).map(|i| csr.row(i).len() as u32).collect();
    let maxdeg = deg.iter().copied().max().unwrap_or(0) as usize;
    // bin[d] = start of the block of nodes with current degree d in `vert`
    let mut bin = vec![0usize; maxdeg + 2];
    for &d in &deg {
        bin[d as usize + 1] += 1;
    }
    for d in 0..=maxdeg {
        bin[d + 1] += bin[d];
    }
    let mut pos = vec![0usize; n];
    let mut vert = vec![0u32; n];
    {
        let mut fill = bin.clone();
        for v in 0..n {
            let d = deg[v] as usize;
            pos[v] = fill[d];
            vert[fill[d]] = v as u32;
            fill[d] += 1;
        }
    }
    for i in 0..n {
        let v = vert[i] as usize;
        let dv = deg[v];
        for &u in csr.row(v) {
            let u = u as usize;
            let du = deg[u];
            if du > dv {
                // move u to the front of its block, then shrink the block by one
                let pu = pos[u];
                let pw = bin[du as usize];
                let w = vert[pw] as usize;
                if u != w {
                    vert[pu] = w as u32;
                    pos[w] = pu;
                    vert[pw] = u as u32;
                    pos[u] = pw;
                }
                bin[du as usize] += 1;
                deg[u] = du - 1;
            }
        }
    }
    Ok(deg)
}

/// The k-core: the subgraph induced by the nodes with core number ≥ `k` (as networkx
/// `k_core`). `k = None` gives the main core (k = the largest core number).
///
/// # Returns
/// The induced subgraph and the indices (in `g`) of its nodes, ascending.
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed graph.
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::cohesion::k_core};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)], false).unwrap();
/// let (core, kept) = k_core(&g, None).unwrap();
/// assert_eq!(kept, vec![0, 1, 2]);
/// assert_eq!(core.edge_count(), 3);
/// ```
pub fn k_core(g: &Graph, k: Option<u32>) -> Result<(Graph, Vec<u32>)> {
    let core = core_number(g)?;
    let k = k.unwrap_or_else(|| core.iter().copied().max().unwrap_or(0));
    let keep: Vec<u32> = (0..core.len() as u32)
        .filter(|&i| core[i as usize] >= k)
        .collect();
    Ok((g.subgraph(&keep)?, keep))
}

// ---- articulation points and bridges -----------------------------------------------------

/// Iterative Tarjan depth-first search: (articulation points, bridges).
fn tarjan(g: &Graph) -> (Vec<u32>, Vec<(u32, u32)>) {
    let csr = g.out_csr();
    let n = g.node_count();
    const UNSEEN: u32 = u32::MAX;
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut is_ap = vec![false; n];
    let mut bridges = Vec::new();
    // stack of (node, parent, next neighbour position)
    let mut stack: Vec<(u32, u32, usize)> = Vec::new();
    let mut time = 0u32;
    for root in 0..n {
        if disc[root] != UNSEEN {
            continue;
        }
        disc[root] = time;
        low[root] = time;
        time += 1;
        let mut root_children = 0usize;
        stack.push((root as u32, UNSEEN, csr.indptr[root]));
        while let Some(top) = stack.last_mut() {
            let (v, parent, p) = *top;
            let v = v as usize;
            if p < csr.indptr[v + 1] {
                top.2 += 1;
                let w = csr.indices[p];
                if w == parent {
                    continue; // no parallel edges, so the parent is skipped once and for all
                }
                let wi = w as usize;
                if disc[wi] == UNSEEN {
                    disc[wi] = time;
                    low[wi] = time;
                    time += 1;
                    if v == root {
                        root_children += 1;
                    }
                    stack.push((w, v as u32, csr.indptr[wi]));
                } else if disc[wi] < low[v] {
                    low[v] = disc[wi];
                }
            } else {
                stack.pop();
                if parent != UNSEEN {
                    let u = parent as usize;
                    if low[v] < low[u] {
                        low[u] = low[v];
                    }
                    if low[v] >= disc[u] && u != root {
                        is_ap[u] = true;
                    }
                    if low[v] > disc[u] {
                        let (a, b) = if u < v { (u, v) } else { (v, u) };
                        bridges.push((a as u32, b as u32));
                    }
                }
            }
        }
        if root_children >= 2 {
            is_ap[root] = true;
        }
    }
    let aps = (0..n as u32).filter(|&i| is_ap[i as usize]).collect();
    bridges.sort_unstable();
    (aps, bridges)
}

/// Articulation points (cut vertices): nodes whose removal increases the number of connected
/// components (the same set as networkx `articulation_points`).
///
/// # Returns
/// Node indices, ascending.
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed graph.
///
/// # Complexity
/// O(n + m): one iterative depth-first search (no recursion, so no stack overflow on large
/// graphs).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::cohesion::articulation_points};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// assert_eq!(articulation_points(&g).unwrap(), vec![1]);
/// ```
pub fn articulation_points(g: &Graph) -> Result<Vec<u32>> {
    undirected_only(g, "articulation_points")?;
    Ok(tarjan(g).0)
}

/// Articulation points in the order of a depth-first search that visits neighbours in the
/// order given: networkx's `articulation_points` order when `indices` lists each node's
/// neighbours as networkx's adjacency does. Searches start at nodes in index order; a node is
/// reported when the search returns to it from a child whose subtree reaches no higher (a root
/// when its search ends, with two or more children), each node once.
///
/// # Arguments
/// * `indptr`, `indices` — an undirected graph's adjacency in compressed rows: the neighbours
///   of node `v` are `indices[indptr[v]..indptr[v + 1]]`, each tie in both rows, no self-loops.
///
/// # Returns
/// Node indices in the order the search finds them.
///
/// # Errors
/// [`Error::InvalidArgument`] when `indptr` is empty, not increasing, or does not end at
/// `indices.len()`, or a neighbour is not a node index.
///
/// # Complexity
/// O(n + m), iterative (no recursion).
///
/// # Example
/// ```
/// use wijknet::metrics::cohesion::articulation_points_in_order;
/// // two triangles 0-1-2 and 2-3-4 joined at node 2, and a path 4 - 5
/// let indptr = [0, 2, 4, 8, 10, 13, 14];
/// let indices = [1, 2, 0, 2, 0, 1, 3, 4, 2, 4, 2, 3, 5, 4];
/// assert_eq!(articulation_points_in_order(&indptr, &indices).unwrap(), vec![4, 2]);
/// ```
pub fn articulation_points_in_order(indptr: &[usize], indices: &[u32]) -> Result<Vec<u32>> {
    let n = indptr
        .len()
        .checked_sub(1)
        .ok_or_else(|| Error::arg("indptr", "is empty"))?;
    if indptr[0] != 0 || indptr[n] != indices.len() || indptr.windows(2).any(|w| w[0] > w[1]) {
        return Err(Error::arg(
            "indptr",
            "must start at 0, not decrease and end at the number of neighbour entries",
        ));
    }
    if indices.iter().any(|&v| v as usize >= n) {
        return Err(Error::arg(
            "indices",
            "holds a number that is not a node index",
        ));
    }
    const UNSEEN: u32 = u32::MAX;
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut reported = vec![false; n];
    let mut out = Vec::new();
    let mut report = |v: u32, out: &mut Vec<u32>| {
        if !std::mem::replace(&mut reported[v as usize], true) {
            out.push(v);
        }
    };
    // frames: (grandparent, parent, next neighbour entry of parent)
    let mut stack: Vec<(u32, u32, usize)> = Vec::new();
    for start in 0..n {
        if disc[start] != UNSEEN {
            continue;
        }
        let mut time = 1u32;
        disc[start] = 0;
        low[start] = 0;
        let mut root_children = 0usize;
        stack.push((start as u32, start as u32, indptr[start]));
        while let Some(top) = stack.last_mut() {
            let (gp, p, at) = *top;
            let (gpu, pu) = (gp as usize, p as usize);
            if at < indptr[pu + 1] {
                top.2 += 1;
                let child = indices[at];
                let cu = child as usize;
                if child == gp {
                    continue;
                }
                if disc[cu] != UNSEEN {
                    if disc[cu] <= disc[pu] {
                        low[pu] = low[pu].min(disc[cu]);
                    }
                } else {
                    disc[cu] = time;
                    low[cu] = time;
                    time += 1;
                    stack.push((p, child, indptr[cu]));
                }
            } else {
                stack.pop();
                if stack.len() > 1 {
                    if low[pu] >= disc[gpu] {
                        report(gp, &mut out);
                    }
                    low[gpu] = low[gpu].min(low[pu]);
                } else if !stack.is_empty() {
                    root_children += 1;
                }
            }
        }
        if root_children > 1 {
            report(start as u32, &mut out);
        }
    }
    Ok(out)
}

/// Bridges: edges whose removal increases the number of connected components (the same set
/// as networkx `bridges`).
///
/// # Returns
/// Each bridge once as (a, b) with a < b, sorted.
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed graph.
///
/// # Complexity
/// O(n + m), iterative.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::cohesion::bridges};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)], false).unwrap();
/// assert_eq!(bridges(&g).unwrap(), vec![(2, 3)]);
/// ```
pub fn bridges(g: &Graph) -> Result<Vec<(u32, u32)>> {
    undirected_only(g, "bridges")?;
    Ok(tarjan(g).1)
}

// ---- reach ------------------------------------------------------------------------------

/// Runs `f(source, scratch)` for every source in fixed chunks (in parallel with the `parallel`
/// feature), checking for cancellation between chunks and advancing progress; results in
/// source order. The caller announces the total with `ctx.start`.
fn per_source<T: Send, S>(
    ctx: &Context,
    sources: &[u32],
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(u32, &mut S) -> T + Sync + Send,
) -> Result<Vec<T>> {
    parallel::per_item(ctx, sources.len(), CHUNK, init, |k, s| f(sources[k], s))
}

/// Breadth-first scratch: a visited bitmap and the list of visited nodes (to reset it).
struct Bfs {
    seen: Vec<u64>,
    order: Vec<u32>,
}

impl Bfs {
    fn new(n: usize) -> Self {
        Bfs {
            seen: vec![0; n.div_ceil(64)],
            order: Vec::new(),
        }
    }
    #[inline]
    fn mark(&mut self, v: u32) -> bool {
        let (w, b) = ((v >> 6) as usize, 1u64 << (v & 63));
        if self.seen[w] & b != 0 {
            false
        } else {
            self.seen[w] |= b;
            self.order.push(v);
            true
        }
    }
    fn reset(&mut self) {
        for &v in &self.order {
            self.seen[(v >> 6) as usize] = 0;
        }
        self.order.clear();
    }
}

/// Reach: for each node, the number of distinct other nodes within 1, 2, ..., `steps` hops
/// (following out-ties in a directed graph, as networkx `single_source_shortest_path_length`
/// with `cutoff=steps`).
///
/// # Arguments
/// * `steps` — the largest number of hops (≥ 1).
///
/// # Returns
/// `steps` vectors: entry `s − 1` holds each node's number of other nodes within `s` hops.
///
/// # Errors
/// [`Error::InvalidArgument`] if `steps` is 0; [`Error::Cancelled`].
///
/// # Complexity
/// Sparse components: a breadth-first search per node, cut off at `steps` hops and stopped as
/// soon as it has reached its whole (weak) component — for 2 steps Σ_u deg(u)² in the worst
/// case. Dense components (of 64 to 32,768 nodes, where Σ deg² exceeds twice Σ deg · c/64):
/// a c × c bitmap of the component, and each step ORs the rows of the newly reached nodes,
/// O(c/64) word operations a row (the projection's big cliques make this much cheaper).
/// Closed-neighbourhood twins (N\[u\] ∪ {u} = N\[w\] ∪ {w}, residents who attended exactly the
/// same activities) are at the same distance from every other node: one search serves a whole
/// class, and a search expands only one node of each class (for undirected graphs; an
/// O(n + m) hashing pass finds the classes). Parallel over nodes; counts are exact, so results
/// do not depend on the thread count.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::cohesion::reach};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]), &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)], false).unwrap();
/// let r = reach(&g, 2, &Context::new()).unwrap();
/// assert_eq!(r[0], vec![1, 2, 2, 1]);
/// assert_eq!(r[1], vec![2, 3, 3, 2]);
/// ```
pub fn reach(g: &Graph, steps: usize, ctx: &Context) -> Result<Vec<Vec<u32>>> {
    if steps == 0 {
        return Err(Error::arg("steps", "steps must be at least 1"));
    }
    let n = g.node_count();
    let csr = g.out_csr();
    // the (weak) component bounds a search: once all of it is reached, stop early
    let comp = connected_components(g);
    let nc = comp.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); nc];
    for (v, &c) in comp.iter().enumerate() {
        members[c as usize].push(v as u32);
    }
    // Dense components (Σ deg² well above the cost of OR-ing bitmap rows) are done with a
    // bitmap adjacency matrix of the component; the rest with breadth-first search.
    let deg2 = |v: &u32| {
        let d = csr.row(*v as usize).len() as f64;
        (d * d, d)
    };
    let dense: Vec<bool> = members
        .iter()
        .map(|m| {
            let c = m.len();
            if steps < 2 {
                return false; // one step is the degree: a single pass over the ties
            }
            let (sq, sum) = m
                .iter()
                .map(deg2)
                .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
            (DENSE_MIN..=DENSE_MAX).contains(&c) && sq > 2.0 * sum * c.div_ceil(64) as f64
        })
        .collect();
    let mut out = vec![vec![0u32; n]; steps];
    // closed-neighbourhood twins reach the same nodes: search from one node of each class
    let rep = if steps < 2 {
        (0..n as u32).collect()
    } else {
        twin_representatives(g)
    };
    let rep = &rep;
    // progress counts searches: one per class of twins
    ctx.start((0..n).filter(|&v| rep[v] as usize == v).count() as u64);
    let sparse: Vec<u32> = (0..n as u32)
        .filter(|&v| rep[v as usize] == v && !dense[comp[v as usize] as usize])
        .collect();
    let rows: Vec<Vec<u32>> = per_source(
        ctx,
        &sparse,
        || Bfs::new(n),
        |s, bfs| {
            let limit = members[comp[s as usize] as usize].len(); // incl. s
            let mut counts = Vec::with_capacity(steps);
            bfs.mark(s);
            let mut lo = 0;
            for _ in 0..steps {
                let hi = bfs.order.len();
                if bfs.order.len() < limit {
                    'level: for k in lo..hi {
                        let v = bfs.order[k] as usize;
                        if rep[v] as usize != v {
                            continue; // its twin, reached at the same depth, adds the same
                        }
                        for &w in csr.row(v) {
                            if bfs.mark(w) && bfs.order.len() == limit {
                                break 'level;
                            }
                        }
                    }
                }
                lo = hi;
                counts.push((bfs.order.len() - 1) as u32);
            }
            bfs.reset();
            counts
        },
    )?;
    for (&v, r) in sparse.iter().zip(rows) {
        for (s, c) in r.into_iter().enumerate() {
            out[s][v as usize] = c;
        }
    }
    // position of each node within its component's member list
    let mut local = vec![0u32; n];
    for m in &members {
        for (i, &v) in m.iter().enumerate() {
            local[v as usize] = i as u32;
        }
    }
    for (m, _) in members.iter().zip(&dense).filter(|x| *x.1) {
        let reps: Vec<u32> = m
            .iter()
            .filter(|&&v| rep[v as usize] == v)
            .map(|&v| local[v as usize])
            .collect();
        let rows = reach_dense(csr, m, &local, rep, &reps, steps, ctx)?;
        for (&i, r) in reps.iter().zip(rows) {
            for (s, c) in r.into_iter().enumerate() {
                out[s][m[i as usize] as usize] = c;
            }
        }
    }
    for v in 0..n {
        let r = rep[v] as usize;
        if r != v {
            for row in out.iter_mut() {
                row[v] = row[r];
            }
        }
    }
    Ok(out)
}

/// Representative of each node's class of closed-neighbourhood twins (N[u] ∪ {u} =
/// N[w] ∪ {w}) in an undirected graph: the lowest index of its class. Twins are at the same
/// distance from every other node, so they reach the same number of nodes, and a search need
/// expand only one of them. Directed graphs: every node represents itself. O(n + m) expected.
fn twin_representatives(g: &Graph) -> Vec<u32> {
    let n = g.node_count();
    let mut rep: Vec<u32> = (0..n as u32).collect();
    if g.is_directed() {
        return rep;
    }
    let csr = g.out_csr();
    let closed = |v: usize| {
        let r = csr.row(v);
        let p = r.partition_point(|&x| (x as usize) < v);
        r[..p]
            .iter()
            .copied()
            .chain(std::iter::once(v as u32))
            .chain(r[p..].iter().copied())
    };
    let mut classes: std::collections::HashMap<(u64, usize), Vec<u32>> =
        std::collections::HashMap::new();
    #[allow(clippy::needless_range_loop)] // v indexes the CSR and `rep`
    for v in 0..n {
        let len = csr.row(v).len();
        if len == 0 {
            continue;
        }
        let h = closed(v).fold(0xcbf2_9ce4_8422_2325u64, |h, x| {
            (h ^ x as u64).wrapping_mul(0x0000_0100_0000_01b3)
        });
        let cands = classes.entry((h, len)).or_default();
        match cands.iter().find(|&&r| closed(r as usize).eq(closed(v))) {
            Some(&r) => rep[v] = r,
            None => cands.push(v as u32),
        }
    }
    rep
}

/// Smallest component done with a bitmap matrix in [`reach`].
const DENSE_MIN: usize = 64;
/// Largest component done with a bitmap matrix in [`reach`] (c²/8 bytes: 128 MiB).
const DENSE_MAX: usize = 32_768;

/// Reach within one component `m` (ascending node indices; `local[v]` is v's position in `m`)
/// from a bitmap adjacency matrix:
/// the nodes within s + 1 steps are those within s steps OR the rows of the nodes first
/// reached at step s.
fn reach_dense(
    csr: &Csr,
    m: &[u32],
    local: &[u32],
    rep: &[u32],
    sources: &[u32],
    steps: usize,
    ctx: &Context,
) -> Result<Vec<Vec<u32>>> {
    let c = m.len();
    let words = c.div_ceil(64);
    let fill = |i: usize, row: &mut [u64]| {
        for &w in csr.row(m[i] as usize) {
            let j = local[w as usize];
            row[(j >> 6) as usize] |= 1u64 << (j & 63);
        }
    };
    let mut bits = vec![0u64; c * words];
    ctx.install(|| parallel::for_each_chunk_mut(&mut bits, words, fill));
    ctx.check()?;
    let row = |i: usize| &bits[i * words..(i + 1) * words];
    let popcount = |x: &[u64]| x.iter().map(|w| w.count_ones()).sum::<u32>();
    per_source(
        ctx,
        sources,
        || (vec![0u64; words], vec![0u64; words], vec![0u64; words]),
        |i, (prev, cur, next)| {
            let i = i as usize;
            prev.fill(0);
            prev[i >> 6] = 1u64 << (i & 63);
            cur.copy_from_slice(row(i));
            cur[i >> 6] |= 1u64 << (i & 63);
            let mut pop = popcount(cur);
            let mut counts = vec![pop - 1];
            for _ in 1..steps {
                if pop as usize == c {
                    counts.push(pop - 1);
                    continue;
                }
                next.copy_from_slice(cur);
                for wi in 0..words {
                    let mut f = cur[wi] & !prev[wi];
                    while f != 0 {
                        let u = wi * 64 + f.trailing_zeros() as usize;
                        f &= f - 1;
                        if rep[m[u] as usize] != m[u] {
                            continue; // its twin is in the same frontier (or the source)
                        }
                        for (a, b) in next.iter_mut().zip(row(u)) {
                            *a |= *b;
                        }
                    }
                }
                std::mem::swap(prev, cur);
                std::mem::swap(cur, next);
                pop = popcount(cur);
                counts.push(pop - 1);
            }
            counts
        },
    )
}

// ---- shortest path lengths ---------------------------------------------------------------

pub use super::distance::Distance;

/// What one single-source search contributes.
#[derive(Debug, Clone, Copy, Default)]
struct SourceStats {
    /// Σ d(s, t) over reached t ≠ s.
    sum: f64,
    /// Σ 1/d(s, t) over reached t ≠ s.
    inv: f64,
    /// max d(s, t) (the eccentricity within the component).
    ecc: f64,
}

/// The sums of one search, taken along the order nodes were reached (the source first).
fn source_stats(ws: &Workspace, d: Distance) -> SourceStats {
    let mut st = SourceStats::default();
    let reached = &ws.order[1..];
    if d == Distance::Hops {
        // hop counts are integers: their sum is exact
        let mut sum = 0u64;
        for &v in reached {
            let dv = ws.dist[v as usize];
            sum += dv as u64;
            st.inv += 1.0 / dv;
        }
        st.sum = sum as f64;
        st.ecc = reached.last().map_or(0.0, |&v| ws.dist[v as usize]);
    } else {
        for &v in reached {
            let dv = ws.dist[v as usize];
            st.sum += dv;
            st.inv += 1.0 / dv;
            if dv > st.ecc {
                st.ecc = dv;
            }
        }
    }
    st
}

fn run_sources(g: &Graph, d: Distance, sources: &[u32], ctx: &Context) -> Result<Vec<SourceStats>> {
    d.check(g)?;
    let csr = g.out_csr();
    let n = g.node_count();
    per_source(
        ctx,
        sources,
        || Workspace::new(n),
        |s, ws| {
            search(csr, s as usize, d, ws, false);
            source_stats(ws, d)
        },
    )
}

/// `k` distinct items of `0..n` drawn uniformly with `rng`, ascending.
fn sample(n: usize, k: usize, mut rng: impl Rng) -> Vec<u32> {
    let mut all = sample_sources(n, k, &mut rng);
    all.sort_unstable();
    all
}

/// Mean of `x` and its standard error as an estimate of the mean of a population of `pop`
/// values from which `x` was drawn without replacement (finite-population corrected).
fn mean_stderr(x: &[f64], pop: usize) -> (f64, f64) {
    let k = x.len() as f64;
    let mean = summary::mean(x);
    if x.len() >= pop {
        return (mean, 0.0);
    }
    let var = summary::variance(x); // NaN for fewer than two values
    (mean, (var / k * (1.0 - k / pop as f64)).sqrt())
}

/// Average shortest path length of one connected component.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentPathLength {
    /// Component label as in [`connected_components`] (0 = the largest).
    pub component: u32,
    /// Number of nodes.
    pub size: usize,
    /// Average shortest path length over ordered pairs of distinct nodes (NaN for size 1);
    /// an estimate when sources were sampled.
    pub average: f64,
    /// Standard error of `average` (0 when exact; NaN for size 1 or a single sampled source).
    pub stderr: f64,
    /// Number of sources searched.
    pub sources: usize,
}

/// Average shortest path length within each connected component (networkx
/// `average_shortest_path_length` on each component's subgraph).
///
/// # Arguments
/// * `distance` — tie lengths (see [`Distance`]).
/// * `k` — `None`: exact (a search from every node). `Some(k)`: in each component of more
///   than `k` nodes, `k` sources drawn uniformly without replacement (stream `ctx.rng(c)` for
///   component c); the estimate is the mean over sampled sources s of Σ_t d(s,t)/(size − 1),
///   with its finite-population-corrected standard error.
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed graph, `k = Some(0)`, or weighted lengths with a
/// weight ≤ 0; [`Error::Cancelled`].
///
/// # Complexity
/// Exact: O(n·(n + m)) for hops, O(n·m log n) weighted; parallel over sources.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::cohesion::{average_shortest_path_length, Distance}};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let t = average_shortest_path_length(&g, Distance::Hops, None, &Context::new()).unwrap();
/// assert_eq!(t[0].size, 3);
/// assert!((t[0].average - 8.0 / 6.0).abs() < 1e-15);
/// assert!(t[1].average.is_nan());
/// ```
pub fn average_shortest_path_length(
    g: &Graph,
    distance: Distance,
    k: Option<usize>,
    ctx: &Context,
) -> Result<Vec<ComponentPathLength>> {
    undirected_only(g, "average_shortest_path_length")?;
    if k == Some(0) {
        return Err(Error::arg("k", "k must be at least 1 (or None for exact)"));
    }
    let comp = connected_components(g);
    let nc = comp.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); nc];
    for (v, &c) in comp.iter().enumerate() {
        members[c as usize].push(v as u32);
    }
    // sources per component (size-1 components need none)
    let mut chosen: Vec<Vec<u32>> = Vec::with_capacity(nc);
    for (c, m) in members.iter().enumerate() {
        chosen.push(match k {
            _ if m.len() < 2 => Vec::new(),
            Some(k) if k < m.len() => sample(m.len(), k, ctx.rng(c as u64))
                .into_iter()
                .map(|i| m[i as usize])
                .collect(),
            _ => m.clone(),
        });
    }
    let sources: Vec<u32> = {
        let mut s: Vec<u32> = chosen.iter().flatten().copied().collect();
        s.sort_unstable();
        s
    };
    ctx.start(sources.len() as u64);
    let stats = run_sources(g, distance, &sources, ctx)?;
    let mut at = vec![0usize; g.node_count()];
    for (i, &s) in sources.iter().enumerate() {
        at[s as usize] = i;
    }
    let mut out = Vec::with_capacity(nc);
    for (c, m) in members.iter().enumerate() {
        let size = m.len();
        let picked = &chosen[c];
        let (average, stderr) = if size < 2 {
            (f64::NAN, f64::NAN)
        } else if picked.len() == size {
            let total: f64 = picked.iter().map(|&s| stats[at[s as usize]].sum).sum();
            (total / (size as f64 * (size as f64 - 1.0)), 0.0)
        } else {
            let per: Vec<f64> = picked
                .iter()
                .map(|&s| stats[at[s as usize]].sum / (size as f64 - 1.0))
                .collect();
            mean_stderr(&per, size)
        };
        out.push(ComponentPathLength {
            component: c as u32,
            size,
            average,
            stderr,
            sources: picked.len(),
        });
    }
    Ok(out)
}

/// Global efficiency: the mean of 1/d(s, t) over ordered pairs of distinct nodes, 0 for
/// unreachable pairs (networkx `global_efficiency` for hops; with weighted lengths the same
/// formula over weighted distances).
///
/// # Arguments
/// * `distance` — tie lengths (see [`Distance`]).
/// * `k` — `None`: exact. `Some(k)` with k < n: `k` sources drawn uniformly without
///   replacement from all nodes (stream `ctx.rng(0)`); the estimate is the mean over sampled
///   sources of Σ_t 1/d(s,t)/(n − 1).
///
/// # Returns
/// (efficiency, standard error); the standard error is 0 when exact. 0 for n < 2.
///
/// # Errors
/// As [`average_shortest_path_length`].
///
/// # Complexity
/// Exact: n searches, parallel over sources.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::cohesion::{global_efficiency, Distance}};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let (e, se) = global_efficiency(&g, Distance::Hops, None, &Context::new()).unwrap();
/// assert!((e - 5.0 / 6.0).abs() < 1e-15 && se == 0.0);
/// ```
pub fn global_efficiency(
    g: &Graph,
    distance: Distance,
    k: Option<usize>,
    ctx: &Context,
) -> Result<(f64, f64)> {
    undirected_only(g, "global_efficiency")?;
    if k == Some(0) {
        return Err(Error::arg("k", "k must be at least 1 (or None for exact)"));
    }
    let n = g.node_count();
    if n < 2 {
        distance.lengths(g)?;
        return Ok((0.0, 0.0));
    }
    let sources: Vec<u32> = match k {
        Some(k) if k < n => sample(n, k, ctx.rng(0)),
        _ => (0..n as u32).collect(),
    };
    ctx.start(sources.len() as u64);
    let stats = run_sources(g, distance, &sources, ctx)?;
    if sources.len() == n {
        let total: f64 = stats.iter().map(|s| s.inv).sum();
        Ok((total / (n as f64 * (n as f64 - 1.0)), 0.0))
    } else {
        let per: Vec<f64> = stats.iter().map(|s| s.inv / (n as f64 - 1.0)).collect();
        Ok(mean_stderr(&per, n))
    }
}

/// Diameter of the largest connected component (label 0 of [`connected_components`]): the
/// largest shortest-path length between two of its nodes (networkx `diameter` on that
/// component). Exact: a search from every node of the component.
///
/// # Returns
/// The diameter (hops as a whole number in an `f64`); 0 for a single node.
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed or empty graph or weighted lengths with a weight
/// ≤ 0; [`Error::Cancelled`].
///
/// # Complexity
/// O(c·(c + m_c)) for a component of c nodes and m_c ties (hops); parallel over sources.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::cohesion::{diameter, Distance}};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3, 4]), &[(0, 1, 1.0), (1, 2, 1.0), (3, 4, 1.0)], false).unwrap();
/// assert_eq!(diameter(&g, Distance::Hops, &Context::new()).unwrap(), 2.0);
/// ```
pub fn diameter(g: &Graph, distance: Distance, ctx: &Context) -> Result<f64> {
    undirected_only(g, "diameter")?;
    if g.node_count() == 0 {
        return Err(Error::arg("g", "the graph has no nodes, so no diameter"));
    }
    let comp = connected_components(g);
    let sources: Vec<u32> = (0..g.node_count() as u32)
        .filter(|&v| comp[v as usize] == 0)
        .collect();
    ctx.start(sources.len() as u64);
    let stats = run_sources(g, distance, &sources, ctx)?;
    Ok(stats.iter().map(|s| s.ecc).fold(0.0, f64::max))
}
