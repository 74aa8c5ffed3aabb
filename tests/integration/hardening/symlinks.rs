//! Never through a symbolic link (docs/bad-input.md): a scenario's folder
//! `out/<slug>` that is a link, or a link in it where the tool writes, is an
//! error naming it (exit 1), never followed; temporary files have random
//! names in a private folder, so a link planted at a predictable name steers
//! nothing.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;

use crate::support::{OUT, SCENARIO, TINY, Test, files_in, names_in};

#[test]
fn a_scenario_folder_that_is_a_link_is_refused_and_never_written_through() {
    // A cloned repository can commit `out/tiny -> ../../elsewhere`.
    let test = Test::new()
        .scenario(TINY)
        .file("elsewhere/bands.csv", "theirs")
        .file("elsewhere/precious.txt", "theirs");
    let dir = test.path().to_path_buf();
    fs::create_dir(dir.join(OUT)).unwrap_or_else(|e| panic!("{e}"));
    symlink("../elsewhere", dir.join(OUT).join("tiny")).unwrap_or_else(|e| panic!("{e}"));
    let run = test.base_case().status(1).run();
    run.stderr_has(
        "error: out/tiny is a symbolic link: adoptcost never writes through one (it could lead anywhere); remove the link, or choose another --out",
    );
    assert_eq!(
        names_in(&dir.join("elsewhere")),
        ["bands.csv", "precious.txt"]
    );
    assert_eq!(
        files_in(&dir.join("elsewhere"))
            .get("bands.csv")
            .map(Vec::as_slice),
        Some(&b"theirs"[..])
    );
}

#[test]
fn a_link_where_the_tool_writes_a_file_is_refused_and_its_target_untouched() {
    let first = Test::new().scenario(TINY).base_case().run();
    let dir = first.result_dir();
    let victim = first.path().join("victim.txt");
    fs::write(&victim, "theirs").unwrap_or_else(|e| panic!("{e}"));
    fs::remove_file(dir.join("summary.csv")).unwrap_or_else(|e| panic!("{e}"));
    symlink(&victim, dir.join("summary.csv")).unwrap_or_else(|e| panic!("{e}"));
    let before = files_in(&dir);
    let second = first
        .again()
        .file(SCENARIO, TINY.replace("salary = 120000", "salary = 130000"))
        .base_case()
        .status(1)
        .run();
    second.stderr_has(
        "error: out/tiny/summary.csv is a symbolic link: adoptcost never writes through one (it could lead anywhere); remove it and run again",
    );
    assert_eq!(fs::read_to_string(&victim).unwrap_or_default(), "theirs");
    assert!(files_in(&dir) == before, "the folder changed");
    assert!(
        fs::symlink_metadata(dir.join("summary.csv")).is_ok_and(|m| m.file_type().is_symlink())
    );
}

#[test]
fn a_manifest_that_is_a_link_is_refused() {
    let first = Test::new().scenario(TINY).base_case().run();
    let dir = first.result_dir();
    let manifest = dir.join(".adoptcost-manifest");
    fs::remove_file(&manifest).unwrap_or_else(|e| panic!("{e}"));
    symlink("/etc/hostname", &manifest).unwrap_or_else(|e| panic!("{e}"));
    first
        .again()
        .base_case()
        .status(1)
        .run()
        .stderr_has("out/tiny/.adoptcost-manifest is a symbolic link");
}

/// The next process id the kernel hands out, where it says (Linux).
fn next_pid() -> Option<u32> {
    let text = fs::read_to_string("/proc/sys/kernel/ns_last_pid").ok()?;
    text.trim().parse::<u32>().ok().map(|p| p + 1)
}

#[test]
fn links_planted_at_guessable_temporary_names_are_never_written_through() {
    // The old writer used `.NAME.PID.tmp.EXT` next to the file: a link
    // planted there for the next process ids overwrote its target.
    let Some(first_pid) = next_pid() else {
        eprintln!("skipped: no /proc/sys/kernel/ns_last_pid");
        return;
    };
    let first = Test::new().scenario(TINY).base_case().run();
    let dir = first.result_dir();
    let victim = first.path().join("victim.txt");
    fs::write(&victim, "theirs").unwrap_or_else(|e| panic!("{e}"));
    for pid in first_pid..first_pid + 3000 {
        symlink(&victim, dir.join(format!(".monthly.csv.{pid}.tmp.csv")))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let second = first
        .again()
        .file(SCENARIO, TINY.replace("salary = 120000", "salary = 130000"))
        .base_case()
        .run();
    assert_eq!(fs::read_to_string(&victim).unwrap_or_default(), "theirs");
    let monthly = fs::symlink_metadata(dir.join("monthly.csv"));
    assert!(
        monthly.is_ok_and(|m| m.is_file()),
        "monthly.csv is not a file"
    );
    drop(second);
}
