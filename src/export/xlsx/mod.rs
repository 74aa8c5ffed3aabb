//! `model.xlsx` (`run --xlsx`): the base case as a workbook a finance partner can
//! edit safely. Every monthly cell is a spreadsheet formula over the
//! Assumptions sheet (one editable, validated cell per input, under a defined
//! name) and the hidden Helper sheet (the head counts of MODEL.md §2, waves,
//! attrition and replacements included), rounded as MODEL.md §4 says:
//! `ROUND(ROUND(x,12),2)` for money, 3 decimals for engineer-months, totals as
//! sums of rounded cells. Each formula also stores the tool's exact result, so
//! a viewer that does not recalculate shows the same numbers as `monthly.csv`;
//! a spreadsheet that does recalculates to them (to the cent), and follows any
//! edit of an input, a date, a wave, an opening or a cost.
//!
//! Sheets: Read me, Summary (totals, the scenario switch, the check cell, the
//! live sensitivity table and the sampled figures, greyed once stale), Monthly,
//! Charts, Bands (sampled), Assumptions, and the hidden Helper and Checks
//! sheets. This file gathers what every sheet reads (the `Book`) and owns the
//! defined names; each sheet has a file of its own.

mod assumptions;
mod bands;
mod block;
mod charts;
mod checks;
mod formats;
mod helper;
mod inputs;
mod items;
mod monthly;
mod readme;
mod sensitivity;
mod shadow;
mod summary;

use std::fmt;

use anyhow::Context;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

use crate::model::base::{BaseCase, Precision, round_cell};
use crate::model::sensitivity::SensitivityRow;
use crate::sample::Sampled;
use crate::scenario::{BUILTIN_INPUTS, Input, Scenario};

use block::Block;
use formats::Styles;
use inputs::{SPARE_ROWS, WbInput};
use items::{CostRefs, Ctx};
use monthly::MonthlyCols;
use shadow::{BlockCol, BlockInputs, BlockValues, NEVER};

pub(crate) const README: &str = "Read me";
pub(crate) const SUMMARY: &str = "Summary";
pub(crate) const MONTHLY: &str = "Monthly";
pub(crate) const CHARTS: &str = "Charts";
pub(crate) const BANDS: &str = "Bands";
pub(crate) const ASSUMPTIONS_SHEET: &str = "Assumptions";
pub(crate) const HELPER: &str = "Helper";
pub(crate) const CHECKS: &str = "Checks";

/// First data row (0-based) of the Monthly and Helper sheets: their rows line up,
/// so Monthly row r reads Helper row r.
const FIRST_ROW: u32 = 4;
/// Row (0-based) of the column headers on the Monthly and Helper sheets.
const HEADER_ROW: u32 = 3;

/// The defined names other than the inputs' own.
mod names {
    pub(crate) const START: &str = "start_month";
    pub(crate) const HOLIDAYS: &str = "holidays";
    pub(crate) const CURRENCY: &str = "currency";
    pub(crate) const TEAM_ENGINEERS: &str = "team_engineers";
    pub(crate) const HOURS_PER_DAY: &str = "hours_per_day";
    pub(crate) const DISCOUNT_RATE: &str = "discount_rate";
    pub(crate) const ADOPTION_WRITTEN: &str = "adoption_section";
    pub(crate) const BENEFITS_FROM: &str = "benefits_from";
    pub(crate) const WAVE_INDEX: &str = "wave_index";
    pub(crate) const WAVE_ENGINEERS: &str = "wave_engineers";
    pub(crate) const PLAN_INDEX: &str = "plan_index";
    pub(crate) const PLAN_COUNT: &str = "plan_count";
    pub(crate) const COST_BASE_ALL: &str = "cost_amounts_base";
    pub(crate) const COST_FROM_ALL: &str = "cost_first_months";
    pub(crate) const COST_TO_ALL: &str = "cost_last_months";
    pub(crate) const COST_PE_ALL: &str = "cost_per_engineer";
    pub(crate) const SPARE_AMOUNTS: &str = "spare_cost_amounts";
    pub(crate) const SPARE_FROM: &str = "spare_cost_first_months";
    pub(crate) const SPARE_TO: &str = "spare_cost_last_months";
    pub(crate) const SPARE_PE: &str = "spare_cost_per_engineer";
    // Derived, on the Assumptions sheet.
    pub(crate) const DAYS: &str = "days_per_month";
    pub(crate) const LOADED: &str = "loaded_monthly";
    pub(crate) const VALUE: &str = "engineer_month_value";
    pub(crate) const WAIT_SHARE: &str = "build_wait_share";
    pub(crate) const ATTRITION_Q: &str = "attrition_q";
    pub(crate) const RUST_DELAY: &str = "rust_delay";
    pub(crate) const BASELINE_DELAY: &str = "baseline_delay";
    pub(crate) const RUST_DELAY_MONTHS: &str = "rust_delay_months";
    pub(crate) const BASELINE_DELAY_MONTHS: &str = "baseline_delay_months";
    pub(crate) const FIRST_WAVE: &str = "first_wave_month";
    pub(crate) const FIRST_OPENING: &str = "first_opening_month";
    pub(crate) const ADOPTION_USED: &str = "adoption_used";
    pub(crate) const NOBODY_IN_RUST: &str = "nobody_in_rust";
    pub(crate) const FIRST_RUST_MONTH: &str = "first_rust_month";
    pub(crate) const BENEFITS_FROM_INDEX: &str = "benefits_from_index";
    pub(crate) const SAVINGS_FROM: &str = "savings_from";
    // Summary and Checks.
    pub(crate) const SWITCH: &str = "scenario_switch";
    pub(crate) const SWITCH_MODE: &str = "switch_mode";
    pub(crate) const INPUTS_OK: &str = "inputs_ok";
    pub(crate) const FIRST_PROBLEM: &str = "first_problem";
    pub(crate) const STALE: &str = "stale";
}

/// The choices of the scenario switch on Summary, in `switch_mode` order.
pub(crate) const SWITCH_CHOICES: [&str; 4] = ["all low", "base", "all high", "per input"];

/// The workbook's defined names, in the order they are defined.
#[derive(Default)]
struct DefinedNames(Vec<(String, String)>);

impl DefinedNames {
    /// Names a cell or range (`Sheet!$C$5` or `Sheet!$C$5:$C$9`).
    fn define(&mut self, name: &str, target: String) {
        self.0.push((name.to_string(), format!("={target}")));
    }
}

/// Low or high end of an input's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Low,
    High,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Low => "low",
            Side::High => "high",
        })
    }
}

/// The inputs that change the head counts or the savings ramp: each side of
/// each gets a cohort block of its own in the sensitivity table.
const BLOCK_INPUTS: [Input; 5] = [
    Input::Attrition,
    Input::DaysToHire,
    Input::Multiplier,
    Input::RampMonths,
    Input::BenefitsRampMonths,
];

/// A cohort block of the sensitivity table: every input at base, or one block
/// input at its low or high.
struct SensBlock {
    varied: Option<(usize, Side)>,
    ctx: Ctx,
    block: Block,
    values: BlockValues,
    /// Per month: Σ of the rounded cost cells at base amounts.
    costs: Vec<Decimal>,
    total: Decimal,
}

/// The waves and openings as the sheets lay them out.
struct Structure {
    /// (month index, engineers) per wave row; without `[adoption]`, the
    /// default wave of every engineer at `start`.
    waves: Vec<(i64, Decimal)>,
    wave_inflow: Vec<Decimal>,
    plan_inflow: Vec<Decimal>,
    first_wave: i64,
    first_opening: i64,
}

/// Everything the sheets read.
struct Book<'a> {
    scenario: &'a Scenario,
    base: &'a BaseCase,
    sampled: Option<&'a Sampled>,
    sensitivity: &'a [SensitivityRow],
    /// Built-ins, the scenario's costs, then the spare cost rows.
    inputs: Vec<WbInput>,
    /// Per cost row (spare rows included): where it applies.
    cost_refs: Vec<CostRefs>,
    main_ctx: Ctx,
    main: Block,
    main_values: BlockValues,
    sens_blocks: Vec<SensBlock>,
    structure: Structure,
    discount: Vec<Decimal>,
    cols: MonthlyCols,
}

impl Book<'_> {
    /// Cost rows: the scenario's, then the spare rows.
    fn n_costs(&self) -> usize {
        self.scenario.costs.len() + SPARE_ROWS
    }

    fn last_row(&self) -> u32 {
        FIRST_ROW + self.scenario.months as u32 - 1
    }
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
    let book = gather(scenario, base, sampled, sensitivity)?;
    let styles = Styles::new();
    let mut defined = DefinedNames::default();
    let mut assumptions = assumptions::assumptions_sheet(&book, &styles, &mut defined)?;
    assumptions.checks.push(summary::switch_check());
    let checks = checks::checks_sheet(
        &book,
        &assumptions.checks,
        &assumptions.snapshot,
        &styles,
        &mut defined,
    )?;
    let summary = summary::summary_sheet(&book, &styles, &mut defined)?;
    let monthly = monthly::monthly_sheet(&book, &styles)?;
    let helper = helper::helper_sheet(&book, &styles)?;
    let charts = charts::charts_sheet(&book, &styles, summary.sensitivity_rows)?;
    let bands = bands::bands_sheet(&book, &styles)?;
    let readme = readme::readme_sheet(&book, &styles)?;

    let mut wb = Workbook::new();
    let sheets = [
        readme,
        summary.sheet,
        monthly,
        charts,
        bands,
        assumptions.sheet,
        helper,
        checks,
    ];
    // A fixed creation date: the same inputs give the same bytes.
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{}: adoption cost model", scenario.name))
            .set_author("adoptcost")
            .set_creation_datetime(&created),
    );
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    for (name, target) in &defined.0 {
        wb.define_name(name, target)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Gathers what the sheets read: the inputs and their names, the cohort
/// blocks and their exact values.
fn gather<'a>(
    scenario: &'a Scenario,
    base: &'a BaseCase,
    sampled: Option<&'a Sampled>,
    sensitivity: &'a [SensitivityRow],
) -> anyhow::Result<Book<'a>> {
    let inputs = inputs::workbook_inputs(scenario);
    let months = scenario.months;
    let cost_refs: Vec<CostRefs> = inputs[BUILTIN_INPUTS..]
        .iter()
        .map(|i| CostRefs {
            from: format!("{}_first", i.name),
            to: format!("{}_last", i.name),
            per_engineer: format!("{}_per_engineer", i.name),
        })
        .collect();
    let main_ctx = Ctx {
        input: inputs.iter().map(|i| i.name.clone()).collect(),
        loaded: names::LOADED.to_string(),
        value: names::VALUE.to_string(),
        wait_share: names::WAIT_SHARE.to_string(),
    };
    let structure = structure(scenario);
    let block_inputs = |values: &[Decimal]| BlockInputs {
        months,
        engineers: scenario.engineers,
        wave_inflow: structure.wave_inflow.clone(),
        plan_inflow: structure.plan_inflow.clone(),
        first_wave: structure.first_wave,
        first_opening: structure.first_opening,
        adoption: scenario.adoption,
        benefits_from: scenario.benefits_from,
        attrition: values[Input::Attrition as usize],
        days_to_hire: values[Input::DaysToHire as usize],
        multiplier: values[Input::Multiplier as usize],
        ramp_months: values[Input::RampMonths as usize],
        benefits_ramp: values[Input::BenefitsRampMonths as usize],
    };
    let base_values: Vec<Decimal> = inputs.iter().map(|i| i.base).collect();
    let main_values = shadow::block(&block_inputs(&base_values))?;
    let main = Block {
        first: helper::col::MAIN,
        months,
    };

    // Tool's totals with each input at its low and high (the others at base).
    let total = base.total();
    let mut sens_totals = vec![(total, total); inputs.len()];
    for r in sensitivity {
        sens_totals[r.input] = (r.total_at_low, r.total_at_high);
    }

    let base_names = |suffix: &str| -> Vec<String> {
        inputs
            .iter()
            .map(|i| format!("{}_{suffix}", i.name))
            .collect()
    };
    let base_ctx = Ctx::inline(base_names("base"), names::HOURS_PER_DAY);
    let mut variants: Vec<Option<(usize, Side)>> = vec![None];
    for input in BLOCK_INPUTS {
        variants.push(Some((input as usize, Side::Low)));
        variants.push(Some((input as usize, Side::High)));
    }
    let mut sens_blocks = Vec::new();
    let first = helper::sens_first(&main);
    for (k, varied) in variants.into_iter().enumerate() {
        let mut refs = base_names("base");
        let mut values = base_values.clone();
        let mut total = base.total();
        if let Some((i, side)) = varied {
            refs[i] = format!("{}_{side}", inputs[i].name);
            values[i] = match side {
                Side::Low => inputs[i].low(),
                Side::High => inputs[i].high(),
            };
            total = match side {
                Side::Low => sens_totals[i].0,
                Side::High => sens_totals[i].1,
            };
        }
        let values = shadow::block(&block_inputs(&values))?;
        let costs = cost_sums(scenario, &inputs, values.col(BlockCol::Rust))?;
        sens_blocks.push(SensBlock {
            varied,
            ctx: Ctx::inline(refs, names::HOURS_PER_DAY),
            block: Block {
                first: first + helper::SENS_WIDTH * k as u16,
                months,
            },
            values,
            costs,
            total,
        });
    }
    let _ = base_ctx;

    let n_cash = base.cash_columns.len();
    Ok(Book {
        scenario,
        base,
        sampled,
        sensitivity,
        cost_refs,
        main_ctx,
        main,
        main_values,
        sens_blocks,
        structure,
        discount: crate::model::base::discount_factors_exact(scenario.discount_rate, months)
            .context("the discount factors overflow")?,
        cols: MonthlyCols { n_cash },
        inputs,
    })
}

/// The waves and openings per month, and the first month of each with a count.
fn structure(scenario: &Scenario) -> Structure {
    let months = scenario.months;
    let waves: Vec<(i64, Decimal)> = scenario
        .waves
        .iter()
        .map(|w| (w.month, w.engineers))
        .collect();
    let mut wave_inflow = vec![Decimal::ZERO; months];
    for &(m, e) in &waves {
        if (0..months as i64).contains(&m) {
            wave_inflow[m as usize] += e;
        }
    }
    let mut plan_inflow = vec![Decimal::ZERO; months];
    for o in &scenario.plan {
        if (0..months as i64).contains(&o.month) {
            plan_inflow[o.month as usize] += o.count;
        }
    }
    let first = |it: &mut dyn Iterator<Item = i64>| it.min().unwrap_or(NEVER);
    let first_wave = first(&mut waves.iter().filter(|w| w.1 > Decimal::ZERO).map(|w| w.0));
    let first_opening = first(
        &mut scenario
            .plan
            .iter()
            .filter(|o| o.count > Decimal::ZERO)
            .map(|o| o.month),
    );
    Structure {
        waves,
        wave_inflow,
        plan_inflow,
        first_wave,
        first_opening,
    }
}

/// Per month: Σ of the rounded cost cells at base amounts, with `rust` as R(m).
fn cost_sums(
    scenario: &Scenario,
    inputs: &[WbInput],
    rust: &[Decimal],
) -> anyhow::Result<Vec<Decimal>> {
    (0..scenario.months)
        .map(|m| {
            let mut sum = Decimal::ZERO;
            for (k, c) in scenario.costs.iter().enumerate() {
                let mi = m as i64;
                if c.first <= mi && mi <= c.last {
                    let amount = inputs[BUILTIN_INPUTS + k].base;
                    let x = if c.per_engineer {
                        amount.checked_mul(rust[m])
                    } else {
                        Some(amount)
                    };
                    let x =
                        x.context("the figures overflow while writing the costs to model.xlsx")?;
                    sum += round_cell(x, Precision::Money);
                }
            }
            Ok(sum)
        })
        .collect()
}

/// Columns in a worksheet (Excel and LibreOffice alike).
const MAX_COLUMNS: usize = 16_384;

/// Monthly needs a column per cost: a cost list too long for a worksheet is
/// refused before anything is computed (`run` calls this first).
pub(crate) fn check_fits(scenario: &Scenario) -> anyhow::Result<()> {
    let monthly = 26 + scenario.costs.len();
    if monthly > MAX_COLUMNS {
        anyhow::bail!(
            "{}: the workbook would need {monthly} columns, more than a worksheet's {MAX_COLUMNS} \
             (1 per [[costs]] entry); merge costs, or run without --xlsx",
            scenario.file,
        );
    }
    Ok(())
}
