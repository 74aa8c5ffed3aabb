//! Where the ticks go: nice steps over a range, ticks whose labels fit the
//! width, money ticks that can be written exactly, calendar-aligned months.

use plotters::prelude::DrawingBackend;

use super::canvas::{Canvas, size};
use super::format::money_unit;
use super::place::{aligned_every, smallest_stride};

/// The nice step (1, 2, 2.5 or 5 times a power of ten) at or above `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let base = 10f64.powf(raw.log10().floor());
    let f = raw / base;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * base
}

/// Ticks across a range: the range (widened to whole steps when snapped),
/// the step and the tick values.
pub(crate) struct Ticks {
    pub(crate) lo: f64,
    pub(crate) hi: f64,
    pub(crate) step: f64,
    pub(crate) values: Vec<f64>,
}

/// Makes `(lo, hi)` a usable, non-empty, finite range.
pub(crate) fn sane_range(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = match (lo.is_finite(), hi.is_finite()) {
        (true, true) => (lo.min(hi), lo.max(hi)),
        (true, false) => (lo, lo),
        (false, true) => (hi, hi),
        (false, false) => (0.0, 1.0),
    };
    let span = hi - lo;
    let mag = lo.abs().max(hi.abs());
    if span <= mag * 1e-9 || span == 0.0 {
        if mag == 0.0 {
            (0.0, 1.0)
        } else {
            (lo - mag * 0.1, hi + mag * 0.1)
        }
    } else {
        (lo, hi)
    }
}

/// About `target` nice ticks covering `[lo, hi]`. With `snap` the range is
/// widened to whole steps; otherwise it is kept and ticks fall inside it.
pub(crate) fn nice_ticks(lo: f64, hi: f64, target: usize, snap: bool) -> Ticks {
    let (lo, hi) = sane_range(lo, hi);
    let target = target.clamp(2, 12) as f64;
    let step = nice_step((hi - lo) / target);
    let (lo, hi) = if snap {
        ((lo / step).floor() * step, (hi / step).ceil() * step)
    } else {
        (lo, hi)
    };
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let values = (first..=last)
        .take(200)
        .map(|k| {
            let v = k as f64 * step;
            if v.abs() < step * 1e-9 { 0.0 } else { v }
        })
        .collect();
    Ticks {
        lo,
        hi,
        step,
        values,
    }
}

/// Nice ticks for money whose labels are exact: "1.9875M" cannot be written
/// with the three decimals money ticks allow, so fewer, rounder ticks then.
pub(crate) fn exact_money_ticks(lo: f64, hi: f64, target: usize, snap: bool) -> Ticks {
    let mut target = target.max(2);
    loop {
        let t = nice_ticks(lo, hi, target, snap);
        let largest = t.values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let (unit, _) = money_unit(largest);
        let thousandths = t.step / unit * 1000.0;
        let exact = (thousandths - thousandths.round()).abs() < 1e-6 * thousandths.max(1.0);
        if exact || target <= 2 {
            return t;
        }
        target -= 1;
    }
}

/// Nice ticks across `[lo, hi]` whose labels, written by `label(value,
/// step)`, fit side by side across `width` pixels with room between them:
/// the most of `most`, `most − 1`, ... down to two ticks that fit. Returns
/// the ticks and their labels.
pub(crate) fn fitting_ticks<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (lo, hi): (f64, f64),
    width: i32,
    most: usize,
    label: &dyn Fn(f64, f64) -> String,
) -> (Ticks, Vec<String>) {
    let f = cv.font(size::TICK, false);
    let gap = f64::from(cv.px(36.0));
    let mut target = most;
    loop {
        let t = nice_ticks(lo, hi, target, false);
        let labels: Vec<String> = t.values.iter().map(|v| label(*v, t.step)).collect();
        let max_w = labels.iter().map(|l| cv.width(l, f)).max().unwrap_or(0);
        let span = (t.hi - t.lo).max(f64::MIN_POSITIVE);
        let px_step = t.step / span * f64::from(width);
        if px_step >= f64::from(max_w) + gap || target <= 2 {
            return (t, labels);
        }
        target -= 1;
    }
}

/// About how many ticks an axis `length` pixels long takes: one every
/// `spacing` lines of tick text.
pub(crate) fn tick_count<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    length: f64,
    spacing: f64,
) -> usize {
    let tf = cv.font(size::TICK, false);
    (length / (f64::from(cv.line_h(tf)) * spacing)).round() as usize
}

/// The range of the finite `values`, widened to take in zero: amounts are
/// drawn from a zero baseline.
pub(crate) fn range_from_zero(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// The smallest gap between distinct values: the step their labels must
/// tell apart.
pub(crate) fn value_step(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let gap = sorted
        .windows(2)
        .filter_map(|w| match (w.first(), w.get(1)) {
            (Some(a), Some(b)) if b > a => Some(b - a),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    if gap.is_finite() {
        gap
    } else {
        sorted.first().map_or(1.0, |v| v.abs().max(1e-9))
    }
}

/// "YYYY-MM" as a month count since year 0.
pub(crate) fn parse_month(s: &str) -> Option<i64> {
    let (y, m) = s.trim().split_once('-')?;
    let y: i64 = y.parse().ok()?;
    let m: i64 = m.parse().ok()?;
    if (1..=12).contains(&m) {
        Some(y * 12 + m - 1)
    } else {
        None
    }
}

/// Month indices that get a label: every `step` months on calendar-aligned
/// months (quarters, Januaries, even years, ...), with `step` the smallest
/// that leaves `min_gap_px` between label centres.
pub(crate) fn month_ticks(months: &[String], px_per_month: f64, min_gap_px: f64) -> Vec<usize> {
    let n = months.len();
    if n == 0 {
        return Vec::new();
    }
    const STEPS: [usize; 12] = [1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600, 1200];
    let step = smallest_stride(STEPS, px_per_month, min_gap_px, 1200);
    // Calendar alignment only when the months are consecutive "YYYY-MM".
    let first = months.first().and_then(|m| parse_month(m));
    let consecutive = first.is_some_and(|f| {
        months
            .iter()
            .enumerate()
            .all(|(i, m)| parse_month(m) == Some(f + i as i64))
    });
    let abs = |i: usize| -> i64 {
        match (consecutive, first) {
            (true, Some(f)) => f + i as i64,
            _ => i as i64,
        }
    };
    aligned_every(n, step, |i| abs(i).rem_euclid(step as i64) == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ticks_align_to_calendar() {
        let months: Vec<String> = (0..120)
            .map(|i| format!("{}-{:02}", 2026 + (i + 3) / 12, (i + 3) % 12 + 1))
            .collect();
        // Starts 2026-04; with room for one label per year they fall on January.
        let t = month_ticks(&months, 10.0, 100.0);
        assert_eq!(t.first().copied(), Some(9));
        assert!(
            t.iter()
                .all(|&i| months.get(i).is_some_and(|m| m.ends_with("-01")))
        );
        // Lots of room: every month.
        assert_eq!(month_ticks(&months, 200.0, 100.0).len(), 120);
    }

    #[test]
    fn nice_ticks_handle_degenerate_ranges() {
        let t = nice_ticks(0.0, 0.0, 5, true);
        assert!(t.hi > t.lo && !t.values.is_empty());
        let t = nice_ticks(5.0, 5.0, 5, true);
        assert!(t.hi > t.lo && t.lo <= 5.0 && t.hi >= 5.0);
        let t = nice_ticks(f64::NAN, f64::INFINITY, 5, true);
        assert!(t.hi > t.lo);
        let t = nice_ticks(-1.2e6, 3.4e6, 6, true);
        assert!(t.lo <= -1.2e6 && t.hi >= 3.4e6 && t.values.contains(&0.0));
    }

    #[test]
    fn value_steps_come_from_the_closest_values() {
        assert!((value_step(&[6.0, 2.0, 4.0, 3.0]) - 1.0).abs() < 1e-12);
        assert!((value_step(&[0.3]) - 0.3).abs() < 1e-12);
        assert!((value_step(&[]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn money_ticks_are_written_exactly() {
        // Steps of 2,500 around 2M would need "1.9875M": 5,000 instead.
        let t = exact_money_ticks(1_983_000.0, 2_002_500.0, 8, false);
        assert!((t.step - 5_000.0).abs() < 1e-6, "{}", t.step);
        let t = exact_money_ticks(0.0, 2_500_000.0, 6, true);
        assert!((t.step - 500_000.0).abs() < 1e-6, "{}", t.step);
    }
}
