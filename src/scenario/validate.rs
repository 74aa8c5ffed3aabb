//! From the located tree to a validated [`Scenario`]: every rule of MODEL.md §1,
//! each broken rule a message with its location, key, expectation and fix.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::calendar::{self, DAYS_PER_MONTH, YearMonth};
use super::numbers::{self, NumberError};
use super::source::{self, Entry, Loc, Node, Table, Value};
use super::spec::{
    self, BUILTIN_INPUTS, COST_DOMAIN, DefaultValue, Domain, INPUTS, InputSpec, Unit,
};
use super::uncertain::Uncertain;
use super::{
    Cost, Diagnostic, InputValue, Loaded, MAX_COSTS, MAX_OPENINGS, Opening, Override, Scenario,
    ScenarioError, slug,
};

/// Column and metric names a cost may not take (MODEL.md §1, §5).
const RESERVED_NAMES: [&str; 26] = [
    "month",
    "engineers",
    "engineers_baseline",
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
];

struct Ctx<'a> {
    file: &'a str,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn diagnostic(
        &self,
        loc: &Loc,
        key: &str,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) -> Diagnostic {
        Diagnostic {
            location: loc.render(self.file),
            key: key.to_string(),
            message: message.into(),
            help: help.into(),
        }
    }

    fn error(
        &mut self,
        loc: &Loc,
        key: &str,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        let d = self.diagnostic(loc, key, message, help);
        self.errors.push(d);
    }

    fn warn(
        &mut self,
        loc: &Loc,
        key: &str,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        let d = self.diagnostic(loc, key, message, help);
        self.warnings.push(d);
    }
}

/// Validates the whole scenario.
pub fn scenario(file: &str, root: &Table) -> Result<Loaded, ScenarioError> {
    let mut ctx = Ctx {
        file,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let top = Loc::File { line: 1, col: 1 };
    let sections = sections(&mut ctx, root);
    let empty = Table::default();
    let section = |name: &str| {
        sections
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&empty, |(_, t)| *t)
    };

    // [scenario]
    let s = section("scenario");
    let name = match required(
        &mut ctx,
        s,
        "scenario",
        "name",
        &section_loc(root, "scenario", &top),
    ) {
        Some(entry) => text(&mut ctx, entry, "scenario.name").and_then(|t| {
            let t = t.trim().to_string();
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
        }),
        None => None,
    };
    let start = required(
        &mut ctx,
        s,
        "scenario",
        "start",
        &section_loc(root, "scenario", &top),
    )
    .and_then(|e| month(&mut ctx, e, "scenario.start"));
    let months = match s.get("months") {
        None => Some(24_usize),
        Some(e) => match &e.node.value {
            Value::Integer { value, .. } if (1..=600).contains(value) => {
                usize::try_from(*value).ok()
            }
            Value::Integer { raw, .. } => {
                ctx.error(
                    &e.node.loc,
                    "scenario.months",
                    format!("expected a whole number of months from 1 to 600, found {raw}"),
                    "set the horizon in months, e.g. months = 36".to_string(),
                );
                None
            }
            other => {
                ctx.error(
                    &e.node.loc,
                    "scenario.months",
                    format!(
                        "expected a whole number of months from 1 to 600, found {}",
                        other.describe()
                    ),
                    "write a whole number without quotes or decimals, e.g. months = 36".to_string(),
                );
                None
            }
        },
    };
    let currency = match s.get("currency") {
        None => Some("USD".to_string()),
        Some(e) => text(&mut ctx, e, "scenario.currency").and_then(|c| {
            if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) {
                Some(c)
            } else {
                let upper = c.trim().to_ascii_uppercase();
                let help = if upper.len() == 3 && upper.bytes().all(|b| b.is_ascii_uppercase()) {
                    format!("write currency = \"{upper}\"")
                } else {
                    "use a three-letter ISO 4217 code such as \"USD\", \"EUR\" or \"GBP\""
                        .to_string()
                };
                ctx.error(
                    &e.node.loc,
                    "scenario.currency",
                    format!("expected three capital letters A-Z, found \"{c}\""),
                    help,
                );
                None
            }
        }),
    };
    let discount_rate = match s.get("discount_rate") {
        None => Some(Decimal::ZERO),
        Some(e) => fixed_number(
            &mut ctx,
            e,
            "scenario.discount_rate",
            &Domain::between(Decimal::ZERO, Decimal::ONE),
            "an annual rate, e.g. 0.08 for 8%",
        ),
    };

    // [team]
    let t = section("team");
    let engineers = required(&mut ctx, t, "team", "engineers", &section_loc(root, "team", &top))
        .and_then(|e| fixed_number(&mut ctx, e, "team.engineers", &Domain::at_least(Decimal::ZERO), "the number of engineers at the start, e.g. engineers = 12 (0.5 is a half-time engineer)"));

    // [builds] size decides the presets of four inputs.
    let b = section("builds");
    let preset = match b.get("size") {
        None => spec::preset("large"),
        Some(e) => text(&mut ctx, e, "builds.size").and_then(|sz| {
            let found = spec::preset(&sz.trim().to_ascii_lowercase());
            if found.is_none() {
                ctx.error(&e.node.loc, "builds.size", format!("expected \"small\", \"medium\" or \"large\", found \"{sz}\""), "pick the preset closest to your code base; override single build times below it".to_string());
            }
            found
        }),
    };

    // Every built-in uncertain input.
    let mut inputs: Vec<Option<InputValue>> = Vec::with_capacity(BUILTIN_INPUTS);
    for spec in &INPUTS {
        let table = section(spec.section);
        let dotted = spec.dotted();
        let value = match table.get(spec.key) {
            Some(entry) => uncertain(&mut ctx, &entry.node, &dotted, &spec.domain),
            None if spec.default == DefaultValue::Required => {
                ctx.error(
                    &section_loc(root, spec.section, &top),
                    &dotted,
                    format!("is required in [{}]", spec.section),
                    example_for(spec),
                );
                None
            }
            None => spec.default_value(preset),
        };
        let loc = table
            .get(spec.key)
            .map_or(Loc::Default, |e| e.node.loc.clone());
        inputs.push(value.and_then(|v| {
            input_value(
                &mut ctx,
                &loc,
                dotted,
                spec.label.to_string(),
                spec.unit,
                v,
                spec.domain,
            )
        }));
    }

    let hours_per_day = match b.get("hours_per_day") {
        None => Some(Decimal::from(8)),
        Some(e) => fixed_number(
            &mut ctx,
            e,
            "builds.hours_per_day",
            &Domain::between(Decimal::ONE, Decimal::from(24)),
            "working hours in a day, e.g. hours_per_day = 8",
        ),
    };
    let holidays = match b.get("holidays") {
        None => BTreeSet::new(),
        Some(e) => holidays(&mut ctx, e),
    };

    // [hiring] plan
    let h = section("hiring");
    let plan_nodes: Vec<(Option<YearMonth>, Option<Decimal>, Loc)> = match h.get("plan") {
        None => Vec::new(),
        Some(e) => plan(&mut ctx, e),
    };

    // [[costs]]
    let cost_nodes = costs(&mut ctx, root);

    // [benefits] from
    let bf = section("benefits");
    let benefits_from = bf
        .get("from")
        .map(|e| (month(&mut ctx, e, "benefits.from"), e.node.loc.clone()));

    // Rules that need several values.
    let (
        Some(name),
        Some(start),
        Some(months),
        Some(currency),
        Some(discount_rate),
        Some(engineers),
        Some(hours_per_day),
    ) = (
        name,
        start,
        months,
        currency,
        discount_rate,
        engineers,
        hours_per_day,
    )
    else {
        return Err(finish_errors(ctx));
    };
    let horizon_end = start.plus(months as i64);
    let mut plan = Vec::new();
    for (ym, count, loc) in plan_nodes {
        let (Some(ym), Some(count)) = (ym, count) else {
            continue;
        };
        let o = ym.months_since(start);
        if o < 0 {
            ctx.error(&loc, "hiring.plan.month", format!("opening in {ym} is before the scenario starts ({start})"), format!("openings must be in {start} or later; people already on the team belong in team.engineers"));
            continue;
        }
        if ym >= horizon_end {
            ctx.warn(&loc, "hiring.plan.month", format!("opening in {ym} is at or after the end of the horizon ({}); it contributes nothing", horizon_end.plus(-1)), "raise scenario.months to include it, or remove it".to_string());
        }
        plan.push(Opening { month: o, count });
    }
    let mut costs = Vec::new();
    let mut cost_inputs = Vec::new();
    let mut seen_names: Vec<String> = Vec::new();
    for c in cost_nodes {
        let Some(c) = c else { continue };
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
        let first = c.first.months_since(start);
        if first < 0 {
            ctx.error(
                &c.first_loc,
                &c.first_key,
                format!("{} is before the scenario starts ({start})", c.first),
                format!("costs can start in {start} or later"),
            );
            continue;
        }
        if c.first >= horizon_end {
            ctx.warn(
                &c.first_loc,
                &c.first_key,
                format!(
                    "{} is at or after the end of the horizon; the cost \"{}\" contributes nothing",
                    c.first, c.name
                ),
                None,
            );
        }
        let last = match c.last {
            Some((to, ref loc)) => {
                if to < c.first {
                    ctx.error(loc, "costs.to", format!("{to} is before `from` ({})", c.first), "`to` is the last month of the cost, inclusive; it must be on or after `from`".to_string());
                    continue;
                }
                to.months_since(start)
            }
            None if c.one_off => first,
            None => i64::MAX / 4,
        };
        let key = format!("costs.{}", c.name);
        if let Some(iv) = input_value(
            &mut ctx,
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
    let benefits_from = match benefits_from {
        None => 0,
        Some((None, _)) => 0,
        Some((Some(ym), loc)) => {
            let from = ym.months_since(start);
            if from < 0 {
                ctx.error(
                    &loc,
                    "benefits.from",
                    format!("{ym} is before the scenario starts ({start})"),
                    format!("savings can start in {start} or later"),
                );
            } else if ym >= horizon_end {
                ctx.warn(
                    &loc,
                    "benefits.from",
                    format!("{ym} is at or after the end of the horizon; no savings are counted"),
                    None,
                );
            }
            from
        }
    };

    if !ctx.errors.is_empty() || inputs.iter().any(Option::is_none) {
        return Err(finish_errors(ctx));
    }
    let mut inputs: Vec<InputValue> = inputs.into_iter().flatten().collect();
    inputs.extend(cost_inputs);

    // An opening whose baseline hire lands inside the horizon but whose Rust hire
    // lands beyond it hides part of its cost (MODEL.md §1).
    let days = inputs[spec::Input::DaysToHire as usize].base;
    let mult = inputs[spec::Input::Multiplier as usize].base;
    for (opening, loc) in plan
        .iter()
        .zip(h.get("plan").map(plan_locs).unwrap_or_default())
    {
        let o = Decimal::from(opening.month);
        let tb = days
            .checked_div(DAYS_PER_MONTH)
            .and_then(|x| x.checked_add(o));
        let tr = days
            .checked_mul(mult)
            .and_then(|x| x.checked_div(DAYS_PER_MONTH))
            .and_then(|x| x.checked_add(o));
        if let (Some(tb), Some(tr)) = (tb, tr) {
            let m = Decimal::from(months as i64);
            if tb.floor() < m && tr.floor() >= m && opening.month < months as i64 {
                ctx.warn(&loc, "hiring.plan", format!("the Rust hire of the opening in {} lands after the horizon ends; part of its cost is not shown", start.plus(opening.month)), "raise scenario.months to see its full cost".to_string());
            }
        }
    }

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
        plan,
        build_size: preset.map_or("large", |p| p.name).to_string(),
        hours_per_day,
        holidays,
        working_days,
        costs,
        benefits_from,
        inputs,
    };
    Ok(Loaded {
        scenario,
        warnings: ctx.warnings,
    })
}

fn finish_errors(ctx: Ctx) -> ScenarioError {
    let mut errors = ctx.errors;
    if errors.is_empty() {
        errors.push(Diagnostic {
            location: ctx.file.to_string(),
            key: String::new(),
            message: "the scenario is incomplete".to_string(),
            help: None,
        });
    }
    ScenarioError::Invalid(errors)
}

fn example_for(spec: &InputSpec) -> String {
    match spec.key {
        "salary" => "add e.g. salary = 150000 (annual base salary of one engineer)".to_string(),
        _ => format!("add {} = ...", spec.key),
    }
}

fn section_loc(root: &Table, section: &str, fallback: &Loc) -> Loc {
    root.get(section)
        .map_or_else(|| fallback.clone(), |e| e.key_loc.clone())
}

/// The top-level sections, checking names and shapes.
fn sections<'t>(ctx: &mut Ctx, root: &'t Table) -> Vec<(&'static str, &'t Table)> {
    let mut out = Vec::new();
    for entry in &root.entries {
        let Some(&name) = spec::SECTIONS.iter().find(|s| **s == entry.key) else {
            let help = suggest_section(&entry.key);
            ctx.error(
                &entry.key_loc,
                &entry.key,
                "unknown section or key at the top level",
                help,
            );
            continue;
        };
        if name == "costs" {
            if !matches!(entry.node.value, Value::Array(_)) {
                ctx.error(
                    &entry.key_loc,
                    "costs",
                    format!(
                        "expected [[costs]] entries, found {}",
                        entry.node.value.describe()
                    ),
                    "write each cost as its own [[costs]] table (double brackets)".to_string(),
                );
            }
            continue;
        }
        match &entry.node.value {
            Value::Table(t) => {
                check_keys(ctx, t, name);
                out.push((name, t));
            }
            other => ctx.error(
                &entry.key_loc,
                name,
                format!("expected the section [{name}], found {}", other.describe()),
                format!("write a [{name}] header and put its keys below it"),
            ),
        }
    }
    out
}

fn suggest_section(key: &str) -> String {
    if let Some(s) = closest(key, &spec::SECTIONS) {
        return format!(
            "did you mean [{s}]? Sections are: {}",
            spec::SECTIONS.join(", ")
        );
    }
    for section in spec::SECTIONS {
        if spec::section_keys(section).contains(&key) {
            return format!(
                "`{key}` belongs in the [{section}] section: move it below the [{section}] header"
            );
        }
    }
    format!("sections are: {}", spec::SECTIONS.join(", "))
}

/// Unknown keys are errors, with a suggestion.
fn check_keys(ctx: &mut Ctx, table: &Table, section: &str) {
    let known = spec::section_keys(section);
    for entry in &table.entries {
        if known.contains(&entry.key.as_str()) {
            continue;
        }
        let help = match closest(&entry.key, &known) {
            Some(k) => format!("did you mean `{k}`?"),
            None => match spec::SECTIONS
                .iter()
                .find(|s| spec::section_keys(s).contains(&entry.key.as_str()))
            {
                Some(other) => format!("`{}` belongs in the [{other}] section", entry.key),
                None => format!("[{section}] accepts: {}", known.join(", ")),
            },
        };
        ctx.error(
            &entry.key_loc,
            &format!("{section}.{}", entry.key),
            format!("unknown key in [{section}]"),
            help,
        );
    }
}

/// The closest known word within a small edit distance (case-insensitive).
fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    crate::text::closest(&word.to_ascii_lowercase(), known.iter().copied(), |len| {
        2.max(len / 4)
    })
}

fn required<'t>(
    ctx: &mut Ctx,
    table: &'t Table,
    section: &str,
    key: &str,
    top: &Loc,
) -> Option<&'t Entry> {
    let entry = table.get(key);
    if entry.is_none() {
        let example = match key {
            "name" => "name = \"Retrain the Go team\"",
            "start" => "start = \"2027-01\"",
            "engineers" => "engineers = 12",
            _ => "",
        };
        ctx.error(
            top,
            &format!("{section}.{key}"),
            format!("is required in [{section}]"),
            format!("add `{example}` below the [{section}] header"),
        );
    }
    entry
}

fn text(ctx: &mut Ctx, entry: &Entry, key: &str) -> Option<String> {
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

fn month(ctx: &mut Ctx, entry: &Entry, key: &str) -> Option<YearMonth> {
    month_node(ctx, &entry.node, key)
}

fn month_node(ctx: &mut Ctx, node: &Node, key: &str) -> Option<YearMonth> {
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
fn fixed_number(
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

fn number(ctx: &mut Ctx, node: &Node, key: &str) -> Option<Decimal> {
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

/// Parses an uncertain value (MODEL.md §1 forms) and checks it against the domain.
fn uncertain(ctx: &mut Ctx, node: &Node, key: &str, domain: &Domain) -> Option<Uncertain> {
    let in_domain = |ctx: &mut Ctx, loc: &Loc, what: &str, v: Decimal| -> bool {
        if domain.contains(v) {
            true
        } else {
            let name = if what.is_empty() {
                key.to_string()
            } else {
                format!("{key}.{what}")
            };
            ctx.error(
                loc,
                &name,
                format!("expected {}, found {v}", domain.describe()),
                domain_help(key, domain),
            );
            false
        }
    };
    match &node.value {
        Value::Integer { .. } | Value::Float { .. } | Value::Text(_) => {
            let v = number(ctx, node, key)?;
            in_domain(ctx, &node.loc, "", v).then_some(Uncertain::Fixed(v))
        }
        Value::Array(items) => {
            if items.len() != 2 {
                ctx.error(
                    &node.loc,
                    key,
                    format!(
                        "expected a range [low, high] of exactly two numbers, found {} item(s)",
                        items.len()
                    ),
                    "write e.g. [0.20, 0.30], or a single number".to_string(),
                );
                return None;
            }
            let low = number(ctx, &items[0], key)?;
            let high = number(ctx, &items[1], key)?;
            let ok =
                in_domain(ctx, &items[0].loc, "", low) & in_domain(ctx, &items[1].loc, "", high);
            if !ok {
                return None;
            }
            range_order(ctx, &node.loc, key, low, high)?;
            Some(Uncertain::Uniform { low, high })
        }
        Value::Table(t) => {
            let allowed = ["low", "high", "mode", "dist"];
            let mut bad = false;
            for e in &t.entries {
                if !allowed.contains(&e.key.as_str()) {
                    let help = match closest(&e.key, &allowed) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => "a distribution takes low, high, dist and (for triangular and pert) mode".to_string(),
                    };
                    ctx.error(
                        &e.key_loc,
                        &format!("{key}.{}", e.key),
                        "unknown key in a distribution",
                        help,
                    );
                    bad = true;
                }
            }
            let dist = match t.get("dist") {
                None => "uniform".to_string(),
                Some(e) => match &e.node.value {
                    Value::Text(d)
                        if ["uniform", "triangular", "pert", "normal", "lognormal"]
                            .contains(&d.as_str()) =>
                    {
                        d.clone()
                    }
                    other => {
                        ctx.error(&e.node.loc, &format!("{key}.dist"), format!("expected one of \"uniform\", \"triangular\", \"pert\", \"normal\", \"lognormal\", found {}", other.describe()), "pick one of those distributions, in quotes".to_string());
                        return None;
                    }
                },
            };
            let mut get = |ctx: &mut Ctx, what: &str| -> Option<(Decimal, Loc)> {
                let e = t.get(what)?;
                let v = number(ctx, &e.node, &format!("{key}.{what}"))?;
                if in_domain(ctx, &e.node.loc, what, v) {
                    Some((v, e.node.loc.clone()))
                } else {
                    bad = true;
                    None
                }
            };
            let low = get(ctx, "low");
            let high = get(ctx, "high");
            let mode = get(ctx, "mode");
            if bad {
                return None;
            }
            let needs_mode = dist == "triangular" || dist == "pert";
            for (what, present) in [("low", low.is_some()), ("high", high.is_some())] {
                if !present && t.get(what).is_none() {
                    ctx.error(
                        &node.loc,
                        key,
                        format!("the {dist} distribution needs `{what}`"),
                        format!(
                            "write e.g. {{ low = 3, high = 6{} }}",
                            if needs_mode {
                                ", mode = 4, dist = \"".to_string() + &dist + "\""
                            } else {
                                String::new()
                            }
                        ),
                    );
                }
            }
            if needs_mode && t.get("mode").is_none() {
                ctx.error(&node.loc, key, format!("the {dist} distribution needs `mode`, its most likely value"), format!("add mode = ... between low and high, e.g. {{ low = 3, mode = 4, high = 6, dist = \"{dist}\" }}"));
                return None;
            }
            if !needs_mode && let Some(e) = t.get("mode") {
                ctx.error(
                    &e.key_loc,
                    &format!("{key}.mode"),
                    format!("`mode` is only used by triangular and pert distributions, not {dist}"),
                    "remove `mode`, or set dist = \"triangular\" or \"pert\"".to_string(),
                );
                return None;
            }
            let ((low, _), (high, _)) = (low?, high?);
            range_order(ctx, &node.loc, key, low, high)?;
            if let Some((mode, mode_loc)) = &mode
                && (*mode < low || *mode > high)
            {
                ctx.error(
                    mode_loc,
                    &format!("{key}.mode"),
                    format!(
                        "expected the mode between low ({low}) and high ({high}), found {mode}"
                    ),
                    "the mode is the most likely value; it must lie in [low, high]".to_string(),
                );
                return None;
            }
            Some(match dist.as_str() {
                "triangular" => Uncertain::Triangular {
                    low,
                    mode: mode?.0,
                    high,
                },
                "pert" => Uncertain::Pert {
                    low,
                    mode: mode?.0,
                    high,
                },
                "normal" => Uncertain::Normal { low, high },
                "lognormal" => {
                    if low <= Decimal::ZERO {
                        ctx.error(
                            &node.loc,
                            &format!("{key}.low"),
                            format!("a lognormal needs low > 0, found {low}"),
                            "use a small positive low, or a normal or uniform distribution"
                                .to_string(),
                        );
                        return None;
                    }
                    Uncertain::Lognormal { low, high }
                }
                _ => Uncertain::Uniform { low, high },
            })
        }
        other => {
            ctx.error(&node.loc, key, format!("expected a number, a range [low, high] or a distribution {{ low, high, dist }}, found {}", other.describe()), "e.g. 0.25, [0.20, 0.30] or { low = 3, mode = 4, high = 6, dist = \"pert\" }".to_string());
            None
        }
    }
}

fn domain_help(key: &str, domain: &Domain) -> String {
    if domain.max == Some(Decimal::ONE) || domain.max == Some(Decimal::from(3)) {
        format!("{key} is a share: write 0.25 for 25%")
    } else {
        format!("use {}", domain.describe())
    }
}

fn range_order(ctx: &mut Ctx, loc: &Loc, key: &str, low: Decimal, high: Decimal) -> Option<()> {
    if low < high {
        return Some(());
    }
    let help = if low == high {
        format!("for a fixed value write just the number: {key} = {low}")
    } else {
        format!("swap them: [{high}, {low}]")
    };
    ctx.error(
        loc,
        key,
        format!("expected low < high, found low {low} and high {high}"),
        help,
    );
    None
}

/// The base value (the mean, MODEL.md §1), clamped into the domain with a warning.
fn input_value(
    ctx: &mut Ctx,
    loc: &Loc,
    key: String,
    label: String,
    unit: Unit,
    value: Uncertain,
    domain: Domain,
) -> Option<InputValue> {
    let Some(mean) = value.mean() else {
        ctx.error(
            loc,
            &key,
            "the mean of this distribution is beyond 1e12",
            "narrow the range".to_string(),
        );
        return None;
    };
    let base = if domain.contains(mean) {
        mean
    } else {
        let clamped = domain.clamp(mean);
        ctx.warn(loc, &key, format!("the mean of this {} distribution ({mean}) is outside {}; the base case uses {clamped}", value.kind(), domain.describe()), "narrow the range so that its mean stays inside the domain".to_string());
        clamped
    };
    Some(InputValue {
        key,
        label,
        unit,
        value,
        base,
        domain,
    })
}

fn holidays(ctx: &mut Ctx, entry: &Entry) -> BTreeSet<NaiveDate> {
    let mut out = BTreeSet::new();
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
        let parsed = match &item.value {
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
        };
        match parsed {
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

fn plan_locs(entry: &Entry) -> Vec<Loc> {
    match &entry.node.value {
        Value::Array(items) => items.iter().map(|i| i.loc.clone()).collect(),
        _ => Vec::new(),
    }
}

fn plan(ctx: &mut Ctx, entry: &Entry) -> Vec<(Option<YearMonth>, Option<Decimal>, Loc)> {
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
    let mut out = Vec::new();
    for item in items {
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
            continue;
        };
        for e in &t.entries {
            if e.key != "month" && e.key != "count" {
                let help = match closest(&e.key, &["month", "count"]) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => "an opening has only `month` and `count`".to_string(),
                };
                ctx.error(
                    &e.key_loc,
                    &format!("hiring.plan.{}", e.key),
                    "unknown key in an opening",
                    help,
                );
            }
        }
        let month = match t.get("month") {
            Some(e) => month(ctx, e, "hiring.plan.month"),
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
        out.push((month, count, item.loc.clone()));
    }
    out
}

struct CostNode {
    name: String,
    name_loc: Loc,
    amount: Uncertain,
    amount_loc: Loc,
    first: YearMonth,
    first_key: String,
    first_loc: Loc,
    last: Option<(YearMonth, Loc)>,
    one_off: bool,
    per_engineer: bool,
}

fn costs(ctx: &mut Ctx, root: &Table) -> Vec<Option<CostNode>> {
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
    let mut out = Vec::new();
    for item in items {
        let Value::Table(t) = &item.value else {
            ctx.error(
                &item.loc,
                "costs",
                format!("expected a cost table, found {}", item.value.describe()),
                "write each cost as a [[costs]] table with name, amount and month or from"
                    .to_string(),
            );
            continue;
        };
        check_keys(ctx, t, "costs");
        let name = match t.get("name") {
            Some(e) => text(ctx, e, "costs.name").and_then(|n| {
                let n = n.trim().to_string();
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
            }),
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
        let month = t.get("month");
        let from = t.get("from");
        let to = t.get("to");
        let schedule = match (month, from) {
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
                        "replace `month` with `from` for a recurring cost, or remove `to`"
                            .to_string(),
                    );
                    None
                } else {
                    month_node(ctx, &m.node, "costs.month").map(|ym| {
                        (
                            ym,
                            "costs.month".to_string(),
                            m.node.loc.clone(),
                            None,
                            true,
                        )
                    })
                }
            }
            (None, Some(f)) => {
                let first = month_node(ctx, &f.node, "costs.from");
                let last = match to {
                    Some(t) => month_node(ctx, &t.node, "costs.to")
                        .map(|ym| Some((ym, t.node.loc.clone()))),
                    None => Some(None),
                };
                match (first, last) {
                    (Some(first), Some(last)) => Some((
                        first,
                        "costs.from".to_string(),
                        f.node.loc.clone(),
                        last,
                        false,
                    )),
                    _ => None,
                }
            }
        };
        let per_engineer = match t.get("per_engineer") {
            None => Some(false),
            Some(e) => {
                match e.node.value {
                    Value::Bool(b) => Some(b),
                    ref other => {
                        ctx.error(&e.node.loc, "costs.per_engineer", format!("expected true or false, found {}", other.describe()), "write per_engineer = true to multiply the amount by the engineers present".to_string());
                        None
                    }
                }
            }
        };
        out.push(match (name, amount, schedule, per_engineer) {
            (
                Some((name, name_loc)),
                Some((amount, amount_loc)),
                Some((first, first_key, first_loc, last, one_off)),
                Some(per_engineer),
            ) => Some(CostNode {
                name,
                name_loc,
                amount,
                amount_loc,
                first,
                first_key,
                first_loc,
                last,
                one_off,
                per_engineer,
            }),
            _ => None,
        });
    }
    out
}

/// Applies one `--set` override to the tree.
pub fn apply_override(root: &mut Table, o: &Override, file: &str) -> Result<(), Diagnostic> {
    let loc = Loc::Set { text: o.text() };
    let node = source::parse_set_value(&o.value, &loc);
    let parts: Vec<&str> = o.key.split('.').map(str::trim).collect();
    let fail = |message: String, help: String| Diagnostic {
        location: loc.render(file),
        key: o.key.clone(),
        message,
        help: Some(help),
    };
    if parts[0] == "costs" {
        let rest = o.key.trim().strip_prefix("costs.").unwrap_or_default();
        let Some(Entry {
            node:
                Node {
                    value: Value::Array(items),
                    ..
                },
            ..
        }) = root.entries.iter_mut().find(|e| e.key == "costs")
        else {
            return Err(fail(
                "the scenario has no [[costs]] entries".to_string(),
                "add a [[costs]] table to the file first".to_string(),
            ));
        };
        let names: Vec<String> = items
            .iter()
            .filter_map(|i| match &i.value {
                Value::Table(t) => match t.get("name").map(|e| &e.node.value) {
                    Some(Value::Text(n)) => Some(n.trim().to_string()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let target = names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(rest))
            .map(|i| (i, "amount"))
            .or_else(|| {
                rest.rsplit_once('.').and_then(|(name, field)| {
                    names
                        .iter()
                        .position(|n| n.eq_ignore_ascii_case(name))
                        .map(|i| (i, field))
                })
            });
        let Some((index, field)) = target else {
            return Err(fail(
                format!("no cost matches `{rest}`"),
                format!(
                    "write costs.<name>.amount or costs.<name>; the costs are: {}",
                    names.join(", ")
                ),
            ));
        };
        let Some(Node {
            value: Value::Table(t),
            ..
        }) = items.get_mut(index)
        else {
            return Err(fail(
                "that cost is not a table".to_string(),
                "check the [[costs]] entries".to_string(),
            ));
        };
        t.set(field, loc.clone(), node);
        return Ok(());
    }
    if parts.len() != 2 {
        return Err(fail(
            "expected SECTION.KEY, e.g. hiring.premium".to_string(),
            format!("sections are: {}", spec::SECTIONS.join(", ")),
        ));
    }
    let (section, key) = (parts[0], parts[1]);
    if !spec::SECTIONS.contains(&section) {
        return Err(fail(
            format!("unknown section `{section}`"),
            suggest_section(section),
        ));
    }
    if !spec::section_keys(section).contains(&key) {
        let known = spec::section_keys(section);
        let help = match closest(key, &known) {
            Some(k) => format!("did you mean `{section}.{k}`?"),
            None => format!("[{section}] accepts: {}", known.join(", ")),
        };
        return Err(fail(format!("unknown key `{key}` in [{section}]"), help));
    }
    let section_entry = match root.entries.iter_mut().position(|e| e.key == section) {
        Some(i) => &mut root.entries[i],
        None => {
            root.entries.push(Entry {
                key: section.to_string(),
                key_loc: loc.clone(),
                node: Node {
                    value: Value::Table(Table::default()),
                    loc: loc.clone(),
                },
            });
            let last = root.entries.len() - 1;
            &mut root.entries[last]
        }
    };
    match &mut section_entry.node.value {
        Value::Table(t) => {
            t.set(key, loc.clone(), node);
            Ok(())
        }
        _ => Err(fail(
            format!("[{section}] is not a table in the file"),
            format!("fix the [{section}] section first"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys() {
        assert_eq!(closest("premum", &["premium", "fee"]), Some("premium"));
        assert_eq!(closest("xyz", &["premium", "fee"]), None);
    }
}
