//! Cash items other than hiring (MODEL.md §1-§3): CI minutes on working days,
//! `[[costs]]` per engineer and over a period, and savings from a month on.

use super::base_case;

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
