//! Reading the CSV files a run writes, and the promises every one of them
//! keeps (docs/bad-input.md): well formed, only finite plain numbers, no text
//! that a spreadsheet would run as a formula.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;

/// A CSV file as written: its bytes, header and rows of text cells.
pub(crate) struct Csv {
    pub(crate) path: PathBuf,
    pub(crate) bytes: Vec<u8>,
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

impl Csv {
    pub(crate) fn parse(path: &Path, bytes: Vec<u8>) -> Result<Csv, String> {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes.as_slice());
        let header = reader
            .headers()
            .map_err(|e| format!("{}: bad CSV header: {e}", path.display()))?
            .iter()
            .map(str::to_string)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| format!("{}: bad CSV record: {e}", path.display()))?;
            rows.push(record.iter().map(str::to_string).collect());
        }
        Ok(Csv {
            path: path.to_path_buf(),
            bytes,
            header,
            rows,
        })
    }

    /// Index of a column, panicking with the header when it is missing.
    #[track_caller]
    pub(crate) fn index(&self, column: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| {
                panic!(
                    "{}: no column `{column}` in {:?}",
                    self.path.display(),
                    self.header
                )
            })
    }

    /// The text cells of a column.
    #[track_caller]
    pub(crate) fn column(&self, column: &str) -> Vec<&str> {
        let i = self.index(column);
        self.rows.iter().map(|r| r[i].as_str()).collect()
    }

    /// Row `row` as column name → cell.
    #[track_caller]
    pub(crate) fn record(&self, row: usize) -> BTreeMap<&str, &str> {
        self.header
            .iter()
            .map(String::as_str)
            .zip(self.rows[row].iter().map(String::as_str))
            .collect()
    }

    /// `summary.csv`: the `base` cell of `metric`.
    #[track_caller]
    pub(crate) fn base(&self, metric: &str) -> &str {
        let b = self.index("base");
        self.rows
            .iter()
            .find(|r| r[0] == metric)
            .map(|r| r[b].as_str())
            .unwrap_or_else(|| panic!("{}: no metric `{metric}`", self.path.display()))
    }

    /// `summary.csv`: the metric names, in order.
    pub(crate) fn metrics(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r[0].as_str()).collect()
    }
}

/// Parses a cell written as a plain decimal.
#[track_caller]
pub(crate) fn dec(cell: &str) -> Decimal {
    Decimal::from_str_exact(cell)
        .or_else(|_| Decimal::from_str(cell))
        .unwrap_or_else(|e| panic!("`{cell}` is not a decimal number: {e}"))
}

/// The cells of a column, as decimals.
#[track_caller]
pub(crate) fn decimals(cells: &[&str]) -> Vec<Decimal> {
    cells.iter().map(|c| dec(c)).collect()
}

/// The largest magnitude of any figure the tool writes (docs/bad-input.md,
/// "Limits"): beyond it a run is refused with an overflow message.
fn max_figure() -> Decimal {
    Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0)
}

/// A cell a spreadsheet would run as a formula (OWASP CSV injection).
pub(crate) fn formula_like(cell: &str) -> bool {
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

/// Every CSV file the tool writes (`name` is its file name, which decides
/// which cells are text): RFC 4180 with a header, every record as long as the
/// header, no BOM; text cells cannot run as formulas; every figure is a finite
/// plain number (and a cell of `monthly.csv` at most 1e20).
#[track_caller]
pub(crate) fn assert_safe_and_finite(name: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
    assert!(!text.starts_with('\u{feff}'), "{name}: starts with a BOM");
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut width = None;
    for (i, record) in reader.records().enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{name}: record {i}: {e}"));
        let w = *width.get_or_insert(record.len());
        assert_eq!(record.len(), w, "{name}: record {i} has another length");
        for (j, cell) in record.iter().enumerate() {
            // Header cells and the metric names of summary.csv are text;
            // sensitivity.csv's first column holds input keys; the last
            // column of both, the unit.
            let text_cell = i == 0
                || ((j == 0 || j + 1 == w) && (name == "summary.csv" || name == "sensitivity.csv"));
            if text_cell {
                assert!(
                    !formula_like(cell),
                    "{name}: text cell {cell:?} could run as a formula"
                );
            } else if name == "sensitivity.csv" && j >= 6 && cell.is_empty() {
                // The sampled columns are empty where undefined (MODEL.md §5).
            } else if !(j == 0 && month(cell)) {
                assert!(
                    plain_number(cell),
                    "{name}: record {i}: {cell:?} is not a finite plain number"
                );
                if name == "monthly.csv" {
                    let v: Decimal = cell.parse().unwrap_or(Decimal::MAX);
                    assert!(v.abs() <= max_figure(), "{name}: {cell} is beyond 1e20");
                }
            }
        }
    }
    assert!(width.is_some(), "{name} has no header");
}
