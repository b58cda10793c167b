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
use crate::incidence::Incidence;
pub use crate::metrics::components::relabel;
use crate::metrics::components::renumber;
use crate::parallel;
use rand::seq::SliceRandom;
use std::borrow::Cow;

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
/// self-loop weight and its strength (row sum + 2 × self-loop, kept so that no phase
/// re-sums the rows).
struct Level<'g> {
    ptr: Cow<'g, [usize]>,
    idx: Cow<'g, [u32]>,
    w: Cow<'g, [f64]>,
    self_loop: Vec<f64>,
    k: Vec<f64>,
}

impl Level<'_> {
    fn n(&self) -> usize {
        self.self_loop.len()
    }
    fn strength(&self, i: usize) -> f64 {
        self.k[i]
    }
}

/// Node i's neighbours and tie weights (slices, so that the loops over them need no bounds
/// checks).
#[inline]
fn row<'a>(level: &'a Level, i: usize) -> (&'a [u32], &'a [f64]) {
    let (lo, hi) = (level.ptr[i], level.ptr[i + 1]);
    (&level.idx[lo..hi], &level.w[lo..hi])
}

/// The graph as the first level of Louvain/Leiden, and its total strength 2m (checks the
/// arguments both share).
fn level_zero<'g>(
    g: &'g Graph,
    what: &str,
    resolution: f64,
    weighted: bool,
) -> Result<(Level<'g>, f64)> {
    undirected(g, what)?;
    if !(resolution > 0.0 && resolution.is_finite()) {
        return Err(Error::arg(
            "resolution",
            format!("{resolution} must be a positive number"),
        ));
    }
    let csr = g.out_csr();
    // level 0 borrows the graph's arrays (copying 29 M ties cost 0.4 s on the 100k projection)
    let w: Cow<[f64]> = if weighted {
        Cow::Borrowed(&csr.weights)
    } else {
        Cow::Owned(vec![1.0; csr.nnz()])
    };
    let k = (0..g.node_count())
        .map(|i| {
            w[csr.indptr[i]..csr.indptr[i + 1]]
                .iter()
                .fold(0.0, |a, b| a + b)
        })
        .collect();
    let level = Level {
        ptr: Cow::Borrowed(&csr.indptr),
        idx: Cow::Borrowed(&csr.indices),
        w,
        self_loop: vec![0.0; g.node_count()],
        k,
    };
    let two_m = level.k.iter().fold(0.0, |a, b| a + b);
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
    let mut levels = louvain_levels(g, resolution, weighted, seed, ctx)?;
    Ok(levels
        .pop()
        .unwrap_or_else(|| relabel(&(0..g.node_count() as u32).collect::<Vec<_>>())))
}

/// The partitions [`louvain`] passes through: one per level (a round of local moving followed
/// by aggregation), each as labels per node of `g` with 0 the largest community; the last is
/// [`louvain`]'s answer. Levels in which no node moved are not listed, so a graph without
/// edges (or where no move gains modularity) gives no levels. As networkx's
/// `louvain_partitions`, a caller may stop after any level (for example once a level gains
/// less modularity than a threshold): each prefix is a valid run of Louvain.
///
/// # Errors
/// Directed graphs; resolution not > 0; cancellation.
///
/// # Complexity
/// As [`louvain`], plus O(n) per level for the listed partitions.
pub fn louvain_levels(
    g: &Graph,
    resolution: f64,
    weighted: bool,
    seed: u64,
    ctx: &Context,
) -> Result<Vec<Vec<u32>>> {
    let (mut level, two_m) = level_zero(g, "louvain", resolution, weighted)?;
    let n = level.n();
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let mut levels = Vec::new();
    if two_m == 0.0 {
        return Ok(levels);
    }
    let ctx_rng = Context::new().with_seed(seed);
    ctx.start(0); // the sweeps add their nodes to the total as they begin (see local_moving)
    for round in 0.. {
        ctx.check()?;
        let singletons: Vec<u32> = (0..level.n() as u32).collect();
        let (comm, _) = local_moving(
            &level,
            singletons,
            two_m,
            resolution,
            false,
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
        levels.push(relabel(&membership));
        level = aggregate(&level, &dense, k, ctx);
    }
    Ok(levels)
}

/// Leiden community detection (Traag, Waltman & van Eck 2019) maximising modularity with
/// resolution γ: local moving (sweeps that, once few nodes move, revisit only the nodes whose
/// neighbourhood changed), refinement of each community (in parallel) into well-connected
/// sub-communities (merges chosen at random with probability ∝ exp(ΔH/θ), θ = 0.01, ΔH in tie-weight units), and
/// aggregation of the refined partition, until local moving changes nothing. Communities are
/// guaranteed to be connected. As igraph with `n_iterations = -1`, runs are repeated, each from
/// the previous partition, until one improves modularity by less than 1e-5 (`n_iterations =
/// None`), or at most `n_iterations` runs (igraph's `n_iterations`; NetworKit's
/// `ParallelLeiden` does 3). Deterministic for a
/// seed and the same on any number of threads: on large levels local moving chooses the moves
/// of fixed batches of nodes in parallel, each against the state before its batch, and makes
/// them in a fixed order; refinement and aggregation run in parallel on independent parts. `weighted = false` counts every edge as 1. Returns labels with 0 the largest community.
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
    n_iterations: Option<u32>,
    ctx: &Context,
) -> Result<Vec<u32>> {
    if n_iterations == Some(0) {
        return Err(Error::arg(
            "n_iterations",
            "must be at least 1 (or None/-1: repeat until modularity stops improving)",
        ));
    }
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
    let mut q = singleton_modularity(&level, two_m, resolution);
    let runs = n_iterations.map_or(20, u64::from);
    ctx.start(0); // the sweeps and refinements add their nodes to the total as they begin
    for iteration in 0..runs {
        let (next, q_next) = leiden_run(
            &level,
            labels.clone(),
            two_m,
            resolution,
            seed.wrapping_add(iteration << 32),
            ctx,
        )?;
        if q_next > q {
            labels = next;
        }
        // a set number of runs stops early only when a run gains nothing at all
        let enough = if n_iterations.is_some() { 0.0 } else { 1e-5 };
        if q_next <= q + enough {
            break;
        }
        q = q_next;
    }
    Ok(relabel(&labels))
}

/// Modularity of the partition into singletons (only self-loops are inside), without a pass
/// over the labels of every tie.
fn singleton_modularity(level: &Level, two_m: f64, gamma: f64) -> f64 {
    (0..level.n())
        .map(|i| {
            let (nb, ws) = row(level, i);
            let loops = nb
                .iter()
                .zip(ws)
                .filter(|(&j, _)| j as usize == i)
                .fold(0.0, |a, (_, &w)| a + w);
            let inside = 2.0 * level.self_loop[i] + loops;
            inside / two_m - gamma * (level.strength(i) / two_m).powi(2)
        })
        .fold(0.0, |a, b| a + b)
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

/// One Leiden run on `level0` starting from the partition `initial`: labels per node and their
/// modularity (read off the last aggregate level, whose nodes are the refined communities:
/// the same sums as on level 0 at a fraction of the cost).
fn leiden_run(
    level0: &Level,
    initial: Vec<u32>,
    two_m: f64,
    resolution: f64,
    seed: u64,
    ctx: &Context,
) -> Result<(Vec<u32>, f64)> {
    let n = level0.n();
    let mut owned: Option<Level> = None; // aggregated levels; level 0 is borrowed
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let seeded = Context::new().with_seed(seed);
    let mut comm: Vec<u32> = initial;
    let mut q = f64::NAN;
    for round in 0..1000u64 {
        ctx.check()?;
        let mut rng = seeded.rng(round);
        let level = owned.as_ref().unwrap_or(level0);
        let (next, own) = local_moving(level, comm, two_m, resolution, true, &mut rng, ctx)?;
        let (dense, k) = renumber(&next);
        if k == level.n() {
            // every community is one aggregate node: converged
            q = level_modularity(level, &dense, two_m, resolution);
            comm = dense;
            break;
        }
        let refined = refine(
            level,
            &dense,
            &own,
            two_m,
            resolution,
            &seeded,
            (1 << 63) | (round << 32),
            ctx,
        );
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
        owned = Some(aggregate(level, &agg, agg_k, ctx));
        comm = start;
    }
    let labels: Vec<u32> = membership.iter().map(|&m| comm[m as usize]).collect();
    if q.is_nan() {
        // stopped by the round cap before converging
        q = level_modularity(level0, &labels, two_m, resolution);
    }
    Ok((labels, q))
}

/// Nodes whose moves are chosen together in one batch of Leiden's local moving on large levels
/// (see [`local_moving`]); fixed, so that the moves do not depend on the thread count.
const MOVE_BATCH: usize = 1024;
/// Levels with at least this many nodes choose Leiden's moves in parallel batches.
const BATCHED_FROM: usize = 16_384;
/// "Alone, in an empty community" as a chosen move.
const EMPTY: u32 = u32::MAX;

/// A node's best move, chosen against a state that stays fixed while it is chosen.
#[derive(Clone, Copy)]
struct Move {
    /// the community to move to (its own: stay; [`EMPTY`]: alone)
    to: u32,
    /// the node's tie weight to `to`
    w_to: f64,
    /// the node's tie weight to the rest of its own community
    w_own: f64,
}

/// Scratch space of [`best_move`]; all zero/false between calls.
#[derive(Default)]
struct MoveScratch {
    w_to: Vec<f64>,
    marked: Vec<bool>,
    seen: Vec<u32>,
}

impl MoveScratch {
    fn fit(&mut self, n: usize) {
        if self.w_to.len() < n {
            self.w_to.resize(n, 0.0);
            self.marked.resize(n, false);
        }
    }
}

#[cfg(feature = "parallel")]
thread_local! {
    static MOVE_SCRATCH: std::cell::RefCell<MoveScratch> = std::cell::RefCell::new(MoveScratch::default());
}

/// Node i's best move: to the neighbouring community with the best modularity gain (ties: its
/// own, then the first seen), or to an empty community when every gain is negative and i
/// shares its community. Reads `comm`, `tot` and `size` only.
#[allow(clippy::too_many_arguments)]
fn best_move(
    level: &Level,
    i: usize,
    comm: &[u32],
    tot: &[f64],
    size: &[u32],
    two_m: f64,
    gamma: f64,
    s: &mut MoveScratch,
) -> Move {
    let MoveScratch { w_to, marked, seen } = s;
    let ci = comm[i] as usize;
    seen.clear();
    seen.push(ci as u32);
    marked[ci] = true;
    let (nb, ws) = row(level, i);
    // Ties to the node's own community (most of them, once communities form) are summed in
    // four registers; one running sum in memory would make every tie wait for the previous
    // one's store.
    let mut lane = [0.0f64; 4];
    let mut other = |c: usize, wt: f64| {
        if !marked[c] {
            marked[c] = true;
            seen.push(c as u32);
        }
        w_to[c] += wt;
    };
    let (nb4, ws4) = (nb.chunks_exact(4), ws.chunks_exact(4));
    let (nb_rest, ws_rest) = (nb4.remainder(), ws4.remainder());
    for (js, wts) in nb4.zip(ws4) {
        for l in 0..4 {
            let c = comm[js[l] as usize] as usize;
            if c == ci {
                lane[l] += wts[l];
            } else {
                other(c, wts[l]);
            }
        }
    }
    for (&j, &wt) in nb_rest.iter().zip(ws_rest) {
        let c = comm[j as usize] as usize;
        if c == ci {
            lane[0] += wt;
        } else {
            other(c, wt);
        }
    }
    let w_own = (lane[0] + lane[1]) + (lane[2] + lane[3]);
    w_to[ci] = w_own;
    let k = level.k[i];
    let tot_own = tot[ci] - k; // i's community without i
    let scale = gamma * k / two_m;
    let (mut best, mut best_gain) = (ci, w_own - scale * tot_own);
    for &c in seen.iter() {
        let c = c as usize;
        let t = if c == ci { tot_own } else { tot[c] };
        let gain = w_to[c] - scale * t;
        if gain > best_gain + 1e-12 * gain.abs().max(1.0) {
            best = c;
            best_gain = gain;
        }
    }
    let mv = if best_gain < 0.0 && size[ci] > 1 {
        // an empty community (gain 0) beats every neighbour
        Move {
            to: EMPTY,
            w_to: 0.0,
            w_own,
        }
    } else {
        Move {
            to: best as u32,
            w_to: w_to[best],
            w_own,
        }
    };
    for &c in seen.iter() {
        w_to[c as usize] = 0.0;
        marked[c as usize] = false;
    }
    mv
}

/// The state of local moving: communities, their strengths and sizes, the labels of empty
/// communities (checked when taken: in batches a community can fill again), and each node's tie
/// weight to the rest of its community.
struct Moving {
    comm: Vec<u32>,
    tot: Vec<f64>,
    size: Vec<u32>,
    empty: Vec<u32>,
    own: Vec<f64>,
}

impl Moving {
    /// Makes node i's chosen move `mv` if it still gains against the current state (it always
    /// does when nothing moved since it was chosen). Returns whether i moved.
    fn apply(&mut self, level: &Level, i: usize, mv: Move, two_m: f64, gamma: f64) -> bool {
        let k = level.k[i];
        let ci = self.comm[i] as usize;
        self.own[i] = mv.w_own;
        self.tot[ci] -= k;
        self.size[ci] -= 1;
        let scale = gamma * k / two_m;
        let stay = mv.w_own - scale * self.tot[ci];
        let mut to = ci;
        if mv.to == EMPTY {
            if self.size[ci] > 0 && stay < 0.0 {
                while let Some(e) = self.empty.pop() {
                    if self.size[e as usize] == 0 {
                        to = e as usize;
                        break;
                    }
                }
            }
        } else if mv.to as usize != ci && self.size[mv.to as usize] > 0 {
            let gain = mv.w_to - scale * self.tot[mv.to as usize];
            if gain > stay + 1e-12 * gain.abs().max(1.0) {
                to = mv.to as usize;
            }
        }
        self.tot[to] += k;
        self.size[to] += 1;
        if to == ci {
            return false;
        }
        if self.size[ci] == 0 {
            self.empty.push(ci as u32);
        }
        self.comm[i] = to as u32;
        // i's ties to the rest of its new community (0 when it went alone)
        self.own[i] = if mv.to == EMPTY { 0.0 } else { mv.w_to };
        true
    }
}

/// The local moving phase of Louvain and Leiden: sweeps over the nodes in a seeded random order
/// until a sweep moves nothing; a node moves to the neighbouring (or an empty) community with the best
/// modularity gain. (Traag et al.'s queue re-visits every neighbour of a moved node; on
/// projections, whose big events are cliques of thousands, that costs O(clique³) — sweeps
/// converge to the same kind of local optimum at Louvain's cost; refinement still guarantees
/// connected communities.) Returns the communities and each node's tie weight to the rest of
/// its own community (read off each node's last visit, after which no neighbour moved;
/// Leiden's refinement needs it).
///
/// With `batched` (Leiden, on levels of at least [`BATCHED_FROM`] nodes) the sweep takes the
/// nodes in batches of [`MOVE_BATCH`]: each node of a batch chooses its move against the state
/// before the batch (in parallel), then the moves are made in the sweep's order, each only if
/// it still gains. The choices depend on that state alone, so the result is the same on any
/// number of threads; a node whose neighbour moved in the same batch is visited again.
fn local_moving(
    level: &Level,
    comm: Vec<u32>,
    two_m: f64,
    gamma: f64,
    batched: bool,
    rng: &mut rand_chacha::ChaCha8Rng,
    ctx: &Context,
) -> Result<(Vec<u32>, Vec<f64>)> {
    let n = level.n();
    let k = &level.k;
    let mut st = Moving {
        comm,
        tot: vec![0.0f64; n],
        size: vec![0u32; n],
        empty: Vec::new(),
        own: vec![0.0f64; n],
    };
    for (&c, &ki) in st.comm.iter().zip(k) {
        st.tot[c as usize] += ki;
        st.size[c as usize] += 1;
    }
    st.empty = (0..n as u32)
        .filter(|&c| st.size[c as usize] == 0)
        .collect();
    // a node of strength 0 gains nothing anywhere and stays put: leave it out of the sweeps
    // (projections of real registers have many isolates: a third of Ask Ubuntu's users)
    let mut order: Vec<u32> = (0..n as u32).filter(|&i| k[i as usize] > 0.0).collect();
    order.shuffle(rng);
    let batch = if batched && n >= BATCHED_FROM {
        MOVE_BATCH
    } else {
        1
    };
    let mut scratch = MoveScratch::default();
    scratch.fit(n);
    let mut todo: Vec<u32> = Vec::with_capacity(batch);
    let mut moves: Vec<Move> = Vec::with_capacity(batch);
    let mut steps = 0u64;
    // After a sweep that moved few nodes, the next visits only the nodes whose neighbourhood
    // changed (the moved nodes' neighbours, and theirs as more move): most late sweeps touch
    // a few hundred nodes instead of all of them, with the same result as a full sweep.
    let mut moved: Vec<u32> = Vec::new();
    let mut active = vec![true; n];
    let mut pruned = false;
    let mut first = true;
    let mut sweeps = 0u32;
    loop {
        if !first {
            sweeps += 1;
            // in batches, two neighbours that chose each other's community in the same batch
            // could swap back and forth: a new order every sweep parts them (and a cap stops
            // any other cycle)
            if moved.is_empty() || (batch > 1 && sweeps > 500) {
                break;
            }
            if batch > 1 {
                order.shuffle(rng);
            }
            pruned = moved.len() < n / 64;
            if pruned {
                active.iter_mut().for_each(|a| *a = false);
                for &i in &moved {
                    for &j in row(level, i as usize).0 {
                        active[j as usize] = true;
                    }
                }
            }
        }
        first = false;
        moved.clear();
        // progress in sweep positions: each sweep adds its length to the total as it begins
        // (how many sweeps a level needs is known only at the end)
        ctx.add_total(order.len() as u64);
        let mut swept = 0u64;
        for part in order.chunks(batch) {
            todo.clear();
            for &i in part {
                if pruned {
                    if !active[i as usize] {
                        continue;
                    }
                    active[i as usize] = false;
                }
                todo.push(i);
            }
            let before = steps;
            steps += todo.len() as u64;
            swept += part.len() as u64;
            if steps / 4096 != before / 4096 {
                ctx.check()?;
                ctx.advance(swept);
                swept = 0;
            }
            moves.clear();
            let choose = |i: u32, s: &mut MoveScratch| {
                best_move(
                    level, i as usize, &st.comm, &st.tot, &st.size, two_m, gamma, s,
                )
            };
            #[cfg(feature = "parallel")]
            if todo.len() >= 64 {
                let chosen = ctx.install(|| {
                    parallel::map_items(&todo, |&i| {
                        MOVE_SCRATCH.with(|s| {
                            let mut s = s.borrow_mut();
                            s.fit(n);
                            choose(i, &mut s)
                        })
                    })
                });
                moves.extend(chosen);
            }
            if moves.is_empty() {
                moves.extend(todo.iter().map(|&i| choose(i, &mut scratch)));
            }
            for (&i, &mv) in todo.iter().zip(&moves) {
                if st.apply(level, i as usize, mv, two_m, gamma) {
                    moved.push(i);
                    if pruned {
                        for &j in row(level, i as usize).0 {
                            active[j as usize] = true;
                        }
                    }
                }
            }
        }
        ctx.advance(swept);
    }
    Ok((st.comm, st.own))
}

/// Leiden's refinement: within each community of `comm` (dense labels), well-connected
/// singletons merge into well-connected refined communities, chosen at random ∝ exp(ΔH/θ)
/// among non-negative gains (ΔH in units of tie weight). `own_weight[i]` is node i's tie weight
/// to the rest of its community. Communities are refined independently (in parallel), each with
/// its own random stream `(seed, task_base + community)`, so the result does not depend on the
/// thread count. Returns refined labels (node ids of the refined communities' first members).
#[allow(clippy::too_many_arguments)]
fn refine(
    level: &Level,
    comm: &[u32],
    own_weight: &[f64],
    two_m: f64,
    gamma: f64,
    seeded: &Context,
    task_base: u64,
    ctx: &Context,
) -> Vec<u32> {
    let n = level.n();
    let ncomm = comm.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let (start, members) = crate::register::counting_sort(comm, ncomm);
    // each node's position among its community's members
    let mut local = vec![0u32; n];
    for c in 0..ncomm {
        for (j, &v) in members[start[c]..start[c + 1]].iter().enumerate() {
            local[v as usize] = j as u32;
        }
    }
    // progress in nodes refined, each community's members once it is done
    ctx.add_total(n as u64);
    let one = |c: usize| -> Vec<u32> {
        let mine = &members[start[c]..start[c + 1]];
        if mine.len() == 1 {
            ctx.advance(1);
            return vec![0];
        }
        let mut rng = seeded.rng(task_base + c as u64);
        let part = refine_community(
            level, comm, &local, mine, own_weight, two_m, gamma, &mut rng,
        );
        ctx.advance(mine.len() as u64);
        part
    };
    let parts: Vec<Vec<u32>> = ctx.install(|| parallel::map(ncomm, one));
    let mut refined = vec![0u32; n];
    for (c, part) in parts.iter().enumerate() {
        let mine = &members[start[c]..start[c + 1]];
        for (&v, &r) in mine.iter().zip(part) {
            refined[v as usize] = mine[r as usize];
        }
    }
    refined
}

/// Refinement of one community whose members (ascending node ids) are `mine`; `local[v]` is v's
/// position in `mine`. Returns each member's refined community as a position in `mine`.
#[allow(clippy::too_many_arguments)]
fn refine_community(
    level: &Level,
    comm: &[u32],
    local: &[u32],
    mine: &[u32],
    own_weight: &[f64],
    two_m: f64,
    gamma: f64,
    rng: &mut rand_chacha::ChaCha8Rng,
) -> Vec<u32> {
    use rand::Rng;
    const THETA: f64 = 0.01;
    let size = mine.len();
    let s = comm[mine[0] as usize];
    let k = |j: usize| level.k[mine[j] as usize];
    let comm_tot = (0..size).map(k).fold(0.0, |a, b| a + b);
    let mut refined: Vec<u32> = (0..size as u32).collect();
    let mut r_tot: Vec<f64> = (0..size).map(k).collect();
    let mut singleton = vec![true; size];
    // ext[r]: weight from refined community r to the rest of the community
    let mut ext: Vec<f64> = mine.iter().map(|&v| own_weight[v as usize]).collect();
    let mut order: Vec<u32> = (0..size as u32).collect();
    order.shuffle(rng);
    let (mut w_to, mut marked) = (vec![0.0f64; size], vec![false; size]);
    let mut seen: Vec<u32> = Vec::new();
    let mut options: Vec<(usize, f64, f64)> = Vec::new(); // (refined community, ΔH, w(v, r))
    for &v in &order {
        let v = v as usize;
        let kv = k(v);
        // only well-connected singletons move
        if !singleton[v] || ext[v] < gamma * kv * (comm_tot - kv) / two_m {
            continue;
        }
        seen.clear();
        let (nb, ws) = row(level, mine[v] as usize);
        // consecutive ties into the same refined community are summed in a register first
        let (mut run, mut run_w) = (usize::MAX, 0.0f64);
        for (&u, &wt) in nb.iter().zip(ws) {
            let u = u as usize;
            if comm[u] != s {
                continue;
            }
            let r = refined[local[u] as usize] as usize;
            if r == run {
                run_w += wt;
                continue;
            }
            if run != usize::MAX {
                w_to[run] += run_w;
            }
            if !marked[r] {
                marked[r] = true;
                seen.push(r as u32);
            }
            (run, run_w) = (r, wt);
        }
        if run != usize::MAX {
            w_to[run] += run_w;
        }
        options.clear();
        let mut best = f64::NEG_INFINITY;
        for &r in &seen {
            let r = r as usize;
            if r == refined[v] as usize {
                continue;
            }
            // the target must itself be well connected within its community
            if ext[r] < gamma * r_tot[r] * (comm_tot - r_tot[r]) / two_m {
                continue;
            }
            // ΔH in weight units, as Traag et al. (θ = 0.01 then makes merging nearly greedy)
            let gain = w_to[r] - gamma * kv * r_tot[r] / two_m;
            if gain >= 0.0 {
                options.push((r, gain, w_to[r]));
                best = best.max(gain);
            }
        }
        for &r in &seen {
            w_to[r as usize] = 0.0;
            marked[r as usize] = false;
        }
        if options.is_empty() {
            continue;
        }
        // staying alone (ΔQ = 0) is an option too, as in Traag et al.'s MergeNodesSubset
        let own = refined[v] as usize;
        options.push((own, 0.0, 0.0));
        best = best.max(0.0);
        // options more than 40θ below the best have probability < e⁻⁴⁰: drop them before
        // paying for their exp (on projections most of a big clique's options are such)
        options.retain_mut(|o| {
            o.1 = (o.1 - best) / THETA;
            o.1 >= -40.0
        });
        let mut total = 0.0;
        for o in options.iter_mut() {
            o.1 = o.1.exp();
            total += o.1;
        }
        let mut pick = rng.random::<f64>() * total;
        let (mut chosen, mut w_vr) = (own, 0.0);
        for &(r, p, w) in &options {
            pick -= p;
            if pick <= 0.0 {
                (chosen, w_vr) = (r, w);
                break;
            }
        }
        if chosen == own {
            continue;
        }
        // v joins `chosen`: ext(chosen ∪ v) = ext(chosen) + ext(v) − 2 w(v, chosen)
        ext[chosen] = ext[chosen] + ext[v] - 2.0 * w_vr;
        r_tot[chosen] += kv;
        r_tot[v] = 0.0;
        refined[v] = chosen as u32;
        singleton[v] = false;
        singleton[chosen] = false;
    }
    refined
}

fn aggregate(level: &Level, dense: &[u32], k: usize, ctx: &Context) -> Level<'static> {
    // members of each new node, then one pass over their edges with a dense accumulator;
    // blocks of new nodes are built in parallel and joined in order (the same bits on any
    // number of threads: each row is summed in member order whatever the blocking). A few
    // blocks per thread: each block's job zeroes a scratch vector of k.
    let blocks = (4 * ctx.threads()).clamp(1, k.div_ceil(256).max(1));
    let per_block = k.div_ceil(blocks).max(1);
    let (start, members) = crate::register::counting_sort(dense, k);
    struct Part {
        lens: Vec<usize>,
        idx: Vec<u32>,
        w: Vec<f64>,
        self_loop: Vec<f64>,
        strength: Vec<f64>,
    }
    let scratch = || (vec![0.0f64; k], vec![false; k], Vec::<u32>::new());
    let block = |(acc, marked, touched): &mut (Vec<f64>, Vec<bool>, Vec<u32>), b: usize| {
        let (lo, hi) = ((b * per_block).min(k), ((b + 1) * per_block).min(k));
        let mut part = Part {
            lens: Vec::with_capacity(hi - lo),
            idx: Vec::new(),
            w: Vec::new(),
            self_loop: vec![0.0; hi - lo],
            strength: vec![0.0; hi - lo],
        };
        for c in lo..hi {
            let (mut sl, mut st) = (0.0, 0.0);
            for &i in &members[start[c]..start[c + 1]] {
                let i = i as usize;
                sl += level.self_loop[i];
                st += level.k[i];
                let (nb, ws) = row(level, i);
                for (&j, &wt) in nb.iter().zip(ws) {
                    let cj = dense[j as usize] as usize;
                    if cj == c {
                        sl += wt / 2.0; // seen from both ends
                    } else {
                        if !marked[cj] {
                            marked[cj] = true;
                            touched.push(cj as u32);
                        }
                        acc[cj] += wt;
                    }
                }
            }
            touched.sort_unstable();
            for &cj in touched.iter() {
                part.idx.push(cj);
                part.w.push(acc[cj as usize]);
                acc[cj as usize] = 0.0;
                marked[cj as usize] = false;
            }
            part.lens.push(touched.len());
            touched.clear();
            part.self_loop[c - lo] = sl;
            part.strength[c - lo] = st;
        }
        part
    };
    let parts: Vec<Part> = ctx.install(|| parallel::map_init(blocks, scratch, block));
    let nnz = parts.iter().map(|p| p.idx.len()).sum();
    let mut ptr = Vec::with_capacity(k + 1);
    ptr.push(0usize);
    let (mut idx, mut w) = (Vec::with_capacity(nnz), Vec::with_capacity(nnz));
    let (mut self_loop, mut strength) = (Vec::with_capacity(k), Vec::with_capacity(k));
    for part in parts {
        for len in part.lens {
            ptr.push(ptr[ptr.len() - 1] + len);
        }
        idx.extend_from_slice(&part.idx);
        w.extend_from_slice(&part.w);
        self_loop.extend_from_slice(&part.self_loop);
        strength.extend_from_slice(&part.strength);
    }
    Level {
        ptr: Cow::Owned(ptr),
        idx: Cow::Owned(idx),
        w: Cow::Owned(w),
        self_loop,
        k: strength,
    }
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
