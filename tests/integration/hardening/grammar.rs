//! A small grammar of scenarios as planners, chat programs and scripts write
//! them: sections in any state of completeness, values mostly plausible and
//! sometimes extreme, names that look like formulas or paths; and the edits
//! copying from chat or a careless script makes to such text.

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestRunner};

/// Seeded and bounded: the same cases on every run. Each case (and each
/// shrinking step of a failure) runs the binary, so shrinking stops early.
pub(crate) fn runner(cases: u32, seed: u64) -> TestRunner {
    TestRunner::new(Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        max_shrink_iters: 500,
        ..Config::default()
    })
}

pub(crate) fn pick(options: &'static [&'static str]) -> BoxedStrategy<String> {
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
pub(crate) fn uncertain(lo: f64, hi: f64) -> BoxedStrategy<String> {
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
pub(crate) fn toml_string(s: &str) -> String {
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
pub(crate) const NAMES: &[&str] = &[
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

pub(crate) fn month() -> BoxedStrategy<String> {
    mostly(MONTHS, ODD_MONTHS)
}

pub(crate) fn opening() -> BoxedStrategy<String> {
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
pub(crate) fn scenario_text() -> BoxedStrategy<String> {
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
pub(crate) enum Mutation {
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

pub(crate) fn mutation() -> BoxedStrategy<Mutation> {
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

pub(crate) fn apply(text: &str, m: &Mutation) -> String {
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
