//! `adoptcost solve`: checks the flags (their own mistakes before the file is
//! read), matches the key and the goal against the scenario, searches the
//! range for the value that meets the goal, then prints the answer and, with
//! `--out`, writes `solve.csv` and `solve.png` into the scenario's folder.

use super::{chart_options, open_folder, parse_overrides, write_all};
use crate::cli::SolveArgs;
use crate::error::AppError;
use crate::export::chart_files::{solve_chart_data, solve_charts};
use crate::export::{self, OutputFile, SOLVE_OUTPUTS};
use crate::output::{self, print_stdout};
use crate::sample;
use crate::scenario;
use crate::whatif::solve::{self, Problem};

pub(crate) fn solve(args: &SolveArgs) -> Result<(), AppError> {
    let sets = parse_overrides(&args.overrides.set)?;
    let key = solve::parse_key(&args.vary).map_err(AppError::Input)?;
    let goal = solve::parse_goal(&args.target).map_err(AppError::Input)?;
    let within = match &args.within {
        Some(text) => {
            let (from, to) = solve::parse_within(text).map_err(AppError::Input)?;
            Some((text.as_str(), from, to))
        }
        None => None,
    };
    sample::check_sample_count(args.samples)?;
    let parsed =
        scenario::parse_file(&args.scenario).map_err(|e| AppError::Input(e.to_string()))?;
    let base = parsed
        .validate(&sets)
        .map_err(|e| AppError::Input(e.to_string()))?;
    let scenario = &base.scenario;
    // Mistakes found against the scenario name its file, as `--set`'s do.
    let located = |e: String| AppError::Input(format!("{}: {e}", parsed.file));
    let key = solve::resolve_key(&key, scenario).map_err(located)?;
    solve::check_sets(&key, &sets, scenario).map_err(located)?;
    let target = solve::resolve_goal(&goal, scenario, args.samples).map_err(located)?;
    let range = solve::range(&key, within).map_err(located)?;
    // The output folder is taken before the search (see `run`).
    let folder = match &args.out {
        Some(out) => Some(open_folder(&out.join(&scenario.slug), &args.folder)?),
        None => None,
    };

    let solution = solve::solve(&Problem {
        parsed: &parsed,
        sets: &sets,
        scenario,
        key,
        target,
        range,
        samples: args.samples,
        seed: args.seed,
    })?;
    for w in &solution.warnings {
        output::warn(&w.to_string());
    }
    let files = match folder {
        Some(folder) => {
            let mut files = vec![OutputFile {
                name: "solve.csv".to_string(),
                bytes: export::csv::solve(&solution)?,
            }];
            files.extend(solve_charts(
                &solve_chart_data(&solution),
                chart_options(&args.charts),
            )?);
            Some(write_all(folder, &files, &SOLVE_OUTPUTS)?)
        }
        None => None,
    };
    if !args.quiet {
        print_stdout(&output::solve::report(&solution, &sets, files.as_deref()));
    }
    Ok(())
}
