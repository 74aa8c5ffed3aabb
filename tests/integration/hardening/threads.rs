//! Worker threads that cannot start (docs/bad-input.md): under a memory limit
//! that leaves no room for `RAYON_NUM_THREADS` threads, the run goes on with
//! one thread and a warning, and writes the same files; it used to panic
//! (exit 101, "The global thread pool has not been initialized").
#![cfg(unix)]

use std::process::Command;

use crate::support::{OUT, SCENARIO, TINY, Test, files_in};

#[test]
fn worker_threads_that_cannot_start_fall_back_to_one_thread_with_a_warning() {
    let reference = Test::new().scenario(TINY).sampled(200).run();
    let expected = files_in(&reference.result_dir());
    let test = Test::new().scenario(TINY);
    // 400 MB of address space: the program runs, a thousand thread stacks
    // (2 MiB each) do not fit.
    let output = Command::new("sh")
        .args(["-c", "ulimit -v 400000; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_adoptcost"))
        .args([
            "run",
            SCENARIO,
            "--out",
            OUT,
            "--samples",
            "200",
            "--no-charts",
        ])
        .env("RAYON_NUM_THREADS", "1000")
        .current_dir(test.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: cannot start the worker threads (")
            && stderr.contains("); computing on one thread, which is slower"),
        "{stderr}"
    );
    assert!(files_in(&test.path().join(OUT).join("tiny")) == expected);
}
