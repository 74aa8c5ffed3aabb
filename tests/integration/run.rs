//! `adoptcost run`: what a run writes and keeps, and how `--set` and the
//! forms of an uncertain value change its figures.

use std::fs;

use crate::support::{Csv, Outcome, RANGED, TINY, Test};

#[test]
fn a_later_run_removes_outputs_it_no_longer_writes_but_keeps_other_files() {
    let first = Test::new()
        .scenario(RANGED)
        .args([
            "run",
            "scenario.toml",
            "--out",
            "out",
            "--samples",
            "200",
            "--svg",
        ])
        .run();
    let dir = first.result_dir();
    assert!(dir.join("bands.csv").exists() && dir.join("tornado.svg").exists());
    fs::write(dir.join("sweep.csv"), "kept\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("notes.txt"), "mine\n").unwrap_or_else(|e| panic!("{e}"));
    let second = first
        .again()
        .args([
            "run",
            "scenario.toml",
            "--out",
            "out",
            "--samples",
            "0",
            "--no-charts",
        ])
        .run();
    let dir = second.result_dir();
    for gone in ["bands.csv", "tornado.png", "tornado.svg", "cumulative.png"] {
        assert!(
            !dir.join(gone).exists(),
            "{gone} from the earlier run is still there"
        );
    }
    for kept in [
        "monthly.csv",
        "summary.csv",
        "sensitivity.csv",
        "sweep.csv",
        "notes.txt",
    ] {
        assert!(dir.join(kept).exists(), "{kept} was removed");
    }
}

// --set

/// A scenario in which the premium and the ramp both matter: one learner and
/// one hire, who arrives inside the twelve months.
fn hiring_scenario() -> String {
    TINY.replace("months = 3", "months = 12")
        + "[hiring]\nplan = [{ month = \"2027-01\", count = 1 }]\n"
}

fn summary_with(sets: &[&str]) -> (Outcome, Csv) {
    let mut test = Test::new().scenario(&hiring_scenario()).base_case();
    for set in sets {
        test = test.args(["--set", set]);
    }
    let run = test.run();
    let summary = run.summary();
    (run, summary)
}

#[test]
fn set_ramp_months_to_a_range_changes_the_result() {
    let (_, plain) = summary_with(&[]);
    let (run, set) = summary_with(&["ramp.months=[2,4]"]);
    run.check(
        plain.base("ramp") != set.base("ramp") && plain.base("total") != set.base("total"),
        format!(
            "ramp.months=[2,4] should change ramp and total: {} / {} without, {} / {} with",
            plain.base("ramp"),
            plain.base("total"),
            set.base("ramp"),
            set.base("total")
        ),
    );
    // [2, 4] is read as a range whose base value is 3.
    let (run, three) = summary_with(&["ramp.months=3"]);
    run.check(
        three.bytes == set.bytes,
        "ramp.months=[2,4] should give the base case of ramp.months=3",
    );
}

#[test]
fn set_hiring_premium_changes_the_result() {
    let (_, plain) = summary_with(&[]);
    let (run, set) = summary_with(&["hiring.premium=0.35"]);
    run.check(
        plain.base("salary_premium") != set.base("salary_premium")
            && plain.base("total") != set.base("total"),
        format!(
            "hiring.premium=0.35 should change salary_premium and total: {} / {} without, {} / {} with",
            plain.base("salary_premium"),
            plain.base("total"),
            set.base("salary_premium"),
            set.base("total")
        ),
    );
    // The default [0.20, 0.30] has base value 0.25.
    let (run, base) = summary_with(&["hiring.premium=0.25"]);
    run.check(
        base.bytes == plain.bytes,
        "hiring.premium=0.25 should give the default's base case",
    );
}

#[test]
fn set_cost_amount_overrides_that_cost() {
    let run = Test::new()
        .scenario(&format!(
            "{TINY}[[costs]]\nname = \"training\"\namount = 100\nmonth = \"2027-01\"\n"
        ))
        .base_case()
        .args(["--set", "costs.training.amount=250"])
        .run();
    run.base_is(&run.summary(), "training", "250.00");
}

// Forms of an uncertain value.

#[test]
fn explicit_uniform_gives_the_base_case_of_a_range() {
    let table = Test::new()
        .scenario(&format!(
            "{TINY}[hiring]\npremium = {{ low = 0.2, high = 0.3, dist = \"uniform\" }}\nplan = [{{ month = \"2027-01\", count = 1 }}]\n",
        ))
        .base_case()
        .run();
    let array = Test::new()
        .scenario(&format!(
            "{TINY}[hiring]\npremium = [0.2, 0.3]\nplan = [{{ month = \"2027-01\", count = 1 }}]\n",
        ))
        .base_case()
        .run();
    table.check(
        table.summary().bytes == array.summary().bytes,
        "dist = \"uniform\" should give the summary of [0.2, 0.3]",
    );
}

#[test]
fn one_month_is_singular_in_the_drivers_list() {
    let run = Test::new()
        .scenario(RANGED)
        .base_case()
        .args(["--set", "ramp.months=[1,3]"])
        .run();
    run.stdout_has("(1 month to 3 months)");
}
