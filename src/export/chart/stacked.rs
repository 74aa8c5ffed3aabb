//! The breakdown and capacity charts: monthly line items (money, or
//! engineer-months lost) as stacked bars, with the net line when some are
//! negative.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;

use super::ChartError;
use super::canvas::Canvas;
use super::format::{Plain, finite, fmt_money, fmt_money_tick, fmt_number};
use super::input::{ChartData, Series};
use super::legend::{Legend, LegendItem, Swatch};
use super::palette::{BLACK, Palette, WHITE};
use super::parts::{draw_plot_note, with_unit};
use super::time::{draw_time_axes, draw_time_overlay, time_layout};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum StackKind {
    Money,
    Capacity,
}

pub(crate) fn draw_stacked<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    data: &ChartData,
    pal: &Palette,
    kind: StackKind,
) -> Result<(), ChartError> {
    let n = data.months.len();
    let cur = data.currency.as_str();
    let series = match kind {
        StackKind::Money => &data.money_items,
        StackKind::Capacity => &data.capacity_em,
    };
    let value = |s: &Series, i: usize| finite(s.values.get(i)).unwrap_or(0.0);
    let visible: Vec<&Series> = series
        .iter()
        .filter(|s| (0..n).any(|i| value(s, i) != 0.0))
        .collect();
    let hidden = series.len() - visible.len();
    let total = |s: &Series| (0..n).map(|i| value(s, i)).sum::<f64>();
    let fmt_total = |v: f64| match kind {
        StackKind::Money => fmt_money(v, cur),
        StackKind::Capacity => fmt_number(v, 0.1, Plain::Amount),
    };

    // Per-month stacks.
    let mut pos_max = 0.0f64;
    let mut neg_min = 0.0f64;
    let mut any_negative = false;
    let mut net = Vec::with_capacity(n);
    for i in 0..n {
        let (mut p, mut q) = (0.0, 0.0);
        for s in &visible {
            let v = value(s, i);
            if v > 0.0 {
                p += v;
            } else {
                q += v;
                any_negative |= v < 0.0;
            }
        }
        pos_max = pos_max.max(p);
        neg_min = neg_min.min(q);
        net.push(p + q);
    }

    // Legend in the visual order of the stacks: items that are mostly
    // positive from the top of the stack down, then the negative ones.
    let mut ups: Vec<&Series> = visible
        .iter()
        .copied()
        .filter(|s| total(s) >= 0.0)
        .collect();
    ups.reverse();
    let downs: Vec<&Series> = visible.iter().copied().filter(|s| total(s) < 0.0).collect();
    let mut items: Vec<LegendItem> = ups
        .iter()
        .chain(downs.iter())
        .map(|s| LegendItem {
            swatch: Swatch::Fill(pal.get(&s.key).to_rgba()),
            label: if s.label.is_empty() {
                s.key.clone()
            } else {
                s.label.clone()
            },
            value: fmt_total(total(s)),
        })
        .collect();
    if any_negative {
        items.push(LegendItem {
            swatch: Swatch::Line(BLACK),
            label: match kind {
                StackKind::Money => "Net per month".into(),
                StackKind::Capacity => "Net lost per month".into(),
            },
            value: fmt_total(net.iter().sum()),
        });
    }
    let legend = Legend {
        title: match kind {
            StackKind::Money => "Horizon total".into(),
            StackKind::Capacity => "Horizon total, engineer-months".into(),
        },
        items,
        note: match hidden {
            0 => String::new(),
            1 => "1 item is zero throughout".into(),
            k => format!("{k} items are zero throughout"),
        },
    };
    let fmt_tick = |v: f64, step: f64| match kind {
        StackKind::Money => fmt_money_tick(v, step, cur),
        StackKind::Capacity => fmt_number(v, step, Plain::Tick),
    };
    let lay = time_layout(
        cv,
        top,
        &data.months,
        true,
        (neg_min, pos_max),
        &fmt_tick,
        &legend,
        0,
    );
    let fr = lay.frame;
    let y_title = match kind {
        StackKind::Money => with_unit("Cost per month", cur),
        StackKind::Capacity => "Engineer-months lost per month".to_string(),
    };
    let hint = match (neg_min < 0.0, kind) {
        (false, _) => "",
        (true, StackKind::Money) => "savings below zero",
        (true, StackKind::Capacity) => "below zero = capacity gained",
    };
    draw_time_axes(cv, &lay, (&y_title, hint))?;

    // Bars.
    let ppm = f64::from(fr.width()) / n.max(1) as f64;
    let fill = if ppm >= 9.0 { 0.72 } else { 1.0 };
    for i in 0..n {
        // Rectangles are half-open [left, right), so neighbours touch
        // exactly when `fill` is 1.
        let xl = fr.px(i as f64 - fill / 2.0);
        let xr = fr.px(i as f64 + fill / 2.0).max(xl + 1);
        let (mut p, mut q) = (0.0f64, 0.0f64);
        for s in &visible {
            let v = value(s, i);
            if v == 0.0 {
                continue;
            }
            let (a, b) = if v > 0.0 {
                let r = (p, p + v);
                p += v;
                r
            } else {
                let r = (q + v, q);
                q += v;
                r
            };
            let (ya, yb) = (fr.py(a), fr.py(b));
            if ya == yb {
                continue;
            }
            cv.rect((xl, ya), (xr, yb), pal.get(&s.key).to_rgba())?;
        }
    }

    if any_negative {
        let pts: Vec<(i32, i32)> = net
            .iter()
            .enumerate()
            .map(|(i, v)| (fr.px(i as f64), fr.py(*v)))
            .collect();
        // White halo so the line stays visible over dark bars.
        let w = (cv.line_width() * 3 / 4).max(1);
        cv.line(pts.clone(), WHITE.to_rgba(), w + cv.px(4.0) as u32)?;
        if n <= 48 {
            for p in &pts {
                cv.dot(*p, cv.px(7.0), WHITE)?;
            }
        }
        cv.line(pts.clone(), BLACK.to_rgba(), w)?;
        if n <= 48 {
            for p in &pts {
                cv.dot(*p, cv.px(5.0), BLACK)?;
            }
        }
    }
    if visible.is_empty() {
        let note = match kind {
            StackKind::Money => "All line items are zero over the horizon.",
            StackKind::Capacity => "No engineering capacity is lost in this scenario.",
        };
        draw_plot_note(cv, &fr, note)?;
    }
    draw_time_overlay(cv, &lay, &legend)
}
