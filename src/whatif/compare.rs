//! `adoptcost compare`: several scenarios, each computed exactly as `adoptcost
//! run` computes it (same seed, same samples), side by side.
//!
//! Every figure comes from the scenario's own results, over its own horizon:
//! scenarios with different start months or horizons are not cut to a common
//! window, and the table and chart say so.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::app::Results;
use crate::export::csv::{format_decimal, format_f64, safe_text, table};
use crate::model::base::Precision;
use crate::sample::Stats;
use crate::scenario::YearMonth;
use crate::text::{money, money_f64};

/// One scenario's line of `comparison.csv` and of the stdout table.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonRow {
    pub name: String,
    pub file: String,
    pub currency: String,
    pub start: YearMonth,
    pub months: usize,
    /// Base-case horizon total (exact).
    pub total_base: Decimal,
    /// Sampled statistics of the horizon total, when sampled.
    pub total: Option<Stats>,
    pub cash_total: Decimal,
    pub capacity_cost: Decimal,
    pub capacity_em: Decimal,
    pub npv: Decimal,
    pub break_even: Option<YearMonth>,
}

impl ComparisonRow {
    /// The last projected month.
    pub fn end(&self) -> YearMonth {
        self.start
            .plus(i64::try_from(self.months).unwrap_or(i64::MAX / 4) - 1)
    }
}

/// The rows, in the order the scenarios were given.
pub fn rows(results: &[Results]) -> Vec<ComparisonRow> {
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
            }
        })
        .collect()
}

/// `comparison.csv`: one row per scenario in the order given; the sampled
/// columns are empty when nothing was sampled. Figures are written exactly as
/// in each scenario's `summary.csv`.
pub fn csv(rows: &[ComparisonRow]) -> anyhow::Result<Vec<u8>> {
    let header: Vec<String> = [
        "scenario",
        "total_base",
        "total_mean",
        "total_p10",
        "total_p50",
        "total_p90",
        "cash_total",
        "capacity_cost",
        "capacity_em",
        "npv",
        "break_even",
    ]
    .map(String::from)
    .to_vec();
    let records: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let sampled = |f: fn(&Stats) -> f64| {
                r.total
                    .as_ref()
                    .map(|s| format_f64(f(s), Precision::Money))
                    .unwrap_or_default()
            };
            vec![
                safe_text(&r.name),
                format_decimal(r.total_base),
                sampled(|s| s.mean),
                sampled(|s| s.p10),
                sampled(|s| s.p50),
                sampled(|s| s.p90),
                format_decimal(r.cash_total),
                format_decimal(r.capacity_cost),
                format_decimal(r.capacity_em),
                format_decimal(r.npv),
                r.break_even.map(|m| m.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    table(&header, &records)
}

/// Row indices, cheapest base-case total first (ties keep the given order).
pub fn cheapest_first(rows: &[ComparisonRow]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[a].total_base.cmp(&rows[b].total_base));
    order
}

fn currencies(rows: &[ComparisonRow]) -> Vec<&str> {
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
pub fn currency_warning(rows: &[ComparisonRow]) -> Option<String> {
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
pub fn horizon_note(rows: &[ComparisonRow]) -> Option<String> {
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

/// Lays out a table with aligned columns (widths in characters).
fn layout(columns: &[(&str, Align)], cells: &[Vec<String>]) -> String {
    let width = |i: usize| {
        cells
            .iter()
            .map(|row| row[i].chars().count())
            .chain([columns[i].0.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns.len()).map(width).collect();
    let line = |row: &[String]| {
        let mut out = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.chars().count());
            out.push_str("  ");
            match columns[i].1 {
                Align::Left => {
                    out.push_str(cell);
                    out.push_str(&" ".repeat(pad));
                }
                Align::Right => {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(cell);
                }
            }
        }
        format!("{}\n", out.trim_end())
    };
    let header: Vec<String> = columns.iter().map(|(h, _)| h.to_string()).collect();
    let mut out = line(&header);
    for row in cells {
        out.push_str(&line(row));
    }
    out
}

/// A scenario name for one table cell: control characters (a `\n` written in
/// the TOML string) become spaces, long names are shortened (the CSV keeps
/// them whole).
fn cell_name(name: &str, max: usize) -> String {
    let name = crate::text::printable(name).into_owned();
    if name.chars().count() <= max {
        name
    } else {
        let cut: String = name.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// The readable comparison for stdout: cheapest first, money with thousands
/// separators and the currency, the difference to the cheapest scenario.
pub fn stdout_table(rows: &[ComparisonRow], sampled: Option<(usize, u64)>) -> String {
    let order = cheapest_first(rows);
    let several_currencies = currencies(rows).len() > 1;
    let mut columns = vec![
        ("#", Align::Right),
        ("scenario", Align::Left),
        ("horizon", Align::Left),
        ("total", Align::Right),
    ];
    if sampled.is_some() {
        columns.extend([("P10", Align::Right), ("P90", Align::Right)]);
    }
    columns.extend([
        ("NPV", Align::Right),
        ("break-even", Align::Left),
        ("vs cheapest", Align::Right),
    ]);
    let cells: Vec<Vec<String>> = order
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let r = &rows[i];
            let cur = &r.currency;
            // The cheapest scenario in the same currency: order is sorted, so
            // it is the first of that currency.
            let cheapest = order
                .iter()
                .copied()
                .find(|&j| rows[j].currency == r.currency);
            let versus = match cheapest.map(|j| (j, &rows[j])) {
                Some((j, _)) if j == i => {
                    if several_currencies {
                        format!("cheapest in {cur}")
                    } else {
                        "cheapest".to_string()
                    }
                }
                Some((_, c)) => match r.total_base.checked_sub(c.total_base) {
                    Some(d) => format!("+{} {cur}", money(d)),
                    None => "too large to subtract".to_string(),
                },
                None => String::new(),
            };
            let mut row = vec![
                (rank + 1).to_string(),
                cell_name(&r.name, 40),
                format!("{} to {}", r.start, r.end()),
                format!("{} {cur}", money(r.total_base)),
            ];
            if sampled.is_some() {
                let pair = r
                    .total
                    .as_ref()
                    .map_or([String::new(), String::new()], |s| {
                        [
                            format!("{} {cur}", money_f64(s.p10)),
                            format!("{} {cur}", money_f64(s.p90)),
                        ]
                    });
                row.extend(pair);
            }
            row.extend([
                format!("{} {cur}", money(r.npv)),
                r.break_even
                    .map_or_else(|| "none".to_string(), |m| m.to_string()),
                versus,
            ]);
            row
        })
        .collect();
    let mut out = match sampled {
        Some((samples, seed)) => format!(
            "{} scenario{}, cheapest first (base-case totals; P10 and P90 of {} samples, seed {seed})\n",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            crate::text::group_thousands(&samples.to_string())
        ),
        None => format!(
            "{} scenario{}, cheapest first (base-case totals; no sampling)\n",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        ),
    };
    out.push_str(&layout(&columns, &cells));
    if let Some(note) = horizon_note(rows) {
        out.push_str(&format!("  note: {note}\n"));
    }
    if several_currencies {
        out.push_str(&format!(
            "  note: the scenarios are in {} currencies; totals in different currencies are not comparable\n",
            currencies(rows).len()
        ));
    }
    out
}

/// One scenario's series in the comparison charts.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSeries {
    pub name: String,
    pub currency: String,
    /// The scenario's own months, `YYYY-MM`.
    pub months: Vec<String>,
    /// Base-case cumulative total per month.
    pub cumulative_base: Vec<f64>,
    /// P10, P50 and P90 of the cumulative total per month, when sampled.
    pub bands: Option<Vec<[f64; 3]>>,
    /// Base-case horizon total.
    pub total_base: f64,
    /// P10, P50 and P90 of the horizon total, when sampled (the whiskers).
    pub total_range: Option<[f64; 3]>,
}

/// What `comparison.png` (cumulative total over time per scenario: base line
/// and P10-P90 band) and `comparison_totals.png` (totals with P10-P90 whiskers)
/// show, in the order the scenarios were given.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonChart {
    pub series: Vec<ScenarioSeries>,
    /// True when every scenario covers the same calendar months: one month
    /// axis. Otherwise each scenario is drawn on its own axis of months since
    /// its start, and the chart must print [`ComparisonChart::axis_note`].
    pub same_months: bool,
    pub axis_note: Option<String>,
    /// Set when the scenarios are in different currencies: the chart must say
    /// so (their totals are not comparable).
    pub currency_note: Option<String>,
    /// Samples and seed, when sampled (the same for every scenario).
    pub sampled: Option<(usize, u64)>,
}

/// The chart data of a comparison (from computed results; never reruns the model).
pub fn chart_data(results: &[Results]) -> ComparisonChart {
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let series: Vec<ScenarioSeries> = results
        .iter()
        .map(|r| {
            let b = &r.base;
            ScenarioSeries {
                name: r.scenario.name.clone(),
                currency: r.scenario.currency.clone(),
                months: b.rows.iter().map(|row| row.month.to_string()).collect(),
                cumulative_base: b.rows.iter().map(|row| f(row.cumulative_total)).collect(),
                bands: r
                    .sampled
                    .as_ref()
                    .map(|s| s.bands.iter().map(|x| [x[0], x[1], x[2]]).collect()),
                total_base: f(b.total()),
                total_range: r
                    .sampled
                    .as_ref()
                    .and_then(|s| s.stats.get(b.metrics.total()))
                    .map(|t| [t.p10, t.p50, t.p90]),
            }
        })
        .collect();
    let same_months = series.windows(2).all(|w| w[0].months == w[1].months);
    let rows = rows(results);
    ComparisonChart {
        series,
        same_months,
        axis_note: (!same_months).then(|| {
            "Scenarios cover different months: each is drawn from its own start (months since start)".to_string()
        }),
        currency_note: currency_warning(&rows).map(|_| {
            "Scenarios are in different currencies: totals are not comparable".to_string()
        }),
        sampled: results
            .iter()
            .find_map(|r| r.sampled.as_ref().map(|s| (s.samples, s.seed))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, total: i64, currency: &str, start: &str, months: usize) -> ComparisonRow {
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
        }
    }

    #[test]
    fn table_is_cheapest_first_with_differences() {
        let rows = [
            row("Dear", 2_500_000, "USD", "2027-01", 24),
            row("Cheap", 1_234_567, "USD", "2027-01", 24),
        ];
        let text = stdout_table(&rows, None);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[2].contains("Cheap") && lines[2].contains("cheapest"),
            "{text}"
        );
        assert!(lines[3].contains("Dear"), "{text}");
        assert!(lines[3].ends_with("+1,265,433.00 USD"), "{text}");
        assert!(lines[2].contains("1,234,567.00 USD"), "{text}");
        // Columns are aligned: the totals end in the same column.
        let end = |l: &str, s: &str| l.find(s).map(|i| i + s.len());
        assert_eq!(
            end(lines[2], "1,234,567.00 USD"),
            end(lines[3], "2,500,000.00 USD")
        );
        assert!(horizon_note(&rows).is_none());
        assert!(currency_warning(&rows).is_none());
    }

    fn results(text: &str, samples: usize) -> Results {
        let loaded =
            crate::scenario::load_str("t.toml", text, &[]).unwrap_or_else(|e| panic!("{e}"));
        crate::app::compute(
            loaded.scenario,
            samples,
            1,
            &crate::sample::Progress::hidden(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    const TEAM: &str = "[team]\nengineers = 4\nsalary = 100000\n";

    #[test]
    fn chart_data_keeps_each_scenario_on_its_own_months() {
        let a = results(
            &format!("[scenario]\nname = \"A\"\nstart = \"2027-01\"\nmonths = 12\n{TEAM}"),
            300,
        );
        let b = results(
            &format!(
                "[scenario]\nname = \"B\"\nstart = \"2027-07\"\nmonths = 6\ncurrency = \"EUR\"\n{TEAM}"
            ),
            0,
        );
        let chart = chart_data(&[a, b]);
        assert!(!chart.same_months);
        assert!(chart.axis_note.is_some());
        assert!(chart.currency_note.is_some());
        let [sa, sb] = &chart.series[..] else {
            panic!("two series expected")
        };
        assert_eq!(sa.months.len(), 12);
        assert_eq!(sa.months[0], "2027-01");
        assert_eq!(
            sb.months,
            [
                "2027-07", "2027-08", "2027-09", "2027-10", "2027-11", "2027-12"
            ]
        );
        assert_eq!(sa.bands.as_ref().map(Vec::len), Some(12));
        assert!(sb.bands.is_none() && sb.total_range.is_none());
        assert_eq!(sa.cumulative_base.last().copied(), Some(sa.total_base));
        let same = chart_data(&[
            results(
                &format!("[scenario]\nname = \"A\"\nstart = \"2027-01\"\n{TEAM}"),
                0,
            ),
            results(
                &format!("[scenario]\nname = \"B\"\nstart = \"2027-01\"\n{TEAM}"),
                0,
            ),
        ]);
        assert!(same.same_months && same.axis_note.is_none() && same.currency_note.is_none());
        assert_eq!(chart.sampled, Some((300, 1)));
        assert_eq!(same.sampled, None);
    }

    #[test]
    fn names_fit_one_cell() {
        assert_eq!(cell_name("Two\nlines", 40), "Two lines");
        assert_eq!(cell_name("abcdef", 4), "abc…");
    }

    #[test]
    fn mixed_currencies_and_horizons_are_called_out() {
        let rows = [
            row("A", 10, "USD", "2027-01", 24),
            row("B", 5, "EUR", "2027-01", 36),
            row("C", 20, "USD", "2026-07", 24),
        ];
        let warning = currency_warning(&rows).unwrap_or_default();
        assert!(
            warning.contains("USD: A.toml, C.toml; EUR: B.toml"),
            "{warning}"
        );
        let text = stdout_table(&rows, None);
        assert!(text.contains("cheapest in EUR"), "{text}");
        assert!(text.contains("cheapest in USD"), "{text}");
        // C is compared with A (same currency), not with B.
        assert!(text.contains("+10.00 USD"), "{text}");
        assert!(text.contains("different months"), "{text}");
        assert!(text.contains("2026-07 to 2028-06"), "{text}");
    }
}
