//! The Helper sheet (hidden): the calendar (month labels, working days, the
//! waves' and the plan's openings per month), the main cohort block that the
//! Monthly sheet reads, and the cohort blocks of the live sensitivity table.

use rust_decimal::Decimal;
use rust_xlsxwriter::Worksheet;

use crate::model::CAPACITY;

use super::block::{Block, Params};
use super::formats::{Styles, cell, formula, serial_of};
use super::items::{self, Item};
use super::shadow::BlockCol;
use super::{Book, FIRST_ROW, HEADER_ROW, MONTHLY, names};

/// The shared columns; the blocks follow them.
pub(super) mod col {
    pub(crate) const MONTH: u16 = 0;
    pub(crate) const INDEX: u16 = 1;
    pub(crate) const WORKING_DAYS: u16 = 2;
    /// M − 1 − m: the age a kernel row holds.
    pub(crate) const AGE: u16 = 3;
    /// Nw(m): engineers of the waves switching in month m.
    pub(crate) const WAVE_INFLOW: u16 = 4;
    /// Σ Nw up to m: team members who have switched.
    pub(crate) const STARTED: u16 = 5;
    /// Np(m): openings of the plan in month m.
    pub(crate) const PLAN_INFLOW: u16 = 6;
    pub(crate) const DISCOUNT: u16 = 7;
    pub(crate) const BREAK_EVEN: u16 = 8;
    /// The main block's first column.
    pub(crate) const MAIN: u16 = 9;
}
use col as hc;

/// Rows of a sensitivity block's parameters: labels, then formulas.
const PARAM_LABEL_ROW: u32 = 1;
const PARAM_ROW: u32 = 2;

/// The main block's `X_em` columns, after its block columns.
pub(super) fn em_col(main: &Block, i: usize) -> u16 {
    main.end() + i as u16
}

/// The first column of the sensitivity blocks.
pub(super) fn sens_first(main: &Block) -> u16 {
    em_col(main, CAPACITY.len()) + 1
}

/// Columns one sensitivity block takes: its block, its costs, a gap.
pub(super) const SENS_WIDTH: u16 = BlockCol::ALL.len() as u16 + 2;

/// A sensitivity block's costs column (Σ of the rounded cost cells per month).
pub(super) fn sens_costs_col(b: &Block) -> u16 {
    b.end()
}

/// The cell of a sensitivity block's parameter `i` (0 = q … 7 = total).
pub(super) fn sens_param(b: &Block, i: u16) -> String {
    format!(
        "{}!{}",
        super::HELPER,
        super::formats::abs_cell(PARAM_ROW, b.first + i)
    )
}

/// The Helper sheet.
pub(super) fn helper_sheet(book: &Book, styles: &Styles) -> anyhow::Result<Worksheet> {
    let mut ws = super::formats::new_sheet();
    ws.set_name(super::HELPER)?;
    ws.write_string_with_format(
        0,
        0,
        "Helper: the working behind every figure (MODEL.md §2). Each block is one evaluation of the head counts, month by month; kernel columns (by age) are laid out with the age reversed so that SUMPRODUCT pairs month f with age m − f.",
        &styles.title,
    )?;
    calendar(&mut ws, book, styles)?;
    main_block(&mut ws, book, styles)?;
    for s in &book.sens_blocks {
        sens_block(&mut ws, book, s, styles)?;
    }
    ws.set_row_height(HEADER_ROW, 90)?;
    ws.set_column_width(hc::MONTH, 10)?;
    let last = sens_first(&book.main) + SENS_WIDTH * book.sens_blocks.len() as u16;
    for c in 1..last {
        ws.set_column_width(c, 13)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 2)?;
    ws.set_hidden(true);
    Ok(ws)
}

/// The shared columns, month by month.
fn calendar(ws: &mut Worksheet, book: &Book, styles: &Styles) -> anyhow::Result<()> {
    let s = book.scenario;
    let headers: [(u16, &str); 9] = [
        (hc::MONTH, "month"),
        (hc::INDEX, "month index m"),
        (
            hc::WORKING_DAYS,
            "working days WD(m): NETWORKDAYS over the holidays",
        ),
        (hc::AGE, "age d held by the kernel columns (M−1−m)"),
        (
            hc::WAVE_INFLOW,
            "Nw(m): team engineers switching to Rust in m (waves)",
        ),
        (hc::STARTED, "team engineers switched so far"),
        (hc::PLAN_INFLOW, "Np(m): openings of hiring.plan in m"),
        (hc::DISCOUNT, "discount factor (1+rate)^(−(m+1)/12)"),
        (
            hc::BREAK_EVEN,
            "cumulative ≤ 0 from here to the end (1 = yes)",
        ),
    ];
    for (c, text) in headers {
        ws.write_string_with_format(HEADER_ROW, c, text, &styles.header)?;
    }
    let months = s.months;
    let mut started = Decimal::ZERO;
    for m in 0..months {
        let row = FIRST_ROW + m as u32;
        let r1 = row + 1;
        let mi = format!("$B{r1}");
        let month = s.month_label(m);
        ws.write_formula_with_format(
            row,
            hc::MONTH,
            formula(format!("=EDATE({},{mi})", names::START), serial_of(month)?),
            &styles.date,
        )?;
        ws.write_number(row, hc::INDEX, m as f64)?;
        ws.write_formula(
            row,
            hc::WORKING_DAYS,
            formula(
                format!("=NETWORKDAYS(A{r1},EOMONTH(A{r1},0),{})", names::HOLIDAYS),
                Decimal::from(s.working_days[m]),
            ),
        )?;
        ws.write_number(row, hc::AGE, (months - 1 - m) as f64)?;
        let nw = book.structure.wave_inflow[m];
        started += nw;
        let cells = [
            (
                hc::WAVE_INFLOW,
                format!(
                    "=SUMIF({},{mi},{})",
                    names::WAVE_INDEX,
                    names::WAVE_ENGINEERS
                ),
                nw,
            ),
            (
                hc::STARTED,
                if m == 0 {
                    format!("=E{r1}")
                } else {
                    format!("=F{row}+E{r1}")
                },
                started,
            ),
            (
                hc::PLAN_INFLOW,
                format!("=SUMIF({},{mi},{})", names::PLAN_INDEX, names::PLAN_COUNT),
                book.structure.plan_inflow[m],
            ),
            (
                hc::DISCOUNT,
                format!("=(1+{})^(-({mi}+1)/12)", names::DISCOUNT_RATE),
                book.discount[m],
            ),
        ];
        for (c, text, value) in cells {
            ws.write_formula_with_format(row, c, formula(text, value), &styles.helper)?;
        }
        break_even(ws, book, m)?;
    }
    Ok(())
}

/// 1 when the cumulative total stays ≤ 0 from this month to the end, which
/// is exactly from break-even on.
fn break_even(ws: &mut Worksheet, book: &Book, m: usize) -> anyhow::Result<()> {
    let row = FIRST_ROW + m as u32;
    let cum = format!("{MONTHLY}!{}", cell(row, book.cols.cumulative()));
    let flag = if book.base.break_even.is_some_and(|b| m >= b) {
        Decimal::ONE
    } else {
        Decimal::ZERO
    };
    let text = if m + 1 == book.scenario.months {
        format!("=IF({cum}<=0,1,0)")
    } else {
        let below = cell(row + 1, hc::BREAK_EVEN);
        format!("=IF(AND({cum}<=0,{below}=1),1,0)")
    };
    ws.write_formula(row, hc::BREAK_EVEN, formula(text, flag))?;
    Ok(())
}

/// The main block (the inputs in use) and its unrounded `X_em` columns.
fn main_block(ws: &mut Worksheet, book: &Book, styles: &Styles) -> anyhow::Result<()> {
    let p = Params {
        q: names::ATTRITION_Q.to_string(),
        rust_delay: names::RUST_DELAY.to_string(),
        baseline_delay: names::BASELINE_DELAY.to_string(),
        rust_delay_months: names::RUST_DELAY_MONTHS.to_string(),
        baseline_delay_months: names::BASELINE_DELAY_MONTHS.to_string(),
        ramp_months: book
            .main_ctx
            .of(crate::scenario::Input::RampMonths)
            .to_string(),
        first_rust_month: names::FIRST_RUST_MONTH.to_string(),
        savings_from: names::SAVINGS_FROM.to_string(),
        benefits_ramp: book
            .main_ctx
            .of(crate::scenario::Input::BenefitsRampMonths)
            .to_string(),
        engineers: names::TEAM_ENGINEERS.to_string(),
    };
    ws.write_string_with_format(0, book.main.first, "", &styles.note)?;
    ws.write_string_with_format(
        PARAM_LABEL_ROW,
        book.main.first,
        "Main block: the inputs in use (the Summary switch); the Monthly sheet rounds these columns.",
        &styles.note,
    )?;
    book.main.write(ws, &p, &book.main_values, styles)?;
    let headers = [
        "vacancy_em, unrounded",
        "ramp_em, unrounded",
        "mentoring_em, unrounded",
        "productivity_em, unrounded",
        "build_wait_em, unrounded",
    ];
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, em_col(&book.main, i), *h, &styles.header)?;
    }
    for m in 0..book.scenario.months {
        let row = FIRST_ROW + m as u32;
        let mut at = book.main.at_row(row);
        at.em = None;
        for i in 0..CAPACITY.len() {
            let text = items::em_expr(i, &book.main_ctx, &at);
            let value = book.base.unrounded[m].em[i];
            ws.write_formula_with_format(
                row,
                em_col(&book.main, i),
                formula(format!("={text}"), value),
                &styles.helper,
            )?;
        }
    }
    Ok(())
}

/// One sensitivity block: its parameters, its columns, the per-month sum of
/// its rounded cost cells, and its horizon total.
fn sens_block(
    ws: &mut Worksheet,
    book: &Book,
    s: &super::SensBlock,
    styles: &Styles,
) -> anyhow::Result<()> {
    use crate::scenario::Input;
    let b = &s.block;
    let v = &s.values;
    let ctx = &s.ctx;
    let title = match &s.varied {
        None => "Sensitivity: every input at its base value".to_string(),
        Some((i, side)) => format!(
            "Sensitivity: {} at its {side}, every other input at base",
            book.inputs[*i].key
        ),
    };
    ws.write_string_with_format(0, b.first, title, &styles.bold)?;
    let at = |i: u16| super::formats::abs_cell(PARAM_ROW, b.first + i);
    let params: [(&str, String, Decimal); 8] = [
        (
            "q",
            format!("=ROUND({}/12,20)", ctx.of(Input::Attrition)),
            v.q,
        ),
        (
            "δr",
            format!(
                "=ROUND({}*{}/{},12)",
                ctx.of(Input::DaysToHire),
                ctx.of(Input::Multiplier),
                names::DAYS
            ),
            v.rust_delay,
        ),
        (
            "δb",
            format!("=ROUND({}/{},12)", ctx.of(Input::DaysToHire), names::DAYS),
            v.baseline_delay,
        ),
        (
            "⌊δr⌋",
            format!("=INT({})", at(1)),
            Decimal::from(v.rust_delay_months),
        ),
        (
            "⌊δb⌋",
            format!("=INT({})", at(2)),
            Decimal::from(v.baseline_delay_months),
        ),
        (
            "m_ci",
            format!(
                "=IF({},MIN({},{}+{}),0)",
                names::ADOPTION_USED,
                names::FIRST_WAVE,
                names::FIRST_OPENING,
                at(3)
            ),
            Decimal::from(v.first_rust_month),
        ),
        (
            "f (savings from)",
            format!(
                "=IF(ISBLANK({}),IF({},0,{}),{})",
                names::BENEFITS_FROM,
                names::NOBODY_IN_RUST,
                at(5),
                names::BENEFITS_FROM_INDEX
            ),
            Decimal::from(v.savings_from),
        ),
        ("total", total_formula(book, s), s.total),
    ];
    for (i, (label, text, value)) in params.into_iter().enumerate() {
        let c = b.first + i as u16;
        ws.write_string_with_format(PARAM_LABEL_ROW, c, label, &styles.header)?;
        let f = if label == "total" {
            &styles.money
        } else {
            &styles.helper
        };
        ws.write_formula_with_format(PARAM_ROW, c, formula(text, value), f)?;
    }
    let p = Params {
        q: at(0),
        rust_delay: at(1),
        baseline_delay: at(2),
        rust_delay_months: at(3),
        baseline_delay_months: at(4),
        ramp_months: ctx.of(Input::RampMonths).to_string(),
        first_rust_month: at(5),
        savings_from: at(6),
        benefits_ramp: ctx.of(Input::BenefitsRampMonths).to_string(),
        engineers: names::TEAM_ENGINEERS.to_string(),
    };
    b.write(ws, &p, v, styles)?;
    let costs = sens_costs_col(b);
    ws.write_string_with_format(
        HEADER_ROW,
        costs,
        "costs: Σ of the rounded cost cells (base amounts)",
        &styles.header,
    )?;
    for m in 0..book.scenario.months {
        let row = FIRST_ROW + m as u32;
        let r1 = row + 1;
        let rust = cell(row, b.col(BlockCol::Rust));
        let text = items::cost_rows_sum(
            [
                names::COST_BASE_ALL,
                names::COST_FROM_ALL,
                names::COST_TO_ALL,
                names::COST_PE_ALL,
            ],
            &format!("$A{r1}"),
            &rust,
        );
        ws.write_formula_with_format(row, costs, formula(text, s.costs[m]), &styles.money)?;
    }
    Ok(())
}

/// A sensitivity block's horizon total: every built-in line item as a sum of
/// rounded monthly cells, plus its costs column.
fn total_formula(book: &Book, s: &super::SensBlock) -> String {
    let at = s.block.at_all();
    let terms: Vec<String> = Item::all(0)
        .into_iter()
        .map(|item| items::horizon_sum(item, &s.ctx, &book.cost_refs, &at))
        .collect();
    let costs = super::block::helper_range(sens_costs_col(&s.block), book.scenario.months);
    format!("=ROUND({}+SUM({costs}),2)", terms.join("+"))
}
