//! Where labels go: thinning tick labels so they do not overlap, and placing
//! marker labels and callouts clear of each other and of the data.

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use plotters::style::{Color, RGBColor};

use super::ChartError;
use super::canvas::{Canvas, Font, VAlign, size};
use super::palette::{AXIS, WHITE};
use super::parts::label_center;

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

/// Strides for thinned labels: 1, 2, 5, 10, 20, 50, ...
fn strides() -> impl Iterator<Item = usize> {
    (0..7u32).flat_map(|k| [1, 2, 5].map(|m| m * 10usize.pow(k)))
}

/// The smallest stride (1, 2, 5, 10, ...) that leaves `need` pixels between
/// labels `cell` pixels apart.
pub(crate) fn stride_for(cell: f64, need: f64) -> usize {
    strides()
        .find(|&k| k as f64 * cell >= need)
        .unwrap_or(usize::MAX / 4)
}

/// Labelled indices 0, k, 2k, ... below `n`.
pub(crate) fn every(n: usize, k: usize) -> impl Iterator<Item = usize> {
    (0..n).step_by(k.max(1))
}

/// Every `k`-th value's index, starting where the value is a round multiple
/// of `k` steps when the values allow it (10%, 20%, ... rather than 1%, 11%,
/// ...).
pub(crate) fn labelled(values: &[f64], k: usize, step: f64) -> Vec<usize> {
    let k = k.max(1);
    let big = k as f64 * step;
    let round = |v: f64| {
        let r = v / big;
        big > 0.0 && (r - r.round()).abs() < 1e-6 * r.abs().max(1.0)
    };
    let offset = if k == 1 {
        0
    } else {
        (0..k.min(values.len()))
            .find(|&o| values.get(o).is_some_and(|v| round(*v)))
            .unwrap_or(0)
    };
    (offset..values.len()).step_by(k).collect()
}

pub(crate) struct Placed {
    pub(crate) row: i32,
    left: i32,
    right: i32,
    pub(crate) text_x: i32,
    pub(crate) hpos: HPos,
}

/// Places marker labels in rows, each beside its own line, avoiding other
/// labels and other markers' lines. Returns placements and rows used.
pub(crate) fn place_markers(
    xs: &[i32],
    widths: &[i32],
    prefer_right: &[bool],
    bounds: (i32, i32),
    gap: i32,
    max_rows: i32,
) -> (Vec<Placed>, i32) {
    let mut placed: Vec<Placed> = Vec::new();
    let mut rows_used = 1;
    for (i, (&x, &w)) in xs.iter().zip(widths).enumerate() {
        let pr = prefer_right.get(i).copied().unwrap_or(true);
        let sides = if pr { [true, false] } else { [false, true] };
        let mut fallback: Option<Placed> = None;
        let mut chosen: Option<Placed> = None;
        'rows: for row in 0..max_rows {
            for right in sides {
                let (left, rgt, text_x, hpos) = if right {
                    (x + gap / 2, x + gap + w + gap / 2, x + gap, HPos::Left)
                } else {
                    (x - gap - w - gap / 2, x - gap / 2, x - gap, HPos::Right)
                };
                if left < bounds.0 || rgt > bounds.1 {
                    continue;
                }
                let cand = Placed {
                    row,
                    left,
                    right: rgt,
                    text_x,
                    hpos,
                };
                let hits_label = placed
                    .iter()
                    .any(|p| p.row == row && p.left < rgt && left < p.right);
                let hits_line = xs
                    .iter()
                    .enumerate()
                    .any(|(j, &ox)| j != i && ox >= left && ox <= rgt);
                if !hits_label && !hits_line {
                    chosen = Some(cand);
                    break 'rows;
                }
                if !hits_label && fallback.is_none() {
                    fallback = Some(cand);
                }
            }
        }
        let p = match chosen.or(fallback) {
            Some(p) => p,
            None => {
                // Last resort: centred on the line in a fresh row.
                let row = placed
                    .iter()
                    .map(|p| p.row + 1)
                    .max()
                    .unwrap_or(0)
                    .min(max_rows - 1);
                let left = (x - w / 2).clamp(bounds.0, (bounds.1 - w).max(bounds.0));
                Placed {
                    row,
                    left,
                    right: left + w,
                    text_x: left,
                    hpos: HPos::Left,
                }
            }
        };
        rows_used = rows_used.max(p.row + 1);
        placed.push(p);
    }
    (placed, rows_used)
}

/// A text box (white, outlined) with `lines` starting at its top-left.
pub(crate) struct Callout {
    lines: Vec<(String, Font, RGBColor)>,
    pub(crate) w: i32,
    pub(crate) h: i32,
}

impl Callout {
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

/// A pixel box: left, top, right, bottom.
#[derive(Clone, Copy)]
pub(crate) struct PxBox {
    pub(crate) l: i32,
    pub(crate) t: i32,
    pub(crate) r: i32,
    pub(crate) b: i32,
}

impl PxBox {
    pub(crate) fn overlaps(&self, o: &PxBox) -> bool {
        self.l < o.r && o.l < self.r && self.t < o.b && o.t < self.b
    }

    pub(crate) fn inside(&self, o: &PxBox) -> bool {
        self.l >= o.l && self.r <= o.r && self.t >= o.t && self.b <= o.b
    }

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

/// Where a callout of size `(w, h)` goes next to `anchor` (a point, or a
/// box around it of half-sizes `(rx, ry)`): of the places beside it (near,
/// then a little further) that stay in `bounds`, the one that covers no
/// other callout and the least of the `avoid` path, the nearest on ties.
pub(crate) fn place_callout(
    anchor: (i32, i32),
    (rx, ry): (i32, i32),
    (w, h): (i32, i32),
    gap: i32,
    bounds: &PxBox,
    avoid: &[(i32, i32)],
    taken: &[PxBox],
) -> (i32, i32) {
    let (x, y) = anchor;
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
    });
    let boxed = |(l, t): (i32, i32)| PxBox {
        l,
        t,
        r: l + w,
        b: t + h,
    };
    candidates
        .enumerate()
        .filter(|(_, p)| boxed(*p).inside(bounds))
        .min_by_key(|(k, p)| {
            let b = boxed(*p);
            (
                taken.iter().any(|t| t.overlaps(&b)),
                path_overlap(avoid, &b),
                *k,
            )
        })
        .map(|(_, p)| p)
        .unwrap_or((
            (x - w / 2).clamp(bounds.l, (bounds.r - w).max(bounds.l)),
            (y + ry + gap).clamp(bounds.t, (bounds.b - h).max(bounds.t)),
        ))
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
        let (x, y) = place_callout(line[1], (7, 7), (200, 60), 10, &bounds, &line, &[]);
        let b = PxBox {
            l: x,
            t: y,
            r: x + 200,
            b: y + 60,
        };
        assert!(b.inside(&bounds));
        assert_eq!(path_overlap(&line, &b), 0);
        // A second callout at the same point avoids the first.
        let (x2, y2) = place_callout(line[1], (7, 7), (200, 60), 10, &bounds, &line, &[b]);
        let b2 = PxBox {
            l: x2,
            t: y2,
            r: x2 + 200,
            b: y2 + 60,
        };
        assert!(!b2.overlaps(&b));
    }

    #[test]
    fn strides_grow_one_two_five() {
        assert_eq!(stride_for(50.0, 40.0), 1);
        assert_eq!(stride_for(11.0, 40.0), 5);
        assert_eq!(stride_for(1.0, 150.0), 200);
    }
}
