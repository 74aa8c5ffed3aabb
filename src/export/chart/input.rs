//! What the charts are given, already computed: a scenario's results
//! ([`ChartData`]) and which charts there are ([`Chart`]); a comparison's
//! series ([`ComparisonChart`]); a sweep's grid ([`SweepChart`]); a solved
//! goal's search ([`SolveChart`]).

use super::DrawnTexts;
use crate::whatif::vary::AxisUnit;

/// Everything the charts show, already computed by the model.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ChartData {
    /// Scenario name, shown in every title.
    pub(crate) scenario_name: String,
    /// Currency code such as "USD"; a label only.
    pub(crate) currency: String,
    /// What Rust is compared with ("Go", "the current stack"); empty: not said.
    pub(crate) compared_with: String,
    /// "YYYY-MM", one per month of the horizon.
    pub(crate) months: Vec<String>,
    /// The spread of the trials; `None` when sampling was skipped.
    pub(crate) sampled: Option<SampledSpread>,
    /// Base-case cumulative total per month (money).
    pub(crate) cumulative_base: Vec<f64>,
    /// Month index of break-even, if any.
    pub(crate) break_even: Option<usize>,
    /// Monthly money line items in column order (values may be negative).
    pub(crate) money_items: Vec<Series>,
    /// Engineer-months lost per month by cause (values may be negative).
    pub(crate) capacity_em: Vec<Series>,
    /// One bar per uncertain input, largest swing first.
    pub(crate) tornado: Vec<TornadoBar>,
    /// The inputs that could take a range but are single values in this
    /// scenario, so have no bar (dotted keys).
    pub(crate) fixed_inputs: Vec<String>,
    /// Base-case horizon total (money).
    pub(crate) base_total: f64,
    /// The last month's total (money): what the adoption still costs, or
    /// saves, a month when the horizon ends.
    pub(crate) run_rate: f64,
    /// Without a break-even, the month it is projected from the run rate
    /// ("2031-04", or "none within 100 years"); `None` when there is none.
    pub(crate) projected_break_even: Option<String>,
    /// R(m), the engineers working in Rust each month, when it differs from
    /// the team size in some month (waves, attrition or hires); `None` otherwise.
    pub(crate) rust_engineers: Option<Vec<f64>>,
    /// The money items are teams of a portfolio, not line items (titles say so).
    pub(crate) by_team: bool,
}

/// One named series of monthly values.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Series {
    /// Stable key such as "salary_premium"; picks the colour.
    pub(crate) key: String,
    /// Words for the legend, such as "Salary premium".
    pub(crate) label: String,
    /// One value per month.
    pub(crate) values: Vec<f64>,
}

/// How the Monte Carlo trials spread, as the charts draw it: the per-month
/// band of the cumulative total and every trial's horizon total (the
/// sampled results themselves are `sample::Sampled`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SampledSpread {
    /// Number of trials.
    pub(crate) samples: usize,
    /// Seed used for the trials.
    pub(crate) seed: u64,
    /// P10, P50 and P90 of the cumulative total, one entry per month.
    pub(crate) bands: Vec<[f64; 3]>,
    /// Horizon total of every trial.
    pub(crate) totals: Vec<f64>,
    /// P10 of the horizon total.
    pub(crate) total_p10: f64,
    /// P50 of the horizon total.
    pub(crate) total_p50: f64,
    /// P90 of the horizon total.
    pub(crate) total_p90: f64,
    /// The share of trials whose horizon total is at or below zero.
    pub(crate) break_even_chance: f64,
}

/// One input's effect on the horizon total.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TornadoBar {
    /// Input in words, e.g. "Salary premium (hiring.premium)".
    pub(crate) label: String,
    /// The low input value as written, e.g. "20%".
    pub(crate) low_text: String,
    /// The high input value as written, e.g. "30%".
    pub(crate) high_text: String,
    /// Horizon total with the input at its low value.
    pub(crate) total_at_low: f64,
    /// Horizon total with the input at its high value.
    pub(crate) total_at_high: f64,
    /// The input's share of the sampled variance of the total (0-1), when
    /// sampled and defined.
    pub(crate) variance_share: Option<f64>,
    /// Why a higher value lowers the total ("higher lowers the total: later
    /// hires, ..."); empty when it raises it.
    pub(crate) note: String,
}

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Chart {
    /// Cumulative total over the months, with the P10–P90 band.
    Cumulative,
    /// Monthly line items as stacked bars.
    Breakdown,
    /// Sensitivity of the horizon total to each input.
    Tornado,
    /// Histogram of the horizon totals of all trials.
    Distribution,
    /// Engineer-months lost per month by cause.
    Capacity,
}

impl Chart {
    /// All charts, in the order a deck would show them.
    pub(crate) const ALL: [Chart; 5] = [
        Chart::Cumulative,
        Chart::Breakdown,
        Chart::Tornado,
        Chart::Distribution,
        Chart::Capacity,
    ];

    /// Short lower-case name, handy for file names ("cumulative", ...).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Chart::Cumulative => "cumulative",
            Chart::Breakdown => "breakdown",
            Chart::Tornado => "tornado",
            Chart::Distribution => "distribution",
            Chart::Capacity => "capacity",
        }
    }

    /// The chart's title after the scenario's name.
    pub(crate) fn headline(self) -> &'static str {
        match self {
            Chart::Cumulative => "Cumulative cost",
            Chart::Breakdown => "Monthly cost by line item",
            Chart::Tornado => "What moves the total",
            Chart::Distribution => "Range of outcomes",
            Chart::Capacity => "Engineering capacity lost",
        }
    }
}

impl DrawnTexts for ChartData {
    fn texts(&self) -> Vec<&String> {
        let mut texts = vec![&self.scenario_name, &self.currency];
        texts.extend(&self.months);
        for s in self.money_items.iter().chain(&self.capacity_em) {
            texts.extend([&s.label, &s.key]);
        }
        for t in &self.tornado {
            texts.extend([&t.label, &t.low_text, &t.high_text]);
        }
        texts.extend(&self.fixed_inputs);
        texts
    }

    fn texts_mut(&mut self) -> Vec<&mut String> {
        let mut texts = vec![&mut self.scenario_name, &mut self.currency];
        texts.extend(&mut self.months);
        for s in self.money_items.iter_mut().chain(&mut self.capacity_em) {
            texts.extend([&mut s.label, &mut s.key]);
        }
        for t in &mut self.tornado {
            texts.extend([&mut t.label, &mut t.low_text, &mut t.high_text]);
        }
        texts.extend(&mut self.fixed_inputs);
        texts
    }
}

// The comparison charts (`adoptcost compare`).

/// One scenario's series in the comparison charts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScenarioSeries {
    pub(crate) name: String,
    pub(crate) currency: String,
    /// The scenario's own months, `YYYY-MM`.
    pub(crate) months: Vec<String>,
    /// Base-case cumulative total per month.
    pub(crate) cumulative_base: Vec<f64>,
    /// P10, P50 and P90 of the cumulative total per month, when sampled.
    pub(crate) bands: Option<Vec<[f64; 3]>>,
    /// Base-case horizon total.
    pub(crate) total_base: f64,
    /// P10, P50 and P90 of the horizon total, when sampled (the whiskers).
    pub(crate) total_range: Option<[f64; 3]>,
}

/// What `comparison.png` (cumulative total over time per scenario: base line
/// and P10-P90 band) and `comparison_totals.png` (totals with P10-P90 whiskers)
/// show, in the order the scenarios were given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ComparisonChart {
    pub(crate) series: Vec<ScenarioSeries>,
    /// True when every scenario covers the same calendar months: one month
    /// axis. Otherwise each scenario is drawn on its own axis of months since
    /// its start, and the chart must print [`ComparisonChart::axis_note`].
    pub(crate) same_months: bool,
    pub(crate) axis_note: Option<String>,
    /// Set when the scenarios are in different currencies: the chart must say
    /// so (their totals are not comparable).
    pub(crate) currency_note: Option<String>,
    /// Samples and seed, when sampled (the same for every scenario).
    pub(crate) sampled: Option<(usize, u64)>,
}

// The sweep chart (`adoptcost sweep`).

/// One axis of a sweep chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SweepAxis {
    /// Dotted key, e.g. `hiring.premium`.
    pub(crate) key: String,
    /// The input in a planner's words, e.g. "Rust salary premium".
    pub(crate) label: String,
    /// How its values are written on the axis (25%, 2.5x, 120k USD, 3).
    pub(crate) unit: AxisUnit,
    pub(crate) values: Vec<f64>,
    /// The values as written in `sweep.csv`.
    pub(crate) value_texts: Vec<String>,
}

/// What `sweep.png` shows: a line of the total over one key, or a heat map of
/// the total over two keys with a labelled cell per combination.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SweepChart {
    pub(crate) scenario_name: String,
    pub(crate) currency: String,
    /// First month, last month and horizon of the scenario (with `--set`,
    /// before any `--vary`; a sweep of `scenario.months` changes the horizon
    /// per cell).
    pub(crate) start: String,
    pub(crate) end: String,
    pub(crate) months: usize,
    /// One axis (line chart) or two (heat map: first key on the rows, second on
    /// the columns).
    pub(crate) axes: Vec<SweepAxis>,
    /// The base-case total of every combination, row-major like `sweep.csv`:
    /// `totals[i * axes[1].values.len() + j]` is row value i, column value j.
    pub(crate) totals: Vec<f64>,
}

// The solve chart (`adoptcost solve`).

/// How the figure of a solve chart is written up its side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SolveScale {
    /// An amount in the scenario's currency.
    Money,
    /// Engineer-months.
    EngineerMonths,
    /// A month, counted from the scenario's first month (0); no month
    /// (no break-even within the horizon) is +∞.
    Month,
    /// A share 0..=1, written as a percentage.
    Share,
}

/// What `solve.png` shows: the figure a goal is about against the key over
/// the range searched, the target and the answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SolveChart {
    pub(crate) scenario_name: String,
    pub(crate) currency: String,
    /// The scenario's first month, `YYYY-MM`, and its horizon in months.
    pub(crate) start: String,
    pub(crate) months: usize,
    /// The key: one value per figure computed (ascending), and the range
    /// searched.
    pub(crate) axis: SweepAxis,
    pub(crate) range: (f64, f64),
    /// The figure in words ("Horizon total", "P90 of the horizon total").
    pub(crate) figure_label: String,
    pub(crate) scale: SolveScale,
    /// The figure at each value of `axis`.
    pub(crate) figures: Vec<f64>,
    /// The target on the figure's scale.
    pub(crate) target: f64,
    /// The answer: the key's value and the figure there.
    pub(crate) answer: (f64, f64),
    /// The answer in words ("hiring.premium = 0.1734 (17.34%)") and how it
    /// meets the goal ("total = 0.00 USD", "the largest value that still
    /// breaks even by 2028-06").
    pub(crate) answer_lines: [String; 2],
    /// For a threshold goal, whether the values that meet it lie below the
    /// answer (or above it).
    pub(crate) meets_below: Option<bool>,
    /// How the figure was computed ("exact base case", "10,000 samples,
    /// seed 7, the same draws at every value").
    pub(crate) method: String,
}
