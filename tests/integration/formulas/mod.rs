//! Hand-computed base cases (MODEL.md §2-§4) on tiny scenarios.
//!
//! Each scenario switches off everything but the line item under test:
//! `overhead = 0` and `value_multiplier = 1` make L = V = salary / 12 = 10000
//! for a salary of 120000; `builds.incremental_per_day = 0` and
//! `clean_per_day = 0` make W = 0 (no build_wait); `team.know_rust = 1` or
//! `engineers = 0` leaves nobody to ramp; `mentoring = 0` removes mentoring;
//! the default `steady_productivity = 1` gives productivity 0. The expected
//! numbers are derived in the comments from the formulas of MODEL.md.

mod adoption;
mod costs_and_savings;
mod hiring;
mod horizon;
mod ramp;
mod totals;

use crate::support::outputs::check_outputs;
use crate::support::{Outcome, Test};

/// Runs the base case of a scenario; whatever the test checks besides, its
/// CSV files must add up (MODEL.md §3-§5).
#[track_caller]
fn base_case(text: &str) -> Outcome {
    let run = Test::new().scenario(text).base_case().run();
    check_outputs(&run, "scenario.toml");
    run
}

/// Inputs at the limits MODEL.md §1 allows (magnitudes up to 1e12, 600
/// months) must give either exact files whose totals are the sums of their
/// cells, or an overflow error naming the inputs (§4: "never a wrapped
/// value"). Here productivity alone is 1e12 · 0.9 engineer-months a month at
/// V = 1e12 · 1.3 / 12 · 20, about 1.95e24 a month, 1.17e27 over the horizon:
/// more digits than a decimal holds with two places.
#[test]
fn figures_at_the_input_limits_add_up_or_are_refused() {
    let run = Test::new()
        .scenario(
            r#"
[scenario]
name = "At the limits"
start = "2027-01"
months = 600

[team]
engineers = 1e12
salary = 1e12
value_multiplier = 20

[ramp]
steady_productivity = 0.1
"#,
        )
        .base_case()
        .status_in(&[0, 2])
        .run();
    if run.status == Some(2) {
        run.stderr_has("overflow").nothing_written();
    } else {
        check_outputs(&run, "scenario.toml");
    }
}
