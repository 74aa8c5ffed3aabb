//! `adoptcost compare`: computes every scenario exactly as `run` does (nothing
//! is written if any is invalid), then writes `comparison.csv` and the two
//! comparison charts into OUT (removing the charts of an earlier comparison
//! that this one does not draw) and prints the table, cheapest first.

use super::{
    Sampling, chart_options, compute_each, load_all, open_folder, parse_overrides, write_all,
};
use crate::cli::CompareArgs;
use crate::error::AppError;
use crate::export::chart_files::{comparison_chart_data, comparison_charts};
use crate::export::{self, COMPARE_OUTPUTS, OutputFile};
use crate::output::{self, print_stdout};
use crate::sample::check_sample_count;
use crate::whatif::compare;

pub(crate) fn compare(args: &CompareArgs) -> Result<(), AppError> {
    let overrides = parse_overrides(&args.overrides.set)?;
    let loaded = load_all(&args.scenarios, &overrides)?;
    check_sample_count(args.samples)?;
    let folder = open_folder(&args.out, &args.folder)?;
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
    let written = write_all(folder, &files, &COMPARE_OUTPUTS)?;
    let sampled = (args.samples > 0).then_some((args.samples, args.seed));
    print_stdout(&output::compare::report(&rows, sampled, &written));
    Ok(())
}
