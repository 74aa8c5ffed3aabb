//! What MODEL.md §3-§5 promise about `monthly.csv` and `summary.csv`,
//! checked on the files of any run: the header, the number format, and that
//! every total is the sum of the rounded cells (a spreadsheet's SUM of a column
//! equals the total the tool prints, to the cent).

use rust_decimal::Decimal;

use super::csv::{dec, decimals};
use super::{Outcome, SCENARIO};

/// Capacity items (MODEL.md §3); `X` is money, `X_em` engineer-months.
const CAPACITY: [&str; 5] = ["vacancy", "ramp", "mentoring", "productivity", "build_wait"];
/// Cash columns before the `[[costs]]` columns, and after them (MODEL.md §3).
const CASH_BEFORE_COSTS: [&str; 5] = [
    "salary_premium",
    "retention_raise",
    "recruiting",
    "unfilled_seats",
    "ci_compute",
];
const CASH_AFTER_COSTS: [&str; 2] = ["infra_savings", "incident_savings"];

/// What the test needs to know of a scenario, read from its text.
struct Facts {
    start: String,
    months: usize,
    discount_rate: f64,
    costs: Vec<String>,
}

fn facts(name: &str, text: &str) -> Facts {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc =
        toml_edit::Document::parse(text).unwrap_or_else(|e| panic!("{name} is not TOML: {e}"));
    let scenario = doc
        .get("scenario")
        .unwrap_or_else(|| panic!("{name}: no [scenario]"));
    let number = |item: Option<&toml_edit::Item>| {
        item.and_then(|i| i.as_float().or_else(|| i.as_integer().map(|n| n as f64)))
    };
    Facts {
        start: scenario
            .get("start")
            .and_then(|s| s.as_str())
            .unwrap_or_else(|| panic!("{name}: no scenario.start"))
            .to_string(),
        months: scenario
            .get("months")
            .and_then(toml_edit::Item::as_integer)
            .map_or(24, |m| usize::try_from(m).unwrap_or_default()),
        discount_rate: number(scenario.get("discount_rate")).unwrap_or(0.0),
        costs: doc
            .get("costs")
            .and_then(toml_edit::Item::as_array_of_tables)
            .map(|costs| {
                costs
                    .iter()
                    .map(|c| {
                        c.get("name")
                            .and_then(|n| n.as_str())
                            .unwrap_or_default()
                            .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn month_after(start: &str, m: usize) -> String {
    let (y, mo) = start.split_once('-').unwrap_or_default();
    let ordinal =
        y.parse::<usize>().unwrap_or_default() * 12 + mo.parse::<usize>().unwrap_or(1) - 1 + m;
    format!("{:04}-{:02}", ordinal / 12, ordinal % 12 + 1)
}

/// `-?digits.digits` with exactly `decimals` decimals, and never a negative zero.
fn well_formed(cell: &str, decimals: usize) -> bool {
    let unsigned = cell.strip_prefix('-').unwrap_or(cell);
    let Some((int, frac)) = unsigned.split_once('.') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let negative_zero = cell.starts_with('-') && unsigned.bytes().all(|b| b == b'0' || b == b'.');
    digits(int) && digits(frac) && frac.len() == decimals && !negative_zero
}

fn is_em(column: &str) -> bool {
    column.ends_with("_em")
        || column == "engineers"
        || column == "engineers_baseline"
        || column == "rust_engineers"
}

/// The expected monthly.csv header (MODEL.md §5).
fn expected_header(costs: &[String]) -> Vec<String> {
    let mut h: Vec<String> = ["month", "engineers", "engineers_baseline", "rust_engineers"]
        .map(String::from)
        .to_vec();
    h.extend(CASH_BEFORE_COSTS.map(String::from));
    h.extend(costs.iter().cloned());
    h.extend(CASH_AFTER_COSTS.map(String::from));
    h.push("cash_total".into());
    h.extend(CAPACITY.map(String::from));
    h.extend(["capacity_cost", "total", "cumulative_total"].map(String::from));
    h.extend(CAPACITY.map(|c| format!("{c}_em")));
    h.push("capacity_em".into());
    h
}

/// The expected summary.csv metrics (MODEL.md §5).
fn expected_metrics(costs: &[String]) -> Vec<String> {
    let mut m: Vec<String> = CASH_BEFORE_COSTS.map(String::from).to_vec();
    m.extend(costs.iter().cloned());
    m.extend(CASH_AFTER_COSTS.map(String::from));
    m.extend(CAPACITY.map(String::from));
    m.extend(["cash_total", "capacity_cost", "total"].map(String::from));
    m.extend(CAPACITY.map(|c| format!("{c}_em")));
    m.push("capacity_em".into());
    m.push("npv".into());
    m.push("run_rate".into());
    m
}

fn sum(cells: &[Decimal]) -> Decimal {
    cells.iter().copied().sum()
}

/// Every promise of MODEL.md §3-§5 about the two CSV files of a successful
/// run of `scenario.toml`; `name` says which scenario it is in messages.
#[track_caller]
pub(crate) fn check_outputs(run: &Outcome, name: &str) {
    let path = run.path().join(SCENARIO);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| run.fail(format!("cannot read {}: {e}", path.display())));
    let facts = facts(name, &text);
    let monthly = run.monthly();
    let summary = run.summary();
    for csv in [&monthly, &summary] {
        run.check(
            !csv.bytes.starts_with(b"\xEF\xBB\xBF"),
            format!("{name}: {} starts with a BOM", csv.path.display()),
        );
    }

    // Shape: header, one row per month, consecutive months from `start`.
    let header = expected_header(&facts.costs);
    run.check(
        monthly.header == header,
        format!(
            "{name}: monthly.csv header\n  is       {:?}\n  expected {header:?}",
            monthly.header
        ),
    );
    run.check(
        monthly.rows.len() == facts.months,
        format!(
            "{name}: monthly.csv has {} rows, expected {}",
            monthly.rows.len(),
            facts.months
        ),
    );
    for (m, month) in monthly.column("month").iter().enumerate() {
        let expected = month_after(&facts.start, m);
        run.check(
            *month == expected,
            format!("{name}: row {m} is month {month}, expected {expected}"),
        );
    }

    // Cells: money with 2 decimals, `_em` and engineer counts with 3, no -0.
    for (r, row) in monthly.rows.iter().enumerate() {
        for (column, cell) in monthly.header.iter().zip(row).skip(1) {
            let places = if is_em(column) { 3 } else { 2 };
            run.check(
                well_formed(cell, places),
                format!("{name}: monthly.csv row {r} {column} = `{cell}`: expected {places} decimals and no -0"),
            );
        }
    }
    let metrics = expected_metrics(&facts.costs);
    run.check(
        summary.header.first().map(String::as_str) == Some("metric")
            && summary.header.get(1).map(String::as_str) == Some("base"),
        format!(
            "{name}: summary.csv header {:?} should start with metric,base",
            summary.header
        ),
    );
    run.check(
        summary.metrics() == metrics,
        format!(
            "{name}: summary.csv metrics\n  are      {:?}\n  expected {metrics:?}",
            summary.metrics()
        ),
    );
    for metric in &metrics {
        let places = if metric.ends_with("_em") { 3 } else { 2 };
        let cell = summary.base(metric);
        run.check(
            well_formed(cell, places),
            format!(
                "{name}: summary.csv {metric} = `{cell}`: expected {places} decimals and no -0"
            ),
        );
    }

    // Every column's SUM is its horizon total (MODEL.md §4).
    let column = |c: &str| decimals(&monthly.column(c));
    for metric in metrics.iter().filter(|m| *m != "npv" && *m != "run_rate") {
        let total = sum(&column(metric));
        let base = dec(summary.base(metric));
        run.check(
            total == base,
            format!("{name}: SUM of monthly {metric} is {total}, summary base says {base}"),
        );
    }

    // Each row's totals are sums of its rounded cells (MODEL.md §3-§4).
    let cash_columns: Vec<String> = CASH_BEFORE_COSTS
        .iter()
        .map(|c| c.to_string())
        .chain(facts.costs.iter().cloned())
        .chain(CASH_AFTER_COSTS.iter().map(|c| c.to_string()))
        .collect();
    let mut cumulative = Decimal::ZERO;
    for (r, row) in monthly.rows.iter().enumerate() {
        let cell = |c: &str| dec(&row[monthly.index(c)]);
        let cash = cash_columns.iter().map(|c| cell(c)).sum::<Decimal>();
        let capacity = CAPACITY.iter().map(|c| cell(c)).sum::<Decimal>();
        let em = CAPACITY
            .iter()
            .map(|c| cell(&format!("{c}_em")))
            .sum::<Decimal>();
        cumulative += cell("total");
        for (what, is, expected) in [
            ("cash_total", cell("cash_total"), cash),
            ("capacity_cost", cell("capacity_cost"), capacity),
            (
                "total",
                cell("total"),
                cell("cash_total") + cell("capacity_cost"),
            ),
            ("capacity_em", cell("capacity_em"), em),
            ("cumulative_total", cell("cumulative_total"), cumulative),
        ] {
            run.check(
                is == expected,
                format!(
                    "{name}: monthly row {r} ({}): {what} is {is}, its parts add up to {expected}",
                    row[0]
                ),
            );
        }
    }

    // NPV discounts the rounded monthly totals (MODEL.md §3); the test's f64
    // factors are good to far less than a cent at these sizes.
    let npv: f64 = column("total")
        .iter()
        .enumerate()
        .map(|(m, t)| {
            let t: f64 = t.to_string().parse().unwrap_or(f64::NAN);
            t * (1.0 + facts.discount_rate).powf(-((m + 1) as f64) / 12.0)
        })
        .sum();
    let printed: f64 = summary.base("npv").parse().unwrap_or(f64::NAN);
    run.check(
        (npv - printed).abs() <= 0.011,
        format!("{name}: npv is {printed}, the discounted monthly totals give {npv:.4}"),
    );

    // The break-even month on stdout is the first month from which the
    // cumulative total stays <= 0 (MODEL.md §3).
    let cumulative = column("cumulative_total");
    let months = monthly.column("month");
    let expected = (0..cumulative.len())
        .rev()
        .take_while(|&m| cumulative[m] <= Decimal::ZERO)
        .last()
        .map_or("none within horizon".to_string(), |m| months[m].to_string());
    let printed = run.break_even();
    run.check(
        printed == expected,
        format!("{name}: break-even printed as `{printed}`, monthly.csv says `{expected}`"),
    );

    // The run rate is the last month's total; without a break-even and with
    // a saving run rate, the projection is ⌈C / (−run rate)⌉ months after the
    // last month, or none within 100 years beyond 1,200 (MODEL.md §3).
    let totals = column("total");
    let run_rate = totals.last().copied().unwrap_or_default();
    run.check(
        dec(summary.base("run_rate")) == run_rate,
        format!(
            "{name}: run_rate is {}, the last month's total is {run_rate}",
            summary.base("run_rate")
        ),
    );
    let last_cumulative = cumulative.last().copied().unwrap_or_default();
    let expected_projection =
        (expected == "none within horizon" && run_rate < Decimal::ZERO).then(|| {
            let k = (last_cumulative / -run_rate).ceil();
            if k > Decimal::from(1200) {
                "none within 100 years".to_string()
            } else {
                let k: usize = k.to_string().parse().unwrap_or(usize::MAX);
                month_after(&facts.start, facts.months - 1 + k)
            }
        });
    let projected = run.projected_break_even();
    run.check(
        projected == expected_projection,
        format!(
            "{name}: projected break-even printed as {projected:?}, monthly.csv gives {expected_projection:?}"
        ),
    );
}

#[test]
fn the_cell_format_check_rejects_negative_zero_and_wrong_decimals() {
    assert!(well_formed("0.00", 2));
    assert!(well_formed("-12.50", 2));
    assert!(!well_formed("-0.00", 2));
    assert!(!well_formed("-0.000", 3));
    assert!(!well_formed("1.5", 2));
    assert!(!well_formed("1,000.00", 2));
    assert!(!well_formed("1e3", 2));
    assert!(!well_formed(".50", 2));
}
