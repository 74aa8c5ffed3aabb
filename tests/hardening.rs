//! Hardening (docs/bad-input.md): no panic on any input, limits refused with
//! a clear message, nothing lost or half-written, CSV files safe to open in a
//! spreadsheet, output only inside `--out`.
//!
//! The property tests generate scenarios from a small grammar of plausible and
//! extreme values, mutate their text, and push each through the whole pipeline
//! with the checks of `fuzz/src/exercise.rs` (the fuzz targets use the same
//! file). They are seeded and bounded, so `cargo test` is repeatable and quick.

mod common;
// The fuzz targets use `Options::for_input`; the tests choose their own.
#[allow(dead_code)]
#[path = "../fuzz/src/exercise.rs"]
mod exercise;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use adoptcost::app;
use adoptcost::export::csv::Stats;
use adoptcost::sample::Sampled;
use adoptcost::scenario::{Override, load_str};
use common::{OUT, SCENARIO, TINY, Test};
use exercise::{Options, Outcome};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestRunner};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_adoptcost"))
}

// ---------------------------------------------------------------------------
// 1. No panic on any input: generated and mutated scenarios, --set values.

/// Seeded and bounded: the same cases on every run, quick in a debug build.
fn runner(cases: u32, seed: u64) -> TestRunner {
    TestRunner::new(Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    })
}

fn pick(options: &'static [&'static str]) -> BoxedStrategy<String> {
    proptest::sample::select(options)
        .prop_map(str::to_string)
        .boxed()
}

/// Numbers nobody should write, and some that are only just allowed.
const EXTREMES: &[&str] = &[
    "0",
    "-1",
    "1e12",
    "-1e12",
    "1e13",
    "999999999999.999",
    "1e-28",
    "0.000000000000001",
    "nan",
    "+inf",
    "-inf",
    "1e400",
    "123456789012345678",
    "0.1234567890123456",
    "\"1e12\"",
    "\"12.5\"",
    "\"abc\"",
    "true",
    "\"\"",
    "{}",
    "[]",
    "1979-05-27",
    "600",
    "601",
];

/// A number between `lo` and `hi` with up to three decimals.
fn plain(lo: f64, hi: f64) -> BoxedStrategy<String> {
    (lo..=hi)
        .prop_map(|x| {
            let s = format!("{x:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        })
        .boxed()
}

/// A value of an uncertain input: mostly inside its domain `lo..=hi`, in
/// every form MODEL.md §1 allows (ranges ordered, mode between).
fn uncertain(lo: f64, hi: f64) -> BoxedStrategy<String> {
    let triple = (lo..=hi, lo..=hi, lo..=hi).prop_map(|(a, b, c)| {
        let mut v = [a, b, c];
        v.sort_by(f64::total_cmp);
        v.map(|x| {
            let s = format!("{x:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        })
    });
    prop_oneof![
        12 => plain(lo, hi),
        1 => pick(EXTREMES),
        4 => triple.clone().prop_map(|[a, _, c]| format!("[{a}, {c}]")),
        2 => (triple.clone(), pick(&["\"triangular\"", "\"pert\""]))
            .prop_map(|([a, m, c], d)| format!("{{ low = {a}, mode = {m}, high = {c}, dist = {d} }}")),
        2 => (triple, pick(&["\"uniform\"", "\"normal\"", "\"lognormal\""]))
            .prop_map(|([a, _, c], d)| format!("{{ low = {a}, high = {c}, dist = {d} }}")),
    ]
    .boxed()
}

/// Mostly `usual`, now and then one of `odd`.
fn mostly(usual: &'static [&'static str], odd: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![20 => pick(usual), 1 => pick(odd)].boxed()
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Names people, chat programs and scripts produce, including formula-like
/// ones and paths.
const NAMES: &[&str] = &[
    "Team A",
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTab",
    "\rReturn",
    "../../etc/passwd",
    "/abs/path",
    "C:\\Windows\\x",
    "..",
    "名前 チーム",
    "Ünïcödé ☃",
    " ",
    "a,b;\"c\"\nd",
    "total",
    "Training",
];

/// Names that are fine as cost names too (formula-like ones above all).
const COST_NAMES: &[&str] = &[
    "training",
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTab",
    "a,b;\"c\"\nd",
    "名前 チーム",
];

fn cost_name() -> BoxedStrategy<String> {
    mostly(
        COST_NAMES,
        &[
            " ",
            "total",
            "Training",
            "NPV",
            "x234567890123456789012345678901234567890123456789012345678901",
        ],
    )
}

const MONTHS: &[&str] = &[
    "\"2027-01\"",
    "\"2027-02\"",
    "\"2027-06\"",
    "\"2028-12\"",
    "\"2077-01\"",
];
const ODD_MONTHS: &[&str] = &[
    "\"2026-12\"",
    "\"1899-12\"",
    "\"9000-12\"",
    "\"2027-13\"",
    "2027-03-01",
    "\"2027-3\"",
    "202701",
];

fn month() -> BoxedStrategy<String> {
    mostly(MONTHS, ODD_MONTHS)
}

fn opening() -> BoxedStrategy<String> {
    (
        month(),
        prop_oneof![12 => plain(0.0, 5.0), 1 => pick(EXTREMES)],
    )
        .prop_map(|(m, c)| format!("{{ month = {m}, count = {c} }}"))
        .boxed()
}

fn cost() -> BoxedStrategy<String> {
    let schedule = prop_oneof![
        month().prop_map(|m| format!("month = {m}")),
        month().prop_map(|m| format!("from = {m}")),
        (month(), month()).prop_map(|(a, b)| format!("from = {a}\nto = {b}")),
    ];
    (
        cost_name(),
        uncertain(0.0, 50_000.0),
        schedule,
        any::<bool>(),
    )
        .prop_map(|(name, amount, schedule, per_engineer)| {
            format!(
                "[[costs]]\nname = {}\namount = {amount}\n{schedule}\nper_engineer = {per_engineer}\n",
                toml_string(&name)
            )
        })
        .boxed()
}

/// `key = value` or nothing, half the time each.
fn maybe(key: &'static str, value: BoxedStrategy<String>) -> BoxedStrategy<String> {
    proptest::option::of(value)
        .prop_map(move |v| v.map_or_else(String::new, |v| format!("{key} = {v}\n")))
        .boxed()
}

/// A scenario as a planner or a script writes one: sections in any state of
/// completeness, values mostly plausible, sometimes extreme.
fn scenario_text() -> BoxedStrategy<String> {
    let header = (
        pick(NAMES),
        prop_oneof![20 => Just("\"2027-01\"".to_string()), 1 => month()],
        prop_oneof![
            20 => (1u32..=36).prop_map(|m| m.to_string()),
            1 => pick(&["600", "601", "0", "-1", "24.5", "\"24\""]),
        ],
        maybe(
            "currency",
            mostly(&["\"USD\"", "\"EUR\""], &["\"eur\"", "\"€\""]),
        ),
        maybe(
            "discount_rate",
            prop_oneof![20 => plain(0.0, 0.2), 1 => pick(EXTREMES)].boxed(),
        ),
    )
        .prop_map(|(name, start, months, currency, rate)| {
            format!(
                "[scenario]\nname = {}\nstart = {start}\nmonths = {months}\n{currency}{rate}",
                toml_string(&name)
            )
        });
    let team = (
        prop_oneof![20 => plain(0.0, 40.0), 1 => pick(EXTREMES)],
        uncertain(50_000.0, 300_000.0),
        maybe("overhead", uncertain(0.0, 3.0)),
        maybe("know_rust", uncertain(0.0, 1.0)),
        maybe("retention_raise", uncertain(0.0, 0.5)),
        maybe("value_multiplier", uncertain(0.0, 20.0)),
    )
        .prop_map(|(e, salary, o, k, r, v)| {
            format!("[team]\nengineers = {e}\nsalary = {salary}\n{o}{k}{r}{v}")
        });
    let hiring = (
        proptest::collection::vec(opening(), 0..4),
        maybe("days_to_hire", uncertain(0.0, 120.0)),
        maybe("multiplier", uncertain(0.0, 4.0)),
        maybe("premium", uncertain(0.0, 1.0)),
        maybe("fee", uncertain(0.0, 0.5)),
        maybe("know_rust", uncertain(0.0, 1.0)),
    )
        .prop_map(|(plan, d, m, p, f, k)| {
            format!("[hiring]\nplan = [{}]\n{d}{m}{p}{f}{k}", plan.join(", "))
        });
    let ramp = (
        maybe("months", uncertain(0.0, 12.0)),
        maybe("start_productivity", uncertain(0.0, 1.0)),
        maybe("steady_productivity", uncertain(0.1, 5.0)),
        maybe("mentoring", uncertain(0.0, 1.0)),
    )
        .prop_map(|(a, b, c, d)| format!("[ramp]\n{a}{b}{c}{d}"));
    let builds = (
        maybe(
            "size",
            mostly(
                &["\"small\"", "\"medium\"", "\"large\""],
                &["\"huge\"", "1"],
            ),
        ),
        maybe("clean_minutes", uncertain(0.0, 60.0)),
        maybe("incremental_minutes", uncertain(0.0, 5.0)),
        maybe("ci_builds_per_day", uncertain(0.0, 100.0)),
        maybe("lost_share", uncertain(0.0, 3.0)),
        maybe(
            "hours_per_day",
            mostly(&["8", "1", "24", "7.5"], &["0", "25", "[6, 9]"]),
        ),
        maybe(
            "holidays",
            mostly(
                &["[\"2027-12-25\"]", "[2027-01-01, \"2027-05-01\"]", "[]"],
                &["[\"2027-02-30\"]", "\"x\"", "[2027-01-01T10:00:00]"],
            ),
        ),
    )
        .prop_map(|(a, b, c, d, e, f, g)| format!("[builds]\n{a}{b}{c}{d}{e}{f}{g}"));
    let benefits = (
        maybe("from", month()),
        maybe("infra_per_month", uncertain(0.0, 10_000.0)),
        maybe("incidents_per_month", uncertain(0.0, 5.0)),
        maybe("incident_cost", uncertain(0.0, 100_000.0)),
    )
        .prop_map(|(a, b, c, d)| format!("[benefits]\n{a}{b}{c}{d}"));
    (
        header,
        team,
        proptest::option::weighted(0.7, hiring),
        proptest::option::weighted(0.5, ramp),
        proptest::option::weighted(0.5, builds),
        proptest::option::weighted(0.3, benefits),
        proptest::collection::vec(cost(), 0..3),
    )
        .prop_map(|(h, t, hi, r, b, be, costs)| {
            let mut text = format!("{h}\n{t}\n");
            for section in [hi, r, b, be].into_iter().flatten() {
                text.push_str(&section);
                text.push('\n');
            }
            text.push_str(&costs.concat());
            text
        })
        .boxed()
}

/// An edit of the kind copying from chat or a careless script makes.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index, usize),
    Insert(Index, &'static str),
    DuplicateLine(Index),
    DropLine(Index),
    /// Replaces a number written in the text with an extreme one.
    SwapNumber(Index, &'static str),
}

const INSERTS: &[&str] = &[
    "=",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "\n",
    ",",
    "#",
    "\u{feff}",
    "é",
    "\0",
    "\r\n",
    "\t",
    "[[costs]]\n",
    "[team]\n",
    "months = 600\n",
    "1e12",
    "-",
    ".",
    "_",
    "nan",
];

fn mutation() -> BoxedStrategy<Mutation> {
    prop_oneof![
        (any::<Index>(), 1usize..24).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<Index>(), proptest::sample::select(INSERTS))
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        any::<Index>().prop_map(Mutation::DropLine),
        (any::<Index>(), proptest::sample::select(EXTREMES))
            .prop_map(|(i, s)| Mutation::SwapNumber(i, s)),
    ]
    .boxed()
}

/// The char boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    match m {
        Mutation::Delete(at, n) => {
            let start = boundary(text, at.index(text.len() + 1));
            let end = boundary(text, start + n);
            format!("{}{}", &text[..start], &text[end..])
        }
        Mutation::Insert(at, s) => {
            let i = boundary(text, at.index(text.len() + 1));
            format!("{}{s}{}", &text[..i], &text[i..])
        }
        Mutation::DuplicateLine(at) if !lines.is_empty() => {
            let i = at.index(lines.len());
            let mut out: Vec<&str> = lines.clone();
            out.insert(i, lines[i]);
            out.concat()
        }
        Mutation::DropLine(at) if !lines.is_empty() => {
            let i = at.index(lines.len());
            let mut out = lines.clone();
            out.remove(i);
            out.concat()
        }
        Mutation::SwapNumber(at, extreme) => {
            // Numbers: maximal runs of digits, '.', 'e', '_' starting with a digit.
            let bytes = text.as_bytes();
            let mut numbers = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
                    let start = i;
                    while i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'_') {
                        i += 1;
                    }
                    numbers.push((start, i));
                } else {
                    i += 1;
                }
            }
            if numbers.is_empty() {
                return text.to_string();
            }
            let (start, end) = numbers[at.index(numbers.len())];
            format!("{}{extreme}{}", &text[..start], &text[end..])
        }
        _ => text.to_string(),
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
    fn add(&self, outcome: Outcome) {
        let cell = match outcome {
            Outcome::Invalid => &self.invalid,
            Outcome::Refused => &self.refused,
            Outcome::Computed => &self.computed,
        };
        cell.set(cell.get() + 1);
    }
}

const PROPERTY_SAMPLES: Options = Options {
    samples: 16,
    charts: false,
    xlsx: true,
};

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
        tally.add(exercise::run(&text, &[], PROPERTY_SAMPLES));
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
    assert!(
        computed >= 40 && invalid >= 40,
        "too one-sided: {invalid} invalid, {refused} refused, {computed} computed"
    );
}

/// Every key `--set` accepts, a few it does not, and the cost keys of
/// [`exercise::VALID`].
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
        let flag = format!("{key}={value}");
        if let Ok(set) = Override::parse(&flag) {
            tally.add(exercise::run(exercise::VALID, &[set], PROPERTY_SAMPLES));
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
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
        xlsx: true,
    };
    let outcomes: Vec<Outcome> = cases
        .iter()
        .map(|text| exercise::run(text, &[], options))
        .collect();
    assert!(
        outcomes.contains(&Outcome::Computed) && outcomes.contains(&Outcome::Refused),
        "{outcomes:?}"
    );
}

// ---------------------------------------------------------------------------
// No NaN or infinity is ever written.

#[test]
fn a_non_finite_sampled_figure_is_refused_naming_it_and_its_inputs() {
    let loaded = load_str(
        "t.toml",
        &format!("{TINY}[[costs]]\nname = \"training\"\namount = 5\nmonth = \"2027-01\"\n"),
        &[],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let s = &loaded.scenario;
    let metrics = adoptcost::model::base::Metrics::new(s);
    let finite = Stats {
        mean: 1.0,
        p10: 1.0,
        p50: 1.0,
        p90: 1.0,
    };
    let sampled = |bad: usize, value: f64| Sampled {
        samples: 1,
        seed: 1,
        stats: (0..metrics.len())
            .map(|i| {
                if i == bad {
                    Stats {
                        p90: value,
                        ..finite
                    }
                } else {
                    finite
                }
            })
            .collect(),
        bands: vec![[0.0; 4]; s.months],
        totals: vec![1.0],
    };
    let message = |bad: usize, value: f64| match app::check_finite(s, &sampled(bad, value)) {
        Err(e) => e.to_string(),
        Ok(()) => panic!("{value} in {} was accepted", metrics.names[bad]),
    };
    let ci = metrics
        .index("ci_compute")
        .unwrap_or_else(|| unreachable!());
    let m = message(ci, f64::INFINITY);
    assert!(m.starts_with("t.toml: "), "{m}");
    assert!(
        m.contains("`ci_compute`") && m.contains("builds.ci_builds_per_day"),
        "{m}"
    );
    let training = metrics.index("training").unwrap_or_else(|| unreachable!());
    assert!(message(training, f64::NAN).contains("costs.training"));
    let ramp_em = metrics.index("ramp_em").unwrap_or_else(|| unreachable!());
    assert!(message(ramp_em, f64::NEG_INFINITY).contains("ramp.*"));
    assert!(message(metrics.npv(), f64::NAN).contains("`npv`"));
    let mut band = sampled(usize::MAX, 1.0);
    band.bands[1][2] = f64::NAN;
    let m = app::check_finite(s, &band).map_or_else(|e| e.to_string(), |()| String::new());
    assert!(m.contains("`cumulative_total`"), "{m}");
    assert!(app::check_finite(s, &sampled(usize::MAX, 1.0)).is_ok());
}

#[test]
fn figures_beyond_1e20_are_refused_naming_the_total_and_its_inputs() {
    // 20 one-off costs of 1e12 per engineer for 1e6 engineers: 2e19 each month,
    // 1.2e20 over six months: every cell fits, the totals do not.
    let mut text = "[scenario]\nname = \"Totals\"\nstart = \"2027-01\"\nmonths = 6\n[team]\nengineers = 1e6\nsalary = 1\n".to_string();
    for i in 0..20 {
        text.push_str(&format!(
            "[[costs]]\nname = \"c{i}\"\namount = 1e12\nfrom = \"2027-01\"\nper_engineer = true\n"
        ));
    }
    Test::new()
        .scenario(&text)
        .base_case()
        .status(2)
        .run()
        .stderr_has("error: scenario.toml: the figures overflow while computing `cumulative_total` for month 2027-05: the inputs behind it (the money inputs")
        .nothing_written();
}

// ---------------------------------------------------------------------------
// 2. Limits: refused with a clear message, at once.

/// Runs and checks the exit status 2, the message, and that it was quick.
#[track_caller]
fn refused_quickly(test: Test, message: &str) {
    let started = Instant::now();
    let run = test.status(2).run();
    run.stderr_has(message).nothing_written();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_scenario_file_over_1_mib_is_refused() {
    let big = format!("{TINY}{}", "# padding\n".repeat(110_000));
    refused_quickly(
        Test::new().scenario(&big).base_case(),
        "error: scenario.toml: cannot read the scenario file: it is 1100",
    );
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_instead_of_read_forever() {
    refused_quickly(
        Test::new().args(["check", "/dev/zero"]),
        "error: /dev/zero: cannot read the scenario file: it is longer than 1048576 bytes; scenario files are limited to 1 MiB",
    );
}

#[test]
fn more_than_600_months_is_refused() {
    refused_quickly(
        Test::new()
            .scenario(&TINY.replace("months = 3", "months = 601"))
            .base_case(),
        "scenario.months: expected a whole number of months from 1 to 600, found 601",
    );
}

#[test]
fn more_than_ten_million_samples_is_refused() {
    refused_quickly(
        Test::new()
            .scenario(TINY)
            .args(["run", SCENARIO, "--out", OUT, "--samples", "10000001"]),
        "error: --samples 10000001 is above the limit of 10000000",
    );
}

#[test]
fn more_than_1000_openings_is_refused() {
    let plan: Vec<String> = (0..1001)
        .map(|_| "{ month = \"2027-01\", count = 1 }".to_string())
        .collect();
    refused_quickly(
        Test::new()
            .scenario(&format!("{TINY}[hiring]\nplan = [{}]\n", plan.join(",\n")))
            .base_case(),
        "hiring.plan: expected at most 1000 openings, found 1001",
    );
}

#[test]
fn more_than_100_costs_is_refused() {
    let costs: String = (0..5000)
        .map(|i| format!("[[costs]]\nname = \"c{i}\"\namount = 1\nmonth = \"2027-01\"\n"))
        .collect();
    refused_quickly(
        Test::new().scenario(&format!("{TINY}{costs}")).base_case(),
        "costs: expected at most 100 [[costs]] entries, found 5000",
    );
}

#[test]
fn numbers_beyond_1e12_and_not_finite_are_refused() {
    for (value, message) in [
        (
            "1e13",
            "expected a number of magnitude at most 1e12, found the number 1e13",
        ),
        (
            "nan",
            "expected a finite number (nan and inf are not allowed), found the number nan",
        ),
        (
            "-inf",
            "expected a finite number (nan and inf are not allowed), found the number -inf",
        ),
        ("\"1e300\"", "expected a number of magnitude at most 1e12"),
    ] {
        refused_quickly(
            Test::new()
                .scenario(&TINY.replace("salary = 120000", &format!("salary = {value}")))
                .base_case(),
            message,
        );
    }
}

#[test]
fn deeply_nested_toml_is_refused_without_overflowing_the_stack() {
    let deep = format!("{TINY}x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    refused_quickly(
        Test::new().scenario(&deep).base_case(),
        "this is not valid TOML",
    );
}

// ---------------------------------------------------------------------------
// 3. Nothing lost, nothing half-written.

/// Every file of a folder by name, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = fs::read(e.path()).unwrap_or_else(|err| panic!("{name}: {err}"));
            (name, bytes)
        })
        .collect()
}

/// The names in a folder.
fn snapshot_names(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A CSV file parses to its end: a header and records of the header's length.
fn parses_completely(name: &str, bytes: &[u8]) -> Result<usize, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let width = reader.headers().map_err(|e| format!("{name}: {e}"))?.len();
    if width < 2 {
        return Err(format!("{name}: header of {width} column(s)"));
    }
    let mut records = 0;
    for record in reader.records() {
        let record = record.map_err(|e| format!("{name}: {e}"))?;
        if record.len() != width {
            return Err(format!("{name}: a record of {} cells", record.len()));
        }
        records += 1;
    }
    if !bytes.ends_with(b"\r\n") {
        return Err(format!("{name}: does not end with a full record"));
    }
    Ok(records)
}

/// The `.NAME.PID.tmp.EXT` temporary files a write in progress uses.
fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(".tmp.")
}

/// A deterministic sequence of fractions in [0.1, 1) (xorshift64).
fn fractions(mut state: u64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            0.1 + 0.9 * (state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

/// Kills a long run (SIGKILL) at seeded moments while it writes over a
/// previous complete run: every file left is either the previous run's or the
/// new run's, complete; and the next run cleans up the killed runs' temporary
/// files.
#[cfg(unix)]
#[test]
fn a_run_killed_at_any_moment_leaves_only_complete_files() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let scenario = root().join("scenarios/mid-size-team.toml");
    let run_args = |out: &Path, seed: &str| -> Vec<String> {
        [
            "run",
            &scenario.display().to_string(),
            "--out",
            &out.display().to_string(),
            "--samples",
            "12000",
            "--export-samples",
            "--no-charts",
            "--quiet",
            "--seed",
            seed,
        ]
        .map(str::to_string)
        .to_vec()
    };
    let slug = "mid-size-team-article-defaults";
    // The previous run (seed 1) and the complete new run (seed 2), side by side.
    let (prev_out, new_out, out) = (
        work.path().join("prev"),
        work.path().join("new"),
        work.path().join("out"),
    );
    let status = bin()
        .args(run_args(&prev_out, "1"))
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let started = Instant::now();
    let status = bin()
        .args(run_args(&new_out, "2"))
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    let full_run = started.elapsed();
    assert!(status.success());
    let before = snapshot(&prev_out.join(slug));
    let after = snapshot(&new_out.join(slug));
    assert!(before.contains_key("samples.csv") && before["samples.csv"] != after["samples.csv"]);
    for (name, bytes) in before.iter().chain(&after) {
        parses_completely(name, bytes).unwrap_or_else(|e| panic!("a complete run: {e}"));
    }

    let dir = out.join(slug);
    // Seeded moments, and first of all the moment the first temporary file
    // appears (so that at least one kill lands while files are written,
    // however fast or loaded the machine is).
    let mut moments = vec![None];
    moments.extend(fractions(0x00c0_ffee, 6).into_iter().map(Some));
    let mut temp_files_seen = 0;
    let mut kills_while_writing = 0;
    for (k, moment) in moments.iter().enumerate() {
        // Start from the previous complete run, except the last time, when
        // the earlier kills' leftovers stay for the clean-up check below.
        if k + 1 < moments.len() {
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
            for (name, bytes) in &before {
                fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        let mut child = bin()
            .args(run_args(&out, "2"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        match moment {
            Some(fraction) => std::thread::sleep(full_run.mul_f64(*fraction)),
            None => {
                // samples.csv takes the longest to write: its temporary file
                // is still there when the kill lands.
                let writing_samples =
                    |n: &String| n.starts_with(".samples.csv.") && is_temp_name(n);
                let deadline = Instant::now() + full_run * 3;
                while Instant::now() < deadline && !snapshot_names(&dir).iter().any(writing_samples)
                {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
        }
        let _ = child.kill(); // SIGKILL; it may have finished already
        let _ = child.wait();
        let left = snapshot(&dir);
        if moment.is_none() {
            assert!(
                left.keys().any(|n| is_temp_name(n)),
                "the run was not killed while writing: {:?}",
                left.keys()
            );
        }
        if left.keys().any(|n| is_temp_name(n)) {
            kills_while_writing += 1;
        }
        let fraction = moment.unwrap_or(0.0);
        for (name, bytes) in left {
            if is_temp_name(&name) {
                temp_files_seen += 1;
                continue;
            }
            let which = if Some(&bytes) == before.get(&name) {
                "previous"
            } else if Some(&bytes) == after.get(&name) {
                "new"
            } else {
                panic!(
                    "kill {k} at {fraction:.2} of a run: {name} ({} bytes) is neither the previous nor the new complete file",
                    bytes.len()
                )
            };
            if name.ends_with(".csv") {
                parses_completely(&name, &bytes)
                    .unwrap_or_else(|e| panic!("kill {k}: the {which} file: {e}"));
            }
        }
    }
    eprintln!(
        "{kills_while_writing} of {} kills landed while files were written",
        moments.len()
    );
    // The next run replaces everything and removes what the killed runs left
    // (it tells a dead run's files from a live one's by /proc).
    if !Path::new("/proc/self").exists() {
        return;
    }
    let status = bin()
        .args(run_args(&out, "2"))
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let last = snapshot(&dir);
    assert_eq!(
        last.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "temporary files left behind ({temp_files_seen} seen after kills)"
    );
    assert!(
        last == after,
        "the last run's files differ from a complete run's"
    );
}

#[test]
fn a_failed_run_leaves_the_previous_outputs_unchanged() {
    let other = TINY.replace("name = \"Tiny\"", "name = \"Other\"");
    let first = Test::new()
        .scenario(TINY)
        .file("other.toml", &other)
        .args([
            "run",
            SCENARIO,
            "other.toml",
            "--out",
            OUT,
            "--samples",
            "200",
            "--no-charts",
        ])
        .run();
    let out = first.path().join(OUT);
    let before = (snapshot(&out.join("tiny")), snapshot(&out.join("other")));
    assert!(before.0.contains_key("monthly.csv") && before.1.contains_key("bands.csv"));
    // Validation fails in the second file: nothing is touched.
    let mut test = first.again();
    test = test
        .file(SCENARIO, TINY.replace("salary = 120000", "salary = 130000"))
        .file("other.toml", other.replace("months = 3", "months = 0"))
        .args([
            "run",
            SCENARIO,
            "other.toml",
            "--out",
            OUT,
            "--samples",
            "200",
            "--no-charts",
        ])
        .status(2);
    let second = test.run();
    second.stderr_has("other.toml:4:10: scenario.months");
    assert!((snapshot(&out.join("tiny")), snapshot(&out.join("other"))) == before);
    // The model overflows in the second scenario: nothing is touched either.
    let third = second
        .again()
        .file(
            "other.toml",
            "[scenario]\nname = \"Other\"\nstart = \"2027-01\"\nmonths = 600\n[team]\nengineers = 1e12\nsalary = 1e12\nvalue_multiplier = 20\n",
        )
        .args(["run", SCENARIO, "other.toml", "--out", OUT, "--samples", "200", "--no-charts"])
        .status(2)
        .run();
    third.stderr_has("overflow");
    assert!((snapshot(&out.join("tiny")), snapshot(&out.join("other"))) == before);
}

/// Linux only: elsewhere, without /proc, leftovers are removed after an hour.
#[cfg(target_os = "linux")]
#[test]
fn a_run_leaves_no_temporary_files_and_removes_those_of_dead_runs() {
    let first = Test::new()
        .scenario(TINY)
        .args([
            "run",
            SCENARIO,
            "--out",
            OUT,
            "--samples",
            "100",
            "--export-samples",
            "--no-charts",
        ])
        .run();
    let dir = first.result_dir();
    assert!(!snapshot(&dir).keys().any(|n| is_temp_name(n)));
    // A process that has exited: its temporary files are leftovers.
    let mut gone = bin()
        .arg("--version")
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let dead = gone.id();
    let _ = gone.wait();
    let alive = std::process::id(); // this test: still running
    let planted = [
        (format!(".samples.csv.{dead}.tmp.csv"), false),
        (format!(".monthly.csv.{dead}.tmp.csv"), false),
        (format!(".samples.csv.{alive}.tmp.csv"), true),
        (".samples.csv.tmp.csv".to_string(), true),
        (format!(".notes.txt.{dead}.tmp.csv"), true),
        ("notes.txt".to_string(), true),
    ];
    for (name, _) in &planted {
        fs::write(dir.join(name), "half a file").unwrap_or_else(|e| panic!("{e}"));
    }
    let second = first
        .again()
        .args(["run", SCENARIO, "--out", OUT, "--samples", "0"])
        .run();
    let left = snapshot(&dir);
    drop(second);
    for (name, kept) in &planted {
        assert_eq!(left.contains_key(name), *kept, "{name}");
    }
}

// ---------------------------------------------------------------------------
// 4. CSV injection.

const FORMULA_NAMES: &str = r#"[scenario]
name = "=cmd|' /C calc'!A0"
start = "2027-01"
months = 3

[team]
engineers = 2
salary = 120000
retention_raise = [0, 0.1]

[[costs]]
name = "=HYPERLINK(\"http://evil.example\",\"click\")"
amount = [100, 200]
month = "2027-01"

[[costs]]
name = "+SUM(1+1)"
amount = 5
month = "2027-02"

[[costs]]
name = "-2+3"
amount = 5
month = "2027-02"

[[costs]]
name = "@SUM(A1)"
amount = [1, 2]
from = "2027-01"
"#;

#[test]
fn user_text_in_every_csv_file_cannot_run_as_a_formula() {
    let run = Test::new()
        .scenario(FORMULA_NAMES)
        .args([
            "run",
            SCENARIO,
            "--out",
            OUT,
            "--samples",
            "300",
            "--export-samples",
            "--no-charts",
        ])
        .run();
    let dir = run.result_dir();
    let files = snapshot(&dir);
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".csv")) {
        exercise::check_csv(name, bytes);
    }
    let monthly = run.monthly();
    for expected in [
        "'=HYPERLINK(\"http://evil.example\",\"click\")",
        "'+SUM(1+1)",
        "'-2+3",
        "'@SUM(A1)",
    ] {
        assert!(
            monthly.header.iter().any(|h| h == expected),
            "{:?}",
            monthly.header
        );
        assert!(run.summary().metrics().contains(&expected));
    }
    assert!(files["samples.csv"].starts_with(b"trial,"));
}

/// Opens the CSV files in LibreOffice, as a person would, and checks that no
/// cell became a formula (skipped, with a notice, where LibreOffice is not
/// installed). A plain `=1+1` cell, as a control, does become one.
#[test]
fn libreoffice_opens_formula_like_names_as_text() {
    let Ok(found) = Command::new("soffice")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    if !found.success() {
        eprintln!("skipped: soffice --version failed");
        return;
    }
    let run = Test::new()
        .scenario(FORMULA_NAMES)
        .args([
            "run",
            SCENARIO,
            "--out",
            OUT,
            "--samples",
            "100",
            "--no-charts",
        ])
        .run();
    let dir = run.result_dir();
    fs::write(dir.join("control.csv"), "a,b\r\n=1+1,2\r\n").unwrap_or_else(|e| panic!("{e}"));
    let profile = run.path().join("lo-profile");
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--convert-to", "fods", "--outdir"])
    .arg(&dir);
    for name in [
        "monthly.csv",
        "summary.csv",
        "sensitivity.csv",
        "control.csv",
    ] {
        cmd.arg(dir.join(name));
    }
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "soffice failed");
    let read =
        |name: &str| fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        read("control.fods").contains("table:formula=\"of:=1+1\""),
        "the control formula was not evaluated: this LibreOffice does not evaluate CSV formulas, so the test proves nothing"
    );
    for name in ["monthly.fods", "summary.fods", "sensitivity.fods"] {
        let sheet = read(name);
        assert!(
            !sheet.contains("table:formula"),
            "{name} has a formula cell"
        );
    }
    assert!(read("monthly.fods").contains("&apos;=HYPERLINK("));
    assert!(read("summary.fods").contains("&apos;@SUM(A1)"));
}

// ---------------------------------------------------------------------------
// 5. Paths, encodings, closed pipes.

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
        let out = run.path().join(OUT);
        let entries: Vec<String> = fs::read_dir(&out)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(entries, [slug], "{name}");
        let mut top: Vec<String> = fs::read_dir(run.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        top.sort();
        assert_eq!(top, [OUT, SCENARIO], "{name}: written outside --out");
    }
}

#[test]
fn a_leading_bom_is_ignored() {
    let run = Test::new()
        .file(SCENARIO, format!("\u{feff}{TINY}"))
        .base_case()
        .run();
    assert!(run.monthly().rows.len() == 3);
}

#[test]
fn non_utf8_files_are_refused_at_the_first_bad_byte() {
    let mut latin1 = TINY.replace("\"Tiny\"", "\"Caf_\"").into_bytes();
    let at = latin1
        .iter()
        .position(|&b| b == b'_')
        .unwrap_or_else(|| unreachable!());
    latin1[at] = 0xE9; // é in Latin-1
    Test::new()
        .file(SCENARIO, latin1)
        .base_case()
        .status(2)
        .run()
        .stderr_has("error: scenario.toml:2:12: the file is not valid UTF-8 text")
        .help_has("save the scenario as UTF-8")
        .nothing_written();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(TINY.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    Test::new()
        .file(SCENARIO, utf16)
        .base_case()
        .status(2)
        .run()
        .stderr_has("error: scenario.toml:1:1: the file is UTF-16 text, not UTF-8")
        .nothing_written();
}

/// Runs the binary with stdout and stderr going to pipes whose readers are
/// gone (`| head` that has exited): it must exit with its usual status.
fn with_closed_pipes(dir: &Path, args: &[&str]) -> std::process::ExitStatus {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_closed_stdout_or_stderr_ends_the_run_quietly() {
    let test = Test::new().scenario(TINY).file(
        "warned.toml",
        format!("{TINY}[hiring]\nplan = [{{ month = \"2030-01\", count = 1 }}]\n"),
    );
    let dir = test.path().to_path_buf();
    let scenario = dir.join(SCENARIO).display().to_string();
    for (args, code) in [
        (
            vec![
                "run",
                SCENARIO,
                "--out",
                "out",
                "--samples",
                "50",
                "--no-charts",
            ],
            0,
        ),
        (
            vec!["run", "warned.toml", "--out", "out2", "--samples", "0"],
            0,
        ),
        (
            vec![
                "compare",
                SCENARIO,
                "warned.toml",
                "--out",
                "cmp",
                "--samples",
                "0",
            ],
            0,
        ),
        (
            vec![
                "sweep",
                "warned.toml",
                "--vary",
                "hiring.premium=0:0.5:0.25",
                "--out",
                "sw",
            ],
            0,
        ),
        (vec!["assumptions"], 0),
        (vec!["check", scenario.as_str()], 0),
        (vec!["--help"], 0),
        (vec!["check", "missing.toml"], 2),
    ] {
        let status = with_closed_pipes(&dir, &args);
        assert_eq!(status.code(), Some(code), "adoptcost {args:?}");
    }
    // The run wrote its files although nobody read its report.
    assert!(dir.join("out/tiny/monthly.csv").is_file());
    drop(test);
}
