//! No panic on any input: scenarios generated from a small grammar
//! (`grammar.rs`), then edited the way chat and scripts edit text, and `--set`
//! flags generated from the same grammar, each run through `adoptcost run`.
//! Every case must end in results (well-formed CSV files with finite plain
//! numbers and no formula-like text, a workbook, located warnings) or in a
//! located refusal that writes nothing: never a panic, a hang or exit 1.
//!
//! The cases are seeded and bounded, so `cargo test` is repeatable and quick;
//! to explore others, change the seed given to `runner`. `fuzz/` checks the
//! same promises on arbitrary bytes, in-process.

use std::cell::Cell;

use proptest::prelude::*;

use super::grammar::{
    NAMES, apply, month, mutation, opening, pick, runner, scenario_text, toml_string, uncertain,
};
use crate::support::csv::assert_safe_and_finite;
use crate::support::images::RUN_CHARTS;
use crate::support::{OUT, Outcome, TINY, Test, files_in};

/// The file each case is written to; every message must name it.
const FILE: &str = "fuzzed.toml";

/// A small valid scenario with a plan, a cost and ranges, for the `--set`
/// cases (the same as `fuzz/src/exercise.rs`'s).
const VALID: &str = r#"
[scenario]
name = "Fuzzed base"
start = "2027-01"
months = 12
discount_rate = 0.05

[team]
engineers = 6
salary = [100000, 140000]
retention_raise = { low = 0, mode = 0.02, high = 0.05, dist = "pert" }

[hiring]
plan = [{ month = "2027-03", count = 2 }, { month = "2027-08", count = 0.5 }]

[ramp]
months = { low = 2, high = 7, dist = "lognormal" }

[builds]
size = "medium"
ci_builds_per_day = { low = 10, high = 40, dist = "normal" }
holidays = ["2027-12-24"]

[[costs]]
name = "training"
amount = [8000, 12000]
month = "2027-02"

[[costs]]
name = "licences"
amount = 300
from = "2027-01"
per_engineer = true

[benefits]
from = "2027-06"
infra_per_month = 500
"#;

/// How much of the pipeline a case runs; the workbook is always built.
#[derive(Clone, Copy)]
struct Options {
    /// Monte Carlo trials, all written to `samples.csv`.
    samples: u32,
    /// Also draw every chart, as PNG and SVG, at the smallest size.
    charts: bool,
}

const PROPERTY_RUNS: Options = Options {
    samples: 16,
    charts: false,
};

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// The scenario was refused by validation.
    Invalid,
    /// Valid, but computing it overflowed: refused with a message.
    Refused,
    /// Every file was written.
    Computed,
}

/// Runs `adoptcost run` on `text` with `--set` flags and checks every promise
/// of docs/bad-input.md on what it did.
fn exercise(text: &str, sets: &[String], options: Options) -> Ending {
    let samples = options.samples.to_string();
    let mut test = Test::new().file(FILE, text).args([
        "run",
        FILE,
        "--out",
        OUT,
        "--samples",
        samples.as_str(),
        "--seed",
        "7",
        "--export-samples",
        "--xlsx",
        "--quiet",
    ]);
    test = if options.charts {
        test.args(["--svg", "--chart-size", "320x240"])
    } else {
        test.arg("--no-charts")
    };
    // Exit 1 (a runtime failure on valid input) or 101 (a panic) fails here.
    let run = test
        .args(sets.iter().map(|s| format!("--set={s}")))
        .status_in(&[0, 2])
        .run();
    if run.status == Some(2) {
        return refusal(&run);
    }
    for warning in run.stderr.lines().filter(|l| l.starts_with("warning: ")) {
        run.check(
            located(&warning["warning: ".len()..]),
            format!("unlocated or empty warning: {warning}"),
        );
    }
    let files = files_in(&run.result_dir());
    let mut expected = vec![
        "monthly.csv".to_string(),
        "summary.csv".to_string(),
        "sensitivity.csv".to_string(),
        "bands.csv".to_string(),
        "samples.csv".to_string(),
        "model.xlsx".to_string(),
    ];
    if options.charts {
        expected.extend(
            RUN_CHARTS
                .iter()
                .flat_map(|c| [format!("{c}.png"), format!("{c}.svg")]),
        );
    }
    for name in &expected {
        run.check(files.contains_key(name), format!("{name} was not written"));
    }
    for (name, bytes) in &files {
        if name.ends_with(".csv") {
            assert_safe_and_finite(name, bytes);
        } else {
            run.check(!bytes.is_empty(), format!("{name} is empty"));
        }
    }
    run.check(
        files["model.xlsx"].starts_with(b"PK"),
        "model.xlsx is not a zip file",
    );
    Ending::Computed
}

/// A message that names the file (and so a line and column, or a `--set`
/// flag) and says something after it.
fn located(message: &str) -> bool {
    message.strip_prefix(FILE).is_some_and(|rest| {
        rest.split_once(": ")
            .is_some_and(|(_, said)| !said.trim().is_empty())
    })
}

/// A refused case: exit 2, nothing written, every message located.
fn refusal(run: &Outcome) -> Ending {
    run.nothing_written();
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .collect();
    run.check(!errors.is_empty(), "a refusal without a message");
    for error in &errors {
        run.check(
            located(error),
            format!("unlocated or empty message: {error}"),
        );
    }
    // What computing (not validating) refuses: MODEL.md §4's overflow, and a
    // sampled figure that is not finite.
    let computing = [
        format!("{FILE}: the figures overflow while computing"),
        format!("{FILE}: sampling gave"),
    ];
    if errors.len() == 1 && computing.iter().any(|c| errors[0].starts_with(c.as_str())) {
        Ending::Refused
    } else {
        Ending::Invalid
    }
}

/// Counts how the cases ended, so that a generator that stopped producing
/// valid scenarios (or invalid ones) is noticed.
#[derive(Default)]
struct Tally {
    invalid: Cell<u32>,
    refused: Cell<u32>,
    computed: Cell<u32>,
}

impl Tally {
    fn add(&self, ending: Ending) {
        let cell = match ending {
            Ending::Invalid => &self.invalid,
            Ending::Refused => &self.refused,
            Ending::Computed => &self.computed,
        };
        cell.set(cell.get() + 1);
    }
}

#[test]
fn generated_and_mutated_scenarios_never_panic_and_write_only_finite_safe_cells() {
    // Half the scenarios as generated, half edited once or twice.
    let edits = prop_oneof![
        Just(Vec::new()),
        proptest::collection::vec(mutation(), 1..3),
    ];
    let strategy = (scenario_text(), edits);
    let tally = Tally::default();
    let result = runner(200, 0x005e_eda0_c057).run(&strategy, |(text, mutations)| {
        let text = mutations.iter().fold(text, |t, m| apply(&t, m));
        tally.add(exercise(&text, &[], PROPERTY_RUNS));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // The grammar must keep reaching both the model and the refusals.
    let (invalid, refused, computed) = (
        tally.invalid.get(),
        tally.refused.get(),
        tally.computed.get(),
    );
    eprintln!("{invalid} invalid, {refused} refused, {computed} computed");
    assert!(
        computed >= 40 && invalid >= 40,
        "too one-sided: {invalid} invalid, {refused} refused, {computed} computed"
    );
}

/// Every key `--set` accepts, a few it does not, and the cost keys of
/// [`VALID`].
const SET_KEYS: &[&str] = &[
    "scenario.name",
    "scenario.start",
    "scenario.months",
    "scenario.currency",
    "scenario.discount_rate",
    "team.engineers",
    "team.salary",
    "team.overhead",
    "team.know_rust",
    "team.retention_raise",
    "team.value_multiplier",
    "hiring.plan",
    "hiring.days_to_hire",
    "hiring.multiplier",
    "hiring.premium",
    "hiring.fee",
    "hiring.know_rust",
    "ramp.months",
    "ramp.start_productivity",
    "ramp.steady_productivity",
    "ramp.mentoring",
    "builds.size",
    "builds.clean_minutes",
    "builds.hours_per_day",
    "builds.holidays",
    "builds.ci_cost_per_minute",
    "benefits.from",
    "benefits.incident_cost",
    "costs.training",
    "costs.training.amount",
    "costs.TRAINING.month",
    "costs.licences.per_engineer",
    "costs.licences.to",
    "costs.nope",
    "team.salry",
    "a.b.c",
    "team",
    "costs",
];

#[test]
fn generated_set_values_never_panic() {
    let value = prop_oneof![
        6 => uncertain(0.0, 1.0),
        1 => uncertain(0.0, 1e6),
        1 => pick(NAMES).prop_map(|n| toml_string(&n)),
        1 => month(),
        1 => opening().prop_map(|o| format!("[{o}]")),
        1 => "\\PC{0,24}",
    ];
    let strategy = (proptest::sample::select(SET_KEYS), value);
    let tally = Tally::default();
    let result = runner(120, 0x05e7_05e7).run(&strategy, |(key, value)| {
        tally.add(exercise(VALID, &[format!("{key}={value}")], PROPERTY_RUNS));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "{} invalid, {} refused, {} computed",
        tally.invalid.get(),
        tally.refused.get(),
        tally.computed.get()
    );
    assert!(
        tally.computed.get() >= 20 && tally.invalid.get() >= 20,
        "too one-sided: {} invalid, {} computed",
        tally.invalid.get(),
        tally.computed.get()
    );
}

/// Scenarios at the edges the charts must also draw: nothing at all, one
/// month, only savings, figures near the 1e20 limit, a plan beyond the horizon.
#[test]
fn extreme_valid_scenarios_are_computed_and_charted_or_refused_with_a_message() {
    let cases = [
        format!("{TINY}salary = 1\n"),
        "[scenario]\nname = \"One\"\nstart = \"2027-01\"\nmonths = 1\n[team]\nengineers = 0\nsalary = 1\n".to_string(),
        format!("{TINY}[ramp]\nsteady_productivity = 5\nmonths = 0\n[builds]\nclean_minutes = 0\nincremental_minutes = 0\n[benefits]\ninfra_per_month = 1e12\n"),
        "[scenario]\nname = \"Huge\"\nstart = \"2027-01\"\nmonths = 600\n[team]\nengineers = 1e6\nsalary = 1e12\nvalue_multiplier = 20\n[hiring]\nplan = [{ month = \"2070-01\", count = 1e6 }]\n".to_string(),
        "[scenario]\nname = \"Overflow\"\nstart = \"2027-01\"\nmonths = 600\n[team]\nengineers = 1e12\nsalary = 1e12\nvalue_multiplier = 20\n".to_string(),
        format!("{TINY}[hiring]\nplan = [{{ month = \"9000-12\", count = 1e12 }}]\ndays_to_hire = 1e12\nmultiplier = 1e12\n"),
        format!("{TINY}[ramp]\nmonths = {{ low = 1e-28, high = 60, dist = \"lognormal\" }}\n[builds]\nci_builds_per_day = {{ low = 0.001, high = 1e12, dist = \"lognormal\" }}\nci_cost_per_minute = {{ low = 0, high = 1e12, dist = \"normal\" }}\n"),
    ];
    let options = Options {
        samples: 64,
        charts: true,
    };
    let endings: Vec<Ending> = cases
        .iter()
        .map(|text| exercise(text, &[], options))
        .collect();
    assert!(
        endings.contains(&Ending::Computed) && endings.contains(&Ending::Refused),
        "{endings:?}"
    );
}
