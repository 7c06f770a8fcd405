//! Benchmarks: `recommend` (target under 10 µs) and analytics over 100k and 1M records
//! (target: 100k under 20 ms). Run with `cargo xtask bench`.

use amends_domain::analytics::{summarise, Filter};
use amends_domain::testdata::generate;
use amends_domain::*;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;

fn bench_recommend(c: &mut Criterion) {
    let policy = Policy::conservative_retail(Currency::USD);
    let role = policy.role("associate").cloned().expect("preset role");
    let state = BudgetState::empty(&policy);
    let incident = generate(1, 7)[0].incident.clone();
    c.bench_function("recommend", |b| {
        b.iter(|| recommend(black_box(&incident), &policy, &state, &role))
    });
}

fn bench_analytics(c: &mut Criterion) {
    let mut g = c.benchmark_group("analytics");
    g.sample_size(10);
    for n in [100_000_usize, 1_000_000] {
        let records = generate(n, 42);
        let filter = Filter::all(Currency::USD);
        g.bench_function(format!("summarise {n}"), |b| {
            b.iter_batched(
                || (),
                |_| summarise(black_box(&records), &filter),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, bench_recommend, bench_analytics);
criterion_main!(benches);
