//! The Monthly sheet: the columns and rows of `monthly.csv`, every cell a
//! formula over the Assumptions and Helper sheets, rounded like the CSV.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Worksheet};

use crate::model::CAPACITY;
use crate::model::base::{BaseCase, Precision};
use crate::scenario::{BUILTIN_INPUTS, Cost, Scenario};

use super::formats::{Styles, cell, date_formula, date_of, header_row, result, rounded};
use super::helper::col as hc;
use super::{FIRST_ROW, HEADER_ROW, HELPER, LOADED, MONTHLY, TEAM_ENGINEERS, VALUE};

/// The columns of the Monthly sheet, as in `monthly.csv`.
pub(super) struct MonthlyCols {
    pub(super) n_cash: usize,
}

impl MonthlyCols {
    pub(super) const MONTH: u16 = 0;
    const ENGINEERS: u16 = 1;
    const ENGINEERS_BASELINE: u16 = 2;
    const RUST_ENGINEERS: u16 = 3;
    fn cash(&self, i: usize) -> u16 {
        4 + i as u16
    }
    fn cash_total(&self) -> u16 {
        4 + self.n_cash as u16
    }
    fn capacity(&self, i: usize) -> u16 {
        self.cash_total() + 1 + i as u16
    }
    fn capacity_cost(&self) -> u16 {
        self.capacity(CAPACITY.len())
    }
    pub(super) fn total(&self) -> u16 {
        self.capacity_cost() + 1
    }
    pub(super) fn cumulative(&self) -> u16 {
        self.total() + 1
    }
    fn em(&self, i: usize) -> u16 {
        self.cumulative() + 1 + i as u16
    }
    fn capacity_em(&self) -> u16 {
        self.em(CAPACITY.len())
    }
    /// The Monthly column of a summary metric (none for NPV).
    pub(super) fn of_metric(&self, i: usize) -> Option<u16> {
        let n = self.n_cash;
        let c = CAPACITY.len();
        if i < n {
            Some(self.cash(i))
        } else if i < n + c {
            Some(self.capacity(i - n))
        } else if i == n + c {
            Some(self.cash_total())
        } else if i == n + c + 1 {
            Some(self.capacity_cost())
        } else if i == n + c + 2 {
            Some(self.total())
        } else if i < n + c + 3 + c {
            Some(self.em(i - n - c - 3))
        } else if i == n + 2 * c + 3 {
            Some(self.capacity_em())
        } else {
            None
        }
    }
}

/// The Monthly sheet.
pub(super) fn monthly_sheet(
    scenario: &Scenario,
    base: &BaseCase,
    names: &[String],
    cols: &MonthlyCols,
    styles: &Styles,
) -> anyhow::Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(MONTHLY)?;
    ws.write_string_with_format(
        0,
        0,
        format!("{}: month by month, {}", scenario.name, scenario.currency),
        &styles.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        "Every figure is a formula over the Assumptions sheet (edit the shaded cells there) and the Helper sheet, \
         rounded like monthly.csv: money to the cent, engineer-months to 3 decimals; totals are sums of the rounded cells.",
        &styles.note,
    )?;
    let header = crate::export::csv::monthly_header(base);
    // The CSV quotes formula-like names; a workbook string cell is never a formula.
    let unquoted: Vec<&str> = header
        .iter()
        .map(|h| h.strip_prefix('\'').unwrap_or(h))
        .collect();
    header_row(&mut ws, HEADER_ROW, &unquoted, styles)?;
    for m in 0..base.rows.len() {
        let row = MonthlyRow {
            ws: &mut ws,
            row: FIRST_ROW + m as u32,
            styles,
        };
        month(row, m, scenario, base, names, cols)?;
    }

    ws.set_row_height(HEADER_ROW, 30)?;
    ws.set_column_width(0, 10)?;
    for c in 1..header.len() as u16 {
        let width = header[c as usize].chars().count().clamp(10, 24) as f64 + 4.0;
        ws.set_column_width(c, width)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 1)?;
    Ok(ws)
}

/// One row of the sheet being written.
struct MonthlyRow<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    styles: &'a Styles,
}

impl MonthlyRow<'_> {
    /// A formula with its stored result, in the format of its kind.
    fn put(
        &mut self,
        col: u16,
        text: String,
        value: Decimal,
        kind: Precision,
    ) -> anyhow::Result<()> {
        let formula = Formula::new(text).set_result(result(value));
        self.ws
            .write_formula_with_format(self.row, col, formula, self.styles.of(kind))?;
        Ok(())
    }

    /// A cell of the Helper sheet in this row (the rows line up).
    fn helper(&self, col: u16) -> String {
        format!("{HELPER}!{}", cell(self.row, col))
    }

    /// `C5:H5`
    fn span(&self, a: u16, b: u16) -> String {
        format!("{}:{}", cell(self.row, a), cell(self.row, b))
    }
}

fn money(x: &str) -> String {
    format!("={}", rounded(x, Precision::Money))
}

fn em(x: &str) -> String {
    format!("={}", rounded(x, Precision::EngineerMonths))
}

/// Month m's row: engineers, cash, capacity and totals (MODEL.md §3-§4).
fn month(
    mut w: MonthlyRow,
    m: usize,
    scenario: &Scenario,
    base: &BaseCase,
    names: &[String],
    cols: &MonthlyCols,
) -> anyhow::Result<()> {
    let r = &base.rows[m];
    let row = w.row;
    let date = date_of(r.month)?;
    w.ws.write_datetime_with_format(row, MonthlyCols::MONTH, date, &w.styles.date)?;
    let (pr, pb) = (w.helper(hc::PR), w.helper(hc::PB));
    w.put(
        MonthlyCols::ENGINEERS,
        em(&pr),
        r.engineers,
        Precision::EngineerMonths,
    )?;
    let baseline = r.engineers_baseline;
    w.put(
        MonthlyCols::ENGINEERS_BASELINE,
        em(&pb),
        baseline,
        Precision::EngineerMonths,
    )?;
    // R(m) = Pr(m) while the whole team switches at the start and nobody
    // leaves, the only scenarios the workbook takes (see `check_fits`).
    w.put(
        MonthlyCols::RUST_ENGINEERS,
        em(&pr),
        r.rust_engineers,
        Precision::EngineerMonths,
    )?;

    for (i, text) in cash(&w, scenario, names).into_iter().enumerate() {
        w.put(cols.cash(i), text, r.cash[i], Precision::Money)?;
    }
    let n_cash = cols.n_cash;
    let cash_sum = w.span(cols.cash(0), cols.cash(n_cash - 1));
    w.put(
        cols.cash_total(),
        format!("=ROUND(SUM({cash_sum}),2)"),
        r.cash_total,
        Precision::Money,
    )?;
    // Capacity (MODEL.md §3): X = X_em · V on the unrounded X_em.
    for i in 0..CAPACITY.len() {
        let x_em = w.helper(hc::EM + i as u16);
        w.put(
            cols.capacity(i),
            money(&format!("{x_em}*{VALUE}")),
            r.capacity[i],
            Precision::Money,
        )?;
        w.put(cols.em(i), em(&x_em), r.em[i], Precision::EngineerMonths)?;
    }
    let capacity_sum = w.span(cols.capacity(0), cols.capacity(CAPACITY.len() - 1));
    let text = format!("=ROUND(SUM({capacity_sum}),2)");
    w.put(
        cols.capacity_cost(),
        text,
        r.capacity_cost,
        Precision::Money,
    )?;
    let text = format!(
        "=ROUND({}+{},2)",
        cell(row, cols.cash_total()),
        cell(row, cols.capacity_cost())
    );
    w.put(cols.total(), text, r.total, Precision::Money)?;
    let cumulative = if m == 0 {
        format!("=ROUND({},2)", cell(row, cols.total()))
    } else {
        format!(
            "=ROUND({}+{},2)",
            cell(row - 1, cols.cumulative()),
            cell(row, cols.total())
        )
    };
    w.put(
        cols.cumulative(),
        cumulative,
        r.cumulative_total,
        Precision::Money,
    )?;
    let em_sum = w.span(cols.em(0), cols.em(CAPACITY.len() - 1));
    let text = format!("=ROUND(SUM({em_sum}),3)");
    w.put(
        cols.capacity_em(),
        text,
        r.capacity_em,
        Precision::EngineerMonths,
    )
}

/// The cash formulas (MODEL.md §3), in monthly.csv order: the built-in costs,
/// the user's costs, then the savings.
fn cash(w: &MonthlyRow, scenario: &Scenario, names: &[String]) -> Vec<String> {
    let r1 = w.row + 1;
    let mut cash: Vec<String> = vec![
        money(&format!("{}*{LOADED}*premium", w.helper(hc::RUST_PRESENT))),
        money(&format!("{TEAM_ENGINEERS}*{LOADED}*retention_raise")),
        money(&format!(
            "{}*salary*fee*(1+premium)-{}*salary*fee",
            w.helper(hc::RUST_STARTS),
            w.helper(hc::BASE_STARTS)
        )),
        money(&format!(
            "({}-{})*{LOADED}",
            w.helper(hc::PR),
            w.helper(hc::PB)
        )),
        money(&format!(
            "ci_builds_per_day*(clean_minutes-baseline_clean_minutes)*ci_cost_per_minute*{}",
            w.helper(hc::WORKING_DAYS)
        )),
    ];
    for (i, cost) in scenario.costs.iter().enumerate() {
        let amount = &names[BUILTIN_INPUTS + i];
        cash.push(money(&cost_formula(w, scenario, cost, amount)));
    }
    let savings = |value: &str| {
        let from = scenario.benefits_from.unwrap_or(0);
        if from > 0 {
            format!(
                "IF($A{r1}>={},{value},0)",
                date_formula(scenario.start.plus(from))
            )
        } else {
            value.to_string()
        }
    };
    cash.push(money(&savings("-infra_per_month")));
    cash.push(money(&savings(
        "-(incidents_per_month*incident_cost*incident_reduction)",
    )));
    cash
}

/// A `[[costs]]` entry in this row: its amount (per engineer present, where it
/// says so), inside the months it applies to; no condition where it spans the
/// whole horizon.
fn cost_formula(w: &MonthlyRow, scenario: &Scenario, cost: &Cost, amount: &str) -> String {
    let value = if cost.per_engineer {
        format!("{amount}*{}", w.helper(hc::PR))
    } else {
        amount.to_string()
    };
    let month_cell = format!("$A{}", w.row + 1);
    let from = date_formula(scenario.start.plus(cost.first));
    let horizon_last = scenario.months as i64 - 1;
    let condition = if cost.first == cost.last {
        Some(format!("{month_cell}={from}"))
    } else {
        let lower = (cost.first > 0).then(|| format!("{month_cell}>={from}"));
        let upper = (cost.last < horizon_last).then(|| {
            format!(
                "{month_cell}<={}",
                date_formula(scenario.start.plus(cost.last))
            )
        });
        match (lower, upper) {
            (Some(l), Some(u)) => Some(format!("AND({l},{u})")),
            (Some(c), None) | (None, Some(c)) => Some(c),
            (None, None) => None,
        }
    };
    match condition {
        Some(c) => format!("IF({c},{value},0)"),
        None => value,
    }
}
