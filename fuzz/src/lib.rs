//! Checks shared by the fuzz targets: every value a builder or parser accepts is exercised with
//! the cheap operations of the core (which must not panic) and its invariants are asserted.
use wijknet::{metrics, Context, Graph, Network, Projection, Register, Unit};

/// Pair budget of the projections the targets run (keeps an iteration fast).
pub const PAIR_BUDGET: u64 = 20_000;

/// Saving then reading gives a value that saves to the same bytes again (the payload of saved
/// data: the postcard encoding, which every format version stores after its header).
pub fn assert_round_trip<T>(value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let bytes = postcard::to_allocvec(value).expect("a value serializes");
    let back: T = postcard::from_bytes(&bytes).expect("bytes just written read back");
    let again = postcard::to_allocvec(&back).expect("a value serializes");
    assert_eq!(bytes, again, "round trip changed the bytes");
}

/// `payload` framed as format version 2 (magic, version; no checksum, so that the fuzzer's
/// changes reach the decoder and the checks of what it decodes), which every reader reads.
pub fn framed(payload: &[u8]) -> Vec<u8> {
    let mut b = b"WJKN\x02\x00".to_vec();
    b.extend_from_slice(payload);
    b
}

/// Register invariants: rows grouped by resident, sorted by session within a resident, and
/// every code in range.
pub fn check_register(reg: &Register) {
    let ptr = reg.row_ptr();
    assert_eq!(ptr.len(), reg.n_residents() + 1);
    assert_eq!(ptr[0], 0);
    assert_eq!(*ptr.last().unwrap(), reg.n_rows());
    assert!(ptr.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(reg.row_role().len(), reg.n_rows());
    assert_eq!(reg.row_count().len(), reg.n_rows());
    for r in 0..reg.n_residents() as u32 {
        let s = &reg.row_session()[reg.rows_of(r)];
        assert!(s.windows(2).all(|w| w[0] < w[1]), "sessions ascending");
    }
    assert!(reg
        .row_session()
        .iter()
        .all(|&s| (s as usize) < reg.n_sessions()));
    assert!(reg
        .session_activity()
        .iter()
        .all(|&a| (a as usize) < reg.n_activities()));
    if let Some(d) = reg.session_date() {
        assert_eq!(d.len(), reg.n_sessions());
    }
}

/// Graph invariants: degrees sum to twice the edges (undirected) or to the edges (out,
/// directed); sorted neighbour lists; in-adjacency is the transpose; `edges()` rebuilds the
/// same graph.
pub fn check_graph(g: &Graph) {
    let n = g.node_count();
    assert_eq!(g.nodes().ids.len(), n);
    let out = g.out_csr();
    for i in 0..n {
        let row = out.row(i);
        assert!(row.windows(2).all(|w| w[0] < w[1]), "neighbours ascending");
        assert!(row.iter().all(|&j| (j as usize) < n && j as usize != i));
        assert!(out
            .row_weights(i)
            .iter()
            .all(|w| w.is_finite() && *w >= 0.0));
    }
    let deg: u64 = metrics::degree(g).iter().sum();
    assert_eq!(deg, 2 * g.edge_count() as u64);
    let (s, t, w) = g.edges();
    assert_eq!(s.len(), g.edge_count());
    let edges: Vec<(u32, u32, f64)> = s
        .iter()
        .zip(&t)
        .zip(&w)
        .map(|((&a, &b), &w)| (a, b, w))
        .collect();
    let again = Graph::from_edges(g.nodes().ids.clone(), &edges, g.is_directed())
        .expect("a graph's own edges build a graph");
    // the same structure; the same weights too where each is stored once (an undirected
    // graph read from bytes may hold the two copies of a weight with different last bits)
    assert_eq!(again.out_csr().indptr, g.out_csr().indptr);
    assert_eq!(again.out_csr().indices, g.out_csr().indices);
    if g.is_directed() {
        assert_eq!(again.out_csr(), g.out_csr());
        assert_eq!(again.in_csr(), g.in_csr());
    }
    for (&a, &b) in s.iter().zip(&t).take(16) {
        assert!(g.weight(a as usize, b as usize).is_some());
    }
    let comps = metrics::connected_components(g);
    assert_eq!(comps.len(), n);
    let _ = metrics::number_connected_components(g);
    let _ = metrics::strength(g);
    let _ = metrics::density(g);
    let ctx = Context::new().with_threads(1);
    if g.edge_count() <= 2_000 {
        let _ = metrics::clustering::triangles(g, &ctx);
    }
    let keep: Vec<u32> = (0..n as u32).step_by(2).collect();
    let sub = g.subgraph(&keep).expect("even nodes are a valid selection");
    assert_eq!(sub.node_count(), keep.len());
}

/// A network view: summary counts agree with the register, rows and projections run, and
/// every projection is a valid graph.
pub fn check_network(net: &Network) {
    check_register(net.register());
    let s = net.summary();
    assert!(s.attendances <= net.register().n_rows());
    assert_eq!(s.roles.iter().sum::<usize>(), s.attendances);
    let (res, _, _, _) = net.rows();
    assert_eq!(res.len(), s.attendances);
    let ctx = Context::new().with_threads(1);
    for unit in [Unit::Activity, Unit::Session] {
        let spec = Projection {
            pair_budget: Some(PAIR_BUDGET),
            ..Projection::default().with_unit(unit)
        };
        if let Ok(g) = net.project(&spec, &ctx) {
            assert_eq!(g.node_count(), s.residents);
            check_graph(&g);
            if g.node_count() >= 2 {
                let _ = g.provenance(0, 1);
            }
        }
    }
    for name in net.layer_names() {
        let waves = net
            .ties()
            .get(&name)
            .and_then(|l| l.waves.clone())
            .map(|w| (0..w.len()).map(|i| Some(w.get(i))).collect::<Vec<_>>())
            .unwrap_or_else(|| vec![None]);
        for wave in waves.iter().take(4) {
            if let Ok(g) = net.layer_with(&name, wave.as_ref(), &ctx) {
                check_graph(&g);
            }
        }
    }
}

/// A network read from bytes: the network checks.
pub fn check_loaded_network(net: Network) {
    check_network(&net);
}

/// A graph read from bytes: the graph checks, and its projection origin if it has one.
pub fn check_loaded_graph(g: Graph) {
    check_graph(&g);
    if let Some(src) = g.source() {
        check_network(&src.network);
    }
    for i in 0..g.node_count().min(8) {
        let _ = g.is_respondent(i);
        if i + 1 < g.node_count() {
            let _ = g.provenance(i, i + 1);
        }
    }
}

/// A register read from bytes: the network checks on the whole register.
pub fn check_loaded_register(reg: Register) {
    check_network(&Network::new(reg));
}
