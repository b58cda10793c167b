//! Betweenness centrality (Brandes; networkx's `nx.betweenness_centrality`), exact or over
//! sampled sources.
use super::*;
use crate::metrics::shortest_paths::*;

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
    // Per-thread scratch (a workspace and an accumulator of n each) is made once and handed
    // from batch to batch: made afresh per batch it cost O(n) a batch, O(n²) in all on a
    // graph of a million isolated nodes. Each is clean when handed back (the workspace resets
    // after each search, the accumulator is zeroed after each chunk).
    let pool: std::sync::Mutex<Vec<(Workspace, Vec<f64>)>> = std::sync::Mutex::new(Vec::new());
    struct Pooled<'a> {
        item: Option<(Workspace, Vec<f64>)>,
        pool: &'a std::sync::Mutex<Vec<(Workspace, Vec<f64>)>>,
    }
    impl Drop for Pooled<'_> {
        fn drop(&mut self) {
            if let Some(item) = self.item.take() {
                self.pool
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(item);
            }
        }
    }
    for batch in chunks.chunks(CHUNK_BATCH) {
        ctx.check()?;
        // A chunk's dependencies are accumulated in a per-thread vector of n and handed on as
        // the range of nodes its searches reached (`(first node, values)`), which is then
        // zeroed again: on graphs of many components the cost per chunk is the size of the
        // components reached, not n. Nodes outside a part would only add +0.0, so the sums are
        // the same bits as adding whole vectors.
        let run_chunk = |pooled: &mut Pooled<'_>, chunk: &&[u32]| -> Result<(usize, Vec<f64>)> {
            let (ws, acc) = pooled.item.as_mut().expect("scratch in use");
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
        let init = || {
            let reused = pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
            Pooled {
                item: Some(reused.unwrap_or_else(|| (Workspace::new(n), vec![0.0; n]))),
                pool: &pool,
            }
        };
        let parts: Vec<Result<(usize, Vec<f64>)>> =
            parallel::map_items_init(batch, init, run_chunk);
        let parts = parts.into_iter().collect::<Result<Vec<_>>>()?;
        // only the SUM_CHUNK blocks the parts reach: elsewhere they would add +0.0 (the same
        // bits), and visiting all n per batch is O(n²) in all on many small components
        let reach_lo = parts.iter().filter(|p| !p.1.is_empty()).map(|p| p.0).min();
        let reach_hi = parts.iter().map(|p| p.0 + p.1.len()).max().unwrap_or(0);
        let Some(reach_lo) = reach_lo else {
            continue;
        };
        let first_block = reach_lo / SUM_CHUNK;
        let last_block = reach_hi.div_ceil(SUM_CHUNK).min(n.div_ceil(SUM_CHUNK));
        let add = |lo: usize, t: &mut [f64]| {
            let hi = lo + t.len();
            for (plo, part) in &parts {
                let (a, b) = (lo.max(*plo), hi.min(plo + part.len()));
                for k in a..b {
                    t[k - lo] += part[k - plo];
                }
            }
        };
        let span = &mut total[first_block * SUM_CHUNK..(last_block * SUM_CHUNK).min(n)];
        parallel::for_each_chunk_mut(span, SUM_CHUNK, |c, t| {
            add((first_block + c) * SUM_CHUNK, t)
        });
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
                expand_counting(csr.row(v), dn, sv, ws);
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
            sample_sources(n, k, &mut ctx.rng(0))
        }
    };
    over_sources(g, opts, &sources, opts.k.is_some(), ctx)
}

/// Betweenness centrality over the given source nodes (pivots), rescaled as networkx's
/// `betweenness_centrality(G, k=len(sources))` rescales the sums when it has drawn exactly these
/// nodes: with `endpoints` false the sources and the other nodes are scaled differently (NaN
/// for the single source when there is one source), as networkx. Lets a caller that draws the
/// pivots itself (networkx's own random stream, say) get networkx's answer for them.
///
/// # Arguments
/// - `g`: the graph; `sources`: distinct node indices, in any order; `opts`: as
///   [`betweenness_centrality`] (`opts.k` is not used: the number of pivots is
///   `sources.len()`); `ctx`: threads, cancellation and progress (one unit per source).
///
/// # Returns
/// One value per node.
///
/// # Errors
/// [`Error::InvalidArgument`] for no sources, a source that is not a node index or one given
/// twice, and for non-positive or non-finite weights when `distance` uses them.
///
/// # Complexity
/// As [`betweenness_centrality`] with S = `sources.len()`.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::centrality::{betweenness_centrality_from_sources, BetweennessOptions};
/// // a path 0 - 1 - 2 with paths counted from node 0 only: node 1 is on the path 0 → 2
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let opts = BetweennessOptions { normalized: false, ..Default::default() };
/// let b = betweenness_centrality_from_sources(&g, &[0], &opts, &Context::new()).unwrap();
/// // one pivot: inflated by n' / (k · 2) = 2 / 2 for non-sources, NaN for the source
/// assert!(b[0].is_nan() && b[1] == 1.0 && b[2] == 0.0);
/// ```
pub fn betweenness_centrality_from_sources(
    g: &Graph,
    sources: &[u32],
    opts: &BetweennessOptions,
    ctx: &Context,
) -> Result<Vec<f64>> {
    let n = g.node_count();
    opts.distance.check(g)?;
    if sources.is_empty() {
        return Err(Error::arg("sources", "must name at least one node"));
    }
    let mut seen = vec![false; n];
    for &s in sources {
        let i = s as usize;
        if i >= n {
            return Err(Error::arg(
                "sources",
                format!("{s} is not a node index of a graph of {n} nodes"),
            ));
        }
        if seen[i] {
            return Err(Error::arg(
                "sources",
                format!("node index {s} is given twice"),
            ));
        }
        seen[i] = true;
    }
    over_sources(g, opts, sources, true, ctx)
}

/// Brandes over `sources`, rescaled as networkx 3.6 `_rescale` (`sampled`: the sources are
/// networkx's `k` sampled nodes).
fn over_sources(
    g: &Graph,
    opts: &BetweennessOptions,
    sources: &[u32],
    sampled: bool,
    ctx: &Context,
) -> Result<Vec<f64>> {
    let n = g.node_count();
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
    let k = sampled.then_some(sources.len());
    match k {
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
            for &s in sources {
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
            let ks = k.map_or(nn, |k| k as f64);
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
