//! The same inputs give the same bytes (docs/bad-input.md): two runs of every
//! command, in different seconds of the clock, write identical files of
//! every kind: CSV, `samples.csv`, `model.xlsx` (no clock in its document
//! properties), PNG and SVG charts, the manifest, and `new`'s template.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::support::{RANGED, SCENARIO, Test};

/// Every file under `dir`, by path relative to it, with its bytes.
fn every_file(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn visit(root: &Path, dir: &Path, found: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(root, &path, found);
            } else if let Ok(rel) = path.strip_prefix(root) {
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
                found.insert(rel.display().to_string(), bytes);
            }
        }
    }
    let mut found = BTreeMap::new();
    visit(dir, dir, &mut found);
    found
}

/// Sleeps into the next second of the clock (document properties that
/// carried the time had a resolution of one second).
fn next_second() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    std::thread::sleep(Duration::from_nanos(
        1_000_000_000 - u64::from(now.subsec_nanos()) + 10_000_000,
    ));
}

/// Every command once, into `out/`.
fn every_command() -> BTreeMap<String, Vec<u8>> {
    let first = Test::new()
        .scenario(RANGED)
        .file("b.toml", RANGED.replace("Charts & <friends>", "Plan B"))
        .args(["run", SCENARIO, "--out", "out/run", "--samples", "300"])
        .args([
            "--export-samples",
            "--xlsx",
            "--svg",
            "--chart-size",
            "320x240",
        ])
        .run();
    let second = first
        .again()
        .args([
            "compare",
            SCENARIO,
            "b.toml",
            "--out",
            "out/compare",
            "--samples",
            "200",
        ])
        .args(["--svg", "--chart-size", "320x240"])
        .run();
    let third = second
        .again()
        .args(["sweep", SCENARIO, "--out", "out/sweep"])
        .args([
            "--vary",
            "hiring.premium=0.1,0.2",
            "--vary",
            "ramp.months=2,4",
        ])
        .args(["--svg", "--chart-size", "320x240"])
        .run();
    let fourth = third.again().args(["new", "out/new/template.toml"]).run();
    every_file(&fourth.path().join("out"))
}

#[test]
fn two_runs_write_the_same_bytes_for_every_output_kind() {
    let one = every_command();
    next_second();
    let two = every_command();
    for ext in ["csv", "xlsx", "png", "svg", "toml", "adoptcost-manifest"] {
        assert!(
            one.keys().any(|k| k.ends_with(ext)),
            "no .{ext} file written: {:?}",
            one.keys()
        );
    }
    assert!(
        one.contains_key("run/charts-friends/samples.csv"),
        "{:?}",
        one.keys()
    );
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &one {
        assert!(two[name] == *bytes, "{name} differs between two runs");
    }
}
