//! Deterministic parallel helpers: the one place that switches between rayon (feature
//! `parallel`) and a plain loop on the calling thread.
//!
//! Every helper keeps results in input order, so a kernel that computes each item (or each
//! fixed-size chunk) independently gives the same bits on any number of threads. Floating-point
//! sums run over fixed chunks of [`SUM_CHUNK`] combined in order ([`ordered_sum`],
//! [`chunked_sum`]); random streams are derived per task from the context's seed
//! ([`Context::rng`](crate::Context::rng)), never from the thread that runs the task.
//!
//! The helpers run in the current rayon pool: call them inside
//! [`Context::install`](crate::Context::install) to use the context's thread count.

use crate::context::Context;
use crate::error::Result;
#[cfg(feature = "parallel")]
use rayon::prelude::*;

/// Chunk length for [`ordered_sum`], [`chunked_sum`] and [`fill`]; fixed so results do not
/// depend on the thread count.
pub const SUM_CHUNK: usize = 4096;

/// Runs `f` in a pool of `threads` threads (one pool per thread count, built once). Without the
/// `parallel` feature it simply calls `f`.
pub(crate) fn install<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    #[cfg(feature = "parallel")]
    {
        pool(threads).install(f)
    }
    #[cfg(not(feature = "parallel"))]
    {
        let _ = threads;
        f()
    }
}

#[cfg(feature = "parallel")]
fn pool(threads: usize) -> std::sync::Arc<rayon::ThreadPool> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let pools = POOLS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut guard = pools.lock().unwrap_or_else(|e| e.into_inner());
    guard
        .entry(threads.max(1))
        .or_insert_with(|| {
            Arc::new(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads.max(1))
                    .thread_name(|i| format!("wijknet-{i}"))
                    .build()
                    .expect("building a rayon thread pool"),
            )
        })
        .clone()
}

/// `f(i, scratch)` for every i in `0..n`, in fixed chunks of `chunk` items run in parallel in
/// the context's pool, with per-thread scratch state made by `init`; cancellation is checked
/// before each item and progress advances by the chunk's length. Results in order.
///
/// # Errors
/// [`Error::Cancelled`](crate::Error::Cancelled) if the context is cancelled.
pub fn per_item<T: Send, S>(
    ctx: &Context,
    n: usize,
    chunk: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(usize, &mut S) -> T + Sync + Send,
) -> Result<Vec<T>> {
    let run = |s: &mut S, c: usize| -> Result<Vec<T>> {
        let (lo, hi) = (c * chunk, ((c + 1) * chunk).min(n));
        let mut out = Vec::with_capacity(hi - lo);
        for i in lo..hi {
            // before every item, not only every chunk: one item can be long work of its own
            // (a breadth-first search of a dense graph, one permutation of a big layer)
            ctx.check()?;
            out.push(f(i, s));
        }
        ctx.advance((hi - lo) as u64);
        Ok(out)
    };
    let parts = ctx.install(|| map_init(n.div_ceil(chunk), &init, run));
    let mut out = Vec::with_capacity(n);
    for p in parts {
        out.extend(p?);
    }
    Ok(out)
}

/// `[f(0), f(1), …, f(n − 1)]`, computed in parallel, in order.
pub fn map<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        (0..n).into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..n).map(f).collect()
    }
}

/// As [`map`] for a fallible `f`: the results in order, or an error as soon as one is found
/// (the items not yet started are skipped, so a cancelled call stops at once instead of
/// running through the rest). With several errors, which one is returned may depend on the
/// threads; the results themselves never do.
pub fn try_map<T: Send, E: Send>(
    n: usize,
    f: impl Fn(usize) -> std::result::Result<T, E> + Sync + Send,
) -> std::result::Result<Vec<T>, E> {
    #[cfg(feature = "parallel")]
    {
        (0..n).into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..n).map(f).collect()
    }
}

/// As [`map`], with per-thread scratch state made by `init` (reused across items; results
/// must not depend on what an earlier item left in it).
pub fn map_init<S, T: Send>(
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, usize) -> T + Sync + Send,
) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        (0..n).into_par_iter().map_init(init, f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut s = init();
        (0..n).map(|i| f(&mut s, i)).collect()
    }
}

/// `f` over the items of a slice, in parallel, results in order.
pub fn map_items<I: Sync, T: Send>(items: &[I], f: impl Fn(&I) -> T + Sync + Send) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}

/// As [`map_items`], with per-thread scratch state made by `init`.
pub fn map_items_init<I: Sync, S, T: Send>(
    items: &[I],
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, &I) -> T + Sync + Send,
) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        items.par_iter().map_init(init, f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut s = init();
        items.iter().map(|x| f(&mut s, x)).collect()
    }
}

/// Calls `f` on each owned item, in parallel (items must be independent).
pub fn for_each_owned<I: Send>(items: Vec<I>, f: impl Fn(I) + Sync + Send) {
    #[cfg(feature = "parallel")]
    items.into_par_iter().for_each(f);
    #[cfg(not(feature = "parallel"))]
    items.into_iter().for_each(f);
}

/// Calls `f` on each owned item with per-thread scratch state made by `init`, in parallel,
/// stopping at the first error.
pub fn try_for_each_owned_init<I: Send, S, E: Send>(
    items: Vec<I>,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, I) -> std::result::Result<(), E> + Sync + Send,
) -> std::result::Result<(), E> {
    #[cfg(feature = "parallel")]
    {
        items.into_par_iter().try_for_each_init(init, f)
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut s = init();
        items.into_iter().try_for_each(|x| f(&mut s, x))
    }
}

/// Calls `f` on each item, one item per task (for few, expensive items), stopping at the first
/// error (which error is reported when several fail is not specified).
pub fn try_for_each_item<I: Sync, E: Send>(
    items: &[I],
    f: impl Fn(&I) -> std::result::Result<(), E> + Sync + Send,
) -> std::result::Result<(), E> {
    #[cfg(feature = "parallel")]
    {
        items.par_iter().with_max_len(1).try_for_each(f)
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().try_for_each(f)
    }
}

/// Calls `f(c, chunk)` on the consecutive chunks of `len` items of `out` (the last may be
/// shorter), `c` being the chunk's index, in parallel.
pub fn for_each_chunk_mut<T: Send>(
    out: &mut [T],
    len: usize,
    f: impl Fn(usize, &mut [T]) + Sync + Send,
) {
    #[cfg(feature = "parallel")]
    out.par_chunks_mut(len)
        .enumerate()
        .for_each(|(c, chunk)| f(c, chunk));
    #[cfg(not(feature = "parallel"))]
    out.chunks_mut(len)
        .enumerate()
        .for_each(|(c, chunk)| f(c, chunk));
}

/// As [`for_each_chunk_mut`], with per-thread scratch state made by `init`, stopping at the
/// first error.
pub fn try_for_each_chunk_mut_init<T: Send, S, E: Send>(
    out: &mut [T],
    len: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, usize, &mut [T]) -> std::result::Result<(), E> + Sync + Send,
) -> std::result::Result<(), E> {
    #[cfg(feature = "parallel")]
    {
        out.par_chunks_mut(len)
            .enumerate()
            .try_for_each_init(init, |s, (c, chunk)| f(s, c, chunk))
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut s = init();
        out.chunks_mut(len)
            .enumerate()
            .try_for_each(|(c, chunk)| f(&mut s, c, chunk))
    }
}

/// Folds `step` over `0..n` into accumulators made by `init`, in parallel, returning the
/// accumulators. How items are split between accumulators depends on scheduling: use it only
/// where combining them is exact (integer counts), so the combined result is the same on any
/// number of threads.
pub fn try_fold<S: Send, E: Send>(
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    step: impl Fn(S, usize) -> std::result::Result<S, E> + Sync + Send,
) -> std::result::Result<Vec<S>, E> {
    #[cfg(feature = "parallel")]
    {
        (0..n).into_par_iter().try_fold(init, step).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..n).try_fold(init(), step).map(|s| vec![s])
    }
}

/// `f` over consecutive chunks of `len` items of a slice, in parallel, results in order.
pub fn map_chunks<I: Sync, T: Send>(
    items: &[I],
    len: usize,
    f: impl Fn(&[I]) -> T + Sync + Send,
) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        items.par_chunks(len).map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.chunks(len).map(f).collect()
    }
}

/// `f(x)` on every element, in parallel.
pub fn for_each_mut<T: Send>(values: &mut [T], f: impl Fn(&mut T) + Sync + Send) {
    #[cfg(feature = "parallel")]
    values.par_iter_mut().for_each(f);
    #[cfg(not(feature = "parallel"))]
    values.iter_mut().for_each(f);
}

/// `out[i] = f(i)` for every i, in parallel over fixed chunks.
pub fn fill(out: &mut [f64], f: impl Fn(usize) -> f64 + Sync + Send) {
    for_each_chunk_mut(out, SUM_CHUNK, |c, chunk| {
        let lo = c * SUM_CHUNK;
        for (k, v) in chunk.iter_mut().enumerate() {
            *v = f(lo + k);
        }
    });
}

/// `f` over `0..n` combined with `add` starting from `zero()`, in parallel. The grouping of the
/// combination depends on scheduling: use it only where `add` is exact and commutative
/// (integer counts).
pub fn reduce<T: Send>(
    n: usize,
    f: impl Fn(usize) -> T + Sync + Send,
    zero: impl Fn() -> T + Sync + Send,
    add: impl Fn(T, T) -> T + Sync + Send,
) -> T {
    #[cfg(feature = "parallel")]
    {
        (0..n).into_par_iter().map(f).reduce(zero, add)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..n).map(f).fold(zero(), add)
    }
}

/// Sorts by key (unstable; give keys that are unique, e.g. with the index as tie-breaker, so
/// the order is the same on any number of threads).
pub fn sort_unstable_by_key<T: Send, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K + Sync + Send) {
    #[cfg(feature = "parallel")]
    v.par_sort_unstable_by_key(key);
    #[cfg(not(feature = "parallel"))]
    v.sort_unstable_by_key(key);
}

/// Runs `a` and `b`, in parallel when possible.
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}

/// Σ f(i) for i in 0..n over fixed chunks of [`SUM_CHUNK`], combined in order.
pub fn chunked_sum(n: usize, f: impl Fn(usize) -> f64 + Sync + Send) -> f64 {
    let partial = map(n.div_ceil(SUM_CHUNK), |c| {
        let lo = c * SUM_CHUNK;
        let hi = (lo + SUM_CHUNK).min(n);
        (lo..hi).fold(0.0, |a, i| a + f(i))
    });
    partial.iter().fold(0.0, |a, v| a + v)
}

/// Sum of `values` as fixed chunks of [`SUM_CHUNK`] summed separately (in parallel) and
/// combined in order: the same bits on any number of threads.
pub fn ordered_sum(values: &[f64]) -> f64 {
    map_chunks(values, SUM_CHUNK, |c| c.iter().fold(0.0, |a, v| a + v))
        .iter()
        .fold(0.0, |a, v| a + v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Context;

    #[test]
    fn ordered_sum_independent_of_threads() {
        let v: Vec<f64> = (0..100_000).map(|i| 1.0 / (1.0 + i as f64)).collect();
        let one = Context::new().with_threads(1).install(|| ordered_sum(&v));
        let two = Context::new().with_threads(2).install(|| ordered_sum(&v));
        assert_eq!(one.to_bits(), two.to_bits());
        let three = Context::new()
            .with_threads(3)
            .install(|| chunked_sum(v.len(), |i| v[i]));
        assert_eq!(one.to_bits(), three.to_bits());
    }
}
