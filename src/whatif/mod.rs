//! What-if analysis as domain logic: `compare` (several scenarios side by
//! side), `sweep` (a one- or two-way data table over the exact base case) and
//! `solve` (goal seek: the value of one input that meets a goal), with `vary`
//! reading the `--vary` keys. All reuse the run pipeline unchanged, so their
//! figures equal those of `adoptcost run`. Nothing here writes files or
//! prints: the commands (`commands/compare.rs`, `commands/sweep.rs`,
//! `commands/solve.rs`) do.

pub(crate) mod compare;
pub(crate) mod portfolio;
pub(crate) mod solve;
pub(crate) mod sweep;
pub(crate) mod vary;
