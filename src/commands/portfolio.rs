//! `adoptcost portfolio`: several teams' scenarios as one organisation. Every
//! team is computed as `adoptcost run` computes it and its usual folder is
//! written under `OUT/<portfolio>/teams/<team>/` by `run`'s own code; the
//! organisation's files (months added by calendar month, shared inputs drawn
//! once per trial) go to `OUT/<portfolio>/`. Nothing is written unless the
//! portfolio file and every team file are valid and every figure computed.

use super::run::{render, stage};
use super::{chart_options, open_folder, parse_overrides};
use crate::cli::{FolderArgs, PortfolioArgs, RunArgs};
use crate::error::AppError;
use crate::export::{self, OutputFile, RUN_OUTPUTS, commit_all};
use crate::output::{self, ProgressBar, print_stdout};
use crate::sample::portfolio::OrgTrials;
use crate::sample::results::{Results, compute};
use crate::sample::{NoProgress, check_sample_count};
use crate::scenario::portfolio;
use crate::whatif::portfolio::{calendar, combine};

/// The portfolio's own files (the CSV files and its charts); outputs of an
/// earlier run that this one did not write are removed.
pub(crate) const PORTFOLIO_OUTPUTS: [&str; 12] = [
    "monthly.csv",
    "summary.csv",
    "sensitivity.csv",
    "bands.csv",
    "teams.png",
    "cumulative.png",
    "tornado.png",
    "distribution.png",
    "teams.svg",
    "cumulative.svg",
    "tornado.svg",
    "distribution.svg",
];

pub(crate) fn portfolio(args: &PortfolioArgs) -> Result<(), AppError> {
    let overrides = parse_overrides(&args.overrides.set)?;
    let portfolio = portfolio::load(&args.portfolio, &overrides)
        .map_err(|errors| AppError::Input(errors.join("\nerror: ")))?;
    for team in &portfolio.teams {
        for w in &team.warnings {
            output::warn(w);
        }
    }
    check_sample_count(args.samples)?;
    // Take the organisation's folder and every team's first: a second run
    // into them refuses (or waits) now, not after the computation.
    let dir = args.out.join(&portfolio.slug);
    let org_folder = open_folder(&dir, &args.folder)?;
    let mut team_folders = Vec::with_capacity(portfolio.teams.len());
    for team in &portfolio.teams {
        team_folders.push(open_folder(
            &dir.join("teams").join(&team.slug),
            &args.folder,
        )?);
    }
    // Every team exactly as `run` with the same flags would compute it.
    let run_args = team_run_args(args);
    let mut teams: Vec<(Results, Vec<OutputFile>)> = Vec::new();
    for team in &portfolio.teams {
        let results = compute(team.scenario.clone(), args.samples, args.seed, &NoProgress)?;
        let files = render(&results, &run_args)?;
        teams.push((results, files));
    }
    let sampled = if args.samples > 0 {
        let spans: Vec<_> = teams
            .iter()
            .map(|(r, _)| (r.scenario.start, r.scenario.months))
            .collect();
        let (_, offsets, months) = calendar(&spans);
        let with_offsets: Vec<_> = teams
            .iter()
            .map(|(r, _)| &r.scenario)
            .zip(offsets)
            .collect();
        let trials = OrgTrials::new(
            &with_offsets,
            months,
            &portfolio.shared,
            args.samples,
            args.seed,
        );
        let progress = ProgressBar::for_sampling(args.samples, months * teams.len(), args.quiet);
        let sampled = trials.run(&progress).map_err(|(team, e)| {
            AppError::Input(format!("{}: {e}", teams[team].0.scenario.file))
        })?;
        progress.finish();
        Some(sampled)
    } else {
        None
    };
    let (team_results, team_files): (Vec<Results>, Vec<Vec<OutputFile>>) =
        teams.into_iter().unzip();
    let results = combine(portfolio, team_results, sampled).ok_or_else(|| {
        AppError::Input(format!(
            "{}: the organisation's figures exceed the largest figure written (10^20)",
            args.portfolio.display()
        ))
    })?;
    let mut files = export::portfolio::csv_files(&results)?;
    files.extend(export::chart_files::portfolio_charts(
        &results,
        chart_options(&args.charts),
    )?);
    // Written only now, as one transaction per folder: every figure and file
    // is ready, and every team's folder is complete before any is replaced.
    for ((r, files), folder) in results.teams.iter().zip(&team_files).zip(&mut team_folders) {
        stage(folder, r, files, &run_args)?;
    }
    let mut org_folder = org_folder;
    for f in &files {
        org_folder.stage(&f.name, &f.bytes)?;
    }
    commit_all(team_folders, &RUN_OUTPUTS)?;
    let written = commit_all(vec![org_folder], &PORTFOLIO_OUTPUTS)?.concat();
    if !args.quiet {
        print_stdout(&output::portfolio::report(&results, &dir, &written));
    }
    Ok(())
}

/// The `run` flags every team is computed and written with.
fn team_run_args(args: &PortfolioArgs) -> RunArgs {
    RunArgs {
        scenarios: Vec::new(),
        out: args.out.clone(),
        overrides: crate::cli::Overrides { set: Vec::new() },
        samples: args.samples,
        seed: args.seed,
        export_samples: false,
        quiet: true,
        charts: crate::cli::ChartArgs {
            no_charts: args.charts.no_charts,
            svg: args.charts.svg,
            chart_size: args.charts.chart_size,
        },
        xlsx: args.xlsx,
        // Each team's report.html is not written by `portfolio` (yet).
        report: false,
        folder: FolderArgs {
            wait: args.folder.wait,
            force: args.folder.force,
        },
        csv_dialect: crate::export::csv::CsvDialect::default(),
    }
}
