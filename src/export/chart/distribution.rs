//! The distribution: a histogram of the horizon totals of all trials (the
//! middle 80% darker), with P10, P50, P90 and the base case marked and
//! labelled above the bars.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use plotters::style::{Color, RGBColor};

use super::ChartError;
use super::canvas::{Canvas, Frame, VAlign, size};
use super::format::{Plain, fmt_money, fmt_number};
use super::input::{ChartData, SampledSpread};
use super::legend::draw_fill_legend;
use super::palette::{BLACK, BLUE, GRID, SKY, SUBTLE, VERMILLION, hex};
use super::parts::{
    bottom_legend_row, bottom_space, draw_empty, draw_horizon_total_axis, draw_x_grid, draw_y_axis,
    draw_y_title, money_axis_right, money_ticks_across,
};
use super::place::{MarkerLabel, place_marker_labels};
use super::ticks::{nice_ticks, sane_range, tick_count};
use crate::text::group_thousands;

/// The `q`-th quantile (0..=1) of `sorted`, interpolated between neighbours.
///
/// Not `sample::percentile`: that computes the rank as (n − 1)·p / 100, this
/// as q·(n − 1), and the two differ in the last bit for some n (n = 36 at
/// q = 0.005). The result sets the axis range and the bin edges, so a change
/// could move a pixel; the chart keeps its own rule.
fn sorted_quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let i = pos.floor() as usize;
    let frac = pos - i as f64;
    let a = sorted.get(i).copied().unwrap_or(0.0);
    let b = sorted.get(i + 1).copied().unwrap_or(a);
    a + (b - a) * frac
}

/// The trials' totals, sorted, and what the chart reads from them.
struct Spread {
    totals: Vec<f64>,
    /// The range the bins cover: all totals, or the middle 99% when the
    /// extreme tails would squash the bulk.
    lo: f64,
    hi: f64,
    /// Totals outside `lo..=hi`.
    outside: usize,
    /// Every total the same.
    degenerate: bool,
    p10: f64,
    p50: f64,
    p90: f64,
}

/// What the chart reads from the sorted, finite `totals`.
fn spread(totals: Vec<f64>, sampled: &SampledSpread) -> Spread {
    let min = totals.first().copied().unwrap_or(0.0);
    let max = totals.last().copied().unwrap_or(0.0);
    let q_lo = sorted_quantile(&totals, 0.005);
    let q_hi = sorted_quantile(&totals, 0.995);
    let width = q_hi - q_lo;
    let (mut lo, mut hi) = (min, max);
    if width > 0.0 && (max - q_hi > 0.5 * width || q_lo - min > 0.5 * width) {
        lo = q_lo;
        hi = q_hi;
    }
    let outside = totals.iter().filter(|v| **v < lo || **v > hi).count();
    // The given percentiles; any that is missing is recomputed.
    let pick = |given: f64, q: f64| {
        if given.is_finite() {
            given
        } else {
            sorted_quantile(&totals, q)
        }
    };
    Spread {
        lo,
        hi,
        outside,
        degenerate: hi <= lo,
        p10: pick(sampled.total_p10, 0.1),
        p50: pick(sampled.total_p50, 0.5),
        p90: pick(sampled.total_p90, 0.9),
        totals,
    }
}

/// A vertical line at a total, labelled above the bars.
struct Marker {
    x: f64,
    label: String,
    color: RGBColor,
    dashed: bool,
    bold: bool,
    /// Preferred side for the label: true = right of the line.
    right: bool,
}

/// The markers: the median, P10, P90 and the base case, where finite.
fn markers(sp: &Spread, base: f64, cur: &str) -> Vec<Marker> {
    let mut markers = Vec::new();
    for (x, name, bold, right, dashed) in [
        (sp.p50, "P50 (median)", true, true, false),
        (sp.p10, "P10", false, false, true),
        (sp.p90, "P90", false, true, true),
    ] {
        if x.is_finite() {
            markers.push(Marker {
                x,
                label: format!("{name}: {}", fmt_money(x, cur)),
                color: if bold { BLACK } else { hex(0x333333) },
                dashed,
                bold,
                right,
            });
        }
    }
    if base.is_finite() {
        markers.push(Marker {
            x: base,
            label: format!("Base case: {}", fmt_money(base, cur)),
            color: VERMILLION,
            dashed: true,
            bold: false,
            right: true,
        });
    }
    markers
}

/// The share of the trials (in %) in each of `nbins` equal bins across the
/// spread's range, and the bins' width.
fn histogram(sp: &Spread, nbins: usize) -> (Vec<f64>, f64) {
    let bw = if sp.degenerate {
        0.0
    } else {
        (sp.hi - sp.lo) / nbins as f64
    };
    let mut counts = vec![0usize; nbins];
    for v in &sp.totals {
        if *v < sp.lo || *v > sp.hi {
            continue;
        }
        let k = if bw > 0.0 {
            (((v - sp.lo) / bw).floor().max(0.0) as usize).min(nbins - 1)
        } else {
            0
        };
        if let Some(c) = counts.get_mut(k) {
            *c += 1;
        }
    }
    let count = sp.totals.len() as f64;
    let shares = counts.iter().map(|c| *c as f64 * 100.0 / count).collect();
    (shares, bw)
}

/// The distribution chart below the title block starting at `top`; a note
/// instead when there is no spread to show.
pub(crate) fn draw_distribution<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    data: &ChartData,
) -> Result<(), ChartError> {
    let cur = data.currency.as_str();
    let base = data.base_total;
    let base_line = format!("Base-case horizon total: {}", fmt_money(base, cur));
    let Some(sampled) = data.sampled.as_ref() else {
        // `--samples 0` skips sampling even when inputs are ranges (their
        // tornado bars are there): say which case this is.
        let lines: [&str; 3] = if data.tornado.is_empty() {
            [
                "No uncertain inputs: sampling was skipped.",
                "Every trial would give the same total, so there is no spread to show.",
                &base_line,
            ]
        } else {
            [
                "Sampling was skipped (--samples 0), so there is no spread to show.",
                "Run with --samples N (default 10,000) to see the distribution of the total.",
                &base_line,
            ]
        };
        return draw_empty(cv, top, &lines);
    };
    let mut totals: Vec<f64> = sampled
        .totals
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if totals.is_empty() {
        return draw_empty(
            cv,
            top,
            &[
                "No trial results to show.",
                "Sampling produced no horizon totals.",
                &base_line,
            ],
        );
    }
    totals.sort_by(f64::total_cmp);
    let sp = spread(totals, sampled);
    let markers = markers(&sp, base, cur);

    // The x axis takes in the bins and every marker.
    let (mut ax_lo, mut ax_hi) = (sp.lo, sp.hi);
    for mk in &markers {
        ax_lo = ax_lo.min(mk.x);
        ax_hi = ax_hi.max(mk.x);
    }
    let (ax_lo, ax_hi) = sane_range(ax_lo, ax_hi);
    let pad = (ax_hi - ax_lo) * 0.03;
    let (mut fr, plot_w) = frame(cv, top, (ax_lo - pad, ax_hi + pad), cur);
    let plot_h = fr.b - fr.t;

    // Marker labels in rows at the top of the plot, in headroom above the
    // highest bar.
    let (labels, rows) = place_labels(cv, &fr, &markers);
    let mf = cv.font(size::NOTE, false);
    let row_h = cv.line_h(mf) + cv.px(14.0);
    let headroom = rows * row_h + cv.px(14.0);

    let max_bins = (f64::from(plot_w) / f64::from(cv.px(7.0))).floor().max(1.0) as usize;
    let nbins = if sp.degenerate {
        1
    } else {
        ((sp.totals.len() as f64).sqrt().round() as usize)
            .clamp(8, 60)
            .min(max_bins)
    };
    let (shares, bw) = histogram(&sp, nbins);
    let max_share = shares.iter().copied().fold(0.0f64, f64::max).max(1e-9);
    let usable = f64::from((plot_h - headroom).max(plot_h / 3));
    fr.y1 = max_share * f64::from(plot_h) / usable;
    draw_share_axis(
        cv,
        &fr,
        top,
        (max_share, usable),
        &sp,
        sampled.break_even_chance,
    )?;

    let (xt, _) = money_ticks_across(cv, (fr.x0, fr.x1), plot_w, cur);
    draw_x_grid(cv, &fr, &xt.values, GRID.mix(0.7))?;
    draw_bins(cv, &fr, &sp, &shares, bw)?;
    draw_markers(cv, &fr, &markers, &labels, row_h)?;
    let (legend_mid, axis_bottom) = bottom_legend_row(cv);
    draw_horizon_total_axis(cv, &fr, (&xt.values, xt.step), cur, axis_bottom)?;
    draw_fill_legend(
        cv,
        &fr,
        legend_mid,
        [
            (BLUE, "Middle 80% of trials (P10–P90)"),
            (SKY, "Lowest and highest 10%"),
        ],
    )
}

/// The plot: below the y-axis title row, above the money axis and the
/// legend row, right of the share labels; x from `x0` to `x1` (y is set once
/// the bins are known). Returns the frame and its width, at least 10.
fn frame<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    (x0, x1): (f64, f64),
    cur: &str,
) -> (Frame, i32) {
    let m = cv.margin();
    let tf = cv.font(size::TICK, false);
    let af = cv.font(size::AXIS_TITLE, true);
    let plot_t = top + cv.line_h(af) + cv.px(16.0) + cv.cap(tf) / 2 + cv.px(6.0);
    let (_, axis_bottom) = bottom_legend_row(cv);
    let plot_h = (axis_bottom - bottom_space(cv) - plot_t).max(10);
    let plot_l = m + cv.width("88.8%", tf) + cv.px(14.0);
    let plot_r = money_axis_right(cv, cur);
    let frame = Frame::new((plot_l, plot_t, plot_r, plot_h), (x0, x1), (0.0, 1.0));
    (frame, (plot_r - plot_l).max(10))
}

/// Places the markers' labels (see [`place_marker_labels`]); returns them
/// and the rows used.
fn place_labels<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    markers: &[Marker],
) -> (Vec<MarkerLabel>, i32) {
    let xs: Vec<i32> = markers.iter().map(|mk| fr.px(mk.x)).collect();
    let widths: Vec<i32> = markers
        .iter()
        .map(|mk| cv.width(&mk.label, cv.font(size::NOTE, mk.bold)))
        .collect();
    let prefs: Vec<bool> = markers.iter().map(|mk| mk.right).collect();
    let gap = cv.px(12.0);
    place_marker_labels(&xs, &widths, &prefs, (fr.l + 2, fr.r - 2), gap, 4)
}

/// The share axis (up to `max_share`, on the `usable` height under the
/// headroom), the note on trials beyond the axis, and the y-axis title.
fn draw_share_axis<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    top: i32,
    (max_share, usable): (f64, f64),
    sp: &Spread,
    break_even_chance: f64,
) -> Result<(), ChartError> {
    let yt = nice_ticks(
        0.0,
        max_share,
        tick_count(cv, usable, 3.2).clamp(2, 6),
        false,
    );
    let y_ticks: Vec<f64> = yt.values.iter().copied().filter(|v| *v <= fr.y1).collect();
    let y_labels: Vec<String> = y_ticks
        .iter()
        .map(|v| format!("{}%", fmt_number(*v, yt.step, Plain::Tick)))
        .collect();
    draw_y_axis(cv, fr, &y_ticks, &y_labels)?;
    let note = if sp.degenerate {
        format!(
            "All {} trials gave the same total.",
            group_thousands(&sp.totals.len().to_string())
        )
    } else if sp.outside > 0 {
        let n = group_thousands(&sp.outside.to_string());
        if sp.outside == 1 {
            "1 extreme trial lies beyond the axis.".to_string()
        } else {
            format!("{n} extreme trials lie beyond the axis.")
        }
    } else {
        String::new()
    };
    let chance = format!(
        "Break-even chance: {} of trials end at or below 0.",
        crate::text::chance_text(break_even_chance)
    );
    let note = if note.is_empty() {
        chance
    } else {
        format!("{chance} {note}")
    };
    let nf = cv.font(size::NOTE, false);
    let note = cv.fit(&note, nf, fr.width() * 2 / 3);
    let note_w = if note.is_empty() {
        0
    } else {
        cv.width(&note, nf) + cv.px(30.0)
    };
    cv.text(
        &note,
        nf,
        SUBTLE,
        (fr.r, top + cv.px(2.0)),
        HPos::Right,
        VAlign::Top,
    )?;
    let m = cv.margin();
    draw_y_title(cv, ("Share of trials", ""), m, top, fr.r - m - note_w)
}

/// The bins: those whose middle lies between P10 and P90 in blue, the others
/// in light blue; one narrow bar when every total is the same.
fn draw_bins<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    sp: &Spread,
    shares: &[f64],
    bw: f64,
) -> Result<(), ChartError> {
    let (in_lo, in_hi) = (sp.p10.min(sp.p90), sp.p10.max(sp.p90));
    for (k, share) in shares.iter().enumerate() {
        if *share <= 0.0 {
            continue;
        }
        let (a, b, c) = if sp.degenerate {
            let half = (fr.x1 - fr.x0) * 0.01;
            (sp.lo - half, sp.lo + half, sp.lo)
        } else {
            let a = sp.lo + bw * k as f64;
            (a, a + bw, a + bw / 2.0)
        };
        let inside = c >= in_lo && c <= in_hi;
        let color = if inside { BLUE } else { SKY };
        let (xa, xb) = (fr.px(a), fr.px(b));
        // A pixel between bars wide enough to spare one.
        let xb = if xb - xa >= 4 { xb - 1 } else { xb };
        cv.rect((xa, fr.py(*share)), (xb.max(xa), fr.b), color.to_rgba())?;
    }
    Ok(())
}

/// Each marker's line from the axis up to its label, and the label.
fn draw_markers<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    markers: &[Marker],
    labels: &[MarkerLabel],
    row_h: i32,
) -> Result<(), ChartError> {
    let lw = cv.px(3.0) as u32;
    for (mk, p) in markers.iter().zip(labels) {
        let x = fr.px(mk.x);
        let label_y = fr.t + cv.px(8.0) + p.row * row_h;
        if mk.dashed {
            cv.dashed((x, fr.b), (x, label_y), mk.color, lw)?;
        } else {
            cv.line(vec![(x, fr.b), (x, label_y)], mk.color.to_rgba(), lw + 1)?;
        }
        cv.text_boxed(
            &mk.label,
            cv.font(size::NOTE, mk.bold),
            mk.color,
            (p.text_x, label_y),
            p.hpos,
            VAlign::Top,
        )?;
    }
    Ok(())
}
