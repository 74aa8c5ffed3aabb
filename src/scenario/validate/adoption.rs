//! `[adoption]`: the waves of the current team that switch to Rust (MODEL.md §1,
//! §2). Without the section, one wave of every engineer at the start.

use rust_decimal::Decimal;

use crate::scenario::calendar::YearMonth;
use crate::scenario::source::{Loc, Node, Table, Value};
use crate::scenario::spec::Domain;
use crate::scenario::{MAX_WAVES, Wave};
use crate::text::group_thousands;

use super::Horizon;
use super::context::Ctx;
use super::keys::unknown_keys;
use super::values::{fixed_number, month};

/// A wave as written; `None` where a value is broken (reported).
pub(super) struct WrittenWave {
    month: Option<YearMonth>,
    engineers: Option<Decimal>,
    loc: Loc,
}

/// The waves as written: `None` without an `adoption.waves` key (one wave of
/// the whole team at the start), `Some(vec![])` for `waves = []`.
pub(super) struct WrittenAdoption {
    /// Whether the file has an `[adoption]` section at all.
    pub(super) given: bool,
    waves: Option<(Vec<WrittenWave>, Loc)>,
}

/// `[adoption]`, read on its own.
pub(super) fn adoption(ctx: &mut Ctx, given: bool, a: &Table) -> WrittenAdoption {
    let Some(entry) = a.get("waves") else {
        return WrittenAdoption { given, waves: None };
    };
    let Value::Array(items) = &entry.node.value else {
        ctx.error(
            &entry.node.loc,
            "adoption.waves",
            format!(
                "expected a list of waves, found {}",
                entry.node.value.describe()
            ),
            "write e.g. waves = [{ month = \"2027-03\", engineers = 6 }, { month = \"2028-01\", engineers = 14 }]"
                .to_string(),
        );
        return WrittenAdoption { given, waves: None };
    };
    if items.len() > MAX_WAVES {
        ctx.error(
            &entry.node.loc,
            "adoption.waves",
            format!("expected at most {MAX_WAVES} waves, found {}", items.len()),
            "merge the waves of the same month into one (engineers add up, and may be fractional)"
                .to_string(),
        );
        return WrittenAdoption { given, waves: None };
    }
    let waves = items.iter().filter_map(|item| wave(ctx, item)).collect();
    WrittenAdoption {
        given,
        waves: Some((waves, entry.node.loc.clone())),
    }
}

fn wave(ctx: &mut Ctx, item: &Node) -> Option<WrittenWave> {
    let Value::Table(t) = &item.value else {
        ctx.error(
            &item.loc,
            "adoption.waves",
            format!(
                "expected a wave {{ month = \"YYYY-MM\", engineers = N }}, found {}",
                item.value.describe()
            ),
            "write each wave as { month = \"2027-03\", engineers = 6 }".to_string(),
        );
        return None;
    };
    unknown_keys(
        ctx,
        t,
        &["month", "engineers"],
        "adoption.waves",
        "unknown key in a wave",
        |_| "a wave has only `month` and `engineers`".to_string(),
    );
    let month = match t.get("month") {
        Some(e) => month(ctx, &e.node, "adoption.waves.month"),
        None => {
            ctx.error(
                &item.loc,
                "adoption.waves.month",
                "a wave needs `month`",
                "add month = \"YYYY-MM\": the month these engineers start working in Rust"
                    .to_string(),
            );
            None
        }
    };
    let engineers = match t.get("engineers") {
        Some(e) => fixed_number(
            ctx,
            e,
            "adoption.waves.engineers",
            &Domain::at_least(Decimal::ZERO),
            "how many of the current team switch to Rust in this wave, e.g. engineers = 6",
        ),
        None => {
            ctx.error(
                &item.loc,
                "adoption.waves.engineers",
                "a wave needs `engineers`",
                "add engineers = N: how many of the current team switch that month".to_string(),
            );
            None
        }
    };
    Some(WrittenWave {
        month,
        engineers,
        loc: item.loc.clone(),
    })
}

/// The waves as month indexes t_k (MODEL.md §2): none before the start (error),
/// one at or past the end earns a warning, and together they hold at most
/// `team.engineers`, compared exactly.
pub(super) fn place_waves(
    ctx: &mut Ctx,
    written: WrittenAdoption,
    engineers: Decimal,
    horizon: &Horizon,
) -> Vec<Wave> {
    let Some((written, list_loc)) = written.waves else {
        return vec![Wave {
            month: 0,
            engineers,
        }];
    };
    let start = horizon.start;
    let mut waves = Vec::with_capacity(written.len());
    let mut sum = Decimal::ZERO;
    let mut complete = true;
    for w in written {
        let (Some(ym), Some(e)) = (w.month, w.engineers) else {
            complete = false;
            continue;
        };
        let t = ym.months_since(start);
        if t < 0 {
            ctx.error(
                &w.loc,
                "adoption.waves.month",
                format!("wave in {ym} is before the scenario starts ({start})"),
                format!(
                    "waves start in {start} or later; engineers who already work in Rust belong in team.know_rust"
                ),
            );
            complete = false;
            continue;
        }
        if ym >= horizon.end {
            ctx.warn(
                &w.loc,
                "adoption.waves.month",
                format!(
                    "wave in {ym} is at or after the end of the horizon ({}); it adds no cost within the horizon",
                    horizon.end.plus(-1)
                ),
                "raise scenario.months to include it, or remove it".to_string(),
            );
        }
        // 1e12 engineers at most per wave and 100 waves: the sum fits.
        sum += e;
        waves.push(Wave {
            month: t,
            engineers: e,
        });
    }
    if complete && sum > engineers {
        ctx.error(
            &list_loc,
            "adoption.waves",
            format!(
                "the waves hold {} engineers in all, more than the {} of team.engineers",
                group_thousands(&sum.normalize().to_string()),
                group_thousands(&engineers.normalize().to_string())
            ),
            "waves move engineers of the current team; lower them, or raise team.engineers (new people belong in hiring.plan)"
                .to_string(),
        );
    }
    waves
}
