//! The scenario text as a tree of located values.
//!
//! TOML is parsed with `toml_edit`, which keeps spans, and turned into a small tree
//! whose every node knows where it was written (file line and column, or the
//! `--set` flag it came from). Numbers keep the text they were written as, so
//! `0.1` becomes exactly the decimal 0.1. `--set` overrides are applied to this
//! tree before validation, so they are checked exactly like the file.

use std::cell::Cell;
use std::fmt;

use toml_edit::{Item, Value as TomlValue};

/// Where a value was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Loc {
    /// `line` and `col` are 1-based; `col` counts characters.
    File { line: usize, col: usize },
    /// The n-th `--set` flag (its text is kept for messages).
    Set { text: String },
    /// Not written anywhere: a default.
    Default,
}

impl Loc {
    /// Renders the location, given the file's display name.
    pub(crate) fn render(&self, file: &str) -> String {
        match self {
            Loc::File { line, col } => format!("{file}:{line}:{col}"),
            Loc::Set { text } => format!("{file}: --set '{text}'"),
            Loc::Default => file.to_string(),
        }
    }
}

/// A value as written.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    /// An integer and the text it was written as.
    Integer {
        raw: String,
        value: i64,
    },
    /// A float and the text it was written as.
    Float {
        raw: String,
        value: f64,
    },
    Text(String),
    Bool(bool),
    Datetime(toml_edit::Datetime),
    Array(Vec<Node>),
    Table(Table),
}

impl Value {
    /// What a user would call this kind of value, for "found ..." in messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Value::Integer { raw, .. } | Value::Float { raw, .. } => format!("the number {raw}"),
            Value::Text(s) => format!("the text \"{}\"", shorten(s, 40)),
            Value::Bool(b) => format!("{b}"),
            Value::Datetime(d) => format!("the date {d}"),
            Value::Array(items) => format!("a list of {} item(s)", items.len()),
            Value::Table(_) => "a table".to_string(),
        }
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) value: Value,
    pub(crate) loc: Loc,
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) key_loc: Loc,
    pub(crate) node: Node,
}

/// A table keeps its entries in the order written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub(crate) entries: Vec<Entry>,
}

impl Table {
    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Replaces the entry `key` or appends it.
    pub(crate) fn set(&mut self, key: &str, key_loc: Loc, node: Node) {
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(entry) => {
                entry.key_loc = key_loc;
                entry.node = node;
            }
            None => self.entries.push(Entry {
                key: key.to_string(),
                key_loc,
                node,
            }),
        }
    }
}

/// A TOML syntax error with its location.
#[derive(Debug, Clone)]
pub(crate) struct SyntaxError {
    pub(crate) loc: Loc,
    pub(crate) message: String,
}

/// Maps byte offsets to 1-based line and column (in characters).
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last location found (byte offset, column): the tree is converted
    /// in document order, so counting on from it keeps a long line (70,000
    /// holidays in one array) linear instead of quadratic.
    last: Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            last: Cell::new((0, 1)),
        }
    }

    fn loc(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let (last_offset, last_col) = self.last.get();
        let col = (start <= last_offset && last_offset <= offset)
            .then(|| self.text.get(last_offset..offset))
            .flatten()
            .map(|since| last_col + since.chars().count())
            .or_else(|| {
                self.text
                    .get(start..offset)
                    .map(|prefix| prefix.chars().count() + 1)
            });
        if let Some(col) = col {
            self.last.set((offset, col));
        }
        Loc::File {
            line,
            col: col.unwrap_or(1),
        }
    }

    fn span_loc(&self, span: Option<std::ops::Range<usize>>) -> Option<Loc> {
        span.map(|s| self.loc(s.start))
    }

    fn raw(&self, span: Option<std::ops::Range<usize>>) -> Option<&'a str> {
        span.and_then(|s| self.text.get(s))
    }
}

/// Parses scenario text into a located tree. `text` must already have its BOM removed.
pub(crate) fn parse(text: &str) -> Result<Table, SyntaxError> {
    let doc = toml_edit::Document::parse(text).map_err(|err| {
        let index = LineIndex::new(text);
        SyntaxError {
            loc: err
                .span()
                .map_or(Loc::File { line: 1, col: 1 }, |s| index.loc(s.start)),
            message: err.message().trim().to_string(),
        }
    })?;
    let index = LineIndex::new(text);
    Ok(convert_table(
        &index,
        doc.as_table(),
        &Loc::File { line: 1, col: 1 },
    ))
}

/// Parses the value part of `--set KEY=VALUE` as a TOML value. Text that is not
/// valid TOML is taken as a string, so `--set scenario.name=My team` works.
pub(crate) fn parse_set_value(value_text: &str, loc: &Loc) -> Node {
    let snippet = format!("v = {value_text}");
    if let Ok(doc) = toml_edit::Document::parse(snippet.as_str()) {
        let index = LineIndex::new(&snippet);
        if let Some((_, item)) = doc.as_table().get_key_value("v")
            && let Some(node) = convert_item(&index, item, loc)
        {
            return relocate(node, loc);
        }
    }
    Node {
        value: Value::Text(value_text.trim().to_string()),
        loc: loc.clone(),
    }
}

/// Gives every node of an override the location of its `--set` flag.
fn relocate(node: Node, loc: &Loc) -> Node {
    let value = match node.value {
        Value::Array(items) => Value::Array(items.into_iter().map(|n| relocate(n, loc)).collect()),
        Value::Table(table) => Value::Table(Table {
            entries: table
                .entries
                .into_iter()
                .map(|e| Entry {
                    key: e.key,
                    key_loc: loc.clone(),
                    node: relocate(e.node, loc),
                })
                .collect(),
        }),
        other => other,
    };
    Node {
        value,
        loc: loc.clone(),
    }
}

fn convert_table(index: &LineIndex, table: &toml_edit::Table, fallback: &Loc) -> Table {
    convert_entries(
        index,
        table.iter().map(|(k, _)| k),
        |k| table.get_key_value(k),
        fallback,
    )
}

fn convert_inline_table(
    index: &LineIndex,
    table: &toml_edit::InlineTable,
    fallback: &Loc,
) -> Table {
    convert_entries(
        index,
        table.iter().map(|(k, _)| k),
        |k| table.get_key_value(k),
        fallback,
    )
}

/// The entries of a table or inline table, in the order written.
fn convert_entries<'t>(
    index: &LineIndex,
    keys: impl Iterator<Item = &'t str>,
    lookup: impl Fn(&str) -> Option<(&'t toml_edit::Key, &'t Item)>,
    fallback: &Loc,
) -> Table {
    let mut out = Table::default();
    for key in keys {
        let Some((k, item)) = lookup(key) else {
            continue;
        };
        let key_loc = index.span_loc(k.span()).unwrap_or_else(|| fallback.clone());
        if let Some(node) = convert_item(index, item, &key_loc) {
            out.entries.push(Entry {
                key: key.to_string(),
                key_loc,
                node,
            });
        }
    }
    out
}

fn convert_item(index: &LineIndex, item: &Item, fallback: &Loc) -> Option<Node> {
    match item {
        Item::None => None,
        Item::Value(v) => Some(convert_value(index, v, fallback)),
        Item::Table(t) => {
            let loc = index.span_loc(t.span()).unwrap_or_else(|| fallback.clone());
            Some(Node {
                value: Value::Table(convert_table(index, t, &loc)),
                loc,
            })
        }
        Item::ArrayOfTables(aot) => {
            let loc = index
                .span_loc(aot.span())
                .unwrap_or_else(|| fallback.clone());
            let items = aot
                .iter()
                .map(|t| {
                    let tloc = index.span_loc(t.span()).unwrap_or_else(|| loc.clone());
                    Node {
                        value: Value::Table(convert_table(index, t, &tloc)),
                        loc: tloc,
                    }
                })
                .collect();
            Some(Node {
                value: Value::Array(items),
                loc,
            })
        }
    }
}

fn convert_value(index: &LineIndex, v: &TomlValue, fallback: &Loc) -> Node {
    let loc = index.span_loc(v.span()).unwrap_or_else(|| fallback.clone());
    let value = match v {
        TomlValue::String(s) => Value::Text(s.value().clone()),
        TomlValue::Integer(i) => Value::Integer {
            raw: index
                .raw(i.span())
                .map_or_else(|| i.value().to_string(), |r| r.trim().to_string()),
            value: *i.value(),
        },
        TomlValue::Float(f) => Value::Float {
            raw: index
                .raw(f.span())
                .map_or_else(|| f.value().to_string(), |r| r.trim().to_string()),
            value: *f.value(),
        },
        TomlValue::Boolean(b) => Value::Bool(*b.value()),
        TomlValue::Datetime(d) => Value::Datetime(*d.value()),
        TomlValue::Array(a) => {
            Value::Array(a.iter().map(|x| convert_value(index, x, &loc)).collect())
        }
        TomlValue::InlineTable(t) => Value::Table(convert_inline_table(index, t, &loc)),
    };
    Node { value, loc }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::File { line, col } => write!(f, "{line}:{col}"),
            Loc::Set { text } => write!(f, "--set '{text}'"),
            Loc::Default => write!(f, "default"),
        }
    }
}
