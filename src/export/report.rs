//! `report.html` (`adoptcost run --report`): one self-contained page that
//! reads top to bottom as a decision memo for a planning meeting.
//!
//! The question and the answer in a sentence each, the key figures (exactly
//! as in `summary.csv`), the charts inline as SVG (the same drawings as the
//! `.svg` files), the inputs as written with their unit, source and flag
//! (largest drivers first), what the model leaves out, and how the figures
//! were computed (seed, samples, tool version). Nothing is fetched: the
//! stylesheet is inline, text uses the reader's system fonts, and a content
//! security policy forbids any request. Deterministic: no date, no absolute
//! path, the same bytes for the same results.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::chart::{Chart, ChartData, Target, fmt_money, render};
use super::chart_files::scenario_chart_data;
use super::labels;
use crate::error::AppError;
use crate::model::base::Projection;
use crate::sample::results::Results;
use crate::scenario::assumptions::{Origin, describe, origin};
use crate::scenario::{Scenario, Unit};
use crate::text::{group_thousands, money, money_f64};

/// The report's file name in the scenario's folder.
pub(crate) const REPORT_FILE: &str = "report.html";

/// The size the charts are drawn at: they scale to the page width, and the
/// chart toolkit scales text with the height, so only the 16:9 shape matters.
const CHART_SIZE: (u32, u32) = (1600, 900);

/// The stylesheet, inline (screen, phone width and print).
const STYLE: &str = include_str!("report.css");

/// What the model leaves out (MODEL.md §3 counts these line items and nothing else).
const LEAVES_OUT: [&str; 7] = [
    "The engineering work of a rewrite itself, unless you write it as a <code>[[costs]]</code> \
     entry: the model counts the work lost to vacancies, ramp-up, mentoring, build waits and \
     steady-state productivity, not the hours spent porting code.",
    "Revenue, time to market and customer effects; benefits other than the infrastructure and \
     incident savings you enter (fewer defects outside incidents, easier hiring later, morale).",
    "Salary growth and inflation: salaries and prices stay as written for the whole horizon; \
     money is discounted only in the NPV, at <code>scenario.discount_rate</code>.",
    "Taxes, financing, currency conversion and accounting treatment (capitalised or expensed).",
    "Anything after the horizon. The projected break-even assumes every later month costs \
     exactly the last month's total (the run rate); it is a projection, not a result.",
    "Links between inputs you do not write: each uncertain input is drawn independently of the \
     others unless the scenario links them in <code>[[correlation]]</code>, so without it a \
     scarce Rust market does not make a higher premium likelier in the sampled figures.",
    "People who leave beyond <code>team.attrition</code>, reorganisations, and the cost of \
     running two stacks side by side beyond the line items above.",
];

/// `report.html` for one scenario's results.
pub(crate) fn report(results: &Results) -> Result<Vec<u8>, AppError> {
    let data = scenario_chart_data(results);
    let s = &results.scenario;
    let mut page = String::new();
    head(&mut page, s);
    memo(&mut page, results);
    charts(&mut page, results, &data)
        .map_err(|e| AppError::Runtime(anyhow::anyhow!("{}: {REPORT_FILE}: {e}", s.file)))?;
    inputs(&mut page, results);
    leaves_out(&mut page, results);
    page.push_str("</main>\n</body>\n</html>\n");
    Ok(page.into_bytes())
}

/// Text made safe inside HTML elements and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn head(page: &mut String, s: &Scenario) {
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"adoptcost {version}\">\n\
         <title>{name}: the cost of adopting Rust</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n",
        version = env!("CARGO_PKG_VERSION"),
        name = escape(&s.name),
    );
}

/// A money amount in a sentence: "2M USD", "−45.2k USD".
fn short(x: f64, currency: &str) -> String {
    fmt_money(x, currency)
}

fn as_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// "What does it cost ...?": the question, in one sentence.
pub(crate) fn question(s: &Scenario) -> String {
    format!(
        "What does it cost a team of {} engineer{} to do its work in Rust instead of staying on {}, from {} to {} ({} months), and how sure are we?",
        group_thousands(&s.engineers.normalize().to_string()),
        if s.engineers == Decimal::ONE { "" } else { "s" },
        s.current_stack_phrase(),
        s.start,
        s.month_label(s.months - 1),
        s.months,
    )
}

/// The answer in one sentence: the total, its P10-P90 range, and when (or
/// whether) the adoption pays for itself (MODEL.md §3).
pub(crate) fn answer(results: &Results) -> String {
    let s = &results.scenario;
    let b = &results.base;
    let cur = &s.currency;
    let total = as_f64(b.total());
    let saves = total < 0.0;
    let mut out = format!(
        "Doing the work in Rust {} {} over the {} months",
        if saves { "saves" } else { "costs" },
        short(total.abs(), cur),
        s.months
    );
    // A percentile on the other side of zero from the total says so in words.
    let signed = |x: f64| match (x < 0.0, saves) {
        (true, false) => format!("a saving of {}", short(-x, cur)),
        (false, true) if x > 0.0 => format!("a cost of {}", short(x, cur)),
        _ => short(x.abs(), cur),
    };
    if let Some(sampled) = &results.sampled {
        let t = &sampled.stats[b.metrics.total()];
        let _ = write!(out, " (P10 {}, P90 {})", signed(t.p10), signed(t.p90));
    }
    let run_rate = as_f64(b.run_rate());
    let tail = if let Some(month) = b.break_even_month() {
        format!("; it breaks even in {month} and stays even or better to the end")
    } else {
        match b.projected_break_even() {
            Some(Projection::Month(month)) => format!(
                "; it does not break even within the horizon; if every later month saved as much as the last ({} a month, the run rate) it would in {month} (projected)",
                short(-run_rate, cur)
            ),
            Some(Projection::Beyond100Years) => format!(
                "; it does not break even within the horizon, nor within 100 years if every later month saved as much as the last ({} a month, the run rate)",
                short(-run_rate, cur)
            ),
            None => format!(
                "; it does not break even within the horizon, and at the end it still costs {} a month (the run rate), so at that rate it never would",
                short(run_rate, cur)
            ),
        }
    };
    out.push_str(&tail);
    out.push('.');
    out
}

/// The first page: question, answer, key figures, how to read them.
fn memo(page: &mut String, results: &Results) {
    let s = &results.scenario;
    let b = &results.base;
    let m = &b.metrics;
    let cur = escape(&s.currency);
    let _ = write!(
        page,
        "<header class=\"memo\">\n<p class=\"kicker\">Decision memo · adoptcost {version}</p>\n\
         <h1>{name}</h1>\n\
         <p class=\"question\"><span class=\"label\">Question</span> {question}</p>\n\
         <p class=\"answer\" id=\"answer\"><span class=\"label\">Answer</span> {answer}</p>\n",
        version = env!("CARGO_PKG_VERSION"),
        name = escape(&s.name),
        question = escape(&question(s)),
        answer = escape(&answer(results)),
    );
    page.push_str(
        "<table class=\"figures\">\n<caption>Key figures (as in summary.csv)</caption>\n<tbody>\n",
    );
    let mut row = |what: &str, figure: &str, value: String, unit: &str| {
        let _ = writeln!(
            page,
            "<tr><th scope=\"row\">{what}</th><td class=\"num\"><span data-figure=\"{figure}\">{value}</span> <span class=\"unit\">{unit}</span></td></tr>"
        );
    };
    let total_label = format!("Total, {}", "base case");
    row(&total_label, "total/base", money(b.total()), &cur);
    if let Some(sampled) = &results.sampled {
        let t = &sampled.stats[m.total()];
        row("Total, P10", "total/p10", money_f64(t.p10), &cur);
        row("Total, P50", "total/p50", money_f64(t.p50), &cur);
        row("Total, P90", "total/p90", money_f64(t.p90), &cur);
    }
    row(
        "Cash",
        "cash_total/base",
        money(b.totals[m.cash_total()]),
        &cur,
    );
    row(
        "Capacity lost, in money",
        "capacity_cost/base",
        money(b.totals[m.capacity_cost()]),
        &cur,
    );
    row(
        "Capacity lost",
        "capacity_em/base",
        group_thousands(&b.totals[m.capacity_em()].to_string()),
        "engineer-months",
    );
    row("NPV", "npv/base", money(b.npv()), &cur);
    row(
        "Run rate (the last month's total)",
        "run_rate/base",
        money(b.run_rate()),
        &format!("{cur} a month"),
    );
    let break_even = match (b.break_even_month(), b.projected_break_even()) {
        (Some(month), _) => month.to_string(),
        (None, Some(Projection::Month(month))) => {
            format!("none within the horizon; projected {month}")
        }
        (None, Some(Projection::Beyond100Years)) => {
            "none within the horizon; none within 100 years".to_string()
        }
        (None, None) => "none".to_string(),
    };
    let _ = writeln!(
        page,
        "<tr><th scope=\"row\">Break-even</th><td class=\"text\" data-figure=\"break_even\">{break_even}</td></tr>"
    );
    page.push_str("</tbody>\n</table>\n");
    let _ = write!(
        page,
        "<p class=\"note\">Every figure is the extra cost of Rust compared with staying on {stack}: \
         the Rust case minus the current one, month by month. A negative figure is a saving. \
         Capacity is engineering work lost (engineer-months), valued at the loaded cost of an \
         engineer-month so that it adds to cash. {sampling}</p>\n</header>\n",
        stack = escape(&s.current_stack_phrase()),
        sampling = match &results.sampled {
            Some(sm) => format!(
                "P10 and P90: one run in ten ends below the first, one in ten above the second ({} runs, seed {}).",
                group_thousands(&sm.samples.to_string()),
                sm.seed
            ),
            None => "Not sampled (--samples 0): the figures are the base case only.".to_string(),
        }
    );
}

/// What a chart shows, under it.
fn caption(chart: Chart, sampled: bool) -> &'static str {
    match (chart, sampled) {
        (Chart::Cumulative, true) => {
            "The running total month by month, base case, with the band in which 8 runs in 10 fall (P10 to P90). Where the line crosses zero for good, the adoption has paid for itself."
        }
        (Chart::Cumulative, false) => {
            "The running total month by month, base case. Where the line crosses zero for good, the adoption has paid for itself."
        }
        (Chart::Breakdown, _) => {
            "What each month costs, by line item (base case): bars above zero are extra costs, below zero savings."
        }
        (Chart::Tornado, _) => {
            "How far the total moves when one input goes from its low to its high value, every other input at its base value: the longest bars are the inputs worth checking first."
        }
        (Chart::Distribution, _) => {
            "The totals of all the sampled runs: how likely each outcome is."
        }
        (Chart::Capacity, _) => {
            "Engineering work lost each month, by cause, in engineer-months (base case): the delivery delay the adoption brings."
        }
    }
}

/// The charts, two sections of two (and capacity), each chart its SVG inline.
fn charts(page: &mut String, results: &Results, data: &ChartData) -> Result<(), String> {
    let sampled = results.sampled.is_some();
    let sections: [(&str, &str, &[Chart]); 2] = [
        (
            "over-time",
            "How the cost builds up",
            &[Chart::Cumulative, Chart::Breakdown, Chart::Capacity],
        ),
        (
            "drivers",
            "What drives it, and how sure we are",
            &[Chart::Tornado, Chart::Distribution],
        ),
    ];
    for (id, title, list) in sections {
        let _ = writeln!(page, "<section id=\"{id}\">\n<h2>{title}</h2>");
        for &chart in list {
            if chart == Chart::Distribution && !sampled {
                page.push_str(
                    "<p class=\"note\">No distribution: this run was not sampled (<code>--samples 0</code>).</p>\n",
                );
                continue;
            }
            let mut svg = String::new();
            render(chart, data, CHART_SIZE, Target::Svg(&mut svg))
                .map_err(|e| format!("{} chart: {e}", chart.name()))?;
            let svg = svg.replacen(
                "<svg ",
                &format!(
                    "<svg role=\"img\" aria-label=\"{} chart\" preserveAspectRatio=\"xMidYMid meet\" ",
                    chart.name()
                ),
                1,
            );
            let _ = write!(
                page,
                "<figure class=\"chart\" data-chart=\"{name}\">\n{svg}<figcaption>{caption}</figcaption>\n</figure>\n",
                name = chart.name(),
                svg = svg.trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
                caption = caption(chart, sampled),
            );
        }
        page.push_str("</section>\n");
    }
    Ok(())
}

/// The unit of an input, in words ("share (0.25 = 25%)", "USD").
fn unit_text(unit: Unit, currency: &str) -> String {
    if unit == Unit::Money {
        currency.to_string()
    } else {
        unit.name().to_string()
    }
}

/// The inputs as written, largest drivers first, then the fixed ones in the
/// order of the scenario reference.
fn inputs(page: &mut String, results: &Results) {
    let s = &results.scenario;
    let cur = &s.currency;
    let mut order: Vec<(usize, Option<&crate::model::sensitivity::SensitivityRow>)> = results
        .sensitivity
        .iter()
        .map(|row| (row.input, Some(row)))
        .collect();
    order.extend(
        (0..s.inputs.len())
            .filter(|i| !results.sensitivity.iter().any(|r| r.input == *i))
            .map(|i| (i, None)),
    );
    page.push_str(
        "<section id=\"inputs\">\n<h2>The inputs, largest drivers first</h2>\n\
         <p class=\"note\">Each input as the scenario file gives it (or its default), its unit, \
         where it comes from, and a flag: <em>your figure</em> (written in the scenario), \
         <em>contested</em> (public figures disagree), <em>project assumption</em> (no public \
         figure: replace it with your own) or <em>sourced</em> (a default backed by a public \
         figure). <em>Moves the total by</em> is the tornado's swing.</p>\n\
         <div class=\"scroll\"><table class=\"inputs\">\n\
         <colgroup><col class=\"c-input\"><col class=\"c-written\"><col class=\"c-unit\">\
         <col class=\"c-swing\"><col class=\"c-flag\"><col class=\"c-source\"></colgroup>\n<thead><tr><th scope=\"col\">Input</th>\
         <th scope=\"col\">As written</th><th scope=\"col\">Unit</th>\
         <th scope=\"col\">Moves the total by</th><th scope=\"col\">Flag</th>\
         <th scope=\"col\">Source</th></tr></thead>\n<tbody>\n",
    );
    for (i, row) in order {
        let input = &s.inputs[i];
        let (flag, source) = match origin(s, i) {
            Origin::Custom | Origin::Yours => {
                ("your figure".to_string(), "the scenario file".to_string())
            }
            Origin::Default(Some(a)) => (a.standing.words().to_string(), a.source.to_string()),
            Origin::Default(None) => (
                "model default".to_string(),
                "the model's default (docs/MODEL.md §1)".to_string(),
            ),
        };
        let swing = row.map_or_else(
            || "fixed".to_string(),
            |r| {
                format!(
                    "{} {cur} <span class=\"range\">({} to {})</span>",
                    money(r.swing),
                    escape(&labels::value_text(r.low, input.unit, cur)),
                    escape(&labels::value_text(r.high, input.unit, cur))
                )
            },
        );
        let _ = writeln!(
            page,
            "<tr><td data-label=\"Input\"><span class=\"input-label\">{label}</span> <code>{key}</code></td>\
             <td data-label=\"As written\">{written}</td><td data-label=\"Unit\">{unit}</td>\
             <td data-label=\"Moves the total by\" class=\"num\">{swing}</td>\
             <td data-label=\"Flag\"><span class=\"flag {class}\">{flag}</span></td>\
             <td data-label=\"Source\" class=\"source\">{source}</td></tr>",
            label = escape(&input.label),
            key = escape(&input.key),
            written = escape(&describe(&input.value)),
            unit = escape(&unit_text(input.unit, cur)),
            class = flag.replace(' ', "-"),
            source = escape(&source),
        );
    }
    page.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// What the model leaves out, and how these figures were computed.
fn leaves_out(page: &mut String, results: &Results) {
    let s = &results.scenario;
    page.push_str(
        "<section id=\"limits\">\n<h2>What the model leaves out</h2>\n\
         <p>The model counts the line items of docs/MODEL.md §3 and nothing else: salary premium, \
         retention raises, recruiting fees, payroll of seats left empty, CI minutes, your own \
         costs, infrastructure and incident savings (cash); vacancies, ramp-up, mentoring, build \
         waits and steady-state productivity (capacity). It leaves out:</p>\n<ul>\n",
    );
    for item in LEAVES_OUT {
        let _ = writeln!(page, "<li>{item}</li>");
    }
    page.push_str(
        "</ul>\n<h2 class=\"sub\">How these figures were computed</h2>\n<dl class=\"run\">\n",
    );
    let mut item = |term: &str, value: String| {
        let _ = writeln!(page, "<dt>{term}</dt><dd>{value}</dd>");
    };
    item("Scenario file", format!("<code>{}</code>", escape(&s.file)));
    item(
        "Horizon",
        format!(
            "{} to {} ({} months), amounts in {}",
            s.start,
            s.month_label(s.months - 1),
            s.months,
            escape(&s.currency)
        ),
    );
    match &results.sampled {
        Some(sm) => {
            item("Samples", group_thousands(&sm.samples.to_string()));
            item(
                "Seed",
                format!(
                    "{} (the same seed and samples give the same figures on any machine)",
                    sm.seed
                ),
            );
        }
        None => item(
            "Samples",
            "0: not sampled, base case only (<code>--samples 0</code>)".to_string(),
        ),
    }
    item("Tool", format!("adoptcost {}", env!("CARGO_PKG_VERSION")));
    page.push_str("</dl>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::results::from_text as results;

    fn page(r: &Results) -> String {
        String::from_utf8(report(r).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default()
    }

    const TEAM: &str = "[scenario]\nname = \"Payments <team> & co\"\nstart = \"2027-01\"\nmonths = 12\n[team]\nengineers = 4\nsalary = 100000\ncurrent_stack = \"Go\"\n";

    #[test]
    fn escapes_user_text_and_fetches_nothing() {
        let html = page(&results(TEAM, 0));
        assert!(
            html.contains("Payments &lt;team&gt; &amp; co"),
            "name escaped"
        );
        assert!(!html.contains("<team>"));
        for fetch in [
            "<script", "<link", "<img", "src=", "@import", "url(", "https:",
        ] {
            assert!(!html.contains(fetch), "{fetch} in the page");
        }
        // The only address is the SVG namespace, an identifier, not a request.
        assert_eq!(
            html.matches("http://").count(),
            html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
        );
        assert!(html.contains("default-src 'none'"));
    }

    #[test]
    fn the_answer_says_cost_range_and_break_even() {
        let r = results(TEAM, 500);
        let a = answer(&r);
        assert!(a.starts_with("Doing the work in Rust costs "), "{a}");
        assert!(a.contains("(P10 ") && a.contains(", P90 "), "{a}");
        assert!(a.contains("never would"), "{a}");
        let q = question(&r.scenario);
        assert!(
            q.contains("4 engineers") && q.contains("staying on Go"),
            "{q}"
        );
        assert!(q.contains("2027-01 to 2027-12 (12 months)"), "{q}");
        let savings = format!("{TEAM}[benefits]\ninfra_per_month = 400000\n");
        let a = answer(&results(&savings, 0));
        assert!(a.starts_with("Doing the work in Rust saves "), "{a}");
        assert!(a.contains("breaks even in 2027-"), "{a}");
    }

    #[test]
    fn a_percentile_across_zero_from_the_total_says_so_in_words() {
        let mut r = results(TEAM, 200);
        let total = r.base.metrics.total();
        let set = |r: &mut Results, p10: f64, p90: f64| {
            if let Some(s) = r.sampled.as_mut() {
                s.stats[total].p10 = p10;
                s.stats[total].p90 = p90;
            }
        };
        set(&mut r, -5000.0, 250_000.0);
        let a = answer(&r);
        assert!(a.contains("(P10 a saving of 5k USD, P90 250k USD)"), "{a}");
        let mut saving = results(
            &format!("{TEAM}[benefits]\ninfra_per_month = 400000\n"),
            200,
        );
        set(&mut saving, -3_000_000.0, 12_000.0);
        let a = answer(&saving);
        assert!(a.contains("(P10 3M USD, P90 a cost of 12k USD)"), "{a}");
    }

    #[test]
    fn every_chart_is_inline_and_inputs_are_sorted_by_swing() {
        let r = results(TEAM, 300);
        let html = page(&r);
        for chart in Chart::ALL {
            assert!(
                html.contains(&format!("data-chart=\"{}\"", chart.name())),
                "{}",
                chart.name()
            );
        }
        assert_eq!(html.matches("<svg ").count(), 5);
        let first = &r.scenario.inputs[r.sensitivity[0].input].key;
        let table = html.split("<table class=\"inputs\">").nth(1).unwrap_or("");
        let first_row = table.split("<code>").nth(1).unwrap_or("");
        assert!(first_row.starts_with(first.as_str()), "{first_row:.60}");
        let salary = table
            .split("<tr>")
            .find(|r| r.contains("<code>team.salary</code>"));
        assert!(salary.is_some_and(|r| r.contains("your figure") && r.contains(">fixed<")));
        let unsampled = page(&results(TEAM, 0));
        assert_eq!(unsampled.matches("<svg ").count(), 4);
        assert!(unsampled.contains("not sampled"));
        assert_eq!(page(&r), html, "deterministic");
    }
}
