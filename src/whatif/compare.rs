//! `adoptcost compare`: several scenarios, each computed exactly as `adoptcost
//! run` computes it (same seed, same samples), side by side: one row per
//! scenario, their order by cost, and what makes them hard to compare.
//!
//! Every figure comes from the scenario's own results, over its own horizon:
//! scenarios with different start months or horizons are not cut to a common
//! window, and the table and chart say so. `comparison.csv` is written by
//! `export/csv.rs`, the charts' data built in `export/chart_files.rs`, the
//! table laid out in `output/compare.rs`.

use rust_decimal::Decimal;

use crate::model::base::Projection;
use crate::sample::Stats;
use crate::sample::results::Results;
use crate::scenario::YearMonth;

/// One scenario's line of `comparison.csv` and of the stdout table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ComparisonRow {
    pub(crate) name: String,
    pub(crate) file: String,
    pub(crate) currency: String,
    pub(crate) start: YearMonth,
    pub(crate) months: usize,
    /// Base-case horizon total (exact).
    pub(crate) total_base: Decimal,
    /// Sampled statistics of the horizon total, when sampled.
    pub(crate) total: Option<Stats>,
    pub(crate) cash_total: Decimal,
    pub(crate) capacity_cost: Decimal,
    pub(crate) capacity_em: Decimal,
    pub(crate) npv: Decimal,
    pub(crate) break_even: Option<YearMonth>,
    /// The last month's total (MODEL.md §3).
    pub(crate) run_rate: Decimal,
    /// The break-even month projected from the run rate, when there is none
    /// within the horizon and the run rate is a saving.
    pub(crate) break_even_projected: Option<Projection>,
    /// The share of trials breaking even within the horizon, when sampled.
    pub(crate) break_even_chance: Option<f64>,
}

impl ComparisonRow {
    /// The last projected month.
    pub(crate) fn end(&self) -> YearMonth {
        self.start
            .plus(i64::try_from(self.months).unwrap_or(i64::MAX / 4) - 1)
    }
}

/// The rows, in the order the scenarios were given.
pub(crate) fn rows(results: &[Results]) -> Vec<ComparisonRow> {
    results
        .iter()
        .map(|r| {
            let s = &r.scenario;
            let b = &r.base;
            let m = &b.metrics;
            ComparisonRow {
                name: s.name.clone(),
                file: s.file.clone(),
                currency: s.currency.clone(),
                start: s.start,
                months: s.months,
                total_base: b.total(),
                total: r
                    .sampled
                    .as_ref()
                    .and_then(|x| x.stats.get(m.total()).copied()),
                cash_total: b.totals[m.cash_total()],
                capacity_cost: b.totals[m.capacity_cost()],
                capacity_em: b.totals[m.capacity_em()],
                npv: b.npv(),
                break_even: b.break_even_month(),
                run_rate: b.run_rate(),
                break_even_projected: b.projected_break_even(),
                break_even_chance: r.sampled.as_ref().map(|x| x.break_even_chance()),
            }
        })
        .collect()
}

/// Row indices, cheapest base-case total first (ties keep the given order).
pub(crate) fn cheapest_first(rows: &[ComparisonRow]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[a].total_base.cmp(&rows[b].total_base));
    order
}

/// The currencies of the rows, each once, in the order first met.
pub(crate) fn currencies(rows: &[ComparisonRow]) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for r in rows {
        if !seen.contains(&r.currency.as_str()) {
            seen.push(&r.currency);
        }
    }
    seen
}

/// The warning when the scenarios are in different currencies: adoptcost
/// converts nothing, so their totals cannot be compared.
pub(crate) fn currency_warning(rows: &[ComparisonRow]) -> Option<String> {
    let currencies = currencies(rows);
    if currencies.len() < 2 {
        return None;
    }
    let groups: Vec<String> = currencies
        .iter()
        .map(|c| {
            let files: Vec<&str> = rows
                .iter()
                .filter(|r| r.currency == *c)
                .map(|r| r.file.as_str())
                .collect();
            format!("{c}: {}", files.join(", "))
        })
        .collect();
    Some(format!(
        "the scenarios are in different currencies ({}); adoptcost converts nothing, so totals in different currencies are not comparable: differences are shown only against the cheapest scenario in the same currency",
        groups.join("; ")
    ))
}

/// The note when the scenarios do not all cover the same months.
pub(crate) fn horizon_note(rows: &[ComparisonRow]) -> Option<String> {
    let first = rows.first()?;
    if rows
        .iter()
        .all(|r| r.start == first.start && r.months == first.months)
    {
        return None;
    }
    Some(
        "the scenarios cover different months (see `horizon`): each total is over its own horizon, none is cut to a common window".to_string(),
    )
}

/// A row with the figures tests need: every money figure `total`, nothing sampled.
#[cfg(test)]
pub(crate) fn example_row(
    name: &str,
    total: i64,
    currency: &str,
    start: &str,
    months: usize,
) -> ComparisonRow {
    let d = Decimal::from(total);
    ComparisonRow {
        name: name.to_string(),
        file: format!("{name}.toml"),
        currency: currency.to_string(),
        start: YearMonth::parse(start).unwrap_or_else(|| panic!("{start}")),
        months,
        total_base: d,
        total: None,
        cash_total: d,
        capacity_cost: Decimal::ZERO,
        capacity_em: Decimal::ZERO,
        npv: d,
        break_even: None,
        run_rate: Decimal::ZERO,
        break_even_projected: None,
        break_even_chance: None,
    }
}

/// Three rows in two currencies over two horizons (A and C in USD, B in EUR).
#[cfg(test)]
pub(crate) fn mixed_rows() -> [ComparisonRow; 3] {
    [
        example_row("A", 10, "USD", "2027-01", 24),
        example_row("B", 5, "EUR", "2027-01", 36),
        example_row("C", 20, "USD", "2026-07", 24),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheapest_first_keeps_the_given_order_on_ties() {
        let rows = [
            example_row("A", 20, "USD", "2027-01", 24),
            example_row("B", 10, "USD", "2027-01", 24),
            example_row("C", 20, "USD", "2027-01", 24),
        ];
        assert_eq!(cheapest_first(&rows), [1, 0, 2]);
        assert!(horizon_note(&rows).is_none());
        assert!(currency_warning(&rows).is_none());
    }

    #[test]
    fn mixed_currencies_and_horizons_are_named() {
        let rows = mixed_rows();
        assert_eq!(currencies(&rows), ["USD", "EUR"]);
        let warning = currency_warning(&rows).unwrap_or_default();
        assert!(
            warning.contains("USD: A.toml, C.toml; EUR: B.toml"),
            "{warning}"
        );
        assert!(horizon_note(&rows).is_some_and(|n| n.contains("different months")));
    }
}
