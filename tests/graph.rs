//! Graph construction, petgraph interop and the first metrics.
use wijknet::petgraph::algo::{connected_components as pg_components, dijkstra};
use wijknet::{ids::Ids, metrics, Graph};

fn path_and_isolate() -> Graph {
    // a-b-c, d isolated, e-f
    let ids = Ids::Str(
        ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    );
    Graph::from_edges(ids, &[(0, 1, 1.0), (1, 2, 2.0), (4, 5, 0.5)], false).unwrap()
}

#[test]
fn metrics_on_a_small_graph() {
    let g = path_and_isolate();
    assert_eq!(metrics::degree(&g), vec![1, 2, 1, 0, 1, 1]);
    assert_eq!(metrics::strength(&g), vec![1.0, 3.0, 2.0, 0.0, 0.5, 0.5]);
    // an isolate has strength +0.0, not -0.0
    assert!(metrics::strength(&g)[3].is_sign_positive());
    assert_eq!(metrics::connected_components(&g), vec![0, 0, 0, 2, 1, 1]);
    assert_eq!(metrics::number_connected_components(&g), 3);
    assert_eq!(metrics::isolates(&g), vec![3]);
    assert!((metrics::density(&g) - 3.0 / 15.0).abs() < 1e-15);
}

#[test]
fn petgraph_algorithms_run_on_graph() {
    let g = path_and_isolate();
    assert_eq!(pg_components(&g), 3);
    let d = dijkstra(&g, 0, None, |e| {
        *wijknet::petgraph::visit::EdgeRef::weight(&e)
    });
    assert_eq!(d[&2], 3.0);
    assert!(!d.contains_key(&3));
}

#[test]
fn directed_graph_degrees_and_duplicates() {
    let ids = Ids::Int(vec![10, 20, 30]);
    let g = Graph::from_edges(ids, &[(0, 1, 1.0), (0, 1, 2.0), (2, 0, 1.0)], true).unwrap();
    assert_eq!(g.edge_count(), 2);
    assert_eq!(g.weight(0, 1), Some(3.0));
    assert_eq!(g.weight(1, 0), None);
    assert_eq!(metrics::degree(&g), vec![2, 1, 1]);
    assert_eq!(metrics::number_connected_components(&g), 1);
}

#[test]
fn bad_edges_are_errors_naming_the_row() {
    let ids = Ids::Int(vec![1, 2]);
    let e = Graph::from_edges(ids.clone(), &[(0, 1, 1.0), (1, 1, 1.0)], false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 1") && e.contains("self-loop"), "{e}");
    let e = Graph::from_edges(ids, &[(0, 1, -1.0)], false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 0") && e.contains("weight"), "{e}");
}

#[test]
fn subgraph_keeps_ids_weights_and_rejects_bad_indices() {
    let g = Graph::from_edges(
        Ids::Int(vec![10, 11, 12, 13]),
        &[(0, 1, 2.0), (1, 2, 1.0), (2, 3, 5.0), (0, 3, 4.0)],
        false,
    )
    .unwrap();
    let h = g.subgraph(&[0, 2, 3]).unwrap();
    assert_eq!((h.node_count(), h.edge_count()), (3, 2));
    assert_eq!(h.weight(1, 2), Some(5.0));
    assert_eq!(h.weight(0, 2), Some(4.0));
    assert_eq!(h.weight(0, 1), None);
    for bad in [&[1u32, 0][..], &[0, 0], &[4]] {
        let e = g.subgraph(bad).unwrap_err().to_string();
        assert!(e.contains("keep") && e.contains("ascending"), "{e}");
    }
}

mod from_edges_property {
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use wijknet::{ids::Ids, Graph};

    proptest! {
        /// Each row holds its neighbours once, ascending, with repeated edges' weights summed
        /// (an undirected edge in both rows), whatever the order of the input.
        #[test]
        fn rows_sorted_and_repeats_summed(
            n in 1usize..12,
            raw in prop::collection::vec((0u32..12, 0u32..12, 0u8..5), 0..60),
            directed in any::<bool>(),
        ) {
            let edges: Vec<(u32, u32, f64)> = raw
                .into_iter()
                .map(|(s, t, w)| (s % n as u32, t % n as u32, f64::from(w) / 4.0))
                .filter(|&(s, t, _)| s != t)
                .collect();
            let ids = Ids::Int((0..n as i64).collect());
            let g = Graph::from_edges(ids, &edges, directed).unwrap();
            let mut expected: BTreeMap<(u32, u32), f64> = BTreeMap::new();
            for &(s, t, w) in &edges {
                *expected.entry((s, t)).or_default() += w;
                if !directed {
                    *expected.entry((t, s)).or_default() += w;
                }
            }
            let csr = g.out_csr();
            let mut got: BTreeMap<(u32, u32), f64> = BTreeMap::new();
            for i in 0..n {
                let row = &csr.indices[csr.indptr[i]..csr.indptr[i + 1]];
                prop_assert!(row.windows(2).all(|p| p[0] < p[1]));
                for k in csr.indptr[i]..csr.indptr[i + 1] {
                    got.insert((i as u32, csr.indices[k]), csr.weights[k]);
                }
            }
            prop_assert_eq!(got.len(), expected.len());
            for (key, w) in &expected {
                prop_assert!((got[key] - w).abs() < 1e-12);
            }
        }
    }
}
