//! The command line around the scenario: files that cannot be read, runs of
//! several scenarios, the output folder, unknown commands, `--set`.

use crate::support::{SCENARIO, TINY, Test};

use super::tiny_and;

// Files and folders.

#[test]
fn a_missing_scenario_file_is_named() {
    Test::new()
        .args(["run", "no-such-scenario.toml", "--out", "out"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: no-such-scenario.toml: cannot read the scenario file");
}

#[test]
fn one_invalid_scenario_stops_every_scenario_of_the_run() {
    let run = Test::new()
        .file("good.toml", TINY)
        .file(
            "bad.toml",
            tiny_and("[hiring]\npremium = 9\n").replace("Tiny", "Bad"),
        )
        .args([
            "run",
            "good.toml",
            "bad.toml",
            "--out",
            "out",
            "--samples",
            "0",
            "--no-charts",
        ])
        .status(2)
        .run();
    run.nothing_written().stderr_has(
        "error: bad.toml:10:11: hiring.premium: expected a number between 0 and 3, found 9",
    );
}

#[test]
fn two_scenarios_writing_to_the_same_folder_are_refused() {
    Test::new()
        .file("a.toml", TINY)
        .file("b.toml", TINY)
        .args([
            "run",
            "a.toml",
            "b.toml",
            "--out",
            "out",
            "--samples",
            "0",
            "--no-charts",
        ])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: a.toml and b.toml both write to out/tiny");
}

#[test]
fn output_folder_that_cannot_be_created_is_a_runtime_failure() {
    Test::new()
        .scenario(TINY)
        .file("taken", "a file, not a folder\n")
        .args([
            "run",
            SCENARIO,
            "--out",
            "taken",
            "--samples",
            "0",
            "--no-charts",
        ])
        .status(1)
        .run()
        .nothing_written()
        .stderr_has("error: cannot create the output folder taken/tiny");
}

#[test]
fn unknown_command_is_a_usage_error() {
    Test::new()
        .arg("frobnicate")
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("unrecognized subcommand 'frobnicate'");
}

// --set

#[test]
fn set_with_an_unknown_key_suggests_the_closest_key() {
    Test::new()
        .scenario(TINY)
        .base_case()
        .args(["--set", "hiring.premum=0.3"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: scenario.toml: --set 'hiring.premum=0.3': hiring.premum: unknown key `premum` in [hiring]")
        .stderr_has("help: did you mean `hiring.premium`?");
}

#[test]
fn set_without_an_equals_sign_shows_the_form() {
    Test::new()
        .scenario(TINY)
        .base_case()
        .args(["--set", "premium"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: --set 'premium' is not KEY=VALUE")
        .stderr_has("--set hiring.premium=0.35");
}

#[test]
fn set_that_makes_a_value_invalid_names_the_set() {
    Test::new()
        .scenario(TINY)
        .base_case()
        .args(["--set", "hiring.premium=5"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: scenario.toml: --set 'hiring.premium=5': hiring.premium: expected a number between 0 and 3, found 5");
}
