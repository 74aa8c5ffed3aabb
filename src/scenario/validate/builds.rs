//! `[builds]`: the size preset (the defaults of four build-time inputs), the
//! working hours and the holidays that WD(m) leaves out (MODEL.md §1-§2).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::scenario::source::{Table, Value};
use crate::scenario::spec::{self, BuildPreset, Domain};

use super::context::Ctx;
use super::values::{fixed_number, text};

/// The `builds.size` preset, `large` when not written; `None` when the size is
/// not a preset (reported).
pub(super) fn preset(ctx: &mut Ctx, b: &Table) -> Option<&'static BuildPreset> {
    match b.get("size") {
        None => spec::preset("large"),
        Some(e) => text(ctx, e, "builds.size").and_then(|sz| {
            let found = spec::preset(&sz.trim().to_ascii_lowercase());
            if found.is_none() {
                ctx.error(&e.node.loc, "builds.size", format!("expected \"small\", \"medium\" or \"large\", found \"{sz}\""), "pick the preset closest to your code base; override single build times below it".to_string());
            }
            found
        }),
    }
}

pub(super) fn hours_per_day(ctx: &mut Ctx, b: &Table) -> Option<Decimal> {
    match b.get("hours_per_day") {
        None => Some(Decimal::from(8)),
        Some(e) => fixed_number(
            ctx,
            e,
            "builds.hours_per_day",
            &Domain::between(Decimal::ONE, Decimal::from(24)),
            "working hours in a day, e.g. hours_per_day = 8",
        ),
    }
}

/// `builds.holidays`: real calendar dates, as text or TOML dates.
pub(super) fn holidays(ctx: &mut Ctx, b: &Table) -> BTreeSet<NaiveDate> {
    let mut out = BTreeSet::new();
    let Some(entry) = b.get("holidays") else {
        return out;
    };
    let Value::Array(items) = &entry.node.value else {
        ctx.error(
            &entry.node.loc,
            "builds.holidays",
            format!(
                "expected a list of dates, found {}",
                entry.node.value.describe()
            ),
            "write e.g. holidays = [\"2027-12-24\", \"2027-12-25\"]".to_string(),
        );
        return out;
    };
    for item in items {
        match date(&item.value) {
            Some(date) => {
                out.insert(date);
            }
            None => ctx.error(
                &item.loc,
                "builds.holidays",
                format!(
                    "expected a real calendar date \"YYYY-MM-DD\", found {}",
                    item.value.describe()
                ),
                "write dates like \"2027-12-25\" (the day must exist in that month)".to_string(),
            ),
        }
    }
    out
}

/// A day written `"YYYY-MM-DD"` or as a bare TOML date.
fn date(value: &Value) -> Option<NaiveDate> {
    match value {
        Value::Text(t) => {
            let t = t.trim();
            if t.len() == 10 {
                NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
            } else {
                None
            }
        }
        Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.date.and_then(|d| {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }),
        _ => None,
    }
}
