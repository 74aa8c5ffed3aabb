//! Percentiles and means of sampled values (MODEL.md §4).
//!
//! Percentiles interpolate linearly between order statistics, as numpy's
//! default method and a spreadsheet's `PERCENTILE.INC` do: for n values
//! sorted ascending x[0] ≤ … ≤ x[n−1] and 0 ≤ p ≤ 100,
//! h = (n − 1)·p / 100 (computed in that order), and the p-th percentile is
//! x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]), or exactly x[⌊h⌋] when h is
//! whole. (numpy computes h as (n − 1)·(p / 100) and interpolates from the
//! upper neighbour when h − ⌊h⌋ ≥ ½, so a result can differ from numpy's in
//! the last bit.) Values are ordered by [`f64::total_cmp`] (a NaN sorts last).
//!
//! The values are never fully sorted: each needed order statistic is found
//! with `select_nth_unstable_by` on the part of the slice not yet fixed, and
//! the one right after it is the minimum of the rest, so a call costs a few
//! linear passes.

/// Sampled statistics of one metric: what `summary.csv` and the reports show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub mean: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// The percentiles `ps` (each in 0..=100) of `values`, in the order of `ps`.
///
/// `values` is reordered (deterministically: the same input order gives the
/// same output order). `ps` need not be sorted, though sorted is the usual
/// case. Empty `values` gives NaN for every p (callers never pass an empty
/// slice); a single value is every percentile.
///
/// # Panics
///
/// If a p is NaN or outside 0..=100.
pub(crate) fn percentiles(values: &mut [f64], ps: &[f64]) -> Vec<f64> {
    for &p in ps {
        assert!(
            (0.0..=100.0).contains(&p),
            "percentile {p} is not in 0..=100"
        );
    }
    let n = values.len();
    let mut out = vec![f64::NAN; ps.len()];
    if n == 0 {
        return out;
    }
    // Ascending p gives ascending ranks, so each selection only looks at the
    // part of the slice above the previous one.
    let mut order: Vec<usize> = (0..ps.len()).collect();
    order.sort_by(|&a, &b| ps[a].total_cmp(&ps[b]));
    let mut select = Selector { values, done: 0 };
    for i in order {
        let h = (n - 1) as f64 * ps[i] / 100.0;
        let lo = (h as usize).min(n - 1); // h ≥ 0: the cast is ⌊h⌋
        let frac = h - lo as f64;
        let x0 = select.get(lo);
        out[i] = if frac > 0.0 && lo + 1 < n {
            let x1 = select.get(lo + 1);
            x0 + frac * (x1 - x0)
        } else {
            x0
        };
    }
    out
}

/// The order statistic ⌊h⌋ and the interpolation weight h − ⌊h⌋ of the p-th
/// percentile of n values (see the module notes); n ≥ 1.
pub(crate) fn rank(n: usize, p: f64) -> (usize, f64) {
    let h = (n.max(1) - 1) as f64 * p / 100.0;
    let lo = (h as usize).min(n.max(1) - 1);
    (lo, h - lo as f64)
}

/// Finds order statistics of increasing rank.
///
/// Invariant: every value in `values[..done]` is ≤ every value in
/// `values[done..]`, and each rank already asked for sits at its own index.
struct Selector<'a> {
    values: &'a mut [f64],
    done: usize,
}

impl Selector<'_> {
    /// The order statistic of rank `k`; `k` is never below the last rank
    /// asked for.
    fn get(&mut self, k: usize) -> f64 {
        if k >= self.done {
            let rest = &mut self.values[self.done..];
            let j = k - self.done;
            if j == 0 {
                // the next rank is the minimum of the rest
                let mut m = 0;
                for (i, x) in rest.iter().enumerate().skip(1) {
                    if x.total_cmp(&rest[m]).is_lt() {
                        m = i;
                    }
                }
                rest.swap(0, m);
            } else {
                rest.select_nth_unstable_by(j, f64::total_cmp);
            }
            self.done = k + 1;
        }
        self.values[k]
    }
}

/// The arithmetic mean of `values`; NaN when empty (callers never pass an
/// empty slice).
///
/// Summation is pairwise in a fixed order, so the result depends only on the
/// values and their order: a slice of at most 128 values is summed left to
/// right starting from 0.0; a longer one is split at `len / 2` and the sums of
/// the two halves (each computed the same way) are added. The rounding error
/// grows with log n rather than n. Since [`percentiles`] reorders its slice,
/// take the mean first if the result should match the mean of the values in
/// trial order bit for bit (either way it is reproducible).
pub(crate) fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    pairwise_sum(values) / values.len() as f64
}

fn pairwise_sum(values: &[f64]) -> f64 {
    if values.len() <= 128 {
        let mut sum = 0.0;
        for &x in values {
            sum += x;
        }
        sum
    } else {
        let (left, right) = values.split_at(values.len() / 2);
        pairwise_sum(left) + pairwise_sum(right)
    }
}

/// The chance of breaking even within the horizon: the share of trials
/// whose last cumulative total (their horizon total) is at or below zero,
/// since a trial that ends at or below zero has a break-even month and one
/// that ends above it has none (MODEL.md §3). NaN when there are no trials.
/// `solve`'s `chance:break_even` goal is this statistic; the sampler's
/// `break_even_chance` must be too, so that both report the same share.
pub(crate) fn break_even_chance(last_cumulative: &[f64]) -> f64 {
    if last_cumulative.is_empty() {
        return f64::NAN;
    }
    let even = last_cumulative.iter().filter(|&&x| x <= 0.0).count();
    even as f64 / last_cumulative.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// The definition, on a fully sorted copy.
    fn naive(values: &[f64], ps: &[f64]) -> Vec<f64> {
        let mut x = values.to_vec();
        x.sort_by(f64::total_cmp);
        let n = x.len();
        ps.iter()
            .map(|&p| {
                if n == 0 {
                    return f64::NAN;
                }
                let h = (n - 1) as f64 * p / 100.0;
                let lo = h.floor() as usize;
                let frac = h - h.floor();
                if frac == 0.0 {
                    x[lo]
                } else {
                    x[lo] + frac * (x[lo + 1] - x[lo])
                }
            })
            .collect()
    }

    fn bits(v: &[f64]) -> Vec<u64> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    fn random_values(rng: &mut ChaCha8Rng, n: usize, ties: bool) -> Vec<f64> {
        (0..n)
            .map(|_| {
                let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                let x = (u - 0.3) * 1e6;
                if ties { (x / 1e5).round() } else { x }
            })
            .collect()
    }

    #[test]
    fn break_even_chance_counts_trials_ending_at_or_below_zero() {
        assert_eq!(break_even_chance(&[-5.0, 0.0, 0.01, 12.0]), 0.5);
        assert_eq!(break_even_chance(&[3.0]), 0.0);
        assert_eq!(break_even_chance(&[-0.0, -1.0]), 1.0);
        assert!(break_even_chance(&[]).is_nan());
        // 8,000 of 10,000 is exactly the share a goal of 0.8 asks for.
        let trials: Vec<f64> = (0..10_000)
            .map(|i| if i < 8_000 { -1.0 } else { 1.0 })
            .collect();
        assert_eq!(break_even_chance(&trials), 0.8);
    }

    #[test]
    fn hand_values() {
        // numpy.percentile([1, 2, 3, 4], [10, 50, 90]) == [1.3, 2.5, 3.7]
        let mut v = [4.0, 1.0, 3.0, 2.0];
        assert_eq!(percentiles(&mut v, &[10.0, 50.0, 90.0]), [1.3, 2.5, 3.7]);
        // numpy.percentile([15, 20, 35, 40, 50], [0, 5, 30, 40, 50, 100])
        //   == [15, 16, 23, 29, 35, 50]
        let mut v = [50.0, 40.0, 35.0, 20.0, 15.0];
        assert_eq!(
            percentiles(&mut v, &[0.0, 5.0, 30.0, 40.0, 50.0, 100.0]),
            [15.0, 16.0, 23.0, 29.0, 35.0, 50.0]
        );
        // numpy.percentile(range(11), [10, 25, 75]) == [1, 2.5, 7.5]
        let mut v: Vec<f64> = (0..=10).rev().map(f64::from).collect();
        assert_eq!(percentiles(&mut v, &[10.0, 25.0, 75.0]), [1.0, 2.5, 7.5]);
        // negative values and duplicates
        let mut v = [-1.0, -1.0, 5.0, -3.0];
        assert_eq!(percentiles(&mut v, &[50.0, 25.0, 100.0]), [-1.0, -1.5, 5.0]);
    }

    #[test]
    fn empty_and_single() {
        let r = percentiles(&mut [], &[10.0, 50.0, 90.0]);
        assert_eq!(r.len(), 3);
        assert!(r.iter().all(|x| x.is_nan()));
        assert_eq!(percentiles(&mut [7.5], &[0.0, 10.0, 50.0, 100.0]), [7.5; 4]);
        assert_eq!(percentiles(&mut [1.0, 2.0], &[]), Vec::<f64>::new());
        assert!(mean(&[]).is_nan());
        assert_eq!(mean(&[7.5]), 7.5);
    }

    #[test]
    fn matches_full_sort() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let ps_sets: [&[f64]; 5] = [
            &[0.0, 10.0, 50.0, 90.0, 100.0],
            &[10.0, 50.0, 90.0],
            &[0.0, 0.0, 25.0, 25.0, 25.5, 33.3, 99.9, 100.0, 100.0],
            &[90.0, 10.0, 50.0], // unsorted
            &[1e-9, 50.0, 100.0 - 1e-9],
        ];
        for n in [1, 2, 3, 4, 5, 10, 11, 17, 100, 101, 1000, 1001, 4096] {
            for ties in [false, true] {
                let values = random_values(&mut rng, n, ties);
                for ps in ps_sets {
                    let mut work = values.clone();
                    let got = percentiles(&mut work, ps);
                    assert_eq!(bits(&got), bits(&naive(&values, ps)), "n {n} ps {ps:?}");
                    // only reordered
                    work.sort_by(f64::total_cmp);
                    let mut sorted = values.clone();
                    sorted.sort_by(f64::total_cmp);
                    assert_eq!(bits(&work), bits(&sorted));
                }
            }
        }
    }

    #[test]
    fn deterministic_reordering() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let values = random_values(&mut rng, 10_001, false);
        let (mut a, mut b) = (values.clone(), values);
        let ps = [10.0, 50.0, 90.0];
        assert_eq!(
            bits(&percentiles(&mut a, &ps)),
            bits(&percentiles(&mut b, &ps))
        );
        assert_eq!(bits(&a), bits(&b));
    }

    #[test]
    fn mean_is_accurate() {
        assert_eq!(mean(&[1.0, 2.0, 3.0, 4.0]), 2.5);
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for n in [1, 2, 127, 128, 129, 1000, 100_000] {
            let values = random_values(&mut rng, n, false);
            // reference: exact-ish sum in i128 fixed point (values are multiples
            // of a power of two far below 1e-6)
            let scale = (1u64 << 40) as f64;
            let exact: i128 = values.iter().map(|&x| (x * scale) as i128).sum();
            let want = exact as f64 / scale / n as f64;
            let got = mean(&values);
            assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "n {n}");
        }
        // large offsets: pairwise summation keeps the error small
        let values = vec![0.1; 1_000_000];
        assert!((mean(&values) - 0.1).abs() < 1e-15);
    }

    proptest! {
        #[test]
        fn prop_matches_full_sort(
            values in prop::collection::vec(-1e9f64..1e9, 0..300),
            mut ps in prop::collection::vec(0.0f64..=100.0, 0..6),
            sort_ps in any::<bool>(),
        ) {
            if sort_ps {
                ps.sort_by(f64::total_cmp);
            }
            let mut work = values.clone();
            let got = percentiles(&mut work, &ps);
            prop_assert_eq!(bits(&got), bits(&naive(&values, &ps)));
        }

        #[test]
        fn prop_monotone_in_p(values in prop::collection::vec(-1e6f64..1e6, 1..200)) {
            let ps: Vec<f64> = (0..=100).map(f64::from).collect();
            let got = percentiles(&mut values.clone(), &ps);
            for w in got.windows(2) {
                prop_assert!(w[0] <= w[1]);
            }
        }
    }

    /// `cargo test --release -- --ignored --nocapture bench_percentiles`
    #[test]
    #[ignore]
    fn bench_percentiles() {
        use std::hint::black_box;
        use std::time::Instant;
        let mut rng = ChaCha8Rng::seed_from_u64(6);
        let values = random_values(&mut rng, 100_000, false);
        let ps = [10.0, 50.0, 90.0];
        const RUNS: u32 = 200;
        let mut work = values.clone();
        let time = |f: &mut dyn FnMut(&mut Vec<f64>)| {
            let mut work = values.clone();
            let start = Instant::now();
            for _ in 0..RUNS {
                work.copy_from_slice(&values);
                f(black_box(&mut work));
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(RUNS)
        };
        let copy = time(&mut |_| {});
        let sel = time(&mut |w| {
            black_box(percentiles(w, &ps));
        });
        let all = time(&mut |w| {
            black_box(percentiles(w, &[0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 100.0]));
        });
        let sort = time(&mut |w| {
            w.sort_unstable_by(f64::total_cmp);
            black_box(naive(w, &ps));
        });
        let start = Instant::now();
        for _ in 0..RUNS {
            black_box(mean(black_box(&work)));
        }
        let mean_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(RUNS);
        work.clear();
        println!("n = 100000 (times include a {copy:.1} µs copy of the input)");
        println!("percentiles [10, 50, 90]: {sel:.1} µs");
        println!("percentiles [0, 10, 25, 50, 75, 90, 100]: {all:.1} µs");
        println!("full sort + [10, 50, 90] (reference): {sort:.1} µs");
        println!("mean: {mean_us:.1} µs");
    }
}
