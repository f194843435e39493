//! How long `validate` takes on a generated group of 50 resources and 1,000 or 10,000 functions
//! with 10 attachments each (`cargo bench -p ggaccess-core`). The group is built once, outside
//! the timing; what is timed is the whole of `validate`, reading the document included.
//!
//! `validate/parts` splits the 1,000-function run into its steps: reading the typed view,
//! deriving the context, and each rule family on a prepared context. Sorting and locating the
//! diagnostics are what remains of the whole.

mod support;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ggaccess_core::model::GroupView;
use ggaccess_core::rules::{self, Context};
use ggaccess_core::{validate, Diagnostic, Group};

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

/// One rule family's entry point.
type Family = fn(&Context, &mut Vec<Diagnostic>);

fn bench_parts(c: &mut Criterion) {
    let mut benches = c.benchmark_group("validate/parts");
    let group = Group::from_doc(support::group(support::RESOURCES, 1_000));
    benches.bench_function("view", |b| {
        b.iter(|| GroupView::read(black_box(&group.doc)))
    });

    let view = group.view();
    benches.bench_function("context", |b| {
        b.iter(|| {
            Context::new(black_box(&view), group.core_version)
                .effective
                .len()
        })
    });

    let cx = Context::new(&view, group.core_version);
    let families: [(&str, Family); 7] = [
        ("ml", rules::ml::check),
        ("container", rules::container::check),
        ("runas", rules::runas::check),
        ("local", rules::local::check),
        ("secret", rules::secret::check),
        ("reference", rules::reference::check),
        ("function", rules::function::check),
    ];
    for (name, family) in families {
        benches.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::new();
                family(black_box(&cx), &mut out);
                out
            })
        });
    }
    benches.bench_function("shape", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            rules::shape::check(black_box(&group.doc), &cx, &mut out);
            out
        })
    });
    benches.finish();
}

criterion_group!(benches, bench_validate, bench_parts);
criterion_main!(benches);
