//! `adoptcost compare`: one row per scenario whose figures equal those of
//! `adoptcost run` (same seed, samples and `--set`) exactly; a table on
//! stdout, cheapest first; warnings where the scenarios cannot be compared
//! like for like. Its charts are in `charts.rs`.

use crate::support::figures::{SEED, single_run};
use crate::support::{Test, shipped};

const SAMPLES: &str = "200";

#[test]
fn comparison_rows_equal_each_single_run() {
    let scenarios = [
        shipped("mid-size-team.toml"),
        shipped("cpp-to-rust-savings.toml"),
        shipped("hire-rust-team.toml"),
    ];
    let run = Test::new()
        .arg("compare")
        .args(scenarios.iter().map(String::as_str))
        .args(["--out", "cmp", "--samples", SAMPLES, "--seed", SEED])
        .run();
    let table = run.csv("cmp/comparison.csv");
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
            "break_even",
            "run_rate",
            "break_even_projected",
            "break_even_chance"
        ]
    );
    // One row per scenario, in the order given.
    assert_eq!(
        table.column("scenario"),
        [
            "Mid-size team, article defaults",
            "C++ team moves to Rust, with savings",
            "New Rust team built by hiring"
        ]
    );
    for (i, scenario) in scenarios.iter().enumerate() {
        let single = single_run(scenario, SAMPLES, &[]);
        let row = table.record(i);
        let total = &single.summary["total"];
        assert_eq!(row["total_base"], total[0], "{scenario}");
        assert_eq!(row["total_mean"], total[1]);
        assert_eq!(row["total_p10"], total[2]);
        assert_eq!(row["total_p50"], total[3]);
        assert_eq!(row["total_p90"], total[4]);
        for metric in [
            "cash_total",
            "capacity_cost",
            "capacity_em",
            "npv",
            "run_rate",
        ] {
            assert_eq!(row[metric], single.summary[metric][0], "{metric}");
        }
        assert_eq!(row["break_even"], single.break_even);
        assert_eq!(
            row["break_even_projected"],
            single.projected_break_even.as_deref().unwrap_or_default()
        );
    }
    // The savings scenario breaks even; the check above is not vacuous.
    assert_eq!(table.record(1)["break_even"], "2029-10");
}

#[test]
fn comparison_with_set_equals_run_with_set_and_goes_to_the_default_folder() {
    let scenario = shipped("retrain-go-team.toml");
    let sets = ["--set", "hiring.premium=0.35", "--set", "ramp.months=[2,4]"];
    let run = Test::new()
        .args(["compare", scenario.as_str()])
        .args(sets)
        .args(["--samples", SAMPLES, "--seed", SEED])
        .run();
    let table = run.csv("output/compare/comparison.csv");
    let single = single_run(&scenario, SAMPLES, &sets);
    let row = table.record(0);
    assert_eq!(row["total_base"], single.summary["total"][0]);
    assert_eq!(row["total_p90"], single.summary["total"][4]);
    assert_eq!(row["npv"], single.summary["npv"][0]);
}

#[test]
fn comparison_without_samples_leaves_the_sampled_columns_empty() {
    let scenario = shipped("mid-size-team.toml");
    let run = Test::new()
        .args(["compare", scenario.as_str(), "--samples", "0", "--out", "c"])
        .run();
    let table = run.csv("c/comparison.csv");
    let row = table.record(0);
    for c in [
        "total_mean",
        "total_p10",
        "total_p50",
        "total_p90",
        "break_even_chance",
    ] {
        assert_eq!(row[c], "", "{c}");
    }
    let single = single_run(&scenario, "0", &[]);
    assert_eq!(row["total_base"], single.summary["total"][0]);
    run.stdout_has("no sampling").stdout_lacks("P10");
}

#[test]
fn comparison_table_is_cheapest_first_with_differences_to_the_cheapest() {
    let dear = shipped("mid-size-team.toml");
    let cheap = shipped("hire-rust-team.toml");
    let run = Test::new()
        .args(["compare", dear.as_str(), cheap.as_str(), "--samples", "0"])
        .run();
    let lines: Vec<&str> = run.stdout.lines().collect();
    let line_of = |name: &str| {
        lines
            .iter()
            .position(|l| l.contains(name))
            .unwrap_or_else(|| run.fail(format!("no line for {name}")))
    };
    let first = line_of("New Rust team built by hiring");
    let second = line_of("Mid-size team, article defaults");
    run.check(first < second, "the cheaper scenario should come first");
    // Totals from the CSV: 1,558,636.35 and 2,003,231.61 USD.
    let table = run.csv("output/compare/comparison.csv");
    assert_eq!(table.record(0)["total_base"], "2003231.61");
    assert_eq!(table.record(1)["total_base"], "1558636.35");
    let (cheap_line, dear_line) = (lines[first], lines[second]);
    run.check(
        cheap_line.contains("1,558,636.35 USD") && cheap_line.trim_end().ends_with("cheapest"),
        "the cheapest line shows its total and says `cheapest`",
    )
    .check(
        dear_line.trim_end().ends_with("+444,595.26 USD"),
        "the dearer line ends with its difference to the cheapest",
    );
    // Different horizons (36 and 24 months) are said, not cut.
    run.stdout_has("different months")
        .stdout_has("2027-01 to 2029-12");
}

#[test]
fn comparison_warns_when_currencies_differ_and_ranks_each_currency_apart() {
    Test::new()
        .args([
            "compare",
            shipped("mid-size-team.toml").as_str(),
            shipped("retrain-go-team.toml").as_str(),
            "--samples",
            "0",
        ])
        .run()
        .stderr_has("warning: the scenarios are in different currencies")
        .stdout_has("cheapest in EUR")
        .stdout_has("cheapest in USD")
        .stdout_lacks("+");
}

#[test]
fn comparison_writes_nothing_when_a_scenario_is_invalid() {
    Test::new()
        .file(
            "broken.toml",
            "[scenario]\nname = \"Broken\"\nstart = \"2027-01\"\n[team]\nengineers = 3\n",
        )
        .args([
            "compare",
            shipped("mid-size-team.toml").as_str(),
            "broken.toml",
            "--samples",
            "0",
            "--out",
            "cmp",
        ])
        .status(2)
        .run()
        .stderr_has("broken.toml:4:2: team.salary: is required in [team]")
        .nothing_written();
}

#[test]
fn compare_help_shows_an_example_and_the_samples_flag() {
    Test::new()
        .args(["compare", "--help"])
        .run()
        .stdout_has("adoptcost compare scenarios/")
        .stdout_has("--samples");
}
