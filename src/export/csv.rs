//! CSV files (MODEL.md §5): RFC 4180, UTF-8 without BOM, comma, `.` decimals,
//! plain numbers. Text that comes from the user and could run as a spreadsheet
//! formula is prefixed with `'`.

use std::io::Write;

use rust_decimal::Decimal;

use crate::model::CAPACITY;
use crate::model::base::{BaseCase, Precision, Projection};
use crate::model::sensitivity::SensitivityRow;
use crate::sample::Stats;
use crate::sample::Trials;
use crate::scenario::{Scenario, Unit};
use crate::whatif::compare::ComparisonRow;
use crate::whatif::solve::Solution;
use crate::whatif::sweep::Sweep;
use crate::whatif::vary::value_text;

/// Makes user text safe to open in a spreadsheet (OWASP CSV injection guidance):
/// a cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
pub(crate) fn safe_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Formats an `f64` figure with the precision of its cells (no `-0.00`).
pub(crate) fn format_f64(x: f64, precision: Precision) -> String {
    crate::text::fixed(x, precision.decimals())
}

pub(crate) fn format_decimal(x: Decimal) -> String {
    x.to_string()
}

/// How the CSV files separate fields and write decimals (`--csv-dialect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CsvDialect {
    /// `,` between fields, `.` decimals (MODEL.md §5).
    #[default]
    Standard,
    /// `;` between fields, `,` decimals: what a spreadsheet set to a
    /// German, French, Italian... locale reads without a dialog.
    Eu,
}

impl CsvDialect {
    /// `standard` or `eu`, as `--csv-dialect` takes them.
    pub(crate) fn parse(text: &str) -> Result<CsvDialect, String> {
        match text {
            "standard" => Ok(CsvDialect::Standard),
            "eu" => Ok(CsvDialect::Eu),
            other => Err(format!(
                "expected standard (comma, decimal point) or eu (semicolon, decimal comma), found \"{other}\""
            )),
        }
    }
}

/// Whether a cell is a plain number as this module writes them: an optional
/// `-`, digits, and an optional `.` with digits.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A CSV file rewritten in `dialect`: for `Eu`, `;` between fields and a
/// decimal comma in every number (still without thousands separators); text
/// cells are left as they are (quoted where they hold a `;`).
pub(crate) fn in_dialect(bytes: Vec<u8>, dialect: CsvDialect) -> anyhow::Result<Vec<u8>> {
    if dialect == CsvDialect::Standard {
        return Ok(bytes);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for record in reader.records() {
        let record = record?;
        let cells: Vec<String> = record
            .iter()
            .map(|c| {
                if is_plain_number(c) {
                    c.replace('.', ",")
                } else {
                    c.to_string()
                }
            })
            .collect();
        w.write_record(&cells)?;
    }
    finish(w)
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> anyhow::Result<Vec<u8>> {
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("cannot build CSV: {e}"))
}

/// The header of `monthly.csv`.
pub(crate) fn monthly_header(base: &BaseCase) -> Vec<String> {
    let mut h = vec![
        "month".to_string(),
        "engineers".to_string(),
        "engineers_baseline".to_string(),
        "rust_engineers".to_string(),
    ];
    h.extend(base.cash_columns.iter().map(|c| safe_text(c)));
    h.push("cash_total".to_string());
    h.extend(CAPACITY.iter().map(|c| c.to_string()));
    h.extend(["capacity_cost", "total", "cumulative_total"].map(String::from));
    h.extend(CAPACITY.iter().map(|c| format!("{c}_em")));
    h.push("capacity_em".to_string());
    h
}

/// `monthly.csv`: one row per month.
pub(crate) fn monthly(base: &BaseCase) -> anyhow::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(monthly_header(base))?;
    for r in &base.rows {
        let mut rec = vec![
            r.month.to_string(),
            format_decimal(r.engineers),
            format_decimal(r.engineers_baseline),
            format_decimal(r.rust_engineers),
        ];
        rec.extend(r.cash.iter().map(|c| format_decimal(*c)));
        rec.push(format_decimal(r.cash_total));
        rec.extend(r.capacity.iter().map(|c| format_decimal(*c)));
        rec.extend([r.capacity_cost, r.total, r.cumulative_total].map(format_decimal));
        rec.extend(r.em.iter().map(|c| format_decimal(*c)));
        rec.push(format_decimal(r.capacity_em));
        w.write_record(rec)?;
    }
    finish(w)
}

/// `summary.csv`: `metric,base` and, when sampled, `mean,p10,p50,p90`; then
/// `unit` (the currency code or `engineer-months`).
pub(crate) fn summary(
    base: &BaseCase,
    stats: Option<&[Stats]>,
    currency: &str,
) -> anyhow::Result<Vec<u8>> {
    let mut w = writer();
    let mut header = vec!["metric", "base"];
    if stats.is_some() {
        header.extend(["mean", "p10", "p50", "p90"]);
    }
    header.push("unit");
    w.write_record(&header)?;
    for (i, name) in base.metrics.names.iter().enumerate() {
        let precision = base.metrics.precisions[i];
        let mut rec = vec![safe_text(name), format_decimal(base.totals[i])];
        if let Some(s) = stats.and_then(|s| s.get(i)) {
            rec.extend([s.mean, s.p10, s.p50, s.p90].map(|x| format_f64(x, precision)));
        }
        rec.push(match precision {
            Precision::Money => safe_text(currency),
            Precision::EngineerMonths => "engineer-months".to_string(),
        });
        w.write_record(rec)?;
    }
    finish(w)
}

/// `sensitivity.csv`: one row per uncertain input, largest swing first; the
/// last column is the unit of `low` and `high` (the totals are in the
/// scenario's currency).
pub(crate) fn sensitivity(rows: &[SensitivityRow], scenario: &Scenario) -> anyhow::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record([
        "input",
        "low",
        "high",
        "total_at_low",
        "total_at_high",
        "swing",
        "rank_correlation",
        "variance_share",
        "tail_percentile",
        "unit",
    ])?;
    let cell = |v: Option<f64>, decimals: u32| {
        v.map(|x| crate::text::fixed_half_away(x, decimals))
            .unwrap_or_default()
    };
    for r in rows {
        let unit = match scenario.inputs[r.input].unit {
            Unit::Money => safe_text(&scenario.currency),
            other => other.name().to_string(),
        };
        w.write_record([
            safe_text(&r.key),
            r.low.normalize().to_string(),
            r.high.normalize().to_string(),
            format_decimal(r.total_at_low),
            format_decimal(r.total_at_high),
            format_decimal(r.swing),
            cell(r.sampled.rank_correlation, 4),
            cell(r.sampled.variance_share, 4),
            cell(r.sampled.tail_percentile, 1),
            unit,
        ])?;
    }
    finish(w)
}

/// `bands.csv`: per month, P10/P50/P90/mean of the cumulative total.
pub(crate) fn bands(base: &BaseCase, bands: &[[f64; 4]]) -> anyhow::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(["month", "p10", "p50", "p90", "mean"])?;
    for (row, b) in base.rows.iter().zip(bands) {
        let mut rec = vec![row.month.to_string()];
        rec.extend(b.iter().map(|x| format_f64(*x, Precision::Money)));
        w.write_record(rec)?;
    }
    finish(w)
}

/// `samples.csv`: every sampled input and the trial's totals, one row per
/// trial, streamed to `out` (a run may have millions of trials).
pub fn samples(trials: &Trials, out: &mut impl Write) -> anyhow::Result<()> {
    let scenario = trials.scenario();
    let uncertain: Vec<usize> = (0..scenario.inputs.len())
        .filter(|&i| scenario.inputs[i].value.is_uncertain())
        .collect();
    let mut header = vec!["trial".to_string()];
    header.extend(
        uncertain
            .iter()
            .map(|&i| safe_text(&scenario.inputs[i].key)),
    );
    let m = trials.metrics();
    let shown = [
        m.cash_total(),
        m.capacity_cost(),
        m.total(),
        m.capacity_em(),
        m.npv(),
    ];
    header.extend(shown.iter().map(|&c| m.names[c].clone()));
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(&header)?;
    trials.for_each_trial_in_order(
        |trial, inputs, metrics| {
            let mut r = vec![(trial + 1).to_string()];
            r.extend(uncertain.iter().map(|&i| format!("{}", inputs[i])));
            r.extend(
                shown
                    .iter()
                    .map(|&c| format_f64(metrics[c], m.precisions[c])),
            );
            r
        },
        |record| Ok(w.write_record(&record)?),
    )?;
    w.flush()?;
    Ok(())
}

/// `comparison.csv`: one row per scenario in the order given; the sampled
/// columns are empty when nothing was sampled. Figures are written exactly as
/// in each scenario's `summary.csv`.
pub(crate) fn comparison(rows: &[ComparisonRow]) -> anyhow::Result<Vec<u8>> {
    let header: Vec<String> = [
        "scenario",
        "total_base",
        "total_mean",
        "total_p10",
        "total_p50",
        "total_p90",
        "cash_total",
        "capacity_cost",
        "capacity_em",
        "npv",
        "break_even",
        "run_rate",
        "break_even_projected",
        "break_even_chance",
    ]
    .map(String::from)
    .to_vec();
    let records: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let sampled = |f: fn(&Stats) -> f64| {
                r.total
                    .as_ref()
                    .map(|s| format_f64(f(s), Precision::Money))
                    .unwrap_or_default()
            };
            vec![
                safe_text(&r.name),
                format_decimal(r.total_base),
                sampled(|s| s.mean),
                sampled(|s| s.p10),
                sampled(|s| s.p50),
                sampled(|s| s.p90),
                format_decimal(r.cash_total),
                format_decimal(r.capacity_cost),
                format_decimal(r.capacity_em),
                format_decimal(r.npv),
                r.break_even.map(|m| m.to_string()).unwrap_or_default(),
                format_decimal(r.run_rate),
                projection_text(r.break_even_projected),
                r.break_even_chance
                    .map(|c| crate::text::fixed_half_away(c, 4))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(&header, &records)
}

/// A projected break-even as written in a CSV cell (MODEL.md §3): `YYYY-MM`,
/// "none within 100 years", or empty when there is no projection.
pub(crate) fn projection_text(p: Option<Projection>) -> String {
    match p {
        Some(Projection::Month(m)) => m.to_string(),
        Some(Projection::Beyond100Years) => "none within 100 years".to_string(),
        None => String::new(),
    }
}

/// `sweep.csv`: one column per varied key, then the figures, one row per
/// combination (MODEL.md §5 CSV conventions, like the other CSV files). Rows
/// are written as they are formatted: a million rows need no million
/// intermediate records.
pub(crate) fn sweep(sweep: &Sweep) -> anyhow::Result<Vec<u8>> {
    let mut w = writer();
    let mut header: Vec<String> = sweep.varies.iter().map(|v| safe_text(&v.column)).collect();
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

/// `solve.csv`: the answer of `adoptcost solve`, one row: the key, its value
/// (as `--set` takes it), the goal, the figure at that value from the
/// confirming run (written like `summary.csv`; a month `YYYY-MM`, empty for
/// none; a chance as a share) and the number of model evaluations.
pub(crate) fn solve(solution: &Solution) -> anyhow::Result<Vec<u8>> {
    let header = ["key", "value", "goal", "achieved", "evaluations"].map(String::from);
    let row = vec![
        safe_text(&solution.key.column),
        value_text(solution.value),
        safe_text(&solution.target.text),
        solution.achieved.cell(&solution.target),
        solution.evaluations.to_string(),
    ];
    table(&header, &[row])
}

/// Writes any table of text cells.
pub(crate) fn table(header: &[String], rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_quoted() {
        assert_eq!(safe_text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe_text("-x"), "'-x");
        assert_eq!(safe_text("@cmd"), "'@cmd");
        assert_eq!(safe_text("training"), "training");
    }

    #[test]
    fn the_eu_dialect_uses_semicolons_and_decimal_commas_in_numbers_only() {
        let standard =
            b"month,engineers,name\r\n2027-01,20.000,\"a; b\"\r\n2027-02,-1234.5,x.y\r\n".to_vec();
        let eu = in_dialect(standard, CsvDialect::Eu)
            .ok()
            .unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&eu),
            "month;engineers;name\r\n2027-01;20,000;\"a; b\"\r\n2027-02;-1234,5;x.y\r\n"
        );
        assert_eq!(CsvDialect::parse("eu"), Ok(CsvDialect::Eu));
        assert!(CsvDialect::parse("de").is_err());
    }

    #[test]
    fn no_negative_zero() {
        assert_eq!(format_f64(-0.001, Precision::Money), "0.00");
        assert_eq!(format_f64(-0.0004, Precision::EngineerMonths), "0.000");
        assert_eq!(format_f64(-1.5, Precision::Money), "-1.50");
    }
}
