//! `[[costs]]` entries: names, and the month or `from`/`to` schedule.

use super::{rejects, tiny_and};

fn cost(body: &str) -> String {
    tiny_and(&format!("[[costs]]\n{body}"))
}

#[test]
fn cost_names_differing_only_in_case_are_duplicates() {
    rejects(
        &cost(
            "name = \"Training\"\namount = 1\nmonth = \"2027-01\"\n[[costs]]\nname = \"training\"\namount = 2\nmonth = \"2027-02\"\n",
        ),
        "scenario.toml:14:8: costs.name: a cost named \"training\" is already defined (names are compared ignoring case)",
        "different name",
    );
}

#[test]
fn cost_named_like_a_built_in_column_is_rejected() {
    for name in ["Total", "npv", "month", "RAMP_em"] {
        rejects(
            &cost(&format!(
                "name = \"{name}\"\namount = 1\nmonth = \"2027-01\"\n"
            )),
            &format!("scenario.toml:10:8: costs.name: \"{name}\" is the name of a built-in column"),
            "give the cost a name of its own",
        );
    }
}

#[test]
fn cost_with_an_empty_name_is_rejected() {
    rejects(
        &cost("name = \"  \"\namount = 1\nmonth = \"2027-01\"\n"),
        "scenario.toml:10:8: costs.name: expected a non-empty name",
        "name the cost",
    );
}

#[test]
fn cost_with_both_month_and_from_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\nmonth = \"2027-01\"\nfrom = \"2027-01\"\n"),
        "scenario.toml:13:1: costs.from: `month` and `from` are both given",
        "not both",
    );
}

#[test]
fn cost_with_neither_month_nor_from_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\n"),
        "scenario.toml:9:1: costs.month: a cost needs `month` (one-off) or `from` (recurring)",
        "add month = \"2027-03\"",
    );
}

#[test]
fn cost_ending_before_it_starts_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\nfrom = \"2027-03\"\nto = \"2027-02\"\n"),
        "scenario.toml:13:6: costs.to: 2027-02 is before `from` (2027-03)",
        "on or after `from`",
    );
}

#[test]
fn cost_with_to_and_month_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\nmonth = \"2027-03\"\nto = \"2027-04\"\n"),
        "scenario.toml:13:1: costs.to: `to` is only used with `from`",
        "remove `to`",
    );
}

#[test]
fn cost_before_start_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\nmonth = \"2026-01\"\n"),
        "scenario.toml:12:9: costs.month: 2026-01 is before the scenario starts (2027-01)",
        "2027-01 or later",
    );
}
