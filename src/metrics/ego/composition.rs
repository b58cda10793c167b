//! Composition of each ego's alters over a categorical attribute (Blau, IQV, ego E-I).
use super::*;
use ndarray::{Array2, ArrayView1};

/// Composition of each ego's alters over a categorical attribute (see [`composition`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Composition {
    /// n × K: `counts[[i, c]]` alters of node i in category c.
    pub counts: Array2<u32>,
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
/// assert_eq!(c.counts.row(0).to_vec(), [2, 1]);
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
        counts: Array2::zeros((n, k)),
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
        out.counts.row_mut(i).assign(&ArrayView1::from(&counts));
        out.missing.push(missing);
    }
    unasked_nan(g, &mut out.blau);
    unasked_nan(g, &mut out.iqv);
    unasked_nan(g, &mut out.ei_index);
    Ok(out)
}
