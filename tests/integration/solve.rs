//! `adoptcost solve`: the value it finds, given back to `adoptcost run --set`,
//! reproduces the goal: a base-case figure to the cent (or, where the cents of
//! the total step over the target, the closer side of the step, said so), a
//! sampled percentile within 0.1% with the same seed and samples, a break-even
//! boundary to 1e-6 of the range. Goals it cannot meet are refused with what
//! the figure does over the range; the refusals of its flags are pinned in
//! `error_messages/solve.rs`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::support::csv::dec;
use crate::support::figures::{RunFigures, SEED, single_run};
use crate::support::images::assert_real_png;
use crate::support::{Outcome, Test, files_in, shipped};

/// `solve <scenario> --vary <key> --target <goal> --out out <extra>`.
fn solve(scenario: &str, key: &str, goal: &str, extra: &[&str]) -> Test {
    Test::new()
        .args(["solve", scenario, "--vary", key, "--target", goal])
        .args(["--out", "out", "--seed", SEED])
        .args(extra.iter().copied())
}

/// The one row of `solve.csv`, by column.
fn answer(run: &Outcome) -> BTreeMap<String, String> {
    let table = run.csv(run.result_dir().join("solve.csv"));
    assert_eq!(
        table.header,
        ["key", "value", "goal", "achieved", "evaluations"]
    );
    assert_eq!(table.rows.len(), 1);
    table
        .record(0)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Solves `goal` for `key` of the shipped scenario `name` (no charts), then
/// runs `run --set KEY=<answer>` with `samples` and the same seed: the solve,
/// its `solve.csv` row and `run`'s figures at the answer.
fn solved_then_run(
    name: &str,
    key: &str,
    goal: &str,
    extra: &[&str],
    samples: &str,
) -> (Outcome, BTreeMap<String, String>, RunFigures) {
    let scenario = shipped(name);
    let mut flags = vec!["--samples", samples, "--no-charts"];
    flags.extend_from_slice(extra);
    let run = solve(&scenario, key, goal, &flags).run();
    let row = answer(&run);
    assert_eq!((row["key"].as_str(), row["goal"].as_str()), (key, goal));
    let set = format!("{key}={}", row["value"]);
    let single = single_run(&scenario, samples, &["--set", &set]);
    (run, row, single)
}

#[test]
fn a_base_case_answer_given_to_run_set_reproduces_the_target_to_the_cent() {
    let (run, row, single) = solved_then_run(
        "cpp-to-rust-savings.toml",
        "ramp.months",
        "total=500000",
        &["--within", "0:24"],
        "0",
    );
    let scenario = shipped("cpp-to-rust-savings.toml");
    let set = format!("ramp.months={}", row["value"]);
    let total = &single.summary["total"][0];
    // The confirming run is `run`'s own figure, and it is on the target.
    assert_eq!(&row["achieved"], total);
    // Within a cent is the promise; where a value gives the target exactly,
    // the search goes on to it.
    assert_eq!(total, "500000.00");
    assert!(row["evaluations"].parse::<usize>().unwrap_or(0) > 2);
    run.stdout_has(&format!("answer       ramp.months = {}", row["value"]))
        .stdout_has(&format!("total = {} USD at that value", money(total)))
        .stdout_has(&format!(
            "check        adoptcost run {scenario} --set {set} --samples 0"
        ));
}

#[test]
fn a_total_that_steps_over_the_target_gives_the_closer_side_and_says_so() {
    // Cells that are equal in many months round at the same head count, so
    // the total jumps by several cents at once across 1,000,000: no value is
    // within a cent.
    let (run, row, single) = solved_then_run(
        "retrain-go-team.toml",
        "team.engineers",
        "total=1000000",
        &["--within", "0:100"],
        "0",
    );
    assert_eq!(row["achieved"], single.summary["total"][0]);
    run.stdout_has("note         no value gives total within a cent of the target: it steps from")
        .stdout_has("this is the closer side");
    // The other side of the step is farther from the target.
    let note = run
        .stdout
        .lines()
        .find(|l| l.contains("it steps from"))
        .unwrap_or_default();
    let other = note
        .split(" to ")
        .nth(1)
        .and_then(|s| s.split(" EUR").next())
        .unwrap_or_default()
        .replace(',', "");
    let target = Decimal::from(1_000_000);
    let off = (dec(&row["achieved"]) - target).abs();
    assert!(off > Decimal::new(1, 2), "{}", row["achieved"]);
    assert!((dec(&other) - target).abs() >= off, "{note}");
}

#[test]
fn a_sampled_percentile_answer_reproduces_the_target_within_a_tenth_of_a_percent() {
    // How long may ramp-up take before the P90 passes 900,000?
    let (run, row, single) = solved_then_run(
        "retrain-go-team.toml",
        "ramp.months",
        "p90:total=900000",
        &[],
        "300",
    );
    // summary.csv: base, mean, p10, p50, p90.
    let p90 = &single.summary["total"][4];
    assert_eq!(&row["achieved"], p90);
    let off = ((dec(p90) - Decimal::from(900_000)) / Decimal::from(900_000)).abs();
    assert!(off <= Decimal::new(1, 3), "P90 {p90} is {off} off");
    run.stdout_has("over 300 samples, seed 7 (the same draws at every value)")
        .stdout_has("--samples 300 --seed 7");
}

#[test]
fn a_break_even_answer_is_the_last_value_that_still_breaks_even_to_1e_6_of_the_range() {
    let (run, row, at) = solved_then_run(
        "cpp-to-rust-savings.toml",
        "hiring.premium",
        "break_even=2030-06",
        &[],
        "0",
    );
    assert_eq!(row["achieved"], "2030-06");
    run.stdout_has("the largest value that still breaks even by 2030-06");
    let scenario = shipped("cpp-to-rust-savings.toml");
    let value = dec(&row["value"]);
    assert!(at.break_even.as_str() <= "2030-06" && !at.break_even.is_empty());
    // 1e-6 of the domain 0..3 above it, the base case breaks even later.
    let beyond = value + Decimal::new(3, 6);
    let after = single_run(
        &scenario,
        "0",
        &["--set", &format!("hiring.premium={beyond}")],
    );
    assert!(
        after.break_even.is_empty() || after.break_even.as_str() > "2030-06",
        "at {beyond}: {}",
        after.break_even
    );
}

#[test]
fn a_chance_of_breaking_even_is_the_share_of_trials_that_end_at_or_below_zero() {
    let scenario = shipped("cpp-to-rust-savings.toml");
    let run = solve(
        &scenario,
        "hiring.premium",
        "chance:break_even=0.5",
        &["--samples", "200", "--no-charts"],
    )
    .run();
    let row = answer(&run);
    run.stdout_has("the largest value that still breaks even in at least that share of trials");
    // The trials of `run --export-samples` at that value: at least half end
    // at or below zero.
    let share = |value: Decimal| {
        let out = Test::new()
            .args(["run", &scenario, "--out", "out", "--samples", "200"])
            .args(["--seed", SEED, "--export-samples", "--no-charts", "-q"])
            .args(["--set", &format!("hiring.premium={value}")])
            .run();
        let trials = out.csv(out.result_dir().join("samples.csv"));
        let even = trials
            .column("total")
            .iter()
            .filter(|t| dec(t) <= Decimal::ZERO)
            .count();
        even as f64 / 200.0
    };
    let value = dec(&row["value"]);
    assert!(share(value) >= 0.5, "{}", row["value"]);
    assert_eq!(row["achieved"], format!("{:.4}", share(value)));
    assert!(share(value + Decimal::new(3, 6)) < 0.5);
}

#[test]
fn solve_writes_its_answer_and_chart_the_same_bytes_every_time() {
    let run = |_: ()| {
        solve(
            &shipped("retrain-go-team.toml"),
            "team.engineers",
            "total=1000000",
            &["--within", "0:100", "--svg", "-q"],
        )
        .run()
    };
    let first = run(());
    let dir = first.result_dir();
    assert_eq!(
        crate::support::names_in(&dir),
        [".adoptcost-manifest", "solve.csv", "solve.png", "solve.svg"]
    );
    assert_real_png(&dir.join("solve.png"), 1600, 900);
    let svg = std::fs::read_to_string(dir.join("solve.svg")).unwrap_or_default();
    assert!(svg.contains("team.engineers") && svg.contains("Target: 1M EUR"));
    assert_eq!(files_in(&dir), files_in(&run(()).result_dir()));
    assert!(first.stdout.is_empty());
}

#[test]
fn help_shows_the_three_planning_meeting_questions() {
    let help = Test::new().args(["solve", "--help"]).run();
    help.stdout_has("which premium still breaks even by month 18?")
        .stdout_has("how long may ramp-up take before the P90 passes the budget?")
        .stdout_has("how many engineers can we retrain for 1M?");
}

// Goals it cannot meet: exit 2, what the figure does, nothing written.

#[test]
fn a_goal_not_reached_in_the_range_is_refused_with_the_figure_at_both_ends() {
    let run = solve(
        &shipped("mid-size-team.toml"),
        "hiring.premium",
        "total=0",
        &[],
    )
    .status(2)
    .run();
    run.nothing_written().stderr_has(
        "--target total=0 is not reached for hiring.premium from 0 to 3 (its domain): total is 1,670,647.06 USD at 0 and 5,661,661.43 USD at 3, and it rises steadily in between (monotone over 33 values), so it stays above the target everywhere in the range\n  help: the range is already the key's whole domain: change the target, or change other inputs with --set",
    );
}

#[test]
fn a_goal_met_at_several_places_is_refused_with_where() {
    // Costs come first and savings later: the total over the horizon rises,
    // then falls, and passes 500,000 twice.
    let run = solve(
        &shipped("cpp-to-rust-savings.toml"),
        "scenario.months",
        "total=500000",
        &["--within", "1:48"],
    )
    .status(2)
    .run();
    run.nothing_written()
        .stderr_has("--target total=500000 is reached at several places for scenario.months from 1 to 48 (--within)")
        .stderr_has("it is not monotone in between")
        .stderr_has("it meets the target twice (between 1 and 2, between 13 and 14), so there is no single answer")
        .stderr_has("  help: narrow --within to one of them, e.g. --within 1:");
}

#[test]
fn a_break_even_goal_met_nowhere_says_when_it_breaks_even_at_each_end() {
    let run = solve(
        &shipped("cpp-to-rust-savings.toml"),
        "hiring.premium",
        "break_even=2028-06",
        &["--within", "0:1"],
    )
    .status(2)
    .run();
    run.nothing_written().stderr_has(
        "--target break_even=2028-06 is not met anywhere for hiring.premium from 0 to 1 (--within): break-even is 2028-09 at 0 and none within the horizon at 1, and it comes later steadily in between (monotone over 33 values)\n  help: widen --within, change the target, or change other inputs with --set",
    );
}

/// `1234567.8` → `1,234,567.80`.
fn money(cell: &str) -> String {
    let (whole, cents) = cell.split_once('.').unwrap_or((cell, "00"));
    let (sign, digits) = whole.strip_prefix('-').map_or(("", whole), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{cents:0<2}")
}
