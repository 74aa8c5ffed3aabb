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
    RunFigures {
        summary,
        break_even,
    }
}
