//! Phased and partial adoption, attrition and ramping savings (MODEL.md v2
//! §2-§3): waves, survival, leavers and their replacements, m_ci, the
//! savings ramp g(m), the run rate and the projected break-even. The expected
//! figures were worked out by hand from MODEL.md alone.

use super::base_case;

/// Attrition 0.12 → q = 0.01, S = 1, 0.99, 0.9801, 0.970299. One wave of 10
/// at the start; leavers ℓ(1) = 0.1, ℓ(2) = 0.099, ℓ(3) = 0.09801, each
/// replaced. Replacement s: tb = s + 45/D = s + 1.478439425051, tr = s +
/// 45·2.5/D = s + 3.696098562628, so no Rust replacement arrives within four
/// months while the baseline ones arrive in months 2 and 3:
///   Pb(2) = 9.801 + 0.1·(3 − 2.478439425051) = 9.8531560574949 → 9.853
///   Pb(3) = 9.70299 + 0.1 + 0.099·0.521560574949 = 9.854624496919951 → 9.855
///   recruiting: −0.1·100000·0.2 = −2000 (month 2), −0.099·20000 = −1980 (month 3)
///   ramp (T = 4.5, gap 0.7, F(x) = x − x²/9): 10·0.7·8/9 = 6.222 (month 0),
///   10·0.99·0.7·(14/9 − 8/9) = 4.620 (month 1).
#[test]
fn a_wave_loses_a_share_each_month_and_its_leavers_are_replaced_through_the_market() {
    let run = base_case(
        r#"
[scenario]
name = "Attrition"
start = "2027-01"
months = 4

[team]
engineers = 10
salary = 100000
attrition = 0.12

[hiring]
days_to_hire = 45
multiplier = 2.5
fee = 0.2
premium = 0.25
"#,
    );
    let monthly = run.monthly();
    run.column_is(
        &monthly,
        "rust_engineers",
        &["10.000", "9.900", "9.801", "9.703"],
    )
    .column_is(
        &monthly,
        "engineers",
        &["10.000", "9.900", "9.801", "9.703"],
    )
    .column_is(
        &monthly,
        "engineers_baseline",
        &["10.000", "9.900", "9.853", "9.855"],
    )
    .column_is(
        &monthly,
        "vacancy_em",
        &["0.000", "0.000", "0.052", "0.152"],
    )
    .column_is(
        &monthly,
        "recruiting",
        &["0.00", "0.00", "-2000.00", "-1980.00"],
    );
    let ramp = monthly.column("ramp_em");
    assert_eq!(&ramp[..2], ["6.222", "4.620"]);
    let mentoring = monthly.column("mentoring_em");
    assert_eq!(&mentoring[..2], ["1.000", "0.990"]);
}

/// The replacement of month 1 (c = ℓ(1) = 0.1) with 45 days and multiplier 2:
/// tr = 1 + 2.956878850103 (Rust fee in month 3, in post 0.043121149897 of
/// it), tb = 1 + 1.478439425051 (baseline fee in month 2). Fees 30000 (Rust,
/// 120000·0.2·1.25) and 24000 (baseline):
///   recruiting 2: −0.1·24000 = −2400; 3: +3000 − 0.099·24000 = 624;
///   4: 0.099·30000 − 0.09801·24000 = 617.76; 5: 2940.30 − 0.0980299·24000 = 587.58
///   (ℓ(4) = 0.0970299 + 0.001: the replacement itself leaves from month 4).
///   R(3) = 9.70299 + 0.1·0.043121149897 = 9.7073021149897 → 9.707
///   Pb(3) = 9.854624496919951 → 9.855; vacancy_em(3) = 0.147
#[test]
fn a_replacement_arrives_after_the_rust_hiring_delay_and_can_leave_in_turn() {
    let run = base_case(
        r#"
[scenario]
name = "Replacement"
start = "2027-01"
months = 6

[team]
engineers = 10
salary = 120000
attrition = 0.12

[hiring]
days_to_hire = 45
multiplier = 2
fee = 0.2
premium = 0.25
"#,
    );
    let monthly = run.monthly();
    run.column_is(
        &monthly,
        "recruiting",
        &["0.00", "0.00", "-2400.00", "624.00", "617.76", "587.58"],
    );
    assert_eq!(monthly.column("rust_engineers")[3..5], ["9.707", "9.709"]);
    assert_eq!(monthly.column("engineers_baseline")[3], "9.855");
    assert_eq!(monthly.column("vacancy_em")[3], "0.147");
}

/// Waves of 2 (month 0) and 3 (month 2) of a team of 5, ramp 3 months:
/// F(1) − F(0) = 5/6, F(2) − F(1) = 1/2, F(3) − F(2) = 1/6, gap 0.7.
///   ramp_em: 2·0.7·5/6, 2·0.7/2, 2·0.7/6 + 3·0.7·5/6, 3·0.7/2, 3·0.7/6
///   mentoring_em: 0.2, 0.2, 0.5, 0.3, 0.3; R = 2, 2, 5, 5, 5; Pr = E = 5.
/// The 3 engineers waiting for their wave cost nothing until it comes: their
/// build waits and productivity count only from month 2 (R, not E).
#[test]
fn each_wave_ramps_from_its_own_month_and_counts_in_rust_from_then_on() {
    let run = base_case(
        r#"
[scenario]
name = "Two waves"
start = "2027-01"
months = 5

[team]
engineers = 5
salary = 120000
know_rust = 0

[adoption]
waves = [{ month = "2027-01", engineers = 2 }, { month = "2027-03", engineers = 3 }]

[ramp]
months = 3
start_productivity = 0.3
steady_productivity = 1.0
mentoring = 0.1

[builds]
incremental_per_day = 0
clean_per_day = 0
"#,
    );
    let monthly = run.monthly();
    run.column_is(
        &monthly,
        "ramp_em",
        &["1.167", "0.700", "1.983", "1.050", "0.350"],
    )
    .column_is(
        &monthly,
        "mentoring_em",
        &["0.200", "0.200", "0.500", "0.300", "0.300"],
    )
    .column_is(
        &monthly,
        "rust_engineers",
        &["2.000", "2.000", "5.000", "5.000", "5.000"],
    )
    .column_is(
        &monthly,
        "engineers",
        &["5.000", "5.000", "5.000", "5.000", "5.000"],
    );
}

/// With `[adoption]`, Rust CI starts with the first wave (m_ci = 2) and the
/// savings, without `benefits.from`, start then too, growing linearly over
/// ramp_months = 2: g = 1/4, 3/4, 1, ... of 4000 a month (F_s(x) = x − x²/4).
/// A per-engineer cost follows R(m): nobody works in Rust before month 2.
#[test]
fn ci_savings_and_per_engineer_costs_start_with_the_first_wave() {
    let run = base_case(
        r#"
[scenario]
name = "Late first wave"
start = "2027-01"
months = 5

[team]
engineers = 4
salary = 120000
know_rust = 1

[adoption]
waves = [{ month = "2027-03", engineers = 4 }]

[builds]
incremental_per_day = 0
clean_per_day = 0
clean_minutes = 13
baseline_clean_minutes = 3
ci_builds_per_day = 10
ci_cost_per_minute = 0.01

[[costs]]
name = "licences"
amount = 50
from = "2027-01"
per_engineer = true

[benefits]
infra_per_month = 4000
ramp_months = 2
"#,
    );
    let monthly = run.monthly();
    // March 2027 has 23 weekdays, April 22, May 21: 10 builds · 10 min · 0.01.
    run.column_is(
        &monthly,
        "ci_compute",
        &["0.00", "0.00", "23.00", "22.00", "21.00"],
    )
    .column_is(
        &monthly,
        "infra_savings",
        &["0.00", "0.00", "-1000.00", "-3000.00", "-4000.00"],
    )
    .column_is(
        &monthly,
        "licences",
        &["0.00", "0.00", "200.00", "200.00", "200.00"],
    );
}

/// `waves = []`: nobody on the team switches; only the plan's hires work in
/// Rust, so R = H. The hire arrives at tr = 45·2/D = 2.956878850103: nobody
/// works in Rust before month 2, which is m_ci.
#[test]
fn with_no_waves_only_the_hires_work_in_rust() {
    let run = base_case(
        r#"
[scenario]
name = "Hires only"
start = "2027-01"
months = 4

[team]
engineers = 6
salary = 120000

[adoption]
waves = []

[hiring]
plan = [{ month = "2027-01", count = 1 }]
days_to_hire = 45
multiplier = 2
know_rust = 1

[builds]
incremental_per_day = 0
clean_per_day = 0
ci_builds_per_day = 1
"#,
    );
    let monthly = run.monthly();
    run.column_is(
        &monthly,
        "rust_engineers",
        &["0.000", "0.000", "0.043", "1.000"],
    );
    let ci = monthly.column("ci_compute");
    assert_eq!(&ci[..2], ["0.00", "0.00"]);
    assert!(ci[2] != "0.00" && ci[3] != "0.00");
}

/// A cost that ends in savings: 10000 once, then −1000 a month from month 1.
/// After 6 months the cumulative total is 5000 and the run rate −1000, so the
/// break-even is projected ⌈5000/1000⌉ = 5 months after the horizon.
#[test]
fn without_a_break_even_the_run_rate_projects_one() {
    let run = base_case(
        r#"
[scenario]
name = "Projection"
start = "2027-01"
months = 6

[team]
engineers = 0
salary = 120000

[[costs]]
name = "rewrite"
amount = 10000
month = "2027-01"

[benefits]
from = "2027-02"
infra_per_month = 1000
"#,
    );
    let summary = run.summary();
    run.base_is(&summary, "run_rate", "-1000.00");
    assert_eq!(run.break_even(), "none within horizon");
    assert_eq!(run.projected_break_even().as_deref(), Some("2027-11"));
    run.stdout_has("projected 2027-11 if every later month saves 1,000.00 USD");
}
