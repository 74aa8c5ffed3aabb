//! The Bands sheet: the sampled P10, P50, P90 and mean of the cumulative
//! total, month by month, with a chart. They are values from the Monte Carlo
//! run (labelled with seed and samples) and turn grey once an input differs
//! from the value they were sampled with.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartType, ConditionalFormatFormula, Worksheet,
};

use super::formats::{Styles, date_of, header_row, literal, text_formula};
use super::{BANDS, Book, names};

const FIRST: u32 = 4;

fn line(rgb: u32, width: f64, dash: bool) -> ChartFormat {
    let mut l = ChartLine::new();
    l.set_color(rgb).set_width(width);
    if dash {
        l.set_dash_type(rust_xlsxwriter::ChartLineDashType::Dash);
    }
    ChartFormat::new().set_line(&l).clone()
}

/// The Bands sheet.
pub(super) fn bands_sheet(book: &Book, styles: &Styles) -> anyhow::Result<Worksheet> {
    let s = book.scenario;
    let mut ws = super::formats::new_sheet();
    ws.set_name(BANDS)?;
    ws.write_string_with_format(
        0,
        0,
        format!("{}: range of the cumulative total (sampled)", s.name),
        &styles.title,
    )?;
    let Some(sampled) = book.sampled else {
        ws.write_string_with_format(
            1,
            0,
            "Not sampled (--samples 0): rerun adoptcost with samples for the bands.",
            &styles.note,
        )?;
        return Ok(ws);
    };
    let current = format!(
        "Values from {} Monte Carlo samples, seed {}, at the inputs as exported: 8 in 10 outcomes lie between P10 and P90. Amounts in {}.",
        sampled.samples, sampled.seed, s.currency
    );
    ws.write_formula_with_format(
        1,
        0,
        text_formula(
            format!(
                "=IF({},{},{})",
                names::STALE,
                literal("stale: an input differs from the value these figures were sampled with; rerun adoptcost with the edited scenario."),
                literal(&current)
            ),
            &current,
        ),
        &styles.note,
    )?;
    header_row(
        &mut ws,
        FIRST - 1,
        &["month", "P10", "P50", "P90", "mean"],
        styles,
    )?;
    for (m, band) in sampled.bands.iter().enumerate() {
        let row = FIRST + m as u32;
        ws.write_datetime_with_format(row, 0, date_of(s.month_label(m))?, &styles.date)?;
        for (c, v) in band.iter().enumerate() {
            ws.write_number_with_format(row, 1 + c as u16, *v, &styles.money)?;
        }
    }
    let last = FIRST + sampled.bands.len() as u32 - 1;
    let grey = ConditionalFormatFormula::new()
        .set_rule(names::STALE)
        .set_format(&styles.stale);
    ws.add_conditional_format(FIRST, 1, last, 4, &grey)?;
    let mut chart = Chart::new(ChartType::Line);
    for (c, name, rgb, width, dash) in [
        (1u16, "P10", 0x0056_B4E9, 1.5, true),
        (2, "P50", 0x0000_72B2, 2.25, false),
        (3, "P90", 0x00D5_5E00, 1.5, true),
    ] {
        chart
            .add_series()
            .set_categories((BANDS, FIRST, 0, last, 0))
            .set_values((BANDS, FIRST, c, last, c))
            .set_name(name)
            .set_format(&mut line(rgb, width, dash));
    }
    chart
        .title()
        .set_name("Cumulative total: P10, P50, P90 (sampled)");
    chart
        .y_axis()
        .set_name(s.currency.as_str())
        .set_num_format("#,##0");
    chart.x_axis().set_num_format("yyyy-mm");
    chart.set_width(760).set_height(380);
    ws.insert_chart(3, 6, &chart)?;
    ws.set_column_width(0, 10)?;
    for c in 1..5 {
        ws.set_column_width(c, 15)?;
    }
    ws.set_freeze_panes(FIRST, 1)?;
    super::formats::print_setup(&mut ws, last.max(28), 15, 1, None)?;
    Ok(ws)
}
