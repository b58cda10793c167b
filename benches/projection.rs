//! Criterion benchmarks of the Rust kernels (no Python in the loop).
//!
//! ```text
//! cargo bench --bench projection                 # everything (a few minutes)
//! cargo bench --bench projection -- project/     # only the projection kernel
//! cargo bench --bench projection -- 100000       # only the 100,000-resident cases
//! ```
//!
//! * `badhuis/20000` — generating the synthetic register (`datasets::badhuis`, which ends in
//!   `Register::from_parts`) for 20,000 residents;
//! * `incidence/activity/N` — `Network::incidence(Unit::Activity)` on a fresh network (the
//!   resident × activity CSR in both directions; the register clone is outside the clock);
//! * `project/{count,newman}/{activity,session}/N/{1,2}t` — `Network::project` with the unit's
//!   incidence already cached, on a `Context` with 1 or 2 threads. Throughput is the number
//!   of stored CSR entries (2 × ties) per second.
//!
//! Outputs are dropped outside the clock (`iter_with_large_drop`, `iter_batched`).
//!
//! Before benchmarking, the calibration figures (`datasets::calibration`) of each register
//! are printed, so they can be compared with those `benches/compare.py` computes in pandas.
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::time::Duration;
use wijknet::{datasets, Context, Network, Projection, Register, Unit, Weight};

/// Populations the kernels are measured at.
const SIZES: [usize; 2] = [20_000, 100_000];
/// Population of the smoke test (`cargo test --benches` runs every benchmark once, unoptimised).
const SMOKE_SIZE: usize = 2_000;

/// Whether we run as a benchmark (`cargo bench` passes `--bench`), not as a smoke test.
fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn sizes() -> Vec<usize> {
    if bench_mode() {
        SIZES.to_vec()
    } else {
        vec![SMOKE_SIZE]
    }
}
/// Thread counts (the reference machine has 2 cores).
const THREADS: [usize; 2] = [1, 2];

fn register(n: usize) -> Register {
    datasets::badhuis(n, 0).expect("badhuis register")
}

fn bench_generation(c: &mut Criterion) {
    let mut g = c.benchmark_group("badhuis");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let n = if bench_mode() { 20_000 } else { SMOKE_SIZE };
    let rows = register(n).n_rows() as u64;
    g.throughput(Throughput::Elements(rows));
    g.bench_function(BenchmarkId::from_parameter(n), |b| {
        b.iter_with_large_drop(|| register(black_box(n)))
    });
    g.finish();
}

fn bench_incidence(c: &mut Criterion) {
    let mut g = c.benchmark_group("incidence");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in sizes() {
        let reg = register(n);
        g.throughput(Throughput::Elements(reg.n_rows() as u64));
        g.bench_with_input(BenchmarkId::new("activity", n), &reg, |b, reg| {
            b.iter_batched(
                || Network::new(reg.clone()),
                |net| net.incidence(Unit::Activity),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn bench_project(c: &mut Criterion) {
    let mut g = c.benchmark_group("project");
    // One projection at 100,000 residents writes ~350 MB: few, flat samples.
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in sizes() {
        let net = Network::new(register(n));
        for unit in [Unit::Activity, Unit::Session] {
            net.incidence(unit); // cached, as after a first call
            for weight in [Weight::Count, Weight::Newman] {
                let spec = Projection::weight(weight).with_unit(unit);
                let entries = net
                    .project(&spec, &Context::new())
                    .expect("projection")
                    .out_csr()
                    .nnz() as u64;
                g.throughput(Throughput::Elements(entries));
                for t in THREADS {
                    let ctx = Context::new().with_threads(t);
                    let id = BenchmarkId::new(
                        format!("{}/{}/{n}", weight.name(), unit.name()),
                        format!("{t}t"),
                    );
                    // The graph is dropped outside the clock (as compare.py does).
                    g.bench_function(id, |b| {
                        b.iter_with_large_drop(|| {
                            net.project(black_box(&spec), &ctx).expect("projection")
                        })
                    });
                }
            }
        }
    }
    g.finish();
}

fn print_calibration() {
    for n in [2_000, 20_000, 100_000] {
        let net = Network::new(register(n));
        println!(
            "badhuis(residents={n}, seed=0) calibration:\n{}\n",
            datasets::calibration(&net)
        );
    }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs us without it, as a smoke test
    // (each benchmark once, at SMOKE_SIZE residents, without the calibration printout).
    let listing = std::env::args().any(|a| a == "--list");
    if bench_mode() && !listing {
        print_calibration();
    }
    let mut c = Criterion::default().configure_from_args();
    bench_generation(&mut c);
    bench_incidence(&mut c);
    bench_project(&mut c);
    c.final_summary();
}
