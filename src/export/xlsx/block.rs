//! A cohort block on the Helper sheet: one evaluation of MODEL.md §2's head
//! counts, month by month (see `shadow.rs` for the method). The main block
//! follows the inputs in use; the sensitivity blocks follow the base values
//! with one cohort input at its low or high.

use rust_xlsxwriter::Worksheet;

use super::FIRST_ROW;
use super::formats::{Styles, cell, col_name, formula};
use super::helper::col as hc;
use super::items::At;
use super::shadow::{BlockCol, BlockValues};

/// References to a block's parameters (defined names or cells).
pub(super) struct Params {
    pub(super) q: String,
    pub(super) rust_delay: String,
    pub(super) baseline_delay: String,
    pub(super) rust_delay_months: String,
    pub(super) baseline_delay_months: String,
    /// T = `ramp.months`.
    pub(super) ramp_months: String,
    pub(super) first_rust_month: String,
    pub(super) savings_from: String,
    /// T_s = `benefits.ramp_months`.
    pub(super) benefits_ramp: String,
    /// E = `team.engineers`.
    pub(super) engineers: String,
}

/// Where a block sits on the Helper sheet.
#[derive(Debug, Clone, Copy)]
pub(super) struct Block {
    pub(super) first: u16,
    pub(super) months: usize,
}

impl Block {
    pub(super) fn col(&self, c: BlockCol) -> u16 {
        self.first + c.offset()
    }

    /// The first column after the block's own.
    pub(super) fn end(&self) -> u16 {
        self.first + BlockCol::ALL.len() as u16
    }

    fn last_row(&self) -> u32 {
        FIRST_ROW + self.months as u32 - 1
    }

    /// `Helper!$X$5:$X$28`: a whole column of the block.
    pub(super) fn range(&self, c: BlockCol) -> String {
        helper_range(self.col(c), self.months)
    }

    /// The quantities of one month (sheet row `row`), for the item formulas.
    pub(super) fn at_row(&self, row: u32) -> At {
        let at = |c: BlockCol| format!("{}!{}", super::HELPER, cell(row, self.col(c)));
        let shared = |c: u16| format!("{}!${}{}", super::HELPER, col_name(c), row + 1);
        self.at(at, shared)
    }

    /// The quantities of every month (whole columns), for `SUMPRODUCT`.
    pub(super) fn at_all(&self) -> At {
        let months = self.months;
        self.at(|c| self.range(c), |c| helper_range(c, months))
    }

    fn at(&self, of: impl Fn(BlockCol) -> String, shared: impl Fn(u16) -> String) -> At {
        At {
            date: shared(hc::MONTH),
            working_days: shared(hc::WORKING_DAYS),
            team_in_rust: of(BlockCol::TeamInRust),
            hires: of(BlockCol::Hires),
            rust: of(BlockCol::Rust),
            in_post: of(BlockCol::InPost),
            in_post_baseline: of(BlockCol::InPostBaseline),
            rust_hires_made: of(BlockCol::RustHiresMade),
            baseline_hires_made: of(BlockCol::BaselineHiresMade),
            wave_loss: of(BlockCol::WaveLoss),
            market_loss: of(BlockCol::MarketLoss),
            wave_mentored: of(BlockCol::WaveMentored),
            market_mentored: of(BlockCol::MarketMentored),
            ci_on: of(BlockCol::CiOn),
            savings_share: of(BlockCol::SavingsShare),
            em: None,
        }
    }

    /// Writes the block's column headers and every month's formulas.
    pub(super) fn write(
        &self,
        ws: &mut Worksheet,
        p: &Params,
        values: &BlockValues,
        styles: &Styles,
    ) -> anyhow::Result<()> {
        for c in BlockCol::ALL {
            ws.write_string_with_format(super::HEADER_ROW, self.col(c), header(c), &styles.header)?;
        }
        for m in 0..self.months {
            for c in BlockCol::ALL {
                let text = self.formula(c, m, p);
                ws.write_formula_with_format(
                    FIRST_ROW + m as u32,
                    self.col(c),
                    formula(text, values.at(c, m)),
                    &styles.helper,
                )?;
            }
        }
        Ok(())
    }

    /// The formula of column `c` in month m's row (MODEL.md §2).
    fn formula(&self, c: BlockCol, m: usize, p: &Params) -> String {
        use BlockCol as B;
        let months = self.months;
        let r0 = FIRST_ROW;
        let row = r0 + m as u32;
        let last = self.last_row();
        let here = |c: BlockCol| cell(row, self.col(c));
        let below = |c: BlockCol| cell(row + 1, self.col(c));
        // Age d of this row (kernel columns): M − 1 − m.
        let d = format!("${}{}", col_name(hc::AGE), row + 1);
        let mi = format!("${}{}", col_name(hc::INDEX), row + 1);
        let t = &p.ramp_months;
        // Month m's sum over f = 0..m of inflow(f) · kernel(m − f): the kernel
        // rows from age m down to age 0 (the last row).
        let pair = |inflow: String, k: BlockCol| {
            let kc = col_name(self.col(k));
            format!(
                "SUMPRODUCT({inflow},{kc}{}:{kc}${})",
                last + 1 - m as u32,
                last + 1
            )
        };
        let upto = |col: u16| {
            let c = col_name(col);
            format!("{c}${}:{c}{}", r0 + 1, row + 1)
        };
        let f_of = |x: &str| format!("IF({x}<{t},{x}-({x})^2/(2*{t}),{t}/2)");
        let market_a = format!("MAX(0,{d}-{})", p.rust_delay);
        let market_b = format!("MAX(0,{d}+1-{})", p.rust_delay);
        let pick = |delay_months: &str| {
            format!(
                "IF({mi}-{delay_months}>=0,INDEX({},{mi}-{delay_months}+1),0)",
                upto(self.col(B::MarketOpenings))
            )
        };
        match c {
            B::Survival if m + 1 == months => "=1".to_string(),
            B::Survival => format!("=ROUND({}*(1-{}),20)", below(B::Survival), p.q),
            B::Leaving if m + 1 == months => "=0".to_string(),
            B::Leaving => format!("={}-{}", below(B::Survival), here(B::Survival)),
            B::WaveRamp => format!(
                "=IF({t}=0,0,{}*({}-{}))",
                here(B::Survival),
                f_of(&format!("({d}+1)")),
                f_of(&d)
            ),
            B::WaveMentoring => format!("={}*(MIN({d}+1,{t})-MIN({d},{t}))", here(B::Survival)),
            B::MarketSurvival => format!(
                "=INDEX({},{months}-MAX(0,{d}-{}))",
                local(self.col(B::Survival), r0, last),
                p.rust_delay_months
            ),
            B::MarketInPost => format!(
                "=MIN(MAX({d}+1-{},0),1)*{}",
                p.rust_delay,
                here(B::MarketSurvival)
            ),
            B::MarketInPostBaseline => format!(
                "=MIN(MAX({d}+1-{},0),1)*{}",
                p.baseline_delay,
                here(B::MarketSurvival)
            ),
            B::MarketRamp => format!(
                "=IF({t}=0,0,{}*({}-{}))",
                here(B::MarketSurvival),
                f_of(&market_b),
                f_of(&market_a)
            ),
            B::MarketMentoring => format!(
                "={}*(MIN({market_b},{t})-MIN({market_a},{t}))",
                here(B::MarketSurvival)
            ),
            // ℓ(m) = Σ_{f<m} N(f)·(S(m−1−f) − S(m−f)).
            B::Leavers if m == 0 => "=0".to_string(),
            B::Leavers => {
                let nc = col_name(self.col(B::RustInflow));
                let kc = col_name(self.col(B::Leaving));
                format!(
                    "=SUMPRODUCT({nc}${}:{nc}{},{kc}{}:{kc}{})",
                    r0 + 1,
                    row,
                    last + 1 - m as u32,
                    last
                )
            }
            B::MarketOpenings => format!(
                "=${}{}+{}",
                col_name(hc::PLAN_INFLOW),
                row + 1,
                here(B::Leavers)
            ),
            B::RustHiresMade => format!("={}", pick(&p.rust_delay_months)),
            B::RustInflow => format!(
                "=${}{}+{}",
                col_name(hc::WAVE_INFLOW),
                row + 1,
                here(B::RustHiresMade)
            ),
            B::BaselineHiresMade => format!("={}", pick(&p.baseline_delay_months)),
            B::TeamInRust => format!("={}", pair(upto(hc::WAVE_INFLOW), B::Survival)),
            B::Hires => format!(
                "={}",
                pair(upto(self.col(B::MarketOpenings)), B::MarketInPost)
            ),
            B::HiresBaseline => format!(
                "={}",
                pair(upto(self.col(B::MarketOpenings)), B::MarketInPostBaseline)
            ),
            B::WaveLoss => format!("={}", pair(upto(hc::WAVE_INFLOW), B::WaveRamp)),
            B::MarketLoss => format!(
                "={}",
                pair(upto(self.col(B::MarketOpenings)), B::MarketRamp)
            ),
            B::WaveMentored => format!("={}", pair(upto(hc::WAVE_INFLOW), B::WaveMentoring)),
            B::MarketMentored => format!(
                "={}",
                pair(upto(self.col(B::MarketOpenings)), B::MarketMentoring)
            ),
            B::Rust => format!("={}+{}", here(B::TeamInRust), here(B::Hires)),
            B::InPost | B::InPostBaseline => {
                let hires = if c == B::InPost {
                    B::Hires
                } else {
                    B::HiresBaseline
                };
                format!(
                    "={}-(${}{}-{})+{}",
                    p.engineers,
                    col_name(hc::STARTED),
                    row + 1,
                    here(B::TeamInRust),
                    here(hires)
                )
            }
            B::CiOn => format!("=IF({mi}>={},1,0)", p.first_rust_month),
            B::SavingsShare => {
                let ts = &p.benefits_ramp;
                let f = &p.savings_from;
                let fs = |x: &str| format!("IF({x}<{ts},{x}-({x})^2/(2*{ts}),{ts}/2)");
                format!(
                    "=IF({mi}<{f},0,1-IF({ts}=0,0,{}-{}))",
                    fs(&format!("({mi}+1-{f})")),
                    fs(&format!("({mi}-{f})"))
                )
            }
        }
    }
}

/// `$X$5:$X$28` on the Helper sheet, written from another cell of it.
fn local(col: u16, first: u32, last: u32) -> String {
    super::formats::local_range(col, first, last)
}

/// `Helper!$X$5:$X$28`.
pub(super) fn helper_range(col: u16, months: usize) -> String {
    super::formats::column_range(super::HELPER, col, FIRST_ROW, FIRST_ROW + months as u32 - 1)
}

/// The header of a block column.
fn header(c: BlockCol) -> &'static str {
    use BlockCol as B;
    match c {
        B::Survival => "age d (rows: M−1−m): survival S(d), rounded to 20 decimals (MODEL.md §4)",
        B::Leaving => "age d: S(d−1) − S(d), the share of a cohort leaving at age d",
        B::WaveRamp => "age d: S(d)·(F(d+1) − F(d)), a wave's ramp loss",
        B::WaveMentoring => "age d: S(d)·(min(d+1,T) − min(d,T)), a wave's mentored months",
        B::MarketSurvival => "age d since opening: S(max(0, d − ⌊δr⌋))",
        B::MarketInPost => "age d: present(δr, d) · survival, a market cohort in post (Rust)",
        B::MarketInPostBaseline => "age d: present(δb, d) · survival, in post (baseline)",
        B::MarketRamp => "age d: ramp loss F(b) − F(a) · survival of a market cohort",
        B::MarketMentoring => "age d: mentored months · survival of a market cohort",
        B::Leavers => "leavers ℓ(m) = Σ N(f)·(S(m−1−f) − S(m−f))",
        B::MarketOpenings => "market openings in month m: plan + replacements ℓ(m)",
        B::RustHiresMade => "Rust hires made in m: openings of month m − ⌊δr⌋",
        B::RustInflow => "N(m): people starting in Rust in m (waves + Rust hires)",
        B::BaselineHiresMade => "baseline hires made in m: openings of month m − ⌊δb⌋",
        B::TeamInRust => "O(m): team members in Rust, not left",
        B::Hires => "H(m): Rust hires in post",
        B::HiresBaseline => "hires in post in the baseline",
        B::WaveLoss => "waves' ramp loss Σ e·S·(F(b) − F(a))",
        B::MarketLoss => "market cohorts' ramp loss",
        B::WaveMentored => "waves' mentored months",
        B::MarketMentored => "market cohorts' mentored months",
        B::Rust => "R(m) = O + H: engineers working in Rust",
        B::InPost => "Pr(m) = E − Λ(m) + H(m)",
        B::InPostBaseline => "Pb(m): engineers in post, baseline",
        B::CiOn => "Rust CI runs (1 from m_ci on)",
        B::SavingsShare => "g(m): share of the full savings",
    }
}
