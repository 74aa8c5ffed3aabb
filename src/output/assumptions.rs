//! What `adoptcost assumptions` prints: every default of every key, then where
//! the defaults come from (MODEL.md §6).

use crate::scenario::Unit;
use crate::scenario::assumptions::ASSUMPTIONS;
use crate::scenario::spec::{BuildPreset, DefaultValue, INPUTS, InputSpec, PRESETS};

/// One line of the defaults table.
struct DefaultRow {
    key: String,
    default: String,
    unit: String,
    /// `CONTESTED`, `PROJECT ASSUMPTION` or empty.
    flag: &'static str,
}

/// The widest default column: longer defaults overflow it.
const MAX_DEFAULT_WIDTH: usize = 44;
/// Width the sources are wrapped to.
const SOURCE_WIDTH: usize = 88;

/// Every default of every key, then the sources, as plain text for a terminal.
pub(crate) fn render() -> String {
    let mut out = String::from(
        "Every default (MODEL.md §1). Keys marked * are taken from the builds.size preset.\n\n",
    );
    let rows = default_rows();
    let width = rows.iter().map(|r| r.key.len()).max().unwrap_or(0);
    let dwidth = rows
        .iter()
        .map(|r| r.default.chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_DEFAULT_WIDTH);
    for row in &rows {
        let (key, default, unit) = (&row.key, &row.default, &row.unit);
        let flag = flag_text(row.flag);
        out.push_str(&format!(
            "  {key:<width$}  {default:<dwidth$}  {unit}{flag}\n"
        ));
    }
    out.push_str("\nWhere they come from (MODEL.md §6). Replace PROJECT ASSUMPTION values with your own figures.\n\n");
    for a in &ASSUMPTIONS {
        out.push_str(&format!(
            "{}  =  {}  ({}){}\n",
            a.input,
            a.default,
            a.unit,
            flag_text(a.standing.flag())
        ));
        out.push_str(&wrap(a.source, SOURCE_WIDTH, "    "));
        out.push('\n');
    }
    out
}

fn flag_text(flag: &str) -> String {
    if flag.is_empty() {
        String::new()
    } else {
        format!("  [{flag}]")
    }
}

/// The rows of the defaults table: the `[scenario]` keys, then every input in
/// spec order, each section's keys without a numeric default first.
fn default_rows() -> Vec<DefaultRow> {
    let mut rows = vec![
        fixed("scenario.months", "24", "months"),
        fixed("scenario.currency", "USD", "label"),
        fixed("scenario.discount_rate", "0", "annual rate"),
    ];
    for spec in &INPUTS {
        let key = spec.dotted();
        rows.extend(fixed_keys_before(&key));
        let flag = ASSUMPTIONS
            .iter()
            .find(|a| a.input == key || a.input.split(", ").any(|k| k == key))
            .map_or("", |a| a.standing.flag());
        let unit = if spec.unit == Unit::Money {
            "money".to_string()
        } else {
            spec.unit.name().to_string()
        };
        rows.push(DefaultRow {
            key,
            default: default_text(spec),
            unit,
            flag,
        });
    }
    rows
}

fn fixed(key: &str, default: &str, unit: &str) -> DefaultRow {
    DefaultRow {
        key: key.to_string(),
        default: default.to_string(),
        unit: unit.to_string(),
        flag: "",
    }
}

/// The keys listed just before `key`: its section's keys that are not inputs.
fn fixed_keys_before(key: &str) -> Vec<DefaultRow> {
    match key {
        "team.salary" => vec![
            fixed("team.engineers", "required", "engineers"),
            fixed(
                "team.current_stack",
                "\"current stack\"",
                "label for titles",
            ),
        ],
        "hiring.days_to_hire" => vec![fixed("hiring.plan", "[] (no openings)", "openings")],
        "builds.clean_minutes" => vec![
            fixed("builds.size", "large", "preset"),
            fixed("builds.hours_per_day", "8", "hours"),
            fixed("builds.holidays", "[] (none)", "dates"),
        ],
        "benefits.infra_per_month" => vec![
            fixed(
                "adoption.waves",
                "one wave: every engineer at scenario.start",
                "waves",
            ),
            fixed(
                "benefits.from",
                "m_ci: the first month anyone works in Rust",
                "month",
            ),
        ],
        _ => Vec::new(),
    }
}

/// An input's default as written in a scenario; preset keys list every preset.
fn default_text(spec: &InputSpec) -> String {
    match spec.default {
        DefaultValue::Required => "required".to_string(),
        DefaultValue::Fixed(v) => v.to_string(),
        DefaultValue::Range(l, h) => format!("[{l}, {h}]"),
        DefaultValue::Preset => {
            let of = |p: &BuildPreset| match spec.key {
                "clean_minutes" => format!("[{}, {}]", p.clean.0, p.clean.1),
                "incremental_minutes" => format!("[{}, {}]", p.incremental.0, p.incremental.1),
                "baseline_clean_minutes" => p.baseline_clean.to_string(),
                _ => p.baseline_incremental.to_string(),
            };
            let all: Vec<String> = PRESETS
                .iter()
                .map(|p| format!("{} {}", p.name, of(p)))
                .collect();
            format!("* {}", all.join(" / "))
        }
    }
}

/// Wraps `text` at word boundaries to lines of at most `width` characters
/// (longer words stand alone), each prefixed with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}
