//! `model.xlsx` (`run --xlsx`): the base case as a workbook whose formulas stay
//! live. Every monthly cell is a spreadsheet formula over the Assumptions sheet
//! (one editable cell and one defined name per input) and the Helper sheet (per
//! hiring cohort presence and ramp terms), rounded as MODEL.md §4 says:
//! `ROUND(ROUND(x,12),2)` for money, 3 decimals for engineer-months, totals as
//! sums of rounded cells. Each formula also carries the tool's exact `Decimal`
//! result, so a viewer that does not recalculate shows the same numbers as
//! `monthly.csv`; a spreadsheet that does recalculates to them (to the cent),
//! and follows any edit of an assumption.
//!
//! Sampled figures (percentiles, sensitivity) cannot be formulas: the Summary
//! sheet writes them as values and says so.

use anyhow::Context;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
    utility::{column_number_to_name, row_col_to_cell},
};

use crate::assumptions::{ASSUMPTIONS, Assumption};
use crate::export::csv::Stats;
use crate::model::base::{BaseCase, Kind};
use crate::model::num::Q;
use crate::model::{self, CAPACITY, DAYS_PER_MONTH, Month};
use crate::sample::Sampled;
use crate::sample::sensitivity::SensitivityRow;
use crate::scenario::spec::{self, INPUTS};
use crate::scenario::{BUILTIN_INPUTS, Input, Scenario, Uncertain, Unit, YearMonth};

pub const SUMMARY: &str = "Summary";
pub const MONTHLY: &str = "Monthly";
pub const ASSUMPTIONS_SHEET: &str = "Assumptions";
pub const HELPER: &str = "Helper";

/// First data row (0-based) of the Monthly and Helper sheets: their rows line up,
/// so Monthly row r reads Helper row r.
const FIRST_ROW: u32 = 4;
/// Rows (0-based) of the Helper sheet's cohort header: each cohort's weight (count
/// or learners) and the time it joins, above its columns.
const WEIGHT_ROW: u32 = 1;
const JOINS_ROW: u32 = 2;
/// Row (0-based) of the column headers on the Monthly and Helper sheets.
const HEADER_ROW: u32 = 3;

/// The defined name of each built-in input: its key, qualified where two
/// sections share a key or the key alone would read as a spreadsheet function.
fn builtin_name(input: Input) -> &'static str {
    match input {
        Input::Salary => "salary",
        Input::Overhead => "overhead",
        Input::TeamKnowRust => "team_know_rust",
        Input::RetentionRaise => "retention_raise",
        Input::ValueMultiplier => "value_multiplier",
        Input::DaysToHire => "days_to_hire",
        Input::Multiplier => "multiplier",
        Input::Premium => "premium",
        Input::Fee => "fee",
        Input::HireKnowRust => "hiring_know_rust",
        Input::RampMonths => "ramp_months",
        Input::StartProductivity => "start_productivity",
        Input::SteadyProductivity => "steady_productivity",
        Input::Mentoring => "mentoring",
        Input::CleanMinutes => "clean_minutes",
        Input::IncrementalMinutes => "incremental_minutes",
        Input::BaselineCleanMinutes => "baseline_clean_minutes",
        Input::BaselineIncrementalMinutes => "baseline_incremental_minutes",
        Input::IncrementalPerDay => "incremental_per_day",
        Input::CleanPerDay => "clean_per_day",
        Input::LostShare => "lost_share",
        Input::CiBuildsPerDay => "ci_builds_per_day",
        Input::CiCostPerMinute => "ci_cost_per_minute",
        Input::InfraPerMonth => "infra_per_month",
        Input::IncidentsPerMonth => "incidents_per_month",
        Input::IncidentCost => "incident_cost",
        Input::IncidentReduction => "incident_reduction",
    }
}

/// Defined names of the cost amounts: `cost_` and the name with every character
/// other than ASCII letters, digits and `_` replaced by `_`; a numeric suffix keeps
/// them distinct (spreadsheet names ignore case).
pub fn cost_names(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let base: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let base = format!("cost_{base}");
        let mut candidate = base.clone();
        let mut n = 2;
        while out.iter().any(|o| o.eq_ignore_ascii_case(&candidate)) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// The defined name of every input, in `Scenario::inputs` order.
pub fn input_names(scenario: &Scenario) -> Vec<String> {
    let costs: Vec<String> = scenario.costs.iter().map(|c| c.name.clone()).collect();
    INPUTS
        .iter()
        .map(|s| builtin_name(s.input).to_string())
        .chain(cost_names(&costs))
        .collect()
}

// Names of the other cells formulas read.
const TEAM_ENGINEERS: &str = "team_engineers";
const HOURS_PER_DAY: &str = "hours_per_day";
const DISCOUNT_RATE: &str = "discount_rate";
const START_MONTH: &str = "start_month";
const DAYS: &str = "days_per_month";
const LOADED: &str = "loaded_monthly";
const VALUE: &str = "engineer_month_value";
const WAIT_SHARE: &str = "build_wait_share";
const TEAM_LEARNERS: &str = "team_learners";

/// `ROUND(ROUND(x,12),d)`: a cell rounded as MODEL.md §4 says.
fn rounded(x: &str, kind: Kind) -> String {
    format!("ROUND(ROUND({x},12),{})", kind.decimals())
}

fn cell(row: u32, col: u16) -> String {
    row_col_to_cell(row, col)
}

fn col_name(col: u16) -> String {
    column_number_to_name(col)
}

/// `$C$7`
fn abs_cell(row: u32, col: u16) -> String {
    format!("${}${}", col_name(col), row + 1)
}

/// `Sheet!$C$5:$C$28`
fn column_range(sheet: &str, col: u16, first: u32, last: u32) -> String {
    let c = col_name(col);
    format!("{sheet}!${c}${}:${c}${}", first + 1, last + 1)
}

/// The text of a decimal for a formula's stored result.
fn result(d: Decimal) -> String {
    d.normalize().to_string()
}

fn date_of(month: YearMonth) -> anyhow::Result<ExcelDateTime> {
    let year = u16::try_from(month.year()).context("a month outside the spreadsheet calendar")?;
    let m = u8::try_from(month.month()).context("a month outside the spreadsheet calendar")?;
    Ok(ExcelDateTime::from_ymd(year, m, 1)?)
}

fn date_formula(month: YearMonth) -> String {
    format!("DATE({},{},1)", month.year(), month.month())
}

/// Decimal arithmetic that reports overflow instead of panicking (the figures
/// were already computed once by the model, so this never fires in practice).
fn get(q: Q<Decimal>, what: &str) -> anyhow::Result<Decimal> {
    q.get()
        .with_context(|| format!("the figures overflow while writing {what} to model.xlsx"))
}

struct Styles {
    title: Format,
    note: Format,
    header: Format,
    section: Format,
    number: Format,
    money: Format,
    em: Format,
    date: Format,
    input: Format,
    input_money: Format,
    input_date: Format,
}

impl Styles {
    fn new(currency: &str) -> Styles {
        // The currency is three capital letters (validated), safe inside quotes.
        let money_format = format!("#,##0.00\" {currency}\"");
        let input = Format::new()
            .set_font_color(Color::RGB(0x0000_00C0))
            .set_background_color(Color::RGB(0x00FF_F2CC))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x00BF_BFBF))
            .set_unlocked();
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x0059_5959)),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x00E7_E6E6))
                .set_border_bottom(FormatBorder::Thin),
            section: Format::new().set_bold(),
            number: Format::new().set_num_format("General"),
            money: Format::new().set_num_format(&money_format),
            em: Format::new().set_num_format("#,##0.000"),
            date: Format::new().set_num_format("yyyy-mm"),
            input_money: input
                .clone()
                .set_num_format(format!("#,##0.00##\" {currency}\"")),
            input_date: input.clone().set_num_format("yyyy-mm"),
            input,
        }
    }

    fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Money => &self.money,
            Kind::EngineerMonths => &self.em,
        }
    }
}

/// The columns of the Monthly sheet, as in `monthly.csv`.
struct MonthlyCols {
    n_cash: usize,
}

impl MonthlyCols {
    const MONTH: u16 = 0;
    const ENGINEERS: u16 = 1;
    const ENGINEERS_BASELINE: u16 = 2;
    fn cash(&self, i: usize) -> u16 {
        3 + i as u16
    }
    fn cash_total(&self) -> u16 {
        3 + self.n_cash as u16
    }
    fn capacity(&self, i: usize) -> u16 {
        self.cash_total() + 1 + i as u16
    }
    fn capacity_cost(&self) -> u16 {
        self.capacity(CAPACITY.len())
    }
    fn total(&self) -> u16 {
        self.capacity_cost() + 1
    }
    fn cumulative(&self) -> u16 {
        self.total() + 1
    }
    fn em(&self, i: usize) -> u16 {
        self.cumulative() + 1 + i as u16
    }
    fn capacity_em(&self) -> u16 {
        self.em(CAPACITY.len())
    }
    /// The Monthly column of a summary metric (none for NPV).
    fn of_metric(&self, i: usize) -> Option<u16> {
        let n = self.n_cash;
        let c = CAPACITY.len();
        if i < n {
            Some(self.cash(i))
        } else if i < n + c {
            Some(self.capacity(i - n))
        } else if i == n + c {
            Some(self.cash_total())
        } else if i == n + c + 1 {
            Some(self.capacity_cost())
        } else if i == n + c + 2 {
            Some(self.total())
        } else if i < n + c + 3 + c {
            Some(self.em(i - n - c - 3))
        } else if i == n + 2 * c + 3 {
            Some(self.capacity_em())
        } else {
            None
        }
    }
}

/// The aggregate columns of the Helper sheet; per-cohort blocks follow them.
mod helper_col {
    pub const MONTH: u16 = 0;
    pub const INDEX: u16 = 1;
    pub const WORKING_DAYS: u16 = 2;
    pub const RUST_PRESENT: u16 = 3;
    pub const BASE_PRESENT: u16 = 4;
    pub const PR: u16 = 5;
    pub const PB: u16 = 6;
    pub const RUST_STARTS: u16 = 7;
    pub const BASE_STARTS: u16 = 8;
    /// `X_em`, unrounded, in `CAPACITY` order.
    pub const EM: u16 = 9;
    pub const DISCOUNT: u16 = 14;
    pub const BREAK_EVEN: u16 = 15;
    pub const BLOCKS: u16 = 16;
}

/// Where the Assumptions sheet put the cells other sheets read by address.
struct PlanCells {
    /// Per opening: count, baseline hire time, Rust hire time, learners.
    count: Vec<String>,
    tb: Vec<String>,
    tr: Vec<String>,
    learners: Vec<String>,
}

/// Exact values of the hiring plan and the derived quantities (stored results).
struct Exact {
    months: Vec<Month<Decimal>>,
    tb: Vec<Decimal>,
    tr: Vec<Decimal>,
    learners: Vec<Decimal>,
    team_learners: Decimal,
    loaded: Decimal,
    value: Decimal,
    wait_share: Decimal,
    discount: Vec<Decimal>,
    ramp_months: Decimal,
}

impl Exact {
    /// The working behind the base case: the model's unrounded months (kept by
    /// the base case; nothing is recomputed) and the per-cohort quantities the
    /// Helper sheet shows, from the model's own definitions.
    fn compute(scenario: &Scenario, base: &BaseCase) -> anyhow::Result<Exact> {
        let v = |i: Input| Q::of(scenario.input(i).base);
        let one = Q::of(Decimal::ONE);
        let d = Q::of(DAYS_PER_MONTH);
        let days = v(Input::DaysToHire);
        let mut tb = Vec::new();
        let mut tr = Vec::new();
        let mut learners = Vec::new();
        for o in &scenario.plan {
            let om = Q::of(Decimal::from(o.month));
            // Multiply first, round to 12 decimals (MODEL.md §4).
            tb.push(get(model::hire_time(om, days, d), "hire times")?);
            tr.push(get(
                model::hire_time(om, days * v(Input::Multiplier), d),
                "hire times",
            )?);
            learners.push(get(
                Q::of(o.count) * (one - v(Input::HireKnowRust)),
                "learners",
            )?);
        }
        let loaded = model::loaded_monthly(v(Input::Salary), v(Input::Overhead));
        let wait = v(Input::IncrementalPerDay)
            * (v(Input::IncrementalMinutes) - v(Input::BaselineIncrementalMinutes))
            + v(Input::CleanPerDay) * (v(Input::CleanMinutes) - v(Input::BaselineCleanMinutes));
        let wait_share =
            wait * v(Input::LostShare) / (Q::of(Decimal::from(60)) * Q::of(scenario.hours_per_day));
        let discount =
            crate::model::base::discount_factors_exact(scenario.discount_rate, scenario.months)
                .context("the discount factors overflow")?;
        Ok(Exact {
            months: base.unrounded.clone(),
            tb,
            tr,
            learners,
            team_learners: get(
                Q::of(scenario.engineers) * (one - v(Input::TeamKnowRust)),
                "learners",
            )?,
            loaded: get(loaded, LOADED)?,
            value: get(loaded * v(Input::ValueMultiplier), VALUE)?,
            wait_share: get(wait_share, WAIT_SHARE)?,
            discount,
            ramp_months: scenario.input(Input::RampMonths).base,
        })
    }
}

/// present(t, m) of MODEL.md §2, from the model.
fn present(t: Decimal, m: Decimal) -> Decimal {
    model::present(Q::of(t), Q::of(m)).get().unwrap_or_default()
}

/// Months of ramp done by time `x` after joining at `t`: min(max(x − t, 0), R).
fn ramp_done(x: Decimal, t: Decimal, r: Decimal) -> Decimal {
    (x - t).max(Decimal::ZERO).min(r)
}

/// F(y) − F(x) with F(y) = y − y²/(2R) for y ≤ R (MODEL.md §2), on ramp-done
/// values that are already capped at R (so F(R) = R/2 follows); 0 when R = 0.
fn ramp_loss(start: Decimal, end: Decimal, r: Decimal) -> Option<Decimal> {
    if r.is_zero() {
        return Some(Decimal::ZERO);
    }
    let two_r = r.checked_add(r)?;
    let f =
        |y: Decimal| -> Option<Decimal> { y.checked_sub(y.checked_mul(y)?.checked_div(two_r)?) };
    f(end)?.checked_sub(f(start)?)
}

/// The workbook as bytes.
pub fn workbook(
    scenario: &Scenario,
    base: &BaseCase,
    sampled: Option<&Sampled>,
    sensitivity: &[SensitivityRow],
) -> anyhow::Result<Vec<u8>> {
    build(scenario, base, sampled, sensitivity).context("cannot build model.xlsx")
}

fn build(
    scenario: &Scenario,
    base: &BaseCase,
    sampled: Option<&Sampled>,
    sensitivity: &[SensitivityRow],
) -> anyhow::Result<Vec<u8>> {
    check_fits(scenario)?;
    let exact = Exact::compute(scenario, base)?;
    let styles = Styles::new(&scenario.currency);
    let names = input_names(scenario);
    let cols = MonthlyCols {
        n_cash: base.cash_columns.len(),
    };
    let mut defined: Vec<(String, String)> = Vec::new();
    let assumptions = assumptions_sheet(scenario, &exact, &names, &styles, &mut defined)?;
    let helper = helper_sheet(scenario, base, &exact, &cols, &styles, &assumptions.1)?;
    let monthly = monthly_sheet(scenario, base, &names, &cols, &styles)?;
    let summary = summary_sheet(scenario, base, sampled, sensitivity, &cols, &styles)?;

    let mut wb = Workbook::new();
    wb.push_worksheet(summary);
    wb.push_worksheet(monthly);
    wb.push_worksheet(assumptions.0);
    wb.push_worksheet(helper);
    for (name, target) in &defined {
        wb.define_name(name, target)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Columns in a worksheet (Excel and LibreOffice alike).
const MAX_COLUMNS: usize = 16_384;

/// The Helper sheet needs 8 columns per opening, Monthly one per cost: a plan
/// or cost list too long for a worksheet is refused before anything is built.
fn check_fits(scenario: &Scenario) -> anyhow::Result<()> {
    let helper = usize::from(helper_col::BLOCKS) + 8 * scenario.plan.len() + 4;
    let monthly = 25 + scenario.costs.len();
    if helper > MAX_COLUMNS || monthly > MAX_COLUMNS {
        anyhow::bail!(
            "{}: the workbook would need {} columns, more than a worksheet's {MAX_COLUMNS} \
             (8 per hiring.plan opening, 1 per [[costs]] entry); merge openings or costs, or run without --xlsx",
            scenario.file,
            helper.max(monthly)
        );
    }
    Ok(())
}

/// Where the §6 source of an input's default lives.
fn source_of(scenario: &Scenario, key: &str) -> Option<&'static Assumption> {
    let large = scenario.build_size == "large";
    let entry = match key {
        "builds.clean_minutes" | "builds.incremental_minutes" if large => "builds (large)",
        "builds.clean_minutes" | "builds.incremental_minutes" => "builds (medium, small)",
        "builds.baseline_clean_minutes" | "builds.baseline_incremental_minutes" => {
            "builds baseline (Go)"
        }
        other => other,
    };
    ASSUMPTIONS.iter().find(|a| a.input == entry)
}

/// An uncertain value as written, in words.
fn describe(value: &Uncertain) -> String {
    let n = |d: &Decimal| d.normalize().to_string();
    match value {
        Uncertain::Fixed(v) => n(v),
        Uncertain::Uniform { low, high } => format!("uniform {} to {}", n(low), n(high)),
        Uncertain::Triangular { low, mode, high } => {
            format!("triangular {} / {} / {}", n(low), n(mode), n(high))
        }
        Uncertain::Pert { low, mode, high } => {
            format!("pert {} / {} / {}", n(low), n(mode), n(high))
        }
        Uncertain::Normal { low, high } => format!("normal, 90% in {} to {}", n(low), n(high)),
        Uncertain::Lognormal { low, high } => {
            format!("lognormal, 90% in {} to {}", n(low), n(high))
        }
    }
}

/// Where an input's value comes from (MODEL.md §6 for defaults).
fn source_text(scenario: &Scenario, index: usize) -> String {
    let input = &scenario.inputs[index];
    if index >= BUILTIN_INPUTS {
        return format!("scenario file ({})", scenario.file);
    }
    let default = INPUTS[index].default_value(spec::preset(&scenario.build_size));
    if default.as_ref() != Some(&input.value) {
        return format!("scenario file ({}): your figure", scenario.file);
    }
    match source_of(scenario, &input.key) {
        Some(a) if a.standing.flag().is_empty() => format!("default: {}", a.source),
        Some(a) => format!("default [{}]: {}", a.standing.flag(), a.source),
        None => "default (MODEL.md §1)".to_string(),
    }
}

/// The Assumptions sheet: one editable cell per input, the fixed scenario
/// numbers, the hiring plan and the derived quantities, each under a defined name.
fn assumptions_sheet(
    scenario: &Scenario,
    exact: &Exact,
    names: &[String],
    styles: &Styles,
    defined: &mut Vec<(String, String)>,
) -> anyhow::Result<(Worksheet, PlanCells)> {
    let sheet = ASSUMPTIONS_SHEET;
    let mut ws = Worksheet::new();
    ws.set_name(sheet)?;
    let mut define = |name: &str, row: u32, col: u16| {
        defined.push((name.to_string(), format!("={sheet}!{}", abs_cell(row, col))));
    };
    ws.write_string_with_format(
        0,
        0,
        format!("Assumptions: {}", scenario.name),
        &styles.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        "Edit the shaded cells: every formula on Monthly, Summary and Helper reads them through the names in column B. \
         Base value = the mean of what the scenario writes (MODEL.md §1).",
        &styles.note,
    )?;
    let header = [
        "input",
        "name",
        "base value",
        "unit",
        "written in the scenario as",
        "source",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &styles.header)?;
    }
    let mut row = 4;
    for (i, input) in scenario.inputs.iter().enumerate() {
        ws.write_string(row, 0, &input.key)?;
        ws.write_string(row, 1, &names[i])?;
        let value = crate::model::num::Num::to_f64(input.base);
        let format = if input.unit == Unit::Money {
            &styles.input_money
        } else {
            &styles.input
        };
        ws.write_number_with_format(row, 2, value, format)?;
        ws.write_string(row, 3, input.unit.name())?;
        ws.write_string(row, 4, describe(&input.value))?;
        ws.write_string(row, 5, source_text(scenario, i))?;
        define(&names[i], row, 2);
        row += 1;
    }

    row += 1;
    ws.write_string_with_format(row, 0, "Fixed in the scenario", &styles.section)?;
    row += 1;
    let fixed: [(&str, &str, Decimal, &str); 3] = [
        (
            "team.engineers",
            TEAM_ENGINEERS,
            scenario.engineers,
            "engineers at the start",
        ),
        (
            "builds.hours_per_day",
            HOURS_PER_DAY,
            scenario.hours_per_day,
            "working hours in a day",
        ),
        (
            "scenario.discount_rate",
            DISCOUNT_RATE,
            scenario.discount_rate,
            "annual rate for NPV",
        ),
    ];
    for (key, name, value, unit) in fixed {
        ws.write_string(row, 0, key)?;
        ws.write_string(row, 1, name)?;
        ws.write_number_with_format(row, 2, crate::model::num::Num::to_f64(value), &styles.input)?;
        ws.write_string(row, 3, unit)?;
        ws.write_string(row, 5, format!("scenario file ({})", scenario.file))?;
        define(name, row, 2);
        row += 1;
    }
    ws.write_string(row, 0, "scenario.start")?;
    ws.write_string(row, 1, START_MONTH)?;
    ws.write_datetime_with_format(row, 2, date_of(scenario.start)?, &styles.date)?;
    ws.write_string(row, 3, "first month (to change it, rerun adoptcost)")?;
    define(START_MONTH, row, 2);
    row += 1;
    ws.write_string(row, 0, "scenario.months")?;
    ws.write_number(row, 2, scenario.months as f64)?;
    ws.write_string(
        row,
        3,
        "months in the horizon (to change it, rerun adoptcost)",
    )?;
    row += 1;
    ws.write_string(row, 0, "scenario.currency")?;
    ws.write_string(row, 2, &scenario.currency)?;
    row += 2;

    // The hiring plan: one row per opening (MODEL.md §2 cohorts).
    ws.write_string_with_format(row, 0, "Hiring plan (hiring.plan)", &styles.section)?;
    row += 1;
    let plan_header = [
        "opening",
        "opens in",
        "count",
        "month index (0 = start)",
        "baseline hire time tb (months)",
        "Rust hire time tr (months)",
        "learners (count new to Rust)",
    ];
    for (c, h) in plan_header.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &styles.header)?;
    }
    row += 1;
    let mut plan = PlanCells {
        count: Vec::new(),
        tb: Vec::new(),
        tr: Vec::new(),
        learners: Vec::new(),
    };
    if scenario.plan.is_empty() {
        ws.write_string_with_format(row, 0, "(no openings)", &styles.note)?;
        row += 1;
    }
    for (h, o) in scenario.plan.iter().enumerate() {
        let r1 = row + 1;
        ws.write_string(row, 0, format!("opening {}", h + 1))?;
        ws.write_datetime_with_format(
            row,
            1,
            date_of(scenario.start.plus(o.month))?,
            &styles.input_date,
        )?;
        ws.write_number_with_format(
            row,
            2,
            crate::model::num::Num::to_f64(o.count),
            &styles.input,
        )?;
        ws.write_formula_with_format(
            row,
            3,
            Formula::new(format!(
                "=(YEAR(B{r1})-YEAR({START_MONTH}))*12+MONTH(B{r1})-MONTH({START_MONTH})"
            ))
            .set_result(o.month.to_string()),
            &styles.number,
        )?;
        // Multiply first, round to 12 decimals (MODEL.md §4).
        ws.write_formula_with_format(
            row,
            4,
            Formula::new(format!("=ROUND(D{r1}+{DAYS_TO_HIRE}/{DAYS},12)"))
                .set_result(result(exact.tb[h])),
            &styles.number,
        )?;
        ws.write_formula_with_format(
            row,
            5,
            Formula::new(format!(
                "=ROUND(D{r1}+{DAYS_TO_HIRE}*{MULTIPLIER}/{DAYS},12)"
            ))
            .set_result(result(exact.tr[h])),
            &styles.number,
        )?;
        ws.write_formula_with_format(
            row,
            6,
            Formula::new(format!("=C{r1}*(1-{HIRING_KNOW_RUST})"))
                .set_result(result(exact.learners[h])),
            &styles.number,
        )?;
        let at = |col: u16| format!("{sheet}!{}", abs_cell(row, col));
        plan.count.push(at(2));
        plan.tb.push(at(4));
        plan.tr.push(at(5));
        plan.learners.push(at(6));
        row += 1;
    }
    row += 1;

    // Derived quantities (MODEL.md §2).
    ws.write_string_with_format(
        row,
        0,
        "Derived (formulas over the inputs above; MODEL.md §2)",
        &styles.section,
    )?;
    row += 1;
    let derived: [(&str, String, Decimal, &str, Option<&Format>); 5] = [
        (
            DAYS,
            "=365.25/12".to_string(),
            DAYS_PER_MONTH,
            "D: days per month",
            None,
        ),
        (
            LOADED,
            format!("={SALARY}*(1+{OVERHEAD})/12"),
            exact.loaded,
            "L: loaded monthly cost of one engineer",
            Some(&styles.money),
        ),
        (
            VALUE,
            format!("={LOADED}*{VALUE_MULTIPLIER}"),
            exact.value,
            "V: value of one engineer-month",
            Some(&styles.money),
        ),
        (
            WAIT_SHARE,
            format!(
                "=(incremental_per_day*(incremental_minutes-baseline_incremental_minutes)+clean_per_day*(clean_minutes-baseline_clean_minutes))*lost_share/(60*{HOURS_PER_DAY})"
            ),
            exact.wait_share,
            "share of an engineer's month lost waiting for builds",
            None,
        ),
        (
            TEAM_LEARNERS,
            format!("={TEAM_ENGINEERS}*(1-{TEAM_KNOW_RUST})"),
            exact.team_learners,
            "current engineers new to Rust",
            None,
        ),
    ];
    for (name, formula, value, meaning, format) in derived {
        ws.write_string(row, 0, meaning)?;
        ws.write_string(row, 1, name)?;
        ws.write_formula_with_format(
            row,
            2,
            Formula::new(formula).set_result(result(value)),
            format.unwrap_or(&styles.number),
        )?;
        define(name, row, 2);
        row += 1;
    }

    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_width(2, 18)?;
    ws.set_column_width(3, 26)?;
    ws.set_column_width(4, 30)?;
    ws.set_column_width(5, 26)?;
    ws.set_column_width(6, 24)?;
    ws.set_freeze_panes(4, 0)?;
    Ok((ws, plan))
}

const SALARY: &str = "salary";
const OVERHEAD: &str = "overhead";
const VALUE_MULTIPLIER: &str = "value_multiplier";
const TEAM_KNOW_RUST: &str = "team_know_rust";
const HIRING_KNOW_RUST: &str = "hiring_know_rust";
const DAYS_TO_HIRE: &str = "days_to_hire";
const MULTIPLIER: &str = "multiplier";

/// A block of per-cohort columns on the Helper sheet.
struct Block {
    title: &'static str,
    first: u16,
    len: u16,
}

impl Block {
    fn range(&self, row: u32) -> String {
        format!(
            "{}:{}",
            cell(row, self.first),
            cell(row, self.first + self.len - 1)
        )
    }

    fn abs_range(&self, row: u32) -> String {
        format!(
            "{}:{}",
            abs_cell(row, self.first),
            abs_cell(row, self.first + self.len - 1)
        )
    }
}

/// The Helper sheet: per month, the hiring cohorts' presence, starts and ramp
/// terms (MODEL.md §2), and the unrounded sums the Monthly sheet rounds.
fn helper_sheet(
    scenario: &Scenario,
    base: &BaseCase,
    exact: &Exact,
    cols: &MonthlyCols,
    styles: &Styles,
    plan: &PlanCells,
) -> anyhow::Result<Worksheet> {
    use helper_col as hc;
    let mut ws = Worksheet::new();
    ws.set_name(HELPER)?;
    ws.write_string_with_format(
        0,
        0,
        "Helper: each hiring cohort month by month (MODEL.md §2); the Monthly sheet rounds the unrounded sums on the left",
        &styles.title,
    )?;
    let label_col = hc::BLOCKS - 1;
    ws.write_string_with_format(WEIGHT_ROW, label_col, "cohort weight →", &styles.note)?;
    ws.write_string_with_format(JOINS_ROW, label_col, "joins at (months) →", &styles.note)?;

    let h = scenario.plan.len() as u16;
    let k = h + 1; // ramping cohorts: the current team, then each opening
    let mut next = hc::BLOCKS;
    let mut block = |title: &'static str, len: u16| {
        let b = Block {
            title,
            first: next,
            len,
        };
        next += len;
        b
    };
    let present_r = block("in post (Rust)", h);
    let present_b = block("in post (baseline)", h);
    let starts_r = block("hired this month (Rust)", h);
    let starts_b = block("hired this month (baseline)", h);
    let done_start = block("ramp months done at month start", k);
    let done_end = block("ramp months done at month end", k);
    let loss = block("ramp loss F(end) − F(start)", k);
    let mentored = block("mentored months", k);

    // Cohort header: each block column's weight and joining time.
    let opening_label = |i: usize| {
        format!(
            "opening {} ({})",
            i + 1,
            scenario.start.plus(scenario.plan[i].month)
        )
    };
    let linked =
        |target: &str, value: Decimal| Formula::new(format!("={target}")).set_result(result(value));
    for (b, rust) in [
        (&present_r, true),
        (&present_b, false),
        (&starts_r, true),
        (&starts_b, false),
    ] {
        for i in 0..h as usize {
            let c = b.first + i as u16;
            let (joins, t) = if rust {
                (&plan.tr[i], exact.tr[i])
            } else {
                (&plan.tb[i], exact.tb[i])
            };
            let title = format!("{}: {}", b.title, opening_label(i));
            ws.write_string_with_format(HEADER_ROW, c, title, &styles.header)?;
            let count = scenario.plan[i].count;
            ws.write_formula(WEIGHT_ROW, c, linked(&plan.count[i], count))?;
            ws.write_formula(JOINS_ROW, c, linked(joins, t))?;
        }
    }
    for b in [&done_start, &done_end, &loss, &mentored] {
        for j in 0..k as usize {
            let c = b.first + j as u16;
            let label = match j {
                0 => "current team".to_string(),
                _ => opening_label(j - 1),
            };
            let title = format!("{}: {}", b.title, label);
            ws.write_string_with_format(HEADER_ROW, c, title, &styles.header)?;
            if j == 0 {
                ws.write_formula(WEIGHT_ROW, c, linked(TEAM_LEARNERS, exact.team_learners))?;
                ws.write_number(JOINS_ROW, c, 0)?;
            } else {
                let learners = exact.learners[j - 1];
                ws.write_formula(WEIGHT_ROW, c, linked(&plan.learners[j - 1], learners))?;
                ws.write_formula(JOINS_ROW, c, linked(&plan.tr[j - 1], exact.tr[j - 1]))?;
            }
        }
    }

    let headers: [(u16, &str); 16] = [
        (hc::MONTH, "month"),
        (hc::INDEX, "month index m"),
        (hc::WORKING_DAYS, "working days WD(m)"),
        (
            hc::RUST_PRESENT,
            "hires in post, Rust: Σ count·present(tr, m)",
        ),
        (
            hc::BASE_PRESENT,
            "hires in post, baseline: Σ count·present(tb, m)",
        ),
        (hc::PR, "engineers Pr(m), unrounded"),
        (hc::PB, "engineers Pb(m), unrounded"),
        (hc::RUST_STARTS, "Rust hires starting: Σ count·[⌊tr⌋ = m]"),
        (
            hc::BASE_STARTS,
            "baseline hires starting: Σ count·[⌊tb⌋ = m]",
        ),
        (hc::EM, "vacancy_em, unrounded"),
        (hc::EM + 1, "ramp_em, unrounded"),
        (hc::EM + 2, "mentoring_em, unrounded"),
        (hc::EM + 3, "productivity_em, unrounded"),
        (hc::EM + 4, "build_wait_em, unrounded"),
        (hc::DISCOUNT, "discount factor (1+rate)^(−(m+1)/12)"),
        (
            hc::BREAK_EVEN,
            "cumulative ≤ 0 from here to the end (1 = yes)",
        ),
    ];
    for (c, text) in headers {
        ws.write_string_with_format(HEADER_ROW, c, text, &styles.header)?;
    }

    let months = scenario.months;
    let r_ramp = exact.ramp_months;
    let joins = |col: u16| format!("{}${}", col_name(col), JOINS_ROW + 1);
    for m in 0..months {
        let row = FIRST_ROW + m as u32;
        let at = |col: u16| cell(row, col);
        // The month index, fixed to its column: `$B5`.
        let index = format!("${}", at(hc::INDEX));
        let md = Decimal::from(m as u64);
        let month = &exact.months[m];
        let formula = |text: String, value: Decimal| Formula::new(text).set_result(result(value));

        let label = scenario.month_label(m);
        ws.write_datetime_with_format(row, hc::MONTH, date_of(label)?, &styles.date)?;
        ws.write_number(row, hc::INDEX, m as f64)?;
        ws.write_number(row, hc::WORKING_DAYS, f64::from(scenario.working_days[m]))?;

        // Per opening: in post (present, MODEL.md §2) and hired this month.
        let starts = |t: Decimal| {
            if t.floor() == md {
                Decimal::ONE
            } else {
                Decimal::ZERO
            }
        };
        let mut starts_r_sum = Decimal::ZERO;
        let mut starts_b_sum = Decimal::ZERO;
        for i in 0..h as usize {
            let (tr, tb, count) = (exact.tr[i], exact.tb[i], scenario.plan[i].count);
            let col = |b: &Block| b.first + i as u16;
            let in_post = |b: &Block| format!("=MIN(MAX({index}+1-{},0),1)", joins(col(b)));
            let hired = |b: &Block| format!("=IF(INT({})={index},1,0)", joins(col(b)));
            ws.write_formula(
                row,
                col(&present_r),
                formula(in_post(&present_r), present(tr, md)),
            )?;
            ws.write_formula(
                row,
                col(&present_b),
                formula(in_post(&present_b), present(tb, md)),
            )?;
            ws.write_formula(row, col(&starts_r), formula(hired(&starts_r), starts(tr)))?;
            ws.write_formula(row, col(&starts_b), formula(hired(&starts_b), starts(tb)))?;
            starts_r_sum += count * starts(tr);
            starts_b_sum += count * starts(tb);
        }
        // Per ramping cohort: ramp months done at the month's start and end, and
        // its ramp and mentoring terms (MODEL.md §2-§3).
        for j in 0..k as usize {
            let t = if j == 0 {
                Decimal::ZERO
            } else {
                exact.tr[j - 1]
            };
            let ys = ramp_done(md, t, r_ramp);
            let ye = ramp_done(md + Decimal::ONE, t, r_ramp);
            let col = |b: &Block| b.first + j as u16;
            let (s, e) = (at(col(&done_start)), at(col(&done_end)));
            let done = |offset: &str, b: &Block| {
                format!("=MIN(MAX({index}{offset}-{},0),ramp_months)", joins(col(b)))
            };
            ws.write_formula(row, col(&done_start), formula(done("", &done_start), ys))?;
            ws.write_formula(row, col(&done_end), formula(done("+1", &done_end), ye))?;
            let l = ramp_loss(ys, ye, r_ramp).context("the ramp terms overflow")?;
            ws.write_formula(
                row,
                col(&loss),
                formula(
                    format!("=IF(ramp_months=0,0,({e}-{s})-({e}^2-{s}^2)/(2*ramp_months))"),
                    l,
                ),
            )?;
            ws.write_formula(row, col(&mentored), formula(format!("={e}-{s}"), ye - ys))?;
        }

        // Sums over cohorts: SUMPRODUCT of the weights and the per-cohort terms.
        let weighted = |b: &Block| {
            if b.len == 0 {
                "0".to_string()
            } else {
                format!("SUMPRODUCT({},{})", b.abs_range(WEIGHT_ROW), b.range(row))
            }
        };
        let e = scenario.engineers;
        let sums = [
            (
                hc::RUST_PRESENT,
                format!("={}", weighted(&present_r)),
                month.engineers - e,
            ),
            (
                hc::BASE_PRESENT,
                format!("={}", weighted(&present_b)),
                month.engineers_baseline - e,
            ),
            (
                hc::PR,
                format!("={TEAM_ENGINEERS}+{}", at(hc::RUST_PRESENT)),
                month.engineers,
            ),
            (
                hc::PB,
                format!("={TEAM_ENGINEERS}+{}", at(hc::BASE_PRESENT)),
                month.engineers_baseline,
            ),
            (
                hc::RUST_STARTS,
                format!("={}", weighted(&starts_r)),
                starts_r_sum,
            ),
            (
                hc::BASE_STARTS,
                format!("={}", weighted(&starts_b)),
                starts_b_sum,
            ),
            // X_em of MODEL.md §3, unrounded, in CAPACITY order.
            (
                hc::EM,
                format!("={}-{}", at(hc::PB), at(hc::PR)),
                month.em[0],
            ),
            (
                hc::EM + 1,
                format!(
                    "=(steady_productivity-start_productivity)*{}",
                    weighted(&loss)
                ),
                month.em[1],
            ),
            (
                hc::EM + 2,
                format!("=mentoring*{}", weighted(&mentored)),
                month.em[2],
            ),
            (
                hc::EM + 3,
                format!("={}*(1-steady_productivity)", at(hc::PR)),
                month.em[3],
            ),
            (
                hc::EM + 4,
                format!("={}*{WAIT_SHARE}", at(hc::PR)),
                month.em[4],
            ),
            (
                hc::DISCOUNT,
                format!("=(1+{DISCOUNT_RATE})^(-({index}+1)/12)"),
                exact.discount[m],
            ),
        ];
        for (col, text, value) in sums {
            ws.write_formula(row, col, formula(text, value))?;
        }
        let cum = format!("{MONTHLY}!{}", at(cols.cumulative()));
        // The cumulative total stays ≤ 0 from m to the end exactly from break-even on.
        let flag = if base.break_even.is_some_and(|b| m >= b) {
            Decimal::ONE
        } else {
            Decimal::ZERO
        };
        let text = if m + 1 == months {
            format!("=IF({cum}<=0,1,0)")
        } else {
            let below = cell(row + 1, hc::BREAK_EVEN);
            format!("=IF(AND({cum}<=0,{below}=1),1,0)")
        };
        ws.write_formula(row, hc::BREAK_EVEN, formula(text, flag))?;
    }

    ws.set_row_height(HEADER_ROW, 60)?;
    ws.set_column_width(hc::MONTH, 10)?;
    for c in 1..next {
        ws.set_column_width(c, 16)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 1)?;
    Ok(ws)
}

/// The Monthly sheet: the columns and rows of `monthly.csv`, every cell a formula.
fn monthly_sheet(
    scenario: &Scenario,
    base: &BaseCase,
    names: &[String],
    cols: &MonthlyCols,
    styles: &Styles,
) -> anyhow::Result<Worksheet> {
    use helper_col as hc;
    let mut ws = Worksheet::new();
    ws.set_name(MONTHLY)?;
    ws.write_string_with_format(
        0,
        0,
        format!("{}: month by month, {}", scenario.name, scenario.currency),
        &styles.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        "Every figure is a formula over the Assumptions sheet (edit the shaded cells there) and the Helper sheet, \
         rounded like monthly.csv: money to the cent, engineer-months to 3 decimals; totals are sums of the rounded cells.",
        &styles.note,
    )?;
    let header = crate::export::csv::monthly_header(base);
    for (c, h) in header.iter().enumerate() {
        // The CSV quotes formula-like names; a workbook string cell is never a formula.
        let h = h.strip_prefix('\'').unwrap_or(h);
        ws.write_string_with_format(HEADER_ROW, c as u16, h, &styles.header)?;
    }

    let helper = |col: u16, row: u32| format!("{HELPER}!{}", cell(row, col));
    for (m, r) in base.rows.iter().enumerate() {
        let row = FIRST_ROW + m as u32;
        let r1 = row + 1;
        let money = |x: &str| format!("={}", rounded(x, Kind::Money));
        let em = |x: &str| format!("={}", rounded(x, Kind::EngineerMonths));
        let put = |ws: &mut Worksheet, col: u16, text: String, value: Decimal, kind: Kind| {
            ws.write_formula_with_format(
                row,
                col,
                Formula::new(text).set_result(result(value)),
                styles.of(kind),
            )
            .map(|_| ())
        };
        ws.write_datetime_with_format(row, MonthlyCols::MONTH, date_of(r.month)?, &styles.date)?;
        put(
            &mut ws,
            MonthlyCols::ENGINEERS,
            em(&helper(hc::PR, row)),
            r.engineers,
            Kind::EngineerMonths,
        )?;
        put(
            &mut ws,
            MonthlyCols::ENGINEERS_BASELINE,
            em(&helper(hc::PB, row)),
            r.engineers_baseline,
            Kind::EngineerMonths,
        )?;

        // Cash (MODEL.md §3), in monthly.csv order.
        let mut cash: Vec<String> = vec![
            money(&format!(
                "{}*{LOADED}*premium",
                helper(hc::RUST_PRESENT, row)
            )),
            money(&format!("{TEAM_ENGINEERS}*{LOADED}*retention_raise")),
            money(&format!(
                "{}*salary*fee*(1+premium)-{}*salary*fee",
                helper(hc::RUST_STARTS, row),
                helper(hc::BASE_STARTS, row)
            )),
            money(&format!(
                "({}-{})*{LOADED}",
                helper(hc::PR, row),
                helper(hc::PB, row)
            )),
            money(&format!(
                "ci_builds_per_day*(clean_minutes-baseline_clean_minutes)*ci_cost_per_minute*{}",
                helper(hc::WORKING_DAYS, row)
            )),
        ];
        for (i, cost) in scenario.costs.iter().enumerate() {
            let amount = &names[BUILTIN_INPUTS + i];
            let value = if cost.per_engineer {
                format!("{amount}*{}", helper(hc::PR, row))
            } else {
                amount.clone()
            };
            let month_cell = format!("$A{r1}");
            let from = date_formula(scenario.start.plus(cost.first));
            let horizon_last = scenario.months as i64 - 1;
            let condition = if cost.first == cost.last {
                Some(format!("{month_cell}={from}"))
            } else {
                let lower = (cost.first > 0).then(|| format!("{month_cell}>={from}"));
                let upper = (cost.last < horizon_last).then(|| {
                    format!(
                        "{month_cell}<={}",
                        date_formula(scenario.start.plus(cost.last))
                    )
                });
                match (lower, upper) {
                    (Some(l), Some(u)) => Some(format!("AND({l},{u})")),
                    (Some(c), None) | (None, Some(c)) => Some(c),
                    (None, None) => None,
                }
            };
            cash.push(money(&match condition {
                Some(c) => format!("IF({c},{value},0)"),
                None => value,
            }));
        }
        let savings = |value: &str| {
            if scenario.benefits_from > 0 {
                format!(
                    "IF($A{r1}>={},{value},0)",
                    date_formula(scenario.start.plus(scenario.benefits_from))
                )
            } else {
                value.to_string()
            }
        };
        cash.push(money(&savings("-infra_per_month")));
        cash.push(money(&savings(
            "-(incidents_per_month*incident_cost*incident_reduction)",
        )));
        for (i, text) in cash.into_iter().enumerate() {
            put(&mut ws, cols.cash(i), text, r.cash[i], Kind::Money)?;
        }
        let span = |a: u16, b: u16| format!("{}:{}", cell(row, a), cell(row, b));
        let n_cash = cols.n_cash;
        put(
            &mut ws,
            cols.cash_total(),
            format!(
                "=ROUND(SUM({}),2)",
                span(cols.cash(0), cols.cash(n_cash - 1))
            ),
            r.cash_total,
            Kind::Money,
        )?;
        // Capacity (MODEL.md §3): X = X_em · V on the unrounded X_em.
        for i in 0..CAPACITY.len() {
            put(
                &mut ws,
                cols.capacity(i),
                money(&format!("{}*{VALUE}", helper(hc::EM + i as u16, row))),
                r.capacity[i],
                Kind::Money,
            )?;
            put(
                &mut ws,
                cols.em(i),
                em(&helper(hc::EM + i as u16, row)),
                r.em[i],
                Kind::EngineerMonths,
            )?;
        }
        put(
            &mut ws,
            cols.capacity_cost(),
            format!(
                "=ROUND(SUM({}),2)",
                span(cols.capacity(0), cols.capacity(CAPACITY.len() - 1))
            ),
            r.capacity_cost,
            Kind::Money,
        )?;
        put(
            &mut ws,
            cols.total(),
            format!(
                "=ROUND({}+{},2)",
                cell(row, cols.cash_total()),
                cell(row, cols.capacity_cost())
            ),
            r.total,
            Kind::Money,
        )?;
        let cumulative = if m == 0 {
            format!("=ROUND({},2)", cell(row, cols.total()))
        } else {
            format!(
                "=ROUND({}+{},2)",
                cell(row - 1, cols.cumulative()),
                cell(row, cols.total())
            )
        };
        put(
            &mut ws,
            cols.cumulative(),
            cumulative,
            r.cumulative_total,
            Kind::Money,
        )?;
        put(
            &mut ws,
            cols.capacity_em(),
            format!(
                "=ROUND(SUM({}),3)",
                span(cols.em(0), cols.em(CAPACITY.len() - 1))
            ),
            r.capacity_em,
            Kind::EngineerMonths,
        )?;
    }

    ws.set_row_height(HEADER_ROW, 30)?;
    ws.set_column_width(0, 10)?;
    for c in 1..header.len() as u16 {
        let width = header[c as usize].chars().count().clamp(10, 24) as f64 + 4.0;
        ws.set_column_width(c, width)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 1)?;
    Ok(ws)
}

/// The Summary sheet: base totals as formulas over Monthly; sampled percentiles
/// and sensitivity as values, labelled so.
fn summary_sheet(
    scenario: &Scenario,
    base: &BaseCase,
    sampled: Option<&Sampled>,
    sensitivity: &[SensitivityRow],
    cols: &MonthlyCols,
    styles: &Styles,
) -> anyhow::Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(SUMMARY)?;
    let end = scenario.month_label(scenario.months - 1);
    ws.write_string_with_format(0, 0, format!("{}: summary", scenario.name), &styles.title)?;
    ws.write_string(
        1,
        0,
        format!(
            "Horizon {} to {end} ({} months), {}. Scenario file: {}.",
            scenario.start, scenario.months, scenario.currency, scenario.file
        ),
    )?;
    let sampling = match sampled {
        Some(s) => format!(
            "mean, p10, p50, p90: values from {} Monte Carlo samples (seed {}); they do not follow edits: rerun adoptcost for new ones.",
            s.samples, s.seed
        ),
        None => "Not sampled (--samples 0): no percentiles.".to_string(),
    };
    ws.write_string_with_format(
        2,
        0,
        format!(
            "base: live formulas over the Monthly sheet (sums of the rounded monthly cells; NPV over the monthly totals). {sampling}"
        ),
        &styles.note,
    )?;
    let header_row = 4;
    let header = [
        "metric",
        "base (live formula)",
        "mean (sampled value)",
        "p10 (sampled value)",
        "p50 (sampled value)",
        "p90 (sampled value)",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, *h, &styles.header)?;
    }
    let first = FIRST_ROW;
    let last = FIRST_ROW + scenario.months as u32 - 1;
    let metrics = &base.metrics;
    let stats: Option<&[Stats]> = sampled.map(|s| s.stats.as_slice());
    let mut row = header_row + 1;
    for (i, name) in metrics.names.iter().enumerate() {
        let kind = metrics.kinds[i];
        ws.write_string(row, 0, name)?;
        let text = match cols.of_metric(i) {
            Some(col) => format!(
                "=ROUND(SUM({}),{})",
                column_range(MONTHLY, col, first, last),
                kind.decimals()
            ),
            None => format!(
                "={}",
                rounded(
                    &format!(
                        "SUMPRODUCT({},{})",
                        column_range(MONTHLY, cols.total(), first, last),
                        column_range(HELPER, helper_col::DISCOUNT, first, last)
                    ),
                    Kind::Money
                )
            ),
        };
        ws.write_formula_with_format(
            row,
            1,
            Formula::new(text).set_result(result(base.totals[i])),
            styles.of(kind),
        )?;
        if let Some(s) = stats.and_then(|s| s.get(i)) {
            for (c, v) in [s.mean, s.p10, s.p50, s.p90].into_iter().enumerate() {
                ws.write_number_with_format(row, 2 + c as u16, v, styles.of(kind))?;
            }
        }
        row += 1;
    }
    row += 1;
    ws.write_string(row, 0, "break-even month (live)")?;
    let break_even = format!(
        "=IFERROR(INDEX({},MATCH(1,{},0)),\"none within horizon\")",
        column_range(MONTHLY, MonthlyCols::MONTH, first, last),
        column_range(HELPER, helper_col::BREAK_EVEN, first, last)
    );
    let cached = match base.break_even_month() {
        Some(month) => date_of(month)?.to_excel().to_string(),
        None => "none within horizon".to_string(),
    };
    ws.write_formula_with_format(
        row,
        1,
        Formula::new(break_even).set_result(cached),
        &styles.date,
    )?;
    row += 2;

    ws.write_string_with_format(
        row,
        0,
        "Sensitivity (values from the tool: each input at its low and its high, every other input at its base value; they do not follow edits)",
        &styles.section,
    )?;
    row += 1;
    let sens_header = [
        "input",
        "low",
        "high",
        "total at low",
        "total at high",
        "swing",
    ];
    for (c, h) in sens_header.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &styles.header)?;
    }
    row += 1;
    if sensitivity.is_empty() {
        ws.write_string_with_format(
            row,
            0,
            "(every input is fixed: no sensitivity)",
            &styles.note,
        )?;
    }
    for s in sensitivity {
        ws.write_string(row, 0, &s.key)?;
        let f = |d: Decimal| crate::model::num::Num::to_f64(d);
        ws.write_number_with_format(row, 1, f(s.low), &styles.number)?;
        ws.write_number_with_format(row, 2, f(s.high), &styles.number)?;
        ws.write_number_with_format(row, 3, f(s.total_at_low), &styles.money)?;
        ws.write_number_with_format(row, 4, f(s.total_at_high), &styles.money)?;
        ws.write_number_with_format(row, 5, f(s.swing), &styles.money)?;
        row += 1;
    }

    ws.set_row_height(header_row, 30)?;
    ws.set_column_width(0, 34)?;
    for c in 1..6 {
        ws.set_column_width(c, 22)?;
    }
    ws.set_freeze_panes(header_row + 1, 1)?;
    Ok(ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_names_are_spreadsheet_names_and_distinct() {
        let names = ["training course", "Training-course", "tooling", "ü"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            cost_names(&names),
            [
                "cost_training_course",
                "cost_Training_course_2",
                "cost_tooling",
                "cost__"
            ]
        );
    }

    #[test]
    fn a_plan_too_long_for_a_worksheet_is_refused_with_a_message() {
        let text = "[scenario]\nname = \"Big\"\nstart = \"2027-01\"\n[team]\nengineers = 1\nsalary = 100000\n[hiring]\nplan = [{ month = \"2027-01\", count = 1 }]\n";
        let loaded = crate::scenario::load_str("big.toml", text, &[]);
        let Ok(mut loaded) = loaded else {
            panic!("the scenario loads");
        };
        // Validation refuses more than MAX_OPENINGS openings, far fewer than a
        // worksheet holds; this guards callers that build a scenario otherwise.
        let opening = loaded.scenario.plan[0].clone();
        loaded.scenario.plan = vec![opening; 2100];
        let message = check_fits(&loaded.scenario)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.contains("more than a worksheet's 16384"),
            "{message}"
        );
    }

    #[test]
    fn ramp_loss_matches_f_of_model_md() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        // R = 4: F(1) − F(0) = 1 − 1/8.
        assert_eq!(ramp_loss(d("0"), d("1"), d("4")), Some(d("0.875")));
        // Capped at R: F(4) − F(3.5) = 2 − (3.5 − 12.25/8).
        assert_eq!(ramp_loss(d("3.5"), d("4"), d("4")), Some(d("0.03125")));
        assert_eq!(ramp_loss(d("0"), d("0"), d("0")), Some(d("0")));
    }
}
