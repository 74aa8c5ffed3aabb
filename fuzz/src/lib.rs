//! Support for the fuzz targets: the checks live in `exercise.rs`, which the
//! property tests in `tests/hardening.rs` include too, so both hold the tool to
//! the same promises.

pub mod exercise;
