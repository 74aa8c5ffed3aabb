//! A portfolio: several teams' results added by calendar month into one
//! organisation view. Each team is computed exactly as `adoptcost run` computes
//! it (its own base case, sensitivity and folder); this module only adds.
//!
//! - The organisation's months run from the earliest team start to the latest
//!   team end; a team adds nothing outside its own horizon.
//! - Org cells are sums of the teams' rounded cells, so the base case equals
//!   the sum of each team's own `monthly.csv` to the cent (MODEL.md §4).
//! - Org NPV: each team's rounded monthly totals discounted at that team's own
//!   rate to the organisation's first month, summed and rounded.

use rust_decimal::Decimal;

use crate::model::base::{
    BaseCase, Precision, Projection, break_even, discount_factors_exact, projected_break_even,
    round_cell,
};
use crate::model::sensitivity::SensitivityRow;
use crate::sample::portfolio::OrgSampled;
use crate::sample::results::Results;
use crate::scenario::YearMonth;
use crate::scenario::portfolio::Portfolio;

/// One month of the organisation: every team's `total` cell (zero outside
/// its horizon) and the org sums.
#[derive(Debug, Clone)]
pub(crate) struct OrgMonth {
    pub(crate) month: YearMonth,
    pub(crate) teams: Vec<Decimal>,
    pub(crate) total: Decimal,
    pub(crate) cumulative: Decimal,
    pub(crate) cash_total: Decimal,
    pub(crate) capacity_cost: Decimal,
    pub(crate) capacity_em: Decimal,
}

/// One row of the portfolio's `sensitivity.csv`.
#[derive(Debug, Clone)]
pub(crate) struct OrgSensitivityRow {
    /// A shared key as written, or `<team-slug>.<key>`.
    pub(crate) key: String,
    /// The input's low and high; `None` for a shared key whose teams give
    /// different ranges.
    pub(crate) low: Option<Decimal>,
    pub(crate) high: Option<Decimal>,
    pub(crate) total_at_low: Decimal,
    pub(crate) total_at_high: Decimal,
    pub(crate) swing: Decimal,
}

/// The organisation's figures, with each team's own results.
pub(crate) struct PortfolioResults {
    pub(crate) portfolio: Portfolio,
    /// In the order of the portfolio file.
    pub(crate) teams: Vec<Results>,
    pub(crate) months: Vec<OrgMonth>,
    pub(crate) total: Decimal,
    pub(crate) npv: Decimal,
    pub(crate) break_even: Option<usize>,
    pub(crate) sensitivity: Vec<OrgSensitivityRow>,
    pub(crate) sampled: Option<OrgSampled>,
}

/// Where each team starts in the org's months, and how many months the org has.
pub(crate) fn calendar(
    starts_and_lengths: &[(YearMonth, usize)],
) -> (YearMonth, Vec<usize>, usize) {
    let first = starts_and_lengths
        .iter()
        .map(|(s, _)| *s)
        .min()
        .unwrap_or_else(|| YearMonth::new(2000, 1).unwrap_or_else(|| unreachable!()));
    let offsets: Vec<usize> = starts_and_lengths
        .iter()
        .map(|(s, _)| usize::try_from(s.months_since(first)).unwrap_or(0))
        .collect();
    let months = starts_and_lengths
        .iter()
        .zip(&offsets)
        .map(|((_, n), o)| o + n)
        .max()
        .unwrap_or(0);
    (first, offsets, months)
}

/// Adds the teams' base cases by calendar month; `sampled` comes from
/// [`crate::sample::portfolio`] (or `None` without sampling).
pub(crate) fn combine(
    portfolio: Portfolio,
    teams: Vec<Results>,
    sampled: Option<OrgSampled>,
) -> Option<PortfolioResults> {
    let spans: Vec<(YearMonth, usize)> = teams
        .iter()
        .map(|r| (r.scenario.start, r.scenario.months))
        .collect();
    let (first, offsets, n_months) = calendar(&spans);
    let mut months = Vec::with_capacity(n_months);
    let mut cumulative = Decimal::ZERO;
    for m in 0..n_months {
        let mut row = OrgMonth {
            month: first.plus(i64::try_from(m).ok()?),
            teams: Vec::with_capacity(teams.len()),
            total: Decimal::ZERO,
            cumulative: Decimal::ZERO,
            cash_total: Decimal::ZERO,
            capacity_cost: Decimal::ZERO,
            capacity_em: Decimal::ZERO,
        };
        for (team, &offset) in teams.iter().zip(&offsets) {
            let cell = m.checked_sub(offset).and_then(|i| team.base.rows.get(i));
            let Some(cell) = cell else {
                row.teams.push(Decimal::ZERO);
                continue;
            };
            row.teams.push(cell.total);
            row.total = row.total.checked_add(cell.total)?;
            row.cash_total = row.cash_total.checked_add(cell.cash_total)?;
            row.capacity_cost = row.capacity_cost.checked_add(cell.capacity_cost)?;
            row.capacity_em = row.capacity_em.checked_add(cell.capacity_em)?;
        }
        cumulative = cumulative.checked_add(row.total)?;
        row.cumulative = cumulative;
        months.push(row);
    }
    let total = months
        .iter()
        .try_fold(Decimal::ZERO, |acc, r| acc.checked_add(r.total))?;
    let npv = org_npv(&teams, &offsets)?;
    let break_even = break_even(months.iter().map(|r| r.cumulative));
    let sensitivity = sensitivity(&portfolio, &teams, total)?;
    Some(PortfolioResults {
        portfolio,
        teams,
        months,
        total,
        npv,
        break_even,
        sensitivity,
        sampled,
    })
}

/// Σ over teams and their months of the rounded total × the team's discount
/// factor counted from the org's first month (MODEL.md §3), rounded once.
fn org_npv(teams: &[Results], offsets: &[usize]) -> Option<Decimal> {
    let mut npv = Decimal::ZERO;
    for (team, &offset) in teams.iter().zip(offsets) {
        let factors =
            discount_factors_exact(team.scenario.discount_rate, offset + team.base.rows.len())?;
        for (row, factor) in team.base.rows.iter().zip(&factors[offset..]) {
            npv = npv.checked_add(row.total.checked_mul(*factor)?)?;
        }
    }
    Some(round_cell(npv, Precision::Money))
}

/// Tornado rows over the organisation's total (MODEL.md §5): a shared key
/// moves to its low (high) in every team that gives it as a range at once;
/// any other input moves in its own team only. Each team's swing comes from
/// its own sensitivity, so org totals are exact sums.
fn sensitivity(
    portfolio: &Portfolio,
    teams: &[Results],
    org_total: Decimal,
) -> Option<Vec<OrgSensitivityRow>> {
    let mut rows = Vec::new();
    for key in &portfolio.shared {
        let moved: Vec<(&Results, &SensitivityRow)> = teams
            .iter()
            .filter_map(|t| t.sensitivity.iter().find(|r| &r.key == key).map(|r| (t, r)))
            .collect();
        if moved.is_empty() {
            continue;
        }
        let mut at_low = org_total;
        let mut at_high = org_total;
        for (team, row) in &moved {
            at_low = at_low.checked_add(row.total_at_low.checked_sub(team.base.total())?)?;
            at_high = at_high.checked_add(row.total_at_high.checked_sub(team.base.total())?)?;
        }
        let same = |f: fn(&SensitivityRow) -> Decimal| {
            let first = f(moved[0].1);
            moved.iter().all(|(_, r)| f(r) == first).then_some(first)
        };
        rows.push(OrgSensitivityRow {
            key: key.clone(),
            low: same(|r| r.low),
            high: same(|r| r.high),
            total_at_low: at_low,
            total_at_high: at_high,
            swing: at_high.checked_sub(at_low)?.abs(),
        });
    }
    for (team, slug) in teams.iter().zip(portfolio.teams.iter().map(|t| &t.slug)) {
        for r in &team.sensitivity {
            if portfolio.shared.contains(&r.key) {
                continue;
            }
            let shift = |v: Decimal| org_total.checked_add(v.checked_sub(team.base.total())?);
            rows.push(OrgSensitivityRow {
                key: format!("{slug}.{}", r.key),
                low: Some(r.low),
                high: Some(r.high),
                total_at_low: shift(r.total_at_low)?,
                total_at_high: shift(r.total_at_high)?,
                swing: r.swing,
            });
        }
    }
    rows.sort_by(|a, b| b.swing.cmp(&a.swing).then_with(|| a.key.cmp(&b.key)));
    Some(rows)
}

impl PortfolioResults {
    /// The base-case break-even month of the organisation.
    pub(crate) fn break_even_month(&self) -> Option<YearMonth> {
        self.break_even.map(|m| self.months[m].month)
    }

    /// Without a break-even, the month the org's cumulative total would reach
    /// zero if every later month cost the last month's total (MODEL.md §3).
    pub(crate) fn projected_break_even(&self) -> Option<Projection> {
        if self.break_even.is_some() {
            return None;
        }
        let last = self.months.last()?;
        projected_break_even(last.month, last.cumulative, last.total)
    }

    /// A team's base case, for the summary.
    pub(crate) fn team_base(&self, i: usize) -> &BaseCase {
        &self.teams[i].base
    }
}
