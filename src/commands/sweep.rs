//! `adoptcost sweep`: checks every `--vary` (the flags' own mistakes before the
//! file is read), computes the exact base case of every combination, then
//! writes `sweep.csv` and `sweep.png` into the scenario's output folder
//! (removing an earlier sweep's chart that this one does not draw) and prints
//! the extremes.

use super::{chart_options, open_folder, parse_overrides, write_all};
use crate::cli::SweepArgs;
use crate::error::AppError;
use crate::export::chart_files::{sweep_chart_data, sweep_charts};
use crate::export::{self, OutputFile, SWEEP_OUTPUTS};
use crate::output::{self, ProgressBar, print_stdout};
use crate::scenario;
use crate::whatif::{sweep, vary};

pub(crate) fn sweep(args: &SweepArgs) -> Result<(), AppError> {
    let sets = parse_overrides(&args.overrides.set)?;
    vary::check_count(args.vary.len()).map_err(AppError::Input)?;
    let specs = args
        .vary
        .iter()
        .map(|v| vary::parse(v))
        .collect::<Result<Vec<_>, String>>()
        .map_err(AppError::Input)?;
    let parsed =
        scenario::parse_file(&args.scenario).map_err(|e| AppError::Input(e.to_string()))?;
    let base = parsed
        .validate(&sets)
        .map_err(|e| AppError::Input(e.to_string()))?;
    let varies = specs
        .into_iter()
        .map(|s| vary::resolve(s, &base.scenario))
        .collect::<Result<Vec<_>, String>>()
        .map_err(AppError::Input)?;
    let combinations = vary::check_all(&varies).map_err(AppError::Input)?;
    let base_warnings: Vec<String> = base.warnings.iter().map(ToString::to_string).collect();
    let folder = open_folder(&args.out.join(&base.scenario.slug), &args.folder)?;

    let progress = ProgressBar::for_sweep(combinations, args.quiet);
    let result = sweep::run(&parsed, &sets, base.scenario, varies, &progress);
    progress.finish();
    let result = result?;
    output::sweep::print_warnings(&result, &base_warnings);

    let mut files = vec![OutputFile {
        name: "sweep.csv".to_string(),
        bytes: export::csv::sweep(&result)?,
    }];
    files.extend(sweep_charts(
        &sweep_chart_data(&result),
        chart_options(&args.charts),
    )?);
    let written = write_all(folder, &files, &SWEEP_OUTPUTS)?;
    if !args.quiet {
        print_stdout(&output::sweep::report(&result, &written));
    }
    Ok(())
}
