//! The base case: the model in exact decimals, rounded cell by cell, with totals
//! as sums of the rounded cells (MODEL.md §4), so a spreadsheet's SUM of a column
//! equals the printed total to the cent.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::num::decimal_of_f64;
use super::{
    CAPACITY, CASH_AFTER_COSTS, CASH_BEFORE_COSTS, Model, Month, Overflow, Sink, cash_columns,
};
use crate::scenario::{Scenario, YearMonth};

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precision {
    /// 2 decimals
    Money,
    /// 3 decimals: engineer-months and engineer counts
    EngineerMonths,
}

impl Precision {
    pub(crate) fn decimals(self) -> u32 {
        match self {
            Precision::Money => 2,
            Precision::EngineerMonths => 3,
        }
    }
}

/// Rounds a cell: to 12 decimals, then to its precision, half away from zero
/// both times; never negative zero (MODEL.md §4).
pub(crate) fn round_cell(x: Decimal, precision: Precision) -> Decimal {
    let mut r = x
        .round_dp_with_strategy(12, RoundingStrategy::MidpointAwayFromZero)
        .round_dp_with_strategy(precision.decimals(), RoundingStrategy::MidpointAwayFromZero);
    if r.is_zero() {
        r = Decimal::ZERO;
    }
    r.rescale(precision.decimals());
    r
}

/// One row of `monthly.csv`, every cell rounded.
#[derive(Debug, Clone)]
pub struct MonthlyRow {
    pub(crate) month: YearMonth,
    pub(crate) engineers: Decimal,
    pub(crate) engineers_baseline: Decimal,
    pub(crate) rust_engineers: Decimal,
    pub cash: Vec<Decimal>,
    pub(crate) cash_total: Decimal,
    pub capacity: [Decimal; 5],
    pub(crate) capacity_cost: Decimal,
    pub(crate) total: Decimal,
    pub(crate) cumulative_total: Decimal,
    pub em: [Decimal; 5],
    pub(crate) capacity_em: Decimal,
}

/// The metrics of `summary.csv`, in order (MODEL.md §5).
#[derive(Debug, Clone)]
pub(crate) struct Metrics {
    pub(crate) names: Vec<String>,
    pub(crate) precisions: Vec<Precision>,
    /// Number of cash columns (the first entries).
    pub(crate) cash: usize,
}

impl Metrics {
    pub(crate) fn new(scenario: &Scenario) -> Metrics {
        let cash = cash_columns(scenario);
        let n_cash = cash.len();
        let mut names = cash;
        names.extend(CAPACITY.iter().map(|s| s.to_string()));
        names.extend(["cash_total", "capacity_cost", "total"].map(String::from));
        let money = names.len();
        names.extend(CAPACITY.iter().map(|s| format!("{s}_em")));
        names.push("capacity_em".to_string());
        names.push("npv".to_string());
        names.push("run_rate".to_string());
        let precisions = (0..names.len())
            .map(|i| {
                if i < money || i >= names.len() - 2 {
                    Precision::Money
                } else {
                    Precision::EngineerMonths
                }
            })
            .collect();
        Metrics {
            names,
            precisions,
            cash: n_cash,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// Index of `total`.
    pub(crate) fn total(&self) -> usize {
        self.cash + CAPACITY.len() + 2
    }

    pub(crate) fn cash_total(&self) -> usize {
        self.cash + CAPACITY.len()
    }

    pub(crate) fn capacity_cost(&self) -> usize {
        self.cash + CAPACITY.len() + 1
    }

    pub(crate) fn capacity_em(&self) -> usize {
        self.len() - 3
    }

    pub(crate) fn npv(&self) -> usize {
        self.len() - 2
    }

    /// Index of `run_rate`: the last month's total (MODEL.md §3).
    pub(crate) fn run_rate(&self) -> usize {
        self.len() - 1
    }

    #[cfg(test)]
    pub(crate) fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

/// The exact base case of a scenario.
#[derive(Debug, Clone)]
pub struct BaseCase {
    pub(crate) cash_columns: Vec<String>,
    pub rows: Vec<MonthlyRow>,
    /// The model's unrounded figures per month, for exporters that show the
    /// working (the XLSX helper sheet).
    pub(crate) unrounded: Vec<Month<Decimal>>,
    pub(crate) metrics: Metrics,
    /// Horizon totals, one per metric (sums of rounded cells; NPV rounded).
    pub(crate) totals: Vec<Decimal>,
    /// Month index of break-even, if any.
    pub(crate) break_even: Option<usize>,
}

impl BaseCase {
    pub(crate) fn total(&self) -> Decimal {
        self.totals[self.metrics.total()]
    }

    pub(crate) fn npv(&self) -> Decimal {
        self.totals[self.metrics.npv()]
    }

    pub(crate) fn break_even_month(&self) -> Option<YearMonth> {
        self.break_even.map(|m| self.rows[m].month)
    }

    /// The last month's `total`: what the adoption still costs (or saves) per
    /// month when the horizon ends (MODEL.md §3).
    pub(crate) fn run_rate(&self) -> Decimal {
        self.totals[self.metrics.run_rate()]
    }

    /// When there is no break-even within the horizon and the run rate is a
    /// saving, the month the cumulative total would reach zero if every later
    /// month cost the run rate (MODEL.md §3).
    pub(crate) fn projected_break_even(&self) -> Option<Projection> {
        if self.break_even.is_some() {
            return None;
        }
        let last = self.rows.last()?;
        projected_break_even(last.month, last.cumulative_total, self.run_rate())
    }
}

/// A break-even month projected from the run rate (never an actual one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Projection {
    Month(YearMonth),
    /// More than 1,200 months after the horizon.
    Beyond100Years,
}

/// Most months a projection looks beyond the horizon (MODEL.md §3: 100 years).
const PROJECTION_LIMIT: i64 = 1200;

/// Month M − 1 + ⌈C / (−run rate)⌉, i.e. ⌈C / (−run rate)⌉ months after the
/// last month `last`, C its cumulative total (> 0), when the run rate is negative.
pub(crate) fn projected_break_even(
    last: YearMonth,
    cumulative: Decimal,
    run_rate: Decimal,
) -> Option<Projection> {
    if cumulative <= Decimal::ZERO || run_rate >= Decimal::ZERO {
        return None;
    }
    let saving = -run_rate;
    // ⌈C / s⌉, checked exactly: the smallest k with k · s ≥ C.
    let mut k = cumulative.checked_div(saving)?.ceil();
    while k > Decimal::ONE && (k - Decimal::ONE).checked_mul(saving)? >= cumulative {
        k -= Decimal::ONE;
    }
    while k.checked_mul(saving)? < cumulative {
        k += Decimal::ONE;
    }
    match k.to_i64() {
        Some(k) if k <= PROJECTION_LIMIT => Some(Projection::Month(last.plus(k))),
        _ => Some(Projection::Beyond100Years),
    }
}

/// Largest figure written (10^20): far beyond any real budget, and small enough
/// that `Decimal`'s 28 digits still hold every cent of every sum. A larger
/// figure is reported as an overflow naming its inputs, never written rounded.
pub const MAX_FIGURE: Decimal = Decimal::from_parts(1_661_992_960, 1_808_227_885, 5, false, 0);

/// Checks that a written figure stays within [`MAX_FIGURE`].
fn within(x: Decimal, item: &str, month: &str) -> Result<Decimal, Overflow> {
    if x.abs() <= MAX_FIGURE {
        Ok(x)
    } else {
        Err(Overflow {
            item: item.to_string(),
            month: month.to_string(),
            inputs: super::item_inputs(item),
        })
    }
}

struct RowSink<'s> {
    scenario: &'s Scenario,
    cash_names: Vec<String>,
    unrounded: Vec<Month<Decimal>>,
    rows: Vec<MonthlyRow>,
    cumulative: Decimal,
}

/// A total of written cells; it is written too, so it obeys [`MAX_FIGURE`].
fn sum(cells: &[Decimal], item: &str, month: &str) -> Result<Decimal, Overflow> {
    cells
        .iter()
        .try_fold(Decimal::ZERO, |acc, c| acc.checked_add(*c))
        .filter(|total| total.abs() <= MAX_FIGURE)
        .ok_or_else(|| Overflow {
            item: item.to_string(),
            month: month.to_string(),
            inputs: "the money inputs (team.salary, cost amounts, benefits)",
        })
}

impl Sink<Decimal> for RowSink<'_> {
    fn month(&mut self, m: usize, month: &Month<Decimal>) -> Result<(), Overflow> {
        let label = self.scenario.month_label(m);
        let at = label.to_string();
        let money = |x: Decimal| round_cell(x, Precision::Money);
        let em_cell = |x: Decimal| round_cell(x, Precision::EngineerMonths);
        let mut cash = Vec::with_capacity(month.cash.len());
        for (x, name) in month.cash.iter().zip(&self.cash_names) {
            let item = if CASH_BEFORE_COSTS.contains(&name.as_str())
                || CASH_AFTER_COSTS.contains(&name.as_str())
            {
                name.as_str()
            } else {
                "costs"
            };
            cash.push(within(money(*x), item, &at)?);
        }
        let mut capacity = [Decimal::ZERO; 5];
        let mut em = [Decimal::ZERO; 5];
        for i in 0..5 {
            capacity[i] = within(money(month.capacity[i]), CAPACITY[i], &at)?;
            em[i] = within(em_cell(month.em[i]), CAPACITY[i], &at)?;
        }
        let cash_total = sum(&cash, "cash_total", &at)?;
        let capacity_cost = sum(&capacity, "capacity_cost", &at)?;
        let total = sum(&[cash_total, capacity_cost], "total", &at)?;
        self.cumulative = sum(&[self.cumulative, total], "cumulative_total", &at)?;
        self.rows.push(MonthlyRow {
            month: label,
            engineers: within(em_cell(month.engineers), "unfilled_seats", &at)?,
            engineers_baseline: within(em_cell(month.engineers_baseline), "unfilled_seats", &at)?,
            rust_engineers: within(em_cell(month.rust_engineers), "unfilled_seats", &at)?,
            capacity_em: sum(&em, "capacity_em", &at)?,
            cash,
            cash_total,
            capacity,
            capacity_cost,
            total,
            cumulative_total: self.cumulative,
            em,
        });
        self.unrounded.push(month.clone());
        Ok(())
    }
}

/// Runs the base case with the given input values (normally the base values;
/// sensitivity and sweeps pass others).
pub(crate) fn run_with(
    scenario: &Scenario,
    model: &Model<Decimal>,
    inputs: &[Decimal],
) -> Result<BaseCase, Overflow> {
    let mut sink = RowSink {
        scenario,
        cash_names: cash_columns(scenario),
        unrounded: Vec::with_capacity(scenario.months),
        rows: Vec::with_capacity(scenario.months),
        cumulative: Decimal::ZERO,
    };
    let mut scratch = model.scratch();
    model.evaluate(inputs, &mut scratch, &mut sink)?;
    let rows = sink.rows;
    let unrounded = sink.unrounded;
    let metrics = Metrics::new(scenario);
    let overflow = |item: &str| Overflow {
        item: item.to_string(),
        month: "the horizon total".to_string(),
        inputs: "the money inputs (team.salary, cost amounts, benefits)",
    };
    let mut totals = vec![Decimal::ZERO; metrics.len()];
    let n_cash = metrics.cash;
    for row in &rows {
        let cells = row
            .cash
            .iter()
            .chain(row.capacity.iter())
            .chain([&row.cash_total, &row.capacity_cost, &row.total])
            .chain(row.em.iter())
            .chain([&row.capacity_em]);
        for (i, c) in cells.enumerate() {
            totals[i] = totals[i]
                .checked_add(*c)
                .filter(|total| total.abs() <= MAX_FIGURE)
                .ok_or_else(|| overflow(&metrics.names[i]))?;
        }
    }
    debug_assert_eq!(metrics.names.len(), n_cash + 5 + 3 + 5 + 3);
    // NPV over the rounded monthly totals (MODEL.md §3), with factors exact to
    // about 26 digits so that large totals still round to the right cent.
    let factors = discount_factors_exact(scenario.discount_rate, rows.len())
        .ok_or_else(|| overflow("npv"))?;
    let mut npv = Decimal::ZERO;
    for (row, factor) in rows.iter().zip(factors) {
        let term = row
            .total
            .checked_mul(factor)
            .ok_or_else(|| overflow("npv"))?;
        npv = npv.checked_add(term).ok_or_else(|| overflow("npv"))?;
    }
    let npv_index = metrics.npv();
    totals[npv_index] = Some(round_cell(npv, Precision::Money))
        .filter(|npv| npv.abs() <= MAX_FIGURE)
        .ok_or_else(|| overflow("npv"))?;
    totals[metrics.run_rate()] = rows.last().map_or(Decimal::ZERO, |r| r.total);
    let break_even = break_even(rows.iter().map(|r| r.cumulative_total));
    Ok(BaseCase {
        cash_columns: cash_columns(scenario),
        rows,
        unrounded,
        metrics,
        totals,
        break_even,
    })
}

/// `(1 + rate)^(-(m+1)/12)` for each month, in decimals: q = (1 + rate)^(-1/12)
/// is found by Newton's method on q¹²·(1 + rate) = 1 from an `f64` guess, then
/// raised by repeated multiplication.
pub(crate) fn discount_factors_exact(rate: Decimal, months: usize) -> Option<Vec<Decimal>> {
    let growth = Decimal::ONE.checked_add(rate)?;
    let mut q = decimal_of_f64(crate::model::num::Num::to_f64(growth).powf(-1.0 / 12.0))?;
    for _ in 0..4 {
        let q11 = (0..10).try_fold(q, |acc, _| acc.checked_mul(q))?;
        let f = q11
            .checked_mul(q)?
            .checked_mul(growth)?
            .checked_sub(Decimal::ONE)?;
        let df = q11.checked_mul(growth)?.checked_mul(Decimal::from(12))?;
        q = q.checked_sub(f.checked_div(df)?)?;
    }
    let mut out = Vec::with_capacity(months);
    let mut factor = Decimal::ONE;
    for _ in 0..months {
        factor = factor.checked_mul(q)?;
        out.push(factor);
    }
    Some(out)
}

/// The base case at the base values.
pub fn run(scenario: &Scenario) -> Result<BaseCase, Overflow> {
    let model = Model::<Decimal>::new(scenario);
    run_with(scenario, &model, &scenario.base_values())
}

/// The first month from which the cumulative total stays ≤ 0 to the end; none if
/// the last month's cumulative total is > 0 (MODEL.md §3).
pub(crate) fn break_even<T: PartialOrd + Default>(
    cumulative: impl DoubleEndedIterator<Item = T> + ExactSizeIterator,
) -> Option<usize> {
    let mut first = None;
    for (i, c) in cumulative.enumerate().rev() {
        if c > T::default() {
            break;
        }
        first = Some(i);
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn rounds_half_away_from_zero_in_two_steps() {
        assert_eq!(round_cell(d("1.005"), Precision::Money).to_string(), "1.01");
        assert_eq!(
            round_cell(d("-1.005"), Precision::Money).to_string(),
            "-1.01"
        );
        // 12-decimal step first: 0.0049999999999996 → 0.005000000000 → 0.01
        assert_eq!(
            round_cell(d("0.0049999999999996"), Precision::Money).to_string(),
            "0.01"
        );
        assert_eq!(
            round_cell(d("-0.001"), Precision::Money).to_string(),
            "0.00"
        );
        assert_eq!(
            round_cell(d("2"), Precision::EngineerMonths).to_string(),
            "2.000"
        );
        assert_eq!(
            round_cell(d("-0.0004"), Precision::EngineerMonths).to_string(),
            "0.000"
        );
    }

    #[test]
    fn discount_factors_match_closed_form() {
        let f = discount_factors_exact(d("0.08"), 24).unwrap_or_default();
        // (1.08)^(-1) after 12 months, (1.08)^(-2) after 24.
        assert_eq!(f[11].round_dp(20), (Decimal::ONE / d("1.08")).round_dp(20));
        assert_eq!(
            f[23].round_dp(20),
            (Decimal::ONE / d("1.1664")).round_dp(20)
        );
        let zero = discount_factors_exact(Decimal::ZERO, 3).unwrap_or_default();
        assert!(zero.iter().all(|x| *x == Decimal::ONE));
    }

    #[test]
    fn projection_counts_whole_months_of_the_run_rate_after_the_horizon() {
        let last = YearMonth::parse("2028-12").unwrap_or_else(|| unreachable!());
        let month = |s: &str| YearMonth::parse(s).map(Projection::Month);
        // 100 / 45 = 2.2 → 3 months after 2028-12.
        assert_eq!(
            projected_break_even(last, d("100"), d("-45")),
            month("2029-03")
        );
        // Exactly 2 months of saving.
        assert_eq!(
            projected_break_even(last, d("90"), d("-45")),
            month("2029-02")
        );
        assert_eq!(projected_break_even(last, d("100"), d("45")), None);
        assert_eq!(projected_break_even(last, d("-1"), d("-45")), None);
        assert_eq!(
            projected_break_even(last, d("1201"), d("-1")),
            Some(Projection::Beyond100Years)
        );
        assert_eq!(
            projected_break_even(last, d("1200"), d("-1")),
            month("2128-12")
        );
    }

    #[test]
    fn break_even_is_the_first_month_staying_at_or_below_zero() {
        let cum = [d("5"), d("-1"), d("2"), d("0"), d("-3")];
        assert_eq!(break_even(cum.iter().copied()), Some(3));
        let never = [d("-5"), d("1")];
        assert_eq!(break_even(never.iter().copied()), None);
        let always = [d("-5"), d("-1")];
        assert_eq!(break_even(always.iter().copied()), Some(0));
    }
}
