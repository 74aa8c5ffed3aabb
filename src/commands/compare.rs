//! `adoptcost compare`: computes every scenario exactly as `run` does (nothing
//! is written if any is invalid), then writes `comparison.csv` and the two
//! comparison charts into OUT and prints the table, cheapest first.

use super::{Sampling, chart_options, compute_each, load_all, parse_overrides, write_all};
use crate::cli::CompareArgs;
use crate::error::AppError;
use crate::export::chart_files::{comparison_chart_data, comparison_charts};
use crate::export::{self, OutputFile};
use crate::output::{self, print_stdout};
use crate::whatif::compare;

pub(crate) fn compare(args: &CompareArgs) -> Result<(), AppError> {
    let overrides = parse_overrides(&args.overrides.set)?;
    let loaded = load_all(&args.scenarios, &overrides)?;
    let sampling = Sampling {
        samples: args.samples,
        seed: args.seed,
        quiet: false,
    };
    let results = compute_each(loaded, &sampling, Ok)?;
    let rows = compare::rows(&results);
    let mut files = vec![OutputFile {
        name: "comparison.csv".to_string(),
        bytes: export::csv::comparison(&rows)?,
    }];
    files.extend(comparison_charts(
        &comparison_chart_data(&results),
        chart_options(&args.charts),
    )?);
    if let Some(warning) = compare::currency_warning(&rows) {
        output::warn(&warning);
    }
    let written = write_all(&args.out, &files)?;
    let sampled = (args.samples > 0).then_some((args.samples, args.seed));
    print_stdout(&output::compare::report(&rows, sampled, &written));
    Ok(())
}
