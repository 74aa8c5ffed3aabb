//! `[adoption]`, `team.attrition`, `team.current_stack` and
//! `benefits.ramp_months` (MODEL.md v2 §1): every broken rule located, with
//! what was expected and how to fix it.

use super::{rejects, tiny_and};
use crate::support::{TINY, Test};

#[test]
fn waves_must_be_a_list() {
    rejects(
        &tiny_and("[adoption]\nwaves = 3\n"),
        "scenario.toml:10:9: adoption.waves: expected a list of waves, found the number 3",
        "waves = [{ month = \"2027-03\", engineers = 6 }",
    );
}

#[test]
fn a_wave_before_the_start_is_an_error() {
    rejects(
        &tiny_and("[adoption]\nwaves = [{ month = \"2026-12\", engineers = 1 }]\n"),
        "scenario.toml:10:10: adoption.waves.month: wave in 2026-12 is before the scenario starts (2027-01)",
        "team.know_rust",
    );
}

#[test]
fn waves_holding_more_than_the_team_name_the_sum_and_the_team_size() {
    rejects(
        &tiny_and(
            "[adoption]\nwaves = [{ month = \"2027-01\", engineers = 0.75 }, { month = \"2027-02\", engineers = 0.5 }]\n",
        ),
        "scenario.toml:10:9: adoption.waves: the waves hold 1.25 engineers in all, more than the 1 of team.engineers",
        "hiring.plan",
    );
}

#[test]
fn a_wave_needs_its_engineers_and_knows_no_other_key() {
    let run = Test::new()
        .scenario(&tiny_and(
            "[adoption]\nwaves = [{ month = \"2027-01\", people = 1 }]\n",
        ))
        .base_case()
        .status(2)
        .run();
    run.nothing_written()
        .stderr_has("adoption.waves.people: unknown key in a wave")
        .stderr_has("adoption.waves.engineers: a wave needs `engineers`");
}

#[test]
fn a_negative_wave_is_outside_its_domain() {
    rejects(
        &tiny_and("[adoption]\nwaves = [{ month = \"2027-01\", engineers = -1 }]\n"),
        "scenario.toml:10:43: adoption.waves.engineers: expected a number ≥ 0, found -1",
        "engineers = 6",
    );
}

#[test]
fn more_than_100_waves_are_refused() {
    let waves: Vec<String> = (0..101)
        .map(|_| "{ month = \"2027-01\", engineers = 0 }".to_string())
        .collect();
    rejects(
        &tiny_and(&format!("[adoption]\nwaves = [{}]\n", waves.join(", "))),
        "scenario.toml:10:9: adoption.waves: expected at most 100 waves, found 101",
        "merge the waves",
    );
}

#[test]
fn a_wave_after_the_horizon_earns_a_warning_and_adds_nothing() {
    let run = Test::new()
        .scenario(&tiny_and(
            "[adoption]\nwaves = [{ month = \"2027-06\", engineers = 1 }]\n",
        ))
        .base_case()
        .run();
    run.stderr_has("warning: scenario.toml:10:10: adoption.waves.month: wave in 2027-06 is at or after the end of the horizon (2027-03)");
    let monthly = run.monthly();
    run.column_is(&monthly, "rust_engineers", &["0.000", "0.000", "0.000"]);
}

#[test]
fn attrition_above_1_is_outside_its_domain() {
    rejects(
        &TINY.replace("salary = 120000", "salary = 120000\nattrition = 1.3"),
        "scenario.toml:9:13: team.attrition: expected a number between 0 and 1, found 1.3",
        "share",
    );
}

#[test]
fn a_savings_ramp_beyond_60_months_is_outside_its_domain() {
    rejects(
        &tiny_and("[benefits]\nramp_months = 61\n"),
        "scenario.toml:10:15: benefits.ramp_months: expected a number between 0 and 60, found 61",
        "between 0 and 60",
    );
}

#[test]
fn the_current_stack_is_printable_text_of_at_most_40_characters() {
    rejects(
        &TINY.replace(
            "salary = 120000",
            "salary = 120000\ncurrent_stack = \"   \"",
        ),
        "scenario.toml:9:17: team.current_stack: expected the name of the team's current stack, found only white space",
        "current_stack = \"Go\"",
    );
    rejects(
        &TINY.replace(
            "salary = 120000",
            &format!("salary = 120000\ncurrent_stack = \"{}\"", "x".repeat(41)),
        ),
        "scenario.toml:9:17: team.current_stack: expected at most 40 characters, found 41",
        "current_stack",
    );
    rejects(
        &TINY.replace(
            "salary = 120000",
            "salary = 120000\ncurrent_stack = \"Go\\u001b[2J\"",
        ),
        "scenario.toml:9:17: team.current_stack: expected printable text, found a control character",
        "current_stack",
    );
}

#[test]
fn a_cost_may_not_take_the_name_of_the_new_columns() {
    for name in ["rust_engineers", "Run_Rate"] {
        rejects(
            &tiny_and(&format!(
                "[[costs]]\nname = \"{name}\"\namount = 1\nmonth = \"2027-01\"\n"
            )),
            &format!("scenario.toml:10:8: costs.name: \"{name}\" is the name of a built-in column"),
            "give the cost a name of its own",
        );
    }
}
