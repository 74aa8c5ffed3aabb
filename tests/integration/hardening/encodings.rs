//! Encodings (docs/bad-input.md): a scenario must be UTF-8; a leading BOM and
//! Windows line endings are accepted, anything else is refused at the first
//! bad byte, with how to save the file right.

use crate::support::{SCENARIO, TINY, Test};

#[test]
fn a_leading_bom_is_ignored() {
    let with_bom = Test::new()
        .file(SCENARIO, format!("\u{feff}{TINY}"))
        .base_case()
        .run();
    let without = Test::new().scenario(TINY).base_case().run();
    with_bom
        .check(
            with_bom.monthly().rows.len() == 3,
            "monthly.csv should have the three months",
        )
        .check(
            with_bom.summary().bytes == without.summary().bytes,
            "a BOM should change nothing",
        );
}

#[test]
fn windows_line_endings_are_accepted() {
    let crlf = Test::new()
        .scenario(&TINY.replace('\n', "\r\n"))
        .base_case()
        .run();
    let lf = Test::new().scenario(TINY).base_case().run();
    crlf.check(
        crlf.summary().bytes == lf.summary().bytes,
        "CRLF line endings should change nothing",
    );
}

#[test]
fn non_utf8_files_are_refused_at_the_first_bad_byte() {
    let mut latin1 = TINY.replace("\"Tiny\"", "\"Caf_\"").into_bytes();
    let at = latin1
        .iter()
        .position(|&b| b == b'_')
        .unwrap_or_else(|| unreachable!());
    latin1[at] = 0xE9; // é in Latin-1
    Test::new()
        .file(SCENARIO, latin1)
        .base_case()
        .status(2)
        .run()
        .stderr_has("error: scenario.toml:2:12: the file is not valid UTF-8 text")
        .help_has("save the scenario as UTF-8")
        .nothing_written();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(TINY.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    Test::new()
        .file(SCENARIO, utf16)
        .base_case()
        .status(2)
        .run()
        .stderr_has("error: scenario.toml:1:1: the file is UTF-16 text, not UTF-8")
        .nothing_written();
}
