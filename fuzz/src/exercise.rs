//! One run of the whole pipeline on untrusted scenario text, checking the
//! hardening promises of docs/bad-input.md: no panic; an invalid input is
//! refused with a located message; a valid one gives well-formed CSV files with
//! only finite figures, none of whose text cells can run as a spreadsheet
//! formula.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/`) and the property tests
//! (`tests/integration/hardening/generated_scenarios.rs` checks the same
//! promises through the command line).

use adoptcost::harness::{
    AppError, ChartOptions, MAX_FIGURE, NoProgress, Override, ScenarioError, Trials, compute,
    load_str, samples_csv, scenario_files, workbook,
};
use rust_decimal::Decimal;

/// The name the scenario text is given in messages.
pub const FILE: &str = "fuzzed.toml";

/// A small valid scenario with a plan, a cost and ranges, for `--set` fuzzing.
pub const VALID: &str = r#"
[scenario]
name = "Fuzzed base"
start = "2027-01"
months = 12
discount_rate = 0.05

[team]
engineers = 6
salary = [100000, 140000]
retention_raise = { low = 0, mode = 0.02, high = 0.05, dist = "pert" }

[hiring]
plan = [{ month = "2027-03", count = 2 }, { month = "2027-08", count = 0.5 }]

[ramp]
months = { low = 2, high = 7, dist = "lognormal" }

[builds]
size = "medium"
ci_builds_per_day = { low = 10, high = 40, dist = "normal" }
holidays = ["2027-12-24"]

[[costs]]
name = "training"
amount = [8000, 12000]
month = "2027-02"

[[costs]]
name = "licences"
amount = 300
from = "2027-01"
per_engineer = true

[benefits]
from = "2027-06"
infra_per_month = 500
"#;

/// How much of the pipeline to run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Monte Carlo trials for a valid scenario (0 skips sampling).
    pub samples: usize,
    /// Also draw every chart (PNG and SVG, at the smallest size).
    pub charts: bool,
    /// Also build `model.xlsx`.
    pub xlsx: bool,
}

impl Options {
    /// What the fuzz targets run for an input: everything with few samples,
    /// and the (slow) charts and workbook for one input in eight each, picked
    /// by its bytes so that a crash reproduces.
    pub fn for_input(data: &[u8]) -> Options {
        let hash = data
            .iter()
            .fold(0u32, |h, &b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        Options {
            samples: 32,
            charts: hash % 8 == 0,
            xlsx: hash % 8 == 1,
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The scenario was refused by validation.
    Invalid,
    /// Valid, but computing it overflowed (refused with a message).
    Refused,
    /// Every file was produced.
    Computed,
}

/// Runs `text` with `overrides` through validation, the model, sampling and
/// the exporters, panicking on any broken promise.
pub fn run(text: &str, overrides: &[Override], options: Options) -> Outcome {
    let loaded = match load_str(FILE, text, overrides) {
        Ok(loaded) => loaded,
        Err(e) => {
            check_refusal(&e);
            return Outcome::Invalid;
        }
    };
    for w in &loaded.warnings {
        assert!(
            w.location.starts_with(FILE) && !w.message.is_empty(),
            "unlocated warning: {w}"
        );
    }
    let results = match compute(loaded.scenario, options.samples, 7, &NoProgress) {
        Ok(results) => results,
        Err(AppError::Input(message)) => {
            assert!(
                message.starts_with(FILE) && message.len() > FILE.len() + 10,
                "unlocated refusal: {message}"
            );
            return Outcome::Refused;
        }
        Err(e) => panic!("runtime failure on a valid scenario: {e}"),
    };
    if let Some(sampled) = &results.sampled {
        let stats = sampled
            .stats
            .iter()
            .flat_map(|s| [s.mean, s.p10, s.p50, s.p90]);
        let bands = sampled.bands.iter().flatten().copied();
        for v in stats.chain(bands).chain(sampled.totals.iter().copied()) {
            assert!(v.is_finite(), "a sampled figure is {v}");
        }
    }
    for row in &results.base.rows {
        for v in row.cash.iter().chain(&row.capacity).chain(&row.em) {
            assert!(v.abs() <= MAX_FIGURE, "a cell is {v}");
        }
    }
    let charts = ChartOptions {
        enabled: options.charts,
        svg: options.charts,
        size: (320, 240),
    };
    let files = scenario_files(&results, charts)
        .unwrap_or_else(|e| panic!("cannot render the files of a valid scenario: {e}"));
    for f in &files {
        if f.name.ends_with(".csv") {
            check_csv(&f.name, &f.bytes);
        } else {
            assert!(!f.bytes.is_empty(), "{} is empty", f.name);
        }
    }
    if options.xlsx {
        let workbook = workbook(
            &results.scenario,
            &results.base,
            results.sampled.as_ref(),
            &results.sensitivity,
        )
        .unwrap_or_else(|e| panic!("cannot build model.xlsx of a valid scenario: {e:#}"));
        assert!(workbook.starts_with(b"PK"), "model.xlsx is not a zip file");
    }
    if options.samples > 0 {
        let mut samples = Vec::new();
        samples_csv(
            &Trials::new(&results.scenario, options.samples, 7),
            &mut samples,
        )
        .unwrap_or_else(|e| panic!("cannot write samples.csv: {e}"));
        check_csv("samples.csv", &samples);
    }
    Outcome::Computed
}

/// A refusal names the file (and so a line and column, or a `--set` flag) and
/// says something.
fn check_refusal(e: &ScenarioError) {
    match e {
        ScenarioError::Invalid(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a refusal without a message");
            for d in diagnostics {
                assert!(
                    d.location.starts_with(FILE) && !d.message.is_empty(),
                    "unlocated or empty message: {d}"
                );
            }
        }
        ScenarioError::Read { .. } => panic!("load_str cannot fail to read: {e}"),
    }
}

/// A cell a spreadsheet would run as a formula (OWASP CSV injection).
pub fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell written by the tool as a figure: a plain decimal number.
fn plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && cell.parse::<f64>().is_ok_and(f64::is_finite)
}

/// A `YYYY-MM` month cell.
fn month(cell: &str) -> bool {
    let b = cell.as_bytes();
    b.len() == 7 && b[4] == b'-' && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
}

/// RFC 4180 with a header, every record as long as the header; text cells
/// cannot run as formulas; every figure is a finite plain number (and a
/// base-case cell of `monthly.csv` at most 1e20).
pub fn check_csv(name: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
    assert!(!text.starts_with('\u{feff}'), "{name}: starts with a BOM");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut width = None;
    for (i, record) in reader.records().enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{name}: record {i}: {e}"));
        let w = *width.get_or_insert(record.len());
        assert_eq!(record.len(), w, "{name}: record {i} has another length");
        for (j, cell) in record.iter().enumerate() {
            // Header cells and the metric names of summary.csv are text.
            let text_cell = i == 0 || (name == "summary.csv" && j == 0);
            if text_cell {
                assert!(
                    !formula_like(cell),
                    "{name}: text cell {cell:?} could run as a formula"
                );
            } else if !(j == 0 && month(cell)) {
                assert!(
                    plain_number(cell) || (name == "sensitivity.csv" && j == 0),
                    "{name}: record {i}: {cell:?} is not a finite plain number"
                );
                if name == "sensitivity.csv" && j == 0 {
                    assert!(
                        !formula_like(cell),
                        "{name}: {cell:?} could run as a formula"
                    );
                }
                if name == "monthly.csv" {
                    let v: Decimal = cell.parse().unwrap_or(Decimal::MAX);
                    assert!(v.abs() <= MAX_FIGURE, "{name}: {cell} is beyond 1e20");
                }
            }
        }
    }
    assert!(width.is_some(), "{name} has no header");
}
