//! The one progress bar: on stderr, only on a terminal and only for work long
//! enough to be worth watching. Sampling and sweeps report to it through
//! [`crate::sample::Progress`], so neither knows about terminals.

use std::io::IsTerminal;

use crate::sample::Progress;

/// Sampling shows a bar above this many trial-months (about half a second of
/// work on a laptop).
const SAMPLING_FROM: usize = 20_000_000;
/// Sweeps with at least this many combinations show a bar (about two seconds
/// of work on a laptop).
const SWEEP_FROM: usize = 20_000;

/// A progress bar on stderr, or nothing when it would not be seen.
pub(crate) struct ProgressBar(Option<indicatif::ProgressBar>);

impl ProgressBar {
    /// For sampling `samples` trials of a `months`-long scenario.
    pub(crate) fn for_sampling(samples: usize, months: usize, quiet: bool) -> ProgressBar {
        let long = samples.saturating_mul(months) > SAMPLING_FROM;
        ProgressBar::on_terminal("sampling", samples, !quiet && long)
    }

    /// For a sweep of `combinations` base cases.
    pub(crate) fn for_sweep(combinations: usize, quiet: bool) -> ProgressBar {
        let long = combinations >= SWEEP_FROM;
        ProgressBar::on_terminal("sweep", combinations, !quiet && long)
    }

    fn on_terminal(label: &str, steps: usize, wanted: bool) -> ProgressBar {
        if !wanted || !std::io::stderr().is_terminal() {
            return ProgressBar(None);
        }
        let bar = indicatif::ProgressBar::new(steps as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{label} {{bar:40}} {{percent}}% ({{eta}} left)"
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        ProgressBar(Some(bar))
    }

    /// Removes the bar (the report follows on stdout).
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Progress for ProgressBar {
    fn set_total(&self, steps: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(steps as u64);
        }
    }

    fn advance(&self, steps: usize) {
        if let Some(bar) = &self.0 {
            bar.inc(steps as u64);
        }
    }
}
