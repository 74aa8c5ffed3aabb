//! `adoptcost sweep`: one row per combination of the `--vary` values, whose
//! figures equal `adoptcost run --set` at those values exactly; refusals before
//! any work, with the fix; warnings once, with the values that earned them.
//! Its charts are in `charts.rs`.

use crate::support::figures::single_run;
use crate::support::{Outcome, Test, shipped};

/// `sweep <scenario> --out out <extra>`.
fn sweep(scenario: &str, extra: &[&str]) -> Test {
    Test::new()
        .args(["sweep", scenario, "--out", "out"])
        .args(extra.iter().copied())
}

/// A sweep of the mid-size team example with `extra` flags must be refused:
/// exit 2, `message` on stderr, nothing written.
#[track_caller]
fn refused(extra: &[&str], message: &str) -> Outcome {
    let run = sweep(&shipped("mid-size-team.toml"), extra).status(2).run();
    run.stderr_has(message).nothing_written();
    run
}

#[test]
fn sweep_rows_equal_run_with_set_at_that_value() {
    let scenario = shipped("cpp-to-rust-savings.toml");
    let run = sweep(
        &scenario,
        &[
            "--vary",
            "hiring.premium=0.1:0.4:0.1",
            "--vary",
            "ramp.steady_productivity=0.9,1,1.2",
            "--set",
            "ramp.months=4",
        ],
    )
    .run();
    let table = run.csv(run.result_dir().join("sweep.csv"));
    assert_eq!(
        table.header,
        [
            "hiring.premium",
            "ramp.steady_productivity",
            "total",
            "cash_total",
            "capacity_cost",
            "capacity_em",
            "npv",
            "break_even"
        ]
    );
    assert_eq!(table.rows.len(), 12);
    for i in [0, 5, 11] {
        let row = table.record(i);
        let premium = format!("hiring.premium={}", row["hiring.premium"]);
        let steady = format!(
            "ramp.steady_productivity={}",
            row["ramp.steady_productivity"]
        );
        let single = single_run(
            &scenario,
            "0",
            &[
                "--set",
                "ramp.months=4",
                "--set",
                &premium,
                "--set",
                &steady,
            ],
        );
        for metric in ["total", "cash_total", "capacity_cost", "capacity_em", "npv"] {
            assert_eq!(row[metric], single.summary[metric][0], "row {i}: {metric}");
        }
        assert_eq!(row["break_even"], single.break_even, "row {i}");
    }
    // Higher productivity breaks even, lower does not: both kinds were checked.
    assert_eq!(table.record(0)["break_even"], "");
    assert_ne!(table.record(11)["break_even"], "");
}

#[test]
fn sweep_of_a_cost_and_of_the_horizon_equal_run_with_set() {
    let scenario = shipped("mid-size-team.toml");
    let run = sweep(
        &scenario,
        &[
            "--vary",
            "costs.training_course.amount=0:60000:15000",
            "--vary",
            "scenario.months=12,36",
        ],
    )
    .run();
    let table = run.csv(run.result_dir().join("sweep.csv"));
    // The column is named by the cost's key, as in sensitivity.csv.
    assert_eq!(
        table.header[..2],
        ["costs.training_course", "scenario.months"]
    );
    assert_eq!(table.rows.len(), 10);
    let row = table.record(7);
    assert_eq!(
        (row["costs.training_course"], row["scenario.months"]),
        ("45000", "36")
    );
    let single = single_run(
        &scenario,
        "0",
        &[
            "--set",
            "costs.training_course.amount=45000",
            "--set",
            "scenario.months=36",
        ],
    );
    assert_eq!(row["total"], single.summary["total"][0]);
    assert_eq!(row["npv"], single.summary["npv"][0]);
    assert_eq!(row["capacity_em"], single.summary["capacity_em"][0]);
}

#[test]
fn decimal_steps_give_exact_values_without_float_drift() {
    let run = sweep(
        &shipped("mid-size-team.toml"),
        &["--vary", "hiring.premium=0.1:0.4:0.1"],
    )
    .run();
    let table = run.csv(run.result_dir().join("sweep.csv"));
    assert_eq!(table.column("hiring.premium"), ["0.1", "0.2", "0.3", "0.4"]);
    run.stdout_has("hiring.premium (4 values) = 4 base cases");
}

#[test]
fn two_way_sweep_holds_every_combination_once_the_first_key_varying_slowest() {
    let run = sweep(
        &shipped("retrain-go-team.toml"),
        &[
            "--vary",
            "ramp.months=6:1:-0.5",
            "--vary",
            "team.engineers=10,12.5,15",
            "--quiet",
        ],
    )
    .run();
    let table = run.csv(run.result_dir().join("sweep.csv"));
    let months = [
        "6", "5.5", "5", "4.5", "4", "3.5", "3", "2.5", "2", "1.5", "1",
    ];
    let engineers = ["10", "12.5", "15"];
    let expected: Vec<(&str, &str)> = months
        .iter()
        .flat_map(|m| engineers.iter().map(move |e| (*m, *e)))
        .collect();
    let found: Vec<(&str, &str)> = table
        .rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(found, expected);
    // More engineers to retrain cost more at every ramp length.
    let total = table.index("total");
    for chunk in table.rows.chunks(3) {
        let t: Vec<f64> = chunk
            .iter()
            .map(|r| r[total].parse().unwrap_or(f64::NAN))
            .collect();
        assert!(t[0] < t[1] && t[1] < t[2], "{t:?}");
    }
}

// Refusals, before any work.

#[test]
fn sweep_refuses_unknown_and_non_numeric_keys() {
    refused(
        &["--vary", "hiring.premum=0:1:0.1"],
        "error: --vary 'hiring.premum=0:1:0.1': unknown key `hiring.premum`; did you mean `hiring.premium`?",
    );
    refused(
        &["--vary", "months=1,2"],
        "did you mean `ramp.months` or `scenario.months`?",
    );
    refused(
        &["--vary", "scenario.start=1,2"],
        "error: --vary 'scenario.start=1,2': `scenario.start` is not a number, so it cannot be swept",
    );
    refused(
        &["--vary", "costs.tooling.from=1,2"],
        "a cost's number is its amount: costs.tooling.amount",
    );
    refused(
        &["--vary", "costs.coffee=1,2"],
        "no cost matches `coffee`; the costs are: training_course, tooling",
    );
    refused(
        &["--vary", "hiring.premium=low:high:0.1"],
        "FROM `low` is not a number",
    );
}

#[test]
fn sweep_refuses_a_zero_step_and_a_step_of_the_wrong_sign() {
    refused(
        &["--vary", "hiring.premium=0:0.5:0"],
        "error: --vary 'hiring.premium=0:0.5:0': the step is zero, so the range never reaches TO; write a step such as hiring.premium=0:0.5:0.05",
    );
    refused(
        &["--vary", "ramp.months=6:2:1"],
        "error: --vary 'ramp.months=6:2:1': the step 1 goes away from TO (2 is below FROM 6); write ramp.months=6:2:-1",
    );
    refused(
        &["--vary", "ramp.months=2:6:-1"],
        "the step -1 goes away from TO (6 is above FROM 2)",
    );
}

#[test]
fn sweep_refuses_more_than_two_keys_and_a_million_combinations() {
    refused(
        &[
            "--vary",
            "hiring.premium=0.1,0.2",
            "--vary",
            "ramp.months=2,4",
            "--vary",
            "hiring.fee=0.1,0.2",
        ],
        "error: --vary is given 3 times; a sweep varies one key (a line) or two (a grid)",
    );
    refused(
        &[
            "--vary",
            "hiring.premium=0:1:0.001",
            "--vary",
            "ramp.months=1:60:0.05",
        ],
        "error: the sweep has 1,182,181 combinations (hiring.premium: 1,001 values × ramp.months: 1,181 values), above the limit of 1,000,000",
    );
    refused(
        &["--vary", "team.salary=1:2000000:1"],
        "gives more than 1,000,000 values",
    );
    refused(
        &[
            "--vary",
            "hiring.premium=0.1,0.2",
            "--vary",
            "hiring.premium=0.3",
        ],
        "both vary hiring.premium; give each key once",
    );
}

#[test]
fn a_value_the_key_does_not_accept_gets_the_usual_message_naming_the_vary() {
    let swept = refused(
        &[
            "--vary",
            "hiring.premium=1:5:1",
            "--vary",
            "ramp.months=3,4",
        ],
        "--vary 'hiring.premium=1:5:1' at hiring.premium=4: hiring.premium: expected a number between 0 and 3, found 4",
    );
    // The same message `run --set` gives, apart from the location.
    let run = Test::new()
        .args([
            "run",
            shipped("mid-size-team.toml").as_str(),
            "--set",
            "hiring.premium=4",
            "--samples",
            "0",
        ])
        .status(2)
        .run();
    run.stderr_has("hiring.premium: expected a number between 0 and 3, found 4");
    let tail = |s: &str| s.split("hiring.premium: expected").nth(1).map(String::from);
    assert_eq!(tail(&swept.stderr), tail(&run.stderr));
    refused(
        &["--vary", "scenario.months=12.5"],
        "scenario.months: expected a whole number of months from 1 to 600",
    );
}

#[test]
fn sweep_without_vary_is_a_usage_error() {
    Test::new()
        .args(["sweep", "x.toml"])
        .status(2)
        .run()
        .stderr_has("--vary <KEY=FROM:TO:STEP>")
        .nothing_written();
}

// Warnings.

#[test]
fn sweep_warnings_are_printed_once_with_the_values_that_earned_them() {
    let run = sweep(
        &shipped("mid-size-team.toml"),
        &["--vary", "scenario.months=1,24,36", "--quiet"],
    )
    .stdout("")
    .run();
    // With a one-month horizon the three openings fall after its end.
    run.check(
        run.stderr.matches("warning: ").count() == 3,
        "expected three warnings",
    )
    .stderr_has("warning: at --vary scenario.months=1: ")
    .stderr_has(
        "hiring.plan.month: opening in 2027-03 is at or after the end of the horizon (2027-01)",
    );
}

#[test]
fn many_different_sweep_warnings_are_summed_up() {
    let run = sweep(
        &shipped("mid-size-team.toml"),
        &["--vary", "scenario.months=1:20:1", "--quiet"],
    )
    .run();
    // 27 different warnings (each opening beyond each short horizon): 20 shown.
    run.check(
        run.stderr.matches("warning: ").count() == 21,
        "expected 20 warnings and a line summing up the rest",
    )
    .stderr_has("warning: ... and 7 more different warnings from other combinations");
}

#[test]
fn sweep_help_shows_examples_of_vary_and_its_steps() {
    Test::new()
        .args(["sweep", "--help"])
        .run()
        .stdout_has("--vary hiring.premium=0:0.5:0.05")
        .stdout_has("0.1:0.4:0.1 is 0.1, 0.2, 0.3, 0.4");
}
