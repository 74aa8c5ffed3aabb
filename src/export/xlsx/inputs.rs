//! The workbook's inputs: every uncertain input of the scenario (MODEL.md §1),
//! then ten spare cost rows a user can fill in, each with its defined names,
//! domain, base value and low/high.

use rust_decimal::Decimal;

pub(super) use crate::scenario::assumptions::describe;
use crate::scenario::assumptions::{Origin, origin};
use crate::scenario::spec::INPUTS;
use crate::scenario::{Domain, Input, Scenario, Unit};

/// Spare rows a user can fill in without rerunning the tool (openings, waves,
/// costs, holidays each get this many).
pub(crate) const SPARE_ROWS: usize = 10;

/// One editable input of the workbook.
pub(super) struct WbInput {
    /// Dotted key, e.g. `hiring.premium`, `costs.tooling`; `costs.(spare 3)`.
    pub(super) key: String,
    /// Defined name of the value the formulas use; `_base`, `_low` and `_high`
    /// name the base, low and high cells.
    pub(super) name: String,
    pub(super) unit: Unit,
    pub(super) domain: Domain,
    pub(super) base: Decimal,
    /// Low and high of a range or distribution; `None` for a fixed value.
    pub(super) range: Option<(Decimal, Decimal)>,
    /// How the scenario writes it.
    pub(super) written: String,
    pub(super) source: String,
}

impl WbInput {
    pub(super) fn low(&self) -> Decimal {
        self.range.map_or(self.base, |r| r.0)
    }

    pub(super) fn high(&self) -> Decimal {
        self.range.map_or(self.base, |r| r.1)
    }
}

/// The defined name of each built-in input: its key, qualified where two
/// sections share a key or the key alone would read as a spreadsheet function.
pub(super) fn builtin_name(input: Input) -> &'static str {
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

/// The name of spare cost row `k` (1-based), for its defined names.
pub(super) fn spare_cost_name(k: usize) -> String {
    format!("spare_cost_{k}")
}

/// Every workbook input: the scenario's (in `Scenario::inputs` order), then the
/// spare cost amounts.
pub(super) fn workbook_inputs(scenario: &Scenario) -> Vec<WbInput> {
    let cost_labels: Vec<String> = scenario.costs.iter().map(|c| c.name.clone()).collect();
    let names: Vec<String> = INPUTS
        .iter()
        .map(|s| builtin_name(s.input).to_string())
        .chain(cost_names(&cost_labels))
        .collect();
    let mut out: Vec<WbInput> = scenario
        .inputs
        .iter()
        .enumerate()
        .map(|(i, v)| WbInput {
            key: v.key.clone(),
            name: names[i].clone(),
            unit: v.unit,
            domain: v.domain,
            base: v.base,
            range: v.value.is_uncertain().then(|| v.value.low_high()),
            written: describe(&v.value),
            source: source_text(scenario, i),
        })
        .collect();
    for k in 1..=SPARE_ROWS {
        out.push(WbInput {
            key: format!("costs.(spare {k})"),
            name: spare_cost_name(k),
            unit: Unit::Money,
            domain: Domain::at_least(Decimal::ZERO),
            base: Decimal::ZERO,
            range: None,
            written: String::new(),
            source: "a spare row: type a name, an amount and its months".to_string(),
        });
    }
    out
}

/// Where an input's value comes from (MODEL.md §6 for defaults).
fn source_text(scenario: &Scenario, index: usize) -> String {
    match origin(scenario, index) {
        Origin::Custom => format!("scenario file ({})", scenario.file),
        Origin::Yours => format!("your figure ({})", scenario.file),
        Origin::Default(Some(a)) if a.standing.flag().is_empty() => {
            format!("default: {}", a.source)
        }
        Origin::Default(Some(a)) => format!("default [{}]: {}", a.standing.flag(), a.source),
        Origin::Default(None) => "default (MODEL.md §1)".to_string(),
    }
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
}
