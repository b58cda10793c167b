//! Ego networks and support: size, density, Burt's structural holes (effective size,
//! efficiency, redundancy, constraint, hierarchy), composition and heterogeneity of the alters
//! over a categorical attribute (Blau, IQV, ego E-I index), strong ties and support sources;
//! and the whole-network measures that go with them: reciprocity, Freeman degree
//! centralisation, the share of residents with nobody to ask, and Gould–Fernandez brokerage
//! roles. Definitions: METRICS.md, "Support network".
//!
//! # The undirected (mutual) view
//! Ego measures look at ego's *alters*: everyone ego has a tie with, in either direction. Tie
//! strength between i and j is the *mutual weight* m_ij = a_ij + a_ji (a = the tie weights,
//! or 1 for every tie when unweighted), as networkx's `constraint` and `effective_size`. For an
//! undirected graph m_ij is simply the tie's weight (networkx's doubling cancels out).
//!
//! # How the structural-hole kernel runs
//! Constraint needs, for every ego i and alter j, the indirect term Σ_q p_iq p_qj. Done pair
//! by pair that is O(k²) per pair; done per ego by scattering p_i· and walking every alter's
//! row it is O(Σ_q deg(q)) per ego, O(Σ deg²) in all — still 3.6·10¹⁰ steps for the
//! 100,000-resident projection, whose big activities make cliques of thousands.
//!
//! Projections are full of *twins*: residents who attended exactly the same activities have
//! the same closed neighbourhood and the same tie weights to everyone else. Twins have the
//! same value of every ego measure, and an alter class of c twins contributes c times what
//! one of them does. The kernel therefore (1) finds classes of weighted closed twins (nodes
//! i, i' adjacent to each other with m_ij = m_i'j for every other j; a hash of the closed
//! neighbourhood and an exact check, O(m)); (2) builds the quotient graph over classes (class
//! sizes, the weight between classes, the weight within a class); (3) runs the per-ego
//! scatter/accumulate algorithm once per class on the quotient, with every term multiplied
//! by the class sizes and the twin-specific terms (an alter's own class, ego's own twins)
//! added in closed form. The cost becomes Σ over classes of Σ_{E ∈ N(C)} deg_Q(E) on the
//! quotient: the 100,000-resident projection has 14,374 classes for 94,399 residents. A graph
//! without twins runs the same code with classes of one.
//!
//! # Determinism
//! Each class is computed sequentially by one thread, in a fixed order; counts are integers.
//! Results are bit-identical for any number of threads.
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::{Csr, Graph};
use crate::metrics::diversity::{self, check_codes};

#[cfg(feature = "parallel")]
use rayon::prelude::*;

/// Items (egos, classes, brokers) per parallel chunk: fixed, so results do not depend on the
/// thread count; small, because costs vary a lot between items.
const CHUNK: usize = 16;

// ---------------------------------------------------------------------------------------------
// deterministic parallel helpers
// ---------------------------------------------------------------------------------------------

/// `f(i, scratch)` for every i in `0..n` in fixed chunks (in parallel with the `parallel`
/// feature), checking for cancellation between chunks and advancing progress by the chunk
/// length; results in order.
pub(crate) fn per_item<T: Send, S>(
    ctx: &Context,
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(usize, &mut S) -> T + Sync + Send,
) -> Result<Vec<T>> {
    let chunk = |c: usize, s: &mut S| -> Result<Vec<T>> {
        ctx.check()?;
        let lo = c * CHUNK;
        let hi = (lo + CHUNK).min(n);
        let out: Vec<T> = (lo..hi).map(|i| f(i, s)).collect();
        ctx.advance((hi - lo) as u64);
        Ok(out)
    };
    let chunks = n.div_ceil(CHUNK);
    #[cfg(feature = "parallel")]
    let parts: Vec<Result<Vec<T>>> = ctx.install(|| {
        (0..chunks)
            .into_par_iter()
            .map_init(&init, |s, c| chunk(c, s))
            .collect()
    });
    #[cfg(not(feature = "parallel"))]
    let parts: Vec<Result<Vec<T>>> = {
        let mut s = init();
        (0..chunks).map(|c| chunk(c, &mut s)).collect()
    };
    let mut out = Vec::with_capacity(n);
    for p in parts {
        out.extend(p?);
    }
    Ok(out)
}

/// A CSR from per-row (indices, weights), built in parallel chunks and concatenated in order.
fn csr_from_rows<S>(
    ctx: &Context,
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    row: impl Fn(usize, &mut S, &mut Vec<u32>, &mut Vec<f64>) + Sync + Send,
) -> Result<Csr> {
    const ROWS: usize = 1024;
    type Part = Result<(Vec<usize>, Vec<u32>, Vec<f64>)>;
    let part = |c: usize, s: &mut S| -> Part {
        ctx.check()?;
        let (lo, hi) = (c * ROWS, ((c + 1) * ROWS).min(n));
        let (mut len, mut idx, mut w) = (Vec::with_capacity(hi - lo), Vec::new(), Vec::new());
        for i in lo..hi {
            let before = idx.len();
            row(i, s, &mut idx, &mut w);
            len.push(idx.len() - before);
        }
        Ok((len, idx, w))
    };
    let chunks = n.div_ceil(ROWS);
    #[cfg(feature = "parallel")]
    let parts: Vec<Part> = ctx.install(|| {
        (0..chunks)
            .into_par_iter()
            .map_init(&init, |s, c| part(c, s))
            .collect()
    });
    #[cfg(not(feature = "parallel"))]
    let parts: Vec<Part> = {
        let mut s = init();
        (0..chunks).map(|c| part(c, &mut s)).collect()
    };
    let mut indptr = Vec::with_capacity(n + 1);
    indptr.push(0usize);
    let (mut indices, mut weights) = (Vec::new(), Vec::new());
    for p in parts {
        let (len, idx, w) = p?;
        for l in len {
            indptr.push(indptr.last().unwrap() + l);
        }
        indices.extend_from_slice(&idx);
        weights.extend_from_slice(&w);
    }
    Ok(Csr {
        indptr,
        indices,
        weights,
    })
}

// ---------------------------------------------------------------------------------------------
// the mutual view
// ---------------------------------------------------------------------------------------------

/// Calls `f(j, a_ij + a_ji)` for every alter j of i (an out- or in-neighbour), ascending j.
/// `a` is the tie weight, or 1 for every tie when `weighted` is false.
pub(crate) fn for_each_alter(g: &Graph, i: usize, weighted: bool, mut f: impl FnMut(u32, f64)) {
    let out = g.out_csr();
    let (oj, ow) = (out.row(i), out.row_weights(i));
    let a = |w: f64| if weighted { w } else { 1.0 };
    if !g.is_directed() {
        for (&j, &w) in oj.iter().zip(ow) {
            f(j, a(w));
        }
        return;
    }
    let inn = g.in_csr();
    let (ij, iw) = (inn.row(i), inn.row_weights(i));
    let (mut p, mut q) = (0, 0);
    while p < oj.len() || q < ij.len() {
        if q == ij.len() || (p < oj.len() && oj[p] < ij[q]) {
            f(oj[p], a(ow[p]));
            p += 1;
        } else if p == oj.len() || ij[q] < oj[p] {
            f(ij[q], a(iw[q]));
            q += 1;
        } else {
            f(oj[p], a(ow[p]) + a(iw[q]));
            p += 1;
            q += 1;
        }
    }
}

/// The mutual view as rows: borrowed from the graph when it already is one (undirected), else
/// built. `weights == None` means every tie has mutual weight 1.
struct Mutual<'a> {
    indptr: &'a [usize],
    indices: &'a [u32],
    weights: Option<&'a [f64]>,
}

impl Mutual<'_> {
    fn n(&self) -> usize {
        self.indptr.len() - 1
    }
    fn row(&self, i: usize) -> &[u32] {
        &self.indices[self.indptr[i]..self.indptr[i + 1]]
    }
    fn weight_at(&self, p: usize) -> f64 {
        self.weights.map_or(1.0, |w| w[p])
    }
}

/// Builds (if needed) the mutual view of `g` and passes it to `f`.
fn with_mutual<T>(
    g: &Graph,
    weighted: bool,
    ctx: &Context,
    f: impl FnOnce(&Mutual<'_>) -> Result<T>,
) -> Result<T> {
    if !g.is_directed() {
        let c = g.out_csr();
        return f(&Mutual {
            indptr: &c.indptr,
            indices: &c.indices,
            weights: weighted.then_some(&c.weights[..]),
        });
    }
    let m = csr_from_rows(
        ctx,
        g.node_count(),
        || (),
        |i, _, idx, w| {
            for_each_alter(g, i, weighted, |j, x| {
                idx.push(j);
                w.push(x);
            })
        },
    )?;
    f(&Mutual {
        indptr: &m.indptr,
        indices: &m.indices,
        weights: Some(&m.weights),
    })
}

// ---------------------------------------------------------------------------------------------
// twin classes and the quotient graph
// ---------------------------------------------------------------------------------------------

/// Classes of weighted closed twins and the quotient graph over them.
struct Quotient {
    /// Class of each node.
    class_of: Vec<u32>,
    /// Members per class.
    size: Vec<u32>,
    /// Per class: mutual strength of one member (Σ of its mutual weights).
    strength: Vec<f64>,
    /// Per class: the largest mutual weight of one member.
    wmax: Vec<f64>,
    /// Per class: the mutual weight between two members (0 for a class of one).
    wself: Vec<f64>,
    /// Per class: number of alters of one member.
    degree: Vec<u32>,
    /// Adjacent classes (other than itself) with the weight of the tie to each member.
    adj: Csr,
}

fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Whether r and q are weighted closed twins: adjacent, and the same alters with the same
/// mutual weights apart from each other.
fn twins(m: &Mutual<'_>, r: usize, q: usize) -> bool {
    let (a, b) = (m.row(r), m.row(q));
    if a.len() != b.len() || a.binary_search(&(q as u32)).is_err() {
        return false;
    }
    let (ra, rb) = (m.indptr[r], m.indptr[q]);
    let (mut x, mut y) = (0, 0);
    loop {
        if x < a.len() && a[x] as usize == q {
            x += 1;
        }
        if y < b.len() && b[y] as usize == r {
            y += 1;
        }
        if x == a.len() || y == b.len() {
            return x == a.len() && y == b.len();
        }
        if a[x] != b[y] || m.weight_at(ra + x).to_bits() != m.weight_at(rb + y).to_bits() {
            return false;
        }
        x += 1;
        y += 1;
    }
}

fn quotient(m: &Mutual<'_>, compress: bool, ctx: &Context) -> Result<Quotient> {
    let n = m.n();
    // rep[v]: the smallest node of v's class
    let mut rep: Vec<u32> = (0..n as u32).collect();
    if compress {
        // hash of the closed neighbourhood; twins share it
        let hash = |v: usize| -> (u32, u64) {
            let h = m.row(v).iter().fold(splitmix(v as u64), |h, &j| {
                h.wrapping_add(splitmix(j as u64))
            });
            (m.row(v).len() as u32, h)
        };
        let keys: Vec<(u32, u64)> = per_item(ctx, n, || (), |v, _| hash(v))?;
        let mut order: Vec<u32> = (0..n as u32).filter(|&v| keys[v as usize].0 > 0).collect();
        #[cfg(feature = "parallel")]
        ctx.install(|| order.par_sort_unstable_by_key(|&v| (keys[v as usize], v)));
        #[cfg(not(feature = "parallel"))]
        order.sort_unstable_by_key(|&v| (keys[v as usize], v));
        // groups of equal keys; within a group, classes by exact comparison with a rep
        let mut bounds = vec![0usize];
        for p in 1..order.len() {
            if keys[order[p] as usize] != keys[order[p - 1] as usize] {
                bounds.push(p);
            }
        }
        bounds.push(order.len());
        let groups = bounds.len() - 1;
        let found: Vec<Vec<(u32, u32)>> = per_item(
            ctx,
            groups,
            || (),
            |gi, _| {
                let group = &order[bounds[gi]..bounds[gi + 1]];
                let mut pairs = Vec::new();
                if group.len() < 2 {
                    return pairs;
                }
                let mut left: Vec<u32> = group.to_vec(); // ascending node index
                while left.len() > 1 {
                    let r = left[0];
                    let mut rest = Vec::new();
                    for &q in &left[1..] {
                        if twins(m, r as usize, q as usize) {
                            pairs.push((q, r));
                        } else {
                            rest.push(q);
                        }
                    }
                    left = rest;
                }
                pairs
            },
        )?;
        for (q, r) in found.into_iter().flatten() {
            rep[q as usize] = r;
        }
    }
    // class ids in order of their smallest node
    let mut class_of = vec![0u32; n];
    let mut reps: Vec<u32> = Vec::new();
    for v in 0..n {
        let r = rep[v] as usize;
        if r == v {
            class_of[v] = reps.len() as u32;
            reps.push(v as u32);
        } else {
            class_of[v] = class_of[r];
        }
    }
    let k = reps.len();
    let mut size = vec![0u32; k];
    for &c in &class_of {
        size[c as usize] += 1;
    }
    let per_class: Vec<(f64, f64, f64, u32)> = per_item(
        ctx,
        k,
        || (),
        |c, _| {
            let r = reps[c] as usize;
            let (lo, row) = (m.indptr[r], m.row(r));
            let (mut s, mut mx, mut ws) = (0.0, 0.0f64, 0.0);
            for (p, &j) in row.iter().enumerate() {
                let w = m.weight_at(lo + p);
                s += w;
                mx = mx.max(w);
                if class_of[j as usize] as usize == c {
                    ws = w;
                }
            }
            (s, mx, ws, row.len() as u32)
        },
    )?;
    // stamps are class ids: each class is visited once, so a fresh array needs no reset
    let adj = csr_from_rows(
        ctx,
        k,
        || vec![u32::MAX; k],
        |c, stamp, idx, w| {
            let r = reps[c] as usize;
            let lo = m.indptr[r];
            for (p, &j) in m.row(r).iter().enumerate() {
                let d = class_of[j as usize];
                if d as usize != c && stamp[d as usize] != c as u32 {
                    stamp[d as usize] = c as u32;
                    idx.push(d);
                    w.push(m.weight_at(lo + p));
                }
            }
        },
    )?;
    Ok(Quotient {
        class_of,
        size,
        strength: per_class.iter().map(|x| x.0).collect(),
        wmax: per_class.iter().map(|x| x.1).collect(),
        wself: per_class.iter().map(|x| x.2).collect(),
        degree: per_class.iter().map(|x| x.3).collect(),
        adj,
    })
}

// ---------------------------------------------------------------------------------------------
// structural holes per class
// ---------------------------------------------------------------------------------------------

/// What one ego's structural-hole computation gives (the same for every member of a class).
#[derive(Debug, Clone, Copy)]
struct Holes {
    /// Ordered pairs of adjacent alters (2t).
    pairs: u64,
    /// Burt's general effective size (weighted, directed view).
    effective: f64,
    constraint: f64,
    hierarchy: f64,
}

/// One alter slot of an ego: the members of one class (all alike as far as ego is concerned).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// Indirect term Σ_q p_iq p_qj of one member j (then its local constraint).
    acc: f64,
    /// Σ_q p_iq m_jq of one member j (before dividing by j's largest weight).
    red: f64,
    /// Members (as u64 for tie counting).
    count: u64,
    /// p_ij of one member.
    p: f64,
    /// Largest mutual weight of one member.
    wmax: f64,
}

struct Scratch {
    /// Per class: its slot for the current ego (0 = not an alter: a dummy slot that absorbs
    /// the updates, so the inner loop has no branch).
    pos: Vec<u32>,
    slots: Vec<Slot>,
}

fn holes_of_class(q: &Quotient, c: usize, sc: &mut Scratch) -> Holes {
    let adj = &q.adj;
    let (ci, cw) = (adj.row(c), adj.row_weights(c));
    let d = ci.len();
    let size = q.size[c] as u64;
    let s = q.strength[c];
    let defined = s > 0.0;
    let nan = Holes {
        pairs: 0,
        effective: f64::NAN,
        constraint: f64::NAN,
        hierarchy: f64::NAN,
    };
    if q.degree[c] == 0 {
        return nan;
    }
    let p_of = |w: f64| if defined { w / s } else { 0.0 };
    // slot 0: dummy; 1..=d: the adjacent classes; d + 1: ego's own twins
    let n_twins = size - 1;
    let slots = &mut sc.slots;
    slots.clear();
    slots.push(Slot::default());
    for (a, (&e, &w)) in ci.iter().zip(cw).enumerate() {
        sc.pos[e as usize] = a as u32 + 1;
        slots.push(Slot {
            count: q.size[e as usize] as u64,
            p: p_of(w),
            wmax: q.wmax[e as usize],
            ..Slot::default()
        });
    }
    let tw = d + 1;
    sc.pos[c] = tw as u32;
    let pt = p_of(q.wself[c]);
    slots.push(Slot {
        count: n_twins,
        p: pt,
        wmax: q.wmax[c],
        ..Slot::default()
    });
    let mut pairs: u64 = 0;
    let alters_outside: u64 = ci.iter().map(|&e| q.size[e as usize] as u64).sum();
    // ego's twins as intermediaries: every twin has ego's ties
    if n_twins >= 1 {
        pairs += n_twins * (n_twins - 1) + 2 * n_twins * alters_outside;
        if pt > 0.0 {
            let k = n_twins as f64;
            for a in 0..d {
                slots[a + 1].acc += k * pt * (cw[a] / s);
                slots[a + 1].red += k * pt * cw[a];
            }
            if n_twins >= 2 {
                slots[tw].acc += (k - 1.0) * pt * (q.wself[c] / s);
                slots[tw].red += (k - 1.0) * pt * q.wself[c];
            }
        }
    }
    // every alter class E as intermediary
    for a in 0..d {
        let e = ci[a] as usize;
        let ce = q.size[e] as u64;
        let pe = slots[a + 1].p;
        if ce >= 2 {
            pairs += ce * (ce - 1); // within E
        }
        let (coef_a, coef_r) = if pe > 0.0 {
            let x = ce as f64 * pe;
            (x / q.strength[e], x)
        } else {
            (0.0, 0.0)
        };
        if pe > 0.0 && ce >= 2 {
            let k = (ce - 1) as f64;
            slots[a + 1].acc += k * pe * (q.wself[e] / q.strength[e]);
            slots[a + 1].red += k * pe * q.wself[e];
        }
        // the hot loop: E's row of the quotient, scattered into ego's slots
        let (ei, ew) = (adj.row(e), adj.row_weights(e));
        let mut reached: u64 = 0;
        for (&f, &w) in ei.iter().zip(ew) {
            let slot = &mut slots[sc.pos[f as usize] as usize];
            slot.acc += coef_a * w;
            slot.red += coef_r * w;
            reached += slot.count;
        }
        // alter pairs (e, f) with f in another alter class; ego's twins (C is always in E's
        // row) were counted with the twins above
        pairs += ce * (reached - n_twins);
    }
    for &e in ci {
        sc.pos[e as usize] = 0;
    }
    sc.pos[c] = 0;
    if !defined {
        return Holes { pairs, ..nan };
    }
    let (mut eff, mut con, mut contacts) = (0.0, 0.0, 0u64);
    for slot in &mut slots[1..] {
        if slot.count == 0 || slot.p <= 0.0 {
            continue;
        }
        let k = slot.count as f64;
        eff += k * (1.0 - slot.red / slot.wmax);
        let x = slot.p + slot.acc;
        slot.acc = x * x; // local constraint c_ij of each member of the slot
        con += k * slot.acc;
        contacts += slot.count;
    }
    let hierarchy = if contacts == 1 {
        1.0 // all constraint on the one contact: maximal concentration (see `hierarchy`)
    } else {
        let mean = con / contacts as f64;
        let mut h = 0.0;
        for slot in &slots[1..] {
            if slot.count == 0 || slot.p <= 0.0 {
                continue;
            }
            let r = slot.acc / mean;
            h += slot.count as f64 * r * r.ln();
        }
        let n = contacts as f64;
        h / (n * n.ln())
    };
    Holes {
        pairs,
        effective: eff,
        constraint: con,
        hierarchy,
    }
}

/// Structural holes of every node (per class, expanded to nodes).
fn holes(
    g: &Graph,
    weighted: bool,
    compress: bool,
    ctx: &Context,
) -> Result<(Vec<u32>, Vec<Holes>)> {
    with_mutual(g, weighted, ctx, |m| {
        let q = quotient(m, compress, ctx)?;
        let k = q.size.len();
        ctx.start(k as u64);
        let per_class = per_item(
            ctx,
            k,
            || Scratch {
                pos: vec![0; k],
                slots: Vec::new(),
            },
            |c, sc| holes_of_class(&q, c, sc),
        )?;
        let size: Vec<u32> = (0..m.n()).map(|v| m.row(v).len() as u32).collect();
        let per_node = q.class_of.iter().map(|&c| per_class[c as usize]).collect();
        Ok((size, per_node))
    })
}

// ---------------------------------------------------------------------------------------------
// public: ego measures
// ---------------------------------------------------------------------------------------------

/// Options of [`ego_measures`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EgoOptions {
    /// Use tie weights for the proportional tie strengths p_ij of effective size, constraint
    /// and hierarchy (networkx `weight="weight"`); `false` counts every tie as 1 (networkx
    /// `weight=None`, the default).
    pub weighted: bool,
    /// Count each ego's strong ties: alters whose (mutual) tie weight is ≥ this threshold.
    pub strong: Option<f64>,
}

/// Every ego measure of every node, from one pass. Nodes without alters are kept: size 0, and
/// NaN where a measure is undefined.
#[derive(Debug, Clone, PartialEq)]
pub struct EgoMeasures {
    /// Number of alters n: nodes tied to ego in either direction.
    pub size: Vec<u32>,
    /// Number of ties t among the alters (undirected view; ties to ego not counted).
    pub alter_ties: Vec<u64>,
    /// Ego-network density 2t/(n(n−1)); NaN for n < 2.
    pub density: Vec<f64>,
    /// Burt's effective size (see [`effective_size`]); NaN for n = 0.
    pub effective_size: Vec<f64>,
    /// Effective size / n; NaN for n = 0.
    pub efficiency: Vec<f64>,
    /// n − effective size (= 2t/n for an undirected unweighted graph); NaN for n = 0.
    pub redundancy: Vec<f64>,
    /// Burt's constraint (see [`constraint`]); NaN for n = 0.
    pub constraint: Vec<f64>,
    /// Burt's hierarchy (see [`hierarchy`]); NaN for n = 0.
    pub hierarchy: Vec<f64>,
    /// Support sources: out-neighbours in a directed graph (whom ego names, e.g. "would ask
    /// for help"), neighbours in an undirected one.
    pub support_sources: Vec<u32>,
    /// Alters with mutual tie weight ≥ [`EgoOptions::strong`], when given.
    pub strong_ties: Option<Vec<u32>>,
}

/// Every ego measure of every node in one pass: size, ties among alters, density, effective
/// size, efficiency, redundancy, constraint, hierarchy, support sources and (optionally)
/// strong ties.
///
/// # Arguments
/// * `g` — directed or undirected; directed graphs are seen through the mutual view (module
///   docs), except for `support_sources`.
/// * `opts` — weights or not, strong-tie threshold ([`EgoOptions`]).
/// * `ctx` — threads, cancellation and progress (in twin classes).
///
/// # Returns
/// [`EgoMeasures`], one value per node.
///
/// # Errors
/// [`Error::InvalidArgument`] for a strong-tie threshold that is NaN; [`Error::Cancelled`].
///
/// # Complexity
/// O(m) to find twin classes and build the quotient graph, then Σ_E deg_Q(E)² over the
/// quotient (O(Σ deg²) for a graph without twins); O(n) memory per thread. Parallel over
/// classes.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::ego::{ego_measures, EgoOptions};
/// // a star: 0 in the centre of 1, 2, 3
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)], false).unwrap();
/// let e = ego_measures(&g, &EgoOptions::default(), &Context::new()).unwrap();
/// assert_eq!(e.size, vec![3, 1, 1, 1]);
/// assert_eq!(e.effective_size[0], 3.0);
/// assert!((e.constraint[0] - 1.0 / 3.0).abs() < 1e-15);
/// assert_eq!(e.constraint[1], 1.0);
/// ```
pub fn ego_measures(g: &Graph, opts: &EgoOptions, ctx: &Context) -> Result<EgoMeasures> {
    ego_measures_impl(g, opts, true, ctx)
}

fn ego_measures_impl(
    g: &Graph,
    opts: &EgoOptions,
    compress: bool,
    ctx: &Context,
) -> Result<EgoMeasures> {
    if let Some(t) = opts.strong {
        if t.is_nan() {
            return Err(Error::arg(
                "strong",
                "the strong-tie threshold must be a number, not NaN",
            ));
        }
    }
    let (size, h) = holes(g, opts.weighted, compress, ctx)?;
    let borgatti = !opts.weighted && !g.is_directed();
    let n = size.len();
    let mut out = EgoMeasures {
        size,
        alter_ties: vec![0; n],
        density: vec![f64::NAN; n],
        effective_size: vec![f64::NAN; n],
        efficiency: vec![f64::NAN; n],
        redundancy: vec![f64::NAN; n],
        constraint: vec![f64::NAN; n],
        hierarchy: vec![f64::NAN; n],
        support_sources: support_sources(g),
        strong_ties: match opts.strong {
            Some(t) => Some(strong_ties(g, t, ctx)?),
            None => None,
        },
    };
    for (v, x) in h.iter().enumerate() {
        let k = out.size[v] as u64;
        out.alter_ties[v] = x.pairs / 2;
        if k == 0 {
            continue;
        }
        let kf = k as f64;
        if k >= 2 {
            out.density[v] = x.pairs as f64 / (kf * (kf - 1.0));
        }
        // Borgatti's n − 2t/n is exact where networkx uses it (undirected, unweighted)
        let eff = if borgatti {
            kf - x.pairs as f64 / kf
        } else {
            x.effective
        };
        out.effective_size[v] = eff;
        out.efficiency[v] = eff / kf;
        out.redundancy[v] = kf - eff;
        out.constraint[v] = x.constraint;
        out.hierarchy[v] = x.hierarchy;
    }
    for field in [
        &mut out.density,
        &mut out.effective_size,
        &mut out.efficiency,
        &mut out.redundancy,
        &mut out.constraint,
        &mut out.hierarchy,
    ] {
        unasked_nan(g, field);
    }
    Ok(out)
}

/// Survey layers: a node that was not asked has an unknown ego network, so its ego measures
/// are NaN (counts such as `size` stay the ties observed from others; check
/// [`Graph::is_respondent`]).
fn unasked_nan(g: &Graph, values: &mut [f64]) {
    if g.respondents().is_some() {
        for (i, v) in values.iter_mut().enumerate() {
            if !g.is_respondent(i) {
                *v = f64::NAN;
            }
        }
    }
}

/// Number of alters of each node (tied to it in either direction; networkx
/// `len(set(nx.all_neighbors(G, v)))`).
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::ego::size};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 0, 1.0), (2, 0, 1.0)], true).unwrap();
/// assert_eq!(size(&g), vec![2, 1, 1]);
/// ```
pub fn size(g: &Graph) -> Vec<u32> {
    (0..g.node_count())
        .map(|i| {
            let mut k = 0u32;
            for_each_alter(g, i, false, |_, _| k += 1);
            k
        })
        .collect()
}

/// Support sources of each node: out-neighbours in a directed graph (whom ego names, e.g.
/// "would ask for help"), neighbours in an undirected one.
///
/// # Complexity
/// O(n).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::ego::support_sources};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (0, 2, 1.0), (1, 0, 1.0)], true).unwrap();
/// assert_eq!(support_sources(&g), vec![2, 1, 0]);
/// ```
pub fn support_sources(g: &Graph) -> Vec<u32> {
    let out = g.out_csr();
    (0..g.node_count())
        .map(|i| out.row(i).len() as u32)
        .collect()
}

/// Burt's constraint of every node, exactly as networkx `constraint`:
/// C_i = Σ_j (p_ij + Σ_q p_iq p_qj)² over the alters j with p_ij > 0, where
/// p_ij = m_ij / Σ_k m_ik is the proportional strength of the mutual tie
/// (m_ij = a_ij + a_ji; module docs).
///
/// # Arguments
/// * `weighted` — tie weights (`true`) or every tie 1 (`false`, networkx's default).
///
/// # Returns
/// One value per node; NaN for nodes without alters (as networkx) and, weighted, for nodes
/// whose ties all have weight 0.
///
/// # Errors
/// [`Error::Cancelled`].
///
/// # Complexity
/// As [`ego_measures`].
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::ego::constraint};
/// // a triangle 0-1-2 with a pendant 3 on node 2
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)], false).unwrap();
/// let c = constraint(&g, false, &Context::new()).unwrap();
/// // c_01 = (1/2 + 1/2·1/3)², c_02 = (1/2 + 1/2·1/2)²
/// assert!((c[0] - 145.0 / 144.0).abs() < 1e-15);
/// assert!((c[2] - 11.0 / 18.0).abs() < 1e-15);
/// assert_eq!(c[3], 1.0);
/// ```
pub fn constraint(g: &Graph, weighted: bool, ctx: &Context) -> Result<Vec<f64>> {
    let opts = EgoOptions {
        weighted,
        strong: None,
    };
    Ok(ego_measures(g, &opts, ctx)?.constraint)
}

/// Burt's effective size of every node, exactly as networkx `effective_size`:
/// e_i = Σ_j (1 − Σ_q p_iq m_jq / max_k m_jk) over the alters j with p_ij > 0 (p as in
/// [`constraint`], m the mutual weights). For an undirected unweighted graph this is
/// Borgatti's n − 2t/n (n alters, t ties among them), which networkx and wijknet use there.
///
/// # Returns
/// One value per node; NaN for nodes without alters (as networkx).
///
/// # Errors
/// [`Error::Cancelled`].
///
/// # Complexity
/// As [`ego_measures`].
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::ego::effective_size};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)], false).unwrap();
/// let e = effective_size(&g, false, &Context::new()).unwrap();
/// assert_eq!(e, vec![1.0, 1.0, 3.0 - 2.0 / 3.0, 1.0]);
/// ```
pub fn effective_size(g: &Graph, weighted: bool, ctx: &Context) -> Result<Vec<f64>> {
    let opts = EgoOptions {
        weighted,
        strong: None,
    };
    Ok(ego_measures(g, &opts, ctx)?.effective_size)
}

/// Burt's (1992) hierarchy of every node: how unequally ego's constraint is spread over its
/// N contacts (the alters j with p_ij > 0):
/// H_i = Σ_j (c_ij / c̄) ln(c_ij / c̄) / (N ln N), with c_ij = (p_ij + Σ_q p_iq p_qj)² the
/// local constraint and c̄ = C_i / N its mean. 0 when every contact constrains ego equally,
/// approaching 1 as one contact holds all constraint.
///
/// Convention (no peer library computes it): with a single contact (N = 1) the formula is
/// 0/0; wijknet returns **1** — all of ego's constraint lies on that one contact, the case
/// that gives exactly 1 for every N ≥ 2 in the limit of one contact holding everything.
///
/// # Returns
/// One value per node; NaN for nodes without alters (and, weighted, for nodes whose ties all
/// have weight 0).
///
/// # Errors
/// [`Error::Cancelled`].
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::ego::hierarchy};
/// // a star: contacts of the centre are equal (0); a leaf has one contact (1 by convention)
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (0, 2, 1.0)], false).unwrap();
/// assert_eq!(hierarchy(&g, false, &Context::new()).unwrap(), vec![0.0, 1.0, 1.0]);
/// ```
pub fn hierarchy(g: &Graph, weighted: bool, ctx: &Context) -> Result<Vec<f64>> {
    let opts = EgoOptions {
        weighted,
        strong: None,
    };
    Ok(ego_measures(g, &opts, ctx)?.hierarchy)
}

/// Number of strong ties of each node: alters whose tie weight is ≥ `threshold` (for a
/// directed graph the mutual weight w_ij + w_ji, the weight the tie would have if the graph
/// were built undirected).
///
/// # Errors
/// [`Error::InvalidArgument`] for a NaN threshold; [`Error::Cancelled`].
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::ego::strong_ties};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 3.0), (0, 2, 1.0)], false).unwrap();
/// assert_eq!(strong_ties(&g, 2.0, &Context::new()).unwrap(), vec![1, 1, 0]);
/// ```
pub fn strong_ties(g: &Graph, threshold: f64, ctx: &Context) -> Result<Vec<u32>> {
    if threshold.is_nan() {
        return Err(Error::arg(
            "threshold",
            "the strong-tie threshold must be a number, not NaN",
        ));
    }
    per_item(
        ctx,
        g.node_count(),
        || (),
        |i, _| {
            let mut k = 0u32;
            for_each_alter(g, i, true, |_, w| k += (w >= threshold) as u32);
            k
        },
    )
}

// ---------------------------------------------------------------------------------------------
// composition over an attribute
// ---------------------------------------------------------------------------------------------

/// Composition of each ego's alters over a categorical attribute (see [`composition`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Composition {
    /// Number of categories K.
    pub categories: usize,
    /// Alters per category: row-major n × K (`counts[i * K + c]`).
    pub counts: Vec<u32>,
    /// Alters whose category is missing.
    pub missing: Vec<u32>,
    /// Blau heterogeneity 1 − Σ_c p_c² over the alters with a known category (p_c their
    /// shares); NaN when there are none.
    pub blau: Vec<f64>,
    /// Index of qualitative variation: Blau / (1 − 1/K); NaN when K < 2 or no alter is known.
    pub iqv: Vec<f64>,
    /// Ego E-I index (E − I)/(E + I): E alters in another category than ego, I in ego's; NaN
    /// when ego's category is missing or no alter is known.
    pub ei_index: Vec<f64>,
}

/// Composition and heterogeneity of each ego's alters (the undirected view) over a
/// categorical attribute: counts per category, Blau's heterogeneity, the IQV and the ego E-I
/// index (Krackhardt & Stern 1988). Alters with a missing category are counted apart and
/// left out of the shares.
///
/// # Arguments
/// * `codes` — one category code per node in `0..categories`, or −1 for missing.
/// * `categories` — K, the number of categories (the IQV's normaliser 1 − 1/K).
///
/// # Errors
/// [`Error::InvalidArgument`] if `codes` has the wrong length or a code outside
/// −1..K; [`Error::Cancelled`].
///
/// # Complexity
/// O(n·K + m).
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::ego::composition};
/// // ego 0 with alters 1, 2 (group 0, like ego) and 3 (group 1)
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]),
///     &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)], false).unwrap();
/// let c = composition(&g, &[0, 0, 0, 1], 2, &Context::new()).unwrap();
/// assert_eq!(&c.counts[0..2], &[2, 1]);
/// assert!((c.blau[0] - 4.0 / 9.0).abs() < 1e-15);
/// assert!((c.iqv[0] - 8.0 / 9.0).abs() < 1e-15);
/// assert!((c.ei_index[0] + 1.0 / 3.0).abs() < 1e-15);
/// ```
pub fn composition(
    g: &Graph,
    codes: &[i32],
    categories: usize,
    ctx: &Context,
) -> Result<Composition> {
    let n = g.node_count();
    check_codes(codes, n, categories)?;
    let k = categories;
    let rows: Vec<(Vec<u32>, u32)> = per_item(
        ctx,
        n,
        || (),
        |i, _| {
            let mut counts = vec![0u32; k];
            let mut missing = 0u32;
            for_each_alter(g, i, false, |j, _| match codes[j as usize] {
                c if c >= 0 => counts[c as usize] += 1,
                _ => missing += 1,
            });
            (counts, missing)
        },
    )?;
    let mut out = Composition {
        categories: k,
        counts: Vec::with_capacity(n * k),
        missing: Vec::with_capacity(n),
        blau: Vec::with_capacity(n),
        iqv: Vec::with_capacity(n),
        ei_index: Vec::with_capacity(n),
    };
    for (i, (counts, missing)) in rows.into_iter().enumerate() {
        let b = diversity::blau(&counts);
        out.blau.push(b);
        out.iqv.push(diversity::iqv(b, k));
        out.ei_index.push(match codes[i] {
            e if e >= 0 => {
                let inside = counts[e as usize] as f64;
                let known: u64 = counts.iter().map(|&c| c as u64).sum();
                diversity::ei(known as f64 - inside, inside)
            }
            _ => f64::NAN,
        });
        out.counts.extend_from_slice(&counts);
        out.missing.push(missing);
    }
    unasked_nan(g, &mut out.blau);
    unasked_nan(g, &mut out.iqv);
    unasked_nan(g, &mut out.ei_index);
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// whole network
// ---------------------------------------------------------------------------------------------

/// How [`reciprocity`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reciprocity {
    /// Reciprocated edges / edges = 2M/(2M + A) (networkx `reciprocity`, igraph
    /// `mode="default"`).
    #[default]
    Edges,
    /// Mutual dyads / connected dyads = M/(M + A) (igraph `mode="ratio"`).
    Ratio,
}

crate::option_names!(Reciprocity, "mode", { "default" => Reciprocity::Edges, "ratio" => Reciprocity::Ratio });

impl Reciprocity {
    /// From Python's `mode=` name ("default" or "ratio").
    pub fn from_name(name: &str) -> Result<Self> {
        crate::options::parse(name)
    }
}

fn directed_only(g: &Graph, what: &str) -> Result<()> {
    if !g.is_directed() {
        return Err(Error::arg(
            "g",
            format!(
                "{what} needs a directed graph (e.g. a support layer: who names whom); this \
                 graph is undirected"
            ),
        ));
    }
    Ok(())
}

/// Reciprocity of a directed graph: with M mutual and A asymmetric dyads, 2M/(2M + A)
/// (reciprocated edges over edges; networkx `reciprocity(G)`, igraph default) or M/(M + A)
/// ([`Reciprocity::Ratio`], igraph `mode="ratio"`).
///
/// On a survey layer with respondents ([`Graph::respondents`]) only ties between two
/// respondents count: a tie to someone who was not asked could not have been returned.
///
/// # Returns
/// The reciprocity; NaN for a graph without edges (networkx raises there).
///
/// # Errors
/// [`Error::InvalidArgument`] for an undirected graph (networkx raises too).
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::ego::{reciprocity, Reciprocity}};
/// // 0 ⇄ 1 mutual, 1 → 2 asymmetric: M = 1, A = 1
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 0, 1.0), (1, 2, 1.0)], true).unwrap();
/// assert_eq!(reciprocity(&g, Reciprocity::Edges).unwrap(), 2.0 / 3.0);
/// assert_eq!(reciprocity(&g, Reciprocity::Ratio).unwrap(), 0.5);
/// ```
pub fn reciprocity(g: &Graph, mode: Reciprocity) -> Result<f64> {
    directed_only(g, "reciprocity")?;
    let (out, inn) = (g.out_csr(), g.in_csr());
    let mut reciprocated = 0u64;
    let mut edges = 0u64;
    for i in 0..g.node_count() {
        if !g.is_respondent(i) {
            continue;
        }
        if g.respondents().is_none() {
            edges += out.row(i).len() as u64;
        } else {
            // only ties between two respondents could have been returned
            edges += out
                .row(i)
                .iter()
                .filter(|&&j| g.is_respondent(j as usize))
                .count() as u64;
        }
        let (a, b) = (out.row(i), inn.row(i));
        let (mut p, mut q) = (0, 0);
        while p < a.len() && q < b.len() {
            match a[p].cmp(&b[q]) {
                std::cmp::Ordering::Less => p += 1,
                std::cmp::Ordering::Greater => q += 1,
                std::cmp::Ordering::Equal => {
                    reciprocated += g.is_respondent(a[p] as usize) as u64;
                    p += 1;
                    q += 1;
                }
            }
        }
    }
    if edges == 0 {
        return Ok(f64::NAN);
    }
    Ok(match mode {
        Reciprocity::Edges => reciprocated as f64 / edges as f64,
        Reciprocity::Ratio => {
            let mutual = reciprocated / 2;
            mutual as f64 / (edges - mutual) as f64
        }
    })
}

/// Which degree [`degree_centralisation`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DegreeMode {
    /// In + out degree (directed), the degree (undirected).
    #[default]
    All,
    /// Out-degree (directed; the degree for an undirected graph).
    Out,
    /// In-degree (directed; the degree for an undirected graph).
    In,
}

crate::option_names!(DegreeMode, "mode", { "all" => DegreeMode::All, "out" => DegreeMode::Out, "in" => DegreeMode::In });

impl DegreeMode {
    /// From Python's `mode=` name ("all", "out" or "in").
    pub fn from_name(name: &str) -> Result<Self> {
        crate::options::parse(name)
    }
}

/// Freeman's (1978) degree centralisation: Σ_i (max_j d_j − d_i) over its largest possible
/// value for n nodes, that of a star. Undirected: (n − 1)(n − 2). Directed: (n − 1)² for
/// in- or out-degree, 2(n − 1)(n − 2) for in + out degree (igraph
/// `centralization_degree_tmax` without loops).
///
/// # Returns
/// A value in [0, 1] (1 for a star); NaN when the maximum is 0 (n < 3, or n < 2 directed
/// in/out).
///
/// # Complexity
/// O(n).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::ego::{degree_centralisation, DegreeMode}};
/// let star = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]), &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)], false).unwrap();
/// assert_eq!(degree_centralisation(&star, DegreeMode::All), 1.0);
/// ```
pub fn degree_centralisation(g: &Graph, mode: DegreeMode) -> f64 {
    let n = g.node_count();
    let (out, inn) = (g.out_csr(), g.in_csr());
    let deg = |i: usize| -> u64 {
        if !g.is_directed() {
            return out.row(i).len() as u64;
        }
        match mode {
            DegreeMode::All => (out.row(i).len() + inn.row(i).len()) as u64,
            DegreeMode::Out => out.row(i).len() as u64,
            DegreeMode::In => inn.row(i).len() as u64,
        }
    };
    let d: Vec<u64> = (0..n).map(deg).collect();
    let max = d.iter().copied().max().unwrap_or(0);
    let sum: u64 = d.iter().map(|&x| max - x).sum();
    let n1 = n.saturating_sub(1) as u64;
    let n2 = n.saturating_sub(2) as u64;
    let tmax = match (g.is_directed(), mode) {
        (false, _) => n1 * n2,
        (true, DegreeMode::All) => 2 * n1 * n2,
        (true, _) => n1 * n1,
    };
    if tmax == 0 {
        f64::NAN
    } else {
        sum as f64 / tmax as f64
    }
}

/// Share of nodes with nobody to ask: no support source (no out-tie in a directed graph, no
/// tie in an undirected one), among `respondents` (node indices; `None` = the graph's
/// respondents ([`Graph::respondents`]) when it has them, else every node).
///
/// # Returns
/// The share; NaN when there are no respondents.
///
/// # Errors
/// [`Error::InvalidArgument`] for a respondent index ≥ n.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::ego::share_nobody_to_ask};
/// // 0 names 1; 1 and 2 name nobody
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0)], true).unwrap();
/// assert_eq!(share_nobody_to_ask(&g, None).unwrap(), 2.0 / 3.0);
/// assert_eq!(share_nobody_to_ask(&g, Some(&[0, 1])).unwrap(), 0.5);
/// ```
pub fn share_nobody_to_ask(g: &Graph, respondents: Option<&[u32]>) -> Result<f64> {
    let n = g.node_count();
    let from_graph: Vec<u32>;
    let respondents = match (respondents, g.respondents()) {
        (None, Some(r)) => {
            from_graph = r.ones().map(|i| i as u32).collect();
            Some(&from_graph[..])
        }
        (r, _) => r,
    };
    let out = g.out_csr();
    let (mut nobody, mut total) = (0u64, 0u64);
    let mut count = |i: usize| {
        total += 1;
        nobody += out.row(i).is_empty() as u64;
    };
    match respondents {
        None => (0..n).for_each(&mut count),
        Some(r) => {
            if let Some(&bad) = r.iter().find(|&&i| i as usize >= n) {
                return Err(Error::arg(
                    "respondents",
                    format!("node index {bad} is out of range (there are {n} nodes)"),
                ));
            }
            r.iter().for_each(|&i| count(i as usize));
        }
    }
    Ok(if total == 0 {
        f64::NAN
    } else {
        nobody as f64 / total as f64
    })
}

// ---------------------------------------------------------------------------------------------
// Gould–Fernandez brokerage
// ---------------------------------------------------------------------------------------------

/// Gould–Fernandez brokerage role counts of one node (see [`brokerage`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BrokerageCounts {
    /// a, b, c all in one group.
    pub coordinator: u64,
    /// b and c in one group, a in another: b gates what enters its group.
    pub gatekeeper: u64,
    /// a and b in one group, c in another: b represents its group outwards.
    pub representative: u64,
    /// a and c in one group, b in another (also called consultant).
    pub itinerant: u64,
    /// a, b, c in three different groups.
    pub liaison: u64,
    /// Brokered two-paths where a group is missing (of a, b or c): not classified.
    pub unclassified: u64,
}

/// Gould & Fernandez (1989) brokerage roles: for every broker b, the two-paths a → b → c
/// (a ≠ c) with no tie a → c, classified by the groups of a, b and c — the convention of
/// statnet's `sna::brokerage` (a tie c → a does not matter).
///
/// # Arguments
/// * `g` — a directed graph (e.g. a support or advice layer).
/// * `groups` — one group code per node (≥ 0), −1 for missing.
///
/// # Returns
/// The counts of each node as broker.
///
/// # Errors
/// [`Error::InvalidArgument`] for an undirected graph or `groups` of the wrong length or with
/// a code below −1; [`Error::Cancelled`].
///
/// # Complexity
/// O(m + Σ_a out(a)·out(a)) time (every a → b, walking a's out-row), O(n) memory per thread.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::ego::brokerage};
/// // 0 → 1 → 2 with 0 and 1 in group 0, 2 in group 1: 1 is a representative
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 2, 1.0)], true).unwrap();
/// let b = brokerage(&g, &[0, 0, 1], &Context::new()).unwrap();
/// assert_eq!(b[1].representative, 1);
/// ```
pub fn brokerage(g: &Graph, groups: &[i32], ctx: &Context) -> Result<Vec<BrokerageCounts>> {
    directed_only(g, "brokerage")?;
    let n = g.node_count();
    if groups.len() != n {
        return Err(Error::arg(
            "groups",
            format!("has {} values for {n} nodes", groups.len()),
        ));
    }
    if let Some((i, &c)) = groups.iter().enumerate().find(|&(_, &c)| c < -1) {
        return Err(Error::arg(
            "groups",
            format!("node {i} has code {c}; codes are ≥ 0, −1 = missing"),
        ));
    }
    let k = groups.iter().map(|&c| c + 1).max().unwrap_or(0) as usize;
    let (out, inn) = (g.out_csr(), g.in_csr());
    ctx.start(n as u64);
    per_item(
        ctx,
        n,
        || (vec![u32::MAX; n], vec![0u64; k]),
        |b, (mark, count)| {
            let mut r = BrokerageCounts::default();
            let outs = out.row(b);
            if outs.is_empty() || inn.row(b).is_empty() {
                return r;
            }
            let mut missing = 0u64;
            for &c in outs {
                mark[c as usize] = b as u32;
                match groups[c as usize] {
                    x if x >= 0 => count[x as usize] += 1,
                    _ => missing += 1,
                }
            }
            let gb = groups[b];
            for &a in inn.row(b) {
                let a = a as usize;
                let ga = groups[a];
                // targets c ∈ out(b), c ≠ a, without a → c
                let mut total = outs.len() as u64;
                let mut same_b = if gb >= 0 { count[gb as usize] } else { 0 };
                let mut same_a = if ga >= 0 { count[ga as usize] } else { 0 };
                let mut miss = missing;
                let mut exclude = |c: usize| {
                    total -= 1;
                    let gc = groups[c];
                    if gc < 0 {
                        miss -= 1;
                    } else {
                        same_b -= (gc == gb) as u64;
                        same_a -= (gc == ga) as u64;
                    }
                };
                if mark[a] == b as u32 {
                    exclude(a); // b → a as well: a → b → a is no two-path
                }
                for &c in out.row(a) {
                    if mark[c as usize] == b as u32 {
                        exclude(c as usize); // a → c exists: a does not need b
                    }
                }
                if ga < 0 || gb < 0 {
                    r.unclassified += total;
                } else if ga == gb {
                    r.coordinator += same_b;
                    r.representative += total - same_b - miss;
                    r.unclassified += miss;
                } else {
                    r.gatekeeper += same_b;
                    r.itinerant += same_a;
                    r.liaison += total - same_b - same_a - miss;
                    r.unclassified += miss;
                }
            }
            for &c in outs {
                mark[c as usize] = u32::MAX;
                if let x @ 0.. = groups[c as usize] {
                    count[x as usize] = 0;
                }
            }
            r
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Ids;

    fn random(n: usize, seed: u64, directed: bool) -> Graph {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut e = Vec::new();
        for a in 0..n as u32 {
            for b in 0..n as u32 {
                if (directed || a < b) && a != b && rng.random::<f64>() < 0.3 {
                    e.push((a, b, rng.random_range(1..4u32) as f64));
                }
            }
        }
        Graph::from_edges(Ids::Int((0..n as i64).collect()), &e, directed).unwrap()
    }

    /// A projection-like graph with many twins: nodes join 1–2 of 8 "activities" (cliques);
    /// weights count shared activities; nodes 50.. stay isolated.
    fn cliquey(seed: u64, weighted: bool) -> Graph {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let n = 60u32;
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); 8];
        for v in 0..50 {
            let a = rng.random_range(0..8usize);
            members[a].push(v);
            if rng.random::<f64>() < 0.3 {
                let b = rng.random_range(0..8usize);
                if b != a {
                    members[b].push(v);
                }
            }
        }
        let mut w = std::collections::BTreeMap::new();
        for m in &members {
            for &a in m {
                for &b in m {
                    if a < b {
                        *w.entry((a, b)).or_insert(0.0) += 1.0;
                    }
                }
            }
        }
        let e: Vec<(u32, u32, f64)> = w
            .into_iter()
            .map(|((a, b), x)| (a, b, if weighted { x } else { 1.0 }))
            .collect();
        Graph::from_edges(Ids::Int((0..n as i64).collect()), &e, false).unwrap()
    }

    fn same(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!(
                (x.is_nan() && y.is_nan()) || (x - y).abs() <= 1e-12 * y.abs().max(1.0),
                "{x} vs {y}"
            );
        }
    }

    #[test]
    fn twin_compression_changes_nothing() {
        let ctx = Context::new();
        for seed in 0..6 {
            for weighted in [false, true] {
                for g in [cliquey(seed, weighted), random(25, seed, seed % 2 == 0)] {
                    let o = EgoOptions {
                        weighted,
                        strong: None,
                    };
                    let a = ego_measures_impl(&g, &o, true, &ctx).unwrap();
                    let b = ego_measures_impl(&g, &o, false, &ctx).unwrap();
                    assert_eq!(a.size, b.size);
                    assert_eq!(a.alter_ties, b.alter_ties);
                    same(&a.constraint, &b.constraint);
                    same(&a.effective_size, &b.effective_size);
                    same(&a.hierarchy, &b.hierarchy);
                }
            }
        }
    }

    #[test]
    fn cliquey_graphs_have_twins() {
        let g = cliquey(1, true);
        let q = with_mutual(&g, true, &Context::new(), |m| {
            quotient(m, true, &Context::new())
        })
        .unwrap();
        assert!(q.size.len() < g.node_count());
    }
}
