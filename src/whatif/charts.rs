//! The one place where the what-if commands get their charts.
//!
//! Both commands build the data their charts need ([`ComparisonChart`],
//! [`SweepChart`]) and call the functions below; the files these return are
//! written next to the CSV files (atomically, after everything else is
//! computed) and listed in the command's report. The drawing itself is in
//! `src/export/chart/` (`comparison.rs`, `sweep.rs`, `heatmap.rs`).

use rayon::prelude::*;

use crate::app::ChartOptions;
use crate::error::AppError;
use crate::export::OutputFile;
use crate::export::chart::{self, ChartError, ComparisonKind, Target};

use super::compare::ComparisonChart;
use super::sweep::SweepChart;

/// Draws `comparison.png` (cumulative total over time per scenario: base line
/// and P10-P90 band, on one calendar axis or on months since each start) and
/// `comparison_totals.png` (each scenario's base total with P10-P90 whiskers),
/// with SVG twins when asked; nothing with `--no-charts`.
pub fn comparison_charts(
    chart: &ComparisonChart,
    options: ChartOptions,
) -> Result<Vec<OutputFile>, AppError> {
    if !options.enabled {
        return Ok(Vec::new());
    }
    // The two charts are independent: draw them at the same time.
    let rendered: Vec<Result<Vec<OutputFile>, AppError>> = ComparisonKind::ALL
        .par_iter()
        .map(|&kind| {
            files(kind.file_stem(), options, |target| {
                chart::render_comparison(kind, chart, options.size, target)
            })
        })
        .collect();
    let mut out = Vec::new();
    for r in rendered {
        out.extend(r?);
    }
    Ok(out)
}

/// Draws `sweep.png`: a line of the total over the values of one key, or a
/// heat map with a labelled cell per combination for two keys (first key on
/// the rows), with an SVG twin when asked; nothing with `--no-charts`.
pub fn sweep_charts(
    chart: &SweepChart,
    options: ChartOptions,
) -> Result<Vec<OutputFile>, AppError> {
    if !options.enabled {
        return Ok(Vec::new());
    }
    files("sweep", options, |target| {
        chart::render_sweep(chart, options.size, target)
    })
}

/// `stem.png`, and `stem.svg` with `--svg`, from one drawing function.
fn files(
    stem: &str,
    options: ChartOptions,
    render: impl Fn(Target<'_>) -> Result<(), ChartError>,
) -> Result<Vec<OutputFile>, AppError> {
    let failed = |e: ChartError| AppError::Runtime(anyhow::anyhow!("{stem}.png: {e}"));
    let mut png = Vec::new();
    render(Target::Png(&mut png)).map_err(failed)?;
    let mut out = vec![OutputFile {
        name: format!("{stem}.png"),
        bytes: png,
    }];
    if options.svg {
        let mut svg = String::new();
        render(Target::Svg(&mut svg))
            .map_err(|e| AppError::Runtime(anyhow::anyhow!("{stem}.svg: {e}")))?;
        out.push(OutputFile {
            name: format!("{stem}.svg"),
            bytes: svg.into_bytes(),
        });
    }
    Ok(out)
}
