//! Execution context: thread count, cancellation, progress and seeded randomness.
//!
//! Every long kernel takes a [`Context`]. It
//! - runs parallel work in a rayon pool of the configured size ([`Context::install`]);
//! - carries a cancel flag that kernels poll through [`Context::check`] (the Python bindings set
//!   it when Ctrl-C arrives);
//! - counts progress ([`Context::advance`]) that a caller may display;
//! - derives every random stream from `(seed, task index)` ([`Context::rng`]) with a portable
//!   generator (ChaCha8), so a seed gives the same result on any number of threads;
//! - can run a slice of a call's tasks ([`Context::with_first_task`]): the replicates
//!   `first..first + n` of a null ensemble, a permutation test or a bootstrap, on streams
//!   `(seed, first)..(seed, first + n)`, so a call cut into slices (on several machines) draws
//!   exactly the replicates of the whole call.
//!
//! Floating-point reductions over many items use [`ordered_sum`](crate::parallel::ordered_sum): fixed-size chunks summed
//! separately and combined in chunk order, so the result does not depend on scheduling.
//!
//! # Example
//! ```
//! use wijknet::Context;
//! let ctx = Context::new().with_threads(2).with_seed(7);
//! let total: u64 = ctx.install(|| (0..1000u64).sum());
//! assert_eq!(total, 499_500);
//! assert!(ctx.check().is_ok());
//! ctx.cancel();
//! assert!(ctx.check().is_err());
//! ```
use crate::error::{Error, Result};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

static DEFAULT_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Sets the default number of threads for contexts created afterwards (0 = all cores).
pub fn set_num_threads(n: usize) {
    DEFAULT_THREADS.store(n, Ordering::Relaxed);
}

/// The default number of threads that new contexts use (resolved: never 0).
pub fn get_num_threads() -> usize {
    match DEFAULT_THREADS.load(Ordering::Relaxed) {
        0 => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        n => n,
    }
}

/// Progress counters shared between a kernel and whoever displays them.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// (done, total) units of work; total is 0 while unknown.
    pub fn get(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// Threads, cancellation, progress and seed for one call. Cheap to clone (shared flags).
#[derive(Debug, Clone)]
pub struct Context {
    threads: usize,
    seed: u64,
    first_task: u64,
    cancel: Arc<AtomicBool>,
    progress: Arc<Progress>,
}

impl Default for Context {
    fn default() -> Self {
        Context::new()
    }
}

impl Context {
    /// A context with the default thread count (see [`set_num_threads`]) and seed 0.
    pub fn new() -> Self {
        Context {
            threads: get_num_threads(),
            seed: 0,
            first_task: 0,
            cancel: Arc::new(AtomicBool::new(false)),
            progress: Arc::new(Progress::default()),
        }
    }
    /// Use `n` threads (0 = the default).
    pub fn with_threads(mut self, n: usize) -> Self {
        self.threads = if n == 0 { get_num_threads() } else { n };
        self
    }
    /// Use `seed` as the root of every random stream.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// Share `other`'s cancel flag: cancelling either context cancels both. For the kernels a
    /// call runs inside its own tasks (one null sample, one window), which keep their own seed
    /// and progress counters but must stop when the call is cancelled.
    ///
    /// # Example
    /// ```
    /// use wijknet::Context;
    /// let call = Context::new();
    /// let inside = Context::new().with_threads(1).with_cancel_from(&call);
    /// call.cancel();
    /// assert!(inside.is_cancelled());
    /// ```
    pub fn with_cancel_from(mut self, other: &Context) -> Self {
        self.cancel = Arc::clone(&other.cancel);
        self
    }
    /// Number the call's tasks from `first` (default 0): task `t` of the call draws from the
    /// stream `(seed, first + t)`. Kernels whose replicates are independent tasks (null samples,
    /// QAP permutations, bootstrap replicates) then compute replicates `first..first + n` of
    /// the call with `n` replicates and offset 0; concatenated in order, the slices give the
    /// replicates of the whole call.
    ///
    /// # Example
    /// ```
    /// use rand::Rng;
    /// use wijknet::Context;
    /// let whole = Context::new().with_seed(7);
    /// let slice = Context::new().with_seed(7).with_first_task(100);
    /// assert_eq!(whole.rng(103).random::<u64>(), slice.rng(3).random::<u64>());
    /// ```
    pub fn with_first_task(mut self, first: u64) -> Self {
        self.first_task = first;
        self
    }
    /// The index of the call's first task (see [`Context::with_first_task`]).
    pub fn first_task(&self) -> u64 {
        self.first_task
    }
    /// Number of threads parallel kernels use.
    pub fn threads(&self) -> usize {
        self.threads
    }
    /// The root seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// Asks running kernels to stop; they return [`Error::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
    /// Whether cancellation was requested.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
    /// `Err(Error::Cancelled)` once cancellation was requested. Kernels call this between
    /// chunks of work.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
    /// The shared progress counters.
    pub fn progress(&self) -> &Arc<Progress> {
        &self.progress
    }
    /// Announces the total amount of work (in kernel-defined units) and resets `done`.
    pub fn start(&self, total: u64) {
        self.progress.done.store(0, Ordering::Relaxed);
        self.progress.total.store(total, Ordering::Relaxed);
    }
    /// Adds `n` units to the total, for kernels that find their work as they go (Leiden's
    /// sweeps, for example): the total grows, and `done` reaches it when the kernel finishes.
    pub fn add_total(&self, n: u64) {
        self.progress.total.fetch_add(n, Ordering::Relaxed);
    }
    /// Sets the total to the work done so far, for a kernel that finishes before its announced
    /// total (an iterative method that converges before its iteration cap).
    pub fn finish(&self) {
        let done = self.progress.done.load(Ordering::Relaxed);
        self.progress.total.store(done, Ordering::Relaxed);
    }
    /// Records `n` more units of finished work.
    pub fn advance(&self, n: u64) {
        self.progress.done.fetch_add(n, Ordering::Relaxed);
    }
    /// A random generator for task `task` derived from (seed, first task + task): the same
    /// numbers whichever thread runs the task.
    pub fn rng(&self, task: u64) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(self.first_task.wrapping_add(task));
        rng
    }
    /// Runs `f` inside this context's thread pool (rayon calls inside use that many threads).
    /// Without the `parallel` feature it simply calls `f`.
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        crate::parallel::install(self.threads, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn rng_is_per_task_and_portable() {
        let ctx = Context::new().with_seed(42);
        let a: u64 = ctx.rng(3).random();
        let b: u64 = ctx.clone().with_threads(1).rng(3).random();
        let c: u64 = ctx.rng(4).random();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
