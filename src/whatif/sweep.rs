//! `adoptcost sweep`: a one- or two-way data table over the exact base case.
//!
//! Each combination is computed exactly as `adoptcost run --set KEY=VALUE`
//! would compute it: the scenario file is read and parsed once, then for each
//! combination the `--set` overrides and the varied values are applied to a
//! copy of the parsed tree through the same override machinery, the result is
//! validated by the same rules and the exact base case is run. So every row of
//! `sweep.csv` equals the `run --set` figures to the cent, and a value the key
//! does not accept fails with the usual validation message.
//!
//! `sweep.csv` is written by `export/csv.rs`, the chart's data built in
//! `export/chart_files.rs`, the report laid out in `output/sweep.rs`.

use std::collections::HashSet;

use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::error::AppError;
use crate::interrupt;
use crate::model::base;
use crate::sample::Progress;
use crate::scenario::{Diagnostic, Override, Parsed, Scenario, ScenarioError, YearMonth};

use super::vary::{Vary, value_text};

/// Combinations computed between two checks for errors: the first error in
/// combination order is reported, without computing the whole sweep first.
const BLOCK: usize = 4096;
/// Most different warnings kept for printing (each combination may earn
/// warnings of its own, e.g. when the horizon is swept).
pub(crate) const MAX_WARNINGS_KEPT: usize = 20;

/// The figures of one combination (`sweep.csv` row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SweepRow {
    /// One value per varied key, in `--vary` order.
    pub(crate) values: Vec<Decimal>,
    pub(crate) total: Decimal,
    pub(crate) cash_total: Decimal,
    pub(crate) capacity_cost: Decimal,
    pub(crate) capacity_em: Decimal,
    pub(crate) npv: Decimal,
    pub(crate) break_even: Option<YearMonth>,
}

/// A computed sweep.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The scenario with the `--set` overrides and no varied value (names the
    /// output folder and the currency).
    pub(crate) scenario: Scenario,
    pub(crate) varies: Vec<Vary>,
    /// Every combination: the first key varies slowest (row-major).
    pub(crate) rows: Vec<SweepRow>,
    /// Warnings of any combination, each once, in the order first met, with
    /// the values of the first combination that earned it (at most
    /// [`MAX_WARNINGS_KEPT`]).
    pub(crate) warnings: Vec<(String, Vec<Decimal>)>,
    /// How many more different warnings there were.
    pub(crate) more_warnings: usize,
}

/// The `--vary` values of combination `index` (first key slowest).
pub(crate) fn combination(varies: &[Vary], mut index: usize) -> Vec<Decimal> {
    let mut values = vec![Decimal::ZERO; varies.len()];
    for (slot, v) in values.iter_mut().zip(varies).rev() {
        let n = v.values.len().max(1);
        *slot = v.values.get(index % n).copied().unwrap_or_default();
        index /= n;
    }
    values
}

/// `hiring.premium=0.2, ramp.months=4`: a combination in messages.
pub(crate) fn describe(varies: &[Vary], values: &[Decimal]) -> String {
    varies
        .iter()
        .zip(values)
        .map(|(v, x)| format!("{}={}", v.column, value_text(*x)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Number of combinations.
pub(crate) fn combinations(varies: &[Vary]) -> usize {
    varies.iter().map(|v| v.values.len()).product()
}

/// Computes every combination, in parallel, in a deterministic order;
/// `progress` counts combinations, told after each block.
pub fn run(
    parsed: &Parsed,
    sets: &[Override],
    scenario: Scenario,
    varies: Vec<Vary>,
    progress: &dyn Progress,
) -> Result<Sweep, AppError> {
    let n = combinations(&varies);
    progress.set_total(n);
    let mut rows = Vec::with_capacity(n);
    let mut seen: HashSet<String> = HashSet::new();
    let mut warnings: Vec<(String, Vec<Decimal>)> = Vec::new();
    let mut more_warnings = 0;
    for first in (0..n).step_by(BLOCK) {
        let block: Vec<Result<(SweepRow, Vec<Diagnostic>), AppError>> = (first
            ..(first + BLOCK).min(n))
            .into_par_iter()
            .map(|i| evaluate(parsed, sets, &varies, &combination(&varies, i)))
            .collect();
        let block_len = block.len();
        for result in block {
            let (row, row_warnings) = result?;
            for w in row_warnings {
                let text = w.to_string();
                if seen.insert(text.clone()) {
                    if warnings.len() < MAX_WARNINGS_KEPT {
                        warnings.push((text, row.values.clone()));
                    } else {
                        more_warnings += 1;
                    }
                }
            }
            rows.push(row);
        }
        progress.advance(block_len);
    }
    Ok(Sweep {
        scenario,
        varies,
        rows,
        warnings,
        more_warnings,
    })
}

/// One combination: `--set` overrides, then the varied values, validated and
/// run like `adoptcost run --set`.
pub(crate) fn evaluate(
    parsed: &Parsed,
    sets: &[Override],
    varies: &[Vary],
    values: &[Decimal],
) -> Result<(SweepRow, Vec<Diagnostic>), AppError> {
    if interrupt::requested() {
        return Err(AppError::Interrupted);
    }
    let mut overrides = sets.to_vec();
    overrides.extend(varies.iter().zip(values).map(|(v, x)| Override {
        key: v.key.clone(),
        value: value_text(*x),
    }));
    let at = || describe(varies, values);
    let loaded = parsed
        .validate(&overrides)
        .map_err(|e| AppError::Input(name_the_vary(e, &parsed.file, varies, values, &at())))?;
    let case = base::run(&loaded.scenario)
        .map_err(|e| AppError::Input(format!("{}: with --vary {}: {e}", parsed.file, at())))?;
    let m = &case.metrics;
    let row = SweepRow {
        values: values.to_vec(),
        total: case.total(),
        cash_total: case.totals[m.cash_total()],
        capacity_cost: case.totals[m.capacity_cost()],
        capacity_em: case.totals[m.capacity_em()],
        npv: case.npv(),
        break_even: case.break_even_month(),
    };
    Ok((row, loaded.warnings))
}

/// A value the key does not accept gets the usual validation message, located
/// at the `--vary` flag and value instead of the `--set` it was applied as.
fn name_the_vary(
    error: ScenarioError,
    file: &str,
    varies: &[Vary],
    values: &[Decimal],
    at: &str,
) -> String {
    let ScenarioError::Invalid(mut diagnostics) = error else {
        return format!("with --vary {at}: {error}");
    };
    let mut located = false;
    for d in &mut diagnostics {
        for (v, x) in varies.iter().zip(values) {
            let as_set = format!("{file}: --set '{}={}'", v.key, value_text(*x));
            if d.location == as_set {
                d.location = format!(
                    "{file}: --vary '{}' at {}={}",
                    v.text,
                    v.column,
                    value_text(*x)
                );
                located = true;
            }
        }
    }
    let message = ScenarioError::Invalid(diagnostics).to_string();
    if located {
        message
    } else {
        format!("with --vary {at}: {message}")
    }
}

/// The combinations with the lowest and the highest total (first met on ties).
pub(crate) fn extremes(sweep: &Sweep) -> Option<(&SweepRow, &SweepRow)> {
    let first = sweep.rows.first()?;
    let mut low = first;
    let mut high = first;
    for r in &sweep.rows {
        if r.total < low.total {
            low = r;
        }
        if r.total > high.total {
            high = r;
        }
    }
    Some((low, high))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vary(column: &str, values: &[i64]) -> Vary {
        Vary {
            text: String::new(),
            key: column.to_string(),
            column: column.to_string(),
            values: values.iter().map(|v| Decimal::from(*v)).collect(),
        }
    }

    #[test]
    fn combinations_run_first_key_slowest() {
        let varies = [vary("a.x", &[1, 2]), vary("b.y", &[10, 20, 30])];
        let all: Vec<Vec<Decimal>> = (0..combinations(&varies))
            .map(|i| combination(&varies, i))
            .collect();
        let expected: Vec<Vec<Decimal>> = [(1, 10), (1, 20), (1, 30), (2, 10), (2, 20), (2, 30)]
            .iter()
            .map(|&(a, b)| vec![Decimal::from(a), Decimal::from(b)])
            .collect();
        assert_eq!(all, expected);
    }
}
