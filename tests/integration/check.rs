//! `adoptcost check`: validates scenarios (and their base case) without
//! writing anything. That it accepts every shipped example is in `examples.rs`.

use crate::support::{TINY, Test};

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
