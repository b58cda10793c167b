//! Burt's structural holes, per class of twins: the twin classes, the quotient graph and the
//! per-class kernel (see the module docs of [`super`]).
use super::*;

/// Classes of weighted closed twins and the quotient graph over them.
pub(super) struct Quotient {
    /// Class of each node.
    pub(super) class_of: Vec<u32>,
    /// Members per class.
    pub(super) size: Vec<u32>,
    /// Per class: mutual strength of one member (Σ of its mutual weights).
    pub(super) strength: Vec<f64>,
    /// Per class: the largest mutual weight of one member.
    pub(super) wmax: Vec<f64>,
    /// Per class: the mutual weight between two members (0 for a class of one).
    pub(super) wself: Vec<f64>,
    /// Per class: number of alters of one member.
    pub(super) degree: Vec<u32>,
    /// Adjacent classes (other than itself) with the weight of the tie to each member.
    pub(super) adj: Csr,
    /// Per class: `(adjacent class, weight)` of `adj`'s row, ascending by class, for lookups
    /// of single ties in the rows of hubs (see [`holes_of_class`]).
    pub(super) sorted: Csr,
}

pub(super) fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Whether r and q are weighted closed twins: adjacent, and the same alters with the same
/// mutual weights apart from each other.
pub(super) fn twins(m: &Mutual<'_>, r: usize, q: usize) -> bool {
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

pub(super) fn quotient(m: &Mutual<'_>, compress: bool, ctx: &Context) -> Result<Quotient> {
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
        ctx.install(|| parallel::sort_unstable_by_key(&mut order, |&v| (keys[v as usize], v)));
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
    let sorted = csr_from_rows(
        ctx,
        k,
        Vec::new,
        |c, pairs: &mut Vec<(u32, f64)>, idx, w| {
            pairs.clear();
            pairs.extend(
                adj.row(c)
                    .iter()
                    .copied()
                    .zip(adj.row_weights(c).iter().copied()),
            );
            pairs.sort_unstable_by_key(|x| x.0);
            idx.extend(pairs.iter().map(|x| x.0));
            w.extend(pairs.iter().map(|x| x.1));
        },
    )?;
    Ok(Quotient {
        sorted,
        class_of,
        size,
        strength: per_class.iter().map(|x| x.0).collect(),
        wmax: per_class.iter().map(|x| x.1).collect(),
        wself: per_class.iter().map(|x| x.2).collect(),
        degree: per_class.iter().map(|x| x.3).collect(),
        adj,
    })
}

/// What one ego's structural-hole computation gives (the same for every member of a class).
#[derive(Debug, Clone, Copy)]
pub(super) struct Holes {
    /// Ordered pairs of adjacent alters (2t).
    pub(super) pairs: u64,
    /// Burt's general effective size (weighted, directed view).
    pub(super) effective: f64,
    pub(super) constraint: f64,
    pub(super) hierarchy: f64,
}

/// One alter slot of an ego: the members of one class (all alike as far as ego is concerned).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Slot {
    /// Indirect term Σ_q p_iq p_qj of one member j (then its local constraint).
    pub(super) acc: f64,
    /// Σ_q p_iq m_jq of one member j (before dividing by j's largest weight).
    pub(super) red: f64,
    /// Members (as u64 for tie counting).
    pub(super) count: u64,
    /// p_ij of one member.
    pub(super) p: f64,
    /// Largest mutual weight of one member.
    pub(super) wmax: f64,
}

pub(super) struct Scratch {
    /// Per class: its slot for the current ego (0 = not an alter: a dummy slot that absorbs
    /// the updates, so the inner loop has no branch).
    pub(super) pos: Vec<u32>,
    pub(super) slots: Vec<Slot>,
}

pub(super) fn holes_of_class(q: &Quotient, c: usize, sc: &mut Scratch) -> Holes {
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
        if ei.len() > (d + 1) * (usize::BITS - ei.len().leading_zeros()) as usize {
            // E has far more ties than ego (a hub among ego's alters): look ego's slots up
            // in E's sorted row instead of scanning it, so a star costs O(leaves), not
            // O(leaves²). Each slot still gets E's one term, in the same order: the same bits.
            let (si, sw) = (q.sorted.row(e), q.sorted.row_weights(e));
            let own = std::iter::once((tw, c as u32));
            for (slot, f) in ci.iter().enumerate().map(|(a, &f)| (a + 1, f)).chain(own) {
                if let Ok(p) = si.binary_search(&f) {
                    let slot = &mut slots[slot];
                    slot.acc += coef_a * sw[p];
                    slot.red += coef_r * sw[p];
                    reached += slot.count;
                }
            }
        } else {
            for (&f, &w) in ei.iter().zip(ew) {
                let slot = &mut slots[sc.pos[f as usize] as usize];
                slot.acc += coef_a * w;
                slot.red += coef_r * w;
                reached += slot.count;
            }
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
pub(super) fn holes(
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
