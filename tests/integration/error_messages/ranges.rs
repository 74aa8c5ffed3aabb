//! Uncertain values (MODEL.md §1 first table): ranges and distributions
//! written wrong.

use super::{rejects, tiny_and};

#[test]
fn each_end_of_a_range_must_lie_in_the_domain() {
    rejects(
        &tiny_and("[hiring]\npremium = [0.2, 4]\n"),
        "scenario.toml:10:17: hiring.premium: expected a number between 0 and 3, found 4",
        "share",
    );
}

#[test]
fn range_with_low_above_high_suggests_swapping() {
    rejects(
        &tiny_and("[hiring]\npremium = [0.3, 0.2]\n"),
        "scenario.toml:10:11: hiring.premium: expected low < high, found low 0.3 and high 0.2",
        "swap them: [0.2, 0.3]",
    );
}

#[test]
fn range_with_low_equal_to_high_suggests_a_fixed_value() {
    rejects(
        &tiny_and("[hiring]\npremium = [0.3, 0.3]\n"),
        "scenario.toml:10:11: hiring.premium: expected low < high, found low 0.3 and high 0.3",
        "for a fixed value write just the number: hiring.premium = 0.3",
    );
}

#[test]
fn range_of_three_numbers_is_rejected() {
    rejects(
        &tiny_and("[hiring]\npremium = [0.1, 0.2, 0.3]\n"),
        "scenario.toml:10:11: hiring.premium: expected a range [low, high] of exactly two numbers, found 3 item(s)",
        "[0.20, 0.30]",
    );
}

#[test]
fn mode_outside_low_and_high_is_rejected() {
    rejects(
        &tiny_and("[ramp]\nmonths = { low = 3, mode = 7, high = 6, dist = \"triangular\" }\n"),
        "scenario.toml:10:28: ramp.months.mode: expected the mode between low (3) and high (6), found 7",
        "it must lie in [low, high]",
    );
}

#[test]
fn pert_without_mode_is_rejected() {
    rejects(
        &tiny_and("[ramp]\nmonths = { low = 3, high = 6, dist = \"pert\" }\n"),
        "scenario.toml:10:10: ramp.months: the pert distribution needs `mode`, its most likely value",
        "add mode = ...",
    );
}

#[test]
fn mode_given_for_a_normal_is_rejected() {
    rejects(
        &tiny_and("[ramp]\nmonths = { low = 3, mode = 4, high = 6, dist = \"normal\" }\n"),
        "scenario.toml:10:21: ramp.months.mode: `mode` is only used by triangular and pert distributions, not normal",
        "remove `mode`",
    );
}

#[test]
fn unknown_distribution_lists_the_known_ones() {
    rejects(
        &tiny_and("[ramp]\nmonths = { low = 3, high = 6, dist = \"gamma\" }\n"),
        "scenario.toml:10:38: ramp.months.dist: expected one of \"uniform\", \"triangular\", \"pert\", \"normal\", \"lognormal\", found the text \"gamma\"",
        "pick one of those distributions",
    );
}

#[test]
fn lognormal_needs_a_positive_low() {
    rejects(
        &tiny_and("[hiring]\ndays_to_hire = { low = 0, high = 60, dist = \"lognormal\" }\n"),
        "scenario.toml:10:16: hiring.days_to_hire.low: a lognormal needs low > 0, found 0",
        "small positive low",
    );
}
