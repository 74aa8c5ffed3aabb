//! Benchmark for the sweep figure the what-if issue asks for: 10,000
//! combinations of a 60-month scenario (three hiring cohorts, two custom costs)
//! within 2 s, each combination validated and run as `run --set` would.

use std::path::Path;

use adoptcost::harness::{
    NoProgress, Vary, check_varies, parse_file, parse_vary, resolve_vary, run_sweep,
};
use criterion::{Criterion, criterion_group, criterion_main};

fn benches(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches")
        .join("sixty-months.toml");
    let parsed = parse_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let base = parsed.validate(&[]).unwrap_or_else(|e| panic!("{e}"));
    let varies: Vec<Vary> = ["hiring.premium=0:0.99:0.01", "ramp.months=0.5:50:0.5"]
        .iter()
        .map(|text| {
            parse_vary(text)
                .and_then(|spec| resolve_vary(spec, &base.scenario))
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    assert_eq!(check_varies(&varies), Ok(10_000));
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10);
    group.bench_function("10,000 combinations x 60 months", |b| {
        b.iter(|| {
            run_sweep(
                &parsed,
                &[],
                base.scenario.clone(),
                varies.clone(),
                &NoProgress,
            )
        })
    });
    group.finish();
}

criterion_group!(sweeps, benches);
criterion_main!(sweeps);
