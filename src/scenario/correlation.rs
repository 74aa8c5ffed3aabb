//! Correlated inputs (MODEL.md §1 `[[correlation]]`): the pairs a scenario
//! gives, the matrix of their rank correlations, and the eigenvalues that
//! tell whether that matrix can hold (positive semidefinite) — the check
//! validation makes and the repair the sampler makes both rest on them.
//!
//! The eigen-decomposition is a hand-written cyclic Jacobi method rather than
//! a linear-algebra crate: the matrices are small (one row per correlated
//! input, at most 100), Jacobi is short and robust for symmetric matrices,
//! and it uses only `+ − × ÷ sqrt`, so — like the samplers of
//! `sample::dist` — it gives the same bits on every platform, which the
//! sampled results depend on.

use rust_decimal::Decimal;

/// Most `[[correlation]]` entries in a scenario (MODEL.md §1).
pub(crate) const MAX_CORRELATIONS: usize = 50;
/// A matrix of rank correlations whose smallest eigenvalue is below this is
/// not positive semidefinite (MODEL.md §1).
pub(crate) const PSD_TOLERANCE: f64 = -1e-9;

/// A `[[correlation]]` entry: two inputs drawn with Spearman rank
/// correlation `rank` over the trials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Correlation {
    /// Indices into `Scenario::inputs`, in the order written.
    pub(crate) inputs: [usize; 2],
    /// In −1..=1.
    pub(crate) rank: Decimal,
}

/// A symmetric matrix over the correlated inputs: entry (i, j) belongs to
/// `inputs[i]` and `inputs[j]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CorrelationMatrix {
    /// The inputs, ascending (indices into `Scenario::inputs`).
    pub(crate) inputs: Vec<usize>,
    /// Row-major, `inputs.len()` squared.
    pub(crate) values: Vec<f64>,
}

impl CorrelationMatrix {
    /// The matrix with `f(rank)` for each given pair, 1 on the diagonal and 0
    /// for pairs not given (MODEL.md §1).
    pub(crate) fn new(correlations: &[Correlation], f: impl Fn(f64) -> f64) -> CorrelationMatrix {
        let mut inputs: Vec<usize> = correlations.iter().flat_map(|c| c.inputs).collect();
        inputs.sort_unstable();
        inputs.dedup();
        let n = inputs.len();
        let mut values = vec![0.0; n * n];
        for i in 0..n {
            values[i * n + i] = 1.0;
        }
        let at = |input: usize| inputs.binary_search(&input).unwrap_or(0);
        for c in correlations {
            let (i, j) = (at(c.inputs[0]), at(c.inputs[1]));
            let v = f(decimal_to_f64(c.rank));
            values[i * n + j] = v;
            values[j * n + i] = v;
        }
        CorrelationMatrix { inputs, values }
    }

    /// The number of rows.
    pub(crate) fn len(&self) -> usize {
        self.inputs.len()
    }

    /// The smallest eigenvalue (1 for an empty matrix).
    pub(crate) fn smallest_eigenvalue(&self) -> f64 {
        symmetric_eigen(&self.values, self.len())
            .values
            .into_iter()
            .fold(1.0, f64::min)
    }
}

/// A decimal as the nearest `f64`, through its text (correctly rounded).
fn decimal_to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(f64::NAN)
}

/// Eigenvalues and eigenvectors of a symmetric matrix.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Eigen {
    /// In no particular order.
    pub(crate) values: Vec<f64>,
    /// Row-major n × n; column k is the unit eigenvector of `values[k]`.
    pub(crate) vectors: Vec<f64>,
}

/// The eigen-decomposition of the symmetric n × n matrix `a` (row-major) by
/// cyclic Jacobi rotations: each rotation zeroes one off-diagonal entry;
/// sweeps over all of them until what is left off the diagonal is negligible
/// (quadratic convergence: a handful of sweeps). Only the upper triangle's
/// symmetry is assumed, not checked.
pub(crate) fn symmetric_eigen(a: &[f64], n: usize) -> Eigen {
    assert_eq!(a.len(), n * n, "a {n} × {n} matrix has {} entries", n * n);
    let mut a = a.to_vec();
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    let scale: f64 = a.iter().map(|x| x * x).sum();
    for _sweep in 0..100 {
        let mut off = 0.0;
        for p in 0..n {
            for q in p + 1..n {
                off += a[p * n + q] * a[p * n + q];
            }
        }
        if off <= scale * 1e-32 || off == 0.0 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                // The rotation J (J_pp = J_qq = c, J_pq = s, J_qp = −s) with
                // cot 2φ = θ makes (JᵀAJ)_pq zero; t = tan φ, the smaller root.
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = if theta.abs() > 1e150 {
                    0.5 / theta
                } else {
                    let t = 1.0 / (theta.abs() + (theta * theta + 1.0).sqrt());
                    if theta < 0.0 { -t } else { t }
                };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                a[p * n + q] = 0.0;
                a[q * n + p] = 0.0;
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    Eigen {
        values: (0..n).map(|i| a[i * n + i]).collect(),
        vectors: v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// V Λ Vᵀ
    fn rebuild(e: &Eigen, n: usize) -> Vec<f64> {
        let mut out = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                out[i * n + j] = (0..n)
                    .map(|k| e.vectors[i * n + k] * e.values[k] * e.vectors[j * n + k])
                    .sum();
            }
        }
        out
    }

    fn sorted(mut v: Vec<f64>) -> Vec<f64> {
        v.sort_by(f64::total_cmp);
        v
    }

    #[test]
    fn a_two_by_two_correlation_has_eigenvalues_one_plus_and_minus_rho() {
        let e = symmetric_eigen(&[1.0, 0.6, 0.6, 1.0], 2);
        let v = sorted(e.values.clone());
        assert!(
            (v[0] - 0.4).abs() < 1e-15 && (v[1] - 1.6).abs() < 1e-15,
            "{v:?}"
        );
        let back = rebuild(&e, 2);
        for (x, y) in back.iter().zip([1.0, 0.6, 0.6, 1.0]) {
            assert!((x - y).abs() < 1e-14);
        }
    }

    #[test]
    fn known_three_by_three_matrix() {
        // [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]: eigenvalues 2 − √2, 2, 2 + √2.
        let a = [2.0, -1.0, 0.0, -1.0, 2.0, -1.0, 0.0, -1.0, 2.0];
        let v = sorted(symmetric_eigen(&a, 3).values);
        let r2 = 2f64.sqrt();
        for (got, want) in v.iter().zip([2.0 - r2, 2.0, 2.0 + r2]) {
            assert!((got - want).abs() < 1e-14, "{v:?}");
        }
    }

    #[test]
    fn random_symmetric_matrices_are_rebuilt_from_orthonormal_vectors() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for n in [1, 3, 7, 20, 60] {
            let mut a = vec![0.0; n * n];
            for i in 0..n {
                for j in i..n {
                    let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
                    a[i * n + j] = x;
                    a[j * n + i] = x;
                }
            }
            let e = symmetric_eigen(&a, n);
            for (x, y) in rebuild(&e, n).iter().zip(&a) {
                assert!((x - y).abs() < 1e-12, "n {n}");
            }
            for i in 0..n {
                for j in 0..n {
                    let dot: f64 = (0..n)
                        .map(|k| e.vectors[k * n + i] * e.vectors[k * n + j])
                        .sum();
                    let want = if i == j { 1.0 } else { 0.0 };
                    assert!((dot - want).abs() < 1e-12, "n {n}");
                }
            }
            // The trace is the sum of the eigenvalues.
            let trace: f64 = (0..n).map(|i| a[i * n + i]).sum();
            assert!((e.values.iter().sum::<f64>() - trace).abs() < 1e-12);
        }
    }

    #[test]
    fn an_inconsistent_triangle_is_not_positive_semidefinite() {
        let pair = |a: usize, b: usize, rank: &str| Correlation {
            inputs: [a, b],
            rank: rank.parse().unwrap_or_default(),
        };
        // A with B and B with C strongly, A against C strongly: impossible.
        let bad = [pair(3, 1, "0.9"), pair(1, 7, "0.9"), pair(3, 7, "-0.9")];
        let m = CorrelationMatrix::new(&bad, |r| r);
        assert_eq!(m.inputs, [1, 3, 7]);
        assert_eq!(m.values[1], 0.9); // (1, 3)
        assert!(m.smallest_eigenvalue() < -0.5);
        let good = [pair(3, 1, "0.6"), pair(1, 7, "0.5"), pair(3, 7, "0.3")];
        assert!(CorrelationMatrix::new(&good, |r| r).smallest_eigenvalue() > 0.0);
        // Exactly singular (all three equal): eigenvalue 0, accepted.
        let ones = [pair(1, 2, "1"), pair(2, 3, "1"), pair(1, 3, "1")];
        let least = CorrelationMatrix::new(&ones, |r| r).smallest_eigenvalue();
        assert!(least.abs() < 1e-12 && least >= PSD_TOLERANCE, "{least}");
    }
}
