//! The Assumptions sheet: every input in an editable, validated cell under a
//! defined name; the dates, waves, openings, costs and holidays (each with ten
//! spare rows already wired into the formulas); the inputs that need a rerun
//! on a grey, locked block; and the derived quantities the formulas read.

use rust_decimal::Decimal;
use rust_xlsxwriter::{ConditionalFormatFormula, Format, Formula, ProtectionOptions, Worksheet};

use crate::model::DAYS_PER_MONTH;
use crate::model::num::Num;
use crate::scenario::{BUILTIN_INPUTS, Domain, Unit};

use super::checks::{
    CheckCell, Snap, SnapCell, currency_rule, date_rule, first_of, list_rule, month_check,
    month_rule, number_check, number_rule, place,
};
use super::formats::{
    Styles, abs_cell, day_of, formula, literal, serial_of, sheet_cell, text_formula,
};
use super::inputs::{SPARE_ROWS, WbInput};
use super::shadow::NEVER;
use super::{ASSUMPTIONS_SHEET, Book, DefinedNames, SWITCH_CHOICES, names};

/// DATE(9999,12,1): the last month of a cost that runs to the end.
const END_OF_CALENDAR: i64 = 2_958_101;

/// Columns of the sheet.
pub(super) mod col {
    pub(crate) const KEY: u16 = 0;
    pub(crate) const NAME: u16 = 1;
    pub(crate) const BASE: u16 = 2;
    pub(crate) const LOW: u16 = 3;
    pub(crate) const HIGH: u16 = 4;
    pub(crate) const USE: u16 = 5;
    pub(crate) const VALUE: u16 = 6;
    pub(crate) const UNIT: u16 = 7;
    pub(crate) const WRITTEN: u16 = 8;
    /// Costs: first month, last month, per engineer.
    pub(crate) const FIRST: u16 = 8;
    pub(crate) const LAST: u16 = 9;
    pub(crate) const PER_ENGINEER: u16 = 10;
    pub(crate) const CHECK: u16 = 11;
    pub(crate) const SOURCE: u16 = 12;
    /// Hidden: low and high in use (blank = base), a cost's last month and
    /// per-engineer flag as numbers, a row's first-Rust-month candidate.
    pub(crate) const LOW_USED: u16 = 14;
    pub(crate) const HIGH_USED: u16 = 15;
    pub(crate) const LAST_USED: u16 = 16;
    pub(crate) const PE_NUM: u16 = 17;
    pub(crate) const CANDIDATE: u16 = 18;
}
use col as c;

/// The sheet, its check cells and its editable cells as exported.
pub(super) struct AssumptionsSheet {
    pub(super) sheet: Worksheet,
    pub(super) checks: Vec<CheckCell>,
    pub(super) snapshot: Vec<SnapCell>,
}

/// The sheet being written.
struct W<'a> {
    ws: Worksheet,
    book: &'a Book<'a>,
    styles: &'a Styles,
    defined: &'a mut DefinedNames,
    row: u32,
    checks: Vec<CheckCell>,
    snapshot: Vec<SnapCell>,
    /// First and last rows of the waves and of the openings.
    wave_rows: (u32, u32),
    plan_rows: (u32, u32),
}

/// `Assumptions!$C$5`
fn at(row: u32, col: u16) -> String {
    sheet_cell(ASSUMPTIONS_SHEET, row, col)
}

/// `Assumptions!$C$5:$C$9`
fn span(col: u16, first: u32, last: u32) -> String {
    super::formats::column_range(ASSUMPTIONS_SHEET, col, first, last)
}

fn num(d: Decimal) -> f64 {
    Num::to_f64(d)
}

pub(super) fn assumptions_sheet(
    book: &Book,
    styles: &Styles,
    defined: &mut DefinedNames,
) -> anyhow::Result<AssumptionsSheet> {
    let mut ws = super::formats::new_sheet();
    ws.set_name(ASSUMPTIONS_SHEET)?;
    let mut w = W {
        ws,
        book,
        styles,
        defined,
        row: 0,
        checks: Vec::new(),
        snapshot: Vec::new(),
        wave_rows: (0, 0),
        plan_rows: (0, 0),
    };
    w.ws.write_string_with_format(
        0,
        0,
        format!("Assumptions: {}", book.scenario.name),
        &styles.title,
    )?;
    w.ws.merge_range(
        1,
        0,
        1,
        c::CHECK,
        "Edit the shaded cells (blue on yellow): every formula of the workbook follows. Each input has a defined name (column B) that the formulas read. \
         Base value = the mean of what the scenario writes (MODEL.md §1); low and high = its range (5th/95th percentiles for normal and lognormal); \
         the Summary switch picks which one is in use. A wrong value makes its check cell (column L) and Summary's check cell red.",
        &styles.wrap,
    )?;
    w.ws.set_row_height(1, 32)?;
    w.row = 3;
    w.inputs()?;
    w.team_and_calendar()?;
    w.waves()?;
    w.plan()?;
    w.costs()?;
    w.holidays()?;
    w.rerun()?;
    w.derived()?;
    w.finish()?;
    Ok(AssumptionsSheet {
        sheet: w.ws,
        checks: w.checks,
        snapshot: w.snapshot,
    })
}

impl W<'_> {
    fn section(&mut self, title: &str, headers: &[(u16, &str)]) -> anyhow::Result<()> {
        self.row += 1;
        self.ws
            .write_string_with_format(self.row, 0, title, &self.styles.section)?;
        self.row += 1;
        for col in 0..=c::SOURCE {
            let text = headers
                .iter()
                .find(|(hc, _)| *hc == col)
                .map_or("", |(_, t)| *t);
            self.ws
                .write_string_with_format(self.row, col, text, &self.styles.header)?;
        }
        self.row += 1;
        Ok(())
    }

    /// A check cell in column L: its formula (without `=`).
    fn check(&mut self, row: u32, text: String) -> anyhow::Result<()> {
        self.ws.write_formula_with_format(
            row,
            c::CHECK,
            text_formula(format!("={text}"), ""),
            &self.styles.check,
        )?;
        self.checks.push(CheckCell {
            at: at(row, c::CHECK),
        });
        Ok(())
    }

    fn snap(&mut self, row: u32, col: u16, value: Snap) {
        self.snapshot.push(SnapCell { row, col, value });
    }

    fn name(&mut self, name: &str, row: u32, col: u16) {
        self.defined.define(name, at(row, col));
    }

    /// An editable number cell with its domain rule.
    fn number_input(
        &mut self,
        row: u32,
        col: u16,
        value: Option<Decimal>,
        format: &Format,
        rule: &rust_xlsxwriter::DataValidation,
    ) -> anyhow::Result<()> {
        match value {
            Some(v) => {
                self.ws.write_number_with_format(row, col, num(v), format)?;
                self.snap(row, col, Snap::Number(num(v)));
            }
            None => {
                self.ws.write_blank(row, col, format)?;
                self.snap(row, col, Snap::Blank);
            }
        }
        self.ws.add_data_validation(row, col, row, col, rule)?;
        Ok(())
    }

    /// A value's low/base/high cells, its switch and the value in use
    /// (shared by the inputs and the costs); returns its check formula.
    fn valued(&mut self, row: u32, input: &WbInput, key: &str) -> anyhow::Result<String> {
        let r1 = row + 1;
        let styles = self.styles;
        let help = match input.unit {
            Unit::Share => "A share: type 25% (or 0.25).",
            Unit::Money => "Money, in the scenario's currency.",
            _ => "",
        };
        let rule = number_rule(key, &input.domain, help)?;
        let format = styles.input_of(input.unit);
        self.number_input(row, c::BASE, Some(input.base), format, &rule)?;
        self.number_input(row, c::LOW, input.range.map(|r| r.0), format, &rule)?;
        self.number_input(row, c::HIGH, input.range.map(|r| r.1), format, &rule)?;
        self.ws
            .write_string_with_format(row, c::USE, "base", &styles.input)?;
        self.ws.add_data_validation(
            row,
            c::USE,
            row,
            c::USE,
            &list_rule(
                key,
                &["low", "base", "high"],
                "Read when the Summary switch says \"per input\".",
            )?,
        )?;
        let value_format = styles.value_of(input.unit);
        self.ws.write_formula_with_format(
            row,
            c::LOW_USED,
            formula(format!("=IF(ISBLANK(D{r1}),C{r1},D{r1})"), input.low()),
            value_format,
        )?;
        self.ws.write_formula_with_format(
            row,
            c::HIGH_USED,
            formula(format!("=IF(ISBLANK(E{r1}),C{r1},E{r1})"), input.high()),
            value_format,
        )?;
        let choices = ["low", "base", "high"].map(literal).join(",");
        self.ws.write_formula_with_format(
            row,
            c::VALUE,
            formula(
                format!(
                    "=CHOOSE(IF({mode}=4,MATCH(F{r1},{{{choices}}},0),{mode}),O{r1},C{r1},P{r1})",
                    mode = names::SWITCH_MODE
                ),
                input.base,
            ),
            value_format,
        )?;
        self.name(&input.name, row, c::VALUE);
        self.name(&format!("{}_base", input.name), row, c::BASE);
        self.name(&format!("{}_low", input.name), row, c::LOW_USED);
        self.name(&format!("{}_high", input.name), row, c::HIGH_USED);
        let d = &input.domain;
        let low_high = format!(
            "IF(AND(ISNUMBER(D{r1}),ISNUMBER(E{r1})),IF(D{r1}>E{r1},{}&D{r1}&\" and high \"&E{r1},\"\"),\"\")",
            literal(&format!("{key}: expected low ≤ high, found low "))
        );
        let use_ok = format!(
            "IF(AND({mode}=4,ISNA(MATCH(F{r1},{{{choices}}},0))),{},\"\")",
            literal(&format!("{} (F{r1}): expected low, base or high", key)),
            mode = names::SWITCH_MODE
        );
        Ok(first_of(&[
            number_check(&format!("C{r1}"), &place(key, row, c::BASE), d, false),
            number_check(&format!("D{r1}"), &place(key, row, c::LOW), d, true),
            number_check(&format!("E{r1}"), &place(key, row, c::HIGH), d, true),
            low_high,
            use_ok,
        ]))
    }

    /// One row per built-in input.
    fn inputs(&mut self) -> anyhow::Result<()> {
        self.section(
            "Inputs (MODEL.md §1)",
            &[
                (c::KEY, "input"),
                (c::NAME, "defined name"),
                (c::BASE, "base value"),
                (c::LOW, "low (empty: no range)"),
                (c::HIGH, "high"),
                (c::USE, "use (switch \"per input\")"),
                (c::VALUE, "value in use"),
                (c::UNIT, "unit"),
                (c::WRITTEN, "written in the scenario as"),
                (c::CHECK, "check"),
                (c::SOURCE, "source"),
            ],
        )?;
        let book = self.book;
        for input in &book.inputs[..BUILTIN_INPUTS] {
            let row = self.row;
            self.ws.write_string(row, c::KEY, &input.key)?;
            self.ws.write_string(row, c::NAME, &input.name)?;
            let check = self.valued(row, input, &input.key)?;
            self.check(row, check)?;
            self.unit(row, input.unit)?;
            self.ws.write_string(row, c::WRITTEN, &input.written)?;
            self.ws.write_string(row, c::SOURCE, &input.source)?;
            self.row += 1;
        }
        Ok(())
    }

    fn unit(&mut self, row: u32, unit: Unit) -> anyhow::Result<()> {
        match unit {
            Unit::Money => {
                let cur = &self.book.scenario.currency;
                self.ws.write_formula(
                    row,
                    c::UNIT,
                    text_formula(format!("={}", names::CURRENCY), cur),
                )?;
            }
            Unit::Share => {
                self.ws.write_string(row, c::UNIT, "share (%)")?;
            }
            other => {
                self.ws.write_string(row, c::UNIT, other.name())?;
            }
        }
        Ok(())
    }

    /// The team size, hours, rate, dates and switches: live, not uncertain.
    fn team_and_calendar(&mut self) -> anyhow::Result<()> {
        self.section(
            "Team, calendar and rate (live: edit them like the inputs above)",
            &[
                (c::KEY, "input"),
                (c::NAME, "defined name"),
                (c::BASE, "value"),
                (c::UNIT, "unit"),
                (c::CHECK, "check"),
                (c::SOURCE, "meaning"),
            ],
        )?;
        let s = self.book.scenario;
        let styles = self.styles;
        let numbers: [(&str, &str, Decimal, Domain, &Format, &str, &str); 3] = [
            (
                "team.engineers",
                names::TEAM_ENGINEERS,
                s.engineers,
                Domain::at_least(Decimal::ZERO),
                &styles.input,
                "engineers",
                "engineers on the team at the start; the waves below say who of them moves to Rust, and when",
            ),
            (
                "builds.hours_per_day",
                names::HOURS_PER_DAY,
                s.hours_per_day,
                Domain::between(Decimal::ONE, Decimal::from(24)),
                &styles.input,
                "hours",
                "working hours in a day",
            ),
            (
                "scenario.discount_rate",
                names::DISCOUNT_RATE,
                s.discount_rate,
                Domain::between(Decimal::ZERO, Decimal::ONE),
                &styles.input_share,
                "share (%) a year",
                "annual rate for NPV",
            ),
        ];
        for (key, name, value, domain, format, unit, meaning) in numbers {
            let row = self.row;
            self.ws.write_string(row, c::KEY, key)?;
            self.ws.write_string(row, c::NAME, name)?;
            let rule = number_rule(key, &domain, "")?;
            self.number_input(row, c::BASE, Some(value), format, &rule)?;
            self.name(name, row, c::BASE);
            self.ws.write_string(row, c::UNIT, unit)?;
            self.ws.write_string(row, c::SOURCE, meaning)?;
            let check = number_check(
                &format!("C{}", row + 1),
                &place(key, row, c::BASE),
                &domain,
                false,
            );
            self.check(row, check)?;
            self.row += 1;
        }

        // scenario.start
        let row = self.row;
        self.ws.write_string(row, c::KEY, "scenario.start")?;
        self.ws.write_string(row, c::NAME, names::START)?;
        let start = serial_of(s.start)?;
        self.ws.write_datetime_with_format(
            row,
            c::BASE,
            super::formats::date_of(s.start)?,
            &styles.input_date,
        )?;
        self.snap(row, c::BASE, Snap::Number(num(start)));
        self.ws.add_data_validation(
            row,
            c::BASE,
            row,
            c::BASE,
            &date_rule(
                "scenario.start",
                "The first projected month: every month label, window and month index follows it.",
            )?,
        )?;
        self.name(names::START, row, c::BASE);
        self.ws.write_string(row, c::UNIT, "month")?;
        self.ws.write_string(
            row,
            c::SOURCE,
            "first projected month: the month labels and every month index follow it (EDATE)",
        )?;
        let x = format!("C{}", row + 1);
        let e = literal(&format!(
            "{}: expected a month as a date (e.g. 2027-01), ",
            place("scenario.start", row, c::BASE)
        ));
        self.check(
            row,
            format!(
                "IF(ISERROR({x}),{e}&\"found an error value\",IF(ISNUMBER({x}),\"\",{e}&\"found \"&IF(ISBLANK({x}),\"nothing\",\"the text \"\"\"&{x}&\"\"\"\")))"
            ),
        )?;
        self.row += 1;

        // scenario.currency: a label, live in headers.
        let row = self.row;
        self.ws.write_string(row, c::KEY, "scenario.currency")?;
        self.ws.write_string(row, c::NAME, names::CURRENCY)?;
        self.ws
            .write_string_with_format(row, c::BASE, &s.currency, &styles.input_text)?;
        self.ws
            .add_data_validation(row, c::BASE, row, c::BASE, &currency_rule()?)?;
        self.name(names::CURRENCY, row, c::BASE);
        self.ws.write_string(row, c::UNIT, "label")?;
        self.ws.write_string(
            row,
            c::SOURCE,
            "a label in the headers only: no amount is converted",
        )?;
        self.row += 1;

        // [adoption] written?
        let row = self.row;
        self.ws.write_string(row, c::KEY, "[adoption] section")?;
        self.ws
            .write_string(row, c::NAME, names::ADOPTION_WRITTEN)?;
        let written = if s.adoption { "yes" } else { "no" };
        self.ws
            .write_string_with_format(row, c::BASE, written, &styles.input)?;
        self.snap(row, c::BASE, Snap::Text(written.to_string()));
        self.ws.add_data_validation(
            row,
            c::BASE,
            row,
            c::BASE,
            &list_rule(
                "[adoption] section",
                &["yes", "no"],
                "yes: Rust CI and, by default, the savings start with the first wave or Rust hire (m_ci).",
            )?,
        )?;
        self.name(names::ADOPTION_WRITTEN, row, c::BASE);
        self.ws.write_string(row, c::UNIT, "yes / no")?;
        self.ws.write_string(
            row,
            c::SOURCE,
            "whether the scenario has an [adoption] section (MODEL.md §2 m_ci); editing the waves below counts as writing one",
        )?;
        let x = format!("C{}", row + 1);
        self.check(
            row,
            format!(
                "IF(OR({x}=\"yes\",{x}=\"no\"),\"\",{}&{x}&\"\"\"\")",
                literal(&format!(
                    "{}: expected yes or no, found \"",
                    place("[adoption] section", row, c::BASE)
                ))
            ),
        )?;
        self.row += 1;

        // benefits.from: a month, or empty for m_ci.
        let row = self.row;
        self.ws.write_string(row, c::KEY, "benefits.from")?;
        self.ws.write_string(row, c::NAME, names::BENEFITS_FROM)?;
        match s.benefits_from {
            Some(m) => {
                let month = s.start.plus(m);
                self.ws.write_datetime_with_format(
                    row,
                    c::BASE,
                    super::formats::date_of(month)?,
                    &styles.input_date,
                )?;
                self.snap(row, c::BASE, Snap::Number(num(serial_of(month)?)));
            }
            None => {
                self.ws.write_blank(row, c::BASE, &styles.input_date)?;
                self.snap(row, c::BASE, Snap::Blank);
            }
        }
        self.ws.add_data_validation(
            row,
            c::BASE,
            row,
            c::BASE,
            &month_rule(
                "benefits.from",
                "Empty: from the first month anyone works in Rust (m_ci).",
            )?,
        )?;
        self.name(names::BENEFITS_FROM, row, c::BASE);
        self.ws.write_string(row, c::UNIT, "month")?;
        self.ws.write_string(
            row,
            c::SOURCE,
            "first month the savings apply; empty: the first month anyone works in Rust",
        )?;
        let check = month_check(
            &format!("C{}", row + 1),
            &place("benefits.from", row, c::BASE),
            "FALSE",
        );
        self.check(row, check)?;
        self.row += 1;
        Ok(())
    }

    /// A month cell of a row (wave, opening, cost): editable, validated.
    fn month_input(
        &mut self,
        row: u32,
        col: u16,
        month: Option<i64>,
        key: &str,
    ) -> anyhow::Result<()> {
        let s = self.book.scenario;
        match month {
            Some(m) => {
                let ym = s.start.plus(m);
                self.ws.write_datetime_with_format(
                    row,
                    col,
                    super::formats::date_of(ym)?,
                    &self.styles.input_date,
                )?;
                self.snap(row, col, Snap::Number(num(serial_of(ym)?)));
            }
            None => {
                self.ws.write_blank(row, col, &self.styles.input_date)?;
                self.snap(row, col, Snap::Blank);
            }
        }
        self.ws
            .add_data_validation(row, col, row, col, &month_rule(key, "")?)?;
        Ok(())
    }

    /// The month index of a month cell: −1 when empty.
    fn index_formula(month_cell: &str) -> String {
        format!(
            "=IF(ISBLANK({month_cell}),-1,(YEAR({month_cell})-YEAR({start}))*12+MONTH({month_cell})-MONTH({start}))",
            start = names::START
        )
    }

    /// A wave's or an opening's month index (column E), its candidate for
    /// the first month with a count, and its check.
    fn dated_count(
        &mut self,
        row: u32,
        key: &str,
        count_key: &str,
        written: Option<(i64, Decimal)>,
    ) -> anyhow::Result<()> {
        let r1 = row + 1;
        let index = written.map_or(-1, |w| w.0);
        self.ws.write_formula_with_format(
            row,
            c::HIGH,
            formula(Self::index_formula(&format!("C{r1}")), Decimal::from(index)),
            &self.styles.number,
        )?;
        let candidate = match written {
            Some((m, count)) if count > Decimal::ZERO => m,
            _ => NEVER,
        };
        self.ws.write_formula(
            row,
            c::CANDIDATE,
            formula(
                format!("=IF(AND(ISNUMBER(D{r1}),D{r1}>0),E{r1},{NEVER})"),
                Decimal::from(candidate),
            ),
        )?;
        let needed = format!("AND(ISNUMBER(D{r1}),D{r1}>0)");
        let text = first_of(&[
            month_check(
                &format!("C{r1}"),
                &place(&format!("{key}.month"), row, c::BASE),
                &needed,
            ),
            number_check(
                &format!("D{r1}"),
                &place(&format!("{key}.{count_key}"), row, c::LOW),
                &Domain::at_least(Decimal::ZERO),
                false,
            ),
        ]);
        self.check(row, text)
    }

    /// The waves, then spare rows.
    fn waves(&mut self) -> anyhow::Result<()> {
        let s = self.book.scenario;
        self.section(
            if s.adoption {
                "Adoption waves ([adoption] waves): engineers of the team who switch to Rust on the first day of the month"
            } else {
                "Adoption waves: the scenario has no [adoption] section, so everyone switches at the start (wave 1 follows scenario.start and team.engineers)"
            },
            &[
                (c::KEY, "wave"),
                (c::BASE, "month"),
                (c::LOW, "engineers"),
                (c::HIGH, "month index (0 = start)"),
                (c::CHECK, "check"),
                (c::SOURCE, "note"),
            ],
        )?;
        let waves = self.book.structure.waves.clone();
        let n = waves.len() + SPARE_ROWS;
        let first = self.row;
        let styles = self.styles;
        for k in 0..n {
            let row = self.row;
            let key = format!("adoption.waves[{}]", k + 1);
            self.ws
                .write_string(row, c::KEY, format!("wave {}", k + 1))?;
            let wave = waves.get(k).copied();
            if !s.adoption && k == 0 {
                // The default wave: everyone, at the start; formulas so that
                // editing team.engineers or scenario.start moves it.
                self.ws.write_formula_with_format(
                    row,
                    c::BASE,
                    formula(format!("={}", names::START), serial_of(s.start)?),
                    &styles.input_date,
                )?;
                self.snap(row, c::BASE, Snap::Number(num(serial_of(s.start)?)));
                self.ws
                    .add_data_validation(row, c::BASE, row, c::BASE, &month_rule(&key, "")?)?;
                self.ws.write_formula_with_format(
                    row,
                    c::LOW,
                    formula(format!("={}", names::TEAM_ENGINEERS), s.engineers),
                    &styles.input,
                )?;
                self.snap(row, c::LOW, Snap::Number(num(s.engineers)));
                self.ws.write_string(
                    row,
                    c::SOURCE,
                    "without [adoption]: all of team.engineers at scenario.start",
                )?;
            } else {
                self.month_input(row, c::BASE, wave.map(|w| w.0), &key)?;
                let rule = number_rule(
                    &key,
                    &Domain::at_least(Decimal::ZERO),
                    "Engineers of the current team who switch in this month.",
                )?;
                self.number_input(
                    row,
                    c::LOW,
                    Some(wave.map_or(Decimal::ZERO, |w| w.1)),
                    &styles.input,
                    &rule,
                )?;
                if wave.is_none() {
                    self.ws
                        .write_string(row, c::SOURCE, "spare row: type a month and a count")?;
                }
            }
            self.ws.add_data_validation(
                row,
                c::LOW,
                row,
                c::LOW,
                &number_rule(
                    &key,
                    &Domain::at_least(Decimal::ZERO),
                    "Engineers of the current team who switch in this month.",
                )?,
            )?;
            self.dated_count(row, &key, "engineers", wave)?;
            self.row += 1;
        }
        let last = self.row - 1;
        self.wave_rows = (first, last);
        self.defined
            .define(names::WAVE_INDEX, span(c::HIGH, first, last));
        self.defined
            .define(names::WAVE_ENGINEERS, span(c::LOW, first, last));
        // The waves together hold at most team.engineers.
        let row = self.row;
        self.ws
            .write_string_with_format(row, c::KEY, "waves together", &styles.note)?;
        self.ws.write_formula_with_format(
            row,
            c::LOW,
            formula(
                format!("=SUM(D{}:D{})", first + 1, last + 1),
                waves.iter().map(|w| w.1).sum(),
            ),
            &styles.number,
        )?;
        let text = format!(
            "IF(SUM(D{a}:D{b})>{e},\"adoption.waves: the waves hold \"&SUM(D{a}:D{b})&\" engineers, more than team.engineers (\"&{e}&\")\",\"\")",
            a = first + 1,
            b = last + 1,
            e = names::TEAM_ENGINEERS
        );
        self.check(row, text)?;
        self.row += 1;
        Ok(())
    }

    /// The openings of the plan, then spare rows.
    fn plan(&mut self) -> anyhow::Result<()> {
        self.section(
            "Hiring plan (hiring.plan): Rust roles opening on the first day of the month",
            &[
                (c::KEY, "opening"),
                (c::BASE, "opens in"),
                (c::LOW, "count"),
                (c::HIGH, "month index (0 = start)"),
                (c::USE, "baseline hire (month index + δb)"),
                (c::VALUE, "Rust hire (month index + δr)"),
                (c::CHECK, "check"),
                (c::SOURCE, "note"),
            ],
        )?;
        let book = self.book;
        let s = book.scenario;
        let styles = self.styles;
        let first = self.row;
        let n = s.plan.len() + SPARE_ROWS;
        for k in 0..n {
            let row = self.row;
            let r1 = row + 1;
            let key = format!("hiring.plan[{}]", k + 1);
            let opening = s.plan.get(k);
            self.ws
                .write_string(row, c::KEY, format!("opening {}", k + 1))?;
            self.month_input(row, c::BASE, opening.map(|o| o.month), &key)?;
            let rule = number_rule(
                &key,
                &Domain::at_least(Decimal::ZERO),
                "Rust roles opening in this month.",
            )?;
            self.number_input(
                row,
                c::LOW,
                Some(opening.map_or(Decimal::ZERO, |o| o.count)),
                &styles.input,
                &rule,
            )?;
            if opening.is_none() {
                self.ws
                    .write_string(row, c::SOURCE, "spare row: type a month and a count")?;
            }
            let v = &book.main_values;
            let hire = |delay: &str, d: Decimal| -> Formula {
                match opening {
                    Some(o) => formula(
                        format!("=IF(ISBLANK(C{r1}),\"\",E{r1}+{delay})"),
                        Decimal::from(o.month) + d,
                    ),
                    None => text_formula(format!("=IF(ISBLANK(C{r1}),\"\",E{r1}+{delay})"), ""),
                }
            };
            self.ws.write_formula_with_format(
                row,
                c::USE,
                hire(names::BASELINE_DELAY, v.baseline_delay),
                &styles.helper,
            )?;
            self.ws.write_formula_with_format(
                row,
                c::VALUE,
                hire(names::RUST_DELAY, v.rust_delay),
                &styles.helper,
            )?;
            self.dated_count(row, &key, "count", opening.map(|o| (o.month, o.count)))?;
            self.row += 1;
        }
        let last = self.row - 1;
        self.defined
            .define(names::PLAN_INDEX, span(c::HIGH, first, last));
        self.defined
            .define(names::PLAN_COUNT, span(c::LOW, first, last));
        self.plan_rows = (first, last);
        Ok(())
    }

    /// The costs: amounts (like the inputs) and when they apply.
    fn costs(&mut self) -> anyhow::Result<()> {
        self.section(
            "Costs ([[costs]]): one-off costs have the same first and last month",
            &[
                (c::KEY, "cost"),
                (c::NAME, "defined name"),
                (c::BASE, "base amount"),
                (c::LOW, "low"),
                (c::HIGH, "high"),
                (c::USE, "use (switch \"per input\")"),
                (c::VALUE, "amount in use"),
                (c::UNIT, "unit"),
                (c::FIRST, "first month"),
                (c::LAST, "last month (empty: to the end)"),
                (c::PER_ENGINEER, "per engineer in Rust"),
                (c::CHECK, "check"),
                (c::SOURCE, "written in the scenario as"),
            ],
        )?;
        let book = self.book;
        let s = book.scenario;
        let styles = self.styles;
        let first = self.row;
        let n = book.n_costs();
        for k in 0..n {
            let row = self.row;
            let r1 = row + 1;
            let input = &book.inputs[BUILTIN_INPUTS + k];
            let cost = s.costs.get(k);
            match cost {
                Some(cost) => {
                    self.ws.write_string(row, c::KEY, &cost.name)?;
                }
                None => {
                    self.ws.write_string_with_format(
                        row,
                        c::KEY,
                        format!("(spare {})", k + 1 - s.costs.len()),
                        &styles.input_text,
                    )?;
                }
            }
            self.ws.write_string(row, c::NAME, &input.name)?;
            let key = match cost {
                Some(cost) => format!("costs.{}", cost.name),
                None => input.key.clone(),
            };
            let amount_check = self.valued(row, input, &key)?;
            self.unit(row, Unit::Money)?;
            self.month_input(row, c::FIRST, cost.map(|c| c.first), &format!("{key}.from"))?;
            // A cost without `to` runs to the end: its last month is empty.
            let last = cost.and_then(|c| (c.last < i64::MAX / 4).then_some(c.last));
            self.month_input(row, c::LAST, last, &format!("{key}.to"))?;
            let pe = if cost.is_some_and(|c| c.per_engineer) {
                "yes"
            } else {
                "no"
            };
            self.ws
                .write_string_with_format(row, c::PER_ENGINEER, pe, &styles.input)?;
            self.snap(row, c::PER_ENGINEER, Snap::Text(pe.to_string()));
            self.ws.add_data_validation(
                row,
                c::PER_ENGINEER,
                row,
                c::PER_ENGINEER,
                &list_rule(
                    &format!("{key}.per_engineer"),
                    &["yes", "no"],
                    "yes: the amount is multiplied by the engineers working in Rust that month.",
                )?,
            )?;
            self.ws.write_string(row, c::SOURCE, &input.written)?;
            let last_used = match last {
                Some(l) => serial_of(s.start.plus(l))?,
                None => Decimal::from(END_OF_CALENDAR),
            };
            // DATE(9999,12,1) = 2958101: "to the end".
            self.ws.write_formula_with_format(
                row,
                c::LAST_USED,
                formula(
                    format!("=IF(ISBLANK(J{r1}),DATE(9999,12,1),J{r1})"),
                    last_used,
                ),
                &styles.date,
            )?;
            self.ws.write_formula(
                row,
                c::PE_NUM,
                formula(
                    format!("=IF(K{r1}=\"yes\",1,0)"),
                    Decimal::from(i64::from(pe == "yes")),
                ),
            )?;
            self.name(&format!("{}_first", input.name), row, c::FIRST);
            self.name(&format!("{}_last", input.name), row, c::LAST_USED);
            self.name(&format!("{}_per_engineer", input.name), row, c::PE_NUM);
            let needed = format!("AND(ISNUMBER(G{r1}),G{r1}<>0)");
            let text = first_of(&[
                amount_check,
                month_check(
                    &format!("I{r1}"),
                    &place(&format!("{key}.from"), row, c::FIRST),
                    &needed,
                ),
                month_check(
                    &format!("J{r1}"),
                    &place(&format!("{key}.to"), row, c::LAST),
                    "FALSE",
                ),
                format!(
                    "IF(AND(ISNUMBER(I{r1}),ISNUMBER(J{r1})),IF(J{r1}<I{r1},{},\"\"),\"\")",
                    literal(&format!(
                        "{}: expected a last month not before the first month",
                        place(&format!("{key}.to"), row, c::LAST)
                    ))
                ),
                format!(
                    "IF(OR(K{r1}=\"yes\",K{r1}=\"no\"),\"\",{})",
                    literal(&format!(
                        "{}: expected yes or no",
                        place(&format!("{key}.per_engineer"), row, c::PER_ENGINEER)
                    ))
                ),
            ]);
            self.check(row, text)?;
            self.row += 1;
        }
        let last = self.row - 1;
        let spare = last + 1 - SPARE_ROWS as u32;
        let d = &mut self.defined;
        d.define(names::COST_BASE_ALL, span(c::BASE, first, last));
        d.define(names::COST_FROM_ALL, span(c::FIRST, first, last));
        d.define(names::COST_TO_ALL, span(c::LAST_USED, first, last));
        d.define(names::COST_PE_ALL, span(c::PE_NUM, first, last));
        d.define(names::SPARE_AMOUNTS, span(c::VALUE, spare, last));
        d.define(names::SPARE_FROM, span(c::FIRST, spare, last));
        d.define(names::SPARE_TO, span(c::LAST_USED, spare, last));
        d.define(names::SPARE_PE, span(c::PE_NUM, spare, last));
        Ok(())
    }

    /// The holidays, six to a row, then spare cells.
    fn holidays(&mut self) -> anyhow::Result<()> {
        self.section(
            "Holidays (builds.holidays): dates that are not working days (weekends and dates outside the horizon change nothing)",
            &[(c::KEY, "row"), (c::BASE, "dates"), (c::CHECK, "check")],
        )?;
        let days = self.book.scenario.holidays.clone();
        let styles = self.styles;
        let per_row = 6usize;
        let n = days.len() + SPARE_ROWS;
        let rows = n.div_ceil(per_row);
        let first = self.row;
        let rule = date_rule("builds.holidays", "A day that is not a working day.")?;
        for r in 0..rows {
            let row = self.row;
            self.ws
                .write_string(row, c::KEY, format!("holidays {}", r + 1))?;
            for k in 0..per_row {
                let col = c::BASE + k as u16;
                match days.get(r * per_row + k) {
                    Some(d) => {
                        let date = day_of(*d)?;
                        self.snap(row, col, Snap::Number(date.to_excel()));
                        self.ws
                            .write_datetime_with_format(row, col, date, &styles.input_day)?;
                    }
                    None => {
                        self.ws.write_blank(row, col, &styles.input_day)?;
                        self.snap(row, col, Snap::Blank);
                    }
                }
            }
            self.ws
                .add_data_validation(row, c::BASE, row, c::BASE + per_row as u16 - 1, &rule)?;
            let r1 = row + 1;
            let cells = format!("C{r1}:H{r1}");
            let what = format!("builds.holidays ({ASSUMPTIONS_SHEET}!{cells})");
            self.check(
                row,
                format!(
                    "IF(ISERROR(SUMPRODUCT(LEN({cells}))),{e}&\"found an error value\",IF(SUMPRODUCT((LEN({cells})>0)*(ISNUMBER({cells})=FALSE))>0,{e}&\"found text\",\"\"))",
                    e = literal(&format!("{what}: expected dates (e.g. 2027-12-24), "))
                ),
            )?;
            self.row += 1;
        }
        let last = self.row - 1;
        self.defined.define(
            names::HOLIDAYS,
            format!(
                "{ASSUMPTIONS_SHEET}!{}:{}",
                abs_cell(first, c::BASE),
                abs_cell(last, c::BASE + per_row as u16 - 1)
            ),
        );
        Ok(())
    }

    /// What cannot follow an edit: grey and locked.
    fn rerun(&mut self) -> anyhow::Result<()> {
        self.section(
            "Needs a rerun of adoptcost (grey, locked: not live in this workbook)",
            &[
                (c::KEY, "input"),
                (c::BASE, "as exported"),
                (c::SOURCE, "why it needs a rerun"),
            ],
        )?;
        let book = self.book;
        let s = book.scenario;
        let sampled = match book.sampled {
            Some(x) => format!("{} samples, seed {}", x.samples, x.seed),
            None => "not sampled (--samples 0)".to_string(),
        };
        let rows: [(&str, String, &str); 7] = [
            (
                "scenario.months",
                s.months.to_string(),
                "the Monthly and Helper sheets have one row per month: another horizon needs other rows",
            ),
            ("scenario.name", s.name.clone(), "the titles"),
            (
                "builds.size",
                s.build_size.clone(),
                "the preset only sets the build minutes above: edit those cells instead",
            ),
            (
                "distributions",
                "column I of the inputs and costs".to_string(),
                "mean, P10, P50, P90 and the Bands sheet were sampled from these shapes (and any [[correlation]]); low and high above drive the switch and the sensitivity table, not the samples",
            ),
            (
                "sampled figures",
                sampled,
                "after an edit they turn grey (stale): rerun adoptcost with the edited scenario for new ones",
            ),
            (
                "more rows",
                format!("{SPARE_ROWS} spare rows each"),
                "more waves, openings, costs or holidays than the spare rows: add them to the scenario file and rerun",
            ),
            (
                "new cost columns",
                "one column".to_string(),
                "the spare cost rows are summed in one Monthly column, \"added costs (spare rows)\"; a cost of its own column needs a rerun",
            ),
        ];
        let styles = self.styles;
        for (key, value, why) in rows {
            let row = self.row;
            self.ws
                .write_string_with_format(row, c::KEY, key, &styles.rerun)?;
            self.ws
                .write_string_with_format(row, c::NAME, "", &styles.rerun)?;
            self.ws
                .merge_range(row, c::BASE, row, c::UNIT, &value, &styles.rerun)?;
            self.ws
                .merge_range(row, c::WRITTEN, row, c::SOURCE, why, &styles.rerun_text)?;
            self.ws.set_row_height(row, 30)?;
            self.row += 1;
        }
        Ok(())
    }

    /// The derived quantities (MODEL.md §2), as named formulas.
    fn derived(&mut self) -> anyhow::Result<()> {
        use crate::model::num::Q;
        use crate::scenario::Input;
        self.section(
            "Derived (formulas over the cells above; MODEL.md §2)",
            &[
                (c::KEY, "meaning"),
                (c::NAME, "defined name"),
                (c::BASE, "value"),
            ],
        )?;
        let book = self.book;
        let s = book.scenario;
        let v = &book.main_values;
        let x = |i: Input| Q::of(s.input(i).base);
        let loaded = crate::model::loaded_monthly(x(Input::Salary), x(Input::Overhead));
        let wait = (x(Input::IncrementalPerDay)
            * (x(Input::IncrementalMinutes) - x(Input::BaselineIncrementalMinutes))
            + x(Input::CleanPerDay) * (x(Input::CleanMinutes) - x(Input::BaselineCleanMinutes)))
            * x(Input::LostShare)
            / (Q::int(60) * Q::of(s.hours_per_day));
        let get = |q: Q<Decimal>, what: &str| super::formats::get(q, what);
        let (w0, w1) = self.wave_rows;
        let (p0, p1) = self.plan_rows;
        let wave_one_differs = format!(
            "OR(C{a}<>{start},D{a}<>{e},SUM(D{b}:D{c})<>0)",
            a = w0 + 1,
            b = w0 + 2,
            c = w1 + 1,
            start = names::START,
            e = names::TEAM_ENGINEERS
        );
        let st = &book.structure;
        let nobody = st.first_wave >= NEVER && st.first_opening >= NEVER;
        let from_index = s.benefits_from.unwrap_or(-1);
        let first_rust = if v.first_rust_month >= NEVER {
            "none".to_string()
        } else {
            s.start.plus(v.first_rust_month).to_string()
        };
        let rows: Vec<(&str, &str, String, Decimal, &Format)> = vec![
            (
                "D: days per month",
                names::DAYS,
                "=365.25/12".into(),
                DAYS_PER_MONTH,
                &self.styles.helper,
            ),
            (
                "L: loaded monthly cost of one engineer",
                names::LOADED,
                "=salary*(1+overhead)/12".into(),
                get(loaded, "L")?,
                &self.styles.money,
            ),
            (
                "V: value of one engineer-month",
                names::VALUE,
                format!("={}*value_multiplier", names::LOADED),
                get(loaded * x(Input::ValueMultiplier), "V")?,
                &self.styles.money,
            ),
            (
                "share of a month lost waiting for builds",
                names::WAIT_SHARE,
                format!(
                    "=(incremental_per_day*(incremental_minutes-baseline_incremental_minutes)+clean_per_day*(clean_minutes-baseline_clean_minutes))*lost_share/(60*{})",
                    names::HOURS_PER_DAY
                ),
                get(wait, "the build wait")?,
                &self.styles.helper,
            ),
            (
                "q: monthly leaving share, attrition/12 to 20 decimals",
                names::ATTRITION_Q,
                "=ROUND(attrition/12,20)".into(),
                v.q,
                &self.styles.helper,
            ),
            (
                "δr: Rust hiring delay in months (days · multiplier / D)",
                names::RUST_DELAY,
                format!("=ROUND(days_to_hire*multiplier/{},12)", names::DAYS),
                v.rust_delay,
                &self.styles.helper,
            ),
            (
                "δb: baseline hiring delay in months",
                names::BASELINE_DELAY,
                format!("=ROUND(days_to_hire/{},12)", names::DAYS),
                v.baseline_delay,
                &self.styles.helper,
            ),
            (
                "⌊δr⌋",
                names::RUST_DELAY_MONTHS,
                format!("=INT({})", names::RUST_DELAY),
                Decimal::from(v.rust_delay_months),
                &self.styles.number,
            ),
            (
                "⌊δb⌋",
                names::BASELINE_DELAY_MONTHS,
                format!("=INT({})", names::BASELINE_DELAY),
                Decimal::from(v.baseline_delay_months),
                &self.styles.number,
            ),
            (
                "first wave month with engineers (1E9: none)",
                names::FIRST_WAVE,
                format!("=MIN(S{}:S{})", w0 + 1, w1 + 1),
                Decimal::from(st.first_wave),
                &self.styles.number,
            ),
            (
                "first opening month with a count (1E9: none)",
                names::FIRST_OPENING,
                format!("=MIN(S{}:S{})", p0 + 1, p1 + 1),
                Decimal::from(st.first_opening),
                &self.styles.number,
            ),
            (
                "nobody works in Rust (TRUE/FALSE)",
                names::NOBODY_IN_RUST,
                format!(
                    "=AND({}>={NEVER},{}>={NEVER})",
                    names::FIRST_WAVE,
                    names::FIRST_OPENING
                ),
                Decimal::from(i64::from(nobody)),
                &self.styles.number,
            ),
            (
                "m_ci: first month with Rust CI (1E9: never)",
                names::FIRST_RUST_MONTH,
                format!(
                    "=IF({},MIN({},{}+{}),0)",
                    names::ADOPTION_USED,
                    names::FIRST_WAVE,
                    names::FIRST_OPENING,
                    names::RUST_DELAY_MONTHS
                ),
                Decimal::from(v.first_rust_month),
                &self.styles.number,
            ),
            (
                "benefits.from as a month index (−1: empty)",
                names::BENEFITS_FROM_INDEX,
                Self::index_formula(names::BENEFITS_FROM),
                Decimal::from(from_index),
                &self.styles.number,
            ),
            (
                "f: month index the savings start from",
                names::SAVINGS_FROM,
                format!(
                    "=IF(ISBLANK({}),IF({},0,{}),{})",
                    names::BENEFITS_FROM,
                    names::NOBODY_IN_RUST,
                    names::FIRST_RUST_MONTH,
                    names::BENEFITS_FROM_INDEX
                ),
                Decimal::from(v.savings_from),
                &self.styles.number,
            ),
        ];
        for (meaning, name, text, value, format) in rows {
            let row = self.row;
            self.ws.write_string(row, c::KEY, meaning)?;
            self.ws.write_string(row, c::NAME, name)?;
            let f = if name == names::NOBODY_IN_RUST {
                Formula::new(text).set_result(if nobody { "TRUE" } else { "FALSE" })
            } else {
                formula(text, value)
            };
            self.ws.write_formula_with_format(row, c::BASE, f, format)?;
            self.name(name, row, c::BASE);
            self.row += 1;
        }
        // Whether m_ci applies: an [adoption] section, or waves edited away
        // from the default (everyone at the start).
        let row = self.row;
        self.ws.write_string(
            row,
            c::KEY,
            "an [adoption] section applies (waves written or edited)",
        )?;
        self.ws.write_string(row, c::NAME, names::ADOPTION_USED)?;
        let text = format!(
            "=OR({}=\"yes\",{wave_one_differs})",
            names::ADOPTION_WRITTEN
        );
        self.ws.write_formula(
            row,
            c::BASE,
            Formula::new(text).set_result(if s.adoption { "TRUE" } else { "FALSE" }),
        )?;
        self.name(names::ADOPTION_USED, row, c::BASE);
        self.row += 1;
        let row = self.row;
        self.ws
            .write_string(row, c::KEY, "first month anyone works in Rust")?;
        self.ws.write_formula_with_format(
            row,
            c::BASE,
            text_formula(
                format!(
                    "=IF({f}>={NEVER},\"none\",EDATE({},{f}))",
                    names::START,
                    f = names::FIRST_RUST_MONTH
                ),
                &first_rust,
            ),
            &self.styles.date,
        )?;
        self.row += 1;
        Ok(())
    }

    /// Column widths, hidden columns, print setup, protection, red checks.
    fn finish(&mut self) -> anyhow::Result<()> {
        let widths: [(u16, f64); 13] = [
            (c::KEY, 30.0),
            (c::NAME, 24.0),
            (c::BASE, 12.0),
            (c::LOW, 11.0),
            (c::HIGH, 11.0),
            (c::USE, 9.0),
            (c::VALUE, 12.0),
            (c::UNIT, 11.0),
            (c::WRITTEN, 12.0),
            (c::LAST, 12.0),
            (c::PER_ENGINEER, 10.0),
            (c::CHECK, 30.0),
            (c::SOURCE, 70.0),
        ];
        for (col, w) in widths {
            self.ws.set_column_width(col, w)?;
        }
        for col in c::LOW_USED..=c::CANDIDATE {
            self.ws.set_column_hidden(col)?;
        }
        let last = self.row;
        // Red where a check cell has something to say (not on the headers).
        for check in &self.checks {
            let (_, reference) = check.at.split_once('!').unwrap_or(("", &check.at));
            let row = reference
                .trim_start_matches(|ch: char| ch == '$' || ch.is_ascii_alphabetic())
                .parse::<u32>()
                .unwrap_or(1);
            let red = ConditionalFormatFormula::new()
                .set_rule(format!("=LEN($L${row})>0").as_str())
                .set_format(&self.styles.bad);
            self.ws
                .add_conditional_format(row - 1, c::CHECK, row - 1, c::CHECK, &red)?;
        }
        self.ws.set_freeze_panes(0, 1)?;
        super::formats::print_setup(&mut self.ws, last, c::SOURCE, 2, None)?;
        let options = ProtectionOptions {
            select_locked_cells: true,
            select_unlocked_cells: true,
            format_columns: true,
            format_rows: true,
            edit_objects: true,
            ..ProtectionOptions::default()
        };
        self.ws.protect_with_options(&options);
        let _ = SWITCH_CHOICES;
        Ok(())
    }
}
