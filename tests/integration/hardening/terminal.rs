//! Nothing from a scenario reaches the terminal raw (docs/bad-input.md): names
//! with control characters (ESC, BEL, NUL, CR, LF...) are refused at
//! validation with their location; any other user text printed (file names,
//! values quoted in messages, warnings) goes through one sanitising function,
//! so no escape sequence (an OSC 52 clipboard write, a cleared screen) or
//! carriage return reaches the terminal and no line can be faked.

use crate::support::{OUT, TINY, Test};

/// No control character but the line ends.
#[track_caller]
fn printable(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        bad.is_empty(),
        "{what} carries control characters {bad:?}:\n{text}"
    );
}

#[test]
fn names_with_control_characters_are_refused_with_their_location() {
    for (written, found) in [
        (
            "\\u001b]52;c;ZWNobyBwd25lZA==\\u0007",
            "an escape (ESC) (U+001B) at character 1",
        ),
        ("Team\\u001b[2J", "an escape (ESC) (U+001B) at character 5"),
        ("Team\\u0000A", "NUL (U+0000) at character 5"),
        (
            "Team\\rok: fake line",
            "a carriage return (U+000D) at character 5",
        ),
        (
            "Team A\\nok: other.toml",
            "a line break (U+000A) at character 7",
        ),
        ("Bell\\u0007", "a bell (BEL) (U+0007) at character 5"),
    ] {
        let scenario = TINY.replace("\"Tiny\"", &format!("\"{written}\""));
        let run = Test::new().scenario(&scenario).base_case().status(2).run();
        run.stderr_has(&format!(
            "error: scenario.toml:2:8: scenario.name: expected text on one line without control characters, found {found}"
        ))
        .help_has("remove it")
        .nothing_written();
        printable("stderr", &run.stderr);
        let cost =
            format!("{TINY}[[costs]]\nname = \"{written}\"\namount = 1\nmonth = \"2027-01\"\n");
        let run = Test::new().scenario(&cost).base_case().status(2).run();
        run.stderr_has(&format!(
            "error: scenario.toml:10:8: costs.name: expected text on one line without control characters, found {found}"
        ))
        .nothing_written();
        printable("stderr", &run.stderr);
    }
    // Leading and trailing line breaks are trimmed, as spaces are.
    let run = Test::new()
        .scenario(&TINY.replace("\"Tiny\"", "\"\"\"\nTiny\n\"\"\""))
        .base_case()
        .run();
    run.stdout_has("Tiny (scenario.toml)");
}

#[test]
fn no_control_character_reaches_the_terminal_from_any_user_text() {
    let esc = "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}";
    // A file name (a cloned repository can hold any), a value quoted in an
    // error, a warning, a --set value.
    let file = format!("plan{esc}\r.toml");
    let warned = format!("{TINY}[hiring]\nplan = [{{ month = \"2030-01\", count = 1 }}]\n");
    let ok = Test::new()
        .file(&file, &warned)
        .args([
            "run",
            file.as_str(),
            "--out",
            OUT,
            "--samples",
            "0",
            "--no-charts",
        ])
        .run();
    ok.stderr_has("warning: ");
    ok.stdout_has("Tiny (plan ]52;c;ZWNobyBwd25lZA==  .toml)");
    printable("stdout", &ok.stdout);
    printable("stderr", &ok.stderr);
    let check = ok.again().args(["check", file.as_str()]).run();
    printable("stdout", &check.stdout);
    let currency = TINY.replace("months = 3", "months = 3\ncurrency = \"\\u001b[2J\\r\\nX\"");
    let bad = Test::new().scenario(&currency).base_case().status(2).run();
    bad.stderr_has("scenario.currency: expected three capital letters A-Z, found \"");
    printable("stderr", &bad.stderr);
    assert_eq!(bad.error_count(), 1, "{}", bad.stderr);
    let set = Test::new()
        .scenario(TINY)
        .base_case()
        .arg("--set")
        .arg(format!("builds.size=large{esc}\nerror: fake"))
        .status(2)
        .run();
    printable("stderr", &set.stderr);
    assert_eq!(set.error_count(), 1, "{}", set.stderr);
}
