//! The curveball algorithm (Strona et al. 2014) in its global form (Carstens, Berger & Strona
//! 2018): uniform sampling of resident × activity incidences with the observed margins.
//!
//! A *trade* picks two residents, pools the activities only one of them attends, shuffles the
//! pool and gives each back as many as it had: every resident keeps its number of activities
//! and every activity its number of participants. A *global round* pairs all residents at once
//! (a random permutation, consecutive pairs traded; with an odd count one resident sits out),
//! i.e. ⌊R/2⌋ trades. The chain's stationary distribution is uniform over all incidences with
//! the observed margins (Carstens 2015).
//!
//! Default length: [`default_trades`] = 5·R trades for R residents (Strona et al.'s heuristic
//! for the mixing time; = 10 global rounds). A sample is the state of a chain *started from
//! the observed incidence* after that many trades, so the burn-in is the whole run; ensembles
//! ([`crate::stats::null`]) run one independent chain per sample (stream `(seed, sample)`), so
//! samples are independent and identical on any number of threads.
//!
//! Only the activity incidence is randomised (whether i attended k). Dates, sessions, session
//! counts and roles have no randomised counterpart: [`curveball`] returns a register with one
//! undated row per (resident, activity), every row a participant, and the resident and
//! activity attributes (and sensitive flags) of the input carried over unchanged.
//!
//! ```
//! use wijknet::{datasets, stats::curveball, Network, Unit};
//! let net = Network::new(datasets::davis_southern_women());
//! let rnd = curveball::curveball(&net, None, 7).unwrap();
//! let (a, b) = (net.incidence(Unit::Activity), rnd.incidence(Unit::Activity));
//! for i in 0..a.n_residents() {
//!     assert_eq!(a.units_of(i).len(), b.units_of(i).len()); // activity counts kept
//! }
//! for k in 0..a.n_units() {
//!     assert_eq!(a.size(k), b.size(k)); // activity sizes kept
//! }
//! ```
use crate::context::Context;
use crate::error::Result;
use crate::incidence::{Incidence, Unit};
use crate::network::Network;
use crate::register::{Duplicates, Register, RegisterParts};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Strona et al.'s (2014) default number of trades: 5 × the number of residents (rows).
pub fn default_trades(residents: usize) -> u64 {
    5 * residents as u64
}

/// One curveball chain over the rows of an incidence. Row lengths never change, so the rows
/// live in one flat array with fixed offsets; within a row the order is arbitrary until
/// [`Chain::to_incidence`] sorts it.
///
/// # Example
/// ```
/// use wijknet::{datasets, stats::curveball::Chain, Context, Network, Unit};
/// let inc = Network::new(datasets::davis_southern_women()).incidence(Unit::Activity);
/// let mut chain = Chain::new(&inc);
/// let mut rng = Context::new().with_seed(1).rng(0);
/// chain.round(&mut rng); // one global round: 9 trades among 18 women
/// assert_eq!(chain.to_incidence(&inc).n_incidences(), inc.n_incidences());
/// ```
#[derive(Debug, Clone)]
pub struct Chain {
    ptr: Vec<usize>,
    items: Vec<u32>,
    /// Per column: a stamp marking membership of the rows being traded.
    mark: Vec<u32>,
    stamp: u32,
    perm: Vec<u32>,
    pool: Vec<u32>,
    pos_a: Vec<usize>,
    pos_b: Vec<usize>,
    trades: u64,
}

impl Chain {
    /// A chain in the state of `inc` (its activity lists).
    pub fn new(inc: &Incidence) -> Chain {
        Chain {
            ptr: inc.res_ptr.clone(),
            items: inc.res_units.clone(),
            mark: vec![0; inc.n_units()],
            stamp: 0,
            perm: (0..inc.n_residents() as u32).collect(),
            pool: Vec::new(),
            pos_a: Vec::new(),
            pos_b: Vec::new(),
            trades: 0,
        }
    }

    /// Resets the chain to the rows of `inc` (same shape), keeping the scratch memory.
    pub fn reset(&mut self, inc: &Incidence) {
        self.items.copy_from_slice(&inc.res_units);
        self.trades = 0;
    }

    /// Number of rows (residents).
    pub fn n_rows(&self) -> usize {
        self.ptr.len() - 1
    }

    /// Trades done so far.
    pub fn trades_done(&self) -> u64 {
        self.trades
    }

    /// The current columns of row `i` (unordered).
    pub fn row(&self, i: usize) -> &[u32] {
        &self.items[self.ptr[i]..self.ptr[i + 1]]
    }

    /// One curveball trade between rows `a` and `b` (a ≠ b).
    #[inline]
    pub fn trade(&mut self, a: usize, b: usize, rng: &mut ChaCha8Rng) {
        self.trades += 1;
        let (pa, pb) = (self.ptr[a], self.ptr[b]);
        let (ka, kb) = (self.ptr[a + 1] - pa, self.ptr[b + 1] - pb);
        if ka == 0 || kb == 0 {
            return;
        }
        if ka == 1 && kb == 1 {
            // The common case in registers: one activity each. Pool {x, y} (x ≠ y): swap
            // with probability 1/2.
            if self.items[pa] != self.items[pb] && rng.random::<bool>() {
                self.items.swap(pa, pb);
            }
            return;
        }
        if self.stamp >= u32::MAX - 2 {
            self.mark.fill(0);
            self.stamp = 0;
        }
        let s = self.stamp + 1; // in a only (so far)
        let both = s + 1; // in both
        self.stamp += 2;
        for &x in &self.items[pa..pa + ka] {
            self.mark[x as usize] = s;
        }
        self.pool.clear();
        self.pos_a.clear();
        self.pos_b.clear();
        for p in pb..pb + kb {
            let x = self.items[p] as usize;
            if self.mark[x] == s {
                self.mark[x] = both;
            } else {
                self.pos_b.push(p);
            }
        }
        if self.pos_b.is_empty() {
            return; // b ⊆ a: nothing to trade
        }
        for p in pa..pa + ka {
            if self.mark[self.items[p] as usize] == s {
                self.pos_a.push(p);
                self.pool.push(self.items[p]);
            }
        }
        if self.pos_a.is_empty() {
            return;
        }
        for &p in &self.pos_b {
            self.pool.push(self.items[p]);
        }
        // A uniformly random subset of size |a \ b| for a: partial Fisher–Yates.
        let na = self.pos_a.len();
        let len = self.pool.len();
        for t in 0..na {
            let j = rng.random_range(t..len);
            self.pool.swap(t, j);
        }
        for (t, &p) in self.pos_a.iter().enumerate() {
            self.items[p] = self.pool[t];
        }
        for (t, &p) in self.pos_b.iter().enumerate() {
            self.items[p] = self.pool[na + t];
        }
    }

    /// One global round: a random pairing of all rows, each pair traded (⌊R/2⌋ trades).
    pub fn round(&mut self, rng: &mut ChaCha8Rng) {
        let r = self.n_rows();
        self.round_part(rng, r / 2);
    }

    /// The first `pairs` trades of a global round.
    fn round_part(&mut self, rng: &mut ChaCha8Rng, pairs: usize) {
        let r = self.n_rows();
        if r < 2 || pairs == 0 {
            return;
        }
        // A fresh random pairing: Fisher–Yates over the (persisting) permutation, only as far
        // as the pairs used.
        let used = (2 * pairs).min(r);
        for t in 0..used {
            let j = rng.random_range(t..r);
            self.perm.swap(t, j);
        }
        for t in 0..pairs {
            let (a, b) = (self.perm[2 * t] as usize, self.perm[2 * t + 1] as usize);
            self.trade(a, b, rng);
        }
    }

    /// Runs `trades` trades as global rounds (the last one partial when `trades` is not a
    /// multiple of ⌊R/2⌋).
    pub fn run(&mut self, trades: u64, rng: &mut ChaCha8Rng) {
        // a context nobody cancels: the run always completes
        let _ = self.run_with(trades, rng, &Context::new());
    }

    /// Like [`Chain::run`], checking `ctx` for cancellation after every global round (a long
    /// chain stops soon after Ctrl-C).
    ///
    /// # Errors
    /// [`crate::Error::Cancelled`] once `ctx` is cancelled; the chain is then part-way.
    pub fn run_with(&mut self, trades: u64, rng: &mut ChaCha8Rng, ctx: &Context) -> Result<()> {
        self.run_rounds(trades, rng, ctx, false)
    }

    /// Like [`Chain::run_with`], also counting the trades as `ctx`'s progress: the total is
    /// `trades`, and each global round adds its trades as it ends. For a chain that is the
    /// whole call (not one sample among many, whose caller counts samples).
    ///
    /// # Errors
    /// [`crate::Error::Cancelled`] once `ctx` is cancelled; the chain is then part-way.
    pub fn run_counting(&mut self, trades: u64, rng: &mut ChaCha8Rng, ctx: &Context) -> Result<()> {
        self.run_rounds(trades, rng, ctx, true)
    }

    fn run_rounds(
        &mut self,
        trades: u64,
        rng: &mut ChaCha8Rng,
        ctx: &Context,
        count: bool,
    ) -> Result<()> {
        if count {
            ctx.start(trades);
        }
        let per = (self.n_rows() / 2) as u64;
        if per == 0 {
            if count {
                ctx.advance(trades); // no pair to trade: every trade is a no-op
            }
            return Ok(());
        }
        let mut left = trades;
        while left > 0 {
            ctx.check()?;
            let now = left.min(per);
            self.round_part(rng, now as usize);
            left -= now;
            if count {
                ctx.advance(now);
            }
        }
        Ok(())
    }

    /// The current state as an incidence shaped like `template` (same residents and units,
    /// rows sorted, counts 1).
    pub fn to_incidence(&self, template: &Incidence) -> Incidence {
        let mut res_units = self.items.clone();
        for i in 0..self.n_rows() {
            res_units[self.ptr[i]..self.ptr[i + 1]].sort_unstable();
        }
        let n = res_units.len();
        Incidence::from_rows(
            Unit::Activity,
            template.residents.clone(),
            template.units.clone(),
            self.ptr.clone(),
            res_units,
            vec![1; n],
        )
    }
}

/// The random stream of sample `sample` of seed `seed` (the same whichever thread runs it).
pub fn sample_rng(seed: u64, sample: u64) -> ChaCha8Rng {
    Context::new().with_seed(seed).rng(sample)
}

/// Sample `sample` of the curveball ensemble of `inc`: a chain started from `inc` and run for
/// `trades` trades (None: [`default_trades`]) on the stream `(seed, sample)`.
///
/// # Complexity
/// O(trades · mean activities per resident + R) time, O(incidences + units) memory.
pub fn sample_incidence(inc: &Incidence, trades: Option<u64>, seed: u64, sample: u64) -> Incidence {
    let mut chain = Chain::new(inc);
    let mut rng = sample_rng(seed, sample);
    chain.run(
        trades.unwrap_or(default_trades(inc.n_residents())),
        &mut rng,
    );
    chain.to_incidence(inc)
}

/// Like [`sample_incidence`], checking `ctx` for cancellation while the chain runs (its seed
/// and task numbering are not used: the stream is `(seed, sample)` as given).
///
/// # Errors
/// [`crate::Error::Cancelled`] once `ctx` is cancelled.
pub fn sample_incidence_with(
    inc: &Incidence,
    trades: Option<u64>,
    seed: u64,
    sample: u64,
    ctx: &Context,
) -> Result<Incidence> {
    run_sample(inc, trades, seed, sample, ctx, false)
}

/// One sample's chain, stream `(seed, sample)`, run for `trades` (default: the default
/// trades); `count`: its trades are `ctx`'s progress ([`Chain::run_counting`]).
fn run_sample(
    inc: &Incidence,
    trades: Option<u64>,
    seed: u64,
    sample: u64,
    ctx: &Context,
    count: bool,
) -> Result<Incidence> {
    let mut chain = Chain::new(inc);
    let mut rng = sample_rng(seed, sample);
    let trades = trades.unwrap_or(default_trades(inc.n_residents()));
    chain.run_rounds(trades, &mut rng, ctx, count)?;
    Ok(chain.to_incidence(inc))
}

/// A network over the same residents and activities as `net` whose attendance is `inc` (an
/// activity incidence of `net`, e.g. a curveball sample): one undated participant row per
/// (resident, activity); resident and activity attributes and sensitive flags carried over.
///
/// # Errors
/// None in practice (the register is rebuilt through [`Register::from_parts`]).
pub fn network_from_incidence(net: &Network, inc: &Incidence) -> Result<Network> {
    let reg = net.register();
    let resident_ids = reg.resident_ids().select(&inc.residents);
    let activity_ids = reg.activity_ids().select(&inc.units);
    let mut resident = Vec::with_capacity(inc.n_incidences());
    for i in 0..inc.n_residents() {
        resident.extend(std::iter::repeat_n(i as u32, inc.units_of(i).len()));
    }
    let parts = RegisterParts {
        resident_ids: resident_ids.clone(),
        resident,
        activity_ids: activity_ids.clone(),
        activity: inc.res_units.clone(),
        duplicates: Duplicates::Count,
        ..Default::default()
    };
    let new = Register::from_parts(parts)?;
    let res_attrs = reg.resident_attributes().take(&inc.residents);
    let new =
        new.with_resident_attributes("resident", &resident_ids, res_attrs.columns().to_vec())?;
    let act_attrs = reg.activity_attributes().take(&inc.units);
    let sensitive: Vec<bool> = inc
        .units
        .iter()
        .map(|&a| reg.sensitive()[a as usize])
        .collect();
    let new = new.with_activity_attributes(
        "activity",
        &activity_ids,
        act_attrs.columns().to_vec(),
        Some(sensitive),
    )?;
    Ok(Network::new(new))
}

/// A curveball randomisation of `net`'s resident × activity incidence: every resident keeps
/// its number of activities, every activity its number of participants. Sample 0 of the
/// ensemble of [`sample_incidence`] (`trades`: None = [`default_trades`]). Deterministic for
/// a seed.
///
/// Dates, sessions and roles are not randomised: the result has one undated participant row
/// per (resident, activity); attributes and sensitive flags are carried over.
///
/// # Errors
/// None in practice.
///
/// # Complexity
/// O(trades · mean activities per resident + rows).
///
/// # Example
/// ```
/// use wijknet::{datasets, stats::curveball::curveball, Network};
/// let net = Network::new(datasets::davis_southern_women());
/// let a = curveball(&net, None, 1).unwrap();
/// let b = curveball(&net, None, 1).unwrap();
/// assert_eq!(a.rows().1, b.rows().1); // the same seed, the same register
/// assert_eq!(a.summary().participations, 89);
/// ```
pub fn curveball(net: &Network, trades: Option<u64>, seed: u64) -> Result<Network> {
    curveball_sample(net, trades, seed, 0)
}

/// Like [`curveball`], for sample `sample` of the ensemble (the sample that
/// [`crate::stats::null::test`] uses with the same seed).
///
/// # Errors
/// None in practice.
pub fn curveball_sample(
    net: &Network,
    trades: Option<u64>,
    seed: u64,
    sample: u64,
) -> Result<Network> {
    curveball_sample_with(net, trades, seed, sample, &Context::new())
}

/// Like [`curveball_sample`], checking `ctx` for cancellation while the chain runs and
/// counting its trades as `ctx`'s progress (see [`Chain::run_counting`]).
///
/// # Errors
/// [`crate::Error::Cancelled`] once `ctx` is cancelled.
pub fn curveball_sample_with(
    net: &Network,
    trades: Option<u64>,
    seed: u64,
    sample: u64,
    ctx: &Context,
) -> Result<Network> {
    let inc = net.incidence(Unit::Activity);
    let sample = run_sample(&inc, trades, seed, sample, ctx, true)?;
    network_from_incidence(net, &sample)
}
