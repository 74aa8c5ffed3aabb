//! Charts of one row per item over a money axis (the tornado, the
//! comparison totals): how many rows fit, the label column, each row's bar
//! and label.

use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::HPos;

use super::ChartError;
use super::canvas::{Canvas, Font, Frame, VAlign, size};
use super::palette::{GRID, SUBTLE, TEXT};
use super::parts::{draw_x_grid, money_ticks_across};

/// How the rows share the plot's height.
pub(crate) struct Rows {
    /// Rows drawn (at least one).
    pub(crate) shown: usize,
    /// Items left out for want of room.
    pub(crate) hidden: usize,
    /// Height of a row in pixels.
    pub(crate) height: f64,
}

/// The fonts of a row's label: the name, and the smaller second line.
pub(crate) fn label_fonts<DB: DrawingBackend>(cv: &Canvas<'_, DB>) -> (Font, Font) {
    (
        cv.font(size::LEGEND, false),
        cv.font(size::NOTE - 3.0, false),
    )
}

/// How many of `count` rows (at most `most`) fit `plot_h` pixels with a
/// line of label text each.
pub(crate) fn fit_rows<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    plot_h: i32,
    count: usize,
    most: usize,
) -> Rows {
    let (lf, _) = label_fonts(cv);
    let one_line_h = f64::from(cv.line_h(lf)) * 1.5;
    let fit = (f64::from(plot_h) / one_line_h).floor().max(1.0) as usize;
    let shown = count.min(most).min(fit);
    Rows {
        shown,
        hidden: count - shown,
        height: f64::from(plot_h) / shown.max(1) as f64,
    }
}

/// How many rows of two-line labels fit in `plot_h` pixels (at least 1).
pub(crate) fn two_line_rows<DB: DrawingBackend>(cv: &Canvas<'_, DB>, plot_h: i32) -> usize {
    let (lf, sf) = label_fonts(cv);
    let row_h = f64::from(cv.line_h(lf) + cv.line_h(sf) + cv.px(10.0)) * 1.25;
    (f64::from(plot_h) / row_h).floor().max(1.0) as usize
}

impl Rows {
    /// Whether a row is high enough for a label of two lines.
    pub(crate) fn fit_two_lines<DB: DrawingBackend>(&self, cv: &Canvas<'_, DB>) -> bool {
        let (lf, sf) = label_fonts(cv);
        self.height >= f64::from(cv.line_h(lf) + cv.line_h(sf) + cv.px(10.0)) * 1.25
    }

    /// The top, middle and bottom pixel of the bar of row `k` (0 at the top),
    /// `thick` pixels thick.
    pub(crate) fn bar(&self, fr: &Frame, k: usize, thick: f64) -> (i32, i32, i32) {
        let yc = f64::from(fr.t) + self.height * (k as f64 + 0.5);
        let yt = (yc - thick / 2.0).round() as i32;
        let yb = (yc + thick / 2.0).round() as i32;
        (yt, yc.round() as i32, yb)
    }
}

/// The width of the label column: the widest label (names, and second lines
/// when shown), at least the width of the column's `heading`, at most `max_w`.
pub(crate) fn label_column_width<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    labels: &[(&str, &str)],
    two_lines: bool,
    heading: &str,
    max_w: i32,
) -> i32 {
    let (lf, sf) = label_fonts(cv);
    let af = cv.font(size::AXIS_TITLE, true);
    labels
        .iter()
        .map(|(name, sub)| {
            if two_lines {
                cv.width(name, lf).max(cv.width(sub, sf))
            } else {
                cv.width(name, lf)
            }
        })
        .max()
        .unwrap_or(0)
        .max(cv.width(heading, af))
        .min(max_w)
}

/// A row's label from `x`, centred on `yc` and shortened to `width`: the
/// name, with the second line under it when `two_lines` and there is one.
pub(crate) fn draw_row_label<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (name, sub): (&str, &str),
    two_lines: bool,
    (x, yc): (i32, i32),
    width: i32,
) -> Result<(), ChartError> {
    let (lf, sf) = label_fonts(cv);
    let name = cv.fit(name, lf, width);
    if two_lines && !sub.is_empty() {
        let sub = cv.fit(sub, sf, width);
        let total_h = cv.line_h(lf) + cv.px(8.0) + cv.cap(sf);
        let y0 = yc - total_h / 2;
        cv.text(&name, lf, TEXT, (x, y0), HPos::Left, VAlign::Top)?;
        cv.text(
            &sub,
            sf,
            SUBTLE,
            (x, y0 + cv.line_h(lf) + cv.px(8.0)),
            HPos::Left,
            VAlign::Top,
        )
    } else {
        cv.text(&name, lf, TEXT, (x, yc), HPos::Left, VAlign::Middle)
    }
}

/// A frame of `rows` horizontal rows over a money x axis from `x0` to `x1`,
/// with its ticks (and their step) and the vertical grid drawn: the layout of
/// the tornado and of the what-if totals chart.
pub(crate) fn money_rows_frame<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (l, t, r, h): (i32, i32, i32, i32),
    (x0, x1): (f64, f64),
    rows: usize,
    cur: &str,
) -> Result<(Frame, Vec<f64>, f64), ChartError> {
    let fr = Frame::new((l, t, r, h), (x0, x1), (0.0, rows as f64));
    let (xt, _) = money_ticks_across(cv, (x0, x1), (r - l).max(10), cur);
    draw_x_grid(cv, &fr, &xt.values, GRID.to_rgba())?;
    Ok((fr, xt.values, xt.step))
}
