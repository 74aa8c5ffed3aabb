//! The what-if charts (PNG and SVG): `comparison.png` and
//! `comparison_totals.png` for `adoptcost compare`, `sweep.png` for
//! `adoptcost sweep`.
//!
//! They are drawn with the scenario charts' helpers (`chart.rs`: title block,
//! money ticks, legends, the bitmap text and band workarounds), at the same
//! sizes and in the same Okabe–Ito colours, so a deck that mixes them looks
//! like one deck. Like the scenario charts they only draw data already
//! computed ([`ComparisonChart`], [`SweepChart`]) and never panic on odd data:
//! empty, constant or huge inputs give a chart with a note.

#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable
)]

use std::borrow::Cow;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::text_anchor::HPos;
use plotters::style::{Color, RGBColor};

use super::chart::{
    AXIS, BLACK, BLUE, Canvas, ChartError, Drawing, Font, Frame, GREEN, Kind, Legend, LegendItem,
    ORANGE, PURPLE, SAVINGS_HINT, SKY, SUBTLE, Swatch, TEXT, Target, Ticks, VAlign, VERMILLION,
    WHITE, ZERO, bottom_space, decimals_for, draw_empty, draw_err, draw_legend_column,
    draw_legend_row, draw_time_axes, draw_title_block, draw_x_baseline, draw_x_labels,
    draw_x_title, draw_y_axis, draw_y_title, fill_band, finite, fmt_money, fmt_money_tick,
    group_thousands, hex, join_parts, legend_metrics, money_unit, named_title, nice_ticks,
    render_drawing, sane_range, size, thin_labels, time_layout, trim_zeros, with_sign, with_unit,
};
use super::chart_input::{ComparisonChart, ScenarioSeries, SweepAxis, SweepChart};
use crate::whatif::vary::AxisUnit;

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

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
    let data = sanitized_comparison(data);
    render_drawing(&ComparisonDrawing { kind, data: &data }, size, target)
}

/// Draws `sweep.png` (a line for one key, a heat map for two) at `size` to
/// `target`.
pub fn render_sweep(
    data: &SweepChart,
    size: (u32, u32),
    target: Target<'_>,
) -> Result<(), ChartError> {
    let data = sanitized_sweep(data);
    render_drawing(&SweepDrawing { data: &data }, size, target)
}

use crate::text::{has_control, make_printable as clean};

fn sanitized_comparison(data: &ComparisonChart) -> Cow<'_, ComparisonChart> {
    let bad = data.series.iter().any(|s| {
        has_control(&s.name) || has_control(&s.currency) || s.months.iter().any(|m| has_control(m))
    });
    if !bad {
        return Cow::Borrowed(data);
    }
    let mut d = data.clone();
    for s in &mut d.series {
        clean(&mut s.name);
        clean(&mut s.currency);
        s.months.iter_mut().for_each(clean);
    }
    Cow::Owned(d)
}

fn sanitized_sweep(data: &SweepChart) -> Cow<'_, SweepChart> {
    let bad = has_control(&data.scenario_name)
        || has_control(&data.currency)
        || data
            .axes
            .iter()
            .any(|a| has_control(&a.key) || has_control(&a.label));
    if !bad {
        return Cow::Borrowed(data);
    }
    let mut d = data.clone();
    clean(&mut d.scenario_name);
    clean(&mut d.currency);
    for a in &mut d.axes {
        clean(&mut a.key);
        clean(&mut a.label);
    }
    Cow::Owned(d)
}

fn canvas<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    kind: Kind,
) -> Result<Canvas<'a, DB>, ChartError> {
    let (w, h) = area.dim_in_pixel();
    area.fill(&WHITE).map_err(draw_err)?;
    Ok(Canvas::new(area, kind, w, h))
}

// ---------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------

/// Okabe–Ito without yellow (too pale for a line on white), then a dark
/// brown, ordered so that the first four are the most distinct; past eight
/// scenarios the colours repeat with dashed lines.
const SCENARIO_COLORS: [RGBColor; 8] = [
    BLUE,
    VERMILLION,
    GREEN,
    PURPLE,
    ORANGE,
    SKY,
    BLACK,
    hex(0x8C5E00),
];

/// The colour of the `i`-th scenario (in the order given) and whether its
/// line is dashed.
fn scenario_style(i: usize) -> (RGBColor, bool) {
    let n = SCENARIO_COLORS.len();
    let color = SCENARIO_COLORS.get(i % n).copied().unwrap_or(AXIS);
    (color, (i / n) % 2 == 1)
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

fn month_count(n: usize) -> String {
    format!("{n} month{}", if n == 1 { "" } else { "s" })
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
            group_thousands(samples as u64)
        )),
        None => parts.push("base case only (no sampling)".to_string()),
    }
    join_parts(&parts)
}

/// Draws note lines (left-aligned from `x`, one per row from `top`) in a
/// colour that stands out from the subtitle grey.
fn draw_notes<DB: DrawingBackend>(
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

/// Dark vermillion: reads as a warning, with enough contrast on white.
const NOTE_COLOR: RGBColor = hex(0xA34400);

fn note_row_h<DB: DrawingBackend>(cv: &Canvas<'_, DB>) -> i32 {
    cv.line_h(cv.font(size::NOTE, true)) + cv.px(16.0)
}

/// A number written with the decimals `step` needs (and `v` itself needs, up
/// to three): "0.25", "12", "−1.5".
fn fmt_number(v: f64, step: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    if v.abs() < step.abs() * 1e-6 {
        return "0".into();
    }
    let dec = decimals_for(step).max(decimals_for(v)).min(3);
    let body = trim_zeros(format!("{:.*}", dec, v.abs()));
    if body == "0" {
        return "0".into();
    }
    with_sign(v < 0.0, body)
}

/// A swept value on an axis: "25%", "2.5x", "120k", "3".
fn fmt_value(v: f64, step: f64, unit: AxisUnit) -> String {
    match unit {
        AxisUnit::Share => format!("{}%", fmt_number(v * 100.0, step * 100.0)),
        AxisUnit::Times => format!("{}x", fmt_number(v, step)),
        AxisUnit::Money => fmt_money_tick(v, step, ""),
        AxisUnit::Number(_) => fmt_number(v, step),
    }
}

/// A swept value in a sentence: "25%", "2.5x", "120k USD", "3 months".
fn fmt_value_words(v: f64, step: f64, unit: AxisUnit, currency: &str) -> String {
    match unit {
        AxisUnit::Money => fmt_money_tick(v, step, currency),
        AxisUnit::Number(w) if !w.is_empty() => {
            let n = fmt_number(v, step);
            // "1 month", "2 months".
            let w = match w.strip_suffix('s') {
                Some(one) if n == "1" => one,
                _ => w,
            };
            format!("{n} {w}")
        }
        _ => fmt_value(v, step, unit),
    }
}

/// The axis title of a swept key and its dotted key as the hint:
/// ("Ramp-up time (months)", "ramp.months").
fn axis_title(axis: &SweepAxis, currency: &str) -> (String, String) {
    let unit = match axis.unit {
        AxisUnit::Share => "%",
        AxisUnit::Money => currency,
        AxisUnit::Times => "",
        AxisUnit::Number(w) => w,
    };
    let title = if unit.is_empty() {
        axis.label.clone()
    } else {
        format!("{} ({unit})", axis.label)
    };
    (title, axis.key.clone())
}

/// The smallest gap between distinct values: the step their labels must
/// tell apart.
fn value_step(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let gap = sorted
        .windows(2)
        .filter_map(|w| match (w.first(), w.get(1)) {
            (Some(a), Some(b)) if b > a => Some(b - a),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    if gap.is_finite() {
        gap
    } else {
        sorted.first().map_or(1.0, |v| v.abs().max(1e-9))
    }
}

/// Strides for thinned labels: 1, 2, 5, 10, 20, 50, ...
fn strides() -> impl Iterator<Item = usize> {
    (0..7u32).flat_map(|k| [1, 2, 5].map(|m| m * 10usize.pow(k)))
}

/// A text box (white, outlined) with `lines` starting at its top-left.
struct Callout {
    lines: Vec<(String, Font, RGBColor)>,
    w: i32,
    h: i32,
}

impl Callout {
    fn new<DB: DrawingBackend>(cv: &Canvas<'_, DB>, lines: Vec<(String, Font, RGBColor)>) -> Self {
        let pad = cv.px(8.0);
        let gap = cv.px(6.0);
        let w = lines
            .iter()
            .map(|(t, f, _)| cv.width(t, *f))
            .max()
            .unwrap_or(0)
            + 2 * pad;
        let h = lines.iter().map(|(_, f, _)| cv.line_h(*f)).sum::<i32>()
            + gap * (lines.len() as i32 - 1).max(0)
            + 2 * pad;
        Callout { lines, w, h }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        cv: &Canvas<'_, DB>,
        (x, y): (i32, i32),
    ) -> Result<(), ChartError> {
        let pad = cv.px(8.0);
        let gap = cv.px(6.0);
        cv.rect((x, y), (x + self.w, y + self.h), WHITE.mix(0.94))?;
        cv.outline((x, y), (x + self.w, y + self.h), AXIS)?;
        let mut ty = y + pad;
        for (text, f, color) in &self.lines {
            cv.text(text, *f, *color, (x + pad, ty), HPos::Left, VAlign::Top)?;
            ty += cv.line_h(*f) + gap;
        }
        Ok(())
    }
}

/// A pixel box: left, top, right, bottom.
#[derive(Clone, Copy)]
struct PxBox {
    l: i32,
    t: i32,
    r: i32,
    b: i32,
}

impl PxBox {
    fn overlaps(&self, o: &PxBox) -> bool {
        self.l < o.r && o.l < self.r && self.t < o.b && o.t < self.b
    }

    fn inside(&self, o: &PxBox) -> bool {
        self.l >= o.l && self.r <= o.r && self.t >= o.t && self.b <= o.b
    }

    fn contains(&self, (x, y): (i32, i32)) -> bool {
        x >= self.l && x <= self.r && y >= self.t && y <= self.b
    }
}

/// How much of the polyline through `pts` runs through `b` (sample points
/// about two pixels apart; 0 when it misses `b`).
fn path_overlap(pts: &[(i32, i32)], b: &PxBox) -> usize {
    if pts.len() == 1 {
        return usize::from(pts.first().is_some_and(|p| b.contains(*p)));
    }
    pts.windows(2)
        .map(|w| {
            let (Some(&(x0, y0)), Some(&(x1, y1))) = (w.first(), w.get(1)) else {
                return 0;
            };
            if x0.max(x1) < b.l || x0.min(x1) > b.r || y0.max(y1) < b.t || y0.min(y1) > b.b {
                return 0;
            }
            let steps = (x1 - x0).abs().max((y1 - y0).abs()) / 2 + 1;
            (0..=steps)
                .filter(|&k| {
                    let t = f64::from(k) / f64::from(steps);
                    let x = f64::from(x0) + t * f64::from(x1 - x0);
                    let y = f64::from(y0) + t * f64::from(y1 - y0);
                    b.contains((x.round() as i32, y.round() as i32))
                })
                .count()
        })
        .sum()
}

/// Where a callout of size `(w, h)` goes next to `anchor` (a point, or a
/// box around it of half-sizes `(rx, ry)`): of the places beside it (near,
/// then a little further) that stay in `bounds`, the one that covers no
/// other callout and the least of the `avoid` path, the nearest on ties.
fn place_callout(
    anchor: (i32, i32),
    (rx, ry): (i32, i32),
    (w, h): (i32, i32),
    gap: i32,
    bounds: &PxBox,
    avoid: &[(i32, i32)],
    taken: &[PxBox],
) -> (i32, i32) {
    let (x, y) = anchor;
    let candidates = [gap, 3 * gap].into_iter().flat_map(|g| {
        let (dx, dy) = (rx + g, ry + g);
        [
            (x + dx, y - dy - h),     // above right
            (x - dx - w, y - dy - h), // above left
            (x + dx, y + dy),         // below right
            (x - dx - w, y + dy),     // below left
            (x + dx, y - h / 2),      // right
            (x - dx - w, y - h / 2),  // left
            (x - w / 2, y - dy - h),  // above
            (x - w / 2, y + dy),      // below
        ]
    });
    let boxed = |(l, t): (i32, i32)| PxBox {
        l,
        t,
        r: l + w,
        b: t + h,
    };
    candidates
        .enumerate()
        .filter(|(_, p)| boxed(*p).inside(bounds))
        .min_by_key(|(k, p)| {
            let b = boxed(*p);
            (
                taken.iter().any(|t| t.overlaps(&b)),
                path_overlap(avoid, &b),
                *k,
            )
        })
        .map(|(_, p)| p)
        .unwrap_or((
            (x - w / 2).clamp(bounds.l, (bounds.r - w).max(bounds.l)),
            (y + ry + gap).clamp(bounds.t, (bounds.b - h).max(bounds.t)),
        ))
}

// ---------------------------------------------------------------------------
// comparison.png and comparison_totals.png
// ---------------------------------------------------------------------------

struct ComparisonDrawing<'a> {
    kind: ComparisonKind,
    data: &'a ComparisonChart,
}

impl Drawing for ComparisonDrawing<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        kind: Kind,
    ) -> Result<(), ChartError> {
        let cv = canvas(area, kind)?;
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
    let step = STEPS
        .iter()
        .copied()
        .find(|&s| s as f64 * ppm >= min_gap)
        .unwrap_or(600);
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
        super::chart::money_rows_frame(cv, (plot_l, plot_t, plot_r, plot_h), (x0, x1), shown, cur)?;

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

// ---------------------------------------------------------------------------
// sweep.png
// ---------------------------------------------------------------------------

struct SweepDrawing<'a> {
    data: &'a SweepChart,
}

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
            group_thousands(*n as u64),
            if *n == 1 { "" } else { "s" }
        ),
        [a, b] => format!(
            "exact base case of {} combinations ({a} × {b})",
            group_thousands(total as u64)
        ),
        _ => "exact base case".to_string(),
    });
    join_parts(&parts)
}

impl Drawing for SweepDrawing<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        kind: Kind,
    ) -> Result<(), ChartError> {
        let cv = canvas(area, kind)?;
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
        let title = named_title(&cv, name, &headline);
        let top = draw_title_block(&cv, &title, &sweep_subtitle(d))?;
        match d.axes.as_slice() {
            [a] => draw_sweep_line(&cv, top, d, a),
            [a, b] => draw_heat_map(&cv, top, d, a, b),
            _ => draw_empty(&cv, top, &["A sweep varies one key or two."]),
        }
    }
}

/// Nice ticks for money whose labels are exact: "1.9875M" cannot be written
/// with the three decimals money ticks allow, so fewer, rounder ticks then.
fn exact_money_ticks(lo: f64, hi: f64, target: usize, snap: bool) -> Ticks {
    let mut target = target.max(2);
    loop {
        let t = nice_ticks(lo, hi, target, snap);
        let largest = t.values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let (unit, _) = money_unit(largest);
        let thousandths = t.step / unit * 1000.0;
        let exact = (thousandths - thousandths.round()).abs() < 1e-6 * thousandths.max(1.0);
        if exact || target <= 2 {
            return t;
        }
        target -= 1;
    }
}

/// Ticks across `[lo, hi]` whose labels (from `fmt`) fit `width` pixels.
fn fitting_ticks<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (lo, hi): (f64, f64),
    width: i32,
    fmt: &dyn Fn(f64, f64) -> String,
) -> Vec<(f64, String)> {
    let f = cv.font(size::TICK, false);
    let gap = f64::from(cv.px(36.0));
    let mut target = 10usize;
    loop {
        let t = nice_ticks(lo, hi, target, false);
        let labels: Vec<(f64, String)> = t.values.iter().map(|v| (*v, fmt(*v, t.step))).collect();
        let max_w = labels
            .iter()
            .map(|(_, l)| cv.width(l, f))
            .max()
            .unwrap_or(0);
        let span = (t.hi - t.lo).max(f64::MIN_POSITIVE);
        let px_step = t.step / span * f64::from(width);
        if px_step >= f64::from(max_w) + gap || target <= 2 {
            return labels;
        }
        target -= 1;
    }
}

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
    let m = cv.margin();
    let af = cv.font(size::AXIS_TITLE, true);
    let tf = cv.font(size::TICK, false);
    let (xlo, xhi) = sane_range(
        pts.first().map_or(0.0, |p| p.0),
        pts.last().map_or(1.0, |p| p.0),
    );
    // Room for the end dots and their labels inside the frame.
    let xpad = (xhi - xlo) * 0.04;
    let (x0, x1) = (xlo - xpad, xhi + xpad);
    let ylo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let yhi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (ylo, yhi) = sane_range(ylo, yhi);
    let plot_t = top + cv.line_h(af) + cv.px(16.0) + cv.cap(tf) / 2 + cv.px(6.0);
    let plot_b = cv.h - m - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);
    // Headroom above the highest and below the lowest point for a callout
    // (two lines of notes and their gaps), as a share of the plot height.
    let nf = cv.font(size::NOTE, true);
    let callout_h = 2 * cv.line_h(nf) + cv.px(6.0) + 2 * cv.px(8.0) + cv.px(7.0 + 10.0 + 8.0);
    let share = (f64::from(callout_h) / f64::from(plot_h)).min(0.3);
    let ypad = (yhi - ylo) * share / (1.0 - 2.0 * share);
    let target = (f64::from(plot_h) / (f64::from(cv.line_h(tf)) * 3.2)).round() as usize;
    let yt = exact_money_ticks(ylo - ypad, yhi + ypad, target.clamp(3, 8), true);
    let y_labels: Vec<String> = yt
        .values
        .iter()
        .map(|v| fmt_money_tick(*v, yt.step, cur))
        .collect();
    let label_w = y_labels.iter().map(|l| cv.width(l, tf)).max().unwrap_or(0);
    let plot_l = m + label_w + cv.px(14.0);
    let step = value_step(&axis.values);
    let unit = axis.unit;
    let edge = cv.width(&fmt_value(x1, step, unit), tf) / 2;
    let plot_r = (cv.w - m - edge).max(plot_l + 10);
    let fr = Frame {
        l: plot_l,
        t: plot_t,
        r: plot_r,
        b: plot_t + plot_h,
        x0,
        x1,
        y0: yt.lo,
        y1: yt.hi,
    };
    draw_y_axis(cv, &fr, &yt.values, &y_labels)?;
    let hint = if fr.y0 < 0.0 { SAVINGS_HINT } else { "" };
    draw_y_title(
        cv,
        (&with_unit("Horizon total", cur), hint),
        m,
        top,
        fr.r - m,
    )?;
    if fr.y0 < 0.0 && fr.y1 > 0.0 {
        let y = fr.py(0.0);
        cv.line(
            vec![(fr.l, y), (fr.r, y)],
            ZERO.to_rgba(),
            cv.px(2.0) as u32,
        )?;
    }

    let px: Vec<(i32, i32)> = pts.iter().map(|(x, y)| (fr.px(*x), fr.py(*y))).collect();
    cv.line(px.clone(), BLUE.to_rgba(), cv.line_width())?;
    let dots = px.len() <= 60;
    if dots || px.len() == 1 {
        for p in &px {
            cv.dot(*p, cv.px(7.0), BLUE)?;
        }
    }

    // The lowest and the highest total, labelled beside their points.
    let lowest = pts
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.1.total_cmp(&b.1.1));
    let highest = pts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.1.total_cmp(&b.1.1));
    let nfr = cv.font(size::NOTE, false);
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
    let bounds = PxBox {
        l: fr.l + cv.px(4.0),
        t: fr.t + cv.px(4.0),
        r: fr.r - cv.px(4.0),
        b: fr.b - cv.px(4.0),
    };
    let mut taken: Vec<PxBox> = Vec::new();
    for (i, what, one_value) in marks {
        let (Some((x, y)), Some(p)) = (pts.get(i), px.get(i)) else {
            continue;
        };
        let mut lines = vec![(format!("{what}: {}", fmt_money(*y, cur)), nf, TEXT)];
        if one_value {
            lines.push((
                format!("at {}", fmt_value_words(*x, step, unit, cur)),
                nfr,
                SUBTLE,
            ));
        }
        let callout = Callout::new(cv, lines);
        let at = place_callout(
            *p,
            (cv.px(7.0), cv.px(7.0)),
            (callout.w, callout.h),
            cv.px(10.0),
            &bounds,
            &px,
            &taken,
        );
        callout.draw(cv, at)?;
        if one_value {
            cv.dot(*p, cv.px(9.0), BLUE)?;
            cv.dot(*p, cv.px(4.0), WHITE)?;
        }
        taken.push(PxBox {
            l: at.0,
            t: at.1,
            r: at.0 + callout.w,
            b: at.1 + callout.h,
        });
    }

    // The swept key along the bottom.
    draw_x_baseline(cv, &fr)?;
    let fmt = |v: f64, s: f64| fmt_value(v, s, unit);
    let ticks = match pts.as_slice() {
        // One value: its own tick, not a scale around it.
        [(x, _)] => vec![(*x, fmt_value(*x, step, unit))],
        _ => fitting_ticks(cv, (x0, x1), fr.width(), &fmt),
    };
    let labels: Vec<(i32, String)> = ticks.into_iter().map(|(v, l)| (fr.px(v), l)).collect();
    draw_x_labels(cv, &fr, &thin_labels(cv, labels))?;
    let (title, key) = axis_title(axis, cur);
    draw_x_title(cv, (&title, &key), &fr, cv.h - m)
}

// ---------------------------------------------------------------------------
// Heat map
// ---------------------------------------------------------------------------

/// Colour-blind-safe scales: viridis when every total has the same sign,
/// blue (savings, below zero) to orange (cost) through a light grey at zero
/// when they straddle it.
#[derive(Clone, Copy)]
enum ColorScale {
    Sequential { lo: f64, hi: f64 },
    Diverging { max: f64 },
}

/// viridis at t = 0, 1/9, ..., 1.
const VIRIDIS: [u32; 10] = [
    0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C,
    0xFDE725,
];
/// Blue to orange at t = -1, -0.75, ..., 1 (RdBu's blues, PuOr's oranges).
const BLUE_ORANGE: [u32; 9] = [
    0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF2F2F2, 0xFEE0B6, 0xFDB863, 0xE08214, 0xB35806,
];

/// Colour at `t` in 0..=1 along `stops`, in 256 steps (so neighbouring
/// cells of nearly equal value share a colour and merge into one shape).
fn ramp(stops: &[u32], t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let t = (t * 255.0).round() / 255.0;
    let segments = stops.len().saturating_sub(1).max(1);
    let pos = t * segments as f64;
    let i = (pos.floor() as usize).min(segments - 1);
    let f = pos - i as f64;
    let a = hex(stops.get(i).copied().unwrap_or(0));
    let b = hex(stops.get(i + 1).copied().unwrap_or(0));
    let mix = |x: u8, y: u8| (f64::from(x) + f * (f64::from(y) - f64::from(x))).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

impl ColorScale {
    fn new(lo: f64, hi: f64) -> Self {
        if lo < 0.0 && hi > 0.0 {
            ColorScale::Diverging {
                max: lo.abs().max(hi),
            }
        } else {
            ColorScale::Sequential { lo, hi }
        }
    }

    fn color(&self, v: f64) -> RGBColor {
        match *self {
            ColorScale::Sequential { lo, hi } => {
                let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
                ramp(&VIRIDIS, t)
            }
            ColorScale::Diverging { max } => {
                let t = if max > 0.0 { v / max } else { 0.0 };
                ramp(&BLUE_ORANGE, (t + 1.0) / 2.0)
            }
        }
    }
}

/// Dark text on light cells, white on dark ones (WCAG relative luminance).
fn text_on(c: RGBColor) -> RGBColor {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
    // Contrast with white is 1.05 / (l + 0.05); with near-black ~(l + 0.05) / 0.06.
    if 1.05 / (l + 0.05) > (l + 0.05) / 0.06 {
        WHITE
    } else {
        TEXT
    }
}

/// Amounts that are read together (heat-map cells, a column of totals) share
/// one unit and one number of decimals, like a column of a table: "1.31M",
/// "2.90M", "0.95M".
#[derive(Clone, Copy)]
struct ColumnFormat {
    unit: f64,
    suffix: &'static str,
    decimals: usize,
}

impl ColumnFormat {
    /// Three significant digits for the largest magnitude among `lo`, `hi`.
    fn new(lo: f64, hi: f64) -> Self {
        let a = lo.abs().max(hi.abs());
        let (mut unit, mut suffix) = money_unit(a);
        let digits = |x: f64| {
            if x >= 100.0 {
                0
            } else if x >= 10.0 {
                1
            } else {
                2
            }
        };
        let mut decimals = digits(a / unit);
        // 999.9k would print as 1000k: one unit up then.
        if format!("{:.*}", decimals, a / unit)
            .parse::<f64>()
            .unwrap_or(0.0)
            >= 1000.0
            && unit < 1e12
        {
            (unit, suffix) = money_unit(a * 10.0);
            decimals = digits(a / unit);
        }
        ColumnFormat {
            unit,
            suffix,
            decimals,
        }
    }

    fn text(&self, v: f64) -> String {
        if !v.is_finite() {
            return "n/a".into();
        }
        let body = format!("{:.*}", self.decimals, v.abs() / self.unit);
        if body.parse::<f64>().unwrap_or(0.0) == 0.0 {
            return "0".into();
        }
        with_sign(v < 0.0, format!("{body}{}", self.suffix))
    }

    /// The amount with its currency: "1.31M USD".
    fn money(&self, v: f64, currency: &str) -> String {
        if currency.is_empty() {
            self.text(v)
        } else {
            format!("{} {currency}", self.text(v))
        }
    }

    /// The format shared by the given amounts (non-finite ones ignored).
    fn of(values: impl Iterator<Item = f64>) -> Self {
        let (lo, hi) = values
            .filter(|v| v.is_finite())
            .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        ColumnFormat::new(lo, hi)
    }
}

/// Pixel edges of `n` equal cells across `[a, b)`: `n + 1` values.
fn edges(a: i32, b: i32, n: usize) -> Vec<i32> {
    let span = f64::from(b - a);
    (0..=n)
        .map(|k| a + (span * k as f64 / n.max(1) as f64).round() as i32)
        .collect()
}

/// The smallest stride (1, 2, 5, 10, ...) that leaves `need` pixels between
/// labels `cell` pixels apart.
fn stride_for(cell: f64, need: f64) -> usize {
    strides()
        .find(|&k| k as f64 * cell >= need)
        .unwrap_or(usize::MAX / 4)
}

/// Labelled indices 0, k, 2k, ... below `n`.
fn every(n: usize, k: usize) -> impl Iterator<Item = usize> {
    (0..n).step_by(k.max(1))
}

/// Every `k`-th value's index, starting where the value is a round multiple
/// of `k` steps when the values allow it (10%, 20%, ... rather than 1%, 11%,
/// ...).
fn labelled(values: &[f64], k: usize, step: f64) -> Vec<usize> {
    let k = k.max(1);
    let big = k as f64 * step;
    let round = |v: f64| {
        let r = v / big;
        big > 0.0 && (r - r.round()).abs() < 1e-6 * r.abs().max(1.0)
    };
    let offset = if k == 1 {
        0
    } else {
        (0..k.min(values.len()))
            .find(|&o| values.get(o).is_some_and(|v| round(*v)))
            .unwrap_or(0)
    };
    (offset..values.len()).step_by(k).collect()
}

fn draw_heat_map<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    d: &SweepChart,
    rows: &SweepAxis,
    cols: &SweepAxis,
) -> Result<(), ChartError> {
    let cur = d.currency.as_str();
    let (nr, nc) = (rows.values.len(), cols.values.len());
    if nr == 0 || nc == 0 || d.totals.len() < nr.saturating_mul(nc) {
        return draw_empty(cv, top, &["The sweep has no values to plot."]);
    }
    let total = |i: usize, j: usize| finite(d.totals.get(i * nc + j));
    let lo = d
        .totals
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::INFINITY, f64::min);
    let hi = d
        .totals
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) {
        return draw_empty(cv, top, &["The sweep has no totals to plot."]);
    }
    let scale = ColorScale::new(lo, hi);
    let m = cv.margin();
    let af = cv.font(size::AXIS_TITLE, true);
    let tf = cv.font(size::TICK, false);

    // Colour legend on the right: a bar with money ticks, titled in the
    // y-title row.
    let bar_w = cv.px(30.0);
    let gap = cv.px(12.0);
    let legend_title = with_unit("Horizon total", cur);

    // The row with the row key's title; a note row under it when some
    // cells stay unlabelled or the scale is diverging.
    let plot_t0 = top + cv.line_h(af) + cv.px(16.0);
    let plot_b = cv.h - m - bottom_space(cv);

    // Column and row labels: every k-th value, k from the cell size.
    let rstep = value_step(&rows.values);
    let cstep = value_step(&cols.values);
    let row_text = |i: usize| {
        rows.values
            .get(i)
            .map(|v| fmt_value(*v, rstep, rows.unit))
            .unwrap_or_default()
    };
    let col_text = |j: usize| {
        cols.values
            .get(j)
            .map(|v| fmt_value(*v, cstep, cols.unit))
            .unwrap_or_default()
    };

    // Widths depend on which labels are shown, which depends on the plot's
    // size: estimate with the widest of a sample, then lay out.
    let sample = |n: usize| -> Vec<usize> {
        let k = (n / 200).max(1);
        every(n, k).chain([n - 1]).collect()
    };
    let row_label_w = sample(nr)
        .into_iter()
        .map(|i| cv.width(&row_text(i), tf))
        .max()
        .unwrap_or(0);
    let col_label_w = sample(nc)
        .into_iter()
        .map(|j| cv.width(&col_text(j), tf))
        .max()
        .unwrap_or(0);

    // Ticks for the bar's height less a note row or two: measured here,
    // placed on the final height later.
    let bar_ticks = color_bar_ticks(cv, (lo, hi), plot_b - plot_t0 - note_row_h(cv));
    let tick_room = cv.px(8.0) + cv.px(6.0);
    let cb_label_w = bar_ticks
        .iter()
        .map(|(_, l)| cv.width(l, tf))
        .max()
        .unwrap_or(0)
        + tick_room;
    let legend_w = bar_w + gap + cb_label_w;
    let legend_x = cv.w - m - legend_w;
    let plot_l = m + row_label_w + cv.px(14.0);
    let plot_r = (legend_x - cv.px(40.0).max(col_label_w / 2 + cv.px(16.0))).max(plot_l + 10);
    let plot_w = plot_r - plot_l;

    // Which cells get their total written inside: all of them when the
    // largest label fits every cell at a legible size, else only the lowest
    // and the highest, marked (sweep.csv has every value).
    let notes_guess = usize::from(matches!(scale, ColorScale::Diverging { .. }));
    let cell_w = f64::from(plot_w) / nc as f64;
    let probe_h = f64::from(plot_b - plot_t0 - notes_guess as i32 * note_row_h(cv)) / nr as f64;
    let cells = ColumnFormat::new(lo, hi);
    let cell_font = label_font(cv, d, &cells, (nr, nc), (cell_w, probe_h));
    let mut notes: Vec<String> = Vec::new();
    if cell_font.is_none() {
        notes.push(format!(
            "{} × {} cells are too many to label: lowest and highest marked; every total is in sweep.csv",
            group_thousands(nr as u64),
            group_thousands(nc as u64)
        ));
    }
    if matches!(scale, ColorScale::Diverging { .. }) {
        notes.push("Blue: net savings (below zero) · orange: net cost".to_string());
    }
    let plot_t = plot_t0 + notes.len() as i32 * note_row_h(cv) + cv.cap(tf) / 2;
    let plot_h = (plot_b - plot_t).max(10);
    let fr = Frame {
        l: plot_l,
        t: plot_t,
        r: plot_r,
        b: plot_t + plot_h,
        x0: 0.0,
        x1: nc as f64,
        y0: 0.0,
        y1: nr as f64,
    };

    // Titles and notes.
    let (row_title, row_key) = axis_title(rows, cur);
    let title_room = legend_x - m - cv.px(24.0) - cv.width(&legend_title, af);
    draw_y_title(cv, (&row_title, &row_key), m, top, title_room.max(0))?;
    cv.text(
        &legend_title,
        af,
        TEXT,
        (cv.w - m, top),
        HPos::Right,
        VAlign::Top,
    )?;
    draw_notes(cv, &notes, (m, plot_t0), cv.w - 2 * m)?;

    // Cells, first key on the rows from the top (the order of sweep.csv and
    // of a spreadsheet data table), second key on the columns.
    let xs = edges(fr.l, fr.r, nc);
    let ys = edges(fr.t, fr.b, nr);
    let min_w = xs.windows(2).map(span).min().unwrap_or(0);
    let min_h = ys.windows(2).map(span).min().unwrap_or(0);
    let sep = if min_w >= cv.px(14.0) && min_h >= cv.px(14.0) {
        cv.px(2.0)
    } else {
        0
    };
    for (i, yw) in ys.windows(2).enumerate() {
        let (Some(&y0), Some(&y1)) = (yw.first(), yw.get(1)) else {
            continue;
        };
        if y1 <= y0 {
            continue;
        }
        // Runs of equal colour are one rectangle (a million cells stay a
        // few thousand shapes in the SVG).
        let mut run: Option<(i32, i32, RGBColor)> = None;
        for (j, xw) in xs.windows(2).enumerate() {
            let (Some(&x0), Some(&x1)) = (xw.first(), xw.get(1)) else {
                continue;
            };
            if x1 <= x0 {
                continue;
            }
            let color = total(i, j).map_or(WHITE, |v| scale.color(v));
            if sep > 0 {
                cv.rect(
                    (x0 + sep / 2, y0 + sep / 2),
                    (x1 - (sep - sep / 2), y1 - (sep - sep / 2)),
                    color.to_rgba(),
                )?;
                continue;
            }
            run = match run {
                Some((a, _, c)) if c == color => Some((a, x1, c)),
                Some((a, b, c)) => {
                    cv.rect((a, y0), (b, y1), c.to_rgba())?;
                    Some((x0, x1, color))
                }
                None => Some((x0, x1, color)),
            };
        }
        if let Some((a, b, c)) = run {
            cv.rect((a, y0), (b, y1), c.to_rgba())?;
        }
    }

    let cell_box = |i: usize, j: usize| -> Option<PxBox> {
        Some(PxBox {
            l: *xs.get(j)?,
            r: *xs.get(j + 1)?,
            t: *ys.get(i)?,
            b: *ys.get(i + 1)?,
        })
    };
    if let Some(f) = cell_font {
        for i in 0..nr {
            for j in 0..nc {
                let (Some(v), Some(b)) = (total(i, j), cell_box(i, j)) else {
                    continue;
                };
                let color = text_on(scale.color(v));
                cv.text(
                    &cells.text(v),
                    f,
                    color,
                    ((b.l + b.r) / 2, (b.t + b.b) / 2),
                    HPos::Center,
                    VAlign::Middle,
                )?;
            }
        }
    } else {
        mark_extremes(cv, d, (rows, cols), &fr, &cell_box)?;
    }

    // Row labels on the left, column labels below.
    let lf = tf;
    let row_h = f64::from(plot_h) / nr as f64;
    let kr = stride_for(row_h, f64::from(cv.line_h(lf)) * 1.3);
    for i in labelled(&rows.values, kr, rstep) {
        let Some(b) = cell_box(i, 0) else { continue };
        cv.text(
            &row_text(i),
            lf,
            SUBTLE,
            (fr.l - cv.px(12.0), (b.t + b.b) / 2),
            HPos::Right,
            VAlign::Middle,
        )?;
    }
    let kc = stride_for(cell_w, f64::from(col_label_w + cv.px(24.0)));
    let col_labels: Vec<(i32, String)> = labelled(&cols.values, kc, cstep)
        .into_iter()
        .filter_map(|j| cell_box(0, j).map(|b| ((b.l + b.r) / 2, col_text(j))))
        .collect();
    draw_x_labels(cv, &fr, &thin_labels(cv, col_labels))?;
    let (col_title, col_key) = axis_title(cols, cur);
    draw_x_title(cv, (&col_title, &col_key), &fr, cv.h - m)?;

    draw_color_bar(cv, scale, (lo, hi), &bar_ticks, (legend_x, bar_w), &fr)
}

fn span(w: &[i32]) -> i32 {
    match (w.first(), w.get(1)) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    }
}

/// The font for the totals inside the cells: the largest from a little above
/// the tick size down to a size still legible on a slide at which every label fits its cell;
/// `None` when even that does not fit.
fn label_font<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    d: &SweepChart,
    cells: &ColumnFormat,
    (nr, nc): (usize, usize),
    (cell_w, cell_h): (f64, f64),
) -> Option<Font> {
    // 23 at 1600×900 is the smallest text of the other charts (the second
    // lines of the tornado's and the totals' labels).
    const SIZES: [f64; 5] = [32.0, 29.0, 27.0, 25.0, 23.0];
    let smallest = cv.font(23.0, false);
    let pad = f64::from(cv.px(8.0));
    // Cheap first test: a short label must fit at the smallest size.
    if cell_h < f64::from(cv.line_h(smallest)) + pad
        || cell_w < f64::from(cv.width("8.8M", smallest)) + 2.0 * pad
        || nr.saturating_mul(nc) > 10_000
    {
        return None;
    }
    // The widest label, measured at the tick size; widths scale with the size.
    let base = cv.font(SIZES[0], false);
    let widest = d
        .totals
        .iter()
        .take(nr * nc)
        .map(|v| cv.width(&cells.text(*v), base))
        .max()
        .unwrap_or(0);
    SIZES.iter().map(|s| cv.font(*s, false)).find(|f| {
        let w = f64::from(widest) * f.size / base.size;
        w + 2.0 * pad <= cell_w && f64::from(cv.line_h(*f)) + pad <= cell_h
    })
}

/// Rings the lowest and the highest cell and labels each in a box beside it.
fn mark_extremes<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    d: &SweepChart,
    (rows, cols): (&SweepAxis, &SweepAxis),
    fr: &Frame,
    cell_box: &dyn Fn(usize, usize) -> Option<PxBox>,
) -> Result<(), ChartError> {
    let cur = d.currency.as_str();
    let nc = cols.values.len().max(1);
    let finite_totals = || {
        d.totals
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(k, v)| (k, *v))
    };
    let low = finite_totals().min_by(|a, b| a.1.total_cmp(&b.1));
    let high = finite_totals().max_by(|a, b| a.1.total_cmp(&b.1));
    let mut marks = Vec::new();
    if let Some(l) = low {
        marks.push((l, "Lowest"));
    }
    if let (Some(h), Some(l)) = (high, low)
        && h.1 > l.1
    {
        marks.push((h, "Highest"));
    }
    let rstep = value_step(&rows.values);
    let cstep = value_step(&cols.values);
    let nf = cv.font(size::NOTE, true);
    let sf = cv.font(size::NOTE, false);
    let bounds = PxBox {
        l: fr.l + cv.px(4.0),
        t: fr.t + cv.px(4.0),
        r: fr.r - cv.px(4.0),
        b: fr.b - cv.px(4.0),
    };
    let mut taken: Vec<PxBox> = Vec::new();
    for ((k, v), what) in marks {
        let (i, j) = (k / nc, k % nc);
        let Some(cell) = cell_box(i, j) else { continue };
        // A ring around the cell, at least a dot's size even around a
        // one-pixel cell, moved inside the plot where the cell is at its edge
        // (it still holds the cell).
        let half = |a: i32, b: i32| ((b - a) / 2 + cv.px(3.0)).max(cv.px(9.0));
        let (hx, hy) = (half(cell.l, cell.r), half(cell.t, cell.b));
        let (rx, ry) = (
            ((cell.l + cell.r) / 2 - hx).clamp(fr.l, (fr.r - 2 * hx).max(fr.l)) + hx,
            ((cell.t + cell.b) / 2 - hy).clamp(fr.t, (fr.b - 2 * hy).max(fr.t)) + hy,
        );
        let at_text = format!(
            "at {}, {}",
            rows.values
                .get(i)
                .map(|x| fmt_value_words(*x, rstep, rows.unit, cur))
                .unwrap_or_default(),
            cols.values
                .get(j)
                .map(|x| fmt_value_words(*x, cstep, cols.unit, cur))
                .unwrap_or_default()
        );
        let callout = Callout::new(
            cv,
            vec![
                (format!("{what}: {}", fmt_money(v, cur)), nf, TEXT),
                (at_text, sf, SUBTLE),
            ],
        );
        let at = place_callout(
            (rx, ry),
            (hx, hy),
            (callout.w, callout.h),
            cv.px(6.0),
            &bounds,
            &[],
            &taken,
        );
        for (c, grow) in [(WHITE, cv.px(2.0)), (BLACK, 0), (WHITE, -cv.px(2.0))] {
            let (gx, gy) = (hx + grow, hy + grow);
            cv.outline((rx - gx, ry - gy), (rx + gx, ry + gy), c)?;
        }
        callout.draw(cv, at)?;
        taken.push(PxBox {
            l: at.0,
            t: at.1,
            r: at.0 + callout.w,
            b: at.1 + callout.h,
        });
    }
    Ok(())
}

/// Money ticks (value, label) for a colour bar `h` pixels high.
fn color_bar_ticks<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (lo, hi): (f64, f64),
    h: i32,
) -> Vec<(f64, String)> {
    if hi <= lo {
        return vec![(lo, fmt_money(lo, ""))];
    }
    let tf = cv.font(size::TICK, false);
    let target = (f64::from(h) / (f64::from(cv.line_h(tf)) * 4.0)).round() as usize;
    let nt = exact_money_ticks(lo, hi, target.clamp(2, 7), false);
    nt.values
        .iter()
        .map(|v| (*v, fmt_money_tick(*v, nt.step, "")))
        .collect()
}

/// The colour legend: a vertical bar from the lowest total (bottom) to the
/// highest (top), with money ticks on its right.
fn draw_color_bar<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    scale: ColorScale,
    (lo, hi): (f64, f64),
    ticks: &[(f64, String)],
    (x, bar_w): (i32, i32),
    fr: &Frame,
) -> Result<(), ChartError> {
    let tf = cv.font(size::TICK, false);
    let (t, b) = (fr.t, fr.b);
    let h = (b - t).max(1);
    let degenerate = hi <= lo;
    let value_at = |y: i32| {
        if degenerate {
            lo
        } else {
            hi - (hi - lo) * f64::from(y - t) / f64::from(h)
        }
    };
    let mut run: Option<(i32, RGBColor)> = None;
    for y in t..b {
        let c = scale.color(value_at(y));
        run = match run {
            Some((start, rc)) if rc == c => Some((start, rc)),
            Some((start, rc)) => {
                cv.rect((x, start), (x + bar_w, y), rc.to_rgba())?;
                Some((y, c))
            }
            None => Some((y, c)),
        };
    }
    if let Some((start, rc)) = run {
        cv.rect((x, start), (x + bar_w, b), rc.to_rgba())?;
    }
    cv.outline((x, t), (x + bar_w, b), AXIS)?;
    let y_of = |v: f64| {
        if degenerate {
            (t + b) / 2
        } else {
            b - (f64::from(h) * (v - lo) / (hi - lo)).round() as i32
        }
    };
    let tick = cv.px(8.0);
    for (v, label) in ticks {
        let (v, y) = (*v, y_of(*v));
        let strong = v == 0.0 && matches!(scale, ColorScale::Diverging { .. });
        if strong {
            cv.line(
                vec![(x, y), (x + bar_w + tick, y)],
                BLACK.to_rgba(),
                cv.px(2.0) as u32,
            )?;
        } else {
            cv.line(
                vec![(x + bar_w, y), (x + bar_w + tick, y)],
                AXIS.to_rgba(),
                cv.px(2.0) as u32,
            )?;
        }
        cv.text(
            label,
            tf,
            SUBTLE,
            (x + bar_w + tick + cv.px(6.0), y),
            HPos::Left,
            VAlign::Middle,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swept_values_read_with_their_unit() {
        assert_eq!(fmt_value(0.25, 0.05, AxisUnit::Share), "25%");
        assert_eq!(fmt_value(0.125, 0.05, AxisUnit::Share), "12.5%");
        assert_eq!(fmt_value(2.5, 0.5, AxisUnit::Times), "2.5x");
        assert_eq!(fmt_value(120_000.0, 10_000.0, AxisUnit::Money), "120k");
        assert_eq!(fmt_value(3.0, 1.0, AxisUnit::Number("months")), "3");
        assert_eq!(
            fmt_value_words(3.0, 1.0, AxisUnit::Number("months"), "USD"),
            "3 months"
        );
        assert_eq!(
            fmt_value_words(1.0, 0.5, AxisUnit::Number("months"), "USD"),
            "1 month"
        );
        assert_eq!(
            fmt_value_words(120_000.0, 10_000.0, AxisUnit::Money, "EUR"),
            "120k EUR"
        );
    }

    #[test]
    fn value_steps_come_from_the_closest_values() {
        assert!((value_step(&[6.0, 2.0, 4.0, 3.0]) - 1.0).abs() < 1e-12);
        assert!((value_step(&[0.3]) - 0.3).abs() < 1e-12);
        assert!((value_step(&[]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn scales_are_viridis_or_blue_orange_around_zero() {
        let seq = ColorScale::new(1.0, 2.0);
        assert_eq!(seq.color(1.0), hex(0x440154));
        assert_eq!(seq.color(2.0), hex(0xFDE725));
        let div = ColorScale::new(-1.0, 3.0);
        let zero = div.color(0.0);
        assert!(zero.0 >= 240 && zero.1 >= 240 && zero.2 >= 240, "{zero:?}");
        assert_eq!(div.color(3.0), hex(0xB35806));
        assert_eq!(div.color(-3.0), hex(0x2166AC));
        // A constant sweep still gets a colour.
        let flat = ColorScale::new(5.0, 5.0);
        assert_eq!(flat.color(5.0), ramp(&VIRIDIS, 0.5));
    }

    #[test]
    fn cell_text_contrasts_with_its_cell() {
        assert_eq!(text_on(hex(0x440154)), WHITE);
        assert_eq!(text_on(hex(0xFDE725)), TEXT);
        assert_eq!(text_on(hex(0xF2F2F2)), TEXT);
        assert_eq!(text_on(hex(0x2166AC)), WHITE);
    }

    #[test]
    fn cell_edges_cover_the_plot_once() {
        let e = edges(100, 110, 4);
        assert_eq!(e.first().copied(), Some(100));
        assert_eq!(e.last().copied(), Some(110));
        assert!(e.windows(2).all(|w| span(w) >= 0));
        // More cells than pixels: some cells get no pixel, none overlap.
        let many = edges(0, 10, 1000);
        assert_eq!(many.len(), 1001);
        assert!(many.windows(2).all(|w| span(w) >= 0));
    }

    #[test]
    fn cells_share_unit_and_decimals() {
        let f = ColumnFormat::new(1_306_430.0, 2_896_371.0);
        assert_eq!(f.text(1_700_000.0), "1.70M");
        assert_eq!(f.text(2_896_371.0), "2.90M");
        assert_eq!(f.text(950_000.0), "0.95M");
        assert_eq!(f.text(-250_000.0), "\u{2212}0.25M");
        assert_eq!(ColumnFormat::new(0.0, 999_960.0).text(999_960.0), "1.00M");
        assert_eq!(ColumnFormat::new(0.0, 0.0).text(0.0), "0");
    }

    #[test]
    fn labels_start_on_round_values() {
        let values: Vec<f64> = (1..=100).map(|i| f64::from(i) / 100.0).collect();
        let idx = labelled(&values, 10, 0.01);
        assert_eq!(idx.first().copied(), Some(9));
        assert_eq!(idx.len(), 10);
        assert_eq!(labelled(&[6.0, 2.0, 4.0], 1, 2.0), [0, 1, 2]);
        // No round value among the first k: from the first.
        assert_eq!(labelled(&[1.5, 2.5, 4.5], 2, 1.0), [0, 2]);
    }

    #[test]
    fn money_ticks_are_written_exactly() {
        // Steps of 2,500 around 2M would need "1.9875M": 5,000 instead.
        let t = exact_money_ticks(1_983_000.0, 2_002_500.0, 8, false);
        assert!((t.step - 5_000.0).abs() < 1e-6, "{}", t.step);
        let t = exact_money_ticks(0.0, 2_500_000.0, 6, true);
        assert!((t.step - 500_000.0).abs() < 1e-6, "{}", t.step);
    }

    #[test]
    fn callouts_keep_clear_of_the_line_and_of_each_other() {
        let bounds = PxBox {
            l: 0,
            t: 0,
            r: 1000,
            b: 600,
        };
        // A line rising to the top right: the callout of its end goes above
        // it on the left, not across it.
        let line = [(0, 590), (900, 100)];
        let (x, y) = place_callout(line[1], (7, 7), (200, 60), 10, &bounds, &line, &[]);
        let b = PxBox {
            l: x,
            t: y,
            r: x + 200,
            b: y + 60,
        };
        assert!(b.inside(&bounds));
        assert_eq!(path_overlap(&line, &b), 0);
        // A second callout at the same point avoids the first.
        let (x2, y2) = place_callout(line[1], (7, 7), (200, 60), 10, &bounds, &line, &[b]);
        let b2 = PxBox {
            l: x2,
            t: y2,
            r: x2 + 200,
            b: y2 + 60,
        };
        assert!(!b2.overlaps(&b));
    }

    #[test]
    fn strides_grow_one_two_five() {
        assert_eq!(stride_for(50.0, 40.0), 1);
        assert_eq!(stride_for(11.0, 40.0), 5);
        assert_eq!(stride_for(1.0, 150.0), 200);
    }
}
