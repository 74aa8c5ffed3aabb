//! The ramp integral and mentoring (MODEL.md §2-§3): engineers new to Rust,
//! in the current team or hired.

use super::base_case;

/// Ramp integral, MODEL.md §2-§3. One engineer new to Rust, R = 4,
/// start 0.3, steady 1.0, one month: a = 0, b = 1,
/// F(1) = 1 − 1²/(2·4) = 0.875 = 1 − 1/8, so
/// ramp_em = 1 · (1.0 − 0.3) · 0.875 = 0.6125, written 0.613 (half away from
/// zero), and ramp = 0.6125 · V = 6125.00: money comes from the *unrounded*
/// engineer-months (§4), not from 0.613 · 10000 = 6130.
#[test]
fn ramp_of_one_engineer_in_one_month_is_the_integral_of_the_linear_ramp() {
    let run = base_case(
        r#"
[scenario]
name = "Ramp, one month"
start = "2027-01"
months = 1

[team]
engineers = 1
salary = 120000
overhead = 0
know_rust = 0

[ramp]
months = 4
start_productivity = 0.3
steady_productivity = 1.0
mentoring = 0

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    let summary = run.summary();
    run.column_is(&monthly, "ramp_em", &["0.613"])
        .column_is(&monthly, "ramp", &["6125.00"])
        .column_is(&monthly, "capacity_em", &["0.613"])
        .column_is(&monthly, "capacity_cost", &["6125.00"])
        .column_is(&monthly, "cash_total", &["0.00"])
        .column_is(&monthly, "total", &["6125.00"])
        .column_is(&monthly, "mentoring_em", &["0.000"])
        .column_is(&monthly, "build_wait_em", &["0.000"])
        .column_is(&monthly, "engineers", &["1.000"])
        .base_is(&summary, "total", "6125.00")
        .base_is(&summary, "npv", "6125.00");
}

/// The same engineer over five months, now with mentoring 0.1. F(x) = x − x²/8
/// for x < 4 and F(x) = 2 for x ≥ 4:
///   month  a  b  F(b) − F(a)           ramp_em = 0.7·ΔF  mentoring_em = 0.1·Δmin(x, R)
///   0      0  1  0.875 − 0     = 0.875 0.6125 → 0.613    0.1
///   1      1  2  1.5   − 0.875 = 0.625 0.4375 → 0.438    0.1
///   2      2  3  1.875 − 1.5   = 0.375 0.2625 → 0.263    0.1
///   3      3  4  2     − 1.875 = 0.125 0.0875 → 0.088    0.1
///   4      4  5  2     − 2     = 0     0                 0
/// ΔF sums to R/2 = 2, so ramp totals 0.7 · 2 · 10000 = 14000.00, but the
/// ramp_em total is the sum of the *rounded* cells (§4): 1.402, not 1.400.
/// Mentoring: 0.1 · 10000 = 1000.00 a month for four months.
#[test]
fn ramp_over_its_whole_length_sums_to_half_of_r() {
    let run = base_case(
        r#"
[scenario]
name = "Ramp, five months"
start = "2027-01"
months = 5

[team]
engineers = 1
salary = 120000
overhead = 0
know_rust = 0

[ramp]
months = 4
start_productivity = 0.3
steady_productivity = 1.0
mentoring = 0.1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    let summary = run.summary();
    run.column_is(
        &monthly,
        "ramp_em",
        &["0.613", "0.438", "0.263", "0.088", "0.000"],
    )
    .column_is(
        &monthly,
        "ramp",
        &["6125.00", "4375.00", "2625.00", "875.00", "0.00"],
    )
    .column_is(
        &monthly,
        "mentoring_em",
        &["0.100", "0.100", "0.100", "0.100", "0.000"],
    )
    .column_is(
        &monthly,
        "mentoring",
        &["1000.00", "1000.00", "1000.00", "1000.00", "0.00"],
    )
    .column_is(
        &monthly,
        "total",
        &["7125.00", "5375.00", "3625.00", "1875.00", "0.00"],
    )
    .base_is(&summary, "ramp", "14000.00")
    .base_is(&summary, "ramp_em", "1.402")
    .base_is(&summary, "mentoring", "4000.00")
    .base_is(&summary, "total", "18000.00");
}

/// A ramp that ends inside a month: R = 2.5, start 0, steady 1 (gap 1).
/// F(x) = x − x²/5 for x < 2.5, F = 1.25 beyond.
///   month 0: F(1) = 0.8                        → ramp_em 0.800, mentoring 0.1·1   = 0.100
///   month 1: F(2) − F(1) = 1.2 − 0.8 = 0.4     → 0.400,         0.1·1   = 0.100
///   month 2: F(3) − F(2) = 1.25 − 1.2 = 0.05   → 0.050,         0.1·0.5 = 0.050
/// (mentoring only while ramping: min(3, 2.5) − min(2, 2.5) = 0.5).
#[test]
fn a_ramp_that_ends_mid_month_counts_only_its_part_of_the_month() {
    let run = base_case(
        r#"
[scenario]
name = "Ramp ends mid-month"
start = "2027-01"
months = 3

[team]
engineers = 1
salary = 120000
overhead = 0
know_rust = 0

[ramp]
months = 2.5
start_productivity = 0
steady_productivity = 1
mentoring = 0.1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.column_is(&monthly, "ramp_em", &["0.800", "0.400", "0.050"])
        .column_is(&monthly, "ramp", &["8000.00", "4000.00", "500.00"])
        .column_is(&monthly, "mentoring_em", &["0.100", "0.100", "0.050"])
        .column_is(&monthly, "mentoring", &["1000.00", "1000.00", "500.00"]);
}

/// A hire new to Rust ramps from tr, not from the start of the month. Same
/// hire as above (tr = 1.75), hiring.know_rust = 0, R = 1, start 0, steady 1,
/// mentoring 0.1. F(x) = x − x²/2 for x < 1, F = 0.5 beyond.
///   month 1: a = 0,    b = 0.25: F = 0.25 − 0.03125 = 0.21875 → 0.219; mentoring 0.1·0.25 = 0.025
///   month 2: a = 0.25, b = 1.25: 0.5 − 0.21875 = 0.28125      → 0.281; mentoring 0.1·0.75 = 0.075
///   month 3: a = 1.25 ≥ R: nothing.
/// In money (V = 10000): ramp 2187.50, 2812.50; mentoring 250.00, 750.00.
#[test]
fn a_hire_new_to_rust_ramps_from_the_moment_it_joins() {
    let run = base_case(
        r#"
[scenario]
name = "Hire ramps"
start = "2027-01"
months = 4

[team]
engineers = 0
salary = 120000
overhead = 0

[hiring]
plan = [{ month = "2027-02", count = 1 }]
days_to_hire = 15.21875
multiplier = 1.5
know_rust = 0

[ramp]
months = 1
start_productivity = 0
steady_productivity = 1
mentoring = 0.1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.column_is(&monthly, "ramp_em", &["0.000", "0.219", "0.281", "0.000"])
        .column_is(&monthly, "ramp", &["0.00", "2187.50", "2812.50", "0.00"])
        .column_is(
            &monthly,
            "mentoring_em",
            &["0.000", "0.025", "0.075", "0.000"],
        )
        .column_is(&monthly, "mentoring", &["0.00", "250.00", "750.00", "0.00"]);
}
