//! Months and dates: malformed, impossible, or before the scenario starts.

use super::{rejects, tiny_and};
use crate::support::TINY;

#[test]
fn month_13_is_not_a_month() {
    rejects(
        &TINY.replace("\"2027-01\"", "\"2027-13\""),
        "scenario.toml:3:9: scenario.start: expected a month as \"YYYY-MM\" (years 1900-9000), found \"2027-13\"",
        "\"2027-03\"",
    );
}

#[test]
fn month_with_a_slash_is_not_a_month() {
    rejects(
        &TINY.replace("\"2027-01\"", "\"2027/01\""),
        "scenario.toml:3:9: scenario.start: expected a month as \"YYYY-MM\" (years 1900-9000), found \"2027/01\"",
        "\"2027-03\"",
    );
}

#[test]
fn unquoted_date_is_not_a_month() {
    rejects(
        &TINY.replace("\"2027-01\"", "2027-01-01"),
        "scenario.toml:3:9: scenario.start: expected a month as \"YYYY-MM\" (years 1900-9000), found the date 2027-01-01 (without quotes)",
        "write the month in quotes",
    );
}

#[test]
fn impossible_holiday_is_rejected() {
    rejects(
        &tiny_and("[builds]\nholidays = [\"2027-02-30\"]\n"),
        "scenario.toml:10:13: builds.holidays: expected a real calendar date \"YYYY-MM-DD\", found the text \"2027-02-30\"",
        "the day must exist in that month",
    );
    // Written as a TOML date, the TOML parser itself refuses it, located.
    rejects(
        &tiny_and("[builds]\nholidays = [2027-02-30]\n"),
        "scenario.toml:10:13: this is not valid TOML",
        "check quotes",
    );
}

#[test]
fn opening_before_start_is_rejected() {
    rejects(
        &tiny_and("[hiring]\nplan = [{ month = \"2026-12\", count = 1 }]\n"),
        "scenario.toml:10:9: hiring.plan.month: opening in 2026-12 is before the scenario starts (2027-01)",
        "team.engineers",
    );
}

#[test]
fn an_opening_without_a_count_is_rejected() {
    rejects(
        &tiny_and("[hiring]\nplan = [{ month = \"2027-02\" }]\n"),
        "scenario.toml:10:9: hiring.plan.count: an opening needs `count`",
        "add count = N",
    );
}

#[test]
fn savings_before_start_are_rejected() {
    rejects(
        &tiny_and("[benefits]\nfrom = \"2026-12\"\n"),
        "scenario.toml:10:8: benefits.from: 2026-12 is before the scenario starts (2027-01)",
        "savings can start in 2027-01 or later",
    );
}
