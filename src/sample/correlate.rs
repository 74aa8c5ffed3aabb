//! Correlated draws (MODEL.md §1 `[[correlation]]`, §4) by the Iman–Conover
//! method, applied within each fixed chunk of trials.
//!
//! Why Iman–Conover rather than a Gaussian copula: a copula feeds each input
//! a correlated uniform through the inverse of its distribution function,
//! and the PERT, normal and lognormal samplers of [`super::dist`] are
//! rejection methods with no portable inverse (PERT's would be the inverse
//! regularised incomplete beta). Iman–Conover instead draws every input
//! exactly as without correlations, then only *reorders* each correlated
//! input's values among the chunk's trials so that their ranks follow
//! correlated normal scores. So:
//!
//! - every input keeps its own distribution exactly: a chunk holds the very
//!   same values as without correlations, only in other trials (the
//!   percentiles of an input are those of the uncorrelated run, to the bit);
//! - the draws of uncorrelated inputs, and every result of a scenario
//!   without `[[correlation]]`, are unchanged;
//! - each chunk's reordering uses that chunk's own ChaCha8 stream (after its
//!   draws), so results stay identical on any number of threads.
//!
//! Within a chunk of n trials and d correlated inputs: the van der Waerden
//! scores Φ⁻¹(i/(n+1)) are shuffled independently for each input (matrix S);
//! S is then multiplied by Q⁻ᵀ Lᵀ, where Q Qᵀ is the correlation matrix of S
//! (so its accidental correlations are removed) and L Lᵀ is the target
//! Pearson matrix of the scores, 2·sin(π·ρ/6) for rank correlation ρ
//! (MODEL.md §4); each input's values are finally placed so that their ranks
//! match the ranks of its column. The target is repaired to be positive
//! definite (eigenvalues clipped to 1e-12, diagonal reset to 1) once, so a
//! matrix that passed validation never fails here.

use rand::Rng;

use super::dist::normal_quantile;
use crate::scenario::Scenario;
use crate::scenario::correlation::{CorrelationMatrix, symmetric_eigen};

/// Reorders the correlated inputs of a chunk of trials.
#[derive(Debug, Clone)]
pub(crate) struct Correlator {
    /// The correlated inputs (indices into a trial's inputs), ascending.
    columns: Vec<usize>,
    /// Lower Cholesky factor of the target correlation of the scores, d × d.
    target: Vec<f64>,
    /// The van der Waerden scores of a full chunk.
    scores: Vec<f64>,
}

/// Per-chunk working memory, reused from chunk to chunk.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    s: Vec<f64>,
    t: Vec<f64>,
    order: Vec<u32>,
    values: Vec<f64>,
}

impl Correlator {
    /// The correlator of a scenario's `[[correlation]]` entries; `None`
    /// without any (then nothing is reordered and no extra random number is
    /// drawn).
    pub(crate) fn new(scenario: &Scenario, chunk: usize) -> Option<Correlator> {
        if scenario.correlations.is_empty() {
            return None;
        }
        let m = CorrelationMatrix::new(&scenario.correlations, |rho| {
            2.0 * sin_small(std::f64::consts::PI * rho / 6.0)
        });
        let d = m.len();
        let target = cholesky(&repair(&m.values, d), d)
            .unwrap_or_else(|| unreachable!("a repaired correlation matrix is positive definite"));
        Some(Correlator {
            columns: m.inputs,
            target,
            scores: van_der_waerden(chunk),
        })
    }

    /// Reorders, in `x` (n trials × `width` inputs, row-major), the values of
    /// each correlated input among the n trials, drawing the shuffles from
    /// `rng`.
    pub(crate) fn reorder<R: Rng + ?Sized>(
        &self,
        x: &mut [f64],
        width: usize,
        rng: &mut R,
        scratch: &mut Scratch,
    ) {
        let n = x.len() / width.max(1);
        let d = self.columns.len();
        if n < 2 {
            return;
        }
        let own;
        let scores: &[f64] = if n == self.scores.len() {
            &self.scores
        } else {
            own = van_der_waerden(n);
            &own
        };
        // S: n × d, each column a shuffle of the scores (Fisher–Yates).
        scratch.s.clear();
        scratch.s.resize(n * d, 0.0);
        for j in 0..d {
            for (i, &score) in scores.iter().enumerate() {
                scratch.s[i * d + j] = score;
            }
            for i in (1..n).rev() {
                let k = below(rng, i + 1);
                scratch.s.swap(i * d + j, k * d + j);
            }
        }
        // Q: Cholesky factor of S's correlation. Every column holds the same
        // scores, whose mean is 0 by symmetry, so Sᵀ S / Σ score² is it.
        let norm: f64 = scores.iter().map(|v| v * v).sum();
        let mut c = vec![0.0; d * d];
        for row in scratch.s.chunks_exact(d) {
            for a in 0..d {
                for b in 0..=a {
                    c[a * d + b] += row[a] * row[b];
                }
            }
        }
        for a in 0..d {
            for b in 0..=a {
                c[a * d + b] /= norm;
                c[b * d + a] = c[a * d + b];
            }
        }
        // Too few trials for S to have full rank: skip the correction.
        let q = cholesky(&c, d);
        // T = S Q⁻ᵀ Lᵀ, row by row: y solves Q y = s, then t = L y.
        scratch.t.clear();
        scratch.t.resize(n * d, 0.0);
        let mut y = vec![0.0; d];
        for (s, t) in scratch.s.chunks_exact(d).zip(scratch.t.chunks_exact_mut(d)) {
            match &q {
                Some(q) => {
                    for a in 0..d {
                        let mut v = s[a];
                        for b in 0..a {
                            v -= q[a * d + b] * y[b];
                        }
                        y[a] = v / q[a * d + a];
                    }
                }
                None => y.copy_from_slice(s),
            }
            for (a, slot) in t.iter_mut().enumerate() {
                *slot = (0..=a).map(|b| self.target[a * d + b] * y[b]).sum();
            }
        }
        // Place each input's sorted values in the order of its column's ranks.
        for (j, &col) in self.columns.iter().enumerate() {
            scratch.values.clear();
            scratch.values.extend((0..n).map(|i| x[i * width + col]));
            scratch.values.sort_unstable_by(f64::total_cmp);
            scratch.order.clear();
            scratch.order.extend(0..n as u32);
            let t = &scratch.t;
            // Ties in T (vanishingly rare) are broken by trial, so the order
            // is fully determined.
            scratch.order.sort_unstable_by(|&a, &b| {
                t[a as usize * d + j]
                    .total_cmp(&t[b as usize * d + j])
                    .then(a.cmp(&b))
            });
            for (r, &i) in scratch.order.iter().enumerate() {
                x[i as usize * width + col] = scratch.values[r];
            }
        }
    }
}

/// A uniform integer in 0..n from one `u64` (Lemire's multiply-shift,
/// without the rejection step: its bias, below n/2⁶⁴, is immaterial here, and
/// it keeps the number of draws fixed).
#[inline]
fn below<R: Rng + ?Sized>(rng: &mut R, n: usize) -> usize {
    ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize
}

/// Φ⁻¹(i / (n + 1)) for i = 1..=n.
fn van_der_waerden(n: usize) -> Vec<f64> {
    (1..=n)
        .map(|i| normal_quantile(i as f64 / (n + 1) as f64))
        .collect()
}

/// sin(x) for |x| ≤ π/6 by its Taylor series (terms below 1e-19 at the
/// thirteenth power): `+ − × ÷` only, so the same bits on every platform,
/// which the platform's `sin` does not promise.
fn sin_small(x: f64) -> f64 {
    let x2 = x * x;
    let mut term = x;
    let mut sum = x;
    for k in 1..=8 {
        let k = f64::from(k);
        term *= -x2 / ((2.0 * k) * (2.0 * k + 1.0));
        sum += term;
    }
    sum
}

/// The nearest positive definite correlation matrix in the simple sense of
/// MODEL.md §1: eigenvalues clipped to 1e-12, then rescaled to a unit
/// diagonal.
fn repair(a: &[f64], n: usize) -> Vec<f64> {
    let e = symmetric_eigen(a, n);
    let lambda: Vec<f64> = e.values.iter().map(|&v| v.max(1e-12)).collect();
    let mut b = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            b[i * n + j] = (0..n)
                .map(|k| e.vectors[i * n + k] * lambda[k] * e.vectors[j * n + k])
                .sum();
        }
    }
    let diag: Vec<f64> = (0..n).map(|i| b[i * n + i].sqrt()).collect();
    for i in 0..n {
        for j in 0..n {
            b[i * n + j] = if i == j {
                1.0
            } else {
                b[i * n + j] / (diag[i] * diag[j])
            };
        }
    }
    b
}

/// The lower Cholesky factor of a symmetric n × n matrix, or `None` when it
/// is not (numerically) positive definite.
fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            if i == j {
                let v = a[i * n + i] - s;
                if v.is_nan() || v <= 0.0 {
                    return None;
                }
                l[i * n + i] = v.sqrt();
            } else {
                l[i * n + j] = (a[i * n + j] - s) / l[j * n + j];
            }
        }
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_series_sine_matches_the_platform_sine() {
        for i in -100..=100 {
            let x = std::f64::consts::PI / 6.0 * f64::from(i) / 100.0;
            assert!((sin_small(x) - x.sin()).abs() < 1e-16, "{x}");
        }
    }

    #[test]
    fn normal_quantile_is_accurate() {
        for (p, z) in [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540_054),
            (0.1, -1.281_551_565_544_600_5),
            (0.001, -3.090_232_306_167_813_5),
            (0.999_9, 3.719_016_485_455_709),
        ] {
            assert!(
                (normal_quantile(p) - z).abs() < 1e-8 * z.abs().max(1.0),
                "{p}"
            );
        }
    }

    #[test]
    fn cholesky_rebuilds_its_matrix_and_refuses_an_indefinite_one() {
        let a = [4.0, 2.0, 0.6, 2.0, 5.0, 1.0, 0.6, 1.0, 3.0];
        let l = cholesky(&a, 3).unwrap_or_else(|| panic!("positive definite"));
        for i in 0..3 {
            for j in 0..3 {
                let v: f64 = (0..3).map(|k| l[i * 3 + k] * l[j * 3 + k]).sum();
                assert!((v - a[i * 3 + j]).abs() < 1e-12);
            }
        }
        assert!(cholesky(&[1.0, 2.0, 2.0, 1.0], 2).is_none());
    }

    #[test]
    fn repair_makes_a_singular_matrix_factorable_and_keeps_a_good_one() {
        let ones = [1.0; 9];
        let r = repair(&ones, 3);
        assert!(cholesky(&r, 3).is_some());
        assert!(r.iter().all(|v| (v - 1.0).abs() < 1e-5));
        let good = [1.0, 0.5, 0.5, 1.0];
        for (x, y) in repair(&good, 2).iter().zip(good) {
            assert!((x - y).abs() < 1e-14);
        }
    }
}
