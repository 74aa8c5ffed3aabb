//! Which sections and keys a scenario may use: unknown ones are errors with a
//! "did you mean" suggestion, missing required ones are errors with an example.

use crate::scenario::source::{Entry, Loc, Table, Value};
use crate::scenario::spec;

use super::context::Ctx;

/// A section that is absent reads as this empty table, so its keys take their
/// defaults.
static EMPTY: Table = Table {
    entries: Vec::new(),
};

/// The top-level sections of a scenario that passed the shape checks.
pub(super) struct Sections<'t> {
    root: &'t Table,
    found: Vec<(&'static str, &'t Table)>,
}

impl<'t> Sections<'t> {
    /// The section's table, or an empty one when the file has no such section.
    pub(super) fn table(&self, name: &str) -> &'t Table {
        self.found
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&EMPTY, |(_, t)| *t)
    }

    /// Whether the file has the section.
    pub(super) fn has(&self, name: &str) -> bool {
        self.found.iter().any(|(n, _)| *n == name)
    }

    /// Where the section's header is, or `fallback` when there is none.
    pub(super) fn location(&self, name: &str, fallback: &Loc) -> Loc {
        self.root
            .get(name)
            .map_or_else(|| fallback.clone(), |e| e.key_loc.clone())
    }
}

/// The top-level sections, checking names and shapes.
pub(super) fn sections<'t>(ctx: &mut Ctx, root: &'t Table) -> Sections<'t> {
    let mut found = Vec::new();
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
        if name == "costs" || name == "correlation" {
            // Arrays of tables, read by their own files.
            if !matches!(entry.node.value, Value::Array(_)) {
                ctx.error(
                    &entry.key_loc,
                    name,
                    format!(
                        "expected [[{name}]] entries, found {}",
                        entry.node.value.describe()
                    ),
                    format!(
                        "write each {name} entry as its own [[{name}]] table (double brackets)"
                    ),
                );
            }
            continue;
        }
        match &entry.node.value {
            Value::Table(t) => {
                check_keys(ctx, t, name);
                found.push((name, t));
            }
            other => ctx.error(
                &entry.key_loc,
                name,
                format!("expected the section [{name}], found {}", other.describe()),
                format!("write a [{name}] header and put its keys below it"),
            ),
        }
    }
    Sections { root, found }
}

/// Help for a top-level name that is no section: the section it was meant to
/// be, or the section a key belongs in.
pub(super) fn suggest_section(key: &str) -> String {
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

/// Unknown keys of a section are errors, with a suggestion.
pub(super) fn check_keys(ctx: &mut Ctx, table: &Table, section: &str) {
    let known = spec::section_keys(section);
    let message = format!("unknown key in [{section}]");
    unknown_keys(
        ctx,
        table,
        &known,
        section,
        &message,
        |key| match spec::SECTIONS
            .iter()
            .find(|s| spec::section_keys(s).contains(&key))
        {
            Some(other) => format!("`{key}` belongs in the [{other}] section"),
            None => format!("[{section}] accepts: {}", known.join(", ")),
        },
    );
}

/// Reports each key of `table` that is not in `known` (as `prefix.key`), with
/// the closest known key as help or else `fallback(key)`; true when any was found.
pub(super) fn unknown_keys(
    ctx: &mut Ctx,
    table: &Table,
    known: &[&str],
    prefix: &str,
    message: &str,
    fallback: impl Fn(&str) -> String,
) -> bool {
    let mut found = false;
    for entry in &table.entries {
        if known.contains(&entry.key.as_str()) {
            continue;
        }
        let help = match closest(&entry.key, known) {
            Some(k) => format!("did you mean `{k}`?"),
            None => fallback(&entry.key),
        };
        ctx.error(
            &entry.key_loc,
            &format!("{prefix}.{}", entry.key),
            message,
            help,
        );
        found = true;
    }
    found
}

/// The closest known word within a small edit distance (case-insensitive).
pub(super) fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    crate::text::closest(&word.to_ascii_lowercase(), known.iter().copied(), |len| {
        2.max(len / 4)
    })
}

/// The entry `key` of a section, or an error (at `location`, the section's
/// header) with an example of the key.
pub(super) fn required<'t>(
    ctx: &mut Ctx,
    table: &'t Table,
    section: &str,
    key: &str,
    location: &Loc,
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
            location,
            &format!("{section}.{key}"),
            format!("is required in [{section}]"),
            format!("add `{example}` below the [{section}] header"),
        );
    }
    entry
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
