//! The Assumptions sheet: one editable cell per input, the fixed scenario
//! numbers, the hiring plan and the derived quantities, each under a defined
//! name that the formulas of the other sheets read.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Worksheet};

use crate::model::DAYS_PER_MONTH;
use crate::model::num::Num;
use crate::scenario::assumptions::{Origin, describe, origin};
use crate::scenario::{Scenario, Unit};

use super::exact::Exact;
use super::formats::{Styles, abs_cell, date_of, header_row, result};
use super::{
    ASSUMPTIONS_SHEET, DAYS, DISCOUNT_RATE, DefinedNames, HOURS_PER_DAY, LOADED, START_MONTH,
    TEAM_ENGINEERS, TEAM_LEARNERS, VALUE, WAIT_SHARE,
};

// Names of the inputs the formulas of this sheet read.
const SALARY: &str = "salary";
const OVERHEAD: &str = "overhead";
const VALUE_MULTIPLIER: &str = "value_multiplier";
const TEAM_KNOW_RUST: &str = "team_know_rust";
const HIRING_KNOW_RUST: &str = "hiring_know_rust";
const DAYS_TO_HIRE: &str = "days_to_hire";
const MULTIPLIER: &str = "multiplier";

/// Where the Assumptions sheet put the cells other sheets read by address.
pub(super) struct PlanCells {
    /// Per opening: count, baseline hire time, Rust hire time, learners.
    pub(super) count: Vec<String>,
    pub(super) tb: Vec<String>,
    pub(super) tr: Vec<String>,
    pub(super) learners: Vec<String>,
}

/// The Assumptions sheet, and where it put each opening's cells.
pub(super) fn assumptions_sheet(
    scenario: &Scenario,
    exact: &Exact,
    names: &[String],
    styles: &Styles,
    defined: &mut DefinedNames,
) -> anyhow::Result<(Worksheet, PlanCells)> {
    let mut ws = Worksheet::new();
    ws.set_name(ASSUMPTIONS_SHEET)?;
    ws.write_string_with_format(
        0,
        0,
        format!("Assumptions: {}", scenario.name),
        &styles.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        "Edit the shaded cells: every formula on Monthly, Summary and Helper reads them through the names in column B. \
         Base value = the mean of what the scenario writes (MODEL.md §1).",
        &styles.note,
    )?;
    let row = inputs(&mut ws, scenario, names, styles, defined)?;
    let row = fixed(&mut ws, row + 1, scenario, styles, defined)?;
    let (row, plan) = hiring_plan(&mut ws, row + 1, scenario, exact, styles)?;
    derived(&mut ws, row + 1, exact, styles, defined)?;

    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_width(2, 18)?;
    ws.set_column_width(3, 26)?;
    ws.set_column_width(4, 30)?;
    ws.set_column_width(5, 26)?;
    ws.set_column_width(6, 24)?;
    ws.set_freeze_panes(4, 0)?;
    Ok((ws, plan))
}

/// One editable row per input; returns the next free row.
fn inputs(
    ws: &mut Worksheet,
    scenario: &Scenario,
    names: &[String],
    styles: &Styles,
    defined: &mut DefinedNames,
) -> anyhow::Result<u32> {
    let header = [
        "input",
        "name",
        "base value",
        "unit",
        "written in the scenario as",
        "source",
    ];
    header_row(ws, 3, &header, styles)?;
    let mut row = 4;
    for (i, input) in scenario.inputs.iter().enumerate() {
        ws.write_string(row, 0, &input.key)?;
        ws.write_string(row, 1, &names[i])?;
        let format = if input.unit == Unit::Money {
            &styles.input_money
        } else {
            &styles.input
        };
        ws.write_number_with_format(row, 2, Num::to_f64(input.base), format)?;
        ws.write_string(row, 3, input.unit.name())?;
        ws.write_string(row, 4, describe(&input.value))?;
        ws.write_string(row, 5, source_text(scenario, i))?;
        defined.define(&names[i], row, 2);
        row += 1;
    }
    Ok(row)
}

/// The scenario's fixed numbers (engineers, hours, rate, horizon); returns the
/// next free row.
fn fixed(
    ws: &mut Worksheet,
    mut row: u32,
    scenario: &Scenario,
    styles: &Styles,
    defined: &mut DefinedNames,
) -> anyhow::Result<u32> {
    ws.write_string_with_format(row, 0, "Fixed in the scenario", &styles.section)?;
    row += 1;
    let fixed: [(&str, &str, Decimal, &str); 3] = [
        (
            "team.engineers",
            TEAM_ENGINEERS,
            scenario.engineers,
            "engineers at the start",
        ),
        (
            "builds.hours_per_day",
            HOURS_PER_DAY,
            scenario.hours_per_day,
            "working hours in a day",
        ),
        (
            "scenario.discount_rate",
            DISCOUNT_RATE,
            scenario.discount_rate,
            "annual rate for NPV",
        ),
    ];
    for (key, name, value, unit) in fixed {
        ws.write_string(row, 0, key)?;
        ws.write_string(row, 1, name)?;
        ws.write_number_with_format(row, 2, Num::to_f64(value), &styles.input)?;
        ws.write_string(row, 3, unit)?;
        ws.write_string(row, 5, format!("scenario file ({})", scenario.file))?;
        defined.define(name, row, 2);
        row += 1;
    }
    ws.write_string(row, 0, "scenario.start")?;
    ws.write_string(row, 1, START_MONTH)?;
    ws.write_datetime_with_format(row, 2, date_of(scenario.start)?, &styles.date)?;
    ws.write_string(row, 3, "first month (to change it, rerun adoptcost)")?;
    defined.define(START_MONTH, row, 2);
    row += 1;
    ws.write_string(row, 0, "scenario.months")?;
    ws.write_number(row, 2, scenario.months as f64)?;
    ws.write_string(
        row,
        3,
        "months in the horizon (to change it, rerun adoptcost)",
    )?;
    row += 1;
    ws.write_string(row, 0, "scenario.currency")?;
    ws.write_string(row, 2, &scenario.currency)?;
    Ok(row + 1)
}

/// The hiring plan: one row per opening (MODEL.md §2 cohorts); returns the
/// next free row and where each opening's cells are.
fn hiring_plan(
    ws: &mut Worksheet,
    mut row: u32,
    scenario: &Scenario,
    exact: &Exact,
    styles: &Styles,
) -> anyhow::Result<(u32, PlanCells)> {
    ws.write_string_with_format(row, 0, "Hiring plan (hiring.plan)", &styles.section)?;
    row += 1;
    let plan_header = [
        "opening",
        "opens in",
        "count",
        "month index (0 = start)",
        "baseline hire time tb (months)",
        "Rust hire time tr (months)",
        "learners (count new to Rust)",
    ];
    header_row(ws, row, &plan_header, styles)?;
    row += 1;
    let mut plan = PlanCells {
        count: Vec::new(),
        tb: Vec::new(),
        tr: Vec::new(),
        learners: Vec::new(),
    };
    if scenario.plan.is_empty() {
        ws.write_string_with_format(row, 0, "(no openings)", &styles.note)?;
        row += 1;
    }
    for (h, o) in scenario.plan.iter().enumerate() {
        let r1 = row + 1;
        ws.write_string(row, 0, format!("opening {}", h + 1))?;
        ws.write_datetime_with_format(
            row,
            1,
            date_of(scenario.start.plus(o.month))?,
            &styles.input_date,
        )?;
        ws.write_number_with_format(row, 2, Num::to_f64(o.count), &styles.input)?;
        let formulas = [
            (
                format!("=(YEAR(B{r1})-YEAR({START_MONTH}))*12+MONTH(B{r1})-MONTH({START_MONTH})"),
                o.month.to_string(),
            ),
            // Multiply first, round to 12 decimals (MODEL.md §4).
            (
                format!("=ROUND(D{r1}+{DAYS_TO_HIRE}/{DAYS},12)"),
                result(exact.tb[h]),
            ),
            (
                format!("=ROUND(D{r1}+{DAYS_TO_HIRE}*{MULTIPLIER}/{DAYS},12)"),
                result(exact.tr[h]),
            ),
            (
                format!("=C{r1}*(1-{HIRING_KNOW_RUST})"),
                result(exact.learners[h]),
            ),
        ];
        for (c, (text, value)) in formulas.into_iter().enumerate() {
            let formula = Formula::new(text).set_result(value);
            ws.write_formula_with_format(row, 3 + c as u16, formula, &styles.number)?;
        }
        let at = |col: u16| format!("{ASSUMPTIONS_SHEET}!{}", abs_cell(row, col));
        plan.count.push(at(2));
        plan.tb.push(at(4));
        plan.tr.push(at(5));
        plan.learners.push(at(6));
        row += 1;
    }
    Ok((row, plan))
}

/// Derived quantities (MODEL.md §2), as named formulas.
fn derived(
    ws: &mut Worksheet,
    mut row: u32,
    exact: &Exact,
    styles: &Styles,
    defined: &mut DefinedNames,
) -> anyhow::Result<()> {
    ws.write_string_with_format(
        row,
        0,
        "Derived (formulas over the inputs above; MODEL.md §2)",
        &styles.section,
    )?;
    row += 1;
    let derived: [(&str, String, Decimal, &str, Option<&Format>); 5] = [
        (
            DAYS,
            "=365.25/12".to_string(),
            DAYS_PER_MONTH,
            "D: days per month",
            None,
        ),
        (
            LOADED,
            format!("={SALARY}*(1+{OVERHEAD})/12"),
            exact.loaded,
            "L: loaded monthly cost of one engineer",
            Some(&styles.money),
        ),
        (
            VALUE,
            format!("={LOADED}*{VALUE_MULTIPLIER}"),
            exact.value,
            "V: value of one engineer-month",
            Some(&styles.money),
        ),
        (
            WAIT_SHARE,
            format!(
                "=(incremental_per_day*(incremental_minutes-baseline_incremental_minutes)+clean_per_day*(clean_minutes-baseline_clean_minutes))*lost_share/(60*{HOURS_PER_DAY})"
            ),
            exact.wait_share,
            "share of an engineer's month lost waiting for builds",
            None,
        ),
        (
            TEAM_LEARNERS,
            format!("={TEAM_ENGINEERS}*(1-{TEAM_KNOW_RUST})"),
            exact.team_learners,
            "current engineers new to Rust",
            None,
        ),
    ];
    for (name, formula, value, meaning, format) in derived {
        ws.write_string(row, 0, meaning)?;
        ws.write_string(row, 1, name)?;
        ws.write_formula_with_format(
            row,
            2,
            Formula::new(formula).set_result(result(value)),
            format.unwrap_or(&styles.number),
        )?;
        defined.define(name, row, 2);
        row += 1;
    }
    Ok(())
}

/// Where an input's value comes from (MODEL.md §6 for defaults).
fn source_text(scenario: &Scenario, index: usize) -> String {
    match origin(scenario, index) {
        Origin::Custom => format!("scenario file ({})", scenario.file),
        Origin::Yours => format!("scenario file ({}): your figure", scenario.file),
        Origin::Default(Some(a)) if a.standing.flag().is_empty() => {
            format!("default: {}", a.source)
        }
        Origin::Default(Some(a)) => format!("default [{}]: {}", a.standing.flag(), a.source),
        Origin::Default(None) => "default (MODEL.md §1)".to_string(),
    }
}
