//! `model.xlsx` (`run --xlsx`): the base case as a workbook whose formulas stay
//! live. Every monthly cell is a spreadsheet formula over the Assumptions sheet
//! (one editable cell and one defined name per input) and the Helper sheet (per
//! hiring cohort presence and ramp terms), rounded as MODEL.md §4 says:
//! `ROUND(ROUND(x,12),2)` for money, 3 decimals for engineer-months, totals as
//! sums of rounded cells. Each formula also carries the tool's exact `Decimal`
//! result, so a viewer that does not recalculate shows the same numbers as
//! `monthly.csv`; a spreadsheet that does recalculates to them (to the cent),
//! and follows any edit of an assumption.
//!
//! Sampled figures (percentiles, sensitivity) cannot be formulas: the Summary
//! sheet writes them as values and says so.
//!
//! This file builds the workbook and owns its defined names; each sheet has a
//! file of its own.

mod assumptions;
mod exact;
mod formats;
mod helper;
mod monthly;
mod summary;

use anyhow::Context;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

use crate::model::base::BaseCase;
use crate::model::sensitivity::SensitivityRow;
use crate::sample::Sampled;
use crate::scenario::spec::INPUTS;
use crate::scenario::{Input, Scenario};

use exact::Exact;
use formats::{Styles, abs_cell};
use monthly::MonthlyCols;

pub(crate) const SUMMARY: &str = "Summary";
pub(crate) const MONTHLY: &str = "Monthly";
pub(crate) const ASSUMPTIONS_SHEET: &str = "Assumptions";
pub(crate) const HELPER: &str = "Helper";

/// First data row (0-based) of the Monthly and Helper sheets: their rows line up,
/// so Monthly row r reads Helper row r.
const FIRST_ROW: u32 = 4;
/// Rows (0-based) of the Helper sheet's cohort header: each cohort's weight (count
/// or learners) and the time it joins, above its columns.
const WEIGHT_ROW: u32 = 1;
const JOINS_ROW: u32 = 2;
/// Row (0-based) of the column headers on the Monthly and Helper sheets.
const HEADER_ROW: u32 = 3;

/// The defined name of each built-in input: its key, qualified where two
/// sections share a key or the key alone would read as a spreadsheet function.
fn builtin_name(input: Input) -> &'static str {
    match input {
        Input::Salary => "salary",
        Input::Overhead => "overhead",
        Input::TeamKnowRust => "team_know_rust",
        Input::RetentionRaise => "retention_raise",
        Input::ValueMultiplier => "value_multiplier",
        Input::Attrition => "attrition",
        Input::DaysToHire => "days_to_hire",
        Input::Multiplier => "multiplier",
        Input::Premium => "premium",
        Input::Fee => "fee",
        Input::HireKnowRust => "hiring_know_rust",
        Input::RampMonths => "ramp_months",
        Input::StartProductivity => "start_productivity",
        Input::SteadyProductivity => "steady_productivity",
        Input::Mentoring => "mentoring",
        Input::CleanMinutes => "clean_minutes",
        Input::IncrementalMinutes => "incremental_minutes",
        Input::BaselineCleanMinutes => "baseline_clean_minutes",
        Input::BaselineIncrementalMinutes => "baseline_incremental_minutes",
        Input::IncrementalPerDay => "incremental_per_day",
        Input::CleanPerDay => "clean_per_day",
        Input::LostShare => "lost_share",
        Input::CiBuildsPerDay => "ci_builds_per_day",
        Input::CiCostPerMinute => "ci_cost_per_minute",
        Input::InfraPerMonth => "infra_per_month",
        Input::IncidentsPerMonth => "incidents_per_month",
        Input::IncidentCost => "incident_cost",
        Input::IncidentReduction => "incident_reduction",
        Input::BenefitsRampMonths => "benefits_ramp_months",
    }
}

/// Defined names of the cost amounts: `cost_` and the name with every character
/// other than ASCII letters, digits and `_` replaced by `_`; a numeric suffix keeps
/// them distinct (spreadsheet names ignore case).
pub(crate) fn cost_names(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let base: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let base = format!("cost_{base}");
        let mut candidate = base.clone();
        let mut n = 2;
        while out.iter().any(|o| o.eq_ignore_ascii_case(&candidate)) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// The defined name of every input, in `Scenario::inputs` order.
pub(crate) fn input_names(scenario: &Scenario) -> Vec<String> {
    let costs: Vec<String> = scenario.costs.iter().map(|c| c.name.clone()).collect();
    INPUTS
        .iter()
        .map(|s| builtin_name(s.input).to_string())
        .chain(cost_names(&costs))
        .collect()
}

// Names of the other cells formulas read.
const TEAM_ENGINEERS: &str = "team_engineers";
const HOURS_PER_DAY: &str = "hours_per_day";
const DISCOUNT_RATE: &str = "discount_rate";
const START_MONTH: &str = "start_month";
const DAYS: &str = "days_per_month";
const LOADED: &str = "loaded_monthly";
const VALUE: &str = "engineer_month_value";
const WAIT_SHARE: &str = "build_wait_share";
const TEAM_LEARNERS: &str = "team_learners";

/// The workbook's defined names, in the order they are defined; every one
/// names a cell of the Assumptions sheet.
#[derive(Default)]
struct DefinedNames(Vec<(String, String)>);

impl DefinedNames {
    fn define(&mut self, name: &str, row: u32, col: u16) {
        let target = format!("={ASSUMPTIONS_SHEET}!{}", abs_cell(row, col));
        self.0.push((name.to_string(), target));
    }
}

/// The workbook as bytes.
pub fn workbook(
    scenario: &Scenario,
    base: &BaseCase,
    sampled: Option<&Sampled>,
    sensitivity: &[SensitivityRow],
) -> anyhow::Result<Vec<u8>> {
    build(scenario, base, sampled, sensitivity).context("cannot build model.xlsx")
}

fn build(
    scenario: &Scenario,
    base: &BaseCase,
    sampled: Option<&Sampled>,
    sensitivity: &[SensitivityRow],
) -> anyhow::Result<Vec<u8>> {
    check_fits(scenario)?;
    let exact = Exact::compute(scenario, base)?;
    let styles = Styles::new(&scenario.currency);
    let names = input_names(scenario);
    let cols = MonthlyCols {
        n_cash: base.cash_columns.len(),
    };
    let mut defined = DefinedNames::default();
    let (assumptions, plan) =
        assumptions::assumptions_sheet(scenario, &exact, &names, &styles, &mut defined)?;
    let helper = helper::helper_sheet(scenario, base, &exact, &cols, &styles, &plan)?;
    let monthly = monthly::monthly_sheet(scenario, base, &names, &cols, &styles)?;
    let summary = summary::summary_sheet(scenario, base, sampled, sensitivity, &cols, &styles)?;

    let mut wb = Workbook::new();
    // A fixed creation date instead of the clock: the same run gives the same
    // bytes (1980-01-01, the date the zip entries carry too).
    let created = ExcelDateTime::from_ymd(1980, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    wb.push_worksheet(summary);
    wb.push_worksheet(monthly);
    wb.push_worksheet(assumptions);
    wb.push_worksheet(helper);
    for (name, target) in &defined.0 {
        wb.define_name(name, target)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Columns in a worksheet (Excel and LibreOffice alike).
const MAX_COLUMNS: usize = 16_384;

/// Most cells the Helper sheet may hold (months × its columns). Its 8 columns
/// per opening make it nearly all of the workbook: at the scenario limits
/// (600 months, 1,000 openings) it held 4.8 million formulas, a 36 MB
/// workbook (314 MB of sheet XML) that took 1.3 GB of memory to build
/// (docs/bad-input.md). A million cells keep the build under 500 MB.
const MAX_HELPER_CELLS: usize = 1_000_000;

/// The Helper sheet needs 8 columns per opening, Monthly one per cost: a plan
/// or cost list too long for a worksheet, or a workbook too large to build, is
/// refused before anything is computed (`run` calls this first).
pub(crate) fn check_fits(scenario: &Scenario) -> anyhow::Result<()> {
    // Waves, attrition and ramping savings are not wired into the sheets yet:
    // refuse rather than write a workbook whose formulas disagree with the CSV.
    let uses = |input: Input| {
        let v = &scenario.inputs[input as usize];
        v.value.is_uncertain() || !v.base.is_zero()
    };
    if scenario.adoption || uses(Input::Attrition) || uses(Input::BenefitsRampMonths) {
        anyhow::bail!(
            "{}: the workbook does not model [adoption] waves, team.attrition or benefits.ramp_months yet; \
             run without --xlsx (the CSV files have every figure)",
            scenario.file
        );
    }
    let helper = usize::from(helper::col::BLOCKS) + 8 * scenario.plan.len() + 4;
    let monthly = 25 + scenario.costs.len();
    if helper > MAX_COLUMNS || monthly > MAX_COLUMNS {
        anyhow::bail!(
            "{}: the workbook would need {} columns, more than a worksheet's {MAX_COLUMNS} \
             (8 per hiring.plan opening, 1 per [[costs]] entry); merge openings or costs, or run without --xlsx",
            scenario.file,
            helper.max(monthly)
        );
    }
    let cells = helper.saturating_mul(scenario.months);
    if cells > MAX_HELPER_CELLS {
        anyhow::bail!(
            "{}: --xlsx: the workbook would hold {cells} cells on its Helper sheet ({} months × {helper} columns, 8 per hiring.plan opening), \
             more than the {MAX_HELPER_CELLS} it builds (beyond that it takes gigabytes of memory and a spreadsheet struggles to open it); \
             merge the openings of the same month, shorten scenario.months, or run without --xlsx (the CSV files have every figure)",
            scenario.file,
            scenario.months
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_names_are_spreadsheet_names_and_distinct() {
        let names = ["training course", "Training-course", "tooling", "ü"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            cost_names(&names),
            [
                "cost_training_course",
                "cost_Training_course_2",
                "cost_tooling",
                "cost__"
            ]
        );
    }

    #[test]
    fn a_plan_too_long_for_a_worksheet_is_refused_with_a_message() {
        let text = "[scenario]\nname = \"Big\"\nstart = \"2027-01\"\n[team]\nengineers = 1\nsalary = 100000\n[hiring]\nplan = [{ month = \"2027-01\", count = 1 }]\n";
        let loaded = crate::scenario::load_str("big.toml", text, &[]);
        let Ok(mut loaded) = loaded else {
            panic!("the scenario loads");
        };
        // Validation refuses more than MAX_OPENINGS openings, far fewer than a
        // worksheet holds; this guards callers that build a scenario otherwise.
        let opening = loaded.scenario.plan[0].clone();
        loaded.scenario.plan = vec![opening; 2100];
        let message = check_fits(&loaded.scenario)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.contains("more than a worksheet's 16384"),
            "{message}"
        );
    }
}
