//! The built-in uncertain inputs of every section (MODEL.md §1 table): each is
//! read as written or takes its default, then gets its base value.

use crate::scenario::InputValue;
use crate::scenario::source::Loc;
use crate::scenario::spec::{BUILTIN_INPUTS, BuildPreset, DefaultValue, INPUTS, InputSpec};

use super::context::Ctx;
use super::distribution::{input_value, uncertain};
use super::keys::Sections;

/// Every built-in input, in `INPUTS` order; `None` where one is missing or
/// broken (reported). `top` is where a missing section's key is reported.
pub(super) fn builtin_inputs(
    ctx: &mut Ctx,
    sections: &Sections,
    preset: Option<&BuildPreset>,
    top: &Loc,
) -> Vec<Option<InputValue>> {
    let mut inputs = Vec::with_capacity(BUILTIN_INPUTS);
    for spec in &INPUTS {
        let table = sections.table(spec.section);
        let dotted = spec.dotted();
        let value = match table.get(spec.key) {
            Some(entry) => uncertain(ctx, &entry.node, &dotted, &spec.domain),
            None if spec.default == DefaultValue::Required => {
                ctx.error(
                    &sections.location(spec.section, top),
                    &dotted,
                    format!("is required in [{}]", spec.section),
                    example_for(spec),
                );
                None
            }
            None => spec.default_value(preset),
        };
        let loc = table
            .get(spec.key)
            .map_or(Loc::Default, |e| e.node.loc.clone());
        inputs.push(value.and_then(|v| {
            input_value(
                ctx,
                &loc,
                dotted,
                spec.label.to_string(),
                spec.unit,
                v,
                spec.domain,
            )
        }));
    }
    inputs
}

fn example_for(spec: &InputSpec) -> String {
    match spec.key {
        "salary" => "add e.g. salary = 150000 (annual base salary of one engineer)".to_string(),
        _ => format!("add {} = ...", spec.key),
    }
}
