//! Presence of hires and the recruiting fees (MODEL.md §2-§3): when a
//! baseline hire and a Rust hire arrive, and in which month each fee falls.

use super::base_case;

/// Presence, MODEL.md §2. days_to_hire = 15.21875 = D/2 and multiplier 2, so
/// tb = 0 + 15.21875/30.4375 = 0.5 and tr = 0 + 15.21875·2/30.4375 = 1.0 exactly.
/// No current team (E = 0), the hire already knows Rust (no ramp).
///   Pb = clamp(m + 1 − 0.5): 0.5, 1, 1      Pr = clamp(m + 1 − 1): 0, 1, 1
///   salary_premium = Pr · L · 0.25:           0, 2500, 2500
///   recruiting: ⌊tb⌋ = 0 → −120000 · 0.2 = −24000 in month 0;
///               ⌊tr⌋ = 1 → 120000 · 0.2 · 1.25 = 30000 in month 1
///   unfilled_seats = (Pr − Pb) · L:           −5000, 0, 0
///   vacancy = (Pb − Pr) · V:                   5000, 0, 0   (cancels, V = L)
///   total: −24000, 2500 + 30000 = 32500, 2500; cumulative −24000, 8500, 11000
#[test]
fn a_hire_whose_rust_wait_is_exactly_a_month_arrives_at_the_next_month() {
    let run = base_case(
        r#"
[scenario]
name = "Hire at a month boundary"
start = "2027-01"
months = 3

[team]
engineers = 0
salary = 120000
overhead = 0

[hiring]
plan = [{ month = "2027-01", count = 1 }]
days_to_hire = 15.21875
multiplier = 2
premium = 0.25
fee = 0.2
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.column_is(&monthly, "engineers", &["0.000", "1.000", "1.000"])
        .column_is(&monthly, "engineers_baseline", &["0.500", "1.000", "1.000"])
        .column_is(&monthly, "salary_premium", &["0.00", "2500.00", "2500.00"])
        .column_is(&monthly, "recruiting", &["-24000.00", "30000.00", "0.00"])
        .column_is(&monthly, "unfilled_seats", &["-5000.00", "0.00", "0.00"])
        .column_is(&monthly, "vacancy", &["5000.00", "0.00", "0.00"])
        .column_is(&monthly, "vacancy_em", &["0.500", "0.000", "0.000"])
        .column_is(&monthly, "total", &["-24000.00", "32500.00", "2500.00"])
        .column_is(
            &monthly,
            "cumulative_total",
            &["-24000.00", "8500.00", "11000.00"],
        );
}

/// Fractional presence: the opening is in month 1 ("2027-02"), multiplier 1.5,
/// so tb = 1 + 0.5 = 1.5 and tr = 1 + 15.21875·1.5/30.4375 = 1.75.
///   Pr: 0, clamp(2 − 1.75) = 0.25, 1         Pb: 0, 0.5, 1
///   salary_premium: 0, 0.25 · 10000 · 0.25 = 625, 2500
///   recruiting: ⌊1.75⌋ = ⌊1.5⌋ = 1: 30000 − 24000 = 6000 in month 1
///   unfilled_seats: 0, (0.25 − 0.5) · 10000 = −2500, 0; vacancy_em 0, 0.25, 0
///   total month 1: 625 + 6000 − 2500 + 2500 = 6625
#[test]
fn a_hire_joining_mid_month_is_present_for_the_rest_of_it() {
    let run = base_case(
        r#"
[scenario]
name = "Hire mid-month"
start = "2027-01"
months = 3

[team]
engineers = 0
salary = 120000
overhead = 0

[hiring]
plan = [{ month = "2027-02", count = 1 }]
days_to_hire = 15.21875
multiplier = 1.5
premium = 0.25
fee = 0.2
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.column_is(&monthly, "engineers", &["0.000", "0.250", "1.000"])
        .column_is(&monthly, "engineers_baseline", &["0.000", "0.500", "1.000"])
        .column_is(&monthly, "salary_premium", &["0.00", "625.00", "2500.00"])
        .column_is(&monthly, "recruiting", &["0.00", "6000.00", "0.00"])
        .column_is(&monthly, "unfilled_seats", &["0.00", "-2500.00", "0.00"])
        .column_is(&monthly, "vacancy_em", &["0.000", "0.250", "0.000"])
        .column_is(&monthly, "total", &["0.00", "6625.00", "2500.00"]);
}

/// Recruiting falls in month ⌊t⌋ (MODEL.md §3). Two roles open in month 0 with
/// days_to_hire 45 and multiplier 2.5:
///   tb = 45/30.4375 = 1.478439425051…  → ⌊tb⌋ = 1: −2 · 120000 · 0.2 = −48000
///   tr = 112.5/30.4375 = 3.696098562628… → ⌊tr⌋ = 3: 2 · 120000 · 0.2 · 1.25 = 60000
/// Presence: Pb(1) = 2 · (2 − 1.478439425051) = 1.043121149898 → 1.043,
///           Pr(3) = 2 · (4 − 3.696098562628) = 0.607802874744 → 0.608;
/// unfilled_seats = (Pr − Pb) · 10000: 0, −10431.21149898, −20000,
///           (0.607802874744 − 2) · 10000 = −13921.97125256, 0.
#[test]
fn recruiting_is_paid_in_the_month_of_the_floor_of_the_hire_time() {
    let run = base_case(
        r#"
[scenario]
name = "Recruiting month"
start = "2027-01"
months = 5

[team]
engineers = 0
salary = 120000
overhead = 0

[hiring]
plan = [{ month = "2027-01", count = 2 }]
days_to_hire = 45
multiplier = 2.5
premium = 0.25
fee = 0.2
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.column_is(
        &monthly,
        "recruiting",
        &["0.00", "-48000.00", "0.00", "60000.00", "0.00"],
    )
    .column_is(
        &monthly,
        "engineers",
        &["0.000", "0.000", "0.000", "0.608", "2.000"],
    )
    .column_is(
        &monthly,
        "engineers_baseline",
        &["0.000", "1.043", "2.000", "2.000", "2.000"],
    )
    .column_is(
        &monthly,
        "unfilled_seats",
        &["0.00", "-10431.21", "-20000.00", "-13921.97", "0.00"],
    );
}
