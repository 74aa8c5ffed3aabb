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

/// Every shipped scenario as (file stem, text).
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
    for sheet in [
        "Read me",
        "Summary",
        "Monthly",
        "Charts",
        "Bands",
        "Assumptions",
        "Helper",
        "Checks",
    ] {
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
        assert!(target.starts_with("Assumptions!$"), "{name} → {target}");
    }
    // Each uncertain input has base, low and high cells; the base cell holds
    // the base value (the midpoint of [0.20, 0.30]) in column C.
    let cells = sheet_cells(&xlsx, "Assumptions");
    let cell_of = |name: &str| names[name].replace("Assumptions!", "").replace('$', "");
    let premium = cell_of("premium_base");
    assert!(premium.starts_with('C'), "{premium}");
    assert_eq!(cells[&premium].1.as_deref(), Some("0.25"));
    assert_eq!(cells[&cell_of("premium_low")].1.as_deref(), Some("0.2"));
    assert_eq!(cells[&cell_of("premium_high")].1.as_deref(), Some("0.3"));
    // The value in use follows the Summary switch.
    let in_use = &cells[&cell_of("premium")];
    assert!(
        in_use
            .0
            .as_deref()
            .is_some_and(|f| f.contains("switch_mode")),
        "{in_use:?}"
    );
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
        let text = first.0.as_deref().unwrap_or_default();
        assert!(
            text.starts_with("ROUND(ROUND(Helper!")
                && text.ends_with("*loaded_monthly*premium,12),2)"),
            "{stem}: {text}"
        );
    }
}

/// The data validation rule of one cell of a sheet, as attributes and its
/// formulas, read back from the file.
fn validation_of(xlsx: &Path, sheet: &str, reference: &str) -> (String, Vec<String>) {
    let xml = zip_entry(xlsx, &parts::sheet_part(xlsx, sheet));
    for rule in xml.split("<dataValidation ").skip(1) {
        let rule = rule.split("</dataValidation>").next().unwrap_or(rule);
        let (attrs, body) = rule.split_once('>').unwrap_or((rule, ""));
        let sqref = attrs
            .split("sqref=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("");
        if sqref
            .split(' ')
            .any(|r| r == reference || covers(r, reference))
        {
            let formulas = body
                .split("<formula")
                .skip(1)
                .filter_map(|f| {
                    f.split_once('>')
                        .map(|(_, v)| v.split('<').next().unwrap_or("").to_string())
                })
                .collect();
            return (attrs.to_string(), formulas);
        }
    }
    panic!("no data validation covers {sheet}!{reference}");
}

/// Whether a range `C5:H5` covers a cell `D5`.
fn covers(range: &str, reference: &str) -> bool {
    let Some((a, b)) = range.split_once(':') else {
        return false;
    };
    let (ra, ca) = parts::parse_reference(a);
    let (rb, cb) = parts::parse_reference(b);
    let (r, c) = parts::parse_reference(reference);
    (ra..=rb).contains(&r) && (ca..=cb).contains(&c)
}

#[test]
fn guarded_cells_refuse_values_outside_the_domain_with_the_tools_words() {
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
    let cell = |name: &str| {
        names[name]
            .split('!')
            .nth(1)
            .expect("Sheet!$C$5")
            .split(':')
            .next()
            .unwrap_or_default()
            .replace('$', "")
    };
    // The tool refuses premium 25 (meant as 25%): so does the cell.
    Test::new()
        .args([
            "run",
            shipped("mid-size-team.toml").as_str(),
            "--out",
            OUT,
            "--set",
            "hiring.premium=25",
        ])
        .status(2)
        .run()
        .stderr_has("hiring.premium: expected a number between 0 and 3")
        .nothing_written();
    // Base, low and high cells (columns C, D, E of the input's row).
    let base = cell("premium_base");
    let row: String = base.chars().skip(1).collect();
    for name in ["C", "D", "E"].map(|c| format!("{c}{row}")) {
        let (attrs, formulas) = validation_of(&xlsx, "Assumptions", &name);
        assert!(attrs.contains("type=\"decimal\""), "{name}: {attrs}");
        assert!(attrs.contains("showErrorMessage=\"1\""), "{name}: {attrs}");
        assert!(
            !attrs.contains("errorStyle="),
            "{name}: a stop rule: {attrs}"
        );
        assert!(
            attrs.contains("prompt=\"hiring.premium: "),
            "{name}: {attrs}"
        );
        assert!(
            attrs.contains("error=\"hiring.premium: expected a number between 0 and 3."),
            "{name}: {attrs}"
        );
        let bounds: Vec<f64> = formulas
            .iter()
            .map(|f| f.parse().expect("a number"))
            .collect();
        assert_eq!(bounds, [0.0, 3.0], "{name}");
        assert!(!(bounds[0]..=bounds[1]).contains(&25.0));
    }
    // Shares show as percentages.
    let styles = zip_entry(&xlsx, "xl/styles.xml");
    assert!(
        styles.contains("formatCode=\"0.0#%\""),
        "no percentage format"
    );
    // Counts are at least 0, months are dates from the start on.
    let (attrs, formulas) = validation_of(&xlsx, "Assumptions", &cell("plan_count"));
    assert!(attrs.contains("operator=\"greaterThanOrEqual\""), "{attrs}");
    assert_eq!(formulas, ["0"]);
    let months = names["plan_count"].replace("$D$", "$C$");
    let month = months
        .split('!')
        .nth(1)
        .unwrap_or_default()
        .split(':')
        .next()
        .unwrap_or_default()
        .replace('$', "");
    let (attrs, formulas) = validation_of(&xlsx, "Assumptions", &month);
    assert!(attrs.contains("type=\"date\""), "{attrs}");
    assert_eq!(formulas, ["start_month"]);
    // The scenario switch takes one of its four choices.
    let (attrs, formulas) = validation_of(&xlsx, "Summary", "B4");
    assert!(attrs.contains("type=\"list\""), "{attrs}");
    assert_eq!(formulas, ["\"all low,base,all high,per input\""]);
}
