//! Every validation rule of MODEL.md §1 has its message pinned here: where
//! (`file:line:col`), which key, what was expected and found, and the fix.
//! Every invalid input exits with status 2 and writes nothing.

mod common;

use common::{Outcome, SCENARIO, TINY, Test};

/// Runs the base case of an invalid scenario: exit 2, nothing written, and
/// `error: <expected>` on stderr, once, followed by a help line containing `help`.
#[track_caller]
fn rejects(text: &str, expected: &str, help: &str) -> Outcome {
    let run = Test::new().scenario(text).base_case().status(2).run();
    run.nothing_written()
        .stderr_has(&format!("error: {expected}"))
        .help_has(help)
        .check(
            run.error_count() == 1,
            "one mistake should give exactly one error",
        );
    run
}

/// TINY followed by `more` (which starts on line 9).
fn tiny_and(more: &str) -> String {
    format!("{TINY}{more}")
}

#[test]
fn tiny_is_valid() {
    Test::new().scenario(TINY).base_case().run();
}

// Keys and sections.

#[test]
fn unknown_key_suggests_the_closest_known_key() {
    rejects(
        &tiny_and("[hiring]\npremum = 0.3\n"),
        "scenario.toml:10:1: hiring.premum: unknown key in [hiring]",
        "did you mean `premium`?",
    );
}

#[test]
fn key_in_the_wrong_section_names_the_section_it_belongs_in() {
    rejects(
        &tiny_and("[hiring]\nengineers = 3\n"),
        "scenario.toml:10:1: hiring.engineers: unknown key in [hiring]",
        "`engineers` belongs in the [team] section",
    );
}

#[test]
fn key_above_every_section_names_the_section_it_belongs_in() {
    rejects(
        &format!("engineers = 3\n{TINY}"),
        "scenario.toml:1:1: engineers: unknown section or key at the top level",
        "`engineers` belongs in the [team] section",
    );
}

#[test]
fn unknown_section_suggests_the_closest_section() {
    rejects(
        &tiny_and("[hirng]\npremium = 0.3\n"),
        "scenario.toml:9:2: hirng: unknown section or key at the top level",
        "did you mean [hiring]?",
    );
}

// Types.

#[test]
fn text_where_a_number_is_expected_is_rejected() {
    rejects(
        &tiny_and("[hiring]\npremium = \"high\"\n"),
        "scenario.toml:10:11: hiring.premium: expected a number, found the text \"high\"",
        "write a plain number",
    );
}

#[test]
fn months_takes_whole_numbers_only() {
    rejects(
        &TINY.replace("months = 3", "months = 2.5"),
        "scenario.toml:4:10: scenario.months: expected a whole number of months from 1 to 600, found the number 2.5",
        "write a whole number",
    );
}

// Domains (MODEL.md §1 tables).

#[test]
fn premium_above_3_is_outside_its_domain() {
    rejects(
        &tiny_and("[hiring]\npremium = 5\n"),
        "scenario.toml:10:11: hiring.premium: expected a number between 0 and 3, found 5",
        "hiring.premium is a share: write 0.25 for 25%",
    );
}

#[test]
fn know_rust_above_1_is_outside_its_domain() {
    rejects(
        &tiny_and("[hiring]\nknow_rust = 1.5\n"),
        "scenario.toml:10:13: hiring.know_rust: expected a number between 0 and 1, found 1.5",
        "share",
    );
}

#[test]
fn salary_of_zero_is_outside_its_domain() {
    rejects(
        &TINY.replace("salary = 120000", "salary = 0"),
        "scenario.toml:8:10: team.salary: expected a number > 0, found 0",
        "> 0",
    );
}

#[test]
fn steady_productivity_below_a_tenth_is_outside_its_domain() {
    rejects(
        &tiny_and("[ramp]\nsteady_productivity = 0.05\n"),
        "scenario.toml:10:23: ramp.steady_productivity: expected a number between 0.1 and 5, found 0.05",
        "between 0.1 and 5",
    );
}

#[test]
fn a_horizon_of_zero_months_is_rejected() {
    rejects(
        &TINY.replace("months = 3", "months = 0"),
        "scenario.toml:4:10: scenario.months: expected a whole number of months from 1 to 600, found 0",
        "months = 36",
    );
}

#[test]
fn a_horizon_above_600_months_is_rejected() {
    rejects(
        &TINY.replace("months = 3", "months = 601"),
        "scenario.toml:4:10: scenario.months: expected a whole number of months from 1 to 600, found 601",
        "months = 36",
    );
}

#[test]
fn discount_rate_above_1_is_outside_its_domain() {
    rejects(
        &TINY.replace("months = 3", "discount_rate = 1.5"),
        "scenario.toml:4:17: scenario.discount_rate: expected a number between 0 and 1, found 1.5",
        "0.08 for 8%",
    );
}

#[test]
fn each_end_of_a_range_must_lie_in_the_domain() {
    rejects(
        &tiny_and("[hiring]\npremium = [0.2, 4]\n"),
        "scenario.toml:10:17: hiring.premium: expected a number between 0 and 3, found 4",
        "share",
    );
}

#[test]
fn unknown_build_size_is_rejected() {
    rejects(
        &tiny_and("[builds]\nsize = \"huge\"\n"),
        "scenario.toml:10:8: builds.size: expected \"small\", \"medium\" or \"large\", found \"huge\"",
        "pick the preset",
    );
}

// Uncertain values (MODEL.md §1 first table).

#[test]
fn range_with_low_above_high_suggests_swapping() {
    rejects(
        &tiny_and("[hiring]\npremium = [0.3, 0.2]\n"),
        "scenario.toml:10:11: hiring.premium: expected low < high, found low 0.3 and high 0.2",
        "swap them: [0.2, 0.3]",
    );
}

#[test]
fn range_with_low_equal_to_high_suggests_a_fixed_value() {
    rejects(
        &tiny_and("[hiring]\npremium = [0.3, 0.3]\n"),
        "scenario.toml:10:11: hiring.premium: expected low < high, found low 0.3 and high 0.3",
        "for a fixed value write just the number: hiring.premium = 0.3",
    );
}

#[test]
fn range_of_three_numbers_is_rejected() {
    rejects(
        &tiny_and("[hiring]\npremium = [0.1, 0.2, 0.3]\n"),
        "scenario.toml:10:11: hiring.premium: expected a range [low, high] of exactly two numbers, found 3 item(s)",
        "[0.20, 0.30]",
    );
}

#[test]
fn mode_outside_low_and_high_is_rejected() {
    rejects(
        &tiny_and("[ramp]\nmonths = { low = 3, mode = 7, high = 6, dist = \"triangular\" }\n"),
        "scenario.toml:10:28: ramp.months.mode: expected the mode between low (3) and high (6), found 7",
        "it must lie in [low, high]",
    );
}

#[test]
fn pert_without_mode_is_rejected() {
    rejects(
        &tiny_and("[ramp]\nmonths = { low = 3, high = 6, dist = \"pert\" }\n"),
        "scenario.toml:10:10: ramp.months: the pert distribution needs `mode`, its most likely value",
        "add mode = ...",
    );
}

#[test]
fn mode_given_for_a_normal_is_rejected() {
    rejects(
        &tiny_and("[ramp]\nmonths = { low = 3, mode = 4, high = 6, dist = \"normal\" }\n"),
        "scenario.toml:10:21: ramp.months.mode: `mode` is only used by triangular and pert distributions, not normal",
        "remove `mode`",
    );
}

#[test]
fn unknown_distribution_lists_the_known_ones() {
    rejects(
        &tiny_and("[ramp]\nmonths = { low = 3, high = 6, dist = \"gamma\" }\n"),
        "scenario.toml:10:38: ramp.months.dist: expected one of \"uniform\", \"triangular\", \"pert\", \"normal\", \"lognormal\", found the text \"gamma\"",
        "pick one of those distributions",
    );
}

#[test]
fn lognormal_needs_a_positive_low() {
    rejects(
        &tiny_and("[hiring]\ndays_to_hire = { low = 0, high = 60, dist = \"lognormal\" }\n"),
        "scenario.toml:10:16: hiring.days_to_hire.low: a lognormal needs low > 0, found 0",
        "small positive low",
    );
}

#[test]
fn explicit_uniform_is_the_same_as_a_range() {
    let table = Test::new()
        .scenario(&tiny_and(
            "[hiring]\npremium = { low = 0.2, high = 0.3, dist = \"uniform\" }\nplan = [{ month = \"2027-01\", count = 1 }]\n",
        ))
        .base_case()
        .run();
    let array = Test::new()
        .scenario(&tiny_and(
            "[hiring]\npremium = [0.2, 0.3]\nplan = [{ month = \"2027-01\", count = 1 }]\n",
        ))
        .base_case()
        .run();
    table.check(
        table.summary().bytes == array.summary().bytes,
        "dist = \"uniform\" should give the summary of [0.2, 0.3]",
    );
}

// Months and dates.

#[test]
fn month_13_is_not_a_month() {
    rejects(
        &TINY.replace("\"2027-01\"", "\"2027-13\""),
        "scenario.toml:3:9: scenario.start: expected a month as \"YYYY-MM\" (years 1900-9000), found \"2027-13\"",
        "\"2027-03\"",
    );
}

#[test]
fn month_with_a_slash_is_not_a_month() {
    rejects(
        &TINY.replace("\"2027-01\"", "\"2027/01\""),
        "scenario.toml:3:9: scenario.start: expected a month as \"YYYY-MM\" (years 1900-9000), found \"2027/01\"",
        "\"2027-03\"",
    );
}

#[test]
fn unquoted_date_is_not_a_month() {
    rejects(
        &TINY.replace("\"2027-01\"", "2027-01-01"),
        "scenario.toml:3:9: scenario.start: expected a month as \"YYYY-MM\" (years 1900-9000), found the date 2027-01-01 (without quotes)",
        "write the month in quotes",
    );
}

#[test]
fn impossible_holiday_is_rejected() {
    rejects(
        &tiny_and("[builds]\nholidays = [\"2027-02-30\"]\n"),
        "scenario.toml:10:13: builds.holidays: expected a real calendar date \"YYYY-MM-DD\", found the text \"2027-02-30\"",
        "the day must exist in that month",
    );
    // Written as a TOML date, the TOML parser itself refuses it, located.
    rejects(
        &tiny_and("[builds]\nholidays = [2027-02-30]\n"),
        "scenario.toml:10:13: this is not valid TOML",
        "check quotes",
    );
}

#[test]
fn opening_before_start_is_rejected() {
    rejects(
        &tiny_and("[hiring]\nplan = [{ month = \"2026-12\", count = 1 }]\n"),
        "scenario.toml:10:9: hiring.plan.month: opening in 2026-12 is before the scenario starts (2027-01)",
        "team.engineers",
    );
}

#[test]
fn opening_needs_a_count() {
    rejects(
        &tiny_and("[hiring]\nplan = [{ month = \"2027-02\" }]\n"),
        "scenario.toml:10:9: hiring.plan.count: an opening needs `count`",
        "add count = N",
    );
}

#[test]
fn savings_before_start_are_rejected() {
    rejects(
        &tiny_and("[benefits]\nfrom = \"2026-12\"\n"),
        "scenario.toml:10:8: benefits.from: 2026-12 is before the scenario starts (2027-01)",
        "savings can start in 2027-01 or later",
    );
}

// [[costs]]

fn cost(body: &str) -> String {
    tiny_and(&format!("[[costs]]\n{body}"))
}

#[test]
fn cost_names_differing_only_in_case_are_duplicates() {
    rejects(
        &cost(
            "name = \"Training\"\namount = 1\nmonth = \"2027-01\"\n[[costs]]\nname = \"training\"\namount = 2\nmonth = \"2027-02\"\n",
        ),
        "scenario.toml:14:8: costs.name: a cost named \"training\" is already defined (names are compared ignoring case)",
        "different name",
    );
}

#[test]
fn cost_named_like_a_built_in_column_is_rejected() {
    for name in ["Total", "npv", "month", "RAMP_em"] {
        rejects(
            &cost(&format!(
                "name = \"{name}\"\namount = 1\nmonth = \"2027-01\"\n"
            )),
            &format!("scenario.toml:10:8: costs.name: \"{name}\" is the name of a built-in column"),
            "give the cost a name of its own",
        );
    }
}

#[test]
fn cost_with_an_empty_name_is_rejected() {
    rejects(
        &cost("name = \"  \"\namount = 1\nmonth = \"2027-01\"\n"),
        "scenario.toml:10:8: costs.name: expected a non-empty name",
        "name the cost",
    );
}

#[test]
fn cost_with_both_month_and_from_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\nmonth = \"2027-01\"\nfrom = \"2027-01\"\n"),
        "scenario.toml:13:1: costs.from: `month` and `from` are both given",
        "not both",
    );
}

#[test]
fn cost_with_neither_month_nor_from_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\n"),
        "scenario.toml:9:1: costs.month: a cost needs `month` (one-off) or `from` (recurring)",
        "add month = \"2027-03\"",
    );
}

#[test]
fn cost_ending_before_it_starts_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\nfrom = \"2027-03\"\nto = \"2027-02\"\n"),
        "scenario.toml:13:6: costs.to: 2027-02 is before `from` (2027-03)",
        "on or after `from`",
    );
}

#[test]
fn cost_with_to_and_month_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\nmonth = \"2027-03\"\nto = \"2027-04\"\n"),
        "scenario.toml:13:1: costs.to: `to` is only used with `from`",
        "remove `to`",
    );
}

#[test]
fn cost_before_start_is_rejected() {
    rejects(
        &cost("name = \"x\"\namount = 1\nmonth = \"2026-01\"\n"),
        "scenario.toml:12:9: costs.month: 2026-01 is before the scenario starts (2027-01)",
        "2027-01 or later",
    );
}

// Number limits.

#[test]
fn nan_is_rejected() {
    rejects(
        &TINY.replace("salary = 120000", "salary = nan"),
        "scenario.toml:8:10: team.salary: expected a finite number (nan and inf are not allowed), found the number nan",
        "replace nan/inf",
    );
}

#[test]
fn inf_is_rejected_even_inside_a_range() {
    rejects(
        &TINY.replace("salary = 120000", "salary = inf"),
        "scenario.toml:8:10: team.salary: expected a finite number (nan and inf are not allowed), found the number inf",
        "replace nan/inf",
    );
    rejects(
        &TINY.replace("salary = 120000", "salary = [100000, inf]"),
        "scenario.toml:8:19: team.salary: expected a finite number (nan and inf are not allowed), found the number inf",
        "replace nan/inf",
    );
}

#[test]
fn number_above_1e12_is_rejected() {
    rejects(
        &TINY.replace("salary = 120000", "salary = 1000000000001"),
        "scenario.toml:8:10: team.salary: expected a number of magnitude at most 1e12, found the number 1000000000001",
        "limited to 1e12",
    );
}

#[test]
fn number_with_more_than_15_significant_digits_is_rejected() {
    rejects(
        &TINY.replace("salary = 120000", "salary = 120000.0000000001"),
        "scenario.toml:8:10: team.salary: expected a number with at most 15 significant digits, found the number 120000.0000000001",
        "round the number",
    );
}

/// MODEL.md §1 and docs/scenario-reference.md ("Limits"): *every* number has at
/// most 15 significant digits; a number written in quotes is no exception.
#[test]
fn quoted_number_with_more_than_15_significant_digits_is_rejected() {
    let run = Test::new()
        .scenario(&TINY.replace("salary = 120000", "salary = \"120000.00000000000001\""))
        .base_case()
        .status(2)
        .run();
    run.nothing_written()
        .stderr_has("error: scenario.toml:8:10: team.salary: expected a number with at most 15 significant digits");
}

#[test]
fn lowercase_currency_suggests_the_uppercase_code() {
    rejects(
        &TINY.replace("months = 3", "currency = \"usd\""),
        "scenario.toml:4:12: scenario.currency: expected three capital letters A-Z, found \"usd\"",
        "write currency = \"USD\"",
    );
}

// Required keys: reported at the header of the section they are missing from
// (`[team]` → its line, column 2, where the section's name starts), as a
// missing team.salary already is, so that the location leads to the place
// where the key must be added.

#[test]
fn missing_scenario_name_is_reported_at_its_section() {
    rejects(
        "# my scenario\n[scenario]\nstart = \"2027-01\"\n\n[team]\nengineers = 1\nsalary = 120000\n",
        "scenario.toml:2:2: scenario.name: is required in [scenario]",
        "name = \"",
    );
}

#[test]
fn missing_scenario_start_is_reported_at_its_section() {
    rejects(
        "# my scenario\n[scenario]\nname = \"x\"\n\n[team]\nengineers = 1\nsalary = 120000\n",
        "scenario.toml:2:2: scenario.start: is required in [scenario]",
        "start = \"2027-01\"",
    );
}

#[test]
fn missing_team_engineers_is_reported_at_its_section() {
    rejects(
        &TINY.replace("engineers = 1\n", ""),
        "scenario.toml:6:2: team.engineers: is required in [team]",
        "engineers = 12",
    );
}

#[test]
fn missing_team_salary_is_reported_at_its_section() {
    rejects(
        &TINY.replace("salary = 120000\n", ""),
        "scenario.toml:6:2: team.salary: is required in [team]",
        "salary = 150000",
    );
}

// The file itself.

#[test]
fn invalid_toml_is_located() {
    rejects(
        &tiny_and("[hiring\npremium = 0.3\n"),
        "scenario.toml:9:8: this is not valid TOML",
        "check quotes, brackets",
    );
}

#[test]
fn non_utf8_file_is_located() {
    let run = Test::new()
        .file(SCENARIO, b"[scenario]\nname = \"Caf\xe9\"\n")
        .base_case()
        .status(2)
        .run();
    run.nothing_written()
        .stderr_has("error: scenario.toml:2:12: the file is not valid UTF-8 text")
        .stderr_has("help: save the scenario as UTF-8");
}

#[test]
fn utf8_bom_is_accepted() {
    let with_bom = Test::new()
        .file(SCENARIO, format!("\u{feff}{TINY}"))
        .base_case()
        .run();
    let without = Test::new().scenario(TINY).base_case().run();
    with_bom.check(
        with_bom.summary().bytes == without.summary().bytes,
        "a BOM should change nothing",
    );
}

#[test]
fn missing_file_is_named() {
    Test::new()
        .args(["run", "no-such-scenario.toml", "--out", "out"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: no-such-scenario.toml: cannot read the scenario file");
}

#[test]
fn several_errors_in_one_file_are_all_reported() {
    let run = Test::new()
        .scenario(
            &(TINY
                .replace("months = 3", "months = 0")
                .replace("salary = 120000", "salary = 0")
                + "[hiring]
premum = 0.3
"),
        )
        .base_case()
        .status(2)
        .run();
    run.nothing_written()
        .stderr_has("error: scenario.toml:4:10: scenario.months: expected a whole number of months from 1 to 600, found 0")
        .stderr_has("error: scenario.toml:8:10: team.salary: expected a number > 0, found 0")
        .stderr_has("error: scenario.toml:10:1: hiring.premum: unknown key in [hiring]")
        .check(run.error_count() == 3, "expected exactly three errors");
}

#[test]
fn one_invalid_scenario_stops_every_scenario_of_the_run() {
    let run = Test::new()
        .file("good.toml", TINY)
        .file(
            "bad.toml",
            tiny_and("[hiring]\npremium = 9\n").replace("Tiny", "Bad"),
        )
        .args([
            "run",
            "good.toml",
            "bad.toml",
            "--out",
            "out",
            "--samples",
            "0",
            "--no-charts",
        ])
        .status(2)
        .run();
    run.nothing_written().stderr_has(
        "error: bad.toml:10:11: hiring.premium: expected a number between 0 and 3, found 9",
    );
}

#[test]
fn check_reports_errors_with_status_2() {
    Test::new()
        .file("good.toml", TINY)
        .file("bad.toml", tiny_and("[hiring]\npremium = 9\n"))
        .args(["check", "good.toml", "bad.toml"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has(
            "error: bad.toml:10:11: hiring.premium: expected a number between 0 and 3, found 9",
        );
}

#[test]
fn two_scenarios_writing_to_the_same_folder_are_refused() {
    Test::new()
        .file("a.toml", TINY)
        .file("b.toml", TINY)
        .args([
            "run",
            "a.toml",
            "b.toml",
            "--out",
            "out",
            "--samples",
            "0",
            "--no-charts",
        ])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: a.toml and b.toml both write to out/tiny");
}

#[test]
fn output_folder_that_cannot_be_created_is_a_runtime_failure() {
    Test::new()
        .scenario(TINY)
        .file("taken", "a file, not a folder\n")
        .args([
            "run",
            SCENARIO,
            "--out",
            "taken",
            "--samples",
            "0",
            "--no-charts",
        ])
        .status(1)
        .run()
        .nothing_written()
        .stderr_has("error: cannot create the output folder taken/tiny");
}

#[test]
fn unknown_command_is_a_usage_error() {
    Test::new()
        .arg("frobnicate")
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("unrecognized subcommand 'frobnicate'");
}

// --set

#[test]
fn set_with_an_unknown_key_suggests_the_closest_key() {
    Test::new()
        .scenario(TINY)
        .base_case()
        .args(["--set", "hiring.premum=0.3"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: scenario.toml: --set 'hiring.premum=0.3': hiring.premum: unknown key `premum` in [hiring]")
        .stderr_has("help: did you mean `hiring.premium`?");
}

#[test]
fn set_without_an_equals_sign_shows_the_form() {
    Test::new()
        .scenario(TINY)
        .base_case()
        .args(["--set", "premium"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: --set 'premium' is not KEY=VALUE")
        .stderr_has("--set hiring.premium=0.35");
}

#[test]
fn set_that_makes_a_value_invalid_names_the_set() {
    Test::new()
        .scenario(TINY)
        .base_case()
        .args(["--set", "hiring.premium=5"])
        .status(2)
        .run()
        .nothing_written()
        .stderr_has("error: scenario.toml: --set 'hiring.premium=5': hiring.premium: expected a number between 0 and 3, found 5");
}

/// A scenario in which the premium and the ramp both matter: one learner and
/// one hire, who arrives inside the twelve months.
fn hiring_scenario() -> String {
    TINY.replace("months = 3", "months = 12")
        + "[hiring]\nplan = [{ month = \"2027-01\", count = 1 }]\n"
}

fn summary_with(sets: &[&str]) -> (Outcome, common::Csv) {
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
        .scenario(&cost(
            "name = \"training\"\namount = 100\nmonth = \"2027-01\"\n",
        ))
        .base_case()
        .args(["--set", "costs.training.amount=250"])
        .run();
    run.base_is(&run.summary(), "training", "250.00");
}

// Other commands.

#[test]
fn new_writes_a_template_that_check_accepts() {
    let run = Test::new().args(["new", "plans/team.toml"]).run();
    run.stdout_has("wrote plans/team.toml");
    let written = std::fs::read(run.path().join("plans/team.toml"))
        .unwrap_or_else(|e| run.fail(format!("cannot read the template: {e}")));
    let template = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/template.toml"))
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
