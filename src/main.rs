//! Thin entry point: parse arguments, run, print errors, exit with a code.

use std::process::ExitCode;

fn main() -> ExitCode {
    adoptcost::main_with_args(std::env::args_os())
}
