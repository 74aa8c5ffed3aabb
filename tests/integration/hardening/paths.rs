//! Scenario names never lead outside the output folder given by `--out`
//! (docs/bad-input.md): the folder of a scenario is its name's slug only;
//! names in other scripts are transliterated, and different names never
//! share a folder.

use crate::support::{OUT, SCENARIO, TINY, Test, names_in};

/// Runs TINY named `name` and returns the one folder written under `out/`.
fn folder_of(name: &str) -> String {
    let run = Test::new()
        .scenario(&TINY.replace("\"Tiny\"", &format!("\"{name}\"")))
        .base_case()
        .run();
    let folders = names_in(&run.path().join(OUT));
    assert_eq!(folders.len(), 1, "{name}: {folders:?}");
    assert_eq!(
        names_in(run.path()),
        [OUT, SCENARIO],
        "{name}: written outside --out"
    );
    folders.into_iter().next().unwrap_or_default()
}

#[test]
fn scenario_names_never_lead_outside_the_output_folder() {
    for (name, slug) in [
        ("../../escaped", "escaped"),
        ("/etc/passwd", "etc-passwd"),
        ("C:\\\\Windows\\\\System32", "c-windows-system32"),
        ("~/x", "x"),
        ("a/../../../b", "a-b"),
    ] {
        assert_eq!(folder_of(name), slug, "{name}");
    }
    let dots = folder_of("..");
    assert!(
        dots.starts_with("scenario-") && !dots.contains('.'),
        "..: {dots}"
    );
}

#[test]
fn names_in_other_scripts_get_readable_folders_and_different_names_never_share_one() {
    for (name, slug) in [
        ("名前", "ming-qian"),
        ("Équipe Zürich", "equipe-zurich"),
        ("Команда", "komanda"),
    ] {
        assert_eq!(folder_of(name), slug, "{name}");
    }
    // Nothing readable left: `scenario-` and a hash of the name, the same
    // from run to run, different from name to name.
    let unreadable: Vec<String> = ["...", "!!!", "¿?"].iter().map(|n| folder_of(n)).collect();
    for (i, slug) in unreadable.iter().enumerate() {
        assert!(
            slug.starts_with("scenario-") && slug.len() == "scenario-".len() + 8,
            "{slug}"
        );
        assert!(!unreadable[..i].contains(slug), "{slug} twice");
    }
    assert_eq!(folder_of("..."), unreadable[0]);
}
