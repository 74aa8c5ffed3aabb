//! What `adoptcost run` reports for one scenario, for the commands whose
//! figures must equal it exactly (`compare`, `sweep`).

use std::collections::BTreeMap;

use super::{OUT, Test};

/// The seed the what-if tests give `run`, `compare` and `sweep` alike.
pub(crate) const SEED: &str = "7";

/// `summary.csv` by metric (`base,mean,p10,p50,p90`), and the break-even month
/// (empty when there is none) from `monthly.csv`.
pub(crate) struct RunFigures {
    pub(crate) summary: BTreeMap<String, Vec<String>>,
    pub(crate) break_even: String,
    /// The break-even month projected from the run rate, as `comparison.csv`
    /// writes it (MODEL.md §3), when there is one.
    pub(crate) projected_break_even: Option<String>,
}

/// Runs `run <scenario> --samples <samples> --seed 7 <extra>` and reads its figures.
#[track_caller]
pub(crate) fn single_run(scenario: &str, samples: &str, extra: &[&str]) -> RunFigures {
    let run = Test::new()
        .args([
            "run",
            scenario,
            "--out",
            OUT,
            "--samples",
            samples,
            "--seed",
            SEED,
            "--no-charts",
            "--quiet",
        ])
        .args(extra.iter().copied())
        .run();
    let summary = run
        .summary()
        .rows
        .into_iter()
        .map(|mut r| {
            let values = r.split_off(1);
            (r.swap_remove(0), values)
        })
        .collect();
    // Break-even (MODEL.md §3): the first month from which the cumulative
    // total stays ≤ 0 to the end.
    let monthly = run.monthly();
    let cumulative = monthly.index("cumulative_total");
    let mut break_even = String::new();
    for row in monthly.rows.iter().rev() {
        if !row[cumulative].starts_with('-') && row[cumulative] != "0.00" {
            break;
        }
        break_even = row[0].clone();
    }
    let projected_break_even = if break_even.is_empty() {
        projection(
            &monthly.column("month"),
            &monthly.column("total"),
            &monthly.column("cumulative_total"),
        )
    } else {
        None
    };
    RunFigures {
        summary,
        break_even,
        projected_break_even,
    }
}

/// ⌈C / (−run rate)⌉ months after the last month, when the last month saves
/// (MODEL.md §3); "none within 100 years" beyond 1,200 months.
fn projection(months: &[&str], totals: &[&str], cumulative: &[&str]) -> Option<String> {
    let cents = |s: &str| -> i128 { s.replace('.', "").parse().unwrap_or_default() };
    let run_rate = cents(totals.last()?);
    let c = cents(cumulative.last()?);
    if run_rate >= 0 || c <= 0 {
        return None;
    }
    let k = (c + (-run_rate) - 1) / (-run_rate);
    if k > 1200 {
        return Some("none within 100 years".to_string());
    }
    let last = months.last()?;
    let (y, m) = last.split_once('-')?;
    let ordinal = y.parse::<i128>().ok()? * 12 + m.parse::<i128>().ok()? - 1 + k;
    Some(format!("{:04}-{:02}", ordinal / 12, ordinal % 12 + 1))
}
