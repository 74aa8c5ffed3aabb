//! The engine: one set of formulas (MODEL.md §2-§3), generic over the number type,
//! so the exact base case (`Decimal`) and the Monte Carlo trials (`f64`) share it.

pub(crate) mod base;
pub(crate) mod num;
pub(crate) mod sensitivity;

use crate::scenario::{BUILTIN_INPUTS, Input, Scenario};
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

/// An opening as the model needs it.
#[derive(Debug, Clone, Copy)]
struct Opening<T> {
    month: i64,
    count: T,
}

#[derive(Debug, Clone, Copy)]
struct CostSchedule {
    first: i64,
    last: i64,
    per_engineer: bool,
}

/// The scenario's fixed part, converted to the number type once.
#[derive(Debug, Clone)]
pub(crate) struct Model<T> {
    pub(crate) months: usize,
    engineers: T,
    openings: Vec<Opening<T>>,
    working_days: Vec<T>,
    hours_per_day: T,
    days_per_month: T,
    costs: Vec<CostSchedule>,
    benefits_from: i64,
    /// Month labels for messages.
    labels: Vec<String>,
}

/// Per-evaluation buffers, reused across trials.
#[derive(Debug, Clone)]
pub(crate) struct Scratch<T: Num> {
    /// Rust and baseline hire times of each opening.
    tr: Vec<Q<T>>,
    tb: Vec<Q<T>>,
    month: Month<T>,
}

impl<T: Num> Model<T> {
    pub(crate) fn new(scenario: &Scenario) -> Model<T> {
        Model {
            months: scenario.months,
            engineers: T::from_decimal(scenario.engineers),
            openings: scenario
                .plan
                .iter()
                .map(|o| Opening {
                    month: o.month,
                    count: T::from_decimal(o.count),
                })
                .collect(),
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
            tr: Vec::with_capacity(self.openings.len()),
            tb: Vec::with_capacity(self.openings.len()),
            month: Month {
                engineers: T::zero(),
                engineers_baseline: T::zero(),
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
        self.hire_times(x, scratch)?;
        for m in 0..self.months {
            let cohorts = self.cohorts(m, &rates, scratch);
            self.fill_month(m, x, &rates, &cohorts, &mut scratch.month)?;
            sink.month(m, &scratch.month)?;
        }
        Ok(())
    }

    /// The §2 definitions that do not change from month to month.
    #[inline(always)]
    fn rates(&self, x: &[T]) -> Result<Rates<T>, Overflow> {
        let v = |i: Input| Q::of(x[i as usize]);
        let one = Q::<T>::int(1);
        let e = Q::of(self.engineers);
        let salary = v(Input::Salary);
        let l = loaded_monthly(salary, v(Input::Overhead));
        let premium = v(Input::Premium);
        let fee = v(Input::Fee);
        let clean_extra = v(Input::CleanMinutes) - v(Input::BaselineCleanMinutes);
        let wait_minutes = v(Input::IncrementalPerDay)
            * (v(Input::IncrementalMinutes) - v(Input::BaselineIncrementalMinutes))
            + v(Input::CleanPerDay) * clean_extra;
        let rates = Rates {
            e,
            l,
            value: l * v(Input::ValueMultiplier),
            premium,
            ramp_months: v(Input::RampMonths),
            ramp_gap: v(Input::SteadyProductivity) - v(Input::StartProductivity),
            mentoring: v(Input::Mentoring),
            team_learners: e * (one - v(Input::TeamKnowRust)),
            hire_unfamiliar: one - v(Input::HireKnowRust),
            build_wait_share: wait_minutes * v(Input::LostShare)
                / (Q::int(60) * Q::of(self.hours_per_day)),
            ci_per_day: v(Input::CiBuildsPerDay) * clean_extra * v(Input::CiCostPerMinute),
            steady_loss: one - v(Input::SteadyProductivity),
            retention: e * l * v(Input::RetentionRaise),
            infra: -v(Input::InfraPerMonth),
            incidents: -(v(Input::IncidentsPerMonth)
                * v(Input::IncidentCost)
                * v(Input::IncidentReduction)),
            recruit_rust: salary * fee * (one + premium),
            recruit_base: salary * fee,
        };
        if rates.build_wait_share.get().is_none()
            || rates.ci_per_day.get().is_none()
            || rates.retention.get().is_none()
            || rates.recruit_rust.get().is_none()
        {
            return Err(self.overflow("build_wait", 0));
        }
        Ok(rates)
    }

    /// Hire times of every opening, multiply first, rounded to 12 decimals
    /// (MODEL.md §4).
    #[inline(always)]
    fn hire_times(&self, x: &[T], scratch: &mut Scratch<T>) -> Result<(), Overflow> {
        let d = Q::of(self.days_per_month);
        let days = Q::of(x[Input::DaysToHire as usize]);
        let rust_delay = days * Q::of(x[Input::Multiplier as usize]);
        scratch.tr.clear();
        scratch.tb.clear();
        for o in &self.openings {
            let om = Q::int(o.month);
            let tr = hire_time(om, rust_delay, d);
            let tb = hire_time(om, days, d);
            if tr.get().is_none() || tb.get().is_none() {
                return Err(self.overflow("hire times", 0));
            }
            scratch.tr.push(tr);
            scratch.tb.push(tb);
        }
        Ok(())
    }

    /// Month `m`'s hires present, recruiting, and the ramp-up and mentoring of
    /// every ramping cohort (each opening's, joining at its hire time, and the
    /// current team's, joining at t = 0).
    #[inline(always)]
    fn cohorts(&self, m: usize, rates: &Rates<T>, scratch: &Scratch<T>) -> Cohorts<T> {
        let zero = Q::<T>::zero();
        let mq = Q::int(i64::try_from(m).unwrap_or(i64::MAX));
        let next = mq + Q::int(1);
        let mut sums = Cohorts {
            hires_rust: zero,
            hires_base: zero,
            recruiting: zero,
            ramp: zero,
            mentor: zero,
        };
        for (h, o) in self.openings.iter().enumerate() {
            let c = Q::of(o.count);
            let tr = scratch.tr[h];
            let tb = scratch.tb[h];
            sums.hires_rust = sums.hires_rust + c * present(tr, mq);
            sums.hires_base = sums.hires_base + c * present(tb, mq);
            let rust_hire_now = tr.floor().same(mq);
            let base_hire_now = tb.floor().same(mq);
            if rust_hire_now {
                sums.recruiting = sums.recruiting + c * rates.recruit_rust;
            }
            if base_hire_now {
                sums.recruiting = sums.recruiting - c * rates.recruit_base;
            }
            // Ramping cohort of this opening, joining at tr.
            let b = (next - tr).max(zero);
            if b.same(zero) {
                continue;
            }
            let a = (mq - tr).max(zero);
            let learners = c * rates.hire_unfamiliar;
            let (r, m_) = ramp_terms(a, b, rates.ramp_months);
            sums.ramp = sums.ramp + learners * rates.ramp_gap * r;
            sums.mentor = sums.mentor + learners * rates.mentoring * m_;
        }
        // The current team's ramping cohort, joining at t = 0.
        let (r, m_) = ramp_terms(mq, next, rates.ramp_months);
        sums.ramp = sums.ramp + rates.team_learners * rates.ramp_gap * r;
        sums.mentor = sums.mentor + rates.team_learners * rates.mentoring * m_;
        sums
    }

    /// Month `m`'s line items (MODEL.md §3); an item too large for the number
    /// type is refused, named.
    #[inline(always)]
    fn fill_month(
        &self,
        m: usize,
        x: &[T],
        rates: &Rates<T>,
        cohorts: &Cohorts<T>,
        month: &mut Month<T>,
    ) -> Result<(), Overflow> {
        let mi = i64::try_from(m).unwrap_or(i64::MAX);
        let n_costs = self.costs.len();
        let l = rates.l;
        let pr = rates.e + cohorts.hires_rust;
        let pb = rates.e + cohorts.hires_base;
        let put = |slot: &mut T, q: Q<T>, item: &str| -> Result<(), Overflow> {
            match q.get() {
                Some(val) => {
                    *slot = val;
                    Ok(())
                }
                None => Err(self.overflow(item, m)),
            }
        };
        put(&mut month.engineers, pr, "unfilled_seats")?;
        put(&mut month.engineers_baseline, pb, "unfilled_seats")?;
        put(
            &mut month.cash[0],
            cohorts.hires_rust * l * rates.premium,
            "salary_premium",
        )?;
        put(&mut month.cash[1], rates.retention, "retention_raise")?;
        put(&mut month.cash[2], cohorts.recruiting, "recruiting")?;
        put(&mut month.cash[3], (pr - pb) * l, "unfilled_seats")?;
        put(
            &mut month.cash[4],
            rates.ci_per_day * Q::of(self.working_days[m]),
            "ci_compute",
        )?;
        for (k, cost) in self.costs.iter().enumerate() {
            let active = cost.first <= mi && mi <= cost.last;
            let amount = Q::of(x[BUILTIN_INPUTS + k]);
            let q = if cost.per_engineer {
                amount * pr
            } else {
                amount
            };
            put(&mut month.cash[5 + k], q.when(active), "costs")?;
        }
        let saving = mi >= self.benefits_from;
        put(
            &mut month.cash[5 + n_costs],
            rates.infra.when(saving),
            "infra_savings",
        )?;
        put(
            &mut month.cash[6 + n_costs],
            rates.incidents.when(saving),
            "incident_savings",
        )?;
        let em = [
            pb - pr,
            cohorts.ramp,
            cohorts.mentor,
            pr * rates.steady_loss,
            pr * rates.build_wait_share,
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
    /// E: engineers at the start.
    e: Q<T>,
    /// L: loaded monthly cost of one engineer.
    l: Q<T>,
    /// V: value of an engineer-month.
    value: Q<T>,
    premium: Q<T>,
    ramp_months: Q<T>,
    ramp_gap: Q<T>,
    mentoring: Q<T>,
    team_learners: Q<T>,
    hire_unfamiliar: Q<T>,
    build_wait_share: Q<T>,
    ci_per_day: Q<T>,
    steady_loss: Q<T>,
    retention: Q<T>,
    infra: Q<T>,
    incidents: Q<T>,
    recruit_rust: Q<T>,
    recruit_base: Q<T>,
}

/// One month's figures that depend on the hiring cohorts.
struct Cohorts<T: Num> {
    hires_rust: Q<T>,
    hires_base: Q<T>,
    recruiting: Q<T>,
    ramp: Q<T>,
    mentor: Q<T>,
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
fn ramp_terms<T: Num>(a: Q<T>, b: Q<T>, r: Q<T>) -> (Q<T>, Q<T>) {
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
