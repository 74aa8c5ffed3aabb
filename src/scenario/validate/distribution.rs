//! Uncertain values (MODEL.md §1 forms): a number, a range `[low, high]` or a
//! distribution `{ low, high, mode, dist }`, each bound checked against the
//! input's domain; then the base value, clamped into the domain with a warning.

use rust_decimal::Decimal;

use crate::scenario::InputValue;
use crate::scenario::source::{Loc, Node, Table, Value};
use crate::scenario::spec::{Domain, Unit};
use crate::scenario::uncertain::Uncertain;

use super::context::Ctx;
use super::keys::unknown_keys;
use super::values::number;

/// Keys of a distribution table.
const DISTRIBUTION_KEYS: [&str; 4] = ["low", "high", "mode", "dist"];
/// The `dist` names, as written.
const DISTRIBUTIONS: [&str; 5] = ["uniform", "triangular", "pert", "normal", "lognormal"];

/// Parses an uncertain value and checks it against the domain.
pub(super) fn uncertain(
    ctx: &mut Ctx,
    node: &Node,
    key: &str,
    domain: &Domain,
) -> Option<Uncertain> {
    match &node.value {
        Value::Integer { .. } | Value::Float { .. } | Value::Text(_) => {
            let v = number(ctx, node, key)?;
            in_domain(ctx, &node.loc, key, "", v, domain).then_some(Uncertain::Fixed(v))
        }
        Value::Array(items) => range(ctx, node, items, key, domain),
        Value::Table(t) => distribution(ctx, node, t, key, domain),
        other => {
            ctx.error(&node.loc, key, format!("expected a number, a range [low, high] or a distribution {{ low, high, dist }}, found {}", other.describe()), "e.g. 0.25, [0.20, 0.30] or { low = 3, mode = 4, high = 6, dist = \"pert\" }".to_string());
            None
        }
    }
}

/// `[low, high]`: a uniform range.
fn range(
    ctx: &mut Ctx,
    node: &Node,
    items: &[Node],
    key: &str,
    domain: &Domain,
) -> Option<Uncertain> {
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
    let ok = in_domain(ctx, &items[0].loc, key, "", low, domain)
        & in_domain(ctx, &items[1].loc, key, "", high, domain);
    if !ok {
        return None;
    }
    range_order(ctx, &node.loc, key, low, high)?;
    Some(Uncertain::Uniform { low, high })
}

/// `{ low, high, mode, dist }`: a named distribution (uniform by default).
fn distribution(
    ctx: &mut Ctx,
    node: &Node,
    table: &Table,
    key: &str,
    domain: &Domain,
) -> Option<Uncertain> {
    let mut bad = unknown_keys(
        ctx,
        table,
        &DISTRIBUTION_KEYS,
        key,
        "unknown key in a distribution",
        |_| "a distribution takes low, high, dist and (for triangular and pert) mode".to_string(),
    );
    let dist = distribution_name(ctx, table, key)?;
    let mut bound = |ctx: &mut Ctx, what: &str| -> Option<(Decimal, Loc)> {
        let e = table.get(what)?;
        let v = number(ctx, &e.node, &format!("{key}.{what}"))?;
        if in_domain(ctx, &e.node.loc, key, what, v, domain) {
            Some((v, e.node.loc.clone()))
        } else {
            bad = true;
            None
        }
    };
    let low = bound(ctx, "low");
    let high = bound(ctx, "high");
    let mode = bound(ctx, "mode");
    if bad {
        return None;
    }
    let needs_mode = dist == "triangular" || dist == "pert";
    check_parameters(ctx, node, table, key, dist, needs_mode)?;
    let ((low, _), (high, _)) = (low?, high?);
    range_order(ctx, &node.loc, key, low, high)?;
    if let Some((mode, mode_loc)) = &mode
        && (*mode < low || *mode > high)
    {
        ctx.error(
            mode_loc,
            &format!("{key}.mode"),
            format!("expected the mode between low ({low}) and high ({high}), found {mode}"),
            "the mode is the most likely value; it must lie in [low, high]".to_string(),
        );
        return None;
    }
    let mode = mode.map(|(m, _)| m);
    Some(match dist {
        "triangular" => Uncertain::Triangular {
            low,
            mode: mode?,
            high,
        },
        "pert" => Uncertain::Pert {
            low,
            mode: mode?,
            high,
        },
        "normal" => Uncertain::Normal { low, high },
        "lognormal" => {
            if low <= Decimal::ZERO {
                ctx.error(
                    &node.loc,
                    &format!("{key}.low"),
                    format!("a lognormal needs low > 0, found {low}"),
                    "use a small positive low, or a normal or uniform distribution".to_string(),
                );
                return None;
            }
            Uncertain::Lognormal { low, high }
        }
        _ => Uncertain::Uniform { low, high },
    })
}

/// The `dist` of a distribution table; uniform when not written.
fn distribution_name(ctx: &mut Ctx, table: &Table, key: &str) -> Option<&'static str> {
    let Some(e) = table.get("dist") else {
        return Some("uniform");
    };
    if let Value::Text(d) = &e.node.value
        && let Some(name) = DISTRIBUTIONS.iter().find(|name| **name == d.as_str())
    {
        return Some(name);
    }
    ctx.error(&e.node.loc, &format!("{key}.dist"), format!("expected one of \"uniform\", \"triangular\", \"pert\", \"normal\", \"lognormal\", found {}", e.node.value.describe()), "pick one of those distributions, in quotes".to_string());
    None
}

/// The parameters `dist` needs are written, and `mode` only where it is used.
fn check_parameters(
    ctx: &mut Ctx,
    node: &Node,
    table: &Table,
    key: &str,
    dist: &str,
    needs_mode: bool,
) -> Option<()> {
    for what in ["low", "high"] {
        if table.get(what).is_none() {
            ctx.error(
                &node.loc,
                key,
                format!("the {dist} distribution needs `{what}`"),
                format!(
                    "write e.g. {{ low = 3, high = 6{} }}",
                    if needs_mode {
                        ", mode = 4, dist = \"".to_string() + dist + "\""
                    } else {
                        String::new()
                    }
                ),
            );
        }
    }
    if needs_mode && table.get("mode").is_none() {
        ctx.error(&node.loc, key, format!("the {dist} distribution needs `mode`, its most likely value"), format!("add mode = ... between low and high, e.g. {{ low = 3, mode = 4, high = 6, dist = \"{dist}\" }}"));
        return None;
    }
    if !needs_mode && let Some(e) = table.get("mode") {
        ctx.error(
            &e.key_loc,
            &format!("{key}.mode"),
            format!("`mode` is only used by triangular and pert distributions, not {dist}"),
            "remove `mode`, or set dist = \"triangular\" or \"pert\"".to_string(),
        );
        return None;
    }
    Some(())
}

/// A bound inside the domain, or an error naming `key.what` (or `key` when
/// `what` is empty).
fn in_domain(ctx: &mut Ctx, loc: &Loc, key: &str, what: &str, v: Decimal, domain: &Domain) -> bool {
    if domain.contains(v) {
        return true;
    }
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

/// The input with its base value (the mean, MODEL.md §1), clamped into the
/// domain with a warning.
pub(super) fn input_value(
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
