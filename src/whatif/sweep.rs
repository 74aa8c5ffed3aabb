//! `adoptcost sweep`: a one- or two-way data table over the exact base case.
//!
//! Each combination is computed exactly as `adoptcost run --set KEY=VALUE`
//! would compute it: the scenario file is read and parsed once, then for each
//! combination the `--set` overrides and the varied values are applied to a
//! copy of the parsed tree through the same override machinery, the result is
//! validated by the same rules and the exact base case is run. So every row of
//! `sweep.csv` equals the `run --set` figures to the cent, and a value the key
//! does not accept fails with the usual validation message.

use std::collections::HashSet;

use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::AppError;
use crate::export::csv::format_decimal;
use crate::model::base;
use crate::scenario::{Diagnostic, Override, Parsed, Scenario, ScenarioError, YearMonth};

use super::vary::{AxisUnit, Vary, value_text};

/// Combinations computed between two checks for errors: the first error in
/// combination order is reported, without computing the whole sweep first.
const BLOCK: usize = 4096;
/// Most different warnings kept for printing (each combination may earn
/// warnings of its own, e.g. when the horizon is swept).
pub const MAX_WARNINGS_KEPT: usize = 20;

/// The figures of one combination (`sweep.csv` row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SweepRow {
    /// One value per varied key, in `--vary` order.
    pub values: Vec<Decimal>,
    pub total: Decimal,
    pub cash_total: Decimal,
    pub capacity_cost: Decimal,
    pub capacity_em: Decimal,
    pub npv: Decimal,
    pub break_even: Option<YearMonth>,
}

/// A computed sweep.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The scenario with the `--set` overrides and no varied value (names the
    /// output folder and the currency).
    pub scenario: Scenario,
    pub varies: Vec<Vary>,
    /// Every combination: the first key varies slowest (row-major).
    pub rows: Vec<SweepRow>,
    /// Warnings of any combination, each once, in the order first met, with
    /// the values of the first combination that earned it (at most
    /// [`MAX_WARNINGS_KEPT`]).
    pub warnings: Vec<(String, Vec<Decimal>)>,
    /// How many more different warnings there were.
    pub more_warnings: usize,
}

/// The `--vary` values of combination `index` (first key slowest).
pub fn combination(varies: &[Vary], mut index: usize) -> Vec<Decimal> {
    let mut values = vec![Decimal::ZERO; varies.len()];
    for (slot, v) in values.iter_mut().zip(varies).rev() {
        let n = v.values.len().max(1);
        *slot = v.values.get(index % n).copied().unwrap_or_default();
        index /= n;
    }
    values
}

/// `hiring.premium=0.2, ramp.months=4`: a combination in messages.
pub fn describe(varies: &[Vary], values: &[Decimal]) -> String {
    varies
        .iter()
        .zip(values)
        .map(|(v, x)| format!("{}={}", v.column, value_text(*x)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Number of combinations.
pub fn combinations(varies: &[Vary]) -> usize {
    varies.iter().map(|v| v.values.len()).product()
}

/// Computes every combination, in parallel, in a deterministic order;
/// `progress` is told how many combinations are done after each block.
pub fn run(
    parsed: &Parsed,
    sets: &[Override],
    scenario: Scenario,
    varies: Vec<Vary>,
    progress: impl Fn(usize),
) -> Result<Sweep, AppError> {
    let n = combinations(&varies);
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
        progress(rows.len());
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
pub fn evaluate(
    parsed: &Parsed,
    sets: &[Override],
    varies: &[Vary],
    values: &[Decimal],
) -> Result<(SweepRow, Vec<Diagnostic>), AppError> {
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

/// `sweep.csv`: one column per varied key, then the figures, one row per
/// combination (MODEL.md §5 CSV conventions, like the other CSV files). Rows
/// are written as they are formatted: a million rows need no million
/// intermediate records.
pub fn csv(sweep: &Sweep) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header: Vec<String> = sweep
        .varies
        .iter()
        .map(|v| crate::export::csv::safe_text(&v.column))
        .collect();
    header.extend(
        [
            "total",
            "cash_total",
            "capacity_cost",
            "capacity_em",
            "npv",
            "break_even",
        ]
        .map(String::from),
    );
    w.write_record(&header)?;
    let mut cells: Vec<String> = Vec::with_capacity(header.len());
    for r in &sweep.rows {
        cells.clear();
        cells.extend(r.values.iter().map(|x| value_text(*x)));
        cells.extend(
            [r.total, r.cash_total, r.capacity_cost, r.capacity_em, r.npv].map(format_decimal),
        );
        cells.push(r.break_even.map(|m| m.to_string()).unwrap_or_default());
        w.write_record(&cells)?;
    }
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("cannot build sweep.csv: {e}"))
}

/// One axis of a sweep chart.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepAxis {
    /// Dotted key, e.g. `hiring.premium`.
    pub key: String,
    /// The input in a planner's words, e.g. "Rust salary premium".
    pub label: String,
    /// How its values are written on the axis (25%, 2.5x, 120k USD, 3).
    pub unit: AxisUnit,
    pub values: Vec<f64>,
    /// The values as written in `sweep.csv`.
    pub value_texts: Vec<String>,
}

/// What `sweep.png` shows: a line of the total over one key, or a heat map of
/// the total over two keys with a labelled cell per combination.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepChart {
    pub scenario_name: String,
    pub currency: String,
    /// First month, last month and horizon of the scenario (with `--set`,
    /// before any `--vary`; a sweep of `scenario.months` changes the horizon
    /// per cell).
    pub start: String,
    pub end: String,
    pub months: usize,
    /// One axis (line chart) or two (heat map: first key on the rows, second on
    /// the columns).
    pub axes: Vec<SweepAxis>,
    /// The base-case total of every combination, row-major like `sweep.csv`:
    /// `totals[i * axes[1].values.len() + j]` is row value i, column value j.
    pub totals: Vec<f64>,
}

/// The chart data of a sweep (from the computed rows; charts never run the model).
pub fn chart_data(sweep: &Sweep) -> SweepChart {
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let axes = sweep
        .varies
        .iter()
        .map(|v| SweepAxis {
            key: v.column.clone(),
            label: super::vary::label(&v.column, &sweep.scenario),
            unit: super::vary::axis_unit(&v.column, &sweep.scenario),
            values: v.values.iter().map(|x| f(*x)).collect(),
            value_texts: v.values.iter().map(|x| value_text(*x)).collect(),
        })
        .collect();
    SweepChart {
        scenario_name: sweep.scenario.name.clone(),
        currency: sweep.scenario.currency.clone(),
        start: sweep.scenario.start.to_string(),
        end: sweep
            .scenario
            .month_label(sweep.scenario.months.saturating_sub(1))
            .to_string(),
        months: sweep.scenario.months,
        axes,
        totals: sweep.rows.iter().map(|r| f(r.total)).collect(),
    }
}

/// The combinations with the lowest and the highest total (first met on ties).
pub fn extremes(sweep: &Sweep) -> Option<(&SweepRow, &SweepRow)> {
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
    fn chart_data_is_row_major_with_labels() {
        let text = "[scenario]\nname = \"S\"\nstart = \"2027-01\"\nmonths = 12\n[team]\nengineers = 4\nsalary = 100000\n";
        let parsed = crate::scenario::parse_str("t.toml", text).unwrap_or_else(|e| panic!("{e}"));
        let base = parsed.validate(&[]).unwrap_or_else(|e| panic!("{e}"));
        let varies: Vec<Vary> = ["hiring.premium=0.1,0.2", "team.engineers=2:6:2"]
            .iter()
            .map(|t| {
                crate::whatif::vary::parse(t)
                    .and_then(|spec| crate::whatif::vary::resolve(spec, &base.scenario))
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        let sweep =
            run(&parsed, &[], base.scenario, varies, |_| {}).unwrap_or_else(|e| panic!("{e}"));
        let chart = chart_data(&sweep);
        assert_eq!(chart.axes.len(), 2);
        assert_eq!(chart.axes[0].label, "Rust salary premium");
        assert_eq!(chart.axes[1].key, "team.engineers");
        assert_eq!(chart.axes[1].label, "Engineers at the start");
        assert_eq!(chart.axes[0].unit, AxisUnit::Share);
        assert_eq!(chart.axes[1].unit, AxisUnit::Number(""));
        assert_eq!(
            (chart.start.as_str(), chart.end.as_str(), chart.months),
            ("2027-01", "2027-12", 12)
        );
        assert_eq!(chart.axes[1].value_texts, ["2", "4", "6"]);
        assert_eq!(chart.totals.len(), 6);
        // Row i (premium), column j (engineers) is row i * 3 + j of sweep.csv.
        let total = |i: usize| sweep.rows[i].total.to_f64().unwrap_or(f64::NAN);
        assert_eq!(chart.totals[3 + 2], total(5));
        assert_eq!(sweep.rows[5].values, [Decimal::new(2, 1), Decimal::from(6)]);
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
