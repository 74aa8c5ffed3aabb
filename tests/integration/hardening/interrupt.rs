//! Ctrl-C (docs/bad-input.md): the run stops at the next trial or file,
//! removes its staging folder (and the folders it created), leaves the
//! previous outputs as they were and exits with 130.
#![cfg(unix)]

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use super::atomic_writes::staging_folders;
use super::concurrency::{SLUG, finish};
use crate::support::{files_in, names_in};

/// `run` with `--export-samples` (see `concurrency.rs`).
fn start(out: &Path, samples: &str, seed: &str) -> Child {
    super::concurrency::start(out, samples, seed, &["--export-samples"])
}

/// Waits (at most 30 s) until `ready` holds.
fn wait_for(what: &str, ready: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Sends SIGINT (what Ctrl-C sends) and returns the exit code and stderr.
fn ctrl_c(child: Child) -> (Option<i32>, String) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap_or_else(|e| panic!("cannot run kill: {e}"));
    assert!(status.success());
    finish(child)
}

#[test]
fn ctrl_c_while_writing_removes_the_staging_folder_and_exits_130() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = work.path().join("out");
    let dir = out.join(SLUG);
    let status = start(&out, "300", "1")
        .wait()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let before = files_in(&dir);
    // Interrupted while samples.csv streams into the staging folder.
    let child = start(&out, "40000", "2");
    wait_for("samples.csv in the staging folder", || {
        staging_folders(&dir)
            .iter()
            .any(|s| dir.join(s).join("samples.csv").exists())
    });
    let (code, stderr) = ctrl_c(child);
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("error: interrupted: no output folder was changed"),
        "{stderr}"
    );
    assert!(staging_folders(&dir).is_empty(), "{:?}", names_in(&dir));
    assert!(files_in(&dir) == before, "the folder changed");
}

#[test]
fn ctrl_c_while_sampling_leaves_nothing_behind() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = work.path().join("out");
    let child = start(&out, "200000", "2");
    // The folder is taken (created and locked) before sampling starts.
    wait_for("the output folder", || out.join(SLUG).exists());
    std::thread::sleep(Duration::from_millis(300));
    let (code, stderr) = ctrl_c(child);
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        !out.exists(),
        "the folders the run created are left: {:?}",
        names_in(&out)
    );
}
