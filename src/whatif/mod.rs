//! What-if analysis as domain logic: `compare` (several scenarios side by
//! side) and `sweep` (a one- or two-way data table over the exact base case),
//! with `vary` reading the `--vary` flags. Both reuse the run pipeline
//! unchanged, so their figures equal those of `adoptcost run`. Nothing here
//! writes files or prints: the commands (`commands/compare.rs`,
//! `commands/sweep.rs`) do.

pub(crate) mod compare;
pub(crate) mod portfolio;
pub(crate) mod sweep;
pub(crate) mod vary;
