//! `adoptcost new`: writes the commented template scenario to a new file,
//! never over an existing one.

use std::io::Write;

use crate::cli::NewArgs;
use crate::error::AppError;
use crate::output::print_stdout;

/// The template written by `adoptcost new`.
const TEMPLATE: &str = include_str!("../../docs/template.toml");

pub(crate) fn new(args: &NewArgs) -> Result<(), AppError> {
    let path = &args.path;
    if path.exists() {
        return Err(AppError::Input(format!(
            "{} already exists; choose another path or remove it first (adoptcost new never overwrites)",
            path.display()
        )));
    }
    let failed = |what: &str, p: &std::path::Path, e: std::io::Error| {
        AppError::Runtime(anyhow::anyhow!("cannot {what} {}: {e}", p.display()))
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| failed("create", parent, e))?;
    }
    // `create_new`: a file that appeared since the check is not overwritten either.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| failed("create", path, e))?;
    file.write_all(TEMPLATE.as_bytes())
        .map_err(|e| failed("write", path, e))?;
    print_stdout(&format!(
        "wrote {}\nedit it, then run: adoptcost run {}\n",
        path.display(),
        path.display()
    ));
    Ok(())
}
