//! The Summary sheet: the check cell (red, naming the first wrong input), the
//! scenario switch, the base totals as live formulas over Monthly, the sampled
//! figures (labelled with seed and samples, greyed once an input differs from
//! the value they were sampled with), the live break-even month and the live
//! sensitivity table.

use rust_xlsxwriter::{ConditionalFormatFormula, Formula, Worksheet};

use crate::model::base::Precision;

use super::checks::{CheckCell, list_rule};
use super::formats::{
    Styles, abs_cell, column_range, date_of, header_row, literal, result, rounded, text_formula,
};
use super::helper::col as hc;
use super::monthly::MonthlyCols;
use super::{Book, DefinedNames, FIRST_ROW, HELPER, MONTHLY, SUMMARY, SWITCH_CHOICES, names};

const CHECK_ROW: u32 = 2;
const SWITCH_ROW: u32 = 3;
const SAMPLED_ROW: u32 = 4;
/// The row of the totals' column headers.
const HEADER_ROW: u32 = 6;
/// Hidden columns: the switch's mode (1-4) and its check.
const MODE_COL: u16 = 9;
const SWITCH_CHECK_COL: u16 = 10;
/// The last column of the totals; the sensitivity table's reaches further.
const LAST_COL: u16 = 6;
const PRINT_LAST_COL: u16 = super::sensitivity::CHANGE_HIGH_COL;

/// The check cell of the switch, for the Checks sheet's cascade.
pub(super) fn switch_check() -> CheckCell {
    CheckCell {
        at: format!("{SUMMARY}!{}", abs_cell(SWITCH_ROW, SWITCH_CHECK_COL)),
    }
}

/// The Summary sheet and where its sensitivity table lies (for the tornado).
pub(super) struct SummaryLayout {
    pub(super) sheet: Worksheet,
    /// First and last rows of the sensitivity table (none when every input
    /// is fixed).
    pub(super) sensitivity_rows: Option<(u32, u32)>,
}

/// The Summary sheet.
pub(super) fn summary_sheet(
    book: &Book,
    styles: &Styles,
    defined: &mut DefinedNames,
) -> anyhow::Result<SummaryLayout> {
    let scenario = book.scenario;
    let mut ws = super::formats::new_sheet();
    ws.set_name(SUMMARY)?;
    let end = scenario.month_label(scenario.months - 1);
    ws.write_string_with_format(0, 0, format!("{}: summary", scenario.name), &styles.title)?;
    ws.write_string(
        1,
        0,
        format!(
            "Horizon {} to {end} ({} months). Extra cost positive, saving negative. Scenario file: {}.",
            scenario.start, scenario.months, scenario.file
        ),
    )?;
    check_and_switch(&mut ws, styles, defined)?;
    sampled_label(&mut ws, book, styles)?;
    let row = totals(&mut ws, book, styles)?;
    let row = break_even(&mut ws, row, book, styles)?;
    let sensitivity_rows = super::sensitivity::table(&mut ws, row + 1, book, styles)?;

    ws.set_column_width(0, 36)?;
    for c in 1..=PRINT_LAST_COL {
        ws.set_column_width(c, 17)?;
    }
    ws.set_column_hidden(MODE_COL)?;
    ws.set_column_hidden(SWITCH_CHECK_COL)?;
    ws.set_row_height(HEADER_ROW, 30)?;
    let last = sensitivity_rows.map_or(row + 3, |r| r.1);
    super::formats::print_setup(&mut ws, last, PRINT_LAST_COL, 1, None)?;
    Ok(SummaryLayout {
        sheet: ws,
        sensitivity_rows,
    })
}

/// The check cell, and the scenario switch with its mode and check.
fn check_and_switch(
    ws: &mut Worksheet,
    styles: &Styles,
    defined: &mut DefinedNames,
) -> anyhow::Result<()> {
    ws.write_string_with_format(CHECK_ROW, 0, "Check of the inputs", &styles.bold)?;
    ws.merge_range(CHECK_ROW, 1, CHECK_ROW, LAST_COL, "", &styles.check)?;
    ws.write_formula_with_format(
        CHECK_ROW,
        1,
        text_formula(
            format!(
                "=IF({},\"all inputs valid\",{})",
                names::INPUTS_OK,
                names::FIRST_PROBLEM
            ),
            "all inputs valid",
        ),
        &styles.check,
    )?;
    ws.set_row_height(CHECK_ROW, 30)?;
    let red = ConditionalFormatFormula::new()
        .set_rule(format!("=NOT({})", names::INPUTS_OK).as_str())
        .set_format(&styles.bad);
    let green = ConditionalFormatFormula::new()
        .set_rule(names::INPUTS_OK)
        .set_format(&styles.good);
    ws.add_conditional_format(CHECK_ROW, 1, CHECK_ROW, LAST_COL, &red)?;
    ws.add_conditional_format(CHECK_ROW, 1, CHECK_ROW, LAST_COL, &green)?;

    ws.write_string_with_format(SWITCH_ROW, 0, "Scenario switch", &styles.bold)?;
    ws.write_string_with_format(SWITCH_ROW, 1, "base", &styles.input)?;
    ws.add_data_validation(
        SWITCH_ROW,
        1,
        SWITCH_ROW,
        1,
        &list_rule(
            "scenario switch",
            &SWITCH_CHOICES,
            "all low / all high: every input with a range at that end; per input: column F of Assumptions.",
        )?,
    )?;
    ws.merge_range(
        SWITCH_ROW,
        2,
        SWITCH_ROW,
        LAST_COL,
        "base: every input at its base value; all low / all high: every input with a range at that end; per input: the \"use\" column of Assumptions.",
        &styles.note,
    )?;
    let choices = SWITCH_CHOICES.map(literal).join(",");
    let switch = abs_cell(SWITCH_ROW, 1);
    ws.write_formula(
        SWITCH_ROW,
        MODE_COL,
        Formula::new(format!("=MATCH({switch},{{{choices}}},0)")).set_result("2"),
    )?;
    ws.write_formula(
        SWITCH_ROW,
        SWITCH_CHECK_COL,
        text_formula(
            format!(
                "=IF(ISNA(MATCH({switch},{{{choices}}},0)),{}&{switch}&\"\"\"\",\"\")",
                literal(&format!(
                    "scenario switch ({SUMMARY}!B{}): expected {}, found \"",
                    SWITCH_ROW + 1,
                    SWITCH_CHOICES.join(", ")
                ))
            ),
            "",
        ),
    )?;
    defined.define(names::SWITCH, format!("{SUMMARY}!{switch}"));
    defined.define(
        names::SWITCH_MODE,
        format!("{SUMMARY}!{}", abs_cell(SWITCH_ROW, MODE_COL)),
    );
    Ok(())
}

/// What the sampled figures are, and whether they are stale.
fn sampled_label(ws: &mut Worksheet, book: &Book, styles: &Styles) -> anyhow::Result<()> {
    ws.write_string_with_format(SAMPLED_ROW, 0, "Sampled figures", &styles.bold)?;
    let current = match book.sampled {
        Some(s) => format!(
            "mean, p10, p50, p90: {} Monte Carlo samples, seed {}, at the inputs as exported (values, not formulas).",
            s.samples, s.seed
        ),
        None => "not sampled (--samples 0): no percentiles.".to_string(),
    };
    let stale = "stale: an input differs from the value the figures were sampled with; rerun adoptcost with the edited scenario.";
    ws.merge_range(SAMPLED_ROW, 1, SAMPLED_ROW, LAST_COL, "", &styles.note)?;
    ws.write_formula_with_format(
        SAMPLED_ROW,
        1,
        text_formula(
            format!(
                "=IF({},{},{})",
                names::STALE,
                literal(stale),
                literal(&current)
            ),
            &current,
        ),
        &styles.note,
    )?;
    Ok(())
}

/// One row per metric: the base total as a live formula, then the sampled
/// values (grey once stale), then the unit; returns the next free row.
fn totals(ws: &mut Worksheet, book: &Book, styles: &Styles) -> anyhow::Result<u32> {
    let scenario = book.scenario;
    let base = book.base;
    let cols = &book.cols;
    let header = [
        "metric",
        "base (live formula)",
        "mean (sampled)",
        "p10 (sampled)",
        "p50 (sampled)",
        "p90 (sampled)",
        "unit",
    ];
    header_row(ws, HEADER_ROW, &header, styles)?;
    let first = FIRST_ROW;
    let last = FIRST_ROW + scenario.months as u32 - 1;
    let metrics = &base.metrics;
    let stats = book.sampled.map(|s| s.stats.as_slice());
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
        match kind {
            Precision::Money => ws.write_formula_with_format(
                row,
                LAST_COL,
                text_formula(format!("={}", names::CURRENCY), &scenario.currency),
                &styles.note,
            )?,
            Precision::EngineerMonths => {
                ws.write_string_with_format(row, LAST_COL, "engineer-months", &styles.note)?
            }
        };
        row += 1;
    }
    let grey = ConditionalFormatFormula::new()
        .set_rule(names::STALE)
        .set_format(&styles.stale);
    ws.add_conditional_format(HEADER_ROW + 1, 2, row - 1, 5, &grey)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    Ok(row)
}

/// The break-even month, live over the Helper sheet's flags; returns the next
/// free row.
fn break_even(ws: &mut Worksheet, row: u32, book: &Book, styles: &Styles) -> anyhow::Result<u32> {
    let first = FIRST_ROW;
    let last = FIRST_ROW + book.scenario.months as u32 - 1;
    ws.write_string(row, 0, "break-even month (live)")?;
    let flags = column_range(HELPER, hc::BREAK_EVEN, first, last);
    let break_even = format!(
        "=IF(COUNTIF({flags},1)=0,\"none within horizon\",INDEX({},MATCH(1,{flags},0)))",
        column_range(MONTHLY, MonthlyCols::MONTH, first, last),
    );
    let cached = match book.base.break_even_month() {
        Some(month) => date_of(month)?.to_excel().to_string(),
        None => "none within horizon".to_string(),
    };
    ws.write_formula_with_format(
        row,
        1,
        Formula::new(break_even).set_result(cached),
        &styles.date,
    )?;
    ws.write_string_with_format(
        row,
        2,
        "the first month from which the cumulative total stays at or below zero",
        &styles.note,
    )?;
    Ok(row + 1)
}
