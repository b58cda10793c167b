//! Communities: Louvain finds planted groups, modularity, NMI/ARI, Barber's bipartite modularity.
use wijknet::metrics::community::{
    bipartite_modularity, louvain, louvain_levels, modularity, partition_similarity, relabel,
};
use wijknet::{ids::Ids, Context, Graph};

/// Two 5-cliques joined by one edge (0-4 and 5-9; bridge 4-5), plus a 3-path 10-11-12.
fn planted() -> Graph {
    let mut e = Vec::new();
    for base in [0u32, 5] {
        for a in 0..5 {
            for b in a + 1..5 {
                e.push((base + a, base + b, 1.0));
            }
        }
    }
    e.push((4, 5, 1.0));
    e.push((10, 11, 1.0));
    e.push((11, 12, 1.0));
    Graph::from_edges(Ids::Int((0..13).collect()), &e, false).unwrap()
}

#[test]
fn louvain_recovers_planted_cliques_and_is_seeded() {
    let g = planted();
    let labels = louvain(&g, 1.0, true, 1, &Context::new()).unwrap();
    assert_eq!(&labels[..5], &[labels[0]; 5]);
    assert_eq!(&labels[5..10], &[labels[5]; 5]);
    assert_ne!(labels[0], labels[5]);
    assert_eq!(labels[10], labels[12]);
    assert_eq!(labels, louvain(&g, 1.0, true, 1, &Context::new()).unwrap());
    // modularity of the planted partition by hand: m = 23 edges
    let q = modularity(&g, &labels, 1.0, true).unwrap();
    let m: f64 = 23.0;
    let (w1, s1): (f64, f64) = (10.0, 21.0); // clique with the bridge end: 10 edges, strength 4*5 + 1
    let (w3, s3): (f64, f64) = (2.0, 4.0);
    let expect = 2.0 * (w1 / m - (s1 / (2.0 * m)).powi(2)) + (w3 / m - (s3 / (2.0 * m)).powi(2));
    assert!((q - expect).abs() < 1e-12, "{q} vs {expect}");
}

#[test]
fn louvain_levels_end_with_louvain_and_coarsen() {
    let ctx = Context::new();
    // a ring of 8 five-cliques: the first level finds pieces, later levels merge them
    let mut e = Vec::new();
    for c in 0u32..8 {
        for a in 0..5 {
            for b in a + 1..5 {
                e.push((5 * c + a, 5 * c + b, 1.0));
            }
        }
        e.push((5 * c + 4, (5 * c + 5) % 40, 1.0));
    }
    let g = Graph::from_edges(Ids::Int((0..40).collect()), &e, false).unwrap();
    for seed in 0..5 {
        let levels = louvain_levels(&g, 1.0, true, seed, &ctx).unwrap();
        assert!(!levels.is_empty());
        assert_eq!(
            levels.last().unwrap(),
            &louvain(&g, 1.0, true, seed, &ctx).unwrap()
        );
        let mut q_before =
            modularity(&g, &relabel(&(0..40).collect::<Vec<u32>>()), 1.0, true).unwrap();
        for pair in levels.windows(2) {
            // each level merges communities of the one before: a coarser partition
            for i in 0..40 {
                for j in 0..40 {
                    if pair[0][i] == pair[0][j] {
                        assert_eq!(pair[1][i], pair[1][j]);
                    }
                }
            }
        }
        for level in &levels {
            let q = modularity(&g, level, 1.0, true).unwrap();
            assert!(q > q_before, "seed {seed}: {q} after {q_before}");
            q_before = q;
        }
    }
    // no ties: no level
    let empty = Graph::from_edges(Ids::Int((0..4).collect()), &[], false).unwrap();
    assert!(louvain_levels(&empty, 1.0, true, 1, &ctx)
        .unwrap()
        .is_empty());
    assert_eq!(
        louvain(&empty, 1.0, true, 1, &ctx).unwrap(),
        vec![0, 1, 2, 3]
    );
}

#[test]
fn similarity_of_partitions() {
    let a = [0, 0, 1, 1, 2, 2];
    assert_eq!(
        partition_similarity(&a, &[5, 5, 3, 3, 9, 9]).unwrap(),
        (1.0, 1.0)
    );
    let (nmi, ari) = partition_similarity(&a, &[0, 1, 0, 1, 0, 1]).unwrap();
    assert!(nmi.abs() < 1e-12 && ari < 0.0, "{nmi} {ari}");
    assert!(partition_similarity(&a, &[0, 1]).is_err());
}

#[test]
fn relabel_orders_by_size() {
    assert_eq!(relabel(&[7, 3, 3, 7, 3, 9]), vec![1, 0, 0, 1, 0, 2]);
}

#[test]
fn barber_modularity_of_a_perfect_split() {
    use wijknet::{Duplicates, Network, RegisterBuilder, Unit};
    let mut b = RegisterBuilder::new();
    for (r, a) in [("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")] {
        b.add(r, a).unwrap();
    }
    let net = Network::new(b.build(Duplicates::Count).unwrap());
    let inc = net.incidence(Unit::Activity);
    // L = 4; inside = 4; expected = (2*2 + 2*2)/4 = 2 → Q = (4 - 2)/4
    assert!((bipartite_modularity(&inc, &[0, 0, 1, 1], &[0, 1]).unwrap() - 0.5).abs() < 1e-15);
}

#[test]
fn leiden_is_the_same_on_any_thread_count_and_finds_planted_cliques() {
    use wijknet::metrics::community::leiden;
    use wijknet::{datasets, Network, Projection};
    let g = planted();
    let labels = leiden(&g, 1.0, true, 1, None, &Context::new()).unwrap();
    assert_eq!(&labels[..5], &[labels[0]; 5]);
    assert_eq!(&labels[5..10], &[labels[5]; 5]);
    assert_ne!(labels[0], labels[5]);
    // refinement and aggregation run in parallel: the labels must not depend on the threads
    let net = Network::new(datasets::badhuis(3000, 4).unwrap());
    let g = net
        .project(&Projection::default(), &Context::new())
        .unwrap();
    let one = leiden(&g, 1.0, true, 9, None, &Context::new().with_threads(1)).unwrap();
    for threads in [2, 3, 8] {
        let many = leiden(
            &g,
            1.0,
            true,
            9,
            None,
            &Context::new().with_threads(threads),
        )
        .unwrap();
        assert_eq!(one, many, "{threads} threads");
    }
    let q_louvain = modularity(
        &g,
        &louvain(&g, 1.0, true, 9, &Context::new()).unwrap(),
        1.0,
        true,
    )
    .unwrap();
    let q_leiden = modularity(&g, &one, 1.0, true).unwrap();
    assert!(q_leiden > q_louvain - 0.002, "{q_leiden} vs {q_louvain}");
    // a set number of runs: one run is a valid partition, more runs never lose modularity
    let q = |runs| {
        let l = leiden(&g, 1.0, true, 9, Some(runs), &Context::new()).unwrap();
        modularity(&g, &l, 1.0, true).unwrap()
    };
    assert!(
        q(1) <= q(3) && q(3) <= q_leiden + 1e-12,
        "{} {} {q_leiden}",
        q(1),
        q(3)
    );
    assert!(leiden(&g, 1.0, true, 9, Some(0), &Context::new()).is_err());
}

/// 250 planted groups of 100 nodes (25,000: enough for local moving in parallel batches): each
/// node tied to 8 random members of its group and 1 random node anywhere, weights 1–3.
fn planted_large() -> Graph {
    let (groups, size) = (250u64, 100u64);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut e = Vec::new();
    for v in 0..groups * size {
        let g = v / size;
        for t in 0..9 {
            let u = if t < 8 {
                g * size + next() % size
            } else {
                next() % (groups * size)
            };
            if u != v {
                e.push((v as u32, u as u32, 1.0 + (next() % 3) as f64));
            }
        }
    }
    let n = (groups * size) as u32;
    Graph::from_edges(Ids::Int((0..n as i64).collect()), &e, false).unwrap()
}

#[test]
fn leiden_is_the_same_on_1_2_and_4_threads_on_a_large_graph() {
    use wijknet::metrics::community::leiden;
    let g = planted_large();
    for runs in [Some(3), None] {
        let one = leiden(&g, 1.0, true, 5, runs, &Context::new().with_threads(1)).unwrap();
        for threads in [2, 4] {
            let many = leiden(
                &g,
                1.0,
                true,
                5,
                runs,
                &Context::new().with_threads(threads),
            )
            .unwrap();
            assert_eq!(one, many, "{threads} threads, {runs:?} runs");
        }
        // the planted groups are found: nearly every group lies in one community
        let whole = (0..250)
            .filter(|g| (g * 100..g * 100 + 100).all(|v| one[v] == one[g * 100]))
            .count();
        assert!(whole >= 240, "{whole} of 250 groups whole");
        let q = modularity(&g, &one, 1.0, true).unwrap();
        let louvain_q = modularity(
            &g,
            &louvain(&g, 1.0, true, 5, &Context::new()).unwrap(),
            1.0,
            true,
        )
        .unwrap();
        assert!(q > louvain_q - 0.002, "{q} vs {louvain_q}");
    }
}

#[test]
fn leiden_and_louvain_count_their_progress_to_the_total() {
    use wijknet::metrics::community::leiden;
    let g = planted_large();
    let ctx = Context::new().with_threads(2);
    let labels = leiden(&g, 1.0, true, 5, None, &ctx).unwrap();
    let (done, total) = ctx.progress().get();
    // at least one full sweep and one refinement of every node
    assert!(
        done == total && total >= 2 * g.node_count() as u64,
        "{done} of {total}"
    );
    // counting does not change the labels
    assert_eq!(
        labels,
        leiden(&g, 1.0, true, 5, None, &Context::new()).unwrap()
    );
    let ctx = Context::new();
    louvain(&g, 1.0, true, 5, &ctx).unwrap();
    let (done, total) = ctx.progress().get();
    assert!(
        done == total && total >= g.node_count() as u64,
        "{done} of {total}"
    );
}
