//! Keys and sections: unknown or misplaced keys, values of the wrong type,
//! required keys, and a file that is not TOML at all.

use super::{rejects, tiny_and};
use crate::support::{TINY, Test};

// Unknown and misplaced keys.

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

// Required keys: reported at the header of the section they are missing from
// (`[team]` → its line, column 2, where the section's name starts), so that
// the location leads to the place where the key must be added.

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

// The file as a whole.

#[test]
fn invalid_toml_is_located() {
    rejects(
        &tiny_and("[hiring\npremium = 0.3\n"),
        "scenario.toml:9:8: this is not valid TOML",
        "check quotes, brackets",
    );
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
