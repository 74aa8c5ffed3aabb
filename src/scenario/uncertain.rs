//! Uncertain values (MODEL.md §1): a fixed number, a range or a distribution.

use rust_decimal::Decimal;

/// z of the 95th percentile of the standard normal: normal and lognormal inputs
/// are written as their 5th and 95th percentiles (MODEL.md §1).
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// How an uncertain input was written in the scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Uncertain {
    /// `0.25`
    Fixed(Decimal),
    /// `[low, high]`, `{ low, high }` or `dist = "uniform"`
    Uniform { low: Decimal, high: Decimal },
    /// `dist = "triangular"`
    Triangular {
        low: Decimal,
        mode: Decimal,
        high: Decimal,
    },
    /// `dist = "pert"` (Beta-PERT, lambda = 4)
    Pert {
        low: Decimal,
        mode: Decimal,
        high: Decimal,
    },
    /// `dist = "normal"`: low and high are the 5th and 95th percentiles
    Normal { low: Decimal, high: Decimal },
    /// `dist = "lognormal"`: low and high are the 5th and 95th percentiles, low > 0
    Lognormal { low: Decimal, high: Decimal },
}

impl Uncertain {
    /// True when the value is a range or distribution (it is sampled and has a
    /// sensitivity row).
    pub fn is_uncertain(&self) -> bool {
        !matches!(self, Uncertain::Fixed(_))
    }

    /// The low and high values as written (for normal and lognormal these are the
    /// 5th/95th percentiles). A fixed value is its own low and high.
    pub fn low_high(&self) -> (Decimal, Decimal) {
        match *self {
            Uncertain::Fixed(v) => (v, v),
            Uncertain::Uniform { low, high }
            | Uncertain::Triangular { low, high, .. }
            | Uncertain::Pert { low, high, .. }
            | Uncertain::Normal { low, high }
            | Uncertain::Lognormal { low, high } => (low, high),
        }
    }

    /// Name of the distribution as a user would write it.
    pub fn kind(&self) -> &'static str {
        match self {
            Uncertain::Fixed(_) => "fixed",
            Uncertain::Uniform { .. } => "uniform",
            Uncertain::Triangular { .. } => "triangular",
            Uncertain::Pert { .. } => "pert",
            Uncertain::Normal { .. } => "normal",
            Uncertain::Lognormal { .. } => "lognormal",
        }
    }
}
