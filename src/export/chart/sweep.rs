//! The sweep chart of `adoptcost sweep`: the horizon total over the values
//! of one swept key (a line), or of two (the heat map, in `heatmap`).

use plotters::prelude::DrawingBackend;
use plotters::style::Color;

use super::canvas::{Canvas, Frame, size};
use super::format::{
    axis_title, fmt_money, fmt_money_tick, fmt_value, fmt_value_words, month_count,
};
use super::heatmap::draw_heat_map;
use super::input::{SweepAxis, SweepChart};
use super::palette::{BLUE, WHITE};
use super::parts::{
    SAVINGS_HINT, bottom_space, draw_empty, draw_title_block, draw_x_baseline, draw_x_labels,
    draw_x_title, draw_y_axis, draw_y_title, draw_zero_line, join_parts, named_title, with_unit,
};
use super::place::{Callout, PxBox, place_callout, thin_labels};
use super::ticks::{exact_money_ticks, fitting_ticks, sane_range, tick_count, value_step};
use super::{ChartError, Drawing, DrawnTexts, Target, printable_input, render_drawing};
use crate::text::group_thousands;

/// Draws `sweep.png` (a line for one key, a heat map for two) at `size` to
/// `target`.
pub(crate) fn render_sweep(
    data: &SweepChart,
    size: (u32, u32),
    target: Target<'_>,
) -> Result<(), ChartError> {
    let data = printable_input(data);
    render_drawing(&SweepDrawing { data: &data }, size, target)
}

impl DrawnTexts for SweepChart {
    fn texts(&self) -> Vec<&String> {
        let mut texts = vec![&self.scenario_name, &self.currency];
        for a in &self.axes {
            texts.extend([&a.key, &a.label]);
        }
        texts
    }

    fn texts_mut(&mut self) -> Vec<&mut String> {
        let mut texts = vec![&mut self.scenario_name, &mut self.currency];
        for a in &mut self.axes {
            texts.extend([&mut a.key, &mut a.label]);
        }
        texts
    }
}

/// The sweep chart, ready to draw.
struct SweepDrawing<'a> {
    data: &'a SweepChart,
}

/// The months, the currency and how many totals the sweep computed.
fn sweep_subtitle(d: &SweepChart) -> String {
    let mut parts = Vec::new();
    if d.axes.iter().any(|a| a.key == "scenario.months") {
        parts.push(format!("from {}, horizon swept", d.start));
    } else if d.months > 1 {
        parts.push(format!(
            "{} – {}, {}",
            d.start,
            d.end,
            month_count(d.months)
        ));
    } else {
        parts.push(format!("{}, 1 month", d.start));
    }
    if !d.currency.is_empty() {
        parts.push(format!("amounts in {}", d.currency));
    }
    let counts: Vec<usize> = d.axes.iter().map(|a| a.values.len()).collect();
    let total: usize = counts.iter().product();
    parts.push(match counts.as_slice() {
        [n] => format!(
            "exact base case at {} value{}",
            group_thousands(&n.to_string()),
            if *n == 1 { "" } else { "s" }
        ),
        [a, b] => format!(
            "exact base case of {} combinations ({a} × {b})",
            group_thousands(&total.to_string())
        ),
        _ => "exact base case".to_string(),
    });
    join_parts(&parts)
}

impl Drawing for SweepDrawing<'_> {
    fn draw<DB: DrawingBackend>(&self, cv: &Canvas<'_, DB>) -> Result<(), ChartError> {
        let d = self.data;
        // The keys' words in the title when they fit with the name.
        let (full, short) = match d.axes.as_slice() {
            [a] => (format!("Total by {}", a.label), "Total by one input"),
            [a, b] => (
                format!("Total by {} and {}", a.label, b.label),
                "Total by two inputs",
            ),
            _ => ("Sweep".to_string(), "Sweep"),
        };
        let tf = cv.font(size::TITLE, true);
        let max_w = cv.w - 2 * cv.margin();
        let name = d.scenario_name.trim();
        let headline = if cv.width(&format!("{name}: {full}"), tf) <= max_w {
            full
        } else {
            short.to_string()
        };
        let title = named_title(cv, name, &headline);
        let top = draw_title_block(cv, &title, &sweep_subtitle(d))?;
        match d.axes.as_slice() {
            [a] => draw_sweep_line(cv, top, d, a),
            [a, b] => draw_heat_map(cv, top, d, a, b),
            _ => draw_empty(cv, top, &["A sweep varies one key or two."]),
        }
    }
}

/// The line: the horizon total at each swept value, lowest and highest
/// labelled.
fn draw_sweep_line<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    d: &SweepChart,
    axis: &SweepAxis,
) -> Result<(), ChartError> {
    let cur = d.currency.as_str();
    let mut pts: Vec<(f64, f64)> = axis
        .values
        .iter()
        .zip(&d.totals)
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .map(|(x, y)| (*x, *y))
        .collect();
    if pts.is_empty() {
        return draw_empty(cv, top, &["The sweep has no values to plot."]);
    }
    // A list may be given in any order; the line runs from left to right.
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (fr, y_ticks, y_labels) = line_frame(cv, top, &pts, axis, cur);
    draw_y_axis(cv, &fr, &y_ticks, &y_labels)?;
    let hint = if fr.y0 < 0.0 { SAVINGS_HINT } else { "" };
    let m = cv.margin();
    let y_title = with_unit("Horizon total", cur);
    draw_y_title(cv, (&y_title, hint), m, top, fr.r - m)?;
    draw_zero_line(cv, &fr)?;

    let px: Vec<(i32, i32)> = pts.iter().map(|(x, y)| (fr.px(*x), fr.py(*y))).collect();
    cv.line(px.clone(), BLUE.to_rgba(), cv.line_width())?;
    let dots = px.len() <= 60;
    if dots || px.len() == 1 {
        for p in &px {
            cv.dot(*p, cv.px(7.0), BLUE)?;
        }
    }
    draw_extremes(cv, &fr, &pts, &px, axis, cur)?;
    draw_swept_axis(cv, &fr, &pts, axis, cur)
}

/// The plot, and its money ticks and labels: below the y-title row, above
/// the swept key's axis, with headroom above the highest and below the
/// lowest point for a callout, and room at the ends for the end dots.
fn line_frame<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    pts: &[(f64, f64)],
    axis: &SweepAxis,
    cur: &str,
) -> (Frame, Vec<f64>, Vec<String>) {
    let m = cv.margin();
    let af = cv.font(size::AXIS_TITLE, true);
    let tf = cv.font(size::TICK, false);
    let (xlo, xhi) = sane_range(
        pts.first().map_or(0.0, |p| p.0),
        pts.last().map_or(1.0, |p| p.0),
    );
    let xpad = (xhi - xlo) * 0.04;
    let (x0, x1) = (xlo - xpad, xhi + xpad);
    let ylo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let yhi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (ylo, yhi) = sane_range(ylo, yhi);
    let plot_t = top + cv.line_h(af) + cv.px(16.0) + cv.cap(tf) / 2 + cv.px(6.0);
    let plot_b = cv.h - m - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);
    // The headroom: a callout's height (two lines of notes and their gaps)
    // as a share of the plot height.
    let nf = cv.font(size::NOTE, true);
    let callout_h = 2 * cv.line_h(nf) + cv.px(6.0) + 2 * cv.px(8.0) + cv.px(7.0 + 10.0 + 8.0);
    let share = (f64::from(callout_h) / f64::from(plot_h)).min(0.3);
    let ypad = (yhi - ylo) * share / (1.0 - 2.0 * share);
    let target = tick_count(cv, f64::from(plot_h), 3.2);
    let yt = exact_money_ticks(ylo - ypad, yhi + ypad, target.clamp(3, 8), true);
    let y_labels: Vec<String> = yt
        .values
        .iter()
        .map(|v| fmt_money_tick(*v, yt.step, cur))
        .collect();
    let label_w = y_labels.iter().map(|l| cv.width(l, tf)).max().unwrap_or(0);
    let plot_l = m + label_w + cv.px(14.0);
    let step = value_step(&axis.values);
    let edge = cv.width(&fmt_value(x1, step, axis.unit), tf) / 2;
    let plot_r = (cv.w - m - edge).max(plot_l + 10);
    let fr = Frame::new((plot_l, plot_t, plot_r, plot_h), (x0, x1), (yt.lo, yt.hi));
    (fr, yt.values, y_labels)
}

/// The lowest and the highest total, each in a callout beside its point
/// (`pts` in values, `px` in pixels), clear of the line; one callout for a
/// flat line.
fn draw_extremes<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    pts: &[(f64, f64)],
    px: &[(i32, i32)],
    axis: &SweepAxis,
    cur: &str,
) -> Result<(), ChartError> {
    let lowest = pts
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.1.total_cmp(&b.1.1));
    let highest = pts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.1.total_cmp(&b.1.1));
    // (point, words, whether the point is one value's: a flat line's
    // callout is about all of them).
    let mut marks: Vec<(usize, &str, bool)> = Vec::new();
    match (lowest, highest) {
        (Some((i, l)), Some((j, h))) if h.1 > l.1 => {
            marks.push((i, "Lowest", true));
            marks.push((j, "Highest", true));
        }
        (Some((i, _)), _) if pts.len() == 1 => marks.push((i, "Total", true)),
        (Some((i, _)), _) => marks.push((i, "Same total at every value", false)),
        _ => {}
    }
    let step = value_step(&axis.values);
    let bounds = PxBox::within(fr, cv.px(4.0));
    let mut taken: Vec<PxBox> = Vec::new();
    for (i, what, one_value) in marks {
        let (Some((x, y)), Some(p)) = (pts.get(i), px.get(i)) else {
            continue;
        };
        let at_value =
            one_value.then(|| format!("at {}", fmt_value_words(*x, step, axis.unit, cur)));
        let callout = Callout::for_total(cv, format!("{what}: {}", fmt_money(*y, cur)), at_value);
        let at = place_callout(
            *p,
            (cv.px(7.0), cv.px(7.0)),
            (callout.w, callout.h),
            cv.px(10.0),
            &bounds,
            px,
            &taken,
        );
        callout.draw(cv, (at.l, at.t))?;
        if one_value {
            cv.dot(*p, cv.px(9.0), BLUE)?;
            cv.dot(*p, cv.px(4.0), WHITE)?;
        }
        taken.push(at);
    }
    Ok(())
}

/// The swept key along the bottom: its values (one tick for a single
/// value) and its title with the dotted key (also the solve chart's).
pub(crate) fn draw_swept_axis<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    pts: &[(f64, f64)],
    axis: &SweepAxis,
    cur: &str,
) -> Result<(), ChartError> {
    draw_x_baseline(cv, fr)?;
    let unit = axis.unit;
    let fmt = |v: f64, s: f64| fmt_value(v, s, unit);
    let ticks = match pts {
        // One value: its own tick, not a scale around it.
        [(x, _)] => vec![(*x, fmt_value(*x, value_step(&axis.values), unit))],
        _ => {
            let (ticks, labels) = fitting_ticks(cv, (fr.x0, fr.x1), fr.width(), 10, &fmt);
            ticks.values.into_iter().zip(labels).collect()
        }
    };
    let labels: Vec<(i32, String)> = ticks.into_iter().map(|(v, l)| (fr.px(v), l)).collect();
    draw_x_labels(cv, fr, &thin_labels(cv, labels))?;
    let (title, key) = axis_title(axis, cur);
    draw_x_title(cv, (&title, &key), fr, cv.h - cv.margin())
}
