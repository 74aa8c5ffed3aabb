//! The single-scenario charts of `adoptcost run`: one entry point, the title
//! block they share, and the chart's own module for the rest (`cumulative`,
//! `stacked`, `tornado`, `distribution`).

use plotters::prelude::DrawingBackend;

use super::canvas::Canvas;
use super::cumulative::draw_cumulative;
use super::distribution::draw_distribution;
use super::input::{Chart, ChartData};
use super::palette::Palette;
use super::parts::{draw_empty, draw_title_block, join_parts, named_title};
use super::stacked::Stacked;
use super::stacked::draw_stacked;
use super::tornado::draw_tornado;
use super::{ChartError, Drawing, Target, printable_input, render_drawing};
use crate::text::group_thousands;

/// Draws `chart` from `data` at `size` (width, height in pixels) to `target`.
pub(crate) fn render(
    chart: Chart,
    data: &ChartData,
    size: (u32, u32),
    target: Target<'_>,
) -> Result<(), ChartError> {
    let data = printable_input(data);
    render_drawing(&ScenarioChart { chart, data: &data }, size, target)
}

/// One of the single-scenario charts.
struct ScenarioChart<'a> {
    chart: Chart,
    data: &'a ChartData,
}

impl Drawing for ScenarioChart<'_> {
    fn draw<DB: DrawingBackend>(&self, cv: &Canvas<'_, DB>) -> Result<(), ChartError> {
        draw_chart(cv, self.chart, self.data)
    }
}

/// The title block, then the chart itself (or a note when the horizon has
/// no months).
fn draw_chart<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    chart: Chart,
    data: &ChartData,
) -> Result<(), ChartError> {
    let palette = Palette::new(data);
    let top = draw_header(cv, chart, data)?;
    if data.months.is_empty() {
        return draw_empty(
            cv,
            top,
            &["The horizon has no months, so there is nothing to plot."],
        );
    }
    match chart {
        Chart::Cumulative => draw_cumulative(cv, top, data),
        Chart::Breakdown => draw_stacked(cv, top, data, &palette, Stacked::Breakdown),
        Chart::Capacity => draw_stacked(cv, top, data, &palette, Stacked::Capacity),
        Chart::Tornado => draw_tornado(cv, top, data),
        Chart::Distribution => draw_distribution(cv, top, data),
    }
}

/// The months, what Rust is compared with, the unit and, on the charts that
/// draw sampled figures, the sampling.
fn subtitle(chart: Chart, data: &ChartData) -> String {
    let n = data.months.len();
    let mut parts = Vec::new();
    match (data.months.first(), data.months.last()) {
        // The range alone (its month count follows from it): the subtitle
        // must leave room for the seed at the default size.
        (Some(a), Some(b)) if n > 1 => parts.push(format!("{a} – {b}")),
        (Some(a), _) => parts.push(format!("{a}, 1 month")),
        _ => parts.push("no months".to_string()),
    }
    let capacity = chart == Chart::Capacity;
    if !data.compared_with.is_empty() {
        let what = if capacity {
            "work lost in Rust"
        } else {
            "extra cost of Rust"
        };
        parts.push(format!("{what} vs staying on {}", data.compared_with));
    }
    if capacity {
        parts.push("in engineer-months".to_string());
    } else if !data.currency.is_empty() {
        parts.push(format!("in {}", data.currency));
    }
    // The tornado's share-of-variance column is sampled.
    let draws_samples = matches!(
        chart,
        Chart::Cumulative | Chart::Distribution | Chart::Tornado
    );
    match &data.sampled {
        Some(s) if draws_samples => parts.push(format!(
            "{} samples, seed {}",
            group_thousands(&s.samples.to_string()),
            s.seed
        )),
        None if draws_samples => parts.push("base case only (no sampling)".to_string()),
        _ => parts.push("base case".to_string()),
    }
    join_parts(&parts)
}

/// Draws title and subtitle; returns the y where the body starts.
fn draw_header<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    chart: Chart,
    data: &ChartData,
) -> Result<i32, ChartError> {
    let headline = match chart {
        Chart::Breakdown if data.by_team => "Monthly cost by team",
        _ => chart.headline(),
    };
    let title = named_title(cv, &data.scenario_name, headline);
    draw_title_block(cv, &title, &subtitle(chart, data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::chart::input::SampledSpread;

    #[test]
    fn subtitle_says_samples_only_where_the_chart_draws_them() {
        let data = ChartData {
            months: vec!["2026-01".into(), "2026-02".into(), "2026-03".into()],
            currency: "USD".into(),
            compared_with: "Go".into(),
            sampled: Some(SampledSpread {
                samples: 1_234_567,
                seed: 42,
                ..Default::default()
            }),
            ..Default::default()
        };
        let dot = "\u{a0}·\u{a0}";
        assert_eq!(
            subtitle(Chart::Cumulative, &data),
            format!(
                "2026-01 – 2026-03 {dot} extra cost of Rust vs staying on Go {dot} in USD {dot} 1,234,567 samples, seed 42"
            )
        );
        assert_eq!(
            subtitle(Chart::Capacity, &data),
            format!(
                "2026-01 – 2026-03 {dot} work lost in Rust vs staying on Go {dot} in engineer-months {dot} base case"
            )
        );
        assert!(subtitle(Chart::Tornado, &data).ends_with("1,234,567 samples, seed 42"));
        assert!(subtitle(Chart::Breakdown, &data).ends_with("base case"));
        let base_only = ChartData {
            months: vec!["2026-01".into()],
            ..Default::default()
        };
        assert_eq!(
            subtitle(Chart::Distribution, &base_only),
            format!("2026-01, 1 month {dot} base case only (no sampling)")
        );
    }
}
