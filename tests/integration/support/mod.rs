//! What every end-to-end test stands on, in the manner of casey/just's
//! `tests/test.rs` and BurntSushi/xsv's `tests/workdir.rs`: each test runs the
//! real `adoptcost` binary in a fresh temporary folder of its own, and every
//! failed expectation shows the command, its exit status, stdout and stderr.
//!
//! ```ignore
//! Test::new()
//!     .scenario("[scenario]\n...")
//!     .base_case()
//!     .status(2)
//!     .run()
//!     .stderr_has("error: scenario.toml:3:9: scenario.start: ...")
//!     .nothing_written();
//! ```
//!
//! The tests reach the program only through its command line and the files it
//! writes, so they stay valid however `src/` is arranged.

pub(crate) mod chromium;
pub(crate) mod csv;
pub(crate) mod figures;
pub(crate) mod images;
pub(crate) mod libreoffice;
pub(crate) mod outputs;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;

pub(crate) use self::csv::Csv;

/// A program some tests open the tool's files in (`names`, the first found
/// on PATH), or `None` when it is not installed: those tests print SKIPPED
/// and pass, except in CI (`CI=true`), where `.ci/run` installs the Debian
/// package `package` and its absence is a failure.
pub(crate) fn find_program(
    test: &str,
    names: &[&str],
    what: &str,
    package: &str,
) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{test}: {what} is not installed, and CI=true: .ci/run should have installed {package}"
        );
    }
    // Straight to the stderr handle: the test harness captures eprintln! of
    // passing tests, and a skip must be seen.
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!(
            "SKIPPED {test}: {what} is not installed (none of {} on PATH); \
             install it to run this check: apt-get install --no-install-recommends {package}\n",
            names.join(", ")
        )
        .as_bytes(),
    );
    None
}

/// Waits for `child` (`what` names it) to exit; kills it and fails the test
/// if it takes longer than `limit`. Its output must not go to a pipe nobody
/// reads meanwhile (a full pipe would stall it).
pub(crate) fn wait_within(child: &mut std::process::Child, limit: Duration, what: &str) {
    let started = std::time::Instant::now();
    loop {
        match child.try_wait().expect("the child can be waited for") {
            Some(_) => return,
            None if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what} did not finish within {limit:?}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The file name `Test::scenario` writes.
pub(crate) const SCENARIO: &str = "scenario.toml";
/// The output folder `Test::base_case` asks for.
pub(crate) const OUT: &str = "out";

/// A scenario that is valid and small: one engineer, three months. Tests append
/// sections to it (it ends with `[team]` keys, so a new section header must follow).
pub(crate) const TINY: &str = r#"[scenario]
name = "Tiny"
start = "2027-01"
months = 3

[team]
engineers = 1
salary = 120000
"#;

/// A scenario whose every cell fits but whose totals do not: 20 one-off costs
/// of 1e12 per engineer for 1e6 engineers are 2e19 each month, 1.2e20 over six
/// months, past the 1e20 limit of written figures in 2027-05.
pub(crate) fn totals_beyond_1e20() -> String {
    let mut text = "[scenario]\nname = \"Totals\"\nstart = \"2027-01\"\nmonths = 6\n[team]\nengineers = 1e6\nsalary = 1\n".to_string();
    for i in 0..20 {
        text.push_str(&format!(
            "[[costs]]\nname = \"c{i}\"\namount = 1e12\nfrom = \"2027-01\"\nper_engineer = true\n"
        ));
    }
    text
}

/// A scenario with an uncertain input of each kind of chart: ranges, a pert
/// cost, savings, a hire; its name needs escaping in SVG.
pub(crate) const RANGED: &str = r#"
[scenario]
name = "Charts & <friends>"
start = "2027-01"
months = 18

[team]
engineers = 6
salary = [110000, 130000]

[hiring]
plan = [{ month = "2027-03", count = 2 }]

[[costs]]
name = "training"
amount = { low = 5000, mode = 8000, high = 15000, dist = "pert" }
month = "2027-01"

[benefits]
infra_per_month = [500, 1500]
"#;

/// The repository root (where `scenarios/` and `docs/` are).
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A shipped scenario, by file name: `scenarios/<name>`.
pub(crate) fn shipped(name: &str) -> String {
    repo().join("scenarios").join(name).display().to_string()
}

/// Every scenario in `scenarios/`, sorted, so that a new file is covered
/// without touching a test.
pub(crate) fn shipped_scenarios() -> Vec<PathBuf> {
    let dir = repo().join("scenarios");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 4,
        "expected the shipped scenarios in {}, found {files:?}",
        dir.display()
    );
    files
}

/// The binary under test, for the few tests that must spawn, pipe or kill it
/// themselves; the others use [`Test`].
pub(crate) fn adoptcost() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_adoptcost"));
    cmd.env_remove("RUST_BACKTRACE");
    cmd
}

/// One run of the binary to be: files to write first, arguments, expectations.
pub(crate) struct Test {
    dir: TempDir,
    args: Vec<String>,
    status: Vec<i32>,
    stdout: Option<String>,
    inputs: BTreeSet<PathBuf>,
}

impl Test {
    pub(crate) fn new() -> Test {
        Test {
            dir: tempfile::Builder::new()
                .prefix("adoptcost-test")
                .tempdir()
                .unwrap_or_else(|e| panic!("cannot create a temporary folder: {e}")),
            args: Vec::new(),
            status: vec![0],
            stdout: None,
            inputs: BTreeSet::new(),
        }
    }

    /// Writes `text` to `scenario.toml`.
    pub(crate) fn scenario(self, text: &str) -> Test {
        self.file(SCENARIO, text)
    }

    /// Writes `bytes` to `name` (relative to the test folder), creating folders.
    pub(crate) fn file(mut self, name: &str, bytes: impl AsRef<[u8]>) -> Test {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        // Remember the file and its folders: they are not output.
        let mut rel = PathBuf::from(name);
        loop {
            self.inputs.insert(rel.clone());
            match rel.parent() {
                Some(p) if !p.as_os_str().is_empty() => rel = p.to_path_buf(),
                _ => break,
            }
        }
        self
    }

    pub(crate) fn arg(mut self, arg: impl Into<String>) -> Test {
        self.args.push(arg.into());
        self
    }

    pub(crate) fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// `run scenario.toml --out out --samples 0 --no-charts`: the base case only,
    /// so the test stays valid whatever sampling and charts add.
    pub(crate) fn base_case(self) -> Test {
        self.sampled(0)
    }

    /// `run scenario.toml --out out --samples N --no-charts`: figures and
    /// sampled ranges without the (slow) charts.
    pub(crate) fn sampled(self, samples: u32) -> Test {
        self.args(["run", SCENARIO, "--out", OUT, "--samples"])
            .arg(samples.to_string())
            .arg("--no-charts")
    }

    /// The exit status the run must end with (0 unless told).
    pub(crate) fn status(mut self, status: i32) -> Test {
        self.status = vec![status];
        self
    }

    /// Any of these exit statuses is acceptable (the test looks at which).
    pub(crate) fn status_in(mut self, statuses: &[i32]) -> Test {
        self.status = statuses.to_vec();
        self
    }

    /// The whole of stdout must be `expected`.
    pub(crate) fn stdout(mut self, expected: &str) -> Test {
        self.stdout = Some(expected.to_string());
        self
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The command this test runs, in its folder.
    fn command(&self) -> Command {
        let mut cmd = adoptcost();
        cmd.current_dir(self.dir.path()).args(&self.args);
        cmd
    }

    /// Runs the binary in the test folder and checks the expectations: exit
    /// status, stdout if given, and never a panic.
    #[track_caller]
    pub(crate) fn run(self) -> Outcome {
        let mut cmd = assert_cmd::Command::from_std(self.command());
        cmd.timeout(Duration::from_secs(60));
        let output = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run adoptcost {:?}: {e}", self.args));
        let outcome = Outcome {
            command: format!("adoptcost {}", shell_words(&self.args)),
            status: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            inputs: self.inputs,
            dir: self.dir,
        };
        if !outcome.status.is_some_and(|s| self.status.contains(&s)) {
            outcome.fail(format!("expected exit status {:?}", self.status));
        }
        if outcome.stderr.contains("panicked") {
            outcome.fail("the program panicked");
        }
        if let Some(expected) = &self.stdout {
            outcome.check(
                outcome.stdout == *expected,
                format!("stdout should be exactly:\n{expected}"),
            );
        }
        outcome
    }
}

/// The arguments as a person would type them, quoted where a shell needs it.
fn shell_words(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if a.is_empty() || a.contains([' ', '[', ']', '\'', '"', '{', '}', '*', '|']) {
                format!("'{a}'")
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a run did; its folder lives as long as it does.
pub(crate) struct Outcome {
    pub(crate) command: String,
    pub(crate) status: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    inputs: BTreeSet<PathBuf>,
    dir: TempDir,
}

impl Outcome {
    /// Panics with `what` and everything needed to understand the failure.
    #[track_caller]
    pub(crate) fn fail(&self, what: impl Display) -> ! {
        panic!(
            "\n{what}\n\ncommand: {}\n(in {})\nstatus:  {}\n--- stdout ---\n{}\n--- stderr ---\n{}\n--------------\n",
            self.command,
            self.dir.path().display(),
            self.status
                .map_or_else(|| "killed by a signal".to_string(), |s| s.to_string()),
            self.stdout,
            self.stderr
        )
    }

    #[track_caller]
    pub(crate) fn check(&self, ok: bool, what: impl Display) -> &Outcome {
        if !ok {
            self.fail(what);
        }
        self
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    #[track_caller]
    pub(crate) fn stderr_has(&self, needle: &str) -> &Outcome {
        self.check(
            self.stderr.contains(needle),
            format!("stderr should contain:\n{needle}"),
        )
    }

    #[track_caller]
    pub(crate) fn stderr_lacks(&self, needle: &str) -> &Outcome {
        self.check(
            !self.stderr.contains(needle),
            format!("stderr should not contain:\n{needle}"),
        )
    }

    #[track_caller]
    pub(crate) fn stdout_has(&self, needle: &str) -> &Outcome {
        self.check(
            self.stdout.contains(needle),
            format!("stdout should contain:\n{needle}"),
        )
    }

    #[track_caller]
    pub(crate) fn stdout_lacks(&self, needle: &str) -> &Outcome {
        self.check(
            !self.stdout.contains(needle),
            format!("stdout should not contain:\n{needle}"),
        )
    }

    /// A `  help: ` line of stderr contains `fragment`.
    #[track_caller]
    pub(crate) fn help_has(&self, fragment: &str) -> &Outcome {
        self.check(
            self.stderr
                .lines()
                .any(|l| l.starts_with("  help: ") && l.contains(fragment)),
            format!("stderr should have a `  help: ` line containing:\n{fragment}"),
        )
    }

    /// The number of `error: ` messages on stderr.
    pub(crate) fn error_count(&self) -> usize {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count()
    }

    /// The run wrote nothing: the folder holds only the files the test wrote.
    #[track_caller]
    pub(crate) fn nothing_written(&self) -> &Outcome {
        let extra: Vec<String> = walk(self.dir.path())
            .into_iter()
            .filter(|p| !self.inputs.contains(p))
            .map(|p| p.display().to_string())
            .collect();
        self.check(
            extra.is_empty(),
            format!("the run should write nothing, but wrote: {extra:?}"),
        )
    }

    /// The one folder under `out/` (a run of one scenario writes one).
    #[track_caller]
    pub(crate) fn result_dir(&self) -> PathBuf {
        let out = self.dir.path().join(OUT);
        let dirs: Vec<PathBuf> = fs::read_dir(&out)
            .unwrap_or_else(|e| self.fail(format!("cannot list {}: {e}", out.display())))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        if dirs.len() != 1 {
            self.fail(format!(
                "expected one result folder in {}, found {dirs:?}",
                out.display()
            ));
        }
        dirs.into_iter().next().unwrap_or_default()
    }

    /// `out/<slug>/monthly.csv` of a one-scenario run.
    #[track_caller]
    pub(crate) fn monthly(&self) -> Csv {
        self.csv(self.result_dir().join("monthly.csv"))
    }

    /// `out/<slug>/summary.csv` of a one-scenario run.
    #[track_caller]
    pub(crate) fn summary(&self) -> Csv {
        self.csv(self.result_dir().join("summary.csv"))
    }

    /// A CSV file the run wrote (the path may be relative to the test folder).
    #[track_caller]
    pub(crate) fn csv(&self, path: impl AsRef<Path>) -> Csv {
        let path = self.dir.path().join(path);
        let bytes = fs::read(&path)
            .unwrap_or_else(|e| self.fail(format!("cannot read {}: {e}", path.display())));
        Csv::parse(&path, bytes).unwrap_or_else(|e| self.fail(e))
    }

    /// A new run in the same folder; what is there now counts as input.
    pub(crate) fn again(self) -> Test {
        Test {
            inputs: walk(self.dir.path()).into_iter().collect(),
            dir: self.dir,
            args: Vec::new(),
            status: vec![0],
            stdout: None,
        }
    }

    /// Checks every cell of a column.
    #[track_caller]
    pub(crate) fn column_is(&self, csv: &Csv, column: &str, expected: &[&str]) -> &Outcome {
        let found = csv.column(column);
        self.check(
            found == expected,
            format!(
                "{} column `{column}`\n  is       {found:?}\n  expected {expected:?}",
                csv.path.display()
            ),
        )
    }

    /// Checks the `base` cell of a `summary.csv` metric.
    #[track_caller]
    pub(crate) fn base_is(&self, summary: &Csv, metric: &str, expected: &str) -> &Outcome {
        let found = summary.base(metric);
        self.check(
            found == expected,
            format!("summary.csv {metric}: base is {found}, expected {expected}"),
        )
    }

    /// The value printed after `break-even` on stdout.
    #[track_caller]
    /// The break-even month printed (`YYYY-MM` or "none within horizon"),
    /// without any projection that follows it.
    pub(crate) fn break_even(&self) -> String {
        let line = self.break_even_line();
        line.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// The printed projected break-even (`YYYY-MM`, "none within 100 years"),
    /// if the break-even line gives one.
    pub(crate) fn projected_break_even(&self) -> Option<String> {
        let line = self.break_even_line();
        let rest = line.split_once("; ")?.1;
        if rest.starts_with("none within 100 years") {
            return Some("none within 100 years".to_string());
        }
        rest.strip_prefix("projected ")
            .and_then(|r| r.split_whitespace().next())
            .map(str::to_string)
    }

    fn break_even_line(&self) -> String {
        self.stdout
            .lines()
            .find_map(|l| l.trim().strip_prefix("break-even"))
            .map(|rest| rest.trim().to_string())
            .unwrap_or_else(|| self.fail("stdout has no break-even line"))
    }
}

/// Every file and folder under `root`, relative to it.
fn walk(root: &Path) -> Vec<PathBuf> {
    fn visit(root: &Path, dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if let Ok(rel) = path.strip_prefix(root) {
                found.push(rel.to_path_buf());
            }
            if path.is_dir() {
                visit(root, &path, found);
            }
        }
    }
    let mut found = Vec::new();
    visit(root, root, &mut found);
    found
}

/// Every file of a folder (not its subfolders) by name, with its bytes; empty
/// when the folder does not exist.
pub(crate) fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = fs::read(e.path()).unwrap_or_else(|err| panic!("{name}: {err}"));
            (name, bytes)
        })
        .collect()
}

/// The names in a folder, sorted; empty when it does not exist.
pub(crate) fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
