//! Closed pipes (docs/bad-input.md): `adoptcost run x.toml | head -1` and
//! `2>&1 | true` end every command quietly with its usual exit status, and
//! `run` still writes its files.

use std::path::Path;
use std::process::{ExitStatus, Stdio};

use crate::support::{SCENARIO, TINY, Test, adoptcost};

/// Runs the binary with stdout and stderr going to pipes whose readers are
/// gone (`| head` that has exited): it must exit with its usual status.
fn with_closed_pipes(dir: &Path, args: &[&str]) -> ExitStatus {
    let mut child = adoptcost()
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_closed_stdout_or_stderr_ends_the_run_quietly() {
    let test = Test::new().scenario(TINY).file(
        "warned.toml",
        format!("{TINY}[hiring]\nplan = [{{ month = \"2030-01\", count = 1 }}]\n"),
    );
    let dir = test.path().to_path_buf();
    let scenario = dir.join(SCENARIO).display().to_string();
    for (args, code) in [
        (
            vec![
                "run",
                SCENARIO,
                "--out",
                "out",
                "--samples",
                "50",
                "--no-charts",
            ],
            0,
        ),
        (
            vec!["run", "warned.toml", "--out", "out2", "--samples", "0"],
            0,
        ),
        (
            vec![
                "compare",
                SCENARIO,
                "warned.toml",
                "--out",
                "cmp",
                "--samples",
                "0",
            ],
            0,
        ),
        (
            vec![
                "sweep",
                "warned.toml",
                "--vary",
                "hiring.premium=0:0.5:0.25",
                "--out",
                "sw",
            ],
            0,
        ),
        (
            vec![
                "solve",
                "warned.toml",
                "--vary",
                "team.salary",
                "--target",
                "total=10000",
                "--within",
                "1000:200000",
                "--out",
                "sv",
            ],
            0,
        ),
        (vec!["assumptions"], 0),
        (vec!["check", scenario.as_str()], 0),
        (vec!["--help"], 0),
        (vec!["check", "missing.toml"], 2),
    ] {
        let status = with_closed_pipes(&dir, &args);
        assert_eq!(status.code(), Some(code), "adoptcost {args:?}");
    }
    // The run wrote its files although nobody read its report.
    assert!(dir.join("out/tiny/monthly.csv").is_file());
    drop(test);
}
