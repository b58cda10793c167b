//! Several tie layers over the same residents: aligning graphs by node id, the overlap of two
//! layers (Jaccard, conditional shares) and multiplexity (ties present in ≥ 2 layers), whole
//! network and per ego. Definitions: METRICS.md, "Support network". The permutation tests of
//! layer association (QAP, MRQAP) live in [`crate::stats::qap`].
//!
//! # Node alignment
//! Layers are compared cell by cell, so their nodes must line up. Graphs that share a node
//! table (every projection and layer of one Network) or have the same ids in the same order
//! line up as they are. Otherwise [`align`] matches nodes by id: [`NodeSet::Intersection`]
//! (the default) keeps the ids present in every graph, [`NodeSet::Union`] keeps the ids present
//! in any graph, a node missing from a graph being an isolate there. Nothing is dropped
//! silently: [`Alignment`] reports, for every graph, how many of its nodes were left out and
//! how many were added as isolates. The aligned order is the first graph's order, followed (for
//! a union) by the new ids of the second graph in its order, and so on.
//!
//! Survey layers that record their respondents ([`Graph::respondents`]) have unknown ties for
//! the people who were not asked, so those people are left out of the aligned nodes in either
//! mode (and counted in `left_out`): "not asked" is never read as "no tie".
//!
//! # Readings of a tie
//! A *tie* is an edge stored in the graph, whatever its weight. In the **undirected reading**
//! the pair {i, j} is tied in a layer if the layer has i→j or j→i (or the undirected edge
//! {i, j}). In the **directed reading** the ordered pair (i, j) is tied if the layer has i→j;
//! an undirected edge {i, j} counts as both i→j and j→i. Overlap reports the directed reading
//! whenever one of the two layers is directed; multiplexity uses the undirected reading.
use crate::error::{Error, Result};
use crate::graph::{Csr, Graph, NodeTable};
use crate::ids::{Id, Ids};
use ahash::AHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Which nodes aligned layers have (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeSet {
    /// The ids present in every graph (the default).
    #[default]
    Intersection,
    /// The ids present in any graph; a node missing from a graph is an isolate there.
    Union,
}

crate::option_names!(NodeSet, "nodes", {
    "intersection" => NodeSet::Intersection,
    "union" => NodeSet::Union,
});

impl NodeSet {
    /// `"intersection"` or `"union"`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for any other name.
    pub fn from_name(name: &str) -> Result<NodeSet> {
        crate::options::parse(name)
    }
}

/// How graphs were aligned by node id.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// The ids of the aligned nodes (rows and columns of every aligned layer).
    pub ids: Ids,
    /// Per graph: how many of its nodes are not among the aligned nodes (intersection only).
    pub left_out: Vec<usize>,
    /// Per graph: how many aligned nodes it lacks, added to it as isolates (union only).
    pub added: Vec<usize>,
    /// Whether the graphs already had the same nodes in the same order (no re-indexing).
    pub shared: bool,
}

impl Alignment {
    /// Number of aligned nodes.
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }
}

/// Graphs aligned on one node set: `graphs[k]` is the k-th input over [`Alignment::ids`].
#[derive(Debug, Clone)]
pub struct Aligned {
    /// What the alignment did.
    pub alignment: Alignment,
    /// The input graphs re-indexed onto the aligned nodes (the inputs themselves when they
    /// already shared their nodes); directedness and weights are kept.
    pub graphs: Vec<Graph>,
}

fn same_nodes(a: &Graph, b: &Graph) -> bool {
    Arc::ptr_eq(a.nodes(), b.nodes()) || a.nodes().ids == b.nodes().ids
}

fn example(ids: &Ids) -> String {
    if ids.is_empty() {
        "no nodes".to_string()
    } else {
        format!("e.g. {}", ids.get(0))
    }
}

/// Aligns graphs by node id (module docs).
///
/// # Arguments
/// * `graphs` — one or more graphs, directed or not.
/// * `nodes` — [`NodeSet::Intersection`] or [`NodeSet::Union`].
///
/// # Returns
/// [`Aligned`]: the alignment report and the re-indexed graphs.
///
/// # Errors
/// [`Error::InvalidArgument`] when `graphs` is empty, when the aligned node set is empty (no id
/// in common), or when a union would mix string and integer ids; an id repeated within one
/// graph is an [`Error::InvalidValue`].
///
/// # Complexity
/// O(1) when the graphs share their nodes; else O(Σ (n_k + m_k log d_max)) with hashing of ids.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids};
/// use wijknet::metrics::association::{align, NodeSet};
/// let a = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0)], false).unwrap();
/// let b = Graph::from_edges(Ids::Int(vec![3, 2, 9]), &[(0, 1, 1.0)], false).unwrap();
/// let al = align(&[&a, &b], NodeSet::Intersection).unwrap();
/// assert_eq!(al.alignment.ids, Ids::Int(vec![2, 3]));
/// assert_eq!(al.alignment.left_out, vec![1, 1]); // node 1 of `a`, node 9 of `b`
/// assert_eq!(al.graphs[1].weight(0, 1), Some(1.0)); // b's tie 3–2
/// let al = align(&[&a, &b], NodeSet::Union).unwrap();
/// assert_eq!(al.alignment.ids, Ids::Int(vec![1, 2, 3, 9]));
/// assert_eq!(al.alignment.added, vec![1, 1]);
/// ```
pub fn align(graphs: &[&Graph], nodes: NodeSet) -> Result<Aligned> {
    let Some(first) = graphs.first() else {
        return Err(Error::arg("graphs", "give at least one graph"));
    };
    let k = graphs.len();
    // survey layers: people who were not asked have unknown ties, so they are left out
    let mut unasked: ahash::AHashSet<Id> = ahash::AHashSet::new();
    for g in graphs {
        if g.respondents().is_some() {
            let ids = &g.nodes().ids;
            unasked.extend(
                (0..g.node_count())
                    .filter(|&i| !g.is_respondent(i))
                    .map(|i| ids.get(i)),
            );
        }
    }
    if unasked.is_empty() && graphs.iter().all(|g| same_nodes(first, g)) {
        if first.node_count() == 0 {
            return Err(Error::arg(
                "graphs",
                "the graphs have no nodes; build them from data with at least one node",
            ));
        }
        return Ok(Aligned {
            alignment: Alignment {
                ids: first.nodes().ids.clone(),
                left_out: vec![0; k],
                added: vec![0; k],
                shared: true,
            },
            graphs: graphs.iter().map(|g| (*g).clone()).collect(),
        });
    }
    let indexes: Vec<AHashMap<Id, u32>> = graphs
        .iter()
        .enumerate()
        .map(|(i, g)| g.nodes().ids.index(&format!("graph {} node ids", i + 1)))
        .collect::<Result<_>>()?;
    // aligned ids as `Id`s, in order
    let mut aligned: Vec<Id> = Vec::new();
    match nodes {
        NodeSet::Intersection => {
            let ids = &first.nodes().ids;
            for i in 0..ids.len() {
                let id = ids.get(i);
                if indexes[1..].iter().all(|ix| ix.contains_key(&id)) && !unasked.contains(&id) {
                    aligned.push(id);
                }
            }
            if aligned.is_empty() {
                let which: Vec<String> = graphs
                    .iter()
                    .enumerate()
                    .map(|(i, g)| format!("graph {} has {}", i + 1, example(&g.nodes().ids)))
                    .collect();
                return Err(Error::arg(
                    "nodes",
                    format!(
                        "the graphs have no node ids in common ({}); check that the layers use \
                         the same ids (same type, same spelling), or pass nodes=\"union\" to \
                         compare them over all ids",
                        which.join(", ")
                    ),
                ));
            }
        }
        NodeSet::Union => {
            let mut seen: AHashMap<Id, u32> = AHashMap::new();
            for g in graphs {
                let ids = &g.nodes().ids;
                for i in 0..ids.len() {
                    let id = ids.get(i);
                    if !seen.contains_key(&id) && !unasked.contains(&id) {
                        seen.insert(id.clone(), aligned.len() as u32);
                        aligned.push(id);
                    }
                }
            }
            let strs = aligned.iter().filter(|id| matches!(id, Id::Str(_))).count();
            if strs != 0 && strs != aligned.len() {
                return Err(Error::arg(
                    "nodes",
                    "the graphs mix string and integer node ids, so no id can match across \
                     them; give every layer the same kind of ids",
                ));
            }
            if aligned.is_empty() {
                return Err(Error::arg(
                    "graphs",
                    "the graphs have no nodes; build them from data with at least one node",
                ));
            }
        }
    }
    let ids = match aligned.first() {
        Some(Id::Str(_)) => Ids::Str(
            aligned
                .iter()
                .map(|id| match id {
                    Id::Str(s) => s.clone(),
                    Id::Int(i) => i.to_string(), // unreachable: checked above
                })
                .collect(),
        ),
        _ => Ids::Int(
            aligned
                .iter()
                .map(|id| match id {
                    Id::Int(i) => *i,
                    Id::Str(_) => 0, // unreachable: checked above
                })
                .collect(),
        ),
    };
    let table = Arc::new(NodeTable {
        ids: ids.clone(),
        attributes: Default::default(),
    });
    let n = aligned.len();
    let mut left_out = Vec::with_capacity(k);
    let mut added = Vec::with_capacity(k);
    let mut out = Vec::with_capacity(k);
    for (g, ix) in graphs.iter().zip(&indexes) {
        // old index of each aligned node (u32::MAX: missing) and new index of each old node
        let mut old_of = vec![u32::MAX; n];
        let mut new_of = vec![u32::MAX; g.node_count()];
        for (a, id) in aligned.iter().enumerate() {
            if let Some(&o) = ix.get(id) {
                old_of[a] = o;
                new_of[o as usize] = a as u32;
            }
        }
        left_out.push(new_of.iter().filter(|&&v| v == u32::MAX).count());
        added.push(old_of.iter().filter(|&&v| v == u32::MAX).count());
        out.push(Graph::from_csr(
            table.clone(),
            g.is_directed(),
            reindex(g.out_csr(), &old_of, &new_of),
            None,
        ));
    }
    Ok(Aligned {
        alignment: Alignment {
            ids,
            left_out,
            added,
            shared: false,
        },
        graphs: out,
    })
}

/// `csr` over new indices: row a is the old row `old_of[a]` (empty if missing) with columns
/// mapped by `new_of` (dropped where unmapped) and sorted.
fn reindex(csr: &Csr, old_of: &[u32], new_of: &[u32]) -> Csr {
    let mut indptr = Vec::with_capacity(old_of.len() + 1);
    indptr.push(0usize);
    let mut indices = Vec::new();
    let mut weights = Vec::new();
    let mut row: Vec<(u32, f64)> = Vec::new();
    for &o in old_of {
        if o != u32::MAX {
            row.clear();
            let o = o as usize;
            for (&j, &w) in csr.row(o).iter().zip(csr.row_weights(o)) {
                let nj = new_of[j as usize];
                if nj != u32::MAX {
                    row.push((nj, w));
                }
            }
            row.sort_unstable_by_key(|p| p.0);
            for &(j, w) in &row {
                indices.push(j);
                weights.push(w);
            }
        }
        indptr.push(indices.len());
    }
    Csr {
        indptr,
        indices,
        weights,
    }
}

/// Sorted, deduplicated neighbour rows in the undirected reading: the adjacency itself for an
/// undirected graph, out ∪ in for a directed one (weights: the sum of both directions).
pub(crate) fn undirected_rows(g: &Graph) -> std::borrow::Cow<'_, Csr> {
    if !g.is_directed() {
        return std::borrow::Cow::Borrowed(g.out_csr());
    }
    let (out, inn) = (g.out_csr(), g.in_csr());
    let n = g.node_count();
    let mut indptr = Vec::with_capacity(n + 1);
    indptr.push(0usize);
    let mut indices = Vec::with_capacity(out.nnz() * 2);
    let mut weights = Vec::with_capacity(out.nnz() * 2);
    for i in 0..n {
        let (a, aw, b, bw) = (
            out.row(i),
            out.row_weights(i),
            inn.row(i),
            inn.row_weights(i),
        );
        let (mut p, mut q) = (0, 0);
        while p < a.len() || q < b.len() {
            if q == b.len() || (p < a.len() && a[p] < b[q]) {
                indices.push(a[p]);
                weights.push(aw[p]);
                p += 1;
            } else if p == a.len() || b[q] < a[p] {
                indices.push(b[q]);
                weights.push(bw[q]);
                q += 1;
            } else {
                indices.push(a[p]);
                weights.push(aw[p] + bw[q]);
                p += 1;
                q += 1;
            }
        }
        indptr.push(indices.len());
    }
    std::borrow::Cow::Owned(Csr {
        indptr,
        indices,
        weights,
    })
}

/// Number of common entries of two ascending slices, counting only entries `> above` when
/// `above` is given.
fn common(a: &[u32], b: &[u32], above: Option<u32>) -> u64 {
    let (mut p, mut q) = (0, 0);
    if let Some(lo) = above {
        p = a.partition_point(|&x| x <= lo);
        q = b.partition_point(|&x| x <= lo);
    }
    let mut c = 0;
    while p < a.len() && q < b.len() {
        match a[p].cmp(&b[q]) {
            std::cmp::Ordering::Less => p += 1,
            std::cmp::Ordering::Greater => q += 1,
            std::cmp::Ordering::Equal => {
                c += 1;
                p += 1;
                q += 1;
            }
        }
    }
    c
}

/// Tie counts of two layers in one reading, and the shares derived from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TieCounts {
    /// Ties in the first and in the second layer.
    pub ties: [u64; 2],
    /// Ties present in both layers.
    pub both: u64,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

impl TieCounts {
    /// Ties in either layer: |T1 ∪ T2|.
    pub fn either(&self) -> u64 {
        self.ties[0] + self.ties[1] - self.both
    }
    /// Jaccard index of the tie sets |T1 ∩ T2| / |T1 ∪ T2| (NaN when both layers are empty).
    pub fn jaccard(&self) -> f64 {
        ratio(self.both, self.either())
    }
    /// P(tie in layer 2 | tie in layer 1) = |T1 ∩ T2| / |T1| (NaN when layer 1 has no tie).
    pub fn second_given_first(&self) -> f64 {
        ratio(self.both, self.ties[0])
    }
    /// P(tie in layer 1 | tie in layer 2) = |T1 ∩ T2| / |T2| (NaN when layer 2 has no tie).
    pub fn first_given_second(&self) -> f64 {
        ratio(self.both, self.ties[1])
    }
}

/// The overlap of two layers ([`layer_overlap`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// How the two graphs were aligned.
    pub alignment: Alignment,
    /// Counts over unordered pairs {i, j} (undirected reading).
    pub undirected: TieCounts,
    /// Counts over ordered pairs (i, j) (directed reading), when either layer is directed.
    pub directed: Option<TieCounts>,
}

/// The overlap of two tie layers: ties in each, ties in both, Jaccard and the two conditional
/// shares, in the undirected reading and (when either layer is directed) the directed reading
/// (module docs: an undirected tie {i, j} counts as i→j and j→i).
///
/// # Arguments
/// * `g1`, `g2` — the layers; weights are ignored (a tie is a stored edge).
/// * `nodes` — how to align them by node id ([`align`]).
///
/// # Returns
/// [`Overlap`].
///
/// # Errors
/// Those of [`align`].
///
/// # Complexity
/// O(n + m1 + m2) after alignment.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids};
/// use wijknet::metrics::association::{layer_overlap, NodeSet};
/// let ids = || Ids::Int(vec![0, 1, 2, 3]);
/// let met = Graph::from_edges(ids(), &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)], false).unwrap();
/// let help = Graph::from_edges(ids(), &[(0, 1, 1.0), (3, 0, 1.0)], true).unwrap();
/// let o = layer_overlap(&met, &help, NodeSet::Intersection).unwrap();
/// assert_eq!((o.undirected.ties, o.undirected.both), ([3, 2], 1));
/// assert_eq!(o.undirected.jaccard(), 0.25);
/// let d = o.directed.unwrap(); // met's 3 ties count in both directions
/// assert_eq!((d.ties, d.both), ([6, 2], 1));
/// ```
pub fn layer_overlap(g1: &Graph, g2: &Graph, nodes: NodeSet) -> Result<Overlap> {
    let al = align(&[g1, g2], nodes)?;
    let (a, b) = (&al.graphs[0], &al.graphs[1]);
    let n = al.alignment.node_count();
    let (ua, ub) = (undirected_rows(a), undirected_rows(b));
    let mut und = TieCounts::default();
    for i in 0..n {
        let lo = Some(i as u32);
        let (ra, rb) = (ua.row(i), ub.row(i));
        und.ties[0] += (ra.len() - ra.partition_point(|&x| x <= i as u32)) as u64;
        und.ties[1] += (rb.len() - rb.partition_point(|&x| x <= i as u32)) as u64;
        und.both += common(ra, rb, lo);
    }
    let directed = (a.is_directed() || b.is_directed()).then(|| {
        let (da, db) = (a.out_csr(), b.out_csr());
        let mut d = TieCounts {
            ties: [da.nnz() as u64, db.nnz() as u64],
            both: 0,
        };
        for i in 0..n {
            d.both += common(da.row(i), db.row(i), None);
        }
        d
    });
    Ok(Overlap {
        alignment: al.alignment,
        undirected: und,
        directed,
    })
}

/// Multiplexity of several layers ([`multiplexity`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Multiplexity {
    /// How the graphs were aligned.
    pub alignment: Alignment,
    /// Node pairs tied in at least one layer.
    pub tied_pairs: u64,
    /// Node pairs tied in at least two layers.
    pub multiplex_pairs: u64,
    /// Pairs per combination of layers: (bit mask of the layers, bit k = layer k; number of
    /// pairs tied in exactly those layers), ascending by mask, combinations with no pair left
    /// out.
    pub combinations: Vec<(u64, u64)>,
    /// Per node: alters over the union of layers.
    pub alters: Vec<u32>,
    /// Per node: alters tied to the node in at least two layers.
    pub multiplex_alters: Vec<u32>,
}

impl Multiplexity {
    /// Share of tied pairs tied in ≥ 2 layers (NaN when no pair is tied in any layer).
    pub fn share(&self) -> f64 {
        ratio(self.multiplex_pairs, self.tied_pairs)
    }
    /// Per node: share of its alters tied to it in ≥ 2 layers (NaN for a node without alters).
    pub fn ego_share(&self) -> Vec<f64> {
        self.alters
            .iter()
            .zip(&self.multiplex_alters)
            .map(|(&a, &m)| ratio(m as u64, a as u64))
            .collect()
    }
}

/// Most layers [`multiplexity`] takes (one bit of a `u64` each).
pub const MAX_LAYERS: usize = 64;

/// Multiplexity (METRICS.md: share of ties present in ≥ 2 layers), over node pairs in the
/// undirected reading (module docs): the share of pairs tied in any layer that are tied in at
/// least two, the number of pairs in each combination of layers, and per ego the share of its
/// alters (over the union of layers) tied to it in at least two layers.
///
/// # Arguments
/// * `graphs` — 2 to [`MAX_LAYERS`] layers; weights are ignored (a tie is a stored edge).
/// * `nodes` — how to align them by node id ([`align`]).
///
/// # Returns
/// [`Multiplexity`]; nodes without alters are kept (0 alters; NaN share).
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than 2 or more than [`MAX_LAYERS`] layers; those of
/// [`align`].
///
/// # Complexity
/// O(n + L·m) time (L layers, m ties per layer), O(n) extra memory.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids};
/// use wijknet::metrics::association::{multiplexity, NodeSet};
/// let ids = || Ids::Int(vec![0, 1, 2]);
/// let met = Graph::from_edges(ids(), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let help = Graph::from_edges(ids(), &[(1, 0, 1.0)], true).unwrap();
/// let m = multiplexity(&[&met, &help], NodeSet::Intersection).unwrap();
/// assert_eq!((m.tied_pairs, m.multiplex_pairs), (2, 1));
/// assert_eq!(m.combinations, vec![(0b01, 1), (0b11, 1)]);
/// assert_eq!(m.ego_share()[1], 0.5); // node 1: alters 0 (both layers) and 2 (one layer)
/// ```
pub fn multiplexity(graphs: &[&Graph], nodes: NodeSet) -> Result<Multiplexity> {
    if graphs.len() < 2 || graphs.len() > MAX_LAYERS {
        return Err(Error::arg(
            "graphs",
            format!(
                "multiplexity needs 2 to {MAX_LAYERS} layers, got {}; pass a list or dict of \
                 graphs over the same residents",
                graphs.len()
            ),
        ));
    }
    let al = align(graphs, nodes)?;
    let n = al.alignment.node_count();
    let rows: Vec<_> = al.graphs.iter().map(undirected_rows).collect();
    let mut mask = vec![0u64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut combos: BTreeMap<u64, u64> = BTreeMap::new();
    let (mut alters, mut multi) = (vec![0u32; n], vec![0u32; n]);
    for i in 0..n {
        for (l, r) in rows.iter().enumerate() {
            for &j in r.row(i) {
                if mask[j as usize] == 0 {
                    touched.push(j);
                }
                mask[j as usize] |= 1 << l;
            }
        }
        alters[i] = touched.len() as u32;
        for &j in &touched {
            let m = mask[j as usize];
            if m.count_ones() >= 2 {
                multi[i] += 1;
            }
            if j as usize > i {
                *combos.entry(m).or_insert(0) += 1;
            }
            mask[j as usize] = 0;
        }
        touched.clear();
    }
    let tied_pairs = combos.values().sum();
    let multiplex_pairs = combos
        .iter()
        .filter(|(m, _)| m.count_ones() >= 2)
        .map(|(_, c)| c)
        .sum();
    Ok(Multiplexity {
        alignment: al.alignment,
        tied_pairs,
        multiplex_pairs,
        combinations: combos.into_iter().collect(),
        alters,
        multiplex_alters: multi,
    })
}
