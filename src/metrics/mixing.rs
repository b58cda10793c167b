//! Mixing across groups: the attribute mixing matrix, the E-I index (Krackhardt & Stern 1988)
//! at network, group and node level with its expected value under random mixing, nominal and
//! numeric assortativity (Newman 2003), Coleman's homophily index per group, and the share of
//! each node's ties that cross groups. Definitions: docs/metrics.md, "Groups, mixing, activities".
//!
//! # Counting ties
//! The mixing matrix counts *tie ends* as networkx's `attribute_mixing_matrix`: every directed
//! tie u → v once in cell (group of u, group of v); every undirected tie in both directions,
//! so the matrix of an undirected graph is symmetric and a tie within a group counts twice on
//! the diagonal. With `weighted` each tie counts its weight instead of 1. Normalised (divided
//! by its total) it is networkx's matrix exactly.
//!
//! Group-level measures read the matrix's rows: the tie ends of a group's members. For an
//! undirected graph a member's tie to another member counts for both (each has the tie), so
//! the group's figures are the sums of its members' figures. The network E-I index counts
//! each tie once (the ratio is the same either way).
//!
//! Node-level measures ([`node_mixing`]) look at each node's alters in either direction (the
//! undirected view, as [`ego::ei_index`](crate::metrics::ego::Composition::ei_index)); with
//! `weighted` an alter counts the mutual weight w_ij + w_ji.
//!
//! # Missing values
//! A category code −1 (or a NaN value for numeric assortativity) means missing. Ties with a
//! missing end are left out of every matrix and index and *counted* (`missing`); nodes with a
//! missing value are left out of the group sizes.
//!
//! # Determinism
//! Sums run over fixed chunks of nodes combined in order: bit-identical results for any
//! number of threads.
use crate::attributes::Column;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::metrics::ego::{for_each_alter, per_item};
use crate::metrics::heterogeneity::{check_codes, ei};
use ndarray::Array2;

/// Nodes per chunk of the parallel sums; at least this many, fewer chunks for many categories
/// (each chunk holds a K × K partial matrix). Depends only on n and K, never on threads.
const ROWS: usize = 4096;

fn chunk_rows(n: usize, cells: usize) -> usize {
    let max_chunks = (1usize << 24) / cells.max(1);
    ROWS.max(n.div_ceil(max_chunks.max(1)))
}

// ---------------------------------------------------------------------------------------------
// categories from attribute columns
// ---------------------------------------------------------------------------------------------

/// Category codes (−1 = missing) and labels of an attribute column: a categorical column's own
/// codes and levels; a bool column as "false"/"true"; a numeric column's distinct values in
/// ascending order (each value its own category, as networkx treats numbers).
///
/// # Example
/// ```
/// use wijknet::attributes::Column;
/// use wijknet::metrics::mixing::categories;
/// let (codes, labels) = categories(&Column::Numeric(vec![3.0, 1.0, f64::NAN, 3.0]));
/// assert_eq!(codes, [1, 0, -1, 1]);
/// assert_eq!(labels, ["1", "3"]);
/// ```
pub fn categories(column: &Column) -> (Vec<i32>, Vec<String>) {
    match column {
        Column::Categorical { codes, levels } => (codes.clone(), levels.clone()),
        Column::Bool(v) => (
            v.iter().map(|&b| b as i32).collect(),
            vec!["false".into(), "true".into()],
        ),
        Column::Numeric(v) => {
            let mut distinct: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
            distinct.sort_by(f64::total_cmp);
            distinct.dedup();
            let codes = v
                .iter()
                .map(|x| {
                    if x.is_nan() {
                        -1
                    } else {
                        distinct.partition_point(|d| d < x) as i32
                    }
                })
                .collect();
            (codes, distinct.iter().map(|d| d.to_string()).collect())
        }
    }
}

/// The categories of the node attribute `name` of `g` (see [`categories`]).
///
/// # Errors
/// [`Error::NotFound`] when `g` has no such node attribute.
pub fn node_categories(g: &Graph, name: &str) -> Result<(Vec<i32>, Vec<String>)> {
    let col = g
        .nodes()
        .attributes
        .get(name)
        .ok_or_else(|| no_attribute(g, name))?;
    Ok(categories(col))
}

fn no_attribute(g: &Graph, name: &str) -> Error {
    let have: Vec<&str> = g.nodes().attributes.names().collect();
    Error::arg(
        "attribute",
        format!(
            "the graph has no node attribute {name:?} (it has: {}); add resident attributes \
             to the network before projecting",
            if have.is_empty() {
                "none".to_string()
            } else {
                have.join(", ")
            }
        ),
    )
}

/// Number of nodes per category (missing values left out).
pub fn group_sizes(codes: &[i32], categories: usize) -> Vec<u64> {
    let mut sizes = vec![0u64; categories];
    for &c in codes {
        if c >= 0 && (c as usize) < categories {
            sizes[c as usize] += 1;
        }
    }
    sizes
}

// ---------------------------------------------------------------------------------------------
// the mixing matrix
// ---------------------------------------------------------------------------------------------

/// Tie ends between categories (see [`mixing_matrix`]).
#[derive(Debug, Clone, PartialEq)]
pub struct MixingMatrix {
    /// Whether the graph was directed (each tie once) or not (each tie in both directions).
    pub directed: bool,
    /// K × K: `counts[[a, b]]` = tie ends (or weight) from group a to group b.
    pub counts: Array2<f64>,
    /// Tie ends (or weight) left out because an end's category is missing (same counting).
    pub missing: f64,
}

impl MixingMatrix {
    /// Number of categories K.
    pub fn categories(&self) -> usize {
        self.counts.nrows()
    }
    /// The sum of all cells (row by row).
    pub fn total(&self) -> f64 {
        self.counts.iter().sum()
    }
    /// The matrix divided by its total (networkx's `normalized=True`); NaN when empty.
    pub fn normalized(&self) -> Array2<f64> {
        let t = self.total();
        self.counts.mapv(|c| c / t)
    }
    /// Row sums: the tie ends of each group's members.
    pub fn row_sums(&self) -> Vec<f64> {
        self.counts
            .rows()
            .into_iter()
            .map(|r| r.iter().sum())
            .collect()
    }
    /// Column sums.
    pub fn col_sums(&self) -> Vec<f64> {
        self.counts
            .columns()
            .into_iter()
            .map(|c| c.iter().sum())
            .collect()
    }
    /// The sum of the diagonal: tie ends (or weight) within groups.
    pub fn within(&self) -> f64 {
        self.counts.diag().iter().sum()
    }
}

/// The attribute mixing matrix: tie ends from each group to each group, counted as networkx's
/// `attribute_mixing_matrix` (undirected ties in both directions; see the module docs).
///
/// # Arguments
/// * `codes` — one category code per node in `0..categories`, −1 for missing.
/// * `weighted` — sum tie weights instead of counting ties.
///
/// # Errors
/// [`Error::InvalidArgument`] for bad codes; [`Error::Cancelled`].
///
/// # Complexity
/// O(n + m + K²·chunks), chunks ≈ n / 4096.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::mixing::mixing_matrix};
/// use wijknet::ndarray::array;
/// // a path a - b - c with groups 0, 0, 1
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let m = mixing_matrix(&g, &[0, 0, 1], 2, false, &Context::new()).unwrap();
/// assert_eq!(m.counts, array![[2.0, 1.0], [1.0, 0.0]]);
/// assert_eq!(m.normalized(), array![[0.5, 0.25], [0.25, 0.0]]);
/// ```
pub fn mixing_matrix(
    g: &Graph,
    codes: &[i32],
    categories: usize,
    weighted: bool,
    ctx: &Context,
) -> Result<MixingMatrix> {
    let n = g.node_count();
    check_codes(codes, n, categories)?;
    let k = categories;
    let rows = chunk_rows(n, k * k);
    let out = g.out_csr();
    let parts: Vec<(Array2<f64>, f64)> = per_item(
        ctx,
        n.div_ceil(rows),
        || (),
        |c, _| {
            let mut m = Array2::<f64>::zeros((k, k));
            let mut missing = 0.0;
            for u in c * rows..((c + 1) * rows).min(n) {
                let cu = codes[u];
                for (&v, &w) in out.row(u).iter().zip(out.row_weights(u)) {
                    let x = if weighted { w } else { 1.0 };
                    let cv = codes[v as usize];
                    if cu < 0 || cv < 0 {
                        missing += x;
                    } else {
                        m[[cu as usize, cv as usize]] += x;
                    }
                }
            }
            (m, missing)
        },
    )?;
    let mut counts = Array2::<f64>::zeros((k, k));
    let mut missing = 0.0;
    for (m, x) in parts {
        counts += &m;
        missing += x;
    }
    Ok(MixingMatrix {
        directed: g.is_directed(),
        counts,
        missing,
    })
}

// ---------------------------------------------------------------------------------------------
// assortativity
// ---------------------------------------------------------------------------------------------

/// Newman's (2003) assortativity coefficient of a categorical attribute from its mixing
/// matrix: r = (Σ_g e_gg − Σ_g a_g b_g) / (1 − Σ_g a_g b_g) with e the normalised matrix, a
/// its row sums and b its column sums (networkx `attribute_assortativity_coefficient`). NaN
/// for an empty matrix or when every tie end lies in one group.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::mixing::{attribute_assortativity, mixing_matrix};
/// // two triangles joined by one tie, one group each
/// let e = [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)];
/// let g = Graph::from_edges(Ids::Int((0..6).collect()), &e, false).unwrap();
/// let m = mixing_matrix(&g, &[0, 0, 0, 1, 1, 1], 2, false, &Context::new()).unwrap();
/// assert!((attribute_assortativity(&m) - 5.0 / 7.0).abs() < 1e-15);
/// ```
pub fn attribute_assortativity(m: &MixingMatrix) -> f64 {
    let t = m.total();
    let (a, b) = (m.row_sums(), m.col_sums());
    let trace = m.within() / t;
    let s: f64 = a.iter().zip(&b).map(|(x, y)| (x / t) * (y / t)).sum();
    let r = (trace - s) / (1.0 - s);
    if r.is_finite() {
        r
    } else {
        f64::NAN
    }
}

/// Result of [`numeric_assortativity`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumericAssortativity {
    /// Pearson's correlation between the values at the two ends of the ties; NaN when either
    /// end's values do not vary or no tie has two known ends.
    pub r: f64,
    /// Tie ends (or weight) left out because an end's value is missing.
    pub missing: f64,
}

/// Newman's (2003) assortativity coefficient of a numeric attribute: Pearson's correlation
/// between the values at the two ends of every tie (undirected ties counted in both
/// directions; directed ties source → target), = networkx
/// `numeric_assortativity_coefficient`. With `weighted` each tie end counts its weight.
/// Computed in two passes (means, then centred sums), so it does not suffer the cancellation
/// of the one-pass formula.
///
/// # Arguments
/// * `values` — one value per node; NaN is missing (such ties are left out and counted).
///
/// # Errors
/// [`Error::InvalidArgument`] if `values` has the wrong length or an infinite value;
/// [`Error::Cancelled`].
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::mixing::numeric_assortativity};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]), &[(0, 1, 1.0), (2, 3, 1.0)], false).unwrap();
/// let a = numeric_assortativity(&g, &[1.0, 1.5, 5.0, 5.5], false, &Context::new()).unwrap();
/// assert!(a.r > 0.9);
/// ```
pub fn numeric_assortativity(
    g: &Graph,
    values: &[f64],
    weighted: bool,
    ctx: &Context,
) -> Result<NumericAssortativity> {
    let n = g.node_count();
    if values.len() != n {
        return Err(Error::arg(
            "values",
            format!("has {} values for {n} nodes", values.len()),
        ));
    }
    if let Some(i) = values.iter().position(|x| x.is_infinite()) {
        return Err(Error::arg(
            "values",
            format!("node {i} has an infinite value; give finite numbers (NaN = missing)"),
        ));
    }
    let out = g.out_csr();
    let chunks = n.div_ceil(ROWS);
    // pass 1: Σw, Σw·x_u, Σw·x_v, missing; pass 2 (with the means): centred sums
    let each = |c: usize, f: &mut dyn FnMut(f64, f64, f64), missing: &mut f64| {
        for u in c * ROWS..((c + 1) * ROWS).min(n) {
            let xu = values[u];
            for (&v, &w) in out.row(u).iter().zip(out.row_weights(u)) {
                let x = if weighted { w } else { 1.0 };
                let xv = values[v as usize];
                if xu.is_nan() || xv.is_nan() {
                    *missing += x;
                } else {
                    f(x, xu, xv);
                }
            }
        }
    };
    let first: Vec<[f64; 4]> = per_item(
        ctx,
        chunks,
        || (),
        |c, _| {
            let (mut s, mut missing) = ([0.0f64; 3], 0.0);
            each(
                c,
                &mut |w, xu, xv| {
                    s[0] += w;
                    s[1] += w * xu;
                    s[2] += w * xv;
                },
                &mut missing,
            );
            [s[0], s[1], s[2], missing]
        },
    )?;
    let mut t = [0.0f64; 4];
    for p in &first {
        for (a, b) in t.iter_mut().zip(p) {
            *a += b;
        }
    }
    let (total, missing) = (t[0], t[3]);
    if total <= 0.0 {
        return Ok(NumericAssortativity {
            r: f64::NAN,
            missing,
        });
    }
    let (mu, mv) = (t[1] / total, t[2] / total);
    let second: Vec<[f64; 3]> = per_item(
        ctx,
        chunks,
        || (),
        |c, _| {
            let mut s = [0.0f64; 3];
            let mut unused = 0.0;
            each(
                c,
                &mut |w, xu, xv| {
                    let (du, dv) = (xu - mu, xv - mv);
                    s[0] += w * du * dv;
                    s[1] += w * du * du;
                    s[2] += w * dv * dv;
                },
                &mut unused,
            );
            s
        },
    )?;
    let mut s = [0.0f64; 3];
    for p in &second {
        for (a, b) in s.iter_mut().zip(p) {
            *a += b;
        }
    }
    let r = s[0] / (s[1] * s[2]).sqrt();
    Ok(NumericAssortativity {
        r: if r.is_finite() { r } else { f64::NAN },
        missing,
    })
}

// ---------------------------------------------------------------------------------------------
// E-I index and Coleman's homophily
// ---------------------------------------------------------------------------------------------

/// One E-I index with the counts behind it and its expected value (see [`ei_index_network`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EiIndex {
    /// External ties (or tie ends, or weight): between different groups.
    pub external: f64,
    /// Internal ties (or tie ends, or weight): within one group.
    pub internal: f64,
    /// (E − I)/(E + I); NaN without ties.
    pub ei_index: f64,
    /// The expected value under random mixing given the group sizes (see
    /// [`ei_index_network`]); NaN when it is undefined (fewer than two known nodes).
    pub expected: f64,
}

/// The network E-I index (Krackhardt & Stern 1988): E ties between groups, I within; each
/// undirected tie counted once (the matrix's halves), each directed tie once.
///
/// The expected value is the E-I index the same ties would have if they fell on pairs of
/// nodes at random regardless of group, given the group sizes n_g (N = Σ n_g):
/// 1 − 2·Σ_g n_g(n_g − 1) / (N(N − 1)), the share of possible pairs that are internal turned
/// into an E-I index. It is exactly the mean of the E-I index over random permutations of the
/// attribute over the nodes (the permutation test of Krackhardt & Stern and of UCINET's E-I
/// procedure), since E and I are linear in the pair counts.
///
/// # Arguments
/// * `sizes` — nodes per category with a known value ([`group_sizes`]).
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::mixing::{ei_index_network, group_sizes, mixing_matrix};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let codes = [0, 0, 1];
/// let m = mixing_matrix(&g, &codes, 2, false, &Context::new()).unwrap();
/// let e = ei_index_network(&m, &group_sizes(&codes, 2));
/// assert_eq!((e.external, e.internal, e.ei_index), (1.0, 1.0, 0.0));
/// assert!((e.expected - 1.0 / 3.0).abs() < 1e-15); // 2 of the 3 pairs are external
/// ```
pub fn ei_index_network(m: &MixingMatrix, sizes: &[u64]) -> EiIndex {
    let internal = m.within();
    let external = m.total() - internal;
    let scale = if m.directed { 1.0 } else { 0.5 };
    let n: u64 = sizes.iter().sum();
    let pairs_in: u64 = sizes.iter().map(|&s| s * s.saturating_sub(1)).sum();
    let expected = if n >= 2 {
        1.0 - 2.0 * pairs_in as f64 / (n * (n - 1)) as f64
    } else {
        f64::NAN
    };
    EiIndex {
        external: external * scale,
        internal: internal * scale,
        ei_index: ei(external, internal),
        expected,
    }
}

/// The E-I index of each group: E the tie ends of its members that reach another group, I
/// those that reach a member (the matrix's rows: for an undirected graph a tie between two
/// members counts for each of them, so a group's E and I are the sums of its members'). The
/// expected value for group g is the E-I index of a member whose ties went to the other N − 1
/// nodes at random: ((N − n_g) − (n_g − 1)) / (N − 1).
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::mixing::{ei_index_groups, group_sizes, mixing_matrix};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let codes = [0, 0, 1];
/// let m = mixing_matrix(&g, &codes, 2, false, &Context::new()).unwrap();
/// let e = ei_index_groups(&m, &group_sizes(&codes, 2));
/// assert_eq!((e[0].external, e[0].internal), (1.0, 2.0));
/// assert!((e[0].ei_index + 1.0 / 3.0).abs() < 1e-15);
/// assert_eq!(e[1].ei_index, 1.0);
/// assert_eq!(e[1].expected, 1.0); // c's only possible alters are in the other group
/// ```
pub fn ei_index_groups(m: &MixingMatrix, sizes: &[u64]) -> Vec<EiIndex> {
    let rows = m.row_sums();
    let n: u64 = sizes.iter().sum();
    (0..m.categories())
        .map(|g| {
            let internal = m.counts[[g, g]];
            let external = rows[g] - internal;
            EiIndex {
                external,
                internal,
                ei_index: ei(external, internal),
                expected: expected_group(sizes[g], n),
            }
        })
        .collect()
}

fn expected_group(size: u64, n: u64) -> f64 {
    if n >= 2 && size >= 1 {
        ((n - size) as f64 - (size - 1) as f64) / (n - 1) as f64
    } else {
        f64::NAN
    }
}

/// Coleman's (1958) homophily index of each group, as R's netseg `coleman`: with H_g the
/// share of the group's tie ends that reach its own members (the matrix's diagonal over its
/// row) and e_g = (n_g − 1)/(N − 1) the share expected under random choice,
/// (H_g − e_g)/(1 − e_g) when H_g ≥ e_g (0 = random, 1 = only within), else
/// (H_g − e_g)/e_g (−1 = never within). NaN for a group without ties or when e_g is 0 or 1
/// and the index is undefined.
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids};
/// use wijknet::metrics::mixing::{coleman, group_sizes, mixing_matrix};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]), &[(0, 1, 1.0), (2, 3, 1.0)], false).unwrap();
/// let codes = [0, 0, 1, 1];
/// let m = mixing_matrix(&g, &codes, 2, false, &Context::new()).unwrap();
/// assert_eq!(coleman(&m, &group_sizes(&codes, 2)), [1.0, 1.0]);
/// ```
pub fn coleman(m: &MixingMatrix, sizes: &[u64]) -> Vec<f64> {
    let rows = m.row_sums();
    let n: u64 = sizes.iter().sum();
    (0..m.categories())
        .map(|g| {
            if rows[g] <= 0.0 || n < 2 {
                return f64::NAN;
            }
            let h = m.counts[[g, g]] / rows[g];
            let e = sizes[g].saturating_sub(1) as f64 / (n - 1) as f64;
            let r = if h >= e {
                (h - e) / (1.0 - e)
            } else {
                (h - e) / e
            };
            if r.is_finite() {
                r
            } else {
                f64::NAN
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// per node
// ---------------------------------------------------------------------------------------------

/// Each node's ties across and within groups (see [`node_mixing`]).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeMixing {
    /// Alters (or their mutual weight) in another group than the node.
    pub external: Vec<f64>,
    /// Alters (or weight) in the node's own group.
    pub internal: Vec<f64>,
    /// Alters (or weight) whose group is missing; when the node's own group is missing, all
    /// its alters are counted here.
    pub missing: Vec<f64>,
    /// The node's E-I index (E − I)/(E + I); NaN for a node without known alters or with a
    /// missing group.
    pub ei_index: Vec<f64>,
    /// The share of the node's ties that cross groups, E/(E + I); NaN likewise (isolates).
    pub cross_share: Vec<f64>,
    /// The expected E-I index of the node under random mixing (that of its group; see
    /// [`ei_index_groups`]); NaN for a missing group.
    pub expected: Vec<f64>,
}

/// Each node's alters (either direction) within and across groups: the person-level E-I
/// index (Krackhardt & Stern 1988; = [`ego::composition`](crate::metrics::ego::composition)'s
/// E-I index when unweighted) and the share of its ties that cross groups, E/(E + I).
///
/// # Arguments
/// * `codes` — one category code per node, −1 for missing.
/// * `weighted` — count each alter's mutual weight w_ij + w_ji instead of 1 (unweighted, an
///   alter counts once however many ties it has with the node).
///
/// # Errors
/// [`Error::InvalidArgument`] for bad codes; [`Error::Cancelled`].
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use wijknet::{Context, Graph, ids::Ids, metrics::mixing::node_mixing};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (1, 2, 3.0)], false).unwrap();
/// let m = node_mixing(&g, &[0, 0, 1], 2, true, &Context::new()).unwrap();
/// assert_eq!(m.cross_share, [0.0, 0.75, 1.0]);
/// ```
pub fn node_mixing(
    g: &Graph,
    codes: &[i32],
    categories: usize,
    weighted: bool,
    ctx: &Context,
) -> Result<NodeMixing> {
    let n = g.node_count();
    check_codes(codes, n, categories)?;
    let sizes = group_sizes(codes, categories);
    let total: u64 = sizes.iter().sum();
    let rows: Vec<[f64; 3]> = per_item(
        ctx,
        n,
        || (),
        |i, _| {
            let ci = codes[i];
            let mut t = [0.0f64; 3];
            for_each_alter(g, i, weighted, |j, w| {
                let cj = codes[j as usize];
                let slot = if ci < 0 || cj < 0 {
                    2
                } else if cj == ci {
                    1
                } else {
                    0
                };
                // unweighted: each alter once, even when tied in both directions
                t[slot] += if weighted { w } else { 1.0 };
            });
            t
        },
    )?;
    let mut out = NodeMixing {
        external: Vec::with_capacity(n),
        internal: Vec::with_capacity(n),
        missing: Vec::with_capacity(n),
        ei_index: Vec::with_capacity(n),
        cross_share: Vec::with_capacity(n),
        expected: Vec::with_capacity(n),
    };
    for (i, [e, inside, miss]) in rows.into_iter().enumerate() {
        out.external.push(e);
        out.internal.push(inside);
        out.missing.push(miss);
        out.ei_index.push(ei(e, inside));
        out.cross_share.push(if e + inside > 0.0 {
            e / (e + inside)
        } else {
            f64::NAN
        });
        out.expected.push(match codes[i] {
            c if c >= 0 => expected_group(sizes[c as usize], total),
            _ => f64::NAN,
        });
    }
    Ok(out)
}
