//! Tornado sensitivity (MODEL.md §5): each input given as a range or distribution
//! moved to its low and its high value, every other input at its base value,
//! evaluated as an exact base case.
//!
//! A `[[costs]]` amount feeds its own column and nothing else (MODEL.md §3),
//! and the total is the sum of the rounded cells (§4). So the totals at every
//! cost's low come from ONE evaluation with all cost amounts at their lows
//! (the same for the highs): the base total with that cost's column swapped.
//! This is the same figure to the cent as moving the cost alone (checked by
//! `cost_swings_from_one_evaluation_equal_moving_each_cost_alone`), and it
//! turns the 200 evaluations of 100 uncertain costs into 2 (the worst valid
//! scenario's base case went from 24 s to a few seconds of CPU time).

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::base::{BaseCase, MAX_FIGURE, run_with};
use super::{CASH_BEFORE_COSTS, Model, Overflow};
use crate::scenario::{BUILTIN_INPUTS, Scenario};

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
    let costs = CostSwaps::new(scenario, &model, &base, &uncertain);
    let mut rows = uncertain
        .par_iter()
        .map(|&i| {
            let (low, high) = scenario.inputs[i].value.low_high();
            let total_at = |v: Decimal, end: End| -> Result<Decimal, Overflow> {
                if let Some(total) = costs.total(i, end) {
                    return Ok(total);
                }
                let mut x = base.clone();
                x[i] = v;
                Ok(run_with(scenario, &model, &x)?.total())
            };
            let total_at_low = total_at(low, End::Low)?;
            let total_at_high = total_at(high, End::High)?;
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

#[derive(Debug, Clone, Copy)]
enum End {
    Low,
    High,
}

/// The base case and the evaluations with every uncertain cost amount at its
/// low and at its high (see the module's note); `None` where one of them
/// overflowed, and each cost is then moved alone.
struct CostSwaps {
    base: Option<BaseCase>,
    low: Option<BaseCase>,
    high: Option<BaseCase>,
}

impl CostSwaps {
    fn new(
        scenario: &Scenario,
        model: &Model<Decimal>,
        base: &[Decimal],
        uncertain: &[usize],
    ) -> CostSwaps {
        let costs: Vec<usize> = uncertain
            .iter()
            .copied()
            .filter(|&i| i >= BUILTIN_INPUTS)
            .collect();
        if costs.len() < 2 {
            // Nothing to save: each cost is moved alone.
            return CostSwaps {
                base: None,
                low: None,
                high: None,
            };
        }
        let at = |end: End| {
            let mut x = base.to_vec();
            for &i in &costs {
                let (low, high) = scenario.inputs[i].value.low_high();
                x[i] = match end {
                    End::Low => low,
                    End::High => high,
                };
            }
            run_with(scenario, model, &x).ok()
        };
        let (base_case, (low, high)) = rayon::join(
            || run_with(scenario, model, base).ok(),
            || rayon::join(|| at(End::Low), || at(End::High)),
        );
        CostSwaps {
            base: base_case,
            low,
            high,
        }
    }

    /// The total with input `i` (a cost amount) at `end` and every other input
    /// at base: the base case's cells with this cost's column taken from the
    /// evaluation at `end`. `None` for any other input, or when a figure of
    /// the result would pass [`MAX_FIGURE`] (moving the cost alone then
    /// reports the overflow as the base case would).
    fn total(&self, i: usize, end: End) -> Option<Decimal> {
        let k = i.checked_sub(BUILTIN_INPUTS)?;
        let base = self.base.as_ref()?;
        let moved = match end {
            End::Low => self.low.as_ref()?,
            End::High => self.high.as_ref()?,
        };
        let column = CASH_BEFORE_COSTS.len() + k;
        let within = |x: Decimal| x.abs() <= MAX_FIGURE;
        let (mut cumulative, mut total, mut cash_total, mut cost) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for (b, m) in base.rows.iter().zip(&moved.rows) {
            let change = m.cash[column].checked_sub(b.cash[column])?;
            let month_cash = b.cash_total.checked_add(change)?;
            let month_total = b.total.checked_add(change)?;
            cumulative = cumulative.checked_add(month_total)?;
            total = total.checked_add(month_total)?;
            cash_total = cash_total.checked_add(month_cash)?;
            cost = cost.checked_add(m.cash[column])?;
            if ![month_cash, month_total, cumulative, total, cash_total, cost]
                .into_iter()
                .all(within)
            {
                return None;
            }
        }
        Some(total)
    }
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

    #[test]
    fn cost_swings_from_one_evaluation_equal_moving_each_cost_alone() {
        let text = r#"
[scenario]
name = "Costs"
start = "2027-01"
months = 30
discount_rate = 0.05
[team]
engineers = 7.5
salary = [110000, 130000]
attrition = 0.12
[adoption]
waves = [{ month = "2027-02", engineers = 3 }, { month = "2027-09", engineers = 4.5 }]
[hiring]
plan = [{ month = "2027-03", count = 1.5 }, { month = "2028-01", count = 2 }]
[benefits]
infra_per_month = [500, 1500]
ramp_months = 4
[[costs]]
name = "course"
amount = { low = 20000.005, high = 40000.015 }
month = "2027-01"
[[costs]]
name = "seats"
amount = { low = 19.995, mode = 25, high = 40.005, dist = "triangular" }
from = "2027-03"
per_engineer = true
[[costs]]
name = "fixed"
amount = 1000
from = "2027-01"
[[costs]]
name = "support"
amount = [333.333, 666.667]
from = "2027-06"
to = "2028-02"
per_engineer = true
"#;
        let s = match load_str("t.toml", text, &[]) {
            Ok(l) => l.scenario,
            Err(e) => panic!("{e}"),
        };
        let rows = sensitivity(&s).unwrap_or_else(|e| panic!("{e}"));
        let model = Model::<Decimal>::new(&s);
        let mut costs_seen = 0;
        for row in &rows {
            let alone = |v: Decimal| {
                let mut x = s.base_values();
                x[row.input] = v;
                run_with(&s, &model, &x)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .total()
            };
            assert_eq!(row.total_at_low, alone(row.low), "{}", row.key);
            assert_eq!(row.total_at_high, alone(row.high), "{}", row.key);
            costs_seen += usize::from(row.input >= BUILTIN_INPUTS);
        }
        assert_eq!(costs_seen, 3);
    }
}
