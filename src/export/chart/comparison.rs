//! The comparison charts of `adoptcost compare`: `comparison.png` (the
//! cumulative total over time per scenario) and `comparison_totals.png`
//! (each scenario's total with P10–P90 whiskers).

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::Color;
use plotters::style::text_anchor::HPos;

use super::canvas::{Canvas, Frame, Surface, VAlign, size};
use super::format::{ColumnFormat, fmt_money, fmt_money_tick, month_count};
use super::legend::{
    Legend, LegendItem, Swatch, draw_legend_column, draw_legend_row, legend_metrics,
};
use super::palette::{AXIS, BLACK, SUBTLE, TEXT, ZERO, scenario_style};
use super::parts::{
    SAVINGS_HINT, bottom_space, draw_empty, draw_notes, draw_title_block, draw_x_baseline,
    draw_x_labels, draw_x_title, join_parts, money_rows_frame, note_row_h, with_unit,
};
use super::place::{smallest_stride, thin_labels};
use super::ticks::sane_range;
use super::time::{draw_time_axes, fill_band, time_layout};
use super::{ChartError, Drawing, DrawnTexts, Target, printable_input, render_drawing};
use crate::text::group_thousands;
use crate::whatif::compare::{ComparisonChart, ScenarioSeries};

/// The two charts of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComparisonKind {
    /// `comparison.png`: cumulative total over time per scenario.
    Cumulative,
    /// `comparison_totals.png`: each scenario's total with P10–P90 whiskers.
    Totals,
}

impl ComparisonKind {
    /// Both, in the order a deck would show them.
    pub const ALL: [ComparisonKind; 2] = [ComparisonKind::Cumulative, ComparisonKind::Totals];

    /// The file name without extension.
    pub fn file_stem(self) -> &'static str {
        match self {
            ComparisonKind::Cumulative => "comparison",
            ComparisonKind::Totals => "comparison_totals",
        }
    }
}

/// Draws one comparison chart at `size` (width, height in pixels) to `target`.
pub fn render_comparison(
    kind: ComparisonKind,
    data: &ComparisonChart,
    size: (u32, u32),
    target: Target<'_>,
) -> Result<(), ChartError> {
    let data = printable_input(data);
    render_drawing(&ComparisonDrawing { kind, data: &data }, size, target)
}

impl DrawnTexts for ComparisonChart {
    fn texts(&self) -> Vec<&String> {
        let mut texts = Vec::new();
        for s in &self.series {
            texts.extend([&s.name, &s.currency]);
            texts.extend(&s.months);
        }
        texts
    }

    fn texts_mut(&mut self) -> Vec<&mut String> {
        let mut texts = Vec::new();
        for s in &mut self.series {
            texts.extend([&mut s.name, &mut s.currency]);
            texts.extend(&mut s.months);
        }
        texts
    }
}

/// "Comparison of 3 scenarios: Cumulative cost"; with one or two scenarios
/// their names, when they fit: "Plan A vs Plan B: Cumulative cost".
fn comparison_title<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    series: &[ScenarioSeries],
    headline: &str,
) -> String {
    let names: Vec<&str> = series.iter().map(|s| s.name.trim()).collect();
    let named = match names.as_slice() {
        [one] if !one.is_empty() => Some(format!("{one}: {headline}")),
        [a, b] if !a.is_empty() && !b.is_empty() => Some(format!("{a} vs {b}: {headline}")),
        _ => None,
    };
    let tf = cv.font(size::TITLE, true);
    match named {
        Some(t) if cv.width(&t, tf) <= cv.w - 2 * cv.margin() => t,
        _ => format!(
            "Comparison of {} scenario{}: {headline}",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        ),
    }
}

/// The currencies of the scenarios, each once, in order.
fn currencies(series: &[ScenarioSeries]) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for s in series {
        if !seen.contains(&s.currency.as_str()) {
            seen.push(&s.currency);
        }
    }
    seen
}

/// The one currency of every scenario, or "" when they differ (axes then
/// carry no currency and each amount carries its own).
fn common_currency(series: &[ScenarioSeries]) -> &str {
    match currencies(series).as_slice() {
        [one] => one,
        _ => "",
    }
}

fn comparison_subtitle(d: &ComparisonChart) -> String {
    let mut parts = Vec::new();
    let lens: Vec<usize> = d.series.iter().map(|s| s.months.len()).collect();
    let min_n = lens.iter().copied().min().unwrap_or(0);
    let max_n = lens.iter().copied().max().unwrap_or(0);
    let first_month = d
        .series
        .iter()
        .filter_map(|s| s.months.first())
        .min()
        .cloned();
    let last_month = d
        .series
        .iter()
        .filter_map(|s| s.months.last())
        .max()
        .cloned();
    let same_start = d
        .series
        .windows(2)
        .all(|w| w.first().map(|s| s.months.first()) == w.get(1).map(|s| s.months.first()));
    match (first_month, last_month) {
        (Some(a), Some(b)) if d.same_months => {
            if max_n > 1 {
                parts.push(format!("{a} – {b}, {}", month_count(max_n)));
            } else {
                parts.push(format!("{a}, 1 month"));
            }
        }
        (Some(a), Some(b)) => {
            let n = if min_n == max_n {
                format!("{} each", month_count(max_n))
            } else {
                format!("{min_n} to {max_n} months")
            };
            if same_start {
                parts.push(format!("{n} from {a}"));
            } else {
                parts.push(format!("{n}, {a} – {b}"));
            }
        }
        _ => parts.push("no months".to_string()),
    }
    match currencies(&d.series).as_slice() {
        [] => {}
        [one] => parts.push(format!("amounts in {one}")),
        [init @ .., last] => parts.push(format!(
            "amounts in {} and {last}, not converted",
            init.join(", ")
        )),
    }
    match d.sampled {
        Some((samples, seed)) => parts.push(format!(
            "{} samples each, seed {seed}",
            group_thousands(&samples.to_string())
        )),
        None => parts.push("base case only (no sampling)".to_string()),
    }
    join_parts(&parts)
}

struct ComparisonDrawing<'a> {
    kind: ComparisonKind,
    data: &'a ComparisonChart,
}

impl Drawing for ComparisonDrawing<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        surface: Surface,
    ) -> Result<(), ChartError> {
        let cv = Canvas::blank(area, surface)?;
        let d = self.data;
        let headline = match self.kind {
            ComparisonKind::Cumulative => "Cumulative cost",
            ComparisonKind::Totals => "Horizon totals",
        };
        let title = comparison_title(&cv, &d.series, headline);
        let top = draw_title_block(&cv, &title, &comparison_subtitle(d))?;
        if d.series.is_empty() {
            return draw_empty(&cv, top, &["No scenarios to compare."]);
        }
        match self.kind {
            ComparisonKind::Cumulative => draw_comparison_cumulative(&cv, top, d),
            ComparisonKind::Totals => draw_comparison_totals(&cv, top, d),
        }
    }
}

/// The finite part of a scenario's band (a band stops at its first
/// non-finite month, like the scenario chart's).
fn finite_band(s: &ScenarioSeries) -> Vec<[f64; 3]> {
    s.bands
        .as_ref()
        .map(|b| {
            b.iter()
                .take(s.months.len())
                .take_while(|x| x.iter().all(|v| v.is_finite()))
                .copied()
                .collect()
        })
        .unwrap_or_default()
}

fn draw_comparison_cumulative<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    d: &ComparisonChart,
) -> Result<(), ChartError> {
    let n = d.series.iter().map(|s| s.months.len()).max().unwrap_or(0);
    if n == 0 {
        return draw_empty(
            cv,
            top,
            &["The scenarios have no months, so there is nothing to plot."],
        );
    }
    let cur = common_currency(&d.series);
    let calendar = d.same_months;
    // One calendar axis when every scenario covers the same months; else
    // months since each scenario's start: 1, 2, ...
    let axis_months: Vec<String> = match d.series.first() {
        Some(s) if calendar => s.months.clone(),
        _ => (1..=n).map(|i| i.to_string()).collect(),
    };
    let bands: Vec<Vec<[f64; 3]>> = d.series.iter().map(finite_band).collect();

    // Legend: one row per scenario (name and its total) when that fits a
    // third of the width, else the total on a row of its own under the name.
    let end = |s: &ScenarioSeries| {
        s.cumulative_base
            .iter()
            .rev()
            .find(|v| v.is_finite())
            .copied()
    };
    let column = ColumnFormat::of(d.series.iter().filter_map(end));
    let value = |s: &ScenarioSeries| {
        end(s)
            .map(|v| column.money(v, &s.currency))
            .unwrap_or_default()
    };
    let swatch = |i: usize| match scenario_style(i) {
        (c, false) => Swatch::Line(c),
        (c, true) => Swatch::Dashed(c),
    };
    let one_row: Vec<LegendItem> = d
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem {
            swatch: swatch(i),
            label: s.name.clone(),
            value: value(s),
        })
        .collect();
    let title = match d.series.first().and_then(|s| s.months.last()) {
        Some(last) if calendar => format!("Total at {last}"),
        _ => "Total at the end of each horizon".to_string(),
    };
    let note = if bands.iter().any(|b| !b.is_empty()) {
        "Shaded: P10–P90 of the trials".to_string()
    } else {
        String::new()
    };
    let mut legend = Legend {
        title,
        items: one_row,
        note,
    };
    let max_legend_w = (f64::from(cv.w) * 0.34) as i32;
    if legend_metrics(cv, &legend, 1.0).width > max_legend_w {
        legend.items = d
            .series
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                [
                    LegendItem {
                        swatch: swatch(i),
                        label: s.name.clone(),
                        value: String::new(),
                    },
                    LegendItem {
                        swatch: Swatch::Blank,
                        label: value(s),
                        value: String::new(),
                    },
                ]
            })
            .collect();
    }

    let notes: Vec<String> = d
        .axis_note
        .iter()
        .chain(d.currency_note.iter())
        .cloned()
        .collect();
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    for v in d
        .series
        .iter()
        .flat_map(|s| s.cumulative_base.iter())
        .chain(bands.iter().flatten().flatten())
        .filter(|v| v.is_finite())
    {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let fmt = |v: f64, step: f64| fmt_money_tick(v, step, cur);
    let mut lay = time_layout(
        cv,
        top,
        &axis_months,
        false,
        (lo, hi),
        &fmt,
        &legend,
        notes.len() as i32,
    );
    let fr = lay.frame;
    if !calendar {
        lay.x_labels = since_start_labels(cv, &fr, n);
    }
    let y_title = with_unit("Cumulative cost", cur);
    let hint = match (fr.y0 < 0.0, cur.is_empty()) {
        (_, true) => "each in its own currency",
        (true, false) => SAVINGS_HINT,
        (false, false) => "",
    };
    draw_time_axes(cv, &lay, (&y_title, hint))?;
    draw_notes(
        cv,
        &notes,
        (cv.margin(), lay.annot_top),
        cv.w - 2 * cv.margin(),
    )?;

    // Bands first, so every line stays visible over every band.
    for (i, band) in bands.iter().enumerate() {
        let (color, _) = scenario_style(i);
        fill_band(cv, &fr, band, color.mix(0.16))?;
    }
    if fr.y0 < 0.0 && fr.y1 > 0.0 {
        let y = fr.py(0.0);
        cv.line(
            vec![(fr.l, y), (fr.r, y)],
            ZERO.to_rgba(),
            cv.px(2.0) as u32,
        )?;
    }
    let lw = cv.line_width();
    for (i, s) in d.series.iter().enumerate() {
        let (color, dashed) = scenario_style(i);
        let pts: Vec<(i32, i32)> = s
            .cumulative_base
            .iter()
            .take(s.months.len())
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(j, v)| (fr.px(j as f64), fr.py(*v)))
            .collect();
        if dashed {
            cv.dashed_path(pts.clone(), color, lw)?;
        } else {
            cv.line(pts.clone(), color.to_rgba(), lw)?;
        }
        // A dot where each scenario ends: horizons may differ.
        if let Some(last) = pts.last() {
            cv.dot(*last, cv.px(7.0), color)?;
        }
    }

    draw_x_baseline(cv, &fr)?;
    draw_x_labels(cv, &fr, &lay.x_labels)?;
    let x_title = if calendar {
        ("Month", "")
    } else {
        (
            "Months since start",
            "month 1 = each scenario's first month",
        )
    };
    draw_x_title(cv, x_title, &fr, cv.h - cv.margin())?;
    if let Some((lm, fit)) = &lay.legend_metrics {
        draw_legend_column(cv, &legend, lm, *fit, (lay.legend_x, fr.t))?;
    }
    Ok(())
}

/// Labels for an axis of months since start: month 1, then every `step`
/// months (6, 12, 24, ...), with `step` the smallest that leaves room.
fn since_start_labels<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    n: usize,
) -> Vec<(i32, String)> {
    const STEPS: [usize; 10] = [1, 2, 3, 6, 12, 24, 36, 60, 120, 240];
    let tf = cv.font(size::TICK, false);
    let min_gap = f64::from(cv.width(&n.to_string(), tf) + cv.px(48.0));
    let ppm = f64::from(fr.width()) / (n.max(2) - 1) as f64;
    let step = smallest_stride(STEPS, ppm, min_gap, 600);
    let labels: Vec<(i32, String)> = (1..=n)
        .filter(|&m| m == 1 || m % step == 0)
        .map(|m| (fr.px((m - 1) as f64), m.to_string()))
        .collect();
    // Month 1 and the first multiple of the step may be too close: keep the
    // multiples (they line up with the rest) and drop month 1 then.
    let crowded = labels
        .get(1)
        .is_some_and(|(x, _)| f64::from(x - fr.l) < min_gap);
    let labels = if crowded {
        labels.into_iter().skip(1).collect()
    } else {
        labels
    };
    thin_labels(cv, labels)
}

/// Opacity of the total bars over white.
const BAR_TINT: f64 = 0.6;

fn draw_comparison_totals<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    d: &ComparisonChart,
) -> Result<(), ChartError> {
    let cur = common_currency(&d.series);
    let m = cv.margin();
    let lf = cv.font(size::LEGEND, false);
    let vf = cv.font(size::LEGEND, true);
    let sf = cv.font(size::NOTE - 3.0, false);
    let af = cv.font(size::AXIS_TITLE, true);
    let hf = cv.font(size::AXIS_TITLE, false);

    // Cheapest first, like the stdout table; totals that are not numbers last.
    let mut order: Vec<usize> = (0..d.series.len()).collect();
    let key = |i: &usize| {
        d.series
            .get(*i)
            .map(|s| s.total_base)
            .filter(|v| v.is_finite())
            .unwrap_or(f64::INFINITY)
    };
    order.sort_by(|a, b| key(a).total_cmp(&key(b)));
    let range = |s: &ScenarioSeries| {
        s.total_range
            .filter(|r| r.iter().all(|v| v.is_finite()))
            .map(|r| (r[0].min(r[2]), r[2].max(r[0])))
    };
    let sampled = d.series.iter().any(|s| range(s).is_some());

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

    // Vertical layout: heading row, notes, rows, axis, legend.
    let head_top = top;
    let notes_top = head_top + cv.line_h(af) + cv.px(16.0);
    let plot_t = notes_top + notes.len() as i32 * note_row_h(cv) + cv.px(12.0);
    let legend_mid = cv.h - m - cv.line_h(lf) / 2;
    let axis_bottom = if sampled {
        legend_mid - cv.line_h(lf) / 2 - cv.px(22.0)
    } else {
        cv.h - m
    };
    let plot_b = axis_bottom - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);
    let one_line_h = f64::from(cv.line_h(lf)) * 1.5;
    let fit = (f64::from(plot_h) / one_line_h).floor().max(1.0) as usize;
    let shown = order.len().min(fit);
    let hidden = order.len() - shown;
    let row_h = f64::from(plot_h) / shown.max(1) as f64;

    // Second line under each name: the P10–P90 range and, when horizons
    // differ, the months it covers.
    let sub = |s: &ScenarioSeries| {
        let mut parts = Vec::new();
        if let Some((p10, p90)) = range(s) {
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
    let rows: Vec<(&ScenarioSeries, usize)> = order
        .iter()
        .take(shown)
        .filter_map(|&i| d.series.get(i).map(|s| (s, i)))
        .collect();
    let subs: Vec<String> = rows.iter().map(|(s, _)| sub(s)).collect();
    let two_line_h = f64::from(cv.line_h(lf) + cv.line_h(sf) + cv.px(10.0)) * 1.25;
    let two_lines = row_h >= two_line_h && subs.iter().any(|s| !s.is_empty());
    let column = ColumnFormat::of(rows.iter().map(|(s, _)| s.total_base));
    let values: Vec<String> = rows
        .iter()
        .map(|(s, _)| column.money(s.total_base, &s.currency))
        .collect();
    let value_w = values.iter().map(|v| cv.width(v, vf)).max().unwrap_or(0);
    let name_max = (f64::from(cv.w) * 0.34) as i32;
    let name_w = rows
        .iter()
        .zip(&subs)
        .map(|((s, _), sub)| {
            let w = cv.width(&s.name, lf);
            if two_lines {
                w.max(cv.width(sub, sf))
            } else {
                w
            }
        })
        .max()
        .unwrap_or(0)
        .max(cv.width("Scenario", af))
        .min(name_max);
    let value_r = m + name_w + cv.px(30.0) + value_w;
    let tf = cv.font(size::TICK, false);
    let plot_l = value_r + cv.px(36.0);
    let edge_label = cv.width(&format!("\u{2212}8.88M {cur}"), tf) / 2;
    let plot_r = (cv.w - m - edge_label).max(plot_l + 10);

    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    for (s, _) in &rows {
        for v in [
            Some(s.total_base),
            range(s).map(|r| r.0),
            range(s).map(|r| r.1),
        ]
        .into_iter()
        .flatten()
        .filter(|v| v.is_finite())
        {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    let negative = lo < 0.0;
    let (lo, hi) = sane_range(lo, hi);
    // Room beyond the whiskers, but an axis that ends at zero stays there.
    let pad = (hi - lo) * 0.04;
    let x0 = if lo == 0.0 { lo } else { lo - pad };
    let x1 = if hi == 0.0 { hi } else { hi + pad };
    let (fr, xticks, xstep) =
        money_rows_frame(cv, (plot_l, plot_t, plot_r, plot_h), (x0, x1), shown, cur)?;

    // Headings.
    cv.text("Scenario", af, TEXT, (m, head_top), HPos::Left, VAlign::Top)?;
    let order_hint = match hidden {
        0 => "cheapest first".to_string(),
        k => format!("cheapest first; {k} more not shown"),
    };
    let hx = m + cv.width("Scenario", af) + cv.px(16.0);
    let hint = cv.fit(
        &order_hint,
        hf,
        (value_r - cv.width("Total", af) - cv.px(24.0)) - hx,
    );
    cv.text(&hint, hf, SUBTLE, (hx, head_top), HPos::Left, VAlign::Top)?;
    cv.text(
        "Total",
        af,
        TEXT,
        (value_r, head_top),
        HPos::Right,
        VAlign::Top,
    )?;
    draw_notes(cv, &notes, (m, notes_top), cv.w - 2 * m)?;

    // Bars from zero to the base-case total, whiskers from P10 to P90.
    let thick = (row_h * 0.5).min(f64::from(cv.px(56.0))).max(2.0);
    let zero_x = fr.px(0.0);
    for (k, ((s, i), (sub, value))) in rows.iter().zip(subs.iter().zip(&values)).enumerate() {
        let (color, _) = scenario_style(*i);
        let yc = f64::from(fr.t) + row_h * (k as f64 + 0.5);
        let yt = (yc - thick / 2.0).round() as i32;
        let yb = (yc + thick / 2.0).round() as i32;
        let yc = yc.round() as i32;
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
        if let Some((p10, p90)) = range(s) {
            let (xa, xb) = (fr.px(p10), fr.px(p90));
            let cap = (thick * 0.36).round() as i32;
            let w = cv.px(3.0) as u32;
            cv.line(vec![(xa, yc), (xb, yc)], BLACK.to_rgba(), w)?;
            cv.line(vec![(xa, yc - cap), (xa, yc + cap)], BLACK.to_rgba(), w)?;
            cv.line(vec![(xb, yc - cap), (xb, yc + cap)], BLACK.to_rgba(), w)?;
        }
        // Name (and its second line), then the total, right-aligned.
        let name = cv.fit(&s.name, lf, name_w);
        if two_lines && !sub.is_empty() {
            let sub = cv.fit(sub, sf, name_w);
            let total_h = cv.line_h(lf) + cv.px(8.0) + cv.cap(sf);
            let y0 = yc - total_h / 2;
            cv.text(&name, lf, TEXT, (m, y0), HPos::Left, VAlign::Top)?;
            cv.text(
                &sub,
                sf,
                SUBTLE,
                (m, y0 + cv.line_h(lf) + cv.px(8.0)),
                HPos::Left,
                VAlign::Top,
            )?;
        } else {
            cv.text(&name, lf, TEXT, (m, yc), HPos::Left, VAlign::Middle)?;
        }
        cv.text(value, vf, TEXT, (value_r, yc), HPos::Right, VAlign::Middle)?;
    }
    if fr.x0 < 0.0 && fr.x1 > 0.0 {
        cv.line(
            vec![(zero_x, fr.t), (zero_x, fr.b)],
            ZERO.to_rgba(),
            cv.px(2.0) as u32,
        )?;
    }

    // Money axis.
    draw_x_baseline(cv, &fr)?;
    let xl: Vec<(i32, String)> = xticks
        .iter()
        .map(|v| (fr.px(*v), fmt_money_tick(*v, xstep, cur)))
        .collect();
    draw_x_labels(cv, &fr, &thin_labels(cv, xl))?;
    let hint = match (cur.is_empty(), negative) {
        (true, _) => "each in its own currency",
        (false, true) => SAVINGS_HINT,
        (false, false) => "",
    };
    draw_x_title(
        cv,
        (&with_unit("Base-case horizon total", cur), hint),
        &fr,
        axis_bottom,
    )?;
    if sampled {
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
        draw_legend_row(cv, &items, (fr.l + fr.r) / 2, legend_mid, fr.width())?;
    }
    Ok(())
}
