//! The quantile function (inverse CDF) of a [`Distribution`]: the value at a
//! given probability. Portfolios draw a shared input once per trial as a
//! probability `p` and give every team the value at `p` of its own
//! distribution, so identical distributions give identical values and
//! different ones keep rank correlation 1 (a sampler that consumes random
//! numbers, like [`Distribution::draw`], cannot promise that).
//!
//! Portable like `draw`: `+ − × ÷`, `sqrt` and the `exp`/`ln` of
//! [`super::portable`] only.
//!
//! - uniform, triangular: closed forms;
//! - normal, lognormal: Wichura's algorithm AS 241 (PPND16, relative error
//!   about 1e-16) for the standard normal;
//! - PERT: the Beta CDF tabulated once (Simpson's rule on [`PERT_CELLS`]
//!   cells) and inverted by bisection and linear interpolation: monotone,
//!   accurate to about 1e-6 of the range, far below sampling noise.

use super::portable::{exp, ln};
use super::{Distribution, Shape};

/// Cells of the tabulated PERT CDF.
const PERT_CELLS: usize = 2048;

/// The quantile function of one input, clamped to its domain like `draw`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantile {
    kind: Kind,
    min: f64,
    max: f64,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Fixed, uniform, triangular, normal and lognormal: from the sampler's
    /// own parameters.
    Closed(Shape),
    /// PERT: a CDF tabulated at `low + width · i / cells`, from 0 to 1.
    Table { low: f64, width: f64, cdf: Vec<f64> },
}

impl Quantile {
    pub(crate) fn of(d: &Distribution) -> Quantile {
        let kind = match d.shape {
            Shape::Pert {
                low,
                width,
                alpha,
                beta,
            } => Kind::Table {
                low,
                width,
                // The Gamma constants keep shape − 1/3.
                cdf: beta_cdf_table(alpha.d + 1.0 / 3.0, beta.d + 1.0 / 3.0),
            },
            shape => Kind::Closed(shape),
        };
        Quantile {
            kind,
            min: d.min,
            max: d.max,
        }
    }

    /// The value at probability `p`, 0 < p < 1.
    pub(crate) fn at(&self, p: f64) -> f64 {
        let v = match &self.kind {
            Kind::Table { low, width, cdf } => low + width * invert_table(cdf, p),
            Kind::Closed(shape) => match *shape {
                Shape::Fixed(v) => v,
                Shape::Uniform { low, width } => low + width * p,
                Shape::Triangular {
                    low,
                    high,
                    cut,
                    left,
                    right,
                } => {
                    if p < cut {
                        low + (p * left).sqrt()
                    } else {
                        high - ((1.0 - p) * right).sqrt()
                    }
                }
                Shape::Normal { mean, sd } => mean + sd * standard_normal_quantile(p),
                Shape::Lognormal { mu, sigma } => exp(mu + sigma * standard_normal_quantile(p)),
                // Tabulated in `of`.
                Shape::Pert { low, .. } => low,
            },
        };
        v.clamp(self.min, self.max)
    }
}

/// `x^e` for `x ≥ 0`, `e ≥ 0`, with `0^0 = 1`.
fn pow(x: f64, e: f64) -> f64 {
    if e == 0.0 {
        1.0
    } else if x <= 0.0 {
        0.0
    } else {
        exp(e * ln(x))
    }
}

/// The Beta(α, β) CDF at `i / PERT_CELLS`, normalised to end at exactly 1.
fn beta_cdf_table(alpha: f64, beta: f64) -> Vec<f64> {
    let density = |x: f64| pow(x, alpha - 1.0) * pow(1.0 - x, beta - 1.0);
    let h = 1.0 / PERT_CELLS as f64;
    let mut cdf = Vec::with_capacity(PERT_CELLS + 1);
    cdf.push(0.0);
    let mut sum = 0.0;
    for i in 0..PERT_CELLS {
        let a = i as f64 * h;
        let b = (i + 1) as f64 * h;
        sum += h / 6.0 * (density(a) + 4.0 * density((a + b) / 2.0) + density(b));
        cdf.push(sum);
    }
    for c in &mut cdf {
        *c /= sum;
    }
    cdf
}

/// The position in [0, 1] where the tabulated CDF reaches `p`.
fn invert_table(cdf: &[f64], p: f64) -> f64 {
    // The first cell whose upper end reaches p.
    let i = cdf[1..].partition_point(|&c| c < p).min(cdf.len() - 2);
    let (lo, hi) = (cdf[i], cdf[i + 1]);
    let within = if hi > lo { (p - lo) / (hi - lo) } else { 0.0 };
    (i as f64 + within.clamp(0.0, 1.0)) / (cdf.len() - 1) as f64
}

/// Φ⁻¹(p): Wichura (1988), algorithm AS 241, PPND16.
pub(crate) fn standard_normal_quantile(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * horner(r, &A) / horner(r, &B);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = (-ln(tail)).sqrt();
    let z = if r <= 5.0 {
        horner(r - 1.6, &C) / horner(r - 1.6, &D)
    } else {
        horner(r - 5.0, &E) / horner(r - 5.0, &F)
    };
    if q < 0.0 { -z } else { z }
}

/// c₀ + c₁x + … + c₇x⁷
fn horner(x: f64, c: &[f64; 8]) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * x + k)
}

// AS 241 coefficients, lowest power first, as published (more digits than an
// f64 holds; the compiler rounds them correctly).
#[allow(clippy::excessive_precision)]
const A: [f64; 8] = [
    3.387_132_872_796_366_608,
    133.141_667_891_784_377_45,
    1_971.590_950_306_551_442_7,
    13_731.693_765_509_461_125,
    45_921.953_931_549_871_457,
    67_265.770_927_008_700_853,
    33_430.575_583_588_128_105,
    2_509.080_928_730_122_672_7,
];
#[allow(clippy::excessive_precision)]
const B: [f64; 8] = [
    1.0,
    42.313_330_701_600_911_252,
    687.187_007_492_057_908_3,
    5_394.196_021_424_751_107_7,
    21_213.794_301_586_595_867,
    39_307.895_800_092_710_61,
    28_729.085_735_721_942_674,
    5_226.495_278_852_545_925,
];
#[allow(clippy::excessive_precision)]
const C: [f64; 8] = [
    1.423_437_110_749_683_577_34,
    4.630_337_846_156_545_295_9,
    5.769_497_221_460_691_405_5,
    3.647_848_324_763_204_605_04,
    1.270_458_252_452_368_382_58,
    0.241_780_725_177_450_611_77,
    0.022_723_844_989_269_184_583_3,
    7.745_450_142_783_414_076_4e-4,
];
#[allow(clippy::excessive_precision)]
const D: [f64; 8] = [
    1.0,
    2.053_191_626_637_758_821_87,
    1.676_384_830_183_803_849_4,
    0.689_767_334_985_100_004_55,
    0.148_103_976_427_480_074_59,
    0.015_198_666_563_616_457_196_6,
    5.475_938_084_995_344_946e-4,
    1.050_750_071_644_416_843_24e-9,
];
#[allow(clippy::excessive_precision)]
const E: [f64; 8] = [
    6.657_904_643_501_103_777_2,
    5.463_784_911_164_114_369_9,
    1.784_826_539_917_291_335_8,
    0.296_560_571_828_504_891_23,
    0.026_532_189_526_576_123_093,
    0.001_242_660_947_388_078_438_6,
    2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
];
#[allow(clippy::excessive_precision)]
const F: [f64; 8] = [
    1.0,
    0.599_832_206_555_887_937_69,
    0.136_929_880_922_735_805_31,
    0.014_875_361_290_850_614_852_5,
    7.868_691_311_456_132_591e-4,
    1.846_318_317_510_054_681_8e-5,
    1.421_511_758_316_445_888_7e-7,
    2.044_263_103_389_939_785_64e-15,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::uncertain::{Uncertain, Z95};
    use rust_decimal::Decimal;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn standard_normal_quantiles_match_known_values() {
        for (p, z) in [
            (0.5, 0.0),
            (0.95, Z95),
            (0.975, 1.959_963_984_540_054),
            (0.001, -3.090_232_306_167_813_5),
            (1e-10, -6.361_340_902_404_056),
            (0.3, -0.524_400_512_708_041),
        ] {
            let got = standard_normal_quantile(p);
            assert!(
                (got - z).abs() <= 1e-13 * z.abs().max(1.0),
                "{p}: {got} vs {z}"
            );
        }
    }

    #[test]
    fn quantiles_are_monotone_and_hit_the_written_percentiles() {
        let kinds = [
            Uncertain::Uniform {
                low: dec("1"),
                high: dec("3"),
            },
            Uncertain::Triangular {
                low: dec("1"),
                mode: dec("1.5"),
                high: dec("3"),
            },
            Uncertain::Pert {
                low: dec("1"),
                mode: dec("1.2"),
                high: dec("3"),
            },
            Uncertain::Normal {
                low: dec("1"),
                high: dec("3"),
            },
            Uncertain::Lognormal {
                low: dec("1"),
                high: dec("3"),
            },
        ];
        for u in &kinds {
            let q = Quantile::of(&Distribution::new(u, f64::NEG_INFINITY, f64::INFINITY));
            let values: Vec<f64> = (1..1000).map(|i| q.at(f64::from(i) / 1000.0)).collect();
            assert!(
                values.windows(2).all(|w| w[0] <= w[1]),
                "{u:?} not monotone"
            );
            if matches!(u, Uncertain::Normal { .. } | Uncertain::Lognormal { .. }) {
                assert!((q.at(0.05) - 1.0).abs() < 1e-9, "{u:?}: {}", q.at(0.05));
                assert!((q.at(0.95) - 3.0).abs() < 1e-9, "{u:?}: {}", q.at(0.95));
            } else {
                assert!(q.at(1e-9) >= 1.0 && q.at(1e-9) < 1.001, "{u:?}");
                assert!(q.at(1.0 - 1e-9) <= 3.0 && q.at(1.0 - 1e-9) > 2.95, "{u:?}");
            }
        }
        let fixed = Quantile::of(&Distribution::new(&Uncertain::Fixed(dec("7")), 0.0, 10.0));
        assert_eq!(fixed.at(0.01), 7.0);
        let clamped = Quantile::of(&Distribution::new(&kinds[3], 0.9, 3.1));
        assert_eq!(clamped.at(1e-6), 0.9);
    }

    /// The tabulated PERT CDF matches the closed-form mean and the draws of
    /// [`Distribution::draw`] in distribution.
    #[test]
    fn pert_quantiles_agree_with_its_mean_and_its_sampler() {
        let u = Uncertain::Pert {
            low: dec("3"),
            mode: dec("4"),
            high: dec("11"),
        };
        let d = Distribution::new(&u, f64::NEG_INFINITY, f64::INFINITY);
        let q = Quantile::of(&d);
        let n = 100_000;
        let mean: f64 = (0..n)
            .map(|i| q.at((f64::from(i) + 0.5) / f64::from(n)))
            .sum::<f64>()
            / f64::from(n);
        assert!((mean - 5.0).abs() < 1e-4, "{mean}");
        use rand::SeedableRng;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let mut draws: Vec<f64> = (0..n).map(|_| d.draw(&mut rng)).collect();
        draws.sort_by(f64::total_cmp);
        for p in [0.1, 0.5, 0.9] {
            let sampled = draws[(p * f64::from(n)) as usize];
            assert!(
                (q.at(p) - sampled).abs() < 0.05,
                "P{p}: {} vs {sampled}",
                q.at(p)
            );
        }
    }
}
