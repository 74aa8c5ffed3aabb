//! The input: scenario files, their validation and `--set` overrides (MODEL.md §1).

pub(crate) mod assumptions;
pub(crate) mod calendar;
pub(crate) mod correlation;
pub(crate) mod numbers;
pub(crate) mod portfolio;
pub(crate) mod source;
pub(crate) mod spec;
pub(crate) mod uncertain;
mod validate;

use std::fmt;
use std::io::Read;
use std::path::Path;

use rust_decimal::Decimal;

use crate::text::printable;

pub(crate) use calendar::YearMonth;
pub(crate) use correlation::Correlation;
pub(crate) use spec::{BUILTIN_INPUTS, Domain, Input, Unit};
pub(crate) use uncertain::Uncertain;

/// Largest scenario file read (a hand-written scenario is a few kilobytes).
pub(crate) const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Most `hiring.plan` openings: the model visits every opening in every month
/// of every trial, so this bounds the run time (one opening a month for 600
/// months fits).
pub(crate) const MAX_OPENINGS: usize = 1000;
/// Most `[[costs]]` entries: each is a CSV column and a sensitivity row.
pub(crate) const MAX_COSTS: usize = 100;
/// `team.current_stack` when the scenario does not name it (MODEL.md §1).
pub(crate) const DEFAULT_STACK: &str = "current stack";
/// Most `[adoption]` waves (MODEL.md §1).
pub(crate) const MAX_WAVES: usize = 100;

/// A validated scenario: everything the model needs, nothing left to check.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The file as the user named it (for messages).
    pub(crate) file: String,
    pub(crate) name: String,
    /// Output folder name: lowercase ASCII letters, digits and hyphens.
    pub(crate) slug: String,
    pub(crate) start: YearMonth,
    pub(crate) months: usize,
    pub(crate) currency: String,
    pub(crate) discount_rate: Decimal,
    /// E: engineers at `start`.
    pub(crate) engineers: Decimal,
    /// What the team works in today (`team.current_stack`), for titles.
    pub(crate) current_stack: String,
    /// Whether the file has an `[adoption]` section (it changes `m_ci`, MODEL.md §2).
    pub(crate) adoption: bool,
    /// The waves of the current team switching to Rust; without `[adoption]`,
    /// one wave of every engineer at `start`.
    pub(crate) waves: Vec<Wave>,
    pub(crate) plan: Vec<Opening>,
    pub(crate) build_size: String,
    pub(crate) hours_per_day: Decimal,
    /// WD(m) for each month of the horizon.
    pub(crate) working_days: Vec<u32>,
    /// `builds.holidays`, sorted, without duplicates (the workbook counts
    /// working days from them with NETWORKDAYS).
    pub(crate) holidays: Vec<chrono::NaiveDate>,
    pub(crate) costs: Vec<Cost>,
    /// Month index from which savings apply (may be at or beyond the horizon);
    /// `None`: the first month anyone works in Rust (`m_ci`, MODEL.md §1).
    pub(crate) benefits_from: Option<i64>,
    /// Every uncertain input: the built-ins (indexed by `Input as usize`), then one
    /// amount per cost.
    pub(crate) inputs: Vec<InputValue>,
    /// `[[correlation]]`: pairs of uncertain inputs drawn with a rank
    /// correlation (MODEL.md §1); validated, positive semidefinite together.
    pub(crate) correlations: Vec<Correlation>,
}

/// A wave of `[adoption]`: `engineers` of the current team switch to Rust on
/// the first day of month `month`.
#[derive(Debug, Clone)]
pub(crate) struct Wave {
    /// Month index t_k (0 = `start`).
    pub(crate) month: i64,
    pub(crate) engineers: Decimal,
}

/// A hiring opening: `count` roles opening on the first day of month `month`.
#[derive(Debug, Clone)]
pub(crate) struct Opening {
    /// Month index o (0 = `start`).
    pub(crate) month: i64,
    pub(crate) count: Decimal,
}

/// A `[[costs]]` entry; its amount is `inputs[BUILTIN_INPUTS + i]`.
#[derive(Debug, Clone)]
pub(crate) struct Cost {
    pub(crate) name: String,
    /// First and last month index it applies to, inclusive.
    pub(crate) first: i64,
    pub(crate) last: i64,
    pub(crate) per_engineer: bool,
}

/// An uncertain input with its base value.
#[derive(Debug, Clone)]
pub(crate) struct InputValue {
    /// Dotted key, e.g. `hiring.premium` or `costs.<name>`.
    pub(crate) key: String,
    /// In the user's words.
    pub(crate) label: String,
    pub(crate) unit: Unit,
    pub(crate) value: Uncertain,
    /// The base-case value (the mean, MODEL.md §1), inside the domain.
    pub(crate) base: Decimal,
    pub(crate) domain: Domain,
}

impl Scenario {
    pub(crate) fn month_label(&self, m: usize) -> YearMonth {
        self.start.plus(i64::try_from(m).unwrap_or(i64::MAX / 2))
    }

    pub(crate) fn input(&self, input: Input) -> &InputValue {
        &self.inputs[input as usize]
    }

    /// The current stack in a sentence: "Go", or "the current stack" when
    /// the scenario does not name it; control characters become spaces.
    pub(crate) fn current_stack_phrase(&self) -> String {
        if self.current_stack == DEFAULT_STACK {
            format!("the {DEFAULT_STACK}")
        } else {
            crate::text::printable(&self.current_stack).into_owned()
        }
    }

    /// Base values of every input, in model order.
    pub(crate) fn base_values(&self) -> Vec<Decimal> {
        self.inputs.iter().map(|i| i.base).collect()
    }
}

/// One problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `file:line:col`, or `file: --set '...'`.
    pub location: String,
    /// Dotted key, e.g. `hiring.premium`.
    pub(crate) key: String,
    pub message: String,
    pub(crate) help: Option<String>,
}

impl fmt::Display for Diagnostic {
    /// Each part on one line ([`printable`]): a value quoted in a message may
    /// hold a line break or an escape sequence.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (location, message) = (printable(&self.location), printable(&self.message));
        if self.key.is_empty() {
            write!(f, "{location}: {message}")?;
        } else {
            write!(f, "{location}: {}: {message}", printable(&self.key))?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", printable(help))?;
        }
        Ok(())
    }
}

/// Why a scenario could not be loaded.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ScenarioError {
    #[error("{file}: cannot read the scenario file: {reason}")]
    Read { file: String, reason: String },
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
}

fn render_all(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push_str("\nerror: ");
        }
        out.push_str(&d.to_string());
    }
    out
}

/// A `--set KEY=VALUE` override, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub(crate) key: String,
    pub(crate) value: String,
}

impl Override {
    /// Parses `KEY=VALUE`.
    pub fn parse(text: &str) -> Result<Override, String> {
        let Some((key, value)) = text.split_once('=') else {
            return Err(format!(
                "'{text}' is not KEY=VALUE; write e.g. --set hiring.premium=0.35 or --set 'ramp.months=[2,4]'"
            ));
        };
        let key = key.trim();
        if key.is_empty() || key.split('.').any(|part| part.trim().is_empty()) {
            return Err(format!(
                "'{text}': the key must be dotted like hiring.premium or costs.<name>.amount"
            ));
        }
        Ok(Override {
            key: key.to_string(),
            value: value.to_string(),
        })
    }

    pub(crate) fn text(&self) -> String {
        format!("{}={}", self.key, self.value)
    }
}

/// A loaded scenario and the warnings it earned.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub scenario: Scenario,
    pub warnings: Vec<Diagnostic>,
}

/// Reads, parses and validates a scenario file with overrides applied.
pub fn load(path: &Path, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    parse_file(path)?.validate(overrides)
}

/// A scenario file read and parsed into its located tree, not yet validated.
/// Sweeps validate one tree many times with different overrides, without
/// reading or parsing the text again; each validation is exactly what
/// [`load`] does.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The file as the user named it (for messages).
    pub(crate) file: String,
    root: source::Table,
}

impl Parsed {
    /// Applies `overrides` (like `--set`) to a copy of the tree and validates it.
    pub fn validate(&self, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
        let mut root = self.root.clone();
        let mut diagnostics = Vec::new();
        for o in overrides {
            if let Err(d) = validate::apply_override(&mut root, o, &self.file) {
                diagnostics.push(d);
            }
        }
        if !diagnostics.is_empty() {
            return Err(ScenarioError::Invalid(diagnostics));
        }
        validate::scenario(&self.file, &root)
    }
}

/// Reads and parses a scenario file without validating it (see [`Parsed`]).
pub fn parse_file(path: &Path) -> Result<Parsed, ScenarioError> {
    // The file as messages name it: a file name can hold any character.
    let file = printable(&path.display().to_string()).into_owned();
    let read_error = |reason: String| ScenarioError::Read {
        file: file.clone(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| read_error(e.to_string()))?;
    if meta.is_dir() {
        return Err(read_error(
            "it is a folder; name a .toml scenario file".to_string(),
        ));
    }
    // A named pipe waits for a writer and a device may never end: only
    // regular files are read, so a mistyped path cannot hang the tool.
    if !meta.is_file() {
        return Err(read_error(format!(
            "it is {}, not a regular file, and reading it could wait forever; save the scenario to a .toml file and name that file",
            special_file_kind(&meta)
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(read_error(format!(
            "it is {} bytes; scenario files are limited to {} bytes (1 MiB)",
            meta.len(),
            MAX_FILE_BYTES
        )));
    }
    // The size above can lie (a file still growing, or replaced since by a
    // device): read at most one byte past the limit, so no input can exhaust
    // memory.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| read_error(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(read_error(format!(
            "it is longer than {MAX_FILE_BYTES} bytes; scenario files are limited to 1 MiB"
        )));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e)
            if e.as_bytes().starts_with(&[0xFF, 0xFE])
                || e.as_bytes().starts_with(&[0xFE, 0xFF]) =>
        {
            return Err(ScenarioError::Invalid(vec![Diagnostic {
                location: format!("{file}:1:1"),
                key: String::new(),
                message: "the file is UTF-16 text, not UTF-8".to_string(),
                help: Some("save the scenario as UTF-8 (most editors offer this under 'Save with encoding')".to_string()),
            }]));
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let line = valid.matches('\n').count() + 1;
            let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(ScenarioError::Invalid(vec![Diagnostic {
                location: format!("{file}:{line}:{col}"),
                key: String::new(),
                message: "the file is not valid UTF-8 text".to_string(),
                help: Some("save the scenario as UTF-8 (most editors offer this under 'Save with encoding')".to_string()),
            }]));
        }
    };
    parse_str(&file, &text)
}

/// What a file that is neither a regular file nor a folder is, in words.
fn special_file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "a special file"
}

/// Parses and validates scenario text; `file` names it in messages.
pub fn load_str(file: &str, text: &str, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    parse_str(file, text)?.validate(overrides)
}

/// Parses scenario text without validating it; `file` names it in messages.
pub(crate) fn parse_str(file: &str, text: &str) -> Result<Parsed, ScenarioError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = source::parse(text).map_err(|e| {
        ScenarioError::Invalid(vec![Diagnostic {
            location: e.loc.render(file),
            key: String::new(),
            message: format!("this is not valid TOML: {}", e.message),
            help: Some("check quotes, brackets and `key = value` pairs on that line".to_string()),
        }])
    })?;
    Ok(Parsed {
        file: file.to_string(),
        root,
    })
}

/// The output folder name for a scenario name: lowercase ASCII letters, digits
/// and single hyphens, so it can never name `.`, `..` or a path. Other
/// scripts are transliterated (`Équipe` → `equipe`, `名前` → `ming-qian`);
/// a name with nothing readable left (`...`, `☐☐`) gets `scenario-` and a
/// stable hash of the name, so that different names never share a folder.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut pending_hyphen = false;
    // Keep the names of languages readable: C++ → cpp, C# → csharp.
    let name = name.trim();
    let ascii =
        deunicode::deunicode_with_tofu(&name.replace("++", "pp").replace('#', "sharp"), " ");
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
        if out.len() >= 80 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        format!("scenario-{:08x}", fnv1a(name.as_bytes()))
    } else {
        out
    }
}

/// FNV-1a, 32 bits: a hash that stays the same on every machine and version.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_is_safe_and_never_empty() {
        assert_eq!(
            slug("Mid-size team, article defaults"),
            "mid-size-team-article-defaults"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("/abs/path"), "abs-path");
        assert_eq!(slug("C++ team moves to Rust"), "cpp-team-moves-to-rust");
    }

    #[test]
    fn slug_transliterates_and_keeps_unreadable_names_apart() {
        assert_eq!(slug("Équipe Zürich"), "equipe-zurich");
        assert_eq!(slug("名前"), "ming-qian");
        let unreadable = [slug("..."), slug("!!!"), slug(""), slug("\u{e000}")];
        for (i, s) in unreadable.iter().enumerate() {
            assert!(s.starts_with("scenario-") && s.len() == 17, "{s}");
            assert!(!unreadable[..i].contains(s), "{s} twice");
        }
        assert_eq!(slug("..."), slug("..."));
        assert_eq!(slug("..."), "scenario-0ac31c19");
    }
}
