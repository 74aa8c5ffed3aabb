//! The breakdown and capacity charts: monthly line items (money, or
//! engineer-months lost) as stacked bars, positive items up from zero and
//! negative ones down, with the net line when some are negative. The two
//! charts differ only in their series, words and number format
//! ([`Stacked`]).

use plotters::prelude::DrawingBackend;
use plotters::style::Color;

use super::ChartError;
use super::canvas::{Canvas, Frame};
use super::format::{Plain, finite, fmt_money, fmt_money_tick, fmt_number};
use super::input::{ChartData, Series};
use super::legend::{Legend, LegendItem, Swatch};
use super::palette::{BLACK, Palette, WHITE};
use super::parts::{draw_plot_note, draw_zero_line, with_unit};
use super::time::{TimeAxes, draw_time_axes, draw_time_overlay, time_layout};

/// Which stacked chart.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stacked {
    /// Monthly cost by line item (money).
    Breakdown,
    /// Engineer-months lost per month by cause.
    Capacity,
}

impl Stacked {
    fn series(self, data: &ChartData) -> &[Series] {
        match self {
            Stacked::Breakdown => &data.money_items,
            Stacked::Capacity => &data.capacity_em,
        }
    }

    /// A horizon total in the legend.
    fn total_text(self, v: f64, cur: &str) -> String {
        match self {
            Stacked::Breakdown => fmt_money(v, cur),
            Stacked::Capacity => fmt_number(v, 0.1, Plain::Amount),
        }
    }

    fn tick_text(self, v: f64, step: f64, cur: &str) -> String {
        match self {
            Stacked::Breakdown => fmt_money_tick(v, step, cur),
            Stacked::Capacity => fmt_number(v, step, Plain::Tick),
        }
    }

    fn y_title(self, cur: &str, rust_line: bool) -> String {
        match self {
            Stacked::Breakdown => with_unit("Cost per month", cur),
            Stacked::Capacity if rust_line => {
                "Engineer-months lost per month · engineers working in Rust".to_string()
            }
            Stacked::Capacity => "Engineer-months lost per month".to_string(),
        }
    }

    /// The engineers working in Rust each month, drawn as a line on the
    /// capacity chart when waves, attrition or hires make it differ from the
    /// team size (engineer-months a month are engineers: one axis serves both).
    fn rust_line(self, data: &ChartData) -> Option<&[f64]> {
        match self {
            Stacked::Capacity => data.rust_engineers.as_deref(),
            Stacked::Breakdown => None,
        }
    }

    /// What a bar below zero means.
    fn below_zero(self) -> &'static str {
        match self {
            Stacked::Breakdown => "savings below zero",
            Stacked::Capacity => "below zero = capacity gained",
        }
    }

    fn net_label(self) -> &'static str {
        match self {
            Stacked::Breakdown => "Net per month",
            Stacked::Capacity => "Net lost per month",
        }
    }

    fn legend_title(self) -> &'static str {
        match self {
            Stacked::Breakdown => "Horizon total",
            Stacked::Capacity => "Horizon total, engineer-months",
        }
    }

    /// The note in an empty plot.
    fn all_zero(self) -> &'static str {
        match self {
            Stacked::Breakdown => "All line items are zero over the horizon.",
            Stacked::Capacity => "No engineering capacity is lost in this scenario.",
        }
    }
}

/// The value of `s` in month `i`; zero where it is missing or not finite.
fn value(s: &Series, i: usize) -> f64 {
    finite(s.values.get(i)).unwrap_or(0.0)
}

/// The stacks of the months: how high and how low they reach, and the net
/// (sum) of each month.
struct Stacks {
    pos_max: f64,
    neg_min: f64,
    any_negative: bool,
    net: Vec<f64>,
}

/// The stacks of the `visible` items over `n` months.
fn stacks(visible: &[&Series], n: usize) -> Stacks {
    let mut st = Stacks {
        pos_max: 0.0,
        neg_min: 0.0,
        any_negative: false,
        net: Vec::with_capacity(n),
    };
    for i in 0..n {
        let (mut p, mut q) = (0.0, 0.0);
        for s in visible {
            let v = value(s, i);
            if v > 0.0 {
                p += v;
            } else {
                q += v;
                st.any_negative |= v < 0.0;
            }
        }
        st.pos_max = st.pos_max.max(p);
        st.neg_min = st.neg_min.min(q);
        st.net.push(p + q);
    }
    st
}

/// The stacked `chart` below the title block starting at `top`.
pub(crate) fn draw_stacked<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    data: &ChartData,
    pal: &Palette,
    chart: Stacked,
) -> Result<(), ChartError> {
    let n = data.months.len();
    let cur = data.currency.as_str();
    let series = chart.series(data);
    // Items that are zero throughout are left out (and counted in a note).
    let visible: Vec<&Series> = series
        .iter()
        .filter(|s| (0..n).any(|i| value(s, i) != 0.0))
        .collect();
    let st = stacks(&visible, n);
    let rust = chart.rust_line(data);
    let mut legend = legend(
        chart,
        data,
        &visible,
        series.len() - visible.len(),
        pal,
        &st,
    );
    let rust_max = rust.map_or(0.0, |r| {
        r.iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max)
    });
    if let Some(r) = rust {
        legend.items.push(LegendItem {
            swatch: Swatch::Dashed(BLACK),
            label: "Engineers working in Rust".into(),
            value: format!(
                "{} at the end",
                fmt_number(finite(r.last()).unwrap_or(0.0), 0.1, Plain::Amount)
            ),
        });
    }
    let fmt_tick = |v: f64, step: f64| chart.tick_text(v, step, cur);
    let axes = TimeAxes {
        months: &data.months,
        bars: true,
        y_range: (st.neg_min, st.pos_max.max(rust_max)),
        y_label: &fmt_tick,
        annotation_rows: 0,
    };
    let lay = time_layout(cv, top, &axes, &legend);
    let fr = lay.frame;
    let hint = if st.neg_min < 0.0 {
        chart.below_zero()
    } else {
        ""
    };
    draw_time_axes(cv, &lay, (&chart.y_title(cur, rust.is_some()), hint))?;
    draw_bars(cv, &fr, &visible, n, pal)?;
    if st.any_negative {
        draw_net_line(cv, &fr, &st.net)?;
    }
    if let Some(r) = rust {
        let pts: Vec<(i32, i32)> = r
            .iter()
            .enumerate()
            .map(|(i, v)| (fr.px(i as f64), fr.py(*v)))
            .collect();
        cv.dashed_path(pts, BLACK, cv.line_width())?;
    }
    if visible.is_empty() {
        draw_plot_note(cv, &fr, chart.all_zero())?;
    }
    // The zero line over the bars.
    draw_zero_line(cv, &fr)?;
    draw_time_overlay(cv, &lay, ("Month", ""), &legend)
}

/// The legend, in the visual order of the stacks: the items that are mostly
/// positive from the top of the stack down, then the negative ones, then the
/// net line; each with its horizon total.
fn legend(
    chart: Stacked,
    data: &ChartData,
    visible: &[&Series],
    hidden: usize,
    pal: &Palette,
    st: &Stacks,
) -> Legend {
    let cur = data.currency.as_str();
    let n = data.months.len();
    let total = |s: &Series| (0..n).map(|i| value(s, i)).sum::<f64>();
    let mut ups: Vec<&Series> = visible
        .iter()
        .copied()
        .filter(|s| total(s) >= 0.0)
        .collect();
    ups.reverse();
    let downs = visible.iter().copied().filter(|s| total(s) < 0.0);
    let mut items: Vec<LegendItem> = ups
        .into_iter()
        .chain(downs)
        .map(|s| LegendItem {
            swatch: Swatch::Fill(pal.get(&s.key).to_rgba()),
            label: if s.label.is_empty() {
                s.key.clone()
            } else {
                s.label.clone()
            },
            value: chart.total_text(total(s), cur),
        })
        .collect();
    if st.any_negative {
        items.push(LegendItem {
            swatch: Swatch::Line(BLACK),
            label: chart.net_label().into(),
            value: chart.total_text(st.net.iter().sum(), cur),
        });
    }
    Legend {
        title: chart.legend_title().into(),
        items,
        note: match hidden {
            0 => String::new(),
            1 => "1 item is zero throughout".into(),
            k => format!("{k} items are zero throughout"),
        },
    }
}

/// One bar per month: each item's segment stacked up from zero when
/// positive, down when negative, in the items' order.
fn draw_bars<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    visible: &[&Series],
    n: usize,
    pal: &Palette,
) -> Result<(), ChartError> {
    let ppm = f64::from(fr.width()) / n.max(1) as f64;
    let fill = if ppm >= 9.0 { 0.72 } else { 1.0 };
    for i in 0..n {
        // Rectangles are half-open [left, right), so neighbours touch
        // exactly when `fill` is 1.
        let xl = fr.px(i as f64 - fill / 2.0);
        let xr = fr.px(i as f64 + fill / 2.0).max(xl + 1);
        let (mut p, mut q) = (0.0f64, 0.0f64);
        for s in visible {
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
    Ok(())
}

/// The net of each month as a black line with a white halo, so it stays
/// visible over dark bars; with dots while the months are few.
fn draw_net_line<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    net: &[f64],
) -> Result<(), ChartError> {
    let pts: Vec<(i32, i32)> = net
        .iter()
        .enumerate()
        .map(|(i, v)| (fr.px(i as f64), fr.py(*v)))
        .collect();
    let dots = net.len() <= 48;
    let w = (cv.line_width() * 3 / 4).max(1);
    cv.line(pts.clone(), WHITE.to_rgba(), w + cv.px(4.0) as u32)?;
    if dots {
        for p in &pts {
            cv.dot(*p, cv.px(7.0), WHITE)?;
        }
    }
    cv.line(pts.clone(), BLACK.to_rgba(), w)?;
    if dots {
        for p in &pts {
            cv.dot(*p, cv.px(5.0), BLACK)?;
        }
    }
    Ok(())
}
