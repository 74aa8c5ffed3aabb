//! Sampling an uncertain input (MODEL.md §1) for the Monte Carlo runs.
//!
//! A [`Distribution`] is built once per input from its [`Uncertain`] value and
//! the clamp bounds of the input's domain; [`Distribution::draw`] then returns
//! one sampled value per call, without allocating.
//!
//! # Reproducibility
//!
//! Every call of [`Distribution::draw`] takes **exactly one** `u64` from the
//! caller's RNG ([`rand::Rng::next_u64`]), whatever the distribution (a fixed
//! value too), and computes the value from that `u64` alone. So the k-th draw
//! of a trial always uses the k-th `u64` of its stream: making one input
//! uncertain, or changing its distribution, never shifts the values of the
//! other inputs.
//!
//! The value is computed with IEEE 754 `+ − × ÷` and `sqrt` only (all
//! correctly rounded on every platform Rust supports, and Rust never contracts
//! them into fused multiply-adds), integer arithmetic, and the `exp`/`ln` of
//! [`portable`], which are built from those operations. So a seeded RNG gives
//! bit-for-bit the same values on every platform with IEEE 754 doubles (all
//! tier-1 targets; x87-only targets such as i586 excepted), in debug and
//! release builds and whatever `target-cpu`; the golden-value test checks it.
//! Decimals are converted to `f64` through their decimal text, which Rust
//! parses with correct rounding ([`decimal_to_f64`]).
//!
//! This is why the `rand_distr` samplers that need `exp`/`ln` (`Normal`,
//! `LogNormal`, `Beta`, `Pert`) are not used: they call them through
//! `num-traits`, which uses the platform's libm whenever any crate in the build
//! enables `num-traits/std` (in `adoptcost`, `image` via `plotters` does). A
//! last-bit difference in libm would change values across platforms, and in a
//! rejection sampler even the number of RNG outputs consumed.
//!
//! Algorithms, with `u` = `(bits >> 11) · 2⁻⁵³` ∈ [0, 1) (the same `u` as
//! `rand`'s `StandardUniform` for `f64`):
//!
//! - fixed: the value (the `u64` is drawn and ignored);
//! - uniform: `low + (high − low) · u`;
//! - triangular: its inverse CDF at `u`, the method of
//!   `rand_distr::Triangular` (which is portable too: `sqrt` only);
//! - normal, lognormal, PERT: rejection methods fed by a SplitMix64 stream
//!   seeded with the `u64`: Marsaglia's polar method for the standard normal
//!   (one of the pair is used), `exp(μ + σ·z)` for the lognormal, and
//!   Beta(α, β) = X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β) drawn by the
//!   Marsaglia–Tsang method (valid because α, β ≥ 1 for PERT) for PERT.
//!
//! Each draw is then clamped to the input's domain `[min, max]`.

use rand::Rng;
use rust_decimal::Decimal;

use crate::scenario::uncertain::{Uncertain, Z95};

mod portable;
mod quantile;
use portable::{exp, ln};
pub(crate) use quantile::Quantile;

/// A sampler for one uncertain input, precomputed from its [`Uncertain`] value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Distribution {
    shape: Shape,
    min: f64,
    max: f64,
    mean: f64,
}

/// The shape of the distribution, with its precomputed parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Fixed(f64),
    Uniform {
        low: f64,
        width: f64,
    },
    Triangular {
        low: f64,
        high: f64,
        /// CDF at the mode: (mode − low) / (high − low)
        cut: f64,
        /// (high − low) · (mode − low)
        left: f64,
        /// (high − low) · (high − mode)
        right: f64,
    },
    Pert {
        low: f64,
        width: f64,
        alpha: GammaShape,
        beta: GammaShape,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    Lognormal {
        mu: f64,
        sigma: f64,
    },
}

/// Constants of the Marsaglia–Tsang method for Gamma(shape), shape ≥ 1.
#[derive(Debug, Clone, Copy, PartialEq)]
struct GammaShape {
    /// shape − 1/3
    d: f64,
    /// 1 / sqrt(9 d)
    c: f64,
}

impl GammaShape {
    fn new(shape: f64) -> GammaShape {
        let d = shape - 1.0 / 3.0;
        GammaShape {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
        }
    }
}

impl Distribution {
    /// Precomputes the sampler of `u`, clamping every draw to `[min, max]`
    /// (`max` may be `f64::INFINITY`, `min` may be `f64::NEG_INFINITY`).
    ///
    /// A range whose low equals its high behaves as a fixed value.
    ///
    /// # Panics
    ///
    /// If the bounds or the parameters break the rules the scenario parser
    /// enforces (MODEL.md §1): `min > max` or NaN; `low > high`;
    /// `mode` outside `[low, high]`; a lognormal `low ≤ 0`.
    pub(crate) fn new(u: &Uncertain, min: f64, max: f64) -> Distribution {
        assert!(min <= max, "clamp bounds [{min}, {max}] are not a range");
        let range = |low: Decimal, high: Decimal| {
            let (low, high) = (decimal_to_f64(low), decimal_to_f64(high));
            assert!(low <= high, "{} low {low} is above high {high}", u.kind());
            (low, high)
        };
        let with_mode = |low: Decimal, mode: Decimal, high: Decimal| {
            let (low, high) = range(low, high);
            let mode = decimal_to_f64(mode);
            assert!(
                low <= mode && mode <= high,
                "{} mode {mode} is outside [{low}, {high}]",
                u.kind()
            );
            (low, mode, high)
        };
        let (shape, mean) = match *u {
            Uncertain::Fixed(v) => {
                let v = decimal_to_f64(v);
                (Shape::Fixed(v), v)
            }
            Uncertain::Uniform { low, high } => {
                let (low, high) = range(low, high);
                let shape = if low == high {
                    Shape::Fixed(low)
                } else {
                    Shape::Uniform {
                        low,
                        width: high - low,
                    }
                };
                (shape, (low + high) / 2.0)
            }
            Uncertain::Triangular { low, mode, high } => {
                let (low, mode, high) = with_mode(low, mode, high);
                let width = high - low;
                let shape = if low == high {
                    Shape::Fixed(low)
                } else {
                    Shape::Triangular {
                        low,
                        high,
                        cut: (mode - low) / width,
                        left: width * (mode - low),
                        right: width * (high - mode),
                    }
                };
                (shape, (low + mode + high) / 3.0)
            }
            Uncertain::Pert { low, mode, high } => {
                let (low, mode, high) = with_mode(low, mode, high);
                let width = high - low;
                let shape = if low == high {
                    Shape::Fixed(low)
                } else {
                    Shape::Pert {
                        low,
                        width,
                        alpha: GammaShape::new(1.0 + 4.0 * (mode - low) / width),
                        beta: GammaShape::new(1.0 + 4.0 * (high - mode) / width),
                    }
                };
                (shape, (low + 4.0 * mode + high) / 6.0)
            }
            Uncertain::Normal { low, high } => {
                let (low, high) = range(low, high);
                let mean = (low + high) / 2.0;
                let shape = if low == high {
                    Shape::Fixed(low)
                } else {
                    Shape::Normal {
                        mean,
                        sd: (high - low) / (2.0 * Z95),
                    }
                };
                (shape, mean)
            }
            Uncertain::Lognormal { low, high } => {
                let (low, high) = range(low, high);
                assert!(low > 0.0, "lognormal low {low} is not above 0");
                if low == high {
                    (Shape::Fixed(low), low)
                } else {
                    let (ln_low, ln_high) = (ln(low), ln(high));
                    let mu = (ln_low + ln_high) / 2.0;
                    let sigma = (ln_high - ln_low) / (2.0 * Z95);
                    (
                        Shape::Lognormal { mu, sigma },
                        exp(mu + sigma * sigma / 2.0),
                    )
                }
            }
        };
        Distribution {
            shape,
            min,
            max,
            mean,
        }
    }

    /// Draws one value, clamped to `[min, max]`. Takes exactly one `u64` from
    /// `rng`; the result depends on that `u64` only (see the module docs).
    #[inline]
    pub(crate) fn draw<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let bits = rng.next_u64();
        let v = match self.shape {
            Shape::Fixed(v) => v,
            Shape::Uniform { low, width } => low + width * unit(bits),
            Shape::Triangular {
                low,
                high,
                cut,
                left,
                right,
            } => {
                let u = unit(bits);
                if u < cut {
                    low + (u * left).sqrt()
                } else {
                    high - ((1.0 - u) * right).sqrt()
                }
            }
            Shape::Pert {
                low,
                width,
                alpha,
                beta,
            } => {
                let mut s = SubStream::new(bits);
                let x = s.gamma(alpha);
                let y = s.gamma(beta);
                low + width * (x / (x + y))
            }
            Shape::Normal { mean, sd } => mean + sd * SubStream::new(bits).normal(),
            Shape::Lognormal { mu, sigma } => exp(mu + sigma * SubStream::new(bits).normal()),
        };
        if v < self.min {
            self.min
        } else if v > self.max {
            self.max
        } else {
            v
        }
    }

    /// The closed-form mean of the distribution before clamping (the base
    /// value of MODEL.md §1, in `f64`); the tests hold the samplers to it.
    #[cfg(test)]
    pub(crate) fn mean(&self) -> f64 {
        self.mean
    }
}

/// Converts a decimal to the nearest `f64` (correctly rounded, the same on
/// every platform), through its decimal text.
pub(crate) fn decimal_to_f64(d: Decimal) -> f64 {
    // Display of a Decimal is plain decimal notation (`-12.345`), which Rust's
    // float parser reads with correct rounding. Unreachable failure: NaN.
    d.to_string().parse().unwrap_or(f64::NAN)
}

/// The standard normal quantile Φ⁻¹(p) for p in (0, 1): Acklam's rational
/// approximation (relative error below 1.2e-9), with the portable `ln` and
/// `sqrt` only, so it gives the same bits on every platform (the scores of
/// `sample::correlate` rest on it).
pub(crate) fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const LOW: f64 = 0.024_25;
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < LOW {
        tail((-2.0 * ln(p)).sqrt())
    } else if p > 1.0 - LOW {
        -tail((-2.0 * ln(1.0 - p)).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// 2⁻⁵³
const TWO_POW_M53: f64 = 1.0 / 9_007_199_254_740_992.0;

/// Uniform in [0, 1) from the top 53 bits.
#[inline]
fn unit(bits: u64) -> f64 {
    (bits >> 11) as f64 * TWO_POW_M53
}

/// SplitMix64 (Steele, Lea and Flood, 2014), seeded by one `u64` of the
/// caller's RNG: the per-draw source of the rejection samplers.
struct SubStream {
    state: u64,
    /// The second normal of the last polar pair, if not used yet.
    spare: Option<f64>,
}

impl SubStream {
    #[inline]
    fn new(seed: u64) -> SubStream {
        SubStream {
            state: seed,
            spare: None,
        }
    }

    #[inline]
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in the open interval (0, 1).
    #[inline]
    fn open01(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * TWO_POW_M53
    }

    /// Uniform in [−1, 1).
    #[inline]
    fn signed(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (2.0 * TWO_POW_M53) - 1.0
    }

    /// A standard normal: Marsaglia's polar method, which yields a pair; the
    /// second one is kept for the next call.
    #[inline]
    fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let x = self.signed();
            let y = self.signed();
            let s = x * x + y * y;
            if s < 1.0 && s > 0.0 {
                let f = (-2.0 * ln(s) / s).sqrt();
                self.spare = Some(y * f);
                return x * f;
            }
        }
    }

    /// Gamma(shape, 1) for shape ≥ 1: Marsaglia and Tsang (2000).
    #[inline]
    fn gamma(&mut self, g: GammaShape) -> f64 {
        loop {
            let x = self.normal();
            let v = 1.0 + g.c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.open01();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * (x2 * x2) || ln(u) < 0.5 * x2 + g.d * (1.0 - v + ln(v)) {
                return g.d * v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use std::str::FromStr;

    const N: usize = 200_000;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn uniform(low: &str, high: &str) -> Uncertain {
        Uncertain::Uniform {
            low: dec(low),
            high: dec(high),
        }
    }

    fn triangular(low: &str, mode: &str, high: &str) -> Uncertain {
        Uncertain::Triangular {
            low: dec(low),
            mode: dec(mode),
            high: dec(high),
        }
    }

    fn pert(low: &str, mode: &str, high: &str) -> Uncertain {
        Uncertain::Pert {
            low: dec(low),
            mode: dec(mode),
            high: dec(high),
        }
    }

    fn normal(low: &str, high: &str) -> Uncertain {
        Uncertain::Normal {
            low: dec(low),
            high: dec(high),
        }
    }

    fn lognormal(low: &str, high: &str) -> Uncertain {
        Uncertain::Lognormal {
            low: dec(low),
            high: dec(high),
        }
    }

    fn unclamped(u: &Uncertain) -> Distribution {
        Distribution::new(u, f64::NEG_INFINITY, f64::INFINITY)
    }

    /// `n` draws from a ChaCha8 seeded with `seed`, sorted.
    fn sorted_draws(d: &Distribution, n: usize, seed: u64) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut v: Vec<f64> = (0..n).map(|_| d.draw(&mut rng)).collect();
        v.sort_by(f64::total_cmp);
        v
    }

    /// Quantile of sorted data by linear interpolation (numpy's default).
    fn quantile(sorted: &[f64], p: f64) -> f64 {
        let h = (sorted.len() - 1) as f64 * p;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(sorted.len() - 1);
        sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
    }

    fn sample_mean(v: &[f64]) -> f64 {
        v.iter().sum::<f64>() / v.len() as f64
    }

    fn sample_var(v: &[f64]) -> f64 {
        let m = sample_mean(v);
        v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (v.len() - 1) as f64
    }

    fn share(v: &[f64], pred: impl Fn(f64) -> bool) -> f64 {
        v.iter().filter(|&&x| pred(x)).count() as f64 / v.len() as f64
    }

    fn assert_close(what: &str, got: f64, want: f64, tol: f64) {
        assert!(
            (got - want).abs() <= tol,
            "{what}: got {got}, want {want} ± {tol}"
        );
    }

    #[test]
    fn fixed_returns_the_value_and_takes_one_u64() {
        let d = Distribution::new(&Uncertain::Fixed(dec("0.1")), 0.0, 1.0);
        assert_eq!(d.mean(), 0.1);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut reference = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..10 {
            assert_eq!(d.draw(&mut rng), 0.1);
            reference.next_u64();
        }
        assert_eq!(rng.next_u64(), reference.next_u64());
        // clamped like any other value
        let d = Distribution::new(&Uncertain::Fixed(dec("5")), 0.0, 1.0);
        assert_eq!(d.draw(&mut rng), 1.0);
    }

    #[test]
    fn degenerate_ranges_are_fixed() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        for u in [
            uniform("3", "3"),
            triangular("3", "3", "3"),
            pert("3", "3", "3"),
            normal("3", "3"),
            lognormal("3", "3"),
        ] {
            let d = unclamped(&u);
            for _ in 0..100 {
                assert_eq!(d.draw(&mut rng), 3.0, "{u:?}");
            }
            assert_eq!(d.mean(), 3.0);
        }
    }

    #[test]
    fn uniform_quartiles_and_mean() {
        let d = unclamped(&uniform("2", "6"));
        assert_eq!(d.mean(), 4.0);
        let v = sorted_draws(&d, N, 10);
        assert!(v[0] >= 2.0 && v[N - 1] < 6.0);
        assert_close("q25", quantile(&v, 0.25), 3.0, 0.02);
        assert_close("q50", quantile(&v, 0.50), 4.0, 0.02);
        assert_close("q75", quantile(&v, 0.75), 5.0, 0.02);
        assert_close("mean", sample_mean(&v), 4.0, 0.01);
    }

    #[test]
    fn triangular_mean_and_cdf_at_mode() {
        let d = unclamped(&triangular("1", "2", "6"));
        assert_eq!(d.mean(), 3.0);
        let v = sorted_draws(&d, N, 11);
        assert!(v[0] >= 1.0 && v[N - 1] <= 6.0);
        assert_close("mean", sample_mean(&v), 3.0, 0.01);
        // CDF at the mode is (mode − low) / (high − low) = 0.2
        assert_close("F(mode)", share(&v, |x| x < 2.0), 0.2, 0.004);
        // variance (a² + b² + c² − ab − ac − bc) / 18 = 21 / 18
        assert_close("var", sample_var(&v), 21.0 / 18.0, 0.015);
        // the mode at either end
        for (u, mean) in [
            (triangular("0", "0", "3"), 1.0),
            (triangular("0", "3", "3"), 2.0),
        ] {
            let d = unclamped(&u);
            assert_eq!(d.mean(), mean);
            let v = sorted_draws(&d, N, 12);
            assert!(v[0] >= 0.0 && v[N - 1] <= 3.0);
            assert_close("mean", sample_mean(&v), mean, 0.01);
        }
    }

    #[test]
    fn pert_mean_and_variance() {
        // mean (low + 4 mode + high) / 6; variance (mean − low)(high − mean) / 7
        for (u, seed) in [
            (pert("1", "2", "6"), 20),
            (pert("0", "0", "3"), 21),
            (pert("0", "3", "3"), 22),
            (pert("-5", "0", "5"), 23),
            (pert("10", "10.5", "20"), 24),
        ] {
            let (low, high) = u.low_high();
            let (low, high) = (decimal_to_f64(low), decimal_to_f64(high));
            let d = unclamped(&u);
            let mean = d.mean();
            let var = (mean - low) * (high - mean) / 7.0;
            let v = sorted_draws(&d, N, seed);
            assert!(v[0] >= low && v[N - 1] <= high, "{u:?}");
            let tol = 5.0 * (var / N as f64).sqrt();
            assert_close("mean", sample_mean(&v), mean, tol);
            assert_close("var", sample_var(&v), var, 0.02 * var);
        }
        assert_eq!(unclamped(&pert("1", "2", "6")).mean(), 2.5);
        // symmetric: the median is the mode
        let v = sorted_draws(&unclamped(&pert("-5", "0", "5")), N, 25);
        assert_close("median", quantile(&v, 0.5), 0.0, 0.02);
    }

    #[test]
    fn normal_percentiles_are_low_and_high() {
        let d = unclamped(&normal("10", "20"));
        assert_eq!(d.mean(), 15.0);
        let v = sorted_draws(&d, N, 30);
        assert_close("p5", quantile(&v, 0.05), 10.0, 0.1);
        assert_close("p95", quantile(&v, 0.95), 20.0, 0.2);
        assert_close("p50", quantile(&v, 0.50), 15.0, 0.05);
        assert_close("mean", sample_mean(&v), 15.0, 0.03);
        let sd = 10.0 / (2.0 * Z95);
        assert_close("sd", sample_var(&v).sqrt(), sd, 0.01 * sd);
    }

    #[test]
    fn lognormal_percentiles_are_low_and_high() {
        let d = unclamped(&lognormal("10", "20"));
        let v = sorted_draws(&d, N, 40);
        assert!(v[0] > 0.0);
        assert_close("p5", quantile(&v, 0.05), 10.0, 0.1);
        assert_close("p95", quantile(&v, 0.95), 20.0, 0.2);
        // median sqrt(low · high)
        assert_close("p50", quantile(&v, 0.50), 200f64.sqrt(), 0.03);
        assert_close("mean", sample_mean(&v), d.mean(), 0.002 * d.mean());
        // a wide one: sampling error is larger, hence 3 %
        let d = unclamped(&lognormal("2", "50"));
        let mu = (2f64.ln() + 50f64.ln()) / 2.0;
        let sigma = (50f64.ln() - 2f64.ln()) / (2.0 * Z95);
        assert_close("mean", d.mean(), (mu + sigma * sigma / 2.0).exp(), 1e-12);
        let v = sorted_draws(&d, N, 41);
        assert_close("p5", quantile(&v, 0.05), 2.0, 0.06);
        assert_close("p95", quantile(&v, 0.95), 50.0, 1.5);
        assert_close("mean", sample_mean(&v), d.mean(), 0.02 * d.mean());
    }

    #[test]
    fn clamping() {
        // low is the 5th percentile: clamped at low, 5 % of draws are exactly low
        let d = Distribution::new(&normal("0", "10"), 0.0, f64::INFINITY);
        let v = sorted_draws(&d, N, 50);
        assert!(v[0] == 0.0);
        assert_close("P(0)", share(&v, |x| x == 0.0), 0.05, 0.002);
        assert_close("P(<5)", share(&v, |x| x < 5.0), 0.5, 0.004);
        // both ends
        let d = Distribution::new(&normal("-1", "1"), -1.0, 1.0);
        let v = sorted_draws(&d, N, 51);
        assert!(v[0] == -1.0 && v[N - 1] == 1.0);
        assert_close("P(-1)", share(&v, |x| x == -1.0), 0.05, 0.002);
        assert_close("P(1)", share(&v, |x| x == 1.0), 0.05, 0.002);
        // mean 1, sd 1, clamped at 0: P(X = 0) = Φ(−1)
        let d = Distribution::new(
            &normal("-0.6448536269514722", "2.6448536269514722"),
            0.0,
            f64::INFINITY,
        );
        let v = sorted_draws(&d, N, 52);
        assert!(v[0] == 0.0);
        assert_close(
            "P(0)",
            share(&v, |x| x == 0.0),
            0.158_655_253_931_457,
            0.004,
        );
        // lognormal clamped at its median
        let d = Distribution::new(&lognormal("1", "100"), 0.0, 10.0);
        let v = sorted_draws(&d, N, 53);
        assert!(v[N - 1] == 10.0);
        assert_close("P(10)", share(&v, |x| x == 10.0), 0.5, 0.004);
        // PERT and uniform inside a narrower domain
        let d = Distribution::new(&pert("0", "1", "2"), 0.5, 1.5);
        let v = sorted_draws(&d, N, 54);
        assert!(v[0] == 0.5 && v[N - 1] == 1.5);
        let d = Distribution::new(&uniform("0", "2"), 0.0, 1.0);
        let v = sorted_draws(&d, N, 55);
        assert_close("P(1)", share(&v, |x| x == 1.0), 0.5, 0.004);
    }

    fn all_kinds() -> [Uncertain; 6] {
        [
            Uncertain::Fixed(dec("0.25")),
            uniform("0.2", "0.3"),
            triangular("3", "4", "6"),
            pert("3", "4", "6"),
            normal("3", "6"),
            lognormal("3", "6"),
        ]
    }

    #[test]
    fn same_seed_same_sequence_and_one_u64_per_draw() {
        for u in all_kinds() {
            let d = Distribution::new(&u, 0.0, f64::INFINITY);
            let mut a = ChaCha8Rng::seed_from_u64(7);
            let mut b = ChaCha8Rng::seed_from_u64(7);
            let mut reference = ChaCha8Rng::seed_from_u64(7);
            for _ in 0..1000 {
                let (x, y) = (d.draw(&mut a), d.draw(&mut b));
                assert_eq!(x.to_bits(), y.to_bits(), "{u:?}");
                reference.next_u64();
            }
            assert_eq!(a.next_u64(), reference.next_u64(), "{u:?}");
            // a different seed gives different values (except a fixed one)
            let mut c = ChaCha8Rng::seed_from_u64(8);
            let mut a = ChaCha8Rng::seed_from_u64(7);
            let differ = (0..100).any(|_| d.draw(&mut a) != d.draw(&mut c));
            assert_eq!(differ, u.is_uncertain(), "{u:?}");
        }
    }

    /// Golden values: the first draws for seed 42. They must be the same on
    /// every platform; a change here changes every published result.
    #[test]
    fn golden_values() {
        let want: [[u64; 4]; 6] = [
            [
                0x3FD0_0000_0000_0000,
                0x3FD0_0000_0000_0000,
                0x3FD0_0000_0000_0000,
                0x3FD0_0000_0000_0000,
            ],
            [
                0x3FD1_2A04_CAEE_3BEF,
                0x3FD2_E1BB_31C0_EFD6,
                0x3FCF_127C_5A09_E2B7,
                0x3FD0_D0AA_DFD5_66F6,
            ],
            [
                0x4012_7950_6ADA_3AFB,
                0x4015_D0AD_CCDE_4E2C,
                0x4010_962B_BEE7_B5DB,
                0x4012_04D7_8BF2_6A1E,
            ],
            [
                0x4011_FCD0_7A90_9218,
                0x4010_B66A_8A83_5978,
                0x400B_BA8A_9B71_1E2F,
                0x4014_9878_033E_9C3C,
            ],
            [
                0x4012_706D_6B29_9F45,
                0x4015_1EA7_4705_2D4A,
                0x400D_66C6_F3C8_F110,
                0x4017_0A0A_247A_1099,
            ],
            [
                0x4011_6814_E9F4_7A5A,
                0x4014_5253_36C2_7933,
                0x400C_0D45_E15B_2740,
                0x4016_B450_BD11_F0F7,
            ],
        ];
        let mut got = Vec::new();
        for u in all_kinds() {
            let d = Distribution::new(&u, 0.0, f64::INFINITY);
            let mut rng = ChaCha8Rng::seed_from_u64(42);
            got.push([(); 4].map(|_| d.draw(&mut rng).to_bits()));
        }
        // and a checksum of 100,000 draws each, which also covers the rare
        // branches of the rejection samplers
        let want_sums: [u64; 6] = [
            0x9D16_318C_62E9_CE73,
            0xB2BD_FF53_1444_16CA,
            0xC5BA_05EB_78A5_E5E6,
            0xC5D5_2633_79B4_3FED,
            0x190B_FBAB_FA33_DC81,
            0xCA30_3EA7_9917_4901,
        ];
        let sums = all_kinds().map(|u| {
            let d = Distribution::new(&u, 0.0, f64::INFINITY);
            let mut rng = ChaCha8Rng::seed_from_u64(43);
            (0..100_000).fold(0u64, |h, _| h.rotate_left(5) ^ d.draw(&mut rng).to_bits())
        });
        assert_eq!(sums, want_sums, "got {sums:#018X?}");
        let show: Vec<String> = got
            .iter()
            .map(|r| {
                let cells: Vec<String> = r.iter().map(|b| format!("{b:#018X}")).collect();
                format!("[{}]", cells.join(", "))
            })
            .collect();
        assert_eq!(got, want, "got:\n{}", show.join(",\n"));
    }

    #[test]
    fn decimal_conversion_is_correctly_rounded() {
        for s in [
            "0.1",
            "0.3",
            "-3.5",
            "1000000000000",
            "0.000000000001",
            "123456789012.345",
            "1.6448536269514722",
            "0",
        ] {
            assert_eq!(decimal_to_f64(dec(s)), s.parse::<f64>().unwrap(), "{s}");
        }
        assert_eq!(decimal_to_f64(dec("0.100")), 0.1);
    }

    #[test]
    #[should_panic(expected = "mode")]
    fn mode_outside_range_panics() {
        unclamped(&pert("1", "7", "6"));
    }

    #[test]
    #[should_panic(expected = "lognormal low")]
    fn lognormal_low_not_positive_panics() {
        unclamped(&lognormal("0", "6"));
    }

    /// `cargo test --release -- --ignored --nocapture bench_draw`
    #[test]
    #[ignore]
    fn bench_draw() {
        use std::hint::black_box;
        use std::time::Instant;
        const DRAWS: u32 = 10_000_000;
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let start = Instant::now();
        let mut acc = 0u64;
        for _ in 0..DRAWS {
            acc = acc.wrapping_add(black_box(&mut rng).next_u64());
        }
        black_box(acc);
        let base = start.elapsed().as_nanos() as f64 / f64::from(DRAWS);
        println!("ChaCha8Rng::next_u64 alone: {base:.2} ns");
        for u in all_kinds() {
            let d = black_box(Distribution::new(&u, 0.0, f64::INFINITY));
            let start = Instant::now();
            let mut acc = 0.0;
            for _ in 0..DRAWS {
                acc += d.draw(black_box(&mut rng));
            }
            black_box(acc);
            let ns = start.elapsed().as_nanos() as f64 / f64::from(DRAWS);
            println!("{:>10}: {ns:.2} ns per draw", u.kind());
        }
        let xs: Vec<f64> = (0..1000).map(|i| 0.001 + f64::from(i) * 0.0137).collect();
        for (name, f) in [
            ("exp", exp as fn(f64) -> f64),
            ("std exp", f64::exp),
            ("ln", ln),
            ("std ln", f64::ln),
        ] {
            let start = Instant::now();
            let mut acc = 0.0;
            for _ in 0..10_000 {
                for &x in black_box(&xs) {
                    acc += f(x);
                }
            }
            black_box(acc);
            let ns = start.elapsed().as_nanos() as f64 / 1e7;
            println!("{name:>10}: {ns:.2} ns per call (through a fn pointer)");
        }
    }
}
