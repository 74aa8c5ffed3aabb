//! The cumulative chart: the base-case cumulative total over the months,
//! the P10–P90 band and median of the trials, and the break-even month.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::HPos;

use super::ChartError;
use super::canvas::{Canvas, VAlign, size};
use super::format::{finite, fmt_money, fmt_money_tick};
use super::input::ChartData;
use super::legend::{Legend, LegendItem, Swatch};
use super::palette::{BLACK, BLUE, SKY, VERMILLION, ZERO};
use super::parts::{SAVINGS_HINT, with_unit};
use super::time::{draw_time_axes, draw_time_overlay_no_zero, fill_band, time_layout};

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
    let bands: Vec<[f64; 3]> = data
        .sampled
        .as_ref()
        .map(|s| {
            s.bands
                .iter()
                .take(n)
                .take_while(|b| b.iter().all(|v| v.is_finite()))
                .copied()
                .collect()
        })
        .unwrap_or_default();
    let break_even = data.break_even.filter(|&i| i < n);

    let last_month = data.months.last().cloned().unwrap_or_default();
    let mut items = vec![LegendItem {
        swatch: Swatch::Line(BLACK),
        label: "Base case".into(),
        value: base
            .iter()
            .rev()
            .flatten()
            .next()
            .map(|v| fmt_money(*v, cur))
            .unwrap_or_default(),
    }];
    if let Some(last) = bands.last() {
        items.push(LegendItem {
            swatch: Swatch::Dashed(BLUE),
            label: "Median of trials (P50)".into(),
            value: fmt_money(last[1], cur),
        });
        items.push(LegendItem {
            swatch: Swatch::Fill(SKY.mix(0.35)),
            label: "P10–P90 (80% of trials)".into(),
            value: String::new(),
        });
        items.push(LegendItem {
            swatch: Swatch::Blank,
            label: "P90".into(),
            value: fmt_money(last[2], cur),
        });
        items.push(LegendItem {
            swatch: Swatch::Blank,
            label: "P10".into(),
            value: fmt_money(last[0], cur),
        });
    }
    if let Some(be) = break_even {
        items.push(LegendItem {
            swatch: Swatch::Dashed(VERMILLION),
            label: "Break-even".into(),
            value: data.months.get(be).cloned().unwrap_or_default(),
        });
    }
    let legend = Legend {
        title: format!("At {last_month}"),
        items,
        note: String::new(),
    };

    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    for v in base.iter().flatten().chain(bands.iter().flatten()) {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let fmt = |v: f64, step: f64| fmt_money_tick(v, step, cur);
    let lay = time_layout(
        cv,
        top,
        &data.months,
        false,
        (lo, hi),
        &fmt,
        &legend,
        i32::from(break_even.is_some()),
    );
    let fr = lay.frame;
    let hint = if fr.y0 < 0.0 { SAVINGS_HINT } else { "" };
    draw_time_axes(cv, &lay, (&with_unit("Cumulative cost", cur), hint))?;

    // P10–P90 band.
    fill_band(cv, &fr, &bands, SKY.mix(0.35))?;

    // Zero line under the lines but over the band.
    if fr.y0 < 0.0 && fr.y1 > 0.0 {
        let y = fr.py(0.0);
        cv.line(
            vec![(fr.l, y), (fr.r, y)],
            ZERO.to_rgba(),
            cv.px(2.0) as u32,
        )?;
    }

    let lw = cv.line_width();

    // Base case: contiguous runs of finite values.
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
        cv.line(r, BLACK.to_rgba(), lw)?;
    }

    // Median dashed on top, so it stays visible where it meets the base case.
    if !bands.is_empty() {
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
        cv.dashed_path(pts, BLUE, lw)?;
    }

    // Break-even marker: dashed line up into the annotation row, with label.
    if let Some(be) = break_even {
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
        let cx = x.clamp(fr.l + tw / 2, (fr.r - tw / 2).max(fr.l + tw / 2));
        cv.text_boxed(
            &text,
            nf,
            VERMILLION,
            (cx, label_mid),
            HPos::Center,
            VAlign::Middle,
        )?;
    }

    draw_time_overlay_no_zero(cv, &lay, &legend)
}
