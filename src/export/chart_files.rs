//! The charts each command writes, and the one place that draws them into files.
//!
//! Each command's results become the data its charts need (a
//! [`ChartData`] for `run`, a [`ComparisonChart`] for `compare`, a
//! [`SweepChart`] for `sweep`, a [`SolveChart`] for `solve`) without running the model again; each chart is
//! then drawn as a PNG, with an SVG twin when asked, into memory. The commands
//! write the files next to their CSV files once everything is computed. The
//! drawing itself is in `chart/`.

use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::chart::{
    Chart, ChartData, ComparisonChart, SampledSpread, ScenarioSeries, Series, SolveChart,
    SolveScale, SweepAxis, SweepChart, TornadoBar,
};
use super::chart::{
    ChartError, ComparisonKind, Target, render, render_comparison, render_solve, render_sweep,
};
use crate::error::AppError;
use crate::export::{OutputFile, labels};
use crate::model::CAPACITY;
use crate::model::base::{Precision, Projection};
use crate::sample::results::Results;
use crate::whatif::compare;
use crate::whatif::portfolio::PortfolioResults;
use crate::whatif::solve::{self, Answer, Figure, Goal, Solution};
use crate::whatif::sweep::Sweep;
use crate::whatif::vary::{self, value_text};

/// Which charts to draw.
#[derive(Debug, Clone, Copy)]
pub struct ChartOptions {
    pub enabled: bool,
    pub svg: bool,
    pub size: (u32, u32),
}

/// A figure as a chart draws it (charts work in `f64`).
fn as_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

// The scenario's charts (`adoptcost run`).

/// The chart data of a scenario, from results already computed (charts never
/// run the model).
pub(crate) fn scenario_chart_data(results: &Results) -> ChartData {
    let s = &results.scenario;
    let b = &results.base;
    let mut money_items: Vec<Series> = b
        .cash_columns
        .iter()
        .enumerate()
        .map(|(i, key)| Series {
            key: key.clone(),
            label: labels::item_label(key),
            values: b.rows.iter().map(|r| as_f64(r.cash[i])).collect(),
        })
        .collect();
    money_items.extend(CAPACITY.iter().enumerate().map(|(i, key)| Series {
        key: key.to_string(),
        label: labels::item_label(key),
        values: b.rows.iter().map(|r| as_f64(r.capacity[i])).collect(),
    }));
    // Capacity chart order: the causes people act on first.
    let capacity_em = [0, 1, 2, 4, 3]
        .iter()
        .map(|&i| Series {
            key: CAPACITY[i].to_string(),
            label: labels::item_label(CAPACITY[i]),
            values: b.rows.iter().map(|r| as_f64(r.em[i])).collect(),
        })
        .collect();
    let tornado = results
        .sensitivity
        .iter()
        .map(|row| {
            let input = &s.inputs[row.input];
            TornadoBar {
                label: format!("{} ({})", input.label, input.key),
                low_text: labels::value_text(row.low, input.unit, &s.currency),
                high_text: labels::value_text(row.high, input.unit, &s.currency),
                total_at_low: as_f64(row.total_at_low),
                total_at_high: as_f64(row.total_at_high),
                variance_share: row.sampled.variance_share,
                note: if row.total_at_high < row.total_at_low {
                    labels::why_higher_lowers_total(&input.key).to_string()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    let fixed_inputs = s
        .inputs
        .iter()
        .filter(|i| !i.value.is_uncertain())
        .map(|i| i.key.clone())
        .collect();
    let sampled = results.sampled.as_ref().map(|sm| {
        let t = &sm.stats[b.metrics.total()];
        SampledSpread {
            samples: sm.samples,
            seed: sm.seed,
            bands: sm.bands.iter().map(|x| [x[0], x[1], x[2]]).collect(),
            totals: sm.totals.clone(),
            total_p10: t.p10,
            total_p50: t.p50,
            total_p90: t.p90,
            break_even_chance: sm.break_even_chance(),
        }
    });
    ChartData {
        scenario_name: s.name.clone(),
        currency: s.currency.clone(),
        compared_with: s.current_stack_phrase(),
        months: b.rows.iter().map(|r| r.month.to_string()).collect(),
        sampled,
        cumulative_base: b.rows.iter().map(|r| as_f64(r.cumulative_total)).collect(),
        break_even: b.break_even,
        money_items,
        capacity_em,
        tornado,
        fixed_inputs,
        base_total: as_f64(b.total()),
        run_rate: as_f64(b.run_rate()),
        projected_break_even: b.projected_break_even().map(|p| match p {
            Projection::Month(m) => m.to_string(),
            Projection::Beyond100Years => "none within 100 years".to_string(),
        }),
        rust_engineers: b
            .rows
            .iter()
            .any(|r| r.rust_engineers != r.engineers)
            .then(|| b.rows.iter().map(|r| as_f64(r.rust_engineers)).collect()),
        by_team: false,
    }
}

// The portfolio's charts (`adoptcost portfolio`).

/// The chart data of a portfolio: one money series per team (the breakdown
/// chart stacks them, with the org net line), the org cumulative total and
/// its band, the org totals of the trials, and the org tornado.
pub(crate) fn portfolio_chart_data(p: &PortfolioResults) -> ChartData {
    let money_items = p
        .portfolio
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| Series {
            key: format!("team {}", t.slug),
            label: t.name.clone(),
            values: p.months.iter().map(|m| as_f64(m.teams[i])).collect(),
        })
        .collect();
    let tornado = p
        .sensitivity
        .iter()
        .map(|row| {
            // A shared key whose teams give different ranges has no one value.
            let text = |v: Option<Decimal>, side: &str| {
                v.map_or_else(
                    || format!("each team's {side}"),
                    |v| v.normalize().to_string(),
                )
            };
            TornadoBar {
                label: row.key.clone(),
                low_text: text(row.low, "low"),
                high_text: text(row.high, "high"),
                total_at_low: as_f64(row.total_at_low),
                total_at_high: as_f64(row.total_at_high),
                variance_share: None,
                note: String::new(),
            }
        })
        .collect();
    let sampled = p.sampled.as_ref().map(|s| SampledSpread {
        break_even_chance: s.break_even_chance,
        samples: s.samples,
        seed: s.seed,
        bands: s.bands.iter().map(|x| [x[0], x[1], x[2]]).collect(),
        totals: s.totals.clone(),
        total_p10: s.total.p10,
        total_p50: s.total.p50,
        total_p90: s.total.p90,
    });
    ChartData {
        scenario_name: p.portfolio.name.clone(),
        currency: p.portfolio.currency.clone(),
        // Teams may move from different stacks: the subtitle names none.
        compared_with: String::new(),
        months: p.months.iter().map(|m| m.month.to_string()).collect(),
        sampled,
        cumulative_base: p.months.iter().map(|m| as_f64(m.cumulative)).collect(),
        break_even: p.break_even,
        money_items,
        capacity_em: Vec::new(),
        tornado,
        base_total: as_f64(p.total),
        run_rate: p.months.last().map_or(0.0, |m| as_f64(m.total)),
        projected_break_even: p.projected_break_even().map(|p| match p {
            Projection::Month(m) => m.to_string(),
            Projection::Beyond100Years => "none within 100 years".to_string(),
        }),
        rust_engineers: None,
        fixed_inputs: Vec::new(),
        by_team: true,
    }
}

/// The portfolio's charts: `teams.png` (monthly cost stacked by team, with the
/// org net line), `cumulative.png` (org cumulative total, P10-P90 band,
/// break-even), `distribution.png` (org totals of the trials) and
/// `tornado.png` (what moves the org total); SVG twins with `--svg`.
pub(crate) fn portfolio_charts(
    p: &PortfolioResults,
    options: ChartOptions,
) -> Result<Vec<OutputFile>, AppError> {
    if !options.enabled {
        return Ok(Vec::new());
    }
    let data = portfolio_chart_data(p);
    let charts = [
        Chart::Breakdown,
        Chart::Cumulative,
        Chart::Tornado,
        Chart::Distribution,
    ];
    let stem = |c: Chart| {
        if c == Chart::Breakdown {
            "teams"
        } else {
            c.name()
        }
    };
    draw_each(&charts, options, stem, |c, target| {
        render(c, &data, options.size, target)
    })
    .map_err(file_failed)
}

// The comparison charts (`adoptcost compare`).

/// The chart data of a comparison (from computed results; never reruns the model).
pub(crate) fn comparison_chart_data(results: &[Results]) -> ComparisonChart {
    let series: Vec<ScenarioSeries> = results
        .iter()
        .map(|r| {
            let b = &r.base;
            ScenarioSeries {
                name: r.scenario.name.clone(),
                currency: r.scenario.currency.clone(),
                months: b.rows.iter().map(|row| row.month.to_string()).collect(),
                cumulative_base: b
                    .rows
                    .iter()
                    .map(|row| as_f64(row.cumulative_total))
                    .collect(),
                bands: r
                    .sampled
                    .as_ref()
                    .map(|s| s.bands.iter().map(|x| [x[0], x[1], x[2]]).collect()),
                total_base: as_f64(b.total()),
                total_range: r
                    .sampled
                    .as_ref()
                    .and_then(|s| s.stats.get(b.metrics.total()))
                    .map(|t| [t.p10, t.p50, t.p90]),
            }
        })
        .collect();
    let same_months = series.windows(2).all(|w| w[0].months == w[1].months);
    let rows = compare::rows(results);
    ComparisonChart {
        series,
        same_months,
        axis_note: (!same_months).then(|| {
            "Scenarios cover different months: each is drawn from its own start (months since start)".to_string()
        }),
        currency_note: compare::currency_warning(&rows).map(|_| {
            "Scenarios are in different currencies: totals are not comparable".to_string()
        }),
        sampled: results
            .iter()
            .find_map(|r| r.sampled.as_ref().map(|s| (s.samples, s.seed))),
    }
}

// The sweep chart (`adoptcost sweep`).

/// The chart data of a sweep (from the computed rows; charts never run the model).
pub(crate) fn sweep_chart_data(sweep: &Sweep) -> SweepChart {
    let axes = sweep
        .varies
        .iter()
        .map(|v| SweepAxis {
            key: v.column.clone(),
            label: vary::label(&v.column, &sweep.scenario),
            unit: vary::axis_unit(&v.column, &sweep.scenario),
            values: v.values.iter().map(|x| as_f64(*x)).collect(),
            value_texts: v.values.iter().map(|x| value_text(*x)).collect(),
        })
        .collect();
    SweepChart {
        scenario_name: sweep.scenario.name.clone(),
        currency: sweep.scenario.currency.clone(),
        start: sweep.scenario.start.to_string(),
        end: sweep
            .scenario
            .month_label(sweep.scenario.months.saturating_sub(1))
            .to_string(),
        months: sweep.scenario.months,
        axes,
        totals: sweep.rows.iter().map(|r| as_f64(r.total)).collect(),
    }
}

// The solve chart (`adoptcost solve`).

/// The chart data of a solved goal: every value the search computed (from
/// the solution; charts never run the model).
pub(crate) fn solve_chart_data(solution: &Solution) -> SolveChart {
    let s = &solution.scenario;
    let column = &solution.key.column;
    let unit = vary::axis_unit(column, s);
    let t = &solution.target;
    let start = solve::ordinal(s.start) as f64;
    // Months are drawn from the scenario's first month.
    let level = |f: &Figure| match f {
        Figure::BreakEven(_) => f.level() - start,
        _ => f.level(),
    };
    let scale = match (&t.goal, t.precision) {
        (Goal::BreakEvenBy(_), _) => SolveScale::Month,
        (Goal::BreakEvenChance(_), _) => SolveScale::Share,
        (_, Precision::EngineerMonths) => SolveScale::EngineerMonths,
        (_, Precision::Money) => SolveScale::Money,
    };
    let target = match &t.goal {
        Goal::Base { target, .. } | Goal::Sampled { target, .. } => as_f64(*target),
        Goal::BreakEvenChance(share) => as_f64(*share),
        Goal::BreakEvenBy(m) => solve::ordinal(*m) as f64 - start,
    };
    let metric = labels::metric_label(&t.metric);
    let figure_label = match &t.goal {
        Goal::Base { .. } => metric,
        Goal::Sampled { statistic, .. } => {
            format!(
                "{} of {}",
                solve::statistic_name(*statistic),
                lower_first(&metric)
            )
        }
        Goal::BreakEvenBy(_) => "Break-even month".to_string(),
        Goal::BreakEvenChance(_) => "Chance of breaking even".to_string(),
    };
    let method = match solution.sampling {
        Some((samples, seed)) => format!(
            "{}, the same draws at every value",
            solve::sampling_words(samples, seed)
        ),
        None => "exact base case".to_string(),
    };
    SolveChart {
        scenario_name: s.name.clone(),
        currency: s.currency.clone(),
        start: s.start.to_string(),
        months: s.months,
        axis: SweepAxis {
            key: column.clone(),
            label: vary::label(column, s),
            unit,
            values: solution.points.iter().map(|p| as_f64(p.value)).collect(),
            value_texts: solution
                .points
                .iter()
                .map(|p| value_text(p.value))
                .collect(),
        },
        range: (as_f64(solution.range.from), as_f64(solution.range.to)),
        figure_label,
        scale,
        figures: solution.points.iter().map(|p| level(&p.figure)).collect(),
        target,
        answer: (as_f64(solution.value), level(&solution.achieved)),
        answer_lines: [
            format!(
                "{} = {}",
                column,
                labels::key_value_text(solution.value, column, unit, &s.currency)
            ),
            solve_outcome(solution),
        ],
        meets_below: match solution.answer {
            Answer::Boundary { largest, .. } => Some(largest),
            Answer::Equal { .. } => None,
        },
        method,
    }
}

/// How the answer meets the goal, in a callout's words.
fn solve_outcome(solution: &Solution) -> String {
    let t = &solution.target;
    let cur = &solution.scenario.currency;
    let figure = solution.achieved.text(t, cur);
    match (&solution.answer, &t.goal) {
        (Answer::Boundary { largest, .. }, Goal::BreakEvenBy(m)) => format!(
            "the {} value that still breaks even by {m} (at {figure})",
            if *largest { "largest" } else { "smallest" }
        ),
        (Answer::Boundary { largest, .. }, _) => format!(
            "the {} value with at least the target chance ({figure})",
            if *largest { "largest" } else { "smallest" }
        ),
        (Answer::Equal { close: true, .. }, _) => format!("{} = {figure}", t.figure_name()),
        (Answer::Equal { .. }, _) => format!(
            "{} = {figure}, the closest: it steps over the target here",
            t.figure_name()
        ),
    }
}

/// "Horizon total" → "horizon total" (not "NPV").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

// Drawing.

/// The five charts of a scenario; a failure names the scenario file.
pub(crate) fn scenario_charts(
    results: &Results,
    options: ChartOptions,
) -> Result<Vec<OutputFile>, AppError> {
    if !options.enabled {
        return Ok(Vec::new());
    }
    let data = scenario_chart_data(results);
    draw_each(&Chart::ALL, options, Chart::name, |c, target| {
        render(c, &data, options.size, target)
    })
    .map_err(|(_, e)| AppError::Runtime(anyhow::anyhow!("{}: {e}", results.scenario.file)))
}

/// Draws `comparison.png` (cumulative total over time per scenario: base line
/// and P10-P90 band, on one calendar axis or on months since each start) and
/// `comparison_totals.png` (each scenario's base total with P10-P90 whiskers),
/// with SVG twins when asked; nothing with `--no-charts`.
pub(crate) fn comparison_charts(
    chart: &ComparisonChart,
    options: ChartOptions,
) -> Result<Vec<OutputFile>, AppError> {
    if !options.enabled {
        return Ok(Vec::new());
    }
    draw_each(
        &ComparisonKind::ALL,
        options,
        ComparisonKind::file_stem,
        |kind, target| render_comparison(kind, chart, options.size, target),
    )
    .map_err(file_failed)
}

/// Draws `sweep.png`: a line of the total over the values of one key, or a
/// heat map with a labelled cell per combination for two keys (first key on
/// the rows), with an SVG twin when asked; nothing with `--no-charts`.
pub(crate) fn sweep_charts(
    chart: &SweepChart,
    options: ChartOptions,
) -> Result<Vec<OutputFile>, AppError> {
    if !options.enabled {
        return Ok(Vec::new());
    }
    png_and_svg("sweep", options, |target| {
        render_sweep(chart, options.size, target)
    })
    .map_err(file_failed)
}

/// Draws `solve.png`: the figure against the key over the range searched,
/// the target and the answer, with an SVG twin when asked; nothing with
/// `--no-charts`.
pub(crate) fn solve_charts(
    chart: &SolveChart,
    options: ChartOptions,
) -> Result<Vec<OutputFile>, AppError> {
    if !options.enabled {
        return Ok(Vec::new());
    }
    png_and_svg("solve", options, |target| {
        render_solve(chart, options.size, target)
    })
    .map_err(file_failed)
}

/// A what-if chart that could not be drawn, named by its file.
fn file_failed((file, e): (String, ChartError)) -> AppError {
    AppError::Runtime(anyhow::anyhow!("{file}: {e}"))
}

/// Draws each of `charts` at the same time (each is independent) with
/// [`png_and_svg`]; the files come in the order of `charts`, and so does the
/// failure reported.
fn draw_each<C: Copy + Send + Sync>(
    charts: &[C],
    options: ChartOptions,
    stem: impl Fn(C) -> &'static str + Sync,
    render: impl Fn(C, Target<'_>) -> Result<(), ChartError> + Sync,
) -> Result<Vec<OutputFile>, (String, ChartError)> {
    let rendered: Vec<Result<Vec<OutputFile>, (String, ChartError)>> = charts
        .par_iter()
        .map(|&c| png_and_svg(stem(c), options, |target| render(c, target)))
        .collect();
    let mut files = Vec::new();
    for r in rendered {
        files.extend(r?);
    }
    Ok(files)
}

/// `stem.png`, and `stem.svg` with `--svg`, from one drawing function; a
/// failure says which file it was for.
fn png_and_svg(
    stem: &str,
    options: ChartOptions,
    render: impl Fn(Target<'_>) -> Result<(), ChartError>,
) -> Result<Vec<OutputFile>, (String, ChartError)> {
    let png_name = format!("{stem}.png");
    let mut png = Vec::new();
    if let Err(e) = render(Target::Png(&mut png)) {
        return Err((png_name, e));
    }
    let mut out = vec![OutputFile {
        name: png_name,
        bytes: png,
    }];
    if options.svg {
        let svg_name = format!("{stem}.svg");
        let mut svg = String::new();
        if let Err(e) = render(Target::Svg(&mut svg)) {
            return Err((svg_name, e));
        }
        out.push(OutputFile {
            name: svg_name,
            bytes: svg.into_bytes(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::NoProgress;
    use crate::sample::results::from_text as results;
    use crate::whatif::sweep;
    use crate::whatif::vary::AxisUnit;
    use crate::whatif::vary::Vary;

    const TEAM: &str = "[team]\nengineers = 4\nsalary = 100000\n";

    #[test]
    fn comparison_chart_data_keeps_each_scenario_on_its_own_months() {
        let a = results(
            &format!("[scenario]\nname = \"A\"\nstart = \"2027-01\"\nmonths = 12\n{TEAM}"),
            300,
        );
        let b = results(
            &format!(
                "[scenario]\nname = \"B\"\nstart = \"2027-07\"\nmonths = 6\ncurrency = \"EUR\"\n{TEAM}"
            ),
            0,
        );
        let chart = comparison_chart_data(&[a, b]);
        assert!(!chart.same_months);
        assert!(chart.axis_note.is_some());
        assert!(chart.currency_note.is_some());
        let [sa, sb] = &chart.series[..] else {
            panic!("two series expected")
        };
        assert_eq!(sa.months.len(), 12);
        assert_eq!(sa.months[0], "2027-01");
        assert_eq!(
            sb.months,
            [
                "2027-07", "2027-08", "2027-09", "2027-10", "2027-11", "2027-12"
            ]
        );
        assert_eq!(sa.bands.as_ref().map(Vec::len), Some(12));
        assert!(sb.bands.is_none() && sb.total_range.is_none());
        assert_eq!(sa.cumulative_base.last().copied(), Some(sa.total_base));
        let same = comparison_chart_data(&[
            results(
                &format!("[scenario]\nname = \"A\"\nstart = \"2027-01\"\n{TEAM}"),
                0,
            ),
            results(
                &format!("[scenario]\nname = \"B\"\nstart = \"2027-01\"\n{TEAM}"),
                0,
            ),
        ]);
        assert!(same.same_months && same.axis_note.is_none() && same.currency_note.is_none());
        assert_eq!(chart.sampled, Some((300, 1)));
        assert_eq!(same.sampled, None);
    }

    #[test]
    fn sweep_chart_data_is_row_major_with_labels() {
        let text = "[scenario]\nname = \"S\"\nstart = \"2027-01\"\nmonths = 12\n[team]\nengineers = 4\nsalary = 100000\n";
        let parsed = crate::scenario::parse_str("t.toml", text).unwrap_or_else(|e| panic!("{e}"));
        let base = parsed.validate(&[]).unwrap_or_else(|e| panic!("{e}"));
        let varies: Vec<Vary> = ["hiring.premium=0.1,0.2", "team.engineers=2:6:2"]
            .iter()
            .map(|t| {
                vary::parse(t)
                    .and_then(|spec| vary::resolve(spec, &base.scenario))
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        let sweep = sweep::run(&parsed, &[], base.scenario, varies, &NoProgress)
            .unwrap_or_else(|e| panic!("{e}"));
        let chart = sweep_chart_data(&sweep);
        assert_eq!(chart.axes.len(), 2);
        assert_eq!(chart.axes[0].label, "Rust salary premium");
        assert_eq!(chart.axes[1].key, "team.engineers");
        assert_eq!(chart.axes[1].label, "Engineers at the start");
        assert_eq!(chart.axes[0].unit, AxisUnit::Share);
        assert_eq!(chart.axes[1].unit, AxisUnit::Number(""));
        assert_eq!(
            (chart.start.as_str(), chart.end.as_str(), chart.months),
            ("2027-01", "2027-12", 12)
        );
        assert_eq!(chart.axes[1].value_texts, ["2", "4", "6"]);
        assert_eq!(chart.totals.len(), 6);
        // Row i (premium), column j (engineers) is row i * 3 + j of sweep.csv.
        let total = |i: usize| sweep.rows[i].total.to_f64().unwrap_or(f64::NAN);
        assert_eq!(chart.totals[3 + 2], total(5));
        assert_eq!(sweep.rows[5].values, [Decimal::new(2, 1), Decimal::from(6)]);
    }
}
