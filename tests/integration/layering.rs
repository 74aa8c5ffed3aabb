//! Keeps the layering of `src/` one way: a module never imports one listed
//! above it in [`LAYERS`]. Data flows from the input (`scenario`) through the
//! model, sampling and what-if analysis to files (`export`) and the terminal
//! (`output`), driven by the commands; a lower layer that reached up would tie
//! the engine to the way results are shown.
//!
//! The scan reads every `src/**/*.rs` (comments, strings and character
//! literals blanked out) and finds each path that names another top-level
//! module: `crate::x`, `use crate::{x, y}` and `super::` chains that climb to
//! the crate root. Self-contained on purpose: no shared test helpers.

use std::path::{Path, PathBuf};

/// The layers, lowest first; modules in one layer may import each other.
/// `cli` (clap definitions, importing nothing) sits just below `commands`,
/// which reads its argument structs; `lib` is the crate root, on top.
const LAYERS: &[&[&str]] = &[
    &["text", "error", "interrupt"],
    &["scenario"],
    &["model"],
    &["sample"],
    &["whatif"],
    &["export"],
    &["output"],
    &["cli"],
    &["commands"],
    &["lib"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// An import of a higher layer.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: `{}` imports `{}`, a higher layer",
            self.file, self.line, self.from, self.to
        )
    }
}

/// A cross-module reference found by the scan.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reference {
    line: usize,
    /// The top-level module named (`lib` for an item of the crate root).
    to: String,
}

/// The module path of a file under `src/`: `sample/mod.rs` is `[sample]`,
/// `sample/results.rs` is `[sample, results]`, `lib.rs` is `[]`.
fn module_path(relative: &str) -> Vec<String> {
    let trimmed = relative.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The source with comments, string literals and character literals replaced
/// by spaces (newlines kept, so line numbers stay right).
fn code_only(source: &str) -> String {
    let c: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let at = |k: usize| c.get(k).copied().unwrap_or('\0');
        let after_ident = i > 0 && ident(c[i - 1]);
        if at(i) == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if at(i) == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if !after_ident && let Some(end) = raw_string_end(&c, i) {
            while i < end {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if at(i) == '"' {
            blank(&mut out, c[i]);
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                if i < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
            if i < c.len() {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if at(i) == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A character literal (a lifetime `'a` has no closing quote).
            let mut end = i + 1;
            while end < c.len() && c[end] != '\'' {
                end += if c[end] == '\\' { 2 } else { 1 };
            }
            while i <= end.min(c.len() - 1) {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// Where a raw string starting at `i` (`r"`, `r#"`, `br#"`) ends, exclusive.
fn raw_string_end(c: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if c.get(j) == Some(&'b') {
        j += 1;
    }
    if c.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = c[j..].iter().take_while(|&&ch| ch == '#').count();
    j += hashes;
    if c.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < c.len() {
        if c[j] == '"'
            && c[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes
        {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(c.len())
}

/// Identifiers, `::` and single punctuation characters, with their lines.
fn tokens(code: &str) -> Vec<(String, usize)> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push((c[start..i].iter().collect(), line));
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push(("::".to_string(), line));
            i += 2;
        } else {
            out.push((ch.to_string(), line));
            i += 1;
        }
    }
    out
}

/// The first segment of each path after `tokens[at]`: one identifier, or each
/// item of a `{a::b, c}` group.
fn first_segments(tokens: &[(String, usize)], at: usize) -> Vec<String> {
    let Some((first, _)) = tokens.get(at) else {
        return Vec::new();
    };
    if first != "{" {
        return vec![first.clone()];
    }
    let mut segments = Vec::new();
    let mut depth = 0;
    let mut item_start = true;
    for (tok, _) in &tokens[at..] {
        match tok.as_str() {
            "{" => {
                depth += 1;
                if depth == 1 {
                    item_start = true;
                }
            }
            "}" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            "," if depth == 1 => item_start = true,
            t if depth == 1 && item_start => {
                segments.push(t.to_string());
                item_start = false;
            }
            _ => {}
        }
    }
    segments
}

/// Every reference in a file (path relative to `src/`) to another top-level
/// module, given the names of all top-level modules.
fn references(relative: &str, source: &str, modules: &[String]) -> Vec<Reference> {
    let file_path = module_path(relative);
    let own = file_path.first().cloned().unwrap_or_else(|| "lib".into());
    let toks = tokens(&code_only(source));
    let tok = |k: usize| toks.get(k).map_or("", |(t, _)| t.as_str());
    // Inline modules (`mod tests { .. }`) open at a brace depth.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut found = Vec::new();
    for k in 0..toks.len() {
        match tok(k) {
            "{" => {
                depth += 1;
                if k >= 2 && tok(k - 2) == "mod" {
                    inline.push((tok(k - 1).to_string(), depth));
                }
            }
            "}" => {
                if inline.last().is_some_and(|&(_, d)| d == depth) {
                    inline.pop();
                }
                depth -= 1;
            }
            _ => {}
        }
        let starts_path = k == 0 || !matches!(tok(k - 1), "::" | "$");
        let targets = if tok(k) == "crate" && tok(k + 1) == "::" && starts_path {
            first_segments(&toks, k + 2)
        } else if tok(k) == "super" && tok(k + 1) == "::" && starts_path {
            let mut ups = 0;
            while tok(k + 2 * ups) == "super" && tok(k + 2 * ups + 1) == "::" {
                ups += 1;
            }
            let here = file_path.len() + inline.len();
            if ups != here {
                continue; // stays inside its top-level module (or is not Rust)
            }
            first_segments(&toks, k + 2 * ups)
        } else {
            continue;
        };
        for target in targets {
            let to = if modules.contains(&target) {
                target
            } else {
                "lib".to_string()
            };
            if to != own {
                found.push(Reference {
                    line: toks[k].1,
                    to,
                });
            }
        }
    }
    found
}

/// The references of one file that reach a higher layer.
fn violations(relative: &str, source: &str, modules: &[String]) -> Vec<Violation> {
    let from = module_path(relative)
        .first()
        .cloned()
        .unwrap_or_else(|| "lib".into());
    let own = layer(&from).unwrap_or(usize::MAX);
    references(relative, source, modules)
        .into_iter()
        .filter(|r| layer(&r.to).unwrap_or(usize::MAX) > own)
        .map(|r| Violation {
            file: format!("src/{relative}"),
            line: r.line,
            from: from.clone(),
            to: r.to,
        })
        .collect()
}

/// Every `.rs` file under `src/` except `main.rs` (a crate of its own), as
/// paths relative to `src/` with `/` separators.
fn source_files() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    walk(&src, &mut paths);
    let mut files: Vec<String> = paths
        .iter()
        .filter_map(|p| p.strip_prefix(&src).ok())
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .filter(|p| p != "main.rs")
        .collect();
    files.sort();
    files
}

/// The top-level modules: `lib`, and the first component of every other file.
fn top_level_modules(files: &[String]) -> Vec<String> {
    let mut modules: Vec<String> = files
        .iter()
        .map(|f| {
            module_path(f)
                .first()
                .cloned()
                .unwrap_or_else(|| "lib".into())
        })
        .collect();
    modules.sort();
    modules.dedup();
    modules
}

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn no_module_imports_a_higher_layer() {
    let files = source_files();
    let modules = top_level_modules(&files);
    let mut found = 0;
    let mut bad = Vec::new();
    for f in &files {
        let source = read(f);
        found += references(f, &source, &modules).len();
        bad.extend(violations(f, &source, &modules));
    }
    // The scan must see the imports that exist, or it proves nothing.
    assert!(found > 50, "only {found} cross-module references found");
    let list: Vec<String> = bad.iter().map(ToString::to_string).collect();
    assert!(
        bad.is_empty(),
        "imports of a higher layer:\n{}",
        list.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_layer() {
    let modules = top_level_modules(&source_files());
    let missing: Vec<&String> = modules.iter().filter(|m| layer(m).is_none()).collect();
    assert!(
        missing.is_empty(),
        "add these modules to LAYERS in tests/layering.rs: {missing:?}"
    );
    for expected in ["scenario", "model", "sample", "export", "commands", "lib"] {
        assert!(
            modules.iter().any(|m| m == expected),
            "{expected} not found"
        );
    }
}

#[cfg(test)]
mod scan {
    use super::*;

    fn modules() -> Vec<String> {
        [
            "text", "error", "scenario", "model", "sample", "whatif", "export", "output", "cli",
            "commands", "lib",
        ]
        .map(String::from)
        .to_vec()
    }

    fn targets(relative: &str, source: &str) -> Vec<String> {
        violations(relative, source, &modules())
            .into_iter()
            .map(|v| v.to)
            .collect()
    }

    #[test]
    fn an_upward_use_is_caught_with_its_line() {
        let source = "//! Doc.\n\nuse crate::scenario::Scenario;\nuse crate::commands::run;\n";
        let found = violations("model/base.rs", source, &modules());
        assert_eq!(
            found,
            [Violation {
                file: "src/model/base.rs".into(),
                line: 4,
                from: "model".into(),
                to: "commands".into(),
            }]
        );
    }

    #[test]
    fn grouped_and_inline_paths_are_caught() {
        let grouped =
            "use crate::{\n    scenario::Scenario,\n    output::{warn, print_stdout},\n};\n";
        assert_eq!(targets("sample/mod.rs", grouped), ["output"]);
        let inline = "fn f() -> Vec<u8> {\n    crate::export::csv::table(&[], &[]).unwrap()\n}\n";
        assert_eq!(targets("whatif/sweep.rs", inline), ["export"]);
        let root_item = "fn f() { crate::run(std::env::args_os()); }";
        assert_eq!(targets("output/mod.rs", root_item), ["lib"]);
    }

    #[test]
    fn super_chains_are_resolved_from_the_file_and_its_inline_modules() {
        // [sample, a, b]: two `super`s stay in sample, three reach the root.
        assert!(targets("sample/a/b.rs", "use super::super::output::warn;").is_empty());
        assert_eq!(
            targets("sample/a/b.rs", "use super::super::super::output::warn;"),
            ["output"]
        );
        // A file at depth one reaches the root with one `super`.
        assert_eq!(
            targets("model.rs", "use super::sample::Sampled;"),
            ["sample"]
        );
        // Inside `mod tests {}` one more `super` is needed.
        let tests = "mod tests {\n    use super::*;\n    use super::super::commands::run;\n}\n";
        assert!(targets("model/base.rs", tests).is_empty());
        let deeper = "mod tests {\n    use super::super::super::commands::run;\n}\nuse super::super::scenario::x;";
        assert_eq!(targets("model/base.rs", deeper), ["commands"]);
    }

    #[test]
    fn downward_and_same_module_imports_pass() {
        let source = "use crate::scenario::Scenario;\nuse crate::sample::{Stats, results::Results};\nuse crate::export::csv;\nuse super::chart;\n";
        assert!(targets("export/chart_input.rs", source).is_empty());
        assert!(targets("text.rs", "use crate::error::AppError;").is_empty());
        assert!(targets("commands/run.rs", "use crate::cli::RunArgs;").is_empty());
    }

    #[test]
    fn comments_strings_and_literals_are_not_imports() {
        let source = r####"
// use crate::commands::run;
/* crate::output::warn /* nested */ crate::output */
/// Calls `crate::commands::run`.
const A: &str = "use crate::commands::run;";
const B: &str = r#"crate::output::"warn""#;
const C: char = '{';
const D: char = '\'';
pub(crate) fn f<'a>(x: &'a str) -> &'a str { x }
macro_rules! m { () => { $crate::output::warn("") }; }
mod inner { use super::super::output::warn; }
"####;
        // Only the last line is an import; the `'{'` must not hide its module.
        assert_eq!(targets("model.rs", source), ["output"]);
    }
}
