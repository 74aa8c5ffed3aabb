//! `[[costs]]`: the user's own costs, one-off (`month`) or recurring (`from`,
//! `to`), as written and then placed on the horizon (MODEL.md §1, §3).

use crate::scenario::calendar::YearMonth;
use crate::scenario::source::{Entry, Loc, Node, Table, Value};
use crate::scenario::spec::{COST_DOMAIN, Unit};
use crate::scenario::uncertain::Uncertain;
use crate::scenario::{Cost, InputValue, MAX_COSTS};

use super::Horizon;
use super::context::Ctx;
use super::distribution::{input_value, uncertain};
use super::keys::check_keys;
use super::values::{line_text, month};

/// Column and metric names a cost may not take (MODEL.md §1, §5).
const RESERVED_NAMES: [&str; 28] = [
    "month",
    "engineers",
    "engineers_baseline",
    "rust_engineers",
    "salary_premium",
    "retention_raise",
    "recruiting",
    "unfilled_seats",
    "ci_compute",
    "infra_savings",
    "incident_savings",
    "cash_total",
    "vacancy",
    "ramp",
    "mentoring",
    "productivity",
    "build_wait",
    "capacity_cost",
    "total",
    "cumulative_total",
    "vacancy_em",
    "ramp_em",
    "mentoring_em",
    "productivity_em",
    "build_wait_em",
    "capacity_em",
    "npv",
    "run_rate",
];

/// A `[[costs]]` entry whose every key is valid on its own.
pub(super) struct WrittenCost {
    name: String,
    name_loc: Loc,
    amount: Uncertain,
    amount_loc: Loc,
    schedule: Schedule,
    per_engineer: bool,
}

/// When a cost applies, as written.
struct Schedule {
    first: YearMonth,
    /// The key that set `first`: `costs.month` or `costs.from`.
    first_key: &'static str,
    first_loc: Loc,
    /// `to`, inclusive, with where it is written.
    last: Option<(YearMonth, Loc)>,
    one_off: bool,
}

/// Every `[[costs]]` entry that is valid on its own (the others are reported).
pub(super) fn costs(ctx: &mut Ctx, root: &Table) -> Vec<WrittenCost> {
    let Some(entry) = root.get("costs") else {
        return Vec::new();
    };
    let Value::Array(items) = &entry.node.value else {
        return Vec::new();
    };
    if items.len() > MAX_COSTS {
        ctx.error(
            &entry.node.loc,
            "costs",
            format!(
                "expected at most {MAX_COSTS} [[costs]] entries, found {}",
                items.len()
            ),
            "combine small costs into one entry: each one becomes a CSV column".to_string(),
        );
        return Vec::new();
    }
    items.iter().filter_map(|item| cost(ctx, item)).collect()
}

fn cost(ctx: &mut Ctx, item: &Node) -> Option<WrittenCost> {
    let Value::Table(t) = &item.value else {
        ctx.error(
            &item.loc,
            "costs",
            format!("expected a cost table, found {}", item.value.describe()),
            "write each cost as a [[costs]] table with name, amount and month or from".to_string(),
        );
        return None;
    };
    check_keys(ctx, t, "costs");
    let name = match t.get("name") {
        Some(e) => name(ctx, e),
        None => {
            ctx.error(
                &item.loc,
                "costs.name",
                "a cost needs `name`",
                "add name = \"training\": it becomes a CSV column".to_string(),
            );
            None
        }
    };
    let key = name.as_ref().map_or_else(
        || "costs.amount".to_string(),
        |(n, _)| format!("costs.{n}.amount"),
    );
    let amount = match t.get("amount") {
        Some(e) => uncertain(ctx, &e.node, &key, &COST_DOMAIN).map(|a| (a, e.node.loc.clone())),
        None => {
            ctx.error(
                &item.loc,
                &key,
                "a cost needs `amount`",
                "add amount = 5000 (money, or a range such as [4000, 6000])".to_string(),
            );
            None
        }
    };
    let schedule = schedule(ctx, item, t);
    let per_engineer = match t.get("per_engineer") {
        None => Some(false),
        Some(e) => match e.node.value {
            Value::Bool(b) => Some(b),
            ref other => {
                ctx.error(
                    &e.node.loc,
                    "costs.per_engineer",
                    format!("expected true or false, found {}", other.describe()),
                    "write per_engineer = true to multiply the amount by the engineers present"
                        .to_string(),
                );
                None
            }
        },
    };
    let ((name, name_loc), (amount, amount_loc)) = (name?, amount?);
    Some(WrittenCost {
        name,
        name_loc,
        amount,
        amount_loc,
        schedule: schedule?,
        per_engineer: per_engineer?,
    })
}

/// The cost's name (it becomes a CSV column header), with where it is written.
fn name(ctx: &mut Ctx, e: &Entry) -> Option<(String, Loc)> {
    let n = line_text(ctx, e, "costs.name")?;
    if n.is_empty() {
        ctx.error(
            &e.node.loc,
            "costs.name",
            "expected a non-empty name",
            "name the cost, e.g. name = \"training\"".to_string(),
        );
        None
    } else if n.chars().count() > 60 {
        ctx.error(
            &e.node.loc,
            "costs.name",
            "expected a name of at most 60 characters",
            "shorten the name: it becomes a CSV column header".to_string(),
        );
        None
    } else {
        Some((n, e.node.loc.clone()))
    }
}

/// `month` (one-off) or `from` with an optional `to` (recurring), never both.
fn schedule(ctx: &mut Ctx, item: &Node, t: &Table) -> Option<Schedule> {
    let to = t.get("to");
    match (t.get("month"), t.get("from")) {
        (Some(_), Some(f)) => {
            ctx.error(&f.key_loc, "costs.from", "`month` and `from` are both given", "use `month` for a one-off cost, or `from` (and `to`) for a recurring one, not both".to_string());
            None
        }
        (None, None) => {
            ctx.error(&item.loc, "costs.month", "a cost needs `month` (one-off) or `from` (recurring)", "add month = \"2027-03\" for a one-off cost, or from = \"2027-03\" for a monthly one".to_string());
            None
        }
        (Some(m), None) => {
            if let Some(t) = to {
                ctx.error(
                    &t.key_loc,
                    "costs.to",
                    "`to` is only used with `from`",
                    "replace `month` with `from` for a recurring cost, or remove `to`".to_string(),
                );
                return None;
            }
            month(ctx, &m.node, "costs.month").map(|first| Schedule {
                first,
                first_key: "costs.month",
                first_loc: m.node.loc.clone(),
                last: None,
                one_off: true,
            })
        }
        (None, Some(f)) => {
            let first = month(ctx, &f.node, "costs.from");
            let last = match to {
                Some(t) => month(ctx, &t.node, "costs.to").map(|ym| Some((ym, t.node.loc.clone()))),
                None => Some(None),
            };
            Some(Schedule {
                first: first?,
                first_key: "costs.from",
                first_loc: f.node.loc.clone(),
                last: last?,
                one_off: false,
            })
        }
    }
}

/// The costs as month-index spans, with their amounts as inputs: names must be
/// free and distinct, and no cost may start before the scenario or end before
/// it starts.
pub(super) fn place_costs(
    ctx: &mut Ctx,
    written: Vec<WrittenCost>,
    horizon: &Horizon,
) -> (Vec<Cost>, Vec<InputValue>) {
    let start = horizon.start;
    let mut costs = Vec::new();
    let mut cost_inputs = Vec::new();
    let mut seen_names: Vec<String> = Vec::new();
    for c in written {
        let lower = c.name.to_lowercase();
        if RESERVED_NAMES.contains(&lower.as_str()) {
            ctx.error(
                &c.name_loc,
                "costs.name",
                format!("\"{}\" is the name of a built-in column", c.name),
                "give the cost a name of its own, e.g. \"training\" or \"consulting\"".to_string(),
            );
            continue;
        }
        if seen_names.contains(&lower) {
            ctx.error(
                &c.name_loc,
                "costs.name",
                format!(
                    "a cost named \"{}\" is already defined (names are compared ignoring case)",
                    c.name
                ),
                "give every [[costs]] entry a different name".to_string(),
            );
            continue;
        }
        seen_names.push(lower);
        let s = &c.schedule;
        let first = s.first.months_since(start);
        if first < 0 {
            ctx.error(
                &s.first_loc,
                s.first_key,
                format!("{} is before the scenario starts ({start})", s.first),
                format!("costs can start in {start} or later"),
            );
            continue;
        }
        if s.first >= horizon.end {
            ctx.warn(
                &s.first_loc,
                s.first_key,
                format!(
                    "{} is at or after the end of the horizon; the cost \"{}\" contributes nothing",
                    s.first, c.name
                ),
                None,
            );
        }
        let last = match &s.last {
            Some((to, loc)) => {
                if *to < s.first {
                    ctx.error(loc, "costs.to", format!("{to} is before `from` ({})", s.first), "`to` is the last month of the cost, inclusive; it must be on or after `from`".to_string());
                    continue;
                }
                to.months_since(start)
            }
            None if s.one_off => first,
            None => i64::MAX / 4,
        };
        let key = format!("costs.{}", c.name);
        if let Some(iv) = input_value(
            ctx,
            &c.amount_loc,
            key,
            c.name.clone(),
            Unit::Money,
            c.amount,
            COST_DOMAIN,
        ) {
            cost_inputs.push(iv);
            costs.push(Cost {
                name: c.name,
                first,
                last,
                per_engineer: c.per_engineer,
            });
        }
    }
    (costs, cost_inputs)
}
