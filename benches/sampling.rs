//! Benchmarks for the figures the issues ask for: the exact base case, and
//! sampling + percentiles for 100,000 trials of a 60-month scenario with three
//! hiring cohorts and two custom costs.

use std::path::Path;

use adoptcost::harness::{
    NoProgress, Scenario, Trials, base_case, compute, load, load_str, sensitivity,
};
use criterion::{Criterion, criterion_group, criterion_main};

fn scenario(file: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches")
        .join(file);
    match load(&path, &[]) {
        Ok(l) => l.scenario,
        Err(e) => panic!("{e}"),
    }
}

/// Three correlated pairs on top of the 60-month scenario (issue 12: at most
/// 1.2x the time of the same run without them).
const THREE_PAIRS: &str = "
[[correlation]]
inputs = [\"hiring.multiplier\", \"hiring.premium\"]
rank = 0.6
[[correlation]]
inputs = [\"ramp.months\", \"team.retention_raise\"]
rank = 0.3
[[correlation]]
inputs = [\"costs.training_course\", \"costs.tooling\"]
rank = -0.4
";

fn correlated(file: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    match load_str(file, &format!("{text}{THREE_PAIRS}"), &[]) {
        Ok(l) => l.scenario,
        Err(e) => panic!("{e}"),
    }
}

fn benches(c: &mut Criterion) {
    let s = scenario("sixty-months.toml");
    let pairs = correlated("sixty-months.toml");
    c.bench_function("base case, 60 months", |b| b.iter(|| base_case(&s)));
    c.bench_function("sensitivity, 60 months", |b| b.iter(|| sensitivity(&s)));
    let mut group = c.benchmark_group("sampling");
    group.sample_size(10);
    group.bench_function("100k samples x 60 months + percentiles", |b| {
        b.iter(|| Trials::new(&s, 100_000, 1).run(&NoProgress))
    });
    group.bench_function("100k samples x 60 months, three correlated pairs", |b| {
        b.iter(|| Trials::new(&pairs, 100_000, 1).run(&NoProgress))
    });
    // Everything `run` computes before writing: base case, tornado, trials,
    // percentiles and the sampled sensitivity columns.
    group.bench_function("compute: 100k samples x 60 months, all results", |b| {
        b.iter(|| compute(s.clone(), 100_000, 1, &NoProgress))
    });
    let waves = scenario("sixty-months-attrition.toml");
    group.bench_function("100k samples x 60 months, two waves and attrition", |b| {
        b.iter(|| Trials::new(&waves, 100_000, 1).run(&NoProgress))
    });
    group.bench_function("1 sample x 60 months", |b| {
        b.iter(|| Trials::new(&s, 1, 1).run(&NoProgress))
    });
    group.finish();
}

criterion_group!(sampling, benches);
criterion_main!(sampling);
