//! The report `adoptcost portfolio` prints: the organisation's horizon and
//! totals, one line per team, and the files written.

use std::path::Path;

use super::file_list;
use crate::text::{money, money_f64};
use crate::whatif::portfolio::PortfolioResults;

/// The portfolio's report, ending with the files written into `dir`.
pub(crate) fn report(p: &PortfolioResults, dir: &Path, written: &[String]) -> String {
    let cur = &p.portfolio.currency;
    let mut out = String::new();
    let (first, last) = match (p.months.first(), p.months.last()) {
        (Some(f), Some(l)) => (f.month.to_string(), l.month.to_string()),
        _ => (String::new(), String::new()),
    };
    out.push_str(&format!(
        "{} ({} team{})\n",
        crate::text::printable(&p.portfolio.name),
        p.teams.len(),
        super::plural(p.teams.len())
    ));
    out.push_str(&format!(
        "  horizon      {first} to {last} ({} months), {cur}\n",
        p.months.len()
    ));
    out.push_str(&format!("  total        {:>18} {cur}\n", money(p.total)));
    if let Some(s) = &p.sampled {
        out.push_str(&format!(
            "  total P10    {:>18} {cur}   P50 {} {cur}   P90 {} {cur}   ({} samples, seed {})\n",
            money_f64(s.total.p10),
            money_f64(s.total.p50),
            money_f64(s.total.p90),
            crate::text::group_thousands(&s.samples.to_string()),
            s.seed
        ));
        if !p.portfolio.shared.is_empty() {
            out.push_str(&format!(
                "  shared       {} (one draw per trial for every team)\n",
                p.portfolio.shared.join(", ")
            ));
        }
    }
    out.push_str(&format!("  NPV          {:>18} {cur}\n", money(p.npv)));
    let break_even = p
        .break_even_month()
        .map_or_else(|| "not within the horizon".to_string(), |m| m.to_string());
    match &p.sampled {
        Some(s) => out.push_str(&format!(
            "  break-even   {break_even} (chance of breaking even within the horizon: {:.0}%)\n",
            s.break_even_chance * 100.0
        )),
        None => out.push_str(&format!("  break-even   {break_even}\n")),
    }
    out.push_str("  teams\n");
    for (i, team) in p.portfolio.teams.iter().enumerate() {
        let s = &p.teams[i].scenario;
        out.push_str(&format!(
            "    {:<24} {:>18} {cur}  {} to {}  teams/{}/\n",
            crate::text::printable(&team.name),
            money(p.team_base(i).total()),
            s.start,
            s.month_label(s.months - 1),
            team.slug
        ));
    }
    out.push_str(&format!("  files        {}\n", file_list(dir, written)));
    out
}
