//! Charts over the months (cumulative, breakdown, capacity, comparison):
//! their shared layout, axes and overlay, and the P10–P90 band.

use plotters::prelude::DrawingBackend;
use plotters::style::RGBAColor;

use super::ChartError;
use super::canvas::{Canvas, Frame, Surface, size};
use super::legend::{Legend, LegendMetrics, draw_legend_column, fit_legend};
use super::parts::{
    bottom_space, draw_x_baseline, draw_x_labels, draw_x_title, draw_y_axis, draw_y_title,
};
use super::place::thin_labels;
use super::ticks::{month_ticks, nice_ticks, tick_count};

/// Layout shared by the three month-based charts.
pub(crate) struct TimeLayout {
    pub(crate) frame: Frame,
    pub(crate) y_title_top: i32,
    pub(crate) annot_top: i32,
    pub(crate) legend_x: i32,
    pub(crate) legend_metrics: Option<(LegendMetrics, usize)>,
    pub(crate) y_labels: Vec<String>,
    pub(crate) y_ticks: Vec<f64>,
    pub(crate) x_labels: Vec<(i32, String)>,
}

/// What a month-based chart shows along its axes.
pub(crate) struct TimeAxes<'a> {
    /// The months along the x axis ("YYYY-MM", or "1", "2", ...).
    pub(crate) months: &'a [String],
    /// Bars, each month a slot, rather than lines through the months.
    pub(crate) bars: bool,
    /// The values the y axis must cover.
    pub(crate) y_range: (f64, f64),
    /// How a y tick is written, from its value and the step.
    pub(crate) y_label: &'a dyn Fn(f64, f64) -> String,
    /// Rows of annotations or notes between the y title and the plot.
    pub(crate) annotation_rows: i32,
}

/// Lays out a month-based chart: y title row, annotation rows, plot, month
/// labels, x title and a legend column on the right.
pub(crate) fn time_layout<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    axes: &TimeAxes<'_>,
    legend: &Legend,
) -> TimeLayout {
    let TimeAxes {
        months,
        bars,
        y_range,
        y_label: y_fmt,
        annotation_rows: annot_rows,
    } = *axes;
    let m = cv.margin();
    let n = months.len().max(1);
    let af = cv.font(size::AXIS_TITLE, true);
    let tf = cv.font(size::TICK, false);
    let nf = cv.font(size::NOTE, false);
    let y_title_top = top;
    let annot_top = y_title_top + cv.line_h(af) + cv.px(16.0);
    let annot_h = annot_rows * (cv.line_h(nf) + cv.px(16.0));
    let plot_t = annot_top + annot_h + cv.px(6.0) + cv.cap(tf) / 2;
    let plot_b = cv.h - m - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);

    // Y ticks from the plot height.
    let target = tick_count(cv, f64::from(plot_h), 3.2);
    let ticks = nice_ticks(y_range.0, y_range.1, target.clamp(3, 8), true);
    let labels: Vec<String> = ticks.values.iter().map(|v| y_fmt(*v, ticks.step)).collect();
    let label_w = labels.iter().map(|l| cv.width(l, tf)).max().unwrap_or(0);
    let plot_l = m + label_w + cv.px(14.0);

    // Legend column on the right.
    let month_w = cv.width("2026-09", tf);
    let (legend_x, legend_metrics, plot_r) = if legend.is_empty() {
        (cv.w - m, None, cv.w - m - month_w / 2)
    } else {
        let max_w = (f64::from(cv.w) * 0.34) as i32;
        let (lm, fit) = fit_legend(cv, legend, max_w, cv.h - m - plot_t);
        let lx = cv.w - m - lm.width;
        let r = lx - cv.px(36.0).max(month_w / 2 + cv.px(12.0));
        (lx, Some((lm, fit)), r)
    };
    let plot_r = plot_r.max(plot_l + 10);
    let (x0, x1) = if bars || n == 1 {
        (-0.5, n as f64 - 0.5)
    } else {
        (0.0, (n - 1) as f64)
    };
    let frame = Frame::new(
        (plot_l, plot_t, plot_r, plot_h),
        (x0, x1),
        (ticks.lo, ticks.hi),
    );
    let ppm = f64::from(frame.width()) / (x1 - x0).max(1.0);
    let idx = month_ticks(months, ppm, f64::from(month_w) + f64::from(cv.px(30.0)));
    let x_labels = idx
        .into_iter()
        .filter_map(|i| months.get(i).map(|s| (frame.px(i as f64), s.clone())))
        .collect();
    let x_labels = thin_labels(cv, x_labels);
    TimeLayout {
        frame,
        y_title_top,
        annot_top,
        legend_x,
        legend_metrics,
        y_labels: labels,
        y_ticks: ticks.values,
        x_labels,
    }
}

/// The y axis (grid, labels) and its title `(title, hint)` of a month-based
/// chart.
pub(crate) fn draw_time_axes<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lay: &TimeLayout,
    y_title: (&str, &str),
) -> Result<(), ChartError> {
    let fr = &lay.frame;
    draw_y_axis(cv, fr, &lay.y_ticks, &lay.y_labels)?;
    draw_y_title(
        cv,
        y_title,
        cv.margin(),
        lay.y_title_top,
        fr.r - cv.margin(),
    )
}

/// What goes over the data of a month-based chart: the bottom axis, its
/// labels and title `(title, hint)`, and the legend column.
pub(crate) fn draw_time_overlay<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lay: &TimeLayout,
    x_title: (&str, &str),
    legend: &Legend,
) -> Result<(), ChartError> {
    let fr = &lay.frame;
    draw_x_baseline(cv, fr)?;
    draw_x_labels(cv, fr, &lay.x_labels)?;
    draw_x_title(cv, x_title, fr, cv.h - cv.margin())?;
    if let Some((lm, fit)) = &lay.legend_metrics {
        draw_legend_column(cv, legend, lm, *fit, (lay.legend_x, fr.t))?;
    }
    Ok(())
}

/// The months of a P10/P50/P90 band that can be drawn: the first `months`,
/// up to the first that is not finite (the band stops there).
pub(crate) fn finite_band(band: Option<&[[f64; 3]]>, months: usize) -> Vec<[f64; 3]> {
    band.unwrap_or_default()
        .iter()
        .take(months)
        .take_while(|b| b.iter().all(|v| v.is_finite()))
        .copied()
        .collect()
}

/// Fills the area between the P10 and P90 of `bands` (one entry per x = 0, 1,
/// ...); a single entry is a short bar.
pub(crate) fn fill_band<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    bands: &[[f64; 3]],
    band_color: RGBAColor,
) -> Result<(), ChartError> {
    if bands.len() == 1 {
        if let Some(b) = bands.first() {
            let x = fr.px(0.0);
            let half = cv.px(14.0);
            cv.rect((x - half, fr.py(b[2])), (x + half, fr.py(b[0])), band_color)?;
        }
    } else if cv.surface == Surface::Bitmap {
        // One pixel column at a time: plotters' polygon fill leaves
        // holes along steep edges, and columns blend evenly.
        for (i, pair) in bands.windows(2).enumerate() {
            let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let xa = fr.px(i as f64);
            let xb = fr.px(i as f64 + 1.0);
            let end = if i + 2 == bands.len() { xb + 1 } else { xb };
            for x in xa..end {
                let t = if xb > xa {
                    f64::from(x - xa) / f64::from(xb - xa)
                } else {
                    0.0
                };
                let lo = fr.py(a[0] + t * (b[0] - a[0]));
                let hi = fr.py(a[2] + t * (b[2] - a[2]));
                cv.rect((x, lo.min(hi)), (x + 1, lo.max(hi) + 1), band_color)?;
            }
        }
    } else if bands.len() > 1 {
        let mut poly: Vec<(i32, i32)> = bands
            .iter()
            .enumerate()
            .map(|(i, b)| (fr.px(i as f64), fr.py(b[0])))
            .collect();
        poly.extend(
            bands
                .iter()
                .enumerate()
                .rev()
                .map(|(i, b)| (fr.px(i as f64), fr.py(b[2]))),
        );
        cv.polygon(poly, band_color)?;
    }
    Ok(())
}
