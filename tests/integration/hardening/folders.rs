//! The output folder is one transaction (docs/bad-input.md, "Nothing lost,
//! nothing half-written"): a run that fails while writing (a full disk, a
//! folder in the way, a later scenario of the same run) leaves every folder
//! exactly as it was; `new` writes its template whole or not at all; the tool
//! removes only files it wrote itself (its manifest), and writes into a
//! non-empty folder it did not create only with `--force`; `compare` and
//! `sweep` remove their own stale charts like `run`.

use std::fs;
use std::path::Path;

use crate::support::{OUT, SCENARIO, TINY, Test, files_in, names_in};

/// `sh -c` running the program with file writes limited to `blocks` blocks
/// (512 or 1024 bytes, depending on the shell) and SIGXFSZ ignored, so that a
/// write past the limit fails with "File too large": a disk that fills up
/// while the run writes.
fn with_small_disk(blocks: u32, args: &[&str]) -> Vec<String> {
    let mut command = vec![
        "sh".to_string(),
        "-c".to_string(),
        format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""),
        env!("CARGO_BIN_EXE_adoptcost").to_string(),
    ];
    command.extend(args.iter().map(|a| a.to_string()));
    command
}

/// Runs `command` (program first) in `dir`; returns its exit code and stderr.
fn run_in(dir: &Path, command: &[String]) -> (Option<i32>, String) {
    let output = std::process::Command::new(&command[0])
        .args(&command[1..])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn a_disk_that_fills_up_while_writing_leaves_the_folder_as_it_was() {
    let first = Test::new()
        .scenario(TINY)
        .args([
            "run",
            SCENARIO,
            "--out",
            OUT,
            "--samples",
            "300",
            "--no-charts",
        ])
        .arg("--seed")
        .arg("1")
        .run();
    let dir = first.result_dir();
    let before = files_in(&dir);
    // samples.csv of 20,000 trials (a few MB) does not fit; every other file does.
    let (code, stderr) = run_in(
        first.path(),
        &with_small_disk(
            1024,
            &[
                "run",
                SCENARIO,
                "--out",
                OUT,
                "--samples",
                "20000",
                "--seed",
                "2",
                "--no-charts",
                "--xlsx",
                "--export-samples",
            ],
        ),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write out/tiny/samples.csv"),
        "{stderr}"
    );
    assert!(
        files_in(&dir) == before && names_in(&dir).len() == before.len(),
        "the folder changed: {:?}",
        names_in(&dir)
    );
}

#[cfg(unix)]
#[test]
fn new_on_a_full_disk_leaves_no_truncated_template() {
    let test = Test::new();
    let (code, stderr) = run_in(
        test.path(),
        &with_small_disk(1, &["new", "plans/team.toml"]),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("cannot write plans/team.toml"), "{stderr}");
    assert!(
        names_in(test.path()).is_empty(),
        "left behind: {:?}",
        names_in(test.path())
    );
}

#[test]
fn a_folder_in_the_way_of_a_file_leaves_the_folder_as_it_was() {
    let first = Test::new().scenario(TINY).base_case().run();
    let dir = first.result_dir();
    // tornado.png is written only with charts; a folder now has its name.
    fs::create_dir(dir.join("tornado.png")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("tornado.png").join("keep.txt"), "mine").unwrap_or_else(|e| panic!("{e}"));
    let before = files_in(&dir);
    let second = first
        .again()
        .file(SCENARIO, TINY.replace("salary = 120000", "salary = 130000"))
        .args(["run", SCENARIO, "--out", OUT, "--samples", "0"])
        .status(1)
        .run();
    second.stderr_has(
        "error: cannot write out/tiny/tornado.png: a folder of that name is in the way; remove or rename it",
    );
    assert!(files_in(&dir) == before, "the folder changed");
    assert!(dir.join("tornado.png").join("keep.txt").is_file());
}

#[test]
fn a_later_scenario_that_cannot_be_written_leaves_every_folder_as_it_was() {
    let other = TINY.replace("name = \"Tiny\"", "name = \"Other\"");
    let args = [
        "run",
        SCENARIO,
        "other.toml",
        "--out",
        OUT,
        "--samples",
        "0",
        "--no-charts",
    ];
    let first = Test::new()
        .scenario(TINY)
        .file("other.toml", &other)
        .args(args)
        .run();
    let out = first.path().join(OUT);
    fs::remove_file(out.join("other").join("summary.csv")).unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir(out.join("other").join("summary.csv")).unwrap_or_else(|e| panic!("{e}"));
    let before = (files_in(&out.join("tiny")), files_in(&out.join("other")));
    let second = first
        .again()
        .file(SCENARIO, TINY.replace("salary = 120000", "salary = 130000"))
        .file(
            "other.toml",
            other.replace("salary = 120000", "salary = 130000"),
        )
        .args(args)
        .status(1)
        .run();
    second.stderr_has("cannot write out/other/summary.csv: a folder of that name is in the way");
    assert!(
        (files_in(&out.join("tiny")), files_in(&out.join("other"))) == before,
        "a folder changed"
    );
}

/// Every one of `theirs` (name, text) is in `files`, unchanged.
#[track_caller]
fn kept(files: &std::collections::BTreeMap<String, Vec<u8>>, theirs: &[(&str, &str)]) {
    for (name, text) in theirs {
        assert_eq!(
            files.get(*name).map(Vec::as_slice),
            Some(text.as_bytes()),
            "{name}"
        );
    }
}

#[test]
fn a_folder_the_tool_did_not_create_needs_force_and_keeps_its_files() {
    // `--out ~` and a scenario named "Documents": a folder of the user's,
    // holding files with the names the tool writes.
    let documents = TINY.replace("name = \"Tiny\"", "name = \"Documents\"");
    let theirs = [
        ("bands.csv", "my bands"),
        ("cumulative.png", "my chart"),
        ("notes.txt", "mine"),
    ];
    let mut test = Test::new().scenario(&documents);
    for (name, text) in theirs {
        test = test.file(&format!("home/documents/{name}"), text);
    }
    let refused = test
        .args([
            "run",
            SCENARIO,
            "--out",
            "home",
            "--samples",
            "0",
            "--no-charts",
        ])
        .status(1)
        .run();
    refused.stderr_has(
        "error: home/documents is not empty and was not created by adoptcost (it has no .adoptcost-manifest; it holds bands.csv, cumulative.png, notes.txt): choose another --out, or add --force to write into it",
    );
    let dir = refused.path().join("home/documents");
    assert_eq!(names_in(&dir), ["bands.csv", "cumulative.png", "notes.txt"]);
    // With --force the tool writes its files and removes none of theirs, not
    // even those named like its own stale outputs.
    let forced = refused
        .again()
        .args([
            "run",
            SCENARIO,
            "--out",
            "home",
            "--samples",
            "0",
            "--no-charts",
            "--force",
        ])
        .run();
    let files = files_in(&dir);
    kept(&files, &theirs);
    assert!(files.contains_key("monthly.csv"));
    // From now on the folder is the tool's: no --force needed, and still
    // nothing of theirs removed.
    let again = forced
        .again()
        .args([
            "run",
            SCENARIO,
            "--out",
            "home",
            "--samples",
            "0",
            "--no-charts",
        ])
        .run();
    kept(&files_in(&dir), &theirs);
    drop(again);
}

#[test]
fn files_added_to_the_tools_folder_are_left_alone() {
    let first = Test::new().scenario(TINY).sampled(100).run();
    let dir = first.result_dir();
    fs::write(dir.join("notes.txt"), "mine").unwrap_or_else(|e| panic!("{e}"));
    let second = first
        .again()
        .args([
            "run",
            SCENARIO,
            "--out",
            OUT,
            "--samples",
            "0",
            "--no-charts",
        ])
        .run();
    let names = names_in(&dir);
    assert!(names.contains(&"notes.txt".to_string()), "{names:?}");
    // bands.csv was the tool's and no longer matches: removed.
    assert!(!names.contains(&"bands.csv".to_string()), "{names:?}");
    drop(second);
}

#[test]
fn a_failed_run_removes_the_folders_it_created() {
    Test::new()
        .scenario(&crate::support::totals_beyond_1e20())
        .args(["run", SCENARIO, "--out", "deep/out", "--samples", "0"])
        .status(2)
        .run()
        .stderr_has("overflow")
        .nothing_written();
}

/// Two scenarios over the same months, for `compare`.
const PLAN_B: &str = "[scenario]\nname = \"Plan B\"\nstart = \"2027-01\"\nmonths = 3\n[team]\nengineers = 2\nsalary = 120000\n";

#[test]
fn compare_and_sweep_remove_their_own_stale_charts() {
    let compare = |extra: &[&str]| {
        let mut args = vec![
            "compare",
            SCENARIO,
            "b.toml",
            "--out",
            "cmp",
            "--samples",
            "0",
        ];
        args.extend(extra);
        args.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let sweep = |extra: &[&str]| {
        let mut args = vec![
            "sweep",
            SCENARIO,
            "--vary",
            "hiring.premium=0.1,0.2",
            "--out",
            OUT,
        ];
        args.extend(extra);
        args.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let first = Test::new()
        .scenario(TINY)
        .file("b.toml", PLAN_B)
        .args(compare(&["--svg", "--chart-size", "320x240"]))
        .run();
    let cmp = first.path().join("cmp");
    assert!(names_in(&cmp).contains(&"comparison_totals.svg".to_string()));
    let second = first
        .again()
        .args(compare(&["--chart-size", "320x240"]))
        .run();
    assert_eq!(
        names_in(&cmp),
        [
            ".adoptcost-manifest",
            "comparison.csv",
            "comparison.png",
            "comparison_totals.png"
        ]
    );
    let third = second.again().args(compare(&["--no-charts"])).run();
    assert_eq!(names_in(&cmp), [".adoptcost-manifest", "comparison.csv"]);

    let fourth = third
        .again()
        .args(sweep(&["--svg", "--chart-size", "320x240"]))
        .run();
    let dir = fourth.path().join(OUT).join("tiny");
    assert!(names_in(&dir).contains(&"sweep.svg".to_string()));
    let fifth = fourth
        .again()
        .args(sweep(&["--chart-size", "320x240"]))
        .run();
    assert_eq!(
        names_in(&dir),
        [".adoptcost-manifest", "sweep.csv", "sweep.png"]
    );
    // run's files and sweep's live side by side: neither removes the other's.
    let sixth = fifth
        .again()
        .args([
            "run",
            SCENARIO,
            "--out",
            OUT,
            "--samples",
            "0",
            "--no-charts",
        ])
        .run();
    let seventh = sixth.again().args(sweep(&["--no-charts"])).run();
    assert_eq!(
        names_in(&dir),
        [
            ".adoptcost-manifest",
            "monthly.csv",
            "sensitivity.csv",
            "summary.csv",
            "sweep.csv"
        ]
    );
    drop(seventh);
}
