//! `[[correlation]]` entries (MODEL.md §1): two distinct known inputs that
//! are ranges here, `rank` in -1..=1, a pair once, at most 50 entries, and a
//! matrix that can hold (positive semidefinite).

use super::{rejects, tiny_and};

/// TINY with `[[correlation]]` entries (the first header on line 9).
fn with(entries: &[&str]) -> String {
    let body: String = entries
        .iter()
        .map(|e| format!("[[correlation]]\n{e}\n"))
        .collect();
    tiny_and(&body)
}

#[test]
fn a_rank_outside_minus_one_to_one_is_rejected() {
    rejects(
        &with(&["inputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = 1.2"]),
        "scenario.toml:11:8: correlation.rank: expected a number between -1 and 1, found 1.2",
        "e.g. rank = 0.6",
    );
}

#[test]
fn a_rank_given_as_a_range_is_rejected() {
    rejects(
        &with(&["inputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = [0.2, 0.4]"]),
        "scenario.toml:11:8: correlation.rank: expected a single number, found a list",
        "rank is a rank correlation",
    );
}

#[test]
fn inputs_must_be_two_keys() {
    rejects(
        &with(&["inputs = [\"hiring.multiplier\"]\nrank = 0.5"]),
        "scenario.toml:10:10: correlation.inputs: expected two input keys in quotes, found a list of 1",
        "write the dotted keys of two inputs",
    );
}

#[test]
fn missing_rank_is_rejected() {
    rejects(
        &with(&["inputs = [\"hiring.multiplier\", \"hiring.premium\"]"]),
        "scenario.toml:9:1: correlation.rank: a correlation needs `rank`",
        "from -1 to 1",
    );
}

#[test]
fn an_unknown_key_in_an_entry_is_rejected() {
    rejects(
        &with(&[
            "inputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = 0.5\nspearman = 0.5",
        ]),
        "scenario.toml:12:1: correlation.spearman: unknown key in a [[correlation]] entry",
        "only `inputs` and `rank`",
    );
}

#[test]
fn an_input_that_is_a_single_value_here_cannot_be_correlated() {
    rejects(
        &tiny_and(
            "[hiring]\npremium = 0.25\n[[correlation]]\ninputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = 0.5\n",
        ),
        "scenario.toml:12:32: correlation.inputs: `hiring.premium` is a single value (0.25) in this scenario, not a range or distribution, so it cannot be correlated",
        "give `hiring.premium` a range, e.g. [0.20, 0.30]",
    );
}

#[test]
fn an_unknown_input_gets_a_suggestion() {
    rejects(
        &with(&["inputs = [\"hiring.multiplier\", \"hiring.premum\"]\nrank = 0.5"]),
        "scenario.toml:10:32: correlation.inputs: `hiring.premum` is not an input",
        "did you mean `hiring.premium`?",
    );
}

#[test]
fn a_key_that_never_takes_a_range_is_not_an_uncertain_input() {
    rejects(
        &with(&["inputs = [\"team.engineers\", \"hiring.premium\"]\nrank = 0.5"]),
        "scenario.toml:10:11: correlation.inputs: `team.engineers` is not an uncertain input",
        "correlate inputs that take a range",
    );
}

#[test]
fn an_unknown_cost_lists_the_costs() {
    rejects(
        &tiny_and(
            "[[costs]]\nname = \"Training\"\namount = [1000, 2000]\nmonth = \"2027-01\"\n[[correlation]]\ninputs = [\"costs.trainng\", \"hiring.premium\"]\nrank = 0.5\n",
        ),
        "scenario.toml:14:11: correlation.inputs: no cost is named \"trainng\"",
        "the costs are: Training",
    );
}

#[test]
fn an_input_with_itself_is_rejected() {
    rejects(
        &with(&["inputs = [\"hiring.premium\", \"hiring.premium\"]\nrank = 0.5"]),
        "scenario.toml:10:29: correlation.inputs: the two inputs are the same (`hiring.premium`)",
        "name two different inputs",
    );
}

#[test]
fn a_pair_given_twice_in_either_order_is_rejected() {
    rejects(
        &with(&[
            "inputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = 0.5",
            "inputs = [\"hiring.premium\", \"hiring.multiplier\"]\nrank = 0.3",
        ]),
        "scenario.toml:12:1: correlation.inputs: the pair `hiring.premium` and `hiring.multiplier` is already correlated (line 9)",
        "give each pair once",
    );
}

#[test]
fn ranks_that_cannot_hold_together_name_every_pair_and_the_eigenvalue() {
    rejects(
        &with(&[
            "inputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = 0.9",
            "inputs = [\"hiring.premium\", \"team.overhead\"]\nrank = 0.9",
            "inputs = [\"hiring.multiplier\", \"team.overhead\"]\nrank = -0.9",
        ]),
        "scenario.toml:9:1: correlation: these rank correlations cannot all hold at once (their matrix is not positive semidefinite: smallest eigenvalue -0.8000): `hiring.multiplier` with `hiring.premium` 0.9 (line 9); `hiring.premium` with `team.overhead` 0.9 (line 12); `hiring.multiplier` with `team.overhead` -0.9 (line 15)",
        "lower them",
    );
}

#[test]
fn more_than_fifty_entries_are_rejected() {
    let entry = "inputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = 0.1";
    rejects(
        &with(&[entry; 51]),
        "scenario.toml:9:1: correlation: expected at most 50 [[correlation]] entries, found 51",
        "every other pair is drawn independently",
    );
}

#[test]
fn correlation_written_as_a_single_table_is_rejected() {
    rejects(
        &tiny_and(
            "[correlation]\ninputs = [\"hiring.multiplier\", \"hiring.premium\"]\nrank = 0.5\n",
        ),
        "scenario.toml:9:2: correlation: expected [[correlation]] entries, found a table",
        "double brackets",
    );
}

#[test]
fn set_cannot_change_a_correlation() {
    crate::support::Test::new()
        .scenario(crate::support::TINY)
        .base_case()
        .args(["--set", "correlation.rank=0.5"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("a [[correlation]] entry cannot be changed with --set");
}
