//! The Summary sheet: base totals as formulas over Monthly; sampled percentiles
//! and sensitivity as values, labelled so (they cannot follow edits).

use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Worksheet};

use crate::model::base::{BaseCase, Precision};
use crate::model::num::Num;
use crate::model::sensitivity::SensitivityRow;
use crate::sample::Sampled;
use crate::sample::Stats;
use crate::scenario::Scenario;

use super::formats::{Styles, abs_cell, column_range, date_of, header_row, result, rounded};
use super::helper::col as hc;
use super::monthly::MonthlyCols;
use super::{FIRST_ROW, HELPER, MONTHLY, SUMMARY};

/// The row of the totals' column headers.
const HEADER_ROW: u32 = 4;

/// The Summary sheet.
pub(super) fn summary_sheet(
    scenario: &Scenario,
    base: &BaseCase,
    sampled: Option<&Sampled>,
    sensitivity: &[SensitivityRow],
    cols: &MonthlyCols,
    styles: &Styles,
) -> anyhow::Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(SUMMARY)?;
    let end = scenario.month_label(scenario.months - 1);
    ws.write_string_with_format(0, 0, format!("{}: summary", scenario.name), &styles.title)?;
    ws.write_string(
        1,
        0,
        format!(
            "Horizon {} to {end} ({} months), {}. Scenario file: {}.",
            scenario.start, scenario.months, scenario.currency, scenario.file
        ),
    )?;
    let sampling = match sampled {
        Some(s) => format!(
            "mean, p10, p50, p90: values from {} Monte Carlo samples (seed {}); they do not follow edits: rerun adoptcost for new ones.",
            s.samples, s.seed
        ),
        None => "Not sampled (--samples 0): no percentiles.".to_string(),
    };
    ws.write_string_with_format(
        2,
        0,
        format!(
            "base: live formulas over the Monthly sheet (sums of the rounded monthly cells; NPV over the monthly totals). {sampling}"
        ),
        &styles.note,
    )?;
    let stats = sampled.map(|s| s.stats.as_slice());
    let row = totals(&mut ws, scenario, base, stats, cols, styles)?;
    let row = break_even(&mut ws, row + 1, scenario, base, styles)?;
    sensitivity_rows(&mut ws, row + 1, sensitivity, styles)?;

    ws.set_row_height(HEADER_ROW, 30)?;
    ws.set_column_width(0, 34)?;
    for c in 1..6 {
        ws.set_column_width(c, 22)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    Ok(ws)
}

/// One row per metric: the base total as a live formula, then the sampled
/// values; returns the next free row.
fn totals(
    ws: &mut Worksheet,
    scenario: &Scenario,
    base: &BaseCase,
    stats: Option<&[Stats]>,
    cols: &MonthlyCols,
    styles: &Styles,
) -> anyhow::Result<u32> {
    let header = [
        "metric",
        "base (live formula)",
        "mean (sampled value)",
        "p10 (sampled value)",
        "p50 (sampled value)",
        "p90 (sampled value)",
    ];
    header_row(ws, HEADER_ROW, &header, styles)?;
    let first = FIRST_ROW;
    let last = FIRST_ROW + scenario.months as u32 - 1;
    let metrics = &base.metrics;
    let mut row = HEADER_ROW + 1;
    for (i, name) in metrics.names.iter().enumerate() {
        let kind = metrics.precisions[i];
        ws.write_string(row, 0, name)?;
        let text = match cols.of_metric(i) {
            Some(col) => format!(
                "=ROUND(SUM({}),{})",
                column_range(MONTHLY, col, first, last),
                kind.decimals()
            ),
            // run_rate: the last month's total (MODEL.md §3).
            None if i == metrics.run_rate() => {
                format!("={MONTHLY}!{}", abs_cell(last, cols.total()))
            }
            None => format!(
                "={}",
                rounded(
                    &format!(
                        "SUMPRODUCT({},{})",
                        column_range(MONTHLY, cols.total(), first, last),
                        column_range(HELPER, hc::DISCOUNT, first, last)
                    ),
                    Precision::Money
                )
            ),
        };
        ws.write_formula_with_format(
            row,
            1,
            Formula::new(text).set_result(result(base.totals[i])),
            styles.of(kind),
        )?;
        if let Some(s) = stats.and_then(|s| s.get(i)) {
            for (c, v) in [s.mean, s.p10, s.p50, s.p90].into_iter().enumerate() {
                ws.write_number_with_format(row, 2 + c as u16, v, styles.of(kind))?;
            }
        }
        row += 1;
    }
    Ok(row)
}

/// The break-even month, live over the Helper sheet's flags; returns the next
/// free row.
fn break_even(
    ws: &mut Worksheet,
    row: u32,
    scenario: &Scenario,
    base: &BaseCase,
    styles: &Styles,
) -> anyhow::Result<u32> {
    let first = FIRST_ROW;
    let last = FIRST_ROW + scenario.months as u32 - 1;
    ws.write_string(row, 0, "break-even month (live)")?;
    let break_even = format!(
        "=IFERROR(INDEX({},MATCH(1,{},0)),\"none within horizon\")",
        column_range(MONTHLY, MonthlyCols::MONTH, first, last),
        column_range(HELPER, hc::BREAK_EVEN, first, last)
    );
    let cached = match base.break_even_month() {
        Some(month) => date_of(month)?.to_excel().to_string(),
        None => "none within horizon".to_string(),
    };
    ws.write_formula_with_format(
        row,
        1,
        Formula::new(break_even).set_result(cached),
        &styles.date,
    )?;
    Ok(row + 1)
}

/// The sensitivity table, as values from the tool.
fn sensitivity_rows(
    ws: &mut Worksheet,
    mut row: u32,
    sensitivity: &[SensitivityRow],
    styles: &Styles,
) -> anyhow::Result<()> {
    ws.write_string_with_format(
        row,
        0,
        "Sensitivity (values from the tool: each input at its low and its high, every other input at its base value; they do not follow edits)",
        &styles.section,
    )?;
    row += 1;
    let sens_header = [
        "input",
        "low",
        "high",
        "total at low",
        "total at high",
        "swing",
    ];
    header_row(ws, row, &sens_header, styles)?;
    row += 1;
    if sensitivity.is_empty() {
        ws.write_string_with_format(
            row,
            0,
            "(every input is fixed: no sensitivity)",
            &styles.note,
        )?;
    }
    for s in sensitivity {
        ws.write_string(row, 0, &s.key)?;
        let f = |d: Decimal| Num::to_f64(d);
        ws.write_number_with_format(row, 1, f(s.low), &styles.number)?;
        ws.write_number_with_format(row, 2, f(s.high), &styles.number)?;
        ws.write_number_with_format(row, 3, f(s.total_at_low), &styles.money)?;
        ws.write_number_with_format(row, 4, f(s.total_at_high), &styles.money)?;
        ws.write_number_with_format(row, 5, f(s.swing), &styles.money)?;
        row += 1;
    }
    Ok(())
}
