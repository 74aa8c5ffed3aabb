//! The files of a portfolio's own folder: `monthly.csv`, `summary.csv`,
//! `sensitivity.csv`, `bands.csv` (and the charts, `chart_files.rs`). Each
//! team's folder is written by the same code as `adoptcost run`.

use rust_decimal::Decimal;

use super::OutputFile;
use super::csv::{format_decimal, format_f64, safe_text, table};
use crate::model::base::Precision;
use crate::sample::Stats;
use crate::whatif::portfolio::PortfolioResults;

/// The portfolio's CSV files.
pub(crate) fn csv_files(p: &PortfolioResults) -> anyhow::Result<Vec<OutputFile>> {
    let mut files = vec![
        file("monthly.csv", monthly(p)?),
        file("summary.csv", summary(p)?),
        file("sensitivity.csv", sensitivity(p)?),
    ];
    if p.sampled.is_some() {
        files.push(file("bands.csv", bands(p)?));
    }
    Ok(files)
}

fn file(name: &str, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        name: name.to_string(),
        bytes,
    }
}

/// `monthly.csv`: `month`, each team's `total` (by slug), then the org sums.
fn monthly(p: &PortfolioResults) -> anyhow::Result<Vec<u8>> {
    let mut header = vec!["month".to_string()];
    header.extend(p.portfolio.teams.iter().map(|t| t.slug.clone()));
    header.extend(
        [
            "org_total",
            "org_cumulative",
            "org_cash_total",
            "org_capacity_cost",
            "org_capacity_em",
        ]
        .map(String::from),
    );
    let rows: Vec<Vec<String>> = p
        .months
        .iter()
        .map(|m| {
            let mut rec = vec![m.month.to_string()];
            rec.extend(m.teams.iter().map(|c| money(*c)));
            rec.extend([m.total, m.cumulative, m.cash_total, m.capacity_cost].map(money));
            rec.push(em(m.capacity_em));
            rec
        })
        .collect();
    table(&header, &rows)
}

/// Money cells keep two decimals, even a zero outside a team's horizon.
fn money(d: Decimal) -> String {
    let mut d = d;
    d.rescale(2);
    format_decimal(d)
}

fn em(d: Decimal) -> String {
    let mut d = d;
    d.rescale(3);
    format_decimal(d)
}

/// `summary.csv`: one row per team, then `organisation`.
fn summary(p: &PortfolioResults) -> anyhow::Result<Vec<u8>> {
    let header: Vec<String> = [
        "team",
        "total_base",
        "mean",
        "p10",
        "p50",
        "p90",
        "npv",
        "break_even",
        "break_even_chance",
    ]
    .map(String::from)
    .to_vec();
    let sampled = p.sampled.as_ref();
    let stats_cells = |s: Option<&Stats>| -> Vec<String> {
        s.map_or_else(
            || vec![String::new(); 4],
            |s| {
                [s.mean, s.p10, s.p50, s.p90]
                    .map(|x| format_f64(x, Precision::Money))
                    .to_vec()
            },
        )
    };
    let chance = |c: Option<f64>| c.map_or_else(String::new, |c| format!("{c:.4}"));
    let mut rows = Vec::new();
    for (i, team) in p.portfolio.teams.iter().enumerate() {
        let base = p.team_base(i);
        let mut rec = vec![safe_text(&team.slug), format_decimal(base.total())];
        rec.extend(stats_cells(sampled.map(|s| &s.teams[i])));
        rec.push(format_decimal(base.npv()));
        rec.push(
            base.break_even_month()
                .map(|m| m.to_string())
                .unwrap_or_default(),
        );
        rec.push(chance(sampled.map(|s| s.team_break_even_chance[i])));
        rows.push(rec);
    }
    let mut org = vec!["organisation".to_string(), format_decimal(p.total)];
    org.extend(stats_cells(sampled.map(|s| &s.total)));
    org.push(format_decimal(p.npv));
    org.push(
        p.break_even_month()
            .map(|m| m.to_string())
            .unwrap_or_default(),
    );
    org.push(chance(sampled.map(|s| s.break_even_chance)));
    rows.push(org);
    table(&header, &rows)
}

/// `sensitivity.csv` over the org total: shared keys as written, other
/// inputs prefixed with their team's slug.
fn sensitivity(p: &PortfolioResults) -> anyhow::Result<Vec<u8>> {
    let header: Vec<String> = [
        "input",
        "low",
        "high",
        "total_at_low",
        "total_at_high",
        "swing",
    ]
    .map(String::from)
    .to_vec();
    let value = |v: Option<Decimal>| v.map_or_else(String::new, |v| v.normalize().to_string());
    let rows: Vec<Vec<String>> = p
        .sensitivity
        .iter()
        .map(|r| {
            vec![
                safe_text(&r.key),
                value(r.low),
                value(r.high),
                format_decimal(r.total_at_low),
                format_decimal(r.total_at_high),
                format_decimal(r.swing),
            ]
        })
        .collect();
    table(&header, &rows)
}

/// `bands.csv`: per org month, P10/P50/P90/mean of the org cumulative total.
fn bands(p: &PortfolioResults) -> anyhow::Result<Vec<u8>> {
    let header: Vec<String> = ["month", "p10", "p50", "p90", "mean"]
        .map(String::from)
        .to_vec();
    let bands = p.sampled.as_ref().map_or(&[][..], |s| &s.bands[..]);
    let rows: Vec<Vec<String>> = p
        .months
        .iter()
        .zip(bands)
        .map(|(m, b)| {
            let mut rec = vec![m.month.to_string()];
            rec.extend(b.iter().map(|x| format_f64(*x, Precision::Money)));
            rec
        })
        .collect();
    table(&header, &rows)
}
