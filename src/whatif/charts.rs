//! The one place where the what-if commands get their charts.
//!
//! The chart module (`src/export/chart.rs`) is not on this branch yet. Both
//! commands already build the data their charts need ([`ComparisonChart`],
//! [`SweepChart`]) and call the functions below; whatever files these return
//! are written next to the CSV files (atomically, after everything else is
//! computed) and listed in the command's report. Until the chart module is
//! wired in here, they return no files, so no chart is claimed or written.

use crate::error::AppError;
use crate::export::OutputFile;

use super::compare::ComparisonChart;
use super::sweep::SweepChart;

/// Draws `comparison.png` (cumulative total over time per scenario: base line
/// and P10-P90 band; when `chart.same_months` is false each scenario is on its
/// own axis of months since its start and `chart.axis_note` must be shown) and
/// `comparison_totals.png` (each scenario's base total with P10-P90 whiskers).
///
/// Lead: call the chart module here. Nothing is drawn yet.
pub fn comparison_charts(_chart: &ComparisonChart) -> Result<Vec<OutputFile>, AppError> {
    Ok(Vec::new())
}

/// Draws `sweep.png`: a line of the total over the values of one key, or a
/// heat map with a labelled cell per combination for two keys (first key on
/// the rows).
///
/// Lead: call the chart module here. Nothing is drawn yet.
pub fn sweep_charts(_chart: &SweepChart) -> Result<Vec<OutputFile>, AppError> {
    Ok(Vec::new())
}
