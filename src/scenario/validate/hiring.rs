//! `[hiring]` and its plan: openings as written, then placed on the horizon
//! (MODEL.md §1-§2). Its uncertain inputs (days to hire, premium, ...) are read
//! with every other input in `inputs.rs`.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::scenario::calendar::{DAYS_PER_MONTH, YearMonth};
use crate::scenario::source::{Loc, Node, Table, Value};
use crate::scenario::spec::{Domain, Input};
use crate::scenario::{InputValue, MAX_OPENINGS, Opening};

use super::Horizon;
use super::context::Ctx;
use super::keys::unknown_keys;
use super::values::{fixed_number, month};

/// An opening as written; `None` where a value is broken (reported).
pub(super) struct WrittenOpening {
    month: Option<YearMonth>,
    count: Option<Decimal>,
    loc: Loc,
}

/// `hiring.plan`: a list of `{ month, count }` openings.
pub(super) fn plan(ctx: &mut Ctx, h: &Table) -> Vec<WrittenOpening> {
    let Some(entry) = h.get("plan") else {
        return Vec::new();
    };
    let Value::Array(items) = &entry.node.value else {
        ctx.error(
            &entry.node.loc,
            "hiring.plan",
            format!(
                "expected a list of openings, found {}",
                entry.node.value.describe()
            ),
            "write e.g. plan = [{ month = \"2027-03\", count = 2 }]".to_string(),
        );
        return Vec::new();
    };
    if items.len() > MAX_OPENINGS {
        ctx.error(
            &entry.node.loc,
            "hiring.plan",
            format!(
                "expected at most {MAX_OPENINGS} openings, found {}",
                items.len()
            ),
            "merge the openings of the same month into one (counts add up, and may be fractional)"
                .to_string(),
        );
        return Vec::new();
    }
    items.iter().filter_map(|item| opening(ctx, item)).collect()
}

fn opening(ctx: &mut Ctx, item: &Node) -> Option<WrittenOpening> {
    let Value::Table(t) = &item.value else {
        ctx.error(
            &item.loc,
            "hiring.plan",
            format!(
                "expected an opening {{ month = \"YYYY-MM\", count = N }}, found {}",
                item.value.describe()
            ),
            "write each opening as { month = \"2027-03\", count = 2 }".to_string(),
        );
        return None;
    };
    unknown_keys(
        ctx,
        t,
        &["month", "count"],
        "hiring.plan",
        "unknown key in an opening",
        |_| "an opening has only `month` and `count`".to_string(),
    );
    let month = match t.get("month") {
        Some(e) => month(ctx, &e.node, "hiring.plan.month"),
        None => {
            ctx.error(
                &item.loc,
                "hiring.plan.month",
                "an opening needs `month`",
                "add month = \"YYYY-MM\": the month the roles open".to_string(),
            );
            None
        }
    };
    let count = match t.get("count") {
        Some(e) => fixed_number(
            ctx,
            e,
            "hiring.plan.count",
            &Domain::at_least(Decimal::ZERO),
            "the number of roles opening, e.g. count = 2",
        ),
        None => {
            ctx.error(
                &item.loc,
                "hiring.plan.count",
                "an opening needs `count`",
                "add count = N: how many roles open that month".to_string(),
            );
            None
        }
    };
    Some(WrittenOpening {
        month,
        count,
        loc: item.loc.clone(),
    })
}

/// The openings as month indexes o (MODEL.md §2), each with where it is written:
/// none may open before the start; one at or past the end earns a warning.
pub(super) fn place_openings(
    ctx: &mut Ctx,
    written: Vec<WrittenOpening>,
    horizon: &Horizon,
) -> Vec<(Opening, Loc)> {
    let start = horizon.start;
    let mut plan = Vec::new();
    for w in written {
        let (Some(ym), Some(count)) = (w.month, w.count) else {
            continue;
        };
        let o = ym.months_since(start);
        if o < 0 {
            ctx.error(&w.loc, "hiring.plan.month", format!("opening in {ym} is before the scenario starts ({start})"), format!("openings must be in {start} or later; people already on the team belong in team.engineers"));
            continue;
        }
        if ym >= horizon.end {
            ctx.warn(&w.loc, "hiring.plan.month", format!("opening in {ym} is at or after the end of the horizon ({}); it contributes nothing", horizon.end.plus(-1)), "raise scenario.months to include it, or remove it".to_string());
        }
        plan.push((Opening { month: o, count }, w.loc));
    }
    plan
}

/// An opening whose baseline hire lands inside the horizon but whose Rust hire
/// lands beyond it hides part of its cost (MODEL.md §1): a warning says so.
pub(super) fn warn_late_rust_hires(
    ctx: &mut Ctx,
    plan: &[(Opening, Loc)],
    inputs: &[InputValue],
    horizon: &Horizon,
) {
    let days = inputs[Input::DaysToHire as usize].base;
    let mult = inputs[Input::Multiplier as usize].base;
    let months = horizon.months as i64;
    for (opening, loc) in plan {
        let o = Decimal::from(opening.month);
        // Hire times rounded to 12 decimals before any ⌊⌋ (MODEL.md §4).
        let round =
            |x: Decimal| x.round_dp_with_strategy(12, RoundingStrategy::MidpointAwayFromZero);
        let tb = days
            .checked_div(DAYS_PER_MONTH)
            .and_then(|x| x.checked_add(o))
            .map(round);
        let tr = days
            .checked_mul(mult)
            .and_then(|x| x.checked_div(DAYS_PER_MONTH))
            .and_then(|x| x.checked_add(o))
            .map(round);
        if let (Some(tb), Some(tr)) = (tb, tr) {
            let m = Decimal::from(months);
            if tb.floor() < m && tr.floor() >= m && opening.month < months {
                ctx.warn(loc, "hiring.plan", format!("the Rust hire of the opening in {} lands after the horizon ends; part of its cost is not shown", horizon.start.plus(opening.month)), "raise scenario.months to see its full cost".to_string());
            }
        }
    }
}
