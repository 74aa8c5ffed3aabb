//! `adoptcost run`: for each scenario, the base case, sensitivity and sampling,
//! then its CSV files, charts, (with `--xlsx`) workbook and (with `--report`)
//! `report.html`, written into `OUT/<scenario>/` only once every scenario is
//! computed, then a summary.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Sampling, chart_options, compute_each, load_all, parse_overrides};
use crate::cli::RunArgs;
use crate::error::AppError;
use crate::export::{self, OutputFile};
use crate::output::print_stdout;
use crate::output::summary::summary_text;
use crate::sample::Trials;
use crate::sample::results::Results;
use crate::scenario::Loaded;

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
    export::report::REPORT_FILE,
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

pub(crate) fn run(args: &RunArgs) -> Result<(), AppError> {
    let overrides = parse_overrides(&args.overrides.set)?;
    let loaded = load_all(&args.scenarios, &overrides)?;
    check_distinct_folders(&loaded, &args.out)?;
    // Compute and render everything before touching any file.
    let sampling = Sampling {
        samples: args.samples,
        seed: args.seed,
        quiet: args.quiet,
    };
    let all = compute_each(loaded, &sampling, |results| {
        let files = render(&results, args)?;
        Ok((results, files))
    })?;
    let mut report = String::new();
    for (results, files) in &all {
        let dir = args.out.join(&results.scenario.slug);
        let written = write(results, files, &dir, args)?;
        report.push_str(&summary_text(results, &dir, &written));
    }
    if !args.quiet {
        print_stdout(&report);
    }
    Ok(())
}

/// Two scenarios must not write into the same folder.
fn check_distinct_folders(loaded: &[Loaded], out: &Path) -> Result<(), AppError> {
    let mut slugs: BTreeMap<&str, &str> = BTreeMap::new();
    for l in loaded {
        if let Some(other) = slugs.insert(&l.scenario.slug, &l.scenario.file) {
            return Err(AppError::Input(format!(
                "{} and {} both write to {}: give their [scenario] names different words",
                other,
                l.scenario.file,
                out.join(&l.scenario.slug).display()
            )));
        }
    }
    Ok(())
}

/// One scenario's files in memory: CSV files, charts and the workbook.
pub(super) fn render(results: &Results, args: &RunArgs) -> Result<Vec<OutputFile>, AppError> {
    let mut files = export::scenario_files(results, chart_options(&args.charts))?;
    for f in files.iter_mut().filter(|f| f.name.ends_with(".csv")) {
        f.bytes = export::csv::in_dialect(std::mem::take(&mut f.bytes), args.csv_dialect)?;
    }
    if args.xlsx {
        files.push(OutputFile {
            name: "model.xlsx".to_string(),
            bytes: export::xlsx::workbook(
                &results.scenario,
                &results.base,
                results.sampled.as_ref(),
                &results.sensitivity,
            )?,
        });
    }
    if args.report {
        files.push(OutputFile {
            name: export::report::REPORT_FILE.to_string(),
            bytes: export::report::report(results)?,
        });
    }
    Ok(files)
}

/// Writes one scenario's files into `dir`, streams `samples.csv` when asked,
/// and removes the outputs of an earlier run this one did not write. Returns
/// the names written, for the summary.
pub(super) fn write(
    results: &Results,
    files: &[OutputFile],
    dir: &Path,
    args: &RunArgs,
) -> Result<Vec<String>, AppError> {
    export::prepare_dir(dir)?;
    let mut written = Vec::new();
    for f in files {
        export::write_atomic(dir, &f.name, &f.bytes)?;
        written.push(f.name.clone());
    }
    if args.export_samples && args.samples > 0 {
        // Sampled again while writing: millions of rows are never held in memory.
        let trials = Trials::new(&results.scenario, args.samples, args.seed);
        export::write_streamed(dir, "samples.csv", |out| export::csv::samples(&trials, out))?;
        written.push("samples.csv".to_string());
    }
    remove_stale_outputs(dir, &written);
    Ok(written)
}

fn remove_stale_outputs(dir: &Path, written: &[String]) {
    for name in RUN_OUTPUTS {
        if !written.iter().any(|w| w == name) {
            // Best effort: a file that cannot be removed is left as it was.
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
}
