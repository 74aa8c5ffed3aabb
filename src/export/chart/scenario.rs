//! The single-scenario charts: what they show ([`ChartData`]) and which
//! ones there are ([`Chart`]); each is drawn by its own module.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use super::canvas::{Canvas, Surface};
use super::cumulative::draw_cumulative;
use super::distribution::draw_distribution;
use super::palette::Palette;
use super::parts::{draw_empty, draw_title_block, join_parts, named_title};
use super::stacked::StackKind;
use super::stacked::draw_stacked;
use super::tornado::draw_tornado;
use super::{ChartError, Drawing, Target, render_drawing};
use crate::text::group_thousands;

/// Everything the charts show, already computed by the model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartData {
    /// Scenario name, shown in every title.
    pub scenario_name: String,
    /// Currency code such as "USD"; a label only.
    pub currency: String,
    /// "YYYY-MM", one per month of the horizon.
    pub months: Vec<String>,
    /// The spread of the trials; `None` when sampling was skipped.
    pub sampled: Option<SampledSpread>,
    /// Base-case cumulative total per month (money).
    pub cumulative_base: Vec<f64>,
    /// Month index of break-even, if any.
    pub break_even: Option<usize>,
    /// Monthly money line items in column order (values may be negative).
    pub money_items: Vec<Series>,
    /// Engineer-months lost per month by cause (values may be negative).
    pub capacity_em: Vec<Series>,
    /// One bar per uncertain input, largest swing first.
    pub tornado: Vec<TornadoBar>,
    /// Base-case horizon total (money).
    pub base_total: f64,
}

/// One named series of monthly values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Stable key such as "salary_premium"; picks the colour.
    pub key: String,
    /// Words for the legend, such as "Salary premium".
    pub label: String,
    /// One value per month.
    pub values: Vec<f64>,
}

/// How the Monte Carlo trials spread, as the charts draw it: the per-month
/// band of the cumulative total and every trial's horizon total (the
/// sampled results themselves are `sample::Sampled`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SampledSpread {
    /// Number of trials.
    pub samples: usize,
    /// Seed used for the trials.
    pub seed: u64,
    /// P10, P50 and P90 of the cumulative total, one entry per month.
    pub bands: Vec<[f64; 3]>,
    /// Horizon total of every trial.
    pub totals: Vec<f64>,
    /// P10 of the horizon total.
    pub total_p10: f64,
    /// P50 of the horizon total.
    pub total_p50: f64,
    /// P90 of the horizon total.
    pub total_p90: f64,
}

/// One input's effect on the horizon total.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TornadoBar {
    /// Input in words, e.g. "Salary premium (hiring.premium)".
    pub label: String,
    /// The low input value as written, e.g. "20%".
    pub low_text: String,
    /// The high input value as written, e.g. "30%".
    pub high_text: String,
    /// Horizon total with the input at its low value.
    pub total_at_low: f64,
    /// Horizon total with the input at its high value.
    pub total_at_high: f64,
}

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chart {
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
    pub const ALL: [Chart; 5] = [
        Chart::Cumulative,
        Chart::Breakdown,
        Chart::Tornado,
        Chart::Distribution,
        Chart::Capacity,
    ];

    /// Short lower-case name, handy for file names ("cumulative", ...).
    pub fn name(self) -> &'static str {
        match self {
            Chart::Cumulative => "cumulative",
            Chart::Breakdown => "breakdown",
            Chart::Tornado => "tornado",
            Chart::Distribution => "distribution",
            Chart::Capacity => "capacity",
        }
    }

    fn headline(self) -> &'static str {
        match self {
            Chart::Cumulative => "Cumulative cost",
            Chart::Breakdown => "Monthly cost by line item",
            Chart::Tornado => "What moves the total",
            Chart::Distribution => "Range of outcomes",
            Chart::Capacity => "Engineering capacity lost",
        }
    }
}

/// `data` with control characters (newlines, tabs, ...) in its texts
/// replaced by spaces; borrowed unchanged in the usual case.
fn sanitized(data: &ChartData) -> std::borrow::Cow<'_, ChartData> {
    let bad = |s: &String| crate::text::has_control(s);
    let any_bad = bad(&data.scenario_name)
        || bad(&data.currency)
        || data.months.iter().any(bad)
        || data
            .money_items
            .iter()
            .chain(&data.capacity_em)
            .any(|s| bad(&s.label) || bad(&s.key))
        || data
            .tornado
            .iter()
            .any(|t| bad(&t.label) || bad(&t.low_text) || bad(&t.high_text));
    if !any_bad {
        return std::borrow::Cow::Borrowed(data);
    }
    let clean = crate::text::make_printable;
    let mut d = data.clone();
    clean(&mut d.scenario_name);
    clean(&mut d.currency);
    d.months.iter_mut().for_each(clean);
    for s in d.money_items.iter_mut().chain(d.capacity_em.iter_mut()) {
        clean(&mut s.label);
        clean(&mut s.key);
    }
    for t in &mut d.tornado {
        clean(&mut t.label);
        clean(&mut t.low_text);
        clean(&mut t.high_text);
    }
    std::borrow::Cow::Owned(d)
}

/// Draws `chart` from `data` at `size` (width, height in pixels) to `target`.
pub fn render(
    chart: Chart,
    data: &ChartData,
    size: (u32, u32),
    target: Target<'_>,
) -> Result<(), ChartError> {
    let data = sanitized(data);
    render_drawing(&ScenarioChart { chart, data: &data }, size, target)
}

/// One of the single-scenario charts.
struct ScenarioChart<'a> {
    chart: Chart,
    data: &'a ChartData,
}

impl Drawing for ScenarioChart<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        surface: Surface,
    ) -> Result<(), ChartError> {
        draw_chart(area, surface, self.chart, self.data)
    }
}

fn draw_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    surface: Surface,
    chart: Chart,
    data: &ChartData,
) -> Result<(), ChartError> {
    let cv = Canvas::blank(area, surface)?;
    let palette = Palette::new(data);
    let top = draw_header(&cv, chart, data)?;
    if data.months.is_empty() {
        return draw_empty(
            &cv,
            top,
            &["The horizon has no months, so there is nothing to plot."],
        );
    }
    match chart {
        Chart::Cumulative => draw_cumulative(&cv, top, data),
        Chart::Breakdown => draw_stacked(&cv, top, data, &palette, StackKind::Money),
        Chart::Capacity => draw_stacked(&cv, top, data, &palette, StackKind::Capacity),
        Chart::Tornado => draw_tornado(&cv, top, data),
        Chart::Distribution => draw_distribution(&cv, top, data),
    }
}

fn subtitle(data: &ChartData) -> String {
    let n = data.months.len();
    let mut parts = Vec::new();
    match (data.months.first(), data.months.last()) {
        (Some(a), Some(b)) if n > 1 => parts.push(format!("{a} – {b}, {n} months")),
        (Some(a), _) => parts.push(format!("{a}, 1 month")),
        _ => parts.push("no months".to_string()),
    }
    if !data.currency.is_empty() {
        parts.push(format!("amounts in {}", data.currency));
    }
    match &data.sampled {
        Some(s) => parts.push(format!(
            "{} samples, seed {}",
            group_thousands(&s.samples.to_string()),
            s.seed
        )),
        None => parts.push("base case only (no sampling)".to_string()),
    }
    join_parts(&parts)
}

/// Draws title and subtitle; returns the y where the body starts.
fn draw_header<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    chart: Chart,
    data: &ChartData,
) -> Result<i32, ChartError> {
    let title = named_title(cv, &data.scenario_name, chart.headline());
    draw_title_block(cv, &title, &subtitle(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtitle_groups_the_sample_count_in_thousands() {
        let data = ChartData {
            months: vec!["2026-01".into(), "2026-02".into(), "2026-03".into()],
            currency: "USD".into(),
            sampled: Some(SampledSpread {
                samples: 1_234_567,
                seed: 42,
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            subtitle(&data),
            "2026-01 – 2026-03, 3 months \u{a0}·\u{a0} amounts in USD \u{a0}·\u{a0} 1,234,567 samples, seed 42"
        );
        let base_only = ChartData {
            months: vec!["2026-01".into()],
            ..Default::default()
        };
        assert_eq!(
            subtitle(&base_only),
            "2026-01, 1 month \u{a0}·\u{a0} base case only (no sampling)"
        );
    }
}
