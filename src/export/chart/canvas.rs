//! The canvas: pixel drawing with calibrated text placement, every length
//! scaled with the image size, and the frame that maps values to pixels.

use plotters::coord::Shift;
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, FontDesc, FontFamily, FontStyle, RGBAColor, RGBColor, ShapeStyle, TextStyle,
};

use super::fonts::{EM_PER_SIZE, FAMILY, GlyphMetrics, glyph_metrics};
use super::palette::WHITE;
use super::{ChartError, draw_err};

/// What a chart is drawn on; text and bands are placed differently on each.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Surface {
    /// Pixels, encoded as a PNG.
    Bitmap,
    /// An SVG document.
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

/// Base sizes at 1600×900; everything is multiplied by the canvas scale.
pub(crate) mod size {
    pub(crate) const MARGIN: f64 = 30.0;
    pub(crate) const TITLE: f64 = 48.0;
    pub(crate) const SUBTITLE: f64 = 29.0;
    pub(crate) const AXIS_TITLE: f64 = 29.0;
    pub(crate) const TICK: f64 = 27.0;
    pub(crate) const LEGEND: f64 = 27.0;
    pub(crate) const NOTE: f64 = 26.0;
    pub(crate) const LINE: f64 = 4.0;
}

/// A drawing area with its surface and size, and `s`, the scale of every
/// base length (1 at 1600×900).
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    pub(crate) area: &'a DrawingArea<DB, Shift>,
    pub(crate) surface: Surface,
    pub(crate) w: i32,
    pub(crate) h: i32,
    pub(crate) s: f64,
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    /// A canvas over the whole of `area`, filled white.
    pub(crate) fn blank(
        area: &'a DrawingArea<DB, Shift>,
        surface: Surface,
    ) -> Result<Self, ChartError> {
        let (w, h) = area.dim_in_pixel();
        area.fill(&WHITE).map_err(draw_err)?;
        Ok(Canvas::new(area, surface, w, h))
    }

    fn new(area: &'a DrawingArea<DB, Shift>, surface: Surface, w: u32, h: u32) -> Self {
        let s = (f64::from(h) / 900.0).min(f64::from(w) / 1200.0);
        Canvas {
            area,
            surface,
            w: i32::try_from(w).unwrap_or(i32::MAX),
            h: i32::try_from(h).unwrap_or(i32::MAX),
            s,
        }
    }

    /// A length in pixels for a base length at 1600×900.
    pub(crate) fn px(&self, base: f64) -> i32 {
        (base * self.s).round().max(1.0) as i32
    }

    /// The font of base size `base` at this canvas's scale.
    pub(crate) fn font(&self, base: f64, bold: bool) -> Font {
        Font {
            size: base * self.s,
            bold,
        }
    }

    /// The margin around the chart.
    pub(crate) fn margin(&self) -> i32 {
        self.px(size::MARGIN)
    }

    /// The width of a data line.
    pub(crate) fn line_width(&self) -> u32 {
        (size::LINE * self.s).round().max(1.0) as u32
    }

    /// The plotters font of `f`, in the embedded family.
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

    /// Draws `text` in font `f` with `(x, y)` where `h` and `v` say.
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
        let k = match self.surface {
            Surface::Bitmap => 0.5,
            Surface::Svg => 0.76 / EM_PER_SIZE,
        };
        let top = baseline - (k * f.size).round() as i32;
        match self.surface {
            Surface::Bitmap => match glyph_metrics(f.bold) {
                Some(metrics) => self.bitmap_text(text, f, color, (x, top), h, metrics),
                None => self.svg_text(text, f, color, (x, top), h),
            },
            Surface::Svg => self.svg_text(text, f, color, (x, top), h),
        }
    }

    /// Text as one SVG element, with its top at `top`.
    fn svg_text(
        &self,
        text: &str,
        f: Font,
        color: RGBColor,
        (x, top): (i32, i32),
        h: HPos,
    ) -> Result<(), ChartError> {
        // plotters writes font-size = size / 1.24; scale it so the SVG em
        // matches the PNG's (size / 1.164) and the layout holds.
        let svg_size = Font {
            size: f.size * 1.24 / EM_PER_SIZE,
            ..f
        };
        let style = TextStyle {
            font: self.desc(svg_size),
            color: color.to_backend_color(),
            pos: Pos::new(h, VPos::Top),
        };
        self.area
            .draw(&Text::new(text.to_string(), (x, top), style))
            .map_err(draw_err)
    }

    /// Text on a bitmap, glyph by glyph: pen positions from plotters' own
    /// layout (advances and kerning) plus the bearing plotters leaves out.
    fn bitmap_text(
        &self,
        text: &str,
        f: Font,
        color: RGBColor,
        (x, top): (i32, i32),
        h: HPos,
        metrics: &GlyphMetrics,
    ) -> Result<(), ChartError> {
        let style = TextStyle {
            font: self.desc(f),
            color: color.to_backend_color(),
            pos: Pos::new(HPos::Left, VPos::Top),
        };
        let left = left_edge(x, self.width(text, f), h);
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            // Pen position including the kerning with the previous glyph.
            let through = text.get(..i + c.len_utf8()).unwrap_or(text);
            let pen = self.width(through, f) - self.width(&c.to_string(), f);
            let gx = left + pen + metrics.bearing_px(c, f.size);
            self.area
                .draw(&Text::new(c.to_string(), (gx, top), style.clone()))
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
        let left = left_edge(x, tw, h);
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

    /// A one-pixel outline of the box between corners `a` and `b`.
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

    /// A polyline through `pts` (nothing for fewer than two points).
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

    /// A dashed line from `a` to `b` (a marker line).
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

    /// A dashed polyline through `pts`, with longer dashes than [`Self::dashed`].
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

    /// A filled polygon through `pts` (nothing for fewer than three points).
    pub(crate) fn polygon(&self, pts: Vec<(i32, i32)>, color: RGBAColor) -> Result<(), ChartError> {
        if pts.len() < 3 {
            return Ok(());
        }
        self.area
            .draw(&Polygon::new(pts, color.filled()))
            .map_err(draw_err)
    }

    /// A filled circle of radius `r` (at least one pixel) around `c`.
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

/// The left edge of something `w` wide placed at `x` as `h` says.
fn left_edge(x: i32, w: i32, h: HPos) -> i32 {
    match h {
        HPos::Left => x,
        HPos::Center => x - w / 2,
        HPos::Right => x - w,
    }
}

/// The plot area in pixels and the values at its edges.
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
    /// The plot with its top-left corner at `(l, t)`, right edge at `r` and
    /// height `h`, showing `x0..x1` across and `y0..y1` up.
    pub(crate) fn new(
        (l, t, r, h): (i32, i32, i32, i32),
        (x0, x1): (f64, f64),
        (y0, y1): (f64, f64),
    ) -> Self {
        Frame {
            l,
            t,
            r,
            b: t + h,
            x0,
            x1,
            y0,
            y1,
        }
    }

    /// Where a text `w` wide, centred on `x` where it can be, is centred so
    /// that it stays over the plot.
    pub(crate) fn centre_within(&self, x: i32, w: i32) -> i32 {
        let lo = self.l + w / 2;
        x.clamp(lo, (self.r - w / 2).max(lo))
    }

    /// The pixel column of the value `x`.
    pub(crate) fn px(&self, x: f64) -> i32 {
        let t = if self.x1 > self.x0 {
            ((x - self.x0) / (self.x1 - self.x0)).clamp(-4.0, 5.0)
        } else {
            0.5
        };
        (f64::from(self.l) + t * f64::from(self.r - self.l)).round() as i32
    }

    /// The pixel row of the value `y`.
    pub(crate) fn py(&self, y: f64) -> i32 {
        let t = if self.y1 > self.y0 {
            ((y - self.y0) / (self.y1 - self.y0)).clamp(-4.0, 5.0)
        } else {
            0.5
        };
        (f64::from(self.b) - t * f64::from(self.b - self.t)).round() as i32
    }

    /// The plot's width in pixels.
    pub(crate) fn width(&self) -> i32 {
        self.r - self.l
    }
}
