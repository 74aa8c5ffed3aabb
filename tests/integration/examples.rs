//! Every shipped scenario (scenarios/*.toml and docs/template.toml, which
//! `adoptcost new` writes) is accepted by `check`, runs, draws its charts, and
//! its CSV files add up the way MODEL.md §3-§5 promise: a spreadsheet's SUM of
//! a column equals the total the tool prints, to the cent.

use std::fs;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::support::csv::dec;
use crate::support::images::{RUN_CHARTS, assert_real_png};
use crate::support::outputs::check_outputs;
use crate::support::{OUT, Outcome, SCENARIO, Test, repo, shipped_scenarios};

/// Every shipped example: all of scenarios/ (so a new file is covered without
/// touching this test) and the template `adoptcost new` writes.
fn examples() -> Vec<PathBuf> {
    let mut files = shipped_scenarios();
    files.push(repo().join("docs/template.toml"));
    files
}

/// Runs the base case of a shipped file, copied into a fresh folder.
fn run_example(path: &Path) -> Outcome {
    let text = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Test::new().file(SCENARIO, text).base_case().run()
}

#[test]
fn every_example_runs_and_its_csv_files_add_up() {
    for example in examples() {
        let run = run_example(&example);
        check_outputs(&run, &example.display().to_string());
    }
}

#[test]
fn every_example_draws_every_chart() {
    for example in examples() {
        let text =
            fs::read(&example).unwrap_or_else(|e| panic!("cannot read {}: {e}", example.display()));
        let run = Test::new()
            .file(SCENARIO, text)
            .args(["run", SCENARIO, "--out", OUT, "--samples", "200", "--quiet"])
            .run();
        let dir = run.result_dir();
        for chart in RUN_CHARTS {
            assert_real_png(&dir.join(format!("{chart}.png")), 1600, 900);
        }
    }
}

#[test]
fn check_accepts_every_example() {
    let mut test = Test::new().arg("check");
    let examples = examples();
    for (i, example) in examples.iter().enumerate() {
        let text =
            fs::read(example).unwrap_or_else(|e| panic!("cannot read {}: {e}", example.display()));
        let name = format!("example-{i}.toml");
        test = test.file(&name, text).arg(name);
    }
    let run = test.run();
    run.check(
        run.stdout.lines().filter(|l| l.starts_with("ok: ")).count() == examples.len(),
        format!("expected one `ok:` line per example ({})", examples.len()),
    )
    .nothing_written();
}

#[test]
fn the_savings_example_breaks_even_and_ends_with_a_saving() {
    let run = run_example(&repo().join("scenarios/cpp-to-rust-savings.toml"));
    let month = run.break_even();
    run.check(
        !month.starts_with("none") && month.len() == 7,
        format!("cpp-to-rust-savings should break even within its horizon, stdout says `{month}`"),
    );
    let total = dec(run.summary().base("total"));
    run.check(
        total < Decimal::ZERO,
        format!("cpp-to-rust-savings should end with a saving, total is {total}"),
    );
}
