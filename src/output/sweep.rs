//! What `adoptcost sweep` prints: the warnings the combinations earned (on
//! stderr) and the report of the sweep, its extremes and its files (on stdout).

use super::{plural, warn};
use crate::text::money;
use crate::whatif::sweep::{Sweep, SweepRow, describe, extremes};
use crate::whatif::vary::group;

/// Prints each different warning once: as is when the scenario itself earns
/// it, else with the first combination that earned it.
pub(crate) fn print_warnings(sweep: &Sweep, base_warnings: &[String]) {
    for (w, values) in &sweep.warnings {
        if base_warnings.contains(w) {
            warn(w);
        } else {
            // Earned only at some values: say the first.
            warn(&format!(
                "at --vary {}: {w}",
                describe(&sweep.varies, values)
            ));
        }
    }
    if sweep.more_warnings > 0 {
        warn(&format!(
            "... and {} more different warnings from other combinations",
            sweep.more_warnings
        ));
    }
}

/// The report: the axes, the number of base cases, the lowest and highest
/// total with where they were met, and the files written.
pub(crate) fn report(sweep: &Sweep, files: &str) -> String {
    let s = &sweep.scenario;
    let cur = &s.currency;
    let axes: Vec<String> = sweep
        .varies
        .iter()
        .map(|v| {
            let n = v.values.len();
            format!("{} ({} value{})", v.column, group(n), plural(n))
        })
        .collect();
    let at = |r: &SweepRow| describe(&sweep.varies, &r.values);
    let n = sweep.rows.len();
    let mut out = format!("{} ({})\n", s.name, s.file);
    out.push_str(&format!(
        "  sweep        {} = {} base case{}\n",
        axes.join(" × "),
        group(n),
        plural(n)
    ));
    if let Some((low, high)) = extremes(sweep) {
        out.push_str(&format!(
            "  lowest       {:>18} {cur}  at {}\n",
            money(low.total),
            at(low)
        ));
        out.push_str(&format!(
            "  highest      {:>18} {cur}  at {}\n",
            money(high.total),
            at(high)
        ));
    }
    out.push_str(&format!("  files        {files}\n"));
    out
}
