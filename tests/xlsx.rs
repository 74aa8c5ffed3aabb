//! `run --xlsx`: the workbook is written on request, every monthly cell is a
//! formula whose stored result is the tool's exact figure, and a real spreadsheet
//! engine (LibreOffice Calc, forced to recalculate on load) recomputes every
//! shipped scenario to `monthly.csv` to the cent, and follows an edited
//! assumption exactly as `--set` does.
//!
//! The LibreOffice tests skip with a message when it is not installed, except in
//! CI (`CI=true`), where `.ci/run` installs it and its absence is a failure.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rust_decimal::Decimal;

const BIN: &str = env!("CARGO_BIN_EXE_adoptcost");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped_scenarios() -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = fs::read_dir(repo().join("scenarios"))
        .expect("scenarios/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    all.sort();
    assert!(!all.is_empty(), "no scenarios shipped");
    all
}

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

/// Runs `adoptcost` and insists on success.
fn adoptcost(args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(repo())
        .output()
        .expect("adoptcost runs");
    assert!(
        out.status.success(),
        "adoptcost {} failed:\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs one scenario into a fresh folder under `out`; returns the scenario's
/// output folder.
fn run_into(scenario: &Path, out: &Path, extra: &[&str]) -> PathBuf {
    fs::create_dir_all(out).expect("output folder");
    let scenario = scenario.to_str().expect("UTF-8 path");
    let out_text = out.to_str().expect("UTF-8 path");
    let mut args = vec!["run", scenario, "--out", out_text, "--quiet"];
    args.extend_from_slice(extra);
    adoptcost(&args);
    let dirs: Vec<PathBuf> = fs::read_dir(out)
        .expect("output folder is readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(dirs.len(), 1, "one scenario folder in {}", out.display());
    dirs[0].clone()
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

fn zip_entry(xlsx: &Path, name: &str) -> String {
    let file = fs::File::open(xlsx).expect("workbook opens");
    let mut archive = zip::ZipArchive::new(file).expect("workbook is a zip archive");
    let mut entry = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{} has no {name}", xlsx.display()));
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

fn unescape(xml: &str) -> String {
    xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Text between `open` and `close` after `from`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

/// Defined names of the workbook: name → target (e.g. `Assumptions!$C$12`).
fn defined_names(xlsx: &Path) -> BTreeMap<String, String> {
    let workbook = zip_entry(xlsx, "xl/workbook.xml");
    let mut names = BTreeMap::new();
    for part in workbook.split("<definedName ").skip(1) {
        let name = between(part, "name=\"", "\"").expect("a name attribute");
        let target = between(part, ">", "</definedName>").expect("a target");
        names.insert(name.to_string(), unescape(target));
    }
    names
}

/// The part name of a sheet (`xl/worksheets/sheetN.xml`).
fn sheet_part(xlsx: &Path, sheet: &str) -> String {
    let workbook = zip_entry(xlsx, "xl/workbook.xml");
    let tag = workbook
        .split("<sheet ")
        .skip(1)
        .find(|t| between(t, "name=\"", "\"") == Some(sheet))
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let id = between(tag, "r:id=\"", "\"").expect("a relationship id");
    let rels = zip_entry(xlsx, "xl/_rels/workbook.xml.rels");
    let rel = rels
        .split("<Relationship ")
        .find(|r| between(r, "Id=\"", "\"") == Some(id))
        .expect("the sheet's relationship");
    format!("xl/{}", between(rel, "Target=\"", "\"").expect("a target"))
}

/// Every cell of a sheet: reference → (formula, stored value).
fn sheet_cells(xlsx: &Path, sheet: &str) -> BTreeMap<String, (Option<String>, Option<String>)> {
    let xml = zip_entry(xlsx, &sheet_part(xlsx, sheet));
    let mut cells = BTreeMap::new();
    for part in xml.split("<c r=\"").skip(1) {
        let reference = &part[..part.find('"').expect("a reference")];
        let body = part.split("</c>").next().unwrap_or("");
        let formula = between(body, "<f>", "</f>").map(unescape);
        let value = between(body, "<v>", "</v>").map(unescape);
        cells.insert(reference.to_string(), (formula, value));
    }
    cells
}

fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut name = String::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    name
}

fn decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    text.parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_scientific(text).ok())
}

/// First data row (1-based) of the Monthly sheet.
const FIRST_DATA_ROW: usize = 5;

#[test]
fn run_writes_model_xlsx_only_when_asked() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let scenario = repo().join("scenarios/mid-size-team.toml");
    let plain = run_into(&scenario, &tmp.path().join("plain"), &["--samples", "0"]);
    assert!(!plain.join("model.xlsx").exists());
    let with = run_into(
        &scenario,
        &tmp.path().join("with"),
        &["--samples", "0", "--xlsx"],
    );
    let xlsx = with.join("model.xlsx");
    assert!(xlsx.is_file());
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
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = run_into(
        &repo().join("scenarios/mid-size-team.toml"),
        tmp.path(),
        &["--samples", "0", "--xlsx"],
    );
    let xlsx = dir.join("model.xlsx");
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
    // The premium cell holds the base value (the midpoint of [0.20, 0.30]) and the
    // row names its key.
    let cells = sheet_cells(&xlsx, "Assumptions");
    let premium = names["premium"]
        .replace("Assumptions!", "")
        .replace('$', "");
    assert_eq!(cells[&premium].1.as_deref(), Some("0.25"));
}

#[test]
fn monthly_cells_are_rounded_formulas_storing_the_csv_figures() {
    let tmp = tempfile::tempdir().expect("temp dir");
    for (i, scenario) in shipped_scenarios().iter().enumerate() {
        let dir = run_into(
            scenario,
            &tmp.path().join(i.to_string()),
            &["--samples", "0", "--xlsx"],
        );
        let xlsx = dir.join("model.xlsx");
        let csv = read_csv(&dir.join("monthly.csv"));
        let cells = sheet_cells(&xlsx, "Monthly");
        let header = &csv[0];
        for (r, row) in csv.iter().enumerate().skip(1) {
            let excel_row = FIRST_DATA_ROW + r - 1;
            for (c, expected) in row.iter().enumerate().skip(1) {
                let reference = format!("{}{excel_row}", column_letter(c));
                let (formula, value) = cells
                    .get(&reference)
                    .unwrap_or_else(|| panic!("{}: no cell {reference}", scenario.display()));
                let formula = formula
                    .as_deref()
                    .unwrap_or_else(|| panic!("{reference} is not a formula"));
                assert!(
                    formula.starts_with("ROUND("),
                    "{} {reference} ({}): {formula}",
                    scenario.display(),
                    header[c]
                );
                let stored = value.as_deref().and_then(decimal);
                assert_eq!(
                    stored,
                    decimal(expected),
                    "{} {reference} ({}) stores {value:?}, monthly.csv has {expected}",
                    scenario.display(),
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

// ---------------------------------------------------------------------------
// LibreOffice

/// The LibreOffice binary, or `None` (with a message) when it is not installed
/// outside CI. In CI it must be there: `.ci/run` installs it.
fn libreoffice(test: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["soffice", "libreoffice"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{test}: LibreOffice (soffice) is not installed, and CI=true: .ci/run should have installed libreoffice-calc-nogui"
        );
    }
    // Straight to the stderr handle: the test harness captures eprintln! of
    // passing tests, and a skip must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: LibreOffice is not installed (no soffice or libreoffice on PATH); \
         install it to run this check: apt-get install --no-install-recommends libreoffice-calc-nogui"
    );
    None
}

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
/// `out` (`<stem>-<Sheet>.csv`), in one LibreOffice run.
fn recalculate(soffice: &Path, workbooks: &[PathBuf], work: &Path) -> PathBuf {
    let profile = work.join("lo-profile");
    write_profile(&profile);
    let out = work.join("recalculated");
    fs::create_dir_all(&out).expect("output folder");
    // Field separator, quote, UTF-8, first line, ..., raw values (not as shown),
    // no formulas, all sheets (-1).
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let mut cmd = Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.to_str().expect("UTF-8 path")
    ))
    .args([
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        filter,
    ])
    .arg("--outdir")
    .arg(&out)
    .args(workbooks)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("LibreOffice starts");
    let limit = Duration::from_secs(180);
    loop {
        match child.try_wait().expect("LibreOffice can be waited for") {
            Some(_) => break,
            None if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("LibreOffice did not finish within {limit:?}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let output = child.wait_with_output().expect("LibreOffice output");
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
    let expected = read_csv(&tool.join("monthly.csv"));
    let sheet = read_csv(&recalculated.join(format!("{stem}-Monthly.csv")));
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
    let summary = read_csv(&tool.join("summary.csv"));
    let sheet = read_csv(&recalculated.join(format!("{stem}-Summary.csv")));
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

/// `AB12` → (row, column), both 0-based.
fn parse_reference(reference: &str) -> (usize, usize) {
    let letters: String = reference
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    let col = letters
        .bytes()
        .fold(0, |acc, b| acc * 26 + usize::from(b - b'A') + 1)
        - 1;
    let row: usize = reference[letters.len()..].parse().expect("a row number");
    (row - 1, col)
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
    for sheet in ["Summary", "Monthly", "Assumptions", "Helper"] {
        let grid = read_csv(&recalculated.join(format!("{stem}-{sheet}.csv")));
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
            let ok = got
                .parse::<f64>()
                .is_ok_and(|g| (g - stored).abs() <= 1e-9 * stored.abs().max(1.0));
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
        libreoffice("libreoffice_recalculates_every_scenario_to_monthly_csv_to_the_cent")
    else {
        return;
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let edge = tmp.path().join("edge-cases.toml");
    fs::write(&edge, EDGE_SCENARIO).expect("edge scenario written");
    let mut scenarios = shipped_scenarios();
    scenarios.push(edge);

    let inbox = tmp.path().join("workbooks");
    fs::create_dir_all(&inbox).expect("folder");
    let mut runs = Vec::new();
    for (i, scenario) in scenarios.iter().enumerate() {
        let stem = scenario
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name")
            .to_string();
        let dir = run_into(
            scenario,
            &tmp.path().join(format!("run{i}")),
            &["--samples", "200", "--xlsx"],
        );
        let copy = inbox.join(format!("{stem}.xlsx"));
        fs::copy(dir.join("model.xlsx"), &copy).expect("workbook copied");
        runs.push((stem, dir, copy));
    }
    let workbooks: Vec<PathBuf> = runs.iter().map(|r| r.2.clone()).collect();
    let recalculated = recalculate(&soffice, &workbooks, tmp.path());
    let mut problems = Vec::new();
    for (stem, dir, xlsx) in &runs {
        problems.extend(compare(stem, &recalculated, stem, dir));
        problems.extend(compare_stored_results(stem, xlsx, &recalculated, stem));
    }
    assert_no_problems(&problems);
}

/// Copies a workbook, replacing the stored value of the cell a defined name
/// points at: what a person does by typing into that Assumptions cell.
fn edit_assumption(original: &Path, edited: &Path, name: &str, value: &str) {
    let target = defined_names(original)
        .get(name)
        .cloned()
        .unwrap_or_else(|| panic!("no defined name {name}"));
    let (sheet, reference) = target.split_once('!').expect("Sheet!$C$5");
    let reference = reference.replace('$', "");
    let part = sheet_part(original, sheet);
    let mut archive =
        zip::ZipArchive::new(fs::File::open(original).expect("workbook opens")).expect("zip");
    let mut writer = zip::ZipWriter::new(fs::File::create(edited).expect("edited workbook"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut replaced = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let entry_name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("entry read");
        if entry_name == part {
            let xml = String::from_utf8(bytes).expect("UTF-8 XML");
            let open = format!("<c r=\"{reference}\"");
            let at = xml.find(&open).expect("the named cell");
            let v_start = xml[at..].find("<v>").expect("a stored value") + at + 3;
            let v_end = xml[v_start..].find("</v>").expect("</v>") + v_start;
            let cell_end = xml[at..].find("</c>").expect("</c>") + at;
            assert!(v_end < cell_end, "the named cell holds a value");
            bytes = format!("{}{value}{}", &xml[..v_start], &xml[v_end..]).into_bytes();
            replaced = true;
        }
        writer
            .start_file(entry_name, options)
            .expect("entry starts");
        writer.write_all(&bytes).expect("entry written");
    }
    writer.finish().expect("zip finished");
    assert!(replaced, "{part} not found");
}

#[test]
fn editing_an_assumption_in_libreoffice_moves_every_figure_like_set() {
    let Some(soffice) =
        libreoffice("editing_an_assumption_in_libreoffice_moves_every_figure_like_set")
    else {
        return;
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let inbox = tmp.path().join("workbooks");
    fs::create_dir_all(&inbox).expect("folder");
    // (dotted key for --set, defined name, new value)
    let edits = [
        ("hiring.premium", "premium", "0.5"),
        ("team.salary", "salary", "123456.78"),
        ("ramp.months", "ramp_months", "2"),
    ];
    let mut runs = Vec::new();
    for (i, scenario) in shipped_scenarios().iter().enumerate() {
        let stem = scenario
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name")
            .to_string();
        let original = run_into(
            scenario,
            &tmp.path().join(format!("orig{i}")),
            &["--samples", "0", "--xlsx"],
        );
        for (j, (key, name, value)) in edits.iter().enumerate() {
            let set = format!("{key}={value}");
            let with_set = run_into(
                scenario,
                &tmp.path().join(format!("set{i}-{j}")),
                &["--samples", "0", "--set", &set],
            );
            let label = format!("{stem}-{name}");
            let edited = inbox.join(format!("{label}.xlsx"));
            edit_assumption(&original.join("model.xlsx"), &edited, name, value);
            runs.push((label, with_set, edited));
        }
    }
    let workbooks: Vec<PathBuf> = runs.iter().map(|r| r.2.clone()).collect();
    let recalculated = recalculate(&soffice, &workbooks, tmp.path());
    let mut problems = Vec::new();
    for (label, with_set, _) in &runs {
        problems.extend(compare(label, &recalculated, label, with_set));
    }
    assert_no_problems(&problems);
}
