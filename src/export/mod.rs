//! Exporters: turn computed results into files. They never recompute the model.
//! Files are built in memory, then written into their folder as one
//! transaction (`fs.rs`).

pub(crate) mod chart;
pub(crate) mod chart_files;
pub(crate) mod csv;
pub(crate) mod fs;
pub(crate) mod labels;
pub(crate) mod portfolio;
pub(crate) mod report;
pub(crate) mod xlsx;

pub(crate) use fs::{FolderOptions, OutputFolder, WhenBusy, commit_all, write_new_file};

use crate::error::AppError;
use crate::sample::results::Results;
use chart_files::ChartOptions;

/// Files `run` writes in a scenario's folder. After a successful run, those
/// this run did not write (e.g. `bands.csv` after `--samples 0`, charts after
/// `--no-charts`) belong to an earlier run and no longer match the CSV files
/// beside them, so they are removed. Other files (e.g. `sweep.csv`) are kept.
pub(crate) const RUN_OUTPUTS: [&str; 17] = [
    "monthly.csv",
    "summary.csv",
    "sensitivity.csv",
    "bands.csv",
    "samples.csv",
    "model.xlsx",
    report::REPORT_FILE,
    "cumulative.png",
    "breakdown.png",
    "tornado.png",
    "distribution.png",
    "capacity.png",
    "cumulative.svg",
    "breakdown.svg",
    "tornado.svg",
    "distribution.svg",
    "capacity.svg",
];

/// Files `sweep` writes in a scenario's folder (beside those of `run`).
pub(crate) const SWEEP_OUTPUTS: [&str; 3] = ["sweep.csv", "sweep.png", "sweep.svg"];

/// Files `solve` writes in a scenario's folder (beside those of `run`).
pub(crate) const SOLVE_OUTPUTS: [&str; 3] = ["solve.csv", "solve.png", "solve.svg"];

/// Files `compare` writes in its folder.
pub(crate) const COMPARE_OUTPUTS: [&str; 5] = [
    "comparison.csv",
    "comparison.png",
    "comparison_totals.png",
    "comparison.svg",
    "comparison_totals.svg",
];

/// A file ready to be written: its name in the output folder and its bytes.
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files of one scenario's results: its CSV files and its charts.
pub fn scenario_files(
    results: &Results,
    charts: ChartOptions,
) -> Result<Vec<OutputFile>, AppError> {
    let base = &results.base;
    let stats = results.sampled.as_ref().map(|s| s.stats.as_slice());
    let mut files = vec![
        OutputFile {
            name: "monthly.csv".to_string(),
            bytes: csv::monthly(base)?,
        },
        OutputFile {
            name: "summary.csv".to_string(),
            bytes: csv::summary(base, stats, &results.scenario.currency)?,
        },
        OutputFile {
            name: "sensitivity.csv".to_string(),
            bytes: csv::sensitivity(&results.sensitivity, &results.scenario)?,
        },
    ];
    if let Some(sampled) = &results.sampled {
        files.push(OutputFile {
            name: "bands.csv".to_string(),
            bytes: csv::bands(base, &sampled.bands)?,
        });
    }
    files.extend(chart_files::scenario_charts(results, charts)?);
    Ok(files)
}
