//! Legends: a column beside the plot (shrunk to fit, with "+N more") or a
//! row under it.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use plotters::style::{Color, RGBAColor, RGBColor};

use super::ChartError;
use super::canvas::{Canvas, Font, Frame, VAlign, size};
use super::palette::{SUBTLE, TEXT, YELLOW, hex};

#[derive(Clone)]
pub(crate) enum Swatch {
    Fill(RGBAColor),
    Line(RGBColor),
    Dashed(RGBColor),
    /// No swatch: a sub-row of the item above.
    Blank,
}

#[derive(Clone)]
pub(crate) struct LegendItem {
    pub(crate) swatch: Swatch,
    pub(crate) label: String,
    pub(crate) value: String,
}

/// A legend: a title, items, and a note under them.
pub(crate) struct Legend {
    pub(crate) title: String,
    pub(crate) items: Vec<LegendItem>,
    pub(crate) note: String,
}

impl Legend {
    /// Whether there is nothing to show (a title alone is not drawn).
    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty() && self.note.is_empty()
    }
}

/// An item's swatch, `size` pixels wide, from `x`, centred on `y_mid`.
pub(crate) fn draw_swatch<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    swatch: &Swatch,
    x: i32,
    y_mid: i32,
    size: i32,
) -> Result<(), ChartError> {
    let half = size / 2;
    match swatch {
        Swatch::Fill(c) => {
            cv.rect((x, y_mid - half), (x + size, y_mid + half), *c)?;
            if c.rgb() == (YELLOW.0, YELLOW.1, YELLOW.2) || c.alpha() < 0.6 {
                cv.outline((x, y_mid - half), (x + size, y_mid + half), hex(0xB0B0B0))?;
            }
            Ok(())
        }
        Swatch::Line(c) => cv.line(
            vec![(x, y_mid), (x + size, y_mid)],
            c.to_rgba(),
            cv.line_width(),
        ),
        Swatch::Blank => Ok(()),
        Swatch::Dashed(c) => {
            let w = cv.line_width();
            let d = size * 2 / 5;
            cv.line(vec![(x, y_mid), (x + d, y_mid)], c.to_rgba(), w)?;
            cv.line(
                vec![(x + size - d, y_mid), (x + size, y_mid)],
                c.to_rgba(),
                w,
            )
        }
    }
}

/// The sizes of a legend column at one font scale.
pub(crate) struct LegendMetrics {
    pub(crate) font: Font,
    pub(crate) row: i32,
    pub(crate) swatch: i32,
    pub(crate) value_w: i32,
    pub(crate) width: i32,
    pub(crate) height: i32,
}

/// Measures `lg` as a column with its font scaled by `scale`.
pub(crate) fn legend_metrics<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lg: &Legend,
    scale: f64,
) -> LegendMetrics {
    let font = cv.font(size::LEGEND * scale, false);
    let bold = Font { bold: true, ..font };
    let row = (f64::from(cv.line_h(font)) * 1.55).round() as i32;
    let swatch = (f64::from(cv.cap(font)) * 1.35).round() as i32;
    let label_w = lg
        .items
        .iter()
        .map(|i| cv.width(&i.label, font))
        .max()
        .unwrap_or(0);
    let value_w = lg
        .items
        .iter()
        .map(|i| cv.width(&i.value, font))
        .max()
        .unwrap_or(0);
    let gap = cv.px(12.0 * scale);
    let mut width = swatch + gap + label_w;
    if value_w > 0 {
        width += cv.px(22.0 * scale) + value_w;
    }
    width = width
        .max(cv.width(&lg.title, bold))
        .max(cv.width(&lg.note, font));
    let mut height = row * lg.items.len() as i32;
    if !lg.title.is_empty() {
        height += row;
    }
    if !lg.note.is_empty() {
        height += row;
    }
    LegendMetrics {
        font,
        row,
        swatch,
        value_w,
        width,
        height,
    }
}

/// Picks a font scale so the legend fits `max_h`; returns metrics and how
/// many items fit.
pub(crate) fn fit_legend<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lg: &Legend,
    max_w: i32,
    max_h: i32,
) -> (LegendMetrics, usize) {
    let mut scale = 1.0;
    loop {
        let mut lm = legend_metrics(cv, lg, scale);
        lm.width = lm.width.min(max_w);
        if lm.height <= max_h || scale <= 0.72 {
            let fixed = (if lg.title.is_empty() { 0 } else { 1 })
                + (if lg.note.is_empty() { 0 } else { 1 });
            let rows = if lm.row > 0 { max_h / lm.row } else { 0 };
            let fit = (rows - fixed).max(0) as usize;
            return (lm, lg.items.len().min(fit));
        }
        scale -= 0.07;
    }
}

/// Draws the legend as a column with its top-left at (x, y).
pub(crate) fn draw_legend_column<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lg: &Legend,
    lm: &LegendMetrics,
    fit: usize,
    (x, y): (i32, i32),
) -> Result<(), ChartError> {
    let f = lm.font;
    let bold = Font { bold: true, ..f };
    let mut row_top = y;
    let right = x + lm.width;
    if !lg.title.is_empty() {
        let t = cv.fit(&lg.title, bold, lm.width);
        cv.text(
            &t,
            bold,
            TEXT,
            (x, row_top + (lm.row - cv.line_h(f)) / 2),
            HPos::Left,
            VAlign::Top,
        )?;
        row_top += lm.row;
    }
    let gap = cv.px(12.0 * f.size / (size::LEGEND * cv.s));
    let shown = if fit < lg.items.len() {
        fit.saturating_sub(1)
    } else {
        fit
    };
    for item in lg.items.iter().take(shown) {
        let mid = row_top + lm.row / 2;
        draw_swatch(cv, &item.swatch, x, mid, lm.swatch)?;
        let label_x = x + lm.swatch + gap;
        let value_room = if lm.value_w > 0 {
            lm.value_w + cv.px(22.0)
        } else {
            0
        };
        let label = cv.fit(&item.label, f, right - label_x - value_room);
        cv.text(&label, f, TEXT, (label_x, mid), HPos::Left, VAlign::Middle)?;
        if !item.value.is_empty() {
            cv.text(
                &item.value,
                f,
                SUBTLE,
                (right, mid),
                HPos::Right,
                VAlign::Middle,
            )?;
        }
        row_top += lm.row;
    }
    if shown < lg.items.len() {
        let more = format!("+{} more not shown", lg.items.len() - shown);
        cv.text(
            &more,
            f,
            SUBTLE,
            (x, row_top + lm.row / 2),
            HPos::Left,
            VAlign::Middle,
        )?;
        row_top += lm.row;
    }
    if !lg.note.is_empty() {
        let note = cv.fit(&lg.note, f, lm.width);
        cv.text(
            &note,
            f,
            SUBTLE,
            (x, row_top + lm.row / 2),
            HPos::Left,
            VAlign::Middle,
        )?;
    }
    Ok(())
}

/// A one-row legend centred on `cx` with its vertical middle at `y_mid`.
pub(crate) fn draw_legend_row<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    items: &[LegendItem],
    cx: i32,
    y_mid: i32,
    max_w: i32,
) -> Result<(), ChartError> {
    let f = cv.font(size::LEGEND, false);
    let sw = (f64::from(cv.cap(f)) * 1.35).round() as i32;
    let gap = cv.px(12.0);
    let between = cv.px(40.0);
    let widths: Vec<i32> = items
        .iter()
        .map(|i| sw + gap + cv.width(&i.label, f))
        .collect();
    let total: i32 = widths.iter().sum::<i32>() + between * (items.len() as i32 - 1).max(0);
    let scale_room = if total > max_w && total > 0 {
        f64::from(max_w) / f64::from(total)
    } else {
        1.0
    };
    let mut x = cx - (f64::from(total) * scale_room) as i32 / 2;
    for (item, w) in items.iter().zip(widths) {
        let room = (f64::from(w) * scale_room) as i32;
        draw_swatch(cv, &item.swatch, x, y_mid, sw)?;
        let label = cv.fit(&item.label, f, room - sw - gap);
        cv.text(
            &label,
            f,
            TEXT,
            (x + sw + gap, y_mid),
            HPos::Left,
            VAlign::Middle,
        )?;
        x += room + between;
    }
    Ok(())
}

/// A one-row legend of filled swatches, centred under the plot.
pub(crate) fn draw_fill_legend<DB: DrawingBackend, const N: usize>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    legend_mid: i32,
    entries: [(RGBColor, &str); N],
) -> Result<(), ChartError> {
    let items = entries.map(|(color, label)| LegendItem {
        swatch: Swatch::Fill(color.to_rgba()),
        label: label.into(),
        value: String::new(),
    });
    draw_legend_row(cv, &items, (fr.l + fr.r) / 2, legend_mid, fr.width())
}
