//! A portfolio file: several teams' scenarios planned as one organisation.
//!
//! ```toml
//! [portfolio]
//! name = "Platform org"
//! currency = "EUR"
//! [[team]]
//! scenario = "proxy-team.toml"          # relative to the portfolio file
//! name = "Proxy"                        # optional display name
//! set = { "hiring.premium" = 0.3 }      # optional overrides, as --set
//! [shared]
//! inputs = ["hiring.multiplier", "hiring.premium"]
//! ```
//!
//! Every problem is reported together, each located in the portfolio file or
//! in the team file it comes from (team files are named by their resolved
//! path), and nothing is computed until the whole portfolio is valid.

use std::path::{Path, PathBuf};

use super::source::{Loc, Node, Table, Value};
use super::spec::{INPUTS, OTHER_KEYS};
use super::{Override, Scenario, ScenarioError, slug};

/// Most `[[team]]` entries: every team is a column of `monthly.csv` and a
/// folder of its own.
pub(crate) const MAX_TEAMS: usize = 200;

/// A validated portfolio: every team loaded with its overrides applied.
#[derive(Debug, Clone)]
pub(crate) struct Portfolio {
    pub(crate) name: String,
    /// Output folder name.
    pub(crate) slug: String,
    pub(crate) currency: String,
    pub(crate) teams: Vec<Team>,
    /// Dotted keys drawn once per trial for every team (`[shared] inputs`).
    pub(crate) shared: Vec<String>,
}

/// One `[[team]]` of a portfolio.
#[derive(Debug, Clone)]
pub(crate) struct Team {
    /// The display name: `name`, or the scenario's own name.
    pub(crate) name: String,
    /// Its column in `monthly.csv` and its folder under `teams/`.
    pub(crate) slug: String,
    pub(crate) scenario: Scenario,
    /// The team file's warnings, already rendered.
    pub(crate) warnings: Vec<String>,
}

/// A `[[team]]` as written, before its scenario is loaded.
struct TeamEntry {
    loc: Loc,
    path: PathBuf,
    path_loc: Loc,
    name: Option<(String, Loc)>,
    overrides: Vec<Override>,
}

/// Reads and validates a portfolio and every team it lists; `overrides` (the
/// command line's `--set`) apply to every team after the team's own `set`.
/// On failure, every message found, each complete and located.
pub(crate) fn load(path: &Path, overrides: &[Override]) -> Result<Portfolio, Vec<String>> {
    let parsed = super::parse_file(path).map_err(|e| vec![portfolio_read_error(e)])?;
    let file = parsed.file.clone();
    let mut errors = Vec::new();
    let at = |loc: &Loc, key: &str, message: String| {
        if key.is_empty() {
            format!("{}: {message}", loc.render(&file))
        } else {
            format!("{}: {key}: {message}", loc.render(&file))
        }
    };
    let root = &parsed.root;
    for e in &root.entries {
        if !["portfolio", "team", "shared"].contains(&e.key.as_str()) {
            errors.push(at(
                &e.key_loc,
                &e.key,
                "unknown section; a portfolio has [portfolio], [[team]] and [shared]\n  help: team scenarios are separate files, listed as [[team]] scenario = \"file.toml\"".to_string(),
            ));
        }
    }
    let header = table(root, "portfolio");
    let name = match header.and_then(|t| t.get("name")) {
        Some(e) => match &e.node.value {
            Value::Text(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            other => {
                errors.push(at(
                    &e.node.loc,
                    "portfolio.name",
                    format!("expected a non-empty text, found {}", other.describe()),
                ));
                None
            }
        },
        None => {
            errors.push(at(
                &Loc::File { line: 1, col: 1 },
                "portfolio.name",
                "missing\n  help: start the file with [portfolio] and name = \"Platform org, Rust plan 2027-2029\"".to_string(),
            ));
            None
        }
    };
    let currency = header
        .and_then(|t| t.get("currency"))
        .and_then(|e| match &e.node.value {
            Value::Text(s) if !s.trim().is_empty() => {
                Some((s.trim().to_string(), e.node.loc.clone()))
            }
            other => {
                errors.push(at(
                    &e.node.loc,
                    "portfolio.currency",
                    format!(
                        "expected a currency code like \"EUR\", found {}",
                        other.describe()
                    ),
                ));
                None
            }
        });
    if let Some(t) = header {
        unknown_keys(t, "portfolio", &["name", "currency"], &mut errors, &at);
    }
    let base_dir = path.parent().unwrap_or(Path::new(""));
    let entries = team_entries(root, base_dir, &mut errors, &at);
    let shared = shared_inputs(root, &mut errors, &at);

    // Load every team, even after errors above, so that one run reports all.
    let mut teams = Vec::new();
    for entry in &entries {
        let mut all = entry.overrides.clone();
        all.extend(overrides.iter().cloned());
        let note = format!(
            "  note: listed as a [[team]] at {}",
            entry.loc.render(&file)
        );
        match super::load(&entry.path, &all) {
            Ok(loaded) => {
                let name = entry
                    .name
                    .as_ref()
                    .map_or_else(|| loaded.scenario.name.clone(), |(n, _)| n.clone());
                teams.push((
                    entry,
                    Team {
                        slug: slug(&name),
                        name,
                        warnings: loaded.warnings.iter().map(|w| w.to_string()).collect(),
                        scenario: loaded.scenario,
                    },
                ));
            }
            Err(ScenarioError::Read { reason, .. }) => errors.push(at(
                &entry.path_loc,
                "team.scenario",
                format!(
                    "cannot read the team's scenario file {}: {reason}\n  help: the path is relative to the portfolio file's folder",
                    entry.path.display()
                ),
            )),
            Err(ScenarioError::Invalid(diagnostics)) => {
                errors.extend(diagnostics.iter().map(|d| format!("{d}\n{note}")));
            }
        }
    }
    check_teams(&teams, currency.as_ref(), &file, &mut errors);
    if let Some(shared) = &shared {
        check_shared(shared, &teams, &mut errors, &at);
    }
    if entries.is_empty() && errors.is_empty() {
        errors.push(format!(
            "{file}: no [[team]] entries\n  help: list each team's scenario: [[team]] then scenario = \"proxy-team.toml\""
        ));
    }
    match (errors.is_empty(), name) {
        (true, Some(name)) => {
            let currency = currency.map_or_else(
                || {
                    teams
                        .first()
                        .map_or_else(String::new, |(_, t)| t.scenario.currency.clone())
                },
                |(c, _)| c,
            );
            Ok(Portfolio {
                slug: slug(&name),
                name,
                currency,
                teams: teams.into_iter().map(|(_, t)| t).collect(),
                shared: shared
                    .map(|s| s.into_iter().map(|(k, _)| k).collect())
                    .unwrap_or_default(),
            })
        }
        _ => Err(errors),
    }
}

fn portfolio_read_error(e: ScenarioError) -> String {
    match e {
        ScenarioError::Read { file, reason } => {
            format!("{file}: cannot read the portfolio file: {reason}")
        }
        ScenarioError::Invalid(_) => e.to_string(),
    }
}

fn table<'t>(root: &'t Table, key: &str) -> Option<&'t Table> {
    match root.get(key).map(|e| &e.node.value) {
        Some(Value::Table(t)) => Some(t),
        _ => None,
    }
}

fn unknown_keys(
    t: &Table,
    section: &str,
    known: &[&str],
    errors: &mut Vec<String>,
    at: &impl Fn(&Loc, &str, String) -> String,
) {
    for e in &t.entries {
        if !known.contains(&e.key.as_str()) {
            errors.push(at(
                &e.key_loc,
                &format!("{section}.{}", e.key),
                format!("unknown key; [{section}] accepts {}", known.join(", ")),
            ));
        }
    }
}

/// The `[[team]]` entries, each with its path resolved against `base_dir`.
fn team_entries(
    root: &Table,
    base_dir: &Path,
    errors: &mut Vec<String>,
    at: &impl Fn(&Loc, &str, String) -> String,
) -> Vec<TeamEntry> {
    let Some(e) = root.get("team") else {
        return Vec::new();
    };
    let Value::Array(items) = &e.node.value else {
        errors.push(at(
            &e.key_loc,
            "team",
            "expected [[team]] tables (one per team), found a single [team] table or value"
                .to_string(),
        ));
        return Vec::new();
    };
    if items.len() > MAX_TEAMS {
        errors.push(at(
            &e.key_loc,
            "team",
            format!(
                "{} teams; a portfolio holds at most {MAX_TEAMS}",
                items.len()
            ),
        ));
        return Vec::new();
    }
    let mut out = Vec::new();
    for item in items {
        let Value::Table(t) = &item.value else {
            errors.push(at(
                &item.loc,
                "team",
                format!("expected a table, found {}", item.value.describe()),
            ));
            continue;
        };
        unknown_keys(t, "team", &["scenario", "name", "set"], errors, at);
        let path = match t.get("scenario") {
            Some(s) => match &s.node.value {
                Value::Text(p) if !p.trim().is_empty() => {
                    Some((base_dir.join(p.trim()), s.node.loc.clone()))
                }
                other => {
                    errors.push(at(
                        &s.node.loc,
                        "team.scenario",
                        format!(
                            "expected the path of a scenario file, found {}",
                            other.describe()
                        ),
                    ));
                    None
                }
            },
            None => {
                errors.push(at(
                    &item.loc,
                    "team.scenario",
                    "missing\n  help: add scenario = \"proxy-team.toml\" (relative to this file)"
                        .to_string(),
                ));
                None
            }
        };
        let name = t.get("name").and_then(|n| match &n.node.value {
            Value::Text(s) if !s.trim().is_empty() => {
                Some((s.trim().to_string(), n.node.loc.clone()))
            }
            other => {
                errors.push(at(
                    &n.node.loc,
                    "team.name",
                    format!("expected a non-empty text, found {}", other.describe()),
                ));
                None
            }
        });
        let overrides = t.get("set").map_or_else(Vec::new, |s| match &s.node.value {
            Value::Table(set) => {
                let mut overrides = Vec::new();
                for e in &set.entries {
                    flatten(&e.key, &e.node, &mut overrides);
                }
                overrides
            }
            other => {
                errors.push(at(
                    &s.node.loc,
                    "team.set",
                    format!("expected a table of overrides like {{ \"hiring.premium\" = 0.3 }}, found {}", other.describe()),
                ));
                Vec::new()
            }
        });
        if let Some((path, path_loc)) = path {
            out.push(TeamEntry {
                loc: item.loc.clone(),
                path,
                path_loc,
                name,
                overrides,
            });
        }
    }
    out
}

/// `[shared] inputs`, each key with where it was written.
fn shared_inputs(
    root: &Table,
    errors: &mut Vec<String>,
    at: &impl Fn(&Loc, &str, String) -> String,
) -> Option<Vec<(String, Loc)>> {
    let shared = table(root, "shared")?;
    unknown_keys(shared, "shared", &["inputs"], errors, at);
    let e = shared.get("inputs")?;
    let Value::Array(items) = &e.node.value else {
        errors.push(at(
            &e.node.loc,
            "shared.inputs",
            format!(
                "expected a list of dotted keys like [\"hiring.premium\"], found {}",
                e.node.value.describe()
            ),
        ));
        return None;
    };
    let mut keys: Vec<(String, Loc)> = Vec::new();
    for item in items {
        match &item.value {
            Value::Text(k) if keys.iter().any(|(seen, _)| seen == k.trim()) => errors.push(at(
                &item.loc,
                "shared.inputs",
                format!("`{}` is listed twice", k.trim()),
            )),
            Value::Text(k) => keys.push((k.trim().to_string(), item.loc.clone())),
            other => errors.push(at(
                &item.loc,
                "shared.inputs",
                format!(
                    "expected a dotted key like \"hiring.premium\", found {}",
                    other.describe()
                ),
            )),
        }
    }
    Some(keys)
}

/// Team names and slugs must differ (each slug is a column and a folder);
/// every team must count in the portfolio's currency.
fn check_teams(
    teams: &[(&TeamEntry, Team)],
    currency: Option<&(String, Loc)>,
    file: &str,
    errors: &mut Vec<String>,
) {
    for (i, (entry, team)) in teams.iter().enumerate() {
        let loc = entry
            .name
            .as_ref()
            .map_or(&entry.loc, |(_, l)| l)
            .render(file);
        if let Some((_, first)) = teams[..i].iter().find(|(_, t)| t.slug == team.slug) {
            let what = if first.name == team.name {
                "name"
            } else {
                "folder and column name"
            };
            errors.push(format!(
                "{loc}: team.name: the team \"{}\" has the same {what} `{}` as the team \"{}\" listed at {}\n  help: give one of them a different name = \"...\" in its [[team]]",
                team.name,
                team.slug,
                first.name,
                first.scenario.file
            ));
        }
        let expected =
            currency.map_or_else(|| teams[0].1.scenario.currency.clone(), |(c, _)| c.clone());
        if team.scenario.currency != expected {
            let against = currency.map_or_else(
                || {
                    format!(
                        "the first team's currency {expected} ({})",
                        teams[0].1.scenario.file
                    )
                },
                |(c, l)| format!("the portfolio's currency {c} ({})", l.render(file)),
            );
            errors.push(format!(
                "{}: scenario.currency: the team \"{}\" counts in {}, not in {against}\n  help: amounts are never converted; give every team's scenario the same currency",
                team.scenario.file, team.name, team.scenario.currency
            ));
        }
    }
}

/// A shared key must be an uncertain numeric input of the model: a built-in
/// one or the amount of a cost some team has.
fn check_shared(
    shared: &[(String, Loc)],
    teams: &[(&TeamEntry, Team)],
    errors: &mut Vec<String>,
    at: &impl Fn(&Loc, &str, String) -> String,
) {
    let builtin: Vec<String> = INPUTS.iter().map(|i| i.dotted()).collect();
    for (key, loc) in shared {
        let known = builtin.contains(key)
            || teams
                .iter()
                .any(|(_, t)| t.scenario.inputs.iter().any(|i| &i.key == key));
        if known {
            continue;
        }
        let not_numeric = OTHER_KEYS
            .iter()
            .any(|(section, keys)| keys.iter().any(|k| format!("{section}.{k}") == *key));
        let message = if not_numeric {
            format!(
                "`{key}` is not an uncertain number, so it cannot be drawn once for every team\n  help: shared inputs are inputs a scenario may give as a range, e.g. hiring.premium, hiring.multiplier, team.salary"
            )
        } else {
            let all: Vec<&str> = builtin.iter().map(String::as_str).collect();
            let hint = crate::text::closest(key, all, |len| 2.max(len / 4)).map_or_else(
                || "shared inputs are keys like hiring.premium or costs.<name>".to_string(),
                |k| format!("did you mean `{k}`?"),
            );
            format!("unknown input `{key}`\n  help: {hint}")
        };
        errors.push(at(loc, "shared.inputs", message));
    }
}

/// `set` entries as `--set` overrides: a quoted key (`"hiring.premium" = 0.3`)
/// is one override; unquoted dotted keys (`hiring.premium = 0.3`) reach TOML
/// as nested tables, unnested here until the key names `section.key`.
fn flatten(key: &str, node: &Node, out: &mut Vec<Override>) {
    match &node.value {
        Value::Table(t) if !key.contains('.') => {
            for e in &t.entries {
                flatten(&format!("{key}.{}", e.key), &e.node, out);
            }
        }
        _ => out.push(Override {
            key: key.to_string(),
            value: toml_text(node),
        }),
    }
}

/// A located value written back as TOML text, for an [`Override`].
fn toml_text(node: &Node) -> String {
    match &node.value {
        Value::Integer { raw, .. } | Value::Float { raw, .. } => raw.clone(),
        Value::Text(s) => basic_string(s),
        Value::Bool(b) => b.to_string(),
        Value::Datetime(d) => d.to_string(),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(toml_text).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Table(t) => {
            let inner: Vec<String> = t
                .entries
                .iter()
                .map(|e| format!("{} = {}", basic_string(&e.key), toml_text(&e.node)))
                .collect();
            format!("{{ {} }}", inner.join(", "))
        }
    }
}

/// A TOML basic string: quoted, with `"`, `\` and control characters escaped.
fn basic_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::source;

    #[test]
    fn dotted_and_quoted_set_keys_give_the_same_overrides() {
        let overrides = |text: &str| {
            let root = source::parse(text).unwrap_or_else(|e| panic!("{}", e.message));
            let Some(e) = root.get("set") else {
                panic!("no set");
            };
            let Value::Table(t) = &e.node.value else {
                panic!("set is not a table");
            };
            let mut out = Vec::new();
            for e in &t.entries {
                flatten(&e.key, &e.node, &mut out);
            }
            out
        };
        let quoted = overrides("set = { \"hiring.premium\" = { low = 0.1, high = 0.3 } }");
        let dotted = overrides("set = { hiring.premium = { low = 0.1, high = 0.3 } }");
        assert_eq!(quoted, dotted);
        assert_eq!(quoted[0].key, "hiring.premium");
        assert_eq!(quoted[0].value, "{ \"low\" = 0.1, \"high\" = 0.3 }");
    }

    #[test]
    fn overrides_are_written_back_as_the_toml_they_were() {
        let root = source::parse(
            "set = { \"adoption.waves\" = [{ month = \"2028-01\", engineers = 9 }], \"hiring.premium\" = 0.30, \"x.y\" = \"a \\\"b\\\"\" }",
        )
        .unwrap_or_else(|e| panic!("{}", e.message));
        let Some(Value::Table(set)) = root.get("set").map(|e| &e.node.value) else {
            panic!("no set table");
        };
        let texts: Vec<String> = set.entries.iter().map(|e| toml_text(&e.node)).collect();
        assert_eq!(
            texts,
            [
                "[{ \"month\" = \"2028-01\", \"engineers\" = 9 }]",
                "0.30",
                "\"a \\\"b\\\"\""
            ]
        );
    }
}
