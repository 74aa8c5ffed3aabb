//! Who works in Rust, month by month (MODEL.md §2): the waves of the current
//! team, the market cohorts (the openings of `hiring.plan` and one replacement
//! opening a month for the leavers), attrition, and the ramping cohorts' terms.
//!
//! Cost stays linear in the horizon. Every Rust cohort is counted in a *pool*
//! by the month it starts in Rust (⌊τ⌋): the survivors of month m are
//! A(m) = Σ_f N(f)·S(m−f), and the leavers ℓ(s) = A(s−1) − B(s), where
//! B(s) = Σ_{f<s} N(f)·S(s−f) is the pool one month older. Replacement
//! cohorts all share one hiring delay per evaluation, so their presence,
//! ramp and recruiting terms depend only on their age: they are kernels by
//! age, summed over the few ages where they are not settled.

use super::num::{Num, Q};

/// A wave of the current team switching to Rust (MODEL.md §1 `[adoption]`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wave<T> {
    /// Month index t_k (0 = `start`).
    pub(crate) month: i64,
    pub(crate) engineers: T,
}

/// An opening of `hiring.plan`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Opening<T> {
    /// Month index o (0 = `start`).
    pub(crate) month: i64,
    pub(crate) count: T,
}

/// The inputs the head counts depend on, for one evaluation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CohortInputs<T: Num> {
    /// Days to hire on the current stack.
    pub(crate) days_to_hire: Q<T>,
    /// Days to hire into Rust: days_to_hire · multiplier (multiply first, §4).
    pub(crate) rust_days_to_hire: Q<T>,
    pub(crate) days_per_month: Q<T>,
    /// `team.attrition`, per year.
    pub(crate) attrition: Q<T>,
    /// T = `ramp.months`.
    pub(crate) ramp_months: Q<T>,
    /// 1 − `team.know_rust`: the share of a wave that ramps.
    pub(crate) team_learners: Q<T>,
    /// 1 − `hiring.know_rust`: the share of a market cohort that ramps.
    pub(crate) hire_learners: Q<T>,
}

/// One month's head counts and cohort terms (MODEL.md §2), unrounded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeadCount<T: Num> {
    /// O(m): team members working in Rust who have not left.
    pub(crate) team_in_rust: Q<T>,
    /// H(m): Rust hires in post.
    pub(crate) hires: Q<T>,
    /// R(m) = O(m) + H(m).
    pub(crate) rust: Q<T>,
    /// Pr(m): the team's engineers in post in the Rust case.
    pub(crate) in_post: Q<T>,
    /// Pb(m): the team's engineers in post in the baseline.
    pub(crate) in_post_baseline: Q<T>,
    /// Σ c_j over market cohorts with ⌊tr_j⌋ = m (Rust hires made this month).
    pub(crate) rust_hires_made: Q<T>,
    /// Σ c_j over market cohorts with ⌊tb_j⌋ = m (baseline hires made this month).
    pub(crate) baseline_hires_made: Q<T>,
    /// Σ ramping cohorts n · S(τ, m) · (F(b) − F(a)).
    pub(crate) ramp: Q<T>,
    /// Σ ramping cohorts n · S(τ, m) · (min(b, T) − min(a, T)).
    pub(crate) mentoring: Q<T>,
}

/// A kernel by age d (months since a replacement opened): `values[i]` is for
/// age `first + i`.
#[derive(Debug, Clone)]
struct Kernel<T: Num> {
    first: i64,
    values: Vec<Q<T>>,
}

impl<T: Num> Kernel<T> {
    fn new() -> Self {
        Kernel {
            first: 0,
            values: Vec::new(),
        }
    }

    /// Σ_d ℓ(m − d) · kernel(d).
    #[inline]
    fn apply(&self, leavers: &[Q<T>], m: i64) -> Q<T> {
        let mut sum = Q::zero();
        for (i, k) in self.values.iter().enumerate() {
            let s = m - self.first - i as i64;
            if s < 1 {
                break;
            }
            sum = sum + leavers[s as usize] * *k;
        }
        sum
    }
}

/// The cohorts of one scenario and the per-evaluation state, reused across
/// evaluations (trials).
#[derive(Debug, Clone)]
pub(crate) struct Cohorts<T: Num> {
    months: usize,
    /// E: `team.engineers`.
    engineers: T,
    waves: Vec<Wave<T>>,
    openings: Vec<Opening<T>>,
    // --- per evaluation ---
    /// S_k, k = 0 ..= M (MODEL.md §2, §4).
    survival: Vec<Q<T>>,
    attrition: bool,
    /// Rust and baseline hire times of each opening, and their floors.
    tr: Vec<Q<T>>,
    tb: Vec<Q<T>>,
    tr_month: Vec<i64>,
    tb_month: Vec<i64>,
    /// N(f): members of the Rust cohorts starting in month f.
    inflow: Vec<Q<T>>,
    /// A(m) of the months computed so far.
    survivors: Vec<Q<T>>,
    /// ℓ(s); ℓ(0) = 0.
    leavers: Vec<Q<T>>,
    /// The replacements' shared delays: ⌊δ⌋ in the Rust case and the
    /// baseline, and the fraction of the Rust arrival month not in post.
    rust_delay_months: i64,
    baseline_delay_months: i64,
    rust_delay_fraction: Q<T>,
    /// Replacement kernels by age: presence difference (baseline − Rust) with
    /// survival, ramp and mentoring terms with survival.
    vacancy: Kernel<T>,
    ramp: Kernel<T>,
    mentoring: Kernel<T>,
    ramp_months: Q<T>,
    team_learners: Q<T>,
    hire_learners: Q<T>,
}

/// A month index far beyond any horizon, for hire times that do not fit `i64`.
const NEVER: i64 = i64::MAX / 4;

impl<T: Num> Cohorts<T> {
    pub(crate) fn new(
        engineers: T,
        waves: Vec<Wave<T>>,
        openings: Vec<Opening<T>>,
        months: usize,
    ) -> Self {
        let n = openings.len();
        Cohorts {
            months,
            engineers,
            waves,
            openings,
            survival: Vec::with_capacity(months + 1),
            attrition: false,
            tr: Vec::with_capacity(n),
            tb: Vec::with_capacity(n),
            tr_month: Vec::with_capacity(n),
            tb_month: Vec::with_capacity(n),
            inflow: Vec::with_capacity(months),
            survivors: Vec::with_capacity(months),
            leavers: Vec::with_capacity(months),
            rust_delay_months: 0,
            baseline_delay_months: 0,
            rust_delay_fraction: Q::zero(),
            vacancy: Kernel::new(),
            ramp: Kernel::new(),
            mentoring: Kernel::new(),
            ramp_months: Q::zero(),
            team_learners: Q::zero(),
            hire_learners: Q::zero(),
        }
    }

    /// Prepares an evaluation: hire times, survival factors, replacement
    /// kernels. Returns `Err(item)` naming what overflowed.
    pub(crate) fn start(&mut self, x: &CohortInputs<T>) -> Result<(), &'static str> {
        let zero = Q::<T>::zero();
        let months = self.months;
        self.ramp_months = x.ramp_months;
        self.team_learners = x.team_learners;
        self.hire_learners = x.hire_learners;

        // Hire times, multiply first, rounded to 12 decimals (MODEL.md §4).
        self.tr.clear();
        self.tb.clear();
        self.tr_month.clear();
        self.tb_month.clear();
        for o in &self.openings {
            let om = Q::int(o.month);
            let tr = super::hire_time(om, x.rust_days_to_hire, x.days_per_month);
            let tb = super::hire_time(om, x.days_to_hire, x.days_per_month);
            if tr.get().is_none() || tb.get().is_none() {
                return Err("hire times");
            }
            self.tr.push(tr);
            self.tb.push(tb);
            self.tr_month.push(tr.floor_index().unwrap_or(NEVER));
            self.tb_month.push(tb.floor_index().unwrap_or(NEVER));
        }

        // Survival: q = attrition / 12 rounded to 20 decimals, S_{k+1} =
        // round₂₀(S_k · (1 − q)) (MODEL.md §2, §4).
        let q = (x.attrition / Q::int(12)).round20();
        if q.get().is_none() {
            return Err("attrition");
        }
        self.attrition = !q.same(zero);
        let keep = Q::int(1) - q;
        self.survival.clear();
        let mut s = Q::int(1);
        self.survival.push(s);
        for _ in 0..months {
            if self.attrition {
                s = (s * keep).round20();
            }
            self.survival.push(s);
        }

        self.inflow.clear();
        self.inflow.resize(months, zero);
        for w in &self.waves {
            if (0..months as i64).contains(&w.month) {
                let f = w.month as usize;
                self.inflow[f] = self.inflow[f] + Q::of(w.engineers);
            }
        }
        for (j, o) in self.openings.iter().enumerate() {
            let f = self.tr_month[j];
            if (0..months as i64).contains(&f) {
                let f = f as usize;
                self.inflow[f] = self.inflow[f] + Q::of(o.count);
            }
        }
        self.survivors.clear();
        self.leavers.clear();
        if self.attrition {
            self.replacement_kernels(x)?;
        }
        Ok(())
    }

    /// The kernels of replacement cohorts by age d (MODEL.md §2): a
    /// replacement opened in month s arrives at s + δ, δ = days · multiplier / D.
    fn replacement_kernels(&mut self, x: &CohortInputs<T>) -> Result<(), &'static str> {
        let zero = Q::<T>::zero();
        let one = Q::<T>::int(1);
        let rust_delay = (x.rust_days_to_hire / x.days_per_month).round12();
        let baseline_delay = (x.days_to_hire / x.days_per_month).round12();
        let (Some(kr), Some(kb)) = (rust_delay.floor_index(), baseline_delay.floor_index()) else {
            // Beyond any horizon: replacements never arrive.
            self.rust_delay_months = NEVER;
            self.baseline_delay_months = NEVER;
            return Ok(());
        };
        self.rust_delay_months = kr;
        self.baseline_delay_months = kb;
        self.rust_delay_fraction = rust_delay - Q::int(kr);
        let horizon = self.months as i64;
        let survival = |d: i64| self.survival[(d - kr).clamp(0, horizon) as usize];
        let present = |delay: Q<T>, d: i64| (Q::int(d) + one - delay).clamp(zero, one);

        let mut vacancy = Vec::new();
        let first = kr.min(kb).min(horizon);
        for d in first..=kr.max(kb).min(horizon - 1) {
            let gap = present(baseline_delay, d) - present(rust_delay, d);
            vacancy.push(gap * survival(d));
        }
        self.vacancy = Kernel {
            first,
            values: vacancy,
        };

        let t = x.ramp_months;
        let mut ramp = Vec::new();
        let mut mentoring = Vec::new();
        let mut d = kr;
        while d < horizon {
            let a = (Q::int(d) - rust_delay).max(zero);
            if !a.lt(t) {
                break;
            }
            let b = (Q::int(d) + one - rust_delay).max(zero);
            let (r, m) = super::ramp_terms(a, b, t);
            ramp.push(r * survival(d));
            mentoring.push(m * survival(d));
            d += 1;
        }
        if vacancy_overflowed(&self.vacancy.values) || vacancy_overflowed(&ramp) {
            return Err("hire times");
        }
        self.ramp = Kernel {
            first: kr,
            values: ramp,
        };
        self.mentoring = Kernel {
            first: kr,
            values: mentoring,
        };
        Ok(())
    }

    /// The first month anyone works in Rust: the smallest t_k over waves with
    /// e_k > 0 and ⌊tr_j⌋ over openings with c_j > 0 (MODEL.md §2 `m_ci`);
    /// call after [`Cohorts::start`].
    pub(crate) fn first_rust_month(&self) -> Option<i64> {
        let zero = T::zero();
        let waves = self
            .waves
            .iter()
            .filter(|w| w.engineers > zero)
            .map(|w| w.month);
        let hires = self
            .openings
            .iter()
            .zip(&self.tr_month)
            .filter(|(o, _)| o.count > zero)
            .map(|(_, &f)| f);
        waves.chain(hires).min()
    }

    /// Month m's head counts; months must be asked for in order 0, 1, 2, ...
    pub(crate) fn month(&mut self, m: usize) -> HeadCount<T> {
        let zero = Q::<T>::zero();
        let one = Q::<T>::int(1);
        let mi = m as i64;
        let mq = Q::int(mi);

        // The pool one month older, the leavers, their replacement (§2).
        let older = if m == 0 {
            zero
        } else if !self.attrition {
            self.survivors[m - 1]
        } else if T::ROUNDED_SURVIVAL {
            // Each cohort's own rounded factor (MODEL.md §4).
            let mut sum = zero;
            for f in 0..m {
                sum = sum + self.inflow[f] * self.survival[m - f];
            }
            sum
        } else {
            self.survivors[m - 1] * self.survival[1]
        };
        let left_now = if m == 0 {
            zero
        } else {
            self.survivors[m - 1] - older
        };
        self.leavers.push(left_now);
        if self.attrition && m > 0 {
            let f = mi.saturating_add(self.rust_delay_months);
            if f < self.months as i64 {
                self.inflow[f as usize] = self.inflow[f as usize] + left_now;
            }
        }
        let survivors = older + self.inflow[m];
        self.survivors.push(survivors);

        // The waves: O(m), the members who started and their ramp.
        let mut team_in_rust = zero;
        let mut started = zero;
        let mut ramp = zero;
        let mut mentoring = zero;
        for w in &self.waves {
            if w.month > mi {
                continue;
            }
            let e = Q::of(w.engineers);
            let s = self.survival[(mi - w.month) as usize];
            started = started + e;
            team_in_rust = team_in_rust + e * s;
            let tau = Q::int(w.month);
            let (r, mt) = super::ramp_terms(mq - tau, mq + one - tau, self.ramp_months);
            let learners = e * self.team_learners * s;
            ramp = ramp + learners * r;
            mentoring = mentoring + learners * mt;
        }

        // The openings of the plan: arrival fractions, vacancy and ramp windows.
        let mut arriving_fraction = zero;
        let mut rust_made = zero;
        let mut baseline_made = zero;
        let mut vacancy = zero;
        for (j, o) in self.openings.iter().enumerate() {
            let (fr, fb) = (self.tr_month[j], self.tb_month[j]);
            if mi < fr.min(fb) {
                continue;
            }
            let c = Q::of(o.count);
            let (tr, tb) = (self.tr[j], self.tb[j]);
            let s = self.survival[(mi - fr).clamp(0, self.months as i64) as usize];
            if mi == fr {
                rust_made = rust_made + c;
                arriving_fraction = arriving_fraction + c * (tr - mq);
            }
            if mi == fb {
                baseline_made = baseline_made + c;
            }
            if mi <= fr.max(fb) {
                let gap = super::present(tb, mq) - super::present(tr, mq);
                vacancy = vacancy + c * gap * s;
            }
            if mi >= fr {
                let a = (mq - tr).max(zero);
                let b = mq + one - tr;
                let (r, mt) = super::ramp_terms(a, b, self.ramp_months);
                let learners = c * self.hire_learners * s;
                ramp = ramp + learners * r;
                mentoring = mentoring + learners * mt;
            }
        }

        // The replacements, by age.
        if self.attrition {
            let l = &self.leavers;
            let at = |s: i64| {
                if s >= 1 && s <= mi {
                    l[s as usize]
                } else {
                    zero
                }
            };
            let arriving = mi.saturating_sub(self.rust_delay_months);
            rust_made = rust_made + at(arriving);
            arriving_fraction = arriving_fraction + at(arriving) * self.rust_delay_fraction;
            baseline_made = baseline_made + at(mi.saturating_sub(self.baseline_delay_months));
            vacancy = vacancy + self.vacancy.apply(l, mi);
            let learners = self.hire_learners;
            ramp = ramp + learners * self.ramp.apply(l, mi);
            mentoring = mentoring + learners * self.mentoring.apply(l, mi);
        }

        let hires = survivors - team_in_rust - arriving_fraction;
        let left = started - team_in_rust;
        let in_post = Q::of(self.engineers) - left + hires;
        HeadCount {
            team_in_rust,
            hires,
            rust: team_in_rust + hires,
            in_post,
            in_post_baseline: in_post + vacancy,
            rust_hires_made: rust_made,
            baseline_hires_made: baseline_made,
            ramp,
            mentoring,
        }
    }
}

fn vacancy_overflowed<T: Num>(values: &[Q<T>]) -> bool {
    values.iter().any(|v| v.get().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn q(s: &str) -> Q<Decimal> {
        Q::of(d(s))
    }

    fn inputs(days: &str, mult: &str, attrition: &str, ramp: &str) -> CohortInputs<Decimal> {
        CohortInputs {
            days_to_hire: q(days),
            rust_days_to_hire: q(days) * q(mult),
            days_per_month: Q::of(super::super::DAYS_PER_MONTH),
            attrition: q(attrition),
            ramp_months: q(ramp),
            team_learners: q("1"),
            hire_learners: q("1"),
        }
    }

    fn months(c: &mut Cohorts<Decimal>, n: usize) -> Vec<HeadCount<Decimal>> {
        (0..n).map(|m| c.month(m)).collect()
    }

    fn val(x: Q<Decimal>) -> Decimal {
        x.get().unwrap_or(Decimal::MAX).normalize()
    }

    #[test]
    fn survival_rounds_each_step_to_20_decimals() {
        // attrition 0.13: q = 0.0108333… → 0.01083333333333333333.
        let mut c = Cohorts::new(
            d("10"),
            vec![Wave {
                month: 0,
                engineers: d("10"),
            }],
            vec![],
            4,
        );
        assert!(c.start(&inputs("45", "2", "0.13", "0")).is_ok());
        let s: Vec<Decimal> = c.survival.iter().map(|x| val(*x)).collect();
        assert_eq!(s[1], d("0.98916666666666666667"));
        // 0.98916666666666666667² = 0.978450694444444444451…, rounded to 20 decimals.
        assert_eq!(s[2], d("0.97845069444444444445"));
    }

    #[test]
    fn a_wave_loses_a_share_each_month_after_its_first_and_is_replaced() {
        // attrition 0.12 → q = 0.01; instant hiring (0 days): each leaver is
        // replaced in the month they leave, so the pool stays at 10 and 0.1
        // leave every month (0.099 of the wave and 0.001 of the first replacement...).
        let wave = Wave {
            month: 0,
            engineers: d("10"),
        };
        let mut c = Cohorts::new(d("10"), vec![wave], vec![], 4);
        assert!(c.start(&inputs("0", "2", "0.12", "0")).is_ok());
        let h = months(&mut c, 4);
        let team: Vec<Decimal> = h.iter().map(|x| val(x.team_in_rust)).collect();
        assert_eq!(team, [d("10"), d("9.9"), d("9.801"), d("9.70299")]);
        let leavers: Vec<Decimal> = c.leavers.iter().map(|x| val(*x)).collect();
        assert_eq!(leavers, [d("0"), d("0.1"), d("0.1"), d("0.1")]);
        // Replacements arrive at once: R stays 10, the baseline too.
        for x in &h {
            assert_eq!(val(x.rust), d("10"));
            assert_eq!(val(x.in_post), d("10"));
            assert_eq!(val(x.in_post_baseline), d("10"));
        }
        // The hires made: each month's replacement (Rust and baseline alike).
        assert_eq!(val(h[1].rust_hires_made), d("0.1"));
        assert_eq!(val(h[3].baseline_hires_made), d("0.1"));
    }

    #[test]
    fn a_replacement_arrives_after_the_hiring_delay_with_its_first_month_in_part() {
        // 45 days, multiplier 2: δr = 90/30.4375 = 2.956878850103 months,
        // δb = 1.478439425051 months. One leaver in month 1 (q = 0.1 of 10
        // engineers... attrition 1.2 is out of the domain; use 0.6: q = 0.05).
        let wave = Wave {
            month: 0,
            engineers: d("10"),
        };
        let mut c = Cohorts::new(d("10"), vec![wave], vec![], 6);
        assert!(c.start(&inputs("45", "2", "0.6", "0")).is_ok());
        let h = months(&mut c, 6);
        assert_eq!(c.rust_delay_months, 2);
        assert_eq!(c.baseline_delay_months, 1);
        // ℓ(1) = 10 · 0.05 = 0.5: hired in month 1 + 1 = 2 in the baseline,
        // month 1 + 2 = 3 in the Rust case, in post for 1 − 0.956878850103 of it.
        assert_eq!(val(c.leavers[1]), d("0.5"));
        assert_eq!(val(h[2].baseline_hires_made), d("0.5"));
        assert_eq!(val(h[3].rust_hires_made), d("0.5"));
        // Month 3's hires: ℓ(1)·(1 − 0.956878850103) (ℓ(0) = 0).
        assert_eq!(val(h[3].hires), d("0.5") * d("0.043121149897"));
        // Baseline in month 2: ℓ(1) present for 1 − 0.478439425051 of it.
        let pb_minus_pr = val(h[2].in_post_baseline - h[2].in_post);
        assert_eq!(pb_minus_pr, d("0.5") * d("0.521560574949"));
    }

    #[test]
    fn two_waves_ramp_from_their_own_months() {
        // Waves of 2 at month 0 and 3 at month 2, ramp 3 months, no attrition:
        // F(x) = x − x²/6; F(1) − F(0) = 5/6, F(2) − F(1) = 1/2, F(3) − F(2) = 1/6.
        let waves = vec![
            Wave {
                month: 0,
                engineers: d("2"),
            },
            Wave {
                month: 2,
                engineers: d("3"),
            },
        ];
        let mut c = Cohorts::new(d("5"), waves, vec![], 5);
        assert!(c.start(&inputs("45", "2", "0", "3")).is_ok());
        let h = months(&mut c, 5);
        let ramp: Vec<Decimal> = h.iter().map(|x| val(x.ramp).round_dp(9)).collect();
        // month 0: 2·5/6; 1: 2·1/2; 2: 2·1/6 + 3·5/6; 3: 3·1/2; 4: 3·1/6.
        assert_eq!(
            ramp,
            [
                d("1.666666667"),
                d("1"),
                d("2.833333333"),
                d("1.5"),
                d("0.5")
            ]
        );
        let mentoring: Vec<Decimal> = h.iter().map(|x| val(x.mentoring)).collect();
        assert_eq!(mentoring, [d("2"), d("2"), d("5"), d("3"), d("3")]);
        let team: Vec<Decimal> = h.iter().map(|x| val(x.team_in_rust)).collect();
        assert_eq!(team, [d("2"), d("2"), d("5"), d("5"), d("5")]);
    }
}
