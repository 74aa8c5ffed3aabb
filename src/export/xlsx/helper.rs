//! The Helper sheet: per month, the hiring cohorts' presence, starts and ramp
//! terms (MODEL.md §2), and the unrounded sums the Monthly sheet rounds.

use anyhow::Context;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Worksheet};

use crate::model::{self, base::BaseCase, num::Q};
use crate::scenario::Scenario;

use super::assumptions::PlanCells;
use super::exact::Exact;
use super::formats::{Styles, abs_cell, cell, col_name, date_of, result};
use super::monthly::MonthlyCols;
use super::{
    DISCOUNT_RATE, FIRST_ROW, HEADER_ROW, HELPER, JOINS_ROW, MONTHLY, TEAM_ENGINEERS,
    TEAM_LEARNERS, WAIT_SHARE, WEIGHT_ROW,
};

/// The aggregate columns of the Helper sheet; per-cohort blocks follow them.
pub(super) mod col {
    pub(crate) const MONTH: u16 = 0;
    pub(crate) const INDEX: u16 = 1;
    pub(crate) const WORKING_DAYS: u16 = 2;
    pub(crate) const RUST_PRESENT: u16 = 3;
    pub(crate) const BASE_PRESENT: u16 = 4;
    pub(crate) const PR: u16 = 5;
    pub(crate) const PB: u16 = 6;
    pub(crate) const RUST_STARTS: u16 = 7;
    pub(crate) const BASE_STARTS: u16 = 8;
    /// `X_em`, unrounded, in `CAPACITY` order.
    pub(crate) const EM: u16 = 9;
    pub(crate) const DISCOUNT: u16 = 14;
    pub(crate) const BREAK_EVEN: u16 = 15;
    pub(crate) const BLOCKS: u16 = 16;
}
use col as hc;

/// A block of per-cohort columns on the Helper sheet.
struct Block {
    title: &'static str,
    first: u16,
    len: u16,
}

impl Block {
    fn range(&self, row: u32) -> String {
        format!(
            "{}:{}",
            cell(row, self.first),
            cell(row, self.first + self.len - 1)
        )
    }

    fn abs_range(&self, row: u32) -> String {
        format!(
            "{}:{}",
            abs_cell(row, self.first),
            abs_cell(row, self.first + self.len - 1)
        )
    }

    /// `SUMPRODUCT` of the block's cohort weights and its cells in `row`.
    fn weighted(&self, row: u32) -> String {
        if self.len == 0 {
            "0".to_string()
        } else {
            format!(
                "SUMPRODUCT({},{})",
                self.abs_range(WEIGHT_ROW),
                self.range(row)
            )
        }
    }
}

/// The per-cohort blocks, left to right after the aggregate columns: four with
/// a column per opening, then four per ramping cohort (the current team, then
/// each opening).
struct Cohorts {
    present_r: Block,
    present_b: Block,
    starts_r: Block,
    starts_b: Block,
    done_start: Block,
    done_end: Block,
    loss: Block,
    mentored: Block,
    /// The first column after the blocks.
    end: u16,
}

impl Cohorts {
    fn new(openings: u16) -> Cohorts {
        let (h, k) = (openings, openings + 1);
        let mut next = hc::BLOCKS;
        let mut block = |title: &'static str, len: u16| {
            let b = Block {
                title,
                first: next,
                len,
            };
            next += len;
            b
        };
        let present_r = block("in post (Rust)", h);
        let present_b = block("in post (baseline)", h);
        let starts_r = block("hired this month (Rust)", h);
        let starts_b = block("hired this month (baseline)", h);
        let done_start = block("ramp months done at month start", k);
        let done_end = block("ramp months done at month end", k);
        let loss = block("ramp loss F(end) − F(start)", k);
        let mentored = block("mentored months", k);
        Cohorts {
            present_r,
            present_b,
            starts_r,
            starts_b,
            done_start,
            done_end,
            loss,
            mentored,
            end: next,
        }
    }
}

/// The Helper sheet.
pub(super) fn helper_sheet(
    scenario: &Scenario,
    base: &BaseCase,
    exact: &Exact,
    cols: &MonthlyCols,
    styles: &Styles,
    plan: &PlanCells,
) -> anyhow::Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(HELPER)?;
    ws.write_string_with_format(
        0,
        0,
        "Helper: each hiring cohort month by month (MODEL.md §2); the Monthly sheet rounds the unrounded sums on the left",
        &styles.title,
    )?;
    let label_col = hc::BLOCKS - 1;
    ws.write_string_with_format(WEIGHT_ROW, label_col, "cohort weight →", &styles.note)?;
    ws.write_string_with_format(JOINS_ROW, label_col, "joins at (months) →", &styles.note)?;
    let sheet = HelperSheet {
        scenario,
        base,
        exact,
        cols,
        cohorts: Cohorts::new(scenario.plan.len() as u16),
    };
    sheet.cohort_header(&mut ws, styles, plan)?;
    column_headers(&mut ws, styles)?;
    for m in 0..scenario.months {
        sheet.month(&mut ws, styles, m)?;
    }

    ws.set_row_height(HEADER_ROW, 60)?;
    ws.set_column_width(hc::MONTH, 10)?;
    for c in 1..sheet.cohorts.end {
        ws.set_column_width(c, 16)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 1)?;
    Ok(ws)
}

fn column_headers(ws: &mut Worksheet, styles: &Styles) -> anyhow::Result<()> {
    let headers: [(u16, &str); 16] = [
        (hc::MONTH, "month"),
        (hc::INDEX, "month index m"),
        (hc::WORKING_DAYS, "working days WD(m)"),
        (
            hc::RUST_PRESENT,
            "hires in post, Rust: Σ count·present(tr, m)",
        ),
        (
            hc::BASE_PRESENT,
            "hires in post, baseline: Σ count·present(tb, m)",
        ),
        (hc::PR, "engineers Pr(m), unrounded"),
        (hc::PB, "engineers Pb(m), unrounded"),
        (hc::RUST_STARTS, "Rust hires starting: Σ count·[⌊tr⌋ = m]"),
        (
            hc::BASE_STARTS,
            "baseline hires starting: Σ count·[⌊tb⌋ = m]",
        ),
        (hc::EM, "vacancy_em, unrounded"),
        (hc::EM + 1, "ramp_em, unrounded"),
        (hc::EM + 2, "mentoring_em, unrounded"),
        (hc::EM + 3, "productivity_em, unrounded"),
        (hc::EM + 4, "build_wait_em, unrounded"),
        (hc::DISCOUNT, "discount factor (1+rate)^(−(m+1)/12)"),
        (
            hc::BREAK_EVEN,
            "cumulative ≤ 0 from here to the end (1 = yes)",
        ),
    ];
    for (c, text) in headers {
        ws.write_string_with_format(HEADER_ROW, c, text, &styles.header)?;
    }
    Ok(())
}

/// A formula with its stored result.
fn formula(text: String, value: Decimal) -> Formula {
    Formula::new(text).set_result(result(value))
}

/// The joining time of a cohort column, in the cohort header: `Q$3`.
fn joins(col: u16) -> String {
    format!("{}${}", col_name(col), JOINS_ROW + 1)
}

/// present(t, m) of MODEL.md §2, from the model.
fn present(t: Decimal, m: Decimal) -> Decimal {
    model::present(Q::of(t), Q::of(m)).get().unwrap_or_default()
}

/// Months of ramp done by time `x` after joining at `t`: min(max(x − t, 0), R).
fn ramp_done(x: Decimal, t: Decimal, r: Decimal) -> Decimal {
    (x - t).max(Decimal::ZERO).min(r)
}

/// F(y) − F(x) with F(y) = y − y²/(2R) for y ≤ R (MODEL.md §2), on ramp-done
/// values that are already capped at R (so F(R) = R/2 follows); 0 when R = 0.
fn ramp_loss(start: Decimal, end: Decimal, r: Decimal) -> Option<Decimal> {
    if r.is_zero() {
        return Some(Decimal::ZERO);
    }
    let two_r = r.checked_add(r)?;
    let f =
        |y: Decimal| -> Option<Decimal> { y.checked_sub(y.checked_mul(y)?.checked_div(two_r)?) };
    f(end)?.checked_sub(f(start)?)
}

/// One month's row of the sheet.
struct MonthRow {
    m: usize,
    /// The sheet row (0-based).
    row: u32,
    /// m as a decimal.
    md: Decimal,
    /// The month index, fixed to its column: `$B5`.
    index: String,
}

impl MonthRow {
    fn at(&self, col: u16) -> String {
        cell(self.row, col)
    }
}

/// What the rows of the sheet read.
struct HelperSheet<'a> {
    scenario: &'a Scenario,
    base: &'a BaseCase,
    exact: &'a Exact,
    cols: &'a MonthlyCols,
    cohorts: Cohorts,
}

impl HelperSheet<'_> {
    fn opening_label(&self, i: usize) -> String {
        let scenario = self.scenario;
        format!(
            "opening {} ({})",
            i + 1,
            scenario.start.plus(scenario.plan[i].month)
        )
    }

    /// Each cohort column's title, weight and joining time, above its column.
    fn cohort_header(
        &self,
        ws: &mut Worksheet,
        styles: &Styles,
        plan: &PlanCells,
    ) -> anyhow::Result<()> {
        let (c, exact) = (&self.cohorts, self.exact);
        let linked = |target: &str, value: Decimal| formula(format!("={target}"), value);
        for (b, rust) in [
            (&c.present_r, true),
            (&c.present_b, false),
            (&c.starts_r, true),
            (&c.starts_b, false),
        ] {
            for i in 0..b.len as usize {
                let col = b.first + i as u16;
                let (joins, t) = if rust {
                    (&plan.tr[i], exact.tr[i])
                } else {
                    (&plan.tb[i], exact.tb[i])
                };
                let title = format!("{}: {}", b.title, self.opening_label(i));
                ws.write_string_with_format(HEADER_ROW, col, title, &styles.header)?;
                let count = self.scenario.plan[i].count;
                ws.write_formula(WEIGHT_ROW, col, linked(&plan.count[i], count))?;
                ws.write_formula(JOINS_ROW, col, linked(joins, t))?;
            }
        }
        for b in [&c.done_start, &c.done_end, &c.loss, &c.mentored] {
            for j in 0..b.len as usize {
                let col = b.first + j as u16;
                let label = match j {
                    0 => "current team".to_string(),
                    _ => self.opening_label(j - 1),
                };
                let title = format!("{}: {}", b.title, label);
                ws.write_string_with_format(HEADER_ROW, col, title, &styles.header)?;
                if j == 0 {
                    let weight = linked(TEAM_LEARNERS, exact.team_learners);
                    ws.write_formula(WEIGHT_ROW, col, weight)?;
                    ws.write_number(JOINS_ROW, col, 0)?;
                } else {
                    let learners = exact.learners[j - 1];
                    ws.write_formula(WEIGHT_ROW, col, linked(&plan.learners[j - 1], learners))?;
                    ws.write_formula(JOINS_ROW, col, linked(&plan.tr[j - 1], exact.tr[j - 1]))?;
                }
            }
        }
        Ok(())
    }

    /// Month m's row: its label, index and working days, each cohort's terms,
    /// and the sums over cohorts.
    fn month(&self, ws: &mut Worksheet, styles: &Styles, m: usize) -> anyhow::Result<()> {
        let row = FIRST_ROW + m as u32;
        let r = MonthRow {
            m,
            row,
            md: Decimal::from(m as u64),
            index: format!("${}", cell(row, hc::INDEX)),
        };
        let scenario = self.scenario;
        let label = scenario.month_label(m);
        ws.write_datetime_with_format(row, hc::MONTH, date_of(label)?, &styles.date)?;
        ws.write_number(row, hc::INDEX, m as f64)?;
        ws.write_number(row, hc::WORKING_DAYS, f64::from(scenario.working_days[m]))?;
        let starts = self.openings(ws, &r)?;
        self.ramp_terms(ws, &r)?;
        self.sums(ws, &r, starts)?;
        self.break_even(ws, &r)
    }

    /// Per opening: in post (present, MODEL.md §2) and hired this month; returns
    /// the Rust and baseline hires starting this month.
    fn openings(&self, ws: &mut Worksheet, r: &MonthRow) -> anyhow::Result<(Decimal, Decimal)> {
        let (c, exact, index) = (&self.cohorts, self.exact, &r.index);
        let starts = |t: Decimal| {
            if t.floor() == r.md {
                Decimal::ONE
            } else {
                Decimal::ZERO
            }
        };
        let mut starts_r_sum = Decimal::ZERO;
        let mut starts_b_sum = Decimal::ZERO;
        for (i, opening) in self.scenario.plan.iter().enumerate() {
            let (tr, tb, count) = (exact.tr[i], exact.tb[i], opening.count);
            let col = |b: &Block| b.first + i as u16;
            let in_post = |b: &Block| format!("=MIN(MAX({index}+1-{},0),1)", joins(col(b)));
            let hired = |b: &Block| format!("=IF(INT({})={index},1,0)", joins(col(b)));
            let cells = [
                (&c.present_r, in_post(&c.present_r), present(tr, r.md)),
                (&c.present_b, in_post(&c.present_b), present(tb, r.md)),
                (&c.starts_r, hired(&c.starts_r), starts(tr)),
                (&c.starts_b, hired(&c.starts_b), starts(tb)),
            ];
            for (b, text, value) in cells {
                ws.write_formula(r.row, col(b), formula(text, value))?;
            }
            starts_r_sum += count * starts(tr);
            starts_b_sum += count * starts(tb);
        }
        Ok((starts_r_sum, starts_b_sum))
    }

    /// Per ramping cohort: ramp months done at the month's start and end, and
    /// its ramp and mentoring terms (MODEL.md §2-§3).
    fn ramp_terms(&self, ws: &mut Worksheet, r: &MonthRow) -> anyhow::Result<()> {
        let (c, exact, index) = (&self.cohorts, self.exact, &r.index);
        let r_ramp = exact.ramp_months;
        for j in 0..c.done_start.len as usize {
            let t = if j == 0 {
                Decimal::ZERO
            } else {
                exact.tr[j - 1]
            };
            let ys = ramp_done(r.md, t, r_ramp);
            let ye = ramp_done(r.md + Decimal::ONE, t, r_ramp);
            let col = |b: &Block| b.first + j as u16;
            let (s, e) = (r.at(col(&c.done_start)), r.at(col(&c.done_end)));
            let done = |offset: &str, b: &Block| {
                format!("=MIN(MAX({index}{offset}-{},0),ramp_months)", joins(col(b)))
            };
            let l = ramp_loss(ys, ye, r_ramp).context("the ramp terms overflow")?;
            let cells = [
                (&c.done_start, done("", &c.done_start), ys),
                (&c.done_end, done("+1", &c.done_end), ye),
                (
                    &c.loss,
                    format!("=IF(ramp_months=0,0,({e}-{s})-({e}^2-{s}^2)/(2*ramp_months))"),
                    l,
                ),
                (&c.mentored, format!("={e}-{s}"), ye - ys),
            ];
            for (b, text, value) in cells {
                ws.write_formula(r.row, col(b), formula(text, value))?;
            }
        }
        Ok(())
    }

    /// Sums over cohorts: SUMPRODUCT of the weights and the per-cohort terms;
    /// then engineers, X_em of MODEL.md §3 (unrounded, in CAPACITY order) and
    /// the discount factor.
    fn sums(
        &self,
        ws: &mut Worksheet,
        r: &MonthRow,
        (starts_r, starts_b): (Decimal, Decimal),
    ) -> anyhow::Result<()> {
        let (c, row) = (&self.cohorts, r.row);
        let month = &self.exact.months[r.m];
        let e = self.scenario.engineers;
        let index = &r.index;
        let sums = [
            (
                hc::RUST_PRESENT,
                format!("={}", c.present_r.weighted(row)),
                month.engineers - e,
            ),
            (
                hc::BASE_PRESENT,
                format!("={}", c.present_b.weighted(row)),
                month.engineers_baseline - e,
            ),
            (
                hc::PR,
                format!("={TEAM_ENGINEERS}+{}", r.at(hc::RUST_PRESENT)),
                month.engineers,
            ),
            (
                hc::PB,
                format!("={TEAM_ENGINEERS}+{}", r.at(hc::BASE_PRESENT)),
                month.engineers_baseline,
            ),
            (
                hc::RUST_STARTS,
                format!("={}", c.starts_r.weighted(row)),
                starts_r,
            ),
            (
                hc::BASE_STARTS,
                format!("={}", c.starts_b.weighted(row)),
                starts_b,
            ),
            (
                hc::EM,
                format!("={}-{}", r.at(hc::PB), r.at(hc::PR)),
                month.em[0],
            ),
            (
                hc::EM + 1,
                format!(
                    "=(steady_productivity-start_productivity)*{}",
                    c.loss.weighted(row)
                ),
                month.em[1],
            ),
            (
                hc::EM + 2,
                format!("=mentoring*{}", c.mentored.weighted(row)),
                month.em[2],
            ),
            (
                hc::EM + 3,
                format!("={}*(1-steady_productivity)", r.at(hc::PR)),
                month.em[3],
            ),
            (
                hc::EM + 4,
                format!("={}*{WAIT_SHARE}", r.at(hc::PR)),
                month.em[4],
            ),
            (
                hc::DISCOUNT,
                format!("=(1+{DISCOUNT_RATE})^(-({index}+1)/12)"),
                self.exact.discount[r.m],
            ),
        ];
        for (col, text, value) in sums {
            ws.write_formula(row, col, formula(text, value))?;
        }
        Ok(())
    }

    /// 1 when the cumulative total stays ≤ 0 from this month to the end, which
    /// is exactly from break-even on.
    fn break_even(&self, ws: &mut Worksheet, r: &MonthRow) -> anyhow::Result<()> {
        let cum = format!("{MONTHLY}!{}", r.at(self.cols.cumulative()));
        let flag = if self.base.break_even.is_some_and(|b| r.m >= b) {
            Decimal::ONE
        } else {
            Decimal::ZERO
        };
        let text = if r.m + 1 == self.scenario.months {
            format!("=IF({cum}<=0,1,0)")
        } else {
            let below = cell(r.row + 1, hc::BREAK_EVEN);
            format!("=IF(AND({cum}<=0,{below}=1),1,0)")
        };
        ws.write_formula(r.row, hc::BREAK_EVEN, formula(text, flag))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramp_loss_matches_f_of_model_md() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        // R = 4: F(1) − F(0) = 1 − 1/8.
        assert_eq!(ramp_loss(d("0"), d("1"), d("4")), Some(d("0.875")));
        // Capped at R: F(4) − F(3.5) = 2 − (3.5 − 12.25/8).
        assert_eq!(ramp_loss(d("3.5"), d("4"), d("4")), Some(d("0.03125")));
        assert_eq!(ramp_loss(d("0"), d("0"), d("0")), Some(d("0")));
    }
}
