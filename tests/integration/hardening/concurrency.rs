//! Two runs into one folder never mix (docs/bad-input.md): each run holds an
//! advisory lock on its folder from before its work until its files are in
//! place, so a second run refuses, saying so, or with `--wait` says it waits
//! and then replaces the folder whole.

use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::{adoptcost, files_in, names_in, shipped};

pub(super) const SLUG: &str = "mid-size-team-article-defaults";

/// Starts `run` of the mid-size scenario into `out` with `seed` and `extra`
/// flags (also for the Ctrl-C tests).
pub(super) fn start(out: &Path, samples: &str, seed: &str, extra: &[&str]) -> Child {
    adoptcost()
        .args(["run", &shipped("mid-size-team.toml"), "--out"])
        .arg(out)
        .args([
            "--samples",
            samples,
            "--seed",
            seed,
            "--no-charts",
            "--quiet",
        ])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Waits for `child`; its exit code and stderr.
pub(super) fn finish(child: Child) -> (Option<i32>, String) {
    let Output { status, stderr, .. } = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    (status.code(), String::from_utf8_lossy(&stderr).into_owned())
}

const BUSY: &str = "is being written by another adoptcost run; wait for it to finish, or add --wait to wait for it";
const WAITING: &str =
    "is being written by another adoptcost run; waiting for it to finish (--wait)";

#[test]
fn a_second_run_into_a_busy_folder_refuses_or_with_wait_waits() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (out, reference) = (work.path().join("out"), work.path().join("reference"));
    let (code, stderr) = finish(start(&reference, "300", "3", &[]));
    assert_eq!(code, Some(0), "{stderr}");
    // The first run takes its folder before sampling (seconds in a debug build).
    let first = start(&out, "60000", "1", &["--export-samples"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !out.join(SLUG).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(100));
    let (code, stderr) = finish(start(&out, "300", "2", &[]));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("error: {}/{SLUG} {BUSY}", out.display())),
        "{stderr}"
    );
    let waiting = start(&out, "300", "3", &["--wait"]);
    let (code, stderr) = finish(first);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stderr) = finish(waiting);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains(WAITING), "{stderr}");
    // The waiting run replaced the whole folder: no samples.csv of the first.
    assert!(files_in(&out.join(SLUG)) == files_in(&reference.join(SLUG)));
}

/// Twenty pairs of runs into one folder, the second started 100 ms after the
/// first: every run ends with 0, or with 1 saying another run holds the
/// folder; the folder then holds exactly one run's complete files, and no
/// staging folder.
#[test]
fn two_runs_started_100_ms_apart_never_mix_their_files() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Each run's complete files, alone: seeds 1 and 2 give different files.
    let reference = |seed: &str| {
        let out = work.path().join(format!("reference-{seed}"));
        let (code, stderr) = finish(start(&out, "2000", seed, &["--export-samples"]));
        assert_eq!(code, Some(0), "{stderr}");
        files_in(&out.join(SLUG))
    };
    let references = [reference("1"), reference("2")];
    assert!(references[0] != references[1]);
    let mut overlapping = 0;
    for pair in 0..20 {
        let out = work.path().join(format!("pair-{pair}"));
        // Half the pairs refuse when busy, half wait.
        let extra: &[&str] = if pair % 2 == 0 {
            &["--export-samples"]
        } else {
            &["--export-samples", "--wait"]
        };
        let first = start(&out, "2000", "1", extra);
        std::thread::sleep(Duration::from_millis(100));
        let second = start(&out, "2000", "2", extra);
        let runs = [finish(first), finish(second)];
        let mut said = 0;
        for (code, stderr) in &runs {
            match code {
                Some(0) => {}
                Some(1) if stderr.contains(BUSY) => {}
                _ => panic!("pair {pair}: exit {code:?}: {stderr}"),
            }
            if stderr.contains(BUSY) || stderr.contains(WAITING) {
                said += 1;
            }
        }
        if said > 0 {
            overlapping += 1;
        }
        let dir = out.join(SLUG);
        let files = files_in(&dir);
        assert!(
            references.contains(&files),
            "pair {pair}: the folder holds neither run's complete files: {:?}",
            names_in(&dir)
        );
        assert_eq!(
            names_in(&dir).len(),
            files.len(),
            "pair {pair}: {:?}",
            names_in(&dir)
        );
        // Without --wait, a refused run leaves the other's files; with it,
        // the run that finishes last leaves its own.
        if pair % 2 == 1 {
            assert!(runs.iter().all(|(code, _)| *code == Some(0)), "pair {pair}");
        }
    }
    // The pairs must have met, or the test proves nothing.
    assert!(
        overlapping >= 10,
        "only {overlapping} of 20 pairs overlapped"
    );
}
