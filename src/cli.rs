//! Command-line definitions (clap derive only; behaviour lives in `commands/`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::export::chart::{SIZE_RULE, check_size};
use crate::export::csv::CsvDialect;

/// Default seed for sampling: fixed, so two runs of the same scenario agree.
pub(crate) const DEFAULT_SEED: u64 = 20_240_601;
/// Default number of Monte Carlo trials.
pub(crate) const DEFAULT_SAMPLES: usize = 10_000;

#[derive(Debug, Parser)]
#[command(
    name = "adoptcost",
    version,
    about = "What will it cost our team to adopt Rust, month by month, and how sure are we?",
    long_about = "adoptcost projects, month by month, what it costs a team to do its work in Rust \
instead of its current stack: salary premiums, slower hiring, ramp-up, mentoring, build waits, \
CI minutes, one-off costs and savings. Inputs may be ranges; the tool reports the base case \
exactly (to the cent) and P10/P50/P90 from seeded Monte Carlo sampling.",
    after_help = "Examples:\n  adoptcost new scenarios/my-team.toml\n  adoptcost run scenarios/mid-size-team.toml\n  adoptcost run scenarios/*.toml --set hiring.premium=0.35\n  adoptcost check scenarios/my-team.toml\n  adoptcost solve scenarios/mid-size-team.toml --vary ramp.months --target p90:total=2500000\n  adoptcost assumptions\n\nExit codes: 0 success, 1 runtime failure (I/O), 2 invalid input or usage."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run scenarios: write monthly.csv, summary.csv and charts to OUT/<scenario>/
    #[command(
        after_help = "Examples:\n  adoptcost run scenarios/mid-size-team.toml\n  adoptcost run scenarios/retrain-go-team.toml --set hiring.premium=0.35 --set 'ramp.months=[2,4]'\n  adoptcost run scenarios/*.toml --out reports --samples 50000 --seed 7\n  adoptcost run scenarios/mid-size-team.toml --samples 0 --no-charts\n  adoptcost run scenarios/mid-size-team.toml --report"
    )]
    Run(RunArgs),
    /// Validate scenarios without writing anything
    #[command(
        after_help = "Examples:\n  adoptcost check scenarios/*.toml\n  adoptcost check my-team.toml --set hiring.premium=0.4"
    )]
    Check(CheckArgs),
    /// Compare scenarios side by side: comparison.csv, two charts and a table, cheapest first
    ///
    /// Runs every scenario exactly as `adoptcost run` does, with the same --samples and --seed
    /// for all, and writes OUT/comparison.csv: one row per scenario, in the order given, with
    /// the base-case total, the mean and P10/P50/P90 of the sampled total, cash, capacity
    /// (money and engineer-months), NPV and break-even month; comparison.png (cumulative cost
    /// of each scenario with its P10-P90 band) and comparison_totals.png (totals with P10-P90
    /// whiskers). Prints a table, cheapest first,
    /// with each scenario's difference to the cheapest. Each scenario is measured over its own
    /// months (nothing is cut to a common window); scenarios in different currencies are
    /// flagged, never converted. Nothing is written if any scenario is invalid.
    #[command(
        after_help = "Examples:\n  adoptcost compare scenarios/mid-size-team.toml scenarios/hire-rust-team.toml\n  adoptcost compare scenarios/*.toml --samples 50000 --seed 7 --out reports/compare\n  adoptcost compare scenarios/*.toml --samples 0 --set hiring.premium=0.35\n  adoptcost compare scenarios/*.toml --svg --chart-size 1920x1080"
    )]
    Compare(CompareArgs),
    /// Sweep one or two inputs over a range, like a spreadsheet data table
    ///
    /// Computes the exact base case for every value of one key, or every combination of two,
    /// and writes OUT/<scenario-slug>/sweep.csv: one column per varied key (named by its dotted
    /// key), then total, cash_total, capacity_cost, capacity_em, npv and break_even, one row per
    /// combination (the first key varies slowest), and sweep.png: the total as a line over one
    /// key, or a heat map over two. Every row equals `adoptcost run --set KEY=VALUE` at that
    /// value, to the cent.
    #[command(
        after_help = "Examples:\n  # the total at a salary premium of 0%, 5%, ..., 50%\n  adoptcost sweep scenarios/mid-size-team.toml --vary hiring.premium=0:0.5:0.05\n  # a grid: premium × months of ramp-up\n  adoptcost sweep scenarios/mid-size-team.toml \\\n      --vary hiring.premium=0.1:0.4:0.1 --vary ramp.months=2,3,4,6\n  # a cost's amount, with another key fixed\n  adoptcost sweep scenarios/mid-size-team.toml \\\n      --vary costs.training_course=10000:50000:10000 --set hiring.multiplier=2\n\nKeys: every uncertain input (hiring.premium, ramp.months, team.salary, ...),\ncosts.<name> (or costs.<name>.amount), team.engineers, scenario.discount_rate,\nscenario.months, builds.hours_per_day. At most two --vary and 1,000,000 combinations."
    )]
    Sweep(SweepArgs),
    /// One organisation view over many teams' scenarios, added by calendar month
    ///
    /// Reads a portfolio file ([portfolio] name and currency, one [[team]] per team's scenario
    /// file with optional name and set overrides, [shared] inputs drawn once per trial for every
    /// team) and writes OUT/<portfolio-slug>/: monthly.csv (each team's total by slug, then
    /// org_total, org_cumulative, org_cash_total, org_capacity_cost, org_capacity_em), summary.csv
    /// (one row per team and one for the organisation), sensitivity.csv, bands.csv, and each
    /// team's usual folder under teams/<team-slug>/, exactly as `adoptcost run` writes it.
    /// Nothing is written if the portfolio or any team file is invalid.
    #[command(
        after_help = "Examples:\n  adoptcost portfolio scenarios/portfolio/platform-org.toml\n  adoptcost portfolio scenarios/portfolio/platform-org.toml --samples 50000 --seed 7 --out reports\n  adoptcost portfolio scenarios/portfolio/platform-org.toml --set hiring.premium=0.35 --samples 0"
    )]
    Portfolio(PortfolioArgs),
    /// Goal seek: find the value of one input that meets a goal
    ///
    /// Searches the range of one numeric key (--within FROM:TO, or the key's domain where it is
    /// finite) for the value at which the goal is met. Every value tried is computed exactly as
    /// `adoptcost run --set KEY=VALUE` would compute it; the answer is confirmed by one more run
    /// at that value and printed in the key's unit, with the figure there and the number of model
    /// evaluations. Goals: METRIC=VALUE on the exact base case (any summary.csv metric: total,
    /// cash_total, npv, run_rate, ...), pNN:METRIC=VALUE or mean:METRIC=VALUE on the sampled
    /// distribution (the same seed and draws at every value), break_even=YYYY-MM (breaks even in
    /// or before that month) and chance:break_even=P (at least that share of trials breaks even
    /// within the horizon); for the last two the answer is the largest or smallest value that
    /// still meets the goal. A goal not reached in the range, or reached at several places, is
    /// refused with what the figure does there. With --out, writes OUT/<scenario-slug>/solve.csv
    /// and solve.png (the figure against the key, the target and the answer).
    #[command(
        after_help = "Examples:\n  # which premium still breaks even by month 18? (if Rust makes the team 15% more productive)\n  adoptcost solve scenarios/cpp-to-rust-savings.toml --vary hiring.premium \\\n      --target break_even=2028-06 --set ramp.steady_productivity=1.15\n  # how long may ramp-up take before the P90 passes the budget?\n  adoptcost solve scenarios/mid-size-team.toml --vary ramp.months --target p90:total=2500000\n  # how many engineers can we retrain for 1M?\n  adoptcost solve scenarios/retrain-go-team.toml --vary team.engineers \\\n      --target total=1000000 --within 0:100\n  # the premium at which the total is zero, with a chart\n  adoptcost solve scenarios/cpp-to-rust-savings.toml --vary hiring.premium \\\n      --target total=0 --out output\n\nKeys: the numeric keys --set accepts (every uncertain input, costs.<name>, team.engineers,\nscenario.discount_rate, scenario.months, builds.hours_per_day). The answer is the value to\ngive --set: `adoptcost run SCENARIO --set KEY=VALUE` reproduces the figure."
    )]
    Solve(SolveArgs),
    /// Write a commented template scenario with the default assumptions
    #[command(
        after_help = "Examples:\n  adoptcost new\n  adoptcost new scenarios/platform-team.toml"
    )]
    New(NewArgs),
    /// Print every default assumption with its unit and source
    Assumptions,
}

#[derive(Debug, Args)]
pub(crate) struct Overrides {
    /// Override a scenario key without editing the file, in TOML value syntax
    /// (e.g. hiring.premium=0.35, 'ramp.months=[2,4]', costs.training.amount=9000).
    /// Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub(crate) set: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// Scenario files (TOML)
    #[arg(required = true, value_name = "SCENARIO")]
    pub(crate) scenarios: Vec<PathBuf>,
    /// Folder to write results into; each scenario gets OUT/<scenario-slug>/
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub(crate) out: PathBuf,
    #[command(flatten)]
    pub(crate) overrides: Overrides,
    /// Monte Carlo trials (0 skips sampling)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SAMPLES)]
    pub(crate) samples: usize,
    /// Seed of the random generator: the same seed and samples give identical files
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub(crate) seed: u64,
    /// Also write samples.csv: every trial's sampled inputs and totals
    #[arg(long)]
    pub(crate) export_samples: bool,
    /// Print nothing on stdout and no progress bar
    #[arg(long, short)]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) charts: ChartArgs,
    #[command(flatten)]
    pub(crate) folder: FolderArgs,
    /// Also write model.xlsx: a workbook whose formulas stay live (edit an
    /// assumption and every month, total and cumulative value follows)
    #[arg(long)]
    pub(crate) xlsx: bool,
    /// Also write report.html: a one-file decision memo for a planning meeting
    /// (question and answer, key figures, the charts, the inputs with their
    /// sources, what the model leaves out). It fetches nothing, opens offline,
    /// prints one section per page and fits a phone screen; its charts are
    /// drawn even with --no-charts.
    #[arg(long)]
    pub(crate) report: bool,
    /// CSV files for a spreadsheet's locale: standard (comma, decimal point)
    /// or eu (semicolon, decimal comma)
    #[arg(long, value_name = "DIALECT", default_value = "standard", value_parser = CsvDialect::parse)]
    pub(crate) csv_dialect: CsvDialect,
}

/// The chart flags, the same for `run`, `compare`, `sweep` and `solve`.
#[derive(Debug, Args)]
pub(crate) struct ChartArgs {
    /// Write no charts
    #[arg(long)]
    pub(crate) no_charts: bool,
    /// Also write an SVG twin of each chart
    #[arg(long)]
    pub(crate) svg: bool,
    /// Chart size in pixels
    #[arg(long, value_name = "WxH", default_value = "1600x900", value_parser = parse_size)]
    pub(crate) chart_size: (u32, u32),
}

/// How `run`, `compare`, `sweep` and `solve` take their output folder.
#[derive(Debug, Args)]
pub(crate) struct FolderArgs {
    /// If another adoptcost run is writing into the same output folder, wait
    /// for it to finish instead of refusing
    #[arg(long)]
    pub(crate) wait: bool,
    /// Write into an output folder that is not empty although adoptcost did
    /// not create it (only the files adoptcost writes are replaced; none is removed)
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Scenario files (TOML)
    #[arg(required = true, value_name = "SCENARIO")]
    pub(crate) scenarios: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) overrides: Overrides,
}

#[derive(Debug, Args)]
pub(crate) struct CompareArgs {
    /// Scenario files (TOML), in the order of comparison.csv
    #[arg(required = true, value_name = "SCENARIO")]
    pub(crate) scenarios: Vec<PathBuf>,
    /// Folder to write comparison.csv and the comparison charts into
    #[arg(long, value_name = "DIR", default_value = "output/compare")]
    pub(crate) out: PathBuf,
    #[command(flatten)]
    pub(crate) overrides: Overrides,
    /// Monte Carlo trials per scenario (0 skips sampling)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SAMPLES)]
    pub(crate) samples: usize,
    /// Seed of the random generator, the same for every scenario
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub(crate) seed: u64,
    #[command(flatten)]
    pub(crate) charts: ChartArgs,
    #[command(flatten)]
    pub(crate) folder: FolderArgs,
}

#[derive(Debug, Args)]
pub(crate) struct SweepArgs {
    /// Scenario file (TOML)
    #[arg(value_name = "SCENARIO")]
    pub(crate) scenario: PathBuf,
    /// A key and its values: FROM:TO:STEP in exact decimals (0.1:0.4:0.1 is 0.1, 0.2, 0.3, 0.4)
    /// or a list v1,v2,v3. Give it once for a line, twice for a grid.
    #[arg(long, required = true, value_name = "KEY=FROM:TO:STEP")]
    pub(crate) vary: Vec<String>,
    /// Folder to write results into; the sweep goes to OUT/<scenario-slug>/sweep.csv and sweep.png
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub(crate) out: PathBuf,
    #[command(flatten)]
    pub(crate) overrides: Overrides,
    /// Print nothing on stdout
    #[arg(long, short)]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) charts: ChartArgs,
    #[command(flatten)]
    pub(crate) folder: FolderArgs,
}

#[derive(Debug, Args)]
pub(crate) struct SolveArgs {
    /// Scenario file (TOML)
    #[arg(value_name = "SCENARIO")]
    pub(crate) scenario: PathBuf,
    /// The key to solve for: a numeric key --set accepts, e.g. hiring.premium
    #[arg(long, required = true, value_name = "KEY")]
    pub(crate) vary: String,
    /// The goal: METRIC=VALUE (base case), pNN:METRIC=VALUE or mean:METRIC=VALUE (sampled),
    /// break_even=YYYY-MM or chance:break_even=P
    #[arg(long, required = true, value_name = "GOAL")]
    pub(crate) target: String,
    /// The range to search, e.g. 0:0.5 (default: the key's domain, where it is finite)
    #[arg(long, value_name = "FROM:TO", allow_hyphen_values = true)]
    pub(crate) within: Option<String>,
    #[command(flatten)]
    pub(crate) overrides: Overrides,
    /// Monte Carlo trials of a sampled goal, the same at every value tried
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SAMPLES)]
    pub(crate) samples: usize,
    /// Seed of a sampled goal: the same draws at every value tried
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub(crate) seed: u64,
    /// Also write OUT/<scenario-slug>/solve.csv and solve.png
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Print nothing on stdout
    #[arg(long, short)]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) charts: ChartArgs,
    #[command(flatten)]
    pub(crate) folder: FolderArgs,
}

#[derive(Debug, Args)]
pub(crate) struct PortfolioArgs {
    /// Portfolio file (TOML): [portfolio], one [[team]] per team's scenario, [shared]
    #[arg(value_name = "PORTFOLIO")]
    pub(crate) portfolio: PathBuf,
    /// Folder to write results into; the portfolio gets OUT/<portfolio-slug>/
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub(crate) out: PathBuf,
    /// Override a key in every team's scenario (after each team's own `set`)
    #[command(flatten)]
    pub(crate) overrides: Overrides,
    /// Monte Carlo trials (0 skips sampling)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SAMPLES)]
    pub(crate) samples: usize,
    /// Seed of the random generator: the same seed and samples give identical files
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub(crate) seed: u64,
    /// Print nothing on stdout and no progress bar
    #[arg(long, short)]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) charts: ChartArgs,
    /// Also write each team's model.xlsx in its folder
    #[arg(long)]
    pub(crate) xlsx: bool,
    #[command(flatten)]
    pub(crate) folder: FolderArgs,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// Where to write the template (refuses to overwrite)
    #[arg(value_name = "PATH", default_value = "scenarios/my-team.toml")]
    pub(crate) path: PathBuf,
}

/// Parses `WxH`, e.g. `1600x900`, accepting only the sizes the chart renderer
/// draws (its own check), so that a bad size fails before any work.
pub(crate) fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let err = || format!("expected {SIZE_RULE}; found '{text}'");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(err)?;
    let w: u32 = w.trim().parse().map_err(|_| err())?;
    let h: u32 = h.trim().parse().map_err(|_| err())?;
    check_size(w, h).map_err(|_| err())?;
    Ok((w, h))
}
