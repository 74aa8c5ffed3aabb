//! The commands: each reads as the whole program (parse → validate → compute →
//! export → report).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::cli::{CheckArgs, Cli, Command, NewArgs, RunArgs};
use crate::error::AppError;
use crate::export::{self, OutputFile, chart, labels};
use crate::model::CAPACITY;
use crate::model::base::{self, BaseCase};
use crate::sample::sensitivity::{self, SensitivityRow};
use crate::sample::{MAX_SAMPLES, Progress, Sampled, Trials};
use crate::scenario::{self, Loaded, Override, Scenario};
use crate::text::{group_thousands, money, money_f64};

/// The template written by `adoptcost new`.
const TEMPLATE: &str = include_str!("../docs/template.toml");

pub fn run(cli: Cli) -> Result<(), AppError> {
    match cli.command {
        Command::Run(args) => run_scenarios(&args),
        Command::Check(args) => check(&args),
        Command::New(args) => new(&args),
        Command::Compare(args) => crate::whatif::compare_command(&args),
        Command::Sweep(args) => crate::whatif::sweep_command(&args),
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

/// Writes to stderr; a closed stderr must not turn a warning into a panic
/// (`eprintln!` panics when the write fails, e.g. `2>&1 | head`).
pub fn print_stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

pub fn parse_overrides(set: &[String]) -> Result<Vec<Override>, AppError> {
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
            print_stderr(&format!("warning: {w}\n"));
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
    pub sampled: Option<Sampled>,
    pub sensitivity: Vec<SensitivityRow>,
}

/// Computes a scenario's results (no files touched).
pub fn compute(
    scenario: Scenario,
    samples: usize,
    seed: u64,
    progress: &Progress,
) -> Result<Results, AppError> {
    let located = |e: crate::model::Overflow| AppError::Input(format!("{}: {e}", scenario.file));
    let base = base::run(&scenario).map_err(located)?;
    let sensitivity = sensitivity::sensitivity(&scenario).map_err(located)?;
    let sampled = if samples > 0 {
        let trials = Trials::new(&scenario, samples, seed);
        let sampled = trials.run(progress).map_err(located)?;
        check_finite(&scenario, &sampled)?;
        Some(sampled)
    } else {
        None
    };
    Ok(Results {
        scenario,
        base,
        sampled,
        sensitivity,
    })
}

/// Sampled figures must be finite to be written (an extreme draw could overflow
/// f64): the first that is not is refused, naming it and the inputs behind it.
pub fn check_finite(scenario: &Scenario, sampled: &Sampled) -> Result<(), AppError> {
    let metrics = base::Metrics::new(scenario);
    let finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
    let bad_metric = sampled
        .stats
        .iter()
        .position(|s| !finite(&[s.mean, s.p10, s.p50, s.p90]))
        .map(|i| metrics.names[i].clone());
    let bad = bad_metric.or_else(|| {
        sampled
            .bands
            .iter()
            .position(|b| !finite(b))
            .map(|_| "cumulative_total".to_string())
    });
    let Some(item) = bad else {
        return Ok(());
    };
    let plain = item.strip_suffix("_em").unwrap_or(&item);
    let inputs = if scenario.costs.iter().any(|c| c.name == item) {
        format!("costs.{item}, team.engineers, hiring.plan counts")
    } else if crate::model::CASH_BEFORE_COSTS.contains(&plain)
        || crate::model::CASH_AFTER_COSTS.contains(&plain)
        || CAPACITY.contains(&plain)
    {
        crate::model::item_inputs(plain).to_string()
    } else {
        "every money input".to_string()
    };
    Err(AppError::Input(format!(
        "{}: sampling gave `{item}` a value that is not a finite number: the ranges of the inputs behind it ({inputs}) are too extreme together; narrow them",
        scenario.file
    )))
}

/// Which charts to draw.
#[derive(Debug, Clone, Copy)]
pub struct ChartOptions {
    pub enabled: bool,
    pub svg: bool,
    pub size: (u32, u32),
}

impl ChartOptions {
    /// The options the chart flags ask for.
    pub fn from_args(args: &crate::cli::ChartArgs) -> Self {
        ChartOptions {
            enabled: !args.no_charts,
            svg: args.svg,
            size: args.chart_size,
        }
    }
}

/// The chart data of a scenario, from results already computed (charts never
/// run the model).
pub fn chart_data(results: &Results) -> chart::ChartData {
    use rust_decimal::prelude::ToPrimitive;
    let s = &results.scenario;
    let b = &results.base;
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let mut money_items: Vec<chart::Series> = b
        .cash_columns
        .iter()
        .enumerate()
        .map(|(i, key)| chart::Series {
            key: key.clone(),
            label: labels::item_label(key),
            values: b.rows.iter().map(|r| f(r.cash[i])).collect(),
        })
        .collect();
    money_items.extend(CAPACITY.iter().enumerate().map(|(i, key)| chart::Series {
        key: key.to_string(),
        label: labels::item_label(key),
        values: b.rows.iter().map(|r| f(r.capacity[i])).collect(),
    }));
    // Capacity chart order: the causes people act on first.
    let capacity_em = [0, 1, 2, 4, 3]
        .iter()
        .map(|&i| chart::Series {
            key: CAPACITY[i].to_string(),
            label: labels::item_label(CAPACITY[i]),
            values: b.rows.iter().map(|r| f(r.em[i])).collect(),
        })
        .collect();
    let tornado = results
        .sensitivity
        .iter()
        .map(|row| {
            let input = &s.inputs[row.input];
            chart::TornadoBar {
                label: format!("{} ({})", input.label, input.key),
                low_text: labels::value_text(row.low, input.unit, &s.currency),
                high_text: labels::value_text(row.high, input.unit, &s.currency),
                total_at_low: f(row.total_at_low),
                total_at_high: f(row.total_at_high),
            }
        })
        .collect();
    let sampled = results.sampled.as_ref().map(|sm| {
        let t = &sm.stats[b.metrics.total()];
        chart::SampledSpread {
            samples: sm.samples,
            seed: sm.seed,
            bands: sm.bands.iter().map(|x| [x[0], x[1], x[2]]).collect(),
            totals: sm.totals.clone(),
            total_p10: t.p10,
            total_p50: t.p50,
            total_p90: t.p90,
        }
    });
    chart::ChartData {
        scenario_name: s.name.clone(),
        currency: s.currency.clone(),
        months: b.rows.iter().map(|r| r.month.to_string()).collect(),
        sampled,
        cumulative_base: b.rows.iter().map(|r| f(r.cumulative_total)).collect(),
        break_even: b.break_even,
        money_items,
        capacity_em,
        tornado,
        base_total: f(b.total()),
    }
}

/// Draws every chart into memory (in parallel; each chart is independent).
fn render_charts(results: &Results, options: ChartOptions) -> Result<Vec<OutputFile>, AppError> {
    use rayon::prelude::*;
    if !options.enabled {
        return Ok(Vec::new());
    }
    let data = chart_data(results);
    let rendered: Vec<Result<Vec<OutputFile>, chart::ChartError>> = chart::Chart::ALL
        .par_iter()
        .map(|&c| {
            let mut files = Vec::new();
            let mut png = Vec::new();
            chart::render(c, &data, options.size, chart::Target::Png(&mut png))?;
            files.push(OutputFile {
                name: format!("{}.png", c.name()),
                bytes: png,
            });
            if options.svg {
                let mut svg = String::new();
                chart::render(c, &data, options.size, chart::Target::Svg(&mut svg))?;
                files.push(OutputFile {
                    name: format!("{}.svg", c.name()),
                    bytes: svg.into_bytes(),
                });
            }
            Ok(files)
        })
        .collect();
    let mut files = Vec::new();
    for r in rendered {
        files.extend(
            r.map_err(|e| AppError::Runtime(anyhow::anyhow!("{}: {e}", results.scenario.file)))?,
        );
    }
    Ok(files)
}

/// The files of one scenario's results.
pub fn render_files(results: &Results, charts: ChartOptions) -> Result<Vec<OutputFile>, AppError> {
    let base = &results.base;
    let stats = results.sampled.as_ref().map(|s| s.stats.as_slice());
    let mut files = vec![
        OutputFile {
            name: "monthly.csv".to_string(),
            bytes: export::csv::monthly(base)?,
        },
        OutputFile {
            name: "summary.csv".to_string(),
            bytes: export::csv::summary(base, stats)?,
        },
        OutputFile {
            name: "sensitivity.csv".to_string(),
            bytes: export::csv::sensitivity(&results.sensitivity)?,
        },
    ];
    if let Some(sampled) = &results.sampled {
        files.push(OutputFile {
            name: "bands.csv".to_string(),
            bytes: export::csv::bands(base, &sampled.bands)?,
        });
    }
    files.extend(render_charts(results, charts)?);
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
    if args.samples > MAX_SAMPLES {
        return Err(AppError::Input(format!(
            "--samples {} is above the limit of {MAX_SAMPLES}; 10,000 to 100,000 samples give stable percentiles",
            args.samples
        )));
    }
    // Compute everything before touching any file.
    let mut all = Vec::new();
    for l in loaded {
        let progress = Progress::for_run(args.samples, l.scenario.months, args.quiet);
        let results = compute(l.scenario, args.samples, args.seed, &progress)?;
        progress.finish();
        let charts = ChartOptions::from_args(&args.charts);
        let mut files = render_files(&results, charts)?;
        if args.xlsx {
            files.push(OutputFile {
                name: "model.xlsx".to_string(),
                bytes: export::xlsx::workbook(
                    &results.scenario,
                    &results.base,
                    results.sampled.as_ref(),
                    &results.sensitivity,
                )?,
            });
        }
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
        if args.export_samples && args.samples > 0 {
            write_samples(results, &dir, args)?;
            written.push("samples.csv".to_string());
        }
        remove_stale_outputs(&dir, &written);
        report.push_str(&summary_text(results, &dir, &written));
    }
    if !args.quiet {
        print_stdout(&report);
    }
    Ok(())
}

/// Files `run` writes in a scenario's folder. After a successful run, those
/// this run did not write (e.g. `bands.csv` after `--samples 0`, charts after
/// `--no-charts`) belong to an earlier run and no longer match the CSV files
/// beside them, so they are removed. Other files (e.g. `sweep.csv`) are kept.
pub const RUN_OUTPUTS: [&str; 16] = [
    "monthly.csv",
    "summary.csv",
    "sensitivity.csv",
    "bands.csv",
    "samples.csv",
    "model.xlsx",
    "cumulative.png",
    "breakdown.png",
    "tornado.png",
    "distribution.png",
    "capacity.png",
    "cumulative.svg",
    "breakdown.svg",
    "tornado.svg",
    "distribution.svg",
    "capacity.svg",
];

fn remove_stale_outputs(dir: &Path, written: &[String]) {
    for name in RUN_OUTPUTS {
        if !written.iter().any(|w| w == name) {
            // Best effort: a file that cannot be removed is left as it was.
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
}

/// Streams `samples.csv` to a temporary file and renames it into place.
fn write_samples(results: &Results, dir: &Path, args: &RunArgs) -> Result<(), AppError> {
    let final_path = dir.join("samples.csv");
    let tmp = export::temp_path(&final_path);
    let result = (|| -> anyhow::Result<()> {
        let file = std::fs::File::create(&tmp)?;
        let mut out = std::io::BufWriter::new(file);
        Trials::new(&results.scenario, args.samples, args.seed).write_samples_csv(&mut out)?;
        out.into_inner()
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .sync_all()?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(AppError::Runtime(
            e.context(format!("cannot write {}", final_path.display())),
        ));
    }
    export::commit_temp(&tmp, &final_path)?;
    Ok(())
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
        "  horizon      {} to {} ({} month{}), {}\n",
        s.start,
        end,
        s.months,
        if s.months == 1 { "" } else { "s" },
        cur
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
    if let Some(sampled) = &results.sampled {
        let t = &sampled.stats[m.total()];
        out.push_str(&format!(
            "  total P10    {:>18} {cur}   P50 {} {cur}   P90 {} {cur}   ({} samples, seed {})\n",
            money_f64(t.p10),
            money_f64(t.p50),
            money_f64(t.p90),
            group_thousands(&sampled.samples.to_string()),
            sampled.seed
        ));
    }
    out.push_str(&format!("  NPV          {:>18} {cur}\n", money(b.npv())));
    match b.break_even_month() {
        Some(month) => out.push_str(&format!("  break-even   {month}\n")),
        None => out.push_str("  break-even   none within horizon\n"),
    }
    if !results.sensitivity.is_empty() {
        out.push_str("  top drivers  (how far the total moves between an input's low and high)\n");
        for row in results.sensitivity.iter().take(5) {
            let input = &s.inputs[row.input];
            out.push_str(&format!(
                "    {:<34} {:>16} {cur}   ({} to {})\n",
                row.key,
                money(row.swing),
                labels::value_text(row.low, input.unit, cur),
                labels::value_text(row.high, input.unit, cur)
            ));
        }
    }
    out.push_str(&format!(
        "  files        {}/{{{}}}\n\n",
        dir.display(),
        written.join(", ")
    ));
    out
}
