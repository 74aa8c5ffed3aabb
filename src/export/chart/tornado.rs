//! The tornado: how far the horizon total moves when each uncertain input
//! goes to its low or its high value, largest swing on top, around a line at
//! the base case.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::HPos;

use super::ChartError;
use super::canvas::{Canvas, Frame, VAlign, size};
use super::format::fmt_money;
use super::input::{ChartData, TornadoBar};
use super::legend::draw_fill_legend;
use super::palette::{AXIS, BLACK, BLUE, ORANGE, SUBTLE, TEXT, WHITE};
use super::parts::{
    bottom_legend_row, bottom_space, draw_empty, draw_horizon_total_axis, money_axis_right,
};
use super::rows::{
    Rows, draw_row_label, fit_rows, label_column_width, label_fonts, money_rows_frame,
    two_line_rows,
};
use super::ticks::sane_range;

/// The heading of the column of variance shares.
const SHARE_HEADING: &str = "Share of variance";

/// More bars than this would not read on a slide.
const MAX_TORNADO_BARS: usize = 12;

/// "Salary premium (hiring.premium)" → ("Salary premium",
/// "(hiring.premium)"): the input's words and its key, for two label lines.
fn split_label(label: &str) -> (String, String) {
    match label.find(" (") {
        Some(i) if label.ends_with(')') && i > 0 => {
            let (a, b) = label.split_at(i);
            (a.trim().to_string(), b.trim().to_string())
        }
        _ => (label.trim().to_string(), String::new()),
    }
}

/// The tornado below the title block starting at `top`; a note instead
/// when no input is uncertain.
pub(crate) fn draw_tornado<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    data: &ChartData,
) -> Result<(), ChartError> {
    let cur = data.currency.as_str();
    let base = if data.base_total.is_finite() {
        data.base_total
    } else {
        0.0
    };
    let bars: Vec<&TornadoBar> = data
        .tornado
        .iter()
        .filter(|b| b.total_at_low.is_finite() && b.total_at_high.is_finite())
        .collect();
    if bars.is_empty() {
        let line = format!("Base-case horizon total: {}", fmt_money(base, cur));
        return draw_empty(
            cv,
            top,
            &[
                "No uncertain inputs: every input is a single value.",
                "There is nothing to vary, so there is no sensitivity to show.",
                &line,
            ],
        );
    }
    let fixed_note = fixed_note(cv, &data.fixed_inputs);
    let lay = layout(cv, top, &bars, base, cur, fixed_note.is_some());
    let (fr, xticks, xstep) = money_rows_frame(cv, lay.plot, lay.x_range, lay.rows.shown, cur)?;
    draw_heading(cv, top, lay.rows.hidden)?;
    if let Some(note) = &fixed_note {
        let nf = cv.font(size::NOTE, false);
        cv.text(
            note,
            nf,
            SUBTLE,
            (cv.margin(), lay.fixed_top),
            HPos::Left,
            VAlign::Top,
        )?;
    }
    // Row 0, the largest swing, on top.
    let thick = (lay.rows.height * 0.58)
        .min(f64::from(cv.px(58.0)))
        .max(2.0);
    for (i, ((bar, (name, sub)), values)) in
        bars.iter().zip(&lay.labels).zip(&lay.values).enumerate()
    {
        let (yt, yc, yb) = lay.rows.bar(&fr, i, thick);
        draw_bar(cv, &fr, base, bar, values, (yt, yc, yb))?;
        let label = (name.as_str(), sub.as_str());
        draw_row_label(cv, label, lay.two_lines, (cv.margin(), yc), lay.col_w)?;
        if let Some(share) = lay.shares.as_ref().and_then(|s| s.get(i)) {
            let (lf, _) = label_fonts(cv);
            cv.text(
                share,
                lf,
                TEXT,
                (lay.share_right, yc),
                HPos::Right,
                VAlign::Middle,
            )?;
        }
    }
    if lay.shares.is_some() {
        let nf = cv.font(size::NOTE, false);
        let af = cv.font(size::AXIS_TITLE, true);
        let y = top + (cv.line_h(af) - cv.line_h(nf)) / 2;
        cv.text(
            SHARE_HEADING,
            nf,
            SUBTLE,
            (lay.share_right, y),
            HPos::Right,
            VAlign::Top,
        )?;
    }
    draw_base_case(cv, &fr, base, cur, lay.annot_mid)?;
    draw_horizon_total_axis(cv, &fr, (&xticks, xstep), cur, lay.axis_bottom)?;
    draw_fill_legend(
        cv,
        &fr,
        lay.legend_mid,
        [
            (BLUE, "Input at its low value"),
            (ORANGE, "Input at its high value"),
        ],
    )
}

/// Where everything goes: a heading row, the base-case label row, the rows,
/// the axis and the legend row, top to bottom; the labels on the left.
struct Layout {
    /// Each shown bar's share of the sampled variance, when sampled.
    shares: Option<Vec<String>>,
    /// The right edge of the share column.
    share_right: i32,
    /// The top of the "fixed here" note, when there is one.
    fixed_top: i32,
    annot_mid: i32,
    /// Left, top, right and height of the plot.
    plot: (i32, i32, i32, i32),
    axis_bottom: i32,
    legend_mid: i32,
    rows: Rows,
    two_lines: bool,
    /// Each shown bar's label, split into two lines.
    labels: Vec<(String, String)>,
    col_w: i32,
    /// Each shown bar's low and high input value as written.
    values: Vec<(String, String)>,
    x_range: (f64, f64),
}

/// Lays out the tornado of `bars` around `base` below `top`.
fn layout<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    bars: &[&TornadoBar],
    base: f64,
    cur: &str,
    fixed_note: bool,
) -> Layout {
    let m = cv.margin();
    let (lf, _) = label_fonts(cv);
    let af = cv.font(size::AXIS_TITLE, true);
    let nf = cv.font(size::NOTE, true);
    let fixed_top = top + cv.line_h(af) + cv.px(10.0);
    let below_heading = if fixed_note {
        fixed_top + cv.line_h(cv.font(size::NOTE, false)) + cv.px(6.0)
    } else {
        top + cv.line_h(af)
    };
    let annot_mid = below_heading + cv.px(16.0) + cv.line_h(nf) / 2;
    let plot_t = annot_mid + cv.line_h(nf) / 2 + cv.px(20.0);
    let (legend_mid, axis_bottom) = bottom_legend_row(cv);
    let plot_h = (axis_bottom - bottom_space(cv) - plot_t).max(10);
    // A bar whose high value lowers the total says why on its label's second
    // line: when one does, show only as many bars as have room for two lines.
    let notes = bars.iter().any(|b| !b.note.is_empty());
    let most = if notes {
        MAX_TORNADO_BARS.min(two_line_rows(cv, plot_h))
    } else {
        MAX_TORNADO_BARS
    };
    let rows = fit_rows(cv, plot_h, bars.len(), most);
    let two_lines = rows.fit_two_lines(cv);

    let shown = || bars.iter().take(rows.shown);
    let labels: Vec<(String, String)> = shown()
        .map(|b| {
            let (name, key) = split_label(&b.label);
            match (b.note.is_empty(), key.is_empty()) {
                (true, _) => (name, key),
                (false, true) => (name, b.note.clone()),
                (false, false) => (name, format!("{key} {}", b.note)),
            }
        })
        .collect();
    // The share of variance, when sampled: a column right of the labels.
    let shares: Option<Vec<String>> = shown().any(|b| b.variance_share.is_some()).then(|| {
        shown()
            .map(|b| b.variance_share.map(share_text).unwrap_or_default())
            .collect()
    });
    let share_w = shares.as_ref().map_or(0, |_| {
        cv.width(SHARE_HEADING, cv.font(size::NOTE, false)) + cv.px(24.0)
    });
    let label_refs: Vec<(&str, &str)> = labels
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let col_w = label_column_width(
        cv,
        &label_refs,
        two_lines,
        "Input",
        // Room for the notes on why a higher value lowers the total, where
        // the canvas is wide enough to spare it from the plot.
        (f64::from(cv.w) * if notes && cv.w >= 1200 { 0.48 } else { 0.36 }) as i32 - share_w,
    );
    let plot_l = m + col_w + share_w + cv.px(30.0);
    let plot_r = money_axis_right(cv, cur);
    let plot_w = (plot_r - plot_l).max(10);

    // The x range takes in the base and every bar end, and room beyond for
    // the value texts.
    let mut lo = base;
    let mut hi = base;
    for b in shown() {
        lo = lo.min(b.total_at_low).min(b.total_at_high);
        hi = hi.max(b.total_at_low).max(b.total_at_high);
    }
    let (lo, hi) = sane_range(lo, hi);
    let val_max = plot_w / 4;
    let values: Vec<(String, String)> = shown()
        .map(|b| {
            (
                cv.fit(&b.low_text, lf, val_max),
                cv.fit(&b.high_text, lf, val_max),
            )
        })
        .collect();
    let val_w = values
        .iter()
        .flat_map(|(a, b)| [cv.width(a, lf), cv.width(b, lf)])
        .max()
        .unwrap_or(0)
        + cv.px(14.0);
    let usable = f64::from((plot_w - 2 * val_w).max(plot_w / 3));
    let ext = (hi - lo) * f64::from(val_w) / usable;
    Layout {
        shares,
        share_right: m + col_w + share_w,
        fixed_top,
        annot_mid,
        plot: (plot_l, plot_t, plot_r, plot_h),
        axis_bottom,
        legend_mid,
        rows,
        two_lines,
        labels,
        col_w,
        values,
        x_range: (lo - ext, hi + ext),
    }
}

/// "Fixed here, so not shown: a, b, c and 4 more": the inputs that could
/// take a range but are single values in this scenario, as many as fit on
/// one line; `None` when there are none.
fn fixed_note<DB: DrawingBackend>(cv: &Canvas<'_, DB>, fixed: &[String]) -> Option<String> {
    if fixed.is_empty() {
        return None;
    }
    let f = cv.font(size::NOTE, false);
    let max_w = cv.w - 2 * cv.margin();
    let head = "Fixed here, so not shown: ";
    for shown in (1..=fixed.len()).rev() {
        let rest = fixed.len() - shown;
        let mut text = format!(
            "{head}{}",
            fixed
                .iter()
                .take(shown)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        );
        if rest > 0 {
            text.push_str(&format!(" and {rest} more"));
        }
        if cv.width(&text, f) <= max_w {
            return Some(text);
        }
    }
    Some(cv.fit(&format!("{head}{}", fixed.join(", ")), f, max_w))
}

/// A share of variance as a percentage: "57%", "4.8%", "<0.1%".
fn share_text(v: f64) -> String {
    let pct = v * 100.0;
    if pct >= 9.95 {
        format!("{pct:.0}%")
    } else if pct >= 0.05 {
        format!("{pct:.1}%")
    } else if pct > 0.0 {
        "<0.1%".to_string()
    } else {
        "0%".to_string()
    }
}

/// "Input" over the labels, and how many inputs did not fit.
fn draw_heading<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    hidden: usize,
) -> Result<(), ChartError> {
    let m = cv.margin();
    let af = cv.font(size::AXIS_TITLE, true);
    cv.text("Input", af, TEXT, (m, top), HPos::Left, VAlign::Top)?;
    let hidden_note = match hidden {
        0 => return Ok(()),
        1 => "+1 smaller input not shown".to_string(),
        k => format!("+{k} smaller inputs not shown"),
    };
    let hf = cv.font(size::AXIS_TITLE, false);
    let x = m + cv.width("Input", af) + cv.px(16.0);
    let note = cv.fit(&hidden_note, hf, cv.w - m - x);
    cv.text(&note, hf, SUBTLE, (x, top), HPos::Left, VAlign::Top)
}

/// One input's bar between its low (blue) and high (orange) total, from the
/// base case, and the input values written just outside the bar's ends.
fn draw_bar<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    base: f64,
    bar: &TornadoBar,
    (low_text, high_text): &(String, String),
    (yt, yc, yb): (i32, i32, i32),
) -> Result<(), ChartError> {
    let (lf, _) = label_fonts(cv);
    let gap = cv.px(8.0);
    let base_x = fr.px(base);
    let xl = fr.px(bar.total_at_low);
    let xh = fr.px(bar.total_at_high);
    // The longer segment first, so that a shorter one on the same side
    // stays visible over it.
    let mut segs = [(xl, BLUE, low_text), (xh, ORANGE, high_text)];
    if (xl - base_x).abs() < (xh - base_x).abs() {
        segs.swap(0, 1);
    }
    for (x, color, _) in &segs {
        if *x != base_x {
            cv.rect((base_x, yt), (*x, yb), color.to_rgba())?;
        }
    }
    if xl == base_x && xh == base_x {
        cv.rect((base_x - 1, yt), (base_x + 1, yb), AXIS.to_rgba())?;
    }
    let same_side = (xl - base_x).signum() == (xh - base_x).signum();
    for (k, (x, _, text)) in segs.iter().enumerate() {
        let right = if *x == base_x {
            // No effect: the text goes on the side the other end is not.
            let other = segs.get(1 - k.min(1)).map(|s| s.0).unwrap_or(base_x);
            other <= base_x
        } else {
            *x > base_x
        };
        // The shorter segment's text sits inside the longer bar, in white.
        let inner = same_side && k == 1 && *x != base_x;
        let (tx, hp, col) = match (right, inner) {
            (true, false) => (*x + gap, HPos::Left, TEXT),
            (false, false) => (*x - gap, HPos::Right, TEXT),
            (true, true) => (*x - gap, HPos::Right, WHITE),
            (false, true) => (*x + gap, HPos::Left, WHITE),
        };
        cv.text(text, lf, col, (tx, yc), hp, VAlign::Middle)?;
    }
    Ok(())
}

/// The base-case line through the rows, labelled above the plot.
fn draw_base_case<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    base: f64,
    cur: &str,
    label_mid: i32,
) -> Result<(), ChartError> {
    let nf = cv.font(size::NOTE, true);
    let base_x = fr.px(base);
    cv.line(
        vec![(base_x, fr.t - cv.px(10.0)), (base_x, fr.b)],
        BLACK.to_rgba(),
        cv.px(3.0) as u32,
    )?;
    let text = format!("Base case: {}", fmt_money(base, cur));
    let tw = cv.width(&text, nf);
    let cx = fr.centre_within(base_x, tw);
    cv.text(
        &text,
        nf,
        TEXT,
        (cx, label_mid),
        HPos::Center,
        VAlign::Middle,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_split_at_parenthesis() {
        assert_eq!(
            split_label("Salary premium (hiring.premium)"),
            ("Salary premium".to_string(), "(hiring.premium)".to_string())
        );
        assert_eq!(split_label("Ramp"), ("Ramp".to_string(), String::new()));
    }
}
