//! The Charts sheet: native spreadsheet charts over the live cells, so they
//! follow every edit: the cumulative total, the monthly breakdown by line
//! item, and the tornado of the live sensitivity table. Colours are the
//! Okabe-Ito palette (safe for the common colour-vision deficiencies), with
//! greys once it runs out.

use rust_xlsxwriter::{
    Chart, ChartAxisLabelPosition, ChartFormat, ChartLegendPosition, ChartLine, ChartSolidFill,
    ChartType, Worksheet,
};

use crate::model::CAPACITY;

use super::formats::Styles;
use super::monthly::MonthlyCols;
use super::sensitivity::{CHANGE_HIGH_COL, CHANGE_LOW_COL};
use super::{Book, CHARTS, FIRST_ROW, HEADER_ROW, MONTHLY, SUMMARY};

/// Rows of the tornado (below the cumulative total) and of the breakdown
/// (on a printed page of its own).
const TORNADO_ROW: u32 = 22;
const BREAKDOWN_ROW: u32 = 50;

/// Okabe-Ito, then the same hues lighter: sixteen colours.
const PALETTE: [u32; 16] = [
    0x0000_72B2,
    0x00E6_9F00,
    0x0056_B4E9,
    0x0000_9E73,
    0x00D5_5E00,
    0x00CC_79A7,
    0x00F0_E442,
    0x0000_0000,
    0x0080_B9D9,
    0x00F3_CF80,
    0x00AB_DAF4,
    0x0080_CFB9,
    0x00EA_AF80,
    0x00E6_BCD3,
    0x00F8_F2A1,
    0x0080_8080,
];

fn colour(i: usize) -> u32 {
    PALETTE[i % PALETTE.len()]
}

fn fill(i: usize) -> ChartFormat {
    ChartFormat::new()
        .set_solid_fill(ChartSolidFill::new().set_color(colour(i)))
        .clone()
}

fn line(rgb: u32, width: f64) -> ChartFormat {
    ChartFormat::new()
        .set_line(ChartLine::new().set_color(rgb).set_width(width))
        .clone()
}

/// The Charts sheet; `sensitivity_rows` are the first and last rows of the
/// Summary's sensitivity table.
pub(super) fn charts_sheet(
    book: &Book,
    styles: &Styles,
    sensitivity_rows: Option<(u32, u32)>,
) -> anyhow::Result<Worksheet> {
    let mut ws = super::formats::new_sheet();
    ws.set_name(CHARTS)?;
    let currency = &book.scenario.currency;
    ws.write_string_with_format(
        0,
        0,
        format!("{}: charts (they follow every edit)", book.scenario.name),
        &styles.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        format!("Amounts in {currency}. Extra cost positive, saving negative."),
        &styles.note,
    )?;
    let cols = &book.cols;
    let (first, last) = (FIRST_ROW, book.last_row());
    let months = (MONTHLY, first, MonthlyCols::MONTH, last, MonthlyCols::MONTH);

    let mut cumulative = Chart::new(ChartType::Line);
    cumulative
        .add_series()
        .set_categories(months)
        .set_values((MONTHLY, first, cols.cumulative(), last, cols.cumulative()))
        .set_name("cumulative total")
        .set_format(&mut line(colour(0), 2.25));
    cumulative
        .title()
        .set_name("Cumulative total (break-even where it crosses 0)");
    cumulative
        .y_axis()
        .set_name(currency.as_str())
        .set_num_format("#,##0");
    cumulative
        .x_axis()
        .set_num_format("yyyy-mm")
        .set_label_position(ChartAxisLabelPosition::Low);
    cumulative.legend().set_hidden();
    cumulative.set_width(900).set_height(300);
    ws.insert_chart(3, 0, &cumulative)?;

    let mut breakdown = Chart::new(ChartType::ColumnStacked);
    let items: Vec<u16> = (0..cols.n_cash)
        .map(|i| cols.cash(i))
        .chain((0..CAPACITY.len()).map(|i| cols.capacity(i)))
        .chain([cols.spare()])
        .collect();
    for (k, col) in items.into_iter().enumerate() {
        breakdown
            .add_series()
            .set_categories(months)
            .set_values((MONTHLY, first, col, last, col))
            .set_name((MONTHLY, HEADER_ROW, col))
            .set_format(&mut fill(k))
            .set_gap(40);
    }
    breakdown.title().set_name("Monthly total by line item");
    breakdown
        .y_axis()
        .set_name(currency.as_str())
        .set_num_format("#,##0");
    breakdown
        .x_axis()
        .set_num_format("yyyy-mm")
        .set_label_position(ChartAxisLabelPosition::Low);
    breakdown.legend().set_position(ChartLegendPosition::Right);
    breakdown.set_width(900).set_height(500);
    ws.insert_chart(BREAKDOWN_ROW, 0, &breakdown)?;

    match sensitivity_rows {
        Some((a, b)) => {
            let mut tornado = Chart::new(ChartType::Bar);
            for (k, (col, name)) in [
                (CHANGE_LOW_COL, "input at its low"),
                (CHANGE_HIGH_COL, "input at its high"),
            ]
            .into_iter()
            .enumerate()
            {
                tornado
                    .add_series()
                    .set_categories((SUMMARY, a, 0, b, 0))
                    .set_values((SUMMARY, a, col, b, col))
                    .set_name(name)
                    .set_format(&mut fill(k))
                    .set_overlap(100)
                    .set_gap(40);
            }
            tornado
                .title()
                .set_name("Sensitivity: change of the horizon total from base");
            // In a bar chart the x axis holds the values, the y axis the inputs
            // (largest swing on top).
            tornado
                .x_axis()
                .set_name(currency.as_str())
                .set_num_format("#,##0");
            tornado
                .y_axis()
                .set_reverse()
                .set_label_position(ChartAxisLabelPosition::Low);
            tornado.legend().set_position(ChartLegendPosition::Bottom);
            let height = (110 + 20 * (b - a + 1)).min(420);
            tornado.set_width(900).set_height(height);
            ws.insert_chart(TORNADO_ROW, 0, &tornado)?;
        }
        None => {
            ws.write_string_with_format(
                TORNADO_ROW,
                0,
                "Every input is fixed: no sensitivity, no tornado.",
                &styles.note,
            )?;
        }
    }
    // Two printed pages: the cumulative total and the tornado, then the
    // breakdown.
    ws.set_page_breaks(&[BREAKDOWN_ROW])?;
    super::formats::print_setup(&mut ws, BREAKDOWN_ROW + 34, 14, 2, None)?;
    Ok(ws)
}
