//! Ctrl-C (docs/bad-input.md): the run stops at the next trial or file,
//! removes its staging folder (and the folders it created), leaves the
//! previous outputs as they were and exits with 130.
#![cfg(unix)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{adoptcost, files_in, names_in, shipped};

const SLUG: &str = "mid-size-team-article-defaults";

fn start(out: &Path, samples: &str, seed: &str) -> Child {
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
        .arg("--export-samples")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"))
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
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn staging(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|n| n.starts_with(".adoptcost-staging-"))
        .collect()
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
        staging(&dir)
            .iter()
            .any(|s| dir.join(s).join("samples.csv").exists())
    });
    let (code, stderr) = ctrl_c(child);
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("error: interrupted: no output folder was changed"),
        "{stderr}"
    );
    assert!(staging(&dir).is_empty(), "{:?}", names_in(&dir));
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
