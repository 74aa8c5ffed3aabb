//! A real spreadsheet engine (LibreOffice Calc, forced to recalculate on load)
//! recomputes every shipped scenario's workbook to `monthly.csv` to the cent,
//! and follows an edited assumption exactly as `--set` does.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rust_decimal::Decimal;

use super::parts::{decimal, defined_names, parse_reference, sheet_cells, sheet_part};
use super::{read_rows, run_file, shipped_texts};
use crate::support::{Outcome, libreoffice};

/// Edge cases the shipped scenarios do not reach: no ramp (R = 0), fractional
/// counts, an opening whose Rust hire falls beyond the horizon, a bounded
/// per-engineer cost, savings from mid-horizon, discounting, holidays.
const EDGE_SCENARIO: &str = r#"
[scenario]
name = "Edge cases"
start = "2027-11"
months = 14
currency = "GBP"
discount_rate = 0.05

[team]
engineers = 3.5
salary = 91234.57
overhead = 0.27
know_rust = 0.3
retention_raise = 0.015
value_multiplier = 1.7

[hiring]
plan = [
  { month = "2027-11", count = 0.5 },
  { month = "2028-02", count = 3 },
  { month = "2028-12", count = 1 },
]
days_to_hire = 31
multiplier = 2.2
premium = 0.23
fee = 0.18
know_rust = 0.4

[ramp]
months = 0
start_productivity = 0.35
steady_productivity = 1.15
mentoring = 0.12

[builds]
size = "medium"
ci_builds_per_day = 17
holidays = ["2027-12-24", "2028-01-01", "2028-05-01"]

[benefits]
from = "2028-04"
infra_per_month = 1234.5
incidents_per_month = 0.7
incident_cost = 9999.99

[[costs]]
name = "licences"
amount = 45.67
from = "2028-01"
to = "2028-06"
per_engineer = true

[[costs]]
name = "offsite"
amount = 7000
month = "2028-03"
"#;

/// Model v2 in the workbook: waves of the team, uncertain attrition (with
/// replacements), hiring delays and ramps, and a savings ramp.
const WAVES_SCENARIO: &str = r#"
[scenario]
name = "Waves and attrition"
start = "2027-03"
months = 30
currency = "EUR"
discount_rate = 0.07

[team]
engineers = 20
salary = 84000
attrition = [0.08, 0.2]
know_rust = 0.1

[adoption]
waves = [
  { month = "2027-03", engineers = 4 },
  { month = "2027-09", engineers = 6.5 },
  { month = "2028-04", engineers = 5 },
]

[hiring]
plan = [
  { month = "2027-05", count = 2 },
  { month = "2028-01", count = 1.5 },
]
days_to_hire = [40, 70]
multiplier = 1.6
premium = [0.15, 0.3]

[ramp]
months = [3, 9]

[builds]
size = "medium"
holidays = ["2027-12-25", "2028-01-01"]

[benefits]
infra_per_month = 5000
incidents_per_month = 1.2
incident_cost = 15000
incident_reduction = 0.5
ramp_months = [4, 10]

[[costs]]
name = "training"
amount = 1500
month = "2027-03"
per_engineer = true

[[costs]]
name = "consultant"
amount = [8000, 14000]
from = "2027-04"
to = "2027-12"
"#;

/// A private LibreOffice profile that recalculates every formula when it loads
/// an xlsx file (LibreOffice keeps the stored results by default), in a fixed
/// locale so that exported numbers use `.` and dates read MM/DD/YYYY.
fn write_profile(dir: &Path) {
    let user = dir.join("user");
    fs::create_dir_all(&user).expect("profile folder");
    let xcu = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
"#;
    fs::write(user.join("registrymodifications.xcu"), xcu).expect("profile written");
}

/// Recalculates the workbooks in LibreOffice and exports every sheet as CSV into
/// `<work>/recalculated` (`<stem>-<Sheet>.csv`), in one LibreOffice run.
fn recalculate(soffice: &Path, workbooks: &[PathBuf], work: &Path) -> PathBuf {
    let profile = work.join("lo-profile");
    write_profile(&profile);
    let out = work.join("recalculated");
    fs::create_dir_all(&out).expect("output folder");
    // Field separator, quote, UTF-8, first line, ..., raw values (not as shown),
    // no formulas, all sheets (-1).
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let started = Instant::now();
    let mut args = vec![
        "--convert-to".into(),
        filter.into(),
        "--outdir".into(),
        out.clone().into_os_string(),
    ];
    args.extend(workbooks.iter().map(|w| w.clone().into_os_string()));
    let output = libreoffice::run_headless(soffice, &profile, args);
    eprintln!(
        "LibreOffice recalculated {} workbooks in {:.1} s",
        workbooks.len(),
        started.elapsed().as_secs_f64()
    );
    for w in workbooks {
        let stem = w.file_stem().and_then(|s| s.to_str()).expect("a file name");
        let monthly = out.join(format!("{stem}-Monthly.csv"));
        assert!(
            monthly.is_file(),
            "LibreOffice wrote no {}:\nstdout:\n{}\nstderr:\n{}",
            monthly.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    out
}

/// `MM/DD/YYYY` (LibreOffice, en-US) → `YYYY-MM`.
fn month_of_us_date(text: &str) -> String {
    let parts: Vec<&str> = text.split('/').collect();
    match parts.as_slice() {
        [m, _d, y] => format!("{y}-{m:0>2}"),
        _ => text.to_string(),
    }
}

/// Compares a recalculated Monthly sheet with `monthly.csv`, every cell to the
/// cent (3 decimals for `_em` and engineers), and the Summary's base column with
/// `summary.csv`; returns the mismatches.
fn compare(label: &str, recalculated: &Path, stem: &str, tool: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let expected = read_rows(&tool.join("monthly.csv"));
    let sheet = read_rows(&recalculated.join(format!("{stem}-Monthly.csv")));
    let Some(header_at) = sheet
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "month"))
    else {
        return vec![format!("{label}: no header row on the Monthly sheet")];
    };
    let header: Vec<String> = expected[0]
        .iter()
        .map(|h| h.trim_start_matches('\'').to_string())
        .collect();
    if sheet[header_at][..header.len().min(sheet[header_at].len())] != header[..] {
        problems.push(format!(
            "{label}: header {:?} != {:?}",
            sheet[header_at], header
        ));
    }
    let rows: Vec<&Vec<String>> = sheet[header_at + 1..]
        .iter()
        .take_while(|r| r.first().is_some_and(|c| !c.is_empty()))
        .collect();
    if rows.len() != expected.len() - 1 {
        problems.push(format!(
            "{label}: {} months recalculated, monthly.csv has {}",
            rows.len(),
            expected.len() - 1
        ));
    }
    for (row, want) in rows.iter().zip(&expected[1..]) {
        if month_of_us_date(&row[0]) != want[0] {
            problems.push(format!("{label}: month {} != {}", row[0], want[0]));
        }
        for c in 1..want.len() {
            let got = row.get(c).map(String::as_str).unwrap_or("");
            if decimal(got).is_none() || decimal(got) != decimal(&want[c]) {
                problems.push(format!(
                    "{label} {} {}: LibreOffice {got}, monthly.csv {}",
                    want[0], header[c], want[c]
                ));
            }
        }
    }

    // Summary: the live base column against summary.csv, metric by metric.
    let summary = read_rows(&tool.join("summary.csv"));
    let sheet = read_rows(&recalculated.join(format!("{stem}-Summary.csv")));
    let live: BTreeMap<&str, &str> = sheet
        .iter()
        .filter(|r| r.len() > 1)
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    for row in &summary[1..] {
        let metric = row[0].trim_start_matches('\'');
        match live.get(metric) {
            Some(got) if decimal(got).is_some() && decimal(got) == decimal(&row[1]) => {}
            got => problems.push(format!(
                "{label} summary {metric}: LibreOffice {got:?}, summary.csv {}",
                row[1]
            )),
        }
    }
    // Break-even: the first month from which the cumulative total stays ≤ 0.
    let cumulative = header
        .iter()
        .position(|h| h == "cumulative_total")
        .expect("cumulative_total column");
    let mut break_even = "none within horizon".to_string();
    for row in expected[1..].iter().rev() {
        if decimal(&row[cumulative]).is_some_and(|c| c > Decimal::ZERO) {
            break;
        }
        break_even = row[0].clone();
    }
    let live_break_even = live
        .get("break-even month (live)")
        .map(|v| month_of_us_date(v))
        .unwrap_or_default();
    if live_break_even != break_even {
        problems.push(format!(
            "{label}: break-even {live_break_even}, monthly.csv says {break_even}"
        ));
    }
    problems
}

/// Compares every numeric formula result stored in the workbook (what a viewer
/// that does not recalculate shows) with LibreOffice's recalculated value.
fn compare_stored_results(
    label: &str,
    xlsx: &Path,
    recalculated: &Path,
    stem: &str,
) -> Vec<String> {
    let mut problems = Vec::new();
    for sheet in ["Summary", "Monthly", "Assumptions", "Helper", "Checks"] {
        let grid = read_rows(&recalculated.join(format!("{stem}-{sheet}.csv")));
        for (reference, (formula, stored)) in sheet_cells(xlsx, sheet) {
            let (Some(formula), Some(stored)) = (formula, stored) else {
                continue;
            };
            let Ok(stored) = stored.parse::<f64>() else {
                continue;
            };
            let (row, col) = parse_reference(&reference);
            let got = grid.get(row).and_then(|r| r.get(col)).map(String::as_str);
            // Dates come back formatted; they are compared as months elsewhere.
            let Some(got) = got.filter(|g| !g.contains('/')) else {
                continue;
            };
            // Booleans and percentages come back as shown.
            let got_value = match got {
                "TRUE" => Some(1.0),
                "FALSE" => Some(0.0),
                g => match g.strip_suffix('%') {
                    Some(p) => p.parse::<f64>().ok().map(|p| p / 100.0),
                    None => g.parse::<f64>().ok(),
                },
            };
            let ok = got_value.is_some_and(|g| (g - stored).abs() <= 1e-9 * stored.abs().max(1.0));
            if !ok {
                problems.push(format!(
                    "{label} {sheet}!{reference} ={formula}: stores {stored}, LibreOffice computes {got}"
                ));
            }
        }
    }
    problems
}

fn assert_no_problems(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} mismatches between LibreOffice and the tool:\n{}",
        problems.len(),
        problems
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Also checks that every stored formula result, on every sheet, is what the
/// formula computes.
#[test]
fn libreoffice_recalculates_every_scenario_to_monthly_csv_to_the_cent() {
    let Some(soffice) =
        libreoffice::find("libreoffice_recalculates_every_scenario_to_monthly_csv_to_the_cent")
    else {
        return;
    };
    let work = tempfile::tempdir().expect("temp dir");
    let inbox = work.path().join("workbooks");
    fs::create_dir_all(&inbox).expect("folder");
    let mut scenarios = shipped_texts();
    scenarios.push(("edge-cases".to_string(), EDGE_SCENARIO.to_string()));
    scenarios.push(("waves".to_string(), WAVES_SCENARIO.to_string()));
    let mut runs: Vec<(String, Outcome, PathBuf)> = Vec::new();
    for (stem, text) in scenarios {
        let run = run_file(&stem, &text, &["--samples", "200", "--xlsx"]);
        let copy = inbox.join(format!("{stem}.xlsx"));
        fs::copy(run.result_dir().join("model.xlsx"), &copy).expect("workbook copied");
        runs.push((stem, run, copy));
    }
    let workbooks: Vec<PathBuf> = runs.iter().map(|r| r.2.clone()).collect();
    let recalculated = recalculate(&soffice, &workbooks, work.path());
    let mut problems = Vec::new();
    for (stem, run, xlsx) in &runs {
        problems.extend(compare(stem, &recalculated, stem, &run.result_dir()));
        problems.extend(compare_stored_results(stem, xlsx, &recalculated, stem));
    }
    assert_no_problems(&problems);
}

/// A cell typed into: (sheet, reference, what).
type Edit = (String, String, Typed);

/// What a person types into a cell.
enum Typed {
    Number(String),
    Text(String),
}

/// `Sheet!$C$5` (or the first cell of `Sheet!$C$5:$C$9`), `rows_down` rows
/// lower, as (sheet, `C7`).
fn named_cell(xlsx: &Path, name: &str, rows_down: usize) -> (String, String) {
    let target = defined_names(xlsx)
        .get(name)
        .cloned()
        .unwrap_or_else(|| panic!("no defined name {name}"));
    let (sheet, reference) = target.split_once('!').expect("Sheet!$C$5");
    let first = reference
        .split(':')
        .next()
        .unwrap_or(reference)
        .replace('$', "");
    let (row, col) = parse_reference(&first);
    let letters: String = first
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let _ = col;
    (
        sheet.to_string(),
        format!("{letters}{}", row + 1 + rows_down),
    )
}

/// The spreadsheet serial number of the first day of a month.
fn serial(year: i32, month: u32) -> String {
    let day = chrono::NaiveDate::from_ymd_opt(year, month, 1).expect("a date");
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("a date");
    (day - epoch).num_days().to_string()
}

/// Copies a workbook with cells replaced: what a person does by typing into
/// them (blank cells included).
fn edit_cells(original: &Path, edited: &Path, edits: &[Edit]) {
    let mut archive =
        zip::ZipArchive::new(fs::File::open(original).expect("workbook opens")).expect("zip");
    let mut writer = zip::ZipWriter::new(fs::File::create(edited).expect("edited workbook"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: Vec<(String, &String, &Typed)> = edits
        .iter()
        .map(|(sheet, reference, typed)| (sheet_part(original, sheet), reference, typed))
        .collect();
    let mut replaced = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let entry_name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("entry read");
        for (part, reference, typed) in &parts {
            if *part != entry_name {
                continue;
            }
            let xml = String::from_utf8(bytes).expect("UTF-8 XML");
            let open = format!("<c r=\"{reference}\"");
            let at = xml
                .find(&open)
                .unwrap_or_else(|| panic!("no cell {reference}"));
            let tag_end = xml[at..].find('>').expect("a tag") + at;
            let (cell_end, attrs_end) = if xml[..tag_end].ends_with('/') {
                (tag_end + 1, tag_end - 1)
            } else {
                (xml[at..].find("</c>").expect("</c>") + at + 4, tag_end)
            };
            let style = xml[at..attrs_end]
                .split(' ')
                .find(|a| a.starts_with("s="))
                .map(|a| format!(" {a}"))
                .unwrap_or_default();
            let cell = match typed {
                Typed::Number(v) => format!("<c r=\"{reference}\"{style}><v>{v}</v></c>"),
                Typed::Text(t) => {
                    format!("<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t>{t}</t></is></c>")
                }
            };
            bytes = format!("{}{cell}{}", &xml[..at], &xml[cell_end..]).into_bytes();
            replaced += 1;
        }
        writer
            .start_file(entry_name, options)
            .expect("entry starts");
        writer.write_all(&bytes).expect("entry written");
    }
    writer.finish().expect("zip finished");
    assert_eq!(replaced, edits.len(), "every edited cell found");
}

/// Copies a workbook, replacing the value of the cell a defined name points
/// at: what a person does by typing into that Assumptions cell.
fn edit_assumption(original: &Path, edited: &Path, name: &str, value: &str) {
    let (sheet, reference) = named_cell(original, name, 0);
    edit_cells(
        original,
        edited,
        &[(sheet, reference, Typed::Number(value.to_string()))],
    );
}

#[test]
fn editing_an_assumption_in_libreoffice_moves_every_figure_like_set() {
    let Some(soffice) =
        libreoffice::find("editing_an_assumption_in_libreoffice_moves_every_figure_like_set")
    else {
        return;
    };
    let work = tempfile::tempdir().expect("temp dir");
    let inbox = work.path().join("workbooks");
    fs::create_dir_all(&inbox).expect("folder");
    // (dotted key for --set, defined name, new value)
    let edits = [
        ("hiring.premium", "premium_base", "0.5"),
        ("team.salary", "salary_base", "123456.78"),
        ("ramp.months", "ramp_months_base", "2"),
        ("hiring.days_to_hire", "days_to_hire_base", "75"),
        ("benefits.ramp_months", "benefits_ramp_months_base", "5"),
    ];
    let mut runs: Vec<(String, Outcome)> = Vec::new();
    for (stem, text) in shipped_texts() {
        let original = run_file(&stem, &text, &["--samples", "0", "--xlsx"]);
        for (key, name, value) in edits {
            let set = format!("{key}={value}");
            let with_set = run_file(&stem, &text, &["--samples", "0", "--set", &set]);
            let label = format!("{stem}-{name}");
            let edited = inbox.join(format!("{label}.xlsx"));
            edit_assumption(
                &original.result_dir().join("model.xlsx"),
                &edited,
                name,
                value,
            );
            runs.push((label, with_set));
        }
    }
    let workbooks: Vec<PathBuf> = runs
        .iter()
        .map(|(label, _)| inbox.join(format!("{label}.xlsx")))
        .collect();
    let recalculated = recalculate(&soffice, &workbooks, work.path());
    let mut problems = Vec::new();
    for (label, with_set) in &runs {
        problems.extend(compare(label, &recalculated, label, &with_set.result_dir()));
    }
    assert_no_problems(&problems);
}

/// The edits the spare rows and the switch exist for, each against the tool
/// run on the matching scenario (or `--set`s): an opening typed into a spare
/// row, a cost moved to another month, the start month moved, a wave typed
/// into a spare row, and the switch set to "all high".
#[test]
fn spare_rows_dates_and_the_switch_follow_like_the_tool() {
    let Some(soffice) = libreoffice::find("spare_rows_dates_and_the_switch_follow_like_the_tool")
    else {
        return;
    };
    let work = tempfile::tempdir().expect("temp dir");
    let inbox = work.path().join("workbooks");
    fs::create_dir_all(&inbox).expect("folder");
    let original = run_file("waves", WAVES_SCENARIO, &["--samples", "0", "--xlsx"]);
    let xlsx = original.result_dir().join("model.xlsx");
    let number = |v: &str| Typed::Number(v.to_string());
    let with_text = |from: &str, to: &str| {
        assert!(WAVES_SCENARIO.contains(from), "{from}");
        WAVES_SCENARIO.replacen(from, to, 1)
    };
    let at = |name: &str, down: usize, col: &str| {
        let (sheet, reference) = named_cell(&xlsx, name, down);
        let row: String = reference
            .chars()
            .skip_while(char::is_ascii_alphabetic)
            .collect();
        (sheet, format!("{col}{row}"))
    };
    let cell = |(sheet, reference): (String, String), typed: Typed| (sheet, reference, typed);
    // (label, edits, the scenario the tool runs, extra flags)
    let mut cases: Vec<(&str, Vec<Edit>, String, Vec<String>)> = vec![
        (
            "spare-opening",
            vec![
                cell(at("plan_count", 2, "C"), number(&serial(2028, 6))),
                cell(at("plan_count", 2, "D"), number("2")),
            ],
            with_text(
                "{ month = \"2028-01\", count = 1.5 },",
                "{ month = \"2028-01\", count = 1.5 },\n  { month = \"2028-06\", count = 2 },",
            ),
            vec![],
        ),
        (
            "moved-cost",
            vec![cell(
                named_cell(&xlsx, "cost_consultant_first", 0),
                number(&serial(2027, 6)),
            )],
            with_text("from = \"2027-04\"", "from = \"2027-06\""),
            vec![],
        ),
        (
            "moved-start",
            vec![cell(
                named_cell(&xlsx, "start_month", 0),
                number(&serial(2027, 1)),
            )],
            with_text("start = \"2027-03\"", "start = \"2027-01\""),
            vec![],
        ),
        (
            "spare-wave",
            vec![
                cell(at("wave_engineers", 3, "C"), number(&serial(2028, 10))),
                cell(at("wave_engineers", 3, "D"), number("3")),
            ],
            with_text(
                "{ month = \"2028-04\", engineers = 5 },",
                "{ month = \"2028-04\", engineers = 5 },\n  { month = \"2028-10\", engineers = 3 },",
            ),
            vec![],
        ),
    ];
    // All high: every input with a range at its high, as sensitivity.csv
    // lists them.
    let sensitivity = read_rows(&original.result_dir().join("sensitivity.csv"));
    let sets: Vec<String> = sensitivity[1..]
        .iter()
        .map(|row| {
            let key = if row[0].starts_with("costs.") {
                format!("{}.amount", row[0])
            } else {
                row[0].clone()
            };
            format!("--set={key}={}", row[2])
        })
        .collect();
    assert!(sets.len() > 5, "{sets:?}");
    cases.push((
        "all-high",
        vec![cell(
            named_cell(&xlsx, "scenario_switch", 0),
            Typed::Text("all high".to_string()),
        )],
        WAVES_SCENARIO.to_string(),
        sets,
    ));
    let mut runs: Vec<(String, Outcome)> = Vec::new();
    for (label, edits, text, extra) in cases {
        let edited = inbox.join(format!("{label}.xlsx"));
        edit_cells(&xlsx, &edited, &edits);
        let mut flags: Vec<&str> = vec!["--samples", "0"];
        flags.extend(extra.iter().map(String::as_str));
        runs.push((label.to_string(), run_file("waves", &text, &flags)));
    }
    // A month typed as text: the check cell names the input and its cell.
    let (sheet, month) = at("plan_count", 0, "C");
    edit_cells(
        &xlsx,
        &inbox.join("text-month.xlsx"),
        &[(sheet, month.clone(), Typed::Text("March 2027".to_string()))],
    );
    let mut workbooks: Vec<PathBuf> = runs
        .iter()
        .map(|(label, _)| inbox.join(format!("{label}.xlsx")))
        .collect();
    workbooks.push(inbox.join("text-month.xlsx"));
    let recalculated = recalculate(&soffice, &workbooks, work.path());
    let mut problems = Vec::new();
    for (label, tool) in &runs {
        problems.extend(compare(label, &recalculated, label, &tool.result_dir()));
    }
    assert_no_problems(&problems);
    let summary = read_rows(&recalculated.join("text-month-Summary.csv"));
    let check = summary
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "Check of the inputs"))
        .and_then(|r| r.get(1))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        check,
        format!(
            "hiring.plan[1].month (Assumptions!{month}): expected a month as a date (e.g. 2027-03), not before scenario.start, found the text \"March 2027\""
        )
    );
    let summary = read_rows(&recalculated.join("spare-opening-Summary.csv"));
    assert!(
        summary
            .iter()
            .any(|r| r.len() > 1 && r[0] == "Check of the inputs" && r[1] == "all inputs valid"),
        "the check cell of a valid edit: {summary:?}"
    );
}

/// `--csv-dialect eu`: LibreOffice importing the files as a German user does
/// (semicolon, decimal comma: language 1031) reads every number as the
/// standard files write it.
#[test]
fn eu_csv_files_import_into_a_german_libreoffice_with_every_number_intact() {
    let Some(soffice) =
        libreoffice::find("eu_csv_files_import_into_a_german_libreoffice_with_every_number_intact")
    else {
        return;
    };
    let text = fs::read_to_string(crate::support::shipped("mid-size-team.toml")).expect("scenario");
    let standard = run_file("mid", &text, &["--samples", "100"]);
    let eu = run_file("mid", &text, &["--samples", "100", "--csv-dialect", "eu"]);
    let work = tempfile::tempdir().expect("temp dir");
    let profile = work.path().join("lo-profile");
    write_profile(&profile);
    let out = work.path().join("imported");
    let names = ["monthly", "summary", "sensitivity", "bands"];
    let mut args: Vec<std::ffi::OsString> = vec![
        "--infilter=CSV:59,34,76,1,,1031".into(),
        "--convert-to".into(),
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false".into(),
        "--outdir".into(),
        out.clone().into_os_string(),
    ];
    for name in names {
        let file = eu.result_dir().join(format!("{name}.csv"));
        let text = fs::read_to_string(&file).expect("eu csv");
        let first = match name {
            "sensitivity" => "input;",
            "summary" => "metric;",
            _ => "month;",
        };
        assert!(text.starts_with(first), "{name}: {text}");
        // Copied under another name: input and output would share it.
        let copy = work.path().join(format!("{name}-eu.csv"));
        fs::copy(&file, &copy).expect("copied");
        args.push(copy.into_os_string());
    }
    libreoffice::run_headless(&soffice, &profile, args);
    let mut problems = Vec::new();
    for name in names {
        let want = read_rows(&standard.result_dir().join(format!("{name}.csv")));
        let got = read_rows(&out.join(format!("{name}-eu.csv")));
        if got.len() != want.len() {
            problems.push(format!(
                "{name}: {} rows imported, {} written",
                got.len(),
                want.len()
            ));
        }
        for (r, (g, w)) in got.iter().zip(&want).enumerate() {
            for (c, expected) in w.iter().enumerate() {
                let imported = g.get(c).map(String::as_str).unwrap_or("");
                let same = match (decimal(expected), decimal(imported)) {
                    (Some(a), Some(b)) => a == b,
                    _ => imported == expected.trim_start_matches('\''),
                };
                if !same {
                    problems.push(format!(
                        "{name} row {r} column {c}: imported {imported:?}, written {expected:?}"
                    ));
                }
            }
        }
    }
    assert_no_problems(&problems);
}
