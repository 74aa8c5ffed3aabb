//! `run --xlsx`: the workbook is written on request, every input has a
//! defined name, and every monthly cell is a formula whose stored result is the
//! tool's exact figure. `recalculation` has a real spreadsheet engine
//! (LibreOffice Calc) recompute it.

mod parts;
mod recalculation;

use std::fs;
use std::path::Path;

use crate::support::{OUT, Outcome, Test, shipped, shipped_scenarios};
use parts::{FIRST_DATA_ROW, column_letter, decimal, defined_names, sheet_cells, zip_entry};

/// Runs one scenario file (written as `<stem>.toml` in the test's folder)
/// with `extra` flags, without charts (the workbook does not depend on them,
/// and drawing them takes most of a debug run; `charts.rs` draws them).
fn run_file(stem: &str, text: &str, extra: &[&str]) -> Outcome {
    let file = format!("{stem}.toml");
    Test::new()
        .file(&file, text)
        .args(["run", file.as_str(), "--out", OUT, "--quiet", "--no-charts"])
        .args(extra.iter().copied())
        .run()
}

/// Whether a scenario uses what the workbook refuses today (adoption waves,
/// attrition, a savings ramp: `run --xlsx` exits 2 for it, see
/// `error_messages`); such examples are left out of the workbook tests.
fn workbook_refuses(text: &str) -> bool {
    text.lines().map(str::trim_start).any(|line| {
        line.starts_with("[adoption]")
            || line.starts_with("attrition")
            || line.starts_with("ramp_months")
    })
}

/// Every shipped scenario the workbook models, as (file stem, text).
fn shipped_texts() -> Vec<(String, String)> {
    shipped_scenarios()
        .iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a file name")
                .to_string();
            let text = fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (stem, text)
        })
        .filter(|(_, text)| !workbook_refuses(text))
        .collect()
}

/// A CSV file as rows of cells, the header included, rows of any length.
fn read_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

#[test]
fn run_writes_model_xlsx_only_when_asked() {
    let scenario = shipped("mid-size-team.toml");
    let run = |extra: &[&str]| {
        Test::new()
            .args([
                "run",
                scenario.as_str(),
                "--out",
                OUT,
                "--quiet",
                "--no-charts",
                "--samples",
                "0",
            ])
            .args(extra.iter().copied())
            .run()
    };
    let plain = run(&[]);
    plain.check(
        !plain.result_dir().join("model.xlsx").exists(),
        "model.xlsx written without --xlsx",
    );
    let with = run(&["--xlsx"]);
    let xlsx = with.result_dir().join("model.xlsx");
    with.check(xlsx.is_file(), "no model.xlsx with --xlsx");
    let workbook = zip_entry(&xlsx, "xl/workbook.xml");
    for sheet in ["Summary", "Monthly", "Assumptions", "Helper"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "sheet {sheet} missing"
        );
    }
}

#[test]
fn every_input_has_a_defined_name_on_the_assumptions_sheet() {
    let run = Test::new()
        .args([
            "run",
            shipped("mid-size-team.toml").as_str(),
            "--out",
            OUT,
            "--quiet",
            "--no-charts",
            "--samples",
            "0",
            "--xlsx",
        ])
        .run();
    let xlsx = run.result_dir().join("model.xlsx");
    let names = defined_names(&xlsx);
    for name in [
        "salary",
        "overhead",
        "premium",
        "multiplier",
        "days_to_hire",
        "ramp_months",
        "team_know_rust",
        "hiring_know_rust",
        "cost_training_course",
        "cost_tooling",
        "team_engineers",
        "discount_rate",
        "loaded_monthly",
        "engineer_month_value",
        "build_wait_share",
    ] {
        let target = names
            .get(name)
            .unwrap_or_else(|| panic!("no defined name {name}: {names:?}"));
        assert!(target.starts_with("Assumptions!$C$"), "{name} → {target}");
    }
    // The premium cell holds the base value (the midpoint of [0.20, 0.30]).
    let cells = sheet_cells(&xlsx, "Assumptions");
    let premium = names["premium"]
        .replace("Assumptions!", "")
        .replace('$', "");
    assert_eq!(cells[&premium].1.as_deref(), Some("0.25"));
}

#[test]
fn monthly_cells_are_rounded_formulas_storing_the_csv_figures() {
    for (stem, text) in shipped_texts() {
        let run = run_file(&stem, &text, &["--samples", "0", "--xlsx"]);
        let dir = run.result_dir();
        let xlsx = dir.join("model.xlsx");
        let csv = read_rows(&dir.join("monthly.csv"));
        let cells = sheet_cells(&xlsx, "Monthly");
        let header = &csv[0];
        for (r, row) in csv.iter().enumerate().skip(1) {
            let excel_row = FIRST_DATA_ROW + r - 1;
            for (c, expected) in row.iter().enumerate().skip(1) {
                let reference = format!("{}{excel_row}", column_letter(c));
                let (formula, value) = cells
                    .get(&reference)
                    .unwrap_or_else(|| panic!("{stem}: no cell {reference}"));
                let formula = formula
                    .as_deref()
                    .unwrap_or_else(|| panic!("{reference} is not a formula"));
                assert!(
                    formula.starts_with("ROUND("),
                    "{stem} {reference} ({}): {formula}",
                    header[c]
                );
                let stored = value.as_deref().and_then(decimal);
                assert_eq!(
                    stored,
                    decimal(expected),
                    "{stem} {reference} ({}) stores {value:?}, monthly.csv has {expected}",
                    header[c]
                );
            }
        }
        // Formulas read like the model: a line item names its inputs.
        let premium_col = header
            .iter()
            .position(|h| h == "salary_premium")
            .expect("salary_premium column");
        let first = &cells[&format!("{}{FIRST_DATA_ROW}", column_letter(premium_col))];
        assert_eq!(
            first.0.as_deref(),
            Some("ROUND(ROUND(Helper!D5*loaded_monthly*premium,12),2)")
        );
    }
}
