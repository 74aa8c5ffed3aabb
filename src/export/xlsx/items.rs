//! The line items of MODEL.md §3 as spreadsheet expressions, written once and
//! used two ways: for one month (a cell of the Monthly sheet) and for every
//! month at once (inside `SUMPRODUCT`, for the live sensitivity table). The
//! expressions therefore use only element-wise arithmetic: conditions are
//! products of comparisons, never `IF`, `MIN` or `MAX`.

use crate::model::CAPACITY;
use crate::model::base::Precision;
use crate::scenario::{BUILTIN_INPUTS, Input};

use super::formats::rounded;

/// How one evaluation of the model reads each input and derived quantity.
#[derive(Clone)]
pub(super) struct Ctx {
    /// Per workbook input (built-ins, costs, spare costs): the formula text of
    /// its value, e.g. `premium` or `premium_high`.
    pub(super) input: Vec<String>,
    /// L, V and the build-wait share (MODEL.md §2-§3).
    pub(super) loaded: String,
    pub(super) value: String,
    pub(super) wait_share: String,
}

impl Ctx {
    /// The value of a built-in input.
    pub(super) fn of(&self, input: Input) -> &str {
        &self.input[input as usize]
    }

    /// An evaluation whose derived quantities are written out from its inputs.
    pub(super) fn inline(input: Vec<String>, hours_per_day: &str) -> Ctx {
        let v = |i: Input| input[i as usize].clone();
        let loaded = format!("({}*(1+{})/12)", v(Input::Salary), v(Input::Overhead));
        let value = format!("({loaded}*{})", v(Input::ValueMultiplier));
        let wait_share = format!(
            "(({}*({}-{})+{}*({}-{}))*{}/(60*{hours_per_day}))",
            v(Input::IncrementalPerDay),
            v(Input::IncrementalMinutes),
            v(Input::BaselineIncrementalMinutes),
            v(Input::CleanPerDay),
            v(Input::CleanMinutes),
            v(Input::BaselineCleanMinutes),
            v(Input::LostShare),
        );
        Ctx {
            input,
            loaded,
            value,
            wait_share,
        }
    }
}

/// Where a cost applies: the defined names of its first month, last month and
/// per-engineer flag (1 or 0).
#[derive(Clone)]
pub(super) struct CostRefs {
    pub(super) from: String,
    pub(super) to: String,
    pub(super) per_engineer: String,
}

/// The per-month quantities the items read, as cell references (one month) or
/// column ranges (every month).
pub(super) struct At {
    pub(super) date: String,
    pub(super) working_days: String,
    /// O, H, R, Pr, Pb (MODEL.md §2).
    pub(super) team_in_rust: String,
    pub(super) hires: String,
    pub(super) rust: String,
    pub(super) in_post: String,
    pub(super) in_post_baseline: String,
    pub(super) rust_hires_made: String,
    pub(super) baseline_hires_made: String,
    /// Ramp loss and mentored months of the waves and of the market cohorts.
    pub(super) wave_loss: String,
    pub(super) market_loss: String,
    pub(super) wave_mentored: String,
    pub(super) market_mentored: String,
    /// 1 from m_ci on.
    pub(super) ci_on: String,
    /// g(m), the savings ramp.
    pub(super) savings_share: String,
    /// X_em, when a sheet holds them (the main evaluation does).
    pub(super) em: Option<[String; 5]>,
}

/// A line item of MODEL.md §3 (cash, then capacity in money).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Item {
    /// `salary_premium` … `ci_compute`.
    Cash(usize),
    /// A cost (workbook cost index: the scenario's, then the spare rows).
    Cost(usize),
    InfraSavings,
    IncidentSavings,
    /// `vacancy` … `build_wait`, in money.
    Capacity(usize),
}

impl Item {
    /// Every item of a workbook with `n_costs` cost rows (spare rows included),
    /// in `monthly.csv` order.
    pub(super) fn all(n_costs: usize) -> Vec<Item> {
        (0..5)
            .map(Item::Cash)
            .chain((0..n_costs).map(Item::Cost))
            .chain([Item::InfraSavings, Item::IncidentSavings])
            .chain((0..CAPACITY.len()).map(Item::Capacity))
            .collect()
    }
}

/// `X_em` of capacity item `i`, unrounded (MODEL.md §3).
pub(super) fn em_expr(i: usize, ctx: &Ctx, at: &At) -> String {
    if let Some(em) = &at.em {
        return em[i].clone();
    }
    let v = |input: Input| ctx.of(input);
    match i {
        0 => format!("({}-{})", at.in_post_baseline, at.in_post),
        1 => format!(
            "({}-{})*((1-{})*{}+(1-{})*{})",
            v(Input::SteadyProductivity),
            v(Input::StartProductivity),
            v(Input::TeamKnowRust),
            at.wave_loss,
            v(Input::HireKnowRust),
            at.market_loss
        ),
        2 => format!(
            "{}*((1-{})*{}+(1-{})*{})",
            v(Input::Mentoring),
            v(Input::TeamKnowRust),
            at.wave_mentored,
            v(Input::HireKnowRust),
            at.market_mentored
        ),
        3 => format!("{}*(1-{})", at.rust, v(Input::SteadyProductivity)),
        _ => format!("{}*{}", at.rust, ctx.wait_share),
    }
}

/// The unrounded expression of `item` (MODEL.md §3).
pub(super) fn expr(item: Item, ctx: &Ctx, costs: &[CostRefs], at: &At) -> String {
    let v = |input: Input| ctx.of(input);
    let l = &ctx.loaded;
    match item {
        Item::Cash(0) => format!("{}*{l}*{}", at.hires, v(Input::Premium)),
        Item::Cash(1) => format!("{}*{l}*{}", at.team_in_rust, v(Input::RetentionRaise)),
        Item::Cash(2) => format!(
            "{made_r}*{salary}*{fee}*(1+{premium})-{made_b}*{salary}*{fee}",
            made_r = at.rust_hires_made,
            made_b = at.baseline_hires_made,
            salary = v(Input::Salary),
            fee = v(Input::Fee),
            premium = v(Input::Premium)
        ),
        Item::Cash(3) => format!("({}-{})*{l}", at.in_post, at.in_post_baseline),
        Item::Cash(_) => format!(
            "{}*{}*{}*({}-{})*{}",
            at.ci_on,
            v(Input::CiBuildsPerDay),
            at.working_days,
            v(Input::CleanMinutes),
            v(Input::BaselineCleanMinutes),
            v(Input::CiCostPerMinute)
        ),
        Item::Cost(k) => {
            let c = &costs[k];
            format!(
                "{amount}*({date}>={from})*({date}<={to})*({pe}*{rust}+1-{pe})",
                amount = ctx.input[BUILTIN_INPUTS + k],
                date = at.date,
                from = c.from,
                to = c.to,
                pe = c.per_engineer,
                rust = at.rust
            )
        }
        Item::InfraSavings => format!("-{}*{}", v(Input::InfraPerMonth), at.savings_share),
        Item::IncidentSavings => format!(
            "-{}*{}*{}*{}",
            v(Input::IncidentsPerMonth),
            v(Input::IncidentCost),
            v(Input::IncidentReduction),
            at.savings_share
        ),
        Item::Capacity(i) => format!("{}*{}", em_expr(i, ctx, at), ctx.value),
    }
}

/// The horizon total of `item` as a sum of rounded monthly cells, with `at`
/// holding whole columns (MODEL.md §4).
pub(super) fn horizon_sum(item: Item, ctx: &Ctx, costs: &[CostRefs], at: &At) -> String {
    format!(
        "SUMPRODUCT({})",
        rounded(&expr(item, ctx, costs, at), Precision::Money)
    )
}

/// Σ over a range of cost rows of each rounded cost cell in the month whose
/// date is `date`, with `rust` as R(m): the defined names of the amounts,
/// first months, last months and per-engineer flags.
pub(super) fn cost_rows_sum(names: [&str; 4], date: &str, rust: &str) -> String {
    let [amounts, from, to, pe] = names;
    format!(
        "=SUMPRODUCT({})",
        rounded(
            &format!("{amounts}*({date}>={from})*({date}<={to})*({pe}*{rust}+1-{pe})"),
            Precision::Money
        )
    )
}
