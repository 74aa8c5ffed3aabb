//! Nothing lost, nothing half-written (docs/bad-input.md): a run that fails
//! leaves the previous outputs as they were; every file is written into a
//! private staging folder and renamed into place, so a run killed at any
//! moment leaves each file either the previous complete one or the new
//! complete one; the next run removes the staging folders of killed runs.

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{OUT, SCENARIO, TINY, Test, adoptcost, files_in, names_in, shipped};

/// A CSV file parses to its end: a header and records of the header's length.
fn parses_completely(name: &str, bytes: &[u8]) -> Result<usize, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let width = reader.headers().map_err(|e| format!("{name}: {e}"))?.len();
    if width < 2 {
        return Err(format!("{name}: header of {width} column(s)"));
    }
    let mut records = 0;
    for record in reader.records() {
        let record = record.map_err(|e| format!("{name}: {e}"))?;
        if record.len() != width {
            return Err(format!("{name}: a record of {} cells", record.len()));
        }
        records += 1;
    }
    if !bytes.ends_with(b"\r\n") {
        return Err(format!("{name}: does not end with a full record"));
    }
    Ok(records)
}

/// The private staging folder of a run in progress (or killed).
fn is_staging(name: &str) -> bool {
    name.starts_with(".adoptcost-staging-")
}

/// The staging folders in `dir`.
pub(super) fn staging_folders(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|n| is_staging(n))
        .collect()
}

/// A deterministic sequence of fractions in [0.1, 1) (xorshift64).
fn fractions(mut state: u64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            0.1 + 0.9 * (state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

/// Kills a long run (SIGKILL) at seeded moments while it writes over a
/// previous complete run: every file left is either the previous run's or the
/// new run's, complete; and the next run cleans up the killed runs' temporary
/// files.
#[cfg(unix)]
#[test]
fn a_run_killed_at_any_moment_leaves_only_complete_files() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let scenario = shipped("mid-size-team.toml");
    let run_args = |out: &Path, seed: &str| -> Vec<String> {
        [
            "run",
            &scenario,
            "--out",
            &out.display().to_string(),
            "--samples",
            "12000",
            "--export-samples",
            "--no-charts",
            "--quiet",
            "--seed",
            seed,
        ]
        .map(str::to_string)
        .to_vec()
    };
    let slug = "mid-size-team-article-defaults";
    // The previous run (seed 1) and the complete new run (seed 2), side by side.
    let (prev_out, new_out, out) = (
        work.path().join("prev"),
        work.path().join("new"),
        work.path().join("out"),
    );
    let status = adoptcost()
        .args(run_args(&prev_out, "1"))
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let started = Instant::now();
    let status = adoptcost()
        .args(run_args(&new_out, "2"))
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    let full_run = started.elapsed();
    assert!(status.success());
    let before = files_in(&prev_out.join(slug));
    let after = files_in(&new_out.join(slug));
    assert!(before.contains_key("samples.csv") && before["samples.csv"] != after["samples.csv"]);
    for (name, bytes) in before.iter().chain(&after) {
        if name.ends_with(".csv") {
            parses_completely(name, bytes).unwrap_or_else(|e| panic!("a complete run: {e}"));
        }
    }

    let dir = out.join(slug);
    // Seeded moments, and first of all the moment samples.csv is being
    // written (so that at least one kill lands while files are written,
    // however fast or loaded the machine is).
    let mut moments = vec![None];
    moments.extend(fractions(0x00c0_ffee, 6).into_iter().map(Some));
    let mut staging_seen = 0;
    let mut kills_while_writing = 0;
    for (k, moment) in moments.iter().enumerate() {
        // Start from the previous complete run, except the last time, when
        // the earlier kills' leftovers stay for the clean-up check below.
        if k + 1 < moments.len() {
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
            for (name, bytes) in &before {
                fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        let mut child = adoptcost()
            .args(run_args(&out, "2"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        match moment {
            Some(fraction) => std::thread::sleep(full_run.mul_f64(*fraction)),
            None => {
                // samples.csv takes the longest to write: it is still in the
                // staging folder when the kill lands.
                let writing_samples = || {
                    staging_folders(&dir)
                        .iter()
                        .any(|s| dir.join(s).join("samples.csv").exists())
                };
                let deadline = Instant::now() + full_run * 3;
                while Instant::now() < deadline && !writing_samples() {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
        }
        let _ = child.kill(); // SIGKILL; it may have finished already
        let _ = child.wait();
        let left = files_in(&dir);
        let staging = staging_folders(&dir);
        if moment.is_none() {
            assert!(
                !staging.is_empty(),
                "the run was not killed while writing: {:?}",
                names_in(&dir)
            );
        }
        if !staging.is_empty() {
            kills_while_writing += 1;
            staging_seen += staging.len();
        }
        let fraction = moment.unwrap_or(0.0);
        for (name, bytes) in left {
            let which = if Some(&bytes) == before.get(&name) {
                "previous"
            } else if Some(&bytes) == after.get(&name) {
                "new"
            } else {
                panic!(
                    "kill {k} at {fraction:.2} of a run: {name} ({} bytes) is neither the previous nor the new complete file",
                    bytes.len()
                )
            };
            if name.ends_with(".csv") {
                parses_completely(&name, &bytes)
                    .unwrap_or_else(|e| panic!("kill {k}: the {which} file: {e}"));
            }
        }
    }
    eprintln!(
        "{kills_while_writing} of {} kills landed while files were written",
        moments.len()
    );
    // The next run replaces everything and removes the staging folders the
    // killed runs left (no live run can own one: it holds the folder's lock).
    let status = adoptcost()
        .args(run_args(&out, "2"))
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let last = files_in(&dir);
    assert_eq!(
        last.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files left behind"
    );
    assert!(
        staging_folders(&dir).is_empty(),
        "staging folders left behind ({staging_seen} seen after kills)"
    );
    assert!(
        last == after,
        "the last run's files differ from a complete run's"
    );
}

#[test]
fn a_failed_run_leaves_the_previous_outputs_unchanged() {
    let other = TINY.replace("name = \"Tiny\"", "name = \"Other\"");
    let first = Test::new()
        .scenario(TINY)
        .file("other.toml", &other)
        .args([
            "run",
            SCENARIO,
            "other.toml",
            "--out",
            OUT,
            "--samples",
            "200",
            "--no-charts",
        ])
        .run();
    let out = first.path().join(OUT);
    let before = (files_in(&out.join("tiny")), files_in(&out.join("other")));
    assert!(before.0.contains_key("monthly.csv") && before.1.contains_key("bands.csv"));
    // Validation fails in the second file: nothing is touched.
    let mut test = first.again();
    test = test
        .file(SCENARIO, TINY.replace("salary = 120000", "salary = 130000"))
        .file("other.toml", other.replace("months = 3", "months = 0"))
        .args([
            "run",
            SCENARIO,
            "other.toml",
            "--out",
            OUT,
            "--samples",
            "200",
            "--no-charts",
        ])
        .status(2);
    let second = test.run();
    second.stderr_has("other.toml:4:10: scenario.months");
    assert!((files_in(&out.join("tiny")), files_in(&out.join("other"))) == before);
    // The model overflows in the second scenario: nothing is touched either.
    let third = second
        .again()
        .file(
            "other.toml",
            "[scenario]\nname = \"Other\"\nstart = \"2027-01\"\nmonths = 600\n[team]\nengineers = 1e12\nsalary = 1e12\nvalue_multiplier = 20\n",
        )
        .args(["run", SCENARIO, "other.toml", "--out", OUT, "--samples", "200", "--no-charts"])
        .status(2)
        .run();
    third.stderr_has("overflow");
    assert!((files_in(&out.join("tiny")), files_in(&out.join("other"))) == before);
}

#[test]
fn a_run_leaves_no_staging_folder_and_removes_those_of_killed_runs() {
    let first = Test::new()
        .scenario(TINY)
        .sampled(100)
        .arg("--export-samples")
        .run();
    let dir = first.result_dir();
    assert!(staging_folders(&dir).is_empty());
    // What killed runs leave: staging folders with half-written files. Files
    // of the old `.NAME.PID.tmp.EXT` kind are not the tool's any more: kept.
    for staging in [".adoptcost-staging-a1B2c3", ".adoptcost-staging-zzzzzz"] {
        fs::create_dir(dir.join(staging)).unwrap_or_else(|e| panic!("{e}"));
        fs::write(dir.join(staging).join("samples.csv"), "half a file")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let kept = [".samples.csv.123.tmp.csv", "notes.txt"];
    for name in kept {
        fs::write(dir.join(name), "not the tool's").unwrap_or_else(|e| panic!("{e}"));
    }
    let second = first
        .again()
        .args(["run", SCENARIO, "--out", OUT, "--samples", "0"])
        .run();
    assert!(staging_folders(&dir).is_empty(), "{:?}", names_in(&dir));
    let left = files_in(&dir);
    drop(second);
    for name in kept {
        assert!(left.contains_key(name), "{name} was removed");
    }
}
