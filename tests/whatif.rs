//! End-to-end tests of `adoptcost compare` and `adoptcost sweep`: the real
//! binary, run in a fresh temporary folder. Their figures must equal those of
//! `adoptcost run` (with the same seed, samples and `--set`) exactly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

const SEED: &str = "7";
const SAMPLES: &str = "200";

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

fn temp() -> TempDir {
    tempfile::Builder::new()
        .prefix("adoptcost-whatif")
        .tempdir()
        .unwrap_or_else(|e| panic!("cannot create a temporary folder: {e}"))
}

/// The finished command's output, with everything shown when an expectation fails.
struct Outcome {
    command: String,
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn show(&self) -> String {
        format!(
            "command: {}\nstatus: {:?}\n--- stdout\n{}--- stderr\n{}",
            self.command, self.status, self.stdout, self.stderr
        )
    }

    fn success(self) -> Outcome {
        assert_eq!(self.status, Some(0), "{}", self.show());
        self
    }

    /// Exit 2 with `message` on stderr.
    fn input_error(self, message: &str) -> Outcome {
        assert_eq!(self.status, Some(2), "{}", self.show());
        assert!(
            self.stderr.contains(message),
            "stderr lacks {message:?}\n{}",
            self.show()
        );
        self
    }
}

/// Runs `adoptcost` with `args` in `dir`.
fn adoptcost(dir: &Path, args: &[&str]) -> Outcome {
    let output = Command::new(env!("CARGO_BIN_EXE_adoptcost"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run adoptcost: {e}"));
    Outcome {
        command: format!("adoptcost {}", args.join(" ")),
        status: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("not UTF-8: {}", path.display()))
}

/// A CSV file as a header and rows of text cells.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(path: &Path) -> Table {
        let mut reader = csv::Reader::from_path(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let header = reader
            .headers()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .iter()
            .map(String::from)
            .collect();
        let rows = reader
            .records()
            .map(|r| {
                r.unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                    .iter()
                    .map(String::from)
                    .collect()
            })
            .collect();
        Table { header, rows }
    }

    fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }

    /// Row `row` as column name → cell.
    fn record(&self, row: usize) -> BTreeMap<String, String> {
        self.header
            .iter()
            .cloned()
            .zip(self.rows[row].iter().cloned())
            .collect()
    }
}

/// The one scenario folder inside `out` (its name is the scenario's slug).
fn only_folder(out: &Path) -> PathBuf {
    let folders: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    folders[0].clone()
}

/// What `adoptcost run` reports for one scenario: `summary.csv` by metric
/// (`base,mean,p10,p50,p90`) and the break-even month from `monthly.csv`.
struct RunFigures {
    summary: BTreeMap<String, Vec<String>>,
    break_even: String,
}

fn single_run(scenario: &Path, samples: &str, extra: &[&str]) -> RunFigures {
    let dir = temp();
    let mut args = vec![
        "run",
        path_str(scenario),
        "--out",
        "out",
        "--samples",
        samples,
        "--seed",
        SEED,
        "--no-charts",
        "--quiet",
    ];
    args.extend(extra);
    adoptcost(dir.path(), &args).success();
    let folder = only_folder(&dir.path().join("out"));
    let summary = Table::read(&folder.join("summary.csv"));
    let summary = summary
        .rows
        .iter()
        .map(|r| (r[0].clone(), r[1..].to_vec()))
        .collect();
    // Break-even (MODEL.md §3): the first month from which the cumulative
    // total stays ≤ 0 to the end.
    let monthly = Table::read(&folder.join("monthly.csv"));
    let cumulative = monthly.column("cumulative_total");
    let mut break_even = String::new();
    for row in monthly.rows.iter().rev() {
        if !row[cumulative].starts_with('-') && row[cumulative] != "0.00" {
            break;
        }
        break_even = row[0].clone();
    }
    RunFigures {
        summary,
        break_even,
    }
}

// ----------------------------------------------------------------- compare

#[test]
fn comparison_rows_equal_each_single_run() {
    let scenarios = [
        example("mid-size-team.toml"),
        example("cpp-to-rust-savings.toml"),
        example("hire-rust-team.toml"),
    ];
    let dir = temp();
    let mut args = vec!["compare"];
    args.extend(scenarios.iter().map(|p| path_str(p)));
    args.extend(["--out", "cmp", "--samples", SAMPLES, "--seed", SEED]);
    adoptcost(dir.path(), &args).success();
    let table = Table::read(&dir.path().join("cmp").join("comparison.csv"));
    assert_eq!(
        table.header,
        [
            "scenario",
            "total_base",
            "total_mean",
            "total_p10",
            "total_p50",
            "total_p90",
            "cash_total",
            "capacity_cost",
            "capacity_em",
            "npv",
            "break_even"
        ]
    );
    // One row per scenario, in the order given.
    let names: Vec<&str> = table.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        [
            "Mid-size team, article defaults",
            "C++ team moves to Rust, with savings",
            "New Rust team built by hiring"
        ]
    );
    for (i, scenario) in scenarios.iter().enumerate() {
        let run = single_run(scenario, SAMPLES, &[]);
        let row = table.record(i);
        let total = &run.summary["total"];
        assert_eq!(row["total_base"], total[0], "{}", scenario.display());
        assert_eq!(row["total_mean"], total[1]);
        assert_eq!(row["total_p10"], total[2]);
        assert_eq!(row["total_p50"], total[3]);
        assert_eq!(row["total_p90"], total[4]);
        for metric in ["cash_total", "capacity_cost", "capacity_em", "npv"] {
            assert_eq!(row[metric], run.summary[metric][0], "{metric}");
        }
        assert_eq!(row["break_even"], run.break_even);
    }
    // The savings scenario breaks even; the check above is not vacuous.
    assert_eq!(table.record(1)["break_even"], "2028-11");
}

#[test]
fn comparison_with_set_equals_run_with_set() {
    let scenario = example("retrain-go-team.toml");
    let dir = temp();
    adoptcost(
        dir.path(),
        &[
            "compare",
            path_str(&scenario),
            "--set",
            "hiring.premium=0.35",
            "--set",
            "ramp.months=[2,4]",
            "--samples",
            SAMPLES,
            "--seed",
            SEED,
        ],
    )
    .success();
    // The default folder.
    let table = Table::read(&dir.path().join("output/compare/comparison.csv"));
    let run = single_run(
        &scenario,
        SAMPLES,
        &["--set", "hiring.premium=0.35", "--set", "ramp.months=[2,4]"],
    );
    let row = table.record(0);
    assert_eq!(row["total_base"], run.summary["total"][0]);
    assert_eq!(row["total_p90"], run.summary["total"][4]);
    assert_eq!(row["npv"], run.summary["npv"][0]);
}

#[test]
fn comparison_without_samples_leaves_the_sampled_columns_empty() {
    let dir = temp();
    let scenario = example("mid-size-team.toml");
    let out = adoptcost(
        dir.path(),
        &[
            "compare",
            path_str(&scenario),
            "--samples",
            "0",
            "--out",
            "c",
        ],
    )
    .success();
    let table = Table::read(&dir.path().join("c/comparison.csv"));
    let row = table.record(0);
    for c in ["total_mean", "total_p10", "total_p50", "total_p90"] {
        assert_eq!(row[c], "", "{c}");
    }
    let run = single_run(&scenario, "0", &[]);
    assert_eq!(row["total_base"], run.summary["total"][0]);
    assert!(out.stdout.contains("no sampling"), "{}", out.show());
    assert!(!out.stdout.contains("P10"), "{}", out.show());
}

#[test]
fn comparison_table_is_cheapest_first_with_differences_to_the_cheapest() {
    let dir = temp();
    let dear = example("mid-size-team.toml");
    let cheap = example("hire-rust-team.toml");
    let out = adoptcost(
        dir.path(),
        &[
            "compare",
            path_str(&dear),
            path_str(&cheap),
            "--samples",
            "0",
        ],
    )
    .success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("New Rust team built by hiring"));
    let second = lines
        .iter()
        .position(|l| l.contains("Mid-size team, article defaults"));
    assert!(first < second, "{}", out.show());
    // Totals from the CSV: 1,558,636.35 and 2,003,231.61 USD.
    let table = Table::read(&dir.path().join("output/compare/comparison.csv"));
    assert_eq!(table.record(0)["total_base"], "2003231.61");
    assert_eq!(table.record(1)["total_base"], "1558636.35");
    let cheap_line = lines[first.unwrap_or_default()];
    let dear_line = lines[second.unwrap_or_default()];
    assert!(cheap_line.contains("1,558,636.35 USD"), "{}", out.show());
    assert!(
        cheap_line.trim_end().ends_with("cheapest"),
        "{}",
        out.show()
    );
    assert!(
        dear_line.trim_end().ends_with("+444,595.26 USD"),
        "{}",
        out.show()
    );
    // Different horizons (36 and 24 months) are said, not cut.
    assert!(out.stdout.contains("different months"), "{}", out.show());
    assert!(out.stdout.contains("2027-01 to 2029-12"), "{}", out.show());
}

#[test]
fn comparison_warns_when_currencies_differ() {
    let dir = temp();
    let usd = example("mid-size-team.toml");
    let eur = example("retrain-go-team.toml");
    let out = adoptcost(
        dir.path(),
        &["compare", path_str(&usd), path_str(&eur), "--samples", "0"],
    )
    .success();
    assert!(
        out.stderr
            .contains("warning: the scenarios are in different currencies"),
        "{}",
        out.show()
    );
    assert!(out.stdout.contains("cheapest in EUR"), "{}", out.show());
    assert!(out.stdout.contains("cheapest in USD"), "{}", out.show());
    assert!(!out.stdout.contains('+'), "{}", out.show());
}

#[test]
fn comparison_writes_nothing_when_a_scenario_is_invalid() {
    let dir = temp();
    std::fs::write(
        dir.path().join("broken.toml"),
        "[scenario]\nname = \"Broken\"\nstart = \"2027-01\"\n[team]\nengineers = 3\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let good = example("mid-size-team.toml");
    adoptcost(
        dir.path(),
        &[
            "compare",
            path_str(&good),
            "broken.toml",
            "--samples",
            "0",
            "--out",
            "cmp",
        ],
    )
    .input_error("broken.toml:4:2: team.salary: is required in [team]");
    assert!(!dir.path().join("cmp").exists());
}

// ------------------------------------------------------------------- sweep

fn sweep(dir: &Path, scenario: &Path, extra: &[&str]) -> Outcome {
    let mut args = vec!["sweep", path_str(scenario), "--out", "out"];
    args.extend(extra);
    adoptcost(dir, &args)
}

#[test]
fn sweep_rows_equal_run_with_set_at_that_value() {
    let scenario = example("cpp-to-rust-savings.toml");
    let dir = temp();
    sweep(
        dir.path(),
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
    .success();
    let table = Table::read(&only_folder(&dir.path().join("out")).join("sweep.csv"));
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
        let run = single_run(
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
            assert_eq!(row[metric], run.summary[metric][0], "row {i}: {metric}");
        }
        assert_eq!(row["break_even"], run.break_even, "row {i}");
    }
    // Higher productivity breaks even, lower does not: both kinds were checked.
    assert_eq!(table.record(0)["break_even"], "");
    assert_ne!(table.record(11)["break_even"], "");
}

#[test]
fn sweep_of_a_cost_and_of_the_horizon_equal_run_with_set() {
    let scenario = example("mid-size-team.toml");
    let dir = temp();
    sweep(
        dir.path(),
        &scenario,
        &[
            "--vary",
            "costs.training_course.amount=0:60000:15000",
            "--vary",
            "scenario.months=12,36",
        ],
    )
    .success();
    let table = Table::read(&only_folder(&dir.path().join("out")).join("sweep.csv"));
    // The column is named by the cost's key, as in sensitivity.csv.
    assert_eq!(
        table.header[..2],
        ["costs.training_course", "scenario.months"]
    );
    assert_eq!(table.rows.len(), 10);
    let row = table.record(7);
    assert_eq!(
        (
            row["costs.training_course"].as_str(),
            row["scenario.months"].as_str()
        ),
        ("45000", "36")
    );
    let run = single_run(
        &scenario,
        "0",
        &[
            "--set",
            "costs.training_course.amount=45000",
            "--set",
            "scenario.months=36",
        ],
    );
    assert_eq!(row["total"], run.summary["total"][0]);
    assert_eq!(row["npv"], run.summary["npv"][0]);
    assert_eq!(row["capacity_em"], run.summary["capacity_em"][0]);
}

#[test]
fn decimal_steps_give_exact_values() {
    let dir = temp();
    let out = sweep(
        dir.path(),
        &example("mid-size-team.toml"),
        &["--vary", "hiring.premium=0.1:0.4:0.1"],
    )
    .success();
    let table = Table::read(&only_folder(&dir.path().join("out")).join("sweep.csv"));
    let values: Vec<&str> = table.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(values, ["0.1", "0.2", "0.3", "0.4"]);
    assert!(
        out.stdout
            .contains("hiring.premium (4 values) = 4 base cases"),
        "{}",
        out.show()
    );
}

#[test]
fn two_way_sweep_holds_every_combination_once() {
    let dir = temp();
    sweep(
        dir.path(),
        &example("retrain-go-team.toml"),
        &[
            "--vary",
            "ramp.months=6:1:-0.5",
            "--vary",
            "team.engineers=10,12.5,15",
            "--quiet",
        ],
    )
    .success();
    let table = Table::read(&only_folder(&dir.path().join("out")).join("sweep.csv"));
    let months = [
        "6", "5.5", "5", "4.5", "4", "3.5", "3", "2.5", "2", "1.5", "1",
    ];
    let engineers = ["10", "12.5", "15"];
    let expected: Vec<(String, String)> = months
        .iter()
        .flat_map(|m| engineers.iter().map(|e| (m.to_string(), e.to_string())))
        .collect();
    let found: Vec<(String, String)> = table
        .rows
        .iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    // Every combination, once, the first key varying slowest.
    assert_eq!(found, expected);
    // More engineers to retrain cost more at every ramp length.
    let total = table.column("total");
    for chunk in table.rows.chunks(3) {
        let t: Vec<f64> = chunk
            .iter()
            .map(|r| r[total].parse().unwrap_or(f64::NAN))
            .collect();
        assert!(t[0] < t[1] && t[1] < t[2], "{t:?}");
    }
}

#[test]
fn sweep_refuses_unknown_and_non_numeric_keys() {
    let dir = temp();
    let scenario = example("mid-size-team.toml");
    sweep(dir.path(), &scenario, &["--vary", "hiring.premum=0:1:0.1"]).input_error(
        "error: --vary 'hiring.premum=0:1:0.1': unknown key `hiring.premum`; did you mean `hiring.premium`?",
    );
    sweep(dir.path(), &scenario, &["--vary", "months=1,2"])
        .input_error("did you mean `ramp.months` or `scenario.months`?");
    sweep(dir.path(), &scenario, &["--vary", "scenario.start=1,2"]).input_error(
        "error: --vary 'scenario.start=1,2': `scenario.start` is not a number, so it cannot be swept",
    );
    sweep(dir.path(), &scenario, &["--vary", "costs.tooling.from=1,2"])
        .input_error("a cost's number is its amount: costs.tooling.amount");
    sweep(dir.path(), &scenario, &["--vary", "costs.coffee=1,2"])
        .input_error("no cost matches `coffee`; the costs are: training_course, tooling");
    sweep(
        dir.path(),
        &scenario,
        &["--vary", "hiring.premium=low:high:0.1"],
    )
    .input_error("FROM `low` is not a number");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn sweep_refuses_a_zero_step_and_a_step_of_the_wrong_sign() {
    let dir = temp();
    let scenario = example("mid-size-team.toml");
    sweep(dir.path(), &scenario, &["--vary", "hiring.premium=0:0.5:0"]).input_error(
        "error: --vary 'hiring.premium=0:0.5:0': the step is zero, so the range never reaches TO; write a step such as hiring.premium=0:0.5:0.05",
    );
    sweep(dir.path(), &scenario, &["--vary", "ramp.months=6:2:1"]).input_error(
        "error: --vary 'ramp.months=6:2:1': the step 1 goes away from TO (2 is below FROM 6); write ramp.months=6:2:-1",
    );
    sweep(dir.path(), &scenario, &["--vary", "ramp.months=2:6:-1"])
        .input_error("the step -1 goes away from TO (6 is above FROM 2)");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn sweep_refuses_more_than_two_keys_and_a_million_combinations() {
    let dir = temp();
    let scenario = example("mid-size-team.toml");
    sweep(
        dir.path(),
        &scenario,
        &[
            "--vary",
            "hiring.premium=0.1,0.2",
            "--vary",
            "ramp.months=2,4",
            "--vary",
            "hiring.fee=0.1,0.2",
        ],
    )
    .input_error("error: --vary is given 3 times; a sweep varies one key (a line) or two (a grid)");
    sweep(
        dir.path(),
        &scenario,
        &[
            "--vary",
            "hiring.premium=0:1:0.001",
            "--vary",
            "ramp.months=1:60:0.05",
        ],
    )
    .input_error(
        "error: the sweep has 1,182,181 combinations (hiring.premium: 1,001 values × ramp.months: 1,181 values), above the limit of 1,000,000",
    );
    sweep(
        dir.path(),
        &scenario,
        &["--vary", "team.salary=1:2000000:1"],
    )
    .input_error("gives more than 1,000,000 values");
    sweep(
        dir.path(),
        &scenario,
        &[
            "--vary",
            "hiring.premium=0.1,0.2",
            "--vary",
            "hiring.premium=0.3",
        ],
    )
    .input_error("both vary hiring.premium; give each key once");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_value_the_key_does_not_accept_gets_the_usual_message_naming_the_vary() {
    let dir = temp();
    let scenario = example("mid-size-team.toml");
    let out = sweep(
        dir.path(),
        &scenario,
        &["--vary", "hiring.premium=1:5:1", "--vary", "ramp.months=3,4"],
    )
    .input_error(
        "--vary 'hiring.premium=1:5:1' at hiring.premium=4: hiring.premium: expected a number between 0 and 3, found 4",
    );
    // The same message `run --set` gives, apart from the location.
    let run = adoptcost(
        dir.path(),
        &[
            "run",
            path_str(&scenario),
            "--set",
            "hiring.premium=4",
            "--samples",
            "0",
        ],
    )
    .input_error("hiring.premium: expected a number between 0 and 3, found 4");
    let tail = |s: &str| s.split("hiring.premium: expected").nth(1).map(String::from);
    assert_eq!(tail(&out.stderr), tail(&run.stderr));
    sweep(dir.path(), &scenario, &["--vary", "scenario.months=12.5"])
        .input_error("scenario.months: expected a whole number of months from 1 to 600");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn sweep_warnings_are_printed_once_with_the_values_that_earned_them() {
    let dir = temp();
    let out = sweep(
        dir.path(),
        &example("mid-size-team.toml"),
        &["--vary", "scenario.months=1,24,36", "--quiet"],
    )
    .success();
    assert_eq!(out.stdout, "", "{}", out.show());
    // With a one-month horizon the three openings fall after its end.
    assert_eq!(out.stderr.matches("warning: ").count(), 3, "{}", out.show());
    assert!(
        out.stderr.contains(
            "warning: at --vary scenario.months=1: "
        ) && out.stderr.contains("hiring.plan.month: opening in 2027-03 is at or after the end of the horizon (2027-01)"),
        "{}",
        out.show()
    );
}

#[test]
fn both_commands_explain_themselves_with_examples() {
    let dir = temp();
    let compare = adoptcost(dir.path(), &["compare", "--help"]).success();
    assert!(
        compare.stdout.contains("adoptcost compare scenarios/"),
        "{}",
        compare.show()
    );
    assert!(compare.stdout.contains("--samples"), "{}", compare.show());
    let sweep = adoptcost(dir.path(), &["sweep", "--help"]).success();
    assert!(
        sweep.stdout.contains("--vary hiring.premium=0:0.5:0.05"),
        "{}",
        sweep.show()
    );
    assert!(
        sweep.stdout.contains("0.1:0.4:0.1 is 0.1, 0.2, 0.3, 0.4"),
        "{}",
        sweep.show()
    );
    let missing = adoptcost(dir.path(), &["sweep", "x.toml"]);
    assert_eq!(missing.status, Some(2), "{}", missing.show());
}

#[test]
fn many_different_sweep_warnings_are_summed_up() {
    let dir = temp();
    let out = sweep(
        dir.path(),
        &example("mid-size-team.toml"),
        &["--vary", "scenario.months=1:20:1", "--quiet"],
    )
    .success();
    // 27 different warnings (each opening beyond each short horizon): 20 shown.
    assert_eq!(
        out.stderr.matches("warning: ").count(),
        21,
        "{}",
        out.show()
    );
    assert!(
        out.stderr
            .contains("warning: ... and 7 more different warnings from other combinations"),
        "{}",
        out.show()
    );
}
