//! `adoptcost check`: validates scenarios (and their base case) without
//! writing anything. That it accepts every shipped example is in `examples.rs`.

use crate::support::{TINY, Test, totals_beyond_1e20};

#[test]
fn check_reports_located_errors_with_status_2_and_writes_nothing() {
    Test::new()
        .file("good.toml", TINY)
        .file("bad.toml", format!("{TINY}[hiring]\npremium = 9\n"))
        .args(["check", "good.toml", "bad.toml"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has(
            "error: bad.toml:10:11: hiring.premium: expected a number between 0 and 3, found 9",
        );
}

#[test]
fn check_prints_one_ok_line_per_scenario_with_its_name_and_months() {
    Test::new()
        .file("tiny.toml", TINY)
        .file(
            "long.toml",
            TINY.replace("Tiny", "Long").replace("months = 3", "months = 36"),
        )
        .args(["check", "tiny.toml", "long.toml"])
        .stdout(
            "ok: tiny.toml (Tiny, 3 months from 2027-01)\nok: long.toml (Long, 36 months from 2027-01)\n",
        )
        .run()
        .nothing_written();
}

/// `check` computes the base case too, so a scenario `run` would refuse for
/// overflow is refused here, with the same message.
#[test]
fn check_refuses_a_scenario_whose_figures_overflow() {
    Test::new()
        .file("totals.toml", totals_beyond_1e20())
        .args(["check", "totals.toml"])
        .status(2)
        .stdout("")
        .run()
        .stderr_has("error: totals.toml: the figures overflow while computing `cumulative_total` for month 2027-05")
        .nothing_written();
}
