//! Where labels go. Thinning: which ticks get a label (a stride from a
//! ladder of steps, aligned to round values) and dropping labels that would
//! still overlap. Placing: one placer ([`best_place`]) picks, from places
//! listed in order of preference, the one inside the plot that collides
//! least; the distribution's marker labels and the sweep's callouts list
//! their own places and say what a collision is.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use plotters::style::{Color, RGBColor};

use super::ChartError;
use super::canvas::{Canvas, Font, Frame, VAlign, size};
use super::palette::{AXIS, SUBTLE, TEXT, WHITE};

// ---------------------------------------------------------------------------
// Thinning
// ---------------------------------------------------------------------------

/// Removes labels that would overlap their neighbours (keeps the first).
pub(crate) fn thin_labels<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    labels: Vec<(i32, String)>,
) -> Vec<(i32, String)> {
    let f = cv.font(size::TICK, false);
    let gap = cv.px(24.0);
    let mut out: Vec<(i32, String)> = Vec::with_capacity(labels.len());
    let mut last_right = i32::MIN;
    for (x, s) in labels {
        let w = cv.width(&s, f);
        let cx = label_center(cv, x, w);
        if cx - w / 2 >= last_right.saturating_add(gap) {
            last_right = cx + w - w / 2;
            out.push((x, s));
        }
    }
    out
}

/// Where a tick label of width `w` for a tick at `x` is centred: on the
/// tick, but pushed inwards so it never crosses the image margins.
pub(crate) fn label_center<DB: DrawingBackend>(cv: &Canvas<'_, DB>, x: i32, w: i32) -> i32 {
    let m = cv.margin();
    let half = w / 2;
    x.clamp(m + half, (cv.w - m - half).max(m + half))
}

/// The smallest stride of `ladder` (increasing) that leaves `need` pixels
/// between labels `spacing` pixels apart; `otherwise` when none does.
pub(crate) fn smallest_stride(
    ladder: impl IntoIterator<Item = usize>,
    spacing: f64,
    need: f64,
    otherwise: usize,
) -> usize {
    ladder
        .into_iter()
        .find(|&k| k as f64 * spacing >= need)
        .unwrap_or(otherwise)
}

/// Strides 1, 2, 5, 10, 20, 50, ...
fn one_two_five() -> impl Iterator<Item = usize> {
    (0..7u32).flat_map(|k| [1, 2, 5].map(|m| m * 10usize.pow(k)))
}

/// The smallest stride (1, 2, 5, 10, ...) that leaves `need` pixels between
/// labels `cell` pixels apart.
pub(crate) fn stride_for(cell: f64, need: f64) -> usize {
    smallest_stride(one_two_five(), cell, need, usize::MAX / 4)
}

/// Every `k`-th of the indices `0..n`, starting at the first of the first
/// `k` that is `aligned` (a quarter, a round value), or at 0 when none is.
pub(crate) fn aligned_every(n: usize, k: usize, aligned: impl Fn(usize) -> bool) -> Vec<usize> {
    let k = k.max(1);
    let offset = (0..k.min(n)).find(|&i| aligned(i)).unwrap_or(0);
    (offset..n).step_by(k).collect()
}

/// Every `k`-th value's index, starting where the value is a round multiple
/// of `k` steps when the values allow it (10%, 20%, ... rather than 1%, 11%,
/// ...).
pub(crate) fn labelled(values: &[f64], k: usize, step: f64) -> Vec<usize> {
    let big = k.max(1) as f64 * step;
    let round = |v: f64| {
        let r = v / big;
        big > 0.0 && (r - r.round()).abs() < 1e-6 * r.abs().max(1.0)
    };
    aligned_every(values.len(), k, |i| {
        values.get(i).is_some_and(|v| round(*v))
    })
}

// ---------------------------------------------------------------------------
// Placing
// ---------------------------------------------------------------------------

/// A pixel box: left, top, right, bottom.
#[derive(Clone, Copy)]
pub(crate) struct PxBox {
    pub(crate) l: i32,
    pub(crate) t: i32,
    pub(crate) r: i32,
    pub(crate) b: i32,
}

impl PxBox {
    /// The plot area of `fr`, `inset` pixels in from each side.
    pub(crate) fn within(fr: &Frame, inset: i32) -> PxBox {
        PxBox {
            l: fr.l + inset,
            t: fr.t + inset,
            r: fr.r - inset,
            b: fr.b - inset,
        }
    }

    /// Whether the two boxes share a pixel.
    pub(crate) fn overlaps(&self, o: &PxBox) -> bool {
        self.l < o.r && o.l < self.r && self.t < o.b && o.t < self.b
    }

    /// Whether this box lies within `o`.
    pub(crate) fn inside(&self, o: &PxBox) -> bool {
        self.l >= o.l && self.r <= o.r && self.t >= o.t && self.b <= o.b
    }

    /// Whether the point lies in the box or on its edge.
    pub(crate) fn contains(&self, (x, y): (i32, i32)) -> bool {
        x >= self.l && x <= self.r && y >= self.t && y <= self.b
    }
}

/// How much of the polyline through `pts` runs through `b` (sample points
/// about two pixels apart; 0 when it misses `b`).
pub(crate) fn path_overlap(pts: &[(i32, i32)], b: &PxBox) -> usize {
    if pts.len() == 1 {
        return usize::from(pts.first().is_some_and(|p| b.contains(*p)));
    }
    pts.windows(2)
        .map(|w| {
            let (Some(&(x0, y0)), Some(&(x1, y1))) = (w.first(), w.get(1)) else {
                return 0;
            };
            if x0.max(x1) < b.l || x0.min(x1) > b.r || y0.max(y1) < b.t || y0.min(y1) > b.b {
                return 0;
            }
            let steps = (x1 - x0).abs().max((y1 - y0).abs()) / 2 + 1;
            (0..=steps)
                .filter(|&k| {
                    let t = f64::from(k) / f64::from(steps);
                    let x = f64::from(x0) + t * f64::from(x1 - x0);
                    let y = f64::from(y0) + t * f64::from(y1 - y0);
                    b.contains((x.round() as i32, y.round() as i32))
                })
                .count()
        })
        .sum()
}

/// The one label placer: of `candidates` (boxes in order of preference, each
/// with what it stands for), the one inside `bounds` with the lowest `cost`,
/// the earliest on ties; `None` when none lies inside.
pub(crate) fn best_place<T, C: Ord>(
    candidates: impl IntoIterator<Item = (PxBox, T)>,
    bounds: &PxBox,
    cost: impl Fn(&PxBox) -> C,
) -> Option<(PxBox, T)> {
    candidates
        .into_iter()
        .filter(|(b, _)| b.inside(bounds))
        .min_by_key(|(b, _)| cost(b))
}

/// Where a marker's label goes: its row (0 at the top) and where its text
/// starts.
pub(crate) struct MarkerLabel {
    pub(crate) row: i32,
    pub(crate) text_x: i32,
    pub(crate) hpos: HPos,
}

/// Places the labels of vertical marker lines at `xs` (texts `widths` wide)
/// in rows between `lo` and `hi`: each beside its own line, on its preferred
/// side first and in the highest row where it covers no other label and,
/// where possible, no other marker's line; centred on its line in a fresh row
/// when nothing fits. Returns the labels and the rows used.
pub(crate) fn place_marker_labels(
    xs: &[i32],
    widths: &[i32],
    prefer_right: &[bool],
    (lo, hi): (i32, i32),
    gap: i32,
    max_rows: i32,
) -> (Vec<MarkerLabel>, i32) {
    // Rows are boxes one unit high, so labels collide only in the same row.
    let bounds = PxBox {
        l: lo,
        t: 0,
        r: hi,
        b: max_rows,
    };
    let mut taken: Vec<PxBox> = Vec::new();
    let mut labels = Vec::new();
    let mut rows_used = 1;
    for (i, (&x, &w)) in xs.iter().zip(widths).enumerate() {
        let sides = match prefer_right.get(i).copied().unwrap_or(true) {
            true => [true, false],
            false => [false, true],
        };
        let candidates = (0..max_rows).flat_map(|row| {
            sides.map(|right| {
                let (l, r) = if right {
                    (x + gap / 2, x + gap + w + gap / 2)
                } else {
                    (x - gap - w - gap / 2, x - gap / 2)
                };
                (
                    PxBox {
                        l,
                        t: row,
                        r,
                        b: row + 1,
                    },
                    right,
                )
            })
        });
        let hits_label = |b: &PxBox| taken.iter().any(|t| t.overlaps(b));
        let hits_line = |b: &PxBox| {
            xs.iter()
                .enumerate()
                .any(|(j, &ox)| j != i && ox >= b.l && ox <= b.r)
        };
        let best = best_place(candidates, &bounds, |b| (hits_label(b), hits_line(b)))
            .filter(|(b, _)| !hits_label(b));
        let (b, label) = match best {
            Some((b, right)) => {
                let (text_x, hpos) = match right {
                    true => (x + gap, HPos::Left),
                    false => (x - gap, HPos::Right),
                };
                let row = b.t;
                (b, MarkerLabel { row, text_x, hpos })
            }
            None => {
                // Last resort: centred on the line in a fresh row.
                let row = taken
                    .iter()
                    .map(|p| p.t + 1)
                    .max()
                    .unwrap_or(0)
                    .min(max_rows - 1);
                let l = (x - w / 2).clamp(lo, (hi - w).max(lo));
                let b = PxBox {
                    l,
                    t: row,
                    r: l + w,
                    b: row + 1,
                };
                let hpos = HPos::Left;
                (
                    b,
                    MarkerLabel {
                        row,
                        text_x: l,
                        hpos,
                    },
                )
            }
        };
        rows_used = rows_used.max(label.row + 1);
        taken.push(b);
        labels.push(label);
    }
    (labels, rows_used)
}

/// Where a callout of size `(w, h)` goes next to `anchor` (a point, or a
/// box around it of half-sizes `(rx, ry)`): of the places beside it (near,
/// then a little further) that stay in `bounds`, the one that covers no
/// other callout and the least of the `avoid` path, the nearest on ties;
/// below the anchor when none stays in `bounds`.
pub(crate) fn place_callout(
    anchor: (i32, i32),
    (rx, ry): (i32, i32),
    (w, h): (i32, i32),
    gap: i32,
    bounds: &PxBox,
    avoid: &[(i32, i32)],
    taken: &[PxBox],
) -> PxBox {
    let (x, y) = anchor;
    let boxed = |(l, t): (i32, i32)| PxBox {
        l,
        t,
        r: l + w,
        b: t + h,
    };
    let candidates = [gap, 3 * gap].into_iter().flat_map(|g| {
        let (dx, dy) = (rx + g, ry + g);
        [
            (x + dx, y - dy - h),     // above right
            (x - dx - w, y - dy - h), // above left
            (x + dx, y + dy),         // below right
            (x - dx - w, y + dy),     // below left
            (x + dx, y - h / 2),      // right
            (x - dx - w, y - h / 2),  // left
            (x - w / 2, y - dy - h),  // above
            (x - w / 2, y + dy),      // below
        ]
        .map(|p| (boxed(p), ()))
    });
    let cost = |b: &PxBox| (taken.iter().any(|t| t.overlaps(b)), path_overlap(avoid, b));
    match best_place(candidates, bounds, cost) {
        Some((b, ())) => b,
        None => boxed((
            (x - w / 2).clamp(bounds.l, (bounds.r - w).max(bounds.l)),
            (y + ry + gap).clamp(bounds.t, (bounds.b - h).max(bounds.t)),
        )),
    }
}

/// A text box (white, outlined) with `lines` starting at its top-left.
pub(crate) struct Callout {
    lines: Vec<(String, Font, RGBColor)>,
    pub(crate) w: i32,
    pub(crate) h: i32,
}

impl Callout {
    /// A callout of `lines` (text, font, colour), measured.
    pub(crate) fn new<DB: DrawingBackend>(
        cv: &Canvas<'_, DB>,
        lines: Vec<(String, Font, RGBColor)>,
    ) -> Self {
        let pad = cv.px(8.0);
        let gap = cv.px(6.0);
        let w = lines
            .iter()
            .map(|(t, f, _)| cv.width(t, *f))
            .max()
            .unwrap_or(0)
            + 2 * pad;
        let h = lines.iter().map(|(_, f, _)| cv.line_h(*f)).sum::<i32>()
            + gap * (lines.len() as i32 - 1).max(0)
            + 2 * pad;
        Callout { lines, w, h }
    }

    /// A callout about a total: `heading` ("Lowest: 1.2M USD") in bold,
    /// and `detail` ("at 25%") under it.
    pub(crate) fn for_total<DB: DrawingBackend>(
        cv: &Canvas<'_, DB>,
        heading: String,
        detail: Option<String>,
    ) -> Self {
        let mut lines = vec![(heading, cv.font(size::NOTE, true), TEXT)];
        lines.extend(detail.map(|d| (d, cv.font(size::NOTE, false), SUBTLE)));
        Callout::new(cv, lines)
    }

    /// Draws the callout with its top-left corner at `(x, y)`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        cv: &Canvas<'_, DB>,
        (x, y): (i32, i32),
    ) -> Result<(), ChartError> {
        let pad = cv.px(8.0);
        let gap = cv.px(6.0);
        cv.rect((x, y), (x + self.w, y + self.h), WHITE.mix(0.94))?;
        cv.outline((x, y), (x + self.w, y + self.h), AXIS)?;
        let mut ty = y + pad;
        for (text, f, color) in &self.lines {
            cv.text(text, *f, *color, (x + pad, ty), HPos::Left, VAlign::Top)?;
            ty += cv.line_h(*f) + gap;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_start_on_round_values() {
        let values: Vec<f64> = (1..=100).map(|i| f64::from(i) / 100.0).collect();
        let idx = labelled(&values, 10, 0.01);
        assert_eq!(idx.first().copied(), Some(9));
        assert_eq!(idx.len(), 10);
        assert_eq!(labelled(&[6.0, 2.0, 4.0], 1, 2.0), [0, 1, 2]);
        // No round value among the first k: from the first.
        assert_eq!(labelled(&[1.5, 2.5, 4.5], 2, 1.0), [0, 2]);
    }

    #[test]
    fn callouts_keep_clear_of_the_line_and_of_each_other() {
        let bounds = PxBox {
            l: 0,
            t: 0,
            r: 1000,
            b: 600,
        };
        // A line rising to the top right: the callout of its end goes above
        // it on the left, not across it.
        let line = [(0, 590), (900, 100)];
        let b = place_callout(line[1], (7, 7), (200, 60), 10, &bounds, &line, &[]);
        assert_eq!((b.r - b.l, b.b - b.t), (200, 60));
        assert!(b.inside(&bounds));
        assert_eq!(path_overlap(&line, &b), 0);
        // A second callout at the same point avoids the first.
        let b2 = place_callout(line[1], (7, 7), (200, 60), 10, &bounds, &line, &[b]);
        assert!(!b2.overlaps(&b));
    }

    #[test]
    fn marker_labels_keep_clear_of_each_other_and_of_other_lines() {
        let rows_and_x = |labels: &[MarkerLabel]| -> Vec<(i32, i32)> {
            labels.iter().map(|l| (l.row, l.text_x)).collect()
        };
        // On its right the first label would cover the second line: it goes
        // left; the second keeps its right.
        let (labels, rows) =
            place_marker_labels(&[500, 520], &[100, 100], &[true, true], (0, 1000), 10, 4);
        assert_eq!(rows_and_x(&labels), [(0, 490), (0, 530)]);
        assert_eq!(rows, 1);
        // No room on either side: each centred on its line, in a fresh row.
        let (labels, rows) =
            place_marker_labels(&[50, 60], &[90, 90], &[true, true], (0, 120), 10, 4);
        assert_eq!(rows_and_x(&labels), [(0, 5), (1, 15)]);
        assert_eq!(rows, 2);
    }

    #[test]
    fn strides_grow_one_two_five() {
        assert_eq!(stride_for(50.0, 40.0), 1);
        assert_eq!(stride_for(11.0, 40.0), 5);
        assert_eq!(stride_for(1.0, 150.0), 200);
    }
}
