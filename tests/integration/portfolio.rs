//! `adoptcost portfolio`: the organisation's base case is the sum of each
//! team's own `run` by calendar month, to the cent; each team's folder is what
//! `run` writes; shared inputs widen the spread; same seed, same bytes. Its
//! refusals are pinned in `error_messages/portfolio.rs`.

use std::collections::BTreeMap;

use crate::support::csv::dec;
use crate::support::{Outcome, Test, shipped};

/// Two teams on different calendars (2027-01 for 12 months, 2027-07 for 9),
/// the second with a `set` override, and a shared hiring market.
pub(crate) fn two_teams(shared: &str) -> Test {
    Test::new()
        .file(
            "org/portfolio.toml",
            format!(
                "[portfolio]\nname = \"Org plan\"\ncurrency = \"EUR\"\n\n[[team]]\nscenario = \"teams/a.toml\"\n\n[[team]]\nscenario = \"teams/b.toml\"\nname = \"Team B\"\nset = {{ \"hiring.premium\" = [0.3, 0.5], \"scenario.discount_rate\" = 0.07 }}\n\n[shared]\ninputs = [{shared}]\n"
            ),
        )
        .file("org/teams/a.toml", team("Team A", "2027-01", 12, "[2, 3]"))
        .file(
            "org/teams/b.toml",
            team("Team B file", "2027-07", 9, "{ low = 1.5, mode = 2, high = 4, dist = \"pert\" }"),
        )
}

fn team(name: &str, start: &str, months: u32, multiplier: &str) -> String {
    format!(
        "[scenario]\nname = \"{name}\"\nstart = \"{start}\"\nmonths = {months}\ncurrency = \"EUR\"\ndiscount_rate = 0.05\n[team]\nengineers = 7\nsalary = 91234.57\n[adoption]\nwaves = [{{ month = \"{start}\", engineers = 4 }}]\n[hiring]\nplan = [{{ month = \"{start}\", count = 2 }}]\nmultiplier = {multiplier}\npremium = [0.1, 0.3]\n[ramp]\nmonths = [2, 6]\n[benefits]\ninfra_per_month = [100, 900]\n[[costs]]\nname = \"course\"\namount = [3000, 7000.01]\nmonth = \"{start}\"\n"
    )
}

/// `run` of one team file of a finished portfolio `test`, on its own, with
/// `samples` and `sets`: what the portfolio must agree with.
#[track_caller]
fn own_run(test: &Outcome, file: &str, samples: &str, sets: &[&str]) -> Outcome {
    Test::new()
        .file(
            "t.toml",
            std::fs::read(test.path().join(file)).unwrap_or_default(),
        )
        .args([
            "run",
            "t.toml",
            "--out",
            "out",
            "--samples",
            samples,
            "--no-charts",
        ])
        .args(sets.iter().copied())
        .run()
}

const ORG: &str = "out/org-plan";

#[test]
fn org_monthly_totals_equal_the_sum_of_each_teams_own_run_by_calendar_month() {
    let run = two_teams("\"hiring.multiplier\"")
        .args([
            "portfolio",
            "org/portfolio.toml",
            "--out",
            "out",
            "--samples",
            "0",
            "--no-charts",
        ])
        .run();
    let monthly = run.csv(format!("{ORG}/monthly.csv"));
    assert_eq!(
        monthly.header,
        [
            "month",
            "team-a",
            "team-b",
            "org_total",
            "org_cumulative",
            "org_cash_total",
            "org_capacity_cost",
            "org_capacity_em"
        ]
    );
    // Each team on its own, as `run` with the portfolio's overrides.
    let own = |file: &str, sets: &[&str]| {
        let single = own_run(&run, file, "0", sets);
        let csv = single.monthly();
        let mut by_month = BTreeMap::new();
        for i in 0..csv.rows.len() {
            let r = csv.record(i);
            by_month.insert(
                r["month"].to_string(),
                [
                    r["total"],
                    r["cash_total"],
                    r["capacity_cost"],
                    r["capacity_em"],
                ]
                .map(dec),
            );
        }
        by_month
    };
    let a = own("org/teams/a.toml", &[]);
    let b = own(
        "org/teams/b.toml",
        &[
            "--set",
            "hiring.premium=[0.3, 0.5]",
            "--set",
            "scenario.discount_rate=0.07",
        ],
    );
    // 2027-01 to 2028-03: A's 12 months and B's 9 from July.
    assert_eq!(monthly.rows.len(), 15);
    let mut cumulative = dec("0");
    for i in 0..monthly.rows.len() {
        let r = monthly.record(i);
        let zero = [dec("0"); 4];
        let ra = a.get(r["month"]).unwrap_or(&zero);
        let rb = b.get(r["month"]).unwrap_or(&zero);
        assert_eq!(dec(r["team-a"]), ra[0], "{}", r["month"]);
        assert_eq!(dec(r["team-b"]), rb[0], "{}", r["month"]);
        assert_eq!(dec(r["org_total"]), ra[0] + rb[0], "{}", r["month"]);
        assert_eq!(dec(r["org_cash_total"]), ra[1] + rb[1]);
        assert_eq!(dec(r["org_capacity_cost"]), ra[2] + rb[2]);
        assert_eq!(dec(r["org_capacity_em"]), ra[3] + rb[3]);
        cumulative += ra[0] + rb[0];
        assert_eq!(dec(r["org_cumulative"]), cumulative);
    }
    // A team outside its horizon writes a zero with two decimals.
    assert_eq!(monthly.record(0)["team-b"], "0.00");
    assert_eq!(monthly.record(14)["team-a"], "0.00");
}

#[test]
fn summary_base_values_and_team_folders_equal_each_teams_own_run() {
    let run = two_teams("\"hiring.multiplier\"")
        .args([
            "portfolio",
            "org/portfolio.toml",
            "--out",
            "out",
            "--samples",
            "300",
            "--no-charts",
        ])
        .run();
    let summary = run.csv(format!("{ORG}/summary.csv"));
    assert_eq!(
        summary.header,
        [
            "team",
            "total_base",
            "mean",
            "p10",
            "p50",
            "p90",
            "npv",
            "break_even",
            "break_even_chance"
        ]
    );
    assert_eq!(summary.column("team"), ["team-a", "team-b", "organisation"]);
    let single = own_run(
        &run,
        "org/teams/b.toml",
        "300",
        &[
            "--set",
            "hiring.premium=[0.3, 0.5]",
            "--set",
            "scenario.discount_rate=0.07",
        ],
    );
    let own = single.summary();
    assert_eq!(summary.record(1)["total_base"], own.base("total"));
    assert_eq!(summary.record(1)["npv"], own.base("npv"));
    // The team's folder is byte for byte what `run` writes.
    for file in ["monthly.csv", "summary.csv", "sensitivity.csv", "bands.csv"] {
        let ours = std::fs::read(run.path().join(format!("{ORG}/teams/team-b/{file}")));
        let theirs = std::fs::read(single.result_dir().join(file));
        run.check(
            ours.is_ok() && ours.ok() == theirs.ok(),
            format!("teams/team-b/{file} differs from run's"),
        );
    }
    // The organisation's base total is the sum of the teams'.
    let total: Vec<_> = summary.column("total_base").into_iter().map(dec).collect();
    assert_eq!(total[2], total[0] + total[1]);
    let org = summary.record(2);
    run.check(
        dec(org["p10"]) < dec(org["p50"]) && dec(org["p50"]) < dec(org["p90"]),
        "org percentiles ascend",
    );
    let bands = run.csv(format!("{ORG}/bands.csv"));
    assert_eq!(bands.rows.len(), 15);
    assert_eq!(bands.record(14)["p90"], org["p90"]);
    let sensitivity = run.csv(format!("{ORG}/sensitivity.csv"));
    let keys = sensitivity.column("input");
    run.check(
        keys.contains(&"hiring.multiplier"),
        "the shared key has one row",
    )
    .check(
        keys.contains(&"team-a.hiring.premium") && keys.contains(&"team-b.ramp.months"),
        "other inputs are prefixed by team",
    )
    .check(
        !keys.iter().any(|k| k.ends_with(".hiring.multiplier")),
        "a shared key is not repeated per team",
    );
}

#[test]
fn shared_inputs_widen_the_org_spread_on_the_same_teams_and_seed() {
    let spread = |shared: &str| {
        let run = two_teams(shared)
            .args([
                "portfolio",
                "org/portfolio.toml",
                "--out",
                "out",
                "--samples",
                "4000",
                "--no-charts",
                "-q",
            ])
            .run();
        let summary = run.csv(format!("{ORG}/summary.csv"));
        let org = summary.record(2);
        dec(org["p90"]) - dec(org["p10"])
    };
    let shared = spread("\"hiring.multiplier\", \"hiring.premium\", \"ramp.months\"");
    let apart = spread("");
    assert!(shared >= apart, "{shared} < {apart}");
}

#[test]
fn same_seed_gives_byte_identical_files() {
    let args = [
        "portfolio",
        "org/portfolio.toml",
        "--out",
        "out",
        "--samples",
        "1500",
        "--seed",
        "9",
        "--no-charts",
        "-q",
    ];
    let first = two_teams("\"hiring.multiplier\"").args(args).run();
    let second = two_teams("\"hiring.multiplier\"").args(args).run();
    for file in [
        "monthly.csv",
        "summary.csv",
        "bands.csv",
        "sensitivity.csv",
        "teams/team-a/bands.csv",
    ] {
        let a = std::fs::read(first.path().join(format!("{ORG}/{file}"))).unwrap_or_default();
        let b = std::fs::read(second.path().join(format!("{ORG}/{file}"))).unwrap_or_default();
        first.check(
            !a.is_empty() && a == b,
            format!("{file} differs between two runs"),
        );
    }
}

#[test]
fn the_shipped_portfolio_runs_and_its_staying_team_adds_nothing() {
    let run = Test::new()
        .args([
            "portfolio",
            shipped("portfolio/platform-org.toml").as_str(),
            "--out",
            "out",
            "--samples",
            "500",
            "--no-charts",
        ])
        .run();
    run.stdout_has("Platform org, Rust plan 2027-2029 (3 teams)")
        .stdout_has("2027-01 to 2030-06");
    let dir = "out/platform-org-rust-plan-2027-2029";
    let monthly = run.csv(format!("{dir}/monthly.csv"));
    run.check(
        monthly.column("billing-stays").iter().all(|c| *c == "0.00"),
        "billing stays: every month zero",
    );
    for team in ["proxy", "storage", "billing-stays"] {
        run.csv(format!("{dir}/teams/{team}/monthly.csv"));
    }
}

#[test]
fn charts_are_real_pngs_with_svg_twins_and_no_charts_writes_none() {
    let run = two_teams("\"hiring.multiplier\"")
        .args([
            "portfolio",
            "org/portfolio.toml",
            "--out",
            "out",
            "--samples",
            "300",
            "--svg",
            "--chart-size",
            "800x450",
            "-q",
        ])
        .run();
    for stem in ["teams", "cumulative", "tornado", "distribution"] {
        crate::support::images::assert_real_png(
            &run.path().join(format!("{ORG}/{stem}.png")),
            800,
            450,
        );
        let svg = crate::support::images::svg_text(&run.path().join(format!("{ORG}/{stem}.svg")));
        run.check(
            svg.contains("Org plan"),
            format!("{stem}.svg is titled with the portfolio's name"),
        );
    }
    let svg = crate::support::images::svg_text(&run.path().join(format!("{ORG}/teams.svg")));
    run.check(
        svg.contains("Monthly cost by team") && svg.contains("Team B"),
        "teams.svg stacks the teams by name",
    );
    // Each team's own charts are in its folder, as `run` draws them.
    crate::support::images::assert_real_png(
        &run.path().join(format!("{ORG}/teams/team-a/breakdown.png")),
        800,
        450,
    );
    let again = run
        .again()
        .args([
            "portfolio",
            "org/portfolio.toml",
            "--out",
            "out",
            "--samples",
            "300",
            "--no-charts",
            "-q",
        ])
        .run();
    again.check(
        !again.path().join(format!("{ORG}/teams.png")).exists(),
        "--no-charts removes the charts of an earlier run",
    );
}

#[test]
fn command_line_set_applies_to_every_team_after_its_own_set() {
    // --set hiring.premium=0.2 overrides team B's own `set` of [0.3, 0.5] too.
    let run = two_teams("")
        .args([
            "portfolio",
            "org/portfolio.toml",
            "--out",
            "out",
            "--samples",
            "0",
            "--no-charts",
        ])
        .args(["--set", "hiring.premium=0.2"])
        .run();
    let summary = run.csv(format!("{ORG}/summary.csv"));
    for (i, file, sets) in [
        (0, "org/teams/a.toml", vec!["--set", "hiring.premium=0.2"]),
        (
            1,
            "org/teams/b.toml",
            vec![
                "--set",
                "scenario.discount_rate=0.07",
                "--set",
                "hiring.premium=0.2",
            ],
        ),
    ] {
        let single = own_run(&run, file, "0", &sets);
        assert_eq!(
            summary.record(i)["total_base"],
            single.summary().base("total"),
            "{file}"
        );
    }
    run.stdout_lacks("P10");
    assert_eq!(summary.record(2)["p10"], "");
    assert_eq!(summary.record(2)["break_even_chance"], "");
}
