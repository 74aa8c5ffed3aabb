//! The pieces every chart is built from: title block, empty-chart note,
//! axes and their titles, notes, and the money-rows frame of the tornado and
//! the comparison totals.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use plotters::style::{Color, RGBAColor};

use super::ChartError;
use super::canvas::{Canvas, Frame, VAlign, size};
use super::format::fmt_money_tick;
use super::palette::{AXIS, GRID, NOTE_COLOR, SUBTLE, TEXT, ZERO};
use super::place::{label_center, thin_labels};
use super::ticks::{Ticks, fitting_ticks};

/// "Name: Headline" in the title font, the name shortened if the whole does
/// not fit the width; just the headline without a name.
pub(crate) fn named_title<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    name: &str,
    headline: &str,
) -> String {
    let max_w = cv.w - 2 * cv.margin();
    let tf = cv.font(size::TITLE, true);
    let name = name.trim();
    if name.is_empty() {
        return headline.to_string();
    }
    let full = format!("{name}: {headline}");
    if cv.width(&full, tf) <= max_w {
        return full;
    }
    let room = max_w - cv.width(&format!(": {headline}"), tf);
    let short = cv.fit(name, tf, room.max(0));
    if short.is_empty() {
        cv.fit(&full, tf, max_w)
    } else {
        format!("{short}: {headline}")
    }
}

/// Draws a title and a subtitle (each shortened to the width); returns the y
/// where the body starts.
pub(crate) fn draw_title_block<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    title: &str,
    subtitle: &str,
) -> Result<i32, ChartError> {
    let m = cv.margin();
    let max_w = cv.w - 2 * m;
    let tf = cv.font(size::TITLE, true);
    let title = cv.fit(title, tf, max_w);
    cv.text(&title, tf, TEXT, (m, m), HPos::Left, VAlign::Top)?;
    let sf = cv.font(size::SUBTITLE, false);
    let sub_top = m + cv.cap(tf) + cv.px(22.0);
    let sub = cv.fit(subtitle, sf, max_w);
    cv.text(&sub, sf, SUBTLE, (m, sub_top), HPos::Left, VAlign::Top)?;
    Ok(sub_top + cv.line_h(sf) + cv.px(26.0))
}

/// Parts of a subtitle joined with a spaced middle dot (no-break spaces, so
/// SVG keeps the wider gaps).
pub(crate) fn join_parts(parts: &[String]) -> String {
    parts.join(" \u{a0}·\u{a0} ")
}

/// A chart with nothing to plot: `lines` centred below `top`, the first in
/// bold.
pub(crate) fn draw_empty<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    lines: &[&str],
) -> Result<(), ChartError> {
    let f = cv.font(size::AXIS_TITLE, false);
    let step = cv.line_h(f) + cv.px(16.0);
    let n = lines.len() as i32;
    let mid = (top + cv.h - cv.margin()) / 2;
    let mut y = mid - n * step / 2;
    for (i, line) in lines.iter().enumerate() {
        let font = if i == 0 {
            cv.font(size::AXIS_TITLE, true)
        } else {
            f
        };
        let text = cv.fit(line, font, cv.w - 2 * cv.margin());
        cv.text(
            &text,
            font,
            if i == 0 { TEXT } else { SUBTLE },
            (cv.w / 2, y),
            HPos::Center,
            VAlign::Top,
        )?;
        y += step;
    }
    Ok(())
}

/// Draws note lines (left-aligned from `x`, one per row from `top`) in a
/// colour that stands out from the subtitle grey.
pub(crate) fn draw_notes<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    notes: &[String],
    (x, top): (i32, i32),
    max_w: i32,
) -> Result<(), ChartError> {
    let nf = cv.font(size::NOTE, true);
    let step = note_row_h(cv);
    let mut y = top;
    for note in notes {
        let text = cv.fit(note, nf, max_w);
        cv.text(&text, nf, NOTE_COLOR, (x, y), HPos::Left, VAlign::Top)?;
        y += step;
    }
    Ok(())
}

/// The height of a row of [`draw_notes`].
pub(crate) fn note_row_h<DB: DrawingBackend>(cv: &Canvas<'_, DB>) -> i32 {
    cv.line_h(cv.font(size::NOTE, true)) + cv.px(16.0)
}

/// A note in the middle of an empty plot.
pub(crate) fn draw_plot_note<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    text: &str,
) -> Result<(), ChartError> {
    let f = cv.font(size::AXIS_TITLE, false);
    let t = cv.fit(text, f, fr.width() - cv.px(20.0));
    cv.text_boxed(
        &t,
        f,
        SUBTLE,
        ((fr.l + fr.r) / 2, (fr.t + fr.b) / 2),
        HPos::Center,
        VAlign::Middle,
    )
}

/// Horizontal grid lines and right-aligned labels at the y ticks.
pub(crate) fn draw_y_axis<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    ticks: &[f64],
    labels: &[String],
) -> Result<(), ChartError> {
    let f = cv.font(size::TICK, false);
    let gap = cv.px(12.0);
    for (v, label) in ticks.iter().zip(labels) {
        let y = fr.py(*v);
        if y < fr.t - 1 || y > fr.b + 1 {
            continue;
        }
        cv.line(vec![(fr.l, y), (fr.r, y)], GRID.to_rgba(), 1)?;
        cv.text(
            label,
            f,
            SUBTLE,
            (fr.l - gap, y),
            HPos::Right,
            VAlign::Middle,
        )?;
    }
    Ok(())
}

/// Draws the axis title above the plot's top-left corner.
pub(crate) fn draw_y_title<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (title, hint): (&str, &str),
    x: i32,
    y_top: i32,
    max_w: i32,
) -> Result<(), ChartError> {
    let f = cv.font(size::AXIS_TITLE, true);
    let t = cv.fit(title, f, max_w);
    cv.text(&t, f, TEXT, (x, y_top), HPos::Left, VAlign::Top)?;
    // The hint (e.g. what negative values mean) only if it fits whole.
    let hf = cv.font(size::AXIS_TITLE, false);
    let gap = cv.px(16.0);
    let used = cv.width(&t, f) + gap;
    if !hint.is_empty() && used + cv.width(hint, hf) <= max_w {
        cv.text(hint, hf, SUBTLE, (x + used, y_top), HPos::Left, VAlign::Top)?;
    }
    Ok(())
}

/// The x-axis title `(title, hint)` centred under the plot with its bottom
/// at `bottom`; the hint only if both fit.
pub(crate) fn draw_x_title<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (title, hint): (&str, &str),
    fr: &Frame,
    bottom: i32,
) -> Result<(), ChartError> {
    let f = cv.font(size::AXIS_TITLE, true);
    let hf = cv.font(size::AXIS_TITLE, false);
    let gap = cv.px(16.0);
    let tw = cv.width(title, f);
    let hw = if hint.is_empty() {
        0
    } else {
        gap + cv.width(hint, hf)
    };
    let cx = (fr.l + fr.r) / 2;
    if hw > 0 && tw + hw <= fr.width() {
        let left = cx - (tw + hw) / 2;
        cv.text(title, f, TEXT, (left, bottom), HPos::Left, VAlign::Bottom)?;
        cv.text(
            hint,
            hf,
            SUBTLE,
            (left + tw + gap, bottom),
            HPos::Left,
            VAlign::Bottom,
        )
    } else {
        let t = cv.fit(title, f, fr.width());
        cv.text(&t, f, TEXT, (cx, bottom), HPos::Center, VAlign::Bottom)
    }
}

/// The hint on an axis that goes below zero.
pub(crate) const SAVINGS_HINT: &str = "below zero = net savings";

/// "Horizon total (USD)", or just "Horizon total" without a currency.
pub(crate) fn with_unit(title: &str, currency: &str) -> String {
    if currency.is_empty() {
        title.to_string()
    } else {
        format!("{title} ({currency})")
    }
}

/// Money ticks across a horizontal axis `width` pixels wide (at most eight).
pub(crate) fn money_ticks_across<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    range: (f64, f64),
    width: i32,
    cur: &str,
) -> (Ticks, Vec<String>) {
    fitting_ticks(cv, range, width, 8, &|v, step| fmt_money_tick(v, step, cur))
}

/// Vertical grid lines at the x values `ticks`.
pub(crate) fn draw_x_grid<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    ticks: &[f64],
    color: RGBAColor,
) -> Result<(), ChartError> {
    for v in ticks {
        let x = fr.px(*v);
        cv.line(vec![(x, fr.t), (x, fr.b)], color, 1)?;
    }
    Ok(())
}

/// The horizontal zero line, when zero lies inside the y range.
pub(crate) fn draw_zero_line<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
) -> Result<(), ChartError> {
    if fr.y0 < 0.0 && fr.y1 > 0.0 {
        let y = fr.py(0.0);
        cv.line(
            vec![(fr.l, y), (fr.r, y)],
            ZERO.to_rgba(),
            cv.px(2.0) as u32,
        )?;
    }
    Ok(())
}

/// The axis line along the bottom of the plot.
pub(crate) fn draw_x_baseline<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
) -> Result<(), ChartError> {
    cv.line(
        vec![(fr.l, fr.b), (fr.r, fr.b)],
        AXIS.to_rgba(),
        cv.px(2.0) as u32,
    )
}

/// Tick marks and labels along the bottom. `labels` are (pixel x, text).
pub(crate) fn draw_x_labels<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    labels: &[(i32, String)],
) -> Result<(), ChartError> {
    let f = cv.font(size::TICK, false);
    let tick = cv.px(8.0);
    for (x, label) in labels {
        cv.line(
            vec![(*x, fr.b), (*x, fr.b + tick)],
            AXIS.to_rgba(),
            cv.px(2.0) as u32,
        )?;
        let cx = label_center(cv, *x, cv.width(label, f));
        cv.text(
            label,
            f,
            SUBTLE,
            (cx, fr.b + tick + cv.px(10.0)),
            HPos::Center,
            VAlign::Top,
        )?;
    }
    Ok(())
}

/// Space needed below the plot for tick labels and the x-axis title.
pub(crate) fn bottom_space<DB: DrawingBackend>(cv: &Canvas<'_, DB>) -> i32 {
    let tf = cv.font(size::TICK, false);
    let af = cv.font(size::AXIS_TITLE, true);
    cv.px(8.0) + cv.px(10.0) + cv.line_h(tf) + cv.px(18.0) + cv.line_h(af)
}

/// The right end of a money x axis: room past it for half of a wide tick
/// label.
pub(crate) fn money_axis_right<DB: DrawingBackend>(cv: &Canvas<'_, DB>, cur: &str) -> i32 {
    let tf = cv.font(size::TICK, false);
    cv.w - cv.margin() - cv.width(&format!("\u{2212}8.88M {cur}"), tf) / 2
}

/// Where a one-row legend along the bottom edge goes: its middle, and the
/// bottom of the x-axis title above it.
pub(crate) fn bottom_legend_row<DB: DrawingBackend>(cv: &Canvas<'_, DB>) -> (i32, i32) {
    let lf = cv.font(size::LEGEND, false);
    let legend_mid = cv.h - cv.margin() - cv.line_h(lf) / 2;
    (legend_mid, legend_mid - cv.line_h(lf) / 2 - cv.px(22.0))
}

/// A money x axis: baseline, tick labels (thinned where they would touch)
/// and the title `(title, hint)` with its bottom at `bottom`.
pub(crate) fn draw_money_x_axis<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    (xticks, xstep): (&[f64], f64),
    cur: &str,
    title: (&str, &str),
    bottom: i32,
) -> Result<(), ChartError> {
    draw_x_baseline(cv, fr)?;
    let xl: Vec<(i32, String)> = xticks
        .iter()
        .map(|v| (fr.px(*v), fmt_money_tick(*v, xstep, cur)))
        .collect();
    draw_x_labels(cv, fr, &thin_labels(cv, xl))?;
    draw_x_title(cv, title, fr, bottom)
}

/// The "Horizon total" axis of the tornado and the distribution.
pub(crate) fn draw_horizon_total_axis<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    ticks: (&[f64], f64),
    cur: &str,
    bottom: i32,
) -> Result<(), ChartError> {
    let hint = if fr.x0 < 0.0 { SAVINGS_HINT } else { "" };
    let title = with_unit("Horizon total", cur);
    draw_money_x_axis(cv, fr, ticks, cur, (&title, hint), bottom)
}
