//! [`Graph`]: the one-mode graph type of wijknet (projections and tie layers).
//!
//! A graph is a shared node table (ids + attributes), a directed flag, and out- and in-CSR
//! adjacency with `f64` weights (strengths: bigger = closer). An undirected graph stores every
//! edge in both directions and shares one CSR for out and in. Neighbour lists are sorted.
//!
//! It implements petgraph's visit traits, so petgraph algorithms run on it directly:
//! ```
//! use wijknet::{Graph, ids::Ids};
//! use wijknet::petgraph::{algo::dijkstra, visit::EdgeRef};
//! let ids = Ids::Str(vec!["a".into(), "b".into(), "c".into()]);
//! let g = Graph::from_edges(ids, &[(0, 1, 1.0), (1, 2, 2.0)], false).unwrap();
//! let dist = dijkstra(&g, 0, None, |e| *e.weight());
//! assert_eq!(dist[&2], 3.0);
//! ```
use crate::attributes::Attributes;
use crate::error::{Error, Result};
use crate::ids::Ids;
use fixedbitset::FixedBitSet;
use petgraph::visit;
use std::any::Any;
use std::sync::Arc;

pub mod align;

/// Compressed sparse rows: `indices[indptr[i]..indptr[i+1]]` are the neighbours of `i`
/// (ascending), `weights` aligned with `indices`.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Csr {
    /// Row offsets (len n + 1).
    pub indptr: Vec<usize>,
    /// Column indices, ascending within each row.
    pub indices: Vec<u32>,
    /// Weights aligned with `indices`.
    pub weights: Vec<f64>,
}

impl Csr {
    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }
    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }
    /// Neighbours of row `i`.
    pub fn row(&self, i: usize) -> &[u32] {
        &self.indices[self.indptr[i]..self.indptr[i + 1]]
    }
    /// Weights of row `i`.
    pub fn row_weights(&self, i: usize) -> &[f64] {
        &self.weights[self.indptr[i]..self.indptr[i + 1]]
    }
    /// The rows renumbered: new row `a` is old row `old_of[a]` (empty where `u32::MAX`), with
    /// each column `j` mapped to `new_of[j]` (dropped where `u32::MAX`) and rows sorted again.
    /// Used to align graphs by id and to take subgraphs. O(nnz · log d).
    pub fn remap(&self, old_of: &[u32], new_of: &[u32]) -> Csr {
        let mut indptr = Vec::with_capacity(old_of.len() + 1);
        indptr.push(0usize);
        let mut indices = Vec::new();
        let mut weights = Vec::new();
        let mut row: Vec<(u32, f64)> = Vec::new();
        for &o in old_of {
            if o != u32::MAX {
                row.clear();
                let o = o as usize;
                for (&j, &w) in self.row(o).iter().zip(self.row_weights(o)) {
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

    /// The transpose (used for the in-CSR of directed graphs). O(nnz).
    pub fn transpose(&self) -> Csr {
        let n = self.n_rows();
        let mut indptr = vec![0usize; n + 1];
        for &j in &self.indices {
            indptr[j as usize + 1] += 1;
        }
        for i in 0..n {
            indptr[i + 1] += indptr[i];
        }
        let mut fill = indptr.clone();
        let mut indices = vec![0u32; self.nnz()];
        let mut weights = vec![0f64; self.nnz()];
        for i in 0..n {
            for p in self.indptr[i]..self.indptr[i + 1] {
                let j = self.indices[p] as usize;
                indices[fill[j]] = i as u32;
                weights[fill[j]] = self.weights[p];
                fill[j] += 1;
            }
        }
        Csr {
            indptr,
            indices,
            weights,
        }
    }
}

/// Node ids and attributes shared by graphs over the same residents.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NodeTable {
    /// Node ids as the user gave them.
    pub ids: Ids,
    /// Node attributes aligned with `ids`.
    pub attributes: Attributes,
}

/// Where a graph's ties came from, as far as the graph needs to know: the units (activities
/// or sessions) behind a tie. A projection attaches its own origin (see
/// [`crate::projection::Source`]); the graph itself knows nothing of networks or projections.
pub trait Provenance: std::fmt::Debug + Send + Sync + Any {
    /// The units behind the tie between nodes `a` and `b` (empty when there is none).
    fn units_between(&self, a: usize, b: usize) -> Vec<u32>;
    /// The origin as [`Any`], so its owner can recover the concrete type.
    fn as_any(&self) -> &dyn Any;
}

/// A one-mode graph with weighted CSR adjacency.
#[derive(Debug, Clone)]
pub struct Graph {
    pub(crate) nodes: Arc<NodeTable>,
    pub(crate) directed: bool,
    pub(crate) out: Arc<Csr>,
    pub(crate) inn: Option<Arc<Csr>>,
    pub(crate) origin: Option<Arc<dyn Provenance>>,
    pub(crate) respondents: Option<Arc<FixedBitSet>>,
}

impl Graph {
    /// A graph from parts. For an undirected graph `out` must be symmetric.
    pub fn from_csr(
        nodes: Arc<NodeTable>,
        directed: bool,
        out: Csr,
        origin: Option<Arc<dyn Provenance>>,
    ) -> Graph {
        let out = Arc::new(out);
        let inn = directed.then(|| Arc::new(out.transpose()));
        Graph {
            nodes,
            directed,
            out,
            inn,
            origin,
            respondents: None,
        }
    }

    /// The same graph with the nodes that answered the survey behind it marked (`None`: no
    /// survey, every node counts as observed). Ego and support measures leave the ties of
    /// non-respondents unknown (NaN) instead of treating them as absent.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if the set's length differs from the node count.
    ///
    /// # Example
    /// ```
    /// use wijknet::{Graph, ids::Ids};
    /// use fixedbitset::FixedBitSet;
    /// let g = Graph::from_edges(Ids::Int(vec![1, 2, 3]), &[(0, 1, 1.0)], true).unwrap();
    /// let mut asked = FixedBitSet::with_capacity(3);
    /// asked.insert(0);
    /// let g = g.with_respondents(Some(asked)).unwrap();
    /// assert!(g.is_respondent(0) && !g.is_respondent(2));
    /// ```
    pub fn with_respondents(mut self, respondents: Option<FixedBitSet>) -> Result<Graph> {
        if let Some(r) = &respondents {
            if r.len() != self.node_count() {
                return Err(Error::arg(
                    "respondents",
                    format!(
                        "has {} entries, the graph has {} nodes",
                        r.len(),
                        self.node_count()
                    ),
                ));
            }
        }
        self.respondents = respondents.map(Arc::new);
        Ok(self)
    }

    /// The same graph with another node table (same number of nodes, e.g. with attributes).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if the table's length differs from the node count.
    pub fn with_nodes(mut self, nodes: Arc<NodeTable>) -> Result<Graph> {
        if nodes.ids.len() != self.node_count() {
            return Err(Error::arg(
                "nodes",
                format!(
                    "has {} ids, the graph has {} nodes",
                    nodes.ids.len(),
                    self.node_count()
                ),
            ));
        }
        self.nodes = nodes;
        Ok(self)
    }

    /// The same graph with node attributes joined from a table (`table_ids`: the `on` column;
    /// see [`Attributes::join`]). Nodes absent from the table get missing values.
    ///
    /// # Errors
    /// A table id that is not a node, or is repeated (naming the row); columns of the wrong
    /// length.
    pub fn with_node_attributes(
        self,
        on: &str,
        table_ids: &Ids,
        columns: Vec<(String, crate::attributes::Column)>,
    ) -> Result<Graph> {
        let attributes =
            self.nodes
                .attributes
                .join(&self.nodes.ids, on, table_ids, columns, "node")?;
        let nodes = Arc::new(NodeTable {
            ids: self.nodes.ids.clone(),
            attributes,
        });
        self.with_nodes(nodes)
    }

    /// Who answered the survey behind this graph (`None`: not a survey layer, or unknown).
    pub fn respondents(&self) -> Option<&FixedBitSet> {
        self.respondents.as_deref()
    }

    /// Whether node `i` was observed as a respondent (always true without respondent data).
    pub fn is_respondent(&self, i: usize) -> bool {
        self.respondents.as_ref().is_none_or(|r| r.contains(i))
    }

    /// A graph over `ids` from an edge list of (source, target, weight) node indices.
    /// Undirected edges are stored in both directions; repeated edges add their weights.
    ///
    /// # Errors
    /// An index out of range, a self-loop, or a weight that is negative or not finite (also
    /// the sum of a repeated edge's weights), naming the edge's row.
    pub fn from_edges(ids: Ids, edges: &[(u32, u32, f64)], directed: bool) -> Result<Graph> {
        let n = ids.len();
        for (row, &(s, t, w)) in edges.iter().enumerate() {
            if s as usize >= n || t as usize >= n {
                return Err(Error::value(
                    "source",
                    row,
                    format!("node index out of range (there are {n} nodes)"),
                ));
            }
            if s == t {
                return Err(Error::value(
                    "target",
                    row,
                    "self-loop (source equals target); remove rows where source == target",
                ));
            }
            if !(w.is_finite() && w >= 0.0) {
                return Err(Error::value(
                    "weight",
                    row,
                    format!("weight {w} must be finite and ≥ 0"),
                ));
            }
        }
        // Counting sort by source (each undirected edge in both rows), then each row by
        // target; stable throughout, so repeated edges are summed in input order.
        let mut start = vec![0usize; n + 1];
        for &(s, t, _) in edges {
            start[s as usize + 1] += 1;
            if !directed {
                start[t as usize + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let total = start[n];
        let mut row: Vec<(u32, f64)> = vec![(0, 0.0); total];
        let mut next = start.clone();
        for &(s, t, w) in edges {
            row[next[s as usize]] = (t, w);
            next[s as usize] += 1;
            if !directed {
                row[next[t as usize]] = (s, w);
                next[t as usize] += 1;
            }
        }
        let mut indptr = vec![0usize; n + 1];
        let mut indices = Vec::with_capacity(total);
        let mut weights: Vec<f64> = Vec::with_capacity(total);
        for i in 0..n {
            let entries = &mut row[start[i]..start[i + 1]];
            entries.sort_by_key(|a| a.0);
            let mut last: Option<u32> = None;
            for &(t, w) in entries.iter() {
                if last == Some(t) {
                    let sum = weights.last_mut().unwrap();
                    *sum += w;
                    if !sum.is_finite() {
                        return Err(Error::value(
                            "weight",
                            first_row_of(edges, i as u32, t, directed),
                            format!(
                                "the weights of the repeated edge between nodes {i} and {t} \
                                 add up to more than the largest number ({:e})",
                                f64::MAX
                            ),
                        ));
                    }
                    continue;
                }
                last = Some(t);
                indices.push(t);
                weights.push(w);
            }
            indptr[i + 1] = indices.len();
        }
        let nodes = Arc::new(NodeTable {
            ids,
            attributes: Attributes::default(),
        });
        Ok(Graph::from_csr(
            nodes,
            directed,
            Csr {
                indptr,
                indices,
                weights,
            },
            None,
        ))
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.out.n_rows()
    }
    /// Number of edges (an undirected edge counts once).
    pub fn edge_count(&self) -> usize {
        if self.directed {
            self.out.nnz()
        } else {
            self.out.nnz() / 2
        }
    }
    /// Whether edges are directed.
    pub fn is_directed(&self) -> bool {
        self.directed
    }
    /// The node table.
    pub fn nodes(&self) -> &Arc<NodeTable> {
        &self.nodes
    }
    /// Out-adjacency (for undirected graphs: the adjacency).
    pub fn out_csr(&self) -> &Csr {
        &self.out
    }
    /// In-adjacency (the same as [`Graph::out_csr`] for undirected graphs).
    pub fn in_csr(&self) -> &Csr {
        self.inn.as_deref().unwrap_or(&self.out)
    }
    /// Neighbours (out-neighbours) of `i`, ascending.
    pub fn neighbors_of(&self, i: usize) -> &[u32] {
        self.out.row(i)
    }
    /// Where this graph's ties came from, if known (a projection's origin).
    pub fn origin(&self) -> Option<&Arc<dyn Provenance>> {
        self.origin.as_ref()
    }
    /// Edge list (source, target, weight) with each undirected edge once (source < target),
    /// in CSR order.
    pub fn edges(&self) -> (Vec<u32>, Vec<u32>, Vec<f64>) {
        let n = self.node_count();
        let csr = &*self.out;
        // Where each row's listed edges start (undirected: its neighbours above it), and the
        // offsets of the rows in the output; the three columns are then written in parallel.
        let first: Vec<usize> = crate::parallel::map(n, |i| {
            if self.directed {
                0
            } else {
                csr.row(i).partition_point(|&j| (j as usize) <= i)
            }
        });
        let mut ptr = Vec::with_capacity(n + 1);
        ptr.push(0usize);
        for (i, &f) in first.iter().enumerate() {
            ptr.push(ptr[i] + csr.row(i).len() - f);
        }
        let m = ptr[n];
        let mut s = crate::memory::zeroed::<u32>(m);
        let mut t = crate::memory::zeroed::<u32>(m);
        let mut w = crate::memory::zeroed::<f64>(m);
        fill_edge_column(&mut s, &ptr, &first, csr, |i, _| i as u32);
        fill_edge_column(&mut t, &ptr, &first, csr, |_, p| csr.indices[p]);
        fill_edge_column(&mut w, &ptr, &first, csr, |_, p| csr.weights[p]);
        (s, t, w)
    }
    /// The weight of edge (a, b), if present.
    pub fn weight(&self, a: usize, b: usize) -> Option<f64> {
        let row = self.out.row(a);
        row.binary_search(&(b as u32))
            .ok()
            .map(|p| self.out.row_weights(a)[p])
    }

    /// The subgraph induced by the nodes `keep` (node indices, ascending, no repeats): their ids
    /// and attributes in that order, and every edge between two kept nodes with its weight. The
    /// result is a new graph (no projection provenance).
    ///
    /// # Complexity
    /// O(n + Σ degree of kept nodes).
    ///
    /// # Example
    /// ```
    /// use wijknet::{Graph, ids::Ids};
    /// let g = Graph::from_edges(Ids::Int(vec![10, 11, 12]), &[(0, 1, 2.0), (1, 2, 1.0)], false).unwrap();
    /// let h = g.subgraph(&[0, 1]).unwrap();
    /// assert_eq!((h.node_count(), h.edge_count()), (2, 1));
    /// assert_eq!(h.weight(0, 1), Some(2.0));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if `keep` is not strictly ascending or holds an index ≥ n.
    pub fn subgraph(&self, keep: &[u32]) -> Result<Graph> {
        let g = self;
        let n = g.node_count();
        if !(keep.windows(2).all(|w| w[0] < w[1]) && keep.last().is_none_or(|&k| (k as usize) < n))
        {
            return Err(Error::arg(
                "keep",
                format!("must be strictly ascending node indices below {n}"),
            ));
        }
        let mut map = vec![u32::MAX; n];
        for (new, &old) in keep.iter().enumerate() {
            map[old as usize] = new as u32;
        }
        let nodes = Arc::new(NodeTable {
            ids: g.nodes().ids.select(keep),
            attributes: g.nodes().attributes.take(keep),
        });
        let respondents = g.respondents.as_ref().map(|r| {
            let mut bits = FixedBitSet::with_capacity(keep.len());
            bits.extend(
                keep.iter()
                    .enumerate()
                    .filter(|&(_, &old)| r.contains(old as usize))
                    .map(|(new, _)| new),
            );
            bits
        });
        Graph::from_csr(nodes, g.is_directed(), g.out_csr().remap(keep, &map), None)
            .with_respondents(respondents)
    }

    /// The units (activity or session indices of the register) behind the tie between nodes
    /// `a` and `b` of a projection: the units both attended (within the projection's
    /// `max_activity_size`). Empty if the graph is not a projection or there is no shared unit.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] (naming `a` or `b`) when a node index is not below
    /// [`Graph::node_count`].
    pub fn provenance(&self, a: usize, b: usize) -> Result<Vec<u32>> {
        let n = self.node_count();
        for (name, i) in [("a", a), ("b", b)] {
            if i >= n {
                return Err(Error::index(name, i, n, ("node", "nodes"), "graph"));
            }
        }
        Ok(match &self.origin {
            Some(origin) if a != b => origin.units_between(a, b),
            _ => Vec::new(), // not a projection, or no tie with oneself
        })
    }
}

/// Items per parallel task of [`fill_edge_column`].
const EDGE_CHUNK: usize = 1 << 16;

/// One column of [`Graph::edges`]: `out[ptr[i] + q] = get(i, csr.indptr[i] + first[i] + q)`
/// for the listed edges of each row `i`, written in parallel chunks of the output (each finds
/// its first row by binary search in `ptr`).
fn fill_edge_column<T: Send>(
    out: &mut [T],
    ptr: &[usize],
    first: &[usize],
    csr: &Csr,
    get: impl Fn(usize, usize) -> T + Sync + Send,
) {
    crate::parallel::for_each_chunk_mut(out, EDGE_CHUNK, |c, chunk| {
        let start = c * EDGE_CHUNK;
        let mut row = ptr.partition_point(|&x| x <= start) - 1;
        let mut p = 0;
        while p < chunk.len() {
            while ptr[row + 1] <= start + p {
                row += 1; // rows with no listed edges
            }
            let at = start + p;
            let take = (ptr[row + 1] - at).min(chunk.len() - p);
            let base = csr.indptr[row] + first[row] + (at - ptr[row]);
            for (q, slot) in chunk[p..p + take].iter_mut().enumerate() {
                *slot = get(row, base + q);
            }
            p += take;
        }
    });
}

// ---- petgraph visit traits -------------------------------------------------------------

/// An edge of a [`Graph`] as petgraph sees it.
#[derive(Debug, Clone, Copy)]
pub struct EdgeRef<'a> {
    source: usize,
    target: usize,
    id: usize,
    weight: &'a f64,
}

impl visit::EdgeRef for EdgeRef<'_> {
    type NodeId = usize;
    type EdgeId = usize;
    type Weight = f64;
    fn source(&self) -> usize {
        self.source
    }
    fn target(&self) -> usize {
        self.target
    }
    fn weight(&self) -> &f64 {
        self.weight
    }
    fn id(&self) -> usize {
        self.id
    }
}

impl visit::GraphBase for Graph {
    type NodeId = usize;
    type EdgeId = usize;
}
impl visit::GraphProp for Graph {
    // Adjacency is stored in both directions for undirected graphs, so algorithms that walk
    // edges see a symmetric directed graph; `is_directed` reports the truth.
    type EdgeType = petgraph::Directed;
    fn is_directed(&self) -> bool {
        self.directed
    }
}
impl visit::NodeCount for Graph {
    fn node_count(&self) -> usize {
        Graph::node_count(self)
    }
}
impl visit::NodeIndexable for Graph {
    fn node_bound(&self) -> usize {
        Graph::node_count(self)
    }
    fn to_index(&self, a: usize) -> usize {
        a
    }
    fn from_index(&self, i: usize) -> usize {
        i
    }
}
impl visit::NodeCompactIndexable for Graph {}
impl visit::EdgeCount for Graph {
    fn edge_count(&self) -> usize {
        self.out.nnz()
    }
}
impl visit::Visitable for Graph {
    type Map = FixedBitSet;
    fn visit_map(&self) -> FixedBitSet {
        FixedBitSet::with_capacity(Graph::node_count(self))
    }
    fn reset_map(&self, map: &mut FixedBitSet) {
        map.clear();
        map.grow(Graph::node_count(self));
    }
}
impl visit::Data for Graph {
    type NodeWeight = ();
    type EdgeWeight = f64;
}

/// Neighbours of a node (petgraph iterator).
pub struct Neighbors<'a>(std::slice::Iter<'a, u32>);
impl Iterator for Neighbors<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        self.0.next().map(|&j| j as usize)
    }
}
impl<'a> visit::IntoNeighbors for &'a Graph {
    type Neighbors = Neighbors<'a>;
    fn neighbors(self, a: usize) -> Neighbors<'a> {
        Neighbors(self.out.row(a).iter())
    }
}
impl<'a> visit::IntoNeighborsDirected for &'a Graph {
    type NeighborsDirected = Neighbors<'a>;
    fn neighbors_directed(self, a: usize, d: petgraph::Direction) -> Neighbors<'a> {
        match d {
            petgraph::Direction::Outgoing => Neighbors(self.out.row(a).iter()),
            petgraph::Direction::Incoming => Neighbors(self.in_csr().row(a).iter()),
        }
    }
}
impl visit::IntoNodeIdentifiers for &Graph {
    type NodeIdentifiers = std::ops::Range<usize>;
    fn node_identifiers(self) -> std::ops::Range<usize> {
        0..Graph::node_count(self)
    }
}

/// Edges leaving a node (petgraph iterator).
pub struct Edges<'a> {
    g: &'a Graph,
    source: usize,
    pos: usize,
    end: usize,
}
impl<'a> Iterator for Edges<'a> {
    type Item = EdgeRef<'a>;
    fn next(&mut self) -> Option<EdgeRef<'a>> {
        if self.pos >= self.end {
            return None;
        }
        let p = self.pos;
        self.pos += 1;
        Some(EdgeRef {
            source: self.source,
            target: self.g.out.indices[p] as usize,
            id: p,
            weight: &self.g.out.weights[p],
        })
    }
}
impl<'a> visit::IntoEdges for &'a Graph {
    type Edges = Edges<'a>;
    fn edges(self, a: usize) -> Edges<'a> {
        Edges {
            g: self,
            source: a,
            pos: self.out.indptr[a],
            end: self.out.indptr[a + 1],
        }
    }
}

/// All stored edges (petgraph iterator; undirected edges appear in both directions).
pub struct EdgeReferences<'a> {
    g: &'a Graph,
    row: usize,
    pos: usize,
}
impl<'a> Iterator for EdgeReferences<'a> {
    type Item = EdgeRef<'a>;
    fn next(&mut self) -> Option<EdgeRef<'a>> {
        let csr = &self.g.out;
        if self.pos >= csr.nnz() {
            return None;
        }
        while csr.indptr[self.row + 1] <= self.pos {
            self.row += 1;
        }
        let p = self.pos;
        self.pos += 1;
        Some(EdgeRef {
            source: self.row,
            target: csr.indices[p] as usize,
            id: p,
            weight: &csr.weights[p],
        })
    }
}
impl<'a> visit::IntoEdgeReferences for &'a Graph {
    type EdgeRef = EdgeRef<'a>;
    type EdgeReferences = EdgeReferences<'a>;
    fn edge_references(self) -> EdgeReferences<'a> {
        EdgeReferences {
            g: self,
            row: 0,
            pos: 0,
        }
    }
}

/// The first row of `edges` holding the edge between `a` and `b` (either way round when
/// undirected), for error messages.
fn first_row_of(edges: &[(u32, u32, f64)], a: u32, b: u32, directed: bool) -> usize {
    edges
        .iter()
        .position(|&(s, t, _)| (s, t) == (a, b) || (!directed && (t, s) == (a, b)))
        .unwrap_or(0)
}
