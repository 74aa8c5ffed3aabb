//! Charts: every file is produced at the requested size, is not blank, and the
//! SVG twin carries the scenario name as text; `--no-charts` writes none.

mod common;

use std::fs;

use common::{Test, assert_real_png};

const CHARTS: [&str; 5] = [
    "cumulative",
    "breakdown",
    "tornado",
    "distribution",
    "capacity",
];

const RANGED: &str = r#"
[scenario]
name = "Charts & <friends>"
start = "2027-01"
months = 18

[team]
engineers = 6
salary = [110000, 130000]

[hiring]
plan = [{ month = "2027-03", count = 2 }]

[[costs]]
name = "training"
amount = { low = 5000, mode = 8000, high = 15000, dist = "pert" }
month = "2027-01"

[benefits]
infra_per_month = [500, 1500]
"#;

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
    for chart in CHARTS {
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
fn default_size_is_1600_by_900() {
    let out = Test::new()
        .scenario(RANGED)
        .args(["run", "scenario.toml", "--out", "out", "--samples", "200"])
        .run();
    let dir = out.result_dir();
    for chart in CHARTS {
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
    for chart in CHARTS {
        assert_real_png(&dir.join(format!("{chart}.png")), 1600, 900);
    }
}

#[test]
fn no_charts_writes_no_images() {
    let out = Test::new()
        .scenario(RANGED)
        .args([
            "run",
            "scenario.toml",
            "--out",
            "out",
            "--samples",
            "100",
            "--no-charts",
        ])
        .run();
    let dir = out.result_dir();
    let images: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "png" || x == "svg")
        })
        .collect();
    assert!(images.is_empty(), "--no-charts wrote {images:?}");
}

#[test]
fn a_bad_chart_size_is_a_usage_error() {
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
