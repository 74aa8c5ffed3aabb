//! The engine: one set of formulas (MODEL.md §2-§3), generic over the number type,
//! so the exact base case (`Decimal`) and the Monte Carlo trials (`f64`) share it.

pub(crate) mod base;
pub(crate) mod cohorts;
pub(crate) mod num;
pub(crate) mod sensitivity;

use crate::scenario::{BUILTIN_INPUTS, Input, Scenario};
use cohorts::{CohortInputs, Cohorts, HeadCount, Opening, Wave};
use num::{Num, Q};

/// Cash columns before the custom costs (MODEL.md §3 order).
pub(crate) const CASH_BEFORE_COSTS: [&str; 5] = [
    "salary_premium",
    "retention_raise",
    "recruiting",
    "unfilled_seats",
    "ci_compute",
];
/// Cash columns after the custom costs.
pub(crate) const CASH_AFTER_COSTS: [&str; 2] = ["infra_savings", "incident_savings"];
/// Capacity items; `X` is money, `X_em` engineer-months.
pub(crate) const CAPACITY: [&str; 5] =
    ["vacancy", "ramp", "mentoring", "productivity", "build_wait"];

pub(crate) use crate::scenario::calendar::DAYS_PER_MONTH;

/// The names of the cash columns of a scenario, in order.
pub(crate) fn cash_columns(scenario: &Scenario) -> Vec<String> {
    CASH_BEFORE_COSTS
        .iter()
        .map(|s| s.to_string())
        .chain(scenario.costs.iter().map(|c| c.name.clone()))
        .chain(CASH_AFTER_COSTS.iter().map(|s| s.to_string()))
        .collect()
}

/// Which inputs feed each line item, for overflow messages.
pub(crate) fn item_inputs(item: &str) -> &'static str {
    match item {
        "salary_premium" => "hiring.plan counts, team.salary, team.overhead, hiring.premium",
        "retention_raise" => "team.engineers, team.salary, team.overhead, team.retention_raise",
        "recruiting" => "hiring.plan counts, team.salary, hiring.fee, hiring.premium",
        "unfilled_seats" | "vacancy" => {
            "team.engineers, hiring.plan counts, team.salary, team.overhead, team.value_multiplier"
        }
        "ci_compute" => "builds.ci_builds_per_day, builds.clean_minutes, builds.ci_cost_per_minute",
        "ramp" | "mentoring" => {
            "team.engineers, hiring.plan counts, ramp.*, team.salary, team.value_multiplier"
        }
        "productivity" => {
            "team.engineers, hiring.plan counts, ramp.steady_productivity, team.salary, team.value_multiplier"
        }
        "build_wait" => "team.engineers, builds.*, team.salary, team.value_multiplier",
        "infra_savings" | "incident_savings" => "benefits.*",
        "hire times" => "hiring.days_to_hire, hiring.multiplier",
        "totals" => "the money inputs (team.salary, cost amounts, benefits): their monthly totals",
        _ => "that cost's amount and the engineer counts",
    }
}

/// The model could not be evaluated: a number grew beyond what `Decimal` holds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the figures overflow while computing `{item}` {}: the inputs behind it ({inputs}) are too large together; reduce them",
    for_month(month)
)]
pub struct Overflow {
    pub(crate) item: String,
    pub(crate) month: String,
    pub(crate) inputs: &'static str,
}

/// "for month 2027-03", or "for the horizon total" when `month` is not a month.
fn for_month(month: &str) -> String {
    if month.starts_with(|c: char| c.is_ascii_digit()) {
        format!("for month {month}")
    } else {
        format!("for {month}")
    }
}

/// A month's line items, unrounded.
#[derive(Debug, Clone)]
pub(crate) struct Month<T> {
    /// Pr(m)
    pub(crate) engineers: T,
    /// Pb(m)
    pub(crate) engineers_baseline: T,
    /// R(m)
    pub(crate) rust_engineers: T,
    /// Cash columns in [`cash_columns`] order.
    pub(crate) cash: Vec<T>,
    /// `X_em` per [`CAPACITY`] item.
    pub(crate) em: [T; 5],
    /// `X` = `X_em` · V per [`CAPACITY`] item.
    pub(crate) capacity: [T; 5],
}

/// Receives each month as it is computed.
pub(crate) trait Sink<T> {
    fn month(&mut self, m: usize, month: &Month<T>) -> Result<(), Overflow>;
}

#[derive(Debug, Clone, Copy)]
struct CostSchedule {
    first: i64,
    last: i64,
    per_engineer: bool,
}

/// The scenario's fixed part, converted to the number type once.
#[derive(Debug, Clone)]
pub(crate) struct Model<T: Num> {
    pub(crate) months: usize,
    /// The waves and openings; cloned into each [`Scratch`].
    cohorts: Cohorts<T>,
    /// Whether the scenario has an `[adoption]` section (MODEL.md §2 `m_ci`).
    adoption: bool,
    working_days: Vec<T>,
    hours_per_day: T,
    days_per_month: T,
    costs: Vec<CostSchedule>,
    /// `benefits.from` as a month index; `None`: `m_ci`.
    benefits_from: Option<i64>,
    /// Month labels for messages.
    labels: Vec<String>,
}

/// Per-evaluation buffers, reused across trials.
#[derive(Debug, Clone)]
pub(crate) struct Scratch<T: Num> {
    cohorts: Cohorts<T>,
    month: Month<T>,
}

impl<T: Num> Model<T> {
    pub(crate) fn new(scenario: &Scenario) -> Model<T> {
        let waves = scenario
            .waves
            .iter()
            .map(|w| Wave {
                month: w.month,
                engineers: T::from_decimal(w.engineers),
            })
            .collect();
        let openings = scenario
            .plan
            .iter()
            .map(|o| Opening {
                month: o.month,
                count: T::from_decimal(o.count),
            })
            .collect();
        Model {
            months: scenario.months,
            cohorts: Cohorts::new(
                T::from_decimal(scenario.engineers),
                waves,
                openings,
                scenario.months,
            ),
            adoption: scenario.adoption,
            working_days: scenario
                .working_days
                .iter()
                .map(|&d| T::from_i64(i64::from(d)))
                .collect(),
            hours_per_day: T::from_decimal(scenario.hours_per_day),
            days_per_month: T::from_decimal(DAYS_PER_MONTH),
            costs: scenario
                .costs
                .iter()
                .map(|c| CostSchedule {
                    first: c.first,
                    last: c.last,
                    per_engineer: c.per_engineer,
                })
                .collect(),
            benefits_from: scenario.benefits_from,
            labels: (0..scenario.months)
                .map(|m| scenario.month_label(m).to_string())
                .collect(),
        }
    }

    pub(crate) fn scratch(&self) -> Scratch<T> {
        Scratch {
            cohorts: self.cohorts.clone(),
            month: Month {
                engineers: T::zero(),
                engineers_baseline: T::zero(),
                rust_engineers: T::zero(),
                cash: vec![
                    T::zero();
                    CASH_BEFORE_COSTS.len() + self.costs.len() + CASH_AFTER_COSTS.len()
                ],
                em: [T::zero(); 5],
                capacity: [T::zero(); 5],
            },
        }
    }

    fn overflow(&self, item: &str, m: usize) -> Overflow {
        Overflow {
            item: item.to_string(),
            month: self
                .labels
                .get(m)
                .cloned()
                .unwrap_or_else(|| "(setup)".to_string()),
            inputs: item_inputs(item),
        }
    }

    /// Evaluates every month (MODEL.md §3) with the inputs `x` (indexed by
    /// [`Input`], then cost amounts), handing each month to `sink`.
    pub(crate) fn evaluate<S: Sink<T>>(
        &self,
        x: &[T],
        scratch: &mut Scratch<T>,
        sink: &mut S,
    ) -> Result<(), Overflow> {
        let rates = self.rates(x)?;
        self.start_cohorts(x, &mut scratch.cohorts)?;
        let schedule = self.schedule(&scratch.cohorts);
        for m in 0..self.months {
            let heads = scratch.cohorts.month(m);
            self.fill_month(m, x, &rates, &schedule, &heads, &mut scratch.month)?;
            sink.month(m, &scratch.month)?;
        }
        Ok(())
    }

    /// The §2 definitions that do not change from month to month.
    #[inline(always)]
    fn rates(&self, x: &[T]) -> Result<Rates<T>, Overflow> {
        let v = |i: Input| Q::of(x[i as usize]);
        let one = Q::<T>::int(1);
        let salary = v(Input::Salary);
        let l = loaded_monthly(salary, v(Input::Overhead));
        let premium = v(Input::Premium);
        let fee = v(Input::Fee);
        let clean_extra = v(Input::CleanMinutes) - v(Input::BaselineCleanMinutes);
        let wait_minutes = v(Input::IncrementalPerDay)
            * (v(Input::IncrementalMinutes) - v(Input::BaselineIncrementalMinutes))
            + v(Input::CleanPerDay) * clean_extra;
        let rates = Rates {
            l,
            value: l * v(Input::ValueMultiplier),
            premium,
            ramp_gap: v(Input::SteadyProductivity) - v(Input::StartProductivity),
            mentoring: v(Input::Mentoring),
            build_wait_share: wait_minutes * v(Input::LostShare)
                / (Q::int(60) * Q::of(self.hours_per_day)),
            ci_per_day: v(Input::CiBuildsPerDay) * clean_extra * v(Input::CiCostPerMinute),
            steady_loss: one - v(Input::SteadyProductivity),
            retention_raise: v(Input::RetentionRaise),
            infra: -v(Input::InfraPerMonth),
            incidents: -(v(Input::IncidentsPerMonth)
                * v(Input::IncidentCost)
                * v(Input::IncidentReduction)),
            savings_ramp: v(Input::BenefitsRampMonths),
            recruit_rust: salary * fee * (one + premium),
            recruit_base: salary * fee,
        };
        if rates.build_wait_share.get().is_none()
            || rates.ci_per_day.get().is_none()
            || (l * rates.retention_raise).get().is_none()
            || rates.recruit_rust.get().is_none()
        {
            return Err(self.overflow("build_wait", 0));
        }
        Ok(rates)
    }

    /// Prepares the cohorts for one evaluation: hire times (multiply first,
    /// rounded to 12 decimals, MODEL.md §4), survival, replacement kernels.
    #[inline(always)]
    fn start_cohorts(&self, x: &[T], cohorts: &mut Cohorts<T>) -> Result<(), Overflow> {
        let v = |i: Input| Q::of(x[i as usize]);
        let one = Q::<T>::int(1);
        let days = v(Input::DaysToHire);
        cohorts
            .start(&CohortInputs {
                days_to_hire: days,
                rust_days_to_hire: days * v(Input::Multiplier),
                days_per_month: Q::of(self.days_per_month),
                attrition: v(Input::Attrition),
                ramp_months: v(Input::RampMonths),
                team_learners: one - v(Input::TeamKnowRust),
                hire_learners: one - v(Input::HireKnowRust),
            })
            .map_err(|item| self.overflow(item, 0))
    }

    /// When Rust CI runs and savings start, for this evaluation (MODEL.md §2).
    #[inline(always)]
    fn schedule(&self, cohorts: &Cohorts<T>) -> Schedule {
        // m_ci: the first month with Rust CI; none when nobody works in Rust.
        let first_ci = if self.adoption {
            cohorts.first_rust_month()
        } else {
            Some(0)
        };
        Schedule {
            first_ci,
            // `benefits.from`, by default m_ci; `start` when there is none (§1).
            savings_from: self.benefits_from.or(first_ci).unwrap_or(0),
        }
    }

    /// Month `m`'s line items (MODEL.md §3); an item too large for the number
    /// type is refused, named.
    #[inline(always)]
    fn fill_month(
        &self,
        m: usize,
        x: &[T],
        rates: &Rates<T>,
        schedule: &Schedule,
        heads: &HeadCount<T>,
        month: &mut Month<T>,
    ) -> Result<(), Overflow> {
        let mi = i64::try_from(m).unwrap_or(i64::MAX);
        let n_costs = self.costs.len();
        let l = rates.l;
        let rust = heads.rust;
        let put = |slot: &mut T, q: Q<T>, item: &str| -> Result<(), Overflow> {
            match q.get() {
                Some(val) => {
                    *slot = val;
                    Ok(())
                }
                None => Err(self.overflow(item, m)),
            }
        };
        put(&mut month.engineers, heads.in_post, "unfilled_seats")?;
        put(
            &mut month.engineers_baseline,
            heads.in_post_baseline,
            "unfilled_seats",
        )?;
        put(&mut month.rust_engineers, rust, "unfilled_seats")?;
        put(
            &mut month.cash[0],
            heads.hires * l * rates.premium,
            "salary_premium",
        )?;
        put(
            &mut month.cash[1],
            heads.team_in_rust * l * rates.retention_raise,
            "retention_raise",
        )?;
        let recruiting = heads.rust_hires_made * rates.recruit_rust
            - heads.baseline_hires_made * rates.recruit_base;
        put(&mut month.cash[2], recruiting, "recruiting")?;
        put(
            &mut month.cash[3],
            (heads.in_post - heads.in_post_baseline) * l,
            "unfilled_seats",
        )?;
        let ci_on = schedule.first_ci.is_some_and(|first| mi >= first);
        put(
            &mut month.cash[4],
            (rates.ci_per_day * Q::of(self.working_days[m])).when(ci_on),
            "ci_compute",
        )?;
        for (k, cost) in self.costs.iter().enumerate() {
            let active = cost.first <= mi && mi <= cost.last;
            let amount = Q::of(x[BUILTIN_INPUTS + k]);
            let q = if cost.per_engineer {
                amount * rust
            } else {
                amount
            };
            put(&mut month.cash[5 + k], q.when(active), "costs")?;
        }
        let share = savings_share(mi, schedule.savings_from, rates.savings_ramp);
        put(
            &mut month.cash[5 + n_costs],
            rates.infra * share,
            "infra_savings",
        )?;
        put(
            &mut month.cash[6 + n_costs],
            rates.incidents * share,
            "incident_savings",
        )?;
        let em = [
            heads.in_post_baseline - heads.in_post,
            heads.ramp * rates.ramp_gap,
            heads.mentoring * rates.mentoring,
            rust * rates.steady_loss,
            rust * rates.build_wait_share,
        ];
        for (i, q) in em.into_iter().enumerate() {
            put(&mut month.em[i], q, CAPACITY[i])?;
            put(&mut month.capacity[i], q * rates.value, CAPACITY[i])?;
        }
        Ok(())
    }
}

/// The §2 definitions of one evaluation (named as in MODEL.md where it has a name).
struct Rates<T: Num> {
    /// L: loaded monthly cost of one engineer.
    l: Q<T>,
    /// V: value of an engineer-month.
    value: Q<T>,
    premium: Q<T>,
    ramp_gap: Q<T>,
    mentoring: Q<T>,
    build_wait_share: Q<T>,
    ci_per_day: Q<T>,
    steady_loss: Q<T>,
    retention_raise: Q<T>,
    infra: Q<T>,
    incidents: Q<T>,
    /// T_s: months over which savings grow to full.
    savings_ramp: Q<T>,
    recruit_rust: Q<T>,
    recruit_base: Q<T>,
}

/// When Rust CI runs and savings start, for one evaluation.
struct Schedule {
    /// m_ci; `None`: nobody works in Rust, so no Rust CI.
    first_ci: Option<i64>,
    /// f: the month index savings start from.
    savings_from: i64,
}

/// g(m): the share of the full savings in month m when they start in month
/// `from` and grow linearly over `ramp` months (MODEL.md §2): (b′ − a′) −
/// (F_s(b′) − F_s(a′)), a′ = max(0, m − f), b′ = max(0, m + 1 − f).
#[inline(always)]
fn savings_share<T: Num>(m: i64, from: i64, ramp: Q<T>) -> Q<T> {
    if m < from {
        return Q::zero();
    }
    let a = Q::int(m - from);
    let b = Q::int(m + 1 - from);
    let (growth, _) = ramp_terms(a, b, ramp);
    b - a - growth
}

/// L = salary · (1 + overhead) / 12, the loaded monthly cost of one engineer
/// (MODEL.md §2).
#[inline(always)]
pub(crate) fn loaded_monthly<T: Num>(salary: Q<T>, overhead: Q<T>) -> Q<T> {
    salary * (Q::int(1) + overhead) / Q::int(12)
}

/// A hire time `o + delay_days / D`, the delay already multiplied out (Rust:
/// days_to_hire · multiplier), rounded to 12 decimals (MODEL.md §2, §4).
#[inline(always)]
pub(crate) fn hire_time<T: Num>(
    opening_month: Q<T>,
    delay_days: Q<T>,
    days_per_month: Q<T>,
) -> Q<T> {
    (opening_month + delay_days / days_per_month).round12()
}

/// present(t, m) = clamp(m + 1 − t, 0, 1): the share of month m a cohort
/// joining at t is employed (MODEL.md §2).
#[inline(always)]
pub(crate) fn present<T: Num>(t: Q<T>, m: Q<T>) -> Q<T> {
    (m + Q::int(1) - t).clamp(Q::zero(), Q::int(1))
}

/// F(b) − F(a) and min(b, R) − min(a, R) for a ramping cohort (MODEL.md §2-§3):
/// F(x) = x − x²/(2R) for x < R, R/2 for x ≥ R, 0 when R = 0.
#[inline(always)]
pub(crate) fn ramp_terms<T: Num>(a: Q<T>, b: Q<T>, r: Q<T>) -> (Q<T>, Q<T>) {
    let zero = Q::<T>::zero();
    if r.same(zero) || !a.lt(r) {
        // Not ramping (R = 0) or fully ramped for the whole month.
        return (zero, zero);
    }
    let f = |x: Q<T>| {
        if x.lt(r) {
            x - x * x / (r + r)
        } else {
            r / Q::int(2)
        }
    };
    (f(b) - f(a), b.min(r) - a.min(r))
}

/// Σ months of `(1 + rate)^(−(m+1)/12)` discount factors for NPV (MODEL.md §3).
pub(crate) fn discount_factors(rate: f64, months: usize) -> Vec<f64> {
    (0..months)
        .map(|m| (1.0 + rate).powf(-((m + 1) as f64) / 12.0))
        .collect()
}
