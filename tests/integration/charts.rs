//! Charts: every file is drawn at the requested size (1600x900 unless told)
//! and is not blank; the SVG twin, written on `--svg`, carries the scenario
//! and key names as text; `--no-charts` writes none. `run` draws five charts,
//! `compare` two, `sweep` one (a line or a heat map). Small scenarios and few
//! samples keep them fast.

use std::fs;
use std::path::PathBuf;

use crate::support::images::{RUN_CHARTS, assert_real_png, images, svg_text};
use crate::support::{Outcome, RANGED, Test};

// ---------------------------------------------------------------------- run

#[test]
fn every_chart_is_written_at_the_requested_size_with_an_svg_twin() {
    let out = Test::new()
        .scenario(RANGED)
        .args([
            "run",
            "scenario.toml",
            "--out",
            "out",
            "--samples",
            "500",
            "--svg",
            "--chart-size",
            "1200x675",
        ])
        .run();
    let dir = out.result_dir();
    for chart in RUN_CHARTS {
        assert_real_png(&dir.join(format!("{chart}.png")), 1200, 675);
        let svg = fs::read_to_string(dir.join(format!("{chart}.svg")))
            .unwrap_or_else(|e| panic!("{chart}.svg: {e}"));
        assert!(svg.contains("<text"), "{chart}.svg has no text element");
        assert!(
            svg.contains("Charts &amp; &lt;friends&gt;"),
            "{chart}.svg does not carry the escaped scenario name"
        );
    }
}

#[test]
fn run_charts_default_to_1600_by_900_without_svg() {
    let out = Test::new()
        .scenario(RANGED)
        .args(["run", "scenario.toml", "--out", "out", "--samples", "200"])
        .run();
    let dir = out.result_dir();
    for chart in RUN_CHARTS {
        assert_real_png(&dir.join(format!("{chart}.png")), 1600, 900);
        assert!(
            !dir.join(format!("{chart}.svg")).exists(),
            "SVG written without --svg"
        );
    }
}

#[test]
fn charts_are_drawn_without_samples_or_uncertain_inputs() {
    let fixed = "[scenario]\nname = \"Fixed\"\nstart = \"2027-01\"\nmonths = 1\n[team]\nengineers = 3\nsalary = 100000\n[hiring]\nmultiplier = 2\npremium = 0.25\n[ramp]\nmonths = 4\n[builds]\nclean_minutes = 12\nincremental_minutes = 2\n";
    let out = Test::new()
        .scenario(fixed)
        .args(["run", "scenario.toml", "--out", "out", "--samples", "0"])
        .run();
    let dir = out.result_dir();
    for chart in RUN_CHARTS {
        assert_real_png(&dir.join(format!("{chart}.png")), 1600, 900);
    }
}

/// RANGED, compared with Go.
fn ranged_on_go() -> String {
    RANGED.replace("[team]\n", "[team]\ncurrent_stack = \"Go\"\n")
}

/// The SVG twins of a run's charts, by chart name.
fn run_svgs(out: &Outcome) -> Vec<(&'static str, String)> {
    let dir = out.result_dir();
    RUN_CHARTS
        .iter()
        .map(|chart| (*chart, svg_text(&dir.join(format!("{chart}.svg")))))
        .collect()
}

#[test]
fn charts_say_what_is_compared_and_show_samples_only_where_they_draw_them() {
    let out = Test::new()
        .scenario(&ranged_on_go())
        .args(["run", "scenario.toml", "--out", "out", "--svg"])
        .args(["--samples", "100", "--chart-size", "1800x900"])
        .run();
    for (chart, svg) in run_svgs(&out) {
        let compared = if chart == "capacity" {
            "work lost in Rust vs staying on Go"
        } else {
            "extra cost of Rust vs staying on Go"
        };
        assert!(svg.contains(compared), "{chart}.svg lacks {compared:?}");
        let sampled = matches!(chart, "cumulative" | "distribution" | "tornado");
        assert_eq!(
            svg.contains("100 samples, seed"),
            sampled,
            "{chart}.svg: the sample count belongs only on charts drawing sampled figures"
        );
        if !sampled {
            assert!(
                svg.contains("base case"),
                "{chart}.svg does not say base case"
            );
        }
        // The capacity chart is in engineer-months, not money.
        assert_eq!(
            svg.contains("in USD"),
            chart != "capacity",
            "{chart}.svg units"
        );
    }
}

#[test]
fn with_no_samples_the_distribution_says_sampling_was_skipped_not_that_nothing_is_uncertain() {
    let out = Test::new()
        .scenario(&ranged_on_go())
        .args([
            "run",
            "scenario.toml",
            "--out",
            "out",
            "--svg",
            "--samples",
            "0",
        ])
        .run();
    let svgs = run_svgs(&out);
    let distribution = &svgs
        .iter()
        .find(|(c, _)| *c == "distribution")
        .expect("a distribution")
        .1;
    assert!(distribution.contains("Sampling was skipped (--samples 0)"));
    assert!(!distribution.contains("No uncertain inputs"));
    // The 18 months end above zero: the cumulative chart says so.
    let cumulative = &svgs
        .iter()
        .find(|(c, _)| *c == "cumulative")
        .expect("a cumulative")
        .1;
    assert!(cumulative.contains("No break-even by 2028-06"));
}

/// One uncertain input, the Rust time-to-hire multiplier: at 3x the opening of
/// 2027-03 is filled after the horizon, so its premium and ramp-up fall away.
const SLOW_MARKET: &str = r#"
[scenario]
name = "Slow market"
start = "2027-01"
months = 6
[team]
engineers = 4
salary = 120000
overhead = 0.3
[hiring]
plan = [{ month = "2027-03", count = 1 }]
days_to_hire = 45
multiplier = [2, 3]
premium = 0.25
fee = 0.2
know_rust = 0.5
[ramp]
months = 4
start_productivity = 0.3
steady_productivity = 1
mentoring = 0.1
[builds]
clean_minutes = 12
incremental_minutes = 2
incremental_per_day = 20
clean_per_day = 0.2
lost_share = 0.5
"#;

#[test]
fn a_tornado_bar_whose_high_value_lowers_the_total_says_why() {
    let out = Test::new()
        .scenario(SLOW_MARKET)
        .args([
            "run",
            "scenario.toml",
            "--out",
            "out",
            "--svg",
            "--samples",
            "0",
        ])
        .run();
    let sensitivity = out.csv("out/slow-market/sensitivity.csv");
    let row = sensitivity.record(0);
    assert_eq!(row["input"], "hiring.multiplier");
    assert!(
        row["total_at_high"].parse::<f64>().unwrap_or(f64::NAN)
            < row["total_at_low"].parse::<f64>().unwrap_or(f64::NAN),
        "the check below is not vacuous only if 3x lowers the total"
    );
    let tornado = svg_text(&out.result_dir().join("tornado.svg"));
    assert!(
        tornado.contains("(hiring.multiplier) higher: premium past the horizon"),
        "tornado.svg does not explain the reversed hiring.multiplier bar"
    );
}

#[test]
fn run_with_no_charts_writes_no_images() {
    let out = Test::new().scenario(RANGED).sampled(100).run();
    let dir = out.result_dir();
    assert!(
        images(&dir).is_empty(),
        "--no-charts wrote {:?}",
        images(&dir)
    );
}

#[test]
fn a_bad_chart_size_is_a_usage_error_for_run() {
    let out = Test::new()
        .scenario(RANGED)
        .args([
            "run",
            "scenario.toml",
            "--out",
            "out",
            "--chart-size",
            "big",
        ])
        .status(2)
        .run();
    out.stderr_has("WIDTHxHEIGHT").nothing_written();
}

// ----------------------------------------------------------- compare, sweep

/// Two scenarios over the same months, one with a name that needs escaping.
const PLAN_A: &str = r#"
[scenario]
name = "Plan A & <friends>"
start = "2027-01"
months = 12

[team]
engineers = 6
salary = [110000, 130000]
"#;

const PLAN_B: &str = r#"
[scenario]
name = "Plan B"
start = "2027-01"
months = 12

[team]
engineers = 3
salary = 120000

[hiring]
plan = [{ month = "2027-03", count = 2 }]
"#;

/// Plan A with hires, so that the salary premium matters.
const SWEPT: &str = r#"
[scenario]
name = "Plan A & <friends>"
start = "2027-01"
months = 12

[team]
engineers = 6
salary = 120000

[hiring]
plan = [{ month = "2027-02", count = 4 }]
"#;

/// Another horizon and another currency than the plans above.
const LATER_IN_EUR: &str = r#"
[scenario]
name = "Later in euros"
start = "2027-07"
months = 18
currency = "EUR"

[team]
engineers = 4
salary = 90000
"#;

fn compare(files: &[(&str, &str)], extra: &[&str]) -> Outcome {
    let mut test = Test::new();
    let mut args = vec!["compare".to_string()];
    for (name, text) in files {
        test = test.file(name, text);
        args.push(name.to_string());
    }
    args.extend(["--out", "cmp"].map(String::from));
    args.extend(extra.iter().map(|a| a.to_string()));
    test.args(args).run()
}

fn sweep(extra: &[&str]) -> Outcome {
    let mut args = vec!["sweep", "plan.toml", "--out", "out", "-q"];
    args.extend(extra);
    Test::new().file("plan.toml", SWEPT).args(args).run()
}

fn cmp_dir(out: &Outcome) -> PathBuf {
    out.path().join("cmp")
}

#[test]
fn compare_draws_both_charts_at_the_requested_size_with_svg_twins() {
    let out = compare(
        &[("a.toml", PLAN_A), ("b.toml", PLAN_B)],
        &["--samples", "200", "--svg", "--chart-size", "1200x675"],
    );
    let dir = cmp_dir(&out);
    assert_eq!(
        images(&dir),
        [
            "comparison.png",
            "comparison.svg",
            "comparison_totals.png",
            "comparison_totals.svg"
        ]
    );
    for chart in ["comparison", "comparison_totals"] {
        assert_real_png(&dir.join(format!("{chart}.png")), 1200, 675);
        let svg = svg_text(&dir.join(format!("{chart}.svg")));
        for name in ["Plan A &amp; &lt;friends&gt;", "Plan B", "200 samples"] {
            assert!(svg.contains(name), "{chart}.svg lacks {name:?}");
        }
    }
    out.stdout_has(
        "{comparison.csv, comparison.png, comparison.svg, comparison_totals.png, comparison_totals.svg}",
    );
}

#[test]
fn compare_charts_default_to_1600_by_900_without_svg() {
    let out = compare(
        &[("a.toml", PLAN_A), ("b.toml", PLAN_B)],
        &["--samples", "0"],
    );
    let dir = cmp_dir(&out);
    assert_eq!(
        images(&dir),
        ["comparison.png", "comparison_totals.png"],
        "no SVG without --svg"
    );
    assert_real_png(&dir.join("comparison.png"), 1600, 900);
    assert_real_png(&dir.join("comparison_totals.png"), 1600, 900);
}

#[test]
fn compare_over_different_months_and_currencies_says_so_on_the_chart() {
    let out = compare(
        &[("a.toml", PLAN_A), ("later.toml", LATER_IN_EUR)],
        &["--samples", "100", "--svg"],
    );
    let dir = cmp_dir(&out);
    let svg = svg_text(&dir.join("comparison.svg"));
    for text in [
        "Months since start",
        "Scenarios cover different months",
        "Scenarios are in different currencies",
        "Later in euros",
    ] {
        assert!(svg.contains(text), "comparison.svg lacks {text:?}");
    }
    let totals = svg_text(&dir.join("comparison_totals.svg"));
    for text in ["different horizons", "different currencies", "EUR", "USD"] {
        assert!(
            totals.contains(text),
            "comparison_totals.svg lacks {text:?}"
        );
    }
}

#[test]
fn compare_with_no_charts_writes_only_the_csv() {
    let out = compare(
        &[("a.toml", PLAN_A), ("b.toml", PLAN_B)],
        &["--samples", "0", "--no-charts"],
    );
    let dir = cmp_dir(&out);
    assert!(
        images(&dir).is_empty(),
        "--no-charts wrote {:?}",
        images(&dir)
    );
    assert!(dir.join("comparison.csv").is_file());
    out.stdout_has("{comparison.csv}");
}

#[test]
fn a_one_way_sweep_draws_a_line_named_after_its_key() {
    let out = sweep(&["--vary", "hiring.premium=0.1:0.4:0.05", "--svg"]);
    let dir = out.result_dir();
    assert_eq!(images(&dir), ["sweep.png", "sweep.svg"]);
    assert_real_png(&dir.join("sweep.png"), 1600, 900);
    let svg = svg_text(&dir.join("sweep.svg"));
    for text in [
        "Plan A &amp; &lt;friends&gt;",
        "hiring.premium",
        "Rust salary premium",
        "40%",
    ] {
        assert!(svg.contains(text), "sweep.svg lacks {text:?}");
    }
}

#[test]
fn a_two_way_sweep_draws_a_heat_map_with_a_label_in_every_cell() {
    let out = sweep(&[
        "--vary",
        "hiring.premium=0.1,0.2,0.3",
        "--vary",
        "ramp.months=2:6:2",
        "--svg",
        "--chart-size",
        "1280x720",
    ]);
    let dir = out.result_dir();
    assert_real_png(&dir.join("sweep.png"), 1280, 720);
    let svg = svg_text(&dir.join("sweep.svg"));
    for text in ["hiring.premium", "ramp.months", "Ramp-up time (months)"] {
        assert!(svg.contains(text), "sweep.svg lacks {text:?}");
    }
    // One text per cell: the totals of sweep.csv in thousands, with the
    // same number of decimals (no decimals in the hundreds of thousands).
    let csv = fs::read_to_string(dir.join("sweep.csv")).unwrap_or_default();
    let totals: Vec<f64> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(2)?.parse().ok())
        .collect();
    assert_eq!(totals.len(), 9, "{csv}");
    for total in totals {
        let label = format!("{:.0}k", total / 1000.0);
        assert!(
            svg.contains(&label),
            "sweep.svg lacks the cell label {label}"
        );
    }
    assert!(!svg.contains("too many to label"));
}

#[test]
fn a_large_sweep_marks_its_extremes_and_says_the_cells_are_unlabelled() {
    let out = sweep(&[
        "--vary",
        "hiring.premium=0:0.6:0.02",
        "--vary",
        "ramp.months=1:30:1",
        "--svg",
    ]);
    let dir = out.result_dir();
    assert_real_png(&dir.join("sweep.png"), 1600, 900);
    let svg = svg_text(&dir.join("sweep.svg"));
    for text in ["31 × 30 cells are too many to label", "Lowest", "Highest"] {
        assert!(svg.contains(text), "sweep.svg lacks {text:?}");
    }
}

#[test]
fn sweep_with_no_charts_writes_only_the_csv() {
    let out = sweep(&["--vary", "ramp.months=2,4", "--no-charts"]);
    let dir = out.result_dir();
    assert!(
        images(&dir).is_empty(),
        "--no-charts wrote {:?}",
        images(&dir)
    );
    assert!(dir.join("sweep.csv").is_file());
}

#[test]
fn a_bad_chart_size_is_a_usage_error_for_compare_and_sweep() {
    let out = Test::new()
        .file("a.toml", PLAN_A)
        .args(["compare", "a.toml", "--out", "cmp", "--chart-size", "big"])
        .status(2)
        .run();
    out.stderr_has("WIDTHxHEIGHT").nothing_written();
    let out = Test::new()
        .file("a.toml", PLAN_A)
        .args([
            "sweep",
            "a.toml",
            "--vary",
            "ramp.months=2,4",
            "--chart-size",
            "10x10",
        ])
        .status(2)
        .run();
    out.stderr_has("WIDTHxHEIGHT").nothing_written();
}
