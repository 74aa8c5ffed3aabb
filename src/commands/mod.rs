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

use crate::cli::{ChartArgs, Cli, Command, FolderArgs};
use crate::error::AppError;
use crate::export::chart_files::ChartOptions;
use crate::export::{FolderOptions, OutputFile, OutputFolder, WhenBusy, commit_all};
use crate::interrupt;
use crate::output::{self, ProgressBar};
use crate::sample::results::{Results, compute};
use crate::scenario::{self, Loaded, Override};

/// Runs the command the arguments name.
pub(crate) fn run(cli: Cli) -> Result<(), AppError> {
    if matches!(
        cli.command,
        Command::Run(_) | Command::Compare(_) | Command::Sweep(_) | Command::Solve(_)
    ) {
        // Without the handler (its thread could not start), Ctrl-C ends the
        // run the usual way and the next run removes its staging folder.
        let _ = interrupt::install_handler();
    }
    let result = with_thread_pool(|| match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Check(args) => check::check(&args),
        Command::New(args) => new::new(&args),
        Command::Compare(args) => compare::compare(&args),
        Command::Sweep(args) => sweep::sweep(&args),
        Command::Portfolio(args) => portfolio::portfolio(&args),
        Command::Solve(args) => solve::solve(&args),
        Command::Assumptions => assumptions::assumptions(),
    });
    // Whatever step noticed Ctrl-C first, the run ends as interrupted.
    result.map_err(|e| {
        if interrupt::requested() {
            AppError::Interrupted
        } else {
            e
        }
    })
}

/// Runs `work` with the threads of the global pool (`RAYON_NUM_THREADS` or
/// one per core); when they cannot start (a memory or process limit), on the
/// current thread alone, with a warning, rather than failing at the first
/// parallel step.
fn with_thread_pool<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    let Err(e) = rayon::ThreadPoolBuilder::new().build_global() else {
        return work();
    };
    output::warn(&format!(
        "cannot start the worker threads ({e}); computing on one thread, which is slower"
    ));
    // This thread becomes the pool's only worker: everything runs here.
    match rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .use_current_thread()
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
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

/// Computes every scenario in turn, each with its own progress bar, and hands each result to `then` (which may render its
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

/// Takes the output folder `dir` for this run, before any work (see
/// `export/fs.rs`): a second run into it refuses, or with `--wait` says so
/// and waits.
fn open_folder(dir: &Path, args: &FolderArgs) -> Result<OutputFolder, AppError> {
    let options = FolderOptions {
        when_busy: if args.wait {
            WhenBusy::Wait
        } else {
            WhenBusy::Refuse
        },
        force: args.force,
    };
    OutputFolder::open(dir, options, &output::waiting_for)
}

/// Writes `files` into `folder` as one transaction; `outputs` are the names
/// the command may write there, whose stale copies go. Returns `dir/{a, b}`
/// for reports.
fn write_all(
    mut folder: OutputFolder,
    files: &[OutputFile],
    outputs: &[&str],
) -> Result<String, AppError> {
    for f in files {
        folder.stage(&f.name, &f.bytes)?;
    }
    let dir = folder.path().to_path_buf();
    let written = commit_all(vec![folder], outputs)?.concat();
    Ok(output::file_list(&dir, &written))
}
