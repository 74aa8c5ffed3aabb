//! `adoptcost solve`: every refusal of its flags, in the `--set` format: the
//! file once the scenario is read, the flag as typed, what is wrong, and the
//! fix on a `  help: ` line; exit 2, nothing written. Goals that cannot be met
//! are in `solve.rs`.

use crate::support::{Outcome, Test, shipped};

/// `solve mid-size-team.toml <args> --out out` must be refused with
/// `error: <message>` (the file's name as `FILE`) and a help line holding
/// `help`, written nothing.
#[track_caller]
fn refused(args: &[&str], message: &str, help: &str) -> Outcome {
    let scenario = shipped("mid-size-team.toml");
    let run = Test::new()
        .args(["solve", &scenario])
        .args(args.iter().copied())
        .args(["--out", "out"])
        .status(2)
        .run();
    run.nothing_written()
        .stderr_has(&format!("error: {}", message.replace("FILE", &scenario)))
        .check(run.error_count() == 1, "one mistake, one error");
    if !help.is_empty() {
        run.help_has(help);
    }
    run
}

/// `--vary hiring.premium` and `rest`.
fn premium<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["--vary", "hiring.premium"];
    args.extend_from_slice(rest);
    args
}

#[test]
fn the_key_is_a_numeric_key_set_accepts_given_alone() {
    refused(
        &["--vary", "hiring.premium=0:0.5:0.1", "--target", "total=0"],
        "--vary 'hiring.premium=0:0.5:0.1': solve takes the key alone, and finds its value",
        "write --vary hiring.premium --within 0:0.5 to search a range",
    );
    refused(
        &["--vary", "hiring.", "--target", "total=0"],
        "--vary 'hiring.' is not a key",
        "write a dotted key such as hiring.premium, ramp.months or costs.<name>",
    );
    refused(
        &["--vary", "hiring.premum", "--target", "total=0"],
        "FILE: --vary 'hiring.premum': unknown key `hiring.premum`",
        "did you mean `hiring.premium`?",
    );
    refused(
        &["--vary", "scenario.start", "--target", "total=0"],
        "FILE: --vary 'scenario.start': `scenario.start` is not a number, so it cannot be solved for",
        "--vary takes numeric keys: an uncertain input such as hiring.premium",
    );
    refused(
        &["--vary", "costs.coffee", "--target", "total=0"],
        "FILE: --vary 'costs.coffee': no cost matches `coffee`",
        "the costs are: training_course, tooling",
    );
    refused(
        &[
            "--vary",
            "hiring.premium",
            "--target",
            "total=0",
            "--set",
            "hiring.premium=0.3",
        ],
        "FILE: --set 'hiring.premium=0.3' fixes hiring.premium, the key --vary solves for",
        "drop the --set, or give the range to search with --within",
    );
}

#[test]
fn the_range_is_two_numbers_low_first_inside_the_keys_domain() {
    let cases: [(&str, &str, &str); 7] = [
        (
            "0-3",
            "--within '0-3' is not FROM:TO",
            "write the lowest and highest value to search, e.g. --within 0:0.5",
        ),
        (
            "0.5:0.1",
            "--within '0.5:0.1': FROM must be below TO",
            "write the lower end first: --within 0.1:0.5",
        ),
        (
            "1:1",
            "--within '1:1': FROM must be below TO",
            "give a range, e.g. --within 0:1",
        ),
        (
            "0:x",
            "--within '0:x': TO `x` is not a number",
            "write plain decimals such as 0.25, 3 or -1.5",
        ),
        (
            "0:1e2",
            "--within '0:1e2': TO `1e2` is not a number",
            "write plain decimals",
        ),
        (
            "0:9",
            "FILE: --within '0:9': hiring.premium is a number between 0 and 3, and 9 is not",
            "search inside the values it accepts, e.g. --within 0:3",
        ),
        (
            "-1:4",
            "FILE: --within '-1:4': hiring.premium is a number between 0 and 3, and -1 and 4 are not",
            "search inside the values it accepts, e.g. --within 0:3",
        ),
    ];
    for (within, message, help) in cases {
        refused(
            &premium(&["--target", "total=0", "--within", within]),
            message,
            help,
        );
    }
    refused(
        &[
            "--vary",
            "scenario.months",
            "--target",
            "total=0",
            "--within",
            "1.5:12",
        ],
        "FILE: --within '1.5:12': scenario.months takes whole numbers",
        "write e.g. --within 2:12",
    );
    refused(
        &["--vary", "team.engineers", "--target", "total=0"],
        "FILE: --vary 'team.engineers': team.engineers is a number ≥ 0, with no upper end, so solve needs the range to search",
        "add --within FROM:TO, e.g. --within 0:100",
    );
}

#[test]
fn the_goal_is_a_summary_metric_a_statistic_of_one_or_a_break_even() {
    let forms = "write METRIC=VALUE (base case, e.g. total=0), pNN:METRIC=VALUE or mean:METRIC=VALUE (sampled, e.g. p90:total=2000000), break_even=YYYY-MM or chance:break_even=0.8";
    let cases: [(&str, &str, &str); 13] = [
        ("total", "--target 'total' is not a goal", forms),
        ("=5", "--target '=5' names no metric", forms),
        (
            "total=",
            "--target 'total=' gives no value after `=`",
            forms,
        ),
        (
            "totl=0",
            "FILE: --target 'totl=0': unknown metric `totl`",
            "did you mean `total`? the metrics are those of summary.csv (salary_premium,",
        ),
        (
            "total=abc",
            "FILE: --target 'total=abc': the target `abc` is not a number",
            "write plain decimals such as 0.25, 3 or -1.5",
        ),
        (
            "p101:total=1",
            "--target 'p101:total=1': `p101` is not a percentile",
            "write p0 to p100, e.g. p90:total",
        ),
        (
            "median:total=1",
            "--target 'median:total=1': `median:` is not a statistic",
            "write pNN: (a percentile such as p90:), mean: or chance:break_even",
        ),
        (
            "chance:total=0.5",
            "FILE: --target 'chance:total=0.5': chance: goes with break_even only",
            "write --target chance:break_even=0.8 for an 80% chance of breaking even within the horizon",
        ),
        (
            "break_even=June",
            "FILE: --target 'break_even=June': `June` is not a month",
            "write YYYY-MM, e.g. --target break_even=2028-12",
        ),
        (
            "break_even=2026-01",
            "FILE: --target 'break_even=2026-01': 2026-01 is before the scenario starts (2027-01)",
            "name a month from 2027-01 on",
        ),
        (
            "chance:break_even=80",
            "FILE: --target 'chance:break_even=80': the chance `80` is not a share between 0 and 1",
            "write e.g. chance:break_even=0.8 for 80%",
        ),
        (
            "p90:break_even=2028-01",
            "FILE: --target 'p90:break_even=2028-01': break_even is a month, not a figure with a mean or percentiles",
            "write --target break_even=YYYY-MM (the base case) or --target chance:break_even=0.8 (the share of trials)",
        ),
        (
            "mean:npv=0",
            "FILE: --target 'mean:npv=0' is about the sampled trials, but --samples is 0",
            "leave out --samples (10,000 samples) or give a number of samples, e.g. --samples 2000",
        ),
    ];
    for (goal, message, help) in cases {
        let mut args = premium(&["--target", goal]);
        if goal.starts_with("mean:") {
            args.extend(["--samples", "0"]);
        }
        refused(&args, message, help);
    }
}
