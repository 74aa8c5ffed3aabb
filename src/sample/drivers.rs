//! The sampled columns of `sensitivity.csv` (MODEL.md §5): how each uncertain
//! input moves with the total over every trial — its rank correlation, its
//! share of the variance (Crystal Ball's "contribution to variance") and
//! where its draws sit in the worst tenth of the trials.
//!
//! Unlike the tornado, these see the inputs move together: a correlated input
//! shares the credit of its partner.

use rayon::prelude::*;

use super::rank::{average_ranks, median_percentile_rank, pearson};
use super::{CHUNK, DrawScratch, Draws, STORE_BUDGET};
use crate::model::sensitivity::SensitivityRow;

/// Fills each row's `sampled` columns from the trials' drawn inputs (drawn
/// again from `draws`: the streams make them the very same) and `totals`
/// (every trial's horizon total, in trial order); `p90` is the unrounded
/// sampled P90 of the total. Inputs are taken a group at a time so that at
/// most [`STORE_BUDGET`] values are held, whatever the number of trials.
pub(crate) fn fill(draws: &Draws, totals: &[f64], p90: f64, rows: &mut [SensitivityRow]) {
    let n = totals.len();
    if n == 0 || rows.is_empty() {
        return;
    }
    let total_ranks = average_ranks(totals);
    let worst: Vec<usize> = (0..n).filter(|&t| totals[t] >= p90).collect();
    let total_varies = totals.iter().any(|&t| t != totals[0]);
    let per_group = (STORE_BUDGET / n).clamp(1, rows.len());
    for group in rows.chunks_mut(per_group) {
        let inputs: Vec<usize> = group.iter().map(|r| r.input).collect();
        let columns = columns(draws, n, &inputs);
        group
            .par_iter_mut()
            .zip(columns.par_iter())
            .for_each(|(row, column)| {
                let varies = column.iter().any(|&v| v != column[0]);
                if !(varies && total_varies) {
                    return;
                }
                let ranks = average_ranks(column);
                row.sampled.rank_correlation = pearson(&ranks, &total_ranks);
                row.sampled.tail_percentile = median_percentile_rank(&ranks, &worst);
            });
    }
    let sum: f64 = rows
        .iter()
        .filter_map(|r| r.sampled.rank_correlation)
        .map(|r| r * r)
        .sum();
    if sum > 0.0 {
        for row in rows.iter_mut() {
            row.sampled.variance_share = row.sampled.rank_correlation.map(|r| r * r / sum);
        }
    }
}

/// The drawn values of `inputs` in every one of `n` trials, one column each.
fn columns(draws: &Draws, n: usize, inputs: &[usize]) -> Vec<Vec<f64>> {
    let width = draws.width();
    let per_chunk: Vec<Vec<Vec<f64>>> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|k| {
            let rows = CHUNK.min(n - k * CHUNK);
            let mut x = vec![0.0; rows * width];
            draws.chunk(k, &mut x, &mut DrawScratch::default());
            inputs
                .iter()
                .map(|&i| x.chunks_exact(width).map(|row| row[i]).collect())
                .collect()
        })
        .collect();
    let mut out: Vec<Vec<f64>> = inputs.iter().map(|_| Vec::with_capacity(n)).collect();
    for chunk in per_chunk {
        for (col, part) in out.iter_mut().zip(chunk) {
            col.extend(part);
        }
    }
    out
}
