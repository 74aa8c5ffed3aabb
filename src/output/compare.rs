//! The table `adoptcost compare` prints: cheapest first, money with thousands
//! separators and the currency, each scenario's difference to the cheapest.

use super::plural;
use crate::text::{group_thousands, money, money_f64, printable};
use crate::whatif::compare::{ComparisonRow, cheapest_first, currencies, horizon_note};

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
    let name = printable(name).into_owned();
    if name.chars().count() <= max {
        name
    } else {
        let cut: String = name.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// What `adoptcost compare` prints: the table, then the files written.
pub(crate) fn report(rows: &[ComparisonRow], sampled: Option<(usize, u64)>, files: &str) -> String {
    let mut out = stdout_table(rows, sampled);
    out.push_str(&format!("  files: {files}\n"));
    out
}

/// The readable comparison for stdout: cheapest first, money with thousands
/// separators and the currency, the difference to the cheapest scenario.
pub(crate) fn stdout_table(rows: &[ComparisonRow], sampled: Option<(usize, u64)>) -> String {
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
            plural(rows.len()),
            group_thousands(&samples.to_string())
        ),
        None => format!(
            "{} scenario{}, cheapest first (base-case totals; no sampling)\n",
            rows.len(),
            plural(rows.len())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::whatif::compare::{example_row, mixed_rows};

    #[test]
    fn table_is_cheapest_first_with_differences() {
        let rows = [
            example_row("Dear", 2_500_000, "USD", "2027-01", 24),
            example_row("Cheap", 1_234_567, "USD", "2027-01", 24),
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
    }

    #[test]
    fn names_fit_one_cell() {
        assert_eq!(cell_name("Two\nlines", 40), "Two lines");
        assert_eq!(cell_name("abcdef", 4), "abc…");
    }

    #[test]
    fn mixed_currencies_and_horizons_are_called_out() {
        let rows = mixed_rows();
        let text = stdout_table(&rows, None);
        assert!(text.contains("cheapest in EUR"), "{text}");
        assert!(text.contains("cheapest in USD"), "{text}");
        // C is compared with A (same currency), not with B.
        assert!(text.contains("+10.00 USD"), "{text}");
        assert!(text.contains("different months"), "{text}");
        assert!(text.contains("2026-07 to 2028-06"), "{text}");
    }
}
