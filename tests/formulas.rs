//! Hand-computed base cases (MODEL.md §2-§4) on tiny scenarios.
//!
//! Each scenario switches off everything but the line item under test:
//! `overhead = 0` and `value_multiplier = 1` make L = V = salary / 12 = 10000
//! for a salary of 120000; `builds.incremental_per_day = 0` and
//! `clean_per_day = 0` make W = 0 (no build_wait); `team.know_rust = 1` or
//! `engineers = 0` leaves nobody to ramp; `mentoring = 0` removes mentoring;
//! the default `steady_productivity = 1` gives productivity 0. The expected
//! numbers are derived in the comments from the formulas of MODEL.md.

mod common;

use common::outputs::check_outputs;
use common::{Outcome, Test};

/// Runs the base case of a scenario; whatever the test checks besides, its
/// CSV files must add up (MODEL.md §3-§5).
#[track_caller]
fn base_case(text: &str) -> Outcome {
    let run = Test::new().scenario(text).base_case().run();
    check_outputs(&run, "scenario.toml");
    run
}

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

/// Presence, MODEL.md §2. days_to_hire = 15.21875 = D/2 and multiplier 2, so
/// tb = 0 + 15.21875/30.4375 = 0.5 and tr = 0 + 15.21875·2/30.4375 = 1.0 exactly.
/// No current team (E = 0), the hire already knows Rust (no ramp).
///   Pb = clamp(m + 1 − 0.5): 0.5, 1, 1      Pr = clamp(m + 1 − 1): 0, 1, 1
///   salary_premium = Pr · L · 0.25:           0, 2500, 2500
///   recruiting: ⌊tb⌋ = 0 → −120000 · 0.2 = −24000 in month 0;
///               ⌊tr⌋ = 1 → 120000 · 0.2 · 1.25 = 30000 in month 1
///   unfilled_seats = (Pr − Pb) · L:           −5000, 0, 0
///   vacancy = (Pb − Pr) · V:                   5000, 0, 0   (cancels, V = L)
///   total: −24000, 2500 + 30000 = 32500, 2500; cumulative −24000, 8500, 11000
#[test]
fn a_hire_whose_rust_wait_is_exactly_a_month_arrives_at_the_next_month() {
    let run = base_case(
        r#"
[scenario]
name = "Hire at a month boundary"
start = "2027-01"
months = 3

[team]
engineers = 0
salary = 120000
overhead = 0

[hiring]
plan = [{ month = "2027-01", count = 1 }]
days_to_hire = 15.21875
multiplier = 2
premium = 0.25
fee = 0.2
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.column_is(&monthly, "engineers", &["0.000", "1.000", "1.000"])
        .column_is(&monthly, "engineers_baseline", &["0.500", "1.000", "1.000"])
        .column_is(&monthly, "salary_premium", &["0.00", "2500.00", "2500.00"])
        .column_is(&monthly, "recruiting", &["-24000.00", "30000.00", "0.00"])
        .column_is(&monthly, "unfilled_seats", &["-5000.00", "0.00", "0.00"])
        .column_is(&monthly, "vacancy", &["5000.00", "0.00", "0.00"])
        .column_is(&monthly, "vacancy_em", &["0.500", "0.000", "0.000"])
        .column_is(&monthly, "total", &["-24000.00", "32500.00", "2500.00"])
        .column_is(
            &monthly,
            "cumulative_total",
            &["-24000.00", "8500.00", "11000.00"],
        );
}

/// Fractional presence: the opening is in month 1 ("2027-02"), multiplier 1.5,
/// so tb = 1 + 0.5 = 1.5 and tr = 1 + 15.21875·1.5/30.4375 = 1.75.
///   Pr: 0, clamp(2 − 1.75) = 0.25, 1         Pb: 0, 0.5, 1
///   salary_premium: 0, 0.25 · 10000 · 0.25 = 625, 2500
///   recruiting: ⌊1.75⌋ = ⌊1.5⌋ = 1: 30000 − 24000 = 6000 in month 1
///   unfilled_seats: 0, (0.25 − 0.5) · 10000 = −2500, 0; vacancy_em 0, 0.25, 0
///   total month 1: 625 + 6000 − 2500 + 2500 = 6625
#[test]
fn a_hire_joining_mid_month_is_present_for_the_rest_of_it() {
    let run = base_case(
        r#"
[scenario]
name = "Hire mid-month"
start = "2027-01"
months = 3

[team]
engineers = 0
salary = 120000
overhead = 0

[hiring]
plan = [{ month = "2027-02", count = 1 }]
days_to_hire = 15.21875
multiplier = 1.5
premium = 0.25
fee = 0.2
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.column_is(&monthly, "engineers", &["0.000", "0.250", "1.000"])
        .column_is(&monthly, "engineers_baseline", &["0.000", "0.500", "1.000"])
        .column_is(&monthly, "salary_premium", &["0.00", "625.00", "2500.00"])
        .column_is(&monthly, "recruiting", &["0.00", "6000.00", "0.00"])
        .column_is(&monthly, "unfilled_seats", &["0.00", "-2500.00", "0.00"])
        .column_is(&monthly, "vacancy_em", &["0.000", "0.250", "0.000"])
        .column_is(&monthly, "total", &["0.00", "6625.00", "2500.00"]);
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

/// Recruiting falls in month ⌊t⌋ (MODEL.md §3). Two roles open in month 0 with
/// days_to_hire 45 and multiplier 2.5:
///   tb = 45/30.4375 = 1.478439425051…  → ⌊tb⌋ = 1: −2 · 120000 · 0.2 = −48000
///   tr = 112.5/30.4375 = 3.696098562628… → ⌊tr⌋ = 3: 2 · 120000 · 0.2 · 1.25 = 60000
/// Presence: Pb(1) = 2 · (2 − 1.478439425051) = 1.043121149898 → 1.043,
///           Pr(3) = 2 · (4 − 3.696098562628) = 0.607802874744 → 0.608;
/// unfilled_seats = (Pr − Pb) · 10000: 0, −10431.21149898, −20000,
///           (0.607802874744 − 2) · 10000 = −13921.97125256, 0.
#[test]
fn recruiting_is_paid_in_the_month_of_the_floor_of_the_hire_time() {
    let run = base_case(
        r#"
[scenario]
name = "Recruiting month"
start = "2027-01"
months = 5

[team]
engineers = 0
salary = 120000
overhead = 0

[hiring]
plan = [{ month = "2027-01", count = 2 }]
days_to_hire = 45
multiplier = 2.5
premium = 0.25
fee = 0.2
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.column_is(
        &monthly,
        "recruiting",
        &["0.00", "-48000.00", "0.00", "60000.00", "0.00"],
    )
    .column_is(
        &monthly,
        "engineers",
        &["0.000", "0.000", "0.000", "0.608", "2.000"],
    )
    .column_is(
        &monthly,
        "engineers_baseline",
        &["0.000", "1.043", "2.000", "2.000", "2.000"],
    )
    .column_is(
        &monthly,
        "unfilled_seats",
        &["0.00", "-10431.21", "-20000.00", "-13921.97", "0.00"],
    );
}

/// WD(m), MODEL.md §2-§3. ci_compute = ci_builds_per_day · WD(m) ·
/// (clean − baseline_clean) · price = 10 · WD · (12 − 2) · 0.01 = 1.00 · WD.
/// January 2027 has 21 weekdays; 2027-01-01 is a Friday holiday → 20.
/// February 2027 has 20; 2027-02-06 (written as a TOML date) is a Saturday → 20.
/// March 2027 has 23; 2026-12-25 is outside the horizon → changes nothing.
#[test]
fn ci_compute_counts_weekdays_that_are_not_holidays() {
    let run = base_case(
        r#"
[scenario]
name = "CI minutes"
start = "2027-01"
months = 3

[team]
engineers = 1
salary = 120000
overhead = 0
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0
clean_minutes = 12
baseline_clean_minutes = 2
ci_builds_per_day = 10
ci_cost_per_minute = 0.01
holidays = ["2027-01-01", 2027-02-06, "2026-12-25"]
"#,
    );
    let monthly = run.monthly();
    run.column_is(&monthly, "ci_compute", &["20.00", "20.00", "23.00"])
        .column_is(&monthly, "total", &["20.00", "20.00", "23.00"])
        .base_is(&run.summary(), "ci_compute", "63.00");
}

/// NPV, MODEL.md §3: Σ total(m) · (1 + r)^(−(m+1)/12) with r = 0.12 over
/// twelve months of a constant 1000: with q = 1.12^(−1/12) = 0.990600397943…,
/// 1000 · Σ_{k=1..12} q^k = 1000 · q · (1 − 1/1.12) / (1 − q) = 11291.5159896…
/// → 11291.52. The undiscounted total is 12000.00; it never breaks even.
#[test]
fn npv_discounts_each_month_at_the_monthly_root_of_the_annual_rate() {
    let run = base_case(
        r#"
[scenario]
name = "NPV"
start = "2027-01"
months = 12
discount_rate = 0.12

[team]
engineers = 0
salary = 120000

[[costs]]
name = "platform"
amount = 1000
from = "2027-01"
"#,
    );
    let summary = run.summary();
    run.base_is(&summary, "total", "12000.00")
        .base_is(&summary, "platform", "12000.00")
        .base_is(&summary, "npv", "11291.52")
        .check(
            run.break_even() == "none within horizon",
            "a cost that never pays back has no break-even month",
        );
}

/// Break-even, MODEL.md §3: the first month from which cumulative_total stays
/// ≤ 0. infra_per_month = 1000 saves 1000 every month; a one-off 5000 in
/// month 1. totals: −1000, 4000, −1000, −1000, −1000, −1000; cumulative:
/// −1000, 3000, 2000, 1000, 0, −1000. Month 0 is ≤ 0 but does not stay there;
/// month 4 (2027-05) reaches exactly 0 and stays ≤ 0: break-even 2027-05.
#[test]
fn break_even_is_the_first_month_from_which_the_cumulative_total_stays_at_or_below_zero() {
    let run = base_case(
        r#"
[scenario]
name = "Break-even"
start = "2027-01"
months = 6

[team]
engineers = 0
salary = 120000

[benefits]
infra_per_month = 1000

[[costs]]
name = "migration"
amount = 5000
month = "2027-02"
"#,
    );
    let monthly = run.monthly();
    run.column_is(
        &monthly,
        "infra_savings",
        &[
            "-1000.00", "-1000.00", "-1000.00", "-1000.00", "-1000.00", "-1000.00",
        ],
    )
    .column_is(
        &monthly,
        "cumulative_total",
        &[
            "-1000.00", "3000.00", "2000.00", "1000.00", "0.00", "-1000.00",
        ],
    )
    .check(
        run.break_even() == "2027-05",
        "break-even should be 2027-05, the month the cumulative total reaches 0 for good",
    );
}

/// Savings apply from benefits.from: incident_savings =
/// −incidents_per_month · incident_cost · incident_reduction = −2 · 1500 · 0.5
/// = −1500 from month 1 (2027-02) on.
#[test]
fn savings_start_in_the_month_benefits_from_names() {
    let run = base_case(
        r#"
[scenario]
name = "Savings from"
start = "2027-01"
months = 3

[team]
engineers = 0
salary = 120000

[benefits]
from = "2027-02"
incidents_per_month = 2
incident_cost = 1500
incident_reduction = 0.5
"#,
    );
    let monthly = run.monthly();
    run.column_is(
        &monthly,
        "incident_savings",
        &["0.00", "-1500.00", "-1500.00"],
    )
    .column_is(&monthly, "infra_savings", &["0.00", "0.00", "0.00"])
    .base_is(&run.summary(), "incident_savings", "-3000.00");
}

/// per_engineer multiplies by the *unrounded* Pr(m) (MODEL.md §1). Two
/// engineers and one hire with tr = 45 · 2.5 / 30.4375 = 3.696098562628…:
/// Pr = 2, 2, 2, 2.303901437372, 3, so 100 per engineer is 200, 200, 200,
/// 230.3901437372 → 230.39 (not 2.304 · 100 = 230.40), 300.
#[test]
fn a_per_engineer_cost_follows_the_unrounded_head_count() {
    let run = base_case(
        r#"
[scenario]
name = "Per engineer"
start = "2027-01"
months = 5

[team]
engineers = 2
salary = 120000
know_rust = 1

[hiring]
plan = [{ month = "2027-01", count = 1 }]
days_to_hire = 45
multiplier = 2.5
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0

[[costs]]
name = "licences"
amount = 100
from = "2027-01"
per_engineer = true
"#,
    );
    let monthly = run.monthly();
    run.column_is(
        &monthly,
        "engineers",
        &["2.000", "2.000", "2.000", "2.304", "3.000"],
    )
    .column_is(
        &monthly,
        "licences",
        &["200.00", "200.00", "200.00", "230.39", "300.00"],
    )
    .base_is(&run.summary(), "licences", "1130.39");
}

/// `to` beyond the horizon is fine (MODEL.md §1): the cost runs to the last
/// month, with no warning. A `to` inside the horizon stops it (inclusive).
#[test]
fn a_recurring_cost_may_end_after_the_horizon() {
    let run = base_case(
        r#"
[scenario]
name = "Long contract"
start = "2027-01"
months = 3

[team]
engineers = 0
salary = 120000

[[costs]]
name = "support_contract"
amount = 700
from = "2027-02"
to = "2030-12"

[[costs]]
name = "coach"
amount = 300
from = "2027-01"
to = "2027-02"
"#,
    );
    let monthly = run.monthly();
    run.column_is(&monthly, "support_contract", &["0.00", "700.00", "700.00"])
        .column_is(&monthly, "coach", &["300.00", "300.00", "0.00"])
        .column_is(&monthly, "total", &["300.00", "1000.00", "700.00"])
        .stderr_lacks("warning");
}

/// An opening at the end of the horizon contributes nothing and earns a
/// warning (MODEL.md §1); the run still succeeds.
#[test]
fn an_opening_after_the_horizon_earns_a_warning_and_costs_nothing() {
    let run = base_case(
        r#"
[scenario]
name = "Late opening"
start = "2027-01"
months = 3

[team]
engineers = 1
salary = 120000
know_rust = 1

[hiring]
plan = [
  { month = "2027-04", count = 2 },
]

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.stderr_has(
        "warning: scenario.toml:14:3: hiring.plan.month: opening in 2027-04 is at or after the end of the horizon (2027-03); it contributes nothing",
    )
    .column_is(&monthly, "engineers", &["1.000", "1.000", "1.000"])
    .column_is(&monthly, "engineers_baseline", &["1.000", "1.000", "1.000"])
    .column_is(&monthly, "total", &["0.00", "0.00", "0.00"]);
}

/// An opening whose baseline hire is inside the horizon but whose Rust hire is
/// not earns a warning (MODEL.md §1): opening in month 2 of 3, tb = 2.5,
/// tr = 2 + 15.21875 · 2 / 30.4375 = 3.0, the end of the horizon. Only the
/// baseline fee shows: recruiting −120000 · 0.2 = −24000 in month 2.
#[test]
fn a_rust_hire_after_the_horizon_earns_a_warning() {
    let run = base_case(
        r#"
[scenario]
name = "Rust hire too late"
start = "2027-01"
months = 3

[team]
engineers = 0
salary = 120000
overhead = 0

[hiring]
plan = [
  { month = "2027-03", count = 1 },
]
days_to_hire = 15.21875
multiplier = 2
fee = 0.2
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.stderr_has(
        "warning: scenario.toml:14:3: hiring.plan: the Rust hire of the opening in 2027-03 lands after the horizon ends",
    )
    .column_is(&monthly, "recruiting", &["0.00", "0.00", "-24000.00"])
    .column_is(&monthly, "engineers", &["0.000", "0.000", "0.000"])
    .column_is(&monthly, "engineers_baseline", &["0.000", "0.000", "0.500"]);
}

/// A cost or savings that start at or after the horizon's end contribute
/// nothing and earn a warning each (MODEL.md §1).
#[test]
fn costs_and_savings_after_the_horizon_earn_warnings() {
    let run = base_case(
        r#"
[scenario]
name = "Late costs"
start = "2027-01"
months = 3

[team]
engineers = 0
salary = 120000

[benefits]
from = "2027-04"
infra_per_month = 1000

[[costs]]
name = "late_one_off"
amount = 500
month = "2027-04"

[[costs]]
name = "late_recurring"
amount = 500
from = "2028-01"
"#,
    );
    run.stderr_has(
        "warning: scenario.toml:12:8: benefits.from: 2027-04 is at or after the end of the horizon",
    )
    .stderr_has(
        "warning: scenario.toml:18:9: costs.month: 2027-04 is at or after the end of the horizon",
    )
    .stderr_has(
        "warning: scenario.toml:23:8: costs.from: 2028-01 is at or after the end of the horizon",
    )
    .base_is(&run.summary(), "total", "0.00");
}

/// Inputs at the limits MODEL.md §1 allows (magnitudes up to 1e12, 600
/// months) must give either exact files whose totals are the sums of their
/// cells, or an overflow error naming the inputs (§4: "never a wrapped
/// value"). Here productivity alone is 1e12 · 0.9 engineer-months a month at
/// V = 1e12 · 1.3 / 12 · 20, about 1.95e24 a month, 1.17e27 over the horizon:
/// more digits than a decimal holds with two places.
#[test]
fn figures_at_the_input_limits_add_up_or_are_refused() {
    let run = Test::new()
        .scenario(
            r#"
[scenario]
name = "At the limits"
start = "2027-01"
months = 600

[team]
engineers = 1e12
salary = 1e12
value_multiplier = 20

[ramp]
steady_productivity = 0.1
"#,
        )
        .base_case()
        .status_in(&[0, 2])
        .run();
    if run.status == Some(2) {
        run.stderr_has("overflow").nothing_written();
    } else {
        check_outputs(&run, "scenario.toml");
    }
}
