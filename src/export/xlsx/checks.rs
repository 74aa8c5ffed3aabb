//! Guarding the inputs: the data validation rules of each kind of input cell
//! (MODEL.md §1 domains, with an input message naming the key and an error
//! message like the tool's), the check formulas that name a wrong input, and
//! the hidden Checks sheet: the first problem among all check cells (Summary's
//! red check cell shows it), and a copy of every input as exported, from which
//! `stale` says whether the sampled figures still belong to these inputs.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Formula, Worksheet};

use super::formats::{Styles, abs_cell, literal, quoted, text_formula};
use super::{ASSUMPTIONS_SHEET, Book, CHECKS, DefinedNames, names};
use crate::scenario::Domain;

/// A spreadsheet number for a decimal bound.
fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// At most `n` characters (data validation titles hold 32, messages 255).
fn cut(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The rule of a number input with `domain`, its input message naming `key`.
pub(super) fn number_rule(
    key: &str,
    domain: &Domain,
    help: &str,
) -> anyhow::Result<DataValidation> {
    let rule = match (domain.min_exclusive, domain.max) {
        (false, Some(max)) => DataValidationRule::Between(f(domain.min), f(max)),
        (true, Some(_)) | (true, None) => DataValidationRule::GreaterThan(f(domain.min)),
        (false, None) => DataValidationRule::GreaterThanOrEqualTo(f(domain.min)),
    };
    let expected = domain.describe();
    Ok(DataValidation::new()
        .allow_decimal_number(rule)
        .set_input_title(cut(key, 32))?
        .set_input_message(cut(&format!("{key}: {expected}. {help}"), 255))?
        .set_error_title("Not allowed")?
        .set_error_message(cut(&format!("{key}: expected {expected}."), 255))?)
}

/// The rule of a month cell: a date from `scenario.start` on.
pub(super) fn month_rule(key: &str, help: &str) -> anyhow::Result<DataValidation> {
    Ok(DataValidation::new()
        .allow_date_formula(DataValidationRule::GreaterThanOrEqualTo(Formula::new(
            names::START,
        )))
        .set_input_title(cut(key, 32))?
        .set_input_message(cut(
            &format!(
                "{key}: a month, typed as a date (2027-03), not before scenario.start. {help}"
            ),
            255,
        ))?
        .set_error_title("Not allowed")?
        .set_error_message(cut(
            &format!(
                "{key}: expected a month as a date (e.g. 2027-03), not before scenario.start."
            ),
            255,
        ))?)
}

/// The rule of a date cell with no lower bound but the calendar's.
pub(super) fn date_rule(key: &str, help: &str) -> anyhow::Result<DataValidation> {
    Ok(DataValidation::new()
        .allow_date(DataValidationRule::Between(
            rust_xlsxwriter::ExcelDateTime::from_ymd(1900, 1, 1)?,
            rust_xlsxwriter::ExcelDateTime::from_ymd(9000, 12, 31)?,
        ))
        .set_input_title(cut(key, 32))?
        .set_input_message(cut(
            &format!("{key}: a date (e.g. 2027-03-01). {help}"),
            255,
        ))?
        .set_error_title("Not allowed")?
        .set_error_message(cut(
            &format!("{key}: expected a date between 1900 and 9000 (e.g. 2027-12-24)."),
            255,
        ))?)
}

/// The rule of a cell that takes one of `choices`.
pub(super) fn list_rule(key: &str, choices: &[&str], help: &str) -> anyhow::Result<DataValidation> {
    Ok(DataValidation::new()
        .allow_list_strings(choices)?
        .set_input_title(cut(key, 32))?
        .set_input_message(cut(
            &format!("{key}: one of {}. {help}", choices.join(", ")),
            255,
        ))?
        .set_error_title("Not allowed")?
        .set_error_message(cut(
            &format!("{key}: expected one of {}.", choices.join(", ")),
            255,
        ))?)
}

/// The rule of the currency: three capital letters.
pub(super) fn currency_rule() -> anyhow::Result<DataValidation> {
    Ok(DataValidation::new()
        .allow_text_length(DataValidationRule::EqualTo(3))
        .set_input_title("scenario.currency")?
        .set_input_message(
            "scenario.currency: three capital letters (a label only: nothing is converted).",
        )?
        .set_error_title("Not allowed")?
        .set_error_message("scenario.currency: expected 3 letters A-Z, e.g. USD.")?)
}

/// Where a checked cell is, for messages: `hiring.premium (Assumptions!C13)`.
pub(super) fn place(key: &str, row: u32, col: u16) -> String {
    format!(
        "{key} ({ASSUMPTIONS_SHEET}!{})",
        super::formats::cell(row, col)
    )
}

/// What a cell holds, in the words of the tool's messages: `found 25`,
/// `found the text "March"`, `found an error`, `found nothing`.
fn found(x: &str) -> String {
    format!(
        "IF(ISERROR({x}),\"found an error value\",IF(ISBLANK({x}),\"found nothing\",IF(ISNUMBER({x}),\"found \"&{x},\"found the text \"\"\"&{x}&\"\"\"\")))"
    )
}

/// A check formula (without `=`): "" when `x` is a number in `domain`,
/// otherwise the message. `optional`: an empty cell is fine.
pub(super) fn number_check(x: &str, what: &str, domain: &Domain, optional: bool) -> String {
    let expected = format!("{what}: expected {}, ", domain.describe());
    let min = domain.min.normalize();
    let below = if domain.min_exclusive {
        format!("{x}<={min}")
    } else {
        format!("{x}<{min}")
    };
    let outside = match domain.max {
        Some(max) => format!("OR({below},{x}>{})", max.normalize()),
        None => below,
    };
    let blank = if optional {
        "\"\"".to_string()
    } else {
        format!("{}&\"found nothing\"", literal(&expected))
    };
    format!(
        "IF(ISERROR({x}),{e}&\"found an error value\",IF(ISBLANK({x}),{blank},IF(NOT(ISNUMBER({x})),{e}&{found},IF({outside},{e}&{found},\"\"))))",
        e = literal(&expected),
        found = found(x),
    )
}

/// A check formula for a month cell: a date not before `scenario.start`;
/// `required`: a formula that says whether the month must be given.
pub(super) fn month_check(x: &str, what: &str, required: &str) -> String {
    let e = literal(&format!(
        "{what}: expected a month as a date (e.g. 2027-03), not before scenario.start, "
    ));
    format!(
        "IF(ISERROR({x}),{e}&\"found an error value\",IF(ISBLANK({x}),IF({required},{e}&\"found nothing\",\"\"),IF(NOT(ISNUMBER({x})),{e}&{found},IF(OR({x}<{start},{x}>=2958466),{e}&\"found \"&TEXT({x},\"0\")&\" (a date before the start)\",\"\"))))",
        found = found(x),
        start = names::START,
    )
}

/// Joins check formulas: the first non-empty message.
pub(super) fn first_of(checks: &[String]) -> String {
    let mut out = "\"\"".to_string();
    for c in checks.iter().rev() {
        out = format!("IF({c}<>\"\",{c},{out})");
    }
    out
}

/// A value as exported, mirrored on the Checks sheet.
#[derive(Debug, Clone)]
pub(super) enum Snap {
    Number(f64),
    Text(String),
    Blank,
}

/// An editable cell of the Assumptions sheet and its value as exported.
pub(super) struct SnapCell {
    pub(super) row: u32,
    pub(super) col: u16,
    pub(super) value: Snap,
}

/// A check cell: `Assumptions!$L$12`.
pub(super) struct CheckCell {
    pub(super) at: String,
}

/// Column of the Checks sheet's list of check cells and its running "first
/// problem so far".
const CASCADE_COL: u16 = 20;

/// The hidden Checks sheet.
pub(super) fn checks_sheet(
    book: &Book,
    checks: &[CheckCell],
    snapshot: &[SnapCell],
    styles: &Styles,
    defined: &mut DefinedNames,
) -> anyhow::Result<Worksheet> {
    let _ = book;
    let mut ws = super::formats::new_sheet();
    ws.set_name(CHECKS)?;
    ws.set_hidden(true);
    ws.write_string_with_format(
        0,
        CASCADE_COL,
        "Checks: the first problem among the check cells of Assumptions (and the switch); columns A-M mirror the Assumptions inputs as exported (for the stale flag).",
        &styles.note,
    )?;
    // Mirror: the same addresses as on Assumptions.
    let mut ranges: Vec<(u32, u16)> = Vec::new();
    for s in snapshot {
        match &s.value {
            Snap::Number(v) => {
                ws.write_number(s.row, s.col, *v)?;
            }
            Snap::Text(t) => {
                ws.write_string(s.row, s.col, t)?;
            }
            Snap::Blank => {}
        }
        ranges.push((s.row, s.col));
    }
    // One comparison per cell; errors count as changed.
    let mut terms = Vec::new();
    for (row, col) in &ranges {
        let a = format!("{ASSUMPTIONS_SHEET}!{}", abs_cell(*row, *col));
        let b = abs_cell(*row, *col);
        terms.push(format!("IF(ISERROR({a}),1,IF({a}={b},0,1))"));
    }
    // Summed in chunks (formulas are limited to 8,192 characters).
    let mut row = 2;
    let mut parts = Vec::new();
    for chunk in terms.chunks(40) {
        ws.write_formula(
            row,
            CASCADE_COL + 2,
            text_formula(format!("={}", chunk.join("+")), "0"),
        )?;
        parts.push(abs_cell(row, CASCADE_COL + 2));
        row += 1;
    }
    ws.write_string(1, CASCADE_COL + 2, "inputs changed since the export")?;
    let stale_row = row;
    ws.write_string(stale_row, CASCADE_COL + 1, "stale")?;
    let sum = if parts.is_empty() {
        "0".to_string()
    } else {
        parts.join("+")
    };
    ws.write_formula(
        stale_row,
        CASCADE_COL + 2,
        Formula::new(format!("=({sum})>0")).set_result("FALSE"),
    )?;
    defined.define(
        names::STALE,
        format!("{CHECKS}!{}", abs_cell(stale_row, CASCADE_COL + 2)),
    );

    // The cascade: each row keeps the first problem so far.
    let mut prev: Option<String> = None;
    let first = stale_row + 2;
    ws.write_string(first - 1, CASCADE_COL, "check cell")?;
    ws.write_string(first - 1, CASCADE_COL + 1, "first problem so far")?;
    for (k, c) in checks.iter().enumerate() {
        let r = first + k as u32;
        ws.write_string(r, CASCADE_COL, &c.at)?;
        let text = match &prev {
            None => format!("={}", c.at),
            Some(p) => format!("=IF({p}<>\"\",{p},{})", c.at),
        };
        ws.write_formula(r, CASCADE_COL + 1, text_formula(text, ""))?;
        prev = Some(abs_cell(r, CASCADE_COL + 1));
    }
    let last = prev.unwrap_or_else(|| "\"\"".to_string());
    let r = first + checks.len() as u32 + 1;
    ws.write_string(r, CASCADE_COL, "first problem")?;
    ws.write_formula(r, CASCADE_COL + 1, text_formula(format!("={last}"), ""))?;
    defined.define(
        names::FIRST_PROBLEM,
        format!("{}!{}", quoted(CHECKS), abs_cell(r, CASCADE_COL + 1)),
    );
    ws.write_string(r + 1, CASCADE_COL, "inputs ok")?;
    ws.write_formula(
        r + 1,
        CASCADE_COL + 1,
        Formula::new(format!("={}=\"\"", abs_cell(r, CASCADE_COL + 1))).set_result("TRUE"),
    )?;
    defined.define(
        names::INPUTS_OK,
        format!("{}!{}", quoted(CHECKS), abs_cell(r + 1, CASCADE_COL + 1)),
    );
    Ok(ws)
}
