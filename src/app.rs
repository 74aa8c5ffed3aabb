//! The commands: each reads as the whole program (parse → validate → compute →
//! export → report).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::cli::{CheckArgs, Cli, Command, NewArgs, RunArgs};
use crate::error::AppError;
use crate::export::{self, OutputFile};
use crate::model::base::{self, BaseCase};
use crate::scenario::{self, Loaded, Override, Scenario};

/// The template written by `adoptcost new`.
const TEMPLATE: &str = include_str!("../docs/template.toml");

pub fn run(cli: Cli) -> Result<(), AppError> {
    match cli.command {
        Command::Run(args) => run_scenarios(&args),
        Command::Check(args) => check(&args),
        Command::New(args) => new(&args),
        Command::Assumptions => {
            print_stdout(&crate::assumptions::render());
            Ok(())
        }
    }
}

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
pub fn print_stdout(text: &str) {
    let mut out = io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        // The reader went away: nothing more to say to it.
    }
}

fn parse_overrides(set: &[String]) -> Result<Vec<Override>, AppError> {
    set.iter()
        .map(|s| Override::parse(s).map_err(|e| AppError::Input(format!("--set {e}"))))
        .collect()
}

/// Loads every scenario; all problems of all files are reported together.
pub fn load_all(paths: &[PathBuf], overrides: &[Override]) -> Result<Vec<Loaded>, AppError> {
    let mut loaded = Vec::new();
    let mut messages = Vec::new();
    for path in paths {
        match scenario::load(path, overrides) {
            Ok(l) => loaded.push(l),
            Err(e) => {
                messages.push(e.to_string());
            }
        }
    }
    for l in &loaded {
        for w in &l.warnings {
            eprintln!("warning: {w}");
        }
    }
    if messages.is_empty() {
        Ok(loaded)
    } else {
        Err(AppError::Input(messages.join("\nerror: ")))
    }
}

fn check(args: &CheckArgs) -> Result<(), AppError> {
    let overrides = parse_overrides(&args.overrides.set)?;
    let loaded = load_all(&args.scenarios, &overrides)?;
    let mut text = String::new();
    for l in &loaded {
        // The base case also catches overflow, which is an input problem.
        base::run(&l.scenario).map_err(|e| AppError::Input(format!("{}: {e}", l.scenario.file)))?;
        text.push_str(&format!(
            "ok: {} ({}, {} months from {})\n",
            l.scenario.file, l.scenario.name, l.scenario.months, l.scenario.start
        ));
    }
    print_stdout(&text);
    Ok(())
}

fn new(args: &NewArgs) -> Result<(), AppError> {
    let path = &args.path;
    if path.exists() {
        return Err(AppError::Input(format!(
            "{} already exists; choose another path or remove it first (adoptcost new never overwrites)",
            path.display()
        )));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            AppError::Runtime(anyhow::anyhow!("cannot create {}: {e}", parent.display()))
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| AppError::Runtime(anyhow::anyhow!("cannot create {}: {e}", path.display())))?;
    file.write_all(TEMPLATE.as_bytes())
        .map_err(|e| AppError::Runtime(anyhow::anyhow!("cannot write {}: {e}", path.display())))?;
    print_stdout(&format!(
        "wrote {}\nedit it, then run: adoptcost run {}\n",
        path.display(),
        path.display()
    ));
    Ok(())
}

/// Everything computed for one scenario, ready for the exporters.
pub struct Results {
    pub scenario: Scenario,
    pub base: BaseCase,
}

/// Computes a scenario's results (no files touched).
pub fn compute(scenario: Scenario, _args: &RunArgs) -> Result<Results, AppError> {
    let base =
        base::run(&scenario).map_err(|e| AppError::Input(format!("{}: {e}", scenario.file)))?;
    Ok(Results { scenario, base })
}

/// The files of one scenario's results.
pub fn render_files(results: &Results) -> Result<Vec<OutputFile>, AppError> {
    let base = &results.base;
    let files = vec![
        OutputFile {
            name: "monthly.csv".to_string(),
            bytes: export::csv::monthly(base)?,
        },
        OutputFile {
            name: "summary.csv".to_string(),
            bytes: export::csv::summary(base, None)?,
        },
    ];
    Ok(files)
}

fn run_scenarios(args: &RunArgs) -> Result<(), AppError> {
    let overrides = parse_overrides(&args.overrides.set)?;
    let loaded = load_all(&args.scenarios, &overrides)?;
    // Two scenarios must not write into the same folder.
    let mut slugs: BTreeMap<&str, &str> = BTreeMap::new();
    for l in &loaded {
        if let Some(other) = slugs.insert(&l.scenario.slug, &l.scenario.file) {
            return Err(AppError::Input(format!(
                "{} and {} both write to {}: give their [scenario] names different words",
                other,
                l.scenario.file,
                args.out.join(&l.scenario.slug).display()
            )));
        }
    }
    // Compute everything before touching any file.
    let mut all = Vec::new();
    for l in loaded {
        let results = compute(l.scenario, args)?;
        let files = render_files(&results)?;
        all.push((results, files));
    }
    let mut report = String::new();
    for (results, files) in &all {
        let dir = args.out.join(&results.scenario.slug);
        export::prepare_dir(&dir)?;
        let mut written = Vec::new();
        for f in files {
            export::write_atomic(&dir, &f.name, &f.bytes)?;
            written.push(f.name.clone());
        }
        report.push_str(&summary_text(results, &dir, &written));
    }
    if !args.quiet {
        print_stdout(&report);
    }
    Ok(())
}

/// `1234567.8` → `1,234,567.80`
pub fn money(x: Decimal) -> String {
    let s = format!("{:.2}", x);
    group_thousands(&s)
}

pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn summary_text(results: &Results, dir: &Path, written: &[String]) -> String {
    let s = &results.scenario;
    let b = &results.base;
    let m = &b.metrics;
    let cur = &s.currency;
    let end = s.month_label(s.months - 1);
    let mut out = String::new();
    out.push_str(&format!("{} ({})\n", s.name, s.file));
    out.push_str(&format!(
        "  horizon      {} to {} ({} months), {}\n",
        s.start, end, s.months, cur
    ));
    out.push_str(&format!(
        "  cash         {:>18} {cur}\n",
        money(b.totals[m.cash_total()])
    ));
    out.push_str(&format!(
        "  capacity     {:>18} {cur}  ({} engineer-months)\n",
        money(b.totals[m.capacity_cost()]),
        group_thousands(&b.totals[m.capacity_em()].to_string())
    ));
    out.push_str(&format!("  total        {:>18} {cur}\n", money(b.total())));
    out.push_str(&format!("  NPV          {:>18} {cur}\n", money(b.npv())));
    match b.break_even_month() {
        Some(month) => out.push_str(&format!("  break-even   {month}\n")),
        None => out.push_str("  break-even   none within horizon\n"),
    }
    out.push_str(&format!(
        "  files        {}/{{{}}}\n\n",
        dir.display(),
        written.join(", ")
    ));
    out
}
