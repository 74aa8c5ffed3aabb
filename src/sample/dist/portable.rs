//! `exp` and `ln` from IEEE 754 basic operations only, so that a sampled value is
//! the same bit for bit on every platform (see the reproducibility notes of
//! [`super`]): the platform's libm may differ in the last bit.

/// ln 2 rounded to 32 significant bits, so that `k · LN2_HI` is exact for
/// |k| < 2²¹.
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
/// ln 2 − LN2_HI, rounded to the nearest `f64`.
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// 1 / ln 2
const INV_LN2: f64 = f64::from_bits(0x3FF7_1547_652B_82FE);
/// √2
const SQRT2: f64 = f64::from_bits(0x3FF6_A09E_667F_3BCD);

/// 2^k for −1022 ≤ k ≤ 1023 (a normal float).
#[inline]
fn pow2(k: i32) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// e^x, within about 1 ulp, from basic operations only (portable bit for bit).
///
/// x = k·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite reduction with a two-part
/// ln 2), e^r by its Taylor polynomial of degree 13 (truncation error below
/// 10⁻¹⁷ relative), then scaled by 2^k.
pub(super) fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.8 {
        return f64::INFINITY;
    }
    if x < -745.2 {
        return 0.0;
    }
    let t = x * INV_LN2;
    // round to nearest (the cast truncates toward zero); |k| ≤ 1076
    let k = (if t < 0.0 { t - 0.5 } else { t + 0.5 }) as i32;
    let kf = f64::from(k);
    let r = (x - kf * LN2_HI) - kf * LN2_LO;
    // e^r = Σ rⁿ/n! for n = 0..=13 (n! is exact in f64), evaluated as
    // 1 + (r + r²·(A(r²) + r·B(r²))) with A = Σ r²ʲ/(2j+2)!, B = Σ r²ʲ/(2j+3)!
    // (two independent Horner chains: half the latency of one), adding the
    // largest terms last.
    let r2 = r * r;
    let mut a = 1.0 / 479_001_600.0; // 1/12!
    a = a * r2 + 1.0 / 3_628_800.0;
    a = a * r2 + 1.0 / 40_320.0;
    a = a * r2 + 1.0 / 720.0;
    a = a * r2 + 1.0 / 24.0;
    a = a * r2 + 0.5;
    let mut b = 1.0 / 6_227_020_800.0; // 1/13!
    b = b * r2 + 1.0 / 39_916_800.0;
    b = b * r2 + 1.0 / 362_880.0;
    b = b * r2 + 1.0 / 5_040.0;
    b = b * r2 + 1.0 / 120.0;
    b = b * r2 + 1.0 / 6.0;
    let p = 1.0 + (r + r2 * (a + r * b));
    if k > 1023 {
        p * pow2(1023) * pow2(k - 1023)
    } else if k < -1022 {
        p * pow2(k + 1000) * pow2(-1000)
    } else {
        p * pow2(k)
    }
}

/// ln x, within about 1 ulp, from basic operations only (portable bit for bit).
///
/// x = m·2^e with m ∈ [√½, √2); with f = m − 1 (exact) and s = f / (2 + f),
/// ln m = 2·atanh s = f − s·(f − R), R = Σₖ 2s²ᵏ/(2k+1) for k = 1..=11
/// (|s| ≤ 0.172, truncation error below 10⁻¹⁸ relative).
pub(super) fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x == f64::INFINITY {
        return x;
    }
    let (mut bits, mut e) = (x.to_bits(), 0i32);
    if bits >> 52 == 0 {
        // subnormal: scale by 2^54 first
        bits = (x * pow2(54)).to_bits();
        e = -54;
    }
    e += (bits >> 52) as i32 - 1023;
    let mut m = f64::from_bits((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
    if m > SQRT2 {
        m *= 0.5;
        e += 1;
    }
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    // q(z) = Σ 2zᵏ⁻¹/(2k+1), k = 1..=11, as even + z·odd in z² (two
    // independent Horner chains)
    let z2 = z * z;
    let mut even = 2.0 / 23.0;
    even = even * z2 + 2.0 / 19.0;
    even = even * z2 + 2.0 / 15.0;
    even = even * z2 + 2.0 / 11.0;
    even = even * z2 + 2.0 / 7.0;
    even = even * z2 + 2.0 / 3.0;
    let mut odd = 2.0 / 21.0;
    odd = odd * z2 + 2.0 / 17.0;
    odd = odd * z2 + 2.0 / 13.0;
    odd = odd * z2 + 2.0 / 9.0;
    odd = odd * z2 + 2.0 / 5.0;
    let q = even + z * odd;
    let r = q * z;
    let ln_m = f - s * (f - r);
    let ef = f64::from(e);
    ef * LN2_HI + (ef * LN2_LO + ln_m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Uniform in [0, 1), as the samplers draw it.
    fn unit(bits: u64) -> f64 {
        super::super::unit(bits)
    }

    /// Distance in ulps between two finite floats of the same sign.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    #[test]
    fn exp_matches_std_within_an_ulp() {
        let mut rng = ChaCha8Rng::seed_from_u64(60);
        let mut worst = 0;
        for i in 0..200_000 {
            let u = unit(rng.next_u64());
            let x = match i % 3 {
                0 => (u - 0.5) * 2.0,     // |x| < 1
                1 => (u - 0.5) * 100.0,   // |x| < 50
                _ => (u - 0.5) * 1_400.0, // most of the range
            };
            worst = worst.max(ulps(exp(x), x.exp()));
        }
        assert!(worst <= 1, "worst {worst} ulp");
        for x in [0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 700.0, -700.0, 709.78] {
            assert!(ulps(exp(x), x.exp()) <= 1, "exp({x})");
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(-746.0), 0.0);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(exp(f64::NAN).is_nan());
        // subnormal results: close to std (absolute)
        for x in [-709.0, -720.0, -740.0, -745.0] {
            assert!(
                (exp(x) - x.exp()).abs() <= 2.0 * f64::from_bits(1),
                "exp({x})"
            );
        }
    }

    #[test]
    fn ln_matches_std_within_an_ulp() {
        let mut rng = ChaCha8Rng::seed_from_u64(61);
        let mut worst = 0;
        for i in 0..200_000 {
            let u = unit(rng.next_u64());
            let x = match i % 4 {
                0 => u + 0.5,                             // near 1
                1 => u,                                   // (0, 1)
                2 => u * 1e12,                            // money
                _ => f64::from_bits(rng.next_u64() >> 2), // any positive double
            };
            if x > 0.0 {
                let (a, b) = (ln(x), x.ln());
                // ln changes sign at 1: compare bits only with the same sign
                if a != b {
                    assert!(a.signum() == b.signum(), "ln({x})");
                }
                worst = worst.max(ulps(a, b));
            }
        }
        assert!(worst <= 1, "worst {worst} ulp");
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(2.0), std::f64::consts::LN_2);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert_eq!(ln(f64::INFINITY), f64::INFINITY);
        assert!(ln(-1.0).is_nan() && ln(f64::NAN).is_nan());
        for x in [f64::MIN_POSITIVE, f64::from_bits(1), f64::MAX, 1e-310, 0.5] {
            assert!(ulps(ln(x), x.ln()) <= 1, "ln({x})");
        }
    }
}
