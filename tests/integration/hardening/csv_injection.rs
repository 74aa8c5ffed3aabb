//! CSV files are safe to open (docs/bad-input.md): text from the scenario
//! that starts with `=`, `+`, `-`, `@`, tab or carriage return is written with
//! a leading `'` (OWASP's CSV injection guidance), so no spreadsheet runs it.

use std::fs;

use crate::support::csv::assert_safe_and_finite;
use crate::support::{Test, files_in, libreoffice};

const FORMULA_NAMES: &str = r#"[scenario]
name = "=cmd|' /C calc'!A0"
start = "2027-01"
months = 3

[team]
engineers = 2
salary = 120000
retention_raise = [0, 0.1]

[[costs]]
name = "=HYPERLINK(\"http://evil.example\",\"click\")"
amount = [100, 200]
month = "2027-01"

[[costs]]
name = "+SUM(1+1)"
amount = 5
month = "2027-02"

[[costs]]
name = "-2+3"
amount = 5
month = "2027-02"

[[costs]]
name = "@SUM(A1)"
amount = [1, 2]
from = "2027-01"
"#;

#[test]
fn user_text_in_every_csv_file_cannot_run_as_a_formula() {
    let run = Test::new()
        .scenario(FORMULA_NAMES)
        .sampled(300)
        .arg("--export-samples")
        .run();
    let dir = run.result_dir();
    let files = files_in(&dir);
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".csv")) {
        assert_safe_and_finite(name, bytes);
    }
    let monthly = run.monthly();
    for expected in [
        "'=HYPERLINK(\"http://evil.example\",\"click\")",
        "'+SUM(1+1)",
        "'-2+3",
        "'@SUM(A1)",
    ] {
        assert!(
            monthly.header.iter().any(|h| h == expected),
            "{:?}",
            monthly.header
        );
        assert!(run.summary().metrics().contains(&expected));
    }
    assert!(files["samples.csv"].starts_with(b"trial,"));
}

/// Opens the CSV files in LibreOffice, as a person would, and checks that no
/// cell became a formula. A plain `=1+1` cell, as a control, does become one.
#[test]
fn libreoffice_opens_formula_like_names_as_text() {
    let Some(soffice) = libreoffice::find("libreoffice_opens_formula_like_names_as_text") else {
        return;
    };
    let run = Test::new().scenario(FORMULA_NAMES).sampled(100).run();
    let dir = run.result_dir();
    fs::write(dir.join("control.csv"), "a,b\r\n=1+1,2\r\n").unwrap_or_else(|e| panic!("{e}"));
    let profile = run.path().join("lo-profile");
    let mut args = vec![
        "--convert-to".into(),
        "fods".into(),
        "--outdir".into(),
        dir.clone().into_os_string(),
    ];
    for name in [
        "monthly.csv",
        "summary.csv",
        "sensitivity.csv",
        "control.csv",
    ] {
        args.push(dir.join(name).into_os_string());
    }
    let output = libreoffice::run_headless(&soffice, &profile, args);
    assert!(output.status.success(), "soffice failed: {output:?}");
    let read =
        |name: &str| fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        read("control.fods").contains("table:formula=\"of:=1+1\""),
        "the control formula was not evaluated: this LibreOffice does not evaluate CSV formulas, so the test proves nothing"
    );
    for name in ["monthly.fods", "summary.fods", "sensitivity.fods"] {
        let sheet = read(name);
        assert!(
            !sheet.contains("table:formula"),
            "{name} has a formula cell"
        );
    }
    assert!(read("monthly.fods").contains("&apos;=HYPERLINK("));
    assert!(read("summary.fods").contains("&apos;@SUM(A1)"));
}
