//! DejaVu Sans, embedded in the binary with `include_bytes!` and registered
//! with plotters' `ab_glyph` text support, and the glyph metrics the bitmap
//! text needs.

use std::sync::OnceLock;

use plotters::style::FontStyle;

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
pub(crate) const FAMILY: &str = "DejaVu Sans, sans-serif";

/// DejaVu Sans: (ascender − descender) / units-per-em = 2384 / 2048.
pub(crate) const EM_PER_SIZE: f64 = 2384.0 / 2048.0;

static FONTS_OK: OnceLock<bool> = OnceLock::new();

/// Whether the embedded fonts are registered (registering them once).
pub(crate) fn fonts_ready() -> bool {
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
pub(crate) struct GlyphMetrics {
    cmap4: &'static [u8],
    hmtx: &'static [u8],
    long_metrics: usize,
    /// Ascender minus descender in font units: ab_glyph's pixel-size basis.
    height_units: f64,
}

// Big-endian reads of TrueType fields; `None` past the end.
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

/// The TrueType table `tag` of `font`.
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
    pub(crate) fn bearing_px(&self, c: char, size: f64) -> i32 {
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

/// The glyph metrics of the regular or the bold font, read once.
pub(crate) fn glyph_metrics(bold: bool) -> Option<&'static GlyphMetrics> {
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
