//! The Read me sheet: what the workbook holds, in plain words.

use rust_xlsxwriter::Worksheet;

use super::formats::Styles;
use super::inputs::SPARE_ROWS;
use super::{ASSUMPTIONS_SHEET, BANDS, Book, CHARTS, MONTHLY, README, SUMMARY};

/// The Read me sheet.
pub(super) fn readme_sheet(book: &Book, styles: &Styles) -> anyhow::Result<Worksheet> {
    let s = book.scenario;
    let mut ws = super::formats::new_sheet();
    ws.set_name(README)?;
    let sampled = match book.sampled {
        Some(x) => format!(
            "The mean, P10, P50 and P90 on {SUMMARY} and the {BANDS} sheet come from {} Monte Carlo samples (seed {}). They are values, not formulas: after an edit they turn grey and say \"stale\"; rerun adoptcost with the edited scenario for new ones.",
            x.samples, x.seed
        ),
        None => format!(
            "This workbook was written without sampling (--samples 0): there are no percentiles and the {BANDS} sheet is empty."
        ),
    };
    let paragraphs: Vec<(&str, String)> = vec![
        ("What this is", format!(
            "The cost of adopting Rust for \"{}\", month by month from {} for {} months, as computed by adoptcost from {}. Every figure on {SUMMARY}, {MONTHLY} and {CHARTS} is a live formula: change an input and they follow, to the cent of what adoptcost itself would compute.",
            s.name, s.start, s.months, s.file
        )),
        ("Sign convention", format!(
            "Extra cost is positive, saving is negative, in {} (a label: nothing is converted). The total adds cash (salaries, recruiting, CI, your costs, minus infrastructure and incident savings) and capacity (the work the team does not deliver while it hires, learns and mentors, valued at its loaded cost). The adoption pays for itself from the break-even month: the first month from which the cumulative total stays at or below zero.",
            s.currency
        )),
        ("Where to look", format!(
            "{SUMMARY}: horizon totals, the check cell, the scenario switch, the break-even month and the sensitivity table. {MONTHLY}: one row per month, then the totals and one subtotal per calendar year. {CHARTS}: the cumulative total, the monthly breakdown and the tornado. {BANDS}: the sampled range. {ASSUMPTIONS_SHEET}: every input."
        )),
        ("Editing inputs", format!(
            "Edit only the shaded cells (blue on yellow) of {ASSUMPTIONS_SHEET}; the rest of that sheet is locked (Review > Unprotect sheet, no password, if you must). Shares are percentages: type 25% (or 0.25). Months are dates: type 2027-03. Each input cell refuses values outside its domain and says why. Waves, openings and costs have {SPARE_ROWS} spare rows each, already wired: fill one in to add a wave, an opening or a cost. Holidays have spare cells too; working days follow them."
        )),
        ("The check cell", format!(
            "The check cell at the top of {SUMMARY} is green while every input is valid. When one is not (a text in a month cell, a share above 100%, a low above its high), it turns red and names the input and its cell, and the figures are not to be trusted until it is fixed."
        )),
        ("The scenario switch", format!(
            "On {SUMMARY}: base (every input at its base value, as adoptcost reports), all low or all high (every input with a range at that end, the others at base), or per input (the \"use\" column of {ASSUMPTIONS_SHEET}). The sensitivity table always varies one input at a time around the base values."
        )),
        ("Where the inputs come from", format!(
            "The \"source\" column of {ASSUMPTIONS_SHEET} says, for each input, whether it is your figure from the scenario file or a default, and the source of the default (MODEL.md §6). Base = the mean of what the scenario writes; low and high = its range (5th and 95th percentiles for normal and lognormal)."
        )),
        ("What is not live", format!(
            "The grey block of {ASSUMPTIONS_SHEET} lists what needs a rerun: the number of months, the distributions behind the samples, more rows than the spare ones. {sampled}"
        )),
        ("Hidden sheets", "Helper holds the working (head counts by month, MODEL.md §2); Checks gathers the check cells and the inputs as exported. Unhide them to audit a figure.".to_string()),
    ];
    ws.write_string_with_format(0, 0, format!("{}: read me", s.name), &styles.title)?;
    let mut row = 2;
    for (title, text) in paragraphs {
        ws.write_string_with_format(row, 0, title, &styles.bold)?;
        ws.write_string_with_format(row, 1, &text, &styles.wrap)?;
        let lines = text.chars().count().div_ceil(110).max(1);
        ws.set_row_height(row, 15.0 * lines as f64 + 4.0)?;
        row += 1;
    }
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 110)?;
    super::formats::print_setup(&mut ws, row, 1, 1, None)?;
    Ok(ws)
}
