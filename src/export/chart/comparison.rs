//! The comparison charts of `adoptcost compare`: the entry point, the title
//! and subtitle they share, and `comparison.png`, the cumulative total over
//! time per scenario (`comparison_totals.png` is in `comparison_totals`).

use plotters::prelude::DrawingBackend;
use plotters::style::Color;

use super::canvas::{Canvas, Frame, size};
use super::comparison_totals::draw_comparison_totals;
use super::format::{ColumnFormat, fmt_money_tick, month_count};
use super::input::{ComparisonChart, ScenarioSeries};
use super::legend::{Legend, LegendItem, Swatch, legend_metrics};
use super::palette::scenario_style;
use super::parts::{
    SAVINGS_HINT, draw_empty, draw_notes, draw_title_block, draw_zero_line, join_parts, with_unit,
};
use super::place::{smallest_stride, thin_labels};
use super::ticks::range_from_zero;
use super::time::{
    TimeAxes, draw_time_axes, draw_time_overlay, fill_band, finite_band, time_layout,
};
use super::{ChartError, Drawing, DrawnTexts, Target, printable_input, render_drawing};
use crate::text::group_thousands;

/// The two charts of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ComparisonKind {
    /// `comparison.png`: cumulative total over time per scenario.
    Cumulative,
    /// `comparison_totals.png`: each scenario's total with P10–P90 whiskers.
    Totals,
}

impl ComparisonKind {
    /// Both, in the order a deck would show them.
    pub(crate) const ALL: [ComparisonKind; 2] =
        [ComparisonKind::Cumulative, ComparisonKind::Totals];

    /// The file name without extension.
    pub(crate) fn file_stem(self) -> &'static str {
        match self {
            ComparisonKind::Cumulative => "comparison",
            ComparisonKind::Totals => "comparison_totals",
        }
    }
}

/// Draws one comparison chart at `size` (width, height in pixels) to `target`.
pub(crate) fn render_comparison(
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
pub(crate) fn common_currency(series: &[ScenarioSeries]) -> &str {
    match currencies(series).as_slice() {
        [one] => one,
        _ => "",
    }
}

/// The months, the currencies and the sampling of the compared scenarios.
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

/// One of the two comparison charts, ready to draw.
struct ComparisonDrawing<'a> {
    kind: ComparisonKind,
    data: &'a ComparisonChart,
}

impl Drawing for ComparisonDrawing<'_> {
    fn draw<DB: DrawingBackend>(&self, cv: &Canvas<'_, DB>) -> Result<(), ChartError> {
        let d = self.data;
        let headline = match self.kind {
            ComparisonKind::Cumulative => "Cumulative cost",
            ComparisonKind::Totals => "Horizon totals",
        };
        let title = comparison_title(cv, &d.series, headline);
        let top = draw_title_block(cv, &title, &comparison_subtitle(d))?;
        if d.series.is_empty() {
            return draw_empty(cv, top, &["No scenarios to compare."]);
        }
        match self.kind {
            ComparisonKind::Cumulative => draw_comparison_cumulative(cv, top, d),
            ComparisonKind::Totals => draw_comparison_totals(cv, top, d),
        }
    }
}

// ---------------------------------------------------------------------------
// comparison.png: the cumulative total over time per scenario
// ---------------------------------------------------------------------------

/// Each scenario's cumulative base case, over its P10–P90 band.
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
    let bands: Vec<Vec<[f64; 3]>> = d
        .series
        .iter()
        .map(|s| finite_band(s.bands.as_deref(), s.months.len()))
        .collect();
    let legend = cumulative_legend(cv, d, &bands);
    let notes: Vec<String> = d
        .axis_note
        .iter()
        .chain(d.currency_note.iter())
        .cloned()
        .collect();
    let range = range_from_zero(
        d.series
            .iter()
            .flat_map(|s| s.cumulative_base.iter())
            .chain(bands.iter().flatten().flatten())
            .copied(),
    );
    let fmt = |v: f64, step: f64| fmt_money_tick(v, step, cur);
    let axes = TimeAxes {
        months: &axis_months,
        bars: false,
        y_range: range,
        y_label: &fmt,
        annotation_rows: notes.len() as i32,
    };
    let mut lay = time_layout(cv, top, &axes, &legend);
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
    let m = cv.margin();
    draw_notes(cv, &notes, (m, lay.annot_top), cv.w - 2 * m)?;

    // Bands first, so every line stays visible over every band.
    for (i, band) in bands.iter().enumerate() {
        let (color, _) = scenario_style(i);
        fill_band(cv, &fr, band, color.mix(0.16))?;
    }
    draw_zero_line(cv, &fr)?;
    draw_scenario_lines(cv, &fr, d)?;
    let x_title = if calendar {
        ("Month", "")
    } else {
        (
            "Months since start",
            "month 1 = each scenario's first month",
        )
    };
    draw_time_overlay(cv, &lay, x_title, &legend)
}

/// The legend: one row per scenario (its name and its total at the end)
/// when that fits a third of the width, else the total on a row of its own
/// under the name.
fn cumulative_legend<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    d: &ComparisonChart,
    bands: &[Vec<[f64; 3]>],
) -> Legend {
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
    let item = |swatch, label| LegendItem {
        swatch,
        label,
        value: String::new(),
    };
    let one_row: Vec<LegendItem> = d
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem {
            value: value(s),
            ..item(swatch(i), s.name.clone())
        })
        .collect();
    let title = match d.series.first().and_then(|s| s.months.last()) {
        Some(last) if d.same_months => format!("Total at {last}"),
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
                    item(swatch(i), s.name.clone()),
                    item(Swatch::Blank, value(s)),
                ]
            })
            .collect();
    }
    legend
}

/// Each scenario's base case: a line in its colour (dashed past eight
/// scenarios), with a dot where it ends, since horizons may differ.
fn draw_scenario_lines<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    d: &ComparisonChart,
) -> Result<(), ChartError> {
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
        if let Some(last) = pts.last() {
            cv.dot(*last, cv.px(7.0), color)?;
        }
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
