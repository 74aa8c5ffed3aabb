//! How cells are written: the formats of each kind of cell, cell addresses, and
//! the text of formulas and of their stored results.

use anyhow::Context;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet,
    utility::{column_number_to_name, row_col_to_cell},
};

use crate::model::base::Precision;
use crate::model::num::Q;
use crate::scenario::YearMonth;

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) note: Format,
    pub(super) header: Format,
    pub(super) section: Format,
    pub(super) number: Format,
    pub(super) money: Format,
    pub(super) em: Format,
    pub(super) date: Format,
    /// An editable assumption (shaded, unlocked).
    pub(super) input: Format,
    pub(super) input_money: Format,
    pub(super) input_date: Format,
}

impl Styles {
    pub(super) fn new(currency: &str) -> Styles {
        // The currency is three capital letters (validated), safe inside quotes.
        let money_format = format!("#,##0.00\" {currency}\"");
        let input = Format::new()
            .set_font_color(Color::RGB(0x0000_00C0))
            .set_background_color(Color::RGB(0x00FF_F2CC))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x00BF_BFBF))
            .set_unlocked();
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x0059_5959)),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x00E7_E6E6))
                .set_border_bottom(FormatBorder::Thin),
            section: Format::new().set_bold(),
            number: Format::new().set_num_format("General"),
            money: Format::new().set_num_format(&money_format),
            em: Format::new().set_num_format("#,##0.000"),
            date: Format::new().set_num_format("yyyy-mm"),
            input_money: input
                .clone()
                .set_num_format(format!("#,##0.00##\" {currency}\"")),
            input_date: input.clone().set_num_format("yyyy-mm"),
            input,
        }
    }

    /// The format of a rounded figure.
    pub(super) fn of(&self, kind: Precision) -> &Format {
        match kind {
            Precision::Money => &self.money,
            Precision::EngineerMonths => &self.em,
        }
    }
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

/// `Sheet!$C$5:$C$28`
pub(super) fn column_range(sheet: &str, col: u16, first: u32, last: u32) -> String {
    let c = col_name(col);
    format!("{sheet}!${c}${}:${c}${}", first + 1, last + 1)
}

/// The text of a decimal for a formula's stored result.
pub(super) fn result(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The first day of `month`, as a spreadsheet date.
pub(super) fn date_of(month: YearMonth) -> anyhow::Result<ExcelDateTime> {
    let year = u16::try_from(month.year()).context("a month outside the spreadsheet calendar")?;
    let m = u8::try_from(month.month()).context("a month outside the spreadsheet calendar")?;
    Ok(ExcelDateTime::from_ymd(year, m, 1)?)
}

/// The first day of `month`, as formula text.
pub(super) fn date_formula(month: YearMonth) -> String {
    format!("DATE({},{},1)", month.year(), month.month())
}

/// Decimal arithmetic that reports overflow instead of panicking (the figures
/// were already computed once by the model, so this never fires in practice).
pub(super) fn get(q: Q<Decimal>, what: &str) -> anyhow::Result<Decimal> {
    q.get()
        .with_context(|| format!("the figures overflow while writing {what} to model.xlsx"))
}
