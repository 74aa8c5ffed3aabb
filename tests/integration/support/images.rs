//! Looking at the charts a run draws: real pictures at the requested size,
//! SVG twins with their text.

use std::fs;
use std::path::Path;

/// The charts `run` draws, each as `<name>.png` (and `<name>.svg` on `--svg`).
pub(crate) const RUN_CHARTS: [&str; 5] = [
    "cumulative",
    "breakdown",
    "tornado",
    "distribution",
    "capacity",
];

/// Decodes a PNG and checks its size and that it is not a blank canvas.
#[track_caller]
pub(crate) fn assert_real_png(path: &Path, width: u32, height: u32) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{} is not a PNG: {e}", path.display()))
        .to_rgb8();
    assert_eq!(
        (img.width(), img.height()),
        (width, height),
        "{}",
        path.display()
    );
    let first = *img.get_pixel(0, 0);
    let differing = img.pixels().filter(|p| **p != first).count();
    let share = differing as f64 / f64::from(width * height);
    assert!(
        share > 0.01,
        "{} is almost blank ({share:.4} of pixels drawn)",
        path.display()
    );
}

/// The text of an SVG file, which must hold at least one text element.
#[track_caller]
pub(crate) fn svg_text(path: &Path) -> String {
    let svg =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    assert!(svg.contains("<text"), "{} has no text", path.display());
    svg
}

/// The chart files (PNG and SVG) in `dir`, sorted.
#[track_caller]
pub(crate) fn images(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".png") || n.ends_with(".svg"))
        .collect();
    names.sort();
    names
}
