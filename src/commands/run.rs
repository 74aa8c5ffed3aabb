//! `adoptcost run`: for each scenario, the base case, sensitivity and sampling,
//! then its CSV files, charts, (with `--xlsx`) workbook and (with `--report`)
//! `report.html`, written into `OUT/<scenario>/` only once every scenario is
//! computed, then a summary.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Sampling, chart_options, compute_each, load_all, open_folder, parse_overrides};
use crate::cli::RunArgs;
use crate::error::AppError;
use crate::export::{self, OutputFile, OutputFolder, RUN_OUTPUTS, commit_all};
use crate::output::print_stdout;
use crate::output::summary::summary_text;
use crate::sample::results::Results;
use crate::sample::{Trials, check_sample_count};
use crate::scenario::Loaded;

pub(crate) fn run(args: &RunArgs) -> Result<(), AppError> {
    let overrides = parse_overrides(&args.overrides.set)?;
    let loaded = load_all(&args.scenarios, &overrides)?;
    check_distinct_folders(&loaded, &args.out)?;
    check_sample_count(args.samples)?;
    if args.xlsx {
        // A workbook that cannot be built is refused before any work (exit 1:
        // the input is valid, the workbook is what falls short).
        for l in &loaded {
            export::xlsx::check_fits(&l.scenario).map_err(AppError::Runtime)?;
        }
    }
    // Take every folder first: a second run into one of them refuses (or
    // waits) now, not after the computation.
    let folders = open_folders(&loaded, args)?;
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
    // Every file of every folder complete before any folder is replaced.
    let mut staged = Vec::with_capacity(all.len());
    for ((results, files), mut folder) in all.iter().zip(folders) {
        stage(&mut folder, results, files, args)?;
        staged.push(folder);
    }
    let dirs: Vec<_> = staged.iter().map(|f| f.path().to_path_buf()).collect();
    let written = commit_all(staged, &RUN_OUTPUTS)?;
    let mut report = String::new();
    for (((results, _), dir), written) in all.iter().zip(&dirs).zip(&written) {
        report.push_str(&summary_text(results, dir, written));
    }
    if !args.quiet {
        print_stdout(&report);
    }
    Ok(())
}

/// Each scenario's folder `OUT/<slug>`, in the order of the scenarios; taken
/// in the order of their names, so that two waiting runs cannot each hold
/// what the other waits for.
fn open_folders(loaded: &[Loaded], args: &RunArgs) -> Result<Vec<OutputFolder>, AppError> {
    let mut order: Vec<usize> = (0..loaded.len()).collect();
    order.sort_by(|&a, &b| loaded[a].scenario.slug.cmp(&loaded[b].scenario.slug));
    let mut folders: Vec<Option<OutputFolder>> = loaded.iter().map(|_| None).collect();
    for i in order {
        let dir = args.out.join(&loaded[i].scenario.slug);
        folders[i] = Some(open_folder(&dir, &args.folder)?);
    }
    Ok(folders.into_iter().flatten().collect())
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

/// Writes one scenario's files into its folder's staging folder, and streams
/// `samples.csv` there when asked.
pub(super) fn stage(
    folder: &mut OutputFolder,
    results: &Results,
    files: &[OutputFile],
    args: &RunArgs,
) -> Result<(), AppError> {
    for f in files {
        folder.stage(&f.name, &f.bytes)?;
    }
    if args.export_samples && args.samples > 0 {
        // Sampled again while writing: millions of rows are never held in memory.
        let trials = Trials::new(&results.scenario, args.samples, args.seed);
        folder.stage_streamed("samples.csv", |out| export::csv::samples(&trials, out))?;
    }
    Ok(())
}
