//! The exact `Decimal` values stored beside the formulas, so a viewer that does
//! not recalculate shows the tool's own figures.

use anyhow::Context;
use rust_decimal::Decimal;

use crate::model::base::BaseCase;
use crate::model::num::Q;
use crate::model::{self, DAYS_PER_MONTH, Month};
use crate::scenario::{Input, Scenario};

use super::formats::get;
use super::{LOADED, VALUE, WAIT_SHARE};

/// Exact values of the hiring plan and the derived quantities (stored results).
pub(super) struct Exact {
    pub(super) months: Vec<Month<Decimal>>,
    /// Per opening: baseline hire time, Rust hire time, learners.
    pub(super) tb: Vec<Decimal>,
    pub(super) tr: Vec<Decimal>,
    pub(super) learners: Vec<Decimal>,
    pub(super) team_learners: Decimal,
    pub(super) loaded: Decimal,
    pub(super) value: Decimal,
    pub(super) wait_share: Decimal,
    pub(super) discount: Vec<Decimal>,
    pub(super) ramp_months: Decimal,
}

impl Exact {
    /// The working behind the base case: the model's unrounded months (kept by
    /// the base case; nothing is recomputed) and the per-cohort quantities the
    /// Helper sheet shows, from the model's own definitions.
    pub(super) fn compute(scenario: &Scenario, base: &BaseCase) -> anyhow::Result<Exact> {
        let v = |i: Input| Q::of(scenario.input(i).base);
        let one = Q::of(Decimal::ONE);
        let d = Q::of(DAYS_PER_MONTH);
        let days = v(Input::DaysToHire);
        let mut tb = Vec::new();
        let mut tr = Vec::new();
        let mut learners = Vec::new();
        for o in &scenario.plan {
            let om = Q::of(Decimal::from(o.month));
            // Multiply first, round to 12 decimals (MODEL.md §4).
            tb.push(get(model::hire_time(om, days, d), "hire times")?);
            tr.push(get(
                model::hire_time(om, days * v(Input::Multiplier), d),
                "hire times",
            )?);
            learners.push(get(
                Q::of(o.count) * (one - v(Input::HireKnowRust)),
                "learners",
            )?);
        }
        let loaded = model::loaded_monthly(v(Input::Salary), v(Input::Overhead));
        let wait = v(Input::IncrementalPerDay)
            * (v(Input::IncrementalMinutes) - v(Input::BaselineIncrementalMinutes))
            + v(Input::CleanPerDay) * (v(Input::CleanMinutes) - v(Input::BaselineCleanMinutes));
        let wait_share =
            wait * v(Input::LostShare) / (Q::of(Decimal::from(60)) * Q::of(scenario.hours_per_day));
        let discount =
            crate::model::base::discount_factors_exact(scenario.discount_rate, scenario.months)
                .context("the discount factors overflow")?;
        Ok(Exact {
            months: base.unrounded.clone(),
            tb,
            tr,
            learners,
            team_learners: get(
                Q::of(scenario.engineers) * (one - v(Input::TeamKnowRust)),
                "learners",
            )?,
            loaded: get(loaded, LOADED)?,
            value: get(loaded * v(Input::ValueMultiplier), VALUE)?,
            wait_share: get(wait_share, WAIT_SHARE)?,
            discount,
            ramp_months: scenario.input(Input::RampMonths).base,
        })
    }
}
