//! Hostile sizes in the Rust core: a path graph of 10 million nodes (as deep as a graph on that
//! many nodes can be; see [`nodes`] for the unoptimised build) runs through every function that walks the graph, on a thread whose
//! stack is 64 KiB. A function that recursed once per level of depth would need hundreds of
//! megabytes of stack here and overflow at once; that the test finishes is the proof that the
//! walks use explicit stacks and queues. Without the `parallel` feature (CI runs that build
//! too) every kernel runs on that small thread; with it, kernels run in the thread pool, whose
//! 2 MiB stacks are equally far from the depth of the path.
//!
//! Each function's answer on the path is known in closed form, so the test checks results too.
//! Exact all-pairs measures (closeness, harmonic, diameter, exact average path length) are
//! quadratic by definition and run on the path with sampled sources (`k`) instead.
use wijknet::analysis::twomode;
use wijknet::ids::Ids;
use wijknet::metrics::centrality::{
    betweenness_centrality, betweenness_centrality_from_sources, BetweennessOptions,
};
use wijknet::metrics::cohesion::{
    articulation_points, articulation_points_in_order, average_shortest_path_length, bridges,
    core_number, global_efficiency, k_core, reach, Distance,
};
use wijknet::metrics::community::{leiden, louvain, modularity};
use wijknet::metrics::{connected_components, degree, isolates, number_connected_components};
use wijknet::{Context, Duplicates, Graph, Network, Projection, RegisterBuilder, Unit, Weight};

/// Nodes of the path graph: ten million in an optimised build (`cargo test --release --test
/// hostile`: under two minutes on one thread), 200 000 in the unoptimised build of a plain
/// `cargo test` (still a hundred times deeper than a 64 KiB stack could follow by recursion,
/// in seconds rather than an hour); `WIJKNET_PATH_NODES` sets it. The Python tests walk the ten-million-node path
/// with the optimised extension too (tests/test_hostile.py).
fn nodes() -> usize {
    std::env::var("WIJKNET_PATH_NODES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) {
            200_000
        } else {
            10_000_000
        })
}

/// Prints how long each stage took (seen with `cargo test -- --nocapture`).
struct Stages(std::time::Instant);
impl Stages {
    fn done(&mut self, what: &str) {
        eprintln!("{what}: {:.2} s", self.0.elapsed().as_secs_f64());
        self.0 = std::time::Instant::now();
    }
}
/// The stack of the thread the walks run on.
const STACK: usize = 64 * 1024;

/// Runs `f` on a fresh thread with a [`STACK`]-byte stack and returns its result (a stack
/// overflow aborts the whole test process, so it cannot pass unnoticed).
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .name("small-stack".into())
        .stack_size(STACK)
        .spawn(f)
        .expect("spawning the small-stack thread")
        .join()
        .expect("the small-stack thread panicked")
}

/// 0 – 1 – 2 – … – (n − 1), weight 1 on every tie.
fn path(n: usize) -> Graph {
    let edges: Vec<(u32, u32, f64)> = (1..n as u32).map(|i| (i - 1, i, 1.0)).collect();
    Graph::from_edges(Ids::Int((0..n as i64).collect()), &edges, false).unwrap()
}

#[test]
fn ten_million_node_path_walks_without_recursion() {
    on_small_stack(|| {
        #[allow(non_snake_case)]
        let N = nodes();
        let mut t = Stages(std::time::Instant::now());
        let ctx = Context::new().with_threads(1).with_seed(1);
        let g = path(N);
        let n = N as u32;
        t.done("build");

        // components: one, no isolates
        let comp = connected_components(&g);
        assert!(comp.iter().all(|&c| c == 0));
        assert_eq!(number_connected_components(&g), 1);
        assert!(isolates(&g).is_empty());
        let deg = degree(&g);
        assert_eq!((deg[0], deg[1], deg[N - 1]), (1, 2, 1));

        t.done("components");
        // depth-first searches: every inner node cuts the path, every tie is a bridge
        let ap = articulation_points(&g).unwrap();
        assert_eq!(ap.len(), N - 2);
        assert_eq!((ap[0], ap[N - 3]), (1, n - 2));
        let br = bridges(&g).unwrap();
        assert_eq!(br.len(), N - 1);
        let csr = g.out_csr();
        let indptr: Vec<usize> = (0..=N)
            .map(|i| {
                if i == 0 {
                    0
                } else {
                    2 * i - 1 - usize::from(i == N)
                }
            })
            .collect();
        assert_eq!(*indptr.last().unwrap(), csr.nnz());
        let indices: Vec<u32> = (0..N).flat_map(|i| csr.row(i).to_vec()).collect();
        let ap_ordered = articulation_points_in_order(&indptr, &indices).unwrap();
        assert_eq!(ap_ordered.len(), N - 2);
        drop((indptr, indices, ap, ap_ordered, br));

        t.done("dfs");
        // cores: the path is its own 1-core
        let core = core_number(&g).unwrap();
        assert!(core.iter().all(|&c| c == 1));
        let (main, kept) = k_core(&g, None).unwrap();
        assert_eq!((main.node_count(), kept.len()), (N, N));
        drop((core, main, kept));

        t.done("cores");
        // breadth-first searches from a few sources, each reaching all 10M nodes
        let r = reach(&g, 2, &ctx).unwrap();
        assert_eq!((r[0][0], r[1][0], r[1][N / 2]), (1, 2, 4));
        drop(r);
        let apl = average_shortest_path_length(&g, Distance::Hops, Some(2), &ctx).unwrap();
        assert_eq!(apl.len(), 1);
        assert!(apl[0].average > 0.0 && apl[0].average < N as f64);
        let (eff, _) = global_efficiency(&g, Distance::Hops, Some(2), &ctx).unwrap();
        assert!(eff > 0.0 && eff < 1.0);
        let one_end = betweenness_centrality_from_sources(
            &g,
            &[0],
            &BetweennessOptions {
                normalized: false,
                ..Default::default()
            },
            &ctx,
        )
        .unwrap();
        // from one end, node i lies on the paths to the N − 1 − i nodes beyond it
        assert!(one_end[1] > one_end[N / 2] && one_end[N / 2] > 0.0 && one_end[N - 1] == 0.0);
        let sampled = BetweennessOptions {
            k: Some(2),
            distance: Distance::Inverse,
            ..Default::default()
        };
        let b = betweenness_centrality(&g, &sampled, &ctx).unwrap();
        assert_eq!(b.len(), N);

        t.done("bfs");
        // communities: Louvain and Leiden aggregate level after level
        let lv = louvain(&g, 1.0, false, 1, &ctx).unwrap();
        assert!(modularity(&g, &lv, 1.0, false).unwrap() > 0.9);
        t.done("louvain");
        let ld = leiden(&g, 1.0, false, 1, Some(1), &ctx).unwrap();
        assert!(modularity(&g, &ld, 1.0, false).unwrap() > 0.9);
        t.done("leiden");
    });
}

/// The same depth in two-mode form: resident i takes part in activities i and i + 1, so the
/// residents form a path through the activities. Building the register, its incidence, the
/// projection and the two-mode measures that walk it run on the small stack.
#[test]
fn chain_of_activities_walks_without_recursion() {
    const R: usize = 1_000_000;
    on_small_stack(|| {
        let ctx = Context::new().with_threads(1).with_seed(1);
        let mut b = RegisterBuilder::new();
        for i in 0..R as i64 {
            b.add(i, i).unwrap();
            b.add(i, i + 1).unwrap();
        }
        let net = Network::new(b.build(Duplicates::Count).unwrap());
        let g = net
            .project(&Projection::weight(Weight::Count), &ctx)
            .unwrap();
        assert_eq!(g.edge_count(), R - 1);
        assert_eq!(number_connected_components(&g), 1);
        assert_eq!(bridges(&g).unwrap().len(), R - 1);
        let d = twomode::degree_centrality(&net.incidence(Unit::Activity));
        assert_eq!(d.residents.len(), R);
    });
}
