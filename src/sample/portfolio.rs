//! Sampling a portfolio: every team's trial drawn and evaluated as in
//! [`Trials`], with the shared inputs (`[shared] inputs`) drawn once per trial
//! for the whole organisation.
//!
//! A shared input is drawn as a probability `p` from a stream of its own, and
//! each team takes the value at `p` of its own distribution ([`Quantile`]):
//! identical distributions give identical values, different ones rank
//! correlation 1, and a team that fixes the input keeps its fixed value.
//! Every other input is drawn per team from its own distribution (one `u64`
//! per input, a shared one's `u64` too, so switching sharing on or off
//! changes only the shared inputs' values). Not yet: a team's own
//! `[[correlation]]` pairs (issue 12) are not applied in the portfolio's
//! trials; each team's own folder (`run`) does apply them.
//!
//! Determinism as in [`super`]: chunk `k` of [`CHUNK`] trials draws the
//! teams' inputs from `ChaCha8Rng` stream `k` (teams in file order) and the
//! shared probabilities from stream `k | 2⁶³`; reductions run in trial order,
//! so the files are identical on any thread count.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::dist::Quantile;
use super::percentile::{mean, percentiles};
use super::{CHUNK, Progress, STORE_BUDGET, Stats, TrialSink, Trials};
use crate::model::Overflow;
use crate::scenario::Scenario;

/// Marks the stream of the shared probabilities of a chunk.
const SHARED_STREAM: u64 = 1 << 63;

/// The sampled figures of a portfolio.
#[derive(Debug, Clone)]
pub(crate) struct OrgSampled {
    pub(crate) samples: usize,
    pub(crate) seed: u64,
    /// Each team's horizon total.
    pub(crate) teams: Vec<Stats>,
    /// Each team's share of trials whose cumulative total ends ≤ 0 (so that
    /// it breaks even within its horizon, MODEL.md §3).
    pub(crate) team_break_even_chance: Vec<f64>,
    /// The organisation's total.
    pub(crate) total: Stats,
    pub(crate) break_even_chance: f64,
    /// Per org month: P10, P50, P90 and mean of the org cumulative total.
    pub(crate) bands: Vec<[f64; 4]>,
    /// The org total of every trial, in trial order.
    pub(crate) totals: Vec<f64>,
}

/// One team: its trials and, per input, the shared probability it takes.
struct Team<'s> {
    trials: Trials<'s>,
    /// Per input: the index of its shared probability and its quantile.
    shared: Vec<Option<(usize, Quantile)>>,
    /// Its first month among the org's months.
    offset: usize,
}

/// Everything the portfolio's trials need, shared by all threads.
pub(crate) struct OrgTrials<'s> {
    teams: Vec<Team<'s>>,
    n_shared: usize,
    months: usize,
    samples: usize,
    seed: u64,
}

/// A failure of one team's trial: its index and the overflow.
pub(crate) type TeamOverflow = (usize, Overflow);

impl<'s> OrgTrials<'s> {
    /// `teams` with their month offsets in an org horizon of `months`.
    pub(crate) fn new(
        teams: &[(&'s Scenario, usize)],
        months: usize,
        shared: &[String],
        samples: usize,
        seed: u64,
    ) -> OrgTrials<'s> {
        let teams = teams
            .iter()
            .map(|&(scenario, offset)| {
                let trials = Trials::new(scenario, samples, seed);
                let shared = scenario
                    .inputs
                    .iter()
                    .zip(&trials.draws.dists)
                    .map(|(input, d)| {
                        shared
                            .iter()
                            .position(|k| *k == input.key)
                            .map(|s| (s, Quantile::of(d)))
                    })
                    .collect();
                Team {
                    trials,
                    shared,
                    offset,
                }
            })
            .collect();
        OrgTrials {
            teams,
            n_shared: shared.len(),
            months,
            samples,
            seed,
        }
    }

    /// Runs the trials of chunk `k`, calling `each(trial_in_chunk, team
    /// totals, org cumulative by month)`.
    fn run_chunk(
        &self,
        k: usize,
        want_months: bool,
        mut each: impl FnMut(usize, &[f64], &[f64]),
    ) -> Result<(), TeamOverflow> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(k as u64);
        let mut shared_rng = ChaCha8Rng::seed_from_u64(self.seed);
        shared_rng.set_stream(k as u64 | SHARED_STREAM);
        let n = CHUNK.min(self.samples - k * CHUNK);
        let mut probabilities = vec![0.0; self.n_shared];
        let mut buffers: Vec<Buffers> = self
            .teams
            .iter()
            .map(|t| Buffers::new(t, want_months))
            .collect();
        let mut team_totals = vec![0.0; self.teams.len()];
        let mut org = vec![0.0; if want_months { self.months } else { 0 }];
        for t in 0..n {
            for p in &mut probabilities {
                // In (0, 1): the quantiles of unbounded distributions stay finite.
                *p = ((shared_rng.next_u64() >> 11) as f64 + 0.5) / 9_007_199_254_740_992.0;
            }
            for (j, (team, b)) in self.teams.iter().zip(&mut buffers).enumerate() {
                let trials = &team.trials;
                for ((slot, d), shared) in b.x.iter_mut().zip(&trials.draws.dists).zip(&team.shared)
                {
                    let own = d.draw(&mut rng);
                    *slot = match shared {
                        Some((s, q)) => q.at(probabilities[*s]),
                        None => own,
                    };
                }
                b.metrics.iter_mut().for_each(|m| *m = 0.0);
                let mut sink = TrialSink {
                    metrics: &mut b.metrics,
                    factors: &trials.factors,
                    cumulative: 0.0,
                    by_month: want_months.then_some(&mut b.by_month[..]),
                    last_month: None,
                    n_cash: trials.metrics.cash,
                };
                trials
                    .model
                    .evaluate(&b.x, &mut b.scratch, &mut sink)
                    .map_err(|e| (j, e))?;
                team_totals[j] = b.metrics[trials.metrics.total()];
            }
            if want_months {
                self.add_by_month(&buffers, &mut org);
            }
            each(t, &team_totals, &org);
        }
        Ok(())
    }

    /// The org cumulative total per month: each team's cumulative total,
    /// zero before its start and its final total after its end.
    fn add_by_month(&self, buffers: &[Buffers], org: &mut [f64]) {
        org.iter_mut().for_each(|v| *v = 0.0);
        for (team, b) in self.teams.iter().zip(buffers) {
            let len = b.by_month.len();
            let last = b.by_month[len - 1];
            for (m, v) in org.iter_mut().enumerate().skip(team.offset) {
                *v += if m - team.offset < len {
                    b.by_month[m - team.offset]
                } else {
                    last
                };
            }
        }
    }

    /// Runs every trial and reduces them to statistics. Columns are the
    /// teams' totals, then the org's cumulative total per month (the last is
    /// the org total); when they do not fit [`STORE_BUDGET`], the trials run
    /// again for each group of columns (identically: the streams are fixed).
    pub(crate) fn run(&self, progress: &dyn Progress) -> Result<OrgSampled, TeamOverflow> {
        let n_teams = self.teams.len();
        let n_columns = n_teams + self.months;
        let per_pass = (STORE_BUDGET / self.samples.max(1)).clamp(1, n_columns);
        let passes = n_columns.div_ceil(per_pass);
        progress.set_total(self.samples * passes);
        let mut summaries: Vec<[f64; 4]> = Vec::with_capacity(n_columns);
        let mut chances = Vec::with_capacity(n_teams + 1);
        let mut totals = Vec::new();
        for start in (0..n_columns).step_by(per_pass) {
            let wanted: Vec<usize> = (start..(start + per_pass).min(n_columns)).collect();
            let mut columns = self.fill(&wanted, progress)?;
            for (&c, col) in wanted.iter().zip(&columns) {
                // Team totals and the org total: their break-even chance; the
                // org totals in trial order for the distribution chart.
                if c < n_teams || c == n_columns - 1 {
                    let even = col.iter().filter(|&&v| v <= 0.0).count();
                    chances.push(even as f64 / self.samples as f64);
                }
                if c == n_columns - 1 {
                    totals = col.clone();
                }
            }
            let reduced: Vec<[f64; 4]> = columns
                .par_iter_mut()
                .map(|col| {
                    let m = mean(col);
                    let p = percentiles(col, &[10.0, 50.0, 90.0]);
                    [p[0], p[1], p[2], m]
                })
                .collect();
            summaries.extend(reduced);
        }
        let stats = |s: &[f64; 4]| Stats {
            mean: s[3],
            p10: s[0],
            p50: s[1],
            p90: s[2],
        };
        Ok(OrgSampled {
            samples: self.samples,
            seed: self.seed,
            teams: summaries[..n_teams].iter().map(stats).collect(),
            team_break_even_chance: chances[..n_teams].to_vec(),
            total: stats(&summaries[n_columns - 1]),
            break_even_chance: chances[n_teams],
            bands: summaries[n_teams..].to_vec(),
            totals,
        })
    }

    /// The columns `wanted` of every trial, each `samples` long.
    fn fill(
        &self,
        wanted: &[usize],
        progress: &dyn Progress,
    ) -> Result<Vec<Vec<f64>>, TeamOverflow> {
        let n_teams = self.teams.len();
        let want_months = wanted.iter().any(|&c| c >= n_teams);
        let chunks = self.samples.div_ceil(CHUNK);
        let per_chunk: Vec<Vec<Vec<f64>>> = (0..chunks)
            .into_par_iter()
            .map(|k| {
                let mut cols: Vec<Vec<f64>> =
                    wanted.iter().map(|_| Vec::with_capacity(CHUNK)).collect();
                self.run_chunk(k, want_months, |_, teams, org| {
                    for (col, &c) in cols.iter_mut().zip(wanted) {
                        col.push(if c < n_teams {
                            teams[c]
                        } else {
                            org[c - n_teams]
                        });
                    }
                })?;
                progress.advance(CHUNK.min(self.samples - k * CHUNK));
                Ok(cols)
            })
            .collect::<Result<_, TeamOverflow>>()?;
        let mut columns: Vec<Vec<f64>> = wanted
            .iter()
            .map(|_| Vec::with_capacity(self.samples))
            .collect();
        for chunk in per_chunk {
            for (col, part) in columns.iter_mut().zip(chunk) {
                col.extend(part);
            }
        }
        Ok(columns)
    }
}

/// One team's per-trial working memory.
struct Buffers {
    x: Vec<f64>,
    metrics: Vec<f64>,
    by_month: Vec<f64>,
    scratch: crate::model::Scratch<f64>,
}

impl Buffers {
    fn new(team: &Team, want_months: bool) -> Buffers {
        let t = &team.trials;
        Buffers {
            x: vec![0.0; t.draws.dists.len()],
            metrics: vec![0.0; t.metrics.len()],
            by_month: vec![0.0; if want_months { t.scenario.months } else { 0 }],
            scratch: t.model.scratch(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::NoProgress;
    use crate::scenario::load_str;

    fn team(name: &str, start: &str, multiplier: &str) -> Scenario {
        let text = format!(
            "[scenario]\nname = \"{name}\"\nstart = \"{start}\"\nmonths = 12\n[team]\nengineers = 6\nsalary = 100000\n[hiring]\nplan = [{{ month = \"{start}\", count = 3 }}]\nmultiplier = {multiplier}\npremium = [0.1, 0.4]\n[ramp]\nmonths = [2, 6]\n"
        );
        load_str(&format!("{name}.toml"), &text, &[])
            .unwrap_or_else(|e| panic!("{e}"))
            .scenario
    }

    fn teams() -> [Scenario; 3] {
        [
            team("a", "2027-01", "[2, 3]"),
            team(
                "b",
                "2027-04",
                "{ low = 1.5, mode = 2, high = 4, dist = \"pert\" }",
            ),
            team("c", "2027-02", "2.5"),
        ]
    }

    fn run(teams: &[Scenario], shared: &[&str], samples: usize) -> OrgSampled {
        let with_offsets = [(&teams[0], 0), (&teams[1], 3), (&teams[2], 1)];
        let shared: Vec<String> = shared.iter().map(|s| s.to_string()).collect();
        OrgTrials::new(&with_offsets, 15, &shared, samples, 11)
            .run(&NoProgress)
            .unwrap_or_else(|(t, e)| panic!("team {t}: {e}"))
    }

    #[test]
    fn same_seed_gives_identical_results_on_any_thread_count() {
        let teams = teams();
        let on = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap_or_else(|e| panic!("{e}"))
                .install(|| run(&teams, &["hiring.multiplier"], 3000))
        };
        let (one, three) = (on(1), on(3));
        assert_eq!(one.bands, three.bands);
        assert_eq!(one.totals, three.totals);
        assert_eq!(one.teams, three.teams);
    }

    #[test]
    fn org_figures_are_the_sums_of_the_teams_in_every_trial() {
        let teams = teams();
        let with_offsets = [(&teams[0], 0), (&teams[1], 3), (&teams[2], 1)];
        let org = OrgTrials::new(
            &with_offsets,
            15,
            &["hiring.multiplier".to_string()],
            1500,
            11,
        );
        let mut trials = 0;
        for k in 0..2 {
            org.run_chunk(k, true, |_, teams, by_month| {
                let sum: f64 = teams.iter().sum();
                assert!((sum - by_month[14]).abs() <= 1e-6 * sum.abs().max(1.0));
                // Team b starts in month 3: before it, only a and c count.
                assert!(by_month[0] != 0.0);
                trials += 1;
            })
            .unwrap_or_else(|(t, e)| panic!("team {t}: {e}"));
        }
        assert_eq!(trials, 1500);
        let s = org
            .run(&NoProgress)
            .unwrap_or_else(|(t, e)| panic!("team {t}: {e}"));
        // The last month's band is the org total's distribution.
        let last = s.bands[14];
        assert_eq!(
            [last[0], last[1], last[2]],
            [s.total.p10, s.total.p50, s.total.p90]
        );
        assert_eq!(s.totals.len(), 1500);
    }

    /// A shared key takes the same probability in every team: identical
    /// distributions give identical values and a fixed value stays fixed; the
    /// organisation's spread is then wider than with every team drawn apart.
    #[test]
    fn shared_inputs_move_together_and_widen_the_org_spread() {
        let teams = [
            team("a", "2027-01", "[2, 3]"),
            team("b", "2027-01", "[2, 3]"),
            team("c", "2027-01", "2.5"),
        ];
        let with_offsets = [(&teams[0], 0), (&teams[1], 0), (&teams[2], 0)];
        let shared = [
            "hiring.multiplier".to_string(),
            "hiring.premium".to_string(),
        ];
        let org = OrgTrials::new(&with_offsets, 12, &shared, 4000, 5);
        let multiplier = crate::scenario::Input::Multiplier as usize;
        let value = |t: usize, p: f64| {
            org.teams[t].shared[multiplier]
                .as_ref()
                .map(|(s, q)| (*s, q.at(p)))
        };
        for p in [0.01, 0.3, 0.99] {
            assert_eq!(value(0, p), value(1, p));
            assert_eq!(value(2, p), Some((0, 2.5)));
        }
        let spread = |s: &OrgSampled| s.total.p90 - s.total.p10;
        let shared_run = org
            .run(&NoProgress)
            .unwrap_or_else(|(t, e)| panic!("team {t}: {e}"));
        let independent = OrgTrials::new(&with_offsets, 12, &[], 4000, 5)
            .run(&NoProgress)
            .unwrap_or_else(|(t, e)| panic!("team {t}: {e}"));
        assert!(
            spread(&shared_run) > spread(&independent),
            "{} vs {}",
            spread(&shared_run),
            spread(&independent)
        );
    }
}
