//! Scenario names never lead outside the output folder given by `--out`
//! (docs/bad-input.md): the folder of a scenario is its name's slug only.

use crate::support::{OUT, SCENARIO, TINY, Test, names_in};

#[test]
fn scenario_names_never_lead_outside_the_output_folder() {
    for (name, slug) in [
        ("../../escaped", "escaped"),
        ("/etc/passwd", "etc-passwd"),
        ("..", "scenario"),
        ("C:\\\\Windows\\\\System32", "c-windows-system32"),
        ("~/x", "x"),
        ("名前", "scenario"),
        ("a/../../../b", "a-b"),
    ] {
        let run = Test::new()
            .scenario(&TINY.replace("\"Tiny\"", &format!("\"{name}\"")))
            .base_case()
            .run();
        assert_eq!(names_in(&run.path().join(OUT)), [slug], "{name}");
        assert_eq!(
            names_in(run.path()),
            [OUT, SCENARIO],
            "{name}: written outside --out"
        );
    }
}
