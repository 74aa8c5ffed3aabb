//! Benchmarks for the figures the issues ask for: the exact base case, and
//! sampling + percentiles for 100,000 trials of a 60-month scenario with three
//! hiring cohorts and two custom costs.

use std::path::Path;

use adoptcost::harness::{NoProgress, Scenario, Trials, base_case, load, sensitivity};
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

fn benches(c: &mut Criterion) {
    let s = scenario("sixty-months.toml");
    c.bench_function("base case, 60 months", |b| b.iter(|| base_case(&s)));
    c.bench_function("sensitivity, 60 months", |b| b.iter(|| sensitivity(&s)));
    let mut group = c.benchmark_group("sampling");
    group.sample_size(10);
    group.bench_function("100k samples x 60 months + percentiles", |b| {
        b.iter(|| Trials::new(&s, 100_000, 1).run(&NoProgress))
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
