//! `adoptcost assumptions`: the defaults and where they come from, with the
//! contested figures and the project's own assumptions flagged (MODEL.md §6).

use crate::support::Test;

#[test]
fn assumptions_flag_contested_figures_and_project_assumptions() {
    let run = Test::new().arg("assumptions").run();
    let line = |input: &str| {
        run.stdout
            .lines()
            .find(|l| l.starts_with(input))
            .unwrap_or_else(|| run.fail(format!("no line for {input}")))
    };
    run.check(
        line("hiring.premium").contains("[CONTESTED]"),
        "hiring.premium is contested (MODEL.md §6)",
    );
    for input in [
        "builds.lost_share",
        "ramp.start_productivity",
        "ramp.mentoring",
        "hiring.know_rust",
    ] {
        run.check(
            line(input).contains("[PROJECT ASSUMPTION]"),
            format!("{input} is a project assumption (MODEL.md §6)"),
        );
    }
    for input in [
        "ramp.months",
        "hiring.multiplier",
        "hiring.days_to_hire",
        "hiring.fee",
        "team.overhead",
        "builds.ci_cost_per_minute",
        "ramp.steady_productivity",
        "benefits.incident_reduction",
    ] {
        line(input);
    }
}
