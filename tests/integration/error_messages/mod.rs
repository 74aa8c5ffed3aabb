//! Every validation rule of MODEL.md §1 has its message pinned here: where
//! (`file:line:col`), which key, what was expected and found, and the fix.
//! Every invalid input exits with status 2 and writes nothing.
//!
//! Refusals that belong to one command are pinned beside it: `sweep`'s
//! `--vary` in `sweep.rs`, `new`'s in `new.rs`, `check`'s in `check.rs`; the
//! limits, encodings and overflow messages in `hardening/`. `solve`'s flags,
//! a command of their own (key, goal, range), are pinned here in `solve.rs`.

mod adoption;
mod command_line;
mod correlation;
mod costs;
mod dates;
mod keys;
mod portfolio;
mod ranges;
mod solve;
mod values;

use crate::support::{Outcome, TINY, Test};

/// Runs the base case of an invalid scenario: exit 2, nothing written, and
/// `error: <expected>` on stderr, once, followed by a help line containing `help`.
#[track_caller]
fn rejects(text: &str, expected: &str, help: &str) -> Outcome {
    let run = Test::new().scenario(text).base_case().status(2).run();
    run.nothing_written()
        .stderr_has(&format!("error: {expected}"))
        .help_has(help)
        .check(
            run.error_count() == 1,
            "one mistake should give exactly one error",
        );
    run
}

/// TINY followed by `more` (which starts on line 9).
fn tiny_and(more: &str) -> String {
    format!("{TINY}{more}")
}

#[test]
fn the_tiny_scenario_these_tests_edit_is_valid() {
    Test::new().scenario(TINY).base_case().run();
}
