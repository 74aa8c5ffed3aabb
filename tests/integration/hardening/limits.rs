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
        "error: /dev/zero: cannot read the scenario file: it is longer than 1048576 bytes; scenario files are limited to 1 MiB",
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
