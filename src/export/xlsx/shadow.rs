//! The exact values of the Helper sheet's cohort blocks, stored beside their
//! formulas so that a viewer that does not recalculate shows the tool's figures.
//!
//! A block computes MODEL.md §2 the way a spreadsheet can: every market cohort
//! (an opening of the plan, or a month's replacements) shares the hiring delays
//! δr and δb, so its terms depend only on its age, and the head counts of month
//! m are sums over the months before it of a monthly inflow times a kernel by
//! age (`SUMPRODUCT` over an index-reversed kernel column). This file follows
//! the sheet's formulas step by step in exact decimals; a test checks that the
//! head counts equal the model's.

use rust_decimal::Decimal;

use crate::model::num::Q;
use crate::scenario::calendar::DAYS_PER_MONTH;

use super::formats::get;

/// A month index for "never" (no Rust CI): beyond any horizon, exact in a
/// spreadsheet's floating point.
pub(super) const NEVER: i64 = 1_000_000_000;

/// The inputs a block depends on.
#[derive(Debug, Clone)]
pub(super) struct BlockInputs {
    pub(super) months: usize,
    /// E
    pub(super) engineers: Decimal,
    /// Per month: engineers of the waves switching then (Nw), and openings of
    /// the plan (Np).
    pub(super) wave_inflow: Vec<Decimal>,
    pub(super) plan_inflow: Vec<Decimal>,
    /// The first wave month with engineers, the first opening month with a
    /// count (`NEVER` when none), and whether m_ci applies (`[adoption]`).
    pub(super) first_wave: i64,
    pub(super) first_opening: i64,
    pub(super) adoption: bool,
    /// `benefits.from` as a month index, when given.
    pub(super) benefits_from: Option<i64>,
    pub(super) attrition: Decimal,
    pub(super) days_to_hire: Decimal,
    pub(super) multiplier: Decimal,
    pub(super) ramp_months: Decimal,
    pub(super) benefits_ramp: Decimal,
}

/// A block's parameters, its kernels by age and its columns by month.
#[derive(Debug, Clone)]
pub(super) struct BlockValues {
    pub(super) q: Decimal,
    pub(super) rust_delay: Decimal,
    pub(super) baseline_delay: Decimal,
    pub(super) rust_delay_months: i64,
    pub(super) baseline_delay_months: i64,
    /// m_ci, `NEVER` when nobody works in Rust.
    pub(super) first_rust_month: i64,
    /// f, the month index savings start from.
    pub(super) savings_from: i64,
    /// By age d = 0..M: S, S(d−1) − S(d), the waves' ramp and mentoring
    /// kernels, S(max(0, d − ⌊δr⌋)), and the market kernels (in post in the
    /// Rust case and the baseline, ramp, mentoring).
    pub(super) by_age: [Vec<Decimal>; 9],
    /// By month, in `BlockCol` order from `Leavers` to `SavingsShare`.
    pub(super) by_month: [Vec<Decimal>; 17],
}

/// Columns of a block, in sheet order: nine kernels by age, then the months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockCol {
    Survival,
    Leaving,
    WaveRamp,
    WaveMentoring,
    MarketSurvival,
    MarketInPost,
    MarketInPostBaseline,
    MarketRamp,
    MarketMentoring,
    Leavers,
    MarketOpenings,
    RustHiresMade,
    RustInflow,
    BaselineHiresMade,
    TeamInRust,
    Hires,
    HiresBaseline,
    WaveLoss,
    MarketLoss,
    WaveMentored,
    MarketMentored,
    Rust,
    InPost,
    InPostBaseline,
    CiOn,
    SavingsShare,
}

impl BlockCol {
    pub(super) const ALL: [BlockCol; 26] = [
        BlockCol::Survival,
        BlockCol::Leaving,
        BlockCol::WaveRamp,
        BlockCol::WaveMentoring,
        BlockCol::MarketSurvival,
        BlockCol::MarketInPost,
        BlockCol::MarketInPostBaseline,
        BlockCol::MarketRamp,
        BlockCol::MarketMentoring,
        BlockCol::Leavers,
        BlockCol::MarketOpenings,
        BlockCol::RustHiresMade,
        BlockCol::RustInflow,
        BlockCol::BaselineHiresMade,
        BlockCol::TeamInRust,
        BlockCol::Hires,
        BlockCol::HiresBaseline,
        BlockCol::WaveLoss,
        BlockCol::MarketLoss,
        BlockCol::WaveMentored,
        BlockCol::MarketMentored,
        BlockCol::Rust,
        BlockCol::InPost,
        BlockCol::InPostBaseline,
        BlockCol::CiOn,
        BlockCol::SavingsShare,
    ];

    /// Position in the block.
    pub(super) fn offset(self) -> u16 {
        self as u16
    }

    /// Kernels are indexed by age, and laid out with age reversed.
    pub(super) fn by_age(self) -> bool {
        (self as usize) < 9
    }
}

impl BlockValues {
    /// The stored value of column `c` in the sheet row for month `m` (kernel
    /// columns hold age M − 1 − m there).
    pub(super) fn at(&self, c: BlockCol, m: usize) -> Decimal {
        let i = c as usize;
        if c.by_age() {
            let months = self.by_age[0].len();
            self.by_age[i][months - 1 - m]
        } else {
            self.by_month[i - 9][m]
        }
    }

    pub(super) fn col(&self, c: BlockCol) -> &[Decimal] {
        let i = c as usize;
        if c.by_age() {
            &self.by_age[i]
        } else {
            &self.by_month[i - 9]
        }
    }
}

type D = Q<Decimal>;

fn q(d: Decimal) -> D {
    Q::of(d)
}

fn int(i: i64) -> D {
    Q::int(i)
}

/// F(x) = x − x²/(2T) for x < T, T/2 from T on, 0 when T = 0 (MODEL.md §2).
fn ramp_f(x: D, t: D) -> D {
    if t.same(Q::zero()) {
        return Q::zero();
    }
    if x.lt(t) {
        x - x * x / (t + t)
    } else {
        t / int(2)
    }
}

/// Σ_i a[i] · b[i].
fn dot(a: &[D], b: impl Iterator<Item = D>) -> D {
    a.iter().zip(b).fold(Q::zero(), |acc, (x, y)| acc + *x * y)
}

/// Evaluates a block as its formulas do.
pub(super) fn block(x: &BlockInputs) -> anyhow::Result<BlockValues> {
    let months = x.months;
    let zero = Q::<Decimal>::zero();
    let one = int(1);
    let t = q(x.ramp_months);
    let days = q(DAYS_PER_MONTH);
    let qv = (q(x.attrition) / int(12)).round20();
    let rust_delay = (q(x.days_to_hire) * q(x.multiplier) / days).round12();
    let baseline_delay = (q(x.days_to_hire) / days).round12();
    let (rust_delay_d, baseline_delay_d) = (
        get(rust_delay, "hire times")?,
        get(baseline_delay, "hire times")?,
    );
    let kr = whole(rust_delay_d);
    let kb = whole(baseline_delay_d);

    // Kernels by age.
    let mut s = Vec::with_capacity(months);
    let mut cur = one;
    for _ in 0..months {
        s.push(cur);
        cur = (cur * (one - qv)).round20();
    }
    let ds: Vec<D> = (0..months)
        .map(|d| if d == 0 { zero } else { s[d - 1] - s[d] })
        .collect();
    let age = |d: usize| int(d as i64);
    let wave_ramp: Vec<D> = (0..months)
        .map(|d| {
            if t.same(zero) {
                zero
            } else {
                s[d] * (ramp_f(age(d) + one, t) - ramp_f(age(d), t))
            }
        })
        .collect();
    let wave_ment: Vec<D> = (0..months)
        .map(|d| s[d] * ((age(d) + one).min(t) - age(d).min(t)))
        .collect();
    let sx: Vec<D> = (0..months)
        .map(|d| s[(d as i64 - kr).max(0) as usize])
        .collect();
    let clamp01 = |v: D| v.clamp(zero, one);
    let in_post: Vec<D> = (0..months)
        .map(|d| clamp01(age(d) + one - rust_delay) * sx[d])
        .collect();
    let in_post_b: Vec<D> = (0..months)
        .map(|d| clamp01(age(d) + one - baseline_delay) * sx[d])
        .collect();
    let a = |d: usize| (age(d) - rust_delay).max(zero);
    let b = |d: usize| (age(d) + one - rust_delay).max(zero);
    let market_ramp: Vec<D> = (0..months)
        .map(|d| {
            if t.same(zero) {
                zero
            } else {
                sx[d] * (ramp_f(b(d), t) - ramp_f(a(d), t))
            }
        })
        .collect();
    let market_ment: Vec<D> = (0..months)
        .map(|d| sx[d] * (b(d).min(t) - a(d).min(t)))
        .collect();

    // Months.
    let nw: Vec<D> = x.wave_inflow.iter().map(|&v| q(v)).collect();
    let np: Vec<D> = x.plan_inflow.iter().map(|&v| q(v)).collect();
    let mut started = Vec::with_capacity(months);
    let mut acc = zero;
    for v in &nw {
        acc = acc + *v;
        started.push(acc);
    }
    let mut leavers = Vec::with_capacity(months);
    let mut mk: Vec<D> = Vec::with_capacity(months);
    let mut made_r = Vec::with_capacity(months);
    let mut n: Vec<D> = Vec::with_capacity(months);
    let mut made_b = Vec::with_capacity(months);
    let pick = |mk: &[D], m: usize, k: i64| {
        let i = m as i64 - k;
        if i >= 0 { mk[i as usize] } else { zero }
    };
    for m in 0..months {
        let l = if m == 0 {
            zero
        } else {
            dot(&n[..m], (0..m).map(|f| ds[m - f]))
        };
        leavers.push(l);
        mk.push(np[m] + l);
        let r = pick(&mk, m, kr);
        made_r.push(r);
        n.push(nw[m] + r);
        made_b.push(pick(&mk, m, kb));
    }
    let col = |inflow: &[D], k: &[D]| -> Vec<D> {
        (0..months)
            .map(|m| dot(&inflow[..=m], (0..=m).map(|f| k[m - f])))
            .collect()
    };
    let o = col(&nw, &s);
    let h = col(&mk, &in_post);
    let hb = col(&mk, &in_post_b);
    let wloss = col(&nw, &wave_ramp);
    let mloss = col(&mk, &market_ramp);
    let wment = col(&nw, &wave_ment);
    let mment = col(&mk, &market_ment);
    let e = q(x.engineers);
    let rust: Vec<D> = (0..months).map(|m| o[m] + h[m]).collect();
    let pr: Vec<D> = (0..months)
        .map(|m| e - (started[m] - o[m]) + h[m])
        .collect();
    let pb: Vec<D> = (0..months)
        .map(|m| e - (started[m] - o[m]) + hb[m])
        .collect();

    let first_rust_month = if x.adoption {
        x.first_wave.min(x.first_opening.saturating_add(kr))
    } else {
        0
    };
    // `benefits.from` defaults to m_ci, or to `start` when nobody works in
    // Rust at all (MODEL.md §1).
    let nobody = x.adoption && x.first_wave >= NEVER && x.first_opening >= NEVER;
    let savings_from = x
        .benefits_from
        .unwrap_or(if nobody { 0 } else { first_rust_month });
    let ci_on: Vec<D> = (0..months)
        .map(|m| int(i64::from(m as i64 >= first_rust_month)))
        .collect();
    let ts = q(x.benefits_ramp);
    let g: Vec<D> = (0..months)
        .map(|m| {
            let from_f = m as i64 - savings_from;
            if from_f < 0 {
                zero
            } else if ts.same(zero) {
                one
            } else {
                one - (ramp_f(int(from_f + 1), ts) - ramp_f(int(from_f), ts))
            }
        })
        .collect();

    let exact = |v: Vec<D>| -> anyhow::Result<Vec<Decimal>> {
        v.into_iter().map(|d| get(d, "the helper sheet")).collect()
    };
    Ok(BlockValues {
        q: get(qv, "attrition")?,
        rust_delay: rust_delay_d,
        baseline_delay: baseline_delay_d,
        rust_delay_months: kr,
        baseline_delay_months: kb,
        first_rust_month,
        savings_from,
        by_age: [
            exact(s)?,
            exact(ds)?,
            exact(wave_ramp)?,
            exact(wave_ment)?,
            exact(sx)?,
            exact(in_post)?,
            exact(in_post_b)?,
            exact(market_ramp)?,
            exact(market_ment)?,
        ],
        by_month: [
            exact(leavers)?,
            exact(mk)?,
            exact(made_r)?,
            exact(n)?,
            exact(made_b)?,
            exact(o)?,
            exact(h)?,
            exact(hb)?,
            exact(wloss)?,
            exact(mloss)?,
            exact(wment)?,
            exact(mment)?,
            exact(rust)?,
            exact(pr)?,
            exact(pb)?,
            exact(ci_on)?,
            exact(g)?,
        ],
    })
}

/// ⌊v⌋ as a month count, capped far beyond any horizon.
fn whole(v: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    v.floor().to_i64().unwrap_or(NEVER).min(NEVER)
}
