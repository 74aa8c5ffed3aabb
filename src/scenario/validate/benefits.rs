//! `[benefits]`: the month from which savings count (MODEL.md §1, §3). Its
//! uncertain inputs (infrastructure, incidents) are read with every other input
//! in `inputs.rs`.

use crate::scenario::calendar::YearMonth;
use crate::scenario::source::{Loc, Table};

use super::Horizon;
use super::context::Ctx;
use super::values::month;

/// `benefits.from` as written, with where; the month is `None` when broken
/// (reported).
pub(super) struct WrittenFrom {
    month: Option<YearMonth>,
    loc: Loc,
}

pub(super) fn from(ctx: &mut Ctx, b: &Table) -> Option<WrittenFrom> {
    b.get("from").map(|e| WrittenFrom {
        month: month(ctx, &e.node, "benefits.from"),
        loc: e.node.loc.clone(),
    })
}

/// The month index from which savings apply: `None` when not written (the
/// model then uses `m_ci`, MODEL.md §1); never before the start, and a warning
/// when at or past the end.
pub(super) fn place_from(
    ctx: &mut Ctx,
    written: Option<WrittenFrom>,
    horizon: &Horizon,
) -> Option<i64> {
    let Some(WrittenFrom {
        month: Some(ym),
        loc,
    }) = written
    else {
        return None;
    };
    let start = horizon.start;
    let from = ym.months_since(start);
    if from < 0 {
        ctx.error(
            &loc,
            "benefits.from",
            format!("{ym} is before the scenario starts ({start})"),
            format!("savings can start in {start} or later"),
        );
    } else if ym >= horizon.end {
        ctx.warn(
            &loc,
            "benefits.from",
            format!("{ym} is at or after the end of the horizon; no savings are counted"),
            None,
        );
    }
    Some(from)
}
