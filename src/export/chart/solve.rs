//! The solve chart of `adoptcost solve`: the figure a goal is about against
//! the key over the range searched, the target as a dashed line, the answer
//! marked with its value, and for a threshold goal the side that meets it
//! shaded.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::HPos;

use super::canvas::{Canvas, Frame, VAlign, size};
use super::format::{Plain, fmt_money, fmt_money_tick, fmt_number, month_count};
use super::input::{SolveChart, SolveScale};
use super::palette::{AXIS, BLACK, BLUE, SUBTLE, VERMILLION, WHITE};
use super::parts::{
    SAVINGS_HINT, bottom_space, draw_empty, draw_title_block, draw_y_axis, draw_y_title,
    draw_zero_line, join_parts, named_title, with_unit,
};
use super::place::{Callout, PxBox, place_callout};
use super::sweep::draw_swept_axis;
use super::ticks::{exact_money_ticks, nice_ticks, parse_month, sane_range};
use super::{ChartError, Drawing, DrawnTexts, Target, printable_input, render_drawing};

/// Draws `solve.png` at `size` to `target`.
pub(crate) fn render_solve(
    data: &SolveChart,
    size: (u32, u32),
    target: Target<'_>,
) -> Result<(), ChartError> {
    let data = printable_input(data);
    render_drawing(&SolveDrawing { data: &data }, size, target)
}

impl DrawnTexts for SolveChart {
    fn texts(&self) -> Vec<&String> {
        let [a, b] = &self.answer_lines;
        vec![
            &self.scenario_name,
            &self.currency,
            &self.axis.key,
            &self.axis.label,
            &self.figure_label,
            a,
            b,
        ]
    }

    fn texts_mut(&mut self) -> Vec<&mut String> {
        let [a, b] = &mut self.answer_lines;
        vec![
            &mut self.scenario_name,
            &mut self.currency,
            &mut self.axis.key,
            &mut self.axis.label,
            &mut self.figure_label,
            a,
            b,
        ]
    }
}

struct SolveDrawing<'a> {
    data: &'a SolveChart,
}

impl Drawing for SolveDrawing<'_> {
    fn draw<DB: DrawingBackend>(&self, cv: &Canvas<'_, DB>) -> Result<(), ChartError> {
        let d = self.data;
        let title = named_title(
            cv,
            &d.scenario_name,
            &format!("{} by {}", d.figure_label, d.axis.label),
        );
        let mut parts = vec![format!("from {}, {}", d.start, month_count(d.months))];
        if !d.currency.is_empty() && d.scale == SolveScale::Money {
            parts.push(format!("amounts in {}", d.currency));
        }
        parts.push(d.method.clone());
        let top = draw_title_block(cv, &title, &join_parts(&parts))?;
        let pts: Vec<(f64, f64)> = d
            .axis
            .values
            .iter()
            .zip(&d.figures)
            .filter(|(x, y)| x.is_finite() && !y.is_nan())
            .map(|(x, y)| (*x, *y))
            .collect();
        if pts.is_empty() {
            return draw_empty(cv, top, &["The search computed no values to plot."]);
        }
        let scale = Scale::new(d, &pts);
        let fr = frame(cv, top, d, &scale);
        shade_meeting_side(cv, &fr, d)?;
        let labels: Vec<String> = scale.ticks.iter().map(|v| scale.label(*v, d)).collect();
        draw_y_axis(cv, &fr, &scale.ticks, &labels)?;
        let m = cv.margin();
        let hint = if d.scale == SolveScale::Money && fr.y0 < 0.0 {
            SAVINGS_HINT
        } else {
            ""
        };
        let y_title = match d.scale {
            SolveScale::Money => with_unit(&d.figure_label, &d.currency),
            SolveScale::EngineerMonths => format!("{} (engineer-months)", d.figure_label),
            SolveScale::Share => format!("{} (%)", d.figure_label),
            SolveScale::Month => d.figure_label.clone(),
        };
        draw_y_title(cv, (&y_title, hint), m, top, fr.r - m)?;
        if d.scale == SolveScale::Money {
            draw_zero_line(cv, &fr)?;
        }
        let px: Vec<(i32, i32)> = pts
            .iter()
            .map(|(x, y)| (fr.px(*x), fr.py(scale.plotted(*y))))
            .collect();
        draw_target(cv, &fr, d, &scale)?;
        if d.scale == SolveScale::Month {
            // A step function of the key: each value computed is a dot, with
            // nothing drawn between values where the step is not known.
            for p in &px {
                cv.dot(*p, cv.px(6.0), BLUE)?;
            }
        } else {
            cv.line(px.clone(), BLUE.to_rgba(), cv.line_width())?;
        }
        draw_answer(cv, &fr, d, &scale, &px)?;
        draw_swept_axis(cv, &fr, &pts, &d.axis, &d.currency)
    }
}

/// The figure's scale up the side: ticks and the range shown.
struct Scale {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
    step: f64,
    /// For a month scale: the first month as a count of months, and the
    /// level "none" is drawn at (the horizon), when some value has none.
    start: Option<i64>,
    none_at: Option<f64>,
}

impl Scale {
    fn new(d: &SolveChart, pts: &[(f64, f64)]) -> Scale {
        let finite: Vec<f64> = pts.iter().map(|p| p.1).filter(|y| y.is_finite()).collect();
        let lo = finite.iter().copied().fold(d.target, f64::min);
        let hi = finite.iter().copied().fold(d.target, f64::max);
        match d.scale {
            SolveScale::Share => {
                let t = nice_ticks(0.0, 1.0, 5, true);
                Scale {
                    lo: 0.0,
                    hi: 1.0,
                    ticks: t.values,
                    step: t.step,
                    start: None,
                    none_at: None,
                }
            }
            SolveScale::Month => {
                let none_at = pts
                    .iter()
                    .any(|p| p.1.is_infinite())
                    .then_some(d.months as f64);
                let top = none_at.unwrap_or(hi).max(hi);
                let (lo, top) = (lo.floor(), top.ceil());
                let start = parse_month(&d.start);
                // Calendar-aligned steps (quarters, half-years, Januaries),
                // the smallest that leaves at most six labelled months.
                let step = [1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 60.0, 120.0]
                    .into_iter()
                    .find(|s| (top - lo) / s <= 6.0)
                    .unwrap_or(120.0);
                let offset = start.unwrap_or(0) as f64;
                let first = ((lo + offset) / step).ceil() * step - offset;
                let mut ticks: Vec<f64> = (0..)
                    .map(|k| first + f64::from(k) * step)
                    .take_while(|v| *v <= top && none_at.is_none_or(|n| *v <= n - step / 2.0))
                    .collect();
                ticks.extend(none_at);
                Scale {
                    lo: lo - 0.5,
                    hi: top + 0.5,
                    ticks,
                    step,
                    start,
                    none_at,
                }
            }
            SolveScale::Money | SolveScale::EngineerMonths => {
                let (lo, hi) = sane_range(lo, hi);
                // Some room around the curve, but not across zero: a figure
                // that is never negative gets no negative ticks.
                let pad = (hi - lo) * 0.08;
                let low = if lo >= 0.0 {
                    (lo - pad).max(0.0)
                } else {
                    lo - pad
                };
                let high = if hi <= 0.0 {
                    (hi + pad).min(0.0)
                } else {
                    hi + pad
                };
                let t = if d.scale == SolveScale::Money {
                    exact_money_ticks(low, high, 6, true)
                } else {
                    nice_ticks(low, high, 6, true)
                };
                Scale {
                    lo: t.lo,
                    hi: t.hi,
                    ticks: t.values,
                    step: t.step,
                    start: None,
                    none_at: None,
                }
            }
        }
    }

    /// Where a figure is drawn: "none" at its own level.
    fn plotted(&self, y: f64) -> f64 {
        match self.none_at {
            Some(n) if y.is_infinite() => n,
            _ => y,
        }
    }

    /// A tick label.
    fn label(&self, v: f64, d: &SolveChart) -> String {
        match d.scale {
            SolveScale::Money => fmt_money_tick(v, self.step, &d.currency),
            SolveScale::EngineerMonths => fmt_number(v, self.step, Plain::Tick),
            SolveScale::Share => {
                format!("{}%", fmt_number(v * 100.0, self.step * 100.0, Plain::Tick))
            }
            SolveScale::Month => self.month(v),
        }
    }

    /// A month level as `YYYY-MM`, or "none" at the level of no month.
    fn month(&self, v: f64) -> String {
        if self.none_at.is_some_and(|n| v >= n) || v.is_infinite() {
            return "none".to_string();
        }
        match self.start {
            Some(start) => {
                let o = start + v.round() as i64;
                format!("{:04}-{:02}", o.div_euclid(12), o.rem_euclid(12) + 1)
            }
            None => format!("month {}", v.round() as i64 + 1),
        }
    }

    /// A figure in words, for the target's label.
    fn words(&self, v: f64, d: &SolveChart) -> String {
        match d.scale {
            SolveScale::Money => fmt_money(v, &d.currency),
            SolveScale::EngineerMonths => {
                format!("{} engineer-months", fmt_number(v, 0.001, Plain::Amount))
            }
            SolveScale::Share => format!("{}%", fmt_number(v * 100.0, 0.01, Plain::Value)),
            SolveScale::Month => self.month(v),
        }
    }
}

/// The plot below the y-title row, above the key's axis, with room on the
/// left for the tick labels.
fn frame<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    d: &SolveChart,
    scale: &Scale,
) -> Frame {
    let m = cv.margin();
    let af = cv.font(size::AXIS_TITLE, true);
    let tf = cv.font(size::TICK, false);
    let plot_t = top + cv.line_h(af) + cv.px(16.0) + cv.cap(tf) / 2 + cv.px(6.0);
    let plot_b = cv.h - m - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);
    let label_w = scale
        .ticks
        .iter()
        .map(|v| cv.width(&scale.label(*v, d), tf))
        .max()
        .unwrap_or(0);
    let plot_l = m + label_w + cv.px(14.0);
    let plot_r = (cv.w - m - cv.px(40.0)).max(plot_l + 10);
    let (x0, x1) = sane_range(d.range.0, d.range.1);
    let pad = (x1 - x0) * 0.02;
    Frame::new(
        (plot_l, plot_t, plot_r, plot_h),
        (x0 - pad, x1 + pad),
        (scale.lo, scale.hi),
    )
}

/// For a threshold goal, the values that meet it: a light band from the
/// answer to the end of the range on that side, named at its top.
fn shade_meeting_side<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    d: &SolveChart,
) -> Result<(), ChartError> {
    let Some(below) = d.meets_below else {
        return Ok(());
    };
    let x = fr.px(d.answer.0);
    let (l, r) = if below {
        (fr.px(d.range.0), x)
    } else {
        (x, fr.px(d.range.1))
    };
    cv.rect((l, fr.t), (r, fr.b), BLUE.mix(0.08))?;
    let nf = cv.font(size::NOTE, false);
    let text = "meets the goal";
    if cv.width(text, nf) + cv.px(16.0) <= r - l {
        cv.text(
            text,
            nf,
            SUBTLE,
            ((l + r) / 2, fr.t + cv.px(10.0)),
            HPos::Center,
            VAlign::Top,
        )?;
    }
    Ok(())
}

/// The target: a dashed line across the plot, labelled at its right end.
fn draw_target<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    d: &SolveChart,
    scale: &Scale,
) -> Result<(), ChartError> {
    let y = fr.py(d.target);
    cv.dashed((fr.l, y), (fr.r, y), VERMILLION, cv.px(3.0) as u32)?;
    let nf = cv.font(size::NOTE, true);
    let text = match d.scale {
        SolveScale::Month => format!("Target: by {}", scale.words(d.target, d)),
        SolveScale::Share => format!("Target: at least {}", scale.words(d.target, d)),
        _ => format!("Target: {}", scale.words(d.target, d)),
    };
    // Above the line, or below it when the line runs along the top.
    let above = y - cv.px(12.0) - cv.line_h(nf) > fr.t;
    let ty = if above {
        y - cv.px(10.0)
    } else {
        y + cv.px(10.0)
    };
    cv.text_boxed(
        &text,
        nf,
        VERMILLION,
        (fr.r - cv.px(8.0), ty),
        HPos::Right,
        if above { VAlign::Bottom } else { VAlign::Top },
    )
}

/// The answer: a dashed line down to the key's axis, a ringed dot on the
/// figure, and a callout with the value and how it meets the goal.
fn draw_answer<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    d: &SolveChart,
    scale: &Scale,
    curve: &[(i32, i32)],
) -> Result<(), ChartError> {
    let p = (fr.px(d.answer.0), fr.py(scale.plotted(d.answer.1)));
    cv.dashed((p.0, fr.b), p, AXIS, cv.px(2.0) as u32)?;
    cv.dot(p, cv.px(11.0), BLACK)?;
    cv.dot(p, cv.px(6.0), WHITE)?;
    let [head, detail] = &d.answer_lines;
    let mut lines = vec![(format!("Answer: {head}"), cv.font(size::NOTE, true), BLACK)];
    if !detail.is_empty() {
        lines.push((detail.clone(), cv.font(size::NOTE, false), SUBTLE));
    }
    let callout = Callout::new(cv, lines);
    let bounds = PxBox::within(fr, cv.px(4.0));
    // Keep clear of the curve and of the target's label at the right end.
    let target_y = fr.py(d.target);
    let mut avoid = curve.to_vec();
    avoid.extend([(fr.r - cv.px(300.0), target_y), (fr.r, target_y)]);
    let at = place_callout(
        p,
        (cv.px(11.0), cv.px(11.0)),
        (callout.w.min(fr.width()), callout.h),
        cv.px(14.0),
        &bounds,
        &avoid,
        &[],
    );
    callout.draw(cv, (at.l, at.t))
}
