//! What `adoptcost solve` prints: the answer in the key's unit and the figure
//! there from the confirming run, how it meets the goal, how the figure
//! behaves over the range, the model evaluations, the `run` that reproduces
//! it, and the files written.

use crate::export::labels::key_value_text;
use crate::scenario::Override;
use crate::text::group_thousands;
use crate::whatif::solve::{Answer, Goal, Solution, Trend, sampling_words};
use crate::whatif::vary::{axis_unit, value_text};

/// The report of a solved goal; `files`: what `--out` wrote, if given.
pub(crate) fn report(solution: &Solution, sets: &[Override], files: Option<&str>) -> String {
    let s = &solution.scenario;
    let t = &solution.target;
    let key = &solution.key.column;
    let cur = &s.currency;
    let value = value_text(solution.value);
    let in_unit = key_value_text(solution.value, key, axis_unit(key, s), cur);
    let unit_note = if in_unit == value {
        String::new()
    } else {
        format!(" ({in_unit})")
    };
    let figure = solution.achieved.text(t, cur);
    let mut out = format!("{} ({})\n", s.name, s.file);
    let answer = match (&solution.answer, &t.goal) {
        (Answer::Boundary { largest, beyond }, goal) => {
            let which = if *largest { "largest" } else { "smallest" };
            let meets = match goal {
                Goal::BreakEvenBy(m) => format!("still breaks even by {m}"),
                Goal::BreakEvenChance(_) => {
                    "still breaks even in at least that share of trials".to_string()
                }
                _ => "still meets the goal".to_string(),
            };
            let other_side = if *largest { "above" } else { "below" };
            format!(
                "{key} = {value}{unit_note}: the {which} value that {meets}\n  at it        {} = {figure}; just {other_side} it, at {}, {}\n",
                t.figure_name(),
                value_text(beyond.value),
                beyond.figure.text(t, cur)
            )
        }
        (Answer::Equal { close, beyond }, _) => {
            let mut line = format!(
                "{key} = {value}{unit_note}: {} = {figure} at that value\n",
                t.figure_name()
            );
            if let (false, Some(b)) = (close, beyond) {
                line.push_str(&format!(
                    "  note         no value gives {} within {} of the target: it steps from {figure} to {} between {value} and {} (each cell is rounded, and cells that change together move the total together); this is the closer side\n",
                    t.figure_name(),
                    if t.precision.decimals() == 2 { "a cent" } else { "0.001" },
                    b.figure.text(t, cur),
                    value_text(b.value)
                ));
            }
            line
        }
    };
    out.push_str(&format!("  answer       {answer}"));
    out.push_str(&format!(
        "  goal         {}{}\n",
        t.text,
        goal_scope(solution)
    ));
    let range = match &solution.range.within {
        Some(_) => "--within",
        None => "its domain",
    };
    out.push_str(&format!(
        "  search       {key} from {} to {} ({range}): {}; {} model evaluations\n",
        value_text(solution.range.from),
        value_text(solution.range.to),
        trend_words(solution),
        group_thousands(&solution.evaluations.to_string())
    ));
    out.push_str(&format!(
        "  check        {}\n",
        check_command(solution, sets)
    ));
    if let Some(files) = files {
        out.push_str(&format!("  files        {files}\n"));
    }
    out
}

/// Which figures the goal is about.
fn goal_scope(solution: &Solution) -> String {
    match solution.sampling {
        Some((samples, seed)) => format!(
            " over {} (the same draws at every value)",
            sampling_words(samples, seed)
        ),
        None => " on the exact base case".to_string(),
    }
}

fn trend_words(solution: &Solution) -> String {
    let t = &solution.target;
    let cur = &solution.scenario.currency;
    let name = t.figure_name();
    let later = matches!(t.goal, Goal::BreakEvenBy(_));
    let scanned = crate::whatif::solve::SCAN_POINTS;
    match &solution.trend {
        Trend::Rising if later => format!("{name} comes later as {} grows", solution.key.column),
        Trend::Falling if later => format!("{name} comes earlier as {} grows", solution.key.column),
        Trend::Rising => format!(
            "{name} rises with {} (monotone over the range)",
            solution.key.column
        ),
        Trend::Falling => format!(
            "{name} falls as {} grows (monotone over the range)",
            solution.key.column
        ),
        Trend::Flat => format!("{name} is the same across the range"),
        Trend::Mixed { lowest, highest } => format!(
            "{name} is not monotone over the range (lowest {} at {}, highest {} at {}); the answer is the only place among {scanned} values scanned where it meets the goal",
            lowest.figure.text(t, cur),
            value_text(lowest.value),
            highest.figure.text(t, cur),
            value_text(highest.value)
        ),
    }
}

/// `adoptcost run <file> --set KEY=VALUE [the --set flags] [--samples N --seed S]`.
fn check_command(solution: &Solution, sets: &[Override]) -> String {
    let quote = |text: String| {
        if text.contains(|c: char| c.is_whitespace() || "[]{}'\"*$|&;<>()".contains(c)) {
            format!("'{}'", text.replace('\'', "'\\''"))
        } else {
            text
        }
    };
    let mut words = vec![
        "adoptcost run".to_string(),
        quote(solution.scenario.file.clone()),
    ];
    for o in sets {
        words.push(format!("--set {}", quote(o.text())));
    }
    words.push(format!(
        "--set {}",
        quote(format!(
            "{}={}",
            solution.key.key,
            value_text(solution.value)
        ))
    ));
    match solution.sampling {
        Some((samples, seed)) => words.push(format!("--samples {samples} --seed {seed}")),
        None => words.push("--samples 0".to_string()),
    }
    words.join(" ")
}
