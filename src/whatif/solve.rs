//! `adoptcost solve`: goal seek. Finds the value of one numeric input
//! (`--vary KEY`) at which a goal (`--target GOAL`) is met, searching a range
//! (`--within FROM:TO`, or the key's domain from MODEL.md §1).
//!
//! Every value tried is computed exactly as `adoptcost run --set KEY=VALUE`
//! would compute it (the same override, validation and model, as in
//! `sweep`), so the answer can be checked with `run`. A value is a decimal
//! of at most 15 significant digits, as a scenario may write it.
//!
//! The method: the figure the goal is about is first computed at
//! [`SCAN_POINTS`] evenly spaced values across the range, which tells
//! whether the goal is reached, where, and whether the figure is monotone
//! there; then the one bracket in which the goal is crossed is narrowed:
//!
//! - an equality goal (`total=0`, `p90:total=2000000`) by false position with
//!   the Illinois correction and a bisection whenever two steps did not halve
//!   the bracket, until the figure is within its rounding unit of the target
//!   (one cent for money, 0.001 for engineer-months) or the bracket is within
//!   1e-9 of the range's width. Base-case totals are sums of cells rounded to
//!   the cent, so they move in steps; where a step jumps over the target, the
//!   closer side is the answer, and the answer says so;
//! - a threshold goal (`break_even=YYYY-MM`, `chance:break_even=0.8`) is met
//!   on one side of a boundary: bisection finds the boundary to 1e-9 of the
//!   range's width, and the answer is the last value that still meets the
//!   goal (the largest or the smallest, whichever side meets it).
//!
//! The answer is then the shortest decimal, within the final bracket, that
//! meets the goal as well (so that `0.1734` is printed rather than
//! `0.17340000312`), and a confirming run computes the figure at it afresh,
//! through the same path as `run` (the whole sampler for P10/P50/P90 and the
//! mean). Sampled goals use common random numbers: the same seed and draws at
//! every value (each input takes exactly one draw per trial whether it is
//! fixed or not), so the statistic is a deterministic function of the key.
//!
//! A goal that is not reached in the range, or reached at several separate
//! places (the figure is not monotone there), is refused with what the figure
//! does across the range: its values at both ends and whether it is monotone.

use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use rayon::prelude::*;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

use super::vary::{self, number, value_text};
use crate::error::AppError;
use crate::model::base::{self, Metrics, Precision};
use crate::sample::{Trials, percentile};
use crate::scenario::{Diagnostic, Domain, Loaded, Override, Parsed, Scenario, YearMonth};
use crate::text::{fixed, money};

/// Values computed across the range before the search narrows in.
pub(crate) const SCAN_POINTS: usize = 33;
/// The search stops when its bracket is this share of the range's width.
const KEY_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 9);
/// Values are rounded to this share of the range's width (finer than the
/// tolerance, so that the bracket can shrink to it).
const KEY_GRID: Decimal = Decimal::from_parts(1, 0, 0, false, 11);
/// Most significant digits of a number in a scenario (MODEL.md §1).
const MAX_DIGITS: u32 = 15;

// The key.

/// The input `solve` moves (`--vary KEY`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SolveKey {
    /// As typed (trimmed): the override applied is `key=value`, exactly as
    /// `--set key=value` would be.
    pub(crate) key: String,
    /// The dotted key, as in `sensitivity.csv` (`costs.<name>` for a cost).
    pub(crate) column: String,
    /// Whole numbers only (`scenario.months`).
    pub(crate) whole: bool,
    /// The values it accepts (MODEL.md §1).
    pub(crate) domain: Domain,
    /// Its value in the scenario (the base value of a range), for messages.
    pub(crate) current: Decimal,
}

/// Checks the form of `--vary KEY` (before the file is read).
pub(crate) fn parse_key(text: &str) -> Result<String, String> {
    let key = text.trim();
    if let Some((k, values)) = key.split_once('=') {
        let example = match values.split(':').collect::<Vec<_>>().as_slice() {
            [from, to, ..] => format!(" --within {}:{}", from.trim(), to.trim()),
            _ => " --within FROM:TO".to_string(),
        };
        return Err(format!(
            "--vary '{text}': solve takes the key alone, and finds its value{HELP}write --vary {}{example} to search a range",
            k.trim()
        ));
    }
    if key.is_empty() || key.split('.').any(|part| part.trim().is_empty()) {
        return Err(format!(
            "--vary '{text}' is not a key{HELP}write a dotted key such as hiring.premium, ramp.months or costs.<name>"
        ));
    }
    Ok(key.to_string())
}

/// Matches `--vary KEY` against the scenario, as `sweep` does: any numeric key
/// `--set` accepts.
pub(crate) fn resolve_key(key: &str, scenario: &Scenario) -> Result<SolveKey, String> {
    let flag = format!("--vary '{key}'");
    let column = vary::column(&flag, key, scenario, "solved for").map_err(help_line)?;
    let (domain, current) = match column.as_str() {
        "team.engineers" => (Domain::at_least(Decimal::ZERO), scenario.engineers),
        "scenario.discount_rate" => (
            Domain::between(Decimal::ZERO, Decimal::ONE),
            scenario.discount_rate,
        ),
        "scenario.months" => (
            Domain::between(Decimal::ONE, Decimal::from(600)),
            Decimal::from(scenario.months),
        ),
        "builds.hours_per_day" => (
            Domain::between(Decimal::ONE, Decimal::from(24)),
            scenario.hours_per_day,
        ),
        _ => {
            let input = scenario
                .inputs
                .iter()
                .find(|i| i.key == column)
                .ok_or_else(|| format!("{flag}: `{column}` is not an input of the scenario"))?;
            (input.domain, input.base)
        }
    };
    Ok(SolveKey {
        key: key.to_string(),
        whole: column == "scenario.months",
        column,
        domain,
        current,
    })
}

/// Refuses a `--set` of the key being solved for: one of them would be lost.
pub(crate) fn check_sets(
    key: &SolveKey,
    sets: &[Override],
    scenario: &Scenario,
) -> Result<(), String> {
    for o in sets {
        let same = vary::column("", &o.key, scenario, "solved for")
            .is_ok_and(|column| column == key.column);
        if same {
            return Err(format!(
                "--set '{}' fixes {}, the key --vary solves for{HELP}drop the --set, or give the range to search with --within",
                o.text(),
                key.column
            ));
        }
    }
    Ok(())
}

// The range.

/// The values searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Range {
    pub(crate) from: Decimal,
    pub(crate) to: Decimal,
    /// `--within` as typed, when given (else the key's domain).
    pub(crate) within: Option<String>,
}

impl Range {
    pub(crate) fn width(&self) -> Decimal {
        self.to - self.from
    }
}

/// Checks the form of `--within FROM:TO` (before the file is read).
pub(crate) fn parse_within(text: &str) -> Result<(Decimal, Decimal), String> {
    let flag = format!("--within '{text}'");
    let parts: Vec<&str> = text.split(':').collect();
    let [from, to] = parts.as_slice() else {
        return Err(format!(
            "{flag} is not FROM:TO{HELP}write the lowest and highest value to search, e.g. --within 0:0.5"
        ));
    };
    let from = number(&flag, from, "FROM").map_err(help_line)?;
    let to = number(&flag, to, "TO").map_err(help_line)?;
    if from >= to {
        let fix = if from > to {
            format!(
                "write the lower end first: --within {}:{}",
                value_text(to),
                value_text(from)
            )
        } else {
            "give a range, e.g. --within 0:1".to_string()
        };
        return Err(format!("{flag}: FROM must be below TO{HELP}{fix}"));
    }
    Ok((from, to))
}

/// The range to search: `--within`, or the key's domain where it is finite.
pub(crate) fn range(
    key: &SolveKey,
    within: Option<(&str, Decimal, Decimal)>,
) -> Result<Range, String> {
    if let Some((text, from, to)) = within {
        if key.whole && (!from.fract().is_zero() || !to.fract().is_zero()) {
            return Err(format!(
                "--within '{text}': {} takes whole numbers{HELP}write e.g. --within {}:{}",
                key.column,
                value_text(from.ceil()),
                value_text(to.floor().max(from.ceil()))
            ));
        }
        let outside: Vec<String> = [from, to]
            .into_iter()
            .filter(|v| !key.domain.contains(*v))
            .map(value_text)
            .collect();
        if !outside.is_empty() {
            let low = if key.domain.contains(from) {
                from
            } else {
                key.domain.min
            };
            let high = key.domain.max.map_or(to, |max| to.min(max));
            let example = if key.domain.contains(low) && low < high {
                format!(", e.g. --within {}:{}", value_text(low), value_text(high))
            } else {
                String::new()
            };
            return Err(format!(
                "--within '{text}': {} is {}, and {} {} not{HELP}search inside the values it accepts{example}",
                key.column,
                key.domain.describe(),
                outside.join(" and "),
                if outside.len() == 1 { "is" } else { "are" }
            ));
        }
        return Ok(Range {
            from,
            to,
            within: Some(text.to_string()),
        });
    }
    match key.domain.max {
        Some(max) if !key.domain.min_exclusive => Ok(Range {
            from: key.domain.min,
            to: max,
            within: None,
        }),
        _ => {
            let high = round_up(key.current * Decimal::from(4)).max(Decimal::ONE);
            let low = if key.domain.min_exclusive {
                (high / Decimal::from(100)).max(Decimal::new(1, 2))
            } else {
                key.domain.min
            };
            Err(format!(
                "--vary '{}': {} is {}, with no upper end, so solve needs the range to search{HELP}add --within FROM:TO, e.g. --within {}:{}",
                key.key,
                key.column,
                key.domain.describe(),
                value_text(low),
                value_text(high)
            ))
        }
    }
}

/// `x` rounded up to its first significant digit: 640000 → 700000.
fn round_up(x: Decimal) -> Decimal {
    if x <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let mut unit = Decimal::ONE;
    while unit * Decimal::TEN <= x {
        unit *= Decimal::TEN;
    }
    (x / unit).ceil() * unit
}

// The goal.

/// A month as a count of months since year 0, so that months compare and
/// plot as numbers.
pub(crate) fn ordinal(m: YearMonth) -> i64 {
    m.year() * 12 + i64::from(m.month()) - 1
}

/// A statistic of the sampled distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Statistic {
    Mean,
    /// 0..=100.
    Percentile(f64),
}

/// What `--target` asks for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Goal {
    /// `METRIC=VALUE` on the exact base case.
    Base { metric: usize, target: Decimal },
    /// `pNN:METRIC=VALUE` or `mean:METRIC=VALUE` over the trials.
    Sampled {
        statistic: Statistic,
        metric: usize,
        target: Decimal,
    },
    /// `break_even=YYYY-MM`: the base case breaks even in or before that month.
    BreakEvenBy(YearMonth),
    /// `chance:break_even=P`: at least the share P of the trials break even
    /// within the horizon.
    BreakEvenChance(Decimal),
}

/// A checked `--target`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    /// Normalized, for `solve.csv`: `total=0`, `p90:total=2000000`.
    pub(crate) text: String,
    pub(crate) goal: Goal,
    /// The summary metric it is about (`break_even` for the break-even goals).
    pub(crate) metric: String,
    /// How the metric is written.
    pub(crate) precision: Precision,
}

impl Target {
    /// Whether the goal is about the sampled trials.
    pub(crate) fn sampled(&self) -> bool {
        matches!(self.goal, Goal::Sampled { .. } | Goal::BreakEvenChance(_))
    }

    /// Whether the goal is a threshold with a boundary (met on one side of a
    /// value), rather than an equality.
    pub(crate) fn threshold(&self) -> bool {
        matches!(self.goal, Goal::BreakEvenBy(_) | Goal::BreakEvenChance(_))
    }

    /// The figure the goal is about, in words: `total`, `P90 of total`.
    pub(crate) fn figure_name(&self) -> String {
        match &self.goal {
            Goal::Base { .. } => self.metric.clone(),
            Goal::Sampled { statistic, .. } => {
                format!("{} of {}", statistic_name(*statistic), self.metric)
            }
            Goal::BreakEvenBy(_) => "break-even".to_string(),
            Goal::BreakEvenChance(_) => "chance of breaking even".to_string(),
        }
    }

    /// The rounding unit of the figure: how close to the target is close
    /// enough (one cent for money).
    fn unit(&self) -> Decimal {
        Decimal::new(1, self.precision.decimals())
    }
}

/// `10,000 samples, seed 7` (`1 sample` for one).
pub(crate) fn sampling_words(samples: usize, seed: u64) -> String {
    let noun = if samples == 1 { "sample" } else { "samples" };
    format!(
        "{} {noun}, seed {seed}",
        crate::text::group_thousands(&samples.to_string())
    )
}

/// "P90", "P97.5", "mean".
pub(crate) fn statistic_name(statistic: Statistic) -> String {
    match statistic {
        Statistic::Mean => "mean".to_string(),
        Statistic::Percentile(p) => format!("P{p}"),
    }
}

/// A `--target` whose form is checked but whose metric is not yet matched
/// against a scenario.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GoalSpec {
    text: String,
    statistic: Option<SpecStatistic>,
    metric: String,
    value: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum SpecStatistic {
    Of(Statistic),
    Chance,
}

/// Starts the line of a message that says how to fix it.
const HELP: &str = "\n  help: ";

/// A message shared with `sweep` (`what; fix`) with its fix on a help line,
/// as `solve`'s own messages have it.
fn help_line(message: String) -> String {
    match message.rsplit_once("; ") {
        Some((what, fix)) => format!("{what}{HELP}{fix}"),
        None => message,
    }
}

const GOAL_FORMS: &str = "METRIC=VALUE (base case, e.g. total=0), pNN:METRIC=VALUE or mean:METRIC=VALUE (sampled, e.g. p90:total=2000000), break_even=YYYY-MM or chance:break_even=0.8";

/// Checks the form of `--target GOAL` (before the file is read).
pub(crate) fn parse_goal(text: &str) -> Result<GoalSpec, String> {
    let flag = format!("--target '{text}'");
    let Some((lhs, value)) = text.split_once('=') else {
        return Err(format!("{flag} is not a goal{HELP}write {GOAL_FORMS}"));
    };
    let (statistic, metric) = match lhs.split_once(':') {
        None => (None, lhs.trim()),
        Some((stat, metric)) => {
            let stat = stat.trim().to_ascii_lowercase();
            let statistic = if stat == "mean" {
                SpecStatistic::Of(Statistic::Mean)
            } else if stat == "chance" {
                SpecStatistic::Chance
            } else if let Some(p) = stat.strip_prefix('p') {
                let p = number(&flag, p, "the percentile")
                    .ok()
                    .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
                    .and_then(|p| p.to_f64())
                    .ok_or_else(|| {
                        format!(
                            "{flag}: `{stat}` is not a percentile{HELP}write p0 to p100, e.g. p90:{}",
                            metric.trim()
                        )
                    })?;
                SpecStatistic::Of(Statistic::Percentile(p))
            } else {
                return Err(format!(
                    "{flag}: `{stat}:` is not a statistic{HELP}write pNN: (a percentile such as p90:), mean: or chance:break_even"
                ));
            };
            (Some(statistic), metric.trim())
        }
    };
    if metric.is_empty() {
        return Err(format!("{flag} names no metric{HELP}write {GOAL_FORMS}"));
    }
    if value.trim().is_empty() {
        return Err(format!(
            "{flag} gives no value after `=`{HELP}write {GOAL_FORMS}"
        ));
    }
    Ok(GoalSpec {
        text: text.to_string(),
        statistic,
        metric: metric.to_string(),
        value: value.trim().to_string(),
    })
}

/// Matches a goal against the scenario's metrics (`summary.csv`) and checks
/// its value; `samples` is what sampled goals will use.
pub(crate) fn resolve_goal(
    spec: &GoalSpec,
    scenario: &Scenario,
    samples: usize,
) -> Result<Target, String> {
    let flag = format!("--target '{}'", spec.text);
    let metrics = Metrics::new(scenario);
    let is_break_even = spec.metric.eq_ignore_ascii_case("break_even");
    if is_break_even {
        return break_even_goal(&flag, spec, scenario, samples);
    }
    let metric = metric_index(&flag, &spec.metric, &metrics)?;
    let name = metrics.names[metric].clone();
    let precision = metrics.precisions[metric];
    let target = number(&flag, &spec.value, "the target").map_err(help_line)?;
    let (goal, text) = match spec.statistic {
        None => (
            Goal::Base { metric, target },
            format!("{name}={}", value_text(target)),
        ),
        Some(SpecStatistic::Chance) => {
            return Err(format!(
                "{flag}: chance: goes with break_even only{HELP}write --target chance:break_even=0.8 for an 80% chance of breaking even within the horizon"
            ));
        }
        Some(SpecStatistic::Of(statistic)) => {
            need_samples(&flag, samples)?;
            let prefix = match statistic {
                Statistic::Mean => "mean".to_string(),
                Statistic::Percentile(p) => format!("p{p}"),
            };
            (
                Goal::Sampled {
                    statistic,
                    metric,
                    target,
                },
                format!("{prefix}:{name}={}", value_text(target)),
            )
        }
    };
    Ok(Target {
        text,
        goal,
        metric: name,
        precision,
    })
}

fn break_even_goal(
    flag: &str,
    spec: &GoalSpec,
    scenario: &Scenario,
    samples: usize,
) -> Result<Target, String> {
    let (goal, text) = match spec.statistic {
        None => {
            let month = YearMonth::parse(&spec.value).ok_or_else(|| {
                format!(
                    "{flag}: `{}` is not a month{HELP}write YYYY-MM, e.g. --target break_even={}",
                    spec.value,
                    scenario.month_label(scenario.months.saturating_sub(1))
                )
            })?;
            if month < scenario.start {
                return Err(format!(
                    "{flag}: {month} is before the scenario starts ({}){HELP}name a month from {} on",
                    scenario.start, scenario.start
                ));
            }
            (Goal::BreakEvenBy(month), format!("break_even={month}"))
        }
        Some(SpecStatistic::Chance) => {
            need_samples(flag, samples)?;
            let share = number(flag, &spec.value, "the chance")
                .ok()
                .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::ONE)
                .ok_or_else(|| {
                    format!(
                        "{flag}: the chance `{}` is not a share between 0 and 1{HELP}write e.g. chance:break_even=0.8 for 80%",
                        spec.value
                    )
                })?;
            (
                Goal::BreakEvenChance(share),
                format!("chance:break_even={}", value_text(share)),
            )
        }
        Some(SpecStatistic::Of(_)) => {
            return Err(format!(
                "{flag}: break_even is a month, not a figure with a mean or percentiles{HELP}write --target break_even=YYYY-MM (the base case) or --target chance:break_even=0.8 (the share of trials)"
            ));
        }
    };
    Ok(Target {
        text,
        goal,
        metric: "break_even".to_string(),
        precision: Precision::Money,
    })
}

fn need_samples(flag: &str, samples: usize) -> Result<(), String> {
    if samples == 0 {
        return Err(format!(
            "{flag} is about the sampled trials, but --samples is 0{HELP}leave out --samples (10,000 samples) or give a number of samples, e.g. --samples 2000"
        ));
    }
    Ok(())
}

fn metric_index(flag: &str, name: &str, metrics: &Metrics) -> Result<usize, String> {
    if let Some(i) = metrics.names.iter().position(|n| n == name) {
        return Ok(i);
    }
    if let Some(i) = metrics
        .names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(name))
    {
        return Ok(i);
    }
    let mut known: Vec<&str> = metrics.names.iter().map(String::as_str).collect();
    known.push("break_even");
    let hint = crate::text::closest(name, known.iter().copied(), |len| 3.max(len / 4))
        .map(|k| format!("did you mean `{k}`? "))
        .unwrap_or_default();
    Err(format!(
        "{flag}: unknown metric `{name}`{HELP}{hint}the metrics are those of summary.csv ({}) and break_even",
        known[..known.len() - 1].join(", ")
    ))
}

// Figures.

/// The figure a goal is about, at one value of the key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Figure {
    /// A base-case metric, exact.
    Exact(Decimal),
    /// A statistic over the trials.
    Sampled(f64),
    /// The base case's break-even month, if any within the horizon.
    BreakEven(Option<YearMonth>),
    /// The share of trials breaking even within the horizon.
    Chance(f64),
}

impl Figure {
    /// The figure as a number, for ordering and charts: a month counts
    /// months since year 0, no break-even is +∞.
    pub(crate) fn level(&self) -> f64 {
        match *self {
            Figure::Exact(x) => x.to_f64().unwrap_or(f64::NAN),
            Figure::Sampled(x) | Figure::Chance(x) => x,
            Figure::BreakEven(Some(m)) => ordinal(m) as f64,
            Figure::BreakEven(None) => f64::INFINITY,
        }
    }

    /// The figure in words: `1,234.56 USD`, `12.500 engineer-months`,
    /// `2028-06`, `none within the horizon`, `81.25%`.
    pub(crate) fn text(&self, target: &Target, currency: &str) -> String {
        let em = target.precision == Precision::EngineerMonths;
        match *self {
            Figure::Exact(x) if em => format!("{x} engineer-months"),
            Figure::Exact(x) => format!("{} {currency}", money(x)),
            Figure::Sampled(x) if em => format!("{} engineer-months", fixed(x, 3)),
            Figure::Sampled(x) => format!("{} {currency}", crate::text::money_f64(x)),
            Figure::BreakEven(Some(m)) => m.to_string(),
            Figure::BreakEven(None) => "none within the horizon".to_string(),
            Figure::Chance(x) => format!("{}%", fixed(x * 100.0, 2)),
        }
    }

    /// The figure as `solve.csv` writes it: like `summary.csv` (2 or 3
    /// decimals), a month `YYYY-MM` (empty for none), a share to 4 decimals.
    pub(crate) fn cell(&self, target: &Target) -> String {
        match *self {
            Figure::Exact(x) => x.to_string(),
            Figure::Sampled(x) => fixed(x, target.precision.decimals()),
            Figure::BreakEven(m) => m.map(|m| m.to_string()).unwrap_or_default(),
            Figure::Chance(x) => fixed(x, 4),
        }
    }
}

/// The key at one value and the figure there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point {
    pub(crate) value: Decimal,
    pub(crate) figure: Figure,
}

/// Where a figure stands against an equality goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Below,
    /// Within the figure's rounding unit of the target.
    On,
    Above,
}

// The search.

/// Everything a solve needs.
pub(crate) struct Problem<'a> {
    pub(crate) parsed: &'a Parsed,
    pub(crate) sets: &'a [Override],
    /// The scenario with the `--set` overrides and the key as written.
    pub(crate) scenario: &'a Scenario,
    pub(crate) key: SolveKey,
    pub(crate) target: Target,
    pub(crate) range: Range,
    pub(crate) samples: usize,
    pub(crate) seed: u64,
}

/// What the figure does across the scanned values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Trend {
    Rising,
    Falling,
    Flat,
    /// Up and down: its lowest and highest scanned points.
    Mixed {
        lowest: Point,
        highest: Point,
    },
}

/// How the value found meets the goal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Answer {
    /// An equality goal. `close`: the figure is within its rounding unit of
    /// the target. Otherwise the figure steps over the target between the
    /// value and `beyond` (the nearest value tried on the other side), and the
    /// value is the closer of the two.
    Equal { close: bool, beyond: Option<Point> },
    /// A threshold goal: the value is the largest (`largest`) or smallest
    /// that still meets it; `beyond` is the nearest value tried that does not.
    Boundary { largest: bool, beyond: Point },
}

/// A solved goal.
#[derive(Debug, Clone)]
pub(crate) struct Solution {
    /// The scenario at the answer (from the confirming run).
    pub(crate) scenario: Scenario,
    pub(crate) key: SolveKey,
    pub(crate) target: Target,
    pub(crate) range: Range,
    /// The answer, as `--set KEY=value` takes it.
    pub(crate) value: Decimal,
    /// The figure at the answer, from the confirming run.
    pub(crate) achieved: Figure,
    pub(crate) answer: Answer,
    /// Every value computed, ascending, each once.
    pub(crate) points: Vec<Point>,
    pub(crate) trend: Trend,
    /// Model evaluations, the confirming run included.
    pub(crate) evaluations: usize,
    /// Samples and seed of a sampled goal.
    pub(crate) sampling: Option<(usize, u64)>,
    /// The warnings the scenario earns at the answer.
    pub(crate) warnings: Vec<Diagnostic>,
}

/// Solves the goal; a goal not reached, or reached at several places, is an
/// input error with the explanation.
pub(crate) fn solve(problem: &Problem<'_>) -> Result<Solution, AppError> {
    let ev = Evaluator::new(problem);
    let grid = Grid::new(&problem.range, problem.key.whole);
    let mut scan = ev.points(&grid.scan())?;
    scan.sort_by_key(|p| p.value);
    scan.dedup_by(|a, b| a.value == b.value);
    let trend = trend(&scan, ev.noise());
    let mut tried = scan.clone();
    let found = if problem.target.threshold() {
        boundary(&ev, &grid, &scan, &trend, &mut tried)?
    } else {
        equal(&ev, &grid, &scan, &trend, &mut tried)?
    };
    let point = shortest(&ev, &grid, &found, &mut tried)?;
    let confirmed = ev.confirm(point.value)?;
    tried.sort_by_key(|p| p.value);
    tried.dedup_by(|a, b| a.value == b.value);
    Ok(Solution {
        scenario: confirmed.scenario,
        key: problem.key.clone(),
        target: problem.target.clone(),
        range: problem.range.clone(),
        value: point.value,
        achieved: confirmed.figure,
        answer: found.answer,
        points: tried,
        trend,
        evaluations: ev.count(),
        sampling: problem
            .target
            .sampled()
            .then_some((problem.samples, problem.seed)),
        warnings: confirmed.warnings,
    })
}

/// What the search found: the value, how it meets the goal, and the values
/// around it that would serve as well if their figure does (where a shorter
/// decimal is looked for).
struct Found {
    point: Point,
    answer: Answer,
    window: (Decimal, Decimal),
}

/// An equality goal: the one place where the figure meets the target,
/// narrowed.
fn equal(
    ev: &Evaluator<'_>,
    grid: &Grid,
    scan: &[Point],
    trend: &Trend,
    tried: &mut Vec<Point>,
) -> Result<Found, AppError> {
    let sides: Vec<Side> = scan.iter().map(|p| ev.side(&p.figure)).collect();
    // Each place the target is met: a run of scanned values on it, or a pair
    // of neighbours on either side of it.
    let mut places: Vec<(usize, usize)> = Vec::new();
    for i in 0..scan.len() {
        if sides[i] == Side::On {
            match places.last_mut() {
                Some((_, end)) if *end + 1 == i && sides[*end] == Side::On => *end = i,
                _ => places.push((i, i)),
            }
        } else if i + 1 < scan.len() && sides[i + 1] != Side::On && sides[i] != sides[i + 1] {
            places.push((i, i + 1));
        }
    }
    match places.as_slice() {
        [] => Err(ev.not_reached(scan, trend)),
        [(i, _)] if sides[*i] == Side::On => Ok(Found {
            point: scan[*i],
            answer: Answer::Equal {
                close: true,
                beyond: None,
            },
            window: (
                scan[i.saturating_sub(1)].value,
                scan.get(i + 1).unwrap_or(&scan[*i]).value,
            ),
        }),
        [(i, j)] => narrow_equal(ev, grid, scan[*i], scan[*j], tried),
        _ => Err(ev.several(scan, trend, &places)),
    }
}

/// Narrows a bracket `lo`, `hi` whose figures lie on either side of the
/// target: false position with the Illinois correction, and a bisection
/// whenever two steps did not halve the bracket.
fn narrow_equal(
    ev: &Evaluator<'_>,
    grid: &Grid,
    mut lo: Point,
    mut hi: Point,
    tried: &mut Vec<Point>,
) -> Result<Found, AppError> {
    let lo_side = ev.side(&lo.figure);
    // The Illinois weights of the ends' distances to the target, and which
    // end the last step kept (true: lo).
    let (mut w_lo, mut w_hi) = (1.0, 1.0);
    let mut kept_lo: Option<bool> = None;
    let mut last_width = hi.value - lo.value;
    let mut slow_steps = 0;
    // The closest value within a cent of the target, while looking for one
    // exactly on it.
    let mut best_on: Option<Point> = None;
    while hi.value - lo.value > grid.tolerance {
        let mid = grid.mid(lo.value, hi.value);
        let guess = if slow_steps >= 2 {
            mid
        } else {
            let g_lo = ev.gap(&lo.figure) * w_lo;
            let g_hi = ev.gap(&hi.figure) * w_hi;
            let t = g_lo / (g_lo - g_hi);
            if t.is_finite() && t > 0.0 && t < 1.0 {
                grid.between(lo.value, hi.value, t).unwrap_or(mid)
            } else {
                mid
            }
        };
        let Some(x) = grid
            .inside(guess, lo.value, hi.value)
            .or(grid.inside(mid, lo.value, hi.value))
        else {
            break;
        };
        let p = ev.point(x)?;
        tried.push(p);
        let mut side = ev.side(&p.figure);
        if side == Side::On {
            // A base-case figure within a cent goes on to the exact target,
            // which is usually there too (a sampled one stops here).
            let exact = !matches!(p.figure, Figure::Exact(_)) || ev.distance(&p.figure).is_zero();
            if exact {
                return Ok(Found {
                    point: p,
                    answer: Answer::Equal {
                        close: true,
                        beyond: None,
                    },
                    window: (lo.value, hi.value),
                });
            }
            if best_on.is_none_or(|b: Point| ev.distance(&p.figure) < ev.distance(&b.figure)) {
                best_on = Some(p);
            }
            side = if ev.gap(&p.figure) < 0.0 {
                Side::Below
            } else {
                Side::Above
            };
        }
        if side == lo_side {
            lo = p;
            if kept_lo == Some(false) {
                w_hi *= 0.5;
            }
            w_lo = 1.0;
            kept_lo = Some(false);
        } else {
            hi = p;
            if kept_lo == Some(true) {
                w_lo *= 0.5;
            }
            w_hi = 1.0;
            kept_lo = Some(true);
        }
        let width = hi.value - lo.value;
        if width * Decimal::TWO <= last_width {
            last_width = width;
            slow_steps = 0;
        } else {
            slow_steps += 1;
        }
    }
    if let Some(point) = best_on {
        return Ok(Found {
            point,
            answer: Answer::Equal {
                close: true,
                beyond: None,
            },
            window: (lo.value, hi.value),
        });
    }
    // The figure steps over the target inside a bracket too narrow to split:
    // the closer side is the answer.
    let (near, far) = if ev.distance(&lo.figure) <= ev.distance(&hi.figure) {
        (lo, hi)
    } else {
        (hi, lo)
    };
    Ok(Found {
        point: near,
        answer: Answer::Equal {
            close: false,
            beyond: Some(far),
        },
        window: (lo.value, hi.value),
    })
}

/// A threshold goal: the one boundary between values that meet it and values
/// that do not, narrowed by bisection.
fn boundary(
    ev: &Evaluator<'_>,
    grid: &Grid,
    scan: &[Point],
    trend: &Trend,
    tried: &mut Vec<Point>,
) -> Result<Found, AppError> {
    let meets: Vec<bool> = scan.iter().map(|p| ev.meets(&p.figure)).collect();
    let flips: Vec<(usize, usize)> = (0..scan.len().saturating_sub(1))
        .filter(|&i| meets[i] != meets[i + 1])
        .map(|i| (i, i + 1))
        .collect();
    let [(i, j)] = flips.as_slice() else {
        return Err(if flips.is_empty() {
            ev.not_reached(scan, trend)
        } else {
            ev.several(scan, trend, &flips)
        });
    };
    // `yes` meets the goal, `no` does not; the largest value meets it when
    // the lower end of the bracket does.
    let largest = meets[*i];
    let (mut yes, mut no) = if largest {
        (scan[*i], scan[*j])
    } else {
        (scan[*j], scan[*i])
    };
    loop {
        let (lo, hi) = (yes.value.min(no.value), yes.value.max(no.value));
        if hi - lo <= grid.tolerance {
            break;
        }
        let Some(x) = grid.inside(grid.mid(lo, hi), lo, hi) else {
            break;
        };
        let p = ev.point(x)?;
        tried.push(p);
        if ev.meets(&p.figure) {
            yes = p;
        } else {
            no = p;
        }
    }
    // A shorter value must stay on the side that meets the goal, within ten
    // times the tolerance (1e-8 of the range: the boundary is wanted to 1e-6).
    let slack = grid.tolerance * Decimal::TEN;
    let window = if largest {
        (yes.value - slack, yes.value)
    } else {
        (yes.value, yes.value + slack)
    };
    Ok(Found {
        point: yes,
        answer: Answer::Boundary {
            largest,
            beyond: no,
        },
        window,
    })
}

/// The shortest decimal in the found window that serves as well as the value
/// found: its figure on the target, as close to it, or meeting the
/// threshold. Each candidate is the value rounded to fewer places (toward
/// the side that meets a threshold), shortest first.
fn shortest(
    ev: &Evaluator<'_>,
    grid: &Grid,
    found: &Found,
    tried: &mut Vec<Point>,
) -> Result<Point, AppError> {
    let point = found.point;
    if grid.whole {
        return Ok(point);
    }
    let v = point.value;
    let (lo, hi) = found.window;
    let (lo, hi) = (lo.max(grid.from), hi.min(grid.to));
    let serves = |p: &Point| match &found.answer {
        // As close as the value found: an exact answer stays exact.
        Answer::Equal { close: true, .. } => {
            ev.side(&p.figure) == Side::On && ev.distance(&p.figure) <= ev.distance(&point.figure)
        }
        Answer::Equal { .. } => ev.distance(&p.figure) <= ev.distance(&point.figure),
        Answer::Boundary { .. } => ev.meets(&p.figure),
    };
    let strategy = match found.answer {
        Answer::Boundary { largest: true, .. } => RoundingStrategy::ToNegativeInfinity,
        Answer::Boundary { largest: false, .. } => RoundingStrategy::ToPositiveInfinity,
        Answer::Equal { .. } => RoundingStrategy::MidpointAwayFromZero,
    };
    for places in 0..v.scale() {
        let c = v.round_dp_with_strategy(places, strategy);
        if c == v {
            break;
        }
        if c < lo || c > hi {
            continue;
        }
        let p = ev.point(grid.snap(c))?;
        tried.push(p);
        if serves(&p) {
            return Ok(p);
        }
    }
    Ok(point)
}

/// What the figure does across the scanned points: each step may go against
/// the trend by `noise` (the rounding of the cells a base-case total sums).
fn trend(points: &[Point], noise: f64) -> Trend {
    let levels: Vec<f64> = points.iter().map(|p| p.figure.level()).collect();
    let rising = levels.windows(2).all(|w| w[1] >= w[0] - noise);
    let falling = levels.windows(2).all(|w| w[1] <= w[0] + noise);
    match (rising, falling) {
        (true, true) => Trend::Flat,
        (true, false) => Trend::Rising,
        (false, true) => Trend::Falling,
        (false, false) => {
            let by_level = |a: &&Point, b: &&Point| a.figure.level().total_cmp(&b.figure.level());
            let lowest = points.iter().min_by(by_level).copied();
            let highest = points.iter().max_by(by_level).copied();
            match (lowest, highest) {
                (Some(lowest), Some(highest)) => Trend::Mixed { lowest, highest },
                _ => Trend::Flat,
            }
        }
    }
}

// Values of the key.

/// The values the search may try: decimals on a grid of 1e-11 of the
/// range's width (whole numbers for a whole key), of at most 15 significant
/// digits, inside the range.
struct Grid {
    from: Decimal,
    to: Decimal,
    /// Decimal places of a value.
    places: u32,
    /// The search stops when its bracket is this narrow.
    tolerance: Decimal,
    whole: bool,
}

impl Grid {
    fn new(range: &Range, whole: bool) -> Grid {
        let width = range.width();
        let mut places = 0;
        if !whole {
            let step = width * KEY_GRID;
            while places < 20 && Decimal::new(1, places) > step {
                places += 1;
            }
        }
        let tolerance = if whole {
            Decimal::ONE
        } else {
            (width * KEY_TOLERANCE).max(Decimal::new(1, places))
        };
        Grid {
            from: range.from,
            to: range.to,
            places,
            tolerance,
            whole,
        }
    }

    /// `x` on the grid.
    fn snap(&self, x: Decimal) -> Decimal {
        let mut v = x.round_dp(self.places);
        while significant_digits(v) > MAX_DIGITS && v.scale() > 0 {
            v = v.round_dp(v.scale() - 1);
        }
        let v = v.max(self.from).min(self.to);
        if v.is_zero() {
            Decimal::ZERO
        } else {
            v.normalize()
        }
    }

    /// The values scanned first: evenly spaced, both ends included.
    fn scan(&self) -> Vec<Decimal> {
        let n = SCAN_POINTS - 1;
        let width = self.to - self.from;
        let mut values: Vec<Decimal> = (0..=n)
            .map(|i| {
                if i == n {
                    self.to
                } else {
                    self.snap(self.from + width * Decimal::from(i) / Decimal::from(n))
                }
            })
            .collect();
        values.dedup();
        values
    }

    /// The middle of `lo`..`hi`, on the grid.
    fn mid(&self, lo: Decimal, hi: Decimal) -> Decimal {
        self.snap((lo + hi) / Decimal::TWO)
    }

    /// The value the share `t` (0..1) of the way from `lo` to `hi`.
    fn between(&self, lo: Decimal, hi: Decimal, t: f64) -> Option<Decimal> {
        let t = Decimal::from_f64(t)?;
        Some(self.snap(lo + (hi - lo) * t))
    }

    /// `x`, if it lies strictly between `lo` and `hi`.
    fn inside(&self, x: Decimal, lo: Decimal, hi: Decimal) -> Option<Decimal> {
        (x > lo && x < hi).then_some(x)
    }
}

fn significant_digits(v: Decimal) -> u32 {
    let m = v.normalize().mantissa().unsigned_abs();
    if m == 0 {
        return 1;
    }
    m.ilog10() + 1
}

// Evaluations.

/// A scenario loaded at one value and its figure.
struct Confirmed {
    scenario: Scenario,
    figure: Figure,
    warnings: Vec<Diagnostic>,
}

/// Computes the goal's figure at values of the key, counting evaluations.
struct Evaluator<'a> {
    problem: &'a Problem<'a>,
    count: AtomicUsize,
}

impl<'a> Evaluator<'a> {
    fn new(problem: &'a Problem<'a>) -> Self {
        Evaluator {
            problem,
            count: AtomicUsize::new(0),
        }
    }

    fn count(&self) -> usize {
        self.count.load(AtomicOrdering::Relaxed)
    }

    /// The scenario with the `--set` overrides and the key at `value`, as
    /// `run --set` would load it; a value the key does not accept gets the
    /// usual validation message, located at the flag that led to it.
    fn load(&self, value: Decimal) -> Result<Loaded, AppError> {
        let p = self.problem;
        let mut overrides = p.sets.to_vec();
        overrides.push(Override {
            key: p.key.key.clone(),
            value: value_text(value),
        });
        p.parsed
            .validate(&overrides)
            .map_err(|e| AppError::Input(self.locate(&e.to_string(), value)))
    }

    /// Names the flag behind a value in a message about it: `--within` for
    /// its ends, `--vary` for the values in between.
    fn locate(&self, message: &str, value: Decimal) -> String {
        let p = self.problem;
        let file = &p.parsed.file;
        let set = format!("{file}: --set '{}={}'", p.key.key, value_text(value));
        let at = format!("{}={}", p.key.column, value_text(value));
        let flag = match &p.range.within {
            Some(w) if value == p.range.from || value == p.range.to => format!("--within '{w}'"),
            _ => format!("--vary '{}'", p.key.key),
        };
        if message.contains(&set) {
            message.replace(&set, &format!("{file}: {flag} at {at}"))
        } else {
            format!("{file}: with {flag} at {at}: {message}")
        }
    }

    /// The figure at each of `values` (in parallel for the base case; the
    /// sampler is parallel itself).
    /// The first failure in value order is reported, whatever the threads.
    fn points(&self, values: &[Decimal]) -> Result<Vec<Point>, AppError> {
        if self.problem.target.sampled() {
            values.iter().map(|v| self.point(*v)).collect()
        } else {
            let results: Vec<Result<Point, AppError>> =
                values.par_iter().map(|v| self.point(*v)).collect();
            results.into_iter().collect()
        }
    }

    fn point(&self, value: Decimal) -> Result<Point, AppError> {
        let loaded = self.load(value)?;
        let figure = self.figure(&loaded.scenario, value, false)?;
        Ok(Point { value, figure })
    }

    /// The figure at `value`, afresh, through the path `run` takes.
    fn confirm(&self, value: Decimal) -> Result<Confirmed, AppError> {
        let loaded = self.load(value)?;
        let figure = self.figure(&loaded.scenario, value, true)?;
        Ok(Confirmed {
            scenario: loaded.scenario,
            figure,
            warnings: loaded.warnings,
        })
    }

    /// The goal's figure for a loaded scenario. `as_run`: a sampled P10, P50,
    /// P90 or mean through the whole sampler, as `run` computes `summary.csv`.
    fn figure(
        &self,
        scenario: &Scenario,
        value: Decimal,
        as_run: bool,
    ) -> Result<Figure, AppError> {
        self.count.fetch_add(1, AtomicOrdering::Relaxed);
        let p = self.problem;
        let failed = |e: String| AppError::Input(self.locate(&e, value));
        match &p.target.goal {
            Goal::Base { metric, .. } => {
                let case = base::run(scenario).map_err(|e| failed(e.to_string()))?;
                Ok(Figure::Exact(case.totals[*metric]))
            }
            Goal::BreakEvenBy(_) => {
                let case = base::run(scenario).map_err(|e| failed(e.to_string()))?;
                Ok(Figure::BreakEven(case.break_even_month()))
            }
            Goal::Sampled {
                statistic, metric, ..
            } => {
                let trials = Trials::new(scenario, p.samples, p.seed);
                let run_stat = match statistic {
                    Statistic::Mean => Some(3),
                    Statistic::Percentile(q) if *q == 10.0 => Some(0),
                    Statistic::Percentile(q) if *q == 50.0 => Some(1),
                    Statistic::Percentile(q) if *q == 90.0 => Some(2),
                    Statistic::Percentile(_) => None,
                };
                let x = match run_stat.filter(|_| as_run) {
                    Some(k) => {
                        let s = trials
                            .run(&crate::sample::NoProgress)
                            .map_err(|e| failed(e.to_string()))?
                            .stats[*metric];
                        [s.p10, s.p50, s.p90, s.mean][k]
                    }
                    None => {
                        let mut column = trials
                            .metric_column(*metric)
                            .map_err(|e| failed(e.to_string()))?;
                        match statistic {
                            Statistic::Mean => percentile::mean(&column),
                            Statistic::Percentile(q) => {
                                percentile::percentiles(&mut column, &[*q])[0]
                            }
                        }
                    }
                };
                finite(x, &p.target.figure_name())
                    .map(Figure::Sampled)
                    .map_err(failed)
            }
            Goal::BreakEvenChance(_) => {
                let total = Metrics::new(scenario).total();
                let column = Trials::new(scenario, p.samples, p.seed)
                    .metric_column(total)
                    .map_err(|e| failed(e.to_string()))?;
                if let Some(bad) = column.iter().find(|x| !x.is_finite()) {
                    return Err(failed(format!(
                        "sampling gave a trial's total the value {bad}: the ranges of the inputs are too extreme together{HELP}narrow them"
                    )));
                }
                Ok(Figure::Chance(percentile::break_even_chance(&column)))
            }
        }
    }

    /// Where a figure stands against an equality goal.
    fn side(&self, figure: &Figure) -> Side {
        let unit = self.problem.target.unit();
        let target = self.target_value();
        match *figure {
            Figure::Exact(x) => {
                if (x - target).abs() <= unit {
                    Side::On
                } else if x < target {
                    Side::Below
                } else {
                    Side::Above
                }
            }
            _ => {
                let x = figure.level();
                let t = target.to_f64().unwrap_or(f64::NAN);
                let u = unit.to_f64().unwrap_or(0.0);
                if (x - t).abs() <= u {
                    Side::On
                } else if x < t {
                    Side::Below
                } else {
                    Side::Above
                }
            }
        }
    }

    /// The figure minus the target, as a number (for interpolation).
    fn gap(&self, figure: &Figure) -> f64 {
        figure.level() - self.target_value().to_f64().unwrap_or(f64::NAN)
    }

    /// How far the figure is from the target (exact for the base case).
    fn distance(&self, figure: &Figure) -> Decimal {
        match *figure {
            Figure::Exact(x) => (x - self.target_value()).abs(),
            _ => Decimal::from_f64(self.gap(figure).abs()).unwrap_or(Decimal::MAX),
        }
    }

    fn target_value(&self) -> Decimal {
        match &self.problem.target.goal {
            Goal::Base { target, .. } | Goal::Sampled { target, .. } => *target,
            Goal::BreakEvenChance(share) => *share,
            Goal::BreakEvenBy(m) => Decimal::from(ordinal(*m)),
        }
    }

    /// Whether a figure meets a threshold goal.
    fn meets(&self, figure: &Figure) -> bool {
        match (&self.problem.target.goal, figure) {
            (Goal::BreakEvenBy(by), Figure::BreakEven(m)) => m.is_some_and(|m| m <= *by),
            (Goal::BreakEvenChance(share), Figure::Chance(x)) => {
                // `x` is a count over the trials: compare counts, not shares
                // rounded in binary.
                let n = self.problem.samples as f64;
                (x * n).round() >= (share.to_f64().unwrap_or(1.0) * n - 1e-9).ceil()
            }
            _ => false,
        }
    }

    /// How far a scanned step may go against the figure's trend and still
    /// count as monotone: for a base-case figure, the rounding of the cells
    /// it sums (each within half a unit, so two sums within one unit per
    /// cell); nothing for sampled figures, which are not rounded.
    fn noise(&self) -> f64 {
        let p = self.problem;
        match &p.target.goal {
            Goal::Base { .. } => {
                let months = if p.key.column == "scenario.months" {
                    p.range.to.to_usize().unwrap_or(600)
                } else {
                    p.scenario.months
                };
                let cells_per_month = Metrics::new(p.scenario).cash + 6;
                let unit = p.target.unit().to_f64().unwrap_or(0.01);
                unit * (months * cells_per_month) as f64
            }
            _ => 0.0,
        }
    }

    // Explanations.

    fn currency(&self) -> &str {
        &self.problem.scenario.currency
    }

    /// `total is 1,234.00 USD at 0 and 5,678.00 USD at 3`.
    fn ends(&self, scan: &[Point]) -> String {
        let t = &self.problem.target;
        let (Some(first), Some(last)) = (scan.first(), scan.last()) else {
            return String::new();
        };
        format!(
            "{} is {} at {} and {} at {}",
            t.figure_name(),
            first.figure.text(t, self.currency()),
            value_text(first.value),
            last.figure.text(t, self.currency()),
            value_text(last.value)
        )
    }

    /// `rises steadily in between` or `is not monotone in between (lowest ...)`.
    fn trend_words(&self, trend: &Trend, scanned: usize) -> String {
        let t = &self.problem.target;
        let cur = self.currency();
        let (rising, falling) = if matches!(t.goal, Goal::BreakEvenBy(_)) {
            ("comes later", "comes earlier")
        } else {
            ("rises", "falls")
        };
        match trend {
            Trend::Rising => {
                format!("it {rising} steadily in between (monotone over {scanned} values)")
            }
            Trend::Falling => {
                format!("it {falling} steadily in between (monotone over {scanned} values)")
            }
            Trend::Flat => format!("it is the same throughout (over {scanned} values)"),
            Trend::Mixed { lowest, highest } => format!(
                "it is not monotone in between: over {scanned} values it is lowest at {} ({}) and highest at {} ({})",
                value_text(lowest.value),
                lowest.figure.text(t, cur),
                value_text(highest.value),
                highest.figure.text(t, cur)
            ),
        }
    }

    /// `file: --target total=0 is not reached for hiring.premium from 0 to 3
    /// (its domain)`.
    fn subject(&self, what: &str) -> String {
        let p = self.problem;
        let range = match &p.range.within {
            Some(_) => "--within",
            None => "its domain",
        };
        format!(
            "{}: --target {} is {what} for {} from {} to {} ({range})",
            p.parsed.file,
            p.target.text,
            p.key.column,
            value_text(p.range.from),
            value_text(p.range.to)
        )
    }

    /// The goal is not reached in the range.
    fn not_reached(&self, scan: &[Point], trend: &Trend) -> AppError {
        let t = &self.problem.target;
        let within = self.problem.range.within.is_some();
        let change = if within {
            "widen --within, change the target, or change other inputs with --set"
        } else {
            "the range is already the key's whole domain: change the target, or change other inputs with --set"
        };
        let (what, why, fix) = if t.threshold() {
            if scan.iter().all(|p| self.meets(&p.figure)) {
                let fix = if within {
                    "widen --within to find where it stops being met"
                } else {
                    "every value the key accepts meets it: there is nothing to solve; ask for a stricter target"
                };
                (
                    "met everywhere",
                    ", so there is no boundary in the range",
                    fix,
                )
            } else {
                ("not met anywhere", "", change)
            }
        } else if scan.iter().all(|p| self.side(&p.figure) == Side::Above) {
            (
                "not reached",
                ", so it stays above the target everywhere in the range",
                change,
            )
        } else {
            (
                "not reached",
                ", so it stays below the target everywhere in the range",
                change,
            )
        };
        AppError::Input(format!(
            "{}: {}, and {}{why}{HELP}{fix}",
            self.subject(what),
            self.ends(scan),
            self.trend_words(trend, scan.len())
        ))
    }

    /// The goal is met at several separate places (`places`: indices of the
    /// scanned points around each).
    fn several(&self, scan: &[Point], trend: &Trend, places: &[(usize, usize)]) -> AppError {
        let near: Vec<String> = places
            .iter()
            .map(|&(i, j)| {
                if i == j {
                    format!("at {}", value_text(scan[i].value))
                } else {
                    format!(
                        "between {} and {}",
                        value_text(scan[i].value),
                        value_text(scan[j].value)
                    )
                }
            })
            .collect();
        let first = places.first().map_or((0, 0), |p| *p);
        let half = |k: usize| {
            let a = scan[k].value;
            let b = scan.get(k + 1).map_or(a, |p| p.value);
            value_text(a + (b - a) / Decimal::TWO)
        };
        let example_to = if places.len() > 1 {
            half(first.1)
        } else {
            value_text(self.problem.range.to)
        };
        let t = &self.problem.target;
        let what = if t.threshold() {
            "met on several stretches"
        } else {
            "reached at several places"
        };
        AppError::Input(format!(
            "{}: {}, and {}; it meets the target {} ({}), so there is no single answer{HELP}narrow --within to one of them, e.g. --within {}:{}",
            self.subject(what),
            self.ends(scan),
            self.trend_words(trend, scan.len()),
            match places.len() {
                2 => "twice".to_string(),
                n => format!("{n} times"),
            },
            near.join(", "),
            value_text(self.problem.range.from),
            example_to
        ))
    }
}

/// A sampled statistic must be a finite number to be reported.
fn finite(x: f64, what: &str) -> Result<f64, String> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(format!(
            "sampling gave {what} the value {x}, not a finite number: the ranges of the inputs behind it are too extreme together{HELP}narrow them"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn the_grid_keeps_values_short_and_inside_the_range() {
        let range = Range {
            from: dec("0"),
            to: dec("3"),
            within: None,
        };
        let grid = Grid::new(&range, false);
        assert_eq!(grid.places, 11);
        assert_eq!(grid.tolerance, dec("0.000000003"));
        let scan = grid.scan();
        assert_eq!(scan.len(), SCAN_POINTS);
        assert_eq!(scan[0], Decimal::ZERO);
        assert_eq!(scan[1], dec("0.09375"));
        assert_eq!(scan[SCAN_POINTS - 1], dec("3"));
        assert_eq!(grid.mid(dec("0"), dec("0.1")), dec("0.05"));
        // A third is cut to the grid.
        assert_eq!(
            grid.between(dec("0"), dec("1"), 1.0 / 3.0),
            Some(dec("0.33333333333"))
        );
        // Fifteen significant digits at most.
        let wide = Grid::new(
            &Range {
                from: dec("100000"),
                to: dec("100000.000001"),
                within: None,
            },
            false,
        );
        assert!(significant_digits(wide.mid(wide.from, wide.to)) <= MAX_DIGITS);
        let months = Grid::new(
            &Range {
                from: dec("1"),
                to: dec("600"),
                within: None,
            },
            true,
        );
        assert!(months.scan().iter().all(|v| v.fract().is_zero()));
        assert_eq!(months.mid(dec("17"), dec("18")), dec("18"));
        assert_eq!(months.inside(dec("18"), dec("17"), dec("18")), None);
    }

    #[test]
    fn goals_are_read_with_their_statistic() {
        let spec = |t: &str| parse_goal(t).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(spec("total=0").statistic, None);
        assert_eq!(
            spec("p90:total=2000000").statistic,
            Some(SpecStatistic::Of(Statistic::Percentile(90.0)))
        );
        assert_eq!(
            spec("P97.5:npv=1").statistic,
            Some(SpecStatistic::Of(Statistic::Percentile(97.5)))
        );
        assert_eq!(
            spec("mean:total=1").statistic,
            Some(SpecStatistic::Of(Statistic::Mean))
        );
        assert_eq!(
            spec("chance:break_even=0.8").statistic,
            Some(SpecStatistic::Chance)
        );
        let error = |t: &str| parse_goal(t).err().unwrap_or_default();
        assert!(error("total").contains("is not a goal"));
        assert!(error("p101:total=1").contains("not a percentile"));
        assert!(error("median:total=1").contains("not a statistic"));
        assert!(error("=5").contains("names no metric"));
        assert!(error("total=").contains("gives no value"));
    }

    #[test]
    fn ranges_are_read_low_end_first() {
        assert_eq!(parse_within("0:0.5"), Ok((dec("0"), dec("0.5"))));
        assert!(
            parse_within("3:0")
                .err()
                .unwrap_or_default()
                .contains("--within 0:3")
        );
        assert!(
            parse_within("1:1")
                .err()
                .unwrap_or_default()
                .contains("FROM must be below TO")
        );
        assert!(
            parse_within("0-3")
                .err()
                .unwrap_or_default()
                .contains("is not FROM:TO")
        );
        assert!(
            parse_within("0:x")
                .err()
                .unwrap_or_default()
                .contains("`x` is not a number")
        );
        assert_eq!(round_up(dec("640000")), dec("700000"));
        assert_eq!(round_up(dec("100")), dec("100"));
        assert_eq!(round_up(dec("0.3")), dec("1"));
    }

    #[test]
    fn a_key_with_values_is_refused_with_the_within_it_meant() {
        let e = parse_key("hiring.premium=0:0.5:0.1")
            .err()
            .unwrap_or_default();
        assert!(e.contains("--vary hiring.premium --within 0:0.5"), "{e}");
        assert_eq!(parse_key(" ramp.months "), Ok("ramp.months".to_string()));
    }

    fn point(v: &str, level: &str) -> Point {
        Point {
            value: dec(v),
            figure: Figure::Exact(dec(level)),
        }
    }

    #[test]
    fn trends_allow_rounding_noise_against_them() {
        let up = [
            point("0", "1"),
            point("1", "5"),
            point("2", "4.99"),
            point("3", "9"),
        ];
        assert_eq!(trend(&up, 0.02), Trend::Rising);
        assert!(matches!(trend(&up, 0.0), Trend::Mixed { .. }));
        let down = [point("0", "3"), point("1", "2")];
        assert_eq!(trend(&down, 0.0), Trend::Falling);
        let flat = [point("0", "3"), point("1", "3")];
        assert_eq!(trend(&flat, 0.0), Trend::Flat);
        let Trend::Mixed { lowest, highest } = trend(
            &[
                point("0", "1"),
                point("1", "9"),
                point("2", "-4"),
                point("3", "0"),
            ],
            0.0,
        ) else {
            panic!("up and down is mixed")
        };
        assert_eq!((lowest.value, highest.value), (dec("2"), dec("1")));
    }
}
