//! From the located tree to a validated [`Scenario`]: every rule of MODEL.md §1,
//! each broken rule a message with its location, key, expectation and fix.
//!
//! One file per section of the scenario file, read in two passes: first each
//! value on its own (so one run reports every broken value), then the rules
//! that place openings, costs and savings on the horizon, which need the start
//! and the months. The order of the calls below is the order of the messages.

mod adoption;
mod benefits;
mod builds;
mod context;
mod correlation;
mod costs;
mod distribution;
mod hiring;
mod inputs;
mod keys;
mod overrides;
mod scenario;
mod team;
mod values;

use crate::scenario::calendar::{self, YearMonth};
use crate::scenario::source::{Loc, Table};
use crate::scenario::{InputValue, Loaded, Scenario, ScenarioError, slug};

use context::Ctx;
pub(crate) use overrides::apply_override;

/// The months a scenario covers.
struct Horizon {
    start: YearMonth,
    months: usize,
    /// The first month after the horizon.
    end: YearMonth,
}

/// Validates the whole scenario.
pub(crate) fn scenario(file: &str, root: &Table) -> Result<Loaded, ScenarioError> {
    let mut ctx = Ctx::new(file);
    let top = Loc::File { line: 1, col: 1 };
    let sections = keys::sections(&mut ctx, root);

    // Each value on its own, section by section.
    let header = sections.location("scenario", &top);
    let s = scenario::section(&mut ctx, sections.table("scenario"), &header);
    let header = sections.location("team", &top);
    let engineers = team::engineers(&mut ctx, sections.table("team"), &header);
    let current_stack = team::current_stack(&mut ctx, sections.table("team"));
    // builds.size decides the defaults of four inputs.
    let preset = builds::preset(&mut ctx, sections.table("builds"));
    let builtin = inputs::builtin_inputs(&mut ctx, &sections, preset, &top);
    let hours_per_day = builds::hours_per_day(&mut ctx, sections.table("builds"));
    let holidays = builds::holidays(&mut ctx, sections.table("builds"));
    let plan = hiring::plan(&mut ctx, sections.table("hiring"));
    let costs = costs::costs(&mut ctx, root);
    let adoption = adoption::adoption(
        &mut ctx,
        sections.has("adoption"),
        sections.table("adoption"),
    );
    let benefits_from = benefits::from(&mut ctx, sections.table("benefits"));
    let correlations = correlation::correlations(&mut ctx, root);

    // Rules that need several values.
    let (
        Some(name),
        Some(start),
        Some(months),
        Some(currency),
        Some(discount_rate),
        Some(engineers),
        Some(current_stack),
        Some(hours_per_day),
    ) = (
        s.name,
        s.start,
        s.months,
        s.currency,
        s.discount_rate,
        engineers,
        current_stack,
        hours_per_day,
    )
    else {
        return Err(ctx.into_error());
    };
    let horizon = Horizon {
        start,
        months,
        end: start.plus(months as i64),
    };
    let adopted = adoption.given;
    let waves = adoption::place_waves(&mut ctx, adoption, engineers, &horizon);
    let plan = hiring::place_openings(&mut ctx, plan, &horizon);
    let (costs, cost_inputs) = costs::place_costs(&mut ctx, costs, &horizon);
    let benefits_from = benefits::place_from(&mut ctx, benefits_from, &horizon);
    if !ctx.errors.is_empty() || builtin.iter().any(Option::is_none) {
        return Err(ctx.into_error());
    }
    let mut inputs: Vec<InputValue> = builtin.into_iter().flatten().collect();
    inputs.extend(cost_inputs);
    let correlations = correlation::place_correlations(&mut ctx, correlations, &inputs, root);
    if !ctx.errors.is_empty() {
        return Err(ctx.into_error());
    }
    hiring::warn_late_rust_hires(&mut ctx, &plan, &inputs, &horizon);

    let working_days = (0..months)
        .map(|m| calendar::working_days(start.plus(m as i64), &holidays))
        .collect();
    let scenario = Scenario {
        file: ctx.file.to_string(),
        slug: slug(&name),
        name,
        start,
        months,
        currency,
        discount_rate,
        engineers,
        current_stack,
        adoption: adopted,
        waves,
        plan: plan.into_iter().map(|(opening, _)| opening).collect(),
        build_size: preset.map_or("large", |p| p.name).to_string(),
        hours_per_day,
        working_days,
        holidays: holidays.into_iter().collect(),
        costs,
        benefits_from,
        inputs,
        correlations,
    };
    Ok(Loaded {
        scenario,
        warnings: ctx.warnings,
    })
}
