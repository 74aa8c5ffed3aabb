//! What-if analysis: `compare` (several scenarios side by side) and `sweep`
//! (a one- or two-way data table over the exact base case). Both reuse the run
//! pipeline unchanged, so their figures equal those of `adoptcost run`.

pub mod vary;
