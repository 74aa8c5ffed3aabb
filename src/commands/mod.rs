//! One file per subcommand, each reading as that command's whole story; this
//! file dispatches to them and holds the steps several of them share.

pub(crate) mod assumptions;
pub(crate) mod check;
pub(crate) mod compare;
pub(crate) mod new;
pub(crate) mod portfolio;
pub(crate) mod run;
pub(crate) mod solve;
pub(crate) mod sweep;

use std::path::{Path, PathBuf};

use crate::cli::{ChartArgs, Cli, Command};
use crate::error::AppError;
use crate::export::chart_files::ChartOptions;
use crate::export::{self, OutputFile};
use crate::output::{self, ProgressBar};
use crate::sample;
use crate::sample::results::{Results, compute};
use crate::scenario::{self, Loaded, Override};

/// Runs the command the arguments name.
pub(crate) fn run(cli: Cli) -> Result<(), AppError> {
    match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Check(args) => check::check(&args),
        Command::New(args) => new::new(&args),
        Command::Compare(args) => compare::compare(&args),
        Command::Sweep(args) => sweep::sweep(&args),
        Command::Portfolio(args) => portfolio::portfolio(&args),
        Command::Solve(args) => solve::solve(&args),
        Command::Assumptions => assumptions::assumptions(),
    }
}

/// The `--set KEY=VALUE` flags, each checked for its form.
fn parse_overrides(set: &[String]) -> Result<Vec<Override>, AppError> {
    set.iter()
        .map(|s| Override::parse(s).map_err(|e| AppError::Input(format!("--set {e}"))))
        .collect()
}

/// Loads every scenario and prints their warnings; all problems of all files
/// are reported together.
fn load_all(paths: &[PathBuf], overrides: &[Override]) -> Result<Vec<Loaded>, AppError> {
    let mut loaded = Vec::new();
    let mut messages = Vec::new();
    for path in paths {
        match scenario::load(path, overrides) {
            Ok(l) => loaded.push(l),
            Err(e) => messages.push(e.to_string()),
        }
    }
    for l in &loaded {
        for w in &l.warnings {
            output::warn(&w.to_string());
        }
    }
    if messages.is_empty() {
        Ok(loaded)
    } else {
        Err(AppError::Input(messages.join("\nerror: ")))
    }
}

/// How `run` and `compare` sample.
#[derive(Clone, Copy)]
struct Sampling {
    samples: usize,
    seed: u64,
    /// No progress bar.
    quiet: bool,
}

/// Computes every scenario in turn (after checking `--samples`), each with its
/// own progress bar, and hands each result to `then` (which may render its
/// files) before the next; nothing is written yet.
fn compute_each<T>(
    loaded: Vec<Loaded>,
    sampling: &Sampling,
    mut then: impl FnMut(Results) -> Result<T, AppError>,
) -> Result<Vec<T>, AppError> {
    let Sampling {
        samples,
        seed,
        quiet,
    } = *sampling;
    sample::check_sample_count(samples)?;
    let mut all = Vec::with_capacity(loaded.len());
    for l in loaded {
        let progress = ProgressBar::for_sampling(samples, l.scenario.months, quiet);
        let results = compute(l.scenario, samples, seed, &progress)?;
        progress.finish();
        all.push(then(results)?);
    }
    Ok(all)
}

/// The charts the chart flags ask for.
fn chart_options(args: &ChartArgs) -> ChartOptions {
    ChartOptions {
        enabled: !args.no_charts,
        svg: args.svg,
        size: args.chart_size,
    }
}

/// Writes every file atomically into `dir`; returns `dir/{a, b}` for reports.
fn write_all(dir: &Path, files: &[OutputFile]) -> Result<String, AppError> {
    export::prepare_dir(dir)?;
    for f in files {
        export::write_atomic(dir, &f.name, &f.bytes)?;
    }
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    Ok(output::file_list(dir, &names))
}
