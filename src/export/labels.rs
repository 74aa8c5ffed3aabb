//! Words for people: line-item names and input values as a planner would say them.

use rust_decimal::Decimal;

use crate::scenario::Unit;
use crate::text::money;
use crate::whatif::vary::AxisUnit;

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

/// A metric of `summary.csv` in words: "Horizon total", "NPV", "Ramp-up
/// (engineer-months)"; a cost keeps its name.
pub(crate) fn metric_label(metric: &str) -> String {
    match metric {
        "total" => "Horizon total".to_string(),
        "cash_total" => "Cash total".to_string(),
        "capacity_cost" => "Capacity cost".to_string(),
        "capacity_em" => "Capacity lost".to_string(),
        "npv" => "NPV".to_string(),
        "run_rate" => "Run rate (last month)".to_string(),
        other => match other.strip_suffix("_em") {
            Some(item) if item_label(item) != item => item_label(item),
            _ => item_label(other),
        },
    }
}

/// Why a higher value of input `key` lowers the total, in a few words for a
/// tornado label: the counter-intuitive cases (slower hiring) say their
/// mechanism, the others that the input is a saving by nature.
pub(crate) fn why_higher_lowers_total(key: &str) -> &'static str {
    match key {
        "hiring.days_to_hire" | "hiring.multiplier" => "higher: premium past the horizon",
        "team.know_rust" | "hiring.know_rust" => "higher: fewer ramp up",
        "ramp.start_productivity" | "ramp.steady_productivity" => "higher: more work done",
        k if k.starts_with("benefits.") => "higher: a bigger saving",
        _ => "higher: this plan saves more",
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

/// A value of a `--vary` key in its unit, rounded for reading (the exact
/// value is written beside it): `17.34%`, `7.25 months`, `2.5x`,
/// `18.5 engineers`, `1,234.57 USD`.
pub(crate) fn key_value_text(v: Decimal, column: &str, unit: AxisUnit, currency: &str) -> String {
    let short = |d: Decimal, places: u32| {
        let r = d.round_dp(places).normalize();
        if r.is_zero() {
            "0".to_string()
        } else {
            crate::text::group_thousands(&r.to_string())
        }
    };
    match unit {
        AxisUnit::Share => format!("{}%", short(v * Decimal::ONE_HUNDRED, 2)),
        AxisUnit::Money => format!("{} {currency}", money(v.round_dp(2))),
        AxisUnit::Times => format!("{}x", short(v, 4)),
        AxisUnit::Number(words) => {
            let words = match column {
                "team.engineers" => "engineers",
                "builds.hours_per_day" => "hours a day",
                _ => words,
            };
            let n = short(v, 4);
            // "1 month", "1 engineer", "1 hour a day".
            let words = match words.split_once(' ') {
                _ if n != "1" => words.to_string(),
                Some((noun, rest)) => format!("{} {rest}", noun.trim_end_matches('s')),
                None => words.trim_end_matches('s').to_string(),
            };
            if words.is_empty() {
                n
            } else {
                format!("{n} {words}")
            }
        }
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

    #[test]
    fn key_values_read_in_their_unit() {
        let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
        let text = |v: &str, column: &str, unit| key_value_text(d(v), column, unit, "USD");
        assert_eq!(
            text("0.173412", "hiring.premium", AxisUnit::Share),
            "17.34%"
        );
        assert_eq!(
            text("7.25", "ramp.months", AxisUnit::Number("months")),
            "7.25 months"
        );
        assert_eq!(
            text("18.5", "team.engineers", AxisUnit::Number("")),
            "18.5 engineers"
        );
        assert_eq!(
            text("1", "scenario.months", AxisUnit::Number("months")),
            "1 month"
        );
        assert_eq!(
            text("1.00", "team.engineers", AxisUnit::Number("")),
            "1 engineer"
        );
        assert_eq!(
            text("1", "builds.hours_per_day", AxisUnit::Number("")),
            "1 hour a day"
        );
        assert_eq!(text("2.500", "hiring.multiplier", AxisUnit::Times), "2.5x");
        assert_eq!(text("1234.567", "costs.x", AxisUnit::Money), "1,234.57 USD");
        assert_eq!(
            text("123456.00004", "team.salary", AxisUnit::Money),
            "123,456.00 USD"
        );
    }
}
