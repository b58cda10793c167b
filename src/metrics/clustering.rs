//! Clustering: triangles per node, local clustering (unweighted, Onnela, Barrat), average
//! clustering, transitivity and square clustering, with networkx's (and for Barrat igraph's)
//! definitions.
//!
//! All kernels work on undirected graphs; a directed graph is refused with
//! [`Error::InvalidArgument`] (directed clustering is not supported yet).
//!
//! # Algorithms
//! Triangles are counted on the *degree-ordered orientation*: every edge points from the
//! lower to the higher (degree, index) rank, so a node's forward list F(v) holds at most
//! O(√m) neighbours. Each node gathers its own count, Σ_{v∈F(x)} |F(v) ∩ F(x)| +
//! Σ_{u∈B(x)} |F(u) ∩ N(x)| (B the backward part), with x's neighbours marked in per-thread
//! bitmaps and the forward lists stored as 64-node blocks (index, bit mask), so one AND and
//! one popcount test up to 64 candidates: the projection's big cliques (a 1,900-person event
//! is a 1,900-clique, billions of triangles) cost a fraction of one step per triangle. For
//! the blocks, nodes are renumbered by (degree, index) rank within windows of 4,096
//! consecutive indices, so a forward list (the neighbours of higher rank) packs into the
//! upper part of each window it touches: several times fewer blocks than in the original
//! numbering when tied nodes lie close together, as in projections. Counts are exact
//! integers computed per node, so they depend neither on the numbering nor on the thread
//! count.
//!
//! Sparse graphs (mean degree 2m/n ≤ 32, e.g. a projection of an online forum with
//! many one-contact users) skip that setup: the nodes of degree ≥ 2 are renumbered by
//! (degree, index) rank into a compact forward-list copy and each triangle is listed once
//! from its lowest-ranked corner, with that corner's forward list marked in a bitmap
//! (per-thread counts are integers, summed at the end).
//!
//! Weighted clustering gathers each node's triangles on its own (neighbours marked in a
//! per-thread array, forward lists of the neighbours scanned), summing in a fixed order, so
//! each node's floating-point sum is the same on any number of threads.
//!
//! # Example
//! ```
//! use wijknet::{Context, Graph, ids::Ids};
//! use wijknet::metrics::clustering::{clustering, transitivity, triangles, ClusteringMethod};
//! // a triangle 0-1-2 with a pendant 3 on node 2
//! let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
//!     &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)], false)?;
//! let ctx = Context::new();
//! assert_eq!(triangles(&g, &ctx)?, vec![1, 1, 1, 0]);
//! assert_eq!(clustering(&g, ClusteringMethod::Unweighted, &ctx)?, vec![1.0, 1.0, 1.0 / 3.0, 0.0]);
//! assert_eq!(transitivity(&g, &ctx)?, 3.0 / 5.0);
//! # Ok::<(), wijknet::Error>(())
//! ```
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::parallel::{self, ordered_sum};

/// Nodes per work chunk: small enough that the few nodes of a big clique spread over threads.
const CHUNK: usize = 64;

/// How [`clustering`] weighs triangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ClusteringMethod {
    /// Ignore weights: C_i = T_i / (k_i(k_i − 1)/2) (networkx `clustering(G)`).
    #[default]
    Unweighted,
    /// Onnela et al. (2005): the geometric mean of the triangle's three weights, each divided
    /// by the graph's largest weight (networkx `clustering(G, weight="weight")`).
    Onnela,
    /// Barrat et al. (2004): Σ_{j,h} (w_ij + w_ih)/2 · a_ij a_ih a_jh / (s_i (k_i − 1))
    /// (igraph `transitivity_local_undirected(weights=..., mode="zero")`).
    Barrat,
}

crate::option_names!(ClusteringMethod, "method", {
    "unweighted" => ClusteringMethod::Unweighted,
    "onnela" => ClusteringMethod::Onnela,
    "barrat" => ClusteringMethod::Barrat,
});

impl ClusteringMethod {
    /// Parses "unweighted", "onnela" or "barrat".
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "unweighted" => Some(Self::Unweighted),
            "onnela" => Some(Self::Onnela),
            "barrat" => Some(Self::Barrat),
            _ => None,
        }
    }
}

fn undirected(g: &Graph, what: &str) -> Result<()> {
    if g.is_directed() {
        Err(Error::arg(
            "g",
            format!(
                "{what} is not supported for directed graphs yet; use an undirected graph \
                 (a projection, or a tie layer read with directed=False)"
            ),
        ))
    } else {
        Ok(())
    }
}

/// The degree-ordered orientation: for each node its neighbours of higher (degree, index)
/// rank, ascending by index, with the edge weights.
struct Forward {
    indptr: Vec<usize>,
    indices: Vec<u32>,
    weights: Vec<f64>,
}

impl Forward {
    /// The orientation; with `map`, the forward weights are `map(w)` (else left empty).
    fn new(g: &Graph, map: Option<&(dyn Fn(f64) -> f64 + Sync)>) -> Forward {
        let csr = g.out_csr();
        let n = g.node_count();
        let deg = |i: usize| csr.indptr[i + 1] - csr.indptr[i];
        let mut indptr = vec![0usize; n + 1];
        for v in 0..n {
            let dv = deg(v);
            let c = csr
                .row(v)
                .iter()
                .filter(|&&u| (deg(u as usize), u as usize) > (dv, v))
                .count();
            indptr[v + 1] = indptr[v] + c;
        }
        let mut indices = Vec::with_capacity(indptr[n]);
        let mut weights = Vec::with_capacity(if map.is_some() { indptr[n] } else { 0 });
        for v in 0..n {
            let dv = deg(v);
            for (&u, &w) in csr.row(v).iter().zip(csr.row_weights(v)) {
                if (deg(u as usize), u as usize) > (dv, v) {
                    indices.push(u);
                    if let Some(f) = map {
                        weights.push(f(w));
                    }
                }
            }
        }
        Forward {
            indptr,
            indices,
            weights,
        }
    }
    fn row(&self, i: usize) -> &[u32] {
        &self.indices[self.indptr[i]..self.indptr[i + 1]]
    }
    fn row_weights(&self, i: usize) -> &[f64] {
        &self.weights[self.indptr[i]..self.indptr[i + 1]]
    }
}

/// Width of the windows of consecutive node indices within which [`Blocks`] renumbers the
/// nodes by (degree, index) rank.
const RANK_WINDOW: usize = 4096;

/// The degree-ordered orientation in 64-node blocks, on renumbered nodes. Within each window
/// of [`RANK_WINDOW`] consecutive indices the nodes are renumbered by (degree, index) rank, so
/// a node's forward neighbours (those of higher rank) lie in the upper part of every window
/// they share: where tied nodes lie close together (a projection numbers the residents of one
/// community centre consecutively) a forward list needs a fraction of the blocks it would
/// need in the original numbering (on the newman projection by session of
/// `badhuis(100_000)`, 7.5× fewer block steps in the count; see docs/performance.md).
/// For each node (by its new number): (block index, bit mask) pairs of its forward list,
/// ascending by block.
struct Blocks {
    /// The new number of each node.
    new: Vec<u32>,
    indptr: Vec<usize>,
    block: Vec<u32>,
    mask: Vec<u64>,
}

impl Blocks {
    fn new(g: &Graph) -> Blocks {
        let csr = g.out_csr();
        let n = g.node_count();
        let deg = |i: usize| csr.indptr[i + 1] - csr.indptr[i];
        let mut order: Vec<u32> = (0..n as u32).collect();
        for w in order.chunks_mut(RANK_WINDOW) {
            w.sort_unstable_by_key(|&v| (deg(v as usize), v));
        }
        let mut new = vec![0u32; n];
        for (p, &v) in order.iter().enumerate() {
            new[v as usize] = p as u32;
        }
        // each window's forward lists on their own (in parallel), concatenated in order
        let words = n.div_ceil(64);
        let scratch = || (vec![0u64; words], Vec::<u32>::new());
        let window = |(bits, touched): &mut (Vec<u64>, Vec<u32>), c: usize| {
            let (mut lens, mut block, mut mask) = (Vec::new(), Vec::new(), Vec::new());
            for &v in &order[c * RANK_WINDOW..((c + 1) * RANK_WINDOW).min(n)] {
                let v = v as usize;
                let dv = deg(v);
                for &u in csr.row(v) {
                    if (deg(u as usize), u as usize) > (dv, v) {
                        let q = new[u as usize];
                        let b = q >> 6;
                        if bits[b as usize] == 0 {
                            touched.push(b);
                        }
                        bits[b as usize] |= 1u64 << (q & 63);
                    }
                }
                touched.sort_unstable();
                for &b in touched.iter() {
                    block.push(b);
                    mask.push(std::mem::take(&mut bits[b as usize]));
                }
                lens.push(touched.len());
                touched.clear();
            }
            (lens, block, mask)
        };
        let parts = parallel::map_init(n.div_ceil(RANK_WINDOW), scratch, window);
        let total: usize = parts.iter().map(|p| p.1.len()).sum();
        let mut indptr = Vec::with_capacity(n + 1);
        indptr.push(0);
        let (mut block, mut mask) = (Vec::with_capacity(total), Vec::with_capacity(total));
        for (lens, b, m) in parts {
            for l in lens {
                indptr.push(indptr.last().copied().unwrap_or(0) + l);
            }
            block.extend(b);
            mask.extend(m);
        }
        Blocks {
            new,
            indptr,
            block,
            mask,
        }
    }
}

/// Per-thread scratch for the triangle count: bitmaps of N(x) and of its forward part F(x)
/// (in the new numbering of [`Blocks`]), and x's neighbours' new numbers.
struct TriScratch {
    all: Vec<u64>,
    fwd: Vec<u64>,
    ids: Vec<u32>,
}

/// Σ popcount(bits[block] & mask) over a node's blocks. Every block index must be below
/// `bits.len()` (block indices come from node numbers < n, and the bitmaps have ⌈n/64⌉
/// words: [`Blocks::new`] makes them so).
#[inline(always)]
fn count_blocks(bits: &[u64], block: &[u32], mask: &[u64]) -> u64 {
    debug_assert_eq!(block.len(), mask.len());
    debug_assert!(block.iter().all(|&b| (b as usize) < bits.len()));
    let len = block.len().min(mask.len());
    let mut t = [0u64; 4];
    let mut i = 0;
    // SAFETY: i < len ≤ block.len(), mask.len(), and every block index is < bits.len() (see
    // above): the unchecked reads stay inside the slices. This is the count's innermost loop.
    unsafe {
        while i + 4 <= len {
            for (k, tk) in t.iter_mut().enumerate() {
                let b = *block.get_unchecked(i + k) as usize;
                *tk += (bits.get_unchecked(b) & mask.get_unchecked(i + k)).count_ones() as u64;
            }
            i += 4;
        }
        while i < len {
            let b = *block.get_unchecked(i) as usize;
            t[0] += (bits.get_unchecked(b) & mask.get_unchecked(i)).count_ones() as u64;
            i += 1;
        }
    }
    t[0] + t[1] + t[2] + t[3]
}

/// Triangles through `x`, each counted once by where x sits in it (ranks low < mid < high):
/// Σ_{v∈F(x)} |F(v) ∩ F(x)| (x low, v mid) + Σ_{u∈B(x)} |F(u) ∩ N(x)| (u low, x mid or high).
/// Intersections are popcounts of 64-node blocks against the bitmaps of x's neighbours.
#[inline(always)]
fn node_triangles(g: &Graph, bl: &Blocks, x: usize, s: &mut TriScratch) -> u64 {
    let nx = g.out_csr().row(x);
    if nx.len() < 2 {
        return 0;
    }
    s.ids.clear();
    s.ids.extend(nx.iter().map(|&v| bl.new[v as usize]));
    for &q in &s.ids {
        s.all[q as usize >> 6] |= 1u64 << (q & 63);
    }
    let p = bl.new[x] as usize;
    for i in bl.indptr[p]..bl.indptr[p + 1] {
        s.fwd[bl.block[i] as usize] |= bl.mask[i];
    }
    let mut t = 0u64;
    for &q in &s.ids {
        let q = q as usize;
        let m = if s.fwd[q >> 6] >> (q & 63) & 1 != 0 {
            &s.fwd
        } else {
            &s.all
        };
        let (a, b) = (bl.indptr[q], bl.indptr[q + 1]);
        t += count_blocks(m, &bl.block[a..b], &bl.mask[a..b]);
    }
    for &q in &s.ids {
        s.all[q as usize >> 6] = 0;
        s.fwd[q as usize >> 6] = 0;
    }
    t
}

/// [`node_triangles`] compiled with the hardware popcount instruction (the x86-64 baseline
/// lacks it; a software popcount is several times slower here).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
unsafe fn node_triangles_popcnt(g: &Graph, bl: &Blocks, x: usize, s: &mut TriScratch) -> u64 {
    node_triangles(g, bl, x, s)
}

type NodeCount = fn(&Graph, &Blocks, usize, &mut TriScratch) -> u64;

/// The fastest [`node_triangles`] this CPU runs.
fn node_count_fn() -> NodeCount {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU supports popcnt (checked just above).
            return |g, bl, x, s| unsafe { node_triangles_popcnt(g, bl, x, s) };
        }
    }
    node_triangles
}

/// Mean degree (2m/n) up to which triangles are listed one by one on a compact copy of the
/// graph ([`Compact`]) instead of counted by the block kernel, which is tuned for the big
/// cliques of dense projections but spends most of its time on setup in sparse graphs.
const SPARSE_MEAN_DEGREE: usize = 32;

/// Nodes of the compact graph per work chunk.
const SPARSE_CHUNK: usize = 1024;

fn is_sparse(g: &Graph) -> bool {
    let n = g.node_count();
    n > 0 && g.out_csr().nnz() <= SPARSE_MEAN_DEGREE * n
}

/// The degree-ordered orientation restricted to the nodes of degree ≥ 2 (the others close
/// no triangle), renumbered by (degree, index) rank: node r's forward list holds its
/// neighbours of higher rank, so marks and lists of a sparse graph stay small and close.
struct Compact {
    ptr: Vec<usize>,
    ind: Vec<u32>,
    /// The original index of each rank.
    old: Vec<u32>,
}

impl Compact {
    fn new(g: &Graph) -> Compact {
        let csr = g.out_csr();
        let n = g.node_count();
        let deg = |v: usize| csr.indptr[v + 1] - csr.indptr[v];
        // counting sort by degree; stable, so equal degrees stay in index order
        let max_deg = (0..n).map(deg).max().unwrap_or(0);
        let mut first = vec![0usize; max_deg + 2];
        for v in 0..n {
            let d = deg(v);
            if d >= 2 {
                first[d + 1] += 1;
            }
        }
        for d in 1..first.len() {
            first[d] += first[d - 1];
        }
        let na = first[max_deg + 1];
        let mut rank = vec![u32::MAX; n];
        let mut old = vec![0u32; na];
        for (v, r) in rank.iter_mut().enumerate() {
            let d = deg(v);
            if d >= 2 {
                *r = first[d] as u32;
                old[first[d]] = v as u32;
                first[d] += 1;
            }
        }
        let mut ptr = Vec::with_capacity(na + 1);
        ptr.push(0);
        let mut ind = Vec::new();
        for (r, &v) in old.iter().enumerate() {
            for &u in csr.row(v as usize) {
                let q = rank[u as usize];
                if q != u32::MAX && q > r as u32 {
                    ind.push(q);
                }
            }
            ptr.push(ind.len());
        }
        Compact { ptr, ind, old }
    }
    fn row(&self, r: usize) -> &[u32] {
        &self.ind[self.ptr[r]..self.ptr[r + 1]]
    }
    /// Lists the triangles whose lowest-ranked node lies in `nodes`, each once: `u` lowest,
    /// `v` ∈ F(u) and `w` ∈ F(v) ∩ F(u), with F(u) marked in the bitmap `mark` (all zero
    /// before and after). Adds one to `counts` at each corner when given; returns how many.
    fn list(
        &self,
        nodes: std::ops::Range<usize>,
        mark: &mut [u64],
        mut counts: Option<&mut [u64]>,
    ) -> u64 {
        let mut total = 0u64;
        for u in nodes {
            let fu = self.row(u);
            if fu.len() < 2 {
                continue;
            }
            for &w in fu {
                mark[w as usize >> 6] |= 1u64 << (w & 63);
            }
            let mut tu = 0u64;
            for &v in fu {
                let fv = self.row(v as usize);
                let tv = match counts.as_deref_mut() {
                    None => fv
                        .iter()
                        .map(|&w| (mark[w as usize >> 6] >> (w & 63)) & 1)
                        .sum(),
                    Some(t) => {
                        let mut tv = 0;
                        for &w in fv {
                            if (mark[w as usize >> 6] >> (w & 63)) & 1 != 0 {
                                t[w as usize] += 1;
                                tv += 1;
                            }
                        }
                        t[v as usize] += tv;
                        tv
                    }
                };
                tu += tv;
            }
            if let Some(t) = counts.as_deref_mut() {
                t[u] += tu;
            }
            total += tu;
            for &w in fu {
                mark[w as usize >> 6] = 0;
            }
        }
        total
    }
}

/// Triangles of a sparse graph, listed on [`Compact`] in fixed chunks of nodes: per node
/// (`per_node`, in original indices) or only the total (then the vector is empty). Exact
/// integer counts: the same on any number of threads.
fn sparse_triangles(g: &Graph, per_node: bool, ctx: &Context) -> Result<(u64, Vec<u64>)> {
    let c = Compact::new(g);
    let na = c.old.len();
    let chunks = na.div_ceil(SPARSE_CHUNK);
    let range = |k: usize| k * SPARSE_CHUNK..((k + 1) * SPARSE_CHUNK).min(na);
    ctx.start(chunks as u64);
    let words = na.div_ceil(64);
    let new_acc = || {
        (
            vec![0u64; words],
            if per_node { vec![0u64; na] } else { Vec::new() },
            0u64,
        )
    };
    let step = |(mut mark, mut t, sum): (Vec<u64>, Vec<u64>, u64),
                k: usize|
     -> Result<(Vec<u64>, Vec<u64>, u64)> {
        ctx.check()?;
        let counts = if per_node {
            Some(t.as_mut_slice())
        } else {
            None
        };
        let s = c.list(range(k), &mut mark, counts);
        ctx.advance(1);
        Ok((mark, t, sum + s))
    };
    // integer counts: the per-thread accumulators add up exactly
    let mut total = 0u64;
    let mut counts = if per_node { vec![0u64; na] } else { Vec::new() };
    for (_, t, s) in parallel::try_fold(chunks, new_acc, step)? {
        total += s;
        for (a, b) in counts.iter_mut().zip(&t) {
            *a += b;
        }
    }
    let mut out = Vec::new();
    if per_node {
        out = vec![0u64; g.node_count()];
        for (r, &v) in c.old.iter().enumerate() {
            out[v as usize] = counts[r];
        }
    }
    Ok((total, out))
}

fn triangles_kernel(g: &Graph, ctx: &Context) -> Result<Vec<u64>> {
    if is_sparse(g) {
        return Ok(sparse_triangles(g, true, ctx)?.1);
    }
    let count = node_count_fn();
    let n = g.node_count();
    ctx.start(n as u64);
    let bl = Blocks::new(g);
    ctx.check()?;
    let mut out = vec![0u64; n];
    let scratch = || TriScratch {
        all: vec![0; n.div_ceil(64)],
        fwd: vec![0; n.div_ceil(64)],
        ids: Vec::new(),
    };
    let do_chunk = |c: usize, part: &mut [u64], s: &mut TriScratch| {
        ctx.check()?;
        for (o, t) in part.iter_mut().enumerate() {
            *t = count(g, &bl, c * CHUNK + o, s);
        }
        ctx.advance(part.len() as u64);
        Ok::<(), Error>(())
    };
    parallel::try_for_each_chunk_mut_init(&mut out, CHUNK, scratch, |s, c, part| {
        do_chunk(c, part, s)
    })?;
    Ok(out)
}

/// Number of triangles through each node (networkx `triangles`).
///
/// # Arguments
/// * `g` — an undirected graph (weights are ignored).
/// * `ctx` — threads and cancellation.
///
/// # Returns
/// One exact count per node; the counts sum to 3× the number of triangles. The same on any
/// number of threads.
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed graph; [`Error::Cancelled`].
///
/// # Complexity
/// O(Σ_v k_v·b_v) word operations, b_v the number of 64-node blocks of v's forward list
/// (b_v ≤ |F(v)| = O(√m)); O(m) memory for the blocks and O(n/64) per thread. Sparse graphs
/// (2m/n ≤ 32): O(m + Σ_{(u,v)} |F(v)|) = O(m·√m) over the forward ties (u, v), O(n) memory
/// per thread.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::clustering::triangles};
/// // K4: every node is in 3 triangles
/// let e = [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (1, 2, 1.0), (1, 3, 1.0), (2, 3, 1.0)];
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]), &e, false)?;
/// assert_eq!(triangles(&g, &Context::new())?, vec![3, 3, 3, 3]);
/// # Ok::<(), wijknet::Error>(())
/// ```
pub fn triangles(g: &Graph, ctx: &Context) -> Result<Vec<u64>> {
    undirected(g, "triangles")?;
    ctx.install(|| triangles_kernel(g, ctx))
}

/// Per-thread scratch for the weighted gather: position+1 of each neighbour of the current
/// node in its row (0 = not a neighbour).
struct Gather {
    pos: Vec<u32>,
}

/// Σ over the triangles {i, j, k} of `term(w_ij, w_ik, w_jk)` with the mapped weights `tw`
/// (aligned with the CSR), in a fixed order (j ascending in N(i), then k ascending in the
/// forward list of j).
fn gather_node(
    g: &Graph,
    fw: &Forward,
    tw: &[f64],
    i: usize,
    scratch: &mut Gather,
    term: &impl Fn(f64, f64, f64) -> f64,
) -> f64 {
    let csr = g.out_csr();
    let row = csr.row(i);
    let ws = &tw[csr.indptr[i]..csr.indptr[i + 1]];
    if row.len() < 2 {
        return 0.0;
    }
    let pos = &mut scratch.pos;
    for (p, &j) in row.iter().enumerate() {
        pos[j as usize] = p as u32 + 1;
    }
    let mut sum = 0.0;
    for (&j, &wij) in row.iter().zip(ws) {
        for (&k, &wjk) in fw.row(j as usize).iter().zip(fw.row_weights(j as usize)) {
            let p = pos[k as usize];
            if p != 0 {
                sum += term(wij, ws[p as usize - 1], wjk);
            }
        }
    }
    for &j in row {
        pos[j as usize] = 0;
    }
    sum
}

/// `finish(i, Σ_triangles term(map(w_ij), map(w_ik), map(w_jk)))` for every node, in
/// parallel over fixed chunks.
fn per_node_weighted(
    g: &Graph,
    ctx: &Context,
    map: &(dyn Fn(f64) -> f64 + Sync),
    term: impl Fn(f64, f64, f64) -> f64 + Sync,
    finish: impl Fn(usize, f64) -> f64 + Sync,
) -> Result<Vec<f64>> {
    let n = g.node_count();
    let fw = Forward::new(g, Some(map));
    let tw: Vec<f64> = g.out_csr().weights.iter().map(|&w| map(w)).collect();
    let mut out = vec![0.0f64; n];
    ctx.start(n as u64);
    let do_chunk = |c: usize, part: &mut [f64], scratch: &mut Gather| {
        ctx.check()?;
        let base = c * CHUNK;
        for (o, v) in part.iter_mut().enumerate() {
            let i = base + o;
            *v = finish(i, gather_node(g, &fw, &tw, i, scratch, &term));
        }
        ctx.advance(part.len() as u64);
        Ok::<(), Error>(())
    };
    parallel::try_for_each_chunk_mut_init(
        &mut out,
        CHUNK,
        || Gather { pos: vec![0; n] },
        |scratch, c, part| do_chunk(c, part, scratch),
    )?;
    Ok(out)
}

fn clustering_kernel(g: &Graph, method: ClusteringMethod, ctx: &Context) -> Result<Vec<f64>> {
    let csr = g.out_csr();
    let deg = |i: usize| (csr.indptr[i + 1] - csr.indptr[i]) as u64;
    match method {
        ClusteringMethod::Unweighted => {
            let tri = triangles_kernel(g, ctx)?;
            Ok(tri
                .iter()
                .enumerate()
                .map(|(i, &t)| {
                    let d = deg(i);
                    if t == 0 {
                        0.0
                    } else {
                        // both exact in f64: the division is correctly rounded, as Python's
                        (2 * t) as f64 / (d * (d - 1)) as f64
                    }
                })
                .collect())
        }
        ClusteringMethod::Onnela => {
            let max_w = csr.weights.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
            if max_w.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
                // no ties, or all weights zero: every geometric mean is 0
                return Ok(vec![0.0; g.node_count()]);
            }
            // cbrt(a·b·c) = cbrt(a)·cbrt(b)·cbrt(c): one cube root per tie instead of one per
            // triangle (networkx takes the root of the product; they differ by a few ulps)
            per_node_weighted(
                g,
                ctx,
                &|w| (w / max_w).cbrt(),
                |wij, wik, wjk| wij * wjk * wik,
                |i, t| {
                    let d = deg(i);
                    if t == 0.0 {
                        0.0
                    } else {
                        2.0 * t / (d * (d - 1)) as f64
                    }
                },
            )
        }
        ClusteringMethod::Barrat => per_node_weighted(
            g,
            ctx,
            &|w| w,
            |wij, wik, _| wij + wik,
            |i, t| {
                let d = deg(i);
                let s = csr.row_weights(i).iter().fold(0.0, |a, w| a + w);
                let triples = s * (d as f64 - 1.0);
                if d < 2 || triples == 0.0 {
                    0.0
                } else {
                    t / triples
                }
            },
        ),
    }
}

/// Local clustering coefficient of each node.
///
/// # Arguments
/// * `g` — an undirected graph.
/// * `method` — [`ClusteringMethod::Unweighted`]: C_i = T_i / (k_i(k_i − 1)/2) with T_i the
///   triangles through i (networkx `clustering(G)`); [`ClusteringMethod::Onnela`]: the
///   geometric mean of the triangle weights normalised by the largest weight in the graph
///   (networkx `clustering(G, weight="weight")`); [`ClusteringMethod::Barrat`]: Barrat et
///   al. (2004) as igraph `transitivity_local_undirected(weights=..., mode="zero")`.
/// * `ctx` — threads and cancellation.
///
/// # Returns
/// One value in [0, 1] per node; 0 for nodes of degree < 2 (and, weighted, for nodes whose
/// weights are all zero). The same on any number of threads.
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed graph; [`Error::Cancelled`].
///
/// # Complexity
/// Unweighted: as [`triangles`]. Weighted: O(Σ_j k_j·f_j) with f_j the size of j's
/// forward list — at most O(m·√m).
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::clustering::{clustering, ClusteringMethod};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 2.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)], false)?;
/// let ctx = Context::new();
/// let c = clustering(&g, ClusteringMethod::Barrat, &ctx)?;
/// assert_eq!(c[2], 2.0 / (3.0 * 2.0)); // (w_20 + w_21) / (s_2 (k_2 − 1))
/// let c = clustering(&g, ClusteringMethod::Onnela, &ctx)?;
/// assert!((c[0] - 0.25f64.cbrt()).abs() < 1e-15); // (1 · ½ · ½)^(1/3), weights over max 2
/// # Ok::<(), wijknet::Error>(())
/// ```
pub fn clustering(g: &Graph, method: ClusteringMethod, ctx: &Context) -> Result<Vec<f64>> {
    undirected(g, "clustering")?;
    ctx.install(|| clustering_kernel(g, method, ctx))
}

/// Mean of the local [`clustering`] over the nodes (networkx `average_clustering`).
///
/// # Arguments
/// * `g`, `method`, `ctx` — as [`clustering`].
/// * `count_zeros` — false leaves out nodes whose clustering is 0.
///
/// # Returns
/// The mean, summed in fixed chunks combined in order (the same on any number of threads);
/// 0 when no node is left to average over (networkx raises ZeroDivisionError there).
///
/// # Errors
/// As [`clustering`].
///
/// # Complexity
/// As [`clustering`].
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::clustering::{average_clustering, ClusteringMethod};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)], false)?;
/// let ctx = Context::new();
/// let avg = average_clustering(&g, ClusteringMethod::Unweighted, true, &ctx)?;
/// assert_eq!(avg, (1.0 + 1.0 + 1.0 / 3.0) / 4.0);
/// let avg = average_clustering(&g, ClusteringMethod::Unweighted, false, &ctx)?;
/// assert_eq!(avg, (1.0 + 1.0 + 1.0 / 3.0) / 3.0);
/// # Ok::<(), wijknet::Error>(())
/// ```
pub fn average_clustering(
    g: &Graph,
    method: ClusteringMethod,
    count_zeros: bool,
    ctx: &Context,
) -> Result<f64> {
    undirected(g, "average_clustering")?;
    ctx.install(|| {
        let mut c = clustering_kernel(g, method, ctx)?;
        if !count_zeros {
            c.retain(|&v| v != 0.0);
        }
        if c.is_empty() {
            return Ok(0.0);
        }
        Ok(ordered_sum(&c) / c.len() as f64)
    })
}

/// Global transitivity: 3 × triangles / connected triples (networkx `transitivity`, igraph
/// `transitivity_undirected`).
///
/// # Arguments
/// * `g` — an undirected graph (weights are ignored).
/// * `ctx` — threads and cancellation.
///
/// # Returns
/// A value in [0, 1]; 0 without triangles. Computed from exact integer counts with one
/// division, so it is the same on any number of threads.
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed graph; [`Error::Cancelled`].
///
/// # Complexity
/// As [`triangles`].
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::clustering::transitivity};
/// // a triangle with a pendant: 3·1 / (1 + 1 + 3 + 0) connected triples
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)], false)?;
/// assert_eq!(transitivity(&g, &Context::new())?, 0.6);
/// # Ok::<(), wijknet::Error>(())
/// ```
pub fn transitivity(g: &Graph, ctx: &Context) -> Result<f64> {
    undirected(g, "transitivity")?;
    let num: u128 = if is_sparse(g) {
        // every triangle once: 6T = 2 · 3T
        6 * ctx.install(|| sparse_triangles(g, false, ctx))?.0 as u128
    } else {
        let tri = ctx.install(|| triangles_kernel(g, ctx))?;
        // networkx: Σ_i 2T_i / Σ_i k_i(k_i − 1) = 6T / (2 × connected triples)
        tri.iter().map(|&t| 2 * t as u128).sum()
    };
    let csr = g.out_csr();
    if num == 0 {
        return Ok(0.0);
    }
    let den: u128 = (0..g.node_count())
        .map(|i| {
            let d = (csr.indptr[i + 1] - csr.indptr[i]) as u128;
            d * d.saturating_sub(1)
        })
        .sum();
    Ok(num as f64 / den as f64)
}

/// Per-thread scratch for square clustering: common-neighbour counts with the list of nodes
/// touched, and a mark of the current node's neighbours.
struct Squares {
    count: Vec<u32>,
    touched: Vec<u32>,
    is_nbr: Vec<bool>,
}

fn square_node(g: &Graph, v: usize, s: &mut Squares) -> f64 {
    let csr = g.out_csr();
    let nv = csr.row(v);
    let kv = nv.len() as u128;
    if kv < 2 {
        return 0.0;
    }
    for &u in nv {
        s.is_nbr[u as usize] = true;
    }
    let mut sum_ku: u128 = 0;
    for &u in nv {
        let nu = csr.row(u as usize);
        sum_ku += nu.len() as u128;
        for &x in nu {
            if x as usize != v {
                let c = &mut s.count[x as usize];
                if *c == 0 {
                    s.touched.push(x);
                }
                *c += 1;
            }
        }
    }
    // squares Q = Σ_{x ≠ v} C(c_vx, 2); 2T_v = Σ_{x ∈ N(v)} c_vx
    let (mut q, mut two_t): (u128, u128) = (0, 0);
    for &x in &s.touched {
        let c = s.count[x as usize] as u128;
        q += c * (c - 1) / 2;
        if s.is_nbr[x as usize] {
            two_t += c;
        }
        s.count[x as usize] = 0;
    }
    s.touched.clear();
    for &u in nv {
        s.is_nbr[u as usize] = false;
    }
    // networkx 3.x: potential = (k_v − 1) Σ_u k_u − k_v (k_v − 1) − 2T_v − Q
    let potential = (kv - 1) * sum_ku - kv * (kv - 1) - two_t - q;
    if potential > 0 {
        q as f64 / potential as f64
    } else {
        0.0
    }
}

/// Square clustering of each node (Lind et al. 2005; networkx `square_clustering`): the
/// squares through a node over the squares that could exist given its neighbours' degrees,
/// C4(v) = Σ_{u<w} q_v(u,w) / Σ_{u<w} [a_v(u,w) + q_v(u,w)] over pairs of neighbours.
///
/// # Arguments
/// * `g` — an undirected graph (weights are ignored).
/// * `ctx` — threads and cancellation.
///
/// # Returns
/// One value in [0, 1] per node, 0 where the denominator is 0 (degree < 2); computed from
/// exact integer counts with one division per node (the same on any number of threads).
///
/// # Errors
/// [`Error::InvalidArgument`] for a directed graph; [`Error::Cancelled`].
///
/// # Complexity
/// O(Σ_u k_u²) time (every 2-path from every node), O(n) memory per thread.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::clustering::square_clustering};
/// // a 4-cycle: every node closes its one square
/// let e = [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)];
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]), &e, false)?;
/// assert_eq!(square_clustering(&g, &Context::new())?, vec![1.0; 4]);
/// # Ok::<(), wijknet::Error>(())
/// ```
pub fn square_clustering(g: &Graph, ctx: &Context) -> Result<Vec<f64>> {
    undirected(g, "square_clustering")?;
    let n = g.node_count();
    let mut out = vec![0.0f64; n];
    let scratch = || Squares {
        count: vec![0; n],
        touched: Vec::new(),
        is_nbr: vec![false; n],
    };
    let do_chunk = |c: usize, part: &mut [f64], s: &mut Squares| {
        ctx.check()?;
        for (o, v) in part.iter_mut().enumerate() {
            *v = square_node(g, c * CHUNK + o, s);
        }
        ctx.advance(part.len() as u64);
        Ok::<(), Error>(())
    };
    ctx.start(n as u64);
    ctx.install(|| {
        parallel::try_for_each_chunk_mut_init(&mut out, CHUNK, scratch, |s, c, part| {
            do_chunk(c, part, s)
        })
    })?;
    Ok(out)
}
