//! The report `adoptcost run` prints for each scenario: horizon, totals,
//! percentiles, NPV, break-even, the top drivers and the files written.

use std::path::Path;

use rust_decimal::Decimal;

use super::{file_list, plural};
use crate::export::labels;
use crate::model::base::Projection;
use crate::sample::results::Results;
use crate::text::{group_thousands, money, money_f64};

/// How many sensitivity rows the report lists.
const TOP_DRIVERS: usize = 5;

/// One scenario's report, ending with the files written into `dir`.
pub(crate) fn summary_text(results: &Results, dir: &Path, written: &[String]) -> String {
    let s = &results.scenario;
    let b = &results.base;
    let m = &b.metrics;
    let cur = &s.currency;
    let end = s.month_label(s.months - 1);
    let mut out = String::new();
    out.push_str(&format!("{} ({})\n", s.name, s.file));
    out.push_str(&format!(
        "  compared     Rust vs staying on {}: a figure is the extra cost of Rust, a negative one a saving\n",
        s.current_stack_phrase()
    ));
    out.push_str(&format!(
        "  horizon      {} to {} ({} month{}), {}\n",
        s.start,
        end,
        s.months,
        plural(s.months),
        cur
    ));
    out.push_str(&format!(
        "  cash         {:>18} {cur}\n",
        money(b.totals[m.cash_total()])
    ));
    out.push_str(&format!(
        "  capacity     {:>18} {cur}  ({} engineer-months)\n",
        money(b.totals[m.capacity_cost()]),
        group_thousands(&b.totals[m.capacity_em()].to_string())
    ));
    out.push_str(&format!("  total        {:>18} {cur}\n", money(b.total())));
    if let Some(sampled) = &results.sampled {
        let t = &sampled.stats[m.total()];
        out.push_str(&format!(
            "  total P10    {:>18} {cur}   P50 {} {cur}   P90 {} {cur}   ({} samples, seed {})\n",
            money_f64(t.p10),
            money_f64(t.p50),
            money_f64(t.p90),
            group_thousands(&sampled.samples.to_string()),
            sampled.seed
        ));
        out.push_str(&format!(
            "  break-even chance {:>13}   (share of samples whose total over the horizon is at or below zero)\n",
            crate::text::chance_text(sampled.break_even_chance())
        ));
    }
    out.push_str(&format!("  NPV          {:>18} {cur}\n", money(b.npv())));
    out.push_str(&format!(
        "  run rate     {:>18} {cur} a month (the total of {end}, the last month)\n",
        money(b.run_rate())
    ));
    out.push_str(&break_even_line(results));
    out.push_str(&top_drivers(results));
    out.push_str(&format!("  files        {}\n\n", file_list(dir, written)));
    out
}

/// The break-even month, or "none within horizon" and, when the run rate is a
/// saving, the month it would come if every later month saved as much (MODEL.md §3).
fn break_even_line(results: &Results) -> String {
    let b = &results.base;
    let cur = &results.scenario.currency;
    if let Some(month) = b.break_even_month() {
        return format!("  break-even   {month}\n");
    }
    let saving = money(-b.run_rate());
    match b.projected_break_even() {
        Some(Projection::Month(month)) => format!(
            "  break-even   none within horizon; projected {month} if every later month saves {saving} {cur} (the run rate)\n"
        ),
        Some(Projection::Beyond100Years) => format!(
            "  break-even   none within horizon; none within 100 years even if every later month saves {saving} {cur} (the run rate)\n"
        ),
        None if b.run_rate() >= Decimal::ZERO && b.total() > Decimal::ZERO => {
            "  break-even   none within horizon; none projected either: the run rate is a cost, not a saving\n"
                .to_string()
        }
        None => "  break-even   none within horizon\n".to_string(),
    }
}

/// The inputs that move the total most, with their low and high values and,
/// when sampled, their share of the variance of the total.
fn top_drivers(results: &Results) -> String {
    let s = &results.scenario;
    let cur = &s.currency;
    if results.sensitivity.is_empty() {
        return String::new();
    }
    let sampled = results.sampled.is_some();
    let mut out = if sampled {
        "  top drivers  (swing: how far the total moves between an input's low and high; share: of the sampled variance)\n"
    } else {
        "  top drivers  (how far the total moves between an input's low and high)\n"
    }
    .to_string();
    for row in results.sensitivity.iter().take(TOP_DRIVERS) {
        let input = &s.inputs[row.input];
        let share = if sampled {
            let share = row.sampled.variance_share.map_or_else(
                || "-".to_string(),
                |v| crate::text::fixed_half_away(v * 100.0, 1) + "%",
            );
            format!(" {share:>7} share")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "    {:<34} {:>16} {cur}{share}   ({} to {})\n",
            row.key,
            money(row.swing),
            labels::value_text(row.low, input.unit, cur),
            labels::value_text(row.high, input.unit, cur)
        ));
    }
    out
}
