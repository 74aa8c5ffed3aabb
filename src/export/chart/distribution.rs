//! The distribution: a histogram of the horizon totals of all trials, with
//! P10, P50, P90 and the base case marked.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::RGBColor;
use plotters::style::text_anchor::HPos;

use super::ChartError;
use super::canvas::{Canvas, Frame, VAlign, size};
use super::format::{Plain, fmt_money, fmt_number};
use super::input::ChartData;
use super::legend::draw_fill_legend;
use super::palette::{BLACK, BLUE, GRID, SKY, SUBTLE, VERMILLION, hex};
use super::parts::{
    bottom_space, draw_empty, draw_horizon_total_axis, draw_x_grid, draw_y_axis, draw_y_title,
    money_ticks_across,
};
use super::place::place_marker_labels;
use super::ticks::{nice_ticks, sane_range, tick_count};
use crate::text::group_thousands;

fn percentile(sorted: &[f64], q: f64) -> f64 {
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

struct Marker {
    x: f64,
    label: String,
    color: RGBColor,
    dashed: bool,
    bold: bool,
    /// Preferred side for the label: true = right of the line.
    right: bool,
}

pub(crate) fn draw_distribution<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    data: &ChartData,
) -> Result<(), ChartError> {
    let cur = data.currency.as_str();
    let base = data.base_total;
    let Some(sampled) = data.sampled.as_ref() else {
        let line = format!("Base-case horizon total: {}", fmt_money(base, cur));
        return draw_empty(
            cv,
            top,
            &[
                "No uncertain inputs: sampling was skipped.",
                "Every trial would give the same total, so there is no spread to show.",
                &line,
            ],
        );
    };
    let mut totals: Vec<f64> = sampled
        .totals
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if totals.is_empty() {
        let line = format!("Base-case horizon total: {}", fmt_money(base, cur));
        return draw_empty(
            cv,
            top,
            &[
                "No trial results to show.",
                "Sampling produced no horizon totals.",
                &line,
            ],
        );
    }
    totals.sort_by(f64::total_cmp);
    let count = totals.len();
    let min = totals.first().copied().unwrap_or(0.0);
    let max = totals.last().copied().unwrap_or(0.0);

    // Axis range: clip extreme tails so the bulk stays readable.
    let q_lo = percentile(&totals, 0.005);
    let q_hi = percentile(&totals, 0.995);
    let spread = q_hi - q_lo;
    let (mut lo, mut hi) = (min, max);
    if spread > 0.0 && (max - q_hi > 0.5 * spread || q_lo - min > 0.5 * spread) {
        lo = q_lo;
        hi = q_hi;
    }
    let outside = totals.iter().filter(|v| **v < lo || **v > hi).count();
    let degenerate = hi <= lo;
    // Use the given percentiles; recompute any that are missing.
    let pick = |given: f64, q: f64| {
        if given.is_finite() {
            given
        } else {
            percentile(&totals, q)
        }
    };
    let p10 = pick(sampled.total_p10, 0.1);
    let p50 = pick(sampled.total_p50, 0.5);
    let p90 = pick(sampled.total_p90, 0.9);
    let mut markers = Vec::new();
    for (x, name, bold, right, dashed) in [
        (p50, "P50 (median)", true, true, false),
        (p10, "P10", false, false, true),
        (p90, "P90", false, true, true),
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
    let (mut ax_lo, mut ax_hi) = (lo, hi);
    for mk in &markers {
        ax_lo = ax_lo.min(mk.x);
        ax_hi = ax_hi.max(mk.x);
    }
    let (ax_lo, ax_hi) = sane_range(ax_lo, ax_hi);
    let pad = (ax_hi - ax_lo) * 0.03;
    let (x0, x1) = (ax_lo - pad, ax_hi + pad);

    // Layout.
    let m = cv.margin();
    let lf = cv.font(size::LEGEND, false);
    let tf = cv.font(size::TICK, false);
    let af = cv.font(size::AXIS_TITLE, true);
    let mf = cv.font(size::NOTE, false);
    let mfb = cv.font(size::NOTE, true);
    let plot_t = top + cv.line_h(af) + cv.px(16.0) + cv.cap(tf) / 2 + cv.px(6.0);
    let legend_mid = cv.h - m - cv.line_h(lf) / 2;
    let plot_b = legend_mid - cv.line_h(lf) / 2 - cv.px(22.0) - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);
    let y_label_w = cv.width("88.8%", tf);
    let plot_l = m + y_label_w + cv.px(14.0);
    let plot_r = cv.w - m - cv.width(&format!("\u{2212}8.88M {cur}"), tf) / 2;
    let plot_w = (plot_r - plot_l).max(10);
    let mut fr = Frame {
        l: plot_l,
        t: plot_t,
        r: plot_r,
        b: plot_t + plot_h,
        x0,
        x1,
        y0: 0.0,
        y1: 1.0,
    };

    // Marker labels: rows at the top of the plot, inside headroom.
    let xs: Vec<i32> = markers.iter().map(|mk| fr.px(mk.x)).collect();
    let widths: Vec<i32> = markers
        .iter()
        .map(|mk| cv.width(&mk.label, if mk.bold { mfb } else { mf }))
        .collect();
    let prefs: Vec<bool> = markers.iter().map(|mk| mk.right).collect();
    let gap = cv.px(12.0);
    let (placed, rows) = place_marker_labels(&xs, &widths, &prefs, (fr.l + 2, fr.r - 2), gap, 4);
    let row_h = cv.line_h(mf) + cv.px(14.0);
    let headroom = rows * row_h + cv.px(14.0);

    // Histogram.
    let max_bins = (f64::from(plot_w) / f64::from(cv.px(7.0))).floor().max(1.0) as usize;
    let nbins = if degenerate {
        1
    } else {
        ((count as f64).sqrt().round() as usize)
            .clamp(8, 60)
            .min(max_bins)
    };
    let bw = if degenerate {
        0.0
    } else {
        (hi - lo) / nbins as f64
    };
    let mut counts = vec![0usize; nbins];
    for v in &totals {
        if *v < lo || *v > hi {
            continue;
        }
        let k = if bw > 0.0 {
            (((v - lo) / bw).floor().max(0.0) as usize).min(nbins - 1)
        } else {
            0
        };
        if let Some(c) = counts.get_mut(k) {
            *c += 1;
        }
    }
    let shares: Vec<f64> = counts
        .iter()
        .map(|c| *c as f64 * 100.0 / count as f64)
        .collect();
    let max_share = shares.iter().copied().fold(0.0f64, f64::max).max(1e-9);
    let usable = f64::from((plot_h - headroom).max(plot_h / 3));
    let y_top = max_share * f64::from(plot_h) / usable;
    fr.y1 = y_top;
    let target = tick_count(cv, usable, 3.2);
    let yt = nice_ticks(0.0, max_share, target.clamp(2, 6), false);
    let y_ticks: Vec<f64> = yt.values.iter().copied().filter(|v| *v <= y_top).collect();
    let y_labels: Vec<String> = y_ticks
        .iter()
        .map(|v| format!("{}%", fmt_number(*v, yt.step, Plain::Tick)))
        .collect();
    draw_y_axis(cv, &fr, &y_ticks, &y_labels)?;
    let note = if degenerate {
        format!(
            "All {} trials gave the same total.",
            group_thousands(&count.to_string())
        )
    } else if outside > 0 {
        let n = group_thousands(&outside.to_string());
        if outside == 1 {
            "1 extreme trial lies beyond the axis.".to_string()
        } else {
            format!("{n} extreme trials lie beyond the axis.")
        }
    } else {
        String::new()
    };
    let nf = cv.font(size::NOTE, false);
    let note = cv.fit(&note, nf, fr.width() / 2);
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
    draw_y_title(cv, ("Share of trials", ""), m, top, fr.r - m - note_w)?;

    let (xt, _) = money_ticks_across(cv, (x0, x1), plot_w, cur);
    let (xticks, xstep) = (xt.values, xt.step);
    draw_x_grid(cv, &fr, &xticks, GRID.mix(0.7))?;

    let (in_lo, in_hi) = (p10.min(p90), p10.max(p90));
    for (k, share) in shares.iter().enumerate() {
        if *share <= 0.0 {
            continue;
        }
        let (a, b, c) = if degenerate {
            let half = (x1 - x0) * 0.01;
            (lo - half, lo + half, lo)
        } else {
            let a = lo + bw * k as f64;
            (a, a + bw, a + bw / 2.0)
        };
        let inside = c >= in_lo && c <= in_hi;
        let color = if inside { BLUE } else { SKY };
        let (xa, xb) = (fr.px(a), fr.px(b));
        let xb = if xb - xa >= 4 { xb - 1 } else { xb };
        cv.rect((xa, fr.py(*share)), (xb.max(xa), fr.b), color.to_rgba())?;
    }

    // Marker lines and labels.
    let lw = cv.px(3.0) as u32;
    for (mk, p) in markers.iter().zip(&placed) {
        let x = fr.px(mk.x);
        let label_y = fr.t + cv.px(8.0) + p.row * row_h;
        if mk.dashed {
            cv.dashed((x, fr.b), (x, label_y), mk.color, lw)?;
        } else {
            cv.line(vec![(x, fr.b), (x, label_y)], mk.color.to_rgba(), lw + 1)?;
        }
        let f = if mk.bold { mfb } else { mf };
        cv.text_boxed(
            &mk.label,
            f,
            mk.color,
            (p.text_x, label_y),
            p.hpos,
            VAlign::Top,
        )?;
    }

    draw_horizon_total_axis(
        cv,
        &fr,
        (&xticks, xstep),
        cur,
        legend_mid - cv.line_h(lf) / 2,
    )?;

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
