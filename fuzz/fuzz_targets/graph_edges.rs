//! `Graph::from_edges` on arbitrary edge lists (indices out of range, self-loops, repeated
//! edges, weights that are negative, NaN, infinite or huge enough to overflow when summed),
//! then `with_respondents`, `subgraph` and the graph checks.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wijknet::{Graph, Ids};

#[derive(Arbitrary, Debug)]
struct Input {
    n: u8,
    string_ids: bool,
    directed: bool,
    edges: Vec<(u8, u8, Weight)>,
    respondents: Option<Vec<u8>>,
    keep: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
enum Weight {
    One,
    Small(u8),
    Any(f64),
}

fuzz_target!(|input: Input| {
    let n = usize::from(input.n);
    let ids = if input.string_ids {
        Ids::Str((0..n).map(|i| format!("p{i}")).collect())
    } else {
        Ids::Int((0..n as i64).collect())
    };
    let edges: Vec<(u32, u32, f64)> = input
        .edges
        .iter()
        .map(|(s, t, w)| {
            let w = match *w {
                Weight::One => 1.0,
                Weight::Small(k) => f64::from(k) / 4.0,
                Weight::Any(x) => x,
            };
            (u32::from(*s), u32::from(*t), w)
        })
        .collect();
    let Ok(g) = Graph::from_edges(ids, &edges, input.directed) else {
        return;
    };
    assert_eq!(g.node_count(), n);
    assert!(g.edge_count() <= edges.len());
    wijknet_fuzz::check_graph(&g);
    let mut keep: Vec<u32> = input.keep.iter().map(|&k| u32::from(k)).collect();
    keep.sort_unstable();
    keep.dedup();
    if let Ok(sub) = g.subgraph(&keep) {
        wijknet_fuzz::check_graph(&sub);
    }
    let g = match input.respondents {
        Some(r) => {
            let mut bits = fixedbitset::FixedBitSet::with_capacity(r.len());
            bits.extend(r.iter().map(|&i| usize::from(i) % r.len().max(1)));
            match g.with_respondents(Some(bits)) {
                Ok(g) => g,
                Err(_) => return,
            }
        }
        None => g,
    };
    wijknet_fuzz::assert_round_trip(&g);
});
