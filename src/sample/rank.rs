//! Ranks over the trials (MODEL.md §5 `sensitivity.csv`): average ranks for
//! ties, Spearman's correlation as the Pearson correlation of those ranks,
//! and an input's median percentile rank over the worst trials.

/// The average rank (1..=n) of each value; tied values share the mean of
/// the ranks they span. NaN sorts last (the trials are checked finite
/// before any of this).
pub(crate) fn average_ranks(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    // Sorting (value, trial) pairs keeps each comparison in cache, unlike
    // sorting indices that point into `values`.
    let mut pairs: Vec<(f64, u32)> = values.iter().copied().zip(0..n as u32).collect();
    pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut ranks = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let v = pairs[i].0;
        let mut j = i + 1;
        while j < n && pairs[j].0 == v {
            j += 1;
        }
        // Positions i..j (0-based) hold ranks i+1..=j: their mean.
        let r = (i + 1 + j) as f64 / 2.0;
        for &(_, t) in &pairs[i..j] {
            ranks[t as usize] = r;
        }
        i = j;
    }
    ranks
}

/// The Pearson correlation of two equally long series; `None` when either
/// does not vary.
pub(crate) fn pearson(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n < 2 {
        return None;
    }
    let mean = |v: &[f64]| v[..n].iter().sum::<f64>() / n as f64;
    let (ma, mb) = (mean(a), mean(b));
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a[..n].iter().zip(&b[..n]) {
        let (dx, dy) = (x - ma, y - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    (saa > 0.0 && sbb > 0.0).then(|| (sab / (saa * sbb).sqrt()).clamp(-1.0, 1.0))
}

/// Spearman's rank correlation of `values` with the series whose average
/// ranks are `ranks`; `None` when either does not vary.
#[cfg(test)]
pub(crate) fn spearman_with(values: &[f64], ranks: &[f64]) -> Option<f64> {
    pearson(&average_ranks(values), ranks)
}

/// The median, over the trials `worst` (indices), of the percentile rank of
/// `values` among all n trials, where average rank r maps to
/// 100·(r − 0.5)/n; `None` for no trials. `ranks` are `values`' average
/// ranks.
pub(crate) fn median_percentile_rank(ranks: &[f64], worst: &[usize]) -> Option<f64> {
    let n = ranks.len() as f64;
    let mut p: Vec<f64> = worst
        .iter()
        .map(|&i| 100.0 * (ranks[i] - 0.5) / n)
        .collect();
    if p.is_empty() {
        return None;
    }
    p.sort_unstable_by(f64::total_cmp);
    let m = p.len() / 2;
    Some(if p.len() % 2 == 1 {
        p[m]
    } else {
        (p[m - 1] + p[m]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_their_average_rank() {
        assert_eq!(
            average_ranks(&[10.0, 20.0, 10.0, 5.0, 20.0, 20.0]),
            [2.5, 5.0, 2.5, 1.0, 5.0, 5.0]
        );
    }

    #[test]
    fn spearman_of_a_monotone_series_is_one_and_of_a_constant_none() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        let b = [1.0, 8.0, 27.0, 64.0, 125.0];
        assert_eq!(spearman_with(&a, &average_ranks(&b)), Some(1.0));
        let rev: Vec<f64> = b.iter().map(|v| -v).collect();
        assert_eq!(spearman_with(&a, &average_ranks(&rev)), Some(-1.0));
        assert_eq!(spearman_with(&[3.0; 5], &average_ranks(&b)), None);
    }

    #[test]
    fn spearman_matches_a_hand_computed_case() {
        // Ranks x: 1 2 3 4 5, y: 2 1 4 3 5: d² = 1+1+1+1+0 = 4,
        // ρ = 1 − 6·4 / (5·24) = 0.8.
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [20.0, 10.0, 40.0, 30.0, 50.0];
        let r = spearman_with(&x, &average_ranks(&y)).unwrap_or(f64::NAN);
        assert!((r - 0.8).abs() < 1e-12, "{r}");
    }

    #[test]
    fn median_percentile_rank_of_odd_and_even_counts() {
        let ranks = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        // Trials 9 and 7: ranks 10 and 8 → 95 and 75 → median 85.
        assert_eq!(median_percentile_rank(&ranks, &[9, 7]), Some(85.0));
        assert_eq!(median_percentile_rank(&ranks, &[0]), Some(5.0));
        assert_eq!(median_percentile_rank(&ranks, &[]), None);
    }
}
