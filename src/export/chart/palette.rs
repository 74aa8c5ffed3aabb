//! Colours: Okabe–Ito for data, greys for text and axes, fixed colours for
//! the model's line items, one colour per compared scenario, and the heat
//! map's colour-blind-safe scales.

use std::collections::HashMap;

use plotters::style::RGBColor;

use super::input::ChartData;

/// An `RGBColor` from `0xRRGGBB`.
pub(crate) const fn hex(c: u32) -> RGBColor {
    RGBColor((c >> 16) as u8, (c >> 8) as u8, c as u8)
}

// Okabe–Ito: told apart by people with any common colour-vision deficiency.
pub(crate) const ORANGE: RGBColor = hex(0xE69F00);
pub(crate) const SKY: RGBColor = hex(0x56B4E9);
pub(crate) const GREEN: RGBColor = hex(0x009E73);
pub(crate) const YELLOW: RGBColor = hex(0xF0E442);
pub(crate) const BLUE: RGBColor = hex(0x0072B2);
pub(crate) const VERMILLION: RGBColor = hex(0xD55E00);
pub(crate) const PURPLE: RGBColor = hex(0xCC79A7);
pub(crate) const BLACK: RGBColor = hex(0x000000);

// Text, grid and axes.
pub(crate) const WHITE: RGBColor = hex(0xFFFFFF);
pub(crate) const TEXT: RGBColor = hex(0x1A1A1A);
pub(crate) const SUBTLE: RGBColor = hex(0x555555);
pub(crate) const GRID: RGBColor = hex(0xE3E3E3);
pub(crate) const AXIS: RGBColor = hex(0x444444);
pub(crate) const ZERO: RGBColor = hex(0x7A7A7A);

/// Dark vermillion: reads as a warning, with enough contrast on white.
pub(crate) const NOTE_COLOR: RGBColor = hex(0xA34400);

/// Fixed colours for the model's own line items (money and capacity share
/// keys, so "vacancy" is the same blue in the breakdown and capacity charts).
fn known_color(key: &str) -> Option<RGBColor> {
    Some(match key {
        "salary_premium" => ORANGE,
        "retention_raise" => VERMILLION,
        "recruiting" => PURPLE,
        "unfilled_seats" => YELLOW,
        "ci_compute" => SKY,
        "infra_savings" => GREEN,
        "incident_savings" => hex(0x00543F),
        "vacancy" => BLUE,
        "ramp" => hex(0x8C5E00),
        "mentoring" => hex(0x8A4A76),
        "productivity" => hex(0x4A4A4A),
        "build_wait" => hex(0xA8A8A8),
        _ => return None,
    })
}

/// Colours for user-named items, in order of first appearance.
const EXTRA: [RGBColor; 8] = [
    hex(0x9ACBEA),
    hex(0xA8412B),
    hex(0xE9B8D3),
    hex(0x004B75),
    hex(0xF2C46B),
    hex(0x6E6E6E),
    hex(0x66C2A5),
    hex(0xB5A400),
];

/// The colour of each line item of a scenario's charts.
pub(crate) struct Palette {
    map: HashMap<String, RGBColor>,
}

impl Palette {
    /// Colours for the line items of `data`: the model's own fixed, the
    /// user's from [`EXTRA`] in order of first appearance.
    pub(crate) fn new(data: &ChartData) -> Self {
        let mut map = HashMap::new();
        let mut next = 0usize;
        for s in data.money_items.iter().chain(data.capacity_em.iter()) {
            if map.contains_key(&s.key) {
                continue;
            }
            let c = match known_color(&s.key) {
                Some(c) => c,
                None => {
                    let c = EXTRA.get(next % EXTRA.len()).copied().unwrap_or(BLACK);
                    next += 1;
                    c
                }
            };
            map.insert(s.key.clone(), c);
        }
        Palette { map }
    }

    /// The colour of the item `key` (axis grey for an unknown key).
    pub(crate) fn get(&self, key: &str) -> RGBColor {
        self.map.get(key).copied().unwrap_or(AXIS)
    }
}

/// Okabe–Ito without yellow (too pale for a line on white), then a dark
/// brown, ordered so that the first four are the most distinct; past eight
/// scenarios the colours repeat with dashed lines.
const SCENARIO_COLORS: [RGBColor; 8] = [
    BLUE,
    VERMILLION,
    GREEN,
    PURPLE,
    ORANGE,
    SKY,
    BLACK,
    hex(0x8C5E00),
];

/// The colour of the `i`-th scenario (in the order given) and whether its
/// line is dashed.
pub(crate) fn scenario_style(i: usize) -> (RGBColor, bool) {
    let n = SCENARIO_COLORS.len();
    let color = SCENARIO_COLORS.get(i % n).copied().unwrap_or(AXIS);
    (color, (i / n) % 2 == 1)
}

/// Colour-blind-safe scales: viridis when every total has the same sign,
/// blue (savings, below zero) to orange (cost) through a light grey at zero
/// when they straddle it.
#[derive(Clone, Copy)]
pub(crate) enum ColorScale {
    Sequential { lo: f64, hi: f64 },
    Diverging { max: f64 },
}

/// viridis at t = 0, 1/9, ..., 1.
pub(crate) const VIRIDIS: [u32; 10] = [
    0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C,
    0xFDE725,
];

/// Blue to orange at t = -1, -0.75, ..., 1 (RdBu's blues, PuOr's oranges).
const BLUE_ORANGE: [u32; 9] = [
    0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF2F2F2, 0xFEE0B6, 0xFDB863, 0xE08214, 0xB35806,
];

/// Colour at `t` in 0..=1 along `stops`, in 256 steps (so neighbouring
/// cells of nearly equal value share a colour and merge into one shape).
pub(crate) fn ramp(stops: &[u32], t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let t = (t * 255.0).round() / 255.0;
    let segments = stops.len().saturating_sub(1).max(1);
    let pos = t * segments as f64;
    let i = (pos.floor() as usize).min(segments - 1);
    let f = pos - i as f64;
    let a = hex(stops.get(i).copied().unwrap_or(0));
    let b = hex(stops.get(i + 1).copied().unwrap_or(0));
    let mix = |x: u8, y: u8| (f64::from(x) + f * (f64::from(y) - f64::from(x))).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

impl ColorScale {
    pub(crate) fn new(lo: f64, hi: f64) -> Self {
        if lo < 0.0 && hi > 0.0 {
            ColorScale::Diverging {
                max: lo.abs().max(hi),
            }
        } else {
            ColorScale::Sequential { lo, hi }
        }
    }

    /// The colour of the total `v`.
    pub(crate) fn color(&self, v: f64) -> RGBColor {
        match *self {
            ColorScale::Sequential { lo, hi } => {
                let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
                ramp(&VIRIDIS, t)
            }
            ColorScale::Diverging { max } => {
                let t = if max > 0.0 { v / max } else { 0.0 };
                ramp(&BLUE_ORANGE, (t + 1.0) / 2.0)
            }
        }
    }
}

/// Dark text on light cells, white on dark ones (WCAG relative luminance).
pub(crate) fn text_on(c: RGBColor) -> RGBColor {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
    // Contrast with white is 1.05 / (l + 0.05); with near-black ~(l + 0.05) / 0.06.
    if 1.05 / (l + 0.05) > (l + 0.05) / 0.06 {
        WHITE
    } else {
        TEXT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::chart::{ChartData, Series};

    #[test]
    fn user_items_get_distinct_colours() {
        let data = ChartData {
            money_items: vec![
                Series {
                    key: "salary_premium".into(),
                    ..Default::default()
                },
                Series {
                    key: "licenses".into(),
                    ..Default::default()
                },
                Series {
                    key: "training".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let p = Palette::new(&data);
        assert_eq!(p.get("salary_premium"), ORANGE);
        assert_ne!(p.get("licenses"), p.get("training"));
        assert_ne!(p.get("licenses"), ORANGE);
    }

    #[test]
    fn scales_are_viridis_or_blue_orange_around_zero() {
        let seq = ColorScale::new(1.0, 2.0);
        assert_eq!(seq.color(1.0), hex(0x440154));
        assert_eq!(seq.color(2.0), hex(0xFDE725));
        let div = ColorScale::new(-1.0, 3.0);
        let zero = div.color(0.0);
        assert!(zero.0 >= 240 && zero.1 >= 240 && zero.2 >= 240, "{zero:?}");
        assert_eq!(div.color(3.0), hex(0xB35806));
        assert_eq!(div.color(-3.0), hex(0x2166AC));
        // A constant sweep still gets a colour.
        let flat = ColorScale::new(5.0, 5.0);
        assert_eq!(flat.color(5.0), ramp(&VIRIDIS, 0.5));
    }

    #[test]
    fn cell_text_contrasts_with_its_cell() {
        assert_eq!(text_on(hex(0x440154)), WHITE);
        assert_eq!(text_on(hex(0xFDE725)), TEXT);
        assert_eq!(text_on(hex(0xF2F2F2)), TEXT);
        assert_eq!(text_on(hex(0x2166AC)), WHITE);
    }
}
