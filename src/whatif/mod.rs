//! What-if analysis: `compare` (several scenarios side by side) and `sweep`
//! (a one- or two-way data table over the exact base case). Both reuse the run
//! pipeline unchanged, so their figures equal those of `adoptcost run`.

pub mod charts;
pub mod compare;
pub mod sweep;
pub mod vary;

use std::path::Path;

use crate::app::{self, print_stdout};
use crate::cli::{CompareArgs, SweepArgs};
use crate::error::AppError;
use crate::export::{self, OutputFile};
use crate::sample::{MAX_SAMPLES, Progress};
use crate::scenario;
use crate::text::money;

/// Sweeps with more combinations than this show a progress bar (about two
/// seconds of work on a laptop), when stderr is a terminal.
const PROGRESS_FROM: usize = 20_000;

/// `adoptcost compare`: computes every scenario like `run` (nothing is written
/// if any is invalid), then writes `comparison.csv` and the two comparison
/// charts and prints the table.
pub fn compare_command(args: &CompareArgs) -> Result<(), AppError> {
    let overrides = app::parse_overrides(&args.overrides.set)?;
    let loaded = app::load_all(&args.scenarios, &overrides)?;
    if args.samples > MAX_SAMPLES {
        return Err(AppError::Input(format!(
            "--samples {} is above the limit of {MAX_SAMPLES}; 10,000 to 100,000 samples give stable percentiles",
            args.samples
        )));
    }
    let mut results = Vec::with_capacity(loaded.len());
    for l in loaded {
        let progress = Progress::for_run(args.samples, l.scenario.months, false);
        let r = app::compute(l.scenario, args.samples, args.seed, &progress)?;
        progress.finish();
        results.push(r);
    }
    let rows = compare::rows(&results);
    let mut files = vec![OutputFile {
        name: "comparison.csv".to_string(),
        bytes: compare::csv(&rows)?,
    }];
    files.extend(charts::comparison_charts(
        &compare::chart_data(&results),
        app::ChartOptions::from_args(&args.charts),
    )?);
    if let Some(warning) = compare::currency_warning(&rows) {
        app::print_stderr(&format!("warning: {warning}\n"));
    }
    let written = write_all(&args.out, &files)?;
    let sampled = (args.samples > 0).then_some((args.samples, args.seed));
    let mut report = compare::stdout_table(&rows, sampled);
    report.push_str(&format!("  files: {written}\n"));
    print_stdout(&report);
    Ok(())
}

/// `adoptcost sweep`: checks every `--vary`, computes every combination, then
/// writes `sweep.csv` and `sweep.png` into the scenario's output folder.
pub fn sweep_command(args: &SweepArgs) -> Result<(), AppError> {
    let sets = app::parse_overrides(&args.overrides.set)?;
    vary::check_count(args.vary.len()).map_err(AppError::Input)?;
    // The flags' own mistakes are found before the file is read.
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
    let progress = sweep_progress(combinations, args.quiet);
    let result = sweep::run(&parsed, &sets, base.scenario, varies, |done| {
        if let Some(bar) = &progress {
            bar.set_position(done as u64);
        }
    });
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let result = result?;
    for (w, values) in &result.warnings {
        if base_warnings.contains(w) {
            app::print_stderr(&format!("warning: {w}\n"));
        } else {
            // Earned only at some values: say the first.
            app::print_stderr(&format!(
                "warning: at --vary {}: {w}\n",
                sweep::describe(&result.varies, values)
            ));
        }
    }
    if result.more_warnings > 0 {
        app::print_stderr(&format!(
            "warning: ... and {} more different warnings from other combinations\n",
            result.more_warnings
        ));
    }
    let mut files = vec![OutputFile {
        name: "sweep.csv".to_string(),
        bytes: sweep::csv(&result)?,
    }];
    files.extend(charts::sweep_charts(
        &sweep::chart_data(&result),
        app::ChartOptions::from_args(&args.charts),
    )?);
    let dir = args.out.join(&result.scenario.slug);
    let written = write_all(&dir, &files)?;
    if !args.quiet {
        print_stdout(&sweep_report(&result, &written));
    }
    Ok(())
}

/// A progress bar on stderr for long sweeps on a terminal.
fn sweep_progress(combinations: usize, quiet: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || combinations < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(combinations as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("sweep {bar:40} {percent}% ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Writes every file atomically into `dir`; returns `dir/{a, b}` for reports.
fn write_all(dir: &Path, files: &[OutputFile]) -> Result<String, AppError> {
    export::prepare_dir(dir)?;
    for f in files {
        export::write_atomic(dir, &f.name, &f.bytes)?;
    }
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    Ok(format!("{}/{{{}}}", dir.display(), names.join(", ")))
}

fn sweep_report(result: &sweep::Sweep, written: &str) -> String {
    let s = &result.scenario;
    let cur = &s.currency;
    let axes: Vec<String> = result
        .varies
        .iter()
        .map(|v| {
            let n = v.values.len();
            format!(
                "{} ({} value{})",
                v.column,
                vary::group(n),
                if n == 1 { "" } else { "s" }
            )
        })
        .collect();
    let at = |r: &sweep::SweepRow| sweep::describe(&result.varies, &r.values);
    let n = result.rows.len();
    let mut out = format!("{} ({})\n", s.name, s.file);
    out.push_str(&format!(
        "  sweep        {} = {} base case{}\n",
        axes.join(" × "),
        vary::group(n),
        if n == 1 { "" } else { "s" }
    ));
    if let Some((low, high)) = sweep::extremes(result) {
        out.push_str(&format!(
            "  lowest       {:>18} {cur}  at {}\n",
            money(low.total),
            at(low)
        ));
        out.push_str(&format!(
            "  highest      {:>18} {cur}  at {}\n",
            money(high.total),
            at(high)
        ));
    }
    out.push_str(&format!("  files        {written}\n"));
    out
}
