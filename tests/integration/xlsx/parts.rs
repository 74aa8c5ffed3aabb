//! Reading a workbook the way a spreadsheet does: its zip parts, sheets,
//! cells (formula and stored result) and defined names.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use rust_decimal::Decimal;

/// First data row (1-based) of the Monthly sheet.
pub(crate) const FIRST_DATA_ROW: usize = 5;

/// The text of one part of the workbook (`xl/workbook.xml`, ...).
pub(crate) fn zip_entry(xlsx: &Path, name: &str) -> String {
    let file = fs::File::open(xlsx).expect("workbook opens");
    let mut archive = zip::ZipArchive::new(file).expect("workbook is a zip archive");
    let mut entry = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{} has no {name}", xlsx.display()));
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

fn unescape(xml: &str) -> String {
    xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Text between `open` and `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

/// Defined names of the workbook: name → target (e.g. `Assumptions!$C$12`).
pub(crate) fn defined_names(xlsx: &Path) -> BTreeMap<String, String> {
    let workbook = zip_entry(xlsx, "xl/workbook.xml");
    let mut names = BTreeMap::new();
    for part in workbook.split("<definedName ").skip(1) {
        let name = between(part, "name=\"", "\"").expect("a name attribute");
        let target = between(part, ">", "</definedName>").expect("a target");
        names.insert(name.to_string(), unescape(target));
    }
    names
}

/// The part name of a sheet (`xl/worksheets/sheetN.xml`).
pub(crate) fn sheet_part(xlsx: &Path, sheet: &str) -> String {
    let workbook = zip_entry(xlsx, "xl/workbook.xml");
    let tag = workbook
        .split("<sheet ")
        .skip(1)
        .find(|t| between(t, "name=\"", "\"") == Some(sheet))
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let id = between(tag, "r:id=\"", "\"").expect("a relationship id");
    let rels = zip_entry(xlsx, "xl/_rels/workbook.xml.rels");
    let rel = rels
        .split("<Relationship ")
        .find(|r| between(r, "Id=\"", "\"") == Some(id))
        .expect("the sheet's relationship");
    format!("xl/{}", between(rel, "Target=\"", "\"").expect("a target"))
}

/// A cell's formula (without `=`) and stored result, as written.
pub(crate) type Cell = (Option<String>, Option<String>);

/// Every cell of a sheet: reference → (formula, stored value).
pub(crate) fn sheet_cells(xlsx: &Path, sheet: &str) -> BTreeMap<String, Cell> {
    let xml = zip_entry(xlsx, &sheet_part(xlsx, sheet));
    let mut cells = BTreeMap::new();
    for part in xml.split("<c r=\"").skip(1) {
        let reference = &part[..part.find('"').expect("a reference")];
        let body = part.split("</c>").next().unwrap_or("");
        let formula = between(body, "<f>", "</f>").map(unescape);
        let value = between(body, "<v>", "</v>").map(unescape);
        cells.insert(reference.to_string(), (formula, value));
    }
    cells
}

/// 0 → `A`, 26 → `AA`.
pub(crate) fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut name = String::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    name
}

/// `AB12` → (row, column), both 0-based.
pub(crate) fn parse_reference(reference: &str) -> (usize, usize) {
    let letters: String = reference
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    let col = letters
        .bytes()
        .fold(0, |acc, b| acc * 26 + usize::from(b - b'A') + 1)
        - 1;
    let row: usize = reference[letters.len()..].parse().expect("a row number");
    (row - 1, col)
}

/// A number as a spreadsheet writes it, plain or scientific.
pub(crate) fn decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    text.parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_scientific(text).ok())
}
