//! `adoptcost new`: writes the commented template scenario to a new file,
//! never over an existing one, whole or not at all.

use crate::cli::NewArgs;
use crate::error::AppError;
use crate::export::write_new_file;
use crate::output::print_stdout;

/// The template written by `adoptcost new`.
const TEMPLATE: &str = include_str!("../../docs/template.toml");

pub(crate) fn new(args: &NewArgs) -> Result<(), AppError> {
    let path = &args.path;
    // A link (even one to nothing) counts: the template is never written through it.
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(AppError::Input(format!(
            "{} already exists; choose another path or remove it first (adoptcost new never overwrites)",
            path.display()
        )));
    }
    // Complete or not at all: a full disk leaves no truncated template.
    write_new_file(path, TEMPLATE.as_bytes())?;
    print_stdout(&format!(
        "wrote {}\nedit it, then run: adoptcost run {}\n",
        path.display(),
        path.display()
    ));
    Ok(())
}
