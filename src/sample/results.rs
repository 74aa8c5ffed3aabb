//! Everything computed for one scenario: the exact base case, the tornado
//! sensitivity and, when asked, the sampled figures. Exporters and reports
//! read these; none of them runs the model again.

use super::{Progress, SampleError, Sampled, Trials};
use crate::error::AppError;
use crate::model::base::{self, BaseCase, Metrics};
use crate::model::sensitivity::{self, SensitivityRow};
use crate::model::{CAPACITY, CASH_AFTER_COSTS, CASH_BEFORE_COSTS, Overflow, item_inputs};
use crate::scenario::Scenario;

/// Everything computed for one scenario, ready for the exporters.
pub struct Results {
    pub scenario: Scenario,
    pub base: BaseCase,
    pub sampled: Option<Sampled>,
    pub sensitivity: Vec<SensitivityRow>,
}

/// Computes a scenario's results (no files touched). An overflow is an input
/// problem: the message names the file.
pub fn compute(
    scenario: Scenario,
    samples: usize,
    seed: u64,
    progress: &dyn Progress,
) -> Result<Results, AppError> {
    let located = |e: Overflow| AppError::Input(format!("{}: {e}", scenario.file));
    let base = base::run(&scenario).map_err(located)?;
    let mut sensitivity = sensitivity::sensitivity(&scenario).map_err(located)?;
    let sampled = if samples > 0 {
        let trials = Trials::new(&scenario, samples, seed);
        let sampled = trials.run(progress).map_err(|e| match e {
            SampleError::Overflow(e) => located(e),
            SampleError::Interrupted => AppError::Interrupted,
        })?;
        check_finite(&scenario, &sampled)?;
        let p90 = sampled.stats[trials.metrics().total()].p90;
        super::drivers::fill(trials.draws(), &sampled.totals, p90, &mut sensitivity);
        Some(sampled)
    } else {
        None
    };
    Ok(Results {
        scenario,
        base,
        sampled,
        sensitivity,
    })
}

/// A scenario's results from its text (file name `t.toml`, seed 1), for unit tests.
#[cfg(test)]
pub(crate) fn from_text(text: &str, samples: usize) -> Results {
    let loaded = crate::scenario::load_str("t.toml", text, &[]).unwrap_or_else(|e| panic!("{e}"));
    compute(loaded.scenario, samples, 1, &super::NoProgress).unwrap_or_else(|e| panic!("{e}"))
}

/// Sampled figures must be finite to be written (an extreme draw could overflow
/// f64): the first that is not is refused, naming it and the inputs behind it.
pub(crate) fn check_finite(scenario: &Scenario, sampled: &Sampled) -> Result<(), AppError> {
    let metrics = Metrics::new(scenario);
    let finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
    let bad_metric = sampled
        .stats
        .iter()
        .position(|s| !finite(&[s.mean, s.p10, s.p50, s.p90]))
        .map(|i| metrics.names[i].clone());
    let bad = bad_metric.or_else(|| {
        sampled
            .bands
            .iter()
            .position(|b| !finite(b))
            .map(|_| "cumulative_total".to_string())
    });
    let Some(item) = bad else {
        return Ok(());
    };
    let plain = item.strip_suffix("_em").unwrap_or(&item);
    let inputs = if scenario.costs.iter().any(|c| c.name == item) {
        format!("costs.{item}, team.engineers, hiring.plan counts")
    } else if CASH_BEFORE_COSTS.contains(&plain)
        || CASH_AFTER_COSTS.contains(&plain)
        || CAPACITY.contains(&plain)
    {
        item_inputs(plain).to_string()
    } else {
        "every money input".to_string()
    };
    Err(AppError::Input(format!(
        "{}: sampling gave `{item}` a value that is not a finite number: the ranges of the inputs behind it ({inputs}) are too extreme together; narrow them",
        scenario.file
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::Stats;
    use crate::scenario::load_str;

    /// Sampling cannot reach a non-finite figure through the command line
    /// (inputs are at most 1e12 and the base case refuses figures past 1e20
    /// first), so the guard is exercised here with made-up statistics.
    #[test]
    fn a_non_finite_sampled_figure_is_refused_naming_it_and_its_inputs() {
        let text = "[scenario]\nname = \"Tiny\"\nstart = \"2027-01\"\nmonths = 3\n[team]\nengineers = 1\nsalary = 120000\n[[costs]]\nname = \"training\"\namount = 5\nmonth = \"2027-01\"\n";
        let loaded = load_str("t.toml", text, &[]).unwrap_or_else(|e| panic!("{e}"));
        let s = &loaded.scenario;
        let metrics = Metrics::new(s);
        let finite = Stats {
            mean: 1.0,
            p10: 1.0,
            p50: 1.0,
            p90: 1.0,
        };
        let sampled = |bad: usize, value: f64| Sampled {
            samples: 1,
            seed: 1,
            stats: (0..metrics.len())
                .map(|i| {
                    if i == bad {
                        Stats {
                            p90: value,
                            ..finite
                        }
                    } else {
                        finite
                    }
                })
                .collect(),
            bands: vec![[0.0; 4]; s.months],
            totals: vec![1.0],
        };
        let message = |bad: usize, value: f64| match check_finite(s, &sampled(bad, value)) {
            Err(e) => e.to_string(),
            Ok(()) => panic!("{value} in {} was accepted", metrics.names[bad]),
        };
        let index = |name: &str| metrics.index(name).unwrap_or_else(|| panic!("no {name}"));
        let m = message(index("ci_compute"), f64::INFINITY);
        assert!(m.starts_with("t.toml: "), "{m}");
        assert!(
            m.contains("`ci_compute`") && m.contains("builds.ci_builds_per_day"),
            "{m}"
        );
        assert!(message(index("training"), f64::NAN).contains("costs.training"));
        assert!(message(index("ramp_em"), f64::NEG_INFINITY).contains("ramp.*"));
        assert!(message(metrics.npv(), f64::NAN).contains("`npv`"));
        let mut band = sampled(usize::MAX, 1.0);
        band.bands[1][2] = f64::NAN;
        let m = check_finite(s, &band).map_or_else(|e| e.to_string(), |()| String::new());
        assert!(m.contains("`cumulative_total`"), "{m}");
        assert!(check_finite(s, &sampled(usize::MAX, 1.0)).is_ok());
    }
}
