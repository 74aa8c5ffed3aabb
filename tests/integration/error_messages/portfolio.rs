//! `adoptcost portfolio` refusals: each located in the portfolio file or in
//! the team file it comes from (team files named by their resolved path),
//! exit 2, nothing written.

use crate::support::{Outcome, TINY, Test};

const HEAD: &str = "[portfolio]\nname = \"Org\"\n";

/// A portfolio `org/p.toml` listing `org/a.toml` (TINY) and more; runs it.
#[track_caller]
fn rejects(portfolio: &str, files: &[(&str, &str)], expected: &str) -> Outcome {
    let mut test = Test::new()
        .file("org/p.toml", portfolio)
        .file("org/a.toml", TINY);
    for (name, text) in files {
        test = test.file(name, text);
    }
    let run = test
        .args(["portfolio", "org/p.toml", "--out", "out", "--samples", "0"])
        .status(2)
        .run();
    run.nothing_written()
        .stderr_has(&format!("error: {expected}"));
    run
}

fn teams(entries: &[&str]) -> String {
    let mut text = HEAD.to_string();
    for e in entries {
        text.push_str(&format!("[[team]]\n{e}\n"));
    }
    text
}

#[test]
fn a_missing_team_file_is_located_in_the_portfolio_and_named_by_its_resolved_path() {
    rejects(
        &teams(&["scenario = \"a.toml\"", "scenario = \"teams/gone.toml\""]),
        &[],
        "org/p.toml:6:12: team.scenario: cannot read the team's scenario file org/teams/gone.toml:",
    )
    .help_has("relative to the portfolio file's folder");
}

#[test]
fn an_invalid_team_file_is_located_in_the_team_file_with_a_note_of_its_entry() {
    rejects(
        &teams(&["scenario = \"a.toml\"", "scenario = \"b.toml\""]),
        &[(
            "org/b.toml",
            "[scenario]\nname = \"B\"\nstart = \"2027-01\"\n[team]\nengineers = 3\n",
        )],
        "org/b.toml:4:2: team.salary: is required in [team]",
    )
    .stderr_has("  note: listed as a [[team]] at org/p.toml:5:1");
}

#[test]
fn a_team_set_override_is_checked_like_set_and_names_its_entry() {
    rejects(
        &teams(&["scenario = \"a.toml\"\nset = { \"hiring.premium\" = 9 }"]),
        &[],
        "org/a.toml: --set 'hiring.premium=9': hiring.premium: expected a number between 0 and 3, found 9",
    )
    .stderr_has("  note: listed as a [[team]] at org/p.toml:3:1");
}

#[test]
fn two_teams_with_the_same_name_are_refused() {
    rejects(
        &teams(&["scenario = \"a.toml\"", "scenario = \"a.toml\"\nname = \"tiny\""]),
        &[],
        "org/p.toml:7:8: team.name: the team \"tiny\" has the same folder and column name `tiny` as the team \"Tiny\" listed at org/a.toml",
    )
    .help_has("give one of them a different name");
}

#[test]
fn a_team_in_another_currency_is_refused() {
    rejects(
        &format!("{HEAD}currency = \"EUR\"\n[[team]]\nscenario = \"a.toml\"\n"),
        &[],
        "org/a.toml: scenario.currency: the team \"Tiny\" counts in USD, not in the portfolio's currency EUR (org/p.toml:3:12)",
    )
    .help_has("amounts are never converted");
}

#[test]
fn teams_in_different_currencies_are_refused_without_a_portfolio_currency() {
    rejects(
        &teams(&["scenario = \"a.toml\"", "scenario = \"b.toml\""]),
        &[(
            "org/b.toml",
            &TINY
                .replace("Tiny", "Euro")
                .replace("months = 3", "months = 3\ncurrency = \"EUR\""),
        )],
        "org/b.toml: scenario.currency: the team \"Euro\" counts in EUR, not in the first team's currency USD (org/a.toml)",
    );
}

#[test]
fn an_unknown_shared_key_gets_a_suggestion() {
    rejects(
        &format!(
            "{}[shared]\ninputs = [\"hiring.multipler\"]\n",
            teams(&["scenario = \"a.toml\""])
        ),
        &[],
        "org/p.toml:6:11: shared.inputs: unknown input `hiring.multipler`",
    )
    .help_has("did you mean `hiring.multiplier`?");
}

#[test]
fn a_shared_key_that_is_not_an_uncertain_number_is_refused() {
    rejects(
        &format!(
            "{}[shared]\ninputs = [\"hiring.plan\"]\n",
            teams(&["scenario = \"a.toml\""])
        ),
        &[],
        "org/p.toml:6:11: shared.inputs: `hiring.plan` is not an uncertain number, so it cannot be drawn once for every team",
    );
}

#[test]
fn a_portfolio_without_a_name_or_teams_is_refused() {
    rejects(
        "[portfolio]\ncurrency = \"USD\"\n",
        &[],
        "org/p.toml:1:1: portfolio.name: missing",
    );
    rejects(HEAD, &[], "org/p.toml: no [[team]] entries");
}

#[test]
fn unknown_keys_and_sections_of_a_portfolio_are_refused() {
    rejects(
        &format!("{}colour = \"blue\"\n", teams(&["scenario = \"a.toml\""])),
        &[],
        "org/p.toml:5:1: team.colour: unknown key; [team] accepts scenario, name, set",
    );
    rejects(
        &format!(
            "{}[scenario]\nname = \"x\"\n",
            teams(&["scenario = \"a.toml\""])
        ),
        &[],
        "org/p.toml:5:2: scenario: unknown section; a portfolio has [portfolio], [[team]] and [shared]",
    );
}

#[test]
fn every_problem_of_a_portfolio_is_reported_at_once() {
    let run = rejects(
        &format!(
            "{}[shared]\ninputs = [\"nope.key\"]\n",
            teams(&[
                "scenario = \"gone.toml\"",
                "scenario = \"a.toml\"\nset = { \"ramp.months\" = -1 }"
            ])
        ),
        &[],
        "org/p.toml:4:12: team.scenario: cannot read the team's scenario file org/gone.toml",
    );
    run.check(run.error_count() == 3, "three problems, three errors");
}
