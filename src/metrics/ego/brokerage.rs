//! Gould–Fernandez brokerage roles.
use super::*;

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
