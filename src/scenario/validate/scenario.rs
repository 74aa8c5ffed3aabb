//! `[scenario]`: the name, the horizon (start and months), the currency and the
//! discount rate (MODEL.md §1).

use rust_decimal::Decimal;

use crate::scenario::calendar::YearMonth;
use crate::scenario::source::{Entry, Loc, Table, Value};
use crate::scenario::spec::Domain;

use super::context::Ctx;
use super::keys::required;
use super::values::{fixed_number, line_text, month, text};

/// The values of `[scenario]`; `None` where a value is broken (and reported).
pub(super) struct ScenarioSection {
    pub(super) name: Option<String>,
    pub(super) start: Option<YearMonth>,
    pub(super) months: Option<usize>,
    pub(super) currency: Option<String>,
    pub(super) discount_rate: Option<Decimal>,
}

/// Validates `[scenario]`; `header` is where a missing key is reported.
pub(super) fn section(ctx: &mut Ctx, s: &Table, header: &Loc) -> ScenarioSection {
    let name = required(ctx, s, "scenario", "name", header).and_then(|e| name(ctx, e));
    let start = required(ctx, s, "scenario", "start", header)
        .and_then(|e| month(ctx, &e.node, "scenario.start"));
    let months = match s.get("months") {
        None => Some(24_usize),
        Some(e) => months(ctx, e),
    };
    let currency = match s.get("currency") {
        None => Some("USD".to_string()),
        Some(e) => currency(ctx, e),
    };
    let discount_rate = match s.get("discount_rate") {
        None => Some(Decimal::ZERO),
        Some(e) => fixed_number(
            ctx,
            e,
            "scenario.discount_rate",
            &Domain::between(Decimal::ZERO, Decimal::ONE),
            "an annual rate, e.g. 0.08 for 8%",
        ),
    };
    ScenarioSection {
        name,
        start,
        months,
        currency,
        discount_rate,
    }
}

fn name(ctx: &mut Ctx, entry: &Entry) -> Option<String> {
    let t = line_text(ctx, entry, "scenario.name")?;
    if t.is_empty() {
        ctx.error(
            &entry.node.loc,
            "scenario.name",
            "expected a non-empty name",
            "give the scenario a title, e.g. name = \"Retrain the Go team\"".to_string(),
        );
        None
    } else if t.chars().count() > 200 {
        ctx.error(
            &entry.node.loc,
            "scenario.name",
            format!(
                "expected a name of at most 200 characters, found {}",
                t.chars().count()
            ),
            "shorten the name".to_string(),
        );
        None
    } else {
        Some(t)
    }
}

/// The horizon: a whole number of months from 1 to 600.
fn months(ctx: &mut Ctx, entry: &Entry) -> Option<usize> {
    match &entry.node.value {
        Value::Integer { value, .. } if (1..=600).contains(value) => usize::try_from(*value).ok(),
        Value::Integer { raw, .. } => {
            ctx.error(
                &entry.node.loc,
                "scenario.months",
                format!("expected a whole number of months from 1 to 600, found {raw}"),
                "set the horizon in months, e.g. months = 36".to_string(),
            );
            None
        }
        other => {
            ctx.error(
                &entry.node.loc,
                "scenario.months",
                format!(
                    "expected a whole number of months from 1 to 600, found {}",
                    other.describe()
                ),
                "write a whole number without quotes or decimals, e.g. months = 36".to_string(),
            );
            None
        }
    }
}

/// A three-letter ISO 4217 code, as written (it is shown beside every amount).
fn currency(ctx: &mut Ctx, entry: &Entry) -> Option<String> {
    let c = text(ctx, entry, "scenario.currency")?;
    if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        return Some(c);
    }
    let upper = c.trim().to_ascii_uppercase();
    let help = if upper.len() == 3 && upper.bytes().all(|b| b.is_ascii_uppercase()) {
        format!("write currency = \"{upper}\"")
    } else {
        "use a three-letter ISO 4217 code such as \"USD\", \"EUR\" or \"GBP\"".to_string()
    };
    ctx.error(
        &entry.node.loc,
        "scenario.currency",
        format!("expected three capital letters A-Z, found \"{c}\""),
        help,
    );
    None
}
