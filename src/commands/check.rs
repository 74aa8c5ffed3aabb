//! `adoptcost check`: validates scenarios and runs their base case (which
//! finds overflow, an input problem too); writes nothing.

use super::{load_all, parse_overrides};
use crate::cli::CheckArgs;
use crate::error::AppError;
use crate::model::base;
use crate::output::print_stdout;

pub(crate) fn check(args: &CheckArgs) -> Result<(), AppError> {
    let overrides = parse_overrides(&args.overrides.set)?;
    let loaded = load_all(&args.scenarios, &overrides)?;
    let mut text = String::new();
    for l in &loaded {
        let s = &l.scenario;
        base::run(s).map_err(|e| AppError::Input(format!("{}: {e}", s.file)))?;
        text.push_str(&format!(
            "ok: {} ({}, {} months from {})\n",
            s.file, s.name, s.months, s.start
        ));
    }
    print_stdout(&text);
    Ok(())
}
