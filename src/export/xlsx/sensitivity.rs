//! The live sensitivity table on Summary: each uncertain input at its low and
//! at its high, every other input at its base value, as formulas. Inputs that
//! move the head counts or the savings ramp read a cohort block of their own
//! on the Helper sheet; the others re-evaluate every line item over the base
//! block's columns (a cost only its own column). The stored results are the
//! tool's `sensitivity.csv` totals.

use rust_xlsxwriter::Worksheet;

use crate::scenario::BUILTIN_INPUTS;

use super::formats::{Styles, cell, formula, header_row};
use super::helper::{sens_costs_col, sens_param};
use super::items::{self, Ctx, Item};
use super::{BLOCK_INPUTS, Book, Side, names};

/// Columns: input, low, high, total at low, total at high, swing, unit, then
/// the change from the base total at low and at high (the tornado's bars).
pub(super) const TOTAL_LOW_COL: u16 = 3;
pub(super) const TOTAL_HIGH_COL: u16 = 4;
pub(super) const CHANGE_LOW_COL: u16 = 7;
pub(super) const CHANGE_HIGH_COL: u16 = 8;

/// Writes the table from `row`; returns its first and last data rows.
pub(super) fn table(
    ws: &mut Worksheet,
    mut row: u32,
    book: &Book,
    styles: &Styles,
) -> anyhow::Result<Option<(u32, u32)>> {
    ws.write_string_with_format(
        row,
        0,
        "Sensitivity (live): each input at its low and its high, every other input at its base value (the switch does not apply here)",
        &styles.section,
    )?;
    row += 1;
    let header = [
        "input",
        "low",
        "high",
        "total at low",
        "total at high",
        "swing",
        "unit of the input",
        "change at low",
        "change at high",
    ];
    header_row(ws, row, &header, styles)?;
    ws.set_row_height(row, 30)?;
    row += 1;
    if book.sensitivity.is_empty() {
        ws.write_string_with_format(
            row,
            0,
            "(every input is fixed: no sensitivity)",
            &styles.note,
        )?;
        return Ok(None);
    }
    let first = row;
    for r in book.sensitivity {
        let input = &book.inputs[r.input];
        ws.write_string(row, 0, &r.key)?;
        let value_format = styles.value_of(input.unit);
        ws.write_formula_with_format(
            row,
            1,
            formula(format!("={}_low", input.name), r.low),
            value_format,
        )?;
        ws.write_formula_with_format(
            row,
            2,
            formula(format!("={}_high", input.name), r.high),
            value_format,
        )?;
        for (col, side, value) in [
            (TOTAL_LOW_COL, Side::Low, r.total_at_low),
            (TOTAL_HIGH_COL, Side::High, r.total_at_high),
        ] {
            let text = total_at(book, r.input, side);
            ws.write_formula_with_format(row, col, formula(text, value), &styles.money)?;
        }
        ws.write_formula_with_format(
            row,
            5,
            formula(
                format!(
                    "=ABS({}-{})",
                    cell(row, TOTAL_HIGH_COL),
                    cell(row, TOTAL_LOW_COL)
                ),
                r.swing,
            ),
            &styles.money,
        )?;
        ws.write_string_with_format(row, 6, input.unit.name(), &styles.note)?;
        let base_total = sens_param(&book.sens_blocks[0].block, 7);
        let base_value = book.sens_blocks[0].total;
        for (col, total_col, value) in [
            (CHANGE_LOW_COL, TOTAL_LOW_COL, r.total_at_low),
            (CHANGE_HIGH_COL, TOTAL_HIGH_COL, r.total_at_high),
        ] {
            ws.write_formula_with_format(
                row,
                col,
                formula(
                    format!("={}-{base_total}", cell(row, total_col)),
                    value - base_value,
                ),
                &styles.money,
            )?;
        }
        row += 1;
    }
    Ok(Some((first, row - 1)))
}

/// The horizon total with input `i` at `side`, every other input at base.
fn total_at(book: &Book, i: usize, side: Side) -> String {
    if BLOCK_INPUTS.iter().any(|b| *b as usize == i) {
        let block = book
            .sens_blocks
            .iter()
            .find(|s| s.varied == Some((i, side)))
            .map(|s| &s.block);
        if let Some(block) = block {
            return format!("={}", sens_param(block, 7));
        }
    }
    let base = &book.sens_blocks[0];
    let at = base.block.at_all();
    let mut refs = base.ctx.input.clone();
    refs[i] = format!("{}_{side}", book.inputs[i].name);
    let ctx = Ctx::inline(refs, names::HOURS_PER_DAY);
    let base_total = sens_param(&base.block, 7);
    if i >= BUILTIN_INPUTS {
        let item = Item::Cost(i - BUILTIN_INPUTS);
        return format!(
            "=ROUND({base_total}+{}-{},2)",
            items::horizon_sum(item, &ctx, &book.cost_refs, &at),
            items::horizon_sum(item, &base.ctx, &book.cost_refs, &at),
        );
    }
    let terms: Vec<String> = Item::all(0)
        .into_iter()
        .map(|item| items::horizon_sum(item, &ctx, &book.cost_refs, &at))
        .collect();
    let costs = super::block::helper_range(sens_costs_col(&base.block), book.scenario.months);
    format!("=ROUND({}+SUM({costs}),2)", terms.join("+"))
}
