//! Ego measures: size, Burt's effective size, efficiency, redundancy, constraint and
//! hierarchy, strong ties and support sources.
use super::holes::*;
use super::*;

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
    /// for help"), neighbours in an undirected one; `None` for a person who was not asked
    /// (see [`support_sources`]).
    pub support_sources: Vec<Option<u32>>,
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

pub(super) fn ego_measures_impl(
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
/// On a survey layer with respondents ([`Graph::respondents`]) this is what a person answered,
/// so it is unknown (`None`) for a person who was not asked: "not asked" is never read as
/// "nobody to ask". Everywhere else every node has a value.
///
/// # Complexity
/// O(n).
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::ego::support_sources};
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2]), &[(0, 1, 1.0), (0, 2, 1.0), (1, 0, 1.0)], true).unwrap();
/// assert_eq!(support_sources(&g), vec![Some(2), Some(1), Some(0)]);
/// let mut asked = fixedbitset::FixedBitSet::with_capacity(3);
/// asked.insert_range(0..2); // 0 and 1 answered, 2 was not asked
/// let g = g.with_respondents(Some(asked)).unwrap();
/// assert_eq!(support_sources(&g), vec![Some(2), Some(1), None]);
/// ```
pub fn support_sources(g: &Graph) -> Vec<Option<u32>> {
    let out = g.out_csr();
    (0..g.node_count())
        .map(|i| g.is_respondent(i).then(|| out.row(i).len() as u32))
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
