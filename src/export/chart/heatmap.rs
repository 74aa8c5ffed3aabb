//! The two-key sweep chart: a heat map with a cell per combination (first
//! key on the rows), labelled when the labels fit, and a colour bar.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use plotters::style::{Color, RGBColor};

use super::ChartError;
use super::canvas::{Canvas, Font, Frame, VAlign, size};
use super::format::{
    ColumnFormat, axis_title, finite, fmt_money, fmt_money_tick, fmt_value, fmt_value_words,
};
use super::input::{SweepAxis, SweepChart};
use super::palette::{AXIS, BLACK, ColorScale, SUBTLE, TEXT, WHITE, text_on};
use super::parts::{
    bottom_space, draw_empty, draw_notes, draw_x_labels, draw_x_title, draw_y_title, note_row_h,
    with_unit,
};
use super::place::{Callout, PxBox, labelled, place_callout, stride_for, thin_labels};
use super::ticks::{exact_money_ticks, tick_count, value_step};
use crate::text::group_thousands;

/// Pixel edges of `n` equal cells across `[a, b)`: `n + 1` values.
fn edges(a: i32, b: i32, n: usize) -> Vec<i32> {
    let span = f64::from(b - a);
    (0..=n)
        .map(|k| a + (span * k as f64 / n.max(1) as f64).round() as i32)
        .collect()
}

/// The width of a pair of edges.
fn span(w: &[i32]) -> i32 {
    match (w.first(), w.get(1)) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    }
}

/// The cells in pixels: the edges of the columns and of the rows.
struct Grid {
    xs: Vec<i32>,
    ys: Vec<i32>,
}

impl Grid {
    fn new(fr: &Frame, (nr, nc): (usize, usize)) -> Self {
        Grid {
            xs: edges(fr.l, fr.r, nc),
            ys: edges(fr.t, fr.b, nr),
        }
    }

    /// The box of the cell in row `i`, column `j`.
    fn cell(&self, i: usize, j: usize) -> Option<PxBox> {
        Some(PxBox {
            l: *self.xs.get(j)?,
            r: *self.xs.get(j + 1)?,
            t: *self.ys.get(i)?,
            b: *self.ys.get(i + 1)?,
        })
    }
}

/// A swept key's values as its labels write them.
struct KeyLabels<'a> {
    axis: &'a SweepAxis,
    step: f64,
}

impl<'a> KeyLabels<'a> {
    fn new(axis: &'a SweepAxis) -> Self {
        KeyLabels {
            axis,
            step: value_step(&axis.values),
        }
    }

    fn text(&self, i: usize) -> String {
        self.axis
            .values
            .get(i)
            .map(|v| fmt_value(*v, self.step, self.axis.unit))
            .unwrap_or_default()
    }

    /// The widest label, estimated from a sample of at most about 200: which
    /// labels are shown depends on the plot's size, which depends on this.
    fn widest<DB: DrawingBackend>(&self, cv: &Canvas<'_, DB>) -> i32 {
        let n = self.axis.values.len();
        let k = (n / 200).max(1);
        let tf = cv.font(size::TICK, false);
        (0..n)
            .step_by(k)
            .chain([n - 1])
            .map(|i| cv.width(&self.text(i), tf))
            .max()
            .unwrap_or(0)
    }
}

/// The heat map of the totals over `rows` × `cols` below the title block
/// starting at `top`.
pub(crate) fn draw_heat_map<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    d: &SweepChart,
    rows: &SweepAxis,
    cols: &SweepAxis,
) -> Result<(), ChartError> {
    let (nr, nc) = (rows.values.len(), cols.values.len());
    if nr == 0 || nc == 0 || d.totals.len() < nr.saturating_mul(nc) {
        return draw_empty(cv, top, &["The sweep has no values to plot."]);
    }
    let finite_totals = || d.totals.iter().copied().filter(|v| v.is_finite());
    let lo = finite_totals().fold(f64::INFINITY, f64::min);
    let hi = finite_totals().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) {
        return draw_empty(cv, top, &["The sweep has no totals to plot."]);
    }
    let keys = (KeyLabels::new(rows), KeyLabels::new(cols));
    let lay = heat_layout(cv, top, d, &keys, (lo, hi));
    draw_titles(cv, top, &lay, rows, &d.currency)?;
    let fr = &lay.frame;
    // The first key on the rows from the top (the order of sweep.csv and of
    // a spreadsheet data table), the second on the columns.
    let grid = Grid::new(fr, (nr, nc));
    draw_cells(cv, &grid, d, nc, lay.scale)?;
    match lay.cell_font {
        Some(f) => draw_cell_totals(cv, &grid, d, (nr, nc), (lay.scale, &lay.cells, f))?,
        None => mark_extremes(cv, d, (rows, cols), fr, &grid)?,
    }
    draw_key_labels(cv, &lay, &grid, &keys, &d.currency)?;
    draw_color_bar(
        cv,
        lay.scale,
        (lo, hi),
        &lay.bar_ticks,
        (lay.legend_x, lay.bar_w),
        fr,
    )
}

/// Where everything goes: the row key's title and the colour bar's title in
/// the first row, notes under them, the cells, the column labels and title;
/// the row labels on the left and the colour bar on the right.
struct HeatLayout {
    frame: Frame,
    notes_top: i32,
    notes: Vec<String>,
    scale: ColorScale,
    /// Ticks of the colour bar, its left edge and width.
    bar_ticks: Vec<(f64, String)>,
    legend_x: i32,
    bar_w: i32,
    /// How the totals in the cells are written, and the font when they are.
    cells: ColumnFormat,
    cell_font: Option<Font>,
    col_label_w: i32,
}

/// Lays out the heat map of the totals between `lo` and `hi`.
fn heat_layout<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    d: &SweepChart,
    (rows, cols): &(KeyLabels<'_>, KeyLabels<'_>),
    (lo, hi): (f64, f64),
) -> HeatLayout {
    let (nr, nc) = (rows.axis.values.len(), cols.axis.values.len());
    let scale = ColorScale::new(lo, hi);
    let diverging = matches!(scale, ColorScale::Diverging { .. });
    let m = cv.margin();
    let af = cv.font(size::AXIS_TITLE, true);
    let tf = cv.font(size::TICK, false);
    let notes_top = top + cv.line_h(af) + cv.px(16.0);
    let plot_b = cv.h - m - bottom_space(cv);
    let row_label_w = rows.widest(cv);
    let col_label_w = cols.widest(cv);

    // The colour bar's ticks for its height less a note row: measured here,
    // placed on the final height later.
    let bar_w = cv.px(30.0);
    let bar_ticks = color_bar_ticks(cv, (lo, hi), plot_b - notes_top - note_row_h(cv));
    let tick_room = cv.px(8.0) + cv.px(6.0);
    let cb_label_w = bar_ticks
        .iter()
        .map(|(_, l)| cv.width(l, tf))
        .max()
        .unwrap_or(0)
        + tick_room;
    let legend_x = cv.w - m - (bar_w + cv.px(12.0) + cb_label_w);
    let plot_l = m + row_label_w + cv.px(14.0);
    let plot_r = (legend_x - cv.px(40.0).max(col_label_w / 2 + cv.px(16.0))).max(plot_l + 10);

    // Which cells get their total written inside: all of them when the
    // largest label fits every cell at a legible size, else only the lowest
    // and the highest, marked (sweep.csv has every value).
    let cell_w = f64::from(plot_r - plot_l) / nc as f64;
    let notes_guess = i32::from(diverging);
    let probe_h = f64::from(plot_b - notes_top - notes_guess * note_row_h(cv)) / nr as f64;
    let cells = ColumnFormat::new(lo, hi);
    let cell_font = label_font(cv, d, &cells, (nr, nc), (cell_w, probe_h));
    let mut notes: Vec<String> = Vec::new();
    if cell_font.is_none() {
        notes.push(format!(
            "{} × {} cells are too many to label: lowest and highest marked; every total is in sweep.csv",
            group_thousands(&nr.to_string()),
            group_thousands(&nc.to_string())
        ));
    }
    if diverging {
        notes.push("Blue: net savings (below zero) · orange: net cost".to_string());
    }
    let plot_t = notes_top + notes.len() as i32 * note_row_h(cv) + cv.cap(tf) / 2;
    let plot_h = (plot_b - plot_t).max(10);
    HeatLayout {
        frame: Frame::new(
            (plot_l, plot_t, plot_r, plot_h),
            (0.0, nc as f64),
            (0.0, nr as f64),
        ),
        notes_top,
        notes,
        scale,
        bar_ticks,
        legend_x,
        bar_w,
        cells,
        cell_font,
        col_label_w,
    }
}

/// The row key's title on the left and the colour bar's on the right of the
/// first row, and the notes under them.
fn draw_titles<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    lay: &HeatLayout,
    rows: &SweepAxis,
    cur: &str,
) -> Result<(), ChartError> {
    let m = cv.margin();
    let af = cv.font(size::AXIS_TITLE, true);
    let legend_title = with_unit("Horizon total", cur);
    let (row_title, row_key) = axis_title(rows, cur);
    let title_room = lay.legend_x - m - cv.px(24.0) - cv.width(&legend_title, af);
    draw_y_title(cv, (&row_title, &row_key), m, top, title_room.max(0))?;
    cv.text(
        &legend_title,
        af,
        TEXT,
        (cv.w - m, top),
        HPos::Right,
        VAlign::Top,
    )?;
    draw_notes(cv, &lay.notes, (m, lay.notes_top), cv.w - 2 * m)
}

/// Every cell in the colour of its total (white where there is none), with
/// a white gap between cells large enough to spare one.
fn draw_cells<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    grid: &Grid,
    d: &SweepChart,
    nc: usize,
    scale: ColorScale,
) -> Result<(), ChartError> {
    let min_w = grid.xs.windows(2).map(span).min().unwrap_or(0);
    let min_h = grid.ys.windows(2).map(span).min().unwrap_or(0);
    let sep = if min_w >= cv.px(14.0) && min_h >= cv.px(14.0) {
        cv.px(2.0)
    } else {
        0
    };
    for (i, yw) in grid.ys.windows(2).enumerate() {
        let (Some(&y0), Some(&y1)) = (yw.first(), yw.get(1)) else {
            continue;
        };
        if y1 <= y0 {
            continue;
        }
        // Runs of equal colour are one rectangle (a million cells stay a
        // few thousand shapes in the SVG).
        let mut run: Option<(i32, i32, RGBColor)> = None;
        for (j, xw) in grid.xs.windows(2).enumerate() {
            let (Some(&x0), Some(&x1)) = (xw.first(), xw.get(1)) else {
                continue;
            };
            if x1 <= x0 {
                continue;
            }
            let total = finite(d.totals.get(i * nc + j));
            let color = total.map_or(WHITE, |v| scale.color(v));
            if sep > 0 {
                cv.rect(
                    (x0 + sep / 2, y0 + sep / 2),
                    (x1 - (sep - sep / 2), y1 - (sep - sep / 2)),
                    color.to_rgba(),
                )?;
                continue;
            }
            run = match run {
                Some((a, _, c)) if c == color => Some((a, x1, c)),
                Some((a, b, c)) => {
                    cv.rect((a, y0), (b, y1), c.to_rgba())?;
                    Some((x0, x1, color))
                }
                None => Some((x0, x1, color)),
            };
        }
        if let Some((a, b, c)) = run {
            cv.rect((a, y0), (b, y1), c.to_rgba())?;
        }
    }
    Ok(())
}

/// Each cell's total written inside it, in the font `f`, dark or white to
/// stand out from the cell's colour.
fn draw_cell_totals<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    grid: &Grid,
    d: &SweepChart,
    (nr, nc): (usize, usize),
    (scale, cells, f): (ColorScale, &ColumnFormat, Font),
) -> Result<(), ChartError> {
    for i in 0..nr {
        for j in 0..nc {
            let (Some(v), Some(b)) = (finite(d.totals.get(i * nc + j)), grid.cell(i, j)) else {
                continue;
            };
            cv.text(
                &cells.text(v),
                f,
                text_on(scale.color(v)),
                ((b.l + b.r) / 2, (b.t + b.b) / 2),
                HPos::Center,
                VAlign::Middle,
            )?;
        }
    }
    Ok(())
}

/// The row labels on the left and the column labels below, every k-th
/// value with k from the cell size, and the column key's title.
fn draw_key_labels<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lay: &HeatLayout,
    grid: &Grid,
    (rows, cols): &(KeyLabels<'_>, KeyLabels<'_>),
    cur: &str,
) -> Result<(), ChartError> {
    let fr = &lay.frame;
    let tf = cv.font(size::TICK, false);
    let row_h = f64::from(fr.b - fr.t) / rows.axis.values.len() as f64;
    let kr = stride_for(row_h, f64::from(cv.line_h(tf)) * 1.3);
    for i in labelled(&rows.axis.values, kr, rows.step) {
        let Some(b) = grid.cell(i, 0) else { continue };
        cv.text(
            &rows.text(i),
            tf,
            SUBTLE,
            (fr.l - cv.px(12.0), (b.t + b.b) / 2),
            HPos::Right,
            VAlign::Middle,
        )?;
    }
    let cell_w = f64::from(fr.r - fr.l) / cols.axis.values.len() as f64;
    let kc = stride_for(cell_w, f64::from(lay.col_label_w + cv.px(24.0)));
    let col_labels: Vec<(i32, String)> = labelled(&cols.axis.values, kc, cols.step)
        .into_iter()
        .filter_map(|j| grid.cell(0, j).map(|b| ((b.l + b.r) / 2, cols.text(j))))
        .collect();
    draw_x_labels(cv, fr, &thin_labels(cv, col_labels))?;
    let (col_title, col_key) = axis_title(cols.axis, cur);
    draw_x_title(cv, (&col_title, &col_key), fr, cv.h - cv.margin())
}

/// The font for the totals inside the cells: the largest from a little above
/// the tick size down to a size still legible on a slide at which every label fits its cell;
/// `None` when even that does not fit.
fn label_font<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    d: &SweepChart,
    cells: &ColumnFormat,
    (nr, nc): (usize, usize),
    (cell_w, cell_h): (f64, f64),
) -> Option<Font> {
    // 23 at 1600×900 is the smallest text of the other charts (the second
    // lines of the tornado's and the totals' labels).
    const SIZES: [f64; 5] = [32.0, 29.0, 27.0, 25.0, 23.0];
    let smallest = cv.font(23.0, false);
    let pad = f64::from(cv.px(8.0));
    // Cheap first test: a short label must fit at the smallest size.
    if cell_h < f64::from(cv.line_h(smallest)) + pad
        || cell_w < f64::from(cv.width("8.8M", smallest)) + 2.0 * pad
        || nr.saturating_mul(nc) > 10_000
    {
        return None;
    }
    // The widest label, measured at the tick size; widths scale with the size.
    let base = cv.font(SIZES[0], false);
    let widest = d
        .totals
        .iter()
        .take(nr * nc)
        .map(|v| cv.width(&cells.text(*v), base))
        .max()
        .unwrap_or(0);
    SIZES.iter().map(|s| cv.font(*s, false)).find(|f| {
        let w = f64::from(widest) * f.size / base.size;
        w + 2.0 * pad <= cell_w && f64::from(cv.line_h(*f)) + pad <= cell_h
    })
}

/// Rings the lowest and the highest cell and labels each in a box beside it.
fn mark_extremes<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    d: &SweepChart,
    (rows, cols): (&SweepAxis, &SweepAxis),
    fr: &Frame,
    grid: &Grid,
) -> Result<(), ChartError> {
    let cur = d.currency.as_str();
    let nc = cols.values.len().max(1);
    let finite_totals = || {
        d.totals
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(k, v)| (k, *v))
    };
    let low = finite_totals().min_by(|a, b| a.1.total_cmp(&b.1));
    let high = finite_totals().max_by(|a, b| a.1.total_cmp(&b.1));
    let mut marks = Vec::new();
    if let Some(l) = low {
        marks.push((l, "Lowest"));
    }
    if let (Some(h), Some(l)) = (high, low)
        && h.1 > l.1
    {
        marks.push((h, "Highest"));
    }
    let rstep = value_step(&rows.values);
    let cstep = value_step(&cols.values);
    let bounds = PxBox::within(fr, cv.px(4.0));
    let mut taken: Vec<PxBox> = Vec::new();
    for ((k, v), what) in marks {
        let (i, j) = (k / nc, k % nc);
        let Some(cell) = grid.cell(i, j) else {
            continue;
        };
        // A ring around the cell, at least a dot's size even around a
        // one-pixel cell, moved inside the plot where the cell is at its edge
        // (it still holds the cell).
        let half = |a: i32, b: i32| ((b - a) / 2 + cv.px(3.0)).max(cv.px(9.0));
        let (hx, hy) = (half(cell.l, cell.r), half(cell.t, cell.b));
        let (rx, ry) = (
            ((cell.l + cell.r) / 2 - hx).clamp(fr.l, (fr.r - 2 * hx).max(fr.l)) + hx,
            ((cell.t + cell.b) / 2 - hy).clamp(fr.t, (fr.b - 2 * hy).max(fr.t)) + hy,
        );
        let at_text = format!(
            "at {}, {}",
            rows.values
                .get(i)
                .map(|x| fmt_value_words(*x, rstep, rows.unit, cur))
                .unwrap_or_default(),
            cols.values
                .get(j)
                .map(|x| fmt_value_words(*x, cstep, cols.unit, cur))
                .unwrap_or_default()
        );
        let callout =
            Callout::for_total(cv, format!("{what}: {}", fmt_money(v, cur)), Some(at_text));
        let at = place_callout(
            (rx, ry),
            (hx, hy),
            (callout.w, callout.h),
            cv.px(6.0),
            &bounds,
            &[],
            &taken,
        );
        for (c, grow) in [(WHITE, cv.px(2.0)), (BLACK, 0), (WHITE, -cv.px(2.0))] {
            let (gx, gy) = (hx + grow, hy + grow);
            cv.outline((rx - gx, ry - gy), (rx + gx, ry + gy), c)?;
        }
        callout.draw(cv, (at.l, at.t))?;
        taken.push(at);
    }
    Ok(())
}

/// Money ticks (value, label) for a colour bar `h` pixels high.
fn color_bar_ticks<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (lo, hi): (f64, f64),
    h: i32,
) -> Vec<(f64, String)> {
    if hi <= lo {
        return vec![(lo, fmt_money(lo, ""))];
    }
    let target = tick_count(cv, f64::from(h), 4.0);
    let nt = exact_money_ticks(lo, hi, target.clamp(2, 7), false);
    nt.values
        .iter()
        .map(|v| (*v, fmt_money_tick(*v, nt.step, "")))
        .collect()
}

/// The colour legend: a vertical bar from the lowest total (bottom) to the
/// highest (top), with money ticks on its right.
fn draw_color_bar<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    scale: ColorScale,
    (lo, hi): (f64, f64),
    ticks: &[(f64, String)],
    (x, bar_w): (i32, i32),
    fr: &Frame,
) -> Result<(), ChartError> {
    let tf = cv.font(size::TICK, false);
    let (t, b) = (fr.t, fr.b);
    let h = (b - t).max(1);
    let degenerate = hi <= lo;
    let value_at = |y: i32| {
        if degenerate {
            lo
        } else {
            hi - (hi - lo) * f64::from(y - t) / f64::from(h)
        }
    };
    let mut run: Option<(i32, RGBColor)> = None;
    for y in t..b {
        let c = scale.color(value_at(y));
        run = match run {
            Some((start, rc)) if rc == c => Some((start, rc)),
            Some((start, rc)) => {
                cv.rect((x, start), (x + bar_w, y), rc.to_rgba())?;
                Some((y, c))
            }
            None => Some((y, c)),
        };
    }
    if let Some((start, rc)) = run {
        cv.rect((x, start), (x + bar_w, b), rc.to_rgba())?;
    }
    cv.outline((x, t), (x + bar_w, b), AXIS)?;
    let y_of = |v: f64| {
        if degenerate {
            (t + b) / 2
        } else {
            b - (f64::from(h) * (v - lo) / (hi - lo)).round() as i32
        }
    };
    let tick = cv.px(8.0);
    for (v, label) in ticks {
        let (v, y) = (*v, y_of(*v));
        let strong = v == 0.0 && matches!(scale, ColorScale::Diverging { .. });
        if strong {
            cv.line(
                vec![(x, y), (x + bar_w + tick, y)],
                BLACK.to_rgba(),
                cv.px(2.0) as u32,
            )?;
        } else {
            cv.line(
                vec![(x + bar_w, y), (x + bar_w + tick, y)],
                AXIS.to_rgba(),
                cv.px(2.0) as u32,
            )?;
        }
        cv.text(
            label,
            tf,
            SUBTLE,
            (x + bar_w + tick + cv.px(6.0), y),
            HPos::Left,
            VAlign::Middle,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_edges_cover_the_plot_once() {
        let e = edges(100, 110, 4);
        assert_eq!(e.first().copied(), Some(100));
        assert_eq!(e.last().copied(), Some(110));
        assert!(e.windows(2).all(|w| span(w) >= 0));
        // More cells than pixels: some cells get no pixel, none overlap.
        let many = edges(0, 10, 1000);
        assert_eq!(many.len(), 1001);
        assert!(many.windows(2).all(|w| span(w) >= 0));
    }
}
