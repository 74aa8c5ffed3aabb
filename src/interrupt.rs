//! Ctrl-C. The first one asks the run to stop: a flag that the sampler, the
//! sweep and the file writer check between steps, so the run ends through its
//! usual error path (the staging folder removed, the output folders as they
//! were) with exit code 130. A second Ctrl-C ends the process at once.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the first Ctrl-C (or SIGTERM, SIGHUP).
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// The exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
pub(crate) const EXIT_CODE: u8 = 130;

/// Whether the user asked the run to stop.
pub(crate) fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Installs the handler (once per process). Without it (the handler thread
/// could not start), Ctrl-C ends the process the usual way.
pub(crate) fn install_handler() -> Result<(), String> {
    ctrlc::set_handler(|| {
        if REQUESTED.swap(true, Ordering::Relaxed) {
            // The second Ctrl-C: the user does not want to wait.
            std::process::exit(i32::from(EXIT_CODE));
        }
    })
    .map_err(|e| e.to_string())
}
