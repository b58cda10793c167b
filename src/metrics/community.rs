//! Communities: modularity (Newman 2006), Louvain (Blondel et al. 2008), partition similarity
//! (NMI with arithmetic normalisation, ARI) and bipartite modularity (Barber 2007).
//!
//! ```
//! use wijknet::{datasets, metrics::community, Context, Network, Projection};
//! let g = Network::new(datasets::davis_southern_women()).project(&Projection::default(), &Context::new()).unwrap();
//! let labels = community::louvain(&g, 1.0, true, 7, &Context::new()).unwrap();
//! let q = community::modularity(&g, &labels, 1.0, true).unwrap();
//! assert!(q > 0.0);
//! ```
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::twomode::Incidence;
use rand::seq::SliceRandom;

fn undirected(g: &Graph, what: &str) -> Result<()> {
    if g.is_directed() {
        return Err(Error::arg(
            "g",
            format!("{what} of directed graphs is not supported yet; use an undirected graph"),
        ));
    }
    Ok(())
}

fn check_labels(g: &Graph, labels: &[u32]) -> Result<()> {
    if labels.len() != g.node_count() {
        return Err(Error::LengthMismatch {
            column: "labels".into(),
            expected: g.node_count(),
            got: labels.len(),
        });
    }
    Ok(())
}

/// Weighted modularity of a partition (`labels[i]` = community of node i), as networkx
/// `community.modularity(G, communities, weight="weight", resolution=γ)`:
/// Q = Σ_c [ W_c / m − γ (S_c / 2m)² ] with W_c the weight inside c and S_c its total strength.
/// 0 for a graph without edges. `weighted = false` counts every edge as 1.
///
/// # Errors
/// Directed graphs; labels of the wrong length.
///
/// # Complexity
/// O(n + m).
pub fn modularity(g: &Graph, labels: &[u32], resolution: f64, weighted: bool) -> Result<f64> {
    undirected(g, "modularity")?;
    check_labels(g, labels)?;
    let csr = g.out_csr();
    let k = labels.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let (mut inside, mut total) = (vec![0.0f64; k], vec![0.0f64; k]);
    let mut two_m = 0.0;
    for i in 0..g.node_count() {
        let ci = labels[i] as usize;
        for (&j, &w) in csr.row(i).iter().zip(csr.row_weights(i)) {
            let w = if weighted { w } else { 1.0 };
            two_m += w;
            total[ci] += w;
            if labels[j as usize] as usize == ci {
                inside[ci] += w; // each inside edge is seen from both ends: 2 W_c
            }
        }
    }
    if two_m == 0.0 {
        return Ok(0.0);
    }
    Ok((0..k)
        .map(|c| inside[c] / two_m - resolution * (total[c] / two_m).powi(2))
        .fold(0.0, |a, b| a + b))
}

/// A weighted undirected graph during Louvain: CSR without self-loops plus each node's
/// self-loop weight.
struct Level {
    ptr: Vec<usize>,
    idx: Vec<u32>,
    w: Vec<f64>,
    self_loop: Vec<f64>,
}

impl Level {
    fn n(&self) -> usize {
        self.self_loop.len()
    }
    fn strength(&self, i: usize) -> f64 {
        self.w[self.ptr[i]..self.ptr[i + 1]]
            .iter()
            .fold(0.0, |a, b| a + b)
            + 2.0 * self.self_loop[i]
    }
}

/// The graph as the first level of Louvain/Leiden, and its total strength 2m (checks the
/// arguments both share).
fn level_zero(g: &Graph, what: &str, resolution: f64, weighted: bool) -> Result<(Level, f64)> {
    undirected(g, what)?;
    if !(resolution > 0.0 && resolution.is_finite()) {
        return Err(Error::arg(
            "resolution",
            format!("{resolution} must be a positive number"),
        ));
    }
    let csr = g.out_csr();
    let level = Level {
        ptr: csr.indptr.clone(),
        idx: csr.indices.clone(),
        w: if weighted {
            csr.weights.clone()
        } else {
            vec![1.0; csr.nnz()]
        },
        self_loop: vec![0.0; g.node_count()],
    };
    let two_m = (0..level.n())
        .map(|i| level.strength(i))
        .fold(0.0, |a, b| a + b);
    Ok((level, two_m))
}

/// Louvain community detection (Blondel et al. 2008) maximising modularity with resolution γ:
/// local moving of nodes in a seeded random order, then aggregation, until no move improves
/// modularity. Deterministic for a seed (runs sequentially: local moving is order dependent).
/// `weighted = false` counts every edge as 1. Returns labels with 0 the largest community (ties: the community of the lowest node first).
///
/// # Errors
/// Directed graphs; resolution not > 0; cancellation.
///
/// # Complexity
/// About O(m) per pass; a few passes per level; a few levels.
pub fn louvain(
    g: &Graph,
    resolution: f64,
    weighted: bool,
    seed: u64,
    ctx: &Context,
) -> Result<Vec<u32>> {
    let (mut level, two_m) = level_zero(g, "louvain", resolution, weighted)?;
    let n = level.n();
    let mut membership: Vec<u32> = (0..n as u32).collect();
    if two_m == 0.0 {
        return Ok(relabel(&membership));
    }
    let ctx_rng = Context::new().with_seed(seed);
    for round in 0.. {
        ctx.check()?;
        let singletons: Vec<u32> = (0..level.n() as u32).collect();
        let (_, comm) = local_moving(
            &level,
            singletons,
            two_m,
            resolution,
            &mut ctx_rng.rng(round),
            ctx,
        )?;
        let (dense, k) = renumber(&comm);
        if k == level.n() {
            break; // nobody moved: a local optimum
        }
        for m in membership.iter_mut() {
            *m = dense[*m as usize];
        }
        level = aggregate(&level, &dense, k);
    }
    Ok(relabel(&membership))
}

/// Leiden community detection (Traag, Waltman & van Eck 2019) maximising modularity with
/// resolution γ: queue-based fast local moving, refinement of each community into well-connected
/// sub-communities (merges chosen at random with probability ∝ exp(ΔH/θ), θ = 0.01, ΔH in tie-weight units), and
/// aggregation of the refined partition, until local moving changes nothing. Communities are
/// guaranteed to be connected. As igraph with `n_iterations = -1`, runs are repeated, each from
/// the previous partition, until one improves modularity by less than 1e-5. Deterministic for a seed (runs
/// sequentially). `weighted = false`
/// counts every edge as 1. Returns labels with 0 the largest community.
///
/// # Errors
/// Directed graphs; resolution not > 0; cancellation.
///
/// # Complexity
/// About O(m) per round; typically a handful of rounds.
pub fn leiden(
    g: &Graph,
    resolution: f64,
    weighted: bool,
    seed: u64,
    ctx: &Context,
) -> Result<Vec<u32>> {
    let (level, two_m) = level_zero(g, "leiden", resolution, weighted)?;
    let n = level.n();
    let membership: Vec<u32> = (0..n as u32).collect();
    if two_m == 0.0 {
        return Ok(relabel(&membership));
    }
    // As igraph with n_iterations = -1: repeat Leiden, each run starting from the previous
    // partition, until a run improves modularity by less than 1e-5 (later runs keep adding
    // ~1e-6 each on the 100k projection at the cost of a whole run).
    let mut labels: Vec<u32> = (0..n as u32).collect();
    let mut q = level_modularity(&level, &labels, two_m, resolution);
    for iteration in 0..20u64 {
        let next = leiden_run(
            &level,
            labels.clone(),
            two_m,
            resolution,
            seed.wrapping_add(iteration << 32),
            ctx,
        )?;
        let q_next = level_modularity(&level, &next, two_m, resolution);
        if q_next > q {
            labels = next;
        }
        if q_next <= q + 1e-5 {
            break;
        }
        q = q_next;
    }
    Ok(relabel(&labels))
}

/// Modularity of `labels` on a level graph (no self-loops at level 0).
fn level_modularity(level: &Level, labels: &[u32], two_m: f64, gamma: f64) -> f64 {
    let k = labels.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let (mut inside, mut total) = (vec![0.0f64; k], vec![0.0f64; k]);
    for i in 0..level.n() {
        let c = labels[i] as usize;
        total[c] += level.strength(i);
        inside[c] += 2.0 * level.self_loop[i];
        for p in level.ptr[i]..level.ptr[i + 1] {
            if labels[level.idx[p] as usize] as usize == c {
                inside[c] += level.w[p];
            }
        }
    }
    (0..k)
        .map(|c| inside[c] / two_m - gamma * (total[c] / two_m).powi(2))
        .fold(0.0, |a, b| a + b)
}

/// One Leiden run on `level0` starting from the partition `initial`; labels per node.
fn leiden_run(
    level0: &Level,
    initial: Vec<u32>,
    two_m: f64,
    resolution: f64,
    seed: u64,
    ctx: &Context,
) -> Result<Vec<u32>> {
    let n = level0.n();
    let mut owned: Option<Level> = None; // aggregated levels; level 0 is borrowed
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let seeded = Context::new().with_seed(seed);
    let mut comm: Vec<u32> = initial;
    for round in 0..1000u64 {
        ctx.check()?;
        let mut rng = seeded.rng(round);
        let level = owned.as_ref().unwrap_or(level0);
        let (_, next) = local_moving(level, comm, two_m, resolution, &mut rng, ctx)?;
        let (dense, k) = renumber(&next);
        if k == level.n() {
            comm = dense; // every community is one aggregate node: converged
            break;
        }
        let refined = refine(level, &dense, two_m, resolution, &mut rng);
        let (mut agg, mut agg_k) = renumber(&refined);
        if agg_k == level.n() {
            // refinement merged nothing: aggregate by the communities themselves
            agg = dense.clone();
            agg_k = k;
        }
        // the aggregate's nodes start in the community their members are in
        let mut start = vec![0u32; agg_k];
        for v in 0..level.n() {
            start[agg[v] as usize] = dense[v];
        }
        for m in membership.iter_mut() {
            *m = agg[*m as usize];
        }
        owned = Some(aggregate(level, &agg, agg_k));
        comm = start;
    }
    Ok(membership.iter().map(|&m| comm[m as usize]).collect())
}

/// The local moving phase of Louvain and Leiden: sweeps over the nodes in a seeded random order
/// until a sweep moves nothing; a node moves to the neighbouring (or an empty) community with the best
/// modularity gain. (Traag et al.'s queue re-visits every neighbour of a moved node; on
/// projections, whose big events are cliques of thousands, that costs O(clique³) — sweeps
/// converge to the same kind of local optimum at Louvain's cost; refinement still guarantees
/// connected communities.) Returns whether any node moved.
fn local_moving(
    level: &Level,
    mut comm: Vec<u32>,
    two_m: f64,
    gamma: f64,
    rng: &mut rand_chacha::ChaCha8Rng,
    ctx: &Context,
) -> Result<(bool, Vec<u32>)> {
    let n = level.n();
    let k: Vec<f64> = (0..n).map(|i| level.strength(i)).collect();
    let mut tot = vec![0.0f64; n];
    let mut size = vec![0u32; n];
    for i in 0..n {
        tot[comm[i] as usize] += k[i];
        size[comm[i] as usize] += 1;
    }
    let mut empty: Vec<u32> = (0..n as u32).filter(|&c| size[c as usize] == 0).collect();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.shuffle(rng);
    let (mut w_to, mut marked) = (vec![0.0f64; n], vec![false; n]);
    let mut seen: Vec<u32> = Vec::new();
    let mut moved = false;
    let mut steps = 0u64;
    let mut sweep_moved = true;
    while sweep_moved {
        sweep_moved = false;
        for &i in &order {
            steps += 1;
            if steps % 4096 == 0 {
                ctx.check()?;
            }
            let i = i as usize;
            let ci = comm[i] as usize;
            seen.clear();
            seen.push(ci as u32);
            marked[ci] = true;
            for p in level.ptr[i]..level.ptr[i + 1] {
                let c = comm[level.idx[p] as usize] as usize;
                if !marked[c] {
                    marked[c] = true;
                    seen.push(c as u32);
                }
                w_to[c] += level.w[p];
            }
            tot[ci] -= k[i];
            size[ci] -= 1;
            let scale = gamma * k[i] / two_m;
            let (mut best, mut best_gain) = (ci, w_to[ci] - scale * tot[ci]);
            for &c in &seen {
                let gain = w_to[c as usize] - scale * tot[c as usize];
                if gain > best_gain + 1e-12 * gain.abs().max(1.0) {
                    best = c as usize;
                    best_gain = gain;
                }
            }
            if best_gain < 0.0 && size[ci] > 0 {
                // an empty community (gain 0) beats every neighbour
                if let Some(e) = empty.pop() {
                    best = e as usize;
                }
            }
            for &c in &seen {
                w_to[c as usize] = 0.0;
                marked[c as usize] = false;
            }
            tot[best] += k[i];
            size[best] += 1;
            if size[ci] == 0 && best != ci {
                empty.push(ci as u32);
            }
            if best != ci {
                moved = true;
                sweep_moved = true;
                comm[i] = best as u32;
            }
        }
    }
    Ok((moved, comm))
}

/// Leiden's refinement: within each community of `comm`, well-connected singletons merge into
/// well-connected refined communities, chosen at random ∝ exp(ΔH/θ) among non-negative gains
/// (ΔH in units of tie weight).
fn refine(
    level: &Level,
    comm: &[u32],
    two_m: f64,
    gamma: f64,
    rng: &mut rand_chacha::ChaCha8Rng,
) -> Vec<u32> {
    use rand::Rng;
    const THETA: f64 = 0.01;
    let n = level.n();
    let k: Vec<f64> = (0..n).map(|i| level.strength(i)).collect();
    let ncomm = comm.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut comm_tot = vec![0.0f64; ncomm];
    for i in 0..n {
        comm_tot[comm[i] as usize] += k[i];
    }
    let mut refined: Vec<u32> = (0..n as u32).collect();
    let mut r_tot: Vec<f64> = k.clone();
    let mut singleton = vec![true; n];
    // ext[r]: weight from refined community r to the rest of its community of `comm`
    let mut ext: Vec<f64> = (0..n)
        .map(|i| {
            (level.ptr[i]..level.ptr[i + 1])
                .filter(|&p| comm[level.idx[p] as usize] == comm[i])
                .map(|p| level.w[p])
                .fold(0.0, |a, b| a + b)
        })
        .collect();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.shuffle(rng);
    let (mut w_to, mut marked) = (vec![0.0f64; n], vec![false; n]);
    let mut seen: Vec<u32> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    for &v in &order {
        let v = v as usize;
        let s = comm[v] as usize;
        // only well-connected singletons move
        if !singleton[v] || ext[v] < gamma * k[v] * (comm_tot[s] - k[v]) / two_m {
            continue;
        }
        seen.clear();
        for p in level.ptr[v]..level.ptr[v + 1] {
            let u = level.idx[p] as usize;
            if comm[u] as usize != s {
                continue;
            }
            let r = refined[u] as usize;
            if !marked[r] {
                marked[r] = true;
                seen.push(r as u32);
            }
            w_to[r] += level.w[p];
        }
        weights.clear();
        let mut best = f64::NEG_INFINITY;
        let mut options = Vec::new();
        for &r in &seen {
            let r = r as usize;
            if r == refined[v] as usize {
                continue;
            }
            // the target must itself be well connected within its community
            if ext[r] < gamma * r_tot[r] * (comm_tot[s] - r_tot[r]) / two_m {
                continue;
            }
            // ΔH in weight units, as Traag et al. (θ = 0.01 then makes merging nearly greedy)
            let gain = w_to[r] - gamma * k[v] * r_tot[r] / two_m;
            if gain >= 0.0 {
                options.push((r, gain));
                best = best.max(gain);
            }
        }
        let w_v: Vec<(usize, f64)> = options.clone();
        for &r in &seen {
            w_to[r as usize] = 0.0;
            marked[r as usize] = false;
        }
        if options.is_empty() {
            continue;
        }
        // staying alone (ΔQ = 0) is an option too, as in Traag et al.'s MergeNodesSubset
        let own = refined[v] as usize;
        options.push((own, 0.0));
        best = best.max(0.0);
        let total: f64 = options
            .iter()
            .map(|&(_, g)| ((g - best) / THETA).exp())
            .fold(0.0, |a, b| a + b);
        let mut pick = rng.random::<f64>() * total;
        let mut chosen = options[options.len() - 1].0;
        for &(r, g) in &options {
            pick -= ((g - best) / THETA).exp();
            if pick <= 0.0 {
                chosen = r;
                break;
            }
        }
        if chosen == own {
            continue;
        }
        let w_vr = w_v.iter().find(|x| x.0 == chosen).map(|_| {
            (level.ptr[v]..level.ptr[v + 1])
                .filter(|&p| refined[level.idx[p] as usize] as usize == chosen)
                .map(|p| level.w[p])
                .fold(0.0, |a, b| a + b)
        });
        let w_vr = w_vr.unwrap_or(0.0);
        // v joins `chosen`: ext(chosen ∪ v) = ext(chosen) + ext(v) − 2 w(v, chosen)
        ext[chosen] = ext[chosen] + ext[v] - 2.0 * w_vr;
        r_tot[chosen] += k[v];
        r_tot[v] = 0.0;
        refined[v] = chosen as u32;
        singleton[v] = false;
        singleton[chosen] = false;
    }
    refined
}

/// Dense community numbers 0..k in order of first appearance, and k. Labels may be any u32.
fn renumber(comm: &[u32]) -> (Vec<u32>, usize) {
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

fn aggregate(level: &Level, dense: &[u32], k: usize) -> Level {
    // members of each new node, then one pass over their edges with a dense accumulator
    let (start, members) = crate::register::counting_sort(dense, k);
    let mut self_loop = vec![0.0f64; k];
    let mut acc = vec![0.0f64; k];
    let mut marked = vec![false; k];
    let mut touched: Vec<u32> = Vec::new();
    let mut ptr = Vec::with_capacity(k + 1);
    ptr.push(0usize);
    let (mut idx, mut w) = (Vec::new(), Vec::new());
    for c in 0..k {
        for &i in &members[start[c]..start[c + 1]] {
            let i = i as usize;
            self_loop[c] += level.self_loop[i];
            for p in level.ptr[i]..level.ptr[i + 1] {
                let cj = dense[level.idx[p] as usize] as usize;
                if cj == c {
                    self_loop[c] += level.w[p] / 2.0; // seen from both ends
                } else {
                    if !marked[cj] {
                        marked[cj] = true;
                        touched.push(cj as u32);
                    }
                    acc[cj] += level.w[p];
                }
            }
        }
        touched.sort_unstable();
        for &cj in &touched {
            idx.push(cj);
            w.push(acc[cj as usize]);
            acc[cj as usize] = 0.0;
            marked[cj as usize] = false;
        }
        touched.clear();
        ptr.push(idx.len());
    }
    Level {
        ptr,
        idx,
        w,
        self_loop,
    }
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

/// Normalised mutual information (arithmetic normalisation, as scikit-learn's default) and the
/// adjusted Rand index of two partitions of the same nodes. NMI is 1 when both partitions put
/// everything in one group.
///
/// # Errors
/// Partitions of different lengths.
pub fn partition_similarity(a: &[u32], b: &[u32]) -> Result<(f64, f64)> {
    if a.len() != b.len() {
        return Err(Error::LengthMismatch {
            column: "b".into(),
            expected: a.len(),
            got: b.len(),
        });
    }
    let n = a.len() as f64;
    let (da, ka) = renumber(a);
    let (db, kb) = renumber(b);
    let mut table: ahash::AHashMap<(u32, u32), u64> = ahash::AHashMap::new();
    let (mut ca, mut cb) = (vec![0u64; ka], vec![0u64; kb]);
    for (&x, &y) in da.iter().zip(&db) {
        *table.entry((x, y)).or_default() += 1;
        ca[x as usize] += 1;
        cb[y as usize] += 1;
    }
    if a.is_empty() {
        return Ok((1.0, 1.0));
    }
    let entropy = |c: &[u64]| -> f64 {
        c.iter()
            .map(|&x| x as f64 / n)
            .filter(|&p| p > 0.0)
            .map(|p| -p * p.ln())
            .fold(0.0, |s, v| s + v)
    };
    let (ha, hb) = (entropy(&ca), entropy(&cb));
    let mut cells: Vec<(&(u32, u32), &u64)> = table.iter().collect();
    cells.sort_unstable(); // fixed summation order
    let mi: f64 = cells
        .iter()
        .map(|(&(x, y), &nxy)| {
            let p = nxy as f64 / n;
            p * (p * n * n / (ca[x as usize] as f64 * cb[y as usize] as f64)).ln()
        })
        .fold(0.0, |s, v| s + v);
    let nmi = if ha == 0.0 && hb == 0.0 {
        1.0
    } else {
        (mi / ((ha + hb) / 2.0)).clamp(0.0, 1.0)
    };
    let comb2 = |x: u64| (x as f64) * (x as f64 - 1.0) / 2.0;
    let sum_ij: f64 = cells.iter().map(|(_, &v)| comb2(v)).fold(0.0, |s, v| s + v);
    let sum_a: f64 = ca.iter().map(|&v| comb2(v)).fold(0.0, |s, v| s + v);
    let sum_b: f64 = cb.iter().map(|&v| comb2(v)).fold(0.0, |s, v| s + v);
    let expected = sum_a * sum_b / comb2(a.len() as u64).max(f64::MIN_POSITIVE);
    let max = (sum_a + sum_b) / 2.0;
    let ari = if max == expected {
        1.0
    } else {
        (sum_ij - expected) / (max - expected)
    };
    Ok((nmi, ari))
}

/// Barber (2007) bipartite modularity of a joint partition of residents (`resident_labels`,
/// one per resident of the incidence) and units (`unit_labels`):
/// Q_B = (1/L) Σ_i Σ_k (a_ik − k_i n_k / L) δ(g_i, h_k).
///
/// # Errors
/// Label vectors of the wrong length.
pub fn bipartite_modularity(
    inc: &Incidence,
    resident_labels: &[u32],
    unit_labels: &[u32],
) -> Result<f64> {
    if resident_labels.len() != inc.n_residents() {
        return Err(Error::LengthMismatch {
            column: "resident_labels".into(),
            expected: inc.n_residents(),
            got: resident_labels.len(),
        });
    }
    if unit_labels.len() != inc.n_units() {
        return Err(Error::LengthMismatch {
            column: "activity_labels".into(),
            expected: inc.n_units(),
            got: unit_labels.len(),
        });
    }
    let l = inc.n_incidences() as f64;
    if l == 0.0 {
        return Ok(0.0);
    }
    let k = resident_labels
        .iter()
        .chain(unit_labels)
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let (mut kr, mut nu) = (vec![0.0f64; k], vec![0.0f64; k]);
    let mut inside = 0.0;
    for (i, &label) in resident_labels.iter().enumerate() {
        let g = label as usize;
        kr[g] += inc.units_of(i).len() as f64;
        inside += inc
            .units_of(i)
            .iter()
            .filter(|&&u| unit_labels[u as usize] as usize == g)
            .count() as f64;
    }
    for u in 0..inc.n_units() {
        nu[unit_labels[u] as usize] += inc.size(u) as f64;
    }
    let expected: f64 = (0..k).map(|c| kr[c] * nu[c]).fold(0.0, |a, b| a + b) / l;
    Ok((inside - expected) / l)
}
