//! `[[correlation]]`: pairs of inputs drawn with a rank correlation (MODEL.md
//! §1). Read on their own first (shape, keys, `rank`), then resolved against
//! the scenario's inputs once those are known: each key must name an input
//! whose effective value (written, preset or default) is a range or
//! distribution, a pair may appear once, and the matrix of all the ranks
//! must be positive semidefinite.

use rust_decimal::Decimal;

use crate::scenario::InputValue;
use crate::scenario::correlation::{
    Correlation, CorrelationMatrix, MAX_CORRELATIONS, PSD_TOLERANCE,
};
use crate::scenario::source::{Loc, Node, Table, Value};
use crate::scenario::spec::{self, INPUTS};
use crate::scenario::uncertain::Uncertain;

use super::context::Ctx;
use super::keys::{closest, unknown_keys};
use super::values::number;

/// The tight-market example of MODEL.md §1, for help texts.
const EXAMPLE: &str = "inputs = [\"hiring.multiplier\", \"hiring.premium\"], rank = 0.6";

/// A `[[correlation]]` entry whose keys and rank are valid on their own.
pub(super) struct WrittenCorrelation {
    keys: [(String, Loc); 2],
    rank: Decimal,
    /// The entry's header.
    loc: Loc,
}

/// Every `[[correlation]]` entry that is valid on its own (the others are
/// reported).
pub(super) fn correlations(ctx: &mut Ctx, root: &Table) -> Vec<WrittenCorrelation> {
    let Some(entry) = root.get("correlation") else {
        return Vec::new();
    };
    let Value::Array(items) = &entry.node.value else {
        return Vec::new(); // reported with the sections
    };
    if items.len() > MAX_CORRELATIONS {
        ctx.error(
            &entry.node.loc,
            "correlation",
            format!(
                "expected at most {MAX_CORRELATIONS} [[correlation]] entries, found {}",
                items.len()
            ),
            "keep the pairs that move together for a reason you can name; every other pair is drawn independently".to_string(),
        );
        return Vec::new();
    }
    items.iter().filter_map(|item| written(ctx, item)).collect()
}

fn written(ctx: &mut Ctx, item: &Node) -> Option<WrittenCorrelation> {
    let Value::Table(t) = &item.value else {
        ctx.error(
            &item.loc,
            "correlation",
            format!(
                "expected a [[correlation]] table, found {}",
                item.value.describe()
            ),
            format!("write each correlation as its own [[correlation]] table: {EXAMPLE}"),
        );
        return None;
    };
    unknown_keys(
        ctx,
        t,
        &["inputs", "rank"],
        "correlation",
        "unknown key in a [[correlation]] entry",
        |_| format!("a correlation has only `inputs` and `rank`: {EXAMPLE}"),
    );
    let keys = match t.get("inputs") {
        Some(e) => pair_of_keys(ctx, &e.node),
        None => {
            ctx.error(
                &item.loc,
                "correlation.inputs",
                "a correlation needs `inputs`",
                format!("add the two inputs that move together: {EXAMPLE}"),
            );
            None
        }
    };
    let rank = match t.get("rank") {
        Some(e) => rank(ctx, &e.node),
        None => {
            ctx.error(
                &item.loc,
                "correlation.rank",
                "a correlation needs `rank`",
                format!("add how strongly the two move together, from -1 to 1: {EXAMPLE}"),
            );
            None
        }
    };
    Some(WrittenCorrelation {
        keys: keys?,
        rank: rank?,
        loc: item.loc.clone(),
    })
}

/// `inputs = ["a.b", "c.d"]`: exactly two keys in quotes.
fn pair_of_keys(ctx: &mut Ctx, node: &Node) -> Option<[(String, Loc); 2]> {
    let keys: Option<Vec<(String, Loc)>> = match &node.value {
        Value::Array(items) if items.len() == 2 => items
            .iter()
            .map(|n| match &n.value {
                Value::Text(s) => Some((s.trim().to_string(), n.loc.clone())),
                _ => None,
            })
            .collect(),
        _ => None,
    };
    match keys {
        Some(k) => Some([k[0].clone(), k[1].clone()]),
        None => {
            ctx.error(
                &node.loc,
                "correlation.inputs",
                format!(
                    "expected two input keys in quotes, found {}",
                    describe_keys(&node.value)
                ),
                format!("write the dotted keys of two inputs: {EXAMPLE}"),
            );
            None
        }
    }
}

/// "a list of 3 item(s)", or "a list holding the number 3" when the list
/// has two items but not both texts.
fn describe_keys(value: &Value) -> String {
    match value {
        Value::Array(items) if items.len() == 2 => items
            .iter()
            .find(|n| !matches!(n.value, Value::Text(_)))
            .map_or_else(
                || value.describe(),
                |n| format!("a list holding {}", n.value.describe()),
            ),
        other => other.describe(),
    }
}

/// `rank`: a number from −1 to 1.
fn rank(ctx: &mut Ctx, node: &Node) -> Option<Decimal> {
    if matches!(node.value, Value::Array(_) | Value::Table(_)) {
        ctx.error(
            &node.loc,
            "correlation.rank",
            format!("expected a single number, found {}", node.value.describe()),
            rank_help(),
        );
        return None;
    }
    let r = number(ctx, node, "correlation.rank")?;
    if r < Decimal::NEGATIVE_ONE || r > Decimal::ONE {
        ctx.error(
            &node.loc,
            "correlation.rank",
            format!("expected a number between -1 and 1, found {r}"),
            rank_help(),
        );
        return None;
    }
    Some(r)
}

fn rank_help() -> String {
    "rank is a rank correlation: 1 means the two always rise together, -1 that one falls as the other rises, 0 that they are unrelated; e.g. rank = 0.6".to_string()
}

/// The correlations resolved against the scenario's inputs; `None` where an
/// entry was refused (reported).
pub(super) fn place_correlations(
    ctx: &mut Ctx,
    written: Vec<WrittenCorrelation>,
    inputs: &[InputValue],
    root: &Table,
) -> Vec<Correlation> {
    let mut placed: Vec<(Correlation, &WrittenCorrelation)> = Vec::new();
    let errors_before = ctx.errors.len();
    for w in &written {
        // An input made a single value by `--set` (or a sweep's `--vary`)
        // drops its correlations with a warning: the file is fine, and
        // fixing an input is exactly what a what-if asks for.
        if let Some((key, set)) = w
            .keys
            .iter()
            .find_map(|k| fixed_by_set(k, inputs, root).map(|loc| (&k.0, loc)))
        {
            ctx.warn(
                &set,
                "correlation",
                format!(
                    "the correlation of `{}` with `{}`{} is not applied: `{key}` is a single value here",
                    w.keys[0].0,
                    w.keys[1].0,
                    at_line(&w.loc)
                ),
                None,
            );
            continue;
        }
        let a = resolve(ctx, &w.keys[0], inputs);
        let b = resolve(ctx, &w.keys[1], inputs);
        let (Some(a), Some(b)) = (a, b) else {
            continue;
        };
        if a == b {
            ctx.error(
                &w.keys[1].1,
                "correlation.inputs",
                format!(
                    "the two inputs are the same (`{}`): an input always moves with itself",
                    inputs[a].key
                ),
                "name two different inputs".to_string(),
            );
            continue;
        }
        if let Some((_, first)) = placed
            .iter()
            .find(|(c, _)| c.inputs == [a, b] || c.inputs == [b, a])
        {
            ctx.error(
                &w.loc,
                "correlation.inputs",
                format!(
                    "the pair `{}` and `{}` is already correlated{}",
                    inputs[a].key,
                    inputs[b].key,
                    at_line(&first.loc)
                ),
                "give each pair once (in either order): remove one of the two entries".to_string(),
            );
            continue;
        }
        placed.push((
            Correlation {
                inputs: [a, b],
                rank: w.rank,
            },
            w,
        ));
    }
    if ctx.errors.len() > errors_before || placed.is_empty() {
        return Vec::new();
    }
    let correlations: Vec<Correlation> = placed.iter().map(|(c, _)| c.clone()).collect();
    let least = CorrelationMatrix::new(&correlations, |r| r).smallest_eigenvalue();
    if least < PSD_TOLERANCE {
        let pairs: Vec<String> = placed
            .iter()
            .map(|(c, w)| {
                format!(
                    "`{}` with `{}` {}{}",
                    inputs[c.inputs[0]].key,
                    inputs[c.inputs[1]].key,
                    c.rank.normalize(),
                    at_line(&w.loc)
                )
            })
            .collect();
        ctx.error(
            &placed[0].1.loc,
            "correlation",
            format!(
                "these rank correlations cannot all hold at once (their matrix is not positive semidefinite: smallest eigenvalue {least:.4}): {}",
                pairs.join("; ")
            ),
            "lower them (move the ranks toward 0), strongest first: if A rises with B and B with C, A must rise with C too".to_string(),
        );
        return Vec::new();
    }
    correlations
}

/// Where `--set` made the input `key` names a single value, if it did.
fn fixed_by_set((key, _): &(String, Loc), inputs: &[InputValue], root: &Table) -> Option<Loc> {
    let input = inputs.iter().find(|i| i.key.eq_ignore_ascii_case(key))?;
    if input.value.is_uncertain() {
        return None;
    }
    let node_loc = |t: &Table, k: &str| t.get(k).map(|e| e.node.loc.clone());
    let loc = match key.strip_prefix("costs.") {
        Some(name) => {
            let name = name.strip_suffix(".amount").unwrap_or(name);
            let Value::Array(costs) = &root.get("costs")?.node.value else {
                return None;
            };
            costs.iter().find_map(|c| match &c.value {
                Value::Table(t) => {
                    let named = matches!(&t.get("name")?.node.value,
                        Value::Text(n) if n.trim().eq_ignore_ascii_case(name));
                    if named { node_loc(t, "amount") } else { None }
                }
                _ => None,
            })?
        }
        None => {
            let (section, k) = key.split_once('.')?;
            match &root.get(section)?.node.value {
                Value::Table(t) => node_loc(t, k)?,
                _ => return None,
            }
        }
    };
    matches!(loc, Loc::Set { .. }).then_some(loc)
}

/// " (line 12)" for an entry written in the file; nothing otherwise.
fn at_line(loc: &Loc) -> String {
    match loc {
        Loc::File { line, .. } => format!(" (line {line})"),
        _ => String::new(),
    }
}

/// The input a key names: a built-in input by its dotted key, a cost's
/// amount by `costs.<name>` (or `costs.<name>.amount`), its name compared
/// ignoring case. It must be a range or distribution in this scenario.
fn resolve(ctx: &mut Ctx, (key, loc): &(String, Loc), inputs: &[InputValue]) -> Option<usize> {
    let found = match key.strip_prefix("costs.") {
        Some(name) => {
            let named = |n: &str| {
                inputs
                    .iter()
                    .position(|i| i.key.to_lowercase() == format!("costs.{}", n.to_lowercase()))
            };
            named(name).or_else(|| name.strip_suffix(".amount").and_then(named))
        }
        None => inputs.iter().position(|i| i.key == *key),
    };
    let Some(index) = found else {
        not_an_input(ctx, key, loc, inputs);
        return None;
    };
    let input = &inputs[index];
    if let Uncertain::Fixed(v) = input.value {
        let example = INPUTS.iter().find(|s| s.dotted() == input.key).map_or(
            "[4000, 6000]".to_string(),
            |s| match s.default {
                spec::DefaultValue::Range(lo, hi) => format!("[{lo}, {hi}]"),
                _ => "[low, high]".to_string(),
            },
        );
        ctx.error(
            loc,
            "correlation.inputs",
            format!(
                "`{}` is a single value ({}) in this scenario, not a range or distribution, so it cannot be correlated",
                input.key,
                v.normalize()
            ),
            format!(
                "give `{}` a range, e.g. {example}, or remove this [[correlation]] entry",
                input.key
            ),
        );
        return None;
    }
    Some(index)
}

/// The error for a key that names no input of this scenario.
fn not_an_input(ctx: &mut Ctx, key: &str, loc: &Loc, inputs: &[InputValue]) {
    let keys: Vec<&str> = inputs.iter().map(|i| i.key.as_str()).collect();
    if let Some(name) = key.strip_prefix("costs.") {
        let costs: Vec<&str> = keys
            .iter()
            .filter_map(|k| k.strip_prefix("costs."))
            .collect();
        let help = if costs.is_empty() {
            "the scenario has no [[costs]] entries".to_string()
        } else {
            format!(
                "name a cost as costs.<name>; the costs are: {}",
                costs.join(", ")
            )
        };
        ctx.error(
            loc,
            "correlation.inputs",
            format!("no cost is named \"{name}\""),
            help,
        );
        return;
    }
    let other = key.split_once('.').is_some_and(|(section, k)| {
        spec::OTHER_KEYS
            .iter()
            .any(|(s, ks)| *s == section && ks.contains(&k))
    });
    if other {
        ctx.error(
            loc,
            "correlation.inputs",
            format!("`{key}` is not an uncertain input: it never takes a range, so it cannot be correlated"),
            "correlate inputs that take a range, such as hiring.premium, ramp.months or costs.<name>".to_string(),
        );
        return;
    }
    let help = match closest(key, &keys) {
        Some(k) => format!("did you mean `{k}`?"),
        None => {
            "name inputs by their dotted keys, e.g. hiring.premium, ramp.months or costs.<name>"
                .to_string()
        }
    };
    ctx.error(
        loc,
        "correlation.inputs",
        format!("`{key}` is not an input"),
        help,
    );
}
