//! Slide-ready charts (PNG and SVG) for `adoptcost`.
//!
//! The charts only *draw* results the model has already computed: the caller
//! fills a [`ChartData`] and calls [`render`] once per chart.
//!
//! Text uses DejaVu Sans, embedded in the binary with `include_bytes!` and
//! registered with plotters' `ab_glyph` text support (see [`register_fonts`]),
//! so no system font library is needed at build or run time.
//!
//! Everything is laid out in pixels by this module (title, axes, legends,
//! annotations) and scaled with the image height, so the same chart looks the
//! same at 1200×675, 1600×900 or 2400×1350. Nothing here panics on odd data:
//! empty, all-zero, single-month or constant inputs give a chart with a note.

#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable
)]

use std::collections::HashMap;
use std::sync::OnceLock;

use image::ImageEncoder;
use plotters::coord::Shift;
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::prelude::{
    BitMapBackend, DrawingArea, DrawingAreaErrorKind, DrawingBackend, IntoDrawingArea, SVGBackend,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, FontDesc, FontFamily, FontStyle, RGBAColor, RGBColor, ShapeStyle, TextStyle,
};

// ---------------------------------------------------------------------------
// Public data types
// ---------------------------------------------------------------------------

/// Everything the charts show, already computed by the model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartData {
    /// Scenario name, shown in every title.
    pub scenario_name: String,
    /// Currency code such as "USD"; a label only.
    pub currency: String,
    /// "YYYY-MM", one per month of the horizon.
    pub months: Vec<String>,
    /// Monte Carlo results; `None` when sampling was skipped.
    pub sampled: Option<Sampled>,
    /// Base-case cumulative total per month (money).
    pub cumulative_base: Vec<f64>,
    /// Month index of break-even, if any.
    pub break_even: Option<usize>,
    /// Monthly money line items in column order (values may be negative).
    pub money_items: Vec<Series>,
    /// Engineer-months lost per month by cause (values may be negative).
    pub capacity_em: Vec<Series>,
    /// One bar per uncertain input, largest swing first.
    pub tornado: Vec<TornadoBar>,
    /// Base-case horizon total (money).
    pub base_total: f64,
}

/// One named series of monthly values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Stable key such as "salary_premium"; picks the colour.
    pub key: String,
    /// Words for the legend, such as "Salary premium".
    pub label: String,
    /// One value per month.
    pub values: Vec<f64>,
}

/// Monte Carlo results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sampled {
    /// Number of trials.
    pub samples: usize,
    /// Seed used for the trials.
    pub seed: u64,
    /// P10, P50 and P90 of the cumulative total, one entry per month.
    pub bands: Vec<[f64; 3]>,
    /// Horizon total of every trial.
    pub totals: Vec<f64>,
    /// P10 of the horizon total.
    pub total_p10: f64,
    /// P50 of the horizon total.
    pub total_p50: f64,
    /// P90 of the horizon total.
    pub total_p90: f64,
}

/// One input's effect on the horizon total.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TornadoBar {
    /// Input in words, e.g. "Salary premium (hiring.premium)".
    pub label: String,
    /// The low input value as written, e.g. "20%".
    pub low_text: String,
    /// The high input value as written, e.g. "30%".
    pub high_text: String,
    /// Horizon total with the input at its low value.
    pub total_at_low: f64,
    /// Horizon total with the input at its high value.
    pub total_at_high: f64,
}

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chart {
    /// Cumulative total over the months, with the P10–P90 band.
    Cumulative,
    /// Monthly line items as stacked bars.
    Breakdown,
    /// Sensitivity of the horizon total to each input.
    Tornado,
    /// Histogram of the horizon totals of all trials.
    Distribution,
    /// Engineer-months lost per month by cause.
    Capacity,
}

impl Chart {
    /// All charts, in the order a deck would show them.
    pub const ALL: [Chart; 5] = [
        Chart::Cumulative,
        Chart::Breakdown,
        Chart::Tornado,
        Chart::Distribution,
        Chart::Capacity,
    ];

    /// Short lower-case name, handy for file names ("cumulative", ...).
    pub fn name(self) -> &'static str {
        match self {
            Chart::Cumulative => "cumulative",
            Chart::Breakdown => "breakdown",
            Chart::Tornado => "tornado",
            Chart::Distribution => "distribution",
            Chart::Capacity => "capacity",
        }
    }

    fn headline(self) -> &'static str {
        match self {
            Chart::Cumulative => "Cumulative cost",
            Chart::Breakdown => "Monthly cost by line item",
            Chart::Tornado => "What moves the total",
            Chart::Distribution => "Range of outcomes",
            Chart::Capacity => "Engineering capacity lost",
        }
    }
}

/// Where the chart goes.
pub enum Target<'a> {
    /// PNG bytes; the vector's previous contents are replaced.
    Png(&'a mut Vec<u8>),
    /// An SVG document; the string's previous contents are replaced.
    Svg(&'a mut String),
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The requested size is too small or too large.
    #[error(
        "chart size {width}x{height} is not supported (each side must be {MIN_SIDE}..={MAX_SIDE} pixels)"
    )]
    InvalidSize {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
    },
    /// The embedded font could not be loaded (should never happen).
    #[error("the embedded chart font could not be loaded")]
    Font,
    /// Drawing or writing the file failed.
    #[error("could not draw or write the chart: {0}")]
    Draw(String),
}

const MIN_SIDE: u32 = 200;
const MAX_SIDE: u32 = 10_000;
const MAX_PIXELS: u64 = 40_000_000;

/// `data` with control characters (newlines, tabs, ...) in its texts
/// replaced by spaces; borrowed unchanged in the usual case.
fn sanitized(data: &ChartData) -> std::borrow::Cow<'_, ChartData> {
    let bad = |s: &String| crate::text::has_control(s);
    let any_bad = bad(&data.scenario_name)
        || bad(&data.currency)
        || data.months.iter().any(bad)
        || data
            .money_items
            .iter()
            .chain(&data.capacity_em)
            .any(|s| bad(&s.label) || bad(&s.key))
        || data
            .tornado
            .iter()
            .any(|t| bad(&t.label) || bad(&t.low_text) || bad(&t.high_text));
    if !any_bad {
        return std::borrow::Cow::Borrowed(data);
    }
    let clean = crate::text::make_printable;
    let mut d = data.clone();
    clean(&mut d.scenario_name);
    clean(&mut d.currency);
    d.months.iter_mut().for_each(clean);
    for s in d.money_items.iter_mut().chain(d.capacity_em.iter_mut()) {
        clean(&mut s.label);
        clean(&mut s.key);
    }
    for t in &mut d.tornado {
        clean(&mut t.label);
        clean(&mut t.low_text);
        clean(&mut t.high_text);
    }
    std::borrow::Cow::Owned(d)
}

// ---------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------

static FONT_REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans.ttf"
));
static FONT_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans-Bold.ttf"
));

/// Family name the fonts are registered under. It is also written verbatim as
/// the SVG `font-family`, so viewers without DejaVu fall back to a sans font.
const FAMILY: &str = "DejaVu Sans, sans-serif";

static FONTS_OK: OnceLock<bool> = OnceLock::new();

/// Registers the embedded fonts with plotters. Idempotent and cheap after the
/// first call; [`render`] calls it too, so calling it at start-up is optional.
pub fn register_fonts() {
    let _ = fonts_ready();
}

fn fonts_ready() -> bool {
    *FONTS_OK.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, FONT_REGULAR).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, FONT_BOLD).is_ok()
    })
}

/// The few TrueType tables needed to place glyphs exactly.
///
/// plotters 0.3.7's ab_glyph text path draws each glyph at the pen position
/// but drops the glyph's left side bearing, so letters such as "i", "n" or
/// "l" sit too far left ("Cumulati ve"). On bitmaps we therefore draw glyph
/// by glyph and add the bearing back, read from the embedded font here.
struct GlyphMetrics {
    cmap4: &'static [u8],
    hmtx: &'static [u8],
    long_metrics: usize,
    /// Ascender minus descender in font units: ab_glyph's pixel-size basis.
    height_units: f64,
}

fn be_u16(b: &[u8], off: usize) -> Option<u16> {
    let bytes: [u8; 2] = b.get(off..off.checked_add(2)?)?.try_into().ok()?;
    Some(u16::from_be_bytes(bytes))
}

fn be_i16(b: &[u8], off: usize) -> Option<i16> {
    be_u16(b, off).map(|v| v as i16)
}

fn be_u32(b: &[u8], off: usize) -> Option<u32> {
    let bytes: [u8; 4] = b.get(off..off.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_be_bytes(bytes))
}

fn ttf_table<'f>(font: &'f [u8], tag: &[u8; 4]) -> Option<&'f [u8]> {
    let count = usize::from(be_u16(font, 4)?);
    (0..count).find_map(|i| {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? != tag {
            return None;
        }
        let off = be_u32(font, rec + 8)? as usize;
        let len = be_u32(font, rec + 12)? as usize;
        font.get(off..off.checked_add(len)?)
    })
}

impl GlyphMetrics {
    fn parse(font: &'static [u8]) -> Option<Self> {
        let hhea = ttf_table(font, b"hhea")?;
        let ascender = f64::from(be_i16(hhea, 4)?);
        let descender = f64::from(be_i16(hhea, 6)?);
        let long_metrics = usize::from(be_u16(hhea, 34)?);
        let hmtx = ttf_table(font, b"hmtx")?;
        let cmap = ttf_table(font, b"cmap")?;
        let subtables = usize::from(be_u16(cmap, 2)?);
        let cmap4 = (0..subtables).find_map(|i| {
            let rec = 4 + 8 * i;
            let platform = be_u16(cmap, rec)?;
            let encoding = be_u16(cmap, rec + 2)?;
            let sub = cmap.get(be_u32(cmap, rec + 4)? as usize..)?;
            let unicode = platform == 0 || (platform == 3 && encoding == 1);
            (unicode && be_u16(sub, 0)? == 4).then_some(sub)
        })?;
        let height_units = ascender - descender;
        (height_units > 0.0).then_some(GlyphMetrics {
            cmap4,
            hmtx,
            long_metrics,
            height_units,
        })
    }

    fn glyph_id(&self, c: char) -> Option<usize> {
        let c = u16::try_from(u32::from(c)).ok()?;
        let sub = self.cmap4;
        let seg_x2 = usize::from(be_u16(sub, 6)?);
        let ends = 14;
        let starts = ends + seg_x2 + 2;
        let deltas = starts + seg_x2;
        let ranges = deltas + seg_x2;
        // Binary search for the first segment whose end >= c.
        let (mut lo, mut hi) = (0usize, seg_x2 / 2);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if be_u16(sub, ends + 2 * mid)? < c {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let seg = lo;
        let start = be_u16(sub, starts + 2 * seg)?;
        if start > c {
            return None;
        }
        let delta = be_u16(sub, deltas + 2 * seg)?;
        let range = usize::from(be_u16(sub, ranges + 2 * seg)?);
        let gid = if range == 0 {
            c.wrapping_add(delta)
        } else {
            let addr = ranges + 2 * seg + range + 2 * usize::from(c - start);
            match be_u16(sub, addr)? {
                0 => 0,
                g => g.wrapping_add(delta),
            }
        };
        Some(usize::from(gid))
    }

    /// Left side bearing of `c` in pixels at plotters font size `size`,
    /// rounded down like ab_glyph's pixel bounds.
    fn bearing_px(&self, c: char, size: f64) -> i32 {
        let lsb = self.glyph_id(c).and_then(|g| {
            if g < self.long_metrics {
                be_i16(self.hmtx, 4 * g + 2)
            } else {
                be_i16(
                    self.hmtx,
                    4 * self.long_metrics + 2 * (g - self.long_metrics),
                )
            }
        });
        match lsb {
            Some(units) => (f64::from(units) * size / self.height_units).floor() as i32,
            None => 0,
        }
    }
}

fn glyph_metrics(bold: bool) -> Option<&'static GlyphMetrics> {
    static REGULAR: OnceLock<Option<GlyphMetrics>> = OnceLock::new();
    static BOLD: OnceLock<Option<GlyphMetrics>> = OnceLock::new();
    if bold {
        BOLD.get_or_init(|| GlyphMetrics::parse(FONT_BOLD)).as_ref()
    } else {
        REGULAR
            .get_or_init(|| GlyphMetrics::parse(FONT_REGULAR))
            .as_ref()
    }
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/// Draws `chart` from `data` at `size` (width, height in pixels) to `target`.
pub fn render(
    chart: Chart,
    data: &ChartData,
    size: (u32, u32),
    target: Target<'_>,
) -> Result<(), ChartError> {
    let data = sanitized(data);
    render_drawing(&ScenarioChart { chart, data: &data }, size, target)
}

/// A chart that can draw itself on any plotters backend. Every chart (the
/// scenario charts here, the what-if charts in `chart_whatif`) goes through
/// [`render_drawing`], so they share the size checks, fonts and encoders.
pub(crate) trait Drawing {
    /// Draws the whole chart onto `area` (already sized; not yet filled).
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        kind: Kind,
    ) -> Result<(), ChartError>;
}

/// One of the single-scenario charts.
struct ScenarioChart<'a> {
    chart: Chart,
    data: &'a ChartData,
}

impl Drawing for ScenarioChart<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        kind: Kind,
    ) -> Result<(), ChartError> {
        draw_chart(area, kind, self.chart, self.data)
    }
}

/// Checks the size, then draws `drawing` at `size` to `target`.
pub(crate) fn render_drawing(
    drawing: &impl Drawing,
    size: (u32, u32),
    target: Target<'_>,
) -> Result<(), ChartError> {
    let (width, height) = size;
    if !(MIN_SIDE..=MAX_SIDE).contains(&width)
        || !(MIN_SIDE..=MAX_SIDE).contains(&height)
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(ChartError::InvalidSize { width, height });
    }
    if !fonts_ready() {
        return Err(ChartError::Font);
    }
    match target {
        Target::Png(out) => {
            // Drawn in memory and encoded in memory: the caller writes the file
            // atomically with the run's other outputs.
            let len = (width as usize) * (height as usize) * 3;
            let mut pixels = vec![0u8; len];
            {
                let root = BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area();
                drawing.draw(&root, Kind::Bitmap)?;
                root.present().map_err(draw_err)?;
            }
            out.clear();
            image::codecs::png::PngEncoder::new(&mut *out)
                .write_image(&pixels, width, height, image::ColorType::Rgb8)
                .map_err(|e| ChartError::Draw(format!("cannot encode the PNG: {e}")))
        }
        Target::Svg(buf) => {
            buf.clear();
            let root = SVGBackend::with_string(buf, size).into_drawing_area();
            drawing.draw(&root, Kind::Svg)?;
            root.present().map_err(draw_err)
        }
    }
}

pub(crate) fn draw_err<E: std::error::Error + Send + Sync>(
    e: DrawingAreaErrorKind<E>,
) -> ChartError {
    ChartError::Draw(e.to_string())
}

fn draw_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    kind: Kind,
    chart: Chart,
    data: &ChartData,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let cv = Canvas::new(area, kind, w, h);
    area.fill(&WHITE).map_err(draw_err)?;
    let palette = Palette::new(data);
    let top = draw_header(&cv, chart, data)?;
    if data.months.is_empty() {
        return draw_empty(
            &cv,
            top,
            &["The horizon has no months, so there is nothing to plot."],
        );
    }
    match chart {
        Chart::Cumulative => draw_cumulative(&cv, top, data),
        Chart::Breakdown => draw_stacked(&cv, top, data, &palette, StackKind::Money),
        Chart::Capacity => draw_stacked(&cv, top, data, &palette, StackKind::Capacity),
        Chart::Tornado => draw_tornado(&cv, top, data),
        Chart::Distribution => draw_distribution(&cv, top, data),
    }
}

// ---------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------

pub(crate) const fn hex(c: u32) -> RGBColor {
    RGBColor((c >> 16) as u8, (c >> 8) as u8, c as u8)
}

// Okabe–Ito.
pub(crate) const ORANGE: RGBColor = hex(0xE69F00);
pub(crate) const SKY: RGBColor = hex(0x56B4E9);
pub(crate) const GREEN: RGBColor = hex(0x009E73);
pub(crate) const YELLOW: RGBColor = hex(0xF0E442);
pub(crate) const BLUE: RGBColor = hex(0x0072B2);
pub(crate) const VERMILLION: RGBColor = hex(0xD55E00);
pub(crate) const PURPLE: RGBColor = hex(0xCC79A7);
pub(crate) const BLACK: RGBColor = hex(0x000000);

pub(crate) const WHITE: RGBColor = hex(0xFFFFFF);
pub(crate) const TEXT: RGBColor = hex(0x1A1A1A);
pub(crate) const SUBTLE: RGBColor = hex(0x555555);
pub(crate) const GRID: RGBColor = hex(0xE3E3E3);
pub(crate) const AXIS: RGBColor = hex(0x444444);
pub(crate) const ZERO: RGBColor = hex(0x7A7A7A);

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

struct Palette {
    map: HashMap<String, RGBColor>,
}

impl Palette {
    fn new(data: &ChartData) -> Self {
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

    fn get(&self, key: &str) -> RGBColor {
        self.map.get(key).copied().unwrap_or(AXIS)
    }
}

// ---------------------------------------------------------------------------
// Canvas: pixel drawing with calibrated text placement
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Bitmap,
    Svg,
}

#[derive(Clone, Copy)]
pub(crate) enum VAlign {
    /// `y` is the top of the capital letters.
    Top,
    /// `y` is the middle of the capital letters.
    Middle,
    /// `y` is the bottom of the descenders.
    Bottom,
}

#[derive(Clone, Copy)]
pub(crate) struct Font {
    pub(crate) size: f64,
    pub(crate) bold: bool,
}

/// DejaVu Sans: (ascender − descender) / units-per-em = 2384 / 2048.
const EM_PER_SIZE: f64 = 2384.0 / 2048.0;

/// Base sizes at 1600×900; everything is multiplied by the canvas scale.
pub(crate) mod size {
    pub const MARGIN: f64 = 30.0;
    pub const TITLE: f64 = 48.0;
    pub const SUBTITLE: f64 = 29.0;
    pub const AXIS_TITLE: f64 = 29.0;
    pub const TICK: f64 = 27.0;
    pub const LEGEND: f64 = 27.0;
    pub const NOTE: f64 = 26.0;
    pub const LINE: f64 = 4.0;
}

pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    pub(crate) area: &'a DrawingArea<DB, Shift>,
    pub(crate) kind: Kind,
    pub(crate) w: i32,
    pub(crate) h: i32,
    pub(crate) s: f64,
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    pub(crate) fn new(area: &'a DrawingArea<DB, Shift>, kind: Kind, w: u32, h: u32) -> Self {
        let s = (f64::from(h) / 900.0).min(f64::from(w) / 1200.0);
        Canvas {
            area,
            kind,
            w: i32::try_from(w).unwrap_or(i32::MAX),
            h: i32::try_from(h).unwrap_or(i32::MAX),
            s,
        }
    }

    /// A length in pixels for a base length at 1600×900.
    pub(crate) fn px(&self, base: f64) -> i32 {
        (base * self.s).round().max(1.0) as i32
    }

    pub(crate) fn font(&self, base: f64, bold: bool) -> Font {
        Font {
            size: base * self.s,
            bold,
        }
    }

    pub(crate) fn margin(&self) -> i32 {
        self.px(size::MARGIN)
    }

    pub(crate) fn line_width(&self) -> u32 {
        (size::LINE * self.s).round().max(1.0) as u32
    }

    pub(crate) fn desc(&self, f: Font) -> FontDesc<'static> {
        let style = if f.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        FontDesc::new(FontFamily::Name(FAMILY), f.size, style)
    }

    /// Width of `text` in pixels.
    pub(crate) fn width(&self, text: &str, f: Font) -> i32 {
        match self.desc(f).box_size(text) {
            Ok((w, _)) => i32::try_from(w).unwrap_or(i32::MAX / 4),
            Err(_) => (text.chars().count() as f64 * f.size * 0.6) as i32,
        }
    }

    /// Height of capital letters. A font "size" here is ab_glyph's pixel
    /// height (ascender to descender), i.e. 1.164 em for DejaVu Sans.
    pub(crate) fn cap(&self, f: Font) -> i32 {
        (0.626 * f.size).round() as i32
    }

    /// Depth of descenders below the baseline.
    pub(crate) fn descent(&self, f: Font) -> i32 {
        (0.2 * f.size).round() as i32
    }

    /// Vertical space one line of text needs (cap top to descender bottom).
    pub(crate) fn line_h(&self, f: Font) -> i32 {
        self.cap(f) + self.descent(f)
    }

    pub(crate) fn text(
        &self,
        text: &str,
        f: Font,
        color: RGBColor,
        (x, y): (i32, i32),
        h: HPos,
        v: VAlign,
    ) -> Result<(), ChartError> {
        if text.is_empty() {
            return Ok(());
        }
        let baseline = match v {
            VAlign::Top => y + self.cap(f),
            VAlign::Middle => y + self.cap(f) / 2,
            VAlign::Bottom => y - self.descent(f),
        };
        // Where the backend puts the baseline relative to a top-anchored
        // text: ab_glyph at half the size; SVG at 0.76 em.
        let k = match self.kind {
            Kind::Bitmap => 0.5,
            Kind::Svg => 0.76 / EM_PER_SIZE,
        };
        let ay = baseline - (k * f.size).round() as i32;
        let metrics = match self.kind {
            Kind::Bitmap => glyph_metrics(f.bold),
            Kind::Svg => None,
        };
        let Some(metrics) = metrics else {
            // plotters writes font-size = size / 1.24; scale it so the SVG
            // em matches the PNG's (size / 1.164) and the layout holds.
            let svg_size = Font {
                size: f.size * 1.24 / EM_PER_SIZE,
                ..f
            };
            let style = TextStyle {
                font: self.desc(svg_size),
                color: color.to_backend_color(),
                pos: Pos::new(h, VPos::Top),
            };
            return self
                .area
                .draw(&Text::new(text.to_string(), (x, ay), style))
                .map_err(draw_err);
        };
        // Bitmap: glyph by glyph, pen positions from plotters' own layout
        // (advances and kerning) plus the bearing plotters leaves out.
        let style = TextStyle {
            font: self.desc(f),
            color: color.to_backend_color(),
            pos: Pos::new(HPos::Left, VPos::Top),
        };
        let total = self.width(text, f);
        let left = match h {
            HPos::Left => x,
            HPos::Center => x - total / 2,
            HPos::Right => x - total,
        };
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            // Pen position including the kerning with the previous glyph.
            let through = text.get(..i + c.len_utf8()).unwrap_or(text);
            let pen = self.width(through, f) - self.width(&c.to_string(), f);
            let gx = left + pen + metrics.bearing_px(c, f.size);
            self.area
                .draw(&Text::new(c.to_string(), (gx, ay), style.clone()))
                .map_err(draw_err)?;
        }
        Ok(())
    }

    /// Text with a white box behind it, so it stays readable over lines.
    pub(crate) fn text_boxed(
        &self,
        text: &str,
        f: Font,
        color: RGBColor,
        (x, y): (i32, i32),
        h: HPos,
        v: VAlign,
    ) -> Result<(), ChartError> {
        let tw = self.width(text, f);
        let pad = self.px(5.0);
        let left = match h {
            HPos::Left => x,
            HPos::Center => x - tw / 2,
            HPos::Right => x - tw,
        };
        let top = match v {
            VAlign::Top => y,
            VAlign::Middle => y - self.cap(f) / 2,
            VAlign::Bottom => y - self.line_h(f),
        };
        self.rect(
            (left - pad, top - pad),
            (left + tw + pad, top + self.line_h(f) + pad),
            WHITE.mix(0.88),
        )?;
        self.text(text, f, color, (x, y), h, v)
    }

    /// A filled rectangle covering the half-open pixel box between corners.
    pub(crate) fn rect(
        &self,
        a: (i32, i32),
        b: (i32, i32),
        color: RGBAColor,
    ) -> Result<(), ChartError> {
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled()))
            .map_err(draw_err)
    }

    pub(crate) fn outline(
        &self,
        a: (i32, i32),
        b: (i32, i32),
        color: RGBColor,
    ) -> Result<(), ChartError> {
        self.area
            .draw(&Rectangle::new(
                [a, b],
                ShapeStyle::from(color).stroke_width(1),
            ))
            .map_err(draw_err)
    }

    pub(crate) fn line(
        &self,
        pts: Vec<(i32, i32)>,
        color: RGBAColor,
        width: u32,
    ) -> Result<(), ChartError> {
        if pts.len() < 2 {
            return Ok(());
        }
        self.area
            .draw(&PathElement::new(pts, color.stroke_width(width)))
            .map_err(draw_err)
    }

    pub(crate) fn dashed(
        &self,
        a: (i32, i32),
        b: (i32, i32),
        color: RGBColor,
        width: u32,
    ) -> Result<(), ChartError> {
        let dash = self.px(12.0);
        let gap = self.px(8.0);
        self.area
            .draw(&DashedPathElement::new(
                vec![a, b],
                dash,
                gap,
                color.stroke_width(width),
            ))
            .map_err(draw_err)
    }

    pub(crate) fn dashed_path(
        &self,
        pts: Vec<(i32, i32)>,
        color: RGBColor,
        width: u32,
    ) -> Result<(), ChartError> {
        if pts.len() < 2 {
            return Ok(());
        }
        let dash = self.px(14.0);
        let gap = self.px(9.0);
        self.area
            .draw(&DashedPathElement::new(
                pts,
                dash,
                gap,
                color.stroke_width(width),
            ))
            .map_err(draw_err)
    }

    pub(crate) fn polygon(&self, pts: Vec<(i32, i32)>, color: RGBAColor) -> Result<(), ChartError> {
        if pts.len() < 3 {
            return Ok(());
        }
        self.area
            .draw(&Polygon::new(pts, color.filled()))
            .map_err(draw_err)
    }

    pub(crate) fn dot(&self, c: (i32, i32), r: i32, color: RGBColor) -> Result<(), ChartError> {
        self.area
            .draw(&Circle::new(c, r.max(1), color.filled()))
            .map_err(draw_err)
    }

    /// `text` shortened with an ellipsis so it is at most `max_w` wide.
    pub(crate) fn fit(&self, text: &str, f: Font, max_w: i32) -> String {
        if self.width(text, f) <= max_w {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let cut = |n: usize| {
            let mut t: String = chars
                .iter()
                .take(n)
                .collect::<String>()
                .trim_end()
                .to_string();
            t.push('…');
            t
        };
        // Largest prefix length whose shortened text fits.
        let (mut lo, mut hi) = (0usize, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.width(&cut(mid), f) <= max_w {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo == 0 { String::new() } else { cut(lo) }
    }
}

// ---------------------------------------------------------------------------
// Number and month formatting
// ---------------------------------------------------------------------------

pub(crate) const MINUS: char = '\u{2212}';

pub(crate) fn finite(v: Option<&f64>) -> Option<f64> {
    v.copied().filter(|x| x.is_finite())
}

/// Decimals needed to write `x` exactly (up to 3).
pub(crate) fn decimals_for(x: f64) -> usize {
    let x = x.abs();
    for d in 0..=3 {
        let m = x * 10f64.powi(d);
        if (m - m.round()).abs() < 1e-6 * m.max(1.0) {
            return d as usize;
        }
    }
    3
}

pub(crate) fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

pub(crate) fn with_sign(neg: bool, body: String) -> String {
    if neg { format!("{MINUS}{body}") } else { body }
}

pub(crate) fn group_thousands(n: u64) -> String {
    crate::text::group_thousands(&n.to_string())
}

pub(crate) fn money_unit(a: f64) -> (f64, &'static str) {
    if a >= 1e12 {
        (1e12, "T")
    } else if a >= 1e9 {
        (1e9, "B")
    } else if a >= 1e6 {
        (1e6, "M")
    } else if a >= 1e3 {
        (1e3, "k")
    } else {
        (1.0, "")
    }
}

fn join_currency(num: String, currency: &str) -> String {
    if currency.is_empty() {
        num
    } else {
        format!("{num} {currency}")
    }
}

/// An axis tick: "1.25M USD", "500k USD", "−2M USD"; enough decimals to tell
/// ticks `step` apart.
pub(crate) fn fmt_money_tick(v: f64, step: f64, currency: &str) -> String {
    let a = v.abs();
    if a < step.abs() * 1e-6 || a == 0.0 {
        return join_currency("0".into(), currency);
    }
    if a >= 1e15 {
        return join_currency(with_sign(v < 0.0, format!("{a:.2e}")), currency);
    }
    let (unit, suffix) = money_unit(a);
    let mut dec = decimals_for(step / unit);
    if step / unit < 0.001 {
        // Steps far below the unit: write the plain number instead.
        dec = decimals_for(step).min(2);
        let body = trim_zeros(format!("{:.*}", dec, a));
        let (int, frac) = body.split_once('.').unwrap_or((&body, ""));
        let mut s = group_thousands(int.parse::<u64>().unwrap_or(0));
        if !frac.is_empty() {
            s.push('.');
            s.push_str(frac);
        }
        return join_currency(with_sign(v < 0.0, s), currency);
    }
    dec = dec.min(3);
    let body = trim_zeros(format!("{:.*}", dec, a / unit));
    join_currency(with_sign(v < 0.0, format!("{body}{suffix}")), currency)
}

/// A money amount with three significant digits: "1.25M USD", "980k USD".
pub(crate) fn fmt_money(v: f64, currency: &str) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let a = v.abs();
    if a >= 1e15 {
        return join_currency(with_sign(v < 0.0, format!("{a:.2e}")), currency);
    }
    let (mut unit, mut suffix) = money_unit(a);
    let mut x = a / unit;
    let dec = |x: f64| {
        if x >= 100.0 {
            0
        } else if x >= 10.0 {
            1
        } else {
            2
        }
    };
    let mut body = format!("{:.*}", dec(x), x);
    if body.parse::<f64>().unwrap_or(0.0) >= 1000.0 && unit < 1e12 {
        let (u, s) = money_unit(a * 10.0);
        unit = u;
        suffix = s;
        x = a / unit;
        body = format!("{:.*}", dec(x), x);
    }
    let body = trim_zeros(body);
    if body == "0" {
        return join_currency("0".into(), currency);
    }
    join_currency(with_sign(v < 0.0, format!("{body}{suffix}")), currency)
}

/// A plain number tick (engineer-months, percentages).
pub(crate) fn fmt_plain_tick(v: f64, step: f64) -> String {
    if v.abs() < step.abs() * 1e-6 {
        return "0".into();
    }
    let dec = decimals_for(step).min(3);
    let body = trim_zeros(format!("{:.*}", dec, v.abs()));
    with_sign(v < 0.0, body)
}

/// A plain amount with one decimal: "23.4", "−1.5".
pub(crate) fn fmt_plain(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let body = trim_zeros(format!("{:.1}", v.abs()));
    if body == "0" {
        return "0".into();
    }
    with_sign(v < 0.0, body)
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
    let step = STEPS
        .iter()
        .copied()
        .find(|&s| s as f64 * px_per_month >= min_gap_px)
        .unwrap_or(1200);
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
    let step_i = step as i64;
    let ticks: Vec<usize> = (0..n).filter(|&i| abs(i).rem_euclid(step_i) == 0).collect();
    if ticks.is_empty() { vec![0] } else { ticks }
}

// ---------------------------------------------------------------------------
// Ticks and frames
// ---------------------------------------------------------------------------

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

#[derive(Clone, Copy)]
pub(crate) struct Frame {
    pub(crate) l: i32,
    pub(crate) t: i32,
    pub(crate) r: i32,
    pub(crate) b: i32,
    pub(crate) x0: f64,
    pub(crate) x1: f64,
    pub(crate) y0: f64,
    pub(crate) y1: f64,
}

impl Frame {
    pub(crate) fn px(&self, x: f64) -> i32 {
        let t = if self.x1 > self.x0 {
            ((x - self.x0) / (self.x1 - self.x0)).clamp(-4.0, 5.0)
        } else {
            0.5
        };
        (f64::from(self.l) + t * f64::from(self.r - self.l)).round() as i32
    }

    pub(crate) fn py(&self, y: f64) -> i32 {
        let t = if self.y1 > self.y0 {
            ((y - self.y0) / (self.y1 - self.y0)).clamp(-4.0, 5.0)
        } else {
            0.5
        };
        (f64::from(self.b) - t * f64::from(self.b - self.t)).round() as i32
    }

    pub(crate) fn width(&self) -> i32 {
        self.r - self.l
    }
}

// ---------------------------------------------------------------------------
// Shared pieces: header, axes, legends, notes
// ---------------------------------------------------------------------------

fn subtitle(data: &ChartData) -> String {
    let n = data.months.len();
    let mut parts = Vec::new();
    match (data.months.first(), data.months.last()) {
        (Some(a), Some(b)) if n > 1 => parts.push(format!("{a} – {b}, {n} months")),
        (Some(a), _) => parts.push(format!("{a}, 1 month")),
        _ => parts.push("no months".to_string()),
    }
    if !data.currency.is_empty() {
        parts.push(format!("amounts in {}", data.currency));
    }
    match &data.sampled {
        Some(s) => parts.push(format!(
            "{} samples, seed {}",
            group_thousands(s.samples as u64),
            s.seed
        )),
        None => parts.push("base case only (no sampling)".to_string()),
    }
    join_parts(&parts)
}

/// Draws title and subtitle; returns the y where the body starts.
fn draw_header<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    chart: Chart,
    data: &ChartData,
) -> Result<i32, ChartError> {
    let title = named_title(cv, &data.scenario_name, chart.headline());
    draw_title_block(cv, &title, &subtitle(data))
}

/// "Name: Headline" in the title font, the name shortened if the whole does
/// not fit the width; just the headline without a name.
pub(crate) fn named_title<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    name: &str,
    headline: &str,
) -> String {
    let max_w = cv.w - 2 * cv.margin();
    let tf = cv.font(size::TITLE, true);
    let name = name.trim();
    if name.is_empty() {
        return headline.to_string();
    }
    let full = format!("{name}: {headline}");
    if cv.width(&full, tf) <= max_w {
        return full;
    }
    let room = max_w - cv.width(&format!(": {headline}"), tf);
    let short = cv.fit(name, tf, room.max(0));
    if short.is_empty() {
        cv.fit(&full, tf, max_w)
    } else {
        format!("{short}: {headline}")
    }
}

/// Draws a title and a subtitle (each shortened to the width); returns the y
/// where the body starts.
pub(crate) fn draw_title_block<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    title: &str,
    subtitle: &str,
) -> Result<i32, ChartError> {
    let m = cv.margin();
    let max_w = cv.w - 2 * m;
    let tf = cv.font(size::TITLE, true);
    let title = cv.fit(title, tf, max_w);
    cv.text(&title, tf, TEXT, (m, m), HPos::Left, VAlign::Top)?;
    let sf = cv.font(size::SUBTITLE, false);
    let sub_top = m + cv.cap(tf) + cv.px(22.0);
    let sub = cv.fit(subtitle, sf, max_w);
    cv.text(&sub, sf, SUBTLE, (m, sub_top), HPos::Left, VAlign::Top)?;
    Ok(sub_top + cv.line_h(sf) + cv.px(26.0))
}

/// Parts of a subtitle joined with a spaced middle dot (no-break spaces, so
/// SVG keeps the wider gaps).
pub(crate) fn join_parts(parts: &[String]) -> String {
    parts.join(" \u{a0}·\u{a0} ")
}

pub(crate) fn draw_empty<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    lines: &[&str],
) -> Result<(), ChartError> {
    let f = cv.font(size::AXIS_TITLE, false);
    let step = cv.line_h(f) + cv.px(16.0);
    let n = lines.len() as i32;
    let mid = (top + cv.h - cv.margin()) / 2;
    let mut y = mid - n * step / 2;
    for (i, line) in lines.iter().enumerate() {
        let font = if i == 0 {
            cv.font(size::AXIS_TITLE, true)
        } else {
            f
        };
        let text = cv.fit(line, font, cv.w - 2 * cv.margin());
        cv.text(
            &text,
            font,
            if i == 0 { TEXT } else { SUBTLE },
            (cv.w / 2, y),
            HPos::Center,
            VAlign::Top,
        )?;
        y += step;
    }
    Ok(())
}

/// Horizontal grid lines and right-aligned labels at the y ticks.
pub(crate) fn draw_y_axis<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    ticks: &[f64],
    labels: &[String],
) -> Result<(), ChartError> {
    let f = cv.font(size::TICK, false);
    let gap = cv.px(12.0);
    for (v, label) in ticks.iter().zip(labels) {
        let y = fr.py(*v);
        if y < fr.t - 1 || y > fr.b + 1 {
            continue;
        }
        cv.line(vec![(fr.l, y), (fr.r, y)], GRID.to_rgba(), 1)?;
        cv.text(
            label,
            f,
            SUBTLE,
            (fr.l - gap, y),
            HPos::Right,
            VAlign::Middle,
        )?;
    }
    Ok(())
}

/// Draws the axis title above the plot's top-left corner.
pub(crate) fn draw_y_title<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (title, hint): (&str, &str),
    x: i32,
    y_top: i32,
    max_w: i32,
) -> Result<(), ChartError> {
    let f = cv.font(size::AXIS_TITLE, true);
    let t = cv.fit(title, f, max_w);
    cv.text(&t, f, TEXT, (x, y_top), HPos::Left, VAlign::Top)?;
    // The hint (e.g. what negative values mean) only if it fits whole.
    let hf = cv.font(size::AXIS_TITLE, false);
    let gap = cv.px(16.0);
    let used = cv.width(&t, f) + gap;
    if !hint.is_empty() && used + cv.width(hint, hf) <= max_w {
        cv.text(hint, hf, SUBTLE, (x + used, y_top), HPos::Left, VAlign::Top)?;
    }
    Ok(())
}

pub(crate) fn draw_x_title<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    (title, hint): (&str, &str),
    fr: &Frame,
    bottom: i32,
) -> Result<(), ChartError> {
    let f = cv.font(size::AXIS_TITLE, true);
    let hf = cv.font(size::AXIS_TITLE, false);
    let gap = cv.px(16.0);
    let tw = cv.width(title, f);
    let hw = if hint.is_empty() {
        0
    } else {
        gap + cv.width(hint, hf)
    };
    let cx = (fr.l + fr.r) / 2;
    if hw > 0 && tw + hw <= fr.width() {
        let left = cx - (tw + hw) / 2;
        cv.text(title, f, TEXT, (left, bottom), HPos::Left, VAlign::Bottom)?;
        cv.text(
            hint,
            hf,
            SUBTLE,
            (left + tw + gap, bottom),
            HPos::Left,
            VAlign::Bottom,
        )
    } else {
        let t = cv.fit(title, f, fr.width());
        cv.text(&t, f, TEXT, (cx, bottom), HPos::Center, VAlign::Bottom)
    }
}

pub(crate) const SAVINGS_HINT: &str = "below zero = net savings";

/// "Horizon total (USD)", or just "Horizon total" without a currency.
pub(crate) fn with_unit(title: &str, currency: &str) -> String {
    if currency.is_empty() {
        title.to_string()
    } else {
        format!("{title} ({currency})")
    }
}

/// The axis line along the bottom of the plot.
/// A one-row legend of filled swatches, centred under the plot.
fn draw_fill_legend<DB: DrawingBackend, const N: usize>(
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

/// The money x axis of the tornado and distribution charts: baseline, tick
/// labels and the "Horizon total" title ending just above `title_limit`.
fn draw_horizon_total_axis<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    (xticks, xstep): (&[f64], f64),
    cur: &str,
    title_limit: i32,
) -> Result<(), ChartError> {
    draw_x_baseline(cv, fr)?;
    let xl: Vec<(i32, String)> = xticks
        .iter()
        .map(|v| (fr.px(*v), fmt_money_tick(*v, xstep, cur)))
        .collect();
    let xl = thin_labels(cv, xl);
    draw_x_labels(cv, fr, &xl)?;
    let hint = if fr.x0 < 0.0 { SAVINGS_HINT } else { "" };
    draw_x_title(
        cv,
        (&with_unit("Horizon total", cur), hint),
        fr,
        title_limit - cv.px(22.0),
    )
}

pub(crate) fn draw_x_baseline<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
) -> Result<(), ChartError> {
    cv.line(
        vec![(fr.l, fr.b), (fr.r, fr.b)],
        AXIS.to_rgba(),
        cv.px(2.0) as u32,
    )
}

/// Tick marks and labels along the bottom. `labels` are (pixel x, text).
pub(crate) fn draw_x_labels<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    labels: &[(i32, String)],
) -> Result<(), ChartError> {
    let f = cv.font(size::TICK, false);
    let tick = cv.px(8.0);
    for (x, label) in labels {
        cv.line(
            vec![(*x, fr.b), (*x, fr.b + tick)],
            AXIS.to_rgba(),
            cv.px(2.0) as u32,
        )?;
        let cx = label_center(cv, *x, cv.width(label, f));
        cv.text(
            label,
            f,
            SUBTLE,
            (cx, fr.b + tick + cv.px(10.0)),
            HPos::Center,
            VAlign::Top,
        )?;
    }
    Ok(())
}

/// Where a tick label of width `w` for a tick at `x` is centred: on the
/// tick, but pushed inwards so it never crosses the image margins.
pub(crate) fn label_center<DB: DrawingBackend>(cv: &Canvas<'_, DB>, x: i32, w: i32) -> i32 {
    let m = cv.margin();
    let half = w / 2;
    x.clamp(m + half, (cv.w - m - half).max(m + half))
}

/// Space needed below the plot for tick labels and the x-axis title.
pub(crate) fn bottom_space<DB: DrawingBackend>(cv: &Canvas<'_, DB>) -> i32 {
    let tf = cv.font(size::TICK, false);
    let af = cv.font(size::AXIS_TITLE, true);
    cv.px(8.0) + cv.px(10.0) + cv.line_h(tf) + cv.px(18.0) + cv.line_h(af)
}

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

pub(crate) struct Legend {
    pub(crate) title: String,
    pub(crate) items: Vec<LegendItem>,
    pub(crate) note: String,
}

impl Legend {
    fn is_empty(&self) -> bool {
        self.items.is_empty() && self.note.is_empty()
    }
}

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

pub(crate) struct LegendMetrics {
    pub(crate) font: Font,
    pub(crate) row: i32,
    pub(crate) swatch: i32,
    pub(crate) value_w: i32,
    pub(crate) width: i32,
    pub(crate) height: i32,
}

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

pub(crate) fn draw_plot_note<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    text: &str,
) -> Result<(), ChartError> {
    let f = cv.font(size::AXIS_TITLE, false);
    let t = cv.fit(text, f, fr.width() - cv.px(20.0));
    cv.text_boxed(
        &t,
        f,
        SUBTLE,
        ((fr.l + fr.r) / 2, (fr.t + fr.b) / 2),
        HPos::Center,
        VAlign::Middle,
    )
}

/// Layout shared by the three month-based charts.
pub(crate) struct TimeLayout {
    pub(crate) frame: Frame,
    pub(crate) y_title_top: i32,
    pub(crate) annot_top: i32,
    pub(crate) legend_x: i32,
    pub(crate) legend_metrics: Option<(LegendMetrics, usize)>,
    pub(crate) y_labels: Vec<String>,
    pub(crate) y_ticks: Vec<f64>,
    pub(crate) x_labels: Vec<(i32, String)>,
}

/// Lays out a month-based chart: y title row, optional annotation row, plot,
/// month labels, x title and a legend column on the right.
#[allow(clippy::too_many_arguments)]
pub(crate) fn time_layout<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    months: &[String],
    bars: bool,
    y_range: (f64, f64),
    y_fmt: &dyn Fn(f64, f64) -> String,
    legend: &Legend,
    annot_rows: i32,
) -> TimeLayout {
    let m = cv.margin();
    let n = months.len().max(1);
    let af = cv.font(size::AXIS_TITLE, true);
    let tf = cv.font(size::TICK, false);
    let nf = cv.font(size::NOTE, false);
    let y_title_top = top;
    let annot_top = y_title_top + cv.line_h(af) + cv.px(16.0);
    let annot_h = annot_rows * (cv.line_h(nf) + cv.px(16.0));
    let plot_t = annot_top + annot_h + cv.px(6.0) + cv.cap(tf) / 2;
    let plot_b = cv.h - m - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);

    // Y ticks from the plot height.
    let target = (f64::from(plot_h) / (f64::from(cv.line_h(tf)) * 3.2)).round() as usize;
    let ticks = nice_ticks(y_range.0, y_range.1, target.clamp(3, 8), true);
    let labels: Vec<String> = ticks.values.iter().map(|v| y_fmt(*v, ticks.step)).collect();
    let label_w = labels.iter().map(|l| cv.width(l, tf)).max().unwrap_or(0);
    let plot_l = m + label_w + cv.px(14.0);

    // Legend column on the right.
    let month_w = cv.width("2026-09", tf);
    let (legend_x, legend_metrics, plot_r) = if legend.is_empty() {
        (cv.w - m, None, cv.w - m - month_w / 2)
    } else {
        let max_w = (f64::from(cv.w) * 0.34) as i32;
        let (lm, fit) = fit_legend(cv, legend, max_w, cv.h - m - plot_t);
        let lx = cv.w - m - lm.width;
        let r = lx - cv.px(36.0).max(month_w / 2 + cv.px(12.0));
        (lx, Some((lm, fit)), r)
    };
    let plot_r = plot_r.max(plot_l + 10);
    let (x0, x1) = if bars || n == 1 {
        (-0.5, n as f64 - 0.5)
    } else {
        (0.0, (n - 1) as f64)
    };
    let frame = Frame {
        l: plot_l,
        t: plot_t,
        r: plot_r,
        b: plot_t + plot_h,
        x0,
        x1,
        y0: ticks.lo,
        y1: ticks.hi,
    };
    let ppm = f64::from(frame.width()) / (x1 - x0).max(1.0);
    let idx = month_ticks(months, ppm, f64::from(month_w) + f64::from(cv.px(30.0)));
    let x_labels = idx
        .into_iter()
        .filter_map(|i| months.get(i).map(|s| (frame.px(i as f64), s.clone())))
        .collect();
    let x_labels = thin_labels(cv, x_labels);
    TimeLayout {
        frame,
        y_title_top,
        annot_top,
        legend_x,
        legend_metrics,
        y_labels: labels,
        y_ticks: ticks.values,
        x_labels,
    }
}

pub(crate) fn draw_time_axes<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lay: &TimeLayout,
    y_title: (&str, &str),
) -> Result<(), ChartError> {
    let fr = &lay.frame;
    draw_y_axis(cv, fr, &lay.y_ticks, &lay.y_labels)?;
    draw_y_title(
        cv,
        y_title,
        cv.margin(),
        lay.y_title_top,
        fr.r - cv.margin(),
    )?;
    Ok(())
}

fn draw_time_overlay<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lay: &TimeLayout,
    legend: &Legend,
) -> Result<(), ChartError> {
    let fr = &lay.frame;
    // Zero line over the data, then the bottom axis and its labels.
    if fr.y0 < 0.0 && fr.y1 > 0.0 {
        let y = fr.py(0.0);
        cv.line(
            vec![(fr.l, y), (fr.r, y)],
            ZERO.to_rgba(),
            cv.px(2.0) as u32,
        )?;
    }
    draw_x_baseline(cv, fr)?;
    draw_x_labels(cv, fr, &lay.x_labels)?;
    draw_x_title(cv, ("Month", ""), fr, cv.h - cv.margin())?;
    if let Some((lm, fit)) = &lay.legend_metrics {
        draw_legend_column(cv, legend, lm, *fit, (lay.legend_x, fr.t))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Cumulative
// ---------------------------------------------------------------------------

fn draw_cumulative<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    data: &ChartData,
) -> Result<(), ChartError> {
    let n = data.months.len();
    let cur = data.currency.as_str();
    let base: Vec<Option<f64>> = (0..n)
        .map(|i| finite(data.cumulative_base.get(i)))
        .collect();
    let bands: Vec<[f64; 3]> = data
        .sampled
        .as_ref()
        .map(|s| {
            s.bands
                .iter()
                .take(n)
                .take_while(|b| b.iter().all(|v| v.is_finite()))
                .copied()
                .collect()
        })
        .unwrap_or_default();
    let break_even = data.break_even.filter(|&i| i < n);

    let last_month = data.months.last().cloned().unwrap_or_default();
    let mut items = vec![LegendItem {
        swatch: Swatch::Line(BLACK),
        label: "Base case".into(),
        value: base
            .iter()
            .rev()
            .flatten()
            .next()
            .map(|v| fmt_money(*v, cur))
            .unwrap_or_default(),
    }];
    if let Some(last) = bands.last() {
        items.push(LegendItem {
            swatch: Swatch::Dashed(BLUE),
            label: "Median of trials (P50)".into(),
            value: fmt_money(last[1], cur),
        });
        items.push(LegendItem {
            swatch: Swatch::Fill(SKY.mix(0.35)),
            label: "P10–P90 (80% of trials)".into(),
            value: String::new(),
        });
        items.push(LegendItem {
            swatch: Swatch::Blank,
            label: "P90".into(),
            value: fmt_money(last[2], cur),
        });
        items.push(LegendItem {
            swatch: Swatch::Blank,
            label: "P10".into(),
            value: fmt_money(last[0], cur),
        });
    }
    if let Some(be) = break_even {
        items.push(LegendItem {
            swatch: Swatch::Dashed(VERMILLION),
            label: "Break-even".into(),
            value: data.months.get(be).cloned().unwrap_or_default(),
        });
    }
    let legend = Legend {
        title: format!("At {last_month}"),
        items,
        note: String::new(),
    };

    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    for v in base.iter().flatten().chain(bands.iter().flatten()) {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let fmt = |v: f64, step: f64| fmt_money_tick(v, step, cur);
    let lay = time_layout(
        cv,
        top,
        &data.months,
        false,
        (lo, hi),
        &fmt,
        &legend,
        i32::from(break_even.is_some()),
    );
    let fr = lay.frame;
    let hint = if fr.y0 < 0.0 { SAVINGS_HINT } else { "" };
    draw_time_axes(cv, &lay, (&with_unit("Cumulative cost", cur), hint))?;

    // P10–P90 band.
    fill_band(cv, &fr, &bands, SKY.mix(0.35))?;

    // Zero line under the lines but over the band.
    if fr.y0 < 0.0 && fr.y1 > 0.0 {
        let y = fr.py(0.0);
        cv.line(
            vec![(fr.l, y), (fr.r, y)],
            ZERO.to_rgba(),
            cv.px(2.0) as u32,
        )?;
    }

    let lw = cv.line_width();

    // Base case: contiguous runs of finite values.
    let mut run: Vec<(i32, i32)> = Vec::new();
    let mut runs = Vec::new();
    for (i, v) in base.iter().enumerate() {
        match v {
            Some(v) => run.push((fr.px(i as f64), fr.py(*v))),
            None => runs.push(std::mem::take(&mut run)),
        }
    }
    runs.push(run);
    for r in runs {
        if r.len() == 1
            && let Some(p) = r.first()
        {
            cv.dot(*p, cv.px(7.0), BLACK)?;
        }
        cv.line(r, BLACK.to_rgba(), lw)?;
    }

    // Median dashed on top, so it stays visible where it meets the base case.
    if !bands.is_empty() {
        let pts: Vec<(i32, i32)> = bands
            .iter()
            .enumerate()
            .map(|(i, b)| (fr.px(i as f64), fr.py(b[1])))
            .collect();
        if pts.len() == 1
            && let Some(p) = pts.first()
        {
            cv.dot(*p, cv.px(5.0), BLUE)?;
        }
        cv.dashed_path(pts, BLUE, lw)?;
    }

    // Break-even marker: dashed line up into the annotation row, with label.
    if let Some(be) = break_even {
        let x = fr.px(be as f64);
        let nf = cv.font(size::NOTE, true);
        let label_mid = lay.annot_top + cv.line_h(nf) / 2;
        cv.dashed(
            (x, fr.b),
            (x, label_mid + cv.line_h(nf)),
            VERMILLION,
            cv.px(3.0) as u32,
        )?;
        if let Some(Some(v)) = base.get(be) {
            cv.dot((x, fr.py(*v)), cv.px(8.0), VERMILLION)?;
        }
        let month = data.months.get(be).cloned().unwrap_or_default();
        let text = format!("Break-even: {month} (month {})", be + 1);
        let tw = cv.width(&text, nf);
        let cx = x.clamp(fr.l + tw / 2, (fr.r - tw / 2).max(fr.l + tw / 2));
        cv.text_boxed(
            &text,
            nf,
            VERMILLION,
            (cx, label_mid),
            HPos::Center,
            VAlign::Middle,
        )?;
    }

    draw_time_overlay_no_zero(cv, &lay, &legend)
}

/// Fills the area between the P10 and P90 of `bands` (one entry per x = 0, 1,
/// ...); a single entry is a short bar.
pub(crate) fn fill_band<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    fr: &Frame,
    bands: &[[f64; 3]],
    band_color: RGBAColor,
) -> Result<(), ChartError> {
    if bands.len() == 1 {
        if let Some(b) = bands.first() {
            let x = fr.px(0.0);
            let half = cv.px(14.0);
            cv.rect((x - half, fr.py(b[2])), (x + half, fr.py(b[0])), band_color)?;
        }
    } else if cv.kind == Kind::Bitmap {
        // One pixel column at a time: plotters' polygon fill leaves
        // holes along steep edges, and columns blend evenly.
        for (i, pair) in bands.windows(2).enumerate() {
            let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let xa = fr.px(i as f64);
            let xb = fr.px(i as f64 + 1.0);
            let end = if i + 2 == bands.len() { xb + 1 } else { xb };
            for x in xa..end {
                let t = if xb > xa {
                    f64::from(x - xa) / f64::from(xb - xa)
                } else {
                    0.0
                };
                let lo = fr.py(a[0] + t * (b[0] - a[0]));
                let hi = fr.py(a[2] + t * (b[2] - a[2]));
                cv.rect((x, lo.min(hi)), (x + 1, lo.max(hi) + 1), band_color)?;
            }
        }
    } else if bands.len() > 1 {
        let mut poly: Vec<(i32, i32)> = bands
            .iter()
            .enumerate()
            .map(|(i, b)| (fr.px(i as f64), fr.py(b[0])))
            .collect();
        poly.extend(
            bands
                .iter()
                .enumerate()
                .rev()
                .map(|(i, b)| (fr.px(i as f64), fr.py(b[2]))),
        );
        cv.polygon(poly, band_color)?;
    }
    Ok(())
}

/// Like [`draw_time_overlay`] but without the zero line (drawn earlier).
fn draw_time_overlay_no_zero<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lay: &TimeLayout,
    legend: &Legend,
) -> Result<(), ChartError> {
    let fr = &lay.frame;
    draw_x_baseline(cv, fr)?;
    draw_x_labels(cv, fr, &lay.x_labels)?;
    draw_x_title(cv, ("Month", ""), fr, cv.h - cv.margin())?;
    if let Some((lm, fit)) = &lay.legend_metrics {
        draw_legend_column(cv, legend, lm, *fit, (lay.legend_x, fr.t))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Breakdown and capacity: stacked bars per month
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum StackKind {
    Money,
    Capacity,
}

fn draw_stacked<DB: DrawingBackend>(
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
        StackKind::Capacity => fmt_plain(v),
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
        StackKind::Capacity => fmt_plain_tick(v, step),
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

// ---------------------------------------------------------------------------
// Money x axis (tornado, distribution)
// ---------------------------------------------------------------------------

/// Money ticks across `[lo, hi]` whose labels fit `width` pixels.
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
    let fr = Frame {
        l,
        t,
        r,
        b: t + h,
        x0,
        x1,
        y0: 0.0,
        y1: rows as f64,
    };
    let (xticks, xstep) = money_x_ticks(cv, x0, x1, (r - l).max(10), cur);
    for v in &xticks {
        let x = fr.px(*v);
        cv.line(vec![(x, fr.t), (x, fr.b)], GRID.to_rgba(), 1)?;
    }
    Ok((fr, xticks, xstep))
}

pub(crate) fn money_x_ticks<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    lo: f64,
    hi: f64,
    width: i32,
    cur: &str,
) -> (Vec<f64>, f64) {
    let f = cv.font(size::TICK, false);
    let gap = f64::from(cv.px(36.0));
    let mut target = 8usize;
    loop {
        let t = nice_ticks(lo, hi, target, false);
        let span = (t.hi - t.lo).max(f64::MIN_POSITIVE);
        let max_w = t
            .values
            .iter()
            .map(|v| cv.width(&fmt_money_tick(*v, t.step, cur), f))
            .max()
            .unwrap_or(0);
        let px_step = t.step / span * f64::from(width);
        if px_step >= f64::from(max_w) + gap || target <= 2 {
            return (t.values, t.step);
        }
        target -= 1;
    }
}

// ---------------------------------------------------------------------------
// Tornado
// ---------------------------------------------------------------------------

const MAX_TORNADO_BARS: usize = 12;

fn split_label(label: &str) -> (String, String) {
    match label.find(" (") {
        Some(i) if label.ends_with(')') && i > 0 => {
            let (a, b) = label.split_at(i);
            (a.trim().to_string(), b.trim().to_string())
        }
        _ => (label.trim().to_string(), String::new()),
    }
}

fn draw_tornado<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    data: &ChartData,
) -> Result<(), ChartError> {
    let cur = data.currency.as_str();
    let base = if data.base_total.is_finite() {
        data.base_total
    } else {
        0.0
    };
    let bars: Vec<&TornadoBar> = data
        .tornado
        .iter()
        .filter(|b| b.total_at_low.is_finite() && b.total_at_high.is_finite())
        .collect();
    if bars.is_empty() {
        let line = format!("Base-case horizon total: {}", fmt_money(base, cur));
        return draw_empty(
            cv,
            top,
            &[
                "No uncertain inputs: every input is a single value.",
                "There is nothing to vary, so there is no sensitivity to show.",
                &line,
            ],
        );
    }

    let m = cv.margin();
    let lf = cv.font(size::LEGEND, false);
    let sf = cv.font(size::NOTE - 3.0, false);
    let tf = cv.font(size::TICK, false);
    let af = cv.font(size::AXIS_TITLE, true);
    let nf = cv.font(size::NOTE, true);

    // Vertical layout.
    let head_top = top;
    let annot_mid = head_top + cv.line_h(af) + cv.px(16.0) + cv.line_h(nf) / 2;
    let plot_t = annot_mid + cv.line_h(nf) / 2 + cv.px(20.0);
    let legend_mid = cv.h - m - cv.line_h(lf) / 2;
    let plot_b = legend_mid - cv.line_h(lf) / 2 - cv.px(22.0) - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);

    let two_line_h = f64::from(cv.line_h(lf) + cv.line_h(sf) + cv.px(10.0)) * 1.25;
    let one_line_h = f64::from(cv.line_h(lf)) * 1.5;
    let fit = (f64::from(plot_h) / one_line_h).floor().max(1.0) as usize;
    let shown = bars.len().min(MAX_TORNADO_BARS).min(fit);
    let hidden = bars.len() - shown;
    let row_h = f64::from(plot_h) / shown as f64;
    let two_lines = row_h >= two_line_h;

    // Label column.
    let labels: Vec<(String, String)> = bars
        .iter()
        .take(shown)
        .map(|b| split_label(&b.label))
        .collect();
    let col_max = (f64::from(cv.w) * 0.36) as i32;
    let col_w = labels
        .iter()
        .map(|(a, b)| {
            if two_lines {
                cv.width(a, lf).max(cv.width(b, sf))
            } else {
                cv.width(a, lf)
            }
        })
        .max()
        .unwrap_or(0)
        .max(cv.width("Input", af))
        .min(col_max);
    let plot_l = m + col_w + cv.px(30.0);
    let plot_r = cv.w - m - cv.width(&format!("\u{2212}8.88M {cur}"), tf) / 2;
    let plot_w = (plot_r - plot_l).max(10);

    // X range: base and all bar ends, plus room for the value texts.
    let mut lo = base;
    let mut hi = base;
    for b in bars.iter().take(shown) {
        lo = lo.min(b.total_at_low).min(b.total_at_high);
        hi = hi.max(b.total_at_low).max(b.total_at_high);
    }
    let (lo, hi) = sane_range(lo, hi);
    let val_max = plot_w / 5;
    let values: Vec<(String, String)> = bars
        .iter()
        .take(shown)
        .map(|b| {
            (
                cv.fit(&b.low_text, lf, val_max),
                cv.fit(&b.high_text, lf, val_max),
            )
        })
        .collect();
    let val_w = values
        .iter()
        .flat_map(|(a, b)| [cv.width(a, lf), cv.width(b, lf)])
        .max()
        .unwrap_or(0)
        + cv.px(14.0);
    let usable = f64::from((plot_w - 2 * val_w).max(plot_w / 3));
    let ext = (hi - lo) * f64::from(val_w) / usable;
    let (x0, x1) = (lo - ext, hi + ext);
    let (fr, xticks, xstep) =
        money_rows_frame(cv, (plot_l, plot_t, plot_r, plot_h), (x0, x1), shown, cur)?;
    // Heading over the labels, with how many inputs did not fit.
    let hidden_note = match hidden {
        0 => String::new(),
        1 => "+1 smaller input not shown".to_string(),
        k => format!("+{k} smaller inputs not shown"),
    };
    cv.text("Input", af, TEXT, (m, head_top), HPos::Left, VAlign::Top)?;
    if !hidden_note.is_empty() {
        let hf = cv.font(size::AXIS_TITLE, false);
        let x = m + cv.width("Input", af) + cv.px(16.0);
        let note = cv.fit(&hidden_note, hf, cv.w - m - x);
        cv.text(&note, hf, SUBTLE, (x, head_top), HPos::Left, VAlign::Top)?;
    }

    // Bars: row 0 (largest swing) on top.
    let thick = (row_h * 0.58).min(f64::from(cv.px(58.0))).max(2.0);
    let base_x = fr.px(base);
    let gap = cv.px(8.0);
    for (i, ((b, (main, sub)), (low_text, high_text))) in bars
        .iter()
        .zip(labels.iter())
        .zip(values.iter())
        .enumerate()
    {
        let yc = f64::from(fr.t) + row_h * (i as f64 + 0.5);
        let yt = (yc - thick / 2.0).round() as i32;
        let yb = (yc + thick / 2.0).round() as i32;
        let yc = yc.round() as i32;
        let xl = fr.px(b.total_at_low);
        let xh = fr.px(b.total_at_high);
        // Longer segment first so a same-side shorter one stays visible.
        let mut segs = [(xl, BLUE, low_text), (xh, ORANGE, high_text)];
        if (xl - base_x).abs() < (xh - base_x).abs() {
            segs.swap(0, 1);
        }
        for (x, color, _) in &segs {
            if *x != base_x {
                cv.rect((base_x, yt), (*x, yb), color.to_rgba())?;
            }
        }
        if xl == base_x && xh == base_x {
            cv.rect((base_x - 1, yt), (base_x + 1, yb), AXIS.to_rgba())?;
        }
        // Value texts just outside the bar ends.
        let same_side = (xl - base_x).signum() == (xh - base_x).signum();
        for (k, (x, _, text)) in segs.iter().enumerate() {
            let right = if *x == base_x {
                // No effect: put the text on the side the other end is not.
                let other = segs.get(1 - k.min(1)).map(|s| s.0).unwrap_or(base_x);
                other <= base_x
            } else {
                *x > base_x
            };
            let inner = same_side && k == 1 && *x != base_x;
            let (tx, hp, col) = match (right, inner) {
                (true, false) => (*x + gap, HPos::Left, TEXT),
                (false, false) => (*x - gap, HPos::Right, TEXT),
                (true, true) => (*x - gap, HPos::Right, WHITE),
                (false, true) => (*x + gap, HPos::Left, WHITE),
            };
            cv.text(text, lf, col, (tx, yc), hp, VAlign::Middle)?;
        }
        // Input label.
        let main = cv.fit(main, lf, col_w);
        if two_lines && !sub.is_empty() {
            let sub = cv.fit(sub, sf, col_w);
            let total_h = cv.line_h(lf) + cv.px(8.0) + cv.cap(sf);
            let y0 = yc - total_h / 2;
            cv.text(&main, lf, TEXT, (m, y0), HPos::Left, VAlign::Top)?;
            cv.text(
                &sub,
                sf,
                SUBTLE,
                (m, y0 + cv.line_h(lf) + cv.px(8.0)),
                HPos::Left,
                VAlign::Top,
            )?;
        } else {
            cv.text(&main, lf, TEXT, (m, yc), HPos::Left, VAlign::Middle)?;
        }
    }

    // Base-case line with its label above the plot.
    cv.line(
        vec![(base_x, fr.t - cv.px(10.0)), (base_x, fr.b)],
        BLACK.to_rgba(),
        cv.px(3.0) as u32,
    )?;
    let text = format!("Base case: {}", fmt_money(base, cur));
    let tw = cv.width(&text, nf);
    let lo_x = fr.l + tw / 2;
    let cx = base_x.clamp(lo_x, (fr.r - tw / 2).max(lo_x));
    cv.text(
        &text,
        nf,
        TEXT,
        (cx, annot_mid),
        HPos::Center,
        VAlign::Middle,
    )?;

    // X axis.
    draw_horizon_total_axis(
        cv,
        &fr,
        (&xticks, xstep),
        cur,
        legend_mid - cv.line_h(lf) / 2,
    )?;

    // Legend and the hidden-bars note.
    draw_fill_legend(
        cv,
        &fr,
        legend_mid,
        [
            (BLUE, "Input at its low value"),
            (ORANGE, "Input at its high value"),
        ],
    )
}

// ---------------------------------------------------------------------------
// Distribution
// ---------------------------------------------------------------------------

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let i = pos.floor() as usize;
    let frac = pos - i as f64;
    let a = sorted.get(i).copied().unwrap_or(0.0);
    let b = sorted.get(i + 1).copied().unwrap_or(a);
    a + (b - a) * frac
}

struct Marker {
    x: f64,
    label: String,
    color: RGBColor,
    dashed: bool,
    bold: bool,
    /// Preferred side for the label: true = right of the line.
    right: bool,
}

struct Placed {
    row: i32,
    left: i32,
    right: i32,
    text_x: i32,
    hpos: HPos,
}

/// Places marker labels in rows, each beside its own line, avoiding other
/// labels and other markers' lines. Returns placements and rows used.
fn place_markers(
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

fn draw_distribution<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    top: i32,
    data: &ChartData,
) -> Result<(), ChartError> {
    let cur = data.currency.as_str();
    let base = data.base_total;
    let Some(sampled) = data.sampled.as_ref() else {
        let line = format!("Base-case horizon total: {}", fmt_money(base, cur));
        return draw_empty(
            cv,
            top,
            &[
                "No uncertain inputs: sampling was skipped.",
                "Every trial would give the same total, so there is no spread to show.",
                &line,
            ],
        );
    };
    let mut totals: Vec<f64> = sampled
        .totals
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if totals.is_empty() {
        let line = format!("Base-case horizon total: {}", fmt_money(base, cur));
        return draw_empty(
            cv,
            top,
            &[
                "No trial results to show.",
                "Sampling produced no horizon totals.",
                &line,
            ],
        );
    }
    totals.sort_by(f64::total_cmp);
    let count = totals.len();
    let min = totals.first().copied().unwrap_or(0.0);
    let max = totals.last().copied().unwrap_or(0.0);

    // Axis range: clip extreme tails so the bulk stays readable.
    let q_lo = percentile(&totals, 0.005);
    let q_hi = percentile(&totals, 0.995);
    let spread = q_hi - q_lo;
    let (mut lo, mut hi) = (min, max);
    if spread > 0.0 && (max - q_hi > 0.5 * spread || q_lo - min > 0.5 * spread) {
        lo = q_lo;
        hi = q_hi;
    }
    let outside = totals.iter().filter(|v| **v < lo || **v > hi).count();
    let degenerate = hi <= lo;
    // Use the given percentiles; recompute any that are missing.
    let pick = |given: f64, q: f64| {
        if given.is_finite() {
            given
        } else {
            percentile(&totals, q)
        }
    };
    let p10 = pick(sampled.total_p10, 0.1);
    let p50 = pick(sampled.total_p50, 0.5);
    let p90 = pick(sampled.total_p90, 0.9);
    let mut markers = Vec::new();
    for (x, name, bold, right, dashed) in [
        (p50, "P50 (median)", true, true, false),
        (p10, "P10", false, false, true),
        (p90, "P90", false, true, true),
    ] {
        if x.is_finite() {
            markers.push(Marker {
                x,
                label: format!("{name}: {}", fmt_money(x, cur)),
                color: if bold { BLACK } else { hex(0x333333) },
                dashed,
                bold,
                right,
            });
        }
    }
    if base.is_finite() {
        markers.push(Marker {
            x: base,
            label: format!("Base case: {}", fmt_money(base, cur)),
            color: VERMILLION,
            dashed: true,
            bold: false,
            right: true,
        });
    }
    let (mut ax_lo, mut ax_hi) = (lo, hi);
    for mk in &markers {
        ax_lo = ax_lo.min(mk.x);
        ax_hi = ax_hi.max(mk.x);
    }
    let (ax_lo, ax_hi) = sane_range(ax_lo, ax_hi);
    let pad = (ax_hi - ax_lo) * 0.03;
    let (x0, x1) = (ax_lo - pad, ax_hi + pad);

    // Layout.
    let m = cv.margin();
    let lf = cv.font(size::LEGEND, false);
    let tf = cv.font(size::TICK, false);
    let af = cv.font(size::AXIS_TITLE, true);
    let mf = cv.font(size::NOTE, false);
    let mfb = cv.font(size::NOTE, true);
    let plot_t = top + cv.line_h(af) + cv.px(16.0) + cv.cap(tf) / 2 + cv.px(6.0);
    let legend_mid = cv.h - m - cv.line_h(lf) / 2;
    let plot_b = legend_mid - cv.line_h(lf) / 2 - cv.px(22.0) - bottom_space(cv);
    let plot_h = (plot_b - plot_t).max(10);
    let y_label_w = cv.width("88.8%", tf);
    let plot_l = m + y_label_w + cv.px(14.0);
    let plot_r = cv.w - m - cv.width(&format!("\u{2212}8.88M {cur}"), tf) / 2;
    let plot_w = (plot_r - plot_l).max(10);
    let mut fr = Frame {
        l: plot_l,
        t: plot_t,
        r: plot_r,
        b: plot_t + plot_h,
        x0,
        x1,
        y0: 0.0,
        y1: 1.0,
    };

    // Marker labels: rows at the top of the plot, inside headroom.
    let xs: Vec<i32> = markers.iter().map(|mk| fr.px(mk.x)).collect();
    let widths: Vec<i32> = markers
        .iter()
        .map(|mk| cv.width(&mk.label, if mk.bold { mfb } else { mf }))
        .collect();
    let prefs: Vec<bool> = markers.iter().map(|mk| mk.right).collect();
    let gap = cv.px(12.0);
    let (placed, rows) = place_markers(&xs, &widths, &prefs, (fr.l + 2, fr.r - 2), gap, 4);
    let row_h = cv.line_h(mf) + cv.px(14.0);
    let headroom = rows * row_h + cv.px(14.0);

    // Histogram.
    let max_bins = (f64::from(plot_w) / f64::from(cv.px(7.0))).floor().max(1.0) as usize;
    let nbins = if degenerate {
        1
    } else {
        ((count as f64).sqrt().round() as usize)
            .clamp(8, 60)
            .min(max_bins)
    };
    let bw = if degenerate {
        0.0
    } else {
        (hi - lo) / nbins as f64
    };
    let mut counts = vec![0usize; nbins];
    for v in &totals {
        if *v < lo || *v > hi {
            continue;
        }
        let k = if bw > 0.0 {
            (((v - lo) / bw).floor().max(0.0) as usize).min(nbins - 1)
        } else {
            0
        };
        if let Some(c) = counts.get_mut(k) {
            *c += 1;
        }
    }
    let shares: Vec<f64> = counts
        .iter()
        .map(|c| *c as f64 * 100.0 / count as f64)
        .collect();
    let max_share = shares.iter().copied().fold(0.0f64, f64::max).max(1e-9);
    let usable = f64::from((plot_h - headroom).max(plot_h / 3));
    let y_top = max_share * f64::from(plot_h) / usable;
    fr.y1 = y_top;
    let target = (usable / (f64::from(cv.line_h(tf)) * 3.2)).round() as usize;
    let yt = nice_ticks(0.0, max_share, target.clamp(2, 6), false);
    let y_ticks: Vec<f64> = yt.values.iter().copied().filter(|v| *v <= y_top).collect();
    let y_labels: Vec<String> = y_ticks
        .iter()
        .map(|v| format!("{}%", fmt_plain_tick(*v, yt.step)))
        .collect();
    draw_y_axis(cv, &fr, &y_ticks, &y_labels)?;
    let note = if degenerate {
        format!(
            "All {} trials gave the same total.",
            group_thousands(count as u64)
        )
    } else if outside > 0 {
        let n = group_thousands(outside as u64);
        if outside == 1 {
            "1 extreme trial lies beyond the axis.".to_string()
        } else {
            format!("{n} extreme trials lie beyond the axis.")
        }
    } else {
        String::new()
    };
    let nf = cv.font(size::NOTE, false);
    let note = cv.fit(&note, nf, fr.width() / 2);
    let note_w = if note.is_empty() {
        0
    } else {
        cv.width(&note, nf) + cv.px(30.0)
    };
    cv.text(
        &note,
        nf,
        SUBTLE,
        (fr.r, top + cv.px(2.0)),
        HPos::Right,
        VAlign::Top,
    )?;
    draw_y_title(cv, ("Share of trials", ""), m, top, fr.r - m - note_w)?;

    let (xticks, xstep) = money_x_ticks(cv, x0, x1, plot_w, cur);
    for v in &xticks {
        let x = fr.px(*v);
        cv.line(vec![(x, fr.t), (x, fr.b)], GRID.mix(0.7), 1)?;
    }

    let (in_lo, in_hi) = (p10.min(p90), p10.max(p90));
    for (k, share) in shares.iter().enumerate() {
        if *share <= 0.0 {
            continue;
        }
        let (a, b, c) = if degenerate {
            let half = (x1 - x0) * 0.01;
            (lo - half, lo + half, lo)
        } else {
            let a = lo + bw * k as f64;
            (a, a + bw, a + bw / 2.0)
        };
        let inside = c >= in_lo && c <= in_hi;
        let color = if inside { BLUE } else { SKY };
        let (xa, xb) = (fr.px(a), fr.px(b));
        let xb = if xb - xa >= 4 { xb - 1 } else { xb };
        cv.rect((xa, fr.py(*share)), (xb.max(xa), fr.b), color.to_rgba())?;
    }

    // Marker lines and labels.
    let lw = cv.px(3.0) as u32;
    for (mk, p) in markers.iter().zip(&placed) {
        let x = fr.px(mk.x);
        let label_y = fr.t + cv.px(8.0) + p.row * row_h;
        if mk.dashed {
            cv.dashed((x, fr.b), (x, label_y), mk.color, lw)?;
        } else {
            cv.line(vec![(x, fr.b), (x, label_y)], mk.color.to_rgba(), lw + 1)?;
        }
        let f = if mk.bold { mfb } else { mf };
        cv.text_boxed(
            &mk.label,
            f,
            mk.color,
            (p.text_x, label_y),
            p.hpos,
            VAlign::Top,
        )?;
    }

    draw_horizon_total_axis(
        cv,
        &fr,
        (&xticks, xstep),
        cur,
        legend_mid - cv.line_h(lf) / 2,
    )?;

    draw_fill_legend(
        cv,
        &fr,
        legend_mid,
        [
            (BLUE, "Middle 80% of trials (P10–P90)"),
            (SKY, "Lowest and highest 10%"),
        ],
    )
}

// ---------------------------------------------------------------------------
// Unit tests for the pure helpers
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_ticks_use_suffixes_and_minus() {
        assert_eq!(fmt_money_tick(1_250_000.0, 250_000.0, "USD"), "1.25M USD");
        assert_eq!(fmt_money_tick(1_000_000.0, 250_000.0, "USD"), "1M USD");
        assert_eq!(fmt_money_tick(750_000.0, 250_000.0, "USD"), "750k USD");
        assert_eq!(
            fmt_money_tick(-2_000_000.0, 1_000_000.0, "USD"),
            "\u{2212}2M USD"
        );
        assert_eq!(fmt_money_tick(0.0, 1_000.0, "EUR"), "0 EUR");
        assert_eq!(fmt_money_tick(3.0e9, 1.0e9, "USD"), "3B USD");
        assert_eq!(fmt_money_tick(500.0, 100.0, "USD"), "500 USD");
    }

    #[test]
    fn money_amounts_have_three_digits() {
        assert_eq!(fmt_money(1_234_567.0, "USD"), "1.23M USD");
        assert_eq!(fmt_money(987_654.0, "USD"), "988k USD");
        assert_eq!(fmt_money(999_999.0, "USD"), "1M USD");
        assert_eq!(fmt_money(-12_345.0, "USD"), "\u{2212}12.3k USD");
        assert_eq!(fmt_money(0.0, "USD"), "0 USD");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(10_000), "10,000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

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
    fn labels_split_at_parenthesis() {
        assert_eq!(
            split_label("Salary premium (hiring.premium)"),
            ("Salary premium".to_string(), "(hiring.premium)".to_string())
        );
        assert_eq!(split_label("Ramp"), ("Ramp".to_string(), String::new()));
    }

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
}
