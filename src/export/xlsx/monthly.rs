//! The Monthly sheet: the columns and rows of `monthly.csv`, every cell a
//! formula over the Assumptions and Helper sheets, rounded like the CSV; then
//! the costs typed into spare rows, a total row and yearly subtotals.

use rust_decimal::Decimal;
use rust_xlsxwriter::Worksheet;

use crate::model::CAPACITY;
use crate::model::base::{MonthlyRow, Precision};
use crate::scenario::BUILTIN_INPUTS;

use super::formats::{
    Styles, abs_cell, cell, col_name, formula, local_range, rounded, serial_of, text_formula,
};
use super::helper::{col as hc, em_col};
use super::items::{self, Item};
use super::shadow::BlockCol;
use super::{Book, FIRST_ROW, HEADER_ROW, HELPER, MONTHLY, names};

/// The columns of the Monthly sheet, as in `monthly.csv`, then the spare costs.
pub(super) struct MonthlyCols {
    pub(super) n_cash: usize,
}

impl MonthlyCols {
    pub(super) const MONTH: u16 = 0;
    const ENGINEERS: u16 = 1;
    const ENGINEERS_BASELINE: u16 = 2;
    const RUST_ENGINEERS: u16 = 3;
    pub(super) fn cash(&self, i: usize) -> u16 {
        4 + i as u16
    }
    pub(super) fn cash_total(&self) -> u16 {
        4 + self.n_cash as u16
    }
    pub(super) fn capacity(&self, i: usize) -> u16 {
        self.cash_total() + 1 + i as u16
    }
    pub(super) fn capacity_cost(&self) -> u16 {
        self.capacity(CAPACITY.len())
    }
    pub(super) fn total(&self) -> u16 {
        self.capacity_cost() + 1
    }
    pub(super) fn cumulative(&self) -> u16 {
        self.total() + 1
    }
    fn em(&self, i: usize) -> u16 {
        self.cumulative() + 1 + i as u16
    }
    fn capacity_em(&self) -> u16 {
        self.em(CAPACITY.len())
    }
    /// The costs typed into the spare rows of Assumptions (part of cash_total).
    pub(super) fn spare(&self) -> u16 {
        self.capacity_em() + 1
    }
    pub(super) fn last(&self) -> u16 {
        self.spare()
    }
    /// The Monthly column of a summary metric (none for NPV and run rate).
    pub(super) fn of_metric(&self, i: usize) -> Option<u16> {
        let n = self.n_cash;
        let c = CAPACITY.len();
        if i < n {
            Some(self.cash(i))
        } else if i < n + c {
            Some(self.capacity(i - n))
        } else if i == n + c {
            Some(self.cash_total())
        } else if i == n + c + 1 {
            Some(self.capacity_cost())
        } else if i == n + c + 2 {
            Some(self.total())
        } else if i < n + c + 3 + c {
            Some(self.em(i - n - c - 3))
        } else if i == n + 2 * c + 3 {
            Some(self.capacity_em())
        } else {
            None
        }
    }

    /// The precision of a column (head counts and `_em` to 3 decimals).
    fn precision(&self, col: u16) -> Precision {
        if col < 4 || (col >= self.em(0) && col <= self.capacity_em()) {
            Precision::EngineerMonths
        } else {
            Precision::Money
        }
    }
}

/// The Monthly sheet.
pub(super) fn monthly_sheet(book: &Book, styles: &Styles) -> anyhow::Result<Worksheet> {
    let s = book.scenario;
    let cols = &book.cols;
    let mut ws = super::formats::new_sheet();
    ws.set_name(MONTHLY)?;
    ws.write_string_with_format(0, 0, format!("{}: month by month", s.name), &styles.title)?;
    ws.write_string_with_format(
        1,
        0,
        "Extra cost positive, saving negative. Every figure is a live formula over Assumptions (and the hidden Helper sheet), rounded like monthly.csv: \
         money to the cent, engineer-months and head counts to 3 decimals; totals are sums of the rounded cells.",
        &styles.note,
    )?;
    header(&mut ws, book, styles)?;
    for m in 0..s.months {
        month(&mut ws, book, styles, m)?;
    }
    // A blank row between the months and the totals.
    let total_row = book.last_row() + 2;
    totals(&mut ws, book, styles, total_row)?;
    years(&mut ws, book, styles, total_row + 2)?;

    ws.set_row_height(HEADER_ROW, 45)?;
    ws.set_column_width(0, 9)?;
    for c in 1..=cols.last() {
        let w = match cols.precision(c) {
            Precision::EngineerMonths => 8.5,
            Precision::Money => 12.5,
        };
        ws.set_column_width(c, w)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 1)?;
    let last_row = total_row + 2 + year_rows(s.months) as u32;
    super::formats::print_setup(&mut ws, last_row, cols.last(), 0, Some((2, HEADER_ROW)))?;
    Ok(ws)
}

/// The units row (currency, engineers, engineer-months) and the CSV header.
fn header(ws: &mut Worksheet, book: &Book, styles: &Styles) -> anyhow::Result<()> {
    let cols = &book.cols;
    let header = crate::export::csv::monthly_header(book.base);
    for (c, h) in header.iter().enumerate() {
        // The CSV quotes formula-like names; a workbook string cell is never a formula.
        let h = h.strip_prefix('\'').unwrap_or(h);
        ws.write_string_with_format(HEADER_ROW, c as u16, h, &styles.header)?;
    }
    ws.write_string_with_format(
        HEADER_ROW,
        cols.spare(),
        "added costs (spare rows)",
        &styles.header,
    )?;
    let currency = &book.scenario.currency;
    for c in 1..=cols.last() {
        if c < 4 {
            ws.write_string_with_format(2, c, "engineers", &styles.note)?;
        } else if cols.precision(c) == Precision::EngineerMonths {
            ws.write_string_with_format(2, c, "engineer-months", &styles.note)?;
        } else {
            ws.write_formula_with_format(
                2,
                c,
                text_formula(format!("={}", names::CURRENCY), currency),
                &styles.note,
            )?;
        }
    }
    ws.write_string_with_format(2, 0, "unit", &styles.note)?;
    Ok(())
}

fn money(x: &str) -> String {
    format!("={}", rounded(x, Precision::Money))
}

fn em(x: &str) -> String {
    format!("={}", rounded(x, Precision::EngineerMonths))
}

/// Month m's row: engineers, cash, capacity and totals (MODEL.md §3-§4).
fn month(ws: &mut Worksheet, book: &Book, styles: &Styles, m: usize) -> anyhow::Result<()> {
    let cols = &book.cols;
    let r: &MonthlyRow = &book.base.rows[m];
    let row = FIRST_ROW + m as u32;
    let r1 = row + 1;
    let mut at = book.main.at_row(row);
    at.date = format!("$A{r1}");
    let helper = |c: u16| format!("{HELPER}!{}", cell(row, c));
    at.em = Some(std::array::from_fn(|i| helper(em_col(&book.main, i))));
    let put = |ws: &mut Worksheet, col: u16, text: String, value: Decimal| -> anyhow::Result<()> {
        let kind = cols.precision(col);
        ws.write_formula_with_format(row, col, formula(text, value), styles.of(kind))?;
        Ok(())
    };
    ws.write_formula_with_format(
        row,
        MonthlyCols::MONTH,
        formula(format!("=EDATE({},{m})", names::START), serial_of(r.month)?),
        &styles.date,
    )?;
    let block = |c: BlockCol| helper(book.main.col(c));
    put(
        ws,
        MonthlyCols::ENGINEERS,
        em(&block(BlockCol::InPost)),
        r.engineers,
    )?;
    put(
        ws,
        MonthlyCols::ENGINEERS_BASELINE,
        em(&block(BlockCol::InPostBaseline)),
        r.engineers_baseline,
    )?;
    put(
        ws,
        MonthlyCols::RUST_ENGINEERS,
        em(&block(BlockCol::Rust)),
        r.rust_engineers,
    )?;

    let n_costs = book.scenario.costs.len();
    let cash_items = (0..5)
        .map(Item::Cash)
        .chain((0..n_costs).map(Item::Cost))
        .chain([Item::InfraSavings, Item::IncidentSavings]);
    for (i, item) in cash_items.enumerate() {
        let text = money(&items::expr(item, &book.main_ctx, &book.cost_refs, &at));
        put(ws, cols.cash(i), text, r.cash[i])?;
    }
    // The spare cost rows, summed (each rounded like a cost column).
    let spare = items::cost_rows_sum(
        [
            names::SPARE_AMOUNTS,
            names::SPARE_FROM,
            names::SPARE_TO,
            names::SPARE_PE,
        ],
        &format!("$A{r1}"),
        &block(BlockCol::Rust),
    );
    put(ws, cols.spare(), spare, Decimal::ZERO)?;
    let span = |a: u16, b: u16| format!("{}:{}", cell(row, a), cell(row, b));
    put(
        ws,
        cols.cash_total(),
        format!(
            "=ROUND(SUM({})+{},2)",
            span(cols.cash(0), cols.cash(cols.n_cash - 1)),
            cell(row, cols.spare())
        ),
        r.cash_total,
    )?;
    for i in 0..CAPACITY.len() {
        let text = money(&items::expr(
            Item::Capacity(i),
            &book.main_ctx,
            &book.cost_refs,
            &at,
        ));
        put(ws, cols.capacity(i), text, r.capacity[i])?;
        put(ws, cols.em(i), em(&helper(em_col(&book.main, i))), r.em[i])?;
    }
    put(
        ws,
        cols.capacity_cost(),
        format!(
            "=ROUND(SUM({}),2)",
            span(cols.capacity(0), cols.capacity(CAPACITY.len() - 1))
        ),
        r.capacity_cost,
    )?;
    put(
        ws,
        cols.total(),
        format!(
            "=ROUND({}+{},2)",
            cell(row, cols.cash_total()),
            cell(row, cols.capacity_cost())
        ),
        r.total,
    )?;
    let cumulative = if m == 0 {
        format!("=ROUND({},2)", cell(row, cols.total()))
    } else {
        format!(
            "=ROUND({}+{},2)",
            cell(row - 1, cols.cumulative()),
            cell(row, cols.total())
        )
    };
    put(ws, cols.cumulative(), cumulative, r.cumulative_total)?;
    put(
        ws,
        cols.capacity_em(),
        format!(
            "=ROUND(SUM({}),3)",
            span(cols.em(0), cols.em(CAPACITY.len() - 1))
        ),
        r.capacity_em,
    )?;
    let _ = BUILTIN_INPUTS;
    let _ = hc::MONTH;
    Ok(())
}

/// The columns that add up over months (money and `_em`), with each month's
/// value, for the total row and the yearly subtotals.
fn summed(book: &Book) -> Vec<(u16, Vec<Decimal>)> {
    let cols = &book.cols;
    let rows = &book.base.rows;
    let mut out = Vec::new();
    for i in 0..cols.n_cash {
        out.push((cols.cash(i), rows.iter().map(|r| r.cash[i]).collect()));
    }
    out.push((
        cols.cash_total(),
        rows.iter().map(|r| r.cash_total).collect(),
    ));
    for i in 0..CAPACITY.len() {
        out.push((
            cols.capacity(i),
            rows.iter().map(|r| r.capacity[i]).collect(),
        ));
        out.push((cols.em(i), rows.iter().map(|r| r.em[i]).collect()));
    }
    out.push((
        cols.capacity_cost(),
        rows.iter().map(|r| r.capacity_cost).collect(),
    ));
    out.push((cols.total(), rows.iter().map(|r| r.total).collect()));
    out.push((
        cols.capacity_em(),
        rows.iter().map(|r| r.capacity_em).collect(),
    ));
    out.push((cols.spare(), vec![Decimal::ZERO; rows.len()]));
    out
}

/// The horizon total of every summable column.
fn totals(ws: &mut Worksheet, book: &Book, styles: &Styles, row: u32) -> anyhow::Result<()> {
    let cols = &book.cols;
    ws.write_string_with_format(row, 0, "total", &styles.bold)?;
    let (first, last) = (FIRST_ROW, book.last_row());
    for (col, values) in summed(book) {
        let kind = cols.precision(col);
        let format = match kind {
            Precision::Money => &styles.money_bold,
            Precision::EngineerMonths => &styles.em_bold,
        };
        ws.write_formula_with_format(
            row,
            col,
            formula(
                format!(
                    "=ROUND(SUM({}),{})",
                    local_range(col, first, last),
                    kind.decimals()
                ),
                values.iter().sum(),
            ),
            format,
        )?;
    }
    Ok(())
}

/// Calendar years a horizon of `months` can touch.
fn year_rows(months: usize) -> usize {
    months.div_ceil(12) + 1
}

/// One subtotal row per calendar year of the horizon, following the start month.
fn years(ws: &mut Worksheet, book: &Book, styles: &Styles, row: u32) -> anyhow::Result<()> {
    let s = book.scenario;
    let cols = &book.cols;
    ws.write_string_with_format(row - 1, 0, "", &styles.note)?;
    let (first, last) = (FIRST_ROW, book.last_row());
    let months_range = local_range(MonthlyCols::MONTH, first, last);
    let last_year = format!("YEAR({})", abs_cell(last, MonthlyCols::MONTH));
    let summed = summed(book);
    for k in 0..year_rows(s.months) {
        let r = row + k as u32;
        let year = s.start.year() + k as i64;
        let in_horizon = year <= s.month_label(s.months - 1).year();
        let year_text = format!("YEAR({})+{k}", names::START);
        let label = format!("=IF({year_text}>{last_year},\"\",\"year \"&({year_text}))");
        let label_value = if in_horizon {
            format!("year {year}")
        } else {
            String::new()
        };
        ws.write_formula_with_format(r, 0, text_formula(label, &label_value), &styles.bold)?;
        for (col, values) in &summed {
            let kind = cols.precision(*col);
            let sum: Decimal = book
                .base
                .rows
                .iter()
                .zip(values)
                .filter(|(row, _)| row.month.year() == year)
                .map(|(_, v)| *v)
                .sum();
            let text = format!(
                "=IF({y}>{last_year},\"\",ROUND(SUMPRODUCT((YEAR({months_range})={y})*{}),{}))",
                local_range(*col, first, last),
                kind.decimals(),
                y = &year_text,
            );
            let f = if in_horizon {
                formula(text, sum)
            } else {
                text_formula(text, "")
            };
            ws.write_formula_with_format(r, *col, f, styles.of(kind))?;
        }
    }
    let _ = col_name(0);
    Ok(())
}
