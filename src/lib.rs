//! adoptcost: what will it cost our team to adopt Rust, month by month, and how
//! sure are we? The program as a library: scenario → model → sampling → exporters.

pub mod app;
pub mod assumptions;
pub mod cli;
pub mod error;
pub mod export;
pub mod model;
pub mod sample;
pub mod scenario;
pub mod text;
pub mod whatif;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Parses arguments, runs the command, prints errors; returns the exit code
/// (0 success, 1 runtime failure, 2 invalid input or usage).
pub fn main_with_args(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
