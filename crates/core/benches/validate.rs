//! How long `validate` takes on a generated group of 50 resources and 1,000 or 10,000 functions
//! with 10 attachments each (`cargo bench -p ggaccess-core`). The group is built once, outside
//! the timing; what is timed is the whole of `validate`, reading the document included.

mod support;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ggaccess_core::{validate, Group};

fn bench_validate(c: &mut Criterion) {
    let mut benches = c.benchmark_group("validate");
    for functions in [1_000, 10_000] {
        let group = Group::from_doc(support::group(support::RESOURCES, functions));
        let found = validate(&group).len();
        println!("{functions} functions: {found} diagnostics");

        // The larger group takes tens of milliseconds a run: fewer samples keep it under a minute.
        if functions > 1_000 {
            benches.sample_size(20);
        }
        benches.bench_with_input(BenchmarkId::new("functions", functions), &group, |b, g| {
            b.iter(|| validate(black_box(g)))
        });
    }
    benches.finish();
}

criterion_group!(benches, bench_validate);
criterion_main!(benches);
