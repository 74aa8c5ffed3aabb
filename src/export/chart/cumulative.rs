//! The cumulative chart: the base-case cumulative total over the months,
//! the P10–P90 band and median of the trials, and the break-even month.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::HPos;

use super::ChartError;
use super::canvas::{Canvas, Frame, VAlign, size};
use super::format::{finite, fmt_money, fmt_money_tick};
use super::input::ChartData;
use super::legend::{Legend, LegendItem, Swatch};
use super::palette::{BLACK, BLUE, SKY, VERMILLION};
use super::parts::{SAVINGS_HINT, draw_zero_line, with_unit};
use super::ticks::range_from_zero;
use super::time::{
    TimeAxes, TimeLayout, draw_time_axes, draw_time_overlay, fill_band, finite_band, time_layout,
};

/// The cumulative chart below the title block starting at `top`.
pub(crate) fn draw_cumulative<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    data: &ChartData,
) -> Result<(), ChartError> {
    let n = data.months.len();
    let cur = data.currency.as_str();
    let base: Vec<Option<f64>> = (0..n)
        .map(|i| finite(data.cumulative_base.get(i)))
        .collect();
    let bands = finite_band(data.sampled.as_ref().map(|s| s.bands.as_slice()), n);
    let break_even = data.break_even.filter(|&i| i < n);
    let legend = legend(data, &base, &bands, break_even);

    let range = range_from_zero(base.iter().flatten().chain(bands.iter().flatten()).copied());
    let fmt = |v: f64, step: f64| fmt_money_tick(v, step, cur);
    // A row above the plot for the break-even label, or for the words that
    // there is none (and its projection from the run rate).
    let annotation_rows = 1;
    let axes = TimeAxes {
        months: &data.months,
        bars: false,
        y_range: range,
        y_label: &fmt,
        annotation_rows,
    };
    let lay = time_layout(cv, top, &axes, &legend);
    let fr = lay.frame;
    let hint = if fr.y0 < 0.0 { SAVINGS_HINT } else { "" };
    draw_time_axes(cv, &lay, (&with_unit("Cumulative cost", cur), hint))?;

    fill_band(cv, &fr, &bands, SKY.mix(0.35))?;
    // The zero line under the lines but over the band.
    draw_zero_line(cv, &fr)?;
    draw_base_case(cv, &fr, &base)?;
    draw_median(cv, &fr, &bands)?;
    match break_even {
        Some(month) => draw_break_even(cv, &lay, data, &base, month)?,
        None => draw_no_break_even(cv, &lay, data)?,
    }
    draw_time_overlay(cv, &lay, ("Month", ""), &legend)
}

/// No break-even within the horizon, said above the plot, with the month
/// projected from the final run rate when it is a saving (MODEL.md §3).
fn draw_no_break_even<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lay: &TimeLayout,
    data: &ChartData,
) -> Result<(), ChartError> {
    let fr = &lay.frame;
    let nf = cv.font(size::NOTE, true);
    let cur = data.currency.as_str();
    let last = data.months.last().map_or("", String::as_str);
    let text = match &data.projected_break_even {
        Some(month) if month.starts_with(|c: char| c.is_ascii_digit()) => format!(
            "No break-even by {last} · projected {month} if every later month saves {} (the run rate)",
            fmt_money(-data.run_rate, cur)
        ),
        Some(never) => format!(
            "No break-even by {last} · {never} even if every later month saves {} (the run rate)",
            fmt_money(-data.run_rate, cur)
        ),
        None => format!("No break-even by {last}"),
    };
    // The row above the plot is free up to the right margin (the legend
    // starts level with the plot's top).
    let text = cv.fit(&text, nf, cv.w - cv.margin() - fr.l);
    cv.text_boxed(
        &text,
        nf,
        VERMILLION,
        (fr.l, lay.annot_top + cv.line_h(nf) / 2),
        HPos::Left,
        VAlign::Middle,
    )
}

/// The legend: the values at the last month (base case, median, P90, P10)
/// and the break-even month.
fn legend(
    data: &ChartData,
    base: &[Option<f64>],
    bands: &[[f64; 3]],
    break_even: Option<usize>,
) -> Legend {
    let cur = data.currency.as_str();
    let item = |swatch, label: &str, value| LegendItem {
        swatch,
        label: label.into(),
        value,
    };
    let last_base = base.iter().rev().flatten().next();
    let mut items = vec![item(
        Swatch::Line(BLACK),
        "Base case",
        last_base.map(|v| fmt_money(*v, cur)).unwrap_or_default(),
    )];
    if let Some(last) = bands.last() {
        items.extend([
            item(
                Swatch::Dashed(BLUE),
                "Median of trials (P50)",
                fmt_money(last[1], cur),
            ),
            item(
                Swatch::Fill(SKY.mix(0.35)),
                "P10–P90 (80% of trials)",
                String::new(),
            ),
            item(Swatch::Blank, "P90", fmt_money(last[2], cur)),
            item(Swatch::Blank, "P10", fmt_money(last[0], cur)),
        ]);
    }
    if let Some(be) = break_even {
        let month = data.months.get(be).cloned().unwrap_or_default();
        items.push(item(Swatch::Dashed(VERMILLION), "Break-even", month));
    }
    Legend {
        title: format!("At {}", data.months.last().cloned().unwrap_or_default()),
        items,
        note: String::new(),
    }
}

/// The base case as a black line through each run of finite months (a dot
/// for a run of one).
fn draw_base_case<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    base: &[Option<f64>],
) -> Result<(), ChartError> {
    let mut run: Vec<(i32, i32)> = Vec::new();
    let mut runs = Vec::new();
    for (i, v) in base.iter().enumerate() {
        match v {
            Some(v) => run.push((fr.px(i as f64), fr.py(*v))),
            None => runs.push(std::mem::take(&mut run)),
        }
    }
    runs.push(run);
    for r in runs {
        if r.len() == 1
            && let Some(p) = r.first()
        {
            cv.dot(*p, cv.px(7.0), BLACK)?;
        }
        cv.line(r, BLACK.to_rgba(), cv.line_width())?;
    }
    Ok(())
}

/// The median of the trials, dashed and drawn after the base case so it
/// stays visible where the two meet.
fn draw_median<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    bands: &[[f64; 3]],
) -> Result<(), ChartError> {
    if bands.is_empty() {
        return Ok(());
    }
    let pts: Vec<(i32, i32)> = bands
        .iter()
        .enumerate()
        .map(|(i, b)| (fr.px(i as f64), fr.py(b[1])))
        .collect();
    if pts.len() == 1
        && let Some(p) = pts.first()
    {
        cv.dot(*p, cv.px(5.0), BLUE)?;
    }
    cv.dashed_path(pts, BLUE, cv.line_width())
}

/// The break-even marker: a dashed line from the axis up into the
/// annotation row, a dot on the base case, and the month labelled there.
fn draw_break_even<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lay: &TimeLayout,
    data: &ChartData,
    base: &[Option<f64>],
    be: usize,
) -> Result<(), ChartError> {
    let fr = &lay.frame;
    let x = fr.px(be as f64);
    let nf = cv.font(size::NOTE, true);
    let label_mid = lay.annot_top + cv.line_h(nf) / 2;
    cv.dashed(
        (x, fr.b),
        (x, label_mid + cv.line_h(nf)),
        VERMILLION,
        cv.px(3.0) as u32,
    )?;
    if let Some(Some(v)) = base.get(be) {
        cv.dot((x, fr.py(*v)), cv.px(8.0), VERMILLION)?;
    }
    let month = data.months.get(be).cloned().unwrap_or_default();
    let text = format!("Break-even: {month} (month {})", be + 1);
    let tw = cv.width(&text, nf);
    let cx = fr.centre_within(x, tw);
    cv.text_boxed(
        &text,
        nf,
        VERMILLION,
        (cx, label_mid),
        HPos::Center,
        VAlign::Middle,
    )
}
