//! Thin entry point: run the library with the arguments, exit with its code.

fn main() -> std::process::ExitCode {
    adoptcost::run(std::env::args_os())
}
