//! Words for people: line-item names and input values as a planner would say them.

use rust_decimal::Decimal;

use crate::scenario::Unit;

/// A built-in column in words (custom costs keep their own names).
pub(crate) fn item_label(key: &str) -> String {
    match key {
        "salary_premium" => "Salary premium",
        "retention_raise" => "Retention raise",
        "recruiting" => "Recruiting fees",
        "unfilled_seats" => "Unfilled seats (payroll)",
        "ci_compute" => "CI compute",
        "infra_savings" => "Infrastructure savings",
        "incident_savings" => "Incident savings",
        "vacancy" => "Vacancy",
        "ramp" => "Ramp-up",
        "mentoring" => "Mentoring",
        "productivity" => "Productivity",
        "build_wait" => "Build wait",
        other => return other.to_string(),
    }
    .to_string()
}

/// Why a higher value of input `key` lowers the total, in a few words for a
/// tornado label: the counter-intuitive cases (slower hiring) say their
/// mechanism, the others that the input is a saving by nature.
pub(crate) fn why_higher_lowers_total(key: &str) -> &'static str {
    match key {
        "hiring.days_to_hire" | "hiring.multiplier" => {
            "higher saves: premium pushed past the horizon"
        }
        "team.know_rust" | "hiring.know_rust" => "higher saves: fewer engineers ramp up",
        "ramp.start_productivity" | "ramp.steady_productivity" => "higher saves: more work done",
        k if k.starts_with("benefits.") => "higher saves: a bigger saving",
        _ => "higher saves: this plan saves more with it",
    }
}

/// An input value with its unit: `25%`, `3 months`, `2.5x`, `12,000 USD`.
pub(crate) fn value_text(v: Decimal, unit: Unit, currency: &str) -> String {
    let n = |d: Decimal| d.normalize().to_string();
    match unit {
        Unit::Share => format!("{}%", n(v * Decimal::ONE_HUNDRED)),
        Unit::Months if v == Decimal::ONE => "1 month".to_string(),
        Unit::Months => format!("{} months", n(v)),
        Unit::Days => format!("{} days", n(v)),
        Unit::Times => format!("{}x", n(v)),
        Unit::Minutes => format!("{} min", n(v)),
        Unit::PerDay => format!("{}/day", n(v)),
        Unit::PerMonth => format!("{}/month", n(v)),
        Unit::Ratio | Unit::LostPerMinute => n(v),
        Unit::Money => format!("{} {currency}", crate::text::group_thousands(&n(v))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn values_read_like_a_planner_writes_them() {
        let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
        assert_eq!(value_text(d("0.25"), Unit::Share, "USD"), "25%");
        assert_eq!(value_text(d("3"), Unit::Months, "USD"), "3 months");
        assert_eq!(value_text(d("1.0"), Unit::Months, "USD"), "1 month");
        assert_eq!(value_text(d("2.50"), Unit::Times, "USD"), "2.5x");
        assert_eq!(value_text(d("12000"), Unit::Money, "EUR"), "12,000 EUR");
        assert_eq!(item_label("build_wait"), "Build wait");
        assert_eq!(item_label("training"), "training");
        assert!(why_higher_lowers_total("hiring.multiplier").contains("past the horizon"));
        assert!(why_higher_lowers_total("benefits.incident_cost").contains("bigger saving"));
    }
}
