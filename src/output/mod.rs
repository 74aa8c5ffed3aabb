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

use crate::text::printable;

/// `text` as the terminal gets it: each line through [`printable`], the one
/// sanitising function, so no escape sequence, bell, NUL or carriage return
/// from a scenario, a file name or a flag reaches the terminal, whatever
/// message carries it. (Names are refused with such characters at
/// validation, and file names and messages made printable where they are
/// built, so a line break in them cannot fake a line either.)
fn terminal_text(text: &str) -> String {
    text.split('\n')
        .map(printable)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
pub(crate) fn print_stdout(text: &str) {
    let mut out = io::stdout().lock();
    if out
        .write_all(terminal_text(text).as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        // The reader went away: nothing more to say to it.
    }
}

/// Writes to stderr; a closed stderr must not turn a warning into a panic
/// (`eprintln!` panics when the write fails, e.g. `2>&1 | head`).
pub(crate) fn print_stderr(text: &str) {
    let _ = io::stderr()
        .lock()
        .write_all(terminal_text(text).as_bytes());
}

/// Prints `warning: {message}` on stderr.
pub(crate) fn warn(message: &str) {
    print_stderr(&format!("warning: {message}\n"));
}

/// Says that the run waits for another one (`--wait`).
pub(crate) fn waiting_for(dir: &Path) {
    print_stderr(&format!(
        "note: {} is being written by another adoptcost run; waiting for it to finish (--wait)\n",
        dir.display()
    ));
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
