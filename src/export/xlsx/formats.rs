//! How cells are written: the formats of each kind of cell, cell addresses, and
//! the text of formulas and of their stored results.

use anyhow::Context;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Worksheet,
    utility::{column_number_to_name, row_col_to_cell},
};

use crate::model::base::Precision;
use crate::model::num::Q;
use crate::scenario::{Unit, YearMonth};

/// Money: no currency in the cell (it is in the column header or unit column).
const MONEY: &str = "#,##0.00";
/// Engineer-months and head counts.
const EM: &str = "#,##0.000";
/// Intermediate values on the helper sheets.
const HELPER: &str = "0.0000";
/// Shares (0.25 shows as 25.0%; typing 25 into such a cell means 25%).
const SHARE: &str = "0.0#%";
const MONTH: &str = "yyyy-mm";
const DAY: &str = "yyyy-mm-dd";

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) note: Format,
    pub(super) wrap: Format,
    pub(super) header: Format,
    pub(super) section: Format,
    pub(super) number: Format,
    pub(super) money: Format,
    pub(super) money_bold: Format,
    pub(super) em: Format,
    pub(super) em_bold: Format,
    pub(super) helper: Format,
    pub(super) share: Format,
    pub(super) date: Format,
    pub(super) bold: Format,
    /// An editable input (shaded, unlocked), by unit.
    pub(super) input: Format,
    pub(super) input_share: Format,
    pub(super) input_money: Format,
    pub(super) input_date: Format,
    pub(super) input_day: Format,
    pub(super) input_text: Format,
    /// A value that needs a rerun of the tool to change (grey, locked).
    pub(super) rerun: Format,
    pub(super) rerun_text: Format,
    /// A check cell (a problem shows in red by conditional format).
    pub(super) check: Format,
    /// Conditional formats: a problem, a stale sampled figure, all well.
    pub(super) bad: Format,
    pub(super) stale: Format,
    pub(super) good: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let input = Format::new()
            .set_font_color(Color::RGB(0x0000_00C0))
            .set_background_color(Color::RGB(0x00FF_F2CC))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x00BF_BFBF))
            .set_unlocked();
        let rerun = Format::new()
            .set_font_color(Color::RGB(0x0040_4040))
            .set_background_color(Color::RGB(0x00D9_D9D9))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x00A6_A6A6));
        let money = Format::new().set_num_format(MONEY);
        let em = Format::new().set_num_format(EM);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x0059_5959)),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x00E7_E6E6))
                .set_border_bottom(FormatBorder::Thin),
            section: Format::new().set_bold().set_font_size(12),
            number: Format::new().set_num_format("General"),
            money_bold: money.clone().set_bold().set_border_top(FormatBorder::Thin),
            money,
            em_bold: em.clone().set_bold().set_border_top(FormatBorder::Thin),
            em,
            helper: Format::new().set_num_format(HELPER),
            share: Format::new().set_num_format(SHARE),
            date: Format::new().set_num_format(MONTH),
            bold: Format::new().set_bold().set_align(FormatAlign::Top),
            input_share: input.clone().set_num_format(SHARE),
            input_money: input.clone().set_num_format("#,##0.00##"),
            input_date: input.clone().set_num_format(MONTH),
            input_day: input.clone().set_num_format(DAY),
            input_text: input.clone().set_num_format("@"),
            input,
            rerun_text: rerun.clone().set_text_wrap().set_align(FormatAlign::Top),
            rerun,
            check: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_font_color(Color::RGB(0x00C0_0000)),
            bad: Format::new()
                .set_bold()
                .set_font_color(Color::RGB(0x00FF_FFFF))
                .set_background_color(Color::RGB(0x00C0_0000)),
            stale: Format::new()
                .set_font_color(Color::RGB(0x00A6_A6A6))
                .set_font_strikethrough(),
            good: Format::new()
                .set_font_color(Color::RGB(0x0000_6100))
                .set_background_color(Color::RGB(0x00C6_EFCE)),
        }
    }

    /// The format of a rounded figure.
    pub(super) fn of(&self, kind: Precision) -> &Format {
        match kind {
            Precision::Money => &self.money,
            Precision::EngineerMonths => &self.em,
        }
    }

    /// The format of an editable input of `unit`.
    pub(super) fn input_of(&self, unit: Unit) -> &Format {
        match unit {
            Unit::Money => &self.input_money,
            Unit::Share => &self.input_share,
            _ => &self.input,
        }
    }

    /// The format of a computed value of `unit`.
    pub(super) fn value_of(&self, unit: Unit) -> &Format {
        match unit {
            Unit::Money => &self.money,
            Unit::Share => &self.share,
            _ => &self.number,
        }
    }
}

/// A new worksheet. A formula whose stored result is "" (a check with
/// nothing to say) stores an empty text, not rust_xlsxwriter's default 0.
pub(super) fn new_sheet() -> Worksheet {
    let mut ws = Worksheet::new();
    ws.set_formula_result_default("");
    ws
}

/// A row of column headers, from column A.
pub(super) fn header_row(
    ws: &mut Worksheet,
    row: u32,
    headers: &[&str],
    styles: &Styles,
) -> anyhow::Result<()> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &styles.header)?;
    }
    Ok(())
}

/// `ROUND(ROUND(x,12),d)`: a cell rounded as MODEL.md §4 says.
pub(super) fn rounded(x: &str, kind: Precision) -> String {
    format!("ROUND(ROUND({x},12),{})", kind.decimals())
}

/// `C7`
pub(super) fn cell(row: u32, col: u16) -> String {
    row_col_to_cell(row, col)
}

pub(super) fn col_name(col: u16) -> String {
    column_number_to_name(col)
}

/// `$C$7`
pub(super) fn abs_cell(row: u32, col: u16) -> String {
    format!("${}${}", col_name(col), row + 1)
}

/// `Sheet!$C$7`
pub(super) fn sheet_cell(sheet: &str, row: u32, col: u16) -> String {
    format!("{}!{}", quoted(sheet), abs_cell(row, col))
}

/// `Sheet!$C$5:$C$28`
pub(super) fn column_range(sheet: &str, col: u16, first: u32, last: u32) -> String {
    let c = col_name(col);
    format!("{}!${c}${}:${c}${}", quoted(sheet), first + 1, last + 1)
}

/// `$C$5:$C$28` on the same sheet.
pub(super) fn local_range(col: u16, first: u32, last: u32) -> String {
    let c = col_name(col);
    format!("${c}${}:${c}${}", first + 1, last + 1)
}

/// A sheet name as a formula writes it (quoted when it has a space).
pub(super) fn quoted(sheet: &str) -> String {
    if sheet.contains(' ') {
        format!("'{sheet}'")
    } else {
        sheet.to_string()
    }
}

/// The text of a decimal for a formula's stored result.
pub(super) fn result(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A formula with its stored result.
pub(super) fn formula(text: impl Into<String>, value: Decimal) -> Formula {
    Formula::new(text.into()).set_result(result(value))
}

/// A formula whose stored result is text.
pub(super) fn text_formula(text: impl Into<String>, value: &str) -> Formula {
    Formula::new(text.into()).set_result(value)
}

/// A text constant inside a formula: `"..."` with quotes doubled.
pub(super) fn literal(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The first day of `month`, as a spreadsheet date.
pub(super) fn date_of(month: YearMonth) -> anyhow::Result<ExcelDateTime> {
    let year = u16::try_from(month.year()).context("a month outside the spreadsheet calendar")?;
    let m = u8::try_from(month.month()).context("a month outside the spreadsheet calendar")?;
    Ok(ExcelDateTime::from_ymd(year, m, 1)?)
}

/// A calendar day, as a spreadsheet date.
pub(super) fn day_of(date: chrono::NaiveDate) -> anyhow::Result<ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(date.year()).context("a date outside the spreadsheet calendar")?;
    Ok(ExcelDateTime::from_ymd(
        year,
        date.month() as u8,
        date.day() as u8,
    )?)
}

/// The spreadsheet serial number of the first day of `month` (for stored results).
pub(super) fn serial_of(month: YearMonth) -> anyhow::Result<Decimal> {
    Ok(Decimal::from(date_of(month)?.to_excel() as i64))
}

/// Decimal arithmetic that reports overflow instead of panicking (the figures
/// were already computed once by the model, so this never fires in practice).
pub(super) fn get(q: Q<Decimal>, what: &str) -> anyhow::Result<Decimal> {
    q.get()
        .with_context(|| format!("the figures overflow while writing {what} to model.xlsx"))
}

/// Print setup: landscape, fit to one page wide and `tall` pages tall (0: as
/// many as needed), the print area up to `last_row`/`last_col`, and `repeat`
/// (first, last) rows repeated at the top of every page.
pub(super) fn print_setup(
    ws: &mut Worksheet,
    last_row: u32,
    last_col: u16,
    tall: u16,
    repeat: Option<(u32, u32)>,
) -> anyhow::Result<()> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, tall);
    ws.set_print_area(0, 0, last_row, last_col)?;
    if let Some((first, last)) = repeat {
        ws.set_repeat_rows(first, last)?;
    }
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&L&A&RPage &P of &N");
    Ok(())
}
