//! The block–cut search behind the fast what-if rankings: components of the two-mode graph
//! (residents + units) and, for every vertex, the pieces its component falls into without it,
//! from one depth-first search; for `unit` session, an activity's sessions are first merged
//! into one vertex per cluster of its participants (see the module docs of
//! [`whatif`](super)).
use crate::context::Context;
use crate::error::Result;
use crate::incidence::{Incidence, Unit};

/// Components of the two-mode graph (residents `0..n`, active units `n..n+u`) and, for every
/// vertex, the resident-holding pieces its component falls into without it.
pub(super) struct Cuts {
    /// Component of each vertex (u32::MAX for inactive units).
    pub(super) comp: Vec<u32>,
    /// Residents per component.
    pub(super) comp_res: Vec<u32>,
    /// Per vertex: pieces with ≥ 1 resident left when it is removed.
    pub(super) pieces: Vec<u32>,
    /// Per vertex: residents in the largest such piece.
    pub(super) largest: Vec<u32>,
}

pub(super) struct TwoMode<'a> {
    pub(super) inc: &'a Incidence,
    pub(super) active: &'a [bool],
    pub(super) n: usize,
}

impl TwoMode<'_> {
    pub(super) fn nv(&self) -> usize {
        self.n + self.inc.n_units()
    }
    /// The raw neighbour list of `v` (units offset by n; may include inactive units).
    fn degree_raw(&self, v: usize) -> usize {
        if v < self.n {
            self.inc.units_of(v).len()
        } else {
            self.inc.size(v - self.n)
        }
    }
    /// The `p`-th raw neighbour of `v`, or None if it is an inactive unit.
    fn neighbour(&self, v: usize, p: usize) -> Option<usize> {
        if v < self.n {
            let k = self.inc.units_of(v)[p] as usize;
            self.active[k].then_some(self.n + k)
        } else {
            Some(self.inc.members(v - self.n)[p] as usize)
        }
    }
}

/// Iterative Tarjan search on the two-mode graph (Hopcroft & Tarjan 1973): a child subtree
/// `c` of `v` with `low[c] ≥ disc[v]` is cut off from the rest when `v` goes.
pub(super) fn cuts(t: &TwoMode, ctx: &Context) -> Result<Cuts> {
    let nv = t.nv();
    const NONE: u32 = u32::MAX;
    let mut disc = vec![NONE; nv];
    let mut low = vec![0u32; nv];
    let mut parent = vec![NONE; nv];
    let mut pos = vec![0u32; nv];
    let mut sub = vec![0u32; nv];
    let mut sep = vec![0u32; nv];
    let mut pieces = vec![0u32; nv];
    let mut largest = vec![0u32; nv];
    let mut comp = vec![NONE; nv];
    let mut comp_res = Vec::new();
    let mut time = 0u32;
    let mut stack: Vec<u32> = Vec::new();
    let mut members: Vec<u32> = Vec::new();
    for r in 0..t.n {
        if disc[r] != NONE {
            continue;
        }
        if r % 4096 == 0 {
            ctx.check()?;
        }
        let c = comp_res.len() as u32;
        members.clear();
        disc[r] = time;
        low[r] = time;
        time += 1;
        sub[r] = 1;
        comp[r] = c;
        members.push(r as u32);
        stack.push(r as u32);
        while let Some(&v) = stack.last() {
            let v = v as usize;
            let p = pos[v] as usize;
            if p < t.degree_raw(v) {
                pos[v] += 1;
                let Some(w) = t.neighbour(v, p) else { continue };
                if w as u32 == parent[v] {
                    continue;
                }
                if disc[w] == NONE {
                    parent[w] = v as u32;
                    disc[w] = time;
                    low[w] = time;
                    time += 1;
                    sub[w] = (w < t.n) as u32;
                    comp[w] = c;
                    members.push(w as u32);
                    stack.push(w as u32);
                } else {
                    low[v] = low[v].min(disc[w]);
                }
            } else {
                stack.pop();
                let pv = parent[v];
                if pv != NONE {
                    let pv = pv as usize;
                    low[pv] = low[pv].min(low[v]);
                    sub[pv] += sub[v];
                    if low[v] >= disc[pv] {
                        sep[pv] += sub[v];
                        if sub[v] > 0 {
                            pieces[pv] += 1;
                            largest[pv] = largest[pv].max(sub[v]);
                        }
                    }
                }
            }
        }
        let total = sub[r];
        for &v in &members[1..] {
            let v = v as usize;
            let rest = total - (v < t.n) as u32 - sep[v];
            if rest > 0 {
                pieces[v] += 1;
                largest[v] = largest[v].max(rest);
            }
        }
        comp_res.push(total);
    }
    Ok(Cuts {
        comp,
        comp_res,
        pieces,
        largest,
    })
}

/// The largest component other than those in `skip` (0 if none).
/// The block–cut search of `t` ([`cuts`]), its components ordered by size ([`size_order`])
/// and the residents of the largest one (0 without residents).
pub(super) fn search(t: &TwoMode, ctx: &Context) -> Result<(Cuts, Vec<u32>, u32)> {
    let found = cuts(t, ctx)?;
    let order = size_order(&found.comp_res);
    let largest = order.first().map_or(0, |&c| found.comp_res[c as usize]);
    Ok((found, order, largest))
}

pub(super) fn largest_other(order: &[u32], comp_res: &[u32], skip: &[u32]) -> u32 {
    order
        .iter()
        .find(|c| !skip.contains(c))
        .map(|&c| comp_res[c as usize])
        .unwrap_or(0)
}

/// Components by decreasing size.
pub(super) fn size_order(comp_res: &[u32]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..comp_res.len() as u32).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(comp_res[c as usize]));
    order
}

/// Pieces (components with ≥ 1 resident) of the components `touched` once the vertices flagged
/// in `gone` are removed: (count, largest). A search restricted to those components.
pub(super) fn pieces_without(
    t: &TwoMode,
    by_comp: &[Vec<u32>],
    touched: &[u32],
    gone: &dyn Fn(usize) -> bool,
    seen: &mut [u32],
    mark: u32,
) -> (u32, u32) {
    let (mut count, mut largest) = (0u32, 0u32);
    let mut queue: Vec<u32> = Vec::new();
    for &c in touched {
        for &s in &by_comp[c as usize] {
            let s = s as usize;
            if s >= t.n || seen[s] == mark || gone(s) {
                continue;
            }
            seen[s] = mark;
            queue.clear();
            queue.push(s as u32);
            let mut head = 0;
            let mut res = 0u32;
            while head < queue.len() {
                let v = queue[head] as usize;
                head += 1;
                res += (v < t.n) as u32;
                for p in 0..t.degree_raw(v) {
                    if let Some(w) = t.neighbour(v, p) {
                        if seen[w] != mark && !gone(w) {
                            seen[w] = mark;
                            queue.push(w as u32);
                        }
                    }
                }
            }
            count += 1;
            largest = largest.max(res);
        }
    }
    (count, largest)
}

/// For unit session: one vertex per *cluster* of an activity — a group of its participants
/// linked through its (active) sessions, directly or through each other — adjacent to the
/// cluster's residents. Residents are connected in this graph exactly as in the
/// resident–session graph (a cluster links what its sessions linked), and removing an
/// activity's sessions is removing its clusters: usually one vertex. Returns the clusters as
/// an incidence (units = clusters) and each cluster's local activity. O(incidences · α).
pub(super) fn session_clusters(
    inc: &Incidence,
    active: &[bool],
    uact: &[u32],
    n_act: usize,
) -> (Incidence, Vec<u32>) {
    fn find(p: &mut [u32], mut x: u32) -> u32 {
        while p[x as usize] != x {
            p[x as usize] = p[p[x as usize] as usize];
            x = p[x as usize];
        }
        x
    }
    let n = inc.n_residents();
    let mut sessions: Vec<Vec<u32>> = vec![Vec::new(); n_act];
    for k in 0..inc.n_units() {
        if active[k] {
            sessions[uact[k] as usize].push(k as u32);
        }
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut cluster_of = vec![u32::MAX; n];
    let mut members: Vec<Vec<u32>> = Vec::new();
    let mut label: Vec<u32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    for (a, ks) in sessions.iter().enumerate() {
        touched.clear();
        for &k in ks {
            let m = inc.members(k as usize);
            touched.extend_from_slice(m);
            for w in m.windows(2) {
                let (x, y) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
                if x != y {
                    parent[x as usize] = y;
                }
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for &j in &touched {
            let r = find(&mut parent, j) as usize;
            if cluster_of[r] == u32::MAX {
                cluster_of[r] = members.len() as u32;
                members.push(Vec::new());
                label.push(a as u32);
            }
            members[cluster_of[r] as usize].push(j); // ascending: `touched` is sorted
        }
        for &j in &touched {
            parent[j as usize] = j;
            cluster_of[j as usize] = u32::MAX;
        }
    }
    let mut unit_ptr = Vec::with_capacity(members.len() + 1);
    unit_ptr.push(0);
    let mut unit_res = Vec::new();
    let mut res_len = vec![0usize; n + 1];
    for m in &members {
        unit_res.extend_from_slice(m);
        unit_ptr.push(unit_res.len());
        for &j in m {
            res_len[j as usize + 1] += 1;
        }
    }
    for i in 0..n {
        res_len[i + 1] += res_len[i];
    }
    let res_ptr = res_len;
    let mut cursor = res_ptr.clone();
    let mut res_units = vec![0u32; unit_res.len()];
    for (c, m) in members.iter().enumerate() {
        for &j in m {
            res_units[cursor[j as usize]] = c as u32;
            cursor[j as usize] += 1;
        }
    }
    let clusters = Incidence {
        unit: Unit::Session,
        residents: inc.residents.clone(),
        units: label.clone(),
        res_ptr,
        res_count: vec![1; res_units.len()],
        res_units,
        unit_ptr,
        unit_res,
    };
    (clusters, label)
}
