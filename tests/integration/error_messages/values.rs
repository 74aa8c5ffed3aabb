//! Numbers outside their domain (MODEL.md §1 tables) or beyond the limits
//! every number obeys (finite, magnitude ≤ 1e12, ≤ 15 significant digits).

use super::{rejects, tiny_and};
use crate::support::{TINY, Test};

// Domains (MODEL.md §1 tables).

#[test]
fn premium_above_3_is_outside_its_domain() {
    rejects(
        &tiny_and("[hiring]\npremium = 5\n"),
        "scenario.toml:10:11: hiring.premium: expected a number between 0 and 3, found 5",
        "hiring.premium is a share: write 0.25 for 25%",
    );
}

#[test]
fn know_rust_above_1_is_outside_its_domain() {
    rejects(
        &tiny_and("[hiring]\nknow_rust = 1.5\n"),
        "scenario.toml:10:13: hiring.know_rust: expected a number between 0 and 1, found 1.5",
        "share",
    );
}

#[test]
fn salary_of_zero_is_outside_its_domain() {
    rejects(
        &TINY.replace("salary = 120000", "salary = 0"),
        "scenario.toml:8:10: team.salary: expected a number > 0, found 0",
        "> 0",
    );
}

#[test]
fn steady_productivity_below_a_tenth_is_outside_its_domain() {
    rejects(
        &tiny_and("[ramp]\nsteady_productivity = 0.05\n"),
        "scenario.toml:10:23: ramp.steady_productivity: expected a number between 0.1 and 5, found 0.05",
        "between 0.1 and 5",
    );
}

#[test]
fn a_horizon_of_zero_months_is_rejected() {
    rejects(
        &TINY.replace("months = 3", "months = 0"),
        "scenario.toml:4:10: scenario.months: expected a whole number of months from 1 to 600, found 0",
        "months = 36",
    );
}

#[test]
fn a_horizon_above_600_months_is_rejected() {
    rejects(
        &TINY.replace("months = 3", "months = 601"),
        "scenario.toml:4:10: scenario.months: expected a whole number of months from 1 to 600, found 601",
        "months = 36",
    );
}

#[test]
fn discount_rate_above_1_is_outside_its_domain() {
    rejects(
        &TINY.replace("months = 3", "discount_rate = 1.5"),
        "scenario.toml:4:17: scenario.discount_rate: expected a number between 0 and 1, found 1.5",
        "0.08 for 8%",
    );
}

#[test]
fn unknown_build_size_is_rejected() {
    rejects(
        &tiny_and("[builds]\nsize = \"huge\"\n"),
        "scenario.toml:10:8: builds.size: expected \"small\", \"medium\" or \"large\", found \"huge\"",
        "pick the preset",
    );
}

#[test]
fn lowercase_currency_suggests_the_uppercase_code() {
    rejects(
        &TINY.replace("months = 3", "currency = \"usd\""),
        "scenario.toml:4:12: scenario.currency: expected three capital letters A-Z, found \"usd\"",
        "write currency = \"USD\"",
    );
}

// Number limits.

#[test]
fn nan_is_rejected() {
    rejects(
        &TINY.replace("salary = 120000", "salary = nan"),
        "scenario.toml:8:10: team.salary: expected a finite number (nan and inf are not allowed), found the number nan",
        "replace nan/inf",
    );
}

#[test]
fn inf_is_rejected_even_inside_a_range() {
    rejects(
        &TINY.replace("salary = 120000", "salary = inf"),
        "scenario.toml:8:10: team.salary: expected a finite number (nan and inf are not allowed), found the number inf",
        "replace nan/inf",
    );
    rejects(
        &TINY.replace("salary = 120000", "salary = [100000, inf]"),
        "scenario.toml:8:19: team.salary: expected a finite number (nan and inf are not allowed), found the number inf",
        "replace nan/inf",
    );
}

#[test]
fn number_above_1e12_is_rejected() {
    rejects(
        &TINY.replace("salary = 120000", "salary = 1000000000001"),
        "scenario.toml:8:10: team.salary: expected a number of magnitude at most 1e12, found the number 1000000000001",
        "limited to 1e12",
    );
}

#[test]
fn number_with_more_than_15_significant_digits_is_rejected() {
    rejects(
        &TINY.replace("salary = 120000", "salary = 120000.0000000001"),
        "scenario.toml:8:10: team.salary: expected a number with at most 15 significant digits, found the number 120000.0000000001",
        "round the number",
    );
}

/// MODEL.md §1 and docs/scenario-reference.md ("Limits"): *every* number has at
/// most 15 significant digits; a number written in quotes is no exception.
#[test]
fn quoted_number_with_more_than_15_significant_digits_is_rejected() {
    let run = Test::new()
        .scenario(&TINY.replace("salary = 120000", "salary = \"120000.00000000000001\""))
        .base_case()
        .status(2)
        .run();
    run.nothing_written()
        .stderr_has("error: scenario.toml:8:10: team.salary: expected a number with at most 15 significant digits");
}
