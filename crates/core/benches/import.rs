//! How long `import` takes on a generated document of about 5 MB (pretty JSON, 50 resources and
//! about 3,000 functions of 10 attachments), the size `ggaccess check` is measured on in the
//! README. Parsing, positions, shape detection and coercion are all in the timing.

mod support;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use ggaccess_core::import::{import, SourceFile};

fn bench_import(c: &mut Criterion) {
    let files = [SourceFile::new(
        "big.json",
        support::document_of_size(5_000_000),
    )];
    let mut benches = c.benchmark_group("import");
    benches.sample_size(10);
    benches.bench_function("5MB", |b| b.iter(|| import(black_box(&files))));
    benches.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
