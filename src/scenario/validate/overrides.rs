//! `--set KEY=VALUE`: an override replaces (or adds) one value in the located
//! tree before validation, so it is checked exactly like the file's own values.

use crate::scenario::source::{self, Entry, Loc, Node, Table, Value};
use crate::scenario::{Diagnostic, Override, spec};

use super::keys::{closest, suggest_section};

/// Applies one `--set` override to the tree.
pub(crate) fn apply_override(root: &mut Table, o: &Override, file: &str) -> Result<(), Diagnostic> {
    let loc = Loc::Set { text: o.text() };
    let node = source::parse_set_value(&o.value, &loc);
    let fail = |message: String, help: String| Diagnostic {
        location: loc.render(file),
        key: o.key.clone(),
        message,
        help: Some(help),
    };
    let parts: Vec<&str> = o.key.split('.').map(str::trim).collect();
    if parts[0] == "costs" {
        let rest = o.key.trim().strip_prefix("costs.").unwrap_or_default();
        return set_cost(root, rest, &loc, node).map_err(|(m, h)| fail(m, h));
    }
    if parts[0] == "correlation" {
        return Err(fail(
            "a [[correlation]] entry cannot be changed with --set".to_string(),
            "edit the [[correlation]] entries in the scenario file (or a copy of it)".to_string(),
        ));
    }
    if parts.len() != 2 {
        return Err(fail(
            "expected SECTION.KEY, e.g. hiring.premium".to_string(),
            format!("sections are: {}", spec::SECTIONS.join(", ")),
        ));
    }
    set_key(root, parts[0], parts[1], &loc, node).map_err(|(m, h)| fail(m, h))
}

/// `costs.<name>.<field>`, or `costs.<name>` for its amount; names are matched
/// ignoring case. An error is its message and help.
fn set_cost(root: &mut Table, rest: &str, loc: &Loc, node: Node) -> Result<(), (String, String)> {
    let Some(Entry {
        node: Node {
            value: Value::Array(items),
            ..
        },
        ..
    }) = root.entries.iter_mut().find(|e| e.key == "costs")
    else {
        return Err((
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
        return Err((
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
        return Err((
            "that cost is not a table".to_string(),
            "check the [[costs]] entries".to_string(),
        ));
    };
    t.set(field, loc.clone(), node);
    Ok(())
}

/// `section.key`, adding the section when the file has none. An error is its
/// message and help.
fn set_key(
    root: &mut Table,
    section: &str,
    key: &str,
    loc: &Loc,
    node: Node,
) -> Result<(), (String, String)> {
    if !spec::SECTIONS.contains(&section) {
        return Err((
            format!("unknown section `{section}`"),
            suggest_section(section),
        ));
    }
    let known = spec::section_keys(section);
    if !known.contains(&key) {
        let help = match closest(key, &known) {
            Some(k) => format!("did you mean `{section}.{k}`?"),
            None => format!("[{section}] accepts: {}", known.join(", ")),
        };
        return Err((format!("unknown key `{key}` in [{section}]"), help));
    }
    let section_entry = match root.entries.iter().position(|e| e.key == section) {
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
        _ => Err((
            format!("[{section}] is not a table in the file"),
            format!("fix the [{section}] section first"),
        )),
    }
}
