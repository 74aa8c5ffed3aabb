//! `[team]`: the engineers at the start (MODEL.md §1). Its uncertain inputs
//! (salary, overhead, ...) are read with every other input in `inputs.rs`.

use rust_decimal::Decimal;

use crate::scenario::source::{Loc, Table};
use crate::scenario::spec::Domain;

use super::context::Ctx;
use super::keys::required;
use super::values::fixed_number;

/// E, the engineers at `start`; `header` is where a missing key is reported.
pub(super) fn engineers(ctx: &mut Ctx, t: &Table, header: &Loc) -> Option<Decimal> {
    required(ctx, t, "team", "engineers", header)
        .and_then(|e| fixed_number(ctx, e, "team.engineers", &Domain::at_least(Decimal::ZERO), "the number of engineers at the start, e.g. engineers = 12 (0.5 is a half-time engineer)"))
}
