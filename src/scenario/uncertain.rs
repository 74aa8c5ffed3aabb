//! Uncertain values (MODEL.md §1): a fixed number, a range or a distribution.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::numbers;

/// z of the 95th percentile of the standard normal: normal and lognormal inputs
/// are written as their 5th and 95th percentiles (MODEL.md §1).
pub(crate) const Z95: f64 = 1.644_853_626_951_472_2;

/// How an uncertain input was written in the scenario.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Uncertain {
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
    pub(crate) fn is_uncertain(&self) -> bool {
        !matches!(self, Uncertain::Fixed(_))
    }

    /// The low and high values as written (for normal and lognormal these are the
    /// 5th/95th percentiles). A fixed value is its own low and high.
    pub(crate) fn low_high(&self) -> (Decimal, Decimal) {
        match *self {
            Uncertain::Fixed(v) => (v, v),
            Uncertain::Uniform { low, high }
            | Uncertain::Triangular { low, high, .. }
            | Uncertain::Pert { low, high, .. }
            | Uncertain::Normal { low, high }
            | Uncertain::Lognormal { low, high } => (low, high),
        }
    }

    /// The mean (MODEL.md §1 "base value" column); `None` when it overflows.
    pub(crate) fn mean(&self) -> Option<Decimal> {
        let two = Decimal::TWO;
        match *self {
            Uncertain::Fixed(v) => Some(v),
            Uncertain::Uniform { low, high } | Uncertain::Normal { low, high } => {
                low.checked_add(high)?.checked_div(two)
            }
            Uncertain::Triangular { low, mode, high } => low
                .checked_add(mode)?
                .checked_add(high)?
                .checked_div(Decimal::from(3)),
            Uncertain::Pert { low, mode, high } => low
                .checked_add(mode.checked_mul(Decimal::from(4))?)?
                .checked_add(high)?
                .checked_div(Decimal::from(6)),
            Uncertain::Lognormal { low, high } => {
                let (l, h) = (low.to_f64()?, high.to_f64()?);
                let mu = (l.ln() + h.ln()) / 2.0;
                let sigma = (h.ln() - l.ln()) / (2.0 * Z95);
                numbers::shortest_round_trip((mu + sigma * sigma / 2.0).exp()).ok()
            }
        }
    }

    /// Name of the distribution as a user would write it.
    pub(crate) fn kind(&self) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_values_are_the_means() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert_eq!(
            Uncertain::Uniform {
                low: d("0.2"),
                high: d("0.3")
            }
            .mean(),
            Some(d("0.25"))
        );
        assert_eq!(
            Uncertain::Triangular {
                low: d("3"),
                mode: d("4"),
                high: d("8")
            }
            .mean(),
            Some(d("5"))
        );
        assert_eq!(
            Uncertain::Pert {
                low: d("3"),
                mode: d("4"),
                high: d("11")
            }
            .mean(),
            Some(d("5"))
        );
        assert_eq!(
            Uncertain::Normal {
                low: d("10"),
                high: d("30")
            }
            .mean(),
            Some(d("20"))
        );
        let ln = Uncertain::Lognormal {
            low: d("1"),
            high: d("100"),
        }
        .mean()
        .unwrap_or_default();
        // mu = ln 10, sigma = ln 100 / (2 z): mean = 10 * exp(sigma^2 / 2)
        let sigma = 100f64.ln() / (2.0 * Z95);
        let expected = 10.0 * (sigma * sigma / 2.0).exp();
        assert!((ln.to_f64().unwrap_or(0.0) - expected).abs() < 1e-9);
    }
}
