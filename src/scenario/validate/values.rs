//! Single values: text, months and plain numbers, each checked and explained
//! when it is not what the key expects.

use rust_decimal::Decimal;

use crate::scenario::calendar::{self, YearMonth};
use crate::scenario::numbers::{self, NumberError};
use crate::scenario::source::{Entry, Node, Value};
use crate::scenario::spec::Domain;

use super::context::Ctx;

pub(super) fn text(ctx: &mut Ctx, entry: &Entry, key: &str) -> Option<String> {
    match &entry.node.value {
        Value::Text(t) => Some(t.clone()),
        other => {
            ctx.error(
                &entry.node.loc,
                key,
                format!("expected text in quotes, found {}", other.describe()),
                "put the value in double quotes".to_string(),
            );
            None
        }
    }
}

/// Text shown on one line (a scenario or cost name, a label): trimmed, and
/// refused when a control character is left in it (a line break, tab, escape
/// sequence, NUL...): it is printed in the terminal, drawn on charts and
/// written in CSV headers, which it would garble or forge.
pub(super) fn line_text(ctx: &mut Ctx, entry: &Entry, key: &str) -> Option<String> {
    let t = text(ctx, entry, key)?;
    let t = t.trim();
    if let Some((i, c)) = t.chars().enumerate().find(|(_, c)| c.is_control()) {
        ctx.error(
            &entry.node.loc,
            key,
            format!(
                "expected text on one line without control characters, found {} at character {}",
                control_name(c),
                i + 1
            ),
            "remove it: this text is printed in the terminal and drawn on charts, where a line break, tab or escape sequence would garble them".to_string(),
        );
        return None;
    }
    Some(t.to_string())
}

/// A control character as a person would call it.
fn control_name(c: char) -> String {
    let name = match c {
        '\0' => "NUL",
        '\u{7}' => "a bell (BEL)",
        '\u{8}' => "a backspace",
        '\t' => "a tab",
        '\n' => "a line break",
        '\r' => "a carriage return",
        '\u{1b}' => "an escape (ESC)",
        '\u{7f}' => "a delete (DEL)",
        _ => "a control character",
    };
    format!("{name} (U+{:04X})", u32::from(c))
}

/// A month written `"YYYY-MM"`.
pub(super) fn month(ctx: &mut Ctx, node: &Node, key: &str) -> Option<YearMonth> {
    let found = match &node.value {
        Value::Text(t) => match YearMonth::parse(t.trim()) {
            Some(ym) => return Some(ym),
            None => format!("\"{t}\""),
        },
        Value::Datetime(d) => format!("the date {d} (without quotes)"),
        other => other.describe(),
    };
    ctx.error(
        &node.loc,
        key,
        format!(
            "expected a month as \"YYYY-MM\" (years {}-{}), found {found}",
            calendar::FIRST_YEAR,
            calendar::LAST_YEAR
        ),
        "write the month in quotes, e.g. \"2027-03\"".to_string(),
    );
    None
}

/// A number that is not uncertain (counts, rates): ranges are refused.
pub(super) fn fixed_number(
    ctx: &mut Ctx,
    entry: &Entry,
    key: &str,
    domain: &Domain,
    what: &str,
) -> Option<Decimal> {
    let node = &entry.node;
    if matches!(node.value, Value::Array(_) | Value::Table(_)) {
        ctx.error(
            &node.loc,
            key,
            format!("expected a single number, found {}", node.value.describe()),
            format!("this input takes no range: {what}"),
        );
        return None;
    }
    let v = number(ctx, node, key)?;
    if !domain.contains(v) {
        ctx.error(
            &node.loc,
            key,
            format!("expected {}, found {v}", domain.describe()),
            what.to_string(),
        );
        return None;
    }
    Some(v)
}

/// A number (MODEL.md §1: integers, decimals, or quoted decimal text).
pub(super) fn number(ctx: &mut Ctx, node: &Node, key: &str) -> Option<Decimal> {
    match numbers::decimal(&node.value) {
        Ok(d) => Some(d),
        Err(e) => {
            let help = match e {
                NumberError::NotANumber => "write a plain number such as 0.25 or 150000 (money may be quoted for full precision: \"150000.005\")".to_string(),
                NumberError::NotFinite => "replace nan/inf with a real figure".to_string(),
                NumberError::TooLarge => "numbers are limited to 1e12 in magnitude; check the units (money is per year or per month, not in cents)".to_string(),
                NumberError::TooManyDigits(_) => "round the number, or write money as quoted text for full precision".to_string(),
            };
            ctx.error(
                &node.loc,
                key,
                format!("{}, found {}", e.explain(), node.value.describe()),
                help,
            );
            None
        }
    }
}
