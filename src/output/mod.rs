//! Everything printed to the terminal: the reports on stdout, warnings and the
//! progress bar on stderr. The engine never prints; commands hand their results
//! here.

pub(crate) mod assumptions;
pub(crate) mod compare;
pub(crate) mod portfolio;
pub(crate) mod progress;
pub(crate) mod solve;
pub(crate) mod summary;
pub(crate) mod sweep;

use std::io::{self, Write};
use std::path::Path;

pub(crate) use progress::ProgressBar;

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
pub(crate) fn print_stdout(text: &str) {
    let mut out = io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        // The reader went away: nothing more to say to it.
    }
}

/// Writes to stderr; a closed stderr must not turn a warning into a panic
/// (`eprintln!` panics when the write fails, e.g. `2>&1 | head`).
pub(crate) fn print_stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// Prints `warning: {message}` on stderr.
pub(crate) fn warn(message: &str) {
    print_stderr(&format!("warning: {message}\n"));
}

/// `dir/{a, b}`: the files a command wrote, as its report lists them.
pub(crate) fn file_list<S: AsRef<str>>(dir: &Path, names: &[S]) -> String {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    format!("{}/{{{}}}", dir.display(), names.join(", "))
}

/// `s` when `n` is not one: `1 month`, `2 months`.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
