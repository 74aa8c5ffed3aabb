//! Monte Carlo sampling (MODEL.md §4): every uncertain input drawn once per trial,
//! the same model code evaluated in `f64`, percentiles by linear interpolation.
//!
//! Determinism: trials are cut into fixed chunks of [`CHUNK`]; chunk `k` draws
//! from `ChaCha8Rng` seeded with the seed on stream `k`. Results land in
//! per-trial slots and every reduction runs over them in trial order, so the
//! output is the same for any number of threads.
//!
//! Memory: the per-trial figures needed for percentiles (one column per metric
//! and per month of cumulative total) are kept for at most [`STORE_BUDGET`]
//! values at a time; larger runs evaluate the trials again for each group of
//! columns (the streams make every pass identical), so memory does not grow
//! with samples × months. The first pass keeps the metrics and the last
//! months; each later pass keeps earlier months and evaluates the trials only
//! up to them, so the work grows smoothly past the budget (a pass for the
//! first month alone costs little) until three passes of streaming
//! (`streaming.rs`) are cheaper.

mod correlate;
pub(crate) mod dist;
mod drivers;
pub(crate) mod percentile;
pub(crate) mod portfolio;
pub(crate) mod rank;
pub(crate) mod results;
mod streaming;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::error::AppError;
use crate::interrupt;
use crate::model::base::Metrics;
use crate::model::{Model, Month, Overflow, Sink, discount_factors};
use crate::scenario::Scenario;
use dist::Distribution;
pub(crate) use percentile::Stats;

/// Trials per RNG stream.
pub(crate) const CHUNK: usize = 1024;
/// Most per-trial figures held in memory at once (8 bytes each: 128 MiB).
pub(crate) const STORE_BUDGET: usize = 16 * 1024 * 1024;
/// Most trials a run accepts.
pub(crate) const MAX_SAMPLES: usize = 10_000_000;

/// Refuses a `--samples` above [`MAX_SAMPLES`].
pub(crate) fn check_sample_count(samples: usize) -> Result<(), AppError> {
    if samples > MAX_SAMPLES {
        return Err(AppError::Input(format!(
            "--samples {samples} is above the limit of {MAX_SAMPLES}; 10,000 to 100,000 samples give stable percentiles"
        )));
    }
    Ok(())
}

/// Why sampling stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    /// A figure overflowed (an input problem, see [`Overflow`]).
    #[error(transparent)]
    Overflow(#[from] Overflow),
    /// The user pressed Ctrl-C (checked before every trial).
    #[error("interrupted")]
    Interrupted,
}

/// Told how far a long computation has got (sampling passes, sweep blocks).
/// The terminal's progress bar implements it (`output/progress.rs`); sampling
/// itself never draws anything.
pub trait Progress: Sync {
    /// The work will take `steps` steps in all (sampling learns how many
    /// passes it needs only once it starts).
    fn set_total(&self, steps: usize);
    /// `steps` more steps are done.
    fn advance(&self, steps: usize);
}

/// Progress nobody watches (tests, benchmarks, fuzzing).
pub struct NoProgress;

impl Progress for NoProgress {
    fn set_total(&self, _steps: usize) {}
    fn advance(&self, _steps: usize) {}
}

/// The sampled results of a scenario.
#[derive(Debug, Clone)]
pub struct Sampled {
    pub(crate) samples: usize,
    pub(crate) seed: u64,
    /// Per metric (in [`Metrics`] order).
    pub stats: Vec<Stats>,
    /// Per month: P10, P50, P90 and mean of the cumulative total.
    pub bands: Vec<[f64; 4]>,
    /// The horizon total of every trial, in trial order.
    pub totals: Vec<f64>,
}

/// What a pass needs of each trial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// The metrics (horizon sums) only.
    Metrics,
    /// The metrics and every month's cumulative total.
    AllMonths,
    /// The cumulative totals of the first `n` months only: the trial is
    /// evaluated no further.
    FirstMonths(usize),
}

/// Passes of streaming: above this cost (in full evaluations of every trial)
/// stored passes give way to streaming.
const STREAMING_PASSES: f64 = 3.0;

/// A pass of the stored method: the columns it keeps and the months of each
/// trial it evaluates.
struct StoredPass {
    columns: Vec<usize>,
    need: Need,
}

/// Ends a trial's evaluation after the months a pass needs: the sink returns
/// this marker (no overflow has an empty item), taken as done.
fn end_of_pass() -> Overflow {
    Overflow {
        item: String::new(),
        month: String::new(),
        inputs: "",
    }
}

fn is_end_of_pass(e: &Overflow) -> bool {
    e.item.is_empty() && e.inputs.is_empty()
}

impl Sampled {
    /// The share of trials whose final cumulative total (the horizon total)
    /// is at or below zero: the chance of breaking even within the horizon.
    /// The same statistic as `solve`'s `chance:break_even` goal; 0 without
    /// trials.
    pub(crate) fn break_even_chance(&self) -> f64 {
        if self.totals.is_empty() {
            return 0.0;
        }
        percentile::break_even_chance(&self.totals)
    }
}

/// Receives one trial's figures.
struct TrialSink<'a> {
    /// Horizon sums of every money and `_em` item, in [`Metrics`] order.
    metrics: &'a mut [f64],
    factors: &'a [f64],
    cumulative: f64,
    /// Cumulative total per month, when wanted.
    by_month: Option<&'a mut [f64]>,
    /// The last month wanted, when the evaluation may stop there.
    last_month: Option<usize>,
    n_cash: usize,
}

impl Sink<f64> for TrialSink<'_> {
    #[inline]
    fn month(&mut self, m: usize, month: &Month<f64>) -> Result<(), Overflow> {
        let n = self.n_cash;
        let mut cash_total = 0.0;
        for (i, v) in month.cash.iter().enumerate() {
            self.metrics[i] += v;
            cash_total += v;
        }
        let mut capacity_cost = 0.0;
        for (j, v) in month.capacity.iter().enumerate() {
            self.metrics[n + j] += v;
            capacity_cost += v;
        }
        let mut capacity_em = 0.0;
        for (j, v) in month.em.iter().enumerate() {
            self.metrics[n + 8 + j] += v;
            capacity_em += v;
        }
        let total = cash_total + capacity_cost;
        self.metrics[n + 5] += cash_total;
        self.metrics[n + 6] += capacity_cost;
        self.metrics[n + 7] += total;
        self.metrics[n + 13] += capacity_em;
        self.metrics[n + 14] += total * self.factors[m];
        // run_rate: the last month's total (MODEL.md §3).
        self.metrics[n + 15] = total;
        self.cumulative += total;
        if let Some(by_month) = self.by_month.as_deref_mut() {
            by_month[m] = self.cumulative;
        }
        if self.last_month == Some(m) {
            return Err(end_of_pass());
        }
        Ok(())
    }
}

/// The drawn inputs of a scenario's trials, chunk by chunk: every uncertain
/// input drawn once per trial (MODEL.md §4), the correlated ones reordered
/// within the chunk (`correlate`). This is "sample the inputs of a scenario"
/// on its own, apart from the model: chunk `k` depends on the seed and `k`
/// only.
#[derive(Debug, Clone)]
pub(crate) struct Draws {
    dists: Vec<Distribution>,
    correlator: Option<correlate::Correlator>,
    seed: u64,
}

/// Working memory of [`Draws::chunk`], reused from chunk to chunk.
#[derive(Debug, Default)]
pub(crate) struct DrawScratch {
    correlate: correlate::Scratch,
}

impl Draws {
    pub(crate) fn new(scenario: &Scenario, seed: u64) -> Draws {
        let dists = scenario
            .inputs
            .iter()
            .map(|i| {
                let (lo, hi) = i.domain.bounds_f64();
                Distribution::new(&i.value, lo, hi)
            })
            .collect();
        Draws {
            dists,
            correlator: correlate::Correlator::new(scenario, CHUNK),
            seed,
        }
    }

    /// Inputs per trial (the scenario's `inputs`, in order).
    pub(crate) fn width(&self) -> usize {
        self.dists.len()
    }

    /// Fills `x` (`n` trials × [`Draws::width`], row-major; `n` at most
    /// [`CHUNK`]) with the inputs of the first `n` trials of chunk `k`.
    /// Chunk `k` draws from ChaCha8 seeded with the seed on stream `k`: first
    /// one `u64` per input per trial, trial by trial, then the shuffles of
    /// the correlated inputs.
    pub(crate) fn chunk(&self, k: usize, x: &mut [f64], scratch: &mut DrawScratch) {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(k as u64);
        let width = self.width();
        if width == 0 {
            return;
        }
        for row in x.chunks_exact_mut(width) {
            for (slot, d) in row.iter_mut().zip(&self.dists) {
                *slot = d.draw(&mut rng);
            }
        }
        if let Some(c) = &self.correlator {
            c.reorder(x, width, &mut rng, &mut scratch.correlate);
        }
    }
}

/// Everything a trial needs, shared by all threads.
pub struct Trials<'s> {
    model: Model<f64>,
    draws: Draws,
    factors: Vec<f64>,
    metrics: Metrics,
    scenario: &'s Scenario,
    pub(crate) samples: usize,
    pub(crate) seed: u64,
}

impl<'s> Trials<'s> {
    pub fn new(scenario: &'s Scenario, samples: usize, seed: u64) -> Trials<'s> {
        let rate = dist::decimal_to_f64(scenario.discount_rate);
        Trials {
            model: Model::new(scenario),
            draws: Draws::new(scenario, seed),
            factors: discount_factors(rate, scenario.months),
            metrics: Metrics::new(scenario),
            scenario,
            samples,
            seed,
        }
    }

    fn chunks(&self) -> usize {
        self.samples.div_ceil(CHUNK)
    }

    /// Runs the trials of chunk `k`, calling `each(trial_in_chunk, inputs,
    /// metrics, by_month)` with what `need` asks for (metrics are partial
    /// with [`Need::FirstMonths`]).
    fn run_chunk(
        &self,
        k: usize,
        need: Need,
        mut each: impl FnMut(usize, &[f64], &[f64], &[f64]),
    ) -> Result<(), SampleError> {
        let months = self.scenario.months;
        let want_months = need != Need::Metrics;
        let last_month = match need {
            Need::FirstMonths(n) if n < months => Some(n.saturating_sub(1)),
            _ => None,
        };
        let first = k * CHUNK;
        let n = CHUNK.min(self.samples - first);
        let width = self.draws.width();
        let mut xs = vec![0.0; n * width];
        self.draws.chunk(k, &mut xs, &mut DrawScratch::default());
        let mut metrics = vec![0.0; self.metrics.len()];
        let mut by_month = vec![0.0; if want_months { months } else { 0 }];
        let mut scratch = self.model.scratch();
        for t in 0..n {
            // One relaxed load per trial: Ctrl-C stops a long run within a trial.
            if interrupt::requested() {
                return Err(SampleError::Interrupted);
            }
            let x = &xs[t * width..(t + 1) * width];
            metrics.iter_mut().for_each(|m| *m = 0.0);
            let mut sink = TrialSink {
                metrics: &mut metrics,
                factors: &self.factors,
                cumulative: 0.0,
                by_month: want_months.then_some(&mut by_month[..]),
                last_month,
                n_cash: self.metrics.cash,
            };
            match self.model.evaluate(x, &mut scratch, &mut sink) {
                Err(e) if !is_end_of_pass(&e) => return Err(e.into()),
                _ => {}
            }
            each(t, x, &metrics, &by_month);
        }
        Ok(())
    }

    /// Fills `columns` (each `samples` long) with the columns `wanted` of every
    /// trial: indices below the metric count are metrics, the rest months.
    fn fill(
        &self,
        wanted: &[usize],
        columns: &mut [Vec<f64>],
        progress: &dyn Progress,
    ) -> Result<(), SampleError> {
        let n_metrics = self.metrics.len();
        let need = self.need(wanted);
        // Split every column into per-chunk slices, then hand each chunk its slices.
        let mut per_chunk: Vec<Vec<&mut [f64]>> = (0..self.chunks())
            .map(|_| Vec::with_capacity(wanted.len()))
            .collect();
        for col in columns.iter_mut() {
            for (k, slice) in col.chunks_mut(CHUNK).enumerate() {
                per_chunk[k].push(slice);
            }
        }
        per_chunk
            .into_par_iter()
            .enumerate()
            .try_for_each(|(k, mut slices)| {
                self.run_chunk(k, need, |t, _x, metrics, by_month| {
                    for (slot, &c) in slices.iter_mut().zip(wanted) {
                        slot[t] = if c < n_metrics {
                            metrics[c]
                        } else {
                            by_month[c - n_metrics]
                        };
                    }
                })?;
                progress.advance(CHUNK.min(self.samples - k * CHUNK));
                Ok(())
            })
    }

    /// What a pass keeping the columns `wanted` needs of each trial.
    fn need(&self, wanted: &[usize]) -> Need {
        let n_metrics = self.metrics.len();
        if wanted.iter().any(|&c| c < n_metrics) {
            if wanted.iter().any(|&c| c >= n_metrics) {
                Need::AllMonths
            } else {
                Need::Metrics
            }
        } else {
            Need::FirstMonths(wanted.iter().map(|&c| c - n_metrics + 1).max().unwrap_or(0))
        }
    }

    /// Runs every trial and reduces them to statistics, keeping memory
    /// bounded: stored passes while they cost less than streaming.
    pub fn run(&self, progress: &dyn Progress) -> Result<Sampled, SampleError> {
        let passes = self.stored_passes();
        if self.cost(&passes) > STREAMING_PASSES
            && let Some(sampled) = self.run_streaming(progress)?
        {
            return Ok(sampled);
        }
        self.run_stored(&passes, progress)
    }

    /// The passes that keep every column within [`STORE_BUDGET`]: the metrics
    /// and the last months first, then earlier and earlier months.
    fn stored_passes(&self) -> Vec<StoredPass> {
        let n_metrics = self.metrics.len();
        let n_columns = n_metrics + self.scenario.months;
        let per_pass = (STORE_BUDGET / self.samples.max(1)).clamp(1, n_columns);
        let order: Vec<usize> = (0..n_metrics).chain((n_metrics..n_columns).rev()).collect();
        order
            .chunks(per_pass)
            .map(|columns| StoredPass {
                columns: columns.to_vec(),
                need: self.need(columns),
            })
            .collect()
    }

    /// The cost of `passes`, in full evaluations of every trial.
    fn cost(&self, passes: &[StoredPass]) -> f64 {
        let months = self.scenario.months.max(1) as f64;
        passes
            .iter()
            .map(|p| match p.need {
                Need::FirstMonths(n) => n as f64 / months,
                Need::Metrics | Need::AllMonths => 1.0,
            })
            .sum()
    }

    /// Keeps every column of a group of columns in memory, one pass per group.
    fn run_stored(
        &self,
        passes: &[StoredPass],
        progress: &dyn Progress,
    ) -> Result<Sampled, SampleError> {
        let n_columns = self.metrics.len() + self.scenario.months;
        progress.set_total(self.samples * passes.len());
        let mut summaries: Vec<[f64; 4]> = vec![[0.0; 4]; n_columns];
        let mut totals = Vec::new();
        let total_column = self.metrics.total();
        for pass in passes {
            let wanted = &pass.columns;
            let mut columns: Vec<Vec<f64>> =
                wanted.iter().map(|_| vec![0.0; self.samples]).collect();
            self.fill(wanted, &mut columns, progress)?;
            // The totals are kept in trial order for the distribution chart
            // before the percentiles reorder the column.
            if let Some(pos) = wanted.iter().position(|&c| c == total_column) {
                totals = columns[pos].clone();
            }
            let reduced: Vec<[f64; 4]> = columns
                .par_iter_mut()
                .map(|col| {
                    let mean = percentile::mean(col);
                    let p = percentile::percentiles(col, &[10.0, 50.0, 90.0]);
                    [p[0], p[1], p[2], mean]
                })
                .collect();
            for (&c, summary) in wanted.iter().zip(reduced) {
                summaries[c] = summary;
            }
        }
        Ok(self.assemble(summaries, totals))
    }

    fn assemble(&self, summaries: Vec<[f64; 4]>, totals: Vec<f64>) -> Sampled {
        let n_metrics = self.metrics.len();
        let stats = summaries[..n_metrics]
            .iter()
            .map(|s| Stats {
                mean: s[3],
                p10: s[0],
                p50: s[1],
                p90: s[2],
            })
            .collect();
        Sampled {
            samples: self.samples,
            seed: self.seed,
            stats,
            bands: summaries[n_metrics..].to_vec(),
            totals,
        }
    }

    /// One metric (index in [`Metrics`] order) of every trial, in trial
    /// order: what `solve` needs to take one statistic of one figure at many
    /// values of an input, on the same draws each time.
    pub(crate) fn metric_column(&self, metric: usize) -> Result<Vec<f64>, SampleError> {
        let mut columns = vec![vec![0.0; self.samples]];
        self.fill(&[metric], &mut columns, &NoProgress)?;
        Ok(columns.pop().unwrap_or_default())
    }

    /// The inputs of the trials.
    pub(crate) fn draws(&self) -> &Draws {
        &self.draws
    }

    /// The scenario sampled.
    pub(crate) fn scenario(&self) -> &Scenario {
        self.scenario
    }

    /// The metrics of every trial, in [`Metrics`] order.
    pub(crate) fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Visits every trial in trial order (for `samples.csv`): `row` turns a
    /// trial (its index, its drawn inputs and its metrics) into a record, in
    /// parallel a batch of chunks at a time; `write` receives the records in
    /// trial order, so memory holds one batch, not the whole run.
    pub(crate) fn for_each_trial_in_order<R: Send>(
        &self,
        row: impl Fn(usize, &[f64], &[f64]) -> R + Sync,
        mut write: impl FnMut(R) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let batch = 64;
        for first in (0..self.chunks()).step_by(batch) {
            let rows: Vec<Result<Vec<R>, SampleError>> = (first
                ..(first + batch).min(self.chunks()))
                .into_par_iter()
                .map(|k| {
                    let mut rows = Vec::new();
                    self.run_chunk(k, Need::Metrics, |t, x, metrics, _| {
                        rows.push(row(k * CHUNK + t, x, metrics));
                    })?;
                    Ok(rows)
                })
                .collect();
            for chunk_rows in rows {
                for r in chunk_rows? {
                    write(r)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::base;
    use crate::scenario::load_str;
    use rust_decimal::prelude::ToPrimitive;

    const FIXED: &str = r#"
[scenario]
name = "Fixed"
start = "2027-01"
months = 18
[team]
engineers = 8
salary = 120000
overhead = 0.3
attrition = 0.1
[adoption]
waves = [{ month = "2027-01", engineers = 5 }, { month = "2027-07", engineers = 3 }]
[hiring]
plan = [{ month = "2027-02", count = 2 }, { month = "2027-06", count = 1.5 }]
days_to_hire = 45
multiplier = 2.5
premium = 0.25
fee = 0.2
know_rust = 0.5
[ramp]
months = 4
start_productivity = 0.3
steady_productivity = 1.0
mentoring = 0.1
[builds]
clean_minutes = 12
incremental_minutes = 2
incremental_per_day = 20
clean_per_day = 0.2
lost_share = 0.5
ci_builds_per_day = 30
[benefits]
infra_per_month = 2000
ramp_months = 3
"#;

    fn scenario(text: &str) -> Scenario {
        match load_str("test.toml", text, &[]) {
            Ok(l) => l.scenario,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn fixed_inputs_give_percentiles_equal_to_the_base_case() {
        let s = scenario(FIXED);
        let b = base::run(&s).unwrap_or_else(|e| panic!("{e}"));
        let sampled = Trials::new(&s, 300, 1)
            .run(&NoProgress)
            .unwrap_or_else(|e| panic!("{e}"));
        let tolerance = 0.01 * s.months as f64 + 1e-6;
        for (i, st) in sampled.stats.iter().enumerate() {
            let base = b.totals[i].to_f64().unwrap_or(f64::NAN);
            for v in [st.mean, st.p10, st.p50, st.p90] {
                assert!(
                    (v - base).abs() <= tolerance,
                    "{}: {v} vs {base}",
                    b.metrics.names[i]
                );
            }
        }
        for (row, band) in b.rows.iter().zip(&sampled.bands) {
            let base = row.cumulative_total.to_f64().unwrap_or(f64::NAN);
            assert!(band.iter().all(|v| (v - base).abs() <= tolerance));
        }
    }

    #[test]
    fn same_seed_gives_identical_results_on_any_thread_count() {
        let text = FIXED
            .replace(
                "premium = 0.25",
                "premium = { low = 0.1, mode = 0.2, high = 0.4, dist = \"pert\" }",
            )
            .replace(
                "months = 4",
                "months = { low = 2, high = 8, dist = \"lognormal\" }",
            );
        let s = scenario(&text);
        let run_on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap_or_else(|e| panic!("{e}"));
            pool.install(|| {
                Trials::new(&s, 5000, 42)
                    .run(&NoProgress)
                    .unwrap_or_else(|e| panic!("{e}"))
            })
        };
        let one = run_on(1);
        let three = run_on(3);
        assert_eq!(one.stats, three.stats);
        assert_eq!(one.bands, three.bands);
        assert_eq!(one.totals, three.totals);
        let other_seed = Trials::new(&s, 5000, 43)
            .run(&NoProgress)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(one.totals, other_seed.totals);
    }

    #[test]
    fn streaming_percentiles_equal_stored_percentiles() {
        let text = FIXED
            .replace(
                "premium = 0.25",
                "premium = { low = 0.1, mode = 0.2, high = 0.4, dist = \"pert\" }",
            )
            .replace(
                "multiplier = 2.5",
                "multiplier = { low = 1.5, high = 3.5, dist = \"normal\" }",
            );
        let s = scenario(&text);
        let trials = Trials::new(&s, 20_000, 5);
        let stored = trials
            .run_stored(&trials.stored_passes(), &NoProgress)
            .unwrap_or_else(|e| panic!("{e}"));
        let streamed = trials
            .run_streaming(&NoProgress)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("fell back"));
        assert_eq!(stored.totals, streamed.totals);
        for (a, b) in stored.stats.iter().zip(&streamed.stats) {
            assert_eq!((a.p10, a.p50, a.p90), (b.p10, b.p50, b.p90));
            assert!((a.mean - b.mean).abs() <= 1e-9 * a.mean.abs().max(1.0));
        }
        for (a, b) in stored.bands.iter().zip(&streamed.bands) {
            assert_eq!(a[..3], b[..3]);
        }
    }

    #[test]
    fn bounded_memory_passes_agree_with_a_single_pass() {
        // Force several passes by asking for more columns than one pass holds.
        let text = FIXED.replace("premium = 0.25", "premium = [0.1, 0.4]");
        let s = scenario(&text);
        let trials = Trials::new(&s, 2000, 9);
        let single = trials.run(&NoProgress).unwrap_or_else(|e| panic!("{e}"));
        let n_columns = trials.metrics.len() + s.months;
        let mut columns: Vec<Vec<f64>> = vec![vec![0.0; 2000]; 3];
        let wanted = [trials.metrics.total(), n_columns - 1, trials.metrics.len()];
        trials
            .fill(&wanted, &mut columns, &NoProgress)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(columns[0], single.totals);
        let p = percentile::percentiles(&mut columns[1], &[10.0, 50.0, 90.0]);
        assert_eq!(
            [p[0], p[1], p[2]],
            [
                single.bands[s.months - 1][0],
                single.bands[s.months - 1][1],
                single.bands[s.months - 1][2]
            ]
        );
    }

    /// The drawn inputs of every trial, one column per input.
    fn input_columns(s: &Scenario, samples: usize, seed: u64) -> Vec<Vec<f64>> {
        let draws = Draws::new(s, seed);
        let w = draws.width();
        let mut cols = vec![Vec::with_capacity(samples); w];
        let mut x = vec![0.0; CHUNK * w];
        for k in 0..samples.div_ceil(CHUNK) {
            let n = CHUNK.min(samples - k * CHUNK);
            draws.chunk(k, &mut x[..n * w], &mut DrawScratch::default());
            for row in x[..n * w].chunks_exact(w) {
                for (c, v) in cols.iter_mut().zip(row) {
                    c.push(*v);
                }
            }
        }
        cols
    }

    #[test]
    fn correlated_inputs_reach_their_rank_and_keep_their_distributions() {
        let base = FIXED
            .replace(
                "premium = 0.25",
                "premium = { low = 0.1, mode = 0.2, high = 0.4, dist = \"pert\" }",
            )
            .replace(
                "multiplier = 2.5",
                "multiplier = { low = 1.5, high = 3.5, dist = \"lognormal\" }",
            )
            .replace("days_to_hire = 45", "days_to_hire = [30, 60]")
            .replace(
                "months = 4",
                "months = { low = 2, high = 8, dist = \"normal\" }",
            );
        let correlated = format!(
            "{base}[[correlation]]\ninputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = 0.6\n\
             [[correlation]]\ninputs = [\"hiring.days_to_hire\", \"hiring.premium\"]\nrank = -0.3\n\
             [[correlation]]\ninputs = [\"ramp.months\", \"hiring.multiplier\"]\nrank = 0.5\n"
        );
        let (plain, s) = (scenario(&base), scenario(&correlated));
        let n = 50_000 + 17; // a short last chunk too
        let a = input_columns(&plain, n, 11);
        let b = input_columns(&s, n, 11);
        let at = |key: &str| {
            s.inputs
                .iter()
                .position(|i| i.key == key)
                .unwrap_or_else(|| panic!("{key}"))
        };
        for (x, y, rho) in [
            ("hiring.multiplier", "hiring.premium", 0.6),
            ("hiring.days_to_hire", "hiring.premium", -0.3),
            ("ramp.months", "hiring.multiplier", 0.5),
            // Not given: drawn with rank correlation 0.
            ("ramp.months", "hiring.premium", 0.0),
            ("hiring.days_to_hire", "ramp.months", 0.0),
        ] {
            let r =
                rank::spearman_with(&b[at(x)], &rank::average_ranks(&b[at(y)])).unwrap_or(f64::NAN);
            assert!((r - rho).abs() < 0.02, "{x} with {y}: {r} for {rho}");
        }
        // Each chunk holds the same values as without correlations.
        for i in 0..s.inputs.len() {
            for (ca, cb) in a[i].chunks(CHUNK).zip(b[i].chunks(CHUNK)) {
                let (mut ca, mut cb) = (ca.to_vec(), cb.to_vec());
                ca.sort_by(f64::total_cmp);
                cb.sort_by(f64::total_cmp);
                assert_eq!(ca, cb, "{}", s.inputs[i].key);
            }
        }
        // Uncorrelated inputs are untouched; the base case is unchanged.
        assert_eq!(a[at("team.overhead")], b[at("team.overhead")]);
        let (bp, bs) = (base::run(&plain), base::run(&s));
        assert_eq!(
            bp.map(|b| b.totals).map_err(|e| e.to_string()),
            bs.map(|b| b.totals).map_err(|e| e.to_string())
        );
    }

    #[test]
    fn correlated_runs_are_identical_on_any_thread_count() {
        let text = format!(
            "{}[[correlation]]\ninputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = -0.7\n",
            FIXED
                .replace("premium = 0.25", "premium = [0.1, 0.4]")
                .replace("multiplier = 2.5", "multiplier = [2, 3]")
        );
        let s = scenario(&text);
        let run_on = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap_or_else(|e| panic!("{e}"))
                .install(|| Trials::new(&s, 5000, 3).run(&NoProgress))
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let (one, two) = (run_on(1), run_on(2));
        assert_eq!(one.totals, two.totals);
        assert_eq!(one.stats, two.stats);
    }
}
