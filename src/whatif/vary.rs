//! `--vary KEY=FROM:TO:STEP` and `--vary KEY=v1,v2,v3`: which key a sweep moves
//! and the exact decimal values it takes.
//!
//! Values are computed as `FROM + i·STEP` in `Decimal`, never by adding a step
//! repeatedly in binary floating point, so `0.1:0.4:0.1` is exactly 0.1, 0.2,
//! 0.3 and 0.4.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::scenario::spec::{INPUTS, OTHER_KEYS};
use crate::scenario::{BUILTIN_INPUTS, Scenario, Unit};

/// Most `--vary` flags: a data table has one or two axes.
pub(crate) const MAX_VARIES: usize = 2;
/// Most combinations (rows of `sweep.csv`) a sweep computes.
pub(crate) const MAX_COMBINATIONS: usize = 1_000_000;

/// Numeric keys that are not uncertain inputs but can be swept (MODEL.md §1).
pub(crate) const FIXED_NUMERIC_KEYS: [&str; 4] = [
    "team.engineers",
    "scenario.discount_rate",
    "scenario.months",
    "builds.hours_per_day",
];

/// The swept key in a planner's words, for charts: the input's label, or the
/// cost's name.
pub(crate) fn label(column: &str, scenario: &Scenario) -> String {
    let fixed = match column {
        "team.engineers" => Some("Engineers at the start"),
        "scenario.discount_rate" => Some("Discount rate per year"),
        "scenario.months" => Some("Horizon"),
        "builds.hours_per_day" => Some("Working hours per day"),
        _ => None,
    };
    fixed.map(String::from).unwrap_or_else(|| {
        scenario
            .inputs
            .iter()
            .find(|i| i.key == column)
            .map_or_else(|| column.to_string(), |i| i.label.clone())
    })
}

/// How a swept key's values are written on a chart axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AxisUnit {
    /// A share, written as a percentage (0.25 is 25%).
    Share,
    /// An amount in the scenario's currency.
    Money,
    /// A multiple, written 2.5x.
    Times,
    /// A plain number; the words name its unit in the axis title ("months"),
    /// empty when the label says it already.
    Number(&'static str),
}

/// The unit of a swept key's values on a chart (MODEL.md §1 tables).
pub(crate) fn axis_unit(column: &str, scenario: &Scenario) -> AxisUnit {
    match column {
        "team.engineers" | "builds.hours_per_day" => return AxisUnit::Number(""),
        "scenario.discount_rate" => return AxisUnit::Share,
        "scenario.months" => return AxisUnit::Number("months"),
        _ => {}
    }
    let unit = scenario
        .inputs
        .iter()
        .find(|i| i.key == column)
        .map(|i| i.unit);
    match unit {
        Some(Unit::Share) => AxisUnit::Share,
        Some(Unit::Money) => AxisUnit::Money,
        Some(Unit::Times) => AxisUnit::Times,
        Some(Unit::Months) => AxisUnit::Number("months"),
        Some(Unit::Days) => AxisUnit::Number("days"),
        Some(Unit::Minutes) => AxisUnit::Number("minutes"),
        Some(Unit::PerDay) => AxisUnit::Number("per working day"),
        Some(Unit::PerMonth) => AxisUnit::Number("per month"),
        Some(Unit::Ratio) => AxisUnit::Number("vs current stack"),
        Some(Unit::LostPerMinute) | None => AxisUnit::Number(""),
    }
}

/// One `--vary`, checked against the scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vary {
    /// The flag's value as typed, for messages.
    pub(crate) text: String,
    /// The key as typed (trimmed): the override applied is `key=value`, exactly
    /// as `--set key=value` would be.
    pub(crate) key: String,
    /// The dotted key that names the CSV column, e.g. `hiring.premium` or
    /// `costs.<name>` (as in `sensitivity.csv`).
    pub(crate) column: String,
    /// The values, in order, normalized (`0.10` is `0.1`, `-0` is `0`).
    pub(crate) values: Vec<Decimal>,
}

/// A `--vary` whose syntax and values are checked but whose key is not yet
/// matched against a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarySpec {
    pub(crate) text: String,
    pub(crate) key: String,
    pub(crate) values: Vec<Decimal>,
}

/// The text written for a value: in the CSV column and in the override.
pub(crate) fn value_text(value: Decimal) -> String {
    value.normalize().to_string()
}

fn normalized(value: Decimal) -> Decimal {
    if value.is_zero() {
        Decimal::ZERO
    } else {
        value.normalize()
    }
}

/// Parses one `--vary` flag: syntax, numbers, step and count.
pub fn parse(text: &str) -> Result<VarySpec, String> {
    let flag = format!("--vary '{text}'");
    let Some((key, spec)) = text.split_once('=') else {
        return Err(format!(
            "{flag} is not KEY=FROM:TO:STEP or KEY=v1,v2,...; write e.g. --vary hiring.premium=0.1:0.4:0.05 or --vary ramp.months=2,4,6"
        ));
    };
    let key = key.trim();
    if key.is_empty() || key.split('.').any(|part| part.trim().is_empty()) {
        return Err(format!(
            "{flag}: the key must be dotted like hiring.premium or costs.<name>"
        ));
    }
    let values = if spec.contains(':') {
        range(&flag, key, spec)?
    } else {
        list(&flag, spec)?
    };
    Ok(VarySpec {
        text: text.to_string(),
        key: key.to_string(),
        values,
    })
}

/// A plain decimal (`0.25`, `-3`, `+1.5`; no exponent, `nan` or `inf`),
/// normalized; the error names `flag` and `what` the number is.
pub(crate) fn number(flag: &str, text: &str, what: &str) -> Result<Decimal, String> {
    let t = text.trim();
    let plain = !t.is_empty()
        && t.trim_start_matches(['-', '+'])
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|&b| b == b'-' || b == b'+').count() <= 1
        && t.bytes().any(|b| b.is_ascii_digit());
    let parsed = if plain {
        Decimal::from_str_exact(t).ok()
    } else {
        None
    };
    parsed.map(normalized).ok_or_else(|| {
        format!(
            "{flag}: {what} `{t}` is not a number; write plain decimals such as 0.25, 3 or -1.5"
        )
    })
}

fn range(flag: &str, key: &str, spec: &str) -> Result<Vec<Decimal>, String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let [from, to, step] = parts.as_slice() else {
        return Err(format!(
            "{flag}: a range is FROM:TO:STEP with three numbers, e.g. {key}=0.1:0.4:0.1; found {} part(s)",
            parts.len()
        ));
    };
    let from = number(flag, from, "FROM")?;
    let to = number(flag, to, "TO")?;
    let step = number(flag, step, "STEP")?;
    if step.is_zero() {
        return Err(format!(
            "{flag}: the step is zero, so the range never reaches TO; write a step such as {key}={}:{}:{}",
            value_text(from),
            value_text(to),
            example_step(from, to)
        ));
    }
    if (to > from && step.is_sign_negative()) || (to < from && step.is_sign_positive()) {
        return Err(format!(
            "{flag}: the step {} goes away from TO ({} is {} FROM {}); write {key}={}:{}:{}",
            value_text(step),
            value_text(to),
            if to > from { "above" } else { "below" },
            value_text(from),
            value_text(from),
            value_text(to),
            value_text(-step)
        ));
    }
    let too_many = || {
        format!(
            "{flag} gives more than {} values (the most a sweep computes); use a larger step",
            group(MAX_COMBINATIONS)
        )
    };
    // The count is floor((TO - FROM) / STEP) + 1, corrected below in case the
    // quotient was rounded.
    let span = to.checked_sub(from).ok_or_else(too_many)?;
    let quotient = span.checked_div(step).ok_or_else(too_many)?.floor();
    if quotient > Decimal::from(MAX_COMBINATIONS) {
        return Err(too_many());
    }
    let mut count = quotient
        .to_usize()
        .and_then(|n| n.checked_add(1))
        .ok_or_else(too_many)?;
    let value_at =
        |i: usize| -> Option<Decimal> { from.checked_add(step.checked_mul(Decimal::from(i))?) };
    let within = |v: Decimal| {
        if step > Decimal::ZERO {
            v <= to
        } else {
            v >= to
        }
    };
    while value_at(count).is_some_and(within) {
        count += 1;
    }
    while count > 1 && !value_at(count - 1).is_some_and(within) {
        count -= 1;
    }
    if count > MAX_COMBINATIONS {
        return Err(too_many());
    }
    (0..count)
        .map(|i| value_at(i).map(normalized).ok_or_else(too_many))
        .collect()
}

/// A step that divides the range into ten, for the zero-step message.
fn example_step(from: Decimal, to: Decimal) -> String {
    let span = (to - from).abs();
    if span.is_zero() {
        "1".to_string()
    } else {
        value_text((span / Decimal::TEN).round_dp(6).max(Decimal::new(1, 6)))
    }
}

fn list(flag: &str, spec: &str) -> Result<Vec<Decimal>, String> {
    let mut values: Vec<Decimal> = Vec::new();
    for item in spec.split(',') {
        let v = number(flag, item, "the value")?;
        if values.contains(&v) {
            return Err(format!(
                "{flag}: {} is listed twice; list each value once",
                value_text(v)
            ));
        }
        values.push(v);
    }
    if values.len() > MAX_COMBINATIONS {
        return Err(format!(
            "{flag} lists more than {} values (the most a sweep computes)",
            group(MAX_COMBINATIONS)
        ));
    }
    Ok(values)
}

/// `1000000` → `1,000,000`.
pub(crate) fn group(n: usize) -> String {
    crate::text::group_thousands(&n.to_string())
}

/// Every key `--vary` accepts for this scenario, for messages.
pub(crate) fn numeric_keys(scenario: &Scenario) -> Vec<String> {
    let mut keys: Vec<String> = INPUTS.iter().map(|s| s.dotted()).collect();
    keys.extend(FIXED_NUMERIC_KEYS.iter().map(|k| k.to_string()));
    keys.extend(scenario.costs.iter().map(|c| format!("costs.{}", c.name)));
    keys
}

/// Matches a parsed `--vary` against the scenario: the key must be a numeric
/// input of it. Returns the checked [`Vary`].
pub fn resolve(spec: VarySpec, scenario: &Scenario) -> Result<Vary, String> {
    let flag = format!("--vary '{}'", spec.text);
    let column = column(&flag, &spec.key, scenario, "swept")?;
    Ok(Vary {
        text: spec.text,
        key: spec.key,
        column,
        values: spec.values,
    })
}

/// The dotted key (`sensitivity.csv`'s name for it) of a numeric key as
/// typed, or why it is not one; `verb` says what cannot be done with a key
/// that is not a number ("swept", "solved for").
pub(crate) fn column(
    flag: &str,
    key: &str,
    scenario: &Scenario,
    verb: &str,
) -> Result<String, String> {
    let parts: Vec<&str> = key.split('.').map(str::trim).collect();
    if parts.first() == Some(&"costs") {
        return cost_column(flag, key, scenario, verb);
    }
    let accepted = "--vary takes numeric keys: an uncertain input such as hiring.premium or ramp.months, costs.<name>, team.engineers, scenario.discount_rate, scenario.months or builds.hours_per_day";
    if let [section, name] = parts.as_slice() {
        let dotted = format!("{section}.{name}");
        if INPUTS
            .iter()
            .any(|s| s.section == *section && s.key == *name)
            || FIXED_NUMERIC_KEYS.contains(&dotted.as_str())
        {
            return Ok(dotted);
        }
        let non_numeric = OTHER_KEYS
            .iter()
            .any(|(s, keys)| s == section && keys.contains(name));
        if non_numeric {
            return Err(format!(
                "{flag}: `{dotted}` is not a number, so it cannot be {verb}; {accepted}"
            ));
        }
    }
    let known = numeric_keys(scenario);
    // `premium` alone: the keys of that name in any section.
    let same_name: Vec<String> = known
        .iter()
        .filter(|k| k.rsplit_once('.').is_some_and(|(_, name)| name == key))
        .map(|k| format!("`{k}`"))
        .collect();
    let help = if !same_name.is_empty() {
        format!("did you mean {}?", same_name.join(" or "))
    } else {
        match closest(key, &known) {
            Some(k) => format!("did you mean `{k}`?"),
            None => accepted.to_string(),
        }
    };
    Err(format!("{flag}: unknown key `{key}`; {help}"))
}

fn cost_column(flag: &str, key: &str, scenario: &Scenario, verb: &str) -> Result<String, String> {
    let rest = key.strip_prefix("costs.").unwrap_or_default().trim();
    let names: Vec<&str> = scenario.costs.iter().map(|c| c.name.as_str()).collect();
    if names.is_empty() {
        return Err(format!(
            "{flag}: the scenario has no [[costs]] entries; --vary costs.<name> names the amount of one"
        ));
    }
    // The same matching as `--set`: the whole rest names a cost (its amount),
    // or `<name>.<field>`.
    let by_name = |n: &str| names.iter().position(|c| c.eq_ignore_ascii_case(n.trim()));
    let index = match by_name(rest) {
        Some(i) => i,
        None => match rest.rsplit_once('.') {
            Some((name, field)) => match by_name(name) {
                Some(i) if field.trim() == "amount" => i,
                Some(_) => {
                    return Err(format!(
                        "{flag}: `{key}` is not a number, so it cannot be {verb}; a cost's number is its amount: costs.{}.amount",
                        name.trim()
                    ));
                }
                None => return Err(unknown_cost(flag, rest, &names)),
            },
            None => return Err(unknown_cost(flag, rest, &names)),
        },
    };
    Ok(scenario.inputs[BUILTIN_INPUTS + index].key.clone())
}

fn unknown_cost(flag: &str, rest: &str, names: &[&str]) -> String {
    format!(
        "{flag}: no cost matches `{rest}`; the costs are: {}",
        names.join(", ")
    )
}

/// The closest known key, if it is close enough to be a typo.
fn closest<'k>(word: &str, known: &'k [String]) -> Option<&'k str> {
    crate::text::closest(word, known.iter().map(String::as_str), |len| 3.max(len / 5))
}

/// A sweep varies one key (a line) or two (a grid).
pub(crate) fn check_count(n: usize) -> Result<(), String> {
    if n > MAX_VARIES {
        return Err(format!(
            "--vary is given {n} times; a sweep varies one key (a line) or two (a grid), like a spreadsheet data table; fix the others with --set or run several sweeps"
        ));
    }
    Ok(())
}

/// Checks the set of `--vary` flags together: how many, no key twice, and the
/// number of combinations.
pub fn check_all(varies: &[Vary]) -> Result<usize, String> {
    check_count(varies.len())?;
    for (i, a) in varies.iter().enumerate() {
        if let Some(b) = varies[..i].iter().find(|b| b.column == a.column) {
            return Err(format!(
                "--vary '{}' and --vary '{}' both vary {}; give each key once",
                b.text, a.text, a.column
            ));
        }
    }
    let combinations = varies
        .iter()
        .try_fold(1_usize, |n, v| n.checked_mul(v.values.len()));
    match combinations {
        Some(n) if n <= MAX_COMBINATIONS => Ok(n),
        _ => {
            let counts: Vec<String> = varies
                .iter()
                .map(|v| format!("{}: {} values", v.column, group(v.values.len())))
                .collect();
            let count = combinations.map_or_else(|| "too many".to_string(), group);
            Err(format!(
                "the sweep has {count} combinations ({}), above the limit of {}; use larger steps or fewer values",
                counts.join(" × "),
                group(MAX_COMBINATIONS)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        match parse(text) {
            Ok(spec) => spec.values.into_iter().map(value_text).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    fn error(text: &str) -> String {
        match parse(text) {
            Ok(spec) => panic!("expected an error, got {spec:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn decimal_steps_are_exact() {
        assert_eq!(
            values("hiring.premium=0.1:0.4:0.1"),
            ["0.1", "0.2", "0.3", "0.4"]
        );
        assert_eq!(
            values("hiring.premium=0:0.05:0.01"),
            ["0", "0.01", "0.02", "0.03", "0.04", "0.05"]
        );
        // TO need not be on a step.
        assert_eq!(values("ramp.months=1:10:4"), ["1", "5", "9"]);
        assert_eq!(values("ramp.months=6:3:-1"), ["6", "5", "4", "3"]);
        assert_eq!(values("ramp.months=3:3:1"), ["3"]);
        // A third does not terminate in decimal: the last value stays ≤ TO.
        assert_eq!(
            values("x.y=0:1:0.333333333333"),
            ["0", "0.333333333333", "0.666666666666", "0.999999999999"]
        );
    }

    #[test]
    fn lists_keep_their_order_and_normalize() {
        assert_eq!(values("ramp.months=6, 2,4"), ["6", "2", "4"]);
        assert_eq!(values("hiring.premium=0.10,-0"), ["0.1", "0"]);
        assert_eq!(values("hiring.premium=0.3"), ["0.3"]);
    }

    #[test]
    fn bad_ranges_are_refused_with_the_fix() {
        assert!(error("hiring.premium=0:1:0").contains("the step is zero"));
        let wrong = error("ramp.months=6:3:1");
        assert!(wrong.contains("goes away from TO"), "{wrong}");
        assert!(wrong.contains("ramp.months=6:3:-1"), "{wrong}");
        assert!(error("hiring.premium=0:1").contains("FROM:TO:STEP"));
        assert!(error("hiring.premium=0:x:0.1").contains("`x` is not a number"));
        assert!(error("hiring.premium=1e3").contains("not a number"));
        assert!(error("hiring.premium=nan").contains("not a number"));
        assert!(error("hiring.premium=0.1,0.10").contains("listed twice"));
        assert!(error("hiring.premium").contains("KEY=FROM:TO:STEP"));
        assert!(error("=1,2").contains("dotted"));
        assert!(error("x.y=0:1000000:1").contains("more than 1,000,000 values"));
        assert!(error("x.y=0:99999999999999999999:0.0000001").contains("more than 1,000,000"));
    }

    #[test]
    fn a_million_values_are_allowed() {
        assert_eq!(values("x.y=1:1000000:1").len(), 1_000_000);
    }
}
