//! `[team]`: the engineers at the start and the name of their current stack
//! (MODEL.md §1). Its uncertain inputs (salary, overhead, attrition, ...) are
//! read with every other input in `inputs.rs`.

use rust_decimal::Decimal;

use crate::scenario::source::{Loc, Table};
use crate::scenario::spec::Domain;

use super::context::Ctx;
use super::keys::required;
use super::values::{fixed_number, text};

/// E, the engineers at `start`; `header` is where a missing key is reported.
pub(super) fn engineers(ctx: &mut Ctx, t: &Table, header: &Loc) -> Option<Decimal> {
    required(ctx, t, "team", "engineers", header)
        .and_then(|e| fixed_number(ctx, e, "team.engineers", &Domain::at_least(Decimal::ZERO), "the number of engineers at the start, e.g. engineers = 12 (0.5 is a half-time engineer)"))
}

/// Longest `team.current_stack`, in characters: it goes into chart titles.
const MAX_STACK_CHARS: usize = 40;

/// `team.current_stack`: 1-40 characters, not all white space, no control
/// characters; "current stack" when not written.
pub(super) fn current_stack(ctx: &mut Ctx, t: &Table) -> Option<String> {
    let Some(entry) = t.get("current_stack") else {
        return Some(crate::scenario::DEFAULT_STACK.to_string());
    };
    let name = text(ctx, entry, "team.current_stack")?;
    let count = name.chars().count();
    let problem = if name.trim().is_empty() {
        Some("expected the name of the team's current stack, found only white space".to_string())
    } else if count > MAX_STACK_CHARS {
        Some(format!(
            "expected at most {MAX_STACK_CHARS} characters, found {count}"
        ))
    } else if crate::text::has_control(&name) {
        Some(
            "expected printable text, found a control character (a tab, line break or escape)"
                .to_string(),
        )
    } else {
        None
    };
    match problem {
        Some(message) => {
            ctx.error(
                &entry.node.loc,
                "team.current_stack",
                message,
                "write the language or platform the team uses today, e.g. current_stack = \"Go\""
                    .to_string(),
            );
            None
        }
        None => Some(name),
    }
}
