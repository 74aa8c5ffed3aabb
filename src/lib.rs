//! adoptcost: what will it cost our team to adopt Rust, month by month, and how
//! sure are we? The program as a library. Data and imports flow one way
//! (`tests/integration/layering.rs` keeps it so):
//!
//! `text`, `error` → `scenario` (the input) → `model` (the formulas) →
//! `sample` (Monte Carlo) → `whatif` (compare, sweep) → `export` (files) →
//! `output` (the terminal) → `commands` (one file per subcommand), driven by
//! `cli` and [`run`].

mod cli;
mod commands;
mod error;
mod export;
mod interrupt;
mod model;
mod output;
mod sample;
mod scenario;
mod text;
mod whatif;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

/// Parses arguments, runs the command, prints errors; returns the exit code
/// (0 success, 1 runtime failure, 2 invalid input or usage).
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::print_stderr(&format!("error: {e}\n"));
            ExitCode::from(e.exit_code())
        }
    }
}

/// The small surface the benchmarks (`benches/`), the fuzz targets (`fuzz/`)
/// and the property tests that share `fuzz/src/exercise.rs` drive, so that
/// everything else can be crate-private.
#[doc(hidden)]
pub mod harness {
    pub use crate::error::AppError;
    pub use crate::export::chart_files::ChartOptions;
    pub use crate::export::csv::samples as samples_csv;
    pub use crate::export::scenario_files;
    pub use crate::export::xlsx::workbook;
    pub use crate::model::base::{MAX_FIGURE, run as base_case};
    pub use crate::model::sensitivity::sensitivity;
    pub use crate::sample::results::{Results, compute};
    pub use crate::sample::{NoProgress, SampleError, Trials};
    pub use crate::scenario::{Override, Scenario, ScenarioError, load, load_str, parse_file};
    pub use crate::whatif::sweep::run as run_sweep;
    pub use crate::whatif::vary::{
        Vary, check_all as check_varies, parse as parse_vary, resolve as resolve_vary,
    };
}
