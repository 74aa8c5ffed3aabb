//! `adoptcost assumptions`: prints every default and where it comes from.

use crate::error::AppError;
use crate::output::{self, print_stdout};

pub(crate) fn assumptions() -> Result<(), AppError> {
    print_stdout(&output::assumptions::render());
    Ok(())
}
