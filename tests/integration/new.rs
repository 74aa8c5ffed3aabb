//! `adoptcost new`: writes the template (docs/template.toml, which the
//! examples test runs) and never overwrites a file.

use crate::support::{Test, repo};

#[test]
fn new_writes_a_template_that_check_accepts() {
    let run = Test::new().args(["new", "plans/team.toml"]).run();
    run.stdout_has("wrote plans/team.toml");
    let written = std::fs::read(run.path().join("plans/team.toml"))
        .unwrap_or_else(|e| run.fail(format!("cannot read the template: {e}")));
    let template = std::fs::read(repo().join("docs/template.toml"))
        .unwrap_or_else(|e| run.fail(format!("cannot read docs/template.toml: {e}")));
    run.check(
        written == template,
        "`new` should write docs/template.toml (which the examples test runs)",
    );
    run.again()
        .args(["check", "plans/team.toml"])
        .run()
        .stdout_has("ok: plans/team.toml");
}

#[test]
fn new_refuses_to_overwrite() {
    let run = Test::new()
        .file("team.toml", "# keep me\n")
        .args(["new", "team.toml"])
        .status(2)
        .run();
    run.nothing_written()
        .stderr_has("error: team.toml already exists");
    let kept = std::fs::read_to_string(run.path().join("team.toml")).unwrap_or_default();
    run.check(
        kept == "# keep me\n",
        "the existing file must be left alone",
    );
}

#[test]
fn new_without_a_path_writes_scenarios_my_team_toml_and_says_what_next() {
    let run = Test::new()
        .arg("new")
        .stdout("wrote scenarios/my-team.toml\nedit it, then run: adoptcost run scenarios/my-team.toml\n")
        .run();
    run.check(
        run.path().join("scenarios/my-team.toml").is_file(),
        "scenarios/my-team.toml was not written",
    );
}
