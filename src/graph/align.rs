//! Graphs aligned by node id: several layers (or graphs from different sources) put on one
//! node set so that they can be compared tie by tie.
//!
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
use crate::error::{Error, Result};
use crate::graph::{Graph, NodeTable};
use crate::ids::{Id, Ids};
use ahash::AHashMap;
use std::sync::Arc;

/// The union of several id lists in order of first appearance (the first list's ids, then
/// the new ids of the second, …), keeping only ids for which `keep` holds, with the position
/// of each id in the union.
pub fn union_of(ids: &[&Ids], keep: impl Fn(&Id) -> bool) -> (Vec<Id>, AHashMap<Id, u32>) {
    let mut union: Vec<Id> = Vec::new();
    let mut index: AHashMap<Id, u32> = AHashMap::new();
    for list in ids {
        for i in 0..list.len() {
            let id = list.get(i);
            if !index.contains_key(&id) && keep(&id) {
                index.insert(id.clone(), union.len() as u32);
                union.push(id);
            }
        }
    }
    (union, index)
}

/// Which nodes aligned layers have (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeSet {
    /// The ids present in every graph (the default).
    #[default]
    Intersection,
    /// The ids present in any graph; a node missing from a graph is an isolate there.
    Union,
}

impl NodeSet {
    /// `"intersection"` or `"union"`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for any other name.
    pub fn from_name(name: &str) -> Result<NodeSet> {
        crate::options::parse(name)
    }
}

crate::option_names!(NodeSet, "nodes", {
    "intersection" => NodeSet::Intersection,
    "union" => NodeSet::Union,
});

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
/// use wijknet::graph::align::{align, NodeSet};
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
            let ids: Vec<&Ids> = graphs.iter().map(|g| &g.nodes().ids).collect();
            aligned = union_of(&ids, |id| !unasked.contains(id)).0;
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
    let ids = Ids::from_id_vec(aligned.clone());
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
            g.out_csr().remap(&old_of, &new_of),
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
