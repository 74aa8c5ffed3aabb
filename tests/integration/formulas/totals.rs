//! The figures over the whole horizon (MODEL.md §3): NPV and break-even.

use super::base_case;

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
