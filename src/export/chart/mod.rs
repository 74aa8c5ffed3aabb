//! Slide-ready charts (PNG and SVG) for `adoptcost`.
//!
//! The charts only *draw* results already computed: the scenario charts
//! ([`render`], from a [`ChartData`]), the comparison charts
//! ([`render_comparison`]), the sweep chart ([`render_sweep`]) and the solve
//! chart ([`render_solve`]).
//!
//! The toolkit comes first: `fonts` (DejaVu Sans embedded in the binary, so
//! no system font library is needed at build or run time), `palette`,
//! `canvas` (pixel drawing scaled with the image height, so the same chart
//! looks the same at 1200×675, 1600×900 or 2400×1350), `format`, `ticks`,
//! `parts` (titles, axes, notes), `legend`, `time` (the month axis) and
//! `place` (label placement and thinning). Then one file per chart, each
//! reading as that chart's story. Nothing here panics on odd data: empty,
//! all-zero, single-month or constant inputs give a chart with a note.

#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable
)]

mod canvas;
mod comparison;
mod comparison_totals;
mod cumulative;
mod distribution;
mod fonts;
mod format;
mod heatmap;
mod input;
mod legend;
mod palette;
mod parts;
mod place;
mod rows;
mod scenario;
mod solve;
mod stacked;
mod sweep;
mod ticks;
mod time;
mod tornado;

use std::borrow::Cow;

use image::ImageEncoder;
use plotters::prelude::{
    BitMapBackend, DrawingAreaErrorKind, DrawingBackend, IntoDrawingArea, SVGBackend,
};

use crate::text::{has_control, make_printable};
use canvas::{Canvas, Surface};
pub(crate) use comparison::{ComparisonKind, render_comparison};
use fonts::fonts_ready;
/// Amounts in words with three significant digits ("1.25M USD"), for the report's sentences.
pub(crate) use format::fmt_money;
pub(crate) use input::{
    Chart, ChartData, ComparisonChart, SampledSpread, ScenarioSeries, Series, SolveChart,
    SolveScale, SweepAxis, SweepChart, TornadoBar,
};
pub(crate) use scenario::render;
pub(crate) use solve::render_solve;
pub(crate) use sweep::render_sweep;

/// Where the chart goes.
pub(crate) enum Target<'a> {
    /// PNG bytes; the vector's previous contents are replaced.
    Png(&'a mut Vec<u8>),
    /// An SVG document; the string's previous contents are replaced.
    Svg(&'a mut String),
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ChartError {
    /// The requested size is too small or too large.
    #[error("chart size {width}x{height} is not supported: expected {SIZE_RULE}")]
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

/// The sizes a chart is drawn at, in pixels: each side within these...
const MIN_WIDTH: u32 = 320;
const MIN_HEIGHT: u32 = 240;
const MAX_SIDE: u32 = 8000;
/// ...and the whole at most this many pixels (a 120 MB bitmap).
const MAX_PIXELS: u64 = 40_000_000;

/// The sizes [`check_size`] accepts, in words (`--chart-size` says the same).
pub(crate) const SIZE_RULE: &str = "WIDTHxHEIGHT in pixels, e.g. 1600x900: width 320 to 8000, height 240 to 8000, at most 40,000,000 pixels in all (8000x5000)";

/// The one check of a chart size: `--chart-size` is parsed with it (before
/// any work), and the renderer refuses anything else.
pub(crate) fn check_size(width: u32, height: u32) -> Result<(), ChartError> {
    if (MIN_WIDTH..=MAX_SIDE).contains(&width)
        && (MIN_HEIGHT..=MAX_SIDE).contains(&height)
        && u64::from(width) * u64::from(height) <= MAX_PIXELS
    {
        Ok(())
    } else {
        Err(ChartError::InvalidSize { width, height })
    }
}

/// A chart that can draw itself on any plotters backend. Every chart (the
/// scenario charts, the comparison and the sweep charts) goes through
/// [`render_drawing`], so they share the size checks, fonts and encoders.
pub(crate) trait Drawing {
    /// Draws the whole chart onto `cv` (blank, the size of the image).
    fn draw<DB: DrawingBackend>(&self, cv: &Canvas<'_, DB>) -> Result<(), ChartError>;
}

/// Checks the size, then draws `drawing` at `size` to `target`.
pub(crate) fn render_drawing(
    drawing: &impl Drawing,
    size: (u32, u32),
    target: Target<'_>,
) -> Result<(), ChartError> {
    let (width, height) = size;
    check_size(width, height)?;
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
                drawing.draw(&Canvas::blank(&root, Surface::Bitmap)?)?;
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
            drawing.draw(&Canvas::blank(&root, Surface::Svg)?)?;
            root.present().map_err(draw_err)
        }
    }
}

/// A plotters drawing error as a [`ChartError`].
pub(crate) fn draw_err<E: std::error::Error + Send + Sync>(
    e: DrawingAreaErrorKind<E>,
) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Chart input whose texts (names, labels, months) are drawn as given.
pub(crate) trait DrawnTexts: Clone {
    /// Every text the chart may draw.
    fn texts(&self) -> Vec<&String>;
    /// The same texts, to clean them.
    fn texts_mut(&mut self) -> Vec<&mut String>;
}

/// `input` with the control characters in its texts (a `\n` written in a
/// TOML string, a tab) replaced by spaces, so that every text is drawn on one
/// line; borrowed unchanged in the usual case.
pub(crate) fn printable_input<T: DrawnTexts>(input: &T) -> Cow<'_, T> {
    if !input.texts().iter().any(|s| has_control(s)) {
        return Cow::Borrowed(input);
    }
    let mut clean = input.clone();
    clean.texts_mut().into_iter().for_each(make_printable);
    Cow::Owned(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_drawn_texts_become_spaces() {
        let clean = ChartData {
            scenario_name: "Plan A".into(),
            ..Default::default()
        };
        assert!(matches!(printable_input(&clean), Cow::Borrowed(_)));
        let raw = ChartData {
            scenario_name: "Plan\nA".into(),
            tornado: vec![TornadoBar {
                label: "Ramp\t(ramp.months)".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let printable = printable_input(&raw);
        assert_eq!(printable.scenario_name, "Plan A");
        assert_eq!(
            printable.tornado.first().map(|t| t.label.as_str()),
            Some("Ramp (ramp.months)")
        );
    }
}
