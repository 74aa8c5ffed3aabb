//! `comparison_totals.png` of `adoptcost compare`: one row per scenario,
//! cheapest first, with a bar to its base-case total and a whisker from its
//! P10 to its P90.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::HPos;

use super::ChartError;
use super::canvas::{Canvas, Frame, VAlign, size};
use super::comparison::common_currency;
use super::format::{ColumnFormat, fmt_money, month_count};
use super::input::{ComparisonChart, ScenarioSeries};
use super::legend::{LegendItem, Swatch, draw_legend_row};
use super::palette::{AXIS, BLACK, SUBTLE, TEXT, ZERO, scenario_style};
use super::parts::{
    SAVINGS_HINT, bottom_legend_row, bottom_space, draw_money_x_axis, draw_notes, money_axis_right,
    note_row_h, with_unit,
};
use super::rows::{Rows, draw_row_label, fit_rows, label_column_width, money_rows_frame};
use super::ticks::{range_from_zero, sane_range};

/// Opacity of the total bars over white.
const BAR_TINT: f64 = 0.6;

/// A scenario's P10 and P90 of the total, lowest first, when sampled.
fn total_range(s: &ScenarioSeries) -> Option<(f64, f64)> {
    s.total_range
        .filter(|r| r.iter().all(|v| v.is_finite()))
        .map(|r| (r[0].min(r[2]), r[2].max(r[0])))
}

/// One row of the totals chart: the scenario, its place in the given order
/// (which picks its colour), its label's second line and its total as
/// written.
struct TotalRow<'a> {
    series: &'a ScenarioSeries,
    index: usize,
    sub: String,
    value: String,
}

/// The totals chart below the title block starting at `top`.
pub(crate) fn draw_comparison_totals<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    d: &ComparisonChart,
) -> Result<(), ChartError> {
    let cur = common_currency(&d.series);
    let sampled = d.series.iter().any(|s| total_range(s).is_some());
    let notes = totals_notes(d);
    let lay = totals_layout(cv, top, d, &notes, sampled);
    let (lo, hi) = range_from_zero(lay.rows.iter().flat_map(|r| {
        let range = total_range(r.series);
        [
            Some(r.series.total_base),
            range.map(|r| r.0),
            range.map(|r| r.1),
        ]
        .into_iter()
        .flatten()
    }));
    let negative = lo < 0.0;
    let (lo, hi) = sane_range(lo, hi);
    // Room beyond the whiskers, but an axis that ends at zero stays there.
    let pad = (hi - lo) * 0.04;
    let x0 = if lo == 0.0 { lo } else { lo - pad };
    let x1 = if hi == 0.0 { hi } else { hi + pad };
    let (fr, xticks, xstep) = money_rows_frame(cv, lay.plot, (x0, x1), lay.fit.shown, cur)?;
    draw_totals_headings(cv, top, &lay, &notes)?;
    let thick = (lay.fit.height * 0.5).min(f64::from(cv.px(56.0))).max(2.0);
    for (k, row) in lay.rows.iter().enumerate() {
        let (yt, yc, yb) = lay.fit.bar(&fr, k, thick);
        draw_total_bar(cv, &fr, row, (yt, yc, yb), thick)?;
        let label = (row.series.name.as_str(), row.sub.as_str());
        draw_row_label(cv, label, lay.two_lines, (cv.margin(), yc), lay.name_w)?;
        let vf = cv.font(size::LEGEND, true);
        cv.text(
            &row.value,
            vf,
            TEXT,
            (lay.value_r, yc),
            HPos::Right,
            VAlign::Middle,
        )?;
    }
    if fr.x0 < 0.0 && fr.x1 > 0.0 {
        let zero_x = fr.px(0.0);
        cv.line(
            vec![(zero_x, fr.t), (zero_x, fr.b)],
            ZERO.to_rgba(),
            cv.px(2.0) as u32,
        )?;
    }
    let hint = match (cur.is_empty(), negative) {
        (true, _) => "each in its own currency",
        (false, true) => SAVINGS_HINT,
        (false, false) => "",
    };
    let title = with_unit("Base-case horizon total", cur);
    draw_money_x_axis(
        cv,
        &fr,
        (&xticks, xstep),
        cur,
        (&title, hint),
        lay.axis_bottom,
    )?;
    if sampled {
        draw_totals_legend(cv, &fr, lay.legend_mid)?;
    }
    Ok(())
}

/// Notes over the rows: totals over different horizons, and currencies.
fn totals_notes(d: &ComparisonChart) -> Vec<String> {
    let mut notes = Vec::new();
    if !d.same_months {
        let lens: Vec<usize> = d.series.iter().map(|s| s.months.len()).collect();
        let (a, b) = (
            lens.iter().copied().min().unwrap_or(0),
            lens.iter().copied().max().unwrap_or(0),
        );
        notes.push(if a == b {
            format!("Scenarios cover different months ({a} each): every total is over its own horizon")
        } else {
            format!(
                "Totals cover different horizons ({a} to {b} months): none is cut to a common window"
            )
        });
    }
    notes.extend(d.currency_note.iter().cloned());
    notes
}

/// Where everything goes: the heading row, the notes, the rows, the axis
/// and (when sampled) the legend row, top to bottom; the names and the
/// totals in columns on the left.
struct TotalsLayout<'a> {
    notes_top: i32,
    /// Left, top, right and height of the plot.
    plot: (i32, i32, i32, i32),
    axis_bottom: i32,
    legend_mid: i32,
    fit: Rows,
    rows: Vec<TotalRow<'a>>,
    two_lines: bool,
    name_w: i32,
    /// Where the totals column ends.
    value_r: i32,
}

/// Lays out the rows that fit below `top`, with `notes` above them and,
/// when `sampled`, the legend row under the axis.
fn totals_layout<'a, DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    d: &'a ComparisonChart,
    notes: &[String],
    sampled: bool,
) -> TotalsLayout<'a> {
    let m = cv.margin();
    let af = cv.font(size::AXIS_TITLE, true);
    let notes_top = top + cv.line_h(af) + cv.px(16.0);
    let plot_t = notes_top + notes.len() as i32 * note_row_h(cv) + cv.px(12.0);
    let (legend_mid, axis_bottom) = match bottom_legend_row(cv) {
        row if sampled => row,
        (legend_mid, _) => (legend_mid, cv.h - m),
    };
    let plot_h = (axis_bottom - bottom_space(cv) - plot_t).max(10);
    let fit = fit_rows(cv, plot_h, d.series.len(), usize::MAX);
    let rows = total_rows(d, fit.shown);
    let two_lines = fit.fit_two_lines(cv) && rows.iter().any(|r| !r.sub.is_empty());
    let labels: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.series.name.as_str(), r.sub.as_str()))
        .collect();
    let name_max = (f64::from(cv.w) * 0.34) as i32;
    let name_w = label_column_width(cv, &labels, two_lines, "Scenario", name_max);
    let vf = cv.font(size::LEGEND, true);
    let value_w = rows
        .iter()
        .map(|r| cv.width(&r.value, vf))
        .max()
        .unwrap_or(0);
    let value_r = m + name_w + cv.px(30.0) + value_w;
    let plot_l = value_r + cv.px(36.0);
    let plot_r = money_axis_right(cv, common_currency(&d.series)).max(plot_l + 10);
    TotalsLayout {
        notes_top,
        plot: (plot_l, plot_t, plot_r, plot_h),
        axis_bottom,
        legend_mid,
        fit,
        rows,
        two_lines,
        name_w,
        value_r,
    }
}

/// The first `shown` scenarios, cheapest first like the stdout table
/// (totals that are not numbers last), each with the second line of its
/// label (the P10–P90 range and, when horizons differ, the months it
/// covers) and its total, written like the others in the column.
fn total_rows(d: &ComparisonChart, shown: usize) -> Vec<TotalRow<'_>> {
    let mut order: Vec<usize> = (0..d.series.len()).collect();
    let key = |i: &usize| {
        d.series
            .get(*i)
            .map(|s| s.total_base)
            .filter(|v| v.is_finite())
            .unwrap_or(f64::INFINITY)
    };
    order.sort_by(|a, b| key(a).total_cmp(&key(b)));
    let sub = |s: &ScenarioSeries| {
        let mut parts = Vec::new();
        if let Some((p10, p90)) = total_range(s) {
            parts.push(format!(
                "P10–P90: {} to {}",
                fmt_money(p10, ""),
                fmt_money(p90, &s.currency)
            ));
        }
        if !d.same_months {
            parts.push(month_count(s.months.len()));
        }
        parts.join(" · ")
    };
    let picked: Vec<(&ScenarioSeries, usize)> = order
        .iter()
        .take(shown)
        .filter_map(|&i| d.series.get(i).map(|s| (s, i)))
        .collect();
    let column = ColumnFormat::of(picked.iter().map(|(s, _)| s.total_base));
    picked
        .into_iter()
        .map(|(series, index)| TotalRow {
            series,
            index,
            sub: sub(series),
            value: column.money(series.total_base, &series.currency),
        })
        .collect()
}

/// "Scenario" (with the order and how many did not fit) and "Total" over
/// the columns, and the notes under them.
fn draw_totals_headings<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    lay: &TotalsLayout<'_>,
    notes: &[String],
) -> Result<(), ChartError> {
    let m = cv.margin();
    let af = cv.font(size::AXIS_TITLE, true);
    let hf = cv.font(size::AXIS_TITLE, false);
    cv.text("Scenario", af, TEXT, (m, top), HPos::Left, VAlign::Top)?;
    let order_hint = match lay.fit.hidden {
        0 => "cheapest first".to_string(),
        k => format!("cheapest first; {k} more not shown"),
    };
    let hx = m + cv.width("Scenario", af) + cv.px(16.0);
    let room = (lay.value_r - cv.width("Total", af) - cv.px(24.0)) - hx;
    let hint = cv.fit(&order_hint, hf, room);
    cv.text(&hint, hf, SUBTLE, (hx, top), HPos::Left, VAlign::Top)?;
    cv.text(
        "Total",
        af,
        TEXT,
        (lay.value_r, top),
        HPos::Right,
        VAlign::Top,
    )?;
    draw_notes(cv, notes, (m, lay.notes_top), cv.w - 2 * m)
}

/// A row's bar from zero to the base-case total, and its whisker from P10
/// to P90.
fn draw_total_bar<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    row: &TotalRow<'_>,
    (yt, yc, yb): (i32, i32, i32),
    thick: f64,
) -> Result<(), ChartError> {
    let s = row.series;
    let (color, _) = scenario_style(row.index);
    let zero_x = fr.px(0.0);
    if s.total_base.is_finite() {
        let x = fr.px(s.total_base);
        if x == zero_x {
            cv.rect((x - 1, yt), (x + 2, yb), color.to_rgba())?;
        } else {
            // A tint of the scenario's colour: the black whisker stays
            // visible over it, whatever the colour.
            cv.rect((zero_x, yt), (x, yb), color.mix(BAR_TINT))?;
        }
    }
    if let Some((p10, p90)) = total_range(s) {
        let (xa, xb) = (fr.px(p10), fr.px(p90));
        let cap = (thick * 0.36).round() as i32;
        let w = cv.px(3.0) as u32;
        cv.line(vec![(xa, yc), (xb, yc)], BLACK.to_rgba(), w)?;
        cv.line(vec![(xa, yc - cap), (xa, yc + cap)], BLACK.to_rgba(), w)?;
        cv.line(vec![(xb, yc - cap), (xb, yc + cap)], BLACK.to_rgba(), w)?;
    }
    Ok(())
}

/// What the bar and the whisker mean, in a row under the axis.
fn draw_totals_legend<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    legend_mid: i32,
) -> Result<(), ChartError> {
    let items = [
        LegendItem {
            swatch: Swatch::Fill(AXIS.mix(BAR_TINT)),
            label: "Base-case total".into(),
            value: String::new(),
        },
        LegendItem {
            swatch: Swatch::Line(BLACK),
            label: "P10–P90 of the trials (80%)".into(),
            value: String::new(),
        },
    ];
    draw_legend_row(cv, &items, (fr.l + fr.r) / 2, legend_mid, fr.width())
}
