//! Inputs that fall at or after the end of the horizon contribute nothing
//! and earn a warning each (MODEL.md §1); the run still succeeds.

use super::base_case;

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
