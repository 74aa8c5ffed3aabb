//! `run --report`: `report.html` for every shipped example, opened in a real
//! browser (headless Chromium, network disabled): no request leaves the page,
//! nothing errors, every chart is drawn at a non-zero size, the key figures
//! equal `summary.csv`, and the page prints to a PDF of a page per section.

use std::fs;
use std::path::PathBuf;

use crate::support::{OUT, SCENARIO, Test, chromium, repo, shipped_scenarios};

/// The charts the report draws (the distribution only when sampled).
const CHARTS: [&str; 5] = [
    "cumulative",
    "breakdown",
    "capacity",
    "tornado",
    "distribution",
];

/// The report's sections: the memo, two of charts, the inputs, the limits;
/// each starts a page when printed.
const SECTIONS: usize = 5;

fn examples() -> Vec<PathBuf> {
    let mut files = shipped_scenarios();
    files.push(repo().join("docs/template.toml"));
    files
}

/// Runs `example` with `--report` and opens the report in Chromium; returns
/// what went wrong, if anything.
fn check_example(chromium: &std::path::Path, example: &std::path::Path) -> Vec<String> {
    let text =
        fs::read(example).unwrap_or_else(|e| panic!("cannot read {}: {e}", example.display()));
    let run = Test::new()
        .file(SCENARIO, text)
        .args([
            "run",
            SCENARIO,
            "--out",
            OUT,
            "--samples",
            "500",
            "--report",
            "--no-charts",
            "--quiet",
        ])
        .run();
    let dir = run.result_dir();
    let name = example.display().to_string();
    let mut problems = Vec::new();
    let loaded = chromium::load(chromium, &dir.join("report.html"));
    let mut charts = Vec::new();
    let mut figures = 0;
    let summary = run.summary();
    for line in &loaded.probe {
        let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
        match kind {
            "chart" => {
                let parts: Vec<&str> = rest.split(' ').collect();
                let sizes: Vec<f64> = parts[1..]
                    .iter()
                    .map(|p| p.parse().unwrap_or(0.0))
                    .collect();
                if sizes.len() != 5 || sizes.iter().any(|s| *s <= 0.0) {
                    problems.push(format!("{name}: chart {} drawn at {:?} (width, height, ink width, ink height, texts)", parts[0], &parts[1..]));
                }
                charts.push(parts[0].to_string());
            }
            "figure" => {
                let (figure, shown) = rest.split_once(' ').unwrap_or((rest, ""));
                let Some((metric, stat)) = figure.split_once('/') else {
                    continue; // break-even: not in summary.csv
                };
                let column = summary.index(stat);
                let expected = summary
                    .rows
                    .iter()
                    .find(|r| r[0] == metric)
                    .map(|r| r[column].clone())
                    .unwrap_or_default();
                if shown.replace(',', "") != expected {
                    problems.push(format!(
                        "{name}: {figure} shows {shown}, summary.csv says {expected}"
                    ));
                }
                figures += 1;
            }
            _ => problems.push(format!("{name}: {line}")),
        }
    }
    if charts != CHARTS {
        problems.push(format!(
            "{name}: charts drawn {charts:?}, expected {CHARTS:?}"
        ));
    }
    // The total and its P10/P50/P90, cash, capacity (money and engineer-months), NPV, run rate.
    if figures != 9 {
        problems.push(format!(
            "{name}: {figures} key figures of summary.csv found, expected 9"
        ));
    }
    let pages = chromium::page_count(&loaded.pdf);
    if !(SECTIONS + 1..=SECTIONS + 6).contains(&pages) {
        problems.push(format!(
            "{name}: printed on {pages} pages; expected a page per section ({SECTIONS}) and the inputs table over one to six more"
        ));
    }
    problems
}

#[test]
fn every_example_report_opens_offline_in_chromium_with_the_figures_of_summary_csv() {
    let Some(chromium) = chromium::find(
        "every_example_report_opens_offline_in_chromium_with_the_figures_of_summary_csv",
    ) else {
        return;
    };
    let examples = examples();
    let problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = examples
            .iter()
            .map(|example| scope.spawn(|| check_example(&chromium, example)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| vec!["a check panicked".to_string()])
            })
            .collect()
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_report_is_written_only_when_asked_and_removed_after() {
    let test = Test::new().scenario(crate::support::TINY).args([
        "run",
        SCENARIO,
        "--out",
        OUT,
        "--samples",
        "0",
        "--report",
        "--quiet",
    ]);
    let run = test.run();
    let report = run.result_dir().join("report.html");
    let html = fs::read_to_string(&report).unwrap_or_else(|e| panic!("no report.html: {e}"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Doing the work in Rust costs "));
    assert!(html.contains("not sampled"));
    // Without --report, a later run removes the stale report.
    let again = run
        .again()
        .args(["run", SCENARIO, "--out", OUT, "--samples", "0", "--quiet"])
        .run();
    assert!(again.result_dir().join("summary.csv").exists());
    assert!(!again.result_dir().join("report.html").exists());
}
