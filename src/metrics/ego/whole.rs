//! Whole-network measures of a support network: reciprocity, Freeman degree centralisation and
//! the share of residents with nobody to ask.
use super::*;

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

crate::option_names!(Reciprocity, "mode", {
    "default" => Reciprocity::Edges,
    "ratio" => Reciprocity::Ratio,
});

impl Reciprocity {
    /// From Python's `mode=` name ("default" or "ratio").
    pub fn from_name(name: &str) -> Result<Self> {
        crate::options::parse(name)
    }
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

/// Reciprocity of each node of a directed graph: the share of its ties, out and in, that are
/// returned, 2·R(v) / (out(v) + in(v)) with R(v) the nodes that v both names and is named by
/// (networkx `reciprocity(G, nodes)`).
///
/// On a survey layer with respondents ([`Graph::respondents`]) only ties between two
/// respondents count, as in [`reciprocity`], and a node that was not asked gets NaN.
///
/// # Returns
/// One value per node; NaN for a node without ties (networkx: not defined for isolated nodes).
///
/// # Errors
/// [`Error::InvalidArgument`] for an undirected graph.
///
/// # Complexity
/// O(n + m): one merge of each node's sorted out- and in-row.
///
/// # Example
/// ```
/// use wijknet::{Graph, ids::Ids, metrics::ego::node_reciprocity};
/// // 0 ⇄ 1 mutual, 1 → 2 asymmetric; node 3 has no ties
/// let g = Graph::from_edges(Ids::Int(vec![0, 1, 2, 3]), &[(0, 1, 1.0), (1, 0, 1.0), (1, 2, 1.0)], true).unwrap();
/// let r = node_reciprocity(&g).unwrap();
/// assert_eq!(&r[..3], &[1.0, 2.0 / 3.0, 0.0]);
/// assert!(r[3].is_nan());
/// ```
pub fn node_reciprocity(g: &Graph) -> Result<Vec<f64>> {
    directed_only(g, "reciprocity")?;
    let (out, inn) = (g.out_csr(), g.in_csr());
    let counted = |j: u32| g.is_respondent(j as usize);
    Ok((0..g.node_count())
        .map(|i| {
            if !g.is_respondent(i) {
                return f64::NAN;
            }
            let (a, b) = (out.row(i), inn.row(i));
            let ties = a.iter().chain(b).filter(|&&j| counted(j)).count();
            let (mut p, mut q, mut mutual) = (0, 0, 0usize);
            while p < a.len() && q < b.len() {
                match a[p].cmp(&b[q]) {
                    std::cmp::Ordering::Less => p += 1,
                    std::cmp::Ordering::Greater => q += 1,
                    std::cmp::Ordering::Equal => {
                        mutual += counted(a[p]) as usize;
                        p += 1;
                        q += 1;
                    }
                }
            }
            if ties == 0 {
                f64::NAN
            } else {
                2.0 * mutual as f64 / ties as f64
            }
        })
        .collect())
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

crate::option_names!(DegreeMode, "mode", {
    "all" => DegreeMode::All,
    "out" => DegreeMode::Out,
    "in" => DegreeMode::In,
});

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
