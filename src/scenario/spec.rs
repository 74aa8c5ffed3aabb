//! Every uncertain input of the model: its key, words, unit, domain and default
//! (MODEL.md §1). One table serves validation, `--set`, sampling, sensitivity and
//! the `assumptions` command.

use rust_decimal::Decimal;

use super::uncertain::Uncertain;

/// The built-in uncertain inputs, in the order the model reads them. Custom cost
/// amounts follow them, one per `[[costs]]` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    Salary,
    Overhead,
    TeamKnowRust,
    RetentionRaise,
    ValueMultiplier,
    Attrition,
    DaysToHire,
    Multiplier,
    Premium,
    Fee,
    HireKnowRust,
    RampMonths,
    StartProductivity,
    SteadyProductivity,
    Mentoring,
    CleanMinutes,
    IncrementalMinutes,
    BaselineCleanMinutes,
    BaselineIncrementalMinutes,
    IncrementalPerDay,
    CleanPerDay,
    LostShare,
    CiBuildsPerDay,
    CiCostPerMinute,
    InfraPerMonth,
    IncidentsPerMonth,
    IncidentCost,
    IncidentReduction,
    BenefitsRampMonths,
}

/// Number of built-in uncertain inputs; cost amounts are stored after them.
pub(crate) const BUILTIN_INPUTS: usize = 29;

/// How a value is shown to people (tornado labels, `assumptions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// In the scenario's currency.
    Money,
    /// A share, shown as a percentage.
    Share,
    Months,
    Days,
    /// A multiple, shown as `2.5x`.
    Times,
    Minutes,
    PerDay,
    PerMonth,
    /// Work lost per minute of waiting.
    LostPerMinute,
    /// A relative productivity (1 = as on the current stack).
    Ratio,
}

impl Unit {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Unit::Money => "money",
            Unit::Share => "share (0.25 = 25%)",
            Unit::Months => "months",
            Unit::Days => "calendar days",
            Unit::Times => "multiple",
            Unit::Minutes => "minutes",
            Unit::PerDay => "per working day",
            Unit::PerMonth => "per month",
            Unit::LostPerMinute => "minutes of work lost per minute waited",
            Unit::Ratio => "relative to current stack",
        }
    }
}

/// The allowed values of an input (MODEL.md §1 "domain" column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Domain {
    pub(crate) min: Decimal,
    /// `> min` rather than `>= min`.
    pub(crate) min_exclusive: bool,
    pub(crate) max: Option<Decimal>,
}

impl Domain {
    pub(crate) const fn at_least(min: Decimal) -> Domain {
        Domain {
            min,
            min_exclusive: false,
            max: None,
        }
    }

    pub(crate) const fn between(min: Decimal, max: Decimal) -> Domain {
        Domain {
            min,
            min_exclusive: false,
            max: Some(max),
        }
    }

    pub(crate) const fn positive() -> Domain {
        Domain {
            min: Decimal::ZERO,
            min_exclusive: true,
            max: None,
        }
    }

    pub(crate) fn contains(&self, v: Decimal) -> bool {
        let above = if self.min_exclusive {
            v > self.min
        } else {
            v >= self.min
        };
        above && self.max.is_none_or(|max| v <= max)
    }

    /// Clamps into the domain (an exclusive minimum clamps to the minimum itself).
    pub(crate) fn clamp(&self, v: Decimal) -> Decimal {
        let v = v.max(self.min);
        match self.max {
            Some(max) => v.min(max),
            None => v,
        }
    }

    /// The domain as bounds for sampled `f64` values.
    pub(crate) fn bounds_f64(&self) -> (f64, f64) {
        use rust_decimal::prelude::ToPrimitive;
        let min = self.min.to_f64().unwrap_or(0.0);
        let max = self.max.and_then(|m| m.to_f64()).unwrap_or(f64::INFINITY);
        (min, max)
    }

    /// "a number between 0 and 1", "a number ≥ 0", "a number > 0".
    pub(crate) fn describe(&self) -> String {
        match (self.min_exclusive, self.max) {
            (false, Some(max)) => format!("a number between {} and {}", self.min, max),
            (true, Some(max)) => format!("a number above {} and at most {}", self.min, max),
            (false, None) => format!("a number ≥ {}", self.min),
            (true, None) => format!("a number > {}", self.min),
        }
    }
}

/// A default value: a number or a uniform range, written as decimal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DefaultValue {
    Required,
    Fixed(&'static str),
    Range(&'static str, &'static str),
    /// Comes from the `builds.size` preset.
    Preset,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct InputSpec {
    pub(crate) input: Input,
    pub(crate) section: &'static str,
    pub(crate) key: &'static str,
    /// The input in a planner's words.
    pub(crate) label: &'static str,
    pub(crate) unit: Unit,
    pub(crate) domain: Domain,
    pub(crate) default: DefaultValue,
}

impl InputSpec {
    pub(crate) fn dotted(&self) -> String {
        format!("{}.{}", self.section, self.key)
    }

    /// The value the input takes when the scenario does not write it: `None` for
    /// a required input, or a preset one without a preset.
    pub(crate) fn default_value(&self, preset: Option<&BuildPreset>) -> Option<Uncertain> {
        let dec = |text: &str| text.parse::<Decimal>().unwrap_or_default();
        let uniform = |(low, high): (&str, &str)| Uncertain::Uniform {
            low: dec(low),
            high: dec(high),
        };
        match self.default {
            DefaultValue::Required => None,
            DefaultValue::Fixed(v) => Some(Uncertain::Fixed(dec(v))),
            DefaultValue::Range(low, high) => Some(uniform((low, high))),
            DefaultValue::Preset => {
                let p = preset?;
                Some(match self.input {
                    Input::CleanMinutes => uniform(p.clean),
                    Input::IncrementalMinutes => uniform(p.incremental),
                    Input::BaselineCleanMinutes => Uncertain::Fixed(dec(p.baseline_clean)),
                    _ => Uncertain::Fixed(dec(p.baseline_incremental)),
                })
            }
        }
    }
}

const ZERO: Decimal = Decimal::ZERO;
const ONE: Decimal = Decimal::ONE;
const THREE: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

const fn spec(
    input: Input,
    section: &'static str,
    key: &'static str,
    label: &'static str,
    unit: Unit,
    domain: Domain,
    default: DefaultValue,
) -> InputSpec {
    InputSpec {
        input,
        section,
        key,
        label,
        unit,
        domain,
        default,
    }
}

use DefaultValue::{Fixed, Preset, Range, Required};

/// Every built-in uncertain input, indexed by `Input as usize`.
pub(crate) const INPUTS: [InputSpec; BUILTIN_INPUTS] = [
    spec(
        Input::Salary,
        "team",
        "salary",
        "Annual salary",
        Unit::Money,
        Domain::positive(),
        Required,
    ),
    spec(
        Input::Overhead,
        "team",
        "overhead",
        "Overhead on salary",
        Unit::Share,
        Domain::between(ZERO, THREE),
        Range("0.25", "0.35"),
    ),
    spec(
        Input::TeamKnowRust,
        "team",
        "know_rust",
        "Team already fluent in Rust",
        Unit::Share,
        Domain::between(ZERO, ONE),
        Fixed("0"),
    ),
    spec(
        Input::RetentionRaise,
        "team",
        "retention_raise",
        "Retention raise",
        Unit::Share,
        Domain::between(ZERO, THREE),
        Fixed("0"),
    ),
    spec(
        Input::ValueMultiplier,
        "team",
        "value_multiplier",
        "Value of an engineer-month",
        Unit::Times,
        Domain::between(ZERO, Decimal::from_parts(20, 0, 0, false, 0)),
        Fixed("1.0"),
    ),
    spec(
        Input::Attrition,
        "team",
        "attrition",
        "Yearly attrition of Rust engineers",
        Unit::Share,
        Domain::between(ZERO, ONE),
        Fixed("0"),
    ),
    spec(
        Input::DaysToHire,
        "hiring",
        "days_to_hire",
        "Days to hire",
        Unit::Days,
        Domain::at_least(ZERO),
        Range("35", "55"),
    ),
    spec(
        Input::Multiplier,
        "hiring",
        "multiplier",
        "Rust time-to-hire multiplier",
        Unit::Times,
        Domain::at_least(ZERO),
        Range("2", "3"),
    ),
    spec(
        Input::Premium,
        "hiring",
        "premium",
        "Rust salary premium",
        Unit::Share,
        Domain::between(ZERO, THREE),
        Range("0.20", "0.30"),
    ),
    spec(
        Input::Fee,
        "hiring",
        "fee",
        "Recruiting fee",
        Unit::Share,
        Domain::between(ZERO, THREE),
        Range("0.15", "0.25"),
    ),
    spec(
        Input::HireKnowRust,
        "hiring",
        "know_rust",
        "Hires already fluent in Rust",
        Unit::Share,
        Domain::between(ZERO, ONE),
        Range("0.3", "0.7"),
    ),
    spec(
        Input::RampMonths,
        "ramp",
        "months",
        "Ramp-up time",
        Unit::Months,
        Domain::between(ZERO, Decimal::from_parts(60, 0, 0, false, 0)),
        Range("3", "6"),
    ),
    spec(
        Input::StartProductivity,
        "ramp",
        "start_productivity",
        "Starting productivity",
        Unit::Ratio,
        Domain::between(ZERO, ONE),
        Range("0.2", "0.4"),
    ),
    spec(
        Input::SteadyProductivity,
        "ramp",
        "steady_productivity",
        "Steady productivity",
        Unit::Ratio,
        Domain::between(
            Decimal::from_parts(1, 0, 0, false, 1),
            Decimal::from_parts(5, 0, 0, false, 0),
        ),
        Range("0.9", "1.1"),
    ),
    spec(
        Input::Mentoring,
        "ramp",
        "mentoring",
        "Mentoring time per learner",
        Unit::Share,
        Domain::between(ZERO, ONE),
        Range("0.05", "0.15"),
    ),
    spec(
        Input::CleanMinutes,
        "builds",
        "clean_minutes",
        "Rust clean build",
        Unit::Minutes,
        Domain::at_least(ZERO),
        Preset,
    ),
    spec(
        Input::IncrementalMinutes,
        "builds",
        "incremental_minutes",
        "Rust incremental build",
        Unit::Minutes,
        Domain::at_least(ZERO),
        Preset,
    ),
    spec(
        Input::BaselineCleanMinutes,
        "builds",
        "baseline_clean_minutes",
        "Current-stack clean build",
        Unit::Minutes,
        Domain::at_least(ZERO),
        Preset,
    ),
    spec(
        Input::BaselineIncrementalMinutes,
        "builds",
        "baseline_incremental_minutes",
        "Current-stack incremental build",
        Unit::Minutes,
        Domain::at_least(ZERO),
        Preset,
    ),
    spec(
        Input::IncrementalPerDay,
        "builds",
        "incremental_per_day",
        "Incremental builds per day",
        Unit::PerDay,
        Domain::at_least(ZERO),
        Range("10", "30"),
    ),
    spec(
        Input::CleanPerDay,
        "builds",
        "clean_per_day",
        "Clean builds per day",
        Unit::PerDay,
        Domain::at_least(ZERO),
        Range("0.1", "0.3"),
    ),
    spec(
        Input::LostShare,
        "builds",
        "lost_share",
        "Work lost per minute of waiting",
        Unit::LostPerMinute,
        Domain::between(ZERO, THREE),
        Range("0.25", "0.75"),
    ),
    spec(
        Input::CiBuildsPerDay,
        "builds",
        "ci_builds_per_day",
        "CI builds per day",
        Unit::PerDay,
        Domain::at_least(ZERO),
        Fixed("0"),
    ),
    spec(
        Input::CiCostPerMinute,
        "builds",
        "ci_cost_per_minute",
        "CI price per minute",
        Unit::Money,
        Domain::at_least(ZERO),
        Fixed("0.008"),
    ),
    spec(
        Input::InfraPerMonth,
        "benefits",
        "infra_per_month",
        "Infrastructure saved per month",
        Unit::Money,
        Domain::at_least(ZERO),
        Fixed("0"),
    ),
    spec(
        Input::IncidentsPerMonth,
        "benefits",
        "incidents_per_month",
        "Preventable incidents per month",
        Unit::PerMonth,
        Domain::at_least(ZERO),
        Fixed("0"),
    ),
    spec(
        Input::IncidentCost,
        "benefits",
        "incident_cost",
        "Cost of one incident",
        Unit::Money,
        Domain::at_least(ZERO),
        Fixed("0"),
    ),
    spec(
        Input::IncidentReduction,
        "benefits",
        "incident_reduction",
        "Incidents avoided",
        Unit::Share,
        Domain::between(ZERO, ONE),
        Fixed("0.7"),
    ),
    spec(
        Input::BenefitsRampMonths,
        "benefits",
        "ramp_months",
        "Months until savings are full",
        Unit::Months,
        Domain::between(ZERO, Decimal::from_parts(60, 0, 0, false, 0)),
        Fixed("0"),
    ),
];

/// Domain of a cost amount (`[[costs]] amount`).
pub(crate) const COST_DOMAIN: Domain = Domain::at_least(ZERO);

/// `builds.size` presets (MODEL.md §1): clean, incremental, baseline clean,
/// baseline incremental. A pair is a uniform range.
pub(crate) struct BuildPreset {
    pub(crate) name: &'static str,
    pub(crate) clean: (&'static str, &'static str),
    pub(crate) incremental: (&'static str, &'static str),
    pub(crate) baseline_clean: &'static str,
    pub(crate) baseline_incremental: &'static str,
}

pub(crate) const PRESETS: [BuildPreset; 3] = [
    BuildPreset {
        name: "small",
        clean: ("0.5", "2"),
        incremental: ("0.1", "0.2"),
        baseline_clean: "0.2",
        baseline_incremental: "0.05",
    },
    BuildPreset {
        name: "medium",
        clean: ("2", "10"),
        incremental: ("0.2", "0.5"),
        baseline_clean: "1",
        baseline_incremental: "0.1",
    },
    BuildPreset {
        name: "large",
        clean: ("10", "30"),
        incremental: ("1", "3"),
        baseline_clean: "3",
        baseline_incremental: "0.25",
    },
];

/// The `builds.size` preset called `name`.
pub(crate) fn preset(name: &str) -> Option<&'static BuildPreset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// Keys of each section that are not uncertain inputs.
pub(crate) const OTHER_KEYS: [(&str, &[&str]); 7] = [
    (
        "scenario",
        &["name", "start", "months", "currency", "discount_rate"],
    ),
    ("team", &["engineers", "current_stack"]),
    ("hiring", &["plan"]),
    ("ramp", &[]),
    ("builds", &["size", "hours_per_day", "holidays"]),
    ("adoption", &["waves"]),
    ("benefits", &["from"]),
];

/// Keys of one `[[costs]]` entry.
pub(crate) const COST_KEYS: [&str; 6] = ["name", "amount", "month", "from", "to", "per_engineer"];

/// Keys of one `[[correlation]]` entry.
pub(crate) const CORRELATION_KEYS: [&str; 2] = ["inputs", "rank"];

/// Top-level sections.
pub(crate) const SECTIONS: [&str; 9] = [
    "scenario",
    "team",
    "hiring",
    "ramp",
    "builds",
    "adoption",
    "costs",
    "benefits",
    "correlation",
];

/// Every key a section accepts.
pub(crate) fn section_keys(section: &str) -> Vec<&'static str> {
    if section == "costs" {
        return COST_KEYS.to_vec();
    }
    if section == "correlation" {
        return CORRELATION_KEYS.to_vec();
    }
    let mut keys: Vec<&'static str> = OTHER_KEYS
        .iter()
        .filter(|(s, _)| *s == section)
        .flat_map(|(_, k)| k.iter().copied())
        .collect();
    keys.extend(
        INPUTS
            .iter()
            .filter(|s| s.section == section)
            .map(|s| s.key),
    );
    keys
}
