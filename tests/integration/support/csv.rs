//! Reading the CSV files a run writes, and the promises every one of them
//! keeps (docs/bad-input.md): well formed, only finite plain numbers, no text
//! that a spreadsheet would run as a formula.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;

/// A CSV file as written: its bytes, header and rows of text cells.
pub struct Csv {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    pub fn parse(path: &Path, bytes: Vec<u8>) -> Result<Csv, String> {
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
    pub fn index(&self, column: &str) -> usize {
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
    pub fn column(&self, column: &str) -> Vec<&str> {
        let i = self.index(column);
        self.rows.iter().map(|r| r[i].as_str()).collect()
    }

    /// Row `row` as column name → cell.
    #[track_caller]
    pub fn record(&self, row: usize) -> BTreeMap<&str, &str> {
        self.header
            .iter()
            .map(String::as_str)
            .zip(self.rows[row].iter().map(String::as_str))
            .collect()
    }

    /// `summary.csv`: the `base` cell of `metric`.
    #[track_caller]
    pub fn base(&self, metric: &str) -> &str {
        let b = self.index("base");
        self.rows
            .iter()
            .find(|r| r[0] == metric)
            .map(|r| r[b].as_str())
            .unwrap_or_else(|| panic!("{}: no metric `{metric}`", self.path.display()))
    }

    /// `summary.csv`: the metric names, in order.
    pub fn metrics(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r[0].as_str()).collect()
    }
}

/// Parses a cell written as a plain decimal.
#[track_caller]
pub fn dec(cell: &str) -> Decimal {
    Decimal::from_str_exact(cell)
        .or_else(|_| Decimal::from_str(cell))
        .unwrap_or_else(|e| panic!("`{cell}` is not a decimal number: {e}"))
}

/// The cells of a column, as decimals.
#[track_caller]
pub fn decimals(cells: &[&str]) -> Vec<Decimal> {
    cells.iter().map(|c| dec(c)).collect()
}
