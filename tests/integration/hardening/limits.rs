//! Limits (docs/bad-input.md, "Limits"): input beyond them is refused at once
//! with a message that names the limit, and nothing is written; figures that
//! would pass 1e20 are refused naming the total and the inputs behind it.

use std::time::{Duration, Instant};

use crate::support::{OUT, SCENARIO, TINY, Test, totals_beyond_1e20};

/// Runs and checks the exit status 2, the message, and that it was quick.
#[track_caller]
fn refused_quickly(test: Test, message: &str) {
    let started = Instant::now();
    let run = test.status(2).run();
    run.stderr_has(message).nothing_written();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_scenario_file_over_1_mib_is_refused() {
    let big = format!("{TINY}{}", "# padding\n".repeat(110_000));
    refused_quickly(
        Test::new().scenario(&big).base_case(),
        "error: scenario.toml: cannot read the scenario file: it is 1100",
    );
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_instead_of_read_forever() {
    refused_quickly(
        Test::new().args(["check", "/dev/zero"]),
        "error: /dev/zero: cannot read the scenario file: it is a device, not a regular file, and reading it could wait forever",
    );
}

#[test]
fn more_than_600_months_is_refused() {
    refused_quickly(
        Test::new()
            .scenario(&TINY.replace("months = 3", "months = 601"))
            .base_case(),
        "scenario.months: expected a whole number of months from 1 to 600, found 601",
    );
}

#[test]
fn more_than_ten_million_samples_is_refused() {
    refused_quickly(
        Test::new()
            .scenario(TINY)
            .args(["run", SCENARIO, "--out", OUT, "--samples", "10000001"]),
        "error: --samples 10000001 is above the limit of 10000000",
    );
}

#[test]
fn more_than_1000_openings_is_refused() {
    let plan: Vec<String> = (0..1001)
        .map(|_| "{ month = \"2027-01\", count = 1 }".to_string())
        .collect();
    refused_quickly(
        Test::new()
            .scenario(&format!("{TINY}[hiring]\nplan = [{}]\n", plan.join(",\n")))
            .base_case(),
        "hiring.plan: expected at most 1000 openings, found 1001",
    );
}

#[test]
fn more_than_100_costs_is_refused() {
    let costs: String = (0..5000)
        .map(|i| format!("[[costs]]\nname = \"c{i}\"\namount = 1\nmonth = \"2027-01\"\n"))
        .collect();
    refused_quickly(
        Test::new().scenario(&format!("{TINY}{costs}")).base_case(),
        "costs: expected at most 100 [[costs]] entries, found 5000",
    );
}

#[test]
fn numbers_beyond_1e12_and_not_finite_are_refused() {
    for (value, message) in [
        (
            "1e13",
            "expected a number of magnitude at most 1e12, found the number 1e13",
        ),
        (
            "nan",
            "expected a finite number (nan and inf are not allowed), found the number nan",
        ),
        (
            "-inf",
            "expected a finite number (nan and inf are not allowed), found the number -inf",
        ),
        ("\"1e300\"", "expected a number of magnitude at most 1e12"),
    ] {
        refused_quickly(
            Test::new()
                .scenario(&TINY.replace("salary = 120000", &format!("salary = {value}")))
                .base_case(),
            message,
        );
    }
}

#[test]
fn deeply_nested_toml_is_refused_without_overflowing_the_stack() {
    let deep = format!("{TINY}x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    refused_quickly(
        Test::new().scenario(&deep).base_case(),
        "this is not valid TOML",
    );
}

#[test]
fn figures_beyond_1e20_are_refused_naming_the_total_and_its_inputs() {
    Test::new()
        .scenario(&totals_beyond_1e20())
        .base_case()
        .status(2)
        .run()
        .stderr_has("error: scenario.toml: the figures overflow while computing `cumulative_total` for month 2027-05: the inputs behind it (the money inputs")
        .nothing_written();
}

#[test]
fn a_chart_size_the_renderer_cannot_draw_is_refused_before_any_work() {
    for size in ["8000x8000", "6400x6400", "319x900", "1600x239", "8001x240"] {
        refused_quickly(
            Test::new()
                .scenario(TINY)
                .args(["run", SCENARIO, "--out", OUT, "--chart-size", size]),
            &format!(
                "invalid value '{size}' for '--chart-size <WxH>': expected WIDTHxHEIGHT in pixels, e.g. 1600x900: width 320 to 8000, height 240 to 8000, at most 40,000,000 pixels in all (8000x5000); found '{size}'"
            ),
        );
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_is_refused_instead_of_waited_for() {
    // A FIFO with no writer: opening it to read would wait forever.
    for args in [
        vec!["check", "plan.toml"],
        vec!["run", "plan.toml", "--out", OUT],
    ] {
        let test = Test::new();
        let made = std::process::Command::new("mkfifo")
            .arg(test.path().join("plan.toml"))
            .status()
            .unwrap_or_else(|e| panic!("cannot run mkfifo: {e}"));
        assert!(made.success());
        let started = Instant::now();
        let run = test.args(args).status(2).run();
        run.stderr_has("error: plan.toml: cannot read the scenario file: it is a named pipe (FIFO), not a regular file, and reading it could wait forever; save the scenario to a .toml file and name that file");
        assert!(!run.path().join(OUT).exists());
        assert!(started.elapsed() < Duration::from_secs(20));
    }
    refused_quickly(
        Test::new().args(["check", "/dev/null"]),
        "error: /dev/null: cannot read the scenario file: it is a device, not a regular file",
    );
}

/// How long `check` takes on `text` (it must accept it).
fn check_time(text: &str) -> Duration {
    let started = Instant::now();
    Test::new()
        .scenario(text)
        .args(["check", SCENARIO])
        .run()
        .stdout_has("ok: scenario.toml");
    started.elapsed()
}

#[test]
fn holidays_are_validated_in_linear_time_even_on_one_line() {
    // 85,000 dates (a 1 MiB file holds no more) on one line took 30 times as
    // long as on a line each: every date's column was counted from the start
    // of its line (6 s in a release build). Now the count goes on from the
    // previous date, and one line costs what many lines cost.
    let dates: Vec<String> = (0..85_000)
        .map(|i| {
            format!(
                "{:04}-{:02}-{:02}",
                1900 + i / 336,
                1 + (i / 28) % 12,
                1 + i % 28
            )
        })
        .collect();
    let one_line = format!("{TINY}[builds]\nholidays = [{}]\n", dates.join(","));
    let many_lines = format!("{TINY}[builds]\nholidays = [\n{}]\n", dates.join(",\n"));
    assert!(one_line.len() < 1024 * 1024 && many_lines.len() < 1024 * 1024);
    let mut ratio = f64::INFINITY;
    // The better of two tries, against a busy machine.
    for _ in 0..2 {
        let (one, many) = (check_time(&one_line), check_time(&many_lines));
        ratio = ratio.min(one.as_secs_f64() / many.as_secs_f64());
        if ratio < 2.5 {
            break;
        }
    }
    assert!(
        ratio < 2.5,
        "one line takes {ratio:.1} times as long as many lines"
    );
}
