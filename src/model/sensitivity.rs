//! Tornado sensitivity (MODEL.md §5): each input given as a range or distribution
//! moved to its low and its high value, every other input at its base value,
//! evaluated as an exact base case.

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::base::run_with;
use super::{Model, Overflow};
use crate::scenario::Scenario;

/// One row of `sensitivity.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityRow {
    /// Index into `Scenario::inputs`.
    pub(crate) input: usize,
    /// Dotted key, e.g. `hiring.premium`.
    pub(crate) key: String,
    pub(crate) low: Decimal,
    pub(crate) high: Decimal,
    pub(crate) total_at_low: Decimal,
    pub(crate) total_at_high: Decimal,
    pub(crate) swing: Decimal,
    /// The sampled columns (MODEL.md §5), filled in by `sample::results`
    /// when there are trials; each `None` where the cell is empty.
    pub(crate) sampled: SampledDriver,
}

/// An input's part in the spread of the sampled total (MODEL.md §5).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct SampledDriver {
    /// Spearman correlation over the trials of its draws with the total.
    pub(crate) rank_correlation: Option<f64>,
    /// Its squared rank correlation over the sum of all of them.
    pub(crate) variance_share: Option<f64>,
    /// The median percentile rank of its draws over the trials at or above
    /// the P90 of the total.
    pub(crate) tail_percentile: Option<f64>,
}

/// Every uncertain input's swing, largest first, ties by key.
pub fn sensitivity(scenario: &Scenario) -> Result<Vec<SensitivityRow>, Overflow> {
    let model = Model::<Decimal>::new(scenario);
    let base = scenario.base_values();
    let uncertain: Vec<usize> = (0..scenario.inputs.len())
        .filter(|&i| scenario.inputs[i].value.is_uncertain())
        .collect();
    let mut rows = uncertain
        .par_iter()
        .map(|&i| {
            let (low, high) = scenario.inputs[i].value.low_high();
            let total_at = |v: Decimal| -> Result<Decimal, Overflow> {
                let mut x = base.clone();
                x[i] = v;
                Ok(run_with(scenario, &model, &x)?.total())
            };
            let total_at_low = total_at(low)?;
            let total_at_high = total_at(high)?;
            let swing = total_at_high
                .checked_sub(total_at_low)
                .map(|d| d.abs())
                .ok_or_else(|| Overflow {
                    item: "sensitivity".to_string(),
                    month: "the horizon total".to_string(),
                    inputs: "the money inputs",
                })?;
            Ok(SensitivityRow {
                input: i,
                key: scenario.inputs[i].key.clone(),
                low,
                high,
                total_at_low,
                total_at_high,
                swing,
                sampled: SampledDriver::default(),
            })
        })
        .collect::<Result<Vec<_>, Overflow>>()?;
    rows.sort_by(|a, b| b.swing.cmp(&a.swing).then_with(|| a.key.cmp(&b.key)));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_str;

    #[test]
    fn swings_are_sorted_and_signed_by_effect() {
        let text = r#"
[scenario]
name = "Hand-built"
start = "2027-01"
months = 12
[team]
engineers = 10
salary = 120000
overhead = 0.3
retention_raise = [0, 0.1]
[hiring]
premium = 0.25
multiplier = 2
days_to_hire = 45
fee = 0.2
know_rust = 0.5
[ramp]
months = 3
start_productivity = 0.3
steady_productivity = 1.0
mentoring = 0.1
[builds]
clean_minutes = 10
incremental_minutes = 1
incremental_per_day = 20
clean_per_day = 0.2
lost_share = 0.5
[benefits]
infra_per_month = [1000, 3000]
"#;
        let s = match load_str("t.toml", text, &[]) {
            Ok(l) => l.scenario,
            Err(e) => panic!("{e}"),
        };
        let rows = sensitivity(&s).unwrap_or_else(|e| panic!("{e}"));
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        // Retention raise: 10 engineers · 120000·1.3/12 · 0.1 · 12 months = 156,000.
        // Infrastructure: 2000 · 12 = 24,000, and a higher saving lowers the total.
        assert_eq!(keys, ["team.retention_raise", "benefits.infra_per_month"]);
        assert_eq!(rows[0].swing, Decimal::from(156_000));
        assert!(rows[0].total_at_high > rows[0].total_at_low);
        assert_eq!(rows[1].swing, Decimal::from(24_000));
        assert!(rows[1].total_at_high < rows[1].total_at_low);
    }
}
