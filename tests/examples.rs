//! Every shipped scenario (scenarios/*.toml and docs/template.toml) runs, and
//! its CSV files add up the way MODEL.md §3-§5 promise: a spreadsheet's SUM of
//! a column equals the total the tool prints, to the cent.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::outputs::{check_outputs, well_formed};
use common::{Outcome, SCENARIO, Test, dec};
use rust_decimal::Decimal;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every shipped example: all of scenarios/ (so a new file is covered without
/// touching this test) and the template `adoptcost new` writes.
fn examples() -> Vec<PathBuf> {
    let dir = root().join("scenarios");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 4,
        "expected the shipped scenarios in {}, found {files:?}",
        dir.display()
    );
    files.push(root().join("docs/template.toml"));
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
fn cpp_to_rust_savings_breaks_even() {
    let example = root().join("scenarios/cpp-to-rust-savings.toml");
    let run = run_example(&example);
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

#[test]
fn the_cell_format_check_rejects_negative_zero_and_wrong_decimals() {
    assert!(well_formed("0.00", 2));
    assert!(well_formed("-12.50", 2));
    assert!(!well_formed("-0.00", 2));
    assert!(!well_formed("-0.000", 3));
    assert!(!well_formed("1.5", 2));
    assert!(!well_formed("1,000.00", 2));
    assert!(!well_formed("1e3", 2));
    assert!(!well_formed(".50", 2));
}
