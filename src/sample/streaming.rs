//! Large runs: exact percentiles in three passes over the trials without
//! keeping them (MODEL.md §4). Pass 1 finds each column's range and sum;
//! pass 2 counts its values in [`BINS`] bins; pass 3 keeps only the values of
//! the bins that hold the needed order statistics, and those are selected.
//! The RNG streams make every pass see the same trials.

use rayon::prelude::*;

use super::{CHUNK, Need, Progress, STORE_BUDGET, SampleError, Sampled, Trials, percentile};

/// Histogram bins per column in the streaming passes.
const BINS: usize = 4096;
/// The percentiles reported.
const PERCENTILES: [f64; 3] = [10.0, 50.0, 90.0];

/// Per column: minimum, maximum and sum.
type Range = [f64; 3];
/// Per column: the bins holding a needed order statistic, each with the number
/// of values in the bins before it.
type Targets = Vec<Vec<(usize, usize)>>;

impl Trials<'_> {
    /// Percentiles without storing the trials; `None` when the target bins
    /// would hold more than [`STORE_BUDGET`] values (a distribution with a
    /// heavy point mass), so the caller falls back to stored passes.
    pub(super) fn run_streaming(
        &self,
        progress: &dyn Progress,
    ) -> Result<Option<Sampled>, SampleError> {
        progress.set_total(self.samples * 3);
        let (range, totals) = self.ranges(progress)?;
        let counts = self.histograms(&range, progress)?;
        let (targets, kept) = target_bins(self.samples, &range, &counts);
        if kept > STORE_BUDGET {
            return Ok(None);
        }
        drop(counts);
        let kept_by_chunk = self.keep_target_values(&range, &targets, progress)?;
        let summaries = summaries(self.samples, &range, &targets, &kept_by_chunk);
        Ok(Some(self.assemble(summaries, totals)))
    }

    fn n_columns(&self) -> usize {
        self.metrics.len() + self.scenario.months
    }

    /// Column `c` of a trial: a metric, or a month's cumulative total.
    fn value(&self, c: usize, metrics: &[f64], by_month: &[f64]) -> f64 {
        let n_metrics = self.metrics.len();
        if c < n_metrics {
            metrics[c]
        } else {
            by_month[c - n_metrics]
        }
    }

    /// Pass 1: min, max and sum per column; the totals in trial order.
    fn ranges(&self, progress: &dyn Progress) -> Result<(Vec<Range>, Vec<f64>), SampleError> {
        let n_columns = self.n_columns();
        let total_column = self.metrics.total();
        let mut totals = vec![0.0; self.samples];
        let partials: Vec<Vec<Range>> = totals
            .par_chunks_mut(CHUNK)
            .enumerate()
            .map(|(k, slots)| {
                let mut acc = vec![[f64::INFINITY, f64::NEG_INFINITY, 0.0]; n_columns];
                self.run_chunk(k, Need::AllMonths, |t, _x, metrics, by_month| {
                    for (c, a) in acc.iter_mut().enumerate() {
                        let v = self.value(c, metrics, by_month);
                        a[0] = a[0].min(v);
                        a[1] = a[1].max(v);
                        a[2] += v;
                    }
                    slots[t] = metrics[total_column];
                })?;
                progress.advance(slots.len());
                Ok(acc)
            })
            .collect::<Result<_, SampleError>>()?;
        let mut range = vec![[f64::INFINITY, f64::NEG_INFINITY, 0.0]; n_columns];
        for chunk in &partials {
            for (r, a) in range.iter_mut().zip(chunk) {
                r[0] = r[0].min(a[0]);
                r[1] = r[1].max(a[1]);
                r[2] += a[2];
            }
        }
        Ok((range, totals))
    }

    /// Pass 2: histograms (integer counts: the merge order cannot matter).
    fn histograms(
        &self,
        range: &[Range],
        progress: &dyn Progress,
    ) -> Result<Vec<u32>, SampleError> {
        let n = self.samples;
        let n_columns = self.n_columns();
        (0..self.chunks())
            .into_par_iter()
            .try_fold(
                || vec![0u32; n_columns * BINS],
                |mut h, k| {
                    self.run_chunk(k, Need::AllMonths, |_t, _x, metrics, by_month| {
                        for c in 0..n_columns {
                            let v = self.value(c, metrics, by_month);
                            h[c * BINS + bin_of(range, c, v)] += 1;
                        }
                    })?;
                    progress.advance(CHUNK.min(n - k * CHUNK));
                    Ok(h)
                },
            )
            .try_reduce(
                || vec![0u32; n_columns * BINS],
                |mut a, b| {
                    a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                    Ok(a)
                },
            )
    }

    /// Pass 3: the values of the target bins, per chunk, one bag per target.
    fn keep_target_values(
        &self,
        range: &[Range],
        targets: &Targets,
        progress: &dyn Progress,
    ) -> Result<Vec<Vec<Vec<f64>>>, SampleError> {
        let n = self.samples;
        (0..self.chunks())
            .into_par_iter()
            .map(|k| {
                let mut bags: Vec<Vec<f64>> = targets
                    .iter()
                    .flat_map(|t| t.iter().map(|_| Vec::new()))
                    .collect();
                self.run_chunk(k, Need::AllMonths, |_t, _x, metrics, by_month| {
                    let mut bag = 0;
                    for (c, column_targets) in targets.iter().enumerate() {
                        if column_targets.is_empty() {
                            continue;
                        }
                        let v = self.value(c, metrics, by_month);
                        let b = bin_of(range, c, v);
                        for (i, &(tb, _)) in column_targets.iter().enumerate() {
                            if tb == b {
                                bags[bag + i].push(v);
                            }
                        }
                        bag += column_targets.len();
                    }
                })?;
                progress.advance(CHUNK.min(n - k * CHUNK));
                Ok(bags)
            })
            .collect::<Result<_, SampleError>>()
    }
}

/// The bin of value `v` in column `c`.
fn bin_of(range: &[Range], c: usize, v: f64) -> usize {
    let [lo, hi, _] = range[c];
    if hi > lo {
        (((v - lo) / (hi - lo) * BINS as f64) as usize).min(BINS - 1)
    } else {
        0
    }
}

/// The order statistics each percentile needs, and the bins holding them;
/// also how many values those bins hold in all.
fn target_bins(n: usize, range: &[Range], counts: &[u32]) -> (Targets, usize) {
    let mut targets: Targets = vec![Vec::new(); range.len()];
    let mut kept = 0usize;
    for (c, column_targets) in targets.iter_mut().enumerate() {
        if range[c][1] <= range[c][0] {
            continue; // one value: every percentile is it
        }
        let hist = &counts[c * BINS..(c + 1) * BINS];
        for &p in &PERCENTILES {
            let (lo, _) = percentile::rank(n, p);
            for r in [lo, (lo + 1).min(n - 1)] {
                let mut before = 0usize;
                for (b, &count) in hist.iter().enumerate() {
                    if r < before + count as usize {
                        if !column_targets.iter().any(|&(tb, _)| tb == b) {
                            column_targets.push((b, before));
                            kept += count as usize;
                        }
                        break;
                    }
                    before += count as usize;
                }
            }
        }
    }
    (targets, kept)
}

/// P10, P50, P90 and mean of every column, from the kept values.
fn summaries(
    n: usize,
    range: &[Range],
    targets: &Targets,
    kept_by_chunk: &[Vec<Vec<f64>>],
) -> Vec<[f64; 4]> {
    let mut summaries = Vec::with_capacity(range.len());
    let mut bag = 0;
    for (c, column_targets) in targets.iter().enumerate() {
        let [lo_v, _, sum] = range[c];
        let mean = sum / n as f64;
        if column_targets.is_empty() {
            summaries.push([lo_v, lo_v, lo_v, mean]);
            continue;
        }
        let mut bins: Vec<(usize, Vec<f64>)> = column_targets
            .iter()
            .enumerate()
            .map(|(i, &(_, before))| {
                let values = kept_by_chunk
                    .iter()
                    .flat_map(|chunk| chunk[bag + i].iter().copied())
                    .collect();
                (before, values)
            })
            .collect();
        bag += column_targets.len();
        let mut order_statistic = |r: usize| -> f64 {
            for (before, values) in bins.iter_mut() {
                if r >= *before && r < *before + values.len() {
                    let (_, v, _) = values.select_nth_unstable_by(r - *before, f64::total_cmp);
                    return *v;
                }
            }
            f64::NAN
        };
        let mut p3 = [0.0; 3];
        for (slot, &p) in p3.iter_mut().zip(&PERCENTILES) {
            let (lo, frac) = percentile::rank(n, p);
            let x0 = order_statistic(lo);
            *slot = if frac > 0.0 && lo + 1 < n {
                x0 + frac * (order_statistic(lo + 1) - x0)
            } else {
                x0
            };
        }
        summaries.push([p3[0], p3[1], p3[2], mean]);
    }
    summaries
}
