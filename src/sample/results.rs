//! Everything computed for one scenario: the exact base case, the tornado
//! sensitivity and, when asked, the sampled figures. Exporters and reports
//! read these; none of them runs the model again.

use super::{Progress, Sampled, Trials};
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
    let sensitivity = sensitivity::sensitivity(&scenario).map_err(located)?;
    let sampled = if samples > 0 {
        let trials = Trials::new(&scenario, samples, seed);
        let sampled = trials.run(progress).map_err(located)?;
        check_finite(&scenario, &sampled)?;
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

/// Sampled figures must be finite to be written (an extreme draw could overflow
/// f64): the first that is not is refused, naming it and the inputs behind it.
pub fn check_finite(scenario: &Scenario, sampled: &Sampled) -> Result<(), AppError> {
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
