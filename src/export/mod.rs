//! Exporters: turn computed results into files. They never recompute the model.
//! Files are built in memory, then written atomically (`fs.rs`).

pub(crate) mod chart;
pub(crate) mod chart_files;
pub(crate) mod csv;
pub(crate) mod fs;
pub(crate) mod labels;
pub(crate) mod portfolio;
pub(crate) mod report;
pub(crate) mod xlsx;

pub(crate) use fs::{prepare_dir, write_atomic, write_streamed};

use crate::error::AppError;
use crate::sample::results::Results;
use chart_files::ChartOptions;

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
