//! The tornado: how far the horizon total moves when each uncertain input
//! goes to its low or its high value, largest swing on top.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::HPos;

use super::ChartError;
use super::canvas::{Canvas, VAlign, size};
use super::format::fmt_money;
use super::input::{ChartData, TornadoBar};
use super::legend::draw_fill_legend;
use super::palette::{AXIS, BLACK, BLUE, ORANGE, SUBTLE, TEXT, WHITE};
use super::parts::{bottom_space, draw_empty, draw_horizon_total_axis, money_rows_frame};
use super::ticks::sane_range;

const MAX_TORNADO_BARS: usize = 12;

fn split_label(label: &str) -> (String, String) {
    match label.find(" (") {
        Some(i) if label.ends_with(')') && i > 0 => {
            let (a, b) = label.split_at(i);
            (a.trim().to_string(), b.trim().to_string())
        }
        _ => (label.trim().to_string(), String::new()),
    }
}

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

    let m = cv.margin();
    let lf = cv.font(size::LEGEND, false);
    let sf = cv.font(size::NOTE - 3.0, false);
    let tf = cv.font(size::TICK, false);
    let af = cv.font(size::AXIS_TITLE, true);
    let nf = cv.font(size::NOTE, true);

    // Vertical layout.
    let head_top = top;
    let annot_mid = head_top + cv.line_h(af) + cv.px(16.0) + cv.line_h(nf) / 2;
    let plot_t = annot_mid + cv.line_h(nf) / 2 + cv.px(20.0);
    let legend_mid = cv.h - m - cv.line_h(lf) / 2;
    let plot_b = legend_mid - cv.line_h(lf) / 2 - cv.px(22.0) - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);

    let two_line_h = f64::from(cv.line_h(lf) + cv.line_h(sf) + cv.px(10.0)) * 1.25;
    let one_line_h = f64::from(cv.line_h(lf)) * 1.5;
    let fit = (f64::from(plot_h) / one_line_h).floor().max(1.0) as usize;
    let shown = bars.len().min(MAX_TORNADO_BARS).min(fit);
    let hidden = bars.len() - shown;
    let row_h = f64::from(plot_h) / shown as f64;
    let two_lines = row_h >= two_line_h;

    // Label column.
    let labels: Vec<(String, String)> = bars
        .iter()
        .take(shown)
        .map(|b| split_label(&b.label))
        .collect();
    let col_max = (f64::from(cv.w) * 0.36) as i32;
    let col_w = labels
        .iter()
        .map(|(a, b)| {
            if two_lines {
                cv.width(a, lf).max(cv.width(b, sf))
            } else {
                cv.width(a, lf)
            }
        })
        .max()
        .unwrap_or(0)
        .max(cv.width("Input", af))
        .min(col_max);
    let plot_l = m + col_w + cv.px(30.0);
    let plot_r = cv.w - m - cv.width(&format!("\u{2212}8.88M {cur}"), tf) / 2;
    let plot_w = (plot_r - plot_l).max(10);

    // X range: base and all bar ends, plus room for the value texts.
    let mut lo = base;
    let mut hi = base;
    for b in bars.iter().take(shown) {
        lo = lo.min(b.total_at_low).min(b.total_at_high);
        hi = hi.max(b.total_at_low).max(b.total_at_high);
    }
    let (lo, hi) = sane_range(lo, hi);
    let val_max = plot_w / 5;
    let values: Vec<(String, String)> = bars
        .iter()
        .take(shown)
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
    let (x0, x1) = (lo - ext, hi + ext);
    let (fr, xticks, xstep) =
        money_rows_frame(cv, (plot_l, plot_t, plot_r, plot_h), (x0, x1), shown, cur)?;
    // Heading over the labels, with how many inputs did not fit.
    let hidden_note = match hidden {
        0 => String::new(),
        1 => "+1 smaller input not shown".to_string(),
        k => format!("+{k} smaller inputs not shown"),
    };
    cv.text("Input", af, TEXT, (m, head_top), HPos::Left, VAlign::Top)?;
    if !hidden_note.is_empty() {
        let hf = cv.font(size::AXIS_TITLE, false);
        let x = m + cv.width("Input", af) + cv.px(16.0);
        let note = cv.fit(&hidden_note, hf, cv.w - m - x);
        cv.text(&note, hf, SUBTLE, (x, head_top), HPos::Left, VAlign::Top)?;
    }

    // Bars: row 0 (largest swing) on top.
    let thick = (row_h * 0.58).min(f64::from(cv.px(58.0))).max(2.0);
    let base_x = fr.px(base);
    let gap = cv.px(8.0);
    for (i, ((b, (main, sub)), (low_text, high_text))) in bars
        .iter()
        .zip(labels.iter())
        .zip(values.iter())
        .enumerate()
    {
        let yc = f64::from(fr.t) + row_h * (i as f64 + 0.5);
        let yt = (yc - thick / 2.0).round() as i32;
        let yb = (yc + thick / 2.0).round() as i32;
        let yc = yc.round() as i32;
        let xl = fr.px(b.total_at_low);
        let xh = fr.px(b.total_at_high);
        // Longer segment first so a same-side shorter one stays visible.
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
        // Value texts just outside the bar ends.
        let same_side = (xl - base_x).signum() == (xh - base_x).signum();
        for (k, (x, _, text)) in segs.iter().enumerate() {
            let right = if *x == base_x {
                // No effect: put the text on the side the other end is not.
                let other = segs.get(1 - k.min(1)).map(|s| s.0).unwrap_or(base_x);
                other <= base_x
            } else {
                *x > base_x
            };
            let inner = same_side && k == 1 && *x != base_x;
            let (tx, hp, col) = match (right, inner) {
                (true, false) => (*x + gap, HPos::Left, TEXT),
                (false, false) => (*x - gap, HPos::Right, TEXT),
                (true, true) => (*x - gap, HPos::Right, WHITE),
                (false, true) => (*x + gap, HPos::Left, WHITE),
            };
            cv.text(text, lf, col, (tx, yc), hp, VAlign::Middle)?;
        }
        // Input label.
        let main = cv.fit(main, lf, col_w);
        if two_lines && !sub.is_empty() {
            let sub = cv.fit(sub, sf, col_w);
            let total_h = cv.line_h(lf) + cv.px(8.0) + cv.cap(sf);
            let y0 = yc - total_h / 2;
            cv.text(&main, lf, TEXT, (m, y0), HPos::Left, VAlign::Top)?;
            cv.text(
                &sub,
                sf,
                SUBTLE,
                (m, y0 + cv.line_h(lf) + cv.px(8.0)),
                HPos::Left,
                VAlign::Top,
            )?;
        } else {
            cv.text(&main, lf, TEXT, (m, yc), HPos::Left, VAlign::Middle)?;
        }
    }

    // Base-case line with its label above the plot.
    cv.line(
        vec![(base_x, fr.t - cv.px(10.0)), (base_x, fr.b)],
        BLACK.to_rgba(),
        cv.px(3.0) as u32,
    )?;
    let text = format!("Base case: {}", fmt_money(base, cur));
    let tw = cv.width(&text, nf);
    let lo_x = fr.l + tw / 2;
    let cx = base_x.clamp(lo_x, (fr.r - tw / 2).max(lo_x));
    cv.text(
        &text,
        nf,
        TEXT,
        (cx, annot_mid),
        HPos::Center,
        VAlign::Middle,
    )?;

    // X axis.
    draw_horizon_total_axis(
        cv,
        &fr,
        (&xticks, xstep),
        cur,
        legend_mid - cv.line_h(lf) / 2,
    )?;

    // Legend and the hidden-bars note.
    draw_fill_legend(
        cv,
        &fr,
        legend_mid,
        [
            (BLUE, "Input at its low value"),
            (ORANGE, "Input at its high value"),
        ],
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
